//! Running a compiled pattern over a text: every match with its groups, capped, plus the substitution, in one pass.
//!
//! Two budgets bound what one search may build, and both are enforced while building, never after: the listed
//! matches may take at most [`MAX_LISTED_BYTES`] of the answer and the replaced text at most [`MAX_REPLACED_LEN`],
//! both counted as the answer carries them (see [`escaped_len`]). A deadline is checked before the search and
//! between matches (after each match once they slow down, every 16th while they come fast).

use crate::dialect::ReplacementSyntax;
use crate::ecmascript::Piece;
use crate::engine::Engine;
use crate::error::RegexError;
use crate::{BACKTRACK_LIMIT, MAX_LISTED_BYTES, MAX_REPLACED_LEN, TIME_BUDGET};
use regex_automata::util::interpolate;
use serde::{Deserialize, Serialize};
use std::time::Instant;

/// One match of the whole pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = RegexMatch))]
pub struct Match {
    /// Where the match starts in the text: a UTF-8 byte offset (0-based, inclusive).
    pub start: usize,
    /// Where the match ends in the text: a UTF-8 byte offset just past its last byte (exclusive).
    pub end: usize,
    /// Where the match starts, counted in Unicode scalar values (characters) from the start of the text
    /// (0-based, inclusive). Not UTF-16 code units: a character outside the BMP counts once.
    pub char_start: usize,
    /// Where the match ends, counted in Unicode scalar values (characters): just past its last character
    /// (exclusive).
    pub char_end: usize,
    /// Where the match starts in UTF-16 code units, as JavaScript's `index`, `lastIndex` and `indices` count
    /// (0-based, inclusive): given for the ecmascript flavour only, absent for the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utf16_start: Option<usize>,
    /// Where the match ends in UTF-16 code units (exclusive): given for the ecmascript flavour only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utf16_end: Option<usize>,
    /// The matched text, `text[start..end]`.
    pub text: String,
    /// Whether the match is zero-length (`a*` matching nothing, `^`, `\b`): then `start == end`.
    pub empty: bool,
    /// Every group slot by index, `0` being the whole match: one entry per group of the pattern, `null` for a
    /// group that did not take part in this match.
    pub groups: Vec<Option<Group>>,
}

/// One capture group of a match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = RegexGroup))]
pub struct Group {
    /// The group's number, counting opening parentheses from 1; `0` is the whole match.
    pub index: usize,
    /// The group's name, for `(?<name>…)` or `(?P<name>…)`; `null` for an unnamed group and for index 0.
    pub name: Option<String>,
    /// Where the captured text starts in the text: a UTF-8 byte offset (0-based, inclusive).
    pub start: usize,
    /// Where the captured text ends in the text: a UTF-8 byte offset just past its last byte (exclusive).
    pub end: usize,
    /// Where the captured text starts in UTF-16 code units (JavaScript's `indices`): given for the ecmascript
    /// flavour only, absent for the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utf16_start: Option<usize>,
    /// Where the captured text ends in UTF-16 code units (exclusive): given for the ecmascript flavour only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utf16_end: Option<usize>,
    /// The captured text, `text[start..end]`.
    pub text: String,
}

/// The outcome of a search: the first matches up to the limit and the total count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matches {
    /// The first matches, in order: at most `limit`, and only as many as fit in [`MAX_LISTED_BYTES`].
    pub matches: Vec<Match>,
    /// How many matches the text has in total, listed or not.
    pub count: usize,
    /// Whether `matches` holds fewer than `count`.
    pub truncated: bool,
    /// Why `matches` holds fewer than `count`; `None` when every match is listed.
    pub limited_by: Option<ListLimit>,
    /// The text with every match replaced, when a replacement was given.
    pub replaced: Option<String>,
}

