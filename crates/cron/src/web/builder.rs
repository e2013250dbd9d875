//! The visual builder: each field of the chosen dialect as a mode (every, every N, specific values, a range, or
//! custom text), read from an expression and written back to one.
//!
//! The fields follow the dialect ([`layout`]): the five standard ones for Vixie cron, Kubernetes and GitHub
//! Actions (a Kubernetes `CRON_TZ=` prefix is kept as it was typed); seconds first and an optional year last for
//! Quartz; the year last, inside `cron(…)`, for EventBridge; none for systemd, whose events are not cron fields.
//! Quartz and EventBridge number weekdays 1–7 from Sunday and want `?` in one day field: when one is specific the
//! other is `?`, and when both match every day, day-of-week is. Months and weekdays have a checkbox per value;
//! minutes, hours and days of the month a typed list (`0,15,30`: a hundred and fifteen checkboxes were a third of
//! the page, issue 17); seconds and years no "specific values" mode at all: a list of them is custom text.
//!
//! This is the only copy: it fills the builder when the page is rendered (and when the page's script asks for the
//! builder with an answer), and composes the expression when the builder's form is submitted, without JavaScript
//! or by the script (`build=1&fragment=1`, answered with the live part of the composed expression). What the
//! builder does not offer is refused with the field, the part and the value ([`BuildError`]), never dropped,
//! clamped or read as "every"; a range whose end comes before its start wraps around (`22-23,0-2`), as the
//! builder says.

use crate::dialect::{Dialect, eventbridge};
use crate::field::{FieldKind, MONTHS, WEEKDAY_NAMES, WEEKDAYS};
use crate::parse::{Field, Item};
use crate::schedule::Schedule;
use serde::Serialize;

/// The five standard fields, with their query-parameter keys.
const FIVE: [(FieldKind, &str); 5] = [
    (FieldKind::Minute, "minute"),
    (FieldKind::Hour, "hour"),
    (FieldKind::DayOfMonth, "dom"),
    (FieldKind::Month, "month"),
    (FieldKind::DayOfWeek, "dow"),
];

/// Quartz's: seconds first, the year (optional) last.
const QUARTZ: [(FieldKind, &str); 7] = [
    (FieldKind::Second, "second"),
    FIVE[0],
    FIVE[1],
    FIVE[2],
    FIVE[3],
    FIVE[4],
    (FieldKind::Year, "year"),
];

/// EventBridge's: the five, then the year.
const EVENTBRIDGE: [(FieldKind, &str); 6] =
    [FIVE[0], FIVE[1], FIVE[2], FIVE[3], FIVE[4], (FieldKind::Year, "year")];

/// The fields the builder edits in a dialect, in the order the expression writes them; none for systemd.
pub(crate) fn layout(dialect: Dialect) -> &'static [(FieldKind, &'static str)] {
    match dialect {
        Dialect::Quartz => &QUARTZ,
        Dialect::EventBridge => &EVENTBRIDGE,
        Dialect::Systemd => &[],
        _ => &FIVE,
    }
}

/// The values the builder offers for a field, in the dialect's numbering: weekdays 0–6 or 1–7, EventBridge's
/// years to 2199.
fn bounds(dialect: Dialect, kind: FieldKind) -> (u32, u32) {
    match kind {
        FieldKind::DayOfWeek => {
            let base = dialect.weekdays().sunday();
            (base, base + 6)
        }
        FieldKind::Year if dialect == Dialect::EventBridge => (kind.min(), eventbridge::YEARS.max),
        _ => (kind.min(), kind.max_normalised()),
    }
}

/// Whether a field has the "specific values" mode: not seconds (60) nor years (130 or 230).
fn has_values(kind: FieldKind) -> bool {
    !matches!(kind, FieldKind::Second | FieldKind::Year)
}

/// Whether a field's values have names (months, weekdays): its specific values are checkboxes and its range two
/// `<select>`s; other fields have a typed list and number inputs.
fn is_named(kind: FieldKind) -> bool {
    matches!(kind, FieldKind::Month | FieldKind::DayOfWeek)
}

/// One selectable value of a field.
#[derive(Debug, Serialize)]
pub(crate) struct Choice {
    value: u32,
    label: String,
    checked: bool,
}

/// One field of the builder as the template renders it.
#[derive(Debug, Serialize)]
pub(crate) struct BuilderField {
    key: &'static str,
    name: &'static str,
    plural: &'static str,
    mode: &'static str,
    step: u32,
    from: u32,
    to: u32,
    raw: String,
    /// The field's smallest and largest value in the dialect's numbering (the builder's range: day-of-week stops
    /// at 6, or runs 1–7 in Quartz and EventBridge).
    min: u32,
    max: u32,
    /// What "every" writes: `*`, or `?` for day-of-week where the dialect wants one (Quartz, EventBridge).
    every: &'static str,
    /// Whether the field has the "specific values" mode (not seconds, not years).
    values: bool,
    /// Whether values have names (months, weekdays): the specific values are then checkboxes and the range two
    /// `<select>`s, else a typed list and number inputs.
    named: bool,
    /// A named field's checkboxes, pre-rendered ([`choices_html`]).
    choices_html: minijinja::Value,
    /// An unnamed field's specific values as its typed list shows them: `0,15,30`; empty in another mode.
    list: String,
    /// For a named field, the range's `<option>`s with the start or the end selected.
    from_options: minijinja::Value,
    to_options: minijinja::Value,
    /// The name of this field's input a refused submission is about (`hour_to`), marked `aria-invalid`; empty
    /// otherwise.
    invalid: String,
    /// The values, for the unit tests.
    #[cfg(test)]
    #[serde(skip)]
    choices: Vec<Choice>,
}

/// The checkboxes of a field's values, as compact as HTML allows while each stays a labelled control: named by
/// the field's key alone (`dow=1&dow=5`), attributes unquoted (the key is a fixed name, values are numbers and
/// labels come from fixed tables: nothing needs quoting or escaping).
fn choices_html(key: &str, choices: &[Choice]) -> String {
    let mut html = String::with_capacity(choices.len() * 64);
    for choice in choices {
        html.push_str(&format!(
            "<label><input type=checkbox name={key} value={}{}>{}</label>",
            choice.value,
            if choice.checked { " checked" } else { "" },
            choice.label
        ));
    }
    html
}

/// A named field's `<option>`s with `selected` on one value.
fn options_html(choices: &[Choice], selected: u32) -> String {
    choices
        .iter()
        .map(|c| {
            let mark = if c.value == selected { " selected" } else { "" };
            format!("<option value={}{mark}>{}</option>", c.value, c.label)
        })
        .collect()
}

/// A value's label: `Jan`, `Sun` (`SUN` where weekdays are numbered 1–7, as Quartz and AWS write them), `5`.
fn label(dialect: Dialect, kind: FieldKind, value: u32) -> String {
    let index = value as usize;
    match kind {
        FieldKind::Month => MONTHS[index - 1][..3].to_owned(),
        FieldKind::DayOfWeek if dialect.weekdays().sunday() == 1 => {
            WEEKDAY_NAMES[index - 1].to_owned()
        }
        FieldKind::DayOfWeek => WEEKDAYS[index][..3].to_owned(),
        _ => value.to_string(),
    }
}

/// One field's state as the builder shows it: read from an expression ([`builder_fields`]) or from the builder's
/// submitted form ([`submitted_fields`], to show what was entered beside its error).
struct State<'a> {
    mode: &'static str,
    step: u32,
    from: u32,
    to: u32,
    /// Whether a named field's value is ticked (in the dialect's numbering).
    checked: &'a dyn Fn(u32) -> bool,
    list: String,
    raw: String,
}

