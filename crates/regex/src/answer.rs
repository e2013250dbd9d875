//! The answer layer: the tester's input as the JSON API, the page and the command line receive it ([`RegexRequest`],
//! raw strings), its validation, and the whole answer the site shows ([`Report`]) or the [`AnswerError`] the
//! three front ends report alike.
//!
//! [`answer`] does it all in the calling thread. The site runs the same two halves apart, with the search in a
//! process it can kill: [`RegexRequest::checked`], then [`find`](crate::find) elsewhere, then [`answer_found`].
//! [`answer`] is exactly `answer_found(request, find(&request.checked()?))`, so the two cannot disagree.

use crate::{
    DEFAULT_LIMIT, Flags, Flavor, Found, MAX_PATTERN_LEN, MAX_REPLACEMENT_LEN, MAX_TEXT_LEN,
    RegexError, Report, Request,
};
use devtools_kit::{AnswerError, ErrorClass, Location};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// What to test: the body of `POST /api/regex`, the page's form and `devtools regex`'s arguments, as given. An
/// unknown field in the body is refused (`invalid_request`), not ignored: a misspelt `"flavour"` or `"flag"`
/// would otherwise run the default silently.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RegexRequest {
    /// The pattern, without delimiters or quotes (as inside Rust's `r"…"`), at most 8 KiB (8192 bytes of UTF-8).
    pub pattern: String,
    /// The text to search, at most 1 MiB (1048576 bytes of UTF-8); empty when absent.
    #[serde(default)]
    pub text: String,
    /// Flag letters; empty when absent. For `rust` and `fancy`, any of `imsxU` (`i` ignore case, `m` multi-line,
    /// `s` dot matches newline, `x` verbose, `U` swap greed). For `ecmascript`, any of `dgimsuvy`, each at most
    /// once as in JavaScript, with JavaScript's meanings (`i` ignore case, `m` multi-line, `s` dot-all, `u` unicode,
    /// `v` unicode sets, not with `u`, `y` sticky); `g` and `d` are accepted and implied, since every match is
    /// listed and replaced and carries its offsets. For `pcre2`, any of `imsxnUJ` (PCRE2's caseless, multi-line, dot-all, extended, no
    /// auto-capture, ungreedy, duplicate names; PHP's modifiers of the same letters); UTF-8 with Unicode
    /// properties (PHP's `u`) is always on.
    #[serde(default)]
    pub flags: String,
    /// The engine, one of `"rust" | "fancy" | "ecmascript" | "pcre2"`: `rust` (the `regex` crate, linear time; the default
    /// when absent or empty), `fancy` (fancy-regex: look-around, backreferences, atomic groups, with a
    /// backtracking limit) or `ecmascript` (JavaScript's `RegExp` syntax, flags and replacement syntax, on the
    /// `regress` engine; matches also carry UTF-16 offsets) or `pcre2` (PCRE2, PHP's `preg_*`: recursion,
    /// conditionals, verbs, matches found as `preg_match_all` finds them, bounded by PCRE2's match, depth and heap
    /// limits; the start-of-pattern verbs `(*LIMIT_MATCH=…)`, `(*LIMIT_DEPTH=…)`, `(*LIMIT_HEAP=…)`,
    /// `(*LIMIT_RECURSION=…)`, `(*NEVER_UTF)` are refused, the others allowed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "web", schema(value_type = Option<Flavor>, inline))]
    pub flavor: Option<String>,
    /// A replacement for every match, at most 8 KiB. For `rust` and `fancy`: `$1`/`${1}` a group by number,
    /// `$name`/`${name}` by name (a name takes every letter, digit and underscore: `$1Q` is a group named `1Q`,
    /// which `warnings` points out), `$$` a dollar sign. For `ecmascript`, JavaScript's: `$1`/`$12`, `$<name>`,
    /// `$&` the match, `` $` `` the text before it, `$'` the text after it, `$$` a dollar sign. For `pcre2`,
    /// `pcre2_substitute`'s: `$1`/`${1}`, `$0` the match, `$name`/`${name}`, `$$` a dollar sign; an unset or
    /// unknown group gives nothing and a `$` that starts no reference stays as it is (`warnings` says so). The replaced text may take at most 8 MiB of the answer, each byte counted by its longest
    /// JSON or HTML escape. Absent: no substitution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replace: Option<String>,
    /// The most matches to list: 1000 when absent, at most 100000 (larger asks list 100000). The listed matches
    /// may also take at most 4 MiB of the answer; past that they are counted, not listed (`limited_by: "output"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
}

