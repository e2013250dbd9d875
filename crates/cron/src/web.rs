//! The `/cron` page and the `GET /api/cron` JSON API.
//!
//! The page renders server-side from its query string (`?expr=&tz=&count=`), so a link reproduces it and it works
//! without JavaScript; `cron.js` then updates it live through the API and drives the visual builder. Submitting
//! the builder without JavaScript composes the expression on the server and redirects to the shareable URL.

mod builder;
mod view;

use crate::{Field, ParseError, Schedule};
use axum::Json;
use axum::Router;
use axum::extract::{FromRef, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use devtools_kit::{
    ApiDoc, ApiError, ApiExample, Asset, Page, SiteState, Tool, ToolMeta, WebError,
};
use serde::Serialize;
use std::sync::LazyLock;

/// The tool as registered with the host.
pub const META: ToolMeta = ToolMeta {
    slug: "cron",
    name: "Cron Expression Generator",
    summary: "Build and parse cron expressions visually. Generate human-readable descriptions and preview next execution times.",
    label: "cron",
    related: &["regex", "http-status", "jwt", "color"],
    keywords: &[
        "crontab",
        "cron job",
        "schedule",
        "quartz",
        "vixie",
        "cronie",
        "next run",
        "every 5 minutes",
        "timer",
        "scheduler",
        "time zone",
        "dst",
    ],
};

/// Templates, each extending `core/base.html`.
pub const TEMPLATES: &[(&str, &str)] =
    &[("cron/index.html", include_str!("../templates/cron/index.html"))];

/// The page's script and stylesheet.
pub const ASSETS: &[Asset] = &[
    Asset::js("cron.js", include_bytes!("../static/cron.js")),
    Asset::css("cron.css", include_bytes!("../static/cron.css")),
];

/// Runs listed when the request names no count.
const DEFAULT_COUNT: usize = 10;
/// Most runs one request may ask for.
const MAX_COUNT: usize = 100;
/// The expression shown on a first visit.
const EXAMPLE: &str = "0 9 * * 1-5";

/// Common schedules offered as one-click presets.
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

/// Every IANA zone name chrono-tz knows, sorted, UTC first.
static ZONES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut zones: Vec<&'static str> =
        chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).filter(|name| *name != "UTC").collect();
    zones.sort_unstable();
    zones.insert(0, "UTC");
    zones
});

/// The zone list's `<option>`s, rendered once. Six hundred of them through the template's loop took most of the
/// page's render time (`just bench`: the cron page served 4.8k pages/s against 66k for a status page).
/// Zone names are letters, digits and `/_+-` (a test checks it), so there is nothing to escape.
static ZONE_OPTIONS: LazyLock<String> =
    LazyLock::new(|| ZONES.iter().map(|zone| format!("<option>{zone}</option>")).collect());

/// The options with `selected` on the zone shown; a name that is not in the list selects nothing.
fn zone_options(selected: &str) -> String {
    let plain = format!("<option>{selected}</option>");
    match ZONE_OPTIONS.find(&plain) {
        Some(at) => {
            let mut options = String::with_capacity(ZONE_OPTIONS.len() + 9);
            options.push_str(&ZONE_OPTIONS[..at]);
            options.push_str("<option selected>");
            options.push_str(&ZONE_OPTIONS[at + "<option>".len()..]);
            options
        }
        None => ZONE_OPTIONS.clone(),
    }
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
        search: Vec::new(),
        api: Some(api_doc()),
        jobs: &[],
    }
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(api))]
struct Api;

/// The JSON API described, with examples answered by [`api_answer`]. They fix `from`, so their runs never
/// change.
pub fn api_doc() -> ApiDoc {
    use utoipa::OpenApi as _;
    let example = |name, summary, query: ApiQuery<'static>| {
        let mut example = ApiExample::get("/api/cron", name, summary).param("expr", query.expr);
        for (key, value) in [("tz", query.tz), ("count", query.count), ("from", query.from)] {
            if let Some(value) = value {
                example = example.param(key, value);
            }
        }
        example.answer(api_answer(&query))
    };
    let from = Some("2026-03-27T12:00:00Z");
    ApiDoc {
        openapi: Api::openapi(),
        examples: vec![
            example(
                "weekdays",
                "Every 15 minutes in office hours, Berlin time",
                ApiQuery {
                    expr: "*/15 9-17 * * MON-FRI",
                    tz: Some("Europe/Berlin"),
                    count: Some("3"),
                    from,
                },
            ),
            example(
                "invalid_expression",
                "A value out of range",
                ApiQuery { expr: "61 * * * *", tz: None, count: None, from },
            ),
        ],
    }
}

