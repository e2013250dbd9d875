//! systemd calendar events: the `OnCalendar=` grammar of timer units, as systemd.time(7) ("CALENDAR EVENTS")
//! documents it and `systemd-analyze calendar` evaluates it.
//!
//! [`CalendarEvent::parse`] reads an expression such as `Mon..Fri *-*-* 09:00`, `*-*-1/2 02:00`, `daily`,
//! `*-02~03` (the third last day of February) or `weekly Pacific/Auckland`;
//! [`CalendarEvent::normalized`] gives the normalized form `systemd-analyze calendar` prints, and
//! [`CalendarEvent::next_after`] the next elapse time.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use devtools_cron::systemd::CalendarEvent;
//!
//! let event = CalendarEvent::parse("Mon..Fri 9:00").unwrap();
//! assert_eq!(event.normalized(), "Mon..Fri *-*-* 09:00:00");
//! let after = Utc.with_ymd_and_hms(2026, 3, 27, 12, 0, 0).unwrap(); // a Friday
//! let next = event.next_after(after, chrono_tz::Europe::Berlin).unwrap();
//! assert_eq!(next.to_rfc3339(), "2026-03-30T07:00:00+00:00"); // Monday 09:00 CEST
//!
//! let error = CalendarEvent::parse("*-*-* 25:00").unwrap_err();
//! assert_eq!(error.to_string(), "hour: 25 is out of range 0–23");
//! assert_eq!(error.span, 6..8);
//! ```
//!
//! # Semantics
//!
//! The engine is a port of systemd's own algorithm (`src/shared/calendarspec.c`, systemd 252 as shipped by
//! Debian 12): the same normalization (sorted, de-duplicated lists; a range's end trimmed to a multiple of its
//! repetition; two-digit years 70–99 → 19xx and 00–69 → 20xx; all seven weekdays → no weekday restriction), the
//! same validity rules (years 1970–2199; a repetition must fit at least once in its field's range; `~` only with
//! days up to 28) and the same search, field by field from the year down, with the C library's `mktime`
//! normalization emulated on the IANA zone:
//!
//! - a wall-clock time skipped by a spring-forward change does not elapse: `*-*-* 02:30` has no run on the day
//!   Europe/Berlin skips 02:00–03:00, while `*:30` runs at 03:30 as every hour;
//! - a wall-clock time repeated by a fall-back change elapses once, in the pass the search reaches first (the
//!   first pass when coming from before the change), as glibc's `mktime` resolves it: `*:30` runs at 02:30
//!   CEST and then 03:30 CET, not at 02:30 CET;
//! - where `mktime` would move the search back before its start (a half-hour change such as
//!   Australia/Lord_Howe's), the search moves one hour on, as the systemd 252 binary does;
//! - the search gives up after 1000 steps, as systemd does, and never looks past the year 2199: an event that
//!   never elapses (`2003-02-30`, `*-02-30`) answers `None` quickly.
//!
//! # Differences from systemd
//!
//! - A trailing zone abbreviation of the *host's* local zone (`daily CET` on a host in Europe/Berlin) makes systemd
//!   pin `tm_isdst`; here such a word is read as the IANA zone of that name (`CET` is one) or refused.
//! - Zone names are those of the `chrono-tz` database, which may differ from the host's `/usr/share/zoneinfo` by a
//!   tzdata release.
//! - Leading and trailing white space is ignored, as systemd's unit-file parser strips it from `OnCalendar=`
//!   values (`systemd-analyze calendar` itself refuses it).
//! - In a fall-back fold, glibc's choice of pass depends on the offset of the previous `mktime` call in the
//!   process; this engine starts from the offset at the base time, which is what systemd's search does after its
//!   first step.
//! - Times are exact to the microsecond, like systemd's; `systemd-analyze calendar` prints them to the second.
//!
//! The crate's `tests/systemd_analyze.rs` compares all of this with `systemd-analyze calendar` (documented and
//! generated expressions, 12 zone/base pairs across daylight-saving changes, including Europe/Dublin's negative
//! DST, America/Santiago's midnight change, Australia/Lord_Howe's and Pacific/Chatham's odd offsets).

