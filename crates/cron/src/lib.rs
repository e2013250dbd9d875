//! Parse, describe and preview crontab schedules with Vixie cron semantics in any time zone: the library behind
//! the devtools cron page, its JSON API and `devtools cron`.
//!
//! [`answer`] gives exactly what the site shows for an expression: the plain-English description, each field
//! with its values, the next runs in a time zone and any warning, or the same error the page and the API show
//! (an [`AnswerError`] with a kind such as `invalid_expression`, a message and where the fault is).
//!
//! # Example
//!
//! ```
//! use devtools_cron::{CronRequest, answer};
//!
//! let request = CronRequest {
//!     expr: "*/15 9-17 * * MON-FRI".into(),
//!     tz: Some("Europe/Berlin".into()),
//!     count: Some("3".into()),
//!     from: Some("2026-03-27T12:00:00Z".into()),
//! };
//! let answer = answer(&request)?;
//! println!("{}", answer.description);
//! for run in &answer.next {
//!     println!("{}", run.to_rfc3339());
//! }
//! assert_eq!(
//!     answer.description,
//!     "At every 15th minute past every hour from 9 through 17 on every day-of-week from Monday through Friday"
//! );
//! assert_eq!(answer.next[0].to_rfc3339(), "2026-03-27T13:15:00+01:00");
//!
//! // The page, the API and the command line refuse a bad input with this same error.
//! let error = devtools_cron::answer(&CronRequest { expr: "0 60 * * *".into(), ..CronRequest::default() })
//!     .unwrap_err();
//! assert_eq!(error.kind(), "invalid_expression");
//! assert_eq!(error.message(), "hour: 60 is out of range 0–23");
//! # Ok::<(), devtools_cron::AnswerError>(())
//! ```
//!
//! # The schedule
//!
//! [`Schedule::parse`] reads the standard 5-field crontab form (minute hour day-of-month month day-of-week), 6
//! fields with seconds first, 7 with a year last, and the `@` macros including `@reboot`. A schedule describes
//! itself in plain English ([`Schedule::describe`]), breaks down field by field ([`Schedule::fields`], each with
//! its text, meaning and concrete values), and lists its runs after any instant in any IANA time zone
//! ([`Schedule::runs_after`]). Every parse error names the field, the offending text and its byte position.
//!
//! The semantics are Vixie cron's, as in cronie, croniter and crontab.guru:
//! - when day-of-month and day-of-week are both restricted, a day matches if *either* matches; a field that starts
//!   with `*` or `?` (including `*/2`) counts as unrestricted, and then both must match;
//! - 0 and 7 are both Sunday; month and weekday names are three letters, case-insensitive;
//! - daylight-saving changes follow cronie: a fixed-time job (minute and hour fields not starting with `*`) whose
//!   time falls in the skipped hour runs once right after the gap, and runs once (the first pass) in a repeated
//!   hour; other jobs follow the wall clock, with no runs in the skipped hour and runs in both passes of the
//!   repeated one. Runs come out strictly increasing.
//!
//! The Quartz extensions `L`, `LW`, `15W` (day-of-month), `5L` and `MON#2` (day-of-week) are accepted too, and
//! `5/15` means `5-59/15`: a step after one value runs to the field's maximum, as in BSD cron. In day-of-week
//! that maximum is 7 (Sunday), so `1/2` is Monday, Wednesday, Friday and Sunday; croniter stops at 6 and leaves
//! Sunday out, and the answer's warning says so. cronie has none of these: in the `vixie` dialect the answer
//! cautions that crontab refuses such a line, and how to write it in crontab(5) syntax (`5-59/15`). Ranges must
//! run forwards (`22-2` is refused with a hint).
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use devtools_cron::Schedule;
//!
//! let schedule = Schedule::parse("30 2 * * *").unwrap();
//! assert_eq!(schedule.describe(), "At 02:30");
//!
//! // 2026-03-08 02:30 does not exist in New York: the job runs right after the gap, at 03:00 EDT.
//! let after = Utc.with_ymd_and_hms(2026, 3, 7, 12, 0, 0).unwrap();
//! let runs: Vec<String> =
//!     schedule.runs_after(after, chrono_tz::America::New_York).take(2).map(|t| t.to_rfc3339()).collect();
//! assert_eq!(runs, ["2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"]);
//!
//! let error = Schedule::parse("60 * * * *").unwrap_err();
//! assert_eq!(error.to_string(), "minute: 60 is out of range 0–59");
//! assert_eq!(error.position(), 0);
//! ```
//!
//! # Dialects
//!
//! [`Expression::parse`] reads an expression by the rules of a [`Dialect`]: `vixie` (the above, the default),
//! `quartz` (Quartz and Spring: seconds first, `?`, weekdays 1–7 from Sunday), `eventbridge` (`cron(...)` with a
//! year and a mandatory `?`, or `rate(5 minutes)`), `kubernetes` (a `CRON_TZ=` prefix, robfig/cron's rules,
//! `@every 1h30m`) and
//! `github` (UTC only, at most every 5 minutes) and `systemd` (a timer's `OnCalendar=`, evaluated by
//! [`systemd`]), each in its module under [`dialect`]. Each follows its scheduler's daylight-saving rule where a
//! source pins it ([`DstRule`]: robfig/cron's for Kubernetes, EventBridge Scheduler's, Quartz's, cronie's otherwise; see
//! [`dialect`]). [`answer_in`] is [`answer`] in a dialect, with the
//! expression translated into the other dialects ([`dialect::translate`]), each translation checked by comparing
//! both run lists over two years.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use devtools_cron::{Dialect, Expression};
//!
//! // At 10:15 on the third Friday of every month: Quartz numbers weekdays from 1 = Sunday.
//! let quartz = Expression::parse(Dialect::Quartz, "0 15 10 ? * 6#3")?;
//! assert_eq!(quartz.describe(), "At 10:15:00 on the third Friday of the month");
//! let after = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
//! let runs = quartz.runs_after(after, chrono_tz::Europe::Berlin, 2);
//! assert_eq!(runs[0].to_rfc3339(), "2026-01-16T10:15:00+01:00");
//!
//! // Quartz refuses a day-of-month and a day-of-week together, and says where.
//! let error = Expression::parse(Dialect::Quartz, "0 0 12 1 * MON").unwrap_err();
//! assert_eq!((error.position(), error.len()), (11, 3));
//!
//! // A systemd timer's calendar event, in the zone written in it.
//! let timer = Expression::parse(Dialect::Systemd, "Mon..Fri *-*-* 09:00 Europe/Berlin")?;
//! assert_eq!(timer.runs_after(after, chrono_tz::UTC, 1)[0].to_rfc3339(), "2026-01-01T08:00:00+00:00");
//! # Ok::<(), devtools_cron::ParseError>(())
//! ```
//!
//! # Engine
//!
//! Matching wall-clock times are found by [croner](https://docs.rs/croner), fed a normalised numeric pattern; this
//! crate adds what croner lacks: the parser with positions and the per-field breakdown, the English wording, the
//! Vixie rule for `*/2`-style fields (croner applies it only to a bare `*`), and cronie's daylight-saving rules
//! (croner calls `30 1,2 * * *` a wildcard job and would skip 02:30 at spring-forward).
//!
//! The [`cron`](https://docs.rs/cron) crate (0.17) was considered and rejected for a Unix cron tool: it refuses
//! 5-field expressions, ANDs day-of-month with day-of-week, numbers weekdays from 1 = Sunday, skips a whole day
//! at the spring-forward change, and yields runs out of order for `0 */30 1 * * *` at fall-back.
//!
//! # Crate features
//!
//! The default build is the plain library (the engine and [`answer`]), with no web or command-line dependencies.
//!
//! - `web`: the `/cron` page, its syntax reference at `/cron/reference` and the `GET /api/cron` JSON API for the
//!   devtools host (axum, minijinja, utoipa).
//! - `cli`: the `devtools cron` subcommand, its arguments and its text view (clap).

