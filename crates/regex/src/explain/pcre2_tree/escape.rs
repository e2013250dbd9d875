//! Backslash escapes, outside and inside classes: character types and properties, characters by code point,
//! anchors, backreferences, `\g` calls, and `\Q…\E` quotations.

use super::{Item, Reader};
use crate::explain::words::{char_name, general_category, quoted};

impl<'a> Reader<'a> {
    pub(super) fn escape_item(&mut self) -> Item {
        let start = self.at;
        if self.rest().starts_with("\\Q") {
            let text = self.quotation();
            let case = if text.chars().any(char::is_alphabetic) { self.case_note() } else { "" };
            let description = format!(
                "Quotation: everything between \\Q and \\E is matched literally, here the text {}{case}. The rust and fancy flavours refuse \\Q.",
                quoted(text)
            );
            let node = self.node(start, "literal", description);
            return Item { node, literal: None, repeatable: true, quoted: true };
        }
        let escape = self.escape(false);
        let node = self.node(start, escape.kind, escape.description);
        Item { node, literal: escape.literal, repeatable: escape.repeatable, quoted: false }
    }

    /// The text of the `\Q…\E` quotation here, consumed with its `\Q` and `\E` (to the end of the pattern when
    /// no `\E` closes it). Read alike outside and inside a class; each describes it in its own words.
    pub(super) fn quotation(&mut self) -> &'a str {
        self.at += 2;
        let rest = self.rest();
        let len = rest.find("\\E").unwrap_or(rest.len());
        self.at += len;
        self.eat("\\E");
        &rest[..len]
    }

    /// The escape at the backslash here, outside or inside a character class.
    pub(super) fn escape(&mut self, in_class: bool) -> Escape {
        self.bump();
        let Some(c) = self.bump() else {
            return Escape::other("A backslash at the end of the pattern (PCRE2 refuses it).");
        };
        let case = if self.opts.caseless { self.case_note() } else { "" };
        match c {
            'd' | 'D' | 'w' | 'W' | 's' | 'S' | 'h' | 'H' | 'v' | 'V' => {
                Escape::class(type_escape(c))
            }
            'N' if self.peek() == Some('{') => {
                let inner = self.braced();
                let value = inner.trim().strip_prefix("U+").and_then(|hex| u32::from_str_radix(hex, 16).ok());
                self.code_point(value, "a Unicode code point escape \\N{U+…}")
            }
            'N' if !in_class => Escape::class(
                "Any character except a newline, whatever the s option says. The rust flavour refuses \\N.".into(),
            ),
            'R' if !in_class => Escape::class(
                "Any line break (PCRE2's \\R): \\r\\n as one, or one of \\n, \\r, \\x0b, \\f, \\x85, U+2028, U+2029 (a leading (*BSR_ANYCRLF) limits it to \\r, \\n and \\r\\n). The fancy flavour has \\R too; the rust flavour refuses it; ecmascript without the u flag reads \\R as the letter R.".into(),
            ),
            'X' if !in_class => Escape::class(
                "An extended grapheme cluster: one user-perceived character, such as a letter with its combining accents or an emoji sequence. The rust and fancy flavours refuse \\X; ecmascript without the u flag reads it as the letter X.".into(),
            ),
            'C' if !in_class => Escape::class(
                "One code unit (one byte here, since the text is UTF-8), even in the middle of a character; it can split a character and is best avoided.".into(),
            ),
            'p' | 'P' => {
                let name = if self.peek() == Some('{') {
                    self.braced().to_owned()
                } else {
                    self.bump().map(String::from).unwrap_or_default()
                };
                Escape::class(property(&name, c == 'P'))
            }
            'x' => {
                if self.peek() == Some('{') {
                    let inner = self.braced();
                    let value = u32::from_str_radix(inner.trim(), 16).ok();
                    let mut escape = self.code_point(value, "a hexadecimal escape");
                    escape.description.push_str(" In ecmascript without the u flag, \\x{…} is the letter x followed by a quantifier: \\x{41} there is x repeated 41 times.");
                    escape
                } else {
                    let digits = self.rest().bytes().take(2).take_while(u8::is_ascii_hexdigit).count();
                    let hex = &self.rest()[..digits];
                    self.at += digits;
                    let value = if hex.is_empty() { Some(0) } else { u32::from_str_radix(hex, 16).ok() };
                    self.code_point(value, "a hexadecimal escape")
                }
            }
            'o' if self.peek() == Some('{') => {
                let inner = self.braced();
                let value = u32::from_str_radix(inner.trim(), 8).ok();
                self.code_point(value, "an octal escape \\o{…}")
            }
            '0' => {
                let digits = self.rest().bytes().take(2).take_while(|b| (b'0'..=b'7').contains(b)).count();
                let octal = &self.rest()[..digits];
                self.at += digits;
                let value = if octal.is_empty() { Some(0) } else { u32::from_str_radix(octal, 8).ok() };
                let mut escape = self.code_point(value, "an octal escape (\\0 and up to two more octal digits)");
                escape.description.push_str(" The rust and fancy flavours read \\0 as a backreference and refuse it.");
                escape
            }
            '1'..='9' => self.digit_escape(c, in_class),
            'c' => match self.bump() {
                Some(x) if x.is_ascii() => {
                    let value = u32::from(x.to_ascii_uppercase() as u8 ^ 0x40);
                    self.code_point(Some(value), "a control-character escape (\\cX: X with bit 6 flipped)")
                }
                _ => Escape::other("\\c followed by a character that is not ASCII (PCRE2 refuses it)."),
            },
            'a' => Escape::literal('\u{7}', "Matches the alarm (bell) character (\\a, U+0007)."),
            'e' => Escape::literal('\u{1b}', "Matches the escape character (\\e, U+001B). The rust flavour refuses \\e."),
            'f' => Escape::literal('\u{c}', "Matches a form feed (\\f, U+000C)."),
            'n' => Escape::literal('\n', "Matches a line feed, the usual newline (\\n, U+000A)."),
            'r' => Escape::literal('\r', "Matches a carriage return (\\r, U+000D)."),
            't' => Escape::literal('\t', "Matches a tab (\\t, U+0009)."),
            'b' if in_class => Escape::literal('\u{8}', "The backspace character (\\b inside a class, U+0008)."),
            'b' => Escape::anchor("Word boundary: a position with a word character (\\w) on one side and a non-word character or the edge of the text on the other. Word characters are Unicode ones here (PCRE2_UCP); in ecmascript \\b uses ASCII word characters only."),
            'B' => Escape::anchor("Not a word boundary: word characters on both sides or non-word characters on both sides (\\w is Unicode here)."),
            'A' => Escape::anchor("Anchor: the very start of the text, whatever the m option says."),
            'z' => Escape::anchor("Anchor: the very end of the text, whatever the m option says."),
            'Z' => Escape::anchor("Anchor: the end of the text, or just before a newline that ends it, whatever the m option says. The fancy flavour reads \\Z the same; the rust flavour refuses it; ecmascript without the u flag reads it as the letter Z."),
            'G' => Escape::anchor("Anchor: the position where this match attempt started (the end of the previous match when listing every match). The fancy flavour has \\G too; the rust flavour refuses it; ecmascript without the u flag reads it as the letter G."),
            'K' => Escape::anchor("Resets the start of the reported match to here: what came before must match but is left out of the match (PCRE2's \\K). The fancy flavour has \\K too; the rust flavour refuses it; ecmascript without the u flag reads it as the letter K."),
            'g' => self.g_escape(),
            'k' => {
                let name = match self.peek() {
                    Some('<') => self.delimited('>'),
                    Some('\'') => self.delimited('\''),
                    Some('{') => self.braced(),
                    _ => "",
                };
                let name = name.trim().to_owned();
                Escape::backreference(format!(
                    "Backreference by name: matches the same text the group named \"{name}\"{} last captured{case}.",
                    self.number_of(&name)
                ))
            }
            c if !c.is_ascii_alphanumeric() => {
                let description = if c.is_ascii() {
                    format!("Matches {} literally; the backslash removes any special meaning{case}.", char_name(c))
                } else {
                    format!("Matches {} literally{case}.", char_name(c))
                };
                Escape::literal(c, &description)
            }
            _ => Escape::other("An escape PCRE2 does not know (it refuses it)."),
        }
    }

    /// `\1`–`\9…`: a backreference, or an octal escape (pcre2pattern, "Non-printing characters").
    fn digit_escape(&mut self, first: char, in_class: bool) -> Escape {
        let digits_start = self.at - 1;
        let all = self.pattern[digits_start..].bytes().take_while(u8::is_ascii_digit).count();
        let number: usize =
            self.pattern[digits_start..digits_start + all].parse().unwrap_or(usize::MAX);
        let octal_len = self.pattern[digits_start..]
            .bytes()
            .take(3)
            .take_while(|b| (b'0'..=b'7').contains(b))
            .count();
        if in_class || !(number < 10 || first == '8' || first == '9' || number <= self.groups) {
            if octal_len == 0 {
                return Escape::literal(first, &format!("Matches {} literally.", char_name(first)));
            }
            self.at = digits_start + octal_len;
            let value = u32::from_str_radix(&self.pattern[digits_start..self.at], 8).ok();
            let mut escape = self.code_point(value, "an octal escape");
            escape.description.push_str(" (Outside a class, \\ and digits are a backreference when the number is below 10 or there are that many groups before it.)");
            return escape;
        }
        self.at = digits_start + all;
        let case = self.case_note();
        Escape::backreference(format!(
            "Backreference: matches the same text that group {number} last captured{case}. The rust flavour has no backreferences."
        ))
    }

    /// `\g…`: a backreference (`\g1`, `\g{-1}`, `\g{name}`) or a subroutine call (`\g<…>`, `\g'…'`).
    fn g_escape(&mut self) -> Escape {
        match self.peek() {
            Some('<') | Some('\'') => {
                let close = if self.peek() == Some('<') { '>' } else { '\'' };
                let target = self.delimited(close).trim().to_owned();
                Escape::subroutine(
                    self.call_words(&target, "Oniguruma's spelling \\g<…> or \\g'…'"),
                )
            }
            _ => {
                let reference = if self.peek() == Some('{') {
                    self.braced().trim().to_owned()
                } else {
                    let sign = usize::from(matches!(self.peek(), Some('-' | '+')));
                    let len =
                        sign + self.rest()[sign..].bytes().take_while(u8::is_ascii_digit).count();
                    let text = self.rest()[..len].to_owned();
                    self.at += len;
                    text
                };
                let case = self.case_note();
                Escape::backreference(format!(
                    "Backreference: matches the same text that {} last captured{case}.",
                    self.group_words(&reference)
                ))
            }
        }
    }

    fn code_point(&self, value: Option<u32>, how: &str) -> Escape {
        match value.and_then(char::from_u32) {
            Some(c) => {
                let case = if c.is_alphabetic() { self.case_note() } else { "" };
                Escape::literal(
                    c,
                    &format!(
                        "Matches {}, written as {how} (code point U+{:04X}){case}.",
                        char_name(c),
                        c as u32
                    ),
                )
            }
            None => Escape::other(&format!(
                "A character written as {how}, out of range (PCRE2 refuses it)."
            )),
        }
    }
}

