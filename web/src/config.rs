//! What `devtools serve` and `devtools healthcheck` are told: command-line flags, each with a `DEVTOOLS_*`
//! environment variable for containers and service managers (a flag given on the command line wins over its
//! variable), and the log set-up they choose.
//!
//! The limits that are not flags (the request body limit, the request timeout, the work budgets) are fixed by the
//! host ([`crate::settings`]) and stated in the API document.

use crate::server;
use std::io::IsTerminal;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// The address `devtools serve` listens on by default: loopback only, so a first run exposes nothing.
pub const DEFAULT_ADDR: SocketAddr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 3000);

/// The log filter when neither `--log-level` nor `RUST_LOG` says otherwise.
pub const DEFAULT_LOG_LEVEL: &str = "info";

/// The longest `--idle-timeout` accepted, in seconds: an hour.
pub const MAX_IDLE_TIMEOUT: u64 = 3600;

/// The longest `--shutdown-grace` accepted, in seconds: an hour.
pub const MAX_SHUTDOWN_GRACE: u64 = 3600;

/// The most `--max-connections` accepted: far above any open-file limit, which lowers the cap anyway.
pub const MAX_MAX_CONNECTIONS: u64 = 1_048_576;

/// The longest `--drain-delay` accepted, in seconds: five minutes.
pub const MAX_DRAIN_DELAY: u64 = 300;

/// The longest `devtools healthcheck --timeout` accepted, in seconds.
pub const MAX_HEALTHCHECK_TIMEOUT: u64 = 300;

/// `devtools serve`: where to listen, the connection limits, the log and the metrics.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on. `0.0.0.0:3000` listens on every interface (what a container needs).
    #[arg(long, env = "DEVTOOLS_ADDR", default_value_t = DEFAULT_ADDR)]
    pub addr: SocketAddr,
    /// Close a connection that has had no request in flight for this long: from accept to its first request,
    /// and between requests. 1 to 3600 seconds.
    #[arg(long, env = "DEVTOOLS_IDLE_TIMEOUT", value_name = "SECONDS",
          default_value_t = server::IDLE_TIMEOUT.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..=MAX_IDLE_TIMEOUT))]
    pub idle_timeout: u64,
    /// Serve at most this many connections at once; more are answered `503 busy` and closed. Lowered to fit the
    /// open-file limit (`ulimit -n`). 1 to 1048576.
    #[arg(long, env = "DEVTOOLS_MAX_CONNECTIONS", value_name = "N", default_value_t = server::MAX_CONNECTIONS,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=MAX_MAX_CONNECTIONS))]
    pub max_connections: usize,
    /// On SIGTERM or Ctrl-C, wait at most this long for the requests in flight, then exit anyway. 0 to 3600
    /// seconds.
    #[arg(long, env = "DEVTOOLS_SHUTDOWN_GRACE", value_name = "SECONDS",
          default_value_t = server::SHUTDOWN_GRACE.as_secs(),
          value_parser = clap::value_parser!(u64).range(..=MAX_SHUTDOWN_GRACE))]
    pub shutdown_grace: u64,
    /// On SIGTERM or Ctrl-C, first drain for this long: `/readyz` answers 503 so load balancers stop sending new
    /// requests, while connections are still accepted and served; then stop as `--shutdown-grace` says. Behind a
    /// Kubernetes Service, a few seconds covers the time it takes to drop a terminating pod. A second signal cuts
    /// it short. 0 to 300 seconds; 0 stops accepting at once.
    #[arg(long, env = "DEVTOOLS_DRAIN_DELAY", value_name = "SECONDS",
          default_value_t = server::DRAIN_DELAY.as_secs(),
          value_parser = clap::value_parser!(u64).range(..=MAX_DRAIN_DELAY))]
    pub drain_delay: u64,
    /// What to log: a level (`error`, `warn`, `info`, `debug`, `trace`, `off`) or filter directives such as
    /// `info,devtools::request=warn` (no per-request lines). Without it, `RUST_LOG`, else `info`. Anything else
    /// (`warning`, a bare word) is refused at start-up, as is an invalid `RUST_LOG`.
    #[arg(long, env = "DEVTOOLS_LOG_LEVEL", value_name = "FILTER",
          value_parser = |text: &str| log_filter(text, "--log-level or DEVTOOLS_LOG_LEVEL"))]
    pub log_level: Option<String>,
    /// How log lines are written to stderr: `text` for people, `json` (one object per line) for log collectors.
    /// Request lines name the method, route template (`/http-status/{code}`), status and latency, never the path,
    /// the query string or the body, which may hold what a user typed.
    #[arg(long, env = "DEVTOOLS_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// Serve Prometheus metrics at `http://ADDR/metrics` on this separate address (keep it off the public
    /// network). Off when not given.
    #[arg(long, env = "DEVTOOLS_METRICS_ADDR", value_name = "ADDR")]
    pub metrics_addr: Option<SocketAddr>,
    /// Serve the site below this path (`/tools`), for a reverse proxy that forwards
    /// `https://example.com/tools/…` unchanged: every link, asset, form and script call starts with it, and
    /// other paths answer 404 (`/` redirects to it; `/healthz` and `/readyz` answer at the root too).
    #[arg(long, env = "DEVTOOLS_BASE_PATH", value_name = "PATH", default_value = "",
          value_parser = |text: &str| devtools_kit::BasePath::parse(text).map_err(|error| error.to_string()))]
    pub base_path: devtools_kit::BasePath,
}

