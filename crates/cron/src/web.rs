//! The `/cron` page and the `GET /api/cron` JSON API, both thin: take the request, call [`crate::answer()`], render.
//!
//! The page renders server-side from its query string (`?expr=&tz=&count=&from=`, the API's own parameters), so a
//! link reproduces it and it works without JavaScript. `cron.js` updates it live through the kit's
//! `devtoolsLive`: the same route with `fragment=1` answers only the result part, rendered by the template the
//! whole page includes, so there is one rendering. Submitting the visual builder without JavaScript composes the
//! expression on the server and redirects to the shareable URL; a field holding what the builder does not offer
//! (a value out of range, text that is no number, an interval of 0) is answered 400 with the page, the error
//! naming the field and the value, and the builder as submitted: never with a different schedule.

mod builder;
mod view;

use crate::answer::{self, CronAnswer, CronRequest, DEFAULT_COUNT, MAX_COUNT};
use crate::dialect::translate::Translation;
use crate::{
    AnswerError, Dialect, Expression, FieldKind, MAX_EXPRESSION_LEN, META, Plan, Schedule,
};
use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::Utc;
use devtools_kit::extract::Query;
use devtools_kit::{
    ApiDoc, ApiError, ApiExample, Asset, Page, PageRequest, SearchEntry, Site, SiteState, Tool,
    View, WebError,
};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, LazyLock};

/// Templates, each page extending `core/base.html`; `cron/result.html` is the page's live part, included by the
/// page and served alone as its fragment; `cron/builder.html`, the visual builder, included by the page and, when
/// the script asks for it (`with=builder`), by the live part, for the script to put in place.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("cron/index.html", include_str!("../templates/cron/index.html")),
    ("cron/result.html", include_str!("../templates/cron/result.html")),
    ("cron/builder.html", include_str!("../templates/cron/builder.html")),
    ("cron/reference.html", include_str!("../templates/cron/reference.html")),
];

/// The page's script and stylesheet (the kit sends them without their comments: `devtools_kit::shipped`).
pub const ASSETS: &[Asset] = &[
    Asset::js("cron.js", include_bytes!("../static/cron.js")),
    Asset::css("cron.css", include_bytes!("../static/cron.css")),
];

/// Common schedules offered as one-click presets: (label, crontab line).
const PRESETS: &[(&str, &str)] = &[
    ("Every minute", "* * * * *"),
    ("Every 5 minutes", "*/5 * * * *"),
    ("Every 15 minutes", "*/15 * * * *"),
    ("Every hour", "0 * * * *"),
    ("Every 6 hours", "0 */6 * * *"),
    ("Daily at midnight", "0 0 * * *"),
    ("Weekdays at 09:00", "0 9 * * 1-5"),
    ("Sundays at 03:30", "30 3 * * 0"),
    ("First of the month", "0 0 1 * *"),
    ("Last day of the month", "0 0 L * *"),
    ("Every quarter", "0 0 1 */3 *"),
    ("Yearly", "@yearly"),
    ("At startup", "@reboot"),
];

/// One preset as the page links it: (label, crontab line, the line as a query value).
type Preset = (&'static str, &'static str, String);

/// The presets a dialect reads as they are (Kubernetes and GitHub most, Quartz only a macro, EventBridge and systemd
/// none), each with its query value: worked out once per dialect, not on every page.
///
/// form_urlencoded leaves `*` as it is and writes spaces as `+`: shorter links than the template's `urlencode`
/// filter (`%2A`, `%20`), which keeps the page within its 32 KiB.
fn presets_for(dialect: Dialect) -> &'static [Preset] {
    static BY_DIALECT: LazyLock<Vec<Vec<Preset>>> = LazyLock::new(|| {
        Dialect::ALL
            .iter()
            .map(|&dialect| {
                PRESETS
                    .iter()
                    .filter(|(_, expr)| {
                        dialect == Dialect::Vixie || Expression::parse(dialect, expr).is_ok()
                    })
                    .map(|&(label, expr)| {
                        (label, expr, form_urlencoded::byte_serialize(expr.as_bytes()).collect())
                    })
                    .collect()
            })
            .collect()
    });
    let index = Dialect::ALL.iter().position(|&d| d == dialect).unwrap_or_default();
    BY_DIALECT.get(index).map_or(&[], Vec::as_slice)
}

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
        search: search_entries(),
        api: Some(api_doc),
        jobs: &[],
    }
}

