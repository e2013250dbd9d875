//! The colour page, its swatch images and the JSON API (feature `web`): each route extracts its request, asks the
//! [`answer`] layer and renders or serialises what it gives.
//!
//! The strict CSP forbids `style=` attributes, so colours are never written into markup as styles: the page draws
//! every swatch as inline SVG (`color/macros.html`) whose `fill` presentation attribute is a hex colour this crate
//! formatted itself from a parsed colour, never the request text. Drawn in the page, a first view is one request;
//! as `<img>`s it was about thirty more, each through the work pool.
//!
//! The same drawings are served as standalone images (`/color/swatch.svg`, `/color/sample.svg`) to embed elsewhere,
//! a README or an issue. Those are written here, with `#rrggbb` and `fill-opacity`, since an SVG file may meet a
//! renderer older than CSS Color 4's `#rrggbbaa`, which the page's inline drawings can rely on.

use crate::answer::{self, ContrastRequest, ConvertRequest, PalettesRequest, parse_field};
use crate::{Color, Contrast, Conversion, Levels, META, Palettes, Swatch, format};
use axum::Json;
use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use devtools_kit::extract::Query;
use devtools_kit::{
    AnswerError, ApiDoc, ApiError, ApiExample, Asset, ErrorClass, Page, PageRequest, Rendered,
    SiteState, Tool, View, WebError,
};
use serde::{Deserialize, Serialize};

/// Templates: the page, extending `core/base.html`, the two parts the live-update script asks for, and the gamut
/// line the page and its conversion part share.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("color/index.html", include_str!("../templates/color/index.html")),
    ("color/results.html", include_str!("../templates/color/results.html")),
    ("color/contrast.html", include_str!("../templates/color/contrast.html")),
    ("color/gamut.html", include_str!("../templates/color/gamut.html")),
    ("color/macros.html", include_str!("../templates/color/macros.html")),
];

/// The page's script and stylesheet.
pub const ASSETS: &[Asset] = &[
    Asset::js("color.js", include_bytes!("../static/color.js")),
    Asset::css("color.css", include_bytes!("../static/color.css")),
];

/// The tool for the host's list.
pub fn tool<S>() -> Tool<S>
where
    S: Clone + Send + Sync + 'static,
    SiteState: FromRef<S>,
{
    Tool {
        meta: META,
        templates: TEMPLATES,
        assets: ASSETS,
        router: routes(),
        search: Vec::new(),
        api: Some(api_doc),
        jobs: &[],
    }
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(color_api, contrast_api, palettes_api))]
struct Api;

/// `?name=value&...`, encoded as a form sends it.
fn query(pairs: &[(&str, &str)]) -> String {
    let mut query = form_urlencoded::Serializer::for_suffix(String::from("?"), 1);
    query.extend_pairs(pairs);
    query.finish()
}

