//! Isolated jobs in the real binary: `devtools serve` runs regex searches in long-lived `devtools __work` worker
//! processes, kills one whose job overruns the deadline, replaces it, and leaves none behind when it stops.

// Helpers outside `#[test]` functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

mod support;
use support::Server;

use std::time::{Duration, Instant};

const SEARCH: &str = "/regex?pattern=(%5Cd%2B)-(%5Cd%2B)&text=10-20+and+30-40";

fn start() -> Server {
    Server::start(&["serve", "--addr", "127.0.0.1:0", "--log-level", "off"], &[])
}

/// The live `devtools __work` processes the server started.
fn workers_of(server: &Server) -> Vec<u32> {
    let mut pids: Vec<u32> = std::fs::read_dir(format!("/proc/{}/task", server.pid()))
        .unwrap()
        .flat_map(|task| {
            let children = task.unwrap().path().join("children");
            std::fs::read_to_string(children)
                .unwrap_or_default()
                .split_whitespace()
                .map(|pid| pid.parse().unwrap())
                .collect::<Vec<u32>>()
        })
        .filter(|&pid| alive(pid) && command_line(pid).ends_with("\0__work\0"))
        .collect();
    pids.sort_unstable();
    pids
}

fn command_line(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/cmdline")).unwrap_or_default()
}

/// Running or sleeping: not gone, not a zombie waiting to be reaped.
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|stat| !stat.rsplit(')').next().unwrap_or("").trim_start().starts_with('Z'))
}

/// Whether `done` comes true within 5 s. A killed process is running until the scheduler next runs it, which on a
/// loaded machine can be well after the server has answered the next request.
fn eventually(mut done: impl FnMut() -> bool) -> bool {
    let until = Instant::now() + Duration::from_secs(5);
    while !done() {
        if Instant::now() > until {
            return false;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    true
}

fn gone(pid: u32) -> bool {
    eventually(|| !alive(pid))
}

#[test]
fn searches_reuse_worker_processes_and_none_outlives_the_server() {
    let server = start();
    assert!(workers_of(&server).is_empty(), "workers start when a job needs one");
    for _ in 0..30 {
        let (status, page) = server.get(SEARCH);
        assert_eq!(status, 200);
        assert!(page.contains("10-20"), "{}", &page[..page.len().min(500)]);
    }
    let workers = workers_of(&server);
    let cpus = std::thread::available_parallelism().map_or(2, usize::from);
    assert!(!workers.is_empty() && workers.len() <= cpus, "{workers:?}");
    for _ in 0..30 {
        assert_eq!(server.get(SEARCH).0, 200);
    }
    assert_eq!(workers_of(&server), workers, "the same processes serve the later searches");
    assert_eq!(server.stop().0, Some(0));
    for pid in workers {
        assert!(gone(pid), "worker {pid} outlived the server");
    }
}

#[test]
fn a_search_that_overruns_is_killed_at_the_deadline_and_the_next_one_answers() {
    let server = start();
    assert_eq!(server.get(SEARCH).0, 200);
    let before = workers_of(&server);
    // A look-around that scans the rest of the text is one step of fancy-regex's machine: the search cannot stop
    // itself, only the kill ends it.
    let attack =
        serde_json::json!({"pattern": "(?=.*x)a", "text": "a".repeat(200_000), "flavor": "fancy"});
    let started = Instant::now();
    let (status, body) = server.post_json("/api/regex", &attack);
    let took = started.elapsed();
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("\"deadline_exceeded\""), "{body}");
    // The 2 s budget plus room for a loaded test machine; unkilled, this search runs for minutes (n² steps).
    assert!(took < Duration::from_secs(5), "{took:?}");
    let (status, body) =
        server.post_json("/api/regex", &serde_json::json!({"pattern": "a+", "text": "baa"}));
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"match_count\":1"), "{body}");
    // One worker was killed; the others (if any) and its replacement serve on.
    let one_killed = || before.iter().filter(|&&pid| !alive(pid)).count() == 1;
    assert!(eventually(one_killed), "before {before:?}, after {:?}", workers_of(&server));
}
