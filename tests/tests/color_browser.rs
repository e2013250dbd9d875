//! The colour tool in headless Chromium: type a colour, use the picker, read formats, check contrast, apply the
//! suggested fix, swap, open a palette swatch; no console errors and no CSP violations throughout.
//! `#[ignore]`d in the plain run: `.ci/run` installs Chromium and runs `cargo test -p devtools-e2e -- --ignored`.

use devtools_e2e::{Browser, Server, Tab};

async fn format(tab: &Tab, id: &str) -> String {
    tab.text(&format!("#fmt-{id}")).await
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn convert_pick_and_check_contrast() {
    let server = Server::start();
    let browser = Browser::launch().await;
    let tab = browser.open(&server.url("/color")).await;
    assert!(
        tab.eval::<bool>("document.documentElement.classList.contains('js')").await,
        "script ran"
    );
    assert_eq!(format(&tab, "hex").await, "#663399");
    // The swatch is drawn in the page (no image request), filled with the colour and stretched to its box.
    tab.wait_for("(() => { const rect = document.querySelector('.swatch__fill rect'); return getComputedStyle(rect).fill === 'rgb(102, 51, 153)' && rect.getBoundingClientRect().width > 100; })()").await;

    // Type a colour outside sRGB: every format updates live, as the JSON API computes it.
    let typed = "oklch(70% 0.3 150)";
    let expected = server.get("/api/color?value=oklch(70%25%200.3%20150)").json();
    tab.clear("#color-value").await;
    tab.type_into("#color-value", typed).await;
    let hex = expected["css"]["hex"].as_str().unwrap().to_owned();
    tab.wait_for(&format!("document.getElementById('fmt-hex')?.textContent === '{hex}'")).await;
    assert_eq!(format(&tab, "oklch").await, expected["css"]["oklch"].as_str().unwrap());
    assert_eq!(format(&tab, "rgb").await, expected["css"]["rgb"].as_str().unwrap());
    assert!(tab.text("#gamut-flag").await.contains("outside sRGB"));
    assert_eq!(
        tab.eval::<String>("document.getElementById('color-picker').value").await,
        hex,
        "picker in sync"
    );
    assert!(tab.url().await.contains("value=oklch"), "state in the URL");

    // Use the native picker (its dialog cannot be driven; an input event is what choosing a colour sends).
    let _: bool = tab
        .eval("(() => { const p = document.getElementById('color-picker'); p.value = '#00ff00'; p.dispatchEvent(new Event('input', {bubbles: true})); return true; })()")
        .await;
    tab.wait_for("document.getElementById('fmt-hsl')?.textContent === 'hsl(120 100% 50%)'").await;
    assert_eq!(tab.eval::<String>("document.getElementById('color-value').value").await, "#00ff00");
    assert_eq!(format(&tab, "rgb").await, "rgb(0 255 0)");
    tab.wait_for(
        "document.getElementById('color-status').textContent.startsWith('#00ff00, in sRGB')",
    )
    .await;
    assert!(tab.text(".color-facts").await.contains("lime"));

    // A half-typed colour shows where it goes wrong, then recovers.
    tab.clear("#color-value").await;
    tab.type_into("#color-value", "rgb(1 2").await;
    tab.wait_for("document.getElementById('color-error')?.textContent.includes('expected 3 values, found 2')").await;
    tab.type_into("#color-value", " 3)").await;
    tab.wait_for("document.getElementById('fmt-hex')?.textContent === '#010203'").await;

    // Contrast: #777 on white fails AA; apply the suggested fix, then swap.
    tab.type_into("#contrast-fg", "#777").await;
    tab.wait_for("document.getElementById('contrast-ratio')?.textContent === '4.48'").await;
    tab.click(".suggestion a[data-fg]").await;
    tab.wait_for("document.getElementById('contrast-ratio')?.textContent === '4.54'").await;
    assert_eq!(tab.eval::<String>("document.getElementById('contrast-fg').value").await, "#767676");
    tab.click("#contrast-swap").await;
    tab.wait_for("document.getElementById('contrast-fg').value === 'white' && document.getElementById('contrast-bg').value === '#767676'").await;
    // The ratio is the same both ways round; wait for the swapped pair itself.
    tab.wait_for(
        "document.querySelector('#contrast-results .mono')?.textContent === '#ffffff on #767676'",
    )
    .await;
    assert_eq!(tab.text("#contrast-ratio").await, "4.54");

    // A palette swatch loads into the converter.
    tab.click(".swatches[aria-labelledby=palette-triadic] li:nth-child(2) a").await;
    tab.wait_for("document.getElementById('color-value').value !== '#010203'").await;
    let value: String = tab.eval("document.getElementById('color-value').value").await;
    tab.wait_for(&format!("document.getElementById('fmt-hex')?.textContent === '{value}'")).await;
    tab.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn the_form_works_as_a_plain_page_load() {
    let server = Server::start();
    let browser = Browser::launch().await;
    let tab = browser
        .open(&server.url("/color?value=hsl(200%2080%25%2040%25%20/%2050%25)&fg=&bg=black"))
        .await;
    assert_eq!(format(&tab, "hex").await, "#1481b880", "8-digit hex for a translucent colour");
    assert_eq!(format(&tab, "hsl").await, "hsl(200 80% 40% / 0.5)");
    assert!(tab.text("#contrast-results").await.contains(":1"));
    tab.wait_for("[...document.images].every(i => i.complete && i.naturalWidth > 0)").await;
    tab.assert_clean().await;
}

/// Moving one slider changes only its own coordinate: the others stay exactly as the colour has them, not as the
/// sliders round them (0.1 % lightness, 0.001 chroma, 0.1° hue) or cap them (chroma at 0.4).
#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn a_slider_changes_only_its_own_coordinate() {
    let server = Server::start();
    let browser = Browser::launch().await;
    let tab = browser.open(&server.url("/color?value=%23f84d08")).await;
    assert_eq!(format(&tab, "hex").await, "#f84d08");
    // Alpha alone: the colour keeps its exact sRGB channels (rounded sliders made it #f84d0680).
    tab.clear("#slider-a-num").await;
    tab.type_into("#slider-a-num", "50").await;
    tab.wait_for("document.getElementById('fmt-hex')?.textContent === '#f84d0880'").await;
    let value: String = tab.eval("document.getElementById('color-value').value").await;
    let query = percent_encoding::utf8_percent_encode(&value, percent_encoding::NON_ALPHANUMERIC);
    let expected = server.get(&format!("/api/color?value={query}")).json();
    assert_eq!(expected["css"]["hex"], "#f84d0880", "{value} is the colour the page shows");

    // Chroma beyond the range slider's 0.4 survives a hue move.
    let tab = browser.open(&server.url("/color?value=oklch(0.7%200.45%20150)")).await;
    tab.clear("#slider-h-num").await;
    tab.type_into("#slider-h-num", "160").await;
    tab.wait_for("document.getElementById('color-value').value.includes('160')").await;
    let value: String = tab.eval("document.getElementById('color-value').value").await;
    assert!(value.contains("0.45"), "{value}: chroma kept");
    tab.assert_clean().await;
}