/// The JSON API described, with examples answered by the [`answer`] functions, each with the same input on the
/// command line and on the page.
pub fn api_doc() -> ApiDoc {
    use utoipa::OpenApi as _;
    let convert_example = |name, summary, value: &'static str| {
        ApiExample::get("/api/color", name, summary)
            .param("value", value)
            .cli(["color", value])
            .page(PageRequest::Get(format!("/color{}", query(&[("value", value)]))))
            .answer(answer::convert(&ConvertRequest::new(value)))
    };
    let (fg, bg) = ("#767676", "white");
    ApiDoc {
        openapi: Api::openapi(),
        examples: vec![
            convert_example("oklch", "A CSS Color 4 colour in every format", "oklch(70% 0.15 150)"),
            convert_example("invalid_color", "Something that is not a colour", "#12345"),
            convert_example(
                "clamped",
                "Out-of-range rgb() channels are clamped, as browsers paint them (CSS Color 4 §5.1)",
                "rgb(300 0 0)",
            ),
            convert_example(
                "hsl_saturation_over_100",
                "hsl() keeps a saturation over 100% and clamps the sRGB channels (CSS Color 4 §7)",
                "hsl(0 120 80)",
            ),
            convert_example(
                "huge_component",
                "Any finite number is accepted; rgb() clamps it (CSS Color 4 §5.1)",
                "rgb(0 0 1e7)",
            ),
            convert_example(
                "exact_half",
                "Channels of exactly n.5 (127.5, 178.5, 76.5) round half up",
                "hsl(90 40% 50%)",
            ),
            convert_example(
                "bare_hex",
                "Hex digits without # are read as a convenience, and the note says so",
                "fff",
            ),
            convert_example(
                "legacy_numbers",
                "hsl() with commas needs percentages for saturation and lightness (CSS Color 4 §7.1)",
                "hsl(120deg, 50, 50%)",
            ),
            ApiExample::get("/api/color/contrast", "grey_on_white", "Grey text on white")
                .param("fg", fg)
                .param("bg", bg)
                .cli(["color", fg, "--bg", bg])
                .page(PageRequest::Get(format!("/color{}", query(&[("fg", fg), ("bg", bg)]))))
                .answer(answer::contrast(&ContrastRequest::new(fg, bg))),
            ApiExample::get(
                "/api/color/contrast",
                "default_background",
                "Without a background, text is checked on white",
            )
            .param("fg", "navy")
            .cli(["color", "navy", "--contrast"])
            .page(PageRequest::Get(format!("/color{}", query(&[("fg", "navy")]))))
            .answer(answer::contrast(&ContrastRequest::new("navy", ""))),
            ApiExample::get("/api/color/palettes", "rebeccapurple", "Palettes of a named colour")
                .param("value", "rebeccapurple")
                .page(PageRequest::Get("/color?value=rebeccapurple".into()))
                .answer(answer::palettes(&PalettesRequest::new("rebeccapurple"))),
        ],
    }
}

/// Routes: the page and swatch images under `/color`, JSON under `/api/color`.
pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    SiteState: FromRef<S>,
{
    Router::new()
        .route("/color", get(page))
        .route("/color/swatch.svg", get(swatch_svg))
        .route("/color/sample.svg", get(sample_svg))
        .route("/api/color", get(color_api))
        .route("/api/color/contrast", get(contrast_api))
        .route("/api/color/palettes", get(palettes_api))
}

/// The colour shown when the page is opened without one.
const DEFAULT_VALUE: &str = "rebeccapurple";

/// Runs an answer as the server's bounded work and gives its JSON, or the error's.
async fn json<T: Send + 'static>(
    site: &SiteState,
    job: impl FnOnce() -> Result<T, AnswerError> + Send + 'static,
) -> Result<Json<T>, WebError> {
    Ok(Json(site.work().run(move |_| job()).await??))
}

/// A colour in every format: hex, rgb, hsl, hwb, hsv, cmyk, lab, lch, oklab, oklch, xyz and CSS strings, with its
/// nearest name and contrast against white and black.
#[utoipa::path(
    get,
    path = "/api/color",
    tag = "color",
    params(("value" = String, Query, description = "Any CSS colour: `#ff0000`, `rgb(…)`, `hsl(…)`, `oklch(…)`, a name, and more; at most 256 characters.")),
    responses(
        (status = 200, description = "The colour in every format.", body = Conversion),
        (status = 400, description = "`invalid_color`, with `field`, `position` and `reason`; `invalid_request` for a query that is not UTF-8.", body = ApiError),
    )
)]
async fn color_api(
    State(site): State<SiteState>,
    Query(request): Query<ConvertRequest>,
) -> Result<Json<Conversion>, WebError> {
    json(&site, move || answer::convert(&request)).await
}

/// The WCAG 2 contrast of a foreground on a background (white unless given), with the AA and AAA verdicts and,
/// when AA fails, the nearest opaque foreground by Oklch lightness that passes, found from the foreground as
/// painted (a translucent one composited over the background, as the ratio is).
#[utoipa::path(
    get,
    path = "/api/color/contrast",
    tag = "color",
    params(
        ("fg" = String, Query, description = "The text colour, any CSS colour."),
        ("bg" = Option<String>, Query, description = "The background colour, any CSS colour; missing or blank, white."),
    ),
    responses(
        (status = 200, description = "The ratio and the verdicts.", body = Contrast),
        (status = 400, description = "`invalid_color`, naming the `field` (`fg` or `bg`).", body = ApiError),
    )
)]
async fn contrast_api(
    State(site): State<SiteState>,
    Query(request): Query<ContrastRequest>,
) -> Result<Json<Contrast>, WebError> {
    json(&site, move || answer::contrast(&request)).await
}

