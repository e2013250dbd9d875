//! Signature verification, strict where the answer's security depends on it.
//!
//! - `alg: none` (in any spelling) is never valid.
//! - The key's type must fit the algorithm's family. An HS* token checked with an RSA, EC or OKP public key is a
//!   key-confusion attempt and is refused; the key's text is never used as an HMAC secret.
//! - A JWK's `alg`, `use` and `key_ops`, when present, must allow this use.
//! - RSA keys under 2048 bits are refused (RFC 7518 §3.3).
//! - An unknown `crit` extension makes the token unverifiable (RFC 7515 §4.1.11).
//! - Only the signature is judged here; times are judged separately by [`time_status`](crate::time_status).
//!
//! The cryptography is jsonwebtoken's (RustCrypto backend) for HS*, RS*, PS*, ES256 and ES384, called on the
//! signing input exactly as sent; ES512 uses the `p521` crate, and Ed25519 uses `ed25519-dalek`'s
//! `verify_strict` (jsonwebtoken's EdDSA verifier slices the key with `[..32]`, which panics on a short key, and
//! uses the lenient check).

use crate::algorithm::{Algorithm, Curve, Family};
use crate::decode::Token;
use crate::key::{Jwk, JwkMaterial, Key, MAX_RSA_BITS, MIN_RSA_BITS, PublicKey, rsa_bits};
use serde::Serialize;
use serde_json::Value;

/// The verdict on the signature: `valid` (made with the key, or one key of the set), `invalid` (must not be
/// trusted; `reason` says why), `not_checked` (no key given) or `unsupported` (the algorithm, key type or a `crit`
/// extension is beyond this tool; the token is not shown valid).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = JwtVerificationStatus))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum VerificationStatus {
    /// The signature was made with the key (or one key of the set).
    Valid,
    /// The token must not be trusted; `reason` says why.
    Invalid,
    /// No key was given.
    NotChecked,
    /// The algorithm, key type or a `crit` extension is beyond this tool; the token is not shown valid.
    Unsupported,
}

/// Why a signature is not valid: `invalid_signature` (the key fits but the signature does not match), `alg_none`
/// (unsigned), `key_confusion` (an HS* token with an asymmetric public key), `key_mismatch` (the key's type, curve,
/// `alg`, `use` or `kid` rule it out) or `bad_key` (the key cannot be read or is unacceptable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = JwtReason))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Reason {
    /// The key fits but the signature does not match.
    InvalidSignature,
    /// `alg: none`: unsigned.
    AlgNone,
    /// An HS* token with an asymmetric public key.
    KeyConfusion,
    /// The key is of the wrong type or curve, or its `alg`/`use`/`kid` rule it out.
    KeyMismatch,
    /// The key cannot be read or is unacceptable (too small, not a valid point ...).
    BadKey,
}

/// Which key verified a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = JwtMatchedKey))]
pub struct MatchedKey {
    /// Its index in the JWK Set's `keys`, from 0; null when the key was not a set.
    #[cfg_attr(feature = "web", schema(required = true))] // null, never absent
    pub index: Option<usize>,
    /// The key's `kid`, when it is a JWK with one; null otherwise.
    #[cfg_attr(feature = "web", schema(required = true))] // null, never absent
    pub kid: Option<String>,
    /// The key in words, such as `the HMAC secret` or `an EC P-256 public key (PUBLIC KEY)`.
    pub description: String,
}

/// The outcome of verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = JwtVerification))]
pub struct Verification {
    /// The verdict.
    pub status: VerificationStatus,
    /// Why it is not valid, when `status` is `invalid`; null otherwise.
    #[cfg_attr(feature = "web", schema(required = true))] // null, never absent
    pub reason: Option<Reason>,
    /// The verdict in words.
    pub message: String,
    /// The key that verified it, when `status` is `valid`; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "web", schema(value_type = MatchedKey))] // absent, never null
    pub matched_key: Option<MatchedKey>,
}

