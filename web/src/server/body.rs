//! Request bodies: a bound on the memory all of them take together, and a `413` that reaches the client.
//!
//! [`limit_bodies`] is a middleware for the host's router. Each request with a body reserves its size (its
//! `Content-Length`, or the whole body limit when the length is unknown) from one budget of
//! [`BODY_MEMORY_BUDGET`] bytes before the body is read, and keeps it until its answer is ready; when the budget is
//! used up, a request waits at most [`BODY_QUEUE_TIMEOUT`] and is then answered `503 busy` with `Retry-After`.
//!
//! A client that sends a body and reads the answer only afterwards (curl, Python's `http.client`, most libraries)
//! never sees an answer sent while it is still sending, if the server then closes the connection with its body
//! unread: the kernel resets the connection, the client gets "broken pipe" or "connection reset", and the answer
//! is lost. So an HTTP/1 body that the server did not read to its end (over the limit, refused, or ignored by a
//! handler) is read and thrown away after the answer, up to [`DRAIN_LIMIT`] bytes within [`DRAIN_TIMEOUT`].

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{StatusCode, Version, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use devtools_kit::WebError;
use hyper::body::{Body as _, Frame, SizeHint};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::Semaphore;

/// The most request-body bytes being read or handled at once, across all requests.
///
/// Worst-case memory for request bodies: this budget for the bodies as read, the same again for what the
/// handlers decode them into (a decoded text is never longer than its encoding), so 128 MiB; plus, before a
/// request gets its share, what hyper buffers per connection: at most
/// [`MAX_HEADER_BUFFER`](super::MAX_HEADER_BUFFER) (64 KiB) on HTTP/1 and [`H2_WINDOW`](super::H2_WINDOW)
/// (128 KiB) on HTTP/2, times [`MAX_CONNECTIONS`](super::MAX_CONNECTIONS) (768): 96 MiB. About 224 MiB in all.
/// Tool work that outlives its request (after a timeout) is bounded by the work pool, not here.
pub const BODY_MEMORY_BUDGET: usize = 64 * 1024 * 1024;

// The budget holds several bodies of the largest size, and a body just over the limit is drained whole.
const _: () =
    assert!(BODY_MEMORY_BUDGET >= 8 * crate::BODY_LIMIT && DRAIN_LIMIT > crate::BODY_LIMIT as u64);

/// How long a request waits for its share of [`BODY_MEMORY_BUDGET`] before it is answered `503 busy`.
pub const BODY_QUEUE_TIMEOUT: Duration = Duration::from_secs(2);

/// The `Retry-After` of that `503 busy`, in seconds.
pub const BODY_BUSY_RETRY_AFTER: u32 = 2;

/// The most bytes of an unread request body read and thrown away so that the answer reaches the client; past
/// this the connection is closed.
pub const DRAIN_LIMIT: u64 = 16 * 1024 * 1024;

/// How long reading and throwing away an unread request body may take.
pub const DRAIN_TIMEOUT: Duration = Duration::from_secs(5);

/// Longest pause between two pieces of a body being drained. Draining is for a client that sends its body as fast
/// as it can and would otherwise miss the answer; one that trickles (and was answered 408 for it) is not waited
/// for, or it could hold its connection for the whole drain timeout after its answer.
pub const DRAIN_STALL: Duration = Duration::from_millis(500);

/// Budgets are counted in units of this many bytes (a semaphore permit each).
const BUDGET_UNIT: u64 = 1024;

/// The state of [`limit_bodies`]: one per router.
#[derive(Debug, Clone)]
pub struct BodyLimits {
    limit: usize,
    budget: Arc<Semaphore>,
    queue_timeout: Duration,
}

impl BodyLimits {
    /// Bodies up to `limit` bytes each, [`BODY_MEMORY_BUDGET`] together.
    pub fn new(limit: usize) -> Self {
        Self::with_budget(limit, BODY_MEMORY_BUDGET, BODY_QUEUE_TIMEOUT)
    }

    /// Bodies up to `limit` bytes each, `budget` bytes together (at least `limit`), waiting at most
    /// `queue_timeout` for a share.
    pub fn with_budget(limit: usize, budget: usize, queue_timeout: Duration) -> Self {
        let units = (budget.max(limit) as u64).div_ceil(BUDGET_UNIT);
        let units = usize::try_from(units).unwrap_or(usize::MAX).min(Semaphore::MAX_PERMITS);
        BodyLimits { limit, budget: Arc::new(Semaphore::new(units)), queue_timeout }
    }
}

/// Middleware: refuses a body whose `Content-Length` is over the limit with `413 payload_too_large`, makes the
/// others wait for their share of the memory budget (or answers `503 busy`), and drains what the application
/// leaves unread. Bodies of unknown length are limited as they stream by the layers inside
/// (`RequestBodyLimitLayer`, `DefaultBodyLimit`).
pub async fn limit_bodies(
    State(limits): State<BodyLimits>,
    request: Request,
    next: Next,
) -> Response {
    let hint = request.body().size_hint();
    let leftover = Leftover::of(&request);
    let limit = limits.limit as u64;
    if hint.lower() > limit {
        leftover.discard(request.into_body(), false);
        return WebError::payload_too_large(limits.limit).into_response();
    }
    let reserve = hint.upper().unwrap_or(limit).min(limit);
    let _share = if reserve == 0 {
        None
    } else {
        let units = u32::try_from(reserve.div_ceil(BUDGET_UNIT)).unwrap_or(u32::MAX);
        let share = Arc::clone(&limits.budget).acquire_many_owned(units);
        match tokio::time::timeout(limits.queue_timeout, share).await {
            Ok(Ok(share)) => Some(share),
            _ => {
                leftover.discard(request.into_body(), false);
                return busy();
            }
        }
    };
    next.run(request.map(|body| Body::new(Drained { body, leftover, polled: false }))).await
}

fn busy() -> Response {
    WebError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "busy",
        "The server is reading as many large requests as it can. Try again in a moment.",
    )
    .retry_after(BODY_BUSY_RETRY_AFTER)
    .into_response()
}

