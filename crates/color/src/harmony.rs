//! Palettes built in Oklch, where equal steps look equal: tints and shades (mixing with white and black) and
//! hue harmonies (rotations keeping lightness and chroma), each gamut-mapped into sRGB.

use crate::color::Color;
use crate::format;
use serde::Serialize;

/// One colour of a palette.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = ColorSwatch))]
pub struct Swatch {
    /// `#rrggbb` (or `#rrggbbaa` when translucent), gamut-mapped into sRGB.
    pub hex: String,
    /// The colour as `oklch(L C H)`, before gamut mapping: lightness 0–1, chroma, hue in degrees (`none` when
    /// powerless).
    pub oklch: String,
    /// What the swatch is: `tint 20%`, `+120°`, `base`.
    pub label: String,
}

/// Tints, shades and hue harmonies of a colour.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = ColorPalettes))]
pub struct Palettes {
    /// Five swatches mixed with white in Oklch, 1/6 to 5/6 of the way, lightest last.
    pub tints: Vec<Swatch>,
    /// Five swatches mixed with black in Oklch, 1/6 to 5/6 of the way, darkest last.
    pub shades: Vec<Swatch>,
    /// Two swatches: the base and the opposite hue (+180°).
    pub complementary: Vec<Swatch>,
    /// Three swatches: the neighbours at −30° and +30° with the base between them.
    pub analogous: Vec<Swatch>,
    /// Three swatches: the base, +120° and +240°.
    pub triadic: Vec<Swatch>,
    /// Three swatches: the base and the two neighbours of its complement, +150° and +210°.
    pub split_complementary: Vec<Swatch>,
}

/// Tint and shade steps: 1/6 … 5/6 of the way to white or black.
const STEPS: usize = 5;

fn swatch(l: f64, c: f64, h: Option<f64>, alpha: f64, label: String) -> Swatch {
    let color = Color::oklch(l, c, h, alpha);
    let hue = format::hue(h.map(crate::space::normalize_hue), 2);
    Swatch {
        hex: format::hex_auto(color.srgb_mapped(), alpha),
        oklch: format!(
            "oklch({} {} {}{})",
            format::num(l, 4),
            format::num(c, 4),
            hue,
            format::alpha_suffix(alpha)
        ),
        label,
    }
}

/// The palettes of a colour. A grey has no hue, so its harmonies repeat the grey.
pub fn palettes(color: &Color) -> Palettes {
    let (l, c, h) = color.oklch_coords();
    let alpha = color.alpha();
    #[allow(clippy::cast_precision_loss)]
    let fraction = |i: usize| i as f64 / (STEPS + 1) as f64;
    let percent = |t: f64| format!("{}%", format::num(t * 100.0, 0));
    // Mixing with white or black in Oklch: white and black have no hue, so the hue is kept while
    // lightness moves to the end and chroma fades to zero.
    let tints = (1..=STEPS)
        .map(fraction)
        .map(|t| swatch(l + (1.0 - l) * t, c * (1.0 - t), h, alpha, format!("tint {}", percent(t))))
        .collect();
    let shades = (1..=STEPS)
        .map(fraction)
        .map(|t| swatch(l * (1.0 - t), c * (1.0 - t), h, alpha, format!("shade {}", percent(t))))
        .collect();
    let rotate = |degrees: &[f64]| -> Vec<Swatch> {
        degrees
            .iter()
            .map(|&d| {
                let label = if d == 0.0 { "base".to_owned() } else { format!("{d:+}°") };
                swatch(l, c, h.map(|h| h + d), alpha, label)
            })
            .collect()
    };
    Palettes {
        tints,
        shades,
        complementary: rotate(&[0.0, 180.0]),
        analogous: rotate(&[-30.0, 0.0, 30.0]),
        triadic: rotate(&[0.0, 120.0, 240.0]),
        split_complementary: rotate(&[0.0, 150.0, 210.0]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tints_get_lighter_and_shades_darker() {
        let p = palettes(&Color::from_rgb8(0x33, 0x66, 0x99));
        assert_eq!(p.tints.len(), 5);
        let lightness = |s: &Swatch| crate::parse(&s.hex).expect("hex").oklch_coords().0;
        assert!(p.tints.windows(2).all(|w| lightness(&w[0]) < lightness(&w[1])));
        assert!(p.shades.windows(2).all(|w| lightness(&w[0]) > lightness(&w[1])));
        assert_eq!(p.tints[0].label, "tint 17%");
    }

    #[test]
    fn harmonies_rotate_the_oklch_hue() {
        let base = Color::from_rgb8(0xff, 0x00, 0x00);
        let p = palettes(&base);
        assert_eq!(p.complementary[0].hex, "#ff0000");
        assert_eq!(p.complementary[1].label, "+180°");
        let hue =
            |s: &Swatch| crate::parse(&s.oklch).expect("oklch").oklch_coords().2.expect("hue");
        let red = base.oklch_coords().2.expect("hue");
        assert!((hue(&p.triadic[1]) - (red + 120.0)).abs() < 0.01);
        assert_eq!(p.analogous[0].label, "-30°");
        assert_eq!(p.split_complementary.len(), 3);
        // Every swatch is a displayable sRGB colour.
        for s in p.triadic.iter().chain(&p.split_complementary) {
            assert!(crate::parse(&s.hex).expect("hex").in_srgb_gamut());
        }
    }

    #[test]
    fn greys_repeat_and_keep_alpha() {
        let p = palettes(&Color::srgb(0.5, 0.5, 0.5, 0.5));
        assert!(p.triadic.iter().all(|s| s.hex == "#80808080"));
        assert!(p.tints[0].oklch.contains("none / 0.5"));
    }
}
