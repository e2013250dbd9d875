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
    let error_schema = &document["components"]["schemas"]["ApiError"];
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
            if example.status >= 400 {
                // Every field an error carries is one the error schema declares and describes.
                for key in answer.as_object().expect("an error object").keys() {
                    let property = &error_schema["properties"][key];
                    assert!(
                        property.get("description").is_some(),
                        "{name}: ApiError lacks {key:?}"
                    );
                }
            }
            checked += 1;
        }
        // Success first, so the page leads with what an endpoint is for.
        assert_eq!(endpoint.examples[0].status, 200, "{} {}", endpoint.method, endpoint.path);
    }
    assert!(checked >= ROUTES.len() - 1, "only {checked} examples");
}

/// The document's `invalid_request` says an unknown parameter is refused: every `GET` operation, sent its own
/// example with one more parameter, answers `400 invalid_request` naming it, instead of silently ignoring a
/// misspelt `tz=` or `bg=`.
#[tokio::test]
async fn every_get_operation_refuses_a_parameter_it_does_not_take() {
    let app = app();
    let document = document(&app).await;
    let mut checked = 0;
    for endpoint in devtools_kit::api::endpoints(&document) {
        if endpoint.method != "GET" {
            continue;
        }
        let url = match endpoint.examples.first() {
            Some(example) => example.url.clone(),
            None => endpoint.path.clone(),
        };
        let separator = if url.contains('?') { '&' } else { '?' };
        let reply = get(&app, &format!("{url}{separator}no_such_parameter=1")).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{url}: {}", reply.body);
        let error = reply.json();
        assert_eq!(error["error"], "invalid_request", "{url}: {error}");
        let message = error["message"].as_str().expect("a message");
        assert!(message.contains("no_such_parameter"), "{url}: {message}");
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} GET operations");
}

