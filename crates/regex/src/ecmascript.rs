//! The ecmascript flavour: JavaScript's regular expressions on [`regress`], with ECMAScript's flags, its
//! replacement syntax (`GetSubstitution`, ECMA-262 §22.1.3.19.1) and UTF-16 offsets.
//!
//! What differs from JavaScript on purpose (each is in `tests/ecmascript_divergences.md`):
//! - the text is UTF-8, so a match cannot split a character: without `u`/`v`, JavaScript sees a character outside
//!   the BMP as two UTF-16 code units (`.` matches half of it), the tester as one;
//! - `g` and `d` are implied: every match is listed and replaced (as `matchAll` and `replaceAll` do) and carries
//!   its offsets.
//!
//! regress is a backtracking engine with no step limit: the site runs the search in a process it kills at the
//! deadline (the regex job), as it does for the fancy flavour; the deadline is also checked between matches.

use crate::dialect::{Dialect, ReplacementSyntax};
use crate::engine::Engine;
use crate::error::{RegexError, Span};
use crate::explain::Node;
use crate::flags::Flags;
use crate::warnings::Warning;

mod fold;

/// The flavour, for [`Flavor::dialect`](crate::Flavor).
pub(crate) struct Ecmascript;

/// A compiled ECMAScript pattern and whether it is sticky (`y`).
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    regex: regress::Regex,
    sticky: bool,
}

/// Patterns longer than this (in characters) are not searched for the place of their error, which costs one
/// parse per character: the error then points at the whole pattern.
const MAX_LOCATE: usize = 2_000;

fn regress_flags(flags: Flags) -> regress::Flags {
    regress::Flags {
        icase: flags.case_insensitive,
        multiline: flags.multi_line,
        dot_all: flags.dot_matches_new_line,
        // regress applies the strict syntax of Unicode mode (no lone `]`, `{`, `\-`, `\k` to a missing name)
        // only with its `unicode` flag; `v` is Unicode mode too.
        unicode: flags.unicode_mode(),
        unicode_sets: flags.unicode_sets,
        ..regress::Flags::default()
    }
}

impl Dialect for Ecmascript {
    fn compile(
        &self,
        pattern: &str,
        flags: Flags,
    ) -> Result<(Engine, Vec<Option<String>>), RegexError> {
        let braces = UBraces::new(pattern, flags);
        let compiled = braces.as_ref().map_or(pattern, |braces| &braces.text);
        let wrapped = string_properties_in_classes(compiled, flags);
        let regex = wrapped
            .and_then(|wrapped| regress::Regex::with_flags(&wrapped, regress_flags(flags)).ok())
            .map_or_else(|| regress::Regex::with_flags(compiled, regress_flags(flags)), Ok)
            .map_err(|error| RegexError::InvalidPattern {
                message: error.text.to_lowercase(),
                span: locate_error(pattern, flags),
            })?;
        let names = group_names(pattern, flags.unicode_sets);
        let compiled = Compiled { regex, sticky: flags.sticky };
        Ok((Engine::Ecmascript(compiled), names))
    }

    fn replacement_syntax(&self) -> ReplacementSyntax {
        ReplacementSyntax::JavaScript
    }

    fn utf16_offsets(&self) -> bool {
        true
    }

    fn explain(&self, pattern: &str, flags: Flags) -> Result<Vec<Node>, RegexError> {
        let braces = UBraces::new(pattern, flags);
        let compiled = braces.as_ref().map_or(pattern, |braces| &braces.text);
        regress::Regex::with_flags(compiled, regress_flags(flags)).map_err(|error| {
            RegexError::InvalidPattern {
                message: error.text.to_lowercase(),
                span: locate_error(pattern, flags),
            }
        })?;
        Ok(explain(pattern, flags))
    }

    fn snippet(
        &self,
        pattern: &str,
        flags: Flags,
        text: &str,
        replacement: Option<&str>,
    ) -> String {
        snippet(pattern, flags, text, replacement)
    }

    fn answer_warnings(
        &self,
        pattern: &str,
        flags: Flags,
        text: &str,
        matches: &[crate::Match],
    ) -> Vec<Warning> {
        let mut warnings = u_brace_warnings(pattern, flags);
        warnings.extend(astral_warning(pattern, flags, text, matches));
        warnings.extend(divergence_warnings(pattern, flags, text, matches));
        warnings
    }
}

/// At most this many warnings of each kind of divergence, so that a long pattern or text cannot fill the answer.
const MAX_DIVERGENCE_WARNINGS: usize = 10;

/// Warnings for each `\\u{…}` without `u`/`v` (at most [`MAX_DIVERGENCE_WARNINGS`]): JavaScript, and so the
/// answer (see `UBraces`), reads it the Annex B way, `\\u{61}` as the letter `u` 61 times, which is rarely what was
/// meant; the warning names the code point and how to get it.
fn u_brace_warnings(pattern: &str, flags: Flags) -> Vec<Warning> {
    let Some(braces) = UBraces::new(pattern, flags) else { return Vec::new() };
    let mut warnings = Vec::new();
    for (&backslash, &in_class) in
        braces.dropped.iter().zip(&braces.in_class).take(MAX_DIVERGENCE_WARNINGS)
    {
        let at = backslash + 1;
        let close = pattern[at..].find('}').map_or(at + 2, |close| at + close + 1);
        let written = &pattern[at - 1..close];
        let inner = &pattern[at + 2..close.saturating_sub(1).max(at + 2)];
        let code = u32::from_str_radix(inner, 16).ok().filter(|_| !inner.is_empty());
        let suggestion = code.filter(|code| *code <= 0xFFFF).map(|code| format!("\\u{code:04X}"));
        let javascript = match inner.parse::<u32>() {
            _ if in_class => format!("the characters of u{} in the class", &written[2..]),
            Ok(count) if written.ends_with('}') => format!("the letter u repeated {count} times"),
            _ => format!("the text u{}", &written[2..]),
        };
        let meant = match (code, &suggestion) {
            (Some(code), Some(suggestion)) => {
                format!(
                    ", not the code point U+{code:04X}. For the code point, add the u or v flag or write {suggestion}"
                )
            }
            (Some(code), None) if char::from_u32(code).is_some() => {
                format!(
                    ", not the code point U+{code:04X}. For the code point, add the u or v flag"
                )
            }
            _ => String::new(),
        };
        warnings.push(Warning {
            kind: "annex_b_syntax".into(),
            message: format!(
                "{written} without the u or v flag is {javascript}, as JavaScript reads it (Annex B){meant}."
            ),
            part: "pattern".into(),
            start: at - 1,
            end: close,
            suggestion,
        });
    }
    warnings
}

/// One warning, without `u`/`v`, when the pattern or a match has a character outside the BMP: JavaScript then
/// reads it as two UTF-16 code units, the answer as one character (the `astral-without-u` divergence of
/// `tests/ecmascript_divergences.md`, intended: the text is UTF-8, which a match cannot split).
fn astral_warning(
    pattern: &str,
    flags: Flags,
    text: &str,
    matches: &[crate::Match],
) -> Option<Warning> {
    if flags.unicode_mode() {
        return None;
    }
    let astral = |c: &(usize, char)| u32::from(c.1) > 0xFFFF;
    let (part, at, c) = match pattern.char_indices().find(astral) {
        Some((at, c)) => ("pattern", at, c),
        None => {
            let (at, c) = matches.iter().find_map(|found| {
                let (at, c) = text.get(found.start..found.end)?.char_indices().find(astral)?;
                Some((found.start + at, c))
            })?;
            ("text", at, c)
        }
    };
    let whose = if part == "pattern" { "The pattern" } else { "A match" };
    Some(Warning {
        kind: "astral_without_u".into(),
        message: format!(
            "{whose} has {c} (U+{:04X}), outside the BMP, at byte {at}: without the u or v flag JavaScript sees such a character as two UTF-16 code units, so . matches half of it, a class holding one matches either half, and a quantifier after one repeats only its second half. This answer matches whole code points, as JavaScript does with the u flag; add u for the two to agree.",
            u32::from(c)
        ),
        part: part.into(),
        start: at,
        end: at + c.len_utf8(),
        suggestion: None,
    })
}

