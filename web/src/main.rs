//! `devtools`: serve the site, run a tool from the terminal, or export the reference as a static site.

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use devtools_kit::Settings;
use devtools_web::config::{self, HealthcheckArgs, LogFormat, ServeArgs};
use devtools_web::metrics::Metrics;
use devtools_web::server::{self, ConnectionStats, Stopped};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, clap::Parser)]
#[command(
    name = "devtools",
    version,
    about = "Fast, private developer tools: a web site, a JSON API and a command line."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the site (the default when no subcommand is given).
    #[command(after_help = SERVE_EXIT_STATUS)]
    Serve(Box<ServeArgs>),
    /// Write every page that needs no input (home, status codes, tool pages) as a static site into DIR.
    Export {
        /// The folder to write into; created if missing.
        dir: PathBuf,
    },
    /// Ask a running server's `/healthz`: exit 0 if it answers 200, 1 otherwise (a container's HEALTHCHECK).
    Healthcheck(HealthcheckArgs),
}

/// What `devtools serve --help` says about how the server exits.
const SERVE_EXIT_STATUS: &str = "On SIGTERM or Ctrl-C the server drains for the drain delay (none by default): \
/readyz answers 503 while connections are still accepted and served. Then it stops accepting connections and \
waits up to the shutdown grace for the requests in flight.\n\n\
Exit status: 0 after a clean shutdown (every request taken was answered); 1 if the server could not start or \
failed; 3 if the shutdown grace ran out with requests still in flight (they were cut off).";

/// `devtools` with no subcommand: `devtools serve` with its defaults and the environment's `DEVTOOLS_*` settings.
#[derive(Debug, clap::Parser)]
#[command(name = "devtools")]
struct ServeOnly {
    #[command(flatten)]
    serve: ServeArgs,
}

/// mimalloc gives memory back to the system after a spike, where glibc's allocator kept most of it (measured:
/// BENCHMARKS.md, "Memory after a spike").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A worker process serving isolated jobs for the server (`devtools __work`, jobs framed on stdin): kept out of
    // the parser, so it is in no `--help`, and started before anything else.
    let args: Vec<String> = std::env::args().take(3).collect();
    if let [_, sub] = args.as_slice()
        && sub == devtools_web::WORK_SUBCOMMAND
    {
        return ExitCode::from(devtools_web::work_child().clamp(0, 255) as u8);
    }
    // Each tool brings its own subcommand (`devtools_cron::cli::command()` and the like); the host only lists them.
    let tools = devtools_web::tools::commands();
    let command = tools.iter().fold(Cli::command(), |cli, tool| cli.subcommand(tool.clap()));
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let matches = command
        .clone()
        .try_get_matches_from(&args)
        .unwrap_or_else(|error| config::name_the_variable(error, &command, &args).exit());
    if let Some((name, sub)) = matches.subcommand()
        && let Some(tool) = tools.iter().find(|tool| tool.name == name)
    {
        return tool.run(sub);
    }
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    let serve_args = match cli.command {
        Some(Command::Serve(serve_args)) => *serve_args,
        None => {
            // No arguments: the serve options come from the environment only.
            ServeOnly::try_parse_from(["devtools"])
                .unwrap_or_else(|error| {
                    config::name_the_variable(error, &ServeOnly::command(), &[]).exit()
                })
                .serve
        }
        Some(Command::Export { dir }) => return export(&dir),
        Some(Command::Healthcheck(args)) => return healthcheck(&args),
    };
    if let Err(error) = config::init_logging(
        serve_args.log_format,
        serve_args.log_level.as_deref(),
        config::DEFAULT_LOG_LEVEL,
    ) {
        devtools_kit::cli::print_error(&error.to_string());
        return ExitCode::from(2);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            fatal("cannot start the async runtime", &error);
            return ExitCode::FAILURE;
        }
    };
    let grace = Duration::from_secs(serve_args.shutdown_grace);
    let code = match runtime.block_on(serve(&serve_args)) {
        Ok(Stopped::Clean) => {
            tracing::info!("shut down cleanly");
            ExitCode::SUCCESS
        }
        Ok(Stopped::GraceExpired { open }) => {
            tracing::warn!(
                open_connections = open,
                "the shutdown grace of {grace:?} ran out with requests still in flight; exiting without them"
            );
            ExitCode::from(server::EXIT_GRACE_EXPIRED)
        }
        Err(error) => {
            fatal("devtools could not start", &error);
            ExitCode::FAILURE
        }
    };
    // Dropping the runtime would wait for every blocking task: work that overran must not keep the process alive.
    // Tasks are dropped (closing connections, killing `kill_on_drop` children); blocking threads are left behind.
    runtime.shutdown_timeout(server::RUNTIME_STOP_TIMEOUT);
    code
}