/// Tints, shades and hue harmonies (complementary, analogous, triadic, split-complementary) of a colour.
#[utoipa::path(
    get,
    path = "/api/color/palettes",
    tag = "color",
    params(("value" = String, Query, description = "Any CSS colour.")),
    responses(
        (status = 200, description = "Every palette, each a list of swatches.", body = Palettes),
        (status = 400, description = "`invalid_color`, with `field`, `position` and `reason`.", body = ApiError),
    )
)]
async fn palettes_api(
    State(site): State<SiteState>,
    Query(request): Query<PalettesRequest>,
) -> Result<Json<Palettes>, WebError> {
    json(&site, move || answer::palettes(&request)).await
}

/// Headers for images that depend only on their query: cacheable for a day.
fn svg_response(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml")),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400")),
        ],
        body,
    )
        .into_response()
}

/// `fill="#rrggbb" fill-opacity="0.5"`: built only from numbers, so no request text reaches the SVG.
fn fill(color: &Color) -> String {
    let opacity = format::num(color.alpha(), 3);
    format!("fill=\"{}\" fill-opacity=\"{opacity}\"", format::hex6(color.srgb_mapped()))
}

/// A flat swatch of one colour, `GET /color/swatch.svg?value=…`; translucent colours stay translucent so the
/// page's checkerboard shows through.
async fn swatch_svg(
    State(site): State<SiteState>,
    Query(request): Query<ConvertRequest>,
) -> Result<Response, WebError> {
    Ok(site.work().run(move |_| swatch(&request)).await??)
}

fn swatch(request: &ConvertRequest) -> Result<Response, AnswerError> {
    let color = parse_field("value", &request.value)?;
    Ok(svg_response(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\" viewBox=\"0 0 8 8\" preserveAspectRatio=\"none\">\
         <rect width=\"8\" height=\"8\" {}/></svg>",
        fill(&color)
    )))
}

/// Sample text in `fg` on `bg`, `GET /color/sample.svg?fg=…&bg=…`, for the contrast checker's preview.
async fn sample_svg(
    State(site): State<SiteState>,
    Query(request): Query<ContrastRequest>,
) -> Result<Response, WebError> {
    Ok(site.work().run(move |_| sample(&request)).await??)
}

fn sample(request: &ContrastRequest) -> Result<Response, AnswerError> {
    let fg = parse_field("fg", &request.fg)?;
    let bg = parse_field("bg", request.background())?;
    Ok(svg_response(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"360\" height=\"96\" viewBox=\"0 0 360 96\" font-family=\"system-ui, sans-serif\">\
         <rect width=\"360\" height=\"96\" {}/>\
         <text x=\"16\" y=\"40\" font-size=\"24\" font-weight=\"700\" {}>Large text 24px</text>\
         <text x=\"16\" y=\"72\" font-size=\"16\" {}>Normal body text at 16px</text></svg>",
        fill(&bg),
        fill(&fg),
        fill(&fg)
    )))
}

#[derive(Debug, Default, Deserialize)]
struct PageQuery {
    value: Option<String>,
    /// The native picker's value, submitted with the form when JavaScript is off.
    picker: Option<String>,
    /// The colour the page showed when the form was rendered, to tell whether the picker changed.
    from: Option<String>,
    fg: Option<String>,
    bg: Option<String>,
    /// The swap button, when the form is sent without JavaScript.
    swap: Option<String>,
    /// The OKLCH sliders (range inputs), when the form is sent without JavaScript: lightness in percent, chroma,
    /// hue in degrees, alpha in percent.
    l: Option<String>,
    c: Option<String>,
    h: Option<String>,
    a: Option<String>,
    /// The number fields beside the sliders.
    l_num: Option<String>,
    c_num: Option<String>,
    h_num: Option<String>,
    a_num: Option<String>,
    /// What the sliders showed when the form was rendered (`L C H A`), to tell whether one was moved.
    lcha: Option<String>,
    /// `1` when the live-update script asks for a part of the page rather than the whole.
    fragment: Option<String>,
    /// Which part the script asks for: `contrast` for the contrast checker's result, otherwise the conversion.
    part: Option<String>,
}

