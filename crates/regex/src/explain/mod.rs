//! The explanation tree: every part of the pattern, with its span, described in plain English.
//!
//! The tree is built from `regex_syntax::ast`, which keeps the byte span of every node. Patterns of the fancy
//! flavour go through [`fancy::prepare`] first, which rewrites the constructs `regex_syntax` does not know
//! (look-around, backreferences, atomic groups, possessive quantifiers, ...) into placeholders it does, and maps
//! the spans back; the walker then describes those placeholders as what they stand for. Patterns of the pcre2
//! flavour are read by `pcre2_tree`, a reader of PCRE2's own syntax that builds the same kind of tree.

pub(crate) mod fancy;
pub(crate) mod fancy_tree;
pub(crate) mod pcre2_tree;
mod words;

use crate::engine::{Flavor, parse_ast_with_comments, span_of};
use crate::error::{RegexError, Span};
use crate::flags::Flags;
use fancy::{Extra, Prepared};
use regex_syntax::ast::{
    self, AssertionKind, Ast, ClassPerlKind, ClassSet, ClassSetBinaryOpKind, ClassSetItem,
    ClassUnicodeKind, ClassUnicodeOpKind, Flag, FlagsItemKind, GroupKind, LiteralKind,
    RepetitionKind, RepetitionRange, SpecialLiteralKind,
};
use serde::Serialize;
use words::{ascii_class, char_name, general_category, quoted, times};

/// One node of the explanation: a part of the pattern and what it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = RegexNode))]
pub struct Node {
    /// Where the part starts in the pattern: a UTF-8 byte offset (0-based, inclusive).
    pub start: usize,
    /// Where the part ends in the pattern: a UTF-8 byte offset just past its last byte (exclusive); equal to
    /// `start` for an empty part, such as an empty alternative.
    pub end: usize,
    /// The part of the pattern, `pattern[start..end]`.
    pub source: String,
    /// What kind of construct it is, one lowercase word for styling: `literal`, `dot`, `class`, `anchor`,
    /// `quantifier`, `group`, `lookaround`, `backreference`, `subroutine`, `alternation`, `alternative`,
    /// `sequence`, `flags`, `comment`, `verb`, `empty`, ...; new kinds may be added.
    pub kind: &'static str,
    /// What it does, in plain English.
    pub description: String,
    /// The parts inside it, in order (empty for a leaf such as a literal), each a node like this one.
    #[cfg_attr(feature = "web", schema(no_recursion))]
    pub children: Vec<Node>,
}

/// Explains a pattern. The pattern must be valid for the flavour; an invalid one gives the parse error.
pub fn explain(pattern: &str, flavor: Flavor, flags: Flags) -> Result<Vec<Node>, RegexError> {
    crate::engine::check_pattern_len(pattern)?;
    flavor.dialect().explain(pattern, flags)
}

/// The rust flavour's explanation.
pub(crate) fn explain_rust(pattern: &str, flags: Flags) -> Result<Vec<Node>, RegexError> {
    let parsed = parse_ast_with_comments(pattern, flags)?;
    let walker = Walker { pattern, prepared: None };
    Ok(walker.explain_root(&parsed, flags))
}

/// The fancy flavour's explanation.
pub(crate) fn explain_fancy(pattern: &str, flags: Flags) -> Result<Vec<Node>, RegexError> {
    match fancy::prepare(pattern, flags) {
        Some(prepared) => match parse_ast_with_comments(&prepared.rewritten, flags) {
            Ok(parsed) => {
                let walker = Walker { pattern, prepared: Some(&prepared) };
                Ok(walker.explain_root(&parsed, flags))
            }
            Err(_) => fancy_tree::explain(pattern, flags),
        },
        None => fancy_tree::explain(pattern, flags),
    }
}

/// The flags in force at a point of the pattern; inline flags change them until the end of the group.
#[derive(Debug, Clone, Copy)]
struct State {
    flags: Flags,
    crlf: bool,
}

struct Walker<'a> {
    pattern: &'a str,
    prepared: Option<&'a Prepared>,
}

