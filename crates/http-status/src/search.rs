//! Finding codes: the list page's filter and the "did you mean" suggestions of the 404 page.

use crate::data::{Status, all};

/// Whether a status matches a free-text query: every whitespace-separated term must occur in its
/// [`search_text`] (case-insensitive). The list page's script applies the same rule to the same text (what the
/// list item shows plus its [`unshown_search_text`]), so filtering with and without JavaScript agrees.
pub fn matches_query(status: &Status, query: &str) -> bool {
    let haystack = search_text(status);
    query.split_whitespace().map(str::to_lowercase).all(|term| haystack.contains(&term))
}

/// The lowercase text a query is matched against: what the list item shows (code, name, [`badge`], summary), then
/// the [`unshown_search_text`].
pub fn search_text(status: &Status) -> String {
    let badge = badge(status).unwrap_or_default();
    format!(
        "{} {} {badge} {} {}",
        status.code,
        status.name,
        status.summary,
        unshown_search_text(status)
    )
    .to_lowercase()
}

/// The words a query also matches that the list item does not show: the registered name, former names and the
/// vendor who uses an unofficial code, lowercase. The list page carries only these in `data-filter-text`; its
/// script reads the rest from the item itself, which keeps the page small.
pub fn unshown_search_text(status: &Status) -> String {
    let mut words = vec![status.registry_name.as_str()];
    words.extend(status.aliases.iter().map(String::as_str));
    words.push(&status.source);
    words.retain(|word| !word.is_empty());
    words.join(" ").to_lowercase()
}

/// The list's badge for a status: `unofficial`; `IANA: <registered name>` when the registry names it otherwise;
/// `IANA: temporary` for a temporary registration; none for the rest.
pub fn badge(status: &Status) -> Option<String> {
    if !status.official {
        Some("unofficial".to_owned())
    } else if let Some(name) = status.registry_placeholder() {
        Some(format!("IANA: {name}"))
    } else if status.registration() == Some(crate::Registration::Temporary) {
        Some("IANA: temporary".to_owned())
    } else {
        None
    }
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
