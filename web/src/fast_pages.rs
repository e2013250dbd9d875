//! Stored answers for what is the same for everyone, given ahead of the router.
//!
//! A cached page (the kit's `Site::cached_page`: the home page, every status page, a tool page without input) or a
//! static asset is the same bytes for every request of its path, and the kit marks such an answer [`Storable`].
//! Sending it through axum's routing and every layer (security headers, compression negotiation, body limits,
//! timeout, panic guard, request log, metrics) costs more than writing it: profiled under wrk, that stack was most
//! of the user-space time of `GET /http-status/403`, which then served at 0.6–0.7× nginx's rate for the same bytes.
//!
//! [`FastPages`] is a small shared cache (RFC 9111 §3) in front of the router. The first storable `200` the full
//! stack gives for a path is stored as it left the stack (status, headers, body), under the path and the request's
//! `Accept-Encoding` (the header the answer's `Vary` names, RFC 9111 §4.1). A later `GET` of that path with the same
//! `Accept-Encoding` gets the stored answer, logged and counted (`/metrics`) as the stack would have.
//!
//! Left to the stack, always: other methods, a query string, a request body, a Host header the stack refuses
//! ([`crate::server::BadHost`]), `If-None-Match` (the stack answers `304`), `If-Match` (`412` unless it holds), and
//! answers the compression layer coded (gzip and the like: only an uncoded or brotli body is stored, so stored
//! bodies are the kit's own precomputed bytes). Budgets: at most [`MAX_STORED`] answers, at most [`MAX_VARIANTS`]
//! per path, [`MAX_STORED_BYTES`] of bodies in all, paths and `Accept-Encoding` values of at most [`MAX_KEY_LEN`]
//! bytes. Once full, nothing more is stored and the stack answers the rest.

use crate::metrics::{SharedMetrics, method_label};
use crate::route::RouteSlot;
use axum::Router;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use devtools_kit::Storable;
use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, PoisonError, RwLock};
use std::task::{Context, Poll};
use std::time::Instant;
use tower::Service;

/// The most answers stored: the site has about 80 storable pages and a dozen assets, each asked for with and
/// without brotli.
pub const MAX_STORED: usize = 1024;

/// The most answers stored for one path (one per distinct `Accept-Encoding` value): browsers send one value each,
/// so this bounds what a client inventing values can take.
pub const MAX_VARIANTS: usize = 8;

/// The most body bytes stored, counted per answer (answers that share the kit's bytes are counted each time).
pub const MAX_STORED_BYTES: usize = 32 * 1024 * 1024;

/// The longest path, and the longest `Accept-Encoding` value, an answer is stored under.
pub const MAX_KEY_LEN: usize = 256;

/// The largest body stored: larger answers go through the stack each time.
const MAX_BODY: usize = 1024 * 1024;

/// The site's router behind a store of its storable answers (see the module docs).
#[derive(Debug, Clone)]
pub struct FastPages {
    inner: Router,
    store: Arc<Store>,
    metrics: Option<SharedMetrics>,
}

impl FastPages {
    /// `site` (the whole site, every layer on) behind an empty store; replays are counted in `metrics` when given.
    pub fn new(site: Router, metrics: Option<SharedMetrics>) -> FastPages {
        FastPages { inner: site, store: Arc::default(), metrics }
    }

    /// How many answers are stored.
    pub fn stored(&self) -> usize {
        self.store.count.load(Ordering::Relaxed)
    }
}

