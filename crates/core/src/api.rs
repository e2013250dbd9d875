//! The JSON API described: one OpenAPI 3.1 document merged from every tool's, served at `/api/openapi.json`
//! and listed on the `/api` page.
//!
//! Each tool crate describes its endpoints with `utoipa` (`#[utoipa::path]` on handlers, `ToSchema` on request
//! and response types) and hands the host an [`ApiDoc`]: that description plus [`ApiExample`]s whose responses its
//! own answer functions produced. [`Site::new`](crate::Site::new) merges them and writes each example into the
//! standard places of the document (parameter, request body and response `examples`, keyed by the example's
//! name), so the page, the document and the tests all read the same data and an example cannot silently go stale.

use crate::error::WebError;
use axum::http::Method;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde_json::{Map, Value, json};
use utoipa::openapi::OpenApi;

/// The body of every JSON error: `{"error": "<kind>", "message": "<text>"}`, plus the fields below where the kind
/// has them, to locate or measure the problem. Only `error` and `message` are always present; the others are
/// omitted, never `null`. It is the schema of every 4xx and 5xx answer.
///
/// (The handlers build their bodies from `WebError` and `AnswerError`; this type only describes them.)
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(example = json!({"error": "invalid_request", "message": "Failed to deserialize query string: missing field `q`"}))]
pub struct ApiError {
    /// A stable, snake_case kind that clients match on, such as `invalid_expression`.
    pub error: String,
    /// What went wrong, in words a person can act on.
    pub message: String,
    /// The input field at fault: `minute`…`year` (cron), `fg`/`bg`/`value` (colour), `key`, `header`, `leeway`
    /// (JWT), `flags`, `flavor` (regex).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Where the problem starts within that field, counted from 0: a byte offset for cron and the regex flags, a
    /// character (Unicode scalar value) offset for colours and JWT tokens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<u64>,
    /// Cron: the length in bytes of the offending text at `position` (at least 1 unless the input is empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<u64>,
    /// Regex: the bytes of the pattern at fault, as a half-open range.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(inline)]
    pub span: Option<ErrorSpan>,
    /// A finer kind: for a pattern `syntax`, `too_deep`, `too_long` or `too_big`; for a colour the parser's
    /// reason, such as `unknown_name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The limit that was passed, in the unit of the thing limited: bytes for sizes, nesting levels for
    /// `too_deep`, backtracking steps for `backtrack_limit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    /// The size of what was refused, in bytes, beside its `limit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// Regex `backtrack_limit`: the byte offset in the text where the search stopped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<u64>,
    /// Regex `backtrack_limit` in the pcre2 flavour: which of PCRE2's limits stopped the search, in words:
    /// `match limit`, `depth limit`, `heap limit (KiB)` or `JIT stack limit (bytes)` (pcre2api(3), "The match
    /// context"), or PCRE2's own message for another matching error; `limit` is the limit's value in that unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine_limit: Option<String>,
    /// Regex `invalid_flags`: the flag letter that is not accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flag: Option<String>,
    /// Regex `match_timeout`: the search's time budget, in milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit_ms: Option<u64>,
    /// `deadline_exceeded`: the work's time budget, in milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_ms: Option<u64>,
    /// `answer_too_large` (and the CLI's `input_too_large`): the limit in bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit_bytes: Option<u64>,
    /// The CLI's `input_not_utf8`: the byte offset of the first byte that is not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// Cron `invalid_timezone`: the IANA zones the name probably means (`berlin` → `Europe/Berlin`), best first;
    /// empty when none is close.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestions: Option<Vec<String>>,
    /// `invalid_request` on a JSON endpoint: the body's expected shape, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// JWT `malformed_token`: the part at fault, `header`, `payload` or `signature` (absent when the token's
    /// shape is wrong as a whole).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    /// JWT `malformed_token`: a finer kind, such as `segment_count`, `invalid_base64url_character` or `not_json`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// JWT `malformed_token`: the parts that did decode (`header`, `payload`, `payload_text`, `signature`), so a
    /// broken token still shows what can be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(additional_properties = true)]
    pub partial: Option<Map<String, Value>>,
}

