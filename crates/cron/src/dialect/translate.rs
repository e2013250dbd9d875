//! An expression in every other dialect that can say the same, as ready-to-paste snippets, with what cannot be
//! carried over and a check of each translation: both run lists compared over a long window.
//!
//! A translation is written from the parsed fields, never from the text: each field is rendered from the values
//! and items it matches (weekdays by name, so the dialects' numbering never matters), in the form the target
//! reads the same way (a day field that must not start with `*` in a Vixie OR, `?` where Quartz wants it). What
//! a target cannot say makes it refuse, with the reason: seconds (other than `0`), years, `L`/`W`/`#`, a zone
//! other than UTC for GitHub Actions, and day-of-month with day-of-week, which Vixie cron ORs, Quartz and
//! EventBridge refuse and systemd ANDs.

use super::{Dialect, Expression, Plan};
use crate::field::{FieldKind, WEEKDAY_NAMES};
use crate::parse::{Field, Item};
use crate::runs::DstRule;
use crate::schedule::Schedule;
use chrono::{DateTime, Months, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// How long the check compares runs over.
pub const CHECK_MONTHS: u32 = 24;

/// Most runs the check compares (an every-second schedule stops here, well inside the window).
pub const CHECK_LIMIT: usize = 1000;

/// The expression in one other dialect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema))]
pub struct Translation {
    /// The target dialect: `vixie`, `quartz`, `eventbridge`, `kubernetes`, `github` or `systemd`.
    pub dialect: &'static str,
    /// The target's name for people, such as `Kubernetes CronJob`.
    pub label: &'static str,
    /// The expression in the target's syntax, or null when it cannot say the same.
    pub expression: Option<String>,
    /// Ready to paste: a crontab line, a CronJob manifest, an AWS CLI command, a Spring annotation, a workflow's
    /// `on:` block or a timer unit's `[Timer]` section; null when there is no expression.
    pub snippet: Option<String>,
    /// What cannot be carried over, and why (with no expression: why there is none); empty when nothing is lost.
    pub lost: Vec<String>,
    /// The comparison of both run lists, or null when there is no expression.
    pub check: Option<Check>,
}

/// Two run lists compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "web", derive(utoipa::ToSchema))]
pub struct Check {
    /// Whether both list exactly the same instants over the window.
    pub same: bool,
    /// How many runs were compared (of the original), at most 1000 (`CHECK_LIMIT`); 0 when neither lists a run in
    /// the window (a schedule with no run left), so nothing was compared.
    pub runs: usize,
    /// The window's start (exclusive), RFC 3339 in UTC.
    #[cfg_attr(feature = "web", schema(format = DateTime))]
    pub from: String,
    /// The window's end: 24 months (`CHECK_MONTHS`) after `from` (at most 9999-12-31T23:59:59Z), or the last run
    /// compared when the limit came first.
    #[cfg_attr(feature = "web", schema(format = DateTime))]
    pub until: String,
    /// The first instant one lists and the other does not, RFC 3339 in UTC, when they differ.
    #[cfg_attr(feature = "web", schema(format = DateTime))]
    pub first_difference: Option<String>,
}

/// How a target reads day-of-month with day-of-week.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Days {
    /// Both restricted means OR, unless one starts with `*` (Vixie, GitHub).
    Vixie,
    /// Both restricted means OR, unless one is a bare `*` (robfig/cron).
    Robfig,
    /// One of them must be `?` (Quartz, EventBridge).
    Question,
    /// Always AND (systemd).
    And,
}

/// The source's meaning of the day fields.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum DayLogic {
    /// Neither restricted.
    Every,
    /// Only day-of-month restricted.
    DomOnly,
    /// Only day-of-week restricted.
    DowOnly,
    /// Both restricted, either matches.
    Or,
    /// Both restricted, both must match.
    And,
}

fn restricted(field: Option<&Field>) -> bool {
    field.is_some_and(|f| !f.is_every() || f.has_special())
}

fn day_logic(schedule: &Schedule) -> DayLogic {
    let dom = restricted(schedule.field(FieldKind::DayOfMonth));
    let dow = restricted(schedule.field(FieldKind::DayOfWeek));
    match (dom, dow) {
        (false, false) => DayLogic::Every,
        (true, false) => DayLogic::DomOnly,
        (false, true) => DayLogic::DowOnly,
        (true, true) if schedule.days_and() => DayLogic::And,
        (true, true) => DayLogic::Or,
    }
}

/// Every other dialect's translation of `expression`, whose runs are in `tz`, checked from `from`, or from just
/// before the first run when that is more than [`CHECK_MONTHS`] months after `from`.
pub fn translate(expression: &Expression, tz: Tz, from: DateTime<Utc>) -> Vec<Translation> {
    let targets = Dialect::ALL.into_iter().filter(|target| *target != expression.dialect());
    if expression.never_fires() {
        let why = "This schedule has no run times, so there is nothing to carry over.";
        return targets.map(|target| refused(target, vec![why.to_owned()])).collect();
    }
    // A schedule whose first run lies beyond the window (a year field: `2099`) is checked from just before that
    // run, so that the check compares runs instead of two empty lists.
    let first_run = expression.runs_after(from, tz, 1).first().map(DateTime::to_utc);
    let from = match first_run {
        Some(first) if first > window_end(from) => first - chrono::TimeDelta::seconds(1),
        _ => from,
    };
    // The original's runs, once for every target.
    let until = window_end(from);
    let ours = expression.runs_between(from, until, tz, CHECK_LIMIT);
    targets.map(|target| translate_to(expression, target, tz, from, &ours, None)).collect()
}

/// The end of the window the check compares, [`CHECK_MONTHS`] after `from` but no later than [`crate::MAX_FROM`]:
/// the check writes it in RFC 3339, whose years stop at 9999 (from 9999-06-01 it said `+10001-06-01T…`).
fn window_end(from: DateTime<Utc>) -> DateTime<Utc> {
    from.checked_add_months(Months::new(CHECK_MONTHS))
        .unwrap_or(from)
        .min(crate::MAX_FROM.max(from))
}

