//! Pages and JSON API of the HTTP status reference.
//!
//! `/http-status` and `/http-status/{code}` depend on no input, so they are rendered once and served from memory;
//! only the list filtered by `?q=` renders per request.

use crate::{Class, Status, all, lookup, matches_query, nearest, search_text};
use axum::Json;
use axum::Router;
use axum::extract::{FromRef, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use devtools_kit::{
    ApiDoc, ApiError, ApiExample, Page, SearchEntry, SiteState, Tool, ToolMeta, WebError,
};
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

/// The reference as a registered tool.
pub const META: ToolMeta = ToolMeta {
    slug: "http-status",
    name: "HTTP Status Codes",
    summary: "Every HTTP status code explained: meaning, causes, fixes, headers and a raw response example.",
    label: "http",
    related: &["cron", "jwt", "regex", "color"],
    keywords: &[
        "http",
        "status",
        "code",
        "response",
        "error",
        "rfc 9110",
        "iana",
        "redirect",
        "nginx",
        "cloudflare",
    ],
};

/// Templates, each extending `core/base.html`.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("http-status/list.html", include_str!("../templates/http-status/list.html")),
    ("http-status/detail.html", include_str!("../templates/http-status/detail.html")),
    ("http-status/not_found.html", include_str!("../templates/http-status/not_found.html")),
];

/// Longest filter query accepted; longer ones are cut, never an error.
const MAX_QUERY: usize = 200;

/// The tool for the host's list.
pub fn tool<S>() -> Tool<S>
where
    S: Clone + Send + Sync + 'static,
    SiteState: FromRef<S>,
{
    Tool {
        meta: META,
        templates: TEMPLATES,
        assets: &[],
        router: routes(),
        search: search_entries(),
        api: Some(api_doc()),
        jobs: &[],
    }
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(list_api, detail_api))]
struct Api;

/// The JSON API described, with examples answered by [`list_answer`] and [`detail_answer`].
pub fn api_doc() -> ApiDoc {
    use utoipa::OpenApi as _;
    const DETAIL: &str = "/api/http-status/{code}";
    ApiDoc {
        openapi: Api::openapi(),
        examples: vec![
            ApiExample::get("/api/http-status", "all", "Every code")
                .answer(Ok::<_, WebError>(list_answer())),
            ApiExample::get(DETAIL, "teapot", "One code")
                .param("code", "418")
                .answer(detail_answer("418")),
            ApiExample::get(DETAIL, "unknown_code", "A number that is no known code")
                .param("code", "299")
                .answer(detail_answer("299")),
            ApiExample::get(DETAIL, "invalid_code", "A path segment that is not a number")
                .param("code", "teapot")
                .answer(detail_answer("teapot")),
        ],
    }
}

/// Every status code as a site-wide search result, found by number, name, aliases and vendor.
pub fn search_entries() -> Vec<SearchEntry> {
    all()
        .iter()
        .map(|s| {
            SearchEntry::new(
                "status",
                s.code.to_string(),
                format!("{} {}", s.code, s.name),
                s.summary.clone(),
                format!("/http-status/{}", s.code),
            )
            .keywords(
                s.aliases.iter().map(String::as_str).chain([s.source.as_str(), s.class().name()]),
            )
        })
        .collect()
}

/// Routes: pages under `/http-status`, JSON under `/api/http-status`.
pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    SiteState: FromRef<S>,
{
    Router::new()
        .route("/http-status", get(list_page))
        .route("/http-status/{code}", get(detail_page))
        .route("/api/http-status", get(list_api))
        .route("/api/http-status/{code}", get(detail_api))
}

/// One row of `GET /api/http-status`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = StatusSummary)]
pub struct Summary<'a> {
    code: u16,
    name: &'a str,
    class: &'static str,
    summary: &'a str,
    official: bool,
}

