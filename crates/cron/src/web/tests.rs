//! Handler tests through the assembled router, as a browser or API client would call it.

use axum::Router;
use axum::http::{StatusCode, header};
use devtools_kit::testing::{Reply, get};
use serde_json::{Value, json};

fn app() -> Router {
    devtools_kit::Site::router(vec![crate::web::tool()]).unwrap()
}

async fn page(uri: &str) -> Reply {
    get(&app(), uri).await
}

async fn api(query: &str) -> (StatusCode, Value) {
    let reply = get(&app(), &format!("/api/cron?{query}")).await;
    assert_eq!(reply.header(header::CONTENT_TYPE), "application/json", "{}", reply.body);
    (reply.status, reply.json())
}

#[tokio::test]
async fn api_answers_the_documented_shape() {
    let (status, body) =
        api("expr=*/15+9-17+*+*+1-5&tz=UTC&count=3&from=2026-01-01T00:00:00Z").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({
            "expr": "*/15 9-17 * * 1-5",
            "description": "At every 15th minute past every hour from 9 through 17 on every day-of-week from Monday through Friday",
            "tz": "UTC",
            "next": ["2026-01-01T09:00:00+00:00", "2026-01-01T09:15:00+00:00", "2026-01-01T09:30:00+00:00"],
            "fields": [
                {"name": "minute", "raw": "*/15", "description": "every 15th minute", "values": [0, 15, 30, 45]},
                {"name": "hour", "raw": "9-17", "description": "every hour from 9 through 17", "values": [9, 10, 11, 12, 13, 14, 15, 16, 17]},
                {"name": "day-of-month", "raw": "*", "description": "every day-of-month", "values": (1..=31).collect::<Vec<_>>()},
                {"name": "month", "raw": "*", "description": "every month", "values": (1..=12).collect::<Vec<_>>()},
                {"name": "day-of-week", "raw": "1-5", "description": "every day-of-week from Monday through Friday", "values": [1, 2, 3, 4, 5]},
            ],
            "warning": null,
        })
    );
}

#[tokio::test]
async fn api_runs_follow_the_zone_and_its_dst_rules() {
    let (status, body) =
        api("expr=30+2+*+*+*&tz=America/New_York&count=2&from=2026-03-07T12:00:00Z").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["next"], json!(["2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"]));
    let (_, body) = api("expr=0+9+*+*+*&tz=asia/kolkata&count=1&from=2026-01-01T00:00:00Z").await;
    assert_eq!(body["tz"], "Asia/Kolkata");
    assert_eq!(body["next"], json!(["2026-01-01T09:00:00+05:30"]));
    // Default count is 10; default `from` is now.
    let (_, body) = api("expr=@hourly").await;
    assert_eq!(body["next"].as_array().unwrap().len(), 10);
    assert_eq!(body["tz"], "UTC");
}

#[tokio::test]
async fn api_reports_never_firing_reboot_and_past_only_expressions() {
    let (status, body) = api("expr=0+0+30+2+*").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["next"], json!([]));
    assert!(body["warning"].as_str().unwrap().starts_with("This expression never fires"));
    let (_, body) = api("expr=@reboot").await;
    assert_eq!(body["next"], json!([]));
    assert_eq!(body["fields"], json!([]));
    assert_eq!(body["description"], "At startup, once each time the cron daemon starts");
    let (_, body) = api("expr=0+0+0+1+1+%3F+2020&from=2026-01-01T00:00:00Z").await;
    assert_eq!(body["next"], json!([]));
    assert!(body["warning"].as_str().unwrap().starts_with("No runs after 2026-01-01 00:00:00 UTC"));
    let (_, body) = api("expr=0+0+*/2+*+1&from=2026-01-01T00:00:00Z&count=1").await;
    assert_eq!(body["next"], json!(["2026-01-05T00:00:00+00:00"]));
    assert!(body["warning"].as_str().unwrap().contains("must match both"));
}

