//! `quartz`: Quartz's `CronExpression` and Spring's `@Scheduled(cron = …)`.
//!
//! Six or seven fields, `second minute hour day-of-month month day-of-week [year]`; weekdays `1`–`7` from Sunday
//! (`SUN`–`SAT`); `?` for "no specific value", which Quartz requires in exactly one of day-of-month and
//! day-of-week (Spring also accepts `*` there); `L`, `LW`, `15W` in day-of-month; `6L` and `6#3` in day-of-week;
//! ranges that wrap around (`22-2`, `FRI-MON`, `25-5/3`), which Quartz reads and Spring refuses (the answer warns);
//! a step after weekday or month names (`MON-FRI/2`), which the runs step as Spring does while Quartz 2.3.2 ignores
//! it (the answer warns, with the numbers Quartz steps: `2-6/2`);
//! Spring's macros `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight` and `@hourly` (at second
//! 0). Sources: the Quartz `CronExpression` Javadoc and tutorial "Lesson 6: CronTrigger"; Spring's
//! `CronExpression.parse` Javadoc.

use super::{Dialect, Expression, Plan, field_of, parse_fields, question_rule, rule, words};
use crate::field::FieldKind;
use crate::{DstRule, ParseError, Schedule};

const SIX: [FieldKind; 6] = [
    FieldKind::Second,
    FieldKind::Minute,
    FieldKind::Hour,
    FieldKind::DayOfMonth,
    FieldKind::Month,
    FieldKind::DayOfWeek,
];

/// Parses a Quartz or Spring cron expression.
pub fn parse(input: &str) -> Result<Expression, ParseError> {
    let trimmed = input.trim();
    let offset = input.len() - input.trim_start().len();
    if trimmed.starts_with('@') {
        if trimmed.eq_ignore_ascii_case("@reboot") {
            return Err(rule(
                "Spring has no @reboot; use @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly",
                None,
                offset..offset + trimmed.len(),
            ));
        }
        let schedule = Schedule::parse(input)?;
        return Ok(expression(schedule, Vec::new()));
    }
    let words = words(
        input,
        &[6, 7],
        "6 or 7 fields: second minute hour day-of-month month day-of-week [year]",
    )?;
    let mut kinds = SIX.to_vec();
    kinds.push(FieldKind::Year);
    // `L-3`: parsed here, as the Vixie parser refuses it.
    let offset_day = words.get(3).and_then(|(at, word)| {
        let digits = word.strip_prefix("L-").or_else(|| word.strip_prefix("l-"))?;
        Some((*at, *word, digits))
    });
    let mut words = words;
    if offset_day.is_some() {
        words[3].1 = "*";
    }
    let mut fields = parse_fields(&kinds, &words, Dialect::Quartz)?;
    if let Some((at, word, digits)) = offset_day {
        let offset =
            digits.parse::<u32>().ok().filter(|n| (1..=30).contains(n)).ok_or_else(|| {
                rule(
                    format!("\"{word}\" needs 1 to 30 days before the last: L-1 to L-30"),
                    Some(FieldKind::DayOfMonth),
                    at + 2..at + word.len(),
                )
            })?;
        let field = &mut fields[3];
        field.raw = word.to_owned();
        field.items = vec![(crate::parse::Item::LastDayOffset { offset }, at..at + word.len())];
        field.values = Vec::new();
    }
    refuse_quartz_limits(&fields)?;
    refuse_mixed_ranges(&fields)?;
    let mut cautions: Vec<String> =
        question_rule(&fields, Dialect::Quartz, "Quartz", words.len() == 6)?.into_iter().collect();
    cautions.extend(spring_wrap_cautions(&fields));
    cautions.extend(named_step_cautions(&fields));
    if !super::weekday_numbers(&fields[5].raw).is_empty()
        && !fields[5].raw.eq_ignore_ascii_case("L")
    {
        // Spring's `CronExpression` Javadoc: day-of-week "0-7 or MON-SUN" (0 and 7 Sunday), also with L and #.
        cautions.push(
            "Weekday numbers differ: Quartz reads 1–7 from Sunday (1 is Sunday), Spring's CronExpression 0–7 with 1 as Monday (0 and 7 are Sunday), so Spring runs this on other days; write names (SUN–SAT), which both read the same."
                .to_owned(),
        );
    }
    if fields[5].raw.eq_ignore_ascii_case("L") {
        // Spring's `QuartzCronField.parseDaysOfWeek` throws "No day-of-week before 'L'".
        cautions.push(
            "Spring's CronExpression refuses L alone in day-of-week (it wants a weekday before it, as in 6L); write SAT, which Quartz and Spring both read as Saturday."
                .to_owned(),
        );
    }
    let schedule = Schedule::from_parts(trimmed.to_owned(), None, fields, false)?;
    Ok(expression(schedule, cautions))
}

