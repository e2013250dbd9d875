//! Where each URL of a page goes in a static copy: a page, a file, an image drawn from its query, or nothing (it
//! needs the server); and the relative URL that reaches it from another page's folder. No HTML here: the
//! `html` module finds the URLs and writes them back.

/// Where an internal URL goes in the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A page: `/http-status/403` is written to `http-status/403/index.html`.
    Page(String),
    /// A file under `/static/`, or a fixed JSON document such as `/api/openapi.json`, written under the same path.
    Asset(String),
    /// An image the server draws from its query (`/color/swatch.svg?value=…`), saved under a name derived from
    /// the whole URL.
    Generated(String),
    /// Needs the server (an API, a page computed from a query): the link is dropped.
    Server,
}

/// Classifies a root-relative URL (`/…`, no scheme); `None` for anything else (fragments, other sites).
pub fn classify(url: &str, attribute: &str) -> Option<Target> {
    if !url.starts_with('/') || url.starts_with("//") {
        return None;
    }
    let path = url.split('#').next().unwrap_or(url);
    let document =
        path.starts_with("/static/") || path.starts_with("/api/") && path.ends_with(".json");
    Some(if document && !path.contains('?') {
        Target::Asset(path.to_owned())
    } else if path.starts_with("/api/") {
        Target::Server
    } else if path.contains('?') {
        if attribute == "src" { Target::Generated(path.to_owned()) } else { Target::Server }
    } else {
        Target::Page(path.to_owned())
    })
}

/// A relative-path reference in the page at `page_path` (`http-status/403` in `/http-status`), resolved as a
/// browser resolves it (WHATWG URL Standard; RFC 3986 §5.2) into the root-relative URL that [`classify`] takes:
/// `/http-status/403`. Anything else (root-relative, a fragment or query alone, another scheme) is `None`: it
/// needs no resolving.
pub fn resolve(page_path: &str, url: &str) -> Option<String> {
    if url.is_empty() || url.starts_with(['/', '#', '?']) || url::Url::parse(url).is_ok() {
        return None;
    }
    // Any origin does: only the path, query and fragment are kept.
    let base = url::Url::parse("http://site.invalid").ok()?.join(page_path).ok()?;
    let resolved = base.join(url).ok()?;
    // The path, query and fragment, as serialized.
    Some(resolved[url::Position::BeforePath..].to_owned())
}

/// The file a page path is written to, relative to the export root.
pub fn page_file(path: &str) -> String {
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() { "index.html".to_owned() } else { format!("{trimmed}/index.html") }
}

/// The file an image drawn from a query is saved as: the path's extension after a hash of the whole URL.
pub fn generated_file(url: &str) -> String {
    // FNV-1a: stable across runs and platforms (std's hasher is randomly keyed and its algorithm may change), so a
    // re-export writes the same names and a static host's cache keeps them. Five lines of arithmetic do not need a
    // dependency, and nothing here is adversarial (the URLs are the site's own).
    let hash = url.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    let path = url.split('?').next().unwrap_or(url);
    let extension = path.rsplit_once('.').map_or("bin", |(_, extension)| extension);
    format!("static/generated/{hash:016x}.{extension}")
}

/// The file a target is written to, relative to the export root; `None` for [`Target::Server`].
pub fn target_file(target: &Target) -> Option<String> {
    match target {
        Target::Page(path) => Some(page_file(path)),
        Target::Asset(path) => Some(path.trim_start_matches('/').to_owned()),
        Target::Generated(url) => Some(generated_file(url)),
        Target::Server => None,
    }
}

/// The relative URL from a page written at `from_file` to `to_file` (both relative to the export root).
pub fn relative(from_file: &str, to_file: &str) -> String {
    let depth = from_file.matches('/').count();
    format!("{}{to_file}", "../".repeat(depth))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_urls() {
        assert_eq!(
            classify("/http-status/403", "href"),
            Some(Target::Page("/http-status/403".into()))
        );
        assert_eq!(classify("/#top", "href"), Some(Target::Page("/".into())));
        assert_eq!(
            classify("/static/a.1.css", "href"),
            Some(Target::Asset("/static/a.1.css".into()))
        );
        assert_eq!(classify("/api/cron", "href"), Some(Target::Server));
        let openapi = Some(Target::Asset("/api/openapi.json".into()));
        assert_eq!(classify("/api/openapi.json", "href"), openapi);
        assert_eq!(classify("/cron?expr=1", "href"), Some(Target::Server));
        assert_eq!(classify("/c/s.svg?v=1", "src"), Some(Target::Generated("/c/s.svg?v=1".into())));
        assert_eq!(classify("#main", "href"), None);
        assert_eq!(classify("https://www.rfc-editor.org/", "href"), None);
        assert_eq!(classify("//example.com/", "href"), None);
    }

    #[test]
    fn relative_references_resolve_against_the_page() {
        let resolved = |page: &str, url: &str| resolve(page, url);
        assert_eq!(resolved("/http-status", "http-status/403"), Some("/http-status/403".into()));
        assert_eq!(
            resolved("/http-status", "http-status/403#x"),
            Some("/http-status/403#x".into())
        );
        assert_eq!(resolved("/cron/reference", "../regex?a=1"), Some("/regex?a=1".into()));
        assert_eq!(resolved("/", "cron"), Some("/cron".into()));
        for unchanged in ["/cron", "#main", "?q=1", "https://example.com/x", "mailto:a@b.c", ""] {
            assert_eq!(resolved("/http-status", unchanged), None, "{unchanged}");
        }
    }

    #[test]
    fn page_files_and_relative_urls() {
        assert_eq!(page_file("/"), "index.html");
        assert_eq!(page_file("/http-status/403"), "http-status/403/index.html");
        assert_eq!(relative("http-status/403/index.html", "static/a.css"), "../../static/a.css");
        assert_eq!(relative("index.html", "cron/index.html"), "cron/index.html");
        assert!(generated_file("/color/swatch.svg?value=%23f00").ends_with(".svg"));
        assert_ne!(generated_file("/s.svg?v=1"), generated_file("/s.svg?v=2"));
    }
}
