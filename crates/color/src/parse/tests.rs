use super::*;

fn srgb(input: &str) -> [f64; 3] {
    parse(input).unwrap_or_else(|e| panic!("{input}: {e}")).srgb_unmapped()
}

fn hex(input: &str) -> String {
    crate::format::hex6(parse(input).unwrap_or_else(|e| panic!("{input}: {e}")).srgb_mapped())
}

fn close(a: [f64; 3], b: [f64; 3]) -> bool {
    a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-6)
}

fn message(input: &str) -> String {
    parse(input).expect_err(input).to_string()
}

fn position(input: &str) -> Option<usize> {
    parse(input).expect_err(input).position
}

#[test]
fn hex_forms() {
    assert!(close(srgb("#f00"), [1.0, 0.0, 0.0]));
    assert!(close(srgb("#FF0000"), [1.0, 0.0, 0.0]));
    assert_eq!(parse("#ff000080").unwrap().alpha(), 128.0 / 255.0);
    assert_eq!(parse("#f008").unwrap().alpha(), 136.0 / 255.0);
    assert!(close(srgb("  #0000ff  "), [0.0, 0.0, 1.0]));
}

#[test]
fn rgb_legacy_and_modern() {
    for input in [
        "rgb(255, 0, 0)",
        "rgba(255, 0, 0, 1)",
        "rgb(255 0 0)",
        "RGB(100% 0% 0%)",
        "rgb(100%, 0%, 0%)",
        "rgb(255 0 0 / 100%)",
        "rgb(255 none none)",
    ] {
        assert!(close(srgb(input), [1.0, 0.0, 0.0]), "{input}");
    }
    assert_eq!(parse("rgba(0 0 0 / 25%)").unwrap().alpha(), 0.25);
    assert_eq!(parse("rgb(0 0 0 / none)").unwrap().alpha(), 0.0);
    assert_eq!(parse("rgb(none 0 0)").unwrap().coords()[0], None);
    // Fractions are kept, not rounded; out-of-range channels are clamped at parsed-value time (CSS Color 4
    // §5.1), as Chromium paints them.
    assert!(close(srgb("rgb(127.5 0 0)"), [0.5, 0.0, 0.0]));
    assert!(close(srgb("rgb(50% 0% 0%)"), [0.5, 0.0, 0.0]));
    assert!(close(srgb("rgb(300 -20 0)"), [1.0, 0.0, 0.0]));
    assert!(close(srgb("rgb(-30, 500, -1)"), [0.0, 1.0, 0.0]));
    assert!(close(srgb("rgb(150% -5% 50%)"), [1.0, 0.0, 0.5]));
    assert!(close(srgb("300, 0, 0"), [1.0, 0.0, 0.0]));
    assert!(parse("rgb(300 0 0)").unwrap().in_srgb_gamut());
    // color() is not clamped: a colour outside sRGB stays one, and is gamut-mapped (§13.2).
    assert!(!parse("color(srgb 1.2 0 0)").unwrap().in_srgb_gamut());
}