/// What Quartz 2.3.2's `CronExpression` refuses, or reads other than written, in a list of day items; each is
/// refused with Quartz's own limit. Sources: Quartz 2.3.2 `CronExpression.storeExpressionVals` and
/// `checkNext`/`getTimeAfter`, checked with Quartz 2.3.2 (Debian's libquartz2-java): `2#1,6#3` throws "Support
/// for specifying multiple "nth" days is not implemented", `1,L` and `LW,15` "Support for specifying 'L' and 'LW'
/// with other days of the month is not implemented", `2L,6L` and `2,L` "Support for specifying 'L' with other
/// days of the week is not implemented". `1W,15W` (and `1,15W`) parses but runs on the weekday nearest the first
/// day only (`getTimeAfter` applies W to `daysOfMonth.first()`), and `2#1,3` runs on `2#1` only: refused too, since
/// the runs would not be what was written (Spring's `CronExpression` runs every item of such lists).
fn refuse_quartz_limits(fields: &[crate::parse::Field]) -> Result<(), ParseError> {
    use crate::parse::Item;
    let Some(dom) = field_of(fields, FieldKind::DayOfMonth) else { return Ok(()) };
    let Some(dow) = field_of(fields, FieldKind::DayOfWeek) else { return Ok(()) };
    if dom.items.len() > 1 {
        let last = dom.items.iter().any(|(item, _)| {
            matches!(item, Item::LastDay | Item::LastWeekday | Item::LastDayOffset { .. })
        });
        if last {
            return Err(rule(
                "Quartz does not take L or LW with other days of the month (\"Support for specifying 'L' and 'LW' with other days of the month is not implemented\"); use L or LW alone",
                Some(FieldKind::DayOfMonth),
                dom.span(),
            ));
        }
        if let Some((Item::NearestWeekday { day }, _)) =
            dom.items.iter().find(|(item, _)| matches!(item, Item::NearestWeekday { .. }))
        {
            let first = dom
                .items
                .iter()
                .filter_map(|(item, _)| match item {
                    Item::NearestWeekday { day } | Item::Value { value: day } => Some(*day),
                    Item::Range { start, .. } => Some(*start),
                    _ => None,
                })
                .min()
                .unwrap_or(*day);
            return Err(rule(
                format!(
                    "Quartz takes W with one day only: for \"{}\" it runs on the weekday nearest the {first}{} alone (Spring runs every item); write one day with W, or a trigger for each",
                    dom.raw,
                    ordinal_suffix(first)
                ),
                Some(FieldKind::DayOfMonth),
                dom.span(),
            ));
        }
    }
    if dow.items.len() > 1 {
        let count = |f: fn(&Item) -> bool| dow.items.iter().filter(|(item, _)| f(item)).count();
        if count(|item| matches!(item, Item::Nth { .. })) > 1 {
            return Err(rule(
                "Quartz takes one nth weekday (#) in day-of-week (\"Support for specifying multiple \"nth\" days is not implemented\"); use a trigger for each",
                Some(FieldKind::DayOfWeek),
                dow.span(),
            ));
        }
        let l_alone = dow.raw.split(',').any(|item| item.eq_ignore_ascii_case("L"));
        if l_alone || count(|item| matches!(item, Item::LastOfMonth { .. })) > 0 {
            return Err(rule(
                "Quartz does not take L with other days of the week (\"Support for specifying 'L' with other days of the week is not implemented\"); use one last weekday (6L) alone",
                Some(FieldKind::DayOfWeek),
                dow.span(),
            ));
        }
        if let Some(nth) = dow.raw.split(',').find(|item| item.contains('#')) {
            return Err(rule(
                format!(
                    "Quartz runs only {nth} when # is listed with other days (it ignores the others; Spring runs every item); use {nth} alone, and another trigger for the other days"
                ),
                Some(FieldKind::DayOfWeek),
                dow.span(),
            ));
        }
    }
    Ok(())
}

/// A weekday or month range with a name at one end and a number at the other (`MON-5`, `2-FRI`, `JAN-3/2`) is
/// refused, as Quartz 2.3.2 refuses it: `CronExpression.storeExpressionVals` reads the end after a name as a
/// name (`MON-5/2`: "Invalid Day-of-Week value: '5/2'"), and a name after a number as a number (`2-FRI`: "For
/// input string: \"F\""). Checked with Quartz 2.3.2 (Debian's libquartz2-java). The error gives the range with
/// names at both ends, in Quartz's numbering (weekdays 1–7 from Sunday, months 1–12).
fn refuse_mixed_ranges(fields: &[crate::parse::Field]) -> Result<(), ParseError> {
    for NamedItem { field, names, span, text, .. } in named_items(fields) {
        let (range, step) = text.split_once('/').map_or((text, None), |(r, s)| (r, Some(s)));
        let Some((first, last)) = range.split_once('-') else { continue };
        let is_name = |end: &str| end.chars().all(|c| c.is_ascii_alphabetic());
        if is_name(first) == is_name(last) {
            continue;
        }
        let as_name = |end: &str| -> Option<String> {
            if is_name(end) {
                return Some(end.to_ascii_uppercase());
            }
            let number: usize = end.parse().ok()?;
            names.get(number.checked_sub(1)?).map(|name| name.to_ascii_uppercase())
        };
        let suggestion = match (as_name(first), as_name(last)) {
            (Some(first), Some(last)) => {
                let step = step.map(|step| format!("/{step}")).unwrap_or_default();
                format!("; write {first}-{last}{step}, names at both ends")
            }
            _ => String::new(),
        };
        return Err(rule(
            format!(
                "Quartz refuses the {} range \"{range}\", which mixes a name and a number (it reads the end after a name as a name, and after a number as a number){suggestion}",
                field.kind
            ),
            Some(field.kind),
            span.clone(),
        ));
    }
    Ok(())
}

/// An item of the weekday or month field, with the names of that field's values, which Quartz numbers from 1 in
/// this order (SUN = 1, JAN = 1), and the item's text as written.
struct NamedItem<'a> {
    field: &'a crate::parse::Field,
    names: &'static [&'static str],
    item: &'a crate::parse::Item,
    span: &'a std::ops::Range<usize>,
    text: &'a str,
}

/// Every item of the weekday and month fields, the fields where names stand for numbers.
fn named_items(fields: &[crate::parse::Field]) -> impl Iterator<Item = NamedItem<'_>> {
    let named = fields.iter().filter_map(|field| Some((field, field.kind.names()?.0)));
    named.flat_map(|(field, names)| {
        field.items.iter().map(move |(item, span)| {
            let offset = field.span.start;
            let text = field.raw.get(span.start - offset..span.end - offset).unwrap_or_default();
            NamedItem { field, names, item, span, text }
        })
    })
}

/// A caution for each range that wraps around (`22-2`, `FRI-MON`, `25-5/3`), which Quartz reads
/// ([`crate::Item::Range`]) and Spring's `CronExpression` refuses (`BitsCronField.parseRange` calls
/// `ValueRange.of(min, max)`, which throws when the minimum is above the maximum), with the list both read alike.
fn spring_wrap_cautions(fields: &[crate::parse::Field]) -> Vec<String> {
    use crate::parse::Item;
    let mut cautions = Vec::new();
    for field in fields {
        for (item, span) in &field.items {
            let Item::Range { start, end, step } = *item else { continue };
            if start <= end {
                continue;
            }
            let offset = field.span.start;
            let text = field.raw.get(span.start - offset..span.end - offset).unwrap_or_default();
            let list = wrapped_as_list(field.kind, text, (start, end, step));
            cautions.push(format!(
                "Spring's CronExpression refuses the {} range \"{text}\", which wraps around (Quartz reads it); write {list}, which Quartz and Spring both read the same.",
                field.kind
            ));
        }
    }
    cautions
}

