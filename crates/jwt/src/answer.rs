//! What the site shows for a token, as a library: [`decode`] decodes, explains, checks the times and claims of,
//! and verifies a token; [`encode`] signs a header and claims into one.
//!
//! The `/jwt` page, `POST /api/jwt/decode` and `POST /api/jwt/encode`, and `devtools jwt` all call these two
//! functions, so they give the same answer and the same error for the same input. An error is an
//! [`AnswerError`] with the kind and extra fields the JSON API answers: `malformed_token` (with `segment`,
//! `problem`, `partial` and, for a bad character, `position`), `invalid_leeway` and `invalid_now` (with `field`),
//! and for signing `invalid_header`, `invalid_payload`, `bad_key`, `key_mismatch` or `sign_failed` (with
//! `field`).

use crate::{
    Claim, ClaimCheck, Clock, DecodeError, HeaderExplanation, JsonObject, KeyEncoding, Malformed,
    SignError, TimeCheck, TimeStatus, Token, Verification, check_claims, explain_claims,
    explain_header, parse_key, rfc3339, sign, time_status, verify,
};
use devtools_kit::{AnswerError, Location};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// Largest leeway accepted, in seconds (366 days): beyond that a time check means nothing.
pub const MAX_LEEWAY: u64 = 366 * 24 * 3600;

/// What to decode: the body of `POST /api/jwt/decode`, the page's decode panel, the arguments of `devtools jwt`.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = JwtDecodeRequest))]
#[serde(deny_unknown_fields)]
pub struct DecodeRequest {
    /// The compact token (`header.payload.signature`). Surrounding whitespace and a leading `Bearer ` or
    /// `Authorization: Bearer ` (as copied from an HTTP request; any case, any whitespace) are removed, and
    /// `bearer_prefix_removed` in the answer says so; whitespace inside the token is an error.
    pub token: String,
    /// A secret, PEM key or certificate, JWK or JWK Set to verify the signature with; no verification when
    /// absent, empty or only whitespace.
    #[serde(default)]
    pub key: Option<String>,
    /// How a secret `key` is written; UTF-8 when absent.
    #[serde(default)]
    pub key_encoding: Option<KeyEncoding>,
    /// The moment to judge `exp`, `nbf` and `iat` at: a whole number of seconds since the Unix epoch (negative
    /// before 1970); the server's clock when absent. Anything else is `invalid_now`.
    #[serde(default)]
    #[cfg_attr(feature = "web", schema(value_type = Option<i64>))]
    pub now: Option<Seconds>,
    /// Seconds of clock skew to allow for `exp`, `nbf` and `iat`: a whole number from 0 to 31622400 (366 days);
    /// none when absent. Anything else (negative, fractional, larger) is `invalid_leeway`.
    #[serde(default)]
    #[cfg_attr(feature = "web", schema(value_type = Option<u64>, minimum = 0, maximum = 31622400))]
    pub leeway: Option<Seconds>,
    /// The issuer the `iss` claim must equal (case-sensitive); not checked when absent or empty.
    #[serde(default)]
    pub iss: Option<String>,
    /// The audience the `aud` claim must be or list; not checked when absent or empty (a token that has an `aud`
    /// then gets a `claim_checks` note saying so).
    #[serde(default)]
    pub aud: Option<String>,
}

/// A number of seconds as the user gave it, read by [`decode`] alone so that every front end refuses the same
/// values with the same error: a JSON number in the API (any number: `-5` and `1.5` reach the answer and get
/// its message), the text of a form field or of a command-line argument. Empty text counts as absent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Seconds(String);

impl Seconds {
    /// The value as given (a JSON number written as JSON writes it).
    pub fn text(&self) -> &str {
        &self.0
    }

