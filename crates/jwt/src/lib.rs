//! Decode, explain, verify and sign JSON Web Tokens (RFC 7515, 7517, 7518, 7519), strict where the security of
//! the answer depends on it.
//!
//! - [`decode`] splits a compact token and decodes each part for display, even ones jsonwebtoken refuses
//!   (`alg: none`, unknown algorithms). A broken token gets a [`Malformed`] error naming the segment and
//!   character at fault, with every part that did decode. JWE (5 parts) is recognised, not decrypted.
//! - [`explain_header`] and [`explain_claims`] say what each parameter and claim means; [`time_status`] judges
//!   `exp`/`nbf`/`iat` against an injectable [`Clock`] (RFC 7519: a token whose `exp` equals now has expired);
//!   [`check_claims`] compares `iss` and `aud` with what a verifier expects.
//! - [`verify`] checks the signature with a secret, PEM key or certificate, JWK or JWK Set, refusing `alg: none`,
//!   key confusion (an HS* token with a public key) and keys whose JWK `alg` disagrees. Signature and time
//!   validity are separate verdicts.
//! - [`sign`] builds a token from header and claims with a secret or a PEM private key.
//!
//! HS256/384/512, RS256/384/512, PS256/384/512, ES256, ES384 and EdDSA use `jsonwebtoken` with its RustCrypto
//! backend; ES512 uses RustCrypto's `p521`, and Ed25519 `ed25519-dalek`'s strict verification.
//!
//! # Example
//!
//! ```
//! use devtools_jwt::{Clock, KeyEncoding, TimeStatus, VerificationStatus, decode, parse_key, sign, time_status, verify};
//! use serde_json::json;
//!
//! let header = json!({"alg": "HS256", "typ": "JWT"});
//! let claims = json!({"sub": "42", "exp": 1_700_000_000});
//! let token = sign(header.as_object().unwrap(), claims.as_object().unwrap(), "s3cret", KeyEncoding::Utf8)?;
//!
//! let decoded = decode(&token)?;
//! assert_eq!(decoded.payload()["sub"], "42");
//!
//! let key = parse_key("s3cret", KeyEncoding::Utf8)?;
//! assert_eq!(verify(&decoded, &key).status, VerificationStatus::Valid);
//! let wrong = parse_key("guess", KeyEncoding::Utf8)?;
//! assert_eq!(verify(&decoded, &wrong).status, VerificationStatus::Invalid);
//!
//! // RFC 7519: at the very second of `exp` the token has expired.
//! assert_eq!(time_status(decoded.payload(), Clock::at(1_699_999_999)).status, TimeStatus::Valid);
//! assert_eq!(time_status(decoded.payload(), Clock::at(1_700_000_000)).status, TimeStatus::Expired);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! - `web`: the `/jwt` page and the `POST /api/jwt/decode` and `POST /api/jwt/encode` endpoints, for the
//!   devtools host (pulls in axum, minijinja and devtools-kit). Without it the crate is a plain library.

#![deny(missing_docs)]

mod algorithm;
mod claims;
mod decode;
mod error;
mod es512;
mod header;
mod key;
mod sign;
mod verify;

#[cfg(feature = "web")]
pub mod web;

pub use algorithm::{ALL as ALGORITHMS, Algorithm, Curve, Family};
pub use claims::{
    Claim, ClaimCheck, ClaimStatus, Clock, TimeCheck, TimeStatus, check_claims, claim_description,
    explain_claims, relative, rfc3339, time_status,
};
pub use decode::{MAX_TOKEN_LEN, Malformed, Partial, Token, decode, decode_pasted};
pub use error::{DecodeError, KeyError, Segment, SignError};
pub use header::{
    AlgInfo, HeaderExplanation, HeaderParam, HeaderWarning, Severity, explain_header,
    parameter_description,
};
pub use key::{
    Jwk, JwkMaterial, Key, KeyEncoding, MAX_JWKS_KEYS, MAX_KEY_LEN, MAX_RSA_BITS, MIN_RSA_BITS,
    PemKey, PublicKey, parse_key,
};
pub use sign::sign;
pub use verify::{MatchedKey, Reason, Verification, VerificationStatus, verify};
