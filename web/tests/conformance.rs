//! Conformance: every registered tool keeps the site's promises, checked from `tools::all()` alone.
//!
//! Nothing here names a tool. A tool added to `web/src/tools.rs` is covered at once: its page renders as HTML
//! without inline code, it has a card on the home page and a link in the navigation, site-wide search finds it,
//! its related tools exist and are linked, and every error its JSON API gives is `{"error", "message"}` JSON with
//! a 4xx status. The API's endpoints are `/api/{slug}` and those its page and scripts mention, so a documented
//! endpoint that does not exist fails too. And the three front ends give one answer: every API example a tool
//! documents names the same input on the command line and on the page, and the API's body, `devtools … --json`
//! and the page's status (and message, for an error) must agree.
//!
//! Each test checks every tool and reports every problem at once, not just the first.

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use devtools_kit::testing::{self, Reply};
use devtools_kit::{ApiExample, PageRequest, Tool};
use serde_json::Value;
use std::collections::BTreeSet;

fn app() -> Router {
    devtools_web::app().expect("the site assembles")
}

/// Every registered tool; a test over an empty list would pass without checking anything.
fn tools() -> Vec<Tool> {
    let tools = devtools_web::tools::all();
    assert!(!tools.is_empty(), "no tools registered");
    tools
}

async fn send(
    app: &Router,
    method: Method,
    uri: &str,
    content_type: Option<&str>,
    body: &str,
) -> Reply {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    testing::send(app, request.body(Body::from(body.to_owned())).expect("a valid request")).await
}

async fn get(app: &Router, uri: &str) -> Reply {
    testing::get(app, uri).await
}

fn media_type(reply: &Reply) -> &str {
    reply.header(header::CONTENT_TYPE)
}

/// Text as the templates write it.
fn escape(text: &str) -> String {
    devtools_kit::escape_html(text).into_owned()
}

/// `href="…"` as the templates write a link to `path`.
fn href(path: &str) -> String {
    format!("href=\"{}\"", escape(path))
}

fn percent_encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The part of `html` from `start` to the next `end`, or an empty string.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let Some(from) = html.find(start) else { return "" };
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// Inline scripts, inline styles, event-handler attributes and `javascript:` URLs, which the CSP blocks.
fn inline_code(html: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if html.contains("<style") {
        problems.push("a <style> element".to_owned());
    }
    for (at, _) in html.match_indices('<') {
        let tag = &html[at..at + html[at..].find('>').unwrap_or(html.len() - at)];
        let lower = tag.to_ascii_lowercase();
        if lower.starts_with("<script") && !lower.contains(" src=") {
            problems.push(format!("an inline script: {tag}>"));
        }
        for attribute in lower.split_whitespace().skip(1) {
            let name = attribute.split('=').next().unwrap_or_default();
            let handler = name.len() > 2
                && name.starts_with("on")
                && name.bytes().all(|b| b.is_ascii_lowercase())
                && attribute.contains('=');
            if handler || name == "style" {
                problems.push(format!("attribute {name} in {tag}>"));
            }
        }
        if lower.contains("javascript:") {
            problems.push(format!("a javascript: URL in {tag}>"));
        }
    }
    problems
}

fn assert_none(problems: &[String]) {
    assert!(problems.is_empty(), "{} problem(s):\n  {}", problems.len(), problems.join("\n  "));
}

#[tokio::test]
async fn every_tool_page_renders_html_without_inline_code() {
    let app = app();
    let mut problems = Vec::new();
    for tool in tools() {
        let meta = tool.meta;
        let page = get(&app, &meta.href()).await;
        if page.status != StatusCode::OK {
            problems.push(format!("{}: GET {} answered {}", meta.slug, meta.href(), page.status));
            continue;
        }
        if !media_type(&page).starts_with("text/html") {
            problems.push(format!("{}: the page is {:?}, not HTML", meta.slug, media_type(&page)));
        }
        for problem in inline_code(&page.body) {
            problems.push(format!("{}: {problem}", meta.slug));
        }
    }
    assert_none(&problems);
}

