//! Fancy-regex syntax made explainable by `regex_syntax`.
//!
//! fancy-regex's own parse tree (`fancy_regex::Expr`) carries no spans, so it cannot drive a tree whose nodes
//! highlight their part of the pattern. Instead [`prepare`] scans the pattern once and rewrites each construct
//! `regex_syntax` does not know into one it does, recording what it stood for and where:
//!
//! - look-around `(?=` `(?!` `(?<=` `(?<!`, atomic `(?>`, absent `(?~`, conditionals `(?(1)` become `(?:`;
//! - backreferences `\1` `\k<name>` `(?P=name)`, subroutine calls `\g<1>`, `\K` `\G` `\Z` `\h` `\H` `\e` `\O`
//!   `\N` `\R` and verbs like `(*FAIL)` become the one-character placeholder `x`;
//! - the `+` of a possessive quantifier (`a*+`) is dropped.
//!
//! The rewritten pattern parses with `regex_syntax`, and [`Prepared::original_span`] maps every span back. A
//! construct the scanner does not cover makes [`prepare`] return `None`, and the caller falls back to the
//! span-less tree of `fancy_tree`. The scanner tracks the `x` flag only from the builder flags and from inline
//! `(?x...)` groups, which is enough to skip `#` comments in verbose patterns.

use crate::NEST_LIMIT;
use crate::engine::parse_ast;
use crate::error::{RegexError, Span};
use crate::flags::Flags;
use std::collections::{BTreeMap, BTreeSet};

/// A fancy-only construct found in the pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Extra {
    LookAhead { negated: bool },
    LookBehind { negated: bool },
    Atomic,
    Absent,
    Conditional(String),
    Define,
    Backref(String),
    Subroutine(String),
    Verb(String),
    Escape(char),
}

impl Extra {
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Extra::LookAhead { .. } | Extra::LookBehind { .. } => "lookaround",
            Extra::Atomic | Extra::Absent | Extra::Conditional(_) | Extra::Define => "group",
            Extra::Backref(_) => "backreference",
            Extra::Subroutine(_) => "subroutine",
            Extra::Verb(_) => "verb",
            Extra::Escape('K' | 'G' | 'Z') => "anchor",
            Extra::Escape(_) => "class",
        }
    }

    pub(crate) fn describe(&self) -> String {
        match self {
            Extra::LookAhead { negated: false } => "Positive look-ahead: succeeds only if its contents match right after this position, without consuming any text.".into(),
            Extra::LookAhead { negated: true } => "Negative look-ahead: succeeds only if its contents do NOT match right after this position; consumes no text.".into(),
            Extra::LookBehind { negated: false } => "Positive look-behind: succeeds only if its contents match right before this position, without consuming any text.".into(),
            Extra::LookBehind { negated: true } => "Negative look-behind: succeeds only if its contents do NOT match right before this position; consumes no text.".into(),
            Extra::Atomic => "Atomic group: once its contents have matched, the engine never backtracks into it to try another way, which can prevent catastrophic backtracking.".into(),
            Extra::Absent => "Absent repeater: matches the longest text that does not contain a match of its contents.".into(),
            Extra::Conditional(condition) => format!("Conditional: if {} then the first branch must match, otherwise the second branch (if any).", condition_words(condition)),
            Extra::Define => "DEFINE group: declares groups for subroutine calls such as \\g<name>; it matches nothing itself.".into(),
            Extra::Backref(target) => format!("Backreference: matches exactly the text that {} captured (not its pattern).", group_words(target)),
            Extra::Subroutine(target) => format!("Subroutine call: matches the pattern of {} again, here (not its captured text).", group_words(target)),
            Extra::Verb(verb) if verb == "FAIL" || verb == "F" => "Backtracking verb (*FAIL): always fails at this point, forcing the engine to backtrack.".into(),
            Extra::Verb(verb) => format!("Backtracking control verb (*{verb})."),
            Extra::Escape('K') => "\\K: keeps the text matched so far out of the reported match; the match starts here.".into(),
            Extra::Escape('G') => "\\G: anchors to the position where the previous match ended (or the start of the search).".into(),
            Extra::Escape('Z') => "Anchor \\Z: the end of the text, or just before a final line break.".into(),
            Extra::Escape('h') => "Any hexadecimal digit [0-9A-Fa-f].".into(),
            Extra::Escape('H') => "Any character that is not a hexadecimal digit.".into(),
            Extra::Escape('e') => "Matches the escape character (U+001B).".into(),
            Extra::Escape('O') => "Any character at all, including line breaks.".into(),
            Extra::Escape('N') => "Any character except a line feed (\\n).".into(),
            Extra::Escape('R') => "Any line break: \\r\\n as one unit, or one of \\n, \\v, \\f, \\r and the Unicode line separators.".into(),
            Extra::Escape(other) => format!("The escape \\{other}."),
        }
    }
}

