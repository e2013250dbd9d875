//! Accepting connections, with the limits `axum::serve` leaves unset.
//!
//! `axum::serve` gives hyper no timer and takes every connection it is offered, so a client that connects and
//! sends nothing, or half a request, holds a connection, a task and a file descriptor forever, and enough of them
//! starve everyone else of file descriptors. This loop is the same few lines as axum's, plus:
//!
//! - an idle timeout ([`IDLE_TIMEOUT`]): a connection with no request in flight, from accept to its first
//!   request or between requests, is closed. It holds for HTTP/1 and HTTP/2 alike because it watches requests
//!   reaching the router, not bytes (hyper's own [`HEADER_READ_TIMEOUT`] only starts once the protocol is known,
//!   which needs the client's first bytes);
//! - a write stall timeout ([`WRITE_STALL_TIMEOUT`]) for clients that stop reading their answer;
//! - a cap on open connections ([`MAX_CONNECTIONS`], lowered to fit the open-file limit); past it a connection
//!   gets a short `503 busy` and is closed, by a task of its own so the accept loop never waits on a client;
//! - accept errors (usually "too many open files") backed off and logged at most once per
//!   [`ACCEPT_ERROR_LOG_INTERVAL`];
//! - a graceful shutdown that stops accepting once `shutdown` resolves, lets the requests in flight finish within
//!   [`SHUTDOWN_GRACE`], and then reports whether they did ([`Stopped`]), so the caller can exit either way.
//!   [`drain_after`] makes that future: at the signal it begins [`Draining`] (the readiness probe answers 503)
//!   and resolves only after the drain delay, so a load balancer still sending new requests meanwhile gets them
//!   answered.
//!
//! Request bodies are bounded per request and in total by [`body`], a middleware the host puts on its router.

pub mod body;
mod connection;
mod host;
mod hyper_answers;
mod refuse;

use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::service::TowerToHyperService;
use std::convert::Infallible;
use std::future::Future;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

pub use devtools_kit::Draining;
pub use host::BadHost;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tokio::time::Instant;
use tower::{Service, ServiceExt};

/// How long a client may take to send its request line and headers (HTTP/1), counted from when hyper starts
/// reading them: after the first bytes of a connection, and again whenever a keep-alive connection goes idle,
/// so it also closes HTTP/1 keep-alive connections idle for this long.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// The most a connection may buffer while reading a request head (HTTP/1), in bytes; larger heads are refused
/// with 431. It also bounds hyper's HTTP/1 read buffer.
pub const MAX_HEADER_BUFFER: usize = 64 * 1024;

/// How long a connection may stay open with no request in flight, from accept to its first request and between
/// requests, before it is closed. A request is in flight from when its head reaches the router until its answer
/// has been written. `devtools serve --idle-timeout` overrides it.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a write to a client may make no progress (the client stopped reading) before the connection is
/// dropped.
pub const WRITE_STALL_TIMEOUT: Duration = Duration::from_secs(30);

/// The most connections served at once; `devtools serve --max-connections` overrides it. Sized for the common
/// soft limit of 1,024 open files: 1,024 − [`FD_RESERVE`] = 768.
pub const MAX_CONNECTIONS: usize = 768;

/// File descriptors kept free of connections: the listener, refusals in progress ([`MAX_REFUSALS`]), the runtime's
/// own, and tool work's child processes and their pipes. The connection cap is lowered to the
/// open-file limit minus this.
pub const FD_RESERVE: usize = 256;

/// The most connections being refused (sent `503 busy`) at once, each for at most [`REFUSAL_TIMEOUT`]; past
/// this, connections over the cap are closed without an answer.
pub const MAX_REFUSALS: usize = 64;

/// How long refusing one connection may take: writing the `503` and reading what the client sent until it
/// closes, so that closing does not reset the connection and destroy the answer.
pub const REFUSAL_TIMEOUT: Duration = Duration::from_secs(2);

/// The `Retry-After` of the `503 busy` sent to connections over the cap, in seconds.
pub const REFUSAL_RETRY_AFTER: u32 = 5;

/// The first pause after a failed accept; it doubles with each failure in a row, up to
/// [`ACCEPT_BACKOFF_MAX`].
pub const ACCEPT_BACKOFF_MIN: Duration = Duration::from_millis(5);

