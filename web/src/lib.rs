//! The devtools host: mounts every tool's routes on one router, serves the embedded assets and wraps everything
//! in the site-wide layers (security headers, compression, limits, timeouts, panic recovery, request logging).
//!
//! [`app`] builds the router without binding a socket, so tests drive it with `tower::ServiceExt::oneshot`.

pub mod config;
pub mod export;
pub mod fast_pages;
pub mod metrics;
pub mod route;
pub mod server;
pub mod tools;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use devtools_kit::{Isolation, Settings, Site, SiteError, SiteState, WebError, WorkLimits};
use std::time::{Duration, Instant};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// The Content-Security-Policy of every response: nothing but this origin, no inline code, no framing.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Largest request body accepted, in bytes: 4 MiB. Above every tool's own limit on its input (the regex tool's
/// text is at most 1 MiB) even when that input is JSON-escaped or form-encoded, which can triple its size, so an
/// over-long input gets the tool's own error (`text_too_large`) rather than `payload_too_large`. The memory all
/// bodies take together is bounded by [`server::body::BODY_MEMORY_BUDGET`].
pub const BODY_LIMIT: usize = 4 * 1024 * 1024;

/// How long a request may take before it is answered with 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The whole site as one router, with isolated jobs run in-process (for tests that have no binary around them).
pub fn app() -> Result<Router, SiteError> {
    app_with(settings())
}

/// The site's one-line description: the host knows which tools it serves.
const DESCRIPTION: &str = "Fast, private developer tools: HTTP status codes, cron, JWT, regex and colour, each with a JSON API.";

/// The host's limits, description and search examples handed down to core, with isolated jobs run in-process.
pub fn settings() -> Settings {
    Settings {
        work: WorkLimits::default(),
        isolation: None,
        body_limit: BODY_LIMIT,
        request_timeout: REQUEST_TIMEOUT,
        description: DESCRIPTION.into(),
        search_examples: &["teapot", "429", "gateway", "crontab"],
        base_path: devtools_kit::BasePath::default(),
        draining: devtools_kit::Draining::default(),
    }
}

/// The whole site as one router, with the host's settings.
pub fn app_with(settings: Settings) -> Result<Router, SiteError> {
    app_observed(settings, None)
}

/// The whole site as one router, with the host's settings, its requests and work counted in `metrics` when
/// given (`devtools serve --metrics-addr`; without it the site carries no metrics layer at all).
pub fn app_observed(
    settings: Settings,
    metrics: Option<&metrics::SharedMetrics>,
) -> Result<Router, SiteError> {
    let router = Site::router_with(tools::all(), settings, |router| {
        route::note_routes(guard_layers(router))
    })?;
    let app = site_layers(router);
    Ok(match metrics {
        Some(metrics) => metrics.observe(app),
        None => app,
    })
}

/// The hidden subcommand of this binary that runs isolated jobs in a worker process (see [`work_child`]).
pub const WORK_SUBCOMMAND: &str = "__work";

/// Largest input of an isolated job, in bytes, checked by the server before sending and by the worker before
/// reading: twice the body limit, room for a tool's largest input once JSON-escaped.
const WORK_INPUT_LIMIT: usize = 2 * BODY_LIMIT;

/// What `devtools serve` runs with: the default work budgets (with the input of an isolated job capped at twice the
/// body limit), and isolated jobs run in worker processes of this very binary (`devtools __work`), so a job that
/// overruns its deadline is killed with its process.
pub fn served_settings() -> Result<Settings, std::io::Error> {
    let program = std::env::current_exe()?;
    // mimalloc reserves its arenas a gigabyte at a time, which an address-space limit of 512 MiB makes fail now and
    // then (1 in 100 children aborted, measured); small arenas keep the limit a real bound.
    let env = vec![("MIMALLOC_ARENA_RESERVE".into(), "16MiB".into())];
    let isolation = Isolation { program, args: vec![WORK_SUBCOMMAND.into()], env };
    let work = WorkLimits { max_input: WORK_INPUT_LIMIT, ..WorkLimits::default() };
    Ok(Settings { work, isolation: Some(isolation), ..settings() })
}

