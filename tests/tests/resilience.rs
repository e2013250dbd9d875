//! The real binary under hostile clients and signals: slowloris connections, oversized headers, and SIGTERM with a
//! request in flight and under load.

use devtools_e2e::Server;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn read_all(stream: &mut TcpStream) -> String {
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

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
    // The server is still fine afterwards.
    assert_eq!(server.get("/healthz").status, 200);
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
