//! The `/regex` page and the `POST /api/regex` endpoint.
//!
//! The page is a plain form: `GET /regex?pattern=&flags=&text=&replace=&flavor=` renders the whole result on the
//! server (so a link reproduces a test), and the same form posted to `POST /regex` handles texts too long for a
//! URL. The page script posts the form with `fragment=1` as you type and swaps in the rendered results, so the
//! highlighting with and without JavaScript is the same server-side rendering.
//!
//! No handler computes on the async workers: each runs the search, then the explanation and the rendering, as jobs
//! of the site's [`Work`](devtools_kit::Work) with its deadline; the search runs in a child process
//! ([`SEARCH_JOB`]), killed at the deadline. A server too busy answers `503 busy`; a search past the deadline `422`.

mod view;

use crate::{
    DEFAULT_LIMIT, Flags, Flavor, Found, MAX_PATTERN_LEN, MAX_REPLACEMENT_LEN, MAX_TEXT_LEN,
    RegexError, Request,
};
use axum::Json;
use axum::Router;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Form, FromRef, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use devtools_kit::{
    ApiDoc, ApiError, ApiExample, Asset, Deadline, Job, Page, Refused, Site, SiteState, Tool,
    ToolMeta, WebError,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::borrow::Cow;
use std::sync::Arc;

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
        jobs: JOBS,
    }
}

/// The jobs the host's worker process must know: [`SEARCH_JOB`].
pub const JOBS: &[Job] = &[SEARCH_JOB];

/// A search (compile, match, substitute) in either flavour, which the host runs in a child process killed at
/// the deadline.
///
/// Why a process: neither engine can be stopped from outside, and nothing inside them stops them in time. The
/// fancy flavour's backtracking limit counts the steps of its own machine, but a look-around such as `(?=.*x)` is
/// one step that scans the rest of the text, so `(?=.*x)a` over N `a`s does N² work within the limit (298 s over
/// 1 MiB) and finds no match after which the library's deadline check could run. The rust flavour is linear in
/// the text, but also in the size of the program: `(?:a{100}){100}` over 100 KB of `a` took 10 s inside one
/// search. A thread cannot be killed; a child process can. The library's own deadline, checked after every match,
/// still ends the common case (many cheap matches) cleanly with `match_timeout` before the kill.
///
/// Wire format, JSON both ways. Input: `{"pattern": string, "text": string, "flags": {"case_insensitive": bool,
/// "multi_line": bool, "dot_matches_new_line": bool, "ignore_whitespace": bool, "swap_greed": bool}, "flavor":
/// "rust" | "fancy", "replace": string | null, "limit": number | null}`. Answer: `{"Ok": Found}` (the [`Found`] of
/// [`crate::find`]: `matches` with `matches`, `count`, `truncated`, `limited_by` and `replaced`, and
/// `group_names`) or `{"Err": RegexError}` (externally tagged, such as `{"Err": {"Timeout": {"millis": 2000,
/// "matches": 0}}}`).
pub const SEARCH_JOB: Job = Job { name: "regex/search", run: search_job };

fn search_job(input: &[u8], deadline: Deadline) -> Vec<u8> {
    Job::answer(input, deadline, |input: JobInput<'static>, deadline| {
        crate::find(&input.request(deadline))
    })
}

/// The input of [`SEARCH_JOB`]: a [`Request`] without its deadline, which the child gets apart.
#[derive(Debug, Serialize, Deserialize)]
struct JobInput<'a> {
    pattern: Cow<'a, str>,
    text: Cow<'a, str>,
    flags: Flags,
    flavor: Flavor,
    replace: Option<Cow<'a, str>>,
    limit: Option<usize>,
}

impl<'a> JobInput<'a> {
    fn new(request: &Request<'a>) -> Self {
        JobInput {
            pattern: Cow::Borrowed(request.pattern),
            text: Cow::Borrowed(request.text),
            flags: request.flags,
            flavor: request.flavor,
            replace: request.replace.map(Cow::Borrowed),
            limit: request.limit,
        }
    }

    fn request(&self, deadline: Deadline) -> Request<'_> {
        Request {
            pattern: &self.pattern,
            text: &self.text,
            flags: self.flags,
            flavor: self.flavor,
            replace: self.replace.as_deref(),
            limit: self.limit,
            deadline: Some(deadline.instant()),
        }
    }
}

