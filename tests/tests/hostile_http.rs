//! Hostile input over plain HTTP against the real binary: every input of every tool (query parameters, GET and
//! POST form fields, JSON members, path segments) gets every string of the corpus in `hostile/mod.rs`, and every
//! answer must be a 200 or a 4xx with a clear message, carry the site's security headers and no injected one,
//! and show the input escaped, never evaluated. Then the response headers of every kind of route, and the
//! answers to methods a route does not take.

mod hostile;

use devtools_e2e::{HttpResponse, Server};
use hostile::{Input, NEVER_IN_HTML, Payload, Via, corpus, encode, form_body, inputs, json_body};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Sends one request over a fresh connection. Writing may fail half-way when the server refuses a huge request
/// early (413, 431) and closes; what it answered is still read.
fn send(
    server: &Server,
    method: &str,
    target: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> HttpResponse {
    let mut stream = TcpStream::connect(&server.addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
    let mut head =
        format!("{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", server.addr);
    if let Some(content_type) = content_type {
        head.push_str(&format!("Content-Type: {content_type}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut request = head.into_bytes();
    request.extend_from_slice(body);
    let _ = stream.write_all(&request);
    let mut raw = Vec::new();
    let mut buf = [0u8; 65536];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(error) => {
                assert!(!raw.is_empty(), "{method} {}: no answer ({error})", shorten(target));
                break;
            }
        }
    }
    HttpResponse::from_raw(&raw).unwrap_or_else(|| {
        panic!(
            "{method} {}: unreadable answer {:?}",
            shorten(target),
            String::from_utf8_lossy(&raw[..raw.len().min(200)])
        )
    })
}

fn shorten(text: &str) -> String {
    if text.len() <= 120 {
        text.to_owned()
    } else {
        format!("{}… ({} bytes)", &text[..text.floor_char_boundary(120)], text.len())
    }
}

/// The headers every answer of the site carries, whatever it is, and none a payload could have added.
fn assert_site_headers(answer: &HttpResponse, what: &str) {
    assert_eq!(answer.header("content-security-policy"), Some(devtools_web::CSP), "{what}: CSP");
    assert_eq!(answer.header("x-content-type-options"), Some("nosniff"), "{what}: nosniff");
    assert_eq!(answer.header("referrer-policy"), Some("no-referrer"), "{what}: referrer policy");
    assert_eq!(answer.header("server"), None, "{what}: Server header");
    assert_eq!(answer.header("x-powered-by"), None, "{what}: X-Powered-By header");
    assert_eq!(answer.header("set-cookie"), None, "{what}: a cookie was set");
    assert_eq!(answer.header("x-injected"), None, "{what}: an injected header");
}

/// One of the answers hyper writes itself (a request it could not read), completed by the server's stream: the
/// site's headers and a JSON error naming what was wrong.
fn assert_hyper_answer_completed(answer: &HttpResponse, what: &str) {
    assert_site_headers(answer, what);
    assert_eq!(answer.header("content-type"), Some("application/json"), "{what}");
    let json: serde_json::Value = serde_json::from_str(&answer.body)
        .unwrap_or_else(|e| panic!("{what}: non-JSON ({e}): {}", shorten(&answer.body)));
    let kind = match answer.status {
        400 => "invalid_request",
        414 => "uri_too_long",
        431 => "header_too_large",
        status => panic!("{what}: status {status}"),
    };
    assert_eq!(json["error"], kind, "{what}: {json}");
    assert!(json["message"].as_str().is_some_and(|m| m.len() >= 20), "{what}: {json}");
}

#[test]
fn requests_hyper_cannot_read_get_json_errors() {
    let server = Server::start();
    let long_target = format!("/cron?expr={}", "x".repeat(70 * 1024));
    // A request line over the head limit is 414 URI Too Long (RFC 9110 §15.5.15), not 431.
    for (target, status) in [("/a b", 400), ("/\u{7f}", 400), (long_target.as_str(), 414)] {
        let what = format!("GET {}", shorten(target));
        let answer = send(&server, "GET", target, None, b"");
        assert_eq!(answer.status, status, "{what}: {}", shorten(&answer.body));
        assert_hyper_answer_completed(&answer, &what);
    }
}

/// A 200 or a 4xx with a clear message, in the right form for the route, with nothing executable reflected.
fn assert_safe(answer: &HttpResponse, what: &str, path: &str) {
    if answer.status == 303 {
        // The cron builder's GET form redirects to the expression it built: only ever to a path on this site.
        let location = answer.header("location").unwrap_or_default();
        assert!(
            path == "/cron"
                && location.starts_with("/cron?")
                && !location.contains(['\\', '\r', '\n', '<', '"']),
            "{what}: redirect to {location:?}"
        );
        assert_site_headers(answer, what);
        return;
    }
    assert!(
        answer.status == 200 || (400..500).contains(&answer.status),
        "{what}: status {} {}",
        answer.status,
        shorten(&answer.body)
    );
    assert_site_headers(answer, what);
    let content_type = answer.header("content-type").unwrap_or_default();
    // `/api` itself is the API's HTML page, but its errors, like every API error, are JSON.
    if path.starts_with("/api/") || (path == "/api" && answer.status != 200) {
        assert_eq!(content_type, "application/json", "{what}: API content type");
        let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap_or_else(|e| {
            panic!("{what}: API answered non-JSON ({e}): {}", shorten(&answer.body))
        });
        if answer.status != 200 || json.get("error").is_some() {
            let kind = json["error"].as_str().unwrap_or_default();
            let message = json["message"].as_str().unwrap_or_default();
            assert!(!kind.is_empty() && message.len() >= 10, "{what}: unclear error {json}");
        }
    } else if content_type.starts_with("image/svg+xml") {
        let lower = answer.body.to_ascii_lowercase();
        assert!(
            !lower.contains("<script") && !lower.contains(" on"),
            "{what}: active SVG {}",
            shorten(&answer.body)
        );
    } else {
        assert!(content_type.starts_with("text/html"), "{what}: content type {content_type:?}");
        assert_html_page(&answer.body, what);
    }
}

/// A whole page or a fragment: the script's fragments have no layout, pages have `main` and `h1`.
fn assert_html_page(body: &str, what: &str) {
    let lower = body.to_ascii_lowercase();
    for never in NEVER_IN_HTML {
        assert!(!lower.contains(&never.to_ascii_lowercase()), "{what}: {never:?} in the HTML");
    }
    if lower.starts_with("<!doctype html>") {
        assert!(
            lower.contains("<main") && lower.contains("<h1"),
            "{what}: page without main or h1"
        );
    }
}

fn run(server: &Server, input: &Input, payload: &Payload) -> HttpResponse {
    match input.via {
        Via::Query => {
            let target = format!("{}?{}", input.path, form_body(input, payload));
            send(server, "GET", &target, None, b"")
        }
        Via::Form => {
            let body = form_body(input, payload);
            send(
                server,
                "POST",
                input.path,
                Some("application/x-www-form-urlencoded"),
                body.as_bytes(),
            )
        }
        Via::Json => {
            let body = json_body(input, payload);
            send(server, "POST", input.path, Some("application/json"), body.as_bytes())
        }
        Via::Path => {
            let target = format!("{}{}", input.path, encode(&payload.bytes));
            send(server, "GET", &target, None, b"")
        }
    }
}

#[test]
fn every_input_of_every_tool_survives_the_corpus() {
    let server = Server::start();
    let corpus = corpus();
    let mut count = 0;
    for input in inputs() {
        for payload in &corpus {
            let what =
                format!("{:?} {} {} <- {}", input.via, input.path, input.field, payload.name);
            let answer = run(&server, &input, payload);
            count += 1;
            // A request line or head that large is refused by the server before any route sees it.
            if payload.is_huge() && matches!(input.via, Via::Query | Via::Path) {
                assert!(matches!(answer.status, 414 | 431), "{what}: status {}", answer.status);
                // hyper answers these itself; the server's stream completes them like the site's own errors.
                assert_hyper_answer_completed(&answer, &what);
                continue;
            }
            assert_safe(&answer, &what, input.path);
            if input.echoed && payload.name == "script tag" && answer.status == 200 {
                assert!(
                    answer.body.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;"),
                    "{what}: the input is not shown back escaped"
                );
            }
        }
    }
    assert!(count > 2000, "{count} requests");
}

#[test]
fn malformed_bodies_get_clear_4xx_answers() {
    let server = Server::start();
    let deep = "[".repeat(100_000);
    let deep_object = format!("{}1{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        ("100k open brackets", deep.clone().into_bytes()),
        ("100k balanced brackets", format!("{deep}{}", "]".repeat(100_000)).into_bytes()),
        ("50k nested objects", deep_object.into_bytes()),
        ("invalid UTF-8", b"{\"pattern\": \"\xff\xfe\", \"token\": \"\xc0\xaf\"}".to_vec()),
        ("lone surrogate", b"{\"pattern\": \"\\ud800\", \"token\": \"\\udfff\"}".to_vec()),
        ("NUL bytes", b"{\"pattern\"\0: \"a\"}".to_vec()),
        ("not JSON", b"<script>window.__pwned=1</script>".to_vec()),
        ("empty", Vec::new()),
        ("a number", b"49".to_vec()),
        (
            "over 1 MiB",
            format!("{{\"pattern\": \"{}\"}}", "a".repeat(1024 * 1024 + 1)).into_bytes(),
        ),
        (
            "duplicate keys",
            b"{\"pattern\": \"a\", \"pattern\": \"b\", \"token\": \"x\", \"token\": \"y\"}"
                .to_vec(),
        ),
        (
            "wrong types",
            b"{\"pattern\": [], \"token\": {}, \"header\": \"x\", \"payload\": 1, \"key\": null}"
                .to_vec(),
        ),
    ];
    for path in ["/api/regex", "/api/jwt/decode", "/api/jwt/encode"] {
        for (name, body) in &bodies {
            let what = format!("POST {path} <- {name}");
            let answer = send(&server, "POST", path, Some("application/json"), body);
            assert!(
                (400..500).contains(&answer.status),
                "{what}: status {} {}",
                answer.status,
                shorten(&answer.body)
            );
            assert_safe(&answer, &what, path);
        }
        for content_type in [
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
            Some("application/json; charset=\r\n"),
        ] {
            let what = format!("POST {path} as {content_type:?}");
            let answer = send(
                &server,
                "POST",
                path,
                content_type.filter(|c| !c.contains('\r')),
                b"{\"pattern\": \"a\"}",
            );
            assert!(
                (400..500).contains(&answer.status) || answer.status == 200,
                "{what}: {}",
                answer.status
            );
            assert_safe(&answer, &what, path);
        }
    }
    for path in ["/regex", "/jwt"] {
        for (name, body) in [
            ("invalid UTF-8", b"pattern=\xff\xfe&token=\xc0\xaf&text=\xed\xa0\x80".to_vec()),
            ("broken percent-encoding", b"pattern=%zz%&token=%&text=%e2%82".to_vec()),
            ("over 1 MiB", format!("text={}", "a".repeat(1024 * 1024 + 1)).into_bytes()),
            ("no equals signs", b"&&&;;;===".to_vec()),
        ] {
            let what = format!("POST {path} <- {name}");
            let answer =
                send(&server, "POST", path, Some("application/x-www-form-urlencoded"), &body);
            assert_safe(&answer, &what, path);
        }
    }
    // Query strings that are not valid percent-encoding or UTF-8.
    for target in [
        "/cron?expr=%zz%",
        "/regex?pattern=%ff%fe&text=%ed%a0%80",
        "/color?value=%",
        "/api/color?value=%c0%af",
        "/http-status?q=%00",
        "/search?q=%ff",
        "/api/cron?expr=%ed%a0%80",
    ] {
        let answer = send(&server, "GET", target, None, b"");
        let path = target.split('?').next().unwrap_or_default();
        assert_safe(&answer, target, path);
    }
}

/// Every route the site has, with the method it takes and a request that succeeds.
fn routes(server: &Server) -> Vec<(&'static str, String, u16)> {
    let home = send(server, "GET", "/", None, b"").body;
    let mut assets: Vec<String> = home
        .split("/static/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|file| format!("/static/{file}"))
        .collect();
    for tool in ["/cron", "/jwt", "/regex", "/color"] {
        let page = send(server, "GET", tool, None, b"").body;
        assets.extend(
            page.split("/static/")
                .skip(1)
                .filter_map(|rest| rest.split('"').next())
                .map(|f| format!("/static/{f}")),
        );
    }
    assets.sort();
    assets.dedup();
    assert!(assets.len() >= 11, "assets found: {assets:?}");
    let mut routes: Vec<(&'static str, String, u16)> = [
        "/",
        "/healthz",
        "/search",
        "/search?q=teapot",
        "/api/search?q=cron",
        "/http-status",
        "/http-status/418",
        "/api/http-status",
        "/api/http-status/404",
        "/cron",
        "/cron?expr=0+9+*+*+1-5",
        "/cron?expr=*+*+*+*+*&fragment=1",
        "/cron?expr=61+*+*+*+*&fragment=1",
        "/api/cron?expr=*+*+*+*+*",
        "/jwt",
        "/regex",
        "/regex?pattern=a&text=abc",
        "/color",
        "/color?value=red",
        "/color?value=red&fragment=1",
        "/color/swatch.svg?value=red",
        "/color/sample.svg?fg=red&bg=white",
        "/api/color?value=red",
        "/api/color/contrast?fg=red&bg=white",
        "/api/color/palettes?value=red",
        "/api",
        "/api/openapi.json",
    ]
    .into_iter()
    .map(|path| ("GET", path.to_owned(), 200))
    .collect();
    routes.extend(assets.into_iter().map(|path| ("GET", path, 200)));
    routes
}

#[test]
fn every_route_answers_with_the_security_headers() {
    let server = Server::start();
    let mut checked = routes(&server);
    checked.extend(
        [
            ("GET", "/nothing-here", 404),
            ("GET", "/api/nothing-here", 404),
            ("GET", "/static/nothing.js", 404),
            ("GET", "/http-status/299", 404),
            ("GET", "/http-status/teapot", 400),
            ("GET", "/api/http-status/299", 404),
            ("GET", "/api/http-status/teapot", 400),
            ("GET", "/api/cron?expr=nope", 400),
            ("GET", "/api/color?value=nope", 400),
            ("GET", "/color?value=nope", 400),
            ("GET", "/color/swatch.svg?value=nope", 400),
        ]
        .map(|(method, path, status)| (method, path.to_owned(), status)),
    );
    for (method, path, status) in &checked {
        let what = format!("{method} {path}");
        let answer = send(&server, method, path, None, b"");
        assert_eq!(answer.status, *status, "{what}: {}", shorten(&answer.body));
        assert_site_headers(&answer, &what);
        let route = path.split('?').next().unwrap_or_default();
        let content_type = answer.header("content-type").unwrap_or_default();
        if route.starts_with("/api/") {
            assert_eq!(content_type, "application/json", "{what}");
        }
        if route.starts_with("/static/") && *status == 200 {
            let expected = match route.rsplit('.').next() {
                Some("css") => "text/css",
                Some("js") => "text/javascript",
                Some("svg") => "image/svg+xml",
                _ => "",
            };
            assert!(
                !expected.is_empty() && content_type.starts_with(expected),
                "{what}: {content_type}"
            );
        }
        assert!(!content_type.is_empty(), "{what}: no content type");
    }
    // POST routes, error pages of bodies and oversized bodies.
    for (path, content_type, body, status) in [
        ("/api/regex", "application/json", "{\"pattern\": \"a\", \"text\": \"a\"}".to_owned(), 200),
        ("/api/jwt/decode", "application/json", "{\"token\": \"x\"}".to_owned(), 400),
        (
            "/api/jwt/encode",
            "application/json",
            "{\"header\": {\"alg\": \"HS256\"}, \"payload\": {}, \"key\": \"k\"}".to_owned(),
            200,
        ),
        ("/regex", "application/x-www-form-urlencoded", "pattern=a&text=a".to_owned(), 200),
        ("/jwt", "application/x-www-form-urlencoded", "token=x".to_owned(), 400),
        (
            "/regex",
            "application/x-www-form-urlencoded",
            "a".repeat(devtools_web::BODY_LIMIT + 1),
            413,
        ),
        ("/api/regex", "application/json", "a".repeat(devtools_web::BODY_LIMIT + 1), 413),
    ] {
        let what = format!("POST {path} ({} bytes)", body.len());
        let answer = send(&server, "POST", path, Some(content_type), body.as_bytes());
        assert_eq!(answer.status, status, "{what}: {}", shorten(&answer.body));
        assert_safe(&answer, &what, path);
    }
}

#[test]
fn other_methods_answer_405_with_allow() {
    let server = Server::start();
    let mut checked: Vec<(String, &str)> =
        routes(&server).into_iter().map(|(_, path, _)| (path, "GET,HEAD")).collect();
    checked.extend(
        ["/api/regex", "/api/jwt/decode", "/api/jwt/encode"].map(|path| (path.to_owned(), "POST")),
    );
    for (path, allow) in &checked {
        let route = path.split('?').next().unwrap_or_default();
        let mut methods = vec!["OPTIONS", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND"];
        if *allow != "POST" && !["/regex", "/jwt"].contains(&route) {
            methods.push("POST");
        }
        if *allow == "POST" {
            methods.push("GET");
        }
        for method in methods {
            let what = format!("{method} {path}");
            let answer = send(&server, method, path, Some("application/json"), b"{}");
            assert_eq!(answer.status, 405, "{what}: {}", shorten(&answer.body));
            let expected = match route {
                "/regex" | "/jwt" => "GET,HEAD,POST",
                _ => allow,
            };
            assert_eq!(answer.header("allow"), Some(expected), "{what}: Allow");
            assert_safe(&answer, &what, route);
        }
    }
    // HEAD is GET without a body.
    let head = send(&server, "HEAD", "/cron", None, b"");
    assert_eq!(head.status, 200);
    assert_site_headers(&head, "HEAD /cron");
}
