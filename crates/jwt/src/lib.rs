//! Decode, explain, verify and sign JSON Web Tokens (RFC 7515, 7517, 7518, 7519), strict where the security of
//! the answer depends on it: the library behind the devtools JWT page, its JSON API and `devtools jwt`.
//!
//! [`answer::decode`] gives everything the site shows for a token: header and claims explained, NumericDates as
//! UTC times, the time status, `iss`/`aud` checks and the signature's verdict, or a `malformed_token` error that
//! names the segment and character at fault. [`answer::encode`] signs. The parts it is built from are public too:
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
//! - [`sign`] builds a token from header and claims with a secret or a PEM private key; a [`JsonObject`] keeps
//!   the members in the order written, as jwt.io and PyJWT sign them.
//!
//! HS256/384/512, RS256/384/512, PS256/384/512, ES256, ES384 and EdDSA use `jsonwebtoken` with its RustCrypto
//! backend; ES512 uses RustCrypto's `p521`, and Ed25519 `ed25519-dalek`'s strict verification.
//!
//! # Example
//!
//! RFC 7519 §3.1's example token, verified with the HMAC key it was signed with (RFC 7515 Appendix A.1, as a
//! JWK), judged a second before it expires: what the page and `POST /api/jwt/decode` show for it.
//!
//! ```
//! use devtools_jwt::answer::{self, DecodeRequest};
//! use devtools_jwt::{TimeStatus, VerificationStatus};
//!
//! let token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
//! let key = r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;
//! let request = DecodeRequest {
//!     token: token.into(),
//!     key: Some(key.into()),
//!     now: Some(1_300_819_379_i64.into()),
//!     ..DecodeRequest::default()
//! };
//! let analysis = answer::decode(&request)?;
//!
//! println!("{}", analysis.header_pretty());
//! for claim in &analysis.claims {
//!     println!("{} = {} {}", claim.name, claim.value, claim.time.as_deref().unwrap_or_default());
//! }
//! println!("{}\n{}", analysis.verification.message, analysis.time_message);
//!
//! assert_eq!(analysis.verification.status, VerificationStatus::Valid);
//! assert_eq!(analysis.time_status, TimeStatus::Valid);
//! assert_eq!(analysis.claims[1].time.as_deref(), Some("2011-03-22T18:43:00Z"));
//! assert_eq!(analysis.time_message, "Valid now; expires in 1 second.");
//! # Ok::<(), devtools_jwt::AnswerError>(())
//! ```
//!
//! The same with the parts: sign, decode, verify and judge the times yourself.
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
//! - default (none): the library above, including the answer layer; no web or command-line dependencies.
//! - `web`: the `/jwt` page and the `POST /api/jwt/decode` and `POST /api/jwt/encode` endpoints, for the
//!   devtools host (pulls in axum, minijinja, utoipa and devtools-kit's site).
//! - `cli`: the `devtools jwt` subcommand: its arguments and text view (pulls in clap).

#![deny(missing_docs)]

mod algorithm;
pub mod answer;
mod claims;
mod decode;
mod error;
mod es512;
mod header;
mod json_error;
mod key;
mod sign;
mod verify;

#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "web")]
pub mod web;

use devtools_kit::ToolMeta;
pub use devtools_kit::{AnswerError, ErrorClass, Location};

/// The JWT tool: its name, summary, related tools and search keywords.
pub const META: ToolMeta = ToolMeta {
    slug: "jwt",
    name: "JWT Decoder",
    summary: "Decode and inspect JWT tokens. View header, payload, and signature details; verify with a secret, PEM, JWK or JWKS, and sign new tokens.",
    label: "jwt",
    related: &["http-status", "regex"],
    keywords: &[
        "jwt",
        "json web token",
        "bearer",
        "jws",
        "jwe",
        "jwk",
        "jwks",
        "oauth",
        "openid connect",
        "id token",
        "access token",
        "decode",
        "verify",
        "sign",
        "hs256",
        "rs256",
        "es256",
        "eddsa",
        "claims",
        "exp",
    ],
};

pub use algorithm::{ALL as ALGORITHMS, Algorithm, Curve, Family};
pub use answer::{
    Analysis, DecodeRequest, EncodeRequest, EncodeResponse, MAX_LEEWAY, NOT_A_JWT, NonJsonPayload,
    Parts, pretty_text,
};
pub use claims::{
    Claim, ClaimCheck, ClaimStatus, Clock, TimeCheck, TimeStatus, check_claims, claim_description,
    explain_claims, relative, rfc3339, time_status,
};
pub use decode::{MAX_TOKEN_LEN, Malformed, Partial, Token, decode, decode_pasted, pasted_token};
pub use error::{DecodeError, KeyError, Segment, SignError};
pub use header::{
    AlgInfo, HeaderExplanation, HeaderParam, HeaderWarning, Severity, explain_header,
    parameter_description,
};
pub use key::{
    Jwk, JwkMaterial, Key, KeyEncoding, MAX_JWKS_KEYS, MAX_KEY_LEN, MAX_RSA_BITS, MIN_RSA_BITS,
    PemKey, PublicKey, parse_key,
};
pub use sign::{JsonObject, sign};
pub use verify::{MatchedKey, Reason, Verification, VerificationStatus, verify};

/// The README's example, run as a doctest so it cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
