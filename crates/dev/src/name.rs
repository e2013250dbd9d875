//! The name of a new tool and the identifiers derived from it.

use std::fmt;

/// Longest name accepted: it becomes a URL segment, a nav label and part of every identifier.
pub const MAX_LEN: usize = 40;

/// Names the site already routes itself (`/api/…`, `/static/…`, `/search`, `/healthz`), plus the names of the
/// workspace's non-tool packages' folders, which a tool crate must not shadow.
pub const RESERVED: &[&str] =
    &["api", "static", "search", "healthz", "dev", "core", "web", "e2e", "tests"];

/// A valid tool name such as `word-count`: the slug, the folder under `crates/` and the package suffix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolName(String);

/// Why a name cannot be a tool name. Each message says what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NameError {
    /// Nothing was given.
    #[error("the name is empty; give one such as `word-count`")]
    Empty,
    /// Over [`MAX_LEN`] characters.
    #[error("`{name}` is {len} characters long; keep it to {MAX_LEN}")]
    TooLong {
        /// The name given.
        name: String,
        /// Its length in characters.
        len: usize,
    },
    /// A character other than `a-z`, `0-9` or `-`.
    #[error(
        "`{name}` has {found:?} at position {position}; use lowercase letters, digits and dashes, e.g. `word-count`"
    )]
    InvalidChar {
        /// The name given.
        name: String,
        /// The offending character.
        found: char,
        /// Its position, counted in characters from 0.
        position: usize,
    },
    /// A dash at either end or two in a row.
    #[error("`{name}` has a dash at an end or two dashes in a row; dashes only go between words")]
    MisplacedDash {
        /// The name given.
        name: String,
    },
    /// Routed by the site itself or the folder of a non-tool crate.
    #[error("`{name}` is reserved (the site or the workspace uses it already); pick another name")]
    Reserved {
        /// The name given.
        name: String,
    },
}

impl ToolName {
    /// Checks `name` and accepts it if it is lowercase letters, digits and single dashes between them.
    pub fn parse(name: &str) -> Result<ToolName, NameError> {
        if name.is_empty() {
            return Err(NameError::Empty);
        }
        let len = name.chars().count();
        if len > MAX_LEN {
            return Err(NameError::TooLong { name: name.to_owned(), len });
        }
        if let Some((position, found)) = name
            .chars()
            .enumerate()
            .find(|(_, c)| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        {
            return Err(NameError::InvalidChar { name: name.to_owned(), found, position });
        }
        if name.starts_with('-') || name.ends_with('-') || name.contains("--") {
            return Err(NameError::MisplacedDash { name: name.to_owned() });
        }
        if RESERVED.contains(&name) {
            return Err(NameError::Reserved { name: name.to_owned() });
        }
        Ok(ToolName(name.to_owned()))
    }

    /// The slug and folder name: `word-count`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The package: `devtools-word-count`.
    pub fn package(&self) -> String {
        format!("devtools-{}", self.0)
    }

    /// The crate as Rust code names it: `devtools_word_count`.
    pub fn crate_ident(&self) -> String {
        format!("devtools_{}", self.0.replace('-', "_"))
    }

    /// The prefix of the tool's type names in the merged OpenAPI document, where every tool's schemas share one
    /// namespace: `WordCount` (so `WordCountRequest`). A Rust identifier cannot start with a digit, so `3d` gives
    /// `Tool3d`.
    pub fn type_prefix(&self) -> String {
        let camel: String = self.title().split(' ').collect();
        if camel.starts_with(|c: char| c.is_ascii_digit()) { format!("Tool{camel}") } else { camel }
    }

    /// A human title for the page and the navigation: `Word Count`.
    pub fn title(&self) -> String {
        self.0
            .split('-')
            .map(|word| {
                let mut chars = word.chars();
                chars
                    .next()
                    .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl fmt::Display for ToolName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_lowercase_words_digits_and_single_dashes() {
        for name in ["word-count", "b64", "x", "base-64-url", "3d", &"a".repeat(MAX_LEN)] {
            assert_eq!(ToolName::parse(name).unwrap().as_str(), name);
        }
    }

    #[test]
    fn derives_package_crate_and_title() {
        let name = ToolName::parse("word-count").unwrap();
        assert_eq!(name.package(), "devtools-word-count");
        assert_eq!(name.crate_ident(), "devtools_word_count");
        assert_eq!(name.title(), "Word Count");
        assert_eq!(ToolName::parse("b64").unwrap().title(), "B64");
        assert_eq!(name.type_prefix(), "WordCount");
        assert_eq!(ToolName::parse("3d-print").unwrap().type_prefix(), "Tool3dPrint");
    }

    #[test]
    fn refuses_everything_else_with_a_reason() {
        assert_eq!(ToolName::parse(""), Err(NameError::Empty));
        assert_eq!(
            ToolName::parse("Word"),
            Err(NameError::InvalidChar { name: "Word".into(), found: 'W', position: 0 })
        );
        assert_eq!(
            ToolName::parse("word_count"),
            Err(NameError::InvalidChar { name: "word_count".into(), found: '_', position: 4 })
        );
        assert!(matches!(ToolName::parse("a b"), Err(NameError::InvalidChar { found: ' ', .. })));
        assert!(matches!(ToolName::parse("café"), Err(NameError::InvalidChar { found: 'é', .. })));
        assert!(matches!(ToolName::parse("../x"), Err(NameError::InvalidChar { found: '.', .. })));
        for name in ["-x", "x-", "a--b", "-"] {
            assert!(
                matches!(ToolName::parse(name), Err(NameError::MisplacedDash { .. })),
                "{name}"
            );
        }
        let long = "a".repeat(MAX_LEN + 1);
        assert_eq!(
            ToolName::parse(&long),
            Err(NameError::TooLong { name: long, len: MAX_LEN + 1 })
        );
        for name in RESERVED {
            assert!(matches!(ToolName::parse(name), Err(NameError::Reserved { .. })), "{name}");
        }
    }

    #[test]
    fn messages_name_the_problem() {
        let message = ToolName::parse("Word").unwrap_err().to_string();
        assert_eq!(
            message,
            "`Word` has 'W' at position 0; use lowercase letters, digits and dashes, e.g. `word-count`"
        );
    }
}
