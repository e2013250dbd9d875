//! Every format of one colour, as numbers and as CSS strings: the body of `GET /api/color`.

use crate::color::Color;
use crate::contrast::{Levels, against_white_and_black, relative_luminance};
use crate::format::{self, alpha_suffix, hue, num, round};
use crate::named;
use crate::space;
use serde::Serialize;

/// Ready-to-paste CSS for each format.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = ColorCssStrings))]
pub struct CssStrings {
    /// `#rrggbb`, or `#rrggbbaa` when translucent; gamut-mapped into sRGB.
    pub hex: String,
    /// `rgb(255 0 0)`, or `rgb(255 0 0 / 0.5)` when translucent: channels 0–255, gamut-mapped into sRGB.
    pub rgb: String,
    /// `hsl(0 100% 50%)`: hue in degrees (`none` when powerless), saturation and lightness in percent;
    /// gamut-mapped into sRGB.
    pub hsl: String,
    /// `hwb(0 0% 0%)`: hue in degrees (`none` when powerless), whiteness and blackness in percent; gamut-mapped
    /// into sRGB.
    pub hwb: String,
    /// `lab(54.291 80.805 69.891)`: CIE Lab relative to D50 (lightness 0–100), the colour as given.
    pub lab: String,
    /// `lch(54.291 106.837 40.858)`: CIE LCH relative to D50 (lightness 0–100, chroma, hue in degrees), the
    /// colour as given.
    pub lch: String,
    /// `oklab(0.62796 0.22486 0.12585)`: Oklab (lightness 0–1), the colour as given.
    pub oklab: String,
    /// `oklch(0.62796 0.25768 29.234)`: Oklch (lightness 0–1, chroma, hue in degrees), the colour as given.
    pub oklch: String,
}

/// WCAG 2 contrast ratios against white and black, with the highest level each passes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = ColorAgainstWhiteBlack))]
pub struct AgainstWhiteBlack {
    /// Contrast ratio against white, 1 to 21, to two decimals.
    pub white: f64,
    /// Contrast ratio against black, 1 to 21, to two decimals.
    pub black: f64,
    /// The highest WCAG 2 level (`"AA"`, `"AAA"` or `null`) the colour passes on white, for normal and large text.
    pub white_level: Levels,
    /// The highest WCAG 2 level (`"AA"`, `"AAA"` or `null`) the colour passes on black, for normal and large text.
    pub black_level: Levels,
}

