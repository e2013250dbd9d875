//! `devtools status [CODE]`: one HTTP status code explained, or the list of every code (feature `cli`).
//!
//! The views print the library's own reference text, which holds no user input; the code as typed reaches the
//! output only inside an error message, which [`finish`] escapes.

use crate::answer::{self, Detail, Summary};
use crate::nearest;
use devtools_kit::cli::{Command, InputError, Style, ToolArgs, escape, finish};
use devtools_kit::{AnswerError, ErrorClass};
use std::fmt::Write;
use std::process::ExitCode;

/// Arguments of `devtools status`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The code, e.g. 403; without one, every code is listed.
    code: Option<String>,
    /// Print the answer as JSON: a code's entry as `GET /api/http-status/{code}` answers it, the codes a text
    /// finds as `GET /api/http-status?q=TEXT` lists them, an error as the API's error body.
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
        let Some(code) = &self.code else {
            return Ok(finish(self.json, Ok(answer::list()), |list, style| {
                human_list(list, style)
            }));
        };
        let code = code.trim();
        // A number is the API's detail, errors included; a name is looked up (one code, or the codes it finds).
        // The terminal view also gives an unknown number's nearest codes.
        Ok(match answer::detail(code) {
            Ok(detail) => finish(self.json, Ok(detail), human_detail),
            Err(error) if self.json && error.class() == ErrorClass::NotFound => {
                finish(true, Err::<Detail, _>(error), human_detail)
            }
            Err(error) => match terminal_answer(code, error) {
                Ok(View::Code(found)) => {
                    finish(self.json, answer::detail(&found.to_string()), human_detail)
                }
                Ok(View::Matches(matches)) => {
                    let heading =
                        format!("{} codes match \"{}\"", matches.len(), escape::line(code));
                    finish(self.json, Ok(matches), |list, style| {
                        format!("{}\n{}", style.bold(&heading), human_list(list, style))
                    })
                }
                Err(error) => finish(self.json, Err::<Detail, _>(error), human_detail),
            },
        })
    }
}

/// What the terminal shows for a code the answer refused.
enum View {
    /// The one code a name found.
    Code(u16),
    /// Several codes a name found.
    Matches(Vec<Summary>),
}

/// A name or phrase is looked up ([`answer::find`]): the code it names, or the codes the list's filter finds for
/// it (the same as `GET /api/http-status?q=`); an unknown number gets the nearest known codes; anything else keeps
/// the answer's error. `Err` is the error to print: `unknown_name` when a name finds no code.
fn terminal_answer(code: &str, error: AnswerError) -> Result<View, AnswerError> {
    let digits = code.bytes().all(|b| b.is_ascii_digit());
    if error.class() == ErrorClass::NotFound {
        let near = code.parse::<u32>().map(|n| nearest(n, 3)).unwrap_or_default();
        let mut message = format!("{code} is not a known HTTP status code");
        if !near.is_empty() {
            message.push_str("; the nearest known codes are:");
            for status in near {
                let _ = write!(message, "\n  {} {}", status.code, status.name);
            }
        }
        message.push_str("\n`devtools status` lists every code");
        return Err(AnswerError::new(ErrorClass::NotFound, "unknown_code", message));
    }
    if digits {
        return Err(error);
    }
    match answer::find(code) {
        answer::Found::Code(found) => Ok(View::Code(found.code)),
        answer::Found::Matches(found) if found.is_empty() => {
            let shown: String = code.chars().take(40).collect();
            Err(AnswerError::new(
                ErrorClass::NotFound,
                "unknown_name",
                format!(
                    "no HTTP status code is named or described by \"{shown}\"; `devtools status` lists every code"
                ),
            ))
        }
        answer::Found::Matches(found) => Ok(View::Matches(found)),
    }
}

