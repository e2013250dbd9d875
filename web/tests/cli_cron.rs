//! `devtools cron` errors in terminal terms: a caret under the bad part of the expression, and the zones an unknown
//! `--tz` probably means. `--json` stays the API's body, which carries the same suggestions.

mod support;

use support::*;

#[test]
fn a_bad_field_is_underlined() {
    let output = run(&["cron", "0 60 * * *"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert_eq!(stderr(&output), "error: hour: 60 is out of range 0–23\n  0 60 * * *\n    ^^\n");

    let output = run(&["cron", "*/15 9-17 * * MOX"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: day-of-week: unknown name \"MOX\" (use 0–7 or SUN–SAT)\n  */15 9-17 * * MOX\n                ^^^\n"
    );

    // The whole expression when the count of fields is wrong; from standard input too.
    let output = run_with(&["cron", "-"], "* * * *\n", &[]);
    assert_eq!(output.status.code(), Some(1));
    let error = stderr(&output);
    assert!(error.starts_with("error: expected 5, 6 or 7 fields, found 4"), "{error}");
    assert!(error.ends_with("\n  * * * *\n  ^^^^^^^\n"), "{error}");
}

#[test]
fn an_unknown_zone_suggests_zones() {
    let output = run(&["cron", "0 9 * * *", "--tz", "berlin"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert_eq!(
        stderr(&output),
        "error: unknown time zone \"berlin\"; use an IANA name such as UTC, Europe/Berlin or America/New_York\n\
         did you mean --tz Europe/Berlin?\n"
    );

    let error = stderr(&run(&["cron", "0 9 * * *", "--tz", "indiana"]));
    assert!(error.contains("\ndid you mean one of: America/Indiana/"), "{error}");

    let error = stderr(&run(&["cron", "0 9 * * *", "--tz", "Mars/Olympus"]));
    assert!(!error.contains("did you mean"), "{error}");
}

#[tokio::test]
async fn json_is_the_api_body_with_the_suggestions() {
    for (expr, tz) in
        [("0 60 * * *", "UTC"), ("0 9 * * *", "berlin"), ("0 9 * * *", "Mars/Olympus")]
    {
        let output = run(&["cron", expr, "--tz", tz, "--json"]);
        assert_same(
            &output,
            api_get(&format!("/api/cron?expr={}&tz={}", encode(expr), encode(tz))).await,
        );
    }
    let output = run(&["cron", "0 9 * * *", "--tz", "berlin", "--json"]);
    let body: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(body["error"], "invalid_timezone");
    assert_eq!(body["suggestions"], serde_json::json!(["Europe/Berlin"]));
}
