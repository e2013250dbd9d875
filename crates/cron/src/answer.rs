//! The whole answer the site gives for a cron expression, and the one place its input is validated.
//!
//! The `/cron` page, `GET /api/cron` and `devtools cron` all call [`answer`] with a [`CronRequest`] holding the
//! text they received, so they accept the same inputs and refuse the others with the same [`AnswerError`]: kind
//! `invalid_dialect` (from [`answer_in`]), `invalid_expression` (with `field`, `position` and `length`, and a [`Location`]), `invalid_timezone` (with
//! `suggestions`: the zones the name probably means, from [`zone_suggestions`], possibly none), `invalid_count` or
//! `invalid_from`.

use crate::dialect::translate::{Translation, translate};
use crate::dialect::{Dialect, Expression, Plan};
use crate::{FieldKind, ParseError};
use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use devtools_kit::{AnswerError, Location};
use serde::{Deserialize, Serialize, Serializer};

/// Runs listed when the request names no count.
pub const DEFAULT_COUNT: usize = 10;

/// Most runs one request may ask for.
pub const MAX_COUNT: usize = 100;

/// What to explain, as text exactly as a query string, a form or a command line carries it; [`answer`] validates
/// every part. Deserializing refuses a field it does not have (`unknown field`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CronRequest {
    /// The cron expression, such as `*/15 9-17 * * MON-FRI` or `@daily`; a missing one is the empty expression,
    /// which is refused as `invalid_expression`.
    #[serde(default)]
    pub expr: String,
    /// IANA time zone name for the runs, matched exactly or ignoring case; UTC when absent.
    pub tz: Option<String>,
    /// How many runs to list, a whole number from 1 to [`MAX_COUNT`]; [`DEFAULT_COUNT`] when absent.
    pub count: Option<String>,
    /// RFC 3339 instant to list the runs after, such as `2026-01-01T00:00:00Z`, from [`MIN_FROM`] through
    /// [`MAX_FROM`]; now when absent.
    pub from: Option<String>,
}

/// A cron expression explained: what the site shows and `GET /api/cron` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema))]
pub struct CronAnswer {
    /// The expression as parsed, trimmed of surrounding white space.
    pub expr: String,
    /// The schedule in plain English, such as `At 09:00 on every day-of-week from Monday through Friday`.
    pub description: String,
    /// The IANA time zone the runs are given in, by its canonical name (`Asia/Kolkata` for `asia/kolkata`).
    #[serde(serialize_with = "zone_name")]
    #[cfg_attr(feature = "web", schema(value_type = String, example = "Europe/Berlin"))]
    pub tz: Tz,
    /// The next runs after the request's instant, in order, as RFC 3339 date-times with the zone's offset
    /// (`2026-03-08T03:00:00-04:00`); empty for `@reboot`, an expression that never fires, or one whose runs all
    /// lie before that instant.
    #[serde(serialize_with = "rfc3339")]
    #[cfg_attr(feature = "web", schema(value_type = Vec<String>, format = DateTime))]
    pub next: Vec<DateTime<Tz>>,
    /// Each field of the expression in order (of the macro's expansion for a macro; none for `@reboot`).
    pub fields: Vec<CronField>,
    /// Something about the schedule that may surprise (it never fires, `@reboot` has no run times, day-of-month
    /// and day-of-week must both match, no runs after the instant, the dialect's own cautions such as GitHub
    /// Actions' delays; for a crontab line, syntax crontab(5) and cronie do not have, namely a seconds field, a
    /// year field, `L`, `W`, `#` or `?`, with what a real crontab would do with the line), or null.
    pub warning: Option<String>,
    /// The dialect the expression was read in (`vixie`, `quartz`, `eventbridge`, `kubernetes`, `github`,
    /// `systemd`); present only when the request named one, so an answer without it is exactly the Vixie one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "web", schema(value_type = Option<String>, example = "quartz"))]
    pub dialect: Option<&'static str>,
    /// The expression in every other dialect, each with what cannot be carried over and a comparison of both run
    /// lists over two years from the request's instant; present only when the request named a dialect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translations: Option<Vec<Translation>>,
}

