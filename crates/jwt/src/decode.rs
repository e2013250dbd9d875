//! Decoding for display: split the compact form, base64url-decode each part, parse header and payload.
//!
//! This is our own rather than jsonwebtoken's `decode_header`/`insecure_decode`, because those refuse tokens with
//! an algorithm they do not implement (`none` among them) and stop at the first problem, while the page must show
//! every part that did decode and say exactly where the others are broken.

use crate::algorithm::Algorithm;
use crate::error::{DecodeError, Segment};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// Longest token accepted, in bytes. Real tokens are a few kilobytes; even one carrying a certificate chain in
/// `x5c` stays far below this.
pub const MAX_TOKEN_LEN: usize = 64 * 1024;

/// A decoded JWS in compact form. Nothing here is verified.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    text: String,
    header_json: String,
    payload_json: String,
    header: Map<String, Value>,
    payload: Map<String, Value>,
    /// The payload's bytes and why they are not read as claims, when they are not a JSON object this decoder
    /// reads (a JWS but not a JWT claims set).
    raw_payload: Option<NonJson>,
    signature: Vec<u8>,
    bearer_prefix: bool,
}

/// A payload that is not read as claims: its bytes, and why.
#[derive(Debug, Clone, PartialEq)]
struct NonJson {
    bytes: Vec<u8>,
    why: DecodeError,
}

/// Whatever decoded of a malformed token.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Partial {
    /// The header, when it is a JSON object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header: Option<Map<String, Value>>,
    /// The payload, when it is JSON (of any type).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<Value>,
    /// The payload as text, when it is UTF-8 but not JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload_text: Option<String>,
    /// The signature in base64url, when that part decodes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
    /// The raw dot-separated parts (empty for a token over the size limit).
    pub parts: Vec<String>,
    /// True when some part carried `=` padding, which RFC 7515 §2 forbids, and `header`, `payload`,
    /// `payload_text` or `signature` were decoded only after removing it, for debugging (as jwt.io does): the
    /// token is still NOT valid. Absent otherwise.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub decoded_without_padding: bool,
}

/// A token that could not be decoded: why, and what did decode.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{error}")]
pub struct Malformed {
    /// The first problem, in header–payload–signature order.
    pub error: DecodeError,
    /// Every part that did decode (boxed: it can hold two JSON documents).
    pub partial: Box<Partial>,
}

impl Token {
    /// The compact token as decoded.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The three base64url parts as sent.
    pub fn parts(&self) -> [&str; 3] {
        let mut parts = self.text.splitn(3, '.');
        let mut next = || parts.next().unwrap_or_default();
        [next(), next(), next()]
    }

    /// The JWS signing input (RFC 7515 §5.2): the ASCII of the first two parts exactly as sent, with their dot.
    pub fn signing_input(&self) -> &str {
        let [header, payload, _] = self.parts();
        &self.text[..header.len() + 1 + payload.len()]
    }

    /// The header's JSON text, as the token has it.
    pub fn header_json(&self) -> &str {
        &self.header_json
    }

    /// The payload's JSON text, as the token has it; for a payload that is not JSON, its text (UTF-8, lossily)
    /// or, when it is not UTF-8, its bytes in lowercase hex.
    pub fn payload_json(&self) -> &str {
        &self.payload_json
    }

    /// The payload's bytes when they are not JSON: the token is then a valid JWS (RFC 7515 allows any octets,
    /// RFC 8037 §A.4 signs a sentence) but not a JWT claims set, and [`Token::payload`] is empty.
    pub fn non_json_payload(&self) -> Option<&[u8]> {
        self.raw_payload.as_ref().map(|payload| payload.bytes.as_slice())
    }

    /// Why the payload is not read as claims, when [`Token::non_json_payload`] has its bytes: not UTF-8
    /// ([`DecodeError::NotUtf8`]), not JSON ([`DecodeError::NotJson`]), or valid JSON this decoder cannot read
    /// ([`DecodeError::NumberOutOfRange`], [`DecodeError::UnpairedSurrogate`]), a leading byte-order mark
    /// ([`DecodeError::ByteOrderMark`]) or no octets at all ([`DecodeError::EmptySegment`]).
    pub fn payload_problem(&self) -> Option<&DecodeError> {
        self.raw_payload.as_ref().map(|payload| &payload.why)
    }