impl Verification {
    fn valid(message: String, matched_key: MatchedKey) -> Self {
        Verification {
            status: VerificationStatus::Valid,
            reason: None,
            message,
            matched_key: Some(matched_key),
        }
    }

    fn invalid(reason: Reason, message: impl Into<String>) -> Self {
        Verification {
            status: VerificationStatus::Invalid,
            reason: Some(reason),
            message: message.into(),
            matched_key: None,
        }
    }

    fn unsupported(message: impl Into<String>) -> Self {
        Verification {
            status: VerificationStatus::Unsupported,
            reason: None,
            message: message.into(),
            matched_key: None,
        }
    }

    /// The verdict when no key was given (an unsigned token is still invalid).
    pub fn not_checked(token: &Token) -> Self {
        if let Some(verdict) = refuse_none(token) {
            return verdict;
        }
        Verification {
            status: VerificationStatus::NotChecked,
            reason: None,
            message: "No key given: the signature was not checked. Anyone can decode a JWT; only verification shows who signed it.".to_owned(),
            matched_key: None,
        }
    }

    /// The verdict for a key that could not be read.
    pub fn bad_key(token: &Token, error: &crate::KeyError) -> Self {
        refuse_none(token)
            .unwrap_or_else(|| Verification::invalid(Reason::BadKey, error.to_string()))
    }
}

fn refuse_none(token: &Token) -> Option<Verification> {
    let alg = token.alg()?;
    alg.eq_ignore_ascii_case("none").then(|| {
        Verification::invalid(
            Reason::AlgNone,
            format!(
                "alg is {alg:?}: the token is unsigned, so it proves nothing and is never valid."
            ),
        )
    })
}

/// Verifies a token's signature with a key.
pub fn verify(token: &Token, key: &Key) -> Verification {
    if let Some(verdict) = refuse_none(token) {
        return verdict;
    }
    let Some(alg_name) = token.alg() else {
        return Verification::unsupported(
            "The header has no alg string, so there is no algorithm to verify with.",
        );
    };
    let Some(alg) = Algorithm::from_name(alg_name) else {
        return Verification::unsupported(format!(
            "{alg_name:?} is not a JWS algorithm this tool verifies."
        ));
    };
    match token.header().get("crit") {
        Some(Value::Array(names)) if names.is_empty() => {
            return Verification::unsupported(
                "The header's crit is an empty list, which RFC 7515 §4.1.11 forbids, so it is not shown valid.",
            );
        }
        Some(_) => {
            return Verification::unsupported(
                "The header's crit lists extensions this tool does not implement; RFC 7515 requires rejecting such a token, so it is not shown valid.",
            );
        }
        None => {}
    }
    match key {
        Key::Secret(secret) => {
            let verdict = check(alg, token, Candidate::Secret(secret)).into_verification(
                "the HMAC secret",
                None,
                None,
            );
            note_trailing_whitespace(note_short_secret(verdict, alg, secret), secret)
        }
        Key::Pem(pem) => {
            let what = format!("{} ({})", pem.public.describe(), pem.label);
            check(alg, token, Candidate::Public(&pem.public)).into_verification(&what, None, None)
        }
        Key::Jwk(jwk) => check_jwk(alg, token, jwk).into_verification(
            &jwk_description(jwk),
            None,
            jwk.kid.clone(),
        ),
        Key::Jwks(keys) => verify_with_set(alg, token, keys),
    }
}

/// RFC 7518 §3.2 asks for a secret at least as long as the hash; verifiers accept shorter ones (with a warning at
/// most), so a short secret does not change the verdict, only its message.
fn note_short_secret(mut verdict: Verification, alg: Algorithm, secret: &[u8]) -> Verification {
    let Some(needed) = alg.min_secret_len() else { return verdict };
    if verdict.status == VerificationStatus::Valid && secret.len() < needed {
        verdict.message.push_str(&format!(
            " Note: the secret has {} bits; RFC 7518 §3.2 asks for at least {} with {}, and short secrets can be brute-forced.",
            secret.len() * 8,
            needed * 8,
            alg.name()
        ));
    }
    verdict
}

