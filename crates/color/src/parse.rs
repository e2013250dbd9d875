//! Reading a colour string.
//!
//! CSS forms are validated by `cssparser-color` (servo's CSS Color 4 parser). It keeps numbers as f32 and
//! rounds `rgb()` channels to 8-bit integers, which would lose what this tool reports (fractional channels,
//! exact halves), so the component values are then read again from the same `cssparser` tokens as exact f64
//! values, and clamped as CSS Color 4 and the browsers clamp them at parsed-value time ([`clamp_as_css`]).
//! When the grammar is rejected, the tokens are examined again to say what is wrong and where. Forms people
//! paste that are not CSS (bare hex, `255, 0, 0`, `cmyk()`, `hsv()`) are recognised first, and the answer notes them.

use crate::color::Color;
use crate::error::{ErrorKind, ParseError};
use crate::named;
use crate::space::Space;
use crate::tokens::{Arg, Head, Item, Tokens};
use cssparser::{Parser, Token};
use cssparser_color::{ColorParser, parse_color_with};

/// Longest input accepted, in characters; the longest real colour (`color(prophoto-rgb …)` with long decimals
/// and alpha) is far shorter.
pub const MAX_INPUT: usize = 256;

/// Parses any CSS Color 4 colour, plus bare hex (`ff0000`, `0xff0000`), bare channel lists (`255, 0, 0`), `cmyk()` and
/// `hsv()`.
///
/// Case-insensitive; surrounding whitespace is ignored.
pub fn parse(input: &str) -> Result<Color, ParseError> {
    // Positions past the end (a missing value at the end of a wrapped `255, 0`) point at the end.
    let length = input.chars().count();
    parse_forms(input, length).map_err(|mut error| {
        error.position = error.position.map(|position| position.min(length));
        error
    })
}

fn parse_forms(input: &str, length: usize) -> Result<Color, ParseError> {
    if length > MAX_INPUT {
        return Err(ParseError::new(ErrorKind::TooLong { length, max: MAX_INPUT }, None));
    }
    let text = input.trim();
    let leading = input[..input.len() - input.trim_start().len()].chars().count();
    let offset = isize::try_from(leading).unwrap_or(0);
    if text.is_empty() {
        return Err(ParseError::new(ErrorKind::Empty, None));
    }
    if matches!(text.len(), 3 | 4 | 6 | 8) && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return parse_css(&format!("#{text}"), offset - 1);
    }
    if let Some(digits) = hex_literal_digits(text) {
        return parse_hex_literal(text, digits, offset);
    }
    match reader_of_call(text) {
        Some(Reader::Cmyk) => return parse_cmyk(text, offset),
        Some(Reader::Hsv) => return parse_hsv(text, offset),
        _ => {}
    }
    let starts_numeric =
        text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '.' | '+' | '-'));
    if starts_numeric && !text.contains('(') {
        // "255, 0, 0" or "255 0 0 / 50%": read as the inside of rgb(), and errors told about what was typed.
        return parse_css(&format!("rgb({text})"), offset - 4).map_err(|e| bare_channels(e, text));
    }
    parse_css(text, offset)
}

/// The digits of a programming-language hex literal (`0xff8000`, `0XFF8000`): text after `0x` or `0X`.
fn hex_literal_digits(text: &str) -> Option<&str> {
    text.strip_prefix("0x").or_else(|| text.strip_prefix("0X"))
}

/// `0xRRGGBB`, as pasted from code (Python, C, JavaScript `0xff8000`): read as `#rrggbb`, the convenience bare
/// `ff8000` already gets. Only six digits: eight are `0xAARRGGBB` in Android, .NET and many graphics APIs but
/// `#rrggbbaa` in CSS, so that reading would be a guess, and a literal of three digits is a number (`0xfff` is
/// 4095), not shorthand.
fn parse_hex_literal(text: &str, digits: &str, offset: isize) -> Result<Color, ParseError> {
    let refuse = |problem: String, byte: usize| {
        let kind = ErrorKind::HexLiteral { literal: text.to_owned(), problem };
        Err(ParseError::new(kind, char_position(text, byte, offset)))
    };
    if let Some((index, bad)) = digits.char_indices().find(|(_, c)| !c.is_ascii_hexdigit()) {
        return refuse(format!("\"{bad}\" is not a hex digit (0–9, a–f)"), 2 + index);
    }
    match digits.len() {
        6 => parse_css(&format!("#{digits}"), offset + 1),
        8 => refuse(
            format!(
                "8 digits are ambiguous (0xAARRGGBB in Android and .NET, #rrggbbaa in CSS); CSS writes \
                 #{}{} if the literal is ARGB, #{digits} if it is RGBA",
                &digits[2..],
                &digits[..2],
            ),
            0,
        ),
        n => refuse(format!("found {n} digits, not 6; CSS writes #rrggbb"), 0),
    }
}

/// An error from bare channels (`255, 0`), which are read as the inside of `rgb()`, phrased about what was
/// typed: without the `rgb()` the user never wrote. Positions are already the user's.
fn bare_channels(mut error: ParseError, text: &str) -> ParseError {
    match &mut error.kind {
        ErrorKind::ModernOnly { function, example, .. } => {
            function.clear();
            *example = match *example {
                "rgb(255 0 0 / 50%)" => "255 0 0 / 50%",
                "rgb(none 0 0)" => "255 none 0",
                other => other,
            };
        }
        ErrorKind::WrongCount { function, .. }
        | ErrorKind::InvalidComponent { function, .. }
        | ErrorKind::MixedSeparators { function }
        | ErrorKind::CommasNotAllowed { function }
        | ErrorKind::MissingAlpha { function }
        | ErrorKind::MixedNumberPercent { function } => function.clear(),
        ErrorKind::Syntax { found, .. } => *found = text.to_owned(),
        _ => {}
    }
    error
}

