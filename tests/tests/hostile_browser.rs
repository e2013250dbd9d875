//! Hostile input in headless Chromium: every page input of every tool, loaded with each string of the corpus in
//! `hostile/mod.rs` through its URL, submitted through its form, and typed into it as a person would while the
//! script updates the page live. After each, no payload may have run (no dialog, no `window.__pwned`, no inline
//! event handler or `javascript:` URL in the DOM, no script but the site's own), no CSP violation or console error
//! may be reported, the page must still render (`main` and `h1`), and what was typed is shown as text.
//! `#[ignore]`d in the plain run: `.ci/run` installs Chromium and runs `cargo test -p devtools-e2e -- --ignored`.
//!
//! CI's run is the short one: each page input and each JWT form field meets every [`ALWAYS`] payload and a third
//! of the others, rotated by one per input so that any three inputs together meet every payload. `just hostile`
//! (`DEVTOOLS_HOSTILE_ALL=1`) sends every payload to every input, which takes about three times as long.

mod hostile;

use chromiumoxide::cdp::browser_protocol::input::InsertTextParams;
use chromiumoxide::cdp::browser_protocol::page::{
    EventJavascriptDialogOpening, HandleJavaScriptDialogParams,
};
use devtools_e2e::{Browser, Server, Tab};
use futures::StreamExt;
use hostile::{Payload, SCRIPT, Via, corpus, form_body, inputs};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Installed before any page script: records would-be dialogs and counts the script's fetches, so a test can
/// wait until live updates have settled.
const INIT: &str = r#"
window.__dialogs = [];
for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
  window[name] = (...args) => { window.__dialogs.push(name + "(" + args.join(",") + ")"); return null; };
}
window.__fetches = 0;
window.__inflight = 0;
const realFetch = window.fetch;
window.fetch = (...args) => {
  window.__fetches++;
  window.__inflight++;
  return realFetch(...args).finally(() => { window.__inflight--; });
};
"#;

/// What must hold in the document after any input: nothing a payload carried runs or is wired up.
const UNHARMED: &str = r#"(() => {
  const found = [];
  if (window.__pwned !== undefined) found.push("window.__pwned is set");
  if (window.__dialogs.length) found.push("dialogs: " + window.__dialogs.join("; "));
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on")) found.push("handler " + el.tagName + "[" + attr.name + "]");
      if (["href", "src", "action", "formaction", "xlink:href", "data"].includes(attr.name)
          && /^\s*(javascript|data|vbscript):/i.test(attr.value) && !(el.tagName === "IMG" && /^data:image\//.test(attr.value)))
        found.push("URL " + el.tagName + "[" + attr.name + "=" + attr.value.slice(0, 40) + "]");
    }
  }
  for (const s of document.scripts) {
    if (!s.src.startsWith(location.origin + "/static/") || s.textContent.trim())
      found.push("script " + (s.src || s.textContent.slice(0, 40)));
  }
  for (const tag of ["iframe", "object", "embed", "base", "meta[http-equiv=refresh]"]) {
    if (document.querySelector(tag)) found.push("element " + tag);
  }
  const text = document.body ? document.body.innerText : "";
  for (const evaluated of ["zz49zz", "zzxxzz", "zz7777777zz"]) {
    if (text.includes(evaluated)) found.push("template evaluated: " + evaluated);
  }
  return found;
})()"#;

/// The payloads sent through a browser: all but the ones too large for a URL or for typing.
fn browser_corpus() -> Vec<Payload> {
    let mut payloads: Vec<Payload> =
        corpus().into_iter().filter(|p| hostile::encode(&p.bytes).len() < 16 * 1024).collect();
    payloads.push(Payload {
        name: "dialogs",
        bytes:
            b"\"><img src=x onerror=alert(1)><script>confirm(2)</script>'><svg/onload=prompt(3)>"
                .to_vec(),
        json: String::new(),
    });
    payloads
}

