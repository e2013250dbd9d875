//! The tool subcommands of `devtools`: `status`, `cron`, `jwt`, `regex` and `color`.
//!
//! Each one calls the same function its JSON API handler calls (`devtools_cron::web::api_answer` and the like),
//! so `--json` prints byte for byte what the API answers for the same input, errors included (but for the escapes
//! below), and the human output is a view of that same answer. Exit codes: 0 success, 1 invalid input (with the
//! API's message, or why a file or standard input was refused), 2 usage errors.
//!
//! Two jobs every subcommand shares live here once: reading user input within the tool's limit (`input.rs`), and
//! escaping what the input puts in the output, piped or not (`escape.rs`, whose doc states the rule). With `--json`
//! the body is the API's, except that the few characters serde_json leaves raw and a terminal would obey (DEL, C1
//! controls, bidi overrides) are written as `\uXXXX`: the same JSON value.

use clap::Subcommand;
use devtools_kit::WebError;
pub use devtools_kit::cli::Style;
use devtools_kit::cli::{InputError, escape, input};
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

/// The tool subcommands.
#[derive(Debug, Subcommand)]
pub enum ToolCommand {}

impl ToolCommand {
    /// Runs the subcommand and gives the exit code.
    pub fn run(self) -> ExitCode {
        let outcome = match self {};
        match outcome {
            Ok(code) => code,
            Err(InputError::Missing(what)) => {
                clap::Error::raw(
                    clap::error::ErrorKind::MissingRequiredArgument,
                    format!(
                        "no {what} given: pass it as an argument, or `-` to read standard input\n"
                    ),
                )
                .exit();
            }
            Err(InputError::Read(message)) => {
                print_error(&message);
                ExitCode::FAILURE
            }
        }
    }
}

/// Writes to standard output; a closed pipe (`devtools status | head -1`) is not an error worth a panic.
fn emit(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
}

/// A JSON body on its own line, with the characters serde_json leaves raw escaped.
fn emit_json(body: &str) {
    emit(&(escape::json(body).into_owned() + "\n"));
}

fn print_error(message: &str) {
    let style = Style::stderr();
    let line = format!("{} {}\n", style.red(&style.bold("error:")), escape::block(message));
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Prints an answer the way the user asked and picks the exit code: with `--json` the API's body (its error body
/// on failure), otherwise `human`'s view on stdout or the API's message on stderr. `human` escapes what it shows
/// from the answer with `escape::line` or `escape::block`.
fn finish<T: Serialize>(
    json: bool,
    answer: Result<T, WebError>,
    human: impl FnOnce(&T, Style) -> String,
) -> ExitCode {
    match answer {
        Ok(answer) if json => match serde_json::to_string(&answer) {
            Ok(body) => {
                emit_json(&body);
                ExitCode::SUCCESS
            }
            Err(error) => {
                print_error(&format!("cannot write JSON: {error}"));
                ExitCode::FAILURE
            }
        },
        Ok(answer) => {
            emit(&human(&answer, Style::stdout()));
            ExitCode::SUCCESS
        }
        Err(error) if json => {
            emit_json(&error.to_json().to_string());
            ExitCode::FAILURE
        }
        Err(error) => {
            print_error(error.message());
            ExitCode::FAILURE
        }
    }
}

/// A JSON value as text: strings bare, everything else as JSON.
fn text_of(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}
