//! The seven kinds of cron field: their names, ranges and accepted month and weekday names.

use serde::Serialize;

/// Which position of a cron expression a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum FieldKind {
    /// Seconds, 0–59; only in 6- and 7-field expressions, where it comes first.
    Second,
    /// Minutes, 0–59.
    Minute,
    /// Hours, 0–23.
    Hour,
    /// Day of the month, 1–31; also `?`, `L`, `LW` and `15W`.
    DayOfMonth,
    /// Month, 1–12 or `JAN`–`DEC`.
    Month,
    /// Day of the week, 0–7 (0 and 7 are Sunday) or `SUN`–`SAT`; also `?`, `5L` and `MON#2`.
    DayOfWeek,
    /// Year, 1970–2099 (Quartz's range); only in 7-field expressions, where it comes last. EventBridge's year
    /// field runs to 2199 ([`crate::Field::max`]).
    Year,
}

/// Three-letter month names, January first.
pub const MONTH_NAMES: [&str; 12] =
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/// Three-letter weekday names, Sunday (0) first.
pub const WEEKDAY_NAMES: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// Month names in full, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Weekday names in full, Sunday (0) first.
pub const WEEKDAYS: [&str; 7] =
    ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

impl FieldKind {
    /// The name used in messages and the breakdown: `minute`, `day-of-month`, ...
    pub fn name(self) -> &'static str {
        match self {
            FieldKind::Second => "second",
            FieldKind::Minute => "minute",
            FieldKind::Hour => "hour",
            FieldKind::DayOfMonth => "day-of-month",
            FieldKind::Month => "month",
            FieldKind::DayOfWeek => "day-of-week",
            FieldKind::Year => "year",
        }
    }

    /// The smallest value the field accepts.
    pub fn min(self) -> u32 {
        match self {
            FieldKind::Second | FieldKind::Minute | FieldKind::Hour | FieldKind::DayOfWeek => 0,
            FieldKind::DayOfMonth | FieldKind::Month => 1,
            FieldKind::Year => 1970,
        }
    }

    /// The largest value the field accepts (7 for day-of-week, another name for Sunday).
    pub fn max(self) -> u32 {
        match self {
            FieldKind::Second | FieldKind::Minute => 59,
            FieldKind::Hour => 23,
            FieldKind::DayOfMonth => 31,
            FieldKind::Month => 12,
            FieldKind::DayOfWeek => 7,
            FieldKind::Year => 2099,
        }
    }

    /// The largest value after normalisation: 6 for day-of-week, where 7 becomes 0.
    pub(crate) fn max_normalised(self) -> u32 {
        if self == FieldKind::DayOfWeek { 6 } else { self.max() }
    }

    /// Names accepted in place of numbers, with the number of the first name.
    pub(crate) fn names(self) -> Option<(&'static [&'static str], u32)> {
        match self {
            FieldKind::Month => Some((&MONTH_NAMES, 1)),
            FieldKind::DayOfWeek => Some((&WEEKDAY_NAMES, 0)),
            _ => None,
        }
    }

    /// The allowed range as text for messages: `0–59`, `0–7 or SUN–SAT`.
    pub fn range_text(self) -> String {
        match self {
            FieldKind::Month => "1–12 or JAN–DEC".to_owned(),
            FieldKind::DayOfWeek => "0–7 or SUN–SAT".to_owned(),
            _ => format!("{}–{}", self.min(), self.max()),
        }
    }

    /// How a single value reads in prose: `Monday`, `August`, `5`.
    pub(crate) fn value_name(self, value: u32) -> String {
        let index = usize::try_from(value).unwrap_or(usize::MAX);
        match self {
            FieldKind::Month => MONTHS
                .get(index.wrapping_sub(1))
                .map_or_else(|| value.to_string(), |m| (*m).to_owned()),
            FieldKind::DayOfWeek => {
                WEEKDAYS.get(index % 7).map_or_else(|| value.to_string(), |d| (*d).to_owned())
            }
            _ => value.to_string(),
        }
    }
}

impl std::fmt::Display for FieldKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_three_letters_upper_case_and_unique() {
        for names in [&MONTH_NAMES[..], &WEEKDAY_NAMES[..]] {
            for (i, name) in names.iter().enumerate() {
                assert_eq!(name.len(), 3);
                assert_eq!(name.to_ascii_uppercase(), *name);
                assert!(!names[..i].contains(name), "{name} twice");
            }
        }
        for (short, long) in MONTH_NAMES.iter().zip(MONTHS) {
            assert!(long.to_ascii_uppercase().starts_with(short));
        }
        for (short, long) in WEEKDAY_NAMES.iter().zip(WEEKDAYS) {
            assert!(long.to_ascii_uppercase().starts_with(short));
        }
    }

    #[test]
    fn value_names_read_as_prose() {
        assert_eq!(FieldKind::Month.value_name(8), "August");
        assert_eq!(FieldKind::DayOfWeek.value_name(0), "Sunday");
        assert_eq!(FieldKind::DayOfWeek.value_name(7), "Sunday");
        assert_eq!(FieldKind::Minute.value_name(7), "7");
        assert_eq!(FieldKind::DayOfWeek.range_text(), "0–7 or SUN–SAT");
        assert_eq!(FieldKind::Minute.range_text(), "0–59");
    }
}
