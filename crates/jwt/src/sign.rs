//! Signing: a compact JWS from header and claims JSON, with a secret or a PEM private key.

use crate::algorithm::{Algorithm, Family};
use crate::error::{KeyError, SignError};
use crate::key::{
    Jwk, JwkMaterial, Key, KeyEncoding, MAX_RSA_BITS, MIN_RSA_BITS, PrivateKey, PublicKey,
    parse_key, rsa_bits,
};
use crate::verify::jwt_alg;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// Signs a token. The header must be a JSON object naming the algorithm in `alg`, the claims a JSON object; the
/// key is a secret for HS* (UTF-8 or base64, or an `oct` JWK) and a PEM private key otherwise (PKCS#8, PKCS#1
/// RSA or SEC1 EC).
///
/// Header and claims are signed as compact JSON in the order they serialise in: a [`JsonObject`] keeps the order
/// its text was written in (so the same header, claims and secret give the same token as jwt.io or PyJWT), a
/// struct its fields' order, while a `serde_json::Map` or `Value` sorts members by name. An object with a member
/// name twice is refused: this crate's own [`decode`](crate::decode) refuses such a token. So are a registered
/// header parameter of the wrong type, an `exp`, `nbf` or `iat` that is not a NumericDate, a `crit` that breaks
/// RFC 7515 §4.1.11 (empty, a name twice, a parameter RFC 7515 defines, one the header lacks) and `"b64": false`.
pub fn sign<H, C>(
    header: &H,
    claims: &C,
    key: &str,
    encoding: KeyEncoding,
) -> Result<String, SignError>
where
    H: Serialize + ?Sized,
    C: Serialize + ?Sized,
{
    let header_json = object_json(header, "header").map_err(SignError::Header)?;
    let claims_json = object_json(claims, "payload").map_err(SignError::Claims)?;
    let header: Map<String, Value> =
        serde_json::from_str(&header_json).map_err(|error| SignError::Header(error.to_string()))?;
    let alg = match header.get("alg") {
        Some(Value::String(name)) => Algorithm::from_name(name).ok_or_else(|| {
            SignError::Header(format!("alg {name:?} is not an algorithm this tool signs with."))
        })?,
        Some(_) => return Err(SignError::Header("alg must be a string.".to_owned())),
        None => {
            return Err(SignError::Header(
                "The header needs an alg, such as HS256 or RS256.".to_owned(),
            ));
        }
    };
    if alg == Algorithm::None {
        return Err(SignError::Header(
            "alg none makes an unsigned token, which this tool does not produce.".to_owned(),
        ));
    }
    // What this crate's own decoder would refuse, refused before signing rather than discovered after.
    crate::decode::check_header_types(&header)
        .map_err(|error| SignError::Header(error.to_string()))?;
    check_crit(&header).map_err(SignError::Header)?;
    check_time_claims(&claims_json).map_err(SignError::Claims)?;
    let key = parse_key(key, encoding)?;
    let input =
        format!("{}.{}", URL_SAFE_NO_PAD.encode(header_json), URL_SAFE_NO_PAD.encode(claims_json));
    let signature = signature(alg, &key, input.as_bytes())?;
    Ok(format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature)))
}

/// `value` as compact JSON, which must be an object with unique member names; otherwise why not, naming it `what`.
fn object_json<T: Serialize + ?Sized>(value: &T, what: &str) -> Result<String, String> {
    let json = serde_json::to_string(value)
        .map_err(|error| format!("The {what} cannot be written as JSON: {error}."))?;
    if !json.starts_with('{') {
        let found = serde_json::from_str::<Value>(&json)
            .map_or("not JSON", |value| crate::decode::json_type(&value));
        return Err(format!("The {what} must be a JSON object, not {found}."));
    }
    if let Some(name) = crate::decode::duplicate_member(&json) {
        return Err(format!(
            "The {what} has the member {name:?} twice; a JWT's {what} names each member once (RFC 7515 §4, RFC 7519 §4)."
        ));
    }
    Ok(json)
}