impl Default for ServeArgs {
    fn default() -> Self {
        ServeArgs {
            addr: DEFAULT_ADDR,
            idle_timeout: server::IDLE_TIMEOUT.as_secs(),
            max_connections: server::MAX_CONNECTIONS,
            shutdown_grace: server::SHUTDOWN_GRACE.as_secs(),
            drain_delay: server::DRAIN_DELAY.as_secs(),
            log_level: None,
            log_format: LogFormat::Text,
            metrics_addr: None,
            base_path: devtools_kit::BasePath::default(),
        }
    }
}

/// `devtools healthcheck`: asks a running server's `/healthz`, for a container's `HEALTHCHECK` (an image with
/// no shell or curl has only this binary).
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct HealthcheckArgs {
    /// The server's address; an unspecified one (`0.0.0.0`, `[::]`) is asked on loopback. Read from the same
    /// variable as `devtools serve --addr`, so a container's one setting serves both.
    #[arg(long, env = "DEVTOOLS_ADDR", default_value_t = DEFAULT_ADDR)]
    pub addr: SocketAddr,
    /// The server's metrics address (`devtools serve --metrics-addr`, same variable), when it has one: asked
    /// instead of `--addr`, since it answers `/healthz` even when every connection the site's address serves is
    /// taken.
    #[arg(long, env = "DEVTOOLS_METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,
    /// Give up after this many seconds without an answer. 1 to 300.
    #[arg(long, value_name = "SECONDS", default_value_t = 2,
          value_parser = clap::value_parser!(u64).range(1..=MAX_HEALTHCHECK_TIMEOUT))]
    pub timeout: u64,
}

/// The log's line format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines, in colour when stderr is a terminal.
    Text,
    /// One JSON object per line: `timestamp`, `level`, `target`, `fields`.
    Json,
}

/// Why the log could not be set up.
#[derive(Debug)]
pub struct LogError(String);

impl std::fmt::Display for LogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LogError {}

/// The levels a log filter may name on their own, for the error that lists them.
pub const LOG_LEVELS: [&str; 6] = ["error", "warn", "info", "debug", "trace", "off"];

/// Checks a log filter (`--log-level`, `RUST_LOG`) and gives it back; `source` names where it came from in the
/// error.
///
/// `EnvFilter` reads a bare word that is not a level as a target to log at `trace`, so `warning` would switch off
/// everything but a target named `warning`, fatal errors included. Here a directive without `=` (or a span
/// filter in `[…]`) must be a level; `target=level` directives pass on to `EnvFilter`'s own checks.
pub fn log_filter(text: &str, source: &str) -> Result<String, String> {
    let accepted = format!(
        "accepted: a level ({}) or directives such as `info,devtools_web=debug` (from {source})",
        LOG_LEVELS.join(", ")
    );
    let directives: Vec<&str> =
        text.split(',').map(str::trim).filter(|directive| !directive.is_empty()).collect();
    if directives.is_empty() {
        return Err(format!("the log filter is empty; {accepted}"));
    }
    for directive in directives {
        let plain = !directive.contains('=') && !directive.contains('[');
        if plain && directive.parse::<tracing::level_filters::LevelFilter>().is_err() {
            return Err(format!(
                "{directive:?} is not a log level (to log a target, write `{directive}=LEVEL`); {accepted}"
            ));
        }
    }
    match tracing_subscriber::EnvFilter::try_new(text) {
        Ok(_) => Ok(text.to_owned()),
        Err(error) => Err(format!("invalid log filter {text:?}: {error}; {accepted}")),
    }
}

