//! What the workspace already has: its root, its packages and the slugs its tools claim.

use std::fs;
use std::path::{Path, PathBuf};
use toml_edit::DocumentMut;

/// Why the workspace could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WorkspaceError {
    /// No `Cargo.toml` with a `[workspace]` table in this folder or above it.
    #[error("no Cargo workspace at or above {0}; run this inside the devtools checkout")]
    NotFound(PathBuf),
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A manifest is not valid TOML.
    #[error("{path} is not valid TOML: {message}")]
    Toml {
        /// The manifest.
        path: PathBuf,
        /// The parser's message.
        message: String,
    },
}

/// Reads a file, naming it in the error.
pub fn read(path: &Path) -> Result<String, WorkspaceError> {
    fs::read_to_string(path)
        .map_err(|source| WorkspaceError::Read { path: path.to_owned(), source })
}

fn manifest(path: &Path) -> Result<DocumentMut, WorkspaceError> {
    read(path)?.parse::<DocumentMut>().map_err(|error| WorkspaceError::Toml {
        path: path.to_owned(),
        message: error.message().to_owned(),
    })
}

/// The workspace root: the nearest folder from `start` upwards whose `Cargo.toml` has a `[workspace]` table.
pub fn find_root(start: &Path) -> Result<PathBuf, WorkspaceError> {
    for dir in start.ancestors() {
        let path = dir.join("Cargo.toml");
        if path.is_file() && manifest(&path)?.contains_key("workspace") {
            return Ok(dir.to_owned());
        }
    }
    Err(WorkspaceError::NotFound(start.to_owned()))
}

/// The folders of the workspace members, with `dir/*` patterns expanded.
pub fn members(root: &Path) -> Result<Vec<PathBuf>, WorkspaceError> {
    let table = manifest(&root.join("Cargo.toml"))?;
    let patterns = table
        .get("workspace")
        .and_then(|workspace| workspace.get("members"))
        .and_then(|members| members.as_array())
        .map(|members| members.iter().filter_map(|m| m.as_str()).collect::<Vec<_>>())
        .unwrap_or_default();
    let mut dirs = Vec::new();
    for pattern in patterns {
        match pattern.strip_suffix("/*") {
            Some(parent) => {
                let parent = root.join(parent);
                let entries = fs::read_dir(&parent)
                    .map_err(|source| WorkspaceError::Read { path: parent.clone(), source })?;
                let mut found: Vec<PathBuf> = entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.path())
                    .filter(|path| path.join("Cargo.toml").is_file())
                    .collect();
                found.sort();
                dirs.extend(found);
            }
            None => dirs.push(root.join(pattern)),
        }
    }
    Ok(dirs)
}

/// What a new tool must not collide with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Taken {
    /// Package names of every member, e.g. `devtools-cron`.
    pub packages: Vec<String>,
    /// Slugs declared by members' sources (`slug: "cron"` in `src/lib.rs`, `src/web.rs`, ...).
    pub slugs: Vec<String>,
}

/// The package names and tool slugs of every member.
pub fn taken(root: &Path) -> Result<Taken, WorkspaceError> {
    let mut taken = Taken::default();
    for dir in members(root)? {
        let table = manifest(&dir.join("Cargo.toml"))?;
        if let Some(name) =
            table.get("package").and_then(|package| package.get("name")).and_then(|n| n.as_str())
        {
            taken.packages.push(name.to_owned());
        }
        taken.slugs.extend(slugs_of(&dir.join("src"))?);
    }
    Ok(taken)
}

/// The slugs declared in the Rust files directly in `src` (where a tool's `META` is: the crate root, or its
/// `web` module in older tools), in file name order.
fn slugs_of(src: &Path) -> Result<Vec<String>, WorkspaceError> {
    let Ok(entries) = fs::read_dir(src) else { return Ok(Vec::new()) };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs") && path.is_file())
        .collect();
    files.sort();
    let mut slugs = Vec::new();
    for file in files {
        slugs.extend(slugs_in(&read(&file)?));
    }
    Ok(slugs)
}

/// The string literals assigned to `slug:` in Rust source.
fn slugs_in(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|line| line.trim().strip_prefix("slug: \""))
        .filter_map(|rest| rest.split_once('"').map(|(slug, _)| slug.to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_read_from_tool_meta() {
        let source =
            "pub const META: ToolMeta = ToolMeta {\n    slug: \"http-status\",\n    name: \"x\",";
        assert_eq!(slugs_in(source), ["http-status"]);
        assert!(slugs_in("let slug = \"no\";").is_empty());
    }

    #[test]
    fn this_workspace_is_found_with_its_tools() {
        let root = find_root(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        assert!(root.join("crates/dev").is_dir());
        let taken = taken(&root).unwrap();
        for package in ["devtools-kit", "devtools-web", "devtools-dev", "devtools-cron"] {
            assert!(taken.packages.iter().any(|p| p == package), "{package} in {taken:?}");
        }
        for slug in ["http-status", "cron", "jwt", "regex", "color"] {
            assert!(taken.slugs.iter().any(|s| s == slug), "{slug} in {taken:?}");
        }
    }

    #[test]
    fn a_folder_without_a_workspace_is_refused() {
        let error = find_root(Path::new("/")).unwrap_err();
        assert!(matches!(error, WorkspaceError::NotFound(_)), "{error}");
    }
}
