//! Claims explained in words, NumericDates as UTC times relative to now, and the token's time status.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use serde_json::{Map, Value};

/// The claims whose values must be NumericDates for a token to be accepted at all.
pub(crate) const TIME_CLAIMS: &[&str] = &["exp", "nbf", "iat"];

/// The first of [`TIME_CLAIMS`] whose value is not a NumericDate (a JSON number, RFC 7519 §2), with that value:
/// the one rule the decoder refuses a token by and the signer refuses to sign by.
pub(crate) fn non_numeric_date(payload: &Map<String, Value>) -> Option<(&'static str, &Value)> {
    TIME_CLAIMS.iter().find_map(|name| {
        payload.get(*name).filter(|value| !value.is_number()).map(|value| (*name, value))
    })
}

/// Other claims whose values are NumericDates, shown as times but not checked.
const OTHER_DATE_CLAIMS: &[&str] = &["auth_time", "updated_at"];

/// Registered (RFC 7519 §4.1) and common claims, sorted by name: (name, description).
const CLAIMS: &[(&str, &str)] = &[
    (
        "acr",
        "Authentication context class: how strongly the user was authenticated (OpenID Connect).",
    ),
    ("act", "Actor: the party acting on behalf of the subject, in token exchange (RFC 8693)."),
    ("address", "The user's postal address (OpenID Connect)."),
    ("amr", "Authentication methods used, such as pwd, otp or mfa (RFC 8176)."),
    ("at_hash", "Hash of the access token issued with this ID token (OpenID Connect)."),
    (
        "aud",
        "Audience: who the token is meant for; a recipient must reject a token not addressed to it (RFC 7519).",
    ),
    ("auth_time", "When the user authenticated (OpenID Connect)."),
    ("azp", "Authorized party: the client the token was issued to (OpenID Connect)."),
    ("birthdate", "The user's birthday (OpenID Connect)."),
    ("c_hash", "Hash of the authorization code issued with this ID token (OpenID Connect)."),
    ("client_id", "The OAuth client the token was issued to (RFC 8693, RFC 9068)."),
    ("cnf", "Confirmation: the key the presenter must prove it holds (RFC 7800)."),
    ("email", "The user's email address (OpenID Connect)."),
    ("email_verified", "Whether the email address was verified (OpenID Connect)."),
    ("entitlements", "Entitlements of the user (RFC 9068, from SCIM)."),
    ("exp", "Expiration time: the token must not be accepted on or after this time (RFC 7519)."),
    ("family_name", "The user's surname (OpenID Connect)."),
    ("gender", "The user's gender (OpenID Connect)."),
    ("given_name", "The user's given name (OpenID Connect)."),
    ("groups", "Groups the user belongs to (RFC 9068, from SCIM)."),
    ("iat", "Issued at: when the token was created (RFC 7519)."),
    ("iss", "Issuer: who created and signed the token (RFC 7519)."),
    ("jti", "JWT ID: a unique identifier, used to prevent replay (RFC 7519)."),
    ("locale", "The user's locale (OpenID Connect)."),
    ("middle_name", "The user's middle name (OpenID Connect)."),
    ("name", "The user's full name (OpenID Connect)."),
    ("nbf", "Not before: the token must not be accepted before this time (RFC 7519)."),
    ("nickname", "The user's casual name (OpenID Connect)."),
    (
        "nonce",
        "A value from the authentication request, binding the ID token to it against replay (OpenID Connect).",
    ),
    ("phone_number", "The user's phone number (OpenID Connect)."),
    ("phone_number_verified", "Whether the phone number was verified (OpenID Connect)."),
    ("picture", "URL of the user's picture (OpenID Connect)."),
    ("preferred_username", "The name the user prefers to be shown (OpenID Connect)."),
    ("profile", "URL of the user's profile page (OpenID Connect)."),
    ("roles", "Roles granted to the user (RFC 9068, from SCIM)."),
    ("scope", "Space-separated OAuth scopes the token grants (RFC 8693, RFC 9068)."),
    ("scp", "Scopes the token grants (a list; used by Azure AD and Okta)."),
    ("sid", "Session ID at the identity provider (OpenID Connect)."),
    ("sub", "Subject: whom the token is about, usually a user ID (RFC 7519)."),
    ("tid", "Tenant ID (Azure AD)."),
    ("typ", "Token type as a claim (Keycloak), not to be confused with the header's typ."),
    ("updated_at", "When the user's information was last updated (OpenID Connect)."),
    ("upn", "User principal name (Azure AD)."),
    ("website", "URL of the user's web page (OpenID Connect)."),
    ("zoneinfo", "The user's time zone (OpenID Connect)."),
];