/// Logs to stderr in `format`, filtered by `level` (directives), else `RUST_LOG` (unless empty), else
/// `default`. Text is in colour only when stderr is a terminal, so a log written to a file or a journal has no
/// escape codes. With JSON, a panic is logged too, as an `error` event with its message, location and (when
/// `RUST_BACKTRACE` asks for one) backtrace, in place of std's plain-text message, so a log collector reading
/// one JSON object per line does not lose it.
///
/// # Errors
/// `level` or `RUST_LOG` is not a valid filter ([`log_filter`]), or a logger is already installed.
pub fn init_logging(format: LogFormat, level: Option<&str>, default: &str) -> Result<(), LogError> {
    use tracing_subscriber::EnvFilter;
    let from_env = match std::env::var("RUST_LOG") {
        Ok(text) if text.trim().is_empty() => None,
        Ok(text) => Some(text),
        Err(std::env::VarError::NotPresent) => None,
        Err(std::env::VarError::NotUnicode(_)) => {
            return Err(LogError("invalid RUST_LOG: not UTF-8".to_owned()));
        }
    };
    let directives = match (level, from_env) {
        (Some(level), _) => log_filter(level, "--log-level or DEVTOOLS_LOG_LEVEL"),
        (None, Some(text)) => {
            log_filter(&text, "RUST_LOG").map_err(|error| format!("invalid RUST_LOG: {error}"))
        }
        (None, None) => log_filter(default, "the default"),
    }
    .map_err(LogError)?;
    let filter = EnvFilter::try_new(directives).map_err(|error| LogError(error.to_string()))?;
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let result = match format {
        LogFormat::Text => builder.with_ansi(std::io::stderr().is_terminal()).try_init(),
        LogFormat::Json => builder.json().with_current_span(false).try_init(),
    };
    result.map_err(|error| LogError(error.to_string()))?;
    if format == LogFormat::Json {
        std::panic::set_hook(Box::new(tracing_panic::panic_hook));
    }
    Ok(())
}

/// clap's error for a bad value names the flag (`--idle-timeout <SECONDS>`) even when the value came from the
/// flag's environment variable; then the error gets a tip naming the variable (`DEVTOOLS_IDLE_TIMEOUT`), which
/// is what the user has to fix. `command` is the whole command line's definition and `args` the arguments it
/// was given (the program's name first); an error about a value given on the command line is returned unchanged.
pub fn name_the_variable(
    mut error: clap::Error,
    command: &clap::Command,
    args: &[std::ffi::OsString],
) -> clap::Error {
    use clap::error::{ContextKind, ContextValue};
    let Some(ContextValue::String(invalid)) = error.get(ContextKind::InvalidArg) else {
        return error;
    };
    // `--idle-timeout <SECONDS>`: the flag is its first word.
    let Some(flag) = invalid.split(' ').next().and_then(|flag| flag.strip_prefix("--")) else {
        return error;
    };
    let Some(variable) = all_args(command)
        .find(|arg| arg.get_long() == Some(flag))
        .and_then(|arg| arg.get_env())
        .map(|variable| variable.to_string_lossy().into_owned())
    else {
        return error;
    };
    let on_command_line = args.iter().skip(1).any(|arg| {
        let arg = arg.to_string_lossy();
        arg.strip_prefix("--")
            .is_some_and(|rest| rest == flag || rest.starts_with(&format!("{flag}=")))
    });
    if !on_command_line && std::env::var_os(&variable).is_some() {
        let tip = format!("the value came from the environment variable {variable}");
        error.insert(ContextKind::Suggested, ContextValue::StyledStrs(vec![tip.into()]));
    }
    error
}

/// Every argument of `command` and of its subcommands, at any depth.
fn all_args(command: &clap::Command) -> Box<dyn Iterator<Item = &clap::Arg> + '_> {
    Box::new(command.get_arguments().chain(command.get_subcommands().flat_map(all_args)))
}

/// Where to reach a server listening on `addr`: loopback in place of an unspecified address.
pub fn reachable(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv4Addr::LOCALHOST.into(), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv6Addr::LOCALHOST.into(), addr.port())
        }
        _ => addr,
    }
}