/// `\d \D \w \W \s \S \h \H \v \V`.
fn type_escape(c: char) -> String {
    match c {
        'd' => "Any decimal digit: a Unicode decimal digit (\\p{Nd}), since the tester compiles with PCRE2_UCP as PHP's u modifier does (without UCP, PCRE2's \\d is ASCII 0-9 only). In ecmascript \\d is ASCII 0-9 only.",
        'D' => "Any character that is not a decimal digit (\\p{Nd}, with UCP). In ecmascript \\D is anything but ASCII 0-9.",
        'w' => "Any word character: a Unicode letter, number, non-spacing mark or connector punctuation such as _ (with PCRE2_UCP, as here). In ecmascript \\w is ASCII [A-Za-z0-9_] only.",
        'W' => "Any character that is not a word character (\\w, Unicode with UCP). In ecmascript \\W is anything but ASCII [A-Za-z0-9_].",
        's' => "Any white space character: space, tab, line breaks and Unicode spaces (with PCRE2_UCP, as here).",
        'S' => "Any character that is not white space (\\s).",
        'h' => "Any horizontal white space character: tab, space, no-break space and the other Unicode space separators (PCRE2's \\h). In the fancy flavour \\h is a hexadecimal digit; the rust flavour refuses it; ecmascript without the u flag reads it as the letter h.",
        'H' => "Any character that is not horizontal white space (\\h). In the fancy flavour \\H is a non-hexadecimal-digit; the rust flavour refuses it.",
        'v' => "Any vertical white space character: line feed, vertical tab, form feed, carriage return, U+0085, U+2028, U+2029 (PCRE2's \\v). In the rust and fancy flavours and in ecmascript, \\v is only the vertical tab (U+000B).",
        _ => "Any character that is not vertical white space (\\v).",
    }
    .to_owned()
}