/// The builder's fields for an expression in `dialect`; `None` (for `@reboot`, a `rate()`, an `@every` or an
/// invalid expression) gives every field as "every".
pub(crate) fn builder_fields(dialect: Dialect, schedule: Option<&Schedule>) -> Vec<BuilderField> {
    layout(dialect)
        .iter()
        .map(|&(kind, key)| {
            let field = schedule.and_then(|s| s.field(kind));
            let (min, max) = bounds(dialect, kind);
            let listed = has_values(kind);
            // A Quartz macro (`@daily`) has no seconds field: it runs at second 0.
            let second_zero = kind == FieldKind::Second && schedule.is_some() && field.is_none();
            // The parsed items number weekdays 0–6 from Sunday whatever the dialect; the builder shows its own.
            let shift = if kind == FieldKind::DayOfWeek { dialect.weekdays().sunday() } else { 0 };
            let (mode, step, from, to) = match field.map(|f| (f, f.items.as_slice())) {
                None if second_zero => ("custom", 2, min, max),
                None => ("every", 2, min, max),
                Some((f, _)) if f.raw == "*" || f.raw == "?" => ("every", 2, min, max),
                Some((_, [(Item::Any { step }, _)])) => ("step", *step, min, max),
                Some((_, [(Item::Range { start, end, step: 1 }, _)])) if end + shift <= max => {
                    ("range", 2, start + shift, end + shift)
                }
                // A range that wraps around, as the builder writes it: `22-23,0-2` is 22 through 2.
                Some((_, items)) if wrapped(items, min - shift, max - shift).is_some() => {
                    let (start, end) = wrapped(items, min - shift, max - shift).unwrap_or_default();
                    ("range", 2, start + shift, end + shift)
                }
                Some((f, items))
                    if listed
                        && items.iter().all(|(item, _)| matches!(item, Item::Value { .. })) =>
                {
                    ("values", 2, f.values.first().map_or(min, |v| v + shift), max)
                }
                Some(_) => ("custom", 2, min, max),
            };
            let checked = |value: u32| {
                mode == "values"
                    && field.is_some_and(|f: &Field| f.values.contains(&(value - shift)))
            };
            let list = match field {
                Some(f) if mode == "values" && !is_named(kind) => {
                    f.values.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
                }
                _ => String::new(),
            };
            let raw = field
                .map_or_else(|| if second_zero { "0" } else { "*" }.to_owned(), |f| f.raw.clone());
            let state = State { mode, step, from, to, checked: &checked, list, raw };
            builder_field(dialect, kind, key, state, "")
        })
        .collect()
}

/// The start and end of a range that wraps around, written as two ranges (or values) that reach the field's
/// last value and start from its first: `22-23,0-2` is 22 through 2, `5-6,0-1` Friday through Monday.
fn wrapped(items: &[(Item, std::ops::Range<usize>)], min: u32, max: u32) -> Option<(u32, u32)> {
    let bounds = |item: &Item| match *item {
        Item::Value { value } => Some((value, value)),
        Item::Range { start, end, step: 1 } => Some((start, end)),
        _ => None,
    };
    match items {
        [(first, _), (second, _)] => {
            let ((start, high), (low, end)) = (bounds(first)?, bounds(second)?);
            (high == max && low == min && start > end).then_some((start, end))
        }
        _ => None,
    }
}

/// The builder's fields as its form was submitted, to show beside an error what was entered: each mode, number,
/// ticked box and text as sent (a number that is not one shows the field's default). `invalid` names the input at
/// fault, marked `aria-invalid`.
pub(crate) fn submitted_fields(
    dialect: Dialect,
    params: &[(String, String)],
    invalid: &str,
) -> Vec<BuilderField> {
    let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim());
    layout(dialect)
        .iter()
        .map(|&(kind, key)| {
            let (min, max) = bounds(dialect, kind);
            let number = |name: String, default: u32| {
                get(&name).and_then(|v| v.parse::<u32>().ok()).unwrap_or(default)
            };
            let mode = match get(&format!("{key}_mode")).unwrap_or("every") {
                "step" => "step",
                "range" => "range",
                "values" if has_values(kind) => "values",
                "custom" => "custom",
                _ => "every",
            };
            let sent: Vec<&str> =
                params.iter().filter(|(k, _)| k == key).map(|(_, v)| v.as_str()).collect();
            let ticked: Vec<u32> =
                sent.iter().filter_map(|value| value.trim().parse::<u32>().ok()).collect();
            let checked = |value: u32| mode == "values" && ticked.contains(&value);
            let state = State {
                mode,
                step: number(format!("{key}_step"), 2),
                from: number(format!("{key}_from"), min),
                to: number(format!("{key}_to"), max),
                checked: &checked,
                list: if is_named(kind) { String::new() } else { sent.join(",") },
                raw: get(&format!("{key}_raw")).unwrap_or("*").to_owned(),
            };
            builder_field(dialect, kind, key, state, invalid)
        })
        .collect()
}

/// One field of the builder from its state.
fn builder_field(
    dialect: Dialect,
    kind: FieldKind,
    key: &'static str,
    state: State<'_>,
    invalid: &str,
) -> BuilderField {
    let (min, max) = bounds(dialect, kind);
    let named = is_named(kind);
    let choices: Vec<Choice> = if named {
        (min..=max)
            .map(|value| Choice {
                value,
                label: label(dialect, kind, value),
                checked: (state.checked)(value),
            })
            .collect()
    } else {
        Vec::new()
    };
    let safe = minijinja::Value::from_safe_string;
    BuilderField {
        key,
        name: kind.name(),
        plural: plural(kind),
        mode: state.mode,
        step: state.step,
        from: state.from,
        to: state.to,
        raw: state.raw,
        min,
        max,
        every: if kind == FieldKind::DayOfWeek && dialect.takes_question_mark() {
            "?"
        } else {
            "*"
        },
        values: has_values(kind),
        named,
        choices_html: safe(choices_html(key, &choices)),
        list: state.list,
        from_options: safe(if named { options_html(&choices, state.from) } else { String::new() }),
        to_options: safe(if named { options_html(&choices, state.to) } else { String::new() }),
        invalid: invalid
            .strip_prefix(key)
            .filter(|rest| rest.is_empty() || rest.starts_with('_'))
            .map_or_else(String::new, |_| invalid.to_owned()),
        #[cfg(test)]
        choices,
    }
}

/// What a field's values are called: `minutes`, `weekdays`.
fn plural(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Second => "seconds",
        FieldKind::Minute => "minutes",
        FieldKind::Hour => "hours",
        FieldKind::DayOfMonth => "days",
        FieldKind::Month => "months",
        FieldKind::Year => "years",
        FieldKind::DayOfWeek => "weekdays",
    }
}

/// Why the builder's form composes no expression: the input at fault (by name, `hour_to`) and a message naming
/// the field, the part of the builder and the value, as the expression's errors do
/// (`hour, range end: 99 is out of range 0–23`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BuildError {
    pub(crate) input: String,
    pub(crate) message: String,
}

/// One field's text from the submitted builder parameters, in the dialect's numbering; `*` for "every" (and for
/// no mode at all, as a hand-made link may leave it out). Anything that is not what the builder offers (a value
/// out of range, text that is no number, an empty list, an interval of 0) is refused with a [`BuildError`], never
/// dropped, clamped or read as "every". A range whose end comes before its start wraps around (`22` through `2`
/// is `22-23,0-2`), as the builder says; years do not wrap around, so a backwards year range is refused.
fn compose_field(
    params: &[(String, String)],
    dialect: Dialect,
    kind: FieldKind,
    key: &str,
) -> Result<String, BuildError> {
    let (min, max) = bounds(dialect, kind);
    let input = FieldInput { params, kind, key, min, max };
    let mode_key = format!("{key}_mode");
    match input.get(&mode_key).unwrap_or("every") {
        "every" => Ok("*".to_owned()),
        "step" => compose_step(&input),
        "values" if has_values(kind) => compose_values(&input),
        "range" => compose_range(&input),
        "custom" => compose_custom(&input),
        other => {
            let modes = if has_values(kind) {
                "every, step, values, range or custom"
            } else {
                "every, step, range or custom"
            };
            let shown: String = other.chars().take(20).collect();
            input.fail(mode_key, "mode", format!("unknown mode \"{shown}\"; use {modes}"))
        }
    }
}

