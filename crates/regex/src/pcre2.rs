//! The pcre2 flavour: PCRE2 (the library behind PHP's `preg_*`, nginx, `grep -P`) through the [`pcre2`] binding,
//! JIT-compiled where the platform has a JIT, with PCRE2's options `i m s x n U J`, its start-of-pattern verbs
//! (allowed or refused one by one, see [`VERBS`]) and its substitution syntax.
//!
//! The engine needs the crate's `pcre2` feature (it builds the C library with a C compiler); without it the
//! flavour is still named and refuses every pattern with a message saying so.
//!
//! Every search is bounded inside PCRE2 itself: the pattern is compiled behind `(*LIMIT_MATCH=…)`,
//! `(*LIMIT_DEPTH=…)` and `(*LIMIT_HEAP=…)` ([`MATCH_LIMIT`], [`DEPTH_LIMIT`], [`HEAP_LIMIT_KIB`]), which a
//! pattern may only lower, and the JIT stack is capped ([`JIT_STACK`]); a search that reaches one fails with
//! [`RegexError::EngineLimit`]. The user's own `(*LIMIT_…)` verbs are refused. These limits count backtracking,
//! not the scanning of a repeat that never backtracks: `a(?=[^x]*+(?:y|z))` scans the rest of the text at each
//! position, quadratic work within every limit (minutes over a megabyte), and one PCRE2 call cannot be interrupted.
//! As for the fancy and ecmascript flavours, a caller that must bound the time of any search runs it in a process
//! it can kill; the devtools site does (the regex job, stopped at the site's deadline).
//!
//! Matches are found as PHP's `preg_match_all` finds them (pattern modifier `u`: UTF-8 and Unicode properties):
//! after an empty match the search is tried again at the same place for a non-empty match anchored there, and only
//! then one character further on.

use crate::dialect::{Dialect, ReplacementSyntax};
use crate::ecmascript::Piece;
use crate::engine::Engine;
use crate::error::{RegexError, Span};
use crate::explain::Node;
use crate::flags::Flags;
use crate::warnings::Warning;

/// The flavour, for [`Flavor::dialect`](crate::Flavor).
pub(crate) struct Pcre2;

/// PCRE2's match limit for one search call (the number of times its internal match function may be entered,
/// roughly the backtracking steps): PCRE2's default is 10 000 000; this is about 50 ms of work.
pub const MATCH_LIMIT: u32 = 1_000_000;
/// PCRE2's depth limit (how deep backtracking may nest; the interpreter's memory grows with it).
pub const DEPTH_LIMIT: u32 = 10_000;
/// PCRE2's heap limit for one search, in KiB (the interpreter's backtracking memory): 64 MiB.
pub const HEAP_LIMIT_KIB: u32 = 64 * 1024;
/// The largest JIT stack, in bytes (1 MiB); the JIT stops with a limit error past it.
pub const JIT_STACK: usize = 1024 * 1024;

/// PCRE2's start-of-pattern verbs (pcre2pattern, "Option settings at the start of a pattern") and what the tester
/// does with each: `true` allowed, `false` refused (the refusal names the reason).
pub const VERBS: [(&str, bool); 22] = [
    ("UTF", true),
    ("UCP", true),
    ("CR", true),
    ("LF", true),
    ("CRLF", true),
    ("ANYCRLF", true),
    ("ANY", true),
    ("NUL", true),
    ("BSR_ANYCRLF", true),
    ("BSR_UNICODE", true),
    ("NO_AUTO_POSSESS", true),
    ("NO_DOTSTAR_ANCHOR", true),
    ("NO_JIT", true),
    ("NO_START_OPT", true),
    ("NOTEMPTY", true),
    ("NOTEMPTY_ATSTART", true),
    ("LIMIT_MATCH", false),
    ("LIMIT_DEPTH", false),
    ("LIMIT_RECURSION", false),
    ("LIMIT_HEAP", false),
    ("NEVER_UTF", false),
    ("UTF8", false),
];

