//! The real binary over raw TCP: what only a socket shows (what hyper refuses before the router sees a request,
//! the Host header as it arrived, the connection cap, the metrics address).

// Helpers outside `#[test]` functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

mod support;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;
use support::Server;

/// `request` (the whole of it, as bytes) sent on a new connection to `addr`: the answer's status, head and body,
/// read until the server closes (every request here says `Connection: close`, or is refused).
fn raw(addr: &str, request: &[u8]) -> (u16, String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    // The server may answer (and close) before the whole of a long request is written.
    let _ = stream.write_all(request);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let status = head.split(' ').nth(1).and_then(|status| status.parse().ok()).unwrap_or(0);
    (status, head.to_owned(), body.to_owned())
}

/// [`raw`] for a request the server refuses before reading all of it: closing with unread data resets the
/// connection, which can destroy the answer before it is read, so it is asked again (a few times) until an answer
/// arrives.
fn refused(addr: &str, request: &[u8]) -> (u16, String, String) {
    for _ in 0..20 {
        let answer = raw(addr, request);
        if answer.0 != 0 {
            return answer;
        }
    }
    panic!("no answer to 20 attempts")
}

fn addr(server: &Server) -> String {
    server.url.strip_prefix("http://").unwrap().to_owned()
}

fn start(extra: &[&str]) -> Server {
    let mut args = vec!["serve", "--addr", "127.0.0.1:0", "--log-level", "off"];
    args.extend_from_slice(extra);
    Server::start(&args, &[])
}

/// A loopback address free now, for a listener the server binds (it prints only the site's address).
fn free_addr() -> String {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().to_string()
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|_| panic!("not JSON: {body:?}"))
}

/// RFC 9112 §3.2: a server MUST answer 400 to an HTTP/1.1 request without a Host header and to any request with
/// more than one. An HTTP/1.0 request may go without.
#[test]
fn a_missing_or_repeated_host_header_is_a_400() {
    let server = start(&[]);
    let addr = addr(&server);
    // Asked once properly first, so that the page cache ahead of the router holds the page.
    for path in ["/http-status/418", "/api/http-status/418", "/"] {
        let good = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
        assert_eq!(raw(&addr, good.as_bytes()).0, 200, "{path}");
        for (what, request) in [
            ("no Host", format!("GET {path} HTTP/1.1\r\nConnection: close\r\n\r\n")),
            (
                "two Hosts",
                format!(
                    "GET {path} HTTP/1.1\r\nHost: {addr}\r\nHost: a.example\r\nConnection: close\r\n\r\n"
                ),
            ),
            (
                "a Host that is no host",
                format!("GET {path} HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n"),
            ),
        ] {
            let (status, head, body) = raw(&addr, request.as_bytes());
            assert_eq!(status, 400, "{path}, {what}: {head}");
            assert!(head.to_ascii_lowercase().contains("content-security-policy:"), "{head}");
            let body = json(&body);
            assert_eq!(body["error"], "invalid_request", "{body}");
            let message = body["message"].as_str().unwrap();
            assert!(message.contains("Host") && message.contains("RFC 9112"), "{message}");
        }
        let old = format!("GET {path} HTTP/1.0\r\n\r\n");
        assert_eq!(raw(&addr, old.as_bytes()).0, 200, "{path}: HTTP/1.0 needs no Host");
    }
    // `devtools healthcheck` sends one.
    let output = support::run(&["healthcheck", "--addr", &addr]);
    assert!(output.status.success(), "{}", support::stderr(&output));
}

