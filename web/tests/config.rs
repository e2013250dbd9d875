//! `devtools serve` configured from the environment, its JSON log, its metrics address, and `devtools
//! healthcheck`: the real binary, on free loopback ports.

// Helpers outside `#[test]` functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

mod support;
use support::{Server, devtools, http_get};

/// Every serve option and the variable it is also read from.
const VARIABLES: [(&str, &str); 9] = [
    ("--addr", "DEVTOOLS_ADDR"),
    ("--idle-timeout", "DEVTOOLS_IDLE_TIMEOUT"),
    ("--max-connections", "DEVTOOLS_MAX_CONNECTIONS"),
    ("--shutdown-grace", "DEVTOOLS_SHUTDOWN_GRACE"),
    ("--drain-delay", "DEVTOOLS_DRAIN_DELAY"),
    ("--log-level", "DEVTOOLS_LOG_LEVEL"),
    ("--log-format", "DEVTOOLS_LOG_FORMAT"),
    ("--metrics-addr", "DEVTOOLS_METRICS_ADDR"),
    ("--base-path", "DEVTOOLS_BASE_PATH"),
];

#[test]
fn serve_help_names_the_variable_of_every_option() {
    let output = devtools(&["serve", "--help"], &[]).output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for (flag, variable) in VARIABLES {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
        assert!(help.contains(&format!("[env: {variable}=")), "{variable} missing from:\n{help}");
    }
    assert!(help.contains("json"), "{help}");
}

#[cfg(unix)]
#[test]
fn with_no_subcommand_the_environment_configures_the_server_and_json_logs_hold_no_user_input() {
    let server = Server::start_json(
        &[],
        &[
            ("DEVTOOLS_ADDR", "127.0.0.1:0"),
            ("DEVTOOLS_LOG_FORMAT", "json"),
            ("DEVTOOLS_LOG_LEVEL", "info"),
            ("DEVTOOLS_SHUTDOWN_GRACE", "5"),
        ],
    );
    // The second time from the stored answers ahead of the router (`fast_pages`), logged the same way.
    assert_eq!(server.get("/http-status/418").0, 200);
    assert_eq!(server.get("/http-status/418").0, 200);
    assert_eq!(server.get("/regex?pattern=hunter2&text=hunter2").0, 200);
    // A method is client input too: logged as the metrics label it.
    let answer = raw_request(&server.url, "EVILMETHOD /http-status/418 HTTP/1.1");
    assert!(answer.starts_with("HTTP/1.1 4"), "{answer}");
    let (code, stderr) = server.stop();
    assert_eq!(code, Some(0), "{stderr}");
    let lines: Vec<serde_json::Value> = stderr
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
        .collect();
    let requests: Vec<&serde_json::Value> =
        lines.iter().filter(|line| line["target"] == "devtools::request").collect();
    assert_eq!(requests.len(), 4, "{stderr}");
    for stored_or_not in &requests[..2] {
        assert_eq!(stored_or_not["fields"]["route"], "/http-status/{code}");
        assert_eq!(stored_or_not["fields"]["status"], 200);
        assert_eq!(stored_or_not["fields"]["method"], "GET");
    }
    assert_eq!(requests[2]["fields"]["route"], "/regex");
    assert_eq!(requests[3]["fields"]["method"], "other", "{stderr}");
    assert!(!stderr.contains("EVILMETHOD"), "the method was logged as sent: {stderr}");
    assert!(!stderr.contains("hunter2"), "the query string was logged: {stderr}");
    // The path itself, not just "418", which a latency or a timestamp may contain by chance.
    assert!(!stderr.contains("http-status/418"), "the path was logged, not its route: {stderr}");
}