/// One OKLCH slider: a range input and a number field for one coordinate.
#[derive(Debug, Serialize)]
struct Slider {
    name: &'static str,
    label: &'static str,
    unit: &'static str,
    min: String,
    max: String,
    step: &'static str,
    /// The range input's value: the coordinate held in the range, as a browser would show it.
    value: String,
    /// The number field's value: the coordinate itself (chroma 0.45 stays 0.45 beside a range that ends at 0.4).
    number: String,
}

/// The sliders' coordinates: name, label, unit, range, step and the decimals of the step. Lightness and alpha in
/// percent and chroma up to 0.4, as oklch.com shows them.
const SLIDERS: [(&str, &str, &str, f64, f64, &str, i32); 4] = [
    ("l", "Lightness", "%", 0.0, 100.0, "0.1", 1),
    ("c", "Chroma", "", 0.0, 0.4, "0.001", 3),
    ("h", "Hue", "°", 0.0, 360.0, "0.1", 1),
    ("a", "Alpha", "%", 0.0, 100.0, "0.1", 1),
];

/// The number fields' values for a colour: its Oklch coordinates (a powerless hue as 0) and alpha, rounded to the
/// sliders' steps. The page also sends them back (`lcha`) to tell which slider was moved.
fn slider_values(c: &Conversion) -> [String; 4] {
    let [l, chroma, hue] = c.oklch;
    let coordinates =
        [l.unwrap_or(0.0) * 100.0, chroma.unwrap_or(0.0), hue.unwrap_or(0.0), c.alpha * 100.0];
    let mut values = coordinates.map(|_| String::new());
    for ((value, coordinate), (_, _, _, _, _, _, decimals)) in
        values.iter_mut().zip(coordinates).zip(SLIDERS)
    {
        *value = format::num(coordinate, decimals);
    }
    values
}

fn sliders(c: &Conversion) -> Vec<Slider> {
    SLIDERS
        .into_iter()
        .zip(slider_values(c))
        .map(|((name, label, unit, min, max, step, decimals), number)| Slider {
            name,
            label,
            unit,
            min: format::num(min, decimals),
            max: format::num(max, decimals),
            step,
            value: number
                .parse::<f64>()
                .map_or_else(|_| number.clone(), |v| format::num(v.clamp(min, max), decimals)),
            number,
        })
        .collect()
}

/// The colour after the sliders moved, as `oklch()` text, or `None` when none moved.
///
/// A moved slider replaces its own coordinate of the colour in the text field (`value`); every other coordinate
/// is the colour's own, not the slider's rounded or range-capped value, so moving only alpha keeps the exact
/// colour and a chroma of 0.45 stays 0.45. Without JavaScript the form sends every slider and what they showed
/// (`lcha`), and a slider counts as moved when it differs from that (a range input against the value held in its
/// range); the script sends only the slider that moved, without `lcha`. Should the text not be a colour, the
/// shown values stand in for it. Non-finite numbers are ignored; out-of-range ones are left to the parser's CSS
/// rules (lightness and alpha clamped).
fn from_sliders(query: &PageQuery, text: &str) -> Option<String> {
    let shown: Option<[f64; 4]> = match query.lcha.as_deref() {
        Some(lcha) => {
            let numbers: Vec<f64> =
                lcha.split_whitespace().filter_map(|v| v.parse().ok()).collect();
            Some(<[f64; 4]>::try_from(numbers).ok()?)
        }
        None => None,
    };
    let number = |text: &Option<String>| {
        text.as_deref().and_then(|t| t.trim().parse::<f64>().ok()).filter(|v| v.is_finite())
    };
    let inputs = [
        (&query.l, &query.l_num),
        (&query.c, &query.c_num),
        (&query.h, &query.h_num),
        (&query.a, &query.a_num),
    ];
    let mut moved = [None; 4];
    for (index, ((range, field), (_, _, _, min, max, _, _))) in
        inputs.into_iter().zip(SLIDERS).enumerate()
    {
        let differs = |v: &f64, shown: f64| (v - shown).abs() > 1e-9;
        moved[index] = match shown.map(|shown| shown[index]) {
            Some(shown) => number(range)
                .filter(|v| differs(v, shown.clamp(min, max)))
                .or_else(|| number(field).filter(|v| differs(v, shown))),
            None => number(range).or_else(|| number(field)),
        };
    }
    if moved.iter().all(Option::is_none) {
        return None;
    }
    let (l, c, h, alpha) = match (crate::parse(text), shown) {
        (Ok(color), _) => {
            let (l, c, h) = color.oklch_coords();
            (l, c, h, color.alpha())
        }
        (Err(_), Some([l, c, h, a])) => (l / 100.0, c, Some(h), a / 100.0),
        (Err(_), None) => return None,
    };
    let [new_l, new_c, new_h, new_a] = moved;
    Some(oklch_text(
        new_l.map_or(l, |v| v / 100.0),
        new_c.unwrap_or(c),
        new_h.map_or(h, Some),
        new_a.map_or(alpha, |v| v / 100.0),
    ))
}

