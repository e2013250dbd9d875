//! Test regular expressions: every match with its capture groups, substitution, a plain-English explanation of
//! the pattern and a code snippet, for four flavours.
//!
//! The `rust` flavour is the [`regex`] crate (linear time, no catastrophic backtracking); the `fancy` flavour is
//! [`fancy_regex`], which adds look-around, backreferences, atomic groups and possessive quantifiers and runs with
//! a small backtracking limit, so a pattern like `(a+)+b` fails with [`RegexError::BacktrackLimit`] instead of
//! hanging. The `ecmascript` flavour is JavaScript's `RegExp` on [`regress`]: ECMAScript's syntax, flags
//! (`dgimsuvy`) and replacement syntax, with UTF-16 offsets beside the byte and character ones and a JavaScript
//! snippet. regress backtracks with no step limit: like a fancy search, an ecmascript search is bounded in time
//! only by a caller that runs it in a process it can kill (the devtools site does, with a memory limit too).
//! The `pcre2` flavour is PCRE2 (PHP's `preg_*`) through the `pcre2` crate, JIT-compiled where available, bounded
//! inside PCRE2 by its match, depth and heap limits ([`PCRE2_MATCH_LIMIT`], [`PCRE2_DEPTH_LIMIT`],
//! [`PCRE2_HEAP_LIMIT_KIB`]) and the JIT stack ([`PCRE2_JIT_STACK`]); it needs the crate feature `pcre2`, which
//! compiles the C library (a C compiler is needed), and without it the flavour refuses every pattern. PCRE2's
//! limits count backtracking, not a repeat that scans without backtracking (`a(?=[^x]*+(?:y|z))` over a megabyte
//! is quadratic within them): like the fancy and ecmascript searches, a pcre2 search is bounded in time only by a
//! caller that runs it in a process it can kill, as the site does.
//! Each flavour is one implementation of a small internal trait (`Dialect`), plus its engine's search loop. Every refusal is a [`RegexError`]; pattern errors carry the byte [`Span`] to underline.
//!
//! # Limits
//!
//! Everything a search builds is bounded while it is built, so input from strangers cannot make it allocate or
//! answer without bound:
//!
//! - the input: a pattern of [`MAX_PATTERN_LEN`] (8 KiB), a text of [`MAX_TEXT_LEN`] (1 MiB), a replacement of
//!   [`MAX_REPLACEMENT_LEN`] (8 KiB); compiled programs of [`SIZE_LIMIT`], nesting of [`NEST_LIMIT`];
//! - the time: a deadline ([`Request::deadline`], [`TIME_BUDGET`] by default) checked before the search and
//!   between matches ([`RegexError::Timeout`]; after each match once they slow down, every 16th while they come
//!   fast), and the fancy engine's [`BACKTRACK_LIMIT`]. Neither interrupts a single step of the fancy engine, whose
//!   look-arounds scan the text unseen by the backtracking limit: `(?=.*x)a` over a megabyte of `a` does 10¹²
//!   steps with no match to check the deadline after. The same holds for the ecmascript flavour, whose engine
//!   (regress) has no step limit: `(a+)+b` over 30 `a`s never reaches a match.
//!   PCRE2 has its own match, depth and heap limits. A caller that must bound the time of any fancy or ecmascript
//!   search runs it in a process it can kill (the devtools site does; `devtools regex` ends its own process at the
//!   budget with the site's `deadline_exceeded`);
//! - the listing: every match is counted, the first `limit` ([`DEFAULT_LIMIT`], at most [`MAX_LIMIT`]) are listed,
//!   and only as many as fit in [`MAX_LISTED_BYTES`] (4 MiB) of answer, counted with escaping ([`escaped_len`]) and
//!   a fixed cost per match and per group; [`Matches::limited_by`] and [`Report::limited_by`] say which limit
//!   stopped the list;
//! - the replaced text: at most [`MAX_REPLACED_LEN`] (8 MiB) counted the same way; each expansion is sized before
//!   it is built, so `$0` repeated 4096 times over a 1 MiB match is refused without allocating 4 GiB.
//!
//! # Example
//!
//! What the site shows for a pattern and a text (the page, `POST /api/regex` and `devtools regex` all give this
//! answer): a [`RegexRequest`] with the raw values, and [`answer`].
//!
//! ```
//! use devtools_regex::{RegexRequest, answer};
//!
//! let request = RegexRequest {
//!     flags: "i".into(),
//!     replace: Some("$2/${year}".into()),
//!     ..RegexRequest::new(r"(?<year>\d{4})-(\d{2})", "Released 2024-05, patched 2025-01.")
//! };
//! let report = answer(&request)?;
//! assert_eq!(report.match_count, 2);
//! let first = &report.matches[0];
//! assert_eq!((first.start, first.end, first.text.as_str()), (9, 16, "2024-05"));
//! assert_eq!(report.group_names, [None, Some("year".to_owned()), None]);
//! assert_eq!(report.replaced.as_deref(), Some("Released 05/2024, patched 01/2025."));
//! assert!(report.explanation[0].description.starts_with("Named capturing group \"year\""));
//! assert!(report.snippet.contains("RegexBuilder::new"));
//!
//! // Errors are the ones the site reports, with the same kind, message and fields.
//! let error = answer(&RegexRequest::new("a(b", "")).unwrap_err();
//! assert_eq!(error.kind(), "invalid_pattern");
//! assert_eq!(error.body()["span"], serde_json::json!({"start": 1, "end": 2}));
//! # Ok::<(), devtools_regex::AnswerError>(())
//! ```
//!
//! The engine underneath, for a caller that wants only part of it:
//!
//! ```
//! use devtools_regex::{Flags, Flavor, Regex, explain};
//!
//! let regex = Regex::new(r"(\d{4})-(\d{2})", Flavor::Rust, Flags::parse("i")?)?;
//! let found = regex.test("Released 2024-05.", 10, Some("$2/$1"), None)?;
//! assert_eq!((found.count, found.replaced.as_deref()), (1, Some("Released 05/2024.")));
//!
//! let tree = explain(r"\d{4}", Flavor::Rust, Flags::default())?;
//! assert_eq!(tree[0].description, "Matches the item before it exactly 4 times (a fixed count, so greedy or lazy makes no difference).");
//!
//! let error = Regex::new("a(b", Flavor::Rust, Flags::default()).unwrap_err();
//! assert_eq!(error.span().map(|s| (s.start, s.end)), Some((1, 2)));
//! # Ok::<(), devtools_regex::RegexError>(())
//! ```
//!
//! # Crate features
//!
//! - default: the library and its answer layer ([`answer`]), with no web or terminal dependency.
//! - `web`: the `/regex` page and the `POST /api/regex` endpoint for the devtools site (axum, minijinja), with
//!   the search run in a child process (`web::SEARCH_JOB`).
//! - `pcre2`: the pcre2 flavour's engine, PCRE2 built from bundled C source (the site turns it on).
//! - `cli`: the `devtools regex` subcommand (`cli::command`): its arguments and its text view (clap).

