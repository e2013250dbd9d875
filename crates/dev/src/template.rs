//! The files of a new tool crate, from the templates in `crates/dev/template/`.
//!
//! Templates mark what varies with `@name@` (the slug, `word-count`), `@package@` (`devtools-word-count`),
//! `@crate@` (`devtools_word_count`), `@title@` (`Word Count`), `@Type@` (`WordCount`, the prefix of the
//! tool's schema names in the OpenAPI document), `@kit_dependency@` and `@kit_testing_dependency@` (how the
//! crate names devtools-kit). `@` never starts a minijinja, JavaScript or Rust construct these files use, so
//! substitution cannot touch anything else.
//!
//! The snapshots of the generated handler tests are templates too, so the new crate's tests pass at once under
//! `CI=true`, where insta refuses to write a missing snapshot.

use crate::edit::DepStyle;
use crate::name::ToolName;
use std::path::PathBuf;

/// Every template: its path in the new crate (with markers) and its text.
const TEMPLATES: &[(&str, &str)] = &[
    ("Cargo.toml", include_str!("../template/Cargo.toml.in")),
    ("README.md", include_str!("../template/README.md.in")),
    ("src/lib.rs", include_str!("../template/lib.rs.in")),
    ("src/answer.rs", include_str!("../template/answer.rs.in")),
    ("src/web.rs", include_str!("../template/web.rs.in")),
    ("src/web/tests.rs", include_str!("../template/web_tests.rs.in")),
    ("src/cli.rs", include_str!("../template/cli.rs.in")),
    ("templates/@name@/index.html", include_str!("../template/index.html.in")),
    ("templates/@name@/result.html", include_str!("../template/result.html.in")),
    ("static/@name@.js", include_str!("../template/tool.js.in")),
    (
        "src/web/snapshots/@crate@__web__tests__counted_page.snap",
        include_str!("../template/snapshots/counted_page.snap.in"),
    ),
    (
        "src/web/snapshots/@crate@__web__tests__counts_fragment.snap",
        include_str!("../template/snapshots/counts_fragment.snap.in"),
    ),
    (
        "src/web/snapshots/@crate@__web__tests__api_answer.snap",
        include_str!("../template/snapshots/api_answer.snap.in"),
    ),
];

/// One file to create, its path relative to the workspace root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Where it goes, e.g. `crates/word-count/src/lib.rs`.
    pub path: PathBuf,
    /// Its content.
    pub text: String,
}