/// What to do with the part of a request body nobody read.
#[derive(Debug, Clone, Copy)]
struct Leftover {
    /// HTTP/1, where unread bytes would reset the connection (HTTP/2 resets just the stream, cleanly).
    drain: bool,
    /// The client sent `Expect: 100-continue`: until the body is asked for, it sends nothing, so there is
    /// nothing to drain.
    expects_continue: bool,
}

impl Leftover {
    fn of(request: &Request) -> Self {
        let expects_continue = request
            .headers()
            .get(header::EXPECT)
            .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"100-continue"));
        Leftover { drain: request.version() < Version::HTTP_2, expects_continue }
    }

    /// Reads `body` to its end (bounded) in a task of its own, after the answer; `polled` says whether anybody
    /// has asked for the body yet.
    fn discard(self, body: Body, polled: bool) {
        if !self.drain || (self.expects_continue && !polled) || body.is_end_stream() {
            return;
        }
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(drain(body));
        }
    }
}

async fn drain(mut body: Body) {
    let read_all = async {
        let mut read = 0u64;
        while read <= DRAIN_LIMIT {
            let frame = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx));
            match tokio::time::timeout(DRAIN_STALL, frame).await {
                Ok(Some(Ok(frame))) => {
                    read += frame.data_ref().map_or(0, |data| data.len() as u64);
                }
                Ok(Some(Err(_)) | None) | Err(_) => return,
            }
        }
    };
    if tokio::time::timeout(DRAIN_TIMEOUT, read_all).await.is_err() {
        tracing::debug!("gave up draining an unread request body");
    }
}

/// A request body that, when dropped before its end, has the rest drained (see [`Leftover`]).
#[derive(Debug)]
struct Drained {
    body: Body,
    leftover: Leftover,
    polled: bool,
}

