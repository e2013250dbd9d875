//! One error type for every handler, answered as JSON under `/api/` and as an HTML page elsewhere.
//!
//! A handler returns [`WebError`]; its response carries a JSON body and an [`ErrorReport`] extension. The
//! [`error_pages`](crate::Site::error_pages) middleware, which knows the request path and the templates, turns the
//! report into the HTML error page for page routes. It also gives the same treatment to the plain-text errors axum
//! and tower-http produce themselves (unknown route, wrong method, rejected query, body too large, timeout), so no
//! route ever answers an unstyled error.

use crate::work::Refused;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// A client or server error, with a machine-readable kind and a message a person can act on.
#[derive(Debug, Clone)]
pub struct WebError {
    status: StatusCode,
    kind: Cow<'static, str>,
    message: String,
    extra: Map<String, Value>,
    retry_after: Option<u32>,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl WebError {
    /// An error with any status; `kind` is the stable, snake_case identifier clients match on.
    pub fn new(
        status: StatusCode,
        kind: impl Into<Cow<'static, str>>,
        message: impl Into<String>,
    ) -> Self {
        WebError {
            status,
            kind: kind.into(),
            message: message.into(),
            extra: Map::new(),
            retry_after: None,
            headers: Vec::new(),
        }
    }

    /// 400 Bad Request.
    pub fn bad_request(kind: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, kind, message)
    }

    /// 404 Not Found.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 413 Payload Too Large, `payload_too_large`, naming the host's body limit in bytes. The one wording for both
    /// places that refuse a body: the host before reading one whose length is declared too large, and the error
    /// middleware for one that crosses the limit as it streams.
    pub fn payload_too_large(limit: usize) -> Self {
        let message = format!(
            "The request body is larger than the {} this server accepts.",
            crate::site::human_bytes(limit)
        );
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", message)
    }

    /// 500 Internal Server Error. The cause is logged; the client sees only a generic message.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Something went wrong on our side.",
        )
    }

    /// Adds a field to the JSON body next to `error` and `message` (a position, a span, a partial result). A
    /// `null` (a `None`) adds nothing: optional fields are left out, never `null` (the `ApiError` schema).
    #[must_use]
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        match value.into() {
            Value::Null => self.extra.remove(key),
            value => self.extra.insert(key.to_owned(), value),
        };
        self
    }

    /// Asks the client to wait this many seconds before trying again (the `Retry-After` header, RFC 9110
    /// §10.2.3), for `503` and `429` answers.
    #[must_use]
    pub fn retry_after(mut self, seconds: u32) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    /// Adds a response header the status calls for, such as `Accept-Encoding` on a 415 for a content coding
    /// (RFC 9110 §12.5.3) or `Allow` on a 405.
    #[must_use]
    pub fn header(mut self, name: HeaderName, value: &'static str) -> Self {
        self.headers.push((name, HeaderValue::from_static(value)));
        self
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The machine-readable kind.
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// The human message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The JSON body: `{"error": kind, "message": text, ...extra}`.
    pub fn to_json(&self) -> Value {
        let mut body = Map::new();
        body.insert("error".into(), Value::from(self.kind.as_ref()));
        body.insert("message".into(), Value::from(self.message.as_str()));
        for (key, value) in &self.extra {
            body.insert(key.clone(), value.clone());
        }
        Value::Object(body)
    }

    /// The `kind` used for a status when nothing more specific is known.
    pub fn kind_for_status(status: StatusCode) -> &'static str {
        match status {
            // The kind the extractors give every malformed request (`extract.rs`).
            StatusCode::BAD_REQUEST => "invalid_request",
            StatusCode::NOT_FOUND => "not_found",
            StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
            StatusCode::REQUEST_TIMEOUT => "timeout",
            StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
            StatusCode::URI_TOO_LONG => "uri_too_long",
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => "header_too_large",
            StatusCode::UNPROCESSABLE_ENTITY => "unprocessable",
            StatusCode::TOO_MANY_REQUESTS => "too_many_requests",
            StatusCode::SERVICE_UNAVAILABLE => "busy",
            status if status.is_server_error() => "internal",
            _ => "error",
        }
    }
}

impl std::fmt::Display for WebError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl std::error::Error for WebError {}

/// Work that was refused or stopped ([`crate::Work`]): `503 busy` with `Retry-After` when the server is full,
/// `422` when this input needs more than one request's budget (`deadline_exceeded`, `answer_too_large`,
/// `work_failed`), so the client knows not to simply retry.
impl From<Refused> for WebError {
    fn from(refused: Refused) -> Self {
        let message = refused.to_string();
        match refused {
            Refused::Busy { retry_after } => {
                WebError::new(StatusCode::SERVICE_UNAVAILABLE, "busy", message)
                    .retry_after(retry_after)
            }
            Refused::Deadline { budget } => crate::AnswerError::deadline_exceeded(budget).into(),
            Refused::OutputTooLarge { limit } => {
                WebError::new(StatusCode::UNPROCESSABLE_ENTITY, "answer_too_large", message)
                    .with("limit_bytes", limit)
            }
            Refused::Failed => {
                WebError::new(StatusCode::UNPROCESSABLE_ENTITY, "work_failed", message)
            }
        }
    }
}

/// An answer layer's error as the JSON API answers it: the class gives the status (400 invalid, 413 too large,
/// 404 not found, 422 unanswerable), the body is the error's own.
impl From<crate::AnswerError> for WebError {
    fn from(error: crate::AnswerError) -> Self {
        let mut web =
            WebError::new(error.class().status(), error.kind().to_owned(), error.message());
        web.extra = error.details().clone();
        web
    }
}

impl crate::ErrorClass {
    /// The HTTP status an error of this class answers with, on the JSON API and on the page: 400 invalid, 413 too
    /// large, 404 not found, 422 unanswerable (RFC 9110 §15.5).
    pub fn status(self) -> StatusCode {
        match self {
            crate::ErrorClass::Invalid => StatusCode::BAD_REQUEST,
            crate::ErrorClass::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            crate::ErrorClass::NotFound => StatusCode::NOT_FOUND,
            crate::ErrorClass::Unanswerable => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
}

/// Attached to every error response so the error middleware can render it for its audience.
#[derive(Debug, Clone)]
pub struct ErrorReport(pub WebError);

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let body = self.to_json().to_string();
        let mut response =
            (self.status, [(header::CONTENT_TYPE, "application/json")], body).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        for (name, value) in &self.headers {
            response.headers_mut().insert(name.clone(), value.clone());
        }
        response.extensions_mut().insert(ErrorReport(self));
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_body_has_kind_message_and_extra_fields() {
        let error = WebError::bad_request("invalid_expression", "minute: 60 is out of range 0–59")
            .with("field", "minute")
            .with("position", 0);
        assert_eq!(
            error.to_json(),
            serde_json::json!({
                "error": "invalid_expression",
                "message": "minute: 60 is out of range 0–59",
                "field": "minute",
                "position": 0
            })
        );
    }

    #[test]
    fn busy_work_is_a_503_with_retry_after() {
        let response = WebError::from(Refused::Busy { retry_after: 1 }).into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "1");
        let error = WebError::from(Refused::Deadline { budget: std::time::Duration::from_secs(2) });
        assert_eq!((error.status().as_u16(), error.kind()), (422, "deadline_exceeded"));
        assert!(error.message().contains("2 s"), "{}", error.message());
    }

    #[test]
    fn into_response_keeps_status_and_report() {
        let response = WebError::not_found("no such code").into_response();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert!(response.extensions().get::<ErrorReport>().is_some());
        assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    }
}
