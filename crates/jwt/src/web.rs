//! The `/jwt` page and the JSON API `POST /api/jwt/decode` and `POST /api/jwt/encode`: each route reads its input,
//! calls [`crate::answer`] and renders or serialises what it answers.
//!
//! Tokens and keys travel only in POST bodies: never in a URL (so never in a log line, a Referer or the
//! history), never stored, and answered with `Cache-Control: no-store`. The page works as a plain form POST;
//! its script sends the same form through `devtoolsLive` (`fragment=1`) and swaps in the server-rendered result as
//! you type.

mod view;

use crate::answer::{self, Analysis, DecodeRequest, EncodeRequest, EncodeResponse, Seconds};
use crate::{Clock, JsonObject, KeyEncoding, META, sign};
use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use devtools_kit::extract::{Form, Json};
use devtools_kit::{
    AnswerError, ApiDoc, ApiError, ApiExample, Asset, ErrorClass, Page, PageRequest, Site,
    SiteState, Tool, View, WebError,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use view::{MalformedView, key_kind};

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
        api: Some(api_doc),
        jobs: &[],
    }
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(decode_api, encode_api))]
struct Api;

/// The JSON API described, with examples answered by [`answer::decode`] and [`answer::encode`], each also given as
/// `devtools` arguments and as a `/jwt` form. The decode example fixes `now`, so its time checks never change.
pub fn api_doc() -> ApiDoc {
    use utoipa::OpenApi as _;
    // The claims are signed in the order given; the kit keeps an example's body as a `serde_json::Value`, whose
    // map sorts members, so the example's members are written in name order to survive that unchanged.
    let encode = EncodeRequest {
        header: object(r#"{"alg": "HS256", "typ": "JWT"}"#),
        payload: object(
            r#"{"exp": 1767229200, "iat": 1767225600, "iss": "https://auth.example.com", "name": "John Doe", "sub": "1234567890"}"#,
        ),
        key: EXAMPLE_SECRET.to_owned(),
        key_encoding: None,
    };
    let encoded = answer::encode(&encode);
    let decode = DecodeRequest {
        token: encoded.as_ref().map(|answer| answer.token.clone()).unwrap_or_default(),
        key: Some(EXAMPLE_SECRET.to_owned()),
        now: Some(1_767_227_400_i64.into()),
        iss: Some("https://auth.example.com".to_owned()),
        ..DecodeRequest::default()
    };
    let malformed =
        DecodeRequest { token: "eyJhbGciOiJIUzI1NiJ9.e30".to_owned(), ..DecodeRequest::default() };
    let empty = DecodeRequest::default();
    // RFC 8037 §A.4: a valid JWS whose payload is a sentence, not a JWT claims set.
    let text_payload = DecodeRequest {
        token: "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg".to_owned(),
        now: Some(1_767_227_400_i64.into()),
        ..DecodeRequest::default()
    };
    // `=` padding is refused (RFC 7515 §2); the parts that decode without it are shown, marked.
    let padded = DecodeRequest {
        token: "eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ==.c2ln".to_owned(),
        ..DecodeRequest::default()
    };
    // No example of `invalid_leeway` or `invalid_now`: every value that gets them breaks the body's schema
    // (`minimum`, `integer`), and an OpenAPI example must fit its schema (OpenAPI 3.1 §4.8.19); the 400's
    // description names them, and `web/tests/cli_jwt.rs` pins that the API, the page and the CLI refuse alike.
    ApiDoc {
        openapi: Api::openapi(),
        examples: vec![
            decode_example("verified", "Decode and verify an HS256 token", &decode, &[]),
            decode_example("malformed_token", "A token with two parts", &malformed, &[]),
            decode_example("empty_token", "An empty token", &empty, &[]),
            // A payload that is not a claims set has no times to check, so the CLI accepts it (exit 0, as the
            // API's 200) only as the JWS it is, with --ignore-time.
            decode_example(
                "text_payload",
                "A JWS whose payload is text (RFC 8037 A.4): valid JWS, not a JWT",
                &text_payload,
                &["--ignore-time"],
            ),
            decode_example("padded_token", "A token with = padding", &padded, &[]),
            ApiExample::post("/api/jwt/encode", "hs256", "Sign claims with a secret", &encode)
                .page(page_request(&[
                    ("intent", "sign"),
                    ("sign_header", &encode.header.pretty()),
                    ("sign_payload", &encode.payload.pretty()),
                    ("sign_key", &encode.key),
                ]))
                .answer(encoded),
        ],
    }
}

/// A decode example: the JSON body with the fields it sets, the same input as `devtools jwt` arguments (with
/// `cli_flags`, the CLI's own options the example needs) and as the page's form, and the answer.
fn decode_example(
    name: &'static str,
    summary: &'static str,
    request: &DecodeRequest,
    cli_flags: &[&str],
) -> ApiExample {
    let mut body = json!({ "token": request.token });
    let mut cli = vec!["jwt".to_owned(), request.token.clone()];
    cli.extend(cli_flags.iter().map(|flag| (*flag).to_owned()));
    let mut form = vec![("intent", "decode".to_owned()), ("token", request.token.clone())];
    let mut set = |field: &'static str, flag: &str, value: Option<String>, json: Value| {
        if let Some(value) = value {
            body[field] = json;
            cli.extend([flag.to_owned(), value.clone()]);
            form.push((field, value));
        }
    };
    // The CLI reads a key from a file (`--key`) or takes a secret (`--secret`); an example's key is a secret.
    set("key", "--secret", request.key.clone(), json!(request.key));
    let text = |value: &Option<Seconds>| value.as_ref().map(|seconds| seconds.text().to_owned());
    set("now", "--now", text(&request.now), json!(request.now));
    set("iss", "--iss", request.iss.clone(), json!(request.iss));
    set("aud", "--aud", request.aud.clone(), json!(request.aud));
    set("leeway", "--leeway", text(&request.leeway), json!(request.leeway));
    let form: Vec<(&str, &str)> = form.iter().map(|(key, value)| (*key, value.as_str())).collect();
    ApiExample::post("/api/jwt/decode", name, summary, body)
        .cli(cli)
        .page(page_request(&form))
        .answer(answer::decode(request))
}