/// The submitted parameters as one field's builder reads them: its parameter names start with `key`, its values
/// run from `min` to `max` in the dialect's numbering.
struct FieldInput<'a> {
    params: &'a [(String, String)],
    kind: FieldKind,
    key: &'a str,
    min: u32,
    max: u32,
}

impl FieldInput<'_> {
    /// The first parameter so named, trimmed.
    fn get(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim())
    }

    /// The error for the parameter `input`, naming the field and the part of its builder at fault.
    fn fail<T>(
        &self,
        input: String,
        part: &str,
        problem: impl std::fmt::Display,
    ) -> Result<T, BuildError> {
        Err(BuildError { input, message: format!("{}, {part}: {problem}", self.kind.name()) })
    }

    /// A value the builder offers, from a number input or a select.
    fn value(&self, name: String, part: &str) -> Result<u32, BuildError> {
        let (min, max) = (self.min, self.max);
        match self.get(&name).unwrap_or_default() {
            "" => self.fail(name, part, format!("give a value from {min} to {max}")),
            text => match text.parse::<u32>() {
                Ok(value) if (min..=max).contains(&value) => Ok(value),
                Ok(_) => self.fail(name, part, format!("{text} is out of range {min}–{max}")),
                Err(_) => self.fail(
                    name,
                    part,
                    format!("\"{text}\" is not a whole number from {min} to {max}"),
                ),
            },
        }
    }
}

/// The `step` mode: every N values from the field's first, `*/N` (`*` for every 1st).
fn compose_step(input: &FieldInput<'_>) -> Result<String, BuildError> {
    let name = format!("{}_step", input.key);
    let span = input.max - input.min + 1;
    let part = format!("every N {}", plural(input.kind));
    match input.get(&name).unwrap_or_default() {
        "" => {
            input.fail(name, &part, format!("give the interval, a whole number from 1 to {span}"))
        }
        text => match text.parse::<u32>() {
            // Every 1st is every value.
            Ok(1) => Ok("*".to_owned()),
            Ok(step) if (2..=span).contains(&step) => Ok(format!("*/{step}")),
            _ => input.fail(
                name,
                &part,
                format!("\"{text}\" is not an interval; use a whole number from 1 to {span}"),
            ),
        },
    }
}

/// The `values` mode: the ticked or typed values, sorted and without repeats, as a list.
fn compose_values(input: &FieldInput<'_>) -> Result<String, BuildError> {
    let (key, min, max) = (input.key, input.min, input.max);
    let plural = plural(input.kind);
    let part = format!("specific {plural}");
    let mut values: Vec<u32> = Vec::new();
    // `dow=1&dow=5` from checkboxes, `minute=0,30` from a typed list; `dow_values=` as the builder wrote them
    // before.
    let texts = input
        .params
        .iter()
        .filter(|(k, _)| k == key || *k == format!("{key}_values"))
        .flat_map(|(_, v)| v.split([',', ' ']))
        .map(str::trim)
        .filter(|v| !v.is_empty());
    for text in texts {
        match text.parse::<u32>() {
            Ok(value) if (min..=max).contains(&value) => values.push(value),
            Ok(_) => {
                return input.fail(
                    key.to_owned(),
                    &part,
                    format!("{text} is out of range {min}–{max}"),
                );
            }
            Err(_) => {
                return input.fail(
                    key.to_owned(),
                    &part,
                    format!(
                        "\"{text}\" is not a number; list {plural} as numbers separated by commas, such as {min},{}, or use Custom for ranges and steps",
                        min + 1
                    ),
                );
            }
        }
    }
    if values.is_empty() {
        return input.fail(
            key.to_owned(),
            &part,
            format!("none given; choose at least one of {min}–{max}, or another mode"),
        );
    }
    values.sort_unstable();
    values.dedup();
    Ok(values.iter().map(u32::to_string).collect::<Vec<_>>().join(","))
}

/// The `range` mode: `from-to`, or two ranges when it wraps around past the field's last value (not for years).
fn compose_range(input: &FieldInput<'_>) -> Result<String, BuildError> {
    let (key, min, max) = (input.key, input.min, input.max);
    let from = input.value(format!("{key}_from"), "range start")?;
    let to = input.value(format!("{key}_to"), "range end")?;
    if from <= to {
        return Ok(format!("{from}-{to}"));
    }
    if input.kind == FieldKind::Year {
        return input.fail(
            format!("{key}_to"),
            "range",
            format!(
                "{from} through {to} runs backwards, and years do not wrap around; put the earlier year first"
            ),
        );
    }
    // The range wraps around past the field's last value.
    let first = if from == max { from.to_string() } else { format!("{from}-{max}") };
    let second = if to == min { to.to_string() } else { format!("{min}-{to}") };
    Ok(format!("{first},{second}"))
}

/// The `custom` mode: the field's text as typed, one word.
fn compose_custom(input: &FieldInput<'_>) -> Result<String, BuildError> {
    let name = format!("{}_raw", input.key);
    match input.get(&name).unwrap_or_default() {
        "" => input.fail(name, "custom", "empty; type the field's text, such as 1-5 or */10"),
        raw if raw.contains(char::is_whitespace) => input.fail(
            name,
            "custom",
            format!("\"{raw}\" has a space, but a field is one word (1,15 rather than 1, 15)"),
        ),
        raw => Ok(raw.to_owned()),
    }
}

/// Quartz's and EventBridge's `?`: when one day field is specific the other is `?`; when both match every day,
/// day-of-week is. Both specific stay as they are, and the dialect's error says to pick one.
fn question_marks(dom: &mut String, dow: &mut String) {
    let every = |part: &str| part == "*" || part == "?";
    match (every(dom), every(dow)) {
        (true, true) => {
            "*".clone_into(dom);
            "?".clone_into(dow);
        }
        (true, false) => "?".clone_into(dom),
        (false, true) => "?".clone_into(dow),
        (false, false) => {}
    }
}

/// Composes an expression in `dialect` from submitted builder parameters (`minute_mode=step&minute_step=15&...`,
/// the ticked values as `dow=1&dow=5` and a typed list as `minute=0,30`, in the dialect's numbering), or says
/// what is wrong with them ([`compose_field`]). For Vixie cron, seconds and year, which its builder does not edit,
/// come back unchanged from `second_raw` and `year_raw`; for Kubernetes, a `CRON_TZ=` or `TZ=` prefix from
/// `prefix`. Quartz leaves out a year that is every year; EventBridge writes `cron(…)`.
pub(crate) fn compose(dialect: Dialect, params: &[(String, String)]) -> Result<String, BuildError> {
    let get = |name: &str| {
        params.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    };
    // Systemd has no builder: a hand-made request composes Vixie fields, and the dialect's error follows.
    let fields = if dialect == Dialect::Systemd { &FIVE[..] } else { layout(dialect) };
    let mut parts: Vec<String> = fields
        .iter()
        .map(|&(kind, key)| compose_field(params, dialect, kind, key))
        .collect::<Result<_, _>>()?;
    if dialect.takes_question_mark()
        && let Some(dom) = fields.iter().position(|(kind, _)| *kind == FieldKind::DayOfMonth)
        && let Some([day, _, week]) = parts.get_mut(dom..=dom + 2)
    {
        question_marks(day, week);
    }
    // The hidden words the builder carries unchanged: one word each, as the page wrote them.
    let word = |name: &'static str, what: &str| -> Result<Option<String>, BuildError> {
        match get(name) {
            Some(text) if text.contains(char::is_whitespace) => Err(BuildError {
                input: name.to_owned(),
                message: format!("{what}: \"{text}\" is not one word"),
            }),
            text => Ok(text.map(str::to_owned)),
        }
    };
    Ok(match dialect {
        Dialect::Quartz => {
            if parts.last().is_some_and(|year| year == "*") {
                parts.pop();
            }
            parts.join(" ")
        }
        Dialect::EventBridge => format!("cron({})", parts.join(" ")),
        Dialect::Kubernetes => {
            let prefix = word("prefix", "zone prefix")?;
            if let Some(prefix) = prefix.as_deref().filter(|p| !is_zone_prefix(p)) {
                let shown: String = prefix.chars().take(40).collect();
                return Err(BuildError {
                    input: "prefix".to_owned(),
                    message: format!(
                        "zone prefix: \"{shown}\" is not CRON_TZ= or TZ= followed by a zone, such as CRON_TZ=Europe/Berlin"
                    ),
                });
            }
            prefix.into_iter().chain(parts).collect::<Vec<_>>().join(" ")
        }
        Dialect::Github => parts.join(" "),
        _ => {
            let second = word("second_raw", "second")?;
            let year = word("year_raw", "year")?;
            second.into_iter().chain(parts).chain(year).collect::<Vec<_>>().join(" ")
        }
    })
}

