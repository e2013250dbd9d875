//! The real binary over raw TCP: what only a socket shows (what hyper refuses before the router sees a request,
//! the Host header as it arrived, the connection cap, the metrics address).

// Helpers outside `#[test]` functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

mod support;
use std::io::{Read, Write};
use std::net::TcpStream;
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

fn addr(server: &Server) -> String {
    server.url.strip_prefix("http://").unwrap().to_owned()
}

fn start(extra: &[&str]) -> Server {
    let mut args = vec!["serve", "--addr", "127.0.0.1:0", "--log-level", "off"];
    args.extend_from_slice(extra);
    Server::start(&args, &[])
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
