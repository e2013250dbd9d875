//! The command line's shared plumbing: a tool's subcommand ([`Command`]), bounded reads of its input
//! ([`input`]), escaping what the input puts in the output ([`escape`]) and colour ([`Style`]).
//!
//! A tool crate's `cli` module declares its `clap::Args`, implements [`ToolArgs`] by calling its answer function,
//! and exports `command() -> Command`; the host lists those commands under `devtools`. Every subcommand follows one
//! contract, kept here: `--json` prints the JSON API's body for the same input (its error body on failure), the
//! plain view is the tool's typed text of the same answer, and the exit code is 0 for an answer, 1 for invalid input
//! (with the answer layer's message, or why a file or standard input was refused: `input_too_large`,
//! `input_not_utf8`, `input_unreadable`, as a JSON error body with `--json`), 2 for usage errors.
//!
//! With `--json` the body is the API's, except that the few characters serde_json leaves raw and a terminal would
//! obey (DEL, C1 controls, bidi overrides) are written as `\uXXXX`: the same JSON value.

pub mod escape;
pub mod input;
mod style;

use crate::AnswerError;
pub use input::{Input, InputError};
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;
pub use style::Style;

/// A tool's arguments, and what running them does: read the input, call the tool's answer, print it with
/// [`finish`].
pub trait ToolArgs: clap::Args + clap::FromArgMatches {
    /// Runs the subcommand; an input that cannot be read is reported by [`Command::run`] (exit 2 when nothing was
    /// given, 1 otherwise).
    fn run(&self) -> Result<ExitCode, InputError>;

    /// Whether `--json` was given: an input that cannot be read is then reported as a JSON error body too.
    fn json(&self) -> bool;
}

/// One tool's subcommand, as the host lists it: `devtools <name> ...`.
#[derive(Debug, Clone, Copy)]
pub struct Command {
    /// The subcommand's name, such as `cron` or `status`.
    pub name: &'static str,
    /// The one line `devtools --help` shows for it.
    pub about: &'static str,
    augment: fn(clap::Command) -> clap::Command,
    run: fn(&clap::ArgMatches) -> ExitCode,
}

impl Command {
    /// The subcommand `name` with the arguments `A`.
    pub fn new<A: ToolArgs>(name: &'static str, about: &'static str) -> Command {
        Command { name, about, augment: A::augment_args, run: run_matches::<A> }
    }

    /// The clap subcommand, to add to the host's parser.
    pub fn clap(&self) -> clap::Command {
        // After the arguments: their derive sets `about` from the struct's doc comment.
        (self.augment)(clap::Command::new(self.name)).about(self.about).long_about(None)
    }

    /// Runs the subcommand on its parsed arguments and gives the exit code.
    pub fn run(&self, matches: &clap::ArgMatches) -> ExitCode {
        (self.run)(matches)
    }
}

fn run_matches<A: ToolArgs>(matches: &clap::ArgMatches) -> ExitCode {
    let args = match A::from_arg_matches(matches) {
        Ok(args) => args,
        Err(error) => error.exit(),
    };
    match args.run() {
        Ok(code) => code,
        Err(InputError::Missing(what)) => clap::Error::raw(
            clap::error::ErrorKind::MissingRequiredArgument,
            format!("no {what} given: pass it as an argument, or `-` to read standard input\n"),
        )
        .exit(),
        Err(InputError::Read(error)) => {
            finish(args.json(), Err::<(), _>(error), |(), _| String::new())
        }
    }
}

/// Writes to standard output; a closed pipe (`devtools status | head -1`) is not an error worth a panic.
pub fn emit(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
}

/// A JSON body on its own line, with the characters serde_json leaves raw escaped.
pub fn emit_json(body: &str) {
    emit(&(escape::json(body).into_owned() + "\n"));
}

/// `error: message` on standard error, escaped, in red on a terminal.
pub fn print_error(message: &str) {
    let style = Style::stderr();
    let line = format!("{} {}\n", style.red(&style.bold("error:")), escape::block(message));
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Prints an answer the way the user asked and picks the exit code: with `--json` the API's body (its error body
/// on failure), otherwise `human`'s view on stdout or the error's message on stderr. `human` escapes what it shows
/// from the input with [`escape::line`] or [`escape::block`].
pub fn finish<T: Serialize>(
    json: bool,
    answer: Result<T, AnswerError>,
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
            emit_json(&error.body().to_string());
            ExitCode::FAILURE
        }
        Err(error) => {
            print_error(error.message());
            ExitCode::FAILURE
        }
    }
}
