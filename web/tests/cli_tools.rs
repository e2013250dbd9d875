//! The tool subcommands as a user runs them: output, `--json` equal to the API byte for byte, exit codes 0/1/2,
//! standard input, plain output when piped or under `NO_COLOR`, inputs over the tool's limit refused without
//! being read, and text from the input escaped even when piped.

// The helpers below are test code too: a failed spawn or a non-UTF-8 answer should fail the test loudly.
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::StatusCode;
use std::io::Read;
use std::process::{Command, Output, Stdio};
use support::*;

#[tokio::test]
async fn status_json_is_the_api_answer() {
    for code in ["403", "418", "999", "123456"] {
        let output = run(&["status", code, "--json"]);
        assert_same(&output, api_get(&format!("/api/http-status/{code}")).await);
    }
    assert_same(&run(&["status", "--json"]), api_get("/api/http-status").await);
}

#[tokio::test]
async fn cron_json_is_the_api_answer() {
    let from = "2026-01-05T00:00:00Z";
    let cases: &[(&str, &str, &str)] = &[
        ("*/15 9-17 * * MON-FRI", "Europe/Berlin", "5"),
        ("@reboot", "UTC", "3"),
        ("61 * * * *", "UTC", "5"),
        ("0 0 * * *", "Mars/Olympus", "5"),
        ("0 0 * * *", "UTC", "1000"),
    ];
    for (expr, tz, count) in cases {
        let output = run(&["cron", expr, "--tz", tz, "--count", count, "--from", from, "--json"]);
        let path = format!(
            "/api/cron?expr={}&tz={}&count={count}&from={}",
            encode(expr),
            encode(tz),
            encode(from)
        );
        assert_same(&output, api_get(&path).await);
    }
}

#[tokio::test]
async fn jwt_json_is_the_api_answer() {
    let output = run(&["jwt", TOKEN, "--secret", SECRET, "--now", "1700000000", "--json"]);
    let body = serde_json::json!({ "token": TOKEN, "key": SECRET, "now": 1_700_000_000 });
    assert_same(&output, api_post("/api/jwt/decode", body).await);

    let output = run(&["jwt", "abc.def", "--json"]);
    assert_same(
        &output,
        api_post("/api/jwt/decode", serde_json::json!({ "token": "abc.def" })).await,
    );
}

#[tokio::test]
async fn regex_json_is_the_api_answer() {
    let cases: &[(&str, &str, &str, &str, Option<&str>)] = &[
        (r"(?<word>\w+)@(\w+)", "ann@example bob@test\n", "i", "rust", None),
        (r"(\w)\1", "aa bb cd", "", "fancy", Some("<$1>")),
        ("(", "x", "", "rust", None),
        ("a", "x", "q", "rust", None),
        ("a", "x", "", "pcre", None),
    ];
    for (pattern, text, flags, flavor, replace) in cases {
        let mut args = vec!["regex", pattern, "-", "--flags", flags, "--flavor", flavor, "--json"];
        if let Some(replace) = replace {
            args.extend(["--replace", replace]);
        }
        let output = run_with(&args, text, &[]);
        let body = serde_json::json!({
            "pattern": pattern, "text": text, "flags": flags, "flavor": flavor, "replace": replace
        });
        assert_same(&output, api_post("/api/regex", body).await);
    }
}

#[tokio::test]
async fn color_json_is_the_api_answer() {
    for value in ["oklch(70% 0.15 150)", "#ff8000", "rebeccapurple", "rgb(255 0)", "grean"] {
        let output = run(&["color", value, "--json"]);
        assert_same(&output, api_get(&format!("/api/color?value={}", encode(value))).await);
    }
}

