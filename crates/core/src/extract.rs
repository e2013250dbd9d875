//! The one way a tool's routes take their input: axum's `Path`, `Query`, `Form` and `Json` extractors with one
//! error.
//!
//! axum rejects a malformed query, form or JSON body with its own plain-text wording and statuses (400, 415,
//! 422). Every tool route extracts through these wrappers instead, so every malformed request is answered the same
//! way: `400 invalid_request` with axum's explanation as the message (`413 payload_too_large` for a body over the
//! host's limit keeps its own status and kind).

use crate::WebError;
use axum::extract::rejection::{FormRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// A request whose form, query or body cannot be read as the route expects: `400 invalid_request`, or the 413
/// that a body over the limit already is.
fn invalid_request(status: StatusCode, text: String) -> WebError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return WebError::new(status, "payload_too_large", text);
    }
    WebError::bad_request("invalid_request", text)
}

/// The query string decoded into `T` (`serde_urlencoded`), or `400 invalid_request`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, WebError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| Query(value))
            .map_err(|rejection: QueryRejection| {
                invalid_request(rejection.status(), rejection.body_text())
            })
    }
}

/// Path parameters decoded into `T`, or `400 invalid_request` (a segment that is not UTF-8, say).
#[derive(Debug, Clone, Copy, Default)]
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, WebError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| Path(value))
            .map_err(|rejection: PathRejection| {
                invalid_request(rejection.status(), rejection.body_text())
            })
    }
}

/// A `POST` form body (or a `GET` query, as axum's `Form` reads it) decoded into `T`, or `400 invalid_request`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Form<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, WebError> {
        axum::extract::Form::<T>::from_request(request, state)
            .await
            .map(|axum::extract::Form(value)| Form(value))
            .map_err(|rejection: FormRejection| {
                invalid_request(rejection.status(), rejection.body_text())
            })
    }
}

/// A JSON body decoded into `T`, or `400 invalid_request` (also for a missing or wrong content type).
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, WebError> {
        axum::Json::<T>::from_request(request, state)
            .await
            .map(|axum::Json(value)| Json(value))
            .map_err(|rejection: JsonRejection| {
                invalid_request(rejection.status(), rejection.body_text())
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::response::IntoResponse;

    #[derive(Debug, serde::Deserialize)]
    struct Wanted {
        #[allow(dead_code)] // read by serde only
        count: u32,
    }

    #[tokio::test]
    async fn every_malformed_input_is_invalid_request() {
        let request = Request::get("/?count=many").body(Body::empty()).unwrap();
        let (mut parts, _) = request.into_parts();
        let error = Query::<Wanted>::from_request_parts(&mut parts, &()).await.unwrap_err();
        assert_eq!((error.status().as_u16(), error.kind()), (400, "invalid_request"));
        assert!(error.message().contains("count"), "{}", error.message());

        let request = Request::post("/").body(Body::from("{}")).unwrap();
        let error = Json::<Wanted>::from_request(request, &()).await.unwrap_err();
        assert_eq!((error.status().as_u16(), error.kind()), (400, "invalid_request"));
        assert_eq!(error.into_response().status(), StatusCode::BAD_REQUEST);
    }
}