impl RegexRequest {
    /// The request with a pattern and a text, everything else left to its default.
    pub fn new(pattern: impl Into<String>, text: impl Into<String>) -> Self {
        RegexRequest { pattern: pattern.into(), text: text.into(), ..RegexRequest::default() }
    }

    /// Reads the flavour and the flags and checks the sizes, in that order: the library's [`Request`] (with
    /// [`DEFAULT_LIMIT`] when no limit is given and no deadline of its own), or the error every front end
    /// reports.
    ///
    /// The sizes are checked here, before the input is handed to a search anywhere: a text over the limit is
    /// refused as `text_too_large` even when the pattern has another fault, and an over-long pattern or
    /// replacement is reported before any fault the pattern's parser would name.
    pub fn checked(&self) -> Result<Request<'_>, AnswerError> {
        let flavor = parse_flavor(self.flavor.as_deref())?;
        let flags = Flags::parse_for(&self.flags, flavor)
            .map_err(|error| answer_error(&error, &self.pattern))?;
        let request = Request {
            pattern: &self.pattern,
            text: &self.text,
            flags,
            flavor,
            replace: self.replace.as_deref(),
            limit: Some(self.limit.unwrap_or(DEFAULT_LIMIT)),
            deadline: None,
        };
        if let Some(error) = oversized(&request) {
            return Err(answer_error(&error, &self.pattern));
        }
        Ok(request)
    }
}

/// Everything the tester shows for a request, as the JSON API answers it: the matches with their groups, the
/// substitution, the explanation and the Rust snippet, searched here within [`TIME_BUDGET`](crate::TIME_BUDGET).
///
/// ```
/// use devtools_regex::{RegexRequest, answer};
///
/// let report = answer(&RegexRequest::new(r"\d+", "a1 b22"))?;
/// assert_eq!(report.match_count, 2);
/// let error = answer(&RegexRequest::new("(", "")).unwrap_err();
/// assert_eq!(error.kind(), "invalid_pattern");
/// # Ok::<(), devtools_kit::AnswerError>(())
/// ```
pub fn answer(request: &RegexRequest) -> Result<Report, AnswerError> {
    let found = crate::find(&request.checked()?);
    answer_found(request, found)
}

/// The answer around a search run elsewhere: `found` is what [`find`](crate::find) gave for
/// [`request.checked()`](RegexRequest::checked) (the site runs it in a child process). Checks the request again,
/// then explains the pattern and writes the snippet.
pub fn answer_found(
    request: &RegexRequest,
    found: Result<Found, RegexError>,
) -> Result<Report, AnswerError> {
    let checked = request.checked()?;
    let error = |error: RegexError| answer_error(&error, &request.pattern);
    crate::complete(&checked, found.map_err(error)?).map_err(error)
}

