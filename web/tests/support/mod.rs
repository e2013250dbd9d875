//! What the tests of the real binary share: running `devtools` as a user does, serving on a free port, and asking
//! the real router for the API's answer to compare with. Each test file that runs the binary has `mod support;`.

// Not every test file uses every helper.
#![allow(dead_code, clippy::unwrap_used)]

use axum::http::StatusCode;
use devtools_kit::testing;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStderr, ChildStdout, Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_devtools");

// {"alg":"HS256","typ":"JWT"}.{"sub":"1234567890","name":"John Doe","iat":1516239022}, secret "your-256-bit-secret".
pub const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
pub const SECRET: &str = "your-256-bit-secret";

/// The binary with `env` set and nothing inherited from whoever runs the tests that would change what it does: no
/// `DEVTOOLS_*` variable (serve's options), no `RUST_LOG`, no colour forced either way.
pub fn devtools(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(BIN);
    command.args(args);
    for (name, _) in std::env::vars_os() {
        let inherited = name.to_str().is_some_and(|name| {
            name.starts_with("DEVTOOLS_")
                || ["RUST_LOG", "NO_COLOR", "CLICOLOR_FORCE"].contains(&name)
        });
        if inherited {
            command.env_remove(name);
        }
    }
    command.envs(env.iter().copied());
    command
}

/// Runs the binary (see [`devtools`]) with `stdin` as its standard input.
pub fn run_with(args: &[&str], stdin: impl AsRef<[u8]>, env: &[(&str, &str)]) -> Output {
    let mut child = devtools(args, env)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_ref()).unwrap();
    child.wait_with_output().unwrap()
}

pub fn run(args: &[&str]) -> Output {
    run_with(args, "", &[])
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The API's status and body for a request, through the real router.
pub async fn api_get(path: &str) -> (StatusCode, String) {
    let reply = testing::get(&devtools_web::app().unwrap(), path).await;
    (reply.status, reply.body)
}

pub async fn api_post(path: &str, body: serde_json::Value) -> (StatusCode, String) {
    let reply = testing::post_json(&devtools_web::app().unwrap(), path, &body).await;
    (reply.status, reply.body)
}

/// A query value with everything but RFC 3986's unreserved characters percent-encoded.
pub fn encode(text: &str) -> String {
    const UNRESERVED: &AsciiSet =
        &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
    utf8_percent_encode(text, UNRESERVED).to_string()
}

/// `--json` prints the API's body plus a newline, and exits 0 exactly when the API answers 200.
pub fn assert_same(output: &Output, (status, body): (StatusCode, String)) {
    assert_eq!(stdout(output), format!("{body}\n"), "stderr: {}", stderr(output));
    let expected = if status == StatusCode::OK { 0 } else { 1 };
    assert_eq!(output.status.code(), Some(expected), "API answered {status}");
}

/// A running `devtools serve` (or bare `devtools`) and its URL, from the start-up line. Dropped, it is killed, so a
/// failed test leaves no server behind.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT` (with the base path after it, when there is one).
    pub url: String,
    /// Its stdout and stderr, and what was read of stderr before the start-up event (JSON logs).
    stdout: BufReader<ChildStdout>,
    stderr: BufReader<ChildStderr>,
    log: String,
}

impl Server {
    /// Starts the binary (see [`devtools`]) and waits for its start-up line. Its stderr is kept for
    /// [`Server::stop`]; the tests that log keep it short, so the pipe never fills.
    pub fn start(args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut server = Server::spawn(args, env);
        let mut line = String::new();
        server.stdout.read_line(&mut line).unwrap();
        let Some(url) = line.trim().strip_prefix("devtools listening on ") else {
            server.stderr.read_to_string(&mut server.log).unwrap();
            panic!("no start-up line: {line:?}; stderr: {}", server.log)
        };
        server.url = url.to_owned();
        server
    }

    /// Starts the binary with JSON logs (`args` and `env` must ask for them) and waits for its start-up event, the
    /// log line whose `fields.url` says where it listens.
    pub fn start_json(args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut server = Server::spawn(args, env);
        loop {
            let mut line = String::new();
            if server.stderr.read_line(&mut line).unwrap() == 0 {
                panic!("no start-up event; stderr: {}", server.log);
            }
            server.log.push_str(&line);
            let event: serde_json::Value = serde_json::from_str(&line)
                .unwrap_or_else(|_| panic!("not JSON: {line:?}; stderr: {}", server.log));
            if let Some(url) = event["fields"]["url"].as_str() {
                server.url = url.to_owned();
                return server;
            }
        }
    }

    /// Spawns the binary with its stdout and stderr piped, before it has said where it listens. Made before
    /// anything is read, so that a failed start-up kills the process (on drop).
    fn spawn(args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child =
            devtools(args, env).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let stderr = BufReader::new(child.stderr.take().unwrap());
        Server { child, url: String::new(), stdout, stderr, log: String::new() }
    }

    /// The process id, to find its children.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        http_get(&format!("{}{path}", self.url))
    }

    pub fn post_json(&self, path: &str, body: &serde_json::Value) -> (u16, String) {
        let response = agent()
            .post(format!("{}{path}", self.url))
            .header("Connection", "close")
            .header("Content-Type", "application/json")
            .send(body.to_string());
        status_and_body(response)
    }

    /// Stops it with SIGTERM: its exit code and stderr.
    pub fn stop(self) -> (Option<i32>, String) {
        let (code, _, stderr) = self.stop_all();
        (code, stderr)
    }

    /// Sends it SIGTERM; it goes on running until it has drained and finished (see [`Server::wait`]).
    pub fn terminate(&self) {
        let status = Command::new("kill").args(["-TERM", &self.pid().to_string()]).status();
        assert!(status.unwrap().success());
    }

    /// Waits for it to exit: its exit code, the rest of its stdout (after the start-up line; all of it for
    /// [`Server::start_json`]) and its whole stderr.
    pub fn wait(mut self) -> (Option<i32>, String, String) {
        let mut stdout = String::new();
        self.stdout.read_to_string(&mut stdout).unwrap();
        let mut stderr = std::mem::take(&mut self.log);
        self.stderr.read_to_string(&mut stderr).unwrap();
        (self.child.wait().unwrap().code(), stdout, stderr)
    }

    /// Stops it with SIGTERM: see [`Server::wait`].
    pub fn stop_all(self) -> (Option<i32>, String, String) {
        self.terminate();
        self.wait()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `GET url`: status and body. The connection closes after the answer, so no keep-alive connection stays open on
/// the server between requests (a test may read its connection count).
pub fn http_get(url: &str) -> (u16, String) {
    status_and_body(agent().get(url).header("Connection", "close").call())
}

/// A client that hands back 4xx and 5xx answers instead of failing on them.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

fn status_and_body(
    response: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
) -> (u16, String) {
    let mut response = response.unwrap();
    (response.status().as_u16(), response.body_mut().read_to_string().unwrap())
}