/// The longest pause after failed accepts in a row.
pub const ACCEPT_BACKOFF_MAX: Duration = Duration::from_secs(1);

/// Failed accepts are logged at most once per this interval, with the number of failures not logged since.
pub const ACCEPT_ERROR_LOG_INTERVAL: Duration = Duration::from_secs(5);

/// The most requests at once on one HTTP/2 connection.
pub const H2_MAX_CONCURRENT_STREAMS: u32 = 32;

/// HTTP/2 flow-control window, per connection and per stream, in bytes: the most request body a client can
/// send on one connection that the server has not asked for yet (hyper's default is 1 MiB).
pub const H2_WINDOW: u32 = 128 * 1024;

/// How often an HTTP/2 connection that received nothing is pinged, to find dead peers.
pub const H2_KEEP_ALIVE_INTERVAL: Duration = Duration::from_secs(20);

/// How long shutdown waits for the requests in flight before giving up on them; `devtools serve
/// --shutdown-grace` overrides it. 20 s is longer than any request can take by itself ([`crate::REQUEST_TIMEOUT`]
/// plus [`body::DRAIN_TIMEOUT`]), and shorter than the 30 s after which Kubernetes sends SIGKILL by default, so
/// the process still gets to say how it stopped.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(20);

/// How long the server drains after SIGTERM or Ctrl-C before it stops accepting: none by default, so a plain
/// `devtools serve` stops at once; `devtools serve --drain-delay` sets it (a few seconds behind a load balancer
/// that learns of the shutdown late, such as a Kubernetes Service).
pub const DRAIN_DELAY: Duration = Duration::ZERO;

/// How long, once [`serve`] has returned, the runtime is given to drop its tasks (closing connections, killing
/// child processes spawned with `kill_on_drop`) before the process exits without waiting for blocking work.
pub const RUNTIME_STOP_TIMEOUT: Duration = Duration::from_secs(1);

/// The exit status of `devtools serve` when the shutdown grace ran out with connections still open: not `0`,
/// because requests were cut off; not `1`, which means the server could not start or failed.
pub const EXIT_GRACE_EXPIRED: u8 = 3;

// The default cap fits the common open-file limit of 1,024, refusals included.
const _: () = assert!(MAX_CONNECTIONS + FD_RESERVE <= 1024 && MAX_REFUSALS < FD_RESERVE);

/// How to serve: the limits that `devtools serve` lets an operator (or a test) change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// See [`IDLE_TIMEOUT`].
    pub idle_timeout: Duration,
    /// See [`MAX_CONNECTIONS`]; [`connection_cap`] fits it to the open-file limit.
    pub max_connections: usize,
    /// See [`SHUTDOWN_GRACE`].
    pub shutdown_grace: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            idle_timeout: IDLE_TIMEOUT,
            max_connections: MAX_CONNECTIONS,
            shutdown_grace: SHUTDOWN_GRACE,
        }
    }
}

/// How [`serve`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// Every connection closed within the grace period: every request taken was answered.
    Clean,
    /// The grace period ran out with this many connections still open; they are dropped with the runtime.
    GraceExpired {
        /// Connections still open.
        open: usize,
    },
}

/// The `shutdown` future for [`serve`] with a drain delay: waits for `signal()`, begins `draining`, then lets the
/// server go on accepting and serving for `delay` (or until `signal()` resolves a second time, for an operator who
/// does not want to wait) before it resolves.
pub async fn drain_after<F>(mut signal: impl FnMut() -> F, draining: &Draining, delay: Duration)
where
    F: Future<Output = ()>,
{
    signal().await;
    draining.begin();
    if delay.is_zero() {
        tracing::info!("shutdown signal received, finishing in-flight requests");
        return;
    }
    tracing::info!(
        drain_delay_s = delay.as_secs_f64(),
        "shutdown signal received: draining for {delay:?} (/readyz answers 503, requests are still served), \
         then finishing in-flight requests"
    );
    tokio::select! {
        () = tokio::time::sleep(delay) => {}
        () = signal() => tracing::info!("second shutdown signal: draining cut short"),
    }
    tracing::info!("drained; no new connections, finishing in-flight requests");
}

