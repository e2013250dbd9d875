//! `devtools regex PATTERN [FILE|-|--text T] [--flags imsxU] [--replace R] [--flavor rust|fancy|ecmascript|pcre2]`: matches with
//! their line and column, or with `--replace` the substituted text (so it pipes like `sed`).
//!
//! The answer is [`answer`]'s, the one the page and the JSON API give: `--json` prints its body,
//! and the text view below reads the typed [`Report`].

use crate::{AnswerError, Node, RegexRequest, Report, answer};
use devtools_kit::cli::{
    Command, Input, InputError, Style, ToolArgs, escape, finish, input, print_error,
    within_deadline,
};
use std::borrow::Cow;
use std::fmt::Write;
use std::process::ExitCode;

/// The text searched, from a file or standard input: the library's own limit.
const TEXT: Input = Input { noun: "regex text", limit: crate::MAX_TEXT_LEN };

/// `devtools regex`, for the host's list of subcommands.
pub fn command() -> Command {
    Command::new::<Args>(
        "regex",
        "Test a regular expression against a text, optionally replacing matches",
    )
}

/// Arguments of `devtools regex`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The pattern.
    pattern: String,
    /// The text to search: a file, or `-` for standard input (also read when piped and no file is given).
    file: Option<String>,
    /// The text to search, given on the command line instead of FILE.
    #[arg(long, conflicts_with = "file")]
    text: Option<String>,
    /// Flag letters: i (ignore case), m (multi-line), s (dot matches newline), x (verbose), U (swap greed); for
    /// ecmascript JavaScript's d g i m s u v y (g and d implied); for pcre2 i m s x n U J (UTF-8 always on).
    #[arg(long, default_value = "")]
    flags: String,
    /// Replace every match, printing the substituted text (`$1`, `${name}` refer to groups; for ecmascript
    /// JavaScript's `$1`, `$<name>`, `$&`, `$$`; for pcre2 PCRE2's `$1`, `${1}`, `$name`, `${name}`, `$0`, `$$`).
    #[arg(long, value_name = "R")]
    replace: Option<String>,
    /// `rust` (linear time), `fancy` (look-around and backreferences, backtracking), `ecmascript`
    /// (JavaScript's RegExp, on regress, backtracking) or `pcre2` (PCRE2, as PHP's preg_* functions).
    #[arg(long, default_value = "rust")]
    flavor: String,
    /// The most matches to list.
    #[arg(long)]
    limit: Option<usize>,
    /// Also explain the pattern, part by part.
    #[arg(long)]
    explain: bool,
    /// Print what `POST /api/regex` answers.
    #[arg(long)]
    json: bool,
}

impl ToolArgs for Args {
    fn json(&self) -> bool {
        self.json
    }

    fn run(&self) -> Result<ExitCode, InputError> {
        let text = match &self.text {
            Some(text) => text.clone(),
            None => input::text(self.file.as_deref(), TEXT)?,
        };
        let request = RegexRequest {
            pattern: self.pattern.clone(),
            text,
            flags: self.flags.clone(),
            flavor: Some(self.flavor.clone()),
            replace: self.replace.clone(),
            limit: self.limit,
        };
        let explain = self.explain;
        let view = |report: &Report, style| human(report, &request.text, explain, style);
        // The library checks its deadline between matches, but regress (ecmascript) cannot be stopped inside one
        // match attempt: `(a+)+b` over 30 `a`s would run for hours.
        let answered = within_deadline(self.json, || answer(&request));
        if self.json {
            return Ok(finish(true, answered, view));
        }
        Ok(match answered {
            Ok(report) => {
                // On standard error, so that a replaced text piped on stays exactly the text.
                for warning in &report.warnings {
                    print_warning(&warning.message);
                }
                finish(false, Ok(report), view)
            }
            Err(error) => {
                print_error(&human_error(&error, &request));
                ExitCode::FAILURE
            }
        })
    }
}