fn human_list(list: &[Summary], style: Style) -> String {
    let mut out = String::new();
    for entry in list {
        let badge = match (entry.official, entry.registry_name, entry.registration) {
            (false, _, _) => " (unofficial)".to_owned(),
            (true, Some(placeholder), _) => format!(" (IANA: {placeholder})"),
            (true, None, Some("temporary")) => " (IANA: temporary)".to_owned(),
            (true, None, _) => String::new(),
        };
        let _ = writeln!(
            out,
            "{} {}{}  {}",
            style.bold(&entry.code.to_string()),
            style.cyan(entry.name),
            style.dim(&badge),
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
    if let Some(placeholder) = detail.registry_name {
        let _ = writeln!(out, "{}", style.yellow(&format!("IANA registry: {placeholder}")));
    } else if detail.registration == Some("temporary") {
        let note =
            "IANA registry: temporary registration (an early allocation for an Internet-Draft)";
        let _ = writeln!(out, "{}", style.yellow(note));
    }
    let _ = writeln!(out, "{}\n\n{}", detail.summary, detail.explanation);
    heading(&mut out, style, "Common causes");
    for cause in detail.causes {
        let _ = writeln!(out, "  • {cause}");
    }
    for fix in &detail.fixes {
        // "If you are the client" names its audience already; "How to handle it" does not.
        let title = if fix.heading.to_lowercase().contains(fix.audience) {
            fix.heading.to_owned()
        } else {
            format!("{} (as a {})", fix.heading, fix.audience)
        };
        heading(&mut out, style, &title);
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
    let label = if detail.official { "Spec" } else { "Documentation" };
    if let Some(spec) = detail.spec {
        let _ = writeln!(out, "\n{label}: {} <{}>", spec.title, spec.url);
    }
    if let Some(note) = detail.no_public_documentation {
        let gap = if detail.spec.is_some() { "" } else { "\n" };
        let _ = writeln!(out, "{gap}{label}: {note}");
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
        assert!(text.contains("\nIf you are the client\n  1. "), "{text}");
        assert!(text.contains("\nIf you run the server\n  1. "), "{text}");
        let text = human_detail(&answer::detail("301").unwrap(), Style::plain());
        assert!(text.contains("\nWhen servers send it\n"), "{text}");
        assert!(text.contains("\nHow to handle it (as a client)\n"), "{text}");
    }

    #[test]
    fn a_placeholder_name_shows_the_known_name_and_the_registry_entry() {
        let text = human_detail(&answer::detail("418").unwrap(), Style::plain());
        assert!(text.starts_with("418 I'm a teapot  (4xx)\nIANA registry: (Unused)\n"), "{text}");
        let text = human_list(&answer::list(), Style::plain());
        assert!(text.contains("\n418 I'm a teapot (IANA: (Unused))  Reserved"), "{text}");
    }

    #[test]
    fn names_are_looked_up_and_unknown_numbers_get_the_nearest_codes() {
        let refused = |code: &str| answer::detail(code).unwrap_err();
        assert!(matches!(terminal_answer("teapot", refused("teapot")), Ok(View::Code(418))));
        assert!(
            matches!(terminal_answer("gateway", refused("gateway")), Ok(View::Matches(m)) if m.len() > 1)
        );
        let none = terminal_answer("zzz", refused("zzz")).err().unwrap();
        assert_eq!(
            (none.kind(), none.message()),
            (
                "unknown_name",
                "no HTTP status code is named or described by \"zzz\"; `devtools status` lists every code"
            )
        );
        let unknown = terminal_answer("999", refused("999")).err().unwrap();
        assert_eq!(
            (unknown.kind(), unknown.message()),
            (
                "unknown_code",
                "999 is not a known HTTP status code; the nearest known codes are:\n  599 Network Connect Timeout \
                 Error\n  598 Network Read Timeout Error\n  561 Unauthorized\n`devtools status` lists every code"
            )
        );
        let long = terminal_answer("123456", refused("123456")).err().unwrap();
        assert_eq!(long, refused("123456"));
    }

    #[test]
    fn a_code_without_headers_has_no_headers_heading() {
        let text = human_detail(&answer::detail("499").unwrap(), Style::plain());
        assert!(!text.contains("\nHeaders\n"), "{text}");
        let text = human_detail(&answer::detail("429").unwrap(), Style::plain());
        assert!(text.contains("\nHeaders\n  Retry-After: "), "{text}");
    }

    #[test]
    fn vendor_codes_give_their_documentation_or_say_there_is_none() {
        let text = human_detail(&answer::detail("521").unwrap(), Style::plain());
        assert!(
            text.contains(
                "\nDocumentation: Cloudflare docs: Error 521 <https://developers.cloudflare.com/"
            ),
            "{text}"
        );
        let text = human_detail(&answer::detail("440").unwrap(), Style::plain());
        assert!(
            text.contains("\nDocumentation: No public Microsoft documentation of 440"),
            "{text}"
        );
        let text = human_detail(&answer::detail("403").unwrap(), Style::plain());
        assert!(text.contains("\nSpec: RFC 9110"), "{text}");
    }

    #[test]
    fn a_temporary_registration_is_marked() {
        let text = human_detail(&answer::detail("104").unwrap(), Style::plain());
        assert!(
            text.starts_with(
                "104 Upload Resumption Supported  (1xx)\nIANA registry: temporary registration"
            ),
            "{text}"
        );
        let text = human_list(&answer::list(), Style::plain());
        assert!(text.contains("\n104 Upload Resumption Supported (IANA: temporary)  "), "{text}");
        assert!(text.contains("\n103 Early Hints  "), "{text}");
    }

    #[test]
    fn the_list_marks_unofficial_codes() {
        let text = human_list(&answer::list(), Style::plain());
        assert!(text.contains("499 Client Closed Request (unofficial)  "), "{text}");
        assert!(text.starts_with("100 Continue  "), "{text}");
    }
}
