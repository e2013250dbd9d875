//! The next elapse time: systemd's `find_next` (calendarspec.c), step for step, over a `struct tm` whose
//! normalization by the C library's `mktime` is emulated on the IANA zone.
//!
//! glibc's `mktime` with `tm_isdst = -1` resolves a wall-clock time as follows, and so does [`Clock::mktime`]:
//! - in a spring-forward gap, the time is read with the offset that makes it daylight saving time: the one in
//!   force before the gap, which lands after it (02:30 in Europe/Berlin on the last Sunday of March becomes
//!   03:30 CEST), except where tzdata marks winter time as the daylight-saving one (Europe/Dublin), where it
//!   lands before the gap;
//! - in a fall-back fold, it converges on the pass whose offset its previous call used (its guess is a static
//!   variable), starting from that offset: `t = local - guess`, then `t = local - offset(t)` until it settles.

use chrono::{
    DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone, Timelike, Utc,
};
use chrono_tz::{OffsetComponents, Tz};

use super::normalize::MAX_YEAR;
use super::parse::USEC_PER_SEC;
use super::{Component, Spec};

/// systemd's `MAX_CALENDAR_ITERATIONS`: the search gives up after this many steps.
const MAX_ITERATIONS: usize = 1000;

/// A `struct tm` with a full year and a 0-based month; fields may be out of range until normalized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tm {
    year: i64,
    mon: i64,
    mday: i64,
    hour: i64,
    min: i64,
    sec: i64,
    /// 0 = Sunday, as in C.
    wday: i64,
    /// `tm_isdst`: -1 unknown, 0 standard time, 1 daylight saving time. `mktime` honours 0 and 1.
    isdst: i8,
}

impl Tm {
    fn from_local(local: NaiveDateTime, isdst: i8) -> Tm {
        Tm {
            isdst,
            year: i64::from(local.year()),
            mon: i64::from(local.month0()),
            mday: i64::from(local.day()),
            hour: i64::from(local.hour()),
            min: i64::from(local.minute()),
            sec: i64::from(local.second()),
            wday: i64::from(local.weekday().num_days_from_sunday()),
        }
    }

    /// The wall-clock time the fields denote once carried over (month 12 → January of the next year, day 0 →
    /// the last day of the previous month, hour 24 → the next day …), as `mktime` computes it.
    fn naive(&self) -> Option<NaiveDateTime> {
        let year = self.year.checked_add(self.mon.div_euclid(12))?;
        if !(0..=10_000).contains(&year) {
            return None;
        }
        let month = u32::try_from(self.mon.rem_euclid(12)).ok()? + 1;
        let first =
            NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, 1)?.and_hms_opt(0, 0, 0)?;
        let offset = TimeDelta::try_days(self.mday - 1)?
            .checked_add(&TimeDelta::try_hours(self.hour)?)?
            .checked_add(&TimeDelta::try_minutes(self.min)?)?
            .checked_add(&TimeDelta::try_seconds(self.sec)?)?;
        first.checked_add_signed(offset)
    }
}

/// `mktime`/`timegm` and `localtime`/`gmtime` in one zone, with glibc's remembered offset guess.
struct Clock {
    /// `None`: UTC via `timegm`, no daylight saving.
    tz: Option<Tz>,
    /// The UTC offset, in seconds, that the previous `mktime` call settled on.
    guess: i64,
}

impl Clock {
    /// The UTC offset in seconds at `t`, and whether it is daylight saving time.
    fn zone_at(&self, t: i64) -> (i64, i8) {
        match (self.tz, DateTime::from_timestamp(t, 0)) {
            (Some(tz), Some(utc)) => {
                let offset = tz.offset_from_utc_datetime(&utc.naive_utc());
                let dst = i8::from(!offset.dst_offset().is_zero());
                (i64::from(offset.fix().local_minus_utc()), dst)
            }
            _ => (0, 0),
        }
    }

    fn offset_at(&self, t: i64) -> i64 {
        self.zone_at(t).0
    }

    fn localtime(&self, t: i64) -> Option<Tm> {
        let (offset, isdst) = self.zone_at(t);
        let utc = DateTime::from_timestamp(t, 0)?.naive_utc();
        let local = utc.checked_add_signed(TimeDelta::try_seconds(offset)?)?;
        Some(Tm::from_local(local, isdst))
    }