/// One field of an expression, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema))]
pub struct CronField {
    /// Which field: `second`, `minute`, `hour`, `day-of-month`, `month`, `day-of-week` or `year`.
    #[serde(rename = "name", serialize_with = "field_name")]
    #[cfg_attr(feature = "web", schema(value_type = String, example = "minute"))]
    pub kind: FieldKind,
    /// The field's text as written, such as `*/15` or `MON-FRI`.
    pub raw: String,
    /// What the field matches, in words, such as `every 15th minute`.
    pub description: String,
    /// Every value the field lists, ascending, in the field's own unit (seconds and minutes 0–59, hours 0–23, days
    /// of the month 1–31, months 1–12, weekdays 0–6 from Sunday, years); days matched by a rule (`L`, `15W`, `5L`,
    /// `MON#2`) depend on the month and are not listed.
    pub values: Vec<u32>,
}

fn zone_name<S: Serializer>(tz: &Tz, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(tz.name())
}

fn rfc3339<S: Serializer>(runs: &[DateTime<Tz>], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(runs.iter().map(DateTime::to_rfc3339))
}

fn field_name<S: Serializer>(kind: &FieldKind, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(kind.name())
}

/// Explains `request.expr` and lists its next runs: exactly what the `/cron` page shows, `GET /api/cron` answers
/// and `devtools cron` prints, or why the request cannot be answered.
pub fn answer(request: &CronRequest) -> Result<CronAnswer, AnswerError> {
    answer_at(request, None, Utc::now())
}

/// [`answer`] for an expression in a dialect named as the API, the page and the command line name it (`vixie`,
/// `quartz`, `eventbridge`, `kubernetes`, `github`, `systemd`, ignoring case). `None` is [`answer`] itself;
/// `Some("vixie")` reads the expression the same way and adds the answer's `dialect`. Another name is refused as
/// `invalid_dialect`, before the expression is read.
pub fn answer_in(request: &CronRequest, dialect: Option<&str>) -> Result<CronAnswer, AnswerError> {
    answer_at(request, dialect, Utc::now())
}

/// The dialect a request names, `None` when it names none (or an empty one).
pub(crate) fn parse_dialect(name: Option<&str>) -> Result<Option<Dialect>, AnswerError> {
    let Some(name) = name.map(str::trim).filter(|name| !name.is_empty()) else { return Ok(None) };
    Dialect::from_name(name).map(Some).ok_or_else(|| {
        let shown: String = name.chars().take(40).collect();
        let names: Vec<&str> = Dialect::ALL.iter().map(|d| d.name()).collect();
        AnswerError::invalid(
            "invalid_dialect",
            format!("unknown dialect \"{shown}\"; use one of {}", names.join(", ")),
        )
    })
}

/// [`answer_in`] with `now` as the instant the runs follow when the request names none.
pub(crate) fn answer_at(
    request: &CronRequest,
    dialect: Option<&str>,
    now: DateTime<Utc>,
) -> Result<CronAnswer, AnswerError> {
    let chosen = parse_dialect(dialect)?;
    let expression = Expression::parse(chosen.unwrap_or_default(), &request.expr);
    answer_parsed(request, chosen, expression.as_ref(), now, true)
}

/// [`answer_at`] for an expression already read in `chosen` (or the default dialect when `None`), with the
/// translations (each checked by computing runs over two years, the costly part) only when `translate_too` is
/// set and a dialect is named: the page asks for them only when its user does. The page reads the expression
/// itself because its builder needs the parsed fields too; reading it twice (croner's parser included) was a
/// tenth of the page's time.
pub(crate) fn answer_parsed(
    request: &CronRequest,
    chosen: Option<Dialect>,
    expression: Result<&Expression, &ParseError>,
    now: DateTime<Utc>,
    translate_too: bool,
) -> Result<CronAnswer, AnswerError> {
    let expression = expression.map_err(expression_error)?;
    let tz = zone(request.tz.as_deref())?;
    let count = count(request.count.as_deref())?;
    let from = parse_from(request.from.as_deref())?.unwrap_or(now);
    let (next, warning) = runs_and_warning(expression, from, tz, count);
    let fields = expression.schedule().map(|schedule| schedule.fields()).unwrap_or_default();
    Ok(CronAnswer {
        expr: expression.source().to_owned(),
        description: expression.describe(),
        tz,
        next,
        dialect: chosen.map(Dialect::name),
        translations: chosen.filter(|_| translate_too).map(|_| translate(expression, tz, from)),
        fields: fields
            .iter()
            .map(|field| CronField {
                kind: field.kind(),
                raw: field.raw().to_owned(),
                description: field.describe(),
                values: field.values().to_vec(),
            })
            .collect(),
        warning,
    })
}

