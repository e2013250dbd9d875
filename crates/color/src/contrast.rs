//! WCAG 2.x relative luminance and contrast ratio, AA/AAA verdicts, and the nearest lightness-adjusted
//! foreground that passes AA.

use crate::color::Color;
use crate::format;
use crate::space::srgb_to_linear;
use serde::Serialize;

/// AA threshold for normal text (WCAG 2.x SC 1.4.3); also AAA for large text.
pub const AA_NORMAL: f64 = 4.5;
/// AA threshold for large text (18pt, or 14pt bold).
pub const AA_LARGE: f64 = 3.0;
/// AAA threshold for normal text (SC 1.4.6).
pub const AAA_NORMAL: f64 = 7.0;

/// WCAG 2.x relative luminance of gamma-encoded sRGB channels (0–1).
///
/// Uses the sRGB threshold 0.04045; WCAG's older 0.03928 gives the same result for every 8-bit value.
pub fn relative_luminance(rgb: [f64; 3]) -> f64 {
    let [r, g, b] = rgb.map(srgb_to_linear);
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

/// Contrast ratio of two luminances, 1 to 21, whichever is lighter.
pub fn ratio(a: f64, b: f64) -> f64 {
    let (light, dark) = if a >= b { (a, b) } else { (b, a) };
    (light + 0.05) / (dark + 0.05)
}

/// Which text sizes a ratio passes at one conformance level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = ColorVerdict))]
pub struct Verdict {
    /// Whether normal-size text passes.
    pub normal: bool,
    /// Whether large text (at least 18pt, or 14pt bold) passes.
    pub large: bool,
}

/// A WCAG 2 conformance level for contrast: AA (SC 1.4.3) or the enhanced AAA (SC 1.4.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = ColorLevel))]
pub enum Level {
    /// Level AA: 4.5:1 for normal text, 3:1 for large text.
    #[serde(rename = "AA")]
    Aa,
    /// Level AAA: 7:1 for normal text, 4.5:1 for large text.
    #[serde(rename = "AAA")]
    Aaa,
}

/// The highest WCAG 2 level a ratio passes, for each text size: 8.41:1 is AAA for both; 5:1 is AA for normal
/// text and AAA for large text; 3.5:1 is AA for large text only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = ColorLevels))]
pub struct Levels {
    /// The highest level passed by normal-size text, `"AAA"` (7:1) or `"AA"` (4.5:1), or `null` when it fails AA.
    pub normal: Option<Level>,
    /// The highest level passed by large text (at least 18pt, or 14pt bold), `"AAA"` (4.5:1) or `"AA"` (3:1), or
    /// `null` when it fails AA.
    pub large: Option<Level>,
}

impl Levels {
    /// The levels an unrounded ratio passes.
    pub fn of(ratio: f64) -> Levels {
        let level = |aaa: f64, aa: f64| {
            if ratio >= aaa {
                Some(Level::Aaa)
            } else if ratio >= aa {
                Some(Level::Aa)
            } else {
                None
            }
        };
        Levels { normal: level(AAA_NORMAL, AA_NORMAL), large: level(AA_NORMAL, AA_LARGE) }
    }

    /// In a few words, as the page and the command line show it: `AAA`, `AA, AAA large`, `AA`, `AA large` or
    /// `fails`.
    pub fn label(&self) -> &'static str {
        match (self.normal, self.large) {
            (Some(Level::Aaa), _) => "AAA",
            (Some(Level::Aa), Some(Level::Aaa)) => "AA, AAA large",
            (Some(Level::Aa), _) => "AA",
            (None, Some(Level::Aaa)) => "AAA large",
            (None, Some(Level::Aa)) => "AA large",
            (None, None) => "fails",
        }
    }
}

/// A foreground colour that passes AA for normal text against the background, found by changing only the Oklch
/// lightness of the foreground as painted: a translucent foreground is first composited over the background, as
/// the ratio is, so the suggestion is an opaque colour near what the reader sees.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = ColorSuggestion))]
pub struct Suggestion {
    /// The adjusted foreground, `#rrggbb` in sRGB.
    pub hex: String,
    /// The same colour as `oklch(L C H)`: lightness 0–1, chroma, hue in degrees (`none` when powerless).
    pub oklch: String,
    /// Its WCAG 2 contrast ratio with the background, 4.5 to 21, to two decimals.
    pub ratio: f64,
    /// `lighter` or `darker`: which way its Oklch lightness moved from the foreground as painted on the
    /// background (a translucent one composited over it).
    pub direction: &'static str,
}

