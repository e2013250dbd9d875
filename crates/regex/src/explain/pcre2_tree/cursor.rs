//! The reader's cursor: a new reader at the start of the pattern, with the options its flags set; the small steps
//! that move it on; and the node for the span just read.

use super::{Node, Opts, Reader, node};
use crate::flags::Flags;

impl<'a> Reader<'a> {
    pub(super) fn new(pattern: &'a str, flags: Flags, names: Vec<(String, usize)>) -> Reader<'a> {
        let opts = Opts {
            caseless: flags.case_insensitive,
            multiline: flags.multi_line,
            dotall: flags.dot_matches_new_line,
            extended: flags.ignore_whitespace,
            extended_more: false,
            no_auto_capture: flags.no_auto_capture,
            ungreedy: flags.swap_greed,
        };
        Reader { pattern, at: 0, opts, groups: 0, names, depth: 0 }
    }

    pub(super) fn rest(&self) -> &'a str {
        self.pattern.get(self.at..).unwrap_or_default()
    }

    pub(super) fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    pub(super) fn peek_at(&self, n: usize) -> Option<char> {
        self.rest().chars().nth(n)
    }

    pub(super) fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        Some(c)
    }

    pub(super) fn eat(&mut self, text: &str) -> bool {
        if self.rest().starts_with(text) {
            self.at += text.len();
            true
        } else {
            false
        }
    }

    /// Reads up to (not past) the first `stop`, or to the end.
    pub(super) fn until(&mut self, stop: char) -> &'a str {
        let rest = self.rest();
        let len = rest.find(stop).unwrap_or(rest.len());
        self.at += len;
        &rest[..len]
    }

    pub(super) fn node(&self, start: usize, kind: &'static str, description: String) -> Node {
        node(self.pattern, start, self.at, kind, description)
    }

    /// The text inside `{…}` starting here, consumed with the braces.
    pub(super) fn braced(&mut self) -> &'a str {
        self.delimited('}')
    }

    /// The text between the opening character here and `close`, both consumed.
    pub(super) fn delimited(&mut self, close: char) -> &'a str {
        self.bump();
        let inner = self.until(close);
        self.eat(&close.to_string());
        inner
    }
}
