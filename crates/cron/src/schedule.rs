//! A parsed expression: its fields, its macro if any, and the croner schedule that evaluates it.

use crate::error::{ErrorKind, ParseError};
use crate::field::FieldKind;
use crate::parse::{Field, Item, parse_field};
use crate::runs::DstRule;
use croner::Cron;
use croner::parser::{CronParser, Seconds, Year};

/// Longest expression accepted, in bytes. A crontab line's schedule is rarely over 100 bytes; a minute list of
/// all 60 values is 170.
pub const MAX_EXPRESSION_LEN: usize = 512;

/// The `@` macros and the five fields each stands for.
pub const MACROS: &[(&str, &str)] = &[
    ("@annually", "0 0 1 1 *"),
    ("@daily", "0 0 * * *"),
    ("@hourly", "0 * * * *"),
    ("@midnight", "0 0 * * *"),
    ("@monthly", "0 0 1 * *"),
    ("@weekly", "0 0 * * 0"),
    ("@yearly", "0 0 1 1 *"),
];

const FIVE: [FieldKind; 5] = [
    FieldKind::Minute,
    FieldKind::Hour,
    FieldKind::DayOfMonth,
    FieldKind::Month,
    FieldKind::DayOfWeek,
];

/// A parsed cron expression, ready to describe, break down and iterate.
#[derive(Debug, Clone)]
pub struct Schedule {
    source: String,
    macro_name: Option<&'static str>,
    fields: Vec<Field>,
    cron: Option<Cron>,
    /// Quartz's `L-n` in day-of-month, which croner lacks: the runs keep only that day ([`crate::Runs`]).
    last_day_offset: Option<u32>,
    /// Whether only a `*` or `?` item with no step above 1 makes a day field unrestricted for the OR-or-AND choice
    /// (robfig/cron, the Kubernetes parser: `*`, `*/1`), rather than any field starting with `*` or `?` (Vixie
    /// cron, where `*/2` counts too).
    bare_star: bool,
    /// What daylight saving does to the runs: cronie's rule unless a dialect set its scheduler's.
    dst: DstRule,
}