/// What a form that is not CSS was read as, for the answer's `note`; `None` for CSS (and for input that does
/// not parse). The same tests as [`parse`] decides with, so the note names the reading that was used.
pub(crate) fn convenience_note(input: &str) -> Option<String> {
    let text = input.trim();
    if text.is_empty() || text.chars().count() > MAX_INPUT {
        return None;
    }
    if matches!(text.len(), 3 | 4 | 6 | 8) && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Some(format!(
            "Read as #{text}: bare hex digits are accepted here as a convenience; CSS needs the # (#{text})."
        ));
    }
    if let Some(digits) = hex_literal_digits(text) {
        // Any other 0x literal is refused, not read as bare channels.
        let read = digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_hexdigit());
        return read.then(|| {
            format!(
                "Read as #{digits}: {text} is a programming-language hex literal, accepted here as a \
                 convenience; CSS writes #{digits}."
            )
        });
    }
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("cmyk(") {
        return Some(
            "cmyk() is not CSS: read naively as print inks without a profile (CSS Color 5's formula)."
                .to_owned(),
        );
    }
    if reader_of_call(text) == Some(Reader::Hsv) {
        return Some(
            "hsv() is not CSS: read as hue, saturation and value, as design tools write them; CSS says the same \
             with hwb() (whiteness and blackness)."
                .to_owned(),
        );
    }
    if lower.starts_with("device-cmyk(") {
        let note = "device-cmyk() is CSS Color 5, which browsers do not support yet: read with its naive formula";
        return Some(match device_cmyk_fallback_text(text) {
            Some(fallback) => format!(
                "{note}. Shown is the CMYK colour; browsers without CMYK support paint the fallback, {fallback}."
            ),
            None => format!("{note}."),
        });
    }
    let starts_numeric =
        text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '.' | '+' | '-'));
    (starts_numeric && !text.contains('(')).then(|| {
        format!(
            "Read as rgb({text}): bare channels are accepted here as a convenience; CSS needs rgb( … ) around them."
        )
    })
}

/// A `ColorParser` that also takes numbers where `cssparser-color` insists on percentages: CSS Color 4's
/// modern syntax allows `hsl(120 50 50)` and `hwb(120 20 20)`, which cssparser-color 0.6 predates.
struct ModernComponents;

impl<'i> ColorParser<'i> for ModernComponents {
    type Output = cssparser_color::Color;
    type Error = ();

    fn parse_percentage(&self, input: &mut Parser) -> Result<f32, cssparser::ParseError<()>> {
        match *input.next()? {
            Token::Percentage { unit_value, .. } => Ok(unit_value),
            Token::Number { value, .. } => Ok(value / 100.0),
            _ => Err(cssparser::ParseError::unexpected_token()),
        }
    }
}

/// Converts a byte offset in `text` to a character offset in the original input.
fn char_position(text: &str, byte: usize, offset: isize) -> Option<usize> {
    let chars = text.get(..byte).map_or(0, |prefix| prefix.chars().count());
    usize::try_from(isize::try_from(chars).unwrap_or(0) + offset).ok()
}

fn parse_css(text: &str, offset: isize) -> Result<Color, ParseError> {
    let mut parser = Parser::new(text);
    let parsed = parser.parse_entirely(|p| parse_color_with(&ModernComponents, p));
    let tokens = Tokens::read(text);
    let at = |byte: usize| char_position(text, byte, offset);
    match parsed {
        Ok(cssparser_color::Color::CurrentColor) => Err(ParseError::new(
            ErrorKind::Unsupported {
                what: "currentcolor".into(),
                why: "it is the colour of the element it is used on, and has no value of its own",
            },
            at(tokens.head_at),
        )),
        Ok(cssparser_color::Color::Rgba(rgba)) if !matches!(tokens.head, Head::Function { .. }) => {
            // #hex and named colours: cssparser-color's 8-bit values are exact.
            let channel = |c: u8| Some(f64::from(c) / 255.0);
            let alpha = if rgba.alpha == 0.0 { 0.0 } else { f64::from(rgba.alpha) };
            let alpha = match &tokens.head {
                // Recompute from the digits: f32 division would leave 0.50196081 for 0x80.
                Head::Hash(digits) if digits.len() == 8 => {
                    u8::from_str_radix(&digits[6..], 16).map_or(alpha, |a| f64::from(a) / 255.0)
                }
                Head::Hash(digits) if digits.len() == 4 => u8::from_str_radix(&digits[3..], 16)
                    .map_or(alpha, |a| f64::from(a * 17) / 255.0),
                _ => alpha,
            };
            Ok(Color::new(
                Space::Srgb,
                [channel(rgba.red), channel(rgba.green), channel(rgba.blue)],
                Some(alpha),
            ))
        }
        Ok(_) => match &tokens.head {
            Head::Function { name, args } => read_function(name, args, &at),
            _ => Err(diagnose(&tokens, &at)),
        },
        Err(_) => Err(diagnose(&tokens, &at)),
    }
}

/// What a function is, for reading and checking its components.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Function {
    Rgb,
    Hsl,
    Hwb,
    Lab,
    Lch,
    Oklab,
    Oklch,
    Color,
}

/// How a colour function is read: by the CSS grammar, or as a pasted form that is not CSS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reader {
    Css(Function),
    /// `cmyk()` and CSS Color 5's `device-cmyk()`: [`parse_cmyk`].
    Cmyk,
    /// `hsv()`, as this tool and design tools write it: [`parse_hsv`].
    Hsv,
}

/// Every colour function the parser reads, by lowercase name. The parser dispatches on this table and the
/// unknown-function message lists it ([`function_list`]), so the two cannot drift apart.
const FUNCTIONS: &[(&str, Reader)] = &[
    ("rgb", Reader::Css(Function::Rgb)),
    ("rgba", Reader::Css(Function::Rgb)),
    ("hsl", Reader::Css(Function::Hsl)),
    ("hsla", Reader::Css(Function::Hsl)),
    ("hwb", Reader::Css(Function::Hwb)),
    ("lab", Reader::Css(Function::Lab)),
    ("lch", Reader::Css(Function::Lch)),
    ("oklab", Reader::Css(Function::Oklab)),
    ("oklch", Reader::Css(Function::Oklch)),
    ("color", Reader::Css(Function::Color)),
    ("device-cmyk", Reader::Cmyk),
    ("cmyk", Reader::Cmyk),
    ("hsv", Reader::Hsv),
    ("hsva", Reader::Hsv),
];

