//! Run times in a time zone, with each scheduler's daylight-saving rule ([`DstRule`]; cronie's by default).
//!
//! croner finds the matching wall-clock times (on `NaiveDateTime`, so no zone interferes); this module maps each
//! onto instants of the zone. croner can do that mapping itself, but it classifies a job as fixed-time only when
//! its second, minute and hour are single values, while cronie looks at whether the minute and hour fields start
//! with `*`: for `30 1,2 * * *` croner would skip 02:30 at spring-forward and run 01:30 twice at fall-back, where
//! cronie runs 02:30 at 03:00 and 01:30 once.
//!
//! The rules, for a wall-clock time `t` that matches:
//! - `t` exists once: one run.
//! - `t` is in the repeated hour at fall-back: a fixed-time job runs on the first pass only; a job whose minute
//!   or hour starts with `*` runs on both passes.
//! - `t` is in the skipped hour at spring-forward: a fixed-time job runs once, at the first instant after the gap
//!   (several such times collapse into that one run); other jobs do not run.

use crate::schedule::Schedule;
use chrono::offset::LocalResult;
use chrono::{DateTime, Datelike, NaiveDateTime, Offset, TimeDelta, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use croner::Cron;
use std::collections::BTreeSet;

/// What a scheduler does with a matching wall-clock time that daylight saving skips or repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum DstRule {
    /// cronie (Vixie cron, and every dialect nothing else pins): a fixed-time job (minute and hour fields not
    /// starting with `*`) runs once right after a skipped time and once, on the first pass, in a repeated hour;
    /// other jobs follow the wall clock, with no runs in the skipped hour and runs on both passes of the repeated
    /// one. Source: cronie's `cron.c` (its daylight-saving handling), checked in this module's tests.
    #[default]
    Cronie,
    /// robfig/cron v3, which runs Kubernetes CronJobs: every instant whose wall clock matches, for every job. A
    /// time in the skipped hour does not run; a time in the repeated hour runs on both passes. Source: robfig/cron
    /// v3 `spec.go` (`SpecSchedule.Next` walks absolute time and tests the wall clock) and `spec_test.go`
    /// (`TestNext`: "2am nightly job (skipped)", "1am nightly job (runs twice)").
    WallClock,
    /// EventBridge Scheduler: a time in the skipped hour does not run; a time in the repeated hour runs once, for
    /// every job (Spring's `CronExpression` behaves so too; the `quartz` dialect follows Quartz, [`DstRule::Quartz`]).
    /// Which pass is not documented; the first (the earlier instant) is assumed. Source: AWS
    /// Knowledge Center, "How can I adjust my Amazon EventBridge schedule for daylight saving?" ("your schedule
    /// invocation gets skipped if the cron expression falls on a non-existent date and time ... your schedule runs
    /// only once and doesn't repeat its invocation").
    SkipAndOnce,
    /// Quartz 2.3.2's `CronExpression.getTimeAfter` (the `quartz` dialect): a time in the skipped hour does not run;
    /// a time in the repeated hour runs once, on its second (standard-time) pass, for every job, since Quartz
    /// sets the wall-clock fields of a lenient `GregorianCalendar`, which resolves a repeated time to standard
    /// time. The search goes on from the wall clock of the last run, so from the first pass the rest of the
    /// repeated hour is not run again. Checked with Quartz 2.3.2 (Debian's libquartz2-java): `0 0/30 * * * ?` in
    /// Europe/Berlin from 2024-10-26T23:00Z runs 23:30Z, 01:00Z, 01:30Z, 02:00Z; `0 30 2 * * ?` from
    /// 2024-10-26T22:00Z runs 01:30Z; `0 30 2 * * ?` skips 2024-03-31.
    Quartz,
}

impl DstRule {
    /// Whether a time in the skipped hour runs at the end of the gap, for a job of this class.
    fn runs_after_gap(self, fixed: bool) -> bool {
        self == DstRule::Cronie && fixed
    }

