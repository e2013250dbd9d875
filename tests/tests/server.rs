//! The real binary on a free port, spoken to over TCP like any client would.

use devtools_e2e::Server;

#[test]
fn serves_pages_api_and_assets_with_security_headers() {
    let server = Server::start();
    let health = server.get("/healthz");
    assert_eq!(health.status, 200);
    assert_eq!(health.body, "ok");

    for path in ["/", "/http-status", "/http-status/403", "/http-status/418"] {
        let page = server.get(path);
        assert_eq!(page.status, 200, "{path}");
        assert!(page.header("content-type").unwrap().starts_with("text/html"), "{path}");
        assert!(
            page.header("content-security-policy").unwrap().contains("default-src 'self'"),
            "{path}"
        );
        assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
        assert!(page.header("server").is_none());
    }

    let missing = server.get("/http-status/299");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("/http-status/300"));

    let api = server.get("/api/http-status/429");
    assert_eq!(api.status, 200);
    assert_eq!(api.header("content-type"), Some("application/json"));
    let detail = api.json();
    assert_eq!(detail["name"], "Too Many Requests");
    assert!(detail["headers"].as_array().unwrap().iter().any(|h| h["name"] == "Retry-After"));

    let list = server.get("/api/http-status").json();
    assert!(list.as_array().unwrap().len() >= 89);

    let bad = server.get("/api/http-status/teapot");
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json()["error"], "invalid_code");
}

#[test]
fn a_cached_page_revalidates_with_its_etag() {
    let server = Server::start();
    let first = server.get("/http-status/503");
    let etag = first.header("etag").expect("etag").to_owned();
    let again = server.request("GET", "/http-status/503", &[("If-None-Match", &etag)], b"");
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
}
