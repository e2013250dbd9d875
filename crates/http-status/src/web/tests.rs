//! Handler tests through `oneshot` (the kit's test helpers): every page, the JSON shapes, errors, escaping and
//! caching, with snapshots of a page and of each JSON answer's shape.

use super::tool;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use devtools_kit::Site;
use devtools_kit::testing;
use serde_json::Value;

fn app() -> Router {
    Site::router(vec![tool()]).unwrap()
}

async fn get(path: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    get_with(path, &[]).await
}

async fn get_with(
    path: &str,
    headers: &[(header::HeaderName, &str)],
) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    let reply = testing::send(&app(), request.body(Body::empty()).unwrap()).await;
    (reply.status, reply.headers, reply.body)
}

#[tokio::test]
async fn snapshots_of_a_page_and_every_json_shape() {
    let app = app();
    insta::assert_snapshot!("detail_page_418", testing::get(&app, "/http-status/418").await.main());
    insta::assert_snapshot!(
        "not_found_page_432",
        testing::get(&app, "/http-status/432").await.main()
    );
    insta::assert_json_snapshot!(
        "api_detail_418",
        testing::get(&app, "/api/http-status/418").await.json()
    );
    let list = testing::get(&app, "/api/http-status").await.json();
    insta::assert_json_snapshot!("api_list_first_three", list.as_array().map(|all| &all[..3]));
    insta::assert_json_snapshot!(
        "api_unknown_code",
        testing::get(&app, "/api/http-status/299").await.json()
    );
    insta::assert_json_snapshot!(
        "api_invalid_code",
        testing::get(&app, "/api/http-status/abc").await.json()
    );
}

#[tokio::test]
async fn every_status_page_renders_every_section_of_the_seed() {
    for status in crate::all() {
        let (code, headers, html) = get(&format!("/http-status/{}", status.code)).await;
        assert_eq!(code, StatusCode::OK, "{}", status.code);
        assert!(headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
        let example = if status.example_kind == crate::ExampleKind::Log {
            "Access log example"
        } else {
            "Response example"
        };
        // The seed's sections, in the seed's order; no headers section when there are no headers.
        let sections = [
            "Status code",
            "Name",
            "Category",
            "Detailed explanation",
            "Common causes",
            if status.code < 400 { "How to use it" } else { "How to fix" },
            if status.headers.is_empty() { example } else { "Related HTTP headers" },
            example,
            "Related status codes",
            "Back to all status codes",
        ];
        let mut from = 0;
        for section in sections {
            let at = html[from..]
                .find(section)
                .unwrap_or_else(|| panic!("{}: {section} missing", status.code));
            from += at + section.len();
        }
        assert!(html.contains("~/</span>devtools") || html.contains("devtools</a>"), "breadcrumb");
        assert!(
            html.contains(&format!("<span aria-current=\"page\">{}</span>", status.code)),
            "breadcrumb step"
        );
        for related in &status.related {
            assert!(
                html.contains(&format!("href=\"/http-status/{related}\"")),
                "{}: link to {related}",
                status.code
            );
        }
    }
}

/// Review item 7: a code with no headers to discuss (nginx 499, ALB 460: never on the wire) has no "Related HTTP
/// headers" heading over an empty list; the command line leaves its "Headers" out alike.
#[tokio::test]
async fn a_code_without_headers_has_no_headers_section() {
    let without: Vec<u16> =
        crate::all().iter().filter(|s| s.headers.is_empty()).map(|s| s.code).collect();
    assert!(without.contains(&499) && without.contains(&460), "{without:?}");
    for code in without {
        let (_, _, html) = get(&format!("/http-status/{code}")).await;
        assert!(!html.contains("Related HTTP headers"), "{code}");
        assert!(!html.contains("headers-list"), "{code}");
    }
    let (_, _, html) = get("/http-status/429").await;
    assert!(html.contains("Related HTTP headers") && html.contains("<code>Retry-After</code>"));
}

#[tokio::test]
async fn detail_page_shows_content_escaped() {
    let (_, _, html) = get("/http-status/403").await;
    assert!(html.contains("403") && html.contains("Forbidden"));
    assert!(html.contains("If you are the client") && html.contains("If you run the server"));
    // minijinja's HTML escaping also escapes `/`.
    assert!(html.contains("HTTP/1.1 403 Forbidden"));
    assert!(html.contains("https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4"));
    // JSON bodies in examples are escaped, never raw markup.
    assert!(!html.contains("<script>"));
    assert!(!html.contains("style="), "no inline styles under the CSP");
}

#[tokio::test]
async fn unofficial_codes_show_their_source() {
    let (_, _, html) = get("/http-status/499").await;
    assert!(html.contains("unofficial"));
    assert!(html.contains("nginx"));
    // Review item 8: a vendor code links its vendor's documentation, or says that none is public.
    assert!(
        html.contains("<dt>Documentation</dt><dd><a href=\"https://github.com/nginx/nginx/"),
        "{html}"
    );
    let (_, _, html) = get("/http-status/523").await;
    assert!(html.contains("<dt>Documentation</dt><dd><a href=\"https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/error-523/\""));
    let (_, _, html) = get("/http-status/598").await;
    assert!(html.contains("<dt>Documentation</dt><dd>No vendor documentation or specification of 598 could be found"), "{html}");
    let (_, _, html) = get("/http-status/403").await;
    assert!(html.contains("<dt>Specification</dt>"));
}

/// Issue 13 (axe-core): the example scrolls, so it is reachable by keyboard; the list's filter is a search landmark
/// with its own name, apart from the header's "Search the site".
#[tokio::test]
async fn the_example_is_focusable_and_the_filter_landmark_has_its_own_name() {
    let (_, _, html) = get("/http-status/403").await;
    assert!(html.contains(
        r#"<pre tabindex="0" role="region" aria-label="Response example text"><code id="example-text">"#
    ));
    let (_, _, html) = get("/http-status/444").await;
    assert!(
        html.contains(r#"<pre tabindex="0" role="region" aria-label="Access log example text">"#)
    );
    let (_, _, html) = get("/http-status").await;
    assert!(html.contains(r#"role="search" aria-label="Filter status codes">"#));
}

#[tokio::test]
async fn a_temporary_registration_is_marked_on_its_page_and_in_the_list() {
    let (status, _, html) = get("/http-status/104").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("IANA: temporary registration"), "{html}");
    assert!(html.contains("draft-ietf-httpbis-resumable-upload"));
    let (_, _, html) = get("/http-status").await;
    assert!(
        html.contains("Upload Resumption Supported <span class=\"badge\">IANA: temporary</span>")
    );
    let (_, _, json) = get("/api/http-status/104").await;
    let detail: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        (detail["registration"].as_str(), detail["official"].as_bool()),
        (Some("temporary"), Some(true))
    );
}

#[tokio::test]
async fn unknown_code_is_a_real_404_with_suggestions_and_a_non_number_a_400_like_the_api() {
    let (status, _, html) = get("/http-status/432").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("href=\"/http-status/431\""), "suggests the nearest code");
    assert!(html.contains("432 is not a known HTTP status code"), "the answer's message");
    let (status, _, html) = get("/http-status/abc").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("three-digit numbers"));
    assert!(html.contains("A status code is a number such as 404; &quot;abc&quot; is not one."));
    let (status, _, html) = get("/http-status/%3Cscript%3E").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("&lt;script&gt;") && !html.contains("<script>alert"));
}

