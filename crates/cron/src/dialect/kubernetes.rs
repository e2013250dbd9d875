//! `kubernetes`: a CronJob's `spec.schedule`, read by robfig/cron v3's standard parser.
//!
//! Five fields (`minute hour day-of-month month day-of-week`, weekdays `0`–`6` or `SUN`–`SAT`, `?` as `*`) or a
//! macro (`@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`), optionally after a
//! `CRON_TZ=Zone` or `TZ=Zone` prefix. The zone belongs in `spec.timeZone` (stable since Kubernetes 1.27); the
//! documentation says the prefix is not officially supported. robfig/cron treats only a bare `*` or `?` as
//! unrestricted when it combines day-of-month and day-of-week, so `*/2` in one of them makes it OR, unlike Vixie
//! cron. Sources: Kubernetes documentation "CronJob" (Schedule syntax, Time zones); robfig/cron v3 `parser.go`.

use super::{Dialect, Expression, Plan, Weekdays, parse_fields, refuse_specials, rule, words};
use crate::answer::parse_zone;
use crate::field::FieldKind;
use crate::{ParseError, Schedule};

const FIVE: [FieldKind; 5] = [
    FieldKind::Minute,
    FieldKind::Hour,
    FieldKind::DayOfMonth,
    FieldKind::Month,
    FieldKind::DayOfWeek,
];

/// Parses a CronJob schedule.
pub fn parse(input: &str) -> Result<Expression, ParseError> {
    let trimmed = input.trim();
    let offset = input.len() - input.trim_start().len();
    let mut zone = None;
    let mut rest_at = offset;
    let mut cautions = Vec::new();
    for prefix in ["CRON_TZ=", "TZ="] {
        if let Some(after) = trimmed.strip_prefix(prefix) {
            let name_len = after.find(char::is_whitespace).unwrap_or(after.len());
            let name = &after[..name_len];
            let name_at = offset + prefix.len();
            let found = parse_zone(name).filter(|_| !name.is_empty()).ok_or_else(|| {
                rule(
                    format!("unknown time zone \"{name}\" after {prefix}; use an IANA name such as Europe/Berlin"),
                    None,
                    name_at..name_at + name_len,
                )
            })?;
            zone = Some(found);
            rest_at = name_at + name_len;
            cautions.push(format!(
                "Kubernetes does not officially support {prefix} in the schedule (newer versions refuse it); set spec.timeZone: {} instead.",
                found.name()
            ));
            break;
        }
    }
    let rest = &input[rest_at..];
    let rest_trimmed = rest.trim();
    if rest_trimmed.is_empty() {
        return Err(rule("the zone must be followed by the schedule", None, rest_at..rest_at + 1));
    }
    let rest_offset = rest_at + rest.len() - rest.trim_start().len();
    let schedule = if rest_trimmed.starts_with('@') {
        let lower = rest_trimmed.to_ascii_lowercase();
        if lower == "@reboot" || lower.starts_with("@every") {
            return Err(rule(
                format!(
                    "Kubernetes takes {rest_trimmed} from robfig/cron but it has no fixed run times here; use @hourly, @daily, @weekly, @monthly, @yearly or 5 fields"
                ),
                None,
                rest_offset..rest_offset + rest_trimmed.len(),
            ));
        }
        let padded = format!("{}{}", " ".repeat(rest_offset), rest_trimmed);
        let parsed = Schedule::parse(&padded)?;
        Schedule::from_parts(
            trimmed.to_owned(),
            parsed.macro_name(),
            parsed.fields().to_vec(),
            true,
        )?
    } else {
        let padded = format!("{}{}", " ".repeat(rest_at), rest);
        let words = words(&padded, &[5], "5 fields: minute hour day-of-month month day-of-week")?;
        let fields = parse_fields(&FIVE, &words, Weekdays::ZeroToSix)?;
        refuse_specials(&fields, "Kubernetes (robfig/cron)")?;
        Schedule::from_parts(trimmed.to_owned(), None, fields, true)?
    };
    Ok(Expression {
        dialect: Dialect::Kubernetes,
        source: trimmed.to_owned(),
        plan: Plan::Cron(schedule),
        zone,
        cautions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(expr: &str, from: &str, n: usize) -> Vec<String> {
        super::super::test_support::runs_with(parse, "%Y-%m-%d %H:%M", expr, from, n)
    }

    fn refused(expr: &str) -> (String, usize, usize) {
        super::super::test_support::refused_with(parse, expr)
    }

    // Source: Kubernetes documentation "CronJob": the example `5 0 * AUG 3` ("every Wednesday of August at
    // 00:05") and `0 0 13 * 5` (the 13th and every Friday), the macros table, and `CRON_TZ=UTC 0 23 * * *`.
    #[test]
    fn the_documentation_examples() {
        let from = "2026-01-01T00:00:00Z";
        assert_eq!(runs("5 0 * AUG 3", from, 2), ["2026-08-05 00:05", "2026-08-12 00:05"]);
        assert_eq!(
            runs("0 0 13 * 5", from, 3),
            ["2026-01-02 00:00", "2026-01-09 00:00", "2026-01-13 00:00"]
        );
        assert_eq!(runs("@weekly", from, 1), ["2026-01-04 00:00"]);
        assert_eq!(runs("CRON_TZ=UTC 0 23 * * *", from, 1), ["2026-01-01 23:00"]);
        // The zone prefix moves the runs: 09:00 in Berlin is 08:00 UTC in winter.
        assert_eq!(runs("CRON_TZ=Europe/Berlin 0 9 * * *", from, 1), ["2026-01-01 08:00"]);
        assert!(
            parse("TZ=Europe/Berlin 0 9 * * *")
                .unwrap()
                .warning()
                .unwrap()
                .contains("spec.timeZone")
        );
    }

    // Source: robfig/cron v3 `spec_test.go` / `parser.go`: only `*` and `?` set the star bit, so `*/2` in
    // day-of-month with a weekday means OR.
    #[test]
    fn robfig_star_rule() {
        // Every 2nd day of the month (1, 3, ...) OR Mondays: 2026-01-05 is a Monday and an odd day, 2026-01-12
        // is a Monday and even.
        let days = runs("0 0 */2 * MON", "2026-01-08T12:00:00Z", 3);
        assert_eq!(days, ["2026-01-09 00:00", "2026-01-11 00:00", "2026-01-12 00:00"]);
        assert_eq!(runs("0 0 * * ?", "2026-01-01T00:00:00Z", 1), ["2026-01-02 00:00"]);
    }

    #[test]
    fn errors() {
        assert_eq!(
            refused("0 0 * * 7"),
            ("day-of-week: 7 is out of range 0–6 or SUN–SAT".into(), 8, 1)
        );
        assert!(refused("0 0 L * *").0.contains("has no L, W or #"));
        assert_eq!(refused("CRON_TZ=Mars/Base 0 0 * * *").1, 8);
        assert!(refused("0 0 * * * *").0.starts_with("expected 5 fields"));
        assert!(refused("@every 1h").0.contains("@every"));
        assert_eq!(
            refused("CRON_TZ=UTC 0 60 * * *"),
            ("hour: 60 is out of range 0–23".into(), 14, 2)
        );
    }
}
