//! Any string as a verification key (secret, PEM, JWK, JWKS), used to verify a fixed HS256 token.
#![no_main]

use devtools_jwt::KeyEncoding;
use libfuzzer_sys::fuzz_target;

const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

fuzz_target!(|input: &str| {
    let token = devtools_jwt::decode(TOKEN).expect("fixed token decodes");
    for encoding in [KeyEncoding::Utf8, KeyEncoding::Base64] {
        if let Ok(key) = devtools_jwt::parse_key(input, encoding) {
            let _ = devtools_jwt::verify(&token, &key);
        }
    }
});
