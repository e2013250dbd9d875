//! Keys as users paste them: an HMAC secret (UTF-8 or base64), PEM (public key, certificate or private key),
//! a JWK or a JWK Set. Parsing only classifies and extracts; whether a key fits a token is decided in `verify`.

use crate::algorithm::Curve;
use crate::error::KeyError;
use base64::Engine;
use base64::alphabet;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use ed25519_dalek::pkcs8::DecodePrivateKey as _;
use p256::pkcs8::EncodePrivateKey as _;
use rsa::pkcs1::{DecodeRsaPrivateKey as _, DecodeRsaPublicKey as _, EncodeRsaPrivateKey as _};
use rsa::traits::PublicKeyParts as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use spki::ObjectIdentifier;
use spki::der::{Decode as _, Encode as _};

/// Longest key text accepted, in bytes: room for a large JWK Set or a certificate chain.
pub const MAX_KEY_LEN: usize = 256 * 1024;

/// Most keys read from one JWK Set.
pub const MAX_JWKS_KEYS: usize = 100;

/// Smallest RSA modulus accepted, in bits (RFC 7518 §3.3: "2048 bits or larger MUST be used").
pub const MIN_RSA_BITS: usize = 2048;

/// Largest RSA modulus used to sign or verify, in bits. The cost of an RSA private-key operation grows with the
/// cube of the modulus: a 16384-bit key already takes a large part of a request's budget to sign with, and a key
/// text of [`MAX_KEY_LEN`] could hold a modulus of a million bits. No JOSE implementation needs more (RFC 7518
/// sets only a minimum).
pub const MAX_RSA_BITS: usize = 16384;

const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const OID_SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");
const OID_X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const OID_ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");

/// How an HMAC secret is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum KeyEncoding {
    /// The secret's own bytes, as UTF-8 text.
    #[default]
    Utf8,
    /// Base64 (standard or URL-safe alphabet, padding optional) of the secret's bytes.
    Base64,
}

/// A key, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Key {
    /// An HMAC secret.
    Secret(Vec<u8>),
    /// A PEM public key, certificate or private key.
    Pem(PemKey),
    /// One JWK.
    Jwk(Jwk),
    /// A JWK Set.
    Jwks(Vec<Jwk>),
}

/// A public key of a type this crate can tell apart.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PublicKey {
    /// RSA modulus and exponent, big-endian.
    Rsa {
        /// The modulus.
        n: Vec<u8>,
        /// The public exponent.
        e: Vec<u8>,
        /// Whether the key is an RSASSA-PSS key (algorithm `id-RSASSA-PSS` in its SPKI or PKCS#8, as
        /// `openssl genpkey -algorithm RSA-PSS` writes), which RFC 4055 §1.2 restricts to PSS: PS256/384/512 only.
        pss_only: bool,
    },
    /// An elliptic-curve point, SEC1-encoded.
    Ec {
        /// The curve.
        curve: Curve,
        /// The point.
        point: Vec<u8>,
    },
    /// A 32-byte Ed25519 public key.
    Ed25519([u8; 32]),
    /// A key of a type no supported algorithm uses (Ed448, X25519, secp256k1 ...), described in words.
    Other(String),
}

/// A PEM block read as a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PemKey {
    /// The PEM label: `PUBLIC KEY`, `CERTIFICATE`, `PRIVATE KEY` ...
    pub label: String,
    /// The public key (derived, for a private key).
    pub public: PublicKey,
    /// The private key, in the form the signer needs.
    pub(crate) private: Option<PrivateKey>,
}

/// A private key ready for signing.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum PrivateKey {
    /// PKCS#1 DER, as jsonwebtoken's RSA signer wants.
    Rsa(Vec<u8>),
    /// PKCS#8 DER.
    Ec(Curve, Vec<u8>),
    /// PKCS#8 DER.
    Ed25519(Vec<u8>),
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print key material, not even in a debug log.
        f.write_str("PrivateKey(..)")
    }
}

/// One key of a JWK or JWK Set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jwk {
    /// Position in the set, from 0 (0 for a lone JWK).
    pub index: usize,
    /// `kid`.
    pub kid: Option<String>,
    /// `alg`, which must match the token's when present.
    pub alg: Option<String>,
    /// `use`: `sig` or `enc`.
    pub usage: Option<String>,
    /// `key_ops`.
    pub key_ops: Option<Vec<String>>,
    /// The key, or why it cannot be used.
    pub material: JwkMaterial,
}

