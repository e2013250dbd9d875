//! Plain-English descriptions in 24-hour time, in the style of crontab.guru: "At 09:00 on every day-of-week from
//! Monday through Friday".
//!
//! croner has a `describe()`, but it reads "At on minute 0, at hour 12, on Monday,Tuesday,..." and knows nothing
//! of the Vixie OR rule, so the wording is written here.

use crate::field::{FieldKind, WEEKDAYS};
use crate::parse::{Field, Item};
use crate::schedule::Schedule;

/// Most hours (or minutes) spelled out as clock times, "At 09:30 and 17:30", before the description falls back
/// to "At minute 30 past hour 9, 12, ...".
const MAX_CLOCK_TIMES: usize = 6;

impl Schedule {
    /// The schedule in plain English: `At every 15th minute`, `At 00:00 on day-of-month 1 or on Monday`.
    pub fn describe(&self) -> String {
        if self.is_reboot() {
            return "At startup, once each time the cron daemon starts".to_owned();
        }
        let mut text = time_phrase(self);
        for part in [day_phrase(self), month_phrase(self), year_phrase(self)].into_iter().flatten()
        {
            text.push(' ');
            text.push_str(&part);
        }
        text
    }
}

impl Schedule {
    /// A caution worth showing beside the description, if any: `@reboot` has no run times, the expression never
    /// fires, day-of-month and day-of-week must both match because one starts with `*`, or a day-of-week step
    /// (`1/2`) reaches 7 and so includes Sunday, which some implementations leave out. Several join into one text.
    pub fn warning(&self) -> Option<String> {
        if self.is_reboot() {
            return Some(
                "@reboot has no run times: it runs once each time the cron daemon starts."
                    .to_owned(),
            );
        }
        if self.never_fires() {
            let years = if self.field(FieldKind::Year).is_some_and(|y| y.raw != "*") {
                ", month, day-of-week and year"
            } else {
                ", month and day-of-week"
            };
            return Some(format!(
                "This expression never fires: no calendar date matches its day-of-month{years} fields together."
            ));
        }
        let cautions: Vec<String> =
            [self.both_days_warning(), self.sunday_step_note()].into_iter().flatten().collect();
        (!cautions.is_empty()).then(|| cautions.join(" "))
    }

    fn both_days_warning(&self) -> Option<String> {
        let dom = self.field(FieldKind::DayOfMonth)?;
        let dow = self.field(FieldKind::DayOfWeek)?;
        let restricted = |field: &Field| !field.is_every() || field.has_special();
        if self.days_and() && restricted(dom) && restricted(dow) {
            let star = if dom.is_star() { "day-of-month" } else { "day-of-week" };
            return Some(format!(
                "The {star} field starts with * or ?, so a day must match both day-of-month and day-of-week (Vixie cron); without it, either would do."
            ));
        }
        None
    }

    /// Day-of-week `N/step` runs to 7 (see [`crate::parse`]'s reading of `N/step`); when the step lands on 7, the
    /// schedule includes Sunday, which croniter (stopping at 6) leaves out: say so.
    fn sunday_step_note(&self) -> Option<String> {
        let dow = self.field(FieldKind::DayOfWeek)?;
        let offset = dow.span.start;
        let item = dow.items.iter().find_map(|(item, span)| {
            let text =
                dow.raw.get(span.start.checked_sub(offset)?..span.end.checked_sub(offset)?)?;
            match *item {
                Item::Range { start, end: 7, step }
                    if step > 1
                        && start != 7
                        && (7 - start).is_multiple_of(step)
                        && !text.contains('-') =>
                {
                    Some(text)
                }
                _ => None,
            }
        })?;
        Some(format!(
            "Day-of-week \"{item}\" includes Sunday: a step with no end runs to the field's maximum, 7 (Sunday), \
             as in BSD cron (N/step is N-7/step). croniter stops at 6 (Saturday) and leaves Sunday out; \
             write the days as a list to be read the same everywhere."
        ))
    }
}

