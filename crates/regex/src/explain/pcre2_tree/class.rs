//! Bracketed character classes `[…]`: their members, ranges, POSIX classes and quotations, and the Spencer word
//! boundaries `[[:<:]]` and `[[:>:]]`.

use super::Reader;
use crate::explain::Node;
use crate::explain::words::{char_name, quoted};

impl Reader<'_> {
    pub(super) fn class(&mut self) -> Node {
        let start = self.at;
        for (text, description) in [
            ("[[:<:]]", "Start of a word (PCRE2's Spencer-compatible [[:<:]], like \\b(?=\\w))."),
            ("[[:>:]]", "End of a word (PCRE2's Spencer-compatible [[:>:]], like \\b(?<=\\w))."),
        ] {
            if self.eat(text) {
                return self.node(
                    start,
                    "anchor",
                    format!("{description} It matches a position, not a character."),
                );
            }
        }
        self.bump();
        let negated = self.eat("^");
        let mut children = Vec::new();
        let mut first = true;
        loop {
            if self.opts.extended_more {
                while matches!(self.peek(), Some(' ' | '\t')) {
                    self.bump();
                }
            }
            let item_start = self.at;
            let Some(c) = self.peek() else { break };
            if c == ']' && !first {
                self.bump();
                break;
            }
            first = false;
            let (item, low) = self.class_item();
            let Some(low) = low else {
                children.extend(item);
                continue;
            };
            // A range: a character, '-', a character (a '-' before ']' is literal).
            let rest = self.rest();
            if rest.starts_with('-')
                && !rest[1..].starts_with(']')
                && !rest[1..].starts_with("[:")
                && rest.len() > 1
            {
                let save = self.at;
                self.bump();
                let (_, high) = self.class_item();
                if let Some(high) = high {
                    let case = if low.is_alphabetic() || high.is_alphabetic() {
                        self.case_note()
                    } else {
                        ""
                    };
                    children.push(self.node(
                        item_start,
                        "range",
                        format!(
                            "A range: any character from {} to {} (code points U+{:04X} to U+{:04X}){case}.",
                            char_name(low),
                            char_name(high),
                            low as u32,
                            high as u32
                        ),
                    ));
                    continue;
                }
                self.at = save;
            }
            children.extend(item);
        }
        let description = if negated {
            "Character class: matches any one character that is NOT listed inside the brackets (a newline too)."
        } else {
            "Character class: matches any one character listed inside the brackets."
        };
        let mut class = self.node(start, "class", format!("{description}{}", self.case_note()));
        class.children = children;
        class
    }

    /// One item of a class and, when it is a single character, that character.
    fn class_item(&mut self) -> (Option<Node>, Option<char>) {
        let start = self.at;
        let rest = self.rest();
        if let Some(posix) = posix_class(rest) {
            self.at += posix.len;
            return (Some(self.node(start, "class", posix.description)), None);
        }
        if rest.starts_with("\\Q") {
            let inner = self.quotation();
            let description =
                format!("Quoted characters, each one listed literally: {}.", quoted(inner));
            return (Some(self.node(start, "literal", description)), None);
        }
        if rest.starts_with("\\E") {
            self.at += 2;
            return (
                Some(self.node(start, "comment", "\\E with no \\Q before it: ignored.".into())),
                None,
            );
        }
        if rest.starts_with('\\') {
            let escape = self.escape(true);
            let kind = if escape.kind == "anchor" { "other" } else { escape.kind };
            return (Some(self.node(start, kind, escape.description)), escape.literal);
        }
        let Some(c) = self.bump() else { return (None, None) };
        (Some(self.node(start, "literal", class_char(c))), Some(c))
    }
}

struct Posix {
    len: usize,
    description: String,
}

/// `[:name:]` or `[:^name:]` inside a class, with what it matches under PCRE2_UCP.
fn posix_class(rest: &str) -> Option<Posix> {
    let inner = rest.strip_prefix("[:")?;
    let close = inner.find(":]")?;
    let body = &inner[..close];
    let (negated, name) = match body.strip_prefix('^') {
        Some(name) => (true, name),
        None => (false, body),
    };
    let what = match name {
        "alnum" => "Unicode letters and numbers (\\p{Xan})",
        "alpha" => "Unicode letters (\\p{L})",
        "ascii" => "ASCII characters (U+0000 to U+007F)",
        "blank" => "horizontal white space (\\h)",
        "cntrl" => "control characters",
        "digit" => "Unicode decimal digits (\\p{Nd})",
        "graph" => "visible characters (neither white space nor control characters)",
        "lower" => "Unicode lowercase letters (\\p{Ll})",
        "print" => "visible characters and spaces",
        "punct" => "punctuation",
        "space" => "Unicode white space (\\p{Xps})",
        "upper" => "Unicode uppercase letters (\\p{Lu})",
        "word" => "word characters (\\w, Unicode here)",
        "xdigit" => {
            "hexadecimal digits 0-9, A-F and a-f (with UCP, as here, their fullwidth forms too)"
        }
        _ => return None,
    };
    let description = if negated {
        format!("POSIX class [:^{name}:]: any character except {what}.")
    } else {
        format!("POSIX class [:{name}:]: {what}.")
    };
    Some(Posix {
        len: 2 + close + 2,
        description: format!(
            "{description} With PCRE2_UCP (as here) most POSIX classes use Unicode properties; in the rust and fancy flavours they are ASCII only, and ecmascript has none ([[:alpha:]] there is a class of [, :, a, l, p, h followed by a literal ])."
        ),
    })
}

/// A character listed in a class: "The character "a".", "A space.".
fn class_char(c: char) -> String {
    let name = char_name(c);
    if name.starts_with('"') {
        return format!("The character {name}.");
    }
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => name,
    }
}