    /// Read as a leeway: none when empty, otherwise a whole number of seconds from 0 to [`MAX_LEEWAY`], or an
    /// `invalid_leeway` error (with `field`).
    pub fn leeway(&self) -> Result<Option<u64>, AnswerError> {
        let text = self.0.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let error = |message: String| {
            AnswerError::invalid("invalid_leeway", message)
                .at(Location { part: Some("leeway".into()), span: None })
                .with("field", "leeway")
        };
        match text.parse::<u64>() {
            Ok(leeway) if leeway <= MAX_LEEWAY => Ok(Some(leeway)),
            Ok(leeway) => Err(error(format!(
                "A leeway of {leeway} s is more than a year; the limit is {MAX_LEEWAY} s."
            ))),
            Err(_) => Err(error(format!(
                "The leeway must be a whole number of seconds from 0 to {MAX_LEEWAY}; {text:?} is not."
            ))),
        }
    }

    /// Read as a moment: none when empty, otherwise a whole number of seconds since the Unix epoch, or an
    /// `invalid_now` error (with `field`).
    pub fn unix_time(&self) -> Result<Option<i64>, AnswerError> {
        let text = self.0.trim();
        if text.is_empty() {
            return Ok(None);
        }
        text.parse::<i64>().map(Some).map_err(|_| {
            AnswerError::invalid(
                "invalid_now",
                format!(
                    "The time to judge at must be a whole number of seconds since the Unix epoch; {text:?} is not."
                ),
            )
            .at(Location { part: Some("now".into()), span: None })
            .with("field", "now")
        })
    }
}

impl From<&str> for Seconds {
    fn from(text: &str) -> Self {
        Seconds(text.to_owned())
    }
}

impl From<String> for Seconds {
    fn from(text: String) -> Self {
        Seconds(text)
    }
}

impl From<i64> for Seconds {
    fn from(seconds: i64) -> Self {
        Seconds(seconds.to_string())
    }
}

impl From<u64> for Seconds {
    fn from(seconds: u64) -> Self {
        Seconds(seconds.to_string())
    }
}

/// From a JSON number only: a string is not the documented shape (`invalid_request`).
impl<'de> Deserialize<'de> for Seconds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_json::Number::deserialize(deserializer).map(|number| Seconds(number.to_string()))
    }
}

/// As a JSON number when it is one (as the API takes it), otherwise as the text given.
impl Serialize for Seconds {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.trim().parse::<serde_json::Number>() {
            Ok(number) => number.serialize(serializer),
            Err(_) => self.0.serialize(serializer),
        }
    }
}

/// Everything known about a token that decoded: the body of `POST /api/jwt/decode`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = JwtAnalysis))]
pub struct Analysis {
    /// The JOSE header: a JSON object of header parameters (`alg`, `typ`, `kid`, ...) with any JSON values, as
    /// the token has it (members sorted by name).
    #[cfg_attr(feature = "web", schema(additional_properties = true))]
    pub header: Map<String, Value>,
    /// The claims set: a free-form JSON object whose members are the token's claims with any JSON values
    /// (members sorted by name). NumericDate claims (`exp`, `nbf`, `iat`, `auth_time`, `updated_at`) are seconds
    /// since the Unix epoch; `claims` explains each one. A number that fits no 64-bit integer is read as a 64-bit
    /// float (as most JWT libraries read it; RFC 8259 §6 leaves the precision to implementations), so a longer
    /// integer or decimal is rounded here; `parts.payload` decodes to the text exactly as signed.
    #[cfg_attr(feature = "web", schema(additional_properties = true))]
    pub payload: Map<String, Value>,
    /// The signature part in base64url, as sent; empty for an unsigned token.
    pub signature: String,
    /// The signature's bytes in lowercase hex; empty for an unsigned token.
    pub signature_hex: String,
    /// The header's `alg` when it is a string; null otherwise.
    #[cfg_attr(feature = "web", schema(required = true))] // null, never absent
    pub alg: Option<String>,
    /// Every claim explained, the registered ones (`iss`, `sub`, `aud`, `exp`, `nbf`, `iat`, `jti`) first in
    /// that order, then the rest by name.
    pub claims: Vec<Claim>,
    /// The token's times judged at `now` with `leeway`.
    pub time_status: TimeStatus,
    /// The time status in words, such as `Valid now; expires in 30 minutes.`.
    pub time_message: String,
    /// The verdict on the signature, judged separately from the times.
    pub verification: Verification,
    /// `iss` and `aud` checked against the expected values, and a note (`checked: false`) when the token has an
    /// `aud` but no audience was expected (RFC 7519 §4.1.3); empty otherwise.
    pub claim_checks: Vec<ClaimCheck>,
    /// The header's parameters explained, its algorithm, and warnings (most serious first).
    pub header_explained: HeaderExplanation,
    /// The three base64url parts as sent.
    pub parts: Parts,
    /// The moment the times were judged at, in seconds since the Unix epoch.
    pub now: i64,
    /// The same moment as an RFC 3339 UTC time; null if it is beyond what a date can show.
    #[cfg_attr(feature = "web", schema(format = DateTime, required = true))]
    pub now_time: Option<String>,
    /// Seconds of clock skew allowed in the time checks.
    pub leeway: u64,
    /// Whether a leading `Bearer ` or `Authorization: Bearer ` was removed from the token.
    pub bearer_prefix_removed: bool,
    /// Present only when the payload is not read as JSON: the token is then a valid JWS (RFC 7515 §3 allows any
    /// octets as payload; RFC 8037 §A.4 signs a sentence) but NOT a JWT claims set, `payload` is `{}`, `claims`
    /// empty and `time_status` `claims_unreadable`. The signature is verified as for any token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub non_json_payload: Option<NonJsonPayload>,
    /// The header's JSON text, as the token has it (see [`Analysis::header_pretty`]).
    #[serde(skip)]
    pub header_text: String,
    /// The payload's JSON text, as the token has it (see [`Analysis::payload_pretty`]).
    #[serde(skip)]
    pub payload_text: String,
}