/// Why a search lists fewer matches than it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ListLimit {
    /// `count`: the number of matches asked for (the `limit`, at most [`MAX_LIMIT`](crate::MAX_LIMIT)) is listed.
    Count,
    /// `output`: the next match with its groups would have taken the listed matches past [`MAX_LISTED_BYTES`].
    Output,
}

/// Bytes counted for each listed match besides its text and groups: the JSON object's keys and numbers, or the
/// page's table row, highlight mark and copy line.
const MATCH_COST: usize = 384;

/// Bytes counted for each group slot of a listed match (a group that did not take part too) besides its text and
/// name: the JSON object or `null`, or the page's list item and highlight mark.
const GROUP_COST: usize = 256;

/// How many bytes each byte of a text takes once escaped: 6 for a control character below U+0020 and for
/// `"` `\` `<` `>` `&` `'` (JSON writes `\u001f`, HTML `&#x27;`, the longest forms), 1 for every other byte.
const ESCAPED_COST: [u8; 256] = {
    let mut table = [1u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = 6;
        byte += 1;
    }
    let special = b"\"\\<>&'";
    let mut i = 0;
    while i < special.len() {
        table[special[i] as usize] = 6;
        i += 1;
    }
    table
};

/// The size of `text` as an answer carries it, JSON string or HTML text alike: an upper bound, counting each byte
/// by its longest escaped form in either (see [`MAX_LISTED_BYTES`]).
pub fn escaped_len(text: &str) -> usize {
    text.bytes().map(|byte| usize::from(ESCAPED_COST[usize::from(byte)])).sum()
}

/// [`escaped_len`], or `None` as soon as it is known to exceed `within`: never reads more than `within` bytes.
fn escaped_len_within(text: &str, within: usize) -> Option<usize> {
    if text.len() > within {
        return None;
    }
    Some(escaped_len(text)).filter(|&len| len <= within)
}

/// Converts byte offsets to character offsets by walking from the previous query, so a run of nearby, mostly
/// increasing offsets costs one pass over the text rather than one pass per offset.
#[derive(Debug)]
pub(crate) struct CharCounter<'t> {
    text: &'t [u8],
    byte: usize,
    chars: usize,
}

impl<'t> CharCounter<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        CharCounter { text: text.as_bytes(), byte: 0, chars: 0 }
    }

    /// The number of characters before byte `offset`, which must be a character boundary.
    pub(crate) fn chars_before(&mut self, offset: usize) -> usize {
        if offset >= self.byte {
            self.chars += count_chars(&self.text[self.byte..offset]);
        } else {
            self.chars -= count_chars(&self.text[offset..self.byte]);
        }
        self.byte = offset;
        self.chars
    }
}

/// Converts byte offsets to UTF-16 code-unit offsets: a character counts once, twice when it is outside the BMP
/// (four bytes of UTF-8), walking from the previous query like [`CharCounter`].
#[derive(Debug)]
pub(crate) struct Utf16Counter<'t> {
    text: &'t [u8],
    byte: usize,
    units: usize,
}

impl<'t> Utf16Counter<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        Utf16Counter { text: text.as_bytes(), byte: 0, units: 0 }
    }

    /// The number of UTF-16 code units before byte `offset`, which must be a character boundary.
    pub(crate) fn units_before(&mut self, offset: usize) -> usize {
        let units =
            |bytes: &[u8]| count_chars(bytes) + bytes.iter().filter(|&&b| b >= 0xF0).count();
        if offset >= self.byte {
            self.units += units(&self.text[self.byte..offset]);
        } else {
            self.units -= units(&self.text[offset..self.byte]);
        }
        self.byte = offset;
        self.units
    }
}

/// Counts UTF-8 characters by counting the bytes that start one (everything but continuation bytes); the
/// compiler vectorises this loop, which is what keeps a 1 MiB text fast.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&byte| (byte as i8) >= -0x40).count()
}

