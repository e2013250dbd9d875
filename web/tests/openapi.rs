//! The JSON API's OpenAPI 3.1 document at `/api/openapi.json` and the `/api` page that lists it.
//!
//! The document is checked against the routes the tools serve, its error responses against the shared error
//! schema, and every example it carries is sent to the real router: the stored answer must be exactly what the
//! handler answers, so an example can never go stale.

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use devtools_kit::testing::{Reply, get, send};
use serde_json::Value;
use std::collections::BTreeSet;

fn app() -> Router {
    devtools_web::app().expect("the site assembles")
}

async fn document(app: &Router) -> Value {
    let reply = get(app, "/api/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header(header::CONTENT_TYPE), "application/json");
    reply.json()
}

/// Every JSON endpoint the site's own tools route, as `METHOD path`. A tool added later (`just new-tool`) adds
/// its own endpoints to the document; they are checked by the other tests without being listed here.
const ROUTES: &[&str] = &[
    "GET /api/color",
    "GET /api/color/contrast",
    "GET /api/color/palettes",
    "GET /api/cron",
    "GET /api/http-status",
    "GET /api/http-status/{code}",
    "GET /api/openapi.json",
    "GET /api/search",
    "POST /api/jwt/decode",
    "POST /api/jwt/encode",
    "POST /api/regex",
];

fn operations(document: &Value) -> Vec<(String, String, &Value)> {
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("a path item") {
            operations.push((method.to_ascii_uppercase(), path.clone(), operation));
        }
    }
    operations
}

#[tokio::test]
async fn the_document_is_openapi_3_1_and_describes_exactly_the_routed_endpoints() {
    let app = app();
    let document = document(&app).await;
    let version = document["openapi"].as_str().expect("an openapi version");
    assert!(version.starts_with("3.1."), "openapi {version}");
    assert_eq!(document["info"]["title"], "devtools");
    assert!(document["info"]["version"].is_string());

    let documented: BTreeSet<String> =
        operations(&document).iter().map(|(method, path, _)| format!("{method} {path}")).collect();
    let routed: BTreeSet<String> = ROUTES.iter().map(|route| (*route).to_owned()).collect();
    let missing: Vec<&String> = routed.difference(&documented).collect();
    assert!(missing.is_empty(), "routed but not documented: {missing:?}");
    assert!(documented.iter().all(|route| route.contains(" /api/")), "{documented:?}");
    let ids: BTreeSet<&str> = operations(&document)
        .iter()
        .filter_map(|(_, _, operation)| operation["operationId"].as_str())
        .collect();
    assert_eq!(ids.len(), documented.len(), "operationIds are missing or not unique");

    // Each documented operation really is routed: a request to it is not "no such route" or "wrong method".
    for (method, path, _) in operations(&document) {
        let uri = path.replace("{code}", "404");
        let request = Request::builder()
            .method(Method::from_bytes(method.as_bytes()).expect("a method"))
            .uri(&uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{}"))
            .expect("a valid request");
        let Reply { status, body, .. } = send(&app, request).await;
        assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}: {body}");
        assert_ne!(status, StatusCode::NOT_FOUND, "{method} {uri} is not routed: {body}");
    }
}