/// What the accept loop counts, for `/metrics` ([`crate::metrics`]): shared with [`serve_counted`].
#[derive(Debug, Default)]
pub struct ConnectionStats {
    open: AtomicUsize,
    refused: AtomicU64,
    /// Told the status of each answer hyper gives on its own (a head too large, a malformed request: see
    /// [`hyper_answers`]), which no layer of the router sees.
    hyper_answers: OnceLock<HyperAnswerHook>,
}

/// The hook of [`ConnectionStats::on_hyper_answer`].
struct HyperAnswerHook(Box<dyn Fn(u16) + Send + Sync>);

impl std::fmt::Debug for HyperAnswerHook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HyperAnswerHook")
    }
}

impl ConnectionStats {
    /// Calls `hook` with the status of every answer hyper gives on its own (`400`, `414`, `431`) from now on, so
    /// the request metrics count them. The first hook set stays.
    pub fn on_hyper_answer(&self, hook: impl Fn(u16) + Send + Sync + 'static) {
        let _ = self.hyper_answers.set(HyperAnswerHook(Box::new(hook)));
    }

    fn hyper_answered(&self, status: u16) {
        if let Some(HyperAnswerHook(hook)) = self.hyper_answers.get() {
            hook(status);
        }
    }

    /// Connections open now.
    pub fn open(&self) -> usize {
        self.open.load(Ordering::Relaxed)
    }

    /// Connections refused over the cap since the start.
    pub fn refused(&self) -> u64 {
        self.refused.load(Ordering::Relaxed)
    }
}

/// Counts a connection open until dropped (its task ends or the runtime drops it).
struct OpenConnection(Arc<ConnectionStats>);

impl OpenConnection {
    fn new(stats: &Arc<ConnectionStats>) -> OpenConnection {
        stats.open.fetch_add(1, Ordering::Relaxed);
        OpenConnection(Arc::clone(stats))
    }
}

impl Drop for OpenConnection {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Serves `app` (the site's [`axum::Router`], or [`crate::fast_pages::FastPages`] around it) on `listener` until `shutdown` resolves, then closes the listener, lets the open connections
/// finish their current requests for at most `options.shutdown_grace`, and says whether they did.
pub async fn serve<S>(
    listener: TcpListener,
    app: S,
    options: Options,
    shutdown: impl Future<Output = ()>,
) -> Stopped
where
    S: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    serve_counted(listener, app, options, shutdown, Arc::default()).await
}

/// [`serve`], counting open and refused connections in `stats`.
pub async fn serve_counted<S>(
    listener: TcpListener,
    app: S,
    options: Options,
    shutdown: impl Future<Output = ()>,
    stats: Arc<ConnectionStats>,
) -> Stopped
where
    S: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .max_buf_size(MAX_HEADER_BUFFER);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(Some(H2_KEEP_ALIVE_INTERVAL))
        .max_concurrent_streams(H2_MAX_CONCURRENT_STREAMS)
        .initial_connection_window_size(H2_WINDOW)
        .initial_stream_window_size(H2_WINDOW);