/// The search: walks every match once, lists the first ones (up to `limit` and [`MAX_LISTED_BYTES`]), counts the
/// rest and builds the replacement, stopping with [`RegexError::Timeout`] once `deadline` has passed ([`TIME_BUDGET`]
/// from now when `None`), checked before the search and between matches (see [`Collector::tick`]).
#[allow(clippy::too_many_arguments)]
pub(crate) fn search(
    engine: &Engine,
    names: &[Option<String>],
    text: &str,
    limit: usize,
    replacement: Option<&str>,
    deadline: Option<Instant>,
    syntax: ReplacementSyntax,
    utf16: bool,
) -> Result<Matches, RegexError> {
    let mut collector = Collector::new(names, text, limit, replacement, deadline);
    collector.template =
        replacement.and_then(|replacement| Template::read(replacement, names, syntax));
    collector.utf16 = utf16.then(|| Utf16Counter::new(text));
    collector.check_time()?;
    match engine {
        Engine::Rust(regex) => {
            if replacement.is_none() && limit == 0 {
                // Counting alone needs no capture positions, which the engine finds faster without.
                for found in regex.find_iter(text) {
                    collector.count(found.start())?;
                }
            } else {
                for caps in regex.captures_iter(text) {
                    collector.add(caps.len(), |i| caps.get(i).map(|m| (m.start(), m.end())))?;
                }
            }
        }
        Engine::Fancy(regex) => {
            for caps in regex.captures_iter(text) {
                let caps = caps.map_err(|error| match error {
                    fancy_regex::Error::RuntimeError(_) => RegexError::BacktrackLimit {
                        limit: BACKTRACK_LIMIT,
                        at: collector.resume_at(),
                    },
                    other => RegexError::InvalidPattern {
                        message: other.to_string(),
                        span: crate::Span::new(0, 0),
                    },
                })?;
                collector.add(caps.len(), |i| caps.get(i).map(|m| (m.start(), m.end())))?;
            }
        }
        Engine::Ecmascript(regex) => {
            regex.for_each(text, |slots, span| collector.add(slots, span))?;
        }
        Engine::Pcre2(regex) => {
            regex.for_each(text, |slots, span| collector.add(slots, span))?;
        }
    }
    collector.finish()
}

struct Collector<'a> {
    names: &'a [Option<String>],
    text: &'a str,
    limit: usize,
    replacement: Option<&'a str>,
    replaced: Option<String>,
    /// The escaped size of `replaced` so far, held to [`MAX_REPLACED_LEN`].
    replaced_cost: usize,
    last_end: usize,
    chars: CharCounter<'a>,
    /// UTF-16 offsets, for the flavours that give them.
    utf16: Option<Utf16Counter<'a>>,
    /// The replacement read once, for the syntaxes that allow it (see [`Template`]); PCRE2's is read at every
    /// match.
    template: Option<Template>,
    matches: Vec<Match>,
    /// What a listed match costs for its group slots and names, whatever it captures.
    fixed_cost: usize,
    /// What the listed matches may still take of [`MAX_LISTED_BYTES`].
    list_budget: usize,
    /// Set when listing stopped before `limit` because of the budget.
    out_of_budget: bool,
    count: usize,
    started: Instant,
    deadline: Instant,
    /// Matches left before the clock is read again (see [`Collector::tick`]).
    until_clock: u32,
    /// How many matches apart the clock is read now: 1 to [`MAX_CLOCK_STRIDE`].
    clock_stride: u32,
    /// When the clock was last read.
    last_reading: Instant,
}

/// The most matches between two readings of the clock. Reading it costs about as much as finding a short match
/// (a tenth of a 1 MiB search with 100k matches went to `clock_gettime` when it was read after every match), so
/// it is read less often while matches come fast, and after every match again as soon as they slow down.
const MAX_CLOCK_STRIDE: u32 = 16;

/// How long a stretch of matches between two readings may take for the stride to grow: while matches come this
/// fast, reading the clock [`MAX_CLOCK_STRIDE`] matches apart passes the deadline by at most a few milliseconds.
const FAST_STRETCH: std::time::Duration = std::time::Duration::from_micros(250);