mod describe;
mod next;
mod normalize;
mod parse;

use std::fmt;
use std::ops::Range;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// Longest expression accepted, in bytes.
pub const MAX_EXPRESSION_LEN: usize = 1024;

/// A parsed systemd calendar event (`OnCalendar=` value), already normalized as systemd does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    spec: Spec,
}

/// Why an expression is not a valid calendar event: a message naming what is wrong, and the byte range of the
/// offending text in the input (empty at the end of the input when something is missing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarError {
    /// What is wrong, e.g. `hour: 25 is out of range 0–23`.
    pub message: String,
    /// Byte range of the offending text in the input.
    pub span: Range<usize>,
}

impl CalendarError {
    pub(crate) fn new(message: impl Into<String>, span: Range<usize>) -> Self {
        CalendarError { message: message.into(), span }
    }
}

impl fmt::Display for CalendarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CalendarError {}

/// One element of a component's comma-separated list: `start`, `start..stop`, `start/repeat` or
/// `start..stop/repeat`. Seconds are held in microseconds. `stop` is -1 when absent; `repeat` is 0 when absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Component {
    pub start: i64,
    pub stop: i64,
    pub repeat: i64,
    /// Where the element was written (for error messages).
    pub span: Range<usize>,
}

/// The parsed expression, with systemd's `CalendarSpec` fields. A `None` chain means `*`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Spec {
    /// Bit 0 = Monday … bit 6 = Sunday; `None` when unrestricted.
    pub weekdays: Option<u8>,
    pub year: Option<Vec<Component>>,
    pub month: Option<Vec<Component>>,
    pub day: Option<Vec<Component>>,
    pub hour: Option<Vec<Component>>,
    pub minute: Option<Vec<Component>>,
    /// Seconds in microseconds.
    pub second: Option<Vec<Component>>,
    /// `~`: days count back from the end of the month.
    pub end_of_month: bool,
    pub utc: bool,
    pub zone: Option<Tz>,
}

impl CalendarEvent {
    /// Parses and normalizes a calendar event as systemd does.
    ///
    /// # Errors
    ///
    /// A [`CalendarError`] naming the problem (an unknown word, a value out of its field's range, a repetition
    /// that cannot occur, a missing part) and its byte span in `text`.
    pub fn parse(text: &str) -> Result<CalendarEvent, CalendarError> {
        let spec = parse::parse(text)?;
        Ok(CalendarEvent { spec })
    }

    /// The normalized form, exactly as `systemd-analyze calendar` prints it after `Normalized form:`, e.g.
    /// `Mon..Fri *-*-* 09:00:00` or `*-*-* 00:00:00 Europe/Berlin`.
    pub fn normalized(&self) -> String {
        normalize::format(&self.spec)
    }

    /// The event in plain English, e.g. `At 09:00 on Monday through Friday` for `Mon..Fri 9:00`.
    pub fn describe(&self) -> String {
        describe::describe(&self.spec)
    }