impl Analysis {
    /// The header pretty-printed as the page and the command line show it: its members in the token's own order.
    pub fn header_pretty(&self) -> String {
        pretty_text(&self.header_text)
    }

    /// The payload pretty-printed as the page and the command line show it: its members in the token's own
    /// order.
    pub fn payload_pretty(&self) -> String {
        if self.non_json_payload.is_some() {
            return self.payload_text.clone();
        }
        pretty_text(&self.payload_text)
    }
}

/// A payload that is not JSON, shown as text or as hex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = JwtNonJsonPayload))]
pub struct NonJsonPayload {
    /// The payload as text, when its bytes are UTF-8; null otherwise.
    #[cfg_attr(feature = "web", schema(required = true))] // null, never absent
    pub text: Option<String>,
    /// The payload's bytes in lowercase hex.
    pub hex: String,
    /// Why it is not read: `not_utf8`, `not_json`, `number_out_of_range` (valid JSON with a number beyond a
    /// 64-bit float), `too_deep` (arrays and objects nested more than 128 deep, the most this decoder reads),
    /// `unpaired_surrogate` (valid JSON grammar with a `\u` escape of half a surrogate pair),
    /// `byte_order_mark` (JSON after a UTF-8 byte-order mark) or `empty_segment` (no octets at all).
    pub problem: &'static str,
    /// What this means and what exactly is wrong (with the line, column and byte where there is one), in words.
    pub message: String,
}

/// Said of a token whose payload is not JSON, on every front end (followed by what is wrong with it).
pub const NOT_A_JWT: &str = "This is a valid JWS structure, but its payload is not JSON, so it is not a JWT claims set: no claims or times to check.";

/// Said of a token whose payload is JSON this decoder cannot read (followed by why).
const UNREAD_CLAIMS: &str = "This is a valid JWS structure, but its payload cannot be read as a JWT claims set: no claims or times can be checked.";

/// The time verdict for a payload that is not read as claims: nothing is known of its `exp` or `nbf`.
const UNREAD_TIMES: &str = "Unknown: the payload could not be read as a JSON object of claims, so whether it has an exp or nbf, and what they say, is unknown. Do not treat it as never expiring.";

/// The three parts of a compact token.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = JwtParts))]
pub struct Parts {
    /// The header part, base64url as sent.
    pub header: String,
    /// The payload part, base64url as sent.
    pub payload: String,
    /// The signature part, base64url as sent; empty for an unsigned token.
    pub signature: String,
}