/// The contrast of a foreground on a background.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = ColorContrast))]
pub struct Contrast {
    /// WCAG 2 contrast ratio, 1 to 21, to two decimals, never rounded up onto a threshold it misses (4.497 is
    /// 4.49, not a passing 4.5).
    pub ratio: f64,
    /// Level AA (SC 1.4.3): normal text needs 4.5:1, large text 3:1.
    pub aa: Verdict,
    /// Level AAA (SC 1.4.6): normal text needs 7:1, large text 4.5:1.
    pub aaa: Verdict,
    /// The highest level passed for normal and for large text (`aa` and `aaa` in one), as the page shows it.
    pub level: Levels,
    /// When AA for normal text fails, the nearest opaque foreground by Oklch lightness that passes, measured from
    /// the foreground as painted (a translucent one composited over the background, as for `ratio`: 40% black
    /// on white paints `#999999` and gets `#767676`); otherwise `None` (JSON `null`).
    pub suggestion: Option<Suggestion>,
}

/// Source-over compositing in gamma-encoded sRGB, as browsers paint a translucent colour.
fn composite(top: [f64; 3], alpha: f64, bottom: [f64; 3]) -> [f64; 3] {
    [0, 1, 2].map(|i| top[i] * alpha + bottom[i] * (1.0 - alpha))
}

/// What the background looks like: a translucent background is shown over white.
fn painted_background(bg: &Color) -> [f64; 3] {
    composite(bg.srgb_mapped(), bg.alpha(), [1.0; 3])
}

/// The unrounded ratio of `fg` painted on `bg`.
fn exact_ratio(fg: [f64; 3], fg_alpha: f64, bg: [f64; 3]) -> f64 {
    ratio(relative_luminance(composite(fg, fg_alpha, bg)), relative_luminance(bg))
}

/// The ratio to two decimals, as contrast checkers show it: rounded to the nearest, except that it is never
/// rounded up onto a threshold it does not reach (4.497 shows as 4.49, not as a failing "4.5").
fn shown(ratio: f64) -> f64 {
    let rounded = (ratio * 100.0).round() / 100.0;
    let crosses = [AA_LARGE, AA_NORMAL, AAA_NORMAL].iter().any(|&t| ratio < t && rounded >= t);
    if crosses { (ratio * 100.0).floor() / 100.0 } else { rounded }
}

/// Contrast of `fg` (composited over `bg` when translucent) against `bg` (over white when translucent).
pub fn contrast(fg: &Color, bg: &Color) -> Contrast {
    let background = painted_background(bg);
    let exact = exact_ratio(fg.srgb_mapped(), fg.alpha(), background);
    // The fix starts from what is painted: making a translucent colour opaque is a change too, and the nearest
    // passing lightness of the colour as given could be the same colour made opaque, or lie on the wrong side.
    let [r, g, b] = composite(fg.srgb_mapped(), fg.alpha(), background);
    let painted = Color::srgb(r, g, b, 1.0);
    let suggestion = if exact < AA_NORMAL { suggest(&painted, background) } else { None };
    Contrast {
        ratio: shown(exact),
        aa: Verdict { normal: exact >= AA_NORMAL, large: exact >= AA_LARGE },
        aaa: Verdict { normal: exact >= AAA_NORMAL, large: exact >= AA_NORMAL },
        level: Levels::of(exact),
        suggestion,
    }
}

/// Contrast of a colour, as painted over the background, against white and against black: each shown ratio
/// with the levels it passes.
pub fn against_white_and_black(color: &Color) -> ((f64, Levels), (f64, Levels)) {
    let on = |background| {
        let exact = exact_ratio(color.srgb_mapped(), color.alpha(), background);
        (shown(exact), Levels::of(exact))
    };
    (on([1.0; 3]), on([0.0; 3]))
}

/// How far above 4.5 a suggestion must be, so that checkers computing luminance with the unrounded sRGB
/// matrix (colorjs.io, browsers' devtools) also see it pass; WCAG's rounded coefficients differ by ~1e-5.
const SUGGESTION_MARGIN: f64 = 0.005;

