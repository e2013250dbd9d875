//! Quantifiers: `?`, `*`, `+` and the counted `{n,m}`, greedy, lazy or possessive, as a node that holds the item
//! they repeat.

use super::{Item, Reader, node, plain};
use crate::explain::Node;
use crate::explain::words::times;

impl Reader<'_> {
    /// A quantifier at the current place, read and consumed.
    pub(super) fn quantifier(&mut self) -> Option<Quantifier> {
        let start = self.at;
        let (min, max) = match self.peek()? {
            '?' => (0, Some(1)),
            '*' => (0, None),
            '+' => (1, None),
            '{' => {
                let (min, max, len) = braces(self.rest())?;
                self.at += len - 1;
                (min, max)
            }
            _ => return None,
        };
        self.at += 1;
        let manner = if self.eat("+") {
            Manner::Possessive
        } else if self.eat("?") {
            Manner::Lazy
        } else {
            Manner::Greedy
        };
        Some(Quantifier { start, min, max, manner })
    }

    pub(super) fn quantified(
        &self,
        target: Item,
        trivia: Vec<Node>,
        quantifier: Quantifier,
    ) -> Item {
        let Quantifier { start, min, max, manner } = quantifier;
        let source = &self.pattern[start..self.at];
        let mut how = match (min, max) {
            (0, Some(1)) => "Optional: matches the item before it zero times or once".to_owned(),
            (0, None) => "Matches the item before it zero or more times".to_owned(),
            (1, None) => "Matches the item before it one or more times".to_owned(),
            (n, None) => format!("Matches the item before it at least {}", times(n)),
            (n, Some(m)) if n == m => format!("Matches the item before it exactly {}", times(n)),
            (n, Some(m)) => format!("Matches the item before it between {n} and {m} times"),
        };
        if target.quoted {
            how.push_str(" (after \\Q…\\E, only its last character is repeated)");
        }
        let manner_words = if max == Some(min) {
            " (a fixed count, so greedy or lazy makes no difference)".to_owned()
        } else {
            match manner {
                Manner::Possessive => ", as many times as possible, and possessively: it never gives back what it matched, even if the rest of the pattern then fails (like an atomic group)".to_owned(),
                Manner::Greedy if self.opts.ungreedy => ", as few times as possible (lazy, because the U option makes quantifiers lazy unless followed by ?)".to_owned(),
                Manner::Lazy if self.opts.ungreedy => ", as many times as possible (greedy: with the U option a trailing ? makes a quantifier greedy)".to_owned(),
                Manner::Greedy => ", as many times as possible (greedy), giving back one at a time if the rest does not match".to_owned(),
                Manner::Lazy => ", as few times as possible (lazy), taking more only if the rest does not match".to_owned(),
            }
        };
        let mut notes = String::new();
        if source.starts_with("{,") {
            notes.push_str(" PCRE2 reads {,n} as {0,n} since 10.43 (the fancy flavour too); older PCRE2 (PHP before 8.4) and ecmascript without the u flag read it as literal text, and the rust flavour refuses it.");
        }
        if manner == Manner::Possessive {
            notes.push_str(
                " The fancy flavour has possessive quantifiers too; ecmascript refuses them.",
            );
        }
        let mut node = node(
            self.pattern,
            target.node.start,
            self.at,
            "quantifier",
            format!("{how}{manner_words}.{notes}"),
        );
        node.children.push(target.node);
        node.children.extend(trivia);
        // A quantifier cannot follow a quantifier: PCRE2 refuses `a{2}{3}` and `a**`.
        plain(node)
    }
}

/// A counted repetition `{n}`, `{n,}`, `{n,m}` or `{,m}` at the start of `text`, with spaces and tabs allowed
/// inside (PCRE2 10.43): its bounds and length.
fn braces(text: &str) -> Option<(u32, Option<u32>, usize)> {
    let close = text.find('}')?;
    let inner = text.get(1..close)?;
    let number = |part: &str| -> Option<Option<u32>> {
        let part = part.trim_matches([' ', '\t']);
        if part.is_empty() {
            return Some(None);
        }
        if !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        part.parse().ok().map(Some)
    };
    let (min, max) = match inner.split_once(',') {
        Some((low, high)) => {
            let (low, high) = (number(low)?, number(high)?);
            if low.is_none() && high.is_none() {
                return None;
            }
            (low.unwrap_or(0), high)
        }
        None => {
            let n = number(inner)??;
            (n, Some(n))
        }
    };
    Some((min, max, close + 1))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Manner {
    Greedy,
    Lazy,
    Possessive,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Quantifier {
    pub(super) start: usize,
    min: u32,
    max: Option<u32>,
    manner: Manner,
}
