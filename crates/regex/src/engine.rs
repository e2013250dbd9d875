//! Compiling a pattern in one of the two flavours, with every refusal turned into a [`RegexError`] with a span.

use crate::error::{RegexError, Span};
use crate::flags::Flags;
use crate::{BACKTRACK_LIMIT, MAX_PATTERN_LEN, NEST_LIMIT, SIZE_LIMIT};
use regex_syntax::ast;
use serde::{Deserialize, Serialize};

/// Which engine runs the pattern: `rust`, `fancy`, `ecmascript` or `pcre2`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Flavor {
    /// The `regex` crate: linear time, no look-around or backreferences.
    #[default]
    Rust,
    /// `fancy-regex`: look-around, backreferences, atomic groups and possessive quantifiers, by backtracking with
    /// a step limit.
    Fancy,
    /// ECMAScript (JavaScript's `RegExp`) on `regress`: its syntax, flags (`dgimsuvy`) and replacement syntax,
    /// by backtracking; matches also carry UTF-16 offsets.
    Ecmascript,
    /// PCRE2 (PHP's `preg_*`), JIT-compiled where available: its syntax (recursion, conditionals, verbs…),
    /// flags (`imsxnUJ`, always in UTF mode with Unicode properties) and substitution syntax, bounded by PCRE2's
    /// match, depth and heap limits. Needs the crate's `pcre2` feature (a C compiler); without it the flavour
    /// refuses every pattern.
    Pcre2,
}

impl Flavor {
    /// Parses `rust`, `fancy`, `ecmascript` or `pcre2`.
    pub fn parse(name: &str) -> Option<Flavor> {
        match name {
            "rust" => Some(Flavor::Rust),
            "fancy" => Some(Flavor::Fancy),
            "ecmascript" => Some(Flavor::Ecmascript),
            "pcre2" => Some(Flavor::Pcre2),
            _ => None,
        }
    }

    /// `rust`, `fancy`, `ecmascript` or `pcre2`.
    pub fn as_str(self) -> &'static str {
        match self {
            Flavor::Rust => "rust",
            Flavor::Fancy => "fancy",
            Flavor::Ecmascript => "ecmascript",
            Flavor::Pcre2 => "pcre2",
        }
    }

    /// Every flavour, the default first.
    pub const ALL: [Flavor; 4] = [Flavor::Rust, Flavor::Fancy, Flavor::Ecmascript, Flavor::Pcre2];

    /// The flavour's implementation.
    pub(crate) fn dialect(self) -> &'static dyn crate::dialect::Dialect {
        match self {
            Flavor::Rust => &crate::dialect::RustDialect,
            Flavor::Fancy => &crate::dialect::FancyDialect,
            Flavor::Ecmascript => &crate::ecmascript::Ecmascript,
            Flavor::Pcre2 => &crate::pcre2::Pcre2,
        }
    }
}

/// A compiled pattern of either flavour.
#[derive(Debug, Clone)]
pub(crate) enum Engine {
    Rust(regex::Regex),
    Fancy(fancy_regex::Regex),
    Ecmascript(crate::ecmascript::Compiled),
    Pcre2(crate::pcre2::Compiled),
}

/// The inline prefix that gives fancy-regex the `U` flag, which its builder has no method for.
pub(crate) const FANCY_SWAP_GREED_PREFIX: &str = "(?U)";

/// Parses a pattern the way the `regex` crate does, keeping `regex_syntax`'s spans in the errors.
pub(crate) fn parse_ast(pattern: &str, flags: Flags) -> Result<ast::Ast, RegexError> {
    ast::parse::ParserBuilder::new()
        .ignore_whitespace(flags.ignore_whitespace)
        .nest_limit(NEST_LIMIT)
        .build()
        .parse(pattern)
        .map_err(|error| ast_error(&error))
}

/// Like [`parse_ast`], keeping the `#` comments of verbose patterns.
pub(crate) fn parse_ast_with_comments(
    pattern: &str,
    flags: Flags,
) -> Result<ast::WithComments, RegexError> {
    ast::parse::ParserBuilder::new()
        .ignore_whitespace(flags.ignore_whitespace)
        .nest_limit(NEST_LIMIT)
        .build()
        .parse_with_comments(pattern)
        .map_err(|error| ast_error(&error))
}