fn page_request(pairs: &[(&str, &str)]) -> PageRequest {
    let form = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
    PageRequest::Post { path: "/jwt", form }
}

/// A JSON object written in this file (so known to parse), its members in the order written.
fn object(text: &str) -> JsonObject {
    JsonObject::parse(text).unwrap_or_else(|_| JsonObject::from(&Map::new()))
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

fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A body the extractor refused, with the shape the endpoint expects.
fn expecting(error: WebError, expected: &'static str) -> WebError {
    if error.kind() == "invalid_request" { error.with("expected", expected) } else { error }
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
        (status = 400, description = "`malformed_token` (with `segment`: the part at fault or null; `problem`: a snake_case kind such as `segment_count` or `invalid_base64url_character`; `partial`: whatever did decode, with `decoded_without_padding: true` when parts carrying forbidden `=` padding were decoded without it for debugging (the token is still refused); and `position`: the character index at fault, when known), `invalid_leeway` or `invalid_now` (with `field`: a number that is not whole seconds in range), or `invalid_request` (the body is not JSON of the documented shape, or not sent as `application/json`; with `expected`).", body = ApiError),
    )
)]
async fn decode_api(
    State(site): State<SiteState>,
    body: Result<Json<DecodeRequest>, WebError>,
) -> Response {
    let result = match body {
        Ok(Json(body)) => {
            site.work().answer(move |_| answer::decode(&body).map_err(WebError::from)).await
        }
        Err(error) => Err(expecting(
            error,
            r#"{"token": string, "key"?: string, "key_encoding"?: "utf8" | "base64", "now"?: unix seconds, "leeway"?: seconds, "iss"?: string, "aud"?: string}"#,
        )),
    };
    no_store(match result {
        Ok(analysis) => axum::Json(analysis).into_response(),
        Err(error) => error.into_response(),
    })
}

