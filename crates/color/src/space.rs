//! Colour spaces and the conversions between them, as CSS Color 4 §18 ("Sample code for color conversions")
//! defines them: the same matrices, D50 for Lab/LCH with Bradford adaptation, D65 for Oklab and `xyz`.
//!
//! Written out here rather than taken from `palette`: CSS needs spaces palette lacks (display-p3, a98-rgb,
//! prophoto-rgb, rec2020), transfer functions extended to negative values (out-of-gamut colours must survive a
//! round trip), a D50 Lab, and the exact published matrices so results agree with browsers and colorjs.io.

/// A colour space a CSS colour can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Space {
    /// sRGB, components 0–1 (`#hex`, `rgb()`, named colours, `color(srgb …)`).
    Srgb,
    /// Linear-light sRGB, `color(srgb-linear …)`.
    SrgbLinear,
    /// Display P3, `color(display-p3 …)`.
    DisplayP3,
    /// Linear-light Display P3, `color(display-p3-linear …)`.
    DisplayP3Linear,
    /// Adobe RGB (1998), `color(a98-rgb …)`.
    A98Rgb,
    /// ProPhoto RGB, `color(prophoto-rgb …)`.
    ProphotoRgb,
    /// ITU-R BT.2020, `color(rec2020 …)`.
    Rec2020,
    /// CIE XYZ relative to D50, `color(xyz-d50 …)`.
    XyzD50,
    /// CIE XYZ relative to D65, `color(xyz …)` and `color(xyz-d65 …)`.
    XyzD65,
    /// `hsl()`: hue in degrees, saturation (≥ 0) and lightness in percent. Both may exceed 0–100 (CSS Color 4
    /// §7 keeps them); the sRGB channels they give are then clamped to 0–1.
    Hsl,
    /// `hwb()`: hue in degrees, whiteness and blackness 0–100.
    Hwb,
    /// CIE Lab (D50), `lab()`.
    Lab,
    /// CIE LCH (D50), `lch()`.
    Lch,
    /// Oklab, `oklab()`.
    Oklab,
    /// Oklch, `oklch()`.
    Oklch,
}

impl Space {
    /// The CSS name of the space: the function name, or the `color()` space identifier.
    pub fn css_name(self) -> &'static str {
        match self {
            Space::Srgb => "srgb",
            Space::SrgbLinear => "srgb-linear",
            Space::DisplayP3 => "display-p3",
            Space::DisplayP3Linear => "display-p3-linear",
            Space::A98Rgb => "a98-rgb",
            Space::ProphotoRgb => "prophoto-rgb",
            Space::Rec2020 => "rec2020",
            Space::XyzD50 => "xyz-d50",
            Space::XyzD65 => "xyz-d65",
            Space::Hsl => "hsl",
            Space::Hwb => "hwb",
            Space::Lab => "lab",
            Space::Lch => "lch",
            Space::Oklab => "oklab",
            Space::Oklch => "oklch",
        }
    }
}

type Matrix = [[f64; 3]; 3];

fn multiply(m: &Matrix, v: [f64; 3]) -> [f64; 3] {
    [
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    ]
}

