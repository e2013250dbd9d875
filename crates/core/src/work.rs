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
//!   text inside one step) runs with [`Work::isolated`] in a child process with CPU-time and address-space
//!   limits, which is killed at the deadline: the only way to really stop such work, since threads cannot be
//!   killed. Its answer is capped at [`WorkLimits::max_output`] bytes.
//!
//! The host sets the limits ([`WorkLimits`]) and, for isolation, the command that runs a job in a child
//! ([`Isolation`]). Without one (handler tests that build a router with no binary around them) isolated jobs run
//! on the pool in-process, with the same deadline and output budget but without the kill.

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
    /// Child processes that may run isolated jobs at once. Default: the number of CPUs.
    pub isolated: usize,
    /// Isolated jobs that may wait for a child slot at most; more are refused. Default: 64. The same expected-wait
    /// rule as for [`WorkLimits::queue`] applies.
    pub isolated_queue: usize,
    /// Wall-clock budget of one job, from admission to answer. Default: [`DEFAULT_DEADLINE`](crate::DEFAULT_DEADLINE),
    /// 2 s.
    pub deadline: Duration,
    /// Address-space limit of a child process, in bytes (`RLIMIT_AS`). Default: 512 MiB.
    pub isolated_memory: u64,
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
            max_output: 16 * 1024 * 1024,
        }
    }
}

/// How to start a child process that runs one isolated job: `program args… JOB-NAME MILLIS`, the job's input on
/// standard input, its answer on standard output. The host passes its own binary with a hidden subcommand that
/// calls [`serve_job`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Isolation {
    /// The executable.
    pub program: PathBuf,
    /// Arguments before the job name.
    pub args: Vec<OsString>,
    /// Environment variables set for the child (the host's allocator settings, say).
    pub env: Vec<(OsString, OsString)>,
}

/// A job that can run in a child process: a name (namespaced by the tool's slug, `regex/fancy`) and a function
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
    /// Every thread (or child slot) is busy and the queue is full: try again shortly.
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
            Refused::Deadline { budget } => write!(
                f,
                "This input needs more than the {} s this server gives one request; it was stopped.",
                budget.as_secs_f64()
            ),
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

/// How much lower than the async workers the work threads and child processes run (a `nice` increment), so the
/// scheduler prefers the threads that answer cheap requests whenever both want a CPU.
const WORK_NICENESS: i32 = 10;

/// How long past its deadline a job's answer is still awaited: the time to notice the deadline, stop and reply.
const DEADLINE_SLACK: Duration = Duration::from_millis(50);

impl Work {
    /// A pool with these limits. `jobs` are the isolated jobs the tools offer; `isolation` the command that runs
    /// one in a child process (`None`: run them in-process).
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