/// A half-open range of byte offsets, `start..end`.
#[derive(Debug, Clone, Copy, Serialize, utoipa::ToSchema)]
pub struct ErrorSpan {
    /// The first byte's offset.
    pub start: u64,
    /// The offset just past the last byte.
    pub end: u64,
}

/// A tool's part of the JSON API description.
#[derive(Debug, Clone)]
pub struct ApiDoc {
    /// Paths and schemas, generated by `utoipa` from the handlers and their types.
    pub openapi: OpenApi,
    /// Requests with the answers the tool's answer functions gave them.
    pub examples: Vec<ApiExample>,
}

/// One example request of an endpoint and the answer it gets.
#[derive(Debug, Clone)]
pub struct ApiExample {
    /// Key in the document's `examples` maps; unique per endpoint.
    pub name: &'static str,
    /// One line saying what the example shows.
    pub summary: &'static str,
    /// `GET` or `POST`.
    pub method: Method,
    /// The path as the document names it, with `{param}` placeholders.
    pub path: &'static str,
    /// Values of path and query parameters, by name.
    pub params: Vec<(&'static str, String)>,
    /// The JSON request body, if any.
    pub body: Option<Value>,
    /// The status of the answer.
    pub status: u16,
    /// The JSON body of the answer.
    pub response: Value,
    /// The same input on the command line: the arguments after `devtools` (`["cron", "*/15 * * * *", "--tz",
    /// "UTC"]`), without `--json`, which the conformance test adds; empty when the tool has no subcommand for it.
    pub cli: Vec<String>,
    /// The same input on the tool's page: a `GET` address with its query, or a `POST` path and form body.
    pub page: Option<PageRequest>,
}

/// A page request that shows the same input as an API example, for the conformance test (page = API = CLI).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageRequest {
    /// `GET` this address (path and query).
    Get(String),
    /// `POST` this form body (`application/x-www-form-urlencoded`) to the path.
    Post {
        /// The page's path, such as `/jwt`.
        path: &'static str,
        /// The encoded form.
        form: String,
    },
}

impl ApiExample {
    /// A `GET` example; add parameters with [`ApiExample::param`] and the answer with [`ApiExample::answer`].
    pub fn get(path: &'static str, name: &'static str, summary: &'static str) -> Self {
        ApiExample {
            name,
            summary,
            method: Method::GET,
            path,
            params: Vec::new(),
            body: None,
            status: 0,
            response: Value::Null,
            cli: Vec::new(),
            page: None,
        }
    }

    /// A `POST` example with a JSON body.
    pub fn post(
        path: &'static str,
        name: &'static str,
        summary: &'static str,
        body: impl Serialize,
    ) -> Self {
        let body = serde_json::to_value(body).unwrap_or(Value::Null);
        ApiExample {
            method: Method::POST,
            body: Some(body),
            ..ApiExample::get(path, name, summary)
        }
    }

    /// Sets a path or query parameter.
    #[must_use]
    pub fn param(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.params.push((name, value.into()));
        self
    }

    /// The same input as `devtools` arguments (without `--json`).
    #[must_use]
    pub fn cli<I: IntoIterator<Item = S>, S: Into<String>>(mut self, args: I) -> Self {
        self.cli = args.into_iter().map(Into::into).collect();
        self
    }

    /// The same input as a page request.
    #[must_use]
    pub fn page(mut self, page: PageRequest) -> Self {
        self.page = Some(page);
        self
    }

    /// Records what the endpoint's answer function returned for this request: 200 and the value, or the error's
    /// status and JSON body (an answer layer's [`AnswerError`](crate::AnswerError) or a [`WebError`]).
    #[must_use]
    pub fn answer<T: Serialize, E: Into<WebError>>(mut self, answer: Result<T, E>) -> Self {
        match answer {
            Ok(value) => {
                self.status = 200;
                self.response = serde_json::to_value(value).unwrap_or(Value::Null);
            }
            Err(error) => {
                let error: WebError = error.into();
                self.status = error.status().as_u16();
                self.response = error.to_json();
            }
        }
        self
    }
}

/// Why the API description could not be assembled. Only a programming mistake causes one; tests catch it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiDocError(pub String);

impl std::fmt::Display for ApiDocError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ApiDocError {}

