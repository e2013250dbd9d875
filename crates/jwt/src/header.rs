//! The JOSE header explained: each parameter in words, and warnings about those a careless verifier gets wrong.

use crate::algorithm::{Algorithm, is_jwe_alg};
use serde::Serialize;
use serde_json::{Map, Value};

/// Header parameters of RFC 7515 §4.1 and friends, sorted by name: (name, description).
const PARAMETERS: &[(&str, &str)] = &[
    ("alg", "Algorithm used to sign the token."),
    ("b64", "Whether the payload is base64url-encoded (RFC 7797); false means it is sent as is."),
    ("crit", "Extensions the verifier must understand, or else reject the token."),
    ("cty", "Content type of the payload; \"JWT\" means the payload is itself a nested token."),
    ("enc", "Content encryption algorithm (JWE only)."),
    ("jku", "URL of a JWK Set holding the signing key."),
    ("jwk", "The public key embedded in the token itself."),
    ("kid", "Key ID: which of the issuer's keys signed the token."),
    (
        "typ",
        "Media type of the whole token, usually \"JWT\" (or \"at+jwt\" for access tokens, RFC 9068).",
    ),
    ("x5c", "X.509 certificate chain of the signing key."),
    ("x5t", "SHA-1 thumbprint of the signing key's X.509 certificate."),
    ("x5t#S256", "SHA-256 thumbprint of the signing key's X.509 certificate."),
    ("x5u", "URL of the signing key's X.509 certificate chain."),
    ("zip", "Compression of the plaintext (JWE only)."),
];

/// One header parameter explained.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = JwtHeaderParam))]
pub struct HeaderParam {
    /// The parameter name, such as `alg` or `kid`.
    pub name: String,
    /// Its value, any JSON value, as the token has it.
    pub value: Value,
    /// What it means, when it is a registered parameter (RFC 7515 §4.1 and friends); null otherwise.
    #[cfg_attr(feature = "web", schema(required = true))] // null, never absent
    pub description: Option<&'static str>,
}

/// How serious a warning is: `info` (worth knowing), `warning` (a verifier could be misled) or `danger` (the
/// token must not be trusted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = JwtSeverity))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// A verifier could be misled.
    Warning,
    /// The token must not be trusted.
    Danger,
}

/// Something about the header a verifier must be careful with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = JwtHeaderWarning))]
pub struct HeaderWarning {
    /// A stable snake_case identifier, such as `alg_none`, `jku` or `crit`.
    pub code: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// What it means, in words.
    pub message: String,
}

/// What the header's `alg` is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = JwtAlgInfo))]
pub struct AlgInfo {
    /// The `alg` value, as the header has it.
    pub name: String,
    /// Whether this crate can verify and sign it.
    pub supported: bool,
    /// The family, such as `HMAC (symmetric)`, when known; null otherwise.
    #[cfg_attr(feature = "web", schema(required = true))] // null, never absent
    pub family: Option<&'static str>,
    /// What it is, in words.
    pub description: String,
}

/// The header explained: parameters in a useful order, the algorithm and warnings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = JwtHeaderExplanation))]
pub struct HeaderExplanation {
    /// Every parameter, `alg`, `typ`, `kid` and `cty` first, then the rest by name.
    pub params: Vec<HeaderParam>,
    /// The algorithm, when `alg` is a string; null otherwise.
    #[cfg_attr(feature = "web", schema(required = true))] // null, never absent
    pub alg: Option<AlgInfo>,
    /// Warnings, most serious first.
    pub warnings: Vec<HeaderWarning>,
}

/// The description of a registered header parameter.
pub fn parameter_description(name: &str) -> Option<&'static str> {
    PARAMETERS.binary_search_by_key(&name, |(param, _)| param).ok().map(|index| PARAMETERS[index].1)
}

/// Explains a JOSE header.
pub fn explain_header(header: &Map<String, Value>) -> HeaderExplanation {
    const FIRST: &[&str] = &["alg", "typ", "kid", "cty"];
    let params = FIRST
        .iter()
        .filter_map(|name| header.get_key_value(*name))
        .chain(header.iter().filter(|(name, _)| !FIRST.contains(&name.as_str())))
        .map(|(name, value)| HeaderParam {
            name: name.clone(),
            value: value.clone(),
            description: parameter_description(name),
        })
        .collect();
    let alg = header.get("alg").and_then(Value::as_str).map(alg_info);
    let mut warnings = warnings(header);
    warnings.sort_by_key(|warning| std::cmp::Reverse(warning.severity as u8));
    HeaderExplanation { params, alg, warnings }
}

