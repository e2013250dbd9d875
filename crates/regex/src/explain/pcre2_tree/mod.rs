//! The pcre2 flavour's explanation tree: a recursive-descent reader of PCRE2's pattern syntax (pcre2pattern(3),
//! pcre2syntax(3), as in the bundled PCRE2 10.46), naming each construct in PCRE2's terms, with one sentence where
//! the same syntax means something else in another flavour of the tester.
//!
//! The reader runs on patterns PCRE2 has compiled, but it is total: any text gives a tree (syntax it does not
//! know becomes an `other` node), every node's span lies inside its parent's, on character boundaries, children in
//! order. The tester compiles with PCRE2_UTF and PCRE2_UCP (PHP's `u` modifier), so `\d`, `\w`, `\s`, `\b` and
//! the POSIX classes use Unicode properties; the descriptions say so.

use super::words::{char_name, general_category, quoted, times};
use super::{Node, lowercase_first};
use crate::flags::Flags;

/// Groups nested deeper than this are described as one node (PCRE2's own default nesting limit is 250).
const MAX_DEPTH: usize = 250;

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

impl<'a> Reader<'a> {
    fn new(pattern: &'a str, flags: Flags, names: Vec<(String, usize)>) -> Reader<'a> {
        let opts = Opts {
            caseless: flags.case_insensitive,
            multiline: flags.multi_line,
            dotall: flags.dot_matches_new_line,
            extended: flags.ignore_whitespace,
            extended_more: false,
            no_auto_capture: flags.no_auto_capture,
            ungreedy: flags.swap_greed,
        };
        Reader { pattern, at: 0, opts, groups: 0, names, depth: 0 }
    }

    fn rest(&self) -> &'a str {
        self.pattern.get(self.at..).unwrap_or_default()
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.rest().chars().nth(n)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, text: &str) -> bool {
        if self.rest().starts_with(text) {
            self.at += text.len();
            true
        } else {
            false
        }
    }