/// Routes: the page at `/cron`, JSON at `/api/cron`.
pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    SiteState: FromRef<S>,
{
    Router::new()
        .route("/cron", get(page))
        .route("/cron/live", get(live))
        .route("/api/cron", get(api))
}

/// A zone by IANA name, exactly or ignoring case.
fn parse_zone(name: &str) -> Option<Tz> {
    let name = name.trim();
    name.parse::<Tz>().ok().or_else(|| {
        chrono_tz::TZ_VARIANTS.iter().copied().find(|tz| tz.name().eq_ignore_ascii_case(name))
    })
}

fn zone_error(name: &str) -> String {
    let shown: String = name.chars().take(60).collect();
    format!(
        "unknown time zone \"{shown}\"; use an IANA name such as UTC, Europe/Berlin or America/New_York"
    )
}

/// Query pairs in order, repeated keys kept (the builder's checkboxes repeat them).
fn query_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.unwrap_or_default().as_bytes()).into_owned().collect()
}

fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
}

/// One field in the API answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = CronField)]
struct ApiField {
    name: &'static str,
    raw: String,
    description: String,
    values: Vec<u32>,
}

impl From<&Field> for ApiField {
    fn from(field: &Field) -> Self {
        ApiField {
            name: field.kind().name(),
            raw: field.raw().to_owned(),
            description: field.describe(),
            values: field.values().to_vec(),
        }
    }
}

/// The body of `GET /api/cron`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = CronAnswer)]
pub struct ApiAnswer {
    expr: String,
    description: String,
    tz: &'static str,
    next: Vec<String>,
    fields: Vec<ApiField>,
    warning: Option<String>,
}

/// The runs after `from` and the warning to show with them.
fn runs_and_warning(
    schedule: &Schedule,
    from: DateTime<Utc>,
    tz: Tz,
    count: usize,
) -> (Vec<DateTime<Tz>>, Option<String>) {
    // Searching for runs of an expression that never fires walks croner to its year-5000 limit; do it once.
    if schedule.is_reboot() || schedule.never_fires() {
        return (Vec::new(), schedule.warning());
    }
    let runs: Vec<DateTime<Tz>> = schedule.runs_after(from, tz).take(count).collect();
    if !runs.is_empty() {
        return (runs, schedule.warning());
    }
    let when = from.format("%Y-%m-%d %H:%M:%S UTC");
    let year_limited = schedule.field(crate::FieldKind::Year).is_some_and(|year| year.raw() != "*");
    let warning = if year_limited {
        format!("No runs after {when}: the year field names only earlier years.")
    } else {
        format!("No runs after {when}: run times are computed up to the year 5000.")
    };
    (runs, Some(warning))
}

