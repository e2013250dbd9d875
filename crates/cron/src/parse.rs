//! Reading an expression into fields and items, keeping every byte position.
//!
//! croner parses too, but its errors carry no position and it drops the text of each field, so the parser that
//! the page's underlining and breakdown need is written here; croner then evaluates the normalised result.

use crate::error::{ErrorKind, ParseError};
use crate::field::FieldKind;
use serde::Serialize;
use std::ops::Range;

/// One comma-separated part of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Item {
    /// `*` or `?`, every `step`th value from the field's minimum (`*/15`).
    Any {
        /// 1 for a plain `*`.
        step: u32,
    },
    /// One value: `5`, `MON`.
    Value {
        /// The value, with day-of-week 7 kept as written.
        value: u32,
    },
    /// `start-end/step`, or `start/step` which runs to the field's maximum (7 for day-of-week, as in cronie and
    /// BSD cron). With `start` after `end`, a range that wraps around past the field's largest value to its
    /// smallest, as Quartz reads it (the only dialect that takes one): `22-2` is 22, 23, 0, 1, 2, and the step
    /// counts on across the wrap (`25-5/3` in day-of-month is 25, 28, 31, 3).
    Range {
        /// First value.
        start: u32,
        /// Last value.
        end: u32,
        /// 1 without a `/`.
        step: u32,
    },
    /// `L` in day-of-month: the last day of the month.
    LastDay,
    /// `LW` in day-of-month: the last weekday (Monday–Friday) of the month.
    LastWeekday,
    /// `L-3` in day-of-month (Quartz only): that many days before the last day of the month.
    LastDayOffset {
        /// Days before the last day, 1–30.
        offset: u32,
    },
    /// `15W` in day-of-month: the weekday nearest that day, within the month.
    NearestWeekday {
        /// The day of the month.
        day: u32,
    },
    /// `5L` in day-of-week: the last such weekday of the month.
    LastOfMonth {
        /// The weekday, 0 = Sunday.
        weekday: u32,
    },
    /// `MON#2` in day-of-week: the nth such weekday of the month.
    Nth {
        /// The weekday, 0 = Sunday.
        weekday: u32,
        /// 1–5.
        nth: u32,
    },
}

impl Item {
    /// The plain values the item matches (empty for `L`, `W` and `#` items, which depend on the month).
    pub(crate) fn plain_values(self, kind: FieldKind, max_normalised: u32) -> Vec<u32> {
        let (start, end, step) = match self {
            Item::Any { step } => (kind.min(), max_normalised, step),
            Item::Value { value } => (value, value, 1),
            Item::Range { start, end, step } => (start, end, step),
            _ => return Vec::new(),
        };
        range_reached(kind, start, end, step, max_normalised)
            .into_iter()
            .map(|value| normalise(kind, value))
            .collect()
    }

    /// Whether the item depends on the month (`L`, `W`, `#`), which plain values cannot express.
    pub(crate) fn is_special(self) -> bool {
        !matches!(self, Item::Any { .. } | Item::Value { .. } | Item::Range { .. })
    }
}

/// The values `start-end/step` reaches in order, in a field whose largest normalised value is `max_normalised`.
/// A range whose `start` is after its `end` wraps around as Quartz 2.3.2's `CronExpression.addToSet` wraps it:
/// the end moves up by the field's cycle (60, 24, 31, 12, 7), the step counts on from the start, and each value
/// past the largest comes back round (`22-2/2` in hours is 22, 0, 2; `25-5/3` in day-of-month 25, 28, 31, 3,
/// whatever the month's length, as Quartz's cycle for days is 31).
pub(crate) fn range_reached(
    kind: FieldKind,
    start: u32,
    end: u32,
    step: u32,
    max_normalised: u32,
) -> Vec<u32> {
    let step = usize::try_from(step.max(1)).unwrap_or(usize::MAX);
    if start <= end {
        return (start..=end).step_by(step).collect();
    }
    let cycle = max_normalised - kind.min() + 1;
    (start..=end + cycle)
        .step_by(step)
        .map(|value| if value > max_normalised { value - cycle } else { value })
        .collect()
}

