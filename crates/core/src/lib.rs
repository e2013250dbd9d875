//! The shared layout of devtools: the tool registry, the page layout, error pages and JSON errors, and the
//! embedded stylesheet and script.
//!
//! A tool crate describes itself with a [`ToolMeta`] and hands the host a [`Tool`]: templates that extend
//! `core/base.html`, assets and an axum router. The host assembles a [`Site`] from its list of tools; navigation,
//! home page cards and each page's "related tools" block come from that list, so related-tools navigation is
//! data, not hand-written HTML.
//!
//! # Example
//!
//! ```
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
//! ```
//!
//! # Crate features
//!
//! None: this crate is only used by the web parts of the tool crates and by the host.

#![deny(missing_docs)]

pub mod api;
mod assets;
mod error;
mod meta;
mod page;
mod search;
mod site;
pub mod work;

pub use api::{ApiDoc, ApiError, ApiExample};
pub use assets::{Asset, AssetTable, CORE_ASSETS, HashedAsset};
pub use error::{ErrorReport, WebError};
pub use meta::{Registry, RegistryError, ToolLink, ToolMeta};
pub use page::{Crumb, Page};
pub use search::{MAX_QUERY_LEN, SearchEntry, SearchIndex};
pub use site::{
    CORE_TEMPLATES, Readiness, SearchAnswer, Settings, Site, SiteError, SiteState, Tool,
};
pub use work::{Deadline, Isolation, Job, Refused, Work, WorkLimits, WorkLoad};