    /// Each component of the normalized form with its name, in order: weekday, year, month, day, hour, minute,
    /// second (`*` where unrestricted), e.g. `("day", "01/2")` for `*-*-1/2 02:00`. The day is prefixed with `~`
    /// when it counts back from the end of the month.
    pub fn components(&self) -> [(&'static str, String); 7] {
        normalize::components(&self.spec)
    }

    /// The time zone written at the end of the expression (`UTC`, `Europe/Berlin`), if any.
    pub fn zone(&self) -> Option<Tz> {
        if self.spec.utc { Some(Tz::UTC) } else { self.spec.zone }
    }

    /// The last year the year component allows, when it is bounded (`2003`, `2020..2025`, `2020,2030`); `None`
    /// when the years run on (`*`, `2020/2`), up to systemd's limit of 2199.
    pub fn last_year(&self) -> Option<i64> {
        let years = self.spec.year.as_ref()?;
        years
            .iter()
            .map(|c| if c.repeat > 0 && c.stop < 0 { None } else { Some(c.start.max(c.stop)) })
            .collect::<Option<Vec<i64>>>()?
            .into_iter()
            .max()
    }

    /// The first elapse strictly after `after`, evaluated in the expression's own zone or, when it names none, in
    /// `zone`. `None` when the event never elapses again (systemd prints "never"), including when systemd's search
    /// would give up (after 1000 steps or past the year 2199).
    pub fn next_after(&self, after: DateTime<Utc>, zone: Tz) -> Option<DateTime<Utc>> {
        let zone = if self.spec.utc { None } else { Some(self.spec.zone.unwrap_or(zone)) };
        next::next_after(&self.spec, after, zone)
    }

    /// The next `count` elapse times after `after`, each strictly after the one before (as
    /// `systemd-analyze calendar --iterations=N` lists them); fewer when the event stops elapsing.
    pub fn next_n(&self, after: DateTime<Utc>, zone: Tz, count: usize) -> Vec<DateTime<Utc>> {
        let mut out = Vec::with_capacity(count.min(1000));
        let mut base = after;
        while out.len() < count {
            match self.next_after(base, zone) {
                Some(next) => {
                    out.push(next);
                    base = next;
                }
                None => break,
            }
        }
        out
    }
}

impl fmt::Display for CalendarEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.normalized())
    }
}

