//! What the site answers about status codes, for the pages, the JSON API and `devtools status` alike.
//!
//! [`list`] is the body of `GET /api/http-status`, [`detail`] the body of `GET /api/http-status/{code}` (or its
//! error); the page and the command line show the same values.

use crate::{FixSection, Header, Registration, Spec, Status, all, lookup, matches_query};
use devtools_kit::AnswerError;
use serde::Serialize;

/// One code in the list of every code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = StatusSummary))]
pub struct Summary {
    /// The three-digit code, 100 to 599.
    pub code: u16,
    /// The name people know: the registered name (RFC 9110 wording), the vendor's for an unofficial code, or,
    /// where the registry lists only a placeholder (see `registry_name`), the name the code goes by
    /// (`I'm a teapot`).
    pub name: &'static str,
    /// The IANA registry's placeholder for a code it lists without a name (`(Unused)` for 306 and 418); `null`
    /// when `name` is the registered name or the code is a vendor's.
    pub registry_name: Option<&'static str>,
    /// The class as its label: `1xx` to `5xx`.
    pub class: &'static str,
    /// One sentence saying what the code means.
    pub summary: &'static str,
    /// Whether the code is in the IANA HTTP Status Code Registry (unofficial ones are vendor codes).
    pub official: bool,
    /// How the registry holds the code: `permanent`, or `temporary` for an early allocation to an Internet-Draft
    /// (104); `null` for a vendor code.
    pub registration: Option<&'static str>,
}

impl From<&'static Status> for Summary {
    fn from(status: &'static Status) -> Self {
        Summary {
            code: status.code,
            name: &status.name,
            registry_name: status.registry_placeholder(),
            class: status.class().label(),
            summary: &status.summary,
            official: status.official,
            registration: status.registration().map(Registration::as_str),
        }
    }
}

/// A code worth reading next, as the detail lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema))]
pub struct RelatedCode {
    /// The three-digit code.
    pub code: u16,
    /// Its name.
    pub name: &'static str,
    /// One sentence saying what it means.
    pub summary: &'static str,
}

/// One status code explained: the body of `GET /api/http-status/{code}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = StatusDetail))]
pub struct Detail {
    /// The three-digit code, 100 to 599.
    pub code: u16,
    /// The name people know: the registered name (RFC 9110 wording), the vendor's, or, where the registry lists
    /// only a placeholder (see `registry_name`), the name the code goes by (`I'm a teapot`).
    pub name: &'static str,
    /// The IANA registry's placeholder for a code it lists without a name (`(Unused)` for 306 and 418), shown as
    /// a badge beside `name`; `null` when `name` is the registered name or the code is a vendor's.
    pub registry_name: Option<&'static str>,
    /// Former or alternative names, such as `Payload Too Large` for 413.
    pub aliases: &'static [String],
    /// The class as its label: `1xx` to `5xx`.
    pub class: &'static str,
    /// One sentence saying what the code means.
    pub summary: &'static str,
    /// The explanation: paragraphs separated by blank lines, plain text.
    pub explanation: &'static str,
    /// Situations that produce the code.
    pub causes: &'static [String],
    /// What to do about it, for the client and for the server (for 1xx–3xx: how to handle it, when servers send it).
    pub fixes: Vec<FixSection>,
    /// Headers that matter with this code, and why.
    pub headers: &'static [Header],
    /// A raw HTTP/1.1 response with this status; for 208, which only appears inside a WebDAV multistatus body, a
    /// 207 response whose body carries it; for codes never sent on the wire, an access-log line.
    pub example: &'static str,
    /// Codes worth reading next.
    pub related: Vec<RelatedCode>,
    /// The specification section that defines the code; for a vendor code, the vendor's documentation or source;
    /// `null` when there is none.
    pub spec: Option<&'static Spec>,
    /// For a vendor code, why no public documentation is linked (or what part is undocumented); `null` otherwise.
    pub no_public_documentation: Option<&'static str>,
    /// Whether the code is in the IANA HTTP Status Code Registry.
    pub official: bool,
    /// How the registry holds the code: `permanent`, or `temporary` for an early allocation to an Internet-Draft
    /// that lapses unless renewed or made permanent when the draft becomes an RFC (104, from
    /// draft-ietf-httpbis-resumable-upload); `null` for a vendor code.
    pub registration: Option<&'static str>,
    /// Who uses an unofficial code (`nginx`, `Cloudflare`); `null` for official ones.
    pub source: Option<&'static str>,
    /// Whether the code is in use: `current`, `deprecated`, `unused` or `obsolete`.
    pub status: &'static str,
}

