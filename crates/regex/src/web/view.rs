//! The page's view model: the form state, the rendered result or the error, the share link and the examples.

use super::{FormInput, page};
use crate::{
    DEFAULT_LIMIT, ECMASCRIPT_FLAG_LETTERS, FLAG_LETTERS, Flags, Flavor, Found, Group, ListLimit,
    MAX_LISTED_BYTES, MAX_TEXT_LEN, Match, Node, PCRE2_FLAG_LETTERS, RegexError, RegexRequest,
    segments,
};
use axum::http::StatusCode;
use axum::response::Html;
use devtools_kit::{AnswerError, Rendered, Site, View, WebError};
use serde::Serialize;
use std::borrow::Cow;

/// The whole page.
pub(crate) const PAGE: &str = "regex/index.html";
/// Only the results block, for the page script.
pub(crate) const FRAGMENT: &str = "regex/results.html";

/// Group names longer than this (in bytes) are cut in the highlight's titles, which repeat them for every run of
/// text a group covers.
const MAX_TITLE_NAME: usize = 32;

/// Texts longer than this are left out of the share link: a link that long is no longer one people paste. The link
/// is the only address that carries the text (`regex.js` keeps the text out of the address it maintains, and its
/// "Copy link" follows this rule too). For the page script the link keeps the test in the URL's fragment (never
/// sent to a server; the script restores the form from it); without JavaScript nothing reads a fragment, so the
/// link is the query the server fills the form from.
const MAX_LINK_TEXT: usize = 2_000;

/// Distinct highlight colours for groups 1 and up; `rx-g0` is the whole match.
const GROUP_COLOURS: usize = 9;

#[derive(Debug, Serialize)]
struct FlagView {
    letter: char,
    name: &'static str,
    on: bool,
}

#[derive(Debug, Serialize)]
struct ErrorView {
    kind: String,
    message: String,
    /// The pattern split around the span the error points at, for underlining.
    before: Option<String>,
    marked: Option<String>,
    after: Option<String>,
}

#[derive(Debug, Serialize)]
struct SegmentView<'t> {
    text: &'t str,
    class: Option<String>,
    title: Option<String>,
}

#[derive(Debug, Serialize)]
struct GroupView<'a> {
    index: usize,
    name: Option<&'a str>,
    class: String,
    group: Option<&'a Group>,
}

#[derive(Debug, Serialize)]
struct MatchView<'a> {
    number: usize,
    found: &'a Match,
    groups: Vec<GroupView<'a>>,
}

#[derive(Debug, Serialize)]
struct ResultView<'a> {
    count: usize,
    shown: usize,
    truncated: bool,
    /// Listing stopped at the output budget rather than at the count limit.
    output_limited: bool,
    /// The output budget, in MiB, for the note that says so.
    output_limit_mib: usize,
    segments: Vec<SegmentView<'a>>,
    matches: Vec<MatchView<'a>>,
    matches_text: String,
    replaced: Option<String>,
    explanation: &'a [Node],
    snippet: &'a str,
    group_count: usize,
    warnings: &'a [crate::Warning],
}

/// What the page and its results part show.
#[derive(Debug, Serialize)]
struct PageView<'a> {
    /// Whether the form was sent (not the empty page).
    submitted: bool,
    pattern: &'a str,
    /// The flags of the flavour, each checked or not.
    flags: Vec<FlagView>,
    /// Whether the results part carries the flags too (`template#rx-flags-next`): when it is rendered alone, for
    /// the page script, which swaps them in when the flavour changed.
    flags_next: bool,
    /// The text as shown in its box: cut to the limit when over it.
    text: &'a str,
    /// Whether `text` was cut.
    text_cut: bool,
    replace: &'a str,
    flavor: &'static str,
    /// The language of the code snippet for the flavour.
    snippet_language: &'static str,
    /// Whether positions are counted in UTF-16 code units (the ecmascript flavour) besides bytes.
    utf16: bool,
    error: Option<&'a ErrorView>,
    /// A rust-flavour pattern refused for a look-around or backreference: a one-click rerun with fancy.
    switch_to_fancy: bool,
    result: Option<ResultView<'a>>,
    share: Option<ShareView<'a>>,
    /// Whether the share link keeps the test after `#` (the results the page script asks for, which restores the
    /// form from there) rather than in a query the server fills the form from (the page without JavaScript).
    share_in_fragment: bool,
    /// The example the form holds, unchanged: its own address is the link to the test.
    example: Option<&'static str>,
    text_too_long_for_link: bool,
    examples: &'static [Example],
    /// How many matches are listed by default.
    limit: usize,
}

