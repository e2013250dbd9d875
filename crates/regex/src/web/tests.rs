use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use tower::ServiceExt;

fn app() -> Router {
    devtools_core::Site::router(vec![super::tool()]).unwrap()
}

async fn send(request: Request<Body>) -> (StatusCode, String, Option<String>) {
    let response = app().oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, String::from_utf8(body.to_vec()).unwrap(), content_type)
}

async fn get(uri: &str) -> (StatusCode, String) {
    let (status, body, _) = send(Request::get(uri).body(Body::empty()).unwrap()).await;
    (status, body)
}

async fn post_form(body: &str) -> (StatusCode, String) {
    let request = Request::post("/regex")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.to_owned()))
        .unwrap();
    let (status, body, _) = send(request).await;
    (status, body)
}

async fn api(body: Value) -> (StatusCode, Value) {
    let request = Request::post("/api/regex")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let (status, body, content_type) = send(request).await;
    assert_eq!(content_type.as_deref(), Some("application/json"), "{body}");
    (status, serde_json::from_str(&body).unwrap())
}

fn assert_no_inline_style_or_script(html: &str) {
    assert!(!html.contains("style="), "inline style");
    assert!(!html.contains("<style"), "style element");
    for (i, _) in html.match_indices("<script") {
        let tag_end = html[i..].find('>').unwrap();
        assert!(html[i..i + tag_end].contains("src="), "inline script at {i}");
    }
}

