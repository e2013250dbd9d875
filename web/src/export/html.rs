//! Rewriting one rendered page for a static host: root-relative URLs become relative to the page's own folder,
//! and whatever needs the server is removed or labelled.

/// Where an internal URL goes in the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A page: `/http-status/403` is written to `http-status/403/index.html`.
    Page(String),
    /// A file under `/static/`, or a fixed JSON document such as `/api/openapi.json`, written under the same path.
    Asset(String),
    /// An image the server draws from its query (`/color/swatch.svg?value=…`), saved under a name derived from
    /// the whole URL.
    Generated(String),
    /// Needs the server (an API, a page computed from a query): the link is dropped.
    Server,
}

/// Classifies a root-relative URL (`/…`, no scheme); `None` for anything else (fragments, other sites).
pub fn classify(url: &str, attribute: &str) -> Option<Target> {
    if !url.starts_with('/') || url.starts_with("//") {
        return None;
    }
    let path = url.split('#').next().unwrap_or(url);
    let document =
        path.starts_with("/static/") || path.starts_with("/api/") && path.ends_with(".json");
    Some(if document && !path.contains('?') {
        Target::Asset(path.to_owned())
    } else if path.starts_with("/api/") {
        Target::Server
    } else if path.contains('?') {
        if attribute == "src" { Target::Generated(path.to_owned()) } else { Target::Server }
    } else {
        Target::Page(path.to_owned())
    })
}

/// The file a page path is written to, relative to the export root.
pub fn page_file(path: &str) -> String {
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() { "index.html".to_owned() } else { format!("{trimmed}/index.html") }
}

/// The file an image drawn from a query is saved as: the path's extension after a hash of the whole URL.
pub fn generated_file(url: &str) -> String {
    // FNV-1a: stable across runs and platforms, unlike std's randomly keyed hasher.
    let hash = url.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    let path = url.split('?').next().unwrap_or(url);
    let extension = path.rsplit_once('.').map_or("bin", |(_, extension)| extension);
    format!("static/generated/{hash:016x}.{extension}")
}

/// The file a target is written to, relative to the export root; `None` for [`Target::Server`].
pub fn target_file(target: &Target) -> Option<String> {
    match target {
        Target::Page(path) => Some(page_file(path)),
        Target::Asset(path) => Some(path.trim_start_matches('/').to_owned()),
        Target::Generated(url) => Some(generated_file(url)),
        Target::Server => None,
    }
}