#[tokio::test]
async fn every_tool_has_a_card_on_the_home_page_and_a_link_in_the_nav() {
    let app = app();
    let home = get(&app, "/").await;
    assert_eq!(home.status, StatusCode::OK);
    let cards: Vec<&str> = home.body.split("<li class=\"card\">").skip(1).collect();
    let mut problems = Vec::new();
    for tool in tools() {
        let meta = tool.meta;
        let link = href(&meta.href());
        let name = escape(meta.name);
        let card = cards.iter().find(|card| card.contains(&link));
        match card {
            None => problems.push(format!("{}: no card links to {}", meta.slug, meta.href())),
            Some(card) if !card.contains(&format!("<span class=\"card__name\">{name}</span>")) => {
                problems.push(format!("{}: its card does not show its name", meta.slug));
            }
            Some(_) => {}
        }
        let nav = between(&home.body, "<nav class=\"tools-nav\"", "</nav>");
        if !(nav.contains(&link) && nav.contains(&name)) {
            problems.push(format!("{}: not in the home page's navigation", meta.slug));
        }
        let page = get(&app, &meta.href()).await;
        let nav = between(&page.body, "<nav class=\"tools-nav\"", "</nav>");
        if !nav.contains(&format!("{link} aria-current=\"page\"")) {
            problems
                .push(format!("{}: its own page does not mark it current in the nav", meta.slug));
        }
    }
    assert_none(&problems);
}

#[tokio::test]
async fn site_search_finds_every_tool_by_name_and_slug() {
    let app = app();
    let mut problems = Vec::new();
    for tool in tools() {
        let meta = tool.meta;
        for query in [meta.name, meta.slug] {
            let reply = get(&app, &format!("/api/search?q={}", percent_encode(query))).await;
            let json: Value = serde_json::from_str(&reply.body).unwrap_or_default();
            let found = json["results"].as_array().is_some_and(|results| {
                results.iter().any(|r| r["kind"] == "tool" && r["href"] == meta.href())
            });
            if reply.status != StatusCode::OK || !found {
                problems.push(format!("{}: /api/search?q={query:?} does not find it", meta.slug));
            }
            let page = get(&app, &format!("/search?q={}", percent_encode(query))).await;
            let results = between(&page.body, "<ul class=\"search-results\">", "</ul>");
            if !results.contains(&href(&meta.href())) {
                problems.push(format!("{}: /search?q={query:?} does not list it", meta.slug));
            }
        }
    }
    assert_none(&problems);
}

#[tokio::test]
async fn every_related_tool_exists_and_is_linked_from_the_page() {
    let app = app();
    let tools = tools();
    let slugs: BTreeSet<&str> = tools.iter().map(|tool| tool.meta.slug).collect();
    let mut problems = Vec::new();
    for tool in &tools {
        let meta = tool.meta;
        let page = get(&app, &meta.href()).await;
        let related = between(&page.body, "<aside class=\"related-tools\"", "</aside>");
        for slug in meta.related {
            if *slug == meta.slug {
                problems.push(format!("{}: lists itself as related", meta.slug));
            } else if !slugs.contains(slug) {
                problems.push(format!("{}: related tool {slug:?} is not registered", meta.slug));
            } else if !related.contains(&href(&format!("/{slug}"))) {
                problems.push(format!("{}: related tool {slug:?} is not linked", meta.slug));
            }
        }
        let unique: BTreeSet<&&str> = meta.related.iter().collect();
        if unique.len() != meta.related.len() {
            problems.push(format!("{}: a related tool is listed twice", meta.slug));
        }
    }
    assert_none(&problems);
}

/// The API paths of a tool: `/api/{slug}` and every `/api/{slug}/…` path its page or scripts mention.
fn api_paths(slug: &str, texts: &[String]) -> BTreeSet<String> {
    let base = format!("/api/{slug}");
    let mut paths = BTreeSet::from([base.clone()]);
    for text in texts {
        for (at, _) in text.match_indices(&base) {
            let rest = &text[at..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || "-_./".contains(c)))
                .unwrap_or(rest.len());
            let path = rest[..end].trim_end_matches(['/', '.']);
            if path == base || path.starts_with(&format!("{base}/")) {
                paths.insert(path.to_owned());
            }
        }
    }
    paths
}

/// Requests a client could get wrong: no input, junk input, bodies that are not what the endpoint reads, and a
/// method no endpoint takes.
const PROBES: &[(&str, &str, Option<&str>, &str)] = &[
    ("GET", "", None, ""),
    ("GET", "?=&%FF=%FE&%25", None, ""),
    ("POST", "", None, ""),
    ("POST", "", Some("application/json"), ""),
    ("POST", "", Some("application/json"), "{"),
    ("POST", "", Some("application/json"), "[]"),
    ("POST", "", Some("application/json"), "{\"\": null}"),
    ("POST", "", Some("application/x-www-form-urlencoded"), "%FF=%FE"),
    ("PUT", "", Some("application/json"), "{}"),
];