/// Why a start-of-pattern verb is refused.
fn verb_refusal(name: &str) -> String {
    match name {
        "NEVER_UTF" | "UTF8" => format!(
            "(*{name}) is refused: the tester always matches in UTF mode (PHP's u modifier), since the text is UTF-8"
        ),
        _ => format!(
            "(*{name}=…) is refused: the tester sets the PCRE2 match, depth and heap limits itself (match {MATCH_LIMIT}, depth {DEPTH_LIMIT}, heap {HEAP_LIMIT_KIB} KiB) so that every search is bounded"
        ),
    }
}

/// The start-of-pattern verbs of `pattern`: where they end. A refused one is an error pointing at it; an unknown
/// one is left to PCRE2, which names it.
pub(crate) fn leading_verbs(pattern: &str) -> Result<usize, RegexError> {
    let mut at = 0;
    while let Some(rest) = pattern[at..].strip_prefix("(*") {
        let Some(close) = rest.find(')') else { break };
        let body = &rest[..close];
        let name = body.split('=').next().unwrap_or_default();
        let known = VERBS.iter().find(|(verb, _)| *verb == name);
        match known {
            Some((_, true)) if !body.contains('=') => at += close + 3,
            Some((_, false)) => {
                return Err(RegexError::InvalidPattern {
                    message: verb_refusal(name),
                    span: Span::new(at, at + close + 3),
                });
            }
            // Not a start-of-pattern verb: a backtracking verb such as (*FAIL), or PCRE2's error to give.
            _ => break,
        }
    }
    Ok(at)
}

#[cfg_attr(not(feature = "pcre2"), allow(dead_code))]
/// The inline option settings for the flags the binding's builder has no switch for: `n`, `U` and `J`.
fn inline_options(flags: Flags) -> String {
    let letters: String =
        [(flags.no_auto_capture, 'n'), (flags.swap_greed, 'U'), (flags.dup_names, 'J')]
            .iter()
            .filter(|(on, _)| *on)
            .map(|(_, letter)| *letter)
            .collect();
    if letters.is_empty() { String::new() } else { format!("(?{letters})") }
}

/// The pattern PCRE2 compiles: our limits, the user's verbs, the inline options, the rest of the pattern; and how
/// to map an offset in it back to the user's pattern.
#[cfg_attr(not(feature = "pcre2"), allow(dead_code))]
struct Effective {
    text: String,
    prefix: usize,
    verbs_end: usize,
    inline: usize,
}

#[cfg_attr(not(feature = "pcre2"), allow(dead_code))]
impl Effective {
    fn new(pattern: &str, flags: Flags, verbs_end: usize, wrap: Option<&str>) -> Effective {
        let limits = format!(
            "(*LIMIT_MATCH={MATCH_LIMIT})(*LIMIT_DEPTH={DEPTH_LIMIT})(*LIMIT_HEAP={HEAP_LIMIT_KIB})"
        );
        let mut inline = inline_options(flags);
        if wrap.is_some() {
            inline.push_str("\\G(?:");
        }
        let text = format!(
            "{limits}{}{inline}{}{}",
            &pattern[..verbs_end],
            &pattern[verbs_end..],
            wrap.unwrap_or_default()
        );
        Effective { text, prefix: limits.len(), verbs_end, inline: inline.len() }
    }

    /// The user's offset for PCRE2's offset into the effective pattern.
    fn user_offset(&self, offset: usize, pattern: &str) -> usize {
        let offset = offset.saturating_sub(self.prefix);
        let user = if offset <= self.verbs_end {
            offset
        } else if offset < self.verbs_end + self.inline {
            self.verbs_end
        } else {
            offset - self.inline
        };
        let mut user = user.min(pattern.len());
        while !pattern.is_char_boundary(user) {
            user -= 1;
        }
        user
    }
}

/// The span of the character at byte `at`, or an empty span at the end.
#[cfg_attr(not(feature = "pcre2"), allow(dead_code))]
fn char_span(pattern: &str, at: usize) -> Span {
    let len = pattern.get(at..).and_then(|rest| rest.chars().next()).map_or(0, char::len_utf8);
    Span::new(at, at + len)
}

#[cfg(feature = "pcre2")]
mod engine {
    use super::*;
    use ::pcre2::bytes::{CaptureLocations, Regex, RegexBuilder};

