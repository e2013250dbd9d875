//! Handler tests through the kit's `oneshot` helpers: the page with and without input, its live-update
//! fragments, the JSON shapes, errors, the SVG swatches, and the API examples against the page.

use super::{api_doc, tool};
use axum::Router;
use axum::http::{HeaderMap, StatusCode, header};
use devtools_kit::{PageRequest, Site};
use serde_json::{Value, json};

fn app() -> Router {
    Site::router(vec![tool()]).unwrap()
}

async fn get(path: &str) -> (StatusCode, HeaderMap, String) {
    let reply = devtools_kit::testing::get(&app(), path).await;
    (reply.status, reply.headers, reply.body)
}

async fn get_json(path: &str) -> (StatusCode, Value) {
    let reply = devtools_kit::testing::get(&app(), path).await;
    assert_eq!(reply.header(header::CONTENT_TYPE), "application/json", "{path}");
    (reply.status, reply.json())
}

#[tokio::test]
async fn api_color_has_exactly_the_specified_fields() {
    let (status, body) = get_json("/api/color?value=%23ff0000").await;
    assert_eq!(status, StatusCode::OK);
    let keys: Vec<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = vec![
        "input",
        "alpha",
        "in_gamut",
        "hex",
        "hex8",
        "srgb",
        "rgb",
        "hsl",
        "hwb",
        "hsv",
        "cmyk",
        "lab",
        "lch",
        "oklab",
        "oklch",
        "xyz",
        "css",
        "name",
        "nearest_name",
        "luminance",
        "contrast",
    ];
    let mut keys_sorted = keys.clone();
    keys_sorted.sort_unstable();
    expected.sort_unstable();
    assert_eq!(keys_sorted, expected);
    let mut css: Vec<&str> = body["css"].as_object().unwrap().keys().map(String::as_str).collect();
    css.sort_unstable();
    assert_eq!(css, ["hex", "hsl", "hwb", "lab", "lch", "oklab", "oklch", "rgb"]);
    assert_eq!(body["input"], "#ff0000");
    assert_eq!(body["hex"], "#ff0000");
    assert_eq!(body["hex8"], "#ff0000ff");
    assert_eq!(body["rgb"], json!([255, 0, 0]));
    assert_eq!(body["srgb"], json!([1.0, 0.0, 0.0]));
    assert_eq!(body["hsl"], json!([0.0, 100.0, 50.0]));
    assert_eq!(body["cmyk"], json!([0.0, 100.0, 100.0, 0.0]));
    assert_eq!(body["name"], "red");
    assert_eq!(body["nearest_name"], "red");
    assert_eq!(body["in_gamut"], true);
    assert_eq!(
        body["contrast"],
        json!({"white": 4.0, "black": 5.25,
            "white_level": {"normal": null, "large": "AA"},
            "black_level": {"normal": "AA", "large": "AAA"}})
    );
    assert_eq!(body["css"]["oklch"], "oklch(0.62796 0.25768 29.234)");
}

#[tokio::test]
async fn api_color_reports_powerless_hues_as_null_and_out_of_gamut_colours() {
    let (_, grey) = get_json("/api/color?value=gray").await;
    assert_eq!(grey["hsl"][0], Value::Null);
    assert_eq!(grey["hwb"][0], Value::Null);
    assert_eq!(grey["lch"][2], Value::Null);
    assert_eq!(grey["oklch"][2], Value::Null);
    assert_eq!(grey["css"]["hsl"], "hsl(none 0% 50.2%)");

    let (_, wide) = get_json("/api/color?value=color(display-p3%201%200%200)").await;
    assert_eq!(wide["in_gamut"], false);
    assert_eq!(wide["name"], Value::Null);
    assert_eq!(wide["rgb"], json!([255, 11, 12]), "gamut-mapped, not clipped to pure red");
}

#[tokio::test]
async fn api_errors_are_400_invalid_color_with_field_and_position() {
    let (status, body) = get_json("/api/color?value=rgb(255%200)").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_color");
    assert_eq!(body["message"], "value: rgb(): expected 3 values, found 2");
    assert_eq!(body["field"], "value");

    let (status, body) = get_json("/api/color?value=grean").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["message"], "value: unknown colour name \"grean\" (did you mean \"green\"?)");
    assert_eq!(body["position"], 0);

    let (status, body) = get_json("/api/color").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_color");

    let (status, body) = get_json("/api/color/contrast?bg=%23000").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["field"], "fg");
    let (status, body) = get_json("/api/color/contrast?fg=%23000&bg=nope").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["field"], "bg");
}

