//! The hostile-input corpus and the list of every input of every tool, shared by `hostile_http.rs` (plain HTTP
//! against the real binary) and `hostile_browser.rs` (the same inputs in headless Chromium).
//!
//! The inputs come from reading each tool's `src/web.rs` (query structs, form structs, JSON bodies, path
//! parameters), its templates (every `name=` of every form) and its script (what it fetches and posts).

#![allow(dead_code)]

/// One hostile string, as raw bytes (some are not valid UTF-8) and as a JSON string literal (some use escapes
/// that no Rust `String` can hold, such as a lone surrogate).
#[derive(Debug, Clone)]
pub struct Payload {
    /// A short name for failure messages.
    pub name: &'static str,
    /// The bytes sent in a query string or form body (percent-encoded by [`encode`]).
    pub bytes: Vec<u8>,
    /// The JSON string literal sent in a JSON body, quotes included.
    pub json: String,
}

impl Payload {
    fn text(name: &'static str, text: &str) -> Payload {
        Payload {
            name,
            bytes: text.as_bytes().to_vec(),
            json: serde_json::to_string(text).expect("string to JSON"),
        }
    }

    /// The payload as text, invalid UTF-8 replaced (what a browser would type or submit).
    pub fn lossy(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// Whether the payload is one of the huge ones (too big for a request line).
    pub fn is_huge(&self) -> bool {
        self.bytes.len() > 32 * 1024
    }
}

/// The global a payload sets if it ever runs.
pub const PWNED: &str = "__pwned";

/// A payload that `<script>` tags, event handlers and `javascript:` URLs would run.
pub const SCRIPT: &str = "<script>window.__pwned=1</script>";

/// Template syntax: `zz{{7*7}}zz` rendered by any template engine would read `zz49zz`.
pub const TEMPLATE: &str = "zz{{7*7}}zz";

/// Strings that must never appear in an HTML response, whatever was sent: each is what a payload looks like
/// when it was reflected unescaped, or evaluated by a template engine.
pub const NEVER_IN_HTML: &[&str] = &[
    "<script>window.__pwned",
    "<svg onload",
    "<img src=x onerror",
    "<iframe src=javascript",
    "</textarea><script",
    "</title><script",
    "href=\"javascript:",
    "src=\"javascript:",
    "action=\"javascript:",
    "zz49zz",
    "zzxxzz",
    "zz7777777zz",
];

/// The corpus: every kind of hostile string the issue names, and a few more.
pub fn corpus() -> Vec<Payload> {
    let mut corpus = vec![
        Payload::text("script tag", SCRIPT),
        Payload::text("double-quoted attribute breakout", "\"><svg onload=\"window.__pwned=1\">"),
        Payload::text(
            "single-quoted attribute breakout",
            "'><img src=x onerror=\"window.__pwned=1\">",
        ),
        Payload::text("unquoted attribute breakout", "x onfocus=window.__pwned=1 autofocus x="),
        Payload::text("textarea breakout", "</textarea><script>window.__pwned=1</script>"),
        Payload::text("title breakout", "</title><script>window.__pwned=1</script>"),
        Payload::text("iframe", "<iframe src=javascript:window.__pwned=1></iframe>"),
        Payload::text("javascript URL", "javascript:window.__pwned=1//"),
        Payload::text("data URL", "data:text/html,<script>window.__pwned=1</script>"),
        Payload::text("jinja expression", TEMPLATE),
        Payload::text("jinja statement", "zz{% for i in range(2) %}x{% endfor %}zz"),
        Payload::text("jinja string repeat", "zz{{ '7' * 7 }}zz"),
        Payload::text("dollar template", "zz${7*7}zz"),
        Payload::text("hash and erb templates", "zz#{7*7}zz <%= 7*7 %>"),
        Payload::text(
            "CRLF header injection",
            "x\r\nSet-Cookie: pwned=1\r\nX-Injected: 1\r\n\r\n<script>window.__pwned=1</script>",
        ),
        Payload::text("NUL", "a\0b\0<script>window.__pwned=1</script>"),
        Payload::text(
            "right-to-left override",
            "\u{202e}txt.exe\u{202d} \u{2066}<b>\u{2069} \u{200b}\u{feff}",
        ),
        Payload::text("combining marks", &format!("e{}", "\u{301}".repeat(2000))),
        Payload::text("emoji and astral", "🦀👩‍👩‍👧‍👦 𝕏 \u{10ffff}"),
        Payload::text("deep JSON text", &"[".repeat(100_000)),
        Payload::text(
            "JSON-looking object",
            "{\"__proto__\": {\"polluted\": 1}, \"alg\": \"none\"}",
        ),
        Payload::text("regex bomb", "(a+)+$"),
        Payload::text("percent soup", "%00%ff%zz%%25"),
        Payload::text("long mixed", &"<b>&amp;\"'x".repeat(4_000)),
        Payload::text("1 MiB", &"a".repeat(1024 * 1024)),
        Payload::text("1 MiB of tags", &SCRIPT.repeat(1024 * 1024 / SCRIPT.len() + 1)),
    ];
    // A lone surrogate: as invalid UTF-8 bytes in a query or form, and as a `\ud800` escape in JSON.
    corpus.push(Payload {
        name: "lone surrogate",
        bytes: b"a\xed\xa0\x80b".to_vec(),
        json: "\"a\\ud800b\"".to_owned(),
    });
    corpus.push(Payload {
        name: "invalid UTF-8",
        bytes: b"\xff\xfe<script>window.__pwned=1</script>\xc0\xaf".to_vec(),
        json: "\"\\udc00\\ud800<script>window.__pwned=1</script>\"".to_owned(),
    });
    corpus
}

/// How an input reaches the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A query parameter of a GET request.
    Query,
    /// A field of an `application/x-www-form-urlencoded` POST body.
    Form,
    /// A string member of a JSON POST body.
    Json,
    /// A path segment appended to the path.
    Path,
}

