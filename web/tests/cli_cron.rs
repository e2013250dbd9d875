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

/// `--dialect`: the expression read by that scheduler's rules, its errors underlined, and its translations.
#[test]
fn a_dialect_is_read_and_translated() {
    let output = run(&["cron", "0 0 12 1 * MON", "--dialect", "quartz"]);
    assert_eq!(output.status.code(), Some(1));
    let error = stderr(&output);
    assert!(error.starts_with("error: day-of-week: Quartz cannot combine"), "{error}");
    assert!(error.ends_with("\n  0 0 12 1 * MON\n             ^^^\n"), "{error}");

    let output = run(&[
        "cron",
        "0 15 10 ? * 6#3",
        "--dialect",
        "quartz",
        "--count",
        "1",
        "--from",
        "2026-01-01T00:00:00Z",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("At 10:15:00 on the third Friday of the month"), "{text}");
    assert!(text.contains("\nAWS EventBridge\n  aws events put-rule --name my-rule --schedule-expression \"cron(15 10 ? * 6#3 *)\"\n"), "{text}");
    assert!(text.contains("\nKubernetes CronJob\n  cannot be expressed:\n"), "{text}");

    // A schedule with no run left: its checks compared nothing, and say so.
    let output = run(&[
        "cron",
        "cron(0 0 1 1 ? 2020)",
        "--dialect",
        "eventbridge",
        "--from",
        "2026-01-01T00:00:00Z",
    ]);
    let text = stdout(&output);
    assert!(
        text.contains("nothing to compare: neither lists a run from 2026-01-01 to 2028-01-01"),
        "{text}"
    );
    assert!(!text.contains("same runs: 0"), "{text}");

    let output = run(&["cron", "0 9 * * *", "--dialect", "fcron"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("error: unknown dialect \"fcron\""), "{}", stderr(&output));
}

#[tokio::test]
async fn json_with_a_dialect_is_the_api_body() {
    for (expr, dialect) in [
        ("cron(0 18 ? * MON-FRI *)", "eventbridge"),
        ("rate(5 minutes)", "eventbridge"),
        ("CRON_TZ=Europe/Berlin 0 9 * * 1-5", "kubernetes"),
        ("*/2 * * * *", "github"),
        ("Mon..Fri *-*-* 09:00", "systemd"),
        ("0 9 * * 7", "kubernetes"),
    ] {
        let from = "2026-01-01T00:00:00Z";
        let output =
            run(&["cron", expr, "--dialect", dialect, "--count", "2", "--from", from, "--json"]);
        let query = format!(
            "/api/cron?expr={}&dialect={dialect}&count=2&from={}&tz=UTC",
            encode(expr),
            encode(from)
        );
        assert_same(&output, api_get(&query).await);
    }
}
