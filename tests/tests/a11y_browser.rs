//! Accessibility, as axe-core checks it: no violation of any impact on any page, in the states a user reaches
//! (first visit, a computed answer, an error), light and dark, on a laptop and on a phone.
//!
//! axe-core comes from the npm registry; `.ci/run` installs it and names its `axe.min.js` in `AXE_CORE`
//! (`npm install --prefix target/axe axe-core` then `AXE_CORE=target/axe/node_modules/axe-core/axe.min.js`).

use devtools_e2e::{Browser, Server, Viewport};

/// Every page, in the states worth checking: each tool before and after an answer and with an error.
const PAGES: &[&str] = &[
    "/",
    "/http-status",
    "/http-status?q=tea",
    "/http-status/403",
    "/http-status/999",
    "/cron",
    "/cron?expr=*%2F15+9-17+*+*+MON-FRI&tz=Europe%2FBerlin&count=5",
    "/cron?expr=61+*+*+*+*",
    // Every scheduler's translation, in code blocks that overflow on a phone (keyboard-scrollable regions).
    "/cron?expr=0+9+*+*+1-5&translate=on",
    "/cron/reference",
    "/jwt",
    "/regex",
    "/regex?pattern=(%5Cd%2B)-(%5Cd%2B)&text=1-2+and+30-40&replace=%242-%241",
    "/regex?pattern=(&text=a",
    "/color",
    "/color?value=rebeccapurple&fg=white",
    "/color?value=notacolour",
    "/api",
    "/search?q=gateway",
    "/no-such-page",
];

/// A JWT page with an answer: the token is pasted (it never goes in a URL), then the result is checked.
const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSBMb3ZlbGFjZSIsImlhdCI6MTUxNjIzOTAyMn0.Hn7e_QnrBwqRSCaRKtMVdMuM3JVzPK9BbGJeuqZsjP8";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium and axe-core; run by .ci/run"]
async fn no_axe_violation_on_any_page_light_or_dark_laptop_or_phone() {
    let path = std::env::var("AXE_CORE").expect("AXE_CORE names axe-core's axe.min.js");
    let axe = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let server = Server::start();
    let browser = Browser::launch().await;
    let mut found = Vec::new();
    for viewport in [Viewport::DESKTOP, Viewport::PHONE] {
        for dark in [false, true] {
            let look = format!(
                "{}×{}{}",
                viewport.width,
                viewport.height,
                if dark { " dark" } else { "" }
            );
            let mut check = async |tab: &devtools_e2e::Tab, page: &str| {
                if dark {
                    tab.dark().await;
                }
                for violation in tab.axe(&axe).await {
                    found.push(format!("{page} at {look}: {violation}"));
                }
            };
            for page in PAGES {
                let tab = browser.open_sized(&server.url(page), viewport).await;
                check(&tab, page).await;
            }
            let jwt = browser.open_sized(&server.url("/jwt"), viewport).await;
            jwt.paste("#jwt-token", TOKEN).await;
            jwt.wait_for("document.querySelector('#jwt-claims')").await;
            check(&jwt, "/jwt with a token").await;
        }
    }
    assert!(found.is_empty(), "{} axe violations:\n{}", found.len(), found.join("\n"));
}
