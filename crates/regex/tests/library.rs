//! The public library API as a user of the crate sees it.

// The helpers below are test code too: a bad fixture should fail loudly.
#![allow(clippy::unwrap_used)]

use devtools_regex::{Flags, Flavor, Regex, RegexError, Request, Span, run};

fn rust(pattern: &str) -> Regex {
    Regex::new(pattern, Flavor::Rust, Flags::default()).unwrap()
}

fn both(pattern: &str, flags: &str) -> [Regex; 2] {
    let flags = Flags::parse(flags).unwrap();
    [
        Regex::new(pattern, Flavor::Rust, flags).unwrap(),
        Regex::new(pattern, Flavor::Fancy, flags).unwrap(),
    ]
}

fn texts(regex: &Regex, text: &str) -> Vec<String> {
    regex.search(text, 100).unwrap().matches.into_iter().map(|m| m.text).collect()
}

#[test]
fn unicode_texts_have_byte_and_char_offsets() {
    let text = "naïve café 😀 über";
    for regex in both(r"\w+", "") {
        let found = regex.search(text, 10).unwrap();
        let spans: Vec<_> =
            found.matches.iter().map(|m| (m.start, m.end, m.char_start, m.char_end)).collect();
        assert_eq!(
            spans,
            vec![(0, 6, 0, 5), (7, 12, 6, 10), (18, 23, 13, 17)],
            "{:?}",
            regex.flavor()
        );
        for m in &found.matches {
            assert_eq!(&text[m.start..m.end], m.text);
            assert_eq!(
                text.chars().skip(m.char_start).take(m.char_end - m.char_start).collect::<String>(),
                m.text
            );
        }
    }
}

#[test]
fn empty_matches_are_flagged_and_counted() {
    for regex in both("x*", "") {
        let found = regex.search("aé", 10).unwrap();
        let spans: Vec<_> =
            found.matches.iter().map(|m| (m.start, m.end, m.char_start, m.empty)).collect();
        assert_eq!(
            spans,
            vec![(0, 0, 0, true), (1, 1, 1, true), (3, 3, 2, true)],
            "{:?}",
            regex.flavor()
        );
    }
    let found = rust(r"\b").search("ab cd", 10).unwrap();
    assert_eq!(found.count, 4);
    assert!(found.matches.iter().all(|m| m.empty && m.text.is_empty()));
}

#[test]
fn groups_have_numbers_names_spans_and_non_participation() {
    for regex in both(r"(?<word>[a-z]+)(?:(\d)|(-))", "") {
        assert_eq!(regex.group_names(), &[None, Some("word".to_owned()), None, None]);
        let found = regex.search("ab1 cd-", 10).unwrap();
        let first = &found.matches[0];
        assert_eq!(first.groups.len(), 4);
        let whole = first.groups[0].as_ref().unwrap();
        assert_eq!((whole.index, whole.start, whole.end, whole.text.as_str()), (0, 0, 3, "ab1"));
        let word = first.groups[1].as_ref().unwrap();
        assert_eq!((word.index, word.name.as_deref(), word.text.as_str()), (1, Some("word"), "ab"));
        assert_eq!(first.groups[2].as_ref().map(|g| (g.start, g.end)), Some((2, 3)));
        assert_eq!(first.groups[3], None, "group 3 did not participate");
        let second = &found.matches[1];
        assert_eq!(second.groups[2], None);
        assert_eq!(second.groups[3].as_ref().map(|g| g.text.as_str()), Some("-"));
    }
}

#[test]
fn every_flag_changes_matching_in_both_flavours() {
    /// Flag, pattern, text, matches without the flag, matches with it.
    type Case<'a> = (&'a str, &'a str, &'a str, &'a [&'a str], &'a [&'a str]);
    let cases: &[Case] = &[
        ("i", "abc", "ABC abc", &["abc"], &["ABC", "abc"]),
        ("m", "^\\w+$", "one\ntwo", &[], &["one", "two"]),
        ("s", "a.b", "a\nb", &[], &["a\nb"]),
        ("x", "a b # comment", "ab a b", &[], &["ab"]),
        ("U", "a+", "aaa", &["aaa"], &["a", "a", "a"]),
    ];
    for (flag, pattern, text, without, with) in cases {
        for regex in both(pattern, "") {
            assert_eq!(texts(&regex, text), *without, "{flag} off, {:?}", regex.flavor());
        }
        for regex in both(pattern, flag) {
            assert_eq!(texts(&regex, text), *with, "{flag} on, {:?}", regex.flavor());
        }
        // The inline form is the same switch.
        for regex in both(&format!("(?{flag}){pattern}"), "") {
            assert_eq!(texts(&regex, text), *with, "(?{flag}) inline, {:?}", regex.flavor());
        }
    }
}

