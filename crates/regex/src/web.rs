//! The `/regex` page and the `POST /api/regex` endpoint: extract, answer through the answer layer
//! ([`crate::answer`]), render.
//!
//! The page is a form posted to `/regex` (so the test text never travels in a URL); the server renders the whole
//! result, and the page script asks for the results part alone (`fragment=1`) as you type, through the site's one
//! live-update mechanism, so the highlighting with and without JavaScript is the same server-side rendering.
//! `GET /regex?pattern=&flags=&text=&replace=&flavor=` renders the same, and `GET /regex?example=log-line` one of
//! the page's examples by its name (the examples are such links).
//!
//! No handler computes on the async workers: each checks the request ([`RegexRequest::checked`]), runs the search
//! as a job in a child process ([`SEARCH_JOB`]) killed at the site's deadline, then the explanation and the
//! rendering on the site's [`Work`](devtools_kit::Work) pool ([`crate::answer_found`]). A server too busy answers
//! `503 busy`; a search past the deadline `422`.

mod view;

use crate::{Flags, Flavor, Found, META, Regex, RegexError, RegexRequest, Request};
use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use devtools_kit::extract::{Form, Json, Query};
use devtools_kit::{
    AnswerError, ApiDoc, ApiError, ApiExample, Asset, Deadline, Job, Page, PageRequest, Refused,
    Site, SiteState, Tool, WebError,
};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cell::RefCell;
use std::num::NonZeroUsize;
use std::rc::Rc;
use std::sync::Arc;

/// Templates, each named `regex/….html`.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("regex/index.html", include_str!("../templates/regex/index.html")),
    ("regex/results.html", include_str!("../templates/regex/results.html")),
    ("regex/explanation.html", include_str!("../templates/regex/explanation.html")),
    ("regex/flags.html", include_str!("../templates/regex/flags.html")),
    ("regex/cheatsheet.html", include_str!("../templates/regex/cheatsheet.html")),
];

/// The page's own stylesheet (group colours) and script (when to update live, the state in the address's
/// fragment, explanation hover).
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
        api: Some(api_doc),
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
/// search. A thread cannot be killed; a child process can. The library's own deadline, checked between matches,
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
        let request = input.request(deadline);
        crate::report::find_with(&request, compiled)
    })
}

/// How many compiled patterns each worker keeps. A compiled pattern may hold up to [`crate::SIZE_LIMIT`] of
/// program plus its engine's match caches, so a few megabytes at worst: eight stay well inside the worker's
/// address-space limit.
const COMPILED_KEPT: NonZeroUsize = NonZeroUsize::new(8).unwrap();

/// A pattern as compiled: its text, flavour and flags.
type CompiledKey = (String, Flavor, Flags);

thread_local! {
    /// The patterns this worker compiled last, kept as Python's `re` and PHP's PCRE functions keep theirs: the
    /// live tester sends the same pattern with every edit of the text, and compiling it (a Unicode `\d` is a
    /// large automaton) cost more than searching a short text. Per thread: each worker process runs its jobs on
    /// one.
    static COMPILED: RefCell<lru::LruCache<CompiledKey, Rc<Regex>>> =
        RefCell::new(lru::LruCache::new(COMPILED_KEPT));
}

