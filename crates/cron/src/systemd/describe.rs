//! A calendar event in plain English.

use super::parse::USEC_PER_SEC;
use super::{Component, Spec};

const WEEKDAYS: [&str; 7] =
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Joins items as English does: `a`, `a and b`, `a, b and c`.
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn seconds(value: i64) -> String {
    let whole = value / USEC_PER_SEC;
    let fraction = value % USEC_PER_SEC;
    if fraction == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{fraction:06}").trim_end_matches('0').to_owned()
    }
}

/// One list element: `5`, `5 through 9`, `every 2 hours from 5`, `every 2 hours from 5 through 9`.
fn element(
    c: &Component,
    unit: &str,
    units: &str,
    show: &dyn Fn(i64) -> String,
    step: i64,
) -> String {
    let every = |repeat: i64| {
        if repeat == step {
            format!("every {unit}")
        } else {
            format!("every {} {units}", show_step(repeat, step))
        }
    };
    match (c.stop >= 0, c.repeat > 0) {
        (false, false) => show(c.start),
        (false, true) => format!("{} from {}", every(c.repeat), show(c.start)),
        (true, _) if c.repeat == step => format!("{} through {}", show(c.start), show(c.stop)),
        (true, _) => format!("{} from {} through {}", every(c.repeat), show(c.start), show(c.stop)),
    }
}

fn show_step(repeat: i64, step: i64) -> String {
    if step == USEC_PER_SEC { seconds(repeat) } else { repeat.to_string() }
}

fn list(
    chain: &[Component],
    unit: &str,
    units: &str,
    show: &dyn Fn(i64) -> String,
    step: i64,
) -> String {
    join(&chain.iter().map(|c| element(c, unit, units, show, step)).collect::<Vec<_>>())
}

fn single(chain: &Option<Vec<Component>>) -> Option<i64> {
    match chain.as_deref() {
        Some([c]) if c.stop < 0 && c.repeat == 0 => Some(c.start),
        _ => None,
    }
}

fn weekdays(bits: u8) -> String {
    let mut parts = Vec::new();
    let mut x = 0;
    while x < 7 {
        if bits & (1 << x) == 0 {
            x += 1;
            continue;
        }
        let start = x;
        while x + 1 < 7 && bits & (1 << (x + 1)) != 0 {
            x += 1;
        }
        match x - start {
            0 => parts.push(WEEKDAYS[start].to_owned()),
            1 => {
                parts.push(WEEKDAYS[start].to_owned());
                parts.push(WEEKDAYS[x].to_owned());
            }
            _ => parts.push(format!("{} through {}", WEEKDAYS[start], WEEKDAYS[x])),
        }
        x += 1;
    }
    join(&parts)
}

fn time(spec: &Spec) -> String {
    let second = single(&spec.second);
    if let (Some(h), Some(m), Some(s)) = (single(&spec.hour), single(&spec.minute), second) {
        return if s == 0 {
            format!("At {h:02}:{m:02}")
        } else if s % USEC_PER_SEC == 0 {
            format!("At {h:02}:{m:02}:{:02}", s / USEC_PER_SEC)
        } else {
            format!("At {h:02}:{m:02}:{}", seconds(s))
        };
    }
    let plain = |v: i64| format!("{v:02}");
    let mut parts = Vec::new();
    match (&spec.second, second) {
        (_, Some(0)) => {}
        (Some(chain), _)
            if chain.len() == 1 && chain[0].start == 0 && chain[0].repeat == USEC_PER_SEC =>
        {
            parts.push("every second".to_owned());
        }
        (Some(chain), _) => parts
            .push(format!("second {}", list(chain, "second", "seconds", &seconds, USEC_PER_SEC))),
        (None, _) => parts.push("every second".to_owned()),
    }
    parts.push(match &spec.minute {
        None => "every minute".to_owned(),
        Some(chain) => format!("minute {}", list(chain, "minute", "minutes", &plain, 1)),
    });
    parts.push(match &spec.hour {
        None => "every hour".to_owned(),
        Some(chain) => format!("hour {}", list(chain, "hour", "hours", &plain, 1)),
    });
    format!("At {}", parts.join(" of "))
}

