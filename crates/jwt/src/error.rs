//! Errors: why a token could not be decoded (with the segment and position at fault), why a key could not be
//! read, why a token could not be signed.

use serde::Serialize;
use std::fmt;

/// One of the three parts of a compact JWS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Segment {
    /// The first part: the JOSE header.
    Header,
    /// The second part: the claims.
    Payload,
    /// The third part: the signature.
    Signature,
}

impl Segment {
    /// `header`, `payload` or `signature`.
    pub fn name(self) -> &'static str {
        match self {
            Segment::Header => "header",
            Segment::Payload => "payload",
            Segment::Signature => "signature",
        }
    }

    /// The segment at index 0, 1 or 2 of a compact JWS.
    pub(crate) fn at(index: usize) -> Segment {
        match index {
            0 => Segment::Header,
            1 => Segment::Payload,
            _ => Segment::Signature,
        }
    }
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a token is not a well-formed JWT. Positions count characters from 0 in the token as decoded (after
/// surrounding whitespace and a `Bearer ` prefix were removed).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// Nothing but whitespace.
    #[error("The token is empty.")]
    Empty,
    /// Longer than [`MAX_TOKEN_LEN`](crate::MAX_TOKEN_LEN).
    #[error("The token is {len} bytes long; the limit is {limit} bytes.")]
    TooLong {
        /// Length of the input in bytes.
        len: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// Not 3 dot-separated parts (nor 5, which is a JWE).
    #[error(
        "A signed JWT has 3 parts separated by dots (header.payload.signature); this token has {parts} part{}.",
        if *parts == 1 { "" } else { "s" }
    )]
    SegmentCount {
        /// How many parts the token has.
        parts: usize,
    },
    /// A JWE: 5 parts, encrypted; decoding it needs the recipient's key.
    #[error(
        "This is an encrypted token (JWE, 5 parts: header, encrypted key, IV, ciphertext, tag). Its claims can only be read with the recipient's private key; only its header is shown."
    )]
    Encrypted,
    /// The header or payload part has no characters.
    #[error("The {segment} is empty.{}", if *segment == Segment::Payload { " (A JWS with a detached payload, RFC 7515 Appendix F, is not a JWT.)" } else { "" })]
    EmptySegment {
        /// Which part.
        segment: Segment,
    },
    /// A character outside the base64url alphabet `A–Z a–z 0–9 - _`.
    #[error("The {segment} is not valid base64url: {} at position {position} ({segment} character {offset}). {hint}", describe_char(*found))]
    InvalidCharacter {
        /// Which part.
        segment: Segment,
        /// The offending character.
        found: char,
        /// Position in the token.
        position: usize,
        /// Position within the part.
        offset: usize,
        /// What the character suggests went wrong.
        hint: &'static str,
    },
    /// A length of 4k+1 characters, which cannot encode whole bytes.
    #[error(
        "The {segment} is not valid base64url: {len} characters cannot encode whole bytes (a length of 4k+1 is impossible); the part was probably cut short."
    )]
    InvalidLength {
        /// Which part.
        segment: Segment,
        /// Its length in characters.
        len: usize,
    },
    /// The last character carries bits that a canonical encoder would have left at zero.
    #[error(
        "The {segment} is not valid base64url: its last character {found:?} at position {position} has unused bits set, which no encoder produces; the part was probably altered."
    )]
    NonCanonical {
        /// Which part.
        segment: Segment,
        /// The last character.
        found: char,
        /// Its position in the token.
        position: usize,
    },
    /// The decoded bytes are not UTF-8 text.
    #[error(
        "The {segment} decodes to bytes that are not UTF-8 text (invalid byte at decoded offset {byte_offset})."
    )]
    NotUtf8 {
        /// Which part.
        segment: Segment,
        /// Offset of the first invalid byte in the decoded bytes.
        byte_offset: usize,
    },
    /// The decoded text is not JSON.
    #[error(
        "The {segment} is not JSON: {detail} (line {line}, column {column} of the decoded text)."
    )]
    NotJson {
        /// Which part.
        segment: Segment,
        /// What is wrong, in words.
        detail: String,
        /// Line in the decoded text, from 1.
        line: usize,
        /// Column in the decoded text, in characters from 1.
        column: usize,
    },
    /// Valid JSON (RFC 8259 §6 sets no limit on numbers), but a number beyond a 64-bit float, which this decoder
    /// cannot read and verifiers read differently (infinity, an error, a rounded value).
    #[error(
        "The {segment} cannot be read: the number {number} at line {line}, column {column} (byte {byte_offset} of the decoded text) is valid JSON but outside the range this decoder reads, a 64-bit float up to about ±1.8e308; verifiers disagree about such a number."
    )]
    NumberOutOfRange {
        /// Which part.
        segment: Segment,
        /// The number as written (up to 40 characters, then `…`).
        number: String,
        /// Line in the decoded text, from 1.
        line: usize,
        /// Column in the decoded text, in characters from 1.
        column: usize,
        /// Offset in the decoded bytes, from 0.
        byte_offset: usize,
    },
    /// Arrays and objects nested more than 128 deep: JSON sets no limit, but RFC 8259 §9 lets a parser set one,
    /// and this decoder's (serde_json's) is 128, so the text past that depth is not read.
    #[error(
        "The {segment} cannot be read: at line {line}, column {column} (byte {byte_offset} of the decoded text) it nests arrays and objects more than 128 deep, the most this decoder reads (RFC 8259 §9 lets a parser set such a limit); the text past that depth is not checked."
    )]
    TooDeep {
        /// Which part.
        segment: Segment,
        /// Line in the decoded text, from 1.
        line: usize,
        /// Column in the decoded text, in characters from 1.
        column: usize,
        /// Offset in the decoded bytes, from 0.
        byte_offset: usize,
    },
    /// Valid JSON grammar (RFC 8259 §8.2), but a `\u` escape of a UTF-16 surrogate without its other half, which
    /// is no character.
    #[error(
        "The {segment} cannot be read: the escape {escape} at line {line}, column {column} (byte {byte_offset} of the decoded text) is an unpaired UTF-16 surrogate; RFC 8259 §8.2 lets JSON contain one, but it stands for no character, so the string cannot be read as text."
    )]
    UnpairedSurrogate {
        /// Which part.
        segment: Segment,
        /// The escape, such as `\ud800`.
        escape: String,
        /// Line in the decoded text, from 1.
        line: usize,
        /// Column in the decoded text, in characters from 1.
        column: usize,
        /// Offset in the decoded bytes, from 0.
        byte_offset: usize,
    },
    /// The decoded text begins with a UTF-8 byte-order mark, which RFC 8259 §8.1 forbids producers to add.
    #[error(
        "The {segment} begins with a byte-order mark (U+FEFF, the bytes EF BB BF at byte 0 of the decoded text) before its JSON; RFC 8259 §8.1 forbids adding one, and verifiers disagree about ignoring it, so it is not read."
    )]
    ByteOrderMark {
        /// Which part.
        segment: Segment,
    },
    /// JSON, but not an object.
    #[error(
        "The {segment} is JSON but not an object: it is {found}. A JOSE header and a JWT claims set are JSON objects."
    )]
    NotObject {
        /// Which part.
        segment: Segment,
        /// What it is instead: `an array`, `a string` ...
        found: &'static str,
    },
    /// A member name occurs twice, which RFC 7515 §4 and RFC 7519 §4 ask parsers to reject.
    #[error(
        "The {segment} has the member {name:?} twice; RFC 7515 and RFC 7519 require names to be unique, and verifiers disagree about which value wins."
    )]
    DuplicateMember {
        /// Which part.
        segment: Segment,
        /// The repeated name.
        name: String,
    },
    /// A registered header parameter has the wrong type (RFC 7515 §4.1: `kid`, `typ` ... are strings).
    #[error(
        "The header parameter {name:?} must be {expected}, but is {found}; verifiers reject such a token."
    )]
    InvalidHeaderParam {
        /// The parameter name.
        name: &'static str,
        /// What it must be.
        expected: &'static str,
        /// What it is instead.
        found: &'static str,
    },
    /// `exp`, `nbf` or `iat` is not a NumericDate.
    #[error(
        "The claim {name:?} must be a NumericDate (a number of seconds since 1970-01-01T00:00:00Z) but is {found}; verifiers reject such a token."
    )]
    InvalidTimeClaim {
        /// The claim name.
        name: &'static str,
        /// What it is instead.
        found: &'static str,
    },
}

