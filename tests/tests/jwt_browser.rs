//! The JWT tool in headless Chromium: paste a token and see its parts coloured and decoded, verify it with a
//! secret (right, then wrong), see a malformed token explained, sign a token in the signing panel, and check
//! that no token ever reaches the address bar. No console errors and no CSP violations throughout.
//! `#[ignore]`d in the plain run: `.ci/run` installs Chromium and runs `cargo test -p devtools-e2e -- --ignored`.

use devtools_e2e::{Browser, Server};

/// HS256 over `{"sub":"1234567890","name":"Ada Lovelace","iat":1700000000,"exp":4102444800}` with the secret
/// `browser-test-secret`, made by joserfc (an independent JOSE implementation).
const TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSBMb3ZlbGFjZSIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjo0MTAyNDQ0ODAwfQ.cEKyYFXASOf53lA9qwKj0tkLsnEif8lVZ13-IovS3Us";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn paste_a_token_see_its_parts_and_verify_it_with_a_secret() {
    let server = Server::start();
    let browser = Browser::launch().await;
    let tab = browser.open(&server.url("/jwt")).await;
    assert!(
        tab.eval::<bool>("document.documentElement.classList.contains('js')").await,
        "script ran"
    );
    assert!(tab.text("#jwt-privacy").await.contains("never in a URL"));

    // Paste: the input colours the three parts, and the decoded result appears without a page load.
    tab.page.evaluate("window.__samePage = true").await.expect("mark page");
    tab.paste("#jwt-token", TOKEN).await;
    assert_eq!(
        tab.eval::<Vec<String>>(
            "[...document.querySelectorAll('#jwt-highlight .jwt-part')].map(e => e.className)"
        )
        .await,
        ["jwt-part jwt-part--header", "jwt-part jwt-part--payload", "jwt-part jwt-part--signature"]
    );
    tab.wait_for("document.querySelector('#jwt-colored .jwt-part--payload')").await;
    assert!(tab.eval::<bool>("window.__samePage === true").await, "updated in place");
    assert_eq!(
        tab.text("#jwt-colored .jwt-part--header").await,
        TOKEN.split('.').next().unwrap_or_default()
    );
    assert!(tab.text("#jwt-payload-json").await.contains("\"Ada Lovelace\""));
    assert!(tab.text("#jwt-header-json").await.contains("\"HS256\""));
    assert!(tab.text(".jwt-claims").await.contains("2100-01-01T00:00:00Z"), "exp as a UTC time");
    assert!(tab.eval::<bool>("!!document.querySelector('.jwt-verdict--not_checked')").await);
    assert!(tab.text("#jwt-time").await.contains("valid"));
    assert!(!tab.text("#jwt-signature-hex").await.is_empty());

    // Verify: the right secret, typed key by key, then a wrong one.
    tab.type_into("#jwt-key", "browser-test-secret").await;
    tab.wait_for("document.querySelector('.jwt-verdict--valid#jwt-verification')").await;
    assert!(tab.text("#jwt-verification").await.contains("HMAC secret"));
    tab.type_into("#jwt-key", "!").await;
    tab.wait_for("document.querySelector('.jwt-verdict--invalid#jwt-verification')").await;
    assert!(tab.text("#jwt-verification").await.contains("invalid_signature"));

    // A broken token is explained, with the part at fault marked.
    tab.paste("#jwt-token", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIi+Ijoi.sig").await;
    tab.wait_for("document.getElementById('jwt-decode-error')").await;
    assert!(tab.text("#jwt-decode-error").await.contains("payload is not valid base64url"));
    assert!(tab.eval::<bool>("!!document.querySelector('.jwt-part--payload.jwt-part--bad')").await);

    // Sign: the panel produces a token as the key is typed.
    tab.type_into("#jwt-sign-key", "k3y").await;
    tab.wait_for("document.querySelector('#jwt-signed-token .jwt-part--signature')").await;
    assert!(tab.text("#jwt-signed-token").await.starts_with("eyJ"));

    assert!(!tab.url().await.contains("eyJ"), "tokens never reach the URL");
    tab.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn the_example_and_the_form_post_work() {
    let server = Server::start();
    let browser = Browser::launch().await;
    let tab = browser.open(&server.url("/jwt")).await;
    tab.click_and_wait("button[value=example]").await;
    tab.wait_for("document.querySelector('.jwt-verdict--valid#jwt-verification')").await;
    assert!(tab.eval::<bool>("document.getElementById('jwt-token').value.startsWith('eyJ')").await);
    // A POST: nothing in the query string; the answer opens at the result's anchor.
    assert!(tab.url().await.ends_with("/jwt#jwt-result"), "{}", tab.url().await);
    tab.assert_clean().await;
}
