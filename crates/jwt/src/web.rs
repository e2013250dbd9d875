//! The `/jwt` page and the JSON API `POST /api/jwt/decode` and `POST /api/jwt/encode`.
//!
//! Tokens and keys travel only in POST bodies: never in a URL (so never in a log line, a Referer or the
//! history), never stored, and answered with `Cache-Control: no-store`. The page works as a plain form POST;
//! its script posts the same form with `fragment=1` and swaps in the server-rendered result as you type.

mod view;

pub use view::{Analysis, Parts, pretty_text};

use crate::{Clock, KeyEncoding, Malformed, SignError, sign};
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRef, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use devtools_kit::{
    ApiDoc, ApiError, ApiExample, Asset, Page, Site, SiteState, Tool, ToolMeta, WebError,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use view::{MalformedView, Request, analyse, key_kind};

/// The JWT tool.
pub const META: ToolMeta = ToolMeta {
    slug: "jwt",
    name: "JWT Decoder",
    summary: "Decode and inspect JWT tokens. View header, payload, and signature details; verify with a secret, PEM, JWK or JWKS, and sign new tokens.",
    label: "jwt",
    related: &["http-status", "regex", "cron", "color"],
    keywords: &[
        "jwt",
        "json web token",
        "bearer",
        "jws",
        "jwe",
        "jwk",
        "jwks",
        "oauth",
        "openid connect",
        "id token",
        "access token",
        "decode",
        "verify",
        "sign",
        "hs256",
        "rs256",
        "es256",
        "eddsa",
        "claims",
        "exp",
    ],
};

/// Templates, each extending `core/base.html` or included by one that does.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("jwt/index.html", include_str!("../templates/jwt/index.html")),
    ("jwt/result.html", include_str!("../templates/jwt/result.html")),
    ("jwt/signed.html", include_str!("../templates/jwt/signed.html")),
];

/// The page's script and stylesheet.
pub const ASSETS: &[Asset] = &[
    Asset::js("jwt.js", include_bytes!("../static/jwt.js")),
    Asset::css("jwt.css", include_bytes!("../static/jwt.css")),
];

/// Largest leeway accepted, in seconds (one year): beyond that a time check means nothing.
const MAX_LEEWAY: u64 = 366 * 24 * 3600;

/// The secret of the example token: the page shows it, so it protects nothing.
const EXAMPLE_SECRET: &str = "a-string-secret-at-least-256-bits-long";

/// The tool for the host's list.
pub fn tool<S>() -> Tool<S>
where
    S: Clone + Send + Sync + 'static,
    SiteState: FromRef<S>,
{
    Tool {
        meta: META,
        templates: TEMPLATES,
        assets: ASSETS,
        router: routes(),
        search: Vec::new(),
        api: Some(api_doc()),
        jobs: &[],
    }
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(decode_api, encode_api))]
struct Api;