/// A caution for each weekday or month item written with names and a step (`MON-FRI/2`, `MON/2`, `JAN-MAR/2`),
/// which the runs read stepped, as Spring's `CronExpression` does, and Quartz 2.3.2 does not: its
/// `CronExpression.storeExpressionVals` reads a name, and after `-` a second one, then calls `addToSet` with an
/// increment of 1 for a range (0 for one name) and returns past the names, so the `/step` is never read. Checked
/// with Quartz 2.3.2 (Debian's libquartz2-java): `0 0 12 ? * MON-FRI/2` runs every weekday Monday through Friday,
/// `MON/2` on Mondays only, `FRI-MON/2` Friday through Monday, `JAN-MAR/2` in January, February and March, while
/// the numbers `2-6/2`, `2/2` and `1-3/2` step. The caution gives that numeric form (weekdays 1–7 from Sunday, as
/// Quartz numbers them). A range with a step of 1 reads the same either way and gets none; a name and a number
/// mixed (`MON-5/2`, `2-FRI/2`) are refused before ([`refuse_mixed_ranges`]).
fn named_step_cautions(fields: &[crate::parse::Field]) -> Vec<String> {
    use crate::parse::Item;
    let mut cautions = Vec::new();
    for NamedItem { field, names, item, text, .. } in named_items(fields) {
        let Item::Range { step, .. } = *item else { continue };
        let Some((base, step_text)) = text.split_once('/') else { continue };
        let number = |name: &str| {
            names.iter().position(|n| n.eq_ignore_ascii_case(name)).map(|i| (i + 1).to_string())
        };
        let ends: Vec<&str> = base.split('-').collect();
        let Some(numbers) = ends.iter().map(|end| number(end)).collect::<Option<Vec<_>>>() else {
            continue;
        };
        let (on, every) = match field.kind {
            FieldKind::DayOfWeek => ("on", "day"),
            _ => ("in", "month"),
        };
        let quartz_runs = match ends.as_slice() {
            [_, _] if step == 1 => continue,
            [first, last] => format!("{on} every {every} from {first} through {last}"),
            [one] => format!("{on} {one} alone"),
            _ => continue,
        };
        cautions.push(format!(
            "Quartz 2.3.2 ignores a step after names: it runs the {} \"{text}\" {quartz_runs}, not stepped as listed here (Spring steps it); write {}/{step_text}, which Quartz steps too{}.",
            field.kind,
            numbers.join("-"),
            if field.kind == FieldKind::DayOfWeek {
                " (it numbers weekdays 1–7 from Sunday)"
            } else {
                ""
            },
        ));
    }
    cautions
}

/// A range that wraps around as the list Quartz reads it as, in two parts: up to the field's largest value and on
/// from its smallest, the step counting on across the wrap as in Quartz (`22-2` is `22-23,0-2`, `22-2/2`
/// `22,0-2/2`, `25-5/3` `25-31/3,3`). Weekdays are named (Spring numbers them from Monday, Quartz from Sunday),
/// months as written; in lower case when `text` is.
fn wrapped_as_list(kind: FieldKind, text: &str, (start, end, step): (u32, u32, u32)) -> String {
    let (low, high) = (kind.min(), kind.max_normalised());
    let step = step.max(1);
    let cycle = high - low + 1;
    let lower = text.bytes().any(|b| b.is_ascii_lowercase());
    let named = kind == FieldKind::DayOfWeek
        || (kind == FieldKind::Month && text.bytes().any(|b| b.is_ascii_alphabetic()));
    let value = |v: u32| match kind.names() {
        Some((names, first)) if named => {
            let name = names.get((v - first) as usize % names.len()).copied().unwrap_or_default();
            if lower { name.to_ascii_lowercase() } else { name.to_owned() }
        }
        _ => v.to_string(),
    };
    let part = |from: u32, to: u32| match (from == to, step) {
        (true, _) => value(from),
        (false, 1) => format!("{}-{}", value(from), value(to)),
        (false, _) => format!("{}-{}/{step}", value(from), value(to)),
    };
    let first_last = start + (high - start) / step * step;
    let second = first_last + step - cycle;
    if second > end {
        return part(start, first_last);
    }
    let second_last = second + (end - second) / step * step;
    format!("{},{}", part(start, first_last), part(second, second_last))
}