#[tokio::test]
async fn api_contrast_defaults_the_background_to_white_as_the_page_does() {
    let (_, on_white) = get_json("/api/color/contrast?fg=%23767676&bg=white").await;
    for uri in ["/api/color/contrast?fg=%23767676", "/api/color/contrast?fg=%23767676&bg=%20"] {
        let (status, body) = get_json(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(body, on_white, "{uri}");
    }
    let (_, _, html) = get("/color?fg=%23767676").await;
    assert!(html.contains("#767676 on #ffffff"), "the page checks on white too");
}

#[tokio::test]
async fn api_contrast_gives_ratio_verdicts_and_a_fix() {
    let (status, body) = get_json("/api/color/contrast?fg=%23767676&bg=white").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({"ratio": 4.54, "aa": {"normal": true, "large": true}, "aaa": {"normal": false, "large": true},
            "level": {"normal": "AA", "large": "AAA"}, "suggestion": null})
    );
    let (_, failing) = get_json("/api/color/contrast?fg=%23777&bg=%23fff").await;
    assert_eq!(failing["ratio"], 4.48);
    assert_eq!(failing["aa"]["normal"], false);
    assert_eq!(failing["suggestion"]["hex"], "#767676");
    assert_eq!(failing["suggestion"]["direction"], "darker");
}

#[tokio::test]
async fn the_highest_level_passed_is_shown_on_the_page() {
    // Navy on white is 16.01:1 and blue 8.59:1: AAA, not "AA".
    let (_, _, html) = get("/color?value=blue&fg=navy").await;
    assert!(
        html.contains("<dt>on white</dt><dd>8.59:1 <span class=\"badge badge--ok\">AAA</span>"),
        "{html}"
    );
    assert!(
        html.contains("<span id=\"contrast-level\"><span class=\"badge badge--ok\">AAA</span>"),
        "{html}"
    );
    let (_, body) = get_json("/api/color/contrast?fg=navy").await;
    assert_eq!(body["level"], json!({"normal": "AAA", "large": "AAA"}));
}

#[tokio::test]
async fn each_format_is_shown_once_and_keeps_the_alpha() {
    let (_, _, html) = get("/color?value=%23ff000080").await;
    assert!(html.contains("<code id=\"fmt-hex\">#ff000080</code>"), "{html}");
    assert!(!html.contains("fmt-hex8"), "no second row with the same 8 digits");
    assert!(html.contains("<code id=\"fmt-hsv\">hsv(0 100% 100% / 0.502)</code>"), "{html}");
    assert!(html.contains("<code id=\"fmt-cmyk\">device-cmyk(0% 100% 100% 0% / 0.502)</code>"));
    let (_, _, html) = get("/color?value=%23ff0000ff").await;
    assert!(html.contains("<code id=\"fmt-hex\">#ff0000</code>"));
    assert!(html.contains("<code id=\"fmt-hex8\">#ff0000ff</code>"));
    assert!(html.contains("<code id=\"fmt-hsv\">hsv(0 100% 100%)</code>"));
}

#[tokio::test]
async fn api_palettes() {
    let (status, body) = get_json("/api/color/palettes?value=red").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["tints"].as_array().unwrap().len(), 5);
    assert_eq!(body["triadic"][0]["hex"], "#ff0000");
}

#[tokio::test]
async fn page_renders_every_part_without_input() {
    let (status, headers, html) = get("/color").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.contains_key(header::ETAG));
    for part in [
        "<form id=\"color-form\" method=\"get\" action=\"/color#color-results\"",
        "type=\"color\"",
        "value=\"#663399\"",
        "<svg class=\"swatch__fill\" width=\"320\" height=\"200\" viewBox=\"0 0 8 8\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"Swatch of #663399\" focusable=\"false\"><rect width=\"8\" height=\"8\" fill=\"#663399ff\"/></svg>",
        "checkerboard",
        "id=\"fmt-oklch\"",
        "data-copy-target=\"#fmt-hex\"",
        "rebeccapurple",
        "in sRGB",
        "Tints (mixed with white in Oklch)",
        "Split complementary",
        "Contrast checker",
        "name=\"swap\"",
        "aria-label=\"Sample text in #663399 on #ffffff\"",
    ] {
        assert!(html.contains(part), "missing {part}");
    }
    assert!(!html.contains("style="), "no inline styles under the CSP");
    assert!(!html.contains("<style"), "no style elements under the CSP");
}

