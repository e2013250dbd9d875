//! The colour page, its swatch images and the JSON API.
//!
//! The strict CSP forbids `style=` attributes, so colours are never written into markup as styles: every swatch
//! is an `<img>` of a tiny SVG served at `/color/swatch.svg`, whose only variable content is a hex colour this crate
//! formatted itself from a parsed colour, never the request text.

use crate::{
    Color, Contrast, Conversion, ParseError, Swatch, contrast, convert, format, palettes, parse,
};
use axum::Json;
use axum::Router;
use axum::extract::{FromRef, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use devtools_kit::{
    ApiDoc, ApiError, ApiExample, Asset, Page, SiteState, Tool, ToolMeta, WebError,
};
use serde::{Deserialize, Serialize};

/// The colour converter as a registered tool.
pub const META: ToolMeta = ToolMeta {
    slug: "color",
    name: "Color Converter",
    summary: "Convert colors between HEX, RGB, HSL, OKLCH and more, check WCAG contrast and build palettes. Pick colors visually.",
    label: "color",
    related: &["http-status", "regex", "cron", "jwt"],
    keywords: &[
        "colour",
        "hex",
        "rgb",
        "rgba",
        "hsl",
        "hwb",
        "hsv",
        "cmyk",
        "lab",
        "lch",
        "oklab",
        "oklch",
        "display-p3",
        "css",
        "contrast",
        "wcag",
        "accessibility",
        "palette",
        "tints",
        "shades",
        "picker",
        "gamut",
    ],
};

/// Templates, each extending `core/base.html`.
pub const TEMPLATES: &[(&str, &str)] =
    &[("color/index.html", include_str!("../templates/color/index.html"))];

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
        api: Some(api_doc()),
        jobs: &[],
    }
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(color_api, contrast_api, palettes_api))]
struct Api;

/// The JSON API described, with examples answered by [`convert_answer`], [`contrast_answer`] and
/// [`palettes_answer`].
pub fn api_doc() -> ApiDoc {
    use utoipa::OpenApi as _;
    let (fg, bg) = ("#767676", "white");
    ApiDoc {
        openapi: Api::openapi(),
        examples: vec![
            ApiExample::get("/api/color", "oklch", "A CSS Color 4 colour in every format")
                .param("value", "oklch(70% 0.15 150)")
                .answer(convert_answer(Some("oklch(70% 0.15 150)"))),
            ApiExample::get("/api/color", "invalid_color", "Something that is not a colour")
                .param("value", "#12345")
                .answer(convert_answer(Some("#12345"))),
            ApiExample::get("/api/color/contrast", "grey_on_white", "Grey text on white")
                .param("fg", fg)
                .param("bg", bg)
                .answer(contrast_answer(Some(fg), Some(bg))),
            ApiExample::get("/api/color/palettes", "rebeccapurple", "Palettes of a named colour")
                .param("value", "rebeccapurple")
                .answer(palettes_answer(Some("rebeccapurple"))),
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
        .route("/color/live", get(live))
        .route("/color/swatch.svg", get(swatch_svg))
        .route("/color/sample.svg", get(sample_svg))
        .route("/api/color", get(color_api))
        .route("/api/color/contrast", get(contrast_api))
        .route("/api/color/palettes", get(palettes_api))
}

/// The colour shown when the page is opened without one.
const DEFAULT_VALUE: &str = "rebeccapurple";

#[derive(Debug, Default, Deserialize)]
struct ColorQuery {
    value: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct ContrastQuery {
    fg: Option<String>,
    bg: Option<String>,
}

/// Parses one query field, or answers 400 `invalid_color` naming the field and the position.
fn parse_field(field: &'static str, raw: Option<&str>) -> Result<Color, WebError> {
    let raw = raw.unwrap_or_default();
    parse(raw).map_err(|error| {
        let message = if raw.trim().is_empty() {
            format!(
                "{field}: enter a colour, e.g. {field}=%23ff0000 or {field}=oklch(70%25 0.1 200)"
            )
        } else {
            format!("{field}: {error}")
        };
        let mut web = WebError::bad_request("invalid_color", message).with("field", field);
        if let Some(position) = error.position {
            web = web.with("position", position);
        }
        web.with("reason", error.kind_name())
    })
}

/// A colour in every format: hex, rgb, hsl, hwb, hsv, cmyk, lab, lch, oklab, oklch, xyz and CSS strings, with its
/// nearest name and contrast against white and black.
#[utoipa::path(
    get,
    path = "/api/color",
    tag = "color",
    params(("value" = String, Query, description = "Any CSS colour: `#ff0000`, `rgb(…)`, `hsl(…)`, `oklch(…)`, a name, and more.")),
    responses(
        (status = 200, description = "The colour in every format.", body = Conversion),
        (status = 400, description = "`invalid_color`, with `field`, `position` and `reason`.", body = ApiError),
    )
)]
async fn color_api(
    State(site): State<SiteState>,
    Query(query): Query<ColorQuery>,
) -> Result<Json<Conversion>, WebError> {
    site.work().run(move |_| convert_answer(query.value.as_deref())).await?.map(Json)
}

/// The answer of `GET /api/color?value=`, or its 400 `invalid_color` error. The command line's `--json` prints
/// the same.
pub fn convert_answer(value: Option<&str>) -> Result<Conversion, WebError> {
    let color = parse_field("value", value)?;
    Ok(convert(value.unwrap_or_default(), &color))
}

/// The WCAG 2 contrast of a foreground on a background, with the AA and AAA verdicts and, when AA fails, the
/// nearest foreground that passes.
#[utoipa::path(
    get,
    path = "/api/color/contrast",
    tag = "color",
    params(
        ("fg" = String, Query, description = "The text colour, any CSS colour."),
        ("bg" = String, Query, description = "The background colour, any CSS colour."),
    ),
    responses(
        (status = 200, description = "The ratio and the verdicts.", body = Contrast),
        (status = 400, description = "`invalid_color`, naming the `field` (`fg` or `bg`).", body = ApiError),
    )
)]
async fn contrast_api(
    State(site): State<SiteState>,
    Query(query): Query<ContrastQuery>,
) -> Result<Json<Contrast>, WebError> {
    site.work()
        .run(move |_| contrast_answer(query.fg.as_deref(), query.bg.as_deref()))
        .await?
        .map(Json)
}

