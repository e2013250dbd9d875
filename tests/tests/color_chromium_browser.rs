//! Differential test of the colour tool against Chromium's own CSS parser (issue 14).
//!
//! Generates CSS colour inputs from a seed (legacy `rgb()`/`rgba()`/`hsl()`/`hsla()`/`hwb()` with commas and with
//! spaces, numbers, percentages, angle units, exponents, `none`, out-of-range channels and alpha; hex of 3, 4, 6 and
//! 8 digits, with and without `#`; named colours in any case; `lab()`, `lch()`, `oklab()`, `oklch()`, `color()` in
//! every predefined space; the keywords and CSS Color 5 functions devtools leaves out; damaged variants of all of
//! these) and asks both sides about each:
//!
//! - **Chromium**: one page load of the real site in headless Chromium, one JavaScript evaluation for the whole
//!   batch: `CSS.supports('color', x)`, the computed `color` of an element styled with it, and the pixel a 1×1
//!   sRGB canvas paints with that computed colour made opaque (Chromium's computed value of `lab()`, `oklch()`,
//!   `color()`... stays in its own space, so the canvas converts it to sRGB with Chromium's own maths).
//! - **devtools**: the running server's `GET /api/color?value=`, the answer the page, the API and the CLI share.
//!
//! Compared, for every input: validity (Chromium's `CSS.supports` against devtools' accept/refuse). For inputs
//! both accept: the alpha (devtools' `hex8` alpha byte against Chromium's computed alpha × 255, within the
//! rounding of Chromium's three-decimal serialisation); for legacy colours (Chromium's computed value is `rgb()` or
//! `rgba()`: hex, names, `rgb()`, `hsl()`, `hwb()`), devtools' `#rrggbb` exactly against Chromium's integer
//! channels; for the other spaces, devtools' `#rrggbb` against the canvas pixel within [`PIXEL_SLACK`] per
//! channel (Chromium converts with Skia's single-precision colour maths). Colours outside sRGB are gamut-mapped
//! by devtools (CSS Color 4 §13.2) and clipped by Chromium's canvas: a difference there is listed.
//!
//! Every intended difference is an entry of `[[color_chromium]]` in `tests/differential/divergences.toml` (id,
//! status, standard, reason), matched by the classifier of the same id here ([`CLASSIFIERS`]); the test fails on
//! any other difference and prints a table of them, each with a `devtools color` repro.
//!
//! Short run (CI, `cargo test -p devtools-e2e -- --ignored --skip screenshots`): 3000 inputs from seed 1, 5–15 s
//! once the binary is built. Long run (`DEVTOOLS_DIFF_CASES` inputs from `DEVTOOLS_DIFF_SEED`; 100000 take about a
//! minute): `DEVTOOLS_DIFF_CASES=100000 DEVTOOLS_DIFF_SEED=42 cargo test -p devtools-e2e --test
//! color_chromium_browser -- --ignored --nocapture`. The figures of both are in CONFORMANCE.md.

use devtools_e2e::{Browser, Server};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Inputs in the short run (CI); `DEVTOOLS_DIFF_CASES` overrides.
const SHORT_RUN: usize = 3000;
/// The seed of the short run; `DEVTOOLS_DIFF_SEED` overrides.
const SHORT_SEED: u64 = 1;
/// How far (per 0–255 channel) devtools' in-gamut `#rrggbb` of a `lab()`, `oklch()`, `color()`... colour may be
/// from the pixel Chromium's canvas paints: Skia converts in single precision and may round the other way at a
/// half, so one unit either way is rounding.
const PIXEL_SLACK: i32 = 1;
/// Inputs per JavaScript evaluation (all in the one page load); the short run is one evaluation.
const BATCH: usize = 10_000;

// ---------------------------------------------------------------------------------------------------------------
// Inputs

/// SplitMix64: a small, fixed PRNG, so a seed gives the same inputs on every machine and Rust version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform in lo..=hi.
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.next() as usize % items.len()]
    }
}

const NAMES: &[&str] = &[
    "red",
    "rebeccapurple",
    "cornflowerblue",
    "white",
    "black",
    "transparent",
    "lightgoldenrodyellow",
    "darkslategray",
    "darkslategrey",
    "Navy",
    "TOMATO",
    "aqua",
    "fuchsia",
    "gold",
    "indigo",
    "teal",
    "grey",
    "LightSeaGreen",
    "papayawhip",
    "mediumspringgreen",
    "orange",
    "yellowgreen",
    "whitesmoke",
    // Not colours: CSS refuses these too.
    "reed",
    "blurple",
    "none",
    // CSS-wide keywords: valid for every property, not colours.
    "inherit",
    "initial",
    "unset",
];

