//! Brotli bodies made once, at brotli's best quality, for what is served again and again unchanged: the static
//! assets and the cached pages. A browser's request then costs a copy of bytes already made instead of a fresh
//! compression, and gets fewer bytes than the per-response compression (which must use a fast, lower quality).
//!
//! The host's compression layer still compresses every other response; it leaves alone a response that already
//! has a `Content-Encoding`, which is how these pass through it.

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::sync::OnceLock;

/// Brotli's best quality (0–11): slow to make, which is paid once per body and never per request.
const QUALITY: u32 = 11;
/// Brotli's window, log2 of bytes: 4 MiB, more than any page or asset.
const WINDOW: u32 = 22;

/// A body and, made on the first request that accepts it, its brotli coding.
#[derive(Debug)]
pub(crate) struct Precompressed {
    body: Bytes,
    /// `None` when brotli would not make the body smaller.
    br: OnceLock<Option<Bytes>>,
}

impl Precompressed {
    pub(crate) fn new(body: Bytes) -> Precompressed {
        Precompressed { body, br: OnceLock::new() }
    }

    /// The body to send for a request with `headers`, and its `Content-Encoding` when it is coded: the brotli
    /// coding when the request accepts `br` and it is smaller, else the body as-is (left to the compression
    /// layer, which may still gzip it).
    pub(crate) fn for_request(&self, headers: &HeaderMap) -> (Bytes, Option<HeaderValue>) {
        if accepts_br(headers)
            && let Some(br) = self.br.get_or_init(|| compress(&self.body))
        {
            return (br.clone(), Some(HeaderValue::from_static("br")));
        }
        (self.body.clone(), None)
    }

    /// The `200` answer to a request with `request_headers`: [`Precompressed::unstored`]'s, with the given ETag. It
    /// is marked [`Storable`]: the same answer goes to every request that agrees on [`accepts_br`].
    pub(crate) fn respond(
        &self,
        request_headers: &HeaderMap,
        content_type: HeaderValue,
        etag: HeaderValue,
        cache_control: HeaderValue,
    ) -> Response {
        let mut response = self.unstored(request_headers, content_type, cache_control);
        response.headers_mut().insert(header::ETAG, etag);
        response.extensions_mut().insert(Storable);
        response
    }

    /// The `200` answer to a request with `request_headers`: [`Precompressed::for_request`]'s body with its
    /// `Content-Encoding`, `Vary: accept-encoding`, and the given type and caching; no ETag, and not
    /// [`Storable`], for an answer no cache may keep under the path it was asked for.
    pub(crate) fn unstored(
        &self,
        request_headers: &HeaderMap,
        content_type: HeaderValue,
        cache_control: HeaderValue,
    ) -> Response {
        let (body, coding) = self.for_request(request_headers);
        let mut response = (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, cache_control),
                (header::VARY, HeaderValue::from_static("accept-encoding")),
            ],
            body,
        )
            .into_response();
        if let Some(coding) = coding {
            response.headers_mut().insert(header::CONTENT_ENCODING, coding);
        }
        response
    }
}

/// `body` in brotli at [`QUALITY`], or `None` when that is not smaller.
fn compress(body: &[u8]) -> Option<Bytes> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: QUALITY as i32,
        lgwin: WINDOW as i32,
        size_hint: body.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(body.len() / 3);
    let mut input = body;
    brotli::BrotliCompress(&mut input, &mut out, &params).ok()?;
    (out.len() < body.len()).then(|| Bytes::from(out))
}

/// Marks, in a response's extensions, an answer that is the same for every `GET` of the same path that carries
/// no `If-None-Match` and agrees on [`accepts_br`] (the one request header it varies on besides the path; it says
/// `Vary: accept-encoding`). A shared cache in front of the router may store it and answer such requests with it
/// (RFC 9111 §3, §4.1). Cached pages ([`crate::Site::cached_page`]) and static assets carry it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Storable;

/// Whether `Accept-Encoding` accepts `br` (RFC 9110 §12.5.3): listed with a non-zero weight. A request that
/// accepts brotli only through `*` is left to the compression layer, which negotiates in full.
pub fn accepts_br(headers: &HeaderMap) -> bool {
    headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|value| value.to_str().ok()).any(
        |value| {
            value.split(',').any(|item| {
                let mut parts = item.split(';');
                let coding = parts.next().unwrap_or_default().trim();
                let refused = parts.any(|param| {
                    let param = param.trim();
                    let weight = param.strip_prefix("q=").or_else(|| param.strip_prefix("Q="));
                    weight.and_then(|w| w.trim().parse::<f32>().ok()) == Some(0.0)
                });
                coding.eq_ignore_ascii_case("br") && !refused
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn br_is_accepted_when_listed_without_a_zero_weight() {
        assert!(accepts_br(&accept("gzip, deflate, br, zstd")));
        assert!(accepts_br(&accept("br;q=0.5, gzip")));
        assert!(accepts_br(&accept("BR")));
        assert!(!accepts_br(&accept("gzip")));
        assert!(!accepts_br(&accept("br;q=0, gzip")));
        assert!(!accepts_br(&accept("br; q=0.0")));
        assert!(!accepts_br(&accept("brotli")));
        assert!(!accepts_br(&HeaderMap::new()));
    }

    #[test]
    fn the_coding_decodes_to_the_body_and_is_made_once() {
        let body = Bytes::from("<p>devtools</p>\n".repeat(200));
        let page = Precompressed::new(body.clone());
        let (first, coding) = page.for_request(&accept("gzip, br"));
        assert_eq!(coding.unwrap(), "br");
        assert!(first.len() < body.len() / 10, "{} bytes", first.len());
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut first.as_ref(), &mut decoded).unwrap();
        assert_eq!(decoded, body);
        let (second, _) = page.for_request(&accept("br"));
        assert_eq!(first.as_ptr(), second.as_ptr(), "the same bytes, not a second compression");
        assert_eq!(page.for_request(&accept("gzip")), (body, None));
    }

    #[test]
    fn a_body_brotli_cannot_shrink_is_sent_as_is() {
        let page = Precompressed::new(Bytes::from_static(b"x"));
        assert_eq!(page.for_request(&accept("br")), (Bytes::from_static(b"x"), None));
    }
}
