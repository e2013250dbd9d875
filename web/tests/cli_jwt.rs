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

/// RFC 7519 §3.1's example token: `{"iss":"joe","exp":1300819380,"http://example.com/is_root":true}`, signed with
/// the HMAC key of RFC 7515 Appendix A.1 (below as the JWK the RFC gives). It expired on 2011-03-22T18:43:00Z.
const RFC_TOKEN: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const RFC_KEY: &str = r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;

#[test]
fn an_expired_token_fails_unless_time_is_ignored() {
    let key = std::env::temp_dir().join(format!("devtools-cli-jwt-rfc-{}.jwk", std::process::id()));
    std::fs::write(&key, RFC_KEY).unwrap();
    let key = key.to_str().unwrap();
    let jwt = |extra: &[&str]| run(&[&["jwt", RFC_TOKEN, "--key", key][..], extra].concat());

    // A second before it expired: genuine and in time.
    let valid = jwt(&["--now", "1300819379"]);
    assert_eq!(valid.status.code(), Some(0), "{}", stderr(&valid));
    assert!(stdout(&valid).contains("Signature: Signature verified"), "{}", stdout(&valid));
    assert_eq!(stderr(&valid), "");

    // Today (and at exp itself, RFC 7519 §4.1.4): expired, so refused as PyJWT refuses it, saying why.
    for expired in [jwt(&[]), jwt(&["--now", "1300819380"]), jwt(&["--json"])] {
        assert_eq!(expired.status.code(), Some(1), "{}", stderr(&expired));
        assert!(stdout(&expired).contains("verified"), "the answer is still printed");
        let why = stderr(&expired);
        assert!(why.starts_with("error: Expired ") && why.contains("--ignore-time"), "{why}");
    }
    // The leeway counts, as for a JOSE library.
    assert_eq!(jwt(&["--now", "1300819380", "--leeway", "1"]).status.code(), Some(0));

    // Told to ignore the times: accepted, the times still shown.
    let ignored = jwt(&["--ignore-time"]);
    assert_eq!(ignored.status.code(), Some(0), "{}", stderr(&ignored));
    assert!(stdout(&ignored).contains("Time: Expired "), "{}", stdout(&ignored));
    assert_eq!(stderr(&ignored), "");

    // --ignore-time is about time only: a wrong key still fails.
    let forged = run(&["jwt", RFC_TOKEN, "--secret", "not-the-key", "--ignore-time"]);
    assert_eq!(forged.status.code(), Some(1));
    assert!(
        stderr(&forged).starts_with("error: The signature does not match"),
        "{}",
        stderr(&forged)
    );
    std::fs::remove_file(key).unwrap();

    // Not valid yet (here: issued after the moment asked about) fails too, without a key as with one.
    let early = run(&["jwt", TOKEN, "--now", "1500000000"]);
    assert_eq!(early.status.code(), Some(1));
    assert!(stderr(&early).contains("--ignore-time"), "{}", stderr(&early));
    assert_eq!(run(&["jwt", TOKEN, "--now", "1500000000", "--ignore-time"]).status.code(), Some(0));
}

#[test]
fn help_names_the_exit_status_and_ignore_time() {
    let help = stdout(&run(&["jwt", "--help"]));
    assert!(help.contains("--ignore-time"), "{help}");
    assert!(help.contains("Exit status: 0 when the token decodes, its times hold"), "{help}");
}

/// RFC 8037 §A.4: a valid JWS whose payload is a sentence, verified with the RFC's public key.
const RFC8037_A4: &str = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
const RFC8037_KEY: &str =
    r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;

