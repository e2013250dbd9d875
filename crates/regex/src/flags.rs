//! The flag toggles `i m s x U`, parsed from and written back to a short string.

use crate::error::RegexError;
use serde::{Deserialize, Serialize};

/// The flags a pattern is compiled with; each has the same meaning as its inline form `(?i)`, `(?m)`, ...
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flags {
    /// `i`: letters match both cases.
    pub case_insensitive: bool,
    /// `m`: `^` and `$` match at line starts and ends, not only at the ends of the text.
    pub multi_line: bool,
    /// `s`: `.` matches `\n` too.
    pub dot_matches_new_line: bool,
    /// `x`: whitespace in the pattern is ignored and `#` starts a comment.
    pub ignore_whitespace: bool,
    /// `U`: `*` is lazy and `*?` greedy (likewise for every quantifier).
    pub swap_greed: bool,
}

/// Every flag letter with its name, in canonical order.
pub const FLAG_LETTERS: [(char, &str); 5] = [
    ('i', "case-insensitive"),
    ('m', "multi-line"),
    ('s', "dot matches newline"),
    ('x', "verbose (ignore whitespace)"),
    ('U', "swap greed"),
];

impl Flags {
    /// Parses a subset of `imsxU` in any order; repeats are harmless, anything else is an error naming the letter.
    pub fn parse(letters: &str) -> Result<Flags, RegexError> {
        let mut flags = Flags::default();
        for (position, letter) in letters.chars().enumerate() {
            match letter {
                'i' => flags.case_insensitive = true,
                'm' => flags.multi_line = true,
                's' => flags.dot_matches_new_line = true,
                'x' => flags.ignore_whitespace = true,
                'U' => flags.swap_greed = true,
                flag => return Err(RegexError::InvalidFlag { flag, position }),
            }
        }
        Ok(flags)
    }

    /// Whether the flag with this letter is set.
    pub fn has(&self, letter: char) -> bool {
        match letter {
            'i' => self.case_insensitive,
            'm' => self.multi_line,
            's' => self.dot_matches_new_line,
            'x' => self.ignore_whitespace,
            'U' => self.swap_greed,
            _ => false,
        }
    }

    /// The set flags as a string in canonical order, e.g. `"imU"`.
    pub fn letters(&self) -> String {
        FLAG_LETTERS.iter().map(|(letter, _)| *letter).filter(|letter| self.has(*letter)).collect()
    }
}

impl std::fmt::Display for Flags {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.letters())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_flag_in_any_order_and_writes_them_canonically() {
        let flags = Flags::parse("Uxsmi").unwrap();
        assert!(flags.case_insensitive && flags.multi_line && flags.dot_matches_new_line);
        assert!(flags.ignore_whitespace && flags.swap_greed);
        assert_eq!(flags.letters(), "imsxU");
        assert_eq!(Flags::parse("ii").unwrap().letters(), "i");
        assert_eq!(Flags::parse("").unwrap(), Flags::default());
    }

    #[test]
    fn unknown_letters_are_named_with_their_position() {
        assert_eq!(Flags::parse("ig"), Err(RegexError::InvalidFlag { flag: 'g', position: 1 }));
        // `u` is on by default in both engines and cannot be toggled here; lowercase `u` is not `U`.
        assert_eq!(Flags::parse("u"), Err(RegexError::InvalidFlag { flag: 'u', position: 0 }));
    }
}
