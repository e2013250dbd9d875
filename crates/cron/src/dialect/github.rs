//! `github`: a GitHub Actions workflow's `on: schedule: - cron:`.
//!
//! POSIX cron syntax: five fields, `*`, `,`, `-` and `/`, month names `JAN`–`DEC` and weekdays `0`–`6` or
//! `SUN`–`SAT`; no macros, no `?`, no `L`, `W` or `#`. Schedules run in UTC only; "the shortest interval you can
//! run scheduled workflows is once every 5 minutes", and a run "can be delayed during periods of high loads of
//! GitHub Actions workflow runs ... the start of every hour", and queued jobs may be dropped. Source: GitHub Docs,
//! "Events that trigger workflows", `schedule`.

use super::{Dialect, Expression, Plan, parse_fields, refuse_specials, rule, words};
use crate::field::FieldKind;
use crate::{ParseError, Schedule};
use chrono::{TimeDelta, TimeZone, Utc};

const FIVE: [FieldKind; 5] = [
    FieldKind::Minute,
    FieldKind::Hour,
    FieldKind::DayOfMonth,
    FieldKind::Month,
    FieldKind::DayOfWeek,
];

/// The caution every GitHub Actions schedule gets.
pub const DELAY_CAUTION: &str = "GitHub Actions runs schedules in UTC only, and a scheduled run can be delayed at busy times (the start of every hour especially) or dropped when the queue is full.";

/// Parses a GitHub Actions schedule.
pub fn parse(input: &str) -> Result<Expression, ParseError> {
    let trimmed = input.trim();
    let offset = input.len() - input.trim_start().len();
    if trimmed.starts_with('@') {
        // The macro's own five fields when it is one (`@hourly is 0 * * * *`), else an example.
        let message = match crate::MACROS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(trimmed))
        {
            Some((name, fields)) => {
                format!("GitHub Actions takes 5 fields, not macros: {name} is {fields}")
            }
            None => "GitHub Actions takes 5 fields, not macros (@daily is 0 0 * * *)".to_owned(),
        };
        return Err(rule(message, None, offset..offset + trimmed.len()));
    }
    let words = words(input, &[5], "5 fields: minute hour day-of-month month day-of-week")?;
    if let Some((at, _)) = words.iter().find(|(_, w)| w.contains('?')) {
        let at = at + input[*at..].find('?').unwrap_or(0);
        return Err(rule("GitHub Actions has no ?; write * instead", None, at..at + 1));
    }
    let fields = parse_fields(&FIVE, &words, Dialect::Github)?;
    refuse_specials(&fields, "GitHub Actions")?;
    let schedule = Schedule::from_parts(trimmed.to_owned(), None, fields, false)?;
    let mut cautions = Vec::new();
    if let Some(gap) = shortest_gap(&schedule).filter(|gap| *gap < TimeDelta::minutes(5)) {
        cautions.push(format!(
            "GitHub Actions runs a schedule at most every 5 minutes; this one asks for runs {} apart.",
            if gap.num_minutes() == 1 { "1 minute".to_owned() } else { format!("{} minutes", gap.num_minutes()) }
        ));
    }
    cautions.push(DELAY_CAUTION.to_owned());
    Ok(Expression {
        dialect: Dialect::Github,
        source: trimmed.to_owned(),
        plan: Plan::Cron(schedule),
        zone: None,
        cautions,
    })
}

/// The shortest time between two runs, looking at a day's worth (the minute and hour fields decide it).
fn shortest_gap(schedule: &Schedule) -> Option<TimeDelta> {
    if schedule.never_fires() {
        return None;
    }
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single()?;
    let runs: Vec<_> = schedule.runs_after(start, chrono_tz::UTC).take(1500).collect();
    runs.windows(2).map(|pair| pair[1] - pair[0]).min()
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{RFC_3339, runs_in};
    use super::*;
    use chrono_tz::Europe;

    fn refused(expr: &str) -> (String, usize, usize) {
        super::super::test_support::refused_with(parse, expr)
    }

    // Source: GitHub Docs, "Events that trigger workflows" (`schedule`): `30 5,17 * * *` and `30 5 * * 1,3`.
    #[test]
    fn the_documentation_examples() {
        let e = parse("30 5,17 * * *").unwrap();
        let berlin =
            runs_in(parse, Europe::Berlin, RFC_3339, e.source(), "2026-01-01T00:00:00Z", 2);
        // UTC whatever zone the runs are shown in.
        assert_eq!(berlin, ["2026-01-01T06:30:00+01:00", "2026-01-01T18:30:00+01:00"]);
        assert_eq!(e.warning().as_deref(), Some(DELAY_CAUTION));
        assert!(parse("30 5 * * 1,3").is_ok());
    }

    #[test]
    fn the_five_minute_floor_is_warned() {
        let warning = parse("*/2 * * * *").unwrap().warning().unwrap();
        assert!(warning.starts_with("GitHub Actions runs a schedule at most every 5 minutes; this one asks for runs 2 minutes apart."), "{warning}");
        assert!(parse("0,3 * * * *").unwrap().warning().unwrap().contains("3 minutes apart"));
        assert!(!parse("*/5 * * * *").unwrap().warning().unwrap().contains("at most every 5"));
    }

    #[test]
    fn errors() {
        assert_eq!(refused("0 0 ? * 1"), ("GitHub Actions has no ?; write * instead".into(), 4, 1));
        assert_eq!(refused("0 0 * * 7").0, "day-of-week: 7 is out of range 0–6 or SUN–SAT");
        assert!(refused("@daily").0.contains("not macros"));
        assert!(refused("0 0 1W * *").0.contains("has no L, W or #"));
        assert!(refused("0 0 0 * * *").0.starts_with("expected 5 fields"));
    }

    /// A macro's error gives that macro's own five fields (crontab(5)'s table), not another macro's.
    #[test]
    fn a_macros_error_gives_its_own_fields() {
        assert_eq!(
            refused("@hourly").0,
            "GitHub Actions takes 5 fields, not macros: @hourly is 0 * * * *"
        );
        assert_eq!(
            refused("@Weekly").0,
            "GitHub Actions takes 5 fields, not macros: @weekly is 0 0 * * 0"
        );
        assert_eq!(
            refused("@daily").0,
            "GitHub Actions takes 5 fields, not macros: @daily is 0 0 * * *"
        );
        assert!(refused("@reboot").0.starts_with("GitHub Actions takes 5 fields, not macros"));
    }
}