/// Day-of-week 7 is Sunday, 0.
fn normalise(kind: FieldKind, value: u32) -> u32 {
    if kind == FieldKind::DayOfWeek && value == 7 { 0 } else { value }
}

/// One field of an expression as written and as understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub(crate) kind: FieldKind,
    pub(crate) raw: String,
    pub(crate) span: Range<usize>,
    pub(crate) items: Vec<(Item, Range<usize>)>,
    pub(crate) values: Vec<u32>,
    /// The largest value the field takes: the kind's own, but 2199 for EventBridge's year ([`FieldKind::max`]).
    pub(crate) max: u32,
}

impl Field {
    /// Which field this is.
    pub fn kind(&self) -> FieldKind {
        self.kind
    }

    /// The text as written (for a macro, the text of its expansion).
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// Byte range of the field in the input (for a macro, the whole macro).
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The items of the comma-separated list, each with its byte range in the input.
    pub fn items(&self) -> impl Iterator<Item = Item> + '_ {
        self.items.iter().map(|(item, _)| *item)
    }

    /// The plain values the field matches, sorted, day-of-week 7 folded into 0. Month-dependent items (`L`,
    /// `15W`, `5L`, `MON#2`) add none; [`Field::describe`] explains them.
    pub fn values(&self) -> &[u32] {
        &self.values
    }

    /// Whether the field starts with `*` or `?`, which Vixie cron treats as unrestricted when it decides between
    /// OR and AND for day-of-month and day-of-week, even with a step (`*/2`).
    pub fn is_star(&self) -> bool {
        self.raw.starts_with(['*', '?'])
    }

    /// [`Field::is_star`], or with `bare` robfig/cron's rule: an item `*` or `?` with no step or a step of 1
    /// (`*`, `*/1`, `1,*`). robfig/cron v3's `getRange` sets the star bit for `*` and `?` and clears it only for
    /// a step above 1 (`if step > 1 { extra = 0 }`), and `getField` ORs the bits of every item of the list; so
    /// `*/2` is restricted and `*/1` is not.
    pub(crate) fn counts_as_star(&self, bare: bool) -> bool {
        if bare {
            self.items.iter().any(|(item, _)| matches!(item, Item::Any { step: 1 }))
        } else {
            self.is_star()
        }
    }

    /// Whether the field matches every value of its range (`*`, `*/1`, `0-59`).
    pub fn is_every(&self) -> bool {
        let all = (self.max_normalised() - self.kind.min() + 1) as usize;
        self.values.len() == all
    }

    /// The largest value after normalisation: 6 for day-of-week (7 is Sunday, 0), else [`Field::max`].
    pub(crate) fn max_normalised(&self) -> u32 {
        if self.kind == FieldKind::DayOfWeek { 6 } else { self.max }
    }

    /// The largest value the field accepts: [`FieldKind::max`], except in a dialect whose range is wider
    /// (EventBridge's years run to 2199).
    pub fn max(&self) -> u32 {
        self.max
    }

    /// Whether the field is exactly one plain value (`5`, `MON`).
    pub(crate) fn single(&self) -> Option<u32> {
        match self.items.as_slice() {
            [(Item::Value { value }, _)] => Some(normalise(self.kind, *value)),
            _ => None,
        }
    }

    /// Recomputes [`Field::values`] after a dialect adjusted the items.
    pub(crate) fn recompute(&mut self) {
        let kind = self.kind;
        let max = self.max_normalised();
        let mut values: Vec<u32> =
            self.items.iter().flat_map(|(item, _)| item.plain_values(kind, max)).collect();
        values.sort_unstable();
        values.dedup();
        self.values = values;
    }

    pub(crate) fn has_special(&self) -> bool {
        self.items.iter().any(|(item, _)| item.is_special())
    }
}