/// What a JWK holds.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JwkMaterial {
    /// `kty: oct`: a symmetric secret.
    Oct(Vec<u8>),
    /// `kty: RSA`, `EC` or `OKP`: a public key (private members are ignored).
    Public(PublicKey),
    /// A member is missing or malformed.
    Invalid(String),
}

impl PemKey {
    /// Whether this is a private key, which can sign.
    pub fn is_private(&self) -> bool {
        self.private.is_some()
    }
}

impl PublicKey {
    /// The key in words: "an RSA 2048-bit public key".
    pub fn describe(&self) -> String {
        match self {
            PublicKey::Rsa { n, pss_only: false, .. } => format!("an RSA {}-bit key", rsa_bits(n)),
            PublicKey::Rsa { n, pss_only: true, .. } => {
                format!(
                    "an RSA-PSS {}-bit key (id-RSASSA-PSS: for PS256/384/512 only)",
                    rsa_bits(n)
                )
            }
            PublicKey::Ec { curve, .. } => format!("an EC {} key", curve.name()),
            PublicKey::Ed25519(_) => "an Ed25519 key".to_owned(),
            PublicKey::Other(what) => what.clone(),
        }
    }
}

/// Bits in a big-endian modulus, ignoring leading zero bytes.
pub(crate) fn rsa_bits(n: &[u8]) -> usize {
    let n = match n.iter().position(|byte| *byte != 0) {
        Some(first) => &n[first..],
        None => return 0,
    };
    n.len() * 8 - n[0].leading_zeros() as usize
}

impl Jwk {
    /// "key #2 (kid \"a\")".
    pub fn label(&self) -> String {
        match &self.kid {
            Some(kid) => format!("key #{} (kid {kid:?})", self.index + 1),
            None => format!("key #{}", self.index + 1),
        }
    }
}

/// Reads a key. `encoding` applies to secrets only. Key text that is, or holds, something asymmetric is never
/// taken for an HMAC secret, since using a public key's text as one is what a key-confusion attack relies on
/// (RFC 8725 §2.1, §3.1): JSON is a JWK or JWK Set; text with a PEM block anywhere in it (after a comment, in
/// `openssl x509 -text` output or a PKCS#12 dump) is read as that PEM, the text around the blocks skipped as
/// OpenSSL skips it; an OpenSSH public key (`ssh-rsa AAAA…`) and text that starts with a byte-order mark are
/// refused, saying why.
pub fn parse_key(text: &str, encoding: KeyEncoding) -> Result<Key, KeyError> {
    if text.len() > MAX_KEY_LEN {
        return Err(KeyError::TooLong { len: text.len(), limit: MAX_KEY_LEN });
    }
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(KeyError::Empty);
    }
    // An editor's byte-order mark before a PEM key or a JWK is skipped; before anything else it is refused, as
    // a secret would silently include it.
    let (marked, unmarked) = match trimmed.strip_prefix('\u{feff}') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, trimmed),
    };
    if unmarked.starts_with('{') {
        return parse_json_key(unmarked);
    }
    if unmarked.contains("-----BEGIN") {
        return parse_pem(unmarked).map(Key::Pem);
    }
    if let Some(kind) = openssh_public_key(unmarked) {
        return Err(KeyError::Unusable(format!(
            "This is an OpenSSH public key ({kind}), which is never used as an HMAC secret (RFC 8725 §3.1); to verify with it, convert it to PEM: ssh-keygen -e -m PKCS8 -f key.pub"
        )));
    }
    if marked {
        return Err(KeyError::Unusable(
            "The key text starts with a byte-order mark (U+FEFF) but holds no PEM block or JWK; it is not used as an HMAC secret. Remove the mark if this is a secret.".to_owned(),
        ));
    }
    match encoding {
        KeyEncoding::Utf8 => Ok(Key::Secret(text.as_bytes().to_vec())),
        KeyEncoding::Base64 => {
            // Secrets come base64-encoded in either alphabet, with or without padding: accept them all.
            const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
                .with_decode_padding_mode(DecodePaddingMode::Indifferent)
                .with_decode_allow_trailing_bits(true);
            let normalized: String = trimmed
                .chars()
                .filter(|c| !c.is_ascii_whitespace())
                .map(|c| match c {
                    '-' => '+',
                    '_' => '/',
                    c => c,
                })
                .collect();
            let bytes = GeneralPurpose::new(&alphabet::STANDARD, LENIENT)
                .decode(normalized)
                .map_err(|error| KeyError::Base64(error.to_string()))?;
            if bytes.is_empty() {
                return Err(KeyError::Empty);
            }
            Ok(Key::Secret(bytes))
        }
    }
}