impl Walker<'_> {
    fn explain_root(&self, parsed: &ast::WithComments, flags: Flags) -> Vec<Node> {
        let mut state = State { flags, crlf: false };
        let mut nodes = self.sequence(&parsed.ast, &mut state);
        if nodes.len() == 1 && nodes[0].kind == "empty" && self.pattern.is_empty() {
            nodes[0].description =
                "The empty pattern matches the empty string at every position.".into();
        }
        for comment in &parsed.comments {
            let node = self.node(
                span_of(&comment.span),
                "comment",
                format!("Comment, ignored in verbose mode: {}.", quoted(comment.comment.trim())),
                Vec::new(),
            );
            insert_comment(&mut nodes, node);
        }
        nodes
    }

    /// Maps a span of the parsed text back to the user's pattern and builds the node.
    fn node(
        &self,
        span: Span,
        kind: &'static str,
        description: String,
        children: Vec<Node>,
    ) -> Node {
        let span = match self.prepared {
            Some(prepared) => prepared.original_span(span),
            None => span,
        };
        let source = self.pattern.get(span.start..span.end).unwrap_or_default().to_owned();
        Node { start: span.start, end: span.end, source, kind, description, children }
    }

    fn extra(&self, span: &ast::Span) -> Option<&Extra> {
        let prepared = self.prepared?;
        prepared.extra_at(prepared.original_span(span_of(span)).start)
    }

    /// A concatenation as a list of nodes (runs of plain literals merged), anything else as one node.
    fn sequence(&self, node: &Ast, state: &mut State) -> Vec<Node> {
        let Ast::Concat(concat) = node else { return vec![self.explain(node, state)] };
        let mut nodes = Vec::new();
        let mut run: Vec<&ast::Literal> = Vec::new();
        for item in &concat.asts {
            match item {
                Ast::Literal(literal) if self.extra(&literal.span).is_none() => run.push(literal),
                other => {
                    self.flush_literals(&mut run, state, &mut nodes);
                    nodes.push(self.explain(other, state));
                }
            }
        }
        self.flush_literals(&mut run, state, &mut nodes);
        nodes
    }

    fn flush_literals(&self, run: &mut Vec<&ast::Literal>, state: &State, nodes: &mut Vec<Node>) {
        match run.len() {
            0 => {}
            1 => nodes.push(self.literal(run[0], state)),
            _ => {
                let text: String = run.iter().map(|literal| literal.c).collect();
                let escaped = run.iter().any(|literal| literal.kind != LiteralKind::Verbatim);
                let children = if escaped {
                    run.iter().map(|literal| self.literal(literal, state)).collect()
                } else {
                    Vec::new()
                };
                let span = Span::new(run[0].span.start.offset, run[run.len() - 1].span.end.offset);
                let description =
                    format!("Matches the text {} literally{}.", quoted(&text), case_note(state));
                nodes.push(self.node(span, "literal", description, children));
            }
        }
        run.clear();
    }

    fn explain(&self, node: &Ast, state: &mut State) -> Node {
        match node {
            Ast::Empty(span) => self.node(
                span_of(span),
                "empty",
                "Matches the empty string (nothing at all), so it always succeeds.".into(),
                Vec::new(),
            ),
            Ast::Flags(set) => {
                let description = format!(
                    "Sets flags from here to the end of the enclosing group: {}.",
                    self.apply_flags(&set.flags, state)
                );
                self.node(span_of(&set.span), "flags", description, Vec::new())
            }
            Ast::Literal(literal) => match self.extra(&literal.span) {
                Some(extra) => {
                    self.node(span_of(&literal.span), extra.kind(), extra.describe(), Vec::new())
                }
                None => self.literal(literal, state),
            },
            Ast::Dot(span) => {
                let description = if state.flags.dot_matches_new_line {
                    "Matches any character, including line breaks (the s flag is on).".to_owned()
                } else if state.crlf {
                    "Matches any character except a line feed (\\n) or carriage return (\\r)."
                        .to_owned()
                } else {
                    "Matches any character except a line feed (\\n); turn on the s flag to include it.".to_owned()
                };
                self.node(span_of(span), "dot", description, Vec::new())
            }
            Ast::Assertion(assertion) => self.assertion(assertion, state),
            Ast::ClassPerl(class) => self.node(
                span_of(&class.span),
                "class",
                perl_class(&class.kind, class.negated),
                Vec::new(),
            ),
            Ast::ClassUnicode(class) => {
                self.node(span_of(&class.span), "class", unicode_class(class), Vec::new())
            }
            Ast::ClassBracketed(class) => self.bracketed(class, state),
            Ast::Repetition(repetition) => self.repetition(repetition, state),
            Ast::Group(group) => self.group(group, state),
            Ast::Alternation(alternation) => {
                let count = alternation.asts.len();
                let children = alternation
                    .asts
                    .iter()
                    .enumerate()
                    .map(|(i, branch)| self.branch(branch, i + 1, state))
                    .collect();
                let description = format!(
                    "Alternation: matches one of {count} alternatives, trying them from left to right and taking the first that leads to a match."
                );
                self.node(span_of(&alternation.span), "alternation", description, children)
            }
            Ast::Concat(concat) => {
                let children = self.sequence(node, state);
                self.node(
                    span_of(&concat.span),
                    "sequence",
                    "Matches these parts one after another.".into(),
                    children,
                )
            }
        }
    }

    /// One branch of an alternation, named by its position.
    fn branch(&self, branch: &Ast, position: usize, state: &mut State) -> Node {
        let mut nodes = self.sequence(branch, state);
        if nodes.len() == 1 {
            let mut only = nodes.remove(0);
            only.description =
                format!("Alternative {position}: {}", lowercase_first(&only.description));
            return only;
        }
        let span = match branch {
            Ast::Concat(concat) => span_of(&concat.span),
            other => span_of(other.span()),
        };
        self.node(
            span,
            "alternative",
            format!("Alternative {position}: matches these parts in order."),
            nodes,
        )
    }

    fn literal(&self, literal: &ast::Literal, state: &State) -> Node {
        let c = literal.c;
        let name = char_name(c);
        let case = if c.is_alphabetic() { case_note(state) } else { "" };
        let description = match &literal.kind {
            LiteralKind::Verbatim => format!("Matches {name}{case}."),
            LiteralKind::Meta => {
                format!(
                    "Matches {name} literally; the backslash removes its special meaning{case}."
                )
            }
            LiteralKind::Superfluous => {
                format!("Matches {name} literally; the backslash is allowed but not needed{case}.")
            }
            LiteralKind::Octal => format!("Matches {name}, written as an octal escape."),
            LiteralKind::HexFixed(_) | LiteralKind::HexBrace(_) => {
                format!(
                    "Matches {name}, written as a hexadecimal escape (code point U+{:04X}){case}.",
                    c as u32
                )
            }
            LiteralKind::Special(special) => {
                let what = match special {
                    SpecialLiteralKind::Bell => "the bell character (\\a, U+0007)",
                    SpecialLiteralKind::FormFeed => "a form feed (\\f, U+000C)",
                    SpecialLiteralKind::Tab => "a tab (\\t, U+0009)",
                    SpecialLiteralKind::LineFeed => {
                        "a line feed, the usual line break (\\n, U+000A)"
                    }
                    SpecialLiteralKind::CarriageReturn => "a carriage return (\\r, U+000D)",
                    SpecialLiteralKind::VerticalTab => "a vertical tab (\\v, U+000B)",
                    SpecialLiteralKind::Space => {
                        "a space, escaped so verbose mode does not ignore it"
                    }
                };
                format!("Matches {what}.")
            }
        };
        self.node(span_of(&literal.span), "literal", description, Vec::new())
    }

    fn assertion(&self, assertion: &ast::Assertion, state: &State) -> Node {
        if let Some(extra) = self.extra(&assertion.span) {
            return self.node(span_of(&assertion.span), extra.kind(), extra.describe(), Vec::new());
        }
        let multi = state.flags.multi_line;
        let description = match assertion.kind {
            AssertionKind::StartLine if multi => {
                "Anchor: the start of a line (the start of the text or just after a line feed), because the m flag is on."
            }
            AssertionKind::StartLine => {
                "Anchor: the start of the text (turn on the m flag to match at the start of every line)."
            }
            AssertionKind::EndLine if multi => {
                "Anchor: the end of a line (just before a line feed or at the end of the text), because the m flag is on."
            }
            AssertionKind::EndLine => {
                "Anchor: the end of the text (turn on the m flag to match at the end of every line)."
            }
            AssertionKind::StartText => {
                "Anchor: the very start of the text, whatever the m flag says."
            }
            AssertionKind::EndText => "Anchor: the very end of the text, whatever the m flag says.",
            AssertionKind::WordBoundary => {
                "Word boundary: a position with a word character (\\w) on one side and a non-word character or the edge of the text on the other."
            }
            AssertionKind::NotWordBoundary => {
                "Not a word boundary: a position with word characters on both sides or non-word characters on both sides."
            }
            AssertionKind::WordBoundaryStart | AssertionKind::WordBoundaryStartAngle => {
                "Start of a word: a word character to the right and none to the left."
            }
            AssertionKind::WordBoundaryEnd | AssertionKind::WordBoundaryEndAngle => {
                "End of a word: a word character to the left and none to the right."
            }
            AssertionKind::WordBoundaryStartHalf => {
                "Half a start-of-word boundary: no word character to the left (the right side is not checked)."
            }
            AssertionKind::WordBoundaryEndHalf => {
                "Half an end-of-word boundary: no word character to the right (the left side is not checked)."
            }
        };
        self.node(
            span_of(&assertion.span),
            "anchor",
            format!("{description} It matches a position, not a character."),
            Vec::new(),
        )
    }

    fn bracketed(&self, class: &ast::ClassBracketed, state: &State) -> Node {
        let children = self.class_set(&class.kind, state);
        let description = if class.negated {
            "Character class: matches any one character that is NOT listed inside the brackets."
        } else {
            "Character class: matches any one character listed inside the brackets."
        };
        let description = format!("{description}{}", case_note(state));
        self.node(span_of(&class.span), "class", description, children)
    }

    fn class_set(&self, set: &ClassSet, state: &State) -> Vec<Node> {
        match set {
            ClassSet::Item(ClassSetItem::Union(union)) => {
                union.items.iter().map(|item| self.class_item(item, state)).collect()
            }
            ClassSet::Item(item) => vec![self.class_item(item, state)],
            ClassSet::BinaryOp(op) => {
                let (name, what) = match op.kind {
                    ClassSetBinaryOpKind::Intersection => (
                        "Intersection (&&)",
                        "characters that are in both the left and the right set",
                    ),
                    ClassSetBinaryOpKind::Difference => (
                        "Difference (--)",
                        "characters in the left set that are not in the right set",
                    ),
                    ClassSetBinaryOpKind::SymmetricDifference => {
                        ("Symmetric difference (~~)", "characters in exactly one of the two sets")
                    }
                };
                let lhs = self.class_operand(&op.lhs, "Left set", state);
                let rhs = self.class_operand(&op.rhs, "Right set", state);
                vec![self.node(
                    span_of(&op.span),
                    "class-op",
                    format!("{name}: {what}."),
                    vec![lhs, rhs],
                )]
            }
        }
    }

    fn class_operand(&self, set: &ClassSet, label: &str, state: &State) -> Node {
        let span = match set {
            ClassSet::Item(item) => span_of(item.span()),
            ClassSet::BinaryOp(op) => span_of(&op.span),
        };
        let mut children = self.class_set(set, state);
        if children.len() == 1 && children[0].start == span.start && children[0].end == span.end {
            let mut only = children.remove(0);
            only.description = format!("{label}: {}", lowercase_first(&only.description));
            return only;
        }
        self.node(span, "class-set", format!("{label}: any of these."), children)
    }

    fn class_item(&self, item: &ClassSetItem, state: &State) -> Node {
        match item {
            ClassSetItem::Empty(span) => {
                self.node(span_of(span), "empty", "Nothing (an empty set).".into(), Vec::new())
            }
            ClassSetItem::Literal(literal) => {
                let description = match literal.kind {
                    LiteralKind::Verbatim => format!("The character {}.", char_name(literal.c)),
                    _ => format!("The character {}, written as an escape.", char_name(literal.c)),
                };
                self.node(span_of(&literal.span), "literal", description, Vec::new())
            }
            ClassSetItem::Range(range) => {
                let description = format!(
                    "A range: any character from {} to {} (code points U+{:04X} to U+{:04X}){}.",
                    char_name(range.start.c),
                    char_name(range.end.c),
                    range.start.c as u32,
                    range.end.c as u32,
                    case_note(state)
                );
                self.node(span_of(&range.span), "range", description, Vec::new())
            }
            ClassSetItem::Ascii(ascii) => {
                let (name, what) = ascii_class(&ascii.kind);
                let description = if ascii.negated {
                    format!("ASCII class [:^{name}:]: any character except {what}.")
                } else {
                    format!("ASCII class [:{name}:]: {what}.")
                };
                self.node(span_of(&ascii.span), "class", description, Vec::new())
            }
            ClassSetItem::Unicode(class) => {
                self.node(span_of(&class.span), "class", unicode_class(class), Vec::new())
            }
            ClassSetItem::Perl(class) => self.node(
                span_of(&class.span),
                "class",
                perl_class(&class.kind, class.negated),
                Vec::new(),
            ),
            ClassSetItem::Bracketed(nested) => {
                let mut node = self.bracketed(nested, state);
                node.description = format!("Nested {}", lowercase_first(&node.description));
                node
            }
            ClassSetItem::Union(union) => {
                let children =
                    union.items.iter().map(|item| self.class_item(item, state)).collect();
                self.node(span_of(&union.span), "class-set", "Any of these.".into(), children)
            }
        }
    }

    fn repetition(&self, repetition: &ast::Repetition, state: &mut State) -> Node {
        let child = self.explain(&repetition.ast, state);
        let greedy = repetition.greedy != state.flags.swap_greed;
        let how_often = match &repetition.op.kind {
            RepetitionKind::ZeroOrOne => {
                "Optional: matches the item before it zero times or once".to_owned()
            }
            RepetitionKind::ZeroOrMore => {
                "Matches the item before it zero or more times".to_owned()
            }
            RepetitionKind::OneOrMore => "Matches the item before it one or more times".to_owned(),
            RepetitionKind::Range(RepetitionRange::Exactly(n)) => {
                format!("Matches the item before it exactly {}", times(*n))
            }
            RepetitionKind::Range(RepetitionRange::AtLeast(n)) => {
                format!("Matches the item before it at least {}", times(*n))
            }
            RepetitionKind::Range(RepetitionRange::Bounded(m, n)) => {
                format!("Matches the item before it between {m} and {n} times")
            }
        };
        let backwards = self.prepared.and_then(|prepared| {
            prepared.backwards_at(prepared.original_span(span_of(&repetition.op.span)).start)
        });
        let how_often = match backwards {
            Some((min, max)) => format!(
                "{how_often}, as fancy-regex reads {{{min},{max}}}: a range whose maximum is below its minimum, which the rust and pcre2 flavours refuse (probably {{{max},{min}}} was meant)"
            ),
            None => how_often,
        };
        let exact =
            matches!(repetition.op.kind, RepetitionKind::Range(RepetitionRange::Exactly(_)));
        let span = span_of(&repetition.span);
        let possessive = self.prepared.is_some_and(|prepared| {
            let end = prepared.original_span(span).end;
            end > 0 && prepared.is_possessive(end - 1)
        });
        let manner = if exact {
            " (a fixed count, so greedy or lazy makes no difference)".to_owned()
        } else if possessive {
            ", as many times as possible, and possessively: it never gives back what it matched, even if the rest of the pattern then fails".to_owned()
        } else if greedy {
            let swapped = if state.flags.swap_greed {
                " (the trailing ? makes it greedy because the U flag is on)"
            } else {
                ""
            };
            format!(
                ", as many times as possible (greedy), giving back one at a time if the rest does not match{swapped}"
            )
        } else {
            let swapped = if state.flags.swap_greed {
                " (lazy because the U flag swaps greediness)"
            } else {
                ""
            };
            format!(
                ", as few times as possible (lazy), taking more only if the rest does not match{swapped}"
            )
        };
        self.node(span, "quantifier", format!("{how_often}{manner}."), vec![child])
    }

    fn group(&self, group: &ast::Group, state: &State) -> Node {
        let mut inner = *state;
        let (kind, description) = match (&group.kind, self.extra(&group.span)) {
            (_, Some(extra)) => (extra.kind(), extra.describe()),
            (GroupKind::CaptureIndex(index), None) => (
                "group",
                format!(
                    "Capturing group #{index}: matches its contents and remembers the text as group {index}."
                ),
            ),
            (GroupKind::CaptureName { name, starts_with_p }, None) => {
                let syntax = if *starts_with_p { " (Python-style ?P<…> syntax)" } else { "" };
                (
                    "group",
                    format!(
                        "Named capturing group \"{}\" (#{}){syntax}: matches its contents and remembers the text under that name and number.",
                        name.name, name.index
                    ),
                )
            }
            (GroupKind::NonCapturing(flags), None) if flags.items.is_empty() => (
                "group",
                "Non-capturing group: groups its contents without remembering the text.".to_owned(),
            ),
            (GroupKind::NonCapturing(flags), None) => (
                "group",
                format!(
                    "Non-capturing group with flags for its contents only: {}.",
                    self.apply_flags(flags, &mut inner)
                ),
            ),
        };
        let children = self.sequence(&group.ast, &mut inner);
        self.node(span_of(&group.span), kind, description, children)
    }

    /// Applies inline flags to the state and says what they did.
    fn apply_flags(&self, flags: &ast::Flags, state: &mut State) -> String {
        let mut on = true;
        let mut said = Vec::new();
        for item in &flags.items {
            let flag = match &item.kind {
                FlagsItemKind::Negation => {
                    on = false;
                    continue;
                }
                FlagsItemKind::Flag(flag) => flag,
            };
            let name = match flag {
                Flag::CaseInsensitive => {
                    state.flags.case_insensitive = on;
                    "case-insensitive (i)"
                }
                Flag::MultiLine => {
                    state.flags.multi_line = on;
                    "multi-line (m)"
                }
                Flag::DotMatchesNewLine => {
                    state.flags.dot_matches_new_line = on;
                    "dot matches newline (s)"
                }
                Flag::SwapGreed => {
                    state.flags.swap_greed = on;
                    "swap greed (U)"
                }
                Flag::IgnoreWhitespace => {
                    state.flags.ignore_whitespace = on;
                    "verbose (x)"
                }
                Flag::CRLF => {
                    state.crlf = on;
                    "CRLF line endings (R)"
                }
                Flag::Unicode => "Unicode (u)",
            };
            said.push(format!("{name} {}", if on { "on" } else { "off" }));
        }
        said.join(", ")
    }
}