/// The trailing-slash redirect never names another host: a backslash is a slash to a browser's URL parser
/// (WHATWG URL), so `/\evil.com` would be `//evil.com`.
#[test]
fn a_redirect_never_leads_off_site_even_with_a_raw_backslash() {
    let server = start(&[]);
    let addr = addr(&server);
    for target in ["/\\evil.com/", "/\\\\evil.com/", "/%5Cevil.com/", "/\\/evil.com/", "/x\\y/"] {
        let request = format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
        let (status, head, _) = raw(&addr, request.as_bytes());
        let location = head
            .lines()
            .find_map(|line| line.strip_prefix("location: "))
            .unwrap_or_default()
            .to_owned();
        if status == 308 {
            assert!(!location.contains('\\'), "{target}: {location}");
            assert!(location.starts_with('/'), "{target}: {location}");
            assert!(!location.starts_with("//"), "{target}: {location}");
        } else {
            assert_eq!(status, 404, "{target}: {head}");
        }
    }
    let request = format!("GET /\\evil.com/ HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    let (status, head, _) = raw(&addr, request.as_bytes());
    assert_eq!(status, 308, "{head}");
    assert!(head.contains("\r\nlocation: /%5Cevil.com\r\n"), "{head}");
}

/// RFC 9110 §15.5.15: a request-target longer than the server will read is 414 URI Too Long; 431 is for the
/// header fields.
#[test]
fn an_over_long_url_is_a_414_and_over_long_headers_a_431() {
    let server = start(&[]);
    let addr = addr(&server);
    let long = "a".repeat(80 * 1024);
    let request =
        format!("GET /search?q={long} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    let (status, head, body) = refused(&addr, request.as_bytes());
    assert_eq!(status, 414, "{head}");
    assert!(head.starts_with("HTTP/1.1 414 URI Too Long\r\n"), "{head}");
    assert_eq!(json(&body)["error"], "uri_too_long", "{body}");

    let request =
        format!("GET / HTTP/1.1\r\nHost: {addr}\r\nX-Big: {long}\r\nConnection: close\r\n\r\n");
    let (status, head, body) = refused(&addr, request.as_bytes());
    assert_eq!(status, 431, "{head}");
    assert_eq!(json(&body)["error"], "header_too_large", "{body}");
    // And a request on the same address still works.
    let request = format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    assert_eq!(raw(&addr, request.as_bytes()).0, 200);
}

/// The value of the sample written exactly as `series` (name and labels), if any.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
}

/// What hyper refuses before the router sees a request (a head too large, a malformed request line) is counted
/// like every other answer, under `route="unmatched"`.
#[test]
fn refusals_hyper_answers_are_counted_in_the_request_metrics() {
    let metrics_addr = free_addr();
    let server = start(&["--metrics-addr", &metrics_addr]);
    let addr = addr(&server);
    let huge = "a".repeat(80 * 1024);
    for _ in 0..3 {
        // Each is answered (and counted) even when the reset destroys the answer before it is read.
        let request = format!("GET / HTTP/1.1\r\nHost: x\r\nX-Big: {huge}\r\n\r\n");
        assert!(matches!(raw(&addr, request.as_bytes()).0, 431 | 0));
    }
    assert_eq!(raw(&addr, b"NOT A REQUEST LINE\r\n\r\n").0, 400);
    let (status, _, text) =
        raw(&metrics_addr, b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 200);
    let series = |status: u16| {
        format!(
            "devtools_http_requests_total{{route=\"unmatched\",method=\"other\",status=\"{status}\"}}"
        )
    };
    assert_eq!(sample(&text, &series(431)), Some(3.0), "{text}");
    assert_eq!(sample(&text, &series(400)), Some(1.0), "{text}");
}

/// The metrics address says what it serves when asked for anything else, rather than calling a well-formed
/// request malformed.
#[test]
fn the_metrics_address_says_what_is_there() {
    let metrics_addr = free_addr();
    let _server = start(&["--metrics-addr", &metrics_addr]);
    for path in ["/", "/nothing", "/metrics/"] {
        let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        let (status, head, body) = raw(&metrics_addr, request.as_bytes());
        assert_eq!(status, 404, "{path}: {head}");
        let body = json(&body);
        assert_eq!(body["error"], "not_found", "{body}");
        let message = body["message"].as_str().unwrap();
        assert!(message.contains("/metrics") && !message.contains("malformed"), "{message}");
    }
    let (status, head, body) = raw(
        &metrics_addr,
        b"POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 405, "{head}");
    assert!(head.to_ascii_lowercase().contains("\r\nallow: get,head"), "{head}");
    assert_eq!(json(&body)["error"], "method_not_allowed", "{body}");
}

/// With every connection the site serves taken (here by one idle client), the probes still answer: on the
/// metrics address, which the public cannot fill (see `server::serve_counted`).
#[test]
fn the_probes_answer_while_the_connection_cap_is_full() {
    let metrics_addr = free_addr();
    let server = start(&["--max-connections", "1", "--metrics-addr", &metrics_addr]);
    let addr = addr(&server);
    let _idle = TcpStream::connect(&addr).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let probe = |path: &str| {
        let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        raw(&metrics_addr, request.as_bytes())
    };
    let request = b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    assert_eq!(raw(&addr, request).0, 503, "the site's own address is full");
    let (status, _, body) = probe("/healthz");
    assert_eq!((status, body.as_str()), (200, "ok"));
    let (status, _, body) = probe("/readyz");
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body)["ready"], true, "{body}");
    // The container's health check asks the metrics address when there is one.
    let output = support::run_with(
        &["healthcheck", "--addr", &addr],
        "",
        &[("DEVTOOLS_METRICS_ADDR", &metrics_addr)],
    );
    assert!(output.status.success(), "{}", support::stderr(&output));
}
