//! Differential test of the `systemd` dialect against its oracle, `systemd-analyze calendar` (Debian's `systemd`
//! package; it needs no running systemd).
//!
//! For every expression, documented (systemd.time(7)'s list and more) and generated, in several zones and from
//! base times just before daylight-saving changes, it compares:
//! - whether the expression parses (systemd's exit status) — the messages differ on purpose, systemd says only
//!   "Invalid argument";
//! - the normalized form, character for character;
//! - the next N elapse times (`--iterations=N --base-time=@SECONDS`, the zone through `TZ=`), to the second, as
//!   systemd-analyze prints them.
//!
//! Run: `cargo test -p devtools-cron --test systemd_analyze -- --ignored` (set `SYSTEMD_ANALYZE` to use another
//! binary).
//!
//! Intended divergences (not generated here):
//! - a trailing abbreviation of the host's local zone (`daily CET` with `TZ=Europe/Berlin`) pins `tm_isdst` in
//!   systemd; the library reads it as the IANA zone of that name or refuses it;
//! - leading/trailing white space: systemd-analyze refuses it, the library trims it (as the unit-file parser does
//!   for `OnCalendar=`).

use std::process::Command;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use devtools_cron::systemd::CalendarEvent;

/// What systemd-analyze says about one expression: `None` when it refuses it.
#[derive(Debug, PartialEq)]
struct Oracle {
    normalized: String,
    /// Elapse times in UTC seconds.
    elapses: Vec<i64>,
}

fn analyze(expr: &str, tz: &str, base: i64, iterations: usize) -> Option<Oracle> {
    let binary = std::env::var("SYSTEMD_ANALYZE").unwrap_or_else(|_| "systemd-analyze".to_owned());
    let output = Command::new(binary)
        .env("TZ", tz)
        .env("SYSTEMD_COLORS", "0")
        .arg("calendar")
        .arg(format!("--iterations={iterations}"))
        .arg(format!("--base-time=@{base}"))
        .arg("--")
        .arg(expr)
        .output()
        .expect("systemd-analyze runs (install Debian's systemd package)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // systemd gives up after 1000 search steps ("Infinite loop in calendar calculation") and then prints no
    // table at all; the library answers `None` there, which `ours` shows as no elapse.
    let gave_up = stderr.contains("Infinite loop in calendar calculation");
    let mut normalized = None;
    let mut elapses: Vec<String> = Vec::new();
    for line in stdout.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("Normalized form: ") {
            normalized = Some(rest.to_owned());
        } else if let Some(rest) = line.strip_prefix("Next elapse: ") {
            if rest != "never" {
                elapses.push(rest.to_owned());
            }
        } else if line.starts_with("Iter. #") {
            let (_, rest) = line.split_once(": ").expect("Iter. #N: time");
            elapses.push(rest.to_owned());
        } else if let Some(rest) = line.strip_prefix("(in UTC): ") {
            *elapses.last_mut().expect("(in UTC) after an elapse") = rest.to_owned();
        }
    }
    if gave_up && normalized.is_none() {
        let event = CalendarEvent::parse(expr).ok()?;
        return Some(Oracle { normalized: event.normalized(), elapses: Vec::new() });
    }
    let normalized = normalized?;
    let elapses = elapses
        .iter()
        .map(|text| {
            // "Sat 2026-03-28 01:30:00 UTC"
            let body = text
                .strip_suffix(" UTC")
                .unwrap_or_else(|| panic!("not UTC: {text:?} for {expr:?}"));
            let body = &body[4..];
            NaiveDateTime::parse_from_str(body, "%Y-%m-%d %H:%M:%S")
                .unwrap_or_else(|e| panic!("{text:?}: {e}"))
                .and_utc()
                .timestamp()
        })
        .collect();
    Some(Oracle { normalized, elapses })
}

fn ours(expr: &str, tz: &str, base: i64, iterations: usize) -> Option<Oracle> {
    let event = CalendarEvent::parse(expr).ok()?;
    let zone: Tz = tz.parse().expect("zone");
    let base = Utc.timestamp_opt(base, 0).unwrap();
    let elapses = event.next_n(base, zone, iterations).iter().map(DateTime::timestamp).collect();
    Some(Oracle { normalized: event.normalized(), elapses })
}

fn show(oracle: &Option<Oracle>) -> String {
    match oracle {
        None => "refused".to_owned(),
        Some(o) => {
            let times: Vec<String> = o
                .elapses
                .iter()
                .map(|&t| Utc.timestamp_opt(t, 0).unwrap().format("%Y-%m-%d %H:%M:%S").to_string())
                .collect();
            format!("{} -> [{}]", o.normalized, times.join(", "))
        }
    }
}