/// The reader of a function name (any case), if it is one this parser reads.
fn reader(name: &str) -> Option<Reader> {
    FUNCTIONS.iter().find(|(known, _)| known.eq_ignore_ascii_case(name)).map(|&(_, reader)| reader)
}

/// The reader of the function `text` is a call of (`cmyk(…)`), when its name is in [`FUNCTIONS`].
fn reader_of_call(text: &str) -> Option<Reader> {
    text.split_once('(').and_then(|(name, _)| reader(name))
}

/// The functions of [`FUNCTIONS`] as the unknown-function message lists them: `rgb(), rgba(), … or cmyk()`.
pub(crate) fn function_list() -> String {
    let names: Vec<String> = FUNCTIONS.iter().map(|(name, _)| format!("{name}()")).collect();
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

impl Function {
    fn from_name(name: &str) -> Option<Function> {
        match reader(name)? {
            Reader::Css(function) => Some(function),
            Reader::Cmyk | Reader::Hsv => None,
        }
    }

    fn allows_commas(self) -> bool {
        matches!(self, Function::Rgb | Function::Hsl)
    }

    fn component_names(self) -> [&'static str; 3] {
        match self {
            Function::Rgb | Function::Color => ["red", "green", "blue"],
            Function::Hsl => ["hue", "saturation", "lightness"],
            Function::Hwb => ["hue", "whiteness", "blackness"],
            Function::Lab | Function::Oklab => ["lightness", "a", "b"],
            Function::Lch | Function::Oklch => ["lightness", "chroma", "hue"],
        }
    }

    fn is_hue(self, index: usize) -> bool {
        matches!(
            (self, index),
            (Function::Hsl | Function::Hwb, 0) | (Function::Lch | Function::Oklch, 2)
        )
    }
}

/// The components of a function call: the `color()` space (if any), three channels and the alpha.
struct Parts<'a> {
    space: Option<&'a Item>,
    channels: Vec<&'a Item>,
    alpha: Vec<&'a Item>,
    legacy: bool,
}

fn values(items: &[Item]) -> Vec<&Item> {
    items.iter().filter(|item| !item.arg.is_separator()).collect()
}

fn split(function: Function, args: &[Item]) -> Parts<'_> {
    let legacy = args.iter().any(|item| item.arg == Arg::Comma);
    let slash = args.iter().position(|item| item.arg == Arg::Slash);
    let (mut channels, alpha) = match slash {
        Some(s) => (values(&args[..s]), values(&args[s + 1..])),
        None => {
            let mut all = values(args);
            let alpha = if legacy && all.len() == 4 { all.split_off(3) } else { Vec::new() };
            (all, alpha)
        }
    };
    let space = if function == Function::Color && !channels.is_empty() {
        Some(channels.remove(0))
    } else {
        None
    };
    Parts { space, channels, alpha, legacy }
}

/// An angle in degrees, reduced to [0, 360) (CSS Color 4 §4.3: hues are normalised to that range, so only the
/// angle modulo a turn matters). Reduced in its own unit first, which is exact for `deg`, `grad` and `turn`
/// (`f64::rem_euclid` is exact), so `1e30deg` is 1e30 mod 360 = 280°, not a product that overflows or loses
/// the remainder; `rad` is reduced modulo the f64 nearest 2π.
fn angle_degrees(value: f64, unit: &str) -> Option<f64> {
    let degrees = match unit.to_ascii_lowercase().as_str() {
        "deg" => value,
        "grad" => value.rem_euclid(400.0) * 0.9,
        "rad" => value.rem_euclid(std::f64::consts::TAU).to_degrees(),
        "turn" => value.rem_euclid(1.0) * 360.0,
        _ => return None,
    };
    Some(crate::space::normalize_hue(degrees))
}

/// The `color()` spaces the parser reads, by lowercase name. The parser looks spaces up here and the
/// unknown-space message lists it ([`color_space_list`]), so the two cannot drift apart.
const COLOR_SPACES: &[(&str, Space)] = &[
    ("srgb", Space::Srgb),
    ("srgb-linear", Space::SrgbLinear),
    ("display-p3", Space::DisplayP3),
    ("display-p3-linear", Space::DisplayP3Linear),
    ("a98-rgb", Space::A98Rgb),
    ("prophoto-rgb", Space::ProphotoRgb),
    ("rec2020", Space::Rec2020),
    ("xyz", Space::XyzD65),
    ("xyz-d50", Space::XyzD50),
    ("xyz-d65", Space::XyzD65),
];

fn color_space(name: &str) -> Option<Space> {
    COLOR_SPACES.iter().find(|(known, _)| known.eq_ignore_ascii_case(name)).map(|&(_, space)| space)
}

