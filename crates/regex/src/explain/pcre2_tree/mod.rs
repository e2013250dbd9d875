//! The pcre2 flavour's explanation tree: a recursive-descent reader of PCRE2's pattern syntax (pcre2pattern(3),
//! pcre2syntax(3), as in the bundled PCRE2 10.46), naming each construct in PCRE2's terms, with one sentence where
//! the same syntax means something else in another flavour of the tester.
//!
//! The reader runs on patterns PCRE2 has compiled, but it is total: any text gives a tree (syntax it does not
//! know becomes an `other` node), every node's span lies inside its parent's, on character boundaries, children in
//! order. The tester compiles with PCRE2_UTF and PCRE2_UCP (PHP's `u` modifier), so `\d`, `\w`, `\s`, `\b` and
//! the POSIX classes use Unicode properties; the descriptions say so.
//!
//! The reader is one [`Reader`] whose methods are spread over the submodules, one per family of constructs; this
//! module holds the entry point and the state they share.

mod atom;
mod class;
mod conditional;
mod cursor;
mod escape;
mod group;
mod options;
mod quantifier;
mod reference;
mod sequence;
mod verb;

use super::Node;
use crate::flags::Flags;

/// Explains a PCRE2 pattern with the flags it is compiled with.
pub(crate) fn explain(pattern: &str, flags: Flags) -> Vec<Node> {
    // A first reading collects the group names with their numbers, so that a reference before its group (or a
    // subroutine call to a later group) can name the number too.
    let mut first = Reader::new(pattern, flags, Vec::new());
    first.root();
    let names = std::mem::take(&mut first.names);
    Reader::new(pattern, flags, names).root()
}

/// The options in force at a point of the pattern; an inline setting lasts until the end of its group.
#[derive(Debug, Clone, Copy)]
struct Opts {
    caseless: bool,
    multiline: bool,
    dotall: bool,
    extended: bool,
    extended_more: bool,
    no_auto_capture: bool,
    ungreedy: bool,
}

/// One item of a sequence before runs of literals are merged.
struct Item {
    node: Node,
    /// The character a one-character literal matches, and whether it may join a run.
    literal: Option<char>,
    /// Whether a quantifier may follow it.
    repeatable: bool,
    /// A `\Q…\E` quotation: a quantifier after it repeats its last character only.
    quoted: bool,
}

/// One reading of a pattern: where it has got to and what it knows there.
struct Reader<'a> {
    pattern: &'a str,
    at: usize,
    opts: Opts,
    /// Capturing groups opened so far (the number of the last one, counting branch resets).
    groups: usize,
    names: Vec<(String, usize)>,
    depth: usize,
}

fn node(pattern: &str, start: usize, end: usize, kind: &'static str, description: String) -> Node {
    let source = pattern.get(start..end).unwrap_or_default().to_owned();
    Node { start, end, source, kind, description, children: Vec::new() }
}

fn plain(node: Node) -> Item {
    Item { node, literal: None, repeatable: false, quoted: false }
}

fn plain_repeatable(node: Node) -> Item {
    Item { node, literal: None, repeatable: true, quoted: false }
}
