//! `devtools-dev`: contributor tasks for the devtools workspace.
//!
//! `devtools-dev new-tool NAME` (or `just new-tool NAME`) creates `crates/NAME`, a small but complete tool crate
//! (a text-statistics library with its answer layer, its page and JSON API, its `devtools NAME` subcommand, handler
//! tests with snapshots), and registers it with the host. It runs from anywhere inside the checkout and refuses,
//! changing nothing, when the name is malformed or taken.

mod edit;
mod generate;
mod name;
mod template;
mod workspace;

use clap::{Parser, Subcommand};
use std::path::Path;
use std::process::{Command as Process, ExitCode};

#[derive(Debug, Parser)]
#[command(name = "devtools-dev", version, about = "Contributor tasks for the devtools workspace.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create crates/NAME, a working tool to turn into yours, and register it with the host.
    NewTool {
        /// Lowercase letters, digits and dashes, e.g. `word-count`: the page is /NAME, the package
        /// devtools-NAME.
        name: String,
    },
}

#[expect(clippy::print_stderr, reason = "a command-line tool reports refusals on stderr")]
fn main() -> ExitCode {
    let Command::NewTool { name } = Cli::parse().command;
    let root = std::env::current_dir()
        .map_err(|error| error.to_string())
        .and_then(|dir| workspace::find_root(&dir).map_err(|error| error.to_string()));
    let result = root.and_then(|root| {
        let generated = generate::new_tool(&root, &name).map_err(|error| error.to_string())?;
        Ok((root, generated))
    });
    let (root, generated) = match result {
        Ok(done) => done,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    for path in &generated.created {
        println!("created {}", path.display());
    }
    for path in &generated.edited {
        println!("edited  {path}");
    }
    let package = generated.name.package();
    if let Err(problem) = format(&root, &package) {
        eprintln!("note: `cargo fmt -p {package}` failed ({problem}); run it before committing");
    }
    let name = generated.name.as_str();
    println!(
        "\nThe tool builds, passes its tests and is on the site and the command line now. Next:\n  \
         cargo test -p {package} --all-features\n  \
         cargo test -p devtools-web --test conformance\n  \
         cargo run -- {name} \"some text\"\n  \
         cargo run, then open http://127.0.0.1:3000/{name}\n\
         Then make it yours: the library and META in crates/{name}/src/lib.rs, the request, the answer and its \
         errors in src/answer.rs, the routes in src/web.rs with the page in templates/{name}/, the subcommand in \
         src/cli.rs. `INSTA_UPDATE=always cargo test -p {package} --all-features` rewrites the snapshots in \
         src/web/snapshots/; read them before committing."
    );
    ExitCode::SUCCESS
}

/// Formats the new crate, so long names wrap the way `cargo fmt --check` in CI expects.
fn format(root: &Path, package: &str) -> Result<(), String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Process::new(cargo)
        .args(["fmt", "-p", package])
        .current_dir(root)
        .status()
        .map_err(|error| error.to_string())?;
    if status.success() { Ok(()) } else { Err(status.to_string()) }
}
