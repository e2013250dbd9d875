//! The RFCs' own examples, copied from the RFC texts (display line breaks removed): RFC 7515 Appendix A.1–A.4
//! and RFC 8037 §A.4. A.4 of both signs a payload that is not JSON: a valid JWS, but not a JWT claims set.

use devtools_jwt::VerificationStatus;
use devtools_jwt::answer::{self, DecodeRequest, NOT_A_JWT};

/// RFC 7515 A.1–A.3's payload: RFC 7519 §3.1's claims.
const A123_PAYLOAD: &str = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";

fn decode(token: &str, key: &str) -> answer::Analysis {
    let request = DecodeRequest {
        token: token.to_owned(),
        key: Some(key.to_owned()),
        now: Some(1_300_000_000_i64.into()),
        ..DecodeRequest::default()
    };
    answer::decode(&request).unwrap_or_else(|error| panic!("{token}: {}", error.message()))
}

fn assert_valid(analysis: &answer::Analysis) {
    assert_eq!(
        analysis.verification.status,
        VerificationStatus::Valid,
        "{:?}",
        analysis.verification
    );
}

/// A JWT example: verifies, and has RFC 7519 §3.1's claims.
fn assert_jwt_example(header: &str, signature: &str, key: &str) {
    let analysis = decode(&format!("{header}.{A123_PAYLOAD}.{signature}"), key);
    assert_valid(&analysis);
    assert!(analysis.non_json_payload.is_none());
    assert_eq!(analysis.payload["iss"], "joe");
    assert_eq!(analysis.payload["exp"], 1_300_819_380);
    assert_eq!(analysis.payload["http://example.com/is_root"], true);
    // One character of the signature changed no longer verifies.
    let mut tampered = signature.to_owned();
    let first = if tampered.starts_with('A') { "B" } else { "A" };
    tampered.replace_range(0..1, first);
    let analysis = decode(&format!("{header}.{A123_PAYLOAD}.{tampered}"), key);
    assert_ne!(analysis.verification.status, VerificationStatus::Valid);
}

#[test]
fn rfc7515_a1_hs256() {
    assert_jwt_example(
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9",
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
        r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#,
    );
}

#[test]
fn rfc7515_a2_rs256() {
    let signature = concat!(
        "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7",
        "AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4",
        "BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K",
        "0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqv",
        "hJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrB",
        "p0igcN_IoypGlUPQGe77Rw",
    );
    let key = concat!(
        r#"{"kty":"RSA","n":""#,
        "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddx",
        "HmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMs",
        "D1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSH",
        "SXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdV",
        "MTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8",
        "NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ",
        r#"","e":"AQAB"}"#,
    );
    assert_jwt_example("eyJhbGciOiJSUzI1NiJ9", signature, key);
}

#[test]
fn rfc7515_a3_es256() {
    assert_jwt_example(
        "eyJhbGciOiJFUzI1NiJ9",
        "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q",
        r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#,
    );
}

/// A valid JWS whose payload is text: verified, shown as text, and said not to be a JWT.
fn assert_text_jws(token: &str, key: &str, text: &str) {
    let analysis = decode(token, key);
    assert_valid(&analysis);
    let note = analysis.non_json_payload.as_ref().expect("a non-JSON payload is reported");
    assert_eq!(note.text.as_deref(), Some(text));
    assert_eq!(note.hex, hex::encode(text));
    assert_eq!(note.message, NOT_A_JWT);
    assert!(analysis.payload.is_empty() && analysis.claims.is_empty());
    assert_eq!(analysis.payload_pretty(), text);
}

#[test]
fn rfc7515_a4_es512_signs_a_text_payload() {
    let token = concat!(
        "eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA.",
        "AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZq",
        "wqT2SI-KGDKB34XO0aw_7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8Kp",
        "EHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn",
    );
    let key = concat!(
        r#"{"kty":"EC","crv":"P-521","#,
        r#""x":"AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk","#,
        r#""y":"ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2"}"#,
    );
    assert_text_jws(token, key, "Payload");
}

/// RFC 8037 §A.4 (signing) and §A.5 (validation).
pub const RFC8037_A4: &str = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
/// RFC 8037 §A.2's public key.
pub const RFC8037_KEY: &str =
    r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;

#[test]
fn rfc8037_a4_ed25519_signs_a_text_payload() {
    assert_text_jws(RFC8037_A4, RFC8037_KEY, "Example of Ed25519 signing");
}

#[test]
fn a_payload_that_is_not_utf8_is_shown_in_hex() {
    // {"alg":"none"} with the payload bytes ff ee.
    let analysis = answer::decode(&DecodeRequest {
        token: "eyJhbGciOiJub25lIn0._-4.".into(),
        ..DecodeRequest::default()
    })
    .unwrap();
    let note = analysis.non_json_payload.unwrap();
    assert_eq!((note.text, note.hex.as_str()), (None, "ffee"));
    assert_eq!(analysis.payload_text, "ffee");
}
