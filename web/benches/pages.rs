//! One input-driven page of each tool, rendered through the whole router in-process: parsing the query, the
//! tool's work on the work pool (the hand-off to a work thread and back included), the template, the headers.
//! No socket: `tests/perf/bench.sh` measures the same pages over HTTP under load.

// A benchmark whose setup fails should stop loudly.
#![allow(clippy::unwrap_used)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use criterion::{Criterion, criterion_group, criterion_main};
use tower::ServiceExt;

/// The pages `tests/perf/bench.sh` loads, with the same queries, after the 404 page: the layout alone, rendered
/// without the work pool, the floor under every page.
const PAGES: [(&str, &str); 4] = [
    ("not found", "/nope"),
    ("cron", "/cron?expr=*%2F15+9-17+*+*+MON-FRI&tz=Europe%2FBerlin"),
    ("colour", "/color?value=oklch(70%25+0.15+150)"),
    ("regex", "/regex?pattern=(%5Cd%2B)-(%5Cd%2B)&text=10-20+and+30-40"),
];

fn pages(c: &mut Criterion) {
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let app = devtools_web::app().unwrap();
    let mut group = c.benchmark_group("page");
    for (name, uri) in PAGES {
        group.bench_function(name, |b| {
            b.iter(|| {
                let request = Request::get(uri).body(Body::empty()).unwrap();
                let response = runtime.block_on(app.clone().oneshot(request)).unwrap();
                let expected =
                    if name == "not found" { StatusCode::NOT_FOUND } else { StatusCode::OK };
                assert_eq!(response.status(), expected, "{uri}");
                runtime.block_on(axum::body::to_bytes(response.into_body(), usize::MAX)).unwrap()
            });
        });
    }
    group.finish();
}

criterion_group!(benches, pages);
criterion_main!(benches);
