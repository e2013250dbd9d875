//! `devtools color VALUE`: a CSS colour in every common format (feature `cli`).
//!
//! The view is a typed text of [`answer::convert`]'s [`Conversion`]; `--json` prints that same answer, as
//! `GET /api/color?value=` does.

use crate::Conversion;
use crate::answer::{self, ConvertRequest};
use devtools_kit::cli::{Command, Input, InputError, Style, ToolArgs, escape, finish, input};
use std::fmt::Write;
use std::process::ExitCode;

/// A colour from standard input. The parser's limit counts characters; four bytes is the most one takes in UTF-8,
/// so whatever the parser would judge itself still reaches it, with its own message.
const VALUE: Input = Input { noun: "colour", limit: crate::MAX_INPUT * 4 };

/// Arguments of `devtools color`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Any CSS colour ("oklch(70% 0.15 150)", "#ff8000", "rebeccapurple"); `-` or nothing reads standard input.
    value: Option<String>,
    /// Print what `GET /api/color?value=` answers.
    #[arg(long)]
    json: bool,
}

/// The subcommand, for the host's list.
pub fn command() -> Command {
    Command::new::<Args>("color", "Convert a CSS colour to every common format")
}

impl ToolArgs for Args {
    fn json(&self) -> bool {
        self.json
    }

    fn run(&self) -> Result<ExitCode, InputError> {
        let value = input::value(self.value.as_deref(), VALUE)?;
        Ok(finish(self.json, answer::convert(&ConvertRequest::new(value)), human))
    }
}

fn human(c: &Conversion, style: Style) -> String {
    let mut out = String::new();
    let name = match c.name {
        Some(name) => name.to_owned(),
        None => format!("near {}", c.nearest_name),
    };
    let _ = writeln!(
        out,
        "{}{}  {}",
        style.swatch(c.rgb),
        style.bold(&escape::line(&c.input)),
        style.dim(&name)
    );
    if !c.in_gamut {
        let _ = writeln!(
            out,
            "{} outside sRGB: hex, rgb, hsl and hwb are gamut-mapped",
            style.yellow("note:")
        );
    }
    let rows = [
        ("hex", &c.css.hex),
        ("rgb", &c.css.rgb),
        ("hsl", &c.css.hsl),
        ("hwb", &c.css.hwb),
        ("lab", &c.css.lab),
        ("lch", &c.css.lch),
        ("oklab", &c.css.oklab),
        ("oklch", &c.css.oklch),
    ];
    for (label, value) in rows {
        let _ = writeln!(out, "  {} {value}", style.cyan(&format!("{label:<6}")));
    }
    let cmyk: Vec<String> = c.cmyk.iter().map(|value| format!("{}%", round2(*value))).collect();
    let _ = writeln!(out, "  {} {}", style.cyan(&format!("{:<6}", "cmyk")), cmyk.join(" "));
    let _ = writeln!(
        out,
        "  {} {}",
        style.cyan(&format!("{:<6}", "luma")),
        style.dim(&format!("{} (relative luminance)", c.luminance))
    );
    let _ = writeln!(
        out,
        "  {} {}:1 on white, {}:1 on black",
        style.cyan(&format!("{:<6}", "ratio")),
        c.contrast.white,
        c.contrast.black
    );
    out
}

/// At most two decimals, without trailing zeros: `58.6`, `0`, `42.18`.
fn round2(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".to_owned() } else { text.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_css_form() {
        let text = human(&answer::convert(&ConvertRequest::new("red")).unwrap(), Style::plain());
        assert!(text.starts_with("red  red\n"), "{text}");
        assert!(text.contains("  hex    #ff0000\n"), "{text}");
        assert!(text.contains("  oklch  oklch("), "{text}");
        assert!(text.contains("  cmyk   0% 100% 100% 0%\n"), "{text}");
        assert_eq!(round2(58.5986), "58.6");
        assert_eq!(round2(-0.001), "0");
    }
}