#[tokio::test]
async fn page_converts_the_value_and_checks_contrast() {
    let (status, _, html) = get("/color?value=oklch(70%25%200.4%20150)&fg=%23777&bg=white").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("outside sRGB"));
    assert!(html.contains("oklch(0.7 0.4 150)"));
    assert!(html.contains("4.48"));
    assert!(html.contains("Nearest text colour that passes AA"));
    assert!(html.contains("#767676"));
    assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"));
}

#[tokio::test]
async fn page_shows_errors_inline_with_400() {
    let (status, _, html) = get("/color?value=rgb(1%202)").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("rgb(): expected 3 values, found 2"));
    assert!(html.contains("aria-invalid=\"true\""));
    assert!(html.contains("value=\"rgb(1 2)\""), "input kept for correction");

    let (status, _, html) = get("/color?value=%3Cscript%3E").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(!html.contains("<script>"), "escaped");
    assert!(html.contains("&lt;script&gt;"));
}

#[tokio::test]
async fn page_without_javascript_takes_the_picker_and_swaps() {
    // The picker changed from what was shown: it wins.
    let (_, _, html) = get("/color?value=red&picker=%2300ff00&from=%23ff0000").await;
    assert!(html.contains("value=\"#00ff00\""));
    assert!(html.contains("lime"));
    // The picker is unchanged: the typed value wins.
    let (_, _, html) = get("/color?value=blue&picker=%23ff0000&from=%23ff0000").await;
    assert!(html.contains("value=\"blue\""));
    // Swap puts the background in front.
    let (_, _, html) = get("/color?value=red&fg=&bg=black&swap=1").await;
    assert!(html.contains(
        "id=\"contrast-fg\" name=\"fg\" type=\"text\" class=\"mono-input\" value=\"black\""
    ));
    assert!(html.contains(
        "id=\"contrast-bg\" name=\"bg\" type=\"text\" class=\"mono-input\" value=\"red\""
    ));
}

#[tokio::test]
async fn oklch_sliders_are_plain_inputs_that_the_server_reads() {
    let (_, _, html) = get("/color?value=red").await;
    let shown = "62.8 0.258 29.2 100";
    for part in [
        "<legend>OKLCH</legend>",
        "id=\"slider-l\" name=\"l\" type=\"range\" min=\"0\" max=\"100\" step=\"0.1\" value=\"62.8\"",
        "id=\"slider-c\" name=\"c\" type=\"range\" min=\"0\" max=\"0.4\" step=\"0.001\" value=\"0.258\"",
        "id=\"slider-h-num\" name=\"h_num\" type=\"number\" step=\"any\" value=\"29.2\"",
        "id=\"slider-a\" name=\"a\" type=\"range\" min=\"0\" max=\"100\" step=\"0.1\" value=\"100\"",
        &format!("name=\"lcha\" value=\"{shown}\""),
        &format!("data-oklch=\"{shown}\""),
        "<p id=\"slider-gamut\" class=\"muted slider-gamut\">In sRGB.</p>",
    ] {
        assert!(html.contains(part), "missing {part}");
    }
    assert!(!html.contains("style="), "no inline styles under the CSP");

    // The form as a browser sends it without JavaScript: everything, with one slider moved.
    let form = |l: &str, l_num: &str, a: &str| {
        format!(
            "/color?value=red&picker=%23ff0000&from=%23ff0000&l={l}&l_num={l_num}&c=0.258&c_num=0.258\
             &h=29.2&h_num=29.2&a={a}&a_num=100&lcha=62.8+0.258+29.2+100&fg=&bg="
        )
    };
    let (status, _, html) = get(&form("62.8", "62.8", "100")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(
            "id=\"color-value\" name=\"value\" type=\"text\" class=\"mono-input\" value=\"red\""
        ),
        "untouched: the text stays"
    );
    // Only what moved is replaced: chroma and hue stay red's own, not the sliders' rounded 0.258 and 29.2.
    let (_, _, html) = get(&form("40", "62.8", "50")).await;
    assert!(html.contains("value=\"oklch(40% 0.25768 29.234 / 50%)\""), "the moved range wins");
    assert!(html.contains("data-oklch=\"40 0.258 29.2 50\""));
    let (_, _, html) = get(&form("62.8", "30", "100")).await;
    assert!(html.contains("value=\"oklch(30% 0.25768 29.234)\""), "or the moved number field");
    // Out of sRGB: mapped, and said so beside the sliders.
    let (_, _, html) = get(&form("62.8", "62.8", "100").replace("c=0.258", "c=0.4")).await;
    assert!(html.contains("value=\"oklch(62.796% 0.4 29.234)\""), "{html}");
    assert!(html.contains("Outside sRGB: shown gamut-mapped (CSS Color 4 §13.2) as #"), "{html}");
    // Nonsense in a number field is ignored; the picker, when moved, wins over the sliders.
    let (_, _, html) = get(&form("62.8", "inf", "100")).await;
    assert!(html.contains("value=\"red\""));
    let (_, _, html) =
        get(&form("40", "62.8", "100").replace("picker=%23ff0000", "picker=%2300ff00")).await;
    assert!(html.contains("value=\"#00ff00\""));
}

