//! Any string as a cron expression: parsing, describing, breaking down and the first runs in several zones.
#![no_main]

use chrono::{TimeZone, Utc};
use devtools_cron::{Schedule, Tz};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let Ok(schedule) = Schedule::parse(input) else { return };
    let _ = schedule.describe();
    for field in schedule.fields() {
        let _ = field.describe();
    }
    let from = Utc.with_ymd_and_hms(2026, 3, 28, 22, 0, 0).unwrap();
    for tz in [Tz::UTC, Tz::America__New_York, Tz::Australia__Lord_Howe] {
        let runs: Vec<_> = schedule.runs_after(from, tz).take(5).collect();
        assert!(runs.windows(2).all(|w| w[0] < w[1]), "runs must be strictly increasing: {runs:?}");
    }
});