/// The spaces of [`COLOR_SPACES`] as the unknown-space message lists them: `srgb, srgb-linear, … or xyz-d65`.
pub(crate) fn color_space_list() -> String {
    let names: Vec<&str> = COLOR_SPACES.iter().map(|(name, _)| *name).collect();
    match names.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// CSS Color 4's system colours (§6.2) and the deprecated ones still accepted (Appendix A), sorted. Valid CSS
/// that this tool refuses (CONFORMANCE.md): each is whatever the browser and its theme make it.
const SYSTEM_COLORS: &[&str] = &[
    "AccentColor",
    "AccentColorText",
    "ActiveBorder",
    "ActiveCaption",
    "ActiveText",
    "AppWorkspace",
    "Background",
    "ButtonBorder",
    "ButtonFace",
    "ButtonHighlight",
    "ButtonShadow",
    "ButtonText",
    "Canvas",
    "CanvasText",
    "CaptionText",
    "Field",
    "FieldText",
    "GrayText",
    "Highlight",
    "HighlightText",
    "InactiveBorder",
    "InactiveCaption",
    "InactiveCaptionText",
    "InfoBackground",
    "InfoText",
    "LinkText",
    "Mark",
    "MarkText",
    "Menu",
    "MenuText",
    "Scrollbar",
    "SelectedItem",
    "SelectedItemText",
    "ThreeDDarkShadow",
    "ThreeDFace",
    "ThreeDHighlight",
    "ThreeDLightShadow",
    "ThreeDShadow",
    "VisitedText",
    "Window",
    "WindowFrame",
    "WindowText",
];

/// Largest magnitude a component keeps: larger (finite) values are accepted, as CSS accepts any number, and
/// brought back to this bound by [`clamp_as_css`]. Far beyond any colour (real Lab a/b stay within ±200), and
/// small enough that nothing downstream overflows: Lab cubes its a/b (1e100/500 cubed is 8e291), HSL multiplies
/// saturation by lightness, the transfer functions raise to at most the power 2.4, and the answer's rounding
/// multiplies by 10⁶ — all finite, so no conversion yields an infinity or NaN.
pub(crate) const MAX_COMPONENT: f64 = 1e100;

/// The value of one component; `Ok(None)` for `none`, `Err` for a token that does not belong there.
fn component(function: Function, index: usize, arg: &Arg) -> Result<Option<f64>, &'static str> {
    if arg.is_none() {
        return Ok(None);
    }
    let hue = function.is_hue(index);
    // What 100% means for each component (CSS Color 4 reference ranges).
    let percent_of = match (function, index) {
        (Function::Rgb, _) => 1.0,
        (Function::Hsl | Function::Hwb, _) => 100.0,
        (Function::Lab | Function::Lch, 0) => 100.0,
        (Function::Lab, _) => 125.0,
        (Function::Lch, _) => 150.0,
        (Function::Oklab | Function::Oklch, 0) => 1.0,
        (Function::Oklab | Function::Oklch, _) => 0.4,
        (Function::Color, _) => 1.0,
    };
    let number_scale = if function == Function::Rgb { 1.0 / 255.0 } else { 1.0 };
    // Any number is accepted (CSS clamps, it does not refuse). A literal too large for an f64 (`1e400`, which
    // the input's length limit still allows) is read as the largest f64 of its sign, as Chromium reads it
    // (`rgb(1e400 0 0)` paints red), so no infinity reaches a conversion; the tokenizer makes no NaN.
    let saturate = |v: f64| if v.is_infinite() { v.signum() * f64::MAX } else { v };
    let arg = &match arg {
        Arg::Number(v) => Arg::Number(saturate(*v)),
        Arg::Percent(v) => Arg::Percent(saturate(*v)),
        Arg::Dimension(v, unit) => Arg::Dimension(saturate(*v), unit.clone()),
        other => other.clone(),
    };
    match arg {
        Arg::Number(v) if hue => Ok(Some(crate::space::normalize_hue(*v))),
        Arg::Number(v) => Ok(Some(v * number_scale)),
        Arg::Percent(u) if !hue => Ok(Some(u * percent_of)),
        Arg::Dimension(v, unit) if hue => {
            angle_degrees(*v, unit).map(Some).ok_or("a number or an angle (deg, rad, grad, turn)")
        }
        _ if hue => Err("a number or an angle (deg, rad, grad, turn)"),
        _ => Err("a number or a percentage"),
    }
}

fn alpha_value(arg: &Arg) -> Result<Option<f64>, &'static str> {
    match arg {
        arg if arg.is_none() => Ok(None),
        Arg::Number(v) => Ok(Some(v.clamp(0.0, 1.0))),
        Arg::Percent(u) => Ok(Some(u.clamp(0.0, 1.0))),
        _ => Err("a number or a percentage"),
    }
}

/// Reads a function call that `cssparser-color` accepted.
fn read_function(
    name: &str,
    args: &[Item],
    at: &dyn Fn(usize) -> Option<usize>,
) -> Result<Color, ParseError> {
    let Some(function) = Function::from_name(name) else {
        return Err(ParseError::new(ErrorKind::UnknownFunction { name: name.into() }, at(0)));
    };
    let parts = split(function, args);
    let function_name = name.to_ascii_lowercase();
    if let Some(item) = mixed_number_percent(function, &parts) {
        return Err(ParseError::new(
            ErrorKind::MixedNumberPercent { function: function_name },
            at(item.at),
        ));
    }
    if let Some(error) = legacy_hsl_numbers(function, &parts, &function_name, at) {
        return Err(error);
    }
    let space = match (function, parts.space) {
        (Function::Color, Some(Item { arg: Arg::Ident(space), .. })) => color_space(space),
        (Function::Rgb, _) => Some(Space::Srgb),
        (Function::Hsl, _) => Some(Space::Hsl),
        (Function::Hwb, _) => Some(Space::Hwb),
        (Function::Lab, _) => Some(Space::Lab),
        (Function::Lch, _) => Some(Space::Lch),
        (Function::Oklab, _) => Some(Space::Oklab),
        (Function::Oklch, _) => Some(Space::Oklch),
        _ => None,
    };
    let mut coords = [None; 3];
    for (index, item) in parts.channels.iter().enumerate().take(3) {
        coords[index] = component(function, index, &item.arg).map_err(|expected| {
            invalid(&function_name, function.component_names()[index], expected, item, at)
        })?;
    }
    let alpha = match parts.alpha.first() {
        Some(item) => alpha_value(&item.arg)
            .map_err(|expected| invalid(&function_name, "alpha", expected, item, at))?,
        None => Some(1.0),
    };
    let (Some(space), 3) = (space, parts.channels.len()) else {
        return Err(ParseError::new(
            ErrorKind::Syntax { expected: "a valid colour", found: name.into() },
            at(0),
        ));
    };
    // Only the CSS functions are clamped: `color(srgb 1.2 0 0)` is a colour outside sRGB, kept as given.
    let coords = if function == Function::Color { coords } else { clamp_as_css(space, coords) };
    Ok(Color::new(space, bound_magnitude(function, coords), alpha))
}