fn refused(target: Dialect, why: Vec<String>) -> Translation {
    Translation {
        dialect: target.name(),
        label: target.label(),
        expression: None,
        snippet: None,
        lost: why,
        check: None,
    }
}

/// `source_dst`: how the original source treats daylight saving, when `source` stands for it (a systemd event's
/// cron fields); else [`dst_phrase`] of `source`.
fn translate_to(
    source: &Expression,
    target: Dialect,
    tz: Tz,
    from: DateTime<Utc>,
    ours: &[DateTime<Utc>],
    source_dst: Option<&'static str>,
) -> Translation {
    if let Plan::Calendar(event) = source.plan() {
        // Its cron fields, when it has some; the check still compares with systemd's own runs.
        return match super::systemd::as_cron(event) {
            Some(fields) => translate_to(&fields, target, tz, from, ours, Some(dst_phrase(source))),
            None => refused(
                target,
                vec![format!(
                    "{} has no cron fields for this event ({}): only lists, ranges and repetitions of each component, ~01 for the last day, and weekdays with an unrestricted date carry over.",
                    target.label(),
                    event.normalized()
                )],
            ),
        };
    }
    if let Plan::Every(interval) = source.plan() {
        return translate_interval(source, *interval, target, tz, from, ours);
    }
    let Plan::Cron(schedule) = source.plan() else {
        return refused(target, vec!["This schedule has no cron fields.".to_owned()]);
    };
    if schedule.is_reboot() {
        return refused(
            target,
            vec!["@reboot runs when the cron daemon starts; no other dialect has it.".to_owned()],
        );
    }
    let zone = source.evaluation_zone(tz);
    let mut why = Vec::new();
    let rendered = render(schedule, target, &mut why);
    if target == Dialect::Github && zone != chrono_tz::UTC {
        why.push(format!(
            "GitHub Actions runs schedules in UTC only; this one follows {}, whose offset {} so no fixed UTC time matches it.",
            zone.name(),
            if changes_offset(zone) { "changes with daylight saving" } else { "is not zero" }
        ));
    }
    let Some(mut text) = rendered.filter(|_| why.is_empty()) else { return refused(target, why) };
    if target == Dialect::Systemd {
        // Without a zone, systemd reads the event in the machine's local time.
        text = format!("{text} {}", zone.name());
    }
    let mut lost = Vec::new();
    if target == Dialect::Github {
        lost.push(super::github::DELAY_CAUTION.to_owned());
    }
    if target == Dialect::Vixie && zone != chrono_tz::UTC {
        lost.push(
            "CRON_TZ is cronie's; other crons run the line in the system's time zone.".to_owned(),
        );
    }
    let parsed = Expression::parse(target, &text);
    if let Err(error) = &parsed
        && matches!(error.kind(), crate::ErrorKind::Rule { .. })
        && matches!(error.field(), Some(FieldKind::DayOfMonth | FieldKind::DayOfWeek))
    {
        // A list of day items the target does not take (Quartz's one L, W or # per field, EventBridge's one #
        // expression): the target's own rule says why.
        return refused(target, vec![format!("{} cannot say this: {error}.", target.label())]);
    }
    let snippet = snippet(target, &text, zone);
    let mut target_dst = "";
    let check = match parsed {
        Ok(translated) => {
            target_dst = dst_phrase(&translated);
            Some(compare(ours, &translated, zone, from))
        }
        Err(error) => {
            lost.push(format!("The translation does not parse back ({error}); this is a bug."));
            None
        }
    };
    let difference = check.as_ref().and_then(|check| check.first_difference.as_ref());
    let transition = difference
        .and_then(|at| DateTime::parse_from_rfc3339(at).ok())
        .is_some_and(|at| changes_offset_between(zone, from, at.to_utc()));
    if let Some(at) = difference.filter(|_| !transition) {
        // No clock change up to the difference: daylight saving is not the cause, and none is made up.
        lost.push(format!(
            "The runs differ, first at {at}: {} and {} do not run at the same instants there.",
            source.dialect().label(),
            target.label(),
        ));
    } else if let Some(at) = difference {
        lost.push(format!(
            "The runs differ, first at {at}: {} and {} treat daylight-saving changes differently ({}; {target_dst}).",
            source.dialect().label(),
            target.label(),
            source_dst.unwrap_or_else(|| dst_phrase(source)),
        ));
    }
    Translation {
        dialect: target.name(),
        label: target.label(),
        expression: Some(text),
        snippet: Some(snippet),
        lost,
        check,
    }
}

/// A fixed interval (`rate()`, `@every`) in the other dialect that has one: EventBridge's `rate()` takes whole
/// minutes, hours or days, a Kubernetes CronJob's `@every` any whole seconds. Both count from when the rule or
/// the CronJob is created, so the same interval runs at the same instants; the calendar dialects cannot say it.
fn translate_interval(
    source: &Expression,
    interval: super::Interval,
    target: Dialect,
    tz: Tz,
    from: DateTime<Utc>,
    ours: &[DateTime<Utc>],
) -> Translation {
    let (form, object) = if source.dialect() == Dialect::EventBridge {
        ("rate()", "rule")
    } else {
        ("@every", "CronJob")
    };
    let label = target.label();
    let text = match target {
        Dialect::EventBridge => interval.as_rate().ok_or_else(|| {
            format!(
                "{label}'s rate() counts whole minutes, hours or days; this interval is {} second{}.",
                interval.seconds(),
                if interval.seconds() == 1 { "" } else { "s" }
            )
        }),
        // robfig/cron reads `@every` with Go's `time.ParseDuration`, which stops at about 292 years; a longer
        // `rate()` (up to 4294967295 days) has no `@every`.
        Dialect::Kubernetes => interval.as_go_duration().map(|d| format!("@every {d}")).ok_or_else(|| {
            format!(
                "{label}'s @every takes a Go duration, which is at most {} (2^63-1 nanoseconds, about 292 years); this schedule runs {}.",
                super::kubernetes::GO_DURATION_MAX,
                interval.describe().to_lowercase()
            )
        }),
        Dialect::Systemd => Err(format!(
            "{form} counts its interval from when the {object} is created; an OnCalendar= event counts from the clock (systemd's monotonic timers, such as OnUnitActiveSec=, are not calendar events and are not translated here)."
        )),
        _ => Err(format!(
            "{form} counts its interval from when the {object} is created; {label} has only calendar schedules, which count from the clock, so it cannot run at the same instants."
        )),
    };
    let text = match text {
        Ok(text) => text,
        Err(why) => return refused(target, vec![why]),
    };
    let zone = source.evaluation_zone(tz);
    let mut lost = vec![match target {
        Dialect::Kubernetes => super::kubernetes::EVERY_CAUTION.to_owned(),
        _ => "rate() counts from when the rule is created; the runs compared count from the same instant.".to_owned(),
    }];
    let check = match Expression::parse(target, &text) {
        Ok(translated) => Some(compare(ours, &translated, zone, from)),
        Err(error) => {
            lost.push(format!("The translation does not parse back ({error}); this is a bug."));
            None
        }
    };
    Translation {
        dialect: target.name(),
        label,
        expression: Some(text.clone()),
        snippet: Some(snippet(target, &text, zone)),
        lost,
        check,
    }
}

