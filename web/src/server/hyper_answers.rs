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
//!
//! Two things hyper does not do, done here as well:
//!
//! - hyper answers `431` to any head over [`super::MAX_HEADER_BUFFER`], an over-long request line included, where
//!   RFC 9110 §15.5.15 has `414 URI Too Long` for a request-target longer than the server will read. So the
//!   stream watches what it reads: when no line has ended since the last answer began (the request line itself
//!   is what filled the buffer), the `431` becomes a `414 uri_too_long`. (A request pipelined behind another,
//!   whose request line was read before the previous answer was written and whose single header line then fills
//!   the buffer, would be called 414 too; pipelining is rare and the answer still refuses.)
//! - these answers never reach the router's request metrics: each one is reported to
//!   [`super::ConnectionStats`], whose hook (`/metrics`, when on) counts it.

use axum::http::StatusCode;
use devtools_kit::WebError;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, LazyLock};
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
    /// Whether a line has ended in what was read since the last answer began: the request line is complete.
    line_ended: bool,
    /// Where the answers written here are reported.
    stats: Arc<super::ConnectionStats>,
}

impl<T> CompleteErrorAnswers<T> {
    pub(super) fn new(io: T, stats: Arc<super::ConnectionStats>) -> Self {
        CompleteErrorAnswers { io, pending: None, line_ended: false, stats }
    }