/// What site-wide search finds besides the tool: its syntax reference (`/cron/reference`), by the words of its
/// tables.
pub fn search_entries() -> Vec<SearchEntry> {
    vec![
        SearchEntry::new(
            "reference",
            "cron",
            "Cron syntax reference",
            "Each field's values, the syntax, how the day fields combine, daylight-saving changes and how the schedulers differ.",
            "/cron/reference",
        )
        .keywords([
            "crontab", "syntax", "fields", "cheat sheet", "quartz", "eventbridge", "kubernetes", "github",
            "systemd", "oncalendar", "daylight saving", "dst", "day of week", "day of month",
        ]),
    ]
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(api))]
struct Api;

/// The JSON API described, with examples answered by [`crate::answer()`], each also given as the same
/// input on the command line and on the page. They fix `from`, so their runs never change.
pub fn api_doc() -> ApiDoc {
    use utoipa::OpenApi as _;
    let with_dialect = |name, summary, request: CronRequest, dialect: Option<&str>| {
        let mut example =
            ApiExample::get("/api/cron", name, summary).param("expr", request.expr.as_str());
        let mut cli = vec!["cron".to_owned(), request.expr.clone()];
        let mut page = form_urlencoded::Serializer::new(String::new());
        page.append_pair("expr", &request.expr);
        let dialect_text = dialect.map(str::to_owned);
        for (key, value) in [
            ("tz", &request.tz),
            ("count", &request.count),
            ("from", &request.from),
            ("dialect", &dialect_text),
        ] {
            if let Some(value) = value {
                example = example.param(key, value.as_str());
                cli.extend([format!("--{key}"), value.clone()]);
                page.append_pair(key, value);
            }
        }
        example
            .cli(cli)
            .page(PageRequest::Get(format!("/cron?{}", page.finish())))
            .answer(crate::answer_in(&request, dialect))
    };
    let example = |name, summary, request: CronRequest| with_dialect(name, summary, request, None);
    let request = |expr: &str, tz: Option<&str>, count: Option<&str>| CronRequest {
        expr: expr.to_owned(),
        tz: tz.map(str::to_owned),
        count: count.map(str::to_owned),
        from: Some("2026-03-27T12:00:00Z".to_owned()),
    };
    ApiDoc {
        openapi: Api::openapi(),
        examples: vec![
            example(
                "weekdays",
                "Every 15 minutes in office hours, Berlin time",
                request("*/15 9-17 * * MON-FRI", Some("Europe/Berlin"), Some("3")),
            ),
            example(
                "weekday_step",
                "A day-of-week step that reaches 7, Sunday",
                request("0 8 * * 1/2", None, Some("4")),
            ),
            example(
                "invalid_expression",
                "A value out of range",
                request("61 * * * *", None, None),
            ),
            example(
                "invalid_timezone",
                "A city instead of a zone, with the zones it probably means",
                request("0 9 * * *", Some("berlin"), None),
            ),
            // No `invalid_count` example: every count that gets it breaks the parameter's schema (1 to 100), and an
            // OpenAPI example must fit its schema (OpenAPI 3.1 §4.8.19).
            with_dialect(
                "vixie_translated",
                "A crontab line, named as vixie: the answer adds its translations into the other dialects",
                request("*/15 9-17 * * MON-FRI", Some("Europe/Berlin"), Some("2")),
                Some("vixie"),
            ),
            with_dialect(
                "quartz",
                "Quartz: seconds first, ? in day-of-month, weekdays 1-7 from Sunday (6#3 is the third Friday)",
                request("0 15 10 ? * 6#3", Some("America/New_York"), Some("3")),
                Some("quartz"),
            ),
            with_dialect(
                "quartz_both_days",
                "Quartz refuses a day-of-month together with a day-of-week",
                request("0 0 12 1 * MON", None, None),
                Some("quartz"),
            ),
            with_dialect(
                "eventbridge",
                "An EventBridge rule: cron() with a year and a mandatory ?",
                request("cron(0 18 ? * MON-FRI *)", None, Some("3")),
                Some("eventbridge"),
            ),
            with_dialect(
                "eventbridge_rate",
                "An EventBridge rate(): every 5 minutes from the instant",
                request("rate(5 minutes)", None, Some("3")),
                Some("eventbridge"),
            ),
            with_dialect(
                "eventbridge_missing_question_mark",
                "EventBridge wants ? in day-of-month or day-of-week",
                request("cron(0 18 * * MON-FRI *)", None, None),
                Some("eventbridge"),
            ),
            with_dialect(
                "kubernetes",
                "A CronJob schedule with a CRON_TZ= prefix: runs in Berlin, shown in UTC",
                request("CRON_TZ=Europe/Berlin 0 9 * * 1-5", None, Some("3")),
                Some("kubernetes"),
            ),
            with_dialect(
                "kubernetes_sunday_seven",
                "Kubernetes numbers weekdays 0-6 only",
                request("0 9 * * 7", None, None),
                Some("kubernetes"),
            ),
            with_dialect(
                "github",
                "A GitHub Actions schedule: UTC only, at most every 5 minutes, runs can be delayed",
                request("*/2 * * * *", Some("Europe/Berlin"), Some("3")),
                Some("github"),
            ),
            with_dialect(
                "systemd",
                "A systemd timer's OnCalendar= event, in Berlin time across the spring-forward change",
                request("Mon..Fri *-*-* 02:30", Some("Europe/Berlin"), Some("3")),
                Some("systemd"),
            ),
            with_dialect(
                "systemd_out_of_range",
                "A systemd calendar event with an hour out of range",
                request("*-*-* 25:00", None, None),
                Some("systemd"),
            ),
            with_dialect(
                "invalid_dialect",
                "A dialect that is not one of the six",
                request("0 9 * * *", None, None),
                Some("fcron"),
            ),
        ],
    }
}