/// The key type of an OpenSSH public key line (`ssh-rsa AAAA… comment`, possibly after `authorized_keys`
/// options), when `text` is one.
fn openssh_public_key(text: &str) -> Option<&str> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(2).find_map(|pair| {
        let kind = pair[0];
        let ssh = ["ssh-", "ecdsa-sha2-", "sk-ssh-", "sk-ecdsa-sha2-"]
            .iter()
            .any(|prefix| kind.starts_with(prefix));
        (ssh && pair[1].starts_with("AAAA")).then_some(kind)
    })
}

fn parse_pem(text: &str) -> Result<PemKey, KeyError> {
    let blocks = pem::parse_many(text).map_err(|error| KeyError::Pem(error.to_string()))?;
    // `openssl ecparam -genkey` writes the curve's parameters before the key: they are no key, and the key names
    // its curve itself. Of the rest, a private key (which can sign, and verify as its public key) comes before
    // certificates, as in a PKCS#12 dump; otherwise the first block, since a certificate chain starts with the
    // leaf, which holds the signing key.
    let keys: Vec<&pem::Pem> =
        blocks.iter().filter(|block| !block.tag().ends_with("PARAMETERS")).collect();
    let block = keys
        .iter()
        .find(|block| block.tag().ends_with("PRIVATE KEY"))
        .or_else(|| keys.first())
        .ok_or_else(|| match blocks.first() {
            Some(block) => KeyError::Pem(format!(
                "a {:?} block holds parameters, not a key; give the key too",
                block.tag()
            )),
            None => KeyError::Pem("no PEM block found".to_owned()),
        })?;
    let der = block.contents();
    let label = block.tag().to_owned();
    let pem_error =
        |what: &str, error: &dyn std::fmt::Display| KeyError::Pem(format!("{what}: {error}"));
    let (public, private) = match label.as_str() {
        "PUBLIC KEY" => (parse_spki(der)?, None),
        "RSA PUBLIC KEY" => {
            let key = rsa::PublicKey::from_pkcs1_der(der)
                .map_err(|e| pem_error("invalid RSA public key", &e))?;
            let (n, e) = (key.n_bytes().into_vec(), key.e_bytes().into_vec());
            (PublicKey::Rsa { n, e, pss_only: false }, None)
        }
        "CERTIFICATE" => {
            let certificate = x509_cert::Certificate::from_der(der)
                .map_err(|e| pem_error("invalid certificate", &e))?;
            let spki = certificate
                .tbs_certificate()
                .subject_public_key_info()
                .to_der()
                .map_err(|e| pem_error("invalid certificate key", &e))?;
            (parse_spki(&spki)?, None)
        }
        "PRIVATE KEY" => parse_pkcs8(der)?,
        "RSA PRIVATE KEY" => {
            let key = rsa::PrivateKey::from_pkcs1_der(der)
                .map_err(|e| pem_error("invalid RSA private key", &e))?;
            rsa_private(&key, false)?
        }
        "EC PRIVATE KEY" => parse_sec1(der)?,
        "ENCRYPTED PRIVATE KEY" => {
            return Err(KeyError::Pem(
                "the private key is encrypted; decrypt it first (openssl pkey -in key.pem -out plain.pem)".to_owned(),
            ));
        }
        other => {
            return Err(KeyError::Pem(format!("a {other:?} block is not a key or certificate")));
        }
    };
    Ok(PemKey { label, public, private })
}

