//! The visual builder: each of the five standard fields as a mode (every, every N, specific values, a range, or
//! custom text), read from an expression and written back to one.
//!
//! The page's script does the same in the browser; this copy fills the builder when the page is rendered and
//! composes the expression when the builder form is submitted without JavaScript.

use crate::field::{FieldKind, MONTHS, WEEKDAYS};
use crate::parse::{Field, Item};
use crate::schedule::Schedule;
use serde::Serialize;

/// The five fields the builder edits, with their query-parameter keys.
pub(crate) const BUILDER_FIELDS: [(FieldKind, &str); 5] = [
    (FieldKind::Minute, "minute"),
    (FieldKind::Hour, "hour"),
    (FieldKind::DayOfMonth, "dom"),
    (FieldKind::Month, "month"),
    (FieldKind::DayOfWeek, "dow"),
];

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
    /// The field's smallest and largest value (the builder's range: day-of-week stops at 6).
    min: u32,
    max: u32,
    /// Whether values have names (months, weekdays): the range is then two `<select>`s, else number inputs.
    named: bool,
    /// The "specific values" checkboxes, pre-rendered ([`choices_html`]): a hundred and thirty-four of them
    /// through the template's loop cost render time and bytes.
    choices_html: minijinja::Value,
    /// For a named field, the range's `<option>`s with the start or the end selected.
    from_options: minijinja::Value,
    to_options: minijinja::Value,
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

fn label(kind: FieldKind, value: u32) -> String {
    match kind {
        FieldKind::Month => MONTHS[(value - 1) as usize][..3].to_owned(),
        FieldKind::DayOfWeek => WEEKDAYS[value as usize][..3].to_owned(),
        _ => value.to_string(),
    }
}

/// The builder's fields for an expression; `None` (for `@reboot` or an invalid expression) gives every field as
/// "every".
pub(crate) fn builder_fields(schedule: Option<&Schedule>) -> Vec<BuilderField> {
    BUILDER_FIELDS
        .iter()
        .map(|&(kind, key)| {
            let field = schedule.and_then(|s| s.field(kind));
            let (min, max) = (kind.min(), kind.max_normalised());
            let (mode, step, from, to) = match field.map(|f| (f, f.items.as_slice())) {
                None => ("every", 2, min, max),
                Some((f, _)) if f.raw == "*" || f.raw == "?" => ("every", 2, min, max),
                Some((_, [(Item::Any { step }, _)])) => ("step", *step, min, max),
                Some((_, [(Item::Range { start, end, step: 1 }, _)])) if *end <= max => {
                    ("range", 2, *start, *end)
                }
                Some((f, items))
                    if items.iter().all(|(item, _)| matches!(item, Item::Value { .. })) =>
                {
                    ("values", 2, f.values.first().copied().unwrap_or(min), max)
                }
                Some(_) => ("custom", 2, min, max),
            };
            let checked = |value: u32| {
                mode == "values" && field.is_some_and(|f: &Field| f.values.contains(&value))
            };
            let choices: Vec<Choice> = (min..=max)
                .map(|value| Choice { value, label: label(kind, value), checked: checked(value) })
                .collect();
            let named = matches!(kind, FieldKind::Month | FieldKind::DayOfWeek);
            let safe = minijinja::Value::from_safe_string;
            BuilderField {
                key,
                name: kind.name(),
                plural: match kind {
                    FieldKind::Minute => "minutes",
                    FieldKind::Hour => "hours",
                    FieldKind::DayOfMonth => "days",
                    FieldKind::Month => "months",
                    _ => "weekdays",
                },
                mode,
                step,
                from,
                to,
                raw: field.map_or_else(|| "*".to_owned(), |f| f.raw.clone()),
                min,
                max,
                named,
                choices_html: safe(choices_html(key, &choices)),
                from_options: safe(if named {
                    options_html(&choices, from)
                } else {
                    String::new()
                }),
                to_options: safe(if named { options_html(&choices, to) } else { String::new() }),
                #[cfg(test)]
                choices,
            }
        })
        .collect()
}

