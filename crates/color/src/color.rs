//! A parsed colour: its space, its components (any of which may be `none`) and its alpha; conversion to the
//! spaces people ask for, and the CSS Color 4 gamut mapping to sRGB.

use crate::space::{self, Space};

/// A colour as written: the space it was given in, its three components and its alpha.
///
/// Components are `None` where the input said `none` (they count as zero in conversions, as CSS specifies).
/// Components are kept as given: the parser applies only the clamps CSS (and the browsers) apply at
/// parsed-value time, so `rgb(300 0 0)` is red, while `color(srgb 1.2 0 0)` stays out of range and is reported
/// as outside sRGB rather than silently clipped. Magnitudes beyond 1e100, which describe no real colour, are
/// brought back to that bound by the parser so that no conversion overflows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color {
    space: Space,
    coords: [Option<f64>; 3],
    alpha: Option<f64>,
}

/// Just noticeable difference in deltaEOK used by the CSS gamut mapping (CSS Color 4 §13.2).
const JND: f64 = 0.02;
/// Precision of the chroma binary search (CSS Color 4 §13.2).
const SEARCH_EPSILON: f64 = 0.0001;
/// How far outside [0, 1] an sRGB channel may be and still count as in gamut: the tolerance colorjs.io uses,
/// which absorbs float noise from conversions without hiding colours that are really outside.
const GAMUT_EPSILON: f64 = 0.000075;

impl Color {
    /// A colour in any space; `None` components mean CSS `none`. Alpha is clamped to 0–1.
    ///
    /// What the parser guarantees of the colours it makes holds for any caller's too, so that every conversion
    /// stays finite and the gamut mapping ends: a component beyond ±1e100 (an infinity included) is brought to
    /// that bound, one at a time, and a NaN component or alpha is read as `none`.
    pub fn new(space: Space, coords: [Option<f64>; 3], alpha: Option<f64>) -> Color {
        let bounded = |v: f64| {
            (!v.is_nan())
                .then(|| v.clamp(-crate::parse::MAX_COMPONENT, crate::parse::MAX_COMPONENT))
        };
        Color {
            space,
            coords: coords.map(|v| v.and_then(bounded)),
            alpha: alpha.filter(|a| !a.is_nan()).map(|a| a.clamp(0.0, 1.0)),
        }
    }

    /// An sRGB colour from 0–1 channels and alpha.
    pub fn srgb(r: f64, g: f64, b: f64, alpha: f64) -> Color {
        Color::new(Space::Srgb, [Some(r), Some(g), Some(b)], Some(alpha))
    }

    /// An opaque sRGB colour from 8-bit channels.
    pub fn from_rgb8(r: u8, g: u8, b: u8) -> Color {
        Color::srgb(f64::from(r) / 255.0, f64::from(g) / 255.0, f64::from(b) / 255.0, 1.0)
    }

    /// An Oklch colour (lightness 0–1, chroma, hue in degrees).
    pub fn oklch(l: f64, c: f64, h: Option<f64>, alpha: f64) -> Color {
        Color::new(Space::Oklch, [Some(l), Some(c), h], Some(alpha))
    }

    /// The space the colour was given in.
    pub fn space(&self) -> Space {
        self.space
    }

    /// The components as given; `None` is `none`.
    pub fn coords(&self) -> [Option<f64>; 3] {
        self.coords
    }

    /// Opacity 0–1 (`none` counts as 0, as CSS specifies).
    pub fn alpha(&self) -> f64 {
        self.alpha.unwrap_or(0.0)
    }

    /// The same colour with another alpha, clamped to 0–1 (a NaN is `none`).
    #[must_use]
    pub fn with_alpha(self, alpha: f64) -> Color {
        Color::new(self.space, self.coords, Some(alpha))
    }

    fn resolved(&self) -> [f64; 3] {
        self.coords.map(|c| c.unwrap_or(0.0))
    }

    /// CIE XYZ relative to D65.
    pub fn xyz(&self) -> [f64; 3] {
        space::to_xyz_d65(self.space, self.resolved())
    }

    /// sRGB channels 0–1 before gamut mapping: may lie outside 0–1.
    pub fn srgb_unmapped(&self) -> [f64; 3] {
        match self.space {
            Space::Srgb => self.resolved(),
            Space::Hsl => space::hsl_to_srgb(self.resolved()),
            Space::Hwb => space::hwb_to_srgb(self.resolved()),
            _ => space::xyz_to_srgb(self.xyz()),
        }
    }