/// A secret is bytes, kept as given; but one that ends in a line break or a space, as a file written with `echo`
/// does, is the likeliest reason a signature does not match, so a mismatch says so.
fn note_trailing_whitespace(mut verdict: Verification, secret: &[u8]) -> Verification {
    if verdict.reason != Some(Reason::InvalidSignature) {
        return verdict;
    }
    let what = match secret.last() {
        Some(b'\n') if secret.ends_with(b"\r\n") => "a line break (\\r\\n)",
        Some(b'\n') => "a line break (\\n)",
        Some(b'\r') => "a carriage return (\\r)",
        Some(byte) if byte.is_ascii_whitespace() => "whitespace",
        _ => return verdict,
    };
    verdict.message.push_str(&format!(
        " Note: the secret ends with {what}, and the signature was checked with it included. A secret file written with echo ends with a line break; write it with printf '%s' or remove the trailing whitespace."
    ));
    verdict
}

fn jwk_description(jwk: &Jwk) -> String {
    match &jwk.material {
        JwkMaterial::Oct(_) => "the JWK's secret (kty oct)".to_owned(),
        JwkMaterial::Public(public) => format!("the JWK, {}", public.describe()),
        JwkMaterial::Invalid(_) => "the JWK".to_owned(),
    }
}

fn verify_with_set(alg: Algorithm, token: &Token, keys: &[Jwk]) -> Verification {
    let candidates: Vec<&Jwk> = match token.kid() {
        Some(kid) => {
            // A kid selects keys strictly: falling back to other keys would accept tokens a verifier that honours
            // kid (as JOSE libraries do) rejects.
            let chosen: Vec<&Jwk> =
                keys.iter().filter(|jwk| jwk.kid.as_deref() == Some(kid)).collect();
            if chosen.is_empty() {
                let kids: Vec<String> = keys
                    .iter()
                    .map(|jwk| {
                        jwk.kid.as_deref().map_or("(none)".to_owned(), |kid| format!("{kid:?}"))
                    })
                    .collect();
                return Verification::invalid(
                    Reason::KeyMismatch,
                    format!(
                        "No key in the JWK Set has kid {kid:?}; the set's kids are {}.",
                        kids.join(", ")
                    ),
                );
            }
            chosen
        }
        None => keys.iter().collect(),
    };
    let mut outcomes = Vec::with_capacity(candidates.len());
    for jwk in &candidates {
        let outcome = check_jwk(alg, token, jwk);
        if let Outcome::Valid = outcome {
            let how =
                if token.kid().is_some() { "selected by kid" } else { "found by trying each key" };
            let description = format!("{} of the JWK Set", jwk.label());
            return Verification::valid(
                format!("Signature verified with {description} ({how}); {}.", jwk_description(jwk)),
                MatchedKey { index: Some(jwk.index), kid: jwk.kid.clone(), description },
            );
        }
        outcomes.push((jwk, outcome));
    }
    let tried: Vec<String> = outcomes
        .iter()
        .filter(|(_, outcome)| matches!(outcome, Outcome::Fail(Reason::InvalidSignature, _)))
        .map(|(jwk, _)| jwk.label())
        .collect();
    if !tried.is_empty() {
        return Verification::invalid(
            Reason::InvalidSignature,
            format!(
                "The signature does not match: tried {} of a fitting type ({}).",
                plural(tried.len(), "key"),
                tried.join(", ")
            ),
        );
    }
    let first_with = |wanted: Reason| {
        outcomes.iter().find_map(|(jwk, outcome)| match outcome {
            Outcome::Fail(reason, message) if *reason == wanted => {
                Some(format!("{}: {message}", jwk.label()))
            }
            _ => None,
        })
    };
    if let Some(message) = first_with(Reason::BadKey) {
        return Verification::invalid(Reason::BadKey, message);
    }
    if let Some((jwk, Outcome::Unsupported(message))) =
        outcomes.iter().find(|(_, outcome)| matches!(outcome, Outcome::Unsupported(_)))
    {
        return Verification::unsupported(format!("{}: {message}", jwk.label()));
    }
    let all_confused = outcomes
        .iter()
        .all(|(_, outcome)| matches!(outcome, Outcome::Fail(Reason::KeyConfusion, _)));
    if all_confused && let Some(message) = first_with(Reason::KeyConfusion) {
        return Verification::invalid(Reason::KeyConfusion, message);
    }
    let reasons: Vec<String> = outcomes
        .iter()
        .filter_map(|(jwk, outcome)| match outcome {
            Outcome::Fail(_, message) => Some(format!("{}: {message}", jwk.label())),
            _ => None,
        })
        .collect();
    Verification::invalid(
        Reason::KeyMismatch,
        format!("No key in the JWK Set fits {}. {}", alg.name(), reasons.join(" ")),
    )
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}