fn group_words(target: &str) -> String {
    if target.bytes().all(|b| b.is_ascii_digit()) {
        format!("group {target}")
    } else if target.starts_with(['-', '+']) {
        format!("the group {target} relative to here")
    } else {
        format!("the group named \"{target}\"")
    }
}

fn condition_words(condition: &str) -> String {
    let name = condition.trim_matches(['<', '>', '\'']);
    format!("{} has matched", group_words(name))
}

/// One replaced region: `original` in the user's pattern became `rewritten` in the parsed one.
#[derive(Debug, Clone, Copy)]
struct Piece {
    original: (usize, usize),
    rewritten: (usize, usize),
}

/// The pattern rewritten for `regex_syntax`, with what each placeholder stands for.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    pub(crate) rewritten: String,
    pieces: Vec<Piece>,
    extras: BTreeMap<usize, Extra>,
    possessive: BTreeSet<usize>,
    /// Each counted repetition whose maximum is below its minimum (`{2,1}`), by the offset of its `{`: the
    /// minimum and maximum as written. fancy-regex repeats such an item exactly the minimum (the regex crate and
    /// PCRE2 refuse it), so the rewrite is `{minimum}`.
    backwards: BTreeMap<usize, (usize, usize)>,
}

impl Prepared {
    /// The span in the user's pattern of a span in the rewritten one. A dropped possessive `+` is absorbed into
    /// whatever ends right before it, so the quantifier's span covers it.
    pub(crate) fn original_span(&self, span: Span) -> Span {
        Span::new(self.original_offset(span.start), self.original_offset(span.end))
    }

    fn original_offset(&self, offset: usize) -> usize {
        let mut shift: isize = 0;
        for piece in &self.pieces {
            let (start, end) = piece.rewritten;
            if offset < start {
                break;
            }
            if offset >= end {
                shift = piece.original.1 as isize - end as isize;
                continue;
            }
            return if offset == start { piece.original.0 } else { piece.original.1 };
        }
        offset.saturating_add_signed(shift)
    }

    pub(crate) fn extra_at(&self, original_start: usize) -> Option<&Extra> {
        self.extras.get(&original_start)
    }

    pub(crate) fn is_possessive(&self, plus_at: usize) -> bool {
        self.possessive.contains(&plus_at)
    }

    /// The backwards range (minimum, maximum) whose `{` is at `brace_at` in the user's pattern.
    pub(crate) fn backwards_at(&self, brace_at: usize) -> Option<(usize, usize)> {
        self.backwards.get(&brace_at).copied()
    }

    /// Every backwards range: the span of its `{…}` in the user's pattern, its minimum and maximum.
    pub(crate) fn backwards_ranges(&self) -> impl Iterator<Item = (Span, usize, usize)> + '_ {
        self.backwards.iter().map(|(&at, &(min, max))| {
            let len = self
                .pieces
                .iter()
                .find(|piece| piece.original.0 == at)
                .map_or(1, |piece| piece.original.1 - at);
            (Span::new(at, at + len), min, max)
        })
    }
}

/// Finds where a pattern fancy-regex refused goes wrong, by parsing and translating its rewritten form.
pub(crate) fn locate_error(pattern: &str, flags: Flags) -> Option<Span> {
    let prepared = prepare(pattern, flags)?;
    let error = match parse_ast(&prepared.rewritten, flags) {
        Err(error) => error.span()?,
        Ok(parsed) => {
            let translated = regex_syntax::hir::translate::TranslatorBuilder::new()
                .case_insensitive(flags.case_insensitive)
                .build()
                .translate(&prepared.rewritten, &parsed);
            match translated {
                Err(error) => crate::engine::span_of(error.span()),
                Ok(_) => return None,
            }
        }
    };
    Some(prepared.original_span(error))
}

/// Depth check for fancy patterns: fancy-regex has its own recursion limit, but its error carries no span.
pub(crate) fn check_nesting(pattern: &str, flags: Flags) -> Result<(), RegexError> {
    match Scanner::new(pattern, flags).run() {
        Err(ScanError::TooDeep(at)) => {
            Err(RegexError::NestTooDeep { limit: NEST_LIMIT, span: Span::new(at, at + 1) })
        }
        _ => Ok(()),
    }
}