/// Merges the tools' descriptions under the site's `info` and writes every example into the document.
pub(crate) fn document(
    limits: &str,
    base_path: &crate::base_path::BasePath,
    core: ApiDoc,
    tools: impl IntoIterator<Item = ApiDoc>,
) -> Result<Value, ApiDocError> {
    let mut openapi = core.openapi;
    let mut examples = core.examples;
    let mut tool_paths = Vec::new();
    for doc in tools {
        tool_paths.extend(doc.openapi.paths.paths.keys().cloned());
        openapi.merge(doc.openapi);
        examples.extend(doc.examples);
    }
    openapi.info = utoipa::openapi::InfoBuilder::new()
        .title("devtools")
        .version(env!("CARGO_PKG_VERSION"))
        .description(Some(format!(
            "The JSON API of every devtools tool. Every error, on every endpoint, is `{{\"error\": \"<kind>\", \
             \"message\": \"<text>\"}}` with a 4xx status (or 503 `busy` when the server is full), plus fields \
             that locate the problem where a tool has them. {limits}"
        )))
        .license(Some(utoipa::openapi::License::new("MIT OR Apache-2.0")))
        .build();
    // A relative server URL is resolved against the document's own address (OpenAPI 3.1 §4.8.5), so it holds
    // wherever the site is served: `/` at the root, `/tools` below a base path.
    let server = if base_path.is_root() { "/" } else { base_path.as_str() };
    openapi.servers = Some(vec![
        utoipa::openapi::ServerBuilder::new()
            .url(server)
            .description(Some(
                "This server: the paths below are relative to where the site is mounted.",
            ))
            .build(),
    ]);
    let mut document = serde_json::to_value(&openapi)
        .map_err(|error| ApiDocError(format!("the document does not serialize: {error}")))?;
    name_operations(&mut document);
    hoist_optional_descriptions(&mut document);
    add_request_responses(&mut document);
    for path in &tool_paths {
        add_work_responses(&mut document, path);
    }
    for example in &examples {
        add_example(&mut document, example)?;
    }
    Ok(document)
}

/// utoipa writes an optional reference (`Option<Schema>`) as `oneOf: [{$ref, description}, {type: null}]`, with the
/// field's doc comment on the reference, where readers and generators look for it on the property: moved up.
fn hoist_optional_descriptions(document: &mut Value) {
    let Some(schemas) = document.pointer_mut("/components/schemas").and_then(Value::as_object_mut)
    else {
        return;
    };
    let properties = schemas
        .values_mut()
        .filter_map(|schema| schema.get_mut("properties").and_then(Value::as_object_mut))
        .flat_map(|properties| properties.values_mut());
    for property in properties {
        let Some(object) = property.as_object_mut() else { continue };
        if object.contains_key("description") {
            continue;
        }
        let Some(members) = object.get_mut("oneOf").and_then(Value::as_array_mut) else { continue };
        let description =
            members.iter_mut().find_map(|member| member.as_object_mut()?.remove("description"));
        if let Some(description) = description {
            object.insert("description".to_owned(), description);
        }
    }
}