/// The JSON API described, with examples answered by [`decode_answer`] and [`encode_answer`]. The decode
/// example fixes `now`, so its time checks never change.
pub fn api_doc() -> ApiDoc {
    use utoipa::OpenApi as _;
    let object = |value: Value| match value {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    let encode = EncodeRequest {
        header: object(json!({"alg": "HS256", "typ": "JWT"})),
        payload: object(json!({
            "sub": "1234567890",
            "name": "John Doe",
            "iss": "https://auth.example.com",
            "iat": 1_767_225_600,
            "exp": 1_767_229_200,
        })),
        key: EXAMPLE_SECRET.to_owned(),
        key_encoding: None,
    };
    let encoded = encode_answer(&encode);
    let decode = DecodeRequest {
        token: encoded.as_ref().map(|answer| answer.token.clone()).unwrap_or_default(),
        key: Some(EXAMPLE_SECRET.to_owned()),
        now: Some(1_767_227_400),
        iss: Some("https://auth.example.com".to_owned()),
        ..DecodeRequest::default()
    };
    let malformed =
        DecodeRequest { token: "eyJhbGciOiJIUzI1NiJ9.e30".to_owned(), ..DecodeRequest::default() };
    let body = |request: &DecodeRequest| {
        let mut body = json!({ "token": request.token });
        for (key, value) in
            [("key", json!(request.key)), ("now", json!(request.now)), ("iss", json!(request.iss))]
        {
            if !value.is_null() {
                body[key] = value;
            }
        }
        body
    };
    ApiDoc {
        openapi: Api::openapi(),
        examples: vec![
            ApiExample::post(
                "/api/jwt/decode",
                "verified",
                "Decode and verify an HS256 token",
                body(&decode),
            )
            .answer(decode_answer(&decode)),
            ApiExample::post(
                "/api/jwt/decode",
                "malformed_token",
                "A token with two parts",
                body(&malformed),
            )
            .answer(decode_answer(&malformed)),
            ApiExample::post("/api/jwt/encode", "hs256", "Sign claims with a secret", &encode)
                .answer(encoded),
        ],
    }
}

/// Routes: the page at `/jwt` (GET, and POST for results) and the JSON API under `/api/jwt`.
pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    SiteState: FromRef<S>,
{
    Router::new()
        .route("/jwt", get(page_get).post(page_post))
        .route("/api/jwt/decode", post(decode_api))
        .route("/api/jwt/encode", post(encode_api))
}

/// The body of `POST /api/jwt/decode`.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[schema(as = JwtDecodeRequest)]
#[serde(deny_unknown_fields)]
pub struct DecodeRequest {
    /// The token, as pasted.
    pub token: String,
    /// A secret, PEM, JWK or JWKS to verify the signature with.
    #[serde(default)]
    pub key: Option<String>,
    /// How a secret `key` is written; UTF-8 when absent.
    #[serde(default)]
    pub key_encoding: Option<KeyEncoding>,
    /// The time to check `exp` and `nbf` against, in Unix seconds; now when absent.
    #[serde(default)]
    pub now: Option<i64>,
    /// Seconds of clock skew to allow; none when absent.
    #[serde(default)]
    pub leeway: Option<u64>,
    /// The issuer `iss` must name.
    #[serde(default)]
    pub iss: Option<String>,
    /// The audience `aud` must include.
    #[serde(default)]
    pub aud: Option<String>,
}

/// The body of `POST /api/jwt/encode`.
#[derive(Debug, Deserialize, Serialize, utoipa::ToSchema)]
#[schema(as = JwtEncodeRequest)]
#[serde(deny_unknown_fields)]
pub struct EncodeRequest {
    /// The JOSE header; `alg` names the algorithm.
    #[schema(value_type = Object)]
    pub header: Map<String, Value>,
    /// The claims.
    #[schema(value_type = Object)]
    pub payload: Map<String, Value>,
    /// A secret, or a private key as PEM or JWK.
    pub key: String,
    /// How a secret `key` is written; UTF-8 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_encoding: Option<KeyEncoding>,
}

/// The answer of `POST /api/jwt/encode`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = JwtEncodeResponse)]
pub struct EncodeResponse {
    /// The signed compact token.
    pub token: String,
}

fn invalid_request(rejection: &JsonRejection, expected: &'static str) -> WebError {
    WebError::new(rejection.status(), "invalid_request", rejection.body_text())
        .with("expected", expected)
}

fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A malformed token as a JSON error, with everything that did decode.
fn malformed_error(malformed: &Malformed) -> WebError {
    let error = &malformed.error;
    let mut web = WebError::bad_request("malformed_token", error.to_string())
        .with("segment", error.segment().map(|segment| segment.name()))
        .with("problem", error.kind())
        .with("partial", serde_json::to_value(&malformed.partial).unwrap_or(Value::Null));
    if let Some(position) = error.position() {
        web = web.with("position", position);
    }
    web
}

fn clock(now: Option<i64>, leeway: Option<u64>) -> Result<Clock, WebError> {
    let leeway = leeway.unwrap_or(0);
    if leeway > MAX_LEEWAY {
        return Err(WebError::bad_request(
            "invalid_leeway",
            format!("A leeway of {leeway} s is more than a year; the limit is {MAX_LEEWAY} s."),
        )
        .with("field", "leeway"));
    }
    let now = now.unwrap_or_else(|| Clock::system().now);
    Ok(Clock::at(now).with_leeway(leeway))
}

/// Decodes a token: header and claims explained, times checked, the signature verified when a key is given, and
/// `iss`/`aud` checked against expected values. Tokens travel only in the body, and answers are `no-store`.
#[utoipa::path(
    post,
    path = "/api/jwt/decode",
    tag = "jwt",
    request_body = DecodeRequest,
    responses(
        (status = 200, description = "The token analysed.", body = Analysis),
        (status = 400, description = "`malformed_token` (with `segment`, `problem`, `partial`, `position`), `invalid_leeway` or `invalid_request`.", body = ApiError),
        (status = 415, description = "`invalid_request`: the body is not sent as `application/json`.", body = ApiError),
        (status = 422, description = "`invalid_request`: a field is missing or of the wrong type.", body = ApiError),
    )
)]
async fn decode_api(
    State(site): State<SiteState>,
    body: Result<Json<DecodeRequest>, JsonRejection>,
) -> Response {
    let result = match body {
        Ok(Json(body)) => site.work().answer(move |_| decode_answer(&body)).await,
        Err(rejection) => Err(invalid_request(
            &rejection,
            r#"{"token": string, "key"?: string, "key_encoding"?: "utf8" | "base64", "now"?: unix seconds, "leeway"?: seconds, "iss"?: string, "aud"?: string}"#,
        )),
    };
    no_store(match result {
        Ok(analysis) => Json(analysis).into_response(),
        Err(error) => error.into_response(),
    })
}