    /// Whether a new job would be admitted now (the readiness probe).
    pub fn ready(&self) -> bool {
        let load = self.load();
        load.admitted < load.capacity && load.isolated_admitted < load.isolated_capacity
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

    /// Runs the isolated job `job` (one of the jobs given to [`Work::new`]) on `input`, in a child process killed
    /// at the deadline, and decodes its JSON answer.
    pub async fn isolated<I, O>(&self, job: &Job, input: &I) -> Result<O, Refused>
    where
        I: Serialize + ?Sized,
        O: DeserializeOwned + Send + 'static,
    {
        // The child finds jobs in the tools' lists; one missing there would fail only in the child, so check here.
        if !self.jobs.iter().any(|known| known.name == job.name) {
            tracing::error!(job = job.name, "an isolated job that no tool lists in Tool::jobs");
            return Err(Refused::Failed);
        }
        let input = serde_json::to_vec(input).map_err(|_| Refused::Failed)?;
        let bytes = match &self.isolation {
            Some(isolation) => self.in_child(isolation, job, input).await?,
            None => {
                let run = job.run;
                self.run(move |deadline| run(&input, deadline)).await?
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

    async fn in_child(
        &self,
        isolation: &Isolation,
        job: &Job,
        input: Vec<u8>,
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
        let mut child = tokio::process::Command::new(&isolation.program)
            .args(&isolation.args)
            .arg(job.name)
            .arg(deadline.remaining().as_millis().to_string())
            .envs(isolation.env.iter().map(|(key, value)| (key, value)))
            .env("DEVTOOLS_WORK_MEMORY", self.limits.isolated_memory.to_string())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|error| {
                tracing::error!(%error, job = job.name, "cannot start a work process");
                Refused::Failed
            })?;
        let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(Refused::Failed);
        };
        let limit = self.limits.max_output;
        let exchange = async move {
            // A child that dies early closes its stdin; its exit status then says why.
            let _ = stdin.write_all(&input).await;
            drop(stdin);
            let mut answer = Vec::new();
            let _ = stdout.take(limit as u64 + 1).read_to_end(&mut answer).await;
            (answer, child.wait().await)
        };
        let outcome = tokio::time::timeout_at(until, exchange).await;
        self.isolated_job_time.record(started.elapsed());
        match outcome {
            Ok((answer, Ok(status))) if status.success() => Ok(answer),
            Ok((answer, _)) if answer.len() > limit => Err(Refused::OutputTooLarge { limit }),
            Ok((_, Ok(status))) if killed_for_cpu_time(status) => Err(self.deadline_passed()),
            Ok((answer, status)) => {
                tracing::warn!(
                    job = job.name,
                    ?status,
                    answer_bytes = answer.len(),
                    "a work process failed"
                );
                Err(Refused::Failed)
            }
            // Dropping the exchange drops the child, and `kill_on_drop` kills it (tokio reaps it).
            Err(_) => Err(self.deadline_passed()),
        }
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

/// The child's side of [`Work::isolated`]: limits its own CPU time and memory, reads the job's input from
/// standard input (at most `max_input` bytes), runs the job named `name` and writes the answer to standard
/// output. Returns the process exit code: 0, or 2 for an unknown job or unreadable input.
pub fn serve_job(jobs: &[Job], name: &str, millis: &str, max_input: usize) -> i32 {
    let Some(job) = jobs.iter().find(|job| job.name == name) else { return 2 };
    let Ok(millis) = millis.parse::<u64>() else { return 2 };
    let memory = std::env::var("DEVTOOLS_WORK_MEMORY").ok().and_then(|m| m.parse().ok());
    limit_this_process(Duration::from_millis(millis), memory);
    let deadline = Deadline::after(Duration::from_millis(millis));
    let mut input = Vec::new();
    if std::io::stdin().take(max_input as u64 + 1).read_to_end(&mut input).is_err()
        || input.len() > max_input
    {
        return 2;
    }
    let answer = (job.run)(&input, deadline);
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(&answer).and_then(|()| stdout.flush()).is_err() {
        return 2;
    }
    0
}

/// Backstops for a child process, on top of the parent's kill at the deadline: CPU seconds (the deadline rounded
/// up, plus one), address space, and a lower priority.
fn limit_this_process(budget: Duration, memory: Option<u64>) {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{Resource, Rlimit, setrlimit};
        let seconds = budget.as_secs() + 2;
        let _ =
            setrlimit(Resource::Cpu, Rlimit { current: Some(seconds), maximum: Some(seconds + 1) });
        if let Some(bytes) = memory {
            let _ = setrlimit(Resource::As, Rlimit { current: Some(bytes), maximum: Some(bytes) });
        }
        let _ = rustix::process::setpriority_process(None, WORK_NICENESS);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (budget, memory);
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
        assert!(!work.ready());
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
        let work = small(1, 0, Duration::from_millis(30));
        let stopped = work
            .run(|deadline| {
                while !deadline.expired() {
                    std::thread::yield_now();
                }
                "stopped"
            })
            .await;
        assert_eq!(stopped, Ok("stopped"));
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
    async fn a_child_that_overruns_its_deadline_is_killed() {
        // `sleep JOB MILLIS` sleeps for "JOB" seconds: a stand-in for a child that never answers.
        let isolation = Isolation { program: "sleep".into(), args: Vec::new(), env: Vec::new() };
        let job = Job { name: "30", run: double };
        let limits = WorkLimits { deadline: Duration::from_millis(50), ..WorkLimits::default() };
        let work = Work::new(limits, Some(isolation), vec![job]).unwrap();
        let unlisted = Job { name: "test/unlisted", run: double };
        assert_eq!(work.isolated::<_, u64>(&unlisted, &1u64).await, Err(Refused::Failed));
        let outcome = work.isolated::<_, u64>(&job, &1u64).await;
        assert_eq!(outcome, Err(Refused::Deadline { budget: Duration::from_millis(50) }));
        assert_eq!(work.load().isolated_admitted, 0);
    }
}