pub(crate) fn ast_error(error: &ast::Error) -> RegexError {
    let span = span_of(error.span());
    if let ast::ErrorKind::NestLimitExceeded(limit) = error.kind() {
        return RegexError::NestTooDeep { limit: *limit, span };
    }
    let mut message = error.kind().to_string();
    if let Some(other) = error.auxiliary_span() {
        message
            .push_str(&format!(" (see also bytes {}..{})", other.start.offset, other.end.offset));
    }
    RegexError::InvalidPattern { message, span }
}

pub(crate) fn span_of(span: &ast::Span) -> Span {
    Span::new(span.start.offset, span.end.offset)
}

pub(crate) fn check_pattern_len(pattern: &str) -> Result<(), RegexError> {
    if pattern.len() > MAX_PATTERN_LEN {
        return Err(RegexError::PatternTooLong { len: pattern.len(), max: MAX_PATTERN_LEN });
    }
    Ok(())
}

/// Compiles with the `regex` crate. The pattern is parsed and translated with `regex_syntax` first because the
/// `regex` crate's own error is a flat string; doing it here keeps the span for the page to underline.
pub(crate) fn compile_rust(pattern: &str, flags: Flags) -> Result<regex::Regex, RegexError> {
    check_pattern_len(pattern)?;
    let parsed = parse_ast(pattern, flags)?;
    regex_syntax::hir::translate::TranslatorBuilder::new()
        .case_insensitive(flags.case_insensitive)
        .multi_line(flags.multi_line)
        .dot_matches_new_line(flags.dot_matches_new_line)
        .swap_greed(flags.swap_greed)
        .build()
        .translate(pattern, &parsed)
        .map_err(|error| RegexError::InvalidPattern {
            message: error.kind().to_string(),
            span: span_of(error.span()),
        })?;
    regex::RegexBuilder::new(pattern)
        .case_insensitive(flags.case_insensitive)
        .multi_line(flags.multi_line)
        .dot_matches_new_line(flags.dot_matches_new_line)
        .ignore_whitespace(flags.ignore_whitespace)
        .swap_greed(flags.swap_greed)
        .nest_limit(NEST_LIMIT)
        .size_limit(SIZE_LIMIT)
        .build()
        .map_err(|error| match error {
            regex::Error::CompiledTooBig(limit) => RegexError::CompiledTooBig { limit },
            other => RegexError::InvalidPattern {
                message: other.to_string(),
                span: Span::new(0, pattern.len()),
            },
        })
}

/// Compiles with fancy-regex and a small backtracking limit.
pub(crate) fn compile_fancy(pattern: &str, flags: Flags) -> Result<fancy_regex::Regex, RegexError> {
    check_pattern_len(pattern)?;
    let prefix = if flags.swap_greed { FANCY_SWAP_GREED_PREFIX } else { "" };
    let effective = format!("{prefix}{pattern}");
    let mut builder = fancy_regex::RegexBuilder::new(&effective);
    builder
        .case_insensitive(flags.case_insensitive)
        .multi_line(flags.multi_line)
        .dot_matches_new_line(flags.dot_matches_new_line)
        .verbose_mode(flags.ignore_whitespace)
        .backtrack_limit(BACKTRACK_LIMIT)
        .delegate_size_limit(SIZE_LIMIT)
        .max_prog_size(crate::MAX_FANCY_PROGRAM);
    let regex =
        builder.build().map_err(|error| fancy_error(pattern, flags, prefix.len(), &error))?;
    check_conditions(pattern, flags, &regex)?;
    Ok(regex)
}

/// fancy-regex 0.20 accepts a condition on a capture group that does not exist, `(?(4)a|b)`, and then indexes past
/// its capture slots when it matches: a panic, found by fuzzing (`fuzz/seeds/regex/condition-on-missing-group`).
/// It refuses the same mistake in a backreference (`\4`), so we refuse this one too, before anything runs.
fn check_conditions(
    pattern: &str,
    flags: Flags,
    regex: &fancy_regex::Regex,
) -> Result<(), RegexError> {
    let parser_flags = crate::explain::fancy_tree::parser_flags(flags);
    let Ok(tree) = fancy_regex::Expr::parse_tree_with_flags(pattern, parser_flags) else {
        return Ok(());
    };
    let groups = regex.captures_len() - 1;
    let Some(group) = missing_condition_group(&tree.expr, groups) else { return Ok(()) };
    // The tree has no positions: point at the first `(?(N` naming that group, else at the whole pattern.
    let needle = format!("(?({group}");
    let span = pattern.match_indices(&needle).find_map(|(at, _)| {
        let after = &pattern[at + needle.len()..];
        (!after.starts_with(|c: char| c.is_ascii_digit())).then(|| Span::new(at, at + needle.len()))
    });
    let plural = if groups == 1 { "" } else { "s" };
    Err(RegexError::InvalidPattern {
        message: format!(
            "the condition tests group {group}, which does not exist (the pattern has {groups} capture group{plural})"
        ),
        span: span.unwrap_or_else(|| Span::new(0, pattern.len())),
    })
}

