//! The foundation in headless Chromium: home, the status list with its live filter, a detail page and its links,
//! with no console errors and no CSP violations. `#[ignore]`d in the plain run: `.ci/run` installs Chromium and
//! runs `cargo test -p devtools-e2e -- --ignored`.

use devtools_e2e::{Browser, Server};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn browse_the_status_reference() {
    let server = Server::start();
    let browser = Browser::launch().await;

    let home = browser.open(&server.url("/")).await;
    assert!(
        home.eval::<bool>("document.documentElement.classList.contains('js')").await,
        "script ran"
    );
    let cards: usize = home.eval("document.querySelectorAll('.cards .card').length").await;
    assert!(cards >= 1);
    home.click_and_wait("a.card__link[href='/http-status']").await;
    assert!(home.url().await.ends_with("/http-status"));
    home.assert_clean().await;

    let list = browser.open(&server.url("/http-status")).await;
    let visible =
        "document.querySelectorAll('#status-groups [data-filter-text]:not([hidden])').length";
    let all: usize = list.eval(visible).await;
    assert!(all >= 89);
    list.type_into("#status-filter", "teapot").await;
    list.wait_for(&format!("{visible} === 1")).await;
    assert!(list.text("#filter-count").await.contains("1 match"));
    assert!(list.url().await.contains("q=teapot"), "the filter is kept in the URL");
    // The script filters on the item's own text plus its unshown words; the server on the same text: every query
    // shows the same codes with and without JavaScript.
    for query in [
        "unofficial",
        "iana: temporary",
        "payload",
        "cloudflare",
        "nginx",
        "rfc",
        "webdav",
        "'s",
        "0 c",
        "cat",
        "im a teapot",
        "I’m a TEAPOT",
        "4xx",
        "5xx gateway",
        "content-type",
        "foo",
    ] {
        let served = server.get(&format!(
            "/http-status?q={}",
            percent_encoding::utf8_percent_encode(query, percent_encoding::NON_ALPHANUMERIC)
        ));
        let without_js = served.body.matches("<li data-filter-text").count();
        // Pasted: a curly apostrophe cannot be typed key by key here.
        list.paste("#status-filter", query).await;
        let with_js: usize = list.eval(visible).await;
        assert_eq!(with_js, without_js, "{query:?}: the script and the server disagree");
    }
    list.clear("#status-filter").await;
    list.type_into("#status-filter", "gateway").await;
    list.wait_for(&format!("{visible} >= 2")).await;
    let groups_hidden: usize = list
        .eval("document.querySelectorAll('#status-groups [data-filter-group][hidden]').length")
        .await;
    assert!(groups_hidden >= 3, "classes without a match are hidden");
    list.assert_clean().await;

    let detail = browser.open(&server.url("/http-status/403")).await;
    let title = detail.eval::<String>("document.title").await;
    assert!(title.starts_with("403 Forbidden"), "{title}");
    let headings: Vec<String> = detail
        .eval("[...document.querySelectorAll('main h2')].map(h => h.textContent.trim())")
        .await;
    let expected = [
        "Detailed explanation",
        "Common causes",
        "How to fix",
        "Related HTTP headers",
        "Response example",
        "Related status codes",
    ];
    assert_eq!(headings, expected);
    detail.click_and_wait(".related-codes a[href='/http-status/401']").await;
    assert!(detail.url().await.ends_with("/http-status/401"));
    assert!(detail.text("h1").await.contains("Unauthorized"));
    detail.assert_clean().await;
}

/// The detector the other browser tests rely on: a blocked inline style and a console error are both reported.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn csp_violations_and_console_errors_are_detected() {
    let server = Server::start();
    let browser = Browser::launch().await;
    let tab = browser.open(&server.url("/")).await;
    tab.assert_clean().await;
    let _: bool = tab
        .eval("(() => { const s = document.createElement('style'); s.textContent = 'body{}'; document.head.append(s); return true; })()")
        .await;
    let _: bool = tab.eval("(() => { console.error('boom'); return true; })()").await;
    tab.wait_for("window.__problems.length >= 2").await;
    let problems = tab.problems().await;
    assert!(problems.iter().any(|p| p.contains("csp: style-src")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("console: boom")), "{problems:?}");
}
