//! Handler tests through `oneshot`: the page with and without input, the JSON shapes, errors, the SVG swatches.

use super::tool;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use devtools_kit::Site;
use serde_json::{Value, json};
use tower::ServiceExt;

fn app() -> Router {
    Site::router(vec![tool()]).unwrap()
}

async fn get(path: &str) -> (StatusCode, HeaderMap, String) {
    let response = app().oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, headers, String::from_utf8(body.to_vec()).unwrap())
}

async fn get_json(path: &str) -> (StatusCode, Value) {
    let (status, headers, body) = get(path).await;
    assert_eq!(headers[header::CONTENT_TYPE], "application/json", "{path}");
    (status, serde_json::from_str(&body).unwrap())
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
    assert_eq!(body["contrast"], json!({"white": 4.0, "black": 5.25}));
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

    let (status, body) = get_json("/api/color/contrast?fg=%23000").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["field"], "bg");
}

#[tokio::test]
async fn api_contrast_gives_ratio_verdicts_and_a_fix() {
    let (status, body) = get_json("/api/color/contrast?fg=%23767676&bg=white").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({"ratio": 4.54, "aa": {"normal": true, "large": true}, "aaa": {"normal": false, "large": true}, "suggestion": null})
    );
    let (_, failing) = get_json("/api/color/contrast?fg=%23777&bg=%23fff").await;
    assert_eq!(failing["ratio"], 4.48);
    assert_eq!(failing["aa"]["normal"], false);
    assert_eq!(failing["suggestion"]["hex"], "#767676");
    assert_eq!(failing["suggestion"]["direction"], "darker");
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
        "<form id=\"color-form\" method=\"get\" action=\"/color\"",
        "type=\"color\"",
        "value=\"#663399\"",
        "/color/swatch.svg?value=%23663399ff",
        "checkerboard",
        "id=\"fmt-oklch\"",
        "data-copy-target=\"#fmt-hex\"",
        "rebeccapurple",
        "in sRGB",
        "Tints (mixed with white in Oklch)",
        "Split complementary",
        "Contrast checker",
        "name=\"swap\"",
        "/color/sample.svg?fg=%23663399&amp;bg=%23ffffff",
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
    let html = html.replace("&#x2f;", "/");
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
async fn live_updates_answer_200_even_for_half_typed_colours() {
    let (status, headers, html) = get("/color/live?value=rgb(").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["x-robots-tag"], "noindex");
    assert!(html.contains("id=\"color-error\""));
    let (status, _, html) = get("/color/live?value=lime&fg=black").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("data-hex=\"#00ff00\""));
    assert!(html.contains("data-summary=\"#00ff00, in sRGB\""));
    assert!(html.contains("data-summary=\"contrast 21.0 to 1, AA passes\""));
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
        ("contrast_missing_bg", "/api/color/contrast?fg=%23000"),
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
