//! `devtools jwt [TOKEN] [--key FILE | --secret S]`: a token decoded, explained and, given a key, verified.
//!
//! The key and secret are never printed, and neither is the token beyond what decoding shows.

use crate::answer::{self, Analysis, DecodeRequest};
use crate::{KeyEncoding, MAX_KEY_LEN, MAX_TOKEN_LEN, TimeStatus, VerificationStatus};
use devtools_kit::cli::{
    Command, Input, InputError, Style, ToolArgs, escape, finish, input, print_error,
};
use devtools_kit::{AnswerError, Location};
use serde_json::Value;
use std::fmt::Write;
use std::process::ExitCode;

/// A token from standard input: the library's own limit.
const TOKEN: Input = Input { noun: "token", limit: MAX_TOKEN_LEN };

/// A `--key` file (PEM, JWK, JWKS or secret): the library's own limit.
const KEY: Input = Input { noun: "key", limit: MAX_KEY_LEN };

/// The `devtools jwt` subcommand, for the host's list.
pub fn command() -> Command {
    Command::new::<Args>("jwt", "Decode a JWT and, given a key, verify its signature")
}

/// Decode a JWT and, given a key, verify its signature.
// (clap reads this doc comment as the subcommand's `about`, so it says what `Command::new` says.)
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Exit status: 0 when the token decodes, its times hold (`exp` not passed, `nbf` and `iat` not ahead, allowing \
--leeway; a payload that is not a JSON object of claims has times nobody can check) and, given a key, its \
signature verifies and --iss/--aud match; 1 otherwise, with the reason on standard error (the output is still \
printed), and 1 for an empty --secret or --key file, which verifies nothing; 2 for a usage error. --ignore-time leaves the times out of it, as PyJWT's verify_exp=False or jwt-cli's \
--ignore-exp do (and so verifies a JWS whose payload is not JSON).")]
pub struct Args {
    /// The token; `-` or nothing reads it from standard input (which keeps it out of the shell history).
    token: Option<String>,
    /// A file holding a PEM key, a JWK or a JWKS (or a secret) to verify the signature with.
    #[arg(long, value_name = "FILE", conflicts_with = "secret")]
    key: Option<String>,
    /// An HMAC secret to verify the signature with (visible to other users in the process list: prefer --key).
    #[arg(long, value_name = "S")]
    secret: Option<String>,
    /// The secret (or key file) is base64 rather than the secret's own text.
    #[arg(long)]
    base64: bool,
    /// The issuer `iss` must name.
    #[arg(long)]
    iss: Option<String>,
    /// The audience `aud` must include.
    #[arg(long)]
    aud: Option<String>,
    /// Seconds of clock skew to allow for `exp`, `nbf` and `iat` (a whole number up to 31622400, 366 days).
    // Read as text and checked by the answer, so a bad value gets the API's `invalid_leeway` (exit 1, or its
    // JSON body with --json), not a usage error.
    #[arg(long, value_name = "SECONDS", allow_negative_numbers = true)]
    leeway: Option<String>,
    /// Judge `exp`, `nbf` and `iat` at this Unix time (whole seconds) instead of now.
    #[arg(long, value_name = "UNIX_TIME", allow_negative_numbers = true)]
    now: Option<String>,
    /// Exit 0 even if the token has expired or is not valid yet (its times are still shown).
    #[arg(long)]
    ignore_time: bool,
    /// Print what `POST /api/jwt/decode` answers.
    #[arg(long)]
    json: bool,
}

impl ToolArgs for Args {
    fn json(&self) -> bool {
        self.json
    }

    fn run(&self) -> Result<ExitCode, InputError> {
        let token = input::value(self.token.as_deref(), TOKEN)?;
        let key = match (&self.key, &self.secret) {
            (Some(path), _) => Some(input::file(path, KEY)?),
            (None, secret) => secret.clone(),
        };
        // The API reads an empty key as "no key, do not verify"; on the command line a key option was asked
        // for, and a script that verifies with `--secret "$UNSET"` or an empty file must not be told yes.
        if let Some(text) = &key
            && text.trim().is_empty()
        {
            let given = match &self.key {
                Some(path) => format!("The key file {path:?} is empty (or only whitespace)"),
                None => "--secret is empty (or only whitespace)".to_owned(),
            };
            let message = format!(
                "{given}: there is no key to verify the signature with. Give the key, or leave out --key and --secret to decode without verifying."
            );
            return Err(InputError::Read(
                AnswerError::invalid("bad_key", message)
                    .at(Location { part: Some("key".into()), span: None })
                    .with("field", "key"),
            ));
        }
        let keyed = key.is_some();
        let request = DecodeRequest {
            token,
            key,
            key_encoding: self.base64.then_some(KeyEncoding::Base64),
            now: self.now.as_deref().map(Into::into),
            leeway: self.leeway.as_deref().map(Into::into),
            iss: self.iss.clone(),
            aud: self.aud.clone(),
        };
        let answer = answer::decode(&request);
        // A script asking `devtools jwt "$T" --key k && ...` means "may I accept it", as a JOSE library's decode
        // does: anything short of a verified signature, satisfied iss/aud checks and times that hold fails, while
        // the output stays the API's answer.
        let refusals =
            answer.as_ref().map(|analysis| self.refusals(analysis, keyed)).unwrap_or_default();
        let code = finish(self.json, answer, human);
        for refusal in &refusals {
            print_error(refusal);
        }
        Ok(if refusals.is_empty() { code } else { ExitCode::FAILURE })
    }
}