    /// A compiled PCRE2 pattern, with what it takes to compile its retry form (see [`Compiled::for_each`]).
    #[derive(Debug, Clone)]
    pub(crate) struct Compiled {
        regex: Regex,
        pattern: String,
        flags: Flags,
        verbs_end: usize,
    }

    fn builder(flags: Flags) -> RegexBuilder {
        let mut builder = RegexBuilder::new();
        builder
            .caseless(flags.case_insensitive)
            .multi_line(flags.multi_line)
            .dotall(flags.dot_matches_new_line)
            .extended(flags.ignore_whitespace)
            .utf(true)
            .ucp(true)
            .jit_if_available(true)
            .max_jit_stack_size(Some(JIT_STACK));
        builder
    }

    /// PCRE2's message without the binding's `PCRE2: error compiling pattern at offset N: ` prefix.
    fn message(error: &::pcre2::Error) -> String {
        let text = error.to_string();
        match text.split_once(": ") {
            Some((_, rest)) => match rest.split_once(": ") {
                Some((head, tail)) if head.starts_with("error") => tail.to_owned(),
                _ => rest.to_owned(),
            },
            None => text,
        }
    }

    pub(crate) fn compile(
        pattern: &str,
        flags: Flags,
    ) -> Result<(Compiled, Vec<Option<String>>), RegexError> {
        let verbs_end = leading_verbs(pattern)?;
        let effective = Effective::new(pattern, flags, verbs_end, None);
        let regex = builder(flags).build(&effective.text).map_err(|error| {
            let at = error.offset().map_or(0, |offset| effective.user_offset(offset, pattern));
            RegexError::InvalidPattern { message: message(&error), span: char_span(pattern, at) }
        })?;
        let names = regex.capture_names().to_vec();
        Ok((Compiled { regex, pattern: pattern.to_owned(), flags, verbs_end }, names))
    }

    /// The search error for a PCRE2 match error at byte `at` of the text.
    fn limit_error(error: &::pcre2::Error, at: usize) -> RegexError {
        let (limit, value) = match error.code() {
            -47 => ("match limit", u64::from(MATCH_LIMIT)),
            -53 => ("depth limit", u64::from(DEPTH_LIMIT)),
            -63 => ("heap limit (KiB)", u64::from(HEAP_LIMIT_KIB)),
            -46 => ("JIT stack limit (bytes)", JIT_STACK as u64),
            _ => {
                return RegexError::EngineLimit {
                    engine: "PCRE2".into(),
                    limit: message(error),
                    value: 0,
                    at,
                };
            }
        };
        RegexError::EngineLimit { engine: "PCRE2".into(), limit: limit.into(), value, at }
    }

    impl Compiled {
        /// Every match in order, as PHP's `preg_match_all` finds them: after an empty match ending at `p`, a match
        /// anchored at `p` that is not empty there is tried (PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED in PHP); when
        /// there is none the search goes on one character further. The binding cannot pass those options, so the retry runs the
        /// pattern wrapped as `\G(?:…)(?!\G)`, compiled when first needed.
        pub(crate) fn for_each(
            &self,
            text: &str,
            mut visit: impl FnMut(
                usize,
                &dyn Fn(usize) -> Option<(usize, usize)>,
            ) -> Result<(), RegexError>,
        ) -> Result<(), RegexError> {
            let subject = text.as_bytes();
            let mut locs = self.regex.capture_locations();
            let mut retry: Option<Option<(Regex, CaptureLocations)>> = None;
            let mut at = 0;
            // Set after an empty match: the next attempt is anchored at `at` and may not be empty there.
            let mut after_empty = false;
            while at <= text.len() {
                if after_empty {
                    after_empty = false;
                    let wrapped = retry.get_or_insert_with(|| self.wrapped());
                    let again = match wrapped {
                        Some((regex, wrapped_locs)) => regex
                            .captures_read_at(wrapped_locs, subject, at)
                            .map_err(|error| limit_error(&error, at))?
                            // PCRE2_NOTEMPTY_ATSTART refuses an empty match where the attempt started; one
                            // that `\K` moved on is allowed.
                            .filter(|m| !(m.start() == at && m.end() == at))
                            .map(|m| (m.start(), m.end(), &*wrapped_locs)),
                        None => None,
                    };
                    if let Some((start, end, wrapped_locs)) = again {
                        visit(wrapped_locs.len(), &|index| wrapped_locs.get(index))?;
                        at = end.max(at);
                        after_empty = start == end;
                    } else {
                        match text[at..].chars().next() {
                            Some(c) => at += c.len_utf8(),
                            None => break,
                        }
                    }
                    continue;
                }
                let found = self
                    .regex
                    .captures_read_at(&mut locs, subject, at)
                    .map_err(|error| limit_error(&error, at))?;
                let Some(found) = found else { break };
                visit(locs.len(), &|index| locs.get(index))?;
                at = found.end().max(at);
                after_empty = found.start() == found.end();
            }
            Ok(())
        }

