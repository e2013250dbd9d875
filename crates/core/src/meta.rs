//! Tool descriptors and the registry the host builds from them.

use serde::Serialize;

/// What the site knows about one tool: enough to list it, link to it, search for it and relate it to others.
///
/// Every tool crate exports one of these as `web::META`; the host's list of tools is the only place tools are
/// registered, and navigation, the home page and every "related tools" block are computed from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ToolMeta {
    /// URL segment and identifier, e.g. `cron`; the tool's page lives at `/{slug}`.
    pub slug: &'static str,
    /// Human name, e.g. `Cron Expression Generator`.
    pub name: &'static str,
    /// One line saying what the tool does.
    pub summary: &'static str,
    /// A short monospace label shown on cards, e.g. `jwt` or `rx`.
    pub label: &'static str,
    /// Slugs of tools worth visiting next; unregistered ones are skipped when rendering.
    pub related: &'static [&'static str],
    /// Extra words people search for (`crontab`, `bearer`, `hex`).
    pub keywords: &'static [&'static str],
}

impl ToolMeta {
    /// The path of the tool's page.
    pub fn href(&self) -> String {
        format!("/{}", self.slug)
    }
}

/// A tool as rendered in navigation, cards and related-tools blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToolLink {
    /// Slug of the tool.
    pub slug: &'static str,
    /// Human name.
    pub name: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// Short label.
    pub label: &'static str,
    /// Link to the tool's page.
    pub href: String,
}

impl From<&ToolMeta> for ToolLink {
    fn from(meta: &ToolMeta) -> Self {
        ToolLink {
            slug: meta.slug,
            name: meta.name,
            summary: meta.summary,
            label: meta.label,
            href: meta.href(),
        }
    }
}

/// Why a list of tools cannot be registered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegistryError {
    /// Two tools claim the same slug.
    DuplicateSlug(&'static str),
    /// A slug is empty or not a lowercase URL segment.
    InvalidSlug(&'static str),
}

impl std::fmt::Display for RegistryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RegistryError::DuplicateSlug(slug) => {
                write!(f, "tool slug {slug:?} is registered twice")
            }
            RegistryError::InvalidSlug(slug) => {
                write!(f, "tool slug {slug:?} must be lowercase letters, digits and dashes")
            }
        }
    }
}

impl std::error::Error for RegistryError {}

/// The registered tools, in the order the host lists them.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    tools: Vec<ToolMeta>,
}

impl Registry {
    /// Builds a registry, refusing duplicate or malformed slugs.
    pub fn new(tools: impl IntoIterator<Item = ToolMeta>) -> Result<Self, RegistryError> {
        let tools: Vec<ToolMeta> = tools.into_iter().collect();
        for (i, tool) in tools.iter().enumerate() {
            let valid = !tool.slug.is_empty()
                && tool
                    .slug
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !valid {
                return Err(RegistryError::InvalidSlug(tool.slug));
            }
            if tools[..i].iter().any(|other| other.slug == tool.slug) {
                return Err(RegistryError::DuplicateSlug(tool.slug));
            }
        }
        Ok(Registry { tools })
    }

    /// Every registered tool, in registration order.
    pub fn tools(&self) -> &[ToolMeta] {
        &self.tools
    }

    /// The tool with this slug, if registered.
    pub fn get(&self, slug: &str) -> Option<&ToolMeta> {
        self.tools.iter().find(|tool| tool.slug == slug)
    }

    /// Links for the header navigation and the home page cards.
    pub fn links(&self) -> Vec<ToolLink> {
        self.tools.iter().map(ToolLink::from).collect()
    }

    /// The "related tools" block of a tool's pages: its declared related tools that are registered, in the declared
    /// order. An unknown slug gives an empty block.
    pub fn related(&self, slug: &str) -> Vec<ToolLink> {
        let Some(tool) = self.get(slug) else { return Vec::new() };
        tool.related.iter().filter_map(|related| self.get(related)).map(ToolLink::from).collect()
    }

    /// Related slugs that name no registered tool, as `(tool, missing)` pairs; the host's tests keep this empty.
    pub fn dangling_related(&self) -> Vec<(&'static str, &'static str)> {
        self.tools
            .iter()
            .flat_map(|tool| tool.related.iter().map(move |related| (tool.slug, *related)))
            .filter(|(_, related)| self.get(related).is_none())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn tool(slug: &'static str, related: &'static [&'static str]) -> ToolMeta {
        ToolMeta { slug, name: "Name", summary: "Summary.", label: "x", related, keywords: &[] }
    }

    #[test]
    fn related_skips_unregistered_tools_and_keeps_order() {
        let registry =
            Registry::new([tool("a", &["c", "missing", "b"]), tool("b", &[]), tool("c", &["a"])])
                .unwrap();
        let related: Vec<_> = registry.related("a").into_iter().map(|link| link.slug).collect();
        assert_eq!(related, ["c", "b"]);
        assert_eq!(registry.dangling_related(), [("a", "missing")]);
        assert!(registry.related("nope").is_empty());
    }

    #[test]
    fn duplicate_and_invalid_slugs_are_refused() {
        assert_eq!(
            Registry::new([tool("a", &[]), tool("a", &[])]).unwrap_err(),
            RegistryError::DuplicateSlug("a")
        );
        assert_eq!(
            Registry::new([tool("A b", &[])]).unwrap_err(),
            RegistryError::InvalidSlug("A b")
        );
        assert_eq!(Registry::new([tool("", &[])]).unwrap_err(), RegistryError::InvalidSlug(""));
    }

    #[test]
    fn links_point_at_the_tool_page() {
        let registry = Registry::new([tool("cron", &[])]).unwrap();
        assert_eq!(registry.links()[0].href, "/cron");
    }
}