fn expression_error(error: &ParseError) -> AnswerError {
    let field = error.field().map(FieldKind::name);
    let span = error.position()..error.position() + error.len();
    AnswerError::invalid("invalid_expression", error.to_string())
        .at(Location { part: field.map(Into::into), span: Some(span) })
        .with("field", field)
        .with("position", error.position())
        .with("length", error.len())
}

/// A zone by IANA name, exactly or ignoring case.
pub(crate) fn parse_zone(name: &str) -> Option<Tz> {
    let name = name.trim();
    name.parse::<Tz>().ok().or_else(|| {
        chrono_tz::TZ_VARIANTS.iter().copied().find(|tz| tz.name().eq_ignore_ascii_case(name))
    })
}

fn zone(name: Option<&str>) -> Result<Tz, AnswerError> {
    let name = name.unwrap_or("UTC");
    parse_zone(name).ok_or_else(|| {
        let shown: String = name.chars().take(60).collect();
        AnswerError::invalid(
            "invalid_timezone",
            format!(
                "unknown time zone \"{shown}\"; use an IANA name such as UTC, Europe/Berlin or America/New_York"
            ),
        )
        .with("suggestions", zone_suggestions(name))
    })
}

/// Most zones an `invalid_timezone` error suggests.
const MAX_SUGGESTIONS: usize = 5;

/// The IANA zones a name that is no zone probably means, best first, at most [`MAX_SUGGESTIONS`]: zones whose
/// city is the name (`berlin` → `Europe/Berlin`, `new york` → `America/New_York`), else zones whose name contains
/// it (`york`), else zones within two edits of it, whole or by city (`Europe/Berln`). Empty when none is close.
pub(crate) fn zone_suggestions(name: &str) -> Vec<&'static str> {
    let wanted = name.trim().replace(' ', "_").to_lowercase();
    if wanted.is_empty() || wanted.len() > 60 {
        return Vec::new();
    }
    let city = |zone: &str| zone.rsplit('/').next().unwrap_or(zone).to_lowercase();
    let near = |a: &str, b: &str| edit_distance(a, b) <= 2;
    let rules: [&dyn Fn(&str) -> bool; 3] =
        [&|zone| city(zone) == wanted, &|zone| zone.to_lowercase().contains(&wanted), &|zone| {
            near(&zone.to_lowercase(), &wanted) || (wanted.len() > 3 && near(&city(zone), &wanted))
        }];
    for rule in rules {
        let mut found: Vec<&'static str> =
            chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).filter(|zone| rule(zone)).collect();
        if !found.is_empty() {
            // Region/City names first (not the legacy `Berlin`-less aliases such as `CET` or `US/Eastern`),
            // shorter ones before longer.
            found.sort_by_key(|zone| (!zone.contains('/') || legacy(zone), zone.len(), *zone));
            found.truncate(MAX_SUGGESTIONS);
            return found;
        }
    }
    Vec::new()
}

/// Zone names kept for compatibility rather than the `Region/City` ones people should use.
fn legacy(zone: &str) -> bool {
    ["Etc/", "US/", "SystemV/", "Canada/", "Mexico/", "Brazil/", "Chile/"]
        .iter()
        .any(|prefix| zone.starts_with(prefix))
}

/// Levenshtein distance between two short ASCII-ish strings, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitute.min(previous + 1).min(row[j] + 1);
        }
    }
    row[b.len()]
}