/// A moved slider replaces its own coordinate of the colour and nothing else: the others are the colour's exact
/// coordinates, not the sliders' values rounded to their steps or held in their ranges (chroma up to 0.4).
#[tokio::test]
async fn sliders_change_only_the_coordinate_that_moved() {
    // Without JavaScript: the whole form, with only alpha moved, keeps the exact colour.
    let alpha_only = |hex: &str, lcha: &str| {
        let [l, c, h, _]: [&str; 4] = lcha.split(' ').collect::<Vec<_>>().try_into().unwrap();
        format!(
            "/color?value={}&l={l}&l_num={l}&c={c}&c_num={c}&h={h}&h_num={h}&a=50&a_num=100&lcha={}",
            hex.replace('#', "%23"),
            lcha.replace(' ', "+")
        )
    };
    let (_, _, html) = get(&alpha_only("#f84d08", "65.6 0.217 37.1 100")).await;
    assert!(html.contains("data-hex=\"#f84d08\""), "{html}");
    assert!(html.contains("<code id=\"fmt-hex\">#f84d0880</code>"));
    // Every colour of a sample keeps its hex when only alpha moves (rounded sliders changed about one in four).
    let mut seed = 0x2545_f491_u32;
    for _ in 0..150 {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let hex = format!("#{:06x}", seed >> 8);
        let c = crate::answer::convert(&crate::ConvertRequest::new(hex.as_str())).unwrap();
        let (_, _, html) = get(&alpha_only(&hex, &super::slider_values(&c).join(" "))).await;
        assert!(html.contains(&format!("<code id=\"fmt-hex\">{hex}80</code>")), "{hex}");
    }

    // A chroma beyond the range's 0.4 is shown as it is in the number field, and kept when the hue moves.
    let (_, _, html) = get("/color?value=oklch(0.7+0.45+150)").await;
    assert!(html.contains("id=\"slider-c\" name=\"c\" type=\"range\" min=\"0\" max=\"0.4\" step=\"0.001\" value=\"0.4\""));
    assert!(html.contains(
        "id=\"slider-c-num\" name=\"c_num\" type=\"number\" step=\"any\" value=\"0.45\""
    ));
    assert!(html.contains("name=\"lcha\" value=\"70 0.45 150 100\""));
    let form = "/color?value=oklch(0.7+0.45+150)&l=70&l_num=70&c=0.4&c_num=0.45&h=160&h_num=150&a=100&a_num=100\
                &lcha=70+0.45+150+100";
    let (_, _, html) = get(form).await;
    assert!(html.contains("value=\"oklch(70% 0.45 160)\""), "{html}");

    // With JavaScript the script sends only the moved slider, without `lcha`, and takes the colour from the
    // fragment's data-value.
    let (_, _, html) = get("/color?value=oklch(0.7+0.45+150)&h=160&fragment=1").await;
    assert!(html.contains("data-value=\"oklch(70% 0.45 160)\""), "{html}");
    let (_, _, html) = get("/color?value=%23f84d08&a=50&fragment=1").await;
    assert!(html.contains("<code id=\"fmt-hex\">#f84d0880</code>"), "{html}");
    let (_, _, html) = get("/color?value=%231ba4f4&a_num=50&fragment=1").await;
    assert!(html.contains("<code id=\"fmt-hex\">#1ba4f480</code>"), "{html}");
    let (_, _, html) = get("/color?value=%2333f323&l=50&fragment=1").await;
    assert!(html.contains("data-value=\"oklch(50% "), "{html}");
}