/// The key material a single check uses.
#[derive(Debug, Clone, Copy)]
enum Candidate<'a> {
    Secret(&'a [u8]),
    Public(&'a PublicKey),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Valid,
    Fail(Reason, String),
    Unsupported(String),
}

impl Outcome {
    fn into_verification(
        self,
        what: &str,
        index: Option<usize>,
        kid: Option<String>,
    ) -> Verification {
        match self {
            Outcome::Valid => Verification::valid(
                format!("Signature verified with {what}."),
                MatchedKey { index, kid, description: what.to_owned() },
            ),
            Outcome::Fail(reason, message) => Verification::invalid(reason, message),
            Outcome::Unsupported(message) => Verification::unsupported(message),
        }
    }
}

fn check_jwk(alg: Algorithm, token: &Token, jwk: &Jwk) -> Outcome {
    let candidate = match &jwk.material {
        JwkMaterial::Oct(secret) => Candidate::Secret(secret),
        JwkMaterial::Public(public) => Candidate::Public(public),
        JwkMaterial::Invalid(reason) => {
            return Outcome::Fail(Reason::BadKey, format!("the JWK cannot be read: {reason}"));
        }
    };
    // Family first, so an HS* token with an RSA JWK reads as key confusion whatever the JWK's alg says.
    if let Some(refusal) = refuse_family(alg, candidate) {
        return refusal;
    }
    if let Some(jwk_alg) = &jwk.alg
        && jwk_alg != alg.name()
    {
        return Outcome::Fail(
            Reason::KeyMismatch,
            format!("the JWK is for alg {jwk_alg:?}, but the token says {}.", alg.name()),
        );
    }
    if let Some(usage) = &jwk.usage
        && usage != "sig"
    {
        return Outcome::Fail(
            Reason::KeyMismatch,
            format!("the JWK's use is {usage:?}, not \"sig\"."),
        );
    }
    if let Some(ops) = &jwk.key_ops
        && !ops.iter().any(|op| op == "verify")
    {
        return Outcome::Fail(
            Reason::KeyMismatch,
            "the JWK's key_ops do not include \"verify\".".to_owned(),
        );
    }
    check(alg, token, candidate)
}

/// Refuses a key whose type does not fit the algorithm.
fn refuse_family(alg: Algorithm, candidate: Candidate<'_>) -> Option<Outcome> {
    let name = alg.name();
    match (alg.family(), candidate) {
        (Family::Hmac, Candidate::Secret(_)) => None,
        (Family::Hmac, Candidate::Public(public)) => Some(Outcome::Fail(
            Reason::KeyConfusion,
            format!(
                "Key confusion refused: {name} is an HMAC algorithm, but the key is {}. A verifier that used a public key's text as an HMAC secret would accept tokens forged by anyone who has the public key.",
                public.describe()
            ),
        )),
        (_, Candidate::Secret(_)) => Some(Outcome::Fail(
            Reason::KeyMismatch,
            format!("{name} needs {}, not a shared secret.", needed(alg)),
        )),
        (Family::Rsa, Candidate::Public(public @ PublicKey::Rsa { pss_only: true, .. }))
            if !name.starts_with("PS") =>
        {
            Some(Outcome::Fail(
                Reason::KeyMismatch,
                format!(
                    "{name} signs with RSASSA-PKCS1-v1_5, but the key is {}, which RFC 4055 §1.2 restricts to RSASSA-PSS; only PS256, PS384 or PS512 can use it.",
                    public.describe()
                ),
            ))
        }
        (Family::Rsa, Candidate::Public(PublicKey::Rsa { .. })) => None,
        (Family::Ec(curve), Candidate::Public(PublicKey::Ec { curve: key_curve, .. }))
            if curve == *key_curve =>
        {
            None
        }
        (Family::Ed25519, Candidate::Public(PublicKey::Ed25519(_))) => None,
        (Family::Ed25519, Candidate::Public(PublicKey::Other(what))) if what.contains("Ed448") => {
            Some(Outcome::Unsupported(format!(
                "The key is {what}; this tool verifies EdDSA with Ed25519 only."
            )))
        }
        (_, Candidate::Public(public)) => Some(Outcome::Fail(
            Reason::KeyMismatch,
            format!("{name} needs {}, but the key is {}.", needed(alg), public.describe()),
        )),
    }
}

fn needed(alg: Algorithm) -> &'static str {
    match alg.family() {
        Family::Hmac => "a shared secret",
        Family::Rsa => "an RSA public key",
        Family::Ec(Curve::P256) => "an EC P-256 public key",
        Family::Ec(Curve::P384) => "an EC P-384 public key",
        Family::Ec(Curve::P521) => "an EC P-521 public key",
        Family::Ed25519 => "an Ed25519 public key",
        Family::None => "no key",
    }
}