fn parse_spki(der: &[u8]) -> Result<PublicKey, KeyError> {
    let spki = spki::SubjectPublicKeyInfoRef::from_der(der)
        .map_err(|error| KeyError::Pem(format!("invalid public key: {error}")))?;
    let bits = spki.subject_public_key.raw_bytes();
    let oid = spki.algorithm.oid;
    if oid == OID_RSA || oid == OID_RSA_PSS {
        let key = rsa::PublicKey::from_pkcs1_der(bits)
            .map_err(|error| KeyError::Pem(format!("invalid RSA public key: {error}")))?;
        let (n, e) = (key.n_bytes().into_vec(), key.e_bytes().into_vec());
        return Ok(PublicKey::Rsa { n, e, pss_only: oid == OID_RSA_PSS });
    }
    if oid == OID_EC {
        let curve_oid = spki
            .algorithm
            .parameters_oid()
            .map_err(|error| KeyError::Pem(format!("EC key without a named curve: {error}")))?;
        return Ok(match curve_for(curve_oid) {
            Ok(curve) => PublicKey::Ec { curve, point: bits.to_vec() },
            Err(name) => PublicKey::Other(format!("an EC key on {name}")),
        });
    }
    if oid == OID_ED25519 {
        let key: [u8; 32] = bits
            .try_into()
            .map_err(|_| KeyError::Pem("an Ed25519 public key has 32 bytes".to_owned()))?;
        return Ok(PublicKey::Ed25519(key));
    }
    Ok(PublicKey::Other(other_algorithm(oid)))
}

fn curve_for(oid: ObjectIdentifier) -> Result<Curve, String> {
    match oid {
        OID_P256 => Ok(Curve::P256),
        OID_P384 => Ok(Curve::P384),
        OID_P521 => Ok(Curve::P521),
        OID_SECP256K1 => Err("secp256k1 (ES256K, not supported)".to_owned()),
        other => Err(format!("the curve {other}")),
    }
}

fn other_algorithm(oid: ObjectIdentifier) -> String {
    match oid {
        OID_ED448 => "an Ed448 key (not supported)".to_owned(),
        OID_X25519 => "an X25519 key (for key agreement, not signatures)".to_owned(),
        other => format!("a key of algorithm {other}"),
    }
}

fn rsa_private(
    key: &rsa::PrivateKey,
    pss_only: bool,
) -> Result<(PublicKey, Option<PrivateKey>), KeyError> {
    let public = key.to_public_key();
    let pkcs1 = key
        .to_pkcs1_der()
        .map_err(|error| KeyError::Pem(format!("invalid RSA private key: {error}")))?;
    Ok((
        PublicKey::Rsa { n: public.n_bytes().into_vec(), e: public.e_bytes().into_vec(), pss_only },
        Some(PrivateKey::Rsa(pkcs1.as_bytes().to_vec())),
    ))
}

fn parse_pkcs8(der: &[u8]) -> Result<(PublicKey, Option<PrivateKey>), KeyError> {
    let info = pkcs8::PrivateKeyInfoRef::from_der(der)
        .map_err(|error| KeyError::Pem(format!("invalid PKCS#8 private key: {error}")))?;
    let oid = info.algorithm.oid;
    let invalid =
        |error: &dyn std::fmt::Display| KeyError::Pem(format!("invalid private key: {error}"));
    if oid == OID_RSA || oid == OID_RSA_PSS {
        use rsa::pkcs8::DecodePrivateKey as _;
        let key = rsa::PrivateKey::from_pkcs8_der(der).map_err(|e| invalid(&e))?;
        return rsa_private(&key, oid == OID_RSA_PSS);
    }
    if oid == OID_EC {
        let curve_oid = info.algorithm.parameters_oid().map_err(|e| invalid(&e))?;
        let curve = curve_for(curve_oid)
            .map_err(|name| KeyError::Unusable(format!("an EC key on {name}, which no JWS algorithm here signs or verifies with (ES256, ES384 and ES512 use P-256, P-384 and P-521)")))?;
        let point = ec_public_from_pkcs8(curve, der).map_err(|e| invalid(&e))?;
        return Ok((PublicKey::Ec { curve, point }, Some(PrivateKey::Ec(curve, der.to_vec()))));
    }
    if oid == OID_ED25519 {
        let key = ed25519_dalek::SigningKey::from_pkcs8_der(der).map_err(|e| invalid(&e))?;
        return Ok((
            PublicKey::Ed25519(key.verifying_key().to_bytes()),
            Some(PrivateKey::Ed25519(der.to_vec())),
        ));
    }
    Err(KeyError::Unusable(format!(
        "{}, which no JWS algorithm here signs or verifies with",
        other_algorithm(oid)
    )))
}

