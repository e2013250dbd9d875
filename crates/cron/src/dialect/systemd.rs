//! `systemd`: a timer unit's `OnCalendar=` calendar event, parsed and evaluated by [`crate::systemd`] (systemd's
//! own grammar, normalization and elapse search, daylight-saving behaviour included).

use super::{Dialect, Expression, Plan, rule};
use crate::ParseError;
use crate::systemd::CalendarEvent;

/// Parses a calendar event such as `Mon..Fri *-*-* 09:00:00`, `*-*-1/2 02:00` or `daily Europe/Berlin`.
pub fn parse(input: &str) -> Result<Expression, ParseError> {
    let event =
        CalendarEvent::parse(input).map_err(|error| rule(error.message, None, error.span))?;
    Ok(Expression {
        dialect: Dialect::Systemd,
        source: input.trim().to_owned(),
        zone: event.zone(),
        plan: Plan::Calendar(event),
        cautions: Vec::new(),
    })
}

/// The event described: in words when its normalized form has cron fields ([`as_cron`]), else the normalized
/// form itself, which spells out every component.
pub(crate) fn describe(event: &CalendarEvent) -> String {
    match as_cron(event) {
        Some(expression) => expression.describe(),
        None => format!("At {} (systemd's normalized form)", event.normalized()),
    }
}

/// The event as Quartz-style cron fields (`second minute hour day-of-month month day-of-week year`), when its
/// normalized form has them: lists, `a..b` ranges and `a/r` or `a..b/r` repetitions (which cron writes `a/r` and
/// `a-b/r`, with the same meaning), weekdays, `~01` as `L`. `None` for whole-second fractions, other `~` days, and a
/// weekday together with a restricted date, which systemd ANDs and Quartz cannot say.
pub(crate) fn as_cron(event: &CalendarEvent) -> Option<Expression> {
    let normalized = event.normalized();
    let mut words: Vec<&str> = normalized.split(' ').collect();
    // The zone, if any, is the last word; the date and time never contain a letter.
    if words.last().is_some_and(|w| w.chars().any(|c| c.is_ascii_alphabetic())) && words.len() > 2 {
        words.pop();
    }
    let (weekdays, date, time) = match words.as_slice() {
        [weekdays, date, time] => (Some(*weekdays), *date, *time),
        [date, time] => (None, *date, *time),
        _ => return None,
    };
    let (date, last_day) = match date.split_once('~') {
        // `~01` is the last day, `~04` the fourth last: Quartz's `L` and `L-3`.
        Some((year_month, back)) => match back.parse::<u32>() {
            Ok(1) => (format!("{year_month}-L"), Some("L".to_owned())),
            Ok(n @ 2..=28) if back.len() == 2 => {
                (format!("{year_month}-L"), Some(format!("L-{}", n - 1)))
            }
            _ => return None,
        },
        None => (date.to_owned(), None),
    };
    let [year, month, day] = <[&str; 3]>::try_from(date.splitn(3, '-').collect::<Vec<_>>()).ok()?;
    let [hour, minute, second] = <[&str; 3]>::try_from(time.split(':').collect::<Vec<_>>()).ok()?;
    if second.contains('.') {
        return None;
    }
    let cron = |text: &str| -> Option<String> {
        if text == "*" || text == "L" {
            return Some(text.to_owned());
        }
        let ok = text.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '/'));
        ok.then(|| text.replace("..", "-"))
    };
    let day_text = match last_day {
        Some(text) => text,
        None => cron(day)?,
    };
    let dow = weekdays.map(|days| days.replace("..", "-").to_ascii_uppercase());
    let (dom, dow) = match dow {
        Some(_) if day_text != "*" => return None,
        Some(days) => ("?".to_owned(), days),
        None => (day_text, "?".to_owned()),
    };
    let text = format!(
        "{} {} {} {dom} {} {dow} {}",
        cron(second)?,
        cron(minute)?,
        cron(hour)?,
        cron(month)?,
        cron(year)?
    );
    let mut expression = super::quartz::parse(&text).ok()?;
    expression.dialect = Dialect::Systemd;
    expression.source = event.normalized();
    expression.zone = event.zone();
    expression.cautions.clear();
    Some(expression)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    // Source: systemd.time(7), "CALENDAR EVENTS": the examples table.
    #[test]
    fn the_manual_examples_parse_and_elapse() {
        let from = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let e = parse("Mon..Fri *-*-* 09:00").unwrap();
        assert_eq!(e.describe(), "At 09:00:00 on every day-of-week from Monday through Friday");
        let runs = e.runs_after(from, chrono_tz::Europe::Berlin, 1);
        assert_eq!(runs[0].to_rfc3339(), "2026-01-01T09:00:00+01:00");
        assert_eq!(parse("daily").unwrap().describe(), "At 00:00:00");
        assert_eq!(
            parse("Sat,Sun 10:30 UTC").unwrap().describe(),
            "At 10:30:00 on Saturday and Sunday"
        );
        assert_eq!(
            parse("*-*~01 00:00").unwrap().describe(),
            "At 00:00:00 on the last day of the month"
        );
        // A weekday and a date together: systemd ANDs them; the normalized form is the description.
        assert!(
            parse("Mon *-*-01..07 09:00")
                .unwrap()
                .describe()
                .ends_with("(systemd's normalized form)")
        );
        let error = parse("*-*-* 25:00").unwrap_err();
        assert_eq!(
            (error.to_string(), error.position(), error.len()),
            ("hour: 25 is out of range 0–23".into(), 6, 2)
        );
    }
}
