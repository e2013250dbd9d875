//! Static assets embedded in the binary and served under content-hashed names.
//!
//! A hashed name (`devtools.3fa2c1d9.css`) changes whenever the bytes do, so responses can be cached for a year
//! without a stale stylesheet ever reaching a browser.
//!
//! Scripts and stylesheets are sent without their comments, blank lines and indentation ([`shipped`]): the files
//! keep the comments that say why the code does what it does, which were a quarter to a third of each file's bytes
//! on the wire even in brotli. Only that goes, so the code sent is the code reviewed, line for line.

use crate::precompressed::Precompressed;
use axum::body::Bytes;
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

/// A file served under `/static/`.
#[derive(Debug, Clone, Copy)]
pub struct Asset {
    /// Logical name used in templates: `asset("devtools.css")`.
    pub name: &'static str,
    /// The file's bytes, usually `include_bytes!`.
    pub body: &'static [u8],
    /// The `Content-Type` to answer with.
    pub content_type: &'static str,
}

impl Asset {
    /// A stylesheet: `Asset::css("cron.css", include_bytes!("../static/cron.css"))`.
    pub const fn css(name: &'static str, body: &'static [u8]) -> Asset {
        Asset { name, body, content_type: "text/css; charset=utf-8" }
    }

    /// A script: `Asset::js("cron.js", include_bytes!("../static/cron.js"))`.
    pub const fn js(name: &'static str, body: &'static [u8]) -> Asset {
        Asset { name, body, content_type: "text/javascript; charset=utf-8" }
    }

    /// An SVG image.
    pub const fn svg(name: &'static str, body: &'static [u8]) -> Asset {
        Asset { name, body, content_type: "image/svg+xml" }
    }
}

/// The assets of the core crate: the one stylesheet and the small shared script.
pub const CORE_ASSETS: &[Asset] = &[
    Asset::css("devtools.css", include_bytes!("../static/devtools.css")),
    Asset::js("devtools.js", include_bytes!("../static/devtools.js")),
    Asset::svg("favicon.svg", include_bytes!("../static/favicon.svg")),
];

/// An asset with its hashed file name and strong ETag.
#[derive(Debug, Clone)]
pub struct HashedAsset {
    /// The asset.
    pub asset: Asset,
    /// File name under `/static/`, with the hash inserted before the extension.
    pub file_name: String,
    /// Weak ETag, quoted.
    pub etag: String,
    /// The bytes, with their brotli coding made on first demand.
    pub(crate) body: Arc<Precompressed>,
}

/// Every asset by logical name and by hashed file name.
#[derive(Debug, Clone, Default)]
pub struct AssetTable {
    by_file: HashMap<String, HashedAsset>,
    url_by_name: HashMap<&'static str, String>,
}

impl AssetTable {
    /// Hashes and indexes the assets. A later asset with the same logical name replaces an earlier one.
    pub fn new<'a>(assets: impl IntoIterator<Item = &'a Asset>) -> Self {
        let mut table = AssetTable::default();
        for asset in assets {
            let body = shipped(asset);
            let digest = Sha256::digest(&body);
            let hash = hex::encode(&digest[..6]);
            let file_name = match asset.name.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
                None => format!("{}.{hash}", asset.name),
            };
            table.url_by_name.insert(asset.name, format!("/static/{file_name}"));
            // Weak: the compression layer serves it in several content codings (RFC 9110 §8.8.3).
            let etag = format!("W/\"{hash}\"");
            let body = Arc::new(Precompressed::new(body));
            table
                .by_file
                .insert(file_name.clone(), HashedAsset { asset: *asset, file_name, etag, body });
        }
        table
    }

    /// The URL of an asset by logical name.
    pub fn url(&self, name: &str) -> Option<&str> {
        self.url_by_name.get(name).map(String::as_str)
    }

    /// The asset served at `/static/{file_name}`.
    pub fn by_file_name(&self, file_name: &str) -> Option<&HashedAsset> {
        self.by_file.get(file_name)
    }

    /// The asset whose file name is `file_name` with another content hash (`devtools.0123456789ab.css` for
    /// `devtools.css`): what another version of the site named it. During a rolling update a page from one version
    /// may ask a server of the other for its assets; answering with this version's bytes (never cached under that
    /// name) keeps the page styled and working where a 404 would leave it bare.
    pub fn by_other_version(&self, file_name: &str) -> Option<&HashedAsset> {
        let (rest, ext) = file_name.rsplit_once('.')?;
        let (stem, hash) = rest.rsplit_once('.')?;
        let hashed =
            hash.len() == 12 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if !hashed {
            return None;
        }
        let url = self.url_by_name.get(format!("{stem}.{ext}").as_str())?;
        self.by_file_name(url.strip_prefix("/static/")?)
    }

    /// Every asset, for export.
    pub fn iter(&self) -> impl Iterator<Item = &HashedAsset> {
        self.by_file.values()
    }
}

