//! Every HTTP status code explained: the IANA registry and the vendor codes seen in logs, each with its meaning,
//! how it differs from its neighbours, common causes, fixes, related headers, a raw response example and the
//! specification that defines it.
//!
//! The content is hand-written TOML in the workspace's `data/http-status/` folder, embedded at build time and
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
//! # Crate features
//!
//! - `web`: the pages (`/http-status`, `/http-status/{code}`) and the JSON API (`/api/http-status`) for the
//!   devtools host. Off by default, so the data alone pulls in no web framework.

#![deny(missing_docs)]

mod data;
mod search;
#[cfg(feature = "web")]
pub mod web;

pub use data::{
    Class, ExampleKind, FixSection, Header, Lifecycle, Spec, Status, all, by_class, lookup,
};
pub use search::{matches_query, nearest, search_text};
