//! The `/regex` page and the `POST /api/regex` endpoint.
//!
//! The page is a plain form: `GET /regex?pattern=&flags=&text=&replace=&flavor=` renders the whole result on the
//! server (so a link reproduces a test), and the same form posted to `POST /regex` handles texts too long for a
//! URL. The page script posts the form with `fragment=1` as you type and swaps in the rendered results, so the
//! highlighting with and without JavaScript is the same server-side rendering.

mod view;

use crate::{DEFAULT_LIMIT, Flags, Flavor, RegexError, Request};
use axum::Json;
use axum::Router;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Form, FromRef, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use devtools_core::{
    ApiDoc, ApiError, ApiExample, Asset, Page, SiteState, Tool, ToolMeta, WebError,
};
use serde::Deserialize;
use serde_json::json;

/// The regex tester as a registered tool.
pub const META: ToolMeta = ToolMeta {
    slug: "regex",
    name: "Regex Tester",
    summary: "Test regular expressions with live matching, group highlighting, and explanations.",
    label: "rx",
    related: &["http-status", "jwt", "cron", "color"],
    keywords: &[
        "regular expression",
        "regexp",
        "regex101",
        "pattern",
        "match",
        "capture group",
        "replace",
        "substitution",
        "lookahead",
        "backreference",
        "rust regex",
        "fancy-regex",
    ],
};

/// Templates, each named `regex/….html`.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("regex/index.html", include_str!("../templates/regex/index.html")),
    ("regex/results.html", include_str!("../templates/regex/results.html")),
    ("regex/explanation.html", include_str!("../templates/regex/explanation.html")),
    ("regex/cheatsheet.html", include_str!("../templates/regex/cheatsheet.html")),
];

/// The page's own stylesheet (group colours) and script (live update, explanation hover).
pub const ASSETS: &[Asset] = &[
    Asset::css("regex.css", include_bytes!("../static/regex.css")),
    Asset::js("regex.js", include_bytes!("../static/regex.js")),
];

/// The tool for the host's list.
pub fn tool<S>() -> Tool<S>
where
    S: Clone + Send + Sync + 'static,
    SiteState: FromRef<S>,
{
    Tool {
        meta: META,
        templates: TEMPLATES,
        assets: ASSETS,
        router: routes(),
        search: Vec::new(),
        api: Some(api_doc()),
    }
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(api))]
struct Api;

/// The JSON API described, with examples answered by [`api_answer`].
pub fn api_doc() -> ApiDoc {
    use utoipa::OpenApi as _;
    let example = |name, summary, body: ApiRequest| {
        let value = serde_json::json!({
            "pattern": body.pattern, "text": body.text, "flags": body.flags, "replace": body.replace,
        });
        ApiExample::post("/api/regex", name, summary, value).answer(api_answer(&body))
    };
    ApiDoc {
        openapi: Api::openapi(),
        examples: vec![
            example(
                "emails",
                "Named groups, a flag and a replacement",
                ApiRequest {
                    pattern: r"(?P<user>\w+)@(?P<host>[\w.]+)".to_owned(),
                    text: "Mail ada@example.com or BOB@Example.org".to_owned(),
                    flags: "i".to_owned(),
                    replace: Some("$user at $host".to_owned()),
                    ..ApiRequest::default()
                },
            ),
            example(
                "invalid_pattern",
                "An unclosed group",
                ApiRequest {
                    pattern: "(ab".to_owned(),
                    text: "abc".to_owned(),
                    ..ApiRequest::default()
                },
            ),
        ],
    }
}

/// Routes: the page at `/regex` (GET and POST) and the JSON API at `/api/regex`.
pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    SiteState: FromRef<S>,
{
    Router::new().route("/regex", get(page_get).post(page_post)).route("/api/regex", post(api))
}

/// The body of `POST /api/regex`.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[schema(as = RegexRequest)]
pub struct ApiRequest {
    /// The pattern.
    pub pattern: String,
    /// The text to search.
    #[serde(default)]
    pub text: String,
    /// Flag letters, a subset of `imsxU`.
    #[serde(default)]
    pub flags: String,
    /// `rust` (the default) or `fancy`.
    #[serde(default)]
    pub flavor: Option<String>,
    /// A replacement to apply to every match.
    #[serde(default)]
    pub replace: Option<String>,
    /// The most matches to list; [`DEFAULT_LIMIT`] when absent.
    #[serde(default)]
    pub limit: Option<usize>,
}

/// Matches a pattern against a text: every match with its groups, a substitution, an explanation of the pattern
/// and a Rust snippet.
#[utoipa::path(
    post,
    path = "/api/regex",
    tag = "regex",
    request_body = ApiRequest,
    responses(
        (status = 200, description = "Matches, groups, substitution, explanation and snippet.", body = crate::Report),
        (status = 400, description = "`invalid_pattern` (with `span`, `reason`), `invalid_flags`, `invalid_flavor` or `invalid_request` (a body that is not the JSON described).", body = ApiError),
        (status = 413, description = "`text_too_large` or `replacement_too_large`.", body = ApiError),
        (status = 415, description = "`invalid_request`: the body is not sent as `application/json`.", body = ApiError),
        (status = 422, description = "`backtrack_limit` or `match_timeout` (fancy flavour), or `invalid_request` (a field of the wrong type).", body = ApiError),
    )
)]
async fn api(body: Result<Json<ApiRequest>, JsonRejection>) -> Result<Response, WebError> {
    let Json(body) = body.map_err(|rejection| {
        WebError::new(rejection.status(), "invalid_request", rejection.body_text()).with(
            "expected",
            r#"{"pattern": string, "text": string, "flags": "imsxU subset", "flavor": "rust" | "fancy", "replace": string?, "limit": number?}"#,
        )
    })?;
    Ok(Json(api_answer(&body)?).into_response())
}