    /// Whether the colour can be shown in sRGB without change.
    pub fn in_srgb_gamut(&self) -> bool {
        in_gamut(self.srgb_unmapped(), GAMUT_EPSILON)
    }

    /// sRGB channels 0–1, gamut-mapped with the CSS Color 4 algorithm when the colour is outside sRGB.
    pub fn srgb_mapped(&self) -> [f64; 3] {
        let rgb = self.srgb_unmapped();
        if in_gamut(rgb, 0.0) {
            return rgb;
        }
        let [l, a, b] = self.oklab();
        gamut_map_oklch(space::rect_to_polar([l, a, b], 0.0)).map(|c| c.clamp(0.0, 1.0))
    }

    /// CSS Lab (D50): L 0–100, a, b.
    pub fn lab(&self) -> [f64; 3] {
        match self.space {
            Space::Lab => self.resolved(),
            Space::Lch => space::polar_to_rect(self.resolved()),
            _ => space::xyz_to_lab(self.xyz()),
        }
    }

    /// CSS LCH (D50): L 0–100, chroma, hue (`None` when powerless).
    pub fn lch(&self) -> (f64, f64, Option<f64>) {
        match self.space {
            Space::Lch => self.polar_as_given(space::LCH_EPSILON),
            _ => space::rect_to_polar(self.lab(), space::LCH_EPSILON),
        }
    }

    /// Oklab: L 0–1, a, b.
    pub fn oklab(&self) -> [f64; 3] {
        match self.space {
            Space::Oklab => self.resolved(),
            Space::Oklch => space::polar_to_rect(self.resolved()),
            _ => space::xyz_to_oklab(self.xyz()),
        }
    }

    /// Oklch: L 0–1, chroma, hue (`None` when powerless).
    pub fn oklch_coords(&self) -> (f64, f64, Option<f64>) {
        match self.space {
            Space::Oklch => self.polar_as_given(space::OKLCH_EPSILON),
            _ => space::rect_to_polar(self.oklab(), space::OKLCH_EPSILON),
        }
    }

    /// A polar colour's own L, C, h: the hue stays as written unless it is `none` or the chroma is nil.
    fn polar_as_given(&self, epsilon: f64) -> (f64, f64, Option<f64>) {
        let [l, c, h] = self.coords;
        let (l, c) = (l.unwrap_or(0.0), c.unwrap_or(0.0).max(0.0));
        if c < epsilon { (l, 0.0, None) } else { (l, c, h.map(space::normalize_hue)) }
    }
}

fn in_gamut(rgb: [f64; 3], epsilon: f64) -> bool {
    rgb.iter().all(|c| (-epsilon..=1.0 + epsilon).contains(c))
}

fn oklch_to_srgb((l, c, h): (f64, f64, Option<f64>)) -> [f64; 3] {
    space::xyz_to_srgb(space::oklab_to_xyz(space::polar_to_rect([l, c, h.unwrap_or(0.0)])))
}

fn oklch_to_oklab((l, c, h): (f64, f64, Option<f64>)) -> [f64; 3] {
    space::polar_to_rect([l, c, h.unwrap_or(0.0)])
}