const SRGB_TO_XYZ: Matrix = [
    [0.41239079926595934, 0.357584339383878, 0.1804807884018343],
    [0.21263900587151027, 0.715168678767756, 0.07219231536073371],
    [0.01933081871559182, 0.11919477979462598, 0.9505321522496607],
];
const XYZ_TO_SRGB: Matrix = [
    [3.2409699419045226, -1.537383177570094, -0.4986107602930034],
    [-0.9692436362808796, 1.8759675015077202, 0.04155505740717559],
    [0.05563007969699366, -0.20397695888897652, 1.0569715142428786],
];
const P3_TO_XYZ: Matrix = [
    [0.4865709486482162, 0.26566769316909306, 0.1982172852343625],
    [0.2289745640697488, 0.6917385218365064, 0.079286914093745],
    [0.0, 0.04511338185890264, 1.043944368900976],
];
const A98_TO_XYZ: Matrix = [
    [0.5766690429101305, 0.1855582379065463, 0.1882286462349947],
    [0.29734497525053605, 0.6273635662554661, 0.07529145849399788],
    [0.02703136138641234, 0.07068885253582723, 0.9913375368376388],
];
/// ProPhoto RGB is defined relative to D50.
const PROPHOTO_TO_XYZ_D50: Matrix = [
    [0.7977666449006423, 0.13518129740053308, 0.0313477341283922],
    [0.2880748288194013, 0.711835234241873, 0.00008993693872564],
    [0.0, 0.0, 0.8251046025104602],
];
const REC2020_TO_XYZ: Matrix = [
    [0.6369580483012914, 0.14461690358620832, 0.1688809751641721],
    [0.2627002120112671, 0.6779980715188708, 0.05930171646986196],
    [0.0, 0.028072693049087428, 1.060985057710791],
];
/// Bradford chromatic adaptation, D65 to D50 and back.
const D65_TO_D50: Matrix = [
    [1.0479297925449969, 0.022946870601609652, -0.05019226628920524],
    [0.02962780877005599, 0.9904344267538799, -0.017073799063418826],
    [-0.009243040646204504, 0.015055191490298152, 0.7518742814281371],
];
const D50_TO_D65: Matrix = [
    [0.955473421488075, -0.02309845494876471, 0.06325924320057072],
    [-0.0283697093338637, 1.0099953980813041, 0.021041441191917323],
    [0.012314014864481998, -0.020507649298898964, 1.330365926242124],
];
/// The D50 white point CSS uses for Lab, from its chromaticity (0.3457, 0.3585).
const D50_WHITE: [f64; 3] = [0.3457 / 0.3585, 1.0, (1.0 - 0.3457 - 0.3585) / 0.3585];
const XYZ_TO_LMS: Matrix = [
    [0.819022437996703, 0.3619062600528904, -0.1288737815209879],
    [0.0329836539323885, 0.9292868615863434, 0.0361446663506424],
    [0.0481771893596242, 0.2642395317527308, 0.6335478284694309],
];
const LMS_TO_XYZ: Matrix = [
    [1.2268798758459243, -0.5578149944602171, 0.2813910456659647],
    [-0.0405757452148008, 1.112286803280317, -0.0717110580655164],
    [-0.0763729366746601, -0.4214933324022432, 1.5869240198367816],
];
// Digit for digit as published (colorjs.io, CSS Color 4), though the last digit is beyond f64 precision.
#[allow(clippy::excessive_precision)]
const LMS_TO_OKLAB: Matrix = [
    [0.210454268309314, 0.7936177747023054, -0.0040720430116193],
    [1.9779985324311684, -2.4285922420485799, 0.450593709617411],
    [0.0259040424655478, 0.7827717124575296, -0.8086757549230774],
];
const OKLAB_TO_LMS: Matrix = [
    [1.0, 0.3963377773761749, 0.2158037573099136],
    [1.0, -0.1055613458156586, -0.0638541728258133],
    [1.0, -0.0894841775298119, -1.2914855480194092],
];

#[cfg(test)]
fn invert(m: &Matrix) -> Matrix {
    let det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    let c =
        |r1: usize, c1: usize, r2: usize, c2: usize| m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1];
    [
        [c(1, 1, 2, 2) / det, -c(0, 1, 2, 2) / det, c(0, 1, 1, 2) / det],
        [-c(1, 0, 2, 2) / det, c(0, 0, 2, 2) / det, -c(0, 0, 1, 2) / det],
        [c(1, 0, 2, 1) / det, -c(0, 0, 2, 1) / det, c(0, 0, 1, 1) / det],
    ]
}

/// The sRGB transfer function, mirrored for negative values as CSS does.
pub(crate) fn srgb_to_linear(v: f64) -> f64 {
    let abs = v.abs();
    if abs <= 0.04045 { v / 12.92 } else { v.signum() * ((abs + 0.055) / 1.055).powf(2.4) }
}

