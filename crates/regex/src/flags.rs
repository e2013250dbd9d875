//! The flag toggles, parsed from and written back to a short string: `i m s x U` for the rust and fancy
//! flavours, ECMAScript's `d g i m s u v y` for the ecmascript flavour, PCRE2's `i m s x n U J` for pcre2.

use crate::error::RegexError;
use serde::{Deserialize, Serialize};

/// The flags a pattern is compiled with; each has the same meaning as its inline form `(?i)`, `(?m)`, ...
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// ECMAScript `u`: the pattern is read as Unicode code points, with `\u{…}` and `\p{…}` escapes and strict
    /// syntax.
    #[serde(default)]
    pub unicode: bool,
    /// ECMAScript `v`: `u` plus set operations and nested classes (`[\p{L}--[a-z]]`), strings in `\q{…}`.
    #[serde(default)]
    pub unicode_sets: bool,
    /// ECMAScript `y`: sticky, each match must start where the previous one ended (the first at 0).
    #[serde(default)]
    pub sticky: bool,
    /// ECMAScript `g`: global. Accepted; the tester always lists and replaces every match, as `matchAll` and
    /// `replaceAll` do, so it changes nothing here.
    #[serde(default)]
    pub global: bool,
    /// ECMAScript `d`: has indices. Accepted; every match already carries its offsets (UTF-16 ones too), so it
    /// changes nothing here.
    #[serde(default)]
    pub has_indices: bool,
    /// PCRE2 `n`: no auto-capture, plain `(…)` groups do not capture (named groups still do).
    #[serde(default)]
    pub no_auto_capture: bool,
    /// PCRE2 `J`: duplicate names, several groups may have the same name.
    #[serde(default)]
    pub dup_names: bool,
}

/// Every PCRE2 flag letter the pcre2 flavour accepts with its name, in canonical order (PHP's pattern modifiers
/// of the same letters; the tester always adds PHP's `u`, UTF-8 with Unicode properties).
pub const PCRE2_FLAG_LETTERS: [(char, &str); 7] = [
    ('i', "caseless"),
    ('m', "multi-line"),
    ('s', "dot-all"),
    ('x', "extended (ignore whitespace)"),
    ('n', "no auto-capture"),
    ('U', "ungreedy"),
    ('J', "duplicate names"),
];

/// Every ECMAScript flag letter with its name, in the order JavaScript's `RegExp.prototype.flags` writes them.
pub const ECMASCRIPT_FLAG_LETTERS: [(char, &str); 8] = [
    ('d', "indices (implied: offsets are always given)"),
    ('g', "global (implied: every match is listed and replaced)"),
    ('i', "ignore case"),
    ('m', "multi-line"),
    ('s', "dot-all"),
    ('u', "unicode"),
    ('v', "unicode sets"),
    ('y', "sticky"),
];

/// Every flag letter with its name, in canonical order.
pub const FLAG_LETTERS: [(char, &str); 5] = [
    ('i', "case-insensitive"),
    ('m', "multi-line"),
    ('s', "dot matches newline"),
    ('x', "verbose (ignore whitespace)"),
    ('U', "swap greed"),
];

impl Flags {
    /// Whether the ecmascript flavour reads the pattern in Unicode mode: `u` or `v` (ECMA-262's
    /// HasEitherUnicodeFlag).
    pub(crate) fn unicode_mode(self) -> bool {
        self.unicode || self.unicode_sets
    }

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

    /// Parses the flags of `flavor`: [`Flags::parse`] for rust and fancy, [`Flags::parse_ecmascript`] for
    /// ecmascript.
    pub fn parse_for(letters: &str, flavor: crate::Flavor) -> Result<Flags, RegexError> {
        match flavor {
            crate::Flavor::Ecmascript => Flags::parse_ecmascript(letters),
            crate::Flavor::Pcre2 => Flags::parse_pcre2(letters),
            crate::Flavor::Rust | crate::Flavor::Fancy => Flags::parse(letters),
        }
    }

    /// The set flags of `flavor` in its canonical order.
    pub fn letters_for(&self, flavor: crate::Flavor) -> String {
        match flavor {
            crate::Flavor::Ecmascript => self.ecmascript_letters(),
            crate::Flavor::Pcre2 => self.pcre2_letters(),
            crate::Flavor::Rust | crate::Flavor::Fancy => self.letters(),
        }
    }