/// Routes: the page at `/cron` (its live part with `fragment=1`), the syntax reference at `/cron/reference`, JSON
/// at `/api/cron`.
pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    SiteState: FromRef<S>,
{
    Router::new()
        .route("/cron", get(page))
        .route("/cron/reference", get(reference))
        .route("/api/cron", get(api))
}

/// The cheat sheet's long tables (each field's values, the schedulers compared), which the tool's page links to
/// rather than carries: the same for every request, so rendered once.
async fn reference(State(site): State<SiteState>, headers: axum::http::HeaderMap) -> Response {
    site.cached_page("cron/reference", &headers, || {
        let page = Page::new("Cron syntax reference")
            .description("Cron fields and their values, the syntax, how day-of-month and day-of-week combine, daylight-saving changes, and how crontab, Quartz, EventBridge, Kubernetes, GitHub Actions and systemd differ.")
            .here("cron")
            .tool(META.slug);
        site.render("cron/reference.html", &page, ())
    })
}

/// A cron expression explained, with its next runs in a time zone.
///
/// Five fields (minute hour day-of-month month day-of-week), six with seconds or seven with a year, or a macro
/// such as `@daily`; day-of-month and day-of-week combine with OR as in Vixie cron.
#[utoipa::path(
    get,
    path = "/api/cron",
    tag = "cron",
    params(
        ("expr" = String, Query, description = "The cron expression, such as `*/15 9-17 * * MON-FRI`."),
        ("tz" = Option<String>, Query, description = "IANA time zone for the runs; `UTC` when absent."),
        ("count" = Option<u32>, Query, minimum = 1, maximum = 100, description = "How many runs to list, a whole number from 1 to 100; 10 when absent. Anything else is `invalid_count`."),
        ("from" = Option<String>, Query, format = DateTime, description = "RFC 3339 instant to list runs after, from 1970-01-01T00:00:00Z through 9999-12-31T23:59:59Z (`invalid_from` outside); now when absent."),
        ("dialect" = Option<String>, Query, description = "Whose syntax and rules the expression follows: `vixie` (crontab, cronie; the default), `quartz` (Quartz and Spring: seconds first, `?`, weekdays 1-7 from Sunday), `eventbridge` (`cron(min hour dom month dow year)`, years to 2199, or `rate(5 minutes)`), `kubernetes` (a CronJob schedule or `@every 1h30m`, optionally after `CRON_TZ=`), `github` (Actions `schedule`, UTC only), `systemd` (`OnCalendar=`). Naming one adds `dialect` and `translations` to the answer; another name is `invalid_dialect`."),
    ),
    responses(
        (status = 200, description = "The description, each field and the next runs.", body = CronAnswer),
        (status = 400, description = "`invalid_dialect`, `invalid_expression` (with `field`, `position`, `length`), `invalid_timezone` (with `suggestions`: the IANA zones the name probably means, best first, such as `Europe/Berlin` for `berlin`; possibly empty), `invalid_count` or `invalid_from`.", body = ApiError),
    )
)]
async fn api(
    State(site): State<SiteState>,
    Query(query): Query<ApiQuery>,
) -> Result<axum::Json<CronAnswer>, WebError> {
    site.work()
        .answer(move |_| {
            let ApiQuery { expr, tz, count, from, dialect } = query;
            let request = CronRequest { expr, tz, count, from };
            crate::answer_in(&request, dialect.as_deref()).map_err(WebError::from)
        })
        .await
        .map(axum::Json)
}

