//! The regex tester in headless Chromium: type a pattern and a text and see the matches highlighted with each
//! group in its own colour, the match list and the substitution update in place, with the test kept in the
//! address's fragment only; point at an explanation line and see its part of the pattern marked; break the pattern
//! and see the error marked; switch to the fancy flavour for a backreference; open an example link
//! (server-rendered, the no-JavaScript path) and a link with a test in its fragment. No console errors and no CSP
//! violations throughout.
//! `#[ignore]`d in the plain run: `.ci/run` installs Chromium and runs `cargo test -p devtools-e2e -- --ignored`.

use devtools_e2e::{Browser, Server};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn type_a_pattern_see_groups_substitution_and_explanation() {
    let server = Server::start();
    let browser = Browser::launch().await;
    let tab = browser.open(&server.url("/regex")).await;
    assert!(
        tab.eval::<bool>("document.documentElement.classList.contains('js')").await,
        "script ran"
    );
    tab.page.evaluate("window.__samePage = true").await.expect("mark page");

    tab.paste("#rx-text", "née 12-ab, 3-c and 4-").await;
    tab.type_into("#rx-pattern", r"(\d+)-(?<word>[a-z]+)").await;
    tab.wait_for("document.querySelectorAll('#rx-highlight mark.rx-g1').length === 2").await;
    assert!(tab.eval::<bool>("window.__samePage === true").await, "updated in place");
    assert_eq!(
        tab.eval::<Vec<String>>("[...document.querySelectorAll('#rx-highlight mark')].map(m => m.className + ':' + m.textContent)").await,
        [
            "rx-m rx-m0 rx-g1:12",
            "rx-m rx-m0 rx-g0:-",
            "rx-m rx-m0 rx-g2:ab",
            "rx-m rx-m1 rx-g1:3",
            "rx-m rx-m1 rx-g0:-",
            "rx-m rx-m1 rx-g2:c",
        ]
    );
    assert!(tab.text("#rx-summary").await.contains("2 matches."));
    assert_eq!(tab.eval::<usize>("document.querySelectorAll('.rx-list tbody tr').length").await, 2);
    let list = tab.text(".rx-list").await;
    assert!(list.contains("word") && list.contains("ab"), "{list}");
    // Byte and character offsets differ after the two-byte "é".
    assert!(list.contains("5–10") && list.contains("4–9"), "{list}");

    tab.type_into("#rx-replace", "${word}=$1").await;
    tab.wait_for("document.getElementById('rx-replaced')").await;
    tab.wait_for("document.getElementById('rx-replaced').textContent === 'née ab=12, c=3 and 4-'")
        .await;

    // The state is in the address's fragment, never in its query (a fragment never reaches a server), and the
    // text is not in the address at all: it is typed by the user, may be a secret, and the address goes into the
    // browser's history. Only the links the user asks for carry it: "Link to this test" and "Copy link".
    let url = tab.eval::<String>("window.location.href").await;
    let (before_fragment, fragment) = url.split_once('#').expect("a fragment");
    assert!(!before_fragment.contains('?'), "{url}");
    assert!(fragment.contains("pattern=") && fragment.contains("replace="), "{url}");
    assert!(!fragment.contains("text=") && !url.contains("n%C3%A9e"), "{url}");
    for link in [
        "document.getElementById('rx-share-link').href",
        "document.querySelector('.share-link .copy-button').dataset.copyText",
    ] {
        let link = tab.eval::<String>(link).await;
        let (_, fragment) = link.split_once('#').expect("a fragment");
        assert!(fragment.contains("text=n%C3%A9e") && fragment.contains("pattern="), "{link}");
    }
    assert!(
        tab.eval::<bool>("!document.querySelector('.share-link').hidden").await,
        "Copy link shown"
    );

    // Pointing at an explanation line marks its part of the pattern.
    tab.page
        .evaluate("document.querySelector('.rx-node[data-start=\"6\"]').dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))")
        .await
        .expect("hover");
    assert_eq!(tab.text("#rx-pattern-view mark.rx-pv").await, "(?<word>[a-z]+)");
    assert!(
        tab.text(".rx-node[data-start=\"6\"]").await.contains("Named capturing group \"word\"")
    );

    // A broken pattern: the error is shown with its span marked, and the input is flagged.
    tab.type_into("#rx-pattern", "(").await;
    tab.wait_for("document.querySelector('.rx-error-span')").await;
    assert!(tab.text("#rx-error").await.contains("invalid_pattern"));
    assert!(
        tab.eval::<bool>(
            "document.getElementById('rx-pattern').getAttribute('aria-invalid') === 'true'"
        )
        .await
    );

    // The fancy flavour: a backreference.
    tab.clear("#rx-pattern").await;
    tab.type_into("#rx-pattern", r"(\w)\1").await;
    tab.click("input[name=flavor][value=fancy]").await;
    tab.clear("#rx-replace").await;
    tab.paste("#rx-text", "book keeper").await;
    tab.wait_for("document.querySelectorAll('#rx-highlight mark.rx-g1').length === 2 && !!document.querySelector('.rx-kind-backreference')").await;
    assert_eq!(tab.text("#rx-matches-text").await, "oo\nee");
    let url = tab.eval::<String>("window.location.href").await;
    assert!(
        url.split_once('#').is_some_and(|(_, fragment)| fragment.contains("flavor=fancy")),
        "{url}"
    );
    tab.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn a_link_with_the_test_in_its_fragment_restores_it() {
    let server = Server::start();
    let browser = Browser::launch().await;
    let tab =
        browser.open(&server.url("/regex#pattern=(%5Cw)%5C1&text=book+keeper&flavor=fancy")).await;
    tab.wait_for("document.querySelectorAll('#rx-highlight mark.rx-g1').length === 2").await;
    assert_eq!(tab.eval::<String>("document.getElementById('rx-text').value").await, "book keeper");
    assert!(
        tab.eval::<bool>("document.querySelector('input[name=flavor][value=fancy]').checked").await
    );
    assert_eq!(tab.text("#rx-matches-text").await, "oo\nee");
    // Restored, the test stays out of the address but for its text.
    let url = tab.url().await;
    assert!(url.contains("pattern=") && !url.contains("book"), "{url}");
    tab.assert_clean().await;
}

/// A page rendered from a query (a link made without JavaScript): the script moves the test into the fragment,
/// the text out of the address, and makes the link to the test a fragment link.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn a_query_link_moves_into_the_fragment_without_the_text() {
    let server = Server::start();
    let browser = Browser::launch().await;
    let tab = browser
        .open(
            &server.url("/regex?flags=&flavor=fancy&pattern=(%5Cw)%5C1&replace=&text=book+keeper"),
        )
        .await;
    assert_eq!(tab.text("#rx-matches-text").await, "oo\nee");
    tab.wait_for("location.hash.includes('pattern=')").await;
    let url = tab.url().await;
    assert!(!url.contains('?') && !url.contains("book"), "{url}");
    let link = tab.eval::<String>("document.getElementById('rx-share-link').href").await;
    assert!(link.contains("/regex#") && link.contains("text=book"), "{link}");
    tab.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn an_example_link_renders_on_the_server() {
    let server = Server::start();
    let browser = Browser::launch().await;
    let tab = browser.open(&server.url("/regex")).await;
    tab.click_and_wait(".rx-examples li:nth-child(2) a").await;
    // The example's short address stays while the test is the example's.
    assert!(tab.url().await.ends_with("/regex?example=iso-date"), "{}", tab.url().await);
    assert!(tab.text("#rx-summary").await.contains("2 matches."));
    assert_eq!(
        tab.text("#rx-replaced").await,
        "Released 17.05.2024, patched 03.01.2025; 2024-13-01 is no date."
    );
    assert!(
        tab.eval::<usize>("document.querySelectorAll('#rx-highlight mark.rx-g3').length").await
            >= 2
    );
    // Edited, the test moves into the fragment, which never reaches the server, but for its text, which only the
    // link to the test carries.
    tab.type_into("#rx-text", " 2025-02-03").await;
    tab.wait_for("location.hash.includes('pattern=')").await;
    let url = tab.url().await;
    assert!(!url.contains('?') && !url.contains("2025-02-03"), "{url}");
    tab.wait_for("document.getElementById('rx-share-link').href.includes('2025-02-03')").await;
    tab.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn the_flags_follow_the_flavour() {
    let server = Server::start();
    let browser = Browser::launch().await;
    let tab = browser.open(&server.url("/regex")).await;
    tab.paste("#rx-text", "a😀b").await;
    tab.type_into("#rx-pattern", "b").await;
    tab.wait_for("document.querySelectorAll('#rx-highlight mark').length === 1").await;
    assert!(!tab.eval::<bool>("!!document.querySelector('input[name=flags][value=u]')").await);
    tab.click("input[name=flavor][value=ecmascript]").await;
    tab.wait_for("document.getElementById('rx-flags').dataset.flavor === 'ecmascript'").await;
    let letters = tab
        .eval::<String>(
            "[...document.querySelectorAll('#rx-flags input')].map(i => i.value).join('')",
        )
        .await;
    assert_eq!(letters, "dgimsuvy");
    // The new boxes belong to the form: checking one reruns the test with it (sticky: a match must start where
    // the last ended, here at 0, so `b` no longer matches).
    tab.click("input[name=flags][value=y]").await;
    tab.wait_for("document.querySelectorAll('#rx-highlight mark').length === 0").await;
    assert!(tab.url().await.contains("flags=y"), "{}", tab.url().await);
    tab.click("input[name=flavor][value=pcre2]").await;
    tab.wait_for("document.getElementById('rx-flags').dataset.flavor === 'pcre2'").await;
    tab.assert_clean().await;
}