/// The answer of `GET /api/color/contrast?fg=&bg=`, or its 400 `invalid_color` error.
pub fn contrast_answer(fg: Option<&str>, bg: Option<&str>) -> Result<Contrast, WebError> {
    let fg = parse_field("fg", fg)?;
    let bg = parse_field("bg", bg)?;
    Ok(contrast(&fg, &bg))
}

/// Tints, shades and hue harmonies (complementary, analogous, triadic, split-complementary) of a colour.
#[utoipa::path(
    get,
    path = "/api/color/palettes",
    tag = "color",
    params(("value" = String, Query, description = "Any CSS colour.")),
    responses(
        (status = 200, description = "Every palette, each a list of swatches.", body = crate::Palettes),
        (status = 400, description = "`invalid_color`, with `field`, `position` and `reason`.", body = ApiError),
    )
)]
async fn palettes_api(
    State(site): State<SiteState>,
    Query(query): Query<ColorQuery>,
) -> Result<Json<crate::Palettes>, WebError> {
    site.work().run(move |_| palettes_answer(query.value.as_deref())).await?.map(Json)
}

/// The answer of `GET /api/color/palettes?value=`, or its 400 `invalid_color` error.
pub fn palettes_answer(value: Option<&str>) -> Result<crate::Palettes, WebError> {
    let color = parse_field("value", value)?;
    Ok(palettes(&color))
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
    Query(query): Query<ColorQuery>,
) -> Result<Response, WebError> {
    site.work().run(move |_| swatch(&query)).await?
}

fn swatch(query: &ColorQuery) -> Result<Response, WebError> {
    let color = parse_field("value", query.value.as_deref())?;
    Ok(svg_response(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\" viewBox=\"0 0 8 8\" preserveAspectRatio=\"none\">\
         <rect width=\"8\" height=\"8\" {}/></svg>",
        fill(&color)
    )))
}

/// Sample text in `fg` on `bg`, `GET /color/sample.svg?fg=…&bg=…`, for the contrast checker's preview.
async fn sample_svg(
    State(site): State<SiteState>,
    Query(query): Query<ContrastQuery>,
) -> Result<Response, WebError> {
    site.work().run(move |_| sample(&query)).await?
}