#![deny(missing_docs)]

mod answer;
#[cfg(feature = "cli")]
pub mod cli;
mod dialect;
mod ecmascript;
mod engine;
mod error;
mod explain;
mod flags;
mod highlight;
mod matching;
mod pcre2;
mod report;
mod snippet;
mod warnings;
#[cfg(feature = "web")]
pub mod web;

pub use answer::{RegexRequest, answer, answer_error, answer_found};
pub use devtools_kit::{AnswerError, ErrorClass, Location};
pub use engine::Flavor;
pub use error::{RegexError, Span};
pub use explain::{Node, explain};
pub use flags::{ECMASCRIPT_FLAG_LETTERS, FLAG_LETTERS, Flags, PCRE2_FLAG_LETTERS};
pub use highlight::{Segment, segments};
pub use matching::{Group, ListLimit, Match, Matches, escaped_len};
pub use pcre2::{
    DEPTH_LIMIT as PCRE2_DEPTH_LIMIT, HEAP_LIMIT_KIB as PCRE2_HEAP_LIMIT_KIB,
    JIT_STACK as PCRE2_JIT_STACK, MATCH_LIMIT as PCRE2_MATCH_LIMIT, VERBS as PCRE2_VERBS,
};
pub use report::{Found, Report, Request, complete, find, run};
pub use snippet::{rust_string_literal, snippet};
pub use warnings::Warning;

