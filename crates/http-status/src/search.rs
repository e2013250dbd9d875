//! Finding codes: the list page's filter and the "did you mean" suggestions of the 404 page.

use crate::data::{Status, all};

/// Whether a status matches a free-text query: every whitespace-separated term must occur in its code, name,
/// registry placeholder, aliases, source or summary (case-insensitive). The list page's script applies the same rule to the same text,
/// so filtering with and without JavaScript agrees.
pub fn matches_query(status: &Status, query: &str) -> bool {
    let haystack = search_text(status);
    query.split_whitespace().map(str::to_lowercase).all(|term| haystack.contains(&term))
}

/// The lowercase text a query is matched against.
pub fn search_text(status: &Status) -> String {
    let mut text = format!(
        "{} {} {} {} {}",
        status.code,
        status.name,
        status.registry_name,
        status.aliases.join(" "),
        status.source
    );
    text.push(' ');
    text.push_str(&status.summary);
    text.to_lowercase()
}

/// Up to `count` known codes closest to `code`, nearest first (ties: the lower code first). Used to suggest
/// what someone meant when they asked for a code that does not exist.
pub fn nearest(code: u32, count: usize) -> Vec<&'static Status> {
    let mut candidates: Vec<&Status> = all().iter().collect();
    candidates.sort_by_key(|status| (u32::from(status.code).abs_diff(code), status.code));
    candidates.truncate(count);
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lookup;

    #[test]
    fn query_terms_must_all_match() {
        let teapot = lookup(418).unwrap();
        assert!(matches_query(teapot, "teapot"));
        assert!(matches_query(teapot, "418"));
        assert!(matches_query(teapot, ""));
        assert!(!matches_query(teapot, "teapot gateway"));
        assert!(matches_query(lookup(504).unwrap(), "GATEWAY timeout"));
        assert!(matches_query(lookup(413).unwrap(), "payload"), "aliases are searched");
        assert!(matches_query(lookup(499).unwrap(), "nginx"), "sources are searched");
    }

    #[test]
    fn nearest_codes_are_sorted_by_distance() {
        let near: Vec<u16> = nearest(419, 3).iter().map(|s| s.code).collect();
        assert_eq!(near, [419, 418, 420]);
        let near: Vec<u16> = nearest(432, 2).iter().map(|s| s.code).collect();
        assert_eq!(near, [431, 429]);
        assert_eq!(nearest(0, 1)[0].code, 100);
    }
}
