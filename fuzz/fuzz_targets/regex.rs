//! A pattern, flags and a text from one input (split at the first two NUL bytes), through both flavours:
//! matching, substitution, explanation.
#![no_main]

use devtools_regex::{Flags, Flavor, Request};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let mut parts = input.splitn(3, '\0');
    let pattern = parts.next().unwrap_or_default();
    let flags = parts.next().unwrap_or_default();
    let text = parts.next().unwrap_or_default();
    let Ok(flags) = Flags::parse(&flags.chars().filter(|c| "imsxU".contains(*c)).collect::<String>()) else {
        return;
    };
    for flavor in [Flavor::Rust, Flavor::Fancy] {
        let request = Request { pattern, text, flags, flavor, replace: Some("[$1]"), limit: Some(50), deadline: None };
        let _ = devtools_regex::run(&request);
        let _ = devtools_regex::explain(pattern, flavor, flags);
    }
});