#[tokio::test]
async fn every_operation_is_described_and_every_4xx_uses_the_error_schema() {
    let document = document(&app()).await;
    let error = &document["components"]["schemas"]["ApiError"];
    assert_eq!(error["type"], "object");
    let required: BTreeSet<&str> =
        error["required"].as_array().expect("required").iter().filter_map(Value::as_str).collect();
    assert_eq!(required, BTreeSet::from(["error", "message"]));

    for (method, path, operation) in operations(&document) {
        let name = format!("{method} {path}");
        assert!(operation["summary"].as_str().is_some_and(|s| !s.is_empty()), "{name}: no summary");
        let responses = operation["responses"].as_object().expect("responses");
        assert!(responses.contains_key("200"), "{name}: no 200");
        for (status, response) in responses {
            if status.starts_with('4') {
                assert_eq!(
                    response["content"]["application/json"]["schema"]["$ref"],
                    "#/components/schemas/ApiError",
                    "{name} {status}"
                );
            }
        }
        // Parameters in the path template are declared as path parameters, and the other way round.
        let in_path: BTreeSet<&str> = path
            .split('/')
            .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
            .collect();
        let declared: BTreeSet<&str> = operation["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|p| p["in"] == "path")
            .filter_map(|p| p["name"].as_str())
            .collect();
        assert_eq!(in_path, declared, "{name}");
    }

    // Every schema reference resolves.
    let text = document.to_string();
    for reference in text.split("\"$ref\":\"").skip(1) {
        let reference = reference.split('"').next().unwrap_or_default();
        let pointer = reference.trim_start_matches('#');
        assert!(document.pointer(pointer).is_some(), "dangling reference {reference}");
    }
}

#[tokio::test]
async fn every_stored_example_is_what_the_handler_answers() {
    let app = app();
    let document = document(&app).await;
    let endpoints = devtools_kit::api::endpoints(&document);
    assert!(endpoints.len() >= ROUTES.len(), "{} endpoints", endpoints.len());
    let mut checked = 0;
    for endpoint in &endpoints {
        if endpoint.path == "/api/openapi.json" {
            continue;
        }
        assert!(
            !endpoint.examples.is_empty(),
            "{} {} has no example",
            endpoint.method,
            endpoint.path
        );
        for example in &endpoint.examples {
            let request = Request::builder()
                .method(Method::from_bytes(example.method.as_bytes()).expect("a method"))
                .uri(&example.url);
            let request = match &example.body {
                Some(body) => request
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(body.clone())),
                None => request.body(Body::empty()),
            }
            .expect("a valid request");
            let reply = send(&app, request).await;
            let name = format!("{} {} example {:?}", example.method, example.url, example.name);
            assert_eq!(reply.status.as_u16(), example.status, "{name}: {}", reply.body);
            let content_type = reply.header(header::CONTENT_TYPE);
            assert!(content_type.starts_with("application/json"), "{name}: {content_type}");
            let answer = reply.json();
            assert_eq!(answer, example.response, "{name}: the stored answer is stale");
            checked += 1;
        }
        // Success first, so the page leads with what an endpoint is for.
        assert_eq!(endpoint.examples[0].status, 200, "{} {}", endpoint.method, endpoint.path);
    }
    assert!(checked >= ROUTES.len() - 1, "only {checked} examples");
}

#[tokio::test]
async fn the_api_page_lists_every_endpoint_with_its_examples() {
    let app = app();
    let endpoints = devtools_kit::api::endpoints(&document(&app).await);
    let request = Request::get("/api")
        .header(header::HOST, "tools.example.test")
        .body(Body::empty())
        .expect("a valid request");
    let reply = send(&app, request).await;
    assert_eq!(reply.status, StatusCode::OK);
    let content_type = reply.header(header::CONTENT_TYPE);
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let html = &reply.body;
    assert!(!html.contains("<script>") && !html.contains("style="), "inline code on /api");
    // minijinja's HTML escaping; the reply has `&#x2f;` turned back into `/` already.
    let escaped = |text: &str| {
        text.replace('&', "&amp;")
            .replace('\'', "&#x27;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    for endpoint in &endpoints {
        assert!(html.contains(&format!("id=\"{}\"", endpoint.id)), "{} missing", endpoint.path);
        assert!(html.contains(&escaped(&endpoint.path)), "{} missing", endpoint.path);
        for example in &endpoint.examples {
            // The URL is shell-quoted only when it needs to be.
            let url = format!("http://tools.example.test{}", example.url);
            let found = [format!("curl {url}"), format!("curl '{url}")]
                .iter()
                .any(|curl| html.contains(&escaped(curl)));
            assert!(found, "no curl line for {}", example.url);
        }
    }
    assert!(html.contains("href=\"/api/openapi.json\""));
}

#[tokio::test]
async fn the_home_page_and_the_footer_link_to_the_api_page() {
    let app = app();
    for path in ["/", "/cron"] {
        let html = get(&app, path).await.body;
        assert!(html.contains("<li><a href=\"/api\">JSON API</a></li>"), "{path}: no footer link");
    }
    let home = get(&app, "/").await.body;
    assert!(home.contains("<a href=\"/api\">the JSON API</a>"));
}