#[tokio::test]
async fn list_page_groups_by_class_and_filters_without_javascript() {
    let (status, _, html) = get("/http-status").await;
    assert_eq!(status, StatusCode::OK);
    for label in ["1xx</span> Informational", "2xx</span> Successful", "3xx</span> Redirection"] {
        assert!(html.contains(label), "{label}");
    }
    for label in ["4xx</span> Client Error", "5xx</span> Server Error"] {
        assert!(html.contains(label), "{label}");
    }
    assert_eq!(html.matches("<li data-filter-text").count(), crate::all().len());
    // The page budget (issue 17): at most 32 KiB of HTML for the whole list.
    assert!(html.len() <= 32 * 1024, "the list page is {} bytes", html.len());

    let (status, headers, _) = get("/http-status/0404").await;
    assert_eq!(status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(headers[header::LOCATION], "/http-status/404");

    let (_, _, html) = get("/http-status?q=teapot").await;
    assert_eq!(html.matches("<li data-filter-text").count(), 1);
    assert!(html.contains(r#"<a href="http-status/418">"#));
    // The page's JSON link keeps the filter, and the API filters alike.
    assert!(html.contains(r#"<a href="/api/http-status?q=teapot">"#), "{html}");
    let (status, _, json) = get("/api/http-status?q=+TEAPOT+").await;
    assert_eq!(status, StatusCode::OK);
    let codes: Vec<u64> = serde_json::from_str::<Value>(&json)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["code"].as_u64().unwrap())
        .collect();
    assert_eq!(codes, [418]);
    let (_, _, json) = get("/api/http-status?q=zzz").await;
    assert_eq!(json, "[]");
    let (_, _, json) = get("/api/http-status?q=").await;
    assert_eq!(
        serde_json::from_str::<Value>(&json).unwrap().as_array().unwrap().len(),
        crate::all().len()
    );

    let (_, _, html) = get("/http-status?q=gateway").await;
    for code in [502, 504] {
        assert!(html.contains(&format!("\"http-status/{code}\"")), "{code}");
    }
    assert!(!html.contains("http-status/200\""));

    let (status, _, html) = get("/http-status?q=%3Cb%3Ezzz").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("No status code matches") && html.contains("&lt;b&gt;zzz"));
}

/// Issue 17: the list's ~110 links are relative (`http-status/403`, resolved against the list's address
/// `{base}/http-status`), so the list is the same bytes under any base path, and the page stays within 32 KiB
/// under a long one. (The exporter resolves them against the list's address: `web/src/export`.)
#[tokio::test]
async fn the_list_does_not_grow_with_the_base_path() {
    fn list(html: &str) -> &str {
        let start = html.find(r#"<div id="status-groups">"#).unwrap();
        &html[start..start + html[start..].find("</div>").unwrap()]
    }
    let at_root = testing::get(&app(), "/http-status").await;
    // The longest base path the site takes.
    let base = "/internal/platform-team/devtools";
    assert_eq!(base.len(), devtools_kit::MAX_BASE_PATH_LEN);
    let settings = devtools_kit::Settings {
        base_path: devtools_kit::BasePath::parse(base).unwrap(),
        ..devtools_kit::Settings::default()
    };
    let mounted = Site::router_with(vec![tool()], settings, |router| router).unwrap();
    let below = testing::get(&mounted, &format!("{base}/http-status")).await;
    assert_eq!(below.status, StatusCode::OK);
    assert_eq!(list(&below.body), list(&at_root.body));
    assert!(list(&below.body).contains(r#"<a href="http-status/403">"#));
    assert!(below.wire_len <= 32 * 1024, "{} bytes below {base}", below.wire_len);
    // Filtered, the same links: the address is still {base}/http-status, with a query.
    let filtered = testing::get(&mounted, &format!("{base}/http-status?q=forbidden")).await;
    assert!(filtered.body.contains(r#"<a href="http-status/403">"#), "{}", filtered.body);
}

#[tokio::test]
async fn static_pages_answer_if_none_match_with_304() {
    let (status, headers, _) = get("/http-status/404").await;
    assert_eq!(status, StatusCode::OK);
    let etag = headers[header::ETAG].to_str().unwrap().to_owned();
    let (status, _, body) = get_with("/http-status/404", &[(header::IF_NONE_MATCH, &etag)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
    let (status, headers, _) = get("/http-status").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.contains_key(header::ETAG));
}

#[tokio::test]
async fn api_list_is_sorted_with_the_contract_fields() {
    let (status, headers, body) = get("/api/http-status").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    let list: Vec<Value> = serde_json::from_str(&body).unwrap();
    assert_eq!(list.len(), crate::all().len());
    let codes: Vec<u64> = list.iter().map(|item| item["code"].as_u64().unwrap()).collect();
    assert!(codes.windows(2).all(|w| w[0] < w[1]));
    let first = list[0].as_object().unwrap();
    let mut keys: Vec<&str> = first.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["class", "code", "name", "official", "registration", "registry_name", "summary"]
    );
    assert_eq!(list[0]["class"], "1xx");
}

#[tokio::test]
async fn api_detail_has_the_contract_shape() {
    let (status, _, body) = get("/api/http-status/403").await;
    assert_eq!(status, StatusCode::OK);
    let detail: Value = serde_json::from_str(&body).unwrap();
    let mut keys: Vec<&str> = detail.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "aliases",
            "causes",
            "class",
            "code",
            "example",
            "explanation",
            "fixes",
            "headers",
            "name",
            "no_public_documentation",
            "official",
            "registration",
            "registry_name",
            "related",
            "source",
            "spec",
            "status",
            "summary"
        ]
    );
    assert_eq!(detail["code"], 403);
    assert_eq!(detail["name"], "Forbidden");
    assert_eq!(detail["class"], "4xx");
    assert_eq!(detail["official"], true);
    assert_eq!(detail["source"], Value::Null);
    assert_eq!(detail["status"], "current");
    assert_eq!(detail["spec"]["title"], "RFC 9110, Section 15.5.4");
    assert!(detail["example"].as_str().unwrap().starts_with("HTTP/1.1 403 Forbidden"));
    assert!(detail["headers"][0]["name"].is_string() && detail["headers"][0]["note"].is_string());
    let related = &detail["related"][0];
    assert!(
        related["code"].is_u64() && related["name"].is_string() && related["summary"].is_string()
    );

    let (_, _, body) = get("/api/http-status/499").await;
    let vendor: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(vendor["official"], false);
    assert_eq!(vendor["source"], "nginx");
}

#[tokio::test]
async fn api_errors_use_the_common_shape() {
    let (status, headers, body) = get("/api/http-status/999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    let error: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(error["error"], "unknown_code");
    assert!(error["message"].as_str().unwrap().contains("999"));

    let (status, _, body) = get("/api/http-status/abc").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let error: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(error["error"], "invalid_code");
}
