//! One connection's life: counting its requests in flight, closing it when idle or at shutdown, and giving up on
//! a client that stops reading.

use axum::body::{Body, Bytes};
use hyper::body::{Frame, SizeHint};
use hyper_util::server::graceful::GracefulConnection;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, ready};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{Notify, watch};
use tokio::time::{Instant, Sleep};

/// Drives `connection` to its end, or closes it: gracefully at shutdown (`stopping` turns true), and when it
/// has had no request in flight for `idle`. A connection that never had a request, or that is still open `idle`
/// after being asked to close, is dropped.
pub(super) async fn drive<C>(
    connection: C,
    activity: &Activity,
    idle: Duration,
    mut stopping: watch::Receiver<bool>,
) where
    C: GracefulConnection,
    C::Error: std::fmt::Display,
{
    let mut connection = std::pin::pin!(connection);
    let mut closing = false;
    loop {
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(error) = result {
                    tracing::debug!(%error, "connection ended with an error");
                }
                return;
            }
            // A closed channel (the server is gone) means stop too.
            _ = stopping.changed(), if !closing => {
                connection.as_mut().graceful_shutdown();
                closing = true;
            }
            () = activity.idle_for(idle) => {
                if closing || !activity.served_any() {
                    tracing::debug!(served_any = activity.served_any(), "dropping an idle connection");
                    return;
                }
                // HTTP/1 closes at once; HTTP/2 says GOAWAY first.
                connection.as_mut().graceful_shutdown();
                closing = true;
            }
        }
    }
}

/// The requests in flight on one connection, and when that number last changed.
#[derive(Debug)]
pub(super) struct Activity {
    in_flight: AtomicUsize,
    served_any: AtomicBool,
    changed_at: Mutex<Instant>,
    changed: Notify,
}

impl Activity {
    /// A connection accepted now, with nothing in flight.
    pub(super) fn new() -> Self {
        Activity {
            in_flight: AtomicUsize::new(0),
            served_any: AtomicBool::new(false),
            changed_at: Mutex::new(Instant::now()),
            changed: Notify::new(),
        }
    }

    /// Counts a request as in flight until the returned guard is dropped.
    pub(super) fn begin(self: &Arc<Self>) -> InFlight {
        self.served_any.store(true, Ordering::SeqCst);
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        self.touch();
        InFlight(Arc::clone(self))
    }

    /// Whether any request has reached the router on this connection.
    fn served_any(&self) -> bool {
        self.served_any.load(Ordering::SeqCst)
    }

    fn touch(&self) {
        *self.changed_at.lock().unwrap_or_else(PoisonError::into_inner) = Instant::now();
        self.changed.notify_one();
    }

    /// Resolves once no request has been in flight for `idle`.
    async fn idle_for(&self, idle: Duration) {
        loop {
            // Made before looking, so that a change after the look still wakes us.
            let changed = self.changed.notified();
            if self.in_flight.load(Ordering::SeqCst) > 0 {
                changed.await;
                continue;
            }
            let changed_at = *self.changed_at.lock().unwrap_or_else(PoisonError::into_inner);
            // An idle time past what an `Instant` can hold never runs out (adding it would panic).
            let Some(deadline) = changed_at.checked_add(idle) else {
                changed.await;
                continue;
            };
            if Instant::now() >= deadline {
                return;
            }
            tokio::select! {
                () = tokio::time::sleep_until(deadline) => {}
                () = changed => {}
            }
        }
    }
}

/// A request in flight; dropping it ends the request.
#[derive(Debug)]
pub(super) struct InFlight(Arc<Activity>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
        self.0.touch();
    }
}

/// A response body that keeps its request in flight until hyper has written it (or dropped it).
#[derive(Debug)]
pub(super) struct Tracked {
    body: Body,
    _in_flight: InFlight,
}

impl Tracked {
    pub(super) fn new(body: Body, in_flight: InFlight) -> Self {
        Tracked { body, _in_flight: in_flight }
    }
}

