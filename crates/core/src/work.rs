//! Bounded execution of tool work: the one way a tool runs anything whose cost depends on its input.
//!
//! An async handler must never compute on the runtime's worker threads: two regex searches there were enough to
//! make `GET /healthz` wait 19 s, and the request timeout could not fire while they ran. So every input-driven
//! job (matching, verifying, signing, computing runs, rendering a page from input) goes through [`Work`]:
//!
//! - [`Work::run`] runs a closure on a small pool of threads of its own ([`WorkLimits::threads`]), started at a
//!   lower scheduling priority than the async workers, so cheap routes (cached pages, assets, health) are
//!   answered while every work thread is busy.
//! - Admission is bounded: at most `threads + queue` jobs are running or waiting, and a job that would wait
//!   more than half its deadline behind the jobs ahead of it (at their recent average time) is not admitted;
//!   past either, the request is refused at once with `503 busy` and `Retry-After` instead of piling up memory
//!   and latency, or waiting only to run out of time.
//! - Every job has a wall-clock [`Deadline`], counted from admission (time spent queued counts). The job receives
//!   it so that an engine can stop itself, and the handler stops waiting at the deadline whatever the job does.
//! - Work that cannot check a deadline by itself (a backtracking regex engine whose look-arounds scan the whole
//!   text inside one step) runs with [`Work::isolated`] in a worker process with CPU-time and address-space
//!   limits, which is killed at the deadline: the only way to really stop such work, since threads cannot be
//!   killed. Its answer is capped at [`WorkLimits::max_output`] bytes.
//!
//! The host sets the limits ([`WorkLimits`]) and, for isolation, the command that starts a worker process
//! ([`Isolation`]). Without one (handler tests that build a router with no binary around them) isolated jobs run
//! on the pool in-process, with the same deadline and output budget but without the kill.
//!
//! # Worker processes
//!
//! Starting a process per job cost more than the job (a regex page answered ~340 pages/s that way), so isolated
//! jobs run in a pool of long-lived workers, each serving jobs one after another over its standard input and
//! output (the frames are described at [`serve_jobs`]). The budgets:
//!
//! - **Processes**: at most [`WorkLimits::isolated`] workers exist, one per slot. They start lazily, when a job
//!   finds no idle worker: `Work::new` may run outside an async runtime (the process handles need one), and a site
//!   that never runs an isolated job (tests, `export`) starts none. The first job of each slot pays one process
//!   start (a few milliseconds).
//! - **Wall clock**: a job whose worker has not answered by its deadline gets [`Refused::Deadline`] and its worker
//!   is killed; a fresh one replaces it for the next job. A worker that dies (a crash, its memory limit, an abort)
//!   makes its job fail with [`Refused::Failed`] and is replaced the same way.
//! - **Memory**: each worker limits its own address space to [`WorkLimits::isolated_memory`] (`RLIMIT_AS`) for its
//!   whole life, so what one job leaves allocated counts against the next; retirement bounds that drift.
//! - **CPU**, a backstop for a parent that cannot kill (itself stuck or gone): `RLIMIT_CPU` counts a process's
//!   whole life, so before each job the worker sets its soft limit to the CPU it has used so far plus the job's
//!   budget plus 2 s (`SIGXCPU` ends it past that). Its hard limit, which an unprivileged process cannot raise
//!   again, is a lifetime total of 60 CPU seconds (`SIGKILL`, should `SIGXCPU` be ignored); a worker whose next
//!   job might not fit under it retires after answering.
//! - **Input and output**: the parent sends at most [`WorkLimits::max_input`] bytes and the worker reads no more
//!   than its own limit; the worker sends no answer body over [`WorkLimits::max_output`] bytes and the parent
//!   reads none: such a job gets [`Refused::OutputTooLarge`] and its worker is discarded.
//! - **Retirement**: a worker is replaced after 10,000 jobs, to bound fragmentation and anything a job leaks.
//! - **Cancellation and shutdown**: a worker belongs to its job until the answer is read whole; a request dropped
//!   mid-job drops its worker, which kills it, so no worker with a half-read stream goes back to the pool. Idle
//!   workers are killed when the [`Work`] is dropped, and one whose server dies reads the end of its input and
//!   exits.

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The wall-clock limit of one job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Deadline(Instant);

impl Deadline {
    /// A deadline `budget` from now.
    pub fn after(budget: Duration) -> Deadline {
        Deadline(Instant::now() + budget)
    }

    /// The instant it falls on.
    pub fn instant(self) -> Instant {
        self.0
    }

    /// Whether it has passed.
    pub fn expired(self) -> bool {
        Instant::now() >= self.0
    }

    /// Time left, zero once it has passed.
    pub fn remaining(self) -> Duration {
        self.0.saturating_duration_since(Instant::now())
    }
}

/// The budgets of tool work. The host chooses them; [`WorkLimits::default`] is what `devtools serve` uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkLimits {
    /// Threads that run jobs; also how many jobs run at once. Default: the number of CPUs.
    pub threads: usize,
    /// Jobs that may wait for a thread at most; more are refused with `503 busy`. Default: 512. A job is also
    /// refused when the jobs ahead of it would, at the recent average job time, take more than half its deadline.
    pub queue: usize,
    /// Worker processes that may run isolated jobs at once, and how many exist at most. Default: the number of CPUs.
    pub isolated: usize,
    /// Isolated jobs that may wait for a worker slot at most; more are refused. Default: 64. The same expected-wait
    /// rule as for [`WorkLimits::queue`] applies.
    pub isolated_queue: usize,
    /// Wall-clock budget of one job, from admission to answer. Default: [`DEFAULT_DEADLINE`](crate::DEFAULT_DEADLINE),
    /// 2 s.
    pub deadline: Duration,
    /// Address-space limit of a worker process, in bytes (`RLIMIT_AS`). Default: 512 MiB.
    pub isolated_memory: u64,
    /// Largest input an isolated job is sent, in bytes (JSON); a larger one fails at once. Default: 16 MiB.
    pub max_input: usize,
    /// Largest answer an isolated job may send back, in bytes. Default: 16 MiB.
    pub max_output: usize,
}

impl Default for WorkLimits {
    fn default() -> Self {
        let cpus = std::thread::available_parallelism().map_or(2, usize::from);
        WorkLimits {
            threads: cpus,
            queue: 512,
            isolated: cpus,
            isolated_queue: 64,
            deadline: crate::DEFAULT_DEADLINE,
            isolated_memory: 512 * 1024 * 1024,
            max_input: 16 * 1024 * 1024,
            max_output: 16 * 1024 * 1024,
        }
    }
}

/// How to start a worker process that runs isolated jobs: `program args…`, which serves jobs one after another,
/// each framed on its standard input and answered on its standard output, until its input ends. The host passes
/// its own binary with a hidden subcommand that calls [`serve_jobs`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Isolation {
    /// The executable.
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<OsString>,
    /// Environment variables set for the worker (the host's allocator settings, say).
    pub env: Vec<(OsString, OsString)>,
}

/// A job that can run in a worker process: a name (namespaced by the tool's slug, `regex/fancy`) and a function
/// from input bytes to answer bytes (JSON both ways; see [`Job::answer`]).
#[derive(Debug, Clone, Copy)]
pub struct Job {
    /// Unique name, `slug/what`.
    pub name: &'static str,
    /// Reads the input, does the work within the deadline, returns the answer.
    pub run: fn(&[u8], Deadline) -> Vec<u8>,
}

