//! Running a compiled pattern over a text: every match with its groups, capped, plus the substitution, in one pass.

use crate::engine::Engine;
use crate::error::RegexError;
use crate::{BACKTRACK_LIMIT, MAX_REPLACED_LEN, TIME_BUDGET};
use serde::Serialize;
use std::time::Instant;

/// One match of the whole pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    /// UTF-8 byte offset of the first byte in the text.
    pub start: usize,
    /// UTF-8 byte offset just past the last byte.
    pub end: usize,
    /// Unicode scalar offset of the first character.
    pub char_start: usize,
    /// Unicode scalar offset just past the last character.
    pub char_end: usize,
    /// The matched text.
    pub text: String,
    /// Whether the match is zero-length (`a*` matching nothing, `^`, `\b`).
    pub empty: bool,
    /// Every group by index, `0` being the whole match; `None` for a group that did not participate.
    pub groups: Vec<Option<Group>>,
}

/// One capture group of a match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// The group number, `0` for the whole match.
    pub index: usize,
    /// The group's name, for `(?<name>...)`.
    pub name: Option<String>,
    /// UTF-8 byte offset of the first byte.
    pub start: usize,
    /// UTF-8 byte offset just past the last byte.
    pub end: usize,
    /// The captured text.
    pub text: String,
}

/// The outcome of a search: the first matches up to the limit and the total count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matches {
    /// The first `limit` matches, in order.
    pub matches: Vec<Match>,
    /// How many matches the text has in total.
    pub count: usize,
    /// Whether `matches` holds fewer than `count`.
    pub truncated: bool,
    /// The text with every match replaced, when a replacement was given.
    pub replaced: Option<String>,
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

/// Counts UTF-8 characters by counting the bytes that start one (everything but continuation bytes); the
/// compiler vectorises this loop, which is what keeps a 1 MiB text fast.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&byte| (byte as i8) >= -0x40).count()
}

/// The search: walks every match once, keeps the first `limit`, counts the rest and builds the replacement.
pub(crate) fn search(
    engine: &Engine,
    names: &[Option<String>],
    text: &str,
    limit: usize,
    replacement: Option<&str>,
) -> Result<Matches, RegexError> {
    let mut collector = Collector::new(names, text, limit, replacement);
    match engine {
        Engine::Rust(regex) => {
            if replacement.is_none() && limit == 0 {
                // Counting alone needs no capture positions, which the engine finds faster without.
                for found in regex.find_iter(text) {
                    collector.count(found.start())?;
                }
            } else {
                for caps in regex.captures_iter(text) {
                    collector.add(
                        caps.len(),
                        |i| caps.get(i).map(|m| (m.start(), m.end())),
                        |dst, rep| {
                            caps.expand(rep, dst);
                        },
                    )?;
                }
            }
        }
        Engine::Fancy(regex) => {
            // Substitutions use the `regex` crate's interpolation for both flavours, so `$1a`, `${1}a` and `$$`
            // mean the same whichever engine runs. fancy-regex's own `Captures::expand` would also re-validate the
            // whole output as UTF-8 on every call, which is quadratic over a replace-all.
            let name_index = |name: &str| names.iter().position(|n| n.as_deref() == Some(name));
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
                collector.add(
                    caps.len(),
                    |i| caps.get(i).map(|m| (m.start(), m.end())),
                    |dst, rep| {
                        regex_automata::util::interpolate::string(
                            rep,
                            |index, dst| {
                                if let Some(group) = caps.get(index) {
                                    dst.push_str(group.as_str());
                                }
                            },
                            name_index,
                            dst,
                        );
                    },
                )?;
            }
        }
    }
    Ok(collector.finish())
}

struct Collector<'a> {
    names: &'a [Option<String>],
    text: &'a str,
    limit: usize,
    replacement: Option<&'a str>,
    replaced: Option<String>,
    last_end: usize,
    chars: CharCounter<'a>,
    matches: Vec<Match>,
    count: usize,
    started: Instant,
}

impl<'a> Collector<'a> {
    fn new(
        names: &'a [Option<String>],
        text: &'a str,
        limit: usize,
        replacement: Option<&'a str>,
    ) -> Self {
        Collector {
            names,
            text,
            limit,
            replacement,
            replaced: replacement.map(|_| String::with_capacity(text.len())),
            last_end: 0,
            chars: CharCounter::new(text),
            matches: Vec::with_capacity(limit.min(4096)),
            count: 0,
            started: Instant::now(),
        }
    }

    /// Where the next search starts, for the backtracking error.
    fn resume_at(&self) -> usize {
        self.last_end
    }

    fn count(&mut self, start: usize) -> Result<(), RegexError> {
        self.count += 1;
        self.last_end = start;
        self.check_time()
    }

    fn check_time(&self) -> Result<(), RegexError> {
        if self.count.is_multiple_of(1024) && self.started.elapsed() > TIME_BUDGET {
            return Err(RegexError::Timeout {
                millis: TIME_BUDGET.as_millis(),
                matches: self.count,
            });
        }
        Ok(())
    }

    fn add(
        &mut self,
        groups: usize,
        span: impl Fn(usize) -> Option<(usize, usize)>,
        expand: impl FnOnce(&mut String, &str),
    ) -> Result<(), RegexError> {
        let (start, end) = span(0).unwrap_or_default();
        if let (Some(dst), Some(rep)) = (self.replaced.as_mut(), self.replacement) {
            // Matches never start before the previous one ended, but a reversed range would panic, so copy only
            // forward whatever an engine does.
            if let Some(between) = self.text.get(self.last_end..start) {
                dst.push_str(between);
            }
            expand(dst, rep);
            if dst.len() > MAX_REPLACED_LEN {
                return Err(RegexError::ReplacementTooLarge {
                    what: "the replaced text",
                    len: dst.len(),
                    max: MAX_REPLACED_LEN,
                });
            }
        }
        self.last_end = end;
        if self.matches.len() < self.limit {
            let char_start = self.chars.chars_before(start);
            let char_end = self.chars.chars_before(end);
            let groups = (0..groups)
                .map(|index| {
                    span(index).map(|(start, end)| Group {
                        index,
                        name: self.names.get(index).cloned().flatten(),
                        start,
                        end,
                        text: self.text[start..end].to_owned(),
                    })
                })
                .collect();
            self.matches.push(Match {
                start,
                end,
                char_start,
                char_end,
                text: self.text[start..end].to_owned(),
                empty: start == end,
                groups,
            });
        }
        self.count += 1;
        self.check_time()
    }

    fn finish(mut self) -> Matches {
        if let Some(dst) = self.replaced.as_mut() {
            dst.push_str(&self.text[self.last_end..]);
        }
        Matches {
            truncated: self.matches.len() < self.count,
            matches: self.matches,
            count: self.count,
            replaced: self.replaced,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