    /// Reads up to (not past) the first `stop`, or to the end.
    fn until(&mut self, stop: char) -> &'a str {
        let rest = self.rest();
        let len = rest.find(stop).unwrap_or(rest.len());
        self.at += len;
        &rest[..len]
    }

    fn node(&self, start: usize, kind: &'static str, description: String) -> Node {
        node(self.pattern, start, self.at, kind, description)
    }

    fn root(&mut self) -> Vec<Node> {
        let nodes = self.alternation(None);
        if nodes.is_empty() {
            let description = "The empty pattern matches the empty string at every position.";
            return vec![node(self.pattern, 0, self.pattern.len(), "empty", description.into())];
        }
        nodes
    }

    /// Branches separated by `|` up to a `)` or the end: the contents of a group or of the pattern. With
    /// `reset`, each branch numbers its groups from that number on (a branch-reset group).
    fn alternation(&mut self, reset: Option<usize>) -> Vec<Node> {
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

    fn branches(&mut self, reset: Option<usize>) -> Vec<(usize, usize, Vec<Node>)> {
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
    fn branch(&self, start: usize, end: usize, mut nodes: Vec<Node>, label: &str) -> Node {
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

    fn case_note(&self) -> &'static str {
        if self.opts.caseless { ", ignoring case (the i option is on)" } else { "" }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Quantifiers

    /// A quantifier at the current place, read and consumed.
    fn quantifier(&mut self) -> Option<Quantifier> {
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

    fn quantified(&self, target: Item, trivia: Vec<Node>, quantifier: Quantifier) -> Item {
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

    // -----------------------------------------------------------------------------------------------------------
    // Atoms

    fn atom(&mut self) -> Item {
        let start = self.at;
        let Some(c) = self.peek() else {
            return plain(self.node(start, "empty", "Nothing.".into()));
        };
        match c {
            '(' => self.group(),
            '[' => plain_repeatable(self.class()),
            '\\' => self.escape_item(),
            '.' => {
                self.bump();
                let description = if self.opts.dotall {
                    "Matches any character, including newlines (the s option is on).".to_owned()
                } else {
                    "Matches any character except a newline (a line feed by default; a leading (*CRLF), (*ANY) and the like change what a newline is); turn on the s option to include it.".to_owned()
                };
                plain_repeatable(self.node(start, "dot", description))
            }
            '^' => {
                self.bump();
                let description = if self.opts.multiline {
                    "Anchor: the start of a line, that is the start of the text or just after a newline inside it, because the m option is on."
                } else {
                    "Anchor: the start of the text (turn on the m option to match at the start of every line)."
                };
                plain(self.node(
                    start,
                    "anchor",
                    format!("{description} It matches a position, not a character."),
                ))
            }
            '$' => {
                self.bump();
                let description = if self.opts.multiline {
                    "Anchor: the end of a line, that is just before a newline or at the end of the text, because the m option is on. It matches a position, not a character."
                } else {
                    "Anchor: the end of the text, or just before a newline that ends the text (turn on the m option to match at the end of every line). It matches a position, not a character. In the rust, fancy and ecmascript flavours $ without m matches only at the very end."
                };
                plain(self.node(start, "anchor", description.into()))
            }
            ')' => {
                self.bump();
                plain(self.node(
                    start,
                    "other",
                    "A closing parenthesis with no group open (PCRE2 refuses it).".into(),
                ))
            }
            c => {
                self.bump();
                let case = if c.is_alphabetic() { self.case_note() } else { "" };
                let node = self.node(start, "literal", format!("Matches {}{case}.", char_name(c)));
                Item { node, literal: Some(c), repeatable: true, quoted: false }
            }
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Escapes

    fn escape_item(&mut self) -> Item {
        let start = self.at;
        if self.rest().starts_with("\\Q") {
            self.at += 2;
            let rest = self.rest();
            let len = rest.find("\\E").unwrap_or(rest.len());
            let text = &rest[..len];
            self.at += len;
            self.eat("\\E");
            let case = if text.chars().any(char::is_alphabetic) { self.case_note() } else { "" };
            let description = format!(
                "Quotation: everything between \\Q and \\E is matched literally, here the text {}{case}. The rust and fancy flavours refuse \\Q.",
                quoted(text)
            );
            let node = self.node(start, "literal", description);
            return Item { node, literal: None, repeatable: true, quoted: true };
        }
        let escape = self.escape(false);
        let node = self.node(start, escape.kind, escape.description);
        Item { node, literal: escape.literal, repeatable: escape.repeatable, quoted: false }
    }

    /// The escape at the backslash here, outside or inside a character class.
    fn escape(&mut self, in_class: bool) -> Escape {
        self.bump();
        let Some(c) = self.bump() else {
            return Escape::other("A backslash at the end of the pattern (PCRE2 refuses it).");
        };
        let case = if self.opts.caseless { self.case_note() } else { "" };
        match c {
            'd' | 'D' | 'w' | 'W' | 's' | 'S' | 'h' | 'H' | 'v' | 'V' => {
                Escape::class(type_escape(c))
            }
            'N' if self.peek() == Some('{') => {
                let inner = self.braced();
                let value = inner.trim().strip_prefix("U+").and_then(|hex| u32::from_str_radix(hex, 16).ok());
                self.code_point(value, "a Unicode code point escape \\N{U+…}")
            }
            'N' if !in_class => Escape::class(
                "Any character except a newline, whatever the s option says. The rust flavour refuses \\N.".into(),
            ),
            'R' if !in_class => Escape::class(
                "Any line break (PCRE2's \\R): \\r\\n as one, or one of \\n, \\r, \\x0b, \\f, \\x85, U+2028, U+2029 (a leading (*BSR_ANYCRLF) limits it to \\r, \\n and \\r\\n). The fancy flavour has \\R too; the rust flavour refuses it; ecmascript without the u flag reads \\R as the letter R.".into(),
            ),
            'X' if !in_class => Escape::class(
                "An extended grapheme cluster: one user-perceived character, such as a letter with its combining accents or an emoji sequence. The rust and fancy flavours refuse \\X; ecmascript without the u flag reads it as the letter X.".into(),
            ),
            'C' if !in_class => Escape::class(
                "One code unit (one byte here, since the text is UTF-8), even in the middle of a character; it can split a character and is best avoided.".into(),
            ),
            'p' | 'P' => {
                let name = if self.peek() == Some('{') {
                    self.braced().to_owned()
                } else {
                    self.bump().map(String::from).unwrap_or_default()
                };
                Escape::class(property(&name, c == 'P'))
            }
            'x' => {
                if self.peek() == Some('{') {
                    let inner = self.braced();
                    let value = u32::from_str_radix(inner.trim(), 16).ok();
                    let mut escape = self.code_point(value, "a hexadecimal escape");
                    escape.description.push_str(" In ecmascript without the u flag, \\x{…} is the letter x followed by a quantifier: \\x{41} there is x repeated 41 times.");
                    escape
                } else {
                    let digits = self.rest().bytes().take(2).take_while(u8::is_ascii_hexdigit).count();
                    let hex = &self.rest()[..digits];
                    self.at += digits;
                    let value = if hex.is_empty() { Some(0) } else { u32::from_str_radix(hex, 16).ok() };
                    self.code_point(value, "a hexadecimal escape")
                }
            }
            'o' if self.peek() == Some('{') => {
                let inner = self.braced();
                let value = u32::from_str_radix(inner.trim(), 8).ok();
                self.code_point(value, "an octal escape \\o{…}")
            }
            '0' => {
                let digits = self.rest().bytes().take(2).take_while(|b| (b'0'..=b'7').contains(b)).count();
                let octal = &self.rest()[..digits];
                self.at += digits;
                let value = if octal.is_empty() { Some(0) } else { u32::from_str_radix(octal, 8).ok() };
                let mut escape = self.code_point(value, "an octal escape (\\0 and up to two more octal digits)");
                escape.description.push_str(" The rust and fancy flavours read \\0 as a backreference and refuse it.");
                escape
            }
            '1'..='9' => self.digit_escape(c, in_class),
            'c' => match self.bump() {
                Some(x) if x.is_ascii() => {
                    let value = u32::from(x.to_ascii_uppercase() as u8 ^ 0x40);
                    self.code_point(Some(value), "a control-character escape (\\cX: X with bit 6 flipped)")
                }
                _ => Escape::other("\\c followed by a character that is not ASCII (PCRE2 refuses it)."),
            },
            'a' => Escape::literal('\u{7}', "Matches the alarm (bell) character (\\a, U+0007)."),
            'e' => Escape::literal('\u{1b}', "Matches the escape character (\\e, U+001B). The rust flavour refuses \\e."),
            'f' => Escape::literal('\u{c}', "Matches a form feed (\\f, U+000C)."),
            'n' => Escape::literal('\n', "Matches a line feed, the usual newline (\\n, U+000A)."),
            'r' => Escape::literal('\r', "Matches a carriage return (\\r, U+000D)."),
            't' => Escape::literal('\t', "Matches a tab (\\t, U+0009)."),
            'b' if in_class => Escape::literal('\u{8}', "The backspace character (\\b inside a class, U+0008)."),
            'b' => Escape::anchor("Word boundary: a position with a word character (\\w) on one side and a non-word character or the edge of the text on the other. Word characters are Unicode ones here (PCRE2_UCP); in ecmascript \\b uses ASCII word characters only."),
            'B' => Escape::anchor("Not a word boundary: word characters on both sides or non-word characters on both sides (\\w is Unicode here)."),
            'A' => Escape::anchor("Anchor: the very start of the text, whatever the m option says."),
            'z' => Escape::anchor("Anchor: the very end of the text, whatever the m option says."),
            'Z' => Escape::anchor("Anchor: the end of the text, or just before a newline that ends it, whatever the m option says. The fancy flavour reads \\Z the same; the rust flavour refuses it; ecmascript without the u flag reads it as the letter Z."),
            'G' => Escape::anchor("Anchor: the position where this match attempt started (the end of the previous match when listing every match). The fancy flavour has \\G too; the rust flavour refuses it; ecmascript without the u flag reads it as the letter G."),
            'K' => Escape::anchor("Resets the start of the reported match to here: what came before must match but is left out of the match (PCRE2's \\K). The fancy flavour has \\K too; the rust flavour refuses it; ecmascript without the u flag reads it as the letter K."),
            'g' => self.g_escape(),
            'k' => {
                let name = match self.peek() {
                    Some('<') => self.delimited('>'),
                    Some('\'') => self.delimited('\''),
                    Some('{') => self.braced(),
                    _ => "",
                };
                let name = name.trim().to_owned();
                Escape::backreference(format!(
                    "Backreference by name: matches the same text the group named \"{name}\"{} last captured{case}.",
                    self.number_of(&name)
                ))
            }
            c if !c.is_ascii_alphanumeric() => {
                let description = if c.is_ascii() {
                    format!("Matches {} literally; the backslash removes any special meaning{case}.", char_name(c))
                } else {
                    format!("Matches {} literally{case}.", char_name(c))
                };
                Escape::literal(c, &description)
            }
            _ => Escape::other("An escape PCRE2 does not know (it refuses it)."),
        }
    }

    /// `\1`–`\9…`: a backreference, or an octal escape (pcre2pattern, "Non-printing characters").
    fn digit_escape(&mut self, first: char, in_class: bool) -> Escape {
        let digits_start = self.at - 1;
        let all = self.pattern[digits_start..].bytes().take_while(u8::is_ascii_digit).count();
        let number: usize =
            self.pattern[digits_start..digits_start + all].parse().unwrap_or(usize::MAX);
        let octal_len = self.pattern[digits_start..]
            .bytes()
            .take(3)
            .take_while(|b| (b'0'..=b'7').contains(b))
            .count();
        if in_class || !(number < 10 || first == '8' || first == '9' || number <= self.groups) {
            if octal_len == 0 {
                return Escape::literal(first, &format!("Matches {} literally.", char_name(first)));
            }
            self.at = digits_start + octal_len;
            let value = u32::from_str_radix(&self.pattern[digits_start..self.at], 8).ok();
            let mut escape = self.code_point(value, "an octal escape");
            escape.description.push_str(" (Outside a class, \\ and digits are a backreference when the number is below 10 or there are that many groups before it.)");
            return escape;
        }
        self.at = digits_start + all;
        let case = self.case_note();
        Escape::backreference(format!(
            "Backreference: matches the same text that group {number} last captured{case}. The rust flavour has no backreferences."
        ))
    }

    /// `\g…`: a backreference (`\g1`, `\g{-1}`, `\g{name}`) or a subroutine call (`\g<…>`, `\g'…'`).
    fn g_escape(&mut self) -> Escape {
        match self.peek() {
            Some('<') | Some('\'') => {
                let close = if self.peek() == Some('<') { '>' } else { '\'' };
                let target = self.delimited(close).trim().to_owned();
                Escape::subroutine(
                    self.call_words(&target, "Oniguruma's spelling \\g<…> or \\g'…'"),
                )
            }
            _ => {
                let reference = if self.peek() == Some('{') {
                    self.braced().trim().to_owned()
                } else {
                    let sign = usize::from(matches!(self.peek(), Some('-' | '+')));
                    let len =
                        sign + self.rest()[sign..].bytes().take_while(u8::is_ascii_digit).count();
                    let text = self.rest()[..len].to_owned();
                    self.at += len;
                    text
                };
                let case = self.case_note();
                Escape::backreference(format!(
                    "Backreference: matches the same text that {} last captured{case}.",
                    self.group_words(&reference)
                ))
            }
        }
    }

    /// "group 2", "the group named "x" (#1)", "group -1, the group 1 before this point (here group 3)".
    fn group_words(&self, reference: &str) -> String {
        if let Some(relative) = reference.strip_prefix('-') {
            let n: usize = relative.parse().unwrap_or(0);
            let absolute = (self.groups + 1).checked_sub(n).filter(|&g| g > 0 && n > 0);
            let which = if n == 1 {
                "the group opened most recently before this point".to_owned()
            } else {
                format!("the {} most recently opened group before this point", ordinal(n))
            };
            return match absolute {
                Some(g) => format!("{which} (here group {g})"),
                None => which,
            };
        }
        if let Some(relative) = reference.strip_prefix('+') {
            let n: usize = relative.parse().unwrap_or(0);
            return format!(
                "the {} group opened after this point (here group {})",
                ordinal(n),
                self.groups + n
            );
        }
        if reference.bytes().all(|b| b.is_ascii_digit()) && !reference.is_empty() {
            return format!("group {reference}");
        }
        format!("the group named \"{reference}\"{}", self.number_of(reference))
    }

    fn number_of(&self, name: &str) -> String {
        match self.names.iter().find(|(known, _)| known == name) {
            Some((_, number)) => format!(" (#{number})"),
            None => String::new(),
        }
    }

    fn call_words(&self, target: &str, spelling: &str) -> String {
        if target == "0" || target == "R" {
            return format!(
                "Recursion ({spelling}): the whole pattern again at this point, as a subroutine call."
            );
        }
        format!(
            "Subroutine call ({spelling}): matches the pattern of {} again at this point (not the text it captured); captures made inside the call are undone after it.",
            self.group_words(target)
        )
    }

    /// The text inside `{…}` starting here, consumed with the braces.
    fn braced(&mut self) -> &'a str {
        self.delimited('}')
    }

    /// The text between the opening character here and `close`, both consumed.
    fn delimited(&mut self, close: char) -> &'a str {
        self.bump();
        let inner = self.until(close);
        self.eat(&close.to_string());
        inner
    }

    fn code_point(&self, value: Option<u32>, how: &str) -> Escape {
        match value.and_then(char::from_u32) {
            Some(c) => {
                let case = if c.is_alphabetic() { self.case_note() } else { "" };
                Escape::literal(
                    c,
                    &format!(
                        "Matches {}, written as {how} (code point U+{:04X}){case}.",
                        char_name(c),
                        c as u32
                    ),
                )
            }
            None => Escape::other(&format!(
                "A character written as {how}, out of range (PCRE2 refuses it)."
            )),
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Character classes

    fn class(&mut self) -> Node {
        let start = self.at;
        for (text, description) in [
            ("[[:<:]]", "Start of a word (PCRE2's Spencer-compatible [[:<:]], like \\b(?=\\w))."),
            ("[[:>:]]", "End of a word (PCRE2's Spencer-compatible [[:>:]], like \\b(?<=\\w))."),
        ] {
            if self.eat(text) {
                return self.node(
                    start,
                    "anchor",
                    format!("{description} It matches a position, not a character."),
                );
            }
        }
        self.bump();
        let negated = self.eat("^");
        let mut children = Vec::new();
        let mut first = true;
        loop {
            if self.opts.extended_more {
                while matches!(self.peek(), Some(' ' | '\t')) {
                    self.bump();
                }
            }
            let item_start = self.at;
            let Some(c) = self.peek() else { break };
            if c == ']' && !first {
                self.bump();
                break;
            }
            first = false;
            let (item, low) = self.class_item();
            let Some(low) = low else {
                children.extend(item);
                continue;
            };
            // A range: a character, '-', a character (a '-' before ']' is literal).
            let rest = self.rest();
            if rest.starts_with('-')
                && !rest[1..].starts_with(']')
                && !rest[1..].starts_with("[:")
                && rest.len() > 1
            {
                let save = self.at;
                self.bump();
                let (_, high) = self.class_item();
                if let Some(high) = high {
                    let case = if low.is_alphabetic() || high.is_alphabetic() {
                        self.case_note()
                    } else {
                        ""
                    };
                    children.push(self.node(
                        item_start,
                        "range",
                        format!(
                            "A range: any character from {} to {} (code points U+{:04X} to U+{:04X}){case}.",
                            char_name(low),
                            char_name(high),
                            low as u32,
                            high as u32
                        ),
                    ));
                    continue;
                }
                self.at = save;
            }
            children.extend(item);
        }
        let description = if negated {
            "Character class: matches any one character that is NOT listed inside the brackets (a newline too)."
        } else {
            "Character class: matches any one character listed inside the brackets."
        };
        let mut class = self.node(start, "class", format!("{description}{}", self.case_note()));
        class.children = children;
        class
    }

    /// One item of a class and, when it is a single character, that character.
    fn class_item(&mut self) -> (Option<Node>, Option<char>) {
        let start = self.at;
        let rest = self.rest();
        if let Some(posix) = posix_class(rest) {
            self.at += posix.len;
            return (Some(self.node(start, "class", posix.description)), None);
        }
        if rest.starts_with("\\Q") {
            self.at += 2;
            let inner = self.rest();
            let len = inner.find("\\E").unwrap_or(inner.len());
            self.at += len;
            self.eat("\\E");
            let description =
                format!("Quoted characters, each one listed literally: {}.", quoted(&inner[..len]));
            return (Some(self.node(start, "literal", description)), None);
        }
        if rest.starts_with("\\E") {
            self.at += 2;
            return (
                Some(self.node(start, "comment", "\\E with no \\Q before it: ignored.".into())),
                None,
            );
        }
        if rest.starts_with('\\') {
            let escape = self.escape(true);
            let kind = if escape.kind == "anchor" { "other" } else { escape.kind };
            return (Some(self.node(start, kind, escape.description)), escape.literal);
        }
        let Some(c) = self.bump() else { return (None, None) };
        (Some(self.node(start, "literal", class_char(c))), Some(c))
    }

    // -----------------------------------------------------------------------------------------------------------
    // Groups

    fn group(&mut self) -> Item {
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
    fn contents(
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

    /// `(*…)`: a verb, a start-of-pattern option, or an assertion or atomic group spelt with a name.
    fn star_group(&mut self) -> Item {
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

    /// `(?(condition)yes|no)`.
    fn conditional(&mut self, start: usize) -> Item {
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

    /// Option settings `(?i)`, `(?i-m)`, `(?^)`, or scoped `(?i:…)`.
    fn options(&mut self, start: usize) -> Item {
        let before = self.opts;
        let mut on = true;
        let mut said: Vec<String> = Vec::new();
        while let Some(c) = self.bump() {
            let word = match c {
                ')' => {
                    let words = said.join(", ");
                    return plain(self.node(
                        start,
                        "flags",
                        format!(
                            "Sets options from here to the end of the enclosing group: {words}."
                        ),
                    ));
                }
                ':' => {
                    let words = said.join(", ");
                    let description =
                        format!("Non-capturing group with options for its contents only: {words}.");
                    let group = self.contents(start, "group", description, None);
                    self.opts = before;
                    return group;
                }
                '^' => {
                    self.opts.caseless = false;
                    self.opts.multiline = false;
                    self.opts.no_auto_capture = false;
                    self.opts.dotall = false;
                    self.opts.extended = false;
                    self.opts.extended_more = false;
                    said.push("caseless (i), multi-line (m), no auto-capture (n), dot-all (s) and extended (x) off (^)".to_owned());
                    continue;
                }
                '-' => {
                    on = false;
                    continue;
                }
                'i' => {
                    self.opts.caseless = on;
                    "caseless (i)".to_owned()
                }
                'm' => {
                    self.opts.multiline = on;
                    "multi-line (m)".to_owned()
                }
                's' => {
                    self.opts.dotall = on;
                    "dot-all (s)".to_owned()
                }
                'n' => {
                    self.opts.no_auto_capture = on;
                    "no auto-capture (n)".to_owned()
                }
                'U' => {
                    self.opts.ungreedy = on;
                    "ungreedy (U)".to_owned()
                }
                'J' => "duplicate names (J)".to_owned(),
                'x' if self.peek() == Some('x') => {
                    self.bump();
                    self.opts.extended = on;
                    self.opts.extended_more = on;
                    "extended more (xx: white space ignored, in classes too)".to_owned()
                }
                'x' => {
                    self.opts.extended = on;
                    self.opts.extended_more = false;
                    "extended (x)".to_owned()
                }
                'a' => match self.peek() {
                    Some(letter @ ('D' | 'S' | 'W' | 'P' | 'T')) => {
                        self.bump();
                        let what = match letter {
                            'D' => "\\d",
                            'S' => "\\s",
                            'W' => "\\w",
                            'P' => "the POSIX classes",
                            _ => "the POSIX classes [:digit:] and [:xdigit:]",
                        };
                        format!("ASCII-only {what} (a{letter})")
                    }
                    _ => "ASCII-only \\d, \\s, \\w and POSIX classes (a)".to_owned(),
                },
                'r' => {
                    "caseless restricted: in caseless matching, ASCII and non-ASCII letters never match each other (r)"
                        .to_owned()
                }
                _ => {
                    self.until(')');
                    self.eat(")");
                    return plain(self.node(
                        start,
                        "other",
                        "An option setting PCRE2 does not know.".into(),
                    ));
                }
            };
            said.push(format!("{word} {}", if on { "on" } else { "off" }));
        }
        plain(self.node(start, "other", "An unfinished option setting.".into()))
    }
}

const ATOMIC: &str = "Atomic group: once its contents have matched, PCRE2 never backtracks into it to try another way (the other alternatives and shorter repeats inside are thrown away). The fancy flavour has atomic groups too; rust and ecmascript refuse them.";

fn lookaround(positive: bool, ahead: bool, non_atomic: bool) -> String {
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

/// `\d \D \w \W \s \S \h \H \v \V`.
fn type_escape(c: char) -> String {
    match c {
        'd' => "Any decimal digit: a Unicode decimal digit (\\p{Nd}), since the tester compiles with PCRE2_UCP as PHP's u modifier does (without UCP, PCRE2's \\d is ASCII 0-9 only). In ecmascript \\d is ASCII 0-9 only.",
        'D' => "Any character that is not a decimal digit (\\p{Nd}, with UCP). In ecmascript \\D is anything but ASCII 0-9.",
        'w' => "Any word character: a Unicode letter, number, non-spacing mark or connector punctuation such as _ (with PCRE2_UCP, as here). In ecmascript \\w is ASCII [A-Za-z0-9_] only.",
        'W' => "Any character that is not a word character (\\w, Unicode with UCP). In ecmascript \\W is anything but ASCII [A-Za-z0-9_].",
        's' => "Any white space character: space, tab, line breaks and Unicode spaces (with PCRE2_UCP, as here).",
        'S' => "Any character that is not white space (\\s).",
        'h' => "Any horizontal white space character: tab, space, no-break space and the other Unicode space separators (PCRE2's \\h). In the fancy flavour \\h is a hexadecimal digit; the rust flavour refuses it; ecmascript without the u flag reads it as the letter h.",
        'H' => "Any character that is not horizontal white space (\\h). In the fancy flavour \\H is a non-hexadecimal-digit; the rust flavour refuses it.",
        'v' => "Any vertical white space character: line feed, vertical tab, form feed, carriage return, U+0085, U+2028, U+2029 (PCRE2's \\v). In the rust and fancy flavours and in ecmascript, \\v is only the vertical tab (U+000B).",
        _ => "Any character that is not vertical white space (\\v).",
    }
    .to_owned()
}

/// `\p{…}` / `\P{…}`: a Unicode property, script or general category (`^` inside the braces negates).
fn property(name: &str, negated: bool) -> String {
    let trimmed = name.trim();
    let (negated, trimmed) = match trimmed.strip_prefix('^') {
        Some(rest) => (!negated, rest.trim()),
        None => (negated, trimmed),
    };
    let what = match trimmed {
        "Any" => "at all (the property Any)".to_owned(),
        "L&" | "Lc" => "that is a cased letter (Lu, Ll or Lt)".to_owned(),
        "Xan" => "that is alphanumeric (PCRE2's Xan: a letter or number)".to_owned(),
        "Xps" | "Xsp" => "that is white space (PCRE2's Xps/Xsp)".to_owned(),
        "Xwd" => "that is a word character (PCRE2's Xwd)".to_owned(),
        "Xuc" => "that can be written as a universal character name (PCRE2's Xuc)".to_owned(),
        other => match general_category(other) {
            Some(meaning) => format!("in the Unicode general category {other} ({meaning})"),
            None => format!("with the Unicode property or script {other}"),
        },
    };
    if negated { format!("Any character NOT {what}.") } else { format!("Any character {what}.") }
}

struct Posix {
    len: usize,
    description: String,
}

/// `[:name:]` or `[:^name:]` inside a class, with what it matches under PCRE2_UCP.
fn posix_class(rest: &str) -> Option<Posix> {
    let inner = rest.strip_prefix("[:")?;
    let close = inner.find(":]")?;
    let body = &inner[..close];
    let (negated, name) = match body.strip_prefix('^') {
        Some(name) => (true, name),
        None => (false, body),
    };
    let what = match name {
        "alnum" => "Unicode letters and numbers (\\p{Xan})",
        "alpha" => "Unicode letters (\\p{L})",
        "ascii" => "ASCII characters (U+0000 to U+007F)",
        "blank" => "horizontal white space (\\h)",
        "cntrl" => "control characters",
        "digit" => "Unicode decimal digits (\\p{Nd})",
        "graph" => "visible characters (neither white space nor control characters)",
        "lower" => "Unicode lowercase letters (\\p{Ll})",
        "print" => "visible characters and spaces",
        "punct" => "punctuation",
        "space" => "Unicode white space (\\p{Xps})",
        "upper" => "Unicode uppercase letters (\\p{Lu})",
        "word" => "word characters (\\w, Unicode here)",
        "xdigit" => {
            "hexadecimal digits 0-9, A-F and a-f (with UCP, as here, their fullwidth forms too)"
        }
        _ => return None,
    };
    let description = if negated {
        format!("POSIX class [:^{name}:]: any character except {what}.")
    } else {
        format!("POSIX class [:{name}:]: {what}.")
    };
    Some(Posix {
        len: 2 + close + 2,
        description: format!(
            "{description} With PCRE2_UCP (as here) most POSIX classes use Unicode properties; in the rust and fancy flavours they are ASCII only, and ecmascript has none ([[:alpha:]] there is a class of [, :, a, l, p, h followed by a literal ])."
        ),
    })
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
struct Quantifier {
    start: usize,
    min: u32,
    max: Option<u32>,
    manner: Manner,
}

struct Escape {
    kind: &'static str,
    description: String,
    literal: Option<char>,
    repeatable: bool,
}

impl Escape {
    fn new(kind: &'static str, description: String, repeatable: bool) -> Escape {
        Escape { kind, description, literal: None, repeatable }
    }
    fn class(description: String) -> Escape {
        Escape::new("class", description, true)
    }
    fn anchor(description: &str) -> Escape {
        Escape::new(
            "anchor",
            format!("{description} It matches a position, not a character."),
            false,
        )
    }
    fn other(description: &str) -> Escape {
        Escape::new("other", description.to_owned(), false)
    }
    fn backreference(description: String) -> Escape {
        Escape::new("backreference", description, true)
    }
    fn subroutine(description: String) -> Escape {
        Escape::new("subroutine", description, true)
    }
    fn literal(c: char, description: &str) -> Escape {
        Escape {
            kind: "literal",
            description: description.to_owned(),
            literal: Some(c),
            repeatable: true,
        }
    }
}

fn plain(node: Node) -> Item {
    Item { node, literal: None, repeatable: false, quoted: false }
}

fn plain_repeatable(node: Node) -> Item {
    Item { node, literal: None, repeatable: true, quoted: false }
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

fn ordinal(n: usize) -> String {
    match n {
        1 => "first".to_owned(),
        2 => "second".to_owned(),
        3 => "third".to_owned(),
        n => format!("{n}th"),
    }
}

/// A character listed in a class: "The character "a".", "A space.".
fn class_char(c: char) -> String {
    let name = char_name(c);
    if name.starts_with('"') {
        return format!("The character {name}.");
    }
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => name,
    }
}
