//! The scheduler dialects: one module each, parsing its own syntax into something run times come from.
//!
//! Every dialect but `systemd` is a cron dialect and parses into a [`Schedule`] (the same fields, descriptions
//! and run computation as the Vixie form), after applying its own rules: which fields there are, how weekdays
//! are numbered, which of `?`, `L`, `W` and `#` it takes, whether a zone may be written in the expression, how far
//! its years run (EventBridge's to 2199, Quartz's and the Vixie 7-field form's to 2099).
//! `eventbridge` also takes `rate(5 minutes)` and `kubernetes` robfig/cron's `@every 1h30m`: both a fixed
//! interval counted from when the rule or the CronJob is created ([`Plan::Every`]), translated into each other and
//! into nothing else. `systemd` calendar events are parsed and evaluated by [`crate::systemd`].
//!
//! Zones and daylight saving: Kubernetes' `CRON_TZ=` prefix and a zone written in a systemd event fix the zone the
//! runs are computed in; GitHub Actions computes in UTC whatever zone the runs are shown in; the others compute in
//! the zone asked for (a Quartz trigger's, an EventBridge Scheduler schedule's, a CronJob's `spec.timeZone`).
//!
//! Daylight saving ([`crate::DstRule`]), per dialect, where a source pins the scheduler's rule:
//! - `vixie`: cronie's ([`crate::DstRule::Cronie`]): a fixed-time job skipped by spring-forward runs right
//!   after the gap and once in a repeated hour; a job whose minute or hour starts with `*` follows the wall clock.
//! - `kubernetes`: robfig/cron v3's ([`crate::DstRule::WallClock`]): every instant whose wall clock matches, so a
//!   time in the skipped hour does not run and one in the repeated hour runs twice, for every job. Pinned by
//!   robfig/cron's `spec_test.go` (`TestNext`, "2am nightly job (skipped)", "1am nightly job (runs twice)").
//! - `eventbridge`: EventBridge Scheduler's ([`crate::DstRule::SkipAndOnce`]): a time in the skipped hour does
//!   not run and one in the repeated hour runs once, as AWS documents it (Knowledge Center, "How can I adjust my
//!   Amazon EventBridge schedule for daylight saving?"); which pass runs is not documented, the first is assumed.
//!   Rules (`put-rule`) run in UTC, where none of this arises.
//! - `quartz`: Quartz's ([`crate::DstRule::Quartz`]): a time in the skipped hour does not run and one in the
//!   repeated hour runs once, on its second (standard-time) pass, as Quartz 2.3.2's `getTimeAfter` does on a
//!   lenient `GregorianCalendar` (checked with Quartz 2.3.2). Spring's `CronExpression` also skips the gap (its
//!   `CronExpressionTests`, `daylightSaving`) but steps a `ZonedDateTime`, which keeps the earlier offset in an
//!   overlap, so it runs a repeated time on the first pass.
//! - `github`: UTC, which has no daylight saving.
//! - `systemd`: systemd's own search ([`crate::systemd`]).
//!
//! A fixed interval (`rate()`, `@every`) ignores the wall clock: a `rate(1 day)` is 24 hours, as EventBridge
//! Scheduler documents. Translations between dialects with different rules are checked all the same, and a
//! difference on a change day is reported with both rules.
//!
//! ```
//! use devtools_cron::{Dialect, Expression};
//!
//! // Quartz: seconds first, `?` for "no specific day", weekdays 1-7 from Sunday (6 is Friday).
//! let quartz = Expression::parse(Dialect::Quartz, "0 15 10 ? * 6L").unwrap();
//! assert_eq!(quartz.describe(), "At 10:15:00 on the last Friday of the month");
//!
//! let error = Expression::parse(Dialect::Quartz, "0 0 12 1 * MON").unwrap_err();
//! assert_eq!(error.field(), Some(devtools_cron::FieldKind::DayOfWeek));
//! ```

pub mod eventbridge;
pub mod github;
pub mod kubernetes;
pub mod quartz;
pub mod systemd;
pub mod translate;
pub mod vixie;

use crate::error::{ErrorKind, ParseError};
use crate::field::FieldKind;
use crate::parse::{Bounds, Field, Item, parse_field_within};
use crate::schedule::{MAX_EXPRESSION_LEN, Schedule, split_words};
use chrono::{DateTime, TimeDelta, Timelike, Utc};
use chrono_tz::Tz;
use std::ops::Range;

/// The scheduler whose syntax and rules an expression follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Dialect {
    /// Vixie cron as cronie runs it: 5 fields (6 with seconds, 7 with a year), macros, OR of the day fields.
    #[default]
    Vixie,
    /// Quartz and Spring `@Scheduled`: seconds first, optional year, `?`, `L`, `W`, `#`, weekdays 1–7 from Sunday.
    Quartz,
    /// AWS EventBridge (CloudWatch Events) and EventBridge Scheduler: `cron(min hour dom month dow year)` with a
    /// mandatory `?`, or `rate(5 minutes)`.
    EventBridge,
    /// A Kubernetes CronJob's `schedule`: 5 fields or a macro, optionally after `CRON_TZ=` or `TZ=`.
    Kubernetes,
    /// A GitHub Actions `on: schedule: - cron:`: 5 fields, UTC.
    Github,
    /// A systemd timer's `OnCalendar=` calendar event.
    Systemd,
}

