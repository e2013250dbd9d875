//! The site: templates, registry and assets, the one render helper every page goes through, the page cache and
//! the error middleware.

use crate::api::{ApiDoc, ApiDocError, ApiExample, Endpoint};
use crate::assets::{Asset, AssetTable, CORE_ASSETS};
use crate::base_path::BasePath;
use crate::error::{ErrorReport, WebError};
use crate::html;
use crate::meta::{Registry, RegistryError, ToolLink, ToolMeta};
use crate::page::Page;
use crate::precompressed::Precompressed;
use crate::probes::{self, Draining};
use crate::search::{MAX_QUERY_LEN, SearchEntry, SearchIndex};
use crate::work::{Isolation, Job, Work, WorkLimits};
use axum::body::Bytes;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::{Extension, Router};
use minijinja::value::{Serde, Value};
use minijinja::{Environment, UndefinedBehavior, context};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock, PoisonError, RwLock};
use std::time::Duration;

/// Templates of the core crate: the layout, its macros, the error page and the home page.
pub const CORE_TEMPLATES: &[(&str, &str)] = &[
    ("core/base.html", include_str!("../templates/core/base.html")),
    ("core/macros.html", include_str!("../templates/core/macros.html")),
    ("core/error.html", include_str!("../templates/core/error.html")),
    ("core/home.html", include_str!("../templates/core/home.html")),
    ("core/search.html", include_str!("../templates/core/search.html")),
    ("core/api.html", include_str!("../templates/core/api.html")),
];

/// The shared state every handler gets: `State<SiteState>`.
pub type SiteState = Arc<Site>;

/// Everything a tool crate hands to the host: its descriptor, templates, assets and routes.
#[derive(Debug)]
pub struct Tool<S = SiteState> {
    /// Name, summary, related tools and search keywords.
    pub meta: ToolMeta,
    /// Templates, named `slug/….html` so autoescaping applies and names never collide.
    pub templates: &'static [(&'static str, &'static str)],
    /// Scripts, stylesheets and images served under `/static/`.
    pub assets: &'static [Asset],
    /// The tool's pages and API endpoints.
    pub router: Router<S>,
    /// What site-wide search finds besides the tool itself (each HTTP status code, say).
    pub search: Vec<SearchEntry>,
    /// The tool's JSON endpoints described, with examples; `None` for a tool without an API. A function, called
    /// when the API document is first asked for rather than when the site is built: answering the examples (a
    /// cron translation compares two years of runs in every scheduler) was most of the server's start-up.
    pub api: Option<fn() -> ApiDoc>,
    /// Jobs the tool runs with [`Work::isolated`], which the host's worker process must know by name.
    pub jobs: &'static [Job],
}

/// What the host decides for the whole site: its limits, the budgets of tool work and how to isolate a job.
/// Core states these limits to users (the API document, `/api`, error messages) but never chooses them.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Threads, queues, deadline and output budget of tool work.
    pub work: WorkLimits,
    /// The command that runs an isolated job in a child process; `None` runs them in-process.
    pub isolation: Option<Isolation>,
    /// The largest request body the host accepts, in bytes.
    pub body_limit: usize,
    /// How long the host lets one request take before answering 408.
    pub request_timeout: Duration,
    /// The site's one-line description, for the home page's meta description.
    pub description: Cow<'static, str>,
    /// What to search for, as examples (`teapot`, `429`): the search page's placeholder and the search API's
    /// example. The first one is the example's query; empty uses the first tool's name.
    pub search_examples: &'static [&'static str],
    /// Where the site is mounted below its origin (`/tools`), for a reverse proxy that forwards a sub-path
    /// without stripping it; the root by default.
    pub base_path: BasePath,
    /// Whether the host drains before it stops: `/readyz` answers 503 once it has begun. The host keeps a clone
    /// and begins it at its shutdown signal; the default never begins.
    pub draining: Draining,
}

impl Default for Settings {
    /// The work defaults, in-process isolation, a 4 MiB body limit, a 10 s request timeout, a generic
    /// description and no search examples.
    fn default() -> Self {
        Settings {
            work: WorkLimits::default(),
            isolation: None,
            body_limit: 4 * 1024 * 1024,
            request_timeout: Duration::from_secs(10),
            description: Cow::Borrowed(
                "Developer tools, each with a page, a JSON API and a command line.",
            ),
            search_examples: &[],
            base_path: BasePath::default(),
            draining: Draining::default(),
        }
    }
}

impl Settings {
    /// The limits in one sentence, as the API document and the `/api` page state them.
    pub fn limits_sentence(&self) -> String {
        let work = &self.work;
        format!(
            "Request bodies are limited to {}; the work of one request (matching, signing, computing runs, \
             rendering) has a {} budget, past which it is stopped with 422 `deadline_exceeded`; when the work \
             already waiting would hold a request for more than half that budget (or {} requests' work is running \
             or waiting), the next is refused with 503 `busy` and a `Retry-After` header; requests time out after \
             {}.",
            human_bytes(self.body_limit),
            human_duration(work.deadline),
            work.threads.max(1) + work.queue,
            human_duration(self.request_timeout),
        )
    }
}

/// `4 MiB`, `512 KiB`, `100 bytes`.
pub(crate) fn human_bytes(bytes: usize) -> String {
    const KIB: usize = 1024;
    const MIB: usize = 1024 * KIB;
    match bytes {
        b if b >= MIB && b % MIB == 0 => format!("{} MiB", b / MIB),
        b if b >= KIB && b % KIB == 0 => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

/// `2 s`, `500 ms`.
fn human_duration(duration: Duration) -> String {
    if duration.subsec_millis() == 0 {
        format!("{} s", duration.as_secs())
    } else {
        format!("{} ms", duration.as_millis())
    }
}

/// Why the site could not be assembled. Only a programming mistake causes one; tests catch it.
#[derive(Debug)]
#[non_exhaustive]
pub enum SiteError {
    /// The list of tools is invalid.
    Registry(RegistryError),
    /// A template does not compile.
    Template(minijinja::Error),
    /// The work pool's threads could not be started.
    Work(std::io::Error),
}

impl std::fmt::Display for SiteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SiteError::Registry(error) => write!(f, "invalid tool list: {error}"),
            SiteError::Template(error) => write!(f, "invalid template: {error:#}"),
            SiteError::Work(error) => write!(f, "cannot start the work pool: {error}"),
        }
    }
}

impl std::error::Error for SiteError {}

/// What the API document is assembled from, and the document once it has been.
#[derive(Debug)]
struct ApiSources {
    core: ApiDoc,
    tools: Vec<fn() -> ApiDoc>,
    built: OnceLock<Result<ApiBuilt, ApiDocError>>,
}

/// The API document as served, and its endpoints read back from it for the `/api` page.
#[derive(Debug)]
struct ApiBuilt {
    json: Bytes,
    /// The document's ETag, so that a client revalidating it (`no-cache`) gets a 304, not 174 KB again.
    etag: HeaderValue,
    endpoints: Vec<Endpoint>,
}

