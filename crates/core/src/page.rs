//! What a page tells the layout about itself.

use serde::Serialize;

/// One step of the breadcrumb after `~/devtools`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Crumb {
    /// Text shown.
    pub label: String,
    /// Link; `None` for the current page.
    pub href: Option<String>,
}

/// Layout data every page provides: title, description, breadcrumb and which tool it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page {
    /// The `<title>` and the heading.
    pub title: String,
    /// The meta description, one sentence.
    pub description: String,
    /// Breadcrumb after the site name.
    pub crumbs: Vec<Crumb>,
    /// Slug of the tool the page belongs to, which selects its "related tools" block.
    pub tool: Option<&'static str>,
    /// A page with a path that should not be indexed or cached (error pages, results of user input).
    pub noindex: bool,
    /// Whether the address reproduces what the page shows, so a "Copy link" button makes sense. Tool pages keep
    /// their state in the URL; a page whose input must never go in a URL (tokens, keys) turns it off.
    pub shareable: bool,
}

impl Page {
    /// A page with a title and nothing else.
    pub fn new(title: impl Into<String>) -> Self {
        Page {
            title: title.into(),
            description: String::new(),
            crumbs: Vec::new(),
            tool: None,
            noindex: false,
            shareable: false,
        }
    }

    /// Sets the meta description.
    #[must_use]
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = description.into();
        self
    }

    /// Appends a linked breadcrumb step.
    #[must_use]
    pub fn crumb(mut self, label: impl Into<String>, href: impl Into<String>) -> Self {
        self.crumbs.push(Crumb { label: label.into(), href: Some(href.into()) });
        self
    }

    /// Appends the final, unlinked breadcrumb step (the current page).
    #[must_use]
    pub fn here(mut self, label: impl Into<String>) -> Self {
        self.crumbs.push(Crumb { label: label.into(), href: None });
        self
    }

    /// Marks the page as belonging to a tool, so it shows that tool's related tools and a "Copy link" button.
    #[must_use]
    pub fn tool(mut self, slug: &'static str) -> Self {
        self.tool = Some(slug);
        self.shareable = true;
        self
    }

    /// For pages whose input must never be put in a URL: no "Copy link" button.
    #[must_use]
    pub fn unshareable(mut self) -> Self {
        self.shareable = false;
        self
    }

    /// Asks search engines not to index the page.
    #[must_use]
    pub fn noindex(mut self) -> Self {
        self.noindex = true;
        self
    }
}