/// What to sign: the body of `POST /api/jwt/encode`, and the page's sign panel once its JSON is read.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = JwtEncodeRequest))]
#[serde(deny_unknown_fields)]
pub struct EncodeRequest {
    /// The JOSE header: a JSON object of header parameters with any JSON values, signed with its members in the
    /// order given; `alg` names the algorithm (`none` is refused).
    #[cfg_attr(feature = "web", schema(value_type = Map<String, Value>, additional_properties = true))]
    pub header: JsonObject,
    /// The claims: a free-form JSON object, signed as given with its members in the order given (as jwt.io and
    /// PyJWT sign them). NumericDate claims (`exp`, `nbf`, `iat`) are seconds since the Unix epoch.
    #[cfg_attr(feature = "web", schema(value_type = Map<String, Value>, additional_properties = true))]
    pub payload: JsonObject,
    /// A secret for HS256/384/512, or a private key as PEM (PKCS#8, PKCS#1 RSA or SEC1 EC) or JWK.
    pub key: String,
    /// How a secret `key` is written; UTF-8 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_encoding: Option<KeyEncoding>,
}

/// A signed token: the body `POST /api/jwt/encode` answers.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = JwtEncodeResponse))]
pub struct EncodeResponse {
    /// The signed compact token, `header.payload.signature` in base64url.
    pub token: String,
    /// What a recipient will make of the token, in words; empty when nothing needs saying. An HMAC secret shorter
    /// than the hash (RFC 7518 §3.2: 32, 48 or 64 bytes for HS256, HS384, HS512) is signed with a warning here, as
    /// is a header whose `crit` lists extensions: a recipient that does not understand them must reject the
    /// token (RFC 7515 §4.1.11), and this tool's own verifier calls its signature `unsupported`.
    pub warnings: Vec<String>,
}

/// Decodes a token, explains its header and claims, judges its times, checks `iss` and `aud` when expected values
/// are given, and verifies its signature when a key is given.
///
/// A token that does not decode is a `malformed_token` error carrying what did decode; a `leeway` that is not a
/// whole number from 0 to [`MAX_LEEWAY`] is `invalid_leeway` and a `now` that is not a whole number is
/// `invalid_now` (both checked first, with `field`; see [`Seconds`]). A signature that does not verify is not an error: it is the answer's
/// [`verification`](Analysis::verification).
pub fn decode(request: &DecodeRequest) -> Result<Analysis, AnswerError> {
    let clock = clock(request.now.as_ref(), request.leeway.as_ref())?;
    let token = crate::decode_pasted(&request.token)
        .map_err(|malformed| malformed_error(&malformed, &request.token))?;
    let verification = match request.key.as_deref().filter(|key| !key.trim().is_empty()) {
        None => Verification::not_checked(&token),
        Some(text) => match parse_key(text, request.key_encoding.unwrap_or_default()) {
            Ok(key) => verify(&token, &key),
            Err(error) => Verification::bad_key(&token, &error),
        },
    };
    let expected = |value: &Option<String>| {
        value.as_deref().map(str::trim).filter(|value| !value.is_empty()).map(str::to_owned)
    };
    let (issuer, audience) = (expected(&request.iss), expected(&request.aud));
    let mut analysis = analysis(&token, verification, clock);
    analysis.claim_checks = check_claims(token.payload(), issuer.as_deref(), audience.as_deref());
    Ok(analysis)
}

/// Signs a header and claims into a compact token with a secret or a private key, each JSON object signed with
/// its members in the order given. What this crate's decoder would refuse is refused first: a header that names a
/// member twice, gives a registered parameter the wrong type or breaks RFC 7515's rules for `crit` is
/// `invalid_header`; a payload that names a member twice or has an `exp`, `nbf` or `iat` that is not a
/// NumericDate is `invalid_payload`. A `crit` that is well formed is signed, with a warning.
pub fn encode(request: &EncodeRequest) -> Result<EncodeResponse, AnswerError> {
    let token = sign(
        &request.header,
        &request.payload,
        &request.key,
        request.key_encoding.unwrap_or_default(),
    )
    .map_err(|error| sign_error(&error))?;
    let header = request.header.to_map();
    let encoding = request.key_encoding.unwrap_or_default();
    let warnings = sign::short_secret_warning(&header, &request.key, encoding)
        .into_iter()
        .chain(sign::crit_warning(&header))
        .collect();
    Ok(EncodeResponse { token, warnings })
}

