//! Every algorithm through the public API: tokens signed by joserfc (an independent JOSE implementation) and by
//! this crate, verified with the right key, a wrong key, after tampering, and against the security rules.

// Helpers outside #[test] functions: a failed fixture read should abort the test loudly.
#![allow(clippy::unwrap_used, clippy::needless_pass_by_value)]

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use devtools_jwt::{
    Clock, Key, KeyEncoding, Reason, TimeStatus, Verification, VerificationStatus, decode,
    parse_key, sign, time_status, verify,
};
use serde_json::{Map, Value, json};

const SECRET: &str = "test-secret-0123456789abcdef0123456789abcdef";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
}

fn key(name: &str) -> Key {
    parse_key(&fixture(name), KeyEncoding::Utf8).unwrap()
}

fn secret() -> Key {
    parse_key(SECRET, KeyEncoding::Utf8).unwrap()
}

fn object(value: Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap()
}

fn check(token: &str, key: &Key) -> Verification {
    verify(&decode(token).unwrap(), key)
}

/// (alg, private key for signing, public key for verifying, a wrong public key of the same type)
fn cases() -> Vec<(&'static str, String, Key, Key)> {
    let pem = |alg, private: &str, public: &str, wrong: &str| {
        (alg, fixture(private), key(public), key(wrong))
    };
    let mut cases = Vec::new();
    for alg in ["HS256", "HS384", "HS512"] {
        cases.push((
            alg,
            SECRET.to_owned(),
            secret(),
            parse_key("another secret", KeyEncoding::Utf8).unwrap(),
        ));
    }
    for alg in ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"] {
        cases.push(pem(alg, "test-rsa-private.pem", "test-rsa-public.pem", "test-rsa2-public.pem"));
    }
    cases.push(pem(
        "ES256",
        "test-ec-p256-private.pem",
        "test-ec-p256-public.pem",
        "test-ec-p256-other-public.pem",
    ));
    cases.push(pem(
        "ES384",
        "test-ec-p384-private.pem",
        "test-ec-p384-public.pem",
        "test-ec-p384-other-public.pem",
    ));
    cases.push(pem(
        "ES512",
        "test-ec-p521-private.pem",
        "test-ec-p521-public.pem",
        "test-ec-p521-other-public.pem",
    ));
    cases.push(pem(
        "EdDSA",
        "test-ed25519-private.pem",
        "test-ed25519-public.pem",
        "test-ed25519-other-public.pem",
    ));
    cases.push(pem(
        "Ed25519",
        "test-ed25519-private.pem",
        "test-ed25519-public.pem",
        "test-ed25519-other-public.pem",
    ));
    cases
}

fn tamper_payload(token: &str) -> String {
    let parts: Vec<&str> = token.split('.').collect();
    let payload = URL_SAFE_NO_PAD.encode(br#"{"sub":"admin","exp":4102444800}"#);
    format!("{}.{payload}.{}", parts[0], parts[2])
}

fn tamper_signature(token: &str) -> String {
    let (input, signature) = token.rsplit_once('.').unwrap();
    let mut bytes = URL_SAFE_NO_PAD.decode(signature).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(bytes))
}

#[test]
fn tokens_signed_by_joserfc_verify_for_every_algorithm() {
    let tokens: Map<String, Value> = serde_json::from_str(&fixture("joserfc-tokens.json")).unwrap();
    for (alg, _, public, _) in cases() {
        let Some(token) = tokens.get(alg).and_then(Value::as_str) else { continue };
        let verdict = check(token, &public);
        assert_eq!(verdict.status, VerificationStatus::Valid, "{alg}: {}", verdict.message);
        let verdict = check(&tamper_payload(token), &public);
        assert_eq!(
            verdict.reason,
            Some(Reason::InvalidSignature),
            "{alg} tampered payload: {}",
            verdict.message
        );
        let verdict = check(&tamper_signature(token), &public);
        assert_eq!(
            verdict.reason,
            Some(Reason::InvalidSignature),
            "{alg} tampered signature: {}",
            verdict.message
        );
    }
    assert_eq!(tokens.len(), 13, "every algorithm but Ed25519 has a joserfc token");
}

