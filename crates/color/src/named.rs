//! The 148 CSS named colours: exact names for a colour, the nearest name by deltaE OK, and spelling
//! suggestions for unknown names. The table itself is cssparser's, the one Firefox's style engine uses.

use crate::color::Color;
use crate::space;
use std::sync::LazyLock;

/// A named colour with its 8-bit sRGB value and its Oklab coordinates.
#[derive(Debug, Clone, Copy)]
struct Named {
    name: &'static str,
    rgb: [u8; 3],
    oklab: [f64; 3],
}

/// Every named colour, sorted by name, so aliases (`aqua`/`cyan`, `gray`/`grey`) resolve to the same first name.
static NAMED: LazyLock<Vec<Named>> = LazyLock::new(|| {
    let mut all: Vec<Named> = cssparser::color::all_named_colors()
        .map(|(name, (r, g, b))| Named {
            name,
            rgb: [r, g, b],
            oklab: space::srgb_to_oklab([r, g, b].map(|c| f64::from(c) / 255.0)),
        })
        .collect();
    all.sort_by_key(|named| named.name);
    all
});

/// Every named colour as `(name, [r, g, b])`, sorted by name. `transparent` is not among them.
pub fn named_colors() -> impl Iterator<Item = (&'static str, [u8; 3])> {
    NAMED.iter().map(|named| (named.name, named.rgb))
}

/// The 8-bit sRGB value of a named colour (ASCII case-insensitive).
pub fn lookup(name: &str) -> Option<[u8; 3]> {
    cssparser::color::parse_named_color(name).ok().map(|(r, g, b)| [r, g, b])
}

/// The name of a colour whose 8-bit sRGB value is exactly a named colour's (first alphabetically among
/// aliases); `transparent` for fully transparent black.
pub fn exact_name(rgb: [u8; 3], alpha: f64) -> Option<&'static str> {
    if alpha == 0.0 && rgb == [0, 0, 0] {
        return Some("transparent");
    }
    if alpha < 1.0 {
        return None;
    }
    NAMED.iter().find(|named| named.rgb == rgb).map(|named| named.name)
}

/// The named colour closest to `color` by deltaE OK, with the distance.
pub fn nearest_name(color: &Color) -> (&'static str, f64) {
    let target = color.oklab();
    NAMED
        .iter()
        .map(|named| (named.name, space::delta_e_ok(named.oklab, target)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or(("black", f64::INFINITY))
}

/// A known name close in spelling to an unknown one, for "did you mean …?".
pub(crate) fn suggest(unknown: &str) -> Option<&'static str> {
    let unknown = unknown.to_ascii_lowercase();
    // Names are at most 20 letters; anything much longer is not a misspelt colour name.
    if unknown.len() > 32 {
        return None;
    }
    let limit = if unknown.len() <= 4 { 1 } else { 2 };
    NAMED
        .iter()
        .map(|named| named.name)
        .chain(["transparent"])
        .map(|name| (name, edit_distance(&unknown, name)))
        .filter(|(_, distance)| *distance <= limit)
        .min_by_key(|(_, distance)| *distance)
        .map(|(name, _)| name)
}

/// Levenshtein distance; names are short ASCII, so a two-row table is plenty.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_148_names_sorted_and_unique() {
        let names: Vec<&str> = named_colors().map(|(name, _)| name).collect();
        assert_eq!(names.len(), 148);
        assert!(names.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(lookup("RebeccaPurple"), Some([102, 51, 153]));
        assert_eq!(lookup("grean"), None);
    }

    #[test]
    fn exact_names_prefer_the_first_alias() {
        assert_eq!(exact_name([0, 255, 255], 1.0), Some("aqua"));
        assert_eq!(exact_name([128, 128, 128], 1.0), Some("gray"));
        assert_eq!(exact_name([255, 0, 0], 0.5), None);
        assert_eq!(exact_name([0, 0, 0], 0.0), Some("transparent"));
        assert_eq!(exact_name([1, 2, 3], 1.0), None);
    }

    #[test]
    fn nearest_name_by_delta_e_ok() {
        assert_eq!(nearest_name(&Color::from_rgb8(250, 1, 2)).0, "red");
        assert_eq!(nearest_name(&Color::from_rgb8(102, 51, 153)), ("rebeccapurple", 0.0));
    }

    #[test]
    fn suggestions_for_misspellings() {
        assert_eq!(suggest("grean"), Some("green"));
        assert_eq!(suggest("Blu"), Some("blue"));
        assert_eq!(suggest("cornflowerblu"), Some("cornflowerblue"));
        assert_eq!(suggest("zzzzzzzz"), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