impl Service<Request> for FastPages {
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Service::<Request>::poll_ready(&mut self.inner, cx)
    }

    fn call(&mut self, mut request: Request) -> Self::Future {
        let start = Instant::now();
        let Some(encoding) = replayable(&request) else {
            return Box::pin(self.inner.call(request));
        };
        let path = request.uri().path();
        if let Some(stored) = self.store.get(path, encoding.as_ref()) {
            let (status, took) = (stored.status.as_u16(), start.elapsed());
            crate::log_answered(&Method::GET, &stored.route, status, took);
            if let Some(metrics) = &self.metrics {
                metrics.count(Arc::clone(&stored.route), method_label(&Method::GET), status, took);
            }
            return Box::pin(std::future::ready(Ok(stored.answer())));
        }
        let path = path.to_owned();
        let slot = RouteSlot::for_request(&mut request);
        let answer = self.inner.call(request);
        let store = Arc::clone(&self.store);
        Box::pin(async move {
            let response = answer.await?;
            if !store.wants(&path, &response) {
                return Ok(response);
            }
            Ok(store.keep(path, encoding, slot.route(), response).await)
        })
    }
}

/// For a request whose answer may be stored or replayed, its `Accept-Encoding` value (`Some(None)` when it sends
/// none); `None` for every other request.
fn replayable(request: &Request) -> Option<Option<HeaderValue>> {
    let headers = request.headers();
    let simple = request.method() == Method::GET
        && request.uri().query().is_none()
        && !headers.contains_key(header::IF_NONE_MATCH)
        && !headers.contains_key(header::IF_MATCH)
        && request.extensions().get::<crate::server::BadHost>().is_none()
        && HttpBody::is_end_stream(request.body());
    if !simple {
        return None;
    }
    let mut encodings = headers.get_all(header::ACCEPT_ENCODING).iter();
    match (encodings.next(), encodings.next()) {
        (None, _) => Some(None),
        (Some(value), None) if value.len() <= MAX_KEY_LEN => Some(Some(value.clone())),
        _ => None,
    }
}

/// One stored answer.
#[derive(Debug)]
struct Stored {
    /// The `Accept-Encoding` value of the request it answered (`None`: the request sent none).
    encoding: Option<HeaderValue>,
    /// The route template the stack named it by, for the log and the metrics (shared with the metrics' labels, so
    /// counting a replay copies no string).
    route: Arc<str>,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Stored {
    fn answer(&self) -> Response {
        let mut response = Response::new(Body::from(self.body.clone()));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        response
    }
}

/// The stored answers by path, each path's variants by `Accept-Encoding`.
#[derive(Debug, Default)]
struct Store {
    by_path: RwLock<HashMap<String, Vec<Arc<Stored>>>>,
    count: AtomicUsize,
    bytes: AtomicUsize,
}

impl Store {
    fn get(&self, path: &str, encoding: Option<&HeaderValue>) -> Option<Arc<Stored>> {
        let by_path = self.by_path.read().unwrap_or_else(PoisonError::into_inner);
        by_path.get(path)?.iter().find(|stored| stored.encoding.as_ref() == encoding).cloned()
    }

    /// Whether `response`, the stack's answer to a replayable request for `path`, is to be stored: a storable
    /// `200`, uncoded or in the kit's brotli, of a known size within the budgets.
    fn wants(&self, path: &str, response: &Response) -> bool {
        let coding = response.headers().get(header::CONTENT_ENCODING);
        let size = HttpBody::size_hint(response.body()).exact();
        response.status() == StatusCode::OK
            && response.extensions().get::<Storable>().is_some()
            && coding.is_none_or(|coding| coding == "br")
            && path.len() <= MAX_KEY_LEN
            && size.is_some_and(|size| size as usize <= MAX_BODY)
            && self.count.load(Ordering::Relaxed) < MAX_STORED
            && self.bytes.load(Ordering::Relaxed) + size.unwrap_or(0) as usize <= MAX_STORED_BYTES
    }

