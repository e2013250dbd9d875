//! Test regular expressions: every match with its capture groups, substitution, a plain-English explanation of
//! the pattern and a Rust snippet, for two flavours.
//!
//! The `rust` flavour is the [`regex`] crate (linear time, no catastrophic backtracking); the `fancy` flavour is
//! [`fancy_regex`], which adds look-around, backreferences, atomic groups and possessive quantifiers and runs with
//! a small backtracking limit, so a pattern like `(a+)+b` fails with [`RegexError::BacktrackLimit`] instead of
//! hanging. Every refusal is a [`RegexError`]; pattern errors carry the byte [`Span`] to underline.
//!
//! # Example
//!
//! ```
//! use devtools_regex::{Flags, Flavor, Regex, explain};
//!
//! let flags = Flags::parse("i")?;
//! let regex = Regex::new(r"(?<year>\d{4})-(\d{2})", Flavor::Rust, flags)?;
//! let found = regex.test("Released 2024-05, patched 2025-01.", 10, Some("$2/${year}"))?;
//! assert_eq!(found.count, 2);
//! let first = &found.matches[0];
//! assert_eq!((first.start, first.end, first.text.as_str()), (9, 16, "2024-05"));
//! assert_eq!(first.groups[1].as_ref().map(|g| g.name.as_deref()), Some(Some("year")));
//! assert_eq!(found.replaced.as_deref(), Some("Released 05/2024, patched 01/2025."));
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
//! - `web`: the `/regex` page and the `POST /api/regex` endpoint for the devtools site (axum, minijinja).
//!   Without it the crate has no web dependencies.

#![deny(missing_docs)]

mod engine;
mod error;
mod explain;
mod flags;
mod highlight;
mod matching;
mod report;
mod snippet;
#[cfg(feature = "web")]
pub mod web;

pub use engine::Flavor;
pub use error::{RegexError, Span};
pub use explain::{Node, explain};
pub use flags::{FLAG_LETTERS, Flags};
pub use highlight::{Segment, segments};
pub use matching::{Group, Match, Matches};
pub use report::{Report, Request, run};
pub use snippet::{rust_string_literal, snippet};

use engine::Engine;
use std::time::Duration;

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
/// Time one search over the whole text may take before it is stopped.
pub const TIME_BUDGET: Duration = Duration::from_secs(2);
/// Matches listed when no limit is asked for.
pub const DEFAULT_LIMIT: usize = 1_000;
/// Most matches listed at once; more are still counted.
pub const MAX_LIMIT: usize = 100_000;
/// Longest replacement string, in bytes.
pub const MAX_REPLACEMENT_LEN: usize = 8 * 1024;
/// Largest replaced text, in bytes.
pub const MAX_REPLACED_LEN: usize = 8 * 1024 * 1024;

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
        let (engine, names) = match flavor {
            Flavor::Rust => {
                let regex = engine::compile_rust(pattern, flags)?;
                let names = regex.capture_names().map(|name| name.map(str::to_owned)).collect();
                (Engine::Rust(regex), names)
            }
            Flavor::Fancy => {
                explain::fancy::check_nesting(pattern, flags)?;
                let regex = engine::compile_fancy(pattern, flags)?;
                let names = regex.capture_names().map(|name| name.map(str::to_owned)).collect();
                (Engine::Fancy(regex), names)
            }
        };
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

    /// Every match in `text`, listing the first `limit` (at most [`MAX_LIMIT`]) and counting all.
    pub fn search(&self, text: &str, limit: usize) -> Result<Matches, RegexError> {
        self.test(text, limit, None)
    }

    /// Replaces every match with `replacement`, where `$1`, `${1}`, `$name` and `${name}` stand for groups and
    /// `$$` for a dollar sign, as in the `regex` crate.
    pub fn replace(&self, text: &str, replacement: &str) -> Result<String, RegexError> {
        Ok(self.test(text, 0, Some(replacement))?.replaced.unwrap_or_default())
    }

    /// Matches and substitution in one pass over the text.
    pub fn test(
        &self,
        text: &str,
        limit: usize,
        replacement: Option<&str>,
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
        matching::search(&self.engine, &self.names, text, limit.min(MAX_LIMIT), replacement)
    }

    /// The explanation tree of the pattern.
    pub fn explain(&self) -> Result<Vec<Node>, RegexError> {
        explain(&self.pattern, self.flavor, self.flags)
    }

    /// Rust code using the pattern with its flags on `text`, optionally replacing with `replacement`.
    pub fn snippet(&self, text: &str, replacement: Option<&str>) -> String {
        snippet(&self.pattern, self.flavor, self.flags, text, replacement)
    }
}
