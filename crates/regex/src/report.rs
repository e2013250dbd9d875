//! Everything the tester shows for one pattern and text, in one call: what the JSON API answers and the page
//! renders.
//!
//! [`run`] is two halves a caller may run apart: [`find`], the search, whose cost depends on the text (and which
//! the site runs where it can be stopped), and [`complete`], the explanation and snippet, whose cost depends only
//! on the pattern's bounded size.

use crate::error::RegexError;
use crate::explain::Node;
use crate::matching::{ListLimit, Match, Matches};
use crate::warnings::Warning;
use crate::{DEFAULT_LIMIT, Flags, Flavor, MAX_TEXT_LEN, Regex};
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::time::Instant;

/// What to test.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The pattern.
    pub pattern: &'a str,
    /// The text to search.
    pub text: &'a str,
    /// The flags.
    pub flags: Flags,
    /// The engine.
    pub flavor: Flavor,
    /// A replacement, to get the substituted text.
    pub replace: Option<&'a str>,
    /// How many matches to list; [`DEFAULT_LIMIT`] when `None`, at most [`MAX_LIMIT`](crate::MAX_LIMIT), and only
    /// as many as fit in [`MAX_LISTED_BYTES`](crate::MAX_LISTED_BYTES).
    pub limit: Option<usize>,
    /// When the search must stop with [`RegexError::Timeout`]: checked before the search and
    /// between matches (after each match once they slow down, every 16th while they come fast).
    /// `None`: [`TIME_BUDGET`](crate::TIME_BUDGET) after the search starts.
    pub deadline: Option<Instant>,
}

/// The outcome: matches, counts, groups, substitution, explanation and snippet; what `POST /api/regex` answers and
/// the page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = RegexReport))]
pub struct Report {
    /// The listed matches in order, each with its byte and character offsets and its groups: the first `limit`,
    /// and only as many as fit in 4 MiB of answer (see `limited_by`).
    pub matches: Vec<Match>,
    /// How many matches the text has, listed or not.
    pub match_count: usize,
    /// How many matches are listed: the length of `matches`.
    pub listed: usize,
    /// Whether some matches are counted but not listed (`listed < match_count`).
    pub truncated: bool,
    /// Why some matches are not listed: `count` (the `limit` was reached) or `output` (listing the next match with
    /// its groups would have taken the listed matches past 4 MiB of answer, each text counted as escaped); `null`
    /// when every match is listed.
    #[cfg_attr(feature = "web", schema(inline))]
    pub limited_by: Option<ListLimit>,
    /// The name of every group by index, one entry per group slot of a match: `null` for index 0 (the whole
    /// match) and for unnamed groups.
    pub group_names: Vec<Option<String>>,
    /// The text with every match replaced, when a replacement was given; `null` otherwise.
    pub replaced: Option<String>,
    /// The explanation of the pattern as a tree: the top-level parts in order, each with its byte span in the
    /// pattern, a description and its inner parts.
    pub explanation: Vec<Node>,
    /// Source code that runs the pattern with its flags on the text (and the substitution), in the flavour's own
    /// setting: Rust with the `regex` crate (`rust`) or `fancy-regex` (`fancy`), JavaScript for Node.js or a
    /// browser's console with `RegExp`, `matchAll` and `replace` (`ecmascript`), PHP with `preg_match_all` and
    /// `preg_replace` (`pcre2`).
    pub snippet: String,
    /// Remarks that did not stop the answer but probably point at a mistake, such as `$1Q` in the replacement
    /// (a group named `1Q`, not group 1 followed by `Q`) or `${1}` in an ecmascript replacement (copied as it is),
    /// or a place where the engine is known to answer otherwise than the language of the flavour (`\u{61}` without
    /// `u` in ecmascript); absent when there is none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "web", schema(required = false))]
    pub warnings: Vec<Warning>,
}

/// The search half of a [`Report`]: what [`find`] gives and [`complete`] takes. It serializes, so that the search
/// can run in another process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found {
    /// The matches, the count and the replaced text.
    pub matches: Matches,
    /// Group names by index (`None` for index 0 and unnamed groups).
    pub group_names: Vec<Option<String>>,
}

