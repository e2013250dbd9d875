//! The real binary under hostile clients and signals: slowloris and silent connections, more connections than it
//! serves, oversized headers and bodies, and SIGTERM with a request in flight, under load, and with a request that
//! never ends.

use devtools_e2e::{HttpResponse, Server};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn read_all(stream: &mut TcpStream) -> String {
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Reads until the server closes the connection or `bound` has passed: what the server sent, and whether it
/// closed the connection (end of stream, or a reset) rather than leaving it open.
fn read_until_closed(stream: &mut TcpStream, bound: Duration) -> (Vec<u8>, bool) {
    let deadline = Instant::now() + bound;
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return (out, false);
        }
        stream.set_read_timeout(Some(left)).expect("set a read timeout");
        match stream.read(&mut buf) {
            Ok(0) => return (out, true),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(error)
                if matches!(
                    error.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return (out, false);
            }
            Err(_) => return (out, true),
        }
    }
}

/// Generous: far longer than any timeout the tests below set, so only a connection the server keeps open fails.
const BOUND: Duration = Duration::from_secs(30);

#[test]
fn slow_clients_do_not_exhaust_the_server_and_are_cut_off() {
    let server = Server::start();
    // 200 connections that send half a request head and then nothing (slowloris).
    let mut slow: Vec<TcpStream> = (0..200)
        .map(|i| {
            let mut stream = TcpStream::connect(&server.addr).unwrap();
            write!(stream, "GET /http-status/{} HTTP/1.1\r\nHost: x\r\nX-Slow: ", 400 + i % 20)
                .unwrap();
            stream
        })
        .collect();
    // Others are still served, promptly.
    let started = Instant::now();
    for _ in 0..20 {
        assert_eq!(server.get("/http-status/403").status, 200);
    }
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "normal requests were slowed down: {:?}",
        started.elapsed()
    );
    // The server closes connections whose head does not arrive within its header read timeout.
    let deadline = Duration::from_secs(devtools_web::server::HEADER_READ_TIMEOUT.as_secs() + 5);
    for stream in &mut slow {
        stream.set_read_timeout(Some(deadline)).unwrap();
    }
    let mut buf = [0u8; 512];
    let closed = slow
        .iter_mut()
        .map(|stream| match stream.read(&mut buf) {
            // End of stream, or an answer (hyper may say 408) before closing: the server cut it off.
            Ok(_) => true,
            // Our own read timeout ran out first: the server kept the connection open.
            Err(error) => !matches!(
                error.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ),
        })
        .filter(|closed| *closed)
        .count();
    assert_eq!(closed, 200, "every slow connection is closed by the server");
}