impl Schedule {
    /// Parses a crontab schedule: 5 fields, 6 with seconds first, 7 with a year last, or an `@` macro.
    pub fn parse(input: &str) -> Result<Schedule, ParseError> {
        if input.len() > MAX_EXPRESSION_LEN {
            return Err(ParseError::new(
                ErrorKind::TooLong { len: input.len() },
                None,
                MAX_EXPRESSION_LEN,
                input.len() - MAX_EXPRESSION_LEN,
            ));
        }
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(ParseError::new(ErrorKind::Empty, None, 0, 0));
        }
        let offset = input.len() - input.trim_start().len();
        if trimmed.starts_with('@') {
            return Schedule::parse_macro(trimmed, offset);
        }
        let words = split_words(input);
        let kinds: &[FieldKind] = match words.len() {
            5 => &FIVE,
            6 => &[FieldKind::Second, FIVE[0], FIVE[1], FIVE[2], FIVE[3], FIVE[4]],
            7 => &[FieldKind::Second, FIVE[0], FIVE[1], FIVE[2], FIVE[3], FIVE[4], FieldKind::Year],
            found => {
                let (position, len) = match words.get(7) {
                    Some((at, _)) if found > 7 => (*at, input.trim_end().len() - at),
                    _ => (offset, trimmed.len()),
                };
                return Err(ParseError::new(ErrorKind::FieldCount { found }, None, position, len));
            }
        };
        if let [.., (at, last)] = words.as_slice()
            && words.len() == 6
            && looks_like_a_year(last)
        {
            // Read seconds first, the year would be a day-of-week out of range (or an hour, a day, ... earlier):
            // a crontab line with a year wants seven fields.
            let message = format!(
                "{last} looks like a year, but 6 fields are read as second minute hour day-of-month month day-of-week; a year needs 7 fields, with seconds first: 0 {trimmed}"
            );
            return Err(ParseError::new(
                ErrorKind::Rule { message },
                Some(FieldKind::DayOfWeek),
                *at,
                last.len(),
            ));
        }
        let fields = kinds
            .iter()
            .zip(&words)
            .map(|(kind, (at, raw))| parse_field(*kind, raw, *at))
            .collect::<Result<Vec<_>, _>>()?;
        Schedule::from_fields(trimmed.to_owned(), None, fields)
    }

    fn parse_macro(text: &str, offset: usize) -> Result<Schedule, ParseError> {
        let unknown = || {
            ParseError::new(
                ErrorKind::UnknownMacro { name: text.to_owned() },
                None,
                offset,
                text.len(),
            )
        };
        if text.eq_ignore_ascii_case("@reboot") {
            return Ok(Schedule {
                source: text.to_owned(),
                macro_name: Some("@reboot"),
                fields: Vec::new(),
                cron: None,
                last_day_offset: None,
                bare_star: false,
                dst: DstRule::Cronie,
            });
        }
        let &(name, expansion) =
            MACROS.iter().find(|(name, _)| name.eq_ignore_ascii_case(text)).ok_or_else(unknown)?;
        let fields = FIVE
            .iter()
            .zip(expansion.split(' '))
            .map(|(kind, raw)| {
                parse_field(*kind, raw, 0).map(|mut field| {
                    // The field's text is not in the input; point at the macro as a whole.
                    field.span = offset..offset + text.len();
                    for (_, span) in &mut field.items {
                        *span = field.span.clone();
                    }
                    field
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Schedule::from_fields(text.to_owned(), Some(name), fields)
    }

    fn from_fields(
        source: String,
        macro_name: Option<&'static str>,
        fields: Vec<Field>,
    ) -> Result<Schedule, ParseError> {
        Schedule::from_parts(source, macro_name, fields, false)
    }

    /// A schedule of fields a dialect parsed: any of the seven kinds, in any order, each at most once. With
    /// `bare_star`, only a `*` or `?` item with no step above 1 makes a day field unrestricted (robfig/cron: `*`
    /// and `*/1` do, `*/2` does not).
    pub(crate) fn from_parts(
        source: String,
        macro_name: Option<&'static str>,
        fields: Vec<Field>,
        bare_star: bool,
    ) -> Result<Schedule, ParseError> {
        let cron = croner_schedule(&fields, bare_star).map_err(|message| {
            // Every input croner could refuse is refused above with a position; reaching this is a bug, reported
            // as a whole-expression error rather than a panic.
            ParseError::new(
                ErrorKind::Unexpected { token: source.clone(), expected: message },
                None,
                0,
                source.len(),
            )
        })?;
        let last_day_offset =
            fields.iter().flat_map(|field| field.items.iter()).find_map(|(item, _)| match item {
                Item::LastDayOffset { offset } => Some(*offset),
                _ => None,
            });
        Ok(Schedule {
            source,
            macro_name,
            fields,
            cron: Some(cron),
            last_day_offset,
            bare_star,
            dst: DstRule::Cronie,
        })
    }

    /// The expression as given, trimmed.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The macro (`@daily`, `@reboot`, ...) in its canonical lower-case spelling, if the expression is one.
    pub fn macro_name(&self) -> Option<&'static str> {
        self.macro_name
    }

    /// Whether this is `@reboot`: it runs once when the cron daemon starts and has no run times.
    pub fn is_reboot(&self) -> bool {
        self.macro_name == Some("@reboot")
    }

    /// The fields in order (5, 6 or 7; those of the expansion for a macro; none for `@reboot`).
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// The field of a kind, if the expression has it.
    pub fn field(&self, kind: FieldKind) -> Option<&Field> {
        self.fields.iter().find(|field| field.kind == kind)
    }

    /// Whether day-of-month and day-of-week must both match (Vixie cron: when either starts with `*` or `?`);
    /// otherwise a day matches when either does.
    pub fn days_and(&self) -> bool {
        let bare = self.bare_star;
        let star = |kind| self.field(kind).is_none_or(|field| field.counts_as_star(bare));
        star(FieldKind::DayOfMonth) || star(FieldKind::DayOfWeek)
    }

    /// Whether daylight-saving changes move the job as a fixed-time job (cronie: minute and hour fields both
    /// start with something other than `*`), rather than following the wall clock.
    pub fn is_fixed_time(&self) -> bool {
        let star = |kind| self.field(kind).is_some_and(|field: &Field| field.raw.starts_with('*'));
        !(star(FieldKind::Minute) || star(FieldKind::Hour))
    }

    /// What daylight saving does to the runs: [`DstRule::Cronie`] for [`Schedule::parse`]; a dialect sets its
    /// scheduler's (robfig/cron's for Kubernetes, EventBridge Scheduler's).
    pub fn dst_rule(&self) -> DstRule {
        self.dst
    }

    /// The schedule with another daylight-saving rule.
    pub(crate) fn with_dst_rule(mut self, rule: DstRule) -> Schedule {
        self.dst = rule;
        self
    }

    pub(crate) fn last_day_offset(&self) -> Option<u32> {
        self.last_day_offset
    }

    pub(crate) fn cron(&self) -> Option<&Cron> {
        self.cron.as_ref()
    }
}

impl std::str::FromStr for Schedule {
    type Err = ParseError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Schedule::parse(input)
    }
}

/// Whether a word is a year or a list, range or step of years (`2030`, `2030-2035`, `2030,2040`, `2030/5`): digits
/// and `,-/` only, the first number from 1970 on, which no day-of-week (0–7) is.
fn looks_like_a_year(word: &str) -> bool {
    let numbers: Vec<&str> = word.split([',', '-', '/']).collect();
    word.bytes().all(|b| b.is_ascii_digit() || matches!(b, b',' | b'-' | b'/'))
        && numbers.first().and_then(|n| n.parse::<u32>().ok()).is_some_and(|year| year >= 1970)
}

/// Whitespace-separated words with their byte offsets.
pub(crate) fn split_words(input: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in input.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                words.push((s, &input[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, &input[s..]));
    }
    words
}

/// The croner pattern for the fields: seven numeric fields with explicit value lists, so croner's own treatment
/// of names, `*` and steps never matters, and OR or AND chosen by the Vixie rule, which croner applies only to a
/// bare `*`.
fn croner_schedule(fields: &[Field], bare_star: bool) -> Result<Cron, &'static str> {
    let text = |kind: FieldKind, default: &str| -> String {
        let Some(field) = fields.iter().find(|f| f.kind == kind) else { return default.to_owned() };
        let mut parts: Vec<String> = field.values.iter().map(u32::to_string).collect();
        for (item, _) in &field.items {
            match *item {
                Item::LastDay => parts.push("L".into()),
                // Every day for croner; the runs keep the one day (`Runs`).
                Item::LastDayOffset { .. } => parts.push("*".into()),
                Item::LastWeekday => parts.push("LW".into()),
                Item::NearestWeekday { day } => parts.push(format!("{day}W")),
                Item::LastOfMonth { weekday } => parts.push(format!("{weekday}L")),
                Item::Nth { weekday, nth } => parts.push(format!("{weekday}#{nth}")),
                _ => {}
            }
        }
        parts.join(",")
    };
    let pattern = [
        text(FieldKind::Second, "0"),
        text(FieldKind::Minute, "0"),
        text(FieldKind::Hour, "0"),
        text(FieldKind::DayOfMonth, "*"),
        text(FieldKind::Month, "*"),
        text(FieldKind::DayOfWeek, "*"),
        text(FieldKind::Year, "*"),
    ]
    .join(" ");
    let star = |kind| {
        fields.iter().find(|f: &&Field| f.kind == kind).is_none_or(|f| f.counts_as_star(bare_star))
    };
    let and = star(FieldKind::DayOfMonth) || star(FieldKind::DayOfWeek);
    CronParser::builder()
        .seconds(Seconds::Required)
        .year(Year::Required)
        .dom_and_dow(and)
        .build()
        .parse(&pattern)
        .map_err(|_| "an expression croner can evaluate")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fails(input: &str) -> ParseError {
        Schedule::parse(input).expect_err(input)
    }

    #[test]
    fn field_counts() {
        assert_eq!(Schedule::parse("* * * * *").unwrap().fields().len(), 5);
        assert_eq!(Schedule::parse("0 * * * * *").unwrap().fields()[0].kind(), FieldKind::Second);
        assert_eq!(
            Schedule::parse("0 0 12 * * ? 2030").unwrap().fields()[6].kind(),
            FieldKind::Year
        );
        let error = fails("* * * *");
        assert_eq!(
            error.to_string().split(" (").next(),
            Some("expected 5, 6 or 7 fields, found 4")
        );
        assert_eq!(error.field(), None);
        let error = fails("  * * * * * * * 9 10");
        assert_eq!((error.position(), error.len()), (16, 4));
    }

    /// A crontab line with a year but no seconds: six fields are read seconds first, and the error says so and
    /// what to write, rather than that the year is no day-of-week.
    #[test]
    fn six_fields_ending_in_a_year_say_how_six_fields_are_read() {
        for (expr, year, at) in
            [("0 0 1 1 * 2030", "2030", 10), ("30 14 31 12 * 2030-2035", "2030-2035", 14)]
        {
            let error = fails(expr);
            assert_eq!(
                (error.field(), error.position(), error.len()),
                (Some(FieldKind::DayOfWeek), at, year.len())
            );
            let message = error.to_string();
            assert!(message.contains("6 fields are read as second minute hour"), "{message}");
            let fix = format!("0 {expr}");
            assert!(message.ends_with(&fix), "{message}");
            let fixed = Schedule::parse(&fix).unwrap();
            assert_eq!(fixed.field(FieldKind::Year).map(Field::raw), Some(year));
        }
        // A sixth field that is no year keeps the field's own error.
        assert_eq!(
            fails("0 0 1 1 * 9").to_string(),
            "day-of-week: 9 is out of range 0–7 or SUN–SAT"
        );
        assert_eq!(
            fails("0 0 1 1 * 1969").to_string(),
            "day-of-week: 1969 is out of range 0–7 or SUN–SAT"
        );
        assert!(Schedule::parse("0 0 1 1 * 5").is_ok());
    }

    #[test]
    fn positions_are_bytes_in_the_input() {
        let error = fails("  0 60 * * *");
        assert_eq!(error.to_string(), "hour: 60 is out of range 0–23");
        assert_eq!(error.position(), 4);
        assert_eq!(error.field(), Some(FieldKind::Hour));
        let error = fails("0 0 * * MOX");
        assert_eq!((error.position(), error.len()), (8, 3));
        let error = fails("0\t0 * * 1é");
        assert_eq!(error.position(), 9);
    }

    #[test]
    fn macros_expand_and_unknown_ones_are_named() {
        let schedule = Schedule::parse("@Daily").unwrap();
        assert_eq!(schedule.macro_name(), Some("@daily"));
        assert_eq!(
            schedule.fields().iter().map(Field::raw).collect::<Vec<_>>(),
            ["0", "0", "*", "*", "*"]
        );
        assert_eq!(schedule.fields()[0].span(), 0..6);
        assert!(Schedule::parse("@reboot").unwrap().is_reboot());
        assert!(Schedule::parse("@reboot").unwrap().fields().is_empty());
        assert_eq!(Schedule::parse("@weekly").unwrap().fields()[4].values(), [0]);
        let error = fails("@fortnightly");
        assert!(error.to_string().starts_with("unknown macro \"@fortnightly\""), "{error}");
        assert!(fails("@daily extra").to_string().starts_with("unknown macro"));
    }

    #[test]
    fn limits() {
        assert!(matches!(fails("").kind(), ErrorKind::Empty));
        assert!(matches!(fails("   ").kind(), ErrorKind::Empty));
        let long = format!("{} * * * *", vec!["1"; 300].join(","));
        assert!(matches!(fails(&long).kind(), ErrorKind::TooLong { .. }));
    }

    #[test]
    fn vixie_rule_and_dst_class() {
        let and = |s: &str| Schedule::parse(s).unwrap().days_and();
        assert!(!and("0 0 1 * 1"));
        assert!(and("0 0 * * 1"));
        assert!(and("0 0 */2 * 1"));
        assert!(and("0 0 1 * */2"));
        assert!(and("0 0 ? * 1"));
        assert!(!and("0 0 1-31 * 1"));
        let fixed = |s: &str| Schedule::parse(s).unwrap().is_fixed_time();
        assert!(fixed("30 2 * * *"));
        assert!(fixed("0-30/5 1,2 * * *"));
        assert!(!fixed("*/15 1 * * *"));
        assert!(!fixed("0 * * * *"));
        assert!(!fixed("0 */2 * * *"));
        assert!(fixed("*/10 0 2 * * *"));
    }
}