impl Job {
    /// The body of a typical [`Job::run`]: decodes JSON input, calls `work`, encodes its answer as JSON. An input
    /// that does not decode gives an empty answer, which the caller reports as a failed job.
    pub fn answer<I: DeserializeOwned, O: Serialize>(
        input: &[u8],
        deadline: Deadline,
        work: impl FnOnce(I, Deadline) -> O,
    ) -> Vec<u8> {
        match serde_json::from_slice(input) {
            Ok(input) => serde_json::to_vec(&work(input, deadline)).unwrap_or_default(),
            Err(_) => Vec::new(),
        }
    }
}

/// Why a job gave no answer. Each becomes an HTTP error through `From<Refused> for WebError`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refused {
    /// Every thread (or worker slot) is busy and the queue is full: try again shortly.
    Busy {
        /// Seconds after which a retry is likely to be admitted.
        retry_after: u32,
    },
    /// The job did not finish within its deadline and was abandoned (or, isolated, killed).
    Deadline {
        /// The budget that ran out.
        budget: Duration,
    },
    /// The isolated job's answer was larger than [`WorkLimits::max_output`].
    OutputTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The job died: it ran out of memory (its address-space limit) or failed in another way.
    Failed,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Busy { retry_after } => write!(
                f,
                "The server is busy with other work right now; try again in {retry_after} s."
            ),
            Refused::Deadline { budget } => {
                f.write_str(crate::AnswerError::deadline_exceeded(*budget).message())
            }
            Refused::OutputTooLarge { limit } => write!(
                f,
                "The answer would be larger than the {} MiB this server sends for one request.",
                limit / (1024 * 1024)
            ),
            Refused::Failed => {
                f.write_str("This input needs more memory than this server gives one request.")
            }
        }
    }
}

impl std::error::Error for Refused {}

/// What is running and waiting now, for `/readyz` and the logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WorkLoad {
    /// Jobs running or waiting on the thread pool.
    pub admitted: usize,
    /// How many the pool admits at most (threads + queue).
    pub capacity: usize,
    /// Isolated jobs running or waiting.
    pub isolated_admitted: usize,
    /// How many isolated jobs are admitted at most.
    pub isolated_capacity: usize,
    /// Jobs refused as busy since the start.
    pub refused_busy: u64,
    /// Jobs stopped at their deadline since the start.
    pub refused_deadline: u64,
}

/// The executor of tool work: a bounded thread pool, bounded isolation, deadlines. One per site.
#[derive(Debug)]
pub struct Work {
    limits: WorkLimits,
    pool: rayon::ThreadPool,
    admitted: Arc<AtomicUsize>,
    isolated_admitted: Arc<AtomicUsize>,
    isolated_slots: tokio::sync::Semaphore,
    isolation: Option<Isolation>,
    jobs: Vec<Job>,
    refused_busy: AtomicU64,
    refused_deadline: AtomicU64,
    job_time: Arc<JobTime>,
    isolated_job_time: JobTime,
    workers: Workers,
    /// Jobs after which a worker is replaced ([`WORKER_JOBS`]; tests lower it).
    retire_after: u32,
}

/// A moving average of how long jobs take, in microseconds, to predict how long a new one would wait.
#[derive(Debug, Default)]
struct JobTime(AtomicU64);

impl JobTime {
    fn record(&self, took: Duration) {
        let sample = u64::try_from(took.as_micros()).unwrap_or(u64::MAX);
        // An exponential average with weight 1/8: recent enough to follow a change of load, smooth enough that one
        // slow job does not close the door. Races between two updates lose one sample, which is harmless.
        let old = self.0.load(Ordering::Relaxed);
        let new = if old == 0 { sample } else { old - old / 8 + sample / 8 };
        self.0.store(new, Ordering::Relaxed);
    }

    /// How long the jobs already admitted would keep a new one waiting, on `slots` threads or processes.
    fn expected_wait(&self, admitted: usize, slots: usize) -> Duration {
        let waiting = admitted.saturating_sub(slots.saturating_sub(1)) as u64;
        Duration::from_micros(waiting.saturating_mul(self.0.load(Ordering::Relaxed)) / slots as u64)
    }
}

/// Keeps one place of an admission counter until dropped (when the job has really finished, not when the
/// handler stopped waiting for it).
struct Admission(Arc<AtomicUsize>);

impl Admission {
    fn try_new(counter: &Arc<AtomicUsize>, capacity: usize) -> Option<Admission> {
        counter
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| (n < capacity).then_some(n + 1))
            .ok()
            .map(|_| Admission(Arc::clone(counter)))
    }
}

impl Drop for Admission {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// How much lower than the async workers the work threads and worker processes run (a `nice` increment), so the
/// scheduler prefers the threads that answer cheap requests whenever both want a CPU.
const WORK_NICENESS: i32 = 10;

/// How long past its deadline a job's answer is still awaited: the time to notice the deadline, stop and reply.
const DEADLINE_SLACK: Duration = Duration::from_millis(50);

impl Work {
    /// A pool with these limits. `jobs` are the isolated jobs the tools offer; `isolation` the command that starts
    /// a worker process for them (`None`: run them in-process). No worker starts before a job needs one.
    pub fn new(
        limits: WorkLimits,
        isolation: Option<Isolation>,
        jobs: Vec<Job>,
    ) -> Result<Work, std::io::Error> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(limits.threads.max(1))
            .thread_name(|index| format!("devtools-work-{index}"))
            .start_handler(|_| lower_priority_of_this_thread())
            .build()
            .map_err(std::io::Error::other)?;
        Ok(Work {
            limits,
            pool,
            admitted: Arc::default(),
            isolated_admitted: Arc::default(),
            isolated_slots: tokio::sync::Semaphore::new(limits.isolated.max(1)),
            isolation,
            jobs,
            refused_busy: AtomicU64::new(0),
            refused_deadline: AtomicU64::new(0),
            job_time: Arc::default(),
            isolated_job_time: JobTime::default(),
            workers: Workers::default(),
            retire_after: WORKER_JOBS,
        })
    }

    /// The limits in force.
    pub fn limits(&self) -> &WorkLimits {
        &self.limits
    }

    /// What is running and waiting now.
    pub fn load(&self) -> WorkLoad {
        WorkLoad {
            admitted: self.admitted.load(Ordering::Acquire),
            capacity: self.capacity(),
            isolated_admitted: self.isolated_admitted.load(Ordering::Acquire),
            isolated_capacity: self.isolated_capacity(),
            refused_busy: self.refused_busy.load(Ordering::Relaxed),
            refused_deadline: self.refused_deadline.load(Ordering::Relaxed),
        }
    }

    fn capacity(&self) -> usize {
        self.limits.threads.max(1) + self.limits.queue
    }

    fn isolated_capacity(&self) -> usize {
        self.limits.isolated.max(1) + self.limits.isolated_queue
    }

    fn busy(&self) -> Refused {
        self.refused_busy.fetch_add(1, Ordering::Relaxed);
        Refused::Busy { retry_after: 1 }
    }

    fn deadline_passed(&self) -> Refused {
        self.refused_deadline.fetch_add(1, Ordering::Relaxed);
        Refused::Deadline { budget: self.limits.deadline }
    }

