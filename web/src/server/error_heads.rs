//! The security headers on the answers hyper writes by itself.
//!
//! When a request cannot be parsed (a malformed request line, a head over [`super::MAX_HEADER_BUFFER`]) hyper
//! answers `400` or `431` on its own and closes the connection: the router never sees the request, so the layers
//! that add the site's security headers to every other answer are not involved. hyper has no hook for those
//! answers, so this wrapper of the connection's stream recognises them as they are written and adds the headers.
//!
//! What it recognises: a write that starts with an HTTP/1 status line of class 4xx whose head declares
//! `content-length: 0` and has no `Content-Security-Policy`. Every answer of the router carries that header, so
//! nothing else matches; hyper's own error answers have exactly that form (`connection: close`,
//! `content-length: 0`, `date`).

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

/// A stream that adds [`SECURITY_HEADER_LINES`] to hyper's own error answers (see the module docs).
#[derive(Debug)]
pub(super) struct SecureErrorHeads<T> {
    io: T,
    /// A rewritten answer being written: its bytes, how many are written, and how many bytes of the caller's
    /// buffer it stands for (reported once all are written).
    pending: Option<(Vec<u8>, usize, usize)>,
}

impl<T> SecureErrorHeads<T> {
    pub(super) fn new(io: T) -> Self {
        SecureErrorHeads { io, pending: None }
    }
}

/// `answer` with the security headers added, when it is one of hyper's own error answers.
fn with_security_headers(answer: &[u8]) -> Option<Vec<u8>> {
    if answer.len() > MAX_ERROR_ANSWER
        || !(answer.starts_with(b"HTTP/1.1 4") || answer.starts_with(b"HTTP/1.0 4"))
    {
        return None;
    }
    let end = answer.windows(4).position(|window| window == b"\r\n\r\n")?;
    let head = answer[..end].to_ascii_lowercase();
    let has = |needle: &[u8]| head.windows(needle.len()).any(|window| window == needle);
    if has(b"\r\ncontent-security-policy:") || !has(b"\r\ncontent-length: 0") {
        return None;
    }
    let mut rewritten = Vec::with_capacity(answer.len() + SECURITY_HEADER_LINES.len());
    rewritten.extend_from_slice(&answer[..end + 2]);
    rewritten.extend_from_slice(SECURITY_HEADER_LINES.as_bytes());
    rewritten.extend_from_slice(&answer[end + 2..]);
    Some(rewritten)
}

impl<T: AsyncWrite + Unpin> SecureErrorHeads<T> {
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

impl<T: AsyncRead + Unpin> AsyncRead for SecureErrorHeads<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for SecureErrorHeads<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        // After `Pending` the caller writes the same bytes again: keep writing the rewritten form.
        if self.pending.is_none() {
            match with_security_headers(buf) {
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
                    with_security_headers(
                        &bufs.iter().flat_map(|b| b.iter().copied()).collect::<Vec<u8>>(),
                    )
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
    fn hypers_own_error_answers_get_the_security_headers() {
        let rewritten = String::from_utf8(with_security_headers(HYPER_400).unwrap()).unwrap();
        let (head, body) = rewritten.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n"), "{head}");
        assert!(head.contains(&format!("\r\nContent-Security-Policy: {}\r\n", crate::CSP)));
        assert!(head.contains("\r\nX-Content-Type-Options: nosniff\r\n"));
        assert!(head.ends_with("Cross-Origin-Opener-Policy: same-origin"), "{head}");
        assert_eq!(body, "");
    }

    #[test]
    fn the_routers_answers_and_bodies_pass_untouched() {
        let routed = format!(
            "HTTP/1.1 404 Not Found\r\ncontent-security-policy: {}\r\ncontent-length: 0\r\n\r\n",
            crate::CSP
        );
        assert_eq!(with_security_headers(routed.as_bytes()), None);
        let with_body = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 2\r\n\r\n{}";
        assert_eq!(with_security_headers(with_body), None);
        assert_eq!(with_security_headers(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"), None);
        assert_eq!(with_security_headers(b"<pre>HTTP/1.1 403 Forbidden\r\n\r\n"), None);
    }

    #[tokio::test]
    async fn the_rewritten_answer_reaches_the_stream_whole() {
        for vectored in [false, true] {
            let mut out = SecureErrorHeads::new(Vec::new());
            let written = if vectored {
                let (status, rest) = HYPER_400.split_at(12);
                out.write_vectored(&[io::IoSlice::new(status), io::IoSlice::new(rest)]).await
            } else {
                out.write(HYPER_400).await
            };
            assert_eq!(written.unwrap(), HYPER_400.len(), "the caller's bytes are reported");
            assert_eq!(out.io, with_security_headers(HYPER_400).unwrap(), "vectored: {vectored}");
            out.write_all(b"more").await.unwrap();
            assert!(out.io.ends_with(b"\r\n\r\nmore"));
        }
    }
}