    /// The JOSE header.
    pub fn header(&self) -> &Map<String, Value> {
        &self.header
    }

    /// The claims.
    pub fn payload(&self) -> &Map<String, Value> {
        &self.payload
    }

    /// The signature bytes.
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// The signature in base64url, as sent.
    pub fn signature_b64(&self) -> &str {
        self.parts()[2]
    }

    /// The header's `alg` when it is a string.
    pub fn alg(&self) -> Option<&str> {
        self.header.get("alg").and_then(Value::as_str)
    }

    /// The header's `alg` when it names an algorithm this crate knows.
    pub fn algorithm(&self) -> Option<Algorithm> {
        self.alg().and_then(Algorithm::from_name)
    }

    /// The header's `kid` when it is a string.
    pub fn kid(&self) -> Option<&str> {
        self.header.get("kid").and_then(Value::as_str)
    }

    /// Whether a leading `Bearer ` (as in an `Authorization` header) was removed.
    pub fn had_bearer_prefix(&self) -> bool {
        self.bearer_prefix
    }
}

/// Decodes a compact JWS for display, strictly: every part must be canonical base64url without padding, header
/// and payload JSON objects with unique member names, and `exp`, `nbf` and `iat` numbers. Nothing is verified.
///
/// A payload that is not read as JSON (not UTF-8; UTF-8 that does not parse; valid JSON this decoder cannot read,
/// with a number beyond a 64-bit float or an unpaired surrogate escape; JSON after a byte-order mark) is not an
/// error: the token is a valid JWS but not a JWT, [`Token::non_json_payload`] has its bytes,
/// [`Token::payload_problem`] says why, and [`Token::payload`] is empty. A payload that is JSON but not an
/// object is still an error.
///
/// Whitespace anywhere, even around the token, is an error, as it is for a JOSE library; [`decode_pasted`] is the
/// forgiving variant for text a person pasted.
pub fn decode(input: &str) -> Result<Token, Malformed> {
    decode_text(input, input, false)
}

/// Like [`decode`], after removing surrounding whitespace and a leading `Bearer ` or `Authorization: Bearer `
/// (as copied from an HTTP request; both words in any case, any whitespace around them);
/// [`Token::had_bearer_prefix`] tells whether there was one. [`pasted_token`] tells where the token starts.
pub fn decode_pasted(input: &str) -> Result<Token, Malformed> {
    let (text, _, bearer_prefix) = pasted_token(input);
    decode_text(input, text, bearer_prefix)
}

/// The token [`decode_pasted`] reads in `input`: the text without surrounding whitespace and without a leading
/// `Bearer ` or `Authorization: Bearer `, its byte offset in `input`, and whether such a prefix was removed.
pub fn pasted_token(input: &str) -> (&str, usize, bool) {
    let trimmed = input.trim();
    let (text, bearer_prefix) = strip_bearer(trimmed);
    // `text` ends where `trimmed` ends, which is where `input` ends without its trailing whitespace.
    (text, input.trim_end().len() - text.len(), bearer_prefix)
}