#[test]
fn every_algorithm_signs_and_verifies_and_refuses_the_wrong_key() {
    for (alg, private, public, wrong) in cases() {
        let header = object(json!({"alg": alg, "typ": "JWT"}));
        let claims = object(json!({"sub": "42", "exp": 2_000_000_000}));
        let token = sign(&header, &claims, &private, KeyEncoding::Utf8)
            .unwrap_or_else(|e| panic!("{alg}: {e}"));
        let decoded = decode(&token).unwrap();
        assert_eq!(decoded.alg(), Some(alg));
        assert_eq!(verify(&decoded, &public).status, VerificationStatus::Valid, "{alg}");
        // A private key verifies too: its public half is derived.
        if alg.starts_with(['R', 'P', 'E']) {
            let private_key = parse_key(&private, KeyEncoding::Utf8).unwrap();
            assert_eq!(
                verify(&decoded, &private_key).status,
                VerificationStatus::Valid,
                "{alg} with private key"
            );
        }
        let verdict = verify(&decoded, &wrong);
        assert_eq!(verdict.status, VerificationStatus::Invalid, "{alg} wrong key");
        assert_eq!(
            verdict.reason,
            Some(Reason::InvalidSignature),
            "{alg} wrong key: {}",
            verdict.message
        );
        assert_eq!(
            check(&tamper_payload(&token), &public).reason,
            Some(Reason::InvalidSignature),
            "{alg}"
        );
        assert_eq!(
            check(&tamper_signature(&token), &public).reason,
            Some(Reason::InvalidSignature),
            "{alg}"
        );
    }
}

