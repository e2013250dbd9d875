//! The three one-line edits that register a new tool: the host's list of tools, the host's dependency and the
//! workspace dependency. Each is a pure function from a file's text to its new text, so tests check them
//! exactly; each refuses when the line is already there instead of adding it twice.

use crate::name::ToolName;

/// Why an edit cannot be made. Nothing is written when any edit fails.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EditError {
    /// The place the line belongs is not in the file.
    #[error("{file}: cannot find {what}; add the line by hand (README, \"Adding a tool\")")]
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
        /// The existing line, trimmed.
        found: String,
    },
}

/// How the host names internal crates: through `[workspace.dependencies]` or by path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DepStyle {
    /// `devtools-x = { workspace = true, … }`, with `devtools-x = { path = "crates/x" }` in the root.
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

/// Adds `devtools_x::web::tool(),` as the last entry of the `vec![…]` in `fn all()`.
pub fn register_tool(source: &str, name: &ToolName) -> Result<String, EditError> {
    let entry = format!("{}::web::tool(),", name.crate_ident());
    let lines: Vec<&str> = source.split('\n').collect();
    let all = lines.iter().position(|line| line.contains("fn all(")).unwrap_or(0);
    let open = lines[all..]
        .iter()
        .position(|line| line.trim_end().ends_with("vec!["))
        .map(|i| i + all)
        .ok_or(EditError::NoAnchor { file: TOOLS_RS, what: "the `vec![` list of tools" })?;
    let close = lines[open + 1..]
        .iter()
        .position(|line| line.trim_start().starts_with(']'))
        .map(|i| i + open + 1)
        .ok_or(EditError::NoAnchor { file: TOOLS_RS, what: "the `]` closing the list of tools" })?;
    let prefix = format!("{}::", name.crate_ident());
    if let Some(found) = lines[open + 1..close].iter().find(|line| line.trim().starts_with(&prefix))
    {
        return Err(EditError::AlreadyThere { file: TOOLS_RS, found: found.trim().to_owned() });
    }
    let indent = match lines[open + 1..close].iter().rev().find(|line| !line.trim().is_empty()) {
        Some(last) => last[..last.len() - last.trim_start().len()].to_owned(),
        None => {
            format!("{}    ", &lines[open][..lines[open].len() - lines[open].trim_start().len()])
        }
    };
    let line = format!("{indent}{entry}");
    Ok(insert_line(&lines, close, &line))
}

/// Adds the tool, with its `web` feature, to the host's `[dependencies]`, after the other tools.
pub fn add_host_dependency(
    manifest: &str,
    name: &ToolName,
    style: DepStyle,
) -> Result<String, EditError> {
    let line = match style {
        DepStyle::Workspace => {
            format!("{} = {{ workspace = true, features = [\"web\"] }}", name.package())
        }
        DepStyle::Path => {
            format!("{} = {{ path = \"../crates/{name}\", features = [\"web\"] }}", name.package())
        }
    };
    let lines: Vec<&str> = manifest.split('\n').collect();
    refuse_existing(&lines, name, WEB_CARGO)?;
    let (start, end) = section(&lines, "[dependencies]")
        .ok_or(EditError::NoAnchor { file: WEB_CARGO, what: "a [dependencies] table" })?;
    let body = &lines[start + 1..end];
    let after = body
        .iter()
        .rposition(|l| l.starts_with("devtools-") && l.contains("\"web\""))
        .or_else(|| body.iter().rposition(|l| l.starts_with("devtools-")))
        .map_or(start + 1, |i| start + 1 + i + 1);
    Ok(insert_line(&lines, after, &line))
}

/// Adds `devtools-x = { path = "crates/x" }` to `[workspace.dependencies]` after the other internal crates.
/// Answers `None` when the workspace declares no internal crate there, so the host should use a path.
pub fn add_workspace_dependency(
    manifest: &str,
    name: &ToolName,
) -> Result<Option<String>, EditError> {
    let lines: Vec<&str> = manifest.split('\n').collect();
    let Some((start, end)) = section(&lines, "[workspace.dependencies]") else { return Ok(None) };
    let internal = |l: &&str| l.starts_with("devtools-") && l.contains("path = \"crates/");
    let Some(last) = lines[start + 1..end].iter().rposition(internal) else { return Ok(None) };
    refuse_existing(&lines[start + 1..end], name, ROOT_CARGO)?;
    let line = format!("{} = {{ path = \"crates/{name}\" }}", name.package());
    Ok(Some(insert_line(&lines, start + 1 + last + 1, &line)))
}

fn refuse_existing(lines: &[&str], name: &ToolName, file: &'static str) -> Result<(), EditError> {
    let package = name.package();
    let found = lines.iter().find(|line| {
        line.trim_start()
            .strip_prefix(package.as_str())
            .is_some_and(|rest| rest.starts_with([' ', '=', '.']))
    });
    match found {
        Some(found) => Err(EditError::AlreadyThere { file, found: found.trim().to_owned() }),
        None => Ok(()),
    }
}