fn decode_text(input: &str, text: &str, bearer_prefix: bool) -> Result<Token, Malformed> {
    let malformed = |error| Malformed { error, partial: Box::default() };
    if input.len() > MAX_TOKEN_LEN {
        return Err(malformed(DecodeError::TooLong { len: input.len(), limit: MAX_TOKEN_LEN }));
    }
    if text.trim().is_empty() {
        return Err(malformed(DecodeError::Empty));
    }
    let raw_parts: Vec<&str> = text.split('.').collect();
    let mut partial = Partial {
        parts: raw_parts.iter().map(|part| (*part).to_owned()).collect(),
        ..Partial::default()
    };
    let mut first_error: Option<DecodeError> = None;
    let mut note = |error: DecodeError| {
        first_error.get_or_insert(error);
    };

    match raw_parts.len() {
        3 => {}
        5 => {
            if let Ok((_, header)) = decode_object(text, 0, Segment::Header) {
                partial.header = Some(header);
            }
            return Err(Malformed { error: DecodeError::Encrypted, partial: Box::new(partial) });
        }
        parts => note(DecodeError::SegmentCount { parts }),
    }

    let header = raw_parts.first().map(|_| decode_object(text, 0, Segment::Header));
    let header = match header {
        Some(Ok((json, header))) => {
            partial.header = Some(header.clone());
            match check_header_types(&header) {
                Ok(()) => Some((json, header)),
                Err(error) => {
                    note(error);
                    None
                }
            }
        }
        Some(Err(error)) => {
            note(error);
            None
        }
        None => None,
    };

    let payload = if raw_parts.len() >= 2 {
        match decode_payload(text, &mut partial) {
            Ok((json, payload)) => Some((json, payload, None)),
            Err(
                error @ (DecodeError::NotJson { .. }
                | DecodeError::NotUtf8 { .. }
                | DecodeError::NumberOutOfRange { .. }
                | DecodeError::TooDeep { .. }
                | DecodeError::UnpairedSurrogate { .. }
                | DecodeError::ByteOrderMark { .. }
                | DecodeError::EmptySegment { segment: Segment::Payload }),
            ) if raw_parts.len() == 3 => {
                // A JWS payload is any octets (RFC 7515 §3), none included: not a claims set, but not malformed
                // either.
                let bytes = segment_bytes(text, 1).unwrap_or_default();
                let shown = match std::str::from_utf8(&bytes) {
                    Ok(text) => text.to_owned(),
                    Err(_) => hex::encode(&bytes),
                };
                Some((shown, Map::new(), Some(NonJson { bytes, why: error })))
            }
            Err(error) => {
                note(error);
                None
            }
        }
    } else {
        None
    };

    let signature = if raw_parts.len() >= 3 {
        match segment_bytes(text, 2) {
            Ok(bytes) => {
                partial.signature = Some(raw_parts[2].to_owned());
                Some(bytes)
            }
            Err(error) => {
                note(error);
                None
            }
        }
    } else {
        None
    };

    match (first_error, header, payload, signature) {
        (
            None,
            Some((header_json, header)),
            Some((payload_json, payload, raw_payload)),
            Some(signature),
        ) => Ok(Token {
            text: text.to_owned(),
            header_json,
            payload_json,
            header,
            payload,
            raw_payload,
            signature,
            bearer_prefix,
        }),
        (error, ..) => Err(Malformed {
            partial: {
                decode_ignoring_padding(&raw_parts, &mut partial);
                Box::new(partial)
            },
            error: error.unwrap_or(DecodeError::SegmentCount { parts: raw_parts.len() }),
        }),
    }
}

/// Fills in the parts of `partial` that decode once trailing `=` padding is removed, and marks it so.
fn decode_ignoring_padding(raw_parts: &[&str], partial: &mut Partial) {
    if !raw_parts.iter().any(|part| part.ends_with('=')) {
        return;
    }
    let stripped: Vec<&str> = raw_parts.iter().map(|part| part.trim_end_matches('=')).collect();
    let text = stripped.join(".");
    let mut recovered = false;
    if partial.header.is_none()
        && raw_parts[0].ends_with('=')
        && let Ok((_, header)) = decode_object(&text, 0, Segment::Header)
    {
        partial.header = Some(header);
        recovered = true;
    }
    if stripped.len() >= 2
        && raw_parts[1].ends_with('=')
        && partial.payload.is_none()
        && partial.payload_text.is_none()
        && let Ok(json) = segment_text(&text, 1)
    {
        match serde_json::from_str::<Value>(&json) {
            Ok(value) => partial.payload = Some(value),
            Err(_) => partial.payload_text = Some(json),
        }
        recovered = true;
    }
    if stripped.len() >= 3
        && raw_parts[2].ends_with('=')
        && partial.signature.is_none()
        && segment_bytes(&text, 2).is_ok()
    {
        partial.signature = Some(stripped[2].to_owned());
        recovered = true;
    }
    partial.decoded_without_padding = recovered;
}

fn strip_bearer(text: &str) -> (&str, bool) {
    let header_value = strip_word(text, "authorization")
        .and_then(|rest| rest.trim_start().strip_prefix(':'))
        .map(str::trim_start);
    match strip_word(header_value.unwrap_or(text), "bearer") {
        Some(rest) if rest.is_empty() || rest.starts_with(char::is_whitespace) => {
            (rest.trim_start(), true)
        }
        _ => (text, false),
    }
}

