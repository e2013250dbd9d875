//! JSON that serde_json would not read, said in plain words with the line and column where the problem is.
//!
//! serde_json's own messages are terse ("expected ident", "EOF while parsing a value") and its position is where
//! it stopped reading, which is often past the problem: after the newline that follows `tru`, or past the end of
//! the text. [`diagnose`] names the problem and points at its start. It also tells apart what is valid JSON
//! grammar but beyond serde_json (a number outside a 64-bit float's range, RFC 8259 §6; an unpaired surrogate
//! escape, §8.2) and a leading byte-order mark (§8.1) from text that is not JSON at all.

/// What kind of problem [`diagnose`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    /// The text is empty or only whitespace.
    Empty,
    /// The text begins with U+FEFF.
    ByteOrderMark,
    /// Valid JSON, but a number beyond what a 64-bit float holds.
    NumberOutOfRange,
    /// Valid JSON grammar, but a `\u` escape of a UTF-16 surrogate without its other half.
    UnpairedSurrogate,
    /// Arrays and objects nested deeper than serde_json reads (128): JSON sets no limit (RFC 8259 §9 lets a
    /// parser set one), so this is not a syntax error.
    TooDeep,
    /// Not JSON.
    Syntax,
}

/// A problem with JSON text and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonProblem {
    pub problem: Problem,
    /// What is wrong, in words, starting in lowercase and without the position.
    pub detail: String,
    /// The part of the text at fault, when one is quoted in `detail` (the number, the escape).
    pub quoted: String,
    /// Line of the problem, from 1.
    pub line: usize,
    /// Column of the problem in characters, from 1.
    pub column: usize,
    /// Byte offset of the problem in the text, from 0.
    pub byte: usize,
}

/// Why `text` did not parse, given the error serde_json reported for it.
pub(crate) fn diagnose(text: &str, error: &serde_json::Error) -> JsonProblem {
    let message = error.to_string();
    // serde_json appends " at line L column C"; the position is computed here.
    let message = message.rsplit_once(" at line ").map_or(message.as_str(), |(message, _)| message);
    let at = |byte: usize, problem: Problem, detail: String, quoted: String| {
        let byte = floor_boundary(text, byte.min(text.len()));
        let (line, column) = line_column(text, byte);
        JsonProblem { problem, detail, quoted, line, column, byte }
    };
    if text.trim().is_empty() {
        let detail = if text.is_empty() { "it is empty" } else { "it holds only whitespace" };
        return at(0, Problem::Empty, detail.to_owned(), String::new());
    }
    if text.starts_with('\u{feff}') {
        return at(
            0,
            Problem::ByteOrderMark,
            "it begins with a byte-order mark (U+FEFF, the bytes EF BB BF), which RFC 8259 §8.1 forbids in JSON sent between programs".to_owned(),
            String::new(),
        );
    }
    let end = text.trim_end().len();
    if error.classify() == serde_json::error::Category::Eof {
        let what = match message {
            "EOF while parsing an object" => "it ends before an object is closed: a `}` is missing",
            "EOF while parsing a list" => "it ends before an array is closed: a `]` is missing",
            "EOF while parsing a string" => "it ends inside a string: its closing `\"` is missing",
            _ => "it ends where a value should follow",
        };
        return at(end, Problem::Syntax, what.to_owned(), String::new());
    }
    let index = error_index(text, error.line(), error.column());
    let found = text[index..].chars().next();
    let found_text = found.map_or_else(|| "the end of the text".to_owned(), describe);
    let word = |start: usize| -> String {
        text[start..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').take(20).collect()
    };
    match message {
        "number out of range" => {
            let is_number = |c: char| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-');
            let upto = index + found.map_or(0, char::len_utf8);
            let start = text[..upto]
                .char_indices()
                .rev()
                .take_while(|(_, c)| is_number(*c))
                .last()
                .map_or(index, |(i, _)| i);
            let number: String = text[start..].chars().take_while(|c| is_number(*c)).collect();
            let shown = shorten(&number, 40);
            at(
                start,
                Problem::NumberOutOfRange,
                format!(
                    "the number {shown} is valid JSON (RFC 8259 §6 sets no limit) but outside the range this decoder reads: a 64-bit float, up to about ±1.8e308"
                ),
                number,
            )
        }
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => {
            match unpaired_surrogate(text, index) {
                Some((start, escape)) => at(
                    start,
                    Problem::UnpairedSurrogate,
                    format!(
                        "the escape {escape} is an unpaired UTF-16 surrogate: valid JSON grammar (RFC 8259 §8.2), but it stands for no character, so the string cannot be read as text"
                    ),
                    escape,
                ),
                None => at(index, Problem::Syntax, "a \\u escape is invalid".to_owned(), String::new()),
            }
        }
        "expected ident" => {
            // serde_json stops after the partial literal (past a newline, even); point at its first letter.
            let start = text[..index]
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_ascii_alphabetic())
                .last()
                .map_or(index, |(i, _)| i);
            let word = word(start);
            at(
                start,
                Problem::Syntax,
                format!("`{word}` is not a value: expected `true`, `false` or `null`"),
                String::new(),
            )
        }
        "expected value" => {
            let detail = match found {
                Some('\'') => "strings and member names take double quotes `\"`, not single quotes".to_owned(),
                Some(c) if c.is_alphabetic() => format!(
                    "`{}` is not a value: a string takes double quotes, and the literals are `true`, `false` and `null` in lowercase",
                    word(index)
                ),
                _ => format!(
                    "expected a value (a string in double quotes, a number, an object, an array, `true`, `false` or `null`) but found {found_text}"
                ),
            };
            at(index, Problem::Syntax, detail, String::new())
        }
        "trailing comma" => {
            let comma = text[..index].trim_end().len().saturating_sub(1);
            let closing = found.map_or_else(String::new, |c| format!(" before `{c}`"));
            at(
                comma,
                Problem::Syntax,
                format!("a comma{closing} has nothing after it; JSON allows no trailing comma"),
                String::new(),
            )
        }
        "key must be a string" => {
            let detail = match found {
                Some('\'') => "member names take double quotes `\"`, not single quotes".to_owned(),
                _ => format!("expected a member name in double quotes but found {found_text}"),
            };
            at(index, Problem::Syntax, detail, String::new())
        }
        "expected `:`" => at(
            index,
            Problem::Syntax,
            format!("expected `:` after the member name but found {found_text}"),
            String::new(),
        ),
        "expected `,` or `}`" | "expected `,` or `]`" => {
            let closing = if message.ends_with("`}`") { "}" } else { "]" };
            let hint = if matches!(found, Some('"' | '{' | '[') | Some('0'..='9')) {
                " (a comma is missing before it?)"
            } else {
                ""
            };
            at(
                index,
                Problem::Syntax,
                format!("expected `,` or `{closing}` but found {found_text}{hint}"),
                String::new(),
            )
        }
        "trailing characters" => at(
            index,
            Problem::Syntax,
            format!("the JSON value has ended, but {found_text} follows it"),
            String::new(),
        ),
        "invalid escape" => at(
            index,
            Problem::Syntax,
            "invalid escape in a string: JSON's escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\u followed by four hex digits".to_owned(),
            String::new(),
        ),
        "invalid number" => {
            at(index, Problem::Syntax, format!("invalid number at {found_text}"), String::new())
        }
        "recursion limit exceeded" => at(
            index,
            Problem::TooDeep,
            "it nests arrays and objects more than 128 deep".to_owned(),
            String::new(),
        ),
        message if message.starts_with("control character") => at(
            index,
            Problem::Syntax,
            format!(
                "a string contains {found_text}, which must be escaped (a line break as \\n, a tab as \\t)"
            ),
            String::new(),
        ),
        message => at(index, Problem::Syntax, message.to_owned(), String::new()),
    }
}