impl Dialect {
    /// Every dialect, the default first.
    pub const ALL: [Dialect; 6] = [
        Dialect::Vixie,
        Dialect::Quartz,
        Dialect::EventBridge,
        Dialect::Kubernetes,
        Dialect::Github,
        Dialect::Systemd,
    ];

    /// The name the API, the command line and the page use: `vixie`, `quartz`, `eventbridge`, `kubernetes`,
    /// `github`, `systemd`.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Vixie => "vixie",
            Dialect::Quartz => "quartz",
            Dialect::EventBridge => "eventbridge",
            Dialect::Kubernetes => "kubernetes",
            Dialect::Github => "github",
            Dialect::Systemd => "systemd",
        }
    }

    /// How people call it: `Vixie cron (crontab)`, `AWS EventBridge`.
    pub fn label(self) -> &'static str {
        match self {
            Dialect::Vixie => "Vixie cron (crontab)",
            Dialect::Quartz => "Quartz / Spring",
            Dialect::EventBridge => "AWS EventBridge",
            Dialect::Kubernetes => "Kubernetes CronJob",
            Dialect::Github => "GitHub Actions",
            Dialect::Systemd => "systemd OnCalendar",
        }
    }

    /// An expression in this dialect's own syntax for weekdays at 09:00: what the tool shows before anything is
    /// typed, so that choosing a dialect never starts with an error.
    pub fn example(self) -> &'static str {
        match self {
            Dialect::Vixie | Dialect::Kubernetes | Dialect::Github => "0 9 * * 1-5",
            Dialect::Quartz => "0 0 9 ? * MON-FRI",
            Dialect::EventBridge => "cron(0 9 ? * MON-FRI *)",
            Dialect::Systemd => "Mon..Fri *-*-* 09:00:00",
        }
    }

    /// The dialect of a name, ignoring case; `None` for any other text.
    pub fn from_name(name: &str) -> Option<Dialect> {
        Dialect::ALL.into_iter().find(|dialect| dialect.name().eq_ignore_ascii_case(name.trim()))
    }

    /// How the dialect numbers the days of the week, for its parser and the page's builder. systemd names its
    /// weekdays (`Mon..Fri`); a cron line composed for it anyway (a hand-made builder request) is Vixie's.
    pub(crate) fn weekdays(self) -> Weekdays {
        match self {
            Dialect::Vixie | Dialect::Systemd => Weekdays::ZeroToSeven,
            Dialect::Kubernetes | Dialect::Github => Weekdays::ZeroToSix,
            Dialect::Quartz | Dialect::EventBridge => Weekdays::OneToSeven,
        }
    }

    /// Whether a range whose end comes before its start wraps around (`22-2` is 22, 23, 0, 1, 2): Quartz's only.
    /// Quartz 2.3.2's `CronExpression.addToSet` wraps every field but the year ("Start year must be less than
    /// stop year"); cronie, robfig/cron v3 (`getRange`: "beginning of range after end of range") and Spring's
    /// `CronExpression` (`ValueRange.of` throws) refuse one, and the EventBridge User Guide ("Cron expressions
    /// reference") documents ranges only as "1-15 includes days 1 through 15", so the others refuse it with the
    /// list to write instead.
    pub(crate) fn wraps_ranges(self) -> bool {
        self == Dialect::Quartz
    }

    /// Whether the dialect writes `?` in one of the day fields and wants it in exactly one (Quartz, EventBridge):
    /// its parser holds expressions to [`question_rule`], and the page's builder writes the `?`.
    pub(crate) fn takes_question_mark(self) -> bool {
        matches!(self, Dialect::Quartz | Dialect::EventBridge)
    }
}

impl std::fmt::Display for Dialect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What run times come from.
#[derive(Debug, Clone)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)] // one per request; boxing buys nothing
pub enum Plan {
    /// Cron fields.
    Cron(Schedule),
    /// A systemd calendar event.
    Calendar(crate::systemd::CalendarEvent),
    /// A fixed interval counted from when the object is created: EventBridge's `rate(5 minutes)`, Kubernetes'
    /// `@every 1h30m`.
    Every(Interval),
}

/// A fixed interval between runs, in whole seconds: what EventBridge's `rate()` and robfig/cron's `@every` (a
/// Kubernetes CronJob's) mean. Neither follows the clock: the first run is one interval after the rule or the
/// CronJob is created, and each next one an interval later, whatever daylight saving does to the wall clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    seconds: u64,
}

impl Interval {
    /// The interval of `seconds` seconds; `None` for 0.
    pub fn from_seconds(seconds: u64) -> Option<Interval> {
        (seconds > 0 && i64::try_from(seconds).is_ok_and(|s| s <= TimeDelta::MAX.num_seconds()))
            .then_some(Interval { seconds })
    }

    /// The interval in seconds, at least 1.
    pub fn seconds(self) -> u64 {
        self.seconds
    }

    /// The interval as a time span.
    pub fn step(self) -> TimeDelta {
        TimeDelta::seconds(i64::try_from(self.seconds).unwrap_or(i64::MAX))
    }