        /// The pattern as `\G(?:…)(?!\G)`: a non-empty match starting where the search starts. `\E` ends a `\Q`
        /// the pattern left open; a newline ends an `x`-mode comment it ended in. `None` when neither compiles
        /// with the same groups.
        fn wrapped(&self) -> Option<(Regex, CaptureLocations)> {
            for close in ["\\E)(?!\\G)", "\\E\n)(?!\\G)"] {
                let effective =
                    Effective::new(&self.pattern, self.flags, self.verbs_end, Some(close));
                if let Ok(regex) = builder(self.flags).build(&effective.text)
                    && regex.captures_len() == self.regex.captures_len()
                {
                    let locs = regex.capture_locations();
                    return Some((regex, locs));
                }
            }
            None
        }
    }
}

#[cfg(feature = "pcre2")]
pub(crate) use engine::Compiled;

/// Without the `pcre2` feature the flavour has no engine: no value of this type exists.
#[cfg(not(feature = "pcre2"))]
#[derive(Debug, Clone)]
pub(crate) enum Compiled {}

#[cfg(not(feature = "pcre2"))]
impl Compiled {
    pub(crate) fn for_each(
        &self,
        _text: &str,
        _visit: impl FnMut(usize, &dyn Fn(usize) -> Option<(usize, usize)>) -> Result<(), RegexError>,
    ) -> Result<(), RegexError> {
        match *self {}
    }
}

fn compile(pattern: &str, flags: Flags) -> Result<(Compiled, Vec<Option<String>>), RegexError> {
    #[cfg(feature = "pcre2")]
    {
        engine::compile(pattern, flags)
    }
    #[cfg(not(feature = "pcre2"))]
    {
        let _ = flags;
        leading_verbs(pattern)?;
        Err(RegexError::InvalidPattern {
            message: "the pcre2 flavour is not built in: devtools-regex was compiled without its `pcre2` feature"
                .into(),
            span: Span::new(0, pattern.len()),
        })
    }
}

impl Dialect for Pcre2 {
    fn compile(
        &self,
        pattern: &str,
        flags: Flags,
    ) -> Result<(Engine, Vec<Option<String>>), RegexError> {
        let (compiled, names) = compile(pattern, flags)?;
        Ok((Engine::Pcre2(compiled), names))
    }

    fn replacement_syntax(&self) -> ReplacementSyntax {
        ReplacementSyntax::Pcre2
    }

    fn explain(&self, pattern: &str, flags: Flags) -> Result<Vec<Node>, RegexError> {
        compile(pattern, flags)?;
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
}

// ---------------------------------------------------------------------------------------------------------------
// Substitution

/// One reference of a PCRE2 replacement that the tester reads differently from `pcre2_substitute`, or that is
/// probably a mistake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Odd {
    /// A `$` that starts no valid reference (PCRE2: "bad escape sequence in replacement string"): kept as text.
    BadEscape(usize, usize),
    /// A group number or name the pattern lacks (PCRE2: "unknown substring"): replaced by nothing.
    Unknown(usize, usize),
    /// `$*MARK`: the name of a control verb, which the tester cannot read back: replaced by nothing.
    Mark(usize, usize),
}