fn sample(query: &ContrastQuery) -> Result<Response, WebError> {
    let fg = parse_field("fg", query.fg.as_deref())?;
    let bg = parse_field("bg", query.bg.as_deref())?;
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
    swap: Option<String>,
}

/// One row of the formats table.
#[derive(Debug, Serialize)]
struct Row {
    id: &'static str,
    label: &'static str,
    value: String,
    note: &'static str,
}

fn rows(c: &Conversion) -> Vec<Row> {
    let row = |id, label, value: String, note| Row { id, label, value, note };
    let [r, g, b] = c.srgb;
    let [cy, m, y, k] = c.cmyk;
    let hsv_hue = c.hsv[0].map_or_else(|| "none".to_owned(), |h| format::num(h, 2));
    let percent = |v: Option<f64>| format::num(v.unwrap_or(0.0), 2);
    vec![
        row(
            "fmt-hex",
            "HEX",
            c.css.hex.clone(),
            if c.alpha < 1.0 { "8 digits: alpha last" } else { "" },
        ),
        row("fmt-hex8", "HEX8", c.hex8.clone(), "with alpha"),
        row("fmt-rgb", "RGB", c.css.rgb.clone(), ""),
        row("fmt-hsl", "HSL", c.css.hsl.clone(), ""),
        row("fmt-hwb", "HWB", c.css.hwb.clone(), ""),
        row(
            "fmt-hsv",
            "HSV",
            format!("hsv({hsv_hue} {}% {}%)", percent(c.hsv[1]), percent(c.hsv[2])),
            "not CSS; as design tools show it",
        ),
        row(
            "fmt-cmyk",
            "CMYK",
            format!(
                "device-cmyk({}% {}% {}% {}%)",
                format::num(cy, 2),
                format::num(m, 2),
                format::num(y, 2),
                format::num(k, 2)
            ),
            "naive conversion, no print profile",
        ),
        row("fmt-lab", "Lab", c.css.lab.clone(), "CIE Lab, D50"),
        row("fmt-lch", "LCH", c.css.lch.clone(), "CIE LCH, D50"),
        row("fmt-oklab", "Oklab", c.css.oklab.clone(), ""),
        row("fmt-oklch", "Oklch", c.css.oklch.clone(), ""),
        row(
            "fmt-srgb",
            "sRGB 0–1",
            format!(
                "color(srgb {} {} {})",
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
                "color(xyz-d65 {} {} {})",
                format::num(c.xyz[0], 5),
                format::num(c.xyz[1], 5),
                format::num(c.xyz[2], 5)
            ),
            "",
        ),
    ]
}

#[derive(Debug, Serialize)]
struct PaletteGroup {
    id: &'static str,
    title: &'static str,
    swatches: Vec<Swatch>,
}

