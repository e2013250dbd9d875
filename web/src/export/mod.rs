//! `devtools export DIR`: the pages that depend on no input, as a static site.
//!
//! Pages are rendered by the real router (`crate::app()`, one request at a time, no socket), starting at `/` and
//! following every link, so the export is exactly what the server shows. Each page is then rewritten by
//! the `html` module: root-relative URLs become relative to the page's folder (`http-status/403/index.html` links to
//! `../../static/devtools.<hash>.css`, as the `urls` module works out), so the result works from `file://` and from
//! any static host or CDN; what the layout marks `data-static="drop"` (the header search) is removed, and forms that
//! need the server are made inert under a notice where the layout marks `data-static="notice"`.

mod html;
mod urls;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use urls::Target;

/// What an export wrote.
#[derive(Debug, Default)]
pub struct Summary {
    /// HTML pages written.
    pub pages: usize,
    /// Other files written (stylesheets, scripts, icons, images).
    pub files: usize,
}

/// Why an export failed.
#[derive(Debug)]
pub enum ExportError {
    /// The site could not be built.
    Site(devtools_kit::SiteError),
    /// A page or file linked from the site did not answer 200: a broken link in the site itself.
    Status {
        /// The URL.
        url: String,
        /// What it answered.
        status: StatusCode,
    },
    /// A page could not be rewritten for the static copy.
    Page {
        /// The page's URL.
        url: String,
        /// Why.
        reason: String,
    },
    /// The target exists and is not a directory.
    NotADirectory(PathBuf),
    /// Writing a file failed.
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        error: std::io::Error,
    },
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Site(error) => write!(f, "cannot build the site: {error}"),
            ExportError::Status { url, status } => write!(f, "{url} answered {status}"),
            ExportError::Page { url, reason } => write!(f, "cannot export {url}: {reason}"),
            ExportError::NotADirectory(dir) => {
                write!(
                    f,
                    "{} exists and is not a directory; give a directory to export into",
                    dir.display()
                )
            }
            ExportError::Io { path, error } => {
                write!(f, "cannot write {}: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for ExportError {}

/// Writes the static site into `dir` (created if missing; files of an earlier export are overwritten).
pub async fn export(dir: &Path) -> Result<Summary, ExportError> {
    // Checked first: otherwise the site is rendered whole before the first write fails on `dir/index.html`.
    if dir.exists() && !dir.is_dir() {
        return Err(ExportError::NotADirectory(dir.to_owned()));
    }
    let app = crate::app().map_err(ExportError::Site)?;
    let mut pages: VecDeque<String> = VecDeque::from(["/".to_owned()]);
    let mut seen: BTreeSet<String> = pages.iter().cloned().collect();
    // Files other than pages, by export path, with the URL they come from.
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    let mut summary = Summary::default();
    while let Some(path) = pages.pop_front() {
        let body = get(&app, &path).await?;
        let page = String::from_utf8_lossy(&body);
        let file = urls::page_file(&path);
        let page = html::rewrite_page(&page, |attribute, url| {
            let resolved = urls::resolve(&path, url);
            let url = resolved.as_deref().unwrap_or(url);
            let Some(target) = urls::classify(url, attribute) else { return Some(url.to_owned()) };
            let target_file = urls::target_file(&target)?;
            match &target {
                Target::Page(path) => {
                    if seen.insert(path.clone()) {
                        pages.push_back(path.clone());
                    }
                }
                Target::Asset(url) | Target::Generated(url) => {
                    files.insert(target_file.clone(), url.clone());
                }
                Target::Server => {}
            }
            let fragment = url.find('#').map_or("", |at| &url[at..]);
            Some(format!("{}{fragment}", urls::relative(&file, &target_file)))
        })
        .map_err(|error| ExportError::Page { url: path.clone(), reason: error.to_string() })?;
        write(&dir.join(&file), page.as_bytes())?;
        summary.pages += 1;
    }
    for (file, url) in &files {
        write(&dir.join(file), &get(&app, url).await?)?;
        summary.files += 1;
    }
    Ok(summary)
}

async fn get(app: &Router, url: &str) -> Result<Vec<u8>, ExportError> {
    let failed = |status| ExportError::Status { url: url.to_owned(), status };
    let request = Request::get(url)
        .extension(devtools_kit::StaticCopy)
        .body(Body::empty())
        .map_err(|_| failed(StatusCode::BAD_REQUEST))?;
    let response = app.clone().oneshot(request).await.map_err(|never| match never {})?;
    if response.status() != StatusCode::OK {
        return Err(failed(response.status()));
    }
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .map_err(|_| failed(StatusCode::INTERNAL_SERVER_ERROR))?;
    Ok(body.to_vec())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let io = |error| ExportError::Io { path: path.to_owned(), error };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    std::fs::write(path, bytes).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The old exporter looked for the literal `<main id="main" tabindex="-1">`: had the layout's `<main>` lost its
    /// `tabindex` or gained a class, tool pages would have been exported with inert forms and no word why. The
    /// real cron page, with its `<main>` start tag changed except for the marker, still gets the notice.
    #[tokio::test]
    async fn a_tool_page_gets_the_notice_whatever_else_its_main_carries() {
        let app = crate::app().unwrap();
        let page = String::from_utf8(get(&app, "/cron").await.unwrap()).unwrap();
        let start = page.find("<main").unwrap();
        let original = &page[start..=start + page[start..].find('>').unwrap()];
        assert!(original.contains("data-static=\"notice\""), "{original}");
        for main in
            ["<main data-static=\"notice\">", "<main class=\"wide\" data-static=notice id=\"top\">"]
        {
            let changed = page.replacen(original, main, 1);
            let out = html::rewrite_page(&changed, |_, url| Some(url.to_owned())).unwrap();
            assert!(out.contains(&format!("{main}{}", html::NOTICE_HTML)), "{main}");
            assert!(out.contains(" inert=\"\""), "{main}: the cron form needs the server");
        }
    }
}
