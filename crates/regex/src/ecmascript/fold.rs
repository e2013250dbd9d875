//! Where regress's case-insensitive matching without `u`/`v` differs from ECMA-262's.
//!
//! ECMA-262 §22.2.2.7.3 Canonicalize without Unicode mode: a character stands for its full uppercase
//! (`toUppercase`), unless that is not one UTF-16 code unit or turns a character of code 128 or more into ASCII,
//! when it stays itself; a character outside the BMP is two surrogate code units, which never fold. Two
//! characters match each other under `i` when they canonicalize alike, in a literal and in a class alike.
//!
//! regress 0.12 instead pairs a literal (and a backreference) by its *simple* uppercase table, and a class by
//! Unicode's simple case *folding*, which ECMA-262 uses only with `u`/`v`. The tables below list, per context,
//! every character whose match set differs; the test at the bottom derives them from std's `to_uppercase` and
//! from regress itself, and prints the right table when they drift.

use crate::warnings::Warning;

/// A character whose case-insensitive match set differs: (the character, the characters JavaScript matches with
/// it, those regress matches besides, those JavaScript matches and regress does not). Sorted by character.
pub(super) type Divergence = (char, &'static str, &'static str, &'static str);

mod table;
pub(super) use table::{CLASS, LITERAL};

/// ECMA-262 §22.2.2.7.3 Canonicalize(rer, ch) without Unicode mode, for a whole character (one outside the BMP
/// is two surrogates, each kept as it is, so it stays itself).
pub(super) fn canonicalize(c: char) -> char {
    if u32::from(c) > 0xFFFF {
        return c;
    }
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(upper), None)
            if u32::from(upper) <= 0xFFFF && !(c as u32 >= 128 && (upper as u32) < 128) =>
        {
            upper
        }
        _ => c,
    }
}

/// The entry of `table` for `c`.
pub(super) fn find(table: &'static [Divergence], c: char) -> Option<&'static Divergence> {
    table.binary_search_by_key(&c, |entry| entry.0).ok().map(|index| &table[index])
}

/// The entries of `table` from `low` to `high` (inclusive).
pub(super) fn in_range(
    table: &'static [Divergence],
    low: char,
    high: char,
) -> &'static [Divergence] {
    let from = table.partition_point(|entry| entry.0 < low);
    let to = table.partition_point(|entry| entry.0 <= high);
    &table[from..to.max(from)]
}

/// Why Canonicalize gives `c` what it gives, in a few words: "ı stays ı, its uppercase I being ASCII".
fn why(c: char) -> String {
    let upper: String = c.to_uppercase().collect();
    let canonical = canonicalize(c);
    let named = named(c);
    if u32::from(c) > 0xFFFF {
        format!("{named} is two UTF-16 code units, which never fold")
    } else if canonical != c {
        format!("{named} becomes {canonical}")
    } else if upper.chars().count() > 1 {
        format!("{named} stays itself, its uppercase {upper} being more than one code unit")
    } else if upper != c.to_string() {
        format!("{named} stays itself, its uppercase {upper} being ASCII")
    } else {
        format!("{named} stays itself")
    }
}

/// `c (U+XXXX)`, and the ASCII characters as they are.
fn named(c: char) -> String {
    if c.is_ascii() { c.to_string() } else { format!("{c} (U+{:04X})", u32::from(c)) }
}