/// The description of a claim, if it is registered or common.
pub fn claim_description(name: &str) -> Option<&'static str> {
    CLAIMS.binary_search_by_key(&name, |(claim, _)| claim).ok().map(|index| CLAIMS[index].1)
}

/// The time status of a token against a moment: `valid` (within `nbf`..`exp`, allowing the leeway), `expired`
/// (at or after `exp`), `not_yet_valid` (before `nbf`, or issued in the future), `no_time_claims` (neither `exp`
/// nor `nbf`) or `claims_unreadable` (the payload is not a JSON object this decoder reads, so its times are
/// unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = JwtTimeStatus))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TimeStatus {
    /// Within `nbf`..`exp` (allowing the leeway).
    Valid,
    /// At or after `exp` (plus the leeway).
    Expired,
    /// Before `nbf` (minus the leeway), or issued in the future.
    NotYetValid,
    /// Neither `exp` nor `nbf`, nor an `iat` in the future.
    NoTimeClaims,
    /// The payload is not a JSON object this decoder reads: whether it has `exp` or `nbf` is unknown.
    ClaimsUnreadable,
}

/// How one time claim compares with now: `expired` (`exp` has passed), `valid` (`exp` is ahead or `nbf` has
/// passed), `not_yet_valid` (`nbf` is ahead), `issued` (`iat` is past) or `issued_in_future` (`iat` is ahead).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = JwtClaimStatus))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClaimStatus {
    /// `exp` has passed.
    Expired,
    /// `exp` is still ahead, or `nbf` has passed.
    Valid,
    /// `nbf` is still ahead.
    NotYetValid,
    /// `iat` is in the past.
    Issued,
    /// `iat` is in the future.
    IssuedInFuture,
}

/// One claim explained.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = JwtClaim))]
pub struct Claim {
    /// The claim name, such as `sub` or `exp`.
    pub name: String,
    /// Its value, any JSON value, as the token has it. NumericDate claims (`exp`, `nbf`, `iat`, `auth_time`,
    /// `updated_at`) are seconds since the Unix epoch (1970-01-01T00:00:00Z), possibly with a fraction.
    pub value: Value,
    /// What it means, when it is a registered (RFC 7519) or common claim; null for a custom one.
    #[cfg_attr(feature = "web", schema(required = true))] // null, never absent
    pub description: Option<&'static str>,
    /// For a NumericDate claim: that moment as an RFC 3339 UTC time; absent for other claims.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "web", schema(value_type = String, format = DateTime))]
    // absent, never null
    pub time: Option<String>,
    /// For a NumericDate claim: the moment relative to `now` in words, such as `in 30 minutes` or `3 years ago`;
    /// absent for other claims.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "web", schema(value_type = String))] // absent, never null
    pub relative: Option<String>,
    /// For `exp`, `nbf` and `iat` holding a number: how it compares with `now`; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "web", schema(value_type = ClaimStatus))] // absent, never null
    pub status: Option<ClaimStatus>,
}

/// The moment and tolerance time checks are made against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// Now, in Unix seconds.
    pub now: i64,
    /// Seconds of tolerance for clock skew, applied to `exp`, `nbf` and `iat`; 0 unless asked for.
    pub leeway: u64,
}

impl Clock {
    /// The system clock, with no leeway.
    pub fn system() -> Clock {
        Clock { now: Utc::now().timestamp(), leeway: 0 }
    }

    /// A fixed moment, with no leeway.
    pub fn at(now: i64) -> Clock {
        Clock { now, leeway: 0 }
    }