    /// Whether a time in the repeated hour runs on both passes, for a job of this class.
    fn runs_both_passes(self, fixed: bool) -> bool {
        match self {
            DstRule::Cronie => !fixed,
            DstRule::WallClock => true,
            DstRule::SkipAndOnce | DstRule::Quartz => false,
        }
    }

    /// Whether a time in the repeated hour that runs once runs on the second pass rather than the first.
    fn later_pass(self) -> bool {
        self == DstRule::Quartz
    }
}

/// The longest a wall-clock range can repeat or be skipped; no zone has changed its clock by more than a day.
const MAX_SHIFT: TimeDelta = TimeDelta::days(1);

/// Run times strictly after an instant, in increasing order, as produced by [`Schedule::runs_after`].
#[derive(Debug, Clone)]
pub struct Runs {
    cron: Option<Cron>,
    /// Quartz's `L-n`: only the day `n` days before the month's last.
    last_day_offset: Option<u32>,
    tz: Tz,
    after: DateTime<Utc>,
    /// A time in the skipped hour runs when the gap ends (cronie's fixed-time jobs); else not at all.
    after_gap: bool,
    /// A time in the repeated hour runs on both passes; else on one.
    both_passes: bool,
    /// A time in the repeated hour that runs once runs on the second pass (Quartz); else on the first.
    later_pass: bool,
    /// The wall-clock time the next croner search starts after; `None` once croner found no more matches.
    cursor: Option<NaiveDateTime>,
    /// Instants produced but not yet safe to yield: a later wall-clock time cannot map before `floor`.
    pending: BTreeSet<DateTime<Utc>>,
    floor: Option<DateTime<Utc>>,
}

impl Schedule {
    /// The runs strictly after `after`, in zone `tz`, following the schedule's daylight-saving rule
    /// ([`Schedule::dst_rule`]: cronie's, unless a dialect set its scheduler's). Ends when no wall-clock time up to
    /// the year 5000 matches (at once for expressions that never fire and for `@reboot`).
    pub fn runs_after(&self, after: DateTime<Utc>, tz: Tz) -> Runs {
        let rule = self.dst_rule();
        let fixed = self.is_fixed_time();
        let both_passes = rule.runs_both_passes(fixed);
        // `naive_local` would panic where the wall-clock time is past chrono's range (`DateTime::<Utc>::MAX_UTC`
        // in a zone east of UTC): no run can follow such an instant, so the runs end at once.
        let offset = tz.offset_from_utc_datetime(&after.naive_utc()).fix();
        let local = after.naive_utc().checked_add_offset(offset);
        let local = local.map(|local| local.with_nanosecond(0).unwrap_or(local));
        // When `after` lies on the first pass of a repeated range, the second passes of wall-clock times before
        // it are still to come; start the search at the beginning of that range.
        let cursor = local.map(|local| match tz.from_local_datetime(&local) {
            LocalResult::Ambiguous(first, _)
                if first.timestamp() <= after.timestamp() && both_passes =>
            {
                fold_start(tz, local) - TimeDelta::seconds(1)
            }
            _ => local,
        });
        Runs {
            cron: self.cron().cloned(),
            last_day_offset: self.last_day_offset(),
            tz,
            after,
            after_gap: rule.runs_after_gap(fixed),
            both_passes,
            later_pass: rule.later_pass(),
            cursor,
            pending: BTreeSet::new(),
            floor: None,
        }
    }

    /// Whether no date ever matches (`0 0 30 2 *`) or, with a year field, no date in its years; `@reboot` has no
    /// run times either.
    pub fn never_fires(&self) -> bool {
        let Some(cron) = self.cron() else { return true };
        cron.find_next_occurrence(&DateTime::UNIX_EPOCH.naive_utc(), true).is_err()
    }
}

impl Iterator for Runs {
    type Item = DateTime<Tz>;

    fn next(&mut self) -> Option<DateTime<Tz>> {
        loop {
            let ready = match (self.pending.first(), self.floor, self.cursor) {
                (Some(first), Some(floor), Some(_)) if *first < floor => true,
                (Some(_), _, None) => true,
                (None, _, None) => return None,
                _ => false,
            };
            if ready {
                let instant = self.pending.pop_first()?;
                return Some(instant.with_timezone(&self.tz));
            }
            self.advance();
        }
    }
}