impl From<&'static Status> for Detail {
    fn from(s: &'static Status) -> Self {
        Detail {
            code: s.code,
            name: &s.name,
            registry_name: s.registry_placeholder(),
            aliases: &s.aliases,
            class: s.class().label(),
            summary: &s.summary,
            explanation: s.explanation.trim(),
            causes: &s.causes,
            fixes: s.fixes(),
            headers: &s.headers,
            example: s.example_text(),
            related: s
                .related
                .iter()
                .filter_map(|code| lookup(*code))
                .map(|r| RelatedCode { code: r.code, name: &r.name, summary: &r.summary })
                .collect(),
            spec: s.spec.as_ref(),
            no_public_documentation: s.no_public_documentation(),
            official: s.official,
            registration: s.registration().map(Registration::as_str),
            source: s.source(),
            status: s.status.as_str(),
        }
    }
}

/// Every known code, sorted by code: the body of `GET /api/http-status`.
pub fn list() -> Vec<Summary> {
    all().iter().map(Summary::from).collect()
}

/// The codes the list page's filter shows for `query`, sorted by code: those where every term begins a word of
/// their text, ignoring case and apostrophes, `4xx` standing for a class ([`matches_query`]); every code when it
/// has no terms. The body of `GET /api/http-status?q=`, and what `devtools status NAME` lists.
///
/// A query is read up to [`MAX_QUERY`] characters (after trimming), the rest cut, never refused: no filter needs
/// more, and the work stays bounded for any caller (each term is looked for in every code's text).
pub fn list_matching(query: &str) -> Vec<Summary> {
    let query = filter_text(query);
    all().iter().filter(|status| matches_query(status, &query)).map(Summary::from).collect()
}

/// Longest filter [`list_matching`] reads, in characters; a longer one is cut there.
pub const MAX_QUERY: usize = 200;

/// A filter as [`list_matching`] reads it: trimmed, and cut to [`MAX_QUERY`] characters.
pub fn filter_text(query: &str) -> String {
    query.trim().chars().take(MAX_QUERY).collect()
}

/// A code as typed (a path segment, an argument): `Ok(None)` for a number that is no known code, `Err` for text
/// that is not a number of at most five digits.
fn parse_code(raw: &str) -> Result<Option<&'static Status>, AnswerError> {
    if raw.is_empty() || raw.len() > 5 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        let shown: String = raw.chars().take(20).collect();
        return Err(AnswerError::invalid(
            "invalid_code",
            format!("A status code is a number such as 404; \"{shown}\" is not one."),
        ));
    }
    Ok(raw.parse::<u16>().ok().and_then(lookup))
}

/// The known code a text names, for the page and [`detail`] alike.
///
/// # Errors
/// `invalid_code` ([`Invalid`](devtools_kit::ErrorClass::Invalid)) for text that is not a number;
/// `unknown_code` ([`NotFound`](devtools_kit::ErrorClass::NotFound)) for a number that is no known code.
pub fn known_code(raw: &str) -> Result<&'static Status, AnswerError> {
    parse_code(raw)?.ok_or_else(|| {
        AnswerError::new(
            devtools_kit::ErrorClass::NotFound,
            "unknown_code",
            format!(
                "{raw} is not a known HTTP status code; the list of every code shows the known ones."
            ),
        )
    })
}

/// What a name or phrase finds ([`find`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The one code the text names: its name or an alias is the text, or it is the only code whose names hold
    /// every term.
    Code(Summary),
    /// Otherwise the codes the list's filter finds for the text, exactly as [`list_matching`] (and so
    /// `GET /api/http-status?q=`) gives them: possibly one, possibly none.
    Matches(Vec<Summary>),
}

/// The codes a text names, for finding a code by name or phrase (`teapot`, `gateway timeout`, `I’m a teapot`).
/// Names are compared as the filter compares text (case and apostrophes aside): a code whose name or alias is the
/// text, or the only code whose names hold every term as a word start, is [`Found::Code`]; anything else is the
/// list's own answer, [`list_matching`].
pub fn find(text: &str) -> Found {
    let wanted = crate::search::words_of(text);
    let exact = |s: &Status| {
        std::iter::once(&s.name)
            .chain(&s.aliases)
            .any(|name| !wanted.is_empty() && crate::search::words_of(name) == wanted)
    };
    let in_names = |s: &Status| {
        let names: Vec<String> = std::iter::once(&s.name)
            .chain(&s.aliases)
            .flat_map(|name| crate::search::words_of(name))
            .collect();
        !wanted.is_empty()
            && wanted.iter().all(|term| names.iter().any(|word| word.starts_with(term.as_str())))
    };
    for rule in [&exact as &dyn Fn(&Status) -> bool, &in_names] {
        let mut named: Vec<&'static Status> = all().iter().filter(|s| rule(s)).collect();
        if named.len() == 1 {
            return Found::Code(Summary::from(named.remove(0)));
        }
    }
    Found::Matches(list_matching(text))
}

