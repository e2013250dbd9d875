//! The ecmascript flavour against node (V8's irregexp): cases from the standard's and the engines' own tests
//! ([`SUITE`]) and generated patterns, texts, flags and replacements, run
//! through the tester's [`answer`] and through `RegExp` + `matchAll` + `replace` in one node process; match spans
//! and group spans in UTF-16 code units, the replaced text, and whether the pattern is valid must agree, except
//! for the divergences listed in `ecmascript_divergences.md` (each case is classified before it is compared).
//!
//! Needs `node` on the PATH, so it is ignored in the plain `cargo test`; CI runs it:
//! `cargo test -p devtools-regex --test ecmascript_node -- --ignored`. `ECMASCRIPT_CASES` sets the number of
//! cases (3000 by default) and `ECMASCRIPT_SEED` the seed, for a longer local run.

#![allow(
    clippy::unwrap_used,
    clippy::print_stderr,
    reason = "a test: a failure is a panic with its place, and the figures are its report"
)]

use devtools_regex::{RegexRequest, answer};
use serde_json::{Value, json};
use std::io::Write;
use std::process::{Command, Stdio};

mod support;
use support::Rng;

const ATOMS: &[&str] = &[
    "a", "b", "A", "1", " ", "-", "é", "😀", ".", r"\d", r"\w", r"\s", r"\W", r"\b", r"\B", "[ab]",
    "[^a]", "[a-z]", r"[\d_]", r"\n", r"\u00e9", "^", "$", r"\p{L}", r"\p{Lu}",
];
const QUANTIFIERS: &[&str] = &["", "", "", "*", "+", "?", "{1,2}", "*?", "+?", "??", "{0,1}?"];
const TEXT: &[&str] = &["a", "b", "A", "1", "_", " ", "-", "\n", "é", "😀", "aa", "ab"];
const REPLACEMENTS: &[&str] = &[
    "<", ">", "$1", "$2", "$&", "$`", "$'", "$$", "$<n0>", "$<n1>", "$10", "$0", "${1}", "x", "$",
];

/// A pattern of about `depth` levels, numbering its groups as it writes them.
fn pattern(rng: &mut Rng, depth: u32, groups: &mut usize) -> String {
    let items = 1 + rng.below(3);
    let mut out = String::new();
    for _ in 0..items {
        let atom = if depth > 0 && rng.below(3) == 0 {
            let inner = pattern(rng, depth - 1, groups);
            match rng.below(8) {
                0 | 1 => {
                    *groups += 1;
                    format!("({inner})")
                }
                2 => {
                    let name = format!("n{groups}");
                    *groups += 1;
                    format!("(?<{name}>{inner})")
                }
                3 => format!("(?:{inner}|{})", pattern(rng, depth - 1, groups)),
                4 => format!("(?={inner})"),
                5 => format!("(?!{inner})"),
                6 => format!("(?<={inner})"),
                _ => format!("(?<!{inner})"),
            }
        } else if rng.below(40) == 0 {
            // Now and then something JavaScript refuses, or reads otherwise without u.
            rng.pick(&[
                "(", ")", "[", "]", "{", "a{2,1}", r"\k<n9>", r"\u{61}", r"\c", r"\9", r"[\w-a]",
                "*", r"\-",
            ])
            .to_owned()
        } else if *groups > 0 && rng.below(12) == 0 {
            format!("\\{}", 1 + rng.below(*groups))
        } else {
            rng.pick(ATOMS).to_owned()
        };
        out.push_str(&atom);
        if !matches!(atom.as_str(), "^" | "$" | r"\b" | r"\B") && !atom.starts_with("(?") {
            out.push_str(rng.pick(QUANTIFIERS));
        }
    }
    out
}

fn case(rng: &mut Rng) -> Value {
    let mut groups = 0;
    let pattern = pattern(rng, 2, &mut groups);
    let text: String = (0..rng.below(12)).map(|_| rng.pick(TEXT)).collect();
    let replace: String = (0..1 + rng.below(3)).map(|_| rng.pick(REPLACEMENTS)).collect();
    let mut flags = String::new();
    for (letter, odds) in [('i', 4), ('m', 4), ('s', 4), ('y', 8)] {
        if rng.below(odds) == 0 {
            flags.push(letter);
        }
    }
    match rng.below(3) {
        0 => flags.push('u'),
        1 if rng.below(2) == 0 => flags.push('v'),
        _ => {}
    }
    json!({ "pattern": pattern, "text": text, "flags": flags, "replace": replace })
}