/// `\p{…}` / `\P{…}`: a Unicode property, script or general category (`^` inside the braces negates).
fn property(name: &str, negated: bool) -> String {
    let trimmed = name.trim();
    let (negated, trimmed) = match trimmed.strip_prefix('^') {
        Some(rest) => (!negated, rest.trim()),
        None => (negated, trimmed),
    };
    let what = match trimmed {
        "Any" => "at all (the property Any)".to_owned(),
        "L&" | "Lc" => "that is a cased letter (Lu, Ll or Lt)".to_owned(),
        "Xan" => "that is alphanumeric (PCRE2's Xan: a letter or number)".to_owned(),
        "Xps" | "Xsp" => "that is white space (PCRE2's Xps/Xsp)".to_owned(),
        "Xwd" => "that is a word character (PCRE2's Xwd)".to_owned(),
        "Xuc" => "that can be written as a universal character name (PCRE2's Xuc)".to_owned(),
        other => match general_category(other) {
            Some(meaning) => format!("in the Unicode general category {other} ({meaning})"),
            None => format!("with the Unicode property or script {other}"),
        },
    };
    if negated { format!("Any character NOT {what}.") } else { format!("Any character {what}.") }
}

/// What an escape reads as, for the item or class member that holds it.
pub(super) struct Escape {
    pub(super) kind: &'static str,
    pub(super) description: String,
    /// The character it matches, when it matches one: it may then join a run of literals, or be an end of a range
    /// in a class.
    pub(super) literal: Option<char>,
    repeatable: bool,
}

