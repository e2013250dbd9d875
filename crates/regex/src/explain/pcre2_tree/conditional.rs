//! Conditional groups `(?(condition)yes|no)`, and `(?(DEFINE)…)`, which defines groups to be called elsewhere.

use super::{Item, Reader, plain_repeatable};
use crate::explain::lowercase_first;

impl Reader<'_> {
    /// `(?(condition)yes|no)`.
    pub(super) fn conditional(&mut self, start: usize) -> Item {
        let condition_start = self.at;
        let saved = self.opts;
        self.depth += 1;
        let (condition, define) = if matches!(self.peek_at(1), Some('?' | '*')) {
            let first = self.group().node;
            // A callout may stand before the assertion (pcre2pattern, "Assertion conditions").
            if first.kind == "callout"
                && (self.rest().starts_with("(?") || self.rest().starts_with("(*"))
            {
                let assertion = self.group().node;
                let description = format!(
                    "The condition, an assertion with a callout before it: {}",
                    lowercase_first(&assertion.description)
                );
                let mut condition = self.node(condition_start, "lookaround", description);
                condition.children = vec![first, assertion];
                (condition, false)
            } else {
                let description =
                    format!("The condition, an assertion: {}", lowercase_first(&first.description));
                let mut condition = first;
                condition.description = description;
                (condition, false)
            }
        } else {
            self.bump();
            let text = self.until(')').to_owned();
            self.eat(")");
            let trimmed = text.trim();
            let define = trimmed == "DEFINE";
            let description = if define {
                "DEFINE: the condition is always false and there is no second branch; the group defines groups to be called as subroutines elsewhere, and matches nothing here.".to_owned()
            } else if let Some(rest) = trimmed.strip_prefix("R&") {
                format!(
                    "The condition: true inside a recursion or subroutine call into the group named \"{rest}\"{}.",
                    self.number_of(rest)
                )
            } else if trimmed == "R" {
                "The condition: true inside any recursion or subroutine call.".to_owned()
            } else if let Some(n) =
                trimmed.strip_prefix('R').filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
            {
                format!("The condition: true when the most recent recursion is into group {n}.")
            } else if trimmed.starts_with("VERSION") {
                "The condition: a comparison with the PCRE2 version (10.46 here).".to_owned()
            } else {
                let reference =
                    trimmed.trim_start_matches('<').trim_end_matches('>').trim_matches('\'');
                format!(
                    "The condition: true when {} has captured something.",
                    self.group_words(reference)
                )
            };
            (self.node(condition_start, "condition", description), define)
        };
        let branches = self.branches(None);
        self.eat(")");
        self.depth -= 1;
        self.opts = saved;
        let mut children = vec![condition];
        let labels = ["If the condition holds", "Otherwise"];
        for (i, (bstart, bend, nodes)) in branches.into_iter().enumerate() {
            let label =
                labels.get(i).copied().unwrap_or("An extra branch (PCRE2 refuses more than two)");
            let label = if define { "The definitions" } else { label };
            children.push(self.branch(bstart, bend, nodes, label));
        }
        let description = if define {
            "DEFINE group: defines groups for use as subroutines ((?&name), (?1)); it matches nothing where it stands.".to_owned()
        } else {
            "Conditional group: matches the first branch when the condition holds, otherwise the second (or nothing, if there is none).".to_owned()
        };
        let mut group = self.node(start, "group", description);
        group.children = children;
        plain_repeatable(group)
    }
}