#[tokio::test]
async fn a_jws_whose_payload_is_not_json_is_verified_and_said_not_to_be_a_jwt() {
    let dir = std::env::temp_dir().join(format!("devtools-cli-jwt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("rfc8037.jwk");
    std::fs::write(&key, RFC8037_KEY).unwrap();
    let key = key.to_str().unwrap();

    // Verified, but a script asking "may I accept this JWT" gets no: whether it has expired is unknown.
    let output = run(&["jwt", RFC8037_A4, "--key", key, "--now", "1700000000"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}{}", stderr(&output));
    assert!(text.contains("Example of Ed25519 signing"), "{text}");
    assert!(text.contains(devtools_jwt::NOT_A_JWT), "{text}");
    assert!(text.contains("Signature verified"), "{text}");
    let why = stderr(&output);
    assert!(why.starts_with("error: Unknown: ") && why.contains("--ignore-time"), "{why}");
    // As the JWS it is, with the times left out, it verifies.
    let output = run(&["jwt", RFC8037_A4, "--key", key, "--ignore-time"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // A wrong key still fails.
    let forged = run(&["jwt", RFC8037_A4, "--secret", "not-the-key", "--ignore-time"]);
    assert_eq!(forged.status.code(), Some(1), "{}", stderr(&forged));

    let output =
        run(&["jwt", RFC8037_A4, "--key", key, "--now", "1700000000", "--ignore-time", "--json"]);
    let body = serde_json::json!({ "token": RFC8037_A4, "key": RFC8037_KEY, "now": 1_700_000_000 });
    let api = api_post("/api/jwt/decode", body).await;
    assert_eq!(api.0, StatusCode::OK, "{}", api.1);
    assert!(api.1.contains(r#""non_json_payload":{"#), "{}", api.1);
    assert!(api.1.contains(r#""status":"valid""#), "{}", api.1);
    assert_same(&output, api);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_padded_token_is_refused_with_its_parts_decoded_and_marked() {
    let padded = "eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ==.c2ln";
    let output = run(&["jwt", padded, "--json"]);
    let api = api_post("/api/jwt/decode", serde_json::json!({ "token": padded })).await;
    assert_eq!(api.0, StatusCode::BAD_REQUEST, "{}", api.1);
    assert!(api.1.contains(r#""decoded_without_padding":true"#), "{}", api.1);
    assert!(api.1.contains(r#""payload":{"a":1}"#), "{}", api.1);
    assert_same(&output, api);
}

#[test]
fn an_empty_key_is_an_error_never_acceptance() {
    let dir = std::env::temp_dir().join(format!("devtools-cli-jwt-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (empty, newline) = (dir.join("empty"), dir.join("newline"));
    std::fs::write(&empty, "").unwrap();
    std::fs::write(&newline, "\n").unwrap();
    // {"alg":"none"}.{"sub":"admin"}. : unsigned.
    let unsigned = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.";
    for token in [TOKEN, unsigned] {
        for key in [
            vec!["--secret", ""],
            vec!["--secret", " "],
            vec!["--key", empty.to_str().unwrap()],
            vec!["--key", newline.to_str().unwrap()],
        ] {
            let output = run(&[&["jwt", token, "--ignore-time"][..], &key].concat());
            assert_eq!(output.status.code(), Some(1), "{key:?}: {}", stdout(&output));
            let why = stderr(&output);
            assert!(why.starts_with("error: ") && why.contains("is empty"), "{key:?}: {why}");
            let json = run(&[&["jwt", token, "--json"][..], &key].concat());
            assert_eq!(json.status.code(), Some(1), "{key:?}");
            assert!(stdout(&json).contains(r#""error":"bad_key""#), "{}", stdout(&json));
        }
    }
    let help = stdout(&run(&["jwt", "--help"]));
    assert!(help.contains("1 for an empty --secret or --key file"), "{help}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// RFC 7519 §4.1.3: an `aud` nobody checked is said to be unchecked (exit 0, as JOSE libraries without an
/// audience option accept it), and an `aud` array holding a non-string is an invalid claim.
#[test]
fn an_unchecked_audience_is_noted_and_an_invalid_one_fails() {
    let signed = |claims: serde_json::Value| {
        let header = serde_json::json!({"alg": "HS256"});
        let key = SECRET.repeat(2);
        let token = devtools_jwt::sign(
            header.as_object().unwrap(),
            claims.as_object().unwrap(),
            &key,
            devtools_jwt::KeyEncoding::Utf8,
        );
        (token.unwrap(), key)
    };
    let (token, key) = signed(serde_json::json!({"aud": "svc-a"}));
    let output = run(&["jwt", &token, "--secret", &key]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("aud: not checked: Not checked: the token names the audience \"svc-a\""),
        "{text}"
    );
    assert!(text.contains("--aud"), "{text}");
    assert_eq!(run(&["jwt", &token, "--secret", &key, "--aud", "svc-b"]).status.code(), Some(1));

    let (token, key) = signed(serde_json::json!({"aud": [1, "a"]}));
    let output = run(&["jwt", &token, "--secret", &key, "--aud", "a"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(stderr(&output).contains("aud is an invalid claim"), "{}", stderr(&output));
}