/// OpenAPI 3.1 §4.8.19 (Example Object): an example's value should be compatible with its schema, and validators
/// and mock servers reject one that is not. Every stored example (parameter, body and response) is checked with a
/// JSON Schema 2020-12 validator against the document's own schema for it, references resolved in the document.
#[tokio::test]
async fn every_example_is_valid_against_its_schema() {
    let document = document(&app()).await;
    let components = &document["components"];
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut check = |holder: &Value, label: String| {
        let Some(examples) = holder["examples"].as_object() else { return };
        // The schema beside the document's components, so that `#/components/...` resolves.
        let mut schema = holder["schema"].clone();
        schema["components"] = components.clone();
        let validator = jsonschema::draft202012::new(&schema)
            .unwrap_or_else(|error| panic!("{label}: the schema does not compile: {error}"));
        for (name, example) in examples {
            for error in validator.iter_errors(&example["value"]) {
                failures.push(format!(
                    "{label} example {name:?}: {error} at {}",
                    error.instance_path()
                ));
            }
            checked += 1;
        }
    };
    for (method, path, operation) in operations(&document) {
        for parameter in operation["parameters"].as_array().into_iter().flatten() {
            check(parameter, format!("{method} {path} parameter {}", parameter["name"]));
        }
        check(
            &operation["requestBody"]["content"]["application/json"],
            format!("{method} {path} body"),
        );
        for (status, response) in operation["responses"].as_object().into_iter().flatten() {
            check(&response["content"]["application/json"], format!("{method} {path} {status}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 100, "only {checked} examples checked");
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
    let escaped = devtools_kit::escape_html;
    for endpoint in &endpoints {
        assert!(html.contains(&format!("id=\"{}\"", endpoint.id)), "{} missing", endpoint.path);
        assert!(html.contains(&*escaped(&endpoint.path)), "{} missing", endpoint.path);
        for example in &endpoint.examples {
            // The URL is shell-quoted only when it needs to be.
            let url = format!("http://tools.example.test{}", example.url);
            let found = [format!("curl {url}"), format!("curl '{url}")]
                .iter()
                .any(|curl| html.contains(&*escaped(curl)));
            assert!(found, "no curl line for {}", example.url);
        }
    }
    assert!(html.contains("href=\"/api/openapi.json\""));
    // The document's texts mark code with backticks; the page shows it as code, never the backticks themselves.
    let prose = without(&without(html, "<pre", "</pre>"), "<code>", "</code>");
    let backtick = prose
        .find('`')
        .map(|at| prose[at.saturating_sub(60)..].chars().take(120).collect::<String>());
    assert_eq!(backtick, None, "literal Markdown on /api");
}

/// `html` without the elements from `open` to `close` (not nested).
fn without(html: &str, open: &str, close: &str) -> String {
    let mut rest = html;
    let mut kept = String::with_capacity(html.len());
    while let Some(start) = rest.find(open) {
        kept.push_str(&rest[..start]);
        let end = rest[start..].find(close).map_or(rest.len(), |end| start + end + close.len());
        rest = &rest[end..];
    }
    kept.push_str(rest);
    kept
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

/// What a reader of the document cannot learn from it: a property with no description, an object whose members
/// are not described (no `properties`, and neither a schema for `additionalProperties` nor, for an explained
/// free-form map, `additionalProperties: true` with a description), and a time carried as an RFC 3339 string
/// without `format: date-time`. Times are found two ways, both precise: string-typed properties and parameters
/// named as times (`next`, `from`, `until`, `since`, `time`, `date`, `*_at`, `*_time`, `*_date`; NumericDate
/// claims such as `exp` are integers and so never match), and any string in the document's examples that parses
/// as an RFC 3339 date-time, checked against the schema that describes it.
#[tokio::test]
async fn every_property_is_described_no_object_is_bare_and_times_say_date_time() {
    let document = document(&app()).await;
    let Audit { properties, undescribed, bare, times, .. } = Audit::of(&document);
    let list = |title: &str, items: &BTreeSet<String>| {
        let lines: String = items.iter().map(|item| format!("\n  {item}")).collect();
        format!("{title} ({}):{lines}\n", items.len())
    };
    assert!(
        undescribed.is_empty() && bare.is_empty() && times.is_empty(),
        "\n{}{}{}",
        list(&format!("properties without a description, of {properties}"), &undescribed),
        list("objects whose members are not described", &bare),
        list("RFC 3339 times without format: date-time", &times),
    );
}

/// Descriptions come from doc comments, where rustdoc's intra-doc links (`` [`CHECK_LIMIT`] ``) name Rust items
/// an API reader cannot see; in the document they must say the value or the field instead. A CommonMark link
/// (`` [`text`](url) ``) is fine.
#[tokio::test]
async fn no_description_carries_a_rustdoc_link() {
    fn walk(value: &Value, at: &str, found: &mut Vec<String>) {
        match value {
            Value::Object(members) => {
                for (key, member) in members {
                    if let (Some(text), "description") = (member.as_str(), key.as_str()) {
                        let mut rest = text;
                        while let Some(start) = rest.find("[`") {
                            let after = &rest[start + 2..];
                            let Some(end) = after.find("`]") else { break };
                            let tail = &after[end + 2..];
                            if !tail.starts_with('(') {
                                found.push(format!("{at}: [`{}`]", &after[..end]));
                            }
                            rest = tail;
                        }
                    }
                    walk(member, &format!("{at}/{key}"), found);
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    walk(item, &format!("{at}/{index}"), found);
                }
            }
            _ => {}
        }
    }
    let document = document(&app()).await;
    let mut found = Vec::new();
    walk(&document, "", &mut found);
    assert!(found.is_empty(), "rustdoc links in descriptions:\n{}", found.join("\n"));
}

/// The audit itself, on a small document with one of each finding and the look-alikes it must let pass.
#[test]
fn the_audit_finds_exactly_what_it_should() {
    let document = serde_json::json!({
        "paths": {"/api/t": {"get": {
            "parameters": [
                {"name": "from", "in": "query", "schema": {"type": "string"}},
                {"name": "until", "in": "query", "schema": {"type": "string", "format": "date-time"}},
                {"name": "count", "in": "query", "schema": {"type": "string"},
                 "examples": {"a": {"value": "3"}}},
            ],
            "responses": {"200": {"content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/T"},
                "examples": {"a": {"value": {"when": "2026-03-27T12:00:00Z", "label": "2026-03-27",
                                              "inner": {"stamp": "2026-03-27T12:00:00+01:00"}}}},
            }}}},
        }}},
        "components": {"schemas": {
            "T": {"type": "object", "properties": {
                "plain": {"type": "string"},
                "described": {"type": "string", "description": "Said."},
                "blank": {"type": "string", "description": "  "},
                "optional_ref": {"oneOf": [{"$ref": "#/components/schemas/U", "description": "Said."},
                                           {"type": "null"}]},
                "bare_ref": {"$ref": "#/components/schemas/U"},
                "next": {"type": "array", "description": "d", "items": {"type": "string"}},
                "created_at": {"type": ["string", "null"], "format": "date-time", "description": "d"},
                "exp": {"type": "integer", "description": "NumericDate."},
                "when": {"type": "string", "description": "d"},
                "label": {"type": "string", "description": "d"},
                "inner": {"$ref": "#/components/schemas/U", "description": "d"},
                "map": {"type": "object", "description": "Any JSON.", "additionalProperties": true},
                "typed_map": {"type": "object", "description": "d",
                              "additionalProperties": {"type": "integer"}},
                "blob": {"type": "object", "description": "Said, but of what?"},
                "undescribed_map": {"type": "object", "description": "", "additionalProperties": true},
            }},
            "U": {"type": "object", "description": "A U.", "properties": {
                "stamp": {"type": "string", "description": "d"},
            }},
            "Empty": {"type": "object"},
        }},
    });
    let audit = Audit::of(&document);
    let set = |items: &[&str]| items.iter().map(|item| (*item).to_owned()).collect::<BTreeSet<_>>();
    assert_eq!(audit.properties, 16);
    assert_eq!(audit.undescribed, set(&["T.bare_ref", "T.blank", "T.plain", "T.undescribed_map"]));
    assert_eq!(audit.bare, set(&["Empty", "T.blob", "T.undescribed_map"]));
    assert_eq!(audit.times, set(&["GET /api/t parameter from", "T.next", "T.when", "U.stamp"]));
}

/// The findings of a walk over the document's schemas.
#[derive(Default)]
struct Audit<'a> {
    document: &'a Value,
    properties: usize,
    undescribed: BTreeSet<String>,
    bare: BTreeSet<String>,
    times: BTreeSet<String>,
}

impl<'a> Audit<'a> {
    /// Walks every schema of a document: the components by name, then each operation's parameters, request
    /// bodies and responses, with their examples.
    fn of(document: &'a Value) -> Audit<'a> {
        let mut audit = Audit { document, ..Audit::default() };
        for (name, schema) in document["components"]["schemas"].as_object().expect("schemas") {
            audit.schema(schema, name);
        }
        for (method, path, operation) in operations(document) {
            let name = format!("{method} {path}");
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                let label =
                    format!("{name} parameter {}", parameter["name"].as_str().unwrap_or("?"));
                let schema = &parameter["schema"];
                audit.schema(schema, &label);
                audit.time_named(parameter["name"].as_str().unwrap_or_default(), schema, &label);
                for example in
                    parameter["examples"].as_object().into_iter().flatten().map(|(_, e)| e)
                {
                    audit.example(schema, &label, &example["value"]);
                }
            }
            let name = &name;
            let bodies = operation["requestBody"]["content"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(_, content)| (content, format!("{name} request")));
            let responses = operation["responses"].as_object().into_iter().flatten().flat_map(
                |(status, response)| {
                    response["content"]
                        .as_object()
                        .into_iter()
                        .flatten()
                        .map(move |(_, content)| (content, format!("{name} {status}")))
                },
            );
            for (content, label) in bodies.chain(responses).collect::<Vec<_>>() {
                let schema = &content["schema"];
                audit.schema(schema, &label);
                for example in content["examples"].as_object().into_iter().flatten().map(|(_, e)| e)
                {
                    audit.example(schema, &label, &example["value"]);
                }
            }
        }
        audit
    }

    /// Checks a schema and everything inside it. References are not followed: each component is walked once, by
    /// its own name.
    fn schema(&mut self, schema: &'a Value, label: &str) {
        let Some(object) = schema.as_object() else { return };
        if is_bare_object(schema) {
            self.bare.insert(label.to_owned());
        }
        for (name, property) in
            object.get("properties").and_then(Value::as_object).into_iter().flatten()
        {
            let label = format!("{label}.{name}");
            self.properties += 1;
            if !is_described(property) {
                self.undescribed.insert(label.clone());
            }
            self.time_named(name, property, &label);
            self.schema(property, &label);
        }
        if let Some(items) = object.get("items") {
            self.schema(items, &format!("{label}[]"));
        }
        if let Some(values) = object.get("additionalProperties") {
            self.schema(values, &format!("{label}{{}}"));
        }
        for key in ["oneOf", "anyOf", "allOf"] {
            for member in object.get(key).and_then(Value::as_array).into_iter().flatten() {
                self.schema(member, label);
            }
        }
        for example in object
            .get("example")
            .into_iter()
            .chain(object.get("examples").and_then(Value::as_array).into_iter().flatten())
        {
            self.example(schema, label, example);
        }
    }

    /// A property or parameter named as a time, holding strings (itself or its items), must say `date-time`.
    fn time_named(&mut self, name: &str, schema: &'a Value, label: &str) {
        let named = ["next", "from", "until", "since", "time", "date"].contains(&name)
            || ["_at", "_time", "_date"].iter().any(|suffix| name.ends_with(suffix));
        if !named {
            return;
        }
        let schema = self.resolve(schema);
        let holder =
            if has_type(schema, "array") { self.resolve(&schema["items"]) } else { schema };
        if self.holds_strings(holder) && !self.says_date_time(holder) {
            self.times.insert(label.to_owned());
        }
    }

    /// Walks an example value beside the schema that describes it; an RFC 3339 date-time string whose schema
    /// does not say `date-time` is a finding, under the label of the property (or parameter) holding it.
    fn example(&mut self, schema: &'a Value, label: &str, value: &Value) {
        let (schema, label) = match schema["$ref"].as_str() {
            Some(reference) => {
                (self.resolve(schema), reference.rsplit('/').next().unwrap_or(label))
            }
            None => (schema, label),
        };
        match value {
            Value::String(text)
                if chrono::DateTime::parse_from_rfc3339(text).is_ok()
                    && !self.says_date_time(schema) =>
            {
                self.times.insert(label.to_owned());
            }
            Value::Array(items) => {
                if let Some(items_schema) = self.members(schema).find_map(|s| s.get("items")) {
                    for item in items {
                        self.example(items_schema, label, item);
                    }
                }
            }
            Value::Object(map) => {
                for (name, member) in map {
                    let property = self.members(schema).find_map(|s| s["properties"].get(name));
                    if let Some(property) = property {
                        self.example(property, &format!("{label}.{name}"), member);
                    }
                }
            }
            _ => {}
        }
    }

    /// The schema a `$ref` points to (one level; components never point at components here).
    fn resolve(&self, schema: &'a Value) -> &'a Value {
        match schema["$ref"].as_str() {
            Some(reference) => {
                self.document.pointer(reference.trim_start_matches('#')).unwrap_or(schema)
            }
            None => schema,
        }
    }

    /// A schema and the members of its `oneOf`/`anyOf`/`allOf`, references resolved.
    fn members(&self, schema: &'a Value) -> impl Iterator<Item = &'a Value> + use<'a> {
        let document = self.document;
        let resolve = move |schema: &'a Value| match schema["$ref"].as_str() {
            Some(reference) => {
                document.pointer(reference.trim_start_matches('#')).unwrap_or(schema)
            }
            None => schema,
        };
        let schema = resolve(schema);
        let members = ["oneOf", "anyOf", "allOf"]
            .into_iter()
            .flat_map(move |key| schema[key].as_array().into_iter().flatten())
            .map(resolve);
        std::iter::once(schema).chain(members)
    }

    fn holds_strings(&self, schema: &'a Value) -> bool {
        self.members(schema).any(|s| has_type(s, "string"))
    }

    fn says_date_time(&self, schema: &'a Value) -> bool {
        self.members(schema).any(|s| s["format"] == "date-time")
    }
}

/// A description of its own, or (utoipa's way for an optional reference) on the referencing member of its
/// `oneOf`/`anyOf`/`allOf`.
fn is_described(property: &Value) -> bool {
    let described =
        |schema: &Value| schema["description"].as_str().is_some_and(|d| !d.trim().is_empty());
    described(property)
        || ["oneOf", "anyOf", "allOf"].iter().any(|key| {
            property[key]
                .as_array()
                .into_iter()
                .flatten()
                .any(|member| member.get("$ref").is_some() && described(member))
        })
}

/// An object that says nothing of its members.
fn is_bare_object(schema: &Value) -> bool {
    if !has_type(schema, "object") {
        return false;
    }
    let has_properties = schema["properties"].as_object().is_some_and(|p| !p.is_empty());
    let values = &schema["additionalProperties"];
    let typed_values = values.as_object().is_some_and(|v| !v.is_empty());
    let explained_map = (values == &Value::Bool(true)
        || values.as_object().is_some_and(|v| v.is_empty()))
        && schema["description"].as_str().is_some_and(|d| !d.trim().is_empty());
    !(has_properties || typed_values || explained_map)
}

/// Whether a schema's `type` is, or lists, `kind`.
fn has_type(schema: &Value, kind: &str) -> bool {
    match &schema["type"] {
        Value::String(t) => t == kind,
        Value::Array(types) => types.iter().any(|t| t == kind),
        _ => false,
    }
}