impl Field {
    /// The matched values in short form for a table: `0, 15, 30, 45`, `9–17`, `Mon–Fri`, plus any month-dependent
    /// items (`last day`, `2nd Mon`).
    pub fn values_text(&self) -> String {
        let name = |v: u32| match self.kind {
            FieldKind::Month | FieldKind::DayOfWeek => self.kind.value_name(v)[..3].to_owned(),
            _ => v.to_string(),
        };
        let mut parts = Vec::new();
        let mut i = 0;
        while i < self.values.len() {
            let mut j = i;
            while j + 1 < self.values.len() && self.values[j + 1] == self.values[j] + 1 {
                j += 1;
            }
            if j >= i + 2 {
                parts.push(format!("{}–{}", name(self.values[i]), name(self.values[j])));
            } else {
                parts.extend(self.values[i..=j].iter().map(|v| name(*v)));
            }
            i = j + 1;
        }
        for (item, _) in &self.items {
            let special = match *item {
                Item::LastDay => "last day".to_owned(),
                Item::LastDayOffset { offset } => format!("L-{offset}"),
                Item::LastWeekday => "last weekday".to_owned(),
                Item::NearestWeekday { day } => format!("weekday nearest {day}"),
                Item::LastOfMonth { weekday: day } => format!("last {}", &weekday(day)[..3]),
                Item::Nth { weekday: day, nth } => {
                    format!("{} {}", ordinal(nth), &weekday(day)[..3])
                }
                _ => continue,
            };
            parts.push(special);
        }
        parts.join(", ")
    }

    /// What this field alone means: `every 15th minute`, `every day-of-week from Monday through Friday`.
    pub fn describe(&self) -> String {
        if self.raw == "?" {
            return format!("any {} (no specific value)", self.kind.name());
        }
        field_phrase(self)
    }
}

/// `1st`, `2nd`, `3rd`, `11th`, `22nd`.
pub(crate) fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `a`, `a and b`, `a, b, and c`.
fn join(parts: &[String], word: &str) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} {word} {b}"),
        [rest @ .., last] => format!("{}, {word} {last}", rest.join(", ")),
    }
}

fn occurrence(nth: u32) -> &'static str {
    ["first", "second", "third", "fourth", "fifth"]
        .get(nth.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("nth")
}

fn weekday(value: u32) -> &'static str {
    WEEKDAYS[(value % 7) as usize]
}

/// Most values a stepped item lists by name before it is described as a step: `minute 5, 20, 35, and 50` for
/// `5/15`, `every 2nd hour from 0 through 20` for `0-20/2`.
const MAX_LISTED_STEPS: usize = 4;

/// One non-value item: `every 15th minute`, `every day-of-week from Monday through Friday`, `the last day of the
/// month`.
fn item_phrase(kind: FieldKind, max_normalised: u32, item: Item) -> String {
    let unit = kind.name();
    match item {
        Item::Any { step: 1 } => format!("every {unit}"),
        Item::Any { step } => stepped_phrase(kind, kind.min(), max_normalised, step, true),
        Item::Value { value } => value_phrase(kind, &[value]),
        Item::Range { start, end, step: 1 } => {
            format!("every {unit} from {} through {}", kind.value_name(start), kind.value_name(end))
        }
        Item::Range { start, end, step } => stepped_phrase(kind, start, end, step, false),
        Item::LastDay => "the last day of the month".to_owned(),
        Item::LastDayOffset { offset: 1 } => "the day before the last day of the month".to_owned(),
        Item::LastDayOffset { offset } => format!("{offset} days before the last day of the month"),
        Item::LastWeekday => "the last weekday of the month".to_owned(),
        Item::NearestWeekday { day } => format!("the weekday nearest day {day} of the month"),
        Item::LastOfMonth { weekday: day } => format!("the last {} of the month", weekday(day)),
        Item::Nth { weekday: day, nth } => {
            format!("the {} {} of the month", occurrence(nth), weekday(day))
        }
    }
}

