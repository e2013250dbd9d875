//! The operations probes: `GET /healthz` (liveness: the process answers) and `GET /readyz` (readiness: the
//! process takes traffic), and the drain state the readiness probe reports ([`Draining`]). They address the server
//! rather than the site, so a site below a base path answers them at the root too; they are not part of the JSON
//! API under `/api/`.

use crate::site::SiteState;
use crate::work::WorkLoad;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the server is draining before it stops: begun by the host at its shutdown signal, read by `/readyz`,
/// which answers 503 from then on while requests are still served. Clones share one state; the default has not
/// begun.
#[derive(Debug, Clone, Default)]
pub struct Draining(Arc<AtomicBool>);

impl Draining {
    /// Begins draining; there is no way back.
    pub fn begin(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether draining has begun.
    pub fn is_draining(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// The body of `GET /readyz`.
#[derive(Debug, Serialize)]
pub struct Readiness {
    /// Whether this process takes traffic: `false` only while it drains before shutting down.
    pub ready: bool,
    /// Whether the host has begun draining ([`Draining`]): requests are still served, but a load balancer should
    /// send no new ones.
    pub draining: bool,
    /// Tool work running and waiting, for operators and metrics; it does not decide `ready`.
    pub load: WorkLoad,
}

/// `GET /healthz`: `200 ok` while the process answers at all (liveness).
pub(crate) async fn healthz() -> &'static str {
    "ok"
}

/// `GET /readyz`: whether this process takes traffic: `200` with a [`Readiness`] body, or `503` with
/// `ready: false` and `draining: true` once the host has begun draining, so a load balancer stops sending new
/// requests. Never cached.
///
/// A full work queue does not make it fail: under a load spike every replica would fail it at once, a load
/// balancer would take them all out of rotation, and even cached pages would go unanswered. Overload is answered
/// per request instead (`503 busy` with `Retry-After`, counted in the load's `refused_busy`).
pub(crate) async fn readyz(State(site): State<SiteState>) -> Response {
    let draining = site.draining().is_draining();
    let status = if draining { StatusCode::SERVICE_UNAVAILABLE } else { StatusCode::OK };
    let body = axum::Json(Readiness { ready: !draining, draining, load: site.work().load() });
    (status, [(header::CACHE_CONTROL, "no-store")], body).into_response()
}

#[cfg(test)]
mod tests {
    use crate::site::{Settings, Site};
    use axum::body::Body;
    use axum::http::{Request, StatusCode, header};
    use tower::ServiceExt as _;

    async fn get(app: &axum::Router, uri: &str) -> (StatusCode, Option<String>, serde_json::Value) {
        let response =
            app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
        let status = response.status();
        let caching = response
            .headers()
            .get(header::CACHE_CONTROL)
            .map(|value| value.to_str().unwrap().to_owned());
        let body = axum::body::to_bytes(response.into_body(), 64 * 1024).await.unwrap();
        (status, caching, serde_json::from_slice(&body).unwrap_or_default())
    }

    #[tokio::test]
    async fn readyz_answers_503_and_draining_once_draining_has_begun() {
        let settings = Settings::default();
        let draining = settings.draining.clone();
        let app = Site::router_with(Vec::new(), settings, |router| router).unwrap();
        let (status, _, body) = get(&app, "/readyz").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!((&body["ready"], &body["draining"]), (&true.into(), &false.into()));

        draining.begin();
        let (status, caching, body) = get(&app, "/readyz").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(caching.as_deref(), Some("no-store"));
        assert_eq!((&body["ready"], &body["draining"]), (&false.into(), &true.into()));
        assert!(
            body["load"]["capacity"].as_u64().unwrap() > 0,
            "the load is still reported: {body}"
        );
        // Everything else is still served.
        assert_eq!(get(&app, "/healthz").await.0, StatusCode::OK);
        assert_eq!(get(&app, "/").await.0, StatusCode::OK);
    }
}
