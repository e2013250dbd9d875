//! Any string as a compact JWT: best-effort decoding, as the API and the page do it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let _ = devtools_jwt::decode(input);
    let _ = devtools_jwt::decode_pasted(input);
});
