//! Text from the input made safe to print, whether or not standard output is a terminal.
//!
//! A token's claims, a matched span or an error quoting the input reach a terminal sooner or later even when piped
//! (`devtools jwt "$T" | head`, `| less -R`, `cat` of a saved file), so escaping only on a terminal is not enough.
//! The rule, for every text view and every error message:
//!
//! - Control characters (C0, DEL, and the C1 controls U+0080–U+009F, which include CSI) and the bidirectional
//!   embedding, override and isolate characters (U+202A–U+202E, U+2066–U+2069) never reach the output raw. They
//!   are shown as `\n`, `\r`, `\t` or `\u{1b}`; a backslash in the input is left as it is (the view is for reading,
//!   `--json` is exact).
//! - [`block()`] keeps newline and tab, for text that is several lines by nature (a pretty-printed payload, an error
//!   message); [`line()`] escapes them too, for a value shown on one line, so a claim cannot start a line that looks
//!   like the tool's own (`Signature: Signature verified`).
//! - [`json()`] writes those characters in a JSON text as `\uXXXX`: the same JSON value, and for every other input
//!   the API's bytes (serde_json already escapes C0 that way, but leaves DEL, C1 and the bidi controls raw).
//! - The one exception is `devtools regex --replace` into a pipe or a file, which prints the substituted text byte
//!   for byte as `sed` does: it is the user's own text, transformed, and a filter that rewrote its tabs or carriage
//!   returns would corrupt it. On a terminal it is a view and escaped like the others.
//!
//! Colour is separate ([`Style`](super::Style)): terminal-only, under `NO_COLOR` and `CLICOLOR_FORCE`.

use std::borrow::Cow;
use std::fmt::Write;

/// Multi-line text with every unsafe character escaped except newline and tab.
pub fn block(text: &str) -> Cow<'_, str> {
    escape(text, &['\n', '\t'])
}

/// A value shown on one line: every unsafe character escaped, newline and tab included.
pub fn line(text: &str) -> Cow<'_, str> {
    escape(text, &[])
}

/// Where an error is, for a terminal: two lines, the input escaped as by [`line()`] and indented by two spaces, and
/// under it carets under the bytes `span` covers (one caret where something is missing). The carets line up with
/// the escaped text, counted in characters (a terminal's columns for the ASCII and most other text a cron
/// expression or a pattern holds; wide characters such as CJK are not measured).
pub fn caret(input: &str, span: std::ops::Range<usize>) -> String {
    let start = span.start.min(input.len());
    let end = span.end.clamp(start, input.len());
    let width = |text: Option<&str>| text.map_or(0, |text| line(text).chars().count());
    let before = width(input.get(..start));
    let under = width(input.get(start..end)).max(1);
    format!("  {}\n  {}{}", line(input), " ".repeat(before), "^".repeat(under))
}

/// A JSON text (as serde_json writes it) with the unsafe characters it leaves raw written as `\uXXXX`. They can
/// only occur inside strings, where the escape means the same character.
pub fn json(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            // Every unsafe character is in the Basic Multilingual Plane: one `\uXXXX` each.
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// What must not reach the output raw: control characters and the bidi formatting characters that reorder text.
fn unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escape<'a>(text: &'a str, keep: &[char]) -> Cow<'a, str> {
    let escaped = |c: char| unsafe_char(c) && !keep.contains(&c);
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            c if !escaped(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => {
                let _ = write!(out, "{}", c.escape_unicode());
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carets_line_up_with_the_escaped_text() {
        assert_eq!(caret("0 60 * * *", 2..4), "  0 60 * * *\n    ^^");
        // An escaped control character is several columns wide; a missing part gets one caret at the end.
        assert_eq!(caret("a\tb c", 2..3), "  a\\tb c\n     ^");
        assert_eq!(caret("* * *", 5..5), "  * * *\n       ^");
        // A span past the end or inside a character is clamped, never a panic.
        assert_eq!(caret("é", 1..9), "  é\n  ^");
    }

    const HOSTILE: &str = "a\x1b]0;pwned\x07b\x08\r\u{7f}\u{9b}31m\u{202e}cba\u{2069}\n\tc";

    #[test]
    fn blocks_keep_lines_and_tabs_and_escape_the_rest() {
        assert_eq!(
            block(HOSTILE),
            "a\\u{1b}]0;pwned\\u{7}b\\u{8}\\r\\u{7f}\\u{9b}31m\\u{202e}cba\\u{2069}\n\tc"
        );
    }

    #[test]
    fn lines_escape_newlines_and_tabs_too() {
        assert_eq!(line("x\nSignature: ok\ty"), "x\\nSignature: ok\\ty");
        assert!(!line(HOSTILE).chars().any(unsafe_char));
    }

    #[test]
    fn safe_text_is_borrowed_untouched() {
        for text in ["plain", "é, 名前, \\u{1b} as typed", "\u{200f}mark"] {
            assert!(matches!(line(text), Cow::Borrowed(t) if t == text));
            assert!(matches!(json(text), Cow::Borrowed(t) if t == text));
        }
    }

    #[test]
    fn json_keeps_the_value_and_loses_the_raw_characters() {
        let value = serde_json::json!({ "name": HOSTILE });
        let text = value.to_string();
        let safe = json(&text);
        assert!(!safe.chars().any(unsafe_char), "{safe}");
        assert!(safe.contains(r"\u009b31m\u202ecba\u2069"), "{safe}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).unwrap(), value);
    }
}
