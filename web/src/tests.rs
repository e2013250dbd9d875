//! Host tests through `oneshot`: the site-wide layers, the registry, and every registered tool.

use super::*;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request};
use devtools_kit::testing::{self, Reply};
use devtools_kit::{Tool, ToolMeta};

async fn send(router: Router, request: Request<Body>) -> Reply {
    testing::send(&router, request).await
}

async fn get(path: &str) -> Reply {
    testing::get(&app().unwrap(), path).await
}

fn assert_security_headers(path: &str, headers: &HeaderMap) {
    assert_eq!(headers[header::CONTENT_SECURITY_POLICY], CSP, "{path}");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
    assert_eq!(headers[header::REFERRER_POLICY], "no-referrer", "{path}");
    assert!(!headers.contains_key(header::SERVER), "{path}: no server banner");
}

/// The site's own pages, as snapshots of their `<main>` (the layout around it is in every tool's snapshots).
#[tokio::test]
async fn snapshots_of_the_site_pages() {
    let app = app().unwrap();
    for (name, path) in [
        ("home", "/"),
        ("search", "/search?q=teapot"),
        ("search_empty", "/search?q=zzzzqqq"),
        ("not_found", "/no/such/page"),
        ("method_not_allowed_page", "/cron?expr=1"),
    ] {
        let reply = if name == "method_not_allowed_page" {
            send(app.clone(), Request::delete(path).body(Body::empty()).unwrap()).await
        } else {
            testing::get(&app, path).await
        };
        // The home page's cards follow the tool list (the conformance test checks one per tool), so a new tool
        // does not change this snapshot.
        let cards = r#"(?s)<ul class="cards cards--large">.*?</ul>"#;
        insta::with_settings!({ filters => vec![(cards, "<ul class=\"cards cards--large\">[a card per tool]</ul>")] }, {
            insta::assert_snapshot!(name, format!("{}\n{}", reply.status, reply.main()));
        });
    }
    insta::assert_json_snapshot!(
        "search_api",
        testing::get(&app, "/api/search?q=teapot").await.json()
    );
    insta::assert_json_snapshot!("not_found_api", testing::get(&app, "/api/nope").await.json());
}

#[tokio::test]
async fn healthz_answers_ok() {
    let reply = get("/healthz").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "ok");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    for path in [
        "/",
        "/healthz",
        "/http-status",
        "/http-status/403",
        "/api/http-status",
        "/nope",
        "/api/nope",
    ] {
        let reply = get(path).await;
        assert_security_headers(path, &reply.headers);
    }
}

#[test]
fn the_csp_is_the_one_the_foundation_asks_for() {
    assert_eq!(
        CSP,
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; \
         base-uri 'none'; form-action 'self'"
    );
}

#[test]
fn tool_slugs_are_unique_and_related_tools_exist() {
    let tools = tools::all();
    let registry = devtools_kit::Registry::new(tools.iter().map(|tool| tool.meta)).unwrap();
    assert_eq!(registry.dangling_related(), Vec::<(&str, &str)>::new());
}

#[tokio::test]
async fn every_registered_tool_renders_and_is_on_the_home_page_and_in_the_nav() {
    let home = get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    for tool in tools::all() {
        let meta = tool.meta;
        let page = get(&meta.href()).await;
        assert_eq!(page.status, StatusCode::OK, "{}", meta.slug);
        assert!(page.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
        let card = format!("<span class=\"card__name\">{}</span>", meta.name);
        assert!(home.body.contains(&card), "home page card for {}", meta.slug);
        let nav_link = format!("href=\"/{}\" aria-current=\"page\"", meta.slug);
        assert!(page.body.contains(&nav_link), "{} is marked current in the nav", meta.slug);
    }
}

#[tokio::test]
async fn unknown_paths_answer_404_as_html_for_pages_and_json_for_the_api() {
    let page = get("/no/such/page").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
    assert!(page.body.contains("Not Found"));

    let api = get("/api/no-such-tool").await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.headers[header::CONTENT_TYPE], "application/json");
    let body: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(body["error"], "not_found");
    assert!(body["message"].is_string());
}