    /// glibc's fallback when the instant found has the wrong `tm_isdst`: probe a week (601200 s) at a time in
    /// both directions for a time with the wanted one, and read `wall` with its offset.
    fn probe_isdst(&self, wall: i64, t: i64, want: i8) -> i64 {
        const STRIDE: i64 = 601_200;
        const BOUND: i64 = 457_243_200 / 2 + STRIDE;
        let mut delta = STRIDE;
        while delta < BOUND {
            for direction in [-1, 1] {
                let probe = t + delta * direction;
                let (offset, isdst) = self.zone_at(probe);
                if isdst == want {
                    return wall - offset;
                }
            }
            delta += STRIDE;
        }
        let got = self.zone_at(t).1;
        t + 3600 * (i64::from(want == 0) - i64::from(got == 0))
    }

    /// The instant for the wall-clock time `wall` (seconds, read as if UTC), as glibc's `mktime` picks it.
    ///
    /// The candidate offsets are those in force a day before and a day after; each that maps `wall` back onto
    /// itself gives one instant (two in a fall-back fold, none in a spring-forward gap). chrono-tz's own
    /// `from_local_datetime` is not used: it misplaces the edges of some gaps (Australia/Lord_Howe's 02:00).
    fn resolve(&self, wall: i64, want: i8) -> i64 {
        let before = self.offset_at(wall - 86_400);
        let after = self.offset_at(wall + 86_400);
        let mut instants: Vec<i64> = Vec::with_capacity(2);
        for offset in [before, after, self.offset_at(wall)] {
            let t = wall - offset;
            if self.offset_at(t) == offset && !instants.contains(&t) {
                instants.push(t);
            }
        }
        instants.sort_unstable();
        match instants[..] {
            [t] => {
                if want >= 0 && self.zone_at(t).1 != want {
                    self.probe_isdst(wall, t, want)
                } else {
                    t
                }
            }
            [a, b, ..] => {
                if want >= 0 && self.zone_at(a).1 == want {
                    a
                } else if want >= 0 && self.zone_at(b).1 == want {
                    b
                } else {
                    // Iterate from the remembered guess as glibc does; both passes are fixed points.
                    let mut t = wall - self.guess;
                    for _ in 0..6 {
                        let next = wall - self.offset_at(t);
                        if next == t {
                            break;
                        }
                        t = next;
                    }
                    let t = if t == a || t == b { t } else { a };
                    if want >= 0 && self.zone_at(t).1 != want {
                        self.probe_isdst(wall, t, want)
                    } else {
                        t
                    }
                }
            }
            [] => {
                // glibc oscillates between reading the time with the offset before the gap (which lands after it)
                // and the offset after it (which lands before it). Unasked, it prefers the one in daylight saving
                // time (after the gap, except with tzdata's negative DST as in Europe/Dublin); asked for a
                // `tm_isdst`, the one whose `tm_isdst` differs from the one asked for.
                let later = wall - before.min(after);
                let earlier = wall - before.max(after);
                let (later_dst, earlier_dst) = (self.zone_at(later).1, self.zone_at(earlier).1);
                let prefer_earlier = if want < 0 {
                    earlier_dst != 0 && later_dst == 0
                } else {
                    earlier_dst != want && later_dst == want
                };
                if prefer_earlier { earlier } else { later }
            }
        }
    }

    /// Normalizes `tm` in place and returns its instant, as `mktime` (honouring `tm_isdst`) or `timegm`.
    fn mktime(&mut self, tm: &mut Tm) -> Option<i64> {
        let naive = tm.naive()?;
        let wall = naive.and_utc().timestamp();
        let want = tm.isdst;
        let t = match self.tz {
            None => wall,
            Some(_) => self.resolve(wall, want),
        };
        self.guess = wall - t;
        *tm = self.localtime(t)?;
        Some(t)
    }
}

