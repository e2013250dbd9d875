//! Code that uses the pattern with the chosen flags, ready to paste into a project: Rust for the rust and fancy
//! flavours here; the ecmascript and pcre2 flavours write JavaScript and PHP in their own modules.

use crate::engine::{FANCY_SWAP_GREED_PREFIX, Flavor};
use crate::flags::Flags;

/// Texts longer than this are read from standard input in the snippet instead of being pasted into it.
const MAX_INLINE_TEXT: usize = 400;

/// A Rust string literal holding `text` exactly: a raw string with enough `#`s when possible, an escaped string
/// when the text holds a carriage return (which raw strings cannot contain).
pub fn rust_string_literal(text: &str) -> String {
    if text.contains('\r') {
        // `{:?}` escapes quotes, backslashes and control characters the way Rust source expects.
        return format!("{text:?}");
    }
    if !text.contains('"') && !text.contains('\\') {
        return format!("\"{text}\"");
    }
    // A raw string ends at `"` followed by as many `#` as it opened with, so use one more than the longest run
    // of `#` that follows a quote in the text.
    let mut hashes = 0;
    for (i, _) in text.match_indices('"') {
        let run = text[i + 1..].bytes().take_while(|&b| b == b'#').count();
        hashes = hashes.max(run + 1);
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}")
}

/// The snippet for a pattern, its flavour and flags, and optionally a test text and a replacement: Rust for the
/// rust and fancy flavours, JavaScript for ecmascript, PHP for pcre2.
pub fn snippet(
    pattern: &str,
    flavor: Flavor,
    flags: Flags,
    text: &str,
    replacement: Option<&str>,
) -> String {
    flavor.dialect().snippet(pattern, flags, text, replacement)
}