fn ec_public_from_pkcs8(curve: Curve, der: &[u8]) -> Result<Vec<u8>, pkcs8::Error> {
    use p256::pkcs8::DecodePrivateKey as _;
    Ok(match curve {
        Curve::P256 => {
            p256::SecretKey::from_pkcs8_der(der)?.public_key().to_sec1_bytes().into_vec()
        }
        Curve::P384 => {
            p384::SecretKey::from_pkcs8_der(der)?.public_key().to_sec1_bytes().into_vec()
        }
        Curve::P521 => {
            p521::SecretKey::from_pkcs8_der(der)?.public_key().to_sec1_bytes().into_vec()
        }
    })
}

/// A SEC1 `EC PRIVATE KEY`, converted to PKCS#8 for the signers; its curve is whichever parses it.
fn parse_sec1(der: &[u8]) -> Result<(PublicKey, Option<PrivateKey>), KeyError> {
    let converted = if let Ok(key) = p256::SecretKey::from_sec1_der(der) {
        key.to_pkcs8_der()
            .map(|doc| (Curve::P256, key.public_key().to_sec1_bytes().into_vec(), doc))
    } else if let Ok(key) = p384::SecretKey::from_sec1_der(der) {
        key.to_pkcs8_der()
            .map(|doc| (Curve::P384, key.public_key().to_sec1_bytes().into_vec(), doc))
    } else if let Ok(key) = p521::SecretKey::from_sec1_der(der) {
        key.to_pkcs8_der()
            .map(|doc| (Curve::P521, key.public_key().to_sec1_bytes().into_vec(), doc))
    } else {
        return Err(KeyError::Pem("not an EC private key on P-256, P-384 or P-521".to_owned()));
    };
    let (curve, point, pkcs8) =
        converted.map_err(|error| KeyError::Pem(format!("invalid EC private key: {error}")))?;
    Ok((PublicKey::Ec { curve, point }, Some(PrivateKey::Ec(curve, pkcs8.as_bytes().to_vec()))))
}

fn parse_json_key(text: &str) -> Result<Key, KeyError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|error| KeyError::Jwk(format!("not valid JSON: {error}")))?;
    let Value::Object(object) = &value else {
        return Err(KeyError::Jwk("not a JSON object".to_owned()));
    };
    if let Some(keys) = object.get("keys") {
        let Value::Array(keys) = keys else {
            return Err(KeyError::Jwk("a JWK Set's \"keys\" must be an array".to_owned()));
        };
        if keys.is_empty() {
            return Err(KeyError::Jwk("the JWK Set has no keys".to_owned()));
        }
        if keys.len() > MAX_JWKS_KEYS {
            return Err(KeyError::Jwk(format!(
                "the JWK Set has {} keys; the limit is {MAX_JWKS_KEYS}",
                keys.len()
            )));
        }
        return Ok(Key::Jwks(
            keys.iter().enumerate().map(|(index, key)| parse_jwk(index, key)).collect(),
        ));
    }
    if object.contains_key("kty") {
        let jwk = parse_jwk(0, &value);
        if let JwkMaterial::Invalid(reason) = &jwk.material {
            return Err(KeyError::Jwk(reason.clone()));
        }
        return Ok(Key::Jwk(jwk));
    }
    Err(KeyError::Jwk(
        "JSON that is neither a JWK (no \"kty\") nor a JWK Set (no \"keys\")".to_owned(),
    ))
}

fn parse_jwk(index: usize, value: &Value) -> Jwk {
    let string = |name: &str| value.get(name).and_then(Value::as_str).map(str::to_owned);
    let key_ops = value
        .get("key_ops")
        .and_then(Value::as_array)
        .map(|ops| ops.iter().filter_map(Value::as_str).map(str::to_owned).collect());
    Jwk {
        index,
        kid: string("kid"),
        alg: string("alg"),
        usage: string("use"),
        key_ops,
        material: jwk_material(value).unwrap_or_else(JwkMaterial::Invalid),
    }
}

