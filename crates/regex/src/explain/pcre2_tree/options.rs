//! Inline option settings `(?i)`, `(?-m)`, `(?^)` and the scoped `(?i:…)`, and the note the caseless option adds
//! to descriptions of letters.

use super::{Item, Reader, plain};

impl Reader<'_> {
    /// What a description of letters adds while the caseless option (i) is on.
    pub(super) fn case_note(&self) -> &'static str {
        if self.opts.caseless { ", ignoring case (the i option is on)" } else { "" }
    }

    /// Option settings `(?i)`, `(?i-m)`, `(?^)`, or scoped `(?i:…)`.
    pub(super) fn options(&mut self, start: usize) -> Item {
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