/// `oklch(L% C H / A%)` for the sliders, short but the same colour: written to a few decimals, more when those
/// would change its `#rrggbbaa` or whether it lies in sRGB, and exactly when nothing shorter keeps it.
fn oklch_text(l: f64, c: f64, h: Option<f64>, alpha: f64) -> String {
    // As the parser reads `oklch()`: lightness and alpha clamped, chroma at least 0.
    let target = Color::oklch(l.clamp(0.0, 1.0), c.max(0.0), h, alpha);
    let same = |text: &str| {
        crate::parse(text).is_ok_and(|color| {
            crate::to_hex(&color) == crate::to_hex(&target)
                && color.in_srgb_gamut() == target.in_srgb_gamut()
        })
    };
    let write = |number: &dyn Fn(f64, i32) -> String, extra: i32| {
        let alpha = if alpha >= 1.0 {
            String::new()
        } else {
            format!(" / {}%", number(alpha * 100.0, 3 + extra))
        };
        let hue = h.map_or_else(|| "none".to_owned(), |h| number(h, 3 + extra));
        format!("oklch({}% {} {hue}{alpha})", number(l * 100.0, 3 + extra), number(c, 5 + extra))
    };
    (0..8)
        .map(|extra| write(&format::num, extra))
        .find(|text| same(text))
        .unwrap_or_else(|| write(&|v, _| v.to_string(), 0))
}
/// One row of the formats table.
#[derive(Debug, Serialize)]
struct Row {
    id: &'static str,
    label: &'static str,
    value: String,
    note: &'static str,
}

/// One row per format: a translucent colour's hex already has 8 digits, so it is shown once, not again as HEX8;
/// HSV, CMYK and the `color()` forms carry the alpha as the other CSS forms do.
fn rows(c: &Conversion) -> Vec<Row> {
    let row = |id, label, value: String, note| Row { id, label, value, note };
    let [r, g, b] = c.srgb;
    let alpha = format::alpha_suffix(c.alpha);
    let mut rows = if c.css.hex == c.hex8 {
        vec![row("fmt-hex", "HEX", c.css.hex.clone(), "8 digits: alpha last")]
    } else {
        vec![
            row("fmt-hex", "HEX", c.css.hex.clone(), ""),
            row("fmt-hex8", "HEX8", c.hex8.clone(), "with alpha"),
        ]
    };
    rows.extend([
        row("fmt-rgb", "RGB", c.css.rgb.clone(), ""),
        row("fmt-hsl", "HSL", c.css.hsl.clone(), ""),
        row("fmt-hwb", "HWB", c.css.hwb.clone(), ""),
        row("fmt-hsv", "HSV", c.hsv_notation(), "not CSS; as design tools show it"),
        row("fmt-cmyk", "CMYK", c.cmyk_notation(), "naive conversion, no print profile"),
        row("fmt-lab", "Lab", c.css.lab.clone(), "CIE Lab, D50"),
        row("fmt-lch", "LCH", c.css.lch.clone(), "CIE LCH, D50"),
        row("fmt-oklab", "Oklab", c.css.oklab.clone(), ""),
        row("fmt-oklch", "Oklch", c.css.oklch.clone(), ""),
        row(
            "fmt-srgb",
            "sRGB 0–1",
            format!(
                "color(srgb {} {} {}{alpha})",
                format::num(r, 5),
                format::num(g, 5),
                format::num(b, 5)
            ),
            "",
        ),
        row(
            "fmt-xyz",
            "XYZ D65",
            format!(
                "color(xyz-d65 {} {} {}{alpha})",
                format::num(c.xyz[0], 5),
                format::num(c.xyz[1], 5),
                format::num(c.xyz[2], 5)
            ),
            "",
        ),
    ]);
    rows
}

