//! `devtools jwt` as a script uses it: what it accepts, and its exit codes.

mod support;
use support::*;

use axum::http::StatusCode;

#[tokio::test]
async fn a_bearer_prefix_or_an_authorization_header_is_accepted_as_the_api_accepts_it() {
    for pasted in [format!("Bearer {TOKEN}"), format!("Authorization: Bearer {TOKEN}")] {
        // `echo "Bearer $T" | devtools jwt`
        let output = run_with(&["jwt", "--secret", SECRET], format!("{pasted}\n"), &[]);
        assert_eq!(output.status.code(), Some(0), "{pasted:?}: {}", stderr(&output));
        assert!(stdout(&output).contains("Signature: Signature verified"), "{}", stdout(&output));

        let output = run(&["jwt", &pasted, "--secret", SECRET, "--now", "1700000000", "--json"]);
        let body = serde_json::json!({ "token": pasted, "key": SECRET, "now": 1_700_000_000 });
        let api = api_post("/api/jwt/decode", body).await;
        assert_eq!(api.0, StatusCode::OK, "{}", api.1);
        assert!(api.1.contains(r#""bearer_prefix_removed":true"#), "{}", api.1);
        assert_same(&output, api);
    }
}

#[tokio::test]
async fn a_bad_leeway_or_now_is_the_apis_error_not_a_usage_error() {
    for (flag, value, json) in [
        ("--leeway", "-5", serde_json::json!(-5)),
        ("--leeway", "1.5", serde_json::json!(1.5)),
        ("--leeway", "99999999", serde_json::json!(99_999_999)),
        ("--now", "12.5", serde_json::json!(12.5)),
    ] {
        let output = run(&["jwt", TOKEN, flag, value, "--json"]);
        let field = &flag[2..];
        let api =
            api_post("/api/jwt/decode", serde_json::json!({ "token": TOKEN, field: json })).await;
        assert_eq!(api.0, StatusCode::BAD_REQUEST, "{}", api.1);
        assert_same(&output, api);
    }
    let output = run(&["jwt", TOKEN, "--leeway", "abc"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: The leeway must be a whole number of seconds from 0 to 31622400; \"abc\" is not.\n"
    );
}

#[tokio::test]
async fn an_empty_token_is_the_apis_error() {
    let api = api_post("/api/jwt/decode", serde_json::json!({ "token": "" })).await;
    assert_eq!(api.0, StatusCode::BAD_REQUEST);
    assert_same(&run(&["jwt", "", "--json"]), api);
    let output = run(&["jwt", ""]);
    assert_eq!(
        (output.status.code(), stderr(&output)),
        (Some(1), "error: The token is empty.\n".into())
    );
}