fn palette_groups(color: &Color) -> Vec<PaletteGroup> {
    let p = palettes(color);
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

/// A parse error as the page shows it.
#[derive(Debug, Serialize)]
struct FieldError {
    message: String,
    position: Option<usize>,
}

impl From<ParseError> for FieldError {
    fn from(error: ParseError) -> Self {
        let message = match error.position {
            Some(position) => format!("{error} (at character {})", position + 1),
            None => error.to_string(),
        };
        FieldError { message, position: error.position }
    }
}

fn trimmed(raw: Option<&str>) -> String {
    // Longer input is refused by the parser anyway; keep what is echoed back bounded.
    raw.unwrap_or_default().chars().take(crate::MAX_INPUT + 1).collect()
}

async fn page(
    State(site): State<SiteState>,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Response {
    let untouched =
        query.value.is_none() && query.picker.is_none() && query.fg.is_none() && query.bg.is_none();
    if untouched {
        return site
            .cached_page("color", &headers, || render_page(&site, &query).map(|(_, html)| html));
    }
    let job_site = std::sync::Arc::clone(&site);
    site.work()
        .respond(move |_| match render_page(&job_site, &query) {
            Ok((status, html)) => (status, html).into_response(),
            Err(error) => error.into_response(),
        })
        .await
}

/// The page for the script's live updates: the same rendering, but a half-typed colour is a normal state of
/// a preview, not a failed request, so it answers 200 (a 400 would log a console error on every keystroke).
async fn live(State(site): State<SiteState>, Query(query): Query<PageQuery>) -> Response {
    let job_site = std::sync::Arc::clone(&site);
    site.work()
        .respond(move |_| match render_page(&job_site, &query) {
            Ok((_, html)) => ([(header::HeaderName::from_static("x-robots-tag"), "noindex")], html)
                .into_response(),
            Err(error) => error.into_response(),
        })
        .await
}

fn render_page(
    site: &devtools_kit::Site,
    query: &PageQuery,
) -> Result<(StatusCode, axum::response::Html<String>), WebError> {
    let mut value = trimmed(query.value.as_deref());
    // Without JavaScript the picker arrives with the form: it wins when it differs from what was shown.
    if let (Some(picker), from) = (query.picker.as_deref(), query.from.as_deref())
        && from.is_some_and(|from| !from.eq_ignore_ascii_case(picker))
        && parse(picker).is_ok()
    {
        value = picker.to_owned();
    }
    if query.value.is_none() && value.is_empty() {
        value = DEFAULT_VALUE.to_owned();
    }
    let (mut fg_text, mut bg_text) = (trimmed(query.fg.as_deref()), trimmed(query.bg.as_deref()));
    if query.swap.is_some() {
        let fg_shown = if fg_text.trim().is_empty() { value.clone() } else { fg_text.clone() };
        let bg_shown = if bg_text.trim().is_empty() { "white".to_owned() } else { bg_text.clone() };
        (fg_text, bg_text) = (bg_shown, fg_shown);
    }

    let parsed = parse(&value);
    let color = parsed.as_ref().ok();
    let conversion = color.map(|c| convert(&value, c));
    let error = parsed.as_ref().err().cloned().map(FieldError::from);

    // The contrast checker defaults to the main colour on white.
    let fg_source = if fg_text.trim().is_empty() { value.as_str() } else { fg_text.as_str() };
    let bg_source = if bg_text.trim().is_empty() { "white" } else { bg_text.as_str() };
    let fg = parse(fg_source);
    let bg = parse(bg_source);
    let fg_error = match (&fg, fg_text.trim().is_empty()) {
        (Err(e), false) => Some(FieldError::from(e.clone())),
        _ => None,
    };
    let bg_error = bg.as_ref().err().cloned().map(FieldError::from);
    let check = match (&fg, &bg) {
        (Ok(fg), Ok(bg)) => Some(contrast(fg, bg)),
        _ => None,
    };
    let fg_hex = fg.as_ref().ok().map(crate::to_hex);
    let bg_hex = bg.as_ref().ok().map(crate::to_hex);

    let invalid = error.is_some() || fg_error.is_some() || bg_error.is_some();
    let status = if invalid { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    let title = match &conversion {
        Some(c) if query.value.is_some() => format!("{} — colour converter", c.css.hex),
        _ => "Colour converter".to_owned(),
    };
    let mut page = Page::new(title)
        .description(
            "Convert any CSS colour between HEX, RGB, HSL, HWB, Lab, LCH, Oklab and Oklch with CSS Color 4 gamut \
             mapping; check WCAG contrast and build palettes.",
        )
        .here("color")
        .tool(META.slug);
    if query.value.is_some() || invalid {
        page = page.noindex();
    }
    let context = PageContext {
        rows: conversion.as_ref().map(rows),
        palettes: color.map(palette_groups),
        nearest_distance: color.map(|c| format::num(crate::nearest_name(c).1, 4)),
        c: conversion,
        value,
        fg_text,
        bg_text,
        error,
        check,
        fg_hex,
        bg_hex,
        fg_error,
        bg_error,
        max_input: crate::MAX_INPUT,
    };
    Ok((status, site.render("color/index.html", &page, context)?))
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
    palettes: Option<Vec<PaletteGroup>>,
    nearest_distance: Option<String>,
    check: Option<Contrast>,
    fg_hex: Option<String>,
    bg_hex: Option<String>,
    fg_error: Option<FieldError>,
    bg_error: Option<FieldError>,
    max_input: usize,
}

#[cfg(test)]
mod tests;
