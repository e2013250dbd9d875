//! `(*…)`: backtracking verbs, start-of-pattern options, and the assertions and atomic groups spelt with a name,
//! such as `(*pla:…)`.

use super::group::{ATOMIC, lookaround};
use super::{Item, Reader, plain};

impl Reader<'_> {
    /// `(*…)`: a verb, a start-of-pattern option, or an assertion or atomic group spelt with a name.
    pub(super) fn star_group(&mut self) -> Item {
        let start = self.at;
        self.at += 2;
        let name_len =
            self.rest().bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
        let name = &self.rest()[..name_len];
        if self.rest()[name_len..].starts_with(':')
            && let Some((kind, description)) = alpha_group(name)
        {
            self.at += name_len + 1;
            return self.contents(start, kind, description, None);
        }
        let body = self.until(')');
        self.eat(")");
        let (verb, argument) = match body.split_once([':', '=']) {
            Some((verb, argument)) => (verb, Some(argument)),
            None => (body, None),
        };
        let node = self.node(start, "verb", verb_words(verb, argument));
        plain(node)
    }
}

/// Assertions and groups spelt `(*name:…)`.
fn alpha_group(name: &str) -> Option<(&'static str, String)> {
    let (kind, description) = match name {
        "pla" | "positive_lookahead" => ("lookaround", lookaround(true, true, false)),
        "nla" | "negative_lookahead" => ("lookaround", lookaround(false, true, false)),
        "plb" | "positive_lookbehind" => ("lookaround", lookaround(true, false, false)),
        "nlb" | "negative_lookbehind" => ("lookaround", lookaround(false, false, false)),
        "napla" | "non_atomic_positive_lookahead" => ("lookaround", lookaround(true, true, true)),
        "naplb" | "non_atomic_positive_lookbehind" => ("lookaround", lookaround(true, false, true)),
        "atomic" => ("group", ATOMIC.to_owned()),
        "sr" | "script_run" => ("group", "Script run: its contents must match characters all of one script (with common characters such as digits allowed).".to_owned()),
        "asr" | "atomic_script_run" => ("group", "Atomic script run: its contents must match characters all of one script, and PCRE2 never backtracks into it.".to_owned()),
        _ => return None,
    };
    Some((kind, format!("{description} (PCRE2's alphabetic spelling (*{name}:…).)")))
}

/// A verb `(*NAME)` or `(*NAME:argument)`.
fn verb_words(verb: &str, argument: Option<&str>) -> String {
    let named = argument
        .map(|name| format!(" It also sets the mark name \"{name}\", reported with the match."))
        .unwrap_or_default();
    let text = match verb {
        "ACCEPT" => {
            "Verb (*ACCEPT): ends the match successfully at once, skipping the rest of the pattern (inside a subroutine call, only that call ends)."
        }
        "FAIL" | "F" => "Verb (*FAIL): always fails here, forcing a backtrack (the same as (?!)).",
        "COMMIT" => {
            "Verb (*COMMIT): matches nothing, but if the rest of the pattern fails after it, the whole search fails: PCRE2 tries no later starting position."
        }
        "PRUNE" => {
            "Verb (*PRUNE): matches nothing, but if backtracking reaches it, the attempt at this starting position fails (the search goes on at the next one)."
        }
        "SKIP" if argument.is_some() => {
            return format!(
                "Verb (*SKIP:{}): if backtracking reaches it, the next attempt starts where the most recent (*MARK:{0}) was passed.",
                argument.unwrap_or_default()
            );
        }
        "SKIP" => {
            "Verb (*SKIP): matches nothing, but if backtracking reaches it, the next attempt starts where (*SKIP) was reached, skipping the text in between."
        }
        "THEN" => {
            "Verb (*THEN): matches nothing, but if backtracking reaches it, PCRE2 goes on with the next alternative of the innermost enclosing group that has alternatives."
        }
        "MARK" | "" => {
            return format!(
                "Verb (*MARK:{}): sets a mark name, reported with the match and used by (*SKIP:name).",
                argument.unwrap_or_default()
            );
        }
        "UTF" => "Start-of-pattern option (*UTF): UTF mode (always on in the tester).",
        "UCP" => {
            "Start-of-pattern option (*UCP): Unicode properties for \\d, \\w, \\s and the POSIX classes (always on in the tester)."
        }
        "CR" | "LF" | "CRLF" | "ANYCRLF" | "ANY" | "NUL" => {
            return format!(
                "Start-of-pattern option (*{verb}): sets the newline convention (what ., ^ and $ in m mode and \\N treat as a newline) to {}.",
                match verb {
                    "CR" => "a carriage return",
                    "LF" => "a line feed",
                    "CRLF" => "a carriage return followed by a line feed",
                    "ANYCRLF" => "any of \\r, \\n or \\r\\n",
                    "ANY" => "any Unicode line break",
                    _ => "the NUL character",
                }
            );
        }
        "BSR_ANYCRLF" => {
            "Start-of-pattern option (*BSR_ANYCRLF): \\R matches only \\r, \\n or \\r\\n."
        }
        "BSR_UNICODE" => {
            "Start-of-pattern option (*BSR_UNICODE): \\R matches any Unicode line break."
        }
        "NO_AUTO_POSSESS" => {
            "Start-of-pattern option (*NO_AUTO_POSSESS): PCRE2 does not make repeats possessive on its own when that cannot change the result."
        }
        "NO_DOTSTAR_ANCHOR" => {
            "Start-of-pattern option (*NO_DOTSTAR_ANCHOR): a leading .* does not make the pattern anchored."
        }
        "NO_JIT" => "Start-of-pattern option (*NO_JIT): the pattern is not JIT-compiled.",
        "NO_START_OPT" => {
            "Start-of-pattern option (*NO_START_OPT): turns off PCRE2's start-of-match optimizations (verbs and callouts then always run)."
        }
        "NOTEMPTY" => "Start-of-pattern option (*NOTEMPTY): an empty string is not a match.",
        "NOTEMPTY_ATSTART" => {
            "Start-of-pattern option (*NOTEMPTY_ATSTART): an empty string is not a match at the start of the search."
        }
        _ => "A verb PCRE2 does not know, or a start-of-pattern option with a value.",
    };
    if matches!(verb, "ACCEPT" | "FAIL" | "F" | "COMMIT" | "PRUNE" | "THEN") {
        format!("{text}{named}")
    } else {
        text.to_owned()
    }
}
