//! Colour for a terminal, and nothing else: plain text when the stream is not a terminal or `NO_COLOR` is set.
//! Escaping text from the input does not depend on the stream: that is `escape.rs`'s job.

use std::io::IsTerminal;

/// How to print for one output stream.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    colour: bool,
    terminal: bool,
}

impl Style {
    /// The style for standard output.
    pub fn stdout() -> Style {
        Style::detect(std::io::stdout().is_terminal())
    }

    /// The style for standard error.
    pub fn stderr() -> Style {
        Style::detect(std::io::stderr().is_terminal())
    }

    /// Colour on a terminal, unless `NO_COLOR` is set (no-color.org); `CLICOLOR_FORCE` turns it on elsewhere.
    fn detect(terminal: bool) -> Style {
        let set = |name: &str| std::env::var_os(name).is_some_and(|value| !value.is_empty());
        let colour = if set("NO_COLOR") {
            false
        } else {
            terminal
                || (set("CLICOLOR_FORCE") && std::env::var_os("CLICOLOR_FORCE") != Some("0".into()))
        };
        Style { colour, terminal }
    }

    /// No colour, not a terminal: for tests.
    /// No colour and not a terminal: what a view looks like in a file, and what tests compare.
    pub fn plain() -> Style {
        Style { colour: false, terminal: false }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.colour { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }

    /// Headings and the main value.
    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    /// Secondary detail.
    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }

    /// Success.
    pub fn green(self, text: &str) -> String {
        self.paint("32", text)
    }

    /// Failure.
    pub fn red(self, text: &str) -> String {
        self.paint("31", text)
    }

    /// Warnings.
    pub fn yellow(self, text: &str) -> String {
        self.paint("33", text)
    }

    /// Names and keys.
    pub fn cyan(self, text: &str) -> String {
        self.paint("36", text)
    }

    /// A matched span: reverse video, so it shows on any theme.
    pub fn highlight(self, text: &str) -> String {
        self.paint("7", text)
    }

    /// Two cells of the colour itself (24-bit), or nothing without colour.
    pub fn swatch(self, [r, g, b]: [u8; 3]) -> String {
        if self.colour { format!("\x1b[48;2;{r};{g};{b}m    \x1b[0m ") } else { String::new() }
    }

    /// Whether the stream is a terminal: `devtools regex --replace` prints data into a pipe, a view on a terminal
    /// (the rule is in `escape.rs`).
    pub fn terminal(self) -> bool {
        self.terminal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_wraps_in_sgr_codes_only_when_on() {
        let on = Style { colour: true, terminal: true };
        assert_eq!(on.bold("x"), "\x1b[1mx\x1b[0m");
        assert_eq!(Style::plain().bold("x"), "x");
        assert_eq!(Style::plain().swatch([1, 2, 3]), "");
    }
}