/// The refusals of a request the host answers before any handler reads it, and those of the extractors every
/// route reads its input with (`extract.rs`), said here once for every operation so that none can leave them out:
/// `400 invalid_request` (a query or body that cannot be read), for a body also `413 payload_too_large` and
/// `415 unsupported_media_type`, and the other 4xx of the HTTP layer under `4XX` (OpenAPI 3.1 §4.8.16.2).
fn add_request_responses(document: &mut Value) {
    const INVALID_REQUEST: &str = "`invalid_request`: the query string or body cannot be read as this operation \
        takes it (a malformed or repeated parameter, JSON that does not parse, a field of the wrong type or an \
        unknown field); the message says what and where.";
    let error = serde_json::json!({"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}});
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else { return };
    let operations = paths
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.values_mut())
        .filter_map(Value::as_object_mut);
    for operation in operations {
        let has_body = operation.contains_key("requestBody");
        let Some(responses) = operation.get_mut("responses").and_then(Value::as_object_mut) else {
            continue;
        };
        add_error_response(responses, "400", INVALID_REQUEST, "`invalid_request`");
        if has_body {
            responses.entry("413").or_insert_with(|| {
                serde_json::json!({
                    "description": "`payload_too_large`: the body is over this server's limit (see the \
                        document's description), or a field is over the tool's own limit.",
                    "content": error,
                })
            });
            responses.insert(
                "415".to_owned(),
                serde_json::json!({
                    "description": "`unsupported_media_type`: the body is not sent as `Content-Type: \
                        application/json`, or it has a content coding (`Content-Encoding: gzip`): bodies are read \
                        uncompressed, as the `Accept-Encoding: identity` header of this answer says (RFC 9110 \
                        §15.5.16).",
                    "headers": {"Accept-Encoding": {"description": "`identity`, when the body had a content coding.", "schema": {"type": "string"}}},
                    "content": error,
                }),
            );
        }
        responses.insert(
            "4XX".to_owned(),
            serde_json::json!({
                "description": "The refusals of the HTTP layer, each with its own kind: `405 method_not_allowed` \
                    (with an `Allow` header), `406 not_acceptable` (an `Accept-Encoding` that refuses every coding \
                    the server has: identity, gzip, br), `414 uri_too_long`, `431 header_too_large`, and \
                    `400 invalid_request` for a request that is not well-formed HTTP/1.1.",
                "content": error,
            }),
        );
    }
}

/// Every tool endpoint runs its work through [`crate::Work`], so every one can answer `503 busy` and
/// `422 deadline_exceeded` (and the other refusals): said here once for all of them, so a tool cannot forget.
fn add_work_responses(document: &mut Value, path: &str) {
    const REFUSALS: &str = "`deadline_exceeded` (the work needed more than this server's budget for one request), \
         `answer_too_large` or `work_failed` (it needed more memory than one request may use).";
    let error = serde_json::json!({"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}});
    let Some(item) =
        document.pointer_mut(&format!("/paths/{}", path.replace('~', "~0").replace('/', "~1")))
    else {
        return;
    };
    let Some(item) = item.as_object_mut() else { return };
    for operation in item.values_mut() {
        let Some(responses) = operation.get_mut("responses").and_then(Value::as_object_mut) else {
            continue;
        };
        responses.insert(
            "503".to_owned(),
            serde_json::json!({
                "description": "`busy`: every work thread is taken and the queue is full; retry after the \
                    `Retry-After` header's seconds.",
                "headers": {"Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer"}}},
                "content": error,
            }),
        );
        add_error_response(responses, "422", REFUSALS, "`deadline_exceeded`");
    }
}

/// Adds `description` to an operation's `status` response: appended after " Or " to the tool's own description
/// of that status (unless it already names `kind`), or as a new response with the error schema.
fn add_error_response(
    responses: &mut Map<String, Value>,
    status: &str,
    description: &str,
    kind: &str,
) {
    match responses.get_mut(status).and_then(|r| r.get_mut("description")) {
        Some(Value::String(own)) if !own.contains(kind) => {
            own.push_str(" Or ");
            own.push_str(description);
        }
        Some(_) => {}
        None => {
            let error = serde_json::json!({"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}});
            responses.insert(
                status.to_owned(),
                serde_json::json!({"description": description, "content": error}),
            );
        }
    }
}

/// Gives every operation an `operationId` from its method and path: utoipa names them after the handler function,
/// and two tools' handlers may both be called `api`, while OpenAPI wants the ids unique.
fn name_operations(document: &mut Value) {
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else { return };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else { continue };
        for (method, operation) in item.iter_mut() {
            if let Some(operation) = operation.as_object_mut() {
                operation.insert("operationId".to_owned(), Value::from(operation_id(method, path)));
            }
        }
    }
}

/// `get-api-http-status-code` for `GET /api/http-status/{code}`: unique per operation, and a valid HTML id.
fn operation_id(method: &str, path: &str) -> String {
    let segments: Vec<&str> = path
        .split('/')
        .map(|segment| segment.trim_matches(['{', '}']))
        .filter(|segment| !segment.is_empty())
        .collect();
    format!("{}-{}", method.to_ascii_lowercase(), segments.join("-"))
}

/// Writes one example into the operation it belongs to.
fn add_example(document: &mut Value, example: &ApiExample) -> Result<(), ApiDocError> {
    let method = example.method.as_str().to_ascii_lowercase();
    let missing = || {
        ApiDocError(format!("example {:?}: no {} {}", example.name, example.method, example.path))
    };
    let operation = document
        .pointer_mut(&format!("/paths/{}/{method}", pointer_escape(example.path)))
        .and_then(Value::as_object_mut)
        .ok_or_else(missing)?;
    let value = |value: Value| json!({ "summary": example.summary, "value": value });

    for (name, param_value) in &example.params {
        let parameter = operation
            .get_mut("parameters")
            .and_then(Value::as_array_mut)
            .and_then(|params| params.iter_mut().find(|p| p["name"] == *name))
            .and_then(Value::as_object_mut)
            .ok_or_else(|| {
                ApiDocError(format!(
                    "example {:?}: {} has no parameter {name:?}",
                    example.name, example.path
                ))
            })?;
        // A query string holds text; an integer parameter's example is shown as the integer it stands for.
        let typed = match parameter.get("schema").and_then(|schema| schema.get("type")) {
            Some(kind) if kind == "integer" => param_value.parse::<i64>().ok().map(Value::from),
            _ => None,
        };
        let param_value = typed.unwrap_or_else(|| Value::from(param_value.as_str()));
        insert_example(parameter, example.name, value(param_value))?;
    }
    if let Some(body) = &example.body {
        let content = operation
            .get_mut("requestBody")
            .and_then(|body| body.pointer_mut("/content/application~1json"))
            .and_then(Value::as_object_mut)
            .ok_or_else(|| {
                ApiDocError(format!(
                    "example {:?}: {} takes no JSON body",
                    example.name, example.path
                ))
            })?;
        insert_example(content, example.name, value(body.clone()))?;
    }
    let content = operation
        .get_mut("responses")
        .and_then(|responses| responses.get_mut(example.status.to_string()))
        .and_then(|response| response.pointer_mut("/content/application~1json"))
        .and_then(Value::as_object_mut)
        .ok_or_else(|| {
            ApiDocError(format!(
                "example {:?}: {} documents no JSON {} response",
                example.name, example.path, example.status
            ))
        })?;
    insert_example(content, example.name, value(example.response.clone()))
}

fn insert_example(
    target: &mut Map<String, Value>,
    name: &str,
    example: Value,
) -> Result<(), ApiDocError> {
    let examples = target.entry("examples").or_insert_with(|| Value::Object(Map::new()));
    let Some(examples) = examples.as_object_mut() else {
        return Err(ApiDocError(format!("examples of {name:?} is not a map")));
    };
    if examples.insert(name.to_owned(), example).is_some() {
        return Err(ApiDocError(format!("two examples named {name:?} on one endpoint")));
    }
    Ok(())
}

/// A path as a JSON pointer segment (RFC 6901).
fn pointer_escape(path: &str) -> String {
    path.replace('~', "~0").replace('/', "~1")
}

/// One endpoint as the `/api` page lists it, read back from the document.
#[derive(Debug, Clone, Serialize)]
pub struct Endpoint {
    /// `GET` or `POST`.
    pub method: String,
    /// The path with `{param}` placeholders.
    pub path: String,
    /// Anchor for links to this endpoint.
    pub id: String,
    /// One line.
    pub summary: String,
    /// More, if the handler's docs say more.
    pub description: String,
    /// Path and query parameters.
    pub params: Vec<Param>,
    /// The request body's schema name, if it takes one.
    pub body: Option<String>,
    /// Documented answers.
    pub responses: Vec<ResponseDoc>,
    /// Example requests with their answers.
    pub examples: Vec<ExampleView>,
}

/// A documented parameter.
#[derive(Debug, Clone, Serialize)]
pub struct Param {
    /// Its name.
    pub name: String,
    /// `path` or `query`.
    pub location: String,
    /// Whether a request must carry it.
    pub required: bool,
    /// The JSON schema type, when the document gives one.
    pub kind: String,
    /// What it means.
    pub description: String,
}

/// A documented answer.
#[derive(Debug, Clone, Serialize)]
pub struct ResponseDoc {
    /// The HTTP status.
    pub status: String,
    /// What it means.
    pub description: String,
    /// The body's schema name.
    pub schema: Option<String>,
}

/// An example request as it would be sent, and the answer it gets.
#[derive(Debug, Clone, Serialize)]
pub struct ExampleView {
    /// The example's key.
    pub name: String,
    /// What it shows.
    pub summary: String,
    /// `GET` or `POST`.
    pub method: String,
    /// Path and query string, percent-encoded.
    pub url: String,
    /// The JSON body, compact, if any.
    pub body: Option<String>,
    /// The status of the answer.
    pub status: u16,
    /// The answer.
    pub response: Value,
}

impl ExampleView {
    /// The request as a `curl` command line against `origin` (such as `http://127.0.0.1:3000`).
    pub fn curl(&self, origin: &str) -> String {
        self.curl_to(&shell_quote(&format!("{origin}{}", self.url)))
    }

    /// The request as a `curl` command line against the server named by the shell variable `$DEVTOOLS`, for a page
    /// that cannot know the server's address (the static copy).
    pub fn curl_from_env(&self) -> String {
        self.curl_to(&format!("\"$DEVTOOLS\"{}", shell_quote(&self.url)))
    }

    fn curl_to(&self, url: &str) -> String {
        match &self.body {
            None => format!("curl {url}"),
            Some(body) => {
                format!("curl {url} -H 'content-type: application/json' -d {}", shell_quote(body))
            }
        }
    }
}

/// Every operation of a document with its examples, in path order.
pub fn endpoints(document: &Value) -> Vec<Endpoint> {
    let Some(paths) = document.get("paths").and_then(Value::as_object) else { return Vec::new() };
    let mut endpoints = Vec::new();
    for (path, item) in paths {
        for method in ["get", "post", "put", "patch", "delete"] {
            if let Some(operation) = item.get(method) {
                endpoints.push(endpoint(path, method, operation));
            }
        }
    }
    endpoints
}

fn text(value: &Value, key: &str) -> String {
    value.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
}

/// The last segment of a schema `$ref`, or the type of an inline schema.
fn schema_name(schema: Option<&Value>) -> Option<String> {
    let schema = schema?;
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return reference.rsplit('/').next().map(str::to_owned);
    }
    if let Some(items) = schema.get("items") {
        return schema_name(Some(items)).map(|name| format!("[{name}]"));
    }
    schema.get("type").map(|kind| match kind {
        Value::String(kind) => kind.clone(),
        other => other.to_string(),
    })
}

fn endpoint(path: &str, method: &str, operation: &Value) -> Endpoint {
    let params: Vec<Param> = operation
        .get("parameters")
        .and_then(Value::as_array)
        .map(|params| {
            params
                .iter()
                .map(|p| Param {
                    name: text(p, "name"),
                    location: text(p, "in"),
                    required: p.get("required").and_then(Value::as_bool).unwrap_or(false),
                    kind: schema_name(p.get("schema")).unwrap_or_default(),
                    description: text(p, "description"),
                })
                .collect()
        })
        .unwrap_or_default();
    let body_content = operation.pointer("/requestBody/content/application~1json");
    let responses = operation.get("responses").and_then(Value::as_object);
    let mut examples = Vec::new();
    let mut response_docs = Vec::new();
    for (status, response) in responses.into_iter().flatten() {
        let content = response.pointer("/content/application~1json");
        response_docs.push(ResponseDoc {
            status: status.clone(),
            description: text(response, "description"),
            schema: schema_name(content.and_then(|c| c.get("schema"))),
        });
        let Some(found) = content.and_then(|c| c.get("examples")).and_then(Value::as_object) else {
            continue;
        };
        for (name, example) in found {
            examples.push(example_view(path, method, operation, name, example, status));
        }
    }
    // Successful examples first, then errors, each in name order as the document keeps them.
    examples.sort_by_key(|example| example.status);
    Endpoint {
        method: method.to_ascii_uppercase(),
        path: path.to_owned(),
        id: operation_id(method, path),
        summary: text(operation, "summary"),
        description: text(operation, "description"),
        params,
        body: body_content.and_then(|c| schema_name(c.get("schema"))),
        responses: response_docs,
        examples,
    }
}

fn example_view(
    path: &str,
    method: &str,
    operation: &Value,
    name: &str,
    example: &Value,
    status: &str,
) -> ExampleView {
    let mut url = path.to_owned();
    let mut query = Vec::new();
    for param in operation.get("parameters").and_then(Value::as_array).into_iter().flatten() {
        let Some(value) = param.pointer(&format!("/examples/{}/value", pointer_escape(name)))
        else {
            continue;
        };
        let value = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
        let param_name = text(param, "name");
        if param["in"] == "path" {
            url = url.replace(&format!("{{{param_name}}}"), &percent_encode(&value, PATH_SEGMENT));
        } else {
            let (name, value) =
                (percent_encode(&param_name, QUERY_SAFE), percent_encode(&value, QUERY_SAFE));
            query.push(format!("{name}={value}"));
        }
    }
    if !query.is_empty() {
        url = format!("{url}?{}", query.join("&"));
    }
    let body = operation
        .pointer(&format!(
            "/requestBody/content/application~1json/examples/{}/value",
            pointer_escape(name)
        ))
        .map(Value::to_string);
    ExampleView {
        name: name.to_owned(),
        summary: text(example, "summary"),
        method: method.to_ascii_uppercase(),
        url,
        body,
        status: status.parse().unwrap_or_default(),
        response: example.get("value").cloned().unwrap_or(Value::Null),
    }
}

/// Everything but RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded in a path segment.
const PATH_SEGMENT: &AsciiSet =
    &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A query value may also carry RFC 3986 `pchar`s and `/` as they are, kept so example URLs stay readable;
/// `&`, `=`, `+`, `#` and `'` are still encoded.
const QUERY_SAFE: &AsciiSet = &PATH_SEGMENT
    .remove(b'/')
    .remove(b':')
    .remove(b'@')
    .remove(b'!')
    .remove(b'*')
    .remove(b',')
    .remove(b'(')
    .remove(b')');

fn percent_encode(text: &str, set: &'static AsciiSet) -> String {
    utf8_percent_encode(text, set).to_string()
}

/// Quotes a word for a POSIX shell (`shlex`); a word holding a NUL byte, which no shell word can carry, is
/// quoted with the NUL dropped, since the curl line is only shown to be copied.
fn shell_quote(text: &str) -> String {
    match shlex::try_quote(text) {
        Ok(quoted) => quoted.into_owned(),
        Err(_) => shell_quote(&text.replace('\0', "")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base_path::BasePath;

    #[test]
    fn percent_encoding_keeps_unreserved_and_chosen_characters() {
        let cron = "*/15 9-17 * * MON-FRI";
        assert_eq!(percent_encode(cron, PATH_SEGMENT), "%2A%2F15%209-17%20%2A%20%2A%20MON-FRI");
        assert_eq!(percent_encode(cron, QUERY_SAFE), "*/15%209-17%20*%20*%20MON-FRI");
        assert_eq!(
            percent_encode("oklch(70% 0.1 €)", QUERY_SAFE),
            "oklch(70%25%200.1%20%E2%82%AC)"
        );
        assert_eq!(percent_encode("a+b&c=d#e'f", QUERY_SAFE), "a%2Bb%26c%3Dd%23e%27f");
    }

    #[test]
    fn operation_ids_are_method_and_path_segments() {
        assert_eq!(operation_id("get", "/api/http-status/{code}"), "get-api-http-status-code");
        assert_eq!(operation_id("POST", "/api/regex"), "post-api-regex");
    }

    #[test]
    fn shell_quoting_survives_single_quotes() {
        for word in ["it's", "a b", "$(rm -rf ~)", "\"x\"", "plain"] {
            let quoted = shell_quote(word);
            assert_eq!(shlex::split(&quoted), Some(vec![word.to_owned()]), "{quoted}");
        }
        assert_eq!(shell_quote("a\0b"), "ab");
    }

    #[test]
    fn an_example_for_an_unknown_path_is_refused() {
        let core = ApiDoc { openapi: OpenApi::default(), examples: Vec::new() };
        let tool = ApiDoc {
            openapi: OpenApi::default(),
            examples: vec![ApiExample::get("/api/nothing", "x", "x").answer(Ok::<_, WebError>(1))],
        };
        let error = document("", &BasePath::default(), core, [tool]).unwrap_err();
        assert!(error.0.contains("/api/nothing"), "{error}");
    }
}
