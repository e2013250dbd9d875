//! `devtools status` speaks of the terminal: a name finds its code, an unknown number gets the nearest codes, and
//! a code the registry lists only as `(Unused)` goes by the name people know. `--json` gives the API's body for
//! what the terminal view finds.

mod support;

use support::*;

#[test]
fn a_name_finds_its_code() {
    let output = run(&["status", "teapot"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("418 I'm a teapot  (4xx)\nIANA registry: (Unused)\n"), "{text}");
    assert!(stderr(&output).is_empty());

    // An exact name wins over names that merely contain the words; aliases are names too.
    assert!(stdout(&run(&["status", "Not Found"])).starts_with("404 Not Found  (4xx)\n"));
    assert!(stdout(&run(&["status", "payload too large"])).starts_with("413 Content Too Large  "));
}

#[test]
fn several_matches_are_listed() {
    let output = run(&["status", "gateway"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let mut lines = text.lines();
    let heading = lines.next().unwrap();
    assert!(heading.ends_with(" codes match \"gateway\""), "{text}");
    assert!(lines.next().unwrap().starts_with("502 Bad Gateway  "), "{text}");
    assert!(text.contains("\n504 Gateway Timeout  "), "{text}");
}

#[test]
fn nothing_found_says_so_and_points_at_the_list() {
    let output = run(&["status", "zzzz"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert_eq!(
        stderr(&output),
        "error: no HTTP status code is named or described by \"zzzz\"; `devtools status` lists every code\n"
    );
}

#[test]
fn an_unknown_number_gets_the_nearest_codes() {
    let output = run(&["status", "999"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert_eq!(
        stderr(&output),
        "error: 999 is not a known HTTP status code; the nearest known codes are:\n  599 Network Connect Timeout \
         Error\n  598 Network Read Timeout Error\n  561 Unauthorized\n`devtools status` lists every code\n"
    );
    let output = run(&["status", "432"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(":\n  431 Request Header Fields Too Large\n"),
        "{}",
        stderr(&output)
    );
    // No word of the web: paths and endpoints are the API's business.
    for args in [&["status", "999"][..], &["status", "teapot"], &["status", "zzzz"]] {
        let error = stderr(&run(args));
        assert!(!error.contains("path") && !error.contains("GET "), "{args:?}: {error}");
    }
}

#[test]
fn a_number_too_long_keeps_the_answer_message() {
    let output = run(&["status", "123456"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: A status code is a number such as 404; \"123456\" is not one.\n"
    );
}

#[test]
fn fix_headings_name_their_audience_once() {
    let text = stdout(&run(&["status", "403"]));
    assert!(text.contains("\nIf you are the client\n  1. "), "{text}");
    assert!(text.contains("\nIf you run the server\n  1. "), "{text}");
    assert!(!text.contains("(client)") && !text.contains("(server)"), "{text}");
    let text = stdout(&run(&["status", "301"]));
    assert!(text.contains("\nHow to handle it (as a client)\n"), "{text}");
    assert!(text.contains("\nWhen servers send it\n"), "{text}");
}

#[test]
fn the_list_shows_the_known_name_with_the_registry_placeholder() {
    let text = stdout(&run(&["status"]));
    assert!(text.contains("\n306 Switch Proxy (IANA: (Unused))  "), "{text}");
    assert!(text.contains("\n418 I'm a teapot (IANA: (Unused))  "), "{text}");
}

#[tokio::test]
async fn json_is_the_api_body_for_numbers_and_for_the_code_a_name_finds() {
    for code in ["999", "418", "123456"] {
        let output = run(&["status", code, "--json"]);
        assert_same(&output, api_get(&format!("/api/http-status/{code}")).await);
    }
    let output = run(&["status", "teapot", "--json"]);
    assert_same(&output, api_get("/api/http-status/418").await);
    let body: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["status", "418", "--json"]))).unwrap();
    assert_eq!(
        (body["name"].as_str(), body["registry_name"].as_str()),
        (Some("I'm a teapot"), Some("(Unused)"))
    );
    // Several codes: the list's shape; none: an error body, as the API's.
    let several: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["status", "gateway", "--json"]))).unwrap();
    let codes: Vec<u64> =
        several.as_array().unwrap().iter().map(|s| s["code"].as_u64().unwrap()).collect();
    assert!(codes.contains(&502) && codes.contains(&504), "{several}");
    let none = run(&["status", "zzzz", "--json"]);
    assert_eq!(none.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_str(&stdout(&none)).unwrap();
    assert_eq!(error["error"], "unknown_name", "{error}");
}

/// Review item 9: a text that names no code gets the list the API gives for `?q=`, never a page found inside a
/// word ("foo" is in "Fools'" only as a word start, so it is listed, not shown as 418's page).
#[test]
fn a_text_that_names_no_code_is_listed_as_the_api_lists_it() {
    let output = run(&["status", "foo"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("1 codes match \"foo\"\n418 I'm a teapot "), "{text}");
    assert!(!text.contains("Common causes"), "not the page: {text}");
}

#[test]
fn names_match_case_and_apostrophes_aside() {
    for name in ["im a teapot", "I’m a teapot", "I'M A TEAPOT"] {
        let output = run(&["status", name]);
        assert_eq!(output.status.code(), Some(0), "{name}: {}", stderr(&output));
        assert!(stdout(&output).starts_with("418 I'm a teapot  (4xx)\n"), "{name}");
    }
}

#[test]
fn a_class_lists_every_code_of_it() {
    let text = stdout(&run(&["status", "5xx"]));
    let codes: Vec<&str> = text.lines().skip(1).map(|line| &line[..3]).collect();
    assert!(codes.len() > 10 && codes.iter().all(|code| code.starts_with('5')), "{text}");
    assert!(codes.contains(&"500") && codes.contains(&"599"), "{text}");
    let text = stdout(&run(&["status", "4xx"]));
    assert!(
        text.contains("\n404 Not Found  ") && text.contains("\n499 Client Closed Request "),
        "{text}"
    );
}

#[tokio::test]
async fn json_for_a_text_is_the_api_list_for_the_same_query() {
    for text in ["cat", "not", "foo", "gateway", "5xx", "im a teapot", "zzzz"] {
        let output = run(&["status", text, "--json"]);
        let (status, body) = api_get(&format!("/api/http-status?q={}", encode(text))).await;
        let listed: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
        let printed: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        match listed.len() {
            0 => assert_eq!(printed["error"], "unknown_name", "{text}"),
            // A text that names one code prints its entry; the API's list holds that code.
            _ if printed.is_object() => {
                assert!(listed.iter().any(|s| s["code"] == printed["code"]), "{text}: {printed}");
            }
            _ => assert_same(&output, (status, body)),
        }
    }
}