/// A stepped item by the values it reaches, never by a bound it may miss: `*/15` (the step divides the field's
/// cycle) is `every 15th minute`; a few values are listed (`5/15` is `minute 5, 20, 35, and 50`, day-of-week
/// `0/2` is `Sunday, Tuesday, Thursday, and Saturday`); more are `every 2nd hour from 0 through 20`, ending at
/// the last value reached (`*/7` is `every 7th minute from 0 through 56`).
fn stepped_phrase(kind: FieldKind, start: u32, end: u32, step: u32, whole_field: bool) -> String {
    let unit = kind.name();
    // For the whole field, `end` is its largest value (2199 for EventBridge's years, not the kind's 2099).
    let cycle = end - kind.min() + 1;
    if whole_field && cycle.is_multiple_of(step) {
        return format!("every {} {unit}", ordinal(step));
    }
    // A range that wraps around (Quartz's `22-2/2`) is never one of years, so the kind's largest value is the
    // field's.
    let reached = crate::parse::range_reached(kind, start, end, step, kind.max_normalised());
    // Day-of-week 7 is Sunday, 0: list it once, where the step reaches it.
    let mut listed: Vec<u32> = Vec::new();
    for value in &reached {
        let value = if kind == FieldKind::DayOfWeek { value % 7 } else { *value };
        if !listed.contains(&value) {
            listed.push(value);
        }
    }
    if listed.len() <= MAX_LISTED_STEPS {
        return value_phrase(kind, &listed);
    }
    let last = reached.last().copied().unwrap_or(end);
    format!(
        "every {} {unit} from {} through {}",
        ordinal(step),
        kind.value_name(start),
        kind.value_name(last)
    )
}

/// Plain values: `minute 1, 2, and 3`, `Monday and Friday`, `August`.
fn value_phrase(kind: FieldKind, values: &[u32]) -> String {
    let names: Vec<String> = values.iter().map(|v| kind.value_name(*v)).collect();
    match kind {
        FieldKind::Month | FieldKind::DayOfWeek => join(&names, "and"),
        _ => format!("{} {}", kind.name(), join(&names, "and")),
    }
}

/// The whole field as a phrase without a preposition.
fn field_phrase(field: &Field) -> String {
    // Quartz's and EventBridge's `L` alone in day-of-week (the dialects turn it into Saturday): say what it is.
    if field.kind == FieldKind::DayOfWeek && field.raw.eq_ignore_ascii_case("L") {
        return "Saturday (L: the last day of the week)".to_owned();
    }
    let values: Vec<u32> = field
        .items
        .iter()
        .filter_map(|(item, _)| if let Item::Value { value } = item { Some(*value) } else { None })
        .collect();
    let mut parts = Vec::new();
    let mut values_placed = false;
    for (item, _) in &field.items {
        match item {
            Item::Value { .. } if !values_placed => {
                parts.push(value_phrase(field.kind, &values));
                values_placed = true;
            }
            Item::Value { .. } => {}
            other => parts.push(item_phrase(field.kind, field.max_normalised(), *other)),
        }
    }
    join(&parts, "and")
}

fn clock(hour: u32, minute: u32, second: Option<u32>) -> String {
    match second {
        Some(second) => format!("{hour:02}:{minute:02}:{second:02}"),
        None => format!("{hour:02}:{minute:02}"),
    }
}

/// Only plain values, and not too many of them.
fn few_values(field: &Field) -> Option<&[u32]> {
    let plain = field.items.iter().all(|(item, _)| matches!(item, Item::Value { .. }));
    (plain && field.values.len() <= MAX_CLOCK_TIMES).then_some(field.values.as_slice())
}

/// `At 09:30`, `At 09:30 and 17:30`, `At every 15th minute past every hour from 9 through 17`.
fn time_phrase(schedule: &Schedule) -> String {
    let (Some(minute), Some(hour)) =
        (schedule.field(FieldKind::Minute), schedule.field(FieldKind::Hour))
    else {
        return "At every minute".to_owned();
    };
    let second = schedule.field(FieldKind::Second);
    let second_single = second.and_then(Field::single);
    let clock_second = second_single;
    let seconds_fixed = second.is_none() || second_single.is_some();

    if seconds_fixed {
        if let (Some(m), Some(hours)) = (minute.single(), few_values(hour)) {
            let times: Vec<String> = hours.iter().map(|h| clock(*h, m, clock_second)).collect();
            return format!("At {}", join(&times, "and"));
        }
        if let (Some(h), Some(minutes)) = (hour.single(), few_values(minute))
            && minutes.len() <= 4
        {
            let times: Vec<String> = minutes.iter().map(|m| clock(h, *m, clock_second)).collect();
            return format!("At {}", join(&times, "and"));
        }
    }

    let mut text = String::from("At ");
    if let Some(second) = second.filter(|_| !seconds_fixed || second_single != Some(0)) {
        text.push_str(&field_phrase(second));
        if minute.is_every() && hour.is_every() && minute.raw == "*" {
            return text;
        }
        if let (Some(m), Some(h)) = (minute.single(), hour.single()) {
            text.push_str(&format!(" past {}", clock(h, m, None)));
            return text;
        }
        text.push_str(" past ");
    }
    text.push_str(&field_phrase(minute));
    if !(hour.is_every() && hour.raw.starts_with('*')) {
        text.push_str(" past ");
        text.push_str(&field_phrase(hour));
    }
    text
}