fn count(text: Option<&str>) -> Result<usize, AnswerError> {
    let Some(text) = text else { return Ok(DEFAULT_COUNT) };
    text.trim().parse::<usize>().ok().filter(|n| (1..=MAX_COUNT).contains(n)).ok_or_else(|| {
        AnswerError::invalid(
            "invalid_count",
            format!("count must be a whole number from 1 to {MAX_COUNT}"),
        )
    })
}

/// The earliest `from` accepted, the Unix epoch 1970-01-01T00:00:00Z.
///
/// Earlier instants are refused rather than computed from: systemd counts time in microseconds since the epoch
/// and can list no run before it (its answer would be empty, and every translation check into it would
/// differ), the crate already calls an expression one that never fires when it has no run after the epoch, and
/// croner, which computes the other dialects, starts at the year 1 and reads an instant in the year 0 as if it
/// were 0001-01-01 (and in zones west of UTC skips the last hours of the year 0 in local time), which would
/// silently answer for another instant. One floor for every dialect keeps the answer and its translation checks
/// computed from the same instant.
pub const MIN_FROM: DateTime<Utc> = DateTime::UNIX_EPOCH;

/// The latest `from` accepted, 9999-12-31T23:59:59Z: runs and messages are written in RFC 3339, whose years
/// have four digits; an offset can carry a written 9999 into the year 10000 in UTC, which RFC 3339 cannot
/// write. (Runs themselves stop well before: croner computes up to the year 5000, systemd to 2199, and the
/// answer's warning says so.)
pub const MAX_FROM: DateTime<Utc> = match DateTime::from_timestamp(253_402_300_799, 0) {
    Some(t) => t,
    None => DateTime::UNIX_EPOCH,
};

/// The request's `from` instant, `None` when it names none; refused outside [`MIN_FROM`]..=[`MAX_FROM`].
pub(crate) fn parse_from(text: Option<&str>) -> Result<Option<DateTime<Utc>>, AnswerError> {
    let Some(text) = text else { return Ok(None) };
    let from = DateTime::parse_from_rfc3339(text.trim()).map(|t| t.to_utc()).map_err(|_| {
        AnswerError::invalid(
            "invalid_from",
            "from must be an RFC 3339 instant such as 2026-01-01T00:00:00Z",
        )
    })?;
    if !(MIN_FROM..=MAX_FROM).contains(&from) {
        return Err(AnswerError::invalid(
            "invalid_from",
            "from must be an instant from 1970-01-01T00:00:00Z through 9999-12-31T23:59:59Z (systemd counts \
             time from 1970; RFC 3339 writes no year after 9999)",
        ));
    }
    Ok(Some(from))
}

/// The runs after `from` and the warning to show with them.
fn runs_and_warning(
    expression: &Expression,
    from: DateTime<Utc>,
    tz: Tz,
    count: usize,
) -> (Vec<DateTime<Tz>>, Option<String>) {
    // Searching for runs of an expression that never fires walks croner to its year-5000 limit; do it once.
    if expression.never_fires() {
        return (Vec::new(), expression.warning());
    }
    let runs = expression.runs_after(from, tz, count);
    if !runs.is_empty() {
        return (runs, expression.warning());
    }
    let when = from.format("%Y-%m-%d %H:%M:%S UTC");
    let year_limited = expression
        .schedule()
        .and_then(|schedule| schedule.field(FieldKind::Year))
        .is_some_and(|year| year.raw() != "*");
    let last_year = match expression.plan() {
        Plan::Calendar(event) => event.last_year(),
        _ => None,
    };
    let warning = if let Some(year) = last_year {
        // A year written in the event bounds it: its runs ended with that year, not at systemd's limit.
        if year < i64::from(from.year()) {
            format!("No runs after {when}: the event's last year, {year}, has passed.")
        } else {
            format!("No runs after {when}: the event's last run, in {year}, has passed.")
        }
    } else if matches!(expression.dialect(), Dialect::Systemd) {
        format!("No runs after {when}: systemd looks no further than the year 2199.")
    } else if year_limited {
        format!("No runs after {when}: the year field names only earlier years.")
    } else {
        format!("No runs after {when}: run times are computed up to the year 5000.")
    };
    (runs, Some(warning))
}