/// Compiles, searches, substitutes and explains: [`find`] then [`complete`].
pub fn run(request: &Request<'_>) -> Result<Report, RegexError> {
    complete(request, find(request)?)
}

/// Compiles and searches: the part of [`run`] whose cost depends on the text, bounded by the request's deadline
/// and the listing and replacement budgets.
pub fn find(request: &Request<'_>) -> Result<Found, RegexError> {
    find_with(request, |request| Regex::new(request.pattern, request.flavor, request.flags))
}

/// [`find`] with the pattern compiled by `compile` from the request's pattern, flavour and flags (the site's
/// search job takes it from the patterns it compiled last). The order is the API's: a text too large is reported
/// before a fault in the pattern.
pub(crate) fn find_with<R: Borrow<Regex>>(
    request: &Request<'_>,
    compile: impl FnOnce(&Request<'_>) -> Result<R, RegexError>,
) -> Result<Found, RegexError> {
    check_text(request)?;
    let regex = compile(request)?;
    search(regex.borrow(), request)
}

/// Refuses a text over [`MAX_TEXT_LEN`].
fn check_text(request: &Request<'_>) -> Result<(), RegexError> {
    if request.text.len() > MAX_TEXT_LEN {
        return Err(RegexError::TextTooLarge { len: request.text.len(), max: MAX_TEXT_LEN });
    }
    Ok(())
}

/// The search itself, once the text is checked and the pattern compiled.
fn search(regex: &Regex, request: &Request<'_>) -> Result<Found, RegexError> {
    let matches = regex.test(
        request.text,
        request.limit.unwrap_or(DEFAULT_LIMIT),
        request.replace,
        request.deadline,
    )?;
    Ok(Found { matches, group_names: regex.group_names().to_vec() })
}

/// Explains the pattern and writes the snippet around what [`find`] found for the same request.
pub fn complete(request: &Request<'_>, found: Found) -> Result<Report, RegexError> {
    let explanation = crate::explain(request.pattern, request.flavor, request.flags)?;
    let snippet = crate::snippet(
        request.pattern,
        request.flavor,
        request.flags,
        request.text,
        request.replace,
    );
    let Found { matches, group_names } = found;
    let dialect = request.flavor.dialect();
    let mut warnings =
        dialect.answer_warnings(request.pattern, request.flags, request.text, &matches.matches);
    if let Some(replace) = request.replace {
        warnings.extend(dialect.replacement_warnings(replace, &group_names));
    }
    Ok(Report {
        listed: matches.matches.len(),
        matches: matches.matches,
        match_count: matches.count,
        truncated: matches.truncated,
        limited_by: matches.limited_by,
        group_names,
        replaced: matches.replaced,
        explanation,
        snippet,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request<'a>(pattern: &'a str, text: &'a str) -> Request<'a> {
        Request {
            pattern,
            text,
            flags: Flags::default(),
            flavor: Flavor::Rust,
            replace: None,
            limit: None,
            deadline: None,
        }
    }

    #[test]
    fn a_text_too_large_is_reported_before_a_bad_pattern() {
        let big = "a".repeat(MAX_TEXT_LEN + 1);
        let too_large = RegexError::TextTooLarge { len: MAX_TEXT_LEN + 1, max: MAX_TEXT_LEN };
        for flavor in Flavor::ALL {
            let request = Request { flavor, ..request("(", &big) };
            assert_eq!(find(&request).unwrap_err(), too_large, "{flavor:?}");
            // The same pattern with a small text is refused for the pattern.
            let small = find(&Request { text: "a", ..request }).unwrap_err();
            assert!(!matches!(small, RegexError::TextTooLarge { .. }), "{flavor:?}: {small:?}");
        }
        // However the pattern is compiled, and before it is.
        let found = find_with(&request("(", &big), |_| -> Result<Regex, RegexError> {
            unreachable!("the text is checked first")
        });
        assert_eq!(found.unwrap_err(), too_large);
    }
}