impl Runs {
    /// Asks croner for the next matching wall-clock time and queues its instants.
    fn advance(&mut self) {
        let (Some(cron), Some(cursor)) = (&self.cron, self.cursor) else {
            self.cursor = None;
            return;
        };
        let Ok(wall) = cron.find_next_occurrence(&cursor, false) else {
            self.cursor = None;
            return;
        };
        self.cursor = Some(wall);
        if let Some(offset) = self.last_day_offset {
            let date = wall.date();
            let last = (28..=31).rev().find_map(|day| date.with_day(day)).map_or(28, |d| d.day());
            if date.day() + offset != last {
                // Not the day: go on from the end of this one.
                self.cursor = date.and_hms_opt(23, 59, 59).or(Some(wall));
                return;
            }
        }
        let (instants, earliest) = match self.tz.from_local_datetime(&wall) {
            LocalResult::Single(instant) => (vec![instant.to_utc()], instant.to_utc()),
            LocalResult::Ambiguous(_, second) if !self.both_passes && self.later_pass => {
                (vec![second.to_utc()], second.to_utc())
            }
            LocalResult::Ambiguous(first, _) if !self.both_passes => {
                (vec![first.to_utc()], first.to_utc())
            }
            LocalResult::Ambiguous(first, second) => {
                (vec![first.to_utc(), second.to_utc()], first.to_utc())
            }
            LocalResult::None => {
                let end = gap_end(self.tz, wall);
                (if self.after_gap { vec![end] } else { Vec::new() }, end)
            }
        };
        // The earliest instant of a wall-clock time never decreases as the wall clock advances, so nothing
        // found later can come before it.
        self.floor = Some(earliest);
        self.pending.extend(instants.into_iter().filter(|instant| *instant > self.after));
    }
}

/// The first wall-clock second of the repeated range that `local` lies in.
fn fold_start(tz: Tz, local: NaiveDateTime) -> NaiveDateTime {
    // Bisect on "is ambiguous" between a time a day earlier (never inside the same range) and `local`.
    let mut outside = local - MAX_SHIFT;
    let mut inside = local;
    while inside - outside > TimeDelta::seconds(1) {
        let middle = outside + (inside - outside) / 2;
        if matches!(tz.from_local_datetime(&middle), LocalResult::Ambiguous(..)) {
            inside = middle;
        } else {
            outside = middle;
        }
    }
    inside
}