/// A test a work thread can share: the strings it owns and the [`Request`] they make.
trait Test: Send + Sync + 'static {
    fn request(&self) -> Request<'_>;
}

/// The search of `test` within the site's work budget, in a child process ([`SEARCH_JOB`]).
async fn find<T: Test>(site: &Site, test: Arc<T>) -> Result<Result<Found, RegexError>, Refused> {
    let request = test.request();
    if let Some(error) = oversized(&request) {
        return Ok(Err(error));
    }
    site.work().isolated(&SEARCH_JOB, &JobInput::new(&request)).await
}

/// The sizes the library refuses, refused here before the input is copied anywhere: sent to a child, a text past
/// the limit (the body may be larger) could exceed what the child reads, which would hide the real reason. The
/// text is checked first, as the library does; an over-long pattern or replacement is reported even when the
/// pattern has another fault the library would have named first.
fn oversized(request: &Request<'_>) -> Option<RegexError> {
    let text = request.text.len();
    let pattern = request.pattern.len();
    let replacement = request.replace.map_or(0, str::len);
    if text > MAX_TEXT_LEN {
        Some(RegexError::TextTooLarge { len: text, max: MAX_TEXT_LEN })
    } else if pattern > MAX_PATTERN_LEN {
        Some(RegexError::PatternTooLong { len: pattern, max: MAX_PATTERN_LEN })
    } else if replacement > MAX_REPLACEMENT_LEN {
        Some(RegexError::ReplacementTooLarge {
            what: "the replacement",
            len: replacement,
            max: MAX_REPLACEMENT_LEN,
        })
    } else {
        None
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
#[derive(Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = RegexRequest)]
pub struct ApiRequest {
    /// The pattern, at most 8 KiB.
    pub pattern: String,
    /// The text to search, at most 1 MiB.
    #[serde(default)]
    pub text: String,
    /// Flag letters, a subset of `imsxU`.
    #[serde(default)]
    pub flags: String,
    /// `rust` (the default) or `fancy`.
    #[serde(default)]
    pub flavor: Option<String>,
    /// A replacement to apply to every match, at most 8 KiB; the replaced text may take at most 8 MiB of the
    /// answer, each byte counted by its longest JSON or HTML escape.
    #[serde(default)]
    pub replace: Option<String>,
    /// The most matches to list; [`DEFAULT_LIMIT`] (1000) when absent, at most 100000. The listed matches may also
    /// take at most 4 MiB of the answer; past that they are counted, not listed (`limited_by: "output"`).
    #[serde(default)]
    pub limit: Option<usize>,
}

/// Matches a pattern against a text: every match with its groups, a substitution, an explanation of the pattern
/// and a Rust snippet.
///
/// Limits: a pattern of 8 KiB, a text of 1 MiB, a replacement of 8 KiB; the listed matches take at most 4 MiB of
/// the answer and the replaced text at most 8 MiB (each text counted as escaped: 6 bytes for a control character
/// or one of `"\<>&'/`); the search has the server's deadline (2 s by default), and the fancy flavour runs in a
/// separate process stopped at that deadline.
#[utoipa::path(
    post,
    path = "/api/regex",
    tag = "regex",
    request_body = ApiRequest,
    responses(
        (status = 200, description = "Matches, groups, substitution, explanation and snippet. Every match is counted (`match_count`); the first `limit` are listed, and only as many as fit in 4 MiB of answer: `listed` says how many, `limited_by` why not all (`count` or `output`).", body = crate::Report),
        (status = 400, description = "`invalid_pattern` (with `span`, `reason`), `invalid_flags`, `invalid_flavor` or `invalid_request` (a body that is not the JSON described).", body = ApiError),
        (status = 413, description = "`text_too_large` (over 1 MiB) or `replacement_too_large`: the replacement over 8 KiB, or the replaced text over 8 MiB counted as escaped (refused before it is built; `size` is the size reached).", body = ApiError),
        (status = 415, description = "`invalid_request`: the body is not sent as `application/json`.", body = ApiError),
        (status = 422, description = "`backtrack_limit` (fancy flavour), `match_timeout` (the search passed its deadline between two matches), `deadline_exceeded` (the work was stopped at the server's deadline, 2 s by default), `answer_too_large` or `work_failed` (the fancy search's process ran out of its memory or output budget), or `invalid_request` (a field of the wrong type).", body = ApiError),
        (status = 503, description = "`busy`: every work thread and queue place is taken; retry after `Retry-After` seconds.", body = ApiError),
    )
)]
async fn api(
    State(site): State<SiteState>,
    body: Result<Json<ApiRequest>, JsonRejection>,
) -> Result<Response, WebError> {
    let Json(body) = body.map_err(|rejection| {
        WebError::new(rejection.status(), "invalid_request", rejection.body_text()).with(
            "expected",
            r#"{"pattern": string, "text": string, "flags": "imsxU subset", "flavor": "rust" | "fancy", "replace": string?, "limit": number?}"#,
        )
    })?;
    let test = Arc::new(ApiTest::new(body)?);
    let found = find(&site, Arc::clone(&test)).await?;
    let answer = site
        .work()
        .run(move |_| {
            let error = |error: RegexError| web_error(&error, &test.body.pattern);
            let report = crate::complete(&test.request(), found.map_err(error)?).map_err(error)?;
            serde_json::to_vec(&report).map_err(WebError::internal)
        })
        .await??;
    Ok(([(header::CONTENT_TYPE, "application/json")], answer).into_response())
}

