//! The colour string as CSS tokens (from `cssparser`'s tokenizer): the first token, a function's arguments, and
//! anything trailing. Used to read exact component values once `cssparser-color` has accepted the grammar, and
//! to explain what is wrong when it has not.

use cssparser::{Parser, Token};

/// One argument token of a colour function.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Arg {
    Number(f64),
    /// A percentage as a fraction: `50%` is 0.5.
    Percent(f64),
    Dimension(f64, String),
    Ident(String),
    Comma,
    Slash,
    /// Any other token (a nested function, a stray delimiter); the source text says what.
    Other,
}

impl Arg {
    pub(crate) fn is_separator(&self) -> bool {
        matches!(self, Arg::Comma | Arg::Slash)
    }

    pub(crate) fn is_none(&self) -> bool {
        matches!(self, Arg::Ident(name) if name.eq_ignore_ascii_case("none"))
    }
}

/// An argument with where it starts (byte offset) and its source text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    pub(crate) arg: Arg,
    pub(crate) at: usize,
    pub(crate) source: String,
}

/// The first token of the input.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Head {
    Nothing,
    Hash(String),
    Ident(String),
    Function { name: String, args: Vec<Item> },
    Other(String),
}

/// The input split into its first token (with a function's arguments) and the first trailing token, if any.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tokens {
    pub(crate) head: Head,
    pub(crate) head_at: usize,
    pub(crate) trailing: Option<Item>,
}

/// Reads the next token with its start offset (after whitespace) and source text.
fn next_token(p: &mut Parser<'_>) -> Option<(Token<'static>, usize, String)> {
    let start = p.position();
    let token = p.next().ok()?.clone();
    let slice = p.slice_from(start);
    let skipped = slice.len() - slice.trim_start().len();
    Some((into_owned(token), start.byte_index() + skipped, slice.trim().to_owned()))
}

/// Tokens borrow the input; only the few kinds read here are kept, as owned values.
fn into_owned(token: Token<'_>) -> Token<'static> {
    match token {
        Token::Ident(s) => Token::Ident(s.as_ref().to_owned().into()),
        Token::Hash(s) => Token::Hash(s.as_ref().to_owned().into()),
        Token::IDHash(s) => Token::IDHash(s.as_ref().to_owned().into()),
        Token::Function(s) => Token::Function(s.as_ref().to_owned().into()),
        Token::Dimension { has_sign, value, int_value, unit } => {
            Token::Dimension { has_sign, value, int_value, unit: unit.as_ref().to_owned().into() }
        }
        Token::Number { has_sign, value, int_value } => {
            Token::Number { has_sign, value, int_value }
        }
        Token::Percentage { has_sign, unit_value, int_value } => {
            Token::Percentage { has_sign, unit_value, int_value }
        }
        Token::Comma => Token::Comma,
        Token::Delim(c) => Token::Delim(c),
        _ => Token::Semicolon,
    }
}

/// The exact value of a CSS number written at the start of `source`, read as an f64.
///
/// `cssparser` keeps numbers as f32, which moves decimal values such as `0.7` or `40%` off their f64 values
/// (0.699999988 × 255 = 178.49999 rounds to 178 where the exact 178.5 rounds to 179), so every number is read
/// again from its source text (CSS Syntax 3 §4.3.12 "convert a string to a number", which is exact). The
/// numeric prefix is the longest `[+-]? digits? (. digits)? ([eE] [+-]? digits)?`; `None` when there is none
/// or the value is not finite.
pub(crate) fn exact_number(source: &str) -> Option<f64> {
    let bytes = source.as_bytes();
    let digits = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let mut end = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    end = digits(end);
    if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        end = digits(end + 1);
    }
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(bytes.get(end + 1), Some(b'+' | b'-')));
        if bytes.get(end + 1 + sign).is_some_and(u8::is_ascii_digit) {
            end = digits(end + 1 + sign);
        }
    }
    source[..end].parse::<f64>().ok().filter(|v| v.is_finite())
}

