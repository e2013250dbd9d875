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
///
/// A match or group that does not fit `text` (one found in another text: past its end, off a character
/// boundary, or ending before it starts) is left out rather than panicking, so the runs still give back `text`.
pub fn segments<'t>(text: &'t str, matches: &[Match]) -> Vec<Segment<'t>> {
    let fits = |start: usize, end: usize| {
        start <= end && text.is_char_boundary(start) && text.is_char_boundary(end)
    };
    let mut out = Vec::with_capacity(matches.len() * 2 + 1);
    let mut at = 0;
    for (index, found) in matches.iter().enumerate() {
        if found.start < at || !fits(found.start, found.end) {
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
            .filter(|group| {
                group.index > 0 && group.start < group.end && fits(group.start, group.end)
            })
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

    /// `segments` sliced `text` at whatever offsets it was given: a match from another text panicked.
    #[test]
    fn matches_that_do_not_fit_the_text_are_left_out() {
        let found = |start: usize, end: usize, group: (usize, usize)| Match {
            start,
            end,
            char_start: 0,
            char_end: 0,
            utf16_start: None,
            utf16_end: None,
            text: String::new(),
            empty: start == end,
            groups: vec![
                None,
                Some(crate::Group {
                    index: 1,
                    name: None,
                    start: group.0,
                    end: group.1,
                    utf16_start: None,
                    utf16_end: None,
                    text: String::new(),
                }),
            ],
        };
        let text = "éa";
        for bad in [
            found(0, 100, (0, 2)),
            found(100, 200, (100, 101)),
            found(3, 2, (0, 0)),
            found(1, 3, (1, 3)),
            found(50, 50, (0, 0)),
            found(usize::MAX, usize::MAX, (0, usize::MAX)),
        ] {
            let runs = segments(text, std::slice::from_ref(&bad));
            assert_eq!(runs, vec![Segment { text, match_index: None, group: None }], "{bad:?}");
        }
        // A group past the end of the text, inside a match that fits, is not shown.
        let runs = segments(text, &[found(0, 3, (1, 9))]);
        assert_eq!(runs, vec![Segment { text, match_index: Some(0), group: Some(0) }]);
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