/// The answer of `POST /api/jwt/decode` for a request, or its 400 error. The command line's `--json` prints the
/// same.
pub fn decode_answer(body: &DecodeRequest) -> Result<Analysis, WebError> {
    let request = Request {
        token: &body.token,
        key: body.key.as_deref(),
        key_encoding: body.key_encoding.unwrap_or_default(),
        clock: clock(body.now, body.leeway)?,
        pasted: false,
        issuer: body.iss.as_deref(),
        audience: body.aud.as_deref(),
    };
    analyse(request).map_err(|malformed| malformed_error(&malformed))
}

fn sign_error(error: &SignError) -> WebError {
    let kind = match error {
        SignError::Header(_) => "invalid_header",
        SignError::Key(_) => "bad_key",
        SignError::KeyMismatch(_) => "key_mismatch",
        _ => "sign_failed",
    };
    let web = WebError::bad_request(kind, error.to_string());
    match error {
        SignError::Header(_) => web.with("field", "header"),
        _ => web.with("field", "key"),
    }
}

/// Signs a header and claims into a compact token with a secret or a private key.
#[utoipa::path(
    post,
    path = "/api/jwt/encode",
    tag = "jwt",
    request_body = EncodeRequest,
    responses(
        (status = 200, description = "The signed token.", body = EncodeResponse),
        (status = 400, description = "`invalid_header`, `bad_key`, `key_mismatch`, `sign_failed` (with `field`) or `invalid_request`.", body = ApiError),
        (status = 415, description = "`invalid_request`: the body is not sent as `application/json`.", body = ApiError),
        (status = 422, description = "`invalid_request`: a field is missing or of the wrong type.", body = ApiError),
    )
)]
async fn encode_api(
    State(site): State<SiteState>,
    body: Result<Json<EncodeRequest>, JsonRejection>,
) -> Response {
    let result = match body {
        Ok(Json(body)) => site.work().answer(move |_| encode_answer(&body)).await,
        Err(rejection) => Err(invalid_request(
            &rejection,
            r#"{"header": object with "alg", "payload": object, "key": string, "key_encoding"?: "utf8" | "base64"}"#,
        )),
    };
    no_store(match result {
        Ok(answer) => Json(answer).into_response(),
        Err(error) => error.into_response(),
    })
}

/// The answer of `POST /api/jwt/encode` for a request, or its 400 error.
pub fn encode_answer(body: &EncodeRequest) -> Result<EncodeResponse, WebError> {
    sign(&body.header, &body.payload, &body.key, body.key_encoding.unwrap_or_default())
        .map(|token| EncodeResponse { token })
        .map_err(|error| sign_error(&error))
}

/// The page form: one form holds the decode and the sign panels, so each submit keeps the other's state.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub(crate) struct FormInput {
    intent: String,
    token: String,
    key: String,
    key_encoding: String,
    leeway: String,
    iss: String,
    aud: String,
    sign_header: String,
    sign_payload: String,
    sign_key: String,
    sign_key_encoding: String,
    fragment: String,
}

impl FormInput {
    fn normalized(mut self) -> Self {
        // Browsers submit textarea line breaks as CRLF; a PEM or JSON key does not care, a secret typed with
        // Enter means "\n".
        for field in [
            &mut self.token,
            &mut self.key,
            &mut self.sign_header,
            &mut self.sign_payload,
            &mut self.sign_key,
        ] {
            if field.contains('\r') {
                *field = field.replace("\r\n", "\n");
            }
        }
        self
    }

