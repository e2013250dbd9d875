//! Where a subcommand's text comes from: an argument, a file, or standard input.
//!
//! Every read of user input goes through `bounded`, which takes at most the tool's limit plus one byte from the
//! source and refuses a larger input with a message naming the source and the limit, without reading the rest: a
//! 300 MB file costs no more than the limit, and `/dev/zero` or an endless pipe ends at once. The limits are the
//! tool libraries' own (`devtools_regex::MAX_TEXT_LEN` and the like), declared beside each subcommand as an
//! [`Input`], so the CLI never holds more than the library would accept. Arguments are not read here: the operating
//! system bounds them, and the library checks them like any other input.

use crate::AnswerError;
use std::fs::File;
use std::io::{IsTerminal, Read};

/// Why an input could not be read.
#[derive(Debug)]
pub enum InputError {
    /// Nothing given and standard input is a terminal: a usage error (exit 2).
    Missing(&'static str),
    /// A file or standard input could not be read (`input_unreadable`), is over the limit (`input_too_large`, with
    /// `limit_bytes`) or is not UTF-8 (`input_not_utf8`, with `offset`): exit 1, and with `--json` the error's body,
    /// as the API answers a body it refuses before the tool sees it.
    Read(AnswerError),
}

/// What a subcommand reads, for messages, and the most bytes it accepts.
#[derive(Debug, Clone, Copy)]
pub struct Input {
    /// What it is, as in "no token given": `token`, `regex text`.
    pub noun: &'static str,
    /// The most bytes accepted: the tool library's own limit on what the CLI passes it.
    pub limit: usize,
}

/// Room for the line ending a pipe adds to a value (`echo "$TOKEN" |`), which [`value`] trims: a value at exactly
/// its limit still reaches the library, as it does when given as an argument.
const LINE_END: usize = "\r\n".len();

/// A value given as an argument, or `-` / nothing for standard input (trimmed: a piped value ends in a newline).
pub fn value(arg: Option<&str>, input: Input) -> Result<String, InputError> {
    let piped = || stdin(input, input.limit + LINE_END).map(|text| text.trim().to_owned());
    match arg {
        Some("-") => piped(),
        Some(text) => Ok(text.to_owned()),
        None if std::io::stdin().is_terminal() => Err(InputError::Missing(input.noun)),
        None => piped(),
    }
}

/// A text to work on, kept exactly: from a file, from `-` (standard input), or with neither from a piped standard
/// input; empty when nothing is given on a terminal.
pub fn text(path: Option<&str>, input: Input) -> Result<String, InputError> {
    match path {
        Some("-") => stdin(input, input.limit),
        Some(path) => file(path, input),
        None if std::io::stdin().is_terminal() => Ok(String::new()),
        None => stdin(input, input.limit),
    }
}

/// A file, kept exactly (a PEM's or JWKS's own line breaks).
pub fn file(path: &str, input: Input) -> Result<String, InputError> {
    let file = File::open(path).map_err(|error| unreadable(path, &error))?;
    bounded(file, path, input, input.limit)
}

fn stdin(input: Input, limit: usize) -> Result<String, InputError> {
    bounded(std::io::stdin().lock(), "standard input", input, limit)
}

/// The one reader of user input: at most `limit` bytes of `reader` as UTF-8 text, reading no more than one byte
/// past the limit to tell that the input is larger. `source` names the reader in messages ("standard input", a
/// path); `input.limit` is the limit the message states (`limit` may add room for what is trimmed).
fn bounded(
    reader: impl Read,
    source: &str,
    input: Input,
    limit: usize,
) -> Result<String, InputError> {
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader.take(cap).read_to_end(&mut bytes).map_err(|error| unreadable(source, &error))?;
    if bytes.len() > limit {
        let message = format!(
            "{source} is larger than the {} limit for the {}",
            size(input.limit),
            input.noun
        );
        return Err(InputError::Read(
            AnswerError::too_large("input_too_large", message).with("limit_bytes", input.limit),
        ));
    }
    String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        let message = format!("{source} is not UTF-8 text (invalid byte at offset {at})");
        InputError::Read(AnswerError::invalid("input_not_utf8", message).with("offset", at))
    })
}

fn unreadable(source: &str, error: &std::io::Error) -> InputError {
    InputError::Read(AnswerError::invalid(
        "input_unreadable",
        format!("cannot read {source}: {error}"),
    ))
}

/// A limit as people say it: `1 MiB`, `64 KiB`, `512-byte`.
fn size(bytes: usize) -> String {
    const KIB: usize = 1024;
    const MIB: usize = 1024 * KIB;
    match bytes {
        0 => "0-byte".to_owned(),
        _ if bytes.is_multiple_of(MIB) => format!("{} MiB", bytes / MIB),
        _ if bytes.is_multiple_of(KIB) => format!("{} KiB", bytes / KIB),
        _ => format!("{bytes}-byte"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, repeat};

    const SMALL: Input = Input { noun: "thing", limit: 8 };

    /// Counts what the reader under test takes, to show it stops one byte past the limit.
    struct Counting<R> {
        inner: R,
        read: usize,
    }

    impl<R: Read> Read for Counting<R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.read += n;
            Ok(n)
        }
    }

    fn message(result: Result<String, InputError>) -> String {
        match result {
            Err(InputError::Read(error)) => error.message().to_owned(),
            other => panic!("expected a read error, got {other:?}"),
        }
    }

    #[test]
    fn reads_up_to_the_limit_exactly() {
        let text = bounded(Cursor::new("12345678"), "standard input", SMALL, 8).unwrap();
        assert_eq!(text, "12345678");
        assert_eq!(bounded(Cursor::new(""), "x", SMALL, 8).unwrap(), "");
    }

    #[test]
    fn an_endless_input_is_refused_after_one_byte_past_the_limit() {
        let mut endless = Counting { inner: repeat(b'a'), read: 0 };
        let refused = message(bounded(&mut endless, "standard input", SMALL, 8));
        assert_eq!(refused, "standard input is larger than the 8-byte limit for the thing");
        assert_eq!(endless.read, 9);
    }

    #[test]
    fn room_for_a_line_ending_is_not_named_in_the_message() {
        let refused = message(bounded(Cursor::new("1234567890\n"), "a.txt", SMALL, 10));
        assert_eq!(refused, "a.txt is larger than the 8-byte limit for the thing");
    }

    #[test]
    fn non_utf8_is_an_error_with_its_offset() {
        let refused = message(bounded(Cursor::new(b"ab\xffc"), "standard input", SMALL, 8));
        assert_eq!(refused, "standard input is not UTF-8 text (invalid byte at offset 2)");
    }

    #[test]
    fn a_missing_file_names_its_path() {
        let refused = message(file("/no/such/file", SMALL));
        assert!(refused.starts_with("cannot read /no/such/file: "), "{refused}");
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size(1 << 20), "1 MiB");
        assert_eq!(size(64 << 10), "64 KiB");
        assert_eq!(size(512), "512-byte");
        assert_eq!(size(1536), "1536-byte");
    }
}
