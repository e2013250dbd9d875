//! What the command-line tests share: running the `devtools` binary as a user does, and asking the real router
//! for the API's answer to compare with. Each test file that runs the binary has `mod support;`.

// Not every test file uses every helper.
#![allow(dead_code, clippy::unwrap_used)]

use axum::http::StatusCode;
use devtools_kit::testing;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use std::io::Write;
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_devtools");

// {"alg":"HS256","typ":"JWT"}.{"sub":"1234567890","name":"John Doe","iat":1516239022}, secret "your-256-bit-secret".
pub const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
pub const SECRET: &str = "your-256-bit-secret";

/// Runs the binary with no colour forced either way and `stdin` as its standard input.
pub fn run_with(args: &[&str], stdin: impl AsRef<[u8]>, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(BIN);
    command.args(args).env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command
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