/// Composes an expression from submitted builder parameters (`minute_mode=step&minute_step=15&...`, the ticked
/// values as `dow=1&dow=5`). Seconds and
/// year, which the builder does not edit, come back unchanged from `second_raw` and `year_raw`.
pub(crate) fn compose(params: &[(String, String)]) -> String {
    let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim());
    let number = |name: &str| get(name).and_then(|v| v.parse::<u32>().ok());
    let mut parts = Vec::new();
    if let Some(second) = get("second_raw").filter(|s| !s.is_empty()) {
        parts.push(second.to_owned());
    }
    for (kind, key) in BUILDER_FIELDS {
        let (min, max) = (kind.min(), kind.max_normalised());
        let part = match get(&format!("{key}_mode")).unwrap_or("every") {
            "step" => match number(&format!("{key}_step")) {
                Some(step) if (2..=max - min + 1).contains(&step) => format!("*/{step}"),
                _ => "*".to_owned(),
            },
            "values" => {
                let mut values: Vec<u32> = params
                    .iter()
                    // `dow=1&dow=5`; `dow_values=` as the builder wrote them before.
                    .filter(|(k, _)| k == key || *k == format!("{key}_values"))
                    .filter_map(|(_, v)| v.parse::<u32>().ok())
                    .filter(|v| (min..=max).contains(v))
                    .collect();
                values.sort_unstable();
                values.dedup();
                if values.is_empty() {
                    "*".to_owned()
                } else {
                    values.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
                }
            }
            "range" => {
                let from = number(&format!("{key}_from")).unwrap_or(min).clamp(min, max);
                let to = number(&format!("{key}_to")).unwrap_or(max).clamp(min, max);
                format!("{}-{}", from.min(to), from.max(to))
            }
            "custom" => get(&format!("{key}_raw"))
                .filter(|raw| !raw.is_empty() && !raw.contains(char::is_whitespace))
                .unwrap_or("*")
                .to_owned(),
            _ => "*".to_owned(),
        };
        parts.push(part);
    }
    if let Some(year) = get("year_raw").filter(|s| !s.is_empty()) {
        parts.push(year.to_owned());
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn reads_modes_from_an_expression() {
        let schedule = Schedule::parse("*/15 9-17 1,15 * MON#2").unwrap();
        let fields = builder_fields(Some(&schedule));
        let modes: Vec<&str> = fields.iter().map(|f| f.mode).collect();
        assert_eq!(modes, ["step", "range", "values", "every", "custom"]);
        assert_eq!(fields[0].step, 15);
        assert_eq!((fields[1].from, fields[1].to), (9, 17));
        assert!(
            fields[2].choices[0].checked
                && fields[2].choices[14].checked
                && !fields[2].choices[1].checked
        );
        assert_eq!(fields[3].choices[0].label, "Jan");
        assert_eq!(fields[4].choices[0].label, "Sun");
        assert_eq!(fields[4].raw, "MON#2");
        assert_eq!(fields[4].choices.len(), 7);
        // `5-7` on day-of-week reaches 7, which the builder's 0–6 range cannot show: custom.
        let schedule = Schedule::parse("0 0 * * 5-7").unwrap();
        assert_eq!(builder_fields(Some(&schedule))[4].mode, "custom");
    }

    #[test]
    fn composes_an_expression() {
        let got = compose(&params(&[
            ("minute_mode", "values"),
            ("minute", "30"),
            ("minute_values", "0"),
            ("hour_mode", "range"),
            ("hour_from", "17"),
            ("hour_to", "9"),
            ("dom_mode", "step"),
            ("dom_step", "2"),
            ("month_mode", "every"),
            ("dow_mode", "custom"),
            ("dow_raw", "MON#2"),
        ]));
        assert_eq!(got, "0,30 9-17 */2 * MON#2");
        assert_eq!(compose(&[]), "* * * * *");
        assert_eq!(compose(&params(&[("minute_mode", "step"), ("minute_step", "0")])), "* * * * *");
        assert_eq!(
            compose(&params(&[("second_raw", "30"), ("year_raw", "2030")])),
            "30 * * * * * 2030"
        );
        assert_eq!(compose(&params(&[("dow_mode", "values"), ("dow", "9")])), "* * * * *");
    }
}