/// The answer layer's error for a library error about `pattern`: its kind, class and the extra fields the JSON
/// API has always carried (`span` and `reason` for a pattern, `field`, `flag` and `position` for the flags,
/// `limit` and `size` for a size, `limit` and `at` for the backtracking limit, `limit_ms` for a timeout).
pub fn answer_error(error: &RegexError, pattern: &str) -> AnswerError {
    let message = error.to_string();
    let in_pattern = |start: usize, end: usize| Location {
        part: Some("pattern".into()),
        span: Some(start..end),
    };
    let span = |start: usize, end: usize| json!({ "start": start, "end": end });
    match error {
        RegexError::InvalidPattern { span: at, .. } => {
            AnswerError::invalid("invalid_pattern", message)
                .at(in_pattern(at.start, at.end))
                .with("span", span(at.start, at.end))
                .with("reason", "syntax")
        }
        RegexError::NestTooDeep { span: at, limit } => {
            AnswerError::invalid("invalid_pattern", message)
                .at(in_pattern(at.start, at.end))
                .with("span", span(at.start, at.end))
                .with("reason", "too_deep")
                .with("limit", *limit)
        }
        RegexError::PatternTooLong { max, .. } => AnswerError::invalid("invalid_pattern", message)
            .at(in_pattern(*max, pattern.len()))
            .with("span", span(*max, pattern.len()))
            .with("reason", "too_long")
            .with("limit", *max),
        RegexError::CompiledTooBig { limit } => AnswerError::invalid("invalid_pattern", message)
            .at(in_pattern(0, pattern.len()))
            .with("span", span(0, pattern.len()))
            .with("reason", "too_big")
            .with("limit", *limit),
        RegexError::InvalidFlag { flag, position }
        | RegexError::InvalidFlags { flag, position, .. } => {
            AnswerError::invalid("invalid_flags", message)
                .at(part("flags"))
                .with("field", "flags")
                .with("flag", flag.to_string())
                .with("position", *position)
        }
        RegexError::TextTooLarge { max, len } => AnswerError::too_large("text_too_large", message)
            .at(part("text"))
            .with("limit", *max)
            .with("size", *len),
        RegexError::ReplacementTooLarge { max, len, .. } => {
            AnswerError::too_large("replacement_too_large", message)
                .at(part("replace"))
                .with("limit", *max)
                .with("size", *len)
        }
        RegexError::BacktrackLimit { limit, at } => {
            AnswerError::new(ErrorClass::Unanswerable, "backtrack_limit", message)
                .at(Location { part: Some("text".into()), span: Some(*at..*at) })
                .with("limit", *limit)
                .with("at", *at)
        }
        RegexError::EngineLimit { limit, value, at, .. } => {
            AnswerError::new(ErrorClass::Unanswerable, "backtrack_limit", message)
                .at(Location { part: Some("text".into()), span: Some(*at..*at) })
                .with("limit", *value)
                .with("at", *at)
                .with("engine_limit", limit.clone())
        }
        RegexError::Timeout { millis, .. } => {
            AnswerError::new(ErrorClass::Unanswerable, "match_timeout", message)
                .with("limit_ms", u64::try_from(*millis).unwrap_or(u64::MAX))
        }
    }
}

/// Whether the request asks for the rust flavour, whose parser refuses the pattern for look-around or a
/// backreference, and the fancy flavour compiles it.
#[cfg(any(feature = "web", feature = "cli"))]
pub(crate) fn needs_fancy(request: &RegexRequest) -> bool {
    use regex_syntax::ast::{ErrorKind, parse::ParserBuilder};
    let rust = request
        .flavor
        .as_deref()
        .is_none_or(|name| name.is_empty() || Flavor::parse(name) == Some(Flavor::Rust));
    let Ok(flags) = Flags::parse(&request.flags) else { return false };
    let parsed = ParserBuilder::new()
        .ignore_whitespace(flags.has('x'))
        .nest_limit(crate::NEST_LIMIT)
        .build()
        .parse(&request.pattern);
    let unsupported = parsed.as_ref().is_err_and(|error| {
        matches!(
            error.kind(),
            ErrorKind::UnsupportedLookAround | ErrorKind::UnsupportedBackreference
        )
    });
    rust && unsupported && crate::Regex::new(&request.pattern, Flavor::Fancy, flags).is_ok()
}