/// The payloads every input meets in the short run too: the one whose text must be shown back, and the one that
/// opens dialogs.
const ALWAYS: &[&str] = &["script tag", "dialogs"];

/// Whether the `input`th input meets the `payload`th payload in this run: all pairs with `DEVTOOLS_HOSTILE_ALL=1`,
/// otherwise [`ALWAYS`] and one payload in three, shifted by one for each input so that any three inputs together
/// meet them all.
fn sends(input: usize, payload: usize, payloads: &[Payload]) -> bool {
    std::env::var_os("DEVTOOLS_HOSTILE_ALL").is_some()
        || ALWAYS.contains(&payloads[payload].name)
        || (input + payload).is_multiple_of(3)
}

/// Dialogs Chromium was asked to open (the overrides in [`INIT`] should leave none), dismissed as they come.
async fn watch_dialogs(tab: &Tab) -> Arc<Mutex<Vec<String>>> {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let mut events =
        tab.page.event_listener::<EventJavascriptDialogOpening>().await.expect("dialog events");
    let sink = Arc::clone(&seen);
    let page = tab.page.clone();
    tokio::spawn(async move {
        while let Some(event) = events.next().await {
            sink.lock().expect("lock").push(format!("{:?}: {}", event.r#type, event.message));
            let _ = page.execute(HandleJavaScriptDialogParams::new(false)).await;
        }
    });
    seen
}

/// A tab with [`INIT`] installed and the dialog watch on, at `about:blank`.
async fn hostile_tab(browser: &Browser) -> (Tab, Arc<Mutex<Vec<String>>>) {
    let tab = browser.open("about:blank").await;
    tab.page.evaluate_on_new_document(INIT).await.expect("install init script");
    let dialogs = watch_dialogs(&tab).await;
    (tab, dialogs)
}

async fn navigate(tab: &Tab, url: &str) {
    tab.page.goto(url).await.unwrap_or_else(|e| panic!("navigate to {url}: {e}"));
    tab.wait_for("document.readyState === 'complete'").await;
}

/// Waits until the script's live updates are done: no fetch in flight and none started for a while (longer
/// than every tool's debounce).
async fn settle(tab: &Tab) {
    let mut last = -1_i64;
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let (fetches, inflight): (i64, i64) =
            tab.eval("[window.__fetches || 0, window.__inflight || 0]").await;
        if inflight == 0 && fetches == last {
            return;
        }
        last = fetches;
    }
    panic!("live updates never settled in {}", tab.url().await);
}

/// Everything [`UNHARMED`] checks, plus the page still rendering and a clean console. `seen` is how many
/// problems the tab had before this step; a 4xx page load may add the one line Chromium logs for it.
async fn assert_unharmed(
    tab: &Tab,
    dialogs: &Mutex<Vec<String>>,
    what: &str,
    seen: usize,
    allow_4xx_load: bool,
) -> usize {
    let found: Vec<String> = tab.eval(UNHARMED).await;
    assert!(found.is_empty(), "{what}: {found:#?}");
    let opened = dialogs.lock().expect("lock").clone();
    assert!(opened.is_empty(), "{what}: dialogs opened: {opened:?}");
    let renders: bool =
        tab.eval("!!document.querySelector('main') && !!document.querySelector('h1')").await;
    assert!(renders, "{what}: the page lost its main or h1");
    let problems = tab.problems().await;
    let fresh: Vec<&String> = problems
        .iter()
        .skip(seen)
        .filter(|p| {
            !(allow_4xx_load
                && p.contains("Failed to load resource: the server responded with a status of 4"))
        })
        .collect();
    // `problems()` also returns the page's own list, which starts empty on each document.
    let csp: Vec<&String> = fresh.iter().copied().filter(|p| p.contains("csp")).collect();
    assert!(csp.is_empty(), "{what}: CSP violations {csp:#?}");
    assert!(fresh.is_empty(), "{what}: console problems {fresh:#?}");
    recorded(tab).await
}

/// Problems the CDP side recorded so far (the in-page list is per document).
async fn recorded(tab: &Tab) -> usize {
    let in_page: usize = tab.eval("(window.__problems || []).length").await;
    tab.problems().await.len() - in_page
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn hostile_urls_render_inert_pages() {
    let server = Server::start();
    let browser = Browser::launch().await;
    let (tab, dialogs) = hostile_tab(&browser).await;
    let payloads = browser_corpus();
    let pages: Vec<_> = inputs()
        .into_iter()
        // Whole pages only: not the JSON API, the SVG images or a page's live-update fragment (`fragment=1`, the
        // result part alone, which has no `<main>` of its own).
        .filter(|i| {
            i.via == Via::Query
                && !i.path.starts_with("/api/")
                && !i.path.ends_with(".svg")
                && !i.with.contains("fragment=1")
        })
        .collect();
    assert!(pages.len() >= 20);
    for (input_index, input) in pages.iter().enumerate() {
        for (payload_index, payload) in payloads.iter().enumerate() {
            if !sends(input_index, payload_index, &payloads) {
                continue;
            }
            let what = format!("GET {} {} <- {}", input.path, input.field, payload.name);
            let url = server.url(&format!("{}?{}", input.path, form_body(input, payload)));
            navigate(&tab, &url).await;
            let seen = recorded(&tab).await;
            settle(&tab).await;
            assert_unharmed(&tab, &dialogs, &what, seen, true).await;
            if input.echoed && payload.name == "script tag" {
                let shown: bool = tab
                    .eval(&format!(
                        "document.body.innerText.includes({SCRIPT:?}) || [...document.querySelectorAll('input, textarea')].some(e => e.value.includes({SCRIPT:?}))"
                    ))
                    .await;
                assert!(shown, "{what}: the input is not shown back as text");
            }
        }
    }
    // Path segments.
    for payload in &payloads {
        for prefix in ["/http-status/", "/", "/static/"] {
            let what = format!("GET {prefix}<{}>", payload.name);
            navigate(&tab, &server.url(&format!("{prefix}{}", hostile::encode(&payload.bytes))))
                .await;
            let seen = recorded(&tab).await;
            assert_unharmed(&tab, &dialogs, &what, seen, true).await;
        }
    }
}

/// The POST form of the JWT page, submitted with each field set to each payload.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn hostile_form_posts_render_inert_pages() {
    let server = Server::start();
    let browser = Browser::launch().await;
    let (tab, dialogs) = hostile_tab(&browser).await;
    let fields = [
        "#jwt-token",
        "#jwt-key",
        "#jwt-iss",
        "#jwt-aud",
        "#jwt-sign-header",
        "#jwt-sign-payload",
        "#jwt-sign-key",
    ];
    let intents = ["decode", "sign", "decode_signed", "edit"];
    let payloads = browser_corpus();
    for (payload_index, payload) in payloads.iter().enumerate() {
        let text = payload.lossy();
        for (index, field) in fields.iter().enumerate() {
            if !sends(index, payload_index, &payloads) {
                continue;
            }
            let intent = intents[index % intents.len()];
            let what = format!("POST /jwt {field} intent={intent} <- {}", payload.name);
            navigate(&tab, &server.url("/jwt")).await;
            let set = format!(
                "(() => {{ const e = document.querySelector({field:?}); e.value = {text:?}; }})()",
                text = text
            );
            tab.page.evaluate(set).await.expect("set field");
            // `form.submit()` skips the script's interception: the server renders the whole page, as it does
            // for a browser without JavaScript.
            tab.page.evaluate("window.__leaving = true").await.expect("mark");
            let submit = format!(
                "(() => {{ const f = document.getElementById('jwt-form'); const i = document.createElement('input'); \
                 i.type = 'hidden'; i.name = 'intent'; i.value = {intent:?}; f.append(i); f.submit(); }})()"
            );
            tab.page.evaluate(submit).await.expect("submit");
            tab.wait_for("!window.__leaving && document.readyState === 'complete'").await;
            let seen = recorded(&tab).await;
            assert_unharmed(&tab, &dialogs, &what, seen, true).await;
        }
    }
}

/// One input a person types into, the condition that says its live update has shown up, and whether the typed
/// text is shown back somewhere other than the input itself.
struct Live {
    page: &'static str,
    field: &'static str,
}

const LIVE: &[Live] = &[
    Live { page: "/http-status", field: "#status-filter" },
    Live { page: "/", field: "#site-search" },
    Live { page: "/cron", field: "#cron-expr" },
    Live { page: "/regex", field: "#rx-pattern" },
    Live { page: "/regex?pattern=.&text=x", field: "#rx-text" },
    Live { page: "/regex?pattern=(.)&text=abc", field: "#rx-replace" },
    Live { page: "/jwt", field: "#jwt-token" },
    Live { page: "/jwt", field: "#jwt-key" },
    Live { page: "/jwt", field: "#jwt-iss" },
    Live { page: "/jwt", field: "#jwt-aud" },
    Live { page: "/jwt", field: "#jwt-sign-header" },
    Live { page: "/jwt", field: "#jwt-sign-payload" },
    Live { page: "/jwt", field: "#jwt-sign-key" },
    Live { page: "/color", field: "#color-value" },
    Live { page: "/color?fg=black&bg=white", field: "#contrast-fg" },
    Live { page: "/color?fg=black&bg=white", field: "#contrast-bg" },
];

/// What a person would type: the payloads that fit on a keyboard.
const TYPED: &[&str] = &[
    SCRIPT,
    "\"><svg onload=\"window.__pwned=1\">",
    "'><img src=x onerror=\"window.__pwned=1\">",
    "\"><img src=x onerror=alert(1)>",
    "</textarea><script>window.__pwned=1</script>",
    "javascript:window.__pwned=1//",
    "zz{{7*7}}zz {% for i in range(2) %}x{% endfor %} ${7*7}",
    "\u{202e}txt.exe <b>bold</b>",
];

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn hostile_typing_keeps_live_updates_inert() {
    let server = Server::start();
    let browser = Browser::launch().await;
    let (tab, dialogs) = hostile_tab(&browser).await;
    let jwt = r#"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"#;
    for live in LIVE {
        navigate(&tab, &server.url(live.page)).await;
        if live.page.starts_with("/jwt") && live.field != "#jwt-token" {
            // Something to verify, so that the key and claim fields have an effect.
            tab.paste("#jwt-token", jwt).await;
            settle(&tab).await;
        }
        let mut seen = recorded(&tab).await;
        for typed in TYPED {
            let what = format!("typing into {} on {} <- {typed:?}", live.field, live.page);
            tab.clear(live.field).await;
            if typed.is_ascii() {
                tab.type_into(live.field, typed).await;
            } else {
                // Characters no keyboard key makes arrive as an input method inserts them.
                tab.click(live.field).await;
                tab.page.execute(InsertTextParams::new(*typed)).await.expect("insert text");
            }
            settle(&tab).await;
            seen = assert_unharmed(&tab, &dialogs, &what, seen, false).await;
            let kept: String =
                tab.eval(&format!("document.querySelector({:?}).value", live.field)).await;
            assert!(
                kept.contains(typed) || live.field == "#site-search",
                "{what}: the input holds {kept:?}"
            );
        }
        // A large paste, in one input event.
        let pasted = SCRIPT.repeat(2_000);
        tab.paste(live.field, &pasted).await;
        settle(&tab).await;
        assert_unharmed(&tab, &dialogs, &format!("pasting 60 KB into {}", live.field), seen, false)
            .await;
    }
}
