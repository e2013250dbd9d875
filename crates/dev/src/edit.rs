//! The edits that register a new tool: its line in the host's one list of tools (`entries()`, which gives the site
//! its pages and `devtools NAME` its subcommand), the host's dependency on it and the workspace's declaration of it. Each is a
//! pure function from a file's text to its new text, so tests check them exactly; each refuses when the tool is
//! already there instead of adding it twice.
//!
//! The manifests are edited with `toml_edit`, which keeps every comment, blank line and the order of the other
//! entries: the only change is the new entry, placed after the tools already there. The list of tools is Rust,
//! edited as text: the entry goes before the bracket that closes the `vec![…]` in the named function, found by
//! matching brackets outside comments and strings.

use crate::name::ToolName;
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, Value};

/// Why an edit cannot be made. Nothing is written when any edit fails.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EditError {
    /// The place the entry belongs is not in the file.
    #[error("{file}: cannot find {what}; add the entry by hand (README, \"Adding a tool\")")]
    NoAnchor {
        /// The file, relative to the workspace root.
        file: &'static str,
        /// What was looked for.
        what: &'static str,
    },
    /// The tool is already registered there.
    #[error("{file} already has `{found}`; the tool is registered already")]
    AlreadyThere {
        /// The file, relative to the workspace root.
        file: &'static str,
        /// The existing entry, trimmed.
        found: String,
    },
    /// A manifest is not valid TOML, so it cannot be edited safely.
    #[error("{file} is not valid TOML: {message}")]
    Toml {
        /// The file, relative to the workspace root.
        file: &'static str,
        /// The parser's message.
        message: String,
    },
}

/// How the host names internal crates: through `[workspace.dependencies]` or by path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DepStyle {
    /// `devtools-x = { workspace = true, … }`, with `devtools-x = { path = "crates/x", … }` in the root.
    Workspace,
    /// `devtools-x = { path = "../crates/x", … }`.
    Path,
}

/// The host's list of tools.
pub const TOOLS_RS: &str = "web/src/tools.rs";
/// The host's manifest.
pub const WEB_CARGO: &str = "web/Cargo.toml";
/// The workspace manifest.
pub const ROOT_CARGO: &str = "Cargo.toml";

/// The features the host turns on in every tool: its page and API, and its subcommand.
const HOST_FEATURES: [&str; 2] = ["web", "cli"];

/// Adds the tool to the host's one list, `fn entries()` in `web/src/tools.rs`:
/// `Entry::new(devtools_x::web::tool, devtools_x::cli::command),` at the end of its `vec![…]`.
pub fn register_tool(source: &str, name: &ToolName) -> Result<String, EditError> {
    let crate_ident = name.crate_ident();
    let entry = format!("Entry::new({crate_ident}::web::tool, {crate_ident}::cli::command),");
    add_entry(source, "entries", &crate_ident, &entry)
}

/// Adds `entry` as the last element of the first `vec![…]` in `fn {function}(`.
fn add_entry(
    source: &str,
    function: &'static str,
    crate_ident: &str,
    entry: &str,
) -> Result<String, EditError> {
    let no_list = EditError::NoAnchor { file: TOOLS_RS, what: list_description(function) };
    let start = find_fn(source, function).ok_or_else(|| no_list.clone())?;
    let open = source[start..].find("vec![").map(|at| start + at + "vec!".len()).ok_or(no_list)?;
    let List { close, last_code } = scan_list(source, open)
        .ok_or(EditError::NoAnchor { file: TOOLS_RS, what: "the `]` closing a list of tools" })?;
    let body = &source[open + 1..close];
    if let Some(found) = mention(body, crate_ident) {
        return Err(EditError::AlreadyThere { file: TOOLS_RS, found });
    }

    let vec_indent = indent_of(line_at(source, open));
    let entry_indent = body
        .lines()
        .rev()
        .map(str::trim_end)
        .find(|line| !line.trim().is_empty() && !line.trim_start().starts_with("//"))
        .filter(|line| line.len() > line.trim_start().len())
        .map_or_else(|| format!("{vec_indent}    "), |line| indent_of(line).to_owned());
    let close_line_start = source[..close].rfind('\n').map_or(0, |at| at + 1);
    let close_on_own_line = source[close_line_start..close].trim().is_empty();

    let mut out = String::with_capacity(source.len() + entry.len() + 16);
    match last_code {
        // A list laid out one entry per line: a new line before the closing bracket's.
        _ if close_on_own_line && close_line_start > open => {
            let comma_at = last_code.filter(|&at| source.as_bytes()[at] != b',').map(|at| at + 1);
            match comma_at {
                Some(at) => {
                    out.push_str(&source[..at]);
                    out.push(',');
                    out.push_str(&source[at..close_line_start]);
                }
                None => out.push_str(&source[..close_line_start]),
            }
            out.push_str(&format!("{entry_indent}{entry}\n"));
            out.push_str(&source[close_line_start..]);
        }
        // `vec![]`: opened onto lines of its own.
        None => {
            out.push_str(&source[..=open]);
            out.push_str(&format!("\n{entry_indent}{entry}\n{vec_indent}"));
            out.push_str(&source[close..]);
        }
        // `vec![a(), b()]`: the entry joins the line.
        Some(at) => {
            let separator = if source.as_bytes()[at] == b',' { " " } else { ", " };
            out.push_str(&source[..=at]);
            out.push_str(separator);
            out.push_str(entry);
            out.push_str(&source[at + 1..]);
        }
    }
    Ok(out)
}