#[test]
fn oversized_request_heads_are_refused() {
    let server = Server::start();
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    let huge = "a".repeat(devtools_web::server::MAX_HEADER_BUFFER + 1024);
    let _ = write!(stream, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {huge}\r\n\r\n");
    let answer = read_all(&mut stream);
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 431"), "{answer}");
    if !answer.is_empty() {
        let csp = format!("\r\nContent-Security-Policy: {}\r\n", devtools_web::CSP);
        assert!(answer.contains(&csp), "hyper's own 431 lacks the security headers: {answer}");
    }
    // The server is still fine afterwards.
    assert_eq!(server.get("/healthz").status, 200);
}

/// A request hyper cannot parse is answered by hyper itself, before any route; it still carries the site's
/// security headers and a JSON error, and a keep-alive connection's second, malformed request gets the same.
#[test]
fn unparsable_requests_get_the_security_headers_too() {
    let server = Server::start();
    for request in [
        "GARBAGE\r\n\r\n".to_owned(),
        "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nNOT A REQUEST LINE\r\n\r\n".to_owned(),
    ] {
        let mut stream = TcpStream::connect(&server.addr).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let answer = read_all(&mut stream);
        let last = &answer[answer.rfind("HTTP/1.1 ").expect("an answer")..];
        assert!(last.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{answer}");
        let (head, body) = last.split_once("\r\n\r\n").expect("a whole head");
        assert!(
            head.contains(&format!("\r\nContent-Security-Policy: {}", devtools_web::CSP)),
            "{head}"
        );
        assert!(head.contains("\r\nX-Content-Type-Options: nosniff"), "{head}");
        assert!(head.contains(&format!("\r\ncontent-length: {}\r\n", body.len())), "{head}");
        let error: serde_json::Value = serde_json::from_str(body).expect("a JSON error");
        assert_eq!(error["error"], "invalid_request", "{error}");
    }
}

#[cfg(unix)]
#[test]
fn sigterm_lets_the_request_in_flight_finish_refuses_new_connections_and_exits_0() {
    let server = Server::start();
    let body = serde_json::json!({"pattern": "(\\d+)", "text": "a 1 b 22 c 333", "flags": "", "flavor": "rust"})
        .to_string();
    let (head, tail) = body.split_at(body.len() / 2);
    // A request in flight: the head and half the body are sent, the rest comes after the signal.
    let mut in_flight = TcpStream::connect(&server.addr).unwrap();
    write!(
        in_flight,
        "POST /api/regex HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{head}",
        body.len()
    )
    .unwrap();
    in_flight.flush().unwrap();
    std::thread::sleep(Duration::from_millis(200));

    let status = std::process::Command::new("kill")
        .args(["-TERM", &server.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());

    // New connections are refused once the listener is closed.
    let deadline = Instant::now() + Duration::from_secs(5);
    while TcpStream::connect(&server.addr).is_ok() {
        assert!(Instant::now() < deadline, "still accepting connections after SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    }

    in_flight.write_all(tail.as_bytes()).unwrap();
    let answer = read_all(&mut in_flight);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"match_count\":3"), "{answer}");
    assert_eq!(server.wait(), Some(0));
}

/// How one client request of the load below ended.
#[derive(Debug, PartialEq)]
enum Outcome {
    /// A complete `200` answer with the whole body its `Content-Length` announced.
    Answered,
    /// No connection, or the connection closed before a single byte of answer: the server had stopped taking
    /// connections (a connection still in the kernel's backlog is reset when the listener closes).
    Refused,
    /// Anything else: a partial or wrong answer, which a graceful shutdown must never produce.
    Broken(String),
}

fn one_request(addr: &str) -> Outcome {
    let Ok(mut stream) = TcpStream::connect(addr) else { return Outcome::Refused };
    stream.set_read_timeout(Some(Duration::from_secs(20))).expect("set a read timeout");
    if stream
        .write_all(b"GET /http-status/403 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .is_err()
    {
        return Outcome::Refused;
    }
    let mut answer = Vec::new();
    let read = stream.read_to_end(&mut answer);
    if answer.is_empty() {
        return Outcome::Refused;
    }
    let text = String::from_utf8_lossy(&answer);
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        return Outcome::Broken(format!("no end of head ({read:?}): {text}"));
    };
    let length = head.lines().find_map(|line| {
        line.to_ascii_lowercase().strip_prefix("content-length: ").map(str::to_owned)
    });
    match length.and_then(|n| n.trim().parse::<usize>().ok()) {
        Some(n) if head.starts_with("HTTP/1.1 200") && body.len() == n => Outcome::Answered,
        _ => Outcome::Broken(format!("{read:?}: {}", &text[..text.len().min(300)])),
    }
}

#[cfg(unix)]
#[test]
fn sigterm_under_load_answers_every_request_it_took_and_exits_0() {
    let server = Server::start();
    let addr = server.addr.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // 16 clients, each sending request after request until the server refuses them.
    let clients: Vec<_> = (0..16)
        .map(|_| {
            let addr = addr.clone();
            let stop = std::sync::Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut outcomes = Vec::new();
                let deadline = Instant::now() + Duration::from_secs(30);
                loop {
                    let outcome = one_request(&addr);
                    let refused = outcome == Outcome::Refused;
                    outcomes.push(outcome);
                    if refused && stop.load(std::sync::atomic::Ordering::SeqCst) {
                        return outcomes;
                    }
                    if Instant::now() > deadline {
                        outcomes
                            .push(Outcome::Broken("still answering 30 s after the start".into()));
                        return outcomes;
                    }
                }
            })
        })
        .collect();
    // Let the load run, then signal in the middle of it.
    std::thread::sleep(Duration::from_millis(500));
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let status = std::process::Command::new("kill")
        .args(["-TERM", &server.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());

    let outcomes: Vec<Outcome> = clients.into_iter().flat_map(|c| c.join().unwrap()).collect();
    let broken: Vec<&Outcome> =
        outcomes.iter().filter(|o| matches!(o, Outcome::Broken(_))).collect();
    assert!(broken.is_empty(), "{} broken answers, first: {:?}", broken.len(), broken.first());
    let answered = outcomes.iter().filter(|o| **o == Outcome::Answered).count();
    assert!(answered >= 16, "the load ran before the signal: {answered} answers");
    assert_eq!(server.wait(), Some(0));
}

#[test]
fn silent_connections_of_every_kind_are_closed_after_the_idle_timeout() {
    let server = Server::start_with(&["--idle-timeout", "1"]);
    // An HTTP/2 preface followed by an empty SETTINGS frame: a valid HTTP/2 connection that asks for nothing.
    let mut h2 = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec();
    h2.extend_from_slice(&[0, 0, 0, 4, 0, 0, 0, 0, 0]);
    let kinds: [(&str, &[u8]); 5] = [
        ("nothing at all", b""),
        ("half an HTTP/2 preface (the server cannot tell the protocol yet)", b"PRI * HTTP/2.0\r\n"),
        ("an HTTP/2 connection with no request", &h2),
        ("half an HTTP/1 request head", b"GET / HTTP/1.1\r\nHost: x\r\n"),
        (
            "an HTTP/1 keep-alive connection after its answer",
            b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
        ),
    ];
    let mut streams: Vec<(&str, TcpStream)> = kinds
        .iter()
        .map(|(kind, bytes)| {
            let mut stream = TcpStream::connect(&server.addr).unwrap();
            stream.write_all(bytes).unwrap();
            (*kind, stream)
        })
        .collect();
    for (kind, stream) in &mut streams {
        let (answer, closed) = read_until_closed(stream, BOUND);
        assert!(closed, "the server left open a connection that sent {kind}");
        if kind.contains("keep-alive") {
            assert!(answer.starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&answer));
        }
    }
    // The server itself is fine.
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn connections_over_the_cap_get_503_busy_and_service_resumes_when_the_silent_ones_close() {
    let server = Server::start_with(&["--max-connections", "4", "--idle-timeout", "3"]);
    let mut silent: Vec<TcpStream> =
        (0..4).map(|_| TcpStream::connect(&server.addr).unwrap()).collect();
    // The fifth is accepted after the four (in order) while they still hold their places.
    let mut over = TcpStream::connect(&server.addr).unwrap();
    let (raw, closed) = read_until_closed(&mut over, BOUND);
    assert!(closed, "the refused connection is closed");
    let answer = HttpResponse::from_raw(&raw).expect("a complete answer");
    assert_eq!(answer.status, 503, "{answer:?}");
    assert_eq!(
        answer.header("retry-after"),
        Some(devtools_web::server::REFUSAL_RETRY_AFTER.to_string().as_str())
    );
    assert_eq!(answer.header("connection"), Some("close"));
    assert_eq!(answer.header("content-security-policy"), Some(devtools_web::CSP));
    assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(answer.header("x-frame-options"), Some("DENY"));
    assert_eq!(answer.header("content-type"), Some("application/json"));
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(json["error"], "busy");

    for stream in &mut silent {
        assert!(read_until_closed(stream, BOUND).1, "a silent connection was left open");
    }
    // Their places are free again (a place is returned just after its socket closes, hence a few tries).
    let mut status = 0;
    for _ in 0..100 {
        status = server.get("/healthz").status;
        if status != 503 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(status, 200);
}

#[cfg(unix)]
#[test]
fn sigterm_exits_when_the_grace_runs_out_even_if_a_request_never_ends() {
    let mut server = Server::start_with(&["--shutdown-grace", "1"]);
    // An upload that stops half way: the request is in flight until the server gives up on it.
    let mut upload = TcpStream::connect(&server.addr).unwrap();
    write!(
        upload,
        "POST /api/regex HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n\
         {{\"pattern\": \"a\", \"text\": \""
    )
    .unwrap();
    upload.flush().unwrap();
    std::thread::sleep(Duration::from_millis(500));

    let status = std::process::Command::new("kill")
        .args(["-TERM", &server.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());

    let exit =
        server.wait_within(BOUND).expect("the server exits although the request never ended");
    // Not 0: the grace ran out with the upload still in flight, and the server says so.
    assert_eq!(exit.code(), Some(i32::from(devtools_web::server::EXIT_GRACE_EXPIRED)));
    let (answer, closed) = read_until_closed(&mut upload, BOUND);
    assert!(closed);
    assert!(!answer.starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&answer));
}

#[test]
fn a_body_over_the_limit_gets_a_413_that_a_client_sending_the_whole_body_reads() {
    let server = Server::start();
    // Like curl or Python: send the whole request, then read. `request` panics if sending fails.
    let body = vec![b'a'; devtools_web::BODY_LIMIT + 1];
    let answer =
        server.request("POST", "/api/regex", &[("Content-Type", "application/json")], &body);
    assert_eq!(answer.status, 413, "{answer:?}");
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(json["error"], "payload_too_large");
    assert_eq!(json["message"], "The request body is larger than the 4 MiB this server accepts.");

    // The same with a chunked body, whose size the server learns only as it crosses the limit.
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    stream.set_write_timeout(Some(BOUND)).unwrap();
    write!(
        stream,
        "POST /api/regex HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\
         Connection: close\r\n\r\n"
    )
    .unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    for _ in 0..(devtools_web::BODY_LIMIT / chunk.len() + 2) {
        write!(stream, "{:x}\r\n", chunk.len()).unwrap();
        stream.write_all(&chunk).unwrap();
        stream.write_all(b"\r\n").unwrap();
    }
    stream.write_all(b"0\r\n\r\n").unwrap();
    let (raw, _) = read_until_closed(&mut stream, BOUND);
    let answer = HttpResponse::from_raw(&raw).expect("a complete answer");
    assert_eq!(answer.status, 413, "{answer:?}");
}

#[test]
fn a_regex_text_one_byte_over_the_tool_limit_gets_the_tool_error_not_payload_too_large() {
    let server = Server::start();
    // devtools_regex::MAX_TEXT_LEN + 1 (the regex crate is not a dependency of these tests).
    let over = 1024 * 1024 + 1;
    let answer = server.post_json(
        "/api/regex",
        &serde_json::json!({"pattern": "a", "text": "a".repeat(over), "flags": "", "flavor": "rust"}),
    );
    assert_eq!(answer.status, 413, "{answer:?}");
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(json["error"], "text_too_large");

    // The same length in two-byte characters, each JSON-escaped as `\u00e9` (6 bytes), as Python's json.dumps
    // sends them: three times the text's size on the wire, still within the body limit.
    let body = format!(
        r#"{{"pattern": "a", "text": "{}a", "flags": "", "flavor": "rust"}}"#,
        r"\u00e9".repeat(over / 2)
    );
    assert!(body.len() > 3 * (over - 1) && body.len() < devtools_web::BODY_LIMIT);
    let answer = server.request(
        "POST",
        "/api/regex",
        &[("Content-Type", "application/json")],
        body.as_bytes(),
    );
    assert_eq!(answer.status, 413, "{answer:?}");
    let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(json["error"], "text_too_large");
}