#[tokio::test]
async fn api_errors_name_the_problem() {
    let (status, body) = api("expr=0+60+*+*+*").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({"error": "invalid_expression", "message": "hour: 60 is out of range 0–23", "field": "hour", "position": 2, "length": 2})
    );
    let (_, body) = api("expr=0+0+*+*+MOX").await;
    assert_eq!(body["message"], "day-of-week: unknown name \"MOX\" (use 0–7 or SUN–SAT)");
    assert_eq!(body["position"], 8);
    let (status, body) = api("expr=*+*+*+*").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["field"], Value::Null);
    assert!(body["message"].as_str().unwrap().starts_with("expected 5, 6 or 7 fields, found 4"));
    let (status, body) = api("").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_expression"))
    );
    let (status, body) = api("expr=*+*+*+*+*&tz=Mars/Olympus").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_timezone"))
    );
    for count in ["0", "101", "ten", "-1"] {
        let (status, body) = api(&format!("expr=*+*+*+*+*&count={count}")).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::BAD_REQUEST, Some("invalid_count")),
            "{count}"
        );
    }
    let (status, body) = api("expr=*+*+*+*+*&count=100").await;
    assert_eq!((status, body["next"].as_array().map(Vec::len)), (StatusCode::OK, Some(100)));
    for from in ["yesterday", "2026-01-01", "2026-01-01T00:00:00"] {
        let (status, body) = api(&format!("expr=*+*+*+*+*&from={from}")).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::BAD_REQUEST, Some("invalid_from")),
            "{from}"
        );
    }
    // Valid RFC 3339 outside the supported range: refused with the range, never answered for year 1 (croner's
    // floor) as 0000-06-01 was.
    for from in ["0000-06-01T00:00:00Z", "1969-12-31T23:59:59Z", "9999-12-31T23:59:59-05:00"] {
        let (status, body) = api(&format!("expr=*+*+*+*+*&from={from}&count=2")).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::BAD_REQUEST, Some("invalid_from")),
            "{from}"
        );
        assert!(body["message"].as_str().unwrap().contains("1970-01-01T00:00:00Z through 9999"));
    }
    let long = "1,".repeat(300);
    let (status, body) = api(&format!("expr={long}1+*+*+*+*")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["message"].as_str().unwrap().contains("at most 512"));
}

#[tokio::test]
async fn a_malformed_query_is_invalid_request() {
    let (status, body) = api("expr=*+*+*+*+*&expr=0+*+*+*+*").await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_request"))
    );
}

/// The strict CSP allows no inline script or style.
fn assert_no_inline_code(html: &str) {
    assert!(!html.contains("style="), "style attribute");
    assert!(!html.contains("<style"), "style element");
    for script in html.split("<script").skip(1) {
        assert!(
            script.trim_start().starts_with("src="),
            "inline script: {}",
            &script[..60.min(script.len())]
        );
    }
}

