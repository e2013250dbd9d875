//! What the site answers about colours, for the page, the JSON API and `devtools color` alike.
//!
//! Each request holds the raw text of its fields as a query string carries it; [`convert`] is the body of
//! `GET /api/color?value=`, [`contrast`] of `GET /api/color/contrast?fg=&bg=` (`bg` optional: white) and
//! [`palettes`] of
//! `GET /api/color/palettes?value=`. Each parses its fields with [`parse_field`] and fails with the same
//! `invalid_color` [`AnswerError`] the API answers with status 400: the field's name, the parser's message, the
//! character `position` when the parser knows it, and the parser's `reason`.

use crate::{Color, Contrast, Conversion, Palettes, ParseError};
use devtools_kit::{AnswerError, Location};
use serde::Deserialize;

/// A colour to convert: the query of `GET /api/color`. Like every request type here, it refuses a parameter it
/// does not take (`unknown field`), so that a misspelt one is not silently ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConvertRequest {
    /// Any CSS colour as typed (`#ff0000`, `oklch(70% 0.1 200)`, `rebeccapurple`, `255, 0, 0`); missing is empty.
    #[serde(default)]
    pub value: String,
}

impl ConvertRequest {
    /// The request for one colour.
    pub fn new(value: impl Into<String>) -> Self {
        ConvertRequest { value: value.into() }
    }
}

/// The background a contrast check uses when none is given: white, as on the page, the API and the command line.
pub const DEFAULT_BACKGROUND: &str = "white";

/// A text colour on a background: the query of `GET /api/color/contrast`.
///
/// The background is optional: missing or blank, it is [`DEFAULT_BACKGROUND`] (white), the background most text is
/// read on. The text colour is required.
///
/// ```
/// use devtools_color::answer::{self, ContrastRequest};
///
/// let on_white = answer::contrast(&ContrastRequest::new("#767676", ""))?;
/// assert_eq!(on_white, answer::contrast(&ContrastRequest::new("#767676", "white"))?);
/// assert_eq!(on_white.ratio, 4.54);
/// # Ok::<(), devtools_color::AnswerError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContrastRequest {
    /// The text (foreground) colour as typed; missing is empty, which is an error.
    #[serde(default)]
    pub fg: String,
    /// The background colour as typed; missing or blank is white ([`DEFAULT_BACKGROUND`]).
    #[serde(default)]
    pub bg: String,
}

impl ContrastRequest {
    /// The request for a foreground on a background (`""` for the default, white).
    pub fn new(fg: impl Into<String>, bg: impl Into<String>) -> Self {
        ContrastRequest { fg: fg.into(), bg: bg.into() }
    }

    /// The background to check against: the typed one, or white when it is missing or blank.
    pub fn background(&self) -> &str {
        if self.bg.trim().is_empty() { DEFAULT_BACKGROUND } else { &self.bg }
    }
}

/// A colour to build palettes from: the query of `GET /api/color/palettes`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PalettesRequest {
    /// Any CSS colour as typed; missing is empty.
    #[serde(default)]
    pub value: String,
}

impl PalettesRequest {
    /// The request for one colour.
    pub fn new(value: impl Into<String>) -> Self {
        PalettesRequest { value: value.into() }
    }
}

/// The colour in every format, with its names and its contrast against white and black.
pub fn convert(request: &ConvertRequest) -> Result<Conversion, AnswerError> {
    let color = parse_field("value", &request.value)?;
    Ok(crate::convert(&request.value, &color))
}

/// The WCAG 2 contrast of `fg` on `bg`, with the AA and AAA verdicts and, when AA fails for normal text, the
/// nearest opaque foreground by Oklch lightness that passes, from `fg` as painted on `bg`. A missing or blank `bg` is white ([`ContrastRequest::background`]). `fg` is
/// read first, so when both are wrong the error names `fg`.
pub fn contrast(request: &ContrastRequest) -> Result<Contrast, AnswerError> {
    let fg = parse_field("fg", &request.fg)?;
    let bg = parse_field("bg", request.background())?;
    Ok(crate::contrast(&fg, &bg))
}