    /// `Every 5 minutes`, `Every hour`, `Every 7 days`, `Every 90 minutes`: in the largest of days, hours and
    /// minutes that divides it, else in hours, minutes and seconds (`Every 1 minute and 30 seconds`).
    pub fn describe(self) -> String {
        let named = |amount: u64, name: &str| {
            if amount == 1 { format!("1 {name}") } else { format!("{amount} {name}s") }
        };
        for (size, name) in [(86_400, "day"), (3_600, "hour"), (60, "minute")] {
            if self.seconds.is_multiple_of(size) {
                let amount = self.seconds / size;
                return if amount == 1 {
                    format!("Every {name}")
                } else {
                    format!("Every {}", named(amount, name))
                };
            }
        }
        let (hours, minutes, seconds) =
            (self.seconds / 3_600, self.seconds / 60 % 60, self.seconds % 60);
        let parts: Vec<String> = [(hours, "hour"), (minutes, "minute"), (seconds, "second")]
            .into_iter()
            .filter(|(amount, _)| *amount > 0)
            .map(|(amount, name)| named(amount, name))
            .collect();
        match parts.as_slice() {
            [first @ .., last] if !first.is_empty() => {
                format!("Every {} and {last}", first.join(", "))
            }
            _ => format!("Every {}", parts.join("")).replace("Every 1 second", "Every second"),
        }
    }

    /// EventBridge's `rate(5 minutes)`, when the interval is whole minutes (in the largest unit that divides it).
    pub(crate) fn as_rate(self) -> Option<String> {
        let (amount, unit) = [(86_400, "day"), (3_600, "hour"), (60, "minute")]
            .into_iter()
            .find(|(size, _)| self.seconds.is_multiple_of(*size))
            .map(|(size, unit)| (self.seconds / size, unit))?;
        let amount = u32::try_from(amount).ok()?;
        Some(if amount == 1 {
            format!("rate(1 {unit})")
        } else {
            format!("rate({amount} {unit}s)")
        })
    }

    /// A Go duration robfig/cron reads back as this interval: `5m`, `1h30m`, `168h`, `1m30s`; `None` above
    /// [`kubernetes::GO_DURATION_MAX_SECONDS`], which Go's `time.ParseDuration` refuses.
    pub(crate) fn as_go_duration(self) -> Option<String> {
        if self.seconds > kubernetes::GO_DURATION_MAX_SECONDS {
            return None;
        }
        let (hours, minutes, seconds) =
            (self.seconds / 3_600, self.seconds / 60 % 60, self.seconds % 60);
        let mut text = String::new();
        for (amount, unit) in [(hours, "h"), (minutes, "m"), (seconds, "s")] {
            if amount > 0 {
                text.push_str(&format!("{amount}{unit}"));
            }
        }
        Some(text)
    }
}

/// An expression in a dialect, parsed.
#[derive(Debug, Clone)]
pub struct Expression {
    pub(crate) dialect: Dialect,
    pub(crate) source: String,
    pub(crate) plan: Plan,
    pub(crate) zone: Option<Tz>,
    pub(crate) cautions: Vec<String>,
}

impl Expression {
    /// Parses `input` by the rules of `dialect`. Errors name the field (when there is one) and the byte range of
    /// the offending text, as [`Schedule::parse`]'s do.
    pub fn parse(dialect: Dialect, input: &str) -> Result<Expression, ParseError> {
        if input.len() > MAX_EXPRESSION_LEN {
            return Err(ParseError::new(
                ErrorKind::TooLong { len: input.len() },
                None,
                MAX_EXPRESSION_LEN,
                input.len() - MAX_EXPRESSION_LEN,
            ));
        }
        if input.trim().is_empty() {
            return Err(ParseError::new(ErrorKind::Empty, None, 0, 0));
        }
        match dialect {
            Dialect::Vixie => vixie::parse(input),
            Dialect::Quartz => quartz::parse(input),
            Dialect::EventBridge => eventbridge::parse(input),
            Dialect::Kubernetes => kubernetes::parse(input),
            Dialect::Github => github::parse(input),
            Dialect::Systemd => systemd::parse(input),
        }
    }

    /// The dialect it was parsed in.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The expression as given, trimmed.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// What run times come from.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The cron schedule, for every dialect but a systemd event, a `rate()` and an `@every`.
    pub fn schedule(&self) -> Option<&Schedule> {
        match &self.plan {
            Plan::Cron(schedule) => Some(schedule),
            Plan::Every(_) | Plan::Calendar(_) => None,
        }
    }

    /// A zone written in the expression (Kubernetes' `CRON_TZ=`), which its runs follow whatever zone they are
    /// shown in.
    pub fn zone(&self) -> Option<Tz> {
        self.zone
    }

    /// The zone the scheduler evaluates the expression in when asked for `tz`: the zone written in it, UTC for
    /// GitHub Actions, else `tz`.
    pub fn evaluation_zone(&self, tz: Tz) -> Tz {
        match (self.zone, self.dialect) {
            (Some(zone), _) => zone,
            (None, Dialect::Github) => chrono_tz::UTC,
            _ => tz,
        }
    }

    /// The expression in plain English.
    pub fn describe(&self) -> String {
        match &self.plan {
            Plan::Cron(schedule) => schedule.describe(),
            Plan::Every(interval) => interval.describe(),
            Plan::Calendar(event) => systemd::describe(event),
        }
    }

    /// What may surprise about the expression in this dialect, joined: the schedule's own warning and the
    /// dialect's cautions (GitHub's delays, a zone prefix Kubernetes does not support officially).
    pub fn warning(&self) -> Option<String> {
        let own = self.schedule().and_then(Schedule::warning);
        let all: Vec<String> = own.into_iter().chain(self.cautions.iter().cloned()).collect();
        (!all.is_empty()).then(|| all.join(" "))
    }