    fn defaults() -> Self {
        FormInput {
            sign_header: "{\n  \"alg\": \"HS256\",\n  \"typ\": \"JWT\"\n}".to_owned(),
            sign_payload: "{\n  \"sub\": \"1234567890\",\n  \"name\": \"John Doe\",\n  \"admin\": true,\n  \"iat\": 1516239022\n}".to_owned(),
            ..FormInput::default()
        }
    }

    fn encoding(value: &str) -> KeyEncoding {
        if value == "base64" { KeyEncoding::Base64 } else { KeyEncoding::Utf8 }
    }
}

/// The outcome of the sign panel.
#[derive(Debug, Default, Serialize)]
struct Signed {
    token: Option<String>,
    parts: Vec<String>,
    error: Option<String>,
    field: Option<&'static str>,
}

fn sign_form(input: &FormInput) -> Signed {
    let object =
        |field: &'static str, name: &str, text: &str| -> Result<Map<String, Value>, Signed> {
            match serde_json::from_str::<Value>(text) {
                Ok(Value::Object(map)) => Ok(map),
                Ok(other) => Err(Signed {
                    error: Some(format!(
                        "The {name} must be a JSON object, not {}.",
                        crate::decode::json_type(&other)
                    )),
                    field: Some(field),
                    ..Signed::default()
                }),
                Err(error) => Err(Signed {
                    error: Some(format!("The {name} is not valid JSON: {error}.")),
                    field: Some(field),
                    ..Signed::default()
                }),
            }
        };
    let header = match object("sign_header", "header", &input.sign_header) {
        Ok(header) => header,
        Err(signed) => return signed,
    };
    let payload = match object("sign_payload", "payload", &input.sign_payload) {
        Ok(payload) => payload,
        Err(signed) => return signed,
    };
    match sign(&header, &payload, &input.sign_key, FormInput::encoding(&input.sign_key_encoding)) {
        Ok(token) => Signed {
            parts: token.split('.').map(str::to_owned).collect(),
            token: Some(token),
            ..Signed::default()
        },
        Err(error) => Signed {
            error: Some(error.to_string()),
            field: Some(if matches!(error, SignError::Header(_)) {
                "sign_header"
            } else {
                "sign_key"
            }),
            ..Signed::default()
        },
    }
}

/// The decode panel's result, for the template.
#[derive(Debug, Default, Serialize)]
struct Decoded {
    analysis: Option<Analysis>,
    header_json: Option<String>,
    payload_json: Option<String>,
    malformed: Option<MalformedView>,
    leeway_error: Option<String>,
    key_kind: Option<&'static str>,
}

fn decode_form(input: &FormInput) -> Decoded {
    if input.token.trim().is_empty() {
        return Decoded::default();
    }
    let leeway = input.leeway.trim();
    let leeway = if leeway.is_empty() {
        Ok(0)
    } else {
        leeway.parse::<u64>().ok().filter(|leeway| *leeway <= MAX_LEEWAY).ok_or_else(|| {
            format!("The leeway must be a whole number of seconds from 0 to {MAX_LEEWAY}; {leeway:?} is not.")
        })
    };
    let (leeway, leeway_error) = match leeway {
        Ok(leeway) => (leeway, None),
        Err(message) => (0, Some(message)),
    };
    let encoding = FormInput::encoding(&input.key_encoding);
    let request = Request {
        token: &input.token,
        key: Some(&input.key),
        key_encoding: encoding,
        clock: Clock::system().with_leeway(leeway),
        pasted: true,
        issuer: Some(&input.iss),
        audience: Some(&input.aud),
    };
    let key_kind = if input.key.trim().is_empty() { None } else { key_kind(&input.key, encoding) };
    match analyse(request) {
        Ok(analysis) => Decoded {
            header_json: Some(pretty_text(&analysis.header_text)),
            payload_json: Some(pretty_text(&analysis.payload_text)),
            analysis: Some(analysis),
            malformed: None,
            leeway_error,
            key_kind,
        },
        Err(malformed) => Decoded {
            malformed: Some(MalformedView::new(&malformed)),
            leeway_error,
            key_kind,
            ..Decoded::default()
        },
    }
}

/// What the templates see.
#[derive(Debug, Serialize)]
struct PageContext<'a> {
    form: &'a FormInput,
    result: &'a Decoded,
    signed: &'a Signed,
    algorithms: Vec<Value>,
}

impl<'a> PageContext<'a> {
    fn new(form: &'a FormInput, result: &'a Decoded, signed: &'a Signed) -> Self {
        let algorithms = crate::ALGORITHMS
            .iter()
            .map(|alg| json!({"name": alg.name(), "family": alg.family_name(), "description": alg.description()}))
            .collect();
        PageContext { form, result, signed, algorithms }
    }
}