    /// The same moment with a leeway.
    #[must_use]
    pub fn with_leeway(self, leeway: u64) -> Clock {
        Clock { leeway, ..self }
    }

    fn now(self) -> f64 {
        self.now as f64
    }

    fn leeway(self) -> f64 {
        self.leeway as f64
    }
}

/// The time status with a sentence explaining it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeCheck {
    /// The verdict.
    pub status: TimeStatus,
    /// Why, in words.
    pub message: String,
}

fn number(payload: &Map<String, Value>, name: &str) -> Option<f64> {
    payload.get(name).and_then(Value::as_f64)
}

fn exp_expired(exp: f64, clock: Clock) -> bool {
    // RFC 7519 §4.1.4: the current time MUST be before exp, so exp == now has expired.
    clock.now() >= exp + clock.leeway()
}

fn nbf_pending(nbf: f64, clock: Clock) -> bool {
    // RFC 7519 §4.1.5: the current time MUST be after or equal to nbf.
    clock.now() < nbf - clock.leeway()
}

fn iat_in_future(iat: f64, clock: Clock) -> bool {
    clock.now() < iat - clock.leeway()
}

/// The time status of a claims set. `exp` and `nbf` follow RFC 7519; an `iat` in the future also counts as not
/// yet valid, because several verifiers (PyJWT among them) reject such tokens and a tool that says "valid" where
/// a verifier says "no" would mislead.
pub fn time_status(payload: &Map<String, Value>, clock: Clock) -> TimeCheck {
    // A verdict the leeway did not change says "beyond the leeway"; one it did names what it forgave.
    let beyond = if clock.leeway > 0 {
        format!(", beyond the {} s leeway", clock.leeway)
    } else {
        String::new()
    };
    let within = |what: String| format!("{what}, within the {} s leeway", clock.leeway);
    let exp = number(payload, "exp");
    let nbf = number(payload, "nbf");
    let iat = number(payload, "iat");
    if let Some(exp) = exp
        && exp_expired(exp, clock)
    {
        return TimeCheck {
            status: TimeStatus::Expired,
            message: format!("Expired {}{beyond}.", moment(exp, clock.now)),
        };
    }
    if let Some(nbf) = nbf
        && nbf_pending(nbf, clock)
    {
        return TimeCheck {
            status: TimeStatus::NotYetValid,
            message: format!("Not valid yet: becomes valid {}{beyond}.", moment(nbf, clock.now)),
        };
    }
    if let Some(iat) = iat
        && iat_in_future(iat, clock)
    {
        return TimeCheck {
            status: TimeStatus::NotYetValid,
            message: format!(
                "Issued in the future ({}{beyond}): the issuer's clock is off or the token is forged.",
                moment(iat, clock.now)
            ),
        };
    }
    // What only the leeway lets through.
    let mut forgiven = Vec::new();
    if let Some(exp) = exp.filter(|exp| clock.now() >= *exp) {
        forgiven.push(within(format!("expired {}", moment(exp, clock.now))));
    }
    if let Some(nbf) = nbf.filter(|nbf| clock.now() < *nbf) {
        forgiven.push(within(format!("becomes valid {}", moment(nbf, clock.now))));
    }
    if let Some(iat) = iat.filter(|iat| clock.now() < *iat) {
        forgiven.push(within(format!("issued {}", moment(iat, clock.now))));
    }
    let tail = match (exp, nbf) {
        (None, None) => {
            let mut message = "No exp or nbf claim: the token never expires by itself".to_owned();
            if !forgiven.is_empty() {
                message.push_str(&format!(" (its iat: {})", forgiven.join("; ")));
            }
            return TimeCheck { status: TimeStatus::NoTimeClaims, message: message + "." };
        }
        (Some(exp), _) if clock.now() >= exp => None,
        (Some(exp), _) => Some(format!("expires {}", moment(exp, clock.now))),
        (None, Some(_)) => Some("it has no exp, so it never expires by itself".to_owned()),
    };
    let message = if forgiven.is_empty() {
        format!("Valid now; {}.", tail.unwrap_or_default())
    } else {
        forgiven.extend(tail);
        format!("Valid now only through the leeway: {}.", forgiven.join("; "))
    };
    TimeCheck { status: TimeStatus::Valid, message }
}

