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
//! Work whose time no library limit bounds runs inside [`within_deadline`], which ends the process with the
//! server's `deadline_exceeded` at the same budget.
//!
//! With `--json` the body is the API's, except that the few characters serde_json leaves raw and a terminal would
//! obey (DEL, C1 controls, bidi overrides) are written as `\uXXXX`: the same JSON value.

pub mod escape;
pub mod input;
mod style;

use crate::{AnswerError, DEFAULT_DEADLINE};
pub use input::{Input, InputError};
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
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

/// How long past its budget [`within_deadline`] waits for the work before it ends the process.
const DEADLINE_GRACE: Duration = Duration::from_millis(100);

/// Set by whichever finishes first: the work of [`within_deadline`], or its watchdog.
static FINISHED: AtomicBool = AtomicBool::new(false);

/// Runs `work` (a command's answer, once its input is read) within the budget the server gives one request by
/// default ([`DEFAULT_DEADLINE`], 2 s). When the work is still running 100 ms past it, a watchdog
/// thread prints the error the server answers when it stops such work, `deadline_exceeded` with `budget_ms` (the
/// JSON error body with `json`), and ends the process with exit code 1.
///
/// Why a process exit: the server runs work that nothing inside it can stop (a backtracking engine without a step
/// limit, such as regress inside one match attempt) in a child process it kills at the deadline; a one-shot command
/// is that process, so it ends itself. A thread cannot be stopped from outside. Call it once per process.
pub fn within_deadline<T>(json: bool, work: impl FnOnce() -> T) -> T {
    let budget = DEFAULT_DEADLINE;
    std::thread::spawn(move || {
        std::thread::sleep(budget + DEADLINE_GRACE);
        if FINISHED.swap(true, Ordering::SeqCst) {
            return;
        }
        let error = AnswerError::deadline_exceeded(budget);
        finish::<()>(json, Err(error), |(), _| String::new());
        std::process::exit(1);
    });
    let done = work();
    if FINISHED.swap(true, Ordering::SeqCst) {
        // The watchdog is printing its answer and ending the process: print nothing else.
        loop {
            std::thread::park();
        }
    }
    done
}