/// `devtools healthcheck`: `GET /healthz` over plain HTTP/1.1, at the metrics address when there is one (see
/// [`HealthcheckArgs::metrics_addr`]); `Ok` when the server answered `200`.
pub fn healthcheck(args: &HealthcheckArgs) -> Result<(), String> {
    use std::io::{Read, Write};
    let timeout = std::time::Duration::from_secs(args.timeout);
    let target = reachable(args.metrics_addr.unwrap_or(args.addr));
    let mut stream = std::net::TcpStream::connect_timeout(&target, timeout)
        .map_err(|error| format!("cannot connect to {target}: {error}"))?;
    stream.set_read_timeout(Some(timeout)).map_err(|error| error.to_string())?;
    stream.set_write_timeout(Some(timeout)).map_err(|error| error.to_string())?;
    let request = format!("GET /healthz HTTP/1.1\r\nHost: {target}\r\nConnection: close\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .map_err(|error| format!("cannot ask {target}: {error}"))?;
    // The status line is all that is needed; the answer is a few hundred bytes.
    let mut head = Vec::with_capacity(512);
    stream
        .take(4096)
        .read_to_end(&mut head)
        .map_err(|error| format!("no answer from {target}: {error}"))?;
    let status_line = head.split(|&byte| byte == b'\n').next().unwrap_or_default();
    let status_line = String::from_utf8_lossy(status_line);
    match status_line.split_whitespace().nth(1) {
        Some("200") => Ok(()),
        Some(status) => Err(format!("{target} answered /healthz with {status}")),
        None => Err(format!("{target} sent no HTTP answer")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unspecified_addresses_are_asked_on_loopback() {
        assert_eq!(reachable("0.0.0.0:3000".parse().unwrap()), "127.0.0.1:3000".parse().unwrap());
        assert_eq!(reachable("[::]:8080".parse().unwrap()), "[::1]:8080".parse().unwrap());
        assert_eq!(reachable("10.1.2.3:3000".parse().unwrap()), "10.1.2.3:3000".parse().unwrap());
    }

    #[test]
    fn a_log_filter_is_levels_or_target_directives() {
        for good in [
            "info",
            "WARN",
            "off",
            "trace",
            "info,devtools_web=debug",
            "warn",
            "info,",
            "devtools::request=warn",
        ] {
            assert_eq!(log_filter(good, "here").as_deref(), Ok(good), "{good}");
        }
        for (bad, says) in [
            ("warning", "\"warning\" is not a log level"),
            ("nonsense", "`nonsense=LEVEL`"),
            ("", "empty"),
            (" , ", "empty"),
            ("info,devtools_web", "\"devtools_web\" is not a log level"),
            ("devtools_web=loud", "invalid log filter"),
        ] {
            let error = log_filter(bad, "--log-level or DEVTOOLS_LOG_LEVEL").unwrap_err();
            assert!(error.contains(says), "{bad:?}: {error}");
            assert!(error.contains("error, warn, info, debug, trace, off"), "{error}");
            assert!(error.contains("DEVTOOLS_LOG_LEVEL"), "{error}");
        }
    }

    /// The ranges are stated in the help by hand: each must name its bound.
    #[test]
    fn the_help_of_every_bounded_setting_states_its_range() {
        use clap::CommandFactory;
        #[derive(Debug, clap::Parser)]
        struct Wrapper {
            #[command(flatten)]
            serve: ServeArgs,
            #[command(flatten)]
            healthcheck: HealthcheckArgs,
        }
        let command = Wrapper::command();
        for (id, range) in [
            ("idle_timeout", format!("1 to {MAX_IDLE_TIMEOUT} seconds")),
            ("shutdown_grace", format!("0 to {MAX_SHUTDOWN_GRACE}")),
            ("drain_delay", format!("0 to {MAX_DRAIN_DELAY} seconds")),
            ("max_connections", format!("1 to {MAX_MAX_CONNECTIONS}")),
            ("timeout", format!("1 to {MAX_HEALTHCHECK_TIMEOUT}")),
        ] {
            let arg = command.get_arguments().find(|arg| arg.get_id() == id).unwrap();
            let help = arg.get_help().unwrap().to_string();
            assert!(help.contains(&range), "{id}: {help}");
        }
    }

    #[test]
    fn the_default_serve_args_are_the_flags_defaults() {
        use clap::Parser;
        #[derive(Debug, clap::Parser)]
        struct Wrapper {
            #[command(flatten)]
            serve: ServeArgs,
        }
        // No DEVTOOLS_* variable is set in the test environment for these, so the defaults show.
        let parsed = Wrapper::try_parse_from(["devtools"]).unwrap().serve;
        if std::env::vars().all(|(name, _)| !name.starts_with("DEVTOOLS_")) {
            assert_eq!(parsed, ServeArgs::default());
        }
    }
}