    /// Runs `job` on the work pool within the deadline and returns its value.
    ///
    /// The job receives its [`Deadline`] and should stop soon after it (an engine checks it in its loop). A job
    /// still queued when its deadline passes is not started. If the job has not answered by the deadline the
    /// caller gets [`Refused::Deadline`]; the job keeps its pool thread and its place in the admission count until
    /// it really returns, so a job that ignores its deadline cannot make room for more work.
    pub async fn run<T, F>(&self, job: F) -> Result<T, Refused>
    where
        F: FnOnce(Deadline) -> T + Send + 'static,
        T: Send + 'static,
    {
        let threads = self.limits.threads.max(1);
        let admitted = self.admitted.load(Ordering::Acquire);
        if self.job_time.expected_wait(admitted, threads) > self.limits.deadline / 2 {
            return Err(self.busy());
        }
        let Some(admission) = Admission::try_new(&self.admitted, self.capacity()) else {
            return Err(self.busy());
        };
        let deadline = Deadline::after(self.limits.deadline);
        let (answer, answered) = tokio::sync::oneshot::channel();
        let job_time = Arc::clone(&self.job_time);
        self.pool.spawn(move || {
            if deadline.expired() {
                return;
            }
            let started = Instant::now();
            let value = job(deadline);
            job_time.record(started.elapsed());
            // The work is done: free its place before the caller can observe the answer.
            drop(admission);
            let _ = answer.send(value);
        });
        let until = tokio::time::Instant::from_std(deadline.instant() + DEADLINE_SLACK);
        match tokio::time::timeout_at(until, answered).await {
            Ok(Ok(value)) => Ok(value),
            // The job was never started (its deadline passed in the queue) or ran past it.
            Ok(Err(_)) | Err(_) => Err(self.deadline_passed()),
        }
    }

    /// [`Work::run`] for a job that answers or fails with a [`crate::WebError`]: a refusal becomes that error too.
    pub async fn answer<T, F>(&self, job: F) -> Result<T, crate::WebError>
    where
        F: FnOnce(Deadline) -> Result<T, crate::WebError> + Send + 'static,
        T: Send + 'static,
    {
        self.run(job).await.map_err(crate::WebError::from).and_then(|answer| answer)
    }

    /// [`Work::run`] for a job that answers with a whole response (a rendered page): a refusal becomes its error
    /// response (`503 busy` with `Retry-After`, or `422`), rendered as a page or JSON by the error middleware.
    pub async fn respond<F>(&self, job: F) -> axum::response::Response
    where
        F: FnOnce(Deadline) -> axum::response::Response + Send + 'static,
    {
        use axum::response::IntoResponse as _;
        self.run(job).await.unwrap_or_else(|refused| crate::WebError::from(refused).into_response())
    }

    /// Runs the isolated job `job` (one of the jobs given to [`Work::new`]) on `input`, in a worker process killed
    /// at the deadline, and decodes its JSON answer.
    pub async fn isolated<I, O>(&self, job: &Job, input: &I) -> Result<O, Refused>
    where
        I: Serialize + ?Sized,
        O: DeserializeOwned + Send + 'static,
    {
        // Workers find jobs in the tools' lists; one missing there would fail only in a worker, so check here.
        if !self.jobs.iter().any(|known| known.name == job.name) {
            tracing::error!(job = job.name, "an isolated job that no tool lists in Tool::jobs");
            return Err(Refused::Failed);
        }
        let frame = Frame::new(job.name, input).map_err(|_| Refused::Failed)?;
        if frame.input().len() > self.limits.max_input {
            tracing::warn!(
                job = job.name,
                input_bytes = frame.input().len(),
                "an isolated job's input is over the limit"
            );
            return Err(Refused::Failed);
        }
        let bytes = match &self.isolation {
            Some(isolation) => self.in_worker(isolation, job, frame).await?,
            None => {
                let run = job.run;
                self.run(move |deadline| run(frame.input(), deadline)).await?
            }
        };
        if bytes.len() > self.limits.max_output {
            return Err(Refused::OutputTooLarge { limit: self.limits.max_output });
        }
        serde_json::from_slice(&bytes).map_err(|error| {
            tracing::warn!(job = job.name, %error, answer_bytes = bytes.len(), "a work answer did not decode");
            Refused::Failed
        })
    }

    /// Admission, a worker slot, then the job on a worker, all within the job's deadline.
    async fn in_worker(
        &self,
        isolation: &Isolation,
        job: &Job,
        frame: Frame,
    ) -> Result<Vec<u8>, Refused> {
        let slots = self.limits.isolated.max(1);
        let admitted = self.isolated_admitted.load(Ordering::Acquire);
        if self.isolated_job_time.expected_wait(admitted, slots) > self.limits.deadline / 2 {
            return Err(self.busy());
        }
        let Some(_admission) =
            Admission::try_new(&self.isolated_admitted, self.isolated_capacity())
        else {
            return Err(self.busy());
        };
        let deadline = Deadline::after(self.limits.deadline);
        let until = tokio::time::Instant::from_std(deadline.instant());
        let Ok(Ok(_slot)) = tokio::time::timeout_at(until, self.isolated_slots.acquire()).await
        else {
            return Err(self.deadline_passed());
        };
        let started = Instant::now();
        let outcome =
            tokio::time::timeout_at(until, self.on_worker(isolation, job, frame, deadline)).await;
        self.isolated_job_time.record(started.elapsed());
        // At the deadline the exchange is dropped with the worker it holds, and `kill_on_drop` kills that worker
        // (tokio reaps it); the next job starts a fresh one.
        outcome.unwrap_or_else(|_| Err(self.deadline_passed()))
    }

    /// One exchange with an idle worker, or a new one when none is idle. The worker goes back to the pool only
    /// after a whole answer was read from it, so a worker whose stream is out of step is never reused.
    async fn on_worker(
        &self,
        isolation: &Isolation,
        job: &Job,
        mut frame: Frame,
        deadline: Deadline,
    ) -> Result<Vec<u8>, Refused> {
        let request = frame.with_budget(deadline.remaining());
        // An idle worker that died since its last job (killed from outside, say) has closed its input: the request
        // cannot reach it, so the job, not yet started anywhere, goes to a fresh worker instead.
        let idle = match self.workers.idle() {
            Some(mut worker) => worker.send(request).await.then_some(worker),
            None => None,
        };
        let mut worker = match idle {
            Some(worker) => worker,
            None => {
                let mut worker = self.workers.start(isolation, &self.limits).map_err(|error| {
                    tracing::error!(%error, job = job.name, "cannot start a work process");
                    Refused::Failed
                })?;
                if !worker.send(request).await {
                    return Err(self.died(worker, job).await);
                }
                worker
            }
        };
        let limit = self.limits.max_output;
        match worker.receive(limit).await {
            Reply::Answer { bytes, retiring } => {
                worker.jobs += 1;
                if !retiring && worker.jobs < self.retire_after {
                    self.workers.put_back(worker);
                }
                Ok(bytes)
            }
            // The worker may have sent the body anyway: its stream can no longer be trusted, so it is dropped.
            Reply::TooLarge => Err(Refused::OutputTooLarge { limit }),
            Reply::Broken => Err(self.died(worker, job).await),
        }
    }

    /// Why a worker that closed its end died, from its exit status (awaited within the job's deadline).
    async fn died(&self, mut worker: Worker, job: &Job) -> Refused {
        match worker.child.wait().await {
            Ok(status) if killed_for_cpu_time(status) => self.deadline_passed(),
            status => {
                tracing::warn!(job = job.name, ?status, "a work process failed");
                Refused::Failed
            }
        }
    }