/// Header parameters RFC 7515 §4.1 defines for JWS, which a producer MUST NOT list in `crit` (§4.1.11).
const JWS_PARAMETERS: &[&str] =
    &["alg", "crit", "cty", "jku", "jwk", "kid", "typ", "x5c", "x5t", "x5t#S256", "x5u"];

/// Refuses a `crit` that breaks what RFC 7515 §4.1.11 requires of a producer (an empty list, a name twice, a
/// parameter RFC 7515 itself defines, a name the header does not carry) and an unencoded payload (RFC 7797
/// `"b64": false`), which this signer does not produce: it would sign the base64url form, which an RFC 7797
/// verifier does not check. (Its type is checked with the other parameters' before this.)
fn check_crit(header: &Map<String, Value>) -> Result<(), String> {
    if header.get("b64") == Some(&Value::Bool(false)) {
        return Err("\"b64\": false asks for an unencoded payload (RFC 7797), which this tool does not sign; remove b64 or set it to true.".to_owned());
    }
    let Some(names) = header.get("crit").and_then(Value::as_array) else { return Ok(()) };
    if names.is_empty() {
        return Err("crit is an empty list, which RFC 7515 §4.1.11 forbids; remove crit or list the extensions a recipient must understand.".to_owned());
    }
    let mut seen = std::collections::HashSet::new();
    for name in names.iter().filter_map(Value::as_str) {
        if !seen.insert(name) {
            return Err(format!("crit lists {name:?} twice (RFC 7515 §4.1.11)."));
        }
        if JWS_PARAMETERS.contains(&name) {
            return Err(format!(
                "crit lists {name:?}, a parameter RFC 7515 defines; crit names only extensions (RFC 7515 §4.1.11)."
            ));
        }
        if !header.contains_key(name) {
            return Err(format!(
                "crit lists {name:?}, but the header has no {name:?} parameter; RFC 7515 §4.1.11 lists only parameters the header carries."
            ));
        }
    }
    Ok(())
}

/// What signing a header with `crit` means, said with the token: a recipient that does not understand the listed
/// extensions MUST reject it (RFC 7515 §4.1.11), and this tool's verifier, which implements none, will call it
/// unsupported. None without `crit`.
pub(crate) fn crit_warning(header: &Map<String, Value>) -> Option<String> {
    let names: Vec<String> = header
        .get("crit")?
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .map(|name| format!("{name:?}"))
        .collect();
    Some(format!(
        "The header's crit lists {}: a recipient that does not understand {} MUST reject the token (RFC 7515 §4.1.11). This tool implements no extensions, so its own verifier will call the token's signature unsupported, not valid.",
        names.join(", "),
        if names.len() == 1 { "that extension" } else { "every one of these extensions" }
    ))
}

/// What signing with a secret shorter than the hash means, said with the token (as PyJWT's
/// `InsecureKeyLengthWarning` says it): RFC 7518 §3.2 requires a key of at least the hash's size, and a short
/// secret can be brute-forced from one token. None for a long enough secret, another key or another algorithm.
pub(crate) fn short_secret_warning(
    header: &Map<String, Value>,
    key: &str,
    encoding: KeyEncoding,
) -> Option<String> {
    let alg = header.get("alg").and_then(Value::as_str).and_then(Algorithm::from_name)?;
    let needed = alg.min_secret_len()?;
    let (Key::Secret(secret) | Key::Jwk(Jwk { material: JwkMaterial::Oct(secret), .. })) =
        parse_key(key, encoding).ok()?
    else {
        return None;
    };
    (secret.len() < needed).then(|| {
        format!(
            "The secret has {} bytes ({} bits); RFC 7518 §3.2 requires at least {needed} bytes ({} bits) with {}, the hash's size. A short secret can be brute-forced from a single token, and some verifiers refuse it.",
            secret.len(),
            secret.len() * 8,
            needed * 8,
            alg.name()
        )
    })
}

