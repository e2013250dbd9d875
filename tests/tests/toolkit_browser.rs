//! The site-wide conveniences in headless Chromium, driven with real key presses: the header search from the
//! keyboard (`/`, Ctrl+K, arrows, Enter, Escape), every copy button on every page copying its value, and a keyboard
//! order that is the same on every page and reaches every control once. `#[ignore]`d in the plain run: `.ci/run`
//! installs Chromium and runs `cargo test -p devtools-e2e -- --ignored`.

use devtools_e2e::{Browser, Server, Tab, Viewport};
use serde::Deserialize;

/// HS256 `{"sub":"1234567890","name":"Ada Lovelace","iat":1700000000,"exp":4102444800}`, made by joserfc.
const TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSBMb3ZlbGFjZSIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjo0MTAyNDQ0ODAwfQ.cEKyYFXASOf53lA9qwKj0tkLsnEif8lVZ13-IovS3Us";

const CRON: &str = "/cron?expr=*%2F15+9-17+*+*+MON-FRI&tz=Europe%2FBerlin&count=5";
const REGEX: &str = "/regex?pattern=(%5Cd%2B)-(%5Cd%2B)&text=1-2+and+30-40&replace=%242-%241";
const COLOR: &str = "/color?value=rebeccapurple&fg=white";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn the_header_search_works_from_the_keyboard() {
    let server = Server::start();
    let browser = Browser::launch().await;
    let tab = browser.open(&server.url("/cron")).await;
    let focused = "document.activeElement && document.activeElement.id";

    // "/" from the page focuses the search box and is not typed into it.
    tab.press("/").await;
    assert_eq!(tab.eval::<String>(focused).await, "site-search");
    assert_eq!(tab.eval::<String>("document.getElementById('site-search').value").await, "");
    for key in ["t", "e", "a", "p", "o", "t"] {
        tab.press(key).await;
    }
    tab.wait_for("!document.getElementById('site-search-results').hidden").await;
    tab.wait_for("document.querySelector('#site-search-results a[href=\"/http-status/418\"]')")
        .await;
    assert_eq!(
        tab.eval::<String>("document.getElementById('site-search').getAttribute('aria-expanded')")
            .await,
        "true"
    );

    // Arrow keys move the selection (wrapping), Enter opens the selected result.
    tab.press("ArrowDown").await;
    assert_eq!(
        tab.eval::<String>(
            "document.getElementById('site-search').getAttribute('aria-activedescendant')"
        )
        .await,
        "site-search-option-0"
    );
    tab.press("ArrowUp").await;
    tab.press("ArrowDown").await;
    assert_eq!(
        tab.eval::<String>(
            "document.querySelector('[role=option][aria-selected=true] a').pathname"
        )
        .await,
        "/http-status/418"
    );
    tab.page.evaluate("window.__leaving = true").await.expect("mark page");
    tab.press("Enter").await;
    tab.wait_for("!window.__leaving && document.readyState === 'complete'").await;
    assert!(tab.url().await.ends_with("/http-status/418"), "{}", tab.url().await);
    tab.assert_clean().await;

    // Ctrl+K focuses it too, from a field where "/" would be typed; Escape closes the results.
    let list = browser.open(&server.url("/http-status")).await;
    list.click("#status-filter").await;
    list.press("/").await;
    assert_eq!(list.eval::<String>(focused).await, "status-filter", "/ types in a field");
    list.press_ctrl("k").await;
    assert_eq!(list.eval::<String>(focused).await, "site-search");
    for key in ["4", "2", "9"] {
        list.press(key).await;
    }
    list.wait_for("document.querySelector('#site-search-results a[href=\"/http-status/429\"]')")
        .await;
    list.press("Escape").await;
    list.wait_for("document.getElementById('site-search-results').hidden").await;
    list.assert_clean().await;
}

/// What one copy button copied.
#[derive(Debug, Deserialize)]
struct Copied {
    button: String,
    label: String,
    text: String,
}

/// Replaces the clipboard with a recorder (headless Chromium has no clipboard to read back), clicks every
/// visible copy button, and returns what each one copied.
async fn click_every_copy_button(tab: &Tab) -> Vec<Copied> {
    let script = r#"(async () => {
        const copied = [];
        let last = null;
        navigator.clipboard.writeText = async (text) => { last = text; };
        const buttons = [...document.querySelectorAll(".copy-button")].filter((b) => b.getClientRects().length);
        for (const button of buttons) {
            last = null;
            const name = button.dataset.label || button.textContent;
            button.click();
            await new Promise((resolve) => setTimeout(resolve, 20));
            copied.push({ button: `${name} (${button.dataset.copyTarget || (("copyUrl" in button.dataset) ? "url" : "text")})`,
                          label: button.textContent, text: last });
        }
        return copied;
    })()"#;
    let copied: Vec<Copied> = tab.eval(script).await;
    assert!(!copied.is_empty(), "no copy buttons on {}", tab.url().await);
    for c in &copied {
        assert_eq!(c.label, "Copied", "{} did not confirm", c.button);
        assert!(!c.text.trim().is_empty(), "{} copied nothing", c.button);
    }
    copied
}

