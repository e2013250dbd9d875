//! Rewriting one rendered page for a static host with `lol_html`, Cloudflare's streaming HTML rewriter: every
//! `href`, `src` and `action` goes through the caller's visitor, and the layout's own markers say what a static copy
//! leaves out (`data-static="drop"`: the header search) and where it says so (`data-static="notice"`: `<main>`).
//! Nothing here matches the text of a template, so the layout may change its markup freely.
//!
//! A page whose forms need the server gets those forms made `inert`, loses the scripts in its `<body>` (the tool's
//! own, which call the API; the site-wide script in `<head>` stays for copy buttons and the status filter), and
//! gets the notice. A form with a `data-filter` field filters in the browser and keeps working, followed by a
//! `<noscript>` saying that without JavaScript it cannot filter.

use lol_html::errors::RewritingError;
use lol_html::html_content::{ContentType, Element};
use lol_html::{HandlerResult, RewriteStrSettings, element, rewrite_str};
use std::cell::{Cell, RefCell};

/// Elements a static copy leaves out, with everything inside them: they need the server.
const DROP: &str = r#"[data-static="drop"]"#;
/// The element that the notice opens when the page has forms that need the server.
const NOTICE: &str = r#"[data-static="notice"]"#;
/// The attributes that hold URLs, in the order they are visited on one element.
const URL_ATTRIBUTES: [&str; 4] = ["href", "src", "action", "formaction"];

/// What a page whose tool computes on the server says at the start of its notice element.
pub const NOTICE_HTML: &str = "\n<p class=\"panel export-notice\" role=\"note\"><strong>This is a static copy.</strong> \
The reference pages work anywhere, but this tool computes its results on the devtools server: run \
<code>devtools serve</code> (or open your own devtools site) to use it.</p>";

/// Said after a form that filters in the browser: a static copy has no server to filter for its submit, so
/// without JavaScript the form would reload the page unfiltered, silently.
pub const FILTER_NOSCRIPT_HTML: &str = "<noscript><p class=\"muted export-notice\" role=\"note\">This static copy \
filters as you type, which needs JavaScript; without it, Filter shows everything. Run <code>devtools serve</code> \
to filter on the server.</p></noscript>";

/// Why a page could not be rewritten.
#[derive(Debug)]
pub enum RewriteError {
    /// The rewriter failed (it does not on well-formed pages; the error says why).
    Html(RewritingError),
    /// The page has forms that need the server but no element marked `data-static="notice"` to say so: the layout
    /// lost its marker, and a silent export would hide that its forms do nothing.
    NoNoticeMarker,
}

impl std::fmt::Display for RewriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RewriteError::Html(error) => write!(f, "cannot rewrite the HTML: {error}"),
            RewriteError::NoNoticeMarker => f.write_str(
                "it has forms that need the server but no element marked data-static=\"notice\" to say so",
            ),
        }
    }
}

impl From<RewritingError> for RewriteError {
    fn from(error: RewritingError) -> Self {
        RewriteError::Html(error)
    }
}

/// Rewrites one page for the static copy. `visit(attribute, url)` sees every `href`, `src`, `action` and
/// `formaction` (a submit button's own action) value
/// that stays in the page (entities decoded) and returns `Some(new)` to write `new` instead, or `None` to drop the
/// attribute. URLs inside dropped elements and removed scripts are never visited, so what they point to is not
/// exported.
pub fn rewrite_page(
    html: &str,
    mut visit: impl FnMut(&str, &str) -> Option<String>,
) -> Result<String, RewriteError> {
    // Three passes: whether a form needs the server is known only at its end, after the notice's place (the start
    // of `<main>`) has gone by; and a dropped element's forms must not count. Pages are a few kilobytes.
    let html = rewrite_str(
        html,
        RewriteStrSettings::new().append_element_content_handler(element!(DROP, |dropped| {
            dropped.remove();
            Ok(())
        })),
    )?;
    let in_browser = forms_that_work_in_the_browser(&html)?;
    let needs_server = in_browser.contains(&false);
    let next_form = Cell::new(0);
    let notices = Cell::new(0);
    let page = rewrite_str(
        &html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("form", |form| {
                let index = next_form.replace(next_form.get() + 1);
                if in_browser.get(index).copied().unwrap_or(true) {
                    form.after(FILTER_NOSCRIPT_HTML, ContentType::Html);
                } else {
                    form.set_attribute("inert", "")?;
                }
                Ok(())
            }))
            .append_element_content_handler(element!(NOTICE, |notice| {
                if needs_server {
                    notice.prepend(NOTICE_HTML, ContentType::Html);
                    notices.set(notices.get() + 1);
                }
                Ok(())
            }))
            .append_element_content_handler(element!("body script", |script| {
                if needs_server {
                    script.remove();
                }
                Ok(())
            }))
            // Last, so it sees the scripts removed above and leaves them alone.
            .append_element_content_handler(element!("*", |element| rewrite_urls(
                element, &mut visit
            ))),
    )?;
    if needs_server && notices.get() == 0 {
        return Err(RewriteError::NoNoticeMarker);
    }
    Ok(page)
}

