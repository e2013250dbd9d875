//! Run times in a time zone, with cronie's daylight-saving rules.
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
use chrono::{DateTime, NaiveDateTime, TimeDelta, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use croner::Cron;
use std::collections::BTreeSet;

/// The longest a wall-clock range can repeat or be skipped; no zone has changed its clock by more than a day.
const MAX_SHIFT: TimeDelta = TimeDelta::days(1);

/// Run times strictly after an instant, in increasing order, as produced by [`Schedule::runs_after`].
#[derive(Debug, Clone)]
pub struct Runs {
    cron: Option<Cron>,
    tz: Tz,
    after: DateTime<Utc>,
    fixed: bool,
    /// The wall-clock time the next croner search starts after; `None` once croner found no more matches.
    cursor: Option<NaiveDateTime>,
    /// Instants produced but not yet safe to yield: a later wall-clock time cannot map before `floor`.
    pending: BTreeSet<DateTime<Utc>>,
    floor: Option<DateTime<Utc>>,
}

impl Schedule {
    /// The runs strictly after `after`, in zone `tz`, following cronie's daylight-saving rules. Ends when no
    /// wall-clock time up to the year 5000 matches (at once for expressions that never fire and for `@reboot`).
    pub fn runs_after(&self, after: DateTime<Utc>, tz: Tz) -> Runs {
        let local = after.with_timezone(&tz).naive_local();
        let local = local.with_nanosecond(0).unwrap_or(local);
        // When `after` lies on the first pass of a repeated range, the second passes of wall-clock times before
        // it are still to come; start the search at the beginning of that range.
        let cursor = match tz.from_local_datetime(&local) {
            LocalResult::Ambiguous(first, _) if first.timestamp() <= after.timestamp() && !self.is_fixed_time() => {
                Some(fold_start(tz, local) - TimeDelta::seconds(1))
            }
            _ => Some(local),
        };
        Runs {
            cron: self.cron().cloned(),
            tz,
            after,
            fixed: self.is_fixed_time(),
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
        let (instants, earliest) = match self.tz.from_local_datetime(&wall) {
            LocalResult::Single(instant) => (vec![instant.to_utc()], instant.to_utc()),
            LocalResult::Ambiguous(first, _) if self.fixed => (vec![first.to_utc()], first.to_utc()),
            LocalResult::Ambiguous(first, second) => (vec![first.to_utc(), second.to_utc()], first.to_utc()),
            LocalResult::None => {
                let end = gap_end(self.tz, wall);
                (if self.fixed { vec![end] } else { Vec::new() }, end)
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
    let mut before = local.and_utc() - MAX_SHIFT * 2;
    let mut after = local.and_utc() + MAX_SHIFT * 2;
    while after - before > TimeDelta::seconds(1) {
        let middle = before + (after - before) / 2;
        if middle.with_timezone(&tz).naive_local() >= local {
            after = middle;
        } else {
            before = middle;
        }
    }
    after
}