/// How a parsed expression's scheduler treats a wall-clock time that daylight saving skips or repeats
/// ([`DstRule`]; systemd's own search for a calendar event).
fn dst_phrase(expression: &Expression) -> &'static str {
    match expression.plan() {
        Plan::Cron(schedule) => match schedule.dst_rule() {
            DstRule::WallClock => {
                "robfig/cron skips a time in the skipped hour and runs a time in the repeated hour twice"
            }
            DstRule::Quartz => {
                "Quartz skips a time in the skipped hour and runs a time in the repeated hour once, on its second pass"
            }
            DstRule::SkipAndOnce => {
                "EventBridge Scheduler skips a time in the skipped hour and runs a time in the repeated hour once"
            }
            DstRule::Cronie => {
                "cronie runs a fixed-time job whose time is skipped right after the gap and once in the repeated hour, other jobs by the wall clock"
            }
        },
        Plan::Calendar(_) => "systemd skips a time in the skipped hour",
        Plan::Every(_) => "a fixed interval ignores the wall clock",
    }
}

/// Whether `zone`'s offset from UTC changes between `from` and a day after `until` (a daylight-saving or other
/// clock change), sampled every hour: no zone changes its offset twice within an hour.
fn changes_offset_between(zone: Tz, from: DateTime<Utc>, until: DateTime<Utc>) -> bool {
    use chrono::Offset;
    let offset = |t: DateTime<Utc>| t.with_timezone(&zone).offset().fix();
    let first = offset(from);
    let end = until + chrono::TimeDelta::days(1);
    let mut t = from;
    while t <= end {
        if offset(t) != first {
            return true;
        }
        t += chrono::TimeDelta::hours(1);
    }
    false
}

fn changes_offset(zone: Tz) -> bool {
    use chrono::{Offset, TimeZone};
    let at = |month| {
        zone.with_ymd_and_hms(2026, month, 1, 12, 0, 0)
            .single()
            .map(|t| t.offset().fix().local_minus_utc())
    };
    at(1) != at(7)
}

/// Both run lists over the window, compared.
pub(crate) fn compare(
    ours: &[DateTime<Utc>],
    translated: &Expression,
    zone: Tz,
    from: DateTime<Utc>,
) -> Check {
    let until = window_end(from);
    let theirs = translated.runs_between(from, until, zone, CHECK_LIMIT);
    check_of(ours, &theirs, from, until)
}