/// Puts a comment node beside the parts it sits between, inside the innermost group or alternative holding it.
fn insert_comment(nodes: &mut Vec<Node>, comment: Node) {
    let holder = nodes.iter_mut().find(|node| {
        matches!(node.kind, "group" | "lookaround" | "alternation" | "alternative" | "sequence")
            && node.start < comment.start
            && comment.end <= node.end
    });
    match holder {
        Some(holder) => insert_comment(&mut holder.children, comment),
        None => {
            let at = nodes.partition_point(|other| other.start < comment.start);
            nodes.insert(at, comment);
        }
    }
}

fn case_note(state: &State) -> &'static str {
    if state.flags.case_insensitive { ", ignoring case (the i flag is on)" } else { "" }
}

/// `text` with its first letter in lower case, to go inside a sentence; a capital that starts a word in capitals
/// ("ASCII") or a name ("Unicode") stays.
pub(crate) fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // Keep capitals that start a name ("ASCII", "Unicode").
        Some(first) if chars.clone().next().is_some_and(char::is_lowercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_owned(),
    }
}

fn perl_class(kind: &ClassPerlKind, negated: bool) -> String {
    let (positive, negative) = match kind {
        ClassPerlKind::Digit => (
            "Any digit: a Unicode decimal digit (\\p{Nd}), which includes 0-9 and digits of other scripts.",
            "Any character that is not a digit (\\p{Nd}).",
        ),
        ClassPerlKind::Space => (
            "Any whitespace character: space, tab, line breaks and Unicode spaces (\\p{White_Space}).",
            "Any character that is not whitespace.",
        ),
        ClassPerlKind::Word => (
            "Any word character: a Unicode letter, mark, digit or connector punctuation such as _.",
            "Any character that is not a word character (\\w).",
        ),
    };
    if negated { negative.to_owned() } else { positive.to_owned() }
}

fn unicode_class(class: &ast::ClassUnicode) -> String {
    let (negated, what) = match &class.kind {
        ClassUnicodeKind::OneLetter(letter) => {
            (class.negated, describe_property(&letter.to_string()))
        }
        ClassUnicodeKind::Named(name) => (class.negated, describe_property(name)),
        ClassUnicodeKind::NamedValue { op, name, value } => {
            let flipped = matches!(op, ClassUnicodeOpKind::NotEqual);
            (class.negated != flipped, format!("whose Unicode property {name} is {value}"))
        }
    };
    if negated { format!("Any character NOT {what}.") } else { format!("Any character {what}.") }
}

fn describe_property(name: &str) -> String {
    match general_category(name) {
        Some(meaning) => format!("in the Unicode general category {name} ({meaning})"),
        None => format!("with the Unicode property or script {name}"),
    }
}

#[cfg(test)]
mod tests;