/// The Rust snippet of the rust flavour, or of the fancy one for any other.
pub(crate) fn rust_snippet(
    pattern: &str,
    flavor: Flavor,
    flags: Flags,
    text: &str,
    replacement: Option<&str>,
) -> String {
    let mut code = String::new();
    let text_line = if text.len() <= MAX_INLINE_TEXT {
        format!("    let text = {};\n", rust_string_literal(text))
    } else {
        "    let text = std::io::read_to_string(std::io::stdin())?;\n    let text = text.as_str();\n".to_owned()
    };
    match flavor {
        Flavor::Rust => {
            code.push_str("// Cargo.toml: regex = \"1\"\nuse regex::RegexBuilder;\n\n");
            code.push_str("fn main() -> Result<(), Box<dyn std::error::Error>> {\n");
            code.push_str(&format!(
                "    let re = RegexBuilder::new({})\n",
                rust_string_literal(pattern)
            ));
            for (on, method) in [
                (flags.case_insensitive, "case_insensitive"),
                (flags.multi_line, "multi_line"),
                (flags.dot_matches_new_line, "dot_matches_new_line"),
                (flags.ignore_whitespace, "ignore_whitespace"),
                (flags.swap_greed, "swap_greed"),
            ] {
                if on {
                    code.push_str(&format!("        .{method}(true)\n"));
                }
            }
            code.push_str("        .build()?;\n");
            code.push_str(&text_line);
            code.push_str("    for caps in re.captures_iter(text) {\n");
            code.push_str(
                "        let whole = caps.get(0).expect(\"group 0 is the whole match\");\n",
            );
            code.push_str(
                "        println!(\"{}..{}: {:?}\", whole.start(), whole.end(), whole.as_str());\n",
            );
            code.push_str("        for (i, group) in caps.iter().enumerate().skip(1) {\n");
            code.push_str(
                "            println!(\"  group {i}: {:?}\", group.map(|m| m.as_str()));\n",
            );
            code.push_str("        }\n    }\n");
            if let Some(replacement) = replacement {
                code.push_str(&format!(
                    "    let replaced = re.replace_all(text, {});\n    println!(\"{{replaced}}\");\n",
                    rust_string_literal(replacement)
                ));
            }
        }
        Flavor::Fancy | Flavor::Ecmascript | Flavor::Pcre2 => {
            code.push_str(
                "// Cargo.toml: fancy-regex = \"0.20\"\nuse fancy_regex::RegexBuilder;\n\n",
            );
            code.push_str("fn main() -> Result<(), Box<dyn std::error::Error>> {\n");
            // fancy-regex's builder has no swap-greed switch; the inline flag does the same.
            let pattern = if flags.swap_greed {
                format!("{FANCY_SWAP_GREED_PREFIX}{pattern}")
            } else {
                pattern.to_owned()
            };
            code.push_str(&format!(
                "    let re = RegexBuilder::new({})\n",
                rust_string_literal(&pattern)
            ));
            for (on, method) in [
                (flags.case_insensitive, "case_insensitive"),
                (flags.multi_line, "multi_line"),
                (flags.dot_matches_new_line, "dot_matches_new_line"),
                (flags.ignore_whitespace, "verbose_mode"),
            ] {
                if on {
                    code.push_str(&format!("        .{method}(true)\n"));
                }
            }
            code.push_str(&format!("        .backtrack_limit({})\n", crate::BACKTRACK_LIMIT));
            code.push_str("        .build()?;\n");
            code.push_str(&text_line);
            code.push_str("    for caps in re.captures_iter(text) {\n        let caps = caps?;\n");
            code.push_str(
                "        let whole = caps.get(0).expect(\"group 0 is the whole match\");\n",
            );
            code.push_str(
                "        println!(\"{}..{}: {:?}\", whole.start(), whole.end(), whole.as_str());\n",
            );
            code.push_str("        for i in 1..caps.len() {\n");
            code.push_str(
                "            println!(\"  group {i}: {:?}\", caps.get(i).map(|m| m.as_str()));\n",
            );
            code.push_str("        }\n    }\n");
            if let Some(replacement) = replacement {
                code.push_str(&format!(
                    "    let replaced = re.try_replacen(text, 0, {})?;\n    println!(\"{{replaced}}\");\n",
                    rust_string_literal(replacement)
                ));
            }
        }
    }
    code.push_str("    Ok(())\n}\n");
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a literal back the way rustc would, for the forms `rust_string_literal` produces.
    fn unquote(literal: &str) -> String {
        if let Some(raw) = literal.strip_prefix('r') {
            let hashes = raw.bytes().take_while(|&b| b == b'#').count();
            return raw[hashes + 1..raw.len() - hashes - 1].to_owned();
        }
        let inner = &literal[1..literal.len() - 1];
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some('0') => out.push('\0'),
                Some('u') => {
                    let code: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                    out.push(char::from_u32(u32::from_str_radix(&code, 16).unwrap()).unwrap());
                }
                Some(other) => out.push(other),
                None => {}
            }
        }
        out
    }

    #[test]
    fn literals_round_trip_with_quotes_hashes_backslashes_and_carriage_returns() {
        for text in [
            r"\d+",
            r#"say "hi""#,
            r##"a"#b"##,
            "\"##",
            "plain",
            "cr\r\nlf",
            "tab\there \\ \"q\"",
            "",
        ] {
            let literal = rust_string_literal(text);
            assert_eq!(unquote(&literal), text, "{literal}");
        }
        assert_eq!(rust_string_literal(r"\d"), r#"r"\d""#);
        assert_eq!(rust_string_literal(r##"a"#b"##), r###"r##"a"#b"##"###);
    }

    #[test]
    fn rust_snippet_uses_the_builder_with_each_flag() {
        let flags = Flags::parse("imsxU").unwrap();
        let code = snippet(r"(\d+)", Flavor::Rust, flags, "a 1", Some("<$1>"));
        for method in
            [".case_insensitive(true)", ".multi_line(true)", ".dot_matches_new_line(true)"]
        {
            assert!(code.contains(method), "{code}");
        }
        assert!(code.contains(".ignore_whitespace(true)") && code.contains(".swap_greed(true)"));
        assert!(code.contains(r#"RegexBuilder::new(r"(\d+)")"#), "{code}");
        assert!(code.contains(r#"re.replace_all(text, "<$1>")"#), "{code}");
        assert!(!snippet("a", Flavor::Rust, Flags::default(), "", None).contains("(true)"));
    }

    #[test]
    fn fancy_snippet_sets_the_backtrack_limit_and_inlines_swap_greed() {
        let flags = Flags::parse("U").unwrap();
        let code = snippet(r"(?=a)", Flavor::Fancy, flags, &"x".repeat(1000), None);
        assert!(code.contains("fancy_regex::RegexBuilder"), "{code}");
        assert!(code.contains(r#"RegexBuilder::new("(?U)(?=a)")"#), "{code}");
        assert!(code.contains(".backtrack_limit("));
        assert!(code.contains("read_to_string(std::io::stdin())"));
    }
}