fn page() -> Page {
    Page::new("JWT decoder, verifier and signer")
        .description(
            "Decode a JSON Web Token, see its header, claims and times explained, verify it with a secret, PEM key, JWK or JWKS, and sign new tokens. Tokens never leave this server.",
        )
        .here("jwt")
        .tool(META.slug)
        .unshareable()
}

fn render(
    site: &Site,
    input: &FormInput,
    decoded: &Decoded,
    signed: &Signed,
    template: &str,
) -> Response {
    let ctx = PageContext::new(input, decoded, signed);
    let page = if template == "jwt/index.html" { page() } else { page().noindex() };
    let invalid =
        decoded.malformed.is_some() || decoded.leeway_error.is_some() || signed.error.is_some();
    // A fragment is swapped into the page by the script, error message included; browsers log a 4xx fetch as a
    // failed resource load, so only whole pages carry the 400.
    let status =
        if invalid && input.fragment != "1" { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    match site.render(template, &page, ctx) {
        Ok(html) => no_store((status, html).into_response()),
        Err(error) => error.into_response(),
    }
}

async fn page_get(State(site): State<SiteState>, headers: HeaderMap) -> Response {
    site.cached_page("jwt", &headers, || {
        let (form, decoded, signed) =
            (FormInput::defaults(), Decoded::default(), Signed::default());
        site.render("jwt/index.html", &page(), PageContext::new(&form, &decoded, &signed))
    })
}

async fn page_post(State(site): State<SiteState>, Form(input): Form<FormInput>) -> Response {
    let job_site = std::sync::Arc::clone(&site);
    site.work().respond(move |_| answer_form(&job_site, input)).await
}

/// Signs, decodes and renders what the form asked for.
fn answer_form(site: &Site, input: FormInput) -> Response {
    let mut input = input.normalized();
    let mut signed = Signed::default();
    match input.intent.as_str() {
        "sign" => signed = sign_form(&input),
        "decode_signed" => {
            signed = sign_form(&input);
            if let Some(token) = &signed.token {
                input.token = token.clone();
                input.key = input.sign_key.clone();
                input.key_encoding = input.sign_key_encoding.clone();
            }
        }
        "example" => input = example(input),
        "edit" => input = edit(input),
        _ => {}
    }
    let decoded = decode_form(&input);
    let template = match (input.fragment.as_str(), input.intent.as_str()) {
        ("1", "sign") => "jwt/signed.html",
        ("1", _) => "jwt/result.html",
        _ => "jwt/index.html",
    };
    render(site, &input, &decoded, &signed, template)
}

/// Copies the decoded header and claims into the sign panel, with the key when it can sign (a secret or a
/// private key), so a token can be edited and re-signed.
fn edit(input: FormInput) -> FormInput {
    let Ok(token) = crate::decode_pasted(&input.token) else { return input };
    let can_sign = match crate::parse_key(&input.key, FormInput::encoding(&input.key_encoding)) {
        Ok(crate::Key::Secret(_)) => true,
        Ok(crate::Key::Pem(pem)) => pem.is_private(),
        _ => false,
    };
    FormInput {
        sign_header: pretty_text(token.header_json()),
        sign_payload: pretty_text(token.payload_json()),
        sign_key: if can_sign { input.key.clone() } else { String::new() },
        sign_key_encoding: input.key_encoding.clone(),
        ..input
    }
}

/// Fills the decode panel with a token that is valid for an hour, signed with the shown example secret.
fn example(input: FormInput) -> FormInput {
    let now = Clock::system().now;
    let header = json!({"alg": "HS256", "typ": "JWT"});
    let claims = json!({
        "sub": "1234567890",
        "name": "John Doe",
        "admin": true,
        "iss": "https://auth.example.com",
        "aud": "api.example.com",
        "iat": now,
        "exp": now + 3600,
    });
    let token = match (header.as_object(), claims.as_object()) {
        (Some(header), Some(claims)) => {
            sign(header, claims, EXAMPLE_SECRET, KeyEncoding::Utf8).unwrap_or_default()
        }
        _ => String::new(),
    };
    FormInput {
        token,
        key: EXAMPLE_SECRET.to_owned(),
        key_encoding: "utf8".to_owned(),
        leeway: String::new(),
        ..input
    }
}

#[cfg(test)]
mod tests;