/// From systemd.time(7), "CALENDAR EVENTS" (systemd 252): the examples of valid timestamps and their normalized
/// forms, and the shorthands.
const DOCUMENTED: &[&str] = &[
    "Thu,Fri 2012-*-1,5 11:12:13",
    "*-02~03",
    "Mon *-05~07/1",
    "minutely",
    "hourly",
    "daily",
    "monthly",
    "weekly",
    "yearly",
    "quarterly",
    "semiannually",
    "Sat,Thu,Mon..Wed,Sat..Sun",
    "Mon,Sun 12-*-* 2,1:23",
    "Wed *-1",
    "Wed..Wed,Wed *-1",
    "Wed, 17:48",
    "Wed..Sat,Tue 12-10-15 1:2:3",
    "*-*-7 0:0:0",
    "10-15",
    "monday *-12-* 17:00",
    "Mon,Fri *-*-3,1,2 *:30:45",
    "12,14,13,12:20,10,30",
    "12..14:10,20,30",
    "mon,fri *-1/2-1,3 *:30:45",
    "03-05 08:05:40",
    "08:05:40",
    "05:40",
    "Sat,Sun 12-05 08:05:40",
    "Sat,Sun 08:05:40",
    "2003-03-05 05:40",
    "05:40:23.4200004/3.1700005",
    "2003-02..04-05",
    "2003-03-05 05:40 UTC",
    "2003-03-05",
    "03-05",
    "daily UTC",
    "weekly Pacific/Auckland",
    "annually",
    "*:2/3",
];

/// More hand-written cases: the examples, daylight-saving traps, ranges, `~`, zones and errors.
const EXTRA: &[&str] = &[
    "Mon..Fri *-*-* 09:00:00",
    "*-*-1/2 02:00",
    "*-*-* 02:30",
    "*-*-* 02:00",
    "*-*-* 01:30",
    "*-*-* 01,02,03:30",
    "*-*-* 02:*",
    "*-*-* 02:00/20",
    "*-*-* 01..03:00/20",
    "*-*-* *:30",
    "*-*-* *:*:00",
    "*:0/15",
    "*:*:0/7.5",
    "*:*:00..59",
    "*:*:10.25,20.5..30/2.5",
    "*-*-* 00..05:00/20",
    "*-*~01",
    "*-*~1..3",
    "*-*~7/2",
    "Fri *-*~1..7 23:00",
    "*-02-29",
    "Mon *-02-29",
    "*-*-31",
    "*-*-29..31 12:00",
    "Sat..Sun",
    "Mon-Fri",
    "Mon..Sun 12:00",
    "Sunday 03:00",
    "*-1/3-1 04:00",
    "2026..2030-01-01",
    "2026/2-06-15",
    "2027-*-* 00:00",
    "2199-12-31 23:59:59",
    "2003-02-30",
    "*-02-30",
    "@1800000000",
    "daily Europe/Berlin",
    "*-*-* 02:30 America/New_York",
    "*-*-* 02:15 Australia/Lord_Howe",
    "hourly Australia/Lord_Howe",
    "*:0/30 Europe/Berlin",
    "Mon *-*-* 02:30 utc",
    "daily Etc/UTC",
    "quarterly Asia/Kolkata",
    // refused by systemd
    "*-*-* 25:00",
    "Sun..Mon",
    "*/2",
    "*:*/5",
    "daily  UTC",
    "*-*-31/2",
    "foo",
    "12",
    "*-*-* 1:2:3:4",
    "Mon *-*-* 12:00 Europe/Nowhere",
    "*-*~29",
    "*-*~3/5",
    "1969-01-01",
    "2200-01-01",
    "*-13-01",
    "*-00-01",
    "*:60",
    "*:*:60",
    "5..3:00",
    "*:*:10..10.5",
    "Mon..",
    "Mon..Tue..Wed",
    "Monx 12:00",
    "*-*-1,",
    "*-*-*~1",
    "*:*:1.",
    "*-*-* 0/0:00",
];

/// A small deterministic generator (xorshift), so the test needs no extra crate and every run is the same.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