/// The API's query: a [`CronRequest`]'s fields and the dialect. Any other parameter is refused as
/// `400 invalid_request`, so that a misspelt one (`timezone=` for `tz=`) is not silently ignored. (serde's
/// `deny_unknown_fields` does not work through `flatten`, hence the fields again.)
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ApiQuery {
    #[serde(default)]
    expr: String,
    tz: Option<String>,
    count: Option<String>,
    from: Option<String>,
    dialect: Option<String>,
}

/// The page's query: the API's parameters (the example expression when `expr` is absent, on a first visit) and the
/// page's own `fragment` and `build`.
#[derive(Debug, Deserialize)]
struct PageQuery {
    expr: Option<String>,
    tz: Option<String>,
    count: Option<String>,
    from: Option<String>,
    /// The dialect's name; Vixie cron when absent.
    dialect: Option<String>,
    /// `1` asks for the translations into the other dialects (each checked over two years of runs, which costs
    /// more than the rest of the page: opt-in).
    translate: Option<String>,
    /// `1` asks for the live part alone; with `build`, the live part of the composed expression, which carries
    /// it in `<template id="cron-composed" data-expr="…">` for the script to put in the input.
    fragment: Option<String>,
    /// `builder` adds the visual builder, set from the expression, to the live part: the script asks for it
    /// unless the change came from the builder itself.
    with: Option<String>,
    /// Sent by the builder's form: submitted without JavaScript, or by the script to compose.
    build: Option<String>,
    /// The builder's submission, refused: why, and the pairs it sent (to show them again).
    #[serde(skip)]
    refused: Option<(builder::BuildError, Vec<(String, String)>)>,
}

