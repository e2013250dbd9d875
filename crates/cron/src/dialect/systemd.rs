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

/// The event described: its normalized form, which spells out every component.
pub(crate) fn describe(event: &CalendarEvent) -> String {
    format!("At {} (systemd's normalized form)", event.normalized())
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
        assert_eq!(e.describe(), "At Mon..Fri *-*-* 09:00:00 (systemd's normalized form)");
        let runs = e.runs_after(from, chrono_tz::Europe::Berlin, 1);
        assert_eq!(runs[0].to_rfc3339(), "2026-01-01T09:00:00+01:00");
        assert_eq!(
            parse("daily").unwrap().describe(),
            "At *-*-* 00:00:00 (systemd's normalized form)"
        );
        let error = parse("*-*-* 25:00").unwrap_err();
        assert_eq!(
            (error.to_string(), error.position(), error.len()),
            ("hour: 25 is out of range 0–23".into(), 6, 2)
        );
    }
}
