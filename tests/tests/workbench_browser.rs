//! Tool pages as workbenches: after the user types into a tool's main input, its result is on screen — beside the
//! input on a laptop (1280×800), right after it on a phone (390×844) — without scrolling.

use devtools_e2e::{Browser, Server, Tab, Viewport};

const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSBMb3ZlbGFjZSIsImlhdCI6MTUxNjIzOTAyMn0.Hn7e_QnrBwqRSCaRKtMVdMuM3JVzPK9BbGJeuqZsjP8";

/// The result's box as drawn: its top and bottom relative to the viewport, and the viewport's height.
async fn result_box(tab: &Tab, result: &str) -> [f64; 3] {
    tab.eval(&format!(
        "(() => {{ const r = document.querySelector({result:?}).getBoundingClientRect(); \
         return [r.top, r.bottom, window.innerHeight]; }})()"
    ))
    .await
}

/// On a laptop the result is beside the input wherever the page is scrolled; on a phone it follows the input, so
/// it is checked with the input scrolled to the top of the screen, where a phone puts the field being typed in.
async fn assert_result_in_view(
    tab: &Tab,
    page: &str,
    viewport: Viewport,
    input: &str,
    result: &str,
) {
    if viewport.mobile {
        let _: bool = tab
            .eval(&format!(
                "(document.querySelector({input:?}).scrollIntoView({{block: 'start'}}), true)"
            ))
            .await;
    }
    let [top, bottom, height] = result_box(tab, result).await;
    assert!(
        top >= 0.0 && top < height - 100.0 && bottom > top,
        "{page} at {}×{}: the result is at {top}..{bottom} of a {height} px viewport",
        viewport.width,
        viewport.height
    );
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn the_result_is_in_view_after_typing_on_a_laptop_and_a_phone() {
    let server = Server::start();
    let browser = Browser::launch().await;
    for viewport in [Viewport::DESKTOP, Viewport::PHONE] {
        let jwt = browser.open_sized(&server.url("/jwt"), viewport).await;
        jwt.paste("#jwt-token", TOKEN).await;
        jwt.wait_for("document.querySelector('#jwt-claims')").await;
        assert_result_in_view(&jwt, "/jwt", viewport, "#jwt-token", "#jwt-result").await;
        jwt.assert_clean().await;

        let color = browser.open_sized(&server.url("/color"), viewport).await;
        color.clear("#color-value").await;
        color.type_into("#color-value", "oklch(70% 0.15 150)").await;
        color
            .wait_for("document.querySelector('#color-results').textContent.includes('#4cb86a')")
            .await;
        assert_result_in_view(&color, "/color", viewport, "#color-value", "#color-results").await;
        color.assert_clean().await;

        let cron = browser.open_sized(&server.url("/cron"), viewport).await;
        cron.clear("#cron-expr").await;
        cron.type_into("#cron-expr", "5 4 * * SUN").await;
        cron.wait_for("document.querySelector('#cron-live').textContent.includes('04:05')").await;
        assert_result_in_view(&cron, "/cron", viewport, "#cron-expr", "#cron-live").await;
        cron.assert_clean().await;

        let regex = browser.open_sized(&server.url("/regex"), viewport).await;
        regex.clear("#rx-pattern").await;
        regex.type_into("#rx-pattern", "b+").await;
        regex.clear("#rx-text").await;
        regex.type_into("#rx-text", "abba").await;
        regex
            .wait_for("document.querySelector('#rx-results').textContent.includes('1 match')")
            .await;
        assert_result_in_view(&regex, "/regex", viewport, "#rx-pattern", "#rx-results").await;
        regex.assert_clean().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn without_javascript_a_submit_lands_on_the_result() {
    // The form's action names the result's anchor, so the answer page opens scrolled to it.
    let server = Server::start();
    let browser = Browser::launch().await;
    let jwt = browser.open_sized(&server.url("/jwt"), Viewport::PHONE).await;
    let action: String =
        jwt.eval("document.getElementById('jwt-form').getAttribute('action')").await;
    assert_eq!(action, "/jwt#jwt-result");
}
