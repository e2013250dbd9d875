//! `kubernetes`: a CronJob's `spec.schedule`, read by robfig/cron v3's standard parser.
//!
//! Five fields (`minute hour day-of-month month day-of-week`, weekdays `0`–`6` or `SUN`–`SAT`, `?` as `*`) or a
//! macro (`@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`), optionally after a
//! `CRON_TZ=Zone` or `TZ=Zone` prefix. The zone belongs in `spec.timeZone` (stable since Kubernetes 1.27); the
//! documentation says the prefix is not officially supported. robfig/cron treats only `*` or `?` with no step
//! above 1 (`*`, `*/1`) as unrestricted when it combines day-of-month and day-of-week, so `*/2` in one of them
//! makes it OR, unlike Vixie cron, while `*/1` makes it AND. Weekdays run 0–6, and `N/step` runs to 6 (`1/2` is
//! Monday, Wednesday and Friday). Sources: Kubernetes documentation "CronJob" (Schedule syntax, Time zones);
//! robfig/cron v3 `parser.go` (`getRange`, `dow` bounds 0–6).
//!
//! `@every <duration>` is robfig/cron's fixed delay ([`Plan::Every`]): a Go duration (`1h30m`, `90s`, `2.5h`; units
//! `ns`, `us`/`µs`, `ms`, `s`, `m`, `h`, with fractions and concatenation, as `time.ParseDuration` reads it), which
//! robfig's `Every` rounds: a delay under a second becomes one second and a fraction of a second is dropped. The
//! CronJob controller counts it from the CronJob's creation time, then from its last scheduled run, so the runs
//! shown count from the chosen instant. `@reboot` is refused: it has no run times. Sources: robfig/cron v3
//! `parser.go` (`parseDescriptor`), `constantdelay.go` and their tests; Go's `time.ParseDuration`.

