//! Isolated jobs in the real binary: `devtools serve` runs regex searches in long-lived `devtools __work` worker
//! processes, kills one whose job overruns the deadline, replaces it, and leaves none behind when it stops.

// Helpers outside `#[test]` functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_devtools");

const SEARCH: &str = "/regex?pattern=(%5Cd%2B)-(%5Cd%2B)&text=10-20+and+30-40";

/// A running server and its URL (from the start-up line).
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start() -> Server {
        let mut command = Command::new(BIN);
        for (name, _) in std::env::vars() {
            if name.starts_with("DEVTOOLS_") || name == "RUST_LOG" {
                command.env_remove(name);
            }
        }
        let mut child = command
            .args(["serve", "--addr", "127.0.0.1:0", "--log-level", "off"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let url = line.trim().strip_prefix("devtools listening on ").unwrap().to_owned();
        Server { child, url }
    }

    fn agent() -> ureq::Agent {
        ureq::Agent::config_builder().http_status_as_error(false).build().into()
    }

    fn get(&self, path: &str) -> (u16, String) {
        let mut response = Self::agent().get(format!("{}{path}", self.url)).call().unwrap();
        (response.status().as_u16(), response.body_mut().read_to_string().unwrap())
    }

    fn post_json(&self, path: &str, body: &serde_json::Value) -> (u16, String) {
        let mut response = Self::agent()
            .post(format!("{}{path}", self.url))
            .header("Content-Type", "application/json")
            .send(body.to_string())
            .unwrap();
        (response.status().as_u16(), response.body_mut().read_to_string().unwrap())
    }

    /// The live `devtools __work` processes the server started.
    fn workers(&self) -> Vec<u32> {
        let mut pids: Vec<u32> = std::fs::read_dir(format!("/proc/{}/task", self.child.id()))
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

    /// Stops it with SIGTERM and waits for it.
    fn stop(mut self) -> Option<i32> {
        let status = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        assert!(status.unwrap().success());
        self.child.wait().unwrap().code()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn command_line(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/cmdline")).unwrap_or_default()
}

/// Running or sleeping: not gone, not a zombie waiting to be reaped.
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|stat| !stat.rsplit(')').next().unwrap_or("").trim_start().starts_with('Z'))
}

fn gone(pid: u32) -> bool {
    let until = Instant::now() + Duration::from_secs(5);
    while alive(pid) {
        if Instant::now() > until {
            return false;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    true
}

#[test]
fn searches_reuse_worker_processes_and_none_outlives_the_server() {
    let server = Server::start();
    assert!(server.workers().is_empty(), "workers start when a job needs one");
    for _ in 0..30 {
        let (status, page) = server.get(SEARCH);
        assert_eq!(status, 200);
        assert!(page.contains("10-20"), "{}", &page[..page.len().min(500)]);
    }
    let workers = server.workers();
    let cpus = std::thread::available_parallelism().map_or(2, usize::from);
    assert!(!workers.is_empty() && workers.len() <= cpus, "{workers:?}");
    for _ in 0..30 {
        assert_eq!(server.get(SEARCH).0, 200);
    }
    assert_eq!(server.workers(), workers, "the same processes serve the later searches");
    assert_eq!(server.stop(), Some(0));
    for pid in workers {
        assert!(gone(pid), "worker {pid} outlived the server");
    }
}

#[test]
fn a_search_that_overruns_is_killed_at_the_deadline_and_the_next_one_answers() {
    let server = Server::start();
    assert_eq!(server.get(SEARCH).0, 200);
    let before = server.workers();
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
    let after = server.workers();
    let killed: Vec<&u32> = before.iter().filter(|pid| !after.contains(pid)).collect();
    assert_eq!(killed.len(), 1, "before {before:?}, after {after:?}");
    for pid in killed {
        assert!(gone(*pid));
    }
}
