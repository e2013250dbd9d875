//! The answer to a connection over the cap: a minimal `503 busy`, written by its own task so the accept loop
//! never waits on a client.

use super::{MAX_REFUSALS, REFUSAL_RETRY_AFTER, REFUSAL_TIMEOUT};
use std::sync::{Arc, LazyLock};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Semaphore;

/// The most bytes read from a refused client while waiting for it to close.
const REFUSAL_READ_LIMIT: usize = 64 * 1024;

/// The whole HTTP/1.1 answer, with the site's security headers (the router, which adds them to every other
/// answer, is not involved here).
static BUSY: LazyLock<String> = LazyLock::new(|| {
    let body = serde_json::json!({
        "error": "busy",
        "message": "The server has as many connections open as it can serve. Try again in a few seconds.",
    })
    .to_string();
    format!(
        "HTTP/1.1 503 Service Unavailable\r\n\
         Content-Type: application/json\r\n\
         Content-Length: {length}\r\n\
         Retry-After: {REFUSAL_RETRY_AFTER}\r\n\
         Connection: close\r\n\
         Cache-Control: no-store\r\n\
         {security}\
         \r\n\
         {body}",
        length = body.len(),
        security = *super::hyper_answers::SECURITY_HEADER_LINES,
    )
});

/// Answers `stream` with `503 busy` and closes it, in a task of its own bounded by [`REFUSAL_TIMEOUT`]. When
/// [`MAX_REFUSALS`] are already in progress, closes it at once instead, so refusals cannot use up the file
/// descriptors the cap protects.
pub(super) fn refuse(stream: TcpStream, refusals: &Arc<Semaphore>) {
    let Ok(permit) = Arc::clone(refusals).try_acquire_owned() else {
        tracing::debug!(MAX_REFUSALS, "over the connection cap and refusing many already: closing");
        return;
    };
    tokio::spawn(async move {
        if let Err(error) = tokio::time::timeout(REFUSAL_TIMEOUT, answer_busy(stream)).await {
            tracing::debug!(%error, "refusing a connection took too long");
        }
        drop(permit);
    });
}

async fn answer_busy(mut stream: TcpStream) {
    let _ = stream.set_nodelay(true);
    if stream.write_all(BUSY.as_bytes()).await.is_err() || stream.shutdown().await.is_err() {
        return;
    }
    // Closing with unread data would reset the connection, and a reset can destroy the answer before the client
    // reads it: read (and drop) what the client sends until it closes its side.
    let mut sink = [0u8; 4096];
    let mut read = 0;
    while read < REFUSAL_READ_LIMIT {
        match stream.read(&mut sink).await {
            Ok(0) | Err(_) => return,
            Ok(n) => read += n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_busy_answer_is_well_formed_http_with_the_security_headers() {
        let (head, body) = BUSY.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 503 Service Unavailable\r\n"));
        assert!(head.contains(&format!("\r\nContent-Length: {}\r\n", body.len())));
        assert!(head.contains(&format!("\r\nRetry-After: {REFUSAL_RETRY_AFTER}\r\n")));
        assert!(head.contains("\r\nConnection: close\r\n"));
        assert!(head.contains(&format!("\r\nContent-Security-Policy: {}\r\n", crate::CSP)));
        assert!(head.contains("\r\nX-Content-Type-Options: nosniff\r\n"));
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(json["error"], "busy");
        assert!(json["message"].as_str().unwrap().len() > 10);
    }
}
