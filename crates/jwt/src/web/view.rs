//! What the API answers and the page shows: a decoded token analysed, a malformed one explained.

use crate::{
    Claim, ClaimCheck, Clock, DecodeError, HeaderExplanation, Key, KeyEncoding, Malformed, Partial,
    TimeStatus, Token, Verification, check_claims, decode, decode_pasted, explain_claims,
    explain_header, parse_key, rfc3339, time_status, verify,
};
use serde::Serialize;
use serde_json::{Map, Value};

/// Everything known about a token that decoded: the body of `POST /api/jwt/decode`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = JwtAnalysis)]
pub struct Analysis {
    /// The JOSE header.
    #[schema(value_type = Object)]
    pub header: Map<String, Value>,
    /// The claims.
    #[schema(value_type = Object)]
    pub payload: Map<String, Value>,
    /// The signature in base64url, as sent.
    pub signature: String,
    /// The signature in hex.
    pub signature_hex: String,
    /// The header's `alg`, when a string.
    pub alg: Option<String>,
    /// Every claim explained: `{name, label, value, note, ...}`.
    #[schema(value_type = Vec<Object>)]
    pub claims: Vec<Claim>,
    /// `valid`, `expired`, `not_yet_valid` or `no_time_claims`.
    #[schema(value_type = String)]
    pub time_status: TimeStatus,
    /// The time status in words.
    pub time_message: String,
    /// The verdict on the signature: `{status, message, ...}`.
    #[schema(value_type = Object)]
    pub verification: Verification,
    /// `iss` and `aud` checked against the expected values, when some were given.
    #[schema(value_type = Vec<Object>)]
    pub claim_checks: Vec<ClaimCheck>,
    /// Header parameters explained, with warnings.
    #[schema(value_type = Object)]
    pub header_explained: HeaderExplanation,
    /// The three base64url parts as sent.
    pub parts: Parts,
    /// The moment times were judged against, Unix seconds and RFC 3339.
    pub now: i64,
    /// The same moment as an RFC 3339 UTC time.
    pub now_time: Option<String>,
    /// Seconds of leeway applied.
    pub leeway: u64,
    /// Whether a leading `Bearer ` was removed.
    pub bearer_prefix_removed: bool,
    /// The header's JSON text as sent, for display in its own member order.
    #[serde(skip)]
    pub header_text: String,
    /// The payload's JSON text as sent.
    #[serde(skip)]
    pub payload_text: String,
}

/// The three parts of a compact token.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = JwtParts)]
pub struct Parts {
    /// First part.
    pub header: String,
    /// Second part.
    pub payload: String,
    /// Third part.
    pub signature: String,
}

/// What to analyse.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The token text.
    pub token: &'a str,
    /// The key text, if any (empty counts as none).
    pub key: Option<&'a str>,
    /// How a secret is written.
    pub key_encoding: KeyEncoding,
    /// Now and the leeway.
    pub clock: Clock,
    /// Whether to forgive surrounding whitespace and a `Bearer ` prefix (for the page, not the API).
    pub pasted: bool,
    /// The issuer the verifier expects, if any.
    pub issuer: Option<&'a str>,
    /// The audience the verifier expects, if any.
    pub audience: Option<&'a str>,
}

/// Decodes, explains and verifies.
pub fn analyse<'a>(request: Request<'a>) -> Result<Analysis, Malformed> {
    let token = if request.pasted { decode_pasted(request.token)? } else { decode(request.token)? };
    let verification = match request.key.map(str::trim).filter(|key| !key.is_empty()) {
        None => Verification::not_checked(&token),
        Some(_) => {
            let text = request.key.unwrap_or_default();
            match parse_key(text, request.key_encoding) {
                Ok(key) => verify(&token, &key),
                Err(error) => Verification::bad_key(&token, &error),
            }
        }
    };
    let mut analysis = build(&token, verification, request.clock);
    let expected = |value: Option<&'a str>| value.map(str::trim).filter(|value| !value.is_empty());
    analysis.claim_checks =
        check_claims(token.payload(), expected(request.issuer), expected(request.audience));
    Ok(analysis)
}

fn build(token: &Token, verification: Verification, clock: Clock) -> Analysis {
    let [header_part, payload_part, signature_part] = token.parts();
    let time = time_status(token.payload(), clock);
    Analysis {
        header: token.header().clone(),
        payload: token.payload().clone(),
        signature: signature_part.to_owned(),
        signature_hex: hex(token.signature()),
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
        header_text: token.header_json().to_owned(),
        payload_text: token.payload_json().to_owned(),
    }
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// A malformed token as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct MalformedView {
    /// What is wrong.
    pub message: String,
    /// The kind, snake_case.
    pub problem: &'static str,
    /// The part at fault.
    pub segment: Option<&'static str>,
    /// The character position at fault.
    pub position: Option<usize>,
    /// Whether it is a JWE.
    pub encrypted: bool,
    /// Raw parts with their state, for colouring.
    pub parts: Vec<PartView>,
    /// The header pretty-printed, when it decoded.
    pub header_json: Option<String>,
    /// The header explained, when it decoded.
    pub header_explained: Option<HeaderExplanation>,
    /// The payload pretty-printed, when it is JSON.
    pub payload_json: Option<String>,
    /// The payload text, when it is UTF-8 but not JSON.
    pub payload_text: Option<String>,
}