/// Searches Oklch lightness of an opaque `fg` towards white and towards black for the smallest change that
/// reaches AA (4.5:1), keeping chroma and hue (gamut-mapped), and returns the closer of the two. The result is
/// opaque, and its
/// ratio is checked after rounding to 8-bit hex, so the suggested hex itself passes.
fn suggest(fg: &Color, background: [f64; 3]) -> Option<Suggestion> {
    let (l, c, h) = fg.oklch_coords();
    let passes = |lightness: f64| -> Option<([f64; 3], f64)> {
        let rgb = Color::oklch(lightness, c, h, 1.0).srgb_mapped();
        let hex = rgb.map(|v| f64::from(format::to_u8(v)) / 255.0);
        let r = exact_ratio(hex, 1.0, background);
        (r >= AA_NORMAL + SUGGESTION_MARGIN).then_some((hex, r))
    };
    let search = |target: f64| -> Option<(f64, [f64; 3], f64)> {
        passes(target)?;
        let (mut near, mut far) = (l, target);
        for _ in 0..40 {
            let mid = (near + far) / 2.0;
            if passes(mid).is_some() { far = mid } else { near = mid }
        }
        let (rgb, r) = passes(far)?;
        Some(((far - l).abs(), rgb, r))
    };
    let lighter = search(1.0).map(|found| (found, "lighter"));
    let darker = search(0.0).map(|found| (found, "darker"));
    let ((_, rgb, r), direction) = match (lighter, darker) {
        (Some(a), Some(b)) => {
            if a.0.0 <= b.0.0 {
                a
            } else {
                b
            }
        }
        (a, b) => a.or(b)?,
    };
    let suggested = Color::srgb(rgb[0], rgb[1], rgb[2], 1.0);
    let (sl, sc, sh) = suggested.oklch_coords();
    Some(Suggestion {
        hex: format::hex6(rgb),
        oklch: format!(
            "oklch({} {} {})",
            format::num(sl, 4),
            format::num(sc, 4),
            format::hue(sh, 2)
        ),
        ratio: shown(r),
        direction,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb8(hex: u32) -> Color {
        let [_, r, g, b] = hex.to_be_bytes();
        Color::from_rgb8(r, g, b)
    }

    #[test]
    fn known_wcag_pairs() {
        let white = rgb8(0xffffff);
        assert_eq!(contrast(&rgb8(0x767676), &white).ratio, 4.54);
        assert_eq!(contrast(&rgb8(0x000000), &white).ratio, 21.0);
        assert_eq!(contrast(&white, &white).ratio, 1.0);
        assert_eq!(contrast(&rgb8(0x777777), &white).ratio, 4.48);
        assert_eq!(contrast(&rgb8(0x0000ff), &white).ratio, 8.59);
        assert_eq!(contrast(&rgb8(0xff0000), &white).ratio, 4.0);
        assert!((relative_luminance([1.0, 0.0, 0.0]) - 0.2126).abs() < 1e-12);
    }

    #[test]
    fn shown_ratios_never_round_up_onto_a_threshold() {
        assert_eq!(shown(4.5422), 4.54);
        assert_eq!(shown(4.4776), 4.48);
        assert_eq!(shown(4.497), 4.49);
        assert_eq!(shown(2.996), 2.99);
        assert_eq!(shown(6.999), 6.99);
        assert_eq!(shown(7.0), 7.0);
        assert_eq!(shown(3.9985), 4.0);
    }

    #[test]
    fn verdicts_follow_the_thresholds() {
        let white = rgb8(0xffffff);
        let grey = contrast(&rgb8(0x767676), &white);
        assert_eq!(
            (grey.aa, grey.aaa),
            (Verdict { normal: true, large: true }, Verdict { normal: false, large: true })
        );
        assert!(grey.suggestion.is_none());
        let red = contrast(&rgb8(0xff0000), &white);
        assert_eq!(red.aa, Verdict { normal: false, large: true });
    }

    #[test]
    fn levels_are_the_highest_passed() {
        let white = rgb8(0xffffff);
        // #0000ff on white is 8.59:1: AAA, not merely AA.
        let blue = contrast(&rgb8(0x0000ff), &white);
        assert_eq!(blue.level, Levels { normal: Some(Level::Aaa), large: Some(Level::Aaa) });
        assert_eq!(blue.level.label(), "AAA");
        assert_eq!(contrast(&rgb8(0x767676), &white).level.label(), "AA, AAA large");
        assert_eq!(contrast(&rgb8(0xff0000), &white).level.label(), "AA large");
        assert_eq!(contrast(&white, &white).level.label(), "fails");
        assert_eq!(Levels::of(6.999).normal, Some(Level::Aa));
        assert_eq!(Levels::of(7.0).normal, Some(Level::Aaa));
        assert_eq!(Levels::of(4.4999).large, Some(Level::Aa));
        assert_eq!(Levels::of(4.4999).label(), "AA large");
        assert_eq!(Levels::of(2.999).large, None);
        assert_eq!(
            serde_json::to_value(blue.level).unwrap(),
            serde_json::json!({"normal": "AAA", "large": "AAA"})
        );
    }

    #[test]
    fn failing_pairs_get_the_nearest_passing_lightness() {
        let white = rgb8(0xffffff);
        let suggestion = contrast(&rgb8(0x777777), &white).suggestion.expect("a fix");
        assert_eq!(suggestion.direction, "darker");
        assert_eq!(suggestion.hex, "#767676");
        assert!(suggestion.ratio >= 4.5);
        // Mid grey on black: lighter is the nearer way out.
        let on_black = contrast(&rgb8(0x595959), &rgb8(0x000000)).suggestion.expect("a fix");
        assert_eq!(on_black.direction, "lighter");
        assert!(on_black.ratio >= 4.5);
        // Hue is kept: a too-light orange becomes a darker orange.
        let orange = contrast(&rgb8(0xffa500), &white).suggestion.expect("a fix");
        let fixed = crate::parse(&orange.hex).expect("valid hex");
        let hue = fixed.oklch_coords().2.expect("chromatic");
        assert!((hue - rgb8(0xffa500).oklch_coords().2.expect("chromatic")).abs() < 6.0, "{hue}");
    }

    #[test]
    fn translucent_text_gets_the_nearest_fix_for_what_it_paints() {
        let white = rgb8(0xffffff);
        // 40% black on white paints #999999 (2.85:1): the fix is the grey that passes, not opaque black.
        let grey = contrast(&Color::srgb(0.0, 0.0, 0.0, 0.4), &white);
        let fix = grey.suggestion.expect("a fix");
        assert_eq!((fix.hex.as_str(), fix.direction), ("#767676", "darker"));
        // Transparent paints the background itself.
        let clear = contrast(&Color::srgb(0.0, 0.0, 0.0, 0.0), &white);
        assert_eq!(clear.suggestion.expect("a fix").hex, "#767676");
        // Half blue on white (3.27:1) paints #8080ff; not #0000ff (8.59:1), the same colour made opaque.
        let blue = contrast(&Color::srgb(0.0, 0.0, 1.0, 0.5), &white);
        assert_eq!(blue.ratio, 3.27);
        let fix = blue.suggestion.expect("a fix");
        assert_eq!(fix.direction, "darker");
        assert_ne!(fix.hex, "#0000ff");
        assert!((4.5..4.7).contains(&fix.ratio), "{}", fix.ratio);
        let painted = Color::srgb(0.5, 0.5, 1.0, 1.0).oklch_coords().0;
        let fixed = crate::parse(&fix.hex).expect("hex").oklch_coords().0;
        assert!(fixed < painted, "{fixed} < {painted}");
        // Light translucent text on black is lighter, measured from what it paints there.
        let on_black = contrast(&Color::srgb(1.0, 1.0, 1.0, 0.3), &rgb8(0x000000));
        assert_eq!(on_black.suggestion.expect("a fix").direction, "lighter");
    }

    #[test]
    fn translucent_colours_are_composited() {
        let white = rgb8(0xffffff);
        let half_black = Color::srgb(0.0, 0.0, 0.0, 0.5);
        // 50% black over white paints #808080 (3.94:1 with sub-8-bit precision).
        let r = contrast(&half_black, &white).ratio;
        assert!((3.9..4.0).contains(&r), "{r}");
        let ((white, _), (black, none)) = against_white_and_black(&rgb8(0x000000));
        assert_eq!((white, black, none.label()), (21.0, 1.0, "fails"));
    }
}
