//! Parsing and converting colours to every format, as `GET /api/color` does for each request.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn parse_and_convert(c: &mut Criterion) {
    let mut group = c.benchmark_group("color parse + convert");
    for input in [
        "#ff8800",
        "rgb(10 20 30 / 50%)",
        "oklch(70% 0.15 150)",
        "lab(50% 120 -80)",
        "rebeccapurple",
    ] {
        group.bench_function(input, |b| {
            b.iter(|| {
                let color = devtools_color::parse(black_box(input)).expect("valid colour");
                devtools_color::convert(input, &color)
            });
        });
    }
    group.finish();
}

criterion_group!(benches, parse_and_convert);
criterion_main!(benches);