/// Keywords CSS accepts for `color` that have no value without an element or a user agent (devtools refuses them).
const CONTEXT_KEYWORDS: &[&str] = &[
    "currentcolor",
    "currentColor",
    "Canvas",
    "CanvasText",
    "LinkText",
    "ButtonFace",
    "Highlight",
    "GrayText",
    "AccentColor",
    "Field",
    "Mark",
];

/// CSS Color 5 functions (Chromium supports them; devtools asks for the colour they resolve to).
const COLOR5: &[&str] = &[
    "color-mix(in srgb, red, blue)",
    "color-mix(in oklch, #0f0 30%, white)",
    "rgb(from red r g b)",
    "oklch(from #123456 calc(l + 0.1) c h)",
    "light-dark(white, black)",
    "hsl(from rebeccapurple h s l / 0.5)",
];

const HUE_UNITS: &[&str] = &["", "", "deg", "turn", "rad", "grad", "DEG"];

/// A number as CSS writes it: an integer, an exact half (the rounding edge), a decimal (sometimes `.5` without the
/// 0), now and then in exponent form.
fn num(rng: &mut Rng, lo: f64, hi: f64) -> String {
    let pick = rng.unit();
    if pick < 0.35 {
        return rng.int(lo as i64, hi as i64).to_string();
    }
    if pick < 0.55 {
        let halves = rng.int((lo * 2.0) as i64, (hi * 2.0) as i64);
        return if halves % 2 == 0 {
            (halves / 2).to_string()
        } else {
            format!("{:.1}", halves as f64 / 2.0)
        };
    }
    let value = lo + rng.unit() * (hi - lo);
    if pick < 0.58 && value.abs() >= 1.0 {
        // 12.5 as 1.25e1, 0.7 as 7e-1
        let exponent = value.abs().log10().floor() as i32;
        let mantissa = value / 10f64.powi(exponent);
        return format!("{mantissa:.2}{}{exponent}", if rng.chance(0.5) { "e" } else { "E" });
    }
    let decimals = rng.int(1, 3) as usize;
    let text = format!("{value:.decimals$}");
    if rng.chance(0.3)
        && let Some(rest) = text.strip_prefix("0.")
    {
        return format!(".{rest}");
    }
    text
}

fn hue(rng: &mut Rng) -> String {
    let unit = rng.pick(HUE_UNITS);
    let span = match unit.to_ascii_lowercase().as_str() {
        "turn" => 1.0,
        "rad" => 6.3,
        "grad" => 400.0,
        _ => 360.0,
    };
    num(rng, -span / 4.0, span * 1.25) + unit
}

fn pct(rng: &mut Rng, lo: f64, hi: f64) -> String {
    num(rng, lo, hi) + "%"
}

fn alpha(rng: &mut Rng) -> Option<String> {
    if rng.chance(0.6) {
        return None;
    }
    Some(match rng.int(0, 5) {
        0 => num(rng, 0.0, 1.0),
        1 => pct(rng, 0.0, 100.0),
        2 => num(rng, -0.2, 1.3),
        3 => "0".into(),
        4 => "1".into(),
        _ => "none".into(),
    })
}

fn maybe_none(rng: &mut Rng, text: String) -> String {
    if rng.chance(0.05) { "none".into() } else { text }
}

/// The channel range: mostly inside, sometimes outside (CSS clamps legacy channels, maps other colours).
fn range(rng: &mut Rng, lo: f64, hi: f64, out_lo: f64, out_hi: f64) -> (f64, f64) {
    if rng.chance(0.12) { (out_lo, out_hi) } else { (lo, hi) }
}