fn list_description(function: &str) -> &'static str {
    match function {
        "entries" => "the `vec![` list of tools in `fn entries()`",
        _ => "a `vec![` list",
    }
}

/// Where `fn {function}(` is declared, as a whole word.
fn find_fn(source: &str, function: &str) -> Option<usize> {
    let needle = format!("fn {function}(");
    source.match_indices(&needle).map(|(at, _)| at).find(|&at| {
        source[..at].chars().next_back().is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
    })
}

/// A `vec![…]`'s closing bracket and its last character of code before it (a comma, the end of an entry), if any.
struct List {
    close: usize,
    last_code: Option<usize>,
}

/// Finds the `]` matching the `[` at `open`, skipping comments, strings and nested brackets.
fn scan_list(source: &str, open: usize) -> Option<List> {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut last_code = None;
    let mut at = open + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                at = source[at..].find('\n').map_or(bytes.len(), |end| at + end);
                continue;
            }
            b'/' if bytes.get(at + 1) == Some(&b'*') => {
                at = source[at + 2..].find("*/").map(|end| at + 2 + end + 2)?;
                continue;
            }
            b'"' => {
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                last_code = Some(at);
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                last_code = Some(at);
            }
            b']' if depth == 0 => return Some(List { close: at, last_code }),
            b')' | b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                last_code = Some(at);
            }
            byte if !byte.is_ascii_whitespace() => last_code = Some(at),
            _ => {}
        }
        at += 1;
    }
    None
}

/// The trimmed line of `body` that names the crate `crate_ident::…`, if one does (as a whole word, so
/// `devtools_http` is not found in `devtools_http_status`).
fn mention(body: &str, crate_ident: &str) -> Option<String> {
    let needle = format!("{crate_ident}::");
    body.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .find(|line| {
            line.match_indices(&needle).any(|(at, _)| {
                line[..at].chars().next_back().is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
            })
        })
        .map(|line| line.trim().to_owned())
}

fn line_at(source: &str, at: usize) -> &str {
    let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = source[at..].find('\n').map_or(source.len(), |i| at + i);
    &source[start..end]
}

