//! One trait per flavour: what differs between them (compiling, the flags, the replacement syntax, the
//! explanation, the snippet and the warnings). Adding a flavour is one module implementing [`Dialect`], a variant
//! of [`Flavor`](crate::Flavor) that returns it from `Flavor::dialect`, and, when it brings its own engine, a
//! variant of the crate's `Engine` with its search loop in `matching::search`.

use crate::engine::{self, Engine};
use crate::error::RegexError;
use crate::explain::Node;
use crate::flags::Flags;
use crate::warnings::Warning;

/// How a flavour's replacement strings are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReplacementSyntax {
    /// The `regex` crate's: `$1`, `${1}`, `$name`, `${name}`, `$$`.
    RegexCrate,
    /// fancy-regex's `Expander::default()`: `$1`, `${1}`, `$name`, `${name}`, `$$`, with a name of Unicode letters,
    /// digits and `_` (`$é` is a group), a `${…}` holding anything else copied as it is, and a duplicated name read
    /// as its last group.
    Fancy,
    /// JavaScript's `GetSubstitution`: `$1`/`$12`, `$<name>`, `$&`, `` $` ``, `$'`, `$$`.
    JavaScript,
    /// `pcre2_substitute`'s: `$1`/`${1}`, `$name`/`${name}`, `$0`, `$$`.
    Pcre2,
}

/// A flavour of regular expressions.
pub(crate) trait Dialect: Sync {
    /// Compiles the pattern (its length already checked by the caller) and names its groups by index, `None`
    /// for index 0 and unnamed groups.
    fn compile(
        &self,
        pattern: &str,
        flags: Flags,
    ) -> Result<(Engine, Vec<Option<String>>), RegexError>;

    /// How its replacement strings are read.
    fn replacement_syntax(&self) -> ReplacementSyntax;

    /// Whether matches carry UTF-16 offsets (what the flavour's home language counts in).
    fn utf16_offsets(&self) -> bool {
        false
    }

    /// The explanation tree of a valid pattern.
    fn explain(&self, pattern: &str, flags: Flags) -> Result<Vec<Node>, RegexError>;

    /// Code in the flavour's home language that runs the pattern on the text (and the substitution).
    fn snippet(&self, pattern: &str, flags: Flags, text: &str, replacement: Option<&str>)
    -> String;

    /// Remarks on the pattern and the answer that did not stop it: where the flavour's engine is known to answer
    /// otherwise than the language it stands for.
    fn answer_warnings(
        &self,
        _pattern: &str,
        _flags: Flags,
        _text: &str,
        _matches: &[crate::Match],
    ) -> Vec<Warning> {
        Vec::new()
    }

    /// Remarks on a replacement that did not stop the answer: they follow from the replacement syntax.
    fn replacement_warnings(&self, replacement: &str, names: &[Option<String>]) -> Vec<Warning> {
        match self.replacement_syntax() {
            ReplacementSyntax::RegexCrate => {
                crate::warnings::regex_crate_replacement(replacement, names)
            }
            ReplacementSyntax::Fancy => crate::warnings::fancy_replacement(replacement, names),
            ReplacementSyntax::JavaScript => {
                crate::ecmascript::js_replacement_warnings(replacement, names)
            }
            ReplacementSyntax::Pcre2 => crate::pcre2::replacement_warnings(replacement, names),
        }
    }
}

/// The `regex` crate.
pub(crate) struct RustDialect;

impl Dialect for RustDialect {
    fn compile(
        &self,
        pattern: &str,
        flags: Flags,
    ) -> Result<(Engine, Vec<Option<String>>), RegexError> {
        let regex = engine::compile_rust(pattern, flags)?;
        let names = regex.capture_names().map(|name| name.map(str::to_owned)).collect();
        Ok((Engine::Rust(regex), names))
    }

    fn replacement_syntax(&self) -> ReplacementSyntax {
        ReplacementSyntax::RegexCrate
    }

    fn explain(&self, pattern: &str, flags: Flags) -> Result<Vec<Node>, RegexError> {
        crate::explain::explain_rust(pattern, flags)
    }

    fn snippet(
        &self,
        pattern: &str,
        flags: Flags,
        text: &str,
        replacement: Option<&str>,
    ) -> String {
        crate::snippet::rust_snippet(pattern, crate::Flavor::Rust, flags, text, replacement)
    }
}

/// fancy-regex.
pub(crate) struct FancyDialect;

impl Dialect for FancyDialect {
    fn compile(
        &self,
        pattern: &str,
        flags: Flags,
    ) -> Result<(Engine, Vec<Option<String>>), RegexError> {
        crate::explain::fancy::check_nesting(pattern, flags)?;
        let regex = engine::compile_fancy(pattern, flags)?;
        let names = regex.capture_names().map(|name| name.map(str::to_owned)).collect();
        Ok((Engine::Fancy(regex), names))
    }

    fn replacement_syntax(&self) -> ReplacementSyntax {
        ReplacementSyntax::Fancy
    }

    fn explain(&self, pattern: &str, flags: Flags) -> Result<Vec<Node>, RegexError> {
        crate::explain::explain_fancy(pattern, flags)
    }

    fn snippet(
        &self,
        pattern: &str,
        flags: Flags,
        text: &str,
        replacement: Option<&str>,
    ) -> String {
        crate::snippet::rust_snippet(pattern, crate::Flavor::Fancy, flags, text, replacement)
    }

    /// A counted repetition whose maximum is below its minimum (`a{2,1}`), which fancy-regex reads as exactly the
    /// minimum where the other flavours refuse it: probably a typo.
    fn answer_warnings(
        &self,
        pattern: &str,
        flags: Flags,
        _text: &str,
        _matches: &[crate::Match],
    ) -> Vec<Warning> {
        let Some(prepared) = crate::explain::fancy::prepare(pattern, flags) else {
            return Vec::new();
        };
        prepared
            .backwards_ranges()
            .map(|(span, min, max)| Warning {
                kind: "repetition_range_backwards".into(),
                message: format!(
                    "{} has its maximum {max} below its minimum {min}: fancy-regex repeats the item exactly {min} times, where the rust and pcre2 flavours refuse the pattern. Write {{{min}}} if that is what you mean, or {{{max},{min}}} for a range.",
                    &pattern[span.start..span.end]
                ),
                part: "pattern".into(),
                start: span.start,
                end: span.end,
                suggestion: Some(format!("{{{max},{min}}}")),
            })
            .collect()
    }
}