fn expression_error(error: &ParseError) -> WebError {
    WebError::bad_request("invalid_expression", error.to_string())
        .with("field", error.field().map(|field| field.name()))
        .with("position", error.position())
        .with("length", error.len())
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
        ("count" = Option<String>, Query, description = "How many runs to list, 1 to 100; 10 when absent."),
        ("from" = Option<String>, Query, description = "RFC 3339 instant to list runs after; now when absent."),
    ),
    responses(
        (status = 200, description = "The description, each field and the next runs.", body = ApiAnswer),
        (status = 400, description = "`invalid_expression` (with `field`, `position`, `length`), `invalid_timezone`, `invalid_count` or `invalid_from`.", body = ApiError),
    )
)]
async fn api(
    State(site): State<SiteState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<ApiAnswer>, WebError> {
    site.work().run(move |_| answer_for_query(raw.as_deref())).await?.map(Json)
}

/// What the page's script asks as you type: the API's answer or its error body, always with status 200. The API
/// keeps its documented 400, but a browser logs every 400 a script receives as a failed request, and a half-typed
/// expression is invalid at almost every keystroke.
async fn live(State(site): State<SiteState>, RawQuery(raw): RawQuery) -> Response {
    site.work()
        .respond(move |_| match answer_for_query(raw.as_deref()) {
            Ok(answer) => Json(answer).into_response(),
            Err(error) => Json(error.to_json()).into_response(),
        })
        .await
}

fn answer_for_query(raw: Option<&str>) -> Result<ApiAnswer, WebError> {
    let pairs = query_pairs(raw);
    let query = ApiQuery {
        expr: param(&pairs, "expr").unwrap_or_default(),
        tz: param(&pairs, "tz"),
        count: param(&pairs, "count"),
        from: param(&pairs, "from"),
    };
    api_answer(&query)
}

/// The parameters of `GET /api/cron`, as text, exactly as the query string carries them.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<'a> {
    /// The cron expression.
    pub expr: &'a str,
    /// IANA time zone name; UTC when absent.
    pub tz: Option<&'a str>,
    /// How many runs to list (1 to the maximum); the default when absent.
    pub count: Option<&'a str>,
    /// RFC 3339 instant to list runs after; now when absent.
    pub from: Option<&'a str>,
}

/// The answer of `GET /api/cron` for a query, or its 400 error. The command line's `--json` prints the same.
pub fn api_answer(query: &ApiQuery<'_>) -> Result<ApiAnswer, WebError> {
    let schedule = Schedule::parse(query.expr).map_err(|error| expression_error(&error))?;
    let zone = query.tz.unwrap_or("UTC");
    let tz = parse_zone(zone)
        .ok_or_else(|| WebError::bad_request("invalid_timezone", zone_error(zone)))?;
    let count = match query.count {
        None => DEFAULT_COUNT,
        Some(text) => {
            text.trim().parse::<usize>().ok().filter(|n| (1..=MAX_COUNT).contains(n)).ok_or_else(
                || {
                    WebError::bad_request(
                        "invalid_count",
                        format!("count must be a whole number from 1 to {MAX_COUNT}"),
                    )
                },
            )?
        }
    };
    let from = match query.from {
        None => Utc::now(),
        Some(text) => {
            DateTime::parse_from_rfc3339(text.trim()).map(|t| t.to_utc()).map_err(|_| {
                WebError::bad_request(
                    "invalid_from",
                    "from must be an RFC 3339 instant such as 2026-01-01T00:00:00Z",
                )
            })?
        }
    };
    let (runs, warning) = runs_and_warning(&schedule, from, tz, count);
    Ok(ApiAnswer {
        expr: schedule.source().to_owned(),
        description: schedule.describe(),
        tz: tz.name(),
        next: runs.iter().map(DateTime::to_rfc3339).collect(),
        fields: schedule.fields().iter().map(ApiField::from).collect(),
        warning,
    })
}

/// The expression split around the error, for underlining.
#[derive(Debug, Serialize)]
struct ErrorView {
    message: String,
    field: Option<&'static str>,
    before: String,
    bad: String,
    after: String,
}

impl ErrorView {
    fn new(input: &str, error: &ParseError) -> ErrorView {
        let floor = |mut i: usize| {
            i = i.min(input.len());
            while !input.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let start = floor(error.position());
        let end = floor(error.position() + error.len()).max(start);
        ErrorView {
            message: error.to_string(),
            field: error.field().map(|field| field.name()),
            before: input[..start].to_owned(),
            // An empty input or a missing field: underline a space where text is wanted.
            bad: if end > start { input[start..end].to_owned() } else { " ".to_owned() },
            after: input[end..].to_owned(),
        }
    }
}

/// The result of a valid expression.
#[derive(Debug, Serialize)]
struct ResultView {
    description: String,
    warning: Option<String>,
    runs: Vec<view::RunView>,
    fields: Vec<FieldView>,
    macro_name: Option<&'static str>,
}

/// Everything `cron/index.html` shows.
#[derive(Debug, Serialize)]
struct PageView<'a> {
    expr: String,
    tz: &'a str,
    count: usize,
    /// Pre-rendered `<option>`s ([`zone_options`]).
    zone_options: minijinja::Value,
    error: Option<ErrorView>,
    tz_error: Option<String>,
    result: Option<ResultView>,
    builder: Vec<builder::BuilderField>,
    second_raw: String,
    year_raw: String,
    presets: &'static [(&'static str, &'static str)],
    max_len: usize,
    max_count: usize,
}

