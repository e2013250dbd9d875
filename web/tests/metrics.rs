//! `/metrics`: what it counts, that its labels are route templates and never user input, and that the site has no
//! metrics (not even the route) unless they are asked for.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use devtools_kit::WorkLimits;
use devtools_kit::testing::{self, Reply};
use devtools_web::metrics::{self, Metrics, SharedMetrics};
use devtools_web::server::ConnectionStats;
use std::sync::Arc;
use std::time::Duration;

fn observed(work: WorkLimits) -> (axum::Router, SharedMetrics) {
    let metrics = Metrics::new(Arc::new(ConnectionStats::default()));
    let settings = devtools_kit::Settings { work, ..devtools_web::settings() };
    let app = devtools_web::app_observed(settings, Some(&metrics)).expect("the site builds");
    (app, metrics)
}

async fn scrape(metrics: &SharedMetrics) -> Reply {
    testing::get(&metrics.router(), "/metrics").await
}

/// The value of the sample written exactly as `series` (name and labels), if any.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
}

#[tokio::test]
async fn requests_are_counted_by_route_template_and_status_never_by_their_text() {
    let (app, metrics) = observed(WorkLimits::default());
    for path in [
        "/http-status/418",
        "/http-status/404",
        "/no/such/secret-page-7f3a",
        "/regex?pattern=hunter2&text=hunter2",
        "/static/missing-0b9e.css",
    ] {
        testing::get(&app, path).await;
    }
    let request =
        Request::builder().method("BREW").uri("/http-status/418").body(Body::empty()).unwrap();
    testing::send(&app, request).await;

    let reply = scrape(&metrics).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers[header::CONTENT_TYPE], metrics::CONTENT_TYPE);
    let text = &reply.body;
    assert!(text.ends_with("# EOF\n"), "{text}");
    let ok =
        r#"devtools_http_requests_total{route="/http-status/{code}",method="GET",status="200"}"#;
    assert_eq!(sample(text, ok), Some(2.0), "{text}");
    let unmatched = r#"devtools_http_requests_total{route="unmatched",method="GET",status="404"}"#;
    assert_eq!(sample(text, unmatched), Some(1.0), "{text}");
    assert!(text.contains(r#"route="/static/{file}""#), "{text}");
    assert!(text.contains(r#"method="other""#), "an unknown method is `other`: {text}");
    let latency =
        r#"devtools_http_request_duration_seconds_count{route="/http-status/{code}",method="GET"}"#;
    assert_eq!(sample(text, latency), Some(2.0), "{text}");
    assert!(
        text.contains(r#"devtools_http_request_duration_seconds_bucket{le="0.0001","#),
        "{text}"
    );
    // No path, query, method or file name the client chose appears in any series' name or labels.
    // Only those are checked: a sample's value is a measured number, and a latency such as
    // 0.000418 would contain "418" by chance.
    let series: Vec<&str> = text
        .lines()
        .map(|line| line.rsplit_once(' ').map_or(line, |(series, _value)| series))
        .collect();
    for user_text in ["418", "secret-page", "hunter2", "missing-0b9e", "BREW", "/no/such"] {
        assert!(
            !series.iter().any(|series| series.contains(user_text)),
            "{user_text} leaked into the metrics:\n{text}"
        );
    }
    assert_eq!(sample(text, "devtools_http_requests_in_flight"), Some(0.0), "{text}");
}

#[tokio::test]
async fn work_load_and_refusals_are_reported_without_counting_the_probe() {
    // A zero deadline: every tool job runs out of time, which is what the refusal counter counts.
    let limits =
        WorkLimits { threads: 1, queue: 3, deadline: Duration::ZERO, ..WorkLimits::default() };
    let (app, metrics) = observed(limits);
    let before = scrape(&metrics).await.body;
    assert_eq!(sample(&before, "devtools_work_capacity"), Some(4.0), "{before}");
    assert_eq!(sample(&before, "devtools_work_admitted"), Some(0.0), "{before}");
    assert_eq!(sample(&before, "devtools_work_queued"), Some(0.0), "{before}");
    assert_eq!(sample(&before, "devtools_work_refused_deadline_total"), Some(0.0), "{before}");
    assert_eq!(sample(&before, "devtools_work_refused_busy_total"), Some(0.0), "{before}");
    assert!(before.contains("devtools_work_isolated_capacity "), "{before}");

    let refused = testing::get(&app, "/regex?pattern=a&text=aaa").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    let after = scrape(&metrics).await.body;
    // The page may run more than one job (its answer, its rendering); each one stopped counts.
    let stopped = sample(&after, "devtools_work_refused_deadline_total").unwrap_or(0.0);
    assert!(stopped >= 1.0, "{after}");
    let refusal = r#"devtools_http_requests_total{route="/regex",method="GET",status="422"}"#;
    assert_eq!(sample(&after, refusal), Some(1.0), "{after}");
    // The scrape reads the load through the site's readiness probe, which is not a request of anyone's.
    assert!(!after.contains(r#"route="/readyz""#), "{after}");
}

#[tokio::test]
async fn connections_come_from_the_accept_loop() {
    let stats = Arc::new(ConnectionStats::default());
    let metrics = Metrics::new(Arc::clone(&stats));
    let text = scrape(&metrics).await.body;
    assert_eq!(sample(&text, "devtools_connections_open"), Some(0.0), "{text}");
    assert_eq!(sample(&text, "devtools_connections_refused_total"), Some(0.0), "{text}");
}

#[tokio::test]
async fn without_metrics_the_site_has_no_metrics_route() {
    let app = devtools_web::app().unwrap();
    assert_eq!(testing::get(&app, "/metrics").await.status, StatusCode::NOT_FOUND);
    // With metrics on, they are still not on the site's own address.
    let (app, _) = observed(WorkLimits::default());
    assert_eq!(testing::get(&app, "/metrics").await.status, StatusCode::NOT_FOUND);
}
