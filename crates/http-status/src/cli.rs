//! `devtools status [CODE]`: one HTTP status code explained, or the list of every code.

use super::{Style, finish, input::InputError, text_of};
use devtools_http_status::web::{detail_answer, list_answer};
use serde_json::Value;
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

pub(super) fn run(args: &Args) -> Result<ExitCode, InputError> {
    Ok(match &args.code {
        None => finish(args.json, Ok(list_answer()), |list, style| {
            human_list(&serde_json::to_value(list).unwrap_or_default(), style)
        }),
        Some(code) => finish(args.json, detail_answer(code.trim()), |detail, style| {
            human_detail(&serde_json::to_value(detail).unwrap_or_default(), style)
        }),
    })
}

fn human_list(list: &Value, style: Style) -> String {
    let mut out = String::new();
    for entry in list.as_array().into_iter().flatten() {
        let unofficial = if entry["official"] == Value::Bool(false) { " (unofficial)" } else { "" };
        let _ = writeln!(
            out,
            "{} {}{}  {}",
            style.bold(&text_of(&entry["code"])),
            style.cyan(&text_of(&entry["name"])),
            style.dim(unofficial),
            text_of(&entry["summary"]),
        );
    }
    out
}

fn human_detail(detail: &Value, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}  {}",
        style.bold(&text_of(&detail["code"])),
        style.bold(&text_of(&detail["name"])),
        style.dim(&format!("({})", text_of(&detail["class"]))),
    );
    if detail["official"] == Value::Bool(false) {
        let source = text_of(&detail["source"]);
        let _ = writeln!(out, "{}", style.yellow(&format!("Unofficial: used by {source}")));
    }
    let _ = writeln!(out, "{}\n\n{}", text_of(&detail["summary"]), text_of(&detail["explanation"]));
    let causes = detail["causes"].as_array().into_iter().flatten();
    heading(&mut out, style, "Common causes");
    for cause in causes {
        let _ = writeln!(out, "  • {}", text_of(cause));
    }
    for fix in detail["fixes"].as_array().into_iter().flatten() {
        let title =
            format!("{} ({})", text_of(&fix["heading"]), text_of(&fix["audience"]).to_lowercase());
        heading(&mut out, style, &title);
        for (n, step) in fix["steps"].as_array().into_iter().flatten().enumerate() {
            let _ = writeln!(out, "  {}. {}", n + 1, text_of(step));
        }
    }
    let headers = detail["headers"].as_array().filter(|list| !list.is_empty());
    if let Some(headers) = headers {
        heading(&mut out, style, "Headers");
        for header in headers {
            let name = style.cyan(&text_of(&header["name"]));
            let _ = writeln!(out, "  {name}: {}", text_of(&header["note"]));
        }
    }
    heading(&mut out, style, "Example");
    for line in text_of(&detail["example"]).lines() {
        let _ = writeln!(out, "  {}", style.dim(line));
    }
    let related = detail["related"].as_array().filter(|list| !list.is_empty());
    if let Some(related) = related {
        heading(&mut out, style, "Related");
        for code in related {
            let _ = writeln!(
                out,
                "  {} {}  {}",
                style.bold(&text_of(&code["code"])),
                text_of(&code["name"]),
                style.dim(&text_of(&code["summary"])),
            );
        }
    }
    if let Some(spec) = detail["spec"].as_object() {
        let _ = writeln!(out, "\nSpec: {} <{}>", text_of(&spec["title"]), text_of(&spec["url"]));
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
        let detail = serde_json::to_value(detail_answer("403").unwrap()).unwrap();
        let text = human_detail(&detail, Style::plain());
        assert!(text.starts_with("403 Forbidden  (4xx"), "{text}");
        assert!(text.contains("Common causes\n  • "), "{text}");
        assert!(text.contains("\nRelated\n  401 Unauthorized"), "{text}");
    }
}
