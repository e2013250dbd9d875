//! Plain-English names for characters, Unicode classes and ASCII classes.

use regex_syntax::ast::ClassAsciiKind;

/// A character as a reader should see it: quoted when printable, named when invisible.
pub(crate) fn char_name(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        '\t' => "a tab (U+0009)".to_owned(),
        '\n' => "a line feed (U+000A, \\n)".to_owned(),
        '\r' => "a carriage return (U+000D, \\r)".to_owned(),
        '\u{7}' => "the bell character (U+0007)".to_owned(),
        '\u{b}' => "a vertical tab (U+000B)".to_owned(),
        '\u{c}' => "a form feed (U+000C)".to_owned(),
        c if c.is_control() || c.is_whitespace() => format!("the character U+{:04X}", c as u32),
        c if c.is_ascii() => format!("\"{c}\""),
        c => format!("\"{c}\" (U+{:04X})", c as u32),
    }
}

/// Several characters as one quoted string, escaping the invisible ones.
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The meaning of a Unicode general category abbreviation, if `name` is one.
pub(crate) fn general_category(name: &str) -> Option<&'static str> {
    const CATEGORIES: &[(&str, &str)] = &[
        ("C", "other (control, format, unassigned, ...)"),
        ("Cc", "control character"),
        ("Cf", "format character"),
        ("Cn", "unassigned code point"),
        ("Co", "private-use character"),
        ("Cs", "surrogate"),
        ("L", "letter"),
        ("Ll", "lowercase letter"),
        ("Lm", "modifier letter"),
        ("Lo", "other letter (letters without case, e.g. CJK)"),
        ("Lt", "titlecase letter"),
        ("Lu", "uppercase letter"),
        ("M", "mark (combining accents and the like)"),
        ("Mc", "spacing mark"),
        ("Me", "enclosing mark"),
        ("Mn", "non-spacing mark"),
        ("N", "number"),
        ("Nd", "decimal digit"),
        ("Nl", "letter number (e.g. Roman numerals)"),
        ("No", "other number (e.g. superscripts, fractions)"),
        ("P", "punctuation"),
        ("Pc", "connector punctuation"),
        ("Pd", "dash punctuation"),
        ("Pe", "closing punctuation"),
        ("Pf", "final quote punctuation"),
        ("Pi", "initial quote punctuation"),
        ("Po", "other punctuation"),
        ("Ps", "opening punctuation"),
        ("S", "symbol"),
        ("Sc", "currency symbol"),
        ("Sk", "modifier symbol"),
        ("Sm", "math symbol"),
        ("So", "other symbol"),
        ("Z", "separator"),
        ("Zl", "line separator"),
        ("Zp", "paragraph separator"),
        ("Zs", "space separator"),
    ];
    CATEGORIES.binary_search_by(|(abbr, _)| abbr.cmp(&name)).ok().map(|i| CATEGORIES[i].1)
}

/// What a POSIX/ASCII class such as `[:alpha:]` contains.
pub(crate) fn ascii_class(kind: &ClassAsciiKind) -> (&'static str, &'static str) {
    match kind {
        ClassAsciiKind::Alnum => ("alnum", "ASCII letters and digits [0-9A-Za-z]"),
        ClassAsciiKind::Alpha => ("alpha", "ASCII letters [A-Za-z]"),
        ClassAsciiKind::Ascii => ("ascii", "any ASCII character [\\x00-\\x7F]"),
        ClassAsciiKind::Blank => ("blank", "a space or a tab"),
        ClassAsciiKind::Cntrl => ("cntrl", "ASCII control characters [\\x00-\\x1F\\x7F]"),
        ClassAsciiKind::Digit => ("digit", "ASCII digits [0-9]"),
        ClassAsciiKind::Graph => ("graph", "visible ASCII characters [!-~]"),
        ClassAsciiKind::Lower => ("lower", "ASCII lowercase letters [a-z]"),
        ClassAsciiKind::Print => ("print", "printable ASCII characters including space [ -~]"),
        ClassAsciiKind::Punct => ("punct", "ASCII punctuation [!-/:-@\\[-`{-~]"),
        ClassAsciiKind::Space => ("space", "ASCII whitespace [\\t\\n\\v\\f\\r ]"),
        ClassAsciiKind::Upper => ("upper", "ASCII uppercase letters [A-Z]"),
        ClassAsciiKind::Word => ("word", "ASCII word characters [0-9A-Za-z_]"),
        ClassAsciiKind::Xdigit => ("xdigit", "hexadecimal digits [0-9A-Fa-f]"),
    }
}

/// "once", "twice", "3 times".
pub(crate) fn times(n: u32) -> String {
    match n {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_are_sorted_for_binary_search() {
        assert_eq!(general_category("Lu"), Some("uppercase letter"));
        assert_eq!(general_category("C"), Some("other (control, format, unassigned, ...)"));
        assert_eq!(general_category("Zs"), Some("space separator"));
        assert_eq!(general_category("Greek"), None);
    }

    #[test]
    fn characters_are_named_readably() {
        assert_eq!(char_name('a'), "\"a\"");
        assert_eq!(char_name(' '), "a space");
        assert_eq!(char_name('é'), "\"é\" (U+00E9)");
        assert_eq!(char_name('\u{0}'), "the character U+0000");
        assert_eq!(quoted("a\nb"), "\"a\\nb\"");
        assert_eq!(times(1), "once");
        assert_eq!(times(7), "7 times");
    }
}