/// Two lists of runs compared: the same, or the first instant in one only.
pub(crate) fn check_of(
    ours: &[DateTime<Utc>],
    theirs: &[DateTime<Utc>],
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Check {
    // When the limit came first, compare up to the earlier of the two lists' last runs.
    let full = ours.len() < CHECK_LIMIT && theirs.len() < CHECK_LIMIT;
    let end = if full {
        until
    } else {
        ours.last().copied().unwrap_or(until).min(theirs.last().copied().unwrap_or(until))
    };
    let ours: Vec<_> = ours.iter().filter(|t| **t <= end).collect();
    let theirs: Vec<_> = theirs.iter().filter(|t| **t <= end).collect();
    let first_difference =
        ours.iter().zip(&theirs).find(|(a, b)| a != b).map(|(a, b)| (**a).min(**b)).or_else(|| {
            (ours.len() != theirs.len()).then(|| {
                let n = ours.len().min(theirs.len());
                **ours.get(n).or(theirs.get(n)).unwrap_or(&&end)
            })
        });
    Check {
        same: first_difference.is_none(),
        runs: ours.len(),
        from: from.to_rfc3339(),
        until: end.to_rfc3339(),
        first_difference: first_difference.map(|t| t.to_rfc3339()),
    }
}

/// The ready-to-paste form.
fn snippet(target: Dialect, text: &str, zone: Tz) -> String {
    let utc = zone == chrono_tz::UTC;
    let name = zone.name();
    match target {
        Dialect::Vixie if utc => format!("{text} /path/to/command"),
        Dialect::Vixie => format!("CRON_TZ={name}\n{text} /path/to/command"),
        Dialect::Kubernetes => format!(
            "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: my-job\nspec:\n  schedule: \"{text}\"\n  timeZone: \"{name}\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: my-job\n              image: busybox\n              command: [\"/bin/sh\", \"-c\", \"date\"]\n          restartPolicy: OnFailure\n"
        ),
        Dialect::EventBridge if utc => {
            format!("aws events put-rule --name my-rule --schedule-expression \"{text}\"")
        }
        Dialect::EventBridge => format!(
            "aws scheduler create-schedule --name my-schedule --schedule-expression \"{text}\" \\\n  --schedule-expression-timezone \"{name}\" --flexible-time-window Mode=OFF --target file://target.json"
        ),
        Dialect::Quartz => format!("@Scheduled(cron = \"{text}\", zone = \"{name}\")"),
        Dialect::Github => format!("on:\n  schedule:\n    - cron: \"{text}\"\n"),
        Dialect::Systemd => format!("[Timer]\nOnCalendar={text}\nPersistent=true\n"),
    }
}

/// The schedule in `target`'s syntax, or `None` with the reasons added to `why`.
fn render(schedule: &Schedule, target: Dialect, why: &mut Vec<String>) -> Option<String> {
    let field = |kind| schedule.field(kind);
    let second = field(FieldKind::Second);
    let seconds_zero = second.is_none_or(|f| f.values() == [0] && !f.has_special());
    let year = field(FieldKind::Year).filter(|f| !f.is_every());
    let label = target.label();
    let cron_like = !matches!(target, Dialect::Quartz | Dialect::Systemd);
    if cron_like && !seconds_zero {
        why.push(format!(
            "{label} has no seconds field; this schedule runs at second {}.",
            text_of(second?, target, false)
        ));
    }
    if matches!(target, Dialect::Vixie | Dialect::Kubernetes | Dialect::Github) && year.is_some() {
        why.push(format!("{label} has no year field; this schedule runs only in {}.", year?.raw()));
    }
    let last_year = year.and_then(|f| f.values().last().copied());
    let has_year = matches!(target, Dialect::Quartz | Dialect::EventBridge | Dialect::Systemd);
    if let Some(last) = last_year.filter(|last| has_year && *last > year_max(target)) {
        why.push(format!(
            "{label}'s year field stops at {}; this schedule runs in years up to {last}.",
            year_max(target)
        ));
    }
    let specials = [FieldKind::DayOfMonth, FieldKind::DayOfWeek]
        .into_iter()
        .filter_map(field)
        .filter(|f| f.has_special())
        .map(|f| f.raw().to_owned())
        .collect::<Vec<_>>();
    let special_ok = match target {
        Dialect::Quartz => true,
        // EventBridge documents L, W and #, not L-n.
        Dialect::EventBridge => !has_offset(schedule),
        Dialect::Systemd => {
            // `L` alone in day-of-month is `~01`, `L-n` is `~n+1` (systemd takes `~` up to 28); nothing else
            // month-dependent has a systemd form.
            let offset_ok = schedule.last_day_offset().is_some_and(|n| n < 28);
            field(FieldKind::DayOfMonth)
                .is_none_or(|f| !f.has_special() || f.raw().eq_ignore_ascii_case("L") || offset_ok)
                && field(FieldKind::DayOfWeek).is_none_or(|f| !f.has_special())
        }
        _ => false,
    };
    if !specials.is_empty() && !special_ok {
        why.push(format!(
            "{label} has no {} (L, W and # are Quartz extensions{}).",
            specials.join(" or "),
            if target == Dialect::Systemd { "; systemd has only ~ for the last days" } else { "" }
        ));
    }
    let logic = day_logic(schedule);
    let days = match target {
        Dialect::Vixie | Dialect::Github => Days::Vixie,
        Dialect::Kubernetes => Days::Robfig,
        Dialect::Quartz | Dialect::EventBridge => Days::Question,
        Dialect::Systemd => Days::And,
    };
    match (logic, days) {
        (DayLogic::Or, Days::Question) => why.push(format!(
            "{label} cannot restrict both day-of-month and day-of-week (one must be ?); this schedule runs on a day when either matches."
        )),
        (DayLogic::Or, Days::And) => why.push(
            "systemd requires the weekday and the date both to match; this schedule runs on a day when either matches (OR).".to_owned(),
        ),
        (DayLogic::And, Days::Question) => why.push(format!(
            "{label} cannot restrict both day-of-month and day-of-week (one must be ?); this schedule runs on a day when both match."
        )),
        (DayLogic::And, Days::Vixie | Days::Robfig) => {
            // Vixie ANDs when one field starts with `*`: only when the source's did and the target reads it so.
            let dom = field(FieldKind::DayOfMonth).map(Field::raw).unwrap_or("*");
            let dow = field(FieldKind::DayOfWeek).map(Field::raw).unwrap_or("*");
            if days == Days::Robfig || !(dom.starts_with('*') || dow.starts_with('*')) {
                why.push(format!(
                    "{label} ORs a restricted day-of-month with a restricted day-of-week; this schedule needs both to match."
                ));
            }
        }
        _ => {}
    }
    if !why.is_empty() {
        return None;
    }
    let or = logic == DayLogic::Or;
    let and = logic == DayLogic::And;
    let part = |kind: FieldKind| -> String {
        match field(kind) {
            None => match kind {
                FieldKind::Second => "0".to_owned(),
                _ => "*".to_owned(),
            },
            // In an OR, a restricted day field must not start with `*` (Vixie would AND it).
            Some(f) => {
                if and && days == Days::Vixie && f.is_star() {
                    return f.raw().to_owned();
                }
                text_of(
                    f,
                    target,
                    or && matches!(kind, FieldKind::DayOfMonth | FieldKind::DayOfWeek),
                )
            }
        }
    };
    let minute = part(FieldKind::Minute);
    let hour = part(FieldKind::Hour);
    let month = part(FieldKind::Month);
    let mut dom = part(FieldKind::DayOfMonth);
    let mut dow = part(FieldKind::DayOfWeek);
    if days == Days::Question {
        match logic {
            DayLogic::DowOnly | DayLogic::Every => dom = "?".to_owned(),
            _ => dow = "?".to_owned(),
        }
        if logic == DayLogic::Every {
            dow = "*".to_owned();
        }
    } else if days != Days::And {
        // `?` is Quartz's; the others read `*`.
        if dom == "?" {
            dom = "*".to_owned();
        }
        if dow == "?" {
            dow = "*".to_owned();
        }
    }
    let year_text = year.map_or_else(|| "*".to_owned(), |f| text_of(f, target, false));
    Some(match target {
        Dialect::Vixie | Dialect::Kubernetes | Dialect::Github => {
            format!("{minute} {hour} {dom} {month} {dow}")
        }
        Dialect::EventBridge => format!("cron({minute} {hour} {dom} {month} {dow} {year_text})"),
        Dialect::Quartz => {
            let second = part(FieldKind::Second);
            match year {
                Some(_) => format!("{second} {minute} {hour} {dom} {month} {dow} {year_text}"),
                None => format!("{second} {minute} {hour} {dom} {month} {dow}"),
            }
        }
        Dialect::Systemd => systemd_text(schedule),
    })
}

fn has_offset(schedule: &Schedule) -> bool {
    schedule.last_day_offset().is_some()
}

/// A field in a cron dialect's syntax, from what it matches. `no_star`: a restricted field must not start with
/// `*` (a Vixie OR).
fn text_of(field: &Field, target: Dialect, no_star: bool) -> String {
    let kind = field.kind();
    let mut parts = Vec::new();
    let plain: Vec<u32> = field.values().to_vec();
    if !plain.is_empty() {
        if kind == FieldKind::DayOfWeek {
            parts.extend(weekday_runs(&plain));
        } else {
            let max =
                if kind == FieldKind::Year { year_max(target) } else { kind.max_normalised() };
            parts.push(numbers(kind, &plain, no_star, max));
        }
    }
    let quartz_days = matches!(target, Dialect::Quartz | Dialect::EventBridge);
    for item in field.items() {
        // Quartz and Spring number weekdays differently (Quartz 1 = Sunday; Spring's CronExpression 1 = Monday,
        // even with L and #, per its Javadoc), so a Quartz / Spring translation names them (`MON#1`, `FRIL`),
        // which both read the same (Quartz 2.3.2 runs `MON#1` and `FRIL` as written). EventBridge documents
        // numbers (`3#2`) and has one reading of them.
        let weekday = |day: u32| match target {
            Dialect::Quartz => WEEKDAY_NAMES[(day % 7) as usize].to_owned(),
            _ if quartz_days => (day % 7 + 1).to_string(),
            _ => day.to_string(),
        };
        match item {
            Item::LastDay => parts.push("L".to_owned()),
            Item::LastDayOffset { offset } => parts.push(format!("L-{offset}")),
            Item::LastWeekday => parts.push("LW".to_owned()),
            Item::NearestWeekday { day } => parts.push(format!("{day}W")),
            Item::LastOfMonth { weekday: day } => parts.push(format!("{}L", weekday(day))),
            Item::Nth { weekday: day, nth } => parts.push(format!("{}#{nth}", weekday(day))),
            _ => {}
        }
    }
    if parts.is_empty() { "*".to_owned() } else { parts.join(",") }
}

/// The last year a target's year field takes: EventBridge's runs to 2199, Quartz's (and the Vixie form's) to
/// 2099.
fn year_max(target: Dialect) -> u32 {
    match target {
        Dialect::EventBridge => super::eventbridge::YEARS.max,
        // systemd's calendar events reach 2199 too.
        Dialect::Systemd => 2199,
        _ => FieldKind::Year.max(),
    }
}

/// Numbers as `*`, `*/15`, `a-b/s`, or a list of values and ranges, in a field of the target whose largest value
/// is `max`.
fn numbers(kind: FieldKind, values: &[u32], no_star: bool, max: u32) -> String {
    let min = kind.min();
    let all = (max - min + 1) as usize;
    if values.len() == all && !no_star {
        return "*".to_owned();
    }
    if values.len() >= 2 {
        let step = values[1] - values[0];
        let progression = values.windows(2).all(|pair| pair[1] - pair[0] == step);
        if progression && step > 1 {
            let (first, last) = (values[0], values[values.len() - 1]);
            if first == min && last + step > max && !no_star {
                return format!("*/{step}");
            }
            if values.len() > 2 {
                return format!("{first}-{last}/{step}");
            }
        }
    }
    list(values, |v| v.to_string(), "-")
}

/// Values as a list with runs of three or more as ranges.
fn list(values: &[u32], name: impl Fn(u32) -> String, dash: &str) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < values.len() {
        let mut j = i;
        while j + 1 < values.len() && values[j + 1] == values[j] + 1 {
            j += 1;
        }
        if j >= i + 2 {
            parts.push(format!("{}{dash}{}", name(values[i]), name(values[j])));
        } else {
            parts.extend(values[i..=j].iter().map(|v| name(*v)));
        }
        i = j + 1;
    }
    parts.join(",")
}

