//! Numbers and colours as text: hex, and CSS component values without float noise.

/// How far below n.5 a scaled channel may fall and still round up: conversions in f64 leave noise of about
/// 1e-13 on a value that is exactly n.5 in exact arithmetic (`hwb(90 150% 30%)` is 150/180 × 255 = 212.5,
/// computed as 212.49999999999997). No 8-bit, percentage or short decimal input lands this close to a half
/// without being one.
const HALF_TOLERANCE: f64 = 1e-9;

/// An 8-bit channel from a 0–1 value: clamped, and rounded half up (an exact n.5 goes up) as browsers do for
/// the 8-bit sRGB they paint and as CSS Color 4 §15.2 (serialising sRGB values) prescribes.
pub(crate) fn to_u8(v: f64) -> u8 {
    // Clamped to 0–255 first, so the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let byte = (v.clamp(0.0, 1.0) * 255.0 + 0.5 + HALF_TOLERANCE).floor().min(255.0) as u8;
    byte
}

/// `#rrggbb` from 0–1 channels.
pub(crate) fn hex6(rgb: [f64; 3]) -> String {
    let [r, g, b] = rgb.map(to_u8);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// `#rrggbbaa` from 0–1 channels and alpha.
pub(crate) fn hex8(rgb: [f64; 3], alpha: f64) -> String {
    format!("{}{:02x}", hex6(rgb), to_u8(alpha))
}

/// `#rrggbb` when opaque, `#rrggbbaa` otherwise.
pub(crate) fn hex_auto(rgb: [f64; 3], alpha: f64) -> String {
    if to_u8(alpha) == 255 { hex6(rgb) } else { hex8(rgb, alpha) }
}

/// Rounds to `decimals` places, turning `-0` into `0`.
pub(crate) fn round(v: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    let rounded = (v * factor).round() / factor;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// A number for CSS: at most `decimals` places, no trailing zeros, no `-0`.
pub(crate) fn num(v: f64, decimals: i32) -> String {
    let scaled = (v * 10f64.powi(decimals)).round();
    // Written by hand from the scaled integer rather than with `format!("{:.N}")`: the digits are the same (the
    // rounded value k / 10^N is the double nearest that decimal, so formatting it to N places gives back k for
    // every |k| < 2^53), but the standard formatter's exact mode falls back to its slow bignum path (Dragon4)
    // for many such values, and was the largest single cost of the colour page. Other values take that path.
    let Some(places) = usize::try_from(decimals).ok().filter(|&places| places <= 15) else {
        return num_formatted(v, decimals);
    };
    if !scaled.is_finite() || scaled.abs() >= 9.0e15 {
        return num_formatted(v, decimals);
    }
    // Finite and below 2^53 in magnitude, so the cast is exact.
    #[allow(clippy::cast_possible_truncation)]
    let units = scaled as i64;
    let digits = format!("{:0>width$}", units.unsigned_abs(), width = places + 1);
    let (whole, fraction) = digits.split_at(digits.len() - places);
    let fraction = fraction.trim_end_matches('0');
    let sign = if units < 0 { "-" } else { "" };
    if fraction.is_empty() { format!("{sign}{whole}") } else { format!("{sign}{whole}.{fraction}") }
}

/// [`num`] through the standard formatter, for what the integer path cannot write (infinities, NaN, huge values).
fn num_formatted(v: f64, decimals: i32) -> String {
    let rounded = round(v, decimals);
    let text = format!("{rounded:.prec$}", prec = usize::try_from(decimals).unwrap_or(0));
    let text =
        if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
    text.to_owned()
}

/// A hue for CSS, or `none` when powerless.
pub(crate) fn hue(h: Option<f64>, decimals: i32) -> String {
    h.map_or_else(|| "none".to_owned(), |h| num(h, decimals))
}

/// ` / 0.5` for translucent colours, nothing for opaque ones.
pub(crate) fn alpha_suffix(alpha: f64) -> String {
    if alpha >= 1.0 { String::new() } else { format!(" / {}", num(alpha, 4)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_rounds_half_up_and_clamps() {
        assert_eq!(hex6([1.0, 0.5, 0.0]), "#ff8000");
        assert_eq!(hex6([1.2, -0.1, 0.2]), "#ff0033");
        assert_eq!(hex8([0.0, 0.0, 0.0], 0.5), "#00000080");
        assert_eq!(hex_auto([0.0, 0.0, 0.0], 1.0), "#000000");
        // Exact halves go up, float noise below a half included (212.49999999999997 is 212.5).
        assert_eq!(to_u8(0.7), 179);
        assert_eq!(to_u8(150.0 / 180.0), 213);
        assert_eq!(to_u8(212.49 / 255.0), 212);
        assert_eq!(to_u8(1.0), 255);
        assert_eq!(to_u8(0.0), 0);
    }

    #[test]
    fn numbers_written_from_integers_match_the_standard_formatter() {
        // A walk over magnitudes and signs, with values at and near every rounding boundary.
        let mut v = 1e-7_f64;
        while v < 1e14 {
            for x in [v, -v, v * 1.000_000_1, v * 0.999_999_9, v + 0.5e-4, v + 0.5e-2] {
                for decimals in [0, 1, 2, 3, 4, 6] {
                    assert_eq!(
                        num(x, decimals),
                        num_formatted(x, decimals),
                        "{x} to {decimals} places"
                    );
                }
            }
            v *= 1.37;
        }
        assert_eq!(num(f64::NAN, 2), "NaN");
        assert_eq!(num(f64::INFINITY, 2), "inf");
        assert_eq!(num(1e300, 2), num_formatted(1e300, 2));
    }

    #[test]
    fn numbers_lose_noise_and_negative_zero() {
        assert_eq!(num(0.30000000000000004, 4), "0.3");
        assert_eq!(num(-0.00001, 3), "0");
        assert_eq!(num(120.0, 2), "120");
        assert_eq!(num(54.29054, 2), "54.29");
        assert_eq!(hue(None, 2), "none");
        assert_eq!(alpha_suffix(0.25), " / 0.25");
        assert_eq!(alpha_suffix(1.0), "");
    }
}