/// The test as the share link carries it, after `#` or `?`: a query string in this field order.
#[derive(Debug, Serialize)]
struct ShareView<'a> {
    flags: String,
    flavor: &'static str,
    pattern: &'a str,
    replace: &'a str,
    text: &'a str,
}

/// One of the page's examples, linked as `/regex?example={name}`.
#[derive(Debug, Serialize)]
pub(super) struct Example {
    /// The short, stable name in the example's address: lowercase ASCII letters, digits and hyphens.
    name: &'static str,
    title: &'static str,
    note: &'static str,
    pattern: &'static str,
    flags: &'static str,
    text: &'static str,
    replace: &'static str,
    flavor: &'static str,
}

/// A few patterns to start from, each a link (`?example=` and its name) that fills the form on the server.
const EXAMPLES: &[Example] = &[
    Example {
        name: "email",
        title: "Email-ish",
        note: "good enough to find addresses in text, not to validate them",
        pattern: r"[\w.+-]+@(?<domain>[\w-]+(?:\.[\w-]+)+)",
        flags: "",
        text: "Write to ada@example.com or bob.smith+news@mail.example.org (not @nobody).",
        replace: "<${domain}>",
        flavor: "rust",
    },
    Example {
        name: "iso-date",
        title: "ISO date",
        note: "named groups, reordered by the substitution",
        pattern: r"\b(?<year>\d{4})-(?<month>0[1-9]|1[0-2])-(?<day>0[1-9]|[12]\d|3[01])\b",
        flags: "",
        text: "Released 2024-05-17, patched 2025-01-03; 2024-13-01 is no date.",
        replace: "${day}.${month}.${year}",
        flavor: "rust",
    },
    Example {
        name: "ipv4",
        title: "IPv4 address",
        note: "each octet 0–255, no leading zeros",
        pattern: r"\b(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\b",
        flags: "",
        text: "gateway 192.168.1.254, dns 8.8.8.8, broken 256.1.1.1 and 10.0.0",
        replace: "",
        flavor: "rust",
    },
    Example {
        name: "log-line",
        title: "Log line",
        note: "an nginx access log, one match per line with the m flag",
        pattern: r#"^(?<ip>\S+) \S+ \S+ \[(?<time>[^\]]+)\] "(?<method>[A-Z]+) (?<path>\S+)[^"]*" (?<status>\d{3}) (?<bytes>\d+|-)"#,
        flags: "m",
        text: "203.0.113.9 - - [17/May/2024:10:01:02 +0000] \"GET /index.html HTTP/1.1\" 200 5120\n198.51.100.4 - - [17/May/2024:10:01:07 +0000] \"POST /api/login HTTP/1.1\" 401 -",
        replace: "${status} ${method} ${path}",
        flavor: "rust",
    },
    Example {
        name: "doubled-words",
        title: "Doubled words",
        note: "a backreference, which needs a backtracking flavour",
        pattern: r"\b(\w+)\s+\1\b",
        flags: "i",
        text: "This is is a test. The the end.",
        replace: "$1",
        flavor: "fancy",
    },
    Example {
        name: "prices",
        title: "Prices",
        note: "look-behind for the currency sign, look-ahead to skip ranges",
        pattern: r"(?<=\$)\d+(?:\.\d\d)?(?!-)",
        flags: "",
        text: "Tea $3.50, cake $12, deals $5-$8.",
        replace: "",
        flavor: "fancy",
    },
    Example {
        name: "javascript-named-groups",
        title: "JavaScript named groups",
        note: "the ecmascript flavour: $<name> in the replacement, UTF-16 offsets",
        pattern: r"(?<user>[\w.]+)@(?<host>[\w-]+(?:\.[\w-]+)+)",
        flags: "gi",
        text: "😀 ada@example.com, bob@mail.example.org",
        replace: "$<host> ($<user>)",
        flavor: "ecmascript",
    },
    Example {
        name: "pcre2-balanced-parentheses",
        title: "PCRE2 balanced parentheses",
        note: "the pcre2 flavour: recursion and a possessive quantifier, PHP snippet",
        pattern: r"\((?:[^()]++|(?R))*\)",
        flags: "",
        text: "f(a, g(b)) and (c(d)) (e",
        replace: "[$0]",
        flavor: "pcre2",
    },
];