impl std::str::FromStr for CalendarEvent {
    type Err = CalendarError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        CalendarEvent::parse(text)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeZone, Utc};
    use chrono_tz::Tz;

    use super::CalendarEvent;

    fn normalized(text: &str) -> String {
        CalendarEvent::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}")).normalized()
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    fn runs(text: &str, after: &str, zone: Tz, count: usize) -> Vec<String> {
        let event = CalendarEvent::parse(text).unwrap();
        event
            .next_n(utc(after), zone, count)
            .iter()
            .map(|t| t.with_timezone(&zone).to_rfc3339())
            .collect()
    }

    /// systemd.time(7), "CALENDAR EVENTS" (systemd 252): "Examples for valid timestamps and their normalized
    /// form" and the shorthand table, verbatim.
    #[test]
    fn the_manual_examples_normalize_as_documented() {
        let examples = [
            ("Sat,Thu,Mon..Wed,Sat..Sun", "Mon..Thu,Sat,Sun *-*-* 00:00:00"),
            ("Mon,Sun 12-*-* 2,1:23", "Mon,Sun 2012-*-* 01,02:23:00"),
            ("Wed *-1", "Wed *-*-01 00:00:00"),
            ("Wed..Wed,Wed *-1", "Wed *-*-01 00:00:00"),
            ("Wed, 17:48", "Wed *-*-* 17:48:00"),
            ("Wed..Sat,Tue 12-10-15 1:2:3", "Tue..Sat 2012-10-15 01:02:03"),
            ("*-*-7 0:0:0", "*-*-07 00:00:00"),
            ("10-15", "*-10-15 00:00:00"),
            ("monday *-12-* 17:00", "Mon *-12-* 17:00:00"),
            ("Mon,Fri *-*-3,1,2 *:30:45", "Mon,Fri *-*-01,02,03 *:30:45"),
            ("12,14,13,12:20,10,30", "*-*-* 12,13,14:10,20,30:00"),
            ("12..14:10,20,30", "*-*-* 12..14:10,20,30:00"),
            ("mon,fri *-1/2-1,3 *:30:45", "Mon,Fri *-01/2-01,03 *:30:45"),
            ("03-05 08:05:40", "*-03-05 08:05:40"),
            ("08:05:40", "*-*-* 08:05:40"),
            ("05:40", "*-*-* 05:40:00"),
            ("Sat,Sun 12-05 08:05:40", "Sat,Sun *-12-05 08:05:40"),
            ("Sat,Sun 08:05:40", "Sat,Sun *-*-* 08:05:40"),
            ("2003-03-05 05:40", "2003-03-05 05:40:00"),
            ("05:40:23.4200004/3.1700005", "*-*-* 05:40:23.420000/3.170001"),
            ("2003-02..04-05", "2003-02..04-05 00:00:00"),
            ("2003-03-05 05:40 UTC", "2003-03-05 05:40:00 UTC"),
            ("2003-03-05", "2003-03-05 00:00:00"),
            ("03-05", "*-03-05 00:00:00"),
            ("hourly", "*-*-* *:00:00"),
            ("daily", "*-*-* 00:00:00"),
            ("daily UTC", "*-*-* 00:00:00 UTC"),
            ("monthly", "*-*-01 00:00:00"),
            ("weekly", "Mon *-*-* 00:00:00"),
            ("weekly Pacific/Auckland", "Mon *-*-* 00:00:00 Pacific/Auckland"),
            ("yearly", "*-01-01 00:00:00"),
            ("annually", "*-01-01 00:00:00"),
            ("*:2/3", "*-*-* *:02/3:00"),
            ("minutely", "*-*-* *:*:00"),
            ("quarterly", "*-01,04,07,10-01 00:00:00"),
            ("semiannually", "*-01,07-01 00:00:00"),
            // From the prose: the third last day of February; the last Monday in May.
            ("*-02~03", "*-02~03 00:00:00"),
            ("Mon *-05~07/1", "Mon *-05~07/1 00:00:00"),
            ("Thu,Fri 2012-*-1,5 11:12:13", "Thu,Fri 2012-*-01,05 11:12:13"),
        ];
        for (text, expected) in examples {
            assert_eq!(normalized(text), expected, "{text}");
        }
    }

    #[test]
    fn normalization_follows_systemd() {
        // Checked against systemd-analyze 252.
        assert_eq!(normalized("Mon..Sun 12:00"), "*-*-* 12:00:00");
        assert_eq!(normalized("Mon-Fri"), "Mon..Fri *-*-* 00:00:00");
        assert_eq!(normalized("Sat..Sun"), "Sat,Sun *-*-* 00:00:00");
        assert_eq!(normalized("1..6/2:00"), "*-*-* 01..05/2:00:00");
        assert_eq!(normalized("2..4/3:00"), "*-*-* 02:00:00");
        assert_eq!(normalized("*:*:0/7.5"), "*-*-* *:*:00/7.500000");
        assert_eq!(normalized("*:*:00..59"), "*-*-* *:*:00..59");
        assert_eq!(normalized("*:*:*"), "*-*-* *:*:*");
        assert_eq!(normalized("@1234567 Europe/Berlin"), "1970-01-15 06:56:07 UTC");
        assert_eq!(normalized("daily utc"), "*-*-* 00:00:00 UTC");
        assert_eq!(normalized("daily Etc/UTC"), "*-*-* 00:00:00 Etc/UTC");
        assert_eq!(normalized("89-01-01"), "1989-01-01 00:00:00");
    }

    #[test]
    fn errors_name_the_problem_and_where() {
        let cases: [(&str, &str, std::ops::Range<usize>); 14] = [
            ("*-*-* 25:00", "hour: 25 is out of range 0–23", 6..8),
            ("Sun..Mon", "weekday range Sun..Mon runs backwards", 0..8),
            ("*/2", "unexpected \"/\"", 1..2),
            ("*:*/5", "unexpected \"/\"", 3..4),
            ("*-*-31/2", "day: 31/2 never repeats", 4..8),
            ("foo", "unexpected \"f\"", 0..1),
            ("12", "the expression ends too early", 2..2),
            ("Mon *-*-* 12:00 Europe/Nowhere", "unknown time zone \"Europe/Nowhere\"", 16..30),
            ("*-*~29", "day: 29 is out of range 1–28", 4..6),
            ("1969-01-01", "year: 1969 is out of range 1970–2199", 0..4),
            ("5..3:00", "hour: the range 5..3 runs backwards", 0..4),
            ("*-*-* 0/0:00", "a repetition must be greater than 0", 8..9),
            ("daily  UTC", "more than one space before the time zone", 5..6),
            ("", "the expression is empty", 0..0),
        ];
        for (text, message, span) in cases {
            let error = CalendarEvent::parse(text).expect_err(text);
            assert!(error.message.starts_with(message), "{text}: {error}");
            assert_eq!(error.span, span, "{text}: {error}");
            assert!(error.span.end <= text.len());
        }
        let error = CalendarEvent::parse("Mon *-*-* 12:60").unwrap_err();
        assert_eq!(error.to_string(), "minute: 60 is out of range 0–59");
        assert_eq!(error.span, 13..15);
    }

    #[test]
    fn zone_is_the_one_written() {
        assert_eq!(CalendarEvent::parse("daily").unwrap().zone(), None);
        assert_eq!(CalendarEvent::parse("daily UTC").unwrap().zone(), Some(Tz::UTC));
        assert_eq!(
            CalendarEvent::parse("weekly Pacific/Auckland").unwrap().zone(),
            Some(chrono_tz::Pacific::Auckland)
        );
        // The expression's zone wins over the one passed in.
        let event = CalendarEvent::parse("daily Europe/Berlin").unwrap();
        let next =
            event.next_after(utc("2026-06-01T12:00:00Z"), chrono_tz::America::New_York).unwrap();
        assert_eq!(next, utc("2026-06-01T22:00:00Z"));
    }

    #[test]
    fn white_space_around_the_expression_is_ignored() {
        // systemd's unit-file parser strips it from OnCalendar=; systemd-analyze itself would refuse it.
        assert_eq!(normalized("  weekly \n"), "Mon *-*-* 00:00:00");
        let error = CalendarEvent::parse("  *-*-* 25:00").unwrap_err();
        assert_eq!(error.span, 8..10);
    }

    #[test]
    fn next_elapses_follow_systemd_across_daylight_saving_changes() {
        let berlin = chrono_tz::Europe::Berlin;
        // 02:30 does not exist on 2026-03-29 in Berlin: systemd skips that day.
        assert_eq!(
            runs("*-*-* 02:30", "2026-03-28T00:00:00Z", berlin, 3),
            ["2026-03-28T02:30:00+01:00", "2026-03-30T02:30:00+02:00", "2026-03-31T02:30:00+02:00"]
        );
        // Every hour at :30 runs at 03:30 CEST right after the gap.
        assert_eq!(
            runs("*:30", "2026-03-29T00:00:00Z", berlin, 3),
            ["2026-03-29T01:30:00+01:00", "2026-03-29T03:30:00+02:00", "2026-03-29T04:30:00+02:00"]
        );
        // The repeated hour of 2026-10-25 runs once, in the first pass (02:30 CEST, not 02:30 CET).
        assert_eq!(
            runs("*:30", "2026-10-24T23:45:00Z", berlin, 3),
            ["2026-10-25T02:30:00+02:00", "2026-10-25T03:30:00+01:00", "2026-10-25T04:30:00+01:00"]
        );
        // Australia/Lord_Howe moves 02:00 → 02:30: a quarter-hourly timer goes 01:45 → 02:30.
        let lord_howe = chrono_tz::Australia::Lord_Howe;
        assert_eq!(
            runs("*:0/15", "2026-10-03T15:00:00Z", lord_howe, 3),
            ["2026-10-04T01:45:00+10:30", "2026-10-04T02:30:00+11:00", "2026-10-04T02:45:00+11:00"]
        );
    }

    #[test]
    fn the_manual_examples_elapse_as_described() {
        let utc_zone = Tz::UTC;
        // "the third last day of February"
        assert_eq!(
            runs("*-02~03", "2026-01-01T00:00:00Z", utc_zone, 2),
            ["2026-02-26T00:00:00+00:00", "2027-02-26T00:00:00+00:00"]
        );
        // "the last Monday in May"
        assert_eq!(
            runs("Mon *-05~07/1", "2026-01-01T00:00:00Z", utc_zone, 2),
            ["2026-05-25T00:00:00+00:00", "2027-05-31T00:00:00+00:00"]
        );
        // "11:12:13 of the first or fifth day of any month of the year 2012, but only if that day is a Thursday
        // or Friday"
        assert_eq!(
            runs("Thu,Fri 2012-*-1,5 11:12:13", "2012-01-01T00:00:00Z", utc_zone, 3),
            ["2012-01-05T11:12:13+00:00", "2012-03-01T11:12:13+00:00", "2012-04-05T11:12:13+00:00"]
        );
        assert_eq!(
            runs("Mon..Fri *-*-* 09:00", "2026-03-27T12:00:00Z", utc_zone, 1),
            ["2026-03-30T09:00:00+00:00"]
        );
        // Fractions of seconds: the elapse carries the microseconds.
        let event = CalendarEvent::parse("*:*:0/7.5").unwrap();
        let next = event.next_after(utc("2026-01-01T00:00:00Z"), utc_zone).unwrap();
        assert_eq!(
            next,
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 7).unwrap()
                + chrono::TimeDelta::milliseconds(500)
        );
    }

    #[test]
    fn events_that_never_elapse_answer_none_quickly() {
        let start = std::time::Instant::now();
        for text in ["2003-02-30", "*-02-30", "2003-03-05 05:40", "*-04-31 12:00", "@1234567"] {
            let event = CalendarEvent::parse(text).unwrap();
            assert_eq!(
                event.next_after(utc("2026-01-01T00:00:00Z"), chrono_tz::Europe::Berlin),
                None,
                "{text}"
            );
        }
        // The last possible elapse, and none after it.
        let event = CalendarEvent::parse("2199-12-31 23:59:59").unwrap();
        let last = event.next_after(utc("2026-01-01T00:00:00Z"), Tz::UTC).unwrap();
        assert_eq!(last, utc("2199-12-31T23:59:59Z"));
        assert_eq!(event.next_after(last, Tz::UTC), None);
        assert!(start.elapsed() < std::time::Duration::from_secs(2), "{:?}", start.elapsed());
    }

    /// Random text from the grammar's own characters (and a few multi-byte ones): no panic, every error span lies
    /// on character boundaries inside the input, and every accepted event answers quickly in any zone.
    #[test]
    fn arbitrary_input_never_panics() {
        const PIECES: [&str; 24] = [
            "0",
            "1",
            "2",
            "5",
            "12",
            "31",
            "*",
            "-",
            "~",
            ":",
            ".",
            "..",
            ",",
            "/",
            " ",
            "Mon",
            "fri",
            "UTC",
            "Europe/Berlin",
            "é",
            "…",
            "daily",
            "@",
            "60",
        ];
        let mut state: u64 = 0x1234_5678_9abc_def1;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let zones = [
            Tz::UTC,
            chrono_tz::Europe::Berlin,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::Europe::Dublin,
        ];
        let after = utc("2026-03-28T22:00:00Z");
        let start = std::time::Instant::now();
        for _ in 0..5000 {
            let text: String = (0..1 + next(10)).map(|_| PIECES[next(PIECES.len())]).collect();
            match CalendarEvent::parse(&text) {
                Ok(event) => {
                    let zone = zones[next(zones.len())];
                    if let Some(first) = event.next_after(after, zone) {
                        assert!(first > after, "{text:?}");
                    }
                }
                Err(error) => {
                    assert!(
                        error.span.start <= error.span.end && error.span.end <= text.len(),
                        "{text:?}: {error:?}"
                    );
                    assert!(
                        text.is_char_boundary(error.span.start)
                            && text.is_char_boundary(error.span.end),
                        "{text:?}"
                    );
                    assert!(!error.message.is_empty());
                }
            }
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(20), "{:?}", start.elapsed());
    }
}
