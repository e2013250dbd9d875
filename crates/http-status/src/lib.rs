//! Every HTTP status code explained: the IANA registry and the vendor codes seen in logs, each with its meaning,
//! how it differs from its neighbours, common causes, fixes, related headers, a raw response example and the
//! specification that defines it.
//!
//! The content is hand-written TOML in this crate's `data/` folder, embedded at build time and
//! checked by this crate's tests.
//!
//! # Example
//!
//! ```
//! use devtools_http_status::{Class, lookup};
//!
//! let forbidden = lookup(403).expect("403 is registered");
//! assert_eq!(forbidden.name, "Forbidden");
//! assert_eq!(forbidden.class(), Class::ClientError);
//! assert!(forbidden.official);
//!
//! // Vendor codes are there too, marked unofficial with their source.
//! let closed = lookup(499).expect("nginx's 499 is known");
//! assert!(!closed.official);
//! assert_eq!(closed.source(), Some("nginx"));
//!
//! // Iterate a class in code order.
//! let redirects: Vec<u16> = devtools_http_status::by_class(Class::Redirection).map(|s| s.code).collect();
//! assert!(redirects.contains(&308));
//! ```
//!
//! Exactly what the site answers for a code as a user types it, errors included — the body of
//! `GET /api/http-status/{code}` and of `devtools status CODE --json` ([`answer`]):
//!
//! ```
//! use devtools_http_status::answer;
//!
//! let detail = answer::detail("429")?;
//! assert_eq!(detail.name, "Too Many Requests");
//! assert!(detail.headers.iter().any(|header| header.name == "Retry-After"));
//!
//! let error = answer::detail("299").unwrap_err();
//! assert_eq!(error.kind(), "unknown_code"); // 404 on the API, exit 1 on the command line
//! # Ok::<(), devtools_http_status::AnswerError>(())
//! ```
//!
//! # Crate features
//!
//! - default: the data, the lookups and the [`answer`] layer; no web framework, no command-line parser.
//! - `web`: the pages (`/http-status`, `/http-status/{code}`) and the JSON API (`/api/http-status`) for the
//!   devtools host.
//! - `cli`: the `devtools status` subcommand (the `cli` module): its arguments and text view.

#![deny(missing_docs)]

// The README's example runs as a doctest, so it cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

pub mod answer;
#[cfg(feature = "cli")]
pub mod cli;
mod data;
mod search;
#[cfg(feature = "web")]
pub mod web;

pub use data::{
    Class, ExampleKind, FixSection, Header, Lifecycle, Registration, Spec, Status, all, by_class,
    lookup,
};
pub use search::{badge, matches_query, nearest, search_text, unshown_search_text};

use devtools_kit::ToolMeta;
pub use devtools_kit::{AnswerError, ErrorClass, Location};

/// The reference as a registered tool.
pub const META: ToolMeta = ToolMeta {
    slug: "http-status",
    name: "HTTP Status Codes",
    summary: "Every HTTP status code explained: meaning, causes, fixes, headers and a raw response example.",
    label: "http",
    related: &["jwt", "cron"],
    keywords: &[
        "http",
        "status",
        "code",
        "response",
        "error",
        "rfc 9110",
        "iana",
        "redirect",
        "nginx",
        "cloudflare",
    ],
};