#[derive(Debug, Serialize)]
struct PaletteGroup {
    id: &'static str,
    title: &'static str,
    swatches: Vec<Swatch>,
}

fn palette_groups(p: Palettes) -> Vec<PaletteGroup> {
    vec![
        PaletteGroup { id: "tints", title: "Tints (mixed with white in Oklch)", swatches: p.tints },
        PaletteGroup {
            id: "shades",
            title: "Shades (mixed with black in Oklch)",
            swatches: p.shades,
        },
        PaletteGroup { id: "complementary", title: "Complementary", swatches: p.complementary },
        PaletteGroup { id: "analogous", title: "Analogous", swatches: p.analogous },
        PaletteGroup { id: "triadic", title: "Triadic", swatches: p.triadic },
        PaletteGroup {
            id: "split-complementary",
            title: "Split complementary",
            swatches: p.split_complementary,
        },
    ]
}

/// The highest level a ratio passes, as a badge: its label and whether it is good (AA or better for normal
/// text), partial (large text only) or failing.
#[derive(Debug, Serialize)]
struct LevelBadge {
    label: &'static str,
    kind: &'static str,
}

impl From<Levels> for LevelBadge {
    fn from(levels: Levels) -> Self {
        let kind = match (levels.normal, levels.large) {
            (Some(_), _) => "ok",
            (None, Some(_)) => "warn",
            (None, None) => "bad",
        };
        LevelBadge { label: levels.label(), kind }
    }
}

/// An answer's error as the page shows it beside its field: the answer's message, and where in the text.
#[derive(Debug, Serialize)]
struct FieldError {
    message: String,
    #[serde(skip)]
    class: ErrorClass,
}

impl From<&AnswerError> for FieldError {
    fn from(error: &AnswerError) -> Self {
        let message = match error.details().get("position").and_then(serde_json::Value::as_u64) {
            Some(position) => format!("{error} (at character {})", position + 1),
            None => error.to_string(),
        };
        FieldError { message, class: error.class() }
    }
}

/// What is echoed back into a field: longer input is refused by the parser anyway, so the page stays bounded.
fn echoed(raw: &str) -> String {
    raw.chars().take(crate::MAX_INPUT + 1).collect()
}