/// One input of one tool.
#[derive(Debug, Clone, Copy)]
pub struct Input {
    /// The path the request goes to (for [`Via::Path`], the prefix the segment is appended to).
    pub path: &'static str,
    /// How the input is sent.
    pub via: Via,
    /// The parameter, form field or JSON member (a JSON pointer-ish dotted path for nested members).
    pub field: &'static str,
    /// Other parameters sent with it, already encoded (`a=1&b=2`); for JSON, other members as JSON text
    /// without braces (`"text": "x"`).
    pub with: &'static str,
    /// Whether the page shows this input back (so its escaped form must appear in the HTML).
    pub echoed: bool,
}

const fn input(
    path: &'static str,
    via: Via,
    field: &'static str,
    with: &'static str,
    echoed: bool,
) -> Input {
    Input { path, via, field, with, echoed }
}

/// Every input of every tool, and of the site itself.
pub fn inputs() -> Vec<Input> {
    use Via::*;
    vec![
        // The site: search page and API.
        input("/search", Query, "q", "", true),
        input("/api/search", Query, "q", "", false),
        // HTTP status reference.
        input("/http-status", Query, "q", "", true),
        input("/http-status/", Path, "", "", false),
        input("/api/http-status/", Path, "", "", false),
        // Cron: the page, the builder form (GET), the API.
        input("/cron", Query, "expr", "", true),
        input("/cron", Query, "tz", "expr=*%2F5+*+*+*+*", false),
        input("/cron", Query, "count", "expr=*%2F5+*+*+*+*", false),
        input("/cron", Query, "minute_raw", "build=1&minute_mode=custom&tz=UTC&count=5", false),
        input("/cron", Query, "hour_mode", "build=1&tz=UTC&count=5", false),
        input("/cron", Query, "dow_values", "build=1&dow_mode=values&tz=UTC", false),
        input("/cron", Query, "month_step", "build=1&month_mode=step&tz=UTC", false),
        input("/cron", Query, "dom_from", "build=1&dom_mode=range&dom_to=5&tz=UTC", false),
        input("/cron", Query, "second_raw", "build=1&tz=UTC", false),
        input("/cron", Query, "year_raw", "build=1&tz=UTC", false),
        input("/cron", Query, "expr", "fragment=1", false),
        input("/cron", Query, "tz", "expr=*+*+*+*+*&fragment=1", false),
        input("/api/cron", Query, "expr", "", false),
        input("/api/cron", Query, "tz", "expr=*+*+*+*+*", false),
        input("/api/cron", Query, "count", "expr=*+*+*+*+*", false),
        input("/api/cron", Query, "from", "expr=*+*+*+*+*", false),
        // JWT: the page form (decode, sign, edit, example, fragments) and both APIs.
        input("/jwt", Form, "token", "key=secret", true),
        input("/jwt", Form, "key", "token=eyJhbGciOiJIUzI1NiJ9.e30.x", false),
        input("/jwt", Form, "key_encoding", "token=eyJhbGciOiJIUzI1NiJ9.e30.x&key=c2VjcmV0", false),
        input("/jwt", Form, "leeway", "token=eyJhbGciOiJIUzI1NiJ9.e30.x", false),
        input("/jwt", Form, "iss", "token=eyJhbGciOiJIUzI1NiJ9.e30.x", false),
        input("/jwt", Form, "aud", "token=eyJhbGciOiJIUzI1NiJ9.e30.x", false),
        input(
            "/jwt",
            Form,
            "sign_header",
            "intent=sign&sign_payload=%7B%7D&sign_key=secret",
            false,
        ),
        input(
            "/jwt",
            Form,
            "sign_payload",
            "intent=sign&sign_header=%7B%22alg%22%3A%22HS256%22%7D&sign_key=secret",
            false,
        ),
        input(
            "/jwt",
            Form,
            "sign_key",
            "intent=sign&sign_header=%7B%22alg%22%3A%22RS256%22%7D&sign_payload=%7B%7D",
            false,
        ),
        input(
            "/jwt",
            Form,
            "sign_key_encoding",
            "intent=sign&sign_header=%7B%22alg%22%3A%22HS256%22%7D&sign_payload=%7B%7D&sign_key=c2VjcmV0",
            false,
        ),
        input("/jwt", Form, "intent", "token=eyJhbGciOiJIUzI1NiJ9.e30.x", false),
        input("/jwt", Form, "token", "intent=edit&key=secret", false),
        input("/jwt", Form, "token", "fragment=1", false),
        input(
            "/jwt",
            Form,
            "sign_payload",
            "intent=decode_signed&sign_header=%7B%22alg%22%3A%22HS256%22%7D&sign_key=secret&fragment=1",
            false,
        ),
        input("/api/jwt/decode", Json, "token", "", false),
        input("/api/jwt/decode", Json, "key", "\"token\": \"eyJhbGciOiJIUzI1NiJ9.e30.x\"", false),
        input(
            "/api/jwt/decode",
            Json,
            "key_encoding",
            "\"token\": \"eyJhbGciOiJIUzI1NiJ9.e30.x\", \"key\": \"c2VjcmV0\"",
            false,
        ),
        input("/api/jwt/decode", Json, "iss", "\"token\": \"eyJhbGciOiJIUzI1NiJ9.e30.x\"", false),
        input("/api/jwt/decode", Json, "aud", "\"token\": \"eyJhbGciOiJIUzI1NiJ9.e30.x\"", false),
        input(
            "/api/jwt/encode",
            Json,
            "key",
            "\"header\": {\"alg\": \"HS256\"}, \"payload\": {}",
            false,
        ),
        input("/api/jwt/encode", Json, "header.alg", "\"payload\": {}, \"key\": \"secret\"", false),
        input("/api/jwt/encode", Json, "header.kid", "\"payload\": {}, \"key\": \"secret\"", false),
        input(
            "/api/jwt/encode",
            Json,
            "payload.name",
            "\"header\": {\"alg\": \"HS256\"}, \"key\": \"secret\"",
            false,
        ),
        input(
            "/api/jwt/encode",
            Json,
            "key_encoding",
            "\"header\": {\"alg\": \"HS256\"}, \"payload\": {}, \"key\": \"secret\"",
            false,
        ),
        // Regex: the page (GET and POST, page and fragment) and the API.
        input("/regex", Query, "pattern", "text=abc", true),
        input("/regex", Query, "text", "pattern=a", true),
        input("/regex", Query, "replace", "pattern=a&text=abc", false),
        input("/regex", Query, "flags", "pattern=a&text=abc", false),
        input("/regex", Query, "flavor", "pattern=a&text=abc", false),
        input("/regex", Form, "pattern", "text=abc", true),
        input("/regex", Form, "text", "pattern=.", true),
        input("/regex", Form, "replace", "pattern=.&text=abc", false),
        input("/regex", Form, "flags", "pattern=a&text=abc", false),
        input("/regex", Form, "flavor", "pattern=a&text=abc", false),
        input("/regex", Form, "pattern", "text=abc&fragment=1", false),
        input("/regex", Form, "text", "pattern=%5Cw%2B&flavor=fancy&fragment=1", false),
        input("/regex", Form, "fragment", "pattern=a&text=abc", false),
        input("/api/regex", Json, "pattern", "\"text\": \"abc\"", false),
        input("/api/regex", Json, "text", "\"pattern\": \"\\\\w+\"", false),
        input("/api/regex", Json, "flags", "\"pattern\": \"a\"", false),
        input("/api/regex", Json, "flavor", "\"pattern\": \"a\"", false),
        input("/api/regex", Json, "replace", "\"pattern\": \"(a)\", \"text\": \"abc\"", false),
        input("/api/regex", Json, "pattern", "\"text\": \"abc\", \"flavor\": \"fancy\"", false),
        // Colour: the page, the script's fragments, the images and the APIs.
        input("/color", Query, "value", "", true),
        input("/color", Query, "picker", "value=red&from=red", false),
        input("/color", Query, "from", "value=red&picker=%23ff0000", false),
        input("/color", Query, "fg", "bg=white", true),
        input("/color", Query, "bg", "fg=black", true),
        input("/color", Query, "swap", "fg=black&bg=white", false),
        input("/color", Query, "value", "fragment=1", false),
        input("/color", Query, "fg", "bg=white&fragment=1&part=contrast", false),
        input("/color/swatch.svg", Query, "value", "", false),
        input("/color/sample.svg", Query, "fg", "bg=white", false),
        input("/color/sample.svg", Query, "bg", "fg=black", false),
        input("/api/color", Query, "value", "", false),
        input("/api/color/contrast", Query, "fg", "bg=white", false),
        input("/api/color/contrast", Query, "bg", "fg=black", false),
        input("/api/color/palettes", Query, "value", "", false),
        // Paths that match no route.
        input("/", Path, "", "", false),
        input("/api/", Path, "", "", false),
        input("/static/", Path, "", "", false),
    ]
}

/// Percent-encodes every byte outside the unreserved set (RFC 3986), as a form or query value.
pub fn encode(bytes: &[u8]) -> String {
    percent_encoding::percent_encode(bytes, UNRESERVED).to_string()
}

/// Everything but RFC 3986's unreserved characters is percent-encoded, so every payload byte reaches the server
/// as itself.
const UNRESERVED: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The query string or form body that sends `payload` as `input`.
pub fn form_body(input: &Input, payload: &Payload) -> String {
    let value = format!("{}={}", input.field, encode(&payload.bytes));
    if input.with.is_empty() { value } else { format!("{}&{value}", input.with) }
}

/// The JSON body that sends `payload` as `input` (a dotted field nests one level: `header.alg`).
pub fn json_body(input: &Input, payload: &Payload) -> String {
    let member = match input.field.split_once('.') {
        Some((outer, inner)) => format!("\"{outer}\": {{\"{inner}\": {}}}", payload.json),
        None => format!("\"{}\": {}", input.field, payload.json),
    };
    if input.with.is_empty() {
        format!("{{{member}}}")
    } else {
        format!("{{{}, {member}}}", input.with)
    }
}