#[test]
fn hsl_and_hwb_with_angles() {
    for input in [
        "hsl(120, 100%, 25%)",
        "hsla(120, 100%, 25%, 1)",
        "hsl(120 100% 25%)",
        "hsl(120deg 100 25)",
        "hsl(0.3333333333turn 100% 25%)",
        "hsl(133.33333333grad 100% 25%)",
        "hsl(2.0943951024rad 100% 25%)",
        "hsl(480 100% 25%)",
        "hwb(120 0% 50%)",
        "hwb(120 0 50)",
    ] {
        assert!(close(srgb(input), [0.0, 0.5, 0.0]), "{input}: {:?}", srgb(input));
    }
    assert_eq!(parse("hsl(none 0% 50%)").unwrap().coords()[0], None);
    // CSS Color 4 §7 (see clamp_as_css): only a negative saturation is clamped (to 0) at parsed-value time;
    // the conversion's out-of-range sRGB channels are clamped one by one, as for rgb().
    assert!(close(srgb("hsl(0 200% 50%)"), [1.0, 0.0, 0.0]));
    // l = 0.3, a = 1.5 × 0.3 = 0.45: channels 0.3 ± 0.45, clamped.
    assert!(close(srgb("hsl(120 150% 30%)"), [0.0, 0.75, 0.0]));
    // l = 0.8, a = 1.2 × 0.2 = 0.24: [1.04, 0.56, 0.56] clamped, #ff8f8f (the old clamp of s gave #ff9999).
    assert!(close(srgb("hsl(0 120 80)"), [1.0, 0.56, 0.56]));
    assert_eq!(hex("hsl(0 120 80)"), "#ff8f8f");
    assert_eq!(hex("hsl(0 120% 80%)"), "#ff8f8f");
    assert_eq!(hex("hsl(120 150% 50%)"), "#00ff00");
    assert!(parse("hsl(120 150% 50%)").expect("hsl").in_srgb_gamut(), "clamped, not gamut-mapped");
    assert!(close(srgb("hsl(0 -50% 50%)"), [0.5, 0.5, 0.5]), "negative saturation clamps to 0");
    assert_eq!(hex("hsl(0 -20% 50%)"), "#808080");
    // Lightness beyond 100% with a large saturation is not simply white: l = 1.1, a = 20 × (1 − 1.1) = −2.
    assert!(close(srgb("hsl(0 2000% 110%)"), [0.0, 1.0, 1.0]));
    assert!(close(srgb("hsl(0 100% 150%)"), [1.0, 1.0, 1.0]));
    assert!(close(srgb("hsl(0 100% -10%)"), [0.0, 0.0, 0.0]));
    assert!(close(srgb("hwb(90 -30% 30%)"), [0.35, 0.7, 0.0]));
    let grey = 150.0 / 180.0;
    assert!(close(srgb("hwb(90 150% 30%)"), [grey, grey, grey]), "a sum over 100% is a grey");
}

#[test]
fn lab_lch_oklab_oklch() {
    let red = [1.0, 0.0, 0.0];
    let near = |input: &str| srgb(input).iter().zip(red).all(|(x, y)| (x - y).abs() < 0.5 / 255.0);
    assert!(near("lab(54.29 80.805 69.891)"));
    assert!(near("lab(54.29% 64.644% 55.913%)"));
    assert!(near("lch(54.291 106.837 40.858)"));
    assert!(near("lch(54.291 106.837 0.71310rad)"));
    assert!(near("oklab(0.62796 0.22486 0.12585)"));
    assert!(near("oklab(62.796% 56.215% 31.4625%)"));
    assert!(near("oklch(0.62796 0.25768 29.234)"));
    assert!(near("oklch(62.796% 64.42% 29.234deg)"));
    assert_eq!(parse("lab(150 0 0)").unwrap().coords()[0], Some(100.0), "lightness clamps to 100");
    assert_eq!(parse("oklch(0.5 -0.1 30)").unwrap().coords()[1], Some(0.0), "chroma clamps to 0");
    assert_eq!(parse("lch(50 30 none / 0.5)").unwrap().coords()[2], None);
}

#[test]
fn color_function_spaces() {
    assert!(close(srgb("color(srgb 1 0 0)"), [1.0, 0.0, 0.0]));
    assert!(close(srgb("color(srgb 100% 0% 0%)"), [1.0, 0.0, 0.0]));
    assert!(close(srgb("color(srgb-linear 1 0 0)"), [1.0, 0.0, 0.0]));
    assert!(close(srgb("color(xyz 0.4123908 0.2126390 0.0193308)"), [1.0, 0.0, 0.0]));
    assert!(close(srgb("color(xyz-d65 0.9504559 1 1.0890578)"), [1.0, 1.0, 1.0]));
    for space in
        ["display-p3", "display-p3-linear", "a98-rgb", "prophoto-rgb", "rec2020", "xyz-d50"]
    {
        let white = if space == "xyz-d50" {
            "0.9642956 1 0.8251046".to_owned()
        } else {
            "1 1 1".to_owned()
        };
        let rgb = srgb(&format!("color({space} {white})"));
        assert!(rgb.iter().all(|c| (c - 1.0).abs() < 1e-4), "{space}: {rgb:?}");
    }
    assert!(!parse("color(display-p3 1 0 0)").unwrap().in_srgb_gamut());
    assert_eq!(parse("color(display-p3 1 0 0 / 0.5)").unwrap().alpha(), 0.5);
}