/// [`relative`], with the date when the span is too large for words to be useful ("in more than 10,000 years").
fn moment(at: f64, now: i64) -> String {
    let words = relative(at, now);
    match rfc3339(at) {
        Some(date) if words.contains("more than") => format!("{words} ({date})"),
        _ => words,
    }
}

/// Every claim explained: registered claims first in RFC order, then the rest by name.
pub fn explain_claims(payload: &Map<String, Value>, clock: Clock) -> Vec<Claim> {
    const REGISTERED: &[&str] = &["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];
    let registered = REGISTERED.iter().filter_map(|name| payload.get_key_value(*name));
    let others = payload.iter().filter(|(name, _)| !REGISTERED.contains(&name.as_str()));
    registered
        .chain(others)
        .map(|(name, value)| {
            let is_date =
                TIME_CLAIMS.contains(&name.as_str()) || OTHER_DATE_CLAIMS.contains(&name.as_str());
            let seconds = if is_date { value.as_f64() } else { None };
            let status = seconds.and_then(|at| match name.as_str() {
                "exp" if exp_expired(at, clock) => Some(ClaimStatus::Expired),
                "exp" => Some(ClaimStatus::Valid),
                "nbf" if nbf_pending(at, clock) => Some(ClaimStatus::NotYetValid),
                "nbf" => Some(ClaimStatus::Valid),
                "iat" if iat_in_future(at, clock) => Some(ClaimStatus::IssuedInFuture),
                "iat" => Some(ClaimStatus::Issued),
                _ => None,
            });
            Claim {
                name: name.clone(),
                value: value.clone(),
                description: claim_description(name),
                time: seconds.and_then(rfc3339),
                relative: seconds.map(|at| relative(at, clock.now)),
                status,
            }
        })
        .collect()
}

/// The outcome of checking one claim against what the verifier expects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema), schema(as = JwtClaimCheck))]
pub struct ClaimCheck {
    /// The claim checked: `iss` or `aud`.
    pub claim: &'static str,
    /// The value the verifier expects, as given; empty when `checked` is false.
    pub expected: String,
    /// Whether the token satisfies it: `iss` equal to it, or `aud` equal to it or an array listing it (an array
    /// with a member that is not a string never does). True when `checked` is false.
    pub ok: bool,
    /// False for a note rather than a check: the token names an audience (`aud`) but no expected audience was
    /// given, so nothing was compared. RFC 7519 §4.1.3 says a recipient that does not identify itself with a value
    /// in `aud` MUST reject the token, so such a token is accepted only by a verifier that says who it is.
    pub checked: bool,
    /// The outcome in words.
    pub message: String,
}

/// Checks `iss` (an exact, case-sensitive match, RFC 7519 §4.1.1) and `aud` (the expected audience must be the
/// string or one of the array's strings, §4.1.3; an array with a member that is not a string fails) against what
/// the verifier expects. A token with an `aud` when no audience is expected gets a note (`checked: false`), as
/// RFC 7519 §4.1.3 requires a recipient to identify itself with a value in `aud`.
pub fn check_claims(
    payload: &Map<String, Value>,
    issuer: Option<&str>,
    audience: Option<&str>,
) -> Vec<ClaimCheck> {
    let mut checks = Vec::new();
    if let Some(expected) = issuer {
        let (ok, message) = match payload.get("iss") {
            Some(Value::String(iss)) if iss == expected => {
                (true, format!("iss is {iss:?}, as expected."))
            }
            Some(Value::String(iss)) => (false, format!("iss is {iss:?}, not {expected:?}.")),
            Some(other) => {
                (false, format!("iss is {}, not a string.", crate::decode::json_type(other)))
            }
            None => (false, "The token has no iss claim.".to_owned()),
        };
        checks.push(ClaimCheck {
            claim: "iss",
            expected: expected.to_owned(),
            ok,
            checked: true,
            message,
        });
    }
    if let Some(expected) = audience {
        let (ok, message) = match payload.get("aud") {
            Some(Value::String(aud)) if aud == expected => {
                (true, format!("aud is {aud:?}, as expected."))
            }
            Some(Value::String(aud)) => (false, format!("aud is {aud:?}, not {expected:?}.")),
            Some(Value::Array(list)) if list.iter().any(|aud| !aud.is_string()) => {
                let found =
                    list.iter().find(|aud| !aud.is_string()).map_or("", crate::decode::json_type);
                (
                    false,
                    format!(
                        "aud is an invalid claim: it lists {found}, but an aud array holds only strings (StringOrURI values, RFC 7519 §4.1.3)."
                    ),
                )
            }
            Some(Value::Array(list)) if list.iter().any(|aud| aud.as_str() == Some(expected)) => {
                (true, format!("aud lists {expected:?}."))
            }
            Some(Value::Array(_)) => (false, format!("aud does not list {expected:?}.")),
            Some(other) => (
                false,
                format!(
                    "aud is {}, not a string or an array of strings.",
                    crate::decode::json_type(other)
                ),
            ),
            None => {
                (false, "The token has no aud claim, so it is not addressed to anyone.".to_owned())
            }
        };
        checks.push(ClaimCheck {
            claim: "aud",
            expected: expected.to_owned(),
            ok,
            checked: true,
            message,
        });
    } else if let Some(aud) = payload.get("aud") {
        let named = match aud {
            Value::String(aud) => format!("names the audience {aud:?}"),
            Value::Array(list) if list.len() == 1 => format!("names the audience {}", list[0]),
            Value::Array(list) => format!("names {} audiences", list.len()),
            other => format!("has an aud claim ({})", crate::decode::json_type(other)),
        };
        checks.push(ClaimCheck {
            claim: "aud",
            expected: String::new(),
            ok: true,
            checked: false,
            message: format!(
                "Not checked: the token {named}, but no expected audience was given. A recipient that does not identify itself with a value in aud MUST reject the token (RFC 7519 §4.1.3); give --aud (the API's and the form's aud field) to check it."
            ),
        });
    }
    checks
}

/// A NumericDate as an RFC 3339 UTC time, whole seconds unless it has a fraction.
pub fn rfc3339(seconds: f64) -> Option<String> {
    if !seconds.is_finite() || seconds.abs() > 1e14 {
        return None;
    }
    let whole = seconds.floor();
    let nanos = ((seconds - whole) * 1e9).round().min(999_999_999.0) as u32;
    let time = DateTime::<Utc>::from_timestamp(whole as i64, nanos)?;
    let format = if nanos == 0 { SecondsFormat::Secs } else { SecondsFormat::AutoSi };
    Some(time.to_rfc3339_opts(format, true))
}

/// "3 hours ago", "in 2 days", "now": a moment relative to `now`, in its largest whole unit, counts with
/// thousands separators ("in 1,234 years"); beyond 10,000 years, "in more than 10,000 years"; for NaN, "at no
/// known time".
pub fn relative(at: f64, now: i64) -> String {
    // No JSON number is NaN; a library caller's would otherwise read as "in 0 seconds".
    if at.is_nan() {
        return "at no known time".to_owned();
    }
    let delta = at - now as f64;
    let span = delta.abs();
    if span < 1.0 {
        return "now".to_owned();
    }
    const UNITS: &[(f64, &str)] = &[
        (31_557_600.0, "year"),
        (86_400.0, "day"),
        (3_600.0, "hour"),
        (60.0, "minute"),
        (1.0, "second"),
    ];
    let (size, unit) =
        UNITS.iter().find(|(size, _)| span >= *size).copied().unwrap_or((1.0, "second"));
    const MAX_YEARS: f64 = 10_000.0;
    let count = (span / size).floor();
    let plural = if count == 1.0 { "" } else { "s" };
    let amount = if unit == "year" && count >= MAX_YEARS {
        "more than 10,000".to_owned()
    } else {
        thousands(count as u64)
    };
    if delta < 0.0 {
        format!("{amount} {unit}{plural} ago")
    } else {
        format!("in {amount} {unit}{plural}")
    }
}

/// 1234567 as "1,234,567".
fn thousands(count: u64) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => panic!("not an object"),
        }
    }

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(
            CLAIMS.windows(2).all(|pair| pair[0].0 < pair[1].0),
            "CLAIMS must stay sorted and unique"
        );
        assert!(claim_description("exp").unwrap().contains("Expiration"));
        assert!(claim_description("custom").is_none());
    }

    #[test]
    fn exp_equal_to_now_has_expired() {
        let payload = claims(json!({"exp": 1000}));
        assert_eq!(time_status(&payload, Clock::at(999)).status, TimeStatus::Valid);
        assert_eq!(time_status(&payload, Clock::at(1000)).status, TimeStatus::Expired);
        assert_eq!(time_status(&payload, Clock::at(1000).with_leeway(1)).status, TimeStatus::Valid);
        assert_eq!(
            time_status(&payload, Clock::at(1001).with_leeway(1)).status,
            TimeStatus::Expired
        );
    }

    #[test]
    fn nbf_equal_to_now_is_valid() {
        let payload = claims(json!({"nbf": 1000}));
        assert_eq!(time_status(&payload, Clock::at(999)).status, TimeStatus::NotYetValid);
        assert_eq!(time_status(&payload, Clock::at(1000)).status, TimeStatus::Valid);
        assert_eq!(time_status(&payload, Clock::at(990).with_leeway(10)).status, TimeStatus::Valid);
    }

    #[test]
    fn fractional_dates_compare_exactly() {
        let payload = claims(json!({"exp": 1000.5}));
        assert_eq!(time_status(&payload, Clock::at(1000)).status, TimeStatus::Valid);
        assert_eq!(time_status(&payload, Clock::at(1001)).status, TimeStatus::Expired);
        assert_eq!(rfc3339(1000.5).as_deref(), Some("1970-01-01T00:16:40.500Z"));
    }

    #[test]
    fn iat_in_the_future_is_not_yet_valid_and_no_claims_is_said() {
        assert_eq!(
            time_status(&claims(json!({"iat": 2000})), Clock::at(1000)).status,
            TimeStatus::NotYetValid
        );
        assert_eq!(
            time_status(&claims(json!({"iat": 500})), Clock::at(1000)).status,
            TimeStatus::NoTimeClaims
        );
        assert_eq!(
            time_status(&claims(json!({"sub": "x"})), Clock::at(1000)).status,
            TimeStatus::NoTimeClaims
        );
    }

    #[test]
    fn claims_are_explained_registered_first() {
        let payload = claims(
            json!({"zeta": 1, "exp": 1_700_003_600, "iss": "me", "auth_time": 1_699_996_400}),
        );
        let explained = explain_claims(&payload, Clock::at(1_700_000_000));
        let names: Vec<&str> = explained.iter().map(|claim| claim.name.as_str()).collect();
        assert_eq!(names, ["iss", "exp", "auth_time", "zeta"]);
        assert_eq!(explained[1].time.as_deref(), Some("2023-11-14T23:13:20Z"));
        assert_eq!(explained[1].relative.as_deref(), Some("in 1 hour"));
        assert_eq!(explained[1].status, Some(ClaimStatus::Valid));
        assert_eq!(explained[2].relative.as_deref(), Some("1 hour ago"));
        assert_eq!(explained[2].status, None);
        assert!(explained[3].description.is_none() && explained[3].time.is_none());
    }

    #[test]
    fn iss_and_aud_are_checked_as_rfc_7519_says() {
        let payload = claims(json!({"iss": "https://a", "aud": ["x", "y"]}));
        let checks = check_claims(&payload, Some("https://a"), Some("y"));
        assert!(checks.iter().all(|check| check.ok), "{checks:?}");
        let checks = check_claims(&payload, Some("https://A"), Some("z"));
        assert!(checks.iter().all(|check| !check.ok), "{checks:?}");
        assert!(check_claims(&claims(json!({"aud": "x"})), None, Some("x"))[0].ok);
        assert!(!check_claims(&claims(json!({})), Some("i"), None)[0].ok);
        assert!(check_claims(&claims(json!({"iss": "https://a"})), None, None).is_empty());
    }

    #[test]
    fn an_unchecked_audience_is_noted_and_a_non_string_member_fails() {
        // RFC 7519 §4.1.3: a recipient that does not identify itself with a value in aud MUST reject.
        let checks = check_claims(&claims(json!({"aud": "svc-a"})), None, None);
        assert_eq!(checks.len(), 1, "{checks:?}");
        assert_eq!((checks[0].claim, checks[0].checked, checks[0].ok), ("aud", false, true));
        assert!(checks[0].message.contains("\"svc-a\"") && checks[0].message.contains("--aud"));
        let listed = check_claims(&claims(json!({"aud": ["a", "b"]})), None, None);
        assert!(listed[0].message.contains("names 2 audiences"), "{listed:?}");
        // StringOrURI values only: a number in the array makes the claim invalid, whatever else it lists.
        let checks = check_claims(&claims(json!({"aud": [1, "a"]})), None, Some("a"));
        assert!(checks[0].checked && !checks[0].ok, "{checks:?}");
        assert!(checks[0].message.contains("invalid claim: it lists a number"), "{checks:?}");
    }

    #[test]
    fn relative_times_read_naturally() {
        assert_eq!(relative(100.0, 100), "now");
        assert_eq!(relative(f64::NAN, 100), "at no known time");
        assert_eq!(relative(100.0, 100 + 3 * 3600 + 5), "3 hours ago");
        assert_eq!(relative(100.0 + 86_400.0 * 2.0, 100), "in 2 days");
        assert_eq!(relative(100.0 + 61.0, 100), "in 1 minute");
        assert_eq!(relative(1e300, 0), "in more than 10,000 years");
        assert_eq!(relative(-1e300, 0), "more than 10,000 years ago");
        assert_eq!(relative(1_234.0 * 31_557_600.0 + 5.0, 0), "in 1,234 years");
        assert_eq!(relative(9_999.5 * 31_557_600.0, 0), "in 9,999 years");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
        assert_eq!(rfc3339(1e300), None);
    }

    #[test]
    fn the_leeway_is_named_for_what_it_forgives() {
        let message = |payload: Value, clock: Clock| time_status(&claims(payload), clock).message;
        let clock = Clock::at(1_000).with_leeway(10);
        assert_eq!(
            message(json!({"exp": 995}), clock),
            "Valid now only through the leeway: expired 5 seconds ago, within the 10 s leeway."
        );
        assert_eq!(
            message(json!({"exp": 980}), clock),
            "Expired 20 seconds ago, beyond the 10 s leeway."
        );
        assert_eq!(message(json!({"exp": 980}), Clock::at(1_000)), "Expired 20 seconds ago.");
        assert_eq!(message(json!({"exp": 4_600}), clock), "Valid now; expires in 1 hour.");
        assert_eq!(
            message(json!({"nbf": 1_005, "exp": 4_600}), clock),
            "Valid now only through the leeway: becomes valid in 5 seconds, within the 10 s leeway; expires in 1 hour."
        );
        assert_eq!(
            message(json!({"nbf": 1_030}), clock),
            "Not valid yet: becomes valid in 30 seconds, beyond the 10 s leeway."
        );
        assert_eq!(
            message(json!({"iat": 1_003}), clock),
            "No exp or nbf claim: the token never expires by itself (its iat: issued in 3 seconds, within the 10 s leeway)."
        );
        // A span beyond words gets its date, when a date can show it (20,000 years after 1970).
        let far = 20_000.0 * 31_557_600.0;
        let text = message(json!({"exp": far}), Clock::at(0));
        assert!(
            text.starts_with(
                "Valid now; expires in more than 10,000 years (+21970-05-31T00:00:00Z)"
            ),
            "{text}"
        );
        assert_eq!(
            message(json!({"exp": 1e300}), Clock::at(0)),
            "Valid now; expires in more than 10,000 years."
        );
    }
}