/// The request's pattern compiled, from this thread's cache or compiled now (and kept). A pattern that does
/// not compile is not kept: its error is cheap to find again.
fn compiled(request: &Request<'_>) -> Result<Rc<Regex>, RegexError> {
    let key: CompiledKey = (request.pattern.to_owned(), request.flavor, request.flags);
    if let Some(regex) = COMPILED.with_borrow_mut(|kept| kept.get(&key).cloned()) {
        return Ok(regex);
    }
    let regex = Rc::new(Regex::new(request.pattern, request.flavor, request.flags)?);
    COMPILED.with_borrow_mut(|kept| kept.put(key, Rc::clone(&regex)));
    Ok(regex)
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

/// Why a search did not run: the answer layer refused the request, or the work pool refused the job.
#[derive(Debug)]
enum NotSearched {
    Invalid(AnswerError),
    Refused(Refused),
}

impl From<NotSearched> for WebError {
    fn from(not: NotSearched) -> Self {
        match not {
            NotSearched::Invalid(error) => error.into(),
            NotSearched::Refused(refused) => refused.into(),
        }
    }
}

/// The search of a request the answer layer accepts, within the site's work budget, in a child process
/// ([`SEARCH_JOB`]). The sizes are checked before the input is copied anywhere: sent to a child, a text past the
/// limit (the body may be larger) could exceed what the child reads, which would hide the real reason.
async fn search(
    site: &Site,
    request: &RegexRequest,
) -> Result<Result<Found, RegexError>, NotSearched> {
    let checked = request.checked().map_err(NotSearched::Invalid)?;
    site.work().isolated(&SEARCH_JOB, &JobInput::new(&checked)).await.map_err(NotSearched::Refused)
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(api))]
struct Api;

/// The JSON API described, with examples answered by [`crate::answer`], each with the same input on the command
/// line and on the page.
pub fn api_doc() -> ApiDoc {
    use utoipa::OpenApi as _;
    let emails = RegexRequest {
        flags: "i".into(),
        replace: Some("$user at $host".into()),
        ..RegexRequest::new(
            r"(?P<user>\w+)@(?P<host>[\w.]+)",
            "Mail ada@example.com or BOB@Example.org",
        )
    };
    ApiDoc { openapi: Api::openapi(), examples: examples(&emails) }
}

/// The API examples: the pcre2 flavour's only when its engine is built in (the `pcre2` feature).
fn examples(emails: &RegexRequest) -> Vec<ApiExample> {
    #[allow(unused_mut, reason = "extended with the pcre2 examples when the feature is on")]
    let mut examples = vec![
        example("emails", "Named groups, a flag and a replacement", emails),
        example("invalid_pattern", "An unclosed group", &RegexRequest::new("(ab", "abc")),
        example(
            "replacement_warning",
            "A replacement that names a missing group: `$1Q` is a group called `1Q`",
            &RegexRequest {
                replace: Some("$1Q".into()),
                ..RegexRequest::new(r"(\d+)", "order 66, then 67")
            },
        ),
        example(
            "ecmascript",
            "The ecmascript flavour: JavaScript's flags, `$<name>` and UTF-16 offsets",
            &RegexRequest {
                flags: "gu".into(),
                flavor: Some("ecmascript".into()),
                replace: Some("$<word> ($&)".into()),
                ..RegexRequest::new(r"(?<=😀)(?<word>\p{L}+)", "😀née and 😀bien")
            },
        ),
        example(
            "ecmascript_invalid_pattern",
            "An ECMAScript pattern error, with the place of the fault",
            &RegexRequest { flavor: Some("ecmascript".into()), ..RegexRequest::new("ab)c", "abc") },
        ),
    ];
    #[cfg(feature = "pcre2")]
    examples.extend([
        example(
            "pcre2",
            "The pcre2 flavour: recursion, a named group in PCRE's quoted spelling, the n flag and PCRE2's `${name}`",
            &RegexRequest {
                flags: "n".into(),
                flavor: Some("pcre2".into()),
                replace: Some("<${inner}|$0>".into()),
                ..RegexRequest::new(
                    r"\((?'inner'(?:[^()]++|\((?&inner)\))*)\)",
                    "f(a(b)c) é(d)",
                )
            },
        ),
        example(
            "pcre2_empty_matches",
            "PHP's preg_match_all order after an empty match: the same place is tried again for a longer one",
            &RegexRequest { flavor: Some("pcre2".into()), ..RegexRequest::new("a??", "aa") },
        ),
        example(
            "pcre2_invalid_pattern",
            "A PCRE2 pattern error at the place PCRE2 reports",
            &RegexRequest {
                flavor: Some("pcre2".into()),
                ..RegexRequest::new("a{2,1}b", "aab")
            },
        ),
        example(
            "pcre2_refused_verb",
            "A start-of-pattern verb that would change the tester's limits is refused",
            &RegexRequest {
                flavor: Some("pcre2".into()),
                ..RegexRequest::new("(*LIMIT_MATCH=100000000)(a+)+b", "aaa")
            },
        ),
        example(
            "pcre2_backtrack_limit",
            "Catastrophic backtracking stopped by PCRE2's match limit",
            &RegexRequest {
                flavor: Some("pcre2".into()),
                ..RegexRequest::new(
                    "(a|aa)+$",
                    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
                )
            },
        ),
        example(
            "pcre2_invalid_flags",
            "PCRE2's flags are i, m, s, x, n, U and J",
            &RegexRequest {
                flags: "iu".into(),
                flavor: Some("pcre2".into()),
                ..RegexRequest::new("a", "A")
            },
        ),
    ]);
    examples
}

