//! Prints run times for lines of `expression<TAB>zone<TAB>after<TAB>count` read from standard input, one output
//! line each: the runs in RFC 3339 separated by spaces, or `ERR <message>`. A development aid for comparing with
//! other implementations (see `scripts/compare_croniter.py`); the tests do not need it.

use chrono::DateTime;
use devtools_cron::{Schedule, Tz};
use std::io::{BufRead, Write};

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for line in stdin.lock().lines().map_while(Result::ok) {
        let parts: Vec<&str> = line.split('\t').collect();
        let [expression, zone, after, count] = parts[..] else {
            let _ = writeln!(out, "ERR expected 4 tab-separated columns");
            continue;
        };
        let answer = (|| -> Result<String, String> {
            let schedule = Schedule::parse(expression).map_err(|e| e.to_string())?;
            let tz: Tz = zone.parse().map_err(|_| format!("unknown zone {zone}"))?;
            let after = DateTime::parse_from_rfc3339(after).map_err(|e| e.to_string())?.to_utc();
            let count: usize = count.parse().map_err(|_| "bad count".to_owned())?;
            let runs: Vec<String> =
                schedule.runs_after(after, tz).take(count).map(|t| t.to_rfc3339()).collect();
            Ok(runs.join(" "))
        })();
        let _ = match answer {
            Ok(runs) => writeln!(out, "{runs}"),
            Err(message) => writeln!(out, "ERR {message}"),
        };
    }
}