    /// Whether it has no run times (`@reboot`, or no date matches; a systemd event that never elapses again
    /// after the Unix epoch).
    pub fn never_fires(&self) -> bool {
        match &self.plan {
            Plan::Cron(s) => s.is_reboot() || s.never_fires(),
            Plan::Calendar(event) => {
                event.next_after(DateTime::UNIX_EPOCH, chrono_tz::UTC).is_none()
            }
            Plan::Every(_) => false,
        }
    }

    /// Up to `count` runs strictly after `after`, computed in [`Expression::evaluation_zone`] and given in `tz`.
    /// A `rate()` or an `@every` counts from `after` (to the whole second), as if the rule or the CronJob were
    /// created then.
    pub fn runs_after(&self, after: DateTime<Utc>, tz: Tz, count: usize) -> Vec<DateTime<Tz>> {
        match &self.plan {
            Plan::Cron(schedule) => {
                if self.never_fires() {
                    return Vec::new();
                }
                schedule
                    .runs_after(after, self.evaluation_zone(tz))
                    .take(count)
                    .map(|run| run.with_timezone(&tz))
                    .collect()
            }
            Plan::Calendar(event) => event
                .next_n(after, self.evaluation_zone(tz), count)
                .into_iter()
                .map(|run| run.with_timezone(&tz))
                .collect(),
            Plan::Every(interval) => {
                // robfig/cron's ConstantDelaySchedule.Next drops the fraction of a second of the time it counts
                // from; EventBridge runs to the minute anyway.
                let start = after.with_nanosecond(0).unwrap_or(after);
                let step = interval.step();
                (1..=count)
                    .map_while(|k| {
                        let k = i32::try_from(k).ok()?;
                        Some(start.checked_add_signed(step.checked_mul(k)?)?.with_timezone(&tz))
                    })
                    .collect()
            }
        }
    }

    /// The runs strictly after `after` and up to `until`, at most `limit`, in UTC.
    pub(crate) fn runs_between(
        &self,
        after: DateTime<Utc>,
        until: DateTime<Utc>,
        tz: Tz,
        limit: usize,
    ) -> Vec<DateTime<Utc>> {
        let mut runs = Vec::new();
        if let Plan::Cron(schedule) = &self.plan {
            if schedule.is_reboot() {
                return runs;
            }
            for run in schedule.runs_after(after, self.evaluation_zone(tz)).take(limit) {
                if run.to_utc() > until {
                    break;
                }
                runs.push(run.to_utc());
            }
        } else {
            for run in self.runs_after(after, tz, limit) {
                if run.to_utc() > until {
                    break;
                }
                runs.push(run.to_utc());
            }
        }
        runs
    }
}

/// An error of a dialect's own rule at a byte range.
pub(crate) fn rule(
    message: impl Into<String>,
    field: Option<FieldKind>,
    span: Range<usize>,
) -> ParseError {
    let len = span.end.saturating_sub(span.start).max(1);
    ParseError::new(ErrorKind::Rule { message: message.into() }, field, span.start, len)
}

/// How a dialect numbers the days of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weekdays {
    /// 0–7, 0 and 7 Sunday (Vixie cron).
    ZeroToSeven,
    /// 0–6 from Sunday (robfig/cron, GitHub Actions).
    ZeroToSix,
    /// 1–7 from Sunday (Quartz, EventBridge).
    OneToSeven,
}

impl Weekdays {
    /// The number of Sunday, the first day: 1 where weekdays run 1–7, else 0.
    pub(crate) fn sunday(self) -> u32 {
        u32::from(self == Weekdays::OneToSeven)
    }

    fn range(self) -> &'static str {
        match self {
            Weekdays::ZeroToSeven => "0–7 or SUN–SAT",
            Weekdays::ZeroToSix => "0–6 or SUN–SAT",
            Weekdays::OneToSeven => "1–7 or SUN–SAT",
        }
    }
}

/// The numbers of a day-of-week field that are weekdays (not steps after `/` or occurrences after `#`), each with
/// its byte range in the field.
pub(crate) fn weekday_numbers(raw: &str) -> Vec<(u32, Range<usize>)> {
    let bytes = raw.as_bytes();
    let mut found = Vec::new();
    let mut keep = false;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if !keep {
                found.push((raw[start..i].parse().unwrap_or(u32::MAX), start..i));
            }
            continue;
        }
        match bytes[i] {
            b'/' | b'#' => keep = true,
            b',' | b'-' => keep = false,
            _ => {}
        }
        i += 1;
    }
    found
}

