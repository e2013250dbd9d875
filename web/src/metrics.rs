//! `/metrics` in the Prometheus (OpenMetrics) text format, for the operator's dashboards: served only on the
//! separate address `devtools serve --metrics-addr` names, never on the public one, and off by default.
//!
//! What is measured:
//!
//! - `devtools_http_requests_total{route, method, status}` and `devtools_http_request_duration_seconds{route,
//!   method}` (a histogram), from the outermost layer, so the status is the one the client got; the answers hyper
//!   gives before a request reaches the router (`400` for a malformed head, `414`, `431`) are counted too, under
//!   `route="unmatched"` and `method="other"` (from the accept loop, [`ConnectionStats::on_hyper_answer`]);
//! - `devtools_http_requests_in_flight`;
//! - `devtools_work_*`: tool work running and waiting on the thread pool and in child processes, their
//!   capacities, and the jobs refused as busy or stopped at their deadline (the work budgets), read from the
//!   kit's readiness probe (`GET /readyz`) in-process at each scrape;
//! - `devtools_connections_open` and `devtools_connections_refused_total` (over the connection cap), from the
//!   accept loop ([`crate::server::ConnectionStats`]).
//!
//! Labels never carry user input: `route` is the route's template as registered (`/http-status/{code}`, never
//! `/http-status/418`), or `unmatched` when no route matched; `method` is one of the standard methods or `other`;
//! `status` is a number the server chose. So the number of series is bounded by the route table.

use crate::route::RouteSlot;
use crate::server::ConnectionStats;
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeLabelSet, EncodeMetric};
use prometheus_client::metrics::counter::{ConstCounter, Counter};
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::{ConstGauge, Gauge};
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// The content type of the answer: OpenMetrics text, which Prometheus asks for and parses.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

pub use crate::route::UNMATCHED;

/// Upper bounds of the latency histogram's buckets, in seconds: 100 µs (a cached page) to 10 s (the request
/// timeout).
pub const LATENCY_BUCKETS: [f64; 16] = [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
    5.0, 10.0,
];

/// The labels of a request count.
#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct RequestLabels {
    route: Arc<str>,
    method: &'static str,
    status: u16,
}

/// The labels of a latency histogram.
#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct RouteLabels {
    route: Arc<str>,
    method: &'static str,
}

fn latency_histogram() -> Histogram {
    Histogram::new(LATENCY_BUCKETS)
}

/// The site's metrics: the HTTP counters the middleware updates, and the collectors read at each scrape.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
    in_flight: Gauge,
    /// The site itself, asked for its work load at each scrape; set by [`Metrics::observe`].
    site: OnceLock<Router>,
    /// The work load read at the last scrape, for the collector.
    load: Arc<LoadCell>,
}

/// The metrics, shared by the site's middleware and the `/metrics` endpoint.
pub type SharedMetrics = Arc<Metrics>;