/// Rewrites a fancy pattern for `regex_syntax`; `None` when it uses a construct the scanner does not cover.
pub(crate) fn prepare(pattern: &str, flags: Flags) -> Option<Prepared> {
    Scanner::new(pattern, flags).run().ok()
}

enum ScanError {
    Unsupported,
    TooDeep(usize),
}

struct Scanner<'p> {
    pattern: &'p str,
    bytes: &'p [u8],
    at: usize,
    verbose: bool,
    depth: u32,
    out: Prepared,
}

impl<'p> Scanner<'p> {
    fn new(pattern: &'p str, flags: Flags) -> Self {
        Scanner {
            pattern,
            bytes: pattern.as_bytes(),
            at: 0,
            verbose: flags.ignore_whitespace,
            depth: 0,
            out: Prepared {
                rewritten: String::with_capacity(pattern.len()),
                pieces: Vec::new(),
                extras: BTreeMap::new(),
                possessive: BTreeSet::new(),
                backwards: BTreeMap::new(),
            },
        }
    }

    fn rest(&self) -> &'p str {
        &self.pattern[self.at..]
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.at + ahead).copied()
    }

    /// Copies the next `len` bytes unchanged (rounded up to a whole character).
    fn copy(&mut self, len: usize) {
        let mut end = (self.at + len).min(self.pattern.len());
        while !self.pattern.is_char_boundary(end) {
            end += 1;
        }
        self.out.rewritten.push_str(&self.pattern[self.at..end]);
        self.at = end;
    }

    /// Replaces the next `len` bytes by `with`, remembering what they were.
    fn replace(&mut self, len: usize, with: &str, extra: Option<Extra>) {
        let start = self.out.rewritten.len();
        self.out.rewritten.push_str(with);
        self.out.pieces.push(Piece {
            original: (self.at, self.at + len),
            rewritten: (start, self.out.rewritten.len()),
        });
        if let Some(extra) = extra {
            self.out.extras.insert(self.at, extra);
        }
        self.at += len;
    }

    fn run(mut self) -> Result<Prepared, ScanError> {
        while self.at < self.bytes.len() {
            match self.bytes[self.at] {
                b'\\' => self.escape()?,
                b'[' => self.class(),
                b'(' => self.open_group()?,
                b')' => {
                    self.depth = self.depth.saturating_sub(1);
                    self.copy(1);
                }
                b'*' | b'+' | b'?' => {
                    self.copy(1);
                    self.quantifier_suffix();
                }
                b'{' => match counted_repetition_len(self.rest()) {
                    Some(len) => {
                        match backwards_range(&self.rest()[..len]) {
                            Some((min, max)) => {
                                self.out.backwards.insert(self.at, (min, max));
                                self.replace(len, &format!("{{{min}}}"), None);
                            }
                            None => self.copy(len),
                        }
                        self.quantifier_suffix();
                    }
                    None => self.copy(1),
                },
                b'#' if self.verbose => {
                    let len = self.rest().find('\n').map_or(self.rest().len(), |i| i + 1);
                    self.copy(len);
                }
                _ => self.copy(1),
            }
        }
        Ok(self.out)
    }

    /// After a quantifier: a lazy `?` is kept, a possessive `+` is dropped and remembered.
    fn quantifier_suffix(&mut self) {
        if self.peek(0) == Some(b'?') {
            self.copy(1);
        }
        if self.peek(0) == Some(b'+') {
            self.out.possessive.insert(self.at);
            self.replace(1, "", None);
        }
    }

    fn escape(&mut self) -> Result<(), ScanError> {
        let Some(next) = self.peek(1) else {
            self.copy(1);
            return Ok(());
        };
        match next {
            b'1'..=b'9' => {
                let digits = self.rest()[1..].bytes().take_while(u8::is_ascii_digit).count();
                let number = self.rest()[1..1 + digits].to_owned();
                self.replace(1 + digits, "x", Some(Extra::Backref(number)));
            }
            b'k' | b'g' => {
                let Some((len, target)) = delimited(&self.rest()[2..]) else {
                    return Err(ScanError::Unsupported);
                };
                let opener = self.rest().as_bytes()[2];
                let extra = if next == b'k' || opener == b'{' {
                    Extra::Backref(target)
                } else {
                    Extra::Subroutine(target)
                };
                self.replace(2 + len, "x", Some(extra));
            }
            b'K' | b'G' | b'Z' | b'h' | b'H' | b'e' | b'O' | b'N' | b'R' => {
                self.replace(2, "x", Some(Extra::Escape(char::from(next))));
            }
            b'p' | b'P' | b'x' | b'u' | b'U' | b'b' | b'B' if self.peek(2) == Some(b'{') => {
                let len = self.rest().find('}').map_or(self.rest().len(), |i| i + 1);
                self.copy(len);
            }
            _ => self.copy(2),
        }
        Ok(())
    }

    /// A bracketed class, copied unchanged: nothing fancy happens inside one, and `\1` there is no backreference.
    fn class(&mut self) {
        let mut depth = 0usize;
        loop {
            let Some(byte) = self.peek(0) else { return };
            match byte {
                b'\\' => self.copy(2),
                b'[' => {
                    if self.rest().starts_with("[:")
                        && let Some(close) = self.rest().find(":]")
                    {
                        self.copy(close + 2);
                        continue;
                    }
                    depth += 1;
                    self.copy(1);
                    if self.peek(0) == Some(b'^') {
                        self.copy(1);
                    }
                    // A `]` right after the opening bracket is a literal.
                    if self.peek(0) == Some(b']') {
                        self.copy(1);
                    }
                }
                b']' => {
                    self.copy(1);
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => self.copy(1),
            }
        }
    }

    fn open_group(&mut self) -> Result<(), ScanError> {
        let rest = self.rest();
        let simple: &[(&str, Extra)] = &[
            ("(?<=", Extra::LookBehind { negated: false }),
            ("(?<!", Extra::LookBehind { negated: true }),
            ("(?=", Extra::LookAhead { negated: false }),
            ("(?!", Extra::LookAhead { negated: true }),
            ("(?>", Extra::Atomic),
        ];
        for (opener, extra) in simple {
            if rest.starts_with(opener) {
                self.enter()?;
                self.replace(opener.len(), "(?:", Some(extra.clone()));
                return Ok(());
            }
        }
        if rest.starts_with("(?~") {
            if rest.starts_with("(?~|") {
                return Err(ScanError::Unsupported);
            }
            self.enter()?;
            self.replace(3, "(?:", Some(Extra::Absent));
            return Ok(());
        }
        if rest.starts_with("(?P=") {
            let Some(close) = rest.find(')') else { return Err(ScanError::Unsupported) };
            let name = rest[4..close].to_owned();
            self.replace(close + 1, "x", Some(Extra::Backref(name)));
            return Ok(());
        }
        if let Some(after) = rest.strip_prefix("(?(") {
            let Some(close) = after.find(')') else { return Err(ScanError::Unsupported) };
            let condition = &after[..close];
            let plain = !condition.is_empty()
                && condition.bytes().all(|b| b.is_ascii_alphanumeric() || b"_<>'+-".contains(&b));
            if !plain {
                // A look-around condition such as `(?(?=a)b|c)`: not covered.
                return Err(ScanError::Unsupported);
            }
            let extra = if condition == "DEFINE" {
                Extra::Define
            } else {
                Extra::Conditional(condition.to_owned())
            };
            self.enter()?;
            self.replace(3 + close + 1, "(?:", Some(extra));
            return Ok(());
        }
        if rest.starts_with("(*") {
            let Some(close) = rest.find(')') else { return Err(ScanError::Unsupported) };
            let verb = rest[2..close].to_owned();
            self.replace(close + 1, "x", Some(Extra::Verb(verb)));
            return Ok(());
        }
        if let Some(flags) = rest.strip_prefix("(?") {
            let letters: String =
                flags.chars().take_while(|c| c.is_ascii_alphabetic() || *c == '-').collect();
            if let Some(on) = letters.split('-').next()
                && on.contains('x')
            {
                self.verbose = true;
            }
            let is_group = !flags[letters.len()..].starts_with(')');
            if is_group {
                self.enter()?;
            }
            self.copy(2);
            return Ok(());
        }
        self.enter()?;
        self.copy(1);
        Ok(())
    }

    fn enter(&mut self) -> Result<(), ScanError> {
        self.depth += 1;
        if self.depth > NEST_LIMIT {
            return Err(ScanError::TooDeep(self.at));
        }
        Ok(())
    }
}