/// Whether a 4xx answer is the common error shape; the problem if not.
fn error_shape(reply: &Reply) -> Result<(), String> {
    if !media_type(reply).starts_with("application/json") {
        return Err(format!("is {:?}, not JSON", media_type(reply)));
    }
    let json: Value =
        serde_json::from_str(&reply.body).map_err(|error| format!("is not JSON ({error})"))?;
    let kind = json["error"].as_str().unwrap_or_default();
    let snake = !kind.is_empty()
        && kind.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !snake {
        return Err(format!("has no snake_case \"error\" kind: {}", reply.body));
    }
    if json["message"].as_str().is_none_or(|message| message.trim().is_empty()) {
        return Err(format!("has no \"message\": {}", reply.body));
    }
    Ok(())
}

#[tokio::test]
async fn every_tool_api_answers_bad_input_with_json_errors_in_the_common_shape() {
    let app = app();
    let mut problems = Vec::new();
    for tool in tools() {
        let meta = tool.meta;
        let mut texts = vec![get(&app, &meta.href()).await.body];
        texts.extend(
            tool.assets.iter().map(|asset| String::from_utf8_lossy(asset.body).into_owned()),
        );
        let mut paths = api_paths(meta.slug, &texts);
        let documented: Vec<String> =
            paths.iter().filter(|path| **path != format!("/api/{}", meta.slug)).cloned().collect();
        paths.insert(format!("/api/{}/no-such-endpoint", meta.slug));

        let mut exists = BTreeSet::new();
        let mut rejected_input = false;
        for path in &paths {
            for (method, query, content_type, body) in PROBES {
                let method = Method::from_bytes(method.as_bytes()).expect("a method");
                let uri = format!("{path}{query}");
                let reply = send(&app, method.clone(), &uri, *content_type, body).await;
                let what = format!("{}: {method} {uri} {content_type:?} {body:?}", meta.slug);
                if reply.status != StatusCode::NOT_FOUND {
                    exists.insert(path.clone());
                }
                if reply.status.is_success() {
                    if !media_type(&reply).starts_with("application/json") {
                        problems.push(format!("{what}: a success that is not JSON"));
                    }
                } else if reply.status.is_client_error() {
                    if let Err(problem) = error_shape(&reply) {
                        problems.push(format!("{what}: the {} error {problem}", reply.status));
                    }
                    let not_routing = ![StatusCode::NOT_FOUND, StatusCode::METHOD_NOT_ALLOWED]
                        .contains(&reply.status);
                    rejected_input |= not_routing;
                } else {
                    problems.push(format!("{what}: answered {}", reply.status));
                }
            }
        }
        for path in &documented {
            if !exists.contains(path) {
                problems
                    .push(format!("{}: the page mentions {path}, which does not exist", meta.slug));
            }
        }
        if !exists.is_empty() && !rejected_input {
            problems.push(format!(
                "{}: no bad input reached the API (endpoints {exists:?}); its page should name them",
                meta.slug
            ));
        }
    }
    assert_none(&problems);
}

/// The request an API example documents: its path with the path parameters filled in and the rest as the query.
fn example_request(example: &ApiExample) -> Request<Body> {
    let mut path = example.path.to_owned();
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in &example.params {
        let placeholder = format!("{{{name}}}");
        if path.contains(&placeholder) {
            path = path.replace(&placeholder, &percent_encode(value));
        } else {
            query.append_pair(name, value);
        }
    }
    let query = query.finish();
    let uri = if query.is_empty() { path } else { format!("{path}?{query}") };
    let request = Request::builder().method(example.method.clone()).uri(uri);
    match &example.body {
        Some(body) => request
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string())),
        None => request.body(Body::empty()),
    }
    .expect("a valid request")
}

/// `devtools ARGS --json`: its exit code and its standard output as JSON.
fn cli_json(args: &[String]) -> Result<(i32, Value), String> {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_devtools"))
        .args(args)
        .arg("--json")
        .stdin(std::process::Stdio::null())
        .env("NO_COLOR", "1")
        .output()
        .map_err(|error| format!("cannot run devtools: {error}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let json = serde_json::from_str(&stdout).map_err(|error| {
        let stderr = String::from_utf8_lossy(&output.stderr);
        format!("printed no JSON ({error}): {stdout}{stderr}")
    })?;
    Ok((output.status.code().unwrap_or(-1), json))
}

