//! Site-wide search over every registered tool and the entries tools add (each HTTP status code).
//!
//! The index is built once from the tools' own metadata; nothing is a hand-kept list. A query matches an entry
//! when every term occurs in its label, title, keywords or summary; entries are ranked by where the terms occur.

use crate::meta::ToolMeta;
use serde::Serialize;

/// One thing search can find.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct SearchEntry {
    /// `tool`, what a tool's entries are (`status` for a status code, `reference` for a reference page), or
    /// `page` for a page of the site itself (the JSON API's).
    pub kind: &'static str,
    /// Short label shown in monospace: the tool label, or a status code.
    pub label: String,
    /// What the result is called.
    pub title: String,
    /// One line under the title.
    pub summary: String,
    /// Where the result leads: a root-relative URL; the search API and page put the site's base path in front.
    pub href: String,
    #[serde(skip)]
    keywords: String,
}

impl SearchEntry {
    /// An entry; add more words to match with [`SearchEntry::keywords`].
    pub fn new(
        kind: &'static str,
        label: impl Into<String>,
        title: impl Into<String>,
        summary: impl Into<String>,
        href: impl Into<String>,
    ) -> Self {
        SearchEntry {
            kind,
            label: label.into(),
            title: title.into(),
            summary: summary.into(),
            href: href.into(),
            keywords: String::new(),
        }
    }

    /// Words that find this entry without being shown (aliases, vendor names).
    #[must_use]
    pub fn keywords<'a>(mut self, words: impl IntoIterator<Item = &'a str>) -> Self {
        for word in words {
            self.keywords.push(' ');
            self.keywords.push_str(&word.to_lowercase());
        }
        self
    }

    /// The entry of the JSON API's page (`/api`), which lists every tool's endpoints.
    pub(crate) fn api_page() -> Self {
        SearchEntry::new(
            "page",
            "api",
            "JSON API",
            "Every endpoint of every tool, with a curl example and its answer; the OpenAPI document.",
            "/api",
        )
        .keywords(["openapi", "json", "rest", "http api", "curl", "endpoint", "swagger"])
    }

    /// The entry of a tool, from its metadata.
    pub fn for_tool(meta: &ToolMeta) -> Self {
        SearchEntry::new("tool", meta.label, meta.name, meta.summary, meta.href())
            .keywords(meta.keywords.iter().copied().chain([meta.slug]))
    }
}

/// An entry's shown texts in lower case, made once when the index is built: lowering every entry's texts for
/// every query was a fifth of a search's time.
#[derive(Debug, Clone)]
struct Folded {
    label: String,
    title: String,
    summary: String,
}

impl Folded {
    fn new(entry: &SearchEntry) -> Self {
        Folded {
            label: entry.label.to_lowercase(),
            title: entry.title.to_lowercase(),
            summary: entry.summary.to_lowercase(),
        }
    }

    /// How well `entry`, of which these are the texts, matches lowercase `terms`; `None` when a term matches
    /// nothing.
    fn score(&self, entry: &SearchEntry, terms: &[String]) -> Option<u32> {
        let Folded { label, title, summary } = self;
        let mut total = if entry.kind == "tool" { 1 } else { 0 };
        for term in terms {
            // "4" should find 418 and 429, not every code with a 4 somewhere in it.
            let numeric = term.bytes().all(|b| b.is_ascii_digit());
            let in_title_word = title
                .split(|c: char| !c.is_alphanumeric())
                .any(|word| word.starts_with(term.as_str()));
            let points = if label == term {
                100
            } else if label.starts_with(term.as_str()) {
                60
            } else if in_title_word {
                30
            } else if numeric {
                let in_keyword_word = entry
                    .keywords
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.starts_with(term.as_str()));
                if !in_keyword_word {
                    return None;
                }
                15
            } else if title.contains(term.as_str()) {
                20
            } else if entry.keywords.contains(term.as_str()) {
                15
            } else if summary.contains(term.as_str()) {
                5
            } else {
                return None;
            };
            total += points;
        }
        Some(total)
    }
}