/// Parses one field's text, which starts at byte `offset` of the input.
pub(crate) fn parse_field(kind: FieldKind, raw: &str, offset: usize) -> Result<Field, ParseError> {
    parse_field_within(kind, raw, offset, Bounds::of(kind))
}

/// The largest value a field takes and how its range reads in messages, when a dialect widens the kind's, and
/// whether a range may wrap around.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bounds {
    pub(crate) max: u32,
    /// `None`: the kind's own range text.
    pub(crate) text: Option<&'static str>,
    /// Whether a range whose end comes before its start wraps around ([`Item::Range`]), as in Quartz, rather
    /// than being refused with the list to write instead. Years never wrap around.
    pub(crate) wraps: bool,
}

impl Bounds {
    pub(crate) fn of(kind: FieldKind) -> Bounds {
        Bounds { max: kind.max(), text: None, wraps: false }
    }
}

/// [`parse_field`] with the field's largest value and range text given.
pub(crate) fn parse_field_within(
    kind: FieldKind,
    raw: &str,
    offset: usize,
    bounds: Bounds,
) -> Result<Field, ParseError> {
    let mut items = Vec::new();
    let mut start = 0;
    for part in raw.split(',') {
        let span = offset + start..offset + start + part.len();
        if part.is_empty() {
            let at = span.start.saturating_sub(usize::from(start > 0));
            return Err(ParseError::new(ErrorKind::EmptyItem, Some(kind), at, 1));
        }
        let item = parse_item(kind, part, span.start, bounds)?;
        items.push((item, span));
        start += part.len() + 1;
    }
    let max_normalised = if kind == FieldKind::DayOfWeek { 6 } else { bounds.max };
    let mut values: Vec<u32> =
        items.iter().flat_map(|(item, _)| item.plain_values(kind, max_normalised)).collect();
    values.sort_unstable();
    values.dedup();
    Ok(Field {
        kind,
        raw: raw.to_owned(),
        span: offset..offset + raw.len(),
        items,
        values,
        max: bounds.max,
    })
}

fn error(kind: ErrorKind, field: FieldKind, position: usize, len: usize) -> ParseError {
    ParseError::new(kind, Some(field), position, len.max(1))
}

