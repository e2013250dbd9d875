//! `devtools color`: the contrast check on the command line answers as the API and the page do, with the
//! background white unless given.

mod support;
use support::*;

#[tokio::test]
async fn contrast_json_is_the_api_answer() {
    for (fg, bg) in
        [("#767676", Some("white")), ("#777", Some("#fff")), ("navy", None), ("nope", None)]
    {
        let mut args = vec!["color", fg, "--json"];
        let mut path = format!("/api/color/contrast?fg={}", encode(fg));
        match bg {
            Some(bg) => {
                args.extend(["--bg", bg]);
                path += &format!("&bg={}", encode(bg));
            }
            None => args.push("--contrast"),
        }
        assert_same(&run(&args), api_get(&path).await);
    }
}

#[test]
fn the_background_defaults_to_white() {
    let on_white = run(&["color", "#767676", "--bg", "white", "--json"]);
    let default = run(&["color", "#767676", "--contrast", "--json"]);
    assert_eq!(default.status.code(), Some(0));
    assert_eq!(stdout(&default), stdout(&on_white));
    let text = stdout(&run(&["color", "#767676", "--contrast"]));
    assert!(text.starts_with("#767676 on white  4.54:1"), "{text}");
}

#[test]
fn help_says_the_background_is_white_unless_given() {
    let help = stdout(&run(&["color", "--help"]));
    assert!(help.contains("--bg <BG>"), "{help}");
    assert!(help.contains("white unless --bg"), "{help}");
}

#[test]
fn contrast_errors_name_the_field() {
    let output = run(&["color", "#000", "--bg", "nope"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("bg: unknown colour name \"nope\""), "{}", stderr(&output));
}

/// Issue 14: the terminal shows the colour a browser paints (exact halves round up, out-of-range legacy
/// channels clamp), refuses what a browser refuses, and says when a convenience form was read.
#[tokio::test]
async fn conversions_agree_with_the_browser_and_the_api() {
    // Expected hex from Chromium 156's getComputedStyle (see crates/color/tests/browsers.rs).
    for (input, hex) in [
        ("hsl(90 40% 50%)", "#80b34d"),
        ("rgb(300 0 0)", "#ff0000"),
        ("rgb(-30, 500, -1)", "#00ff00"),
        // CSS Color 4 §7: saturation over 100% is kept, the sRGB channels are clamped (Chromium's full parser;
        // its fast path for the lowercase percentage form still clamps the saturation, a listed divergence).
        ("hsl(0 120 80)", "#ff8f8f"),
        ("hsl(0 120% 80%)", "#ff8f8f"),
        ("hsl(120 150% 50%)", "#00ff00"),
        ("hsl(0 -20% 50%)", "#808080"),
        // Any finite number is accepted and clamped (no bound on the magnitude).
        ("rgb(0 0 1e7)", "#0000ff"),
    ] {
        let output = run(&["color", input]);
        assert_eq!(output.status.code(), Some(0), "{input}");
        assert!(stdout(&output).contains(&format!("hex    {hex}")), "{input}: {}", stdout(&output));
    }
    for input in [
        "hsl(90 40% 50%)",
        "rgb(0 0 0 / 0.7)",
        "fff",
        "hsl(120deg, 50, 50%)",
        "hsl(0 120 80)",
        "rgb(0 0 1e7)",
    ] {
        let path = format!("/api/color?value={}", encode(input));
        assert_same(&run(&["color", input, "--json"]), api_get(&path).await);
    }
    let refused = run(&["color", "hsl(120deg, 50, 50%)"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains(
            "hsl(): saturation must be a percentage when the values are separated by commas"
        ),
        "{}",
        stderr(&refused)
    );
    let noted = stdout(&run(&["color", "fff"]));
    assert!(noted.contains("note: Read as #fff"), "{noted}");
}

/// Issue 13: the colour tool speaks British "colour" in everything a user reads; only what is typed keeps
/// "color" (the `devtools color` command, `/api/color`, CSS's `color()`).
#[test]
fn help_and_messages_say_colour() {
    for args in [&["color", "--help"][..], &["--help"], &["color", "grean"], &["color", "fff"]] {
        let output = run(args);
        let text = stdout(&output) + &stderr(&output);
        for line in text.lines() {
            let prose = line
                .replace("devtools color", "")
                .replace("/api/color", "")
                .replace("color()", "")
                .replace("CSS Color", "");
            let words = prose.split(|c: char| !c.is_ascii_alphabetic());
            assert!(
                !words.clone().any(|w| w.eq_ignore_ascii_case("color"))
                    || line.trim_start().starts_with("color "),
                "{args:?}: {line}"
            );
        }
    }
    assert!(stdout(&run(&["color", "--help"])).contains("Convert a CSS colour"));
}
