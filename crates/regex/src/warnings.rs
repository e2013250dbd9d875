//! What an answer lets through but probably is not what was meant, said beside the result as regex101 does.
//!
//! This module has the kinds about the replacement of the `rust` and `fancy` flavours (the ecmascript and pcre2
//! flavours warn about their own replacement syntax in their modules), which follow the `regex` crate's rule and
//! fancy-regex's: `$name` takes every letter, digit and underscore after the `$` (ASCII ones in the `regex` crate,
//! Unicode ones in fancy-regex), so `$1Q` names a group called `1Q` (not group 1 followed by `Q`), and a group that
//! does not exist is replaced by nothing, silently; fancy-regex copies a `${…}` holding anything else as it is.

use serde::{Deserialize, Serialize};

/// A remark on the request that did not stop the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = RegexWarning))]
pub struct Warning {
    /// What it is about, one snake_case word; new kinds may be added. `replacement_group_missing`: a reference
    /// in the replacement names a group the pattern does not have, so it is replaced by nothing (every flavour).
    /// `replacement_literal`: something in the replacement that looks like a reference is copied as it is
    /// (fancy: `${ n}` or `${}`, as fancy-regex names a group in `${…}` only with letters, digits and `_`; ecmascript: `${1}` or `${name}`, which JavaScript does not read; pcre2: a `$` that starts no reference, or
    /// `\1`, which PHP's `preg_replace` would read as a group). `replacement_mark`: a pcre2 replacement names a
    /// verb's mark (`$*MARK`), which is replaced by nothing here. `engine_divergence`: the answer is the engine's
    /// where it is known to differ from the language the flavour stands for, and the message says what that
    /// language would do (ecmascript, with `i` and without `u`/`v`: a character of the pattern that regress pairs
    /// by case otherwise than ECMA-262's Canonicalize, such as `ᾀ`, `ſ` or `[k]`'s Kelvin sign; for an ASCII
    /// letter only where the text shows it). `annex_b_syntax` (ecmascript): `\u{61}` without `u`/`v`, which
    /// JavaScript, and so the answer, reads the Annex B way as `u` 61 times; the suggestion is `\u0061`.
    /// `astral_without_u` (ecmascript): without `u`/`v`, the pattern or a match has a character outside the BMP,
    /// which JavaScript reads as two UTF-16 code units and the answer as one character.
    /// `repetition_range_backwards` (fancy): a counted repetition whose maximum is below its minimum, `a{2,1}`,
    /// which fancy-regex reads as exactly the minimum; the suggestion is the range the other way round.
    pub kind: String,
    /// The warning in plain English, quoting the part it is about.
    pub message: String,
    /// The part of the request it points at: `replace` (the replacement) for the `replacement_` kinds,
    /// `pattern` or `text` for `engine_divergence` and `astral_without_u`, `pattern` for `annex_b_syntax` and
    /// `repetition_range_backwards`.
    pub part: String,
    /// Where what it is about starts in that part: a UTF-8 byte offset (0-based, inclusive).
    pub start: usize,
    /// Where what it is about ends in that part: a UTF-8 byte offset just past its last byte (exclusive).
    pub end: usize,
    /// What was probably meant, written so that it means it: `${1}Q` for `$1Q` when group 1 exists; `null` when
    /// there is no likely reading.
    pub suggestion: Option<String>,
}

/// Warnings about a replacement read with the `regex` crate's rule (`$1`, `${1}`, `$name`, `${name}`, `$$`), for
/// a pattern whose groups are `names` (one entry per slot, index 0 the whole match).
pub(crate) fn regex_crate_replacement(replacement: &str, names: &[Option<String>]) -> Vec<Warning> {
    dollar_references(replacement, names, false)
}

/// Warnings about a replacement read with fancy-regex's rule (`Expander::default()`): as the `regex` crate's, but
/// a name takes every Unicode letter and digit and `_` (`$é` names a group), and a `${…}` holding anything else
/// (`${ n}`, `${}`) is copied as it is rather than naming a group.
pub(crate) fn fancy_replacement(replacement: &str, names: &[Option<String>]) -> Vec<Warning> {
    dollar_references(replacement, names, true)
}

