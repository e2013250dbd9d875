//! Any path under /http-status and /api/http-status through the real host router: never a 5xx.
#![no_main]

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use tower::ServiceExt;

static APP: LazyLock<Router> = LazyLock::new(|| devtools_web::app().expect("app builds"));
static RUNTIME: LazyLock<tokio::runtime::Runtime> =
    LazyLock::new(|| tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime"));

fuzz_target!(|input: &str| {
    // Percent-encode everything but ASCII alphanumerics, so every input is a valid URI.
    let segment: String = input
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    for prefix in ["/http-status/", "/api/http-status/", "/http-status?q="] {
        let uri = format!("{prefix}{segment}");
        let Ok(request) = Request::get(&uri).body(Body::empty()) else { continue };
        let response = RUNTIME.block_on(APP.clone().oneshot(request)).expect("infallible");
        assert!(!response.status().is_server_error(), "{uri} answered {}", response.status());
    }
    if let Ok(code) = input.trim().parse::<u16>() {
        let _ = devtools_http_status::lookup(code);
    }
});