#[cfg(test)]
mod tests {
    use super::*;
    use devtools_kit::ErrorClass;

    fn request(
        expr: &str,
        tz: Option<&str>,
        count: Option<&str>,
        from: Option<&str>,
    ) -> CronRequest {
        CronRequest {
            expr: expr.to_owned(),
            tz: tz.map(str::to_owned),
            count: count.map(str::to_owned),
            from: from.map(str::to_owned),
        }
    }

    #[test]
    fn answers_with_typed_runs_in_the_zone() {
        let answer = answer(&request(
            "30 2 * * *",
            Some("america/new_york"),
            Some("2"),
            Some("2026-03-07T12:00:00Z"),
        ))
        .unwrap();
        assert_eq!(answer.tz, chrono_tz::America::New_York);
        let runs: Vec<String> = answer.next.iter().map(DateTime::to_rfc3339).collect();
        assert_eq!(runs, ["2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"]);
        assert_eq!(answer.fields[0].kind, FieldKind::Minute);
        assert_eq!(answer.warning, None);
    }

    #[test]
    fn expression_errors_carry_their_location() {
        let error = answer(&request("0 60 * * *", None, None, None)).unwrap_err();
        assert_eq!((error.class(), error.kind()), (ErrorClass::Invalid, "invalid_expression"));
        let location = error.location().unwrap();
        assert_eq!(location.part.as_deref(), Some("hour"));
        assert_eq!(location.span, Some(2..4));
    }

    #[test]
    fn every_part_is_validated_in_order() {
        let kind = |r: CronRequest| answer(&r).unwrap_err().kind().to_owned();
        assert_eq!(kind(request("61 * * * *", Some("Mars"), None, None)), "invalid_expression");
        assert_eq!(kind(request("* * * * *", Some("Mars"), Some("0"), None)), "invalid_timezone");
        for count in ["0", "101", "500", "ten", "-1", ""] {
            assert_eq!(
                kind(request("* * * * *", None, Some(count), None)),
                "invalid_count",
                "{count}"
            );
        }
        assert_eq!(kind(request("* * * * *", None, None, Some("2026-01-01"))), "invalid_from");
        assert_eq!(answer(&request("* * * * *", None, Some("100"), None)).unwrap().next.len(), 100);
    }

    #[test]
    fn a_from_outside_the_supported_range_is_refused_not_moved() {
        // croner starts at the year 1: 0000-06-01 used to list runs from 0001-01-01 with no word of it.
        for from in [
            "0000-06-01T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z",
            "1970-01-01T00:59:59+01:00",
            "9999-12-31T23:59:59-00:01",
        ] {
            for (expr, dialect) in
                [("* * * * *", "vixie"), ("0 * * ? * *", "quartz"), ("*:*", "systemd")]
            {
                let error =
                    answer_in(&request(expr, None, None, Some(from)), Some(dialect)).unwrap_err();
                assert_eq!(error.kind(), "invalid_from", "{from} {dialect}");
                assert!(
                    error.to_string().contains("1970-01-01T00:00:00Z through 9999-12-31T23:59:59Z")
                );
            }
        }
        let first = |from: &str, tz: &str| {
            let answer = answer(&request("* * * * *", Some(tz), Some("1"), Some(from))).unwrap();
            answer.next[0].to_rfc3339()
        };
        assert_eq!(first("1970-01-01T00:00:00Z", "UTC"), "1970-01-01T00:01:00+00:00");
        assert_eq!(first("1970-01-01T00:00:00Z", "America/New_York"), "1969-12-31T19:01:00-05:00");
        let last = answer(&request("* * * * *", None, None, Some("9999-12-31T23:59:59Z"))).unwrap();
        assert!(last.next.is_empty());
        assert_eq!(
            last.warning.as_deref(),
            Some(
                "No runs after 9999-12-31 23:59:59 UTC: run times are computed up to the year 5000."
            )
        );
    }