/// Parses the words of a cron expression as the fields `kinds`, numbering weekdays as `dialect` does and
/// wrapping ranges around where it does ([`Dialect::wraps_ranges`]).
pub(crate) fn parse_fields(
    kinds: &[FieldKind],
    words: &[(usize, &str)],
    dialect: Dialect,
) -> Result<Vec<Field>, ParseError> {
    let weekdays = dialect.weekdays();
    let parse_field = |kind: FieldKind, raw: &str, at: usize| {
        let bounds = Bounds { wraps: dialect.wraps_ranges(), ..Bounds::of(kind) };
        parse_field_within(kind, raw, at, bounds)
    };
    kinds
        .iter()
        .zip(words)
        .map(|(kind, (at, raw))| {
            if *kind != FieldKind::DayOfWeek || weekdays == Weekdays::ZeroToSeven {
                return parse_field(*kind, raw, *at);
            }
            // `L` alone in day-of-week is the last day of the week, Saturday (7), where weekdays run 1–7 from
            // Sunday: Quartz's tutorial ("Lesson 6: CronTrigger": "L" in day-of-week "simply means 7 or SAT", which
            // Quartz 2.3.2 runs on Saturdays) and the EventBridge User Guide ("The L wildcard in the Day-of-month or
            // Day-of-week fields specifies the last day of the month or week"). One character for one keeps every
            // position.
            let original: &str = raw;
            let with_l: String;
            let raw: &str = if weekdays == Weekdays::OneToSeven {
                with_l = raw
                    .split(',')
                    .map(|item| if item.eq_ignore_ascii_case("L") { "7" } else { item })
                    .collect::<Vec<_>>()
                    .join(",");
                &with_l
            } else {
                original
            };
            let numbers = weekday_numbers(raw);
            let low = weekdays.sunday();
            let high = low + 6;
            if let Some((value, span)) = numbers.iter().find(|(v, _)| !(low..=high).contains(v)) {
                let _ = value;
                let text = &raw[span.clone()];
                return Err(ParseError::new(
                    ErrorKind::OutOfRangeIn { value: text.to_owned(), range: weekdays.range() },
                    Some(*kind),
                    at + span.start,
                    span.len(),
                ));
            }
            // An unknown name's message gives the dialect's range, not Vixie's 0–7.
            let in_range = |error: ParseError| match error.kind() {
                ErrorKind::UnknownName { name } => ParseError::new(
                    ErrorKind::UnknownNameIn { name: name.clone(), range: weekdays.range() },
                    error.field(),
                    error.position(),
                    error.len(),
                ),
                _ => error,
            };
            if weekdays == Weekdays::ZeroToSix {
                // `N/step` runs to the field's end, which is 6 here: robfig/cron v3's `getRange` reads `1/2` as
                // `1-6/2` (its day-of-week bounds are 0–6), Monday, Wednesday and Friday, not the BSD `1-7/2`
                // that adds Sunday. GitHub Actions documents the same 0–6 range.
                let mut field = parse_field(*kind, raw, *at).map_err(in_range)?;
                end_steps_at(&mut field, raw, *at, 6);
                return Ok(field);
            }
            // 1–7 from Sunday: every weekday number is one digit, so the shifted text keeps every position.
            let mut shifted = raw.as_bytes().to_vec();
            for (value, span) in &numbers {
                shifted[span.end - 1] = b'0' + u8::try_from(value - 1).unwrap_or(0);
            }
            let shifted = String::from_utf8(shifted).unwrap_or_else(|_| raw.to_string());
            let mut field =
                parse_field(*kind, &shifted, *at).map_err(unshift_weekdays).map_err(in_range)?;
            field.raw = original.to_owned();
            // `N/step` runs to the field's end, Saturday (7 here), which is 6 once shifted, not Vixie's 7.
            end_steps_at(&mut field, raw, *at, 6);
            Ok(field)
        })
        .collect()
}

/// Makes every day-of-week `N/step` item (a step after one value, no range) of `field`, written as `raw` at byte
/// `offset`, run to `last` rather than the parser's 7, and recomputes its values.
fn end_steps_at(field: &mut Field, raw: &str, offset: usize, last: u32) {
    for (item, span) in &mut field.items {
        let text = &raw[span.start - offset..span.end - offset];
        if let Item::Range { end, .. } = item
            && *end == 7
            && text.contains('/')
            && !text.contains('-')
        {
            *end = last;
        }
    }
    field.recompute();
}

/// A backwards range's numbers and fix, read in weekdays shifted to 0–6, put back in 1–7 from Sunday: Quartz's
/// `6-2` (Friday through Monday) was parsed as `5-1`, and its fix `5-6,0-1` is `6-7,1-2`.
fn unshift_weekdays(error: ParseError) -> ParseError {
    let ErrorKind::ReversedRange { start, end, fix } = error.kind() else { return error };
    let mut unshifted = fix.as_bytes().to_vec();
    for (value, span) in weekday_numbers(fix) {
        if let (Some(byte), Ok(digit)) = (unshifted.get_mut(span.end - 1), u8::try_from(value + 1))
            && span.len() == 1
        {
            *byte = b'0' + digit;
        }
    }
    let kind = ErrorKind::ReversedRange {
        start: start + 1,
        end: end + 1,
        fix: String::from_utf8(unshifted).unwrap_or_else(|_| fix.clone()),
    };
    ParseError::new(kind, error.field(), error.position(), error.len())
}

/// Refuses `L`, `W` and `#` items, which `who` does not have.
pub(crate) fn refuse_specials(fields: &[Field], who: &str) -> Result<(), ParseError> {
    for field in fields {
        for (item, span) in &field.items {
            if item.is_special() {
                let text = &field.raw[span.start - field.span.start..span.end - field.span.start];
                return Err(rule(
                    format!(
                        "\"{text}\" is not allowed: {who} has no L, W or # (they are Quartz extensions)"
                    ),
                    Some(field.kind),
                    span.clone(),
                ));
            }
        }
    }
    Ok(())
}