impl DecodeError {
    /// The part at fault, if one is.
    pub fn segment(&self) -> Option<Segment> {
        match self {
            DecodeError::Empty
            | DecodeError::TooLong { .. }
            | DecodeError::SegmentCount { .. }
            | DecodeError::Encrypted => None,
            DecodeError::EmptySegment { segment }
            | DecodeError::InvalidCharacter { segment, .. }
            | DecodeError::InvalidLength { segment, .. }
            | DecodeError::NonCanonical { segment, .. }
            | DecodeError::NotUtf8 { segment, .. }
            | DecodeError::NotJson { segment, .. }
            | DecodeError::NumberOutOfRange { segment, .. }
            | DecodeError::TooDeep { segment, .. }
            | DecodeError::UnpairedSurrogate { segment, .. }
            | DecodeError::ByteOrderMark { segment }
            | DecodeError::NotObject { segment, .. }
            | DecodeError::DuplicateMember { segment, .. } => Some(*segment),
            DecodeError::InvalidHeaderParam { .. } => Some(Segment::Header),
            DecodeError::InvalidTimeClaim { .. } => Some(Segment::Payload),
        }
    }

    /// The character position in the token, when one character is at fault.
    pub fn position(&self) -> Option<usize> {
        match self {
            DecodeError::InvalidCharacter { position, .. }
            | DecodeError::NonCanonical { position, .. } => Some(*position),
            _ => None,
        }
    }