/// Calls `visit` on every `href`, `src` and `action` value (entities decoded) and replaces the value with what it
/// returns: `Some(new)` to rewrite it, `None` to drop the attribute.
pub fn rewrite_urls(html: &str, mut visit: impl FnMut(&str, &str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some((before, attribute, value, after)) = next_attribute(rest) {
        out.push_str(before);
        let decoded = decode(value);
        match visit(attribute, &decoded) {
            Some(new) if new == decoded => {
                out.push_str(&format!(" {attribute}=\"{value}\""));
            }
            Some(new) => out.push_str(&format!(" {attribute}=\"{}\"", encode(&new))),
            None => {}
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The next ` href="…"`, ` src="…"` or ` action="…"`: text before it, the attribute, the raw value, text after.
fn next_attribute(html: &str) -> Option<(&str, &'static str, &str, &str)> {
    let found = ["href", "src", "action"]
        .into_iter()
        .filter_map(|attribute| {
            let needle = format!("{attribute}=\"");
            let mut from = 0;
            // Only whole attribute names: `data-src="` or `xhref="` do not count.
            while let Some(at) = html[from..].find(&needle).map(|at| at + from) {
                if html[..at].ends_with(|c: char| c.is_ascii_whitespace()) {
                    return Some((at, attribute));
                }
                from = at + needle.len();
            }
            None
        })
        .min_by_key(|(at, _)| *at)?;
    let (at, attribute) = found;
    let value_start = at + attribute.len() + 2;
    let value_len = html[value_start..].find('"')?;
    let before = html[..at].trim_end_matches(|c: char| c.is_ascii_whitespace());
    // Keep the whitespace that stood before the attribute out of `before`; the rewrite writes one space back.
    Some((
        before,
        attribute,
        &html[value_start..value_start + value_len],
        &html[value_start + value_len + 1..],
    ))
}

/// Undoes the escaping minijinja applies inside attribute values.
pub fn decode(value: &str) -> String {
    value
        .replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn encode(value: &str) -> String {
    value.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The relative URL from a page written at `from_file` to `to_file` (both relative to the export root).
pub fn relative(from_file: &str, to_file: &str) -> String {
    let depth = from_file.matches('/').count();
    format!("{}{to_file}", "../".repeat(depth))
}

/// Removes the `<script>` elements inside `<body>`: a tool's own script, which calls the API. The site-wide script
/// in `<head>` stays (copy buttons, the status filter).
fn remove_body_scripts(html: &str) -> String {
    let Some(body) = html.find("<body") else { return html.to_owned() };
    let (head, mut rest) = html.split_at(body);
    let mut out = String::from(head);
    while let Some(start) = rest.find("<script") {
        let Some(length) = rest[start..].find("</script>") else { break };
        out.push_str(&rest[..start]);
        rest = &rest[start + length + "</script>".len()..];
    }
    out.push_str(rest);
    out
}

/// Removes the header search box: it asks the server.
pub fn remove_site_search(html: &str) -> String {
    let Some(start) = html.find("<form class=\"site-search\"") else { return html.to_owned() };
    let Some(length) = html[start..].find("</form>") else { return html.to_owned() };
    format!("{}{}", &html[..start], &html[start + length + "</form>".len()..])
}

/// Makes forms that need the server inert, drops the page's own scripts (they would call the API) and says so at
/// the top of `<main>`. A form with a `data-filter` input filters in the browser and keeps working, so it is left
/// alone. Gives the page unchanged when nothing needs the server.
pub fn mark_server_forms(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 400);
    let mut rest = html;
    let mut marked = false;
    while let Some(start) = rest.find("<form ") {
        let end = rest[start..].find("</form>").map_or(rest.len(), |length| start + length);
        let needs_server = !rest[start..end].contains("data-filter");
        out.push_str(&rest[..start]);
        if needs_server {
            out.push_str("<form inert ");
            marked = true;
        } else {
            out.push_str("<form ");
        }
        rest = &rest[start + "<form ".len()..];
    }
    out.push_str(rest);
    if !marked {
        return out;
    }
    let out = remove_body_scripts(&out);
    let notice = "\n<p class=\"panel export-notice\" role=\"note\"><strong>This is a static copy.</strong> \
The reference pages work anywhere, but this tool computes its results on the devtools server: run \
<code>devtools serve</code> (or open your own devtools site) to use it.</p>";
    match out.find("<main id=\"main\" tabindex=\"-1\">") {
        Some(at) => {
            let at = at + "<main id=\"main\" tabindex=\"-1\">".len();
            format!("{}{notice}{}", &out[..at], &out[at..])
        }
        None => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_urls() {
        assert_eq!(
            classify("/http-status/403", "href"),
            Some(Target::Page("/http-status/403".into()))
        );
        assert_eq!(classify("/#top", "href"), Some(Target::Page("/".into())));
        assert_eq!(
            classify("/static/a.1.css", "href"),
            Some(Target::Asset("/static/a.1.css".into()))
        );
        assert_eq!(classify("/api/cron", "href"), Some(Target::Server));
        let openapi = Some(Target::Asset("/api/openapi.json".into()));
        assert_eq!(classify("/api/openapi.json", "href"), openapi);
        assert_eq!(classify("/cron?expr=1", "href"), Some(Target::Server));
        assert_eq!(classify("/c/s.svg?v=1", "src"), Some(Target::Generated("/c/s.svg?v=1".into())));
        assert_eq!(classify("#main", "href"), None);
        assert_eq!(classify("https://www.rfc-editor.org/", "href"), None);
        assert_eq!(classify("//example.com/", "href"), None);
    }

    #[test]
    fn page_files_and_relative_urls() {
        assert_eq!(page_file("/"), "index.html");
        assert_eq!(page_file("/http-status/403"), "http-status/403/index.html");
        assert_eq!(relative("http-status/403/index.html", "static/a.css"), "../../static/a.css");
        assert_eq!(relative("index.html", "cron/index.html"), "cron/index.html");
        assert!(generated_file("/color/swatch.svg?value=%23f00").ends_with(".svg"));
        assert_ne!(generated_file("/s.svg?v=1"), generated_file("/s.svg?v=2"));
    }

    #[test]
    fn rewrites_escaped_values_and_drops_some() {
        let html = r#"<a class="x" href="&#x2f;cron">c</a><a
  href="/api/x">j</a><img data-src="/keep" src="/s.svg?a=1&amp;b=2">"#;
        let out = rewrite_urls(html, |attribute, url| match url {
            "/cron" => Some("cron/index.html".into()),
            "/api/x" => None,
            _ => Some(format!("{attribute}:{url}")),
        });
        assert_eq!(
            out,
            r#"<a class="x" href="cron/index.html">c</a><a>j</a><img data-src="/keep" src="src:/s.svg?a=1&amp;b=2">"#
        );
    }

    #[test]
    fn marks_only_forms_that_need_the_server() {
        let page = r#"<head><script src="/a.js"></script></head><body><main id="main" tabindex="-1"><form action="/x"><input data-filter></form><form method="post"></form></main><script src="/t.js" defer></script></body>"#;
        let out = mark_server_forms(page);
        assert!(out.contains(r#"<head><script src="/a.js"></script></head>"#), "{out}");
        assert!(out.ends_with("</main></body>"), "{out}");
        assert!(out.contains(r#"<form action="/x"><input data-filter>"#), "{out}");
        assert!(out.contains(r#"<form inert method="post">"#), "{out}");
        assert!(
            out.contains(
                r#"tabindex="-1">
<p class="panel export-notice" role="note">"#
            ),
            "{out}"
        );
        let filter_only =
            r#"<main id="main" tabindex="-1"><form><input data-filter></form></main>"#;
        assert_eq!(mark_server_forms(filter_only), filter_only);
    }

    #[test]
    fn removes_the_header_search() {
        let out =
            remove_site_search(r#"a<form class="site-search" action="/search"><ul></ul></form>b"#);
        assert_eq!(out, "ab");
    }
}
