//! Everything the tester shows for one pattern and text, in one call: what the JSON API answers and the page
//! renders.

use crate::error::RegexError;
use crate::explain::Node;
use crate::matching::Match;
use crate::{DEFAULT_LIMIT, Flags, Flavor, MAX_TEXT_LEN, Regex};
use serde::Serialize;

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
    /// How many matches to list; [`DEFAULT_LIMIT`] when `None`, at most [`MAX_LIMIT`](crate::MAX_LIMIT).
    pub limit: Option<usize>,
}

/// The outcome: matches, counts, groups, substitution, explanation and snippet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = RegexReport))]
pub struct Report {
    /// The listed matches: `{start, end, text, groups: [{index, name, start, end, text} | null]}`, byte offsets.
    #[cfg_attr(feature = "web", schema(value_type = Vec<Object>))]
    pub matches: Vec<Match>,
    /// All matches, listed or not.
    pub match_count: usize,
    /// Whether some matches are not listed.
    pub truncated: bool,
    /// Group names by index (`null` for index 0 and unnamed groups).
    pub group_names: Vec<Option<String>>,
    /// The text with every match replaced, when a replacement was given.
    pub replaced: Option<String>,
    /// The explanation tree: nodes with a span, a description and child nodes.
    #[cfg_attr(feature = "web", schema(value_type = Vec<Object>))]
    pub explanation: Vec<Node>,
    /// Rust code using the pattern.
    pub snippet: String,
}

/// Compiles, searches, substitutes and explains.
pub fn run(request: &Request<'_>) -> Result<Report, RegexError> {
    if request.text.len() > MAX_TEXT_LEN {
        return Err(RegexError::TextTooLarge { len: request.text.len(), max: MAX_TEXT_LEN });
    }
    let regex = Regex::new(request.pattern, request.flavor, request.flags)?;
    let found =
        regex.test(request.text, request.limit.unwrap_or(DEFAULT_LIMIT), request.replace)?;
    Ok(Report {
        matches: found.matches,
        match_count: found.count,
        truncated: found.truncated,
        group_names: regex.group_names().to_vec(),
        replaced: found.replaced,
        explanation: regex.explain()?,
        snippet: regex.snippet(request.text, request.replace),
    })
}