    /// How many worker processes were started since the start (tests count them).
    #[cfg(test)]
    fn workers_started(&self) -> u64 {
        self.workers.started.load(Ordering::Relaxed)
    }
}

/// Jobs a worker serves before it is replaced, to bound the fragmentation (and anything a job leaks) that builds
/// up in one long-lived process.
const WORKER_JOBS: u32 = 10_000;

/// CPU seconds a worker may use in its whole life: its hard `RLIMIT_CPU`, which cannot be raised again.
const WORKER_CPU_SECONDS: u64 = 60;

/// CPU seconds a job may use past its budget before the soft `RLIMIT_CPU` ends its worker.
const CPU_SLACK_SECONDS: u64 = 2;

/// A job's request header: budget in milliseconds (u64), input length (u64), name length (u32), little-endian.
const REQUEST_HEADER: usize = 20;

/// An answer's header: flags (u8), then the answer's length (u64, little-endian).
const ANSWER_HEADER: usize = 9;

/// The answer flag of a worker that exits after this answer.
const RETIRING: u8 = 1;

/// Answers up to this many bytes are copied behind their header to be sent in one write.
const SMALL_ANSWER: usize = 64 * 1024;

/// The longest job name a worker reads.
const MAX_JOB_NAME: usize = 256;

/// The environment variable that tells a worker its address-space limit, in bytes.
const MEMORY_VARIABLE: &str = "DEVTOOLS_WORK_MEMORY";

/// The environment variable that tells a worker the largest answer it may send, in bytes.
const OUTPUT_VARIABLE: &str = "DEVTOOLS_WORK_MAX_OUTPUT";

/// One job's request as a worker reads it: header, job name, JSON input. The input is serialised straight into
/// the frame, and the budget, known only once a slot is free, is written in last.
struct Frame {
    bytes: Vec<u8>,
    input_at: usize,
}

impl Frame {
    fn new<I: Serialize + ?Sized>(name: &str, input: &I) -> Result<Frame, serde_json::Error> {
        let mut bytes = Vec::with_capacity(REQUEST_HEADER + name.len() + 256);
        bytes.resize(REQUEST_HEADER, 0);
        bytes.extend_from_slice(name.as_bytes());
        let input_at = bytes.len();
        serde_json::to_writer(&mut bytes, input)?;
        let input_len = (bytes.len() - input_at) as u64;
        bytes[8..16].copy_from_slice(&input_len.to_le_bytes());
        let name_len = u32::try_from(name.len()).unwrap_or(u32::MAX);
        bytes[16..20].copy_from_slice(&name_len.to_le_bytes());
        Ok(Frame { bytes, input_at })
    }

    fn input(&self) -> &[u8] {
        &self.bytes[self.input_at..]
    }

    fn with_budget(&mut self, budget: Duration) -> &[u8] {
        let millis = u64::try_from(budget.as_millis()).unwrap_or(u64::MAX);
        self.bytes[..8].copy_from_slice(&millis.to_le_bytes());
        &self.bytes
    }
}

/// What came back from a worker.
enum Reply {
    /// A whole answer; `retiring` when the worker exits after it.
    Answer { bytes: Vec<u8>, retiring: bool },
    /// An answer over the limit, left unread.
    TooLarge,
    /// The stream ended or failed before a whole answer.
    Broken,
}

/// A worker process and its end of the pipes. Dropping it kills the process (`kill_on_drop`).
#[derive(Debug)]
struct Worker {
    child: tokio::process::Child,
    stdin: tokio::process::ChildStdin,
    stdout: tokio::io::BufReader<tokio::process::ChildStdout>,
    /// Jobs answered so far.
    jobs: u32,
}

impl Worker {
    /// Sends a request; false when the worker is gone (its input closed).
    async fn send(&mut self, request: &[u8]) -> bool {
        self.stdin.write_all(request).await.is_ok()
    }

    /// Reads the answer to the request sent. A worker that died closes its output: the read ends early, and its
    /// exit status says why.
    async fn receive(&mut self, limit: usize) -> Reply {
        let mut header = [0; ANSWER_HEADER];
        if self.stdout.read_exact(&mut header).await.is_err() {
            return Reply::Broken;
        }
        let mut len = [0; 8];
        len.copy_from_slice(&header[1..]);
        let len = u64::from_le_bytes(len);
        let Some(len) = usize::try_from(len).ok().filter(|&len| len <= limit) else {
            return Reply::TooLarge;
        };
        let mut bytes = vec![0; len];
        if self.stdout.read_exact(&mut bytes).await.is_err() {
            return Reply::Broken;
        }
        Reply::Answer { bytes, retiring: header[0] & RETIRING != 0 }
    }
}

/// The idle workers. Each is owned by one slot at a time, so together with the busy ones there are never more
/// than the slots.
#[derive(Debug, Default)]
struct Workers {
    idle: std::sync::Mutex<Vec<Worker>>,
    started: AtomicU64,
}

impl Workers {
    /// The most recently used idle worker that is still alive (one can be killed from outside while idle).
    fn idle(&self) -> Option<Worker> {
        let mut idle = self.idle.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        while let Some(mut worker) = idle.pop() {
            if matches!(worker.child.try_wait(), Ok(None)) {
                return Some(worker);
            }
        }
        None
    }

    fn put_back(&self, worker: Worker) {
        self.idle.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(worker);
    }

    fn start(&self, isolation: &Isolation, limits: &WorkLimits) -> Result<Worker, std::io::Error> {
        let mut child = tokio::process::Command::new(&isolation.program)
            .args(&isolation.args)
            .envs(isolation.env.iter().map(|(key, value)| (key, value)))
            .env(MEMORY_VARIABLE, limits.isolated_memory.to_string())
            .env(OUTPUT_VARIABLE, limits.max_output.to_string())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(std::io::Error::other("a work process without pipes"));
        };
        self.started.fetch_add(1, Ordering::Relaxed);
        tracing::debug!(pid = child.id(), "started a work process");
        Ok(Worker { child, stdin, stdout: tokio::io::BufReader::new(stdout), jobs: 0 })
    }
}

#[cfg(unix)]
fn killed_for_cpu_time(status: std::process::ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt;
    // SIGXCPU at the soft CPU limit, SIGKILL at the hard one.
    matches!(status.signal(), Some(24 | 9))
}

#[cfg(not(unix))]
fn killed_for_cpu_time(_: std::process::ExitStatus) -> bool {
    false
}

/// The worker's side of [`Work::isolated`]: limits its own memory, CPU time and priority, then serves jobs from
/// standard input one after another until that input ends, answering each on standard output. Returns the
/// process exit code: 0 when its input ended (or it retired), 2 for a request it cannot serve (an unknown job,
/// an input over `max_input` bytes, a broken frame), after which its stream is out of step.
///
/// A request is a 20-byte header (the job's budget in milliseconds as a u64, the input's length as a u64, the
/// name's length as a u32, all little-endian), the job's name, then its input. An answer is a 9-byte header (a
/// flags byte, 1 = this worker exits after this answer; the answer's length as a little-endian u64), then the
/// answer, left out when it is longer than the limit the parent set (`DEVTOOLS_WORK_MAX_OUTPUT`), which the
/// parent reads as [`Refused::OutputTooLarge`]. The address-space limit comes from `DEVTOOLS_WORK_MEMORY`.
pub fn serve_jobs(jobs: &[Job], max_input: usize) -> i32 {
    use std::os::fd::AsFd as _;
    // Straight to the descriptors: `Stdout` is line-buffered, which would split answers at their newlines.
    let (Ok(input), Ok(output)) = (
        std::io::stdin().as_fd().try_clone_to_owned(),
        std::io::stdout().as_fd().try_clone_to_owned(),
    ) else {
        return 2;
    };
    let input = std::io::BufReader::with_capacity(64 * 1024, std::fs::File::from(input));
    serve_limited(jobs, max_input, input, std::fs::File::from(output))
}