/// Refuses `exp`, `nbf` and `iat` that are not NumericDates (RFC 7519 §2, §4.1.4–6): verifiers reject such a
/// token, and so does this crate's [`decode`](crate::decode).
fn check_time_claims(claims_json: &str) -> Result<(), String> {
    let Ok(claims) = serde_json::from_str::<Map<String, Value>>(claims_json) else { return Ok(()) };
    let Some((name, value)) = crate::claims::non_numeric_date(&claims) else { return Ok(()) };
    let found = match value {
        Value::String(text) if text.chars().count() <= 40 => format!("the string {text:?}"),
        other => crate::decode::json_type(other).to_owned(),
    };
    Err(format!(
        "The claim {name:?} must be a NumericDate: a JSON number of seconds since 1970-01-01T00:00:00Z, such as 1767225600 for 2026-01-01T00:00:00Z (RFC 7519 §2, §4.1.4–4.1.6), not {found}. Verifiers reject such a token."
    ))
}

/// A JSON object that keeps its members in the order they were written: the header or claims to [`sign`], so that
/// the same JSON text, key and algorithm give the same token as jwt.io or PyJWT. (`serde_json::Map` sorts its
/// members by name, and serde_json's `preserve_order` feature would change the order of every map in a program.)
///
/// It holds the object as compact JSON: whitespace between tokens goes, members and their values stay as written,
/// numbers with their own digits (`1e9` stays `1e9`, a 30-digit integer keeps every digit). It deserialises from any JSON object, serialises back in the same order,
/// and [`parse`](JsonObject::parse) reads JSON text.
///
/// ```
/// use devtools_jwt::JsonObject;
///
/// let claims = JsonObject::parse(r#"{ "sub": "1234567890", "name": "John Doe", "iat": 1516239022 }"#)?;
/// assert_eq!(claims.as_str(), r#"{"sub":"1234567890","name":"John Doe","iat":1516239022}"#);
/// assert!(JsonObject::parse("[1, 2]").is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonObject(String);

impl JsonObject {
    /// Reads JSON text that must be one object (anything else, or trailing text, is an error).
    pub fn parse(text: &str) -> Result<Self, serde_json::Error> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let object = JsonObject::deserialize(&mut deserializer)?;
        deserializer.end()?;
        Ok(object)
    }

    /// The object as compact JSON, members in their order.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The object pretty-printed (two-space indent), members in their order.
    pub fn pretty(&self) -> String {
        crate::answer::pretty_text(&self.0)
    }

    /// The members, as a `serde_json::Map` (sorted by name; a repeated name keeps its last value).
    pub fn to_map(&self) -> Map<String, Value> {
        serde_json::from_str(&self.0).unwrap_or_default()
    }
}

impl From<&Map<String, Value>> for JsonObject {
    fn from(map: &Map<String, Value>) -> Self {
        JsonObject(Value::Object(map.clone()).to_string())
    }
}

impl<'de> Deserialize<'de> for JsonObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Read as the text it was written in (serde_json's RawValue): members keep their order and numbers their
        // digits, which a round trip through f64 would change (12345678901234567890123 to 1.2345678901234568e22,
        // 1e9 to 1000000000.0, -0 to -0.0).
        let raw = Box::<serde_json::value::RawValue>::deserialize(deserializer)?;
        let json = compact(raw.get());
        if !json.starts_with('{') {
            return Err(D::Error::custom("expected a JSON object"));
        }
        Ok(JsonObject(json))
    }
}

/// Serialises as its text, verbatim, to serde_json (numbers with their own digits); other serialisers see
/// serde_json's raw-value wrapper.
impl Serialize for JsonObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error as _;
        serde_json::value::RawValue::from_string(self.0.clone())
            .map_err(S::Error::custom)?
            .serialize(serializer)
    }
}

/// Valid JSON text without the whitespace between its tokens; strings, numbers and literals as written.
pub(crate) fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
        }
    }
    out
}