fn check(alg: Algorithm, token: &Token, candidate: Candidate<'_>) -> Outcome {
    if let Some(refusal) = refuse_family(alg, candidate) {
        return refusal;
    }
    let input = token.signing_input().as_bytes();
    let signature = token.signature();
    let mismatch = || {
        Outcome::Fail(
            Reason::InvalidSignature,
            format!("The signature does not match ({} with this key).", alg.name()),
        )
    };
    let result = match (alg.family(), candidate) {
        (Family::Hmac, Candidate::Secret(secret)) => {
            if secret.is_empty() {
                return Outcome::Fail(Reason::BadKey, "The secret is empty.".to_owned());
            }
            jsonwebtoken::DecodingKey::from_secret(secret)
                .and_then(|key| jwt_verify(alg, token, &key))
        }
        (Family::Rsa, Candidate::Public(PublicKey::Rsa { n, e, .. })) => {
            let bits = rsa_bits(n);
            if bits < MIN_RSA_BITS {
                return Outcome::Fail(
                    Reason::BadKey,
                    format!(
                        "The RSA key has {bits} bits; RFC 7518 requires at least {MIN_RSA_BITS}."
                    ),
                );
            }
            if bits > MAX_RSA_BITS {
                return Outcome::Fail(
                    Reason::BadKey,
                    format!(
                        "The RSA key has {bits} bits; this tool verifies with keys of at most {MAX_RSA_BITS}."
                    ),
                );
            }
            // The rsa crate refuses a public exponent above 2^33 - 1 (its `MAX_PUB_EXPONENT`), and jsonwebtoken
            // then reports a mismatch, which a signature it never checked does not deserve.
            let significant = e.iter().skip_while(|byte| **byte == 0).collect::<Vec<_>>();
            let exponent = (significant.len() <= 8).then(|| {
                significant.iter().fold(0u64, |value, byte| value << 8 | u64::from(**byte))
            });
            if exponent.is_none_or(|exponent| exponent > rsa::PublicKey::MAX_PUB_EXPONENT) {
                let written = exponent.map_or_else(
                    || format!("a {}-bit number", significant.len() * 8),
                    |exponent| exponent.to_string(),
                );
                return Outcome::Fail(
                    Reason::BadKey,
                    format!(
                        "The RSA key's public exponent is {written}, above 2^33 - 1, the largest the RSA library here (the rsa crate) verifies with, so its signatures cannot be checked here. Common keys use 65537."
                    ),
                );
            }
            let key = jsonwebtoken::DecodingKey::from_rsa_raw_components(n, e);
            jwt_verify(alg, token, &key)
        }
        (Family::Ec(curve), Candidate::Public(PublicKey::Ec { point, .. })) => {
            let expected = 2 * curve.field_len();
            if signature.len() != expected {
                let der = if signature.first() == Some(&0x30) {
                    " It looks DER-encoded; JWS uses the raw R‖S form (RFC 7518 §3.4)."
                } else {
                    ""
                };
                return Outcome::Fail(
                    Reason::InvalidSignature,
                    format!(
                        "An {} signature has {expected} bytes (R‖S); this one has {}.{der}",
                        alg.name(),
                        signature.len()
                    ),
                );
            }
            if curve == Curve::P521 {
                return match crate::es512::verify(point, input, signature) {
                    Ok(true) => Outcome::Valid,
                    Ok(false) => mismatch(),
                    Err(message) => Outcome::Fail(Reason::BadKey, message),
                };
            }
            let key = jsonwebtoken::DecodingKey::from_ec_der(point);
            jwt_verify(alg, token, &key)
        }
        (Family::Ed25519, Candidate::Public(PublicKey::Ed25519(public))) => {
            return match verify_ed25519(public, input, signature) {
                Ok(true) => Outcome::Valid,
                Ok(false) => mismatch(),
                Err(message) => Outcome::Fail(Reason::BadKey, message),
            };
        }
        _ => {
            return Outcome::Fail(
                Reason::KeyMismatch,
                format!("{} needs {}.", alg.name(), needed(alg)),
            );
        }
    };
    match result {
        Ok(true) => Outcome::Valid,
        Ok(false) => mismatch(),
        Err(error) => Outcome::Fail(Reason::BadKey, format!("The key cannot be used: {error}.")),
    }
}