#[test]
fn fancy_flavour_does_look_around_backreferences_and_atomic_groups() {
    let fancy = |p: &str| Regex::new(p, Flavor::Fancy, Flags::default()).unwrap();
    assert_eq!(texts(&fancy(r"(\w)\1"), "hello moon"), ["ll", "oo"]);
    assert_eq!(texts(&fancy(r"(?<=\$)\d+"), "$5 and 6 and $70"), ["5", "70"]);
    assert_eq!(texts(&fancy(r"\d+(?!px|\d)"), "10px 20em 30"), ["20", "30"]);
    assert!(texts(&fancy(r"^a(?>bc|b)c$"), "abc").is_empty());
    assert_eq!(texts(&fancy(r"^a(?>bc|b)c$"), "abcc"), ["abcc"]);
    assert!(texts(&fancy(r"^a++a$"), "aaa").is_empty());
    let error = Regex::new(r"(\w)\1", Flavor::Rust, Flags::default()).unwrap_err();
    assert!(error.to_string().contains("backreferences are not supported"), "{error}");
    assert_eq!(error.span(), Some(Span::new(4, 6)));
}

#[test]
fn catastrophic_backtracking_stops_with_a_clear_error() {
    let regex = Regex::new(r"(a+)+$", Flavor::Fancy, Flags::default()).unwrap();
    // With a backreference the pattern cannot be handed to the linear engine, so it really backtracks.
    let regex2 = Regex::new(r"^(\w+\s?)*\1$", Flavor::Fancy, Flags::default()).unwrap();
    let text = format!("{}!", "a".repeat(40));
    let start = std::time::Instant::now();
    let outcome = regex2.search(&text, 10);
    assert!(
        matches!(
            outcome,
            Err(RegexError::BacktrackLimit { limit: devtools_regex::BACKTRACK_LIMIT, .. })
        ),
        "{outcome:?}"
    );
    assert!(start.elapsed().as_secs() < 2);
    assert!(outcome.unwrap_err().to_string().contains("backtracking limit"));
    // fancy-regex hands patterns without fancy features to the linear engine: no error there.
    assert!(regex.search(&text, 10).is_ok());
}

#[test]
fn substitution_expands_numbered_and_named_groups() {
    for regex in both(r"(?<y>\d{4})-(\d\d)", "") {
        assert_eq!(
            regex.replace("on 2024-05 and 1999-12", "$2/${y} ($$)").unwrap(),
            "on 05/2024 (\\$) and 12/1999 ($)".replace("\\$", "$")
        );
        assert_eq!(regex.replace("no dates", "x").unwrap(), "no dates");
        // `$1a` names a group "1a", which does not exist: it expands to nothing, as in the regex crate.
        assert_eq!(regex.replace("2024-05", "$1a|${1}a").unwrap(), "|2024a");
    }
    assert_eq!(rust("x*").replace("ab", "-").unwrap(), "-a-b-");
}

#[test]
fn limits_cap_the_list_but_not_the_count() {
    let found = rust(r"\d").search(&"1a".repeat(50), 7).unwrap();
    assert_eq!((found.matches.len(), found.count, found.truncated), (7, 50, true));
    let found = rust(r"\d").search("12", 7).unwrap();
    assert_eq!((found.matches.len(), found.count, found.truncated), (2, 2, false));
    let found = rust(r"\d").search("12", 0).unwrap();
    assert_eq!((found.matches.len(), found.count, found.truncated), (0, 2, true));
}

#[test]
fn size_limits_are_errors() {
    let big = "a".repeat(devtools_regex::MAX_TEXT_LEN + 1);
    assert!(matches!(rust("a").search(&big, 1), Err(RegexError::TextTooLarge { .. })));
    let long_replacement = "$1".repeat(devtools_regex::MAX_REPLACEMENT_LEN);
    assert!(matches!(
        rust("a").replace("a", &long_replacement),
        Err(RegexError::ReplacementTooLarge { .. })
    ));
    let huge = "x".repeat(devtools_regex::MAX_REPLACEMENT_LEN);
    let text = "a".repeat(2000);
    assert!(matches!(
        rust("a").replace(&text, &huge),
        Err(RegexError::ReplacementTooLarge { what: "the replaced text", .. })
    ));
}