#[test]
fn named_colours_and_transparent() {
    for (name, rgb) in crate::named_colors() {
        let expected = rgb.map(|c| f64::from(c) / 255.0);
        assert!(close(srgb(name), expected), "{name}");
        assert!(close(srgb(&name.to_ascii_uppercase()), expected), "{name}");
    }
    let transparent = parse("transparent").unwrap();
    assert_eq!((transparent.srgb_unmapped(), transparent.alpha()), ([0.0; 3], 0.0));
}

#[test]
fn pasted_non_css_forms() {
    assert!(close(srgb("ff8000"), [1.0, 128.0 / 255.0, 0.0]));
    assert!(close(srgb("F80"), [1.0, 136.0 / 255.0, 0.0]));
    assert_eq!(parse("ff800080").unwrap().alpha(), 128.0 / 255.0);
    assert!(close(srgb("255, 0, 0"), [1.0, 0.0, 0.0]));
    assert!(close(srgb("255 0 0"), [1.0, 0.0, 0.0]));
    assert_eq!(parse("255, 0, 0, 0.5").unwrap().alpha(), 0.5);
    assert!(close(srgb("cmyk(0%, 100%, 100%, 0%)"), [1.0, 0.0, 0.0]));
    assert!(close(srgb("cmyk(0, 100, 100, 0)"), [1.0, 0.0, 0.0]));
    assert!(close(srgb("device-cmyk(0 1 1 0)"), [1.0, 0.0, 0.0]));
    assert!(close(srgb("cmyk(0% 0% 0% 50%)"), [0.5, 0.5, 0.5]));
    assert_eq!(parse("device-cmyk(0 0 0 1 / 50%)").unwrap().alpha(), 0.5);
}