fn verify_ed25519(public: &[u8; 32], input: &[u8], signature: &[u8]) -> Result<bool, String> {
    let key = ed25519_dalek::VerifyingKey::from_bytes(public)
        .map_err(|_| "The Ed25519 public key is not a valid curve point.".to_owned())?;
    let Ok(signature) = <[u8; 64]>::try_from(signature) else {
        return Ok(false);
    };
    Ok(key.verify_strict(input, &ed25519_dalek::Signature::from_bytes(&signature)).is_ok())
}

/// jsonwebtoken's name for an algorithm, when jsonwebtoken implements it (ES512 and `none` it does not; Ed25519
/// is its EdDSA).
pub(crate) fn jwt_alg(alg: Algorithm) -> Option<jsonwebtoken::Algorithm> {
    use jsonwebtoken::Algorithm as J;
    Some(match alg {
        Algorithm::HS256 => J::HS256,
        Algorithm::HS384 => J::HS384,
        Algorithm::HS512 => J::HS512,
        Algorithm::RS256 => J::RS256,
        Algorithm::RS384 => J::RS384,
        Algorithm::RS512 => J::RS512,
        Algorithm::PS256 => J::PS256,
        Algorithm::PS384 => J::PS384,
        Algorithm::PS512 => J::PS512,
        Algorithm::ES256 => J::ES256,
        Algorithm::ES384 => J::ES384,
        Algorithm::EdDSA | Algorithm::Ed25519 => J::EdDSA,
        Algorithm::ES512 | Algorithm::None => return None,
    })
}

/// Verifies with jsonwebtoken's RustCrypto backend, on the signing input exactly as sent.
fn jwt_verify(
    alg: Algorithm,
    token: &Token,
    key: &jsonwebtoken::DecodingKey,
) -> jsonwebtoken::errors::Result<bool> {
    let input = token.signing_input().as_bytes();
    match jwt_alg(alg) {
        Some(jwt_alg) => jsonwebtoken::crypto::verify(token.signature_b64(), input, key, jwt_alg),
        None => Err(jsonwebtoken::errors::ErrorKind::InvalidAlgorithm.into()),
    }
}