/// `warning: message` on standard error, escaped, in yellow on a terminal.
fn print_warning(message: &str) {
    use std::io::Write as _;
    let style = Style::stderr();
    let line = format!("{} {}\n", style.yellow(&style.bold("warning:")), escape::block(message));
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// The answer's message, and what a terminal can add: the pattern with a caret under the bad part, and for a
/// pattern only the fancy flavour accepts (look-around, backreferences), the flag that switches to it.
fn human_error(error: &AnswerError, request: &RegexRequest) -> String {
    let mut message = error.message().to_owned();
    let location = error.location();
    let in_pattern = location.is_some_and(|at| at.part.as_deref() == Some("pattern"));
    if let Some(span) = location.and_then(|at| at.span.clone()).filter(|_| in_pattern) {
        message.push('\n');
        message.push_str(&escape::caret(&request.pattern, span));
    }
    if error.kind() == "invalid_pattern" && answer::needs_fancy(request) {
        message.push_str(
            "\nthe rust flavour has no look-around or backreferences; use --flavor fancy (backtracking)",
        );
    }
    message
}

fn human(report: &Report, text: &str, explain: bool, style: Style) -> String {
    let mut out = String::new();
    if explain {
        let _ = writeln!(out, "{}", style.bold("Pattern"));
        explain_nodes(&mut out, &report.explanation, 1, style);
        let _ = writeln!(out);
    }
    if let Some(replaced) = &report.replaced {
        // The substituted text alone, exactly, so `devtools regex … --replace … FILE > out` works like `sed`; on a
        // terminal it is a view, escaped like the others (the rule is in `escape`'s doc).
        let replaced = if style.terminal() {
            escape::block(replaced)
        } else {
            Cow::Borrowed(replaced.as_str())
        };
        out.push_str(&replaced);
        return out;
    }
    let count = report.match_count;
    let listed = report.matches.len();
    let summary = match (count, report.truncated) {
        (1, _) => "1 match".to_owned(),
        (n, true) => format!("{n} matches, first {listed} listed"),
        (n, false) => format!("{n} matches"),
    };
    let _ = writeln!(out, "{}", style.bold(&summary));
    for found in &report.matches {
        let (line, column) = line_column(text, found.start);
        let _ = writeln!(
            out,
            "{}  {}",
            style.dim(&format!("{line}:{column}")),
            style.highlight(&escape::line(&found.text))
        );
        for group in found.groups.iter().skip(1).flatten() {
            let label = match &group.name {
                Some(name) => format!("{} {}", group.index, escape::line(name)),
                None => group.index.to_string(),
            };
            let _ = writeln!(out, "    {} {}", style.cyan(&label), escape::line(&group.text));
        }
    }
    out
}

fn explain_nodes(out: &mut String, nodes: &[Node], depth: usize, style: Style) {
    for node in nodes {
        let indent = "  ".repeat(depth);
        let source = style.cyan(&escape::line(&node.source));
        // The description quotes the pattern's literals.
        let _ = writeln!(out, "{indent}{source}  {}", escape::line(&node.description));
        explain_nodes(out, &node.children, depth + 1, style);
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |newline| newline + 1);
    (line, before[start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(pattern: &str, text: &str, replace: Option<&str>) -> Report {
        let request = RegexRequest {
            replace: replace.map(str::to_owned),
            ..RegexRequest::new(pattern, text)
        };
        answer(&request).unwrap()
    }

    #[test]
    fn lists_matches_with_line_column_and_groups() {
        let text = "a1\nbé22";
        let out = human(&report(r"(?<n>\d+)", text, None), text, false, Style::plain());
        assert_eq!(out, "2 matches\n1:2  1\n    1 n 1\n2:3  22\n    1 n 22\n");
    }

    #[test]
    fn replacing_prints_only_the_text() {
        let out = human(&report(r"\d", "a1b2\n", Some("#")), "a1b2\n", false, Style::plain());
        assert_eq!(out, "a#b#\n");
    }

    #[test]
    fn matches_show_controls_escaped_and_replacing_into_a_pipe_does_not() {
        let text = "a\x1b[2Jb\u{9b}c\u{202e}\nd\r\n";
        let out = human(&report("a.*", text, None), text, false, Style::plain());
        assert_eq!(out, "1 match\n1:1  a\\u{1b}[2Jb\\u{9b}c\\u{202e}\n");
        let out = human(&report("d", text, Some("e")), text, false, Style::plain());
        assert_eq!(out, "a\x1b[2Jb\u{9b}c\u{202e}\ne\r\n");
    }

    fn refused(pattern: &str, flavor: &str) -> String {
        let request =
            RegexRequest { flavor: Some(flavor.to_owned()), ..RegexRequest::new(pattern, "ab") };
        human_error(&answer(&request).unwrap_err(), &request)
    }

    #[test]
    fn errors_show_a_caret_and_point_rust_users_at_the_fancy_flavour() {
        assert_eq!(refused("a(b", "rust"), "unclosed group\n  a(b\n   ^");
        assert_eq!(
            refused("x(?<=a)b", "rust"),
            "look-around, including look-ahead and look-behind, is not supported\n  x(?<=a)b\n   ^^^^\n\
             the rust flavour has no look-around or backreferences; use --flavor fancy (backtracking)"
        );
        assert!(refused(r"(a)\1", "rust").ends_with("; use --flavor fancy (backtracking)"));
        assert!(!refused("a(b", "rust").contains("--flavor"), "fancy refuses it too");
        assert!(!refused("a{2,1}", "rust").contains("--flavor"), "not about look-around");
        assert!(!refused("(?<=a+", "fancy").contains("--flavor"));
        assert!(refused("a(b", "fancy").contains("\n  a(b\n"), "{}", refused("a(b", "fancy"));
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("é\néa", 5), (2, 2));
        assert_eq!(line_column("", 0), (1, 1));
    }
}