async fn page(
    State(site): State<SiteState>,
    Query(query): Query<PageQuery>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Response {
    let query = if query.build.is_some() {
        // The builder's form is not the API's request: it repeats keys (one `dow` per ticked box) and names a mode
        // per field, so it reads its pairs in order and composes the expression from them, in its dialect (a name
        // that is none composes Vixie fields; the page it leads to refuses the name).
        let dialect =
            answer::parse_dialect(query.dialect.as_deref()).ok().flatten().unwrap_or_default();
        match builder::compose(dialect, &pairs) {
            // The script composes here too, so that there is one composer: in one request it gets the live part
            // of the composed expression, which carries the expression for the input (`composed`).
            Ok(expr) if query.fragment.is_none() => {
                return redirect_to(site.base_path(), &expr, &query);
            }
            Ok(expr) => PageQuery { expr: Some(expr), with: None, ..query },
            // Refused: the page (or its live part) with the error, the expression the builder's form carried
            // (`expr`, the one shown before) and, on the page, the builder as it was submitted.
            Err(error) => PageQuery { with: None, refused: Some((error, pairs)), ..query },
        }
    } else {
        query
    };
    let job_site = Arc::clone(&site);
    site.work().respond(move |_| render_page(&job_site, query)).await
}

/// The expression split around the error, for underlining, and which input the error is about.
#[derive(Debug, Serialize)]
struct ErrorView {
    message: String,
    /// The id of the input at fault, for `aria-invalid`.
    input: &'static str,
    /// Whether the expression is underlined (`before`, `bad`, `after`).
    echo: bool,
    before: String,
    bad: String,
    after: String,
    /// For `invalid_timezone`, the zones the name probably means, each with the link that applies it.
    suggestions: Vec<ZoneSuggestion>,
    /// For `invalid_builder`, the name of the builder's input at fault (`hour_to`), which the script marks.
    builder_input: String,
}

/// A zone an `invalid_timezone` error suggests, as a link to the same request in that zone: it works without
/// JavaScript, and `cron.js` applies it in place (`data-tz`).
#[derive(Debug, Serialize)]
struct ZoneSuggestion {
    zone: String,
    href: String,
}

/// The suggestions an error carries (`invalid_timezone`'s `suggestions`), each linked to `request` in that zone.
fn zone_suggestions(
    error: &AnswerError,
    request: &CronRequest,
    dialect: Option<&str>,
    translate: bool,
    base: &devtools_kit::BasePath,
) -> Vec<ZoneSuggestion> {
    let Some(zones) = error.details().get("suggestions").and_then(|v| v.as_array()) else {
        return Vec::new();
    };
    zones
        .iter()
        .filter_map(|zone| zone.as_str())
        .map(|zone| {
            let mut query = form_urlencoded::Serializer::new(String::new());
            query.append_pair("expr", &request.expr).append_pair("tz", zone);
            for (key, value) in [("count", &request.count), ("from", &request.from)] {
                if let Some(value) = value {
                    query.append_pair(key, value);
                }
            }
            if let Some(dialect) = dialect {
                query.append_pair("dialect", dialect);
            }
            if translate {
                query.append_pair("translate", "1");
            }
            ZoneSuggestion {
                zone: zone.to_owned(),
                href: base.join(&format!("/cron?{}", query.finish())),
            }
        })
        .collect()
}

impl ErrorView {
    fn new(input: &str, error: &AnswerError) -> ErrorView {
        let floor = |mut i: usize| {
            i = i.min(input.len());
            while !input.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let span = error.location().and_then(|at| at.span.clone());
        let (start, end) = match &span {
            Some(span) => {
                let start = floor(span.start);
                (start, floor(span.end).max(start))
            }
            None => (0, 0),
        };
        ErrorView {
            message: error.message().to_owned(),
            input: match error.kind() {
                "invalid_dialect" => "cron-dialect",
                "invalid_expression" => "cron-expr",
                "invalid_timezone" => "cron-tz",
                "invalid_count" => "cron-count",
                _ => "",
            },
            echo: span.is_some(),
            before: input[..start].to_owned(),
            // An empty input or a missing field: underline a space where text is wanted.
            bad: if end > start { input[start..end].to_owned() } else { " ".to_owned() },
            after: input[end..].to_owned(),
            suggestions: Vec::new(),
            builder_input: String::new(),
        }
    }
}

/// The answer as the page shows it.
#[derive(Debug, Serialize)]
struct ResultView<'a> {
    description: &'a str,
    warning: Option<&'a str>,
    runs: Vec<view::RunView>,
    fields: Vec<FieldView<'a>>,
    macro_name: Option<&'static str>,
    /// The expression in the other dialects, when the user asked for them (`translate=1`).
    translations: &'a [Translation],
}

/// One row of the breakdown table.
#[derive(Debug, Serialize)]
struct FieldView<'a> {
    name: &'static str,
    raw: &'a str,
    description: &'a str,
    /// The values as the table shows them: `Mon–Fri, 2nd Sun`.
    values: String,
}

/// Everything `cron/index.html` and its live part `cron/result.html` show.
#[derive(Debug, Serialize)]
struct PageView<'a> {
    expr: String,
    tz: String,
    count: String,
    from: Option<&'a str>,
    error: Option<ErrorView>,
    result: Option<ResultView<'a>>,
    builder: Vec<builder::BuilderField>,
    /// Whether the builder is hidden: systemd has no fields, nor do a `rate()` and an `@every`.
    builder_hidden: bool,
    /// Whether the live part carries the builder (`with=builder`), in a `<template>` the script puts in place.
    builder_next: bool,
    /// Whether the dialect wants `?` in one day field: the builder's script then lets the other match every day
    /// when one is chosen.
    question: bool,
    /// Vixie's seconds and year, which its builder carries unchanged.
    second_raw: String,
    year_raw: String,
    /// A Kubernetes `CRON_TZ=` prefix, which its builder keeps.
    prefix: String,
    /// The dialect's presets ([`presets_for`]).
    presets: &'static [Preset],
    max_len: usize,
    max_count: usize,
    /// The dialect chosen, by name (`vixie` when none is).
    dialect: &'static str,
    /// Every dialect as (name, label) for the select.
    dialects: Vec<(&'static str, &'static str)>,
    /// What the chosen dialect's expressions look like, under the input; also on the builder, which the script
    /// fetches when another dialect is chosen and takes the hint from (not six hints in the page).
    hint: &'static str,
    /// Whether the translations were asked for (the form's checkbox).
    translate: bool,
    /// Whether `expr` was composed from the builder's form by the script's request (`build` with `fragment`):
    /// the live part then carries it for the input.
    composed: bool,
}