impl<'a> Collector<'a> {
    fn new(
        names: &'a [Option<String>],
        text: &'a str,
        limit: usize,
        replacement: Option<&'a str>,
        deadline: Option<Instant>,
    ) -> Self {
        let started = Instant::now();
        // A group's name shows in its JSON object, in the page's group list and in the highlight's titles.
        let fixed_cost = names.iter().fold(MATCH_COST, |cost, name| {
            cost.saturating_add(GROUP_COST)
                .saturating_add(name.as_deref().map_or(0, escaped_len).saturating_mul(3))
        });
        Collector {
            names,
            text,
            limit,
            replacement,
            replaced: replacement.map(|_| String::with_capacity(text.len())),
            replaced_cost: 0,
            last_end: 0,
            chars: CharCounter::new(text),
            utf16: None,
            template: None,
            matches: Vec::with_capacity(limit.min(4096)),
            fixed_cost,
            list_budget: MAX_LISTED_BYTES,
            out_of_budget: false,
            count: 0,
            started,
            deadline: deadline.unwrap_or(started + TIME_BUDGET),
            until_clock: 1,
            clock_stride: 1,
            last_reading: started,
        }
    }

    /// Where the next search starts, for the backtracking error.
    fn resume_at(&self) -> usize {
        self.last_end
    }

    fn count(&mut self, start: usize) -> Result<(), RegexError> {
        self.count += 1;
        self.last_end = start;
        self.tick()
    }

    /// After a match: reads the clock every [`Collector::clock_stride`] matches, doubling the stride (up to
    /// [`MAX_CLOCK_STRIDE`]) while the stretch since the last reading took under [`FAST_STRETCH`], and back to
    /// every match when it did not, so one slow match is followed by a reading.
    fn tick(&mut self) -> Result<(), RegexError> {
        self.until_clock -= 1;
        if self.until_clock > 0 {
            return Ok(());
        }
        let now = self.check_time()?;
        self.clock_stride = if now.saturating_duration_since(self.last_reading) < FAST_STRETCH {
            (self.clock_stride * 2).min(MAX_CLOCK_STRIDE)
        } else {
            1
        };
        self.until_clock = self.clock_stride;
        self.last_reading = now;
        Ok(())
    }

    /// Reads the clock: the time now, or [`RegexError::Timeout`] once the deadline has passed.
    fn check_time(&self) -> Result<Instant, RegexError> {
        let now = Instant::now();
        if now >= self.deadline {
            return Err(RegexError::Timeout {
                millis: self.deadline.saturating_duration_since(self.started).as_millis(),
                matches: self.count,
            });
        }
        Ok(now)
    }

    fn add(
        &mut self,
        groups: usize,
        span: impl Fn(usize) -> Option<(usize, usize)>,
    ) -> Result<(), RegexError> {
        let (start, end) = span(0).unwrap_or_default();
        if self.replacement.is_some() {
            self.replace(start, &span)?;
        }
        self.last_end = end;
        if self.matches.len() < self.limit && !self.out_of_budget {
            match self.cost(start, end, groups, &span) {
                Some(cost) => {
                    self.list_budget -= cost;
                    self.list(start, end, groups, &span);
                }
                None => self.out_of_budget = true,
            }
        }
        self.count += 1;
        self.tick()
    }