fn part(name: &'static str) -> Location {
    Location { part: Some(name.into()), span: None }
}

/// The flavour by name; absent or empty is `rust`.
fn parse_flavor(name: Option<&str>) -> Result<Flavor, AnswerError> {
    match name {
        None | Some("") => Ok(Flavor::Rust),
        Some(name) => Flavor::parse(name).ok_or_else(|| {
            AnswerError::invalid(
                "invalid_flavor",
                format!(
                    "Unknown flavor {name:?}; use \"rust\", \"fancy\", \"ecmascript\" or \"pcre2\"."
                ),
            )
            .at(part("flavor"))
            .with("field", "flavor")
        }),
    }
}

/// The sizes the library refuses: the text first, as the library checks it, then the pattern and the
/// replacement.
fn oversized(request: &Request<'_>) -> Option<RegexError> {
    let text = request.text.len();
    let pattern = request.pattern.len();
    let replacement = request.replace.map_or(0, str::len);
    if text > MAX_TEXT_LEN {
        Some(RegexError::TextTooLarge { len: text, max: MAX_TEXT_LEN })
    } else if pattern > MAX_PATTERN_LEN {
        Some(RegexError::PatternTooLong { len: pattern, max: MAX_PATTERN_LEN })
    } else if replacement > MAX_REPLACEMENT_LEN {
        Some(RegexError::ReplacementTooLarge {
            what: "the replacement",
            len: replacement,
            max: MAX_REPLACEMENT_LEN,
        })
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_flavour_then_flags_then_sizes() {
        let mut request = RegexRequest::new("(", "a".repeat(MAX_TEXT_LEN + 1));
        request.flags = "g".into();
        request.flavor = Some("perl".into());
        assert_eq!(request.checked().unwrap_err().kind(), "invalid_flavor");
        request.flavor = Some(String::new());
        assert_eq!(request.checked().unwrap_err().kind(), "invalid_flags");
        request.flags = "iU".into();
        let error = request.checked().unwrap_err();
        assert_eq!((error.kind(), error.class()), ("text_too_large", ErrorClass::TooLarge));
        request.text = "a".into();
        request.replace = Some("x".repeat(MAX_REPLACEMENT_LEN + 1));
        assert_eq!(request.checked().unwrap_err().kind(), "replacement_too_large");
        request.replace = None;
        let checked = request.checked().unwrap();
        assert_eq!((checked.flavor, checked.limit), (Flavor::Rust, Some(DEFAULT_LIMIT)));
        assert!(checked.flags.case_insensitive && checked.flags.swap_greed);
    }

    #[test]
    fn errors_carry_the_api_fields_and_a_location() {
        let error = answer(&RegexRequest::new("ab(c", "")).unwrap_err();
        assert_eq!(
            error.body(),
            json!({
                "error": "invalid_pattern",
                "message": "unclosed group",
                "span": {"start": 2, "end": 3},
                "reason": "syntax"
            })
        );
        assert_eq!(error.location().and_then(|at| at.span.clone()), Some(2..3));
        let error = answer(&RegexRequest::new(r"\w{1000}", "")).unwrap_err();
        assert_eq!(error.location().and_then(|at| at.span.clone()), Some(0..8));
        let error = answer_error(&RegexError::Timeout { millis: 2000, matches: 3 }, "a");
        assert_eq!(error.class(), ErrorClass::Unanswerable);
        assert_eq!(error.details()["limit_ms"], 2000);
    }

    #[test]
    fn answer_is_find_then_answer_found() {
        let mut request = RegexRequest::new(r"(?<d>\d)", "a1 b2");
        request.replace = Some("<$d>".into());
        let found = crate::find(&request.checked().unwrap());
        assert_eq!(answer(&request), answer_found(&request, found));
        assert_eq!(answer(&request).unwrap().replaced.as_deref(), Some("a<1> b<2>"));
    }
}