pub(crate) fn linear_to_srgb(v: f64) -> f64 {
    let abs = v.abs();
    if abs > 0.0031308 { v.signum() * (1.055 * abs.powf(1.0 / 2.4) - 0.055) } else { 12.92 * v }
}

fn gamma(v: f64, exponent: f64) -> f64 {
    v.signum() * v.abs().powf(exponent)
}

fn prophoto_to_linear(v: f64) -> f64 {
    if v.abs() <= 16.0 / 512.0 { v / 16.0 } else { gamma(v, 1.8) }
}

#[cfg(test)]
fn linear_to_prophoto(v: f64) -> f64 {
    if v.abs() >= 1.0 / 512.0 { gamma(v, 1.0 / 1.8) } else { 16.0 * v }
}

fn map3(v: [f64; 3], f: impl Fn(f64) -> f64) -> [f64; 3] {
    [f(v[0]), f(v[1]), f(v[2])]
}

/// Normalises an angle to [0, 360).
pub(crate) fn normalize_hue(h: f64) -> f64 {
    let h = h.rem_euclid(360.0);
    if h >= 360.0 { 0.0 } else { h }
}

/// `hsl()` (degrees, saturation ≥ 0, lightness; both in percent) to sRGB, the CSS Color 4 §7.1 formula.
///
/// `hsl()` is a legacy sRGB colour: a saturation over 100% or a lightness outside 0–100% (kept, CSS Color 4 §7)
/// gives channels outside 0–1, and each is clamped to 0–1, as `rgb()` channels are (§5.1), rather than
/// gamut-mapped: `hsl(0 120% 80%)` is [1.04, 0.56, 0.56] clamped, `#ff8f8f`.
pub(crate) fn hsl_to_srgb(hsl: [f64; 3]) -> [f64; 3] {
    map3(hsl_to_srgb_unclamped(hsl), |c| c.clamp(0.0, 1.0))
}

fn hsl_to_srgb_unclamped([h, s, l]: [f64; 3]) -> [f64; 3] {
    let h = normalize_hue(h);
    let (s, l) = (s / 100.0, l / 100.0);
    let f = |n: f64| {
        let k = (n + h / 30.0) % 12.0;
        let a = s * l.min(1.0 - l);
        l - a * (k - 3.0).min(9.0 - k).clamp(-1.0, 1.0)
    };
    [f(0.0), f(8.0), f(4.0)]
}

/// `hwb()` to sRGB: a pure hue mixed with white and black, greys when whiteness + blackness ≥ 100%.
pub(crate) fn hwb_to_srgb([h, w, b]: [f64; 3]) -> [f64; 3] {
    let (w, b) = (w / 100.0, b / 100.0);
    if w + b >= 1.0 {
        let gray = w / (w + b);
        return [gray; 3];
    }
    map3(hsl_to_srgb_unclamped([h, 100.0, 50.0]), |c| c * (1.0 - w - b) + w)
}

/// The hue, maximum and minimum shared by HSL, HSV and HWB; the hue is `None` for greys, where it is powerless.
fn hue_max_min(rgb: [f64; 3]) -> (Option<f64>, f64, f64) {
    let [r, g, b] = rgb;
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let d = max - min;
    // Below this spread the hue is float noise from a conversion, not a colour anyone chose.
    let hue = if d > 1e-9 {
        let h = if max == r {
            (g - b) / d + if g < b { 6.0 } else { 0.0 }
        } else if max == g {
            (b - r) / d + 2.0
        } else {
            (r - g) / d + 4.0
        };
        Some(normalize_hue(h * 60.0))
    } else {
        None
    };
    (hue, max, min)
}

pub(crate) fn srgb_to_hsl(rgb: [f64; 3]) -> (Option<f64>, f64, f64) {
    let (hue, max, min) = hue_max_min(rgb);
    let l = (max + min) / 2.0;
    let s = if hue.is_none() || l <= 0.0 || l >= 1.0 { 0.0 } else { (max - l) / l.min(1.0 - l) };
    (hue, s * 100.0, l * 100.0)
}

