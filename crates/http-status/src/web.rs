//! Pages and JSON API of the HTTP status reference.
//!
//! `/http-status` and `/http-status/{code}` depend on no input, so they are rendered once and served from memory;
//! only the list filtered by `?q=` renders per request.

use crate::answer::{self, Detail, Summary};
use crate::{Class, META, all, badge, matches_query, nearest, unshown_search_text};
use axum::Json;
use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use devtools_kit::extract::{NoParameters, Path, Query};
use devtools_kit::{
    ApiDoc, ApiError, ApiExample, Page, PageRequest, SearchEntry, SiteState, Tool, WebError,
};
use minijinja::context;
use minijinja::value::Serde;
use serde::{Deserialize, Serialize};

/// Templates, each extending `core/base.html`.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("http-status/list.html", include_str!("../templates/http-status/list.html")),
    ("http-status/detail.html", include_str!("../templates/http-status/detail.html")),
    ("http-status/not_found.html", include_str!("../templates/http-status/not_found.html")),
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
        assets: &[],
        router: routes(),
        search: search_entries(),
        api: Some(api_doc),
        jobs: &[],
    }
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(list_api, detail_api))]
struct Api;

/// The JSON API described, with examples answered by [`answer::list`] and [`answer::detail`], each also given
/// as the same request on the command line and on the page.
pub fn api_doc() -> ApiDoc {
    use utoipa::OpenApi as _;
    const DETAIL: &str = "/api/http-status/{code}";
    ApiDoc {
        openapi: Api::openapi(),
        examples: vec![
            ApiExample::get("/api/http-status", "all", "Every code")
                .cli(["status"])
                .page(PageRequest::Get("/http-status".into()))
                .answer(Ok::<_, WebError>(answer::list())),
            ApiExample::get("/api/http-status", "filtered", "The codes a filter finds")
                .param("q", "timeout")
                .page(PageRequest::Get("/http-status?q=timeout".into()))
                .answer(Ok::<_, WebError>(answer::list_matching("timeout"))),
            ApiExample::get(DETAIL, "teapot", "One code")
                .param("code", "418")
                .cli(["status", "418"])
                .page(PageRequest::Get("/http-status/418".into()))
                .answer(answer::detail("418")),
            ApiExample::get(DETAIL, "temporary", "A temporarily registered code")
                .param("code", "104")
                .cli(["status", "104"])
                .page(PageRequest::Get("/http-status/104".into()))
                .answer(answer::detail("104")),
            ApiExample::get(DETAIL, "unknown_code", "A number that is no known code")
                .param("code", "299")
                .cli(["status", "299"])
                .page(PageRequest::Get("/http-status/299".into()))
                .answer(answer::detail("299")),
            ApiExample::get(DETAIL, "invalid_code", "A path segment that is not a number")
                .param("code", "teapot")
                // No command line twin: `devtools status teapot` looks the name up and finds 418.
                .page(PageRequest::Get("/http-status/teapot".into()))
                .answer(answer::detail("teapot")),
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
            .keywords(s.aliases.iter().map(String::as_str).chain([
                s.registry_name.as_str(),
                s.source.as_str(),
                s.class().name(),
            ]))
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

/// Every HTTP status code, sorted by code, or those a filter finds.
#[utoipa::path(
    get,
    path = "/api/http-status",
    tag = "http-status",
    params(("q" = Option<String>, Query, description = "A filter, as the list page's and `devtools status TEXT`: \
        only the codes where every whitespace-separated term begins a word (never the inside of one) of their \
        number, name, badge, summary, registered or former names or vendor, ignoring case and apostrophes \
        (`im`, `I'm` and `I’m` alike); `1xx` to `5xx` stand for a class. Longer than 200 characters it is cut \
        there.")),
    responses((
        status = 200,
        description = "Every known code, or those the filter finds (possibly none), sorted.",
        body = Vec<Summary>
    ))
)]
async fn list_api(Query(query): Query<ApiListQuery>) -> Json<Vec<Summary>> {
    Json(answer::list_matching(&query.q))
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
async fn detail_api(
    Path(raw): Path<String>,
    _: Query<NoParameters>,
) -> Result<Json<Detail>, WebError> {
    Ok(Json(answer::detail(&raw)?))
}

/// The list page's query. Other parameters (a link's tracking tag) are ignored: a page opens as linked.
#[derive(Debug, Deserialize)]
struct ListQuery {
    #[serde(default)]
    q: String,
}

/// The list API's query: any parameter but `q` is refused as `400 invalid_request`, so that a misspelt one is
/// not silently ignored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ApiListQuery {
    #[serde(default)]
    q: String,
}

#[derive(Serialize)]
struct ListItem<'a> {
    code: u16,
    name: &'a str,
    badge: Option<String>,
    summary: &'a str,
    /// What the filter also matches beyond the item's own text.
    unshown: String,
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
                    badge: badge(s),
                    summary: &s.summary,
                    unshown: unshown_search_text(s),
                })
                .collect(),
        })
        .filter(|group| !group.items.is_empty())
        .collect()
}

/// The list, whose ~110 links to the codes' pages are relative (`http-status/403`): the page's address is always
/// `{base}/http-status` (with a trailing slash it is redirected there), against which they resolve to
/// `{base}/http-status/403`, so the page's size does not grow with the base path. The static exporter resolves
/// them the same way.
async fn list_page(
    State(site): State<SiteState>,
    Query(query): Query<ListQuery>,
    headers: HeaderMap,
) -> Response {
    let q = answer::filter_text(&query.q);
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
    let status = match answer::known_code(&raw) {
        Ok(status) => status,
        Err(error) => return not_found_page(&site, &raw, &error),
    };
    let canonical = status.code.to_string();
    if raw != canonical {
        // `0404` names 404 too: one address per code, for links and caches.
        let location = site.base_path().join(&format!("/http-status/{canonical}"));
        return (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, location)]).into_response();
    }
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

/// The page for a code that is no known code (404) or not a number (400), as the API answers it: the answer's
/// message, and the nearest codes for a number.
fn not_found_page(
    site: &devtools_kit::Site,
    raw: &str,
    error: &devtools_kit::AnswerError,
) -> Response {
    let status = WebError::from(error.clone()).status();
    let shown: String = raw.chars().take(20).collect();
    let number = raw.parse::<u32>().ok();
    let suggestions: Vec<Summary> = match number {
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
        context! {
            raw => shown,
            numeric => number.is_some(),
            status => status.as_u16(),
            message => error.message(),
            suggestions => Serde(suggestions),
        },
    ) {
        Ok(html) => (status, html).into_response(),
        Err(error) => error.into_response(),
    }
}

#[cfg(test)]
mod tests;