fn to_arg(token: &Token<'_>, source: &str) -> Arg {
    // The f32 value stands in only if the source cannot be read again (it always can for these tokens).
    let exact = |fallback: f32| exact_number(source).unwrap_or(f64::from(fallback));
    match token {
        Token::Number { value, .. } => Arg::Number(exact(*value)),
        Token::Percentage { unit_value, .. } => {
            Arg::Percent(exact_number(source).map_or(f64::from(*unit_value), |v| v / 100.0))
        }
        Token::Dimension { value, unit, .. } => {
            Arg::Dimension(exact(*value), unit.as_ref().to_owned())
        }
        Token::Ident(name) => Arg::Ident(name.as_ref().to_owned()),
        Token::Comma => Arg::Comma,
        Token::Delim('/') => Arg::Slash,
        _ => Arg::Other,
    }
}

impl Tokens {
    pub(crate) fn read(text: &str) -> Tokens {
        let mut p = Parser::new(text);
        let Some((token, head_at, source)) = next_token(&mut p) else {
            return Tokens { head: Head::Nothing, head_at: 0, trailing: None };
        };
        let head = match token {
            Token::Hash(value) | Token::IDHash(value) => Head::Hash(value.as_ref().to_owned()),
            Token::Ident(name) => Head::Ident(name.as_ref().to_owned()),
            Token::Function(name) => {
                let args = p
                    .parse_nested_block(|p| {
                        let mut args = Vec::new();
                        while let Some((token, at, source)) = next_token(p) {
                            args.push(Item { arg: to_arg(&token, &source), at, source });
                        }
                        Ok::<_, cssparser::ParseError<()>>(args)
                    })
                    .unwrap_or_default();
                Head::Function { name: name.as_ref().to_owned(), args }
            }
            _ => Head::Other(source),
        };
        let trailing = next_token(&mut p).map(|(token, at, source)| Item {
            arg: to_arg(&token, &source),
            at,
            source,
        });
        Tokens { head, head_at, trailing }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_function_arguments_with_positions() {
        let tokens = Tokens::read("rgb(10 20% / 0.5)");
        let Head::Function { name, args } = tokens.head else { panic!("not a function") };
        assert_eq!(name, "rgb");
        let kinds: Vec<Arg> = args.iter().map(|item| item.arg.clone()).collect();
        assert_eq!(kinds, [Arg::Number(10.0), Arg::Percent(0.2), Arg::Slash, Arg::Number(0.5)]);
        assert_eq!(args[1].at, 7);
        assert_eq!(args[1].source, "20%");
        assert!(tokens.trailing.is_none());
    }

    #[test]
    fn numbers_are_read_exactly_as_f64() {
        // f32 would give 0.699999988 and 0.400000006; CSS Syntax 3 §4.3.12 reads the decimal exactly.
        let tokens = Tokens::read("rgb(0 40% 1e2deg / 0.7)");
        let Head::Function { args, .. } = tokens.head else { panic!("not a function") };
        let kinds: Vec<Arg> = args.iter().map(|item| item.arg.clone()).collect();
        assert_eq!(
            kinds,
            [
                Arg::Number(0.0),
                Arg::Percent(0.4),
                Arg::Dimension(100.0, "deg".into()),
                Arg::Slash,
                Arg::Number(0.7)
            ]
        );
        assert_eq!(exact_number("+.5e-1%"), Some(0.05));
        assert_eq!(exact_number("-12.25grad"), Some(-12.25));
        assert_eq!(exact_number("1e3deg"), Some(1000.0));
        assert_eq!(exact_number("3e"), Some(3.0), "an exponent needs digits");
        assert_eq!(exact_number("deg"), None);
    }

    #[test]
    fn reads_hash_ident_and_trailing() {
        let tokens = Tokens::read("#fff  red");
        assert_eq!(tokens.head, Head::Hash("fff".into()));
        let trailing = tokens.trailing.expect("trailing token");
        assert_eq!((trailing.at, trailing.source.as_str()), (6, "red"));
        assert_eq!(Tokens::read("").head, Head::Nothing);
    }
}