impl Metrics {
    /// Empty metrics reading connection figures from `connections` (pass the same to the accept loop).
    pub fn new(connections: Arc<ConnectionStats>) -> SharedMetrics {
        let mut registry = Registry::with_prefix("devtools");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::new_with_constructor(latency_histogram as fn() -> Histogram);
        let in_flight = Gauge::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by route template, method and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time from a request's arrival to its answer's head, by route template and method",
            latency.clone(),
        );
        registry.register(
            "http_requests_in_flight",
            "HTTP requests being answered now",
            in_flight.clone(),
        );
        // What hyper refuses before the router sees a request: no route matched, and no method was read as one.
        let refusals = requests.clone();
        connections.on_hyper_answer(move |status| {
            let labels = RequestLabels { route: Arc::from(UNMATCHED), method: "other", status };
            refusals.get_or_create(&labels).inc();
        });
        let load = Arc::new(LoadCell::default());
        let threads = crate::settings().work.threads;
        registry.register_collector(Box::new(WorkCollector { load: Arc::clone(&load), threads }));
        registry.register_collector(Box::new(ConnectionCollector { stats: connections }));
        Arc::new(Metrics { registry, requests, latency, in_flight, site: OnceLock::new(), load })
    }

    /// Wraps the finished site (`app`, all layers on) in the request metrics, and keeps it to ask for its work
    /// load at each scrape.
    pub fn observe(self: &Arc<Self>, app: Router) -> Router {
        let _ = self.site.set(app.clone());
        app.layer(middleware::from_fn_with_state(Arc::clone(self), track))
    }

    /// Counts one answered request under its route template (never its path), method label and final status,
    /// with its latency. The request layer calls it, and so does [`crate::fast_pages`] for the answers it gives
    /// ahead of the router. The template is shared, as the labels hold it: a stored answer passes its own.
    pub(crate) fn count(&self, route: Arc<str>, method: &'static str, status: u16, took: Duration) {
        self.latency
            .get_or_create(&RouteLabels { route: Arc::clone(&route), method })
            .observe(took.as_secs_f64());
        self.requests.get_or_create(&RequestLabels { route, method, status }).inc();
    }

    /// The answer of `GET /metrics`: every metric in the OpenMetrics text format.
    pub async fn render(&self) -> Result<String, std::fmt::Error> {
        // The work load comes from the site's readiness probe, asked in-process before encoding.
        let load = match self.site.get() {
            Some(app) => read_load(app.clone()).await,
            None => None,
        };
        self.load.store(load);
        let mut text = String::with_capacity(16 * 1024);
        prometheus_client::encoding::text::encode(&mut text, &self.registry)?;
        Ok(text)
    }

    /// A router for the metrics address: `GET /metrics`, and the probes `GET /healthz` and `GET /readyz`, asked
    /// of the site in-process. The probes answer here too because this address has connections of its own: the
    /// site's public address refuses every connection over its cap (`503 busy`), probes included, so a flood of
    /// idle connections there would fail every pod's liveness probe and have them all restarted. Here the public
    /// cannot reach (the deployment's NetworkPolicy; a loopback address in the image), so the probes still say
    /// whether the process lives and whether it takes traffic. Anything else is a 404 that says what is here.
    pub fn router(self: &Arc<Self>) -> Router {
        Router::new()
            .route("/metrics", axum::routing::get(metrics_endpoint))
            .route("/healthz", axum::routing::get(probe))
            .route("/readyz", axum::routing::get(probe))
            .fallback(nothing_here)
            .layer(middleware::map_response(form_method_not_allowed))
            .with_state(Arc::clone(self))
    }
}

/// What the metrics address serves, for its 404.
const SERVED_HERE: &str = "/metrics, /healthz and /readyz";

