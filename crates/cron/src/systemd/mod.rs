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
//!   first pass when coming from before the change), as glibc's `mktime` resolves it;
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

    /// The time zone written at the end of the expression (`UTC`, `Europe/Berlin`), if any.
    pub fn zone(&self) -> Option<Tz> {
        if self.spec.utc { Some(Tz::UTC) } else { self.spec.zone }
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