/// `text` after a leading `word` in any ASCII case.
fn strip_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let head = text.get(..word.len())?;
    head.eq_ignore_ascii_case(word).then(|| &text[word.len()..])
}

/// Byte range of part `index` within `text`, and its starting character position.
fn segment_span(text: &str, index: usize) -> (usize, &str) {
    let mut start = 0;
    for (i, part) in text.split('.').enumerate() {
        if i == index {
            return (text[..start].chars().count(), part);
        }
        start += part.len() + 1;
    }
    (text.chars().count(), "")
}

/// The decoded bytes of part `index`, with errors that name the character at fault.
fn segment_bytes(text: &str, index: usize) -> Result<Vec<u8>, DecodeError> {
    let segment = Segment::at(index);
    let (char_start, part) = segment_span(text, index);
    // Find a character outside the alphabet first: the base64 crate reports byte offsets and stops at the first
    // bad byte of a multi-byte character, while the message should name the character.
    if let Some((offset, found)) = part
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        let hint = match found {
            '+' | '/' => {
                "This is standard base64; base64url uses '-' and '_' instead of '+' and '/'."
            }
            '=' => "JWS parts are base64url without '=' padding (RFC 7515 §2).",
            c if c.is_whitespace() => {
                "Tokens contain no whitespace; the token was probably wrapped or pasted with a line break."
            }
            _ => "Only A–Z, a–z, 0–9, '-' and '_' may appear.",
        };
        return Err(DecodeError::InvalidCharacter {
            segment,
            found,
            position: char_start + offset,
            offset,
            hint,
        });
    }
    URL_SAFE_NO_PAD.decode(part).map_err(|error| match error {
        base64::DecodeError::InvalidLastSymbol(offset, byte) => DecodeError::NonCanonical {
            segment,
            found: char::from(byte),
            position: char_start + offset,
        },
        _ => DecodeError::InvalidLength { segment, len: part.len() },
    })
}

fn segment_text(text: &str, index: usize) -> Result<String, DecodeError> {
    let segment = Segment::at(index);
    let bytes = segment_bytes(text, index)?;
    if bytes.is_empty() {
        return Err(DecodeError::EmptySegment { segment });
    }
    String::from_utf8(bytes).map_err(|error| DecodeError::NotUtf8 {
        segment,
        byte_offset: error.utf8_error().valid_up_to(),
    })
}

fn parse_json(segment: Segment, json: &str) -> Result<Value, DecodeError> {
    serde_json::from_str::<Value>(json).map_err(|error| json_error(segment, json, &error))
}