/// For each form in document order: whether it works without the server (it has a `data-filter` field).
fn forms_that_work_in_the_browser(html: &str) -> Result<Vec<bool>, RewritingError> {
    let forms = RefCell::new(Vec::new());
    rewrite_str(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("form", |_| {
                forms.borrow_mut().push(false);
                Ok(())
            }))
            .append_element_content_handler(element!("form [data-filter]", |_| {
                if let Some(form) = forms.borrow_mut().last_mut() {
                    *form = true;
                }
                Ok(())
            })),
    )?;
    Ok(forms.into_inner())
}

fn rewrite_urls(
    element: &mut Element<'_, '_>,
    visit: &mut impl FnMut(&str, &str) -> Option<String>,
) -> HandlerResult {
    if element.removed() {
        return Ok(());
    }
    for attribute in URL_ATTRIBUTES {
        // lol_html gives and takes attribute values as written, entities and all.
        let Some(raw) = element.get_attribute(attribute) else { continue };
        let url = html_escape::decode_html_entities(&raw);
        match visit(attribute, &url) {
            Some(new) if new == url => {}
            Some(new) => {
                element
                    .set_attribute(attribute, &html_escape::encode_double_quoted_attribute(&new))?;
            }
            None => element.remove_attribute(attribute),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(html: &str) -> String {
        rewrite_page(html, |_, url| Some(url.to_owned())).unwrap()
    }

    #[test]
    fn rewrites_escaped_values_and_drops_some() {
        let html = r#"<a class="x" href="&#x2f;cron">c</a><a
  href="/api/x">j</a><img data-src="/keep" src="/s.svg?a=1&amp;b=2"><a href=/bare>b</a><button formaction="/jwt#signed">s</button>"#;
        let mut seen = Vec::new();
        let out = rewrite_page(html, |attribute, url| {
            seen.push(format!("{attribute} {url}"));
            match url {
                "/cron" => Some("cron/index.html".into()),
                "/api/x" => None,
                "/bare" => Some(url.to_owned()),
                "/jwt#signed" => None,
                _ => Some(format!("{attribute}:{url}\"")),
            }
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                "href /cron",
                "href /api/x",
                "src /s.svg?a=1&b=2",
                "href /bare",
                "formaction /jwt#signed"
            ]
        );
        assert_eq!(
            out,
            r#"<a class="x" href="cron/index.html">c</a><a>j</a><img data-src="/keep" src="src:/s.svg?a=1&amp;b=2&quot;"><a href=/bare>b</a><button>s</button>"#
        );
    }

    #[test]
    fn marks_only_forms_that_need_the_server() {
        let page = r#"<head><script src="/a.js"></script></head><body><main id="main" data-static="notice"><form action="/x"><input data-filter></form><form method="post"></form></main><script src="/t.js" defer></script></body>"#;
        let mut seen = Vec::new();
        let out = rewrite_page(page, |_, url| {
            seen.push(url.to_owned());
            Some(url.to_owned())
        })
        .unwrap();
        assert_eq!(seen, ["/a.js", "/x"], "the removed script's file is not exported");
        assert!(out.contains(r#"<head><script src="/a.js"></script></head>"#), "{out}");
        assert!(out.ends_with("</main></body>"), "{out}");
        assert!(out.contains(r#"<form action="/x"><input data-filter></form><noscript>"#), "{out}");
        assert!(out.contains(r#"<form method="post" inert="">"#), "{out}");
        assert!(out.contains(&format!(r#"data-static="notice">{NOTICE_HTML}<form"#)), "{out}");

        // A filter works in the browser: no notice and no inert form, but it says it needs JavaScript.
        let filter_only = r#"<main data-static="notice"><form><input data-filter></form></main><script src="/t.js"></script>"#;
        assert_eq!(
            keep(filter_only),
            filter_only.replace("</form>", &format!("</form>{FILTER_NOSCRIPT_HTML}"))
        );
    }

    /// The old exporter found `<main id="main" tabindex="-1">` by its text: with one attribute more or less the
    /// notice silently disappeared. The marker is all that counts now.
    #[test]
    fn the_notice_follows_the_marker_whatever_else_the_element_carries() {
        for main in [
            r#"<main data-static="notice">"#,
            r#"<main class="wide"
    data-static=notice id="content">"#,
            r#"<div role="main" data-static='notice' tabindex="0">"#,
        ] {
            let close = if main.starts_with("<main") { "</main>" } else { "</div>" };
            let page = format!("<body>{main}<h1>t</h1><form method=\"post\"></form>{close}</body>");
            let out = keep(&page);
            assert!(out.contains(&format!("{main}{NOTICE_HTML}<h1>")), "{out}");
        }
        let lost = "<body><main id=\"main\"><form method=\"post\"></form></main></body>";
        assert!(matches!(
            rewrite_page(lost, |_, url| Some(url.to_owned())),
            Err(RewriteError::NoNoticeMarker)
        ));
    }

    #[test]
    fn drops_marked_elements_with_their_contents_and_links() {
        let page = r#"<header>a<form class="x" action="/search" data-static="drop"><a href="/inside">i</a><input></form>b</header><main data-static="notice"></main>"#;
        let mut seen = Vec::new();
        let out = rewrite_page(page, |_, url| {
            seen.push(url.to_owned());
            Some(url.to_owned())
        })
        .unwrap();
        assert_eq!(out, r#"<header>ab</header><main data-static="notice"></main>"#);
        assert!(seen.is_empty(), "{seen:?}");
    }
}