    #[test]
    fn an_unknown_zone_comes_with_suggestions() {
        let error = answer(&request("* * * * *", Some("berlin"), None, None)).unwrap_err();
        assert_eq!(error.kind(), "invalid_timezone");
        assert_eq!(error.details()["suggestions"], serde_json::json!(["Europe/Berlin"]));
        assert_eq!(zone_suggestions("new york"), ["America/New_York"]);
        assert_eq!(zone_suggestions("Europe/Berln"), ["Europe/Berlin"]);
        assert_eq!(zone_suggestions("kolkatta"), ["Asia/Kolkata"]);
        assert!(zone_suggestions("york").contains(&"America/New_York"));
        assert!(zone_suggestions("Mars/Olympus").is_empty());
        assert!(zone_suggestions("").is_empty());
        assert!(zone_suggestions("  ").is_empty());
        assert!(zone_suggestions(&"x".repeat(200)).is_empty());
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn a_dialect_is_validated_first_and_named_in_the_answer() {
        let quartz = answer_in(
            &request("0 15 10 ? * 6L", None, Some("1"), Some("2026-01-01T00:00:00Z")),
            Some("Quartz"),
        )
        .unwrap();
        assert_eq!(quartz.dialect, Some("quartz"));
        assert_eq!(quartz.next[0].to_rfc3339(), "2026-01-30T10:15:00+00:00");
        let plain =
            answer(&request("0 9 * * *", None, None, Some("2026-01-01T00:00:00Z"))).unwrap();
        let vixie = answer_in(
            &request("0 9 * * *", None, None, Some("2026-01-01T00:00:00Z")),
            Some("vixie"),
        )
        .unwrap();
        assert_eq!(plain.dialect, None);
        assert_eq!(vixie.translations.as_ref().map(Vec::len), Some(5));
        assert_eq!(CronAnswer { dialect: None, translations: None, ..vixie }, plain);
        let error = answer_in(&request("61 * * * *", None, None, None), Some("fcron")).unwrap_err();
        assert_eq!(error.kind(), "invalid_dialect");
        assert!(error.message().contains("vixie, quartz, eventbridge"), "{}", error.message());
        let error =
            answer_in(&request("0 0 12 1 * MON", None, None, None), Some("quartz")).unwrap_err();
        assert_eq!(error.location().unwrap().span, Some(11..14));
        assert_eq!(error.details()["field"], "day-of-week");
    }

    #[test]
    fn an_expression_with_only_past_runs_says_so() {
        let answer =
            answer(&request("0 0 0 1 1 ? 2020", None, None, Some("2026-01-01T00:00:00Z"))).unwrap();
        assert!(answer.next.is_empty());
        assert_eq!(
            answer.warning.as_deref(),
            Some("No runs after 2026-01-01 00:00:00 UTC: the year field names only earlier years.")
        );
    }

    /// A systemd event whose written year has passed says so, not that systemd stops at 2199 (systemd-analyze 252
    /// prints "Next elapse: never" for `2003-03-05 05:40`, an example of systemd.time(7)).
    #[test]
    fn a_systemd_event_whose_year_has_passed_says_so() {
        let past = |expr: &str| {
            let request = request(expr, None, None, Some("2026-01-01T00:00:00Z"));
            let answer = answer_in(&request, Some("systemd")).unwrap();
            assert!(answer.next.is_empty(), "{expr}");
            answer.warning.unwrap()
        };
        assert_eq!(
            past("2003-03-05 05:40"),
            "No runs after 2026-01-01 00:00:00 UTC: the event's last year, 2003, has passed."
        );
        assert_eq!(
            past("2020..2025-*-* 05:40"),
            "No runs after 2026-01-01 00:00:00 UTC: the event's last year, 2025, has passed."
        );
        let late = request("2026-01-01 00:00", None, None, Some("2026-06-01T00:00:00Z"));
        assert_eq!(
            answer_in(&late, Some("systemd")).unwrap().warning.as_deref(),
            Some(
                "No runs after 2026-06-01 00:00:00 UTC: the event's last run, in 2026, has passed."
            )
        );
    }
}