/// One input.
fn generate(rng: &mut Rng) -> String {
    const KINDS: &[&str] = &[
        "hex",
        "hex",
        "name",
        "keyword",
        "rgb",
        "rgb",
        "rgb_legacy",
        "rgb_legacy",
        "hsl",
        "hsl",
        "hsl_legacy",
        "hsl_legacy",
        "hwb",
        "hwb",
        "lab",
        "lch",
        "oklab",
        "oklch",
        "oklch",
        "color",
        "color",
        "color5",
        "garbage",
        "garbage",
    ];
    let kind = rng.pick(KINDS);
    let slash = match alpha(rng) {
        Some(a) => format!(
            "{}/{}{a}",
            if rng.chance(0.8) { " " } else { "" },
            if rng.chance(0.8) { " " } else { "" }
        ),
        None => String::new(),
    };
    match kind {
        "hex" => {
            let digits = *rng.pick(&[&3, &4, &6, &8, &6, &6]);
            let text: String = (0..digits)
                .map(|_| b"0123456789abcdefABCDEF"[rng.int(0, 21) as usize] as char)
                .collect();
            if rng.chance(0.9) { format!("#{text}") } else { text }
        }
        "name" => rng.pick(NAMES).to_owned(),
        "keyword" => {
            if rng.chance(0.15) {
                rng.pick(COLOR5).to_owned()
            } else {
                rng.pick(CONTEXT_KEYWORDS).to_owned()
            }
        }
        "color5" => rng.pick(COLOR5).to_owned(),
        "rgb" => {
            let (lo, hi) = range(rng, 0.0, 255.0, -40.0, 300.0);
            let parts: Vec<String> = if rng.chance(0.3) {
                (0..3)
                    .map(|_| {
                        let p = pct(rng, lo * 100.0 / 255.0, hi * 100.0 / 255.0);
                        maybe_none(rng, p)
                    })
                    .collect()
            } else {
                (0..3)
                    .map(|_| {
                        let n = num(rng, lo, hi);
                        maybe_none(rng, n)
                    })
                    .collect()
            };
            let name = rng.pick(&["rgb", "rgba", "RGB", "Rgba"]);
            format!("{name}({}{slash})", parts.join(" "))
        }
        "rgb_legacy" => {
            let (lo, hi) = range(rng, 0.0, 255.0, -40.0, 300.0);
            let mut parts: Vec<String> = if rng.chance(0.3) {
                (0..3).map(|_| pct(rng, lo * 100.0 / 255.0, hi * 100.0 / 255.0)).collect()
            } else {
                (0..3).map(|_| num(rng, lo, hi)).collect()
            };
            if rng.chance(0.05) {
                parts[1] = pct(rng, 0.0, 100.0); // numbers and percentages mixed: invalid with commas
            }
            if rng.chance(0.03) {
                parts[0] = "none".into(); // `none` is not allowed in the comma form
            }
            if let Some(a) = alpha(rng) {
                parts.push(a);
            }
            let sep = rng.pick(&[",", ", ", " , ", " ,"]);
            format!("{}({})", rng.pick(&["rgb", "rgba"]), parts.join(sep))
        }
        "hsl" | "hwb" => {
            let (lo, hi) = range(rng, 0.0, 100.0, -20.0, 150.0);
            let h = hue(rng);
            let a = pct(rng, lo, hi);
            let b = pct(rng, lo, hi);
            let mut parts = [maybe_none(rng, h), maybe_none(rng, a), maybe_none(rng, b)];
            if rng.chance(0.1) {
                parts[1] = num(rng, 0.0, 100.0); // the modern syntax allows bare numbers
            }
            let name =
                if kind == "hwb" { "hwb" } else { rng.pick(&["hsl", "hsl", "hsl", "hsla", "HSL"]) };
            format!("{name}({}{slash})", parts.join(" "))
        }
        "hsl_legacy" => {
            let (lo, hi) = range(rng, 0.0, 100.0, -20.0, 150.0);
            let mut parts = vec![hue(rng), pct(rng, lo, hi), pct(rng, lo, hi)];
            if rng.chance(0.1) {
                let at = rng.int(1, 2) as usize;
                parts[at] = num(rng, 0.0, 100.0); // bare numbers: invalid in the comma form
            }
            if let Some(a) = alpha(rng) {
                parts.push(a);
            }
            let name = if rng.chance(0.05) { "hwb" } else { rng.pick(&["hsl", "hsla"]) }; // hwb() has no comma form
            format!("{name}({})", parts.join(", "))
        }
        "lab" => {
            let l = if rng.chance(0.3) { pct(rng, -10.0, 110.0) } else { num(rng, 0.0, 100.0) };
            format!("lab({l} {} {}{slash})", num(rng, -125.0, 125.0), num(rng, -125.0, 125.0))
        }
        "lch" => {
            format!("lch({} {} {}{slash})", num(rng, 0.0, 100.0), num(rng, 0.0, 150.0), hue(rng))
        }
        "oklab" => {
            let l = if rng.chance(0.3) { pct(rng, 0.0, 100.0) } else { num(rng, 0.0, 1.0) };
            format!("oklab({l} {} {}{slash})", num(rng, -0.4, 0.4), num(rng, -0.4, 0.4))
        }
        "oklch" => {
            // Low chroma more often, so that many are inside sRGB and their pixels are compared.
            let l = if rng.chance(0.3) { pct(rng, 0.0, 100.0) } else { num(rng, 0.0, 1.0) };
            let c = if rng.chance(0.5) { num(rng, 0.0, 0.1) } else { num(rng, 0.0, 0.4) };
            format!("oklch({l} {c} {}{slash})", hue(rng))
        }
        "color" => {
            let space = rng.pick(&[
                "srgb",
                "srgb",
                "srgb",
                "srgb-linear",
                "display-p3",
                "xyz-d65",
                "xyz-d50",
                "xyz",
                "a98-rgb",
                "prophoto-rgb",
                "rec2020",
            ]);
            let (lo, hi) = range(rng, 0.0, 1.0, -0.2, 1.2);
            let parts: Vec<String> = (0..3)
                .map(|_| {
                    if rng.chance(0.2) {
                        pct(rng, lo * 100.0, hi * 100.0)
                    } else {
                        num(rng, lo, hi)
                    }
                })
                .collect();
            format!("color({space} {}{slash})", parts.join(" "))
        }
        _ => {
            // A valid colour damaged: a character dropped or added, a bracket too many, a comma for a space.
            let base = if rng.chance(0.9) { generate(rng) } else { "rgb(1 2 3)".to_owned() };
            let chars: Vec<char> = base.chars().collect();
            let at = rng.int(0, chars.len() as i64) as usize;
            match rng.int(0, 4) {
                0 if at < chars.len() => chars[..at].iter().chain(&chars[at + 1..]).collect(),
                1 | 0 => {
                    let extra = rng.pick(&["(", ")", ",", "/", "%", "#", " ", "x", "-", ".", "e"]);
                    let head: String = chars[..at].iter().collect();
                    let tail: String = chars[at..].iter().collect();
                    format!("{head}{extra}{tail}")
                }
                2 => format!("{base})"),
                3 => format!(" {base}\t"),
                _ => base.replacen(' ', ",", 1),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The two sides

/// What Chromium says about one input.
#[derive(Debug, Clone)]
struct Chromium {
    /// `CSS.supports('color', x)`.
    supports: bool,
    /// The computed `color` of an element styled with it (empty when not supported).
    computed: String,
    /// The pixel a 1×1 sRGB canvas paints with the computed colour made opaque: `[r, g, b]`.
    pixel: [i32; 3],
}

/// What devtools says about one input.
#[derive(Debug, Clone)]
enum Devtools {
    Accepted {
        hex8: String,
        in_gamut: bool,
        /// The sRGB channels, 0–1 to six decimals: the exact value the hex rounds.
        srgb: [f64; 3],
    },
    Refused {
        message: String,
    },
}

/// Evaluates a batch in the page: one evaluation, one JSON array back.
const PROBE: &str = r#"(inputs => {
  const el = document.createElement('div');
  document.body.appendChild(el);
  const canvas = document.createElement('canvas');
  canvas.width = 1; canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true, colorSpace: 'srgb' });
  return inputs.map(x => {
    if (!CSS.supports('color', x)) return [false, '', [0, 0, 0]];
    el.style.color = '';
    el.style.color = x;
    const computed = getComputedStyle(el).color;
    // Legacy colours compute to rgb()/rgba(); others keep their space: drop the alpha for the canvas.
    const opaque = computed.startsWith('rgb') ? computed : computed.replace(/\s*\/\s*[^)]*\)$/, ')');
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#000';
    ctx.fillStyle = opaque;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [true, computed, [d[0], d[1], d[2]]];
  });
})"#;

