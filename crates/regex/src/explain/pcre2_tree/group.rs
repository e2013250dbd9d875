//! Groups opened by `(`: capturing, named, non-capturing, atomic, branch-reset, lookaround, subroutine calls and
//! callouts, each read through its `)`; conditionals, verbs and option settings are handed to their modules.

use super::{Item, Reader, node, plain, plain_repeatable};

/// Groups nested deeper than this are described as one node (PCRE2's own default nesting limit is 250).
const MAX_DEPTH: usize = 250;

impl Reader<'_> {
    pub(super) fn group(&mut self) -> Item {
        let start = self.at;
        if self.depth >= MAX_DEPTH {
            self.skip_group();
            return plain(self.node(
                start,
                "other",
                "A group nested too deeply to explain part by part.".into(),
            ));
        }
        if self.rest().starts_with("(*") {
            return self.star_group();
        }
        if !self.rest().starts_with("(?") {
            self.bump();
            if self.opts.no_auto_capture {
                return self.contents(start, "group", "Group (not capturing, because the n option is on): groups its contents without remembering the text. In the other flavours (…) always captures.".into(), None);
            }
            self.groups += 1;
            let n = self.groups;
            return self.contents(start, "group", format!("Capturing group #{n}: matches its contents and remembers the text as group {n}."), None);
        }
        self.at += 2;
        let Some(c) = self.peek() else {
            return plain(self.node(
                start,
                "other",
                "An unfinished group (PCRE2 refuses it).".into(),
            ));
        };
        match c {
            ':' => {
                self.bump();
                self.contents(
                    start,
                    "group",
                    "Non-capturing group: groups its contents without remembering the text.".into(),
                    None,
                )
            }
            '|' => {
                self.bump();
                let base = self.groups;
                self.contents(start, "group", format!("Branch-reset group: every alternative numbers its capturing groups from the same number (#{}), so a group's number says which group of the matching alternative it is; after the group, numbering goes on from the highest number any alternative used. Only PCRE2 has branch reset here: the other flavours refuse (?|.", base + 1), Some(base))
            }
            '>' => {
                self.bump();
                self.contents(start, "group", ATOMIC.into(), None)
            }
            '=' | '!' => {
                self.bump();
                self.contents(start, "lookaround", lookaround(c == '=', true, false), None)
            }
            '*' => {
                self.bump();
                self.contents(start, "lookaround", lookaround(true, true, true), None)
            }
            '<' if matches!(self.peek_at(1), Some('=' | '!' | '*')) => {
                self.bump();
                let c = self.bump().unwrap_or('=');
                self.contents(start, "lookaround", lookaround(c != '!', false, c == '*'), None)
            }
            '<' | '\'' => {
                let close = if c == '<' { '>' } else { '\'' };
                let name = self.delimited(close).to_owned();
                let spelling = if c == '<' {
                    " The rust, fancy and ecmascript flavours spell it the same way."
                } else {
                    " (Perl's quoted spelling; the fancy flavour accepts it too, the rust flavour and ecmascript do not.)"
                };
                self.named(start, &name, spelling)
            }
            'P' => {
                self.bump();
                match self.bump() {
                    Some('<') => {
                        let name = self.until('>').to_owned();
                        self.eat(">");
                        self.named(start, &name, " (Python's spelling (?P<name>…); the rust and fancy flavours accept it too, ecmascript does not.)")
                    }
                    Some('=') => {
                        let name = self.until(')').to_owned();
                        self.eat(")");
                        let case = self.case_note();
                        plain_repeatable(self.node(start, "backreference", format!("Backreference by name (Python's spelling): matches the same text the group named \"{name}\"{} last captured{case}.", self.number_of(&name))))
                    }
                    Some('>') => {
                        let name = self.until(')').to_owned();
                        self.eat(")");
                        plain_repeatable(self.node(
                            start,
                            "subroutine",
                            self.call_words(&name, "Python's spelling (?P>name)"),
                        ))
                    }
                    _ => {
                        self.until(')');
                        self.eat(")");
                        plain(self.node(start, "other", "A (?P… group PCRE2 does not know.".into()))
                    }
                }
            }
            'R' | '0'..='9' | '+' | '-' | '&' if self.is_call() => {
                let amp = self.eat("&");
                let target = self.until(')').to_owned();
                self.eat(")");
                let mut description = self.call_words(
                    &target,
                    match (amp, target.as_str()) {
                        (true, _) => "(?&name)",
                        (false, "R") => "(?R)",
                        _ => "PCRE2's (?n) spelling",
                    },
                );
                if target == "R" {
                    description.push_str(" In the rust flavour (?R) is instead the CRLF option.");
                }
                plain_repeatable(self.node(start, "subroutine", description))
            }
            '(' => self.conditional(start),
            'C' => {
                self.bump();
                self.callout_argument();
                self.eat(")");
                plain(self.node(start, "callout", "A callout: PCRE2 calls a function of the program here (PHP sets none, and neither does the tester, so it does nothing).".into()))
            }
            _ => self.options(start),
        }
    }

    /// After `(?`: a subroutine call `(?R)`, `(?1)`, `(?+1)`, `(?-1)`, `(?&name)` rather than options `(?-i)`.
    fn is_call(&self) -> bool {
        let rest = self.rest();
        if rest.starts_with('&') || rest.starts_with("R)") {
            return true;
        }
        let digits = rest.strip_prefix(['+', '-']).unwrap_or(rest);
        digits.starts_with(|c: char| c.is_ascii_digit())
    }

    fn named(&mut self, start: usize, name: &str, spelling: &str) -> Item {
        self.groups += 1;
        let n = self.groups;
        if !self.names.iter().any(|(known, _)| known == name) {
            self.names.push((name.to_owned(), n));
        }
        self.contents(start, "group", format!("Named capturing group \"{name}\" (#{n}): matches its contents and remembers the text under that name and number.{spelling}"), None)
    }

    /// The contents of a group whose opener has been read, through its `)`; options set inside end with it.
    pub(super) fn contents(
        &mut self,
        start: usize,
        kind: &'static str,
        description: String,
        reset: Option<usize>,
    ) -> Item {
        let saved = self.opts;
        self.depth += 1;
        let content_start = self.at;
        let mut children = self.alternation(reset);
        if children.is_empty() {
            children.push(node(
                self.pattern,
                content_start,
                self.at,
                "empty",
                "Matches the empty string (nothing at all), so it always succeeds.".into(),
            ));
        }
        self.eat(")");
        self.depth -= 1;
        self.opts = saved;
        let mut group = self.node(start, kind, description);
        group.children = children;
        plain_repeatable(group)
    }

    fn skip_group(&mut self) {
        let mut open = 0usize;
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    self.bump();
                }
                '(' => open += 1,
                ')' => {
                    open = open.saturating_sub(1);
                    if open == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    /// The argument of a callout `(?C…)`: a number or a delimited string.
    fn callout_argument(&mut self) {
        match self.peek() {
            Some(c) if c.is_ascii_digit() => {
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.bump();
                }
            }
            Some(open @ ('`' | '\'' | '"' | '^' | '%' | '#' | '$' | '{')) => {
                let close = if open == '{' { '}' } else { open };
                self.bump();
                while let Some(c) = self.bump() {
                    if c == close {
                        if self.peek() == Some(close) {
                            self.bump();
                        } else {
                            break;
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

pub(super) const ATOMIC: &str = "Atomic group: once its contents have matched, PCRE2 never backtracks into it to try another way (the other alternatives and shorter repeats inside are thrown away). The fancy flavour has atomic groups too; rust and ecmascript refuse them.";

pub(super) fn lookaround(positive: bool, ahead: bool, non_atomic: bool) -> String {
    let what = match (positive, ahead) {
        (true, true) => "Positive lookahead: its contents must match here, without consuming text.",
        (false, true) => "Negative lookahead: its contents must not match here.",
        (true, false) => {
            "Positive lookbehind: its contents must match just before this point, without consuming text."
        }
        (false, false) => {
            "Negative lookbehind: its contents must not match just before this point."
        }
    };
    let mut text = what.to_owned();
    if non_atomic {
        text.push_str(" Non-atomic: if the rest of the pattern fails, PCRE2 may backtrack into it and try another way of matching it (ordinary assertions are atomic).");
    }
    if !ahead {
        text.push_str(" PCRE2 needs each alternative of a lookbehind to have a limited length; the fancy flavour and ecmascript allow any length.");
    }
    text
}