/// Warnings where regress, the engine behind the flavour, is known to answer otherwise than JavaScript (the
/// regress divergences of `tests/ecmascript_divergences.md`), each saying what JavaScript would do instead.
fn divergence_warnings(
    pattern: &str,
    flags: Flags,
    text: &str,
    matches: &[crate::Match],
) -> Vec<Warning> {
    let unicode = flags.unicode_mode();
    if unicode || !flags.case_insensitive {
        return Vec::new();
    }
    fold::warnings(pattern, text, matches, MAX_DIVERGENCE_WARNINGS)
}

impl Compiled {
    /// Every match in order, as `String.prototype.matchAll` finds them: after an empty match the search goes on
    /// one character further (`AdvanceStringIndex`); with `y` each match must start where the last one ended.
    /// `visit` gets the number of group slots and each slot's byte span.
    pub(crate) fn for_each(
        &self,
        text: &str,
        mut visit: impl FnMut(usize, &dyn Fn(usize) -> Option<(usize, usize)>) -> Result<(), RegexError>,
    ) -> Result<(), RegexError> {
        let mut at = 0;
        while at <= text.len() {
            let Some(found) = self.regex.find_from(text, at).next() else { break };
            if self.sticky && found.start() != at {
                break;
            }
            let slots = found.captures.len() + 1;
            visit(slots, &|index| found.group(index).map(|range| (range.start, range.end)))?;
            at = if found.end() > found.start() {
                found.end()
            } else {
                // The next character boundary, or past the end.
                text[found.end()..]
                    .chars()
                    .next()
                    .map_or(text.len() + 1, |c| found.end() + c.len_utf8())
            };
        }
        Ok(())
    }
}

/// The properties of strings (ECMA-262 table 69), which only the `v` flag allows.
const STRING_PROPERTIES: [&str; 7] = [
    "Basic_Emoji",
    "Emoji_Keycap_Sequence",
    "RGI_Emoji",
    "RGI_Emoji_Flag_Sequence",
    "RGI_Emoji_Modifier_Sequence",
    "RGI_Emoji_Tag_Sequence",
    "RGI_Emoji_ZWJ_Sequence",
];

/// With `v`, the pattern with each property of strings outside a class put in one (`\p{RGI_Emoji}` as
/// `[\p{RGI_Emoji}]`), which means the same in JavaScript; `None` when there is none. regress 0.12 tries the
/// strings of a bare `\p{RGI_Emoji}` in its table's order, a single emoji before the sequences it starts, so
/// 👨‍👩‍👧 gave three matches (👨, 👩, 👧) where JavaScript finds the whole ZWJ sequence; in a class it tries the
/// longest first, as ECMA-262 §22.2.2.9 (CompileAtom) says.
fn string_properties_in_classes(pattern: &str, flags: Flags) -> Option<String> {
    if !flags.unicode_sets || !pattern.contains("\\p{") {
        return None;
    }
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut depth = 0usize;
    let mut changed = false;
    let mut rest = pattern;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            let property = rest
                .strip_prefix("\\p{")
                .and_then(|inner| inner.split_once('}'))
                .map(|(name, _)| name)
                .filter(|name| STRING_PROPERTIES.contains(name));
            let len = match property {
                Some(name) if depth == 0 => {
                    out.push('[');
                    out.push_str(&rest[..name.len() + 4]);
                    out.push(']');
                    changed = true;
                    rest = &rest[name.len() + 4..];
                    continue;
                }
                _ => 1 + rest[1..].chars().next().map_or(0, char::len_utf8),
            };
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    changed.then_some(out)
}

/// The names of the groups by index (index 0 and unnamed groups `None`): JavaScript numbers groups by their
/// opening parenthesis, `(` not followed by `?`, and `(?<name>`, outside classes and escapes.
pub(crate) fn group_names(pattern: &str, sets: bool) -> Vec<Option<String>> {
    let mut names = vec![None];
    let mut chars = pattern.char_indices().peekable();
    let mut class_depth = 0usize;
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '[' if class_depth == 0 || sets => class_depth += 1,
            ']' if class_depth > 0 => class_depth -= 1,
            '(' if class_depth == 0 => {
                let rest = &pattern[at + 1..];
                if !rest.starts_with('?') {
                    names.push(None);
                } else if let Some(named) = rest.strip_prefix("?<")
                    && !named.starts_with('=')
                    && !named.starts_with('!')
                {
                    let name = named.split('>').next().unwrap_or_default();
                    names.push(Some(decode_name(name)));
                }
            }
            _ => {}
        }
    }
    names
}

/// The byte ranges of the group names in `(?<name>` and, when the pattern has a named group, `\\k<name>`.
/// ES2020's RegExpIdentifierName takes `\\u{…}` in every mode, so a `\\u{62}` there is the letter `b`, not
/// Annex B's `u` repeated (`(?<a\\u{62}>x)\\k<ab>` is valid without `u`).
fn name_spans(pattern: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut references = Vec::new();
    let mut in_class = false;
    let mut at = 0;
    while at < pattern.len() {
        let rest = &pattern[at..];
        let opening = if rest.starts_with("\\k<") {
            Some((3, true))
        } else if !in_class
            && rest.starts_with("(?<")
            && !rest.starts_with("(?<=")
            && !rest.starts_with("(?<!")
        {
            Some((3, false))
        } else {
            None
        };
        if let Some((len, reference)) = opening
            && let Some(close) = pattern[at + len..].find('>')
        {
            let span = at + len..at + len + close;
            if reference {
                references.push(span);
            } else {
                spans.push(span);
            }
            at += len + close + 1;
            continue;
        }
        let mut chars = rest.chars();
        match chars.next() {
            // An escape and the character it escapes.
            Some('\\') => at += chars.next().map_or(0, char::len_utf8),
            Some('[') => in_class = true,
            Some(']') => in_class = false,
            _ => {}
        }
        at += rest.chars().next().map_or(1, char::len_utf8);
    }
    if !spans.is_empty() {
        spans.extend(references);
    }
    spans
}