async fn ask_chromium(server: &Server, inputs: &[String]) -> Vec<Chromium> {
    let browser = Browser::launch().await;
    let tab = browser.open(&server.url("/color")).await;
    let mode: String = tab.eval("document.compatMode").await;
    assert_eq!(
        mode, "CSS1Compat",
        "the page must be in standards mode (quirks mode reads bare hex)"
    );
    let mut out = Vec::with_capacity(inputs.len());
    for chunk in inputs.chunks(BATCH) {
        let json = serde_json::to_string(chunk).expect("inputs as JSON");
        let answers: Vec<(bool, String, [i32; 3])> = tab.eval(&format!("({PROBE})({json})")).await;
        assert_eq!(answers.len(), chunk.len(), "one answer per input");
        out.extend(answers.into_iter().map(|(supports, computed, pixel)| Chromium {
            supports,
            computed,
            pixel,
        }));
    }
    out
}

fn ask_devtools(server: &Server, inputs: &[String]) -> Vec<Devtools> {
    const THREADS: usize = 4;
    let per = inputs.len().div_ceil(THREADS).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = inputs
            .chunks(per)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk.iter().map(|input| ask_one(server, input)).collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("devtools client thread")).collect()
    })
}

fn ask_one(server: &Server, input: &str) -> Devtools {
    let path = format!("/api/color?value={}", utf8_percent_encode(input, NON_ALPHANUMERIC));
    let response = server.get(&path);
    let body = response.json();
    match response.status {
        200 => Devtools::Accepted {
            hex8: body["hex8"].as_str().expect("hex8").to_owned(),
            in_gamut: body["in_gamut"].as_bool().expect("in_gamut"),
            srgb: serde_json::from_value(body["srgb"].clone()).expect("srgb"),
        },
        400 => {
            Devtools::Refused { message: body["message"].as_str().unwrap_or_default().to_owned() }
        }
        status => panic!("GET {path}: unexpected status {status}: {}", response.body),
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Comparing

/// One difference between the two answers.
#[derive(Debug, Clone)]
struct Difference {
    /// What differs: `validity`, `alpha`, `rgb` (legacy, exact) or `srgb pixel` (other spaces, by the canvas).
    check: &'static str,
    input: String,
    devtools: String,
    chromium: String,
    /// devtools' gamut flag, when it accepted the input.
    in_gamut: Option<bool>,
    /// devtools' sRGB channels × 255, when it accepted the input: how near each was to a half.
    exact: Option<[f64; 3]>,
}

/// How close the canvas pixels of in-gamut non-legacy colours came to devtools' hex.
#[derive(Debug, Default)]
struct PixelStats {
    pixels: usize,
    pixels_exact: usize,
    pixels_close: usize,
}

/// The comparisons made for one input (1 or 3), pushing the differences among them.
fn compare(
    input: &str,
    dev: &Devtools,
    chrome: &Chromium,
    differences: &mut Vec<Difference>,
    stats: &mut PixelStats,
) -> usize {
    let dev_text = match dev {
        Devtools::Accepted { hex8, .. } => format!("accepted {hex8}"),
        Devtools::Refused { message } => format!("refused: {message}"),
    };
    let chrome_text = if chrome.supports {
        format!("supported: {}", chrome.computed)
    } else {
        "not supported".into()
    };
    let accepted = matches!(dev, Devtools::Accepted { .. });
    let mut differ = |check, devtools: String, chromium: String| {
        let (in_gamut, exact) = match dev {
            Devtools::Accepted { in_gamut, srgb, .. } => {
                (Some(*in_gamut), Some(srgb.map(|c| c * 255.0)))
            }
            Devtools::Refused { .. } => (None, None),
        };
        differences.push(Difference {
            check,
            input: input.to_owned(),
            devtools,
            chromium,
            in_gamut,
            exact,
        });
    };
    if accepted != chrome.supports {
        differ("validity", dev_text, chrome_text);
        return 1;
    }
    let Devtools::Accepted { hex8, in_gamut, .. } = dev else { return 1 };
    let channel =
        |i: usize| i32::from_str_radix(&hex8[1 + 2 * i..3 + 2 * i], 16).expect("hex8 digits");
    let dev_rgb = [channel(0), channel(1), channel(2)];
    let dev_alpha = channel(3);

    // Alpha: Chromium serialises it with at most three decimals, so ±0.0005 × 255 is rounding.
    let computed = chrome.computed.as_str();
    let legacy = computed.starts_with("rgb");
    let chrome_alpha = computed_alpha(computed);
    let alpha_ok = match chrome_alpha {
        Some(a) => (f64::from(dev_alpha) - a * 255.0).abs() <= 0.5 + 0.0005 * 255.0 + 1e-9,
        None => false,
    };
    if !alpha_ok {
        differ(
            "alpha",
            format!("{dev_alpha} / 255 ({hex8})"),
            format!("{computed} (alpha {chrome_alpha:?})"),
        );
    }

    let chrome_rgb = if legacy { legacy_channels(computed) } else { Some(chrome.pixel) };
    if !legacy && *in_gamut {
        let distance =
            chrome.pixel.iter().zip(dev_rgb).map(|(c, d)| (c - d).abs()).max().unwrap_or(0);
        stats.pixels += 1;
        stats.pixels_exact += usize::from(distance == 0);
        stats.pixels_close += usize::from(distance > 0 && distance <= PIXEL_SLACK);
    }
    let ok = match chrome_rgb {
        Some(rgb) if legacy => rgb == dev_rgb,
        Some(rgb) => rgb.iter().zip(dev_rgb).all(|(c, d)| (c - d).abs() <= PIXEL_SLACK),
        None => false,
    };
    if !ok {
        let shown = match chrome_rgb {
            Some([r, g, b]) => format!("#{r:02x}{g:02x}{b:02x} from {computed}"),
            None => format!("unreadable: {computed}"),
        };
        differ(if legacy { "rgb" } else { "srgb pixel" }, hex8[..7].to_owned(), shown);
    }
    3
}

/// The alpha of a computed colour: `rgba(r, g, b, a)`, `oklch(l c h / a)`; 1 when none is written.
fn computed_alpha(computed: &str) -> Option<f64> {
    let inner = computed.strip_suffix(')')?;
    if let Some(rest) = inner.strip_prefix("rgba(") {
        return rest.rsplit(',').next()?.trim().parse().ok();
    }
    if inner.starts_with("rgb(") {
        return Some(1.0);
    }
    match inner.rsplit_once('/') {
        Some((_, a)) if a.trim() == "none" => Some(0.0),
        Some((_, a)) => a.trim().parse().ok(),
        None => Some(1.0),
    }
}

/// The integer channels of a legacy computed colour, `rgb(1, 2, 3)` or `rgba(1, 2, 3, 0.5)`.
fn legacy_channels(computed: &str) -> Option<[i32; 3]> {
    let inner = computed.split_once('(')?.1.strip_suffix(')')?;
    let numbers: Vec<i32> =
        inner.split(',').take(3).map(|n| n.trim().parse().ok()).collect::<Option<_>>()?;
    numbers.try_into().ok()
}

// ---------------------------------------------------------------------------------------------------------------
// Listed divergences

/// The `[[color_chromium]]` entries of tests/differential/divergences.toml, in order.
#[derive(Debug, Clone)]
struct Entry {
    id: String,
    status: String,
    standard: String,
}

type Classifier = fn(&Difference) -> bool;

/// One classifier per `[[color_chromium]]` entry: whether a difference is that entry's. Only the classifiers of
/// listed entries are used, in the file's order; a classifier here that the file does not list is dormant (a known
/// bug's, ready for the entry that turns it on) and is named in the report.
const CLASSIFIERS: &[(&str, Classifier)] = &[
    ("chromium-bare-hex", bare_hex),
    ("chromium-context-keywords", context_keyword),
    ("chromium-css-wide-keywords", css_wide_keyword),
    ("chromium-color5-functions", color5_function),
    ("chromium-clips-outside-srgb", clipped),
    ("chromium-rec2020-camera-curve", rec2020),
    ("chromium-single-precision-near-half", near_half),
    ("chromium-accepts-number-paren-after-alpha", number_paren_after_alpha),
    ("chromium-hsl-saturation-over-100", hsl_saturation_over_100),
    ("chromium-huge-numbers", huge_number),
];

/// The classifier of a listed entry.
fn classifier(id: &str) -> Option<Classifier> {
    CLASSIFIERS.iter().find(|(known, _)| *known == id).map(|(_, classify)| *classify)
}

fn bare_hex(d: &Difference) -> bool {
    let t = d.input.trim();
    d.check == "validity"
        && d.devtools.starts_with("accepted")
        && [3, 4, 6, 8].contains(&t.len())
        && t.bytes().all(|b| b.is_ascii_hexdigit())
}

fn context_keyword(d: &Difference) -> bool {
    let t = d.input.trim();
    d.check == "validity"
        && d.devtools.starts_with("refused")
        && CONTEXT_KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(t))
}

fn color5_function(d: &Difference) -> bool {
    d.check == "validity"
        && d.devtools.starts_with("refused")
        && d.devtools.contains("is not supported: give the colour it resolves to")
}

fn css_wide_keyword(d: &Difference) -> bool {
    let t = d.input.trim().to_ascii_lowercase();
    d.check == "validity"
        && d.devtools.starts_with("refused")
        && ["inherit", "initial", "unset", "revert", "revert-layer"].contains(&t.as_str())
}

/// An `hsl()` whose saturation is over 100% (devtools clamps it to 100%; CSS Color 4 §7.1 clamps only below 0%,
/// as Chromium does on its general parsing path).
fn hsl_saturation_over_100(d: &Difference) -> bool {
    let t = d.input.trim().to_ascii_lowercase();
    let Some(args) = t.strip_prefix("hsla(").or_else(|| t.strip_prefix("hsl(")) else {
        return false;
    };
    let saturation = args
        .replace('%', "% ")
        .split(|c: char| c == ',' || c == '/' || c == ')' || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .nth(1)
        .and_then(|s| s.strip_suffix('%').unwrap_or(s).parse::<f64>().ok());
    d.check == "rgb" && saturation.is_some_and(|s| s > 100.0)
}

fn rec2020(d: &Difference) -> bool {
    d.check == "srgb pixel" && d.input.to_ascii_lowercase().contains("color(rec2020")
}

/// An `hsl()`/`hwb()` channel one unit off where devtools' exact value is within 0.01 of a half, and devtools
/// rounded it to the nearer integer (below a half down, at or above it up: an exact tie is never excused).
fn near_half(d: &Difference) -> bool {
    let t = d.input.trim().to_ascii_lowercase();
    if d.check != "rgb" || !(t.starts_with("hsl") || t.starts_with("hwb")) {
        return false;
    }
    let (Some(exact), Some(dev), Some(chrome)) =
        (d.exact, hex_channels(&d.devtools), hex_channels(&d.chromium))
    else {
        return false;
    };
    (0..3).all(|i| {
        let frac = exact[i] - exact[i].floor();
        match dev[i] - chrome[i] {
            0 => true,
            -1 => (frac - 0.5).abs() < 0.01 && frac < 0.5,
            1 => (frac - 0.5).abs() < 0.01 && frac >= 0.5,
            _ => false,
        }
    })
}

/// The three channels of the `#rrggbb` a difference's text starts with.
fn hex_channels(text: &str) -> Option<[i32; 3]> {
    let hex = text.strip_prefix('#')?.get(..6)?;
    let channel = |i: usize| i32::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok();
    Some([channel(0)?, channel(1)?, channel(2)?])
}

/// `rgb(1 2 3 / 0.5)7)`: a colour with an alpha, then a number and a stray `)`.
fn number_paren_after_alpha(d: &Difference) -> bool {
    let t = d.input.trim();
    let Some(head) = t.strip_suffix(')') else { return false };
    let number = head.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    d.check == "validity"
        && d.devtools.contains("after the colour")
        && d.chromium.starts_with("supported")
        && number.len() < head.len()
        && number.ends_with(')')
        && number.contains('/')
}

/// A component beyond devtools' ±1,000,000 (`rgb(0 0 1e7)`): devtools refuses it, CSS clamps it.
fn huge_number(d: &Difference) -> bool {
    d.check == "validity" && d.devtools.contains("must be a number between -1000000 and 1000000")
}

fn clipped(d: &Difference) -> bool {
    d.check == "srgb pixel" && d.in_gamut == Some(false)
}

/// Reads the `[[color_chromium]]` tables of divergences.toml. The file is TOML; this reads the subset it uses
/// (array-of-tables headers, `key = "basic"` and `key = """multi-line"""` strings, `#` comments), which keeps the
/// test crate free of a TOML dependency.
fn listed_divergences() -> Vec<Entry> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/differential/divergences.toml");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    let mut tables: Vec<(String, BTreeMap<String, String>)> = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix("[[").and_then(|l| l.strip_suffix("]]")) {
            tables.push((name.trim().to_owned(), BTreeMap::new()));
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            panic!("{path}: cannot read {line:?}")
        };
        let value = value.trim();
        let value = if let Some(first) = value.strip_prefix("\"\"\"") {
            let mut raw = first.to_owned();
            while !raw.contains("\"\"\"") {
                raw.push('\n');
                raw.push_str(lines.next().unwrap_or_else(|| panic!("{path}: unclosed \"\"\"")));
            }
            let raw = &raw[..raw.find("\"\"\"").expect("closing quotes")];
            // A backslash at the end of a line joins it to the next, without the whitespace between.
            let mut joined = String::new();
            for (i, part) in raw.split("\\\n").enumerate() {
                joined.push_str(if i == 0 { part } else { part.trim_start() });
            }
            unescape(&joined)
        } else if let Some(quoted) = value.strip_prefix('"') {
            unescape(&quoted[..quoted.rfind('"').unwrap_or_else(|| panic!("{path}: {line:?}"))])
        } else {
            value.to_owned()
        };
        if let Some((_, table)) = tables.last_mut() {
            table.insert(key.trim().to_owned(), value);
        }
    }
    tables
        .into_iter()
        .filter(|(name, _)| name == "color_chromium")
        .map(|(_, t)| {
            let field = |k: &str| {
                t.get(k).cloned().unwrap_or_else(|| panic!("{path}: an entry without {k}"))
            };
            assert!(
                !field("reason").is_empty() && !field("standard").is_empty(),
                "every entry says why"
            );
            Entry { id: field("id"), status: field("status"), standard: field("standard") }
        })
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("\\\"", "\"").replace("\\\\", "\\")
}

