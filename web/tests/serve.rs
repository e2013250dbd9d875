//! How `devtools serve` starts and stops: settings refused before it starts, start-up failures that say what
//! failed whatever the log settings, the start-up banner, and draining at shutdown. The real binary, on free
//! loopback ports.

// Helpers outside `#[test]` functions unwrap too: a failure there is a failed test.
#![allow(clippy::unwrap_used)]

mod support;
use std::net::TcpListener;
use std::process::Output;
use support::{Server, devtools, http_get};

/// Runs `devtools serve` with `args` and `env` until it exits by itself.
fn serve(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut all = vec!["serve"];
    all.extend_from_slice(args);
    devtools(&all, env).output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A port taken for the duration of a test, so the server cannot bind it.
fn taken_port() -> (TcpListener, String) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    (listener, addr)
}

#[test]
fn a_log_level_that_is_not_a_level_is_refused_at_start_up() {
    // A port in use: were the level accepted, the server would fail to start, silently before the fix.
    let (_taken, addr) = taken_port();
    for (variable, value) in [
        ("DEVTOOLS_LOG_LEVEL", "warning"),
        ("DEVTOOLS_LOG_LEVEL", "nonsense"),
        ("DEVTOOLS_LOG_LEVEL", ""),
        ("RUST_LOG", "warning"),
    ] {
        let output = serve(&[], &[(variable, value), ("DEVTOOLS_ADDR", &addr)]);
        let stderr = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{variable}={value:?}: {stderr}");
        assert!(stderr.contains(variable), "{variable}={value:?} names the variable: {stderr}");
        assert!(stderr.contains("error, warn, info, debug, trace, off"), "{stderr}");
    }
    let output = serve(&["--log-level", "warning"], &[("DEVTOOLS_ADDR", &addr)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--log-level"), "{}", stderr(&output));
}

#[test]
fn filter_directives_still_work() {
    let (_taken, addr) = taken_port();
    for filter in ["info,devtools_web=debug", "warn", "error,devtools::request=off"] {
        let output = serve(&[], &[("DEVTOOLS_LOG_LEVEL", filter), ("DEVTOOLS_ADDR", &addr)]);
        // Accepted: the server gets as far as binding, and says why that failed.
        assert_eq!(output.status.code(), Some(1), "{filter}: {}", stderr(&output));
        assert!(stderr(&output).contains("ERROR"), "{filter}: {}", stderr(&output));
    }
}

#[test]
fn a_fatal_start_up_error_reaches_stderr_whatever_the_log_settings() {
    let (_taken, addr) = taken_port();
    for env in [
        &[("DEVTOOLS_LOG_LEVEL", "off")][..],
        &[("DEVTOOLS_LOG_LEVEL", "off"), ("DEVTOOLS_LOG_FORMAT", "json")],
        &[("RUST_LOG", "devtools::request=info")],
        &[("DEVTOOLS_LOG_FORMAT", "json")],
    ] {
        let mut env = env.to_vec();
        env.push(("DEVTOOLS_ADDR", &addr));
        let output = serve(&[], &env);
        let stderr = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{env:?}: {stderr}");
        assert!(stderr.contains("os error"), "{env:?}: the reason is shown: {stderr:?}");
    }
}

#[test]
fn a_duration_or_size_out_of_range_is_refused_with_its_range() {
    let huge = "9223372036854775807";
    // Were a value accepted, the server would stop at its bind instead (exit 1) rather than serve on.
    let (_taken, addr) = taken_port();
    for (variable, value, range) in [
        ("DEVTOOLS_IDLE_TIMEOUT", huge, "1..=3600"),
        ("DEVTOOLS_IDLE_TIMEOUT", "3601", "1..=3600"),
        ("DEVTOOLS_SHUTDOWN_GRACE", huge, "0..=3600"),
        ("DEVTOOLS_MAX_CONNECTIONS", huge, "1..=1048576"),
    ] {
        let output = serve(&[], &[(variable, value), ("DEVTOOLS_ADDR", &addr)]);
        let stderr = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{variable}={value}: {stderr}");
        assert!(stderr.contains(value) && stderr.contains(range), "{variable}={value}: {stderr}");
    }
    let output = devtools(&["healthcheck", "--timeout", huge], &[]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}

#[test]
fn a_bind_failure_names_the_listener_and_its_address() {
    let (_taken, taken) = taken_port();
    let output = serve(&["--addr", &taken], &[]);
    let stderr = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("cannot bind the site listener to {taken}")), "{stderr}");
    assert!(stderr.contains("could not start") && !stderr.contains("stopped"), "{stderr}");

    let output = serve(&["--addr", "127.0.0.1:0", "--metrics-addr", &taken], &[]);
    let stderr = self::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("cannot bind the metrics listener to {taken}")), "{stderr}");

    // The metrics on the site's own address: a free port, released for the server to take twice.
    let free = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().to_string();
    let output = serve(&["--addr", &free], &[("DEVTOOLS_METRICS_ADDR", &free)]);
    let stderr = self::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("cannot bind the metrics listener to {free}")), "{stderr}");
    assert!(stderr.contains("the site's own address"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn the_banner_gives_the_sites_url_with_its_base_path() {
    let server = Server::start(
        &["serve", "--addr", "127.0.0.1:0", "--base-path", "/tools/", "--log-level", "warn"],
        &[],
    );
    assert!(server.url.starts_with("http://127.0.0.1:"), "{}", server.url);
    assert!(server.url.ends_with("/tools/"), "{}", server.url);
    let (status, home) = http_get(&server.url);
    assert_eq!(status, 200);
    assert!(home.contains("<html"), "{home}");
    assert_eq!(server.stop().0, Some(0));
}

#[cfg(unix)]
#[test]
fn with_json_logs_the_banner_is_a_json_event_and_stdout_stays_empty() {
    let server = Server::start_json(
        &["serve", "--addr", "127.0.0.1:0"],
        &[("DEVTOOLS_LOG_FORMAT", "json"), ("DEVTOOLS_BASE_PATH", "/dev/tools")],
    );
    assert!(server.url.ends_with("/dev/tools/"), "{}", server.url);
    assert_eq!(http_get(&server.url).0, 200);
    let (code, stdout, stderr) = server.stop_all();
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "", "nothing but JSON, and on stderr");
    let banner: Vec<serde_json::Value> = stderr
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
        .filter(|event: &serde_json::Value| event["fields"]["url"].is_string())
        .collect();
    assert_eq!(banner.len(), 1, "{stderr}");
    assert_eq!(banner[0]["level"], "INFO");
    let message = banner[0]["fields"]["message"].as_str().unwrap();
    assert!(message.starts_with("devtools listening on http://127.0.0.1:"), "{message}");
    assert!(message.ends_with("/dev/tools/"), "{message}");
}

/// Polls `url` until it answers `status`, for at most `bound`: the last answer.
fn poll_until(url: &str, status: u16, bound: std::time::Duration) -> (u16, String) {
    let deadline = std::time::Instant::now() + bound;
    loop {
        let answer = http_get(url);
        if answer.0 == status || std::time::Instant::now() > deadline {
            return answer;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[cfg(unix)]
#[test]
fn after_sigterm_the_server_drains_for_the_drain_delay_then_exits_0() {
    use std::time::{Duration, Instant};
    let args = ["serve", "--addr", "127.0.0.1:0", "--base-path", "/tools"];
    let server = Server::start(
        &args,
        &[("DEVTOOLS_DRAIN_DELAY", "3"), ("DEVTOOLS_LOG_LEVEL", "info,devtools::request=off")],
    );
    let site = server.url.clone();
    let origin = site.strip_suffix("/tools/").unwrap().to_owned();
    let readyz = format!("{origin}/readyz");
    assert_eq!(http_get(&readyz).0, 200);

    server.terminate();
    let signalled = Instant::now();
    let (status, body) = poll_until(&readyz, 503, Duration::from_secs(2));
    assert_eq!(status, 503, "{body}");
    let readiness: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!((&readiness["ready"], &readiness["draining"]), (&false.into(), &true.into()));
    assert!(readiness["load"]["capacity"].is_number(), "the load is still there: {body}");
    assert_eq!(http_get(&format!("{site}readyz")).0, 503, "below the base path too");
    // New connections are still accepted and served, pages and probes alike.
    assert_eq!(http_get(&format!("{site}http-status/418")).0, 200);
    assert_eq!(http_get(&format!("{origin}/healthz")), (200, "ok".to_owned()));
    assert!(signalled.elapsed() < Duration::from_secs(3), "the test was too slow to check");

    let (code, _, stderr) = server.wait();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(signalled.elapsed() >= Duration::from_millis(2900), "{:?}", signalled.elapsed());
    assert!(stderr.contains("draining for 3s"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn without_a_drain_delay_sigterm_stops_accepting_at_once() {
    use std::time::{Duration, Instant};
    let server = Server::start(&["serve", "--addr", "127.0.0.1:0", "--log-level", "off"], &[]);
    let signalled = Instant::now();
    let (code, _, stderr) = server.stop_all();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(signalled.elapsed() < Duration::from_secs(2), "{:?}", signalled.elapsed());
}

/// On every interface the banner's URL is `0.0.0.0`, which browsers refuse: a second line gives the address to
/// open on this machine (and the JSON event a `local_url`).
#[cfg(unix)]
#[test]
fn on_every_interface_the_banner_also_says_where_to_open_it_here() {
    let server = Server::start(&["serve", "--addr", "0.0.0.0:0", "--log-level", "warn"], &[]);
    assert!(server.url.starts_with("http://0.0.0.0:"), "{}", server.url);
    let port = server.url.rsplit(':').next().unwrap().to_owned();
    let (code, stdout, _) = server.stop_all();
    assert_eq!(code, Some(0));
    assert_eq!(stdout, format!("  on every interface; on this machine: http://127.0.0.1:{port}\n"));

    let server = Server::start_json(
        &["serve", "--addr", "0.0.0.0:0", "--log-format", "json", "--base-path", "/tools"],
        &[],
    );
    let (_, _, stderr) = server.stop_all();
    let event = stderr
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find(|event| event["fields"]["url"].is_string())
        .unwrap();
    let url = event["fields"]["url"].as_str().unwrap();
    assert!(url.starts_with("http://0.0.0.0:") && url.ends_with("/tools/"), "{event}");
    assert_eq!(event["fields"]["local_url"], url.replace("0.0.0.0", "127.0.0.1"), "{event}");
}
