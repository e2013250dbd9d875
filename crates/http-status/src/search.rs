//! Finding codes: the list page's filter and the "did you mean" suggestions of the 404 page.

use crate::data::{Status, all};

/// Whether a status matches a free-text query, the one rule of the list page's `?q=`, `GET /api/http-status?q=`
/// and `devtools status NAME`: every term must begin a word of its [`search_text`] (a whole word or a word's
/// start, never the inside of one: `foo` finds `fools`, `ool` finds nothing), ignoring case and apostrophes
/// (`I'm`, `I’m` and `Im` are one word); a term `1xx` … `5xx` stands for its class. A query without terms
/// matches everything.
pub fn matches_query(status: &Status, query: &str) -> bool {
    let words = words(&search_text(status));
    query.split_whitespace().all(|term| {
        if let Some(class) = class_term(term) {
            return status.class() == class;
        }
        // A term with inner punctuation (`content-type`, `x.y`) is several words, each of which must match.
        let parts = words_of(term);
        !parts.is_empty()
            && parts.iter().all(|part| words.iter().any(|word| word.starts_with(part.as_str())))
    })
}

/// The class a query term names: `4xx` (any case) is the class of client errors.
fn class_term(term: &str) -> Option<crate::Class> {
    let term = term.to_ascii_lowercase();
    let digit = term.strip_suffix("xx")?;
    let digit: u16 = digit.parse().ok().filter(|d| (1..=5).contains(d))?;
    crate::Class::of(digit * 100)
}

/// Text as the matcher sees it: lowercase, with apostrophes (`'`, `’`, `‘`, `ʼ`) removed so that `I'm` and `Im`
/// are one word.
pub(crate) fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{2bc}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of a text after [`normalize`]: runs of letters and digits.
pub(crate) fn words_of(text: &str) -> Vec<String> {
    normalize(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn words(text: &str) -> Vec<String> {
    words_of(text)
}

/// The lowercase text a query is matched against: what the list item shows (code, name, [`badge`], summary), then
/// the [`unshown_search_text`]. The list page's live filter (`filterMatches` in the shared script) applies
/// [`matches_query`]'s rule to the same text, so a query shows the same codes with and without JavaScript.
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

    /// Review item 9: whole words or word starts, never the inside of a word; apostrophes ignored; `4xx` is a class.
    #[test]
    fn terms_match_word_starts_apostrophes_aside_and_classes() {
        let codes = |query: &str| {
            all().iter().filter(|s| matches_query(s, query)).map(|s| s.code).collect::<Vec<_>>()
        };
        let teapot = lookup(418).unwrap();
        for query in ["im a teapot", "I'm a teapot", "I’m a teapot", "IM A TEA"] {
            assert!(matches_query(teapot, query), "{query}");
        }
        assert!(!matches_query(teapot, "ool"), "not inside a word");
        // "cat" no longer finds "application" or "duplicate": every match has a word starting with it.
        for code in codes("cat") {
            let text = search_text(lookup(code).unwrap());
            assert!(words(&text).iter().any(|w| w.starts_with("cat")), "{code}: {text}");
        }
        let server_errors: Vec<u16> =
            crate::by_class(crate::Class::ServerError).map(|s| s.code).collect();
        assert_eq!(codes("5xx"), server_errors);
        assert_eq!(codes("4XX").len(), crate::by_class(crate::Class::ClientError).count());
        assert_eq!(codes("5xx gateway"), [502, 504]);
        assert!(codes("6xx zzz").is_empty());
        assert!(codes("40").starts_with(&[400, 401, 402]), "numbers match as word starts");
        assert!(codes("content-type").iter().all(|c| codes("content type").contains(c)));
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