/// One raw part of a malformed token.
#[derive(Debug, Clone, Serialize)]
pub struct PartView {
    /// `header`, `payload`, `signature` or `extra`.
    pub role: &'static str,
    /// The text (cut to a readable length).
    pub text: String,
    /// Whether this part is the one at fault.
    pub bad: bool,
}

impl MalformedView {
    /// The page's view of a decoding failure.
    pub fn new(malformed: &Malformed) -> Self {
        let error = &malformed.error;
        let partial: &Partial = &malformed.partial;
        let encrypted = matches!(error, DecodeError::Encrypted);
        let roles: &[&'static str] = if encrypted {
            &["header", "encrypted-key", "iv", "ciphertext", "tag"]
        } else {
            &["header", "payload", "signature"]
        };
        let segment = error.segment().map(|segment| segment.name());
        let parts = partial
            .parts
            .iter()
            .enumerate()
            .map(|(index, text)| {
                let role = roles.get(index).copied().unwrap_or("extra");
                let shown: String = text.chars().take(4000).collect();
                PartView { role, text: shown, bad: segment == Some(role) || role == "extra" }
            })
            .collect();
        MalformedView {
            message: error.to_string(),
            problem: error.kind(),
            segment,
            position: error.position(),
            encrypted,
            parts,
            header_json: partial.header.as_ref().map(pretty),
            header_explained: partial.header.as_ref().map(|header| {
                let explained = explain_header(header);
                if encrypted { as_jwe(explained) } else { explained }
            }),
            payload_json: partial.payload.as_ref().map(pretty),
            payload_text: partial.payload_text.clone(),
        }
    }
}

/// A JWE's protected header explained as one: `alg` manages the content key and `enc` encrypts, which for a
/// JWS would be warnings.
fn as_jwe(mut explained: HeaderExplanation) -> HeaderExplanation {
    explained.warnings.retain(|warning| !matches!(warning.code, "alg_unknown" | "jwe_params"));
    for param in &mut explained.params {
        if param.name == "alg" {
            param.description = Some(
                "Key management algorithm: how the content encryption key is protected for the recipient.",
            );
        }
    }
    if let Some(alg) = &mut explained.alg {
        alg.description = format!(
            "{} protects the content encryption key; decrypting needs the recipient's key.",
            alg.name
        );
    }
    explained
}

/// JSON text pretty-printed with its members in their original order (a `Map` would sort them).
pub fn pretty_text(json: &str) -> String {
    let mut out = Vec::with_capacity(json.len() * 2);
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let mut serializer = serde_json::Serializer::pretty(&mut out);
    match serde_transcode::transcode(&mut deserializer, &mut serializer) {
        Ok(()) => String::from_utf8(out).unwrap_or_else(|_| json.to_owned()),
        Err(_) => json.to_owned(),
    }
}

/// Pretty-printed JSON.
pub fn pretty<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// Whether a key text is a secret (so the encoding choice matters) — for the page's hint.
pub fn key_kind(text: &str, encoding: KeyEncoding) -> Option<&'static str> {
    match parse_key(text, encoding).ok()? {
        Key::Secret(_) => Some("HMAC secret"),
        Key::Pem(pem) if pem.label.contains("PRIVATE") => {
            Some("PEM private key (its public half is used)")
        }
        Key::Pem(pem) if pem.label == "CERTIFICATE" => Some("X.509 certificate"),
        Key::Pem(_) => Some("PEM public key"),
        Key::Jwk(_) => Some("JWK"),
        Key::Jwks(_) => Some("JWK Set"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_text_keeps_member_order() {
        assert_eq!(
            pretty_text(r#"{"typ":"JWT","alg":"HS256"}"#),
            "{\n  \"typ\": \"JWT\",\n  \"alg\": \"HS256\"\n}"
        );
        assert_eq!(pretty_text("not json"), "not json");
    }

    #[test]
    fn hex_is_lowercase_and_padded() {
        assert_eq!(hex(&[0, 15, 255]), "000fff");
    }

    #[test]
    fn malformed_view_marks_the_bad_part() {
        let malformed = decode("eyJhbGciOiJIUzI1NiJ9.e+30.sig").unwrap_err();
        let view = MalformedView::new(&malformed);
        assert_eq!(view.segment, Some("payload"));
        assert_eq!(view.problem, "invalid_base64url_character");
        assert!(view.parts[1].bad && !view.parts[0].bad);
        assert!(view.header_json.unwrap().contains("HS256"));
    }

    #[test]
    fn jwe_headers_are_explained_as_jwe() {
        let malformed =
            decode("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d").unwrap_err();
        let view = MalformedView::new(&malformed);
        assert!(view.encrypted);
        assert_eq!(view.parts.len(), 5);
        let explained = view.header_explained.unwrap();
        assert!(explained.warnings.is_empty(), "{:?}", explained.warnings);
        assert!(explained.params[0].description.unwrap().contains("Key management"));
    }
}