fn alg_info(name: &str) -> AlgInfo {
    match Algorithm::from_name(name) {
        Some(alg) => AlgInfo {
            name: name.to_owned(),
            supported: alg != Algorithm::None,
            family: Some(alg.family_name()),
            description: alg.description().to_owned(),
        },
        None if is_jwe_alg(name) => AlgInfo {
            name: name.to_owned(),
            supported: false,
            family: Some("JWE key management"),
            description: format!(
                "{name} is a JWE (encryption) algorithm, not a signature algorithm."
            ),
        },
        None => AlgInfo {
            name: name.to_owned(),
            supported: false,
            family: None,
            description: format!(
                "{name:?} is not a JWS algorithm this tool knows (names are case-sensitive)."
            ),
        },
    }
}

fn warnings(header: &Map<String, Value>) -> Vec<HeaderWarning> {
    let mut out = Vec::new();
    let mut warn =
        |code, severity, message: String| out.push(HeaderWarning { code, severity, message });
    match header.get("alg") {
        None => warn(
            "alg_missing",
            Severity::Danger,
            "The header has no alg, which RFC 7515 requires; no verifier accepts this token."
                .into(),
        ),
        Some(Value::String(alg)) if alg == "none" => warn(
            "alg_none",
            Severity::Danger,
            "alg is none: the token is unsigned and anyone could have written it. Never accept it."
                .into(),
        ),
        Some(Value::String(alg)) if alg.eq_ignore_ascii_case("none") => warn(
            "alg_none_variant",
            Severity::Danger,
            format!(
                "alg is {alg:?}, a spelling of none used to slip past filters that only check the lowercase name. Never accept it."
            ),
        ),
        Some(Value::String(alg)) if Algorithm::from_name(alg).is_none() => {
            warn("alg_unknown", Severity::Warning, alg_info(alg).description);
        }
        Some(Value::String(_)) => {}
        Some(_) => warn("alg_not_string", Severity::Danger, "alg is not a string.".into()),
    }
    for name in ["jku", "x5u"] {
        if let Some(value) = header.get(name) {
            warn(
                if name == "jku" { "jku" } else { "x5u" },
                Severity::Warning,
                format!(
                    "{name} points at {}: a verifier that fetches keys from a URL named by the token lets the token choose its own key. Only trust keys you configured.",
                    value.as_str().unwrap_or("a URL")
                ),
            );
        }
    }
    if header.contains_key("jwk") {
        warn("jwk", Severity::Warning, "The token carries its own public key (jwk). Verifying with it proves nothing: an attacker signs with their key and embeds it.".into());
    }
    if header.contains_key("x5c") {
        warn("x5c", Severity::Info, "The token carries a certificate chain (x5c); it is only meaningful if the chain is validated to a trusted root.".into());
    }
    let crit = header.get("crit");
    match crit {
        Some(Value::Array(names)) if names.is_empty() => warn(
            "crit",
            Severity::Warning,
            "crit is an empty list, which RFC 7515 §4.1.11 forbids (producers MUST NOT use it); a verifier should reject the token, so its signature is not called valid.".into(),
        ),
        Some(crit) => warn(
            "crit",
            Severity::Warning,
            format!(
                "crit lists extensions ({crit}) that a verifier must understand or reject the token; this tool implements none, so it cannot call the signature valid."
            ),
        ),
        None => {}
    }
    if header.get("b64") == Some(&Value::Bool(false)) {
        let in_crit = crit
            .and_then(Value::as_array)
            .is_some_and(|names| names.iter().any(|name| name == "b64"));
        let message = if in_crit {
            "b64 is false (RFC 7797): the payload is signed unencoded, which this tool does not verify."
        } else {
            // RFC 7797 §6: b64 must be listed in crit; a verifier that does not know b64 then ignores it.
            "b64 is false but not listed in crit, which RFC 7797 §6 requires: a verifier that does not know b64 ignores it, as this tool does, so the signature is checked over the encoded payload as usual."
        };
        warn("b64", Severity::Warning, message.into());
    }
    if header.contains_key("enc") || header.contains_key("zip") {
        warn(
            "jwe_params",
            Severity::Warning,
            "enc and zip belong to encrypted tokens (JWE); a signed token should not carry them."
                .into(),
        );
    }
    if let Some(kid) = header.get("kid").and_then(Value::as_str)
        && (kid.contains("..")
            || kid.contains('/')
            || kid.contains('\\')
            || kid.contains('\'')
            || kid.contains(';'))
    {
        warn(
            "kid_injection",
            Severity::Warning,
            format!(
                "kid {kid:?} contains path or query characters; servers that look keys up by kid in files or SQL have been tricked this way."
            ),
        );
    }
    let unregistered: Vec<&str> = header
        .keys()
        .map(String::as_str)
        .filter(|name| parameter_description(name).is_none())
        .collect();
    if !unregistered.is_empty() {
        warn(
            "unregistered_params",
            Severity::Info,
            format!(
                "Unregistered header parameter{} {}: RFC 7515 says verifiers ignore parameters they do not know (unless listed in crit), though some libraries (joserfc by default) refuse them.",
                if unregistered.len() == 1 { "" } else { "s" },
                unregistered.join(", ")
            ),
        );
    }
    // typ is a media type, compared without regard to case (RFC 7515 §4.1.9, RFC 2045 §5.1).
    if let Some(typ) = header.get("typ").and_then(Value::as_str)
        && !["jwt", "at+jwt", "application/jwt", "application/at+jwt"]
            .contains(&typ.to_ascii_lowercase().as_str())
    {
        warn(
            "typ",
            Severity::Info,
            format!(
                "typ is {typ:?}, not JWT: this token may be meant for another purpose; check before accepting it as a JWT."
            ),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn header(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            other => panic!("not an object: {other}"),
        }
    }

    fn codes(value: Value) -> Vec<&'static str> {
        explain_header(&header(value)).warnings.iter().map(|warning| warning.code).collect()
    }

    fn message(value: Value, code: &str) -> String {
        let explained = explain_header(&header(value));
        let warning = explained.warnings.iter().find(|warning| warning.code == code);
        warning.map(|warning| warning.message.clone()).unwrap_or_default()
    }

    /// crit [] is forbidden (RFC 7515 §4.1.11); b64 without crit is ignored (RFC 7797 §6); typ is a media type,
    /// compared without regard to case (RFC 7515 §4.1.9).
    #[test]
    fn crit_b64_and_typ_are_said_as_their_rfcs_have_them() {
        let empty = message(json!({"alg": "HS256", "crit": []}), "crit");
        assert!(
            empty.starts_with("crit is an empty list, which RFC 7515 §4.1.11 forbids"),
            "{empty}"
        );
        let ignored = message(json!({"alg": "HS256", "b64": false}), "b64");
        assert!(
            ignored.contains("not listed in crit") && ignored.contains("encoded payload"),
            "{ignored}"
        );
        let listed = message(json!({"alg": "HS256", "b64": false, "crit": ["b64"]}), "b64");
        assert!(listed.contains("signed unencoded"), "{listed}");
        for typ in ["Application/JWT", "JWT", "jwt", "AT+JWT"] {
            assert!(!codes(json!({"alg": "HS256", "typ": typ})).contains(&"typ"), "{typ}");
        }
        assert!(codes(json!({"alg": "HS256", "typ": "JOSE"})).contains(&"typ"));
    }

    #[test]
    fn parameters_table_is_sorted() {
        assert!(PARAMETERS.windows(2).all(|pair| pair[0].0 < pair[1].0));
    }

    #[test]
    fn explains_alg_typ_kid_first() {
        let explained =
            explain_header(&header(json!({"x5t": "t", "kid": "k1", "typ": "JWT", "alg": "ES256"})));
        let names: Vec<&str> = explained.params.iter().map(|param| param.name.as_str()).collect();
        assert_eq!(names, ["alg", "typ", "kid", "x5t"]);
        let alg = explained.alg.unwrap();
        assert!(alg.supported);
        assert_eq!(alg.family, Some("ECDSA (asymmetric)"));
        assert!(explained.warnings.is_empty());
    }

    #[test]
    fn warns_about_dangerous_parameters() {
        assert_eq!(codes(json!({"alg": "none"})), ["alg_none"]);
        assert_eq!(codes(json!({"alg": "nOnE"})), ["alg_none_variant"]);
        assert_eq!(codes(json!({})), ["alg_missing"]);
        assert_eq!(codes(json!({"alg": "RS256", "jku": "https://evil.example/jwks"})), ["jku"]);
        assert_eq!(codes(json!({"alg": "RS256", "x5u": "https://x"})), ["x5u"]);
        assert_eq!(codes(json!({"alg": "RS256", "jwk": {}})), ["jwk"]);
        assert_eq!(codes(json!({"alg": "RS256", "crit": ["exp"]})), ["crit"]);
        assert_eq!(codes(json!({"alg": "HS256", "kid": "../../dev/null"})), ["kid_injection"]);
        assert_eq!(codes(json!({"alg": "RSA-OAEP"})), ["alg_unknown"]);
        assert_eq!(codes(json!({"alg": "HS256", "typ": "JWT"})), Vec::<&str>::new());
        assert_eq!(codes(json!({"alg": "HS256", "nonce": "x"})), ["unregistered_params"]);
    }

    #[test]
    fn most_serious_warnings_come_first() {
        let explained =
            explain_header(&header(json!({"alg": "none", "x5c": [], "jku": "https://x"})));
        let codes: Vec<_> = explained.warnings.iter().map(|warning| warning.code).collect();
        assert_eq!(codes, ["alg_none", "jku", "x5c"]);
    }
}