/// A group name as JavaScript reads it: its `\\uXXXX` and `\\u{…}` escapes (RegExpIdentifierName) decoded, a
/// surrogate pair written as two `\\uXXXX` taken as one character.
fn decode_name(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_owned();
    }
    let mut units: Vec<u16> = Vec::new();
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        let escaped = rest.strip_prefix("\\u").and_then(|hex| {
            if let Some(inner) = hex.strip_prefix('{') {
                let close = inner.find('}')?;
                let code = char::from_u32(u32::from_str_radix(&inner[..close], 16).ok()?)?;
                Some((code.encode_utf16(&mut [0; 2]).to_vec(), close + 4))
            } else {
                let code = u16::from_str_radix(hex.get(..4)?, 16).ok()?;
                Some((vec![code], 6))
            }
        });
        match escaped {
            Some((code, len)) => {
                units.extend(code);
                rest = &rest[len..];
            }
            None => {
                units.extend(c.encode_utf16(&mut [0; 2]).iter());
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    String::from_utf16_lossy(&units)
}

/// The pattern regress compiles when it has `\\u{` without `u`/`v`. JavaScript then reads `\\u` as the letter `u`
/// (ECMA-262 Annex B.1.2, IdentityEscape: `\\u` starts no RegExpUnicodeEscapeSequence without four hex digits),
/// so `\\u{61}` is `u` 61 times, `[\\u{61}]` the characters `u{61}` and `\\u{61}{2}` an error; regress reads a code
/// point in every mode. Dropping the backslash gives regress the pattern JavaScript reads.
struct UBraces {
    text: String,
    /// Where the dropped backslashes were in the user's pattern, in order.
    dropped: Vec<usize>,
    /// For each dropped backslash, whether it is in a class (for `u_brace_warnings`).
    in_class: Vec<bool>,
}

impl UBraces {
    /// `None` when nothing is dropped: with `u` or `v`, or without a `\\u{`.
    fn new(pattern: &str, flags: Flags) -> Option<UBraces> {
        if flags.unicode_mode() || !pattern.contains("\\u{") {
            return None;
        }
        let names = name_spans(pattern);
        let mut dropped = Vec::new();
        let mut classes = Vec::new();
        let mut escaped = false;
        let mut in_class = false;
        for (at, c) in pattern.char_indices() {
            if !escaped {
                match c {
                    '[' => in_class = true,
                    ']' => in_class = false,
                    _ => {}
                }
            }
            if escaped
                && c == 'u'
                && pattern[at + 1..].starts_with('{')
                && !names.iter().any(|name| name.contains(&at))
            {
                dropped.push(at - 1);
                classes.push(in_class);
            }
            escaped = !escaped && c == '\\';
        }
        let mut text = String::with_capacity(pattern.len());
        let mut from = 0;
        for &at in &dropped {
            text.push_str(&pattern[from..at]);
            from = at + 1;
        }
        text.push_str(&pattern[from..]);
        Some(UBraces { text, dropped, in_class: classes })
    }

    /// A span of the compiled text as a span of the user's pattern: a span starting at a `u` whose backslash was
    /// dropped starts at the backslash.
    fn original(&self, span: Span) -> Span {
        let shift =
            |at: usize| at + self.dropped.iter().enumerate().filter(|(i, d)| *d - i < at).count();
        Span::new(shift(span.start), shift(span.end))
    }
}

/// Where the parser fails: the longest start of the pattern that can still be completed into a valid pattern
/// (closing the groups and classes it opened) ends at the fault. When the whole pattern can be completed that
/// way, the fault is the first group or class left open.
pub(crate) fn locate_error(pattern: &str, flags: Flags) -> Span {
    match UBraces::new(pattern, flags) {
        Some(braces) => braces.original(locate_in(&braces.text, flags)),
        None => locate_in(pattern, flags),
    }
}

/// [`locate_error`] in `pattern` as regress compiles it.
fn locate_in(pattern: &str, flags: Flags) -> Span {
    let regress_flags = regress_flags(flags);
    let sets = flags.unicode_sets;
    let completes = |prefix: &str| {
        let (open, _) = open_brackets(prefix, sets);
        if prefix.ends_with('\\') {
            return false;
        }
        let mut completed = prefix.to_owned();
        for (_, bracket) in open.iter().rev() {
            completed.push(if *bracket == '(' { ')' } else { ']' });
        }
        regress::Regex::with_flags(&completed, regress_flags).is_ok()
    };
    let whole = Span::new(0, pattern.len());
    if completes(pattern) {
        let (open, _) = open_brackets(pattern, sets);
        return open.first().map_or(whole, |(at, _)| char_span(pattern, *at));
    }
    let boundaries: Vec<usize> = pattern.char_indices().map(|(at, _)| at).collect();
    if boundaries.len() > MAX_LOCATE {
        return whole;
    }
    for &at in boundaries.iter().rev() {
        if completes(&pattern[..at]) {
            return char_span(pattern, at);
        }
    }
    whole
}

/// The groups and classes left open at the end of `text`, outermost first, with their byte offsets; and
/// whether the text ends inside a class.
fn open_brackets(text: &str, sets: bool) -> (Vec<(usize, char)>, bool) {
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        let in_class = open.last().is_some_and(|(_, b)| *b == '[');
        match c {
            '\\' => {
                chars.next();
            }
            '[' if !in_class || sets => open.push((at, '[')),
            ']' if in_class => {
                open.pop();
            }
            '(' if !in_class => open.push((at, '(')),
            ')' if !in_class && open.last().is_some_and(|(_, b)| *b == '(') => {
                open.pop();
            }
            _ => {}
        }
    }
    let in_class = open.last().is_some_and(|(_, b)| *b == '[');
    (open, in_class)
}

/// The span of the character at byte `at`, or an empty span at the end.
fn char_span(pattern: &str, at: usize) -> Span {
    let len = pattern.get(at..).and_then(|rest| rest.chars().next()).map_or(0, char::len_utf8);
    Span::new(at, at + len)
}

/// One part of a JavaScript replacement, as `GetSubstitution` reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece<'r> {
    /// Text copied as it is (`$$` gives `$`).
    Literal(&'r str),
    /// A group by index (`$&` is 0); nothing when it did not take part.
    Group(usize),
    /// `$<name>` for a name several groups have (ES2025 duplicate named groups, in different alternatives): the
    /// one of them that took part, as `groups.name` holds it (RegExpBuiltinExec, ECMA-262 §22.2.7.2); given by the
    /// index of the first. Nothing when none took part.
    Named(usize),
    /// `` $` ``: the text before the match.
    Before,
    /// `$'`: the text after the match.
    After,
}

/// Reads `replacement` as ECMA-262's `GetSubstitution` does (§22.1.3.19.1), for a pattern with the groups
/// `names` (index 0 the whole match), handing each part to `out` in order.
pub(crate) fn expand<'r>(
    replacement: &'r str,
    names: &[Option<String>],
    mut out: impl FnMut(Piece<'r>),
) {
    let captures = names.len().saturating_sub(1);
    let named = names.iter().any(Option::is_some);
    let bytes = replacement.as_bytes();
    let mut literal_from = 0;
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'$' || at + 1 >= bytes.len() {
            at += 1;
            continue;
        }
        let next = bytes[at + 1];
        let (piece, len) = match next {
            b'$' => (Some(Piece::Literal("$")), 2),
            b'&' => (Some(Piece::Group(0)), 2),
            b'`' => (Some(Piece::Before), 2),
            b'\'' => (Some(Piece::After), 2),
            b'0'..=b'9' => {
                let one = usize::from(next - b'0');
                let two = bytes
                    .get(at + 2)
                    .filter(|b| b.is_ascii_digit())
                    .map(|b| one * 10 + usize::from(b - b'0'));
                match two {
                    Some(index) if (1..=captures).contains(&index) => {
                        (Some(Piece::Group(index)), 3)
                    }
                    _ if (1..=captures).contains(&one) => (Some(Piece::Group(one)), 2),
                    _ => (None, 0),
                }
            }
            b'<' if named => match replacement[at + 2..].find('>') {
                Some(close) => {
                    let name = &replacement[at + 2..at + 2 + close];
                    let mut indices =
                        names.iter().enumerate().filter(|(_, n)| n.as_deref() == Some(name));
                    let piece = match (indices.next(), indices.next()) {
                        (Some((first, _)), Some(_)) => Piece::Named(first),
                        (Some((index, _)), None) => Piece::Group(index),
                        (None, _) => Piece::Literal(""),
                    };
                    (Some(piece), close + 3)
                }
                None => (None, 0),
            },
            _ => (None, 0),
        };
        match piece {
            Some(piece) => {
                if literal_from < at {
                    out(Piece::Literal(&replacement[literal_from..at]));
                }
                out(piece);
                at += len;
                literal_from = at;
            }
            None => at += 1,
        }
    }
    if literal_from < bytes.len() {
        out(Piece::Literal(&replacement[literal_from..]));
    }
}

