//! `devtools cron EXPR [--dialect NAME] [--tz ZONE] [--count N] [--from TIME]`: the expression described, its next
//! runs and, with a dialect, its translations into the other schedulers (feature `cli`).

use crate::{CronAnswer, CronRequest, MAX_EXPRESSION_LEN, answer_in};
use devtools_kit::AnswerError;
use devtools_kit::cli::{
    Command, Input, InputError, Style, ToolArgs, escape, finish, input, print_error,
};
use std::fmt::Write;
use std::process::ExitCode;

/// An expression from standard input: the library's own limit.
const EXPRESSION: Input = Input { noun: "cron expression", limit: MAX_EXPRESSION_LEN };

/// Arguments of `devtools cron`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The expression, e.g. "*/15 9-17 * * MON-FRI"; `-` or nothing reads it from standard input.
    expr: Option<String>,
    /// Whose syntax the expression follows: vixie (the default), quartz, eventbridge, kubernetes, github or
    /// systemd. Naming one also prints the expression in the other schedulers.
    #[arg(long)]
    dialect: Option<String>,
    /// IANA time zone the runs are listed in.
    #[arg(long, default_value = "UTC")]
    tz: String,
    /// How many runs to list (1 to 100).
    #[arg(long)]
    count: Option<String>,
    /// List runs after this RFC 3339 instant instead of now (1970-01-01T00:00:00Z through 9999-12-31T23:59:59Z).
    #[arg(long)]
    from: Option<String>,
    /// Print what `GET /api/cron` answers.
    #[arg(long)]
    json: bool,
}

/// The subcommand, for the host's list.
pub fn command() -> Command {
    Command::new::<Args>("cron", "Describe a cron expression and list its next runs")
}

impl ToolArgs for Args {
    fn json(&self) -> bool {
        self.json
    }

    fn run(&self) -> Result<ExitCode, InputError> {
        let request = CronRequest {
            expr: input::value(self.expr.as_deref(), EXPRESSION)?,
            tz: Some(self.tz.clone()),
            count: self.count.clone(),
            from: self.from.clone(),
        };
        let dialect = self.dialect.as_deref();
        if self.json {
            return Ok(finish(true, answer_in(&request, dialect), human));
        }
        Ok(match answer_in(&request, dialect) {
            Ok(answer) => finish(false, Ok(answer), human),
            Err(error) => {
                print_error(&human_error(&error, &request.expr));
                ExitCode::FAILURE
            }
        })
    }
}

/// The answer's message, and what a terminal can add: the expression with a caret under the bad part, or the
/// zones a mistyped one probably means.
fn human_error(error: &AnswerError, expr: &str) -> String {
    let mut message = error.message().to_owned();
    let span = error.location().and_then(|location| location.span.clone());
    if let Some(span) = span.filter(|_| !expr.trim().is_empty()) {
        message.push('\n');
        message.push_str(&escape::caret(expr, span));
    }
    let suggestions: Vec<&str> = error
        .details()
        .get("suggestions")
        .and_then(|value| value.as_array())
        .map(|zones| zones.iter().filter_map(|zone| zone.as_str()).collect())
        .unwrap_or_default();
    match suggestions.as_slice() {
        [] => {}
        [zone] => {
            let _ = write!(message, "\ndid you mean --tz {zone}?");
        }
        zones => {
            let _ = write!(message, "\ndid you mean one of: {}?", zones.join(", "));
        }
    }
    message
}

