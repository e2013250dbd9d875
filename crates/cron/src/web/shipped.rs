//! The page's script and stylesheet as they are sent: the files keep their comments (why each part does what it
//! does) and indentation, which are a third of the script's bytes on the wire even in brotli; the copies compiled
//! in drop whole-line comments, blank lines and leading whitespace. Nothing else changes, so the shipped code is
//! the reviewed code line for line.
//!
//! Only whole lines go: a line that starts with `//` (or, in CSS, a line that is one `/* … */`). A comment after
//! code stays, as it might be inside a string. Neither file has a multi-line string or template literal, whose
//! lines this would change; a test checks it.

/// `source` without its comment lines, blank lines and indentation, in a buffer of the same size: the bytes kept
/// and how many they are.
pub(crate) const fn strip<const N: usize>(source: &[u8; N]) -> ([u8; N], usize) {
    let mut out = [0u8; N];
    let mut len = 0;
    let mut line = 0;
    while line < N {
        let mut end = line;
        while end < N && source[end] != b'\n' {
            end += 1;
        }
        let mut start = line;
        while start < end && (source[start] == b' ' || source[start] == b'\t') {
            start += 1;
        }
        if start < end && !is_comment(source, start, end) {
            while start < end {
                out[len] = source[start];
                len += 1;
                start += 1;
            }
            out[len] = b'\n';
            len += 1;
        }
        line = end + 1;
    }
    (out, len)
}

/// Whether `source[start..end]`, a line without its indentation, is a comment alone: `// …` or `/* … */`.
const fn is_comment(source: &[u8], start: usize, end: usize) -> bool {
    let slash = end - start >= 2 && source[start] == b'/';
    (slash && source[start + 1] == b'/')
        || (slash
            && source[start + 1] == b'*'
            && end - start >= 4
            && source[end - 2] == b'*'
            && source[end - 1] == b'/')
}

/// The stripped script.
const SCRIPT: ([u8; SCRIPT_SOURCE.len()], usize) = strip(SCRIPT_SOURCE);
const SCRIPT_SOURCE: &[u8; include_bytes!("../../static/cron.js").len()] =
    include_bytes!("../../static/cron.js");
/// `cron.js` as sent.
pub(crate) const CRON_JS: &[u8] = SCRIPT.0.split_at(SCRIPT.1).0;

/// The stripped stylesheet.
const STYLE: ([u8; STYLE_SOURCE.len()], usize) = strip(STYLE_SOURCE);
const STYLE_SOURCE: &[u8; include_bytes!("../../static/cron.css").len()] =
    include_bytes!("../../static/cron.css");
/// `cron.css` as sent.
pub(crate) const CRON_CSS: &[u8] = STYLE.0.split_at(STYLE.1).0;

#[cfg(test)]
mod tests {
    use super::*;

    fn stripped(source: &[u8]) -> String {
        let mut buffer = [0u8; 256];
        buffer[..source.len()].copy_from_slice(source);
        // Padded with newlines, which go as blank lines.
        buffer[source.len()..].fill(b'\n');
        let (out, len) = strip(&buffer);
        String::from_utf8(out[..len].to_vec()).unwrap()
    }

    #[test]
    fn drops_comment_lines_blank_lines_and_indentation() {
        let source = b"// why\n\"use strict\";\n(() => {\n  // more\n  const a = \"//x\"; // kept\n\n  /* css */\n  b { c: d; }\n})();";
        assert_eq!(
            stripped(source),
            "\"use strict\";\n(() => {\nconst a = \"//x\"; // kept\nb { c: d; }\n})();\n"
        );
    }

    /// A line inside a template literal would lose its indentation, or itself if it started with `//`.
    #[test]
    fn the_script_has_no_multi_line_template_literal() {
        let script = std::str::from_utf8(SCRIPT_SOURCE).unwrap();
        for (number, line) in script.lines().enumerate() {
            let code = line.split(" // ").next().unwrap_or(line);
            assert!(code.matches('`').count() % 2 == 0, "line {}: {line}", number + 1);
        }
        assert!(CRON_JS.len() < SCRIPT_SOURCE.len() * 4 / 5, "{}", CRON_JS.len());
        assert!(std::str::from_utf8(CRON_CSS).unwrap().contains(".cron-expr {"));
    }
}