fn clock(now: Option<&Seconds>, leeway: Option<&Seconds>) -> Result<Clock, AnswerError> {
    let leeway = leeway.map(Seconds::leeway).transpose()?.flatten().unwrap_or(0);
    let now = now.map(Seconds::unix_time).transpose()?.flatten();
    Ok(Clock::at(now.unwrap_or_else(|| Clock::system().now)).with_leeway(leeway))
}

/// A malformed token as the answer's error, with everything that did decode. Its location is the segment at
/// fault and, for a bad character, that character's bytes in the text as sent (`position` counts characters
/// in the token, after any `Bearer ` prefix).
fn malformed_error(malformed: &Malformed, input: &str) -> AnswerError {
    let error = &malformed.error;
    let segment = error.segment().map(|segment| segment.name());
    let (token, offset, _) = crate::pasted_token(input);
    let span = error.position().and_then(|position| {
        let (start, found) = token.char_indices().nth(position)?;
        Some(offset + start..offset + start + found.len_utf8())
    });
    let mut answer = AnswerError::invalid("malformed_token", error.to_string())
        .at(Location { part: segment.map(Into::into), span })
        .with("segment", segment)
        .with("problem", error.kind())
        .with("partial", serde_json::to_value(&malformed.partial).unwrap_or(Value::Null));
    if let Some(position) = error.position() {
        answer = answer.with("position", position);
    }
    answer
}

fn sign_error(error: &SignError) -> AnswerError {
    let (kind, field) = match error {
        SignError::Header(_) => ("invalid_header", "header"),
        SignError::Claims(_) => ("invalid_payload", "payload"),
        SignError::Key(_) => ("bad_key", "key"),
        SignError::KeyMismatch(_) => ("key_mismatch", "key"),
        _ => ("sign_failed", "key"),
    };
    AnswerError::invalid(kind, error.to_string())
        .at(Location { part: Some(field.into()), span: None })
        .with("field", field)
}

fn analysis(token: &Token, verification: Verification, clock: Clock) -> Analysis {
    let [header_part, payload_part, signature_part] = token.parts();
    let time = match token.payload_problem() {
        Some(_) => {
            TimeCheck { status: TimeStatus::ClaimsUnreadable, message: UNREAD_TIMES.to_owned() }
        }
        None => time_status(token.payload(), clock),
    };
    Analysis {
        header: token.header().clone(),
        payload: token.payload().clone(),
        signature: signature_part.to_owned(),
        signature_hex: hex::encode(token.signature()),
        alg: token.alg().map(str::to_owned),
        claims: explain_claims(token.payload(), clock),
        time_status: time.status,
        time_message: time.message,
        verification,
        claim_checks: Vec::new(),
        header_explained: explain_header(token.header()),
        parts: Parts {
            header: header_part.to_owned(),
            payload: payload_part.to_owned(),
            signature: signature_part.to_owned(),
        },
        now: clock.now,
        now_time: rfc3339(clock.now as f64),
        leeway: clock.leeway,
        bearer_prefix_removed: token.had_bearer_prefix(),
        non_json_payload: token.non_json_payload().zip(token.payload_problem()).map(
            |(bytes, problem)| NonJsonPayload {
                text: std::str::from_utf8(bytes).ok().map(str::to_owned),
                hex: hex::encode(bytes),
                problem: problem.kind(),
                message: match problem {
                    // Text that was meant as JSON gets the place it goes wrong; a sentence (RFC 8037 §A.4) or
                    // other bytes need no JSON parser's opinion.
                    DecodeError::NotJson { .. }
                        if bytes.trim_ascii_start().starts_with(b"{")
                            || bytes.trim_ascii_start().starts_with(b"[") =>
                    {
                        format!("{NOT_A_JWT} {problem}")
                    }
                    DecodeError::NotJson { .. } => NOT_A_JWT.to_owned(),
                    DecodeError::NotUtf8 { .. } => format!("{NOT_A_JWT} {problem}"),
                    DecodeError::EmptySegment { .. } => format!(
                        "{NOT_A_JWT} The payload is empty: no octets, which RFC 7515 §3 allows for a JWS. (A JWS whose payload is detached, RFC 7515 Appendix F, looks the same; its signature is checked here over the empty payload.)"
                    ),
                    _ => format!("{UNREAD_CLAIMS} {problem}"),
                },
            },
        ),
        header_text: token.header_json().to_owned(),
        payload_text: token.payload_json().to_owned(),
    }
}