    // A permit per open connection; at shutdown, getting all of them back means every connection has closed.
    let cap = options.max_connections.clamp(1, Semaphore::MAX_PERMITS.min(u32::MAX as usize));
    let connections = Arc::new(Semaphore::new(cap));
    let refusals = Arc::new(Semaphore::new(MAX_REFUSALS));
    let (stop, stopping) = watch::channel(false);
    let mut accept_errors = AcceptErrors::default();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    accept_errors.succeeded();
                    stream
                }
                Err(error) => {
                    let (pause, report) = accept_errors.failed(Instant::now());
                    if let Some(suppressed) = report {
                        tracing::warn!(%error, suppressed, pause_ms = pause.as_millis() as u64, "accept failed");
                    }
                    tokio::select! {
                        () = tokio::time::sleep(pause) => continue,
                        () = &mut shutdown => break,
                    }
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = Arc::clone(&connections).try_acquire_owned() else {
            stats.refused.fetch_add(1, Ordering::Relaxed);
            refuse::refuse(stream, &refusals);
            continue;
        };
        let counted = OpenConnection::new(&stats);
        let _ = stream.set_nodelay(true);
        let activity = Arc::new(connection::Activity::new());
        // Each request counts as in flight from its call until its response body is written or dropped.
        let in_flight = Arc::clone(&activity);
        let service = TowerToHyperService::new(
            app.clone()
                .map_request(|request: Request<Incoming>| {
                    let bad_host = host::check(&request);
                    let mut request = request.map(Body::new);
                    if let Some(bad_host) = bad_host {
                        request.extensions_mut().insert(bad_host);
                    }
                    request
                })
                .map_future(move |response| {
                    let request = in_flight.begin();
                    async move {
                        let response: Response = response.await?;
                        Ok::<_, Infallible>(
                            response.map(|body| Body::new(connection::Tracked::new(body, request))),
                        )
                    }
                }),
        );
        let io = TokioIo::new(hyper_answers::CompleteErrorAnswers::new(
            connection::StallTimeout::new(stream, WRITE_STALL_TIMEOUT),
            Arc::clone(&stats),
        ));
        let connection = builder.serve_connection_with_upgrades(io, service).into_owned();
        let stopping = stopping.clone();
        let idle_timeout = options.idle_timeout;
        tokio::spawn(async move {
            connection::drive(connection, &activity, idle_timeout, stopping).await;
            drop(counted);
            drop(permit);
        });
    }
    // Closing the listener makes new connection attempts fail at once.
    drop(listener);
    let _ = stop.send(true);
    let all = u32::try_from(cap).unwrap_or(u32::MAX);
    match tokio::time::timeout(options.shutdown_grace, connections.acquire_many(all)).await {
        Ok(_) => Stopped::Clean,
        Err(_) => Stopped::GraceExpired { open: cap - connections.available_permits() },
    }
}

/// The connection cap for `requested`: lowered, with a warning, so that connections plus [`FD_RESERVE`] (or a
/// quarter of the limit, when that is less) fit the process's open-file limit (read from `/proc/self/limits`;
/// unchanged where that cannot be read).
pub fn connection_cap(requested: usize) -> usize {
    raise_open_file_limit();
    let Some(limit) = open_file_limit() else { return requested };
    let limit_fds = usize::try_from(limit).unwrap_or(usize::MAX);
    let fitting = limit_fds.saturating_sub(FD_RESERVE.min(limit_fds / 4)).max(1);
    if requested > fitting {
        tracing::warn!(
            requested,
            open_file_limit = limit,
            cap = fitting,
            "the connection cap is lowered to fit the open-file limit; raise it with `ulimit -n`"
        );
        fitting
    } else {
        requested
    }
}

/// Raises the soft limit on open files to the hard one (often 1024 soft, far more hard), which needs no
/// privilege, so the connection cap can stay where it is asked for.
fn raise_open_file_limit() {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, getrlimit, setrlimit};
        let mut limit = getrlimit(Resource::Nofile);
        // `None` is unlimited.
        let below_hard = match (limit.current, limit.maximum) {
            (Some(current), Some(maximum)) => current < maximum,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if below_hard {
            limit.current = limit.maximum;
            if let Err(error) = setrlimit(Resource::Nofile, limit) {
                tracing::debug!(%error, "cannot raise the open-file limit");
            }
        }
    }
}

/// The soft limit on open files, on Linux.
fn open_file_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    parse_open_file_limit(&limits)
}

/// The soft "Max open files" value of a `/proc/<pid>/limits` text; `None` when unlimited or absent.
fn parse_open_file_limit(limits: &str) -> Option<u64> {
    let line = limits.lines().find(|line| line.starts_with("Max open files"))?;
    line["Max open files".len()..].split_whitespace().next()?.parse().ok()
}

/// Back-off and log rate limiting for failed accepts.
#[derive(Debug, Default)]
struct AcceptErrors {
    /// The pause after the last failure; zero after a success.
    pause: Duration,
    /// When a failure was last logged.
    logged_at: Option<Instant>,
    /// Failures since then that were not logged.
    suppressed: u64,
}

impl AcceptErrors {
    /// Records a failure at `now`: how long to pause, and `Some(failures not logged since the last report)` when
    /// this one should be logged.
    fn failed(&mut self, now: Instant) -> (Duration, Option<u64>) {
        self.pause = (self.pause * 2).clamp(ACCEPT_BACKOFF_MIN, ACCEPT_BACKOFF_MAX);
        let due = self
            .logged_at
            .is_none_or(|at| now.saturating_duration_since(at) >= ACCEPT_ERROR_LOG_INTERVAL);
        if due {
            self.logged_at = Some(now);
            (self.pause, Some(std::mem::take(&mut self.suppressed)))
        } else {
            self.suppressed += 1;
            (self.pause, None)
        }
    }