/// The README's example, run as a doctest so it cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

use devtools_kit::ToolMeta;
use engine::Engine;
use std::time::{Duration, Instant};

/// The regex tester as the site lists it: slug, name, summary, related tools and search keywords.
pub const META: ToolMeta = ToolMeta {
    slug: "regex",
    name: "Regex Tester",
    summary: "Test regular expressions with live matching, group highlighting, and explanations.",
    label: "rx",
    related: &["cron", "jwt"],
    keywords: &[
        "regular expression",
        "regexp",
        "regex101",
        "pattern",
        "match",
        "capture group",
        "replace",
        "substitution",
        "lookahead",
        "look-ahead",
        "lookbehind",
        "look-behind",
        "lookaround",
        "backreference",
        "named group",
        "named capture",
        "atomic group",
        "possessive quantifier",
        "unicode property",
        "rust regex",
        "fancy-regex",
        "ecmascript",
        "javascript regexp",
        "js regex",
        "regress",
        "pcre2",
        "php preg_match",
        "preg_replace",
    ],
};

/// Longest pattern accepted, in bytes.
pub const MAX_PATTERN_LEN: usize = 8 * 1024;
/// Largest test text accepted, in bytes (1 MiB).
pub const MAX_TEXT_LEN: usize = 1024 * 1024;
/// Size limit of a compiled program, in bytes (the `regex` crate's default of 10 MiB is too generous for input
/// from strangers).
pub const SIZE_LIMIT: usize = 1024 * 1024;
/// Deepest nesting of groups, classes and repetitions.
pub const NEST_LIMIT: u32 = 64;
/// Backtracking steps the fancy engine may take in one search before giving up. About 1.5 ms of work.
pub const BACKTRACK_LIMIT: usize = 100_000;
/// Largest fancy-regex program, in VM instructions; bounds what recursive subroutine calls can expand to.
pub const MAX_FANCY_PROGRAM: usize = 100_000;
/// Time one search over the whole text may take before it is stopped, when the caller gives no deadline of its
/// own (see [`Request::deadline`]). The deadline is checked before the search and
/// between matches (after each match once they slow down, every 16th while they come fast).
pub const TIME_BUDGET: Duration = Duration::from_secs(2);
/// Matches listed when no limit is asked for.
pub const DEFAULT_LIMIT: usize = 1_000;
/// Most matches listed at once; more are still counted.
pub const MAX_LIMIT: usize = 100_000;
/// Longest replacement string, in bytes.
pub const MAX_REPLACEMENT_LEN: usize = 8 * 1024;
/// Largest replaced text, in bytes as an answer carries it (8 MiB), counted like [`MAX_LISTED_BYTES`]: each byte by
/// its longest JSON or HTML escape ([`escaped_len`]). Every expansion is sized before it is built, so a replacement
/// that would pass the limit is refused with [`RegexError::ReplacementTooLarge`] without allocating its result.
pub const MAX_REPLACED_LEN: usize = 8 * 1024 * 1024;
/// The most bytes the listed matches may take in an answer (4 MiB); the matches after the first one that does not
/// fit are counted, not listed (see [`Matches::limited_by`]).
///
/// A listed match counts its text twice (as the match and as group 0), the text of each of its groups, 384 bytes
/// for itself and, for each group slot (taking part or not), 256 bytes plus three times the group's name: an upper
/// bound of what the JSON answer and the page (its match table, highlight titles and copy block) spend on it. Texts
/// and names count by their longest escaped form ([`escaped_len`]): 6 bytes for a control character or one of
/// `"` `\` `<` `>` `&` `'` `/`, 1 for every other byte.
pub const MAX_LISTED_BYTES: usize = 4 * 1024 * 1024;