/// Sends `request_line` with no headers but `Host` and `Connection: close` to the server at `url`: its whole answer.
fn raw_request(url: &str, request_line: &str) -> String {
    use std::io::{Read, Write};
    let addr = url.strip_prefix("http://").unwrap();
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(stream, "{request_line}\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn a_flag_wins_over_its_variable_and_a_bad_variable_is_a_usage_error() {
    let server = Server::start(
        &["serve", "--addr", "127.0.0.1:0", "--log-level", "off"],
        &[("DEVTOOLS_ADDR", "not-an-address"), ("DEVTOOLS_LOG_LEVEL", "info")],
    );
    assert_eq!(server.get("/healthz"), (200, "ok".to_owned()));
    let (code, stderr) = server.stop();
    assert_eq!(code, Some(0));
    assert_eq!(stderr, "", "--log-level off wins over DEVTOOLS_LOG_LEVEL");

    for (variable, value) in [
        ("DEVTOOLS_ADDR", "not-an-address"),
        ("DEVTOOLS_IDLE_TIMEOUT", "0"),
        ("DEVTOOLS_LOG_FORMAT", "xml"),
    ] {
        let output = devtools(&["serve"], &[(variable, value)]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{variable}={value}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(value), "{variable}={value}: {stderr}");
    }
    let output = devtools(&["serve", "--log-level", "info,=[bad"], &[]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--log-level"));
}

#[cfg(unix)]
#[test]
fn metrics_are_served_on_their_own_address_only() {
    // A free port for the metrics: bind, read it, release it.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let metrics_addr = format!("127.0.0.1:{port}");
    let server = Server::start(
        &["serve", "--addr", "127.0.0.1:0", "--log-level", "warn"],
        &[("DEVTOOLS_METRICS_ADDR", &metrics_addr)],
    );
    // Twice: the second answer is a stored one (`fast_pages`), counted the same way.
    assert_eq!(server.get("/http-status/404").0, 200);
    assert_eq!(server.get("/http-status/404").0, 200);
    assert_eq!(server.get("/metrics").0, 404, "the public address has no /metrics");
    let (status, text) = http_get(&format!("http://{metrics_addr}/metrics"));
    assert_eq!(status, 200);
    assert!(
        text.contains(r#"devtools_http_requests_total{route="/http-status/{code}",method="GET",status="200"} 2"#),
        "{text}"
    );
    assert!(text.contains(r#"route="unmatched",method="GET",status="404""#), "{text}");
    // This very scrape's connection is not the site's; the site's last connection closed or is closing.
    assert!(text.contains("devtools_connections_open "), "{text}");
    assert!(text.contains("devtools_work_capacity "), "{text}");
    assert_eq!(server.stop().0, Some(0));
}

#[cfg(unix)]
#[test]
fn healthcheck_exits_0_for_a_healthy_server_and_1_otherwise() {
    let server = Server::start(&["serve", "--addr", "127.0.0.1:0", "--log-level", "off"], &[]);
    let addr = server.url.strip_prefix("http://").unwrap().to_owned();
    let port = addr.rsplit(':').next().unwrap().to_owned();
    // The address as given to the server in a container: every interface, asked on loopback.
    let output = devtools(&["healthcheck"], &[("DEVTOOLS_ADDR", &format!("0.0.0.0:{port}"))])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stdout.is_empty() && output.stderr.is_empty());
    assert_eq!(server.stop().0, Some(0));

    let output =
        devtools(&["healthcheck", "--addr", &addr, "--timeout", "1"], &[]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains(&addr));
}

/// With JSON logs a panic reaches stderr as a JSON `error` event like every other line, not as std's plain-text
/// message that a log collector reading one object per line would drop. The test runs itself again as the child
/// that logs and panics, since a panic hook is process-wide.
#[test]
fn with_json_logs_a_panic_is_one_json_error_event() {
    const CHILD: &str = "DEVTOOLS_TEST_PANICKING_CHILD";
    if std::env::var_os(CHILD).is_some() {
        devtools_web::config::init_logging(
            devtools_web::config::LogFormat::Json,
            Some("info"),
            "info",
        )
        .unwrap();
        let _ = std::thread::spawn(|| panic!("the work thread fell over")).join();
        return;
    }
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "with_json_logs_a_panic_is_one_json_error_event", "--nocapture"])
        .env(CHILD, "1")
        .env_remove("RUST_LOG")
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let events: Vec<serde_json::Value> = stderr
        .lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line:?} in\n{stderr}"))
        })
        .collect();
    let panic = events
        .iter()
        .find(|event| event["fields"]["panic.payload"] == "the work thread fell over")
        .unwrap_or_else(|| panic!("no panic event in\n{stderr}"));
    assert_eq!(panic["level"], "ERROR", "{panic}");
    assert!(panic["fields"]["panic.location"].as_str().unwrap().contains("config.rs"), "{panic}");
}

/// A bad value from a variable is named as that variable, not only as the flag clap reports it under.
#[test]
fn a_bad_value_from_the_environment_names_its_variable() {
    let tip = "tip: the value came from the environment variable";
    for args in [&["serve"][..], &[]] {
        let output = devtools(args, &[("DEVTOOLS_IDLE_TIMEOUT", "soon")]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("invalid value 'soon' for '--idle-timeout"), "{args:?}: {stderr}");
        assert!(stderr.contains(&format!("{tip} DEVTOOLS_IDLE_TIMEOUT")), "{args:?}: {stderr}");
    }
    // Given on the command line, the flag is the thing to fix, even with the variable set too.
    for flag in [&["serve", "--idle-timeout", "soon"][..], &["serve", "--idle-timeout=soon"]] {
        let output = devtools(flag, &[("DEVTOOLS_IDLE_TIMEOUT", "5")]).output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("'--idle-timeout") && !stderr.contains(tip), "{flag:?}: {stderr}");
    }
}