    /// What listing this match adds to the answer, or `None` when that is more than the budget left. Reads at most
    /// as many bytes of the texts as the budget has left.
    fn cost(
        &self,
        start: usize,
        end: usize,
        groups: usize,
        span: &impl Fn(usize) -> Option<(usize, usize)>,
    ) -> Option<usize> {
        // Unnamed slots past the names (never expected) cost as much as named ones.
        let extra_slots = groups.saturating_sub(self.names.len()).saturating_mul(GROUP_COST);
        let mut left = self.list_budget.checked_sub(self.fixed_cost.saturating_add(extra_slots))?;
        // The match's text shows twice: in the match and as group 0 (the page: the list and the copy block).
        for _ in 0..2 {
            left -= escaped_len_within(self.text.get(start..end)?, left)?;
        }
        for index in 1..groups {
            if let Some((start, end)) = span(index) {
                left -= escaped_len_within(self.text.get(start..end)?, left)?;
            }
        }
        Some(self.list_budget - left)
    }

    fn list(
        &mut self,
        start: usize,
        end: usize,
        groups: usize,
        span: &impl Fn(usize) -> Option<(usize, usize)>,
    ) {
        let char_start = self.chars.chars_before(start);
        let char_end = self.chars.chars_before(end);
        let mut utf16 = self.utf16.as_mut();
        let (utf16_start, utf16_end) = match utf16.as_mut() {
            Some(counter) => (Some(counter.units_before(start)), Some(counter.units_before(end))),
            None => (None, None),
        };
        let groups = (0..groups)
            .map(|index| {
                span(index).map(|(start, end)| {
                    let (utf16_start, utf16_end) = match utf16.as_mut() {
                        Some(counter) => {
                            (Some(counter.units_before(start)), Some(counter.units_before(end)))
                        }
                        None => (None, None),
                    };
                    Group {
                        index,
                        name: self.names.get(index).cloned().flatten(),
                        start,
                        end,
                        utf16_start,
                        utf16_end,
                        text: self.text[start..end].to_owned(),
                    }
                })
            })
            .collect();
        self.matches.push(Match {
            start,
            end,
            char_start,
            char_end,
            utf16_start,
            utf16_end,
            text: self.text[start..end].to_owned(),
            empty: start == end,
            groups,
        });
    }