/// `on day-of-month 1 or on Monday`, following the Vixie rule for which of OR and AND applies.
fn day_phrase(schedule: &Schedule) -> Option<String> {
    let dom = schedule.field(FieldKind::DayOfMonth)?;
    let dow = schedule.field(FieldKind::DayOfWeek)?;
    let dom_all = dom.is_every() && !dom.has_special();
    let dow_all = dow.is_every() && !dow.has_special();
    if !schedule.days_and() {
        // Both restricted: a day matches when either matches.
        return Some(match (dom_all, dow_all) {
            (true, _) | (_, true) => "on every day".to_owned(),
            _ => format!("on {} or on {}", field_phrase(dom), field_phrase(dow)),
        });
    }
    Some(match (dom_all, dow_all) {
        (true, true) => return None,
        (false, true) => format!("on {}", field_phrase(dom)),
        (true, false) => format!("on {}", field_phrase(dow)),
        (false, false) => {
            // Both must match; name the weekdays concretely, which reads better than "every 2nd day-of-week".
            let days = if dow.has_special() || !dow.is_star() {
                field_phrase(dow)
            } else {
                let names: Vec<String> =
                    dow.values.iter().map(|v| weekday(*v).to_owned()).collect();
                join(&names, "or")
            };
            format!("on {} if it is also {days}", field_phrase(dom))
        }
    })
}

fn month_phrase(schedule: &Schedule) -> Option<String> {
    let month = schedule.field(FieldKind::Month)?;
    (!month.is_every()).then(|| format!("in {}", field_phrase(month)))
}