impl Args {
    /// Why a token that decoded is not to be accepted: a signature that does not verify (given a key), an
    /// `iss`/`aud` that does not match, and times that fail (`exp` passed, `nbf` or `iat` ahead) unless told to
    /// ignore them.
    fn refusals(&self, analysis: &Analysis, keyed: bool) -> Vec<String> {
        let mut refusals = Vec::new();
        if keyed && analysis.verification.status != VerificationStatus::Valid {
            refusals.push(analysis.verification.message.clone());
        }
        for check in analysis.claim_checks.iter().filter(|check| !check.ok) {
            refusals.push(format!("{}: {}", check.claim, check.message));
        }
        // A payload that is not a claims set has times nobody can check: not "never expires" (RFC 7519 §7.2
        // step 10 rejects it as a JWT); --ignore-time accepts it as the JWS it is.
        let untimely = matches!(
            analysis.time_status,
            TimeStatus::Expired | TimeStatus::NotYetValid | TimeStatus::ClaimsUnreadable
        );
        if untimely && !self.ignore_time {
            refusals.push(format!("{} --ignore-time accepts it anyway.", analysis.time_message));
        }
        refusals
    }
}

/// A claim's value as text: a string bare, null as nothing, anything else as JSON.
fn text_of(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Everything the token says (header, claims, the messages that quote it) is escaped: the token is the crafted
/// input this tool exists to look at.
fn human(a: &Analysis, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", style.bold("Header"));
    let _ = writeln!(out, "{}", escape::block(&a.header_pretty()));
    let _ = writeln!(out, "\n{}", style.bold("Payload"));
    let _ = writeln!(out, "{}", escape::block(&a.payload_pretty()));
    if let Some(note) = &a.non_json_payload {
        let shown = if note.text.is_some() { "as text" } else { "in hex (not UTF-8)" };
        let _ = writeln!(out, "{} (payload shown {shown})", style.yellow(&note.message));
    }
    if !a.claims.is_empty() {
        let _ = writeln!(out, "\n{}", style.bold("Claims"));
        let names: Vec<_> = a.claims.iter().map(|claim| escape::line(&claim.name)).collect();
        let width = names.iter().map(|name| name.chars().count()).max().unwrap_or(0);
        for (claim, name) in a.claims.iter().zip(&names) {
            let mut line = format!("  {}", style.cyan(&format!("{name:<width$}")));
            if let Some(time) = &claim.time {
                let _ = write!(line, "  {time}");
                if let Some(relative) = &claim.relative {
                    let _ = write!(line, " ({relative})");
                }
            } else {
                let _ = write!(line, "  {}", escape::line(&text_of(&claim.value)));
            }
            if let Some(description) = claim.description {
                let _ = write!(line, "  {}", style.dim(description));
            }
            let _ = writeln!(out, "{line}");
        }
    }
    for warning in &a.header_explained.warnings {
        let _ = writeln!(out, "{} {}", style.yellow("warning:"), escape::line(&warning.message));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{} {}", style.bold("Time:"), escape::line(&a.time_message));
    for check in &a.claim_checks {
        let verdict = match (check.checked, check.ok) {
            (false, _) => style.yellow("not checked"),
            (true, true) => style.green("ok"),
            (true, false) => style.red("failed"),
        };
        let _ = writeln!(
            out,
            "{} {verdict}: {}",
            style.bold(&format!("{}:", check.claim)),
            escape::line(&check.message)
        );
    }
    // The message can quote the token (a `kid`, an algorithm name), so it is escaped like the rest of it.
    let message = escape::line(&a.verification.message);
    let verdict = match a.verification.status {
        VerificationStatus::Valid => style.green(&message),
        VerificationStatus::Invalid => style.red(&message),
        _ => style.yellow(&message),
    };
    let _ = writeln!(out, "{} {verdict}", style.bold("Signature:"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // {"alg":"HS256","typ":"JWT"}.{"sub":"1234567890","name":"John Doe","iat":1516239022}, secret "your-256-bit-secret".
    const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    #[test]
    fn shows_header_claims_and_verdict_but_never_the_secret() {
        let request = DecodeRequest {
            token: TOKEN.into(),
            key: Some("your-256-bit-secret".into()),
            now: Some(1_700_000_000_i64.into()),
            ..DecodeRequest::default()
        };
        let text = human(&answer::decode(&request).unwrap(), Style::plain());
        assert!(
            text.starts_with("Header\n{\n  \"alg\": \"HS256\",\n  \"typ\": \"JWT\"\n}\n"),
            "{text}"
        );
        assert!(text.contains("  iat   2018-01-18T01:30:22Z"), "{text}");
        assert!(text.contains("Signature: "), "{text}");
        assert!(!text.contains("your-256-bit-secret"), "{text}");
        insta::assert_snapshot!(text);
    }

    #[test]
    fn the_about_line_is_the_same_in_both_places() {
        let clap = command().clap();
        assert_eq!(clap.get_about().map(ToString::to_string).as_deref(), Some(command().about));
    }
}
