//! Conformance: every registered tool keeps the site's promises, checked from `tools::all()` alone.
//!
//! Nothing here names a tool. A tool added to `web/src/tools.rs` is covered at once: its page renders as HTML
//! without inline code, it has a card on the home page and a link in the navigation, site-wide search finds it,
//! its related tools exist and are linked, and every error its JSON API gives is `{"error", "message"}` JSON with
//! a 4xx status. The API's endpoints are `/api/{slug}` and those its page and scripts mention, so a documented
//! endpoint that does not exist fails too.
//!
//! Each test checks every tool and reports every problem at once, not just the first.

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use devtools_kit::Tool;
use serde_json::Value;
use std::collections::BTreeSet;
use tower::ServiceExt;

struct Reply {
    status: StatusCode,
    content_type: String,
    body: String,
}

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
    let request = request.body(Body::from(body.to_owned())).expect("a valid request");
    let response = app.clone().oneshot(request).await.expect("the router is infallible");
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("a body");
    Reply { status, content_type, body: String::from_utf8_lossy(&bytes).into_owned() }
}

async fn get(app: &Router, uri: &str) -> Reply {
    send(app, Method::GET, uri, None, "").await
}

/// Text as minijinja's HTML autoescape writes it.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            '/' => out.push_str("&#x2f;"),
            c => out.push(c),
        }
    }
    out
}

/// `href="…"` as the templates write a link to `path`.
fn href(path: &str) -> String {
    format!("href=\"{}\"", escape(path))
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(byte).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
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
        if !page.content_type.starts_with("text/html") {
            problems.push(format!("{}: the page is {:?}, not HTML", meta.slug, page.content_type));
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
        let text = text.replace("&#x2f;", "/");
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
    if !reply.content_type.starts_with("application/json") {
        return Err(format!("is {:?}, not JSON", reply.content_type));
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
                    if !reply.content_type.starts_with("application/json") {
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

#[test]
fn api_paths_come_from_the_slug_and_the_text() {
    let text = "<code>POST &#x2f;api&#x2f;jwt&#x2f;decode</code> and /api/jwt/encode. See /api/jwtx, /api/jwt?x=1";
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
