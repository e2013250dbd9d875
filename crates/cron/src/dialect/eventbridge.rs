//! `eventbridge`: AWS EventBridge (CloudWatch Events) rules and EventBridge Scheduler.
//!
//! `cron(minutes hours day-of-month month day-of-week year)`: six fields, no seconds, a year last (1970–2199, where
//! Quartz's stops at 2099; source: the EventBridge User Guide, "Cron expressions reference"), weekdays `1`–`7`
//! from Sunday (`SUN`–`SAT`), `L`, `W` and `#`, and `?` in exactly one of day-of-month and day-of-week: "If you
//! specify a value or a * in one of the fields, you must use a ? in the other." `rate(value unit)`: a fixed
//! interval of `minute(s)`, `hour(s)` or `day(s)`, singular for 1 and plural otherwise. Rules run in UTC; a
//! Scheduler schedule names its zone (`ScheduleExpressionTimezone`). Source: the EventBridge User Guide,
//! "Schedule expressions for rules", and the EventBridge Scheduler User Guide, "Schedule types".

use super::{Dialect, Expression, Interval, Plan, parse_fields, question_rule, rule, words};
use crate::field::FieldKind;
use crate::parse::{Bounds, parse_field_within};
use crate::{DstRule, ParseError, Schedule};

/// "Year: 1970-2199" (EventBridge User Guide, "Cron expressions reference"), where Quartz's year field stops at
/// 2099.
pub(crate) const YEARS: Bounds = Bounds { max: 2199, text: Some("1970–2199"), wraps: false };

const KINDS: [FieldKind; 6] = [
    FieldKind::Minute,
    FieldKind::Hour,
    FieldKind::DayOfMonth,
    FieldKind::Month,
    FieldKind::DayOfWeek,
    FieldKind::Year,
];

/// Parses `cron(...)`, `rate(...)`, or the six cron fields without the wrapper.
pub fn parse(input: &str) -> Result<Expression, ParseError> {
    let trimmed = input.trim();
    let offset = input.len() - input.trim_start().len();
    let whole = offset..offset + trimmed.len();
    if let Some(inner) = wrapped(trimmed, "rate") {
        return parse_rate(trimmed, inner, offset + 5);
    }
    let (text, at) = match wrapped(trimmed, "cron") {
        Some(inner) => (inner, offset + 5),
        None if trimmed.starts_with("cron(") || trimmed.starts_with("rate(") => {
            return Err(rule(
                "the expression must end with )",
                None,
                whole.end.saturating_sub(1)..whole.end,
            ));
        }
        None => (trimmed, offset),
    };
    // Positions stay those of the input: pad the inner text with spaces where the wrapper was.
    let padded = format!("{}{}", " ".repeat(at), text);
    let words =
        words(&padded, &[6], "6 fields: minutes hours day-of-month month day-of-week year")?;
    let mut fields = parse_fields(&KINDS[..5], &words[..5], Dialect::EventBridge)?;
    let (year_at, year) = words[5];
    fields.push(parse_field_within(FieldKind::Year, year, year_at, YEARS)?);
    // "If you use a '#' character, you can define only one expression in the day-of-week field. For example,
    // "3#1,6#3" is not valid" (EventBridge User Guide, "Cron expressions reference").
    if let Some(dow) = super::field_of(&fields, FieldKind::DayOfWeek)
        && dow.items.len() > 1
        && dow.raw.contains('#')
    {
        return Err(rule(
            format!(
                "EventBridge takes only one expression in day-of-week when it uses # (\"{}\" has {}); write one, such as {}",
                dow.raw,
                dow.items.len(),
                dow.raw.split(',').find(|item| item.contains('#')).unwrap_or("3#1")
            ),
            Some(FieldKind::DayOfWeek),
            dow.span(),
        ));
    }
    question_rule(&fields, Dialect::EventBridge, "EventBridge", false)?;
    // Rules run in UTC, which has no daylight saving; a Scheduler schedule in a zone follows Scheduler's rule.
    let schedule = Schedule::from_parts(trimmed.to_owned(), None, fields, false)?
        .with_dst_rule(DstRule::SkipAndOnce);
    let mut cautions = Vec::new();
    if !trimmed.starts_with("cron(") {
        cautions.push(format!("EventBridge wants the fields wrapped: cron({trimmed})."));
    }
    Ok(Expression {
        dialect: Dialect::EventBridge,
        source: trimmed.to_owned(),
        plan: Plan::Cron(schedule),
        zone: None,
        cautions,
    })
}

fn wrapped<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    text.strip_prefix(name)?.strip_prefix('(')?.strip_suffix(')')
}

