//! Any string as a colour: parsing, every conversion, contrast and palettes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let Ok(color) = devtools_color::parse(input) else { return };
    let conversion = devtools_color::convert(input, &color);
    let _ = serde_json::to_string(&conversion).expect("conversions serialize");
    let white = devtools_color::Color::srgb(1.0, 1.0, 1.0, 1.0);
    let _ = devtools_color::contrast(&color, &white);
    let _ = devtools_color::palettes(&color);
});