/// An API body with its flags and flavour read.
#[derive(Debug)]
struct ApiTest {
    body: ApiRequest,
    flags: Flags,
    flavor: Flavor,
}

impl ApiTest {
    fn new(body: ApiRequest) -> Result<Self, WebError> {
        let flavor = parse_flavor(body.flavor.as_deref())?;
        let flags = Flags::parse(&body.flags).map_err(|error| web_error(&error, &body.pattern))?;
        Ok(ApiTest { body, flags, flavor })
    }
}

impl Test for ApiTest {
    fn request(&self) -> Request<'_> {
        Request {
            pattern: &self.body.pattern,
            text: &self.body.text,
            flags: self.flags,
            flavor: self.flavor,
            replace: self.body.replace.as_deref(),
            limit: Some(self.body.limit.unwrap_or(DEFAULT_LIMIT)),
            deadline: None,
        }
    }
}

/// The answer of `POST /api/regex` for a request, or its error, computed here and now with the library's own time
/// budget; the command line's `--json` prints the same. (The handler runs the same steps as jobs of the site.)
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
        deadline: None,
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
        RegexError::ReplacementTooLarge { max, len, .. } => {
            WebError::new(StatusCode::PAYLOAD_TOO_LARGE, "replacement_too_large", message)
                .with("limit", *max)
                .with("size", *len)
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
        // The empty form depends on no input: rendered once, then served from memory.
        return site.cached_page("regex", &headers, || {
            view::render(&site, &view::PageTest::new(input), view::PAGE, None).map(|(_, html)| html)
        });
    }
    respond(site, input).await
}

async fn page_post(
    State(site): State<SiteState>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    respond(site, FormInput::from_pairs(pairs)).await
}

/// Searches (in a child process), then renders on the pool.
async fn respond(site: SiteState, input: FormInput) -> Response {
    // The script asks for the results block alone; a bad pattern is part of a successful answer there (the block
    // shows it and says so in `data-state`), and a 4xx would only add noise to the browser console.
    let fragment = input.fragment;
    let template = if fragment { view::FRAGMENT } else { view::PAGE };
    let test = Arc::new(view::PageTest::new(input));
    let searched = if test.searches() { Some(find(&site, Arc::clone(&test)).await) } else { None };
    if let Some(Err(refused @ Refused::Busy { .. })) = searched {
        return refused_answer(&site, refused, fragment);
    }
    let rendering = {
        let shared = Arc::clone(&site);
        site.work().run(move |_| view::render(&shared, &test, template, searched)).await
    };
    match rendering {
        Ok(Ok((_, html))) if fragment => html.into_response(),
        Ok(Ok((status, html))) => (status, html).into_response(),
        Ok(Err(error)) => error.into_response(),
        Err(refused) => refused_answer(&site, refused, fragment),
    }
}

/// The answer when the work pool turned a page request away: the error page (`503 busy` with `Retry-After`, or
/// `422`), or for the script a small results block that says so, rendered without the echo of the input.
fn refused_answer(site: &Site, refused: Refused, fragment: bool) -> Response {
    let error = WebError::from(refused);
    if !fragment {
        return error.into_response();
    }
    match view::render_refusal(site, &error) {
        Ok(html) => html.into_response(),
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