fn parse_rate(trimmed: &str, inner: &str, at: usize) -> Result<Expression, ParseError> {
    let words = super::split_words(inner);
    let span = at..at + inner.len();
    let [(value_at, value), (unit_at, unit)] = words.as_slice() else {
        return Err(rule("rate() takes a value and a unit, such as rate(5 minutes)", None, span));
    };
    let value_span = at + value_at..at + value_at + value.len();
    let amount = value.parse::<u32>().ok().filter(|n| *n >= 1).ok_or_else(|| {
        // A whole number too large for the interval says so, rather than that it is no whole number.
        let message =
            if value.bytes().all(|b| b.is_ascii_digit()) && value.bytes().any(|b| b != b'0') {
                format!("{value} is too large; rate() takes at most {} here", u32::MAX)
            } else {
                format!("\"{value}\" is no positive whole number; write rate(5 minutes)")
            };
        rule(message, None, value_span.clone())
    })?;
    let unit_span = at + unit_at..at + unit_at + unit.len();
    // "days represents a 24-hour duration on the clock" (EventBridge Scheduler User Guide, "Daylight saving time").
    let (size, singular): (u64, bool) = match *unit {
        "minute" => (60, true),
        "minutes" => (60, false),
        "hour" => (3_600, true),
        "hours" => (3_600, false),
        "day" => (86_400, true),
        "days" => (86_400, false),
        _ => {
            return Err(rule(
                format!("unknown unit \"{unit}\"; use minute(s), hour(s) or day(s)"),
                None,
                unit_span,
            ));
        }
    };
    if singular != (amount == 1) {
        // The example is what was typed with the unit corrected: rate(1 minute), rate(3 days).
        let stem = unit.strip_suffix('s').unwrap_or(unit);
        let want = if amount == 1 {
            format!("singular (rate(1 {stem}))")
        } else {
            format!("plural (rate({amount} {stem}s))")
        };
        return Err(rule(format!("with {amount} the unit must be {want}"), None, unit_span));
    }
    let interval = Interval::from_seconds(u64::from(amount) * size)
        .ok_or_else(|| rule("the interval is too long", None, span))?;
    Ok(Expression {
        dialect: Dialect::EventBridge,
        source: trimmed.to_owned(),
        plan: Plan::Every(interval),
        zone: None,
        cautions: vec![
            "A rate() schedule counts from when the rule is created; the runs shown count from the chosen instant."
                .to_owned(),
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{RFC_3339, runs_in};
    use super::*;

    fn runs(expr: &str, from: &str, n: usize) -> Vec<String> {
        runs_in(parse, chrono_tz::UTC, "%Y-%m-%d %H:%M", expr, from, n)
    }

    fn refused(expr: &str) -> (String, usize, usize) {
        super::super::test_support::refused_with(parse, expr)
    }

    // Source: EventBridge User Guide, "Schedule expressions for rules", the cron examples table.
    #[test]
    fn the_documentation_examples() {
        let from = "2026-01-01T00:00:00Z";
        // 10:15 AM (UTC) every day
        assert_eq!(runs("cron(15 10 * * ? *)", from, 2), ["2026-01-01 10:15", "2026-01-02 10:15"]);
        // 6:00 PM Monday through Friday
        assert_eq!(
            runs("cron(0 18 ? * MON-FRI *)", from, 2),
            ["2026-01-01 18:00", "2026-01-02 18:00"]
        );
        // 8:00 AM on the first day of the month
        assert_eq!(runs("cron(0 8 1 * ? *)", from, 2), ["2026-01-01 08:00", "2026-02-01 08:00"]);
        // Every 10 min on weekdays
        assert_eq!(
            runs("cron(0/10 * ? * MON-FRI *)", from, 2),
            ["2026-01-01 00:10", "2026-01-01 00:20"]
        );
        // Every 5 minutes between 8:00 AM and 5:55 PM weekdays
        assert_eq!(runs("cron(0/5 8-17 ? * MON-FRI *)", from, 1), ["2026-01-01 08:00"]);
        // 9:00 AM on the first Monday of each month
        assert_eq!(runs("cron(0 9 ? * 2#1 *)", from, 2), ["2026-01-05 09:00", "2026-02-02 09:00"]);
        // rate(5 minutes), rate(1 hour), rate(7 days)
        assert_eq!(runs("rate(5 minutes)", from, 2), ["2026-01-01 00:05", "2026-01-01 00:10"]);
        assert_eq!(runs("rate(1 hour)", from, 1), ["2026-01-01 01:00"]);
        assert_eq!(runs("rate(7 days)", from, 1), ["2026-01-08 00:00"]);
        assert_eq!(parse("rate(1 hour)").unwrap().describe(), "Every hour");
    }

    #[test]
    fn its_rules_are_enforced_with_positions() {
        // "You can't specify the Day-of-month and Day-of-week fields in the same cron expression."
        let (message, at, _) = refused("cron(0 18 * * MON-FRI *)");
        assert!(message.starts_with("day-of-week: EventBridge cannot combine"), "{message}");
        assert_eq!(at, 14);
        assert!(refused("cron(0 18 * * * *)").0.contains("write ? in one of them"));
        assert_eq!(
            refused("cron(0 18 ? * 0 *)"),
            ("day-of-week: 0 is out of range 1–7 or SUN–SAT".into(), 14, 1)
        );
        assert!(refused("cron(0 18 ? * MON)").0.starts_with("expected 6 fields"));
        assert_eq!(refused("rate(1 minutes)").1, 7);
        assert!(refused("rate(5 minute)").0.contains("plural"));
        assert!(refused("rate(0 minutes)").0.contains("positive"));
        assert!(refused("rate(5 weeks)").0.contains("unknown unit"));
        assert!(refused("cron(0 18 ? * MON *").0.contains("end with )"));
        assert!(
            parse("0 18 ? * MON *").unwrap().warning().unwrap().contains("cron(0 18 ? * MON *)")
        );
    }

    /// EventBridge User Guide, "Cron expressions reference": "The L wildcard in the Day-of-month or Day-of-week
    /// fields specifies the last day of the month or week": `L` alone in day-of-week is Saturday (7).
    #[test]
    fn l_alone_in_day_of_week_is_saturday() {
        assert_eq!(
            runs("cron(0 12 ? * L *)", "2024-01-01T00:00:00Z", 2),
            ["2024-01-06 12:00", "2024-01-13 12:00"]
        );
        let e = parse("cron(0 12 ? * L *)").unwrap();
        assert_eq!(e.describe(), "At 12:00 on Saturday (L: the last day of the week)");
        let from = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap().to_utc();
        for t in super::super::translate::translate(&e, chrono_tz::UTC, from) {
            if let Some(check) = &t.check {
                assert!(check.same, "{t:?}");
            }
        }
    }

    /// EventBridge User Guide, "Cron expressions reference": "If you use a '#' character, you can define only one
    /// expression in the day-of-week field. For example, "3#1,6#3" is not valid."
    #[test]
    fn a_hash_takes_the_whole_day_of_week_field() {
        let (message, at, len) = refused("cron(0 12 ? * 3#1,6#3 *)");
        assert_eq!(
            message,
            "day-of-week: EventBridge takes only one expression in day-of-week when it uses # (\"3#1,6#3\" has 2); write one, such as 3#1"
        );
        assert_eq!((at, len), (14, 7));
        assert!(refused("cron(0 12 ? * 2,3#1 *)").0.contains("only one expression"));
        assert!(parse("cron(0 12 ? * 3#1 *)").is_ok());
    }

    /// The example in a unit error is what was typed with the unit corrected, not a fixed one, and a number too
    /// large says so. Source: EventBridge User Guide, "Schedule expressions for rules" ("If the value is equal
    /// to 1, then the unit must be singular. ... If the value is greater than 1, the unit must be plural").
    #[test]
    fn rate_errors_show_the_corrected_input() {
        assert_eq!(
            refused("rate(1 minutes)").0,
            "with 1 the unit must be singular (rate(1 minute))"
        );
        assert_eq!(refused("rate(3 day)").0, "with 3 the unit must be plural (rate(3 days))");
        assert_eq!(refused("rate(1 hours)").0, "with 1 the unit must be singular (rate(1 hour))");
        let (message, at, len) = refused("rate(1000000000000 days)");
        assert_eq!(message, "1000000000000 is too large; rate() takes at most 4294967295 here");
        assert_eq!((at, len), (5, 13));
        assert!(refused("rate(0 minutes)").0.contains("no positive whole number"));
        assert!(refused("rate(-5 minutes)").0.contains("no positive whole number"));
    }

    // Source: EventBridge User Guide, "Cron expressions reference": "Year | 1970-2199 | , - * /". Quartz's
    // CronExpression Javadoc gives 1970-2099, which the Quartz and Vixie 7-field forms keep.
    #[test]
    fn years_run_to_2199() {
        assert_eq!(runs("cron(0 0 1 1 ? 2150)", "2026-01-01T00:00:00Z", 1), ["2150-01-01 00:00"]);
        assert_eq!(runs("cron(0 0 1 1 ? 2199)", "2026-01-01T00:00:00Z", 2), ["2199-01-01 00:00"]);
        assert_eq!(
            runs("cron(0 0 1 1 ? 2100/50)", "2026-01-01T00:00:00Z", 3),
            ["2100-01-01 00:00", "2150-01-01 00:00"]
        );
        // `*` is every year to 2199.
        assert_eq!(
            runs("cron(0 0 1 1 ? *)", "2099-06-01T00:00:00Z", 2),
            ["2100-01-01 00:00", "2101-01-01 00:00"]
        );
        assert_eq!(runs("cron(0 0 1 1 ? *)", "2199-06-01T00:00:00Z", 1), Vec::<String>::new());
        assert_eq!(
            refused("cron(0 0 1 1 ? 2200)"),
            ("year: 2200 is out of range 1970–2199".into(), 15, 4)
        );
        assert_eq!(refused("cron(0 0 1 1 ? 2100-2300)").1, 20);
        assert_eq!(refused("cron(0 0 1 1 ? 1969)").0, "year: 1969 is out of range 1970–2199");
        let e = parse("cron(0 0 1 1 ? */100)").unwrap();
        assert_eq!(e.schedule().unwrap().fields()[5].values(), [1970, 2070, 2170]);
        assert_eq!(
            parse("cron(0 9 ? * MON 2150)").unwrap().describe(),
            "At 09:00 on Monday in 2150"
        );
        // The Quartz and Vixie forms keep 1970-2099.
        let quartz = crate::dialect::quartz::parse("0 0 0 1 1 ? 2100").unwrap_err();
        assert_eq!(quartz.to_string(), "year: 2100 is out of range 1970–2099");
        let vixie = Schedule::parse("0 0 0 1 1 ? 2100").unwrap_err();
        assert_eq!(vixie.to_string(), "year: 2100 is out of range 1970–2099");
        let from = chrono::DateTime::parse_from_rfc3339("2099-06-01T00:00:00Z").unwrap().to_utc();
        let vixie = Schedule::parse("0 0 0 1 1 ? *").unwrap();
        assert!(vixie.runs_after(from, chrono_tz::UTC).next().is_none());
    }

    /// The first `n` runs after `from` of a Scheduler schedule in America/New_York, as RFC 3339 there.
    fn new_york(expr: &str, from: &str, n: usize) -> Vec<String> {
        runs_in(parse, chrono_tz::America::New_York, RFC_3339, expr, from, n)
    }

    // Source: AWS Knowledge Center, "How can I adjust my Amazon EventBridge schedule for daylight saving?":
    // "When the time shifts forward in Spring, your schedule invocation gets skipped if the cron expression falls
    // on a non-existent date and time. When the time shifts back in the Fall, your schedule runs only once and
    // doesn't repeat its invocation." Which of the two passes runs is not said; the first is assumed.
    #[test]
    fn scheduler_daylight_saving() {
        let schedule = parse("cron(30 2 * * ? *)").unwrap();
        assert_eq!(schedule.schedule().unwrap().dst_rule(), DstRule::SkipAndOnce);
        // Spring-forward: 02:30 on 2026-03-08 does not exist in New York and is skipped (cronie runs it at 03:00).
        assert_eq!(
            new_york("cron(30 2 * * ? *)", "2026-03-07T12:00:00Z", 2),
            ["2026-03-09T02:30:00-04:00", "2026-03-10T02:30:00-04:00"]
        );
        assert_eq!(
            new_york("cron(0/30 * * * ? *)", "2026-03-08T06:15:00Z", 2),
            ["2026-03-08T01:30:00-05:00", "2026-03-08T03:00:00-04:00"]
        );
        // Fall-back: 01:30 runs once, and so does every time of a job that follows the wall clock (cronie and
        // robfig/cron run those on both passes).
        assert_eq!(
            new_york("cron(30 1 * * ? *)", "2026-10-31T12:00:00Z", 2),
            ["2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"]
        );
        assert_eq!(
            new_york("cron(0/30 1 * * ? *)", "2026-10-31T12:00:00Z", 3),
            ["2026-11-01T01:00:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-02T01:00:00-05:00"]
        );
        assert_eq!(
            new_york("cron(0 * * * ? *)", "2026-11-01T04:00:00Z", 3),
            ["2026-11-01T01:00:00-04:00", "2026-11-01T02:00:00-05:00", "2026-11-01T03:00:00-05:00"]
        );
        // A rate() counts 24-hour days ("days represents a 24-hour duration"): 07:00 EST + 1 day is 08:00 EDT.
        assert_eq!(
            new_york("rate(1 day)", "2026-03-07T12:00:00Z", 1),
            ["2026-03-08T08:00:00-04:00"]
        );
    }
}