/// Signs a header and claims into a compact token with a secret or a private key.
#[utoipa::path(
    post,
    path = "/api/jwt/encode",
    tag = "jwt",
    request_body = EncodeRequest,
    responses(
        (status = 200, description = "The signed token.", body = EncodeResponse),
        (status = 400, description = "`invalid_header` (no usable `alg`, a member name twice, a registered parameter of the wrong type, a `crit` that breaks RFC 7515 §4.1.11, or `b64: false`), `invalid_payload` (a member name twice, or an `exp`, `nbf` or `iat` that is not a NumericDate), `bad_key`, `key_mismatch` or `sign_failed` (with `field`: `header`, `payload` or `key`), or `invalid_request` (the body is not JSON of the documented shape, or not sent as `application/json`; with `expected`).", body = ApiError),
    )
)]
async fn encode_api(
    State(site): State<SiteState>,
    body: Result<Json<EncodeRequest>, WebError>,
) -> Response {
    let result = match body {
        Ok(Json(body)) => {
            site.work().answer(move |_| answer::encode(&body).map_err(WebError::from)).await
        }
        Err(error) => Err(expecting(
            error,
            r#"{"header": object with "alg", "payload": object, "key": string, "key_encoding"?: "utf8" | "base64"}"#,
        )),
    };
    no_store(match result {
        Ok(answer) => axum::Json(answer).into_response(),
        Err(error) => error.into_response(),
    })
}

/// The page form: one form holds the decode and the sign panels, so each submit keeps the other's state. It takes
/// what the API takes, as text: `now` has no field on the page but is read when posted (the API examples use it).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub(crate) struct FormInput {
    intent: String,
    token: String,
    key: String,
    key_encoding: Option<KeyEncoding>,
    now: String,
    leeway: String,
    iss: String,
    aud: String,
    sign_header: String,
    sign_payload: String,
    sign_key: String,
    sign_key_encoding: Option<KeyEncoding>,
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

    /// The decode panel as the answer's request; the answer reads the text fields as it reads the API's numbers.
    fn decode_request(&self) -> DecodeRequest {
        DecodeRequest {
            token: self.token.clone(),
            key: Some(self.key.clone()),
            key_encoding: self.key_encoding,
            now: Some(self.now.as_str().into()),
            leeway: Some(self.leeway.as_str().into()),
            iss: Some(self.iss.clone()),
            aud: Some(self.aud.clone()),
        }
    }
}

/// An error shown beside the field it is about.
#[derive(Debug, Serialize)]
struct FieldError {
    /// What is wrong.
    message: String,
    /// The form field, named as the answer names the part (`leeway`, `now`).
    field: String,
    /// How bad it is, for the page's status.
    #[serde(skip)]
    class: ErrorClass,
}

impl FieldError {
    fn new(error: &AnswerError, field: impl FnOnce(&str) -> String) -> Self {
        let part = error.location().and_then(|location| location.part.as_deref()).unwrap_or("");
        FieldError { message: error.message().to_owned(), field: field(part), class: error.class() }
    }
}

/// The outcome of the sign panel.
#[derive(Debug, Default, Serialize)]
struct Signed {
    token: Option<String>,
    parts: Vec<String>,
    warnings: Vec<String>,
    error: Option<FieldError>,
}

impl Signed {
    fn failed(message: String, field: &str) -> Self {
        let error = FieldError { message, field: field.to_owned(), class: ErrorClass::Invalid };
        Signed { error: Some(error), ..Signed::default() }
    }
}