fn parse_item(kind: FieldKind, text: &str, at: usize, bounds: Bounds) -> Result<Item, ParseError> {
    let day_field = matches!(kind, FieldKind::DayOfMonth | FieldKind::DayOfWeek);
    if let Some(slash) = text.find('/') {
        let (base, step_text) = (&text[..slash], &text[slash + 1..]);
        let step_at = at + slash + 1;
        let step = parse_step(kind, step_text, step_at, bounds)?;
        if base == "*" {
            return Ok(Item::Any { step });
        }
        if base.is_empty() || base == "?" {
            let expected = "a value, a range or * before the /";
            return Err(error(
                ErrorKind::Unexpected { token: "/".into(), expected },
                kind,
                at + slash,
                1,
            ));
        }
        return match base.find('-') {
            Some(dash) => {
                let (start, end) = parse_range(kind, base, dash, at, bounds, Some(step_text))?;
                Ok(Item::Range { start, end, step })
            }
            // `N/step` is `N-max/step`: `5/15` is `5-59/15`, as the BSD crons (`get_range` in FreeBSD's
            // `entry.c`), croniter and Quartz read it. Vixie cron 3.0 and cronie allow a step only after a range
            // or `*` (crontab(5)) and refuse the line, and the vixie dialect's answer says so with the rewrite
            // (`dialect::vixie`). The readers differ in day-of-week only: we follow BSD cron, whose day-of-week
            // runs 0-7, so `1/2` is `1-7/2` (Mon, Wed, Fri and, through 7, Sun), which is also what cronie does
            // with the rewrite, while croniter stops at 6 (Mon, Wed, Fri). The answer's warning says so whenever
            // a step reaches 7.
            None => Ok(Item::Range {
                start: parse_atom(kind, base, at, bounds)?,
                end: bounds.max,
                step,
            }),
        };
    }
    match text {
        "*" => return Ok(Item::Any { step: 1 }),
        "?" if day_field => return Ok(Item::Any { step: 1 }),
        "?" => {
            let hint = "? means \"no specific value\" and only fits day-of-month and day-of-week";
            return Err(error(ErrorKind::Misplaced { token: text.into(), hint }, kind, at, 1));
        }
        _ => {}
    }
    let upper = text.to_ascii_uppercase();
    if kind == FieldKind::DayOfMonth {
        if upper == "L" {
            return Ok(Item::LastDay);
        }
        if upper == "LW" {
            return Ok(Item::LastWeekday);
        }
        if let Some(day) = upper.strip_suffix('W') {
            if day.contains('-') {
                let hint = "W takes one day (15W), not a range";
                return Err(error(
                    ErrorKind::Misplaced { token: text.into(), hint },
                    kind,
                    at,
                    text.len(),
                ));
            }
            return Ok(Item::NearestWeekday {
                day: parse_atom(kind, &text[..day.len()], at, bounds)?,
            });
        }
        if upper.starts_with("L-") {
            let hint =
                "offsets from the last day (L-3) are not supported; use L, LW or a day number";
            return Err(error(
                ErrorKind::Misplaced { token: text.into(), hint },
                kind,
                at,
                text.len(),
            ));
        }
    }
    if kind == FieldKind::DayOfWeek {
        if let Some((weekday, nth)) = text.split_once('#') {
            let weekday = parse_atom(kind, weekday, at, bounds)?;
            let nth_at = at + text.len() - nth.len();
            let occurrence = nth.parse::<u32>().ok().filter(|n| (1..=5).contains(n));
            let Some(nth) = occurrence else {
                let error_kind = ErrorKind::BadOccurrence { occurrence: nth.into() };
                return Err(error(error_kind, kind, nth_at, nth.len()));
            };
            return Ok(Item::Nth { weekday: normalise(kind, weekday), nth });
        }
        if upper == "L" {
            let hint =
                "in day-of-week, L follows a weekday: 5L or FRIL is the last Friday of the month";
            return Err(error(ErrorKind::Misplaced { token: text.into(), hint }, kind, at, 1));
        }
        if upper.len() > 1 && upper.ends_with('L') {
            let weekday = parse_atom(kind, &text[..text.len() - 1], at, bounds)?;
            return Ok(Item::LastOfMonth { weekday: normalise(kind, weekday) });
        }
    }
    if let Some(dash) = text.find('-') {
        let (start, end) = parse_range(kind, text, dash, at, bounds, None)?;
        return Ok(Item::Range { start, end, step: 1 });
    }
    Ok(Item::Value { value: parse_atom(kind, text, at, bounds)? })
}

fn parse_step(kind: FieldKind, text: &str, at: usize, bounds: Bounds) -> Result<u32, ParseError> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        let token = if text.is_empty() { "/".to_owned() } else { text.to_owned() };
        let expected = "a whole number after the /";
        let position = if text.is_empty() { at - 1 } else { at };
        return Err(error(ErrorKind::Unexpected { token, expected }, kind, position, text.len()));
    }
    let span = bounds.max - kind.min() + 1;
    match text.parse::<u32>() {
        Ok(0) => Err(error(ErrorKind::ZeroStep, kind, at, text.len())),
        Ok(step) if step <= span => Ok(step),
        _ => Err(error(ErrorKind::StepTooLarge { step: text.into() }, kind, at, text.len())),
    }
}