    /// Records a success: the next failure pauses briefly again (the log stays rate limited).
    fn succeeded(&mut self) {
        self.pause = Duration::ZERO;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_failures_back_off_exponentially_up_to_the_maximum() {
        let mut errors = AcceptErrors::default();
        let now = Instant::now();
        let pauses: Vec<Duration> = (0..12).map(|_| errors.failed(now).0).collect();
        assert_eq!(pauses[0], ACCEPT_BACKOFF_MIN);
        assert_eq!(pauses[1], ACCEPT_BACKOFF_MIN * 2);
        assert!(pauses.windows(2).all(|pair| pair[0] <= pair[1]));
        assert_eq!(*pauses.last().unwrap(), ACCEPT_BACKOFF_MAX);
        errors.succeeded();
        assert_eq!(errors.failed(now).0, ACCEPT_BACKOFF_MIN);
    }

    #[test]
    fn accept_failures_are_logged_once_per_interval_with_a_count_of_the_rest() {
        let mut errors = AcceptErrors::default();
        let start = Instant::now();
        assert_eq!(errors.failed(start).1, Some(0));
        // A burst within the interval: none logged.
        for i in 1..=20 {
            assert_eq!(errors.failed(start + Duration::from_millis(i * 50)).1, None);
        }
        errors.succeeded();
        assert_eq!(errors.failed(start + Duration::from_secs(2)).1, None);
        // The next failure after the interval reports the 21 it did not log.
        assert_eq!(errors.failed(start + ACCEPT_ERROR_LOG_INTERVAL).1, Some(21));
        assert_eq!(errors.failed(start + ACCEPT_ERROR_LOG_INTERVAL).1, None);
    }

    #[tokio::test]
    async fn draining_begins_at_the_signal_and_the_shutdown_comes_after_the_delay() {
        let (send, receive) = watch::channel(0u32);
        let signals = std::sync::Mutex::new(receive);
        // The n-th call waits for the n-th signal.
        let calls = AtomicUsize::new(0);
        let signal = || {
            let wanted = calls.fetch_add(1, Ordering::SeqCst) as u32 + 1;
            let mut receive = signals.lock().unwrap().clone();
            async move {
                let _ = receive.wait_for(|&sent| sent >= wanted).await;
            }
        };
        let draining = Draining::default();
        let delay = Duration::from_millis(300);
        let mut shutdown = std::pin::pin!(drain_after(signal, &draining, delay));
        let pending = tokio::time::timeout(Duration::from_millis(50), &mut shutdown).await;
        assert!(pending.is_err() && !draining.is_draining(), "nothing before the signal");
        send.send(1).unwrap();
        let start = Instant::now();
        let pending = tokio::time::timeout(Duration::from_millis(100), &mut shutdown).await;
        assert!(pending.is_err() && draining.is_draining(), "draining, and still serving");
        shutdown.await;
        assert!(start.elapsed() >= delay, "{:?}", start.elapsed());

        // A second signal cuts the delay short; no delay means no wait.
        let (send, receive) = watch::channel(0u32);
        *signals.lock().unwrap() = receive;
        calls.store(0, Ordering::SeqCst);
        send.send(2).unwrap();
        let draining = Draining::default();
        let long = drain_after(signal, &draining, Duration::from_secs(3600));
        tokio::time::timeout(Duration::from_secs(5), long).await.expect("cut short");
        assert!(draining.is_draining());
    }

    #[test]
    fn the_open_file_limit_is_read_from_proc_limits() {
        let limits = "Limit                     Soft Limit           Hard Limit           Units     \n\
                      Max processes             63412                63412                processes \n\
                      Max open files            1024                 1048576              files     \n";
        assert_eq!(parse_open_file_limit(limits), Some(1024));
        let unlimited =
            "Max open files            unlimited            unlimited            files     \n";
        assert_eq!(parse_open_file_limit(unlimited), None);
        assert_eq!(parse_open_file_limit(""), None);
    }
}