/// What `find_matching_component` finds: `Ok(changed)` with `val` moved to the earliest match at or after it, or
/// `Err(())` when nothing in the chain is at or after `val` (`-ENOENT`).
fn find_matching(
    clock: &mut Clock,
    chain: &Option<Vec<Component>>,
    end_of_month: bool,
    tm: &Tm,
    val: &mut i64,
) -> Result<bool, ()> {
    let Some(chain) = chain else { return Ok(false) };
    let mut best: Option<i64> = None;
    for c in chain {
        let (mut start, mut stop) = (c.start, c.stop);
        if end_of_month {
            start = find_end_of_month(clock, tm, c.start);
            stop = find_end_of_month(clock, tm, c.stop);
            if stop > 0 {
                std::mem::swap(&mut start, &mut stop);
            }
        }
        if start >= *val {
            if best.is_none_or(|d| start < d) {
                best = Some(start);
            }
        } else if c.repeat > 0 {
            let k = start + c.repeat * (*val - start + c.repeat - 1).div_euclid(c.repeat);
            if best.is_none_or(|d| k < d) && (stop < 0 || k <= stop) {
                best = Some(k);
            }
        }
    }
    let d = best.ok_or(())?;
    let changed = *val != d;
    *val = d;
    Ok(changed)
}

/// The day of the month that is `day` days before the end of `tm`'s month (0 = the last day), or -1.
fn find_end_of_month(clock: &mut Clock, tm: &Tm, day: i64) -> i64 {
    let mut t = *tm;
    t.mon += 1;
    t.mday = 1 - day;
    if clock.mktime(&mut t).is_none() || t.mon != tm.mon {
        return -1;
    }
    t.mday
}

/// `tm_within_bounds`: `Ok(true)` when `tm` needed no normalization; `Ok(false)` when it moved forward (then
/// `tm` holds the normalized time, with the next smaller field reset); `Err` past the year 2199 or when
/// normalization would move backwards.
fn within_bounds(clock: &mut Clock, tm: &mut Tm) -> Result<bool, ()> {
    if tm.year > MAX_YEAR {
        return Err(());
    }
    let mut t = *tm;
    clock.mktime(&mut t).ok_or(())?;
    let cmp = if t.year != tm.year {
        t.mon = 0;
        t.year.cmp(&tm.year)
    } else if t.mon != tm.mon {
        t.mday = 1;
        t.mon.cmp(&tm.mon)
    } else if t.mday != tm.mday {
        t.hour = 0;
        t.mday.cmp(&tm.mday)
    } else if t.hour != tm.hour {
        t.min = 0;
        t.hour.cmp(&tm.hour)
    } else if t.min != tm.min {
        t.sec = 0;
        t.min.cmp(&tm.min)
    } else {
        t.sec.cmp(&tm.sec)
    };
    match cmp {
        std::cmp::Ordering::Less => Err(()),
        std::cmp::Ordering::Greater => {
            *tm = t;
            Ok(false)
        }
        std::cmp::Ordering::Equal => Ok(true),
    }
}

fn matches_weekday(clock: &mut Clock, weekdays: Option<u8>, tm: &Tm) -> bool {
    let Some(bits) = weekdays else { return true };
    let mut t = *tm;
    if clock.mktime(&mut t).is_none() {
        return false;
    }
    let k = if t.wday == 0 { 6 } else { t.wday - 1 };
    bits & (1 << k) != 0
}

fn reset_below_month(c: &mut Tm, usec: &mut i64) {
    c.mday = 1;
    c.hour = 0;
    c.min = 0;
    c.sec = 0;
    *usec = 0;
}

