//! systemd's normalization (`calendar_spec_normalize`), validity rules (`calendar_spec_valid`) and normalized
//! form (`calendar_spec_to_string`).

use std::fmt::Write;

use super::parse::USEC_PER_SEC;
use super::{CalendarError, Component, Spec};

pub(crate) const MIN_YEAR: i64 = 1970;
pub(crate) const MAX_YEAR: i64 = 2199;
const ALL_WEEKDAYS: u8 = 127;

pub(crate) fn normalize(spec: &mut Spec) {
    if spec.zone == Some(chrono_tz::Tz::UTC) {
        spec.utc = true;
        spec.zone = None;
    }
    if matches!(spec.weekdays, Some(0 | ALL_WEEKDAYS..)) {
        spec.weekdays = None;
    }
    if spec.end_of_month && spec.day.is_none() {
        spec.end_of_month = false;
    }
    if let Some(year) = &mut spec.year {
        for c in year.iter_mut() {
            c.start = fix_year(c.start);
            c.stop = fix_year(c.stop);
        }
    }
    for chain in [
        &mut spec.year,
        &mut spec.month,
        &mut spec.day,
        &mut spec.hour,
        &mut spec.minute,
        &mut spec.second,
    ]
    .into_iter()
    .flatten()
    {
        normalize_chain(chain);
    }
}

/// Turns 12 → 2012 and 89 → 1989.
fn fix_year(value: i64) -> i64 {
    match value {
        0..70 => value + 2000,
        70..100 => value + 1900,
        _ => value,
    }
}

fn normalize_chain(chain: &mut Vec<Component>) {
    for c in chain.iter_mut() {
        // The length of a range becomes a multiple of its repetition.
        if c.stop > c.start && c.repeat > 0 {
            c.stop -= (c.stop - c.start) % c.repeat;
        }
        // A repetition that cannot occur even once, or a range of one value, becomes a single value.
        if (c.stop > c.start && c.repeat > 0 && c.start + c.repeat > c.stop) || c.start == c.stop {
            c.repeat = 0;
            c.stop = -1;
        }
    }
    chain.sort_by_key(|c| (c.start, c.stop, c.repeat));
    chain.dedup_by_key(|c| (c.start, c.stop, c.repeat));
}

struct Field {
    name: &'static str,
    from: i64,
    to: i64,
    usec: bool,
}

fn show(value: i64, usec: bool) -> String {
    if !usec {
        return value.to_string();
    }
    let whole = value / USEC_PER_SEC;
    let fraction = value % USEC_PER_SEC;
    if fraction == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{fraction:06}").trim_end_matches('0').to_owned()
    }
}

fn chain_valid(
    chain: &Option<Vec<Component>>,
    field: &Field,
    end_of_month: bool,
) -> Result<(), CalendarError> {
    let Some(chain) = chain else { return Ok(()) };
    let from = field.from;
    // Days counted from the end of the month stop 28 before it.
    let to = if end_of_month { field.to - 3 } else { field.to };
    let name = field.name;
    let show = |value: i64| show(value, field.usec);
    let range = format!("{}–{}", show(from), show(to));
    for c in chain {
        let span = c.span.clone();
        if c.start < from || c.start > to {
            let message = if end_of_month {
                format!(
                    "{name}: {} is out of range {range} (after \"~\", days count back from the end of the month, at most 28)",
                    show(c.start)
                )
            } else {
                format!("{name}: {} is out of range {range}", show(c.start))
            };
            return Err(CalendarError::new(message, span));
        }
        if c.repeat > to - from {
            return Err(CalendarError::new(
                format!(
                    "{name}: the repetition /{} is longer than the whole range {range}",
                    show(c.repeat)
                ),
                span,
            ));
        }
        if c.stop >= 0 {
            if c.stop < from || c.stop > to {
                return Err(CalendarError::new(
                    format!("{name}: {} is out of range {range}", show(c.stop)),
                    span,
                ));
            }
            if c.start + c.repeat > c.stop {
                return Err(CalendarError::new(
                    format!(
                        "{name}: the range {}..{} runs backwards; write the two parts as a list instead",
                        show(c.start),
                        show(c.stop)
                    ),
                    span,
                ));
            }
        } else if end_of_month && c.start - c.repeat < from {
            return Err(CalendarError::new(
                format!(
                    "{name}: ~{}/{} cannot repeat: counting back from the {} last day by {} passes the first day",
                    show(c.start),
                    show(c.repeat),
                    show(c.start),
                    show(c.repeat)
                ),
                span,
            ));
        } else if !end_of_month && c.start + c.repeat > to {
            return Err(CalendarError::new(
                format!(
                    "{name}: {}/{} never repeats: {} + {} is past the largest value {}",
                    show(c.start),
                    show(c.repeat),
                    show(c.start),
                    show(c.repeat),
                    show(to)
                ),
                span,
            ));
        }
    }
    Ok(())
}

