use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use devtools_kit::{Settings, WorkLimits, testing};
use serde_json::{Value, json};
use std::time::Duration;
use tower::ServiceExt;

/// The app with a patient deadline: what these tests check must not depend on the speed of the machine, nor on the
/// searches the deadline tests leave running on their threads until the process exits.
fn app() -> Router {
    app_with(WorkLimits { deadline: Duration::from_secs(120), ..WorkLimits::default() })
}

/// The app with its own work limits (no isolation: fancy searches run on the pool, as in every handler test).
fn app_with(limits: WorkLimits) -> Router {
    let settings = Settings { work: limits, ..Settings::default() };
    devtools_kit::Site::router_with(vec![super::tool()], settings, |router| router).unwrap()
}

fn api_request(body: &Value) -> Request<Body> {
    Request::post("/api/regex")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

fn form_request(body: &str) -> Request<Body> {
    Request::post("/regex")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

async fn body_of(response: axum::response::Response) -> String {
    let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    String::from_utf8(body.to_vec()).unwrap()
}

/// A fancy search whose look-ahead scans the rest of the text at each of its N positions: N² work inside one step of
/// the engine, with no match after which the library could check its deadline. Seconds at N = 25,000, minutes at
/// a million.
fn quadratic(n: usize) -> Value {
    json!({"pattern": "(?=.*x)a", "text": "a".repeat(n), "flavor": "fancy"})
}

/// Waits until the app's work pool has admitted `jobs` jobs.
async fn wait_for_admitted(app: &Router, jobs: u64) {
    loop {
        let load = testing::get(app, "/readyz").await.json();
        if load["load"]["admitted"].as_u64().unwrap() >= jobs {
            return;
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

async fn get(uri: &str) -> (StatusCode, String) {
    let reply = testing::get(&app(), uri).await;
    (reply.status, reply.body)
}

async fn post_form(body: &str) -> (StatusCode, String) {
    let reply = testing::post_form(&app(), "/regex", body).await;
    (reply.status, reply.body)
}

async fn api(body: Value) -> (StatusCode, Value) {
    let reply = testing::post_json(&app(), "/api/regex", &body).await;
    assert_eq!(reply.header(header::CONTENT_TYPE), "application/json", "{}", reply.body);
    (reply.status, reply.json())
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
    assert!(html.contains("/static/regex.") && html.contains(".js\" defer></script>"));
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

/// Each example the page offers is a short link, `?example=` and its name, that the server fills the form from
/// and answers: with JavaScript or without, and the result's own link to the test is that address.
#[tokio::test]
async fn every_example_link_fills_the_form_and_links_to_itself() {
    let (_, page) = get("/regex").await;
    let start = page.find(r#"<ul class="rx-examples">"#).unwrap();
    let list = &page[start..start + page[start..].find("</ul>").unwrap()];
    let hrefs: Vec<&str> =
        list.split(r#"<a href=""#).skip(1).map(|rest| &rest[..rest.find('"').unwrap()]).collect();
    assert_eq!(hrefs.len(), super::view::example_names().count(), "{list}");
    for href in hrefs {
        let name = href.strip_prefix("/regex?example=").unwrap_or_else(|| panic!("{href}"));
        let example = super::view::example(name).unwrap();
        let request = example.request();
        if request.flavor.as_deref() == Some("pcre2") && !cfg!(feature = "pcre2") {
            continue;
        }
        let (status, html) = get(href).await;
        assert_eq!(status, StatusCode::OK, "{href}: {html}");
        assert!(html.contains(" matches."), "{href}");
        let escaped = devtools_kit::escape_html;
        for field in [&request.pattern, &request.text] {
            let shown = format!("\n{}</textarea>", escaped(field));
            assert!(html.contains(&shown), "{href}: {shown}");
        }
        let flavor = request.flavor.as_deref().unwrap();
        assert!(html.contains(&format!(r#"value="{flavor}" checked"#)), "{href}");
        for letter in request.flags.chars() {
            assert!(html.contains(&format!(r#"value="{letter}" checked"#)), "{href}: {letter}");
        }
        let link = format!(r#"<a id="rx-share-link" href="/regex?example={name}">"#);
        assert!(html.contains(&link), "{href}");
    }
}

/// An example names the whole test: fields sent beside it do not mix into it. A name the page does not know is a
/// 404 that lists the names, with the empty form.
#[tokio::test]
async fn an_example_replaces_the_other_fields_and_an_unknown_one_is_a_404() {
    let (status, html) = get("/regex?pattern=zzz&flags=i&example=log-line&flavor=fancy").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("2 matches."), "{html}");
    assert!(html.contains(r#"value="rust" checked"#) && !html.contains(r#"value="i" checked"#));
    let (status, html) = get("/regex?example=nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("there is no example called &quot;nope&quot;"), "{html}");
    assert!(html.contains("log-line"), "the names are listed");
    assert!(html.contains(r#"<form id="rx-form""#), "the form is still there");
    // The live update asks for the results part alone and gets the same message, with a 200.
    let (status, html) = get("/regex?example=nope&fragment=1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("there is no example called"), "{html}");
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
async fn a_replacement_naming_a_missing_group_is_warned_about_on_the_page_and_in_the_api() {
    let (status, html) = post_form("pattern=(%5Cd%2B)&text=order+66&replace=%241Q").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"<ul class="rx-warnings""#), "{html}");
    assert!(html.contains("write ${1}Q for group 1"), "{html}");
    let (_, body) = api(json!({"pattern": r"(\d+)", "text": "order 66", "replace": "$1Q"})).await;
    assert_eq!(body["warnings"][0]["suggestion"], "${1}Q");
    assert_eq!(
        (body["warnings"][0]["start"].as_u64(), body["warnings"][0]["end"].as_u64()),
        (Some(0), Some(3))
    );
    let (_, body) = api(json!({"pattern": r"(\d+)", "text": "order 66", "replace": "${1}Q"})).await;
    assert!(body.get("warnings").is_none(), "absent when there is none: {body}");
}

#[tokio::test]
async fn look_around_in_the_rust_flavour_offers_a_one_click_switch_to_fancy_without_javascript() {
    let (status, html) =
        post_form("pattern=(%3F%3C%3D%5C%24)%5Cd%2B&text=costs+%2442&flavor=rust").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        html.contains(r#"<button type="submit" form="rx-form" name="flavor" value="fancy""#),
        "{html}"
    );
    // What the browser sends for that button: the form's fields in order (the rust radio), then the button.
    let (status, html) =
        post_form("pattern=(%3F%3C%3D%5C%24)%5Cd%2B&text=costs+%2442&flavor=rust&flavor=fancy")
            .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("1 match."), "{html}");
    assert!(html.contains(r#"value="fancy" checked"#), "{html}");
    // Not offered when fancy refuses the pattern too, nor for other errors.
    let (_, html) = post_form("pattern=a(b&text=ab").await;
    assert!(!html.contains("rx-switch-fancy"));
    let (_, html) = post_form("pattern=(%3F%3C%3Da&text=ab").await;
    assert!(!html.contains("rx-switch-fancy"));
}

#[tokio::test]
async fn the_ecmascript_flavour_shows_its_flags_utf16_offsets_and_javascript() {
    let (status, html) =
        post_form("pattern=(%3F%3Cw%3Eb)&text=%F0%9F%98%80b+b&flavor=ecmascript&flags=g&flags=d")
            .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"value="d" checked"#), "{html}");
    assert!(!html.contains(r#"value="U""#), "the rust flags are not offered: {html}");
    assert!(html.contains(r#"<th scope="col">UTF-16</th>"#), "{html}");
    assert!(html.contains(r#"<td class="mono">2–3</td>"#), "{html}");
    assert!(html.contains("JavaScript code"), "{html}");
    assert!(html.contains("new RegExp("), "{html}");
    let (_, html) = post_form("pattern=b&text=b&flavor=rust").await;
    assert!(!html.contains("UTF-16</th>"));
}

/// A text over the limit is refused, and the page shows it cut to the limit (at a character boundary) with a note,
/// rather than sending back megabytes it refused.
#[tokio::test]
async fn a_text_over_the_limit_comes_back_cut_to_the_limit() {
    // "é" is two bytes, and the limit falls inside the first: the cut goes back to the boundary before it.
    let text = format!("{}{}", "x".repeat(crate::MAX_TEXT_LEN - 1), "é".repeat(1_000));
    let body = format!("pattern=a&text={}", text.replace('é', "%C3%A9"));
    let (status, html) = post_form(&body).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(html.contains(r#"id="rx-text-cut""#));
    let shown = html.split("name=\"text\"").nth(1).unwrap().split("</textarea>").next().unwrap();
    let shown = shown.split_once(">\n").unwrap().1;
    assert_eq!(shown.len(), crate::MAX_TEXT_LEN - 1, "the x's, and no half of an é");
    assert!(html.len() < crate::MAX_TEXT_LEN + 64 * 1024, "{} bytes", html.len());
    let (_, html) = post_form("pattern=a&text=abc").await;
    assert!(!html.contains("rx-text-cut"));
}

/// Without JavaScript nothing reads a URL's fragment, so the page a plain POST renders links to the test with a
/// query the server fills the form from; the results the page script asks for keep it after `#`. Before, the
/// no-JavaScript link was `/regex#…`, which opened an empty form.
#[tokio::test]
async fn the_link_to_a_posted_test_opens_it_without_javascript() {
    let body = "pattern=(%5Cw)%5C1&text=book+keeper&flavor=fancy&replace=%5B%241%5D&flags=i";
    let (status, html) = post_form(body).await;
    assert_eq!(status, StatusCode::OK);
    let opening = r#"<a id="rx-share-link" href=""#;
    let start = html.find(opening).expect("a link") + opening.len();
    let href = html[start..start + html[start..].find('"').unwrap()].replace("&amp;", "&");
    assert!(href.starts_with("/regex?") && href.contains("text=book"), "{href}");
    assert!(html.contains("sent to this site when the link is opened"), "{html}");
    let (status, linked) = get(&href).await;
    assert_eq!(status, StatusCode::OK, "{href}");
    assert!(linked.contains("\nbook keeper</textarea>"), "{linked}");
    assert!(linked.contains(r#"value="fancy" checked"#) && linked.contains(r#"value="i" checked"#));
    assert!(
        linked.contains(r#"<pre class="rx-highlight" id="rx-replaced">b[o]k k[e]per</pre>"#),
        "{linked}"
    );
    // The same request from the page script: the link keeps the test after #.
    let (_, fragment) = post_form(&format!("{body}&fragment=1")).await;
    assert!(
        fragment.contains(r#"<a id="rx-share-link" href="/regex#flags=i&amp;flavor=fancy&amp;"#),
        "{fragment}"
    );
    // Too long a text is left out of either link.
    let long = format!("pattern=a&text={}", "a".repeat(2_001));
    let (_, html) = post_form(&long).await;
    assert!(!html.contains("rx-share-link") && html.contains("too long for a link"));
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

    // Every body that is not the JSON described is the same `400 invalid_request`, the site's one answer to a
    // malformed request, still saying what was expected.
    let (status, body) = api(json!({"text": "no pattern"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_request");
    assert!(body["message"].as_str().unwrap().contains("pattern"), "{body}");
    assert!(body["expected"].as_str().unwrap().starts_with(r#"{"pattern": string"#), "{body}");

    let request = Request::post("/api/regex")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{not json"))
        .unwrap();
    let reply = testing::send(&app(), request).await;
    assert_eq!(
        (reply.status, &reply.json()["error"]),
        (StatusCode::BAD_REQUEST, &json!("invalid_request"))
    );
    // A misspelt field is refused, not ignored (which would run the default flavour without a word).
    let (status, body) =
        api(json!({"pattern": "A", "text": "a", "flag": "i", "flavour": "fancy"})).await;
    assert_eq!((status, &body["error"]), (StatusCode::BAD_REQUEST, &json!("invalid_request")));
    assert!(body["message"].as_str().unwrap().contains("unknown field `flag`"), "{body}");
    // A body not sent as JSON is the 415 of RFC 9110 §15.5.16: the client changes its headers, not its content.
    let request = Request::post("/api/regex").body(Body::from(r#"{"pattern": "a"}"#)).unwrap();
    let reply = testing::send(&app(), request).await;
    assert_eq!(
        (reply.status, &reply.json()["error"]),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, &json!("unsupported_media_type"))
    );
}

#[tokio::test]
async fn assets_are_served() {
    let (_, html) = get("/regex").await;
    let urls = regex::Regex::new(r"/static/regex\.[0-9a-f]+\.(css|js)").unwrap();
    let found: Vec<&str> = urls.find_iter(&html).map(|m| m.as_str()).collect();
    assert_eq!(found.len(), 2, "{found:?}");
    for url in found {
        let (status, body) = get(url).await;
        assert_eq!(status, StatusCode::OK, "{url}");
        assert!(!body.is_empty());
    }
}

#[tokio::test]
async fn a_fancy_search_past_the_deadline_answers_422_and_cheap_requests_are_answered_meanwhile() {
    // In-process (no isolation in handler tests), nothing stops this search before its thread is done; the handler
    // stops waiting at the deadline (2 s by default). The test process ends that thread when it exits.
    let app = devtools_kit::Site::router(vec![super::tool()]).unwrap();
    let heavy = tokio::spawn(app.clone().oneshot(api_request(&quadratic(200_000))));
    wait_for_admitted(&app, 1).await;
    let health = app.clone().oneshot(Request::get("/healthz").body(Body::empty()).unwrap());
    let mut heavy = std::pin::pin!(heavy);
    let health = tokio::select! {
        biased;
        _ = &mut heavy => panic!("the heavy search answered before /healthz"),
        health = health => health.unwrap(),
    };
    assert_eq!(health.status(), StatusCode::OK);
    let response = heavy.await.unwrap().unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = serde_json::from_str(&body_of(response).await).unwrap();
    let kind = body["error"].as_str().unwrap();
    assert!(kind == "deadline_exceeded" || kind == "match_timeout", "{body}");
}

/// PCRE2's match limit counts backtracking, not the scan of a possessive repeat: this look-ahead scans the rest of
/// the text at each position without ever backtracking, N² work within every PCRE2 limit (minutes at a megabyte).
/// Only the deadline of the site's job stops it.
#[cfg(feature = "pcre2")]
#[tokio::test]
async fn a_pcre2_search_that_scans_within_its_limits_is_stopped_at_the_deadline() {
    let limits =
        WorkLimits { threads: 2, deadline: Duration::from_millis(200), ..WorkLimits::default() };
    let app = app_with(limits);
    let body =
        json!({"pattern": "a(?=[^x]*+(?:y|z))", "text": "a".repeat(200_000), "flavor": "pcre2"});
    let response = app.oneshot(api_request(&body)).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = serde_json::from_str(&body_of(response).await).unwrap();
    let kind = body["error"].as_str().unwrap();
    assert!(kind == "deadline_exceeded" || kind == "match_timeout", "{body}");
}

#[tokio::test]
async fn the_page_says_a_search_was_stopped_and_keeps_the_form() {
    // Room on the pool to render the answer beside the searches left running.
    let limits =
        WorkLimits { threads: 4, deadline: Duration::from_millis(200), ..WorkLimits::default() };
    let app = app_with(limits);
    let form = format!("pattern=%28%3F%3D.*x%29a&flavor=fancy&text={}", "a".repeat(100_000));
    let response = app.clone().oneshot(form_request(&form)).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body_of(response).await;
    assert!(html.contains("deadline_exceeded"), "{}", &html[..html.len().min(2000)]);
    assert!(html.contains(r#"<form id="rx-form""#), "the form is still there");
    let response = app.oneshot(form_request(&format!("{form}&fragment=1"))).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "the script gets the error as rendered HTML");
    let html = body_of(response).await;
    assert!(html.contains(r#"data-state="error""#) && html.contains("deadline_exceeded"), "{html}");
}

#[tokio::test]
async fn a_full_work_pool_answers_busy() {
    let limits = WorkLimits {
        threads: 1,
        queue: 0,
        deadline: Duration::from_millis(500),
        ..WorkLimits::default()
    };
    let app = app_with(limits);
    let heavy = tokio::spawn(app.clone().oneshot(api_request(&quadratic(100_000))));
    wait_for_admitted(&app, 1).await;

    let response = app.clone().oneshot(api_request(&json!({"pattern": "a", "text": "a"}))).await;
    let response = response.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()[header::RETRY_AFTER], "1");
    let body: Value = serde_json::from_str(&body_of(response).await).unwrap();
    assert_eq!(body["error"], "busy");

    let response = app.clone().oneshot(form_request("pattern=a&text=a")).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(body_of(response).await.contains("busy"));
    let response = app.clone().oneshot(form_request("pattern=a&text=a&fragment=1")).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let html = body_of(response).await;
    assert!(html.contains(r#"data-state="error""#) && html.contains("busy"), "{html}");
    // Pages that depend on no input are still served.
    let response = app.oneshot(Request::get("/regex").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);

    assert_eq!(heavy.await.unwrap().unwrap().status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn many_groups_are_listed_only_while_the_answer_has_room() {
    let pattern = "()".repeat(1000);
    let text = "a".repeat(999);
    let request = api_request(&json!({"pattern": pattern, "text": text}));
    let testing::Reply { status, body, .. } = testing::send(&app(), request).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.len() <= crate::MAX_LISTED_BYTES, "{} bytes", body.len());
    let body: Value = serde_json::from_str(&body).unwrap();
    let listed = body["listed"].as_u64().unwrap();
    assert!(0 < listed && listed < 1000, "{listed}");
    assert_eq!(body["matches"].as_array().unwrap().len() as u64, listed);
    assert_eq!(
        (body["match_count"].as_u64(), body["limited_by"].as_str()),
        (Some(1000), Some("output"))
    );

    let form = format!("pattern={}&text={text}", "%28%29".repeat(1000));
    let (status, html) = post_form(&form).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&format!("1000 matches. Showing the first {listed} of 1000 matches (the answer is limited to 4 MiB")),
        "{}",
        &html[html.find("rx-summary").unwrap()..][..300]
    );
    // The groups table and the highlighting cover the listed matches only.
    assert_eq!(html.matches(r#"<th scope="row">"#).count() as u64, listed);
    assert_eq!(html.matches(r#"class="rx-empty""#).count() as u64, listed);
    assert!(html.len() <= crate::MAX_LISTED_BYTES, "{} bytes", html.len());
}

#[tokio::test]
async fn a_replacement_too_large_is_refused_with_its_size() {
    let text = "a".repeat(100_000);
    let (status, body) =
        api(json!({"pattern": ".+", "text": text, "replace": "$0".repeat(4096)})).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body["error"], "replacement_too_large");
    assert_eq!(body["size"], 4096 * 100_000);
    assert_eq!(body["limit"], crate::MAX_REPLACED_LEN);
}

#[test]
fn the_search_job_answers_in_its_wire_format() {
    let input = json!({
        "pattern": r"(\w)\1",
        "text": "hello moon",
        "flags": crate::Flags::default(),
        "flavor": "fancy",
        "replace": "<$1>",
        "limit": null
    });
    let deadline = devtools_kit::Deadline::after(Duration::from_secs(60));
    let answer = (super::SEARCH_JOB.run)(input.to_string().as_bytes(), deadline);
    let answer: Result<crate::Found, crate::RegexError> = serde_json::from_slice(&answer).unwrap();
    let found = answer.unwrap();
    assert_eq!(found.matches.count, 2);
    assert_eq!(found.matches.replaced.as_deref(), Some("he<l>o m<o>n"));
    // Errors come back as the library's errors, the backtracking limit too.
    let input = json!({
        "pattern": r"^(\w+\s?)*\1$",
        "text": format!("{}!", "a".repeat(40)),
        "flags": crate::Flags::default(),
        "flavor": "fancy",
        "replace": null,
        "limit": 10
    });
    let answer = (super::SEARCH_JOB.run)(input.to_string().as_bytes(), deadline);
    let answer: Result<crate::Found, crate::RegexError> = serde_json::from_slice(&answer).unwrap();
    assert!(matches!(answer, Err(crate::RegexError::BacktrackLimit { .. })), "{answer:?}");
    let error =
        crate::RegexError::ReplacementTooLarge { what: "the replaced text", len: 9, max: 8 };
    let back: crate::RegexError =
        serde_json::from_str(&serde_json::to_string(&error).unwrap()).unwrap();
    assert_eq!(back, error);
    assert!((super::SEARCH_JOB.run)(b"not json", deadline).is_empty());
}

#[test]
fn the_search_job_reuses_a_compiled_pattern_only_for_the_same_pattern_flavour_and_flags() {
    fn request(pattern: &str, flavor: crate::Flavor, case_insensitive: bool) -> crate::Request<'_> {
        crate::Request {
            pattern,
            text: "Ab ab",
            flags: crate::Flags { case_insensitive, ..crate::Flags::default() },
            flavor,
            replace: None,
            limit: None,
            deadline: None,
        }
    }
    let first = super::compiled(&request("ab", crate::Flavor::Rust, false)).unwrap();
    let again = super::compiled(&request("ab", crate::Flavor::Rust, false)).unwrap();
    assert!(std::rc::Rc::ptr_eq(&first, &again), "the same pattern is compiled once");
    // Each key part makes a different program, and each answers as a fresh compile would.
    for other in [
        request("ab", crate::Flavor::Rust, true),
        request("ab", crate::Flavor::Fancy, false),
        request("a", crate::Flavor::Rust, false),
    ] {
        let kept = super::compiled(&other).unwrap();
        assert!(!std::rc::Rc::ptr_eq(&first, &kept), "{other:?}");
        let found = crate::report::find_with(&other, |_| Ok::<_, crate::RegexError>(kept)).unwrap();
        assert_eq!(found, crate::find(&other).unwrap());
    }
    // A pattern that does not compile answers its error every time.
    for _ in 0..2 {
        assert!(super::compiled(&request("(", crate::Flavor::Rust, false)).is_err());
    }
    // Older patterns give way once more than the budget were compiled.
    for i in 0..super::COMPILED_KEPT.get() {
        super::compiled(&request(&format!("x{{{i}}}"), crate::Flavor::Rust, false)).unwrap();
    }
    let recompiled = super::compiled(&request("ab", crate::Flavor::Rust, false)).unwrap();
    assert!(!std::rc::Rc::ptr_eq(&first, &recompiled));
}

#[tokio::test]
async fn the_handler_answers_what_the_answer_layer_computes() {
    let bodies = [
        json!({"pattern": r"(?P<user>\w+)@(?P<host>[\w.]+)", "text": "ada@example.com", "flags": "i", "replace": "$user"}),
        json!({"pattern": r"(\w)\1", "text": "hello moon", "flavor": "fancy", "limit": 1}),
        json!({"pattern": "(ab", "text": "abc"}),
        json!({"pattern": "a", "text": "a".repeat(crate::MAX_TEXT_LEN + 1), "flavor": "fancy"}),
        json!({"pattern": "a", "text": "a", "flavor": "fancy", "replace": "\u{1}".repeat(crate::MAX_REPLACEMENT_LEN + 1)}),
    ];
    for body in bodies {
        let (status, answer) = api(body.clone()).await;
        let expected = match crate::answer(&serde_json::from_value(body.clone()).unwrap()) {
            Ok(report) => (StatusCode::OK, serde_json::to_value(report).unwrap()),
            Err(error) => {
                let error = devtools_kit::WebError::from(error);
                (error.status(), error.to_json())
            }
        };
        assert_eq!(
            (status, answer),
            expected,
            "{}",
            &body.to_string()[..100.min(body.to_string().len())]
        );
    }
}

/// What the API answers for one body: its status and JSON, for a snapshot.
async fn api_snapshot(body: &Value) -> Value {
    let reply = testing::post_json(&app(), "/api/regex", body).await;
    json!({ "status": reply.status.as_u16(), "body": reply.json() })
}

#[tokio::test]
async fn api_answers_snapshot() {
    let emails = json!({
        "pattern": r"(?P<user>\w+)@(?P<host>[\w.]+)",
        "text": "Mail ada@example.com or BOB@Example.org",
        "flags": "i",
        "replace": "$user at $host"
    });
    insta::assert_json_snapshot!("api_emails", api_snapshot(&emails).await);
    let fancy = json!({
        "pattern": r"\b(\w+)\s+\1\b(?=\.)",
        "text": "né the the. so so",
        "flavor": "fancy",
        "limit": 1
    });
    insta::assert_json_snapshot!("api_fancy_backreference", api_snapshot(&fancy).await);
    let truncated = json!({"pattern": "a|", "text": "aab", "limit": 2});
    insta::assert_json_snapshot!("api_truncated", api_snapshot(&truncated).await);
}

#[tokio::test]
async fn api_errors_snapshot() {
    let long = "a".repeat(crate::MAX_PATTERN_LEN + 1);
    let deep = format!("{}a{}", "(".repeat(100), ")".repeat(100));
    let cases = [
        ("invalid_pattern_syntax", json!({"pattern": "a[b", "text": ""})),
        ("invalid_pattern_fancy", json!({"pattern": "(?<=a+)b(", "text": "", "flavor": "fancy"})),
        ("invalid_pattern_too_deep", json!({"pattern": deep, "text": ""})),
        ("invalid_pattern_too_long", json!({"pattern": long, "text": ""})),
        ("invalid_pattern_too_big", json!({"pattern": r"\w{1000}", "text": ""})),
        ("invalid_flags", json!({"pattern": "a", "text": "", "flags": "ig"})),
        ("invalid_flavor", json!({"pattern": "a", "text": "", "flavor": "pcre"})),
        ("text_too_large", json!({"pattern": "a", "text": "a".repeat(crate::MAX_TEXT_LEN + 1)})),
        (
            "replacement_too_large",
            json!({"pattern": "a", "text": "a", "replace": "x".repeat(crate::MAX_REPLACEMENT_LEN + 1)}),
        ),
        (
            "replaced_text_too_large",
            json!({"pattern": ".+", "text": "a".repeat(100_000), "replace": "$0".repeat(4096)}),
        ),
        (
            "backtrack_limit",
            json!({"pattern": r"^(\w+\s?)*\1$", "text": format!("{}!", "a".repeat(40)), "flavor": "fancy"}),
        ),
        ("invalid_request_missing_pattern", json!({"text": "no pattern"})),
        ("invalid_request_wrong_type", json!({"pattern": "a", "limit": "many"})),
    ];
    for (name, body) in cases {
        insta::assert_json_snapshot!(name, api_snapshot(&body).await);
    }
}

#[tokio::test]
async fn pages_snapshot() {
    let app = app();
    let empty = testing::get(&app, "/regex").await;
    assert_eq!(empty.status, StatusCode::OK);
    insta::assert_snapshot!("page_empty", empty.main());

    let form = "pattern=%5Cb(%3F%3Cyear%3E%5Cd%7B4%7D)-(%3F%3Cmonth%3E%5Cd%5Cd)%5Cb&flags=i&text=Released+2024-05%2C+patched+2025-01.&replace=%24%7Bmonth%7D%2F%24year&flavor=rust";
    let example = testing::post_form(&app, "/regex", form).await;
    assert_eq!(example.status, StatusCode::OK);
    insta::assert_snapshot!("page_example", example.main());

    let bad = testing::post_form(&app, "/regex", "pattern=ab(c&text=abc").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    insta::assert_snapshot!("page_invalid_pattern", bad.main());

    let fragment = testing::post_form(&app, "/regex", &format!("{form}&fragment=1")).await;
    assert_eq!(fragment.status, StatusCode::OK);
    insta::assert_snapshot!("fragment_example", fragment.body);
}

#[test]
fn the_api_document_describes_every_property_and_no_bare_object() {
    let document = serde_json::to_value(super::api_doc().openapi).unwrap();
    let schemas = document["components"]["schemas"].as_object().unwrap();
    for name in ["RegexRequest", "RegexReport", "RegexMatch", "RegexGroup", "RegexNode"] {
        assert!(schemas.contains_key(name), "{name} missing: {:?}", schemas.keys());
    }
    let mut problems = Vec::new();
    for (name, schema) in schemas {
        if schema["type"] == "object" && schema.get("properties").is_none() {
            problems.push(format!("{name} is a bare object"));
        }
        for (property, value) in schema["properties"].as_object().into_iter().flatten() {
            if value.get("description").is_none() {
                problems.push(format!("{name}.{property} has no description: {value}"));
            }
            let items = &value["items"];
            if value.get("type") == Some(&json!("object")) && value.get("properties").is_none()
                || items.get("type") == Some(&json!("object")) && items.get("properties").is_none()
            {
                problems.push(format!("{name}.{property} is a bare object: {value}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{problems:#?}\n{}",
        serde_json::to_string_pretty(schemas).unwrap()
    );
}

#[tokio::test]
async fn every_api_example_gives_the_same_answer_on_the_page_and_parses_on_the_command_line() {
    let app = app();
    let examples = super::api_doc().examples;
    assert_eq!(examples[0].status, 200, "success first");
    for example in examples {
        let Some(devtools_kit::PageRequest::Post { path, form }) = &example.page else {
            panic!("{}: no page form", example.name)
        };
        let page = testing::post_form(&app, path, form).await;
        assert_eq!(page.status.as_u16(), example.status, "{}", example.name);
        match example.response["message"].as_str() {
            Some(message) => assert!(page.body.contains(message), "{}: {message}", example.name),
            None => assert!(
                page.body.contains(&format!("{} matches.", example.response["match_count"])),
                "{}",
                example.name
            ),
        }
        let api = testing::post_json(&app, "/api/regex", example.body.as_ref().unwrap()).await;
        assert_eq!((api.status.as_u16(), api.json()), (example.status, example.response.clone()));
        #[cfg(feature = "cli")]
        {
            let args =
                std::iter::once("devtools".to_owned()).chain(example.cli.iter().skip(1).cloned());
            crate::cli::command().clap().try_get_matches_from(args).unwrap();
        }
    }
}

#[tokio::test]
async fn the_page_refuses_what_the_api_refuses_with_the_same_message() {
    let cases = [
        ("pattern=a&flavor=perl", json!({"pattern": "a", "flavor": "perl"})),
        ("pattern=a&flags=ig", json!({"pattern": "a", "flags": "ig"})),
        ("pattern=a%7B2%2C1%7D", json!({"pattern": "a{2,1}"})),
    ];
    for (form, body) in cases {
        let (status, html) = post_form(form).await;
        let (api_status, answer) = api(body).await;
        assert_eq!(status, api_status, "{form}");
        let message = answer["message"].as_str().unwrap();
        let escaped = message
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#x27;");
        assert!(html.contains(&escaped), "{form}: {message}");
    }
    let text = "a".repeat(crate::MAX_TEXT_LEN + 1);
    let (status, html) = post_form(&format!("pattern=a&text={text}")).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(html.contains("text_too_large"));
    let (status, html) = post_form("pattern=a&text=aaa&limit=many").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("invalid_request"), "{html}");
    let (status, html) = post_form("pattern=a&text=aaa&limit=2").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("3 matches. The first 2 are highlighted and listed."), "{html}");
}

#[test]
fn site_search_finds_the_tester_by_its_flavours_and_constructs() {
    // Before, "pcre2", "ecmascript", "javascript", "lookbehind" and "named group" found nothing.
    let index =
        devtools_kit::SearchIndex::new(vec![devtools_kit::SearchEntry::for_tool(&crate::META)]);
    for query in [
        "pcre2",
        "pcre",
        "php",
        "preg_match",
        "ecmascript",
        "javascript",
        "js",
        "lookbehind",
        "look-behind",
        "lookahead",
        "look-ahead",
        "backreference",
        "named group",
        "atomic group",
        "unicode property",
    ] {
        assert_eq!(index.search(query, 5).len(), 1, "{query:?} finds the regex tester");
    }
}

#[tokio::test]
async fn known_regress_divergences_are_warned_about_saying_what_javascript_does() {
    // \u{61} without u: JavaScript reads u 61 times, and so does the answer (regress alone would read U+0061);
    // the warning names the code point that was probably meant.
    let (status, body) =
        api(json!({"pattern": r"x\u{3}", "text": r"xa x\u{3} xuuu", "flavor": "ecmascript"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["matches"].as_array().map(Vec::len), Some(1), "{body}");
    assert_eq!(body["matches"][0]["start"], 10, "{body}");
    let warning = &body["warnings"][0];
    assert_eq!(warning["kind"], "annex_b_syntax");
    assert_eq!(warning["part"], "pattern");
    assert_eq!((warning["start"].as_u64(), warning["end"].as_u64()), (Some(1), Some(6)));
    assert_eq!(warning["suggestion"], r"\u0003");
    let message = warning["message"].as_str().unwrap();
    assert!(message.contains("u repeated 3 times") && message.contains("U+0003"), "{message}");
    let (_, body) =
        api(json!({"pattern": r"^[\u{61}]+$", "text": "u{61}", "flavor": "ecmascript"})).await;
    assert_eq!(body["matches"].as_array().map(Vec::len), Some(1), "{body}");
    assert!(body["warnings"][0]["message"].as_str().unwrap().contains("in the class"), "{body}");
    // With u the code point; the same \u{61} then matches "a".
    let (_, body) =
        api(json!({"pattern": r"\u{61}", "text": "a", "flags": "u", "flavor": "ecmascript"})).await;
    assert_eq!(body["matches"].as_array().map(Vec::len), Some(1), "{body}");
    // \u{61}{2} is an error in JavaScript (nothing to repeat), pointed at in the pattern as written (see
    // `errors_point_at_the_fault`).
    let (status, body) =
        api(json!({"pattern": r"a\u{61}{2}", "text": "a", "flavor": "ecmascript"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(
        (&body["error"], &body["span"]["start"]),
        (&json!("invalid_pattern"), &json!(9)),
        "{body}"
    );
    // With u the engine and JavaScript agree; an escaped backslash starts no \u.
    for (pattern, flags) in [(r"\u{61}", "u"), (r"\u{61}", "v"), (r"\\u{2}", "")] {
        let (_, body) =
            api(json!({"pattern": pattern, "text": "a", "flags": flags, "flavor": "ecmascript"}))
                .await;
        assert!(body.get("warnings").is_none(), "{pattern} /{flags}: {body}");
    }
    // /ſ/i without u: JavaScript matches only ſ; regress also S and s.
    let (_, body) =
        api(json!({"pattern": "ſ", "text": "ſ S s", "flags": "i", "flavor": "ecmascript"})).await;
    let warning = &body["warnings"][0];
    assert_eq!((warning["part"].as_str(), warning["start"].as_u64()), (Some("pattern"), Some(0)));
    assert!(warning["message"].as_str().unwrap().contains("matches only ſ"), "{body}");
    let (_, body) =
        api(json!({"pattern": "ı", "text": "I", "flags": "i", "flavor": "ecmascript"})).await;
    assert!(body["warnings"][0]["message"].as_str().unwrap().contains("U+0131"), "{body}");
    // /s/i on ſ: the match is regress's, not JavaScript's; the warning points into the text.
    let (_, body) =
        api(json!({"pattern": "s", "text": "a ſ", "flags": "i", "flavor": "ecmascript"})).await;
    let warning = &body["warnings"][0];
    assert_eq!((warning["part"].as_str(), warning["start"].as_u64()), (Some("text"), Some(2)));
    for (pattern, flags, text) in [("ſ", "iu", "S"), ("ſ", "", "S"), ("s", "i", "s S")] {
        let (_, body) =
            api(json!({"pattern": pattern, "text": text, "flags": flags, "flavor": "ecmascript"}))
                .await;
        assert!(body.get("warnings").is_none(), "{pattern} /{flags}: {body}");
    }
    // The other flavours have no such divergence.
    let (_, body) =
        api(json!({"pattern": "ſ", "text": "S", "flags": "i", "flavor": "fancy"})).await;
    assert!(body.get("warnings").is_none(), "{body}");
}