impl Example {
    /// The name in the example's address.
    pub(super) fn name(&self) -> &'static str {
        self.name
    }

    /// The example's test, as the form would send it (an empty substitution meaning none).
    pub(super) fn request(&self) -> RegexRequest {
        RegexRequest {
            flags: self.flags.to_owned(),
            flavor: Some(self.flavor.to_owned()),
            replace: Some(self.replace.to_owned()).filter(|replace| !replace.is_empty()),
            ..RegexRequest::new(self.pattern, self.text)
        }
    }
}

/// The example of that name.
pub(super) fn example(name: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|example| example.name == name)
}

/// The examples' names, for a message that lists them.
pub(super) fn example_names() -> impl Iterator<Item = &'static str> {
    EXAMPLES.iter().map(|example| example.name)
}

/// What became of the form's test, for [`render`].
#[derive(Debug)]
pub(crate) enum Outcome {
    /// No pattern was sent: the form alone.
    Idle,
    /// The search ran (in a child process): what it found, or the library's error.
    Searched(Result<Found, RegexError>),
    /// The answer layer refused the request.
    Failed(AnswerError),
    /// The server stopped or refused the work (deadline, memory, output budget).
    Refused(WebError),
}

/// The page or the results part (`fragment=1`), with the status the outcome deserves: the page answers 400 for
/// an invalid input, 413 for one over a size limit, 422 for a search that could not finish; the results part
/// always 200, with the error rendered inside it.
pub(crate) fn render(
    site: &Site,
    input: &FormInput,
    outcome: Outcome,
) -> Result<Rendered, WebError> {
    let request = &input.request;
    let flavor = request.flavor.as_deref().and_then(Flavor::parse).unwrap_or_default();
    let letters: &[(char, &str)] = match flavor {
        Flavor::Ecmascript => &ECMASCRIPT_FLAG_LETTERS,
        Flavor::Pcre2 => &PCRE2_FLAG_LETTERS,
        Flavor::Rust | Flavor::Fancy => &FLAG_LETTERS,
    };
    let flag_views: Vec<FlagView> = letters
        .iter()
        .map(|(letter, name)| FlagView {
            letter: *letter,
            name,
            on: request.flags.contains(*letter),
        })
        .collect();

    let answered = match outcome {
        Outcome::Idle => None,
        Outcome::Searched(found) => Some(
            crate::answer_found(request, found).map_err(|error| failure(error, &request.pattern)),
        ),
        Outcome::Failed(error) => Some(Err(failure(error, &request.pattern))),
        Outcome::Refused(error) => Some(Err(Failure { view: ErrorView::plain(&error), error })),
    };
    let (report, failure) = match answered {
        Some(Ok(report)) => (Some(report), None),
        Some(Err(failure)) => (None, Some(failure)),
        None => (None, None),
    };
    let result = report.as_ref().map(|report| result_view(&request.text, report));
    // Look-around or a backreference refused by the rust flavour: one click reruns the form with fancy.
    let switch_to_fancy =
        failure.as_ref().is_some_and(|failure| failure.view.kind == "invalid_pattern")
            && crate::answer::needs_fancy(request);
    let replace = request.replace.as_deref().unwrap_or_default();
    let share = (input.submitted && request.text.len() <= MAX_LINK_TEXT).then(|| ShareView {
        flags: Flags::parse_for(&request.flags, flavor)
            .map(|f| f.letters_for(flavor))
            .unwrap_or_default(),
        flavor: flavor.as_str(),
        pattern: &request.pattern,
        replace,
        text: &request.text,
    });
    // A text over the limit is shown cut to the limit: the page does not send back megabytes it refused, and
    // what it shows can be submitted as it is.
    let shown = &request.text[..request.text.floor_char_boundary(MAX_TEXT_LEN)];
    let ctx = PageView {
        submitted: input.submitted,
        pattern: &request.pattern,
        flags: flag_views,
        flags_next: input.fragment.is_some(),
        text: shown,
        text_cut: shown.len() < request.text.len(),
        replace,
        flavor: flavor.as_str(),
        snippet_language: match flavor {
            Flavor::Ecmascript => "JavaScript",
            Flavor::Pcre2 => "PHP",
            Flavor::Rust | Flavor::Fancy => "Rust",
        },
        utf16: flavor == Flavor::Ecmascript,
        error: failure.as_ref().map(|failure| &failure.view),
        switch_to_fancy,
        result,
        share,
        share_in_fragment: input.fragment.is_some(),
        example: input.example,
        text_too_long_for_link: input.submitted && request.text.len() > MAX_LINK_TEXT,
        examples: EXAMPLES,
        limit: DEFAULT_LIMIT,
    };
    let mut page = page();
    if input.submitted {
        page = page.noindex();
    }
    let view = View::choose(input.fragment.as_deref(), PAGE, FRAGMENT);
    let status = failure.as_ref().map_or(StatusCode::OK, |failure| failure.error.status());
    site.render_view(view, &page, ctx, status)
}