/// One row of the breakdown table.
#[derive(Debug, Serialize)]
struct FieldView {
    name: &'static str,
    raw: String,
    description: String,
    values: String,
}

async fn page(State(site): State<SiteState>, RawQuery(raw): RawQuery) -> Response {
    let job_site = std::sync::Arc::clone(&site);
    site.work().respond(move |_| render_page(&job_site, raw.as_deref())).await
}

fn render_page(site: &devtools_kit::Site, raw: Option<&str>) -> Response {
    let pairs = query_pairs(raw);
    let zone = param(&pairs, "tz").unwrap_or("UTC").trim().to_owned();
    let count = param(&pairs, "count")
        .and_then(|c| c.trim().parse::<usize>().ok())
        .unwrap_or(DEFAULT_COUNT)
        .clamp(1, MAX_COUNT);
    if param(&pairs, "build").is_some() {
        return redirect_to(&builder::compose(&pairs), &zone, count);
    }
    let expr: String = param(&pairs, "expr")
        .unwrap_or(EXAMPLE)
        .chars()
        .take(crate::MAX_EXPRESSION_LEN * 2)
        .collect();
    let tz = parse_zone(&zone);
    let tz_error = tz.is_none().then(|| zone_error(&zone));
    let parsed = Schedule::parse(&expr);
    let now = Utc::now();

    let (error, result) = match (&parsed, tz) {
        (Err(error), _) => (Some(ErrorView::new(&expr, error)), None),
        (Ok(schedule), tz) => {
            let (runs, warning) = runs_and_warning(schedule, now, tz.unwrap_or(Tz::UTC), count);
            let fields: Vec<FieldView> = schedule
                .fields()
                .iter()
                .map(|f| FieldView {
                    name: f.kind().name(),
                    raw: f.raw().to_owned(),
                    description: f.describe(),
                    values: f.values_text(),
                })
                .collect();
            let runs: Vec<view::RunView> = if tz.is_some() {
                runs.iter().map(|run| view::RunView::new(run, now)).collect()
            } else {
                Vec::new()
            };
            let result = ResultView {
                description: schedule.describe(),
                warning,
                runs,
                fields,
                macro_name: schedule.macro_name(),
            };
            (None, Some(result))
        }
    };
    let schedule = parsed.as_ref().ok();
    let extra = |kind| {
        schedule.and_then(|s| s.field(kind)).map(|f: &Field| f.raw().to_owned()).unwrap_or_default()
    };
    let title = "Cron expression generator";
    let page = Page::new(title)
        .description("Build and parse cron expressions visually: plain-English descriptions, a field-by-field breakdown and the next run times in any time zone.")
        .here("cron")
        .tool(META.slug);
    let page = if param(&pairs, "expr").is_some() { page.noindex() } else { page };
    let status = if error.is_some() || tz_error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let rendered = site.render(
        "cron/index.html",
        &page,
        PageView {
            tz: tz.map_or(zone.as_str(), |tz| tz.name()),
            expr,
            count,
            zone_options: minijinja::Value::from_safe_string(zone_options(
                tz.map_or(zone.as_str(), |tz| tz.name()),
            )),
            error,
            tz_error,
            result,
            builder: builder::builder_fields(schedule.filter(|s| !s.is_reboot())),
            second_raw: extra(crate::FieldKind::Second),
            year_raw: extra(crate::FieldKind::Year),
            presets: PRESETS,
            max_len: crate::MAX_EXPRESSION_LEN,
            max_count: MAX_COUNT,
        },
    );
    match rendered {
        Ok(html) => (status, html).into_response(),
        Err(error) => error.into_response(),
    }
}

/// 303 to the shareable URL of an expression.
fn redirect_to(expr: &str, zone: &str, count: usize) -> Response {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("expr", expr).append_pair("tz", zone);
    if count != DEFAULT_COUNT {
        query.append_pair("count", &count.to_string());
    }
    (StatusCode::SEE_OTHER, [(header::LOCATION, format!("/cron?{}", query.finish()))])
        .into_response()
}

#[cfg(test)]
mod tests;