fn component(rng: &mut Rng, lo: u64, hi: u64, star: bool) -> String {
    let item = |rng: &mut Rng| -> String {
        let a = lo + rng.below(hi - lo + 1);
        match rng.below(6) {
            0 | 1 => format!("{a}"),
            2 => {
                let b = a + rng.below(hi - a + 1);
                format!("{a}..{b}")
            }
            3 => {
                let b = a + rng.below(hi - a + 1);
                format!("{a}..{b}/{}", 1 + rng.below(4))
            }
            4 => format!("{a}/{}", 1 + rng.below((hi - lo) / 2 + 1)),
            _ => format!("{a:02}"),
        }
    };
    if star && rng.below(3) == 0 {
        return "*".to_owned();
    }
    let count = 1 + rng.below(3);
    (0..count).map(|_| item(rng)).collect::<Vec<_>>().join(",")
}

fn generated(count: usize) -> Vec<String> {
    let mut rng = Rng(0x5eed_cafe_f00d_0001);
    let mut out = Vec::new();
    while out.len() < count {
        let mut parts = Vec::new();
        if rng.below(4) == 0 {
            parts.push(
                rng.pick(&[
                    "Mon",
                    "Sat,Sun",
                    "Mon..Fri",
                    "Tue,Thu..Sat",
                    "sunday",
                    "Fri",
                    "Wed..Sun",
                ])
                .to_owned(),
            );
        }
        match rng.below(5) {
            0 => {}
            1 => parts.push(format!(
                "*-{}-{}",
                component(&mut rng, 1, 12, true),
                component(&mut rng, 1, 31, true)
            )),
            2 => parts.push(format!(
                "*-{}~{}",
                component(&mut rng, 1, 12, true),
                component(&mut rng, 1, 7, false)
            )),
            3 => parts.push(format!(
                "{}-{}-{}",
                rng.pick(&["*", "2026", "2026..2028", "2027,2029", "26", "2026/2"]),
                component(&mut rng, 1, 12, true),
                component(&mut rng, 1, 28, true)
            )),
            _ => parts.push(format!("*-*-{}", component(&mut rng, 1, 31, true))),
        }
        let seconds = match rng.below(5) {
            0 => String::new(),
            1 => ":00".to_owned(),
            2 => format!(":{}", component(&mut rng, 0, 59, true)),
            3 => rng.pick(&[":0/7.5", ":*", ":30.5", ":0/15", ":10..20/2.5"]).to_owned(),
            _ => ":00".to_owned(),
        };
        match rng.below(6) {
            0 => {}
            _ => parts.push(format!(
                "{}:{}{}",
                component(&mut rng, 0, 23, true),
                component(&mut rng, 0, 59, true),
                seconds
            )),
        }
        if parts.is_empty() {
            continue;
        }
        out.push(parts.join(" "));
    }
    out
}

/// Zones and base times: just before each zone's daylight-saving changes in 2026, and a quiet day.
fn bases() -> Vec<(&'static str, i64)> {
    let at =
        |text: &str| -> i64 { DateTime::parse_from_rfc3339(text).expect("base time").timestamp() };
    vec![
        ("UTC", at("2026-01-15T10:20:30Z")),
        // Europe/Berlin: 2026-03-29 02:00 → 03:00 CEST; 2026-10-25 03:00 CEST → 02:00 CET.
        ("Europe/Berlin", at("2026-03-28T22:30:00Z")),
        ("Europe/Berlin", at("2026-10-24T23:30:00Z")),
        ("Europe/Berlin", at("2026-10-25T00:45:00Z")),
        // America/New_York: 2026-03-08 02:00 → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST.
        ("America/New_York", at("2026-03-08T04:30:00Z")),
        ("America/New_York", at("2026-11-01T04:30:00Z")),
        // Australia/Lord_Howe: half-hour changes, 2026-04-05 02:00 → 01:30; 2026-10-04 02:00 → 02:30.
        ("Australia/Lord_Howe", at("2026-04-04T13:00:00Z")),
        ("Australia/Lord_Howe", at("2026-10-03T14:00:00Z")),
        // Inside Berlin's repeated hour: first pass (CEST), then second pass (CET).
        ("Europe/Berlin", at("2026-10-25T00:20:00Z")),
        ("Europe/Berlin", at("2026-10-25T01:20:00Z")),
        // America/Santiago changes at midnight: 2026-04-05 00:00 → 23:00 the day before; 2026-09-06 00:00 → 01:00.
        ("America/Santiago", at("2026-04-05T01:30:00Z")),
        ("America/Santiago", at("2026-09-06T02:30:00Z")),
        // Europe/Dublin: tzdata's negative DST (winter time is the "daylight" one).
        ("Europe/Dublin", at("2026-03-29T00:30:00Z")),
        ("Europe/Dublin", at("2026-10-25T00:30:00Z")),
        // Offsets that are not whole hours, without and with DST.
        ("Asia/Kolkata", at("2026-06-01T00:00:00Z")),
        ("Pacific/Chatham", at("2026-04-04T13:00:00Z")),
    ]
}