fn indent_of(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

/// The version every member shares, `[workspace.package] version`, which a path dependency on a member must
/// also state for the depending crate to be publishable.
pub fn workspace_version(manifest: &str) -> Option<String> {
    let document = manifest.parse::<DocumentMut>().ok()?;
    document.get("workspace")?.get("package")?.get("version")?.as_str().map(str::to_owned)
}

/// Adds the tool, with its `web` and `cli` features, to the host's `[dependencies]`, after the other tools.
pub fn add_host_dependency(
    manifest: &str,
    name: &ToolName,
    style: DepStyle,
    version: Option<&str>,
) -> Result<String, EditError> {
    let mut document = parse(manifest, WEB_CARGO)?;
    let dependencies = document
        .get_mut("dependencies")
        .and_then(Item::as_table_mut)
        .ok_or(EditError::NoAnchor { file: WEB_CARGO, what: "a [dependencies] table" })?;
    refuse_existing(dependencies, name, WEB_CARGO)?;
    let mut entry = InlineTable::new();
    match style {
        DepStyle::Workspace => {
            entry.insert("workspace", true.into());
        }
        DepStyle::Path => {
            entry.insert("path", format!("../crates/{name}").into());
            if let Some(version) = version {
                entry.insert("version", version.into());
            }
        }
    }
    entry.insert("features", Value::Array(HOST_FEATURES.into_iter().collect::<Array>()));
    let tool = |key: &str, item: &Item| {
        key.starts_with("devtools-") && key != "devtools-kit" && {
            item.as_table_like()
                .and_then(|table| table.get("features"))
                .and_then(Item::as_array)
                .is_some_and(|features| features.iter().any(|f| f.as_str() == Some("web")))
        }
    };
    let internal = |key: &str, _: &Item| key.starts_with("devtools-");
    let at = after_last(dependencies, tool).or_else(|| after_last(dependencies, internal));
    insert_at(dependencies, at.unwrap_or(0), &name.package(), Item::Value(entry.into()));
    Ok(document.to_string())
}

/// Adds `devtools-x = { path = "crates/x", version = … }` to `[workspace.dependencies]` after the other internal
/// crates. Answers `None` when the workspace declares no internal crate there, so the host should use a path.
pub fn add_workspace_dependency(
    manifest: &str,
    name: &ToolName,
) -> Result<Option<String>, EditError> {
    let mut document = parse(manifest, ROOT_CARGO)?;
    let version = workspace_version(manifest);
    let Some(dependencies) = document
        .get_mut("workspace")
        .and_then(|workspace| workspace.get_mut("dependencies"))
        .and_then(Item::as_table_mut)
    else {
        return Ok(None);
    };
    let internal = |key: &str, item: &Item| {
        key.starts_with("devtools-")
            && item
                .as_table_like()
                .and_then(|table| table.get("path"))
                .and_then(Item::as_str)
                .is_some_and(|path| path.starts_with("crates/"))
    };
    let Some(at) = after_last(dependencies, internal) else { return Ok(None) };
    refuse_existing(dependencies, name, ROOT_CARGO)?;
    let mut entry = InlineTable::new();
    entry.insert("path", format!("crates/{name}").into());
    if let Some(version) = version {
        entry.insert("version", version.into());
    }
    insert_at(dependencies, at, &name.package(), Item::Value(entry.into()));
    Ok(Some(document.to_string()))
}

fn parse(manifest: &str, file: &'static str) -> Result<DocumentMut, EditError> {
    manifest.parse().map_err(|error: toml_edit::TomlError| EditError::Toml {
        file,
        message: error.message().to_owned(),
    })
}

fn refuse_existing(table: &Table, name: &ToolName, file: &'static str) -> Result<(), EditError> {
    let package = name.package();
    match table.get(&package) {
        Some(Item::Value(value)) => Err(EditError::AlreadyThere {
            file,
            found: format!("{package} = {}", value.to_string().trim()),
        }),
        Some(_) => Err(EditError::AlreadyThere { file, found: package }),
        None => Ok(()),
    }
}

/// The position just after the last entry of `table` that `wanted` picks.
fn after_last(table: &Table, wanted: impl Fn(&str, &Item) -> bool) -> Option<usize> {
    table
        .iter()
        .enumerate()
        .filter(|(_, (key, item))| wanted(key, item))
        .map(|(at, _)| at + 1)
        .last()
}

/// Inserts `key = item` as the `index`th entry of `table`. `toml_edit` only appends, so the entries after the
/// position are taken out and appended again after the new one, each with its own comments and formatting.
fn insert_at(table: &mut Table, index: usize, key: &str, item: Item) {
    let keys: Vec<String> = table.iter().skip(index).map(|(key, _)| key.to_owned()).collect();
    let moved: Vec<_> = keys.iter().filter_map(|key| table.remove_entry(key)).collect();
    table.insert(key, item);
    for (key, item) in moved {
        table.insert_formatted(&key, item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOOLS: &str = "//! The one list.

use devtools_kit::Tool;

/// Every tool.
#[rustfmt::skip] // one line per tool
pub fn entries() -> Vec<Entry> {
    vec![
        Entry::new(devtools_http_status::web::tool, devtools_http_status::cli::command),
        Entry::new(devtools_regex::web::tool, devtools_regex::cli::command).with_jobs(devtools_regex::web::JOBS),
    ]
}

/// Built.
pub fn all() -> Vec<Tool> {
    entries().iter().map(|entry| (entry.tool)()).collect()
}
";

    const WEB: &str = "[package]
name = \"devtools-web\"

[dependencies]
devtools-kit = { workspace = true, features = [\"web\", \"cli\"] }
devtools-http-status = { workspace = true, features = [\"web\", \"cli\"] }
devtools-regex = { workspace = true, features = [\"web\", \"cli\"] }
# The server.
axum.workspace = true

[dev-dependencies]
serde_json.workspace = true
";

    const ROOT: &str = "[workspace]
members = [\"crates/*\", \"web\"]

[workspace.package]
version = \"0.3.0\"

[workspace.dependencies]
# Internal crates, by path, declared once.
devtools-kit = { path = \"crates/core\", version = \"0.3.0\" }
devtools-regex = { path = \"crates/regex\", version = \"0.3.0\" }

# Web stack.
axum = \"0.8\"
";

    fn name(text: &str) -> ToolName {
        ToolName::parse(text).unwrap()
    }

    #[test]
    fn the_tool_is_the_last_entry_of_the_list() {
        let edited = register_tool(TOOLS, &name("word-count")).unwrap();
        let regex = "devtools_regex::web::JOBS),\n";
        assert_eq!(
            edited,
            TOOLS.replace(
                regex,
                &format!("{regex}        Entry::new(devtools_word_count::web::tool, devtools_word_count::cli::command),\n")
            )
        );
        let error = register_tool(&edited, &name("word-count")).unwrap_err();
        assert_eq!(
            error,
            EditError::AlreadyThere {
                file: TOOLS_RS,
                found:
                    "Entry::new(devtools_word_count::web::tool, devtools_word_count::cli::command),"
                        .into()
            }
        );
        // A name that merely starts like a registered one is a different tool.
        assert!(register_tool(TOOLS, &name("http")).is_ok());
    }

    #[test]
    fn an_empty_list_gets_indented_entries_in_any_layout() {
        for empty in [
            "pub fn entries() -> Vec<Entry> {\n    vec![\n    ]\n}\n",
            "pub fn entries() -> Vec<Entry> {\n    vec![]\n}\n",
        ] {
            assert_eq!(
                register_tool(empty, &name("x")).unwrap(),
                "pub fn entries() -> Vec<Entry> {\n    vec![\n        Entry::new(devtools_x::web::tool, devtools_x::cli::command),\n    ]\n}\n"
            );
        }
    }

    #[test]
    fn comments_brackets_and_a_missing_comma_do_not_confuse_the_edit() {
        let source = "pub fn entries() -> Vec<Entry> {\n    vec![\n        a(), // see [issue]\n        \
                      b(vec![1], \"]\") /* ] */\n        // devtools_x was here\n    ]\n}\n";
        assert_eq!(
            register_tool(source, &name("x")).unwrap(),
            "pub fn entries() -> Vec<Entry> {\n    vec![\n        a(), // see [issue]\n        \
             b(vec![1], \"]\"), /* ] */\n        // devtools_x was here\n        \
             Entry::new(devtools_x::web::tool, devtools_x::cli::command),\n    ]\n}\n"
        );
        let one_line = "pub fn entries() -> Vec<Entry> { vec![a(), b()] }\n";
        assert_eq!(
            register_tool(one_line, &name("x")).unwrap(),
            "pub fn entries() -> Vec<Entry> { vec![a(), b(), Entry::new(devtools_x::web::tool, devtools_x::cli::command),] }\n"
        );
    }

    #[test]
    fn a_missing_list_is_reported() {
        for source in
            ["pub fn entries() {}", "pub fn my_entries() { vec![] }", "pub fn all() { vec![] }"]
        {
            assert!(
                matches!(
                    register_tool(source, &name("x")),
                    Err(EditError::NoAnchor { file: TOOLS_RS, .. })
                ),
                "{source}"
            );
        }
        assert!(matches!(
            register_tool("fn entries() { vec![a(),\n", &name("x")),
            Err(EditError::NoAnchor { what: "the `]` closing a list of tools", .. })
        ));
    }

    #[test]
    fn the_host_depends_on_the_tool_with_its_web_and_cli_features() {
        let edited =
            add_host_dependency(WEB, &name("word-count"), DepStyle::Workspace, None).unwrap();
        assert_eq!(
            edited,
            WEB.replace(
                "# The server.",
                "devtools-word-count = { workspace = true, features = [\"web\", \"cli\"] }\n# The server."
            )
        );
        assert_eq!(
            add_host_dependency(&edited, &name("word-count"), DepStyle::Workspace, None),
            Err(EditError::AlreadyThere {
                file: WEB_CARGO,
                found: "devtools-word-count = { workspace = true, features = [\"web\", \"cli\"] }"
                    .into()
            })
        );
        let by_path = add_host_dependency(WEB, &name("x"), DepStyle::Path, Some("0.3.0")).unwrap();
        assert!(by_path.contains(
            "devtools-regex = { workspace = true, features = [\"web\", \"cli\"] }\n\
             devtools-x = { path = \"../crates/x\", version = \"0.3.0\", features = [\"web\", \"cli\"] }\n"
        ));
        assert!(matches!(
            add_host_dependency("[package]\n", &name("x"), DepStyle::Path, None),
            Err(EditError::NoAnchor { file: WEB_CARGO, .. })
        ));
        assert!(matches!(
            add_host_dependency("[dependencies\n", &name("x"), DepStyle::Path, None),
            Err(EditError::Toml { file: WEB_CARGO, .. })
        ));
        // Without other tools the dependency opens the table; dotted and table forms count as present.
        let bare = "[dependencies]\naxum.workspace = true\n";
        assert_eq!(
            add_host_dependency(bare, &name("x"), DepStyle::Workspace, None).unwrap(),
            "[dependencies]\ndevtools-x = { workspace = true, features = [\"web\", \"cli\"] }\naxum.workspace = true\n"
        );
        for present in [
            "[dependencies]\ndevtools-x.workspace = true\n",
            "[dependencies.devtools-x]\npath = \"x\"\n",
        ] {
            assert!(
                matches!(
                    add_host_dependency(present, &name("x"), DepStyle::Workspace, None),
                    Err(EditError::AlreadyThere { .. })
                ),
                "{present}"
            );
        }
    }

    #[test]
    fn the_workspace_declares_the_tool_after_the_other_internal_crates() {
        let edited = add_workspace_dependency(ROOT, &name("word-count")).unwrap().unwrap();
        assert_eq!(
            edited,
            ROOT.replace(
                "devtools-regex = { path = \"crates/regex\", version = \"0.3.0\" }\n",
                "devtools-regex = { path = \"crates/regex\", version = \"0.3.0\" }\n\
                 devtools-word-count = { path = \"crates/word-count\", version = \"0.3.0\" }\n"
            )
        );
        assert!(matches!(
            add_workspace_dependency(&edited, &name("word-count")),
            Err(EditError::AlreadyThere { file: ROOT_CARGO, .. })
        ));
        let without = "[workspace]\n\n[workspace.dependencies]\naxum = \"0.8\"\n";
        assert_eq!(add_workspace_dependency(without, &name("x")), Ok(None));
        assert_eq!(add_workspace_dependency("[workspace]\n", &name("x")), Ok(None));
        assert_eq!(workspace_version(ROOT).as_deref(), Some("0.3.0"));
        assert_eq!(workspace_version(without), None);
    }

    /// The real manifests and list: each edit adds exactly its lines and leaves every other byte as it was.
    #[test]
    fn edits_of_this_workspace_only_add_lines() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let read = |path: &str| std::fs::read_to_string(root.join(path)).unwrap();
        let name = name("word-count");
        let without = |edited: &str, added: &[&str]| {
            let mut lines: Vec<&str> = edited.split('\n').collect();
            for line in added {
                let at = lines
                    .iter()
                    .position(|l| l.trim() == *line)
                    .unwrap_or_else(|| panic!("{line}"));
                lines.remove(at);
            }
            lines.join("\n")
        };
        let manifest = read(ROOT_CARGO);
        let edited = add_workspace_dependency(&manifest, &name).unwrap().unwrap();
        let version = workspace_version(&manifest).unwrap();
        let line = format!(
            "devtools-word-count = {{ path = \"crates/word-count\", version = \"{version}\" }}"
        );
        assert_eq!(without(&edited, &[&line]), manifest);

        let manifest = read(WEB_CARGO);
        let edited = add_host_dependency(&manifest, &name, DepStyle::Workspace, None).unwrap();
        let line = "devtools-word-count = { workspace = true, features = [\"web\", \"cli\"] }";
        assert_eq!(without(&edited, &[line]), manifest);

        let tools = read(TOOLS_RS);
        let edited = register_tool(&tools, &name).unwrap();
        let line = "Entry::new(devtools_word_count::web::tool, devtools_word_count::cli::command),";
        assert_eq!(without(&edited, &[line]), tools);
    }
}