fn missing_condition_group(expr: &fancy_regex::Expr, groups: usize) -> Option<usize> {
    if let fancy_regex::Expr::BackrefExistsCondition { group, .. } = expr
        && *group > groups
    {
        return Some(*group);
    }
    expr.children_iter().find_map(|child| missing_condition_group(child, groups))
}

fn fancy_error(
    pattern: &str,
    flags: Flags,
    prefix: usize,
    error: &fancy_regex::Error,
) -> RegexError {
    use fancy_regex::{CompileError, Error};
    match error {
        Error::ParseError(position, kind) => {
            let at = position.saturating_sub(prefix).min(pattern.len());
            if matches!(kind, fancy_regex::ParseError::RecursionExceeded) {
                return RegexError::NestTooDeep { limit: NEST_LIMIT, span: char_span(pattern, at) };
            }
            RegexError::InvalidPattern { message: kind.to_string(), span: char_span(pattern, at) }
        }
        Error::CompileError(compile) => {
            if let CompileError::InnerError(inner) = compile.as_ref()
                && inner.size_limit().is_some()
            {
                return RegexError::CompiledTooBig { limit: SIZE_LIMIT };
            }
            // fancy-regex reports compile errors without a position; our own parse of the pattern often finds
            // the same problem with a precise span (an unknown Unicode class, a bad range).
            let span = crate::explain::fancy::locate_error(pattern, flags)
                .unwrap_or_else(|| Span::new(0, pattern.len()));
            // fancy-regex hands the parts it cannot run itself to regex-automata and wraps that crate's error as
            // "Regex error: error parsing pattern 0", which names no problem; the syntax error inside says what
            // is wrong in the same words as the rust flavour. Its own span is into fancy's rewritten fragment,
            // so the span stays ours.
            let message = match compile.as_ref() {
                CompileError::InnerError(inner) => match inner.syntax_error() {
                    Some(regex_syntax::Error::Parse(error)) => error.kind().to_string(),
                    Some(regex_syntax::Error::Translate(error)) => error.kind().to_string(),
                    _ => compile.to_string(),
                },
                _ => compile.to_string(),
            };
            RegexError::InvalidPattern { message, span }
        }
        Error::RuntimeError(runtime) => RegexError::InvalidPattern {
            message: runtime.to_string(),
            span: Span::new(0, pattern.len()),
        },
        other => RegexError::InvalidPattern {
            message: other.to_string(),
            span: Span::new(0, pattern.len()),
        },
    }
}

