//! Where a subcommand's text comes from: an argument, a file, or standard input.

use std::io::{IsTerminal, Read};

/// Why an input could not be read.
#[derive(Debug)]
pub enum InputError {
    /// Nothing given and standard input is a terminal: a usage error (exit 2).
    Missing(&'static str),
    /// A file or standard input could not be read (exit 1).
    Read(String),
}

/// A value given as an argument, or `-` / nothing for standard input (trimmed: a piped value ends in a newline).
pub fn value(arg: Option<&str>, what: &'static str) -> Result<String, InputError> {
    match arg {
        Some("-") => stdin().map(|text| text.trim().to_owned()),
        Some(text) => Ok(text.to_owned()),
        None if std::io::stdin().is_terminal() => Err(InputError::Missing(what)),
        None => stdin().map(|text| text.trim().to_owned()),
    }
}

/// A text to work on, kept exactly: from a file, from `-` (standard input), or with neither from a piped standard
/// input; empty when nothing is given on a terminal.
pub fn text(path: Option<&str>) -> Result<String, InputError> {
    match path {
        Some("-") => stdin(),
        Some(path) => {
            let bytes = std::fs::read(path)
                .map_err(|error| InputError::Read(format!("cannot read {path}: {error}")))?;
            String::from_utf8(bytes)
                .map_err(|_| InputError::Read(format!("{path} is not UTF-8 text")))
        }
        None if std::io::stdin().is_terminal() => Ok(String::new()),
        None => stdin(),
    }
}

/// A key file, kept exactly (a PEM's or JWKS's own line breaks).
pub fn file(path: &str) -> Result<String, InputError> {
    std::fs::read_to_string(path)
        .map_err(|error| InputError::Read(format!("cannot read {path}: {error}")))
}

fn stdin() -> Result<String, InputError> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|error| InputError::Read(format!("cannot read standard input: {error}")))?;
    Ok(text)
}