/// One code explained, from the code as typed: the body of `GET /api/http-status/{code}`.
///
/// # Errors
/// Those of [`known_code`].
pub fn detail(raw: &str) -> Result<Detail, AnswerError> {
    known_code(raw).map(Detail::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use devtools_kit::ErrorClass;

    /// The library cuts a long filter as the site does: a megabyte of terms is read as its first 200 characters
    /// (the same list), not searched term by term in every code's text.
    #[test]
    fn a_long_filter_is_read_up_to_max_query_characters() {
        let long = "not ".repeat(250_000);
        let first: String = long.chars().take(MAX_QUERY).collect();
        assert_eq!(filter_text(&long), first);
        assert_eq!(list_matching(&long), list_matching(&first));
        assert!(list_matching(&long).iter().any(|s| s.code == 404), "Not Found has the word");
    }

    #[test]
    fn detail_answers_known_codes_and_names_what_is_wrong_otherwise() {
        let teapot = detail("418").unwrap();
        assert_eq!((teapot.code, teapot.name, teapot.class), (418, "I'm a teapot", "4xx"));
        assert_eq!(teapot.registry_name, Some("(Unused)"));
        assert_eq!(detail("403").unwrap().registry_name, None);
        assert_eq!(detail("403").unwrap().registration, Some("permanent"));
        assert_eq!(detail("104").unwrap().registration, Some("temporary"));
        assert_eq!(detail("499").unwrap().registration, None);
        let unknown = detail("299").unwrap_err();
        assert_eq!((unknown.class(), unknown.kind()), (ErrorClass::NotFound, "unknown_code"));
        let invalid = detail("teapot").unwrap_err();
        assert_eq!((invalid.class(), invalid.kind()), (ErrorClass::Invalid, "invalid_code"));
        assert_eq!(detail("123456").unwrap_err().kind(), "invalid_code");
    }

    #[test]
    fn find_prefers_names_then_gives_the_lists_own_answer() {
        let code = |text: &str| match find(text) {
            Found::Code(found) => Some(found.code),
            Found::Matches(_) => None,
        };
        let matches = |text: &str| match find(text) {
            Found::Code(found) => panic!("{text} named {}", found.code),
            Found::Matches(list) => list.iter().map(|s| s.code).collect::<Vec<_>>(),
        };
        assert_eq!(code("teapot"), Some(418));
        for name in ["I'M A TEAPOT", "im a teapot", "I’m a teapot"] {
            assert_eq!(code(name), Some(418), "{name}");
        }
        assert_eq!(
            code("not found"),
            Some(404),
            "an exact name wins over names containing the words"
        );
        assert_eq!(code("payload too large"), Some(413), "aliases are names");
        // Review item 9: "foo" is no name; the list's answer is what the text finds, not 418's page.
        assert_eq!(code("foo"), None);
        for text in ["gateway", "cat", "not", "foo", "5xx", "4xx", "nginx", "zzzz", "  "] {
            let list: Vec<u16> = list_matching(text).iter().map(|s| s.code).collect();
            if code(text).is_none() {
                assert_eq!(matches(text), list, "{text}: the CLI lists what the API lists");
            }
        }
        assert!(matches("gateway").starts_with(&[502, 504]), "{:?}", matches("gateway"));
        assert_eq!(matches("nginx"), [444, 494, 495, 496, 497, 499]);
        assert_eq!(matches("5xx").len(), crate::by_class(crate::Class::ServerError).count());
        assert!(matches("zzzz").is_empty() && matches("  ").len() == all().len());
    }

    #[test]
    fn the_list_is_every_code_in_order() {
        let codes: Vec<u16> = list().iter().map(|s| s.code).collect();
        assert_eq!(codes.len(), all().len());
        assert!(codes.windows(2).all(|pair| pair[0] < pair[1]));
    }
}