/// The expression and the texts built from it (its fields, the description and warning that quote them) are
/// escaped; the runs, the zone's name and the field names are the library's own.
fn human(answer: &CronAnswer, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", style.bold(&escape::line(&answer.expr)));
    let _ = writeln!(out, "{}", escape::line(&answer.description));
    if let Some(warning) = &answer.warning {
        let _ = writeln!(out, "{} {}", style.yellow("warning:"), escape::line(warning));
    }
    if !answer.next.is_empty() {
        let title = format!("Next {} runs ({})", answer.next.len(), answer.tz.name());
        let _ = writeln!(out, "\n{}", style.bold(&title));
        for run in &answer.next {
            let _ = writeln!(out, "  {}", run.to_rfc3339());
        }
    }
    // Always for a Vixie answer (as before dialects); for the others only when there are fields (not a rate()).
    if !answer.fields.is_empty() || answer.dialect.is_none() {
        let _ = writeln!(out, "\n{}", style.bold("Fields"));
    }
    for field in &answer.fields {
        let _ = writeln!(
            out,
            "  {:<13} {:<12} {}",
            field.kind.name(),
            escape::line(&field.raw),
            style.dim(&escape::line(&field.description)),
        );
    }
    for translation in answer.translations.iter().flatten() {
        let _ = writeln!(out, "\n{}", style.bold(translation.label));
        if let Some(snippet) = &translation.snippet {
            for line in snippet.lines() {
                let _ = writeln!(out, "  {}", escape::line(line));
            }
        }
        if let Some(check) = &translation.check {
            let text = if check.same && check.runs == 0 {
                format!(
                    "nothing to compare: neither lists a run from {} to {}",
                    &check.from[..10.min(check.from.len())],
                    &check.until[..10.min(check.until.len())]
                )
            } else if check.same {
                format!(
                    "same runs: {} compared from {} to {}",
                    check.runs,
                    &check.from[..10.min(check.from.len())],
                    &check.until[..10.min(check.until.len())]
                )
            } else {
                format!(
                    "runs differ, first at {}",
                    check.first_difference.as_deref().unwrap_or("?")
                )
            };
            let _ = writeln!(
                out,
                "  {}",
                if check.same { style.dim(&text) } else { style.yellow(&text) }
            );
        }
        if translation.expression.is_none() {
            let _ = writeln!(out, "  {}", style.yellow("cannot be expressed:"));
        }
        for why in &translation.lost {
            let _ = writeln!(out, "  - {}", escape::line(why));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_runs_in_the_zone_and_the_fields() {
        let request = CronRequest {
            expr: "*/15 9-17 * * MON-FRI".into(),
            tz: Some("Europe/Berlin".into()),
            count: Some("2".into()),
            from: Some("2026-01-05T00:00:00Z".into()),
        };
        let text = human(&crate::answer(&request).unwrap(), Style::plain());
        assert!(
            text.contains("Next 2 runs (Europe/Berlin)\n  2026-01-05T09:00:00+01:00\n"),
            "{text}"
        );
        assert!(text.contains("\nFields\n  minute"), "{text}");
    }

    fn refused(expr: &str, tz: &str) -> String {
        let request =
            CronRequest { expr: expr.into(), tz: Some(tz.into()), ..CronRequest::default() };
        human_error(&crate::answer(&request).unwrap_err(), expr)
    }

    #[test]
    fn errors_show_a_caret_under_the_bad_part() {
        assert_eq!(
            refused("0 60 * * *", "UTC"),
            "hour: 60 is out of range 0–23\n  0 60 * * *\n    ^^"
        );
        assert_eq!(
            refused("*/15 9-17 * * MOX", "UTC"),
            "day-of-week: unknown name \"MOX\" (use 0–7 or SUN–SAT)\n  */15 9-17 * * MOX\n                ^^^"
        );
        assert_eq!(
            refused("", "UTC"),
            crate::answer(&CronRequest::default()).unwrap_err().message()
        );
    }

    #[test]
    fn a_from_outside_the_range_is_refused() {
        let request = CronRequest {
            expr: "* * * * *".into(),
            from: Some("0000-06-01T00:00:00Z".into()),
            ..CronRequest::default()
        };
        let text = human_error(&crate::answer(&request).unwrap_err(), &request.expr);
        assert!(
            text.starts_with("from must be an instant from 1970-01-01T00:00:00Z through"),
            "{text}"
        );
    }

    #[test]
    fn an_unknown_zone_suggests_zones() {
        assert!(refused("* * * * *", "berlin").ends_with("\ndid you mean --tz Europe/Berlin?"));
        assert!(refused("* * * * *", "york").ends_with("\ndid you mean --tz America/New_York?"));
        let indiana = refused("* * * * *", "indiana");
        assert!(indiana.contains("\ndid you mean one of: America/Indiana/"), "{indiana}");
        assert!(!refused("* * * * *", "Mars/Olympus").contains("did you mean"));
    }

    #[test]
    fn the_view_is_pinned() {
        let request = CronRequest {
            expr: "0 0 */2 * 1".into(),
            tz: Some("Asia/Kolkata".into()),
            count: Some("2".into()),
            from: Some("2026-01-01T00:00:00Z".into()),
        };
        insta::assert_snapshot!(human(&crate::answer(&request).unwrap(), Style::plain()));
    }

    #[test]
    fn a_dialect_adds_the_translations() {
        let request = CronRequest {
            expr: "0 15 10 ? * 6#3".into(),
            tz: Some("UTC".into()),
            count: Some("1".into()),
            from: Some("2026-01-01T00:00:00Z".into()),
        };
        let text = human(&answer_in(&request, Some("quartz")).unwrap(), Style::plain());
        assert!(text.contains("\nAWS EventBridge\n  aws events put-rule --name my-rule --schedule-expression \"cron(15 10 ? * 6#3 *)\"\n  same runs: 24 compared from 2026-01-01 to 2028-01-01\n"), "{text}");
        assert!(
            text.contains(
                "\nKubernetes CronJob\n  cannot be expressed:\n  - Kubernetes CronJob has no 6#3"
            ),
            "{text}"
        );
    }
}