/// `GET /healthz` or `GET /readyz` on the metrics address: the site's own answer, asked in-process (so it is
/// neither logged nor counted as a request to the site).
async fn probe(State(metrics): State<SharedMetrics>, uri: axum::http::Uri) -> Response {
    let Some(site) = metrics.site.get() else {
        return error(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "The site is not running.");
    };
    let Ok(mut request) = Request::get(uri.path()).body(Body::empty()) else {
        return error(StatusCode::INTERNAL_SERVER_ERROR, "internal", "Something went wrong.");
    };
    request.extensions_mut().insert(InternalProbe);
    match site.clone().oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

async fn nothing_here() -> Response {
    let message = format!(
        "There is nothing at this address: this is the metrics address, which serves {SERVED_HERE}."
    );
    error(StatusCode::NOT_FOUND, "not_found", &message)
}

/// axum's `405` (with `Allow`, and an empty body that would otherwise be read as one of hyper's own refusals of a
/// malformed request) as the site's JSON error.
async fn form_method_not_allowed(response: Response) -> Response {
    if response.status() != StatusCode::METHOD_NOT_ALLOWED
        || response.headers().contains_key(header::CONTENT_TYPE)
    {
        return response;
    }
    let message = format!("This address accepts only GET and HEAD: it serves {SERVED_HERE}.");
    let mut formed = error(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", &message);
    if let Some(allow) = response.headers().get(header::ALLOW) {
        formed.headers_mut().insert(header::ALLOW, allow.clone());
    }
    formed
}

/// `{"error": kind, "message": message}` with `status`, as every JSON error of the site.
fn error(status: StatusCode, kind: &str, message: &str) -> Response {
    let body = serde_json::json!({ "error": kind, "message": message }).to_string();
    (
        status,
        [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")],
        body,
    )
        .into_response()
}

/// The last work load read at a scrape, for the collector (which cannot wait on the site while encoding).
#[derive(Debug, Default)]
struct LoadCell(std::sync::Mutex<Option<serde_json::Value>>);

impl LoadCell {
    fn store(&self, load: Option<serde_json::Value>) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = load;
        }
    }

    fn get(&self) -> Option<serde_json::Value> {
        self.0.lock().ok().and_then(|slot| slot.clone())
    }
}

/// Marks the metrics' own in-process requests, which the request log and the request metrics leave out. No
/// client can set it: it is a Rust type in the request's extensions, not a header.
#[derive(Debug, Clone, Copy)]
pub struct InternalProbe;

/// The `load` object of the site's `/readyz` answer (the kit's `Readiness`), asked in-process.
async fn read_load(app: Router) -> Option<serde_json::Value> {
    let mut request = Request::get("/readyz").body(Body::empty()).ok()?;
    request.extensions_mut().insert(InternalProbe);
    let response = app.oneshot(request).await.ok()?;
    let body = axum::body::to_bytes(response.into_body(), 64 * 1024).await.ok()?;
    let readiness: serde_json::Value = serde_json::from_slice(&body).ok()?;
    readiness.get("load").cloned()
}

async fn metrics_endpoint(State(metrics): State<SharedMetrics>) -> Response {
    match metrics.render().await {
        Ok(text) => {
            ([(header::CONTENT_TYPE, CONTENT_TYPE), (header::CACHE_CONTROL, "no-store")], text)
                .into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// A method as a label: the standard ones by name, anything else `other` (methods are client input).
pub(crate) fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        Method::CONNECT => "CONNECT",
        Method::TRACE => "TRACE",
        _ => "other",
    }
}

/// Counts the request under its route template and final status, and times it.
async fn track(State(metrics): State<SharedMetrics>, mut request: Request, next: Next) -> Response {
    if request.extensions().get::<InternalProbe>().is_some() {
        return next.run(request).await;
    }
    let method = method_label(request.method());
    let slot = RouteSlot::for_request(&mut request);
    let start = Instant::now();
    metrics.in_flight.inc();
    let response = next.run(request).await;
    metrics.in_flight.dec();
    metrics.count(Arc::from(slot.route()), method, response.status().as_u16(), start.elapsed());
    response
}

/// The work figures, from the load read at this scrape.
#[derive(Debug)]
struct WorkCollector {
    load: Arc<LoadCell>,
    /// The work threads (the host's [`devtools_kit::WorkLimits::threads`]).
    threads: usize,
}

fn number(load: &serde_json::Value, field: &str) -> i64 {
    load.get(field).and_then(serde_json::Value::as_i64).unwrap_or(0)
}

fn gauge(
    encoder: &mut DescriptorEncoder,
    name: &str,
    help: &str,
    value: i64,
) -> Result<(), std::fmt::Error> {
    let gauge = ConstGauge::new(value);
    gauge.encode(encoder.encode_descriptor(name, help, None, gauge.metric_type())?)
}

fn counter(
    encoder: &mut DescriptorEncoder,
    name: &str,
    help: &str,
    value: u64,
) -> Result<(), std::fmt::Error> {
    let counter = ConstCounter::new(value);
    counter.encode(encoder.encode_descriptor(name, help, None, counter.metric_type())?)
}

impl Collector for WorkCollector {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let Some(load) = self.load.get() else { return Ok(()) };
        let threads = i64::try_from(self.threads).unwrap_or(i64::MAX);
        let admitted = number(&load, "admitted");
        let capacity = number(&load, "capacity");
        gauge(
            &mut encoder,
            "work_admitted",
            "Tool jobs running or waiting on the work threads.",
            admitted,
        )?;
        gauge(
            &mut encoder,
            "work_queued",
            "Tool jobs waiting for a work thread (admitted beyond the thread count).",
            (admitted - threads.min(capacity)).max(0),
        )?;
        gauge(
            &mut encoder,
            "work_capacity",
            "Tool jobs admitted at most (threads + queue); past it requests get 503 busy.",
            capacity,
        )?;
        gauge(
            &mut encoder,
            "work_isolated_admitted",
            "Isolated tool jobs (child processes) running or waiting.",
            number(&load, "isolated_admitted"),
        )?;
        gauge(
            &mut encoder,
            "work_isolated_capacity",
            "Isolated tool jobs admitted at most.",
            number(&load, "isolated_capacity"),
        )?;
        counter(
            &mut encoder,
            "work_refused_busy",
            "Tool jobs refused with 503 busy since the start (queue full or expected wait too long).",
            number(&load, "refused_busy").max(0) as u64,
        )?;
        counter(
            &mut encoder,
            "work_refused_deadline",
            "Tool jobs stopped at their deadline since the start.",
            number(&load, "refused_deadline").max(0) as u64,
        )?;
        Ok(())
    }
}

/// The connection figures of the accept loop.
#[derive(Debug)]
struct ConnectionCollector {
    stats: Arc<ConnectionStats>,
}

impl Collector for ConnectionCollector {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        gauge(
            &mut encoder,
            "connections_open",
            "Client connections open now (at most the connection cap).",
            i64::try_from(self.stats.open()).unwrap_or(i64::MAX),
        )?;
        counter(
            &mut encoder,
            "connections_refused",
            "Connections refused over the connection cap since the start.",
            self.stats.refused(),
        )?;
        Ok(())
    }
}