/// An API example with its answer, its `devtools regex` arguments and its page form.
fn example(name: &'static str, summary: &'static str, request: &RegexRequest) -> ApiExample {
    let mut cli =
        vec!["regex".to_owned(), request.pattern.clone(), "--text".into(), request.text.clone()];
    let mut form = form_urlencoded::Serializer::new(String::new());
    form.append_pair("pattern", &request.pattern).append_pair("text", &request.text);
    if !request.flags.is_empty() {
        cli.extend(["--flags".to_owned(), request.flags.clone()]);
        form.append_pair("flags", &request.flags);
    }
    if let Some(flavor) = &request.flavor {
        cli.extend(["--flavor".to_owned(), flavor.clone()]);
        form.append_pair("flavor", flavor);
    }
    if let Some(replace) = &request.replace {
        cli.extend(["--replace".to_owned(), replace.clone()]);
        form.append_pair("replace", replace);
    }
    if let Some(limit) = request.limit {
        cli.extend(["--limit".to_owned(), limit.to_string()]);
        form.append_pair("limit", &limit.to_string());
    }
    ApiExample::post("/api/regex", name, summary, request)
        .cli(cli)
        .page(PageRequest::Post { path: "/regex", form: form.finish() })
        .answer(crate::answer(request))
}

/// Routes: the page at `/regex` (GET and POST) and the JSON API at `/api/regex`.
pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    SiteState: FromRef<S>,
{
    Router::new().route("/regex", get(page_get).post(page_post)).route("/api/regex", post(api))
}

/// What a body that is not a [`RegexRequest`] is told it should have been.
const EXPECTED: &str = r#"{"pattern": string, "text": string?, "flags": "imsxU subset (dgimsuvy for ecmascript, imsxnUJ for pcre2)"?, "flavor": ("rust" | "fancy" | "ecmascript" | "pcre2")?, "replace": string?, "limit": number?}"#;

