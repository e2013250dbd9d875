//! Numbers and colours as text: hex, and CSS component values without float noise.

/// An 8-bit channel from a 0–1 value (clamped, rounded half up as colorjs.io and browsers do).
pub(crate) fn to_u8(v: f64) -> u8 {
    // Clamped to 0–255 first, so the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let byte = (v.clamp(0.0, 1.0) * 255.0).round() as u8;
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