/// The event in English, e.g. `At 09:00 on Monday through Friday` or
/// `At minute every 15 minutes from 00 of every hour`.
pub(crate) fn describe(spec: &Spec) -> String {
    let mut out = time(spec);
    let mut date = Vec::new();
    if let Some(day) = &spec.day {
        if spec.end_of_month {
            let show = |v: i64| {
                if v == 1 { "last day".to_owned() } else { format!("{} last day", ordinal(v)) }
            };
            let items: Vec<String> = day
                .iter()
                .map(|c| match (c.stop >= 0, c.repeat > 0) {
                    (false, false) => format!("the {}", show(c.start)),
                    (false, true) if c.repeat == 1 => {
                        format!("every day from the {}", show(c.start))
                    }
                    (false, true) => format!("every {} days from the {}", c.repeat, show(c.start)),
                    (true, _) if c.repeat == 1 => {
                        format!("the {} through the {}", show(c.start), show(c.stop))
                    }
                    (true, _) => {
                        format!(
                            "every {} days from the {} through the {}",
                            c.repeat,
                            show(c.start),
                            show(c.stop)
                        )
                    }
                })
                .collect();
            date.push(format!("on {} of the month", join(&items)));
        } else {
            let show = |v: i64| v.to_string();
            date.push(format!("on day {} of the month", list(day, "day", "days", &show, 1)));
        }
    }
    if let Some(bits) = spec.weekdays {
        let joiner = if spec.day.is_some() { "if it is a" } else { "on" };
        date.push(format!("{joiner} {}", weekdays(bits)));
    }
    if let Some(month) = &spec.month {
        let show = |v: i64| {
            usize::try_from(v - 1)
                .ok()
                .and_then(|i| MONTHS.get(i))
                .map_or(v.to_string(), |m| (*m).to_owned())
        };
        date.push(format!("in {}", list(month, "month", "months", &show, 1)));
    }
    if let Some(year) = &spec.year {
        let show = |v: i64| v.to_string();
        date.push(format!("in {}", list(year, "year", "years", &show, 1)));
    }
    if date.is_empty() {
        out.push_str(" every day");
    } else {
        out.push(' ');
        out.push_str(&date.join(", "));
    }
    if spec.utc {
        out.push_str(" (UTC)");
    } else if let Some(zone) = spec.zone {
        out.push_str(&format!(" ({})", zone.name()));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::systemd::CalendarEvent;

    fn describe(text: &str) -> String {
        CalendarEvent::parse(text).unwrap().describe()
    }

    #[test]
    fn events_read_as_english() {
        assert_eq!(describe("Mon..Fri *-*-* 09:00"), "At 09:00 on Monday through Friday");
        assert_eq!(describe("daily"), "At 00:00 every day");
        assert_eq!(describe("weekly Pacific/Auckland"), "At 00:00 on Monday (Pacific/Auckland)");
        assert_eq!(describe("hourly"), "At minute 00 of every hour every day");
        assert_eq!(
            describe("*:0/15"),
            "At minute every 15 minutes from 00 of every hour every day"
        );
        assert_eq!(describe("*-*-1/2 02:00"), "At 02:00 on day every 2 days from 1 of the month");
        assert_eq!(describe("*-02~03"), "At 00:00 on the 3rd last day of the month, in February");
        assert_eq!(
            describe("Mon *-05~07/1"),
            "At 00:00 on every day from the 7th last day of the month, if it is a Monday, in May"
        );
        assert_eq!(
            describe("quarterly"),
            "At 00:00 on day 1 of the month, in January, April, July and October"
        );
        assert_eq!(
            describe("Sat,Sun 2026..2027-*-* 10:30:15 UTC"),
            "At 10:30:15 on Saturday and Sunday, in 2026 through 2027 (UTC)"
        );
        assert_eq!(
            describe("*:*:0/7.5"),
            "At second every 7.5 seconds from 0 of every minute of every hour every day"
        );
        assert_eq!(
            describe("Mon..Wed,Fri 12..14:00"),
            "At minute 00 of hour 12 through 14 on Monday through Wednesday and Friday"
        );
    }

    #[test]
    fn components_name_each_part_of_the_normalized_form() {
        let event = CalendarEvent::parse("Mon..Fri *-02~03 9:00").unwrap();
        let texts: Vec<String> =
            event.components().iter().map(|(name, text)| format!("{name}={text}")).collect();
        assert_eq!(
            texts,
            [
                "weekday=Mon..Fri",
                "year=*",
                "month=02",
                "day=~03",
                "hour=09",
                "minute=00",
                "second=00"
            ]
        );
    }
}