/// Why `json` did not parse, as the error for `segment`: what is valid JSON but beyond serde_json (a huge number,
/// an unpaired surrogate) and a leading byte-order mark are told apart from text that is not JSON.
fn json_error(segment: Segment, json: &str, error: &serde_json::Error) -> DecodeError {
    use crate::json_error::Problem;
    let problem = crate::json_error::diagnose(json, error);
    let (line, column, byte_offset) = (problem.line, problem.column, problem.byte);
    match problem.problem {
        Problem::ByteOrderMark => DecodeError::ByteOrderMark { segment },
        Problem::NumberOutOfRange => DecodeError::NumberOutOfRange {
            segment,
            number: shorten(&problem.quoted, 40),
            line,
            column,
            byte_offset,
        },
        Problem::TooDeep => DecodeError::TooDeep { segment, line, column, byte_offset },
        Problem::UnpairedSurrogate => DecodeError::UnpairedSurrogate {
            segment,
            escape: problem.quoted,
            line,
            column,
            byte_offset,
        },
        Problem::Empty | Problem::Syntax => {
            DecodeError::NotJson { segment, detail: problem.detail, line, column }
        }
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let head: String = text.chars().take(max).collect();
    format!("{head}…")
}

fn into_object(
    segment: Segment,
    json: &str,
    value: Value,
) -> Result<Map<String, Value>, DecodeError> {
    let Value::Object(object) = value else {
        return Err(DecodeError::NotObject { segment, found: json_type(&value) });
    };
    let checked: UniqueCheck =
        serde_json::from_str(json).map_err(|error| json_error(segment, json, &error))?;
    if let Some(name) = checked.duplicate {
        return Err(DecodeError::DuplicateMember { segment, name });
    }
    Ok(object)
}

fn decode_object(
    text: &str,
    index: usize,
    segment: Segment,
) -> Result<(String, Map<String, Value>), DecodeError> {
    let json = segment_text(text, index)?;
    let value = parse_json(segment, &json)?;
    let object = into_object(segment, &json, value)?;
    Ok((json, object))
}

fn decode_payload(
    text: &str,
    partial: &mut Partial,
) -> Result<(String, Map<String, Value>), DecodeError> {
    let segment = Segment::Payload;
    let json = segment_text(text, 1)?;
    let value = match parse_json(segment, &json) {
        Ok(value) => value,
        Err(error) => {
            partial.payload_text = Some(json);
            return Err(error);
        }
    };
    partial.payload = Some(value.clone());
    let payload = into_object(segment, &json, value)?;
    if let Some((name, value)) = crate::claims::non_numeric_date(&payload) {
        return Err(DecodeError::InvalidTimeClaim { name, found: json_type(value) });
    }
    Ok((json, payload))
}

/// Registered header parameters and the JSON type RFC 7515 §4.1 (and RFC 7797 for `b64`) gives them.
const HEADER_TYPES: &[(&str, &str)] = &[
    ("alg", "a string"),
    ("b64", "a boolean"),
    ("crit", "an array of strings"),
    ("cty", "a string"),
    ("enc", "a string"),
    ("jku", "an http(s) URL"),
    ("jwk", "an object"),
    ("kid", "a string"),
    ("typ", "a string"),
    ("x5c", "an array of strings"),
    ("x5t", "a string"),
    ("x5t#S256", "a string"),
    ("x5u", "an http(s) URL"),
    ("zip", "a string"),
];

/// Refuses registered header parameters of the wrong type, as JOSE libraries do: a verifier that let
/// `"kid": 5` through would pick keys differently from one that did not.
pub(crate) fn check_header_types(header: &Map<String, Value>) -> Result<(), DecodeError> {
    for (name, expected) in HEADER_TYPES {
        let Some(value) = header.get(*name) else { continue };
        let fits = match *expected {
            "a string" => value.is_string(),
            "a boolean" => value.is_boolean(),
            "an object" => value.is_object(),
            "an array of strings" => {
                value.as_array().is_some_and(|items| items.iter().all(Value::is_string))
            }
            _ => value
                .as_str()
                .is_some_and(|url| url.starts_with("https://") || url.starts_with("http://")),
        };
        if !fits {
            let found =
                if value.is_string() { "a string that is not one" } else { json_type(value) };
            return Err(DecodeError::InvalidHeaderParam { name, expected, found });
        }
    }
    Ok(())
}

/// "an array", "a string" ...: the JSON type in words.
pub(crate) fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The first member name that a JSON object's text repeats, if any.
pub(crate) fn duplicate_member(json: &str) -> Option<String> {
    serde_json::from_str::<UniqueCheck>(json).ok().and_then(|checked| checked.duplicate)
}

/// Finds the first repeated member name of a JSON object, which `serde_json::Map` would silently collapse.
#[derive(Debug, Default)]
struct UniqueCheck {
    duplicate: Option<String>,
}

impl<'de> Deserialize<'de> for UniqueCheck {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CheckVisitor;
        impl<'de> Visitor<'de> for CheckVisitor {
            type Value = UniqueCheck;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UniqueCheck, A::Error> {
                let mut seen = std::collections::HashSet::new();
                let mut duplicate = None;
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    if !seen.insert(key.clone()) && duplicate.is_none() {
                        duplicate = Some(key);
                    }
                }
                Ok(UniqueCheck { duplicate })
            }
        }
        deserializer.deserialize_map(CheckVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(text: &str) -> String {
        URL_SAFE_NO_PAD.encode(text)
    }

    fn token(header: &str, payload: &str, signature: &str) -> String {
        format!("{}.{}.{signature}", b64(header), b64(payload))
    }

    const SIG: &str = "c2lnbmF0dXJl";

    #[test]
    fn decodes_a_token_and_keeps_its_signing_input() {
        let text = token(r#"{"alg":"HS256","typ":"JWT"}"#, r#"{"sub":"42","exp":10}"#, SIG);
        let decoded = decode_pasted(&format!("  Bearer {text}\n")).unwrap();
        assert!(decoded.had_bearer_prefix());
        assert_eq!(decoded.text(), text);
        assert_eq!(decoded.alg(), Some("HS256"));
        assert_eq!(decoded.algorithm(), Some(Algorithm::HS256));
        assert_eq!(decoded.payload()["sub"], "42");
        assert_eq!(decoded.signature(), b"signature");
        assert_eq!(decoded.signature_b64(), SIG);
        assert_eq!(decoded.signing_input(), text.rsplit_once('.').unwrap().0);
    }

    #[test]
    fn surrounding_whitespace_is_only_forgiven_when_pasted() {
        let text = token(r#"{"alg":"HS256"}"#, r#"{"sub":"42"}"#, SIG);
        let error = decode(&format!("{text}\n")).unwrap_err();
        assert!(matches!(
            error.error,
            DecodeError::InvalidCharacter { segment: Segment::Signature, found: '\n', .. }
        ));
        assert!(matches!(
            decode(&format!(" {text}")).unwrap_err().error,
            DecodeError::InvalidCharacter { position: 0, .. }
        ));
        assert!(matches!(
            decode(&format!("Bearer {text}")).unwrap_err().error,
            DecodeError::InvalidCharacter { .. }
        ));
        let pasted = decode_pasted(&format!(" {text}\n")).unwrap();
        assert!(!pasted.had_bearer_prefix());
        assert_eq!(pasted.text(), text);
    }

    #[test]
    fn an_authorization_header_is_forgiven_when_pasted() {
        let text = token(r#"{"alg":"HS256"}"#, r#"{"sub":"42"}"#, SIG);
        for pasted in [
            format!("Authorization: Bearer {text}"),
            format!("authorization:bearer\t{text}"),
            format!(" AUTHORIZATION :  BEARER\n {text}\r\n"),
            format!("bearer {text}"),
        ] {
            let decoded = decode_pasted(&pasted).unwrap();
            assert!(decoded.had_bearer_prefix(), "{pasted:?}");
            assert_eq!(decoded.text(), text);
            let (found, offset, removed) = pasted_token(&pasted);
            assert_eq!(
                (found, &pasted[offset..offset + found.len()], removed),
                (&*text, &*text, true)
            );
        }
        for kept in [format!("Bearer{text}"), format!("Authorization: {text}")] {
            assert!(!pasted_token(&kept).2, "{kept:?}");
            assert!(decode_pasted(&kept).is_err(), "{kept:?}");
        }
        assert_eq!(decode_pasted("Authorization: Bearer ").unwrap_err().error, DecodeError::Empty);
    }

    #[test]
    fn unsecured_tokens_decode_with_an_empty_signature() {
        let decoded = decode(&token(r#"{"alg":"none"}"#, r#"{"sub":"x"}"#, "")).unwrap();
        assert_eq!(decoded.alg(), Some("none"));
        assert!(decoded.signature().is_empty());
    }

    #[test]
    fn wrong_segment_counts_keep_what_decoded() {
        let two = format!("{}.{}", b64(r#"{"alg":"HS256"}"#), b64(r#"{"sub":"x"}"#));
        let error = decode(&two).unwrap_err();
        assert_eq!(error.error, DecodeError::SegmentCount { parts: 2 });
        assert_eq!(error.partial.header.unwrap()["alg"], "HS256");
        assert_eq!(error.partial.payload.unwrap()["sub"], "x");
        assert_eq!(decode("abc").unwrap_err().error, DecodeError::SegmentCount { parts: 1 });
        assert_eq!(decode("a.b.c.d").unwrap_err().error, DecodeError::SegmentCount { parts: 4 });
        assert_eq!(
            decode("a.b.c.d.e.f").unwrap_err().error,
            DecodeError::SegmentCount { parts: 6 }
        );
    }

    #[test]
    fn jwe_is_recognised_and_its_header_shown() {
        let jwe = format!("{}.a.b.c.d", b64(r#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#));
        let error = decode(&jwe).unwrap_err();
        assert_eq!(error.error, DecodeError::Encrypted);
        assert_eq!(error.partial.header.unwrap()["enc"], "A256GCM");
    }

    #[test]
    fn bad_characters_are_located_in_the_token() {
        let header = b64(r#"{"alg":"HS256"}"#);
        let text = format!("{header}.eyJz+WIiOiJ4In0.{SIG}");
        let error = decode(&text).unwrap_err();
        let position = header.len() + 1 + 4;
        assert_eq!(
            error.error,
            DecodeError::InvalidCharacter {
                segment: Segment::Payload,
                found: '+',
                position,
                offset: 4,
                hint: "This is standard base64; base64url uses '-' and '_' instead of '+' and '/'."
            }
        );
        assert_eq!(error.error.position(), Some(position));
        assert_eq!(error.partial.header.unwrap()["alg"], "HS256");
        assert_eq!(error.partial.signature.as_deref(), Some(SIG));

        let padded = decode(&format!("{header}.{}.{SIG}=", b64(r#"{"a":1}"#))).unwrap_err();
        assert!(matches!(
            padded.error,
            DecodeError::InvalidCharacter { segment: Segment::Signature, found: '=', .. }
        ));
        assert_eq!(padded.partial.signature.as_deref(), Some(SIG), "shown without its padding");
        assert!(padded.partial.decoded_without_padding);
        // jwt.io decodes padded parts for debugging; we show them too, marked, and still refuse the token.
        let padded_payload = format!("{header}.eyJhIjoxfQ==.{SIG}");
        let error = decode(&padded_payload).unwrap_err();
        assert_eq!(error.error.segment(), Some(Segment::Payload));
        assert_eq!(error.partial.payload, Some(serde_json::json!({"a": 1})));
        assert!(error.partial.decoded_without_padding);
        assert!(
            !decode(&format!("{header}.eyJ+.{SIG}")).unwrap_err().partial.decoded_without_padding
        );
        let spaced = decode(&format!("{header}.{}\n.{SIG}", b64(r#"{"a":1}"#))).unwrap_err();
        assert!(matches!(spaced.error, DecodeError::InvalidCharacter { found: '\n', .. }));
        let unicode = decode(&format!("é{header}.e30.{SIG}")).unwrap_err();
        assert!(matches!(
            unicode.error,
            DecodeError::InvalidCharacter { found: 'é', position: 0, .. }
        ));
    }

    #[test]
    fn impossible_lengths_and_non_canonical_endings_are_refused() {
        let header = b64(r#"{"alg":"HS256"}"#);
        let error = decode(&format!("{header}.e30.abcde")).unwrap_err();
        assert_eq!(error.error, DecodeError::InvalidLength { segment: Segment::Signature, len: 5 });
        // "e31" decodes to "{}" with a stray bit: the canonical form is "e30".
        let error = decode(&format!("{header}.e31.{SIG}")).unwrap_err();
        assert!(matches!(
            error.error,
            DecodeError::NonCanonical { segment: Segment::Payload, found: '1', .. }
        ));
    }

    #[test]
    fn json_problems_are_named() {
        let error = decode(&token("not json", "{}", SIG)).unwrap_err();
        assert!(matches!(
            error.error,
            DecodeError::NotJson { segment: Segment::Header, line: 1, .. }
        ));
        let error = decode(&token(r#"["alg"]"#, "{}", SIG)).unwrap_err();
        assert_eq!(
            error.error,
            DecodeError::NotObject { segment: Segment::Header, found: "an array" }
        );
        // A payload that is not JSON is a JWS but not a JWT: decoded, with its bytes.
        let text = decode(&token(r#"{"alg":"HS256"}"#, "hello", SIG)).unwrap();
        assert_eq!(text.non_json_payload(), Some(&b"hello"[..]));
        assert_eq!((text.payload_json(), text.payload().len()), ("hello", 0));
        let two = format!("{}.{}", b64(r#"{"alg":"HS256"}"#), b64("hello"));
        let error = decode(&two).unwrap_err();
        assert_eq!(error.partial.payload_text.as_deref(), Some("hello"));
        let error = decode(&token(r#"{"alg":"HS256"}"#, "42", SIG)).unwrap_err();
        assert_eq!(
            error.error,
            DecodeError::NotObject { segment: Segment::Payload, found: "a number" }
        );
        assert_eq!(error.partial.payload, Some(Value::from(42)));
        // No octets at all are a payload too (RFC 7515 §3): a JWS, not a JWT.
        let empty = decode(&format!("{}..{SIG}", b64(r#"{"alg":"HS256"}"#))).unwrap();
        assert_eq!(empty.non_json_payload(), Some(&b""[..]));
        assert_eq!(
            empty.payload_problem(),
            Some(&DecodeError::EmptySegment { segment: Segment::Payload })
        );
        let error = decode(&format!("..{SIG}")).unwrap_err();
        assert_eq!(error.error, DecodeError::EmptySegment { segment: Segment::Header });
        let error =
            decode(&format!("{}.{}.{SIG}", URL_SAFE_NO_PAD.encode([0xff, 0xfe]), b64("{}")))
                .unwrap_err();
        assert_eq!(error.error, DecodeError::NotUtf8 { segment: Segment::Header, byte_offset: 0 });
    }

    #[test]
    fn duplicate_members_are_refused() {
        let error = decode(&token(r#"{"alg":"HS256","alg":"none"}"#, "{}", SIG)).unwrap_err();
        assert_eq!(
            error.error,
            DecodeError::DuplicateMember { segment: Segment::Header, name: "alg".into() }
        );
        let error = decode(&token(r#"{"alg":"HS256"}"#, r#"{"exp":1,"sub":"a","exp":2}"#, SIG))
            .unwrap_err();
        assert_eq!(
            error.error,
            DecodeError::DuplicateMember { segment: Segment::Payload, name: "exp".into() }
        );
    }

    #[test]
    fn registered_header_parameters_must_have_their_types() {
        assert!(
            HEADER_TYPES.windows(2).all(|pair| pair[0].0 < pair[1].0),
            "HEADER_TYPES must stay sorted"
        );
        let error = decode(&token(r#"{"alg":"HS256","kid":5}"#, "{}", SIG)).unwrap_err();
        assert_eq!(
            error.error,
            DecodeError::InvalidHeaderParam {
                name: "kid",
                expected: "a string",
                found: "a number"
            }
        );
        assert_eq!(error.error.segment(), Some(Segment::Header));
        assert_eq!(error.partial.header.unwrap()["kid"], 5);
        let error =
            decode(&token(r#"{"alg":"HS256","jku":"file:///etc/passwd"}"#, "{}", SIG)).unwrap_err();
        assert!(matches!(error.error, DecodeError::InvalidHeaderParam { name: "jku", .. }));
        assert!(decode(&token(r#"{"alg":"HS256","crit":"b64"}"#, "{}", SIG)).is_err());
        assert!(decode(&token(r#"{"alg":1}"#, "{}", SIG)).is_err());
        assert!(
            decode(&token(r#"{"alg":"HS256","x-custom":1,"jku":"https://x"}"#, "{}", SIG)).is_ok()
        );
    }

    #[test]
    fn time_claims_must_be_numbers() {
        let error =
            decode(&token(r#"{"alg":"HS256"}"#, r#"{"exp":"1700000000"}"#, SIG)).unwrap_err();
        assert_eq!(error.error, DecodeError::InvalidTimeClaim { name: "exp", found: "a string" });
        assert_eq!(error.error.segment(), Some(Segment::Payload));
        assert!(
            decode(&token(r#"{"alg":"HS256"}"#, r#"{"exp":1.5,"nbf":0,"iat":1}"#, SIG)).is_ok()
        );
    }

    #[test]
    fn empty_and_huge_inputs_are_refused_early() {
        assert_eq!(decode("  \n").unwrap_err().error, DecodeError::Empty);
        assert_eq!(decode_pasted("Bearer ").unwrap_err().error, DecodeError::Empty);
        assert_eq!(decode(" ").unwrap_err().error, DecodeError::Empty);
        let huge = "a".repeat(MAX_TOKEN_LEN + 1);
        assert_eq!(
            decode(&huge).unwrap_err().error,
            DecodeError::TooLong { len: MAX_TOKEN_LEN + 1, limit: MAX_TOKEN_LEN }
        );
        let big_but_fine =
            token(r#"{"alg":"HS256"}"#, &format!(r#"{{"data":"{}"}}"#, "x".repeat(40_000)), SIG);
        assert!(decode(&big_but_fine).is_ok());
    }
}
