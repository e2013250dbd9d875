//! `devtools color VALUE`: a CSS colour in every common format (feature `cli`); with `--bg BG` or `--contrast`, the
//! WCAG 2 contrast of VALUE as text on BG (white when not given).
//!
//! The views are typed texts of [`answer::convert`]'s [`Conversion`] and [`answer::contrast`]'s [`Contrast`];
//! `--json` prints that same answer, as `GET /api/color?value=` and `GET /api/color/contrast?fg=&bg=` do.

use crate::answer::{self, ContrastRequest, ConvertRequest};
use crate::{Contrast, Conversion};
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
    /// With --bg or --contrast, the text colour.
    value: Option<String>,
    /// Check the WCAG 2 contrast of VALUE as text on this background colour instead of converting it.
    #[arg(long, value_name = "BG")]
    bg: Option<String>,
    /// Check the WCAG 2 contrast of VALUE as text on the background, white unless --bg names another.
    #[arg(long)]
    contrast: bool,
    /// Print what `GET /api/color?value=` answers (with --bg or --contrast, `GET /api/color/contrast?fg=&bg=`).
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
        if self.contrast || self.bg.is_some() {
            let request = ContrastRequest::new(value, self.bg.clone().unwrap_or_default());
            let answer = answer::contrast(&request);
            return Ok(finish(self.json, answer, |check, style| {
                contrast_view(&request, check, style)
            }));
        }
        Ok(finish(self.json, answer::convert(&ConvertRequest::new(value)), human))
    }
}

/// The contrast check: the pair, the ratio, each level for normal and large text, and the suggested fix.
fn contrast_view(request: &ContrastRequest, c: &Contrast, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} on {}  {}  {}",
        style.bold(&escape::line(request.fg.trim())),
        style.bold(&escape::line(request.background().trim())),
        style.bold(&format!("{}:1", c.ratio)),
        c.level.label(),
    );
    let verdict = |pass: bool, threshold: &str| {
        let word = if pass { style.green("pass") } else { style.red("fail") };
        format!("{word} {}", style.dim(&format!("({threshold})")))
    };
    let _ = writeln!(
        out,
        "  {} AA {}  AAA {}",
        style.cyan("normal text"),
        verdict(c.aa.normal, "4.5:1"),
        verdict(c.aaa.normal, "7:1")
    );
    let _ = writeln!(
        out,
        "  {}  AA {}  AAA {}",
        style.cyan("large text"),
        verdict(c.aa.large, "3:1"),
        verdict(c.aaa.large, "4.5:1")
    );
    if let Some(fix) = &c.suggestion {
        let _ = writeln!(
            out,
            "  {} {} ({}, {}:1) is the nearest text colour that passes AA",
            style.yellow("fix:"),
            fix.hex,
            fix.direction,
            fix.ratio
        );
    }
    out
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
    if let Some(note) = &c.note {
        let _ = writeln!(out, "{} {}", style.yellow("note:"), escape::line(note));
    }
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
    let _ = writeln!(out, "  {} {}", style.cyan(&format!("{:<6}", "hsv")), c.hsv_notation());
    let _ = writeln!(out, "  {} {}", style.cyan(&format!("{:<6}", "cmyk")), c.cmyk_notation());
    let _ = writeln!(
        out,
        "  {} {}",
        style.cyan(&format!("{:<6}", "luma")),
        style.dim(&format!("{} (relative luminance)", c.luminance))
    );
    let _ = writeln!(
        out,
        "  {} {}:1 on white ({}), {}:1 on black ({})",
        style.cyan(&format!("{:<6}", "ratio")),
        c.contrast.white,
        c.contrast.white_level.label(),
        c.contrast.black,
        c.contrast.black_level.label()
    );
    out
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
        assert!(text.contains("  hsv    hsv(0 100% 100%)\n"), "{text}");
        assert!(text.contains("  cmyk   device-cmyk(0% 100% 100% 0%)\n"), "{text}");
        let half =
            human(&answer::convert(&ConvertRequest::new("#ff000080")).unwrap(), Style::plain());
        assert!(half.contains("  hex    #ff000080\n"), "{half}");
        assert!(half.contains("  hsv    hsv(0 100% 100% / 0.502)\n"), "{half}");
        assert!(half.contains("  cmyk   device-cmyk(0% 100% 100% 0% / 0.502)\n"), "{half}");
        assert!(
            text.contains("  ratio  4:1 on white (AA large), 5.25:1 on black (AA, AAA large)\n"),
            "{text}"
        );
        let navy = ContrastRequest::new("navy", "");
        let text = contrast_view(&navy, &answer::contrast(&navy).unwrap(), Style::plain());
        assert!(text.starts_with("navy on white  16.01:1  AAA\n"), "{text}");
    }
}
