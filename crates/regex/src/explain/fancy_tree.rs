//! The fallback explanation for fancy patterns the span-keeping rewrite does not cover (look-around
//! conditions, absent expressions with several parts, ...): fancy-regex's own parse tree, described node by node.
//!
//! That tree has no spans, so every node points at the whole pattern (`Expr::to_str` cannot help: it panics on
//! the constructs only fancy-regex has). The root node's text says so.

use super::Node;
use crate::error::RegexError;
use crate::flags::Flags;
use fancy_regex::{Assertion, Expr, LookAround};

const FLAG_CASEI: u32 = fancy_regex::internal::FLAG_CASEI;
const FLAG_MULTI: u32 = fancy_regex::internal::FLAG_MULTI;
const FLAG_DOTNL: u32 = fancy_regex::internal::FLAG_DOTNL;
const FLAG_IGNORE_SPACE: u32 = fancy_regex::internal::FLAG_IGNORE_SPACE;
const FLAG_UNICODE: u32 = fancy_regex::internal::FLAG_UNICODE;

/// fancy-regex's parser flags for ours (swap greed is a prefix on the pattern, not a flag bit).
pub(crate) fn parser_flags(flags: Flags) -> u32 {
    let mut bits = FLAG_UNICODE;
    for (on, bit) in [
        (flags.case_insensitive, FLAG_CASEI),
        (flags.multi_line, FLAG_MULTI),
        (flags.dot_matches_new_line, FLAG_DOTNL),
        (flags.ignore_whitespace, FLAG_IGNORE_SPACE),
    ] {
        if on {
            bits |= bit;
        }
    }
    bits
}

pub(crate) fn explain(pattern: &str, flags: Flags) -> Result<Vec<Node>, RegexError> {
    let tree = Expr::parse_tree_with_flags(pattern, parser_flags(flags)).map_err(|error| {
        RegexError::InvalidPattern {
            message: error.to_string(),
            span: crate::Span::new(0, pattern.len()),
        }
    })?;
    let mut root = describe(&tree.expr, pattern);
    root.description = format!(
        "{} (This pattern uses syntax the span-by-span explanation does not cover, so these parts are shown as fancy-regex parses them, without positions.)",
        root.description
    );
    Ok(vec![root])
}

fn describe(expr: &Expr, pattern: &str) -> Node {
    let (kind, description) = match expr {
        Expr::Empty => ("empty", "Matches the empty string.".to_owned()),
        Expr::Any { newline: true, .. } => {
            ("dot", "Any character, including line breaks.".to_owned())
        }
        Expr::Any { .. } => ("dot", "Any character except a line break.".to_owned()),
        Expr::Assertion(assertion) => ("anchor", assertion_words(assertion).to_owned()),
        Expr::Literal { val, casei } => (
            "literal",
            format!("Matches the text \"{val}\"{}.", if *casei { ", ignoring case" } else { "" }),
        ),
        Expr::Concat(_) => ("sequence", "Matches these parts one after another.".to_owned()),
        Expr::Alt(parts) => {
            ("alternation", format!("Matches one of {} alternatives.", parts.len()))
        }
        Expr::Group(_) => ("group", "Capturing group.".to_owned()),
        Expr::LookAround(_, kind) => (
            "lookaround",
            match kind {
                LookAround::LookAhead => {
                    "Positive look-ahead: its contents must match next, without consuming text."
                }
                LookAround::LookAheadNeg => {
                    "Negative look-ahead: its contents must not match next."
                }
                LookAround::LookBehind => {
                    "Positive look-behind: its contents must match just before this point."
                }
                LookAround::LookBehindNeg => {
                    "Negative look-behind: its contents must not match just before this point."
                }
            }
            .to_owned(),
        ),
        Expr::Repeat { lo, hi, greedy, .. } => {
            let count = match (*lo, *hi) {
                (lo, usize::MAX) => format!("at least {lo} times"),
                (lo, hi) if lo == hi => format!("exactly {lo} times"),
                (lo, hi) => format!("between {lo} and {hi} times"),
            };
            let manner = if *greedy { "greedy" } else { "lazy" };
            ("quantifier", format!("Matches its contents {count} ({manner})."))
        }
        Expr::Delegate { .. } => {
            ("class", "A character class or set, matched by the regex crate.".to_owned())
        }
        Expr::Backref { group, .. } => {
            ("backreference", format!("Backreference: the text group {group} captured."))
        }
        Expr::AtomicGroup(_) => {
            ("group", "Atomic group: never backtracked into once matched.".to_owned())
        }
        Expr::KeepOut => {
            ("anchor", "\\K: drops the text matched so far from the match.".to_owned())
        }
        Expr::ContinueFromPreviousMatchEnd => {
            ("anchor", "\\G: where the previous match ended.".to_owned())
        }
        Expr::BackrefExistsCondition { group, .. } => {
            ("group", format!("Condition: whether group {group} has matched."))
        }
        Expr::Conditional { .. } => (
            "group",
            "Conditional: if the condition matches, the first branch, otherwise the second."
                .to_owned(),
        ),
        Expr::SubroutineCall(group) => {
            ("subroutine", format!("Subroutine call: the pattern of group {group}."))
        }
        Expr::Absent(_) => {
            ("group", "Absent operator: limits matching to text without its contents.".to_owned())
        }
        _ => ("other", "A fancy-regex construct.".to_owned()),
    };
    let children = expr.children_iter().map(|child| describe(child, pattern)).collect();
    Node { start: 0, end: pattern.len(), source: pattern.to_owned(), kind, description, children }
}

fn assertion_words(assertion: &Assertion) -> &'static str {
    match assertion {
        Assertion::StartText => "Anchor: the start of the text.",
        Assertion::EndText => "Anchor: the end of the text.",
        Assertion::StartLine { .. } | Assertion::StartLineOniguruma { .. } => {
            "Anchor: the start of a line."
        }
        Assertion::EndLine { .. } => "Anchor: the end of a line.",
        Assertion::EndTextIgnoreTrailingNewlines { .. } => {
            "Anchor: the end of the text before a final line break."
        }
        Assertion::WordBoundary => "Word boundary.",
        Assertion::NotWordBoundary => "Not a word boundary.",
        Assertion::LeftWordBoundary | Assertion::LeftWordHalfBoundary => "Start of a word.",
        Assertion::RightWordBoundary | Assertion::RightWordHalfBoundary => "End of a word.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_what_the_rewrite_does_not_cover() {
        // fancy-regex reads `{` that starts no valid repetition as a literal; regex_syntax refuses it.
        let nodes = explain(r"(?=a)b{,x", Flags::default()).unwrap();
        assert_eq!(nodes.len(), 1);
        assert!(nodes[0].description.contains("without positions"));
        let all = flatten(&nodes[0]);
        assert!(all.iter().any(|node| node.kind == "lookaround"), "{all:#?}");
        assert!(all.iter().all(|node| node.start == 0 && node.end == 9));
    }

    fn flatten(node: &Node) -> Vec<&Node> {
        let mut out = vec![node];
        for child in &node.children {
            out.extend(flatten(child));
        }
        out
    }
}