/// Reads `replacement` with `pcre2_substitute`'s syntax (pcre2api, "Creating a new string with substitutions",
/// without PCRE2_SUBSTITUTE_EXTENDED): `$$` a dollar sign, `$n`/`${n}` a group by number (`$0` the whole match),
/// `$name`/`${name}` by name, `$*MARK`/`${*MARK}` a verb's name. A group that did not take part gives nothing
/// (PCRE2_SUBSTITUTE_UNSET_EMPTY, as PHP does); an unknown group gives nothing too
/// (PCRE2_SUBSTITUTE_UNKNOWN_UNSET), and a `$` that starts no reference is kept as it is; both are reported by
/// [`replacement_warnings`]. Of several groups with one name (`J`), the first that took part is used.
pub(crate) fn expand<'r>(
    replacement: &'r str,
    names: &[Option<String>],
    is_set: impl Fn(usize) -> bool,
    mut out: impl FnMut(Piece<'r>),
    mut odd: impl FnMut(Odd),
) {
    let bytes = replacement.as_bytes();
    let groups = names.len().max(1);
    let mut literal_from = 0;
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'$' {
            at += 1;
            continue;
        }
        if literal_from < at {
            out(Piece::Literal(&replacement[literal_from..at]));
        }
        let (piece, len) = reference(replacement, at, names, groups, &is_set, &mut odd);
        match piece {
            Some(piece) => out(piece),
            None => out(Piece::Literal(&replacement[at..at + len])),
        }
        at += len;
        literal_from = at;
    }
    if literal_from < bytes.len() {
        out(Piece::Literal(&replacement[literal_from..]));
    }
}

/// The reference starting with the `$` at `at`: its piece (`None` to keep its text) and its length.
fn reference<'r>(
    replacement: &'r str,
    at: usize,
    names: &[Option<String>],
    groups: usize,
    is_set: &impl Fn(usize) -> bool,
    odd: &mut impl FnMut(Odd),
) -> (Option<Piece<'r>>, usize) {
    let bytes = replacement.as_bytes();
    let mut i = at + 1;
    if bytes.get(i) == Some(&b'$') {
        return (Some(Piece::Literal("$")), 2);
    }
    let braced = bytes.get(i) == Some(&b'{');
    if braced {
        i += 1;
    }
    let mark = bytes.get(i) == Some(&b'*');
    if mark {
        i += 1;
    }
    let start = i;
    let numeric = bytes.get(i).is_some_and(u8::is_ascii_digit);
    if numeric {
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    } else {
        while bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_') {
            i += 1;
        }
    }
    let name = &replacement[start..i];
    if braced {
        if bytes.get(i) != Some(&b'}') || name.is_empty() {
            let end = at + 1;
            odd(Odd::BadEscape(at, end));
            return (None, 1);
        }
        i += 1;
    } else if name.is_empty() {
        odd(Odd::BadEscape(at, at + 1));
        return (None, 1);
    }
    if mark {
        odd(Odd::Mark(at, i));
        return (Some(Piece::Literal("")), i - at);
    }
    let index = if numeric {
        name.parse::<usize>().ok().filter(|&n| n < groups)
    } else {
        let mut same = (0..names.len()).filter(|&n| names[n].as_deref() == Some(name));
        let first = same.next();
        first.map(|first| std::iter::once(first).chain(same).find(|&n| is_set(n)).unwrap_or(first))
    };
    match index {
        Some(index) => (Some(Piece::Group(index)), i - at),
        None => {
            odd(Odd::Unknown(at, i));
            (Some(Piece::Literal("")), i - at)
        }
    }
}