fn parse_range(
    kind: FieldKind,
    text: &str,
    dash: usize,
    at: usize,
    bounds: Bounds,
    step: Option<&str>,
) -> Result<(u32, u32), ParseError> {
    let start_text = &text[..dash];
    let start = parse_atom(kind, start_text, at, bounds)?;
    let end_text = &text[dash + 1..];
    let end_at = at + dash + 1;
    let mut end = parse_atom(kind, end_text, end_at, bounds)?;
    // `FRI-SUN` means Friday through Sunday: SUN at the end of a range is 7, as in cronie and croner. Not after
    // Sunday itself: `SUN-SUN` is Sunday alone, like `0-0` and `7-7` (read as 0-7 it was every day).
    if kind == FieldKind::DayOfWeek && start > 0 && end == 0 && end_text.eq_ignore_ascii_case("SUN")
    {
        end = 7;
    }
    if start > end && bounds.wraps && kind != FieldKind::Year {
        return Ok((start, end));
    }
    if start > end {
        // The whole item is underlined (the step too), so that the fix replaces exactly what is underlined.
        let len = text.len() + step.map_or(0, |step| step.len() + 1);
        let fix = reversed_range_fix(kind, (start_text, start), (end_text, end), step);
        return Err(error(ErrorKind::ReversedRange { start, end, fix }, kind, at, len));
    }
    Ok((start, end))
}

/// What to write for a range that runs backwards, as the user meant it: a range wraps around in no cron but
/// Quartz (which parses one, [`Bounds::wraps`]), so `22-2` is written `22-23,0-2` and `FRI-MON` `FRI-SAT,SUN-MON` (each end in the style it was written in, names
/// or numbers, upper or lower case); a step applies to each part (`22-23/2,0-2/2`). Years do not wrap around:
/// `2030-2027` is `2027-2030`. The text replaces the whole item and parses in the field.
pub(crate) fn reversed_range_fix(
    kind: FieldKind,
    (start_text, start): (&str, u32),
    (end_text, end): (&str, u32),
    step: Option<&str>,
) -> String {
    let step = step.map(|step| format!("/{step}")).unwrap_or_default();
    if kind == FieldKind::Year {
        return format!("{end_text}-{start_text}{step}");
    }
    let (low, high) = (kind.min(), kind.max_normalised());
    // A bound in the style of the end it stands beside: `SAT` beside `FRI`, `sat` beside `fri`, `6` beside `5`.
    let like = |beside: &str, value: u32| -> String {
        match kind.names() {
            Some((names, first)) if beside.bytes().all(|b| b.is_ascii_alphabetic()) => {
                let name = names
                    .get(usize::try_from(value.saturating_sub(first)).unwrap_or(usize::MAX))
                    .copied()
                    .unwrap_or_default();
                if beside.bytes().all(|b| b.is_ascii_lowercase()) {
                    name.to_ascii_lowercase()
                } else {
                    name.to_owned()
                }
            }
            _ => value.to_string(),
        }
    };
    // Day-of-week 7 at the start is Sunday, the first day: `7-1` is Sunday through Monday.
    if kind == FieldKind::DayOfWeek && start == 7 {
        return format!("{}-{end_text}{step}", like(start_text, low));
    }
    let first = if start == high {
        start_text.to_owned()
    } else {
        format!("{start_text}-{}", like(start_text, high))
    };
    let second = if end == low {
        end_text.to_owned()
    } else {
        format!("{}-{end_text}", like(end_text, low))
    };
    format!("{first}{step},{second}{step}")
}

