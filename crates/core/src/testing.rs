//! Test helpers every crate's handler tests use (feature `testing`): requests through a router with `oneshot`, no
//! socket, and small accessors on the reply, after axum's `examples/testing` and docs.rs's test helpers.
//!
//! Page snapshots take [`Reply::main`], the page's `<main>` element, so a change to the shared layout does not
//! touch every tool's snapshots; JSON snapshots take [`Reply::json`] with insta's redactions for values that
//! change (times, tokens).

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

/// A response, read whole.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body as text (invalid UTF-8 replaced).
    pub body: String,
    /// The body's length in bytes as it was sent: what page-size budgets measure.
    pub wire_len: usize,
}

impl Reply {
    /// The body as JSON; panics (failing the test) when it is not JSON.
    pub fn json(&self) -> Value {
        match serde_json::from_str(&self.body) {
            Ok(value) => value,
            Err(error) => panic!("not JSON ({error}): {}", self.body),
        }
    }

    /// A header's value as text, empty when absent.
    pub fn header(&self, name: header::HeaderName) -> &str {
        self.headers.get(name).and_then(|value| value.to_str().ok()).unwrap_or_default()
    }

    /// The page's `<main>` element, from its opening tag to its closing one: what a tool's page snapshot shows.
    pub fn main(&self) -> &str {
        let start = self.body.find("<main").unwrap_or(0);
        let end = self.body.rfind("</main>").map_or(self.body.len(), |end| end + "</main>".len());
        self.body.get(start..end).unwrap_or(&self.body)
    }
}

/// Sends one request through the router.
pub async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = match app.clone().oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = match response.into_body().collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) => panic!("the body could not be read: {error}"),
    };
    let body = String::from_utf8_lossy(&bytes).into_owned();
    Reply { status, headers, body, wire_len: bytes.len() }
}

/// `GET uri`.
pub async fn get(app: &Router, uri: &str) -> Reply {
    send(app, request(Request::get(uri), Body::empty())).await
}

/// `POST uri` with a form body (`application/x-www-form-urlencoded`).
pub async fn post_form(app: &Router, uri: &str, form: &str) -> Reply {
    let builder =
        Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    send(app, request(builder, Body::from(form.to_owned()))).await
}

/// `POST uri` with a JSON body.
pub async fn post_json(app: &Router, uri: &str, body: &Value) -> Reply {
    let builder = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    send(app, request(builder, Body::from(body.to_string()))).await
}

fn request(builder: axum::http::request::Builder, body: Body) -> Request<Body> {
    match builder.body(body) {
        Ok(request) => request,
        Err(error) => panic!("not a valid request: {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get as route_get;

    #[tokio::test]
    async fn replies_carry_status_headers_and_text() {
        let app = Router::new().route("/", route_get(|| async { "<p>a/b</p><main id=m>x</main>" }));
        let reply = get(&app, "/").await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.body, "<p>a/b</p><main id=m>x</main>");
        assert_eq!(reply.main(), "<main id=m>x</main>");
        assert!(reply.header(header::CONTENT_TYPE).starts_with("text/plain"));
    }
}