/// Warnings for a JavaScript replacement: `${name}` and `$name` (the `regex` crate's spellings) are literal text
/// in JavaScript, and `$<name>` for a name the pattern lacks gives nothing.
pub(crate) fn js_replacement_warnings(replacement: &str, names: &[Option<String>]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let named = names.iter().any(Option::is_some);
    let mut at = 0;
    while let Some(offset) = replacement[at..].find('$') {
        let dollar = at + offset;
        let rest = &replacement[dollar + 1..];
        at = dollar + 1;
        if rest.starts_with('$') {
            at += 1;
        } else if rest.starts_with('{')
            && let Some(close) = rest.find('}')
        {
            let end = dollar + 2 + close;
            let inner = &rest[1..close];
            warnings.push(Warning {
                kind: "replacement_literal".into(),
                message: format!(
                    "{} is copied as it is in JavaScript, which has no ${{…}} references; write $<{inner}> for a named group or ${inner} for a numbered one",
                    &replacement[dollar..end]
                ),
                part: "replace".into(),
                start: dollar,
                end,
                suggestion: Some(if inner.bytes().all(|b| b.is_ascii_digit()) {
                    format!("${inner}")
                } else {
                    format!("$<{inner}>")
                }),
            });
        } else if let Some(name) = rest.strip_prefix('<')
            && named
            && let Some(close) = name.find('>')
        {
            let name = &name[..close];
            if !names.iter().any(|n| n.as_deref() == Some(name)) {
                let end = dollar + 3 + close;
                warnings.push(Warning {
                    kind: "replacement_group_missing".into(),
                    message: format!(
                        "{} refers to a group named \"{name}\", which the pattern does not have; it is replaced by nothing",
                        &replacement[dollar..end]
                    ),
                    part: "replace".into(),
                    start: dollar,
                    end,
                    suggestion: None,
                });
            }
        }
    }
    warnings
}

/// The explanation: the shared syntax read by the fancy flavour's explainer (ECMAScript's look-around, named
/// groups, backreferences, classes and quantifiers are written the same), with the constructs that mean
/// something else in JavaScript described in its terms; a pattern using syntax only JavaScript has is described
/// as a whole.
fn explain(pattern: &str, flags: Flags) -> Vec<Node> {
    let shared = Flags {
        case_insensitive: flags.case_insensitive,
        multi_line: flags.multi_line,
        dot_matches_new_line: flags.dot_matches_new_line,
        ..Flags::default()
    };
    let unicode = flags.unicode_mode();
    // Without u, `\p{L}` is `p{L}` in JavaScript; the Rust reading would mislead.
    let js_only = flags.unicode_sets
        || (!unicode && ["\\p", "\\P"].iter().any(|s| pattern.contains(s)))
        || ["[]", "[^]"].iter().any(|s| pattern.contains(s));
    let rewritten = if js_only { None } else { Rewritten::new(pattern, unicode) };
    let tree = rewritten.as_ref().and_then(|rewritten| {
        let mut nodes = crate::explain::explain_fancy(&rewritten.text, shared).ok()?;
        for node in &mut nodes {
            rewritten.map_back(node, pattern);
        }
        Some(nodes)
    });
    match tree {
        Some(mut nodes) => {
            for node in &mut nodes {
                in_js_terms(node, flags, false);
            }
            nodes
        }
        None => vec![Node {
            start: 0,
            end: pattern.len(),
            source: pattern.to_owned(),
            kind: "pattern",
            description: "An ECMAScript pattern using syntax only JavaScript has (or the v flag's set operations), which the explanation cannot take apart yet; the matches and groups are regress's, an ECMAScript engine.".into(),
            children: Vec::new(),
        }],
    }
}

/// Annex B's LegacyOctalEscapeSequence at the start of `digits` (what follows the `\\`, starting with an octal
/// digit): up to three octal digits when the first is 0-3, two when it is 4-7, so at most `\\377`. Gives how many
/// digits it takes and the code unit they name.
fn legacy_octal(digits: &[u8]) -> (usize, u32) {
    let most = if digits[0] <= b'3' { 3 } else { 2 };
    digits
        .iter()
        .take(most)
        .take_while(|b| (b'0'..=b'7').contains(b))
        .fold((0, 0), |(len, code), b| (len + 1, code * 8 + u32::from(b - b'0')))
}

/// A pattern with JavaScript's own escapes spelled as escapes the shared explainer reads the same way (`\cJ` as
/// `\x0A`, `\0` as `\x00`; without `u`, `\u{61}` as `u{61}`, Annex B's `\8` as `8`, `\1` with no group 1 as the octal `\x01`, a `{`
/// that starts no quantifier as `\{`, and the `-` beside a class escape in `[\w-z]` as `\-`), with what it takes
/// to map the explainer's spans back to the user's pattern.
struct Rewritten {
    text: String,
    /// Each rewritten piece: its span in `text` and the span it stands for in the pattern, in order.
    pieces: Vec<(Span, Span)>,
}

