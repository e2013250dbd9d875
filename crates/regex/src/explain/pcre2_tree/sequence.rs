//! Alternation and sequences: the branches of the pattern or of a group, the items of each branch with their
//! quantifiers, what PCRE2 skips between items, and runs of literal characters merged into one node.

use super::{Item, Reader, node, plain};
use crate::explain::words::quoted;
use crate::explain::{Node, lowercase_first};

impl Reader<'_> {
    pub(super) fn root(&mut self) -> Vec<Node> {
        let nodes = self.alternation(None);
        if nodes.is_empty() {
            let description = "The empty pattern matches the empty string at every position.";
            return vec![node(self.pattern, 0, self.pattern.len(), "empty", description.into())];
        }
        nodes
    }

    /// Branches separated by `|` up to a `)` or the end: the contents of a group or of the pattern. With
    /// `reset`, each branch numbers its groups from that number on (a branch-reset group).
    pub(super) fn alternation(&mut self, reset: Option<usize>) -> Vec<Node> {
        let start = self.at;
        let branches = self.branches(reset);
        if branches.len() == 1 {
            return branches.into_iter().next().map(|(_, _, nodes)| nodes).unwrap_or_default();
        }
        let count = branches.len();
        let children = branches
            .into_iter()
            .enumerate()
            .map(|(i, (bstart, bend, nodes))| {
                self.branch(bstart, bend, nodes, &format!("Alternative {}", i + 1))
            })
            .collect();
        let mut alternation = self.node(
            start,
            "alternation",
            format!(
                "Alternation: matches one of {count} alternatives, trying them from left to right and taking the first that leads to a match."
            ),
        );
        alternation.children = children;
        vec![alternation]
    }

    pub(super) fn branches(&mut self, reset: Option<usize>) -> Vec<(usize, usize, Vec<Node>)> {
        let mut branches = Vec::new();
        let mut highest = self.groups;
        loop {
            if let Some(base) = reset {
                self.groups = base;
            }
            let start = self.at;
            let nodes = self.sequence();
            highest = highest.max(self.groups);
            branches.push((start, self.at, nodes));
            if !self.eat("|") {
                break;
            }
        }
        if reset.is_some() {
            self.groups = highest;
        }
        branches
    }

    /// One branch as a node labelled with `label`: the only part relabelled, or an `alternative` holding them.
    pub(super) fn branch(
        &self,
        start: usize,
        end: usize,
        mut nodes: Vec<Node>,
        label: &str,
    ) -> Node {
        if nodes.is_empty() {
            return node(
                self.pattern,
                start,
                end,
                "empty",
                format!(
                    "{label}: matches the empty string (nothing at all), so it always succeeds."
                ),
            );
        }
        if nodes.len() == 1 {
            let mut only = nodes.remove(0);
            only.description = format!("{label}: {}", lowercase_first(&only.description));
            return only;
        }
        let mut branch = node(
            self.pattern,
            start,
            end,
            "alternative",
            format!("{label}: matches these parts in order."),
        );
        branch.children = nodes;
        branch
    }

    /// The parts of one branch, with quantifiers applied and runs of literal characters merged.
    fn sequence(&mut self) -> Vec<Node> {
        let mut items: Vec<Item> = Vec::new();
        loop {
            let trivia = self.trivia();
            if let Some(quantifier) = self.quantifier() {
                match items.pop() {
                    Some(target) if target.repeatable => {
                        items.push(self.quantified(target, trivia, quantifier));
                        continue;
                    }
                    other => {
                        items.extend(other);
                        items.extend(trivia.into_iter().map(plain));
                        let description = "A quantifier with nothing before it to repeat (PCRE2 refuses it here).";
                        items.push(plain(self.node(quantifier.start, "other", description.into())));
                        continue;
                    }
                }
            }
            items.extend(trivia.into_iter().map(plain));
            match self.peek() {
                None | Some('|') => break,
                Some(')') if self.depth > 0 => break,
                _ => {}
            }
            let item = self.atom();
            items.push(item);
        }
        self.merge(items)
    }

    /// What PCRE2 skips between items: `(?#…)` comments, and with `x` white space and `#` comments; also an
    /// empty `\Q\E` and a lone `\E`.
    fn trivia(&mut self) -> Vec<Node> {
        let mut nodes = Vec::new();
        loop {
            let start = self.at;
            if self.eat("(?#") {
                let text = self.until(')');
                self.eat(")");
                let description = format!("Comment, ignored: {}.", quoted(text.trim()));
                nodes.push(self.node(start, "comment", description));
            } else if self.opts.extended && self.peek().is_some_and(is_pattern_space) {
                while self.peek().is_some_and(is_pattern_space) {
                    self.bump();
                }
            } else if self.opts.extended && self.peek() == Some('#') {
                let text = self.until('\n');
                self.eat("\n");
                let description =
                    format!("Comment, ignored in extended mode (x): {}.", quoted(text[1..].trim()));
                nodes.push(self.node(start, "comment", description));
            } else if self.eat("\\Q\\E") {
                nodes.push(self.node(
                    start,
                    "comment",
                    "An empty quotation (\\Q\\E): ignored.".into(),
                ));
            } else if self.eat("\\E") {
                nodes.push(self.node(
                    start,
                    "comment",
                    "\\E with no \\Q before it: PCRE2 ignores it.".into(),
                ));
            } else {
                return nodes;
            }
        }
    }

    /// Merges runs of one-character literals into one literal node.
    fn merge(&self, items: Vec<Item>) -> Vec<Node> {
        let mut nodes = Vec::new();
        let mut run: Vec<(Node, char)> = Vec::new();
        for item in items {
            match item.literal {
                Some(c) => run.push((item.node, c)),
                None => {
                    self.flush(&mut run, &mut nodes);
                    nodes.push(item.node);
                }
            }
        }
        self.flush(&mut run, &mut nodes);
        nodes
    }

    fn flush(&self, run: &mut Vec<(Node, char)>, nodes: &mut Vec<Node>) {
        if run.len() < 2 {
            nodes.extend(run.drain(..).map(|(node, _)| node));
            return;
        }
        let text: String = run.iter().map(|(_, c)| *c).collect();
        let escaped = run.iter().any(|(node, _)| node.source.starts_with('\\'));
        let start = run[0].0.start;
        let end = run[run.len() - 1].0.end;
        let case = if text.chars().any(char::is_alphabetic) { self.case_note() } else { "" };
        let mut merged = node(
            self.pattern,
            start,
            end,
            "literal",
            format!("Matches the text {} literally{case}.", quoted(&text)),
        );
        if escaped {
            merged.children = run.drain(..).map(|(node, _)| node).collect();
        }
        run.clear();
        nodes.push(merged);
    }
}

/// White space that PCRE2 skips in extended mode (pcre2pattern: the Unicode Pattern_White_Space characters).
fn is_pattern_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n'
            | '\u{b}'
            | '\u{c}'
            | '\r'
            | ' '
            | '\u{85}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'
            | '\u{2029}'
    )
}
