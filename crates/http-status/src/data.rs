//! The status entries, their types, and loading them from the embedded TOML.

use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The hand-written files, embedded at build time. Order does not matter: entries are sorted by code on load.
const FILES: &[(&str, &str)] = &[
    ("1xx.toml", include_str!("../data/1xx.toml")),
    ("2xx.toml", include_str!("../data/2xx.toml")),
    ("3xx.toml", include_str!("../data/3xx.toml")),
    ("4xx.toml", include_str!("../data/4xx.toml")),
    ("5xx.toml", include_str!("../data/5xx.toml")),
    ("unofficial.toml", include_str!("../data/unofficial.toml")),
];

/// The class of a status code, from its first digit (RFC 9110 §15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Class {
    /// 1xx: the request was received, the process continues.
    Informational,
    /// 2xx: the request was received, understood and accepted.
    Success,
    /// 3xx: further action is needed to complete the request.
    Redirection,
    /// 4xx: the request contains bad syntax or cannot be fulfilled.
    ClientError,
    /// 5xx: the server failed to fulfil an apparently valid request.
    ServerError,
}

impl Class {
    /// Every class, in order.
    pub const ALL: [Class; 5] = [
        Class::Informational,
        Class::Success,
        Class::Redirection,
        Class::ClientError,
        Class::ServerError,
    ];

    /// The class of a code in 100–599.
    pub fn of(code: u16) -> Option<Class> {
        match code {
            100..=199 => Some(Class::Informational),
            200..=299 => Some(Class::Success),
            300..=399 => Some(Class::Redirection),
            400..=499 => Some(Class::ClientError),
            500..=599 => Some(Class::ServerError),
            _ => None,
        }
    }

    /// `1xx` … `5xx`.
    pub fn label(self) -> &'static str {
        match self {
            Class::Informational => "1xx",
            Class::Success => "2xx",
            Class::Redirection => "3xx",
            Class::ClientError => "4xx",
            Class::ServerError => "5xx",
        }
    }

    /// The class name RFC 9110 uses.
    pub fn name(self) -> &'static str {
        match self {
            Class::Informational => "Informational",
            Class::Success => "Successful",
            Class::Redirection => "Redirection",
            Class::ClientError => "Client Error",
            Class::ServerError => "Server Error",
        }
    }

    /// What the class means, in one sentence.
    pub fn description(self) -> &'static str {
        match self {
            Class::Informational => {
                "Interim responses: the server has the request and more is coming before the final answer."
            }
            Class::Success => "The request was received, understood and carried out.",
            Class::Redirection => {
                "The client has to take another step, usually another request, to finish."
            }
            Class::ClientError => "The request itself is at fault: fix it before sending it again.",
            Class::ServerError => {
                "The request looked valid, but the server or something behind it failed."
            }
        }
    }

    /// The first digit, for CSS class names.
    pub fn digit(self) -> u8 {
        match self {
            Class::Informational => 1,
            Class::Success => 2,
            Class::Redirection => 3,
            Class::ClientError => 4,
            Class::ServerError => 5,
        }
    }
}

/// Whether a code is in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lifecycle {
    /// In use and recommended.
    Current,
    /// Still registered but discouraged (102, 305).
    Deprecated,
    /// Reserved and not to be used (306, 418).
    Unused,
    /// Defined by a specification that has been retired (510), or a vendor feature that is gone.
    Obsolete,
}

impl Lifecycle {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Lifecycle::Current => "current",
            Lifecycle::Deprecated => "deprecated",
            Lifecycle::Unused => "unused",
            Lifecycle::Obsolete => "obsolete",
        }
    }
}

/// How a registered code is held in the IANA HTTP Status Code Registry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Registration {
    /// A permanent entry, defined by a published specification (every code of RFC 9110 §15).
    #[default]
    Permanent,
    /// A temporary entry: an early allocation (RFC 7120) for an Internet-Draft that is not yet an RFC, which lapses
    /// unless renewed or made permanent when the draft is published (104, from draft-ietf-httpbis-resumable-upload).
    Temporary,
}

impl Registration {
    /// Lowercase name: `permanent` or `temporary`.
    pub fn as_str(self) -> &'static str {
        match self {
            Registration::Permanent => "permanent",
            Registration::Temporary => "temporary",
        }
    }
}