/// The words of a cron expression, or an error naming how many fields `layout` wants.
pub(crate) fn words<'a>(
    input: &'a str,
    counts: &[usize],
    layout: &str,
) -> Result<Vec<(usize, &'a str)>, ParseError> {
    let words = split_words(input);
    if counts.contains(&words.len()) {
        return Ok(words);
    }
    let offset = input.len() - input.trim_start().len();
    let span = offset..input.trim_end().len();
    Err(rule(format!("expected {layout}; found {} fields", words.len()), None, span))
}

/// The field of a kind.
pub(crate) fn field_of(fields: &[Field], kind: FieldKind) -> Option<&Field> {
    fields.iter().find(|field| field.kind == kind)
}

/// Quartz's and EventBridge's rule: `?` in exactly one of day-of-month and day-of-week; none for a dialect that
/// takes no `?` ([`Dialect::takes_question_mark`]). `who` names the dialect in the messages; `star_ok` allows a
/// `*` in place of the `?` (Spring), returning a caution that Quartz itself would refuse it.
pub(crate) fn question_rule(
    fields: &[Field],
    dialect: Dialect,
    who: &str,
    star_ok: bool,
) -> Result<Option<String>, ParseError> {
    let (true, Some(dom), Some(dow)) = (
        dialect.takes_question_mark(),
        field_of(fields, FieldKind::DayOfMonth),
        field_of(fields, FieldKind::DayOfWeek),
    ) else {
        return Ok(None);
    };
    let q = |field: &Field| field.raw == "?";
    if q(dom) && q(dow) {
        return Err(rule(
            format!(
                "{who} takes ? in day-of-month or day-of-week, not both; name the days in the other (* for every day)"
            ),
            Some(FieldKind::DayOfWeek),
            dow.span(),
        ));
    }
    if q(dom) || q(dow) {
        return Ok(None);
    }
    let star = |field: &Field| field.raw == "*";
    if star_ok && (star(dom) || star(dow)) {
        return Ok(Some(format!(
            "{who}'s CronExpression wants ? in day-of-month or day-of-week and refuses this; Spring's CronExpression accepts it."
        )));
    }
    Err(rule(
        format!(
            "{who} cannot combine day-of-month with day-of-week: write ? in one of them (\"? * {}\" for these weekdays, \"{} * ?\" for these days of the month)",
            dow.raw, dom.raw
        ),
        Some(FieldKind::DayOfWeek),
        dow.span(),
    ))
}

/// What the dialects' tests ask of a parser, written once: runs as text and a refusal's parts.
#[cfg(test)]
pub(crate) mod test_support {
    use super::Expression;
    use crate::ParseError;
    use chrono_tz::Tz;

    /// RFC 3339 as `runs_in` formats it: the zone's offset, seconds, no fraction (as `to_rfc3339` writes a run).
    pub(crate) const RFC_3339: &str = "%+";

    /// The first `n` runs of `parse(expr)` after `from` (RFC 3339) in `zone`, formatted with `format`: the
    /// dialects' tests read runs in UTC as `%Y-%m-%d %H:%M`, and across daylight-saving changes as [`RFC_3339`].
    pub(crate) fn runs_in(
        parse: impl Fn(&str) -> Result<Expression, ParseError>,
        zone: Tz,
        format: &str,
        expr: &str,
        from: &str,
        n: usize,
    ) -> Vec<String> {
        let e = parse(expr).unwrap_or_else(|e| panic!("{expr}: {e}"));
        let from = chrono::DateTime::parse_from_rfc3339(from).unwrap().to_utc();
        e.runs_after(from, zone, n).iter().map(|t| t.format(format).to_string()).collect()
    }