/// A rendered page kept in memory, with its ETag and its brotli coding.
#[derive(Debug)]
struct CachedPage {
    body: Precompressed,
    etag: HeaderValue,
}

/// The assembled site. Build it once with [`Site::new`] and share it as [`SiteState`].
#[derive(Debug)]
pub struct Site {
    env: Environment<'static>,
    registry: Registry,
    assets: AssetTable,
    nav: Value,
    related: HashMap<&'static str, Value>,
    search: SearchIndex,
    api: ApiSources,
    pages: RwLock<HashMap<String, Arc<CachedPage>>>,
    work: Work,
    limits: String,
    body_limit: usize,
    description: Cow<'static, str>,
    search_hint: String,
    base_path: BasePath,
    draining: Draining,
}

impl Site {
    /// Assembles the site from the host's tools, with the default [`Settings`].
    pub fn new<S>(tools: &[Tool<S>]) -> Result<Site, SiteError> {
        Site::with_settings(tools, Settings::default())
    }

    /// Assembles the site from the host's tools and settings.
    pub fn with_settings<S>(tools: &[Tool<S>], settings: Settings) -> Result<Site, SiteError> {
        let registry =
            Registry::new(tools.iter().map(|tool| tool.meta)).map_err(SiteError::Registry)?;
        let assets = AssetTable::new(
            CORE_ASSETS.iter().chain(tools.iter().flat_map(|tool| tool.assets.iter())),
        );

        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_formatter(html::format_value);
        let base_path = settings.base_path.clone();
        let urls: HashMap<String, String> = CORE_ASSETS
            .iter()
            .chain(tools.iter().flat_map(|tool| tool.assets.iter()))
            .filter_map(|asset| {
                Some((asset.name.to_owned(), base_path.join(assets.url(asset.name)?)))
            })
            .collect();
        // Every root-relative URL a template writes starts with `{{ base }}`. Marked safe: a `BasePath` holds only
        // URL-unreserved characters and `/`, which need no escaping in HTML.
        env.add_global("base", Value::from_safe_string(base_path.as_str().to_owned()));
        env.add_function("asset", move |name: &str| {
            // Safe: a base path and a hashed asset name hold only URL-unreserved characters and `/`.
            urls.get(name).map(|url| Value::from_safe_string(url.clone())).ok_or_else(|| {
                minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!("unknown asset {name:?}"),
                )
            })
        });
        env.add_filter("inline_code", inline_code);
        for (name, source) in
            CORE_TEMPLATES.iter().chain(tools.iter().flat_map(|tool| tool.templates.iter()))
        {
            env.add_template(name, source).map_err(SiteError::Template)?;
        }