/// Weekdays by name (the same in every cron dialect), `MON-FRI` for runs.
fn weekday_runs(values: &[u32]) -> Vec<String> {
    if values.len() == 7 {
        return vec!["*".to_owned()];
    }
    vec![list(values, |v| WEEKDAY_NAMES[(v % 7) as usize].to_owned(), "-")]
}

/// An `OnCalendar=` calendar event: `Mon..Fri *-*-* 09:00:00`.
fn systemd_text(schedule: &Schedule) -> String {
    let field = |kind| schedule.field(kind).filter(|f: &&Field| !f.is_every() || f.has_special());
    let component = |kind: FieldKind, width: usize| -> String {
        match field(kind) {
            None if kind == FieldKind::Second && schedule.field(kind).is_none() => "00".to_owned(),
            None => "*".to_owned(),
            Some(f) => list(f.values(), |v| format!("{v:0width$}"), ".."),
        }
    };
    let mut text = String::new();
    if let Some(dow) = field(FieldKind::DayOfWeek) {
        let names = list(
            dow.values(),
            |v| {
                let name = WEEKDAY_NAMES[(v % 7) as usize];
                format!("{}{}", &name[..1], name[1..].to_ascii_lowercase())
            },
            "..",
        );
        text.push_str(&names);
        text.push(' ');
    }
    let last_day = field(FieldKind::DayOfMonth).is_some_and(|f| f.has_special());
    let day = if let Some(offset) = schedule.last_day_offset() {
        format!("~{:02}", offset + 1)
    } else if last_day {
        "~01".to_owned()
    } else {
        format!("-{}", component(FieldKind::DayOfMonth, 2))
    };
    text.push_str(&format!(
        "{}-{}{day} {}:{}:{}",
        component(FieldKind::Year, 4),
        component(FieldKind::Month, 2),
        component(FieldKind::Hour, 2),
        component(FieldKind::Minute, 2),
        component(FieldKind::Second, 2),
    ));
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn all(dialect: Dialect, expr: &str, tz: Tz) -> Vec<Translation> {
        let source = Expression::parse(dialect, expr).unwrap_or_else(|e| panic!("{expr}: {e}"));
        translate(&source, tz, Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap())
    }

    fn to(dialect: Dialect, expr: &str, target: Dialect) -> Translation {
        all(dialect, expr, chrono_tz::UTC).into_iter().find(|t| t.dialect == target.name()).unwrap()
    }

    /// Round trips: every translation that claims equivalence lists the same runs over two years.
    #[test]
    fn the_window_stops_at_the_last_instant_rfc_3339_writes() {
        let from = DateTime::parse_from_rfc3339("9999-06-01T00:00:00Z").unwrap().to_utc();
        let expression = Expression::parse(Dialect::Vixie, "* * * * *").unwrap();
        for translation in translate(&expression, chrono_tz::UTC, from) {
            let check = translation.check.unwrap();
            assert_eq!(check.until, "9999-12-31T23:59:59+00:00", "{}", translation.dialect);
        }
        let from = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap().to_utc();
        assert_eq!(window_end(from).to_rfc3339(), "2028-01-01T00:00:00+00:00");
    }

    /// `Check`'s field docs, which are also the API's descriptions, give these values in words.
    #[test]
    fn the_check_docs_state_the_constants() {
        assert_eq!((CHECK_MONTHS, CHECK_LIMIT), (24, 1000));
    }

    #[test]
    fn a_schedule_that_starts_beyond_the_window_is_checked_from_its_first_run() {
        let quartz = to(Dialect::EventBridge, "cron(0 0 1 1 ? 2099)", Dialect::Quartz);
        let check = quartz.check.unwrap();
        assert!(check.same, "{check:?}");
        assert_eq!(check.runs, 1, "{check:?}");
        assert_eq!(check.from, "2098-12-31T23:59:59+00:00");
        // A schedule with no run left compares nothing, and says so with 0 runs.
        let past = to(Dialect::EventBridge, "cron(0 0 1 1 ? 2020)", Dialect::Quartz);
        let check = past.check.unwrap();
        assert_eq!((check.same, check.runs), (true, 0), "{check:?}");
        assert_eq!(check.from, "2026-01-01T00:00:00+00:00");
    }

    #[test]
    fn every_claimed_translation_runs_the_same() {
        let cases = [
            (Dialect::Vixie, "*/15 9-17 * * MON-FRI"),
            (Dialect::Vixie, "0 0 1 * *"),
            (Dialect::Vixie, "30 2 * * 0"),
            (Dialect::Vixie, "0 0 1,15 * MON"),
            (Dialect::Vixie, "0 0 */2 * MON"),
            (Dialect::Vixie, "0 12 * */3 *"),
            (Dialect::Vixie, "@weekly"),
            (Dialect::Quartz, "0 15 10 ? * 6L"),
            (Dialect::Quartz, "0 15 10 ? * 6#3"),
            (Dialect::Quartz, "0 0 12 1/5 * ?"),
            (Dialect::Quartz, "0 0 9 ? * 2/2"),
            (Dialect::Quartz, "30 0 9 ? * MON-FRI 2026-2027"),
            (Dialect::Quartz, "0 0 6 L-3 * ?"),
            (Dialect::EventBridge, "cron(0 18 ? * MON-FRI *)"),
            (Dialect::EventBridge, "cron(0 8 L * ? *)"),
            (Dialect::Kubernetes, "CRON_TZ=Europe/Berlin 0 9 * * 1-5"),
            (Dialect::Kubernetes, "0 0 */2 * MON"),
            (Dialect::Github, "30 5,17 * * *"),
            // Source: systemd.time(7)'s examples, translated through their cron fields.
            (Dialect::Systemd, "Mon..Fri *-*-* 09:00"),
            (Dialect::Systemd, "*-*-1/2 02:00"),
            (Dialect::Systemd, "*:0/15"),
            (Dialect::Systemd, "*-*~01 08:00"),
            (Dialect::Systemd, "Sat,Sun 10:30"),
            (Dialect::Systemd, "weekly"),
            (Dialect::Systemd, "*-*~04 06:00"),
        ];
        for tz in [chrono_tz::UTC, chrono_tz::America::New_York] {
            for (dialect, expr) in cases {
                for translation in all(dialect, expr, tz) {
                    // systemd's daylight-saving rules differ from cronie's (see the lost note): zone-free only.
                    let systemd = translation.dialect == "systemd" || dialect == Dialect::Systemd;
                    if systemd && tz != chrono_tz::UTC {
                        continue;
                    }
                    if let Some(check) = &translation.check {
                        // Dialects with different daylight-saving rules may differ on a change day in a zone
                        // that has them (New York: 2026-03-08, 2026-11-01, 2027-03-14, 2027-11-07), and say so.
                        let on_a_change = check.first_difference.as_deref().is_some_and(|at| {
                            ["2026-03-08", "2026-11-01", "2027-03-14", "2027-11-07"]
                                .iter()
                                .any(|day| at.starts_with(day))
                        });
                        let said = translation.lost.iter().any(|l| l.contains("daylight-saving"));
                        assert!(
                            check.same || (tz != chrono_tz::UTC && on_a_change && said),
                            "{dialect} {expr} → {}: {translation:?}",
                            translation.dialect
                        );
                        assert!(check.runs > 0, "{expr}");
                    }
                }
            }
        }
    }

    #[test]
    fn translations_read_as_each_dialect_writes() {
        let quartz = to(Dialect::Vixie, "*/15 9-17 * * MON-FRI", Dialect::Quartz);
        assert_eq!(quartz.expression.as_deref(), Some("0 */15 9-17 ? * MON-FRI"));
        let eventbridge = to(Dialect::Vixie, "0 0 1 * *", Dialect::EventBridge);
        assert_eq!(eventbridge.expression.as_deref(), Some("cron(0 0 1 * ? *)"));
        let vixie = to(Dialect::Quartz, "0 15 10 ? * 6#3", Dialect::EventBridge);
        assert_eq!(vixie.expression.as_deref(), Some("cron(15 10 ? * 6#3 *)"));
        let systemd = to(Dialect::Vixie, "*/15 9-17 * * MON-FRI", Dialect::Systemd);
        assert_eq!(systemd.expression.as_deref(), Some("Mon..Fri *-*-* 09..17:00,15,30,45:00 UTC"));
        assert_eq!(
            to(Dialect::Quartz, "0 0 8 L * ?", Dialect::Systemd).expression.as_deref(),
            Some("*-*~01 08:00:00 UTC")
        );
        let github = to(Dialect::Kubernetes, "CRON_TZ=UTC 0 9 * * *", Dialect::Github);
        assert_eq!(
            github.snippet.as_deref(),
            Some("on:\n  schedule:\n    - cron: \"0 9 * * *\"\n")
        );
        // A Vixie OR keeps its day fields from starting with `*`.
        let k8s = to(Dialect::Vixie, "0 0 1-31/2 * MON", Dialect::Kubernetes);
        assert_eq!(k8s.expression.as_deref(), Some("0 0 1-31/2 * MON"));
    }

    /// A day list the target refuses (Quartz 2.3.2's one L or W per day-of-month, EventBridge's one `#`
    /// expression) is no translation, with the target's reason, rather than one that does not parse back.
    #[test]
    fn day_lists_the_target_refuses_are_not_translated() {
        let quartz = to(Dialect::Vixie, "0 0 1W,15W * *", Dialect::Quartz);
        assert_eq!(quartz.expression, None);
        assert!(quartz.lost[0].contains("W with one day only"), "{:?}", quartz.lost);
        let eventbridge = to(Dialect::Vixie, "0 0 * * 1#1,5#3", Dialect::EventBridge);
        assert_eq!(eventbridge.expression, None);
        assert!(eventbridge.lost[0].contains("only one expression"), "{:?}", eventbridge.lost);
    }

    /// Spring reads 1–7 as Monday–Sunday even with L and # (Spring `CronExpression` Javadoc), Quartz as
    /// Sunday–Saturday: the Quartz / Spring translation names the weekday, which both read the same.
    #[test]
    fn quartz_translations_name_weekdays_with_l_and_hash() {
        let first = to(Dialect::Vixie, "0 0 * * 1#1", Dialect::Quartz);
        assert_eq!(first.expression.as_deref(), Some("0 0 0 ? * MON#1"));
        assert_eq!(
            first.snippet.as_deref(),
            Some("@Scheduled(cron = \"0 0 0 ? * MON#1\", zone = \"UTC\")")
        );
        assert!(first.check.unwrap().same);
        let last = to(Dialect::Vixie, "0 9 * * 5L", Dialect::Quartz);
        assert_eq!(last.expression.as_deref(), Some("0 0 9 ? * FRIL"));
        assert!(last.check.unwrap().same);
        // EventBridge keeps its documented numbers.
        let eventbridge = to(Dialect::Vixie, "0 9 * * 5L", Dialect::EventBridge);
        assert_eq!(eventbridge.expression.as_deref(), Some("cron(0 9 ? * 6L *)"));
    }

    /// A difference where the zone has no clock change is not blamed on daylight saving: in UTC, systemd's
    /// `*:0/7` and the Vixie `*/7 * * * *` differ (systemd-analyze 252 gives 00:07 after 23:59), and the note
    /// gives the instant without a made-up cause.
    #[test]
    fn a_difference_without_a_clock_change_blames_no_daylight_saving() {
        let vixie = to(Dialect::Systemd, "*:0/7", Dialect::Vixie);
        if let Some(check) = vixie.check.as_ref().filter(|check| !check.same) {
            assert!(!vixie.lost.iter().any(|l| l.contains("daylight")), "{:?}", vixie.lost);
            let at = check.first_difference.as_deref().unwrap();
            assert!(
                vixie
                    .lost
                    .iter()
                    .any(|l| l.starts_with(&format!("The runs differ, first at {at}")))
            );
        }
        let from = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        assert!(!changes_offset_between(chrono_tz::UTC, from, from + Months::new(24)));
        let berlin = chrono_tz::Europe::Berlin;
        assert!(changes_offset_between(
            berlin,
            from,
            Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap()
        ));
        assert!(!changes_offset_between(
            berlin,
            from,
            Utc.with_ymd_and_hms(2026, 3, 27, 0, 0, 0).unwrap()
        ));
    }

    #[test]
    fn last_day_offsets_go_to_systemd_only() {
        let systemd = to(Dialect::Quartz, "0 0 6 L-3 * ?", Dialect::Systemd);
        assert_eq!(systemd.expression.as_deref(), Some("*-*~04 06:00:00 UTC"));
        assert!(systemd.check.unwrap().same);
        assert!(
            to(Dialect::Quartz, "0 0 6 L-3 * ?", Dialect::EventBridge).lost[0]
                .contains("has no L-3")
        );
    }

    #[test]
    fn systemd_events_translate_through_their_fields() {
        let k8s = to(Dialect::Systemd, "Mon..Fri *-*-* 09:00", Dialect::Kubernetes);
        assert!(k8s.snippet.unwrap().contains("schedule: \"0 9 * * MON-FRI\""));
        assert!(k8s.check.unwrap().same);
        let quartz = to(Dialect::Systemd, "*-*~01 08:00", Dialect::Quartz);
        assert_eq!(quartz.expression.as_deref(), Some("0 0 8 L * ?"));
        let and = to(Dialect::Systemd, "Mon *-*-01..07 09:00", Dialect::Vixie);
        assert!(and.lost[0].contains("no cron fields"), "{:?}", and.lost);
    }

    #[test]
    fn what_cannot_be_carried_over_is_said() {
        let or = to(Dialect::Vixie, "0 0 1 * MON", Dialect::Quartz);
        assert_eq!(or.expression, None);
        assert!(or.lost[0].contains("either matches"), "{:?}", or.lost);
        let seconds = to(Dialect::Quartz, "30 0 9 * * ?", Dialect::Vixie);
        assert!(seconds.lost[0].contains("no seconds field"), "{:?}", seconds.lost);
        let year = to(Dialect::Quartz, "0 0 9 * * ? 2027", Dialect::Kubernetes);
        assert!(year.lost[0].contains("no year field"));
        let last = to(Dialect::Quartz, "0 0 9 L * ?", Dialect::Github);
        assert!(last.lost[0].contains("has no L"));
        let and = to(Dialect::Vixie, "0 0 */2 * MON", Dialect::Kubernetes);
        assert!(and.lost[0].contains("needs both to match"), "{:?}", and.lost);
        let zone = all(Dialect::Vixie, "0 9 * * *", chrono_tz::Europe::Berlin)
            .into_iter()
            .find(|t| t.dialect == "github")
            .unwrap();
        assert!(zone.lost[0].contains("UTC only"));
        let rate = to(Dialect::EventBridge, "rate(5 minutes)", Dialect::Vixie);
        assert!(rate.lost[0].contains("rate()"));
    }

    // Sources: EventBridge User Guide, "Schedule expressions for rules" (rate(value unit): minute(s), hour(s),
    // day(s)); robfig/cron v3 `parser.go` (`@every` and a Go duration); Go's `time.ParseDuration` (units up to h).
    #[test]
    fn fixed_intervals_go_between_rate_and_every_only() {
        let k8s = to(Dialect::EventBridge, "rate(5 minutes)", Dialect::Kubernetes);
        assert_eq!(k8s.expression.as_deref(), Some("@every 5m"));
        assert!(k8s.snippet.unwrap().contains("schedule: \"@every 5m\""));
        assert!(k8s.check.unwrap().same);
        let week = to(Dialect::EventBridge, "rate(7 days)", Dialect::Kubernetes);
        assert_eq!(week.expression.as_deref(), Some("@every 168h"));
        let rate = to(Dialect::Kubernetes, "@every 1h30m", Dialect::EventBridge);
        assert_eq!(rate.expression.as_deref(), Some("rate(90 minutes)"));
        assert!(rate.check.unwrap().same);
        assert_eq!(
            to(Dialect::Kubernetes, "@every 48h", Dialect::EventBridge).expression.as_deref(),
            Some("rate(2 days)")
        );
        let seconds = to(Dialect::Kubernetes, "@every 90s", Dialect::EventBridge);
        assert_eq!(seconds.expression, None);
        assert!(seconds.lost[0].contains("whole minutes, hours or days"), "{:?}", seconds.lost);
        let second = to(Dialect::Kubernetes, "@every 1s", Dialect::EventBridge);
        assert!(second.lost[0].ends_with("this interval is 1 second."), "{:?}", second.lost);
        for target in [Dialect::Vixie, Dialect::Quartz, Dialect::Github] {
            let calendar = to(Dialect::Kubernetes, "@every 1h", target);
            assert_eq!(calendar.expression, None);
            assert!(
                calendar.lost[0].starts_with("@every counts its interval from when the CronJob"),
                "{:?}",
                calendar.lost
            );
        }
        let systemd = to(Dialect::Kubernetes, "@every 1h", Dialect::Systemd);
        assert!(systemd.lost[0].contains("OnUnitActiveSec="), "{:?}", systemd.lost);
    }

    /// A `rate()` longer than a Go duration (2^63-1 ns, 2562047h47m16.854775807s) has no `@every`: robfig/cron v3
    /// refuses `@every 23999999976h` ("time: invalid duration"), so the translation is refused with the limit.
    /// The longest `rate()` in days that fits, `rate(106751 days)`, is `@every 2562024h`, which robfig parses.
    #[test]
    fn an_every_translation_stops_at_gos_duration_limit() {
        let fits = to(Dialect::EventBridge, "rate(106751 days)", Dialect::Kubernetes);
        assert_eq!(fits.expression.as_deref(), Some("@every 2562024h"));
        assert!(fits.check.unwrap().same);
        for rate in ["rate(106752 days)", "rate(999999999 days)", "rate(4294967295 minutes)"] {
            let refused = to(Dialect::EventBridge, rate, Dialect::Kubernetes);
            assert_eq!(refused.expression, None, "{rate}");
            assert_eq!(refused.check, None, "{rate}");
            assert!(
                refused.lost[0].starts_with(
                    "Kubernetes CronJob's @every takes a Go duration, which is at most 2562047h47m16.854775807s (2^63-1 nanoseconds, about 292 years); this schedule runs every "
                ),
                "{rate}: {:?}",
                refused.lost
            );
        }
        let long = to(Dialect::EventBridge, "rate(999999999 days)", Dialect::Kubernetes);
        assert!(
            long.lost[0].ends_with("this schedule runs every 999999999 days."),
            "{:?}",
            long.lost
        );
    }

    // Source: EventBridge User Guide, "Cron expressions reference" (years 1970-2199); Quartz's CronExpression
    // Javadoc (years 1970-2099).
    #[test]
    fn years_after_2099_do_not_go_to_quartz() {
        let quartz = to(Dialect::EventBridge, "cron(0 9 ? * MON 2026-2150)", Dialect::Quartz);
        assert_eq!(quartz.expression, None);
        assert!(quartz.lost[0].contains("stops at 2099"), "{:?}", quartz.lost);
        let k8s = to(Dialect::EventBridge, "cron(0 9 ? * MON 2150)", Dialect::Kubernetes);
        assert_eq!(
            k8s.lost,
            ["Kubernetes CronJob has no year field; this schedule runs only in 2150."]
        );
        let systemd = to(Dialect::EventBridge, "cron(0 9 ? * MON 2026-2150)", Dialect::Systemd);
        assert_eq!(systemd.expression.as_deref(), Some("Mon 2026..2150-*-* 09:00:00 UTC"));
        assert!(systemd.check.unwrap().same);
        // Quartz's */10 ends at 2090; EventBridge's would go on to 2190, so the years are listed as a range.
        let eventbridge = to(Dialect::Quartz, "0 0 9 1 1 ? */10", Dialect::EventBridge);
        assert_eq!(eventbridge.expression.as_deref(), Some("cron(0 9 1 1 ? 1970-2090/10)"));
        let back = to(Dialect::EventBridge, "cron(0 9 1 1 ? */10)", Dialect::Systemd);
        assert!(back.expression.unwrap().contains("2190"));
    }

    #[test]
    fn a_difference_is_reported() {
        let a = [Utc.with_ymd_and_hms(2026, 1, 1, 1, 0, 0).unwrap()];
        let b = [Utc.with_ymd_and_hms(2026, 1, 1, 2, 0, 0).unwrap()];
        let from = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let until = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
        let check = check_of(&a, &b, from, until);
        assert!(!check.same);
        assert_eq!(check.first_difference.as_deref(), Some("2026-01-01T01:00:00+00:00"));
        assert!(check_of(&a, &a, from, until).same);
    }
}