    /// The message, position and length of `parse(expr)`'s error.
    pub(crate) fn refused_with(
        parse: fn(&str) -> Result<Expression, ParseError>,
        expr: &str,
    ) -> (String, usize, usize) {
        let e = parse(expr).expect_err(expr);
        (e.to_string(), e.position(), e.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_runs(dialect: Dialect, expr: &str, from: &str, n: usize) -> Vec<String> {
        let parse = |expr: &str| Expression::parse(dialect, expr);
        test_support::runs_in(parse, chrono_tz::UTC, "%Y-%m-%d", expr, from, n)
    }

    #[test]
    fn every_dialects_example_is_weekdays_at_nine() {
        let runs = |dialect: Dialect| {
            let parse = |expr: &str| Expression::parse(dialect, expr);
            let format = "%a %H:%M:%S";
            test_support::runs_in(
                parse,
                chrono_tz::UTC,
                format,
                dialect.example(),
                "2026-01-02T12:00:00Z",
                3,
            )
        };
        for dialect in Dialect::ALL {
            assert_eq!(
                runs(dialect),
                ["Mon 09:00:00", "Tue 09:00:00", "Wed 09:00:00"],
                "{dialect:?}"
            );
        }
    }

    /// `L`, `W` and `#` as Cronos (HangfireIO/Cronos, `CronExpressionFacts`: "LW", "nW" never crossing the month,
    /// "#5" skipping months without a fifth such weekday, "5L") and cron-utils (`ExecutionTime` tests for the nth
    /// and the last weekday) test them, each in the Vixie form and the Quartz one.
    #[test]
    fn month_dependent_days_as_cronos_and_cron_utils_test_them() {
        let cases = [
            // 1W: 2026-02-01 is a Sunday, so Monday the 2nd; 2026-08-01 is a Saturday, so Monday the 3rd (not
            // Friday 31 July: W stays in the month).
            ("0 0 1W * *", "0 0 0 1W * ?", "2026-01-15T00:00:00Z", vec!["2026-02-02"]),
            ("0 0 1W * *", "0 0 0 1W * ?", "2026-07-15T00:00:00Z", vec!["2026-08-03"]),
            // 31W: 2026-05-31 is a Sunday, so Friday the 29th.
            ("0 0 31W * *", "0 0 0 31W * ?", "2026-05-01T00:00:00Z", vec!["2026-05-29"]),
            // 15W: 2026-08-15 is a Saturday, so Friday the 14th.
            ("0 0 15W * *", "0 0 0 15W * ?", "2026-08-01T00:00:00Z", vec!["2026-08-14"]),
            // LW: 2026-01-31 is a Saturday, so Friday the 30th; L: 28 February 2026.
            (
                "0 0 LW * *",
                "0 0 0 LW * ?",
                "2026-01-01T00:00:00Z",
                vec!["2026-01-30", "2026-02-27"],
            ),
            ("0 0 L * *", "0 0 0 L * ?", "2026-02-01T00:00:00Z", vec!["2026-02-28", "2026-03-31"]),
            // The fifth Monday: only March and June have one in the first half of 2026.
            (
                "0 0 * * 1#5",
                "0 0 0 ? * 2#5",
                "2026-01-01T00:00:00Z",
                vec!["2026-03-30", "2026-06-29"],
            ),
            // The last Friday.
            (
                "0 0 * * 5L",
                "0 0 0 ? * 6L",
                "2026-02-01T00:00:00Z",
                vec!["2026-02-27", "2026-03-27"],
            ),
            // Names: the first Monday.
            (
                "0 0 * * MON#1",
                "0 0 0 ? * MON#1",
                "2026-01-01T00:00:00Z",
                vec!["2026-01-05", "2026-02-02"],
            ),
        ];
        for (vixie, quartz, from, expected) in cases {
            let n = expected.len();
            assert_eq!(first_runs(Dialect::Vixie, vixie, from, n), expected, "{vixie}");
            assert_eq!(first_runs(Dialect::Quartz, quartz, from, n), expected, "{quartz}");
        }
    }

    /// A backwards range's error gives the literal fix, in the dialect's numbering and the user's style, and the
    /// fix pasted over the underlined text parses in that dialect, matching what wrapping around means.
    #[test]
    fn a_backwards_ranges_fix_parses_in_its_dialect() {
        use FieldKind::{DayOfMonth, DayOfWeek, Hour, Minute, Month, Year};
        let cases: &[(Dialect, &str, &str, FieldKind, &[u32])] = &[
            (Dialect::Vixie, "0 22-2 * * *", "22-23,0-2", Hour, &[0, 1, 2, 22, 23]),
            (Dialect::Vixie, "0 23-0 * * *", "23,0", Hour, &[0, 23]),
            (Dialect::Vixie, "50-5/5 * * * *", "50-59/5,0-5/5", Minute, &[0, 5, 50, 55]),
            (Dialect::Vixie, "0 0 * * FRI-MON", "FRI-SAT,SUN-MON", DayOfWeek, &[0, 1, 5, 6]),
            (Dialect::Vixie, "0 0 * * fri-mon", "fri-sat,sun-mon", DayOfWeek, &[0, 1, 5, 6]),
            (Dialect::Vixie, "0 0 * * 5-1", "5-6,0-1", DayOfWeek, &[0, 1, 5, 6]),
            (Dialect::Vixie, "0 0 * * SAT-1", "SAT,0-1", DayOfWeek, &[0, 1, 6]),
            (Dialect::Vixie, "0 0 * * 7-2", "0-2", DayOfWeek, &[0, 1, 2]),
            (
                Dialect::Vixie,
                "0 0 25-5 * *",
                "25-31,1-5",
                DayOfMonth,
                &[1, 2, 3, 4, 5, 25, 26, 27, 28, 29, 30, 31],
            ),
            (Dialect::Vixie, "0 0 1 NOV-FEB *", "NOV-DEC,JAN-FEB", Month, &[1, 2, 11, 12]),
            (Dialect::Vixie, "0 0 1 1 * * 2030-2027", "2027-2030", Year, &[2027, 2028, 2029, 2030]),
            // Quartz wraps every range around but a year's (`only_quartz_wraps_ranges_around`).
            (
                Dialect::Quartz,
                "0 0 0 1 1 ? 2030-2027",
                "2027-2030",
                Year,
                &[2027, 2028, 2029, 2030],
            ),
            (Dialect::EventBridge, "cron(0 0 ? * 6-2/2 *)", "6-7/2,1-2/2", DayOfWeek, &[0, 5]),
            (Dialect::EventBridge, "cron(0 22-2 * * ? *)", "22-23,0-2", Hour, &[0, 1, 2, 22, 23]),
            (Dialect::EventBridge, "cron(0 0 1 1 ? 2150-2100)", "2100-2150", Year, &[]),
            (Dialect::Kubernetes, "0 0 * * FRI-MON", "FRI-SAT,SUN-MON", DayOfWeek, &[0, 1, 5, 6]),
            (Dialect::Kubernetes, "0 0 * * 5-1", "5-6,0-1", DayOfWeek, &[0, 1, 5, 6]),
            (Dialect::Github, "0 22-2 * * 1-5", "22-23,0-2", Hour, &[0, 1, 2, 22, 23]),
        ];
        for &(dialect, expr, fix, kind, values) in cases {
            let error = Expression::parse(dialect, expr).expect_err(expr);
            let ErrorKind::ReversedRange { fix: given, .. } = error.kind() else {
                panic!("{dialect} {expr}: {error}");
            };
            assert_eq!(given, fix, "{dialect} {expr}");
            assert!(error.to_string().ends_with(fix), "{dialect} {expr}: {error}");
            assert!(!error.to_string().contains("max"), "{error}");
            let span = error.position()..error.position() + error.len();
            let fixed = format!("{}{fix}{}", &expr[..span.start], &expr[span.end..]);
            let parsed = Expression::parse(dialect, &fixed)
                .unwrap_or_else(|e| panic!("{dialect} {fixed}: {e}"));
            let field = parsed.schedule().and_then(|s| s.field(kind)).unwrap();
            if !values.is_empty() {
                assert_eq!(field.values(), values, "{dialect} {fixed}");
            }
        }
    }

    /// Quartz 2.3.2 wraps a range whose end comes before its start around (`22-2` is 22, 23, 0, 1, 2; the runs
    /// are pinned in `quartz::tests`); cronie and robfig/cron v3 refuse it ("beginning of range (22) beyond end
    /// of range (2)"), and AWS documents no wrapping, so the other cron dialects refuse it with the list to write.
    #[test]
    fn only_quartz_wraps_ranges_around() {
        use FieldKind::{DayOfMonth, DayOfWeek, Hour, Minute, Month};
        let cases: &[(&str, &str, FieldKind, &[u32])] = &[
            ("0 0 22-2 * * ?", "0 22-2 * * *", Hour, &[0, 1, 2, 22, 23]),
            ("0 0 22-2/2 * * ?", "0 22-2/2 * * *", Hour, &[0, 2, 22]),
            ("0 50-10/15 * * * ?", "50-10/15 * * * *", Minute, &[5, 50]),
            ("0 0 0 ? * FRI-MON", "0 0 * * FRI-MON", DayOfWeek, &[0, 1, 5, 6]),
            ("0 0 0 ? * 6-2", "0 0 * * 5-1", DayOfWeek, &[0, 1, 5, 6]),
            ("0 0 0 ? * 6-2/2", "0 0 * * 5-1/2", DayOfWeek, &[0, 5]),
            ("0 0 0 ? * 7-1", "0 0 * * 6-0", DayOfWeek, &[0, 6]),
            ("0 0 0 25-5/3 * ?", "0 0 25-5/3 * *", DayOfMonth, &[3, 25, 28, 31]),
            ("0 0 0 ? NOV-FEB *", "0 0 * NOV-FEB *", Month, &[1, 2, 11, 12]),
        ];
        for &(quartz, five, kind, values) in cases {
            let parsed = Expression::parse(Dialect::Quartz, quartz)
                .unwrap_or_else(|e| panic!("{quartz}: {e}"));
            let field = parsed.schedule().and_then(|s| s.field(kind)).unwrap();
            assert_eq!(field.values(), values, "{quartz}");
            for dialect in [Dialect::Vixie, Dialect::Kubernetes, Dialect::Github] {
                let error = Expression::parse(dialect, five).expect_err(five);
                assert!(
                    matches!(error.kind(), ErrorKind::ReversedRange { .. }),
                    "{dialect} {five}: {error}"
                );
            }
            let words: Vec<&str> = quartz.split(' ').collect();
            let eventbridge = format!("cron({} *)", words[1..].join(" "));
            let error =
                Expression::parse(Dialect::EventBridge, &eventbridge).expect_err(&eventbridge);
            assert!(
                matches!(error.kind(), ErrorKind::ReversedRange { .. }),
                "{eventbridge}: {error}"
            );
        }
    }

    #[test]
    fn names_and_the_empty_input() {
        assert_eq!(Dialect::from_name(" Quartz "), Some(Dialect::Quartz));
        assert_eq!(Dialect::from_name("cronie"), None);
        for dialect in Dialect::ALL {
            assert_eq!(Dialect::from_name(dialect.name()), Some(dialect));
            let error = Expression::parse(dialect, "  ").unwrap_err();
            assert!(matches!(error.kind(), ErrorKind::Empty), "{dialect}");
            let long = "1".repeat(MAX_EXPRESSION_LEN + 1);
            assert!(matches!(
                Expression::parse(dialect, &long).unwrap_err().kind(),
                ErrorKind::TooLong { .. }
            ));
        }
    }

    /// Arbitrary text never panics in any dialect, and every error span lies inside the input on character
    /// boundaries.
    #[test]
    fn arbitrary_input_never_panics() {
        let pieces = [
            "0", "7", "1-5", "*/2", "?", "L", "W", "#", "L-2", "MON", "cron(", "rate(", ")", " ",
            "CRON_TZ=", "é", "..", "~", ":", "-", ",",
        ];
        let mut seed = 0x2545_f491_u64;
        for _ in 0..3000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut text = String::new();
            for _ in 0..(seed % 9) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            for dialect in Dialect::ALL {
                if let Err(error) = Expression::parse(dialect, &text) {
                    let end = error.position() + error.len();
                    assert!(end <= text.len().max(1) + 1, "{dialect} {text:?}: {error}");
                }
            }
        }
    }
}
