//! The static export opened from disk (`file://`) in headless Chromium: styles and scripts load through the
//! relative links, links lead to the exported pages, the status filter still works in the browser, and the tool
//! pages say that they need the server, all with no console errors. `#[ignore]`d in the plain run.

use devtools_e2e::{Browser, devtools};
use std::path::PathBuf;

/// A fresh export, removed when the test ends.
struct Export(PathBuf);

impl Export {
    fn new() -> Export {
        let dir =
            std::env::temp_dir().join(format!("devtools-export-browser-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let status = devtools().arg("export").arg(&dir).status().expect("run export");
        assert!(status.success());
        Export(dir)
    }

    fn url(&self, file: &str) -> String {
        format!("file://{}/{file}", self.0.display())
    }
}

impl Drop for Export {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const STYLED: &str =
    "getComputedStyle(document.querySelector('.site-header')).display !== 'inline'";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn browse_the_export_from_disk() {
    let export = Export::new();
    let browser = Browser::launch().await;

    let home = browser.open(&export.url("index.html")).await;
    assert!(home.eval::<bool>(STYLED).await, "the stylesheet loaded");
    assert!(
        home.eval::<bool>("document.documentElement.classList.contains('js')").await,
        "the shared script ran"
    );
    home.click_and_wait("a.card__link[href='http-status/index.html']").await;
    assert!(home.url().await.ends_with("/http-status/index.html"), "{}", home.url().await);
    home.assert_clean().await;

    let list = browser.open(&export.url("http-status/index.html")).await;
    let visible =
        "document.querySelectorAll('#status-groups [data-filter-text]:not([hidden])').length";
    list.type_into("#status-filter", "teapot").await;
    list.wait_for(&format!("{visible} === 1")).await;
    list.click_and_wait("#status-groups [data-filter-text]:not([hidden]) a").await;
    assert!(list.url().await.ends_with("/http-status/418/index.html"), "{}", list.url().await);
    assert!(list.eval::<bool>(STYLED).await);
    list.click_and_wait("a.crumbs__home").await;
    assert_eq!(list.url().await, export.url("index.html"));
    list.assert_clean().await;

    // A filtered address (a reload, a shared link, Enter in the box) filters the static list too.
    let shared = browser.open(&format!("{}?q=teapot", export.url("http-status/index.html"))).await;
    shared.wait_for(&format!("{visible} === 1")).await;
    assert_eq!(
        shared.eval::<String>("document.getElementById('status-filter').value").await,
        "teapot"
    );
    shared.assert_clean().await;

    for slug in ["cron", "jwt", "regex", "color"] {
        let tool = browser.open(&export.url(&format!("{slug}/index.html"))).await;
        assert!(
            tool.text("main .export-notice").await.contains("needs the devtools server")
                || tool.text("main .export-notice").await.contains("devtools server"),
            "{slug}"
        );
        assert!(
            tool.eval::<bool>("[...document.querySelectorAll('main form')].every(f => f.inert)")
                .await,
            "{slug}"
        );
        assert!(
            tool.eval::<bool>("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
                .await,
            "{slug}: images"
        );
        tool.assert_clean().await;
    }
}