impl hyper::body::Body for Drained {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        self.polled = true;
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

impl Drop for Drained {
    fn drop(&mut self) {
        let body = std::mem::take(&mut self.body);
        self.leftover.discard(body, self.polled);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::routing::post;
    use std::sync::atomic::{AtomicU64, Ordering};
    use tower::ServiceExt;

    /// A body of `chunks` chunks of 1 KiB that counts the bytes read from it.
    struct Counted {
        chunks: u64,
        read: Arc<AtomicU64>,
    }

    impl hyper::body::Body for Counted {
        type Data = Bytes;
        type Error = std::convert::Infallible;

        fn poll_frame(
            mut self: Pin<&mut Self>,
            _cx: &mut Context<'_>,
        ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
            if self.chunks == 0 {
                return Poll::Ready(None);
            }
            self.chunks -= 1;
            self.read.fetch_add(1024, Ordering::SeqCst);
            Poll::Ready(Some(Ok(Frame::data(Bytes::from(vec![b'x'; 1024])))))
        }

        fn size_hint(&self) -> SizeHint {
            SizeHint::with_exact(self.chunks * 1024)
        }
    }

    fn app(limits: BodyLimits) -> Router {
        Router::new()
            .route("/ignore", post(|| async { "ignored" }))
            .route(
                "/wait",
                post(|| async {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                    "late"
                }),
            )
            .layer(axum::middleware::from_fn_with_state(limits, limit_bodies))
    }

    fn post_counted(path: &str, chunks: u64, read: &Arc<AtomicU64>) -> Request {
        Request::post(path).body(Body::new(Counted { chunks, read: Arc::clone(read) })).unwrap()
    }

    async fn wait_until_read(read: &AtomicU64, bytes: u64) {
        tokio::time::timeout(Duration::from_secs(10), async {
            while read.load(Ordering::SeqCst) < bytes {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        })
        .await
        .expect("the body is drained");
    }

    #[tokio::test]
    async fn a_body_over_the_limit_is_refused_with_413_and_then_drained() {
        let read = Arc::new(AtomicU64::new(0));
        let response = app(BodyLimits::new(4 * 1024))
            .oneshot(post_counted("/ignore", 5, &read))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(json["error"], "payload_too_large");
        assert_eq!(
            json["message"],
            "The request body is larger than the 4 KiB this server accepts."
        );
        wait_until_read(&read, 5 * 1024).await;
    }

    #[tokio::test]
    async fn a_body_the_handler_ignores_is_drained_after_the_answer() {
        let read = Arc::new(AtomicU64::new(0));
        let response = app(BodyLimits::new(64 * 1024))
            .oneshot(post_counted("/ignore", 8, &read))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        wait_until_read(&read, 8 * 1024).await;
    }

    #[tokio::test]
    async fn a_body_with_expect_100_continue_that_nobody_asked_for_is_not_drained() {
        let read = Arc::new(AtomicU64::new(0));
        let mut request = post_counted("/ignore", 8, &read);
        request.headers_mut().insert(header::EXPECT, "100-continue".parse().unwrap());
        let response = app(BodyLimits::new(64 * 1024)).oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        tokio::task::yield_now().await;
        assert_eq!(read.load(Ordering::SeqCst), 0);
    }

    #[tokio::test]
    async fn when_the_budget_is_used_up_a_request_waits_then_gets_503_busy() {
        let limits = BodyLimits::with_budget(8 * 1024, 8 * 1024, Duration::from_millis(50));
        let read = Arc::new(AtomicU64::new(0));
        // Holds the whole budget while its handler runs.
        let first = tokio::spawn(app(limits.clone()).oneshot(post_counted("/wait", 8, &read)));
        tokio::time::timeout(Duration::from_secs(10), async {
            while limits.budget.available_permits() > 0 {
                tokio::task::yield_now().await;
            }
        })
        .await
        .expect("the first request takes the budget");
        let response =
            app(limits.clone()).oneshot(post_counted("/ignore", 1, &read)).await.unwrap();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], BODY_BUSY_RETRY_AFTER.to_string());
        // Requests without a body need no share.
        let empty = Request::post("/ignore").body(Body::empty()).unwrap();
        assert_eq!(app(limits).oneshot(empty).await.unwrap().status(), StatusCode::OK);
        first.abort();
    }
}
