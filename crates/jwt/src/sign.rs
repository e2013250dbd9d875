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
use serde_json::{Map, Value};

/// Signs a token. The header must name the algorithm in `alg`; the key is a secret for HS* (UTF-8 or base64, or
/// an `oct` JWK) and a PEM private key otherwise (PKCS#8, PKCS#1 RSA or SEC1 EC). Header and claims are
/// serialised as compact JSON with members in name order.
pub fn sign(
    header: &Map<String, Value>,
    claims: &Map<String, Value>,
    key: &str,
    encoding: KeyEncoding,
) -> Result<String, SignError> {
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
    let key = parse_key(key, encoding)?;
    let input = format!("{}.{}", part(header)?, part(claims)?);
    let signature = signature(alg, &key, input.as_bytes())?;
    Ok(format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature)))
}

fn part(object: &Map<String, Value>) -> Result<String, SignError> {
    let json = serde_json::to_vec(object).map_err(|error| SignError::Crypto(error.to_string()))?;
    Ok(URL_SAFE_NO_PAD.encode(json))
}

fn signature(alg: Algorithm, key: &Key, input: &[u8]) -> Result<Vec<u8>, SignError> {
    let name = alg.name();
    let private = match (alg.family(), key) {
        (Family::Hmac, Key::Secret(secret)) => return hmac(alg, secret, input),
        (Family::Hmac, Key::Jwk(Jwk { material: JwkMaterial::Oct(secret), .. })) => {
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
                && let PublicKey::Rsa { n, .. } = &pem.public
            {
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