        let nav = Value::from(Serde(registry.links()));
        let related = registry
            .tools()
            .iter()
            .map(|tool| (tool.slug, Value::from(Serde(registry.related(tool.slug)))))
            .collect();
        let search = SearchIndex::new(
            tools
                .iter()
                .map(|tool| SearchEntry::for_tool(&tool.meta))
                .chain([SearchEntry::api_page()])
                .chain(tools.iter().flat_map(|tool| tool.search.iter().cloned()))
                .collect(),
        );
        let limits = settings.limits_sentence();
        let body_limit = settings.body_limit;
        let example_query = settings
            .search_examples
            .first()
            .copied()
            .or_else(|| tools.first().map(|tool| tool.meta.name))
            .unwrap_or("tools");
        let search_hint = match settings.search_examples {
            [] => "e.g. a tool's name or what it does".to_owned(),
            examples => format!("e.g. {}", examples.join(", ")),
        };
        let api = ApiSources {
            core: core_api(&search, &base_path, example_query),
            tools: tools.iter().filter_map(|tool| tool.api).collect(),
            built: OnceLock::new(),
        };
        let jobs = tools.iter().flat_map(|tool| tool.jobs.iter().copied()).collect();
        let work = Work::new(settings.work, settings.isolation, jobs).map_err(SiteError::Work)?;
        Ok(Site {
            env,
            registry,
            assets,
            nav,
            related,
            search,
            api,
            pages: RwLock::default(),
            work,
            limits,
            body_limit,
            description: settings.description,
            search_hint,
            base_path,
            draining: settings.draining,
        })
    }

    /// The executor every input-driven job goes through: bounded, off the async workers, with a deadline.
    pub fn work(&self) -> &Work {
        &self.work
    }

    /// Whether the host has begun draining before it stops ([`Settings::draining`]).
    pub fn draining(&self) -> &Draining {
        &self.draining
    }

    /// [`Site::api_built`] for a handler: the first call assembles the document (about 50 ms of cron arithmetic in
    /// a release build) on tokio's blocking pool, not on the async worker serving it. Not on the work pool: the
    /// document is the site's own, built once, and `/api` stays a cheap route that answers while tool work fills
    /// the pool.
    async fn api_ready(self: &Arc<Self>) -> Result<&ApiBuilt, WebError> {
        if self.api.built.get().is_none() {
            let site = Arc::clone(self);
            // A panic while building would only come back below, answered as any handler's panic is.
            let _ = tokio::task::spawn_blocking(move || site.api_built().is_ok()).await;
        }
        self.api_built().map_err(|error| WebError::internal(error.to_string()))
    }

    /// The OpenAPI 3.1 document of the whole JSON API and its endpoints, as `/api/openapi.json` and `/api` serve
    /// them: assembled when first asked for, from the tools' [`Tool::api`] and the site's own endpoints, then kept.
    /// [`ApiDocError`] when the descriptions do not fit together (an example names an undocumented endpoint): only
    /// a programming mistake causes one, and the host's tests fetch the document.
    fn api_built(&self) -> Result<&ApiBuilt, ApiDocError> {
        let sources = &self.api;
        sources
            .built
            .get_or_init(|| {
                let document = crate::api::document(
                    &self.limits,
                    &self.base_path,
                    sources.core.clone(),
                    sources.tools.iter().map(|api| api()),
                )?;
                let json = document.to_string();
                Ok(ApiBuilt {
                    endpoints: crate::api::endpoints(&document),
                    etag: etag_for(json.as_bytes()),
                    json: Bytes::from(json),
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The registered tools.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The site-wide search index.
    pub fn search(&self) -> &SearchIndex {
        &self.search
    }

    /// The embedded assets.
    pub fn assets(&self) -> &AssetTable {
        &self.assets
    }

    /// Where the site is mounted: put it in front of every root-relative URL a handler writes (a `Location`, a
    /// link built in code), as templates do with `{{ base }}`.
    pub fn base_path(&self) -> &BasePath {
        &self.base_path
    }

    /// Renders a template with the layout data of `page` and the template's own context.
    ///
    /// The context is merged with `page`, `nav` (every tool) and `related` (the related tools of `page.tool`).
    pub fn render(
        &self,
        template: &str,
        page: &Page,
        ctx: impl Serialize,
    ) -> Result<Html<String>, WebError> {
        let template = self.env.get_template(template).map_err(WebError::internal)?;
        let related = page
            .tool
            .and_then(|slug| self.related.get(slug))
            .cloned()
            .unwrap_or_else(|| Value::from(Vec::<Value>::new()));
        let ctx = context! { page => Serde(page), nav => self.nav.clone(), related => related, ..Value::from(Serde(ctx)) };
        template.render(ctx).map(Html).map_err(|error| WebError::internal(format!("{error:#}")))
    }

    /// Renders a tool page for an input, the one way every tool answers its page routes.
    ///
    /// `status` is what the input earned, as the JSON API answers it: 200 when answered, otherwise the error's
    /// ([`ErrorClass::status`](crate::ErrorClass::status) for an answer layer's error, [`WebError::status`] for a
    /// refusal). The whole page ([`View::Page`], the form re-rendered with its message inline) answers with it; the
    /// result part alone ([`View::Fragment`], what the live-update script asks with `fragment=1`) always with 200,
    /// since a browser logs every 4xx a script receives as a failed request and a half-typed input is invalid at
    /// almost every keystroke.
    pub fn render_view(
        &self,
        view: View<'_>,
        page: &Page,
        ctx: impl Serialize,
        status: StatusCode,
    ) -> Result<Rendered, WebError> {
        let (template, status) = match view {
            View::Page(template) => (template, status),
            View::Fragment(template) => (template, StatusCode::OK),
        };
        Ok(Rendered { status, html: self.render(template, page, ctx)? })
    }

    /// Serves a page whose content depends on no input: rendered once, then answered from memory with an ETag
    /// (and `304 Not Modified` when the client already has it). `key` must come from a bounded set (a route, a
    /// known status code), never from raw input.
    pub fn cached_page(
        &self,
        key: &str,
        request_headers: &HeaderMap,
        render: impl FnOnce() -> Result<Html<String>, WebError>,
    ) -> Response {
        let cached = self.pages.read().unwrap_or_else(PoisonError::into_inner).get(key).cloned();
        let page = match cached {
            Some(page) => page,
            None => {
                let Html(html) = match render() {
                    Ok(html) => html,
                    Err(error) => return error.into_response(),
                };
                let page = Arc::new(CachedPage {
                    etag: etag_for(html.as_bytes()),
                    body: Precompressed::new(Bytes::from(html)),
                });
                self.pages
                    .write()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(key.to_owned(), Arc::clone(&page));
                page
            }
        };
        if !if_match_holds(request_headers, &page.etag) {
            return precondition_failed();
        }
        if etag_matches(request_headers, &page.etag) {
            return not_modified(&page.etag, "no-cache");
        }
        page.body.respond(
            request_headers,
            HeaderValue::from_static("text/html; charset=utf-8"),
            page.etag.clone(),
            HeaderValue::from_static("no-cache"),
        )
    }

    /// Renders the HTML error page for an error.
    pub fn error_page(&self, error: &WebError) -> Response {
        let status = error.status();
        let reason = status.canonical_reason().unwrap_or("Error");
        let page = Page::new(format!("{} {reason}", status.as_u16()))
            .here(status.as_str().to_owned())
            .noindex();
        let ctx = context! { status => status.as_u16(), reason => reason, kind => error.kind(), message => error.message() };
        match self.render("core/error.html", &page, ctx) {
            Ok(html) => (status, html).into_response(),
            Err(_) => (status, format!("{} {reason}\n{}\n", status.as_u16(), error.message()))
                .into_response(),
        }
    }

    /// Middleware that gives every error response its proper form: JSON under `/api/`, an HTML page elsewhere.
    ///
    /// Handlers' [`WebError`]s arrive with an [`ErrorReport`]; plain-text errors from axum and tower-http (unknown
    /// route, wrong method, rejected query string, body too large, timeout) are wrapped the same way, keeping
    /// headers such as `Allow`. Responses a handler rendered itself (an HTML form with its inline error, a JSON
    /// error) pass through untouched.
    pub async fn error_pages(
        State(site): State<SiteState>,
        request: Request,
        next: Next,
    ) -> Response {
        let path = request.uri().path();
        let api = path == "/api" || path.starts_with("/api/");
        let method = request.method().clone();
        let response = next.run(request).await;
        let status = response.status();
        if !(status.is_client_error() || status.is_server_error()) {
            return response;
        }
        let error = match response.extensions().get::<ErrorReport>() {
            Some(ErrorReport(error)) if api => return response,
            Some(ErrorReport(error)) => error.clone(),
            None => {
                let content_type = response
                    .headers()
                    .get(header::CONTENT_TYPE)
                    .and_then(|value| value.to_str().ok())
                    .unwrap_or_default();
                // A page, or JSON a handler formed itself (an API error, `/readyz`): only the plain-text errors
                // of axum and tower-http still need their form.
                let already_formed = content_type.starts_with("text/html")
                    || content_type.starts_with("application/json");
                if already_formed {
                    return response;
                }
                let (parts, body) = response.into_parts();
                let text = axum::body::to_bytes(body, 4096).await.unwrap_or_default();
                let text = String::from_utf8_lossy(&text);
                let message = match text.trim() {
                    _ if status == StatusCode::PAYLOAD_TOO_LARGE => {
                        WebError::payload_too_large(site.body_limit).message().to_owned()
                    }
                    text if !text.is_empty() && status.is_client_error() => text.to_owned(),
                    _ => default_message(status, &method),
                };
                let error = WebError::new(status, WebError::kind_for_status(status), message);
                let mut formed = if api { error.into_response() } else { site.error_page(&error) };
                keep_headers(&parts.headers, formed.headers_mut());
                return formed;
            }
        };
        let (parts, _) = response.into_parts();
        let mut formed = site.error_page(&error);
        keep_headers(&parts.headers, formed.headers_mut());
        formed
    }

    /// Assembles the site and one router from a list of tools: the core routes, every tool's routes, a 404
    /// fallback and the error middleware, with the state applied. The host adds its tower layers on top; tool
    /// crates call this in their handler tests.
    pub fn router(tools: Vec<Tool>) -> Result<Router, SiteError> {
        Site::router_with(tools, Settings::default(), |router| router)
    }

    /// Like [`Site::router`], with `wrap` adding layers inside the error middleware, so that the errors those
    /// layers answer with (a panic, a body over the limit, a timeout) are rendered like any other.
    pub fn router_with(
        tools: Vec<Tool>,
        settings: Settings,
        wrap: impl FnOnce(Router<SiteState>) -> Router<SiteState>,
    ) -> Result<Router, SiteError> {
        let site = Arc::new(Site::with_settings(&tools, settings)?);
        let router = tools
            .into_iter()
            .fold(Site::routes(), |router, tool| router.merge(tool.router))
            .fallback(unrouted);
        let router = wrap(router)
            .layer(axum::middleware::from_fn_with_state(Arc::clone(&site), Site::error_pages))
            .with_state(Arc::clone(&site));
        if site.base_path.is_root() {
            return Ok(router);
        }
        // The base is taken off before routing, so routes, route templates (metrics) and cached-page keys are
        // the same wherever the site is mounted. A layer runs after its router's routing, so it goes on an outer
        // router whose only route is the fallback to the site's router.
        Ok(Router::new()
            .fallback_service(router)
            .layer(axum::middleware::from_fn_with_state(site, Site::below_base_path)))
    }

    /// Middleware of a site mounted below a base path: a request below it continues with the base taken off its
    /// path (layers outside the site, such as the request log, still see the whole path); `/healthz` and `/readyz`
    /// answer at the root too, since probes address the server rather than the site; the root redirects to the
    /// base; anything else is a 404 page that says where the site is.
    async fn below_base_path(
        State(site): State<SiteState>,
        mut request: Request,
        next: Next,
    ) -> Response {
        let uri = request.uri().clone();
        let path = uri.path();
        let inner = match site.base_path.strip(path) {
            Some(inner) => inner,
            None if matches!(path, "/healthz" | "/readyz") => return next.run(request).await,
            None if path == "/" => {
                let location = site.base_path.join("/");
                return (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, location)])
                    .into_response();
            }
            None => {
                let message = format!(
                    "There is nothing at this address: this site is served under {}/.",
                    site.base_path
                );
                return site.error_page(&WebError::not_found(message));
            }
        };
        let path_and_query = match uri.query() {
            Some(query) => format!("{inner}?{query}"),
            None => inner.to_owned(),
        };
        let mut parts = uri.clone().into_parts();
        parts.path_and_query = path_and_query.parse().ok();
        if let Ok(rewritten) = Uri::from_parts(parts) {
            *request.uri_mut() = rewritten;
        }
        next.run(request).await
    }

    /// The core routes: the home page, `/healthz`, `/readyz`, search, the API document and `/static/{file}`.
    pub fn routes() -> Router<SiteState> {
        Router::new()
            .route("/", axum::routing::get(home))
            .route("/healthz", axum::routing::get(probes::healthz))
            .route("/readyz", axum::routing::get(probes::readyz))
            .route("/search", axum::routing::get(search_page))
            .route("/api/search", axum::routing::get(search_api))
            .route("/api/openapi.json", axum::routing::get(openapi_json))
            .route("/api", axum::routing::get(api_page))
            .route("/static/{file}", axum::routing::get(static_file))
    }
}

/// The `inline_code` filter: escapes text for HTML and turns `` `backtick` `` spans into `<code>` elements, so
/// hand-written reference content can mark commands and header values without writing HTML. An unmatched
/// backtick stays a literal backtick.
fn inline_code(text: &str) -> Value {
    let segments: Vec<&str> = text.split('`').collect();
    let closed = segments.len() % 2 == 1;
    let mut html = String::with_capacity(text.len() + 32);
    for (index, segment) in segments.iter().enumerate() {
        let is_code = index % 2 == 1 && (closed || index + 1 < segments.len());
        if is_code {
            html.push_str("<code>");
            html::escape_into(segment, &mut html);
            html.push_str("</code>");
        } else {
            if index % 2 == 1 {
                html.push('`');
            }
            html::escape_into(segment, &mut html);
        }
    }
    Value::from_safe_string(html)
}

/// Headers of the original error response worth keeping on its rendered form.
fn keep_headers(from: &HeaderMap, to: &mut HeaderMap) {
    for name in [header::ALLOW, header::RETRY_AFTER, header::WWW_AUTHENTICATE] {
        if let Some(value) = from.get(&name) {
            to.insert(name, value.clone());
        }
    }
}

fn default_message(status: StatusCode, method: &Method) -> String {
    match status {
        StatusCode::NOT_FOUND => "There is nothing at this address.".to_owned(),
        StatusCode::METHOD_NOT_ALLOWED => {
            format!("This address does not accept {method} requests.")
        }
        StatusCode::REQUEST_TIMEOUT => "The request took too long to complete.".to_owned(),
        status if status.is_server_error() => "Something went wrong on our side.".to_owned(),
        status => {
            status.canonical_reason().unwrap_or("The request could not be handled.").to_owned()
        }
    }
}

/// A weak ETag (`W/"…"`) from the content. Weak because the compression layer serves the same content as gzip,
/// brotli or identity: RFC 9110 §8.8.3 lets semantically equivalent representations share a weak validator,
/// whereas a strong one would have to differ per content coding.
fn etag_for(body: &[u8]) -> HeaderValue {
    let digest = Sha256::digest(body);
    let hex = hex::encode(&digest[..10]);
    HeaderValue::from_str(&format!("W/\"{hex}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("W/\"0\""))
}

/// Whether `If-None-Match` names this ETag (weak comparison, as RFC 9110 §13.1.2 asks for GET).
fn etag_matches(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let Ok(etag) = etag.to_str() else { return false };
    let opaque = etag.trim_start_matches("W/");
    headers.get_all(header::IF_NONE_MATCH).iter().filter_map(|value| value.to_str().ok()).any(
        |list| {
            list.split(',')
                .map(str::trim)
                .any(|tag| tag == "*" || tag.trim_start_matches("W/") == opaque)
        },
    )
}

/// Whether the request's `If-Match` holds for a representation with this ETag (RFC 9110 §13.1.1): it does when
/// absent, `*`, or naming this ETag by strong comparison (§8.8.3.2), which a weak ETag never passes. So for a
/// page or an asset, whose ETags are weak, only `*` holds. Evaluated before `If-None-Match` (§13.2.2).
fn if_match_holds(headers: &HeaderMap, etag: &HeaderValue) -> bool {
    let mut values = headers.get_all(header::IF_MATCH).iter().peekable();
    if values.peek().is_none() {
        return true;
    }
    let strong = etag.to_str().ok().filter(|etag| !etag.starts_with("W/"));
    values
        .filter_map(|value| value.to_str().ok())
        .flat_map(|list| list.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || strong.is_some_and(|etag| tag == etag))
}

/// `412 Precondition Failed` for a false `If-Match` (RFC 9110 §15.5.13), as JSON for pages too: it answers a
/// client that made its request conditional, never a reader. Formed here, so the error pages leave it as it is.
fn precondition_failed() -> Response {
    let error = WebError::new(
        StatusCode::PRECONDITION_FAILED,
        "precondition_failed",
        "If-Match names no current representation of this resource (RFC 9110 §13.1.1): entity tags are \
         compared strongly there, and this resource's ETag is weak, so only `If-Match: *` holds.",
    );
    (
        StatusCode::PRECONDITION_FAILED,
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/json")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        error.to_json().to_string(),
    )
        .into_response()
}

/// `304 Not Modified`, with the headers the `200` would have had that describe the representation: ETag,
/// Cache-Control and `Vary` (RFC 9110 §15.4.5), since the compression layer varies the 200 on Accept-Encoding.
fn not_modified(etag: &HeaderValue, cache_control: &'static str) -> Response {
    (
        StatusCode::NOT_MODIFIED,
        [
            (header::ETAG, etag.clone()),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache_control)),
            (header::VARY, HeaderValue::from_static("accept-encoding")),
        ],
    )
        .into_response()
}