/// Cases taken from the engines' own tests and the standard, each run through node like the generated ones:
/// (pattern, flags, text, replacement). Sources:
/// - ECMA-262 §22.2.2 (the notes' examples of alternation, quantifiers, back-references and look-ahead), as WebKit
///   collects them in `LayoutTests/fast/regex/script-tests/ecma-regex-examples.js`;
/// - test262 `built-ins/RegExp/named-groups/lookbehind.js`, `match-indices/indices-groups-object-unmatched.js` and
///   `match-indices/indices-array-unicode-property-names.js`;
/// - WebKit `LayoutTests/fast/js/script-tests/regexp-no-extensions.js` (no PCRE extensions, Annex B octal escapes);
/// - V8 `test/mjsunit/regress` (a look-behind back-reference to a later group).
const SUITE: &[(&str, &str, &str, &str)] = &[
    // ECMA-262 §22.2.2 notes.
    (r"a|ab", "", "abc", "[$&]"),
    (r"((a)|(ab))((c)|(bc))", "", "abc", "$1|$2|$3|$4|$5|$6"),
    (r"a[a-z]{2,4}", "", "abcdefghi", "[$&]"),
    (r"a[a-z]{2,4}?", "", "abcdefghi", "[$&]"),
    (r"(aa|aabaac|ba|b|c)*", "", "aabaac", "<$1>"),
    (r"^(a+)\1*,\1+$", "", "aaaaaaaaaa,aaaaaaaaaaaaaaa", "$1"),
    (r"(z)((a+)?(b+)?(c))*", "", "zaacbbbcac", "$1|$2|$3|$4|$5"),
    (r"(a*)*", "", "b", "<$1>"),
    (r"(a*)b\1+", "", "baaaac", "<$1>"),
    (r"(?=(a+))", "", "baaabac", "<$1>"),
    (r"(?=(a+))a*b\1", "", "baaabac", "<$1>"),
    (r"(.*?)a(?!(a+)b\2c)\2(.*)", "", "baaabaac", "$1|$2|$3"),
    // test262 named-groups/lookbehind.js.
    (r"(?<=(?<a>\w){3})f", "u", "abcdef", "<$<a>>"),
    (r"(?<=(?<a>\w){4})f", "u", "abcdef", "<$<a>>"),
    (r"(?<=(?<a>\w)+)f", "u", "abcdef", "<$<a>>"),
    (r"(?<=(?<a>\w){6})f", "u", "abcdef", "<$<a>>"),
    (r"(?<=(?<a>\w){3})f", "", "abcdef", "<$<a>>"),
    // test262 match-indices.
    (r"(?<a>a).|(?<x>x)", "", "ab", "$<a>|$<x>"),
    (r"(?<π>a)", "u", "bab", "[$<π>]"),
    (r"(?<$𐒤>a)", "u", "bab", "[$&]"),
    (r"(?<ಠ_ಠ>a)", "u", "bab", "[$<ಠ_ಠ>]"),
    // WebKit regexp-no-extensions.js.
    (r"\x{41}", "", "yA1", "[$&]"),
    (r"[\x{41}]", "", "yA1", "[$&]"),
    (r"\x1g", "", "x1g", "[$&]"),
    (r"x$", "", "x\n", "[$&]"),
    (r"[]]", "", "]", "[$&]"),
    (r"\060", "", "y01", "[$&]"),
    (r"[\060]", "", "y01", "[$&]"),
    (r"\101", "", "yA1", "[$&]"),
    (r"\1011", "", "yA1", "[$&]"),
    // V8 mjsunit/regress: a back-reference inside a look-behind to a group captured later in it.
    (r"(?<=(.)\2.*(T))", "", "bTaLTT", "<$1$2>"),
];

/// What node says for every case: `{"error": message}` or `{"matches": [[start, end, [[s, e] | null, ...]], ...],
/// "replaced": text}`, offsets in UTF-16 code units.
const NODE: &str = r#"
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = cases.map((c) => {
  let re;
  try { re = new RegExp(c.pattern, c.flags + "dg"); } catch (e) { return { error: e.message }; }
  const matches = [...c.text.matchAll(re)].map((m) => [m.indices[0][0], m.indices[0][1], m.indices.slice(1).map((g) => g ?? null)]);
  const replaced = c.text.replace(re, c.replace);
  // A replacement that split a surrogate pair (no u flag) cannot be UTF-8: said, not sent.
  return { matches, replaced: replaced.isWellFormed() ? replaced : "(split surrogate pair)" };
});
process.stdout.write(JSON.stringify(out));
"#;