/// Matches a pattern against a text: every match with its groups, a substitution, an explanation of the pattern
/// and a snippet (Rust, JavaScript for the ecmascript flavour, PHP for pcre2).
///
/// Limits: a pattern of 8 KiB, a text of 1 MiB, a replacement of 8 KiB; the listed matches take at most 4 MiB of
/// the answer and the replaced text at most 8 MiB (each text counted as escaped: 6 bytes for a control character
/// or one of `"\<>&'/`); the search has the server's deadline (2 s by default), and runs in a separate process
/// stopped at that deadline.
#[utoipa::path(
    post,
    path = "/api/regex",
    tag = "regex",
    request_body = RegexRequest,
    responses(
        (status = 200, description = "Matches, groups, substitution, explanation and snippet. Every match is counted (`match_count`); the first `limit` are listed, and only as many as fit in 4 MiB of answer: `listed` says how many, `limited_by` why not all (`count` or `output`). Offsets in `matches` are UTF-8 byte offsets (`start`, `end`) and character offsets (`char_start`, `char_end`) into the text, and for the ecmascript flavour also UTF-16 code-unit offsets (`utf16_start`, `utf16_end`, as JavaScript's `indices`); offsets in `explanation` are byte offsets into the pattern.", body = crate::Report),
        (status = 400, description = "`invalid_pattern` (with `span`, byte offsets into the pattern, and `reason`: `syntax`, `too_deep`, `too_long` or `too_big`, with `limit` for the last three), `invalid_flags` (with `field`, `flag`, `position`), `invalid_flavor` (with `field`; the flavours are `rust`, `fancy`, `ecmascript` and `pcre2`), or `invalid_request`: a body that is not the JSON described (not JSON, a missing `pattern`, a field of the wrong type, an unknown field), with `expected`.", body = ApiError),
        (status = 413, description = "`text_too_large` (over 1 MiB) or `replacement_too_large`: the replacement over 8 KiB, or the replaced text over 8 MiB counted as escaped (refused before it is built); `limit` is the limit and `size` the size reached, in bytes.", body = ApiError),
        (status = 422, description = "`backtrack_limit` (fancy flavour: with `limit`, the steps, and `at`, the byte offset in the text where the failing search started; pcre2 flavour: PCRE2's match, depth or heap limit or JIT stack, named in `engine_limit`, its value in `limit`, and `at`), `match_timeout` (the search passed its deadline between two matches; with `limit_ms`), `deadline_exceeded` (the search was stopped at the server's deadline, 2 s by default), `answer_too_large` or `work_failed` (the search's process ran out of its memory or output budget).", body = ApiError),
        (status = 503, description = "`busy`: every work thread and queue place is taken; retry after `Retry-After` seconds.", body = ApiError),
    )
)]
async fn api(
    State(site): State<SiteState>,
    body: Result<Json<RegexRequest>, WebError>,
) -> Result<Response, WebError> {
    let Json(body) = body.map_err(|error| error.with("expected", EXPECTED))?;
    let body = Arc::new(body);
    let found = search(&site, &body).await?;
    let answer = site
        .work()
        .run(move |_| {
            let report = crate::answer_found(&body, found)?;
            serde_json::to_vec(&report).map_err(WebError::internal)
        })
        .await??;
    Ok(([(header::CONTENT_TYPE, "application/json")], answer).into_response())
}

/// What the form sends: repeated `flags` checkboxes or one `flags` string, and `fragment=1` from the live-update
/// script; read into the answer layer's [`RegexRequest`].
#[derive(Debug, Default)]
pub(crate) struct FormInput {
    /// The request, with the form's empty substitution meaning none.
    pub(crate) request: RegexRequest,
    /// Whether a pattern was sent: a test to run (otherwise the form is shown as it is, with no result).
    pub(crate) submitted: bool,
    /// A `limit` that is not a whole number, as sent.
    pub(crate) bad_limit: Option<String>,
    /// The `fragment` parameter.
    pub(crate) fragment: Option<String>,
    /// The name of the page's example the request is (its `example` parameter).
    pub(crate) example: Option<&'static str>,
    /// An `example` parameter that names none of the page's examples, as sent.
    pub(crate) unknown_example: Option<String>,
}

