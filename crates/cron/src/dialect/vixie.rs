//! `vixie`: the crontab line as cronie runs it, exactly [`Schedule::parse`].
//!
//! The parser is a superset of crontab(5): it also reads a seconds field first, a year last, and Quartz's `L`, `W`,
//! `#` and `?`, so that an expression written for another cron library can be explained. cronie has none of
//! them, so an expression that uses one carries a caution in its answer's warning saying what a real crontab
//! would do with the line (`crontab_cautions`).

use super::{Dialect, Expression, Plan};
use crate::{FieldKind, ParseError, Schedule};

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
/// (cronie reads five fields and the rest of the line as the command), and `L`, `W`, `#` and `?` (which cronie's
/// field parser refuses: `crontab` will not install the line).
fn crontab_cautions(schedule: &Schedule) -> Vec<String> {
    if schedule.macro_name().is_some() {
        return Vec::new();
    }
    let mut cautions = Vec::new();
    // The extensions within the fields, each as written, with its field.
    let mut extensions: Vec<(FieldKind, &str)> = Vec::new();
    for field in schedule.fields() {
        for (item, span) in &field.items {
            let text = field
                .raw
                .get(
                    span.start.saturating_sub(field.span.start)
                        ..span.end.saturating_sub(field.span.start),
                )
                .unwrap_or(&field.raw);
            if item.is_special() || text.starts_with('?') {
                extensions.push((field.kind, text));
            }
        }
    }
    let seconds = schedule.field(FieldKind::Second).is_some();
    let year = schedule.field(FieldKind::Year).is_some();
    if seconds || year {
        // Seven fields have seconds too: a year never comes alone.
        let what = if year { "Seconds and a year are" } else { "A seconds field is" };
        let words: Vec<&str> = schedule.source().split_whitespace().collect();
        let (five, rest) = words.split_at(words.len().min(5));
        let (five, rest) = (five.join(" "), rest.join(" "));
        // What cronie makes of the first five words: its own error, or what it would run.
        let outcome = match Schedule::parse(&five) {
            Err(error) => format!("crontab refuses the line ({error})"),
            Ok(read) if !crontab_extensions(&read).is_empty() => {
                let (kind, text) = crontab_extensions(&read)[0];
                format!("crontab refuses the line (\"{text}\" is a bad {})", kind.name())
            }
            // cronie refuses a command that starts with `*`, a common typo.
            Ok(_) if rest.starts_with('*') => {
                "crontab refuses the line (\"bad command\": a command may not start with *)"
                    .to_owned()
            }
            Ok(read) => {
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
    if let Some(&(first_kind, _)) = extensions.first() {
        let listed: Vec<String> =
            extensions.iter().map(|(kind, text)| format!("\"{text}\" ({})", kind.name())).collect();
        let last_day = extensions.iter().any(|(_, text)| text.eq_ignore_ascii_case("L"));
        let listed_text = match listed.as_slice() {
            [first @ .., last] if !first.is_empty() => format!("{} and {last}", first.join(", ")),
            _ => listed.join(""),
        };
        cautions.push(format!(
            "{} {} not crontab(5) syntax: cronie has no L, W, # or ? and crontab refuses the line (bad {}).{}",
            listed_text,
            if listed.len() == 1 { "is" } else { "are" },
            first_kind.name(),
            if last_day {
                " For the last day of the month in a real crontab, run on days 28-31 and test in the command that tomorrow is the 1st."
            } else {
                ""
            }
        ));
    }
    cautions
}

/// The items of the five crontab fields that cronie's parser refuses: `L`, `W`, `#` and `?`, with their field.
fn crontab_extensions(schedule: &Schedule) -> Vec<(FieldKind, &str)> {
    schedule
        .fields()
        .iter()
        .filter(|field| field.has_special() || field.raw.contains('?'))
        .map(|field| (field.kind, field.raw.as_str()))
        .collect()
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
        for expr in
            ["*/15 9-17 * * MON-FRI", "5/15 * 1,15 JAN-MAR 0-7", "@daily", "@reboot", "0 0 1 * 1"]
        {
            let warning = warning(expr).unwrap_or_default();
            assert!(!warning.contains("crontab(5)"), "{expr}: {warning}");
        }
    }
}
