//! The one way a tool's routes take their input: axum's `Path`, `Query`, `Form` and `Json` extractors with one
//! error.
//!
//! axum rejects a malformed query, form or JSON body with its own plain-text wording and statuses (400, 415,
//! 422). Every tool route extracts through these wrappers instead, so every malformed request is answered the same
//! way: `400 invalid_request` with axum's explanation as the message. Two keep their own status and kind, because
//! the client must change something other than the content: `413 payload_too_large` for a body over the host's
//! limit, and `415 unsupported_media_type` for a body that is not `application/json` (or a form) or that has a
//! content coding (RFC 9110 §15.5.16).

use crate::WebError;
use axum::extract::rejection::{FormRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;

/// A request whose form, query or body cannot be read as the route expects: `400 invalid_request`, or the 413 or
/// 415 that a body over the limit or of the wrong media type already is.
fn invalid_request(status: StatusCode, text: String) -> WebError {
    match status {
        StatusCode::PAYLOAD_TOO_LARGE | StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            WebError::new(status, WebError::kind_for_status(status), text)
        }
        _ => WebError::bad_request("invalid_request", text),
    }
}

/// `415 unsupported_media_type` for a body sent with a content coding (`Content-Encoding: gzip`): the host reads
/// bodies as sent, so it says which coding it takes (RFC 9110 §12.5.3, §15.5.16) instead of failing to parse
/// the compressed bytes as JSON.
fn refuse_content_coding(request: &Request) -> Result<(), WebError> {
    let Some(coding) = request.headers().get(header::CONTENT_ENCODING) else { return Ok(()) };
    if coding.to_str().is_ok_and(|coding| coding.trim().eq_ignore_ascii_case("identity")) {
        return Ok(());
    }
    let coding = coding.to_str().unwrap_or("(not text)");
    Err(WebError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        format!(
            "The body has Content-Encoding: {coding}; this server reads only bodies without a content coding \
             (identity). Send the JSON uncompressed."
        ),
    )
    .header(header::ACCEPT_ENCODING, "identity"))
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

/// The query of an API operation that takes no parameters: with [`Query`], any parameter is refused as
/// `400 invalid_request` ("unknown field `…`"), as the tools' other API operations refuse one they do not take.
#[derive(Debug, Clone, Copy, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoParameters {}

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
        refuse_content_coding(&request)?;
        axum::extract::Form::<T>::from_request(request, state)
            .await
            .map(|axum::extract::Form(value)| Form(value))
            .map_err(|rejection: FormRejection| {
                invalid_request(rejection.status(), rejection.body_text())
            })
    }
}

/// A JSON body decoded into `T`, or `400 invalid_request` (`415 unsupported_media_type` for a missing or wrong
/// content type or a content coding).
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &S) -> Result<Self, WebError> {
        refuse_content_coding(&request)?;
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

        let json = |body: &'static str| {
            Request::post("/")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body))
        };
        let error = Json::<Wanted>::from_request(json("{}").unwrap(), &()).await.unwrap_err();
        assert_eq!((error.status().as_u16(), error.kind()), (400, "invalid_request"));
        assert_eq!(error.into_response().status(), StatusCode::BAD_REQUEST);
    }

    /// RFC 9110 §15.5.16: a body of a media type or content coding the route does not take is a 415, which the
    /// client fixes by changing the request's headers, not its content.
    #[tokio::test]
    async fn a_wrong_media_type_or_a_content_coding_is_unsupported_media_type() {
        for content_type in [None, Some("text/plain"), Some("application/x-www-form-urlencoded")] {
            let mut request = Request::post("/");
            if let Some(content_type) = content_type {
                request = request.header(header::CONTENT_TYPE, content_type);
            }
            let request = request.body(Body::from(r#"{"count": 1}"#)).unwrap();
            let error = Json::<Wanted>::from_request(request, &()).await.unwrap_err();
            assert_eq!((error.status().as_u16(), error.kind()), (415, "unsupported_media_type"));
            assert!(error.message().contains("application/json"), "{}", error.message());
        }
        let request = Request::post("/")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::CONTENT_ENCODING, "gzip")
            .body(Body::from(vec![0x1f, 0x8b, 0x08]))
            .unwrap();
        let error = Json::<Wanted>::from_request(request, &()).await.unwrap_err();
        assert_eq!((error.status().as_u16(), error.kind()), (415, "unsupported_media_type"));
        assert!(error.message().contains("Content-Encoding: gzip"), "{}", error.message());
        let response = error.into_response();
        assert_eq!(response.headers()[header::ACCEPT_ENCODING], "identity");
        // identity is no coding at all.
        let request = Request::post("/")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::CONTENT_ENCODING, "identity")
            .body(Body::from(r#"{"count": 1}"#))
            .unwrap();
        assert!(Json::<Wanted>::from_request(request, &()).await.is_ok());
    }
}
