//! Why a colour string could not be read, and where.

/// A colour string that could not be parsed: what is wrong, and at which character of the input.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{kind}")]
pub struct ParseError {
    /// What is wrong.
    pub kind: ErrorKind,
    /// Character offset (0-based, in the input as given) of the offending part, when there is one.
    pub position: Option<usize>,
}

/// What is wrong with a colour string. Messages read `rgb(): expected 3 values, found 2` or
/// `unknown colour name "grean" (did you mean "green"?)`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Nothing but whitespace.
    #[error("enter a colour: a name, #hex, rgb(), hsl(), oklch() …")]
    Empty,
    /// Longer than any colour anyone writes.
    #[error("input is {length} characters long; a colour is at most {max}")]
    TooLong {
        /// Characters in the input.
        length: usize,
        /// The limit.
        max: usize,
    },
    /// An identifier that is not one of the 148 named colours.
    #[error("unknown colour name \"{name}\"{}", did_you_mean(*.suggestion))]
    UnknownName {
        /// The name as written.
        name: String,
        /// A known name close in spelling.
        suggestion: Option<&'static str>,
    },
    /// A `#` colour with a bad digit or length.
    #[error("#{digits}: {problem}")]
    InvalidHex {
        /// What followed `#`.
        digits: String,
        /// The problem.
        problem: String,
    },
    /// A function that is not a colour function.
    #[error("unknown colour function \"{name}()\"; use {}", crate::parse::function_list())]
    UnknownFunction {
        /// The function name as written.
        name: String,
    },
    /// Valid CSS that has no value on its own or is not supported here.
    #[error("{what} is not supported: {why}")]
    Unsupported {
        /// The construct.
        what: String,
        /// Why.
        why: &'static str,
    },
    /// Too few or too many components.
    #[error("{}: expected {expected} values, found {found}", subject(function))]
    WrongCount {
        /// Function name; empty for bare channels (`255, 0`), which have none.
        function: String,
        /// Components required.
        expected: usize,
        /// Components given.
        found: usize,
    },
    /// A component of the wrong type.
    #[error("{}: {component} must be {expected}, found \"{found}\"", subject(function))]
    InvalidComponent {
        /// Function name; empty for bare channels (`255, 0`), which have none.
        function: String,
        /// Which component (`hue`, `alpha`, …).
        component: &'static str,
        /// What is accepted there.
        expected: &'static str,
        /// What was written.
        found: String,
    },
    /// Commas between some components and spaces between others.
    #[error("{}: separate all values with commas, or none of them", subject(function))]
    MixedSeparators {
        /// Function name; empty for bare channels (`255, 0`), which have none.
        function: String,
    },
    /// Commas in a function that only has the space-separated syntax.
    #[error("{}: separate values with spaces, not commas", subject(function))]
    CommasNotAllowed {
        /// Function name; empty for bare channels (`255, 0`), which have none.
        function: String,
    },
    /// `none` or `/ alpha` in the legacy comma syntax.
    #[error(
        "{}: {what} is only allowed in the space-separated syntax, e.g. {example}",
        subject(function)
    )]
    ModernOnly {
        /// Function name; empty for bare channels (`255, 0`), which have none.
        function: String,
        /// `none` or `"/"`.
        what: &'static str,
        /// A corrected example.
        example: &'static str,
    },
    /// A `/` with no alpha after it (`rgb(255 0 0 /)`).
    #[error(
        "{}: the alpha after \"/\" is missing; give a number or a percentage, or drop the \"/\"",
        subject(function)
    )]
    MissingAlpha {
        /// Function name; empty for bare channels (`255, 0`), which have none.
        function: String,
    },
    /// Legacy `rgb()` mixing numbers and percentages.
    #[error("{}: with commas, use all numbers or all percentages", subject(function))]
    MixedNumberPercent {
        /// Function name; empty for bare channels (`255, 0`), which have none.
        function: String,
    },
    /// An unknown `color()` space.
    #[error("color(): unknown colour space \"{name}\"; use {}", crate::parse::color_space_list())]
    UnknownColorSpace {
        /// The space as written.
        name: String,
    },
    /// Something after a complete colour.
    #[error("unexpected \"{found}\" after the colour")]
    TrailingInput {
        /// What follows.
        found: String,
    },
    /// A programming-language hex literal (`0xff8000`) that is not the `0xRRGGBB` read as a convenience.
    #[error("{literal} is a programming-language hex literal, read here as 0xRRGGBB: {problem}")]
    HexLiteral {
        /// The literal as written.
        literal: String,
        /// What is wrong with it, and what CSS writes.
        problem: String,
    },
    /// Anything else the CSS grammar rejects.
    #[error("expected {expected}, found \"{found}\"")]
    Syntax {
        /// What would have been valid.
        expected: &'static str,
        /// What was written.
        found: String,
    },
}

/// What a message is about: `rgb()`, or for channels typed without a function (`255, 0`), which are read as
/// the inside of `rgb()` but were not written as one, `bare channels`.
fn subject(function: &str) -> String {
    if function.is_empty() { "bare channels".to_owned() } else { format!("{function}()") }
}

fn did_you_mean(suggestion: Option<&str>) -> String {
    suggestion.map(|name| format!(" (did you mean \"{name}\"?)")).unwrap_or_default()
}

impl ParseError {
    pub(crate) fn new(kind: ErrorKind, position: Option<usize>) -> Self {
        ParseError { kind, position }
    }

    /// A stable snake_case name of the kind, for JSON.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            ErrorKind::Empty => "empty",
            ErrorKind::TooLong { .. } => "too_long",
            ErrorKind::UnknownName { .. } => "unknown_name",
            ErrorKind::InvalidHex { .. } => "invalid_hex",
            ErrorKind::UnknownFunction { .. } => "unknown_function",
            ErrorKind::Unsupported { .. } => "unsupported",
            ErrorKind::WrongCount { .. } => "wrong_count",
            ErrorKind::InvalidComponent { .. } => "invalid_component",
            ErrorKind::MixedSeparators { .. } => "mixed_separators",
            ErrorKind::CommasNotAllowed { .. } => "commas_not_allowed",
            ErrorKind::ModernOnly { .. } => "modern_only",
            ErrorKind::MissingAlpha { .. } => "missing_alpha",
            ErrorKind::MixedNumberPercent { .. } => "mixed_number_percent",
            ErrorKind::UnknownColorSpace { .. } => "unknown_color_space",
            ErrorKind::TrailingInput { .. } => "trailing_input",
            ErrorKind::HexLiteral { .. } => "hex_literal",
            ErrorKind::Syntax { .. } => "syntax",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_problem() {
        let count = ErrorKind::WrongCount { function: "rgb".into(), expected: 3, found: 2 };
        assert_eq!(count.to_string(), "rgb(): expected 3 values, found 2");
        let name = ErrorKind::UnknownName { name: "grean".into(), suggestion: Some("green") };
        assert_eq!(name.to_string(), "unknown colour name \"grean\" (did you mean \"green\"?)");
        let bare = ErrorKind::UnknownName { name: "foo".into(), suggestion: None };
        assert_eq!(ParseError::new(bare, Some(0)).to_string(), "unknown colour name \"foo\"");
    }
}