async fn home(State(site): State<SiteState>, headers: HeaderMap) -> Response {
    site.cached_page("/", &headers, || {
        let page = Page::new("devtools").description(site.description.clone());
        let tools: Vec<ToolLink> = site.registry().links();
        site.render("core/home.html", &page, context! { tools => Serde(tools) })
    })
}

/// How many results search shows.
const SEARCH_LIMIT: usize = 12;

/// The search page's query. Other parameters (a link's tracking tag) are ignored: a page opens as linked.
#[derive(Debug, serde::Deserialize)]
struct SearchQuery {
    #[serde(default)]
    q: String,
}

/// The search API's query: any parameter but `q` is refused as `400 invalid_request`, as every API operation
/// refuses one it does not take, so that a misspelt one is not silently ignored.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ApiSearchQuery {
    #[serde(default)]
    q: String,
}

/// `GET /search?q=`: the results as a page, the same ones the header's search box shows with JavaScript.
async fn search_page(State(site): State<SiteState>, Query(query): Query<SearchQuery>) -> Response {
    let job_site = Arc::clone(&site);
    site.work.respond(move |_| render_search(&job_site, &query.q)).await
}

fn render_search(site: &Site, q: &str) -> Response {
    let q: String = q.trim().chars().take(MAX_QUERY_LEN).collect();
    let results = site.search.search(&q, SEARCH_LIMIT * 4);
    let page = Page::new(if q.is_empty() { "Search".to_owned() } else { format!("Search: {q}") })
        .description("Search every tool and everything the tools list.")
        .here("search")
        .noindex();
    let hint = &site.search_hint;
    match site.render("core/search.html", &page, context! { q, hint, results => Serde(results) }) {
        Ok(html) => html.into_response(),
        Err(error) => error.into_response(),
    }
}