fn copied<'a>(all: &'a [Copied], button: &str) -> &'a str {
    &all.iter()
        .find(|c| c.button == button)
        .unwrap_or_else(|| panic!("no button {button:?} in {all:#?}"))
        .text
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn every_copy_button_copies_its_value() {
    let server = Server::start();
    let browser = Browser::launch().await;

    let cron = browser.open(&server.url(CRON)).await;
    let all = click_every_copy_button(&cron).await;
    assert_eq!(copied(&all, "Copy link (url)"), server.url(CRON));
    assert_eq!(copied(&all, "Copy (#cron-expr)"), "*/15 9-17 * * MON-FRI");
    assert_eq!(copied(&all, "Copy (#cron-description)"), cron.text("#cron-description").await);
    let runs = copied(&all, "Copy table (#cron-runs)");
    let lines: Vec<&str> = runs.lines().collect();
    assert_eq!(lines.len(), 6, "a header and five runs: {runs}");
    assert_eq!(lines[0].split('\t').collect::<Vec<_>>(), ["#", "Local time, then UTC", "From now"]);
    // A cell that shows two lines (the local time over UTC) is one cell of one line.
    assert!(lines[1].starts_with("1\t") && lines[1].contains(" UTC\t"), "{runs}");
    assert!(copied(&all, "Copy table (#cron-fields)").contains("MON-FRI"));
    cron.assert_clean().await;

    let regex = browser.open(&server.url(REGEX)).await;
    let all = click_every_copy_button(&regex).await;
    assert_eq!(copied(&all, "Copy matches (#rx-matches-text)").lines().count(), 2);
    assert_eq!(copied(&all, "Copy result (#rx-replaced)"), "2-1 and 40-30");
    assert!(copied(&all, "Copy code (#rx-snippet)").contains("RegexBuilder::new"));
    assert!(copied(&all, "Copy table (#rx-list)").contains("30-40"));
    regex.assert_clean().await;

    let color = browser.open(&server.url(COLOR)).await;
    let all = click_every_copy_button(&color).await;
    let hex = all.iter().find(|c| c.text == "#663399");
    assert!(hex.is_some(), "the hex row copies #663399: {all:#?}");
    assert_eq!(copied(&all, "Copy (#color-nearest-name)"), "rebeccapurple");
    let palettes: Vec<&Copied> = all.iter().filter(|c| c.button == "Copy colours (text)").collect();
    assert!(palettes.len() >= 5, "{all:#?}");
    for palette in palettes {
        assert!(
            palette.text.split(' ').all(|c| c.len() == 7 && c.starts_with('#')),
            "{}",
            palette.text
        );
    }
    assert!(copied(&all, "Copy ratio (text)").ends_with(":1"));
    color.assert_clean().await;

    let status = browser.open(&server.url("/http-status/403")).await;
    let all = click_every_copy_button(&status).await;
    assert!(copied(&all, "Copy (#example-text)").contains("403 Forbidden"));
    status.assert_clean().await;

    let api = browser.open(&server.url("/api")).await;
    let all = click_every_copy_button(&api).await;
    let commands = all.iter().filter(|c| c.button.starts_with("Copy command")).count();
    assert!(commands >= 8, "{all:#?}");
    for c in all.iter().filter(|c| c.button.starts_with("Copy command")) {
        assert!(c.text.starts_with("curl "), "{}", c.text);
    }
    api.assert_clean().await;

    let jwt = browser.open(&server.url("/jwt")).await;
    jwt.paste("#jwt-token", TOKEN).await;
    jwt.wait_for("document.getElementById('jwt-signature-hex')").await;
    let all = click_every_copy_button(&jwt).await;
    assert_eq!(copied(&all, "Copy (#jwt-colored)"), TOKEN);
    let header: serde_json::Value =
        serde_json::from_str(copied(&all, "Copy (#jwt-header-json)")).expect("header JSON");
    assert_eq!(header["alg"], "HS256");
    assert!(copied(&all, "Copy (#jwt-signature-hex)").chars().all(|c| c.is_ascii_hexdigit()));
    assert!(copied(&all, "Copy table (#jwt-claims)").contains("Ada Lovelace"));
    assert!(
        !all.iter().any(|c| c.button.contains("(url)")),
        "no Copy link: a token never goes in a URL"
    );
    jwt.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn copy_link_shows_only_while_the_address_holds_state() {
    let server = Server::start();
    let browser = Browser::launch().await;
    const SHOWN: &str = "(() => { const b = document.querySelector('[data-copy-url]'); \
        return !!b && b.offsetParent !== null; })()";
    for path in ["/http-status", "/http-status/403", "/http-status/999", "/cron", "/color"] {
        let tab = browser.open(&server.url(path)).await;
        assert!(!tab.eval::<bool>(SHOWN).await, "{path}: Copy link on a page without state");
    }
    for path in ["/http-status?q=tea", CRON, COLOR] {
        let tab = browser.open(&server.url(path)).await;
        assert!(tab.eval::<bool>(SHOWN).await, "{path}: no Copy link");
    }
    // Filtering puts the filter in the address, and the button follows.
    let list = browser.open(&server.url("/http-status")).await;
    list.type_into("#status-filter", "tea").await;
    list.wait_for(SHOWN).await;
    list.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn one_header_on_every_page_at_both_sizes() {
    let server = Server::start();
    let browser = Browser::launch().await;
    let pages = [
        "/",
        "/http-status",
        "/http-status/511",
        "/http-status/999",
        CRON,
        "/jwt",
        REGEX,
        COLOR,
        "/api",
    ];
    // The innermost elements that reach past the viewport's right edge, named for the failure message.
    const WIDER_THAN_THE_PAGE: &str = "[...document.querySelectorAll('body *')].filter((e) => \
        e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && \
        ![...e.children].some((c) => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1)) \
        .slice(0, 8).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`)";
    const HEADER: &str = "(() => { const h = document.querySelector('.site-header').getBoundingClientRect(); \
        const s = document.querySelector('.site-search').getBoundingClientRect(); \
        return [Math.round(h.height), Math.round(s.top), document.documentElement.scrollWidth]; })()";
    const CRUMBS: &str = "(() => { const c = document.querySelector('.crumbs').getBoundingClientRect(); \
        const s = document.querySelector('.site-search').getBoundingClientRect(); \
        const overlap = c.left < s.right && s.left < c.right && c.top < s.bottom && s.top < c.bottom; \
        return [Math.round(c.width), overlap ? 1 : 0]; })()";
    for viewport in [Viewport::DESKTOP, Viewport::PHONE] {
        let mut first: Option<(&str, [i64; 3])> = None;
        for path in pages {
            let tab = browser.open_sized(&server.url(path), viewport).await;
            let measured: [i64; 3] = tab.eval(HEADER).await;
            // The breadcrumb keeps room of its own, clear of the search box (on a phone it once shrank to nothing
            // and ran under the search field).
            let crumbs: [i64; 2] = tab.eval(CRUMBS).await;
            assert!(
                crumbs[0] >= 120 && crumbs[1] == 0,
                "{path}: breadcrumb (width, overlaps search) {crumbs:?} at {viewport:?}"
            );
            if measured[2] > viewport.width {
                let wide: Vec<String> = tab.eval(WIDER_THAN_THE_PAGE).await;
                panic!("{path}: the page scrolls sideways at {viewport:?}; too wide: {wide:?}");
            }
            match first {
                None => first = Some((path, measured)),
                Some((at, header)) => assert_eq!(
                    measured[..2],
                    header[..2],
                    "{path}: header (height, search top) differs from {at}'s at {viewport:?}"
                ),
            }
        }
    }
}

/// One focus stop: which element, whether it is in `<main>`, and where it is drawn.
#[derive(Debug, Deserialize)]
struct Stop {
    index: i64,
    name: String,
    in_main: bool,
    top: f64,
    left: f64,
}

/// Presses Tab from the top of the page until focus leaves the document or comes round again, and returns the
/// stops along with the number of controls in `<main>` a keyboard user should be able to reach.
async fn tab_through(tab: &Tab) -> (Vec<Stop>, Vec<String>) {
    let setup = r##"(() => {
        const selector = "a[href], button, input, select, textarea, summary, [tabindex]";
        const all = [...document.querySelectorAll(selector)];
        all.forEach((el, i) => { el.dataset.kb = i; });
        window.__stops = [];
        document.addEventListener("focusin", (event) => {
            const el = event.target;
            const rect = el.getBoundingClientRect();
            const text = (el.id ? "#" + el.id : "") + " " + (el.getAttribute("aria-label") || el.textContent || el.name || "").trim().slice(0, 30);
            window.__stops.push({ index: Number(el.dataset.kb ?? -1), name: el.tagName.toLowerCase() + text,
                                  in_main: !!el.closest("main"), top: rect.top + window.scrollY, left: rect.left + window.scrollX });
        });
        const positive = all.filter((el) => el.tabIndex > 0).map((el) => el.outerHTML.slice(0, 80));
        const reachable = (el) => el.closest("main") && el.tabIndex >= 0 && !el.disabled && el.getClientRects().length
            && getComputedStyle(el).visibility !== "hidden" && !el.closest("[inert]")
            && !(el.type === "radio" && !el.checked && document.querySelector(`input[type=radio][name="${el.name}"]:checked`));
        const expected = all.filter(reachable);
        // Of a radio group with nothing checked, Tab reaches only the first.
        const seenGroups = new Set();
        const wanted = expected.filter((el) => {
            if (el.type !== "radio") return true;
            if (seenGroups.has(el.name)) return false;
            seenGroups.add(el.name);
            return true;
        });
        window.__wanted = wanted.map((el) => el.dataset.kb);
        document.activeElement && document.activeElement.blur();
        window.scrollTo(0, 0);
        return { positive, total: all.length };
    })()"##;
    #[derive(Deserialize)]
    struct Setup {
        positive: Vec<String>,
        total: usize,
    }
    let setup: Setup = tab.eval(setup).await;
    assert!(setup.positive.is_empty(), "positive tabindex breaks the order: {:?}", setup.positive);
    for _ in 0..setup.total + 2 {
        tab.press("Tab").await;
        let wrapped: bool = tab
            .eval("window.__stops.length > 1 && window.__stops.at(-1).index === window.__stops[0].index")
            .await;
        if wrapped {
            break;
        }
    }
    let stops: Vec<Stop> = tab.eval("window.__stops").await;
    let wanted: Vec<String> = tab.eval("window.__wanted").await;
    (stops, wanted)
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn the_keyboard_order_is_the_same_everywhere_and_reaches_every_control() {
    let server = Server::start();
    let browser = Browser::launch().await;
    // Each page and the first control of its own, after "Copy link" where the page has one.
    let pages = [
        ("/", None),
        ("/http-status", Some("input#status-filter")),
        ("/http-status/403", None),
        (CRON, Some("input#cron-expr")),
        ("/jwt", Some("textarea#jwt-token")),
        (REGEX, Some("textarea#rx-pattern")),
        (COLOR, Some("input#color-value")),
        ("/api", None),
        ("/search?q=gateway", Some("input#search-page-q")),
    ];
    let mut header_tail: Option<Vec<String>> = None;
    for (path, first_control) in pages {
        let tab = browser.open(&server.url(path)).await;
        let (stops, wanted) = tab_through(&tab).await;
        let names: Vec<&str> = stops.iter().map(|s| s.name.as_str()).collect();
        assert!(names[0].contains("Skip to content"), "{path}: first stop {names:?}");

        // The header: the same stops in the same order on every page once past the page's own breadcrumb.
        let header: Vec<String> =
            stops.iter().skip(1).take_while(|s| !s.in_main).map(|s| s.name.clone()).collect();
        let search = header.iter().position(|n| n.starts_with("input#site-search"));
        let search = search.unwrap_or_else(|| panic!("{path}: no search box in {header:?}"));
        assert!(header[0].contains("devtools"), "{path}: home link first: {header:?}");
        let tail = header[search..].to_vec();
        match &header_tail {
            None => header_tail = Some(tail),
            Some(first) => assert_eq!(&tail, first, "{path}: header order differs"),
        }

        // Main: "Copy link" first where the page has one, then the page's own first control.
        let main: Vec<&Stop> = stops.iter().filter(|s| s.in_main).collect();
        if let Some(first_control) = first_control {
            let at = usize::from(main[0].name.contains("Copy link"));
            assert!(
                main[at].name.starts_with(first_control),
                "{path}: expected {first_control} first in main, got {:?}",
                &main[..main.len().min(3)].iter().map(|s| &s.name).collect::<Vec<_>>()
            );
        }
        // Every control in main is reached, once.
        let reached: Vec<String> = main.iter().map(|s| s.index.to_string()).collect();
        for index in &wanted {
            let count = reached.iter().filter(|r| *r == index).count();
            let name: String = tab
                .eval(&format!(
                    "document.querySelector('[data-kb=\"{index}\"]').outerHTML.slice(0, 120)"
                ))
                .await;
            assert_eq!(count, 1, "{path}: reached {count} times: {name}");
        }
        // Focus moves the way the page reads: down, or up only into a column to the right.
        for pair in main.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(
                b.top >= a.top - 2.0 || b.left > a.left + 2.0,
                "{path}: focus jumps back from {} to {}",
                a.name,
                b.name
            );
        }
        tab.assert_clean().await;
    }
}