/// Reports why the process stops: through the log when it shows errors, else straight to stderr, so that no log
/// level or filter (`off`, `devtools::request=info`) hides why the process exits.
fn fatal(message: &str, error: &dyn std::fmt::Display) {
    if tracing::enabled!(tracing::Level::ERROR) {
        tracing::error!(%error, "{message}");
    } else {
        devtools_kit::cli::print_error(&format!("{message}: {error}"));
    }
}

/// `devtools healthcheck`: silent when healthy (a HEALTHCHECK runs it every few seconds); the reason on stderr
/// otherwise.
fn healthcheck(args: &HealthcheckArgs) -> ExitCode {
    match config::healthcheck(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            devtools_kit::cli::print_error(&format!("healthcheck: {error}"));
            ExitCode::FAILURE
        }
    }
}

fn export(dir: &std::path::Path) -> ExitCode {
    // The request log would print a line per exported file; errors still show.
    if let Err(error) = config::init_logging(LogFormat::Text, None, "warn") {
        devtools_kit::cli::print_error(&error.to_string());
        return ExitCode::from(2);
    }
    let result = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| error.to_string())
        .and_then(|runtime| {
            runtime.block_on(devtools_web::export::export(dir)).map_err(|error| error.to_string())
        });
    match result {
        Ok(summary) => {
            println!(
                "wrote {} pages and {} files to {}",
                summary.pages,
                summary.files,
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            // A command's failure, said as every command says it (the log is for the server's events).
            devtools_kit::cli::print_error(&format!("export failed: {error}"));
            ExitCode::FAILURE
        }
    }
}

/// Serves until the shutdown signal: how it stopped, or why it could not start (the error says what failed).
async fn serve(args: &ServeArgs) -> Result<Stopped, String> {
    let connections = Arc::new(ConnectionStats::default());
    let metrics = args.metrics_addr.map(|_| Metrics::new(Arc::clone(&connections)));
    let served = devtools_web::served_settings().map_err(|error| {
        format!("cannot find this program's path, to run tool work in worker processes: {error}")
    })?;
    // `/readyz` answers 503 once the shutdown signal begins the drain (`server::drain_after`).
    let draining = server::Draining::default();
    let settings =
        Settings { base_path: args.base_path.clone(), draining: draining.clone(), ..served };
    let site = devtools_web::app_observed(settings, metrics.as_ref())
        .map_err(|error| format!("cannot build the site: {error}"))?;
    let app = devtools_web::fast_pages::FastPages::new(site, metrics.clone());
    let (listener, local) = bind("site", args.addr, "--addr, DEVTOOLS_ADDR", None).await?;
    if let (Some(metrics), Some(metrics_addr)) = (&metrics, args.metrics_addr) {
        let (metrics_listener, metrics_local) =
            bind("metrics", metrics_addr, "--metrics-addr, DEVTOOLS_METRICS_ADDR", Some(local))
                .await?;
        tracing::info!(%metrics_local, "metrics at http://{metrics_local}/metrics");
        // Its own few connections; it ends with the runtime, after the site's shutdown.
        let options =
            server::Options { max_connections: METRICS_CONNECTIONS, ..server::Options::default() };
        tokio::spawn(server::serve(
            metrics_listener,
            metrics.router(),
            options,
            std::future::pending(),
        ));
    }
    let signals = shutdown_signals();
    let reachable = config::reachable(local);
    let here = (reachable != local).then(|| site_url(reachable, &args.base_path));
    banner(&site_url(local, &args.base_path), here.as_deref(), args.log_format);
    let options = server::Options {
        idle_timeout: Duration::from_secs(args.idle_timeout),
        max_connections: server::connection_cap(args.max_connections),
        shutdown_grace: Duration::from_secs(args.shutdown_grace),
    };
    let drain_delay = Duration::from_secs(args.drain_delay);
    let next_signal = move || {
        let signals = Arc::clone(&signals);
        async move { signals.notified().await }
    };
    let shutdown = server::drain_after(next_signal, &draining, drain_delay);
    Ok(server::serve_counted(listener, app, options, shutdown, connections).await)
}