/// A compiled pattern of either flavour.
#[derive(Debug, Clone)]
pub struct Regex {
    pattern: String,
    flavor: Flavor,
    flags: Flags,
    engine: Engine,
    names: Vec<Option<String>>,
}

impl Regex {
    /// Compiles `pattern` with the flavour's engine and the given flags.
    pub fn new(pattern: &str, flavor: Flavor, flags: Flags) -> Result<Regex, RegexError> {
        engine::check_pattern_len(pattern)?;
        let (engine, names) = flavor.dialect().compile(pattern, flags)?;
        Ok(Regex { pattern: pattern.to_owned(), flavor, flags, engine, names })
    }

    /// The pattern as given.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// The flavour it was compiled with.
    pub fn flavor(&self) -> Flavor {
        self.flavor
    }

    /// The flags it was compiled with.
    pub fn flags(&self) -> Flags {
        self.flags
    }

    /// The name of every group by index; index 0, the whole match, has none.
    pub fn group_names(&self) -> &[Option<String>] {
        &self.names
    }

    /// Every match in `text`, listing the first `limit` (at most [`MAX_LIMIT`], and as many as fit in
    /// [`MAX_LISTED_BYTES`]) and counting all, within [`TIME_BUDGET`].
    pub fn search(&self, text: &str, limit: usize) -> Result<Matches, RegexError> {
        self.test(text, limit, None, None)
    }

    /// Replaces every match with `replacement`, where `$1`, `${1}`, `$name` and `${name}` stand for groups and
    /// `$$` for a dollar sign, as in the `regex` crate.
    pub fn replace(&self, text: &str, replacement: &str) -> Result<String, RegexError> {
        Ok(self.test(text, 0, Some(replacement), None)?.replaced.unwrap_or_default())
    }

    /// Matches and substitution in one pass over the text: lists the first `limit` matches (at most [`MAX_LIMIT`],
    /// and as many as fit in [`MAX_LISTED_BYTES`]), counts all, and replaces each with `replacement` when given.
    ///
    /// The search stops with [`RegexError::Timeout`] once `deadline` has passed ([`TIME_BUDGET`] from the start
    /// when `None`); it is checked before the search and between matches (after each match once they slow down,
    /// every 16th while they come fast). A single step of the fancy engine
    /// between two matches cannot be interrupted: a look-around scans the text inside one step, unseen by the
    /// backtracking limit, so a caller that must bound the time of any fancy search runs it in a process it can
    /// kill (the site does). The ecmascript flavour's engine has no step limit at all: one search for the next
    /// match can backtrack for as long as the pattern makes it (`a{4294967295}` on a megabyte of `a`, `(a*)*b`),
    /// so the same holds for it.
    pub fn test(
        &self,
        text: &str,
        limit: usize,
        replacement: Option<&str>,
        deadline: Option<Instant>,
    ) -> Result<Matches, RegexError> {
        if text.len() > MAX_TEXT_LEN {
            return Err(RegexError::TextTooLarge { len: text.len(), max: MAX_TEXT_LEN });
        }
        if let Some(replacement) = replacement
            && replacement.len() > MAX_REPLACEMENT_LEN
        {
            return Err(RegexError::ReplacementTooLarge {
                what: "the replacement",
                len: replacement.len(),
                max: MAX_REPLACEMENT_LEN,
            });
        }
        matching::search(
            &self.engine,
            &self.names,
            text,
            limit.min(MAX_LIMIT),
            replacement,
            deadline,
            self.flavor.dialect().replacement_syntax(),
            self.flavor.dialect().utf16_offsets(),
        )
    }

    /// The explanation tree of the pattern.
    pub fn explain(&self) -> Result<Vec<Node>, RegexError> {
        explain(&self.pattern, self.flavor, self.flags)
    }

    /// Code using the pattern with its flags on `text`, optionally replacing with `replacement`: Rust for rust and
    /// fancy, JavaScript for ecmascript, PHP for pcre2.
    pub fn snippet(&self, text: &str, replacement: Option<&str>) -> String {
        snippet(&self.pattern, self.flavor, self.flags, text, replacement)
    }
}
