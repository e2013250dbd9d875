//! The files of a new tool crate, from the templates in `crates/dev/template/`.
//!
//! Templates mark what varies with `@name@` (the slug, `word-count`), `@package@` (`devtools-word-count`),
//! `@crate@` (`devtools_word_count`), `@title@` (`Word Count`) and `@core_dependency@` (how the crate names
//! devtools-kit). `@` never starts a minijinja or Rust construct these files use, so substitution cannot
//! touch anything else.

use crate::edit::DepStyle;
use crate::name::ToolName;
use std::path::PathBuf;

const CARGO_TOML: &str = include_str!("../template/Cargo.toml.in");
const LIB_RS: &str = include_str!("../template/lib.rs.in");
const WEB_RS: &str = include_str!("../template/web.rs.in");
const WEB_TESTS_RS: &str = include_str!("../template/web_tests.rs.in");
const INDEX_HTML: &str = include_str!("../template/index.html.in");

/// One file to create, its path relative to the workspace root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Where it goes, e.g. `crates/word-count/src/lib.rs`.
    pub path: PathBuf,
    /// Its content.
    pub text: String,
}

/// Every file of the new crate `crates/{name}`.
pub fn files(name: &ToolName, style: DepStyle) -> Vec<File> {
    let core = match style {
        DepStyle::Workspace => "devtools-kit = { workspace = true, optional = true }",
        DepStyle::Path => "devtools-kit = { path = \"../core\", optional = true }",
    };
    let fill = |template: &str| {
        template
            .replace("@name@", name.as_str())
            .replace("@package@", &name.package())
            .replace("@crate@", &name.crate_ident())
            .replace("@title@", &name.title())
            .replace("@core_dependency@", core)
    };
    let dir = PathBuf::from("crates").join(name.as_str());
    [
        ("Cargo.toml".into(), CARGO_TOML),
        (PathBuf::from("src/lib.rs"), LIB_RS),
        (PathBuf::from("src/web.rs"), WEB_RS),
        (PathBuf::from("src/web/tests.rs"), WEB_TESTS_RS),
        (PathBuf::from("templates").join(name.as_str()).join("index.html"), INDEX_HTML),
    ]
    .into_iter()
    .map(|(path, template)| File { path: dir.join(path), text: fill(template) })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str) -> ToolName {
        ToolName::parse(text).unwrap()
    }

    #[test]
    fn every_marker_is_filled() {
        for style in [DepStyle::Workspace, DepStyle::Path] {
            for file in files(&name("word-count"), style) {
                for marker in ["@name@", "@package@", "@crate@", "@title@", "@core_dependency@"] {
                    assert!(!file.text.contains(marker), "{} keeps {marker}", file.path.display());
                }
            }
        }
    }

    #[test]
    fn the_crate_has_a_manifest_a_library_a_web_module_tests_and_a_page() {
        let files = files(&name("word-count"), DepStyle::Workspace);
        let paths: Vec<String> =
            files.iter().map(|file| file.path.to_string_lossy().replace('\\', "/")).collect();
        assert_eq!(
            paths,
            [
                "crates/word-count/Cargo.toml",
                "crates/word-count/src/lib.rs",
                "crates/word-count/src/web.rs",
                "crates/word-count/src/web/tests.rs",
                "crates/word-count/templates/word-count/index.html",
            ]
        );
        let text = |end: &str| &files.iter().find(|f| f.path.ends_with(end)).unwrap().text;
        assert!(text("Cargo.toml").contains("name = \"devtools-word-count\""));
        let web = text("Cargo.toml").lines().find(|line| line.starts_with("web = [")).unwrap();
        assert!(web.contains("\"dep:axum\"") && web.contains("\"dep:devtools-kit\""), "{web}");
        assert!(
            text("Cargo.toml").contains("devtools-kit = { workspace = true, optional = true }")
        );
        assert!(text("lib.rs").contains("//! let stats = devtools_word_count::stats("));
        assert!(text("lib.rs").contains("//! # Crate features"));
        assert!(text("web.rs").contains("slug: \"word-count\",\n    name: \"Word Count\","));
        assert!(text("web.rs").contains(".route(\"/api/word-count\", post(api))"));
        assert!(text("index.html").starts_with("{% extends \"core/base.html\" %}"));
        assert!(text("index.html").contains("action=\"/word-count\""));
        let by_path = super::files(&name("x"), DepStyle::Path);
        assert!(by_path[0].text.contains("devtools-kit = { path = \"../core\", optional = true }"));
    }

    #[test]
    fn templates_have_no_inline_code() {
        let html = INDEX_HTML;
        assert!(!html.contains("style=") && !html.contains("<style") && !html.contains("<script"));
    }
}