impl Rewritten {
    /// The pattern rewritten (itself when it has none of these); `None` when it ends inside an escape.
    fn new(pattern: &str, unicode: bool) -> Option<Rewritten> {
        let groups = group_names(pattern, false).len() - 1;
        let names = name_spans(pattern);
        let bytes = pattern.as_bytes();
        let mut text = String::with_capacity(pattern.len());
        let mut pieces = Vec::new();
        let mut put = |text: &mut String, from: usize, to: usize, with: &str| {
            let start = text.len();
            text.push_str(with);
            pieces.push((Span::new(start, text.len()), Span::new(from, to)));
        };
        let class_escape = |at: usize| {
            bytes.get(at) == Some(&b'\\')
                && matches!(bytes.get(at + 1), Some(b'd' | b'D' | b's' | b'S' | b'w' | b'W'))
        };
        let mut in_class = false;
        let mut at = 0;
        while at < bytes.len() {
            let c = bytes[at];
            if c == b'\\' {
                let next = *bytes.get(at + 1)?;
                match next {
                    b'c' if bytes.get(at + 2).is_some_and(u8::is_ascii_alphabetic) => {
                        let code = bytes[at + 2] % 32;
                        put(&mut text, at, at + 3, &format!("\\x{code:02X}"));
                        at += 3;
                    }
                    // `\u{61}` is `u{61}` (see `UBraces`).
                    b'u' if !unicode
                        && bytes.get(at + 2) == Some(&b'{')
                        && !names.iter().any(|name| name.contains(&(at + 1))) =>
                    {
                        put(&mut text, at, at + 2, "u");
                        at += 2;
                    }
                    b'0' if !bytes.get(at + 2).is_some_and(u8::is_ascii_digit) => {
                        put(&mut text, at, at + 2, "\\x00");
                        at += 2;
                    }
                    b'0' if !unicode => {
                        // `\01`, `\012`: Annex B LegacyOctalEscapeSequence (with u, a syntax error).
                        let (len, code) = legacy_octal(&bytes[at + 1..]);
                        put(&mut text, at, at + 1 + len, &format!("\\x{code:02X}"));
                        at += 1 + len;
                    }
                    b'1'..=b'9' if !unicode => {
                        let digits =
                            bytes[at + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
                        let number: usize = pattern[at + 1..at + 1 + digits].parse().ok()?;
                        if !in_class && number <= groups {
                            text.push_str(&pattern[at..at + 1 + digits]);
                            at += 1 + digits;
                        } else if next >= b'8' {
                            // Annex B IdentityEscape: the digit itself.
                            put(&mut text, at, at + 2, &(next as char).to_string());
                            at += 2;
                        } else {
                            let (len, code) = legacy_octal(&bytes[at + 1..]);
                            put(&mut text, at, at + 1 + len, &format!("\\x{code:02X}"));
                            at += 1 + len;
                        }
                    }
                    _ => {
                        let len = pattern[at + 1..].chars().next()?.len_utf8();
                        text.push_str(&pattern[at..at + 1 + len]);
                        at += 1 + len;
                    }
                }
                continue;
            }
            match c {
                b'[' if !in_class => in_class = true,
                b']' if in_class => in_class = false,
                b'-' if in_class
                    && !unicode
                    && (class_escape(at + 1) || {
                        // The class escape just before: `\w-`, but not an escaped backslash `\\w-`.
                        at >= 2 && class_escape(at - 2) && !(at >= 3 && bytes[at - 3] == b'\\')
                    }) =>
                {
                    put(&mut text, at, at + 1, "\\-");
                    at += 1;
                    continue;
                }
                b'{' if !in_class && !unicode && !starts_quantifier(&pattern[at..]) => {
                    put(&mut text, at, at + 1, "\\{");
                    at += 1;
                    continue;
                }
                _ => {}
            }
            let len = pattern[at..].chars().next()?.len_utf8();
            text.push_str(&pattern[at..at + len]);
            at += len;
        }
        Some(Rewritten { text, pieces })
    }

    /// The position in the pattern of position `at` of the rewritten text.
    /// A position inside a rewritten piece maps to the start or `end` of what it stands for.
    fn original(&self, at: usize, end: bool) -> usize {
        let mut delta: isize = 0;
        for (new, old) in &self.pieces {
            if at <= new.start {
                break;
            }
            if at < new.end {
                return if end { old.end } else { old.start };
            }
            delta = old.end as isize - new.end as isize;
        }
        at.saturating_add_signed(delta)
    }

    /// Puts the node and its children back on the pattern's spans and text.
    fn map_back(&self, node: &mut Node, pattern: &str) {
        if !self.pieces.is_empty() {
            node.start = self.original(node.start, false);
            node.end = self.original(node.end, true).max(node.start);
            node.source = pattern.get(node.start..node.end).unwrap_or_default().to_owned();
        }
        for child in &mut node.children {
            self.map_back(child, pattern);
        }
    }
}

/// Whether `rest` (from a `{`) starts a quantifier JavaScript reads: `{n}`, `{n,}` or `{n,m}`.
fn starts_quantifier(rest: &str) -> bool {
    let Some(inner) = rest.strip_prefix('{').and_then(|r| r.split_once('}')).map(|(i, _)| i) else {
        return false;
    };
    let (low, high) = inner.split_once(',').unwrap_or((inner, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(low) && (high.is_empty() || digits(high))
}

/// The name of an ASCII control character, for `\cX`.
fn control_name(code: u8) -> String {
    let name = match code {
        0 => "NUL",
        7 => "bell",
        8 => "backspace",
        9 => "tab",
        10 => "line feed",
        11 => "vertical tab",
        12 => "form feed",
        13 => "carriage return",
        27 => "escape",
        _ => "",
    };
    if name.is_empty() { format!("U+{code:04X}") } else { format!("U+{code:04X}, {name}") }
}

/// Rewrites the descriptions of constructs whose meaning in JavaScript differs from Rust's. `in_class`: the node
/// is inside a character class, where `{` is always itself.
fn in_js_terms(node: &mut Node, flags: Flags, in_class: bool) {
    let unicode = flags.unicode_mode();
    let ignore_case = flags.case_insensitive;
    // What the answer does (whole characters) and what JavaScript does without u (code units); see
    // `astral_warning`.
    let astral_dot = if unicode {
        ""
    } else {
        " Without the u or v flag JavaScript reads the text as UTF-16 code units, so there . matches one half of a character outside the BMP (such as 😀); this answer matches the whole character, as JavaScript does with u."
    };
    // The second part of each: where the same syntax means something else in the tester's other flavours (the
    // `regex` crate's Unicode classes, which fancy-regex shares, and PCRE2 as the tester compiles it, with UCP).
    const UNICODE_ELSEWHERE: &str = "the rust, fancy and pcre2 flavours";
    let described = match node.source.as_str() {
        r"\d" => Some(format!(
            "A digit 0–9 (ASCII only in JavaScript, even with the u flag). In {UNICODE_ELSEWHERE}, \\d is any Unicode decimal digit (٣ too)."
        )),
        r"\D" => Some(format!(
            "Any character but an ASCII digit 0–9. In {UNICODE_ELSEWHERE}, \\D excludes every Unicode decimal digit."
        )),
        r"\w" => Some(format!(
            "A word character: A–Z, a–z, 0–9 or _ (ASCII only in JavaScript{}). In {UNICODE_ELSEWHERE}, \\w also takes letters and digits of every script (é, ж).",
            if unicode && ignore_case {
                "; with u and i also ſ and the Kelvin sign K"
            } else {
                ""
            }
        )),
        r"\W" => Some(format!(
            "Any character but an ASCII word character (A–Z, a–z, 0–9, _). In {UNICODE_ELSEWHERE}, \\W excludes letters and digits of every script."
        )),
        r"\b" => Some(format!(
            "A word boundary, judged with ASCII word characters (JavaScript's \\b). In {UNICODE_ELSEWHERE}, word characters are Unicode ones, so there is no boundary inside é or ж."
        )),
        r"\B" => Some("Not a word boundary (ASCII word characters).".to_owned()),
        "." if flags.dot_matches_new_line => {
            Some(format!("Any character (the s flag includes line terminators).{astral_dot}"))
        }
        "." => Some(format!(
            "Any character except a line terminator (\\n, \\r, U+2028, U+2029); the s flag includes them.{astral_dot} In {UNICODE_ELSEWHERE}, . without s excludes only \\n."
        )),
        "$" if !flags.multi_line => Some(
            "The end of the input (with the m flag, also before a line terminator). In the pcre2 flavour, $ without m also matches just before a newline that ends the text.".to_owned(),
        ),
        "^" if !flags.multi_line => Some(
            "The start of the input (with the m flag, also after a line terminator).".to_owned(),
        ),
        "^" => Some(
            "The start of a line, because the m flag is on: the start of the input or just after a line terminator (\\n, \\r, U+2028 or U+2029, ECMA-262 §22.2.2.6). It matches a position, not a character. In the rust, fancy and pcre2 flavours, ^ with m follows only \\n.".to_owned(),
        ),
        "$" => Some(
            "The end of a line, because the m flag is on: the end of the input or just before a line terminator (\\n, \\r, U+2028 or U+2029, ECMA-262 §22.2.2.6). It matches a position, not a character. In the rust, fancy and pcre2 flavours, $ with m precedes only \\n.".to_owned(),
        ),
        r"\s" => Some(format!(
            "A whitespace character as JavaScript defines it (WhiteSpace and LineTerminator): tab, \\n, vertical tab, form feed, \\r, space, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF. In {UNICODE_ELSEWHERE}, \\s is \\p{{White_Space}}, which has U+0085 and lacks U+FEFF."
        )),
        r"\S" => Some(format!(
            "Any character but JavaScript's whitespace (WhiteSpace and LineTerminator, U+FEFF included, U+0085 not). In {UNICODE_ELSEWHERE}, \\S excludes \\p{{White_Space}} instead."
        )),
        r"\0" => Some(
            "Matches the NUL character (U+0000): in JavaScript, \\0 not followed by a digit is NUL, not a backreference.".to_owned(),
        ),
        source if node.kind == "literal"
            && source.len() == 3
            && source.starts_with("\\c")
            && source.as_bytes()[2].is_ascii_alphabetic() =>
        {
            let code = source.as_bytes()[2] % 32;
            Some(format!(
                "Matches the control character {}, written as a control escape (\\c followed by a letter: its code modulo 32).",
                control_name(code)
            ))
        }
        "-" if node.kind == "literal" && !unicode => Some(
            "The character \"-\": beside a class escape such as \\w, JavaScript without the u flag reads - as itself, not as a range (Annex B).".to_owned(),
        ),
        "{" if node.kind == "literal" && !unicode && !in_class => Some(
            "The character \"{\": without the u flag, JavaScript reads a { that starts no quantifier ({n}, {n,} or {n,m}) as itself (Annex B).".to_owned(),
        ),
        r"\8" | r"\9" if !unicode => Some(format!(
            "Matches the digit \"{}\": without the u flag, JavaScript reads \\8 and \\9 as the digit itself when the pattern has fewer groups (Annex B).",
            &node.source[1..]
        )),
        source if !unicode
            && node.kind == "literal"
            && source.starts_with('\\')
            && source.len() > 1
            && source[1..].bytes().all(|b| (b'0'..=b'7').contains(&b))
            // One escape, as Annex B reads it: `\777` is `\77` and `7`, a merged literal whose own description
            // (the text "?7") and children already say so.
            && legacy_octal(&source.as_bytes()[1..]).0 == source.len() - 1 =>
        {
            let (_, code) = legacy_octal(&source.as_bytes()[1..]);
            Some(format!(
                "Matches U+{code:04X}, written as a legacy octal escape: without the u flag, JavaScript reads \\ and octal digits as a character when they name no group (Annex B)."
            ))
        }
        _ => None,
    };
    if let Some(description) = described {
        node.description = description;
    }
    // The shared explainer names the engine it knows; the ecmascript flavour's matches are regress's.
    if node.description.contains("the regex crate") {
        node.description = node
            .description
            .replace("the regex crate", "regress (the ecmascript flavour's engine)");
    }
    for child in &mut node.children {
        in_js_terms(child, flags, in_class || node.kind == "class");
    }
}

/// Texts longer than this are read from standard input in the snippet instead of being pasted into it.
const MAX_INLINE_TEXT: usize = 400;

/// A JavaScript string literal (JSON's string syntax is valid JavaScript since ES2019).
fn js_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// JavaScript (Node.js or a browser console) that runs the pattern on the text and replaces every match.
fn snippet(pattern: &str, flags: Flags, text: &str, replacement: Option<&str>) -> String {
    // matchAll and replaceAll need g: the tester lists and replaces every match.
    let mut letters = flags.ecmascript_letters();
    if !letters.contains('g') {
        letters = Flags { global: true, ..flags }.ecmascript_letters();
    }
    let mut code = String::new();
    code.push_str("// Node.js, or a browser's console\n");
    code.push_str(&format!(
        "const re = new RegExp({}, {});\n",
        js_string(pattern),
        js_string(&letters)
    ));
    if text.len() <= MAX_INLINE_TEXT {
        code.push_str(&format!("const text = {};\n", js_string(text)));
    } else {
        code.push_str("const text = require(\"node:fs\").readFileSync(0, \"utf8\"); // the text on standard input\n");
    }
    code.push_str("for (const m of text.matchAll(re)) {\n");
    code.push_str("  console.log(m.index, m.index + m[0].length, JSON.stringify(m[0]));\n");
    code.push_str("  m.slice(1).forEach((group, i) => console.log(`  group ${i + 1}:`, group));\n");
    code.push_str("  if (m.groups) console.log(\"  named:\", m.groups);\n");
    code.push_str("}\n");
    if let Some(replacement) = replacement {
        code.push_str(&format!("console.log(text.replace(re, {}));\n", js_string(replacement)));
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(replacement: &str, names: &[Option<&str>]) -> Vec<String> {
        let names: Vec<Option<String>> = names.iter().map(|n| n.map(str::to_owned)).collect();
        let mut out = Vec::new();
        expand(replacement, &names, |piece| {
            out.push(match piece {
                Piece::Literal(text) => text.to_owned(),
                Piece::Group(index) => format!("<{index}>"),
                Piece::Named(index) => format!("<named {index}>"),
                Piece::Before => "<before>".to_owned(),
                Piece::After => "<after>".to_owned(),
            });
        });
        out
    }

    #[test]
    fn replacements_read_as_get_substitution_does() {
        let two = [None, None, Some("y")];
        assert_eq!(parts("$1Q$2", &two), ["<1>", "Q", "<2>"]);
        assert_eq!(
            parts("$$1 $& $` $' $<y> $<z> $<y", &two),
            ["$", "1 ", "<0>", " ", "<before>", " ", "<after>", " ", "<2>", " ", "", " $<y"]
        );
        // A duplicated name: whichever of its groups took part.
        assert_eq!(parts("[$<n>]", &[None, Some("n"), Some("n")]), ["[", "<named 1>", "]"]);
        // Two digits when that group exists, else one digit and a literal digit; $0 and $3 are literal.
        let many: Vec<Option<&str>> = std::iter::repeat_n(None, 13).collect();
        assert_eq!(parts("$12$13$0$01", &many), ["<12>", "<1>", "3$0", "<1>"]);
        assert_eq!(parts("$3 $<y>", &[None, None]), ["$3 $<y>"]);
        assert_eq!(parts("$", &[None]), ["$"]);
    }

    /// The explanation's notes on the other flavours, checked against the engines themselves: the count of matches
    /// of each pattern over each text, per flavour.
    #[cfg(feature = "pcre2")]
    #[test]
    fn the_notes_on_other_flavours_hold() {
        use crate::{Flavor, Request, run};
        let count = |pattern: &str, text: &str, flavor: Flavor| {
            let request = Request {
                pattern,
                text,
                flags: Flags::default(),
                flavor,
                replace: None,
                limit: Some(10),
                deadline: None,
            };
            run(&request).unwrap().match_count
        };
        // (pattern, text, matches in ecmascript, matches in rust, fancy and pcre2)
        for (pattern, text, javascript, others) in [
            (r"\d", "٣", 0, 1),
            (r"\D", "٣", 1, 0),
            (r"\w", "é", 0, 1),
            (r"\W", "ж", 1, 0),
            (r"\b", "é", 0, 2),
            (".", "\r\u{2028}", 0, 2),
        ] {
            assert_eq!(
                count(pattern, text, Flavor::Ecmascript),
                javascript,
                "{pattern} over {text:?}"
            );
            for flavor in [Flavor::Rust, Flavor::Fancy, Flavor::Pcre2] {
                assert_eq!(
                    count(pattern, text, flavor),
                    others,
                    "{pattern} over {text:?} in {flavor:?}"
                );
            }
        }
        // $ without m: before a final newline too in pcre2 only.
        assert_eq!(count("a$", "a\n", Flavor::Ecmascript), 0);
        assert_eq!(count("a$", "a\n", Flavor::Rust), 0);
        assert_eq!(count("a$", "a\n", Flavor::Pcre2), 1);
    }

    #[test]
    fn a_character_outside_the_bmp_without_u_is_warned_about_once() {
        use crate::{Flavor, Request, run};
        let warnings = |pattern: &str, text: &str, letters: &str| {
            let request = Request {
                pattern,
                text,
                flags: Flags::parse_ecmascript(letters).unwrap(),
                flavor: Flavor::Ecmascript,
                replace: None,
                limit: None,
                deadline: None,
            };
            let report = run(&request).unwrap();
            report
                .warnings
                .into_iter()
                .filter(|warning| warning.kind == "astral_without_u")
                .map(|warning| (warning.part, warning.start, warning.end, warning.message))
                .collect::<Vec<_>>()
        };
        // node: /^.$/ does not match "😀" (two code units), /^.$/u does; the answer matches it either way.
        let found = warnings("^.$", "😀", "");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0.as_str(), found[0].1, found[0].2), ("text", 0, 4));
        assert!(found[0].3.contains("U+1F600") && found[0].3.contains("add u"), "{}", found[0].3);
        // In the pattern: said there, once however many.
        let found = warnings("[😀]x😁+", "a", "");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0.as_str(), found[0].1), ("pattern", 1));
        // Not with u or v, nor for a text whose astral characters no match takes.
        assert!(warnings(".", "😀", "u").is_empty());
        assert!(warnings(".", "😀", "v").is_empty());
        assert!(warnings("a", "a😀", "").is_empty());
    }

