//! A user's program built against the packaged crates alone (`.ci/package` writes its manifest): each crate's
//! answer layer gives what the site shows, with default features, no web stack and no command-line parser.

use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    let teapot = devtools_http_status::answer::detail("418")?;
    println!("http-status: {} {} ({})", teapot.code, teapot.name, teapot.class);
    assert_eq!(devtools_http_status::answer::detail("299").unwrap_err().kind(), "unknown_code");

    let cron = devtools_cron::answer(&devtools_cron::CronRequest {
        expr: "*/15 9-17 * * MON-FRI".into(),
        tz: Some("Europe/Berlin".into()),
        count: Some("2".into()),
        from: Some("2026-03-27T12:00:00Z".into()),
    })?;
    println!("cron: {}; next {}", cron.description, cron.next[0].to_rfc3339());
    assert_eq!(cron.next[0].to_rfc3339(), "2026-03-27T13:15:00+01:00");

    // RFC 7519 §3.1's example token with RFC 7515 Appendix A.1's key, a second before it expires.
    let jwt = devtools_jwt::answer::decode(&devtools_jwt::answer::DecodeRequest {
        token: "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".into(),
        key: Some(r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#.into()),
        now: Some(1_300_819_379_i64.into()),
        ..Default::default()
    })?;
    println!("jwt: {}", jwt.verification.message);
    assert_eq!(jwt.verification.status, devtools_jwt::VerificationStatus::Valid);

    let regex = devtools_regex::answer(&devtools_regex::RegexRequest {
        replace: Some("$2/${year}".into()),
        ..devtools_regex::RegexRequest::new(r"(?<year>\d{4})-(\d{2})", "Released 2024-05.")
    })?;
    println!("regex: {} match, replaced: {:?}", regex.match_count, regex.replaced);
    assert_eq!(regex.replaced.as_deref(), Some("Released 05/2024."));

    let color = devtools_color::answer::convert(&devtools_color::answer::ConvertRequest::new(
        "oklch(70% 0.15 150)",
    ))?;
    println!("color: {} {}", color.css.hex, color.nearest_name);
    assert_eq!(color.css.hex, "#4cb86a");

    let error = devtools_kit::AnswerError::invalid("example", "what the API, the page and the CLI all say");
    assert_eq!(error.body()["error"], "example");
    println!("every packaged crate answered as the site does");
    Ok(())
}