    /// Parses ECMAScript flags, a subset of `dgimsuvy` in any order, each at most once. As JavaScript throws a
    /// SyntaxError (ECMA-262 §22.2.3.1 RegExpInitialize), a repeated letter, `u` with `v`, or any other letter
    /// is an error naming the letter and its position.
    pub fn parse_ecmascript(letters: &str) -> Result<Flags, RegexError> {
        let mut flags = Flags::default();
        for (position, letter) in letters.chars().enumerate() {
            if let Some(first) = letters.chars().take(position).position(|seen| seen == letter) {
                return Err(RegexError::InvalidFlags {
                    message: format!(
                        "flag {letter:?} at position {position} of the flags repeats the one at position {first}; JavaScript refuses a flag given more than once"
                    ),
                    flag: letter,
                    position,
                });
            }
            match letter {
                'd' => flags.has_indices = true,
                'g' => flags.global = true,
                'i' => flags.case_insensitive = true,
                'm' => flags.multi_line = true,
                's' => flags.dot_matches_new_line = true,
                'u' => flags.unicode = true,
                'v' => flags.unicode_sets = true,
                'y' => flags.sticky = true,
                flag => {
                    return Err(RegexError::InvalidFlags {
                        message: format!(
                            "unknown flag {flag:?} at position {position} of the flags; the ECMAScript flags are d, g, i, m, s, u, v and y"
                        ),
                        flag,
                        position,
                    });
                }
            }
            if flags.unicode && flags.unicode_sets {
                return Err(RegexError::InvalidFlags {
                    message: format!(
                        "flag {letter:?} at position {position}: u and v cannot be used together (v is u with set operations)"
                    ),
                    flag: letter,
                    position,
                });
            }
        }
        Ok(flags)
    }

    /// Parses PCRE2 flags, a subset of `imsxnUJ` in any order (PCRE2_CASELESS, _MULTILINE, _DOTALL, _EXTENDED,
    /// _NO_AUTO_CAPTURE, _UNGREEDY, _DUPNAMES); repeats are harmless, anything else is an error naming the letter.
    pub fn parse_pcre2(letters: &str) -> Result<Flags, RegexError> {
        let mut flags = Flags::default();
        for (position, letter) in letters.chars().enumerate() {
            match letter {
                'i' => flags.case_insensitive = true,
                'm' => flags.multi_line = true,
                's' => flags.dot_matches_new_line = true,
                'x' => flags.ignore_whitespace = true,
                'n' => flags.no_auto_capture = true,
                'U' => flags.swap_greed = true,
                'J' => flags.dup_names = true,
                flag => {
                    let hint = if flag == 'u' {
                        " (u, UTF-8 with Unicode properties, is always on)"
                    } else {
                        ""
                    };
                    return Err(RegexError::InvalidFlags {
                        message: format!(
                            "unknown flag {flag} at position {position} of the flags; the PCRE2 flags are i, m, s, x, n, U and J{hint}"
                        ),
                        flag,
                        position,
                    });
                }
            }
        }
        Ok(flags)
    }

    /// The set PCRE2 flags in canonical order, e.g. `"imnU"`.
    pub fn pcre2_letters(&self) -> String {
        PCRE2_FLAG_LETTERS
            .iter()
            .map(|(letter, _)| *letter)
            .filter(|letter| self.has(*letter))
            .collect()
    }

    /// Whether the flag with this letter is set.
    pub fn has(&self, letter: char) -> bool {
        match letter {
            'i' => self.case_insensitive,
            'm' => self.multi_line,
            's' => self.dot_matches_new_line,
            'x' => self.ignore_whitespace,
            'U' => self.swap_greed,
            'd' => self.has_indices,
            'g' => self.global,
            'u' => self.unicode,
            'v' => self.unicode_sets,
            'y' => self.sticky,
            'n' => self.no_auto_capture,
            'J' => self.dup_names,
            _ => false,
        }
    }

    /// The set ECMAScript flags in JavaScript's order, e.g. `"dgi"`.
    pub fn ecmascript_letters(&self) -> String {
        ECMASCRIPT_FLAG_LETTERS
            .iter()
            .map(|(letter, _)| *letter)
            .filter(|letter| self.has(*letter))
            .collect()
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

    #[test]
    fn ecmascript_refuses_a_repeated_flag_as_javascript_does() {
        // `new RegExp("a", "gg")` throws a SyntaxError; before, the tester took "gg" as "g".
        let error = Flags::parse_ecmascript("gimg").unwrap_err();
        let RegexError::InvalidFlags { flag, position, message } = &error else {
            panic!("{error:?}")
        };
        assert_eq!((*flag, *position), ('g', 3));
        assert!(
            message.contains("'g' at position 3") && message.contains("position 0"),
            "{message}"
        );
        assert!(matches!(
            Flags::parse_ecmascript("uu"),
            Err(RegexError::InvalidFlags { flag: 'u', position: 1, .. })
        ));
        assert!(Flags::parse_ecmascript("dgimsuy").is_ok());
        // The other flavours' flags are switches of their engines' builders, and PCRE2 itself (PHP's `/a/ii`,
        // `(?ii)`) accepts repeats, so a repeat stays harmless there.
        assert_eq!(Flags::parse_pcre2("ii").unwrap().pcre2_letters(), "i");
    }
}