impl<'a> From<&'a Status> for Summary<'a> {
    fn from(status: &'a Status) -> Self {
        Summary {
            code: status.code,
            name: &status.name,
            class: status.class().label(),
            summary: &status.summary,
            official: status.official,
        }
    }
}

/// A related code as `GET /api/http-status/{code}` shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RelatedCode<'a> {
    code: u16,
    name: &'a str,
    summary: &'a str,
}

/// The body of `GET /api/http-status/{code}`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = StatusDetail)]
pub struct Detail<'a> {
    code: u16,
    name: &'a str,
    aliases: &'a [String],
    class: &'static str,
    summary: &'a str,
    explanation: &'a str,
    causes: &'a [String],
    fixes: Vec<crate::FixSection>,
    headers: &'a [crate::Header],
    example: &'a str,
    related: Vec<RelatedCode<'a>>,
    spec: Option<&'a crate::Spec>,
    official: bool,
    source: Option<&'a str>,
    status: &'static str,
}

impl<'a> From<&'a Status> for Detail<'a> {
    fn from(s: &'a Status) -> Self {
        Detail {
            code: s.code,
            name: &s.name,
            aliases: &s.aliases,
            class: s.class().label(),
            summary: &s.summary,
            explanation: s.explanation.trim(),
            causes: &s.causes,
            fixes: s.fixes(),
            headers: &s.headers,
            example: s.example_text(),
            related: related(s),
            spec: s.spec.as_ref(),
            official: s.official,
            source: s.source(),
            status: s.status.as_str(),
        }
    }
}

fn related(status: &Status) -> Vec<RelatedCode<'_>> {
    status
        .related
        .iter()
        .filter_map(|code| lookup(*code))
        .map(|r| RelatedCode { code: r.code, name: &r.name, summary: &r.summary })
        .collect()
}

/// Every HTTP status code, sorted by code.
#[utoipa::path(
    get,
    path = "/api/http-status",
    tag = "http-status",
    responses((status = 200, description = "Every known code, sorted.", body = Vec<Summary>))
)]
async fn list_api() -> Json<Vec<Summary<'static>>> {
    Json(list_answer())
}

/// The body of `GET /api/http-status`: every code, sorted. The command line's `--json` prints the same.
pub fn list_answer() -> Vec<Summary<'static>> {
    all().iter().map(Summary::from).collect()
}

/// A path segment as a code: `Ok(None)` for a number that is no known code, `Err` for a non-number.
fn parse_code(raw: &str) -> Result<Option<&'static Status>, ()> {
    if raw.is_empty() || raw.len() > 5 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(());
    }
    Ok(raw.parse::<u16>().ok().and_then(lookup))
}

/// One HTTP status code explained: meaning, causes, fixes, headers, an example and related codes.
#[utoipa::path(
    get,
    path = "/api/http-status/{code}",
    tag = "http-status",
    params(("code" = String, Path, description = "A status code such as `404`.")),
    responses(
        (status = 200, description = "The code's entry.", body = Detail),
        (status = 400, description = "`invalid_code`: the path segment is not a number.", body = ApiError),
        (status = 404, description = "`unknown_code`: no such code is known.", body = ApiError),
    )
)]
async fn detail_api(Path(raw): Path<String>) -> Result<Json<Detail<'static>>, WebError> {
    detail_answer(&raw).map(Json)
}

/// The answer of `GET /api/http-status/{raw}`: the entry, or the 404 `unknown_code` / 400 `invalid_code` error.
/// The command line's `--json` prints the same.
pub fn detail_answer(raw: &str) -> Result<Detail<'static>, WebError> {
    match parse_code(raw) {
        Ok(Some(status)) => Ok(Detail::from(status)),
        Ok(None) => Err(WebError::new(
            StatusCode::NOT_FOUND,
            "unknown_code",
            format!(
                "{raw} is not a known HTTP status code; GET /api/http-status lists every known code."
            ),
        )),
        Err(()) => Err(WebError::bad_request(
            "invalid_code",
            "A status code is a number such as 404; the path segment is not a number.",
        )),
    }
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    #[serde(default)]
    q: String,
}