#[test]
fn run_reports_everything_the_page_shows() {
    let request = Request {
        pattern: r"(?<d>\d)",
        text: "a1b2",
        flags: Flags::default(),
        flavor: Flavor::Rust,
        replace: Some("<$d>"),
        limit: Some(1),
    };
    let report = run(&request).unwrap();
    assert_eq!(report.match_count, 2);
    assert!(report.truncated);
    assert_eq!(report.matches.len(), 1);
    assert_eq!(report.group_names, [None, Some("d".to_owned())]);
    assert_eq!(report.replaced.as_deref(), Some("a<1>b<2>"));
    assert_eq!(report.explanation[0].kind, "group");
    assert!(report.snippet.contains("RegexBuilder::new"));
    let json = serde_json::to_value(&report).unwrap();
    for key in
        ["matches", "match_count", "truncated", "group_names", "replaced", "explanation", "snippet"]
    {
        assert!(json.get(key).is_some(), "{key}");
    }
    let m = &json["matches"][0];
    for key in ["start", "end", "char_start", "char_end", "text", "groups", "empty"] {
        assert!(m.get(key).is_some(), "{key}");
    }
    for key in ["start", "end", "source", "description", "children"] {
        assert!(json["explanation"][0].get(key).is_some(), "{key}");
    }
}

#[test]
fn keep_out_and_captures_outside_the_match_are_reported_and_highlighted() {
    let regex = Regex::new(r"(?<=(\$))\d+|x\Ky", Flavor::Fancy, Flags::default()).unwrap();
    let text = "$12 xy";
    let found = regex.test(text, 10, Some("[$0]")).unwrap();
    let spans: Vec<_> = found.matches.iter().map(|m| (m.start, m.end)).collect();
    assert_eq!(spans, [(1, 3), (5, 6)]);
    // Group 1 captured the "$" before the match, inside the look-behind.
    assert_eq!(found.matches[0].groups[1].as_ref().map(|g| (g.start, g.end)), Some((0, 1)));
    assert_eq!(found.replaced.as_deref(), Some("$[12] x[y]"));
    let segments = devtools_regex::segments(text, &found.matches);
    assert_eq!(segments.iter().map(|s| s.text).collect::<String>(), text);
    assert_eq!(
        segments[0].match_index, None,
        "the captured $ lies outside the match and is not highlighted"
    );
}

#[test]
fn every_pattern_that_compiles_explains_with_valid_spans() {
    let patterns = [
        "",
        "a",
        "é+",
        "[]a]",
        "[^]a]",
        "[a-]",
        "[-a]",
        "[[:^space:]x]",
        r"[\[\]]",
        r"\x{1F600}",
        r"(?x) a # c (\n b",
        "(?i)(?-i:a)|(?s:.)",
        r"a{0}",
        r"a{,3}",
        "a{",
        r"\b{start}\w+\b{end}",
        r"(?<n>a)|(?P<m>b)",
        "(|)",
        "(?:)",
        r"[\p{L}&&\p{Greek}]",
        r"[a-z--[aeiou]]",
        r"\pN\PN\p{^L}",
        r"(?U)a+?b*",
        r"\\\.\*",
        r"(?m)^$",
        r"\A\z",
        r"(?<=a)b",
        r"(?<!a)b",
        r"(?=a)",
        r"(?!a)",
        r"(a)\1",
        r"(?<x>a)\k<x>",
        r"a++",
        r"a*+b?+c{2}+",
        r"(?>a|ab)c",
        r"\K",
        r"a\Gb",
        r"\h\H\e\O\N\R",
        r"(a)?(?(1)b|c)",
        r"(?~ab)",
        r"(?(DEFINE)(?<d>\d))\g<d>",
        "(*FAIL)|a",
        r"a{2}{3}",
        r"\1",
        r"[\1]",
        "(?x)[ # ]",
        "(?x)\\#a",
        r"(?P=x)(?<x>a)",
    ];
    for pattern in patterns {
        for flavor in [Flavor::Rust, Flavor::Fancy] {
            for flags in ["", "x", "iU"] {
                let flags = Flags::parse(flags).unwrap();
                let Ok(regex) = Regex::new(pattern, flavor, flags) else { continue };
                let nodes =
                    regex.explain().unwrap_or_else(|e| panic!("{pattern:?} {flavor:?}: {e}"));
                let mut stack: Vec<&devtools_regex::Node> = nodes.iter().collect();
                while let Some(node) = stack.pop() {
                    assert!(
                        node.start <= node.end && node.end <= pattern.len(),
                        "{pattern:?} {node:?}"
                    );
                    assert_eq!(
                        pattern.get(node.start..node.end),
                        Some(node.source.as_str()),
                        "{pattern:?} {node:?}"
                    );
                    assert!(!node.description.is_empty());
                    stack.extend(node.children.iter());
                }
                regex
                    .search("aab é 12 ab\nb", 10)
                    .unwrap_or_else(|e| panic!("{pattern:?} {flavor:?}: {e}"));
            }
        }
    }
}