impl Escape {
    fn new(kind: &'static str, description: String, repeatable: bool) -> Escape {
        Escape { kind, description, literal: None, repeatable }
    }
    fn class(description: String) -> Escape {
        Escape::new("class", description, true)
    }
    fn anchor(description: &str) -> Escape {
        Escape::new(
            "anchor",
            format!("{description} It matches a position, not a character."),
            false,
        )
    }
    fn other(description: &str) -> Escape {
        Escape::new("other", description.to_owned(), false)
    }
    fn backreference(description: String) -> Escape {
        Escape::new("backreference", description, true)
    }
    fn subroutine(description: String) -> Escape {
        Escape::new("subroutine", description, true)
    }
    fn literal(c: char, description: &str) -> Escape {
        Escape {
            kind: "literal",
            description: description.to_owned(),
            literal: Some(c),
            repeatable: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::flags::Flags;

    /// The (source, description) of the tree's quotation nodes, in pre-order.
    fn quotations(pattern: &str, flags: &str) -> Vec<(String, String)> {
        fn walk(nodes: &[crate::Node], out: &mut Vec<(String, String)>) {
            for node in nodes {
                if node.source.starts_with("\\Q") && node.kind == "literal" {
                    out.push((node.source.clone(), node.description.clone()));
                }
                walk(&node.children, out);
            }
        }
        let mut out = Vec::new();
        walk(&super::super::explain(pattern, Flags::parse_pcre2(flags).unwrap()), &mut out);
        out
    }

    #[test]
    fn a_quotation_reads_alike_outside_and_inside_a_class() {
        assert_eq!(
            quotations(r"\Qa]b\Ec", "i"),
            [(
                r"\Qa]b\E".into(),
                r#"Quotation: everything between \Q and \E is matched literally, here the text "a]b", ignoring case (the i option is on). The rust and fancy flavours refuse \Q."#.into()
            )]
        );
        let inside = quotations(r"[\Qa]b\Ec]", "i");
        assert_eq!(
            inside,
            [(r"\Qa]b\E".into(), r#"Quoted characters, each one listed literally: "a]b"."#.into())]
        );
        // With no \E the quotation runs to the end of the pattern.
        assert_eq!(quotations(r"x\Qy.", "")[0].0, r"\Qy.");
        assert_eq!(quotations(r"[\Qy.", "")[0].0, r"\Qy.");
    }
}