/// Warnings for a PCRE2 replacement: what `pcre2_substitute` would refuse, and PHP's `\1` spelling.
pub(crate) fn replacement_warnings(replacement: &str, names: &[Option<String>]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let mut warn = |kind: &str, message: String, start: usize, end: usize| {
        warnings.push(Warning {
            kind: kind.into(),
            message,
            part: "replace".into(),
            start,
            end,
            suggestion: None,
        });
    };
    let mut odds = Vec::new();
    expand(replacement, names, |_| true, |_| {}, |odd| odds.push(odd));
    for odd in odds {
        match odd {
            Odd::BadEscape(start, end) => warn(
                "replacement_literal",
                "this $ starts no reference and is copied as it is; PCRE2 itself refuses it (write $$ for a dollar sign)".into(),
                start,
                end,
            ),
            Odd::Unknown(start, end) => warn(
                "replacement_group_missing",
                format!(
                    "{} refers to a group the pattern does not have; it is replaced by nothing (PCRE2 without PCRE2_SUBSTITUTE_UNKNOWN_UNSET refuses it)",
                    &replacement[start..end]
                ),
                start,
                end,
            ),
            Odd::Mark(start, end) => warn(
                "replacement_mark",
                format!("{} (a verb's mark name) is replaced by nothing here", &replacement[start..end]),
                start,
                end,
            ),
        }
    }
    let bytes = replacement.as_bytes();
    for at in 0..bytes.len().saturating_sub(1) {
        if bytes[at] == b'\\' && bytes[at + 1].is_ascii_digit() {
            warn(
                "replacement_literal",
                format!(
                    "{} is copied as it is in PCRE2's substitution syntax; PHP's preg_replace reads it as a group: write ${} (the PHP snippet translates the replacement)",
                    &replacement[at..at + 2],
                    char::from(bytes[at + 1])
                ),
                at,
                at + 2,
            );
        }
    }
    warnings.sort_by_key(|warning| warning.start);
    warnings
}

/// The replacement in PHP's `preg_replace` syntax that gives the same text: literal `\` and `$` escaped with a
/// backslash, each group as `${n}` (PHP has no named references and reaches groups 0–99 only: `None` past that).
pub(crate) fn php_replacement(replacement: &str, names: &[Option<String>]) -> Option<String> {
    let mut php = String::new();
    let mut fits = true;
    expand(
        replacement,
        names,
        |_| true,
        |piece| match piece {
            Piece::Literal(text) => {
                for c in text.chars() {
                    if c == '\\' || c == '$' {
                        php.push('\\');
                    }
                    php.push(c);
                }
            }
            Piece::Group(index) if index <= 99 => php.push_str(&format!("${{{index}}}")),
            _ => fits = false,
        },
        |_| {},
    );
    fits.then_some(php)
}

// ---------------------------------------------------------------------------------------------------------------
// Explanation

/// The explanation: PCRE2's own syntax read into a tree by [`crate::explain::pcre2_tree`], each construct in
/// PCRE2's terms, with a sentence where the same syntax means something else in another flavour.
fn explain(pattern: &str, flags: Flags) -> Vec<Node> {
    crate::explain::pcre2_tree::explain(pattern, flags)
}

// ---------------------------------------------------------------------------------------------------------------
// Snippet

/// Texts longer than this are read from standard input in the snippet instead of being pasted into it.
const MAX_INLINE_TEXT: usize = 400;