/// A worker process's side of isolated jobs: `devtools __work` serves the jobs the server frames on its standard
/// input, one after another, until that input ends (see [`devtools_kit::work::serve_jobs`]). Returns the exit
/// code.
pub fn work_child() -> i32 {
    devtools_kit::work::serve_jobs(&tools::jobs(), WORK_INPUT_LIMIT)
}

/// Layers inside the error middleware: their error answers (panic, body too large, timeout) become error pages.
fn guard_layers(router: Router<SiteState>) -> Router<SiteState> {
    router
        .layer(CatchPanicLayer::custom(|_| {
            WebError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Something went wrong on our side.",
            )
            .into_response()
        }))
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(
            server::body::BodyLimits::new(BODY_LIMIT),
            server::body::limit_bodies,
        ))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
}

/// Layers around everything: compression, security headers and the request log.
fn site_layers(router: Router) -> Router {
    router
        .layer(middleware::from_fn(refuse_bad_host))
        .layer(CompressionLayer::new())
        .layer(middleware::map_response(not_acceptable))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(middleware::from_fn(log_request))
}

/// `400 invalid_request` for a request whose Host header breaks RFC 9112 §3.2, as the accept loop found it
/// ([`server::BadHost`]); inside the log, the metrics and the security headers, so the refusal is like any other.
async fn refuse_bad_host(request: Request, next: Next) -> Response {
    match request.extensions().get::<server::BadHost>() {
        Some(server::BadHost(message)) => {
            WebError::new(StatusCode::BAD_REQUEST, "invalid_request", *message).into_response()
        }
        None => next.run(request).await,
    }
}

/// The content codings the compression layer can give an answer, for the 406 that names them.
const CONTENT_CODINGS: &str = "identity, gzip, br";

/// A `406` of the compression layer (an `Accept-Encoding` that refuses every coding it has, RFC 9110 §12.5.3)
/// made a proper error. tower-http sets the status and keeps the answer's own headers and body, so the client would
/// get the full success body (JSON or a page) under an error status; here it gets the site's JSON error instead,
/// naming the codings there are (§15.5.7). No handler answers 406 itself.
async fn not_acceptable(response: Response) -> Response {
    if response.status() != StatusCode::NOT_ACCEPTABLE {
        return response;
    }
    let message = format!(
        "The request's Accept-Encoding refuses every content coding this server has: {CONTENT_CODINGS} \
         (RFC 9110 §12.5.3, §15.5.7). Accept one of them, or send no Accept-Encoding."
    );
    let error = WebError::new(StatusCode::NOT_ACCEPTABLE, "not_acceptable", message);
    (
        StatusCode::NOT_ACCEPTABLE,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/json")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (header::VARY, HeaderValue::from_static("accept-encoding")),
        ],
        error.to_json().to_string(),
    )
        .into_response()
}

/// One log line per request: method, route template (never the path or the query string, which may hold user
/// input: see [`route`]), status, latency.
async fn log_request(mut request: Request, next: Next) -> Response {
    if request.extensions().get::<metrics::InternalProbe>().is_some() {
        return next.run(request).await;
    }
    let method = request.method().clone();
    let slot = route::RouteSlot::for_request(&mut request);
    let start = Instant::now();
    let response = next.run(request).await;
    log_answered(&method, slot.route(), response.status().as_u16(), start.elapsed());
    response
}

/// The request log's line for one answered request (target `devtools::request`), written by [`log_request`] and
/// by [`fast_pages`] for the answers it gives ahead of the router. The method is named as the metrics label it
/// ([`metrics::method_label`]): a standard one by name, any other `other`, since a client may send any token.
fn log_answered(method: &axum::http::Method, route: &str, status: u16, took: Duration) {
    let micros = took.as_micros() as u64;
    let method = metrics::method_label(method);
    tracing::info!(target: "devtools::request", method = %method, route, status, latency_us = micros);
}

#[cfg(test)]
mod tests;