/// The characters of `chars` as a list in English: "a, b and c".
fn list(chars: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = chars.into_iter().collect();
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// A character of the pattern that `i` pairs with others: its span, the character, and where it stands.
struct Written {
    start: usize,
    end: usize,
    /// The character, or the first and last of a class range.
    low: char,
    high: char,
    /// The index of its class in the scan's classes; `None` outside a class.
    class: Option<usize>,
}

/// A class of the pattern: whether it is negated, and its characters and ranges.
struct Class {
    negated: bool,
    members: Vec<(char, char)>,
}

impl Class {
    fn contains(&self, c: char) -> bool {
        self.members.iter().any(|(low, high)| (*low..=*high).contains(&c))
    }

    /// Whether JavaScript's class takes `c` under `i`: some member canonicalizes as `c` does (the members tried
    /// are the characters that can).
    fn takes(&self, c: char) -> bool {
        let canonical = canonicalize(c);
        let single = |mut chars: std::iter::Peekable<std::char::ToLowercase>| {
            chars.next().filter(|_| chars.peek().is_none())
        };
        let mut tried = vec![c, canonical];
        tried.extend(single(canonical.to_lowercase().peekable()));
        tried.extend(single(c.to_lowercase().peekable()));
        if let Some(entry) = find(CLASS, c) {
            tried.extend(entry.1.chars());
        }
        tried.into_iter().any(|a| self.contains(a) && canonicalize(a) == canonical)
    }
}

/// The characters of a pattern read without `u`/`v` (JavaScript's Annex B syntax) that case can pair with
/// others, and its classes. Escapes that stand for one character (`\u0131`, `\xC5`, `\ſ`) count as it.
fn scan(pattern: &str) -> (Vec<Written>, Vec<Class>) {
    let names = super::name_spans(pattern);
    let mut written = Vec::new();
    let mut classes: Vec<Class> = Vec::new();
    // In a class: its index, and the atoms so far (span and character, `None` for a class escape or `-`).
    let mut atoms: Vec<(usize, usize, Option<char>, bool)> = Vec::new();
    let mut in_class: Option<usize> = None;
    let mut at = 0;
    while let Some(c) = pattern[at..].chars().next() {
        if names.iter().any(|name| name.contains(&at)) {
            at += c.len_utf8();
            continue;
        }
        let start = at;
        let (atom, len) = if c == '\\' {
            let rest = &pattern[at + 1..];
            let hex = |digits: usize| {
                rest.get(1..1 + digits)
                    .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            };
            match rest.chars().next() {
                Some('u') if hex(4).is_some() => (hex(4).and_then(char::from_u32), 6),
                Some('x') if hex(2).is_some() => (hex(2).and_then(char::from_u32), 4),
                Some(next) if next.is_ascii_alphanumeric() => (None, 1 + next.len_utf8()),
                Some(next) => (Some(next), 1 + next.len_utf8()),
                None => (None, 1),
            }
        } else if in_class.is_none() && c == '[' {
            let negated = pattern[at + 1..].starts_with('^');
            in_class = Some(classes.len());
            classes.push(Class { negated, members: Vec::new() });
            at += 1 + usize::from(negated);
            continue;
        } else if let Some(index) = in_class.filter(|_| c == ']') {
            close_class(&mut atoms, &mut classes[index], index, &mut written);
            in_class = None;
            at += 1;
            continue;
        } else {
            (Some(c), c.len_utf8())
        };
        at += len;
        match in_class {
            Some(_) => atoms.push((start, at, atom, c == '-')),
            None => {
                if let Some(c) = atom {
                    written.push(Written { start, end: at, low: c, high: c, class: None });
                }
            }
        }
    }
    (written, classes)
}

/// Reads a class's atoms into members, ranges (`a-z`) taken together, and its characters into `written`.
fn close_class(
    atoms: &mut Vec<(usize, usize, Option<char>, bool)>,
    class: &mut Class,
    index: usize,
    written: &mut Vec<Written>,
) {
    let mut i = 0;
    while i < atoms.len() {
        let (start, mut end, low, _) = atoms[i];
        let mut high = low;
        if let (Some(low), Some((_, _, _, true)), Some((_, range_end, Some(last), _))) =
            (low, atoms.get(i + 1), atoms.get(i + 2))
            && low <= *last
        {
            high = Some(*last);
            end = *range_end;
            i += 2;
        }
        if let (Some(low), Some(high)) = (low, high) {
            class.members.push((low, high));
            written.push(Written { start, end, low, high, class: Some(index) });
        }
        i += 1;
    }
    atoms.clear();
}

/// Warnings for the characters of `pattern` (read with `i` and without `u`/`v`) whose case-insensitive match
/// differs between regress and JavaScript: a non-ASCII one where it stands; an ASCII letter only when the
/// difference shows in the text (a match takes a character regress paired with it, or a negated class leaves
/// one of the text out), so that `/skip/i` on plain ASCII text gets none. At most `max`.
pub(super) fn warnings(
    pattern: &str,
    text: &str,
    matches: &[crate::Match],
    max: usize,
) -> Vec<Warning> {
    let (written, classes) = scan(pattern);
    let mut warnings = Vec::new();
    let mut said_of_text: Vec<(bool, char)> = Vec::new();
    for item in &written {
        let class = item.class.map(|index| &classes[index]);
        let table = if class.is_some() { CLASS } else { LITERAL };
        for &(c, javascript, adds, drops) in in_range(table, item.low, item.high) {
            // In a class, what another member gives JavaScript too is no difference.
            let adds: Vec<char> =
                adds.chars().filter(|x| !class.is_some_and(|class| class.takes(*x))).collect();
            if adds.is_empty() && drops.is_empty() {
                continue;
            }
            let source = &pattern[item.start..item.end];
            let place = match class {
                None => String::new(),
                Some(_) if item.low != item.high => format!(", in the range {source} of a class,"),
                Some(class) if class.negated => " in a negated class".to_owned(),
                Some(_) => " in a class".to_owned(),
            };
            let reasons = list(std::iter::once(c).chain(adds.iter().copied()).map(why));
            let fold = if class.is_some() {
                "Unicode's simple case folding (which JavaScript uses only with u or v)"
            } else {
                "its simple uppercase table"
            };
            if !c.is_ascii() {
                let javascript_part = if javascript == c.to_string() {
                    format!("JavaScript matches only {c}")
                } else {
                    format!("JavaScript matches {} with it", list(javascript.chars().map(named)))
                };
                let mut regress_part = String::new();
                if !adds.is_empty() {
                    regress_part =
                        format!("also matches {}", list(adds.iter().copied().map(named)));
                }
                if !drops.is_empty() {
                    if !regress_part.is_empty() {
                        regress_part.push_str(" and ");
                    }
                    regress_part
                        .push_str(&format!("does not match {}", list(drops.chars().map(named))));
                }
                let negated = if class.is_some_and(|class| class.negated) {
                    " (the class being negated, the difference is in what it leaves out)"
                } else {
                    ""
                };
                warnings.push(Warning {
                    kind: "engine_divergence".into(),
                    message: format!(
                        "{}{place} with i and without u or v: {javascript_part} (ECMA-262 §22.2.2.7.3, Canonicalize without Unicode mode: {reasons}), but this answer is regress's, which pairs by {fold} and {regress_part}{negated}. With the u or v flag, JavaScript and regress both fold by Unicode's simple case folding and agree.",
                        named(c)
                    ),
                    part: "pattern".into(),
                    start: item.start,
                    end: item.end,
                    suggestion: None,
                });
            } else {
                // An ASCII letter: said only where the text shows the difference.
                let negated = class.is_some_and(|class| class.negated);
                // (No ASCII letter has a character regress drops: see `the_tables_are_sorted_and_unique`.)
                for x in adds.iter().copied() {
                    let key = (class.is_some(), x);
                    if said_of_text.contains(&key) {
                        continue;
                    }
                    let found = if negated {
                        text.find(x)
                    } else {
                        matches.iter().find_map(|found| {
                            Some(found.start + text.get(found.start..found.end)?.find(x)?)
                        })
                    };
                    let Some(at) = found else { continue };
                    said_of_text.push(key);
                    let (shows, javascript) = if negated {
                        (
                            format!("The text has {} at byte {at}", named(x)),
                            format!(
                                "JavaScript does not, so its [^…] takes {x} where this answer's leaves it out"
                            ),
                        )
                    } else {
                        (
                            format!("A match takes {} at byte {at} of the text", named(x)),
                            format!("JavaScript does not, so it finds no match with {x} there"),
                        )
                    };
                    warnings.push(Warning {
                        kind: "engine_divergence".into(),
                        message: format!(
                            "{shows}: with i and without u or v, regress pairs {} with {c}{place} of the pattern by {fold}; {javascript} (ECMA-262 §22.2.2.7.3, Canonicalize without Unicode mode: {reasons}). With the u or v flag, JavaScript and regress both fold by Unicode's simple case folding and agree.",
                            named(x)
                        ),
                        part: "text".into(),
                        start: at,
                        end: at + x.len_utf8(),
                        suggestion: None,
                    });
                }
            }
            if warnings.len() >= max {
                warnings.truncate(max);
                return warnings;
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// Every character that case can change, and what it changes into when that is one character.
    fn candidates() -> Vec<char> {
        let mut set = BTreeSet::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let upper: Vec<char> = c.to_uppercase().collect();
            let lower: Vec<char> = c.to_lowercase().collect();
            if upper != [c] || lower != [c] {
                set.insert(c);
                for mapped in [upper, lower] {
                    if let [one] = mapped[..] {
                        set.insert(one);
                    }
                }
            }
        }
        set.into_iter().collect()
    }

    fn escape(text: &str) -> String {
        text.chars().flat_map(char::escape_debug).collect()
    }

    /// The table as it should be for `class` or a literal: each candidate's pattern compiled once and matched
    /// against the text of all candidates.
    fn derive(candidates: &[char], text: &str, class: bool) -> Vec<(char, String, String, String)> {
        let mut by_canon: BTreeMap<char, String> = BTreeMap::new();
        for &c in candidates {
            by_canon.entry(canonicalize(c)).or_default().push(c);
        }
        let flags = regress::Flags { icase: true, ..regress::Flags::default() };
        let mut table = Vec::new();
        for &c in candidates {
            let pattern = if class { format!("[{c}]") } else { c.to_string() };
            let regex = regress::Regex::with_flags(&pattern, flags).unwrap();
            let regress: BTreeSet<char> =
                regex.find_iter(text).flat_map(|found| text[found.range()].chars()).collect();
            let javascript = &by_canon[&canonicalize(c)];
            let adds: String = regress.iter().filter(|d| !javascript.contains(**d)).collect();
            let drops: String = javascript.chars().filter(|d| !regress.contains(d)).collect();
            if !adds.is_empty() || !drops.is_empty() {
                table.push((c, javascript.clone(), adds, drops));
            }
        }
        table
    }

    fn source(table: &[(char, String, String, String)]) -> String {
        table
            .iter()
            .map(|(c, javascript, adds, drops)| {
                format!(
                    "    ('{}', \"{}\", \"{}\", \"{}\"),\n",
                    escape(&c.to_string()),
                    escape(javascript),
                    escape(adds),
                    escape(drops)
                )
            })
            .collect()
    }

    #[test]
    fn the_tables_are_what_regress_and_ecma_262_give() {
        let candidates = candidates();
        let text: String = candidates.iter().collect();
        let mut wrong = String::new();
        for (name, table, class) in [("LITERAL", LITERAL, false), ("CLASS", CLASS, true)] {
            let derived = derive(&candidates, &text, class);
            let held: Vec<(char, String, String, String)> = table
                .iter()
                .map(|(c, j, a, d)| (*c, (*j).to_owned(), (*a).to_owned(), (*d).to_owned()))
                .collect();
            if held != derived {
                wrong.push_str(&format!(
                    "{name} in fold/table.rs should be ({} entries):\npub(in crate::ecmascript) const {name}: &[Divergence] = &[\n{}];\n",
                    derived.len(),
                    source(&derived)
                ));
            }
        }
        assert!(wrong.is_empty(), "{wrong}");
    }

    /// The warnings of a search with `i` (and `extra` flags), as (part, the text they point at, message).
    fn warned(pattern: &str, text: &str, extra: &str) -> Vec<(String, String, String)> {
        let request = crate::Request {
            pattern,
            text,
            flags: crate::Flags::parse_ecmascript(&format!("i{extra}")).unwrap(),
            flavor: crate::Flavor::Ecmascript,
            replace: None,
            limit: None,
            deadline: None,
        };
        let report = crate::run(&request).unwrap();
        report
            .warnings
            .into_iter()
            .filter(|warning| warning.kind == "engine_divergence")
            .map(|warning| {
                let part = if warning.part == "pattern" { pattern } else { text };
                (warning.part, part[warning.start..warning.end].to_owned(), warning.message)
            })
            .collect()
    }

    #[test]
    fn a_literal_is_warned_about_where_regress_pairs_it_otherwise() {
        // node: /ᾀ/i matches only ᾀ (its uppercase is two characters); regress also ᾈ.
        let warnings = warned("ᾀ", "ᾀ ᾈ", "");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let (part, at, message) = &warnings[0];
        assert_eq!((part.as_str(), at.as_str()), ("pattern", "ᾀ"));
        assert!(message.contains("matches only ᾀ") && message.contains("ᾈ (U+1F88)"), "{message}");
        assert!(message.contains("§22.2.2.7.3"), "{message}");
        // Written as an escape, the same character.
        assert_eq!(warned(r"\u1f80", "x", "")[0].1, r"\u1f80");
        // ı and ſ, as before; Kelvin as a literal agrees with JavaScript, so nothing.
        assert!(warned("ſ", "S", "")[0].2.contains("matches only ſ"));
        assert!(warned("\u{212A}", "k", "u").is_empty());
        assert!(warned("K", "k", "").is_empty());
        // Outside the BMP: JavaScript's two surrogates never fold.
        assert!(warned("𐐀", "𐐨", "")[0].2.contains("𐐨 (U+10428)"));
        // With u both fold alike.
        assert!(warned("ᾀ", "ᾈ", "u").is_empty());
    }

    #[test]
    fn a_class_is_warned_about_where_regress_folds_it_otherwise() {
        // node: /[ω]/i matches ω and Ω, not the ohm sign; regress (case folding) all three. As a literal
        // they agree.
        let warnings = warned("[ω]", "Ω", "");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!((warnings[0].0.as_str(), warnings[0].1.as_str()), ("pattern", "ω"));
        assert!(
            warnings[0].2.contains("in a class") && warnings[0].2.contains("\u{2126} (U+2126)"),
            "{}",
            warnings[0].2
        );
        assert!(warned("ω", "Ω", "").is_empty());
        // A range names the characters in it; ϴ is taken by no other member in JavaScript either.
        let warnings = warned("[α-ω]", "x", "");
        assert!(warnings.iter().all(|w| w.1 == "α-ω") && warnings.len() == 2, "{warnings:?}");
        // θ gives ϴ in regress only; ϑ is θ's in both, so [θϑ] is one difference per character, not more.
        assert_eq!(warned("[θϑ]", "x", "").len(), 2);
        // Another member taking what regress adds: [ϴθ] takes ϴ in JavaScript too, but ϴ adds Θθϑ … which θ
        // gives JavaScript as well, so nothing is said.
        assert!(warned("[ϴθ]", "x", "").is_empty(), "{:?}", warned("[ϴθ]", "x", ""));
    }

    #[test]
    fn an_ascii_letter_is_warned_about_only_when_the_text_shows_it() {
        // /skip/i and /[a-z]+/i on plain ASCII: nothing.
        assert!(warned("skip", "Skip SKIP", "").is_empty());
        assert!(warned("[a-z]+", "Skip SKIP", "").is_empty());
        // /s/i takes ſ in regress, not in JavaScript: said at the ſ of the text.
        let warnings = warned("s", "a ſ", "");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!((warnings[0].0.as_str(), warnings[0].1.as_str()), ("text", "ſ"));
        // [a-z] takes the Kelvin sign in regress (case folding), not in JavaScript; the literal k does not.
        let warnings = warned("[a-z]+", "\u{212A}elvin", "");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].2.contains("range a-z") && warnings[0].2.contains("U+212A"));
        assert!(warned("k", "\u{212A}", "").is_empty());
        // A negated class leaves it out in regress; JavaScript's takes it: said where the text has it.
        let warnings = warned("[^k]", "\u{212A}", "");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].2.contains("[^…] takes"), "{}", warnings[0].2);
        // One warning per character regress adds, however many letters pair with it.
        assert_eq!(warned("s|S|[s]", "ſ", "").len(), 2);
    }

    #[test]
    fn the_tables_are_sorted_and_unique() {
        for table in [LITERAL, CLASS] {
            assert!(table.windows(2).all(|pair| pair[0].0 < pair[1].0));
            // The warnings about ASCII letters look in the text for what regress adds only.
            assert!(table.iter().all(|entry| !entry.0.is_ascii() || entry.3.is_empty()));
        }
    }
}