fn signature(alg: Algorithm, key: &Key, input: &[u8]) -> Result<Vec<u8>, SignError> {
    let name = alg.name();
    let private = match (alg.family(), key) {
        (Family::Hmac, Key::Secret(secret)) => return hmac(alg, secret, input),
        (Family::Hmac, Key::Jwk(jwk @ Jwk { material: JwkMaterial::Oct(secret), .. })) => {
            refuse_jwk_use(alg, jwk)?;
            return hmac(alg, secret, input);
        }
        (Family::Hmac, _) => {
            return Err(SignError::KeyMismatch(format!(
                "{name} signs with a shared secret; this key is not one. (Using a public key's text as an HMAC secret is the key-confusion attack.)"
            )));
        }
        (_, Key::Pem(pem)) => match &pem.private {
            Some(private) => private,
            None => {
                return Err(SignError::KeyMismatch(format!(
                    "Signing needs the private key; this is {} ({}).",
                    pem.public.describe(),
                    pem.label
                )));
            }
        },
        (_, _) => {
            return Err(SignError::KeyMismatch(format!(
                "{name} signs with a PEM private key, not a secret or JWK."
            )));
        }
    };
    let mismatch =
        |what: String| SignError::KeyMismatch(format!("{name} cannot sign with {what}."));
    match (alg.family(), private) {
        (Family::Rsa, PrivateKey::Rsa(pkcs1)) => {
            if let Key::Pem(pem) = key
                && let PublicKey::Rsa { n, pss_only, .. } = &pem.public
            {
                if *pss_only && !name.starts_with("PS") {
                    return Err(mismatch(format!(
                        "{}, which RFC 4055 §1.2 restricts to RSASSA-PSS (PS256, PS384, PS512)",
                        pem.public.describe()
                    )));
                }
                let bits = rsa_bits(n);
                if bits < MIN_RSA_BITS {
                    return Err(SignError::Key(KeyError::Unusable(format!(
                        "The RSA key has {bits} bits; RFC 7518 requires at least {MIN_RSA_BITS}."
                    ))));
                }
                if bits > MAX_RSA_BITS {
                    return Err(SignError::Key(KeyError::Unusable(format!(
                        "The RSA key has {bits} bits; this tool signs with keys of at most {MAX_RSA_BITS}."
                    ))));
                }
            }
            with_jsonwebtoken(alg, &jsonwebtoken::EncodingKey::from_rsa_der(pkcs1), input)
        }
        (Family::Ec(curve), PrivateKey::Ec(key_curve, pkcs8)) if curve == *key_curve => {
            if curve == crate::Curve::P521 {
                return crate::es512::sign(pkcs8, input).map_err(SignError::Crypto);
            }
            with_jsonwebtoken(alg, &jsonwebtoken::EncodingKey::from_ec_der(pkcs8), input)
        }
        (Family::Ed25519, PrivateKey::Ed25519(pkcs8)) => {
            with_jsonwebtoken(alg, &jsonwebtoken::EncodingKey::from_ed_der(pkcs8), input)
        }
        (_, PrivateKey::Rsa(_)) => Err(mismatch("an RSA key".to_owned())),
        (_, PrivateKey::Ec(curve, _)) => Err(mismatch(format!("an EC {} key", curve.name()))),
        (_, PrivateKey::Ed25519(_)) => Err(mismatch("an Ed25519 key".to_owned())),
    }
}