/// Which part of a tool page a request asks for, naming its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View<'a> {
    /// The whole page (a visit, a form submitted without JavaScript).
    Page(&'a str),
    /// Only the result part, for the live-update script (`fragment=1`).
    Fragment(&'a str),
}

impl<'a> View<'a> {
    /// The fragment when the request's `fragment` parameter is `1`, the page otherwise.
    pub fn choose(fragment: Option<&str>, page: &'a str, part: &'a str) -> View<'a> {
        if fragment == Some("1") { View::Fragment(part) } else { View::Page(page) }
    }
}

/// Marks a request as made for the static copy (`devtools export`), as a request extension: a page that would
/// name this server's address or depend on its clock renders what holds anywhere instead. Only the exporter sets
/// it; no HTTP request can.
#[derive(Debug, Clone, Copy)]
pub struct StaticCopy;

/// A rendered page and the status it answers with.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// 200, or the 4xx the input earned.
    pub status: StatusCode,
    /// The HTML.
    pub html: Html<String>,
}

impl IntoResponse for Rendered {
    fn into_response(self) -> Response {
        (self.status, self.html).into_response()
    }
}

/// The body of `GET /api/search`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SearchAnswer {
    /// The query as searched: trimmed and cut to its maximum length.
    pub query: String,
    /// The best matches, best first.
    pub results: Vec<SearchEntry>,
}

fn search_answer(search: &SearchIndex, base_path: &BasePath, q: &str) -> SearchAnswer {
    let q: String = q.trim().chars().take(MAX_QUERY_LEN).collect();
    let results = search
        .search(&q, SEARCH_LIMIT)
        .into_iter()
        .map(|entry| {
            let mut entry = entry.clone();
            entry.href = base_path.join(&entry.href);
            entry
        })
        .collect();
    SearchAnswer { query: q, results }
}

/// Search every tool and everything the tools list.
///
/// Finds tools by name, summary and keywords, and the entries tools add to the index (a reference's items, found
/// by their own names and aliases); every term must match.
#[utoipa::path(
    get,
    path = "/api/search",
    tag = "search",
    params(("q" = Option<String>, Query, description = "What to look for: words of a tool's name, summary or keywords, or of an entry a tool lists.")),
    responses((status = 200, description = "The best matches, at most 12.", body = SearchAnswer))
)]
async fn search_api(
    State(site): State<SiteState>,
    crate::extract::Query(query): crate::extract::Query<ApiSearchQuery>,
) -> Response {
    axum::Json(search_answer(&site.search, &site.base_path, &query.q)).into_response()
}

/// This document: the OpenAPI 3.1 description of the whole JSON API.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "meta",
    responses((status = 200, description = "An OpenAPI 3.1 document.", content_type = "application/json"))
)]
async fn openapi_json(
    State(site): State<SiteState>,
    static_copy: Option<Extension<StaticCopy>>,
    request_headers: HeaderMap,
    _: crate::extract::Query<crate::extract::NoParameters>,
) -> Response {
    let built = match site.api_ready().await {
        Ok(built) => built,
        Err(error) => return error.into_response(),
    };
    let json = match static_copy {
        Some(_) => static_copy_document(&built.json),
        None if etag_matches(&request_headers, &built.etag) => {
            return not_modified(&built.etag, "no-cache");
        }
        None => built.json.clone(),
    };
    let mut response = (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/json")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        json,
    )
        .into_response();
    if static_copy.is_none() {
        response.headers_mut().insert(header::ETAG, built.etag.clone());
    }
    response
}

/// The document as a static copy keeps it: a static host answers no API, so its one server is a variable the
/// reader fills in with their devtools server's address (a Server Object with `variables`, OpenAPI 3.1 §4.8.5),
/// which by default is where `devtools serve` listens.
fn static_copy_document(json: &Bytes) -> Bytes {
    let Ok(mut document) = serde_json::from_slice::<serde_json::Value>(json) else {
        return json.clone();
    };
    document["servers"] = serde_json::json!([{
        "url": "{server}",
        "description": "A devtools server (`devtools serve`): this copy of the site is static, and the API needs the server.",
        "variables": {
            "server": {
                "default": "http://127.0.0.1:3000",
                "description": "Where your devtools server answers, with its base path if it has one; `devtools serve` listens on http://127.0.0.1:3000 by default."
            }
        }
    }]);
    serde_json::to_vec(&document).map_or_else(|_| json.clone(), Bytes::from)
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(search_api, openapi_json), components(schemas(crate::api::ApiError)))]
struct CoreApi;

/// The core's own endpoints, with a search example (the host's first example query) answered by the site's own
/// index.
fn core_api(search: &SearchIndex, base_path: &BasePath, query: &'static str) -> ApiDoc {
    use utoipa::OpenApi as _;
    ApiDoc {
        openapi: CoreApi::openapi(),
        examples: vec![
            ApiExample::get("/api/search", "search", "Search the site")
                .param("q", query)
                .answer(Ok::<_, WebError>(search_answer(search, base_path, query))),
        ],
    }
}