fn sign_form(input: &FormInput) -> Signed {
    let request = read_object("header", &input.sign_header).and_then(|header| {
        let payload = read_object("payload", &input.sign_payload)?;
        Ok(EncodeRequest {
            header,
            payload,
            key: input.sign_key.clone(),
            key_encoding: input.sign_key_encoding,
        })
    });
    let request = match request {
        Ok(request) => request,
        Err((message, field)) => return Signed::failed(message, field),
    };
    match answer::encode(&request) {
        Ok(EncodeResponse { token, warnings }) => Signed {
            parts: token.split('.').map(str::to_owned).collect(),
            token: Some(token),
            warnings,
            error: None,
        },
        Err(error) => Signed {
            error: Some(FieldError::new(&error, |part| format!("sign_{part}"))),
            ..Signed::default()
        },
    }
}

/// The sign panel's header or payload text (`name`) as a JSON object, its members in the order typed; otherwise
/// what is wrong in plain words, with the line and column where it goes wrong, and the form field.
fn read_object(name: &str, text: &str) -> Result<JsonObject, (String, &'static str)> {
    let field = if name == "header" { "sign_header" } else { "sign_payload" };
    let value = serde_json::from_str::<Value>(text).map_err(|error| {
        (crate::json_error::sentence(name, &crate::json_error::diagnose(text, &error)), field)
    })?;
    if !value.is_object() {
        let found = crate::decode::json_type(&value);
        return Err((format!("The {name} must be a JSON object, not {found}."), field));
    }
    // Read again as text, to sign the members in the order typed (it parsed once, so it parses again).
    JsonObject::parse(text).map_err(|error| {
        (crate::json_error::sentence(name, &crate::json_error::diagnose(text, &error)), field)
    })
}

/// The decode panel's result, for the template.
#[derive(Debug, Default, Serialize)]
struct Decoded {
    analysis: Option<Analysis>,
    header_json: Option<String>,
    payload_json: Option<String>,
    malformed: Option<MalformedView>,
    error: Option<FieldError>,
    key_kind: Option<&'static str>,
}

impl Decoded {
    /// The class of the error the decode panel shows, if it shows one.
    fn error_class(&self) -> Option<ErrorClass> {
        let malformed = self.malformed.as_ref().map(|malformed| malformed.class);
        self.error.as_ref().map(|error| error.class).or(malformed)
    }
}

/// The decode panel for what the form asked: a decode (or an edit) of an empty token is the answer's error, as on
/// the API and the command line; the other panel's buttons leave an empty decode panel blank.
fn decode_form(input: &FormInput) -> Decoded {
    let asked = matches!(input.intent.as_str(), "" | "decode" | "edit");
    if !asked && input.token.trim().is_empty() {
        return Decoded::default();
    }
    let encoding = input.key_encoding.unwrap_or_default();
    let key_kind = if input.key.trim().is_empty() { None } else { key_kind(&input.key, encoding) };
    match answer::decode(&input.decode_request()) {
        Ok(analysis) => Decoded {
            header_json: Some(analysis.header_pretty()),
            payload_json: Some(analysis.payload_pretty()),
            analysis: Some(analysis),
            key_kind,
            ..Decoded::default()
        },
        // The answer's error says what is wrong; the library's own decode error gives the page the parts to mark.
        Err(error) => match crate::decode_pasted(&input.token) {
            Err(malformed) if error.kind() == "malformed_token" => Decoded {
                malformed: Some(MalformedView::new(&malformed, error.class())),
                key_kind,
                ..Decoded::default()
            },
            _ => Decoded {
                error: Some(FieldError::new(&error, str::to_owned)),
                key_kind,
                ..Decoded::default()
            },
        },
    }
}

/// What the templates see.
#[derive(Debug, Serialize)]
struct PageContext<'a> {
    form: &'a FormInput,
    result: &'a Decoded,
    signed: &'a Signed,
    algorithms: &'static [AlgorithmView],
}

impl<'a> PageContext<'a> {
    fn new(form: &'a FormInput, result: &'a Decoded, signed: &'a Signed) -> Self {
        PageContext { form, result, signed, algorithms: &ALGORITHM_VIEWS }
    }
}