    #[test]
    fn group_names_count_opening_parentheses_as_javascript_does() {
        let names = group_names(r"(a)(?:b)(?<n>c)[(]\((?=d)(?<=e)(?<!f)(g)", false);
        assert_eq!(names, [None, None, Some("n".to_owned()), None]);
    }

    #[test]
    fn u_braces_in_group_names_are_the_character_in_every_mode() {
        use crate::{Flavor, Request, run};
        // ES2020's RegExpIdentifierName: node matches "xx" with the group named ab; before, the backslash was
        // dropped inside the name too and regress refused the pattern.
        for pattern in [r"(?<a\u{62}>x)\k<ab>", r"(?<ab>x)\k<a\u{62}>", r"(?<a\u0062>x)\k<a\u{62}>"]
        {
            let request = Request {
                pattern,
                text: "xx",
                flags: Flags::default(),
                flavor: Flavor::Ecmascript,
                replace: Some("[$<ab>]"),
                limit: None,
                deadline: None,
            };
            let report = run(&request).unwrap_or_else(|error| panic!("{pattern}: {error:?}"));
            assert_eq!(report.match_count, 1, "{pattern}");
            assert_eq!(report.group_names, [None, Some("ab".to_owned())], "{pattern}");
            assert_eq!(report.replaced.as_deref(), Some("[x]"), "{pattern}");
            assert!(report.warnings.is_empty(), "{pattern}: {:?}", report.warnings);
        }
        // Outside a name, \u{62} is still u 62 times.
        assert_eq!(name_spans(r"(?<n>\u{2})\k<n>\u{2}"), [3..4, 14..15]);
        assert!(name_spans(r"\k<n>(?<=a)").is_empty());
        assert_eq!(name_spans(r"(?<=😀)\😀[(?<a>)](?<é>)"), vec![25..27]);
        assert_eq!(decode_name(r"\ud83d\ude00x"), "😀x");
    }

