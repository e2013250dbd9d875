//! The `devtools` binary: command line, start-up line, serving, and a clean exit on SIGTERM.

mod support;
use support::{Server, run, stderr, stdout};

#[test]
fn help_lists_the_serve_command() {
    let output = run(&["--help"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("serve"), "{text}");
}

#[test]
fn bad_addr_is_a_usage_error() {
    let output = run(&["serve", "--addr", "not-an-address"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--addr"));
}

#[cfg(unix)]
#[test]
fn serves_prints_its_url_and_exits_0_on_sigterm() {
    // The start-up line is checked as the server starts: it names the URL served.
    let server = Server::start(&["serve", "--addr", "127.0.0.1:0"], &[("RUST_LOG", "off")]);
    assert_eq!(server.get("/healthz"), (200, "ok".to_owned()));
    let (code, stderr) = server.stop();
    assert_eq!(code, Some(0), "{stderr}");
}
