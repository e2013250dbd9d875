//! The error of every tool's answer layer: what is wrong with an input, where, and how a front end reports it.
//!
//! Each tool crate has one function that validates a typed request and gives the whole answer the site shows
//! (`devtools_cron::answer`, `devtools_jwt::answer`, ...). It fails with an [`AnswerError`], which knows nothing of
//! HTTP or terminals: the page shows its message beside the input, the JSON API answers its [`body`](AnswerError::body)
//! with the status its [`ErrorClass`] maps to, and the command line prints the message (or the same body with
//! `--json`) and exits 1. So the three cannot disagree about what is wrong.

use serde::Serialize;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::ops::Range;
use std::time::Duration;

/// How bad an input is, in transport-free terms; each front end maps it once (the JSON API: 400, 413, 404, 422).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorClass {
    /// The input is malformed or out of range (HTTP 400).
    Invalid,
    /// The input is larger than the tool's stated limit (HTTP 413).
    TooLarge,
    /// The input names something that does not exist, such as an unassigned status code (HTTP 404).
    NotFound,
    /// The input is well-formed but cannot be answered within the tool's budgets (HTTP 422).
    Unanswerable,
}

/// Where in the input the fault is: the part (a cron field, a JWT segment, a colour's channel) and the byte range
/// in the text the user typed, when the tool knows them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Location {
    /// The named part of the input, such as `minute` or `header`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<Cow<'static, str>>,
    /// Byte offsets into the input, `start..end`; empty at the point where something is missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Range<usize>>,
}

/// Why a tool could not answer: a stable snake_case `kind` clients match on, a message a person can act on, its
/// [`ErrorClass`], an optional [`Location`], and any extra fields the tool's JSON error carries (`field`,
/// `position`, a partial result).
///
/// Boxed inside, so a `Result<_, AnswerError>` stays one pointer wide on the error side.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerError(Box<Inner>);

#[derive(Debug, Clone, PartialEq)]
struct Inner {
    class: ErrorClass,
    kind: Cow<'static, str>,
    message: String,
    location: Option<Location>,
    details: Map<String, Value>,
}

impl AnswerError {
    /// An error of any class.
    pub fn new(
        class: ErrorClass,
        kind: impl Into<Cow<'static, str>>,
        message: impl Into<String>,
    ) -> Self {
        AnswerError(Box::new(Inner {
            class,
            kind: kind.into(),
            message: message.into(),
            location: None,
            details: Map::new(),
        }))
    }

    /// A malformed or out-of-range input ([`ErrorClass::Invalid`]).
    pub fn invalid(kind: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self::new(ErrorClass::Invalid, kind, message)
    }

    /// An input over the tool's limit ([`ErrorClass::TooLarge`]).
    pub fn too_large(kind: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self::new(ErrorClass::TooLarge, kind, message)
    }

    /// Work on this input stopped at its time budget ([`ErrorClass::Unanswerable`]), kind `deadline_exceeded`, with
    /// `budget_ms`: what the server answers when it stops a request's work, and what the command line prints when
    /// its watchdog ends the process (`cli::within_deadline`), in the same words.
    pub fn deadline_exceeded(budget: Duration) -> Self {
        let seconds = budget.as_secs_f64();
        Self::new(
            ErrorClass::Unanswerable,
            "deadline_exceeded",
            format!(
                "This input needs more than the {seconds} s one request may take; it was stopped."
            ),
        )
        .with("budget_ms", u64::try_from(budget.as_millis()).unwrap_or(u64::MAX))
    }

    /// Something the input names that does not exist ([`ErrorClass::NotFound`]), kind `not_found`.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorClass::NotFound, "not_found", message)
    }

    /// Places the fault in the input.
    #[must_use]
    pub fn at(mut self, location: Location) -> Self {
        self.0.location = Some(location);
        self
    }

    /// Adds a field to the JSON body next to `error` and `message`. A `null` (a `None`) adds nothing: an error's
    /// optional fields are left out, never `null`, as the API's `ApiError` schema says.
    #[must_use]
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        match value.into() {
            Value::Null => self.0.details.remove(key),
            value => self.0.details.insert(key.to_owned(), value),
        };
        self
    }

    /// The class, which decides the HTTP status and the exit code.
    pub fn class(&self) -> ErrorClass {
        self.0.class
    }

    /// The machine-readable kind, such as `invalid_expression`.
    pub fn kind(&self) -> &str {
        &self.0.kind
    }

    /// The human message.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// Where the fault is, when known.
    pub fn location(&self) -> Option<&Location> {
        self.0.location.as_ref()
    }

    /// The extra fields of the JSON body.
    pub fn details(&self) -> &Map<String, Value> {
        &self.0.details
    }

    /// The JSON body every front end shows: `{"error": kind, "message": text, ...details}`.
    pub fn body(&self) -> Value {
        let mut body = Map::new();
        body.insert("error".into(), Value::from(self.0.kind.as_ref()));
        body.insert("message".into(), Value::from(self.0.message.as_str()));
        for (key, value) in &self.0.details {
            body.insert(key.clone(), value.clone());
        }
        Value::Object(body)
    }
}

impl std::fmt::Display for AnswerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for AnswerError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_has_kind_message_and_details_but_not_the_class() {
        let error = AnswerError::invalid("invalid_expression", "minute: 60 is out of range 0–59")
            .at(Location { part: Some("minute".into()), span: Some(0..2) })
            .with("field", "minute")
            .with("position", 0)
            .with("segment", None::<&str>);
        assert_eq!(
            error.body(),
            serde_json::json!({
                "error": "invalid_expression",
                "message": "minute: 60 is out of range 0–59",
                "field": "minute",
                "position": 0
            })
        );
        assert_eq!(error.class(), ErrorClass::Invalid);
        assert_eq!(error.location().and_then(|at| at.span.clone()), Some(0..2));
    }
}
