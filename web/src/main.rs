//! `devtools`: serve the site, run a tool from the terminal, or export the reference as a static site.

use clap::{Parser, Subcommand};
use devtools_web::cli::ToolCommand;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
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
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:3000")]
        addr: SocketAddr,
    },
    /// Write every page that needs no input (home, status codes, tool pages) as a static site into DIR.
    Export {
        /// The folder to write into; created if missing.
        dir: PathBuf,
    },
    #[command(flatten)]
    Tool(ToolCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let addr = match cli.command {
        Some(Command::Serve { addr }) => addr,
        None => SocketAddr::from(([127, 0, 0, 1], 3000)),
        Some(Command::Tool(tool)) => return tool.run(),
        Some(Command::Export { dir }) => return export(&dir),
    };
    init_logging("info");
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            tracing::error!(%error, "cannot start the async runtime");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve(addr)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "server stopped with an error");
            ExitCode::FAILURE
        }
    }
}

/// Logs to stderr, filtered by `RUST_LOG` or else `default`.
fn init_logging(default: &str) {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| default.into()),
        )
        .with_writer(std::io::stderr)
        .init();
}

fn export(dir: &std::path::Path) -> ExitCode {
    // The request log would print a line per exported file; errors still show.
    init_logging("warn");
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
            tracing::error!(%error, "export failed");
            ExitCode::FAILURE
        }
    }
}

async fn serve(addr: SocketAddr) -> Result<(), Box<dyn std::error::Error>> {
    let app = devtools_web::app()?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    // The one line a person (or a test) waits for.
    println!("devtools listening on http://{local}");
    devtools_web::server::serve(listener, app, shutdown_signal()).await;
    tracing::info!("shut down cleanly");
    Ok(())
}

/// Resolves on SIGINT or SIGTERM; axum then stops accepting and lets in-flight requests finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutdown signal received, finishing in-flight requests");
}
