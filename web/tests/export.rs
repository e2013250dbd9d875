//! `devtools export DIR` as a user runs it: every internal link and asset in every exported file resolves to a
//! file that exists, none is root-relative, and pages that need the server say so.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_devtools");

/// A fresh folder, removed when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("devtools-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { files(&path, out) } else { out.push(path) }
    }
}

/// Every `href`, `src` and `action` value in a page, with minijinja's escapes undone. Written independently of
/// the exporter's own rewriting, so a mistake there cannot hide itself here.
fn urls(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href", "src", "action", "formaction"] {
        let needle = format!("{attribute}=\"");
        for (at, _) in html.match_indices(&needle) {
            if !html[..at].ends_with(char::is_whitespace) {
                continue;
            }
            let value = &html[at + needle.len()..];
            let value = &value[..value.find('"').unwrap()];
            found.push(value.replace("&amp;", "&"));
        }
    }
    found
}

/// The start tags of a page's forms, `<form` to `>`.
fn form_tags(html: &str) -> Vec<&str> {
    html.match_indices("<form")
        .map(|(at, _)| &html[at..=at + html[at..].find('>').unwrap()])
        .filter(|tag| tag.starts_with("<form ") || tag.starts_with("<form>"))
        .collect()
}

/// Whether a start tag carries an attribute, with or without a value (`inert`, `inert=""`). The tag's double-quoted
/// values are left out first, so `class="inert"` does not count.
fn has_attribute(tag: &str, name: &str) -> bool {
    let outside_quotes: String = tag.split('"').step_by(2).collect::<Vec<_>>().join(" ");
    outside_quotes
        .trim_start_matches('<')
        .trim_end_matches('>')
        .split(|c: char| c.is_ascii_whitespace() || c == '=')
        .skip(1)
        .any(|attribute| attribute == name)
}

#[test]
fn export_writes_a_self_contained_static_site() {
    let dir = TempDir::new("export");
    let output = Command::new(BIN).arg("export").arg(&dir.0).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("wrote "));

    let mut all = Vec::new();
    files(&dir.0, &mut all);
    let pages: Vec<&PathBuf> =
        all.iter().filter(|path| path.extension() == Some("html".as_ref())).collect();
    let mut checked = 0;
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        let name = page.strip_prefix(&dir.0).unwrap().display().to_string();
        assert!(
            !html.contains("class=\"site-search\""),
            "{name}: the header search needs the server"
        );
        for url in urls(&html) {
            if url.starts_with('#') || url.starts_with("https://") || url.starts_with("http://") {
                continue;
            }
            assert!(!url.starts_with('/'), "{name}: root-relative URL {url}");
            assert!(!url.contains('?') && !url.contains(':'), "{name}: {url} needs a server");
            let file = url.split('#').next().unwrap();
            let target = page.parent().unwrap().join(file);
            assert!(target.is_file(), "{name}: {url} does not resolve to a file");
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} links checked");

    // Every status code in the reference has its page, and the home page and each tool page are there.
    let codes = devtools_http_status::all();
    for status in codes {
        assert!(
            dir.0.join(format!("http-status/{}/index.html", status.code)).is_file(),
            "{}",
            status.code
        );
    }
    for tool in devtools_web::tools::all() {
        assert!(
            dir.0.join(format!("{}/index.html", tool.meta.slug)).is_file(),
            "{}",
            tool.meta.slug
        );
    }
    // Plus any other page linked without a query (such as the API's documentation page).
    assert!(pages.len() > codes.len() + devtools_web::tools::all().len());
    let css = all.iter().filter(|path| path.extension() == Some("css".as_ref())).count();
    assert!(css >= 1, "no stylesheet exported");

    // Tools that compute on the server say so at the start of `<main>` and their forms are inert; the reference
    // pages are untouched.
    for slug in ["cron", "jwt", "regex", "color"] {
        let html = std::fs::read_to_string(dir.0.join(format!("{slug}/index.html"))).unwrap();
        let notice =
            html.find("This is a static copy.").unwrap_or_else(|| panic!("{slug}: no notice"));
        let main = html.find("<main").unwrap();
        assert!(
            main < notice && notice < html.find("<form").unwrap(),
            "{slug}: notice out of place"
        );
        let forms = form_tags(&html);
        assert!(!forms.is_empty(), "{slug}");
        assert!(forms.iter().all(|tag| has_attribute(tag, "inert")), "{slug}: {forms:?}");
        assert_eq!(
            html.matches("<script").count(),
            1,
            "{slug}: only the site-wide script, not the tool's"
        );
    }
    for page in ["index.html", "http-status/index.html", "http-status/403/index.html"] {
        let html = std::fs::read_to_string(dir.0.join(page)).unwrap();
        assert!(!html.contains("This is a static copy."), "{page}");
        let forms = form_tags(&html);
        assert!(forms.iter().all(|tag| !has_attribute(tag, "inert")), "{page}: {forms:?}");
    }
    let detail = std::fs::read_to_string(dir.0.join("http-status/403/index.html")).unwrap();
    assert!(
        detail.contains("href=\"../../http-status/401/index.html\""),
        "related codes link relatively"
    );

    // What depends on the export's clock or on a server's address is left out: cron's next runs would be stale
    // the next day, and the API's examples read the server from $DEVTOOLS.
    let cron = std::fs::read_to_string(dir.0.join("cron/index.html")).unwrap();
    assert!(!cron.contains("id=\"cron-runs\""), "the export ships runs computed at export time");
    let api = std::fs::read_to_string(dir.0.join("api/index.html")).unwrap();
    assert!(!api.contains("127.0.0.1"), "the static API page names a server address");
    assert!(api.contains("curl &quot;$DEVTOOLS&quot;"), "no curl line reads $DEVTOOLS");
    // The API document's one server is a variable for the reader's own devtools server.
    let document = std::fs::read_to_string(dir.0.join("api/openapi.json")).unwrap();
    let document: serde_json::Value = serde_json::from_str(&document).unwrap();
    assert_eq!(document["servers"][0]["url"], "{server}", "{}", document["servers"]);
}

#[test]
fn export_into_an_unwritable_place_fails_with_a_message() {
    let dir = TempDir::new("export-file");
    std::fs::write(&dir.0, "a file, not a folder").unwrap();
    let output = Command::new(BIN).arg("export").arg(&dir.0).output().unwrap();
    std::fs::remove_file(&dir.0).unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let expected =
        format!("error: export failed: {} exists and is not a directory", dir.0.display());
    assert!(stderr.starts_with(&expected), "{stderr}");
}