/// What the `example` field holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleKind {
    /// A raw HTTP/1.1 response starting with the status line.
    #[default]
    Response,
    /// An access-log line, for codes that never reach the wire (nginx 444 and 499).
    Log,
    /// A `207 Multi-Status` response whose XML body carries the code in a `DAV:status` element: a code that
    /// appears only there, never as the status line of a whole response (208, RFC 5842 §7.1).
    Multistatus,
}

/// A header that matters with a status code, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Header name, e.g. `Retry-After`.
    pub name: String,
    /// Why it matters with this code.
    pub note: String,
}

/// The specification that defines a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// e.g. `RFC 9110, Section 15.5.4`.
    pub title: String,
    /// Link to the section.
    pub url: String,
}

/// One status code with its reference content.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Status {
    /// The three-digit code.
    pub code: u16,
    /// The name people know: the registered name (RFC 9110 wording), the vendor's, or, where the registry holds
    /// only a placeholder ([`registry_name`](Self::registry_name)), the name the code is known by (`I'm a teapot`).
    pub name: String,
    /// The IANA registry's placeholder when it lists no name for the code (`(Unused)` for 306 and 418); empty
    /// when [`name`](Self::name) is the registered name.
    #[serde(default)]
    pub registry_name: String,
    /// Former or alternative names ("Payload Too Large").
    pub aliases: Vec<String>,
    /// One sentence.
    pub summary: String,
    /// Paragraphs separated by blank lines.
    pub explanation: String,
    /// Situations that produce the code.
    pub causes: Vec<String>,
    /// For 4xx/5xx: steps if you are the client; for 1xx–3xx: how to handle it.
    #[serde(default)]
    pub fix_client: Vec<String>,
    /// For 4xx/5xx: steps if you run the server; for 1xx–3xx: when servers send it.
    #[serde(default)]
    pub fix_server: Vec<String>,
    /// Headers that matter with this code.
    pub headers: Vec<Header>,
    /// A raw response (or, for codes never sent, a log line).
    pub example: String,
    /// What `example` holds.
    #[serde(default)]
    pub example_kind: ExampleKind,
    /// Codes worth reading next.
    pub related: Vec<u16>,
    /// Registered with IANA.
    pub official: bool,
    /// How the registry holds an official code as the data says it: `temporary` for an early allocation, absent
    /// (`None`) for a permanent entry or a vendor code. [`registration()`](Self::registration) reads it.
    #[serde(default)]
    pub registration: Option<Registration>,
    /// Who uses an unofficial code; empty for official ones.
    pub source: String,
    /// Whether the code is in use.
    pub status: Lifecycle,
    /// The defining specification, if any; for a vendor code, the vendor's own documentation or source.
    #[serde(default)]
    pub spec: Option<Spec>,
    /// For a vendor code whose use no public page documents (or documents only in part): says so, and why;
    /// empty otherwise. Every vendor code has a [`spec`](Self::spec) link, this note, or both.
    #[serde(default)]
    pub no_public_documentation: String,
}

/// A titled list of steps: "If you are the client", "When servers send it", ...
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema))]
pub struct FixSection {
    /// `client` or `server`.
    pub audience: &'static str,
    /// The heading shown above the steps.
    pub heading: &'static str,
    /// The steps, in order.
    pub steps: Vec<String>,
}

impl Status {
    /// The class, from the first digit.
    pub fn class(&self) -> Class {
        // Codes outside 100–599 are rejected when the data is loaded.
        Class::of(self.code).unwrap_or(Class::ServerError)
    }

    /// The registry's placeholder for a code it lists without a name (`(Unused)`), `None` when [`name`](Self::name)
    /// is the registered name.
    pub fn registry_placeholder(&self) -> Option<&str> {
        Some(self.registry_name.as_str()).filter(|name| !name.is_empty())
    }

    /// How the IANA registry holds the code (permanent or temporary); `None` for a vendor code, which is not in
    /// the registry.
    pub fn registration(&self) -> Option<Registration> {
        self.official.then(|| self.registration.unwrap_or_default())
    }