/// The results part saying the server refused the work, without the echo of the input: cheap enough to render
/// when the work pool has no room for the rendering either.
pub(crate) fn render_refusal(site: &Site, error: &WebError) -> Result<Html<String>, WebError> {
    let ctx = serde_json::json!({
        "error": ErrorView::plain(error),
        "result": null,
        "switch_to_fancy": false,
        "flags_next": false,
        "snippet_language": "Rust",
        "utf16": false,
    });
    site.render(FRAGMENT, &page().noindex(), ctx)
}

/// An error to show, with the status it gives the page.
#[derive(Debug)]
struct Failure {
    error: WebError,
    view: ErrorView,
}

/// The answer layer's error about `pattern`, to show.
fn failure(error: AnswerError, pattern: &str) -> Failure {
    let view = error_view(&error, pattern);
    Failure { error: error.into(), view }
}

impl ErrorView {
    /// An error about the request as a whole, with no part of the pattern to mark.
    fn plain(error: &WebError) -> Self {
        ErrorView {
            kind: error.kind().to_owned(),
            message: error.message().to_owned(),
            before: None,
            marked: None,
            after: None,
        }
    }
}

/// The answer layer's error, with the part of `pattern` it locates split out for marking.
fn error_view(error: &AnswerError, pattern: &str) -> ErrorView {
    let span = error
        .location()
        .filter(|at| at.part.as_deref() == Some("pattern"))
        .and_then(|at| at.span.clone());
    let parts = span.and_then(|span| {
        Some((
            pattern.get(..span.start)?.to_owned(),
            pattern.get(span.clone())?.to_owned(),
            pattern.get(span.end..)?.to_owned(),
        ))
    });
    let (before, marked, after) = match parts {
        Some((before, marked, after)) => (Some(before), Some(marked), Some(after)),
        None => (None, None, None),
    };
    ErrorView {
        kind: error.kind().to_owned(),
        message: error.message().to_owned(),
        before,
        marked,
        after,
    }
}

/// The CSS class of a group's colour: `rx-g0` for the whole match, `rx-g1`..`rx-g9` cycling for groups.
fn group_class(index: usize) -> String {
    if index == 0 { "rx-g0".to_owned() } else { format!("rx-g{}", (index - 1) % GROUP_COLOURS + 1) }
}

/// A group's name for a highlight title, cut after [`MAX_TITLE_NAME`] bytes.
fn title_name(name: &str) -> Cow<'_, str> {
    if name.len() <= MAX_TITLE_NAME {
        return Cow::Borrowed(name);
    }
    let cut = (0..=MAX_TITLE_NAME).rev().find(|&at| name.is_char_boundary(at)).unwrap_or(0);
    Cow::Owned(format!("{}…", &name[..cut]))
}

