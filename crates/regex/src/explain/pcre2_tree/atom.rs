//! One item of a sequence, chosen by its first character: groups, classes and escapes go to their modules; the
//! dot, the `^` and `$` anchors, a stray `)` and plain literal characters are read here.

use super::{Item, Reader, plain, plain_repeatable};
use crate::explain::words::char_name;

impl Reader<'_> {
    pub(super) fn atom(&mut self) -> Item {
        let start = self.at;
        let Some(c) = self.peek() else {
            return plain(self.node(start, "empty", "Nothing.".into()));
        };
        match c {
            '(' => self.group(),
            '[' => plain_repeatable(self.class()),
            '\\' => self.escape_item(),
            '.' => {
                self.bump();
                let description = if self.opts.dotall {
                    "Matches any character, including newlines (the s option is on).".to_owned()
                } else {
                    "Matches any character except a newline (a line feed by default; a leading (*CRLF), (*ANY) and the like change what a newline is); turn on the s option to include it.".to_owned()
                };
                plain_repeatable(self.node(start, "dot", description))
            }
            '^' => {
                self.bump();
                let description = if self.opts.multiline {
                    "Anchor: the start of a line, that is the start of the text or just after a newline inside it, because the m option is on."
                } else {
                    "Anchor: the start of the text (turn on the m option to match at the start of every line)."
                };
                plain(self.node(
                    start,
                    "anchor",
                    format!("{description} It matches a position, not a character."),
                ))
            }
            '$' => {
                self.bump();
                let description = if self.opts.multiline {
                    "Anchor: the end of a line, that is just before a newline or at the end of the text, because the m option is on. It matches a position, not a character."
                } else {
                    "Anchor: the end of the text, or just before a newline that ends the text (turn on the m option to match at the end of every line). It matches a position, not a character. In the rust, fancy and ecmascript flavours $ without m matches only at the very end."
                };
                plain(self.node(start, "anchor", description.into()))
            }
            ')' => {
                self.bump();
                plain(self.node(
                    start,
                    "other",
                    "A closing parenthesis with no group open (PCRE2 refuses it).".into(),
                ))
            }
            c => {
                self.bump();
                let case = if c.is_alphabetic() { self.case_note() } else { "" };
                let node = self.node(start, "literal", format!("Matches {}{case}.", char_name(c)));
                Item { node, literal: Some(c), repeatable: true, quoted: false }
            }
        }
    }
}