/// `<name>`, `'name'` or `{name}` at the start of `text`: its length and the name inside.
fn delimited(text: &str) -> Option<(usize, String)> {
    let close = match text.as_bytes().first()? {
        b'<' => '>',
        b'\'' => '\'',
        b'{' => '}',
        _ => return None,
    };
    let end = text[1..].find(close)? + 1;
    Some((end + 1, text[1..end].to_owned()))
}

/// The length of `{n}`, `{n,}` or `{n,m}` at the start of `text`, if it is one.
fn counted_repetition_len(text: &str) -> Option<usize> {
    let close = text.find('}')?;
    let inside = &text[1..close];
    let valid = !inside.is_empty()
        && inside.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b' ')
        && inside.bytes().filter(|&b| b == b',').count() <= 1
        && inside.bytes().any(|b| b.is_ascii_digit());
    valid.then_some(close + 1)
}

/// The minimum and maximum of a counted repetition `{m,n}` whose maximum is below its minimum.
fn backwards_range(repetition: &str) -> Option<(usize, usize)> {
    let (min, max) = repetition.strip_prefix('{')?.strip_suffix('}')?.split_once(',')?;
    let (min, max) = (min.trim().parse().ok()?, max.trim().parse().ok()?);
    (max < min).then_some((min, max))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prepared(pattern: &str) -> Prepared {
        prepare(pattern, Flags::default()).unwrap()
    }

    #[test]
    fn fancy_constructs_become_parseable_placeholders() {
        assert_eq!(prepared(r"(?<=a)b(?!c)").rewritten, "(?:a)b(?:c)");
        assert_eq!(prepared(r"(\w)\1").rewritten, r"(\w)x");
        assert_eq!(prepared(r"(?<n>a)\k<n>(?P=n)").rewritten, r"(?<n>a)xx");
        assert_eq!(prepared(r"a*+b++c?+").rewritten, "a*b+c?");
        assert_eq!(prepared(r"a{2,3}+").rewritten, "a{2,3}");
        assert_eq!(prepared(r"(?>a|ab)\K\G").rewritten, "(?:a|ab)xx");
        assert_eq!(prepared(r"(a)?(?(1)b|c)").rewritten, "(a)?(?:b|c)");
        assert_eq!(prepared(r"a(*FAIL)|b").rewritten, "ax|b");
        // Inside a class nothing is rewritten.
        assert_eq!(prepared(r"[\1(?=]+").rewritten, r"[\1(?=]+");
        assert_eq!(prepared(r"[]a][^]b][[:alpha:]]").rewritten, r"[]a][^]b][[:alpha:]]");
    }

    #[test]
    fn spans_map_back_to_the_original_pattern() {
        let p = prepared(r"(?<=ab)c\10d*+e");
        // "(?:ab)cxd*e" -> the look-behind group 0..6 is 0..7 in the original.
        assert_eq!(p.original_span(Span::new(0, 6)), Span::new(0, 7));
        // The placeholder for \10 (7..8) is 8..11.
        assert_eq!(p.original_span(Span::new(7, 8)), Span::new(8, 11));
        // `d*` (8..10) absorbs the dropped `+`: 11..14.
        assert_eq!(p.original_span(Span::new(8, 10)), Span::new(11, 14));
        assert!(p.is_possessive(13));
        assert_eq!(p.original_span(Span::new(10, 11)), Span::new(14, 15));
        assert_eq!(p.extra_at(0), Some(&Extra::LookBehind { negated: false }));
        assert_eq!(p.extra_at(8), Some(&Extra::Backref("10".into())));
    }

    #[test]
    fn verbose_comments_are_skipped_and_unsupported_forms_give_none() {
        let flags = Flags { ignore_whitespace: true, ..Flags::default() };
        let p = prepare("a # (?= not a group\n(?=b)", flags).unwrap();
        assert_eq!(p.rewritten, "a # (?= not a group\n(?:b)");
        assert!(prepare(r"(?(?=a)b|c)", Flags::default()).is_none());
        assert!(prepare(r"\k", Flags::default()).is_none());
    }

    #[test]
    fn nesting_is_limited_with_a_span() {
        let deep = format!("{}a{}", "(?=".repeat(70), ")".repeat(70));
        let error = check_nesting(&deep, Flags::default()).unwrap_err();
        assert!(matches!(error, RegexError::NestTooDeep { .. }));
        assert!(check_nesting("((a))", Flags::default()).is_ok());
    }

    #[test]
    fn errors_are_located_through_the_rewrite() {
        assert_eq!(locate_error(r"(?=a)\p{Nope}", Flags::default()), Some(Span::new(5, 13)));
        assert_eq!(locate_error(r"(?=a)[z-a]", Flags::default()), Some(Span::new(6, 9)));
        assert_eq!(locate_error(r"(?=a)b", Flags::default()), None);
    }
}
