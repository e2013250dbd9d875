//! Colours as CSS Color 4 defines them: parse any CSS colour (and the non-CSS forms people paste), convert it
//! to every common format with the CSS gamut mapping, name it, check WCAG contrast and build palettes.
//!
//! Parsing uses servo's `cssparser` and `cssparser-color` (Firefox's CSS parsing lineage); the conversions
//! follow CSS Color 4's published sample code: Lab and LCH relative to D50 with Bradford adaptation, Oklab,
//! XYZ D65, and powerless hues reported as `None` rather than a made-up 0. Colours outside sRGB are flagged
//! and mapped into it by reducing Oklch chroma (CSS Color 4 §13.2), not by clipping channels.
//!
//! It is the colour tool of devtools (a page, a JSON API and `devtools color`), and useful alone: the [`answer`]
//! module gives what those three show, and the default build pulls in no web framework.
//!
//! # Example
//!
//! What the site shows for a colour, in a few lines: [`answer::convert`] gives exactly the conversion the page
//! shows, `GET /api/color` answers and `devtools color` prints, and the same error for input it cannot read.
//!
//! ```
//! use devtools_color::answer::{self, ConvertRequest};
//!
//! let conversion = answer::convert(&ConvertRequest::new("oklch(70% 0.15 150)"))?;
//! assert_eq!(conversion.css.hex, "#4cb86a");
//! assert_eq!(conversion.css.rgb, "rgb(76 184 106)");
//! assert_eq!(conversion.nearest_name, "mediumseagreen");
//! assert_eq!(conversion.contrast.black, 8.35);
//!
//! let error = answer::convert(&ConvertRequest::new("rgb(255 0)")).unwrap_err();
//! assert_eq!(error.kind(), "invalid_color");
//! assert_eq!(error.message(), "value: rgb(): expected 3 values, found 2");
//! # Ok::<(), devtools_color::AnswerError>(())
//! ```
//!
//! [`answer::contrast`] and [`answer::palettes`] do the same for the contrast checker and the palettes. Below
//! them is the engine, for a program that works with parsed colours:
//!
//! ```
//! use devtools_color::{contrast, convert, palettes, parse};
//!
//! let color = parse("oklch(70% 0.4 150)")?;
//! assert!(!color.in_srgb_gamut());
//! let formats = convert("oklch(70% 0.4 150)", &color);
//! assert_eq!(formats.in_gamut, false);
//! assert_eq!(formats.oklch, [Some(0.7), Some(0.4), Some(150.0)]);
//! println!("{} is {} in sRGB", formats.css.oklch, formats.hex);
//!
//! // Non-CSS forms people paste.
//! assert_eq!(convert("ff8000", &parse("ff8000")?).css.rgb, "rgb(255 128 0)");
//! assert_eq!(convert("cmyk(0%, 100%, 100%, 0%)", &parse("cmyk(0%, 100%, 100%, 0%)")?).name, Some("red"));
//!
//! // Errors say what and where.
//! let error = parse("rgb(255 0)").unwrap_err();
//! assert_eq!(error.to_string(), "rgb(): expected 3 values, found 2");
//! assert_eq!(parse("grean").unwrap_err().to_string(), r#"unknown colour name "grean" (did you mean "green"?)"#);
//!
//! // WCAG 2.x contrast with a suggested fix.
//! let check = contrast(&parse("#777")?, &parse("white")?);
//! assert_eq!(check.ratio, 4.48);
//! assert!(!check.aa.normal && check.aa.large);
//! assert_eq!(check.suggestion.map(|s| s.hex).as_deref(), Some("#767676"));
//!
//! // Palettes in Oklch.
//! assert_eq!(palettes(&parse("red")?).triadic.len(), 3);
//! # Ok::<(), devtools_color::ParseError>(())
//! ```
//!
//! # Crate features
//!
//! - default: the library alone (parsing, conversion, contrast, palettes and the [`answer`] layer), with no web
//!   framework and no command-line parser.
//! - `web`: the page (`/color`, with OKLCH lightness/chroma/hue/alpha sliders that work as plain form inputs, and
//!   its live-update fragments, swatches drawn in the page), the same swatches as images to embed elsewhere
//!   (`/color/swatch.svg`, `/color/sample.svg`) and the JSON API (`/api/color`, `/api/color/contrast`, `/api/color/palettes`) for the
//!   devtools host.
//! - `cli`: the `devtools color` subcommand: its arguments and its text view.

#![deny(missing_docs)]

pub mod answer;
#[cfg(feature = "cli")]
pub mod cli;
mod color;
mod contrast;
mod convert;
mod error;
mod format;
mod harmony;
mod named;
mod parse;
mod space;
mod tokens;
#[cfg(feature = "web")]
pub mod web;

pub use answer::{ContrastRequest, ConvertRequest, PalettesRequest};
pub use color::Color;
pub use contrast::{
    AA_LARGE, AA_NORMAL, AAA_NORMAL, Contrast, Level, Levels, Suggestion, Verdict, contrast, ratio,
    relative_luminance,
};
pub use convert::{AgainstWhiteBlack, Conversion, CssStrings, convert};
/// The answer layer's error, re-exported so a user of this crate alone can name it.
pub use devtools_kit::{AnswerError, ErrorClass, Location};
pub use error::{ErrorKind, ParseError};
pub use harmony::{Palettes, Swatch, palettes};
pub use named::{exact_name, lookup, named_colors, nearest_name};
pub use parse::{MAX_INPUT, parse};
pub use space::Space;

use devtools_kit::ToolMeta;

/// The README's example, compiled and run as a test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// The colour converter as a registered tool.
pub const META: ToolMeta = ToolMeta {
    slug: "color",
    // British "colour" in everything a user reads (issue 13); the slug, the API paths, the `devtools color`
    // command and `color()` stay as typed, and the slug keeps "color" findable in search.
    name: "Colour Converter",
    summary: "Convert colours between HEX, RGB, HSL, OKLCH and more, check WCAG contrast and build palettes. Pick colours visually.",
    label: "colour",
    related: &["regex", "http-status"],
    keywords: &[
        "colour",
        "hex",
        "rgb",
        "rgba",
        "hsl",
        "hwb",
        "hsv",
        "cmyk",
        "lab",
        "lch",
        "oklab",
        "oklch",
        "display-p3",
        "css",
        "contrast",
        "wcag",
        "accessibility",
        "palette",
        "tints",
        "shades",
        "picker",
        "gamut",
    ],
};

/// `#rrggbb` (or `#rrggbbaa` when translucent) of a colour after gamut mapping: the one form every tool takes.
pub fn to_hex(color: &Color) -> String {
    format::hex_auto(color.srgb_mapped(), color.alpha())
}