/// What an answer's time-dependent parts look like, so two answers computed a moment apart compare equal: the
/// numbers of seconds from now, which tick between the API's call and the command line's.
fn without_clock(mut value: Value) -> Value {
    match &mut value {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                if key.ends_with("_in") || key.ends_with("_ago") || key == "now" {
                    *item = Value::Null;
                } else {
                    *item = without_clock(item.take());
                }
            }
        }
        Value::Array(items) => {
            for item in items.iter_mut() {
                *item = without_clock(item.take());
            }
        }
        _ => {}
    }
    value
}

#[tokio::test]
async fn page_api_and_cli_give_the_same_answer_for_every_example() {
    let app = app();
    let mut problems = Vec::new();
    for tool in tools() {
        let slug = tool.meta.slug;
        let Some(api) = tool.api.map(|api_doc| api_doc()) else { continue };
        if !api.examples.iter().any(|example| !example.cli.is_empty()) {
            problems.push(format!("{slug}: no API example names its command line"));
        }
        if !api.examples.iter().any(|example| example.page.is_some()) {
            problems.push(format!("{slug}: no API example names its page request"));
        }
        for example in &api.examples {
            let what = format!("{slug} example {:?}", example.name);
            let reply = testing::send(&app, example_request(example)).await;
            let body = reply.json();
            if reply.status.as_u16() != example.status {
                problems.push(format!(
                    "{what}: the API answered {}, documented {}",
                    reply.status, example.status
                ));
            }
            if !example.cli.is_empty() {
                match cli_json(&example.cli) {
                    Ok((code, json)) => {
                        let expected_code = if reply.status.is_success() { 0 } else { 1 };
                        if code != expected_code {
                            problems.push(format!(
                                "{what}: `devtools {}` exited {code}, expected {expected_code}",
                                example.cli.join(" ")
                            ));
                        }
                        if without_clock(json.clone()) != without_clock(body.clone()) {
                            problems.push(format!("{what}: `devtools {} --json` printed {json}, the API answered {body}", example.cli.join(" ")));
                        }
                    }
                    Err(problem) => problems
                        .push(format!("{what}: `devtools {}`: {problem}", example.cli.join(" "))),
                }
            }
            let Some(page_request) = &example.page else { continue };
            let page = match page_request {
                PageRequest::Get(uri) => testing::get(&app, uri).await,
                PageRequest::Post { path, form } => testing::post_form(&app, path, form).await,
            };
            if page.status != reply.status {
                problems.push(format!(
                    "{what}: the page answered {}, the API {}",
                    page.status, reply.status
                ));
            }
            // An invalid input is re-rendered with the answer's own message; a page for something that does not
            // exist (an unknown status code) is a 404 page of its own, with suggestions instead.
            let invalid =
                [StatusCode::BAD_REQUEST, StatusCode::PAYLOAD_TOO_LARGE].contains(&reply.status);
            if let Some(message) = body["message"].as_str().filter(|_| invalid)
                && !page.body.contains(&escape(message))
            {
                problems
                    .push(format!("{what}: the page does not show the API's message {message:?}"));
            }
        }
    }
    assert_none(&problems);
}

#[test]
fn api_paths_come_from_the_slug_and_the_text() {
    let text = "<code>POST /api/jwt/decode</code> and /api/jwt/encode. See /api/jwtx, /api/jwt?x=1";
    let paths: Vec<String> = api_paths("jwt", &[text.to_owned()]).into_iter().collect();
    assert_eq!(paths, ["/api/jwt", "/api/jwt/decode", "/api/jwt/encode"]);
}

#[test]
fn inline_code_is_found_in_all_its_forms() {
    assert!(
        inline_code("<p class=\"x\">on=1 style= words</p><script src=\"/a.js\"></script>")
            .is_empty()
    );
    for html in [
        "<script>alert(1)</script>",
        "<p style=\"color: red\">",
        "<style>p {}</style>",
        "<button onclick=\"go()\">",
        "<a href=\"javascript:go()\">",
    ] {
        assert_eq!(inline_code(html).len(), 1, "{html}");
    }
}