    /// Appends the text before the match and the match's expansion to the replaced text. The expansion is sized
    /// before it is built (its literal parts plus the lengths of the parts of the text it names), so a replacement
    /// that repeats a long group thousands of times is refused without allocating its result.
    fn replace(
        &mut self,
        start: usize,
        span: &impl Fn(usize) -> Option<(usize, usize)>,
    ) -> Result<(), RegexError> {
        let Some(replacement) = self.replacement else { return Ok(()) };
        let text = self.text;
        let end = span(0).map_or(start, |(_, end)| end);
        // Matches never start before the previous one ended, but a reversed range would panic, so copy only forward
        // whatever an engine does.
        let between = text.get(self.last_end..start).unwrap_or_default();
        let between_cost = escaped_len(between);
        let names = self.names;
        let range = |piece: Piece<'_>| match piece {
            Piece::Literal(_) => None,
            Piece::Group(index) => span(index),
            Piece::Named(first) => names
                .iter()
                .enumerate()
                .skip(first)
                .filter(|(_, name)| **name == names[first])
                .find_map(|(index, _)| span(index)),
            Piece::Before => Some((0, start)),
            Piece::After => Some((end.min(text.len()), text.len())),
        };
        let template = self.template.as_ref();
        let expand = |out: &mut dyn FnMut(Piece<'_>)| match template {
            Some(template) => template.expand(out),
            None => {
                crate::pcre2::expand(
                    replacement,
                    names,
                    |index| span(index).is_some(),
                    out,
                    |_| {},
                );
            }
        };
        let mut at_least = self.replaced_cost.saturating_add(between_cost);
        expand(&mut |piece| {
            let len = match piece {
                Piece::Literal(literal) => literal.len(),
                piece => range(piece).map_or(0, |(start, end)| end.saturating_sub(start)),
            };
            at_least = at_least.saturating_add(len);
        });
        // Escaping only makes it longer: the raw size is the least the replaced text would grow by.
        if at_least > MAX_REPLACED_LEN {
            return Err(RegexError::ReplacementTooLarge {
                what: "the replaced text",
                len: at_least,
                max: MAX_REPLACED_LEN,
            });
        }
        let Some(dst) = self.replaced.as_mut() else { return Ok(()) };
        dst.push_str(between);
        let before = dst.len();
        expand(&mut |piece| match piece {
            Piece::Literal(literal) => dst.push_str(literal),
            piece => {
                if let Some(part) = range(piece).and_then(|(start, end)| text.get(start..end)) {
                    dst.push_str(part);
                }
            }
        });
        self.replaced_cost += between_cost + escaped_len(&dst[before..]);
        self.check_replaced()
    }

    fn check_replaced(&self) -> Result<(), RegexError> {
        if self.replaced_cost > MAX_REPLACED_LEN {
            return Err(RegexError::ReplacementTooLarge {
                what: "the replaced text",
                len: self.replaced_cost,
                max: MAX_REPLACED_LEN,
            });
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Matches, RegexError> {
        if let Some(dst) = self.replaced.as_mut() {
            let rest = &self.text[self.last_end..];
            dst.push_str(rest);
            self.replaced_cost += escaped_len(rest);
            self.check_replaced()?;
        }
        let truncated = self.matches.len() < self.count;
        let limited_by = truncated.then_some(if self.out_of_budget {
            ListLimit::Output
        } else {
            ListLimit::Count
        });
        Ok(Matches {
            truncated,
            limited_by,
            matches: self.matches,
            count: self.count,
            replaced: self.replaced,
        })
    }
}

/// A replacement read once before the search instead of at every match: its literal text and the parts of the
/// text it names, in order. The `regex` crate's syntax and JavaScript's read the same way for every match of a
/// pattern; PCRE2's does not (`${1:+yes:no}` depends on whether group 1 took part), so it has no template and is
/// read at every match.
#[derive(Debug)]
struct Template {
    /// Every literal part, one after another.
    literals: String,
    parts: Vec<Part>,
}

#[derive(Debug)]
enum Part {
    /// A range of [`Template::literals`].
    Literal(std::ops::Range<usize>),
    /// A group, or the text before or after the match (never [`Piece::Literal`]).
    Reference(Piece<'static>),
}

impl Template {
    fn read(
        replacement: &str,
        names: &[Option<String>],
        syntax: ReplacementSyntax,
    ) -> Option<Self> {
        let mut template = Template { literals: String::new(), parts: Vec::new() };
        match syntax {
            ReplacementSyntax::Pcre2 => return None,
            ReplacementSyntax::RegexCrate => {
                // The `regex` crate's own interpolation, run once with each reference recorded where it falls, so
                // `$1a`, `${1}a` and `$$` read exactly as the crate reads them, whichever engine runs.
                let name_index = |name: &str| names.iter().position(|n| n.as_deref() == Some(name));
                let mut references = Vec::new();
                let mut literals = String::new();
                interpolate::string(
                    replacement,
                    |index, literals: &mut String| references.push((literals.len(), index)),
                    name_index,
                    &mut literals,
                );
                let mut from = 0;
                for (at, index) in references {
                    template.push_literal(&literals[from..at]);
                    template.parts.push(Part::Reference(Piece::Group(index)));
                    from = at;
                }
                template.push_literal(&literals[from..]);
            }
            ReplacementSyntax::Fancy => {
                let Some(pieces) = fancy_pieces(replacement, names) else {
                    return Template::read(replacement, names, ReplacementSyntax::RegexCrate);
                };
                for piece in pieces {
                    match piece {
                        FancyPiece::Literal(literal) => template.push_literal(&literal),
                        FancyPiece::Group(index) => {
                            template.parts.push(Part::Reference(Piece::Group(index)));
                        }
                    }
                }
            }
            ReplacementSyntax::JavaScript => {
                crate::ecmascript::expand(replacement, names, |piece| match piece {
                    Piece::Literal(literal) => template.push_literal(literal),
                    Piece::Group(index) => {
                        template.parts.push(Part::Reference(Piece::Group(index)));
                    }
                    Piece::Named(index) => {
                        template.parts.push(Part::Reference(Piece::Named(index)));
                    }
                    Piece::Before => template.parts.push(Part::Reference(Piece::Before)),
                    Piece::After => template.parts.push(Part::Reference(Piece::After)),
                });
            }
        }
        Some(template)
    }

    fn push_literal(&mut self, literal: &str) {
        if !literal.is_empty() {
            let from = self.literals.len();
            self.literals.push_str(literal);
            self.parts.push(Part::Literal(from..self.literals.len()));
        }
    }

    /// Hands each part to `out` in order, as the replacement syntax's reader would.
    fn expand(&self, out: &mut dyn FnMut(Piece<'_>)) {
        for part in &self.parts {
            match part {
                Part::Literal(range) => out(Piece::Literal(&self.literals[range.clone()])),
                Part::Reference(piece) => out(*piece),
            }
        }
    }
}

/// `replacement` as fancy-regex's own `Expander::default()` reads it (what `Regex::replace_all` and
/// `Captures::expand` use), as literals and groups, for a pattern with the groups `names`: fancy-regex expands it
/// once for a stand-in pattern with the same groups, in the same order and with the same names, each capturing a
/// character of its own that the replacement does not hold, and the characters in the expansion name the groups.
/// The whole match is a character of its own followed by every group's, so `$0` reads back as group 0. `None`
/// when the stand-in cannot be built (it always can for names fancy-regex parsed).
fn fancy_pieces(replacement: &str, names: &[Option<String>]) -> Option<Vec<FancyPiece>> {
    // Private use characters of plane 15, skipping any the replacement holds.
    let markers: Vec<char> = (0xF_0000..=0xF_FFFD)
        .filter_map(char::from_u32)
        .filter(|c| !replacement.contains(*c))
        .take(names.len())
        .collect();
    if markers.len() < names.len() {
        return None;
    }
    let mut pattern = format!("\\x{{{:X}}}", u32::from(markers[0]));
    for (name, marker) in names.iter().zip(&markers).skip(1) {
        match name {
            Some(name) => pattern.push_str(&format!("(?<{name}>\\x{{{:X}}})", u32::from(*marker))),
            None => pattern.push_str(&format!("(\\x{{{:X}}})", u32::from(*marker))),
        }
    }
    let text: String = markers.iter().collect();
    let regex = fancy_regex::Regex::new(&pattern).ok()?;
    let captures = regex.captures(text.as_str()).ok()??;
    let expanded = fancy_regex::Expander::default().expansion(replacement, &captures);
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut chars = expanded.chars();
    while let Some(c) = chars.next() {
        let Some(index) = markers.iter().position(|marker| *marker == c) else {
            literal.push(c);
            continue;
        };
        if !literal.is_empty() {
            pieces.push(FancyPiece::Literal(std::mem::take(&mut literal)));
        }
        if index == 0 {
            // The rest of the whole match.
            for _ in 1..markers.len() {
                chars.next();
            }
        }
        pieces.push(FancyPiece::Group(index));
    }
    if !literal.is_empty() {
        pieces.push(FancyPiece::Literal(literal));
    }
    Some(pieces)
}

/// A part of a replacement as fancy-regex reads it (see [`fancy_pieces`]).
#[derive(Debug, PartialEq, Eq)]
enum FancyPiece {
    /// Text, after `$$` is read as `$`.
    Literal(String),
    /// A group by index.
    Group(usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fancy flavour's substitution is fancy-regex's own (`Regex::replace_all`), which differs from the `regex`
    /// crate's: `$é` is a group, `${ n}` and `${}` are text, a duplicated name is its last group.
    #[test]
    fn fancy_replacements_read_as_fancy_regex_reads_them() {
        use crate::{Flags, Flavor, Request, run};
        for (pattern, text, replacement) in [
            ("(?<é>a)", "a", "$é"),
            ("(?<n>a)(b)?(?<é>c)?", "xaby", "1$1${ n}"),
            ("(?<n>a)(b)?(?<é>c)?", "xaby", "{${é}${}"),
            ("(?<n>a)(b)?(?<é>c)?", "xaby", "$0$00$n$2$3$$é$é2$ $"),
            ("(a)(b)", "ab", "$2$1${1}x$1x$10$01"),
            ("a", "a", "[$0|$1|$x|${0}]"),
            ("(?<n>a)|(?<n>b)", "ab", "[$n]"),
            ("\\u{F0000}(x)", "\u{F0000}x", "\u{F0000}$1\u{F0001}"),
        ] {
            let expected = fancy_regex::Regex::new(pattern)
                .map(|regex| regex.replace_all(text, replacement).into_owned());
            let Ok(expected) = expected else { continue };
            let request = Request {
                pattern,
                text,
                flags: Flags::default(),
                flavor: Flavor::Fancy,
                replace: Some(replacement),
                limit: None,
                deadline: None,
            };
            let report = run(&request).unwrap();
            assert_eq!(
                report.replaced.as_deref(),
                Some(expected.as_str()),
                "{pattern} {replacement}"
            );
        }
    }

    /// However fast the matches came before, the deadline is noticed within [`MAX_CLOCK_STRIDE`] matches of
    /// passing, and a slow stretch brings the clock back to every match.
    #[test]
    fn the_clock_is_read_within_its_stride() {
        let text = "a".repeat(100);
        let names = [None];
        let far = Instant::now() + std::time::Duration::from_secs(3600);
        let mut collector = Collector::new(&names, &text, 0, None, Some(far));
        for _ in 0..1000 {
            collector.tick().unwrap();
            assert!((1..=MAX_CLOCK_STRIDE).contains(&collector.clock_stride));
        }
        collector.deadline = Instant::now();
        let ticks = (1..=MAX_CLOCK_STRIDE).find(|_| collector.tick().is_err());
        assert!(
            ticks.is_some(),
            "the passed deadline went unnoticed for {MAX_CLOCK_STRIDE} matches"
        );

        let mut collector = Collector::new(&names, &text, 0, None, Some(far));
        collector.last_reading = Instant::now() - FAST_STRETCH * 4;
        collector.tick().unwrap();
        assert_eq!((collector.clock_stride, collector.until_clock), (1, 1));
    }

    #[test]
    fn char_counter_walks_both_ways() {
        let text = "aé€😀b";
        let mut counter = CharCounter::new(text);
        assert_eq!(counter.chars_before(text.len()), 5);
        assert_eq!(counter.chars_before(1), 1);
        assert_eq!(counter.chars_before(3), 2);
        assert_eq!(counter.chars_before(10), 4);
        assert_eq!(counter.chars_before(0), 0);
        assert_eq!(count_chars("😀€é".as_bytes()), 3);
    }

    #[test]
    fn escaped_len_is_at_least_what_json_and_html_write() {
        for c in (0u8..=127).map(char::from).chain(['é', '\u{2028}', '😀']) {
            let text = c.to_string();
            let json = serde_json::to_string(&text).unwrap().len() - 2;
            assert!(escaped_len(&text) >= json, "{c:?}: {json}");
            #[cfg(feature = "web")]
            {
                let html = devtools_kit::escape_html(&text).len();
                assert!(escaped_len(&text) >= html, "{c:?}: {html}");
            }
        }
        assert_eq!(escaped_len("a<\u{1}"), 13);
        assert_eq!(escaped_len_within("a<\u{1}", 12), None);
        assert_eq!(escaped_len_within("a<\u{1}", 13), Some(13));
        assert_eq!(escaped_len_within("aaaa", 3), None, "longer than the limit before escaping");
    }
}
