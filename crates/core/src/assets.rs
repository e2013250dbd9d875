//! Static assets embedded in the binary and served under content-hashed names.
//!
//! A hashed name (`devtools.3fa2c1d9.css`) changes whenever the bytes do, so responses can be cached for a year
//! without a stale stylesheet ever reaching a browser.

use crate::precompressed::Precompressed;
use axum::body::Bytes;
use sha2::{Digest, Sha256};
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
            let digest = Sha256::digest(asset.body);
            let hash = hex::encode(&digest[..6]);
            let file_name = match asset.name.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
                None => format!("{}.{hash}", asset.name),
            };
            table.url_by_name.insert(asset.name, format!("/static/{file_name}"));
            // Weak: the compression layer serves it in several content codings (RFC 9110 §8.8.3).
            let etag = format!("W/\"{hash}\"");
            let body = Arc::new(Precompressed::new(Bytes::from_static(asset.body)));
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

    /// Every asset, for export.
    pub fn iter(&self) -> impl Iterator<Item = &HashedAsset> {
        self.by_file.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn different_bytes_give_different_names() {
        let a = Asset { name: "a.js", body: b"1", content_type: "text/javascript" };
        let b = Asset { name: "a.js", body: b"2", content_type: "text/javascript" };
        assert_ne!(AssetTable::new([&a]).url("a.js"), AssetTable::new([&b]).url("a.js"));
    }
}
