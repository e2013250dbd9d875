//! Where the site is mounted below its origin, for hosting behind a reverse proxy at a sub-path
//! (`https://example.com/tools/`): every link, asset, form action and script call the site writes starts with it,
//! and the router answers only below it.

use std::fmt;

/// The longest base path accepted, in bytes: a mount point (`/internal/platform/devtools` is 27), not a place
/// for data. A page writes it in front of about thirty links, and every tool added to the site adds two more, so
/// it is bounded to keep every tool page within issue 17's 32 KiB with room for more tools: a test renders every
/// page below a base path this long, and `just new-tool`'s check runs that test with one more tool.
pub const MAX_BASE_PATH_LEN: usize = 32;

/// A validated base path: empty for the origin's root, else `/` followed by one or more path segments, with no
/// trailing slash (`/tools`, `/dev/tools`). Segments hold only URL-unreserved characters (RFC 3986 §2.3: letters,
/// digits, `-`, `.`, `_`, `~`), so the path is the same written in HTML, in a URL and in a script, with nothing to
/// escape.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BasePath(String);

/// Why a base path was refused: the message names the offending part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasePathError(String);

impl fmt::Display for BasePathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BasePathError {}

impl BasePath {
    /// Reads a base path as an operator writes it: `""` and `"/"` are the root; one trailing slash is dropped
    /// (`/tools/` is `/tools`).
    ///
    /// # Errors
    /// A path that does not start with `/`, is longer than [`MAX_BASE_PATH_LEN`], has an empty segment (`//`), a
    /// `.` or `..` segment, or a character outside the unreserved set (a space, `%`, `?`, `#`, …).
    pub fn parse(text: &str) -> Result<BasePath, BasePathError> {
        let refuse = |why: String| Err(BasePathError(format!("invalid base path {text:?}: {why}")));
        if text.len() > MAX_BASE_PATH_LEN {
            return refuse(format!("longer than {MAX_BASE_PATH_LEN} bytes"));
        }
        let trimmed = text.strip_suffix('/').unwrap_or(text);
        if trimmed.is_empty() {
            return Ok(BasePath::default());
        }
        let Some(segments) = trimmed.strip_prefix('/') else {
            return refuse("it must start with `/`, as in `/tools`".to_owned());
        };
        for segment in segments.split('/') {
            if segment.is_empty() {
                return refuse("it has an empty segment (`//`)".to_owned());
            }
            if segment == "." || segment == ".." {
                return refuse(format!("`{segment}` is not allowed as a segment"));
            }
            let unreserved =
                |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~');
            if let Some(bad) = segment.chars().find(|&c| !unreserved(c)) {
                return refuse(format!(
                    "{bad:?} is not allowed; use letters, digits, `-`, `.`, `_` and `~`"
                ));
            }
        }
        Ok(BasePath(trimmed.to_owned()))
    }

    /// The path, `""` at the root: put it in front of a root-relative URL (`{base}/api`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the site is at the origin's root.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The site's own path for a request path below the base: `/tools` and `/tools/` give `/`, `/tools/cron`
    /// gives `/cron`; `None` for a path outside it (`/toolsx`, `/cron`).
    pub fn strip<'a>(&self, path: &'a str) -> Option<&'a str> {
        let rest = path.strip_prefix(self.0.as_str())?;
        match rest {
            "" => Some("/"),
            rest if rest.starts_with('/') => Some(rest),
            _ => None,
        }
    }

    /// `url` (root-relative, starting with `/`) below the base.
    pub fn join(&self, url: &str) -> String {
        format!("{}{url}", self.0)
    }
}

impl fmt::Display for BasePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_and_trailing_slashes_are_normalised() {
        assert_eq!(BasePath::parse("").unwrap(), BasePath::default());
        assert_eq!(BasePath::parse("/").unwrap(), BasePath::default());
        assert_eq!(BasePath::parse("/tools/").unwrap().as_str(), "/tools");
        assert_eq!(BasePath::parse("/dev/tools").unwrap().as_str(), "/dev/tools");
    }

    #[test]
    fn refusals_name_the_fault() {
        let message = |text| BasePath::parse(text).unwrap_err().to_string();
        assert!(message("tools").contains("must start with `/`"));
        assert!(message("/a//b").contains("empty segment"));
        assert!(message("/a/../b").contains("`..`"));
        assert!(message("/my tools").contains("' ' is not allowed"));
        assert!(message("/a?b").contains("'?' is not allowed"));
        assert!(message("/%2e").contains("'%' is not allowed"));
        assert!(message(&format!("/{}", "a".repeat(200))).contains("longer than 32 bytes"));
    }

    #[test]
    fn only_paths_below_the_base_are_stripped() {
        let base = BasePath::parse("/tools").unwrap();
        assert_eq!(base.strip("/tools"), Some("/"));
        assert_eq!(base.strip("/tools/"), Some("/"));
        assert_eq!(base.strip("/tools/cron"), Some("/cron"));
        assert_eq!(base.strip("/toolsx"), None);
        assert_eq!(base.strip("/cron"), None);
        assert_eq!(base.join("/api"), "/tools/api");
        assert_eq!(BasePath::default().strip("/cron"), Some("/cron"));
    }
}