#[tokio::test]
async fn wrong_method_answers_405_with_allow() {
    let request =
        Request::builder().method(Method::DELETE).uri("/http-status").body(Body::empty()).unwrap();
    let reply = send(app().unwrap(), request).await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(reply.headers[header::ALLOW].to_str().unwrap().contains("GET"));
    assert!(reply.body.contains("does not accept DELETE"));

    let request =
        Request::builder().method(Method::PUT).uri("/api/http-status").body(Body::empty()).unwrap();
    let reply = send(app().unwrap(), request).await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(reply.headers.contains_key(header::ALLOW));
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(body["error"], "method_not_allowed");
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused_with_413() {
    let big = vec![b'x'; BODY_LIMIT + 1];
    let request = Request::post("/api/http-status")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, big.len())
        .body(Body::from(big))
        .unwrap();
    let reply = send(app().unwrap(), request).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(body["error"], "payload_too_large");
}

#[tokio::test]
async fn responses_are_compressed_when_asked() {
    for encoding in ["br", "gzip"] {
        let request = Request::get("/http-status")
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .unwrap();
        let reply = send(app().unwrap(), request).await;
        assert_eq!(reply.headers[header::CONTENT_ENCODING], encoding);
    }
}

#[tokio::test]
async fn assets_have_hashed_names_long_caching_and_etags() {
    let home = get("/").await;
    let start = home.body.find("/static/devtools.").expect("stylesheet link");
    let rest = &home.body[start..];
    let href = rest[..rest.find('"').unwrap()].to_owned();
    assert!(href.ends_with(".css"), "{href}");
    let css = get(&href).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/css"));
    assert!(css.headers[header::CACHE_CONTROL].to_str().unwrap().contains("immutable"));
    let etag = css.headers[header::ETAG].to_str().unwrap().to_owned();
    let request =
        Request::get(&href).header(header::IF_NONE_MATCH, &etag).body(Body::empty()).unwrap();
    let reply = send(app().unwrap(), request).await;
    assert_eq!(reply.status, StatusCode::NOT_MODIFIED);
    assert_eq!(
        get("/static/devtools.css").await.status,
        StatusCode::NOT_FOUND,
        "only hashed names are served"
    );
}

#[tokio::test]
async fn pages_have_no_inline_scripts_or_styles() {
    for path in ["/", "/http-status", "/http-status/418", "/nope"] {
        let reply = get(path).await;
        assert!(!reply.body.contains("style="), "{path}");
        assert!(!reply.body.contains("<style"), "{path}");
        for (at, _) in reply.body.match_indices("<script") {
            let tag = &reply.body[at..at + reply.body[at..].find('>').unwrap()];
            assert!(tag.contains(" src="), "{path}: inline script {tag}");
        }
    }
}

const PANIC_META: ToolMeta = ToolMeta {
    slug: "boom",
    name: "Boom",
    summary: "Panics.",
    label: "b",
    related: &[],
    keywords: &[],
};

async fn boom() -> &'static str {
    panic!("secret internal detail")
}