pub(crate) fn srgb_to_hsv(rgb: [f64; 3]) -> (Option<f64>, f64, f64) {
    let (hue, max, min) = hue_max_min(rgb);
    let s = if max > 0.0 { (max - min) / max } else { 0.0 };
    (hue, s * 100.0, max * 100.0)
}

pub(crate) fn srgb_to_hwb(rgb: [f64; 3]) -> (Option<f64>, f64, f64) {
    let (hue, s, v) = srgb_to_hsv(rgb);
    (hue, v * (100.0 - s) / 100.0, 100.0 - v)
}

/// Lab (D50) to XYZ (D50), CIE 15 with the exact rational constants CSS uses.
fn lab_to_xyz_d50([l, a, b]: [f64; 3]) -> [f64; 3] {
    const KAPPA: f64 = 24389.0 / 27.0;
    const EPSILON: f64 = 216.0 / 24389.0;
    let fy = (l + 16.0) / 116.0;
    let fx = a / 500.0 + fy;
    let fz = fy - b / 200.0;
    let x = if fx.powi(3) > EPSILON { fx.powi(3) } else { (116.0 * fx - 16.0) / KAPPA };
    let y = if l > KAPPA * EPSILON { fy.powi(3) } else { l / KAPPA };
    let z = if fz.powi(3) > EPSILON { fz.powi(3) } else { (116.0 * fz - 16.0) / KAPPA };
    [x * D50_WHITE[0], y * D50_WHITE[1], z * D50_WHITE[2]]
}