#[test]
fn human_output_is_plain_when_piped_and_coloured_when_forced() {
    let plain = run(&["status", "403"]);
    assert_eq!(plain.status.code(), Some(0));
    let text = stdout(&plain);
    assert!(text.starts_with("403 Forbidden  (4xx)\n"), "{text}");
    assert!(text.contains("\nRelated\n  401 Unauthorized"), "{text}");
    assert!(!text.contains('\x1b'), "{text}");

    let forced = run_with(&["status", "403"], "", &[("CLICOLOR_FORCE", "1")]);
    assert!(stdout(&forced).contains("\x1b[1m403\x1b[0m"), "{}", stdout(&forced));

    let no_color = run_with(&["status", "403"], "", &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert_eq!(stdout(&no_color), text);
}

#[test]
fn cron_lists_runs_in_the_zone() {
    let output = run(&[
        "cron",
        "*/15 9-17 * * MON-FRI",
        "--tz",
        "Europe/Berlin",
        "--count",
        "5",
        "--from",
        "2026-01-05T00:00:00Z",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("Next 5 runs (Europe/Berlin)\n  2026-01-05T09:00:00+01:00\n"), "{text}");
    assert!(text.contains("  2026-01-05T10:00:00+01:00\n\nFields\n"), "{text}");
}

#[test]
fn invalid_input_exits_1_with_the_api_message() {
    let output = run(&["cron", "61 * * * *"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert_eq!(stderr(&output), "error: minute: 61 is out of range 0–59\n  61 * * * *\n  ^^\n");

    let output = run(&["color", "grean"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: value: unknown colour name \"grean\" (did you mean \"green\"?)\n"
    );

    let output = run(&["status", "999"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("error: 999 is not a known HTTP status code"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["regex"][..],
        &["cron", "* * * * *", "--count"],
        &["jwt", TOKEN, "--key", "k.pem", "--secret", "s"],
        &["status", "403", "--no-such-flag"],
        &["no-such-command"],
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn jwt_reads_stdin_verifies_and_never_echoes_the_secret() {
    for token_arg in [&["jwt", "-"][..], &["jwt"]] {
        let args = [token_arg, &["--secret", SECRET]].concat();
        let output = run_with(&args, format!("{TOKEN}\n"), &[]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let text = stdout(&output);
        assert!(text.contains("\"name\": \"John Doe\""), "{text}");
        assert!(text.contains("Signature: Signature verified"), "{text}");
        assert!(!text.contains(SECRET) && !stderr(&output).contains(SECRET));
    }

    // A key that does not verify the token fails, for scripts, but still shows the decoded token.
    let output = run(&["jwt", TOKEN, "--secret", "not-the-secret"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("Signature: The signature does not match"));
    assert!(!stdout(&output).contains("not-the-secret"));

    let key = std::env::temp_dir().join(format!("devtools-cli-key-{}", std::process::id()));
    std::fs::write(&key, SECRET).unwrap();
    let output = run(&["jwt", TOKEN, "--key", key.to_str().unwrap(), "--json"]);
    std::fs::remove_file(&key).unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(!stdout(&output).contains(SECRET));
    assert!(stdout(&output).contains(r#""status":"valid""#), "{}", stdout(&output));
}

#[test]
fn regex_reads_a_file_or_stdin_and_replaces_like_sed() {
    let file = std::env::temp_dir().join(format!("devtools-cli-text-{}", std::process::id()));
    std::fs::write(&file, "id 12\nid 345\n").unwrap();
    let output = run(&["regex", r"\d+", file.to_str().unwrap()]);
    assert_eq!(stdout(&output), "2 matches\n1:4  12\n2:4  345\n");

    let output = run(&["regex", r"(\d+)", file.to_str().unwrap(), "--replace", "<$1>"]);
    std::fs::remove_file(&file).unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "id <12>\nid <345>\n");

    let output = run_with(&["regex", "b+", "--flags", "i"], "aBbc", &[]);
    assert_eq!(stdout(&output), "1 match\n1:2  Bb\n");

    let output = run(&["regex", "a", "/no/such/file"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with("error: cannot read /no/such/file:"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn color_and_cron_read_stdin() {
    let output = run_with(&["color"], "  #ff0000\n", &[]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).starts_with("#ff0000  red\n"), "{}", stdout(&output));

    let output = run_with(&["cron", "-", "--json"], "0 0 * * *\n", &[]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).starts_with(r#"{"expr":"0 0 * * *""#), "{}", stdout(&output));
}

/// A file path in the temporary folder, unique to this test process and `name`, removed when dropped.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn new(name: &str, contents: &[u8]) -> TempFile {
        let path = std::env::temp_dir().join(format!("devtools-cli-{name}-{}", std::process::id()));
        std::fs::write(&path, contents).unwrap();
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn a_file_over_the_limit_is_refused_and_one_at_the_limit_is_read() {
    let limit = devtools_regex::MAX_TEXT_LEN;
    let at = TempFile::new("at-limit", &vec![b'a'; limit]);
    let output = run(&["regex", "b", at.path()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "0 matches\n");

    let over = TempFile::new("over-limit", &vec![b'a'; limit + 1]);
    let output = run(&["regex", "b", over.path()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let message =
        format!("error: {} is larger than the 1 MiB limit for the regex text\n", over.path());
    assert_eq!(stderr(&output), message);

    let key = TempFile::new("big-key", &vec![b'k'; devtools_jwt::MAX_KEY_LEN + 1]);
    let output = run(&["jwt", TOKEN, "--key", key.path()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let message = format!("error: {} is larger than the 256 KiB limit for the key\n", key.path());
    assert_eq!(stderr(&output), message);

    // With --json the refusal is a JSON error body on stdout, as the API answers a body it refuses.
    let output = run_with(&["regex", "b", "-", "--json"], vec![b'a'; limit + 1], &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stderr.is_empty(), "{}", stderr(&output));
    let body: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(body["error"], "input_too_large");
    assert_eq!(body["limit_bytes"], limit);
    assert_eq!(body["message"], "standard input is larger than the 1 MiB limit for the regex text");
    let output = run_with(&["regex", "b", "-", "--json"], b"\xff", &[]);
    assert_eq!(output.status.code(), Some(1));
    let body: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!((&body["error"], &body["offset"]), (&"input_not_utf8".into(), &0.into()));
}

#[test]
fn a_piped_value_at_its_limit_still_reaches_the_tool() {
    // The line ending a pipe adds is trimmed, not counted: a 512-byte expression reads as it does as an argument.
    let expr = format!("0{}0 * * *", " ".repeat(devtools_cron::MAX_EXPRESSION_LEN - 8));
    assert_eq!(expr.len(), devtools_cron::MAX_EXPRESSION_LEN);
    for ending in ["\n", "\r\n"] {
        let output = run_with(&["cron", "-", "--json"], format!("{expr}{ending}"), &[]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(stdout(&output).starts_with(r#"{"expr":"0 "#), "{}", stdout(&output));
    }
}

/// Runs the binary with far more than any limit offered on standard input (64 MiB of `a`, written by a thread),
/// and gives its output and what the writer managed. The writer's input is finite, so a binary that read it all
/// would still end: the test can fail, never hang.
fn run_flooded(args: &[&str]) -> (Output, std::io::Result<u64>) {
    const FLOOD: u64 = 64 * 1024 * 1024;
    let mut child = devtools(args, &[])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        std::io::copy(&mut std::io::repeat(b'a').take(FLOOD), &mut stdin)
    });
    let output = child.wait_with_output().unwrap();
    (output, writer.join().unwrap())
}

#[test]
fn a_flood_on_stdin_is_refused_without_being_read() {
    let cases: &[(&[&str], &str)] = &[
        (&["regex", "x"], "the 1 MiB limit for the regex text"),
        (&["regex", "x", "-", "--json"], "the 1 MiB limit for the regex text"),
        (&["jwt"], "the 64 KiB limit for the token"),
        (&["cron", "-"], "the 512-byte limit for the cron expression"),
        (&["color", "-"], "the 1 KiB limit for the colour"),
    ];
    for (args, limit) in cases {
        let (output, written) = run_flooded(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let message = format!("standard input is larger than {limit}");
        if args.contains(&"--json") {
            let body: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
            assert_eq!(
                (&body["error"], &body["message"]),
                (&"input_too_large".into(), &message.into())
            );
        } else {
            assert!(output.stdout.is_empty(), "{args:?}");
            assert_eq!(stderr(&output), format!("error: {message}\n"));
        }
        // The binary stopped reading and exited, so the rest of the flood met a closed pipe. (It can have taken
        // no more than its limit plus what the pipe buffers, far less than the flood.)
        let error = written.expect_err("the whole flood was read");
        assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "{args:?}");
    }
}

/// `/dev/zero` never ends; under a 1 GiB address-space limit a binary that tried to read it all would be killed
/// when an allocation failed, so this test fails rather than exhausting the machine's memory.
#[cfg(target_os = "linux")]
#[test]
fn dev_zero_is_refused_at_the_limit() {
    let output = Command::new("sh")
        .args(["-c", r#"ulimit -v 1048576 && exec "$0" regex x /dev/zero"#, BIN])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "error: /dev/zero is larger than the 1 MiB limit for the regex text\n"
    );
}

#[test]
fn input_that_is_not_utf8_is_an_error() {
    let output = run_with(&["regex", "a"], b"a\xffb", &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert_eq!(
        stderr(&output),
        "error: standard input is not UTF-8 text (invalid byte at offset 1)\n"
    );

    let file = TempFile::new("latin1", b"caf\xe9");
    let output = run(&["regex", "a", file.path()]);
    assert_eq!(output.status.code(), Some(1));
    let message = format!("error: {} is not UTF-8 text (invalid byte at offset 3)\n", file.path());
    assert_eq!(stderr(&output), message);
}

// A token whose payload is {"sub":"1","name":"\u001b]0;pwned\u0007\u001b[2J","note":"<U+009B>31m<U+202E>evil"}
// (the last two raw in the JSON): it retitles the window, clears the screen, and recolours and reverses text.
const HOSTILE_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIiwibmFtZSI6Ilx1MDAxYl0wO3B3bmVkXHUwMDA3XHUwMDFiWzJKIiwibm90ZSI6IsKbMzFt4oCuZXZpbCJ9.c2ln";

/// Panics if `text` holds a character a terminal would obey: a control other than newline and tab (C0, DEL, C1),
/// or a bidi embedding, override or isolate.
fn assert_no_raw_controls(text: &str) {
    let raw = text.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    });
    assert_eq!(raw, None, "a raw control character reached the output: {text:?}");
}

#[tokio::test]
async fn a_crafted_token_cannot_drive_the_terminal_through_a_pipe() {
    let output = run(&["jwt", HOSTILE_TOKEN]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert_no_raw_controls(&text);
    assert!(text.contains(r"name  \u{1b}]0;pwned\u{7}\u{1b}[2J"), "{text}");
    assert!(text.contains(r"note  \u{9b}31m\u{202e}evil"), "{text}");

    // --json: the API's JSON value, with what serde_json leaves raw (C1, bidi) written as \u escapes.
    let output = run(&["jwt", HOSTILE_TOKEN, "--now", "1700000000", "--json"]);
    let text = stdout(&output);
    assert_no_raw_controls(&text);
    assert!(text.contains(r"\u009b31m\u202eevil"), "{text}");
    let (status, body) = api_post(
        "/api/jwt/decode",
        serde_json::json!({ "token": HOSTILE_TOKEN, "now": 1_700_000_000 }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let cli: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(cli, serde_json::from_str::<serde_json::Value>(&body).unwrap());
}

#[test]
fn a_crafted_regex_text_cannot_drive_the_terminal_through_a_pipe() {
    let text = "id \x1b]0;pwned\x07\x1b[2J \u{9b}31m \u{202e}lave\r\n";
    let output = run_with(&["regex", r"id.*", "-"], text, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_no_raw_controls(&stdout(&output));
    assert_eq!(
        stdout(&output),
        "1 match\n1:1  id \\u{1b}]0;pwned\\u{7}\\u{1b}[2J \\u{9b}31m \\u{202e}lave\\r\n"
    );

    let output = run_with(&["regex", r"(?<line>.+)", "--json"], text, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_no_raw_controls(&stdout(&output));
    assert!(stdout(&output).contains(r"\u001b[2J \u009b31m \u202elave\r"), "{}", stdout(&output));

    // An error quoting the input is escaped on stderr too: here the name of a file that does not exist.
    let output = run(&["regex", "a", "\x1b[31mmissing\u{202e}"]);
    assert_eq!(output.status.code(), Some(1));
    assert_no_raw_controls(&stderr(&output));
    let message = stderr(&output);
    assert!(message.starts_with(r"error: cannot read \u{1b}[31mmissing\u{202e}: "), "{message}");
}

#[test]
fn replacing_into_a_pipe_keeps_the_users_bytes_like_sed() {
    // The substituted text is the user's own file transformed: into a pipe or file it stays byte for byte
    // (carriage returns and all), as `sed` prints it.
    let text = "a\tb\r\n\x1b[1mc\r\n";
    let output = run_with(&["regex", "b", "--replace", "B"], text, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(output.stdout, b"a\tB\r\n\x1b[1mc\r\n");
}

/// Issue 15: nothing a user types runs past the time budget, in the command too. regress (ecmascript) cannot be
/// stopped inside one match attempt of `(a+)+b` over 30 `a`s (2^30 paths), so the command ends itself at the
/// budget with the `deadline_exceeded` the server answers when it kills such a search, in both output forms;
/// without that it would run for hours.
#[test]
fn a_catastrophic_ecmascript_pattern_ends_at_the_time_budget() {
    let text = "a".repeat(30);
    let output = run(&["regex", "(a+)+b", "--flavor", "ecmascript", "--text", &text, "--json"]);
    assert_eq!(output.status.code(), Some(1));
    let body: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(body["error"], "deadline_exceeded");
    assert_eq!(body["budget_ms"], 2000);

    let output = run(&["regex", "(a+)+b", "--flavor", "ecmascript", "--text", &text]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: This input needs more than the 2 s one request may take; it was stopped.\n"
    );
    assert!(output.stdout.is_empty());
}