async fn page(
    State(site): State<SiteState>,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Response {
    let untouched = query.value.is_none()
        && query.picker.is_none()
        && query.fg.is_none()
        && query.bg.is_none()
        && query.lcha.is_none()
        && [&query.l, &query.c, &query.h, &query.a].iter().all(|slider| slider.is_none())
        && query.fragment.is_none();
    if untouched {
        return site.cached_page("color", &headers, || {
            render_page(&site, &query).map(|rendered| rendered.html)
        });
    }
    let job_site = std::sync::Arc::clone(&site);
    site.work()
        .respond(move |_| match render_page(&job_site, &query) {
            Ok(rendered) if query.fragment.is_some() => {
                ([(header::HeaderName::from_static("x-robots-tag"), "noindex")], rendered)
                    .into_response()
            }
            Ok(rendered) => rendered.into_response(),
            Err(error) => error.into_response(),
        })
        .await
}

/// The page, or with `fragment=1` the part the live-update script asks for: the conversion, or with
/// `part=contrast` the contrast check. Every answer and error comes from the [`answer`] layer, as the API's do.
fn render_page(site: &devtools_kit::Site, query: &PageQuery) -> Result<Rendered, WebError> {
    let mut value = query.value.clone().unwrap_or_default();
    // Without JavaScript the picker arrives with the form: it wins when it differs from what was shown.
    if let (Some(picker), from) = (query.picker.as_deref(), query.from.as_deref())
        && from.is_some_and(|from| !from.eq_ignore_ascii_case(picker))
        && crate::parse(picker).is_ok()
    {
        value = picker.to_owned();
    } else if let Some(oklch) = from_sliders(query, &value) {
        // Then the sliders, when one was moved.
        value = oklch;
    }
    if query.value.is_none() && value.is_empty() {
        value = DEFAULT_VALUE.to_owned();
    }
    let (mut fg_text, mut bg_text) =
        (query.fg.clone().unwrap_or_default(), query.bg.clone().unwrap_or_default());
    if query.swap.is_some() {
        let fg_shown = if fg_text.trim().is_empty() { value.clone() } else { fg_text.clone() };
        let bg_shown = ContrastRequest::new("", bg_text.as_str()).background().to_owned();
        (fg_text, bg_text) = (bg_shown, fg_shown);
    }

    let conversion = answer::convert(&ConvertRequest::new(value.as_str()));
    let palettes = answer::palettes(&PalettesRequest::new(value.as_str())).ok();
    let error = conversion.as_ref().err().map(FieldError::from);
    let conversion = conversion.ok();
    let nearest_distance = conversion
        .as_ref()
        .and_then(|_| crate::parse(&value).ok())
        .map(|color| format::num(crate::nearest_name(&color).1, 4));

    // The contrast checker defaults to the main colour on white; its own fields' errors are its own.
    // (the background's default is the answer layer's).
    let fg_typed = !fg_text.trim().is_empty();
    let fg_source = if fg_typed { fg_text.as_str() } else { value.as_str() };
    let request = ContrastRequest::new(fg_source, bg_text.as_str());
    let fg = parse_field("fg", fg_source);
    let bg = parse_field("bg", request.background());
    let fg_error = fg.as_ref().err().filter(|_| fg_typed).map(FieldError::from);
    let bg_error = bg.as_ref().err().map(FieldError::from);
    let check = answer::contrast(&request).ok();
    let fg_hex = fg.as_ref().ok().map(crate::to_hex);
    let bg_hex = bg.as_ref().ok().map(crate::to_hex);

    // The first error's class gives the page its status, as it does the API's.
    let failure =
        [&error, &fg_error, &bg_error].into_iter().flatten().next().map(|error| error.class);
    let invalid = failure.is_some();
    let title = match &conversion {
        Some(c) if query.value.is_some() => format!("{} — colour converter", c.css.hex),
        _ => "Colour converter".to_owned(),
    };
    let mut page = Page::new(title)
        .description(
            "Convert any CSS colour between HEX, RGB, HSL, HWB, Lab, LCH, Oklab and Oklch with CSS Color 4 gamut \
             mapping; check WCAG contrast and build palettes.",
        )
        .here("colour")
        .tool(META.slug);
    if query.value.is_some() || invalid {
        page = page.noindex();
    }
    let part = match query.part.as_deref() {
        Some("contrast") => "color/contrast.html",
        _ => "color/results.html",
    };
    let view = View::choose(query.fragment.as_deref(), "color/index.html", part);
    let context = PageContext {
        rows: conversion.as_ref().map(rows),
        sliders: conversion.as_ref().map(sliders),
        lcha: conversion.as_ref().map(|c| slider_values(c).join(" ")),
        on_white: conversion.as_ref().map(|c| c.contrast.white_level.into()),
        on_black: conversion.as_ref().map(|c| c.contrast.black_level.into()),
        check_level: check.as_ref().map(|check| check.level.into()),
        palettes: palettes.map(palette_groups),
        nearest_distance,
        c: conversion,
        value: echoed(&value),
        fg_text: echoed(&fg_text),
        bg_text: echoed(&bg_text),
        error,
        check,
        fg_hex,
        bg_hex,
        fg_error,
        bg_error,
        max_input: crate::MAX_INPUT,
    };
    let status = failure.map_or(StatusCode::OK, ErrorClass::status);
    site.render_view(view, &page, context, status)
}

/// What `color/index.html` is rendered with.
#[derive(Debug, Serialize)]
struct PageContext {
    value: String,
    fg_text: String,
    bg_text: String,
    error: Option<FieldError>,
    c: Option<Conversion>,
    rows: Option<Vec<Row>>,
    sliders: Option<Vec<Slider>>,
    lcha: Option<String>,
    palettes: Option<Vec<PaletteGroup>>,
    nearest_distance: Option<String>,
    check: Option<Contrast>,
    check_level: Option<LevelBadge>,
    on_white: Option<LevelBadge>,
    on_black: Option<LevelBadge>,
    fg_hex: Option<String>,
    bg_hex: Option<String>,
    fg_error: Option<FieldError>,
    bg_error: Option<FieldError>,
    max_input: usize,
}

#[cfg(test)]
mod tests;