#[test]
fn signatures_verify_against_the_signing_input_as_sent() {
    // Re-encoding the same JSON differently changes the signing input, so the signature must fail.
    let header = object(json!({"alg": "HS256"}));
    let token = sign(&header, &object(json!({"a": 1})), SECRET, KeyEncoding::Utf8).unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    let spaced = URL_SAFE_NO_PAD.encode(br#"{"a": 1}"#);
    let respaced = format!("{}.{spaced}.{}", parts[0], parts[2]);
    assert_eq!(check(&respaced, &secret()).reason, Some(Reason::InvalidSignature));
}

#[test]
fn signature_and_time_validity_are_separate() {
    let header = object(json!({"alg": "HS256"}));
    let expired = sign(&header, &object(json!({"exp": 1_000})), SECRET, KeyEncoding::Utf8).unwrap();
    let decoded = decode(&expired).unwrap();
    assert_eq!(verify(&decoded, &secret()).status, VerificationStatus::Valid);
    assert_eq!(time_status(decoded.payload(), Clock::at(5_000)).status, TimeStatus::Expired);

    let pending =
        sign(&header, &object(json!({"nbf": 9_000, "exp": 10_000})), SECRET, KeyEncoding::Utf8)
            .unwrap();
    let decoded = decode(&pending).unwrap();
    assert_eq!(verify(&decoded, &secret()).status, VerificationStatus::Valid);
    assert_eq!(time_status(decoded.payload(), Clock::at(5_000)).status, TimeStatus::NotYetValid);
    assert_eq!(time_status(decoded.payload(), Clock::at(9_500)).status, TimeStatus::Valid);
}

#[test]
fn alg_none_is_never_valid() {
    let none = |alg: &str| {
        let header = URL_SAFE_NO_PAD.encode(format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#));
        let payload = URL_SAFE_NO_PAD.encode(br#"{"sub":"admin"}"#);
        format!("{header}.{payload}.")
    };
    for alg in ["none", "None", "NONE", "nOnE"] {
        let decoded = decode(&none(alg)).unwrap();
        for key in [secret(), key("test-rsa-public.pem"), key("test-jwks.json")] {
            let verdict = verify(&decoded, &key);
            assert_eq!(verdict.status, VerificationStatus::Invalid, "{alg}");
            assert_eq!(verdict.reason, Some(Reason::AlgNone), "{alg}");
        }
        assert_eq!(Verification::not_checked(&decoded).reason, Some(Reason::AlgNone));
    }
    // Even with a signature attached.
    let with_signature = format!("{}c2ln", none("none"));
    assert_eq!(check(&with_signature, &secret()).reason, Some(Reason::AlgNone));
}

#[test]
fn hs_tokens_with_public_keys_are_key_confusion() {
    for public in [
        "test-rsa-public.pem",
        "test-rsa-cert.pem",
        "test-ec-p256-public.pem",
        "test-ec-p521-public.pem",
        "test-ed25519-public.pem",
        "test-jwk-rsa-1.json",
        "test-jwk-ec-256.json",
        "test-jwk-ed-1.json",
        "test-jwks.json",
    ] {
        // The classic attack: HMAC the public key's own text and hope the verifier does the same.
        let text = fixture(public);
        for alg in ["HS256", "HS384", "HS512"] {
            let forged = sign(
                &object(json!({"alg": alg})),
                &object(json!({"sub": "admin"})),
                &text,
                KeyEncoding::Utf8,
            );
            assert!(forged.is_err(), "{public}: signing HS with a public key must be refused");
            let header = URL_SAFE_NO_PAD.encode(format!(r#"{{"alg":"{alg}"}}"#));
            let input = format!("{header}.{}", URL_SAFE_NO_PAD.encode(br#"{"sub":"admin"}"#));
            let signature = jsonwebtoken::crypto::sign(
                input.as_bytes(),
                &jsonwebtoken::EncodingKey::from_secret(text.as_bytes()).unwrap(),
                match alg {
                    "HS256" => jsonwebtoken::Algorithm::HS256,
                    "HS384" => jsonwebtoken::Algorithm::HS384,
                    _ => jsonwebtoken::Algorithm::HS512,
                },
            )
            .unwrap();
            let verdict = check(&format!("{input}.{signature}"), &key(public));
            assert_eq!(verdict.status, VerificationStatus::Invalid, "{public} {alg}");
            assert_eq!(
                verdict.reason,
                Some(Reason::KeyConfusion),
                "{public} {alg}: {}",
                verdict.message
            );
        }
    }
}

/// RFC 8725 §3.1: a public key whose text does not start with `-----BEGIN` (a comment line, a byte-order mark,
/// `openssl x509 -text` or PKCS#12 dump output, an OpenSSH key) is still no HMAC secret, to sign or to verify.
#[test]
fn public_key_text_in_disguise_is_never_an_hmac_secret() {
    let public = fixture("test-rsa-public.pem");
    let certificate = fixture("test-rsa-cert.pem");
    for text in [
        format!("# auth-server signing key\n{public}"),
        format!("\u{feff}{public}"),
        format!("Certificate:\n    Data:\n        Version: 3 (0x2)\n{certificate}"),
        format!("Bag Attributes\n    localKeyID: 01 02\nsubject=/CN=t\n{certificate}"),
        "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQD0rPeaSFDTTonBqRkx58R user@host\n".to_owned(),
    ] {
        let forged = sign(
            &object(json!({"alg": "HS256"})),
            &object(json!({"sub": "admin"})),
            &text,
            KeyEncoding::Utf8,
        );
        assert!(
            forged.is_err(),
            "{text:?}: signing HS256 with a public key's text must be refused"
        );
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256"}"#);
        let input = format!("{header}.{}", URL_SAFE_NO_PAD.encode(br#"{"sub":"admin"}"#));
        let signature = jsonwebtoken::crypto::sign(
            input.as_bytes(),
            &jsonwebtoken::EncodingKey::from_secret(text.as_bytes()).unwrap(),
            jsonwebtoken::Algorithm::HS256,
        )
        .unwrap();
        let token = decode(&format!("{input}.{signature}")).unwrap();
        match parse_key(&text, KeyEncoding::Utf8) {
            Ok(key) => {
                let verdict = verify(&token, &key);
                assert_eq!(verdict.reason, Some(Reason::KeyConfusion), "{text:?}: {verdict:?}");
            }
            Err(error) => assert!(error.to_string().contains("OpenSSH"), "{text:?}: {error}"),
        }
    }
}

#[test]
fn keys_of_the_wrong_type_or_curve_are_mismatches() {
    let tokens: Map<String, Value> = serde_json::from_str(&fixture("joserfc-tokens.json")).unwrap();
    let token = |alg: &str| tokens[alg].as_str().unwrap().to_owned();
    let mismatch = |alg: &str, key_name: &str| {
        let verdict = check(&token(alg), &key(key_name));
        assert_eq!(
            verdict.reason,
            Some(Reason::KeyMismatch),
            "{alg} with {key_name}: {}",
            verdict.message
        );
    };
    mismatch("ES256", "test-ec-p384-public.pem");
    mismatch("ES512", "test-ec-p256-public.pem");
    mismatch("RS256", "test-ec-p256-public.pem");
    mismatch("EdDSA", "test-rsa-public.pem");
    mismatch("PS256", "test-jwk-ec-256.json");
    let verdict = check(&token("RS256"), &secret());
    assert_eq!(verdict.reason, Some(Reason::KeyMismatch), "{}", verdict.message);
}

#[test]
fn a_jwk_alg_must_match_the_token() {
    let tokens: Map<String, Value> = serde_json::from_str(&fixture("joserfc-tokens.json")).unwrap();
    let mut jwk: Value = serde_json::from_str(&fixture("test-jwk-rsa-1.json")).unwrap();
    let rs256 = tokens["RS256"].as_str().unwrap();
    jwk["alg"] = json!("RS256");
    let with_alg = parse_key(&jwk.to_string(), KeyEncoding::Utf8).unwrap();
    assert_eq!(check(rs256, &with_alg).status, VerificationStatus::Valid);
    jwk["alg"] = json!("PS256");
    let other_alg = parse_key(&jwk.to_string(), KeyEncoding::Utf8).unwrap();
    assert_eq!(check(rs256, &other_alg).reason, Some(Reason::KeyMismatch));
    jwk["alg"] = json!("RS256");
    jwk["use"] = json!("enc");
    let for_encryption = parse_key(&jwk.to_string(), KeyEncoding::Utf8).unwrap();
    assert_eq!(check(rs256, &for_encryption).reason, Some(Reason::KeyMismatch));
    let oct = parse_key(
        &format!(r#"{{"kty":"oct","k":"{}","alg":"HS256"}}"#, URL_SAFE_NO_PAD.encode(SECRET)),
        KeyEncoding::Utf8,
    )
    .unwrap();
    assert_eq!(check(tokens["HS256"].as_str().unwrap(), &oct).status, VerificationStatus::Valid);
    assert_eq!(check(tokens["HS384"].as_str().unwrap(), &oct).reason, Some(Reason::KeyMismatch));
}

#[test]
fn jwks_selects_by_kid_or_tries_each_key() {
    let jwks = key("test-jwks.json");
    let private = fixture("test-rsa-private.pem");
    let claims = object(json!({"sub": "42"}));
    let with_kid = sign(
        &object(json!({"alg": "RS256", "kid": "rsa-1"})),
        &claims,
        &private,
        KeyEncoding::Utf8,
    )
    .unwrap();
    let verdict = check(&with_kid, &jwks);
    assert_eq!(verdict.status, VerificationStatus::Valid, "{}", verdict.message);
    let matched = verdict.matched_key.unwrap();
    assert_eq!((matched.index, matched.kid.as_deref()), (Some(0), Some("rsa-1")));

    // The kid names another RSA key: the right key is not tried behind the kid's back.
    let wrong_kid = sign(
        &object(json!({"alg": "RS256", "kid": "rsa-2"})),
        &claims,
        &private,
        KeyEncoding::Utf8,
    )
    .unwrap();
    assert_eq!(check(&wrong_kid, &jwks).reason, Some(Reason::InvalidSignature));
    let unknown_kid =
        sign(&object(json!({"alg": "RS256", "kid": "nope"})), &claims, &private, KeyEncoding::Utf8)
            .unwrap();
    let verdict = check(&unknown_kid, &jwks);
    assert_eq!(verdict.reason, Some(Reason::KeyMismatch));
    assert!(verdict.message.contains("\"rsa-1\""), "{}", verdict.message);

    // No kid: every RSA key is tried and the one that matched is reported.
    let rsa2 = fixture("test-rsa2-private.pem");
    let no_kid = sign(&object(json!({"alg": "PS384"})), &claims, &rsa2, KeyEncoding::Utf8).unwrap();
    let verdict = check(&no_kid, &jwks);
    assert_eq!(verdict.status, VerificationStatus::Valid);
    assert_eq!(verdict.matched_key.unwrap().kid.as_deref(), Some("rsa-2"));

    let es512 = sign(
        &object(json!({"alg": "ES512"})),
        &claims,
        &fixture("test-ec-p521-private.pem"),
        KeyEncoding::Utf8,
    )
    .unwrap();
    assert_eq!(check(&es512, &jwks).matched_key.unwrap().kid.as_deref(), Some("ec-521"));

    let other = sign(
        &object(json!({"alg": "ES256"})),
        &claims,
        &fixture("test-ec-p256-other-private.pem"),
        KeyEncoding::Utf8,
    )
    .unwrap();
    let verdict = check(&other, &jwks);
    assert_eq!(verdict.reason, Some(Reason::InvalidSignature), "{}", verdict.message);

    let hs = sign(&object(json!({"alg": "HS256"})), &claims, SECRET, KeyEncoding::Utf8).unwrap();
    assert_eq!(check(&hs, &jwks).reason, Some(Reason::KeyConfusion));
}

#[test]
fn small_rsa_keys_and_bad_points_are_bad_keys() {
    let small = fixture("test-rsa1024-private.pem");
    assert!(
        sign(&object(json!({"alg": "RS256"})), &object(json!({})), &small, KeyEncoding::Utf8)
            .is_err()
    );
    let tokens: Map<String, Value> = serde_json::from_str(&fixture("joserfc-tokens.json")).unwrap();
    let verdict = check(tokens["RS256"].as_str().unwrap(), &key("test-rsa1024-public.pem"));
    assert_eq!(verdict.reason, Some(Reason::BadKey), "{}", verdict.message);
    let off_curve = json!({"kty": "EC", "crv": "P-256", "x": URL_SAFE_NO_PAD.encode([1u8; 32]), "y": URL_SAFE_NO_PAD.encode([2u8; 32])});
    let verdict = check(
        tokens["ES256"].as_str().unwrap(),
        &parse_key(&off_curve.to_string(), KeyEncoding::Utf8).unwrap(),
    );
    assert_eq!(verdict.reason, Some(Reason::BadKey), "{}", verdict.message);
    // A public exponent the rsa crate refuses (above 2^33 - 1) is the key's fault, not a signature mismatch.
    let mut modulus = vec![0xc3u8; 256];
    modulus[255] |= 1;
    for (exponent, shown) in [(vec![2u8, 0, 0, 0, 1], "8589934593"), (vec![0xff; 12], "96-bit")] {
        let jwk = json!({"kty": "RSA", "n": URL_SAFE_NO_PAD.encode(&modulus), "e": URL_SAFE_NO_PAD.encode(&exponent)});
        let verdict = check(
            tokens["RS256"].as_str().unwrap(),
            &parse_key(&jwk.to_string(), KeyEncoding::Utf8).unwrap(),
        );
        assert_eq!(verdict.reason, Some(Reason::BadKey), "{}", verdict.message);
        assert!(
            verdict.message.contains(shown) && verdict.message.contains("2^33"),
            "{}",
            verdict.message
        );
    }
}

#[test]
fn der_encoded_ecdsa_signatures_are_invalid() {
    let tokens: Map<String, Value> = serde_json::from_str(&fixture("joserfc-tokens.json")).unwrap();
    let token = tokens["ES256"].as_str().unwrap();
    let (input, signature) = token.rsplit_once('.').unwrap();
    let raw = URL_SAFE_NO_PAD.decode(signature).unwrap();
    let mut der = vec![0x30, 0x44, 0x02, 0x20];
    der.extend_from_slice(&raw[..32]);
    der.extend_from_slice(&[0x02, 0x20]);
    der.extend_from_slice(&raw[32..]);
    let verdict =
        check(&format!("{input}.{}", URL_SAFE_NO_PAD.encode(der)), &key("test-ec-p256-public.pem"));
    assert_eq!(verdict.reason, Some(Reason::InvalidSignature));
    assert!(verdict.message.contains("DER"), "{}", verdict.message);
}

#[test]
fn crit_and_unknown_algorithms_are_unsupported_never_valid() {
    let header = object(json!({"alg": "HS256", "crit": ["exp"], "exp": 1}));
    let token = sign(&header, &object(json!({})), SECRET, KeyEncoding::Utf8).unwrap();
    assert_eq!(check(&token, &secret()).status, VerificationStatus::Unsupported);
    let unknown = format!("{}.e30.", URL_SAFE_NO_PAD.encode(br#"{"alg":"ES256K"}"#));
    assert_eq!(check(&unknown, &secret()).status, VerificationStatus::Unsupported);
    let no_alg = format!("{}.e30.", URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT"}"#));
    assert_eq!(check(&no_alg, &secret()).status, VerificationStatus::Unsupported);
}

#[test]
fn base64_secrets_verify() {
    let token =
        sign(&object(json!({"alg": "HS256"})), &object(json!({})), "c2VjcmV0", KeyEncoding::Base64)
            .unwrap();
    assert_eq!(
        check(&token, &parse_key("secret", KeyEncoding::Utf8).unwrap()).status,
        VerificationStatus::Valid
    );
    assert_eq!(
        check(&token, &parse_key("c2VjcmV0", KeyEncoding::Base64).unwrap()).status,
        VerificationStatus::Valid
    );
    assert_eq!(
        check(&token, &parse_key("c2VjcmV0", KeyEncoding::Utf8).unwrap()).status,
        VerificationStatus::Invalid
    );
}

#[test]
fn a_secret_ending_in_a_line_break_is_kept_and_named_when_the_signature_does_not_match() {
    let claims = object(json!({"sub": "x"}));
    let token = sign(&object(json!({"alg": "HS256"})), &claims, SECRET, KeyEncoding::Utf8).unwrap();
    for (file, says) in [("\n", "a line break (\\n)"), ("\r\n", "(\\r\\n)"), (" ", "whitespace")] {
        let verdict =
            check(&token, &parse_key(&format!("{SECRET}{file}"), KeyEncoding::Utf8).unwrap());
        assert_eq!(verdict.reason, Some(Reason::InvalidSignature), "{file:?}");
        assert!(
            verdict.message.contains(says) && verdict.message.contains("printf"),
            "{verdict:?}"
        );
    }
    // Bytes as given: a token signed with the line break verifies with it.
    let with_newline = format!("{SECRET}\n");
    let token = sign(&object(json!({"alg": "HS256"})), &claims, &with_newline, KeyEncoding::Utf8);
    let verdict = check(&token.unwrap(), &parse_key(&with_newline, KeyEncoding::Utf8).unwrap());
    assert_eq!(verdict.status, VerificationStatus::Valid);
    let wrong = check(
        &sign(
            &object(json!({"alg": "HS256"})),
            &claims,
            "other-secret-0123456789abcdef0123",
            KeyEncoding::Utf8,
        )
        .unwrap(),
        &secret(),
    );
    assert!(!wrong.message.contains("printf"), "{wrong:?}");
}

/// RFC 4055 §1.2: a key whose algorithm is id-RSASSA-PSS is for RSASSA-PSS only: PS* signs and verifies with it,
/// RS* (PKCS#1 v1.5) is a key mismatch, as jose says.
#[test]
fn an_rsa_pss_key_is_for_ps_algorithms_only() {
    let (private, public) = (fixture("test-rsa-pss-private.pem"), key("test-rsa-pss-public.pem"));
    let claims = object(json!({"sub": "x"}));
    for alg in ["PS256", "PS384", "PS512"] {
        let token = sign(&object(json!({"alg": alg})), &claims, &private, KeyEncoding::Utf8);
        assert_eq!(check(&token.unwrap(), &public).status, VerificationStatus::Valid, "{alg}");
    }
    for alg in ["RS256", "RS384", "RS512"] {
        let error = sign(&object(json!({"alg": alg})), &claims, &private, KeyEncoding::Utf8);
        let error = error.unwrap_err().to_string();
        assert!(error.contains("RFC 4055") && error.contains("RSA-PSS"), "{alg}: {error}");
        // A PKCS#1 v1.5 signature (made with another key) checked with the PSS key: ruled out by the key.
        let token = sign(
            &object(json!({"alg": alg})),
            &claims,
            &fixture("test-rsa-private.pem"),
            KeyEncoding::Utf8,
        );
        let verdict = check(&token.unwrap(), &public);
        assert_eq!(verdict.reason, Some(Reason::KeyMismatch), "{alg}: {}", verdict.message);
        assert!(verdict.message.contains("RFC 4055"), "{}", verdict.message);
    }
}