/// A PHP single-quoted string literal.
fn php_string(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// The pattern between delimiters with its PHP modifiers (`u` always: UTF-8 and Unicode properties).
pub(crate) fn php_pattern(pattern: &str, flags: Flags) -> String {
    let delimiter =
        ['/', '~', '#', '%', '@', '!', ';', ',', '`'].into_iter().find(|d| !pattern.contains(*d));
    let (delimiter, body) = match delimiter {
        Some(d) => (d, pattern.to_owned()),
        None => ('/', escape_delimiter(pattern)),
    };
    let mut modifiers = flags.pcre2_letters();
    modifiers.push('u');
    format!("{delimiter}{body}{delimiter}{modifiers}")
}

/// Every `/` not already escaped, escaped.
fn escape_delimiter(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut escaped = false;
    for c in pattern.chars() {
        if c == '/' && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    out
}

/// PHP that runs the pattern on the text with `preg_match_all` and replaces with `preg_replace`.
fn snippet(pattern: &str, flags: Flags, text: &str, replacement: Option<&str>) -> String {
    let mut code = String::from("<?php\n");
    code.push_str(&format!("$re = {};\n", php_string(&php_pattern(pattern, flags))));
    if text.len() <= MAX_INLINE_TEXT {
        code.push_str(&format!("$text = {};\n", php_string(text)));
    } else {
        code.push_str("$text = file_get_contents('php://stdin'); // the text on standard input\n");
    }
    code.push_str("preg_match_all($re, $text, $matches, PREG_SET_ORDER | PREG_OFFSET_CAPTURE);\n");
    code.push_str("foreach ($matches as $m) {\n");
    code.push_str("    [$whole, $start] = $m[0];\n");
    code.push_str(
        "    echo $start, '..', $start + strlen($whole), ': ', json_encode($whole), \"\\n\";\n",
    );
    code.push_str("    foreach (array_slice($m, 1, null, true) as $group => [$value, $at]) {\n");
    code.push_str(
        "        echo \"  group $group: \", $at < 0 ? 'none' : json_encode($value), \"\\n\";\n",
    );
    code.push_str("    }\n}\n");
    if let Some(replacement) = replacement {
        let names = compile(pattern, flags).map(|(_, names)| names).unwrap_or_default();
        match php_replacement(replacement, &names) {
            Some(php) => {
                if php != replacement {
                    code.push_str(&format!(
                        "// The replacement {} in preg_replace's syntax:\n",
                        php_string(replacement)
                    ));
                }
                code.push_str(&format!("echo preg_replace($re, {}, $text), \"\\n\";\n", php_string(&php)));
            }
            None => code.push_str(
                "// preg_replace reaches groups 0 to 99 only; this replacement names a later one.\n",
            ),
        }
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(replacement: &str, names: &[Option<&str>]) -> Vec<String> {
        let names: Vec<Option<String>> = names.iter().map(|n| n.map(str::to_owned)).collect();
        let mut out = Vec::new();
        expand(
            replacement,
            &names,
            |_| true,
            |piece| {
                out.push(match piece {
                    Piece::Literal(text) => text.to_owned(),
                    Piece::Group(index) => format!("<{index}>"),
                    Piece::Named(_) | Piece::Before | Piece::After => unreachable!(),
                });
            },
            |_| {},
        );
        out
    }

    #[test]
    fn replacements_read_as_pcre2_substitute_does() {
        let names = [None, None, Some("y")];
        assert_eq!(parts("$1Q$2", &names), ["<1>", "Q", "<2>"]);
        assert_eq!(
            parts("${1}0 $0 $$ $y ${y}z", &names),
            ["<1>", "0 ", "<0>", " ", "$", " ", "<2>", " ", "<2>", "z"]
        );
        // Unknown groups give nothing, a bad $ stays.
        assert_eq!(parts("$9 $z $- ${1", &names), ["", " ", "", " ", "$", "- ", "$", "{1"]);
        assert_eq!(parts("$", &names), ["$"]);
        assert_eq!(parts("\\1", &names), ["\\1"]);
    }

    #[test]
    fn php_replacements_say_the_same() {
        let names = vec![None, Some("y".to_owned())];
        assert_eq!(php_replacement("$y-$$-\\1-$1", &names).as_deref(), Some("${1}-\\$-\\\\1-${1}"));
    }

    #[test]
    fn verbs_are_allowed_or_refused() {
        assert_eq!(leading_verbs("(*UTF)(*UCP)a").unwrap(), 12);
        assert_eq!(leading_verbs("(*FAIL)").unwrap(), 0);
        let error = leading_verbs("(*UCP)(*LIMIT_MATCH=99999999)a").unwrap_err();
        assert_eq!(error.span(), Some(Span::new(6, 29)));
        assert!(error.to_string().contains("refused"), "{error}");
    }

    #[test]
    fn php_patterns_pick_a_free_delimiter() {
        let flags = Flags::parse_pcre2("inx").unwrap();
        assert_eq!(php_pattern("a/b", flags), "~a/b~ixnu");
        assert_eq!(php_pattern("/~#%@!;,`", Flags::default()), "/\\/~#%@!;,`/u");
    }
}

#[cfg(test)]
#[cfg(feature = "pcre2")]
mod engine_tests {
    use crate::{Flags, Flavor, Regex, RegexError};
    use std::time::{Duration, Instant};

    fn spans(pattern: &str, flags: &str, text: &str) -> Vec<(usize, usize)> {
        let regex = Regex::new(pattern, Flavor::Pcre2, Flags::parse_pcre2(flags).unwrap()).unwrap();
        regex.search(text, 1000).unwrap().matches.iter().map(|m| (m.start, m.end)).collect()
    }

    #[test]
    fn empty_matches_follow_preg_match_all() {
        assert_eq!(spans("x*", "", "xax"), [(0, 1), (1, 1), (2, 3), (3, 3)]);
        assert_eq!(spans("a??", "", "a"), [(0, 0), (0, 1), (1, 1)]);
        assert_eq!(spans("", "", "é"), [(0, 0), (2, 2)]);
        // An x-mode comment at the end and an open \Q still get their retry.
        assert_eq!(spans("a?? # c", "x", "a"), [(0, 0), (0, 1), (1, 1)]);
        assert_eq!(spans("\\Qa", "", "a"), [(0, 1)]);
    }

    #[test]
    fn pcre_constructs_work() {
        assert_eq!(spans(r"\((?:[^()]++|(?R))*\)", "", "(a(b)c) (d"), [(0, 7)]);
        assert_eq!(spans(r"(?<q>['\x22]).*?\k<q>", "", r#"'a' "b""#), [(0, 3), (4, 7)]);
        assert_eq!(spans(r"(?|(a)|(b))\1", "", "aa bb ab"), [(0, 2), (3, 5)]);
        assert_eq!(spans(r"(a)?(?(1)b|c)", "", "ab c"), [(0, 2), (3, 4)]);
        assert_eq!(spans(r"(?'n'x)(?P=n)", "", "xx"), [(0, 2)]);
        assert_eq!(spans(r"a\Kb", "", "ab"), [(1, 2)]);
        assert_eq!(spans(r"(a)(b)", "n", "ab").len(), 1);
        let regex = Regex::new(r"(?<d>a)|(?<d>b)", Flavor::Pcre2, Flags::parse_pcre2("J").unwrap())
            .unwrap();
        assert_eq!(regex.replace("ab", "[${d}]").unwrap(), "[a][b]");
    }

    #[test]
    fn errors_carry_pcre2_position_in_the_users_pattern() {
        let error =
            Regex::new("ab(c", Flavor::Pcre2, Flags::parse_pcre2("nU").unwrap()).unwrap_err();
        let RegexError::InvalidPattern { message, span } = &error else { panic!("{error:?}") };
        assert!(message.contains("missing closing parenthesis"), "{message}");
        assert_eq!(span.start, 4, "{error:?}");
        let error = Regex::new("(*UTF)a{2,1}", Flavor::Pcre2, Flags::default()).unwrap_err();
        assert!(error.to_string().contains("out of order"), "{error}");
        assert_eq!(error.span().map(|s| s.start), Some(11));
        let error =
            Regex::new("(*LIMIT_HEAP=1000000)a", Flavor::Pcre2, Flags::default()).unwrap_err();
        assert_eq!(error.span(), Some(crate::Span::new(0, 21)));
    }

    /// The attack families end within the budget with PCRE2's limit as the error.
    #[test]
    fn attacks_end_at_pcre2_limits() {
        let long = "a".repeat(100_000);
        let cases: [(&str, String); 5] = [
            // Nested quantifiers (PCRE2 skips the search when the b is missing: one is given after the run).
            (r"(a+)+b", format!("{}!b", "a".repeat(40))),
            (r"(a|aa)+$", format!("{}!", "a".repeat(60))),
            // Backreference blow-up.
            (r"^(\w+)*\1\1!", format!("{}?!", "a".repeat(3_000))),
            // Look-around over a long text.
            (r"(?=(a+)+!b)a", format!("{}!c b", "a".repeat(40))),
            (r"a(?=.*(.*)*x)", long),
        ];
        for (pattern, text) in cases {
            let regex = Regex::new(pattern, Flavor::Pcre2, Flags::default()).unwrap();
            let started = Instant::now();
            let result = regex.search(&text, 10);
            let took = started.elapsed();
            assert!(took < Duration::from_secs(2), "{pattern}: {took:?}");
            match result {
                Err(RegexError::EngineLimit { .. } | RegexError::Timeout { .. }) => {}
                other => panic!("{pattern}: {other:?}"),
            }
        }
        // A plain search over a megabyte is not stopped by the limits.
        let text = "ab ".repeat(300_000);
        let regex = Regex::new(r"\w+x|b", Flavor::Pcre2, Flags::default()).unwrap();
        assert_eq!(regex.search(&text, 1).unwrap().count, 300_000);
    }
}