/// A JWK's `alg`, `use` and `key_ops` bind it as they do for the verifier (RFC 7517 §4.2–4.4): a token signed
/// against them is one this tool's own verifier, and a JOSE library, rejects.
fn refuse_jwk_use(alg: Algorithm, jwk: &Jwk) -> Result<(), SignError> {
    let name = alg.name();
    if let Some(jwk_alg) = &jwk.alg
        && jwk_alg != name
    {
        return Err(SignError::KeyMismatch(format!(
            "The JWK is for alg {jwk_alg:?}, but the header says {name} (RFC 7517 §4.4); a verifier would reject the token."
        )));
    }
    if let Some(usage) = &jwk.usage
        && usage != "sig"
    {
        return Err(SignError::KeyMismatch(format!(
            "The JWK's use is {usage:?}, not \"sig\" (RFC 7517 §4.2): it is not for signatures."
        )));
    }
    if let Some(ops) = &jwk.key_ops
        && !ops.iter().any(|op| op == "sign")
    {
        return Err(SignError::KeyMismatch(
            "The JWK's key_ops do not include \"sign\" (RFC 7517 §4.3).".to_owned(),
        ));
    }
    Ok(())
}

fn hmac(alg: Algorithm, secret: &[u8], input: &[u8]) -> Result<Vec<u8>, SignError> {
    let key = jsonwebtoken::EncodingKey::from_secret(secret)
        .map_err(|_| SignError::Key(KeyError::Empty))?;
    with_jsonwebtoken(alg, &key, input)
}

