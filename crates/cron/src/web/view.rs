//! How run times read on the page: the zone's wall clock with its offset, the distance from now, and UTC.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// One run as a table row.
#[derive(Debug, Serialize)]
pub(crate) struct RunView {
    /// RFC 3339 with the zone's offset, for `<time datetime>` and the script.
    iso: String,
    /// `Mon 2026-03-09 02:30`, with `:00` seconds only for an expression that has a seconds field.
    local: String,
    /// `−04:00`, with a real minus sign.
    offset: String,
    /// Abbreviation where the zone has one: `EDT`.
    abbreviation: String,
    /// `in 3 h 12 min`.
    relative: String,
    /// `2026-03-09 06:30`, shown under the local time; `None` when the zone's offset is zero and the local time
    /// is the UTC one already.
    utc: Option<String>,
}

impl RunView {
    /// `seconds`: whether the expression has a seconds field, so that its runs need their seconds shown (a
    /// five-field expression's runs are all at `:00`; leaving them out keeps the table inside its column).
    pub(crate) fn new(run: &DateTime<Tz>, now: DateTime<Utc>, seconds: bool) -> RunView {
        let format = if seconds { "%Y-%m-%d %H:%M:%S" } else { "%Y-%m-%d %H:%M" };
        let offset = run.format("%:z").to_string().replace('-', "\u{2212}");
        let abbreviation = run.format("%Z").to_string();
        RunView {
            iso: run.to_rfc3339(),
            local: format!("{} {}", run.format("%a"), run.format(format)),
            // Zones without an abbreviation print their offset, which the offset column already shows.
            abbreviation: if abbreviation.starts_with(['+', '-']) {
                String::new()
            } else {
                abbreviation
            },
            offset,
            relative: relative(run.to_utc() - now),
            utc: (chrono::Offset::fix(run.offset()).local_minus_utc() != 0)
                .then(|| run.to_utc().format(format).to_string()),
        }
    }
}

/// `in 3 h 12 min`, `in 45 s`, `in 2 d 4 h`; the two largest units.
pub(crate) fn relative(delta: chrono::TimeDelta) -> String {
    let seconds = delta.num_seconds();
    if seconds < 0 {
        return "in the past".to_owned();
    }
    let units = [(86_400, "d"), (3_600, "h"), (60, "min"), (1, "s")];
    let Some(first) = units.iter().position(|(size, _)| seconds >= *size) else {
        return "now".to_owned();
    };
    let (size, name) = units[first];
    let mut text = format!("in {} {name}", seconds / size);
    if let Some((next_size, next_name)) = units.get(first + 1) {
        let rest = (seconds % size) / next_size;
        if rest > 0 {
            text.push_str(&format!(" {rest} {next_name}"));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeDelta, TimeZone};

    #[test]
    fn relative_times_use_the_two_largest_units() {
        let cases = [
            (45, "in 45 s"),
            (60, "in 1 min"),
            (3 * 3600 + 12 * 60 + 5, "in 3 h 12 min"),
            (3 * 3600 + 5, "in 3 h"),
            (2 * 86_400 + 4 * 3600, "in 2 d 4 h"),
            (400 * 86_400, "in 400 d"),
            (0, "now"),
            (-5, "in the past"),
        ];
        for (seconds, expected) in cases {
            assert_eq!(relative(TimeDelta::seconds(seconds)), expected, "{seconds}");
        }
    }

    #[test]
    fn rows_show_wall_clock_offset_and_utc() {
        let tz = chrono_tz::America::New_York;
        let run = tz.with_ymd_and_hms(2026, 3, 9, 2, 30, 0).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 3, 9, 3, 18, 0).unwrap();
        let view = RunView::new(&run, now, false);
        assert_eq!(view.iso, "2026-03-09T02:30:00-04:00");
        assert_eq!(view.local, "Mon 2026-03-09 02:30");
        assert_eq!(view.offset, "\u{2212}04:00");
        assert_eq!(view.abbreviation, "EDT");
        assert_eq!(view.utc.as_deref(), Some("2026-03-09 06:30"));
        assert_eq!(view.relative, "in 3 h 12 min");
        let with_seconds = RunView::new(&run, now, true);
        assert_eq!(with_seconds.local, "Mon 2026-03-09 02:30:00");
        assert_eq!(with_seconds.utc.as_deref(), Some("2026-03-09 06:30:00"));
        let kolkata = chrono_tz::Asia::Kolkata.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
        assert_eq!(RunView::new(&kolkata, now, false).offset, "+05:30");
        let utc = chrono_tz::UTC.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
        assert_eq!(RunView::new(&utc, now, false).utc, None, "UTC is not said twice");
    }
}