    /// Who uses an unofficial code.
    pub fn source(&self) -> Option<&str> {
        Some(self.source.as_str()).filter(|source| !source.is_empty())
    }

    /// The note saying that no public page documents a vendor code; `None` when it is documented.
    pub fn no_public_documentation(&self) -> Option<&str> {
        Some(self.no_public_documentation.as_str()).filter(|note| !note.is_empty())
    }

    /// The explanation split into paragraphs.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.explanation.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
    }

    /// The fixes, with headings that fit the class: "when servers send it" / "how to handle it" for 1xx–3xx,
    /// "if you are the client" / "if you run the server" for 4xx–5xx. Empty sections are left out.
    pub fn fixes(&self) -> Vec<FixSection> {
        let (server_heading, client_heading) = match self.class() {
            Class::Informational | Class::Success | Class::Redirection => {
                ("When servers send it", "How to handle it")
            }
            Class::ClientError | Class::ServerError => {
                ("If you run the server", "If you are the client")
            }
        };
        let client = FixSection {
            audience: "client",
            heading: client_heading,
            steps: self.fix_client.clone(),
        };
        let server = FixSection {
            audience: "server",
            heading: server_heading,
            steps: self.fix_server.clone(),
        };
        // Servers decide first for informational to redirection codes; clients act first on errors.
        let ordered = match self.class() {
            Class::ClientError | Class::ServerError => [client, server],
            _ => [server, client],
        };
        ordered.into_iter().filter(|section| !section.steps.is_empty()).collect()
    }

    /// The example without surrounding blank lines.
    pub fn example_text(&self) -> &str {
        self.example.trim_matches('\n')
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    status: Vec<Status>,
}

/// Parses every embedded file into one list sorted by code.
pub(crate) fn load() -> Result<Vec<Status>, String> {
    let mut all = Vec::new();
    for (name, text) in FILES {
        let file: File = toml::from_str(text)
            .map_err(|error| format!("crates/http-status/data/{name}: {error}"))?;
        all.extend(file.status);
    }
    all.sort_by_key(|status| status.code);
    if let Some(bad) = all.iter().find(|status| Class::of(status.code).is_none()) {
        return Err(format!("code {} is outside 100–599", bad.code));
    }
    Ok(all)
}

static STATUSES: LazyLock<Vec<Status>> = LazyLock::new(|| {
    // The data is embedded at build time and validated by this crate's tests, so a failure here is a build of
    // untested data, not a user error.
    load().unwrap_or_else(|error| panic!("embedded HTTP status data is invalid: {error}"))
});

/// Every known status code, sorted by code.
pub fn all() -> &'static [Status] {
    &STATUSES
}

/// The entry for a code.
pub fn lookup(code: u16) -> Option<&'static Status> {
    let all = all();
    all.binary_search_by_key(&code, |status| status.code).ok().map(|index| &all[index])
}