fn compare(expr: &str, tz: &str, base: i64, iterations: usize, failures: &mut Vec<String>) {
    let expected = analyze(expr, tz, base, iterations);
    let actual = ours(expr, tz, base, iterations);
    if expected != actual {
        failures.push(format!(
            "{expr:?} TZ={tz} base=@{base}\n  systemd: {}\n  ours:    {}",
            show(&expected),
            show(&actual)
        ));
    }
}

#[test]
#[ignore = "needs systemd-analyze (Debian's systemd package)"]
fn documented_and_generated_expressions_match_systemd_analyze() {
    let mut failures = Vec::new();
    let mut cases = 0;
    let handwritten: Vec<String> =
        DOCUMENTED.iter().chain(EXTRA).map(|s| (*s).to_owned()).collect();
    for (tz, base) in bases() {
        for expr in &handwritten {
            compare(expr, tz, base, 12, &mut failures);
            cases += 1;
        }
    }
    let generated = generated(600);
    // Most generated expressions are valid (491 of 600), so the elapse times are compared, not just refusals.
    let valid = generated.iter().filter(|e| CalendarEvent::parse(e).is_ok()).count();
    assert!(
        valid * 4 > generated.len() * 3,
        "{valid} of {} generated expressions are valid",
        generated.len()
    );
    for (i, expr) in generated.iter().enumerate() {
        // Each generated expression in two of the zone/base pairs, rotating.
        let bases = bases();
        for k in 0..2 {
            let (tz, base) = bases[(i + k * 3) % bases.len()];
            compare(expr, tz, base, 8, &mut failures);
            cases += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} cases differ from systemd-analyze:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every hour of the changes, minute by minute: the daylight-saving behaviour in detail.
#[test]
#[ignore = "needs systemd-analyze (Debian's systemd package)"]
fn daylight_saving_changes_match_systemd_analyze() {
    let mut failures = Vec::new();
    let exprs = [
        "*:0/10",
        "*-*-* 02:30",
        "*-*-* 01:30",
        "*-*-* 02,03:00",
        "*-*-* 01..03:15/30",
        "*:30",
        "*:*:0/45",
        "*-*-* 02:00",
        "*-*-* 03:00",
        "*-*-* 01:59:59",
        "*-*-* 02:*",
    ];
    for (tz, base) in bases() {
        // Bases every 20 minutes across the three hours around the change.
        for step in 0..9 {
            let start = base + step * 1200;
            for expr in exprs {
                compare(expr, tz, start, 6, &mut failures);
            }
        }
    }
    assert!(failures.is_empty(), "{} cases differ:\n{}", failures.len(), failures.join("\n"));
}

/// Generated expressions with one character changed, inserted or removed: the parser accepts exactly what
/// systemd accepts, and normalizes it the same way.
#[test]
#[ignore = "needs systemd-analyze (Debian's systemd package)"]
fn mutated_expressions_are_accepted_and_refused_as_systemd_does() {
    const ALPHABET: &[u8] = b"0123456789*-~:.,/ MonFriSatUTC";
    let mut rng = Rng(0x0dd_ba11_5eed_0002);
    let mut failures = Vec::new();
    let sources: Vec<String> =
        generated(300).into_iter().chain(DOCUMENTED.iter().map(|s| (*s).to_owned())).collect();
    let mut cases = 0;
    let mut refused = 0;
    for source in sources.iter().flat_map(|s| [s, s, s]) {
        let mut bytes = source.clone().into_bytes();
        let at = rng.below(bytes.len() as u64 + 1) as usize;
        let replacement = ALPHABET[rng.below(ALPHABET.len() as u64) as usize];
        match rng.below(3) {
            0 if at < bytes.len() => bytes[at] = replacement,
            1 if at < bytes.len() => {
                bytes.remove(at);
            }
            _ => bytes.insert(at, replacement),
        }
        let expr = String::from_utf8(bytes).expect("ASCII");
        // Outer white space is the one intended divergence (trimmed here, refused by systemd-analyze).
        if expr.trim() != expr || expr.is_empty() {
            continue;
        }
        refused += usize::from(CalendarEvent::parse(&expr).is_err());
        compare(&expr, "UTC", 1_768_472_430, 3, &mut failures);
        cases += 1;
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The mutations must exercise both sides.
    assert!(refused > cases / 10 && refused < cases * 19 / 20, "{refused} of {cases} refused");
}
