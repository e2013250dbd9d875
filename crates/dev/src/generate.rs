//! `new-tool NAME`: checks the name against the workspace, then writes the crate and registers it (three files
//! edited: the workspace's dependencies, the host's, and the host's two lists of tools).
//!
//! Every check and every edit is computed before the first write, so a refusal leaves the workspace untouched.

use crate::edit::{self, DepStyle, EditError};
use crate::name::{NameError, ToolName};
use crate::template;
use crate::workspace::{self, WorkspaceError};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why no tool was generated.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GenerateError {
    /// The name is malformed or reserved.
    #[error(transparent)]
    Name(#[from] NameError),
    /// The workspace could not be read.
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    /// A registration line cannot be added.
    #[error(transparent)]
    Edit(#[from] EditError),
    /// `crates/NAME` exists.
    #[error("crates/{0} already exists; pick another name or remove that folder first")]
    FolderExists(String),
    /// A member already has the package name.
    #[error("the workspace already has a package named `{0}`; pick another name")]
    PackageTaken(String),
    /// A registered tool already has the slug.
    #[error("a tool already uses the slug `{0}` (its page is /{0}); pick another name")]
    SlugTaken(String),
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// What was written, relative to the workspace root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The validated name.
    pub name: ToolName,
    /// Files created.
    pub created: Vec<PathBuf>,
    /// Files edited.
    pub edited: Vec<&'static str>,
}

/// Generates `crates/NAME` in the workspace at `root` and registers it with the host.
pub fn new_tool(root: &Path, name: &str) -> Result<Generated, GenerateError> {
    let name = ToolName::parse(name)?;
    if root.join("crates").join(name.as_str()).exists() {
        return Err(GenerateError::FolderExists(name.to_string()));
    }
    let taken = workspace::taken(root)?;
    if taken.packages.contains(&name.package()) {
        return Err(GenerateError::PackageTaken(name.package()));
    }
    if taken.slugs.iter().any(|slug| slug == name.as_str()) {
        return Err(GenerateError::SlugTaken(name.to_string()));
    }

    let root_manifest = workspace::read(&root.join(edit::ROOT_CARGO))?;
    let version = edit::workspace_version(&root_manifest);
    let (style, root_manifest) = match edit::add_workspace_dependency(&root_manifest, &name)? {
        Some(edited) => (DepStyle::Workspace, Some(edited)),
        None => (DepStyle::Path, None),
    };
    let web_manifest = workspace::read(&root.join(edit::WEB_CARGO))?;
    let web_manifest = edit::add_host_dependency(&web_manifest, &name, style, version.as_deref())?;
    let tools = edit::register_tool(&workspace::read(&root.join(edit::TOOLS_RS))?, &name)?;
    let files = template::files(&name, style, version.as_deref());

    let mut created = Vec::with_capacity(files.len());
    for file in files {
        create(&root.join(&file.path), &file.text)?;
        created.push(file.path);
    }
    let mut edited = Vec::with_capacity(3);
    for (path, text) in [
        (edit::ROOT_CARGO, root_manifest),
        (edit::WEB_CARGO, Some(web_manifest)),
        (edit::TOOLS_RS, Some(tools)),
    ] {
        if let Some(text) = text {
            let full = root.join(path);
            fs::write(&full, text).map_err(|source| GenerateError::Write { path: full, source })?;
            edited.push(path);
        }
    }
    Ok(Generated { name, created, edited })
}

/// Writes a new file, never replacing an existing one.
fn create(path: &Path, text: &str) -> Result<(), GenerateError> {
    let fail = |source| GenerateError::Write { path: path.to_owned(), source };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(fail)?;
    }
    let mut file = fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(fail)?;
    file.write_all(text.as_bytes()).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A throwaway workspace shaped like this one: two tools, the host and its list.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(label: &str) -> Scratch {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos();
            let dir = std::env::temp_dir()
                .join(format!("devtools-dev-{label}-{}-{nanos}", std::process::id()));
            let write = |path: &str, text: &str| {
                let path = dir.join(path);
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(path, text).unwrap();
            };
            write(
                "Cargo.toml",
                "[workspace]\nmembers = [\"crates/*\", \"web\"]\n\n[workspace.package]\nversion = \"0.2.0\"\n\n\
                 [workspace.dependencies]\n\
                 devtools-kit = { path = \"crates/core\", version = \"0.2.0\" }\n\
                 devtools-cron = { path = \"crates/cron\", version = \"0.2.0\" }\n\n\
                 serde = \"1\"\n",
            );
            write("crates/core/Cargo.toml", "[package]\nname = \"devtools-kit\"\n");
            write("crates/cron/Cargo.toml", "[package]\nname = \"devtools-cron\"\n");
            write(
                "crates/cron/src/lib.rs",
                "pub const META: ToolMeta = ToolMeta {\n    slug: \"crontab\",\n};\n",
            );
            write(
                "web/Cargo.toml",
                "[package]\nname = \"devtools-web\"\n\n[dependencies]\n\
                 devtools-cron = { workspace = true, features = [\"web\", \"cli\"] }\naxum = \"0.8\"\n",
            );
            write(
                "web/src/tools.rs",
                "#[rustfmt::skip]\npub fn entries() -> Vec<Entry> {\n    vec![\n        \
                 Entry::new(devtools_cron::web::tool, devtools_cron::cli::command),\n    ]\n}\n",
            );
            Scratch(dir)
        }

        fn read(&self, path: &str) -> String {
            fs::read_to_string(self.0.join(path)).unwrap()
        }

        /// Every file's path and content, to show that a refusal changed nothing.
        fn snapshot(&self) -> Vec<(PathBuf, String)> {
            fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
                let mut entries: Vec<_> =
                    fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
                entries.sort();
                for path in entries {
                    if path.is_dir() {
                        walk(&path, out);
                    } else {
                        let text = fs::read_to_string(&path).unwrap();
                        out.push((path, text));
                    }
                }
            }
            let mut out = Vec::new();
            walk(&self.0, &mut out);
            out
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn generates_the_crate_and_registers_it() {
        let scratch = Scratch::new("ok");
        let generated = new_tool(&scratch.0, "word-count").unwrap();
        assert_eq!(generated.edited, [edit::ROOT_CARGO, edit::WEB_CARGO, edit::TOOLS_RS]);
        assert_eq!(generated.created.len(), 13);
        for path in &generated.created {
            assert!(path.starts_with("crates/word-count"), "{}", path.display());
            assert!(scratch.0.join(path).is_file(), "{}", path.display());
        }
        assert!(scratch.read("Cargo.toml").contains(
            "devtools-cron = { path = \"crates/cron\", version = \"0.2.0\" }\n\
             devtools-word-count = { path = \"crates/word-count\", version = \"0.2.0\" }\n\n"
        ));
        assert!(scratch.read("web/Cargo.toml").contains(
            "devtools-word-count = { workspace = true, features = [\"web\", \"cli\"] }\naxum"
        ));
        let tools = scratch.read("web/src/tools.rs");
        assert!(tools.contains(
            "devtools_cron::cli::command),\n        \
             Entry::new(devtools_word_count::web::tool, devtools_word_count::cli::command),\n    ]"
        ));
        assert!(scratch.read("crates/word-count/src/lib.rs").contains("slug: \"word-count\""));
        // The new tool's slug is taken now, found where its `META` is.
        assert!(workspace::taken(&scratch.0).unwrap().slugs.contains(&"word-count".to_owned()));
    }

    #[test]
    fn generating_twice_refuses_and_changes_nothing() {
        let scratch = Scratch::new("twice");
        new_tool(&scratch.0, "word-count").unwrap();
        let before = scratch.snapshot();
        let error = new_tool(&scratch.0, "word-count").unwrap_err();
        assert!(matches!(error, GenerateError::FolderExists(_)), "{error}");
        assert_eq!(
            error.to_string(),
            "crates/word-count already exists; pick another name or remove that folder first"
        );

        // With the folder gone but the registration left behind, the edits refuse before anything is written.
        fs::remove_dir_all(scratch.0.join("crates/word-count")).unwrap();
        let before_edits = scratch.snapshot();
        let error = new_tool(&scratch.0, "word-count").unwrap_err();
        assert!(matches!(error, GenerateError::Edit(EditError::AlreadyThere { .. })), "{error}");
        assert_eq!(scratch.snapshot(), before_edits);
        assert_ne!(before, before_edits);
    }

    #[test]
    fn existing_packages_slugs_and_bad_names_are_refused_untouched() {
        let scratch = Scratch::new("taken");
        let before = scratch.snapshot();
        let refusals = [
            (
                "crontab",
                "a tool already uses the slug `crontab` (its page is /crontab); pick another name",
            ),
            (
                "core",
                "`core` is reserved (the site or the workspace uses it already); pick another name",
            ),
            (
                "Bad Name",
                "`Bad Name` has 'B' at position 0; use lowercase letters, digits and dashes, e.g. `word-count`",
            ),
        ];
        for (name, message) in refusals {
            assert_eq!(new_tool(&scratch.0, name).unwrap_err().to_string(), message);
        }
        // A package whose folder differs from its name.
        fs::rename(scratch.0.join("crates/cron"), scratch.0.join("crates/schedule")).unwrap();
        let error = new_tool(&scratch.0, "cron").unwrap_err();
        assert!(
            matches!(error, GenerateError::PackageTaken(ref p) if p == "devtools-cron"),
            "{error}"
        );
        fs::rename(scratch.0.join("crates/schedule"), scratch.0.join("crates/cron")).unwrap();
        assert_eq!(scratch.snapshot(), before);
    }

    #[test]
    fn without_workspace_dependencies_the_host_uses_a_path() {
        let scratch = Scratch::new("path");
        let root = scratch
            .read("Cargo.toml")
            .replace("devtools-kit = { path = \"crates/core\", version = \"0.2.0\" }\n", "")
            .replace("devtools-cron = { path = \"crates/cron\", version = \"0.2.0\" }\n", "");
        fs::write(scratch.0.join("Cargo.toml"), &root).unwrap();
        let generated = new_tool(&scratch.0, "x").unwrap();
        assert_eq!(generated.edited, [edit::WEB_CARGO, edit::TOOLS_RS]);
        assert_eq!(scratch.read("Cargo.toml"), root);
        assert!(scratch.read("web/Cargo.toml").contains(
            "devtools-x = { path = \"../crates/x\", version = \"0.2.0\", features = [\"web\", \"cli\"] }"
        ));
        assert!(
            scratch
                .read("crates/x/Cargo.toml")
                .contains("devtools-kit = { path = \"../core\", version = \"0.2.0\" }")
        );
    }
}
