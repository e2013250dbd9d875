//! What only the page shows: a malformed token's parts marked for colouring, and the kind of key it read.

use crate::{
    DecodeError, HeaderExplanation, Key, KeyEncoding, Malformed, Partial, explain_header, parse_key,
};
use devtools_kit::ErrorClass;
use serde::Serialize;

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
    /// Whether what is shown was decoded only after removing `=` padding (the token is still refused).
    pub without_padding: bool,
    /// The class of the answer's error, for the page's status.
    #[serde(skip)]
    pub class: ErrorClass,
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
    /// The page's view of a decoding failure, which the answer refused as an error of `class`.
    pub fn new(malformed: &Malformed, class: ErrorClass) -> Self {
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
            without_padding: partial.decoded_without_padding,
            class,
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
    use crate::decode;

    #[test]
    fn malformed_view_marks_the_bad_part() {
        let malformed = decode("eyJhbGciOiJIUzI1NiJ9.e+30.sig").unwrap_err();
        let view = MalformedView::new(&malformed, ErrorClass::Invalid);
        assert_eq!(view.segment, Some("payload"));
        assert_eq!(view.problem, "invalid_base64url_character");
        assert!(view.parts[1].bad && !view.parts[0].bad);
        assert!(view.header_json.unwrap().contains("HS256"));
    }

    #[test]
    fn jwe_headers_are_explained_as_jwe() {
        let malformed =
            decode("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d").unwrap_err();
        let view = MalformedView::new(&malformed, ErrorClass::Invalid);
        assert!(view.encrypted);
        assert_eq!(view.parts.len(), 5);
        let explained = view.header_explained.unwrap();
        assert!(explained.warnings.is_empty(), "{:?}", explained.warnings);
        assert!(explained.params[0].description.unwrap().contains("Key management"));
    }
}