/// A request no route takes: a page address with a trailing slash (`/http-status/`) is sent to the same address
/// without it (`308`, the query kept), since every page's address has none; anything else is a 404.
async fn unrouted(State(site): State<SiteState>, method: Method, uri: Uri) -> Response {
    let path = uri.path();
    let trimmed = path.trim_end_matches('/');
    // Never `//host`: a path of slashes leads nowhere, and one that starts with two would redirect off-site.
    let page = trimmed.len() > 1 && trimmed.starts_with('/') && !trimmed.starts_with("//");
    if matches!(method, Method::GET | Method::HEAD) && trimmed.len() < path.len() && page {
        let query = uri.query().map(|query| format!("?{query}")).unwrap_or_default();
        let location = site.base_path.join(&format!("{}{query}", redirect_path(trimmed)));
        if !leaves_the_site(&location) {
            return (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, location)])
                .into_response();
        }
    }
    WebError::not_found("There is nothing at this address.").into_response()
}

/// `path` with every byte that is not a path character of RFC 3986 (§3.3: unreserved, sub-delims, `:`, `@`, `/`,
/// and `%` of a percent-encoding) percent-encoded, for a `Location`. hyper passes some of them through in a request
/// target, and a browser reads a redirect's target with the WHATWG URL parser, which takes a `\` for a `/`:
/// `/\evil.com` repeated as it came would be `//evil.com`, another host (RFC 9110 §10.2.2 leaves resolving a
/// relative `Location` to the client).
fn redirect_path(path: &str) -> Cow<'_, str> {
    let safe = |byte: u8| byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/%".contains(&byte);
    if path.bytes().all(safe) {
        return Cow::Borrowed(path);
    }
    let mut encoded = String::with_capacity(path.len() + 16);
    for byte in path.bytes() {
        if safe(byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    Cow::Owned(encoded)
}

/// Whether a `Location` would name another host to a browser: anything but an absolute path, a network-path
/// reference (`//host`, RFC 3986 §4.2), or what the WHATWG URL parser reads as one (`/\host`; it also drops tabs
/// and line breaks, so `/\t/host` is one too). [`redirect_path`] already encodes those bytes: this is the last
/// word, whatever a caller builds.
fn leaves_the_site(location: &str) -> bool {
    let mut significant = location.bytes().filter(|byte| !matches!(byte, b'\t' | b'\n' | b'\r'));
    significant.next() != Some(b'/') || matches!(significant.next(), Some(b'/' | b'\\'))
}

/// The scheme the reader used, for the `/api` page's curl lines: `https` when a reverse proxy says so, in
/// `Forwarded: proto=https` (RFC 7239 §5.4) or the de facto `X-Forwarded-Proto: https`, else `http`. Shown to the
/// reader only, like the Host header: a client that sends another can change nothing but what it is shown.
fn forwarded_scheme(headers: &HeaderMap) -> &'static str {
    let forwarded =
        headers.get(header::FORWARDED).and_then(|value| value.to_str().ok()).and_then(|value| {
            // The first element is the proxy nearest the client; its pairs are `name=value`, names case-insensitive.
            let first = value.split(',').next()?;
            first.split(';').find_map(|pair| {
                let (name, value) = pair.trim().split_once('=')?;
                name.eq_ignore_ascii_case("proto").then(|| value.trim_matches('"').to_owned())
            })
        });
    let proto = forwarded.or_else(|| {
        let value = headers.get("x-forwarded-proto")?.to_str().ok()?;
        Some(value.split(',').next()?.trim().to_owned())
    });
    match proto {
        Some(proto) if proto.eq_ignore_ascii_case("https") => "https",
        _ => "http",
    }
}

/// `GET /api`: every endpoint of the JSON API with an example request and answer, from the OpenAPI document.
async fn api_page(
    State(site): State<SiteState>,
    headers: HeaderMap,
    static_copy: Option<Extension<StaticCopy>>,
) -> Response {
    // The curl lines name the address the reader used (the Host header is only ever shown escaped); a static copy
    // cannot know the server's, so its lines read it from `$DEVTOOLS`.
    let static_copy = static_copy.is_some();
    let host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .filter(|host| !host.is_empty() && host.len() <= 255)
        .unwrap_or("127.0.0.1:3000");
    let origin = if static_copy {
        "\"$DEVTOOLS\"".to_owned()
    } else {
        format!("{}://{host}{}", forwarded_scheme(&headers), site.base_path)
    };
    let endpoints = match site.api_ready().await {
        Ok(built) => &built.endpoints,
        Err(error) => return error.into_response(),
    };
    let endpoints: Vec<Value> = endpoints
        .iter()
        .map(|endpoint| {
            let examples: Vec<Value> = endpoint
                .examples
                .iter()
                .map(|example| {
                    let pretty = |value: &serde_json::Value| {
                        serde_json::to_string_pretty(value).unwrap_or_default()
                    };
                    context! {
                        summary => example.summary.clone(),
                        curl => if static_copy { example.curl_from_env() } else { example.curl(&origin) },
                        body => example.body.as_ref().and_then(|body| serde_json::from_str::<serde_json::Value>(body).ok()).map(|body| pretty(&body)),
                        status => example.status,
                        response => pretty(&example.response),
                    }
                })
                .collect();
            context! { examples => examples, ..Value::from(Serde(endpoint)) }
        })
        .collect();
    let page = Page::new("JSON API").description(
        "Every endpoint of the devtools JSON API with an example request and answer, and the OpenAPI 3.1 document.",
    ).here("api");
    let limits = site.limits.clone();
    match site.render("core/api.html", &page, context! { endpoints, origin, limits, static_copy }) {
        Ok(html) => html.into_response(),
        Err(error) => error.into_response(),
    }
}

