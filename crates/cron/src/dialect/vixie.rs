//! `vixie`: the crontab line as cronie runs it, exactly [`Schedule::parse`].
//!
//! The parser is a superset of crontab(5): it also reads a seconds field first, a year last, Quartz's `L`, `W`, `#`
//! and `?`, and a step after one value (`5/15`, as BSD cron reads it), so that an expression written for another
//! cron library can be explained. cronie has none of them, so an expression that uses one carries a caution in
//! its answer's warning saying what a real crontab would do with the line (`crontab_cautions`).

use super::{Dialect, Expression, Plan};
use crate::{FieldKind, Item, ParseError, Schedule};

/// Parses a crontab schedule: 5 fields, 6 with seconds first, 7 with a year last, or an `@` macro.
pub fn parse(input: &str) -> Result<Expression, ParseError> {
    let schedule = Schedule::parse(input)?;
    let cautions = crontab_cautions(&schedule);
    Ok(Expression {
        dialect: Dialect::Vixie,
        source: schedule.source().to_owned(),
        plan: Plan::Cron(schedule),
        zone: None,
        cautions,
    })
}

/// What cronie's crontab (crontab(5)) would do with what this parser reads beyond it: a seconds field or a year
/// (cronie reads five fields and the rest of the line as the command), `L`, `W`, `#` and `?`, and a step after
/// one value, `5/15` (which cronie's field parser refuses: `crontab` will not install the line).
fn crontab_cautions(schedule: &Schedule) -> Vec<String> {
    if schedule.macro_name().is_some() {
        return Vec::new();
    }
    let mut cautions = Vec::new();
    let seconds = schedule.field(FieldKind::Second).is_some();
    let year = schedule.field(FieldKind::Year).is_some();
    if seconds || year {
        // Seven fields have seconds too: a year never comes alone.
        let what = if year { "Seconds and a year are" } else { "A seconds field is" };
        let words: Vec<&str> = schedule.source().split_whitespace().collect();
        let (five, rest) = words.split_at(words.len().min(5));
        let (five, rest) = (five.join(" "), rest.join(" "));
        // What cronie makes of the first five words: its own error, or what it would run.
        let read = Schedule::parse(&five);
        let first_refused =
            read.as_ref().ok().and_then(|read| refused_items(read).into_iter().next());
        let outcome = match (&read, first_refused) {
            (Err(error), _) => format!("crontab refuses the line ({error})"),
            (Ok(_), Some(refused)) => {
                format!(
                    "crontab refuses the line (\"{}\" is a bad {})",
                    refused.text,
                    refused.kind.name()
                )
            }
            // cronie refuses a command that starts with `*`, a common typo.
            (Ok(_), None) if rest.starts_with('*') => {
                "crontab refuses the line (\"bad command\": a command may not start with *)"
                    .to_owned()
            }
            (Ok(read), None) => {
                let description = read.describe();
                let mut chars = description.chars();
                let lowered: String = chars
                    .next()
                    .map(|first| first.to_lowercase().chain(chars).collect())
                    .unwrap_or_default();
                format!("it would run that command {lowered}")
            }
        };
        cautions.push(format!(
            "{what} not crontab(5) syntax: cronie reads the first five words, \"{five}\", as minute hour day-of-month month day-of-week and the rest, \"{rest}\", as the command, so {outcome}."
        ));
    }
    let refused = refused_items(schedule);
    let (stepped, extensions): (Vec<&Refused>, Vec<&Refused>) =
        refused.iter().partition(|item| item.rewrite.is_some());
    if let Some(first) = extensions.first() {
        let last_day = extensions.iter().any(|item| item.text.eq_ignore_ascii_case("L"));
        cautions.push(format!(
            "{} {} not crontab(5) syntax: cronie has no L, W, # or ? and crontab refuses the line (bad {}).{}",
            listed(&extensions, |item| format!("\"{}\" ({})", item.text, item.kind.name())),
            if extensions.len() == 1 { "is" } else { "are" },
            first.kind.name(),
            if last_day {
                " For the last day of the month in a real crontab, run on days 28-31 and test in the command that tomorrow is the 1st."
            } else {
                ""
            }
        ));
    }
    if let Some(first) = stepped.first() {
        let rewrites = listed(&stepped, |item| {
            format!("\"{}\"", item.rewrite.as_deref().unwrap_or(item.text))
        });
        cautions.push(format!(
            "{} {} not crontab(5) syntax: cronie and Vixie cron take a step only after * or a range, so crontab refuses the line (bad {}); BSD cron reads a step after one value as running to the field's end, as it is read here. Write {rewrites} for the same times in every crontab.",
            listed(&stepped, |item| format!("\"{}\" ({})", item.text, item.kind.name())),
            if stepped.len() == 1 { "is" } else { "are" },
            first.kind.name(),
        ));
    }
    cautions
}