/// The instant the clock jumps over the skipped wall-clock time `local`: the first instant whose wall clock reads
/// later than `local`.
fn gap_end(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    // Around a gap the wall clock only moves forward, so "reads at least `local`" flips once between an instant
    // a day before and one a day after.
    let mut before = (local.and_utc() - MAX_SHIFT).timestamp();
    let mut after = (local.and_utc() + MAX_SHIFT).timestamp();
    let reads_at_least = |seconds: i64| {
        DateTime::from_timestamp(seconds, 0)
            .is_some_and(|t| t.with_timezone(&tz).naive_local() >= local)
    };
    while after - before > 1 {
        let middle = before + (after - before) / 2;
        if reads_at_least(middle) {
            after = middle;
        } else {
            before = middle;
        }
    }
    DateTime::from_timestamp(after, 0).unwrap_or(DateTime::UNIX_EPOCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A library caller may pass any instant: at chrono's limits, in a zone whose wall clock would fall outside
    /// them, the runs end (or start) without a panic, in every dialect and in the translations' checks.
    #[test]
    fn instants_at_chronos_limits_end_the_runs_without_a_panic() {
        use crate::{Dialect, Expression};
        let zones = [chrono_tz::UTC, chrono_tz::Pacific::Kiritimati, chrono_tz::America::Adak];
        for dialect in Dialect::ALL {
            let expression = Expression::parse(dialect, dialect.example()).unwrap();
            for tz in zones {
                assert!(expression.runs_after(DateTime::<Utc>::MAX_UTC, tz, 3).is_empty());
                // Before the first representable wall-clock time west of UTC: runs or none, but an answer.
                let _ = expression.runs_after(DateTime::<Utc>::MIN_UTC, tz, 3);
                for at in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
                    assert_eq!(crate::dialect::translate::translate(&expression, tz, at).len(), 5);
                }
            }
        }
    }

    /// The first `n` runs after `after` (RFC 3339), as RFC 3339 strings with the zone's offset.
    fn runs(expression: &str, zone: &str, after: &str, n: usize) -> Vec<String> {
        let tz: Tz = zone.parse().unwrap();
        let after = DateTime::parse_from_rfc3339(after).unwrap().to_utc();
        let schedule = Schedule::parse(expression).unwrap();
        let runs: Vec<DateTime<Tz>> = schedule.runs_after(after, tz).take(n).collect();
        assert!(
            runs.windows(2).all(|w| w[0] < w[1]),
            "{expression} in {zone}: not strictly increasing {runs:?}"
        );
        assert!(runs.iter().all(|t| t.to_utc() > after), "{expression}: a run not after {after}");
        runs.iter().map(DateTime::to_rfc3339).collect()
    }

    #[test]
    fn new_york_spring_forward() {
        let at = "2026-03-07T12:00:00Z";
        // Fixed-time job in the skipped hour: once, right after the gap.
        assert_eq!(
            runs("30 2 * * *", "America/New_York", at, 2),
            ["2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"]
        );
        // A list of hours is still a fixed-time job for cronie (croner would skip it).
        assert_eq!(
            runs("30 1,2 * * *", "America/New_York", at, 3),
            ["2026-03-08T01:30:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-09T01:30:00-04:00"]
        );
        // Several times in the gap collapse into one run.
        assert_eq!(
            runs("0-30/10 2 * * *", "America/New_York", at, 2),
            ["2026-03-08T03:00:00-04:00", "2026-03-09T02:00:00-04:00"]
        );
        // A fixed job that also matches 03:00 runs once there.
        assert_eq!(
            runs("0 2,3 * * *", "America/New_York", at, 2),
            ["2026-03-08T03:00:00-04:00", "2026-03-09T02:00:00-04:00"]
        );
        // Wildcard jobs follow the wall clock: nothing in the skipped hour.
        assert_eq!(runs("*/15 2 * * *", "America/New_York", at, 1), ["2026-03-09T02:00:00-04:00"]);
        assert_eq!(
            runs("0 * * * *", "America/New_York", "2026-03-08T05:00:00Z", 3),
            ["2026-03-08T01:00:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-08T04:00:00-04:00"]
        );
    }

    #[test]
    fn new_york_fall_back() {
        let at = "2026-10-31T12:00:00Z";
        // Fixed-time job in the repeated hour: first pass only.
        assert_eq!(
            runs("30 1 * * *", "America/New_York", at, 2),
            ["2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"]
        );
        assert_eq!(
            runs("30 1,2 * * *", "America/New_York", at, 3),
            ["2026-11-01T01:30:00-04:00", "2026-11-01T02:30:00-05:00", "2026-11-02T01:30:00-05:00"]
        );
        // Wildcard jobs run in both passes, in order.
        assert_eq!(
            runs("*/30 1 * * *", "America/New_York", at, 5),
            [
                "2026-11-01T01:00:00-04:00",
                "2026-11-01T01:30:00-04:00",
                "2026-11-01T01:00:00-05:00",
                "2026-11-01T01:30:00-05:00",
                "2026-11-02T01:00:00-05:00",
            ]
        );
        assert_eq!(
            runs("0 * * * *", "America/New_York", "2026-11-01T04:00:00Z", 3),
            ["2026-11-01T01:00:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T02:00:00-05:00"]
        );
        // The seconds-first form the `cron` crate yields out of order.
        assert_eq!(
            runs("0 */30 1 * * *", "America/New_York", at, 4),
            [
                "2026-11-01T01:00:00-04:00",
                "2026-11-01T01:30:00-04:00",
                "2026-11-01T01:00:00-05:00",
                "2026-11-01T01:30:00-05:00"
            ]
        );
    }

    #[test]
    fn starting_inside_the_repeated_hour() {
        // 01:45 EDT, first pass: the second pass of 01:00 and 01:30 is still to come.
        assert_eq!(
            runs("*/30 1 * * *", "America/New_York", "2026-11-01T05:45:00Z", 3),
            ["2026-11-01T01:00:00-05:00", "2026-11-01T01:30:00-05:00", "2026-11-02T01:00:00-05:00"]
        );
        // 01:10 EST, second pass.
        assert_eq!(
            runs("*/30 1 * * *", "America/New_York", "2026-11-01T06:10:00Z", 2),
            ["2026-11-01T01:30:00-05:00", "2026-11-02T01:00:00-05:00"]
        );
        // A fixed job already ran on the first pass.
        assert_eq!(
            runs("30 1 * * *", "America/New_York", "2026-11-01T05:45:00Z", 1),
            ["2026-11-02T01:30:00-05:00"]
        );
        // Exactly at the end of the gap: the moved run is not after it.
        assert_eq!(
            runs("30 2 * * *", "America/New_York", "2026-03-08T07:00:00Z", 1),
            ["2026-03-09T02:30:00-04:00"]
        );
        assert_eq!(
            runs("30 2 * * *", "America/New_York", "2026-03-08T06:59:59Z", 1),
            ["2026-03-08T03:00:00-04:00"]
        );
    }

    #[test]
    fn berlin() {
        assert_eq!(
            runs("30 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", 2),
            ["2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00"]
        );
        assert_eq!(
            runs("30 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z", 2),
            ["2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"]
        );
        assert_eq!(
            runs("*/20 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z", 7),
            [
                "2026-10-25T02:00:00+02:00",
                "2026-10-25T02:20:00+02:00",
                "2026-10-25T02:40:00+02:00",
                "2026-10-25T02:00:00+01:00",
                "2026-10-25T02:20:00+01:00",
                "2026-10-25T02:40:00+01:00",
                "2026-10-26T02:00:00+01:00",
            ]
        );
        assert_eq!(
            runs("*/20 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", 1),
            ["2026-03-30T02:00:00+02:00"]
        );
    }

    #[test]
    fn lord_howe_half_hour_shift() {
        // Clocks go from 02:00 to 02:30 on 2026-10-04 (+10:30 to +11:00).
        assert_eq!(
            runs("15 2 * * *", "Australia/Lord_Howe", "2026-10-03T00:00:00Z", 2),
            ["2026-10-04T02:30:00+11:00", "2026-10-05T02:15:00+11:00"]
        );
        assert_eq!(
            runs("*/15 2 * * *", "Australia/Lord_Howe", "2026-10-03T00:00:00Z", 3),
            ["2026-10-04T02:30:00+11:00", "2026-10-04T02:45:00+11:00", "2026-10-05T02:00:00+11:00"]
        );
        // Clocks go from 02:00 back to 01:30 on 2026-04-05 (+11:00 to +10:30).
        assert_eq!(
            runs("45 1 * * *", "Australia/Lord_Howe", "2026-04-04T00:00:00Z", 2),
            ["2026-04-05T01:45:00+11:00", "2026-04-06T01:45:00+10:30"]
        );
        assert_eq!(
            runs("*/15 1 * * *", "Australia/Lord_Howe", "2026-04-04T00:00:00Z", 7),
            [
                "2026-04-05T01:00:00+11:00",
                "2026-04-05T01:15:00+11:00",
                "2026-04-05T01:30:00+11:00",
                "2026-04-05T01:45:00+11:00",
                "2026-04-05T01:30:00+10:30",
                "2026-04-05T01:45:00+10:30",
                "2026-04-06T01:00:00+10:30",
            ]
        );
    }

    #[test]
    fn kolkata_has_no_daylight_saving() {
        assert_eq!(
            runs("0 9 * * 1-5", "Asia/Kolkata", "2026-01-01T00:00:00Z", 3),
            ["2026-01-01T09:00:00+05:30", "2026-01-02T09:00:00+05:30", "2026-01-05T09:00:00+05:30"]
        );
        assert_eq!(
            runs("30 2 * * *", "Asia/Kolkata", "2026-03-07T20:00:00Z", 1),
            ["2026-03-08T02:30:00+05:30"]
        );
    }

    #[test]
    fn vixie_or_and_and() {
        let at = "2026-01-01T00:00:00Z";
        // Both restricted: Friday OR the 13th.
        assert_eq!(
            runs("0 0 13 * 5", "UTC", at, 4),
            [
                "2026-01-02T00:00:00+00:00",
                "2026-01-09T00:00:00+00:00",
                "2026-01-13T00:00:00+00:00",
                "2026-01-16T00:00:00+00:00"
            ]
        );
        // Day-of-month starts with `*`: both must match (odd days that are Mondays).
        assert_eq!(
            runs("0 0 */2 * 1", "UTC", at, 3),
            ["2026-01-05T00:00:00+00:00", "2026-01-19T00:00:00+00:00", "2026-02-09T00:00:00+00:00"]
        );
        // Day-of-week starts with `*`: the 1st when it is a Sunday, Tuesday, Thursday or Saturday.
        assert_eq!(
            runs("0 0 1 * */2", "UTC", at, 3),
            ["2026-02-01T00:00:00+00:00", "2026-03-01T00:00:00+00:00", "2026-08-01T00:00:00+00:00"]
        );
        assert_eq!(runs("0 0 ? * 1", "UTC", at, 1), ["2026-01-05T00:00:00+00:00"]);
        // `1-31` is not a star: OR with Monday is every day.
        assert_eq!(
            runs("0 0 1-31 * 1", "UTC", at, 2),
            ["2026-01-02T00:00:00+00:00", "2026-01-03T00:00:00+00:00"]
        );
        assert_eq!(
            runs("0 0 1,15 * 3", "UTC", at, 3),
            ["2026-01-07T00:00:00+00:00", "2026-01-14T00:00:00+00:00", "2026-01-15T00:00:00+00:00"]
        );
    }

    #[test]
    fn names_sundays_and_steps() {
        let at = "2026-01-01T00:00:00Z";
        let sundays = ["2026-01-04T00:00:00+00:00", "2026-01-11T00:00:00+00:00"];
        assert_eq!(runs("0 0 * * 0", "UTC", at, 2), sundays);
        assert_eq!(runs("0 0 * * 7", "UTC", at, 2), sundays);
        assert_eq!(runs("0 0 * * sun", "UTC", at, 2), sundays);
        assert_eq!(
            runs("0 0 * * FRI-SUN", "UTC", at, 3),
            ["2026-01-02T00:00:00+00:00", "2026-01-03T00:00:00+00:00", "2026-01-04T00:00:00+00:00"]
        );
        assert_eq!(
            runs("0 0 1 feb,Mar *", "UTC", at, 2),
            ["2026-02-01T00:00:00+00:00", "2026-03-01T00:00:00+00:00"]
        );
        assert_eq!(
            runs("1-30/7 * * * *", "UTC", at, 5),
            [
                "2026-01-01T00:01:00+00:00",
                "2026-01-01T00:08:00+00:00",
                "2026-01-01T00:15:00+00:00",
                "2026-01-01T00:22:00+00:00",
                "2026-01-01T00:29:00+00:00"
            ]
        );
        assert_eq!(
            runs("*/15 * * * *", "UTC", "2026-01-01T00:07:30Z", 2),
            ["2026-01-01T00:15:00+00:00", "2026-01-01T00:30:00+00:00"]
        );
        // Strictly after: a run exactly at `after` is not repeated.
        assert_eq!(
            runs("0 * * * *", "UTC", "2026-01-01T01:00:00Z", 1),
            ["2026-01-01T02:00:00+00:00"]
        );
        assert_eq!(
            runs("*/20 * * * * *", "UTC", at, 3),
            ["2026-01-01T00:00:20+00:00", "2026-01-01T00:00:40+00:00", "2026-01-01T00:01:00+00:00"]
        );
        assert_eq!(
            runs("0 0 29 2 *", "UTC", at, 2),
            ["2028-02-29T00:00:00+00:00", "2032-02-29T00:00:00+00:00"]
        );
    }

    #[test]
    fn quartz_extensions() {
        let at = "2026-01-01T00:00:00Z";
        assert_eq!(
            runs("0 0 L * *", "UTC", at, 3),
            ["2026-01-31T00:00:00+00:00", "2026-02-28T00:00:00+00:00", "2026-03-31T00:00:00+00:00"]
        );
        // 2026-01-31 is a Saturday, 2026-05-31 a Sunday.
        assert_eq!(runs("0 0 LW * *", "UTC", at, 1), ["2026-01-30T00:00:00+00:00"]);
        assert_eq!(runs("0 0 LW 5 *", "UTC", at, 1), ["2026-05-29T00:00:00+00:00"]);
        // 2026-02-15 is a Sunday: nearest weekday is Monday 16th; 2026-08-01 is a Saturday: stays in the month.
        assert_eq!(runs("0 0 15W 2 *", "UTC", at, 1), ["2026-02-16T00:00:00+00:00"]);
        assert_eq!(runs("0 0 1W 8 *", "UTC", at, 1), ["2026-08-03T00:00:00+00:00"]);
        assert_eq!(
            runs("0 0 * * 5L", "UTC", at, 2),
            ["2026-01-30T00:00:00+00:00", "2026-02-27T00:00:00+00:00"]
        );
        assert_eq!(
            runs("0 0 * * MON#2", "UTC", at, 2),
            ["2026-01-12T00:00:00+00:00", "2026-02-09T00:00:00+00:00"]
        );
        assert_eq!(
            runs("0 0 * * 1#5", "UTC", at, 2),
            ["2026-03-30T00:00:00+00:00", "2026-06-29T00:00:00+00:00"]
        );
    }

    #[test]
    fn never_firing_and_past_only() {
        for expression in ["0 0 30 2 *", "0 0 31 4,6,9,11 *", "0 0 31 2 ?"] {
            let schedule = Schedule::parse(expression).unwrap();
            assert!(schedule.never_fires(), "{expression}");
            assert!(schedule.runs_after(Utc::now(), Tz::UTC).next().is_none(), "{expression}");
        }
        assert!(!Schedule::parse("0 0 29 2 *").unwrap().never_fires());
        let past = Schedule::parse("0 0 0 1 1 ? 2020").unwrap();
        assert!(!past.never_fires());
        assert!(past.runs_after(Utc::now(), Tz::UTC).next().is_none());
        let reboot = Schedule::parse("@reboot").unwrap();
        assert!(reboot.never_fires());
        assert!(reboot.runs_after(Utc::now(), Tz::UTC).next().is_none());
    }

    #[test]
    fn macros_run_like_their_expansions() {
        let at = "2026-01-01T00:00:00Z";
        assert_eq!(runs("@hourly", "UTC", at, 1), ["2026-01-01T01:00:00+00:00"]);
        assert_eq!(runs("@daily", "UTC", at, 1), ["2026-01-02T00:00:00+00:00"]);
        assert_eq!(runs("@midnight", "UTC", at, 1), ["2026-01-02T00:00:00+00:00"]);
        assert_eq!(runs("@weekly", "UTC", at, 1), ["2026-01-04T00:00:00+00:00"]);
        assert_eq!(runs("@monthly", "UTC", at, 1), ["2026-02-01T00:00:00+00:00"]);
        assert_eq!(runs("@yearly", "UTC", at, 1), ["2027-01-01T00:00:00+00:00"]);
        assert_eq!(runs("@annually", "UTC", at, 1), ["2027-01-01T00:00:00+00:00"]);
    }
}