/// The problem as a sentence about a named text (`the header`): what is wrong and where. The sign form's message.
#[cfg(any(feature = "web", test))]
pub(crate) fn sentence(what: &str, problem: &JsonProblem) -> String {
    match problem.problem {
        Problem::Empty if what == "header" => format!(
            "The {what} is empty: write a JSON object naming the algorithm, such as {{\"alg\": \"HS256\", \"typ\": \"JWT\"}}."
        ),
        Problem::Empty => {
            format!("The {what} is empty: write a JSON object, such as {{}} for no claims.")
        }
        Problem::ByteOrderMark => format!("The {what} {}; remove it.", problem.detail),
        Problem::NumberOutOfRange | Problem::UnpairedSurrogate | Problem::TooDeep => format!(
            "The {what} cannot be read: {} (line {}, column {}).",
            problem.detail, problem.line, problem.column
        ),
        Problem::Syntax => format!(
            "The {what} is not valid JSON: {} (line {}, column {}).",
            problem.detail, problem.line, problem.column
        ),
    }
}

/// The byte serde_json's line and column point at: its column counts bytes from 1 and is 0 just after it read a
/// newline, which is then the byte meant.
fn error_index(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2).map_or(text.len(), |(i, _)| i + 1)
    };
    let index = if column == 0 { line_start.saturating_sub(1) } else { line_start + column - 1 };
    floor_boundary(text, index.min(text.len()))
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Line and column (in characters), both from 1, of the byte at `index`.
fn line_column(text: &str, index: usize) -> (usize, usize) {
    let before = &text[..index];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The `\uXXXX` escape of an unpaired surrogate at or shortly before `index`: its byte offset and its text.
fn unpaired_surrogate(text: &str, index: usize) -> Option<(usize, String)> {
    let from = floor_boundary(text, index.saturating_sub(12));
    let to = floor_boundary(text, (index + 1).min(text.len()));
    text[from..to].match_indices("\\u").find_map(|(offset, _)| {
        let start = from + offset;
        let hex = text.get(start + 2..start + 6)?;
        let unit = u16::from_str_radix(hex, 16).ok()?;
        (0xD800..=0xDFFF).contains(&unit).then(|| (start, format!("\\u{hex}")))
    })
}

/// A character as the message names it.
fn describe(c: char) -> String {
    match c {
        '\n' => "a line break".to_owned(),
        '\r' => "a carriage return".to_owned(),
        '\t' => "a tab".to_owned(),
        c if c.is_control() => format!("the control character U+{:04X}", u32::from(c)),
        c => format!("`{c}`"),
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let head: String = text.chars().take(max).collect();
    format!("{head}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> JsonProblem {
        let error = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        diagnose(text, &error)
    }

    fn said(text: &str) -> String {
        sentence("header", &problem(text))
    }

    #[test]
    fn a_partial_literal_is_located_at_its_start_not_after_the_newline() {
        assert_eq!(
            said("{\n  \"a\": 1,\n  \"b\": tru\n}"),
            "The header is not valid JSON: `tru` is not a value: expected `true`, `false` or `null` (line 3, column 8)."
        );
        assert_eq!(
            said("{\"a\": True}"),
            "The header is not valid JSON: `True` is not a value: a string takes double quotes, and the literals are `true`, `false` and `null` in lowercase (line 1, column 7)."
        );
    }

    #[test]
    fn an_empty_text_and_an_unfinished_one_are_said_so() {
        assert_eq!(
            said(""),
            r#"The header is empty: write a JSON object naming the algorithm, such as {"alg": "HS256", "typ": "JWT"}."#
        );
        assert_eq!(problem(" \n ").detail, "it holds only whitespace");
        let open = problem("{\n  \"alg\": \"HS256\"\n\n");
        assert_eq!(open.detail, "it ends before an object is closed: a `}` is missing");
        assert_eq!((open.line, open.column), (2, 17), "just after the last character");
        assert_eq!(problem("[1,").detail, "it ends where a value should follow");
        assert!(problem("{\"a\": \"x").detail.contains("closing `\"` is missing"));
    }

    #[test]
    fn common_typos_are_named_where_they_are() {
        let comma = problem("{\"a\": 1,\n}");
        assert!(comma.detail.contains("trailing comma"), "{comma:?}");
        assert_eq!((comma.line, comma.column), (1, 8));
        let missing = problem("{\"a\": 1\n \"b\": 2}");
        assert!(missing.detail.contains("a comma is missing"), "{missing:?}");
        assert_eq!((missing.line, missing.column), (2, 2));
        assert!(problem("{'a': 1}").detail.contains("not single quotes"));
        assert!(problem("{a: 1}").detail.contains("member name in double quotes"));
        assert!(problem("{\"a\" 1}").detail.contains("expected `:`"));
        assert!(problem("{} x").detail.contains("`x` follows it"));
        assert!(problem("{\"a\": \"\t\"}").detail.contains("a tab"));
        let unicode = problem("{\"é\": tru}");
        assert_eq!(
            (unicode.line, unicode.column, unicode.byte),
            (1, 7, 7),
            "columns count characters"
        );
    }

    #[test]
    fn every_cut_and_splice_of_tricky_text_is_diagnosed_without_panicking() {
        let text = "\u{feff}{\"é\": [tru, 1e999, \"\\ud800\\u00e9\", 'x',\n\t\"ü\": nul}, }\r\n😀";
        let cuts: Vec<usize> = (0..=text.len()).filter(|i| text.is_char_boundary(*i)).collect();
        for &from in &cuts {
            for &to in cuts.iter().filter(|to| **to >= from) {
                for piece in [&text[from..to], &format!("{}{}", &text[to..], &text[..from])] {
                    if let Err(error) = serde_json::from_str::<serde_json::Value>(piece) {
                        let found = diagnose(piece, &error);
                        assert!(found.byte <= piece.len() && found.line >= 1 && found.column >= 1);
                        assert!(!sentence("payload", &found).is_empty());
                    }
                }
            }
        }
    }

    #[test]
    fn valid_json_beyond_serde_json_is_not_called_not_json() {
        let big = problem("{\"b\": 1, \"exp\": 1e999}");
        assert_eq!(big.problem, Problem::NumberOutOfRange);
        assert_eq!((big.quoted.as_str(), big.line, big.column, big.byte), ("1e999", 1, 17, 16));
        assert!(
            sentence("payload", &big).starts_with("The payload cannot be read: the number 1e999")
        );
        let big = problem("{\"exp\": -1E+400, \"x\": 1}");
        assert_eq!((big.quoted.as_str(), big.column), ("-1E+400", 9));
        for (text, escape, column) in [
            ("{\"a\": \"\\ud800\"}", "\\ud800", 8),
            ("{\"a\": \"x\\udc00y\"}", "\\udc00", 9),
            ("{\"a\": \"\\ud800\\u0041\"}", "\\ud800", 8),
        ] {
            let lone = problem(text);
            assert_eq!(lone.problem, Problem::UnpairedSurrogate, "{text}");
            assert_eq!((lone.quoted.as_str(), lone.column), (escape, column), "{text}");
        }
        let bom = problem("\u{feff}{}");
        assert_eq!((bom.problem, bom.byte), (Problem::ByteOrderMark, 0));
        assert!(said("\u{feff}{}").contains("byte-order mark"));
    }
}