    #[test]
    fn a_duplicated_group_name_is_the_group_that_took_part() {
        use crate::{Flavor, Request, run};
        // node: "ab".replace(/(?<n>a)|(?<n>b)/g, "[$<n>]") is "[a][b]" (GetSubstitution reads groups.n, which
        // RegExpBuiltinExec sets from the participating group). Before: "[a][]".
        let request = Request {
            pattern: "(?<n>a)|(?<n>b)",
            text: "ab",
            flags: Flags::default(),
            flavor: Flavor::Ecmascript,
            replace: Some("[$<n>]"),
            limit: None,
            deadline: None,
        };
        let report = run(&request).unwrap();
        assert_eq!(report.replaced.as_deref(), Some("[a][b]"));
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    }

    #[test]
    fn errors_point_at_the_fault() {
        fn at<'p>(pattern: &'p str, flags: &str) -> &'p str {
            let span = locate_error(pattern, Flags::parse_ecmascript(flags).unwrap());
            &pattern[span.start..span.end]
        }
        assert_eq!(at("ab(c", ""), "(");
        assert_eq!(at("ab)c", ""), ")");
        assert_eq!(at(r"a\u{zz}", "u"), "\\");
        // Without u, \u{61} is u 61 times (Annex B), so {2} after it has nothing to repeat. `a\u{61}{2` would
        // be valid (a { that closes no quantifier is itself), so the fault is the closing }, found in the pattern
        // regress compiles and put back where it is written.
        assert_eq!(locate_error(r"a\u{61}{2}", Flags::default()), Span::new(9, 10));
        assert_eq!(locate_error(r"\u{1}\u{61}{2}", Flags::default()), Span::new(13, 14));
        assert_eq!(at("a**", ""), "*");
        assert_eq!(at("[b-a]", ""), "a");
    }
}

#[cfg(test)]
mod explain_tests {
    use super::*;

    fn flags(letters: &str) -> Flags {
        Flags::parse_ecmascript(letters).unwrap()
    }

