//! `devtools regex` errors in terminal terms: a caret under the bad part of the pattern, and `--flavor fancy` named
//! when only that flavour accepts the pattern. `--json` stays the API's body.

mod support;

use support::*;

#[test]
fn a_bad_pattern_is_underlined() {
    let output = run(&["regex", "a(b", "--text", "ab"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert_eq!(stderr(&output), "error: unclosed group\n  a(b\n   ^\n");

    let output = run(&["regex", "a{2,1}", "--text", "aa"]);
    assert_eq!(output.status.code(), Some(1));
    let error = stderr(&output);
    assert!(error.ends_with("\n  a{2,1}\n   ^^^^^\n"), "{error}");
    assert!(!error.contains("--flavor"), "the fancy flavour refuses it too: {error}");
}

#[test]
fn look_around_and_backreferences_in_the_rust_flavour_point_at_fancy() {
    let output = run(&["regex", r"(?<=\$)\d+", "--text", "costs $42"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert_eq!(
        stderr(&output),
        "error: look-around, including look-ahead and look-behind, is not supported\n  (?<=\\$)\\d+\n  ^^^^\n\
         the rust flavour has no look-around or backreferences; use --flavor fancy (backtracking)\n"
    );

    let output = run(&["regex", r"(a)\1", "--text", "aa"]);
    assert_eq!(output.status.code(), Some(1));
    let error = stderr(&output);
    assert!(
        error.starts_with("error: backreferences are not supported\n  (a)\\1\n     ^^\n"),
        "{error}"
    );
    assert!(error.ends_with("; use --flavor fancy (backtracking)\n"), "{error}");

    // The advice works.
    let output = run(&["regex", r"(?<=\$)\d+", "--text", "costs $42", "--flavor", "fancy"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "1 match\n1:8  42\n");
}

#[tokio::test]
async fn json_stays_the_api_body() {
    for pattern in ["a(b", r"(?<=\$)\d+", r"(a)\1"] {
        let output = run_with(&["regex", pattern, "-", "--json"], "costs $42", &[]);
        let body = serde_json::json!({ "pattern": pattern, "text": "costs $42" });
        assert_same(&output, api_post("/api/regex", body).await);
    }
}

#[test]
fn a_replacement_naming_a_missing_group_is_warned_about_on_standard_error() {
    let output = run(&["regex", r"(\d+)", "--text", "order 66", "--replace", "$1Q"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "order ", "the replaced text alone, as the regex crate gives it");
    let warning = stderr(&output);
    assert!(warning.starts_with("warning: $1Q is read as a group named \"1Q\""), "{warning}");
    assert!(warning.contains("write ${1}Q for group 1 followed by \"Q\""), "{warning}");
}

#[tokio::test]
async fn the_ecmascript_flavour_reads_javascript_flags_and_replacements() {
    let output = run(&[
        "regex",
        r"(?<w>\p{L}+)",
        "--text",
        "😀née b",
        "--flavor",
        "ecmascript",
        "--flags",
        "gu",
        "--replace",
        "[$<w>|$&|$$]",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "😀[née|née|$] [b|b|$]");
    let output = run(&["regex", "ab)c", "--text", "x", "--flavor", "ecmascript"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).ends_with("\n  ab)c\n    ^\n"), "{}", stderr(&output));
    let body = serde_json::json!({"pattern": "(?<w>b)", "text": "😀b", "flavor": "ecmascript", "flags": "d"});
    let output = run(&[
        "regex",
        "(?<w>b)",
        "--text",
        "😀b",
        "--flavor",
        "ecmascript",
        "--flags",
        "d",
        "--json",
    ]);
    assert_same(&output, api_post("/api/regex", body).await);
}

#[tokio::test]
async fn the_pcre2_flavour_reads_pcre2_flags_verbs_and_replacements() {
    let output = run(&[
        "regex",
        r"\((?'in'(?:[^()]++|(?R))*)\)",
        "--text",
        "f(a(b)) é(c)",
        "--flavor",
        "pcre2",
        "--replace",
        "[${in}|$0|$$]",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "f[a(b)|(a(b))|$] é[c|(c)|$]");
    // PCRE2's own error, at the place PCRE2 reports.
    let output = run(&["regex", "a{2,1}b", "--text", "x", "--flavor", "pcre2"]);
    assert_eq!(output.status.code(), Some(1));
    let error = stderr(&output);
    assert!(error.starts_with("error: numbers out of order in {} quantifier"), "{error}");
    // A verb that would change the limits is refused, pointing at it.
    let output = run(&["regex", "(*UTF)(*LIMIT_MATCH=99)a", "--text", "a", "--flavor", "pcre2"]);
    assert_eq!(output.status.code(), Some(1));
    let error = stderr(&output);
    assert!(error.contains("(*LIMIT_MATCH=…) is refused"), "{error}");
    assert!(error.contains("\n        ^^^^^^^^^^^^^^^^^\n"), "{error}");
    // Catastrophic backtracking ends at PCRE2's match limit, in the API's words.
    let text = format!("{}!", "a".repeat(60));
    let body =
        serde_json::json!({"pattern": "(a|aa)+$", "text": text, "flavor": "pcre2", "flags": "n"});
    let output =
        run(&["regex", "(a|aa)+$", "--text", &text, "--flavor", "pcre2", "--flags", "n", "--json"]);
    assert_same(&output, api_post("/api/regex", body).await);
    let output = run(&["regex", "a", "--text", "a", "--flavor", "pcre2", "--flags", "u"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("the PCRE2 flags are i, m, s, x, n, U and J"),
        "{}",
        stderr(&output)
    );
}
