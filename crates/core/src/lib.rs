//! What every devtools tool shares. Always: the answer layer's error ([`AnswerError`]) and the tool descriptor
//! ([`ToolMeta`]). With `web`: the tool registry, the page layout, error pages and JSON errors, the embedded
//! stylesheet and script, and the bounded execution of tool work. With `cli`: the command line's plumbing.
//!
//! A tool crate describes itself with a [`ToolMeta`] and hands the host a [`Tool`]: templates that extend
//! `core/base.html`, assets and an axum router. The host assembles a [`Site`] from its list of tools; navigation,
//! home page cards and each page's "related tools" block come from that list, so related-tools navigation is
//! data, not hand-written HTML.
//!
//! # Example
//!
//! ```
//! # #[cfg(feature = "web")] {
//! use devtools_kit::{Page, Site, Tool, ToolMeta};
//!
//! const META: ToolMeta = ToolMeta {
//!     slug: "hello",
//!     name: "Hello",
//!     summary: "Says hello.",
//!     label: "hi",
//!     related: &[],
//!     keywords: &["greeting"],
//! };
//! const TEMPLATES: &[(&str, &str)] =
//!     &[("hello/index.html", r#"{% extends "core/base.html" %}{% block main %}<p>Hello, {{ who }}!</p>{% endblock %}"#)];
//!
//! let tool: Tool =
//!     Tool { meta: META, templates: TEMPLATES, assets: &[], router: axum::Router::new(), search: Vec::new(), api: None, jobs: &[] };
//! let site = Site::new(&[tool]).unwrap();
//! let page = Page::new("Hello").here("hello").tool("hello");
//! let html = site.render("hello/index.html", &page, serde_json::json!({ "who": "<world>" })).unwrap();
//! assert!(html.0.contains("Hello, &lt;world&gt;!"));
//! # }
//! ```
//!
//! # Crate features
//!
//! The default build is only the transport-free part every tool's answer layer uses: [`AnswerError`] and the
//! [`ToolMeta`] descriptor, with no web or terminal dependency.
//!
//! - `web`: the site — [`Site`], [`Tool`], the layout templates, [`WebError`], assets, the OpenAPI pieces and the
//!   bounded execution of tool work ([`work`]). Tool crates turn it on with their own `web` feature.
//! - `testing`: helpers for handler tests (the `testing` module), for tool crates' dev-dependencies.
//! - `cli`: the command line's shared plumbing ([`cli`]): a tool's subcommand, bounded input reads, escaping.

#![deny(missing_docs)]

// The README's example runs as a doctest, so it cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

pub mod answer;
#[cfg(feature = "cli")]
pub mod cli;
mod meta;

#[cfg(feature = "web")]
pub mod api;
#[cfg(feature = "web")]
mod assets;
#[cfg(feature = "web")]
mod base_path;
#[cfg(feature = "web")]
mod error;
#[cfg(feature = "web")]
pub mod extract;
#[cfg(feature = "web")]
mod html;
#[cfg(feature = "web")]
mod page;
#[cfg(feature = "web")]
mod precompressed;
#[cfg(feature = "web")]
mod probes;
#[cfg(feature = "web")]
mod search;
#[cfg(feature = "web")]
mod site;
#[cfg(feature = "testing")]
pub mod testing;
#[cfg(feature = "web")]
pub mod work;

pub use answer::{AnswerError, ErrorClass, Location};

/// The time one answer may take by default: the server's `WorkLimits::deadline` for one request's work (with the
/// `web` feature) and the command line's budget, `cli::within_deadline` (with `cli`). 2 s.
pub const DEFAULT_DEADLINE: std::time::Duration = std::time::Duration::from_secs(2);
pub use meta::{Registry, RegistryError, ToolLink, ToolMeta};

#[cfg(feature = "web")]
pub use api::{ApiDoc, ApiError, ApiExample, PageRequest};
#[cfg(feature = "web")]
pub use assets::{Asset, AssetTable, CORE_ASSETS, HashedAsset, multi_line_literal, shipped};
#[cfg(feature = "web")]
pub use base_path::{BasePath, BasePathError, MAX_BASE_PATH_LEN};
#[cfg(feature = "web")]
pub use error::{ErrorReport, WebError};
#[cfg(feature = "web")]
pub use html::escape_html;
#[cfg(feature = "web")]
pub use page::{Crumb, Page};
#[cfg(feature = "web")]
pub use precompressed::{Storable, accepts_br};
#[cfg(feature = "web")]
pub use probes::{Draining, Readiness};
#[cfg(feature = "web")]
pub use search::{MAX_QUERY_LEN, SearchEntry, SearchIndex};
#[cfg(feature = "web")]
pub use site::{
    CORE_TEMPLATES, Rendered, SearchAnswer, Settings, Site, SiteError, SiteState, StaticCopy, Tool,
    View,
};
#[cfg(feature = "web")]
pub use work::{Deadline, Isolation, Job, Refused, Work, WorkLimits, WorkLoad};