/// The `$` references of `replacement` that name no group (and, `fancy`, the `${…}` copied as they are).
fn dollar_references(replacement: &str, names: &[Option<String>], fancy: bool) -> Vec<Warning> {
    let name_char = |c: char| {
        if fancy { c.is_alphanumeric() || c == '_' } else { c.is_ascii_alphanumeric() || c == '_' }
    };
    let groups = names.len();
    let exists = |name: &str| names.iter().any(|n| n.as_deref() == Some(name));
    let bytes = replacement.as_bytes();
    let mut warnings = Vec::new();
    let mut at = 0;
    while let Some(offset) = replacement[at..].find('$') {
        let dollar = at + offset;
        let rest = &bytes[dollar + 1..];
        if rest.first() == Some(&b'$') {
            at = dollar + 2;
            continue;
        }
        let (name, end, braced) = if rest.first() == Some(&b'{') {
            match replacement[dollar + 2..].find('}') {
                Some(close)
                    if fancy && {
                        let inner = &replacement[dollar + 2..dollar + 2 + close];
                        inner.is_empty() || !inner.chars().all(name_char)
                    } =>
                {
                    let end = dollar + 3 + close;
                    warnings.push(Warning {
                        kind: "replacement_literal".into(),
                        message: format!(
                            "{} is copied as it is: in fancy-regex, ${{…}} names a group only when it holds letters, digits and underscores, nothing else",
                            &replacement[dollar..end]
                        ),
                        part: "replace".into(),
                        start: dollar,
                        end,
                        suggestion: None,
                    });
                    at = end;
                    continue;
                }
                Some(close) => {
                    (&replacement[dollar + 2..dollar + 2 + close], dollar + 3 + close, true)
                }
                None => {
                    at = dollar + 1;
                    continue;
                }
            }
        } else {
            let len = replacement[dollar + 1..]
                .chars()
                .take_while(|c| name_char(*c))
                .map(char::len_utf8)
                .sum::<usize>();
            (&replacement[dollar + 1..dollar + 1 + len], dollar + 1 + len, false)
        };
        at = end.max(dollar + 1);
        if name.is_empty() && !braced {
            continue;
        }
        let written = &replacement[dollar..end];
        let message = match name.parse::<usize>() {
            Ok(index) if index < groups => continue,
            Ok(index) => (
                format!(
                    "{written} refers to group {index}, but the pattern has {} capture group{}; it is replaced by nothing",
                    groups.saturating_sub(1),
                    if groups == 2 { "" } else { "s" }
                ),
                None,
            ),
            Err(_) if exists(name) => continue,
            Err(_) => {
                let suggestion = (!braced).then(|| likely_meant(name, groups, &exists)).flatten();
                let message = match &suggestion {
                    Some((meant, tail)) => format!(
                        "{written} is read as a group named \"{name}\" (after $, a name takes every letter, digit and underscore), which the pattern does not have, so it is replaced by nothing; write ${{{meant}}}{tail} for group {meant} followed by \"{tail}\""
                    ),
                    None => format!(
                        "{written} refers to a group named \"{name}\", which the pattern does not have; it is replaced by nothing"
                    ),
                };
                (message, suggestion.map(|(meant, tail)| format!("${{{meant}}}{tail}")))
            }
        };
        warnings.push(Warning {
            kind: "replacement_group_missing".into(),
            message: message.0,
            part: "replace".into(),
            start: dollar,
            end,
            suggestion: message.1,
        });
    }
    warnings
}

/// The longest start of `name` that is a group (by number or by name), and the rest: `1Q` -> (`1`, `Q`).
fn likely_meant<'n>(
    name: &'n str,
    groups: usize,
    exists: &impl Fn(&str) -> bool,
) -> Option<(&'n str, &'n str)> {
    (1..name.len())
        .rev()
        .filter(|cut| name.is_char_boundary(*cut))
        .map(|cut| name.split_at(cut))
        .find(|(head, _)| match head.parse::<usize>() {
            Ok(index) => index < groups,
            Err(_) => exists(head),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[Option<&str>]) -> Vec<Option<String>> {
        list.iter().map(|name| name.map(str::to_owned)).collect()
    }

    #[test]
    fn a_number_followed_by_letters_names_a_group_and_is_warned_about() {
        let names = names(&[None, None, Some("year")]);
        let warnings =
            regex_crate_replacement("x$1Q $2 ${1}Q $$1Q $yearly ${nope} $7 $ ${", &names);
        let found: Vec<_> =
            warnings.iter().map(|w| (w.start, w.end, w.suggestion.as_deref())).collect();
        assert_eq!(
            found,
            [(1, 4, Some("${1}Q")), (19, 26, Some("${year}ly")), (27, 34, None), (35, 37, None)]
        );
        assert!(
            warnings[0].message.contains("write ${1}Q for group 1 followed by \"Q\""),
            "{}",
            warnings[0].message
        );
        assert!(warnings[3].message.contains("has 2 capture groups"), "{}", warnings[3].message);
        assert!(regex_crate_replacement("$0 $1 ${year}$$", &names).is_empty());
    }

    #[test]
    fn fancy_names_take_unicode_letters_and_odd_braces_are_copied() {
        // fancy-regex: $é is group é, ${ n} and ${} are copied as written (not groups replaced by nothing).
        let names = names(&[None, Some("n"), None, Some("é")]);
        assert!(fancy_replacement("$é ${é} $n $2 $$", &names).is_empty());
        let warnings = fancy_replacement("1$1${ n}{${é}${} $ée", &names);
        let found: Vec<_> = warnings.iter().map(|w| (w.kind.as_str(), w.start, w.end)).collect();
        assert_eq!(
            found,
            [
                ("replacement_literal", 3, 8),
                ("replacement_literal", 14, 17),
                ("replacement_group_missing", 18, 22)
            ]
        );
        assert!(warnings[0].message.contains("copied as it is"), "{}", warnings[0].message);
        // The regex crate reads $é as a $ and é: no group, no warning.
        assert!(regex_crate_replacement("$é", &names).is_empty());
        // A suggestion cut inside a multi-byte name does not panic.
        assert!(fancy_replacement("$éé", &names)[0].suggestion.is_some());
    }
}
