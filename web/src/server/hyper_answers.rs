//! The answers hyper writes by itself, completed: the site's security headers and a JSON error body.
//!
//! When a request cannot be parsed (a malformed request line or header, a head over [`super::MAX_HEADER_BUFFER`],
//! a target too long) hyper answers `400`, `431` or `414` on its own, with an empty body, and closes the
//! connection: the router never sees the request, so neither the layers that add the site's security headers nor
//! its JSON errors are involved. hyper has no hook for those answers (`on_error` in its `proto/h1/role.rs`
//! builds a bare head), so this wrapper of the connection's stream recognises them as they are written and
//! writes them whole: the head with the security headers and `{"error": kind, "message": text}`, as every other
//! error of the site.
//!
//! What it recognises: a write that starts with an HTTP/1 status line of class 4xx whose head declares
//! `content-length: 0` and has no `Content-Security-Policy`. Every answer of the router carries that header, so
//! nothing else matches; hyper's own error answers have exactly that form (`connection: close`,
//! `content-length: 0`, `date`).

use axum::http::StatusCode;
use devtools_kit::WebError;
use std::io;
use std::pin::Pin;
use std::sync::LazyLock;
use std::task::{Context, Poll, ready};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// The site's security headers as raw header lines, each ending in CRLF: the same values the router's layers set
/// (see `site_layers` in the crate root), for the answers written without the router.
pub(super) static SECURITY_HEADER_LINES: LazyLock<String> = LazyLock::new(|| {
    format!(
        "Content-Security-Policy: {}\r\n\
         X-Content-Type-Options: nosniff\r\n\
         Referrer-Policy: no-referrer\r\n\
         X-Frame-Options: DENY\r\n\
         Cross-Origin-Opener-Policy: same-origin\r\n",
        crate::CSP
    )
});

/// The longest write looked at: hyper's own answers are a short head and nothing else.
const MAX_ERROR_ANSWER: usize = 1024;

/// A stream that completes hyper's own error answers (see the module docs).
#[derive(Debug)]
pub(super) struct CompleteErrorAnswers<T> {
    io: T,
    /// A rewritten answer being written: its bytes, how many are written, and how many bytes of the caller's
    /// buffer it stands for (reported once all are written).
    pending: Option<(Vec<u8>, usize, usize)>,
}

impl<T> CompleteErrorAnswers<T> {
    pub(super) fn new(io: T) -> Self {
        CompleteErrorAnswers { io, pending: None }
    }
}

/// The JSON error body for one of hyper's answers: the site's kind for the status and what went wrong.
fn error_body(status: u16) -> String {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    let message = match status {
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => format!(
            "The request's head (its request line and headers) is over {} KiB.",
            super::MAX_HEADER_BUFFER / 1024
        ),
        StatusCode::URI_TOO_LONG => "The request's target (its URL) is too long.".to_owned(),
        _ => {
            "The request could not be read as HTTP/1.1: its request line or a header is malformed \
              (RFC 9112 §3, §5)."
                .to_owned()
        }
    };
    let error = WebError::new(status, WebError::kind_for_status(status), message);
    error.to_json().to_string()
}

/// `answer` completed (security headers, a JSON error body), when it is one of hyper's own error answers.
fn completed(answer: &[u8]) -> Option<Vec<u8>> {
    if answer.len() > MAX_ERROR_ANSWER
        || !(answer.starts_with(b"HTTP/1.1 4") || answer.starts_with(b"HTTP/1.0 4"))
    {
        return None;
    }
    // The head with each line's CRLF, lowercased to find headers (the offsets are the answer's).
    let end = answer.windows(4).position(|window| window == b"\r\n\r\n")? + 2;
    let head = answer[..end].to_ascii_lowercase();
    let find = |needle: &[u8]| head.windows(needle.len()).position(|window| window == needle);
    const NO_BODY: &[u8] = b"\r\ncontent-length: 0\r\n";
    if find(b"\r\ncontent-security-policy:").is_some() {
        return None;
    }
    let no_body = find(NO_BODY)?;
    let status = std::str::from_utf8(answer.get(9..12)?).ok()?.parse().ok()?;
    let body = error_body(status);
    let mut rewritten = Vec::with_capacity(end + SECURITY_HEADER_LINES.len() + 64 + body.len());
    rewritten.extend_from_slice(&answer[..no_body]);
    rewritten.extend_from_slice(format!("\r\ncontent-length: {}\r\n", body.len()).as_bytes());
    rewritten.extend_from_slice(&answer[no_body + NO_BODY.len()..end]);
    rewritten.extend_from_slice(b"content-type: application/json\r\ncache-control: no-store\r\n");
    rewritten.extend_from_slice(SECURITY_HEADER_LINES.as_bytes());
    rewritten.extend_from_slice(b"\r\n");
    rewritten.extend_from_slice(body.as_bytes());
    rewritten.extend_from_slice(&answer[end + 2..]);
    Some(rewritten)
}