/// [`serve_jobs`] on any pair of streams, with the process limits set.
fn serve_limited(jobs: &[Job], max_input: usize, input: impl Read, output: impl Write) -> i32 {
    let memory = std::env::var(MEMORY_VARIABLE).ok().and_then(|m| m.parse().ok());
    let max_output = std::env::var(OUTPUT_VARIABLE)
        .ok()
        .and_then(|m| m.parse().ok())
        .unwrap_or(WorkLimits::default().max_output);
    let cpu = limit_this_process(memory);
    serve_on(jobs, (max_input, max_output), Some(&cpu), input, output)
}

/// The loop of [`serve_jobs`]: `limits` are the largest input and answer; `cpu` sets the per-job CPU limit (none
/// in the tests that run this loop inside the test process).
fn serve_on(
    jobs: &[Job],
    (max_input, max_output): (usize, usize),
    cpu: Option<&CpuLimit>,
    mut input: impl Read,
    mut output: impl Write,
) -> i32 {
    // The longest budget seen: the next job's is no longer (each is what is left of the same deadline).
    let mut longest = Duration::ZERO;
    let mut answer = Vec::new();
    loop {
        let mut header = [0; REQUEST_HEADER];
        match input.read_exact(&mut header) {
            Ok(()) => {}
            // The parent closed the stream: the pool is gone or retired this worker.
            Err(error) if error.kind() == std::io::ErrorKind::UnexpectedEof => return 0,
            Err(_) => return 2,
        }
        let field = |range: std::ops::Range<usize>| {
            let mut bytes = [0; 8];
            bytes[..range.len()].copy_from_slice(&header[range]);
            u64::from_le_bytes(bytes)
        };
        let budget = Duration::from_millis(field(0..8));
        let (Ok(input_len), Ok(name_len)) =
            (usize::try_from(field(8..16)), usize::try_from(field(16..20)))
        else {
            return 2;
        };
        if name_len > MAX_JOB_NAME || input_len > max_input {
            return 2;
        }
        let mut name = vec![0; name_len];
        let mut job_input = vec![0; input_len];
        if input.read_exact(&mut name).and_then(|()| input.read_exact(&mut job_input)).is_err() {
            return 2;
        }
        let Some(job) = jobs.iter().find(|job| job.name.as_bytes() == name) else { return 2 };
        longest = longest.max(budget);
        let counted = cpu.is_none_or(|cpu| cpu.before_job(budget));
        let deadline = Deadline::after(budget);
        let body = (job.run)(&job_input, deadline);
        drop(job_input);
        let retiring = !counted || cpu.is_some_and(|cpu| !cpu.room_for(longest));
        let mut header = [0; ANSWER_HEADER];
        header[0] = if retiring { RETIRING } else { 0 };
        header[1..].copy_from_slice(&(body.len() as u64).to_le_bytes());
        let body = if body.len() <= max_output { body.as_slice() } else { &[] };
        // A small answer goes out in one write with its header; a large one is not copied for that.
        let sent = if body.len() <= SMALL_ANSWER {
            answer.clear();
            answer.extend_from_slice(&header);
            answer.extend_from_slice(body);
            output.write_all(&answer)
        } else {
            output.write_all(&header).and_then(|()| output.write_all(body))
        };
        if sent.and_then(|()| output.flush()).is_err() {
            return 2;
        }
        if retiring {
            return 0;
        }
    }
}

/// Sets the limits of a worker process that last its whole life (address space, the lifetime CPU total, a lower
/// priority) and returns what sets its per-job CPU limit.
fn limit_this_process(memory: Option<u64>) -> CpuLimit {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
        if let Some(bytes) = memory {
            let _ = setrlimit(Resource::As, Rlimit { current: Some(bytes), maximum: Some(bytes) });
        }
        let _ = rustix::process::setpriority_process(None, WORK_NICENESS);
        // A hard limit can be lowered but not raised again: it is set once, for the worker's life.
        let hard = getrlimit(Resource::Cpu)
            .maximum
            .map_or(WORKER_CPU_SECONDS, |inherited| inherited.min(WORKER_CPU_SECONDS));
        let _ = setrlimit(Resource::Cpu, Rlimit { current: Some(hard), maximum: Some(hard) });
        CpuLimit { hard, stat: std::fs::File::open("/proc/self/stat").ok() }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = memory;
        CpuLimit
    }
}

/// The per-job CPU backstop of a worker. `RLIMIT_CPU` counts the CPU time of the process's whole life, so a fixed
/// limit would either starve later jobs or give a runaway job all the time earlier jobs left unused. Before each
/// job the soft limit is moved to the CPU used so far plus the job's budget plus [`CPU_SLACK_SECONDS`]: a job that
/// runs away is ended by `SIGXCPU` at most that long after it started, whatever ran before it. The CPU used is
/// read from `/proc/self/stat` (utime + stime of all threads, in clock ticks), kept open and read again per job.
/// Where it cannot be read, the worker serves that one job with its used time counted as zero (the job's budget
/// then includes the worker's start, as when each job had its own process) and retires.
#[cfg(target_os = "linux")]
struct CpuLimit {
    hard: u64,
    stat: Option<std::fs::File>,
}

#[cfg(target_os = "linux")]
impl CpuLimit {
    /// Sets the soft limit for a job with this budget; false when the CPU used could not be read (then this
    /// must be the worker's last job).
    fn before_job(&self, budget: Duration) -> bool {
        use rustix::process::{Resource, Rlimit, setrlimit};
        let used = self.used();
        let soft = soft_cpu_limit(used.unwrap_or(Duration::ZERO), budget).min(self.hard);
        let _ = setrlimit(Resource::Cpu, Rlimit { current: Some(soft), maximum: Some(self.hard) });
        used.is_some()
    }

    /// Whether a job with this budget, started now, would still get its whole budget and slack under the hard
    /// limit.
    fn room_for(&self, budget: Duration) -> bool {
        self.used().is_some_and(|used| soft_cpu_limit(used, budget) < self.hard)
    }

    fn used(&self) -> Option<Duration> {
        use std::os::unix::fs::FileExt as _;
        let mut buffer = [0; 1024];
        let read = self.stat.as_ref()?.read_at(&mut buffer, 0).ok()?;
        cpu_time_in_stat(buffer.get(..read)?)
    }
}

#[cfg(not(target_os = "linux"))]
struct CpuLimit;

#[cfg(not(target_os = "linux"))]
impl CpuLimit {
    fn before_job(&self, _: Duration) -> bool {
        true
    }

    fn room_for(&self, _: Duration) -> bool {
        true
    }
}

/// The soft CPU limit, in whole seconds, for a job with this budget after `used` CPU time: rounded up, plus the
/// slack.
fn soft_cpu_limit(used: Duration, budget: Duration) -> u64 {
    let millis = (used + budget).as_millis().div_ceil(1000);
    u64::try_from(millis).unwrap_or(u64::MAX).saturating_add(CPU_SLACK_SECONDS)
}

