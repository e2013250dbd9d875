//! The JSON API on a 1 MiB text with 100,000 matches: the issue asks for the whole request to stay well under
//! 100 ms. Measured three ways: the library call alone, the library call plus JSON encoding, and the full
//! `POST /api/regex` through the router (JSON decoding, matching, explanation, snippet, JSON encoding).

// A benchmark whose setup fails should stop loudly.
#![allow(clippy::unwrap_used)]

use axum::body::Body;
use axum::http::{Request, header};
use criterion::{Criterion, criterion_group, criterion_main};
use devtools_regex::{Flags, Flavor, Request as Test, run};
use std::hint::black_box;
use tower::ServiceExt;

/// 100,000 lines of 10 bytes: one match of `(\d+)` per line, 1,000,000 bytes in all (just under 1 MiB).
fn text() -> String {
    "abcd 1234\n".repeat(100_000)
}

fn library(c: &mut Criterion) {
    let text = text();
    let mut group = c.benchmark_group("1 MiB, 100k matches");
    group.sample_size(20);
    for (name, limit) in
        [("library, list 1000, count all", 1_000), ("library, list all 100k", 100_000)]
    {
        group.bench_function(name, |b| {
            b.iter(|| {
                let request = Test {
                    pattern: r"(\d+)",
                    text: &text,
                    flags: Flags::default(),
                    flavor: Flavor::Rust,
                    replace: Some("<$1>"),
                    limit: Some(limit),
                    deadline: None,
                };
                let report = run(black_box(&request)).unwrap();
                assert_eq!(report.match_count, 100_000);
                black_box(serde_json::to_vec(&report).unwrap())
            });
        });
    }

    let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
    let app = devtools_kit::Site::router(vec![devtools_regex::web::tool()]).unwrap();
    let mut cases = vec![
        ("POST /api/regex rust, default limit", "rust", 1_000),
        ("POST /api/regex rust, list all 100k", "rust", 100_000),
        ("POST /api/regex fancy, default limit", "fancy", 1_000),
        ("POST /api/regex ecmascript, default limit", "ecmascript", 1_000),
    ];
    // The pcre2 flavour has an engine only with the crate's `pcre2` feature.
    if cfg!(feature = "pcre2") {
        cases.push(("POST /api/regex pcre2, default limit", "pcre2", 1_000));
    }
    for (name, flavor, limit) in cases {
        let body = serde_json::json!({
            "pattern": r"(\d+)",
            "text": text,
            "flags": "",
            "flavor": flavor,
            "replace": "<$1>",
            "limit": limit,
        })
        .to_string();
        group.bench_function(name, |b| {
            b.iter(|| {
                let request = Request::post("/api/regex")
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(body.clone()))
                    .unwrap();
                runtime.block_on(async {
                    let response = app.clone().oneshot(request).await.unwrap();
                    assert!(response.status().is_success());
                    black_box(axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap())
                })
            });
        });
    }
    group.finish();
}

criterion_group!(benches, library);
criterion_main!(benches);