pub(crate) fn validate(spec: &Spec) -> Result<(), CalendarError> {
    chain_valid(
        &spec.year,
        &Field { name: "year", from: MIN_YEAR, to: MAX_YEAR, usec: false },
        false,
    )?;
    chain_valid(&spec.month, &Field { name: "month", from: 1, to: 12, usec: false }, false)?;
    chain_valid(
        &spec.day,
        &Field { name: "day", from: 1, to: 31, usec: false },
        spec.end_of_month,
    )?;
    chain_valid(&spec.hour, &Field { name: "hour", from: 0, to: 23, usec: false }, false)?;
    chain_valid(&spec.minute, &Field { name: "minute", from: 0, to: 59, usec: false }, false)?;
    chain_valid(
        &spec.second,
        &Field { name: "second", from: 0, to: 60 * USEC_PER_SEC - 1, usec: true },
        false,
    )?;
    Ok(())
}

const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn format_weekdays(out: &mut String, bits: u8) {
    let mut need_comma = false;
    let mut l: i32 = -1;
    let mut x: i32 = 0;
    while x < 7 {
        if bits & (1 << x) != 0 {
            if l < 0 {
                if need_comma {
                    out.push(',');
                } else {
                    need_comma = true;
                }
                out.push_str(DAY_NAMES[x as usize]);
                l = x;
            }
        } else if l >= 0 {
            if x > l + 1 {
                out.push_str(if x > l + 2 { ".." } else { "," });
                out.push_str(DAY_NAMES[(x - 1) as usize]);
            }
            l = -1;
        }
        x += 1;
    }
    if l >= 0 && x > l + 1 {
        out.push_str(if x > l + 2 { ".." } else { "," });
        out.push_str(DAY_NAMES[(x - 1) as usize]);
    }
}

fn format_chain(out: &mut String, width: usize, chain: &Option<Vec<Component>>, usec: bool) {
    let d = if usec { USEC_PER_SEC } else { 1 };
    let Some(chain) = chain else {
        out.push('*');
        return;
    };
    if usec
        && chain.len() == 1
        && chain[0].start == 0
        && chain[0].stop < 0
        && chain[0].repeat == USEC_PER_SEC
    {
        out.push('*');
        return;
    }
    for (i, c) in chain.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{:0width$}", c.start / d);
        if c.start % d > 0 {
            let _ = write!(out, ".{:06}", c.start % d);
        }
        if c.stop > 0 {
            let _ = write!(out, "..{:0width$}", c.stop / d);
        }
        if c.stop % d > 0 {
            let _ = write!(out, ".{:06}", c.stop % d);
        }
        if c.repeat > 0 && !(c.stop > 0 && c.repeat == d) {
            let _ = write!(out, "/{}", c.repeat / d);
        }
        if c.repeat % d > 0 {
            let _ = write!(out, ".{:06}", c.repeat % d);
        }
    }
}

pub(crate) fn format(spec: &Spec) -> String {
    let mut out = String::new();
    if let Some(bits) = spec.weekdays {
        format_weekdays(&mut out, bits);
        out.push(' ');
    }
    format_chain(&mut out, 4, &spec.year, false);
    out.push('-');
    format_chain(&mut out, 2, &spec.month, false);
    out.push(if spec.end_of_month { '~' } else { '-' });
    format_chain(&mut out, 2, &spec.day, false);
    out.push(' ');
    format_chain(&mut out, 2, &spec.hour, false);
    out.push(':');
    format_chain(&mut out, 2, &spec.minute, false);
    out.push(':');
    format_chain(&mut out, 2, &spec.second, true);
    if spec.utc {
        out.push_str(" UTC");
    } else if let Some(zone) = spec.zone {
        out.push(' ');
        out.push_str(zone.name());
    }
    out
}

/// The normalized text of each component, named.
pub(crate) fn components(spec: &Spec) -> [(&'static str, String); 7] {
    let chain = |width: usize, chain: &Option<Vec<Component>>, usec: bool| {
        let mut out = String::new();
        format_chain(&mut out, width, chain, usec);
        out
    };
    let mut weekdays = String::new();
    match spec.weekdays {
        Some(bits) => format_weekdays(&mut weekdays, bits),
        None => weekdays.push('*'),
    }
    let day = chain(2, &spec.day, false);
    [
        ("weekday", weekdays),
        ("year", chain(4, &spec.year, false)),
        ("month", chain(2, &spec.month, false)),
        ("day", if spec.end_of_month { format!("~{day}") } else { day }),
        ("hour", chain(2, &spec.hour, false)),
        ("minute", chain(2, &spec.minute, false)),
        ("second", chain(2, &spec.second, true)),
    ]
}