use super::{Dialect, Expression, Interval, Plan, parse_fields, refuse_specials, rule, words};
use crate::answer::parse_zone;
use crate::field::FieldKind;
use crate::{DstRule, ParseError, Schedule};

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
        // robfig/cron's parseDescriptor compares descriptors as written: `@Daily` is "unrecognized descriptor".
        let name_len = rest_trimmed.find(char::is_whitespace).unwrap_or(rest_trimmed.len());
        if rest_trimmed[..name_len] != lower[..name_len] {
            return Err(rule(
                format!(
                    "Kubernetes (robfig/cron) reads {} only in lower case: write {}",
                    &rest_trimmed[..name_len],
                    &lower[..name_len]
                ),
                None,
                rest_offset..rest_offset + name_len,
            ));
        }
        if lower.starts_with("@every") {
            let (interval, caution) = parse_every(rest_trimmed, rest_offset)?;
            cautions.extend(caution);
            cautions.push(EVERY_CAUTION.to_owned());
            return Ok(Expression {
                dialect: Dialect::Kubernetes,
                source: trimmed.to_owned(),
                plan: Plan::Every(interval),
                zone,
                cautions,
            });
        }
        if lower == "@reboot" {
            return Err(rule(
                format!(
                    "Kubernetes takes {rest_trimmed} from robfig/cron but it has no run times here; use @hourly, @daily, @weekly, @monthly, @yearly, @every 1h30m or 5 fields"
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
        let fields = parse_fields(&FIVE, &words, Dialect::Kubernetes)?;
        refuse_specials(&fields, "Kubernetes (robfig/cron)")?;
        Schedule::from_parts(trimmed.to_owned(), None, fields, true)?
    };
    Ok(Expression {
        dialect: Dialect::Kubernetes,
        source: trimmed.to_owned(),
        plan: Plan::Cron(schedule.with_dst_rule(DstRule::WallClock)),
        zone,
        cautions,
    })
}

/// The longest whole-second interval a Go duration holds: Go's `time.Duration` is a signed 64-bit count of
/// nanoseconds, at most 2^63-1 ns, which is 2562047h47m16.854775807s (about 292 years). robfig/cron v3 parses
/// `@every 2562047h47m16s` and refuses `@every 2562047h47m17s` (`time.ParseDuration`: "invalid duration").
pub(crate) const GO_DURATION_MAX_SECONDS: u64 = 9_223_372_036;

/// [`GO_DURATION_MAX_SECONDS`] as a Go duration, for messages.
pub(crate) const GO_DURATION_MAX: &str = "2562047h47m16.854775807s";

/// The caution every `@every` schedule gets.
pub const EVERY_CAUTION: &str = "@every counts from when the CronJob is created (then from its last scheduled run), not from the clock; the runs shown count from the chosen instant.";

/// `@every <Go duration>`, as robfig/cron v3's `parseDescriptor` reads it: exactly `@every` and one space, then
/// `time.ParseDuration`'s syntax; `Every` then rounds a delay under one second up to one second and drops any
/// fraction of a second. Returns the interval and, when robfig changed the duration, a caution saying so.
fn parse_every(text: &str, at: usize) -> Result<(Interval, Option<String>), ParseError> {
    const PREFIX: &str = "@every ";
    let Some(duration) = text.strip_prefix(PREFIX) else {
        let name_len = text.find(char::is_whitespace).unwrap_or(text.len());
        let message = if text[..name_len] != *"@every" {
            format!(
                "robfig/cron's descriptors are lower case: write @every, not {}",
                &text[..name_len]
            )
        } else if name_len == text.len() {
            "@every needs a duration: @every 1h30m, @every 90s or @every 5m".to_owned()
        } else {
            "write @every, one space, then the duration (robfig/cron reads exactly one space)"
                .to_owned()
        };
        return Err(rule(message, None, at..at + name_len.max(1)));
    };
    let nanos = go_duration(duration, at + PREFIX.len())?;
    let whole = nanos.div_euclid(1_000_000_000);
    let caution = if nanos < 1_000_000_000 {
        Some(format!(
            "robfig/cron runs a delay under one second ({duration}) every second; write @every 1s to say so."
        ))
    } else if nanos % 1_000_000_000 != 0 {
        Some(format!(
            "robfig/cron drops the fraction of a second: @every {duration} runs every {whole} seconds."
        ))
    } else {
        None
    };
    let seconds = u64::try_from(whole).unwrap_or(0).max(1);
    let interval = Interval::from_seconds(seconds)
        .ok_or_else(|| rule("the duration is too long", None, at..at + text.len()))?;
    Ok((interval, caution))
}

/// Nanoseconds in each unit Go's `time.ParseDuration` knows (`µs` in both of its spellings).
const GO_UNITS: [(&str, u64); 8] = [
    ("ns", 1),
    ("us", 1_000),
    ("\u{b5}s", 1_000),
    ("\u{3bc}s", 1_000),
    ("ms", 1_000_000),
    ("s", 1_000_000_000),
    ("m", 60_000_000_000),
    ("h", 3_600_000_000_000),
];

/// Go's `time.ParseDuration` (`[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or `0`) in nanoseconds, with each error at its
/// byte range (`text` starts at byte `at` of the input). Like Go, a unit is every character up to the next digit
/// or `.`, and a duration must fit in a signed 64-bit count of nanoseconds (about 292 years).
pub(crate) fn go_duration(text: &str, at: usize) -> Result<i128, ParseError> {
    let whole = at..at + text.len().max(1);
    let units = "ns, us (or µs), ms, s, m or h";
    let (negative, body, body_at) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..], at + 1),
        Some(b'+') => (false, &text[1..], at + 1),
        _ => (false, text, at),
    };
    if body == "0" {
        return Ok(0);
    }
    if body.is_empty() {
        return Err(rule(
            format!(
                "\"{text}\" is no Go duration: write a number and a unit such as 1h30m, 90s or 5m"
            ),
            None,
            whole,
        ));
    }
    const LIMIT: u64 = 1 << 63;
    let bytes = body.as_bytes();
    let mut total: u64 = 0;
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        if !(bytes[i] == b'.' || bytes[i].is_ascii_digit()) {
            let c = body[i..].chars().next().unwrap_or(' ');
            return Err(rule(
                format!(
                    "expected a number in the duration, found \"{c}\" (write 1h30m, not 1h 30m)"
                ),
                None,
                body_at + i..body_at + i + c.len_utf8(),
            ));
        }
        // As Go's leadingInt and leadingFraction: the whole part must fit in 2^63; the fraction keeps the digits
        // that fit and is scaled in floating point, so `0.3333333333333333333h` is exactly 20 minutes, as in Go.
        let mut value: u64 = 0;
        let mut too_big = false;
        let mut digits = 0;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            match value.checked_mul(10).map(|v| v + u64::from(bytes[i] - b'0')) {
                Some(v) if v <= LIMIT => value = v,
                _ => too_big = true,
            }
            digits += 1;
            i += 1;
        }
        let (mut fraction, mut scale, mut fraction_full) = (0_u64, 1_f64, false);
        if i < bytes.len() && bytes[i] == b'.' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                if !fraction_full {
                    match fraction.checked_mul(10).map(|v| v + u64::from(bytes[i] - b'0')) {
                        Some(v) if fraction <= (LIMIT - 1) / 10 && v <= LIMIT => {
                            fraction = v;
                            scale *= 10.0;
                        }
                        _ => fraction_full = true,
                    }
                }
                digits += 1;
                i += 1;
            }
        }
        let number = start..i;
        if digits == 0 {
            return Err(rule(
                format!("\"{}\" has no digits", &body[number.clone()]),
                None,
                body_at + number.start..body_at + number.end,
            ));
        }
        let unit_start = i;
        while i < bytes.len() && !(bytes[i] == b'.' || bytes[i].is_ascii_digit()) {
            i += 1;
        }
        let unit = &body[unit_start..i];
        if unit.is_empty() {
            return Err(rule(
                format!("\"{}\" needs a unit: {units}", &body[number.clone()]),
                None,
                body_at + number.start..body_at + number.end,
            ));
        }
        let Some((_, size)) = GO_UNITS.iter().find(|(name, _)| *name == unit) else {
            let hint = if unit.starts_with('d') || unit.starts_with('w') {
                " (Go durations have no days or weeks: write 24h or 168h)"
            } else {
                ""
            };
            return Err(rule(
                format!("unknown unit \"{unit}\" in the duration; use {units}{hint}"),
                None,
                body_at + unit_start..body_at + i,
            ));
        };
        let size = *size;
        let mut amount = if too_big || value > LIMIT / size { None } else { Some(value * size) };
        if fraction > 0 {
            // Go: `v += uint64(float64(f) * (float64(unit) / scale))`.
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss
            )]
            let extra = (fraction as f64 * (size as f64 / scale)) as u64;
            amount = amount.and_then(|a| a.checked_add(extra)).filter(|a| *a <= LIMIT);
        }
        total =
            amount.and_then(|a| total.checked_add(a)).filter(|t| *t <= LIMIT).ok_or_else(|| {
                rule(
                    format!("the duration is too long: a Go duration is at most {GO_DURATION_MAX} (2^63-1 nanoseconds, about 292 years)"),
                    None,
                    whole.clone(),
                )
            })?;
    }
    if !negative && total == LIMIT {
        return Err(rule(
            format!(
                "the duration is too long: a Go duration is at most {GO_DURATION_MAX} (2^63-1 nanoseconds, about 292 years)"
            ),
            None,
            whole,
        ));
    }
    Ok(if negative { -i128::from(total) } else { i128::from(total) })
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

    /// robfig/cron v3 `getRange` clears the star bit only for a step above 1, and ORs the bits of a list's items:
    /// `*/1` and `1,*` in day-of-month keep it, so the day fields are ANDed (Mondays only). Checked against
    /// robfig/cron v3.0.1 (`ParseStandard(...).Next`): 2024-01-08, 2024-01-15, ... for both.
    #[test]
    fn a_star_with_step_one_still_counts_as_star() {
        let from = "2024-01-01T00:00:00Z";
        let mondays = ["2024-01-08 00:00", "2024-01-15 00:00", "2024-01-22 00:00"];
        assert_eq!(runs("0 0 */1 * 1", from, 3), mondays);
        assert_eq!(runs("0 0 1,* * 1", from, 3), mondays);
        // A star with step 1 in day-of-week: the 15th only.
        assert_eq!(runs("0 0 15 * */1", from, 2), ["2024-01-15 00:00", "2024-02-15 00:00"]);
        assert!(parse("0 0 */1 * 1").unwrap().schedule().unwrap().days_and());
        assert!(!parse("0 0 */2 * 1").unwrap().schedule().unwrap().days_and());
    }

    /// robfig/cron v3's day-of-week bounds are 0–6 and `N/step` is `N-6/step` (`getRange`): `1/2` and `MON/2` are
    /// Monday, Wednesday and Friday, `0/3` Sunday, Wednesday and Saturday, never the BSD reading's 7 (Sunday).
    /// Checked against robfig/cron v3.0.1: 2024-01-03, 01-05, 01-08, 01-10, 01-12 for `0 0 * * 1/2`.
    #[test]
    fn a_weekday_step_runs_to_saturday() {
        let from = "2024-01-01T00:00:00Z";
        let mon_wed_fri =
            ["2024-01-03 00:00", "2024-01-05 00:00", "2024-01-08 00:00", "2024-01-10 00:00"];
        assert_eq!(runs("0 0 * * 1/2", from, 4), mon_wed_fri);
        assert_eq!(runs("0 0 * * MON/2", from, 4), mon_wed_fri);
        assert_eq!(
            runs("0 0 * * 0/3", from, 3),
            ["2024-01-03 00:00", "2024-01-06 00:00", "2024-01-07 00:00"]
        );
        let e = parse("0 0 * * 1/2").unwrap();
        assert_eq!(e.schedule().unwrap().fields()[4].values(), [1, 3, 5]);
        assert!(e.warning().is_none(), "{:?}", e.warning());
        // Translations follow: Monday, Wednesday and Friday in every other dialect.
        let from = chrono::DateTime::parse_from_rfc3339(from).unwrap().to_utc();
        for translation in super::super::translate::translate(&e, chrono_tz::UTC, from) {
            if let Some(expression) = &translation.expression {
                assert!(!expression.contains("SUN") && !expression.contains("Sun"), "{expression}");
                assert!(translation.check.as_ref().unwrap().same, "{translation:?}");
            }
        }
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
        assert!(refused("@reboot").0.contains("no run times"));
        // robfig/cron parser.go parseDescriptor: a `switch` on the descriptor as written.
        let (message, start, len) = refused("CRON_TZ=UTC @Daily");
        assert_eq!(
            message,
            "Kubernetes (robfig/cron) reads @Daily only in lower case: write @daily"
        );
        assert_eq!((start, len), (12, 6));
        assert_eq!(
            refused("@EVERY 1h").0,
            "Kubernetes (robfig/cron) reads @EVERY only in lower case: write @every"
        );
        assert_eq!(
            refused("CRON_TZ=UTC 0 60 * * *"),
            ("hour: 60 is out of range 0–23".into(), 14, 2)
        );
    }

    /// Nanoseconds of a Go duration, or the error's message.
    fn go(text: &str) -> Result<i128, String> {
        go_duration(text, 0).map_err(|e| e.to_string())
    }

    // Source: Go's `time` package tests, `parseDurationTests` and `parseDurationErrorTests` (time_test.go).
    #[test]
    fn go_durations_as_go_parses_them() {
        const S: i128 = 1_000_000_000;
        let cases: [(&str, i128); 22] = [
            ("0", 0),
            ("5s", 5 * S),
            ("1478s", 1478 * S),
            ("-5s", -5 * S),
            ("+5s", 5 * S),
            ("-0", 0),
            ("5.6s", 5 * S + 600_000_000),
            ("5.s", 5 * S),
            (".5s", S / 2),
            ("1.004s", S + 4_000_000),
            ("10ns", 10),
            ("11us", 11_000),
            ("12\u{b5}s", 12_000),
            ("12\u{3bc}s", 12_000),
            ("13ms", 13_000_000),
            ("15m", 15 * 60 * S),
            ("16h", 16 * 3600 * S),
            ("3h30m", (3 * 3600 + 30 * 60) * S),
            ("10.5s4m", 4 * 60 * S + 10 * S + S / 2),
            ("1h2m3s4ms5us6ns", 3723 * S + 4_005_006),
            ("0.3333333333333333333h", 20 * 60 * S),
            ("9223372036854775807ns", 9_223_372_036_854_775_807),
        ];
        for (text, nanos) in cases {
            assert_eq!(go(text), Ok(nanos), "{text}");
        }
        assert_eq!(go("-9223372036854775808ns"), Ok(-9_223_372_036_854_775_808));
        for bad in ["", "3", "-", "s", ".", "-.", ".s", "+.s", "1d", "9223372036854775808ns"] {
            assert!(go(bad).is_err(), "{bad}");
        }
    }

    // Sources: robfig/cron v3 `parser.go` (`parseDescriptor`: "@every " then `time.ParseDuration`),
    // `parser_test.go` ("@every 5m" is `ConstantDelaySchedule{5 * time.Minute}`; "@every Xm" fails) and
    // `constantdelay_test.go` (`TestConstantDelayNext`: the next run is the time, to the second, plus the delay;
    // a delay under a second is one second; a fraction of a second in the delay is dropped).
    #[test]
    fn every_counts_a_fixed_delay() {
        assert_eq!(
            runs("@every 5m", "2012-07-09T14:45:00Z", 2),
            ["2012-07-09 14:50", "2012-07-09 14:55"]
        );
        assert_eq!(runs("@every 15m", "2012-07-09T14:59:59Z", 1), ["2012-07-09 15:14"]);
        assert_eq!(runs("@every 35m", "2012-07-09T23:45:00Z", 1), ["2012-07-10 00:20"]);
        let seconds = |expr: &str, from: &str| {
            runs_in(parse, chrono_tz::UTC, "%Y-%m-%d %H:%M:%S", expr, from, 1)
        };
        assert_eq!(seconds("@every 44m24s", "2012-07-09T23:35:51Z"), ["2012-07-10 00:20:15"]);
        assert_eq!(seconds("@every 25h44m24s", "2012-07-09T23:35:51Z"), ["2012-07-11 01:20:15"]);
        assert_eq!(seconds("@every 2184h25m", "2012-07-09T23:35:00Z"), ["2012-10-09 00:00:00"]);
        assert_eq!(seconds("@every 15s", "2012-12-31T23:59:45Z"), ["2013-01-01 00:00:00"]);
        assert_eq!(seconds("@every 15ms", "2012-07-09T14:45:00Z"), ["2012-07-09 14:45:01"]);
        assert_eq!(seconds("@every 15m50ns", "2012-07-09T14:45:00.005Z"), ["2012-07-09 15:00:00"]);
        // Robfig's rounding is said.
        assert!(parse("@every 15ms").unwrap().warning().unwrap().contains("every second"));
        assert!(parse("@every 1.5s").unwrap().warning().unwrap().contains("every 1 seconds"));
        let e = parse("CRON_TZ=Europe/Berlin @every 1h30m").unwrap();
        assert_eq!(e.describe(), "Every 90 minutes");
        assert!(e.warning().unwrap().contains("counts from when the CronJob is created"));
        assert_eq!(parse("@every 90s").unwrap().describe(), "Every 1 minute and 30 seconds");
        assert_eq!(parse("@every 24h").unwrap().describe(), "Every day");
        assert_eq!(parse("@every 1s").unwrap().describe(), "Every second");
        assert_eq!(parse("@every 1h0m5s").unwrap().describe(), "Every 1 hour and 5 seconds");
        // A fixed delay ignores daylight saving: an hour after 01:30 EST is 03:30 EDT at New York's spring-forward.
        assert_eq!(
            new_york("CRON_TZ=America/New_York @every 1h", "2026-03-08T06:30:00Z", 2),
            ["2026-03-08T03:30:00-04:00", "2026-03-08T04:30:00-04:00"]
        );
    }

    #[test]
    fn every_errors_point_at_the_fault() {
        // "@every Xm" (robfig's parser_test.go): no number.
        assert_eq!(
            refused("@every Xm"),
            (
                "expected a number in the duration, found \"X\" (write 1h30m, not 1h 30m)".into(),
                7,
                1
            )
        );
        assert_eq!(
            refused("@every 1h 30m"),
            ("unknown unit \"h \" in the duration; use ns, us (or µs), ms, s, m or h".into(), 8, 2)
        );
        let (message, at, len) = refused("@every 2d");
        assert!(message.contains("no days or weeks"), "{message}");
        assert_eq!((at, len), (8, 1));
        assert_eq!(
            refused("@every 90"),
            ("\"90\" needs a unit: ns, us (or µs), ms, s, m or h".into(), 7, 2)
        );
        assert_eq!(refused("@every 1h.m").0, "\".\" has no digits");
        assert_eq!(refused("@every 1h.m").1, 9);
        assert!(refused("@every").0.contains("needs a duration"));
        // Go's ParseDuration refuses the second space robfig passes it.
        assert_eq!(refused("@every  5m").1, 7);
        assert!(refused("@EVERY 5m").0.contains("lower case"));
        assert!(refused("@every 3000000h").0.contains("too long"));
        // Go's limit, 2^63-1 ns: robfig/cron v3 parses @every 2562047h47m16s and refuses one second more.
        let limit = "the duration is too long: a Go duration is at most 2562047h47m16.854775807s (2^63-1 nanoseconds, about 292 years)";
        for too_long in ["@every 2562047h47m17s", "@every 2562048h", "@every 23999999976h"] {
            assert_eq!(refused(too_long), (limit.to_owned(), 7, too_long.len() - 7), "{too_long}");
        }
        let longest = parse("@every 2562047h47m16s").unwrap();
        assert!(matches!(longest.plan(), Plan::Every(i) if i.seconds() == GO_DURATION_MAX_SECONDS));
        assert_eq!(
            refused("CRON_TZ=UTC @every 5x"),
            ("unknown unit \"x\" in the duration; use ns, us (or µs), ms, s, m or h".into(), 20, 1)
        );
    }

    /// The first `n` runs after `from` (RFC 3339), as RFC 3339 in New York.
    fn new_york(expr: &str, from: &str, n: usize) -> Vec<String> {
        runs_in(parse, chrono_tz::America::New_York, RFC_3339, expr, from, n)
    }

    // Source: robfig/cron v3 `spec_test.go`, `TestNext`, the America/New_York cases of 2012 (written there with
    // seconds, `TZ=America/New_York 0 0 2 * * ?`; here in the five fields a CronJob takes). robfig's
    // `SpecSchedule.Next` walks absolute time and tests the wall clock, so a time the spring-forward skips does
    // not run and a time the fall-back repeats runs on both passes, for every job: not cronie's rule.
    #[test]
    fn daylight_saving_follows_robfig() {
        assert_eq!(parse("0 2 * * *").unwrap().schedule().unwrap().dst_rule(), DstRule::WallClock);
        // "Daylight savings time 2am EST (-5) -> 3am EDT (-4)": 02:30 on 11 March does not exist that year.
        assert_eq!(
            new_york("CRON_TZ=America/New_York 30 2 11 3 *", "2012-03-11T00:00:00-05:00", 1),
            ["2013-03-11T02:30:00-04:00"]
        );
        // "hourly job": 01:00 EST, then 03:00 EDT.
        assert_eq!(
            new_york("CRON_TZ=America/New_York 0 * * * *", "2012-03-11T00:00:00-05:00", 3),
            ["2012-03-11T01:00:00-05:00", "2012-03-11T03:00:00-04:00", "2012-03-11T04:00:00-04:00"]
        );
        // "1am nightly job" and "2am nightly job (skipped)" (cronie would run it at 03:00).
        assert_eq!(
            new_york("CRON_TZ=America/New_York 0 1 * * *", "2012-03-11T01:00:00-05:00", 1),
            ["2012-03-12T01:00:00-04:00"]
        );
        assert_eq!(
            new_york("CRON_TZ=America/New_York 0 2 * * *", "2012-03-11T00:00:00-05:00", 1),
            ["2012-03-12T02:00:00-04:00"]
        );
        // "Daylight savings time 2am EDT (-4) => 1am EST (-5)": from 01:45 EDT, 01:30 comes again in EST.
        assert_eq!(
            new_york("CRON_TZ=America/New_York 30 1 4 11 *", "2012-11-04T01:45:00-04:00", 1),
            ["2012-11-04T01:30:00-05:00"]
        );
        assert_eq!(
            new_york("CRON_TZ=America/New_York 30 2 4 11 *", "2012-11-04T00:00:00-04:00", 1),
            ["2012-11-04T02:30:00-05:00"]
        );
        // "hourly job" at fall-back: 01:00 twice.
        assert_eq!(
            new_york("CRON_TZ=America/New_York 0 * * * *", "2012-11-04T00:00:00-04:00", 3),
            ["2012-11-04T01:00:00-04:00", "2012-11-04T01:00:00-05:00", "2012-11-04T02:00:00-05:00"]
        );
        // "1am nightly job (runs twice)" (cronie runs it once).
        assert_eq!(
            new_york("CRON_TZ=America/New_York 0 1 * * *", "2012-11-04T00:00:00-04:00", 3),
            ["2012-11-04T01:00:00-04:00", "2012-11-04T01:00:00-05:00", "2012-11-05T01:00:00-05:00"]
        );
        // "2am nightly job" and "3am nightly job": once each.
        assert_eq!(
            new_york("CRON_TZ=America/New_York 0 2 * * *", "2012-11-04T00:00:00-04:00", 2),
            ["2012-11-04T02:00:00-05:00", "2012-11-05T02:00:00-05:00"]
        );
        assert_eq!(
            new_york("CRON_TZ=America/New_York 0 3 * * *", "2012-11-04T00:00:00-04:00", 2),
            ["2012-11-04T03:00:00-05:00", "2012-11-05T03:00:00-05:00"]
        );
        // "Monthly job".
        assert_eq!(
            new_york("CRON_TZ=America/New_York 0 3 3 * *", "2012-11-04T00:00:00-04:00", 1),
            ["2012-12-03T03:00:00-05:00"]
        );
        // spec.timeZone (the zone asked for) follows the same rule: "1am nightly job (runs twice)".
        assert_eq!(
            new_york("0 1 * * *", "2012-11-04T00:00:00-04:00", 2),
            ["2012-11-04T01:00:00-04:00", "2012-11-04T01:00:00-05:00"]
        );
    }

    // Source: robfig/cron v3 `spec_test.go`, `TestNext`: "Test the scenario of DST resulting in midnight not being
    // a valid time" (robfig/cron issue 157), São Paulo 2018.
    #[test]
    fn a_missing_midnight_as_robfig_tests_it() {
        let e = parse("CRON_TZ=America/Sao_Paulo 0 9 10 * *").unwrap();
        let from =
            chrono::DateTime::parse_from_rfc3339("2018-10-17T05:00:00-04:00").unwrap().to_utc();
        let run = e.runs_after(from, chrono_tz::UTC, 1)[0];
        assert_eq!(run, chrono::DateTime::parse_from_rfc3339("2018-11-10T06:00:00-05:00").unwrap());
        let e = parse("CRON_TZ=America/Sao_Paulo 0 9 22 * *").unwrap();
        let from =
            chrono::DateTime::parse_from_rfc3339("2018-02-14T05:00:00-05:00").unwrap().to_utc();
        let run = e.runs_after(from, chrono_tz::UTC, 1)[0];
        assert_eq!(run, chrono::DateTime::parse_from_rfc3339("2018-02-22T07:00:00-05:00").unwrap());
    }
}