fn result_view<'a>(text: &'a str, report: &'a crate::Report) -> ResultView<'a> {
    let names = &report.group_names;
    let segments = segments(text, &report.matches)
        .into_iter()
        .map(|segment| match (segment.match_index, segment.group) {
            (None, _) => SegmentView { text: segment.text, class: None, title: None },
            (Some(index), None) => SegmentView {
                text: segment.text,
                class: Some("rx-empty".to_owned()),
                title: Some(format!(
                    "match {}: empty, at byte {}",
                    index + 1,
                    report.matches[index].start
                )),
            },
            (Some(index), Some(group)) => {
                let title = match group {
                    0 => format!("match {}", index + 1),
                    group => match names.get(group).and_then(Option::as_deref) {
                        Some(name) => {
                            format!("match {}, group {group} ({})", index + 1, title_name(name))
                        }
                        None => format!("match {}, group {group}", index + 1),
                    },
                };
                SegmentView {
                    text: segment.text,
                    class: Some(format!("rx-m rx-m{} {}", index % 2, group_class(group))),
                    title: Some(title),
                }
            }
        })
        .collect();
    let matches = report
        .matches
        .iter()
        .enumerate()
        .map(|(i, found)| MatchView {
            number: i + 1,
            found,
            groups: found
                .groups
                .iter()
                .enumerate()
                .skip(1)
                .map(|(index, group)| GroupView {
                    index,
                    name: names.get(index).and_then(|name| name.as_deref()),
                    class: group_class(index),
                    group: group.as_ref(),
                })
                .collect(),
        })
        .collect();
    let matches_text =
        report.matches.iter().map(|found| found.text.as_str()).collect::<Vec<_>>().join("\n");
    ResultView {
        count: report.match_count,
        shown: report.matches.len(),
        truncated: report.truncated,
        output_limited: report.limited_by == Some(ListLimit::Output),
        output_limit_mib: MAX_LISTED_BYTES / (1024 * 1024),
        segments,
        matches,
        matches_text,
        replaced: report.replaced.clone(),
        explanation: &report.explanation,
        snippet: &report.snippet,
        group_count: names.len().saturating_sub(1),
        warnings: &report.warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_colours_cycle_after_nine() {
        assert_eq!(group_class(0), "rx-g0");
        assert_eq!(group_class(1), "rx-g1");
        assert_eq!(group_class(9), "rx-g9");
        assert_eq!(group_class(10), "rx-g1");
    }

    #[test]
    fn examples_compile_and_match_in_their_flavour() {
        for example in EXAMPLES {
            let flavor = Flavor::parse(example.flavor).unwrap();
            if flavor == Flavor::Pcre2 && !cfg!(feature = "pcre2") {
                continue;
            }
            let flags = Flags::parse_for(example.flags, flavor).unwrap();
            let regex = crate::Regex::new(example.pattern, flavor, flags).unwrap();
            let found = regex.search(example.text, 10).unwrap();
            assert!(found.count >= 2, "{}: {}", example.title, found.count);
        }
    }

    /// An example's name is its address (`/regex?example=…`): short, unique, and the same characters in a URL
    /// as written.
    #[test]
    fn example_names_are_unique_url_safe_slugs() {
        let mut seen = std::collections::BTreeSet::new();
        for example in EXAMPLES {
            let name = example.name;
            assert!(
                !name.is_empty()
                    && name.len() <= 32
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    && !name.starts_with('-')
                    && !name.ends_with('-'),
                "{name:?}"
            );
            assert!(seen.insert(name), "{name} twice");
            assert_eq!(super::example(name).map(|found| found.title), Some(example.title));
        }
    }

    #[test]
    fn error_spans_split_the_pattern() {
        let error = |start, end| {
            let error = RegexError::InvalidPattern {
                message: "x".into(),
                span: crate::Span::new(start, end),
            };
            crate::answer_error(&error, "aéb")
        };
        let view = error_view(&error(1, 3), "aéb");
        assert_eq!(
            (view.before.as_deref(), view.marked.as_deref(), view.after.as_deref()),
            (Some("a"), Some("é"), Some("b"))
        );
        // A span off a character boundary is not split rather than panicking.
        assert!(error_view(&error(2, 3), "aéb").marked.is_none());
        // A place in the text is not a place in the pattern.
        let error = RegexError::BacktrackLimit { limit: 1, at: 1 };
        assert!(error_view(&crate::answer_error(&error, "aéb"), "aéb").marked.is_none());
    }
}
