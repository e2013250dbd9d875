//! Why an expression does not parse, with the field and the byte position of the offending text.

use crate::field::FieldKind;

/// A cron expression that cannot be parsed.
///
/// It names the field (when the problem lies in one), the offending text, and its byte range in the input, so a
/// page can underline it. `Display` gives the message a person reads: `minute: 60 is out of range 0–59`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct ParseError {
    kind: ErrorKind,
    field: Option<FieldKind>,
    position: usize,
    len: usize,
}

/// What is wrong with an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Nothing but white space.
    Empty,
    /// Longer than [`MAX_EXPRESSION_LEN`](crate::MAX_EXPRESSION_LEN) bytes.
    TooLong {
        /// Length of the input in bytes.
        len: usize,
    },
    /// Not 5, 6 or 7 fields.
    FieldCount {
        /// How many fields the input has.
        found: usize,
    },
    /// A number outside the field's range.
    OutOfRange {
        /// The number as written.
        value: String,
    },
    /// Letters that are no month or weekday name.
    UnknownName {
        /// The letters as written.
        name: String,
    },
    /// A name in a field that takes only numbers.
    NameNotAllowed {
        /// The name as written.
        name: String,
    },
    /// A character or token the field's syntax does not allow here.
    Unexpected {
        /// The text as written.
        token: String,
        /// What would be allowed instead.
        expected: &'static str,
    },
    /// An empty item in a list: `1,,2` or a trailing comma.
    EmptyItem,
    /// A step of zero: `*/0`.
    ZeroStep,
    /// A step longer than the field's whole range.
    StepTooLarge {
        /// The step as written.
        step: String,
    },
    /// A range whose start lies after its end: `30-10`.
    ReversedRange {
        /// First value of the range.
        start: u32,
        /// Last value of the range.
        end: u32,
        /// What to write instead, in the dialect's numbering and the user's style: `22-23,0-2` for `22-2`,
        /// `FRI-SAT,SUN-MON` for `FRI-MON`, `2027-2030` for the years `2030-2027`. It replaces the underlined text.
        fix: String,
    },
    /// `L`, `W`, `#` or `?` where the field does not support it.
    Misplaced {
        /// The text as written.
        token: String,
        /// Where the syntax is allowed.
        hint: &'static str,
    },
    /// The `#` occurrence is not 1–5.
    BadOccurrence {
        /// The occurrence as written.
        occurrence: String,
    },
    /// An `@` word that is no known macro.
    UnknownMacro {
        /// The macro as written.
        name: String,
    },
    /// A number outside the range a dialect gives the field (Quartz's day-of-week 1–7, Kubernetes' 0–6).
    OutOfRangeIn {
        /// The number as written.
        value: String,
        /// The range the dialect allows, such as `1–7 or SUN–SAT`.
        range: &'static str,
    },
    /// Letters that are no name, in a field whose range a dialect gives (Quartz's day-of-week 1–7).
    UnknownNameIn {
        /// The letters as written.
        name: String,
        /// The range the dialect allows, such as `1–7 or SUN–SAT`.
        range: &'static str,
    },
    /// A rule of the chosen dialect broken, such as Quartz's `?` in day-of-month or day-of-week, said in full.
    Rule {
        /// What is wrong and what to write instead.
        message: String,
    },
}

impl ParseError {
    pub(crate) fn new(
        kind: ErrorKind,
        field: Option<FieldKind>,
        position: usize,
        len: usize,
    ) -> Self {
        ParseError { kind, field, position, len }
    }

    /// What is wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The field the problem lies in; `None` for problems with the whole expression (field count, length).
    pub fn field(&self) -> Option<FieldKind> {
        self.field
    }

    /// Byte offset of the offending text in the input.
    pub fn position(&self) -> usize {
        self.position
    }

    /// Byte length of the offending text (at least 1 unless the input is empty).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the offending text is empty (only for an empty input or a missing field at its end).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The message without the field name: `60 is out of range 0–59`.
    pub fn detail(&self) -> String {
        let range = self.field.map(FieldKind::range_text).unwrap_or_default();
        match &self.kind {
            ErrorKind::Empty => "the expression is empty; write 5 fields such as `*/15 * * * *` or a macro such as `@daily`".to_owned(),
            ErrorKind::TooLong { len } => {
                format!("the expression is {len} bytes long; at most {} are accepted", crate::MAX_EXPRESSION_LEN)
            }
            ErrorKind::FieldCount { found } => format!(
                "expected 5, 6 or 7 fields, found {found} (minute hour day-of-month month day-of-week, optionally with seconds first and a year last)"
            ),
            ErrorKind::OutOfRange { value } => format!("{value} is out of range {range}"),
            ErrorKind::UnknownName { name } => format!("unknown name \"{name}\" (use {range})"),
            ErrorKind::NameNotAllowed { name } => format!("names such as \"{name}\" are not allowed here; use {range}"),
            ErrorKind::Unexpected { token, expected } => format!("unexpected \"{token}\"; expected {expected}"),
            ErrorKind::EmptyItem => "empty list item; remove the extra comma".to_owned(),
            ErrorKind::ZeroStep => "a step must be at least 1".to_owned(),
            ErrorKind::StepTooLarge { step } => format!("step {step} is larger than the whole range {range}"),
            ErrorKind::ReversedRange { start, end, fix } if self.field == Some(FieldKind::Year) => {
                format!("range {start}-{end} runs backwards; years do not wrap around, so write the earlier year first: {fix}")
            }
            ErrorKind::ReversedRange { start, end, fix } => {
                format!("range {start}-{end} runs backwards and a range does not wrap around; write the two parts as a list: {fix}")
            }
            ErrorKind::Misplaced { token, hint } => format!("\"{token}\" is not allowed here: {hint}"),
            ErrorKind::BadOccurrence { occurrence } => {
                format!("#{occurrence} is not a valid occurrence; use #1 to #5 (the first to fifth such weekday of the month)")
            }
            ErrorKind::UnknownMacro { name } => format!(
                "unknown macro \"{name}\"; use @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or @reboot"
            ),
            ErrorKind::OutOfRangeIn { value, range } => format!("{value} is out of range {range}"),
            ErrorKind::UnknownNameIn { name, range } => format!("unknown name \"{name}\" (use {range})"),
            ErrorKind::Rule { message } => message.clone(),
        }
    }

    /// The full message: `minute: 60 is out of range 0–59`.
    pub fn message(&self) -> String {
        match self.field {
            Some(field) => format!("{field}: {}", self.detail()),
            None => self.detail(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_field_and_the_allowed_range() {
        let error = ParseError::new(
            ErrorKind::OutOfRange { value: "60".into() },
            Some(FieldKind::Minute),
            0,
            2,
        );
        assert_eq!(error.to_string(), "minute: 60 is out of range 0–59");
        let error = ParseError::new(
            ErrorKind::UnknownName { name: "MOX".into() },
            Some(FieldKind::DayOfWeek),
            8,
            3,
        );
        assert_eq!(error.to_string(), "day-of-week: unknown name \"MOX\" (use 0–7 or SUN–SAT)");
        let error = ParseError::new(ErrorKind::FieldCount { found: 4 }, None, 0, 7);
        assert!(error.to_string().starts_with("expected 5, 6 or 7 fields, found 4"), "{error}");
    }
}