#[tokio::test]
async fn empty_page_has_the_form_examples_and_cheat_sheet() {
    let (status, html) = get("/regex").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"<form id="rx-form""#));
    assert!(html.contains(r#"name="flags" value="U""#));
    assert!(html.contains(r#"value="fancy""#));
    assert!(html.contains("Cheat sheet"));
    assert!(
        html.contains("IPv4 address") && html.contains("ISO date") && html.contains("Log line")
    );
    assert!(html.contains("Email-ish"));
    assert!(html.contains("&#x2f;static&#x2f;regex.") && html.contains(".js\" defer></script>"));
    assert!(!html.contains("rx-highlight"), "no results before a test");
    assert_no_inline_style_or_script(&html);
}

#[tokio::test]
async fn get_with_state_renders_highlights_groups_substitution_and_explanation() {
    let (status, html) =
        get("/regex?pattern=(%3F%3Cy%3E%5Cd%2B)-(x)%3F&flags=i&text=%C3%A9+12-+3-x&replace=%5B%24%7By%7D%5D").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("2 matches."), "{html}");
    // Group 1 of the first match is coloured as group 1, the rest of the match as the whole match.
    assert!(
        html.contains(r#"<mark class="rx-m rx-m0 rx-g1" title="match 1, group 1 (y)">12</mark>"#),
        "{html}"
    );
    assert!(html.contains(r#"<mark class="rx-m rx-m0 rx-g0" title="match 1">-</mark>"#));
    assert!(html.contains(r#"<mark class="rx-m rx-m1 rx-g2" title="match 2, group 2">x</mark>"#));
    assert!(html.contains("did not participate"));
    assert!(
        html.contains(r#"<pre class="rx-highlight" id="rx-replaced">é [12] [3]</pre>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"class="rx-node rx-kind-group" tabindex="0" data-start="0" data-end="9""#),
        "{html}"
    );
    assert!(
        html.contains("Named capturing group &quot;y&quot;")
            || html.contains("Named capturing group \"y\"")
    );
    assert!(html.contains("RegexBuilder::new"));
    assert!(html.contains(".case_insensitive(true)"));
    assert!(html.contains("Link to this test"));
    assert!(html.contains(r#"<meta name="robots" content="noindex">"#));
    // The bytes and chars columns: "12-" starts at byte 3 but character 2, after the two-byte "é".
    assert!(
        html.contains(r#"<td class="mono">3–6</td>"#)
            && html.contains(r#"<td class="mono">2–5</td>"#)
    );
    assert_no_inline_style_or_script(&html);
}

#[tokio::test]
async fn repeated_flag_checkboxes_combine_and_flavour_is_kept() {
    let (status, html) =
        get("/regex?pattern=(%5Cw)%5C1&flags=i&flags=m&text=aA+bb&flavor=fancy").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("2 matches."), "{html}");
    assert!(
        html.contains(r#"name="flags" value="i" checked"#)
            && html.contains(r#"name="flags" value="m" checked"#)
    );
    assert!(html.contains(r#"value="fancy" checked"#));
    assert!(html.contains("Backreference"));
}

#[tokio::test]
async fn bad_pattern_renders_the_form_with_the_span_marked_and_a_400() {
    let (status, html) = get("/regex?pattern=ab(c&text=abc").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("invalid_pattern"));
    assert!(html.contains(r#"ab<mark class="rx-error-span">(</mark>c</pre>"#), "{html}");
    assert!(html.contains(r#"aria-invalid="true""#));
    assert!(html.contains(r#"<form id="rx-form""#), "the form is still there");
    let (status, html) = get("/regex?pattern=a&flavor=perl").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("invalid_flavor"));
    let (status, html) = get("/regex?pattern=a&flags=g").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("unknown flag"));
}

#[tokio::test]
async fn post_handles_long_texts_and_the_fragment_is_the_same_rendering() {
    let text = "ab ".repeat(2_000);
    let body = format!("pattern=a(b)&text={}&flags=x", text.replace(' ', "+"));
    let (status, html) = post_form(&body).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("2000 matches."), "{}", &html[..500.min(html.len())]);
    assert!(html.contains("The first 1000 are highlighted and listed."));
    assert!(html.contains("too long for a link"));
    assert!(html.contains("<!doctype html>"));

    let (status, fragment) = post_form("pattern=a(b)&text=ab%0D%0Aab&fragment=1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(fragment.starts_with(r#"<div class="rx-results" data-state="ok">"#), "{fragment}");
    assert!(!fragment.contains("<!doctype html>"));
    // CRLF from the textarea is read as LF: the second match starts at byte 3.
    assert!(fragment.contains(r#"<td class="mono">3–5</td>"#), "{fragment}");
    let (status, fragment) = post_form("pattern=a(&text=a&fragment=1").await;
    assert_eq!(status, StatusCode::OK, "the script gets the error as rendered HTML");
    assert!(fragment.contains(r#"data-state="error""#));
}

#[tokio::test]
async fn api_answers_with_the_documented_fields() {
    let (status, body) = api(json!({
        "pattern": r"(?<year>\d{4})-(\d\d)?x?",
        "text": "é 2024-x 1999-12",
        "flags": "",
        "flavor": "rust",
        "replace": "${year}",
        "limit": 5
    }))
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["match_count"], 2);
    assert_eq!(body["truncated"], false);
    assert_eq!(body["group_names"], json!([null, "year", null]));
    assert_eq!(body["replaced"], "é 2024 1999");
    let first = &body["matches"][0];
    assert_eq!((first["start"].as_u64(), first["end"].as_u64()), (Some(3), Some(9)));
    assert_eq!((first["char_start"].as_u64(), first["char_end"].as_u64()), (Some(2), Some(8)));
    assert_eq!(first["text"], "2024-x");
    assert_eq!(
        first["groups"][1],
        json!({"index": 1, "name": "year", "start": 3, "end": 7, "text": "2024"})
    );
    assert_eq!(first["groups"][2], Value::Null);
    assert_eq!(first["empty"], false);
    let node = &body["explanation"][0];
    assert_eq!(
        (node["start"].as_u64(), node["end"].as_u64(), node["source"].as_str()),
        (Some(0), Some(14), Some(r"(?<year>\d{4})"))
    );
    assert!(node["description"].as_str().unwrap().contains("Named capturing group"));
    assert!(node["children"].is_array());
    assert!(
        body["snippet"]
            .as_str()
            .unwrap()
            .contains(r#"RegexBuilder::new(r"(?<year>\d{4})-(\d\d)?x?")"#)
    );
}

#[tokio::test]
async fn api_defaults_and_limits() {
    let (status, body) = api(json!({"pattern": "a", "text": "aaa", "limit": 2})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!((body["match_count"].as_u64(), body["truncated"].as_bool()), (Some(3), Some(true)));
    assert_eq!(body["matches"].as_array().unwrap().len(), 2);
    assert_eq!(body["replaced"], Value::Null);
    let (_, body) = api(json!({"pattern": "", "text": "ab"})).await;
    assert_eq!(body["match_count"], 3);
    assert_eq!(body["matches"][0]["empty"], true);
}

#[tokio::test]
async fn api_errors_have_kinds_statuses_and_spans() {
    let (status, body) = api(json!({"pattern": "a[b", "text": ""})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_pattern");
    assert_eq!(body["span"], json!({"start": 1, "end": 2}));
    assert!(body["message"].as_str().unwrap().contains("unclosed character class"), "{body}");

    let (status, body) = api(json!({"pattern": "(a", "text": "", "flavor": "fancy"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_pattern");
    assert!(body["span"]["start"].is_u64());

    let (status, body) = api(json!({"pattern": r"\w{1000}", "text": ""})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        (body["error"].as_str(), body["reason"].as_str()),
        (Some("invalid_pattern"), Some("too_big"))
    );

    let (status, body) =
        api(json!({"pattern": "a", "text": "a".repeat(crate::MAX_TEXT_LEN + 1)})).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error"], "text_too_large");

    let (status, body) =
        api(json!({"pattern": r"^(\w+\s?)*\1$", "text": format!("{}!", "a".repeat(40)), "flavor": "fancy"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"], "backtrack_limit");
    assert_eq!(body["limit"], crate::BACKTRACK_LIMIT);

    let (status, body) = api(json!({"pattern": "a", "text": "", "flags": "ig"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!((body["error"].as_str(), body["flag"].as_str()), (Some("invalid_flags"), Some("g")));

    let (status, body) = api(json!({"pattern": "a", "text": "", "flavor": "pcre"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_flavor");

    let (status, body) = api(json!({"text": "no pattern"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"], "invalid_request");
    assert!(body["message"].as_str().unwrap().contains("pattern"), "{body}");

    let request = Request::post("/api/regex")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{not json"))
        .unwrap();
    let (status, body, _) = send(request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("invalid_request"));
}

#[tokio::test]
async fn assets_are_served() {
    let (_, html) = get("/regex").await;
    let html = html.replace("&#x2f;", "/");
    let urls = regex::Regex::new(r"/static/regex\.[0-9a-f]+\.(css|js)").unwrap();
    let found: Vec<&str> = urls.find_iter(&html).map(|m| m.as_str()).collect();
    assert_eq!(found.len(), 2, "{found:?}");
    for url in found {
        let (status, body) = get(url).await;
        assert_eq!(status, StatusCode::OK, "{url}");
        assert!(!body.is_empty());
    }
}