fn with_jsonwebtoken(
    alg: Algorithm,
    key: &jsonwebtoken::EncodingKey,
    input: &[u8],
) -> Result<Vec<u8>, SignError> {
    let jwt_alg = jwt_alg(alg).ok_or_else(|| {
        SignError::Crypto(format!("{} is not signed by jsonwebtoken", alg.name()))
    })?;
    let signature = jsonwebtoken::crypto::sign(input, key, jwt_alg)
        .map_err(|error| SignError::Crypto(error.to_string()))?;
    URL_SAFE_NO_PAD.decode(signature).map_err(|error| SignError::Crypto(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// jwt.io's default example (as of 2025): this header and payload, exactly, with this secret.
    const JWT_IO_HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
    const JWT_IO_PAYLOAD: &str = r#"{
  "sub": "1234567890",
  "name": "John Doe",
  "admin": true,
  "iat": 1516239022
}"#;
    const JWT_IO_SECRET: &str = "a-string-secret-at-least-256-bits-long";
    /// The token jwt.io shows for them, computed independently of this crate with Python's standard library:
    ///
    /// ```text
    /// python3 -c 'import hmac, hashlib, base64
    /// b = lambda x: base64.urlsafe_b64encode(x).rstrip(b"=").decode()
    /// i = b(b"{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b(b"{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"admin\":true,\"iat\":1516239022}")
    /// print(i + "." + b(hmac.new(b"a-string-secret-at-least-256-bits-long", i.encode(), hashlib.sha256).digest()))'
    /// ```
    const JWT_IO_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.KMUFsIDTnFmyG3nMiGM6H9FNFUROf3wh7SmqJp-QV30";

    #[test]
    fn claims_are_signed_in_the_order_given_as_jwt_io_signs_them() {
        let header = JsonObject::parse(JWT_IO_HEADER).unwrap();
        let claims = JsonObject::parse(JWT_IO_PAYLOAD).unwrap();
        let token = sign(&header, &claims, JWT_IO_SECRET, KeyEncoding::Utf8).unwrap();
        assert_eq!(token, JWT_IO_TOKEN);
        // A Map sorts the claims by name: another payload, so another token.
        let sorted = sign(&header, &claims.to_map(), JWT_IO_SECRET, KeyEncoding::Utf8).unwrap();
        assert_ne!(sorted, JWT_IO_TOKEN);
        assert!(crate::decode(&sorted).unwrap().payload_json().starts_with(r#"{"admin":true"#));
    }

    #[test]
    fn json_objects_keep_their_order_through_serde() {
        let object =
            JsonObject::parse(" {\"z\": [1, {\"b\": 2, \"a\": 1}], \"a\": 1.5e3 } ").unwrap();
        assert_eq!(object.as_str(), r#"{"z":[1,{"b":2,"a":1}],"a":1.5e3}"#);
        let round: JsonObject =
            serde_json::from_str(&serde_json::to_string(&object).unwrap()).unwrap();
        assert_eq!(round, object);
        assert!(object.pretty().starts_with("{\n  \"z\": ["));
        for bad in ["[]", "1", "\"x\"", "{} {}", "{", ""] {
            assert!(JsonObject::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn an_oct_jwks_alg_use_and_key_ops_bind_the_signer_as_the_verifier() {
        let k = URL_SAFE_NO_PAD.encode([7u8; 64]);
        let claims = JsonObject::parse(r#"{"a":1}"#).unwrap();
        let signed = |alg: &str, extra: &str| {
            let header = JsonObject::parse(&format!(r#"{{"alg":"{alg}"}}"#)).unwrap();
            let jwk = format!(r#"{{"kty":"oct","k":"{k}"{extra}}}"#);
            sign(&header, &claims, &jwk, KeyEncoding::Utf8)
        };
        for (alg, extra, says) in [
            ("HS512", r#","alg":"HS256""#, "alg \"HS256\""),
            ("HS256", r#","use":"enc""#, "use is \"enc\""),
            ("HS256", r#","key_ops":["verify"]"#, "\"sign\""),
        ] {
            let error = signed(alg, extra).unwrap_err();
            assert!(
                matches!(&error, SignError::KeyMismatch(m) if m.contains(says)),
                "{alg} {extra}: {error}"
            );
        }
        for (alg, extra) in [
            ("HS256", r#","alg":"HS256""#),
            ("HS256", r#","use":"sig","key_ops":["sign","verify"]"#),
        ] {
            let token = signed(alg, extra).unwrap();
            let key = parse_key(&format!(r#"{{"kty":"oct","k":"{k}"{extra}}}"#), KeyEncoding::Utf8);
            let verdict = crate::verify(&crate::decode(&token).unwrap(), &key.unwrap());
            assert_eq!(verdict.status, crate::VerificationStatus::Valid, "{extra}");
        }
    }

    #[test]
    fn numbers_are_signed_with_their_own_digits() {
        let header = JsonObject::parse(r#"{"alg":"HS256"}"#).unwrap();
        let text =
            r#"{"id": 12345678901234567890123, "exp": 1e9, "z": -0, "h": 1e2, "s": "a \" b"}"#;
        let claims = JsonObject::parse(text).unwrap();
        let exact = r#"{"id":12345678901234567890123,"exp":1e9,"z":-0,"h":1e2,"s":"a \" b"}"#;
        assert_eq!(claims.as_str(), exact);
        let token = sign(&header, &claims, &"k".repeat(32), KeyEncoding::Utf8).unwrap();
        assert_eq!(crate::decode(&token).unwrap().payload_json(), exact);
        // The same through the API's body, read by serde_json.
        let body = format!(r#"{{"header": {{"alg": "HS256"}}, "payload": {text}, "key": "k"}}"#);
        let request: crate::EncodeRequest = serde_json::from_str(&body).unwrap();
        assert_eq!(request.payload.as_str(), exact);
        assert_eq!(serde_json::to_string(&request.payload).unwrap(), exact);
    }

    #[test]
    fn what_is_not_an_object_with_unique_names_is_refused() {
        let header = JsonObject::parse(JWT_IO_HEADER).unwrap();
        let twice = JsonObject::parse(r#"{"exp":1,"exp":2}"#).unwrap();
        let error = sign(&header, &twice, "k", KeyEncoding::Utf8).unwrap_err();
        assert!(
            matches!(&error, SignError::Claims(message) if message.contains(r#""exp" twice"#)),
            "{error}"
        );
        let error = sign(&header, &vec![1], "k", KeyEncoding::Utf8).unwrap_err();
        assert_eq!(error.to_string(), "The payload must be a JSON object, not an array.");
        let error = sign("HS256", &Map::new(), "k", KeyEncoding::Utf8).unwrap_err();
        assert!(matches!(error, SignError::Header(_)), "{error}");
    }
}