fn render_page(site: &Site, query: PageQuery) -> Response {
    let view = View::choose(query.fragment.as_deref(), "cron/index.html", "cron/result.html");
    let refused = query.refused;
    let composed = query.build.is_some() && refused.is_none() && matches!(view, View::Fragment(_));
    let builder_next =
        matches!(view, View::Fragment(_)) && query.with.as_deref() == Some("builder");
    let with_builder = matches!(view, View::Page(_)) || builder_next;
    let first_visit = query.expr.is_none();
    let dialect_name = query.dialect.clone().filter(|name| !name.trim().is_empty());
    // A name that is no dialect shows Vixie selected and the error; the answer refuses it.
    let named = answer::parse_dialect(dialect_name.as_deref());
    let chosen = named.as_ref().ok().copied().flatten().unwrap_or_default();
    let request = CronRequest {
        expr: query.expr.unwrap_or_else(|| chosen.example().to_owned()),
        tz: query.tz,
        count: query.count,
        from: query.from,
    };
    // One instant for the runs and for "in 3 h" beside them.
    let now = Utc::now();
    // Translations only when asked for: checking each one compares two years of runs, which costs more than the
    // rest of the page together.
    let translate = is_on(query.translate.as_deref());
    // Read once: the answer, the builder (set from the expression even when the zone or count is refused) and
    // the table's value texts all need it.
    let parsed = Expression::parse(chosen, &request.expr);
    let answered = match &refused {
        // The builder's fields are what is wrong: none of the expression's runs are shown, as for an invalid one.
        Some((error, _)) => Err(AnswerError::invalid("invalid_builder", error.message.clone())),
        None => named.and_then(|_| {
            answer::answer_parsed(&request, Some(chosen), parsed.as_ref(), now, translate)
        }),
    };
    let since = answer::parse_from(request.from.as_deref()).ok().flatten().unwrap_or(now);
    let expression = parsed.ok();
    let schedule = expression.as_ref().and_then(Expression::schedule);
    // The input shows at most twice the accepted length: enough to see the mistake.
    let expr: String = request.expr.chars().take(MAX_EXPRESSION_LEN * 2).collect();
    let tz = match &answered {
        Ok(answer) => answer.tz.name().to_owned(),
        Err(_) => {
            let raw = request.tz.as_deref().unwrap_or("UTC").trim();
            answer::parse_zone(raw).map_or_else(|| raw.to_owned(), |tz| tz.name().to_owned())
        }
    };
    let (error, result) = match &answered {
        Err(error) => {
            let view = ErrorView {
                builder_input: refused.as_ref().map(|(e, _)| e.input.clone()).unwrap_or_default(),
                suggestions: zone_suggestions(
                    error,
                    &request,
                    dialect_name.as_deref(),
                    translate,
                    site.base_path(),
                ),
                ..ErrorView::new(&expr, error)
            };
            (Some(view), None)
        }
        Ok(answer) => (None, Some(result_view(answer, schedule, since))),
    };
    // The hidden words the builder carries: as submitted when its submission is refused, else the expression's.
    let sent = |name: &str| {
        refused.as_ref().and_then(|(_, pairs)| {
            pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim().to_owned())
        })
    };
    let extra = |kind, name: &str| {
        sent(name).unwrap_or_else(|| {
            schedule.and_then(|s| s.field(kind)).map(|f| f.raw().to_owned()).unwrap_or_default()
        })
    };
    let page = Page::new("Cron expression generator")
        .description("Build and parse cron expressions visually: plain-English descriptions, a field-by-field breakdown and the next run times in any time zone.")
        .here("cron")
        .tool(META.slug);
    let page = if first_visit { page } else { page.noindex() };
    let interval = expression.as_ref().is_some_and(|e| matches!(e.plan(), Plan::Every(_)));
    let context = PageView {
        // The chosen dialect's fields only: all of them for every dialect would not fit the page's 32 KiB.
        builder: match &refused {
            _ if !with_builder => Vec::new(),
            Some((error, pairs)) => builder::submitted_fields(chosen, pairs, &error.input),
            None => builder::builder_fields(chosen, schedule.filter(|s| !s.is_reboot())),
        },
        builder_hidden: builder::layout(chosen).is_empty() || interval,
        builder_next,
        question: chosen.takes_question_mark(),
        prefix: sent("prefix").unwrap_or_else(|| builder::zone_prefix(chosen, &request.expr)),
        expr,
        tz,
        count: request.count.clone().unwrap_or_else(|| DEFAULT_COUNT.to_string()),
        from: request.from.as_deref(),
        error,
        result,
        second_raw: extra(FieldKind::Second, "second_raw"),
        year_raw: extra(FieldKind::Year, "year_raw"),
        // Fewer presets for the dialects with the largest builders also leaves room for those in the page.
        presets: presets_for(chosen),
        max_len: MAX_EXPRESSION_LEN,
        max_count: MAX_COUNT,
        dialect: chosen.name(),
        dialects: Dialect::ALL.iter().map(|d| (d.name(), d.label())).collect(),
        hint: hint(chosen),
        translate,
        composed,
    };
    let status = answered.as_ref().map_or_else(|error| error.class().status(), |_| StatusCode::OK);
    match site.render_view(view, &page, context, status) {
        Ok(rendered) => rendered.into_response(),
        Err(error) => error.into_response(),
    }
}