#[derive(Serialize)]
struct ListItem<'a> {
    code: u16,
    name: &'a str,
    summary: &'a str,
    official: bool,
    search: String,
}

#[derive(Serialize)]
struct ClassGroup<'a> {
    label: &'static str,
    name: &'static str,
    description: &'static str,
    digit: u8,
    items: Vec<ListItem<'a>>,
}

fn groups(query: &str) -> Vec<ClassGroup<'static>> {
    Class::ALL
        .iter()
        .map(|class| ClassGroup {
            label: class.label(),
            name: class.name(),
            description: class.description(),
            digit: class.digit(),
            items: crate::by_class(*class)
                .filter(|status| matches_query(status, query))
                .map(|s| ListItem {
                    code: s.code,
                    name: &s.name,
                    summary: &s.summary,
                    official: s.official,
                    search: search_text(s),
                })
                .collect(),
        })
        .filter(|group| !group.items.is_empty())
        .collect()
}

async fn list_page(
    State(site): State<SiteState>,
    Query(query): Query<ListQuery>,
    headers: HeaderMap,
) -> Response {
    let q: String = query.q.trim().chars().take(MAX_QUERY).collect();
    let page = Page::new("HTTP status codes")
        .description("Every HTTP status code with its meaning, causes, fixes, headers and a raw response example.")
        .here("http-status")
        .tool(META.slug);
    let render = |q: &str| {
        let groups = groups(q);
        let count: usize = groups.iter().map(|g| g.items.len()).sum();
        site.render(
            "http-status/list.html",
            &page,
            context! { q, groups => Serde(groups), count, total => all().len() },
        )
    };
    if q.is_empty() {
        site.cached_page("http-status", &headers, || render(""))
    } else {
        render(&q).into_response()
    }
}

async fn detail_page(
    State(site): State<SiteState>,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Ok(Some(status)) = parse_code(&raw) else {
        return not_found_page(&site, &raw);
    };
    site.cached_page(&format!("http-status/{}", status.code), &headers, || {
        let page = Page::new(format!("{} {}", status.code, status.name))
            .description(status.summary.clone())
            .crumb("http-status", "/http-status")
            .here(status.code.to_string())
            .tool(META.slug);
        let neighbours = all();
        let index = neighbours.iter().position(|s| s.code == status.code).unwrap_or_default();
        let previous =
            index.checked_sub(1).and_then(|i| neighbours.get(i)).map(|s| (s.code, s.name.as_str()));
        let next = neighbours.get(index + 1).map(|s| (s.code, s.name.as_str()));
        let class = status.class();
        site.render(
            "http-status/detail.html",
            &page,
            context! {
                s => Serde(Detail::from(status)),
                paragraphs => status.paragraphs().collect::<Vec<_>>(),
                class_name => class.name(),
                digit => class.digit(),
                example_kind => Serde(status.example_kind),
                previous, next,
            },
        )
    })
}

fn not_found_page(site: &devtools_kit::Site, raw: &str) -> Response {
    let shown: String = raw.chars().take(20).collect();
    let number = raw.parse::<u32>().ok();
    let suggestions: Vec<Summary<'static>> = match number {
        Some(code) => nearest(code, 5).into_iter().map(Summary::from).collect(),
        None => Vec::new(),
    };
    let page = Page::new(format!("{shown} is not a status code"))
        .crumb("http-status", "/http-status")
        .here(shown.clone())
        .tool(META.slug)
        .noindex();
    match site.render(
        "http-status/not_found.html",
        &page,
        context! { raw => shown, numeric => number.is_some(), suggestions => Serde(suggestions) },
    ) {
        Ok(html) => (StatusCode::NOT_FOUND, html).into_response(),
        Err(error) => error.into_response(),
    }
}

#[cfg(test)]
mod tests;