/// The answer of `POST /api/regex` for a request, or its error. The command line's `--json` prints the same.
pub fn api_answer(body: &ApiRequest) -> Result<crate::Report, WebError> {
    let flavor = parse_flavor(body.flavor.as_deref())?;
    let flags = Flags::parse(&body.flags).map_err(|error| web_error(&error, &body.pattern))?;
    let request = Request {
        pattern: &body.pattern,
        text: &body.text,
        flags,
        flavor,
        replace: body.replace.as_deref(),
        limit: Some(body.limit.unwrap_or(DEFAULT_LIMIT)),
    };
    crate::run(&request).map_err(|error| web_error(&error, &body.pattern))
}

fn parse_flavor(name: Option<&str>) -> Result<Flavor, WebError> {
    match name {
        None | Some("") => Ok(Flavor::Rust),
        Some(name) => Flavor::parse(name).ok_or_else(|| {
            WebError::bad_request(
                "invalid_flavor",
                format!("Unknown flavor {name:?}; use \"rust\" or \"fancy\"."),
            )
            .with("field", "flavor")
        }),
    }
}

/// The JSON error for a library error: its kind, status and the extra fields a client needs.
pub(crate) fn web_error(error: &RegexError, pattern: &str) -> WebError {
    let message = error.to_string();
    let whole = json!({ "start": 0, "end": pattern.len() });
    match error {
        RegexError::InvalidPattern { span, .. } => {
            WebError::bad_request("invalid_pattern", message)
                .with("span", json!({ "start": span.start, "end": span.end }))
                .with("reason", "syntax")
        }
        RegexError::NestTooDeep { span, limit } => {
            WebError::bad_request("invalid_pattern", message)
                .with("span", json!({ "start": span.start, "end": span.end }))
                .with("reason", "too_deep")
                .with("limit", *limit)
        }
        RegexError::PatternTooLong { max, .. } => WebError::bad_request("invalid_pattern", message)
            .with("span", json!({ "start": max, "end": pattern.len() }))
            .with("reason", "too_long")
            .with("limit", *max),
        RegexError::CompiledTooBig { limit } => WebError::bad_request("invalid_pattern", message)
            .with("span", whole)
            .with("reason", "too_big")
            .with("limit", *limit),
        RegexError::InvalidFlag { flag, position } => {
            WebError::bad_request("invalid_flags", message)
                .with("field", "flags")
                .with("flag", flag.to_string())
                .with("position", *position)
        }
        RegexError::TextTooLarge { max, len } => {
            WebError::new(StatusCode::PAYLOAD_TOO_LARGE, "text_too_large", message)
                .with("limit", *max)
                .with("size", *len)
        }
        RegexError::ReplacementTooLarge { max, .. } => {
            WebError::new(StatusCode::PAYLOAD_TOO_LARGE, "replacement_too_large", message)
                .with("limit", *max)
        }
        RegexError::BacktrackLimit { limit, at } => {
            WebError::new(StatusCode::UNPROCESSABLE_ENTITY, "backtrack_limit", message)
                .with("limit", *limit)
                .with("at", *at)
        }
        RegexError::Timeout { millis, .. } => {
            WebError::new(StatusCode::UNPROCESSABLE_ENTITY, "match_timeout", message)
                .with("limit_ms", *millis as u64)
        }
    }
}

/// What the form sends: repeated `flags` checkboxes or one `flags` string, and `fragment=1` from the script.
#[derive(Debug, Default)]
pub(crate) struct FormInput {
    pub(crate) pattern: Option<String>,
    pub(crate) flags: String,
    pub(crate) text: String,
    pub(crate) replace: String,
    pub(crate) flavor: String,
    pub(crate) fragment: bool,
}

impl FormInput {
    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut input = FormInput::default();
        for (key, value) in pairs {
            // Browsers submit textarea line breaks as CRLF; people typing Enter mean `\n`, and the highlighted
            // text would otherwise disagree with what the browser shows.
            let value = if value.contains('\r') { value.replace("\r\n", "\n") } else { value };
            match key.as_str() {
                "pattern" => input.pattern = Some(value),
                "flags" => input.flags.push_str(&value),
                "text" => input.text = value,
                "replace" => input.replace = value,
                "flavor" => input.flavor = value,
                "fragment" => input.fragment = value == "1",
                _ => {}
            }
        }
        input
    }
}

async fn page_get(
    State(site): State<SiteState>,
    Query(pairs): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    let input = FormInput::from_pairs(pairs);
    if input.pattern.is_none() && input.text.is_empty() {
        return site.cached_page("regex", &headers, || {
            view::render_page(&site, &input).map(|(_, html)| html)
        });
    }
    respond(&site, &input)
}

async fn page_post(
    State(site): State<SiteState>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    respond(&site, &FormInput::from_pairs(pairs))
}

fn respond(site: &devtools_core::Site, input: &FormInput) -> Response {
    if input.fragment {
        // The script asked for the results block; a bad pattern is part of a successful answer here (the block
        // shows it and says so in `data-state`), and a 4xx would only add noise to the browser console.
        return match view::render_fragment(site, input) {
            Ok((_, html)) => html.into_response(),
            Err(error) => error.into_response(),
        };
    }
    match view::render_page(site, input) {
        Ok((status, html)) => (status, html).into_response(),
        Err(error) => error.into_response(),
    }
}

/// The page shell a tool page needs.
fn page() -> Page {
    Page::new("Regex tester")
        .description(
            "Test Rust regular expressions live: matches and groups highlighted, substitution, a plain-English explanation and a Rust snippet; look-around and backreferences with fancy-regex.",
        )
        .here("regex")
        .tool(META.slug)
}

#[cfg(test)]
mod tests;