/// A colour in every format. sRGB-based formats (hex, rgb, hsl, hwb, hsv, cmyk) are gamut-mapped;
/// Lab, LCH, Oklab, Oklch and XYZ describe the colour as given. Hues are in degrees, 0 to 360, and `None`
/// (JSON `null`) where powerless: a grey has no hue.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = ColorConversion))]
pub struct Conversion {
    /// The input as given, without surrounding whitespace.
    pub input: String,
    /// Opacity, 0 (transparent) to 1 (opaque), to four decimals.
    pub alpha: f64,
    /// Whether the colour is inside sRGB; when not, the sRGB formats are gamut-mapped (CSS Color 4 §13.2).
    pub in_gamut: bool,
    /// `#rrggbb`, lowercase, without alpha; gamut-mapped into sRGB.
    pub hex: String,
    /// `#rrggbbaa`: `hex` with the alpha as two more digits (`ff` when opaque).
    pub hex8: String,
    /// `[red, green, blue]` sRGB channels, each 0 to 1 (to six decimals), after gamut mapping.
    #[cfg_attr(feature = "web", schema(min_items = 3, max_items = 3))]
    pub srgb: [f64; 3],
    /// `[red, green, blue]` sRGB channels, each an integer 0 to 255, after gamut mapping.
    #[cfg_attr(feature = "web", schema(min_items = 3, max_items = 3))]
    pub rgb: [u8; 3],
    /// `[hue, saturation, lightness]`: hue in degrees 0–360 (`null` when powerless), saturation and lightness
    /// in percent, 0–100; from the gamut-mapped sRGB.
    #[cfg_attr(feature = "web", schema(min_items = 3, max_items = 3))]
    pub hsl: [Option<f64>; 3],
    /// `[hue, whiteness, blackness]`: hue in degrees 0–360 (`null` when powerless), whiteness and blackness in
    /// percent, 0–100; from the gamut-mapped sRGB.
    #[cfg_attr(feature = "web", schema(min_items = 3, max_items = 3))]
    pub hwb: [Option<f64>; 3],
    /// `[hue, saturation, value]` (HSV/HSB, not CSS; as design tools show it): hue in degrees 0–360 (`null` when
    /// powerless), saturation and value in percent, 0–100; from the gamut-mapped sRGB.
    #[cfg_attr(feature = "web", schema(min_items = 3, max_items = 3))]
    pub hsv: [Option<f64>; 3],
    /// `[cyan, magenta, yellow, black]` in percent, each 0–100, by the naive formula from the gamut-mapped sRGB
    /// (no print profile).
    #[cfg_attr(feature = "web", schema(min_items = 4, max_items = 4))]
    pub cmyk: [f64; 4],
    /// `[L, a, b]`: CIE Lab relative to D50 as CSS defines it, the colour as given; lightness 0–100, a and b
    /// unbounded (about −125 to 125 for real colours).
    #[cfg_attr(feature = "web", schema(min_items = 3, max_items = 3))]
    pub lab: [f64; 3],
    /// `[L, C, h]`: CIE LCH relative to D50, the colour as given; lightness 0–100, chroma from 0 (about 150 at
    /// most for real colours), hue in degrees 0–360 (`null` when powerless).
    #[cfg_attr(feature = "web", schema(min_items = 3, max_items = 3))]
    pub lch: [Option<f64>; 3],
    /// `[L, a, b]`: Oklab, the colour as given; lightness 0–1, a and b about −0.4 to 0.4.
    #[cfg_attr(feature = "web", schema(min_items = 3, max_items = 3))]
    pub oklab: [f64; 3],
    /// `[L, C, h]`: Oklch, the colour as given; lightness 0–1, chroma from 0 (about 0.4 at most for real
    /// colours), hue in degrees 0–360 (`null` when powerless).
    #[cfg_attr(feature = "web", schema(min_items = 3, max_items = 3))]
    pub oklch: [Option<f64>; 3],
    /// `[X, Y, Z]`: CIE XYZ relative to D65, the colour as given; Y is 1 for white.
    #[cfg_attr(feature = "web", schema(min_items = 3, max_items = 3))]
    pub xyz: [f64; 3],
    /// The colour as ready-to-paste CSS, one string per format.
    pub css: CssStrings,
    /// The CSS named colour that is exactly this colour (`red`), or `null`.
    pub name: Option<&'static str>,
    /// The closest CSS named colour by ΔE OK (Euclidean distance in Oklab).
    pub nearest_name: &'static str,
    /// WCAG 2 relative luminance, 0 (black) to 1 (white), of the gamut-mapped colour with its alpha ignored.
    pub luminance: f64,
    /// WCAG 2 contrast ratios of the colour, painted over each, against white and against black.
    pub contrast: AgainstWhiteBlack,
    /// When the input is not CSS but a form read as a convenience, what it was read as and what CSS would
    /// need: bare hex (`fff`: CSS Color 4 §5.2 writes `#fff`) and `0xRRGGBB` literals, bare channels
    /// (`255, 0, 0`: read as `rgb()`), `cmyk()` and `hsv()` (not CSS), and `device-cmyk()` (CSS Color 5, which
    /// browsers do not support yet). Left out for CSS input, which a browser accepts for `color:` as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Conversion {
    /// The HSV numbers as design tools write them, in CSS-like notation with the alpha after a slash when the
    /// colour is translucent: `hsv(0 100% 100%)`, `hsv(0 100% 100% / 0.5)`. Not CSS.
    pub fn hsv_notation(&self) -> String {
        let [h, s, v] = self.hsv;
        let percent = |v: Option<f64>| num(v.unwrap_or(0.0), 2);
        format!("hsv({} {}% {}%{})", hue(h, 2), percent(s), percent(v), alpha_suffix(self.alpha))
    }

    /// The CMYK numbers as CSS Color 5's `device-cmyk()`, with the alpha after a slash when the colour is
    /// translucent: `device-cmyk(0% 100% 100% 0%)`, `device-cmyk(0% 100% 100% 0% / 0.5)`.
    pub fn cmyk_notation(&self) -> String {
        let [c, m, y, k] = self.cmyk.map(|v| num(v, 2));
        format!("device-cmyk({c}% {m}% {y}% {k}%{})", alpha_suffix(self.alpha))
    }
}

fn cmyk([r, g, b]: [f64; 3]) -> [f64; 4] {
    let k = 1.0 - r.max(g).max(b);
    if k >= 1.0 {
        return [0.0, 0.0, 0.0, 100.0];
    }
    let ink = |c: f64| (1.0 - c - k) / (1.0 - k) * 100.0;
    [ink(r), ink(g), ink(b), k * 100.0]
}