/// Brings components beyond ±[`MAX_COMPONENT`] back to that bound, so that no conversion overflows. Components
/// that together give a direction (Lab and Oklab a/b, the three of `color()`) are scaled together, which keeps
/// the hue (and for `color()` the ratio of the channels); others are clamped one by one. No real colour is
/// touched: the result is the same colour a browser paints, which for such values is black, white or the
/// gamut-mapped edge of sRGB in that direction.
fn bound_magnitude(function: Function, coords: [Option<f64>; 3]) -> [Option<f64>; 3] {
    let one = |v: Option<f64>| v.map(|v| v.clamp(-MAX_COMPONENT, MAX_COMPONENT));
    let mut coords = coords.map(one);
    let joint = match function {
        Function::Lab | Function::Oklab => 1..3,
        Function::Color => 0..3,
        _ => 0..0,
    };
    let largest = coords[joint.clone()].iter().flatten().fold(0.0_f64, |m, v| m.max(v.abs()));
    if largest >= MAX_COMPONENT {
        let scale = MAX_COMPONENT / largest;
        for v in coords[joint].iter_mut().flatten() {
            // Keep the largest exactly at the bound; scale the others in proportion.
            *v = if v.abs() >= MAX_COMPONENT { v.signum() * MAX_COMPONENT } else { *v * scale };
        }
    }
    coords
}

/// The clamps applied at parsed-value time, so that a colour reads as the colour a browser paints:
///
/// - `rgb()`: each channel to 0–255 (CSS Color 4 §5.1: "Values outside these ranges are not invalid, but are
///   clamped to the ranges defined here at parsed-value time"). `rgb(300 0 0)` is `#ff0000`, as Chromium paints
///   it, not the gamut-mapped `#ff604f`.
/// - `hsl()`: only a negative saturation, to 0% (CSS Color 4 §7: "For historical reasons, if the saturation is
///   less than 0% it is clamped to 0% at parsed-value time, before being converted to an sRGB color").
///   Saturation over 100% and lightness outside 0–100% are kept; the §7.1 conversion then gives sRGB channels
///   outside 0–1, which are clamped one by one, as for any legacy sRGB colour (see `space::hsl_to_srgb`):
///   `hsl(0 120 80)` is `#ff8f8f`, `hsl(120 150% 50%)` is `#00ff00`. (WPT dropped its tests of the old clamping
///   in web-platform-tests PR 45941, after w3c/csswg-drafts#9222; Chromium's fast path for the lowercase
///   `hsl(… %  …%)` form still clamps saturation to 100%, a listed divergence.)
/// - `hwb()`: whiteness and blackness to ≥ 0. §8 says values outside 0–100% "are not invalid" and that a sum of
///   100% or more is an achromatic grey white / (white + black), which the conversion does (so
///   `hwb(90 150% 30%)` is the grey 150/180 = `#d5d5d5`); the handling of a negative whiteness or blackness is
///   left unspecified (a comment in the spec's source says so), and Chromium clamps it to 0%, as done here.
/// - Lab, LCH, Oklab, Oklch: lightness to its range and chroma to ≥ 0 (§8.1, §8.2, §9.1, §9.2).
///
/// `color()` components are kept, so a colour genuinely outside sRGB stays visible as such and is gamut-mapped
/// (§13.2), as are Lab, LCH, Oklab and Oklch colours outside sRGB.
fn clamp_as_css(space: Space, [a, b, c]: [Option<f64>; 3]) -> [Option<f64>; 3] {
    let clamp = |v: Option<f64>, lo: f64, hi: f64| v.map(|v| v.clamp(lo, hi));
    match space {
        Space::Srgb => [clamp(a, 0.0, 1.0), clamp(b, 0.0, 1.0), clamp(c, 0.0, 1.0)],
        Space::Hsl => [a, clamp(b, 0.0, f64::INFINITY), c],
        Space::Hwb => [a, clamp(b, 0.0, f64::INFINITY), clamp(c, 0.0, f64::INFINITY)],
        Space::Lab => [clamp(a, 0.0, 100.0), b, c],
        Space::Lch => [clamp(a, 0.0, 100.0), clamp(b, 0.0, f64::INFINITY), c],
        Space::Oklab => [clamp(a, 0.0, 1.0), b, c],
        Space::Oklch => [clamp(a, 0.0, 1.0), clamp(b, 0.0, f64::INFINITY), c],
        _ => [a, b, c],
    }
}

/// In the legacy comma form of `rgb()` (CSS Color 4 §5.1: all `<number>` or all `<percentage>`), the first
/// channel that is not of the first channel's type: the value that breaks the rule, to point at.
fn mixed_number_percent<'a>(function: Function, parts: &Parts<'a>) -> Option<&'a Item> {
    if function != Function::Rgb || !parts.legacy {
        return None;
    }
    let is_percent = |item: &Item| matches!(item.arg, Arg::Percent(_));
    let (first, rest) = parts.channels.split_first()?;
    rest.iter().copied().find(|item| is_percent(item) != is_percent(first))
}

/// What `hsl()` accepts for saturation and lightness in the legacy comma syntax.
const LEGACY_HSL_PERCENT: &str = "a percentage when the values are separated by commas, e.g. hsl(120, 50%, 50%) \
                                  (bare numbers are allowed only without commas: hsl(120 50 50))";

/// A bare number for saturation or lightness in the legacy comma form of `hsl()`: CSS Color 4 §7.1 gives that
/// form as `hsl( <hue>, <percentage>, <percentage>, <alpha-value>? )`, and browsers refuse
/// `hsl(120deg, 50, 50%)` (Chromium: `CSS.supports('color', …)` is false); `cssparser-color` 0.6 with
/// [`ModernComponents`] would take it.
fn legacy_hsl_numbers(
    function: Function,
    parts: &Parts<'_>,
    function_name: &str,
    at: &dyn Fn(usize) -> Option<usize>,
) -> Option<ParseError> {
    if function != Function::Hsl || !parts.legacy {
        return None;
    }
    parts.channels.iter().enumerate().skip(1).take(2).find_map(|(index, item)| {
        matches!(item.arg, Arg::Number(_)).then(|| {
            invalid(function_name, function.component_names()[index], LEGACY_HSL_PERCENT, item, at)
        })
    })
}

