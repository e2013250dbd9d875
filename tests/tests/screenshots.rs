//! Screenshots of every tool page for a reviewer to look at: each page as a user first sees it and with an answer,
//! on a laptop (1280×800) and a phone (390×844), light and dark, the whole page in one PNG each.
//!
//! `just screenshots` (or `cargo test -p devtools-e2e --test screenshots -- --ignored`) writes them to
//! `target/screenshots/`, named `<page>-<size>-<scheme>.png`.

use chromiumoxide::page::ScreenshotParams;
use devtools_e2e::{Browser, Server, Viewport};
use std::path::PathBuf;

/// Each page worth a look, by file name.
const PAGES: &[(&str, &str)] = &[
    ("home", "/"),
    ("http-status", "/http-status"),
    ("http-status-418", "/http-status/418"),
    ("cron", "/cron?expr=*%2F15+9-17+*+*+MON-FRI&tz=Europe%2FBerlin&count=5"),
    ("cron-error", "/cron?expr=61+*+*+*+*"),
    ("jwt", "/jwt"),
    ("regex", "/regex?pattern=(%5Cd%2B)-(%5Cd%2B)&text=1-2+and+30-40&replace=%242-%241"),
    ("color", "/color?value=rebeccapurple&fg=white"),
    ("api", "/api"),
];

/// A token to show the JWT page with an answer (it is pasted: a token never goes in a URL).
const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSBMb3ZlbGFjZSIsImlhdCI6MTUxNjIzOTAyMn0.Hn7e_QnrBwqRSCaRKtMVdMuM3JVzPK9BbGJeuqZsjP8";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes screenshots for a reviewer: `just screenshots`"]
async fn screenshots_of_every_page_at_both_sizes_and_schemes() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&dir).expect("create target/screenshots");
    let server = Server::start();
    let browser = Browser::launch().await;
    let mut written = 0;
    for (size, viewport) in [("laptop", Viewport::DESKTOP), ("phone", Viewport::PHONE)] {
        for dark in [false, true] {
            let scheme = if dark { "dark" } else { "light" };
            for (name, path) in PAGES.iter().copied().chain([("jwt-token", "/jwt")]) {
                let tab = browser.open_sized(&server.url(path), viewport).await;
                if dark {
                    tab.dark().await;
                }
                if name == "jwt-token" {
                    tab.paste("#jwt-token", TOKEN).await;
                    tab.wait_for("document.querySelector('#jwt-claims')").await;
                }
                let file = dir.join(format!("{name}-{size}-{scheme}.png"));
                let params = ScreenshotParams::builder().full_page(true).build();
                tab.page.save_screenshot(params, &file).await.expect("screenshot");
                written += 1;
            }
        }
    }
    println!("wrote {written} screenshots to {}", dir.display());
    assert_eq!(written, (PAGES.len() + 1) * 4);
}
