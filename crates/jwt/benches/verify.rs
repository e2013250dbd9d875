//! Decoding for display, and HS256 / RS256 verification, with the test fixtures' tokens and keys.

use criterion::{Criterion, criterion_group, criterion_main};
use devtools_jwt::{KeyEncoding, VerificationStatus, decode, parse_key, verify};
use std::hint::black_box;

const TOKENS: &str = include_str!("../tests/fixtures/joserfc-tokens.json");
const SECRET: &str = "test-secret-0123456789abcdef0123456789abcdef";
const RSA_PUBLIC: &str = include_str!("../tests/fixtures/test-rsa-public.pem");

fn token(alg: &str) -> String {
    let tokens: serde_json::Value = serde_json::from_str(TOKENS).expect("fixture is JSON");
    tokens[alg].as_str().expect("fixture has the algorithm").to_owned()
}

fn jwt(c: &mut Criterion) {
    let hs256 = token("HS256");
    let rs256 = token("RS256");
    let mut group = c.benchmark_group("jwt");
    group.bench_function("decode", |b| b.iter(|| decode(black_box(&hs256)).expect("decodes")));
    let secret = parse_key(SECRET, KeyEncoding::Utf8).expect("secret");
    group.bench_function("decode + HS256 verify", |b| {
        b.iter(|| {
            let token = decode(black_box(&hs256)).expect("decodes");
            let verdict = verify(&token, &secret);
            assert_eq!(verdict.status, VerificationStatus::Valid);
        });
    });
    let public = parse_key(RSA_PUBLIC, KeyEncoding::Utf8).expect("RSA public key");
    group.bench_function("decode + RS256 verify", |b| {
        b.iter(|| {
            let token = decode(black_box(&rs256)).expect("decodes");
            let verdict = verify(&token, &public);
            assert_eq!(verdict.status, VerificationStatus::Valid);
        });
    });
    group.finish();
}

criterion_group!(benches, jwt);
criterion_main!(benches);