    /// A stable snake_case name of the error kind.
    pub fn kind(&self) -> &'static str {
        match self {
            DecodeError::Empty => "empty",
            DecodeError::TooLong { .. } => "too_long",
            DecodeError::SegmentCount { .. } => "segment_count",
            DecodeError::Encrypted => "encrypted",
            DecodeError::EmptySegment { .. } => "empty_segment",
            DecodeError::InvalidCharacter { .. } => "invalid_base64url_character",
            DecodeError::InvalidLength { .. } => "invalid_base64url_length",
            DecodeError::NonCanonical { .. } => "non_canonical_base64url",
            DecodeError::NotUtf8 { .. } => "not_utf8",
            DecodeError::NotJson { .. } => "not_json",
            DecodeError::NumberOutOfRange { .. } => "number_out_of_range",
            DecodeError::TooDeep { .. } => "too_deep",
            DecodeError::UnpairedSurrogate { .. } => "unpaired_surrogate",
            DecodeError::ByteOrderMark { .. } => "byte_order_mark",
            DecodeError::NotObject { .. } => "not_object",
            DecodeError::DuplicateMember { .. } => "duplicate_member",
            DecodeError::InvalidHeaderParam { .. } => "invalid_header_parameter",
            DecodeError::InvalidTimeClaim { .. } => "invalid_time_claim",
        }
    }
}

fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        '\n' | '\r' => "a line break".to_owned(),
        '\t' => "a tab".to_owned(),
        c if c.is_control() => format!("the control character U+{:04X}", u32::from(c)),
        c => format!("the character {c:?}"),
    }
}

/// Why a key could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// Nothing was given.
    #[error("The key is empty.")]
    Empty,
    /// Over the size limit.
    #[error("The key is {len} bytes long; the limit is {limit} bytes.")]
    TooLong {
        /// Length in bytes.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// The secret was declared base64 but is not.
    #[error("The secret is not valid base64: {0}")]
    Base64(String),
    /// PEM text that does not parse, or holds no usable key.
    #[error("The PEM key cannot be read: {0}")]
    Pem(String),
    /// JSON that is neither a JWK nor a JWKS, or a JWK with bad members.
    #[error("The JWK cannot be read: {0}")]
    Jwk(String),
    /// A key that parses but is not acceptable (too small, unsupported curve).
    #[error("{0}")]
    Unusable(String),
}

/// Why a token could not be signed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The header is not usable: not a JSON object, a member name twice, no `alg`, an unknown one, or `none`.
    #[error("{0}")]
    Header(String),
    /// The claims are not usable: not a JSON object, or a member name twice.
    #[error("{0}")]
    Claims(String),
    /// The key cannot be read.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// The key does not fit the header's algorithm.
    #[error("{0}")]
    KeyMismatch(String),
    /// The signature could not be computed.
    #[error("Signing failed: {0}")]
    Crypto(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_segment_and_position() {
        let error = DecodeError::InvalidCharacter {
            segment: Segment::Payload,
            found: '+',
            position: 40,
            offset: 3,
            hint: "hint",
        };
        assert_eq!(error.segment(), Some(Segment::Payload));
        assert_eq!(error.position(), Some(40));
        let text = error.to_string();
        assert!(
            text.contains("payload") && text.contains("'+'") && text.contains("position 40"),
            "{text}"
        );
        assert!(DecodeError::SegmentCount { parts: 1 }.to_string().contains("has 1 part."));
        assert_eq!(DecodeError::SegmentCount { parts: 2 }.segment(), None);
    }
}