impl<T: AsyncWrite + Unpin> CompleteErrorAnswers<T> {
    /// Writes the pending rewritten answer; `Ready(Ok(n))` with the caller's byte count once it is all out.
    fn write_pending(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        while let Some((bytes, written, _)) = self.pending.as_mut()
            && *written < bytes.len()
        {
            match ready!(Pin::new(&mut self.io).poll_write(cx, &bytes[*written..])) {
                Ok(0) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Ok(n) => *written += n,
                Err(error) => return Poll::Ready(Err(error)),
            }
        }
        let consumed = self.pending.take().map_or(0, |(_, _, consumed)| consumed);
        Poll::Ready(Ok(consumed))
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for CompleteErrorAnswers<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for CompleteErrorAnswers<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        // After `Pending` the caller writes the same bytes again: keep writing the rewritten form.
        if self.pending.is_none() {
            match completed(buf) {
                Some(rewritten) => self.pending = Some((rewritten, 0, buf.len())),
                None => return Pin::new(&mut self.io).poll_write(cx, buf),
            }
        }
        self.write_pending(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if self.pending.is_none() {
            let total: usize = bufs.iter().map(|buf| buf.len()).sum();
            let first = bufs.iter().find(|buf| !buf.is_empty());
            let candidate =
                total <= MAX_ERROR_ANSWER && first.is_some_and(|b| b.starts_with(b"HTTP/1."));
            let rewritten = candidate
                .then(|| {
                    completed(&bufs.iter().flat_map(|b| b.iter().copied()).collect::<Vec<u8>>())
                })
                .flatten();
            match rewritten {
                Some(rewritten) => self.pending = Some((rewritten, 0, total)),
                None => return Pin::new(&mut self.io).poll_write_vectored(cx, bufs),
            }
        }
        self.write_pending(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;

    const HYPER_400: &[u8] =
        b"HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\
        date: Mon, 30 Nov 2026 14:03:51 GMT\r\n\r\n";

    #[test]
    fn hypers_own_error_answers_get_the_security_headers_and_a_json_error() {
        let rewritten = String::from_utf8(completed(HYPER_400).unwrap()).unwrap();
        let (head, body) = rewritten.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n"), "{head}");
        assert!(head.contains(&format!("\r\ncontent-length: {}\r\ndate: ", body.len())), "{head}");
        assert!(!head.contains("content-length: 0"), "{head}");
        assert!(head.contains("\r\ncontent-type: application/json\r\n"), "{head}");
        assert!(head.contains(&format!("\r\nContent-Security-Policy: {}\r\n", crate::CSP)));
        assert!(head.contains("\r\nX-Content-Type-Options: nosniff\r\n"));
        assert!(head.ends_with("Cross-Origin-Opener-Policy: same-origin"), "{head}");
        let body: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(body["error"], "invalid_request");
        assert!(body["message"].as_str().unwrap().contains("malformed"), "{body}");
    }

    #[test]
    fn each_status_hyper_writes_gets_its_kind() {
        for (status, kind, says) in [
            ("431 Request Header Fields Too Large", "header_too_large", "over 64 KiB"),
            ("414 URI Too Long", "uri_too_long", "too long"),
        ] {
            let answer =
                format!("HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
            let rewritten = String::from_utf8(completed(answer.as_bytes()).unwrap()).unwrap();
            let (head, body) = rewritten.split_once("\r\n\r\n").unwrap();
            assert!(
                head.contains(&format!(
                    "\r\ncontent-length: {}\r\nconnection: close\r\n",
                    body.len()
                ))
            );
            let body: serde_json::Value = serde_json::from_str(body).unwrap();
            assert_eq!(body["error"], kind);
            assert!(body["message"].as_str().unwrap().contains(says), "{body}");
        }
    }

    #[test]
    fn the_routers_answers_and_bodies_pass_untouched() {
        let routed = format!(
            "HTTP/1.1 404 Not Found\r\ncontent-security-policy: {}\r\ncontent-length: 0\r\n\r\n",
            crate::CSP
        );
        assert_eq!(completed(routed.as_bytes()), None);
        let with_body = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 2\r\n\r\n{}";
        assert_eq!(completed(with_body), None);
        assert_eq!(completed(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"), None);
        assert_eq!(completed(b"<pre>HTTP/1.1 403 Forbidden\r\n\r\n"), None);
    }

    #[tokio::test]
    async fn the_rewritten_answer_reaches_the_stream_whole() {
        for vectored in [false, true] {
            let mut out = CompleteErrorAnswers::new(Vec::new());
            let written = if vectored {
                let (status, rest) = HYPER_400.split_at(12);
                out.write_vectored(&[io::IoSlice::new(status), io::IoSlice::new(rest)]).await
            } else {
                out.write(HYPER_400).await
            };
            assert_eq!(written.unwrap(), HYPER_400.len(), "the caller's bytes are reported");
            assert_eq!(out.io, completed(HYPER_400).unwrap(), "vectored: {vectored}");
            out.write_all(b"more").await.unwrap();
            assert!(out.io.ends_with(b"}more"), "the next write follows the JSON body");
        }
    }
}