/// The bytes sent for `asset`: a script without its whole-line `//` comments, a stylesheet without its `/* … */`
/// comments, and either without blank lines and leading whitespace; anything else as it is.
///
/// Written by hand rather than with a minifier crate (oxc, lightningcss): a minifier rewrites the code and brings
/// a JavaScript or CSS compiler into the build, where this removes only what cannot change what the code does.
/// Its one assumption, that a script has no string or template literal running over several lines (whose lines
/// this would change), is checked for every tool's script by the host's tests ([`multi_line_literal`]).
pub fn shipped(asset: &Asset) -> Bytes {
    let Ok(text) = std::str::from_utf8(asset.body) else {
        return Bytes::from_static(asset.body);
    };
    // A script's comments are dropped line by line below; a stylesheet's can span lines, so they go first.
    let (text, line_comment) = match asset.content_type {
        script if script.starts_with("text/javascript") => (Cow::Borrowed(text), Some("//")),
        css if css.starts_with("text/css") => (Cow::Owned(without_css_comments(text)), None),
        _ => return Bytes::from_static(asset.body),
    };
    let mut out = String::with_capacity(text.len());
    for line in text.lines().map(str::trim_start) {
        if line.is_empty() || line_comment.is_some_and(|marker| line.starts_with(marker)) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    Bytes::from(out)
}

/// `css` without its comments. A CSS comment cannot nest and cannot start inside a string (CSS Syntax 3 §4.3.2),
/// and a string cannot run over a line, so a scan that skips strings finds every comment.
fn without_css_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while !rest.is_empty() {
        let next = rest.find(['/', '"', '\'']).unwrap_or(rest.len());
        out.push_str(&rest[..next]);
        rest = &rest[next..];
        if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |end| &after[end + 2..]);
        } else if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            // The string up to its closing quote (an escaped quote does not close it), kept whole.
            let mut end = 1;
            let mut escaped = false;
            for (at, c) in rest.char_indices().skip(1) {
                end = at + c.len_utf8();
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == quote || c == '\n' {
                    break;
                }
            }
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else if !rest.is_empty() {
            out.push('/');
            rest = &rest[1..];
        }
    }
    out
}

/// The first line (1-based) of `script` where a string or template literal may run over into the next line: a line
/// with an odd number of backticks in its code (before a ` // ` comment), which [`shipped`] would change.
pub fn multi_line_literal(script: &str) -> Option<usize> {
    script.lines().enumerate().find_map(|(index, line)| {
        let code = line.trim_start();
        if code.starts_with("//") {
            return None;
        }
        let code = code.split(" // ").next().unwrap_or(code);
        (code.matches('`').count() % 2 == 1 || code.ends_with('\\')).then_some(index + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_go_without_comment_lines_blank_lines_and_indentation() {
        let script = Asset::js(
            "a.js",
            b"// why\n\"use strict\";\n(() => {\n  // more\n  const a = \"//x\"; // kept\n\n  b();\n})();",
        );
        assert_eq!(
            &shipped(&script)[..],
            b"\"use strict\";\n(() => {\nconst a = \"//x\"; // kept\nb();\n})();\n"
        );
    }

    #[test]
    fn stylesheets_go_without_comments_even_over_several_lines_but_keep_strings() {
        let css = Asset::css(
            "a.css",
            b"/* one\n   two */\na { b: c; } /* after */\n  d::before { content: \"/* not a comment */\"; }\ne { f: url('x/*y') }\n",
        );
        assert_eq!(
            std::str::from_utf8(&shipped(&css)).unwrap(),
            "a { b: c; } \nd::before { content: \"/* not a comment */\"; }\ne { f: url('x/*y') }\n"
        );
    }

    #[test]
    fn other_assets_go_as_they_are() {
        let svg = Asset::svg("a.svg", b"<svg>\n  <!-- x -->\n</svg>\n");
        assert_eq!(&shipped(&svg)[..], svg.body);
    }

    #[test]
    fn a_literal_over_several_lines_is_found() {
        assert_eq!(multi_line_literal("a();\nconst t = `one\ntwo`;\n"), Some(2));
        assert_eq!(multi_line_literal("const s = \"a\\\nb\";\n"), Some(1));
        assert_eq!(multi_line_literal("const t = `x`; // the `y`\n// a `z\n"), None);
    }

    #[test]
    fn the_kits_own_script_can_be_shipped() {
        for asset in CORE_ASSETS.iter().filter(|asset| asset.name.ends_with(".js")) {
            let script = std::str::from_utf8(asset.body).unwrap();
            assert_eq!(multi_line_literal(script), None, "{}", asset.name);
            assert!(shipped(asset).len() < asset.body.len(), "{}", asset.name);
        }
    }

    #[test]
    fn names_carry_a_content_hash() {
        let table = AssetTable::new(CORE_ASSETS);
        let url = table.url("devtools.css").unwrap();
        assert!(url.starts_with("/static/devtools.") && url.ends_with(".css"), "{url}");
        let file = url.trim_start_matches("/static/");
        assert_eq!(table.by_file_name(file).unwrap().asset.name, "devtools.css");
        assert!(table.url("missing.css").is_none());
    }

    #[test]
    fn another_versions_name_finds_the_asset_by_its_logical_name() {
        let table = AssetTable::new(&[Asset::css("devtools.css", b"a{}"), Asset::js("x.js", b"1")]);
        let current = table.url("devtools.css").unwrap().strip_prefix("/static/").unwrap();
        let other = table.by_other_version("devtools.0123456789ab.css").unwrap();
        assert_eq!(other.file_name, current);
        for name in [
            "devtools.css",
            "devtools.0123456789AB.css",
            "devtools.0123.css",
            "devtools.0123456789ab.js",
            "nothing.0123456789ab.css",
        ] {
            assert!(table.by_other_version(name).is_none(), "{name}");
        }
    }

    #[test]
    fn different_bytes_give_different_names() {
        let a = Asset { name: "a.js", body: b"1", content_type: "text/javascript" };
        let b = Asset { name: "a.js", body: b"2", content_type: "text/javascript" };
        assert_ne!(AssetTable::new([&a]).url("a.js"), AssetTable::new([&b]).url("a.js"));
    }
}