async fn static_file(
    State(site): State<SiteState>,
    axum::extract::Path(file): axum::extract::Path<String>,
    headers: HeaderMap,
) -> Response {
    const IMMUTABLE: &str = "public, max-age=31536000, immutable";
    let Some(asset) = site.assets().by_file_name(&file) else {
        // Another version's name for one of this version's assets (a rolling update): this version's bytes, which
        // no cache, the host's page cache included, may keep under that name.
        let Some(asset) = site.assets().by_other_version(&file) else {
            return WebError::not_found("There is no such file.").into_response();
        };
        let content_type = HeaderValue::from_static(asset.asset.content_type);
        return asset.body.unstored(&headers, content_type, HeaderValue::from_static("no-store"));
    };
    let etag =
        HeaderValue::from_str(&asset.etag).unwrap_or_else(|_| HeaderValue::from_static("\"0\""));
    if !if_match_holds(&headers, &etag) {
        return precondition_failed();
    }
    if etag_matches(&headers, &etag) {
        return not_modified(&etag, IMMUTABLE);
    }
    asset.body.respond(
        &headers,
        HeaderValue::from_static(asset.asset.content_type),
        etag,
        HeaderValue::from_static(IMMUTABLE),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_code_escapes_and_marks_code_spans() {
        let html = inline_code("run `ls <dir>` & <b>see</b>");
        assert_eq!(
            html.as_str().unwrap(),
            "run <code>ls &lt;dir&gt;</code> &amp; &lt;b&gt;see&lt;/b&gt;"
        );
        assert_eq!(inline_code("a ` b").as_str().unwrap(), "a ` b");
        assert_eq!(
            inline_code("`a` and `b` and `c").as_str().unwrap(),
            "<code>a</code> and <code>b</code> and `c"
        );
        assert_eq!(inline_code("\"'").as_str().unwrap(), "&quot;&#x27;");
    }

    use std::sync::atomic::{AtomicUsize, Ordering};
    use tower::ServiceExt as _;

    const META: ToolMeta = ToolMeta {
        slug: "thing",
        name: "Thing",
        summary: "Does a thing.",
        label: "th",
        related: &[],
        keywords: &[],
    };

    static DESCRIBED: AtomicUsize = AtomicUsize::new(0);
    static DESCRIBED_ON: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

    fn described() -> ApiDoc {
        DESCRIBED.fetch_add(1, Ordering::SeqCst);
        *DESCRIBED_ON.lock().unwrap() = std::thread::current().name().map(str::to_owned);
        ApiDoc { openapi: utoipa::openapi::OpenApi::default(), examples: Vec::new() }
    }

    fn misdescribed() -> ApiDoc {
        ApiDoc {
            openapi: utoipa::openapi::OpenApi::default(),
            examples: vec![ApiExample::get("/api/nothing", "x", "x").answer(Ok::<_, WebError>(1))],
        }
    }

    fn thing(api: fn() -> ApiDoc) -> Tool {
        Tool {
            meta: META,
            templates: &[],
            assets: &[],
            router: Router::new(),
            search: Vec::new(),
            api: Some(api),
            jobs: &[],
        }
    }

    async fn status_of(app: &Router, uri: &str) -> StatusCode {
        let request = axum::http::Request::get(uri).body(axum::body::Body::empty()).unwrap();
        app.clone().oneshot(request).await.unwrap().status()
    }

    #[tokio::test]
    async fn the_api_document_is_assembled_when_first_asked_for_and_kept() {
        let app = Site::router(vec![thing(described)]).unwrap();
        assert_eq!(DESCRIBED.load(Ordering::SeqCst), 0, "not while the site is built");
        assert_eq!(status_of(&app, "/api/openapi.json").await, StatusCode::OK);
        assert_eq!(status_of(&app, "/api").await, StatusCode::OK);
        assert_eq!(status_of(&app, "/api/openapi.json").await, StatusCode::OK);
        assert_eq!(DESCRIBED.load(Ordering::SeqCst), 1, "once, then kept");
        let thread = DESCRIBED_ON.lock().unwrap().clone();
        let serving = std::thread::current().name().map(str::to_owned);
        assert_ne!(thread, serving, "built off the thread that serves the request");
    }

    #[tokio::test]
    async fn a_document_that_does_not_fit_together_is_an_internal_error() {
        let app = Site::router(vec![thing(misdescribed)]).unwrap();
        assert_eq!(
            status_of(&app, "/healthz").await,
            StatusCode::OK,
            "the rest of the site serves"
        );
        for uri in ["/api/openapi.json", "/api"] {
            assert_eq!(status_of(&app, uri).await, StatusCode::INTERNAL_SERVER_ERROR, "{uri}");
        }
    }

    /// Releases the job of [`hold`], once.
    static RELEASE: std::sync::Mutex<Option<std::sync::mpsc::Receiver<()>>> =
        std::sync::Mutex::new(None);

    async fn hold(State(site): State<SiteState>) -> Response {
        site.work()
            .respond(|_| {
                if let Some(released) = RELEASE.lock().unwrap().take() {
                    let _ = released.recv();
                }
                "released".into_response()
            })
            .await
    }

    /// During a rolling update a page may ask for another version's asset name: it gets this version's bytes,
    /// never to be kept under that name; a name that is no asset's is still a 404.
    #[tokio::test]
    async fn another_versions_asset_name_gets_this_versions_bytes_uncached() {
        let app = Site::router(Vec::new()).unwrap();
        let site = Site::with_settings::<SiteState>(&[], Settings::default()).unwrap();
        let current = site.assets().url("devtools.css").unwrap().to_owned();
        let get = |uri: String| {
            let app = app.clone();
            async move {
                let request =
                    axum::http::Request::get(uri).body(axum::body::Body::empty()).unwrap();
                let response = app.oneshot(request).await.unwrap();
                let (parts, body) = response.into_parts();
                (parts, axum::body::to_bytes(body, usize::MAX).await.unwrap())
            }
        };
        let (fresh, fresh_body) = get(current.clone()).await;
        let (other, other_body) = get("/static/devtools.0123456789ab.css".to_owned()).await;
        assert_eq!(other.status, StatusCode::OK);
        assert_eq!(other_body, fresh_body);
        assert_eq!(other.headers[header::CACHE_CONTROL], "no-store");
        assert_eq!(other.headers[header::CONTENT_TYPE], fresh.headers[header::CONTENT_TYPE]);
        assert!(other.extensions.get::<crate::Storable>().is_none(), "not kept by the page cache");
        let (missing, _) = get("/static/nothing.0123456789ab.css".to_owned()).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
    }

    #[tokio::test]
    async fn the_static_copys_api_document_names_no_server_of_its_own() {
        let app = Site::router(Vec::new()).unwrap();
        let document = |copy: bool| {
            let app = app.clone();
            async move {
                let mut request = axum::http::Request::get("/api/openapi.json")
                    .body(axum::body::Body::empty())
                    .unwrap();
                if copy {
                    request.extensions_mut().insert(StaticCopy);
                }
                let body = app.oneshot(request).await.unwrap().into_body();
                let body = axum::body::to_bytes(body, usize::MAX).await.unwrap();
                serde_json::from_slice::<serde_json::Value>(&body).unwrap()
            }
        };
        let served = document(false).await;
        assert_eq!(served["servers"][0]["url"], "/");
        let copy = document(true).await;
        assert_eq!(copy["servers"][0]["url"], "{server}");
        assert_eq!(copy["servers"][0]["variables"]["server"]["default"], "http://127.0.0.1:3000");
        assert_eq!(copy["paths"], served["paths"], "the same API");
    }

    /// The document is `no-cache`: a client revalidates it each time, and with its ETag gets a 304 instead of the
    /// whole document again (RFC 9110 §13.1.2).
    #[tokio::test]
    async fn the_api_document_revalidates_with_its_etag() {
        let app = Site::router(Vec::new()).unwrap();
        let get = |if_none_match: Option<HeaderValue>| {
            let app = app.clone();
            async move {
                let mut request = axum::http::Request::get("/api/openapi.json");
                if let Some(etag) = if_none_match {
                    request = request.header(header::IF_NONE_MATCH, etag);
                }
                app.oneshot(request.body(axum::body::Body::empty()).unwrap()).await.unwrap()
            }
        };
        let first = get(None).await;
        assert_eq!(first.status(), StatusCode::OK);
        assert_eq!(first.headers()[header::CACHE_CONTROL], "no-cache");
        let etag = first.headers()[header::ETAG].clone();
        let again = get(Some(etag.clone())).await;
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(again.headers()[header::ETAG], etag);
        let other = get(Some(HeaderValue::from_static("W/\"other\""))).await;
        assert_eq!(other.status(), StatusCode::OK);
    }

    #[tokio::test]
    async fn a_trailing_slash_redirects_to_the_address_without_it() {
        async fn answer(app: &Router, method: Method, uri: &str) -> (StatusCode, Option<String>) {
            let request = axum::http::Request::builder()
                .method(method)
                .uri(uri)
                .body(axum::body::Body::empty());
            let response = app.clone().oneshot(request.unwrap()).await.unwrap();
            let location = response.headers().get(header::LOCATION);
            (response.status(), location.map(|value| value.to_str().unwrap().to_owned()))
        }
        let redirect = |to: &str| (StatusCode::PERMANENT_REDIRECT, Some(to.to_owned()));
        let not_found = (StatusCode::NOT_FOUND, None);
        let app = Site::router(Vec::new()).unwrap();
        assert_eq!(answer(&app, Method::GET, "/search/?q=cron").await, redirect("/search?q=cron"));
        assert_eq!(answer(&app, Method::HEAD, "/api//").await, redirect("/api"));
        assert_eq!(answer(&app, Method::GET, "/nothing/").await, redirect("/nothing"));
        assert_eq!(answer(&app, Method::GET, "/nothing").await, not_found);
        assert_eq!(answer(&app, Method::POST, "/search/").await.0, StatusCode::NOT_FOUND);
        // Never off-site.
        assert_eq!(answer(&app, Method::GET, "//example.com/").await, not_found);
        assert_eq!(answer(&app, Method::GET, "///").await, not_found);
        // A backslash is a slash to a browser: it is percent-encoded, as is anything else no path may hold.
        assert_eq!(answer(&app, Method::GET, "/\\evil.com/").await, redirect("/%5Cevil.com"));
        assert_eq!(answer(&app, Method::GET, "/\\\\evil.com/").await, redirect("/%5C%5Cevil.com"));
        assert_eq!(answer(&app, Method::GET, "/a\"b{c}/").await, redirect("/a%22b%7Bc%7D"));
        assert_eq!(answer(&app, Method::GET, "/%5Cevil.com/").await, redirect("/%5Cevil.com"));

        let base_path = BasePath::parse("/tools").unwrap();
        let mounted =
            Site::router_with(Vec::new(), Settings { base_path, ..Settings::default() }, |r| r)
                .unwrap();
        assert_eq!(
            answer(&mounted, Method::GET, "/tools/search/").await,
            redirect("/tools/search")
        );
        assert_eq!(answer(&mounted, Method::GET, "/tools//example.com/").await, not_found);
        assert_eq!(
            answer(&mounted, Method::GET, "/tools/\\evil.com/").await,
            redirect("/tools/%5Cevil.com")
        );
    }

    #[test]
    fn no_location_that_names_another_host_passes() {
        for off in [
            "//evil.com",
            "/\\evil.com",
            "\\\\evil.com",
            "http://evil.com",
            "evil.com",
            "",
            "/\t/evil",
        ] {
            assert!(leaves_the_site(off), "{off:?}");
        }
        for on in ["/", "/search?q=x", "/tools/a", "/%5Cevil.com", "/.well-known"] {
            assert!(!leaves_the_site(on), "{on:?}");
        }
    }

    #[test]
    fn the_scheme_comes_from_the_proxy_headers() {
        let scheme = |pairs: &[(&'static str, &'static str)]| {
            let mut headers = HeaderMap::new();
            for &(name, value) in pairs {
                headers.append(name, HeaderValue::from_static(value));
            }
            forwarded_scheme(&headers)
        };
        assert_eq!(scheme(&[]), "http");
        assert_eq!(scheme(&[("x-forwarded-proto", "https")]), "https");
        assert_eq!(scheme(&[("x-forwarded-proto", "HTTPS, http")]), "https");
        assert_eq!(
            scheme(&[("forwarded", "for=192.0.2.60;Proto=\"https\";by=203.0.113.43")]),
            "https"
        );
        // The nearest proxy's element counts, and Forwarded wins over X-Forwarded-Proto.
        assert_eq!(scheme(&[("forwarded", "proto=http, proto=https")]), "http");
        assert_eq!(scheme(&[("forwarded", "proto=http"), ("x-forwarded-proto", "https")]), "http");
        // Anything else is plain http, never echoed.
        assert_eq!(scheme(&[("x-forwarded-proto", "javascript")]), "http");
    }

    #[tokio::test]
    async fn readyz_stays_ready_while_the_work_queue_is_full() {
        let (release, released) = std::sync::mpsc::channel();
        *RELEASE.lock().unwrap() = Some(released);
        let tool = Tool {
            router: Router::new().route("/api/hold", axum::routing::get(hold)),
            api: None,
            ..thing(described)
        };
        let work = WorkLimits { threads: 1, queue: 0, ..WorkLimits::default() };
        let app =
            Site::router_with(vec![tool], Settings { work, ..Settings::default() }, |r| r).unwrap();
        let get = |uri: &str| {
            let request = axum::http::Request::get(uri).body(axum::body::Body::empty()).unwrap();
            app.clone().oneshot(request)
        };
        let held = tokio::spawn(get("/api/hold"));
        // Until the job holds the only thread.
        let ready = loop {
            let response = get("/readyz").await.unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store");
            assert!(response.headers().get(header::RETRY_AFTER).is_none());
            let body = axum::body::to_bytes(response.into_body(), 4096).await.unwrap();
            let ready: serde_json::Value = serde_json::from_slice(&body).unwrap();
            if ready["load"]["admitted"] == 1 {
                break ready;
            }
            tokio::task::yield_now().await;
        };
        assert_eq!(ready["ready"], true, "{ready}");
        // The overload is answered per request.
        assert_eq!(get("/api/hold").await.unwrap().status(), StatusCode::SERVICE_UNAVAILABLE);
        release.send(()).unwrap();
        assert_eq!(held.await.unwrap().unwrap().status(), StatusCode::OK);
    }

    #[test]
    fn if_match_compares_strongly() {
        let weak = HeaderValue::from_static("W/\"abc\"");
        let strong = HeaderValue::from_static("\"abc\"");
        let mut headers = HeaderMap::new();
        assert!(if_match_holds(&headers, &weak), "no If-Match holds");
        for (value, for_weak, for_strong) in [
            ("*", true, true),
            ("\"abc\"", false, true),
            ("\"x\", \"abc\"", false, true),
            ("W/\"abc\"", false, false),
            ("\"nope\"", false, false),
        ] {
            headers.insert(header::IF_MATCH, HeaderValue::from_static(value));
            assert_eq!(if_match_holds(&headers, &weak), for_weak, "{value} against W/\"abc\"");
            assert_eq!(if_match_holds(&headers, &strong), for_strong, "{value} against \"abc\"");
        }
    }

    #[test]
    fn if_none_match_accepts_lists_weak_tags_and_star() {
        let etag = HeaderValue::from_static("W/\"abc\"");
        let mut headers = HeaderMap::new();
        assert!(!etag_matches(&headers, &etag));
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"x\", W/\"abc\""));
        assert!(etag_matches(&headers, &etag));
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(etag_matches(&headers, &etag));
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"abcd\""));
        assert!(!etag_matches(&headers, &etag));
    }
}