#[tokio::test]
async fn page_renders_the_default_example() {
    let reply = page("/cron").await;
    let html = &reply.body;
    assert_eq!(reply.status, StatusCode::OK);
    assert_no_inline_code(html);
    assert!(html.contains("At 09:00 on every day-of-week from Monday through Friday"));
    assert_eq!(html.matches("<time datetime=").count(), 10);
    assert!(
        html.contains(r#"<input id="cron-tz" name="tz" type="text" list="cron-zones" value="UTC""#)
    );
    assert!(
        html.contains(r#"name=hour_mode value=every checked"#)
            || html.contains(r#"name=hour_mode value=values checked"#)
    );
    assert!(html.contains(r#"name=dow_mode value=range checked"#));
    assert!(html.contains("Syntax cheat sheet"));
    assert!(html.contains(r#"<a href="/cron/reference">the cron reference</a>"#));
    assert!(html.contains("/static/cron."));
    assert!(!html.contains("noindex"));
}

#[tokio::test]
async fn page_keeps_its_state_in_the_query() {
    let reply = page("/cron?expr=*%2F15+*+*+*+*&tz=Europe%2FBerlin&count=3").await;
    let html = &reply.body;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(html.contains("At every 15th minute"));
    assert!(html.contains(r#"list="cron-zones" value="Europe/Berlin""#), "{html}");
    assert_eq!(html.matches("<time datetime=").count(), 3);
    assert!(html.contains("+01:00") || html.contains("+02:00"));
    assert!(html.contains(r#"value="*/15""#));
    assert!(html.contains(r#"name=minute_mode value=step checked"#));
    assert!(html.contains("noindex"));
}

#[tokio::test]
async fn page_underlines_errors_with_a_4xx() {
    let reply = page("/cron?expr=0+60+*+*+*").await;
    let html = &reply.body;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_no_inline_code(html);
    assert!(html.contains(r#"<span id="cron-echo-before">0 </span><mark id="cron-echo-bad" class="cron-echo__bad">60</mark><span id="cron-echo-after"> * * *</span>"#));
    assert!(html.contains("hour: 60 is out of range 0–23"));
    assert!(html.contains(r#"aria-invalid="true""#));
    let reply = page("/cron?expr=%3Cscript%3E").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.body.contains("&lt;script&gt;") && !reply.body.contains("<script>"));
    let reply = page("/cron?expr=*+*+*+*+*&tz=Nowhere%2FLand").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(
        reply.body.contains("unknown time zone &quot;Nowhere/Land&quot;")
            || reply.body.contains("unknown time zone \"Nowhere/Land\"")
    );
    assert!(
        reply
            .body
            .contains(r#"spellcheck="false" aria-invalid="true" aria-describedby="cron-error">"#)
    );
}

/// Issue 13: the zones an unknown one probably means are links that apply them, with the rest of the request kept,
/// so they work without JavaScript.
#[tokio::test]
async fn an_unknown_zone_offers_its_suggestions_as_links() {
    let reply = page("/cron?expr=0+9+*+*+*&tz=berlin&count=3&from=2026-01-01T00%3A00%3A00Z").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_no_inline_code(&reply.body);
    assert!(
        reply.body.contains(
            r#"Did you mean <a href="/cron?expr=0+9+*+*+*&amp;tz=Europe%2FBerlin&amp;count=3&amp;from=2026-01-01T00%3A00%3A00Z" data-tz="Europe/Berlin">Europe/Berlin</a>?"#
        ),
        "{}",
        reply.body
    );
    let link = "/cron?expr=0+9+*+*+*&tz=Europe%2FBerlin&count=3&from=2026-01-01T00%3A00%3A00Z";
    assert_eq!(page(link).await.status, StatusCode::OK, "the link applies the zone");
    let reply = page("/cron?expr=0+9+*+*+*&tz=york").await;
    assert!(reply.body.contains(">America/New_York</a>"), "{}", reply.body);
    let fragment = page("/cron?expr=0+9+*+*+*&tz=berlin&fragment=1").await;
    assert!(fragment.body.contains(r#"data-tz="Europe/Berlin""#), "the live part carries them too");
    let none = page("/cron?expr=0+9+*+*+*&tz=Qqqqqqqqq").await;
    assert!(!none.body.contains("cron-suggestions"), "no paragraph without suggestions");
}

/// The page validates through the same answer as the API: too many runs is the API's `invalid_count`, shown
/// beside the form with a 400, not quietly cut to the maximum.
#[tokio::test]
async fn the_page_refuses_what_the_api_refuses_with_the_same_message() {
    let reply = page("/cron?expr=*+*+*+*+*&count=500").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let message = "count must be a whole number from 1 to 100";
    assert!(reply.body.contains(&format!(
        r#"<p id="cron-error" class="field-error" role="alert">{message}</p>"#
    )));
    assert!(reply.body.contains(r#"class="cron-count" aria-invalid="true""#));
    assert_eq!(reply.body.matches("<time datetime=").count(), 0);
    let (status, body) = api("expr=*+*+*+*+*&count=500").await;
    assert_eq!((status, body["error"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_count")));
    assert_eq!(body["message"], message);

    for query in [
        "expr=*+*+*+*+*&count=500",
        "expr=*+*+*+*+*&count=0",
        "expr=*+*+*+*+*&count=",
        "expr=0+60+*+*+*",
        "expr=",
        "expr=*+*+*+*+*&tz=Mars",
        "expr=*+*+*+*+*&from=yesterday",
        "expr=*+*+*+*+*&from=0000-06-01T00:00:00Z",
        "expr=0+9+*+*+1-5&tz=Asia%2FTokyo&count=2&from=2026-01-01T00:00:00Z",
    ] {
        let (api_status, api_body) = api(query).await;
        let reply = page(&format!("/cron?{query}")).await;
        assert_eq!(reply.status, api_status, "{query}");
        match api_body["message"].as_str() {
            Some(message) => {
                // As minijinja escapes text in HTML (its `/` escape is undone by the test helper).
                let shown =
                    message.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
                assert!(reply.body.contains(&shown), "{query}: {message}");
            }
            None => assert!(reply.body.contains(api_body["description"].as_str().unwrap())),
        }
    }
}

#[tokio::test]
async fn page_describes_reboot_and_never_firing_expressions() {
    let reply = page("/cron?expr=%40reboot").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("At startup"));
    assert!(reply.body.contains("@reboot has no run times"));
    let reply = page("/cron?expr=0+0+30+2+*").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("This expression never fires"));
    assert_eq!(reply.body.matches("<time datetime=").count(), 0);
}

#[tokio::test]
async fn builder_form_without_javascript_redirects_to_the_expression() {
    let uri = "/cron?build=1&tz=Asia%2FKolkata&count=10&second_raw=&year_raw=&minute_mode=values&minute=0&minute=30\
               &hour_mode=range&hour_from=9&hour_to=17&dom_mode=every&month_mode=step&month_step=3&dow_mode=values&dow=1&dow=5";
    let reply = page(uri).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(
        reply.header(header::LOCATION),
        "/cron?expr=0%2C30+9-17+*+*%2F3+1%2C5&tz=Asia%2FKolkata"
    );
    let reply = page(
        "/cron?build=1&tz=UTC&count=3&from=2026-01-01T00%3A00%3A00Z&minute_mode=step&minute_step=5",
    )
    .await;
    assert_eq!(
        reply.header(header::LOCATION),
        "/cron?expr=*%2F5+*+*+*+*&tz=UTC&count=3&from=2026-01-01T00%3A00%3A00Z"
    );
}

#[tokio::test]
async fn assets_are_served() {
    let app = app();
    let html = get(&app, "/cron").await.body;
    let start = html.find("/static/cron.").unwrap();
    let end = start + html[start..].find('"').unwrap();
    let reply = get(&app, &html[start..end]).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.header(header::CONTENT_TYPE).starts_with("text/"));
    assert!(!reply.body.is_empty());
}

/// Issue 13: the runs table fits its column (the UTC instant is a second line, seconds only when the expression
/// has them), every scrolling table is reachable by keyboard, and a preset never breaks inside its expression.
#[tokio::test]
async fn the_runs_table_is_narrow_and_every_table_region_is_focusable() {
    let html =
        page("/cron?expr=0+9+*+*+*&tz=Europe%2FBerlin&count=1&from=2026-01-01T00%3A00%3A00Z")
            .await
            .body;
    assert!(html.contains(r#"<th scope="col">Local time, then UTC</th><th scope="col">From 2026-01-01T00:00:00Z</th></tr>"#));
    assert!(html.contains(r#"Times in <strong id="cron-runs-zone">Europe/Berlin</strong>, with the same instants in UTC.</p>"#));
    // In UTC itself, UTC is said once.
    let utc = page("/cron?expr=0+9+*+*+*&count=1&from=2026-01-01T00%3A00%3A00Z").await.body;
    assert!(utc.contains(r#"Times in <strong id="cron-runs-zone">UTC</strong>.</p>"#), "{utc}");
    assert!(utc.contains(r#"<th scope="col">Time</th>"#));
    assert!(!utc.contains("same instants in UTC") && !utc.contains("then UTC"));
    assert!(html.contains(r#">Thu 2026-01-01 09:00</time> <span>CET +01:00</span> <span class="cron-utc">2026-01-01 08:00 UTC</span></td>"#), "{html}");
    let regions =
        html.matches(r#"<div class="table-wrap" tabindex="0" role="region" aria-label=""#).count();
    assert_eq!(
        (regions, html.matches(r#"class="table-wrap""#).count()),
        (2, 2),
        "every table region"
    );
    let utc = page("/cron?expr=0+9+*+*+*&tz=UTC&count=1").await.body;
    assert!(!utc.contains("cron-utc muted"), "UTC is not said twice");
    let css = include_str!("../../static/cron.css");
    assert!(css.contains(".cron-presets code { white-space: nowrap; }"));
}

#[tokio::test]
async fn the_page_selects_the_zone_it_shows() {
    let reply = page("/cron?expr=0+9+*+*+*&tz=asia%2Ftokyo").await;
    assert_eq!(reply.status, StatusCode::OK);
    // The zone is a text input (the script offers the browser's zone list): it shows the canonical name.
    assert!(reply.body.contains(r#"list="cron-zones" value="Asia/Tokyo""#), "{}", reply.body);
}

/// The live part is the page's own result part, rendered by the same template: always 200 (the error inside),
/// no layout, and byte for byte what the whole page holds in `#cron-live`.
#[tokio::test]
async fn the_fragment_is_the_pages_live_part() {
    for query in [
        "expr=0+9+*+*+1-5&tz=Europe%2FBerlin&from=2026-01-01T00:00:00Z",
        "expr=61+*+*+*+*",
        "expr=*+*+*+*+*&tz=Mars",
        "expr=*+*+*+*+*&count=500",
    ] {
        let whole = page(&format!("/cron?{query}")).await;
        let part = page(&format!("/cron?{query}&fragment=1")).await;
        assert_eq!(part.status, StatusCode::OK, "{query}");
        assert!(part.header(header::CONTENT_TYPE).starts_with("text/html"), "{query}");
        assert!(!part.body.contains("<main") && !part.body.contains("<form"), "{query}");
        assert!(part.body.contains(r#"id="cron-error-box""#), "{query}");
        let opening = whole.body.find(r#"<div id="cron-live""#).unwrap();
        let start = opening + whole.body[opening..].find('>').unwrap() + 1;
        let live = &whole.body[start..];
        assert!(
            live.trim_start().starts_with(part.body.trim()),
            "{query}: the page and its part differ"
        );
    }
}

/// The script's two builder requests: the builder's form composed, answered in one request with the live part of
/// the expression, which carries it for the input; and the live part with the builder set from the expression, in
/// a template (not otherwise: an edit in the builder wants none).
#[tokio::test]
async fn the_script_composes_and_syncs_the_builder_through_the_server() {
    // A fixed start, so that the answers cannot straddle a minute of the "in 3 h 12 min" column.
    let builder = "dialect=quartz&tz=UTC&from=2026-01-01T00:00:00Z&second_mode=custom&second_raw=0&minute_mode=values&minute=15&hour_mode=values&hour=10&dow_mode=range&dow_from=2&dow_to=6";
    let composed = page(&format!("/cron?build=1&{builder}&fragment=1")).await;
    assert_eq!(composed.status, StatusCode::OK);
    let (live, carried) = composed
        .body
        .split_once("<template id=\"cron-composed\" data-expr=\"0 15 10 ? * 2-6\"></template>")
        .unwrap_or_else(|| panic!("no composed expression in {}", composed.body));
    assert!(carried.trim().is_empty(), "last: {carried}");
    let typed =
        "/cron?expr=0+15+10+%3F+*+2-6&dialect=quartz&tz=UTC&from=2026-01-01T00:00:00Z&fragment=1";
    assert_eq!(
        live.trim(),
        page(typed).await.body.trim(),
        "the live part of the composed expression"
    );
    // Without the script the builder's form leads to the shareable address.
    let submitted = page(&format!("/cron?build=1&{builder}")).await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER);
    assert!(submitted.header(header::LOCATION).starts_with("/cron?expr=0+15+10+%3F+*+2-6&tz=UTC"));

    let query =
        "/cron?expr=0+15+10+%3F+*+MON-FRI&dialect=quartz&from=2026-01-01T00:00:00Z&fragment=1";
    let plain = page(query).await.body;
    assert!(!plain.contains("cron-composed"));
    assert!(!plain.contains("cron-builder-next") && !plain.contains("<form"));
    let with = page(&format!("{query}&with=builder")).await.body;
    let (before, template) = with.split_once(r#"<template id="cron-builder-next">"#).unwrap();
    assert_eq!(before.trim(), plain.trim(), "the same answer, then the builder");
    assert!(template.contains(r#"data-dialect=quartz id="cron-builder-section""#), "{template}");
    assert!(template.contains("<form id=\"cron-builder\" class=\"cron-builder\" method=\"get\" action=\"/cron#cron-live\" data-question>"));
    assert!(template.contains("<input type=radio name=dow_mode value=range checked>"));
    assert!(template.trim_end().ends_with("</section></template>"), "{template}");
    // Systemd's builder comes hidden, with its hint.
    let systemd = page("/cron?expr=daily&dialect=systemd&fragment=1&with=builder").await.body;
    assert!(
        systemd.contains(
            r#"<template id="cron-builder-next"><section data-hint="a timer&#x27;s calendar event"#
        ),
        "{systemd}"
    );
    assert!(systemd.contains(r#"aria-labelledby="builder-heading" hidden>"#));
}

#[tokio::test]
async fn the_old_live_json_route_is_gone() {
    assert_eq!(page("/cron/live?expr=*+*+*+*+*").await.status, StatusCode::NOT_FOUND);
}

/// The page's main element, whole, for inputs that list runs after a fixed instant (so nothing changes), an
/// error, and the first visit (whose runs follow the clock and are filtered out).
#[tokio::test]
async fn pages_are_pinned() {
    let cases = [
        (
            "weekdays_berlin",
            "/cron?expr=*%2F15+9-17+*+*+MON-FRI&tz=Europe%2FBerlin&count=3&from=2026-03-27T12%3A00%3A00Z",
        ),
        ("macro_reboot", "/cron?expr=%40reboot"),
        ("error_expression", "/cron?expr=0+60+*+*+*&tz=Asia%2FKolkata"),
        ("error_count", "/cron?expr=*+*+*+*+*&count=500"),
        ("fragment", "/cron?expr=0+0+L+*+*&count=2&from=2026-03-27T12%3A00%3A00Z&fragment=1"),
        (
            "fragment_translated",
            "/cron?expr=0+9+*+*+1-5&tz=Europe%2FBerlin&count=2&from=2026-03-27T12%3A00%3A00Z&translate=1&fragment=1",
        ),
    ];
    // The six hundred zones are the same on every page: only the selected one is kept.
    let zones = (r"<option>[^<]*</option>", "");
    for (name, uri) in cases {
        let reply = page(uri).await;
        let shown = if uri.contains("fragment=1") { reply.body.as_str() } else { reply.main() };
        insta::with_settings!({filters => vec![zones]}, {
            insta::assert_snapshot!(format!("page_{name}"), shown);
        });
    }
    let reply = page("/cron").await;
    insta::with_settings!({filters => vec![
        zones,
        (r"(?m)^\s*<tr><td>\d+</td><td><time .*$", "        [a run: changes with the clock]"),
        (r"\d+ compared from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d", "[n] compared from [today] to [in two years]"),
    ]}, {
        insta::assert_snapshot!("page_first_visit", reply.main());
    });
}

/// The JSON API's answers and errors, pinned whole. Every request fixes `from`, so the runs never change.
#[tokio::test]
async fn api_answers_and_errors_are_pinned() {
    let app = app();
    let cases = [
        (
            "weekdays_berlin",
            "expr=*/15+9-17+*+*+MON-FRI&tz=Europe/Berlin&count=3&from=2026-03-27T12:00:00Z",
        ),
        ("dst_new_york", "expr=30+2+*+*+*&tz=America/New_York&count=2&from=2026-03-07T12:00:00Z"),
        ("seconds_and_year", "expr=30+0+12+L+*+?+2027&count=2&from=2026-03-27T12:00:00Z"),
        ("macro_daily", "expr=@daily&tz=Asia/Kolkata&count=1&from=2026-03-27T12:00:00Z"),
        ("reboot", "expr=@reboot&from=2026-03-27T12:00:00Z"),
        ("never_fires", "expr=0+0+30+2+*&from=2026-03-27T12:00:00Z"),
        ("past_years_only", "expr=0+0+0+1+1+%3F+2020&from=2026-01-01T00:00:00Z"),
        ("and_warning", "expr=0+0+*/2+*+1&count=1&from=2026-01-01T00:00:00Z"),
        ("error_out_of_range", "expr=0+60+*+*+*"),
        ("error_field_count", "expr=*+*+*+*"),
        ("error_empty", ""),
        ("error_timezone", "expr=*+*+*+*+*&tz=Mars/Olympus"),
        ("error_count", "expr=*+*+*+*+*&count=500"),
        ("error_from", "expr=*+*+*+*+*&from=yesterday"),
    ];
    for (name, query) in cases {
        let reply = get(&app, &format!("/api/cron?{query}")).await;
        insta::assert_json_snapshot!(
            format!("api_{name}"),
            serde_json::json!({"status": reply.status.as_u16(), "body": reply.json()})
        );
    }
    // The key order of the bodies, byte for byte.
    for (name, query) in [cases[0], cases[8]] {
        let reply = get(&app, &format!("/api/cron?{query}")).await;
        insta::assert_snapshot!(format!("api_{name}_bytes"), reply.body);
    }
}

/// The OpenAPI document describes every property of the answer, and the runs as date-times.
#[test]
fn the_answer_schema_describes_every_property() {
    use utoipa::OpenApi as _;
    let document = serde_json::to_value(super::Api::openapi()).unwrap();
    let schemas = &document["components"]["schemas"];
    for name in ["CronAnswer", "CronField"] {
        let properties =
            schemas[name]["properties"].as_object().unwrap_or_else(|| panic!("{name}: {schemas}"));
        for (key, property) in properties {
            assert!(
                property["description"].as_str().is_some_and(|d| !d.is_empty()),
                "{name}.{key}: {property}"
            );
        }
    }
    let next = &schemas["CronAnswer"]["properties"]["next"];
    assert_eq!(next["items"]["format"], "date-time", "{next}");
    assert_eq!(schemas["CronAnswer"]["properties"]["tz"]["type"], "string");
    assert!(schemas["CronField"]["properties"]["name"].is_object(), "{}", schemas["CronField"]);
}

#[tokio::test]
async fn api_reads_the_dialect_and_adds_translations() {
    let (status, body) =
        api("expr=0+15+10+%3F+*+6%233&dialect=quartz&count=1&from=2026-01-01T00:00:00Z").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["dialect"], "quartz");
    assert_eq!(body["next"], json!(["2026-01-16T10:15:00+00:00"]));
    let translations = body["translations"].as_array().unwrap();
    assert_eq!(translations.len(), 5);
    let eventbridge = translations.iter().find(|t| t["dialect"] == "eventbridge").unwrap();
    assert_eq!(eventbridge["expression"], "cron(15 10 ? * 6#3 *)");
    assert_eq!(eventbridge["check"]["same"], true);
    // Without a dialect the answer is the Vixie one, with neither field.
    let (_, body) = api("expr=0+9+*+*+*&count=1&from=2026-01-01T00:00:00Z").await;
    assert!(body.get("dialect").is_none() && body.get("translations").is_none(), "{body}");
    let (status, body) = api("expr=0+9+*+*+*&dialect=fcron").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_dialect");
    let (status, body) = api("expr=cron(0+18+*+*+MON-FRI+*)&dialect=eventbridge").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        (body["field"].clone(), body["position"].clone()),
        (json!("day-of-week"), json!(14))
    );
}

#[tokio::test]
async fn the_page_carries_the_dialect_without_javascript() {
    let reply =
        page("/cron?expr=rate(5+minutes)&dialect=eventbridge&count=2&from=2026-01-01T00:00:00Z")
            .await;
    assert_eq!(reply.status, StatusCode::OK);
    let main = reply.main();
    assert!(
        main.contains(r#"<option value="eventbridge" selected>AWS EventBridge</option>"#),
        "{main}"
    );
    assert!(main.contains(r#"<section data-hint="cron(minutes hours"#), "{main}");
    assert!(main.contains("Every 5 minutes"), "{main}");
    assert!(main.contains(r#"id="cron-builder-section" class="workbench__more" aria-labelledby="builder-heading" hidden"#));
    // An error in the dialect's rules is underlined like any other.
    let reply = page("/cron?expr=0+0+12+1+*+MON&dialect=quartz").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.main().contains(r#"<mark id="cron-echo-bad" class="cron-echo__bad">MON</mark>"#));
    // A zone suggestion keeps the dialect.
    let reply = page("/cron?expr=0+9+*+*+*&dialect=github&tz=berlin").await;
    assert!(reply.main().contains("dialect=github"), "{}", reply.main());
    let reply = page("/cron?expr=0+9+*+*+*&dialect=fcron").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(
        reply.main().contains(r#"<select id="cron-dialect" name="dialect" aria-invalid="true""#)
    );
}

/// Issue 17: every tool page at most 32 KiB of HTML, and the cron page 31 KiB, which leaves room for the tools
/// yet to join the navigation. The zone list is the browser's (no 600 options), the builder bare markup, the long
/// reference tables on their own page.
#[tokio::test]
async fn pages_stay_under_31_kib() {
    for uri in ["/cron", "/cron?expr=*%2F15+9-17+*+*+MON-FRI&tz=Europe%2FBerlin", "/cron/reference"]
    {
        let size = page(uri).await.wire_len;
        assert!(size <= 31 * 1024, "{uri}: {size} bytes");
    }
}

/// The cheat sheet's long tables: their own page, rendered once, linking back to the tool.
#[tokio::test]
async fn the_reference_page_has_the_long_tables() {
    let app = app();
    let reply = get(&app, "/cron/reference").await;
    assert_eq!(reply.status, StatusCode::OK);
    let html = &reply.body;
    assert_no_inline_code(html);
    assert!(html.contains("<title>Cron syntax reference"), "{html}");
    assert!(html.contains(r#"aria-label="Field values table""#));
    assert!(html.contains(r#"aria-label="Schedulers table""#));
    assert!(html.contains("a day matches if <em>either</em> matches"));
    assert!(html.contains(r#"<a href="/cron">cron expression generator</a>"#));
    assert!(html.contains("/static/cron."), "its stylesheet");
    let etag = reply.header(header::ETAG).to_owned();
    assert!(!etag.is_empty(), "cached");
}

/// Translations cost two years of runs per dialect: the page computes and shows them only when asked
/// (`translate=1`, the form's checkbox), and the links it writes keep the choice.
#[tokio::test]
async fn the_page_translates_only_when_asked() {
    let plain = page("/cron?expr=0+9+*+*+1-5&tz=UTC").await;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(!plain.body.contains("cron-translations"), "no translations unasked");
    assert!(!plain.body.contains("OnCalendar="));
    assert!(
        plain
            .body
            .contains(r#"<input type="checkbox" id="cron-translate" name="translate" value="1">"#)
    );
    let asked = page("/cron?expr=0+9+*+*+1-5&tz=UTC&translate=1").await;
    assert_eq!(asked.status, StatusCode::OK);
    assert!(asked.body.contains(r#"id="cron-translate" name="translate" value="1" checked>"#));
    assert!(asked.body.contains(r#"id="cron-translations""#));
    assert!(asked.body.contains("OnCalendar=Mon..Fri *-*-* 09:00:00 UTC"), "{}", asked.main());
    // The live part too.
    let fragment = page("/cron?expr=0+9+*+*+1-5&translate=1&fragment=1").await;
    assert!(fragment.body.contains(r#"id="cron-translations""#));
    assert!(!page("/cron?expr=0+9+*+*+1-5&fragment=1").await.body.contains("cron-translations"));
    // A zone suggestion and the builder's redirect keep it.
    let suggested = page("/cron?expr=0+9+*+*+*&tz=berlin&translate=1").await;
    assert!(suggested.main().contains("translate=1"), "{}", suggested.main());
    let built = page("/cron?build=1&minute_mode=every&translate=1").await;
    let location = built.headers[header::LOCATION].to_str().unwrap().to_owned();
    assert!(location.ends_with("&translate=1"), "{location}");
}

/// A translation's check over a window with no run says that nothing was compared, not "Same runs: 0".
#[tokio::test]
async fn a_check_without_runs_says_nothing_was_compared() {
    let reply = page(
        "/cron?expr=cron(0+0+1+1+%3F+2020)&dialect=eventbridge&from=2026-01-01T00%3A00%3A00Z&translate=1",
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let main = reply.main();
    assert!(
        main.contains("Nothing to compare: neither lists a run from 2026-01-01 to 2028-01-01."),
        "{main}"
    );
    assert!(!main.contains("Same runs: 0"), "{main}");
}

/// A link that names only a dialect (`/cron?dialect=quartz`) shows that dialect's own example, not an error.
#[tokio::test]
async fn a_dialect_alone_starts_from_its_own_example() {
    for dialect in crate::Dialect::ALL {
        let reply = page(&format!("/cron?dialect={}", dialect.name())).await;
        assert_eq!(reply.status, StatusCode::OK, "{dialect:?}: {}", reply.body);
        assert!(reply.body.contains(dialect.example()), "{dialect:?}");
    }
}

#[tokio::test]
async fn site_search_finds_the_syntax_reference() {
    for query in ["cron reference", "oncalendar", "cheat sheet", "daylight saving"] {
        let reply = page(&format!("/api/search?q={}", query.replace(' ', "+"))).await;
        let hrefs: Vec<String> = reply.json()["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|entry| entry["href"].as_str().unwrap().to_owned())
            .collect();
        assert!(hrefs.iter().any(|href| href == "/cron/reference"), "{query}: {hrefs:?}");
    }
    // And the link leads to the page.
    assert_eq!(page("/cron/reference").await.status, StatusCode::OK);
}

/// Each dialect is offered the presets it reads as they are, worked out once: Vixie all of them, every other
/// dialect exactly those its parser accepts, each linked by a query value that reads back as the line.
#[test]
fn presets_are_those_each_dialect_reads() {
    use super::{Dialect, Expression, PRESETS, presets_for};
    for dialect in Dialect::ALL {
        let offered: Vec<&str> = presets_for(dialect).iter().map(|&(_, expr, _)| expr).collect();
        let reads: Vec<&str> = PRESETS
            .iter()
            .map(|&(_, expr)| expr)
            .filter(|expr| dialect == Dialect::Vixie || Expression::parse(dialect, expr).is_ok())
            .collect();
        assert_eq!(offered, reads, "{dialect:?}");
        for (_, expr, query) in presets_for(dialect) {
            let decoded: String =
                form_urlencoded::parse(format!("e={query}").as_bytes()).map(|(_, v)| v).collect();
            assert_eq!(&decoded, expr);
        }
        assert!(std::ptr::eq(presets_for(dialect), presets_for(dialect)), "kept, not rebuilt");
    }
    assert_eq!(presets_for(Dialect::Vixie).len(), PRESETS.len());
    assert!(presets_for(Dialect::EventBridge).is_empty());
}
