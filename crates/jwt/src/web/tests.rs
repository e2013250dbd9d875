use axum::Router;
use axum::http::{StatusCode, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use devtools_kit::testing::{self, Reply};
use serde_json::{Value, json};

const SECRET: &str = "test-secret-0123456789abcdef0123456789abcdef";

fn app() -> Router {
    devtools_kit::Site::router(vec![super::tool()]).unwrap()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
}

fn joserfc(alg: &str) -> String {
    let tokens: Value = serde_json::from_str(&fixture("joserfc-tokens.json")).unwrap();
    tokens[alg].as_str().unwrap().to_owned()
}

async fn api(path: &str, body: Value) -> (StatusCode, Value) {
    let reply = testing::post_json(&app(), path, &body).await;
    assert_eq!(reply.header(header::CONTENT_TYPE), "application/json", "{}", reply.body);
    assert_eq!(reply.header(header::CACHE_CONTROL), "no-store");
    (reply.status, reply.json())
}

fn form(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

async fn post_form(pairs: &[(&str, &str)]) -> Reply {
    testing::post_form(&app(), "/jwt", &form(pairs)).await
}

fn assert_no_inline_style_or_script(html: &str) {
    assert!(!html.contains("style="), "inline style");
    assert!(!html.contains("<style"), "style element");
    for (i, _) in html.match_indices("<script") {
        let tag_end = html[i..].find('>').unwrap();
        assert!(html[i..i + tag_end].contains("src="), "inline script at {i}");
    }
}

#[tokio::test]
async fn decode_api_answers_the_documented_shape() {
    let (status, body) = api(
        "/api/jwt/decode",
        json!({"token": joserfc("HS256"), "key": SECRET, "now": 1_800_000_000}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["header"], json!({"alg": "HS256", "typ": "JWT"}));
    assert_eq!(body["payload"]["sub"], "1234567890");
    assert_eq!(body["alg"], "HS256");
    assert_eq!(body["signature"], joserfc("HS256").rsplit('.').next().unwrap());
    assert_eq!(body["time_status"], "valid");
    assert_eq!(body["verification"]["status"], "valid");
    assert_eq!(body["verification"]["reason"], Value::Null);
    assert!(body["verification"]["message"].as_str().unwrap().contains("HMAC secret"));
    let claims = body["claims"].as_array().unwrap();
    let exp = claims.iter().find(|claim| claim["name"] == "exp").unwrap();
    assert_eq!(exp["value"], 4_102_444_800_u64);
    assert_eq!(exp["time"], "2100-01-01T00:00:00Z");
    assert_eq!(exp["status"], "valid");
    assert!(exp["description"].as_str().unwrap().contains("Expiration"));
    let name = claims.iter().find(|claim| claim["name"] == "name").unwrap();
    assert!(name.get("time").is_none());
}

#[tokio::test]
async fn decode_api_without_key_is_not_checked_and_times_use_now_and_leeway() {
    let token = joserfc("RS256");
    let (_, body) = api("/api/jwt/decode", json!({"token": token, "now": 4_102_444_800_u64})).await;
    assert_eq!(body["verification"]["status"], "not_checked");
    assert_eq!(body["verification"]["reason"], Value::Null);
    assert_eq!(body["time_status"], "expired");
    let (_, body) =
        api("/api/jwt/decode", json!({"token": token, "now": 4_102_444_800_u64, "leeway": 1}))
            .await;
    assert_eq!(body["time_status"], "valid");
    let (_, body) =
        api("/api/jwt/decode", json!({"token": token, "key": "", "now": 1_600_000_000})).await;
    assert_eq!(body["verification"]["status"], "not_checked");
    assert_eq!(body["time_status"], "not_yet_valid", "iat 1700000000 is in the future");
}

#[tokio::test]
async fn decode_api_reports_every_verification_reason() {
    let hs = joserfc("HS256");
    let cases = [
        (hs.clone(), json!("wrong secret"), "invalid", Some("invalid_signature")),
        (hs.clone(), json!(fixture("test-rsa-public.pem")), "invalid", Some("key_confusion")),
        (hs.clone(), json!(fixture("test-jwk-ec-256.json")), "invalid", Some("key_confusion")),
        (
            joserfc("RS256"),
            json!(fixture("test-ec-p256-public.pem")),
            "invalid",
            Some("key_mismatch"),
        ),
        (
            joserfc("RS256"),
            json!("-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----"),
            "invalid",
            Some("bad_key"),
        ),
        (joserfc("ES512"), json!(fixture("test-jwks.json")), "valid", None),
        (
            format!("{}.e30.", URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#)),
            json!(SECRET),
            "invalid",
            Some("alg_none"),
        ),
        (
            format!("{}.e30.", URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#)),
            Value::Null,
            "invalid",
            Some("alg_none"),
        ),
        (
            format!("{}.e30.c2ln", URL_SAFE_NO_PAD.encode(r#"{"alg":"HS1"}"#)),
            json!(SECRET),
            "unsupported",
            None,
        ),
    ];
    for (token, key, status, reason) in cases {
        let (code, body) = api("/api/jwt/decode", json!({"token": token, "key": key})).await;
        assert_eq!(code, StatusCode::OK, "{body}");
        assert_eq!(body["verification"]["status"], status, "{body}");
        assert_eq!(
            body["verification"]["reason"],
            reason.map_or(Value::Null, Value::from),
            "{body}"
        );
    }
    let (_, body) = api(
        "/api/jwt/decode",
        json!({"token": joserfc("EdDSA"), "key": fixture("test-jwks.json")}),
    )
    .await;
    assert_eq!(body["verification"]["matched_key"]["kid"], "ed-1");
}

#[tokio::test]
async fn expected_issuer_and_audience_are_checked() {
    let token = joserfc("HS256");
    let (_, body) = api("/api/jwt/decode", json!({"token": token})).await;
    assert_eq!(body["claim_checks"], json!([]));
    let (_, body) =
        api("/api/jwt/decode", json!({"token": token, "iss": "https://issuer", "aud": "api"}))
            .await;
    let checks = body["claim_checks"].as_array().unwrap();
    assert_eq!(checks.len(), 2);
    assert!(checks.iter().all(|check| check["ok"] == false), "the token has neither claim: {body}");
    let answer = post_form(&[
        ("intent", "example"),
        ("iss", "https://auth.example.com"),
        ("aud", "api.example.com"),
    ])
    .await;
    assert!(
        answer.body.contains("iss ok") && answer.body.contains("aud ok"),
        "example claims match"
    );
}

#[tokio::test]
async fn base64_secrets_via_the_api() {
    let secret_b64 = base64::engine::general_purpose::STANDARD.encode(SECRET);
    let (_, body) = api(
        "/api/jwt/decode",
        json!({"token": joserfc("HS512"), "key": secret_b64, "key_encoding": "base64"}),
    )
    .await;
    assert_eq!(body["verification"]["status"], "valid");
    let (status, body) = api(
        "/api/jwt/decode",
        json!({"token": joserfc("HS512"), "key": "x", "key_encoding": "hex"}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "every malformed request is a 400 invalid_request");
    assert_eq!(body["error"], "invalid_request");
    assert!(body["expected"].as_str().unwrap().starts_with('{'), "{body}");
}

#[tokio::test]
async fn malformed_tokens_answer_400_with_segment_and_partial() {
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256"}"#);
    let (status, body) =
        api("/api/jwt/decode", json!({"token": format!("{header}.eyJ+.sig")})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "malformed_token");
    assert_eq!(body["segment"], "payload");
    assert_eq!(body["position"], header.len() + 4);
    assert_eq!(body["partial"]["header"]["alg"], "HS256");
    assert!(body["message"].as_str().unwrap().contains("base64url"));

    let (_, body) = api("/api/jwt/decode", json!({"token": "only.two"})).await;
    assert_eq!(body["segment"], Value::Null);
    assert_eq!(body["problem"], "segment_count");

    // A payload that is not JSON is a valid JWS, not a malformed token (issue 14 item 4).
    let payload = URL_SAFE_NO_PAD.encode("not json");
    let (status, body) =
        api("/api/jwt/decode", json!({"token": format!("{header}.{payload}.")})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["non_json_payload"]["text"], "not json");
    assert!(body.get("non_json_payload").is_some());

    // A padded part is refused, and what decodes without the padding is shown, marked (issue 14 item 5).
    let (status, body) =
        api("/api/jwt/decode", json!({"token": format!("{header}.eyJhIjoxfQ==.")})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["segment"], "payload");
    assert_eq!(body["partial"]["payload"], json!({"a": 1}));
    assert_eq!(body["partial"]["decoded_without_padding"], true);

    let (_, body) = api("/api/jwt/decode", json!({"token": format!("{header}.e30.a=")})).await;
    assert_eq!(body["segment"], "signature");

    let jwe =
        format!("{}.a.b.c.d", URL_SAFE_NO_PAD.encode(r#"{"alg":"RSA-OAEP","enc":"A128GCM"}"#));
    let (status, body) = api("/api/jwt/decode", json!({"token": jwe})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["problem"], "encrypted");
    assert_eq!(body["partial"]["header"]["enc"], "A128GCM");

    let huge = "a".repeat(crate::MAX_TOKEN_LEN + 10);
    let (status, body) = api("/api/jwt/decode", json!({"token": huge})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["problem"], "too_long");

    // Whitespace inside a token is an error; around it, with a `Bearer ` or a whole `Authorization` header, the
    // API reads what the page reads.
    let token = joserfc("HS256");
    let (head, tail) = token.split_at(token.len() - 4);
    let (status, body) = api("/api/jwt/decode", json!({"token": format!("{head}\n{tail}")})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["segment"].as_str(), Some("signature"));
    for pasted in [
        format!(" {}\n", joserfc("HS256")),
        format!("Bearer {}", joserfc("HS256")),
        format!("Authorization: Bearer {}", joserfc("HS256")),
    ] {
        let (status, body) = api("/api/jwt/decode", json!({"token": pasted})).await;
        assert_eq!(status, StatusCode::OK, "{pasted:?}: {body}");
        assert_eq!(body["bearer_prefix_removed"], pasted.contains("Bearer"));
    }

    let (status, body) = api("/api/jwt/decode", json!({"nothing": 1})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "every malformed request is a 400 invalid_request");
    assert_eq!(body["error"], "invalid_request");
    assert!(body["expected"].as_str().unwrap().starts_with('{'), "{body}");
}

#[tokio::test]
async fn encode_api_signs_and_refuses_what_it_must() {
    let (status, body) = api(
        "/api/jwt/encode",
        json!({"header": {"alg": "ES384", "kid": "ec-384"}, "payload": {"sub": "x"}, "key": fixture("test-ec-p384-private.pem")}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let token = body["token"].as_str().unwrap();
    let (_, decoded) =
        api("/api/jwt/decode", json!({"token": token, "key": fixture("test-jwks.json")})).await;
    assert_eq!(decoded["verification"]["status"], "valid");
    assert_eq!(decoded["header"]["kid"], "ec-384");

    let (status, body) = api(
        "/api/jwt/encode",
        json!({"header": {"alg": "HS256"}, "payload": {}, "key": fixture("test-rsa-public.pem")}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "key_mismatch");
    let (_, body) =
        api("/api/jwt/encode", json!({"header": {"alg": "none"}, "payload": {}, "key": "k"})).await;
    assert_eq!(body["error"], "invalid_header");
    let (_, body) = api("/api/jwt/encode", json!({"header": {}, "payload": {}, "key": "k"})).await;
    assert_eq!(body["error"], "invalid_header");
    let (status, body) =
        api("/api/jwt/encode", json!({"header": [], "payload": {}, "key": "k"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "every malformed request is a 400 invalid_request");
    assert_eq!(body["error"], "invalid_request");
    assert!(body["expected"].as_str().unwrap().starts_with('{'), "{body}");
}

#[tokio::test]
async fn the_page_explains_the_privacy_promise_and_has_both_panels() {
    let answer = testing::get(&app(), "/jwt").await;
    assert_eq!(answer.status, StatusCode::OK);
    let html = answer.body;
    assert_no_inline_style_or_script(&html);
    // Without JavaScript a submit lands on the result: the action names its anchor.
    assert!(html.contains(r#"<form id="jwt-form" method="post" action="/jwt#jwt-result""#));
    assert!(html.contains("never in a URL"));
    assert!(html.contains(r#"name="sign_header""#) && html.contains("&quot;HS256&quot;"));
    assert_eq!(html.matches("static/jwt.").count(), 2, "the page links jwt.css and jwt.js");
    // The site-wide search in the header is a GET form; the tool's own forms in <main> never are.
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    assert!(!main.contains("method=\"get\""), "tokens must never go in a URL");
}

#[tokio::test]
async fn posting_the_form_decodes_and_verifies_without_javascript() {
    let token = joserfc("HS256");
    let answer = post_form(&[
        ("intent", "decode"),
        ("token", &token),
        ("key", SECRET),
        ("key_encoding", "utf8"),
    ])
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.header(header::CACHE_CONTROL), "no-store");
    let html = answer.body;
    assert_no_inline_style_or_script(&html);
    let [header, payload, signature]: [&str; 3] =
        token.split('.').collect::<Vec<_>>().try_into().unwrap();
    assert!(html.contains(&format!(r#"<span class="jwt-part jwt-part--header">{header}</span>"#)));
    assert!(
        html.contains(&format!(r#"<span class="jwt-part jwt-part--payload">{payload}</span>"#))
    );
    assert!(
        html.contains(&format!(r#"<span class="jwt-part jwt-part--signature">{signature}</span>"#))
    );
    assert!(html.contains("jwt-verdict--valid"), "signature verdict shown");
    assert!(html.contains("2100-01-01T00:00:00Z"), "exp as a UTC time");
    assert!(html.contains("Expiration time"));
    assert!(html.contains(r#"id="jwt-signature-hex""#));
    assert!(html.contains("&quot;Test User&quot;"), "payload pretty-printed");
}

#[tokio::test]
async fn the_page_forgives_what_people_paste() {
    let pasted = format!("Bearer {}\n", joserfc("HS256"));
    let answer = post_form(&[("token", &pasted), ("key", SECRET)]).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.body.contains("“Bearer ” was removed"));
    assert!(answer.body.contains("jwt-verdict--valid"));
}

#[tokio::test]
async fn fragments_and_malformed_tokens_render_inline() {
    let answer = post_form(&[("intent", "decode"), ("token", "abc.def")]).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "a whole page with invalid input is a 400");
    assert!(answer.body.contains("this token has 2 parts"));
    let answer = post_form(&[("intent", "decode"), ("token", "abc.def"), ("fragment", "1")]).await;
    assert_eq!(answer.status, StatusCode::OK, "a fragment carries its error in the HTML");
    assert!(!answer.body.contains("<html"), "a fragment, not a page");
    assert!(answer.body.contains("id=\"jwt-decode-error\""));
    assert!(answer.body.contains("this token has 2 parts"));

    let alg_none = format!("{}.e30.", URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#));
    let answer = post_form(&[("token", &alg_none), ("fragment", "1")]).await;
    assert!(
        answer.body.contains("alg_none") || answer.body.contains("unsigned"),
        "{}",
        answer.body
    );
    assert!(answer.body.contains("jwt-verdict--invalid"));
}

/// jwt.io's default example, signed by the page's sign panel (whose defaults are that header and payload) and by
/// the API: the token jwt.io shows (computed with Python's hmac; see `crate::sign`'s tests), claims in the order
/// typed.
#[tokio::test]
async fn the_page_and_the_api_sign_jwt_ios_example_as_jwt_io_does() {
    const JWT_IO_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.KMUFsIDTnFmyG3nMiGM6H9FNFUROf3wh7SmqJp-QV30";
    let defaults = super::FormInput::defaults();
    let reply = post_form(&[
        ("intent", "sign"),
        ("sign_header", &defaults.sign_header),
        ("sign_payload", &defaults.sign_payload),
        ("sign_key", super::EXAMPLE_SECRET),
        ("fragment", "1"),
    ])
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let signature = JWT_IO_TOKEN.rsplit('.').next().unwrap();
    assert!(reply.body.contains(signature), "{}", reply.body);
    let body = json!({
        "header": {"alg": "HS256", "typ": "JWT"},
        "payload": {"sub": "1234567890", "name": "John Doe", "admin": true, "iat": 1_516_239_022},
        "key": super::EXAMPLE_SECRET,
    });
    // json! sorts members, so send the text as written.
    let text = r#"{"header": {"alg": "HS256", "typ": "JWT"}, "payload": {"sub": "1234567890", "name": "John Doe", "admin": true, "iat": 1516239022}, "key": "a-string-secret-at-least-256-bits-long"}"#;
    assert_eq!(serde_json::from_str::<Value>(text).unwrap(), body);
    let request = axum::http::Request::post("/api/jwt/encode")
        .header("content-type", "application/json")
        .body(axum::body::Body::from(text))
        .unwrap();
    let reply = testing::send(&app(), request).await;
    assert_eq!(reply.json()["token"], JWT_IO_TOKEN, "{}", reply.body);
    // A payload naming a claim twice is refused, on the page as on the API.
    let twice = r#"{"header": {"alg": "HS256"}, "payload": {"a": 1, "a": 2}, "key": "k"}"#;
    let request = axum::http::Request::post("/api/jwt/encode")
        .header("content-type", "application/json")
        .body(axum::body::Body::from(twice))
        .unwrap();
    let reply = testing::send(&app(), request).await;
    assert_eq!(
        (reply.status, reply.json()["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_payload"))
    );
    let page = post_form(&[
        ("intent", "sign"),
        ("sign_header", r#"{"alg":"HS256"}"#),
        ("sign_payload", r#"{"a":1,"a":2}"#),
        ("sign_key", "k"),
    ])
    .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("has the member &quot;a&quot; twice"), "{}", page.main());
}

#[tokio::test]
async fn the_sign_panel_signs_and_can_load_the_result() {
    let header = r#"{"alg":"HS384","typ":"JWT"}"#;
    let payload = r#"{"sub":"42"}"#;
    let fields = [("sign_header", header), ("sign_payload", payload), ("sign_key", "k3y")];
    let mut signed = vec![("intent", "sign"), ("fragment", "1")];
    signed.extend_from_slice(&fields);
    let answer = post_form(&signed).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(answer.body.contains(r#"id="jwt-signed-token""#));

    let mut loaded = vec![("intent", "decode_signed")];
    loaded.extend_from_slice(&fields);
    let answer = post_form(&loaded).await;
    assert!(
        answer.body.contains("jwt-verdict--valid"),
        "signed token verified with the same secret"
    );

    let answer = post_form(&[
        ("intent", "sign"),
        ("sign_header", "{"),
        ("sign_payload", "{}"),
        ("sign_key", "k"),
    ])
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.body.contains("id=\"jwt-sign-error\""));
}

#[tokio::test]
async fn a_decoded_token_can_be_edited_and_re_signed() {
    let answer =
        post_form(&[("intent", "edit"), ("token", &joserfc("HS256")), ("key", SECRET)]).await;
    assert_eq!(answer.status, StatusCode::OK);
    let html = answer.body;
    let sign_payload = &html[html.find(r#"name="sign_payload""#).unwrap()..];
    assert!(sign_payload[..sign_payload.find("</textarea>").unwrap()].contains("Test User"));
    let sign_key = &html[html.find(r#"name="sign_key""#).unwrap()..];
    assert!(
        sign_key[..sign_key.find("</textarea>").unwrap()].contains(SECRET),
        "a secret can sign"
    );
    // A public key cannot sign, so it is not copied.
    let answer = post_form(&[
        ("intent", "edit"),
        ("token", &joserfc("RS256")),
        ("key", &fixture("test-rsa-public.pem")),
    ])
    .await;
    let sign_key = &answer.body[answer.body.find(r#"name="sign_key""#).unwrap()..];
    assert!(!sign_key[..sign_key.find("</textarea>").unwrap()].contains("BEGIN"));
}

#[tokio::test]
async fn the_example_is_a_valid_token() {
    let answer = post_form(&[("intent", "example")]).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.body.contains("jwt-verdict--valid"));
    assert!(answer.body.contains("jwt-time"));
}

#[tokio::test]
async fn bad_leeway_is_named() {
    let answer = post_form(&[("token", &joserfc("HS256")), ("leeway", "-5")]).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.body.contains("id=\"jwt-leeway-error\""));
    let (status, body) =
        api("/api/jwt/decode", json!({"token": joserfc("HS256"), "leeway": 999_999_999})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_leeway");
}

#[tokio::test]
async fn tokens_are_never_accepted_in_the_url() {
    let token = joserfc("HS256");
    let answer = testing::get(&app(), &format!("/jwt?token={token}")).await;
    assert!(!answer.body.contains(&token), "a token in a query string is ignored, never echoed");
    let answer = testing::get(&app(), "/api/jwt/decode").await;
    assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
}

/// Every JSON answer and error shape of the API, pinned whole (times fixed with `now`).
#[tokio::test]
async fn api_answers_are_pinned() {
    let hs = joserfc("HS256");
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256"}"#);
    let cases = [
        (
            "decode_verified",
            "/api/jwt/decode",
            json!({"token": hs, "key": SECRET, "now": 1_800_000_000, "iss": "https://issuer", "aud": "api"}),
        ),
        (
            "decode_not_checked_expired",
            "/api/jwt/decode",
            json!({"token": joserfc("RS256"), "now": 4_102_444_800_u64, "leeway": 0}),
        ),
        (
            "decode_jwks_matched_key",
            "/api/jwt/decode",
            json!({"token": joserfc("EdDSA"), "key": fixture("test-jwks.json"), "now": 1_800_000_000}),
        ),
        (
            "decode_key_confusion",
            "/api/jwt/decode",
            json!({"token": hs, "key": fixture("test-rsa-public.pem"), "now": 1_800_000_000}),
        ),
        (
            "decode_alg_none",
            "/api/jwt/decode",
            json!({"token": format!("{}.e30.", URL_SAFE_NO_PAD.encode(r#"{"alg":"none","crit":["x"]}"#)), "now": 1_800_000_000}),
        ),
        ("malformed_character", "/api/jwt/decode", json!({"token": format!("{header}.eyJ+.sig")})),
        ("malformed_segment_count", "/api/jwt/decode", json!({"token": "only.two"})),
        (
            "decode_text_payload",
            "/api/jwt/decode",
            json!({"token": format!("{header}.{}.", URL_SAFE_NO_PAD.encode("not json")), "now": 1_800_000_000}),
        ),
        (
            "malformed_jwe",
            "/api/jwt/decode",
            json!({"token": format!("{}.a.b.c.d", URL_SAFE_NO_PAD.encode(r#"{"alg":"RSA-OAEP","enc":"A128GCM"}"#))}),
        ),
        ("invalid_leeway", "/api/jwt/decode", json!({"token": hs, "leeway": 999_999_999})),
        (
            "encode_hs256",
            "/api/jwt/encode",
            json!({"header": {"alg": "HS256", "typ": "JWT"}, "payload": {"sub": "42", "iat": 1_700_000_000}, "key": "k3y"}),
        ),
        (
            "encode_key_mismatch",
            "/api/jwt/encode",
            json!({"header": {"alg": "HS256"}, "payload": {}, "key": fixture("test-rsa-public.pem")}),
        ),
        (
            "encode_invalid_header",
            "/api/jwt/encode",
            json!({"header": {"alg": "none"}, "payload": {}, "key": "k"}),
        ),
        (
            "encode_bad_key",
            "/api/jwt/encode",
            json!({"header": {"alg": "RS256"}, "payload": {}, "key": "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----"}),
        ),
    ];
    for (name, path, body) in cases {
        let (status, answer) = api(path, body).await;
        insta::assert_json_snapshot!(name, json!({"status": status.as_u16(), "body": answer}));
    }
}

/// An answer judged at the server's clock: the times that depend on now are redacted.
#[tokio::test]
async fn an_answer_at_the_servers_clock_is_pinned_with_its_times_redacted() {
    let (status, body) = api("/api/jwt/decode", json!({"token": joserfc("ES256")})).await;
    assert_eq!(status, StatusCode::OK);
    insta::assert_json_snapshot!(body, {
        ".now" => "[now]",
        ".now_time" => "[now]",
        ".time_message" => "[relative to now]",
        ".claims[].relative" => "[relative to now]",
    });
}

/// The JWT part of the OpenAPI document: every property described, no bare `object`, times with their format.
#[test]
fn the_api_document_describes_every_property() {
    let doc = serde_json::to_value(super::api_doc().openapi).unwrap();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for (name, schema) in schemas.iter().filter(|(name, _)| name.starts_with("Jwt")) {
        assert!(schema["description"].is_string(), "{name} has no description");
        for (property, value) in schema["properties"].as_object().into_iter().flatten() {
            let described =
                value["description"].is_string() || value["oneOf"][0]["description"].is_string();
            assert!(described, "{name}.{property} has no description: {value}");
            let bare = value["type"] == "object"
                && value.get("properties").is_none()
                && value.get("additionalProperties").is_none();
            assert!(!bare, "{name}.{property} is a bare object: {value}");
        }
    }
    for (name, property) in [("JwtClaim", "time"), ("JwtAnalysis", "now_time")] {
        assert_eq!(
            schemas[name]["properties"][property]["format"], "date-time",
            "{name}.{property}"
        );
    }
    let jwt: serde_json::Map<String, Value> = schemas
        .iter()
        .filter(|(name, _)| name.starts_with("Jwt") || *name == "KeyEncoding")
        .map(|(name, schema)| (name.clone(), schema.clone()))
        .collect();
    insta::assert_json_snapshot!("openapi_schemas", jwt);
}

/// Each API example names the same input on the page, which answers the same: 200, or 400 with the same message.
#[tokio::test]
async fn every_api_example_gives_the_same_answer_on_the_page() {
    let examples = super::api_doc().examples;
    assert_eq!(examples.len(), 6);
    for example in examples {
        let Some(devtools_kit::PageRequest::Post { path, form }) = &example.page else {
            panic!("{} has no page request", example.name)
        };
        let reply = testing::post_form(&app(), path, form).await;
        let expected = if example.status == 200 { StatusCode::OK } else { StatusCode::BAD_REQUEST };
        assert_eq!(reply.status, expected, "{}: {}", example.name, reply.body);
        let shown = match example.response.get("message") {
            Some(message) => message.as_str().unwrap().to_owned(),
            None if example.path.ends_with("/encode") => {
                example.response["token"].as_str().unwrap().rsplit('.').next().unwrap().to_owned()
            }
            None => example.response["verification"]["message"].as_str().unwrap().to_owned(),
        };
        let shown = devtools_kit::escape_html(&shown).into_owned();
        assert!(reply.body.contains(&shown), "{}: the page does not show {shown:?}", example.name);
        if let Some(note) = example.response.get("non_json_payload") {
            let said = devtools_kit::escape_html(note["message"].as_str().unwrap()).into_owned();
            assert!(reply.body.contains(&said), "{}: the page does not say {said:?}", example.name);
            assert!(reply.body.contains("Example of Ed25519 signing"), "{}", example.name);
        }
        if example.response["partial"]["decoded_without_padding"] == true {
            assert!(reply.body.contains("jwt-decoded-without-padding"), "{}", example.name);
        }
    }
}

/// The page's main element, whole: a verified decode with the times fixed by `now`, a malformed token, the
/// empty page.
#[tokio::test]
async fn pages_are_pinned() {
    let token = joserfc("HS256");
    let decode = [
        ("intent", "decode"),
        ("token", token.as_str()),
        ("key", SECRET),
        ("now", "1800000000"),
        ("iss", "https://issuer"),
    ];
    let reply = post_form(&decode).await;
    assert_eq!(reply.status, StatusCode::OK);
    insta::assert_snapshot!("page_decoded", reply.main());

    let reply =
        post_form(&[("intent", "decode"), ("token", "eyJhbGciOiJIUzI1NiJ9.eyJ+.sig")]).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    insta::assert_snapshot!("page_malformed", reply.main());

    let reply = testing::get(&app(), "/jwt").await;
    insta::assert_snapshot!("page_empty", reply.main());

    let fragment = [
        ("intent", "sign"),
        ("fragment", "1"),
        ("sign_header", r#"{"alg":"HS256"}"#),
        ("sign_payload", r#"{"sub":"42"}"#),
        ("sign_key", "k3y"),
    ];
    let reply = post_form(&fragment).await;
    assert_eq!(reply.status, StatusCode::OK);
    insta::assert_snapshot!("fragment_signed", reply.body);
}

/// The page takes what the API takes: an unknown key encoding is a malformed request, a leeway over the limit is the
/// API's `invalid_leeway` message, a `now` that is not a number is named.
#[tokio::test]
async fn an_empty_token_is_the_apis_error_when_a_decode_is_asked_for() {
    let (status, api) = api("/api/jwt/decode", json!({"token": " \n"})).await;
    assert_eq!((status, api["error"].as_str()), (StatusCode::BAD_REQUEST, Some("malformed_token")));
    assert_eq!(api["message"], "The token is empty.");
    for pairs in [
        &[("intent", "decode"), ("token", "")][..],
        &[("token", "  \r\n")],
        &[("intent", "edit"), ("token", "")],
        &[("intent", "decode"), ("token", "Bearer ")],
    ] {
        let reply = post_form(pairs).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{pairs:?}");
        assert!(
            reply.main().contains(
                r#"id="jwt-decode-error" class="field-error" role="alert">The token is empty.</p>"#
            ),
            "{}",
            reply.main()
        );
        assert!(reply.main().contains("load an example"), "the blank panel's hint stays");
    }
    let reply = post_form(&[("intent", "decode"), ("token", ""), ("fragment", "1")]).await;
    assert_eq!(reply.status, StatusCode::OK, "a fragment carries its error");
    assert!(reply.body.contains("The token is empty."));
    // Signing leaves an empty decode panel blank; so does the page itself.
    let reply = post_form(&[
        ("intent", "sign"),
        ("token", ""),
        ("sign_header", r#"{"alg":"HS256"}"#),
        ("sign_payload", "{}"),
        ("sign_key", SECRET),
    ])
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.main());
    assert!(!reply.body.contains("The token is empty."));
    let reply = testing::get(&app(), "/jwt").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(!reply.body.contains("The token is empty."));
}

#[tokio::test]
async fn the_page_validates_like_the_api() {
    let token = joserfc("HS256");
    let reply = post_form(&[("token", &token), ("key_encoding", "hex")]).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let reply = post_form(&[("token", &token), ("leeway", "999999999")]).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.body.contains("A leeway of 999999999 s is more than a year"), "{}", reply.main());
    let reply = post_form(&[("token", &token), ("now", "soon"), ("fragment", "1")]).await;
    assert_eq!(reply.status, StatusCode::OK, "a fragment carries its error");
    assert!(reply.body.contains(r#"id="jwt-now-error""#), "{}", reply.body);
}

#[tokio::test]
async fn the_signer_refuses_what_its_decoder_would_refuse() {
    let (status, body) = api(
        "/api/jwt/encode",
        json!({"header": {"alg": "HS256"}, "payload": {"exp": "soon"}, "key": "x"}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(
        (body["error"].as_str(), body["field"].as_str()),
        (Some("invalid_payload"), Some("payload"))
    );
    let message = body["message"].as_str().unwrap();
    assert!(message.starts_with(r#"The claim "exp" must be a NumericDate"#), "{message}");
    assert!(
        message.contains("seconds since 1970-01-01T00:00:00Z") && message.contains(r#""soon""#),
        "{message}"
    );
    for (payload, name) in [(json!({"nbf": null}), "nbf"), (json!({"iat": [1]}), "iat")] {
        let (status, body) = api(
            "/api/jwt/encode",
            json!({"header": {"alg": "HS256"}, "payload": payload, "key": "x"}),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body["message"].as_str().unwrap().contains(&format!("{name:?}")), "{body}");
    }
    // A header parameter of the wrong type, which the decoder refuses too.
    let (_, body) = api(
        "/api/jwt/encode",
        json!({"header": {"alg": "HS256", "kid": 5}, "payload": {}, "key": "x"}),
    )
    .await;
    assert_eq!(body["error"], "invalid_header", "{body}");
    assert!(body["message"].as_str().unwrap().contains(r#""kid" must be a string"#), "{body}");

    // The page's sign form gives the same message beside the payload.
    let html = post_form(&[
        ("intent", "sign"),
        ("sign_header", r#"{"alg": "HS256"}"#),
        ("sign_payload", r#"{"exp": "soon"}"#),
        ("sign_key", "x"),
    ])
    .await;
    assert_eq!(html.status, StatusCode::BAD_REQUEST);
    assert!(html.body.contains("must be a NumericDate"), "{}", html.body);
    assert!(!html.body.contains("jwt-signed-token"));
}

/// The OpenAPI says the payload is "signed as given": numbers keep their digits through the API's body, and the
/// decoder shows them as the token has them.
#[tokio::test]
async fn numbers_are_signed_and_shown_as_written() {
    let body = r#"{"header": {"alg": "HS256"}, "payload": {"id": 12345678901234567890123, "exp": 1e9, "z": -0}, "key": "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"}"#;
    // As text: a serde_json::Value body would already have rounded the numbers.
    let request = axum::http::Request::post("/api/jwt/encode")
        .header(header::CONTENT_TYPE, "application/json")
        .body(axum::body::Body::from(body))
        .unwrap();
    let reply = testing::send(&app(), request).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let answer = reply.json();
    let token = answer["token"].as_str().unwrap();
    let decoded = crate::decode(token).unwrap();
    assert_eq!(decoded.payload_json(), r#"{"id":12345678901234567890123,"exp":1e9,"z":-0}"#);
    let (_, shown) = api("/api/jwt/decode", json!({"token": token, "now": 0})).await;
    let analysis = crate::answer::decode(&crate::DecodeRequest {
        token: token.to_owned(),
        ..Default::default()
    })
    .unwrap();
    assert!(analysis.payload_pretty().contains("\"id\": 12345678901234567890123,"));
    assert_eq!(shown["parts"]["payload"], token.split('.').nth(1).unwrap());
}

#[tokio::test]
async fn crit_is_signed_with_a_warning_when_well_formed_and_refused_when_not() {
    let header = json!({"alg": "HS256", "crit": ["exp-ext"], "exp-ext": 1});
    // A secret of the hash's size, so that crit's is the only warning (RFC 7518 §3.2).
    let key = "k".repeat(32);
    let (status, body) =
        api("/api/jwt/encode", json!({"header": header, "payload": {}, "key": key})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let warnings = body["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].as_str().unwrap().contains("MUST reject"), "{body}");
    let (_, decoded) = api("/api/jwt/decode", json!({"token": body["token"], "key": key})).await;
    assert_eq!(decoded["verification"]["status"], "unsupported", "as the warning says");
    let (_, plain) =
        api("/api/jwt/encode", json!({"header": {"alg": "HS256"}, "payload": {}, "key": key}))
            .await;
    assert_eq!(plain["warnings"], json!([]));
    for (header, says) in [
        (json!({"alg": "HS256", "crit": []}), "empty list"),
        (json!({"alg": "HS256", "crit": ["kid"], "kid": "a"}), "parameter RFC 7515 defines"),
        (json!({"alg": "HS256", "crit": ["x"]}), "has no \"x\" parameter"),
        (json!({"alg": "HS256", "crit": ["x", "x"], "x": 1}), "twice"),
        (json!({"alg": "HS256", "crit": "x"}), "array of strings"),
        (json!({"alg": "HS256", "crit": ["b64"], "b64": false}), "RFC 7797"),
    ] {
        let (status, body) =
            api("/api/jwt/encode", json!({"header": header, "payload": {}, "key": "x"})).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::BAD_REQUEST, Some("invalid_header")),
            "{header}"
        );
        assert!(body["message"].as_str().unwrap().contains(says), "{header}: {body}");
    }
    let html = post_form(&[
        ("intent", "sign"),
        ("sign_header", r#"{"alg": "HS256", "crit": ["exp-ext"], "exp-ext": 1}"#),
        ("sign_payload", "{}"),
        ("sign_key", "x"),
    ])
    .await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains(r#"id="jwt-sign-warnings""#) && html.body.contains("MUST reject"));
}

/// Payloads that are not a JSON object this decoder reads: a JWS, but no verdict on times, and the reason named.
#[tokio::test]
async fn a_payload_that_does_not_parse_is_not_said_to_never_expire() {
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256"}"#);
    let signed = |payload: &[u8]| {
        let input = format!("{header}.{}", URL_SAFE_NO_PAD.encode(payload));
        let signature = devtools_jwt_test_sign(&input);
        format!("{input}.{signature}")
    };
    let cases: [(&[u8], &str, &str); 5] = [
        (
            br#"{"exp":1e999}"#,
            "number_out_of_range",
            "the number 1e999 at line 1, column 8 (byte 7",
        ),
        (b"{\"a\":\"\xff\"}", "not_utf8", "invalid byte at decoded offset 6"),
        (b"\xef\xbb\xbf{\"exp\":1}", "byte_order_mark", "begins with a byte-order mark"),
        (br#"{"a":"\ud800"}"#, "unpaired_surrogate", "the escape \\ud800 at line 1, column 7"),
        (b"{\"a\": 1,}", "not_json", "trailing comma (line 1, column 8"),
    ];
    for (payload, problem, says) in cases {
        let (status, body) = api(
            "/api/jwt/decode",
            json!({"token": signed(payload), "key": SECRET, "now": 1_800_000_000}),
        )
        .await;
        let what = String::from_utf8_lossy(payload);
        assert_eq!(status, StatusCode::OK, "{what}: {body}");
        assert_eq!(body["verification"]["status"], "valid", "{what}");
        assert_eq!(body["time_status"], "claims_unreadable", "{what}");
        let time = body["time_message"].as_str().unwrap();
        assert!(!time.contains("never expires by itself"), "{what}: {time}");
        let note = &body["non_json_payload"];
        assert_eq!(note["problem"], problem, "{what}");
        let message = note["message"].as_str().unwrap();
        assert!(message.contains(says), "{what}: {message}");
        if matches!(problem, "number_out_of_range" | "unpaired_surrogate" | "byte_order_mark") {
            assert!(
                !message.contains("not JSON"),
                "{what}: valid JSON is not called not JSON: {message}"
            );
        }
    }
    // In the header, the same problems are malformed_token errors that say what is wrong.
    let token = format!("{}.e30.c2ln", URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","x":1e999}"#));
    let (status, body) = api("/api/jwt/decode", json!({"token": token})).await;
    assert_eq!(
        (status, body["problem"].as_str()),
        (StatusCode::BAD_REQUEST, Some("number_out_of_range"))
    );
    assert!(!body["message"].as_str().unwrap().contains("not JSON"), "{body}");
}

fn devtools_jwt_test_sign(input: &str) -> String {
    let key = jsonwebtoken::EncodingKey::from_secret(SECRET.as_bytes()).unwrap();
    jsonwebtoken::crypto::sign(input.as_bytes(), &key, jsonwebtoken::Algorithm::HS256).unwrap()
}

/// The sign form's JSON errors name the field, the place the problem is and the problem, in plain words.
#[tokio::test]
async fn the_sign_form_says_what_is_wrong_with_its_json_and_where() {
    let cases = [
        (
            "",
            "{}",
            r#"The header is empty: write a JSON object naming the algorithm, such as {"alg": "HS256", "typ": "JWT"}."#,
        ),
        (
            "{\"alg\": \"HS256\"}",
            "{\n  \"a\": 1,\n  \"b\": tru\n}",
            "The payload is not valid JSON: `tru` is not a value: expected `true`, `false` or `null` (line 3, column 8).",
        ),
        (
            "{\n  \"alg\": \"HS256\"\n",
            "{}",
            "The header is not valid JSON: it ends before an object is closed: a `}` is missing (line 2, column 17).",
        ),
        (
            "{\"alg\": \"HS256\"}",
            "{\"exp\": 1e999}",
            "The payload cannot be read: the number 1e999 is valid JSON",
        ),
        ("{\"alg\": \"HS256\"}", "[1]", "The payload must be a JSON object, not an array."),
    ];
    for (header, payload, says) in cases {
        let answer = post_form(&[
            ("intent", "sign"),
            ("sign_header", header),
            ("sign_payload", payload),
            ("sign_key", "k"),
        ])
        .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{header} {payload}");
        let html = answer.body;
        let error = &html[html.find(r#"id="jwt-sign-error""#).unwrap()..];
        let error = &error[..error.find("</p>").unwrap()];
        assert!(error.contains(&*devtools_kit::escape_html(says)), "{header} {payload}: {error}");
        assert!(!error.contains("EOF while") && !error.contains("expected ident"), "{error}");
    }
}

#[tokio::test]
async fn the_time_message_says_what_the_leeway_forgave_and_huge_spans_read_sensibly() {
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256"}"#);
    let token = |payload: &str| format!("{header}.{}.c2ln", URL_SAFE_NO_PAD.encode(payload));
    let (_, body) = api(
        "/api/jwt/decode",
        json!({"token": token(r#"{"exp":1799999995}"#), "now": 1_800_000_000, "leeway": 10}),
    )
    .await;
    assert_eq!(body["time_status"], "valid");
    assert_eq!(
        body["time_message"],
        "Valid now only through the leeway: expired 5 seconds ago, within the 10 s leeway."
    );
    let (_, body) =
        api("/api/jwt/decode", json!({"token": token(r#"{"exp":1e30}"#), "now": 1_800_000_000}))
            .await;
    assert_eq!(body["time_message"], "Valid now; expires in more than 10,000 years.");
    assert_eq!(body["claims"][0]["relative"], "in more than 10,000 years");
}