/// The user plus system time in a `/proc/PID/stat` line (fields 14 and 15, in ticks of 1/100 s: Linux's fixed
/// `USER_HZ`). The command name in parentheses may hold spaces and parentheses itself, so fields are counted
/// from the last `)`.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn cpu_time_in_stat(stat: &[u8]) -> Option<Duration> {
    let after_name = &stat[stat.iter().rposition(|&byte| byte == b')')? + 1..];
    let mut fields = std::str::from_utf8(after_name).ok()?.split_ascii_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis(user.saturating_add(system).saturating_mul(10)))
}

/// Gives the calling thread a lower priority. On Linux `setpriority(PRIO_PROCESS, tid)` applies to one thread.
fn lower_priority_of_this_thread() {
    #[cfg(target_os = "linux")]
    {
        let tid = rustix::thread::gettid();
        let _ = rustix::process::setpriority_process(Some(tid), WORK_NICENESS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small(threads: usize, queue: usize, deadline: Duration) -> Work {
        let limits = WorkLimits { threads, queue, deadline, ..WorkLimits::default() };
        Work::new(limits, None, Vec::new()).unwrap()
    }

    #[tokio::test]
    async fn a_job_runs_off_the_caller_and_answers() {
        let work = small(1, 0, Duration::from_secs(5));
        let caller = std::thread::current().id();
        let (value, thread) = work.run(|_| (6 * 7, std::thread::current().id())).await.unwrap();
        assert_eq!(value, 42);
        assert_ne!(thread, caller);
        assert_eq!(work.load().admitted, 0);
    }

    #[tokio::test]
    async fn past_threads_and_queue_the_next_job_is_refused_as_busy() {
        let work = Arc::new(small(1, 1, Duration::from_secs(5)));
        let (release, released) = std::sync::mpsc::channel::<()>();
        let released = Arc::new(std::sync::Mutex::new(released));
        let hold = |released: Arc<std::sync::Mutex<std::sync::mpsc::Receiver<()>>>| {
            move |_: Deadline| {
                let _ = released.lock().unwrap().recv();
            }
        };
        let first = tokio::spawn({
            let work = Arc::clone(&work);
            let job = hold(Arc::clone(&released));
            async move { work.run(job).await }
        });
        let second = tokio::spawn({
            let work = Arc::clone(&work);
            let job = hold(Arc::clone(&released));
            async move { work.run(job).await }
        });
        while work.load().admitted < 2 {
            tokio::task::yield_now().await;
        }
        assert_eq!(work.load().admitted, work.load().capacity, "full");
        assert_eq!(work.run(|_| ()).await, Err(Refused::Busy { retry_after: 1 }));
        release.send(()).unwrap();
        release.send(()).unwrap();
        assert_eq!(first.await.unwrap(), Ok(()));
        assert_eq!(second.await.unwrap(), Ok(()));
        assert_eq!(work.run(|_| 1).await, Ok(1));
        assert_eq!(work.load().refused_busy, 1);
    }

    #[tokio::test]
    async fn a_job_that_ignores_its_deadline_is_abandoned_but_keeps_its_place() {
        let work = small(1, 0, Duration::from_millis(20));
        let (release, released) = std::sync::mpsc::channel::<()>();
        let outcome = work
            .run(move |_| {
                let _ = released.recv();
            })
            .await;
        assert_eq!(outcome, Err(Refused::Deadline { budget: Duration::from_millis(20) }));
        // Still running: no room for another job until it returns.
        assert_eq!(work.load().admitted, 1);
        assert!(matches!(work.run(|_| ()).await, Err(Refused::Busy { .. })));
        release.send(()).unwrap();
        while work.load().admitted > 0 {
            tokio::task::yield_now().await;
        }
        assert_eq!(work.run(|_| 2).await, Ok(2));
    }

    #[tokio::test]
    async fn a_job_sees_its_deadline() {
        // Read at once rather than waited out: a job thread runs at a lower priority, and on a loaded test machine
        // one that waits out a short deadline can be starved past the slack (a flaky failure, seen).
        let work = small(1, 0, Duration::from_secs(5));
        let (expired, remaining) =
            work.run(|deadline| (deadline.expired(), deadline.remaining())).await.unwrap();
        assert!(!expired);
        assert!(
            remaining <= Duration::from_secs(5) && remaining > Duration::from_secs(3),
            "{remaining:?}"
        );
    }

    #[test]
    fn the_expected_wait_counts_the_jobs_ahead_at_the_average_time() {
        let time = JobTime::default();
        assert_eq!(time.expected_wait(100, 2), Duration::ZERO, "nothing measured yet");
        time.record(Duration::from_millis(100));
        // Four admitted on two threads: three are ahead of a new job once a thread frees, 3 × 100 ms over 2.
        assert_eq!(time.expected_wait(0, 2), Duration::ZERO);
        assert_eq!(time.expected_wait(1, 2), Duration::ZERO);
        assert_eq!(time.expected_wait(4, 2), Duration::from_millis(150));
        time.record(Duration::from_millis(900));
        assert_eq!(time.expected_wait(3, 1), Duration::from_millis(600));
    }

    #[tokio::test]
    async fn jobs_that_would_wait_past_half_their_deadline_are_refused_at_once() {
        let work = Arc::new(small(1, 100, Duration::from_millis(400)));
        work.job_time.record(Duration::from_millis(150));
        let (release, released) = std::sync::mpsc::channel::<()>();
        let running = tokio::spawn({
            let work = Arc::clone(&work);
            async move {
                work.run(move |_| {
                    let _ = released.recv();
                })
                .await
            }
        });
        while work.load().admitted < 1 {
            tokio::task::yield_now().await;
        }
        // One job ahead at 150 ms fits half of 400 ms; two ahead would not.
        let second = tokio::spawn({
            let work = Arc::clone(&work);
            async move { work.run(|_| ()).await }
        });
        while work.load().admitted < 2 {
            tokio::task::yield_now().await;
        }
        assert_eq!(work.run(|_| ()).await, Err(Refused::Busy { retry_after: 1 }));
        release.send(()).unwrap();
        assert_eq!(running.await.unwrap(), Ok(()));
        assert_eq!(second.await.unwrap(), Ok(()));
    }

    fn double(input: &[u8], deadline: Deadline) -> Vec<u8> {
        Job::answer(input, deadline, |n: u64, _| n * 2)
    }

    #[tokio::test]
    async fn isolated_jobs_run_in_process_without_an_isolation_command() {
        let job = Job { name: "test/double", run: double };
        let work = Work::new(WorkLimits::default(), None, vec![job]).unwrap();
        let answer: u64 = work.isolated(&job, &21u64).await.unwrap();
        assert_eq!(answer, 42);
        let limits = WorkLimits { max_output: 1, ..WorkLimits::default() };
        let work = Work::new(limits, None, vec![job]).unwrap();
        assert_eq!(
            work.isolated::<_, u64>(&job, &21u64).await,
            Err(Refused::OutputTooLarge { limit: 1 })
        );
    }

    #[tokio::test]
    async fn a_worker_that_never_answers_is_killed_at_the_deadline() {
        // `sleep 30` reads no request and writes no answer: a stand-in for a worker stuck in its job.
        let isolation =
            Isolation { program: "sleep".into(), args: vec!["30".into()], env: Vec::new() };
        let job = Job { name: "test/double", run: double };
        let limits = WorkLimits { deadline: Duration::from_millis(50), ..WorkLimits::default() };
        let work = Work::new(limits, Some(isolation), vec![job]).unwrap();
        let unlisted = Job { name: "test/unlisted", run: double };
        assert_eq!(work.isolated::<_, u64>(&unlisted, &1u64).await, Err(Refused::Failed));
        let outcome = work.isolated::<_, u64>(&job, &1u64).await;
        assert_eq!(outcome, Err(Refused::Deadline { budget: Duration::from_millis(50) }));
        assert_eq!(work.load().isolated_admitted, 0);
        assert!(work.workers.idle().is_none(), "the killed worker is not kept");
    }

    // The pool tests run real worker processes: this test binary itself, started with a filter that runs only
    // `worker_process` below. libtest writes its own lines to standard output, so the worker answers on
    // descriptor 3, which `sh` points at the pipe the parent reads, and libtest's standard output is discarded.
    const WORKER_VARIABLE: &str = "DEVTOOLS_TEST_WORK_WORKER";

    fn pid(input: &[u8], deadline: Deadline) -> Vec<u8> {
        Job::answer(input, deadline, |(): (), _| std::process::id())
    }

    fn sleep_then_pid(input: &[u8], deadline: Deadline) -> Vec<u8> {
        Job::answer(input, deadline, |millis: u64, _| {
            std::thread::sleep(Duration::from_millis(millis));
            std::process::id()
        })
    }

    fn abort(_: &[u8], _: Deadline) -> Vec<u8> {
        std::process::abort()
    }

    fn long_answer(input: &[u8], deadline: Deadline) -> Vec<u8> {
        Job::answer(input, deadline, |len: usize, _| "x".repeat(len))
    }

    fn allocate(input: &[u8], deadline: Deadline) -> Vec<u8> {
        Job::answer(input, deadline, |bytes: usize, _| {
            let block = vec![1u8; bytes];
            block.iter().map(|&byte| usize::from(byte)).sum::<usize>()
        })
    }

    /// The worker's CPU limits (soft, hard) while it runs this job.
    fn cpu_limits(input: &[u8], deadline: Deadline) -> Vec<u8> {
        Job::answer(input, deadline, |(): (), _| {
            let limit = rustix::process::getrlimit(rustix::process::Resource::Cpu);
            (limit.current, limit.maximum)
        })
    }

    const PID: Job = Job { name: "test/pid", run: pid };
    const ALLOCATE: Job = Job { name: "test/allocate", run: allocate };
    const CPU_LIMITS: Job = Job { name: "test/cpu-limits", run: cpu_limits };
    const SLEEP: Job = Job { name: "test/sleep", run: sleep_then_pid };
    const ABORT: Job = Job { name: "test/abort", run: abort };
    const LONG: Job = Job { name: "test/long", run: long_answer };
    const DOUBLE: Job = Job { name: "test/double", run: double };
    const TEST_JOBS: &[Job] = &[PID, SLEEP, ABORT, LONG, DOUBLE, ALLOCATE, CPU_LIMITS];

    #[test]
    #[ignore = "the worker process of the pool tests, which start it themselves"]
    fn worker_process() {
        if std::env::var_os(WORKER_VARIABLE).is_none() {
            return;
        }
        let input = std::io::BufReader::new(std::io::stdin());
        let output = std::fs::OpenOptions::new().write(true).open("/proc/self/fd/3").unwrap();
        std::process::exit(serve_limited(TEST_JOBS, 1024 * 1024, input, output));
    }

    fn test_workers(limits: WorkLimits) -> Work {
        let exe = std::env::current_exe().unwrap();
        let script = "exec \"$0\" work::tests::worker_process --exact --ignored --test-threads=1 3>&1 1>/dev/null";
        let isolation = Isolation {
            program: "sh".into(),
            args: vec!["-c".into(), script.into(), exe.into()],
            env: vec![(WORKER_VARIABLE.into(), "1".into())],
        };
        Work::new(limits, Some(isolation), TEST_JOBS.to_vec()).unwrap()
    }

    async fn pid_of(work: &Work) -> u32 {
        work.isolated(&PID, &()).await.unwrap()
    }

    fn alive(pid: u32) -> bool {
        // A killed worker may stay a zombie until tokio reaps it.
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .is_ok_and(|stat| !stat.rsplit(')').next().unwrap_or("").trim_start().starts_with('Z'))
    }

    async fn gone(pid: u32) -> bool {
        for _ in 0..100 {
            if !alive(pid) {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        false
    }

    #[tokio::test]
    async fn a_worker_serves_job_after_job() {
        let work = test_workers(WorkLimits { isolated: 2, ..WorkLimits::default() });
        let first = pid_of(&work).await;
        assert_ne!(first, std::process::id());
        for _ in 0..20 {
            assert_eq!(pid_of(&work).await, first);
        }
        let doubled: u64 = work.isolated(&DOUBLE, &21u64).await.unwrap();
        assert_eq!(doubled, 42);
        assert_eq!(work.workers_started(), 1);
        assert_eq!(work.load().isolated_admitted, 0);
    }

    #[tokio::test]
    async fn a_job_that_overruns_is_killed_with_its_worker_and_the_next_job_gets_a_fresh_one() {
        let limits = WorkLimits { deadline: Duration::from_millis(300), ..WorkLimits::default() };
        let work = test_workers(limits);
        let first = pid_of(&work).await;
        let outcome = work.isolated::<_, u32>(&SLEEP, &10_000u64).await;
        assert_eq!(outcome, Err(Refused::Deadline { budget: Duration::from_millis(300) }));
        assert_eq!(work.load().refused_deadline, 1);
        assert!(gone(first).await, "the overrunning worker was killed");
        let second = pid_of(&work).await;
        assert_ne!(second, first);
        assert_eq!(work.workers_started(), 2);
    }

    #[tokio::test]
    async fn a_worker_that_dies_fails_its_job_and_is_replaced() {
        let work = test_workers(WorkLimits::default());
        let first = pid_of(&work).await;
        assert_eq!(work.isolated::<_, u32>(&ABORT, &()).await, Err(Refused::Failed));
        let second = pid_of(&work).await;
        assert_ne!(second, first);
        // Killed from outside while idle: noticed before it is given a job.
        assert!(
            std::process::Command::new("kill")
                .args(["-9", &second.to_string()])
                .status()
                .unwrap()
                .success()
        );
        // Waits until it can be reaped: the test worker (libtest) has threads, and a process whose threads are
        // still exiting shows as a zombie before `waitpid` reports it.
        let until = Instant::now() + Duration::from_secs(5);
        loop {
            let reapable = work.workers.idle.lock().unwrap()[0].child.try_wait().unwrap().is_some();
            if reapable || Instant::now() > until {
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let third = pid_of(&work).await;
        assert_ne!(third, second);
        assert_eq!(work.workers_started(), 3);
    }

    #[tokio::test]
    async fn a_worker_over_its_memory_limit_fails_its_job_and_is_replaced() {
        let limits = WorkLimits { isolated_memory: 1024 * 1024 * 1024, ..WorkLimits::default() };
        let work = test_workers(limits);
        let sum: usize = work.isolated(&ALLOCATE, &(1024 * 1024)).await.unwrap();
        assert_eq!(sum, 1024 * 1024);
        let first = pid_of(&work).await;
        let outcome = work.isolated::<_, usize>(&ALLOCATE, &(2 * 1024 * 1024 * 1024usize)).await;
        assert_eq!(outcome, Err(Refused::Failed));
        assert_ne!(pid_of(&work).await, first);
    }

    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn each_job_gets_its_budget_of_cpu_time_on_top_of_what_the_worker_used() {
        let work =
            test_workers(WorkLimits { deadline: Duration::from_secs(2), ..WorkLimits::default() });
        for _ in 0..3 {
            let (soft, hard): (Option<u64>, Option<u64>) =
                work.isolated(&CPU_LIMITS, &()).await.unwrap();
            // A fresh worker has used well under a second: its 2 s budget rounded up, plus 2 s.
            assert!(matches!(soft, Some(4 | 5)), "{soft:?}");
            assert!(hard.is_some_and(|hard| hard <= WORKER_CPU_SECONDS), "{hard:?}");
        }
        assert_eq!(work.workers_started(), 1);
    }

    #[tokio::test]
    async fn jobs_run_at_once_up_to_the_slot_count_each_on_its_own_worker() {
        let work = test_workers(WorkLimits { isolated: 2, ..WorkLimits::default() });
        let started = Instant::now();
        let (a, b) = tokio::join!(
            work.isolated::<_, u32>(&SLEEP, &400u64),
            work.isolated::<_, u32>(&SLEEP, &400u64)
        );
        let (first, second) = (a.unwrap(), b.unwrap());
        assert_ne!(first, second);
        assert!(started.elapsed() < Duration::from_millis(790), "{:?}", started.elapsed());
        // A third job at once waits for a slot: never a third worker.
        let (a, b, c) = tokio::join!(
            work.isolated::<_, u32>(&SLEEP, &100u64),
            work.isolated::<_, u32>(&SLEEP, &100u64),
            work.isolated::<_, u32>(&SLEEP, &100u64)
        );
        for pid in [a.unwrap(), b.unwrap(), c.unwrap()] {
            assert!(pid == first || pid == second, "{pid}");
        }
        assert_eq!(work.workers_started(), 2);
        assert_eq!(work.load().isolated_admitted, 0);
    }

    #[tokio::test]
    async fn an_answer_over_the_limit_is_refused_and_its_worker_discarded() {
        let work = test_workers(WorkLimits { max_output: 200_000, ..WorkLimits::default() });
        let first = pid_of(&work).await;
        // Small answers go out in one write with their header, large ones in two.
        for len in [990, 199_990] {
            let fits: String = work.isolated(&LONG, &len).await.unwrap();
            assert_eq!(fits.len(), len);
        }
        assert_eq!(pid_of(&work).await, first);
        let outcome = work.isolated::<_, String>(&LONG, &300_000usize).await;
        assert_eq!(outcome, Err(Refused::OutputTooLarge { limit: 200_000 }));
        assert!(gone(first).await);
        assert_ne!(pid_of(&work).await, first);
    }

    #[tokio::test]
    async fn an_input_over_the_limit_is_not_sent() {
        let work = test_workers(WorkLimits { max_input: 10, ..WorkLimits::default() });
        assert_eq!(
            work.isolated::<_, u64>(&DOUBLE, &12_345_678_901u64).await,
            Err(Refused::Failed)
        );
        assert_eq!(work.workers_started(), 0);
        assert_eq!(work.isolated::<_, u64>(&DOUBLE, &21u64).await, Ok(42));
    }

    #[tokio::test]
    async fn a_request_dropped_mid_job_takes_its_worker_with_it() {
        let work = test_workers(WorkLimits::default());
        let first = pid_of(&work).await;
        let dropped = tokio::time::timeout(
            Duration::from_millis(100),
            work.isolated::<_, u32>(&SLEEP, &300u64),
        )
        .await;
        assert!(dropped.is_err());
        assert_eq!(work.load().isolated_admitted, 0);
        assert!(gone(first).await, "the worker of the dropped request was killed");
        // The next job does not read the dropped job's answer.
        let doubled: u64 = work.isolated(&DOUBLE, &4u64).await.unwrap();
        assert_eq!(doubled, 8);
    }

    #[tokio::test]
    async fn a_worker_retires_after_its_jobs_and_workers_die_with_the_pool() {
        let mut work = test_workers(WorkLimits::default());
        work.retire_after = 3;
        let first = pid_of(&work).await;
        assert_eq!(pid_of(&work).await, first);
        assert_eq!(pid_of(&work).await, first);
        assert!(gone(first).await, "retired after its third job");
        let second = pid_of(&work).await;
        assert_ne!(second, first);
        drop(work);
        assert!(gone(second).await, "an idle worker is killed with the pool");
    }

    #[test]
    fn a_worker_serves_frames_until_its_input_ends() {
        let mut request = Vec::new();
        for n in [21u64, 5] {
            let mut frame = Frame::new("test/double", &n).unwrap();
            request.extend_from_slice(frame.with_budget(Duration::from_secs(1)));
        }
        let mut answers = Vec::new();
        assert_eq!(serve_on(TEST_JOBS, (100, 100), None, request.as_slice(), &mut answers), 0);
        assert_eq!(
            answers,
            [&[0, 2, 0, 0, 0, 0, 0, 0, 0][..], b"42", &[0, 2, 0, 0, 0, 0, 0, 0, 0], b"10"].concat()
        );
        // An unknown job or an input over the limit ends the worker: its stream is out of step.
        let mut unknown = Frame::new("test/unknown", &1u64).unwrap();
        let mut answers = Vec::new();
        let unknown = unknown.with_budget(Duration::ZERO);
        assert_eq!(serve_on(TEST_JOBS, (100, 100), None, unknown, &mut answers), 2);
        let mut long = Frame::new("test/double", &"x".repeat(200)).unwrap();
        let long = long.with_budget(Duration::ZERO);
        assert_eq!(serve_on(TEST_JOBS, (100, 100), None, long, &mut answers), 2);
        assert!(answers.is_empty());
        // An answer over the limit: its header alone.
        let mut over = Frame::new("test/long", &101usize).unwrap();
        let over = over.with_budget(Duration::ZERO);
        assert_eq!(serve_on(TEST_JOBS, (100, 100), None, over, &mut answers), 0);
        assert_eq!(answers, [0, 103, 0, 0, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn the_cpu_limit_follows_the_time_used() {
        assert_eq!(soft_cpu_limit(Duration::ZERO, Duration::from_secs(2)), 4);
        assert_eq!(soft_cpu_limit(Duration::from_millis(10), Duration::from_secs(2)), 5);
        assert_eq!(soft_cpu_limit(Duration::from_millis(41_500), Duration::from_millis(1_999)), 46);
        let stat = b"1234 (a) b (c) R 1 2 3 4 5 6 7 8 9 10 250 130 0 0 20 0 1";
        assert_eq!(cpu_time_in_stat(stat), Some(Duration::from_millis(3800)));
        assert_eq!(cpu_time_in_stat(b"1234 (cut"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_cpu_used_is_read_again_per_job() {
        let cpu = CpuLimit {
            hard: WORKER_CPU_SECONDS,
            stat: std::fs::File::open("/proc/self/stat").ok(),
        };
        let before = cpu.used().unwrap();
        let spin = Instant::now();
        while spin.elapsed() < Duration::from_millis(60) {
            std::hint::spin_loop();
        }
        assert!(cpu.used().unwrap() > before);
        assert!(cpu.room_for(Duration::from_secs(2)));
    }
}