#![deny(missing_docs)]

mod answer;
#[cfg(feature = "cli")]
pub mod cli;
mod describe;
pub mod dialect;
mod error;
mod field;
mod parse;
mod runs;
mod schedule;
pub mod systemd;
#[cfg(feature = "web")]
pub mod web;

pub use answer::{
    CronAnswer, CronField, CronRequest, DEFAULT_COUNT, MAX_COUNT, MAX_FROM, MIN_FROM, answer,
    answer_in,
};
/// Re-exported so callers handle the answer's error without depending on devtools-kit themselves.
pub use devtools_kit::{AnswerError, ErrorClass, Location};
pub use dialect::{Dialect, Expression, Interval, Plan};
pub use error::{ErrorKind, ParseError};
pub use field::{FieldKind, MONTH_NAMES, MONTHS, WEEKDAY_NAMES, WEEKDAYS};
pub use parse::{Field, Item};
pub use runs::{DstRule, Runs};
pub use schedule::{MACROS, MAX_EXPRESSION_LEN, Schedule};

/// Re-exported so callers name zones without depending on chrono-tz themselves.
pub use chrono_tz::Tz;

/// The tool as the devtools host lists it.
pub const META: devtools_kit::ToolMeta = devtools_kit::ToolMeta {
    slug: "cron",
    name: "Cron Expression Generator",
    summary: "Build and parse cron expressions visually. Generate human-readable descriptions and preview next execution times.",
    label: "cron",
    related: &["regex", "http-status"],
    keywords: &[
        "crontab",
        "cron job",
        "schedule",
        "quartz",
        "vixie",
        "cronie",
        "next run",
        "every 5 minutes",
        "timer",
        "scheduler",
        "time zone",
        "dst",
    ],
};

/// The README's example, run as a doctest so it cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