/// The searchable entries of the site.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Vec<(SearchEntry, Folded)>,
}

/// Longest query considered; the rest is ignored.
pub const MAX_QUERY_LEN: usize = 200;

impl SearchIndex {
    /// An index over these entries, in this order for equal scores.
    pub fn new(entries: Vec<SearchEntry>) -> Self {
        SearchIndex {
            entries: entries
                .into_iter()
                .map(|entry| {
                    let folded = Folded::new(&entry);
                    (entry, folded)
                })
                .collect(),
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is nothing to search.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The best `limit` matches for `query`, best first. An empty query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&SearchEntry> {
        let query: String = query.chars().take(MAX_QUERY_LEN).collect();
        let terms: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        if terms.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(u32, usize, &SearchEntry)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(index, (entry, folded))| {
                Some((folded.score(entry, &terms)?, index, entry))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(limit).map(|(_, _, entry)| entry).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SearchIndex {
        let tool = ToolMeta {
            slug: "cron",
            name: "Cron Expression Generator",
            summary: "Build and parse cron expressions.",
            label: "cron",
            related: &[],
            keywords: &["crontab", "schedule"],
        };
        SearchIndex::new(vec![
            SearchEntry::for_tool(&tool),
            SearchEntry::new("status", "418", "418 (Unused)", "Reserved.", "/http-status/418")
                .keywords(["I'm a teapot"]),
            SearchEntry::new(
                "status",
                "429",
                "429 Too Many Requests",
                "Rate limited.",
                "/http-status/429",
            ),
            SearchEntry::new(
                "status",
                "502",
                "502 Bad Gateway",
                "Upstream failed.",
                "/http-status/502",
            ),
            SearchEntry::new(
                "status",
                "504",
                "504 Gateway Timeout",
                "Upstream too slow.",
                "/http-status/504",
            ),
        ])
    }

    fn labels(results: Vec<&SearchEntry>) -> Vec<&str> {
        results.into_iter().map(|entry| entry.label.as_str()).collect()
    }

    #[test]
    fn finds_codes_by_number_name_and_alias() {
        let index = index();
        assert_eq!(labels(index.search("429", 5)), ["429"]);
        assert_eq!(labels(index.search("teapot", 5)), ["418"]);
        assert_eq!(labels(index.search("GATEWAY", 5)), ["502", "504"]);
        assert_eq!(labels(index.search("gateway timeout", 5)), ["504"]);
        assert_eq!(labels(index.search("4", 5)), ["418", "429"]);
    }

    #[test]
    fn finds_tools_by_name_keyword_and_slug() {
        let index = index();
        assert_eq!(labels(index.search("crontab", 5)), ["cron"]);
        assert_eq!(labels(index.search("expression", 5)), ["cron"]);
        assert!(index.search("", 5).is_empty());
        assert!(index.search("   ", 5).is_empty());
        assert!(index.search("nothing-like-this", 5).is_empty());
    }

    #[test]
    fn the_api_page_is_found_first_by_its_name_and_by_openapi() {
        let index = SearchIndex::new(vec![
            SearchEntry::new(
                "status",
                "420",
                "420 Enhance Your Calm",
                "Rate limited (Twitter's old API).",
                "/x",
            ),
            SearchEntry::api_page(),
        ]);
        assert_eq!(labels(index.search("api", 5))[0], "api");
        assert_eq!(labels(index.search("OpenAPI", 5)), ["api"]);
        assert_eq!(labels(index.search("json api", 5)), ["api"]);
    }

    #[test]
    fn limit_and_long_queries_are_bounded() {
        let index = index();
        assert_eq!(index.search("u", 2).len(), 2);
        let long = "a".repeat(10_000);
        assert!(index.search(&long, 5).is_empty());
    }
}