fn node(cases: &[Value]) -> Vec<Value> {
    let mut child = Command::new("node")
        .args(["-e", NODE])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node on the PATH (this test is run with --ignored where node is installed)");
    let input = serde_json::to_vec(cases).unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "node failed");
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The tester's answer in node's shape.
fn ours(case: &Value) -> Value {
    let request = RegexRequest {
        flags: format!("{}dg", case["flags"].as_str().unwrap()),
        flavor: Some("ecmascript".into()),
        replace: Some(case["replace"].as_str().unwrap().to_owned()),
        ..RegexRequest::new(case["pattern"].as_str().unwrap(), case["text"].as_str().unwrap())
    };
    match answer(&request) {
        Err(error) => json!({ "error": error.message() }),
        Ok(report) => {
            let matches: Vec<Value> = report
                .matches
                .iter()
                .map(|found| {
                    let groups: Vec<Value> = found.groups[1..]
                        .iter()
                        .map(|group| match group {
                            Some(group) => json!([group.utf16_start, group.utf16_end]),
                            None => Value::Null,
                        })
                        .collect();
                    json!([found.utf16_start, found.utf16_end, groups])
                })
                .collect();
            json!({ "matches": matches, "replaced": report.replaced })
        }
    }
}

/// The listed divergence a case falls under, if any (see `ecmascript_divergences.md`).
fn divergence(case: &Value, theirs: &Value) -> Option<&'static str> {
    let flags = case["flags"].as_str().unwrap();
    // UTF-16 offsets that fall between the two halves of a character outside the BMP.
    let mut inside = std::collections::HashSet::new();
    let mut at = 0;
    for c in case["text"].as_str().unwrap().chars() {
        if c.len_utf16() == 2 {
            inside.insert(at + 1);
        }
        at += c.len_utf16();
    }
    let mut offsets = Vec::new();
    for found in theirs["matches"].as_array().into_iter().flatten() {
        offsets.extend([&found[0], &found[1]]);
        for group in found[2].as_array().into_iter().flatten() {
            offsets.extend([&group[0], &group[1]]);
        }
    }
    if offsets.iter().filter_map(|o| o.as_u64()).any(|o| inside.contains(&(o as usize))) {
        return Some("inside-a-surrogate-pair");
    }
    let astral = |s: &str| s.chars().any(|c| c > '\u{FFFF}');
    if !flags.contains('u')
        && !flags.contains('v')
        && (astral(case["text"].as_str().unwrap()) || astral(case["pattern"].as_str().unwrap()))
    {
        return Some("astral-without-u");
    }
    None
}

#[test]
#[ignore = "needs node; CI runs it with --ignored"]
fn the_ecmascript_flavour_agrees_with_node() {
    let count: usize =
        std::env::var("ECMASCRIPT_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(3000);
    let seed: u64 =
        std::env::var("ECMASCRIPT_SEED").ok().and_then(|n| n.parse().ok()).unwrap_or(0x5eed);
    let mut rng = Rng(seed | 1);
    let suite = SUITE.iter().map(|(pattern, flags, text, replace)| {
        json!({ "pattern": pattern, "text": text, "flags": flags, "replace": replace })
    });
    let cases: Vec<Value> = suite.chain((0..count).map(|_| case(&mut rng))).collect();
    let theirs = node(&cases);
    let (mut agreed, mut listed, mut invalid) = (0, 0, 0);
    let mut problems = Vec::new();
    for (case, theirs) in cases.iter().zip(&theirs) {
        if std::env::var_os("ECMASCRIPT_TRACE").is_some() {
            eprintln!("{case}");
        }
        let ours = ours(case);
        let same = match (ours.get("error"), theirs.get("error")) {
            (Some(_), Some(_)) => {
                invalid += 1;
                true
            }
            (None, None) => ours == *theirs,
            _ => false,
        };
        if same {
            agreed += 1;
        } else if divergence(case, theirs).is_some() {
            listed += 1;
        } else {
            problems.push(format!("{case}\n  ours:  {ours}\n  node:  {theirs}"));
        }
    }
    eprintln!(
        "ecmascript vs node: {} cases, {} from the suites ({invalid} invalid in both), {agreed} agree, {listed} differ as listed, {} unlisted",
        cases.len(),
        SUITE.len(),
        problems.len()
    );
    assert!(
        problems.is_empty(),
        "{} unlisted differences:\n{}",
        problems.len(),
        problems[..problems.len().min(20)].join("\n")
    );
}