fn invalid(
    function: &str,
    component: &'static str,
    expected: &'static str,
    item: &Item,
    at: &dyn Fn(usize) -> Option<usize>,
) -> ParseError {
    // A function inside a component (`rgb(calc(1) 2 3)`) is valid CSS that a browser resolves; say that it is
    // not supported here rather than that it is the wrong type.
    if let Some(name) = item.source.strip_suffix('(') {
        let why = "give the colour's components as plain numbers";
        return ParseError::new(
            ErrorKind::Unsupported {
                what: format!("{}() in {function}()", name.to_ascii_lowercase()),
                why,
            },
            at(item.at),
        );
    }
    ParseError::new(
        ErrorKind::InvalidComponent {
            function: function.into(),
            component,
            expected,
            found: item.source.clone(),
        },
        at(item.at),
    )
}

/// Explains why the grammar rejected the input.
fn diagnose(tokens: &Tokens, at: &dyn Fn(usize) -> Option<usize>) -> ParseError {
    let error = |kind, byte| ParseError::new(kind, at(byte));
    let trailing = || match &tokens.trailing {
        Some(item) => error(ErrorKind::TrailingInput { found: item.source.clone() }, item.at),
        None => {
            error(ErrorKind::Syntax { expected: "a colour", found: String::new() }, tokens.head_at)
        }
    };
    match &tokens.head {
        Head::Nothing => ParseError::new(ErrorKind::Empty, None),
        Head::Hash(digits) => {
            if let Some((index, bad)) = digits.char_indices().find(|(_, c)| !c.is_ascii_hexdigit())
            {
                let problem = format!("\"{bad}\" is not a hex digit (0–9, a–f)");
                return error(
                    ErrorKind::InvalidHex { digits: digits.clone(), problem },
                    tokens.head_at + 1 + index,
                );
            }
            if !matches!(digits.len(), 3 | 4 | 6 | 8) {
                let problem =
                    format!("a hex colour has 3, 4, 6 or 8 digits, found {}", digits.len());
                return error(
                    ErrorKind::InvalidHex { digits: digits.clone(), problem },
                    tokens.head_at,
                );
            }
            trailing()
        }
        Head::Ident(name) => {
            if name.eq_ignore_ascii_case("currentcolor") {
                return error(
                    ErrorKind::Unsupported {
                        what: "currentcolor".into(),
                        why: "it is the colour of the element it is used on, and has no value of its own",
                    },
                    tokens.head_at,
                );
            }
            if named::lookup(name).is_some() || name.eq_ignore_ascii_case("transparent") {
                return trailing();
            }
            if let Some(system) =
                SYSTEM_COLORS.iter().find(|known| known.eq_ignore_ascii_case(name))
            {
                return error(
                    ErrorKind::Unsupported {
                        what: format!("{system} (a system colour, CSS Color 4 §6.2)"),
                        why: "its value depends on the user agent and its theme (light or dark, forced colours), \
                              so it has no value to convert",
                    },
                    tokens.head_at,
                );
            }
            error(
                ErrorKind::UnknownName { name: name.clone(), suggestion: named::suggest(name) },
                tokens.head_at,
            )
        }
        Head::Function { name, args } => match Function::from_name(name) {
            Some(function) => diagnose_function(function, name, args, at).unwrap_or_else(|| {
                match &tokens.trailing {
                    Some(_) => trailing(),
                    None => error(
                        ErrorKind::Syntax {
                            expected: "a valid colour",
                            found: format!("{name}(…)"),
                        },
                        tokens.head_at,
                    ),
                }
            }),
            None => {
                let lower = name.to_ascii_lowercase();
                let why = match lower.as_str() {
                    "var" | "env" | "attr" => Some("it depends on the page it is used in"),
                    "calc" | "min" | "max" | "clamp" => {
                        Some("give the colour's components as plain numbers")
                    }
                    "color-mix" | "light-dark" | "contrast-color" => {
                        Some("give the colour it resolves to instead")
                    }
                    _ => None,
                };
                match why {
                    Some(why) => error(
                        ErrorKind::Unsupported { what: format!("{lower}()"), why },
                        tokens.head_at,
                    ),
                    None => {
                        error(ErrorKind::UnknownFunction { name: name.clone() }, tokens.head_at)
                    }
                }
            }
        },
        Head::Other(found) if found == "#" => error(
            ErrorKind::InvalidHex {
                digits: String::new(),
                problem: "a hex colour needs 3, 4, 6 or 8 digits after #".into(),
            },
            tokens.head_at,
        ),
        Head::Other(found) => error(
            ErrorKind::Syntax {
                expected: "a colour name, #hex or a colour function",
                found: found.clone(),
            },
            tokens.head_at,
        ),
    }
}