fn ordinal_suffix(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// Quartz's daylight-saving rule ([`DstRule::Quartz`]): a time the spring-forward skips does not run, and a time
/// the fall-back repeats runs once, on its second (standard-time) pass, as Quartz 2.3.2's `getTimeAfter` does.
/// Spring's `CronExpression` also skips the gap (its `CronExpressionTests.daylightSaving`: `0 10 2 * * *` from
/// 2013-03-31 01:09 in Amsterdam next runs on 1 April), but it steps a `ZonedDateTime`, which keeps the earlier
/// offset in an overlap, so it reaches a repeated time on the first pass; no Spring test pins that case.
fn expression(schedule: Schedule, cautions: Vec<String>) -> Expression {
    Expression {
        dialect: Dialect::Quartz,
        source: schedule.source().to_owned(),
        plan: Plan::Cron(schedule.with_dst_rule(DstRule::Quartz)),
        zone: None,
        cautions,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{RFC_3339, runs_in};
    use super::*;

    fn runs(expr: &str, from: &str, n: usize) -> Vec<String> {
        runs_in(parse, chrono_tz::UTC, "%Y-%m-%d %H:%M:%S", expr, from, n)
    }

    fn refused(expr: &str) -> (String, usize, usize) {
        super::super::test_support::refused_with(parse, expr)
    }

    // Source: Quartz tutorial "Lesson 6: CronTrigger", the example expressions table.
    #[test]
    fn the_quartz_tutorial_examples() {
        let cases = [
            (
                "0 0 12 * * ?",
                "2026-01-01T00:00:00Z",
                ["2026-01-01 12:00:00", "2026-01-02 12:00:00"],
            ),
            (
                "0 15 10 ? * *",
                "2026-01-01T00:00:00Z",
                ["2026-01-01 10:15:00", "2026-01-02 10:15:00"],
            ),
            (
                "0 15 10 * * ? 2027",
                "2026-01-01T00:00:00Z",
                ["2027-01-01 10:15:00", "2027-01-02 10:15:00"],
            ),
            (
                "0 0/5 14 * * ?",
                "2026-01-01T00:00:00Z",
                ["2026-01-01 14:00:00", "2026-01-01 14:05:00"],
            ),
            (
                "0 10,44 14 ? 3 WED",
                "2026-01-01T00:00:00Z",
                ["2026-03-04 14:10:00", "2026-03-04 14:44:00"],
            ),
            (
                "0 15 10 ? * MON-FRI",
                "2026-01-02T12:00:00Z",
                ["2026-01-05 10:15:00", "2026-01-06 10:15:00"],
            ),
            (
                "0 15 10 15 * ?",
                "2026-01-01T00:00:00Z",
                ["2026-01-15 10:15:00", "2026-02-15 10:15:00"],
            ),
            (
                "0 15 10 L * ?",
                "2026-01-01T00:00:00Z",
                ["2026-01-31 10:15:00", "2026-02-28 10:15:00"],
            ),
            (
                "0 15 10 ? * 6L",
                "2026-01-01T00:00:00Z",
                ["2026-01-30 10:15:00", "2026-02-27 10:15:00"],
            ),
            (
                "0 15 10 ? * 6#3",
                "2026-01-01T00:00:00Z",
                ["2026-01-16 10:15:00", "2026-02-20 10:15:00"],
            ),
            (
                "0 0 12 1/5 * ?",
                "2026-01-01T13:00:00Z",
                ["2026-01-06 12:00:00", "2026-01-11 12:00:00"],
            ),
            (
                "0 11 11 11 11 ?",
                "2026-01-01T00:00:00Z",
                ["2026-11-11 11:11:00", "2027-11-11 11:11:00"],
            ),
        ];
        for (expr, from, expected) in cases {
            assert_eq!(runs(expr, from, 2), expected, "{expr}");
        }
    }

    // Source: Quartz CronExpressionTest (testIsSatisfiedBy, testLastDayOffset's neighbours, testQuestionMark...).
    #[test]
    fn quartz_test_suite_cases() {
        // "0 15 10 * * ? 2005" is satisfied by 2005-06-01 10:15:00.
        assert_eq!(runs("0 15 10 * * ? 2005", "2005-06-01T10:14:00Z", 1), ["2005-06-01 10:15:00"]);
        // testQuestionMarkInDoW/DoM: "?" in both is refused.
        assert!(refused("0 0 * ? * ?").0.contains("not both"));
        // testFridayWeekdays: "0 0 0 ? * FRI" every Friday.
        assert_eq!(runs("0 0 0 ? * FRI", "2026-01-01T00:00:00Z", 1), ["2026-01-02 00:00:00"]);
        // "W" nearest weekday: 2026-02-01 is a Sunday, 1W is Monday 2nd.
        assert_eq!(runs("0 0 0 1W * ?", "2026-01-20T00:00:00Z", 1), ["2026-02-02 00:00:00"]);
        // LW: last weekday of May 2026 (31st is a Sunday) is Friday 29th.
        assert_eq!(runs("0 0 0 LW 5 ?", "2026-01-01T00:00:00Z", 1), ["2026-05-29 00:00:00"]);
    }

    // Source: Spring Framework CronExpressionTests (weekday numbering, macros, 6 fields with * in both day fields).
    #[test]
    fn spring_forms() {
        assert_eq!(runs("@hourly", "2026-01-01T00:30:00Z", 1), ["2026-01-01 01:00:00"]);
        assert_eq!(runs("0 0 0 * * *", "2026-01-01T00:30:00Z", 1), ["2026-01-02 00:00:00"]);
        assert!(parse("0 0 0 * * *").unwrap().warning().unwrap().contains("Spring"));
        // Quartz numbers weekdays from 1 = Sunday: 2 is Monday.
        assert_eq!(runs("0 0 9 ? * 2", "2026-01-01T00:00:00Z", 1), ["2026-01-05 09:00:00"]);
        // 2/2: Monday, Wednesday, Friday (Saturday is the end, 7), not Sunday.
        let e = parse("0 0 9 ? * 2/2").unwrap();
        assert_eq!(e.schedule().unwrap().fields()[5].values(), [1, 3, 5]);
        assert_eq!(e.schedule().unwrap().fields()[5].raw(), "2/2");
        // A leading zero keeps the numbering: 01 is Sunday.
        assert_eq!(parse("0 0 9 ? * 01").unwrap().schedule().unwrap().fields()[5].values(), [0]);
    }

    // Source: Quartz CronExpression Javadoc ("L-3 ... the third to last day of the calendar month") and
    // CronExpressionTest.testLastDayOffset ("0 15 10 L-2 * ? 2010": 2010-10-29 10:15).
    #[test]
    fn last_day_offsets() {
        assert_eq!(
            runs("0 15 10 L-2 * ? 2010", "2010-10-01T00:00:00Z", 2),
            ["2010-10-29 10:15:00", "2010-11-28 10:15:00"]
        );
        assert_eq!(
            runs("0 0 0 L-3 * ?", "2026-02-01T00:00:00Z", 2),
            ["2026-02-25 00:00:00", "2026-03-28 00:00:00"]
        );
        assert_eq!(
            parse("0 0 0 L-1 * ?").unwrap().describe(),
            "At 00:00:00 on the day before the last day of the month"
        );
        assert_eq!(refused("0 0 0 L-31 * ?").1, 8);
        assert!(refused("0 0 0 L-3 * MON").0.contains("cannot combine"));
    }

    #[test]
    fn errors_name_the_field_and_position() {
        assert_eq!(
            refused("0 0 12 ? * 0"),
            ("day-of-week: 0 is out of range 1–7 or SUN–SAT".into(), 11, 1)
        );
        assert_eq!(refused("0 0 12 ? * 1-8").1, 13);
        let (message, at, len) = refused("0 0 12 1 * MON");
        assert!(message.starts_with("day-of-week: Quartz cannot combine"), "{message}");
        assert_eq!((at, len), (11, 3));
        assert!(refused("0 12 * * ?").0.starts_with("expected 6 or 7 fields"));
        assert_eq!(refused("0 60 12 * * ?").0, "minute: 60 is out of range 0–59");
        assert!(refused("@reboot").0.contains("no @reboot"));
    }

    /// `L` alone in day-of-week is Saturday, the last day of the week: Quartz tutorial, "Lesson 6: CronTrigger"
    /// ("if used in the day-of-week field by itself, it simply means "7" or "SAT""); Quartz 2.3.2 runs
    /// `0 0 12 ? * L` on 2024-01-06, 01-13, 01-20. Spring refuses it, and the warning says so.
    #[test]
    fn l_alone_in_day_of_week_is_saturday() {
        let saturdays = ["2024-01-06 12:00:00", "2024-01-13 12:00:00", "2024-01-20 12:00:00"];
        assert_eq!(runs("0 0 12 ? * L", "2024-01-01T00:00:00Z", 3), saturdays);
        assert_eq!(runs("0 0 12 ? * l", "2024-01-01T00:00:00Z", 3), saturdays);
        let e = parse("0 0 12 ? * L").unwrap();
        assert_eq!(e.describe(), "At 12:00:00 on Saturday (L: the last day of the week)");
        assert_eq!(e.schedule().unwrap().fields()[5].raw(), "L");
        assert!(e.warning().unwrap().contains("Spring's CronExpression refuses L alone"));
        let from = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap().to_utc();
        let vixie = super::super::translate::translate(&e, chrono_tz::UTC, from)
            .into_iter()
            .find(|t| t.dialect == "vixie")
            .unwrap();
        assert_eq!(vixie.expression.as_deref(), Some("0 12 * * SAT"));
        assert!(vixie.check.unwrap().same);
    }

    /// What Quartz 2.3.2 refuses in a list of day items is refused with its limit, and what it parses but runs
    /// otherwise (`1W,15W` runs 1W only, `2#1,3` runs 2#1 only) too. Checked with Quartz 2.3.2.
    #[test]
    fn day_lists_quartz_does_not_implement_are_refused() {
        let cases = [
            ("0 0 12 ? * 2#1,6#3", 11, 7, "multiple \"nth\" days is not implemented"),
            (
                "0 0 12 1,L * ?",
                7,
                3,
                "'L' and 'LW' with other days of the month is not implemented",
            ),
            ("0 0 12 L,15 * ?", 7, 4, "'L' and 'LW' with other days of the month"),
            ("0 0 12 LW,15 * ?", 7, 5, "'L' and 'LW' with other days of the month"),
            ("0 0 12 ? * 2L,6L", 11, 5, "'L' with other days of the week is not implemented"),
            ("0 0 12 ? * 2,L", 11, 3, "'L' with other days of the week"),
            ("0 0 12 1W,15W * ?", 7, 6, "runs on the weekday nearest the 1st alone"),
            ("0 0 12 1,15W * ?", 7, 5, "runs on the weekday nearest the 1st alone"),
            ("0 0 12 ? * 2#1,3", 11, 5, "Quartz runs only 2#1"),
            ("0 0 12 ? * MON-5", 11, 5, "range \"MON-5\", which mixes a name and a number"),
            ("0 0 12 ? * MON-5/2", 11, 7, "write MON-THU/2, names at both ends"),
            ("0 0 12 ? * 2-FRI", 11, 5, "write MON-FRI, names at both ends"),
            ("0 0 12 ? JAN-3 *", 9, 5, "month range \"JAN-3\""),
            ("0 0 12 ? 1-MAR/2 *", 9, 7, "write JAN-MAR/2"),
        ];
        for (expr, at, len, says) in cases {
            let (message, position, length) = refused(expr);
            assert!(message.contains(says), "{expr}: {message}");
            assert_eq!((position, length), (at, len), "{expr}");
        }
        // One item of each stays accepted.
        for expr in
            ["0 0 12 L * ?", "0 0 12 15W * ?", "0 0 12 ? * 6L", "0 0 12 ? * 2#1", "0 0 12 1,15 * ?"]
        {
            assert!(parse(expr).is_ok(), "{expr}");
        }
    }

    /// A weekday number means another day in Spring (1 = Monday) than in Quartz (1 = Sunday): the answer says so
    /// and suggests names. Sources: Quartz `CronExpression` Javadoc (1–7 or SUN–SAT); Spring `CronExpression`
    /// Javadoc (0–7 or MON–SUN, 0 and 7 Sunday).
    #[test]
    fn numeric_weekdays_warn_about_spring() {
        let warning = parse("0 0 12 ? * 1").unwrap().warning().unwrap();
        assert!(warning.contains("Spring's CronExpression 0–7 with 1 as Monday"), "{warning}");
        assert!(warning.contains("write names (SUN–SAT)"), "{warning}");
        assert!(
            parse("0 0 12 ? * 6#3").unwrap().warning().unwrap().contains("Weekday numbers differ")
        );
        for named in [
            "0 0 12 ? * SUN",
            "0 0 12 ? * MON#2",
            "0 0 12 ? * *",
            "0 0 12 1 * ?",
            "0 0 12 ? * MON/2",
        ] {
            let warning = parse(named).unwrap().warning();
            assert!(!warning.unwrap_or_default().contains("Weekday numbers"), "{named}");
        }
    }

    /// An unknown name's message gives Quartz's weekday range, 1–7 (Quartz `CronExpression` Javadoc), not 0–7.
    /// Quartz 2.3.2 reads no step after names (`CronExpression.storeExpressionVals`), checked with Quartz 2.3.2
    /// (Debian's libquartz2-java) from 2024-01-01: `MON-FRI/2` runs Mon–Fri, `MON/2` Mondays, `FRI-MON/2` Fri–Mon,
    /// `JAN-MAR/2` Jan–Mar, `JAN/2` January; `2-6/2`, `2/2`, `6-2/2`, `1-3/2`, `1/2` step. The runs keep Spring's
    /// stepped reading; the warning says what Quartz does and gives the numbers Quartz steps.
    #[test]
    fn a_step_after_names_warns_that_quartz_ignores_it() {
        for (expr, written, quartz, numbers) in [
            (
                "0 0 12 ? * MON-FRI/2",
                "day-of-week \"MON-FRI/2\"",
                "on every day from MON through FRI",
                "2-6/2",
            ),
            ("0 0 12 ? * MON/2", "day-of-week \"MON/2\"", "on MON alone", "2/2"),
            (
                "0 0 12 ? * mon-fri/2",
                "day-of-week \"mon-fri/2\"",
                "on every day from mon through fri",
                "2-6/2",
            ),
            (
                "0 0 12 ? * FRI-MON/2",
                "day-of-week \"FRI-MON/2\"",
                "on every day from FRI through MON",
                "6-2/2",
            ),
            ("0 0 12 ? * SAT,MON/1", "day-of-week \"MON/1\"", "on MON alone", "2/1"),
            (
                "0 0 12 1 JAN-MAR/2 ?",
                "month \"JAN-MAR/2\"",
                "in every month from JAN through MAR",
                "1-3/2",
            ),
            ("0 0 12 1 JAN/2 ?", "month \"JAN/2\"", "in JAN alone", "1/2"),
        ] {
            let warning = parse(expr).unwrap().warning().unwrap_or_default();
            let said = format!(
                "Quartz 2.3.2 ignores a step after names: it runs the {written} {quartz}, not stepped as listed here (Spring steps it); write {numbers}, which Quartz steps too"
            );
            assert!(warning.contains(&said), "{expr}: {warning}");
            assert_eq!(
                warning.contains("(it numbers weekdays 1–7 from Sunday)"),
                written.starts_with("day-of-week"),
                "{expr}: {warning}"
            );
        }
        // The runs stay stepped (Spring's reading), and the numeric form runs the same.
        let from = "2024-01-01T00:00:00Z";
        assert_eq!(runs("0 0 12 ? * MON-FRI/2", from, 4), runs("0 0 12 ? * 2-6/2", from, 4));
        assert_eq!(runs("0 0 12 ? * MON/2", from, 4), runs("0 0 12 ? * 2/2", from, 4));
        assert_eq!(runs("0 0 12 1 JAN-MAR/2 ?", from, 3), runs("0 0 12 1 1-3/2 ?", from, 3));
        assert_eq!(
            runs("0 0 12 ? * MON-FRI/2", from, 3),
            ["2024-01-01 12:00:00", "2024-01-03 12:00:00", "2024-01-05 12:00:00"]
        );
        // Numbers, a plain range of names, a step of 1 after a range and names without a step: no such warning.
        for expr in [
            "0 0 12 ? * 2-6/2",
            "0 0 12 ? * MON-FRI",
            "0 0 12 ? * MON-FRI/1",
            "0 0 12 ? * MON,WED",
            "0 0 12 1 1-3/2 ?",
            "0 0/5 * * * ?",
        ] {
            let warning = parse(expr).unwrap().warning().unwrap_or_default();
            assert!(!warning.contains("step after names"), "{expr}: {warning}");
        }
    }

    #[test]
    fn an_unknown_weekday_name_gives_quartzs_range() {
        assert_eq!(
            refused("0 0 12 ? * L-2"),
            ("day-of-week: unknown name \"L\" (use 1–7 or SUN–SAT)".into(), 11, 1)
        );
        assert_eq!(
            refused("0 0 12 ? * MOX").0,
            "day-of-week: unknown name \"MOX\" (use 1–7 or SUN–SAT)"
        );
        let k8s = super::super::kubernetes::parse("0 0 * * MOX").unwrap_err();
        assert_eq!(k8s.to_string(), "day-of-week: unknown name \"MOX\" (use 0–6 or SUN–SAT)");
    }

    // Source: Spring Framework `CronExpressionTests.daylightSaving` (Europe/Amsterdam): a daily 09:00 keeps its wall
    // clock across both changes, and `0 10 2 * * *` from 2013-03-31T01:09+01:00 next runs 2013-04-01T02:10+02:00,
    // skipping the 02:10 that the spring-forward removed (cronie would run it at 03:00).
    #[test]
    fn daylight_saving_follows_spring() {
        let e = parse("0 10 2 * * *").unwrap();
        assert_eq!(e.schedule().unwrap().dst_rule(), DstRule::Quartz);
        let amsterdam = |expr: &str, from: &str, n: usize| {
            runs_in(parse, chrono_tz::Europe::Amsterdam, RFC_3339, expr, from, n)
        };
        assert_eq!(
            amsterdam("0 10 2 * * *", "2013-03-31T01:09:00+01:00", 1),
            ["2013-04-01T02:10:00+02:00"]
        );
        assert_eq!(
            amsterdam("0 0 9 * * *", "2021-03-27T09:00:00+01:00", 1),
            ["2021-03-28T09:00:00+02:00"]
        );
        assert_eq!(
            amsterdam("0 0 9 * * *", "2021-10-30T09:00:00+02:00", 1),
            ["2021-10-31T09:00:00+01:00"]
        );
        // The repeated hour: reached once, on the second (standard-time) pass, as Quartz 2.3.2 runs it.
        assert_eq!(
            amsterdam("0 30 2 * * ?", "2021-10-31T00:00:00+02:00", 2),
            ["2021-10-31T02:30:00+01:00", "2021-11-01T02:30:00+01:00"]
        );
    }

    /// Quartz 2.3.2 (Debian's libquartz2-java, `CronExpression.getTimeAfter` with the trigger's zone) in
    /// Europe/Berlin at the fall-back of 2024-10-27, when 02:00–02:59 comes twice: the repeated times run once, on
    /// the second pass, and the spring-forward's skipped 02:30 of 2024-03-31 does not run.
    #[test]
    fn daylight_saving_follows_quartz() {
        let berlin = |expr: &str, from: &str, n: usize| {
            runs_in(parse, chrono_tz::Europe::Berlin, RFC_3339, expr, from, n)
                .into_iter()
                .map(|t| {
                    chrono::DateTime::parse_from_rfc3339(&t)
                        .unwrap()
                        .to_utc()
                        .format("%m-%dT%H:%MZ")
                        .to_string()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            berlin("0 0/30 * * * ?", "2024-10-26T23:00:00Z", 4),
            ["10-26T23:30Z", "10-27T01:00Z", "10-27T01:30Z", "10-27T02:00Z"]
        );
        assert_eq!(
            berlin("0 30 2 * * ?", "2024-10-26T22:00:00Z", 2),
            ["10-27T01:30Z", "10-28T01:30Z"]
        );
        assert_eq!(
            berlin("0 0/20 2 * * ?", "2024-10-26T22:00:00Z", 4),
            ["10-27T01:00Z", "10-27T01:20Z", "10-27T01:40Z", "10-28T01:00Z"]
        );
        assert_eq!(berlin("0 30 2 * * ?", "2024-03-30T22:00:00Z", 1), ["04-01T00:30Z"]);
        assert_eq!(
            berlin("0 0 2,3 * * ?", "2024-03-30T22:00:00Z", 2),
            ["03-31T01:00Z", "04-01T00:00Z"]
        );
        // From the first pass, the rest of the repeated hour is not run again (New York, 01:45 EDT).
        let new_york = runs_in(
            parse,
            chrono_tz::America::New_York,
            RFC_3339,
            "0 0/30 1 * * ?",
            "2026-11-01T05:45:00Z",
            1,
        );
        assert_eq!(new_york, ["2026-11-02T01:00:00-05:00"]);
    }

    /// Ranges that wrap around, as Quartz 2.3.2 (Debian's libquartz2-java, `CronExpression.getNextValidTimeAfter`
    /// in UTC) runs them: past the field's largest value to its smallest, the step counting on across the wrap
    /// with a cycle of 31 in day-of-month whatever the month's length (`25-5/3` is 25, 28, 31, 3; `28-2/2` is 28,
    /// 30, 1, so February runs on the 28th and the 1st only). Year ranges do not wrap (Quartz: "Start year must
    /// be less than stop year").
    #[test]
    fn wrap_around_ranges_run_as_quartz_runs_them() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "0 0 12 ? * FRI-MON",
                "2024-01-01T00:00:00Z",
                &["01-01 12:00", "01-05 12:00", "01-06 12:00", "01-07 12:00", "01-08 12:00"],
            ),
            (
                "0 0 12 ? * 6-2",
                "2024-01-01T00:00:00Z",
                &["01-01 12:00", "01-05 12:00", "01-06 12:00", "01-07 12:00", "01-08 12:00"],
            ),
            (
                "0 0 12 ? * 6-2/2",
                "2024-01-01T00:00:00Z",
                &["01-05 12:00", "01-07 12:00", "01-12 12:00", "01-14 12:00"],
            ),
            (
                "0 0 12 ? * 6-2/3",
                "2024-01-01T00:00:00Z",
                &["01-01 12:00", "01-05 12:00", "01-08 12:00", "01-12 12:00"],
            ),
            (
                "0 0 12 ? * 7-1",
                "2024-01-01T00:00:00Z",
                &["01-06 12:00", "01-07 12:00", "01-13 12:00", "01-14 12:00"],
            ),
            (
                "0 0 22-2 * * ?",
                "2024-01-01T00:00:00Z",
                &["01-01 01:00", "01-01 02:00", "01-01 22:00", "01-01 23:00", "01-02 00:00"],
            ),
            (
                "0 0 22-2/2 * * ?",
                "2024-01-01T00:00:00Z",
                &["01-01 02:00", "01-01 22:00", "01-02 00:00", "01-02 02:00", "01-02 22:00"],
            ),
            (
                "0 0 23-0 * * ?",
                "2024-01-01T00:00:00Z",
                &["01-01 23:00", "01-02 00:00", "01-02 23:00"],
            ),
            (
                "0 0 22-0/5 * * ?",
                "2024-01-01T00:00:00Z",
                &["01-01 22:00", "01-02 22:00", "01-03 22:00"],
            ),
            (
                "0 0 12 ? NOV-FEB *",
                "2024-02-28T00:00:00Z",
                &["02-28 12:00", "02-29 12:00", "11-01 12:00", "11-02 12:00"],
            ),
            (
                "0 0 12 ? 11-2/2 *",
                "2024-01-30T00:00:00Z",
                &["01-30 12:00", "01-31 12:00", "11-01 12:00", "11-02 12:00"],
            ),
            (
                "0 0 12 ? DEC-JAN *",
                "2024-01-30T00:00:00Z",
                &["01-30 12:00", "01-31 12:00", "12-01 12:00", "12-02 12:00"],
            ),
            (
                "0 0 12 25-5 * ?",
                "2024-02-04T00:00:00Z",
                &["02-04 12:00", "02-05 12:00", "02-25 12:00", "02-26 12:00", "02-27 12:00"],
            ),
            (
                "0 0 12 25-5/3 * ?",
                "2024-01-01T00:00:00Z",
                &[
                    "01-03 12:00",
                    "01-25 12:00",
                    "01-28 12:00",
                    "01-31 12:00",
                    "02-03 12:00",
                    "02-25 12:00",
                    "02-28 12:00",
                    "03-03 12:00",
                ],
            ),
            (
                "0 0 12 28-2/2 * ?",
                "2024-01-01T00:00:00Z",
                &[
                    "01-01 12:00",
                    "01-28 12:00",
                    "01-30 12:00",
                    "02-01 12:00",
                    "02-28 12:00",
                    "03-01 12:00",
                ],
            ),
            (
                "0 50-10 * * * ?",
                "2024-01-01T00:09:00Z",
                &["01-01 00:10", "01-01 00:50", "01-01 00:51", "01-01 00:52"],
            ),
            (
                "0 50-10/15 * * * ?",
                "2024-01-01T00:00:00Z",
                &["01-01 00:05", "01-01 00:50", "01-01 01:05", "01-01 01:50"],
            ),
        ];
        for (expr, from, expected) in cases {
            let got = runs_in(parse, chrono_tz::UTC, "%m-%d %H:%M", expr, from, expected.len());
            assert_eq!(got, *expected, "{expr}");
        }
        let seconds = runs_in(
            parse,
            chrono_tz::UTC,
            "%H:%M:%S",
            "50-10/20 * * * * ?",
            "2024-01-01T00:00:00Z",
            4,
        );
        assert_eq!(seconds, ["00:00:10", "00:00:50", "00:01:10", "00:01:50"]);
        let (message, at, len) = refused("0 0 12 * * ? 2030-2027");
        assert!(message.contains("years do not wrap around"), "{message}");
        assert_eq!((at, len), (13, 9));
    }

    /// A wrap-around range keeps its item and span, reads as a range from its start through its end, and warns
    /// that Spring's `CronExpression` refuses it (`BitsCronField.parseRange`: `ValueRange.of(min, max)` throws
    /// when min > max), giving the list both read alike: weekdays by name, a step counting on across the wrap.
    #[test]
    fn wrap_around_ranges_describe_and_warn_about_spring() {
        let e = parse("0 0 22-2 * * ?").unwrap();
        let hour = &e.schedule().unwrap().fields()[2];
        assert_eq!(hour.items, [(crate::Item::Range { start: 22, end: 2, step: 1 }, 4..8)]);
        assert_eq!(hour.values(), [0, 1, 2, 22, 23]);
        assert_eq!(e.describe(), "At minute 0 past every hour from 22 through 2");
        let cases = [
            ("0 0 22-2 * * ?", "At minute 0 past every hour from 22 through 2", "22-23,0-2"),
            ("0 0 22-2/2 * * ?", "At minute 0 past hour 22, 0, and 2", "22,0-2/2"),
            (
                "0 0 12 ? * FRI-MON",
                "At 12:00:00 on every day-of-week from Friday through Monday",
                "FRI-SAT,SUN-MON",
            ),
            (
                "0 0 12 ? * fri-mon",
                "At 12:00:00 on every day-of-week from Friday through Monday",
                "fri-sat,sun-mon",
            ),
            (
                "0 0 12 ? * 6-2",
                "At 12:00:00 on every day-of-week from Friday through Monday",
                "FRI-SAT,SUN-MON",
            ),
            ("0 0 12 ? * 6-2/2", "At 12:00:00 on Friday and Sunday", "FRI,SUN"),
            (
                "0 0 12 ? NOV-FEB *",
                "At 12:00:00 in every month from November through February",
                "NOV-DEC,JAN-FEB",
            ),
            (
                "0 0 12 ? 11-2 *",
                "At 12:00:00 in every month from November through February",
                "11-12,1-2",
            ),
            ("0 0 12 25-5 * ?", "At 12:00:00 on every day-of-month from 25 through 5", "25-31,1-5"),
            ("0 0 12 25-5/3 * ?", "At 12:00:00 on day-of-month 25, 28, 31, and 3", "25-31/3,3"),
            ("0 50-10 * * * ?", "At every minute from 50 through 10", "50-59,0-10"),
            ("0 0 22-0/5 * * ?", "At minute 0 past hour 22", "22"),
        ];
        for (expr, description, list) in cases {
            let e = parse(expr).unwrap();
            assert_eq!(e.describe(), description, "{expr}");
            let warning = e.warning().unwrap();
            assert!(
                warning.starts_with("Spring's CronExpression refuses the "),
                "{expr}: {warning}"
            );
            assert!(
                warning.contains(&format!("write {list}, which Quartz and Spring")),
                "{expr}: {warning}"
            );
            // The list means the same in Quartz, and warns no more.
            let word = expr.split(' ').find(|w| w.contains('-')).unwrap();
            let listed = parse(&expr.replacen(word, list, 1)).unwrap();
            let field = |e: &Expression| {
                e.schedule()
                    .unwrap()
                    .fields()
                    .iter()
                    .map(|f| f.values().to_vec())
                    .collect::<Vec<_>>()
            };
            assert_eq!(field(&listed), field(&e), "{expr}");
            assert!(!listed.warning().unwrap_or_default().contains("wraps around"), "{expr}");
        }
        assert!(parse("0 0 9-17 * * ?").unwrap().warning().is_none());
    }

    /// Every other dialect gets the wrap-around range as a list (`0-2,22-23`), whose runs the translation check
    /// finds the same as Quartz's (in UTC, where the dialects' daylight-saving rules cannot differ).
    #[test]
    fn wrap_around_ranges_translate_as_lists() {
        let from = chrono::DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z").unwrap().to_utc();
        let cases = [
            ("0 0 22-2 * * ?", "0 0-2,22,23 * * *"),
            ("0 0 12 ? * FRI-MON", "0 12 * * SUN,MON,FRI,SAT"),
            ("0 0 12 ? * 6-2/2", "0 12 * * SUN,FRI"),
            ("0 0 12 ? NOV-FEB *", "0 12 * 1,2,11,12 *"),
            ("0 0 12 25-5/3 * ?", "0 12 3,25,28,31 * *"),
            ("0 50-10 * * * ?", "0-10,50-59 * * * *"),
        ];
        for (expr, vixie) in cases {
            let e = parse(expr).unwrap();
            let translations = super::super::translate::translate(&e, chrono_tz::UTC, from);
            assert_eq!(translations.len(), 5);
            for t in &translations {
                let check = t
                    .check
                    .as_ref()
                    .unwrap_or_else(|| panic!("{expr} {}: {:?}", t.dialect, t.lost));
                assert!(check.same, "{expr} -> {} {:?}: {check:?}", t.dialect, t.expression);
            }
            let vixie_translation = translations.iter().find(|t| t.dialect == "vixie").unwrap();
            assert_eq!(vixie_translation.expression.as_deref(), Some(vixie), "{expr}");
        }
    }
}
