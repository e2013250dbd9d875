//! `devtools cron EXPR [--tz ZONE] [--count N] [--from TIME]`: the expression described and its next runs.

use super::input::{Input, InputError};
use super::{Style, escape, finish, input, text_of};
use devtools_cron::web::{ApiQuery, api_answer};
use serde_json::Value;
use std::fmt::Write;
use std::process::ExitCode;

/// An expression from standard input: the library's own limit.
const EXPRESSION: Input =
    Input { noun: "cron expression", limit: devtools_cron::MAX_EXPRESSION_LEN };

/// Arguments of `devtools cron`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The expression, e.g. "*/15 9-17 * * MON-FRI"; `-` or nothing reads it from standard input.
    expr: Option<String>,
    /// IANA time zone the runs are listed in.
    #[arg(long, default_value = "UTC")]
    tz: String,
    /// How many runs to list (1 to 100).
    #[arg(long)]
    count: Option<String>,
    /// List runs after this RFC 3339 instant instead of now.
    #[arg(long)]
    from: Option<String>,
    /// Print what `GET /api/cron` answers.
    #[arg(long)]
    json: bool,
}

pub(super) fn run(args: &Args) -> Result<ExitCode, InputError> {
    let expr = input::value(args.expr.as_deref(), EXPRESSION)?;
    let query = ApiQuery {
        expr: &expr,
        tz: Some(&args.tz),
        count: args.count.as_deref(),
        from: args.from.as_deref(),
    };
    Ok(finish(args.json, api_answer(&query), |answer, style| {
        human(&serde_json::to_value(answer).unwrap_or_default(), style)
    }))
}

/// The expression and the texts built from it (its fields, the description and warning that quote them) are
/// escaped; the runs and field names are the library's own.
fn human(answer: &Value, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", style.bold(&escape::line(&text_of(&answer["expr"]))));
    let _ = writeln!(out, "{}", escape::line(&text_of(&answer["description"])));
    if let Some(warning) = answer["warning"].as_str() {
        let _ = writeln!(out, "{} {}", style.yellow("warning:"), escape::line(warning));
    }
    let next = answer["next"].as_array().map(Vec::as_slice).unwrap_or_default();
    if !next.is_empty() {
        let title = format!("Next {} runs ({})", next.len(), escape::line(&text_of(&answer["tz"])));
        let _ = writeln!(out, "\n{}", style.bold(&title));
        for run in next {
            let _ = writeln!(out, "  {}", text_of(run));
        }
    }
    let _ = writeln!(out, "\n{}", style.bold("Fields"));
    for field in answer["fields"].as_array().into_iter().flatten() {
        let _ = writeln!(
            out,
            "  {:<13} {:<12} {}",
            text_of(&field["name"]),
            escape::line(&text_of(&field["raw"])),
            style.dim(&escape::line(&text_of(&field["description"]))),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_runs_in_the_zone_and_the_fields() {
        let query = ApiQuery {
            expr: "*/15 9-17 * * MON-FRI",
            tz: Some("Europe/Berlin"),
            count: Some("2"),
            from: Some("2026-01-05T00:00:00Z"),
        };
        let answer = serde_json::to_value(api_answer(&query).unwrap()).unwrap();
        let text = human(&answer, Style::plain());
        assert!(
            text.contains("Next 2 runs (Europe/Berlin)\n  2026-01-05T09:00:00+01:00\n"),
            "{text}"
        );
        assert!(text.contains("\nFields\n  minute"), "{text}");
    }
}