fn year_phrase(schedule: &Schedule) -> Option<String> {
    let year = schedule.field(FieldKind::Year)?;
    if year.raw == "*" {
        return None;
    }
    let values: Vec<u32> = year.values.clone();
    Some(match year.items.as_slice() {
        [(Item::Value { value }, _)] => format!("in {value}"),
        _ if year.items.iter().all(|(item, _)| matches!(item, Item::Value { .. })) => {
            let names: Vec<String> = values.iter().map(u32::to_string).collect();
            format!("in {}", join(&names, "and"))
        }
        _ => format!("in {}", field_phrase(year)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn describe(expression: &str) -> String {
        Schedule::parse(expression).unwrap_or_else(|e| panic!("{expression}: {e}")).describe()
    }

    #[test]
    fn ordinals() {
        let got: Vec<String> =
            [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].into_iter().map(ordinal).collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
                "101st", "111th"
            ]
        );
    }

    #[test]
    fn descriptions_like_crontab_guru_in_24_hour_time() {
        let cases = [
            ("* * * * *", "At every minute"),
            ("*/15 * * * *", "At every 15th minute"),
            ("0 9 * * 1-5", "At 09:00 on every day-of-week from Monday through Friday"),
            ("0 0 1 * 1", "At 00:00 on day-of-month 1 or on Monday"),
            ("5 4 * * *", "At 04:05"),
            ("5 0 * 8 *", "At 00:05 in August"),
            ("15 14 1 * *", "At 14:15 on day-of-month 1"),
            ("0 22 * * 1-5", "At 22:00 on every day-of-week from Monday through Friday"),
            ("23 0-20/2 * * *", "At minute 23 past every 2nd hour from 0 through 20"),
            ("5 4 * * sun", "At 04:05 on Sunday"),
            ("0 0,12 1 */2 *", "At 00:00 and 12:00 on day-of-month 1 in every 2nd month"),
            ("0 4 8-14 * *", "At 04:00 on every day-of-month from 8 through 14"),
            ("0 0 1,15 * 3", "At 00:00 on day-of-month 1 and 15 or on Wednesday"),
            ("0 * * * *", "At minute 0"),
            ("0 */2 * * *", "At minute 0 past every 2nd hour"),
            ("*/5 9-17 * * *", "At every 5th minute past every hour from 9 through 17"),
            ("0 9 * * 1,3,5", "At 09:00 on Monday, Wednesday, and Friday"),
            ("1,2,3 * * * *", "At minute 1, 2, and 3"),
            ("1,5-10 * * * *", "At minute 1 and every minute from 5 through 10"),
            ("30 9,17 * * *", "At 09:30 and 17:30"),
            ("0 0 1 1 *", "At 00:00 on day-of-month 1 in January"),
            ("0 0 * 1-6 *", "At 00:00 in every month from January through June"),
            ("0 0 * JAN,jul *", "At 00:00 in January and July"),
            ("0 0 L * *", "At 00:00 on the last day of the month"),
            ("0 0 LW * *", "At 00:00 on the last weekday of the month"),
            ("0 0 15W * *", "At 00:00 on the weekday nearest day 15 of the month"),
            ("0 0 * * 5L", "At 00:00 on the last Friday of the month"),
            ("0 0 * * MON#2", "At 00:00 on the second Monday of the month"),
            (
                "0 0 */2 * 1",
                "At 00:00 on every 2nd day-of-month from 1 through 31 if it is also Monday",
            ),
            (
                "0 0 1 * */2",
                "At 00:00 on day-of-month 1 if it is also Sunday, Tuesday, Thursday, or Saturday",
            ),
            ("0 0 * * 7", "At 00:00 on Sunday"),
            ("0 0 ? * MON-FRI", "At 00:00 on every day-of-week from Monday through Friday"),
            ("5/15 * * * *", "At minute 5, 20, 35, and 50"),
            ("0 0 1-31 * 1-7", "At 00:00 on every day"),
            ("30 0 9 * * *", "At 09:00:30"),
            ("*/10 * * * * *", "At every 10th second"),
            ("0 */5 * * * *", "At every 5th minute"),
            ("15 */5 * * * *", "At second 15 past every 5th minute"),
            ("*/10 0 9 * * *", "At every 10th second past 09:00"),
            ("0 0 12 * * ? 2030", "At 12:00:00 in 2030"),
            (
                "0 0 12 1 * ? 2030-2035",
                "At 12:00:00 on day-of-month 1 in every year from 2030 through 2035",
            ),
            ("0,15,30,45 9 * * *", "At 09:00, 09:15, 09:30, and 09:45"),
            ("0,10,20,30,40,50 9 * * *", "At minute 0, 10, 20, 30, 40, and 50 past hour 9"),
            ("0 0,3,6,9,12,15,18 * * *", "At minute 0 past hour 0, 3, 6, 9, 12, 15, and 18"),
            ("@daily", "At 00:00"),
            ("@weekly", "At 00:00 on Sunday"),
            ("@monthly", "At 00:00 on day-of-month 1"),
            ("@yearly", "At 00:00 on day-of-month 1 in January"),
            ("@hourly", "At minute 0"),
            ("@reboot", "At startup, once each time the cron daemon starts"),
        ];
        for (expression, expected) in cases {
            assert_eq!(describe(expression), expected, "{expression}");
        }
    }

    /// Issue 14 class 7: a step is described by the values it reaches, in every field.
    #[test]
    fn steps_name_the_values_they_reach() {
        let cases = [
            ("0 0 * * 0/2", "At 00:00 on Sunday, Tuesday, Thursday, and Saturday"),
            ("0 0 * * */2", "At 00:00 on Sunday, Tuesday, Thursday, and Saturday"),
            ("0 0 * * 1/2", "At 00:00 on Monday, Wednesday, Friday, and Sunday"),
            ("0 0 * * MON/3", "At 00:00 on Monday, Thursday, and Sunday"),
            ("0 0 * * 1-7/3", "At 00:00 on Monday, Thursday, and Sunday"),
            ("0 0 * * 0-7/7", "At 00:00 on Sunday"),
            ("0 0 * * 1-5/2", "At 00:00 on Monday, Wednesday, and Friday"),
            ("*/7 * * * *", "At every 7th minute from 0 through 56"),
            ("1-10/4 * * * *", "At minute 1, 5, and 9"),
            ("0 */5 * * *", "At minute 0 past every 5th hour from 0 through 20"),
            ("0 */13 * * *", "At minute 0 past hour 0 and 13"),
            ("0 0 * */5 *", "At 00:00 in January, June, and November"),
            ("0 0 * 2/3 *", "At 00:00 in February, May, August, and November"),
            ("0 0 * 1/2 *", "At 00:00 in every 2nd month from January through November"),
            ("0 0 * */2 *", "At 00:00 in every 2nd month"),
            ("0 0 10/10 * *", "At 00:00 on day-of-month 10, 20, and 30"),
            ("0 0 1/7 * *", "At 00:00 on every 7th day-of-month from 1 through 29"),
            ("*/25 * * * * *", "At second 0, 25, and 50"),
        ];
        for (expression, expected) in cases {
            assert_eq!(describe(expression), expected, "{expression}");
        }
        let field = |expression: &str| Schedule::parse(expression).unwrap().fields()[4].describe();
        assert_eq!(field("0 0 * * 0/2"), "Sunday, Tuesday, Thursday, and Saturday");
    }

    #[test]
    fn a_day_of_week_step_that_reaches_7_says_it_includes_sunday() {
        let warning = |s: &str| Schedule::parse(s).unwrap().warning();
        let note = warning("0 0 * * 1/2").unwrap();
        assert!(
            note.starts_with("Day-of-week \"1/2\" includes Sunday: a step with no end runs"),
            "{note}"
        );
        assert!(note.contains("as in BSD cron (N/step is N-7/step)"), "{note}");
        assert!(note.contains("croniter stops at 6 (Saturday)"), "{note}");
        assert!(warning("0 0 * * 3/4").unwrap().contains("\"3/4\" includes Sunday"));
        assert!(warning("0 0 * * 1,MON/3").unwrap().contains("\"MON/3\""));
        for quiet in ["0 0 * * 0/2", "0 0 * * 2/2", "0 0 * * 1-7/2", "0 0 * * */2", "0 0 * * 7"] {
            assert_eq!(warning(quiet), None, "{quiet}");
        }
        // With the day-of-month caution, both are said.
        let both = warning("0 0 */2 * 1/2").unwrap();
        assert!(both.contains("must match both") && both.contains("includes Sunday"), "{both}");
    }

    #[test]
    fn values_in_short_form() {
        let schedule = Schedule::parse("0,15,30,45 9-17 1,2,L * MON-FRI,SUN#2").unwrap();
        let got: Vec<String> = schedule.fields().iter().map(Field::values_text).collect();
        assert_eq!(got, ["0, 15, 30, 45", "9–17", "1, 2, last day", "Jan–Dec", "Mon–Fri, 2nd Sun"]);
    }

    #[test]
    fn warnings() {
        let warning = |s: &str| Schedule::parse(s).unwrap().warning();
        assert!(warning("0 0 30 2 *").unwrap().starts_with("This expression never fires"));
        assert!(warning("@reboot").unwrap().contains("no run times"));
        assert!(warning("0 0 */2 * 1").unwrap().contains("must match both"));
        assert!(warning("0 0 1 * */2").unwrap().contains("The day-of-week field starts with"));
        assert_eq!(warning("0 0 * * 1"), None);
        assert_eq!(warning("0 0 1 * 1"), None);
        assert_eq!(warning("*/5 * * * *"), None);
    }

    #[test]
    fn field_meanings() {
        let schedule = Schedule::parse("*/15 9-17 ? JAN-MAR MON#2").unwrap();
        let got: Vec<String> = schedule.fields().iter().map(Field::describe).collect();
        assert_eq!(
            got,
            [
                "every 15th minute",
                "every hour from 9 through 17",
                "any day-of-month (no specific value)",
                "every month from January through March",
                "the second Monday of the month",
            ]
        );
    }
}