// ---------------------------------------------------------------------------------------------------------------
// The test

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(text) => {
            text.trim().parse().unwrap_or_else(|_| panic!("{name}={text:?} is not a number"))
        }
        Err(_) => default,
    }
}

/// A `devtools color` command line that shows devtools' answer for an input.
fn repro(input: &str) -> String {
    format!("devtools color '{}' --json", input.replace('\'', "'\\''"))
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium; run by .ci/run"]
async fn colours_agree_with_chromiums_css_parser() {
    let cases = env_number("DEVTOOLS_DIFF_CASES", SHORT_RUN as u64) as usize;
    let seed = env_number("DEVTOOLS_DIFF_SEED", SHORT_SEED);
    let started = std::time::Instant::now();
    let mut rng = Rng(seed);
    let inputs: Vec<String> = (0..cases).map(|_| generate(&mut rng)).collect();

    let entries = listed_divergences();
    let classifiers: Vec<(&str, Classifier)> = entries
        .iter()
        .map(|e| {
            let classify = classifier(&e.id).unwrap_or_else(|| {
                panic!("divergences.toml lists {}, which CLASSIFIERS has no classifier for", e.id)
            });
            (e.id.as_str(), classify)
        })
        .collect();

    let server = Server::start();
    let chromium = ask_chromium(&server, &inputs).await;
    let devtools = ask_devtools(&server, &inputs);

    let mut comparisons = 0;
    let mut differences = Vec::new();
    let mut stats = PixelStats::default();
    for ((input, dev), chrome) in inputs.iter().zip(&devtools).zip(&chromium) {
        comparisons += compare(input, dev, chrome, &mut differences, &mut stats);
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unlisted = Vec::new();
    for d in &differences {
        match classifiers.iter().find(|(_, classify)| classify(d)) {
            Some((id, _)) => *counts.entry(id).or_default() += 1,
            None => unlisted.push(d),
        }
    }
    let both_accept = devtools.iter().filter(|d| matches!(d, Devtools::Accepted { .. })).count();
    let mut report = format!(
        "color vs Chromium ({}): seed {seed}, {cases} inputs ({both_accept} accepted by devtools), \
         {comparisons} comparisons: {} agree, {} listed divergences, {} unlisted ({:.1} s)\n",
        chromium_version(),
        comparisons - differences.len(),
        differences.len() - unlisted.len(),
        unlisted.len(),
        started.elapsed().as_secs_f64(),
    );
    for entry in &entries {
        let n = counts.get(entry.id.as_str()).copied().unwrap_or(0);
        let _ = writeln!(report, "  {n:6} × {} [{}; {}]", entry.id, entry.status, entry.standard);
    }
    for (id, classify) in CLASSIFIERS {
        if !entries.iter().any(|e| e.id == *id) {
            let n = unlisted.iter().filter(|d| classify(d)).count();
            let _ = writeln!(
                report,
                "  {n:6} of the unlisted match {id}, a classifier divergences.toml does not list"
            );
        }
    }
    let _ = writeln!(
        report,
        "  sRGB pixels of non-legacy colours inside sRGB: {} compared, {} exact, {} within {PIXEL_SLACK}",
        stats.pixels, stats.pixels_exact, stats.pixels_close
    );
    println!("{report}");
    if !unlisted.is_empty() {
        let mut table = String::from(
            "| check | input | devtools | Chromium | repro |\n|---|---|---|---|---|\n",
        );
        for d in unlisted.iter().take(60) {
            // A dormant classifier that matches names the known class (a bug's, say) the row belongs to.
            let class = CLASSIFIERS
                .iter()
                .find(|(_, classify)| classify(d))
                .map(|(id, _)| format!(" (class {id})"))
                .unwrap_or_default();
            let _ = writeln!(
                table,
                "| {}{class} | `{}` | {} | {} | `{}` |",
                d.check,
                d.input,
                d.devtools,
                d.chromium,
                repro(&d.input)
            );
        }
        if unlisted.len() > 60 {
            let _ = writeln!(table, "... and {} more", unlisted.len() - 60);
        }
        panic!(
            "{} differences from Chromium that tests/differential/divergences.toml does not list \
             ([[color_chromium]]):\n{table}",
            unlisted.len()
        );
    }
}

/// The Chromium binary's version line, for the report.
fn chromium_version() -> String {
    let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    std::process::Command::new(binary)
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "Chromium".into())
}

#[test]
fn the_generator_is_deterministic_and_varied() {
    let run = |seed| {
        let mut rng = Rng(seed);
        (0..500).map(|_| generate(&mut rng)).collect::<Vec<_>>()
    };
    assert_eq!(run(1), run(1));
    assert_ne!(run(1), run(2));
    let inputs = run(1);
    for prefix in
        ["#", "rgb(", "rgba(", "hsl(", "hwb(", "lab(", "lch(", "oklab(", "oklch(", "color("]
    {
        assert!(inputs.iter().any(|i| i.starts_with(prefix)), "no input starts with {prefix}");
    }
    assert!(inputs.iter().any(|i| i.contains(',')), "comma syntax");
    assert!(inputs.iter().any(|i| i.contains("turn") || i.contains("rad")), "angle units");
}

#[test]
fn the_divergence_list_reads_and_every_entry_has_a_classifier() {
    let entries = listed_divergences();
    assert!(entries.len() >= 4, "the [[color_chromium]] entries are read");
    for entry in &entries {
        assert!(classifier(&entry.id).is_some(), "no classifier for {}", entry.id);
        assert!(
            entry.status == "intended" || entry.status.starts_with("bug"),
            "{}: status",
            entry.id
        );
    }
}

#[test]
fn computed_colours_read() {
    assert_eq!(computed_alpha("rgb(1, 2, 3)"), Some(1.0));
    assert_eq!(computed_alpha("rgba(1, 2, 3, 0.867)"), Some(0.867));
    assert_eq!(computed_alpha("oklch(0.7 0.1 200 / 0.25)"), Some(0.25));
    assert_eq!(computed_alpha("color(srgb 0.5 0.2 0.1)"), Some(1.0));
    assert_eq!(legacy_channels("rgba(10, 20, 30, 0.5)"), Some([10, 20, 30]));
}