/// The entries of one class, in code order.
pub fn by_class(class: Class) -> impl Iterator<Item = &'static Status> {
    all().iter().filter(move |status| status.class() == class)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// The IANA HTTP Status Code Registry: the 63 entries of RFC 9110's time plus 104, temporarily registered
    /// 2024-11-13 for draft-ietf-httpbis-resumable-upload (extension registered 2025-09-15, expires 2026-11-13).
    const IANA: &[u16] = &[
        100, 101, 102, 103, 104, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302,
        303, 304, 305, 306, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411,
        412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500,
        501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
    ];
    const VENDOR: &[u16] = &[
        419, 420, 440, 444, 449, 460, 463, 464, 494, 495, 496, 497, 499, 509, 520, 521, 522, 523,
        524, 525, 526, 527, 530, 561, 598, 599,
    ];

    #[test]
    fn data_loads() {
        let all = load().unwrap();
        assert_eq!(all.len(), IANA.len() + VENDOR.len());
    }

    #[test]
    fn every_registered_code_is_present_and_official() {
        assert_eq!(IANA.len(), 64);
        for code in IANA {
            let status = lookup(*code).unwrap_or_else(|| panic!("{code} missing"));
            assert!(status.official, "{code} should be official");
            assert!(status.spec.is_some(), "{code} needs a spec reference");
            assert!(status.source().is_none(), "{code} is official and has no vendor source");
        }
    }

    /// The registry's entry for 104 reads "TEMPORARY - registered 2024-11-13, extension registered 2025-09-15,
    /// expires 2026-11-13"; the page says so, with no expiry left out.
    #[test]
    fn the_temporary_registration_gives_the_registry_dates() {
        let text =
            lookup(104).unwrap().explanation.split_whitespace().collect::<Vec<_>>().join(" ");
        for date in
            ["registered 2024-11-13", "extension registered 2025-09-15", "expires 2026-11-13"]
        {
            assert!(text.contains(date), "{date}: {text}");
        }
        assert!(text.contains("stated expiry has passed"), "{text}");
    }

    #[test]
    fn registration_status_follows_the_registry() {
        let temporary: Vec<u16> = all()
            .iter()
            .filter(|s| s.registration() == Some(Registration::Temporary))
            .map(|s| s.code)
            .collect();
        assert_eq!(temporary, [104], "the registry's only temporary entry");
        assert_eq!(lookup(104).unwrap().name, "Upload Resumption Supported");
        assert_eq!(lookup(200).unwrap().registration(), Some(Registration::Permanent));
        for s in all().iter().filter(|s| !s.official) {
            assert_eq!(s.registration, None, "{}: a vendor code has no registry entry", s.code);
            assert_eq!(s.registration(), None);
        }
        // Writing `permanent` is the default said twice; the data leaves it out.
        assert!(all().iter().all(|s| s.registration != Some(Registration::Permanent)));
    }

    #[test]
    fn every_vendor_code_is_present_unofficial_with_a_source() {
        for code in VENDOR {
            let status = lookup(*code).unwrap_or_else(|| panic!("{code} missing"));
            assert!(!status.official, "{code} is a vendor code");
            assert!(status.source().is_some(), "{code} needs a source");
        }
    }

    /// Review item 8: every vendor code links its vendor's documentation or source, or says plainly that none is
    /// public; never a bare name.
    #[test]
    fn every_vendor_code_has_a_source_or_says_it_has_none() {
        for s in all() {
            let note = s.no_public_documentation();
            if s.official {
                assert_eq!(note, None, "{}: registered codes are documented by their spec", s.code);
                continue;
            }
            assert!(s.spec.is_some() || note.is_some(), "{}: no source link and no note", s.code);
            if let Some(note) = note {
                assert!(
                    note.starts_with("No public")
                        || note.contains("could be found")
                        || note.contains("does not list"),
                    "{}: {note}",
                    s.code
                );
                assert!(note.ends_with('.'), "{}: {note}", s.code);
            }
        }
        for code in [494, 499, 521, 523, 525, 526, 530, 419, 449] {
            assert!(lookup(code).unwrap().spec.is_some(), "{code} has vendor documentation");
        }
        for code in [440, 509, 527, 598, 599] {
            assert!(lookup(code).unwrap().no_public_documentation().is_some(), "{code}");
        }
    }

    #[test]
    fn codes_are_unique_and_sorted() {
        let mut seen = BTreeSet::new();
        for status in load().unwrap() {
            assert!(seen.insert(status.code), "{} appears twice", status.code);
        }
        let codes: Vec<u16> = all().iter().map(|s| s.code).collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn rfc_9110_names_and_lifecycles() {
        let name = |code| lookup(code).unwrap().name.as_str();
        assert_eq!(name(413), "Content Too Large");
        assert_eq!(name(422), "Unprocessable Content");
        assert_eq!(name(414), "URI Too Long");
        assert_eq!(name(416), "Range Not Satisfiable");
        assert!(lookup(413).unwrap().aliases.iter().any(|a| a == "Payload Too Large"));
        assert!(lookup(422).unwrap().aliases.iter().any(|a| a == "Unprocessable Entity"));
        assert_eq!(lookup(306).unwrap().status, Lifecycle::Unused);
        // The registry's placeholder is kept beside the name people search for.
        assert_eq!(name(418), "I'm a teapot");
        assert_eq!(name(306), "Switch Proxy");
        assert_eq!(lookup(418).unwrap().registry_placeholder(), Some("(Unused)"));
        assert_eq!(lookup(403).unwrap().registry_placeholder(), None);
        assert_eq!(lookup(418).unwrap().status, Lifecycle::Unused);
        assert_eq!(lookup(510).unwrap().status, Lifecycle::Obsolete);
        assert_eq!(lookup(403).unwrap().status, Lifecycle::Current);
    }

    #[test]
    fn every_field_is_filled() {
        for s in all() {
            let code = s.code;
            assert!(!s.name.trim().is_empty(), "{code}: name");
            assert!(
                !s.name.starts_with('('),
                "{code}: a placeholder name belongs in registry_name"
            );
            assert!(
                s.registry_placeholder().is_none() || s.official,
                "{code}: only registered codes have a registry placeholder"
            );
            assert!(
                s.summary.trim().ends_with('.'),
                "{code}: summary is one sentence ending in a full stop"
            );
            assert!(
                s.paragraphs().count() >= 2,
                "{code}: explanation needs at least two paragraphs"
            );
            assert!(s.causes.len() >= 3, "{code}: at least three causes");
            assert!(!s.fixes().is_empty(), "{code}: fixes");
            // A code that never reaches the wire (nginx 444, ALB 460) has no response headers to discuss.
            assert!(!s.headers.is_empty() || s.example_kind == ExampleKind::Log, "{code}: headers");
            for header in &s.headers {
                assert!(
                    !header.name.is_empty() && !header.note.is_empty(),
                    "{code}: header {header:?}"
                );
            }
            assert!(!s.related.is_empty(), "{code}: related codes");
            for item in s.causes.iter().chain(&s.fix_client).chain(&s.fix_server) {
                assert!(!item.trim().is_empty(), "{code}: empty list item");
            }
            if let Some(spec) = &s.spec {
                assert!(spec.url.starts_with("https://"), "{code}: spec url {}", spec.url);
                assert!(!spec.title.is_empty(), "{code}: spec title");
            }
        }
    }

    #[test]
    fn related_codes_exist_and_are_not_self() {
        for s in all() {
            for related in &s.related {
                assert_ne!(*related, s.code, "{} lists itself as related", s.code);
                assert!(
                    lookup(*related).is_some(),
                    "{} lists unknown related code {related}",
                    s.code
                );
            }
            let unique: BTreeSet<_> = s.related.iter().collect();
            assert_eq!(unique.len(), s.related.len(), "{}: duplicate related code", s.code);
        }
    }

    #[test]
    fn example_status_line_matches_the_code() {
        for s in all() {
            let example = s.example_text();
            match s.example_kind {
                ExampleKind::Response => {
                    let line = example.lines().next().unwrap_or_default();
                    let prefix = format!("HTTP/1.1 {} ", s.code);
                    assert!(line.starts_with(&prefix), "{}: status line {line:?}", s.code);
                    assert!(
                        line.len() > prefix.len(),
                        "{}: status line has no reason phrase",
                        s.code
                    );
                }
                ExampleKind::Multistatus => {
                    // The code lives inside the body (RFC 5842 §7.1); the response itself is a 207.
                    let (line, _, body) = parse_example(example);
                    assert_eq!(line, "HTTP/1.1 207 Multi-Status", "{}", s.code);
                    let status = format!("<D:status>HTTP/1.1 {} {}</D:status>", s.code, s.name);
                    assert!(body.contains(&status), "{}: body without {status}", s.code);
                }
                ExampleKind::Log => {
                    assert!(
                        !s.official,
                        "{}: only vendor codes that never reach the wire use a log",
                        s.code
                    );
                    let code = s.code.to_string();
                    let standalone = example.match_indices(&code).any(|(at, _)| {
                        let before = example[..at].chars().next_back();
                        let after = example[at + code.len()..].chars().next();
                        !before.is_some_and(|c| c.is_ascii_digit())
                            && !after.is_some_and(|c| c.is_ascii_digit())
                    });
                    assert!(standalone, "{}: log line without the code", s.code);
                }
            }
        }
    }

    /// A response example split into its status line, its header fields (name lowercased, value trimmed) and its
    /// body: what follows the first blank line.
    fn parse_example(example: &str) -> (&str, Vec<(String, &str)>, &str) {
        let (head, body) = example.split_once("\n\n").unwrap_or((example, ""));
        let mut lines = head.lines();
        let line = lines.next().unwrap_or_default();
        let fields = lines
            .filter_map(|field| field.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim()))
            .collect();
        (line, fields, body)
    }

    fn responses() -> impl Iterator<Item = &'static Status> {
        all().iter().filter(|s| s.example_kind != ExampleKind::Log)
    }

    /// The data README: a Content-Length value is the byte length of the example's body.
    #[test]
    fn content_length_is_the_body_byte_length() {
        for s in responses() {
            let (_, fields, body) = parse_example(s.example_text());
            for (name, value) in &fields {
                if name == "content-length" {
                    assert_eq!(
                        value.parse::<usize>().ok(),
                        Some(body.len()),
                        "{}: Content-Length",
                        s.code
                    );
                }
            }
        }
    }

    /// RFC 9112 §6.3: without Content-Length, Transfer-Encoding or Connection: close a client cannot tell where a
    /// body ends, so an example with a body says how it is framed.
    #[test]
    fn every_example_with_a_body_is_framed() {
        for s in responses() {
            let (_, fields, body) = parse_example(s.example_text());
            if body.is_empty() {
                continue;
            }
            let framed = fields.iter().any(|(name, value)| {
                name == "content-length"
                    || name == "transfer-encoding"
                    || (name == "connection" && value.eq_ignore_ascii_case("close"))
            });
            assert!(
                framed,
                "{}: a body without Content-Length, Transfer-Encoding or Connection: close",
                s.code
            );
        }
    }

    /// RFC 5842 §7.1: 208 is only ever the DAV:status of an entry in a 207 Multi-Status body.
    #[test]
    fn the_208_example_is_a_multistatus_body() {
        let reported = lookup(208).unwrap();
        assert_eq!(reported.example_kind, ExampleKind::Multistatus);
        let (line, fields, body) = parse_example(reported.example_text());
        assert_eq!(line, "HTTP/1.1 207 Multi-Status");
        assert!(fields.iter().any(|(name, value)| name == "content-type" && value.starts_with("application/xml")));
        assert!(body.contains("<D:multistatus xmlns:D=\"DAV:\">"), "{body}");
        assert!(body.contains("<D:status>HTTP/1.1 208 Already Reported</D:status>"), "{body}");
        assert!(all().iter().all(|s| s.example_kind != ExampleKind::Multistatus || s.code == 208));
    }

    #[test]
    fn no_two_entries_share_a_sentence() {
        let mut seen: BTreeMap<String, u16> = BTreeMap::new();
        for s in all() {
            let mut texts = vec![s.summary.as_str(), s.explanation.as_str()];
            texts.extend(s.causes.iter().map(String::as_str));
            texts.extend(s.fix_client.iter().map(String::as_str));
            texts.extend(s.fix_server.iter().map(String::as_str));
            texts.extend(s.headers.iter().map(|h| h.note.as_str()));
            let mut own = BTreeSet::new();
            for text in texts {
                for sentence in text.split(". ").map(|x| x.trim().trim_end_matches('.')) {
                    let sentence = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
                    if sentence.len() < 40 || !own.insert(sentence.clone()) {
                        continue;
                    }
                    if let Some(other) = seen.insert(sentence.clone(), s.code) {
                        panic!("{} and {other} share the sentence {sentence:?}", s.code);
                    }
                }
            }
        }
    }

    #[test]
    fn fix_headings_follow_the_class() {
        let fixes = lookup(403).unwrap().fixes();
        assert_eq!(fixes[0].heading, "If you are the client");
        let fixes = lookup(301).unwrap().fixes();
        assert!(fixes.iter().any(|f| f.heading == "When servers send it"));
    }

    #[test]
    fn lookup_and_classes() {
        assert!(lookup(999).is_none());
        assert!(lookup(0).is_none());
        assert_eq!(Class::of(99), None);
        assert_eq!(Class::of(600), None);
        assert_eq!(by_class(Class::Informational).count(), 5);
        assert!(by_class(Class::ClientError).all(|s| (400..500).contains(&s.code)));
        assert_eq!(Class::ClientError.label(), "4xx");
    }
}
