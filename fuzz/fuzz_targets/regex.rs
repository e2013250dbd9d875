//! A pattern, flags and a text from one input (split at the first two NUL bytes), through both flavours:
//! matching, substitution, explanation. The rust flavour is also checked against the `regex` crate itself (issue
//! 14: fuzz targets compare where an oracle exists in Rust): the tester walks matches, counts characters and
//! expands replacements with its own code (deadlines, budgets, offsets), so every span, count, group and
//! substituted text it reports must be what `regex::Regex` gives for the same pattern and flags.
#![no_main]

use devtools_regex::{Flags, Flavor, Report, Request};
use libfuzzer_sys::fuzz_target;

/// The replacement used for every input: a numbered group next to literal text.
const REPLACEMENT: &str = "[$1]";
/// How many matches the tester is asked to list.
const LIMIT: usize = 50;

fuzz_target!(|input: &str| {
    let mut parts = input.splitn(3, '\0');
    let pattern = parts.next().unwrap_or_default();
    let flags = parts.next().unwrap_or_default();
    let text = parts.next().unwrap_or_default();
    let Ok(flags) = Flags::parse(&flags.chars().filter(|c| "imsxU".contains(*c)).collect::<String>()) else {
        return;
    };
    for flavor in [Flavor::Rust, Flavor::Fancy] {
        let request = Request {
            pattern,
            text,
            flags,
            flavor,
            replace: Some(REPLACEMENT),
            limit: Some(LIMIT),
            deadline: None,
        };
        let result = devtools_regex::run(&request);
        if let (Flavor::Rust, Ok(report)) = (flavor, &result) {
            agree_with_regex_crate(pattern, flags, text, report);
        }
        let _ = devtools_regex::explain(pattern, flavor, flags);
    }
});

/// Panics when the report differs from what the `regex` crate finds (skipped when the crate refuses the pattern
/// with its default limits, which the tester may set differently).
fn agree_with_regex_crate(pattern: &str, flags: Flags, text: &str, report: &Report) {
    let Ok(oracle) = regex::RegexBuilder::new(pattern)
        .case_insensitive(flags.case_insensitive)
        .multi_line(flags.multi_line)
        .dot_matches_new_line(flags.dot_matches_new_line)
        .ignore_whitespace(flags.ignore_whitespace)
        .swap_greed(flags.swap_greed)
        .build()
    else {
        return;
    };
    let expected: Vec<regex::Captures<'_>> = oracle.captures_iter(text).collect();
    assert_eq!(report.match_count, expected.len(), "match count of {pattern:?} on {text:?}");
    assert!(report.matches.len() <= LIMIT);
    for (found, captures) in report.matches.iter().zip(&expected) {
        let whole = captures.get(0).expect("group 0 always takes part");
        assert_eq!((found.start, found.end), (whole.start(), whole.end()), "span of {pattern:?} on {text:?}");
        assert_eq!(found.text, whole.as_str());
        assert_eq!(found.char_start, text[..found.start].chars().count());
        assert_eq!(found.char_end, text[..found.end].chars().count());
        assert_eq!(found.groups.len(), captures.len(), "group slots of {pattern:?}");
        for (index, (group, oracle_group)) in found.groups.iter().zip(captures.iter()).enumerate() {
            let spans = (group.as_ref().map(|g| (g.start, g.end)), oracle_group.map(|g| (g.start(), g.end())));
            assert_eq!(spans.0, spans.1, "group {index} of {pattern:?} on {text:?}");
        }
    }
    let names: Vec<Option<&str>> = oracle.capture_names().collect();
    let reported: Vec<Option<&str>> = report.group_names.iter().map(Option::as_deref).collect();
    assert_eq!(reported, names, "group names of {pattern:?}");
    let replaced = oracle.replace_all(text, REPLACEMENT);
    assert_eq!(report.replaced.as_deref(), Some(replaced.as_ref()), "{pattern:?} replaced in {text:?}");
}