/// CSS Color 4 §13.2 "CSS gamut mapping to an RGB destination": reduce Oklch chroma by binary search until the
/// clipped colour is within a just noticeable difference (deltaEOK < 0.02) of the chroma-reduced one, keeping
/// lightness and hue. Follows the spec's steps (and colorjs.io's `toGamutCSS`) one for one.
pub(crate) fn gamut_map_oklch(origin: (f64, f64, Option<f64>)) -> [f64; 3] {
    let (lightness, chroma, hue) = origin;
    if lightness >= 1.0 {
        return [1.0; 3];
    }
    if lightness <= 0.0 {
        return [0.0; 3];
    }
    let unclipped = oklch_to_srgb(origin);
    if in_gamut(unclipped, 0.0) {
        return unclipped;
    }
    let clip = |rgb: [f64; 3]| rgb.map(|c| c.clamp(0.0, 1.0));
    let delta = |clipped: [f64; 3], current| {
        space::delta_e_ok(space::srgb_to_oklab(clipped), oklch_to_oklab(current))
    };
    let mut current = origin;
    let mut clipped = clip(unclipped);
    if delta(clipped, current) < JND {
        return clipped;
    }
    let (mut min, mut max) = (0.0, chroma);
    let mut min_in_gamut = true;
    while max - min > SEARCH_EPSILON {
        let mid = (min + max) / 2.0;
        current = (lightness, mid, hue);
        let rgb = oklch_to_srgb(current);
        if min_in_gamut && in_gamut(rgb, 0.0) {
            min = mid;
            continue;
        }
        clipped = clip(rgb);
        let e = delta(clipped, current);
        if e < JND {
            if JND - e < SEARCH_EPSILON {
                break;
            }
            min_in_gamut = false;
            min = mid;
        } else {
            max = mid;
        }
    }
    clipped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: [f64; 3], b: [f64; 3], tolerance: f64) -> bool {
        a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tolerance)
    }

    /// A library caller may build a colour from any f64: infinities and NaN (`Color::oklch(0.5, f64::INFINITY,
    /// …)` made the gamut mapping search forever) become what the parser would have made, and every conversion,
    /// palette and contrast check of them ends with finite numbers. Each runs on a thread, so that a regression
    /// fails here instead of hanging the suite.
    #[test]
    fn any_f64_gives_a_colour_whose_conversions_end_finite() {
        let values = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::MAX, -1e300, 0.5];
        let spaces = [Space::Srgb, Space::Oklch, Space::Oklab, Space::Lab, Space::Lch, Space::Hsl];
        for space in spaces {
            for a in values {
                for b in values {
                    let color = Color::new(space, [Some(a), Some(b), Some(b)], Some(a));
                    let (done, finished) = std::sync::mpsc::channel();
                    std::thread::spawn(move || {
                        let conversion = crate::convert("x", &color);
                        let hex = crate::to_hex(&color);
                        let palettes = crate::palettes(&color);
                        let contrast = crate::contrast(&color, &Color::srgb(1.0, 1.0, 1.0, 1.0));
                        let _ = done.send((conversion, hex, palettes, contrast.ratio));
                    });
                    let (conversion, hex, palettes, ratio) = finished
                        .recv_timeout(std::time::Duration::from_secs(60))
                        .unwrap_or_else(|_| panic!("{space:?} {a} {b}: no answer"));
                    let json = serde_json::to_string(&(conversion, palettes)).unwrap();
                    assert!(
                        !json.contains("NaN") && !json.contains("inf"),
                        "{space:?} {a} {b}: {json}"
                    );
                    assert!(
                        hex.starts_with('#') && ratio.is_finite(),
                        "{space:?} {a} {b}: {hex} {ratio}"
                    );
                }
            }
        }
    }

    #[test]
    fn in_gamut_colours_are_not_touched() {
        let c = Color::srgb(0.2, 0.4, 0.6, 1.0);
        assert!(c.in_srgb_gamut());
        assert_eq!(c.srgb_mapped(), [0.2, 0.4, 0.6]);
    }

    #[test]
    fn display_p3_red_is_mapped_like_colorjs() {
        // colorjs.io 0.7: new Color("color(display-p3 1 0 0)").to("srgb").toGamut({method: "css"})
        let c = Color::new(Space::DisplayP3, [Some(1.0), Some(0.0), Some(0.0)], Some(1.0));
        assert!(!c.in_srgb_gamut());
        let mapped = c.srgb_mapped();
        assert!(
            close(mapped, [1.0, 0.04456951620419008, 0.04593161114017529], 0.5 / 255.0),
            "{mapped:?}"
        );
    }

    #[test]
    fn out_of_range_srgb_is_mapped_not_clipped() {
        // colorjs.io: color(srgb 1.176 0 0) maps to [1, 0.378, 0.308], where clipping would give pure red.
        // (rgb(300 0 0) never gets here: the parser clamps rgb() channels as CSS Color 4 §5.1 says.)
        let c = Color::srgb(300.0 / 255.0, 0.0, 0.0, 1.0);
        assert!(!c.in_srgb_gamut());
        assert!(close(c.srgb_mapped(), [1.0, 0.3781941385648337, 0.3081906651236283], 0.5 / 255.0));
    }

    #[test]
    fn lightness_beyond_the_ends_maps_to_white_and_black() {
        assert_eq!(Color::oklch(1.2, 0.3, Some(40.0), 1.0).srgb_mapped(), [1.0; 3]);
        assert_eq!(Color::oklch(0.0, 0.3, Some(40.0), 1.0).srgb_mapped(), [0.0; 3]);
    }

    #[test]
    fn lch_hue_stays_as_written_and_none_is_powerless() {
        let c = Color::new(Space::Lch, [Some(50.0), Some(30.0), Some(400.0)], Some(1.0));
        assert_eq!(c.lch(), (50.0, 30.0, Some(40.0)));
        let grey = Color::new(Space::Lch, [Some(50.0), Some(0.0), Some(120.0)], None);
        assert_eq!(grey.lch().2, None);
        assert_eq!(grey.alpha(), 0.0);
    }
}