#[tokio::test]
async fn a_panicking_handler_answers_a_generic_500() {
    let tool: Tool = Tool {
        meta: PANIC_META,
        templates: &[],
        assets: &[],
        router: Router::new()
            .route("/boom", axum::routing::get(boom))
            .route("/api/boom", axum::routing::get(boom)),
        search: Vec::new(),
        api: None,
        jobs: &[],
    };
    let router = site_layers(Site::router_with(vec![tool], settings(), guard_layers).unwrap());
    let reply = send(router.clone(), Request::get("/boom").body(Body::empty()).unwrap()).await;
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(reply.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
    assert!(reply.body.contains("Something went wrong on our side."));
    assert!(!reply.body.contains("secret internal detail"));
    assert_security_headers("/boom", &reply.headers);

    let reply = send(router, Request::get("/api/boom").body(Body::empty()).unwrap()).await;
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(body["error"], "internal");
}

#[tokio::test]
async fn rejected_query_strings_become_clear_errors() {
    // A query that does not deserialize is axum's plain-text rejection; the host turns it into the JSON shape.
    let reply = get("/http-status?q=%FF").await;
    assert!(reply.status == StatusCode::OK || reply.status == StatusCode::BAD_REQUEST);
    assert!(reply.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
}

#[tokio::test]
async fn search_finds_tools_and_status_codes_with_and_without_javascript() {
    let first = |body: &str| -> serde_json::Value {
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        json["results"][0].clone()
    };
    assert_eq!(first(&get("/api/search?q=teapot").await.body)["href"], "/http-status/418");
    assert_eq!(first(&get("/api/search?q=429").await.body)["href"], "/http-status/429");
    let gateway: serde_json::Value =
        serde_json::from_str(&get("/api/search?q=gateway").await.body).unwrap();
    let hrefs: Vec<&str> = gateway["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["href"].as_str().unwrap())
        .collect();
    assert!(
        hrefs.contains(&"/http-status/502") && hrefs.contains(&"/http-status/504"),
        "{hrefs:?}"
    );
    for tool in tools::all() {
        let reply = get(&format!("/api/search?q={}", tool.meta.name.replace(' ', "+"))).await;
        assert_eq!(
            first(&reply.body)["href"],
            tool.meta.href(),
            "{} finds itself by name",
            tool.meta.slug
        );
        for keyword in tool.meta.keywords {
            let reply = get(&format!("/api/search?q={}", keyword.replace(' ', "+"))).await;
            let results: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
            let found = results["results"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["href"] == tool.meta.href());
            assert!(found, "{} is found by its keyword {keyword:?}", tool.meta.slug);
        }
    }
    let page = get("/search?q=teapot").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("1 result for"));
    assert!(page.body.contains("href=\"/http-status/418\""));
    let hostile = get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    assert!(!hostile.body.contains("<script>alert"));
}

const HOLD_META: ToolMeta = ToolMeta {
    slug: "hold",
    name: "Hold",
    summary: "Holds a work thread until released.",
    label: "hold",
    related: &[],
    keywords: &[],
};

/// Releases the jobs of the `hold` test tool, one per message.
static RELEASE: std::sync::Mutex<Option<std::sync::mpsc::Receiver<()>>> =
    std::sync::Mutex::new(None);

async fn hold(axum::extract::State(site): axum::extract::State<SiteState>) -> Response {
    site.work()
        .respond(|_| {
            let released = RELEASE.lock().unwrap().take();
            if let Some(released) = &released {
                let _ = released.recv();
            }
            "released".into_response()
        })
        .await
}

/// With every work thread held by tool work and the queue full, cheap routes still answer at once, the next
/// tool request is refused with 503 and `Retry-After`, and `/readyz` stays ready (a full queue is answered per
/// request, not by taking the whole server out of rotation).
#[tokio::test]
async fn cheap_routes_answer_while_tool_work_fills_the_pool() {
    let (release, released) = std::sync::mpsc::channel();
    *RELEASE.lock().unwrap() = Some(released);
    let tool: Tool = Tool {
        meta: HOLD_META,
        templates: &[],
        assets: &[],
        router: Router::new().route("/api/hold", axum::routing::get(hold)),
        search: Vec::new(),
        api: None,
        jobs: &[],
    };
    let limits = WorkLimits {
        threads: 1,
        queue: 0,
        deadline: Duration::from_secs(60),
        ..WorkLimits::default()
    };
    let settings = Settings { work: limits, ..settings() };
    let router = site_layers(Site::router_with(vec![tool], settings, guard_layers).unwrap());
    let request = |path: &str| Request::get(path).body(Body::empty()).unwrap();

    let held = tokio::spawn(send(router.clone(), request("/api/hold")));
    // Wait until the job holds the only thread (the readiness probe's load counts it once admitted).
    loop {
        let ready = send(router.clone(), request("/readyz")).await;
        assert_eq!(ready.status, StatusCode::OK, "{}", ready.body);
        assert!(ready.body.contains("\"ready\":true"), "{}", ready.body);
        if ready.body.contains("\"admitted\":1,") {
            break;
        }
        tokio::task::yield_now().await;
    }
    for path in ["/healthz", "/readyz", "/", "/api/openapi.json"] {
        assert_eq!(send(router.clone(), request(path)).await.status, StatusCode::OK, "{path}");
    }
    let refused = send(router.clone(), request("/api/hold")).await;
    assert_eq!(refused.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(refused.headers[header::RETRY_AFTER], "1");
    let body: serde_json::Value = serde_json::from_str(&refused.body).unwrap();
    assert_eq!(body["error"], "busy", "{body}");
    assert_security_headers("/api/hold", &refused.headers);
    assert!(!held.is_finished(), "the held job answered before it was released");

    release.send(()).unwrap();
    let held = held.await.unwrap();
    assert_eq!((held.status, held.body.as_str()), (StatusCode::OK, "released"));
    let ready = send(router.clone(), request("/readyz")).await;
    assert_eq!(ready.status, StatusCode::OK, "{}", ready.body);
}

/// Every representation of a cached page shares a weak ETag (gzip, brotli and identity carry the same content,
/// RFC 9110 §8.8.3), and the 304 keeps `Vary` (§15.4.5).
#[tokio::test]
async fn cached_pages_revalidate_with_a_weak_etag_and_keep_vary() {
    let gzip = send(
        app().unwrap(),
        Request::get("/http-status/404")
            .header(header::ACCEPT_ENCODING, "gzip")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    let plain = get("/http-status/404").await;
    let etag = gzip.headers[header::ETAG].to_str().unwrap().to_owned();
    assert!(etag.starts_with("W/\""), "{etag}");
    assert_eq!(plain.headers[header::ETAG], etag.as_str());
    assert_eq!(gzip.headers[header::CONTENT_ENCODING], "gzip");
    let revalidated = send(
        app().unwrap(),
        Request::get("/http-status/404")
            .header(header::IF_NONE_MATCH, &etag)
            .header(header::ACCEPT_ENCODING, "br")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(revalidated.status, StatusCode::NOT_MODIFIED);
    assert_eq!(revalidated.headers[header::VARY], "accept-encoding");
    assert_eq!(revalidated.headers[header::ETAG], etag.as_str());
}

/// RFC 9110 §15.5.7: when no content coding the server has is acceptable, a 406 that says which ones it has, never
/// the success body under an error status.
#[tokio::test]
async fn an_accept_encoding_that_refuses_every_coding_is_a_406_that_names_the_codings() {
    for path in ["/api/http-status/200", "/http-status/200", "/"] {
        for refusal in ["identity;q=0", "identity;q=0, *;q=0", "zstd, identity;q=0"] {
            let request = Request::get(path)
                .header(header::ACCEPT_ENCODING, refusal)
                .body(Body::empty())
                .unwrap();
            let reply = send(app().unwrap(), request).await;
            assert_eq!(reply.status, StatusCode::NOT_ACCEPTABLE, "{path} {refusal}");
            assert_security_headers(path, &reply.headers);
            assert_eq!(reply.header(header::CONTENT_TYPE), "application/json", "{path}");
            assert!(reply.header(header::VARY).contains("accept-encoding"), "{path}");
            let json = reply.json();
            assert_eq!(json["error"], "not_acceptable", "{path}: {json}");
            let message = json["message"].as_str().unwrap();
            for coding in ["identity", "gzip", "br"] {
                assert!(message.contains(coding), "{path}: {message}");
            }
        }
    }
}

/// RFC 9110 §13.1.1: `If-Match` compares strongly, so it holds for `*` or a strong ETag of the current
/// representation; otherwise the request fails with 412. Pages and assets have weak ETags, so only `*` holds.
#[tokio::test]
async fn a_false_if_match_is_a_412() {
    let page = get("/http-status/418").await;
    let weak = page.header(header::ETAG).to_owned();
    let home = get("/").await;
    let start = home.body.find("/static/devtools.").expect("stylesheet link");
    let css = home.body[start..home.body[start..].find('"').unwrap() + start].to_owned();
    let asset = get(&css).await.header(header::ETAG).to_owned();
    for (path, if_match, status) in [
        ("/http-status/418", "\"nope\"", StatusCode::PRECONDITION_FAILED),
        ("/http-status/418", weak.as_str(), StatusCode::PRECONDITION_FAILED),
        ("/http-status/418", "*", StatusCode::OK),
        (css.as_str(), "\"nope\"", StatusCode::PRECONDITION_FAILED),
        (css.as_str(), asset.as_str(), StatusCode::PRECONDITION_FAILED),
        (css.as_str(), &asset.replace("W/", ""), StatusCode::PRECONDITION_FAILED),
        (css.as_str(), "\"x\", *", StatusCode::OK),
    ] {
        let request =
            Request::get(path).header(header::IF_MATCH, if_match).body(Body::empty()).unwrap();
        let reply = send(app().unwrap(), request).await;
        assert_eq!(reply.status, status, "{path} If-Match: {if_match}");
        if status == StatusCode::PRECONDITION_FAILED {
            assert_eq!(reply.json()["error"], "precondition_failed", "{path}");
            assert_security_headers(path, &reply.headers);
        }
    }
}

/// Every root-relative URL in `html`'s `href`, `src`, `action` and `formaction` attributes.
fn root_relative_urls(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for attribute in ["href=\"", "src=\"", "action=\""] {
        for (at, _) in html.match_indices(attribute) {
            let value = &html[at + attribute.len()..];
            let value = &value[..value.find('"').unwrap_or(value.len())];
            if value.starts_with('/') && !value.starts_with("//") {
                urls.push(value.to_owned());
            }
        }
    }
    urls
}

/// `devtools serve --base-path /tools`: every page is served below the base, and every URL it writes (links,
/// assets, form actions, the search API's hrefs, the OpenAPI server) starts with it. The browser test behind nginx
/// (tests/tests/base_path_browser.rs) checks the same with scripts running.
#[tokio::test]
async fn below_a_base_path_every_url_starts_with_it() {
    let base = devtools_kit::BasePath::parse("/tools").unwrap();
    let app = app_with(Settings { base_path: base, ..settings() }).unwrap();
    let pages = [
        "/tools/",
        "/tools",
        "/tools/http-status",
        "/tools/http-status/403",
        "/tools/http-status/999",
        "/tools/cron?expr=*%2F5+*+*+*+*&tz=Mars%2FBase",
        "/tools/jwt",
        "/tools/regex?pattern=a%2B&text=caaat",
        "/tools/color?value=rebeccapurple&fg=navy",
        "/tools/search?q=teapot",
        "/tools/search?q=zzzqqq",
        "/tools/api",
        "/tools/no/such/page",
    ];
    for path in pages {
        let reply = testing::get(&app, path).await;
        assert!(
            reply.status != StatusCode::NOT_FOUND
                || path.ends_with("page")
                || path.ends_with("999"),
            "{path}"
        );
        let outside: Vec<String> = root_relative_urls(&reply.body)
            .into_iter()
            .filter(|url| url != "/tools" && !url.starts_with("/tools/"))
            .collect();
        assert!(outside.is_empty(), "{path} links outside the base: {outside:?}");
        assert!(reply.body.contains(r#"data-base="/tools""#), "{path}: scripts learn the base");
    }
    let search = testing::get(&app, "/tools/api/search?q=teapot").await.json();
    assert_eq!(search["results"][0]["href"], "/tools/http-status/418");
    let openapi = testing::get(&app, "/tools/api/openapi.json").await.json();
    assert_eq!(openapi["servers"][0]["url"], "/tools");
    // The redirect a form-less request gets keeps the base too.
    let reply = testing::get(&app, "/tools/cron?expr=1&tz=UTC&pick=1").await;
    if let Some(location) = reply.headers.get(header::LOCATION) {
        assert!(location.to_str().unwrap().starts_with("/tools/"), "{location:?}");
    }
}

#[tokio::test]
async fn below_a_base_path_other_paths_are_not_served() {
    let base = devtools_kit::BasePath::parse("/tools").unwrap();
    let mounted = app_with(Settings { base_path: base, ..settings() }).unwrap();
    let reply = testing::get(&mounted, "/cron").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.body.contains("served under /tools/"), "{}", reply.body);
    assert_eq!(testing::get(&mounted, "/toolsx").await.status, StatusCode::NOT_FOUND);
    let root = testing::get(&mounted, "/").await;
    assert_eq!(root.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(root.headers[header::LOCATION], "/tools/");
    // Probes address the server: at the root and below the base.
    for probe in ["/healthz", "/readyz", "/tools/healthz"] {
        assert_eq!(testing::get(&mounted, probe).await.status, StatusCode::OK, "{probe}");
    }
    // The request's path below the base is what routes, caches and metrics see: same page as at the root.
    let at_root = testing::get(&app().unwrap(), "/http-status/403").await.body;
    let below = testing::get(&mounted, "/tools/http-status/403").await.body;
    assert_eq!(below.replace("/tools", ""), at_root);
}

/// Issue 17's page budget: every tool page at most 32 KiB of HTML as sent, in the whole site (its navigation
/// included), empty and with a typical input, and every example the regex page links to, at the root and below
/// the longest base path the site takes (every link of the layout carries it). The regex tool lists at most its
/// default matches, so a long text's page is bounded by the text the user sent, not measured here.
#[tokio::test]
async fn every_tool_page_stays_within_32_kib() {
    let longest = format!("/{}", "b".repeat(devtools_kit::MAX_BASE_PATH_LEN - 1));
    for base in ["", longest.as_str()] {
        let base_path = devtools_kit::BasePath::parse(base).unwrap();
        let app = app_with(Settings { base_path, ..settings() }).unwrap();
        pages_stay_within_32_kib(&app, base).await;
    }
}

async fn pages_stay_within_32_kib(app: &Router, base: &str) {
    let regex = testing::get(app, &format!("{base}/regex")).await.body;
    let start = regex.find(r#"<ul class="rx-examples">"#).expect("the regex page's examples");
    let examples = &regex[start..start + regex[start..].find("</ul>").unwrap()];
    let examples: Vec<String> = examples
        .split(r#"<a href=""#)
        .skip(1)
        .map(|rest| {
            html_escape::decode_html_entities(&rest[..rest.find('"').unwrap()]).into_owned()
        })
        .collect();
    assert!(
        !examples.is_empty()
            && examples.iter().all(|href| href.starts_with(&format!("{base}/regex?"))),
        "{examples:?}"
    );
    for path in [
        "/",
        "/http-status",
        "/http-status/403",
        "/cron",
        "/cron?expr=*%2F15+9-17+*+*+MON-FRI&tz=Europe%2FBerlin",
        "/cron?expr=0+15+10+%3F+*+MON-FRI&dialect=quartz&tz=America%2FNew_York",
        "/jwt",
        "/regex",
        "/regex?pattern=(%5Cw%2B)%40(%5Cw%2B)%5C.com&text=ann%40example.com+bob%40test.com&replace=%242",
        "/color",
        "/color?value=oklch(70%25+0.15+150)",
    ]
    .into_iter()
    .map(|path| format!("{base}{path}"))
    .chain(examples)
    {
        let reply = testing::get(app, &path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(reply.wire_len <= 32 * 1024, "{path}: {} bytes of HTML", reply.wire_len);
    }
}

/// The kit sends scripts without their comment lines and indentation (`devtools_kit::shipped`), which would change
/// a string or template literal running over several lines: no tool's script may have one.
#[test]
fn every_tools_script_can_be_sent_without_its_comments() {
    let scripts = tools::all()
        .into_iter()
        .flat_map(|tool| tool.assets.iter())
        .chain(devtools_kit::CORE_ASSETS)
        .filter(|asset| asset.name.ends_with(".js"))
        .collect::<Vec<_>>();
    assert!(scripts.len() >= 5, "the kit's and every tool's with a script: {}", scripts.len());
    for asset in scripts {
        let script = std::str::from_utf8(asset.body).unwrap();
        let line = devtools_kit::multi_line_literal(script);
        assert_eq!(line, None, "{}: a literal over several lines", asset.name);
    }
}