fn xyz_d50_to_lab(xyz: [f64; 3]) -> [f64; 3] {
    const KAPPA: f64 = 24389.0 / 27.0;
    const EPSILON: f64 = 216.0 / 24389.0;
    let f = |v: f64| if v > EPSILON { v.cbrt() } else { (KAPPA * v + 16.0) / 116.0 };
    let [fx, fy, fz] =
        [f(xyz[0] / D50_WHITE[0]), f(xyz[1] / D50_WHITE[1]), f(xyz[2] / D50_WHITE[2])];
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

pub(crate) fn oklab_to_xyz(lab: [f64; 3]) -> [f64; 3] {
    let lms = map3(multiply(&OKLAB_TO_LMS, lab), |v| v * v * v);
    multiply(&LMS_TO_XYZ, lms)
}

pub(crate) fn xyz_to_oklab(xyz: [f64; 3]) -> [f64; 3] {
    let lms = map3(multiply(&XYZ_TO_LMS, xyz), f64::cbrt);
    multiply(&LMS_TO_OKLAB, lms)
}

/// Polar (L, C, h) to rectangular (L, a, b).
pub(crate) fn polar_to_rect([l, c, h]: [f64; 3]) -> [f64; 3] {
    let c = c.max(0.0);
    let rad = h.to_radians();
    [l, c * rad.cos(), c * rad.sin()]
}

/// Rectangular to polar; the hue is `None` when |a| and |b| are both below `epsilon` (colorjs.io's
/// threshold: 1/100 000 of the a/b reference range), because the hue of a grey is powerless.
pub(crate) fn rect_to_polar([l, a, b]: [f64; 3], epsilon: f64) -> (f64, f64, Option<f64>) {
    if a.abs() < epsilon && b.abs() < epsilon {
        (l, 0.0, None)
    } else {
        (l, a.hypot(b), Some(normalize_hue(b.atan2(a).to_degrees())))
    }
}

/// Achromatic threshold for CIE LCH (a/b reference range ±125).
pub(crate) const LCH_EPSILON: f64 = 250.0 / 100_000.0;
/// Achromatic threshold for Oklch (a/b reference range ±0.4).
pub(crate) const OKLCH_EPSILON: f64 = 0.8 / 100_000.0;

/// Any colour's coordinates in its space to XYZ D65.
pub(crate) fn to_xyz_d65(space: Space, c: [f64; 3]) -> [f64; 3] {
    match space {
        Space::Srgb => multiply(&SRGB_TO_XYZ, map3(c, srgb_to_linear)),
        Space::SrgbLinear => multiply(&SRGB_TO_XYZ, c),
        Space::DisplayP3 => multiply(&P3_TO_XYZ, map3(c, srgb_to_linear)),
        Space::DisplayP3Linear => multiply(&P3_TO_XYZ, c),
        Space::A98Rgb => multiply(&A98_TO_XYZ, map3(c, |v| gamma(v, 563.0 / 256.0))),
        Space::ProphotoRgb => {
            multiply(&D50_TO_D65, multiply(&PROPHOTO_TO_XYZ_D50, map3(c, prophoto_to_linear)))
        }
        // The CSSWG resolved in 2025 (w3c/csswg-drafts#12574) that rec2020 is display-referred: the BT.1886
        // pure 2.4 gamma, not BT.2020's camera curve. colorjs.io 0.7 does the same.
        Space::Rec2020 => multiply(&REC2020_TO_XYZ, map3(c, |v| gamma(v, 2.4))),
        Space::XyzD50 => multiply(&D50_TO_D65, c),
        Space::XyzD65 => c,
        Space::Hsl => to_xyz_d65(Space::Srgb, hsl_to_srgb(c)),
        Space::Hwb => to_xyz_d65(Space::Srgb, hwb_to_srgb(c)),
        Space::Lab => multiply(&D50_TO_D65, lab_to_xyz_d50(c)),
        Space::Lch => to_xyz_d65(Space::Lab, polar_to_rect(c)),
        Space::Oklab => oklab_to_xyz(c),
        Space::Oklch => oklab_to_xyz(polar_to_rect(c)),
    }
}

/// XYZ D65 to sRGB, unclipped.
pub(crate) fn xyz_to_srgb(xyz: [f64; 3]) -> [f64; 3] {
    map3(multiply(&XYZ_TO_SRGB, xyz), linear_to_srgb)
}

/// XYZ D65 to CSS Lab (D50, Bradford).
pub(crate) fn xyz_to_lab(xyz: [f64; 3]) -> [f64; 3] {
    xyz_d50_to_lab(multiply(&D65_TO_D50, xyz))
}

/// sRGB to Oklab, for colour differences.
pub(crate) fn srgb_to_oklab(rgb: [f64; 3]) -> [f64; 3] {
    xyz_to_oklab(to_xyz_d65(Space::Srgb, rgb))
}

/// XYZ D65 to coordinates in an RGB-like `color()` space (used by tests for round trips).
#[cfg(test)]
pub(crate) fn from_xyz_d65(space: Space, xyz: [f64; 3]) -> [f64; 3] {
    match space {
        Space::Srgb => xyz_to_srgb(xyz),
        Space::SrgbLinear => multiply(&XYZ_TO_SRGB, xyz),
        Space::DisplayP3 => map3(multiply(&invert(&P3_TO_XYZ), xyz), linear_to_srgb),
        Space::DisplayP3Linear => multiply(&invert(&P3_TO_XYZ), xyz),
        Space::A98Rgb => map3(multiply(&invert(&A98_TO_XYZ), xyz), |v| gamma(v, 256.0 / 563.0)),
        Space::ProphotoRgb => map3(
            multiply(&invert(&PROPHOTO_TO_XYZ_D50), multiply(&D65_TO_D50, xyz)),
            linear_to_prophoto,
        ),
        Space::Rec2020 => map3(multiply(&invert(&REC2020_TO_XYZ), xyz), |v| gamma(v, 1.0 / 2.4)),
        Space::XyzD50 => multiply(&D65_TO_D50, xyz),
        Space::XyzD65 => xyz,
        Space::Lab => xyz_to_lab(xyz),
        Space::Oklab => xyz_to_oklab(xyz),
        other => unreachable!("no direct conversion to {other:?} in tests"),
    }
}

/// Euclidean distance in Oklab (CSS Color 4 §14.2, deltaEOK).
pub(crate) fn delta_e_ok(a: [f64; 3], b: [f64; 3]) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: [f64; 3], b: [f64; 3], tolerance: f64) -> bool {
        a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tolerance)
    }

    #[test]
    fn white_is_d65_in_xyz_and_100_in_lab() {
        let xyz = to_xyz_d65(Space::Srgb, [1.0, 1.0, 1.0]);
        assert!(close(xyz, [0.9504559270516716, 1.0, 1.0890577507598784], 1e-9), "{xyz:?}");
        assert!(close(xyz_to_lab(xyz), [100.0, 0.0, 0.0], 1e-4), "{:?}", xyz_to_lab(xyz));
        assert!(close(xyz_to_oklab(xyz), [1.0, 0.0, 0.0], 1e-6));
    }

    #[test]
    fn red_matches_css_reference_values() {
        // Values from colorjs.io 0.7.1, which implements the same CSS sample code.
        let xyz = to_xyz_d65(Space::Srgb, [1.0, 0.0, 0.0]);
        assert!(close(
            xyz_to_lab(xyz),
            [54.29054140467191, 80.80492817043522, 69.89096476862429],
            1e-9
        ));
        assert!(close(
            xyz_to_oklab(xyz),
            [0.6279553639214311, 0.2248630684262744, 0.125846277330585],
            1e-9
        ));
    }

    #[test]
    fn every_rgb_space_round_trips_through_xyz() {
        for space in [
            Space::Srgb,
            Space::SrgbLinear,
            Space::DisplayP3,
            Space::DisplayP3Linear,
            Space::A98Rgb,
            Space::ProphotoRgb,
            Space::Rec2020,
            Space::XyzD50,
            Space::XyzD65,
            Space::Lab,
            Space::Oklab,
        ] {
            for c in [[0.2, 0.5, 0.8], [1.2, -0.1, 0.004], [0.0, 0.0, 0.0]] {
                let c =
                    if space == Space::Lab { [c[0] * 100.0, c[1] * 50.0, c[2] * 50.0] } else { c };
                let back = from_xyz_d65(space, to_xyz_d65(space, c));
                assert!(close(back, c, 1e-9), "{space:?}: {c:?} -> {back:?}");
            }
        }
    }

    #[test]
    fn hsl_hwb_and_hsv_agree_with_css() {
        assert!(close(hsl_to_srgb([120.0, 100.0, 25.0]), [0.0, 0.5, 0.0], 1e-12));
        assert!(close(hwb_to_srgb([0.0, 60.0, 60.0]), [0.5, 0.5, 0.5], 1e-12));
        let (h, s, l) = srgb_to_hsl([1.0, 0.5, 0.0]);
        assert_eq!(h, Some(30.0));
        assert!((s - 100.0).abs() < 1e-9 && (l - 50.0).abs() < 1e-9);
        assert_eq!(srgb_to_hsl([0.5, 0.5, 0.5]).0, None);
        assert_eq!(srgb_to_hsv([0.0, 0.0, 1.0]), (Some(240.0), 100.0, 100.0));
        assert_eq!(srgb_to_hwb([1.0, 1.0, 1.0]), (None, 100.0, 0.0));
    }

    #[test]
    fn greys_have_powerless_hues() {
        let (_, c, h) = rect_to_polar(xyz_to_lab(to_xyz_d65(Space::Srgb, [0.5; 3])), LCH_EPSILON);
        assert_eq!(h, None);
        assert_eq!(c, 0.0);
        assert_eq!(
            rect_to_polar(xyz_to_oklab(to_xyz_d65(Space::Srgb, [0.2; 3])), OKLCH_EPSILON).2,
            None
        );
    }

    #[test]
    fn inverse_matches_published_inverse() {
        assert!(invert(&SRGB_TO_XYZ).iter().zip(XYZ_TO_SRGB).all(|(a, b)| close(*a, b, 1e-9)));
    }
}