/// An algorithm as the sign panel lists it: its `alg` name (RFC 7518 §3.1, RFC 8037 §3.1), family and a
/// one-line description.
#[derive(Debug, Serialize)]
struct AlgorithmView {
    name: &'static str,
    family: &'static str,
    description: &'static str,
}

/// Every algorithm the tool signs and verifies with, in [`crate::ALGORITHMS`]' order: static data, built once.
static ALGORITHM_VIEWS: std::sync::LazyLock<Vec<AlgorithmView>> = std::sync::LazyLock::new(|| {
    crate::ALGORITHMS
        .iter()
        .map(|alg| AlgorithmView {
            name: alg.name(),
            family: alg.family_name(),
            description: alg.description(),
        })
        .collect()
});

fn page() -> Page {
    Page::new("JWT decoder, verifier and signer")
        .description(
            "Decode a JSON Web Token, see its header, claims and times explained, verify it with a secret, PEM key, JWK or JWKS, and sign new tokens. Tokens never leave this server.",
        )
        .here("jwt")
        .tool(META.slug)
        .unshareable()
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

/// Signs, decodes and renders what the form asked for: the whole page, or with `fragment=1` the panel the script
/// refreshes (the sign panel's result for `intent=sign`, the decode panel's otherwise).
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
                input.key_encoding = input.sign_key_encoding;
            }
        }
        "example" => input = example(input),
        "edit" => input = edit(input),
        _ => {}
    }
    let decoded = decode_form(&input);
    let part = if input.intent == "sign" { "jwt/signed.html" } else { "jwt/result.html" };
    let view = View::choose(Some(&input.fragment), "jwt/index.html", part);
    // What the input earned, as the JSON API answers it: the decode panel's error first, then the sign panel's.
    let class = decoded.error_class().or(signed.error.as_ref().map(|error| error.class));
    let status = class.map_or(StatusCode::OK, ErrorClass::status);
    let ctx = PageContext::new(&input, &decoded, &signed);
    match site.render_view(view, &page(), ctx, status) {
        Ok(rendered) => no_store(rendered.into_response()),
        Err(error) => error.into_response(),
    }
}

/// Copies the decoded header and claims into the sign panel, with the key when it can sign (a secret or a
/// private key), so a token can be edited and re-signed.
fn edit(input: FormInput) -> FormInput {
    let Ok(token) = crate::decode_pasted(&input.token) else { return input };
    let can_sign = match crate::parse_key(&input.key, input.key_encoding.unwrap_or_default()) {
        Ok(crate::Key::Secret(_)) => true,
        Ok(crate::Key::Pem(pem)) => pem.is_private(),
        _ => false,
    };
    FormInput {
        sign_header: answer::pretty_text(token.header_json()),
        sign_payload: answer::pretty_text(token.payload_json()),
        sign_key: if can_sign { input.key.clone() } else { String::new() },
        sign_key_encoding: input.key_encoding,
        ..input
    }
}

/// Fills the decode panel with a token that is valid for an hour (from the form's `now`, if it has one), signed
/// with the shown example secret.
fn example(input: FormInput) -> FormInput {
    let now = Seconds::from(input.now.as_str()).unix_time().ok().flatten();
    let now = now.unwrap_or_else(|| Clock::system().now);
    let header = object(r#"{"alg":"HS256","typ":"JWT"}"#);
    let claims = object(&format!(
        r#"{{"sub":"1234567890","name":"John Doe","admin":true,"iss":"https://auth.example.com","aud":"api.example.com","iat":{now},"exp":{}}}"#,
        now.saturating_add(3600)
    ));
    let token = sign(&header, &claims, EXAMPLE_SECRET, KeyEncoding::Utf8).unwrap_or_default();
    FormInput {
        token,
        key: EXAMPLE_SECRET.to_owned(),
        key_encoding: Some(KeyEncoding::Utf8),
        leeway: String::new(),
        ..input
    }
}

#[cfg(test)]
mod tests;
