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