fn result_view<'a>(
    answer: &'a CronAnswer,
    schedule: Option<&Schedule>,
    since: chrono::DateTime<Utc>,
) -> ResultView<'a> {
    let parsed = schedule.map(Schedule::fields).unwrap_or_default();
    let seconds = schedule.is_some_and(|s| s.field(FieldKind::Second).is_some());
    ResultView {
        description: &answer.description,
        warning: answer.warning.as_deref(),
        runs: answer.next.iter().map(|run| view::RunView::new(run, since, seconds)).collect(),
        fields: answer
            .fields
            .iter()
            .enumerate()
            .map(|(i, field)| FieldView {
                name: field.kind.name(),
                raw: &field.raw,
                description: &field.description,
                values: parsed.get(i).map(crate::Field::values_text).unwrap_or_default(),
            })
            .collect(),
        macro_name: schedule.and_then(Schedule::macro_name),
        translations: answer.translations.as_deref().unwrap_or_default(),
    }
}

/// Whether a checkbox's parameter is on: present, not empty and not `0`.
fn is_on(value: Option<&str>) -> bool {
    value.map(str::trim).is_some_and(|v| !v.is_empty() && v != "0")
}

/// What an expression of the dialect looks like, shown under the input.
fn hint(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Quartz => {
            "second · minute · hour · day-of-month · month · day-of-week (1–7 = SUN–SAT) · optional year; ? in one day field, e.g. 0 15 10 ? * MON-FRI"
        }
        Dialect::EventBridge => {
            "cron(minutes hours day-of-month month day-of-week year) with ? in one day field and years to 2199, or rate(5 minutes)"
        }
        Dialect::Kubernetes => {
            "minute · hour · day-of-month · month · day-of-week (0–6), a macro such as @daily, or @every 1h30m; optionally after CRON_TZ=Europe/Berlin"
        }
        Dialect::Github => "minute · hour · day-of-month · month · day-of-week (0–6), in UTC",
        Dialect::Systemd => {
            "a timer's calendar event (the OnCalendar setting) such as Mon..Fri *-*-* 09:00:00, *-*-1/2 02:00 or daily"
        }
        _ => {
            "minute · hour · day-of-month · month · day-of-week — optionally seconds first and a year last, or a macro such as @daily"
        }
    }
}

/// 303 to the shareable URL of a composed expression, with the zone, count, instant and dialect the builder carried.
fn redirect_to(base: &devtools_kit::BasePath, expr: &str, query: &PageQuery) -> Response {
    let mut target = form_urlencoded::Serializer::new(String::new());
    target.append_pair("expr", expr).append_pair("tz", query.tz.as_deref().unwrap_or("UTC").trim());
    let default = DEFAULT_COUNT.to_string();
    if let Some(count) =
        query.count.as_deref().map(str::trim).filter(|c| !c.is_empty() && *c != default)
    {
        target.append_pair("count", count);
    }
    if let Some(from) = &query.from {
        target.append_pair("from", from);
    }
    if let Some(dialect) = query.dialect.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        target.append_pair("dialect", dialect);
    }
    if is_on(query.translate.as_deref()) {
        target.append_pair("translate", "1");
    }
    (StatusCode::SEE_OTHER, [(header::LOCATION, base.join(&format!("/cron?{}", target.finish())))])
        .into_response()
}

#[cfg(test)]
mod tests;
