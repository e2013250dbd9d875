//! Cutting the text into runs for inline highlighting: plain text, matched text coloured by its innermost group,
//! and markers for zero-length matches.

use crate::matching::Match;
use serde::Serialize;

/// A run of the text and how to show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment<'t> {
    /// The text of the run; empty for the marker of a zero-length match.
    pub text: &'t str,
    /// The match it belongs to, by position in the list.
    pub match_index: Option<usize>,
    /// The innermost capture group covering it (`0` when no numbered group does).
    pub group: Option<usize>,
}

/// The runs of `text` given its matches, in order; concatenating their texts gives back `text`.
///
/// Groups that fall outside their match (a look-behind or look-ahead capture) are not shown inline. Where groups
/// overlap without nesting (a group from an earlier repetition), the shortest one covering a run wins.
pub fn segments<'t>(text: &'t str, matches: &[Match]) -> Vec<Segment<'t>> {
    let mut out = Vec::with_capacity(matches.len() * 2 + 1);
    let mut at = 0;
    for (index, found) in matches.iter().enumerate() {
        if found.start < at {
            continue;
        }
        if found.start > at {
            out.push(Segment { text: &text[at..found.start], match_index: None, group: None });
        }
        if found.empty {
            out.push(Segment { text: "", match_index: Some(index), group: None });
            at = found.start;
            continue;
        }
        let mut cuts = vec![found.start, found.end];
        let inside: Vec<(usize, usize, usize)> = found
            .groups
            .iter()
            .flatten()
            .filter(|group| group.index > 0 && group.start < group.end)
            .map(|group| (group.index, group.start.max(found.start), group.end.min(found.end)))
            .filter(|(_, start, end)| start < end)
            .collect();
        for (_, start, end) in &inside {
            cuts.push(*start);
            cuts.push(*end);
        }
        cuts.sort_unstable();
        cuts.dedup();
        for pair in cuts.windows(2) {
            let (start, end) = (pair[0], pair[1]);
            let group = inside
                .iter()
                .filter(|(_, g_start, g_end)| *g_start <= start && end <= *g_end)
                .min_by_key(|(index, g_start, g_end)| (g_end - g_start, usize::MAX - index))
                .map_or(0, |(index, _, _)| *index);
            out.push(Segment {
                text: &text[start..end],
                match_index: Some(index),
                group: Some(group),
            });
        }
        at = found.end;
    }
    if at < text.len() {
        out.push(Segment { text: &text[at..], match_index: None, group: None });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Flags, Flavor, Regex};

    fn runs(pattern: &str, text: &str) -> Vec<(String, Option<usize>, Option<usize>)> {
        let regex = Regex::new(pattern, Flavor::Rust, Flags::default()).unwrap();
        let found = regex.search(text, 100).unwrap();
        let segments = segments(text, &found.matches);
        assert_eq!(segments.iter().map(|s| s.text).collect::<String>(), text);
        segments.into_iter().map(|s| (s.text.to_owned(), s.match_index, s.group)).collect()
    }

    #[test]
    fn groups_colour_their_part_of_each_match() {
        assert_eq!(
            runs(r"(\d+)-(\d+)", "a 1-22 b"),
            vec![
                ("a ".into(), None, None),
                ("1".into(), Some(0), Some(1)),
                ("-".into(), Some(0), Some(0)),
                ("22".into(), Some(0), Some(2)),
                (" b".into(), None, None),
            ]
        );
    }

    #[test]
    fn nested_groups_show_the_innermost_and_empty_matches_leave_a_marker() {
        assert_eq!(
            runs(r"(a(b))", "ab"),
            vec![("a".into(), Some(0), Some(1)), ("b".into(), Some(0), Some(2))]
        );
        let empty = runs(r"x*", "éx");
        assert_eq!(empty[0], ("".into(), Some(0), None));
        assert_eq!(empty[1], ("é".into(), None, None));
        assert_eq!(empty[2], ("x".into(), Some(1), Some(0)));
    }
}