/// The span of the character at byte `at`, or an empty span at the end of the pattern.
fn char_span(pattern: &str, at: usize) -> Span {
    let len = pattern.get(at..).and_then(|rest| rest.chars().next()).map_or(0, char::len_utf8);
    Span::new(at, at + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_condition_on_a_missing_group_is_refused_before_it_can_run() {
        // Found by fuzzing: fancy-regex compiles these and panics when they match.
        for (pattern, span) in [("(?(4))", Span::new(0, 4)), ("(a)(?(2)b|c)", Span::new(3, 7))] {
            let error = compile_fancy(pattern, Flags::default()).unwrap_err();
            let RegexError::InvalidPattern { message, span: at } = &error else {
                panic!("{pattern}: {error:?}")
            };
            assert_eq!(*at, span, "{pattern}: {message}");
            assert!(message.contains("does not exist"), "{pattern}: {message}");
        }
        let request = crate::Request {
            pattern: "x(?(4))",
            text: "xyz",
            flags: Flags::default(),
            flavor: Flavor::Fancy,
            replace: Some("[$1]"),
            limit: None,
            deadline: None,
        };
        assert!(matches!(crate::run(&request), Err(RegexError::InvalidPattern { .. })));
        // Verbose mode changes what the pattern says, and the check reads it the same way.
        let verbose = Flags { ignore_whitespace: true, ..Flags::default() };
        assert!(compile_fancy("(a) (?(1) b | c) # 1 group", verbose).is_ok());
    }

    #[test]
    fn rust_errors_carry_the_span_of_the_offending_part() {
        let error = compile_rust("ab(c", Flags::default()).unwrap_err();
        assert!(
            matches!(error, RegexError::InvalidPattern { span: Span { start: 2, end: 3 }, .. }),
            "{error:?}"
        );
        let error = compile_rust(r"a\p{Nope}", Flags::default()).unwrap_err();
        assert_eq!(error.span(), Some(Span::new(1, 9)), "{error:?}");
        let error = compile_rust("x{3,2}", Flags::default()).unwrap_err();
        assert_eq!(error.span(), Some(Span::new(1, 6)), "{error:?}");
        let error = compile_rust("(?=a)", Flags::default()).unwrap_err();
        assert!(error.to_string().contains("look-around"), "{error}");
        assert_eq!(error.span(), Some(Span::new(0, 3)));
    }

    #[test]
    fn rust_limits_are_clear_errors() {
        let error = compile_rust(r"\w{1000}", Flags::default()).unwrap_err();
        assert_eq!(error, RegexError::CompiledTooBig { limit: SIZE_LIMIT });
        let deep = format!("{}a{}", "(".repeat(100), ")".repeat(100));
        let error = compile_rust(&deep, Flags::default()).unwrap_err();
        assert!(matches!(error, RegexError::NestTooDeep { limit: NEST_LIMIT, .. }), "{error:?}");
        let long = "a".repeat(MAX_PATTERN_LEN + 1);
        assert!(matches!(
            compile_rust(&long, Flags::default()),
            Err(RegexError::PatternTooLong { .. })
        ));
        assert!(matches!(
            compile_fancy(&long, Flags::default()),
            Err(RegexError::PatternTooLong { .. })
        ));
    }

    #[test]
    fn fancy_errors_carry_a_position_span() {
        let error = compile_fancy("ab(c", Flags::default()).unwrap_err();
        assert!(matches!(error, RegexError::InvalidPattern { .. }), "{error:?}");
        let span = error.span().unwrap();
        assert!(span.start <= 4 && span.end <= 4, "{span:?}");
        let error = compile_fancy(r"(a)\2", Flags::default()).unwrap_err();
        assert!(matches!(error, RegexError::InvalidPattern { .. }), "{error:?}");
        // With the U flag the engine sees a prefix; the span must still point into the user's pattern.
        let error =
            compile_fancy("é(", Flags { swap_greed: true, ..Flags::default() }).unwrap_err();
        let span = error.span().unwrap();
        assert!(span.end <= "é(".len() && "é(".is_char_boundary(span.start), "{span:?}");
    }

    #[test]
    fn fancy_errors_found_by_the_regex_crate_say_what_is_wrong() {
        // Before, these all read "Regex error: error parsing pattern 0".
        for (pattern, message, span) in [
            ("[z-a]", "invalid character class range, the start must be <= the end", (1, 4)),
            (r"\p{Foo}", "Unicode property not found", (0, 7)),
            (r"\pX", "Unicode property not found", (0, 3)),
            (
                r"(?<=a)[z-a]",
                "invalid character class range, the start must be <= the end",
                (7, 10),
            ),
        ] {
            let error = compile_fancy(pattern, Flags::default()).unwrap_err();
            assert_eq!(error.to_string(), message, "{pattern}");
            assert_eq!(error.span(), Some(Span::new(span.0, span.1)), "{pattern}");
            let rust = compile_rust(pattern.trim_start_matches("(?<=a)"), Flags::default());
            if let Err(rust) = rust {
                assert_eq!(rust.to_string(), message, "rust says the same of {pattern}");
            }
        }
    }

    #[test]
    fn fancy_compiles_what_rust_cannot() {
        assert!(compile_fancy(r"(\w)\1", Flags::default()).is_ok());
        assert!(compile_fancy(r"(a)?(?(1)b|c)", Flags::default()).is_ok());
        assert!(compile_fancy(r"(?<=a)b(?!c)", Flags::default()).is_ok());
        assert!(compile_fancy(r"(?>a+)b", Flags::default()).is_ok());
        assert!(compile_fancy(r"a++b", Flags::default()).is_ok());
    }

    #[test]
    fn flavours_parse_and_print() {
        assert_eq!(Flavor::parse("rust"), Some(Flavor::Rust));
        assert_eq!(Flavor::parse("fancy").map(Flavor::as_str), Some("fancy"));
        assert_eq!(Flavor::parse("pcre"), None);
        assert_eq!(Flavor::parse("pcre2"), Some(Flavor::Pcre2));
    }
}
