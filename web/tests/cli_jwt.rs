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
