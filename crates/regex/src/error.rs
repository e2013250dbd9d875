//! The one error type of the crate, carrying the span of the pattern or the size that was refused.

use serde::{Deserialize, Deserializer, Serialize};

/// A byte range in the pattern, `start..end`, for underlining the part an error or an explanation refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First byte, inclusive.
    pub start: usize,
    /// Last byte, exclusive.
    pub end: usize,
}

impl Span {
    /// A span from two byte offsets.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// Why a pattern was refused or a search was stopped.
///
/// It serializes (externally tagged, `{"Timeout": {"millis": 2000, "matches": 0}}`) so that a search run in another
/// process can hand its error back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[non_exhaustive]
pub enum RegexError {
    /// The pattern does not parse or does not compile; `span` points at the offending part.
    #[error("{message}")]
    InvalidPattern {
        /// What is wrong, in the engine's words.
        message: String,
        /// Where in the pattern.
        span: Span,
    },
    /// The pattern is longer than [`MAX_PATTERN_LEN`](crate::MAX_PATTERN_LEN).
    #[error("the pattern is {len} bytes long; the limit is {max} bytes")]
    PatternTooLong {
        /// Length of the pattern in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// Groups, classes or repetitions are nested deeper than [`NEST_LIMIT`](crate::NEST_LIMIT).
    #[error("the pattern nests groups, classes or repetitions more than {limit} levels deep")]
    NestTooDeep {
        /// The limit.
        limit: u32,
        /// The construct that went one level too deep.
        span: Span,
    },
    /// The compiled program would exceed [`SIZE_LIMIT`](crate::SIZE_LIMIT), usually because of large counted
    /// repetitions such as `\w{1000}`.
    #[error(
        "the compiled pattern would exceed the {limit}-byte size limit; use smaller repetition counts or fewer Unicode classes"
    )]
    CompiledTooBig {
        /// The limit in bytes.
        limit: usize,
    },
    /// A flag letter outside `imsxU`.
    #[error(
        "unknown flag {flag:?} at position {position} of the flags; the flags are i, m, s, x and U"
    )]
    InvalidFlag {
        /// The letter.
        flag: char,
        /// Its character index in the flags string.
        position: usize,
    },
    /// A flag the flavour does not have, or flags it does not allow together (ECMAScript's `u` with `v`).
    #[error("{message}")]
    InvalidFlags {
        /// What is wrong, naming the letter and the flavour's flags.
        message: String,
        /// The letter.
        flag: char,
        /// Its character index in the flags string.
        position: usize,
    },
    /// The test text is larger than [`MAX_TEXT_LEN`](crate::MAX_TEXT_LEN).
    #[error("the text is {len} bytes long; the limit is {max} bytes (1 MiB)")]
    TextTooLarge {
        /// Length of the text in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The replacement string is longer than [`MAX_REPLACEMENT_LEN`](crate::MAX_REPLACEMENT_LEN), or the replaced
    /// text would grow beyond [`MAX_REPLACED_LEN`](crate::MAX_REPLACED_LEN).
    #[error("the replacement is too large: {what} would be {len} bytes; the limit is {max} bytes")]
    ReplacementTooLarge {
        /// `"the replacement"` or `"the replaced text"`.
        #[serde(deserialize_with = "replacement_part")]
        what: Part,
        /// The size reached.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The fancy engine gave up after [`BACKTRACK_LIMIT`](crate::BACKTRACK_LIMIT) backtracking steps in one search,
    /// which is how catastrophic backtracking (`(a+)+b`) shows itself.
    #[error(
        "the search starting at byte {at} of the text exceeded the backtracking limit of {limit} steps; the pattern backtracks catastrophically on this text (try an atomic group or a possessive quantifier, or the rust flavour)"
    )]
    BacktrackLimit {
        /// The limit.
        limit: usize,
        /// Byte offset in the text where the failing search started.
        at: usize,
    },
    /// A backtracking engine stopped at one of its own limits (PCRE2's match, depth or heap limit, or its JIT
    /// stack), which is how catastrophic backtracking shows itself in the pcre2 flavour.
    #[error(
        "the search starting at byte {at} of the text reached the {engine} {limit} ({value}); the pattern backtracks catastrophically on this text (try an atomic group or a possessive quantifier, or the rust flavour)"
    )]
    EngineLimit {
        /// The engine, `PCRE2`.
        engine: String,
        /// Which limit: `match limit`, `depth limit`, `heap limit (KiB)`, `JIT stack limit (bytes)`.
        limit: String,
        /// The limit's value (0 when the engine reported another failure, named in `limit`).
        value: u64,
        /// Byte offset in the text where the failing search started.
        at: usize,
    },
    /// Matching the whole text went past its deadline: [`TIME_BUDGET`](crate::TIME_BUDGET), or the one the
    /// caller gave ([`Request::deadline`](crate::Request::deadline)).
    #[error("matching took longer than {millis} ms and was stopped after {matches} matches")]
    Timeout {
        /// The budget in milliseconds, from the start of the search to its deadline.
        millis: u128,
        /// Matches found before stopping.
        matches: usize,
    },
}

/// `&'static str` under another name: serde borrows every field it sees spelled `&str` from its input, which would
/// make the error readable only from `'static` input.
type Part = &'static str;

/// The part a [`RegexError::ReplacementTooLarge`] names, read back as one of the two it can be.
fn replacement_part<'de, D: Deserializer<'de>>(deserializer: D) -> Result<&'static str, D::Error> {
    const PARTS: [&str; 2] = ["the replacement", "the replaced text"];
    let part = String::deserialize(deserializer)?;
    PARTS
        .into_iter()
        .find(|known| *known == part)
        .ok_or_else(|| serde::de::Error::unknown_variant(&part, &PARTS))
}

impl RegexError {
    /// The span of the pattern the error refers to, if it refers to one.
    pub fn span(&self) -> Option<Span> {
        match self {
            RegexError::InvalidPattern { span, .. } | RegexError::NestTooDeep { span, .. } => {
                Some(*span)
            }
            _ => None,
        }
    }

    /// Whether the error is about the pattern itself (rather than the flags, the text or the search).
    pub fn is_pattern_error(&self) -> bool {
        matches!(
            self,
            RegexError::InvalidPattern { .. }
                | RegexError::PatternTooLong { .. }
                | RegexError::NestTooDeep { .. }
                | RegexError::CompiledTooBig { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_limit_and_spans_are_reported() {
        let error =
            RegexError::InvalidPattern { message: "unclosed group".into(), span: Span::new(0, 1) };
        assert_eq!(error.to_string(), "unclosed group");
        assert_eq!(error.span(), Some(Span::new(0, 1)));
        assert!(error.is_pattern_error());
        let error = RegexError::TextTooLarge { len: 2_000_000, max: 1_048_576 };
        assert!(error.to_string().contains("1048576"));
        assert_eq!(error.span(), None);
        assert!(!error.is_pattern_error());
    }
}