/// The line of a table's header and the line where the next table starts (or the end).
fn section(lines: &[&str], header: &str) -> Option<(usize, usize)> {
    let start = lines.iter().position(|line| line.trim() == header)?;
    let end = lines[start + 1..]
        .iter()
        .position(|line| line.trim_start().starts_with('['))
        .map_or(lines.len(), |i| start + 1 + i);
    Some((start, end))
}

fn insert_line(lines: &[&str], at: usize, line: &str) -> String {
    let mut out: Vec<&str> = Vec::with_capacity(lines.len() + 1);
    out.extend(&lines[..at]);
    out.push(line);
    out.extend(&lines[at..]);
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOOLS: &str = "//! The one list.

use devtools_kit::Tool;

/// Every tool.
#[rustfmt::skip] // one line per tool
pub fn all() -> Vec<Tool> {
    vec![
        devtools_http_status::web::tool(),
        devtools_regex::web::tool(),
    ]
}
";

    const WEB: &str = "[package]
name = \"devtools-web\"

[dependencies]
devtools-kit.workspace = true
devtools-http-status = { workspace = true, features = [\"web\"] }
devtools-regex = { workspace = true, features = [\"web\"] }
axum.workspace = true

[dev-dependencies]
serde_json.workspace = true
";

    const ROOT: &str = "[workspace]
members = [\"crates/*\", \"web\"]

[workspace.dependencies]
# Internal crates, by path, declared once.
devtools-kit = { path = \"crates/core\" }
devtools-regex = { path = \"crates/regex\" }

# Web stack.
axum = \"0.8\"
";

    fn name(text: &str) -> ToolName {
        ToolName::parse(text).unwrap()
    }

    #[test]
    fn the_tool_is_the_last_entry_of_the_list() {
        let edited = register_tool(TOOLS, &name("word-count")).unwrap();
        assert_eq!(
            edited,
            TOOLS.replace(
                "        devtools_regex::web::tool(),\n",
                "        devtools_regex::web::tool(),\n        devtools_word_count::web::tool(),\n"
            )
        );
        let error = register_tool(&edited, &name("word-count")).unwrap_err();
        assert_eq!(
            error,
            EditError::AlreadyThere {
                file: TOOLS_RS,
                found: "devtools_word_count::web::tool(),".into()
            }
        );
        // A name that merely starts like a registered one is a different tool.
        assert!(register_tool(TOOLS, &name("http")).is_ok());
    }

    #[test]
    fn an_empty_list_gets_an_indented_entry_and_a_missing_list_is_reported() {
        let empty = "pub fn all() -> Vec<Tool> {\n    vec![\n    ]\n}\n";
        assert_eq!(
            register_tool(empty, &name("x")).unwrap(),
            "pub fn all() -> Vec<Tool> {\n    vec![\n        devtools_x::web::tool(),\n    ]\n}\n"
        );
        assert!(matches!(
            register_tool("pub fn all() {}", &name("x")),
            Err(EditError::NoAnchor { file: TOOLS_RS, .. })
        ));
    }

    #[test]
    fn the_host_depends_on_the_tool_with_its_web_feature() {
        let edited = add_host_dependency(WEB, &name("word-count"), DepStyle::Workspace).unwrap();
        assert_eq!(
            edited,
            WEB.replace(
                "axum.workspace",
                "devtools-word-count = { workspace = true, features = [\"web\"] }\naxum.workspace"
            )
        );
        assert!(matches!(
            add_host_dependency(&edited, &name("word-count"), DepStyle::Workspace),
            Err(EditError::AlreadyThere { file: WEB_CARGO, .. })
        ));
        let by_path = add_host_dependency(WEB, &name("x"), DepStyle::Path).unwrap();
        assert!(by_path.contains(
            "devtools-regex = { workspace = true, features = [\"web\"] }\ndevtools-x = { path = \"../crates/x\", features = [\"web\"] }\n"
        ));
        assert!(matches!(
            add_host_dependency("[package]\n", &name("x"), DepStyle::Path),
            Err(EditError::NoAnchor { file: WEB_CARGO, .. })
        ));
    }

    #[test]
    fn the_workspace_declares_the_tool_after_the_other_internal_crates() {
        let edited = add_workspace_dependency(ROOT, &name("word-count")).unwrap().unwrap();
        assert_eq!(
            edited,
            ROOT.replace(
                "devtools-regex = { path = \"crates/regex\" }\n",
                "devtools-regex = { path = \"crates/regex\" }\ndevtools-word-count = { path = \"crates/word-count\" }\n"
            )
        );
        assert!(matches!(
            add_workspace_dependency(&edited, &name("word-count")),
            Err(EditError::AlreadyThere { file: ROOT_CARGO, .. })
        ));
        let without = "[workspace]\n\n[workspace.dependencies]\naxum = \"0.8\"\n";
        assert_eq!(add_workspace_dependency(without, &name("x")), Ok(None));
        assert_eq!(add_workspace_dependency("[workspace]\n", &name("x")), Ok(None));
    }
}