/// A Kubernetes schedule's `CRON_TZ=` or `TZ=` prefix as typed, which the builder keeps; empty otherwise.
pub(crate) fn zone_prefix(dialect: Dialect, expr: &str) -> String {
    if dialect != Dialect::Kubernetes {
        return String::new();
    }
    expr.split_whitespace()
        .next()
        .filter(|word| is_zone_prefix(word))
        .unwrap_or_default()
        .to_owned()
}

/// `CRON_TZ=Zone` or `TZ=Zone`, one word (the zone itself is the parser's to check).
fn is_zone_prefix(word: &str) -> bool {
    ["CRON_TZ=", "TZ="]
        .iter()
        .any(|start| word.strip_prefix(start).is_some_and(|zone| !zone.is_empty()))
        && !word.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Expression;
    use axum::http::{StatusCode, header};
    use devtools_kit::testing::{Reply, get};

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn reads_modes_from_an_expression() {
        let schedule = Schedule::parse("*/15 9-17 1,15 * MON#2").unwrap();
        let fields = builder_fields(Dialect::Vixie, Some(&schedule));
        let modes: Vec<&str> = fields.iter().map(|f| f.mode).collect();
        assert_eq!(modes, ["step", "range", "values", "every", "custom"]);
        assert_eq!(fields[0].step, 15);
        assert_eq!((fields[1].from, fields[1].to), (9, 17));
        assert!(fields[2].choices.is_empty() && fields[2].list == "1,15");
        assert_eq!(fields[3].choices[0].label, "Jan");
        assert_eq!(fields[4].choices[0].label, "Sun");
        assert_eq!(fields[4].raw, "MON#2");
        assert_eq!(fields[4].choices.len(), 7);
        // `5-7` on day-of-week reaches 7, which the builder's 0–6 range cannot show: custom.
        let schedule = Schedule::parse("0 0 * * 5-7").unwrap();
        assert_eq!(builder_fields(Dialect::Vixie, Some(&schedule))[4].mode, "custom");
    }

    /// Each dialect's fields, weekday numbering and labels.
    #[test]
    fn the_fields_follow_the_dialect() {
        let keys = |dialect| layout(dialect).iter().map(|(_, key)| *key).collect::<Vec<_>>();
        assert_eq!(
            keys(Dialect::Quartz),
            ["second", "minute", "hour", "dom", "month", "dow", "year"]
        );
        assert_eq!(keys(Dialect::EventBridge), ["minute", "hour", "dom", "month", "dow", "year"]);
        for dialect in [Dialect::Vixie, Dialect::Kubernetes, Dialect::Github] {
            assert_eq!(keys(dialect), ["minute", "hour", "dom", "month", "dow"], "{dialect}");
        }
        assert!(layout(Dialect::Systemd).is_empty());

        let parsed = Expression::parse(Dialect::Quartz, "0 15 10 ? * MON-FRI").unwrap();
        let fields = builder_fields(Dialect::Quartz, parsed.schedule());
        let modes: Vec<&str> = fields.iter().map(|f| f.mode).collect();
        assert_eq!(modes, ["custom", "values", "values", "every", "every", "range", "every"]);
        let dow = &fields[5];
        assert_eq!((dow.min, dow.max, dow.from, dow.to, dow.every), (1, 7, 2, 6, "?"));
        let labels: Vec<(u32, &str)> =
            dow.choices.iter().map(|c| (c.value, c.label.as_str())).collect();
        assert_eq!(
            labels,
            [(1, "SUN"), (2, "MON"), (3, "TUE"), (4, "WED"), (5, "THU"), (6, "FRI"), (7, "SAT")]
        );
        // Seconds and years: no specific values, so a single value is custom text; minutes a typed list.
        assert!(!fields[0].values && fields[0].choices.is_empty() && fields[0].raw == "0");
        assert!(!fields[6].values && fields[6].choices.is_empty());
        assert!(fields[1].values && fields[1].choices.is_empty() && fields[1].list == "15");
        // 1 and 7 in Quartz are Sunday and Saturday, ticked as such.
        let parsed = Expression::parse(Dialect::Quartz, "0 0 9 ? * 1,7").unwrap();
        let dow = &builder_fields(Dialect::Quartz, parsed.schedule())[5];
        let ticked: Vec<&str> =
            dow.choices.iter().filter(|c| c.checked).map(|c| c.label.as_str()).collect();
        assert_eq!((dow.mode, ticked), ("values", vec!["SUN", "SAT"]));
        // EventBridge: years to 2199, a range of them is a range.
        let parsed = Expression::parse(Dialect::EventBridge, "cron(0 8 1 * ? 2100-2199)").unwrap();
        let year = &builder_fields(Dialect::EventBridge, parsed.schedule())[5];
        assert_eq!((year.mode, year.from, year.to, year.max), ("range", 2100, 2199, 2199));
        // A Quartz macro runs at second 0.
        let parsed = Expression::parse(Dialect::Quartz, "@daily").unwrap();
        let second = &builder_fields(Dialect::Quartz, parsed.schedule())[0];
        assert_eq!((second.mode, second.raw.as_str()), ("custom", "0"));
        // Kubernetes and GitHub number weekdays as Vixie does.
        let parsed = Expression::parse(Dialect::Github, "30 5 * * 1,3").unwrap();
        let dow = &builder_fields(Dialect::Github, parsed.schedule())[4];
        assert_eq!(
            (dow.min, dow.max, dow.every, dow.choices[0].label.as_str()),
            (0, 6, "*", "Sun")
        );
        assert!(dow.choices[1].checked && dow.choices[3].checked);
        assert_eq!(
            zone_prefix(Dialect::Kubernetes, " CRON_TZ=Europe/Berlin 0 9 * * *"),
            "CRON_TZ=Europe/Berlin"
        );
        assert_eq!(zone_prefix(Dialect::Kubernetes, "0 9 * * *"), "");
        assert_eq!(zone_prefix(Dialect::Vixie, "CRON_TZ=Europe/Berlin 0 9 * * *"), "");
    }

    #[test]
    fn composes_an_expression() {
        let got = compose(
            Dialect::Vixie,
            &params(&[
                ("minute_mode", "values"),
                ("minute", "30, 45"),
                ("minute_values", "0"),
                ("hour_mode", "range"),
                ("hour_from", "9"),
                ("hour_to", "17"),
                ("dom_mode", "step"),
                ("dom_step", "2"),
                ("month_mode", "every"),
                ("dow_mode", "custom"),
                ("dow_raw", "MON#2"),
            ]),
        );
        assert_eq!(got.unwrap(), "0,30,45 9-17 */2 * MON#2");
        assert_eq!(compose(Dialect::Vixie, &[]).unwrap(), "* * * * *");
        assert_eq!(
            compose(Dialect::Vixie, &params(&[("minute_mode", "step"), ("minute_step", "1")]))
                .unwrap(),
            "* * * * *"
        );
        assert_eq!(
            compose(Dialect::Vixie, &params(&[("second_raw", "30"), ("year_raw", "2030")]))
                .unwrap(),
            "30 * * * * * 2030"
        );
    }

    /// A range whose end comes before its start wraps around past the field's last value, in the dialect's
    /// numbering (the builder says so), and reads back as the same range; years do not wrap around.
    #[test]
    fn a_backwards_range_wraps_around() {
        let cases: &[(Dialect, &str, &str, &str, &str)] = &[
            (Dialect::Vixie, "hour", "22", "2", "* 22-23,0-2 * * *"),
            (Dialect::Vixie, "hour", "23", "0", "* 23,0 * * *"),
            (Dialect::Vixie, "dow", "5", "1", "* * * * 5-6,0-1"),
            (Dialect::Vixie, "dow", "6", "0", "* * * * 6,0"),
            (Dialect::Vixie, "month", "11", "2", "* * * 11-12,1-2 *"),
            (Dialect::Vixie, "dom", "25", "5", "* * 25-31,1-5 * *"),
            (Dialect::Quartz, "dow", "6", "2", "* * * ? * 6-7,1-2"),
            (Dialect::Quartz, "second", "50", "10", "50-59,0-10 * * * * ?"),
            (Dialect::EventBridge, "dow", "7", "1", "cron(* * ? * 7,1 *)"),
            (Dialect::Github, "dow", "5", "1", "* * * * 5-6,0-1"),
        ];
        for &(dialect, key, from, to, expected) in cases {
            let mode = format!("{key}_mode");
            let (from_key, to_key) = (format!("{key}_from"), format!("{key}_to"));
            let pairs =
                [(mode.as_str(), "range"), (from_key.as_str(), from), (to_key.as_str(), to)];
            let got = compose(dialect, &params(&pairs)).unwrap();
            assert_eq!(got, expected, "{dialect} {key} {from} through {to}");
            // It parses, and the builder shows it as the range that was chosen.
            let parsed = Expression::parse(dialect, &got).unwrap_or_else(|e| panic!("{got}: {e}"));
            let fields = builder_fields(dialect, parsed.schedule());
            let field = fields.iter().find(|f| f.key == key).unwrap();
            assert_eq!(
                (field.mode, field.from.to_string(), field.to.to_string()),
                ("range", from.to_owned(), to.to_owned()),
                "{dialect} {got}"
            );
        }
        let error = compose(
            Dialect::Quartz,
            &params(&[("year_mode", "range"), ("year_from", "2030"), ("year_to", "2027")]),
        )
        .unwrap_err();
        assert_eq!(error.input, "year_to");
        assert!(
            error.message.starts_with("year, range: 2030 through 2027 runs backwards"),
            "{error:?}"
        );
    }

    /// Whatever the builder does not offer is refused, naming the field, the part and the value, and the input
    /// at fault; never dropped, clamped or read as "every" (the reviewer's cases first).
    #[test]
    fn what_the_builder_does_not_offer_is_refused() {
        // The dialect, the form's pairs, the input at fault and part of the message.
        type Refused =
            (Dialect, &'static [(&'static str, &'static str)], &'static str, &'static str);
        let cases: &[Refused] = &[
            (
                Dialect::Vixie,
                &[("minute_mode", "values"), ("minute", "5,70")],
                "minute",
                "minute, specific minutes: 70 is out of range 0–59",
            ),
            (
                Dialect::Vixie,
                &[("minute_mode", "values"), ("minute", "1-3")],
                "minute",
                "minute, specific minutes: \"1-3\" is not a number; list minutes as numbers separated by commas, such as 0,1, or use Custom for ranges and steps",
            ),
            (
                Dialect::Vixie,
                &[("minute_mode", "values"), ("minute", "abc")],
                "minute",
                "\"abc\" is not a number",
            ),
            (
                Dialect::Vixie,
                &[("minute_mode", "values"), ("minute", " ")],
                "minute",
                "minute, specific minutes: none given",
            ),
            (
                Dialect::Vixie,
                &[("dow_mode", "values")],
                "dow",
                "day-of-week, specific weekdays: none given; choose at least one of 0–6",
            ),
            (
                Dialect::Vixie,
                &[("dow_mode", "values"), ("dow", "9")],
                "dow",
                "day-of-week, specific weekdays: 9 is out of range 0–6",
            ),
            (
                Dialect::Vixie,
                &[("minute_mode", "step"), ("minute_step", "0")],
                "minute_step",
                "minute, every N minutes: \"0\" is not an interval; use a whole number from 1 to 60",
            ),
            (
                Dialect::Vixie,
                &[("minute_mode", "step"), ("minute_step", "-5")],
                "minute_step",
                "\"-5\" is not an interval",
            ),
            (
                Dialect::Vixie,
                &[("minute_mode", "step"), ("minute_step", "61")],
                "minute_step",
                "\"61\" is not an interval",
            ),
            (
                Dialect::Vixie,
                &[("minute_mode", "step")],
                "minute_step",
                "minute, every N minutes: give the interval",
            ),
            (
                Dialect::Vixie,
                &[("hour_mode", "range"), ("hour_from", "9"), ("hour_to", "99")],
                "hour_to",
                "hour, range end: 99 is out of range 0–23",
            ),
            (
                Dialect::Vixie,
                &[("hour_mode", "range"), ("hour_from", "x"), ("hour_to", "5")],
                "hour_from",
                "hour, range start: \"x\" is not a whole number from 0 to 23",
            ),
            (
                Dialect::Vixie,
                &[("hour_mode", "range"), ("hour_to", "5")],
                "hour_from",
                "hour, range start: give a value from 0 to 23",
            ),
            (
                Dialect::Vixie,
                &[("dom_mode", "custom"), ("dom_raw", "1, 15")],
                "dom_raw",
                "day-of-month, custom: \"1, 15\" has a space",
            ),
            (
                Dialect::Vixie,
                &[("dom_mode", "custom"), ("dom_raw", "")],
                "dom_raw",
                "day-of-month, custom: empty",
            ),
            (
                Dialect::Vixie,
                &[("dom_mode", "sometimes")],
                "dom_mode",
                "day-of-month, mode: unknown mode \"sometimes\"; use every, step, values, range or custom",
            ),
            (
                Dialect::Vixie,
                &[("second_raw", "0 1")],
                "second_raw",
                "second: \"0 1\" is not one word",
            ),
            // Seconds and years have no specific values: a value list is custom text.
            (
                Dialect::Quartz,
                &[("second_mode", "values"), ("second", "5")],
                "second_mode",
                "use every, step, range or custom",
            ),
            // 0 is no weekday where they run 1–7, 7 none where they run 0–6.
            (
                Dialect::Quartz,
                &[("dow_mode", "values"), ("dow", "7"), ("dow", "0")],
                "dow",
                "0 is out of range 1–7",
            ),
            (
                Dialect::Kubernetes,
                &[("dow_mode", "values"), ("dow", "0"), ("dow", "7")],
                "dow",
                "7 is out of range 0–6",
            ),
            (
                Dialect::Github,
                &[("dow_mode", "range"), ("dow_from", "1"), ("dow_to", "7")],
                "dow_to",
                "day-of-week, range end: 7 is out of range 0–6",
            ),
            // Years to 2199 in EventBridge: a range past it is refused, not cut short.
            (
                Dialect::EventBridge,
                &[("year_mode", "range"), ("year_from", "2100"), ("year_to", "2300")],
                "year_to",
                "year, range end: 2300 is out of range 1970–2199",
            ),
            // Only a zone prefix, as one word.
            (
                Dialect::Kubernetes,
                &[("prefix", "CRON_TZ=UTC 0")],
                "prefix",
                "zone prefix: \"CRON_TZ=UTC 0\" is not one word",
            ),
            (
                Dialect::Kubernetes,
                &[("prefix", "@every")],
                "prefix",
                "zone prefix: \"@every\" is not CRON_TZ= or TZ=",
            ),
            (
                Dialect::Kubernetes,
                &[("prefix", "CRON_TZ=")],
                "prefix",
                "is not CRON_TZ= or TZ= followed by a zone",
            ),
        ];
        for &(dialect, pairs, input, message) in cases {
            let error = compose(dialect, &params(pairs)).expect_err(message);
            assert_eq!(error.input, input, "{dialect} {pairs:?}");
            assert!(error.message.contains(message), "{dialect} {pairs:?}: {}", error.message);
        }
    }

    /// A dialect, the builder's parameters and the expression they compose.
    /// Each mode's function reads only its own parameters, so it can be checked alone; `compose_field` picks it by
    /// the mode.
    #[test]
    fn each_mode_composes_on_its_own() {
        let given = params(&[
            ("hour_step", "6"),
            ("hour", "17,9"),
            ("hour", "9"),
            ("hour_from", "22"),
            ("hour_to", "2"),
            ("hour_raw", "9-17/2"),
        ]);
        let input =
            FieldInput { params: &given, kind: FieldKind::Hour, key: "hour", min: 0, max: 23 };
        assert_eq!(compose_step(&input), Ok("*/6".to_owned()));
        assert_eq!(compose_values(&input), Ok("9,17".to_owned()));
        assert_eq!(compose_range(&input), Ok("22-23,0-2".to_owned()));
        assert_eq!(compose_custom(&input), Ok("9-17/2".to_owned()));
        assert_eq!(input.value("hour_from".to_owned(), "range start"), Ok(22));
        let empty = FieldInput { params: &[], ..input };
        assert_eq!(
            compose_step(&empty).unwrap_err().message,
            "hour, every N hours: give the interval, a whole number from 1 to 24"
        );
        assert_eq!(compose_custom(&empty).unwrap_err().input, "hour_raw");
        for mode in ["every", "step", "values", "range", "custom"] {
            let mut with_mode = given.clone();
            with_mode.push(("hour_mode".to_owned(), mode.to_owned()));
            let alone = match mode {
                "every" => Ok("*".to_owned()),
                "step" => compose_step(&input),
                "values" => compose_values(&input),
                "range" => compose_range(&input),
                _ => compose_custom(&input),
            };
            assert_eq!(compose_field(&with_mode, Dialect::Vixie, FieldKind::Hour, "hour"), alone);
        }
    }

    type StateCase = (Dialect, &'static [(&'static str, &'static str)], &'static str);

    /// For each dialect with fields: builder states (as the form submits them) and the expression they compose,
    /// which parses in that dialect.
    #[test]
    fn each_dialect_composes_what_it_parses() {
        let cases: &[StateCase] = &[
            (Dialect::Quartz, &[], "* * * * * ?"),
            (
                Dialect::Quartz,
                &[
                    ("second_mode", "custom"),
                    ("second_raw", "0"),
                    ("minute_mode", "values"),
                    ("minute", "0"),
                    ("minute", "30"),
                    ("hour_mode", "range"),
                    ("hour_from", "9"),
                    ("hour_to", "17"),
                    ("dow_mode", "values"),
                    ("dow", "2"),
                    ("dow", "6"),
                ],
                "0 0,30 9-17 ? * 2,6",
            ),
            (
                Dialect::Quartz,
                &[
                    ("second_mode", "step"),
                    ("second_step", "10"),
                    ("dom_mode", "values"),
                    ("dom", "15"),
                    ("dom", "1"),
                ],
                "*/10 * * 1,15 * ?",
            ),
            (
                Dialect::Quartz,
                &[
                    ("second_raw", "0"),
                    ("second_mode", "custom"),
                    ("dom_mode", "custom"),
                    ("dom_raw", "L-2"),
                    ("year_mode", "range"),
                    ("year_from", "2027"),
                    ("year_to", "2030"),
                ],
                "0 * * L-2 * ? 2027-2030",
            ),
            (
                Dialect::Quartz,
                &[
                    ("dow_mode", "range"),
                    ("dow_from", "2"),
                    ("dow_to", "6"),
                    ("year_mode", "step"),
                    ("year_step", "2"),
                ],
                "* * * ? * 2-6 */2",
            ),
            (Dialect::Quartz, &[("dow_mode", "step"), ("dow_step", "2")], "* * * ? * */2"),
            (
                Dialect::Quartz,
                &[
                    ("dom_mode", "custom"),
                    ("dom_raw", "?"),
                    ("dow_mode", "custom"),
                    ("dow_raw", "?"),
                ],
                "* * * * * ?",
            ),
            (Dialect::Quartz, &[("dow_mode", "custom"), ("dow_raw", "6#3")], "* * * ? * 6#3"),
            (Dialect::EventBridge, &[], "cron(* * * * ? *)"),
            (
                Dialect::EventBridge,
                &[
                    ("minute_mode", "custom"),
                    ("minute_raw", "0"),
                    ("hour_mode", "values"),
                    ("hour", "18"),
                    ("dow_mode", "range"),
                    ("dow_from", "2"),
                    ("dow_to", "6"),
                ],
                "cron(0 18 ? * 2-6 *)",
            ),
            (
                Dialect::EventBridge,
                &[
                    ("minute_mode", "values"),
                    ("minute", "0"),
                    ("hour_mode", "values"),
                    ("hour", "8"),
                    ("dom_mode", "values"),
                    ("dom", "1"),
                    ("year_mode", "custom"),
                    ("year_raw", "2030"),
                ],
                "cron(0 8 1 * ? 2030)",
            ),
            (
                Dialect::Kubernetes,
                &[
                    ("prefix", "CRON_TZ=Europe/Berlin"),
                    ("minute_mode", "values"),
                    ("minute", "0"),
                    ("hour_mode", "values"),
                    ("hour", "9"),
                ],
                "CRON_TZ=Europe/Berlin 0 9 * * *",
            ),
            (
                Dialect::Kubernetes,
                &[("prefix", "TZ=UTC"), ("dow_mode", "values"), ("dow", "0"), ("dow", "6")],
                "TZ=UTC * * * * 0,6",
            ),
            (
                Dialect::Github,
                &[
                    ("second_raw", "30"),
                    ("year_raw", "2030"),
                    ("minute_mode", "values"),
                    ("minute", "30"),
                    ("hour_mode", "values"),
                    ("hour", "5"),
                    ("hour", "17"),
                ],
                "30 5,17 * * *",
            ),
            (
                Dialect::Github,
                &[("dow_mode", "range"), ("dow_from", "1"), ("dow_to", "6")],
                "* * * * 1-6",
            ),
        ];
        for (dialect, pairs, expected) in cases {
            let got =
                compose(*dialect, &params(pairs)).unwrap_or_else(|e| panic!("{pairs:?}: {e:?}"));
            assert_eq!(got, *expected, "{dialect} {pairs:?}");
            if let Err(error) = Expression::parse(*dialect, &got) {
                panic!("{dialect} {got}: {error}");
            }
        }
        // Both day fields specific: kept, and the dialect's error says to choose.
        let both = compose(
            Dialect::Quartz,
            &params(&[("dom_mode", "values"), ("dom", "1"), ("dow_mode", "values"), ("dow", "2")]),
        )
        .unwrap();
        assert_eq!(both, "* * * 1 * 2");
        assert!(
            Expression::parse(Dialect::Quartz, &both)
                .unwrap_err()
                .to_string()
                .contains("write ? in one of them")
        );
    }

    /// What the builder's form sends for the fields it shows, as a browser without JavaScript would.
    fn submitted(dialect: Dialect, expr: &str, fields: &[BuilderField]) -> Vec<(String, String)> {
        let mut sent = Vec::new();
        let mut add = |k: &str, v: String| sent.push((k.to_owned(), v));
        let schedule = Expression::parse(dialect, expr).ok();
        let raw = |kind| {
            schedule
                .as_ref()
                .and_then(Expression::schedule)
                .and_then(|s| s.field(kind))
                .map(|f| f.raw.clone())
                .unwrap_or_default()
        };
        if dialect == Dialect::Vixie {
            add("second_raw", raw(FieldKind::Second));
            add("year_raw", raw(FieldKind::Year));
        } else {
            add("dialect", dialect.name().to_owned());
        }
        if dialect == Dialect::Kubernetes {
            add("prefix", zone_prefix(dialect, expr));
        }
        for f in fields {
            add(&format!("{}_mode", f.key), f.mode.to_owned());
            add(&format!("{}_step", f.key), f.step.to_string());
            add(&format!("{}_from", f.key), f.from.to_string());
            add(&format!("{}_to", f.key), f.to.to_string());
            for choice in f.choices.iter().filter(|c| c.checked) {
                add(f.key, choice.value.to_string());
            }
            if !f.named && f.values {
                add(f.key, f.list.clone());
            }
            add(&format!("{}_raw", f.key), f.raw.clone());
        }
        sent
    }

    /// The round trip expression -> builder -> expression for each dialect's documented examples the builder can
    /// show: the same text, or (where the builder writes numbers for names, `*` and `?` in Quartz's order, or a
    /// macro's fields) the same runs.
    #[test]
    fn documented_examples_round_trip() {
        let cases: &[(Dialect, &str, &str)] = &[
            // crontab(5) and the page's presets.
            (Dialect::Vixie, "*/15 9-17 * * 1-5", "*/15 9-17 * * 1-5"),
            (Dialect::Vixie, "5 0 * * *", "5 0 * * *"),
            (Dialect::Vixie, "15 14 1 * *", "15 14 1 * *"),
            (Dialect::Vixie, "0 22 * * 1-5", "0 22 * * 1-5"),
            (Dialect::Vixie, "23 0-23/2 * * *", "23 0-23/2 * * *"),
            (Dialect::Vixie, "5 4 * * sun", "5 4 * * 0"),
            (Dialect::Vixie, "0 0 L * *", "0 0 L * *"),
            (Dialect::Vixie, "0 0 1 */3 *", "0 0 1 */3 *"),
            (Dialect::Vixie, "0 30 10 * * * 2030", "0 30 10 * * * 2030"),
            (Dialect::Vixie, "@weekly", "0 0 * * 0"),
            // The Quartz tutorial's.
            (Dialect::Quartz, "0 0 12 * * ?", "0 0 12 * * ?"),
            (Dialect::Quartz, "0 15 10 ? * *", "0 15 10 * * ?"),
            (Dialect::Quartz, "0 15 10 * * ? 2027", "0 15 10 * * ? 2027"),
            (Dialect::Quartz, "0 15 10 * * ? *", "0 15 10 * * ?"),
            (Dialect::Quartz, "0 0/5 14 * * ?", "0 0/5 14 * * ?"),
            (Dialect::Quartz, "0 0/5 14,18 * * ?", "0 0/5 14,18 * * ?"),
            (Dialect::Quartz, "0 0-5 14 * * ?", "0 0-5 14 * * ?"),
            (Dialect::Quartz, "0 10,44 14 ? 3 WED", "0 10,44 14 ? 3 4"),
            (Dialect::Quartz, "0 15 10 ? * MON-FRI", "0 15 10 ? * 2-6"),
            (Dialect::Quartz, "0 15 10 15 * ?", "0 15 10 15 * ?"),
            (Dialect::Quartz, "0 15 10 L * ?", "0 15 10 L * ?"),
            (Dialect::Quartz, "0 15 10 L-2 * ?", "0 15 10 L-2 * ?"),
            (Dialect::Quartz, "0 15 10 ? * 6L", "0 15 10 ? * 6L"),
            (Dialect::Quartz, "0 15 10 ? * 6#3", "0 15 10 ? * 6#3"),
            (Dialect::Quartz, "0 0 12 1/5 * ?", "0 0 12 1/5 * ?"),
            (Dialect::Quartz, "0 11 11 11 11 ?", "0 11 11 11 11 ?"),
            (Dialect::Quartz, "@hourly", "0 0 * * * ?"),
            // AWS's EventBridge examples.
            (Dialect::EventBridge, "cron(15 10 * * ? *)", "cron(15 10 * * ? *)"),
            (Dialect::EventBridge, "cron(0 18 ? * MON-FRI *)", "cron(0 18 ? * 2-6 *)"),
            (Dialect::EventBridge, "cron(0 8 1 * ? *)", "cron(0 8 1 * ? *)"),
            (Dialect::EventBridge, "cron(0/10 * ? * MON-FRI *)", "cron(0/10 * ? * 2-6 *)"),
            (Dialect::EventBridge, "cron(0/5 8-17 ? * MON-FRI *)", "cron(0/5 8-17 ? * 2-6 *)"),
            (Dialect::EventBridge, "cron(0 9 ? * 2#1 *)", "cron(0 9 ? * 2#1 *)"),
            (Dialect::EventBridge, "cron(0 0 1 1 ? 2100/50)", "cron(0 0 1 1 ? 2100/50)"),
            // Kubernetes' CronJob page and the API's example.
            (Dialect::Kubernetes, "* * * * *", "* * * * *"),
            (Dialect::Kubernetes, "0 0 13 * 5", "0 0 13 * 5"),
            (
                Dialect::Kubernetes,
                "CRON_TZ=Europe/Berlin 0 9 * * 1-5",
                "CRON_TZ=Europe/Berlin 0 9 * * 1-5",
            ),
            (Dialect::Kubernetes, "TZ=Asia/Tokyo */5 * * * *", "TZ=Asia/Tokyo */5 * * * *"),
            (Dialect::Kubernetes, "@hourly", "0 * * * *"),
            // GitHub's `schedule` examples.
            (Dialect::Github, "30 5,17 * * *", "30 5,17 * * *"),
            (Dialect::Github, "30 5 * * 1,3", "30 5 * * 1,3"),
            (Dialect::Github, "30 5 * * 2,4", "30 5 * * 2,4"),
            (Dialect::Github, "*/15 * * * *", "*/15 * * * *"),
        ];
        let from = chrono::DateTime::parse_from_rfc3339("2026-03-27T12:00:00Z").unwrap().to_utc();
        for (dialect, expr, expected) in cases {
            let parsed =
                Expression::parse(*dialect, expr).unwrap_or_else(|e| panic!("{expr}: {e}"));
            let fields = builder_fields(*dialect, parsed.schedule());
            let got = compose(*dialect, &submitted(*dialect, expr, &fields)).unwrap();
            assert_eq!(got, *expected, "{dialect} {expr}");
            let again = Expression::parse(*dialect, &got).unwrap_or_else(|e| panic!("{got}: {e}"));
            assert_eq!(
                again.runs_after(from, chrono_tz::Europe::Berlin, 30),
                parsed.runs_after(from, chrono_tz::Europe::Berlin, 30),
                "{dialect} {expr} -> {got}"
            );
        }
    }

    fn app() -> axum::Router {
        devtools_kit::Site::router(vec![crate::web::tool()]).unwrap()
    }

    async fn page(uri: &str) -> Reply {
        get(&app(), uri).await
    }

    /// Without JavaScript: each dialect's builder is rendered with its own fields, its form composes in the
    /// dialect and the redirect keeps it.
    #[tokio::test]
    async fn the_form_builds_in_the_chosen_dialect_without_javascript() {
        let quartz = page("/cron?expr=0+15+10+%3F+*+MON-FRI&dialect=quartz").await;
        let main = quartz.main();
        assert!(main.contains("<input type=hidden name=dialect value=quartz>"), "{main}");
        assert!(main.contains("data-field=second data-min=0 data-max=59><legend>second</legend>"));
        assert!(main.contains("data-field=year data-min=1970 data-max=2099><legend>year</legend>"));
        assert!(!main.contains("name=second ") && !main.contains("name=year "), "no values mode");
        assert!(main.contains("Specific minutes</label> <input type=text name=minute value=\"15\" aria-label=\"minutes, separated by commas\""), "{main}");
        assert!(!main.contains("type=checkbox name=hour "), "hours are a typed list");
        assert!(!main.contains(r#"name=second_mode value=values"#));
        assert!(main.contains("<label><input type=checkbox name=dow value=2>MON</label>"));
        assert!(main.contains("<option value=2 selected>MON</option>"));
        assert!(main.contains(
            "<option value=6 selected>FRI</option><option value=7>SAT</option></select>"
        ));
        assert!(!main.contains("type=hidden name=second_raw"), "no hidden seconds");
        let built = page("/cron?build=1&dialect=quartz&tz=UTC&second_mode=custom&second_raw=0&minute_mode=values&minute=15&hour_mode=values&hour=10&dow_mode=range&dow_from=2&dow_to=6&year_mode=every").await;
        assert_eq!(built.status, StatusCode::SEE_OTHER);
        assert_eq!(
            built.header(header::LOCATION),
            "/cron?expr=0+15+10+%3F+*+2-6&tz=UTC&dialect=quartz"
        );
        let built = page("/cron?build=1&dialect=eventbridge&tz=UTC&translate=1&minute_mode=values&minute=0&hour_mode=values&hour=18&dom_mode=every&dow_mode=values&dow=2").await;
        assert_eq!(
            built.header(header::LOCATION),
            "/cron?expr=cron%280+18+%3F+*+2+*%29&tz=UTC&dialect=eventbridge&translate=1"
        );
        let built = page("/cron?build=1&dialect=kubernetes&prefix=CRON_TZ%3DEurope%2FBerlin&minute_mode=values&minute=0").await;
        assert_eq!(
            built.header(header::LOCATION),
            "/cron?expr=CRON_TZ%3DEurope%2FBerlin+0+*+*+*+*&tz=UTC&dialect=kubernetes"
        );
        let kubernetes =
            page("/cron?expr=CRON_TZ%3DEurope%2FBerlin+0+9+*+*+1-5&dialect=kubernetes").await;
        assert!(
            kubernetes
                .main()
                .contains(r#"<input type=hidden name=prefix value="CRON_TZ=Europe/Berlin">"#)
        );
        let eventbridge = page("/cron?expr=cron(0+18+%3F+*+MON-FRI+*)&dialect=eventbridge").await;
        let main = eventbridge.main();
        assert!(main.contains("data-field=year data-min=1970 data-max=2199>"));
        assert!(!main.contains("data-field=second"));
        assert!(main.contains(
            r#"<input type=radio name=dow_mode value=every> Every day-of-week <code>?</code>"#
        ));
        // The presets are crontab lines: a dialect lists those it reads, in links that keep it.
        assert!(!main.contains("presets-heading"), "EventBridge reads none of them");
        let main = kubernetes.main();
        assert!(main.contains("<code>*/5 * * * *</code>") && !main.contains("expr=%40reboot"));
        assert!(main.contains("&amp;dialect=kubernetes\"><span>Every minute</span>"), "{main}");
        let main = quartz.main();
        assert!(main.contains("expr=%40yearly") && !main.contains("<code>* * * * *</code>"));
        // The builder is shown for every dialect with fields, even when the expression is not valid in it.
        for uri in
            ["/cron?expr=0+9+*+*+1-5&dialect=github", "/cron?expr=0+9+*+*+1-5&dialect=quartz"]
        {
            let main = page(uri).await.main().to_owned();
            assert!(main.contains(r#"aria-labelledby="builder-heading">"#), "{uri}");
            assert!(main.contains("data-field=dow"), "{uri}");
        }
        // systemd has no fields, an @every none either.
        for uri in ["/cron?expr=daily&dialect=systemd", "/cron?expr=%40every+5m&dialect=kubernetes"]
        {
            let main = page(uri).await.main().to_owned();
            assert!(main.contains(r#"aria-labelledby="builder-heading" hidden>"#), "{uri}");
        }
    }

    /// Without JavaScript and with it (`fragment=1`), the builder's form never leads to a schedule other than the
    /// one chosen: a backwards range wraps around, and anything the builder does not offer is a 400 naming the
    /// field and the value, with the expression shown before and the builder as it was submitted.
    #[tokio::test]
    async fn the_form_never_silently_changes_what_was_entered() {
        let built = page("/cron?build=1&tz=UTC&minute_mode=values&minute=0&hour_mode=range&hour_from=22&hour_to=2&dom_mode=every&month_mode=every&dow_mode=range&dow_from=5&dow_to=1").await;
        assert_eq!(built.status, StatusCode::SEE_OTHER);
        assert_eq!(built.header(header::LOCATION), "/cron?expr=0+22-23%2C0-2+*+*+5-6%2C0-1&tz=UTC");
        // The page it leads to shows both ranges as chosen.
        let shown = page("/cron?expr=0+22-23%2C0-2+*+*+5-6%2C0-1&tz=UTC").await;
        let main = shown.main();
        assert!(main.contains("<input type=number name=hour_from min=0 max=23 value=22"), "{main}");
        assert!(main.contains("<option value=5 selected>Fri</option>"), "{main}");
        assert!(main.contains("<option value=1 selected>Mon</option>"), "{main}");
        for (query, message, marked) in [
            (
                "minute_mode=values&minute=5,70",
                "minute, specific minutes: 70 is out of range 0–59",
                "<input type=text name=minute aria-invalid=true value=\"5,70\"",
            ),
            (
                "minute_mode=values&minute=1-3",
                "minute, specific minutes: &quot;1-3&quot; is not a number",
                "name=minute aria-invalid=true value=\"1-3\"",
            ),
            (
                "minute_mode=values&minute=abc",
                "&quot;abc&quot; is not a number",
                "name=minute aria-invalid=true value=\"abc\"",
            ),
            (
                "minute_mode=step&minute_step=0",
                "minute, every N minutes: &quot;0&quot; is not an interval",
                "name=minute_step aria-invalid=true min=1 max=60 value=0",
            ),
            (
                "minute_mode=step&minute_step=-5",
                "&quot;-5&quot; is not an interval",
                "name=minute_step aria-invalid=true",
            ),
            (
                "hour_mode=range&hour_from=1&hour_to=99",
                "hour, range end: 99 is out of range 0–23",
                "name=hour_to aria-invalid=true min=0 max=23 value=99",
            ),
        ] {
            let uri = format!("/cron?build=1&tz=UTC&expr=15+9+*+*+*&{query}");
            let reply = page(&uri).await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
            let main = reply.main();
            assert!(main.contains(message), "{uri}: {main}");
            assert!(main.contains(marked), "{uri}: {main}");
            // The expression shown before stays in the input and the builder's form.
            assert!(main.contains(r#"id="cron-expr" name="expr" type="text" class="mono-input cron-expr" value="15 9 * * *""#), "{uri}");
            assert!(main.contains(r#"<input type=hidden name=expr value="15 9 * * *">"#), "{uri}");
            // The script's request: the same refusal in the live part, naming the input; no expression composed.
            let live = page(&format!("{uri}&fragment=1")).await;
            // A live part is always 200 (the kit's rule); the error is in it.
            assert_eq!(live.status, StatusCode::OK, "{uri}");
            assert!(live.body.contains(message), "{uri}");
            let input =
                marked.split("name=").nth(1).and_then(|rest| rest.split(' ').next()).unwrap();
            assert!(
                live.body.contains(&format!("data-builder-input=\"{input}\"")),
                "{uri}: {}",
                live.body
            );
            assert!(!live.body.contains("cron-composed"), "{uri}");
        }
    }

    /// Issue 17's budget for the dialects' pages: each builder within 31 KiB of HTML (32 KiB for every tool page,
    /// less room for the tools yet to join the navigation).
    #[tokio::test]
    async fn each_dialects_page_stays_under_31_kib() {
        for uri in [
            "/cron?expr=0+15+10+%3F+*+MON-FRI&dialect=quartz&tz=America%2FNew_York",
            "/cron?expr=0+0%2F5+8-17+%3F+*+MON-FRI+2027&dialect=quartz&tz=Europe%2FBerlin",
            "/cron?expr=cron(0%2F5+8-17+%3F+*+MON-FRI+*)&dialect=eventbridge&tz=America%2FNew_York",
            "/cron?expr=CRON_TZ%3DEurope%2FBerlin+*%2F15+9-17+*+*+1-5&dialect=kubernetes&tz=America%2FNew_York",
            "/cron?expr=*%2F15+9-17+*+*+1-5&dialect=github&tz=Europe%2FBerlin",
        ] {
            let size = page(uri).await.wire_len;
            assert!(size <= 31 * 1024, "{uri}: {size} bytes");
        }
    }
}