impl FormInput {
    fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut input = FormInput::default();
        let mut example = None;
        let request = &mut input.request;
        for (key, value) in pairs {
            // Browsers submit textarea line breaks as CRLF; people typing Enter mean `\n`, and the highlighted
            // text would otherwise disagree with what the browser shows.
            let value = if value.contains('\r') { value.replace("\r\n", "\n") } else { value };
            match key.as_str() {
                "pattern" => {
                    request.pattern = value;
                    input.submitted = true;
                }
                "flags" => request.flags.push_str(&value),
                "text" => request.text = value,
                "replace" => request.replace = Some(value).filter(|replace| !replace.is_empty()),
                "flavor" => request.flavor = Some(value).filter(|flavor| !flavor.is_empty()),
                "limit" if value.is_empty() => request.limit = None,
                "limit" => match value.parse() {
                    Ok(limit) => request.limit = Some(limit),
                    Err(_) => input.bad_limit = Some(value),
                },
                "fragment" => input.fragment = Some(value),
                "example" => example = Some(value),
                _ => {}
            }
        }
        // An example names the whole test: its fields replace any sent beside it.
        if let Some(name) = example {
            match view::example(&name) {
                Some(example) => {
                    input.request = example.request();
                    input.example = Some(example.name());
                }
                None => input.unknown_example = Some(name),
            }
            input.submitted = true;
        }
        input
    }

    /// The form with nothing to test and no text: the same page for everyone.
    fn is_blank(&self) -> bool {
        !self.submitted && self.request.text.is_empty()
    }

    /// Why the form cannot be answered before the answer layer sees it: an example the page does not have (404),
    /// or a `limit` that is not a number (what the JSON API refuses as a body of the wrong type).
    fn invalid(&self) -> Option<AnswerError> {
        if let Some(name) = &self.unknown_example {
            let names = view::example_names().collect::<Vec<_>>().join(", ");
            return Some(AnswerError::not_found(format!(
                "example: there is no example called {name:?}; the examples are {names}"
            )));
        }
        self.bad_limit.as_ref().map(|limit| {
            AnswerError::invalid(
                "invalid_request",
                format!("limit: {limit:?} is not a whole number of matches"),
            )
            .with("expected", EXPECTED)
        })
    }
}

async fn page_get(
    State(site): State<SiteState>,
    Query(pairs): Query<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    let input = FormInput::from_pairs(pairs);
    if input.is_blank() && input.fragment.is_none() {
        // The empty form depends on no input: rendered once, then served from memory.
        return site.cached_page("regex", &headers, || {
            view::render(&site, &input, view::Outcome::Idle).map(|rendered| rendered.html)
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

/// Checks and searches (in a child process), then answers and renders on the pool.
async fn respond(site: SiteState, input: FormInput) -> Response {
    let input = Arc::new(input);
    if !input.submitted {
        return render(site, input, view::Outcome::Idle).await;
    }
    let searched = match input.invalid() {
        Some(error) => Err(NotSearched::Invalid(error)),
        None => search(&site, &input.request).await,
    };
    let outcome = match searched {
        Ok(found) => view::Outcome::Searched(found),
        Err(NotSearched::Invalid(error)) => view::Outcome::Failed(error),
        Err(NotSearched::Refused(refused @ Refused::Busy { .. })) => {
            return refused_answer(&site, refused, input.fragment.as_deref());
        }
        Err(NotSearched::Refused(refused)) => view::Outcome::Refused(refused.into()),
    };
    render(site, input, outcome).await
}

/// Renders the page or its results part on the work pool.
async fn render(site: SiteState, input: Arc<FormInput>, outcome: view::Outcome) -> Response {
    let fragment = input.fragment.clone();
    let shared = Arc::clone(&site);
    match site.work().run(move |_| view::render(&shared, &input, outcome)).await {
        Ok(Ok(rendered)) => rendered.into_response(),
        Ok(Err(error)) => error.into_response(),
        Err(refused) => refused_answer(&site, refused, fragment.as_deref()),
    }
}

/// The answer when the work pool turned a page request away: the error page (`503 busy` with `Retry-After`, or
/// `422`), or for the script (`fragment=1`) a small results block that says so, rendered without the echo of the
/// input.
fn refused_answer(site: &Site, refused: Refused, fragment: Option<&str>) -> Response {
    let error = WebError::from(refused);
    if fragment != Some("1") {
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
            "Test regular expressions live in four flavours (Rust regex, fancy-regex, JavaScript, PCRE2/PHP): matches and groups highlighted, substitution, a plain-English explanation and a code snippet.",
        )
        .here("regex")
        .tool(META.slug)
}

#[cfg(test)]
mod tests;