/// Every colour is drawn in the page, so a first view is one request: no `<img>` at all, and each drawing's fill is
/// a colour this crate formatted (translucent as `#rrggbbaa`, out of gamut as its gamut-mapped sRGB).
#[tokio::test]
async fn page_draws_its_colours_in_place() {
    let (_, _, html) =
        get("/color?value=oklch(70%25%200.4%20150%20/%2050%25)&fg=%23777&bg=white").await;
    assert!(!html.contains("<img"), "every colour drawn in the page");
    let fills: Vec<&str> =
        html.split("fill=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
    assert!(fills.len() > 25, "the swatch, each palette's chips, the sample: {fills:?}");
    for fill in &fills {
        let digits = fill.strip_prefix('#').unwrap_or_default();
        assert!(
            matches!(digits.len(), 6 | 8) && digits.bytes().all(|b| b.is_ascii_hexdigit()),
            "{fill}"
        );
    }
    assert!(fills[0].ends_with("80"), "the swatch keeps its 50 % alpha: {}", fills[0]);
    assert!(html.contains("aria-label=\"Swatch of #"), "the swatch is named");
    assert!(html.contains("aria-label=\"Sample text in #777777 on #ffffff\""));
    let (_, _, html) = get("/color?value=%22%3E%3Cscript%3Ealert(1)%3C/script%3E").await;
    assert!(
        !html.contains("<svg") && !html.contains("<script>alert"),
        "nothing drawn from bad input"
    );
}

#[tokio::test]
async fn swatch_svg_holds_only_the_formatted_colour() {
    let (status, headers, svg) = get("/color/swatch.svg?value=rgb(255%200%200%20/%2050%25)").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "image/svg+xml");
    assert!(svg.contains("fill=\"#ff0000\" fill-opacity=\"0.5\""), "{svg}");
    let (status, _, _) =
        get("/color/swatch.svg?value=%22%3E%3Cscript%3Ealert(1)%3C/script%3E").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, svg) = get("/color/sample.svg?fg=white&bg=navy").await;
    assert_eq!(status, StatusCode::OK);
    assert!(svg.contains("fill=\"#000080\"") && svg.contains("fill=\"#ffffff\""));
}

#[tokio::test]
async fn assets_are_served() {
    let (_, _, html) = get("/color").await;
    for (ext, content_type) in
        [("js", "text/javascript; charset=utf-8"), ("css", "text/css; charset=utf-8")]
    {
        let url = html
            .split('"')
            .find(|part| part.starts_with("/static/color.") && part.ends_with(&format!(".{ext}")))
            .unwrap_or_else(|| panic!("color.{ext} linked"));
        let (status, headers, _) = get(url).await;
        assert_eq!(status, StatusCode::OK, "{url}");
        assert_eq!(headers[header::CONTENT_TYPE], content_type);
    }
}

#[tokio::test]
async fn fragments_answer_200_even_for_half_typed_colours() {
    let (status, headers, html) = get("/color?value=rgb(&fragment=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["x-robots-tag"], "noindex");
    assert!(!html.contains("<main"), "a part, not the page");
    assert!(html.contains("id=\"color-error\""));
    let (status, _, html) = get("/color?value=lime&fg=black&fragment=1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("data-hex=\"#00ff00\""));
    assert!(html.contains("data-summary=\"#00ff00, in sRGB\""));
    assert!(html.contains("id=\"fmt-oklch\""));
    assert!(!html.contains("contrast-ratio"), "the conversion only");
    let (status, _, html) = get("/color?value=lime&fg=black&fragment=1&part=contrast").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("data-summary=\"contrast 21.0 to 1, AAA\""));
    assert!(!html.contains("fmt-oklch"), "the contrast check only");
    let (status, _, html) = get("/color?value=red&fg=nope&fragment=1&part=contrast").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"fg-error\""));
    assert!(html.contains("fg: unknown colour name &quot;nope&quot;"), "{html}");
    // The old live route is gone: the page route answers the script.
    let (status, _, _) = get("/color/live?value=red").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_page_refuses_what_the_api_refuses_with_the_same_message() {
    let (status, _, html) = get(&format!("/color?value={}", "a".repeat(300))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        html.contains("value: input is 300 characters long; a colour is at most 256"),
        "{html}"
    );
    assert!(html.contains(&format!("value=\"{}\"", "a".repeat(257))), "the echo is bounded");
    let (status, _, html) = get("/color?value=%20").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("value: enter a colour"));
    let (status, _, _) = get("/color?value=%ff").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "not UTF-8: invalid_request");
}