/// An item of the five crontab fields that cronie's field parser (`get_range` in cronie's `entry.c`) refuses.
struct Refused<'a> {
    kind: FieldKind,
    /// The item as written: `L`, `MON#2`, `5/15`.
    text: &'a str,
    /// The crontab(5) spelling of the same values, for a step after one value: `5-59/15` for `5/15`. `L`, `W`,
    /// `#` and `?` have none.
    rewrite: Option<String>,
}

/// The items of the five crontab fields that cronie refuses, in field order: `L`, `W`, `#` and `?` (which it
/// does not have), and a step after one value (`5/15`; crontab(5) allows a step only after `*` or a range).
fn refused_items(schedule: &Schedule) -> Vec<Refused<'_>> {
    let mut refused = Vec::new();
    for field in schedule.fields() {
        if matches!(field.kind, FieldKind::Second | FieldKind::Year) {
            continue; // cronie has no such field; the seconds-and-year caution covers them
        }
        for (item, span) in &field.items {
            let text = field
                .raw
                .get(
                    span.start.saturating_sub(field.span.start)
                        ..span.end.saturating_sub(field.span.start),
                )
                .unwrap_or(&field.raw);
            let rewrite = match (item, text.split_once('/')) {
                (Item::Range { end, step, .. }, Some((base, _))) if !base.contains('-') => {
                    Some(format!("{base}-{end}/{step}"))
                }
                _ => None,
            };
            if rewrite.is_some() || item.is_special() || text.starts_with('?') {
                refused.push(Refused { kind: field.kind, text, rewrite });
            }
        }
    }
    refused
}

/// `a`, `a and b`, `a, b and c`.
fn listed(items: &[&Refused], show: impl Fn(&Refused) -> String) -> String {
    let shown: Vec<String> = items.iter().map(|item| show(item)).collect();
    match shown.as_slice() {
        [first @ .., last] if !first.is_empty() => format!("{} and {last}", first.join(", ")),
        _ => shown.join(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warning(expr: &str) -> Option<String> {
        parse(expr).unwrap_or_else(|e| panic!("{expr}: {e}")).warning()
    }

    /// Each extension crontab(5) does not have is named, with what a real crontab would do with the line.
    #[test]
    fn extensions_beyond_crontab_are_named_with_what_crontab_does() {
        let cases: &[(&str, &[&str])] = &[
            (
                "*/15 * * * * *",
                &[
                    "A seconds field is not crontab(5) syntax",
                    "the first five words, \"*/15 * * * *\",",
                    "the rest, \"*\", as the command",
                    "crontab refuses the line (\"bad command\"",
                ],
            ),
            (
                "0 30 10 * * * 2030",
                &[
                    "Seconds and a year are not",
                    "crontab refuses the line (hour: 30 is out of range 0–23)",
                ],
            ),
            (
                "0 5 10 * * 1-5",
                &[
                    "A seconds field is",
                    "\"0 5 10 * *\"",
                    "it would run that command at 05:00 on day-of-month 10.",
                ],
            ),
            (
                "0 0 L * *",
                &[
                    "\"L\" (day-of-month) is not crontab(5) syntax",
                    "crontab refuses the line (bad day-of-month)",
                    "days 28-31",
                ],
            ),
            ("0 0 15W * *", &["\"15W\" (day-of-month) is not"]),
            ("0 0 * * MON#2", &["\"MON#2\" (day-of-week) is not", "(bad day-of-week)"]),
            ("0 0 * * 5L", &["\"5L\" (day-of-week)"]),
            ("0 0 ? * 1", &["\"?\" (day-of-month) is not"]),
            (
                "5/15 * * * *",
                &[
                    "\"5/15\" (minute) is not crontab(5) syntax",
                    "take a step only after * or a range, so crontab refuses the line (bad minute)",
                    "Write \"5-59/15\" for the same times",
                ],
            ),
            (
                "0 0 * JAN/3 1/2,3",
                &[
                    "\"JAN/3\" (month) and \"1/2\" (day-of-week) are not",
                    "(bad month)",
                    "Write \"JAN-12/3\" and \"1-7/2\" for",
                ],
            ),
            (
                "0 5/15 * * * *",
                &[
                    "cronie reads the first five words",
                    "crontab refuses the line (\"5/15\" is a bad hour)",
                ],
            ),
            (
                "0 0 LW * 1#1",
                &["\"LW\" (day-of-month) and \"1#1\" (day-of-week) are not", "(bad day-of-month)"],
            ),
        ];
        for (expr, parts) in cases {
            let warning = warning(expr).unwrap_or_else(|| panic!("{expr}: no warning"));
            for part in *parts {
                assert!(warning.contains(part), "{expr}: {warning:?} lacks {part:?}");
            }
        }
        // Plain crontab syntax and the macros: no caution.
        for expr in [
            "*/15 9-17 * * MON-FRI",
            "5-59/15 * 1,15 JAN-MAR 0-7",
            "*/2 1-7/2 * * *",
            "@daily",
            "@reboot",
            "0 0 1 * 1",
        ] {
            let warning = warning(expr).unwrap_or_default();
            assert!(!warning.contains("crontab(5)"), "{expr}: {warning}");
        }
    }
}