#[test]
fn errors_say_what_and_where() {
    assert_eq!(message("rgb(255 0)"), "rgb(): expected 3 values, found 2");
    assert_eq!(message("rgb(1, 2)"), "rgb(): expected 3 values, found 2");
    assert_eq!(position("rgb(1 2"), Some(7), "where the third value is missing");
    assert_eq!(position("rgb()"), Some(4));
    assert_eq!(position("255 0"), Some(5));
    assert_eq!(message("oklch(0.5 0.1 30 40)"), "oklch(): expected 3 values, found 4");
    assert_eq!(position("oklch(0.5 0.1 30 40)"), Some(17));
    assert_eq!(message("grean"), "unknown colour name \"grean\" (did you mean \"green\"?)");
    assert_eq!(message("#12345"), "#12345: a hex colour has 3, 4, 6 or 8 digits, found 5");
    assert_eq!(message("#12g"), "#12g: \"g\" is not a hex digit (0–9, a–f)");
    assert_eq!(position("  #12g"), Some(5));
    assert_eq!(message("rgb(255, 0 0)"), "rgb(): separate all values with commas, or none of them");
    assert_eq!(message("lab(50, 20, 30)"), "lab(): separate values with spaces, not commas");
    assert_eq!(
        message("rgb(255, 50%, 0)"),
        "rgb(): with commas, use all numbers or all percentages"
    );
    assert_eq!(
        message("rgb(10%, 50, 0)"),
        "rgb(): with commas, use all numbers or all percentages"
    );
    // The first value whose type differs from the first value's is the one pointed at.
    assert_eq!(position("rgb(100%,0,0)"), Some(9));
    assert_eq!(position("rgb(255, 50%, 0)"), Some(9));
    assert_eq!(position("rgb(10%, 50, 0)"), Some(9));
    assert_eq!(position("rgba(0%, 0%, 0, 1)"), Some(13));
    assert_eq!(position(" 0, 0, 50%"), Some(7));
    assert_eq!(
        message("rgb(none, 0, 0)"),
        "rgb(): none is only allowed in the space-separated syntax, e.g. rgb(none 0 0)"
    );
    assert_eq!(
        message("hsl(30px 50% 50%)"),
        "hsl(): hue must be a number or an angle (deg, rad, grad, turn), found \"30px\""
    );
    assert_eq!(
        message("rgb(0 0 0deg)"),
        "rgb(): blue must be a number or a percentage, found \"0deg\""
    );
    assert_eq!(
        message("rgb(0 0 0 / red)"),
        "rgb(): alpha must be a number or a percentage, found \"red\""
    );
    assert!(message("color(foo 1 0 0)").starts_with("color(): unknown colour space \"foo\""));
    assert!(message("rgbb(1 2 3)").starts_with("unknown colour function \"rgbb()\""));
    assert_eq!(message("red blue"), "unexpected \"blue\" after the colour");
    assert_eq!(position("red blue"), Some(4));
    assert!(message("currentcolor").starts_with("currentcolor is not supported"));
    assert!(
        message("rgb(from red r g b)")
            .starts_with("relative colour syntax (from) is not supported")
    );
    assert!(message("color-mix(in srgb, red, blue)").starts_with("color-mix() is not supported"));
    assert_eq!(message("   "), ParseError::new(ErrorKind::Empty, None).to_string());
    assert!(message(&"a".repeat(300)).contains("300 characters"));
    // A slash with nothing after it: the alpha is missing, where it should have been.
    for (input, at) in [("rgb(255 0 0 /)", 13), ("hsl(0 100% 50% / )", 16), ("255 0 0 /", 9)] {
        assert_eq!(parse(input).expect_err(input).kind_name(), "missing_alpha", "{input}");
        assert_eq!(position(input), Some(at), "{input}");
    }
    assert_eq!(
        message("oklch(0.5 0.1 30 /)"),
        "oklch(): the alpha after \"/\" is missing; give a number or a percentage, or drop the \"/\""
    );
    assert_eq!(position("device-cmyk(0 0 0 1 /)"), Some(21));
    assert_eq!(parse("device-cmyk(0 0 0 1 /)").expect_err("cmyk").kind_name(), "missing_alpha");
    assert_eq!(message("cmyk(0 0 0)"), "cmyk(): expected 4 values, found 3");
    assert_eq!(message("255, 0"), "bare channels: expected 3 values, found 2");
    assert_eq!(message("#"), "#: a hex colour needs 3, 4, 6 or 8 digits after #");
    // CSS Color 4 §7.1: with commas, hsl()'s saturation and lightness are percentages; Chromium refuses
    // hsl(120deg, 50, 50%) (CSS.supports('color', …) is false) and takes hsl(120deg 50 50%).
    assert_eq!(
        message("hsl(120deg, 50, 50%)"),
        "hsl(): saturation must be a percentage when the values are separated by commas, e.g. \
         hsl(120, 50%, 50%) (bare numbers are allowed only without commas: hsl(120 50 50)), found \"50\""
    );
    assert_eq!(position("hsl(120deg, 50, 50%)"), Some(12));
    assert!(
        message("hsla(120, 50%, 50, 0.5)").starts_with("hsla(): lightness must be a percentage")
    );
    assert_eq!(position(" hsl(120, 50%, 50)"), Some(15));
    assert!(parse("hsl(120deg 50 50%)").is_ok());
    assert!(parse("hsla(120, 50%, 50%, 50%)").is_ok());
    assert_eq!(
        message("rgb(calc(1) 2 3)"),
        "calc() in rgb() is not supported: give the colour's components as plain numbers"
    );
    assert_eq!(position("rgb(calc(1) 2 3)"), Some(4));
}