/// A number or a name, range-checked.
fn parse_atom(kind: FieldKind, text: &str, at: usize, bounds: Bounds) -> Result<u32, ParseError> {
    if text.is_empty() {
        let expected = "a number or name";
        return Err(error(ErrorKind::Unexpected { token: text.into(), expected }, kind, at, 1));
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return match text.parse::<u32>() {
            Ok(value) if (kind.min()..=bounds.max).contains(&value) => Ok(value),
            _ => {
                let value = text.to_owned();
                let error_kind = match bounds.text {
                    Some(range) => ErrorKind::OutOfRangeIn { value, range },
                    None => ErrorKind::OutOfRange { value },
                };
                Err(error(error_kind, kind, at, text.len()))
            }
        };
    }
    if text.bytes().all(|b| b.is_ascii_alphabetic()) {
        let Some((names, first)) = kind.names() else {
            return Err(error(
                ErrorKind::NameNotAllowed { name: text.into() },
                kind,
                at,
                text.len(),
            ));
        };
        let found = names.iter().position(|name| name.eq_ignore_ascii_case(text));
        return match found {
            Some(index) => Ok(first + u32::try_from(index).unwrap_or_default()),
            None => Err(error(ErrorKind::UnknownName { name: text.into() }, kind, at, text.len())),
        };
    }
    // Point at the first character that cannot start or continue a value.
    let bad = text
        .char_indices()
        .find(|(_, c)| !c.is_ascii_alphanumeric())
        .or_else(|| text.char_indices().find(|(_, c)| c.is_ascii_alphabetic()))
        .unwrap_or((0, ' '));
    let expected = match kind {
        FieldKind::DayOfMonth => "numbers, ranges (1-15), steps (*/2), lists, L, LW or 15W",
        FieldKind::DayOfWeek => "numbers, names (MON), ranges (MON-FRI), steps, lists, 5L or MON#2",
        FieldKind::Month => "numbers, names (JAN), ranges, steps (*/3) or lists",
        _ => "numbers, ranges (1-5), steps (*/15) or lists (1,2,3)",
    };
    let token = if bad.1.is_ascii_alphabetic() { text.to_owned() } else { bad.1.to_string() };
    let (position, len) =
        if bad.1.is_ascii_alphabetic() { (at, text.len()) } else { (at + bad.0, bad.1.len_utf8()) };
    Err(error(ErrorKind::Unexpected { token, expected }, kind, position, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(kind: FieldKind, raw: &str) -> Field {
        parse_field(kind, raw, 0).unwrap_or_else(|e| panic!("{raw}: {e}"))
    }

    fn fails(kind: FieldKind, raw: &str) -> (String, usize, usize) {
        let e = parse_field(kind, raw, 10).expect_err(raw);
        (e.to_string(), e.position(), e.len())
    }

    #[test]
    fn values_of_common_forms() {
        use FieldKind::*;
        assert_eq!(field(Minute, "*/15").values(), [0, 15, 30, 45]);
        assert_eq!(field(Minute, "1-30/7").values(), [1, 8, 15, 22, 29]);
        assert_eq!(field(Minute, "5/20").values(), [5, 25, 45]);
        assert_eq!(field(Hour, "9-17").values(), (9..=17).collect::<Vec<_>>());
        assert_eq!(field(Hour, "0,12,12").values(), [0, 12]);
        assert_eq!(field(Month, "jan-mar,Dec").values(), [1, 2, 3, 12]);
        assert_eq!(field(Month, "*/3").values(), [1, 4, 7, 10]);
        assert_eq!(field(DayOfWeek, "7").values(), [0]);
        assert_eq!(field(DayOfWeek, "FRI-SUN").values(), [0, 5, 6]);
        assert_eq!(field(DayOfWeek, "SUN-SUN").values(), [0]);
        assert_eq!(field(DayOfWeek, "sun-SUN").values(), [0]);
        assert_eq!(field(DayOfWeek, "5-7").values(), [0, 5, 6]);
        assert_eq!(field(DayOfWeek, "*/2").values(), [0, 2, 4, 6]);
        assert_eq!(field(DayOfWeek, "0-7").values(), (0..=6).collect::<Vec<_>>());
        assert_eq!(field(DayOfMonth, "?").values().len(), 31);
        assert_eq!(field(Year, "2030-2040/5").values(), [2030, 2035, 2040]);
    }

    #[test]
    fn star_and_every_are_different_questions() {
        use FieldKind::*;
        assert!(field(DayOfMonth, "*/2").is_star());
        assert!(!field(DayOfMonth, "*/2").is_every());
        assert!(field(DayOfMonth, "?").is_star());
        assert!(!field(DayOfWeek, "0-7").is_star());
        assert!(field(DayOfWeek, "0-7").is_every());
        assert!(field(Minute, "*/1").is_every());
    }

    #[test]
    fn quartz_items() {
        use FieldKind::*;
        let items = |kind, raw| field(kind, raw).items().collect::<Vec<_>>();
        assert_eq!(items(DayOfMonth, "L"), [Item::LastDay]);
        assert_eq!(items(DayOfMonth, "lw"), [Item::LastWeekday]);
        assert_eq!(
            items(DayOfMonth, "15W,1"),
            [Item::NearestWeekday { day: 15 }, Item::Value { value: 1 }]
        );
        assert_eq!(items(DayOfWeek, "5L"), [Item::LastOfMonth { weekday: 5 }]);
        assert_eq!(items(DayOfWeek, "FRIL"), [Item::LastOfMonth { weekday: 5 }]);
        assert_eq!(items(DayOfWeek, "MON#2"), [Item::Nth { weekday: 1, nth: 2 }]);
        assert_eq!(items(DayOfWeek, "7#1"), [Item::Nth { weekday: 0, nth: 1 }]);
        assert!(field(DayOfWeek, "MON#2").values().is_empty());
    }

    #[test]
    fn errors_point_at_the_offending_text() {
        use FieldKind::*;
        assert_eq!(fails(Minute, "60"), ("minute: 60 is out of range 0–59".into(), 10, 2));
        assert_eq!(fails(Minute, "1,60"), ("minute: 60 is out of range 0–59".into(), 12, 2));
        assert_eq!(fails(Hour, "1-24"), ("hour: 24 is out of range 0–23".into(), 12, 2));
        assert_eq!(
            fails(DayOfWeek, "MOX").0,
            "day-of-week: unknown name \"MOX\" (use 0–7 or SUN–SAT)"
        );
        assert_eq!(fails(DayOfWeek, "MOX").1, 10);
        assert_eq!(
            fails(DayOfWeek, "monday").0,
            "day-of-week: unknown name \"monday\" (use 0–7 or SUN–SAT)"
        );
        assert!(fails(Minute, "JAN").0.contains("names such as \"JAN\" are not allowed"));
        assert_eq!(fails(Minute, "*/0").1, 12);
        assert!(fails(Minute, "*/0").0.contains("at least 1"));
        assert!(fails(Minute, "*/61").0.contains("larger than the whole range"));
        assert_eq!(fails(Minute, "1,,2").1, 11);
        assert_eq!(fails(Minute, "1,").1, 11);
        assert!(fails(Minute, "30-10").0.contains("runs backwards"));
        assert_eq!(fails(Minute, "5x").1, 10);
        assert_eq!(fails(Minute, "5.5"), ("minute: unexpected \".\"; expected numbers, ranges (1-5), steps (*/15) or lists (1,2,3)".into(), 11, 1));
        assert!(
            fails(Hour, "L").0.contains("unknown") || fails(Hour, "L").0.contains("not allowed")
        );
        assert!(fails(Minute, "?").0.contains("only fits day-of-month"));
        assert!(fails(DayOfWeek, "L").0.contains("5L or FRIL"));
        assert_eq!(fails(DayOfWeek, "MON#6").1, 14);
        assert!(fails(DayOfWeek, "MON#6").0.contains("#6 is not a valid occurrence"));
        assert!(fails(DayOfMonth, "1-5W").0.contains("W takes one day"));
        assert!(fails(DayOfMonth, "32W").0.contains("32 is out of range 1–31"));
        assert!(fails(DayOfMonth, "0").0.contains("0 is out of range 1–31"));
        assert!(fails(Month, "13").0.contains("13 is out of range 1–12 or JAN–DEC"));
        assert!(fails(Minute, "/5").0.contains("before the /"));
        assert!(fails(Minute, "*/").0.contains("after the /"));
        assert!(fails(Minute, "99999999999").0.contains("out of range"));
        assert!(fails(Year, "1969").0.contains("1970–2099"));
    }
}