/// Finds the first problem in a colour function's arguments, or `None` if there is nothing specific to say.
fn diagnose_function(
    function: Function,
    name: &str,
    args: &[Item],
    at: &dyn Fn(usize) -> Option<usize>,
) -> Option<ParseError> {
    let fname = name.to_ascii_lowercase();
    let error = |kind, byte| Some(ParseError::new(kind, at(byte)));
    if let Some(first) = args.first()
        && matches!(&first.arg, Arg::Ident(word) if word.eq_ignore_ascii_case("from"))
    {
        let why = "give the colour it resolves to instead";
        return error(
            ErrorKind::Unsupported { what: "relative colour syntax (from)".into(), why },
            first.at,
        );
    }
    if let Some(comma) = args.iter().find(|item| item.arg == Arg::Comma) {
        if !function.allows_commas() {
            return error(ErrorKind::CommasNotAllowed { function: fname }, comma.at);
        }
        // The legacy syntax alternates value, comma, value …
        for (index, item) in args.iter().enumerate() {
            let should_be_comma = index % 2 == 1;
            if item.arg == Arg::Slash {
                let example = if function == Function::Rgb {
                    "rgb(255 0 0 / 50%)"
                } else {
                    "hsl(0 100% 50% / 50%)"
                };
                return error(
                    ErrorKind::ModernOnly { function: fname, what: "\"/\" before alpha", example },
                    item.at,
                );
            }
            if (item.arg == Arg::Comma) != should_be_comma {
                return error(ErrorKind::MixedSeparators { function: fname }, item.at);
            }
            if item.arg.is_none() {
                let example =
                    if function == Function::Rgb { "rgb(none 0 0)" } else { "hsl(none 0% 50%)" };
                return error(
                    ErrorKind::ModernOnly { function: fname, what: "none", example },
                    item.at,
                );
            }
        }
        if args.last().is_some_and(|item| item.arg == Arg::Comma) {
            return error(ErrorKind::MixedSeparators { function: fname }, args.last()?.at);
        }
    }
    let parts = split(function, args);
    if function == Function::Color {
        match parts.space {
            Some(Item { arg: Arg::Ident(space), at: byte, .. }) if color_space(space).is_none() => {
                return error(ErrorKind::UnknownColorSpace { name: space.clone() }, *byte);
            }
            Some(Item { arg: Arg::Ident(_), .. }) => {}
            Some(item) => {
                return error(
                    ErrorKind::Syntax {
                        expected: "a colour space such as srgb or display-p3",
                        found: item.source.clone(),
                    },
                    item.at,
                );
            }
            None => {
                return error(ErrorKind::WrongCount { function: fname, expected: 3, found: 0 }, 0);
            }
        }
    }
    for (index, item) in parts.channels.iter().enumerate().take(3) {
        if let Err(expected) = component(function, index, &item.arg) {
            return Some(invalid(&fname, function.component_names()[index], expected, item, at));
        }
    }
    if parts.channels.len() != 3 {
        // Point at the first extra value, or where the missing one should have been.
        let end = args.last().map(|item| item.at + item.source.len());
        let byte = parts.channels.get(3).map(|item| item.at).or(end).unwrap_or(name.len() + 1);
        return error(
            ErrorKind::WrongCount { function: fname, expected: 3, found: parts.channels.len() },
            byte,
        );
    }
    match parts.alpha.as_slice() {
        [] => {
            if let Some(slash) = args.iter().find(|item| item.arg == Arg::Slash) {
                // Where the alpha should have been: just after the slash.
                return error(ErrorKind::MissingAlpha { function: fname }, slash.at + 1);
            }
        }
        [item] => {
            if let Err(expected) = alpha_value(&item.arg) {
                return Some(invalid(&fname, "alpha", expected, item, at));
            }
        }
        [_, extra, ..] => {
            return Some(invalid(&fname, "alpha", "a single number or percentage", extra, at));
        }
    }
    if args.iter().filter(|item| item.arg == Arg::Slash).count() > 1 {
        let second = args.iter().filter(|item| item.arg == Arg::Slash).nth(1)?;
        return Some(invalid(&fname, "alpha", "a single number or percentage", second, at));
    }
    if let Some(item) = mixed_number_percent(function, &parts) {
        return error(ErrorKind::MixedNumberPercent { function: fname }, item.at);
    }
    legacy_hsl_numbers(function, &parts, &fname, at)
}

/// `cmyk(c, m, y, k)` or `device-cmyk(c m y k / alpha, fallback)` (CSS Color 5 §device-cmyk), converted naively
/// as CSS Color 5 specifies for colours without a colour profile. Components are percentages or numbers 0–1,
/// clamped, or `none` (0). Only the pasted `cmyk(…)`, which is not CSS, reads numbers as percentages when one
/// exceeds 1 (`cmyk(0, 100, 100, 0)`); in `device-cmyk()` 1.2 is clamped to 1, as CSS says. `device-cmyk()`'s
/// fallback colour (what a browser without a CMYK profile paints) must be a valid colour; the tool shows the
/// CMYK colour itself, and the note names the fallback.
fn parse_cmyk(text: &str, offset: isize) -> Result<Color, ParseError> {
    let tokens = Tokens::read(text);
    let at = |byte: usize| char_position(text, byte, offset);
    let Pasted { fname, args, slash, values: inks, alpha } =
        pasted_function(&tokens, text, "cmyk(c, m, y, k)", &at)?;
    let (slash, mut inks, alpha) = match device_cmyk_fallback(&fname, args, text) {
        Some((comma, fallback)) => {
            let before = isize::try_from(text[..fallback.start].chars().count()).unwrap_or(0);
            parse_css(&text[fallback], offset + before)?;
            let args = &args[..comma];
            let slash = args.iter().position(|item| item.arg == Arg::Slash);
            match slash {
                Some(s) => (Some(&args[s]), values(&args[..s]), values(&args[s + 1..])),
                None => (None, values(args), Vec::new()),
            }
        }
        None => (slash, inks, alpha),
    };
    let alpha = if alpha.is_empty() && inks.len() == 5 { inks.split_off(4) } else { alpha };
    if inks.len() != 4 {
        return Err(ParseError::new(
            ErrorKind::WrongCount { function: fname, expected: 4, found: inks.len() },
            at(0),
        ));
    }
    let numbers_are_percent =
        fname == "cmyk" && inks.iter().any(|item| matches!(item.arg, Arg::Number(v) if v > 1.0));
    let mut cmyk = [0.0; 4];
    for (index, item) in inks.iter().enumerate() {
        let component = ["cyan", "magenta", "yellow", "black"][index];
        cmyk[index] = match item.arg {
            ref none if none.is_none() => 0.0,
            Arg::Percent(u) => u,
            Arg::Number(v) if numbers_are_percent => v / 100.0,
            Arg::Number(v) => v,
            _ => {
                return Err(invalid(
                    &fname,
                    component,
                    "a percentage, a number from 0 to 1 or none",
                    item,
                    &at,
                ));
            }
        }
        .clamp(0.0, 1.0);
    }
    let alpha = pasted_alpha(&fname, &alpha, slash, &at)?.unwrap_or(0.0);
    let [c, m, y, k] = cmyk;
    Ok(Color::srgb((1.0 - c) * (1.0 - k), (1.0 - m) * (1.0 - k), (1.0 - y) * (1.0 - k), alpha))
}