/// Random sequences of colour-ish tokens never panic, and every error has a message and a position inside the
/// input.
#[test]
fn arbitrary_token_soup_never_panics() {
    const PIECES: &[&str] = &[
        "rgb(",
        "hsl(",
        "hwb(",
        "lab(",
        "lch(",
        "oklab(",
        "oklch(",
        "color(",
        "cmyk(",
        "device-cmyk(",
        "calc(",
        ")",
        ",",
        "/",
        " ",
        "none",
        "NONE",
        "display-p3",
        "xyz",
        "from",
        "red",
        "#",
        "#f",
        "#fff",
        "ff",
        "1e39",
        "-1e39",
        "0",
        "1",
        "255",
        "-3",
        ".5",
        "50%",
        "-20%",
        "1e6%",
        "30deg",
        "1turn",
        "2rad",
        "400grad",
        "3px",
        "é",
        "€",
        "\"",
        "'",
        "\\",
        "(",
        "{",
        "[",
        "!",
        ";",
        "\t",
        "\n",
        "𝄞",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..20_000 {
        let count = next() % 9;
        let input: String = (0..count)
            .map(|_| PIECES[usize::try_from(next() % PIECES.len() as u64).unwrap_or(0)])
            .collect();
        match parse(&input) {
            Ok(color) => {
                let c = crate::convert(&input, &color);
                assert!(c.srgb.iter().all(|v| (0.0..=1.0).contains(v)), "{input:?}: {:?}", c.srgb);
            }
            Err(error) => {
                assert!(!error.to_string().is_empty());
                if let Some(position) = error.position {
                    assert!(position <= input.chars().count(), "{input:?}: position {position}");
                }
            }
        }
    }
}

#[test]
fn any_finite_magnitude_is_accepted_and_clamped() {
    // CSS accepts any finite number; rgb() clamps its channels (CSS Color 4 §5.1).
    assert_eq!(hex("rgb(0 0 1e7)"), "#0000ff");
    assert_eq!(hex("rgb(-1e300, 1e300, 0)"), "#00ff00");
    assert_eq!(hex("rgb(1e39 0 0)"), "#ff0000");
    // A literal beyond f64 is read as the largest f64 of its sign, as Chromium reads it (it paints red).
    assert_eq!(hex("rgb(1e400 0 0)"), "#ff0000");
    assert_eq!(hex("rgb(0 -1e400% 1e400%)"), "#0000ff");
    assert_eq!(
        hex("hsl(1e400 100% 50%)"),
        hex(&format!("hsl({} 100% 50%)", f64::MAX.rem_euclid(360.0)))
    );
    assert_eq!(hex("lab(50 1e400 0)"), "#ffffff");
    assert_eq!(hex("hsl(0 1e30% 50%)"), "#ff0000");
    assert_eq!(hex("hwb(0 1e300% 1e300%)"), "#808080");
    // Hues are reduced modulo a turn in their own unit (f64's remainder is exact), never multiplied first.
    let hue = |input: &str| parse(input).expect(input).coords()[0].expect("hue");
    assert_eq!(hue("hsl(1e30deg 100% 50%)"), 1e30_f64.rem_euclid(360.0));
    assert_eq!(hue("hsl(1e30deg 100% 50%)"), 16.0, "Chromium paints it rgb(255, 68, 0)");
    assert_eq!(hue("hsl(1e30 100% 50%)"), 1e30_f64.rem_euclid(360.0));
    assert_eq!(hue("hsl(-1e300turn 100% 50%)"), 0.0);
    assert_eq!(hue("hsl(1e300grad 100% 50%)"), 1e300_f64.rem_euclid(400.0) * 0.9);
    assert!((0.0..360.0).contains(&hue("hsl(1e300rad 100% 50%)")));
    assert_eq!(hue("hsl(1.5turn 100% 50%)"), 180.0);
    assert_eq!(hue("hsl(-90deg 100% 50%)"), 270.0);
    // Lab, Oklab, LCH, Oklch and color() with huge values: every conversion stays finite and the gamut mapping
    // terminates (the chroma search halves from at most 1e100 down to 0.0001: about 350 steps).
    for input in [
        "lab(50 1e300 0)",
        "lab(50 -1e300 1e300)",
        "lab(1e300 1e300 1e300)",
        "lch(50 1e300 1e30)",
        "oklab(0.5 1e300 -1e299)",
        "oklch(0.5 1e300 1e30deg)",
        "oklch(0.5 1e307% 120)",
        "color(srgb 1e300 0 0)",
        "color(prophoto-rgb 1e300 -1e300 1)",
        "color(xyz 1e300 1e300 1e300)",
        "color(rec2020 -1e300 0 0)",
        "hsl(90 1e300 -1e300)",
    ] {
        let color = parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        let conversion = crate::convert::convert(input, &color);
        let json = serde_json::to_string(&conversion).expect("json");
        assert!(
            !json.contains("null,null") && !json.contains("NaN") && !json.contains("inf"),
            "{input}: {json}"
        );
        for v in conversion
            .srgb
            .iter()
            .chain(&conversion.lab)
            .chain(&conversion.oklab)
            .chain(&conversion.xyz)
        {
            assert!(v.is_finite(), "{input}: {json}");
        }
        assert!(
            conversion.srgb.iter().all(|v| (0.0..=1.0).contains(v)),
            "{input}: {:?}",
            conversion.srgb
        );
    }
    // A direction is kept: oklab a/b are scaled together, so the hue of oklab(0.5 1e300 1e300) stays 45°.
    let c = parse("oklab(0.5 1e300 1e300)").expect("oklab");
    assert_eq!(c.coords()[1], c.coords()[2]);
    assert_eq!(c.oklch_coords().2.map(f64::round), Some(45.0));
}

/// The unknown-function message lists exactly the functions the parser reads, from the same table.
#[test]
fn unknown_function_message_lists_every_function_read() {
    let names: Vec<&str> = FUNCTIONS.iter().map(|(name, _)| *name).collect();
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "function names are unique: {names:?}");
    let text = message("rgbb(1 2 3)");
    let listed = text.split_once("; use ").expect("the message lists the functions").1;
    let listed: Vec<&str> =
        listed.split([',', ' ']).filter(|w| !w.is_empty() && *w != "or").collect();
    let expected: Vec<String> = names.iter().map(|name| format!("{name}()")).collect();
    assert_eq!(listed, expected);
    assert!(listed.contains(&"device-cmyk()"), "{text}");
    for name in names {
        // Every listed function is read: whatever is wrong with these arguments, the name is known.
        for input in [format!("{name}(0 0 0)"), format!("{}(0 0 0)", name.to_ascii_uppercase())] {
            let kind = parse(&input).map_or_else(|e| e.kind_name(), |_| "ok");
            assert_ne!(kind, "unknown_function", "{input}");
        }
    }
}