fn rounded3(v: [f64; 3], decimals: i32) -> [f64; 3] {
    v.map(|c| round(c, decimals))
}

fn polar(l: f64, c: f64, h: Option<f64>, decimals: i32) -> [Option<f64>; 3] {
    [Some(round(l, decimals)), Some(round(c, decimals)), h.map(|h| round(h, 4))]
}

fn cylindrical((h, a, b): (Option<f64>, f64, f64)) -> [Option<f64>; 3] {
    [h.map(|h| round(h, 4)), Some(round(a, 4)), Some(round(b, 4))]
}

/// A lightness as a CSS string writes it: rounded to `decimals`, except that one just inside 0 or `end` (1 for
/// Oklab and Oklch, 100 for Lab and Lch) is not rounded onto the end, where CSS Color 4 §13.2 maps every colour
/// to black or white: `oklch(0.999999999 0.4 30)` (`#fffaf6`) is written `oklch(0.99999 0.4 30)`, which pastes back
/// as the same colour, where `oklch(1 0.4 30)` would be white.
/// Within `ON_THE_END` (relative to `end`) a lightness counts as on the end: the conversions' rounding error
/// (about 1e-16) must not write white as `oklch(0.99999 0 none)`.
fn lightness(l: f64, decimals: i32, end: f64) -> String {
    const ON_THE_END: f64 = 1e-12;
    let step = 10f64.powi(-decimals);
    let rounded = round(l, decimals);
    let inside = if rounded >= end && l < end * (1.0 - ON_THE_END) {
        end - step
    } else if rounded <= 0.0 && l > end * ON_THE_END {
        step
    } else {
        rounded
    };
    num(inside, decimals)
}

