//! The colour a browser paints, for the classes of input where the library once differed (issue 14).
//!
//! Expected values come from independent implementations, not from this library:
//! - "Chromium": Chromium 156 headless, `getComputedStyle(el).color` after `el.style.color = input`, written as
//!   hex (`rgb(128, 179, 77)` → `#80b34d`), and `CSS.supports('color', input)` for validity;
//! - "coloraide": coloraide 8.13.1 in Python, `Color(input).to_string(hex=True)` (hex with alpha, which a
//!   computed style does not show), for inputs in range, where it agrees with Chromium.

use devtools_color::{convert, parse};

fn hex(input: &str) -> String {
    let color = parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
    convert(input, &color).hex
}

fn hex8(input: &str) -> String {
    let color = parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
    convert(input, &color).hex8
}

/// Class 1: numbers are read exactly (f64 from the source text), so a channel of exactly n.5 rounds half up,
/// as CSS Color 4 §5.2 serialisation and the browsers do.
#[test]
fn exact_halves_round_up() {
    // (input, Chromium's computed colour; coloraide gives the same hex for each)
    for (input, expected) in [
        ("hsl(90 40% 50%)", "#80b34d"),   // 127.5, 178.5, 76.5
        ("hsl(90, 40%, 50%)", "#80b34d"), // legacy syntax, same numbers
        ("hsl(0.25turn 40% 50%)", "#80b34d"),
        ("hwb(90 30% 30%)", "#80b34d"),
        ("hsl(30 60% 50%)", "#cc8033"),
        ("hsl(210 20% 50%)", "#668099"),
        ("hwb(270 10% 10%)", "#801ae6"),
        ("rgb(127.5 0 0)", "#800000"),
        ("rgb(50% 50.2% 0.1%)", "#808000"),
    ] {
        assert_eq!(hex(input), expected, "{input}");
    }
    // Alpha × 255 (coloraide's hex with alpha): 0.7 → 178.5 → b3.
    for (input, expected) in [
        ("rgb(0 0 0 / 0.7)", "#000000b3"),
        ("rgb(0 0 0 / 70%)", "#000000b3"),
        ("rgb(0 0 0 / 0.3)", "#0000004d"),
        ("rgb(0 0 0 / 0.1)", "#0000001a"),
        ("rgb(0 0 0 / 0.9)", "#000000e6"),
        ("rgb(0 0 0 / 0.5)", "#00000080"),
    ] {
        assert_eq!(hex8(input), expected, "{input}");
    }
}

/// Class 2: rgb(), hsl() and hwb() values out of range are clamped (CSS Color 4 §5.1; §7: a negative saturation
/// at parsed-value time, then the sRGB channels; §8), not gamut-mapped: the colour is the one a browser paints,
/// and counts as inside sRGB.
#[test]
fn legacy_colours_clamp_as_browsers_paint_them() {
    // (input, Chromium's computed colour)
    for (input, expected) in [
        ("rgb(300 0 0)", "#ff0000"),
        ("rgb(-30, 500, -1)", "#00ff00"),
        ("rgb(150% -5% 50%)", "#ff0080"),
        ("rgba(300, 128, -5, 0.5)", "#ff8000"),
        ("hsl(120 150% 50%)", "#00ff00"),
        // CSS Color 4 §7: saturation over 100% is kept and the channels are clamped: [−0.15, 0.75, −0.15] is
        // #00bf00. Chromium's fast path for this lowercase form still clamps the saturation first (#009900), a
        // listed divergence (chromium-hsl-saturation-over-100); its full parser, e.g. for `HSL(…)`, agrees.
        ("hsl(120 150% 30%)", "#00bf00"),
        ("hsl(0 120 80)", "#ff8f8f"),
        ("hsl(0 -20% 50%)", "#808080"),
        ("hsl(120 -50% 50%)", "#808080"),
        ("hsl(120 50% 150%)", "#ffffff"),
        ("hwb(90 -30% 30%)", "#59b300"),
        ("hwb(90 150% 30%)", "#d5d5d5"),
        ("hwb(90 30% 150%)", "#2b2b2b"),
    ] {
        let color = parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        let conversion = convert(input, &color);
        assert_eq!(conversion.hex, expected, "{input}");
        assert!(conversion.in_gamut, "{input}: a clamped legacy colour is inside sRGB");
    }
    // Colours genuinely outside sRGB are still gamut-mapped (CSS Color 4 §13.2), not clipped.
    for input in ["color(srgb 1.2 0 0)", "oklch(70% 0.4 150)", "lab(50 150 0)"] {
        let conversion = convert(input, &parse(input).expect("parses"));
        assert!(!conversion.in_gamut, "{input}");
    }
}

/// Class 3: what is valid is what Chromium accepts for `color:` (`CSS.supports('color', input)`), legacy comma
/// syntax included (CSS Color 4 §5.1, §7.1: with commas, rgb() takes all numbers or all percentages and hsl()
/// percentages for saturation and lightness).
#[test]
fn validity_matches_the_browser() {
    // (input, CSS.supports('color', input) in Chromium 156)
    for (input, valid) in [
        ("hsl(120deg, 50, 50%)", false),
        ("hsl(120, 50%, 50)", false),
        ("hsla(120, 50%, 50%, 50%)", true),
        ("hsl(120, 50%, 50%, 0.5)", true),
        ("hsl(120 50 50 / .5)", true),
        ("hwb(120 10 10)", true),
        ("hwb(120, 10%, 10%)", false),
        ("rgb(10%, 20, 30)", false),
        ("rgb(1,2,3,)", false),
        ("rgb(1, 2, 3 / 0.5)", false),
        ("rgb(1 2, 3)", false),
        ("rgba(1 2 3 0.5)", false),
        ("hsl(none, 50%, 50%)", false),
        ("rgb(none 2 3)", true),
        ("rgb(1 2 3", true),
        ("rgb(+1 -2 .5)", true),
        ("rgb(1,/*c*/2,3)", true),
        ("color(srgb 1 0)", false),
        ("lch(50 -20 30)", true),
        ("#ff000", false),
        ("#abcd", true),
    ] {
        assert_eq!(parse(input).is_ok(), valid, "{input}");
    }
}

/// Forms that are not CSS but are read as a convenience say so in the answer's `note`; CSS input has none.
#[test]
fn convenience_forms_are_noted() {
    let note = |input: &str| convert(input, &parse(input).expect("parses")).note;
    assert_eq!(
        note("fff").as_deref(),
        Some(
            "Read as #fff: bare hex digits are accepted here as a convenience; CSS needs the # (#fff)."
        )
    );
    assert!(note(" 255, 0, 0 ").is_some_and(|n| n.starts_with("Read as rgb(255, 0, 0)")));
    assert!(note("cmyk(0, 100, 100, 0)").is_some_and(|n| n.starts_with("cmyk() is not CSS")));
    assert!(note("device-cmyk(0 1 1 0)").is_some_and(|n| n.contains("browsers do not support")));
    for css in ["#fff", "red", "rgb(255 0 0)", "oklch(70% 0.1 200)", "transparent"] {
        assert_eq!(note(css), None, "{css}");
        let json = serde_json::to_value(convert(css, &parse(css).expect("parses"))).expect("json");
        assert!(json.get("note").is_none(), "{css}: no note field for CSS");
    }
}