#[test]
fn hsv_as_the_tool_writes_it() {
    assert!(close(srgb("hsv(0 100% 100%)"), [1.0, 0.0, 0.0]));
    assert!(close(srgb("HSV(120deg 100 50)"), [0.0, 0.5, 0.0]));
    assert!(close(srgb("hsva(240, 100%, 100%, 0.5)"), [0.0, 0.0, 1.0]));
    assert_eq!(parse("hsva(240, 100%, 100%, 0.5)").unwrap().alpha(), 0.5);
    assert_eq!(parse("hsv(none 0% 50.2% / 0.502)").unwrap().alpha(), 0.502);
    assert!(close(srgb("hsv(none 0% 50%)"), [0.5, 0.5, 0.5]));
    assert!(close(srgb("hsv(60 50% 100%)"), [1.0, 1.0, 0.5]));
    // Out of range saturation and value are clamped to 0–100%.
    assert!(close(srgb("hsv(0 150% 120%)"), [1.0, 0.0, 0.0]));
    assert!(convenience_note("hsv(0 100% 100%)").is_some());
    assert_eq!(message("hsv(0 100%)"), "hsv(): expected 3 values, found 2");
    assert_eq!(position("hsv(0 100%)"), Some(10));
    assert_eq!(
        message("hsv(0 red 100%)"),
        "hsv(): saturation must be a percentage or a number from 0 to 100, found \"red\""
    );
    assert_eq!(position("hsv(0 red 100%)"), Some(6));
    assert_eq!(position("hsv(0 0% 0% /)"), Some(13));
    assert_eq!(message("hsv(0 0% 0%) x"), "unexpected \"x\" after the colour");
    assert!(message("hsv(1px 0% 0%)").starts_with("hsv(): hue must be a number or an angle"));
}