/// Every API example: the page for the same input answers 200 or 400 as the API does, and shows the same
/// values or the same message.
#[tokio::test]
async fn api_examples_agree_with_the_page() {
    let app = app();
    let examples = api_doc().examples;
    assert_eq!(examples.len(), 11);
    for example in examples {
        let Some(PageRequest::Get(uri)) = &example.page else {
            panic!("{} has no page", example.name)
        };
        let page = devtools_kit::testing::get(&app, uri).await;
        let expected = if example.status == 200 { StatusCode::OK } else { StatusCode::BAD_REQUEST };
        assert_eq!(page.status, expected, "{}", example.name);
        let shown: Vec<String> = match example.response.get("message") {
            Some(message) => vec![message.as_str().unwrap().replace('"', "&quot;")],
            None => ["/css/hex", "/css/oklch", "/ratio", "/triadic/1/hex"]
                .iter()
                .filter_map(|pointer| example.response.pointer(pointer))
                .map(|value| value.as_str().map_or_else(|| value.to_string(), str::to_owned))
                .collect(),
        };
        assert!(!shown.is_empty(), "{}", example.name);
        for text in shown {
            assert!(page.main().contains(&text), "{}: {text} not on the page", example.name);
        }
        if !example.cli.is_empty() {
            assert_eq!(example.cli[0], "color");
        }
    }
}

/// The page for an example input, and its errors, pinned (the `<main>` element).
#[tokio::test]
async fn page_snapshots() {
    let app = app();
    for (name, uri) in [
        ("page_oklch", "/color?value=oklch(70%25%200.15%20150)"),
        (
            "page_out_of_gamut_with_contrast",
            "/color?value=oklch(70%25%200.4%20150)&fg=%23777&bg=white",
        ),
        ("page_invalid", "/color?value=rgb(1%202)&fg=nope"),
        ("fragment_results", "/color?value=%23ff000080&fragment=1"),
        ("fragment_contrast", "/color?value=red&fg=%23777&bg=white&fragment=1&part=contrast"),
    ] {
        let reply = devtools_kit::testing::get(&app, uri).await;
        let html = if uri.contains("fragment=1") { reply.body.as_str() } else { reply.main() };
        insta::assert_snapshot!(name, format!("{} {uri}\n{html}", reply.status.as_u16()));
    }
}

/// The OpenAPI document describes every property of every colour schema, and no result is a bare object.
#[test]
fn every_property_is_described() {
    let document = serde_json::to_value(api_doc().openapi).unwrap();
    let schemas = document["components"]["schemas"].as_object().unwrap();
    assert!(schemas.contains_key("ColorConversion"), "{:?}", schemas.keys());
    let mut undescribed = Vec::new();
    for (name, schema) in schemas {
        // A string enum (a WCAG level) is no object.
        if schema["type"] == "string" && schema["enum"].is_array() {
            continue;
        }
        let properties = schema["properties"].as_object();
        assert!(properties.is_some_and(|p| !p.is_empty()), "{name} is a bare object");
        for (property, spec) in properties.into_iter().flatten() {
            // An optional object is a `oneOf` of null and the object, with the description inside.
            let described = |spec: &Value| {
                spec.get("description").and_then(Value::as_str).is_some_and(|text| !text.is_empty())
            };
            let one_of = spec["oneOf"].as_array().into_iter().flatten();
            if !described(spec) && !one_of.clone().any(described) {
                undescribed.push(format!("{name}.{property}"));
            }
        }
    }
    assert!(undescribed.is_empty(), "undescribed: {undescribed:?}");
    for path in document["paths"].as_object().unwrap().values() {
        for parameter in path["get"]["parameters"].as_array().unwrap() {
            assert!(parameter["description"].is_string(), "{parameter}");
        }
    }
}