/// Converts a parsed colour to every format.
pub fn convert(input: &str, color: &Color) -> Conversion {
    let alpha = color.alpha();
    let srgb = color.srgb_mapped();
    let rgb = srgb.map(format::to_u8);
    let hsl = space::srgb_to_hsl(srgb);
    let hwb = space::srgb_to_hwb(srgb);
    let lab = color.lab();
    let (lch_l, lch_c, lch_h) = color.lch();
    let oklab = color.oklab();
    let (ok_l, ok_c, ok_h) = color.oklch_coords();
    let ((white, white_level), (black, black_level)) = against_white_and_black(color);
    let a = alpha_suffix(alpha);
    let css = CssStrings {
        hex: format::hex_auto(srgb, alpha),
        rgb: format!("rgb({} {} {}{a})", rgb[0], rgb[1], rgb[2]),
        hsl: format!("hsl({} {}% {}%{a})", hue(hsl.0, 2), num(hsl.1, 2), num(hsl.2, 2)),
        hwb: format!("hwb({} {}% {}%{a})", hue(hwb.0, 2), num(hwb.1, 2), num(hwb.2, 2)),
        lab: format!(
            "lab({} {} {}{a})",
            lightness(lab[0], 3, 100.0),
            num(lab[1], 3),
            num(lab[2], 3)
        ),
        lch: format!("lch({} {} {}{a})", lightness(lch_l, 3, 100.0), num(lch_c, 3), hue(lch_h, 3)),
        oklab: format!(
            "oklab({} {} {}{a})",
            lightness(oklab[0], 5, 1.0),
            num(oklab[1], 5),
            num(oklab[2], 5)
        ),
        oklch: format!("oklch({} {} {}{a})", lightness(ok_l, 5, 1.0), num(ok_c, 5), hue(ok_h, 3)),
    };
    Conversion {
        input: input.trim().to_owned(),
        alpha: round(alpha, 4),
        in_gamut: color.in_srgb_gamut(),
        hex: format::hex6(srgb),
        hex8: format::hex8(srgb, alpha),
        srgb: rounded3(srgb, 6),
        rgb,
        hsl: cylindrical(hsl),
        hwb: cylindrical(hwb),
        hsv: cylindrical(space::srgb_to_hsv(srgb)),
        cmyk: cmyk(srgb).map(|c| round(c, 4)),
        lab: rounded3(lab, 4),
        lch: polar(lch_l, lch_c, lch_h, 4),
        oklab: rounded3(oklab, 6),
        oklch: polar(ok_l, ok_c, ok_h, 6),
        xyz: rounded3(color.xyz(), 6),
        css,
        note: crate::parse::convenience_note(input),
        name: named::exact_name(rgb, alpha).filter(|_| color.in_srgb_gamut()),
        nearest_name: named::nearest_name(color).0,
        luminance: round(relative_luminance(srgb), 6),
        contrast: AgainstWhiteBlack { white, black, white_level, black_level },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lightness just inside an end is not written onto it, where CSS Color 4 §13.2 maps every colour to white
    /// (or black): each Lab, Lch, Oklab and Oklch string pastes back as the same hex; white and black stay `1`/`0`.
    #[test]
    fn lightness_near_the_ends_pastes_back_as_the_same_colour() {
        let of = |text: &str| convert(text, &crate::parse(text).expect(text));
        for input in [
            "oklch(0.999999999 0.4 30)",
            "oklab(0.9999999 0.1 0.1)",
            "lab(99.99999 20 20)",
            "lch(0.0000001 50 30)",
        ] {
            let c = of(input);
            for pasted in [&c.css.lab, &c.css.lch, &c.css.oklab, &c.css.oklch] {
                assert_eq!(of(pasted).hex8, c.hex8, "{input}: {pasted}");
            }
        }
        assert_eq!(of("oklch(0.999999999 0.4 30)").css.oklch, "oklch(0.99999 0.4 30)");
        for (input, oklch) in [("white", "oklch(1 0 none)"), ("black", "oklch(0 0 none)")] {
            assert_eq!(of(input).css.oklch, oklch);
        }
    }

    #[test]
    fn red_in_every_format() {
        let c = convert(" red ", &crate::parse("red").expect("red"));
        assert_eq!(c.input, "red");
        assert_eq!((c.hex.as_str(), c.hex8.as_str()), ("#ff0000", "#ff0000ff"));
        assert_eq!(c.rgb, [255, 0, 0]);
        assert_eq!(c.hsl, [Some(0.0), Some(100.0), Some(50.0)]);
        assert_eq!(c.hwb, [Some(0.0), Some(0.0), Some(0.0)]);
        assert_eq!(c.hsv, [Some(0.0), Some(100.0), Some(100.0)]);
        assert_eq!(c.cmyk, [0.0, 100.0, 100.0, 0.0]);
        assert_eq!(c.lab, [54.2905, 80.8049, 69.891]);
        assert_eq!(c.css.hex, "#ff0000");
        assert_eq!(c.css.rgb, "rgb(255 0 0)");
        assert_eq!(c.css.hsl, "hsl(0 100% 50%)");
        assert_eq!(c.css.lab, "lab(54.291 80.805 69.891)");
        assert_eq!(c.css.lch, "lch(54.291 106.837 40.858)");
        assert_eq!(c.css.oklab, "oklab(0.62796 0.22486 0.12585)");
        assert_eq!(c.css.oklch, "oklch(0.62796 0.25768 29.234)");
        assert_eq!((c.name, c.nearest_name), (Some("red"), "red"));
        assert_eq!(c.luminance, 0.2126);
        assert_eq!((c.contrast.white, c.contrast.black), (4.0, 5.25));
        assert!(c.in_gamut);
    }

    #[test]
    fn greys_have_null_hues_and_translucent_colours_8_digit_hex() {
        let c = convert("#80808080", &crate::parse("#80808080").expect("grey"));
        assert_eq!(c.hsl[0], None);
        assert_eq!(c.lch[2], None);
        assert_eq!(c.oklch[2], None);
        assert_eq!(c.css.hex, "#80808080");
        assert_eq!(c.css.hsl, "hsl(none 0% 50.2% / 0.502)");
        assert_eq!(c.name, None);
        assert_eq!(c.alpha, 0.502);
        assert_eq!(c.hsv_notation(), "hsv(none 0% 50.2% / 0.502)");
        assert_eq!(c.cmyk_notation(), "device-cmyk(0% 0% 0% 49.8% / 0.502)");
        let red = convert("red", &crate::parse("red").expect("red"));
        assert_eq!(red.hsv_notation(), "hsv(0 100% 100%)");
        assert_eq!(red.cmyk_notation(), "device-cmyk(0% 100% 100% 0%)");
    }

    #[test]
    fn out_of_gamut_colours_are_flagged_and_mapped() {
        let c = convert("oklch(0.7 0.4 150)", &crate::parse("oklch(0.7 0.4 150)").expect("oklch"));
        assert!(!c.in_gamut);
        assert!(c.srgb.iter().all(|v| (0.0..=1.0).contains(v)));
        assert_eq!(c.oklch, [Some(0.7), Some(0.4), Some(150.0)], "described as given");
        assert_eq!(c.name, None);
    }

    #[test]
    fn black_is_all_key() {
        assert_eq!(cmyk([0.0; 3]), [0.0, 0.0, 0.0, 100.0]);
    }
}