fn jwk_material(value: &Value) -> Result<JwkMaterial, String> {
    if !value.is_object() {
        return Err("a JWK must be a JSON object".to_owned());
    }
    let member = |name: &str| -> Result<Vec<u8>, String> {
        let text = value
            .get(name)
            .and_then(Value::as_str)
            .ok_or_else(|| format!("missing string member {name:?}"))?;
        URL_SAFE_NO_PAD
            .decode(text)
            .map_err(|error| format!("member {name:?} is not base64url: {error}"))
    };
    for name in ["kid", "alg", "use"] {
        if value.get(name).is_some_and(|member| !member.is_string()) {
            return Err(format!("member {name:?} must be a string"));
        }
    }
    if value
        .get("key_ops")
        .is_some_and(|ops| !ops.as_array().is_some_and(|ops| ops.iter().all(Value::is_string)))
    {
        return Err("member \"key_ops\" must be an array of strings".to_owned());
    }
    let kty = value.get("kty").and_then(Value::as_str).ok_or("missing string member \"kty\"")?;
    match kty {
        "oct" => {
            let secret = member("k")?;
            if secret.is_empty() {
                return Err("member \"k\" is empty".to_owned());
            }
            Ok(JwkMaterial::Oct(secret))
        }
        "RSA" => Ok(JwkMaterial::Public(PublicKey::Rsa {
            n: member("n")?,
            e: member("e")?,
            pss_only: false,
        })),
        "EC" => {
            let crv =
                value.get("crv").and_then(Value::as_str).ok_or("missing string member \"crv\"")?;
            let Some(curve) = Curve::from_name(crv) else {
                return Ok(JwkMaterial::Public(PublicKey::Other(format!(
                    "an EC key on {crv} (not supported)"
                ))));
            };
            let (x, y) = (member("x")?, member("y")?);
            // RFC 7518 §6.2.1.2: coordinates are the full field size, leading zeros included.
            for (name, coordinate) in [("x", &x), ("y", &y)] {
                if coordinate.len() != curve.field_len() {
                    return Err(format!(
                        "member {name:?} has {} bytes; on {crv} it must have {}",
                        coordinate.len(),
                        curve.field_len()
                    ));
                }
            }
            let mut point = Vec::with_capacity(1 + 2 * curve.field_len());
            point.push(0x04);
            point.extend_from_slice(&x);
            point.extend_from_slice(&y);
            Ok(JwkMaterial::Public(PublicKey::Ec { curve, point }))
        }
        "OKP" => {
            let crv =
                value.get("crv").and_then(Value::as_str).ok_or("missing string member \"crv\"")?;
            if crv != "Ed25519" {
                return Ok(JwkMaterial::Public(PublicKey::Other(format!(
                    "an OKP key on {crv} (not supported)"
                ))));
            }
            let x = member("x")?;
            let key: [u8; 32] = x
                .try_into()
                .map_err(|_| "member \"x\" of an Ed25519 key must have 32 bytes".to_owned())?;
            Ok(JwkMaterial::Public(PublicKey::Ed25519(key)))
        }
        other => Err(format!("unknown key type kty {other:?} (expected oct, RSA, EC or OKP)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
    }

    fn pem(name: &str) -> PemKey {
        match parse_key(&fixture(name), KeyEncoding::Utf8).unwrap() {
            Key::Pem(key) => key,
            other => panic!("{name}: {other:?}"),
        }
    }

    #[test]
    fn secrets_are_utf8_or_base64() {
        assert_eq!(
            parse_key("my secret", KeyEncoding::Utf8),
            Ok(Key::Secret(b"my secret".to_vec()))
        );
        assert_eq!(parse_key("c2VjcmV0", KeyEncoding::Base64), Ok(Key::Secret(b"secret".to_vec())));
        assert_eq!(
            parse_key("c2VjcmV0IQ", KeyEncoding::Base64),
            Ok(Key::Secret(b"secret!".to_vec()))
        );
        assert_eq!(parse_key("-_8", KeyEncoding::Base64), Ok(Key::Secret(vec![0xfb, 0xff])));
        assert!(matches!(parse_key("not base64!", KeyEncoding::Base64), Err(KeyError::Base64(_))));
        assert_eq!(parse_key("  ", KeyEncoding::Utf8), Err(KeyError::Empty));
        let huge = "x".repeat(MAX_KEY_LEN + 1);
        assert!(matches!(parse_key(&huge, KeyEncoding::Utf8), Err(KeyError::TooLong { .. })));
    }

    #[test]
    fn pem_public_keys_and_certificates_are_classified() {
        assert!(
            matches!(pem("test-rsa-public.pem").public, PublicKey::Rsa { ref n, .. } if rsa_bits(n) == 2048)
        );
        assert!(matches!(pem("test-rsa-cert.pem").public, PublicKey::Rsa { .. }));
        assert_eq!(pem("test-rsa-cert.pem").public, pem("test-rsa-public.pem").public);
        assert_eq!(pem("test-ec-p256-cert.pem").public, pem("test-ec-p256-public.pem").public);
        assert!(matches!(
            pem("test-ec-p384-public.pem").public,
            PublicKey::Ec { curve: Curve::P384, .. }
        ));
        assert!(matches!(
            pem("test-ec-p521-public.pem").public,
            PublicKey::Ec { curve: Curve::P521, .. }
        ));
        assert!(matches!(pem("test-ed25519-public.pem").public, PublicKey::Ed25519(_)));
        assert!(pem("test-rsa-public.pem").private.is_none());
    }

    #[test]
    fn private_keys_yield_their_public_keys() {
        assert_eq!(pem("test-rsa-private.pem").public, pem("test-rsa-public.pem").public);
        assert_eq!(pem("test-rsa-private-pkcs1.pem").public, pem("test-rsa-public.pem").public);
        for curve in ["p256", "p384", "p521"] {
            let public = pem(&format!("test-ec-{curve}-public.pem")).public;
            assert_eq!(
                pem(&format!("test-ec-{curve}-private.pem")).public,
                public,
                "{curve} pkcs8"
            );
            assert_eq!(
                pem(&format!("test-ec-{curve}-private-sec1.pem")).public,
                public,
                "{curve} sec1"
            );
            assert!(pem(&format!("test-ec-{curve}-private-sec1.pem")).private.is_some());
        }
        assert_eq!(pem("test-ed25519-private.pem").public, pem("test-ed25519-public.pem").public);
    }

    #[test]
    fn jwks_and_jwks_match_their_pem_twins() {
        let Key::Jwks(keys) = parse_key(&fixture("test-jwks.json"), KeyEncoding::Utf8).unwrap()
        else {
            panic!("not a JWKS")
        };
        assert_eq!(keys.len(), 6);
        assert_eq!(keys[0].kid.as_deref(), Some("rsa-1"));
        assert_eq!(keys[0].material, JwkMaterial::Public(pem("test-rsa-public.pem").public));
        assert_eq!(keys[4].material, JwkMaterial::Public(pem("test-ec-p521-public.pem").public));
        assert_eq!(keys[5].material, JwkMaterial::Public(pem("test-ed25519-public.pem").public));
        let Key::Jwk(jwk) = parse_key(&fixture("test-jwk-ec-256.json"), KeyEncoding::Utf8).unwrap()
        else {
            panic!("not a JWK")
        };
        assert_eq!(jwk.material, JwkMaterial::Public(pem("test-ec-p256-public.pem").public));
    }

    #[test]
    fn bad_keys_say_what_is_wrong() {
        let error = parse_key(
            "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
            KeyEncoding::Utf8,
        );
        assert!(matches!(error, Err(KeyError::Pem(_))), "{error:?}");
        assert!(
            matches!(parse_key("{\"kty\":\"RSA\",\"n\":\"AQAB\"}", KeyEncoding::Utf8), Err(KeyError::Jwk(m)) if m.contains("\"e\""))
        );
        assert!(matches!(parse_key("{\"foo\":1}", KeyEncoding::Utf8), Err(KeyError::Jwk(_))));
        assert!(matches!(parse_key("{\"keys\":[]}", KeyEncoding::Utf8), Err(KeyError::Jwk(_))));
        assert!(matches!(parse_key("{not json", KeyEncoding::Utf8), Err(KeyError::Jwk(_))));
        let short_x = r#"{"kty":"EC","crv":"P-256","x":"AQ","y":"AQ"}"#;
        assert!(
            matches!(parse_key(short_x, KeyEncoding::Utf8), Err(KeyError::Jwk(m)) if m.contains("32"))
        );
        let Key::Jwk(ed448) =
            parse_key(r#"{"kty":"OKP","crv":"Ed448","x":"AA"}"#, KeyEncoding::Utf8).unwrap()
        else {
            panic!()
        };
        assert!(matches!(ed448.material, JwkMaterial::Public(PublicKey::Other(_))));
    }

    #[test]
    fn key_text_holding_a_pem_block_or_an_ssh_key_is_never_a_secret() {
        let public = pem("test-rsa-public.pem");
        let certificate = fixture("test-rsa-cert.pem");
        for text in [
            format!("# auth-server signing key\n{}", fixture("test-rsa-public.pem")),
            format!("\u{feff}{}", fixture("test-rsa-public.pem")),
            format!("Certificate:\n    Data:\n        Version: 3 (0x2)\n{certificate}"),
            format!(
                "Bag Attributes\n    localKeyID: 01 02\nsubject=/CN=t\n{certificate}trailing text\n"
            ),
        ] {
            match parse_key(&text, KeyEncoding::Utf8) {
                Ok(Key::Pem(key)) => assert_eq!(key.public, public.public, "{text:?}"),
                other => panic!("{text:?}: {other:?}"),
            }
        }
        for text in [
            "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQD0rPeaSFDTTonBqRkx58R user@host",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
            "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY=",
            "from=\"10.0.0.1\" ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQD0",
        ] {
            let error = parse_key(text, KeyEncoding::Utf8).unwrap_err();
            assert!(error.to_string().contains("OpenSSH public key"), "{text}: {error}");
        }
        let error = parse_key("\u{feff}my secret", KeyEncoding::Utf8).unwrap_err();
        assert!(error.to_string().contains("byte-order mark"), "{error}");
        let broken = "# comment\n-----BEGIN PUBLIC KEY-----\nAAAA";
        assert!(matches!(parse_key(broken, KeyEncoding::Utf8), Err(KeyError::Pem(_))));
        // A secret that merely mentions ssh is still a secret.
        assert!(matches!(parse_key("ssh-rsa is not a key", KeyEncoding::Utf8), Ok(Key::Secret(_))));
    }

    #[test]
    fn parameter_blocks_are_skipped_and_a_private_key_comes_first() {
        // `openssl ecparam -name prime256v1 -genkey`: the curve's OID, then the key.
        let parameters =
            "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";
        let sec1 = fixture("test-ec-p256-private-sec1.pem");
        let genkey = parse_key(&format!("{parameters}{sec1}"), KeyEncoding::Utf8);
        let Ok(Key::Pem(key)) = genkey else { panic!("{genkey:?}") };
        assert!(key.is_private());
        assert_eq!(key.public, pem("test-ec-p256-public.pem").public);
        let header = serde_json::json!({"alg": "ES256"});
        let claims = serde_json::json!({"a": 1});
        let (header, claims) = (header.as_object().unwrap(), claims.as_object().unwrap());
        let token =
            crate::sign(header, claims, &format!("{parameters}{sec1}"), KeyEncoding::Utf8).unwrap();
        let verdict = crate::verify(&crate::decode(&token).unwrap(), &Key::Pem(key));
        assert_eq!(verdict.status, crate::VerificationStatus::Valid, "{verdict:?}");
        let alone = parse_key(parameters, KeyEncoding::Utf8);
        assert!(matches!(&alone, Err(KeyError::Pem(m)) if m.contains("parameters")), "{alone:?}");
        // A PKCS#12 dump: the certificate, then its private key, which signs.
        let dump = format!(
            "Bag Attributes\n    localKeyID: 01\n{}Bag Attributes\n    localKeyID: 01\n{}",
            fixture("test-rsa-cert.pem"),
            fixture("test-rsa-private.pem")
        );
        let Ok(Key::Pem(key)) = parse_key(&dump, KeyEncoding::Utf8) else { panic!() };
        assert!(key.is_private());
        assert_eq!(key.public, pem("test-rsa-public.pem").public);
    }

    #[test]
    fn modulus_bits_ignore_leading_zeros() {
        assert_eq!(rsa_bits(&[0, 0, 0x80, 0]), 16);
        assert_eq!(rsa_bits(&[0x01]), 1);
        assert_eq!(rsa_bits(&[]), 0);
    }
}