    /// Every node, depth first, as (source, span, kind, description).
    fn nodes(pattern: &str, letters: &str) -> Vec<(String, (usize, usize), &'static str, String)> {
        fn walk(node: &Node, out: &mut Vec<(String, (usize, usize), &'static str, String)>) {
            out.push((
                node.source.clone(),
                (node.start, node.end),
                node.kind,
                node.description.clone(),
            ));
            node.children.iter().for_each(|child| walk(child, out));
        }
        let mut out = Vec::new();
        explain(pattern, flags(letters)).iter().for_each(|node| walk(node, &mut out));
        out
    }

    fn find(
        pattern: &str,
        letters: &str,
        source: &str,
    ) -> (String, (usize, usize), &'static str, String) {
        nodes(pattern, letters).into_iter().find(|node| node.0 == source).unwrap_or_else(|| {
            panic!("no node {source:?} in {pattern:?}: {:?}", nodes(pattern, letters))
        })
    }

    #[test]
    fn anchors_with_m_name_javascripts_line_terminators() {
        // Before: "just after a line feed", the rust flavour's meaning.
        for anchor in ["^", "$"] {
            let (.., description) = find("^a$", "m", anchor);
            assert!(description.contains("U+2028") && description.contains("\\r"), "{description}");
        }
    }

    #[test]
    fn the_dot_says_what_the_answer_does_and_what_javascript_does_without_u() {
        // The answer matches "😀" whole with . in every mode; JavaScript without u matches half of it.
        for letters in ["", "s"] {
            let (.., description) = find("a.", letters, ".");
            assert!(description.starts_with("Any character"), "{description}");
            assert!(description.contains("half of a character outside the BMP"), "{description}");
        }
        let (.., description) = find("a.", "u", ".");
        assert!(!description.contains("half"), "{description}");
        let regex = regress::Regex::with_flags("^.$", regress_flags(flags(""))).unwrap();
        assert!(regex.find("😀").is_some());
    }

    #[test]
    fn whitespace_is_javascripts_not_white_space_property() {
        let (.., description) = find(r"a\s", "", r"\s");
        assert!(description.contains("U+FEFF") && !description.contains("is \\p{White_Space}:"));
        assert!(description.contains("has U+0085 and lacks U+FEFF"), "{description}");
    }

    #[test]
    fn javascript_escapes_are_taken_apart_with_their_own_spans() {
        // Before, \cJ made the whole pattern one node, and \0 was "Backreference group 0".
        let all = nodes(r"x\cJ\0\x41\u0041y", "");
        assert!(all.iter().all(|node| node.2 != "pattern"), "{all:?}");
        let (_, span, kind, description) = find(r"x\cJ\0\x41\u0041y", "", r"\cJ");
        assert_eq!((span, kind), ((1, 4), "literal"));
        assert!(description.contains("U+000A, line feed"), "{description}");
        let (_, span, kind, description) = find(r"x\cJ\0\x41\u0041y", "", r"\0");
        assert_eq!((span, kind), ((4, 6), "literal"));
        assert!(description.contains("NUL") && description.contains("not a backreference"));
        assert_eq!(find(r"x\cJ\0\x41\u0041y", "", r"\u0041").1, (10, 16));
        let (_, span, _, description) = find(r"[\cA-\cZ]", "", r"\cA-\cZ");
        assert_eq!(span, (1, 8));
        assert!(description.contains("U+0001 to U+001A"), "{description}");
        let (_, _, kind, _) = find(r"\u{41}", "u", r"\u{41}");
        assert_eq!(kind, "literal");
        // A real backreference next to \0 stays one.
        assert_eq!(find(r"(a)\1\0", "", r"\1").2, "backreference");
        assert_eq!(find(r"(a)\1\0", "", r"\0").1, (5, 7));
    }

    #[test]
    fn annex_b_digits_braces_and_dashes_read_as_javascript_reads_them() {
        let (_, _, kind, description) = find(r"\8", "", r"\8");
        assert_eq!(kind, "literal");
        assert!(description.contains("digit \"8\""), "{description}");
        let (_, _, kind, description) = find(r"a\1", "", r"\1");
        assert_eq!(kind, "literal");
        assert!(description.contains("U+0001") && description.contains("octal"), "{description}");
        // A legacy octal escape after \0: one node for the character, not a fallback to the whole pattern.
        for (pattern, escape, code) in [
            (r"\01a", r"\01", "U+0001"),
            (r"\012", r"\012", "U+000A"),
            (r"[\0377]", r"\037", "U+001F"),
        ] {
            let (_, _, kind, description) = find(pattern, "", escape);
            assert_eq!(kind, "literal", "{pattern}");
            assert!(description.contains(code) && description.contains("octal"), "{description}");
        }
        // \08 is NUL and then the digit 8.
        assert!(
            find(r"\08", "", r"\0").3.contains("U+0000")
                || find(r"\08", "", r"\0").3.contains("NUL")
        );
        assert!(find(r"\08", "", "8").3.contains("\"8\""));
        // a{,3} is the text "a{,3}" without u, not a quantifier.
        let all = nodes("a{,3}", "");
        assert!(all.iter().all(|node| node.2 != "quantifier" && node.2 != "pattern"), "{all:?}");
        assert_eq!(find("a{,3}", "", "{").1, (1, 2));
        assert_eq!(find("a{2,3}", "", "a{2,3}").2, "quantifier");
        // [\w-z] is \w, "-" and "z", matched by regress: not "matched by the regex crate".
        let all = nodes(r"[\w-z]", "");
        assert!(all.iter().all(|node| !node.3.contains("regex crate")), "{all:?}");
        assert_eq!(find(r"[\w-z]", "", "-").1, (3, 4));
        assert!(find(r"[\w-z]", "", r"\w").3.contains("ASCII only"));
    }

    #[test]
    fn legacy_octal_with_a_first_digit_4_to_7_takes_two_digits() {
        // Annex B LegacyOctalEscapeSequence: \777 is \77 (U+003F) and 7, as regress and node read it. Before, the
        // merged literal said "Matches U+01FF" over children that said \77 and 7.
        let all = nodes(r"\777", "");
        assert!(all.iter().all(|node| !node.3.contains("U+01FF")), "{all:?}");
        assert!(find(r"\777", "", r"\777").3.contains("\"?7\""), "{all:?}");
        assert!(find(r"\777", "", r"\77").3.contains("U+003F"), "{all:?}");
        assert_eq!(find(r"\777", "", "7").1, (3, 4));
        assert!(find(r"\3777", "", r"\377").3.contains("U+00FF"));
        let regex = regress::Regex::with_flags(r"^\777$", regress_flags(flags(""))).unwrap();
        assert!(regex.find("?7").is_some());
    }

    #[test]
    fn the_explained_escapes_match_what_they_are_said_to() {
        // The matcher (regress) agrees with the explanation, and node with both.
        for (pattern, text) in [
            (r"\cJ", "\n"),
            (r"\0", "\0"),
            (r"\8", "8"),
            (r"\1", "\u{1}"),
            (r"\01a", "\u{1}a"),
            (r"\012", "\n"),
            (r"[\0377]", "\u{1f}"),
            (r"^\08$", "\u{0}8"),
            ("a{,3}", "a{,3}"),
            (r"[\w-z]", "-"),
        ] {
            let regex = regress::Regex::with_flags(pattern, regress_flags(flags(""))).unwrap();
            assert!(regex.find(text).is_some(), "{pattern} on {text:?}");
        }
    }
}

#[cfg(test)]
mod string_property_tests {
    use super::*;
    use crate::{Flavor, Request};

    fn matches(pattern: &str, flags: &str, text: &str) -> Vec<String> {
        let request = Request {
            pattern,
            text,
            flags: Flags::parse_ecmascript(flags).unwrap(),
            flavor: Flavor::Ecmascript,
            replace: None,
            limit: None,
            deadline: None,
        };
        let report = crate::run(&request).unwrap();
        report.matches.iter().map(|found| text[found.start..found.end].to_owned()).collect()
    }

    #[test]
    fn rgi_emoji_takes_whole_sequences_as_javascript_does() {
        // node: "👨‍👩‍👧 🇫🇷 👍🏽 #️⃣ 🏴󠁧󠁢󠁳󠁣󠁴󠁿".match(/\p{RGI_Emoji}/gv) gives the five sequences whole. Before, the
        // family was three matches, 👍🏽 two and the Scottish flag one black flag.
        let text = "👨\u{200d}👩\u{200d}👧 🇫🇷 👍🏽 #\u{fe0f}\u{20e3} 🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}";
        let whole: Vec<&str> = text.split(' ').collect();
        assert_eq!(matches(r"\p{RGI_Emoji}", "v", text), whole);
        assert_eq!(matches(r"[\p{RGI_Emoji}]", "v", text), whole);
        assert_eq!(matches(r"(\p{RGI_Emoji})+?", "v", text), whole);
        assert_eq!(matches(r"\p{RGI_Emoji_ZWJ_Sequence}", "v", text), [whole[0]]);
        // Only outside a class, only the properties of strings, and not an escaped backslash's p{…}.
        assert_eq!(
            string_properties_in_classes(
                r"a\p{RGI_Emoji}[\p{Basic_Emoji}--\q{x}]\p{L}\\p{RGI_Emoji}",
                Flags::parse_ecmascript("v").unwrap()
            ),
            Some(r"a[\p{RGI_Emoji}][\p{Basic_Emoji}--\q{x}]\p{L}\\p{RGI_Emoji}".to_owned())
        );
        assert_eq!(
            string_properties_in_classes(r"\p{L}", Flags::parse_ecmascript("v").unwrap()),
            None
        );
        // A wrong pattern still gets regress's error for the pattern as written.
        let error = crate::Regex::new(
            r"\p{RGI_Emoji}(",
            Flavor::Ecmascript,
            Flags::parse_ecmascript("v").unwrap(),
        )
        .unwrap_err();
        assert!(matches!(error, RegexError::InvalidPattern { .. }), "{error:?}");
    }
}