/// Every file of the new crate `crates/{name}`. `version` is the workspace's, which a path dependency on
/// devtools-kit states when the workspace declares no internal crates.
pub fn files(name: &ToolName, style: DepStyle, version: Option<&str>) -> Vec<File> {
    let (kit, kit_testing) = match style {
        DepStyle::Workspace => (
            "devtools-kit.workspace = true".to_owned(),
            "devtools-kit = { workspace = true, features = [\"testing\"] }".to_owned(),
        ),
        DepStyle::Path => (
            match version {
                Some(version) => {
                    format!("devtools-kit = {{ path = \"../core\", version = \"{version}\" }}")
                }
                None => "devtools-kit = { path = \"../core\" }".to_owned(),
            },
            "devtools-kit = { path = \"../core\", features = [\"testing\"] }".to_owned(),
        ),
    };
    let fill = |template: &str| {
        template
            .replace("@name@", name.as_str())
            .replace("@package@", &name.package())
            .replace("@crate@", &name.crate_ident())
            .replace("@title@", &name.title())
            .replace("@Type@", &name.type_prefix())
            .replace("@kit_dependency@", &kit)
            .replace("@kit_testing_dependency@", &kit_testing)
    };
    let dir = PathBuf::from("crates").join(name.as_str());
    TEMPLATES
        .iter()
        .map(|(path, template)| File { path: dir.join(fill(path)), text: fill(template) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARKERS: [&str; 7] = [
        "@name@",
        "@package@",
        "@crate@",
        "@title@",
        "@Type@",
        "@kit_dependency@",
        "@kit_testing_dependency@",
    ];

    fn name(text: &str) -> ToolName {
        ToolName::parse(text).unwrap()
    }

    #[test]
    fn every_marker_is_filled() {
        for style in [DepStyle::Workspace, DepStyle::Path] {
            for file in files(&name("word-count"), style, Some("0.1.0")) {
                for marker in MARKERS {
                    let path = file.path.to_string_lossy();
                    assert!(!path.contains(marker), "{path} keeps {marker}");
                    assert!(!file.text.contains(marker), "{path} keeps {marker}");
                }
                // A misspelt marker (`@Name@`) would survive the substitution.
                assert!(!file.text.contains('@'), "{}", file.path.display());
            }
        }
    }

    #[test]
    fn the_crate_has_an_answer_a_page_an_api_a_subcommand_and_their_tests() {
        let files = files(&name("word-count"), DepStyle::Workspace, Some("0.1.0"));
        let paths: Vec<String> =
            files.iter().map(|file| file.path.to_string_lossy().replace('\\', "/")).collect();
        assert_eq!(
            paths,
            [
                "crates/word-count/Cargo.toml",
                "crates/word-count/README.md",
                "crates/word-count/src/lib.rs",
                "crates/word-count/src/answer.rs",
                "crates/word-count/src/web.rs",
                "crates/word-count/src/web/tests.rs",
                "crates/word-count/src/cli.rs",
                "crates/word-count/templates/word-count/index.html",
                "crates/word-count/templates/word-count/result.html",
                "crates/word-count/static/word-count.js",
                "crates/word-count/src/web/snapshots/devtools_word_count__web__tests__counted_page.snap",
                "crates/word-count/src/web/snapshots/devtools_word_count__web__tests__counts_fragment.snap",
                "crates/word-count/src/web/snapshots/devtools_word_count__web__tests__api_answer.snap",
            ]
        );
        let text = |end: &str| &files.iter().find(|f| f.path.ends_with(end)).unwrap().text;
        let manifest = text("Cargo.toml");
        assert!(manifest.contains("name = \"devtools-word-count\""));
        assert!(manifest.contains("readme = \"README.md\""));
        let feature = |name: &str| {
            manifest.lines().find(|line| line.starts_with(&format!("{name} = ["))).unwrap()
        };
        assert!(feature("web").contains("\"devtools-kit/web\""), "{}", feature("web"));
        assert_eq!(feature("cli"), "cli = [\"devtools-kit/cli\", \"dep:clap\"]");
        // The kit is always there (the answer's error type), without features: the light part.
        assert!(manifest.contains("\ndevtools-kit.workspace = true\n"), "{manifest}");
        assert!(manifest.contains("devtools-kit = { workspace = true, features = [\"testing\"] }"));

        assert!(text("lib.rs").contains("//! use devtools_word_count::{Request, Stats, answer};"));
        assert!(text("lib.rs").contains("//! # Crate features"));
        assert!(text("lib.rs").contains("slug: \"word-count\",\n    name: \"Word Count\","));
        assert!(text("answer.rs").contains("schema(as = WordCountStats)"));
        assert!(text("answer.rs").contains("schema(as = WordCountRequest)"));
        assert!(
            text("answer.rs")
                .contains("pub fn answer(request: &Request) -> Result<Stats, AnswerError>")
        );
        assert!(text("web.rs").contains(".route(\"/api/word-count\", post(api))"));
        assert!(text("web.rs").contains(".cli([META.slug, request.text.as_str()])"));
        assert!(text("cli.rs").contains("Command::new::<Args>(\"word-count\", "));
        assert!(text("index.html").starts_with("{% extends \"core/base.html\" %}"));
        assert!(text("index.html").contains("action=\"{{ base }}/word-count\""));
        assert!(text("index.html").contains("{% include \"word-count/result.html\" %}"));
        assert!(text("word-count.js").contains("window.devtoolsLive(form, result)"));
        assert!(text("README.md").contains("use devtools_word_count::{Request, Stats, answer};"));

        let by_path = super::files(&name("x"), DepStyle::Path, Some("0.3.0"));
        assert!(
            by_path[0].text.contains("devtools-kit = { path = \"../core\", version = \"0.3.0\" }")
        );
        assert!(
            by_path[0]
                .text
                .contains("devtools-kit = { path = \"../core\", features = [\"testing\"] }")
        );
    }

    #[test]
    fn the_readme_and_the_crate_docs_show_the_same_example() {
        let files = files(&name("word-count"), DepStyle::Workspace, None);
        let text = |end: &str| &files.iter().find(|f| f.path.ends_with(end)).unwrap().text;
        let code = |text: &str| -> Vec<String> {
            let mut lines = text.lines().skip_while(|line| !line.ends_with("```rust"));
            lines.next();
            lines.take_while(|line| *line != "```").map(str::to_owned).collect()
        };
        let docs: String = text("lib.rs")
            .lines()
            .filter_map(|line| line.strip_prefix("//!"))
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n")
            .replacen("```\n", "```rust\n", 1);
        assert_eq!(code(&docs), code(text("README.md")));
        assert!(!code(&docs).is_empty());
    }

    #[test]
    fn templates_have_no_inline_code() {
        for (path, html) in TEMPLATES.iter().filter(|(path, _)| path.ends_with(".html")) {
            assert!(!html.contains("style=") && !html.contains("<style"), "{path}");
            for (at, _) in html.match_indices("<script") {
                assert!(html[at..].split('>').next().unwrap().contains(" src="), "{path}");
            }
        }
    }
}
