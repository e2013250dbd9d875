//! The next 100 runs of typical crontab lines in a zone with daylight saving, as the page and the API compute
//! them (`count` up to 100). `tests/perf/bench.sh` compares the first case with Python's croniter.

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use devtools_cron::{Schedule, Tz};
use std::hint::black_box;

fn next_100(c: &mut Criterion) {
    let from = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().expect("valid instant");
    let mut group = c.benchmark_group("cron next 100 runs");
    for expr in ["*/15 9-17 * * MON-FRI", "0 0 1,15 * 1", "30 2 * * *", "0 0 29 2 *"] {
        let schedule = Schedule::parse(expr).expect("valid expression");
        group.bench_function(expr, |b| {
            b.iter(|| {
                let runs: Vec<_> =
                    schedule.runs_after(black_box(from), Tz::America__New_York).take(100).collect();
                assert_eq!(runs.len(), 100);
                runs
            });
        });
    }
    group.bench_function("parse + describe", |b| {
        b.iter(|| {
            let schedule =
                Schedule::parse(black_box("*/15 9-17 * * MON-FRI")).expect("valid expression");
            schedule.describe()
        });
    });
    group.finish();
}

criterion_group!(benches, next_100);
criterion_main!(benches);