/// The site's address as a URL: its home page below a base path (`http://127.0.0.1:3000/tools/`), else the bare
/// origin (`http://127.0.0.1:3000`), to which a path can be appended.
fn site_url(local: SocketAddr, base_path: &devtools_kit::BasePath) -> String {
    if base_path.is_root() {
        format!("http://{local}")
    } else {
        format!("http://{local}{}", base_path.join("/"))
    }
}

/// Says where the site is, once it listens: the one line a person (or a test) waits for, on stdout as plain text;
/// with JSON logs, an `info` event with the `url` field instead, so a log collector gets only JSON. Listening on
/// every interface (`0.0.0.0`, `[::]`), `here` is the address to open on this machine, on a second line (or in a
/// `local_url` field): browsers refuse to connect to an unspecified address.
fn banner(url: &str, here: Option<&str>, format: LogFormat) {
    match (format, here) {
        (LogFormat::Text, None) => println!("devtools listening on {url}"),
        (LogFormat::Text, Some(here)) => {
            println!("devtools listening on {url}\n  on every interface; on this machine: {here}");
        }
        (LogFormat::Json, None) => tracing::info!(url, "devtools listening on {url}"),
        (LogFormat::Json, Some(here)) => {
            tracing::info!(
                url,
                local_url = here,
                "devtools listening on {url}, on every interface"
            );
        }
    }
}

/// Binds the `which` listener ("site", "metrics") to `addr`, which `setting` gave: the listener and its address,
/// or an error naming the listener, the address and the setting. `site` is the site's address, to say when the
/// metrics are asked to share it.
async fn bind(
    which: &str,
    addr: SocketAddr,
    setting: &str,
    site: Option<SocketAddr>,
) -> Result<(tokio::net::TcpListener, SocketAddr), String> {
    let failed = |error: std::io::Error| {
        let shared = if site == Some(addr) { ", the site's own address" } else { "" };
        format!("cannot bind the {which} listener to {addr} ({setting}{shared}): {error}")
    };
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(failed)?;
    let local = listener.local_addr().map_err(failed)?;
    Ok((listener, local))
}

/// Connections the metrics address serves at once: a scraper or two.
const METRICS_CONNECTIONS: usize = 16;

/// Listens for SIGINT and SIGTERM from now on: each one wakes a waiter of the returned `Notify` (or the next one to
/// wait), and the server then drains, stops accepting and lets in-flight requests finish ([`server::drain_after`]).
/// It starts before the banner, so a signal sent as soon as the server says where it listens is caught, not left
/// to the default action, which ends the process at once.
fn shutdown_signals() -> Arc<tokio::sync::Notify> {
    let notify = Arc::new(tokio::sync::Notify::new());
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        for (name, kind) in
            [("SIGINT", SignalKind::interrupt()), ("SIGTERM", SignalKind::terminate())]
        {
            match signal(kind) {
                Ok(mut stream) => {
                    let notify = Arc::clone(&notify);
                    tokio::spawn(async move {
                        while stream.recv().await.is_some() {
                            notify.notify_one();
                        }
                    });
                }
                Err(error) => tracing::error!(%error, "cannot listen for {name}"),
            }
        }
    }
    #[cfg(not(unix))]
    {
        let notify = Arc::clone(&notify);
        tokio::spawn(async move {
            while tokio::signal::ctrl_c().await.is_ok() {
                notify.notify_one();
            }
        });
    }
    notify
}