/// What the page and CLI show as `hsv(…)` reads back as the same colour, and is written the same again.
#[test]
fn hsv_notation_round_trips() {
    let mut inputs: Vec<String> = Vec::new();
    for r in (0..=255).step_by(17) {
        for g in (0..=255).step_by(15) {
            for b in (0..=255).step_by(51) {
                inputs.push(format!("rgb({r} {g} {b})"));
            }
        }
    }
    inputs.extend(
        ["#ff8000", "#12345678", "#0000", "rgb(1 2 3 / 0.25)", "oklch(0.7 0.3 150)"]
            .map(String::from),
    );
    inputs.extend(crate::named_colors().map(|(name, _)| name.to_owned()));
    for input in inputs {
        let first = crate::convert::convert(&input, &parse(&input).unwrap());
        let written = first.hsv_notation();
        let again = crate::convert::convert(&written, &parse(&written).unwrap());
        assert_eq!(again.hex8, first.hex8, "{input} -> {written}");
        assert_eq!(again.hsv_notation(), written, "{input}");
        assert_eq!(again.alpha, first.alpha, "{input}");
    }
}

/// `0xRRGGBB` is read as pasted code; other literals say what they are, not what they were wrapped in.
#[test]
fn hex_literals_from_code() {
    assert!(close(srgb("0xff8000"), [1.0, 128.0 / 255.0, 0.0]));
    assert!(close(srgb(" 0XFF8000 "), [1.0, 128.0 / 255.0, 0.0]));
    assert_eq!(
        convenience_note("0xff8000").as_deref(),
        Some(
            "Read as #ff8000: 0xff8000 is a programming-language hex literal, accepted here as a \
             convenience; CSS writes #ff8000."
        )
    );
    assert_eq!(convenience_note("0xff80"), None);
    assert_eq!(
        message("0xff80"),
        "0xff80 is a programming-language hex literal, read here as 0xRRGGBB: found 4 digits, not 6; CSS \
         writes #rrggbb"
    );
    assert_eq!(position("0xff80"), Some(0));
    assert_eq!(
        message("0x80ff8000"),
        "0x80ff8000 is a programming-language hex literal, read here as 0xRRGGBB: 8 digits are ambiguous \
         (0xAARRGGBB in Android and .NET, #rrggbbaa in CSS); CSS writes #ff800080 if the literal is ARGB, \
         #80ff8000 if it is RGBA"
    );
    assert!(!message("0x").contains("rgb("), "never the rgb() it is not");
    assert!(message("0x").contains("found 0 digits"));
    assert!(message("  0xff8g00").contains("\"g\" is not a hex digit"));
    assert_eq!(position("  0xff8g00"), Some(7));
    assert_eq!(parse("0xff80").unwrap_err().kind_name(), "hex_literal");
}

/// Bare channels are read as the inside of rgb(), but no error mentions the rgb() the user never typed, and
/// every position is in what was typed.
#[test]
fn bare_channel_errors_are_about_what_was_typed() {
    for (input, expected, at) in [
        ("255, 128, x", "bare channels: blue must be a number or a percentage, found \"x\"", 10),
        ("255 0", "bare channels: expected 3 values, found 2", 5),
        ("255, 0 0", "bare channels: separate all values with commas, or none of them", 7),
        ("100%, 0, 0", "bare channels: with commas, use all numbers or all percentages", 6),
        (
            "255 0 0 /",
            "bare channels: the alpha after \"/\" is missing; give a number or a percentage, or drop the \"/\"",
            9,
        ),
        (
            "255, 0, 0 / 50%",
            "bare channels: \"/\" before alpha is only allowed in the space-separated syntax, e.g. 255 0 0 / 50%",
            10,
        ),
        (
            "255, none, 0",
            "bare channels: none is only allowed in the space-separated syntax, e.g. 255 none 0",
            5,
        ),
        ("255 0 0 0 0", "bare channels: expected 3 values, found 5", 8),
    ] {
        assert_eq!(message(input), expected, "{input}");
        assert_eq!(position(input), Some(at), "{input}");
    }
    // Whatever goes wrong, the wrapping never shows.
    for input in [
        "1 2 3 4 5 /",
        "1 2 3 / 4 5",
        "1 2 3)",
        "1, 2, 3, 4, 5",
        "-1 -2 -3 /",
        ".5 .5 .5 / / 1",
        "1 2 3 !",
    ] {
        let text = message(input);
        assert!(!text.contains("rgb("), "{input}: {text}");
    }
}

