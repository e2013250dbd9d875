//! `devtools status [CODE]`: one HTTP status code explained, or the list of every code (feature `cli`).
//!
//! The views print the library's own reference text, which holds no user input; the code as typed reaches the
//! output only inside an error message, which [`finish`] escapes.

use crate::answer::{self, Detail, Summary};
use devtools_kit::cli::{Command, InputError, Style, ToolArgs, finish};
use std::fmt::Write;
use std::process::ExitCode;

/// Arguments of `devtools status`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The code, e.g. 403; without one, every code is listed.
    code: Option<String>,
    /// Print what `GET /api/http-status/{code}` (or `/api/http-status`) answers.
    #[arg(long)]
    json: bool,
}

/// The subcommand, for the host's list.
pub fn command() -> Command {
    Command::new::<Args>("status", "Explain an HTTP status code, or list them all")
}

impl ToolArgs for Args {
    fn json(&self) -> bool {
        self.json
    }

    fn run(&self) -> Result<ExitCode, InputError> {
        Ok(match &self.code {
            None => finish(self.json, Ok(answer::list()), |list, style| human_list(list, style)),
            Some(code) => finish(self.json, answer::detail(code.trim()), human_detail),
        })
    }
}

fn human_list(list: &[Summary], style: Style) -> String {
    let mut out = String::new();
    for entry in list {
        let unofficial = if entry.official { "" } else { " (unofficial)" };
        let _ = writeln!(
            out,
            "{} {}{}  {}",
            style.bold(&entry.code.to_string()),
            style.cyan(entry.name),
            style.dim(unofficial),
            entry.summary,
        );
    }
    out
}

fn human_detail(detail: &Detail, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}  {}",
        style.bold(&detail.code.to_string()),
        style.bold(detail.name),
        style.dim(&format!("({})", detail.class)),
    );
    if !detail.official {
        let source = detail.source.unwrap_or_default();
        let _ = writeln!(out, "{}", style.yellow(&format!("Unofficial: used by {source}")));
    }
    let _ = writeln!(out, "{}\n\n{}", detail.summary, detail.explanation);
    heading(&mut out, style, "Common causes");
    for cause in detail.causes {
        let _ = writeln!(out, "  • {cause}");
    }
    for fix in &detail.fixes {
        heading(&mut out, style, &format!("{} ({})", fix.heading, fix.audience.to_lowercase()));
        for (n, step) in fix.steps.iter().enumerate() {
            let _ = writeln!(out, "  {}. {step}", n + 1);
        }
    }
    if !detail.headers.is_empty() {
        heading(&mut out, style, "Headers");
        for header in detail.headers {
            let _ = writeln!(out, "  {}: {}", style.cyan(&header.name), header.note);
        }
    }
    heading(&mut out, style, "Example");
    for line in detail.example.lines() {
        let _ = writeln!(out, "  {}", style.dim(line));
    }
    if !detail.related.is_empty() {
        heading(&mut out, style, "Related");
        for code in &detail.related {
            let _ = writeln!(
                out,
                "  {} {}  {}",
                style.bold(&code.code.to_string()),
                code.name,
                style.dim(code.summary),
            );
        }
    }
    if let Some(spec) = detail.spec {
        let _ = writeln!(out, "\nSpec: {} <{}>", spec.title, spec.url);
    }
    out
}

fn heading(out: &mut String, style: Style, title: &str) {
    let _ = writeln!(out, "\n{}", style.bold(title));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detail_names_the_code_its_causes_and_related_codes() {
        let text = human_detail(&answer::detail("403").unwrap(), Style::plain());
        assert!(text.starts_with("403 Forbidden  (4xx"), "{text}");
        assert!(text.contains("Common causes\n  • "), "{text}");
        assert!(text.contains("\nRelated\n  401 Unauthorized"), "{text}");
    }

    #[test]
    fn the_list_marks_unofficial_codes() {
        let text = human_list(&answer::list(), Style::plain());
        assert!(text.contains("499 Client Closed Request (unofficial)  "), "{text}");
        assert!(text.starts_with("100 Continue  "), "{text}");
    }
}