    /// Stores `response` (which [`Store::wants`]) and gives it back, its body read into memory.
    async fn keep(
        &self,
        path: String,
        encoding: Option<HeaderValue>,
        route: &str,
        response: Response,
    ) -> Response {
        let (parts, body) = response.into_parts();
        // The kit's storable bodies are whole `Bytes`: reading them cannot fail or wait.
        let body = match axum::body::to_bytes(body, MAX_BODY).await {
            Ok(body) => body,
            Err(error) => {
                tracing::error!(%error, route, "a storable answer's body could not be read");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        };
        let stored = Stored {
            encoding,
            route: Arc::from(route),
            status: parts.status,
            headers: parts.headers.clone(),
            body: body.clone(),
        };
        let mut by_path = self.by_path.write().unwrap_or_else(PoisonError::into_inner);
        // Checked again under the lock: another request may have stored an answer since `wants`.
        let room = by_path.get(&path).is_none_or(|variants| {
            variants.len() < MAX_VARIANTS
                && !variants.iter().any(|kept| kept.encoding == stored.encoding)
        }) && self.count.load(Ordering::Relaxed) < MAX_STORED
            && self.bytes.load(Ordering::Relaxed) + body.len() <= MAX_STORED_BYTES;
        if room {
            self.count.fetch_add(1, Ordering::Relaxed);
            self.bytes.fetch_add(body.len(), Ordering::Relaxed);
            by_path.entry(path).or_default().push(Arc::new(stored));
        }
        drop(by_path);
        Response::from_parts(parts, Body::from(body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Metrics;
    use crate::server::ConnectionStats;
    use tower::ServiceExt;

    /// Status, headers and body of an answer.
    async fn answer_of<S>(service: S, request: Request) -> (StatusCode, HeaderMap, Bytes)
    where
        S: Service<Request, Response = Response, Error = Infallible>,
    {
        let response = service.oneshot(request).await.unwrap();
        let (parts, body) = response.into_parts();
        (parts.status, parts.headers, axum::body::to_bytes(body, usize::MAX).await.unwrap())
    }

    fn get(path: &str, accept_encoding: Option<&str>) -> Request {
        let mut request = Request::get(path);
        if let Some(value) = accept_encoding {
            request = request.header(header::ACCEPT_ENCODING, value);
        }
        request.body(Body::empty()).unwrap()
    }

    /// The site's CSS, as its pages link it (`/static/devtools.<hash>.css`).
    async fn stylesheet(site: &Router) -> String {
        let (_, _, home) = answer_of(site.clone(), get("/", None)).await;
        let home = String::from_utf8(home.to_vec()).unwrap();
        let start = home.find("/static/devtools.").unwrap();
        let end = start + home[start..].find(".css").unwrap() + 4;
        home[start..end].to_owned()
    }

    #[tokio::test]
    async fn a_replay_is_the_answer_the_stack_gave_byte_for_byte() {
        let site = crate::app().unwrap();
        let fast = FastPages::new(site.clone(), None);
        let mut paths = vec!["/", "/http-status", "/http-status/403", "/jwt", "/regex", "/color"]
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>();
        paths.push(stylesheet(&site).await);
        for path in &paths {
            for encoding in [None, Some("br"), Some("gzip, deflate, br, zstd")] {
                let stored = fast.stored();
                let first = answer_of(fast.clone(), get(path, encoding)).await;
                assert_eq!(fast.stored(), stored + 1, "{path} {encoding:?}: stored");
                let replay = answer_of(fast.clone(), get(path, encoding)).await;
                assert_eq!(
                    fast.stored(),
                    stored + 1,
                    "{path} {encoding:?}: replayed, not stored again"
                );
                let stack = answer_of(site.clone(), get(path, encoding)).await;
                assert_eq!(first, stack, "{path} {encoding:?}: the first answer is the stack's");
                assert_eq!(replay, stack, "{path} {encoding:?}: the replay is the stack's answer");
                assert_eq!(replay.0, StatusCode::OK);
                let coding = replay.1.get(header::CONTENT_ENCODING);
                assert_eq!(coding.is_some(), encoding.is_some(), "{path} {encoding:?}: {coding:?}");
                assert_eq!(replay.1[header::CONTENT_SECURITY_POLICY], crate::CSP, "{path}");
            }
        }
    }

    #[tokio::test]
    async fn what_only_the_stack_can_answer_is_neither_stored_nor_replayed() {
        let site = crate::app().unwrap();
        let fast = FastPages::new(site.clone(), None);
        // Stored once, so a replay would be possible if the rules let it through.
        answer_of(fast.clone(), get("/http-status/403", None)).await;
        answer_of(fast.clone(), get("/http-status/403", Some("br"))).await;
        assert_eq!(fast.stored(), 2);
        let (_, headers, _) = answer_of(fast.clone(), get("/http-status/403", None)).await;
        let etag = headers[header::ETAG].clone();
        let requests = [
            // The cron page shows the next runs from now: never the same twice.
            get("/cron", None),
            get("/regex?pattern=a&text=a", None),
            get("/http-status/403?utm=x", None),
            get("/http-status/999", None),
            get("/no/such/page", None),
            get("/http-status/403", Some("gzip")),
            Request::get("/http-status/403")
                .header(header::IF_NONE_MATCH, etag)
                .body(Body::empty())
                .unwrap(),
            Request::get("/http-status/403")
                .header(header::IF_MATCH, "\"nope\"")
                .body(Body::empty())
                .unwrap(),
            Request::head("/http-status/403").body(Body::empty()).unwrap(),
            Request::post("/http-status/403").body(Body::from("x")).unwrap(),
            Request::get("/http-status/403").body(Body::from("a body")).unwrap(),
            Request::get("/http-status/403")
                .header(header::ACCEPT_ENCODING, "br")
                .header(header::ACCEPT_ENCODING, "gzip")
                .body(Body::empty())
                .unwrap(),
        ];
        for request in requests {
            let shown = format!("{} {} {:?}", request.method(), request.uri(), request.headers());
            let copy = {
                let mut copy = Request::builder().method(request.method()).uri(request.uri());
                for (name, value) in request.headers() {
                    copy = copy.header(name, value);
                }
                copy.body(Body::empty()).unwrap()
            };
            let answer = answer_of(fast.clone(), request).await;
            assert_eq!(fast.stored(), 2, "{shown}: nothing more stored");
            if copy.method() != Method::POST && copy.method() != Method::GET
                || copy.uri().query().is_some()
            {
                continue;
            }
            let stack = answer_of(site.clone(), copy).await;
            assert_eq!(
                (answer.0, &answer.1.get(header::CONTENT_ENCODING)),
                (stack.0, &stack.1.get(header::CONTENT_ENCODING)),
                "{shown}"
            );
        }
    }

    #[tokio::test]
    async fn a_client_inventing_encodings_fills_one_paths_variants_and_no_more() {
        let fast = FastPages::new(crate::app().unwrap(), None);
        for n in 0..3 * MAX_VARIANTS {
            let encoding = format!("br, x-made-up-{n}");
            let (status, headers, _) = answer_of(fast.clone(), get("/jwt", Some(&encoding))).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(headers[header::CONTENT_ENCODING], "br");
        }
        assert_eq!(fast.stored(), MAX_VARIANTS);
    }

    #[tokio::test]
    async fn replays_are_counted_in_the_metrics_as_the_stack_counts_them() {
        let metrics = Metrics::new(Arc::new(ConnectionStats::default()));
        let site = crate::app_observed(crate::settings(), Some(&metrics)).unwrap();
        let fast = FastPages::new(site, Some(Arc::clone(&metrics)));
        for _ in 0..3 {
            answer_of(fast.clone(), get("/http-status/418", None)).await;
        }
        assert_eq!(fast.stored(), 1);
        let text = metrics.render().await.unwrap();
        let series = r#"devtools_http_requests_total{route="/http-status/{code}",method="GET",status="200"} 3"#;
        assert!(text.lines().any(|line| line == series), "{text}");
        let latency = r#"devtools_http_request_duration_seconds_count{route="/http-status/{code}",method="GET"} 3"#;
        assert!(text.lines().any(|line| line == latency), "{text}");
    }
}