impl hyper::body::Body for Tracked {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// A stream whose writes fail with `TimedOut` once one has made no progress for a while: a client that stops
/// reading its answer cannot hold the connection forever.
#[derive(Debug)]
pub(super) struct StallTimeout<T> {
    io: T,
    limit: Duration,
    /// Running while a write is pending.
    stall: Option<Pin<Box<Sleep>>>,
}

impl<T> StallTimeout<T> {
    pub(super) fn new(io: T, limit: Duration) -> Self {
        StallTimeout { io, limit, stall: None }
    }

    /// After the inner write returned `poll`: stops the clock on progress, starts it on `Pending`, and turns a
    /// stall that lasted `limit` into an error.
    fn watch<R>(&mut self, cx: &mut Context<'_>, poll: Poll<io::Result<R>>) -> Poll<io::Result<R>> {
        if poll.is_ready() {
            self.stall = None;
            return poll;
        }
        let limit = self.limit;
        let stall = self.stall.get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        ready!(stall.as_mut().poll(cx));
        Poll::Ready(Err(io::Error::new(
            io::ErrorKind::TimedOut,
            format!("the client read nothing for {limit:?}"),
        )))
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for StallTimeout<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for StallTimeout<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.io).poll_write(cx, buf);
        self.watch(cx, poll)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.io).poll_write_vectored(cx, bufs);
        self.watch(cx, poll)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.io).poll_flush(cx);
        self.watch(cx, poll)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.io).poll_shutdown(cx);
        self.watch(cx, poll)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    #[tokio::test]
    async fn a_write_the_peer_never_reads_fails_after_the_stall_limit() {
        let (near, mut far) = tokio::io::duplex(1024);
        let mut stream = StallTimeout::new(near, Duration::from_millis(50));
        let error = tokio::time::timeout(Duration::from_secs(10), stream.write_all(&[b'x'; 4096]))
            .await
            .expect("the write gives up by itself")
            .expect_err("nobody reads");
        assert_eq!(error.kind(), io::ErrorKind::TimedOut);
        // What fitted was written; the peer can still read it.
        let mut got = vec![0; 1024];
        far.read_exact(&mut got).await.unwrap();
    }

    #[tokio::test]
    async fn a_write_the_peer_reads_slowly_goes_through() {
        let (near, mut far) = tokio::io::duplex(16);
        let mut stream = StallTimeout::new(near, Duration::from_secs(5));
        let reader = tokio::spawn(async move {
            let mut got = Vec::new();
            far.read_to_end(&mut got).await.unwrap();
            got
        });
        stream.write_all(&[b'y'; 1000]).await.unwrap();
        stream.shutdown().await.unwrap();
        drop(stream);
        assert_eq!(reader.await.unwrap().len(), 1000);
    }

    #[tokio::test]
    async fn idle_for_waits_for_the_requests_in_flight_and_then_the_idle_time() {
        let activity = Arc::new(Activity::new());
        let request = activity.begin();
        assert!(activity.served_any());
        let idle = Duration::from_millis(20);
        // In flight: never idle, however long we wait.
        assert!(
            tokio::time::timeout(Duration::from_millis(100), activity.idle_for(idle))
                .await
                .is_err()
        );
        drop(request);
        tokio::time::timeout(Duration::from_secs(10), activity.idle_for(idle))
            .await
            .expect("idle once the request ended");
    }

    #[tokio::test]
    async fn an_idle_time_too_long_for_an_instant_never_runs_out_and_does_not_panic() {
        let activity = Arc::new(Activity::new());
        for idle in [Duration::MAX, Duration::from_secs(u64::MAX / 2)] {
            assert!(
                tokio::time::timeout(Duration::from_millis(50), activity.idle_for(idle))
                    .await
                    .is_err()
            );
            // A request coming and going wakes it, and it goes on waiting.
            drop(activity.begin());
            assert!(
                tokio::time::timeout(Duration::from_millis(50), activity.idle_for(idle))
                    .await
                    .is_err()
            );
        }
    }
}