/// JSON text pretty-printed (two-space indent, as serde_json's pretty printer) with its members in their original
/// order (a `Map` would sort them) and its strings and numbers as written (a 30-digit integer keeps its digits);
/// the text itself when it is not JSON.
pub fn pretty_text(json: &str) -> String {
    if serde_json::from_str::<serde::de::IgnoredAny>(json).is_err() {
        return json.to_owned();
    }
    let compact = sign::compact(json);
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if matches!(chars.peek(), Some('}' | ']')) {
                    out.extend(chars.next());
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 7519 §3.1's example, signed with RFC 7515 Appendix A.1's HMAC key.
    const TOKEN: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const KEY: &str =
        "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";

    #[test]
    fn pretty_text_keeps_member_order() {
        assert_eq!(
            pretty_text(r#"{"typ":"JWT","alg":"HS256"}"#),
            "{\n  \"typ\": \"JWT\",\n  \"alg\": \"HS256\"\n}"
        );
        assert_eq!(pretty_text("not json"), "not json");
        assert_eq!(
            pretty_text("{\"a\" : [ ], \"b\":{}, \"c\":[1, {\"d\": \"x,{\\\"\"}]}"),
            "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    1,\n    {\n      \"d\": \"x,{\\\"\"\n    }\n  ]\n}"
        );
        // Numbers as written, not as the f64 serde_json would read them.
        assert_eq!(
            pretty_text(r#"{"n":12345678901234567890123456789,"e":1e2,"z":-0}"#),
            "{\n  \"n\": 12345678901234567890123456789,\n  \"e\": 1e2,\n  \"z\": -0\n}"
        );
    }

    #[test]
    fn the_rfc_example_verifies_and_has_expired() {
        let request = DecodeRequest {
            token: TOKEN.to_owned(),
            key: Some(KEY.to_owned()),
            key_encoding: Some(KeyEncoding::Base64),
            now: Some(1_300_819_380_i64.into()),
            ..DecodeRequest::default()
        };
        let analysis = decode(&request).unwrap();
        assert_eq!(analysis.verification.status, crate::VerificationStatus::Valid);
        assert_eq!(analysis.time_status, TimeStatus::Expired, "exp == now has expired");
        assert_eq!(analysis.signature_hex.len(), 64);
        assert!(analysis.signature_hex.starts_with("7418df"), "{}", analysis.signature_hex);
        assert_eq!(analysis.header_pretty(), "{\n  \"typ\": \"JWT\",\n  \"alg\": \"HS256\"\n}");
    }

    #[test]
    fn a_bad_character_is_located_in_bytes_of_the_text_as_sent() {
        let request =
            DecodeRequest { token: "eyJhbGciOiJIUzI1NiJ9.eyJ+.sig".into(), ..Default::default() };
        let error = decode(&request).unwrap_err();
        assert_eq!(error.kind(), "malformed_token");
        let location = error.location().unwrap();
        assert_eq!(
            (location.part.as_deref(), location.span.clone()),
            (Some("payload"), Some(24..25))
        );
        let pasted = DecodeRequest { token: format!(" Bearer {}", request.token), ..request };
        let pasted_error = decode(&pasted).unwrap_err();
        assert_eq!(pasted_error.location().unwrap().span, Some(32..33));
        assert_eq!(pasted_error.body(), error.body(), "`position` counts in the token itself");
    }

    #[test]
    fn a_bearer_prefix_and_an_authorization_header_are_removed() {
        for token in [
            format!("  Bearer {TOKEN}\n"),
            format!("Authorization: Bearer {TOKEN}"),
            format!("authorization:\tbearer  {TOKEN}"),
        ] {
            let analysis = decode(&DecodeRequest { token, ..DecodeRequest::default() }).unwrap();
            assert!(analysis.bearer_prefix_removed);
            assert_eq!(analysis.parts.signature, TOKEN.rsplit('.').next().unwrap());
        }
        let plain = decode(&DecodeRequest { token: TOKEN.into(), ..DecodeRequest::default() });
        assert!(!plain.unwrap().bearer_prefix_removed);
        let json = r#"{"token": "x", "pasted": true}"#;
        assert!(serde_json::from_str::<DecodeRequest>(json).is_err(), "no such field");
    }

    #[test]
    fn leeway_is_checked_before_the_token() {
        let request = DecodeRequest {
            token: "x".into(),
            leeway: Some((MAX_LEEWAY + 1).into()),
            ..Default::default()
        };
        let error = decode(&request).unwrap_err();
        assert_eq!(
            (error.kind(), error.details()["field"].as_str()),
            ("invalid_leeway", Some("leeway"))
        );
        let request = DecodeRequest { leeway: Some(MAX_LEEWAY.into()), ..request };
        assert_eq!(decode(&request).unwrap_err().kind(), "malformed_token");
    }

    #[test]
    fn leeway_and_now_from_json_and_from_text_get_one_answer() {
        let from_json = |json: &str| {
            let request: DecodeRequest = serde_json::from_str(json).unwrap();
            decode(&request).unwrap_err()
        };
        let from_text = |leeway: &str, now: &str| {
            let request = DecodeRequest {
                token: "x".into(),
                leeway: Some(leeway.into()),
                now: Some(now.into()),
                ..Default::default()
            };
            decode(&request).unwrap_err()
        };
        for (json, text) in
            [(r#"{"token": "x", "leeway": -5}"#, "-5"), (r#"{"token": "x", "leeway": 1.5}"#, "1.5")]
        {
            let (json, text) = (from_json(json), from_text(text, ""));
            assert_eq!(json.body(), text.body());
            assert_eq!(json.kind(), "invalid_leeway");
        }
        assert_eq!(
            from_text("abc", "").message(),
            "The leeway must be a whole number of seconds from 0 to 31622400; \"abc\" is not."
        );
        let json = from_json(r#"{"token": "x", "now": 12.5}"#);
        assert_eq!(json.body(), from_text(" ", "12.5").body());
        assert_eq!((json.kind(), json.details()["field"].as_str()), ("invalid_now", Some("now")));
        assert_eq!(from_text(" 60 ", " -1 ").kind(), "malformed_token", "trimmed, and before 1970");
        assert!(
            serde_json::from_str::<DecodeRequest>(r#"{"token": "x", "leeway": "60"}"#).is_err()
        );
        assert_eq!(serde_json::to_string(&Seconds::from("-5")).unwrap(), "-5");
    }

    #[test]
    fn sign_errors_name_their_field() {
        let object = |text: &str| JsonObject::parse(text).unwrap();
        let request = EncodeRequest {
            header: object(r#"{"alg": "none"}"#),
            payload: object("{}"),
            key: "k".into(),
            key_encoding: None,
        };
        let error = encode(&request).unwrap_err();
        assert_eq!(
            (error.kind(), error.location().unwrap().part.as_deref()),
            ("invalid_header", Some("header"))
        );
        let request = EncodeRequest { header: object(r#"{"alg": "HS256"}"#), ..request };
        let token = encode(&request).unwrap().token;
        let decoded = decode(&DecodeRequest { token, key: Some("k".into()), ..Default::default() });
        assert_eq!(decoded.unwrap().verification.status, crate::VerificationStatus::Valid);
        let request = EncodeRequest { payload: object(r#"{"a": 1, "a": 2}"#), ..request };
        let error = encode(&request).unwrap_err();
        assert_eq!(
            (error.kind(), error.location().unwrap().part.as_deref()),
            ("invalid_payload", Some("payload"))
        );
    }

    #[test]
    fn a_secret_shorter_than_the_hash_is_signed_with_a_warning() {
        let request = |alg: &str, key: String, key_encoding| EncodeRequest {
            header: JsonObject::parse(&format!(r#"{{"alg": "{alg}"}}"#)).unwrap(),
            payload: JsonObject::parse(r#"{"a": 1}"#).unwrap(),
            key,
            key_encoding,
        };
        let warned =
            |alg, key: String, encoding| encode(&request(alg, key, encoding)).unwrap().warnings;
        let warnings = warned("HS256", "x".into(), None);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("The secret has 1 bytes (8 bits); RFC 7518 §3.2 requires at least 32 bytes (256 bits) with HS256"), "{warnings:?}");
        assert!(warned("HS512", "k".repeat(32), None)[0].contains("64 bytes"));
        assert!(warned("HS384", "k".repeat(47), None)[0].contains("48 bytes"));
        assert_eq!(warned("HS256", "k".repeat(32), None), Vec::<String>::new());
        assert_eq!(warned("HS512", "k".repeat(64), None), Vec::<String>::new());
        // Counted in bytes of the secret, after base64 and from an oct JWK.
        assert!(!warned("HS256", "a2tr".into(), Some(KeyEncoding::Base64)).is_empty());
        let oct = r#"{"kty":"oct","k":"a2tr"}"#.to_owned();
        assert!(!warned("HS256", oct, None).is_empty());
    }

    #[test]
    fn an_empty_payload_is_a_jws_not_a_malformed_token() {
        // RFC 7515 §3: the payload can be any sequence of octets, none included; jose verifies this one.
        let request = DecodeRequest {
            token: "eyJhbGciOiJIUzI1NiJ9..UyQlH2Z-YtdvWk96F9QH5UvshaHsAeJjFtHLiD_HWak".into(),
            key: Some("k".repeat(32)),
            ..DecodeRequest::default()
        };
        let analysis = decode(&request).unwrap();
        assert_eq!(analysis.verification.status, crate::VerificationStatus::Valid);
        assert_eq!(analysis.time_status, TimeStatus::ClaimsUnreadable);
        let note = analysis.non_json_payload.unwrap();
        assert_eq!((note.text.as_deref(), note.problem), (Some(""), "empty_segment"));
        assert!(note.message.contains("The payload is empty"), "{}", note.message);
    }

    /// Arrays nested past serde_json's 128 levels are JSON (RFC 8259 §9 lets a parser set a depth limit), so the
    /// payload is one this decoder cannot read, not "not JSON".
    #[test]
    fn a_payload_nested_too_deep_is_unread_json_not_text() {
        use base64::Engine as _;
        let encode = |text: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text);
        let payload = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let token = format!("{}.{}.c2ln", encode(r#"{"alg":"HS256"}"#), encode(&payload));
        let analysis = decode(&DecodeRequest { token, ..DecodeRequest::default() }).unwrap();
        let note = analysis.non_json_payload.unwrap();
        assert_eq!(note.problem, "too_deep");
        assert!(!note.message.contains("not JSON"), "{}", note.message);
        assert!(note.message.contains("more than 128 deep"), "{}", note.message);
    }

    #[test]
    fn the_api_signs_the_claims_in_the_order_of_its_body() {
        let body = r#"{"header": {"alg": "HS256", "typ": "JWT"}, "payload": {"sub": "1234567890", "name": "John Doe", "admin": true, "iat": 1516239022}, "key": "a-string-secret-at-least-256-bits-long"}"#;
        let request: EncodeRequest = serde_json::from_str(body).unwrap();
        let token = encode(&request).unwrap().token;
        // jwt.io's example token (see crate::sign's tests for how it was computed independently).
        assert!(token.ends_with(".KMUFsIDTnFmyG3nMiGM6H9FNFUROf3wh7SmqJp-QV30"), "{token}");
        let not_object = r#"{"header": [], "payload": {}, "key": "k"}"#;
        assert!(serde_json::from_str::<EncodeRequest>(not_object).is_err(), "invalid_request");
    }
}