/// Every JSON answer shape and error of the API, pinned.
#[tokio::test]
async fn api_answers_and_errors_snapshot() {
    let app = app();
    for (name, uri) in [
        ("convert_oklch", "/api/color?value=oklch(70%25%200.15%20150)"),
        ("convert_translucent_grey", "/api/color?value=hsl(0%200%25%2050%25%20/%200.5)"),
        ("convert_wide_gamut", "/api/color?value=color(display-p3%201%200%200)"),
        ("convert_invalid_hex", "/api/color?value=%2312345"),
        ("convert_unknown_name", "/api/color?value=grean"),
        ("convert_missing", "/api/color"),
        ("convert_blank", "/api/color?value=%20"),
        ("convert_too_long", &format!("/api/color?value={}", "a".repeat(300))),
        ("contrast_passing", "/api/color/contrast?fg=%23767676&bg=white"),
        ("contrast_failing", "/api/color/contrast?fg=%23777&bg=%23fff"),
        ("contrast_default_background", "/api/color/contrast?fg=%23000"),
        ("contrast_missing_fg", "/api/color/contrast?bg=white"),
        ("contrast_invalid_fg", "/api/color/contrast?fg=rgb(1%202)&bg=white"),
        ("palettes_rebeccapurple", "/api/color/palettes?value=rebeccapurple"),
        ("palettes_invalid", "/api/color/palettes?value=oklch(1%202)"),
    ] {
        let reply = devtools_kit::testing::get(&app, uri).await;
        insta::assert_json_snapshot!(
            format!("api_{name}"),
            serde_json::json!({"status": reply.status.as_u16(), "body": reply.json()})
        );
    }
}

/// Issue 13: one spelling in the interface. Every word a reader sees says "colour"; "color" is left only in
/// what is typed or named: the `/color` and `/api/color` paths, ids and classes, CSS's `color()` and the
/// title "CSS Color 4".
#[tokio::test]
async fn the_page_says_colour() {
    let (_, _, body) = get("/color?value=fff").await;
    let mut text = String::new();
    let mut rest = body.as_str();
    // The text between tags, and the attributes people read.
    while let Some(end) = rest.find('<') {
        text.push_str(&rest[..end]);
        text.push(' ');
        let Some(close) = rest[end..].find('>') else { break };
        let tag = &rest[end..end + close];
        for attribute in ["alt=\"", "title=\"", "aria-label=\"", "placeholder=\""] {
            if let Some(start) = tag.find(attribute) {
                let value = &tag[start + attribute.len()..];
                text.push_str(&value[..value.find('"').unwrap_or(value.len())]);
                text.push(' ');
            }
        }
        rest = &rest[end + close + 1..];
        if tag.starts_with("<script") {
            rest = &rest[rest.find("</script>").unwrap_or(0)..];
        }
    }
    let prose = text.replace("CSS Color", "").replace("color(", "").replace("/api/color", "");
    let american: Vec<&str> = prose
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|word| word.eq_ignore_ascii_case("color") || word.eq_ignore_ascii_case("colors"))
        .collect();
    assert!(american.is_empty(), "{american:?} in {prose}");
    assert!(body.contains("<h1>Colour converter</h1>"));
    assert!(body.contains("Read as #fff"), "the note for bare hex is shown");
}

/// The defects a review found, through the API: each input is answered about what the user typed.
#[tokio::test]
async fn api_answers_pasted_forms_about_what_was_typed() {
    let (status, body) = get_json("/api/color?value=0xff8000").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["css"]["hex"], "#ff8000");
    assert!(body["note"].as_str().is_some_and(|note| note.contains("hex literal")), "{body}");

    let (status, body) = get_json("/api/color?value=255,%20128,%20x").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["message"],
        "value: bare channels: blue must be a number or a percentage, found \"x\""
    );
    assert_eq!(body["position"], 10);

    let (_, body) = get_json("/api/color?value=rgb(255%200%200%20/)").await;
    assert_eq!(body["position"], 13);
    assert!(body["message"].as_str().is_some_and(|m| m.contains("alpha after \"/\" is missing")));

    let (_, body) = get_json("/api/color?value=rgb(100%25,0,0)").await;
    assert_eq!(body["position"], 9);

    let (status, body) = get_json("/api/color?value=hsv(142.15%20100%25%2076.07%25)").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["hsv"], json!([142.15, 100.0, 76.07]));
}