/// `find_next`: the earliest matching time at or after `c` + `usec`, or `None`.
///
/// systemd 252 (as Debian builds it) adds a check the upstream source of `find_next` does not show in every
/// version: when the time found reads (field by field) before the start, as `mktime` can make it in a
/// daylight-saving gap, it moves one hour on and stops resetting `tm_isdst` to "unknown" before each step.
/// This port follows the binary (checked with `systemd-analyze calendar` around Australia/Lord_Howe's
/// half-hour change).
fn find_next(spec: &Spec, clock: &mut Clock, mut c: Tm, mut usec: i64) -> Option<(Tm, i64)> {
    let start = c;
    let start_usec = usec;
    let mut keep_isdst = false;
    for _ in 0..MAX_ITERATIONS {
        let _ = clock.mktime(&mut c);
        if !keep_isdst {
            c.isdst = -1;
        }

        let mut year = c.year;
        let r = find_matching(clock, &spec.year, false, &c, &mut year).ok()?;
        c.year = year;
        if r {
            c.mon = 0;
            reset_below_month(&mut c, &mut usec);
        }
        if within_bounds(clock, &mut c) != Ok(true) {
            return None;
        }

        let mut month = c.mon + 1;
        let r = find_matching(clock, &spec.month, false, &c, &mut month);
        c.mon = month - 1;
        if r == Ok(true) {
            reset_below_month(&mut c, &mut usec);
        }
        let r = match r {
            Ok(_) => within_bounds(clock, &mut c),
            Err(()) => Err(()),
        };
        match r {
            Err(()) => {
                c.year += 1;
                c.mon = 0;
                reset_below_month(&mut c, &mut usec);
                continue;
            }
            Ok(false) => continue,
            Ok(true) => {}
        }

        let mut mday = c.mday;
        let r = find_matching(clock, &spec.day, spec.end_of_month, &c, &mut mday);
        c.mday = mday;
        if r == Ok(true) {
            c.hour = 0;
            c.min = 0;
            c.sec = 0;
            usec = 0;
        }
        let r = match r {
            Ok(_) => within_bounds(clock, &mut c),
            Err(()) => Err(()),
        };
        match r {
            Err(()) => {
                c.mon += 1;
                reset_below_month(&mut c, &mut usec);
                continue;
            }
            Ok(false) => continue,
            Ok(true) => {}
        }

        if !matches_weekday(clock, spec.weekdays, &c) {
            c.mday += 1;
            c.hour = 0;
            c.min = 0;
            c.sec = 0;
            usec = 0;
            continue;
        }

        let mut hour = c.hour;
        let r = find_matching(clock, &spec.hour, false, &c, &mut hour);
        c.hour = hour;
        if r == Ok(true) {
            c.min = 0;
            c.sec = 0;
            usec = 0;
        }
        let r = match r {
            Ok(_) => within_bounds(clock, &mut c),
            Err(()) => Err(()),
        };
        match r {
            Err(()) => {
                c.mday += 1;
                c.hour = 0;
                c.min = 0;
                c.sec = 0;
                usec = 0;
                continue;
            }
            // The hour may be missing at a daylight-saving change: start again from the normalized time.
            Ok(false) => continue,
            Ok(true) => {}
        }

        let mut min = c.min;
        let r = find_matching(clock, &spec.minute, false, &c, &mut min);
        c.min = min;
        if r == Ok(true) {
            c.sec = 0;
            usec = 0;
        }
        let r = match r {
            Ok(_) => within_bounds(clock, &mut c),
            Err(()) => Err(()),
        };
        match r {
            Err(()) => {
                c.hour += 1;
                c.min = 0;
                c.sec = 0;
                usec = 0;
                continue;
            }
            Ok(false) => continue,
            Ok(true) => {}
        }

        let mut sec = c.sec * USEC_PER_SEC + usec;
        let r = find_matching(clock, &spec.second, false, &c, &mut sec);
        usec = sec % USEC_PER_SEC;
        c.sec = sec / USEC_PER_SEC;
        let r = match r {
            Ok(_) => within_bounds(clock, &mut c),
            Err(()) => Err(()),
        };
        match r {
            Err(()) => {
                c.min += 1;
                c.sec = 0;
                usec = 0;
                continue;
            }
            Ok(false) => continue,
            Ok(true) => {}
        }

        let fields = |t: &Tm| (t.year, t.mon, t.mday, t.hour, t.min, t.sec);
        let before_start = match fields(&start).cmp(&fields(&c)) {
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => start_usec > usec,
        };
        if before_start {
            c.hour += 1;
            keep_isdst = true;
            continue;
        }
        return Some((c, usec));
    }
    None
}

/// `calendar_spec_next_usec`: the first elapse strictly after `after`; `zone` `None` means UTC (`timegm`).
pub(crate) fn next_after(
    spec: &Spec,
    after: DateTime<Utc>,
    zone: Option<Tz>,
) -> Option<DateTime<Utc>> {
    let base = after.timestamp_micros().checked_add(1)?;
    let t = base.div_euclid(USEC_PER_SEC);
    let usec = base.rem_euclid(USEC_PER_SEC);
    let mut clock = Clock { tz: zone, guess: 0 };
    // The search's first `mktime` gets `tm_isdst` from `localtime` and so keeps the base time's pass; glibc
    // then remembers that offset.
    clock.guess = clock.offset_at(t);
    let tm = clock.localtime(t)?;
    let (mut found, usec) = find_next(spec, &mut clock, tm, usec)?;
    let t = clock.mktime(&mut found)?;
    if t < 0 {
        return None;
    }
    DateTime::from_timestamp_micros(t.checked_mul(USEC_PER_SEC)?.checked_add(usec)?)
}