/// Tints, shades and hue harmonies of the colour.
pub fn palettes(request: &PalettesRequest) -> Result<Palettes, AnswerError> {
    let color = parse_field("value", &request.value)?;
    Ok(crate::palettes(&color))
}

/// Parses one field of a request, or gives its `invalid_color` error: the message is prefixed with the field's
/// name (`value: rgb(): expected 3 values, found 2`); the JSON body adds `field`, `position` (the offending
/// character, counted from 0, when known) and `reason` (the [`ParseError::kind_name`]); the location names the
/// field and the bytes of that character.
///
/// ```
/// use devtools_color::answer::parse_field;
///
/// let error = parse_field("fg", "rgb(1 2)").unwrap_err();
/// assert_eq!(error.kind(), "invalid_color");
/// assert_eq!(error.message(), "fg: rgb(): expected 3 values, found 2");
/// assert_eq!(error.details()["position"], 7);
/// assert!(parse_field("bg", "white").is_ok());
/// ```
pub fn parse_field(field: &'static str, raw: &str) -> Result<Color, AnswerError> {
    crate::parse(raw).map_err(|error| field_error(field, raw, &error))
}

fn field_error(field: &'static str, raw: &str, error: &ParseError) -> AnswerError {
    let message = if raw.trim().is_empty() {
        format!("{field}: enter a colour, e.g. #ff0000 or oklch(70% 0.1 200)")
    } else {
        format!("{field}: {error}")
    };
    let mut answer = AnswerError::invalid("invalid_color", message).with("field", field);
    let mut location = Location { part: Some(field.into()), span: None };
    if let Some(position) = error.position {
        answer = answer.with("position", position);
        location.span = Some(char_span(raw, position));
    }
    answer.with("reason", error.kind_name()).at(location)
}

/// The bytes of the `position`-th character of `text`, or the empty range at its end.
fn char_span(text: &str, position: usize) -> std::ops::Range<usize> {
    match text.char_indices().nth(position) {
        Some((start, c)) => start..start + c.len_utf8(),
        None => text.len()..text.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_field_the_character_and_the_reason() {
        let error = convert(&ConvertRequest::new("grean")).unwrap_err();
        assert_eq!(
            error.body(),
            serde_json::json!({
                "error": "invalid_color",
                "message": "value: unknown colour name \"grean\" (did you mean \"green\"?)",
                "field": "value",
                "position": 0,
                "reason": "unknown_name"
            })
        );
        assert_eq!(
            error.location(),
            Some(&Location { part: Some("value".into()), span: Some(0..1) })
        );

        let error = contrast(&ContrastRequest::new("", "white")).unwrap_err();
        assert_eq!(error.details()["field"], "fg");
        assert_eq!(error.message(), "fg: enter a colour, e.g. #ff0000 or oklch(70% 0.1 200)");
        assert_eq!(error.location().and_then(|at| at.span.clone()), None);

        let error = contrast(&ContrastRequest::new("#000", "nope")).unwrap_err();
        assert_eq!(error.details()["field"], "bg");
    }

    #[test]
    fn spans_count_characters_not_bytes() {
        assert_eq!(char_span("é#zz", 1), 2..3);
        assert_eq!(char_span("ab", 5), 2..2);
    }

    #[test]
    fn answers_are_the_library_functions() {
        let color = crate::parse("#767676").unwrap();
        assert_eq!(convert(&ConvertRequest::new("#767676")), Ok(crate::convert("#767676", &color)));
        assert_eq!(palettes(&PalettesRequest::new("#767676")), Ok(crate::palettes(&color)));
        let check = contrast(&ContrastRequest::new("#767676", "white")).unwrap();
        assert_eq!(check.ratio, 4.54);
    }

    #[test]
    fn the_background_defaults_to_white() {
        for bg in ["", "  "] {
            assert_eq!(ContrastRequest::new("#000", bg).background(), "white");
            assert_eq!(
                contrast(&ContrastRequest::new("#767676", bg)),
                contrast(&ContrastRequest::new("#767676", "white"))
            );
        }
        assert_eq!(ContrastRequest::new("#000", "navy").background(), "navy");
    }
}