#[test]
fn system_colours_are_refused_as_depending_on_the_user_agent() {
    for input in ["Canvas", "canvastext", "AccentColor", " highlight "] {
        let error = parse(input).expect_err(input);
        assert_eq!(error.kind_name(), "unsupported", "{input}");
        assert!(error.to_string().contains("a system colour"), "{error}");
        assert!(error.to_string().contains("depends on the user agent and its theme"), "{error}");
    }
    assert_eq!(
        message("canvastext"),
        "CanvasText (a system colour, CSS Color 4 §6.2) is not supported: its value depends on the user agent \
         and its theme (light or dark, forced colours), so it has no value to convert"
    );
    assert_eq!(position(" Canvas"), Some(1));
    let mut sorted = SYSTEM_COLORS.to_vec();
    sorted.sort_unstable_by_key(|name| name.to_ascii_lowercase());
    sorted.dedup_by_key(|name| name.to_ascii_lowercase());
    assert_eq!(sorted, SYSTEM_COLORS, "sorted and unique");
    assert!(
        SYSTEM_COLORS.iter().all(|name| named::lookup(name).is_none()),
        "no named colour among them"
    );
}

#[test]
fn unknown_space_message_lists_every_space_read() {
    let text = message("color(foo 1 0 0)");
    let listed = text.split_once("; use ").expect("the message lists the spaces").1;
    let listed: Vec<&str> =
        listed.split([',', ' ']).filter(|w| !w.is_empty() && *w != "or").collect();
    let names: Vec<&str> = COLOR_SPACES.iter().map(|(name, _)| *name).collect();
    assert_eq!(listed, names);
    assert!(listed.contains(&"display-p3-linear"), "{text}");
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "space names are unique");
    for name in names {
        assert!(parse(&format!("color({name} 0 0 0)")).is_ok(), "{name}");
    }
}

#[test]
fn device_cmyk_reads_css_numbers_none_and_the_fallback() {
    // CSS Color 5: numbers are 0–1 and clamped; only the pasted cmyk() reads numbers over 1 as percentages.
    assert_eq!(crate::to_hex(&parse("device-cmyk(0 1.2 1 0)").unwrap()), "#ff0000");
    assert_eq!(crate::to_hex(&parse("device-cmyk(0 100% 1.5 0)").unwrap()), "#ff0000");
    assert_eq!(crate::to_hex(&parse("cmyk(0, 100, 100, 0)").unwrap()), "#ff0000");
    assert_eq!(crate::to_hex(&parse("cmyk(0 1.2 1 0)").unwrap()), "#fffcfc", "pasted: percentages");
    // none is 0 (MDN's example).
    assert_eq!(
        parse("device-cmyk(none 0.81 0.81 0.3)").unwrap(),
        parse("device-cmyk(0 0.81 0.81 0.3)").unwrap()
    );
    // The fallback colour: validated, and the CMYK colour is what is shown.
    let with = parse("device-cmyk(0 0.81 0.81 0.3 / .5, rgb(178 34 34))").unwrap();
    assert_eq!(with, parse("device-cmyk(0 0.81 0.81 0.3 / .5)").unwrap());
    let note = convenience_note("device-cmyk(0 0.81 0.81 0.3 / .5, rgb(178 34 34))").unwrap();
    assert!(
        note.contains("browsers without CMYK support paint the fallback, rgb(178 34 34)."),
        "{note}"
    );
    assert!(!convenience_note("device-cmyk(0 0 0 1)").unwrap().contains("fallback"));
    assert!(parse("device-cmyk(0 0 0 1, red)").is_ok());
    assert_eq!(parse("device-cmyk(0, 0, 0, 1)").unwrap(), parse("device-cmyk(0 0 0 1)").unwrap());
    let error = parse("device-cmyk(0 0 0 1, rgb(1 2))").unwrap_err();
    assert_eq!(error.to_string(), "rgb(): expected 3 values, found 2");
    assert_eq!(error.position, Some(28), "the end of rgb(1 2), in the whole input");
}