/// In `device-cmyk(c m y k / a, fallback)`, the comma before the fallback colour (its index in `args`) and the
/// fallback's bytes in `text`: a last comma followed by something that is not a number, a percentage or `none`
/// (the legacy comma syntax separates numbers with commas).
fn device_cmyk_fallback(
    fname: &str,
    args: &[Item],
    text: &str,
) -> Option<(usize, std::ops::Range<usize>)> {
    if fname != "device-cmyk" {
        return None;
    }
    let comma = args.iter().rposition(|item| item.arg == Arg::Comma)?;
    let first = args.get(comma + 1)?;
    if matches!(first.arg, Arg::Number(_) | Arg::Percent(_)) || first.arg.is_none() {
        return None;
    }
    let end = text.rfind(')').filter(|&end| end >= first.at).unwrap_or(text.len());
    Some((comma, first.at..end))
}

/// The fallback colour of a `device-cmyk()` call, as written, for the answer's note.
fn device_cmyk_fallback_text(text: &str) -> Option<String> {
    let tokens = Tokens::read(text);
    let Head::Function { name, args } = &tokens.head else { return None };
    let (_, range) = device_cmyk_fallback(&name.to_ascii_lowercase(), args, text)?;
    Some(text[range].trim().to_owned())
}

/// `hsv(h s% v%)` or `hsv(h s% v% / alpha)`, as the answer's `hsv_notation` writes it, and the comma form
/// `hsva(h, s%, v%, alpha)` design tools paste. Not CSS. The hue is a number of degrees, an angle or `none` (as
/// for `hsl()`); saturation and value are percentages, or numbers 0–100 as in `hsl(120 50 50)`, clamped to
/// 0–100%. HSV is HWB by another name (whiteness = v × (1 − s), blackness = 1 − v), so the colour is kept as
/// `hwb()`, exactly.
fn parse_hsv(text: &str, offset: isize) -> Result<Color, ParseError> {
    let tokens = Tokens::read(text);
    let at = |byte: usize| char_position(text, byte, offset);
    let Pasted { fname, args, slash, values: mut channels, alpha } =
        pasted_function(&tokens, text, "hsv(h s% v%)", &at)?;
    let alpha = if slash.is_none() && channels.len() == 4 { channels.split_off(3) } else { alpha };
    if channels.len() != 3 {
        // Point at the first extra value, or where the missing one should have been.
        let end = args.last().map_or(fname.len() + 1, |item| item.at + item.source.len());
        return Err(ParseError::new(
            ErrorKind::WrongCount { function: fname, expected: 3, found: channels.len() },
            at(channels.get(3).map_or(end, |item| item.at)),
        ));
    }
    let hue = component(Function::Hsl, 0, &channels[0].arg)
        .map_err(|expected| invalid(&fname, "hue", expected, channels[0], &at))?;
    let mut percents = [0.0; 2];
    for (index, item) in channels[1..].iter().enumerate() {
        percents[index] = match item.arg {
            Arg::Percent(u) => u * 100.0,
            Arg::Number(v) => v,
            _ => {
                let component = ["saturation", "value"][index];
                let expected = "a percentage or a number from 0 to 100";
                return Err(invalid(&fname, component, expected, item, &at));
            }
        }
        .clamp(0.0, 100.0);
    }
    let alpha = pasted_alpha(&fname, &alpha, slash, &at)?;
    let [saturation, value] = percents;
    let whiteness = value * (100.0 - saturation) / 100.0;
    Ok(Color::new(Space::Hwb, [hue, Some(whiteness), Some(100.0 - value)], alpha))
}

/// A pasted function that is not CSS (`cmyk()`, `hsv()`), read up to its values.
struct Pasted<'t> {
    /// Its name in lower case.
    fname: String,
    /// Its arguments as written, separators included.
    args: &'t [Item],
    /// The `/` before the alpha, if any.
    slash: Option<&'t Item>,
    /// The values before the `/` (commas left out).
    values: Vec<&'t Item>,
    /// The values after it.
    alpha: Vec<&'t Item>,
}

/// `text` as one pasted function call with nothing after it, or the error saying it is not one (`expected`
/// shows the function's syntax).
fn pasted_function<'t>(
    tokens: &'t Tokens,
    text: &str,
    expected: &'static str,
    at: &dyn Fn(usize) -> Option<usize>,
) -> Result<Pasted<'t>, ParseError> {
    let Head::Function { name, args } = &tokens.head else {
        return Err(ParseError::new(ErrorKind::Syntax { expected, found: text.into() }, at(0)));
    };
    if let Some(item) = &tokens.trailing {
        return Err(ParseError::new(
            ErrorKind::TrailingInput { found: item.source.clone() },
            at(item.at),
        ));
    }
    let slash = args.iter().position(|item| item.arg == Arg::Slash);
    let (values, alpha) = match slash {
        Some(s) => (values(&args[..s]), values(&args[s + 1..])),
        None => (values(args), Vec::new()),
    };
    Ok(Pasted {
        fname: name.to_ascii_lowercase(),
        args,
        slash: slash.map(|s| &args[s]),
        values,
        alpha,
    })
}

/// A pasted function's alpha, the values after its `/` (`slash`) or its extra value: 1 when there is none,
/// `None` for `none`; an error for a `/` with nothing after it (pointing just past it) or for more than one value.
fn pasted_alpha(
    fname: &str,
    alpha: &[&Item],
    slash: Option<&Item>,
    at: &dyn Fn(usize) -> Option<usize>,
) -> Result<Option<f64>, ParseError> {
    match alpha {
        [] => match slash {
            Some(slash) => Err(ParseError::new(
                ErrorKind::MissingAlpha { function: fname.to_owned() },
                at(slash.at + 1),
            )),
            None => Ok(Some(1.0)),
        },
        [item] => {
            alpha_value(&item.arg).map_err(|expected| invalid(fname, "alpha", expected, item, at))
        }
        [_, extra, ..] => Err(invalid(fname, "alpha", "a single number or percentage", extra, at)),
    }
}

#[cfg(test)]
mod tests;