    /// Looks at a write: the start of an answer (a status line) begins a new request's reading; one of hyper's
    /// own answers is completed (and reported) and returned to be written in its place.
    fn rewrite(&mut self, write: &[u8]) -> Option<Vec<u8>> {
        if !write.starts_with(b"HTTP/1.") {
            return None;
        }
        let line_ended = std::mem::replace(&mut self.line_ended, false);
        let (rewritten, status) = completed(write, line_ended)?;
        self.stats.hyper_answered(status);
        Some(rewritten)
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

/// `answer` completed (security headers, a JSON error body) and its status, when it is one of hyper's own error
/// answers. `line_ended` says whether the request's first line was complete; if not, a `431` is a `414`.
fn completed(answer: &[u8], line_ended: bool) -> Option<(Vec<u8>, u16)> {
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
    let status: u16 = std::str::from_utf8(answer.get(9..12)?).ok()?.parse().ok()?;
    // The status line ends at the first CRLF; a 431 for a request line that never ended is a 414.
    let line_end = find(b"\r\n")?;
    let (status, status_line) =
        if status == StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE.as_u16() && !line_ended {
            let mut line = answer[..9].to_vec();
            line.extend_from_slice(b"414 URI Too Long");
            (StatusCode::URI_TOO_LONG.as_u16(), line)
        } else {
            (status, answer[..line_end].to_vec())
        };
    let body = error_body(status);
    let mut rewritten = Vec::with_capacity(end + SECURITY_HEADER_LINES.len() + 64 + body.len());
    rewritten.extend_from_slice(&status_line);
    rewritten.extend_from_slice(&answer[line_end..no_body]);
    rewritten.extend_from_slice(format!("\r\ncontent-length: {}\r\n", body.len()).as_bytes());
    rewritten.extend_from_slice(&answer[no_body + NO_BODY.len()..end]);
    rewritten.extend_from_slice(b"content-type: application/json\r\ncache-control: no-store\r\n");
    rewritten.extend_from_slice(SECURITY_HEADER_LINES.as_bytes());
    rewritten.extend_from_slice(b"\r\n");
    rewritten.extend_from_slice(body.as_bytes());
    rewritten.extend_from_slice(&answer[end + 2..]);
    Some((rewritten, status))
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
        let before = buf.filled().len();
        ready!(Pin::new(&mut self.io).poll_read(cx, buf))?;
        if !self.line_ended && buf.filled()[before..].contains(&b'\n') {
            self.line_ended = true;
        }
        Poll::Ready(Ok(()))
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
            let rewritten = if buf.len() <= MAX_ERROR_ANSWER { self.rewrite(buf) } else { None };
            match rewritten {
                Some(rewritten) => self.pending = Some((rewritten, 0, buf.len())),
                None => {
                    // A long write may still begin an answer: the next request's reading starts.
                    if buf.starts_with(b"HTTP/1.") {
                        self.line_ended = false;
                    }
                    return Pin::new(&mut self.io).poll_write(cx, buf);
                }
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
            let answer = first.is_some_and(|b| b.starts_with(b"HTTP/1."));
            let rewritten = if answer && total <= MAX_ERROR_ANSWER {
                self.rewrite(&bufs.iter().flat_map(|b| b.iter().copied()).collect::<Vec<u8>>())
            } else {
                None
            };
            match rewritten {
                Some(rewritten) => self.pending = Some((rewritten, 0, total)),
                None => {
                    if answer {
                        self.line_ended = false;
                    }
                    return Pin::new(&mut self.io).poll_write_vectored(cx, bufs);
                }
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
        let rewritten = String::from_utf8(completed(HYPER_400, true).unwrap().0).unwrap();
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
            let rewritten =
                String::from_utf8(completed(answer.as_bytes(), true).unwrap().0).unwrap();
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
    fn a_431_for_a_request_line_that_never_ended_is_a_414() {
        const HYPER_431: &[u8] =
            b"HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\n\
            content-length: 0\r\n\r\n";
        let (rewritten, status) = completed(HYPER_431, false).unwrap();
        assert_eq!(status, 414);
        let rewritten = String::from_utf8(rewritten).unwrap();
        let (head, body) = rewritten.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 414 URI Too Long\r\nconnection: close\r\n"), "{head}");
        let body: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(body["error"], "uri_too_long");
        assert_eq!(completed(HYPER_431, true).unwrap().1, 431, "the headers were too large");
    }

    #[tokio::test]
    async fn what_is_read_says_whether_the_request_line_ended_and_refusals_are_reported() {
        use tokio::io::AsyncReadExt;
        let stats = Arc::new(crate::server::ConnectionStats::default());
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let hook = Arc::clone(&seen);
        stats.on_hyper_answer(move |status| hook.lock().unwrap().push(status));
        for (read, status) in
            [(&b"GET /aaaa"[..], "414"), (b"GET / HTTP/1.1\r\nX-Big: aaaa", "431")]
        {
            let (mut client, server) = tokio::io::duplex(4096);
            let mut stream = CompleteErrorAnswers::new(server, Arc::clone(&stats));
            client.write_all(read).await.unwrap();
            let mut buf = [0u8; 64];
            let _ = stream.read(&mut buf).await.unwrap();
            stream
                .write_all(
                    b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\n\r\n",
                )
                .await
                .unwrap();
            drop(stream);
            let mut answer = String::new();
            client.read_to_string(&mut answer).await.unwrap();
            assert!(answer.starts_with(&format!("HTTP/1.1 {status} ")), "{answer}");
        }
        assert_eq!(*seen.lock().unwrap(), [414, 431]);
    }

    #[test]
    fn the_routers_answers_and_bodies_pass_untouched() {
        let routed = format!(
            "HTTP/1.1 404 Not Found\r\ncontent-security-policy: {}\r\ncontent-length: 0\r\n\r\n",
            crate::CSP
        );
        assert_eq!(completed(routed.as_bytes(), true), None);
        let with_body = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 2\r\n\r\n{}";
        assert_eq!(completed(with_body, true), None);
        assert_eq!(completed(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n", true), None);
        assert_eq!(completed(b"<pre>HTTP/1.1 403 Forbidden\r\n\r\n", true), None);
    }

    #[tokio::test]
    async fn the_rewritten_answer_reaches_the_stream_whole() {
        for vectored in [false, true] {
            let stats = Arc::new(crate::server::ConnectionStats::default());
            let mut out = CompleteErrorAnswers::new(Vec::new(), stats);
            let written = if vectored {
                let (status, rest) = HYPER_400.split_at(12);
                out.write_vectored(&[io::IoSlice::new(status), io::IoSlice::new(rest)]).await
            } else {
                out.write(HYPER_400).await
            };
            assert_eq!(written.unwrap(), HYPER_400.len(), "the caller's bytes are reported");
            assert_eq!(out.io, completed(HYPER_400, false).unwrap().0, "vectored: {vectored}");
            out.write_all(b"more").await.unwrap();
            assert!(out.io.ends_with(b"}more"), "the next write follows the JSON body");
        }
    }
}
