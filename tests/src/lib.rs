//! End-to-end test harness: starts the real `devtools` binary on a free port and drives it over HTTP or with
//! headless Chromium.
//!
//! ```no_run
//! # async fn demo() {
//! let server = devtools_e2e::Server::start();
//! assert_eq!(server.get("/healthz").status, 200);
//! let browser = devtools_e2e::Browser::launch().await;
//! let tab = browser.open(&server.url("/http-status")).await;
//! tab.type_into("#status-filter", "teapot").await;
//! tab.wait_for("document.querySelectorAll('[data-filter-text]:not([hidden])').length === 1").await;
//! tab.assert_clean().await;
//! # }
//! ```

use chromiumoxide::browser::{Browser as Chromium, BrowserConfig};
use chromiumoxide::cdp::browser_protocol::emulation::{
    MediaFeature, SetDeviceMetricsOverrideParams, SetEmulatedMediaParams,
};
use chromiumoxide::cdp::browser_protocol::input::{DispatchKeyEventParams, DispatchKeyEventType};
use chromiumoxide::cdp::browser_protocol::log::EventEntryAdded;
use chromiumoxide::cdp::js_protocol::runtime::EvaluateParams;
use chromiumoxide::cdp::js_protocol::runtime::EventExceptionThrown;
use futures::StreamExt;
use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The `devtools` binary of the profile these tests were built with (`target/<profile>/devtools`).
///
/// It is (re)built here once per test process, so a test never runs against a stale binary; when it is up to date
/// that costs a fraction of a second. Set `DEVTOOLS_BIN` to test another binary (a release build, say).
pub fn binary() -> PathBuf {
    static BUILT: std::sync::Once = std::sync::Once::new();
    let exe = std::env::current_exe().expect("test executable path");
    // target/<profile>/deps/<test> -> target/<profile>/devtools
    let dir = exe.parent().and_then(|deps| deps.parent()).expect("target dir").to_path_buf();
    let binary = dir.join(format!("devtools{}", std::env::consts::EXE_SUFFIX));
    if let Some(path) = std::env::var_os("DEVTOOLS_BIN") {
        return PathBuf::from(path);
    }
    BUILT.call_once(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let mut command = Command::new(cargo);
        command.args(["build", "-p", "devtools-web", "--bin", "devtools"]);
        if dir.file_name().is_some_and(|name| name == "release") {
            command.arg("--release");
        }
        let status = command.status().expect("run cargo build");
        assert!(status.success(), "building the devtools binary failed");
    });
    binary
}

/// The [`binary`] as a command that inherits no `DEVTOOLS_*` variable: the binary reads its settings from them
/// (`DEVTOOLS_ADDR`, `DEVTOOLS_BASE_PATH`, ...), so a developer's environment would change what the tests see.
/// Every test that runs the binary starts from here.
pub fn devtools() -> Command {
    let mut command = Command::new(binary());
    remove_devtools_variables(&mut command, std::env::vars_os().map(|(name, _)| name));
    command
}

/// Removes from `command`'s environment each of `names` that starts with `DEVTOOLS_`. Names, not
/// `std::env::vars()`, which panics on a variable that is not Unicode.
fn remove_devtools_variables(command: &mut Command, names: impl IntoIterator<Item = OsString>) {
    for name in names {
        if name.to_str().is_some_and(|name| name.starts_with("DEVTOOLS_")) {
            command.env_remove(name);
        }
    }
}

/// A running `devtools serve` process, killed when dropped.
#[derive(Debug)]
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    agent: ureq::Agent,
}

impl Server {
    /// Starts the binary on a free port and waits until it prints the address it listens on.
    pub fn start() -> Server {
        Self::start_with(&[])
    }

    /// Like [`Server::start`], with extra command-line arguments after `serve --addr 127.0.0.1:0`.
    pub fn start_with(extra: &[&str]) -> Server {
        let mut child = devtools()
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(extra)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start devtools");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).expect("read the listening line");
        // The banner gives the site's URL, with its base path when it has one (`http://127.0.0.1:PORT/tools/`).
        let site = line
            .trim()
            .strip_prefix("devtools listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
        let addr = site.trim_start_matches("http://").split('/').next().unwrap_or_default();
        let (base, addr) = (format!("http://{addr}"), addr.to_owned());
        Server { child, base, addr, agent: agent() }
    }

    /// The absolute URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The process id, to send signals.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits for the process to exit and returns its exit code.
    pub fn wait(mut self) -> Option<i32> {
        let status = self.child.wait().expect("wait for devtools");
        status.code()
    }

    /// Waits at most `bound` for the process to exit: its exit status, or `None` if it is still running (it is
    /// then killed when the `Server` is dropped).
    pub fn wait_within(&mut self, bound: Duration) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + bound;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll devtools") {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `GET path`.
    pub fn get(&self, path: &str) -> HttpResponse {
        self.request("GET", path, &[], b"")
    }

    /// `POST path` with a JSON body.
    pub fn post_json(&self, path: &str, body: &serde_json::Value) -> HttpResponse {
        self.request(
            "POST",
            path,
            &[("Content-Type", "application/json")],
            body.to_string().as_bytes(),
        )
    }

    /// `POST path` with a form body (already encoded).
    pub fn post_form(&self, path: &str, body: &str) -> HttpResponse {
        self.request(
            "POST",
            path,
            &[("Content-Type", "application/x-www-form-urlencoded")],
            body.as_bytes(),
        )
    }

    /// Any request, over a fresh HTTP/1.1 connection (`Connection: close`), read to the end. Every status is an
    /// answer (a 4xx is what many tests expect) and redirects are not followed.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> HttpResponse {
        let mut request = ureq::http::Request::builder()
            .method(method)
            .uri(self.url(path))
            .header("Connection", "close");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(body).unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let mut response =
            self.agent.run(request).unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned())
            })
            .collect();
        let body = response
            .body_mut()
            .with_config()
            .limit(u64::MAX)
            .read_to_vec()
            .unwrap_or_else(|e| panic!("{method} {path}: reading the body: {e}"));
        HttpResponse { status, headers, body: String::from_utf8_lossy(&body).into_owned() }
    }
}

/// The client behind [`Server::request`]: one connection per request, as the connection-counting tests need (no
/// idle connection kept to hold a place), no redirects followed, no status turned into an error, and no
/// compression asked for, so a body reads as the server wrote it.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .max_idle_connections(0)
        .max_idle_connections_per_host(0)
        .allow_non_standard_methods(true)
        .timeout_per_read(Some(Duration::from_secs(30)))
        .build()
        .new_agent()
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A parsed HTTP/1.1 response.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Headers, names lowercased, in order.
    pub headers: Vec<(String, String)>,
    /// Body, decoded from chunked transfer coding if needed, as text.
    pub body: String,
}

impl HttpResponse {
    /// Parses a response as read off the wire (for tests that write requests by hand, malformed ones included);
    /// `None` without a complete, well-formed head. A chunked body is decoded; one cut short gives what arrived.
    pub fn from_raw(raw: &[u8]) -> Option<HttpResponse> {
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut response = httparse::Response::new(&mut headers);
        let httparse::Status::Complete(head) = response.parse(raw).ok()? else { return None };
        let status = response.code?;
        let headers: Vec<(String, String)> = response
            .headers
            .iter()
            .map(|header| {
                let value = String::from_utf8_lossy(header.value).trim().to_owned();
                (header.name.to_ascii_lowercase(), value)
            })
            .collect();
        let chunked = headers.iter().any(|(name, value)| {
            name == "transfer-encoding" && value.to_ascii_lowercase().contains("chunked")
        });
        let body = if chunked { dechunk(&raw[head..]) } else { raw[head..].to_vec() };
        Some(HttpResponse { status, headers, body: String::from_utf8_lossy(&body).into_owned() })
    }

    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// A chunked body's data. httparse reads each chunk's size line (hex, extensions, overflow); the data after it is
/// copied up to the last chunk, or as far as it arrived. Trailers are ignored.
fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Ok(httparse::Status::Complete((start, size))) = httparse::parse_chunk_size(body) {
        let Ok(size) = usize::try_from(size) else { break };
        if size == 0 {
            break;
        }
        let rest = &body[start..];
        let data = &rest[..size.min(rest.len())];
        out.extend_from_slice(data);
        let after = &rest[data.len()..];
        body = after.strip_prefix(b"\r\n").unwrap_or(after);
        if data.len() < size {
            break;
        }
    }
    out
}

/// Headless Chromium, closed when dropped.
#[derive(Debug)]
pub struct Browser {
    browser: Chromium,
    handler: tokio::task::JoinHandle<()>,
    profile: PathBuf,
}

/// Where Debian's package puts Chromium; override with `CHROMIUM`.
fn chromium_path() -> PathBuf {
    std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

impl Browser {
    /// Launches headless Chromium with a fresh profile and no background networking (this machine has none).
    pub async fn launch() -> Browser {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let profile = std::env::temp_dir().join(format!(
            "devtools-chromium-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::SeqCst)
        ));
        let config = BrowserConfig::builder()
            .chrome_executable(chromium_path())
            .no_sandbox()
            .new_headless_mode()
            .user_data_dir(&profile)
            .window_size(1280, 900)
            .launch_timeout(Duration::from_secs(60))
            .request_timeout(Duration::from_secs(30))
            .args([
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--disable-dev-shm-usage",
            ])
            .build()
            .expect("browser config");
        let (browser, mut handler) =
            Chromium::launch(config).await.expect("launch chromium (apt-get install chromium)");
        let handler = tokio::spawn(async move { while handler.next().await.is_some() {} });
        Browser { browser, handler, profile }
    }

    /// Opens a new tab at `url`, recording console errors, uncaught exceptions and CSP violations from the start.
    pub async fn open(&self, url: &str) -> Tab {
        self.open_in(url, None).await
    }

    /// [`Browser::open`] with the page laid out for `viewport` (a phone's is a mobile one, as Chromium's device
    /// emulation does it).
    pub async fn open_sized(&self, url: &str, viewport: Viewport) -> Tab {
        self.open_in(url, Some(viewport)).await
    }

    async fn open_in(&self, url: &str, viewport: Option<Viewport>) -> Tab {
        let page = self.browser.new_page("about:blank").await.expect("new tab");
        if let Some(Viewport { width, height, mobile }) = viewport {
            page.execute(SetDeviceMetricsOverrideParams::new(width, height, 1.0, mobile))
                .await
                .expect("set the viewport");
        }
        let problems = Arc::new(Mutex::new(Vec::new()));
        page.enable_log().await.expect("enable log");
        page.enable_runtime().await.expect("enable runtime");
        let mut log = page.event_listener::<EventEntryAdded>().await.expect("log events");
        let sink = Arc::clone(&problems);
        tokio::spawn(async move {
            while let Some(event) = log.next().await {
                let entry = &event.entry;
                let level = format!("{:?}", entry.level).to_lowercase();
                if level.contains("error") {
                    sink.lock().expect("lock").push(format!("log: {}", entry.text));
                }
            }
        });
        let mut exceptions =
            page.event_listener::<EventExceptionThrown>().await.expect("exception events");
        let sink = Arc::clone(&problems);
        tokio::spawn(async move {
            while let Some(event) = exceptions.next().await {
                sink.lock()
                    .expect("lock")
                    .push(format!("exception: {:?}", event.exception_details.text));
            }
        });
        page.evaluate_on_new_document(
            "window.__problems = [];\
             document.addEventListener('securitypolicyviolation', e => window.__problems.push('csp: ' + e.violatedDirective + ' ' + e.blockedURI));\
             const origError = console.error; console.error = (...a) => { window.__problems.push('console: ' + a.join(' ')); origError(...a); };",
        )
        .await
        .expect("install recorder");
        page.goto(url).await.expect("navigate");
        page.wait_for_navigation().await.expect("load");
        Tab { page, problems }
    }
}

/// A screen to lay pages out for, in CSS pixels.
#[derive(Debug, Clone, Copy)]
pub struct Viewport {
    /// Width.
    pub width: i64,
    /// Height.
    pub height: i64,
    /// Whether it is a phone's (mobile layout viewport, touch).
    pub mobile: bool,
}

impl Viewport {
    /// A laptop's screen.
    pub const DESKTOP: Viewport = Viewport { width: 1280, height: 800, mobile: false };
    /// A phone's (an iPhone 12–15's CSS size).
    pub const PHONE: Viewport = Viewport { width: 390, height: 844, mobile: true };
}

impl Drop for Browser {
    fn drop(&mut self) {
        self.handler.abort();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// One browser tab.
#[derive(Debug)]
pub struct Tab {
    /// The chromiumoxide page, for anything the helpers below do not cover.
    pub page: chromiumoxide::Page,
    problems: Arc<Mutex<Vec<String>>>,
}

impl Tab {
    /// Lays the page out for the dark colour scheme (`prefers-color-scheme: dark`), as a reader whose system is
    /// dark sees it.
    pub async fn dark(&self) {
        let dark = MediaFeature::new("prefers-color-scheme", "dark");
        let params = SetEmulatedMediaParams::builder().features(vec![dark]).build();
        self.page.execute(params).await.expect("emulate a dark scheme");
    }

    /// The accessibility violations axe-core finds on the page as it is now, one line each (rule, impact, the
    /// first offending elements). `axe_source` is axe-core's `axe.min.js`; it runs in the page through the
    /// DevTools protocol, which the page's CSP does not govern.
    pub async fn axe(&self, axe_source: &str) -> Vec<String> {
        const RUN: &str = "axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v => \
            `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`))";
        self.page.evaluate(axe_source).await.expect("load axe-core");
        let params = EvaluateParams::builder()
            .expression(RUN)
            .await_promise(true)
            .return_by_value(true)
            .build()
            .expect("axe.run parameters");
        self.page
            .evaluate_expression(params)
            .await
            .expect("axe.run")
            .into_value()
            .expect("axe's violations as strings")
    }

    /// Evaluates a JavaScript expression and deserializes its value.
    pub async fn eval<T: serde::de::DeserializeOwned>(&self, expression: &str) -> T {
        self.page
            .evaluate(expression)
            .await
            .unwrap_or_else(|e| panic!("evaluate {expression}: {e}"))
            .into_value()
            .unwrap_or_else(|e| panic!("value of {expression}: {e}"))
    }

    /// Polls a JavaScript condition until it is true (10 s at most).
    pub async fn wait_for(&self, condition: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let ok: bool = self
                .page
                .evaluate(format!("!!({condition})"))
                .await
                .ok()
                .and_then(|v| v.into_value().ok())
                .unwrap_or(false);
            if ok {
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {condition}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Clicks an element and types text into it, key by key, as a person would.
    pub async fn type_into(&self, selector: &str, text: &str) {
        let element = self
            .page
            .find_element(selector)
            .await
            .unwrap_or_else(|e| panic!("find {selector}: {e}"));
        element.click().await.expect("click").type_str(text).await.expect("type");
    }

    /// Puts text into a field as a paste does: focus, the whole value at once, then one `input` event.
    pub async fn paste(&self, selector: &str, text: &str) {
        let script = format!(
            "(() => {{ const e = document.querySelector({selector:?}); e.focus(); e.value = {text:?}; e.dispatchEvent(new Event('input', {{bubbles: true}})); }})()"
        );
        self.page.evaluate(script).await.unwrap_or_else(|e| panic!("paste into {selector}: {e}"));
    }

    /// Clears an input's value (with an `input` event) before typing something else.
    pub async fn clear(&self, selector: &str) {
        let script = format!(
            "(() => {{ const e = document.querySelector({selector:?}); e.value = ''; e.dispatchEvent(new Event('input', {{bubbles: true}})); }})()"
        );
        self.page.evaluate(script).await.expect("clear");
    }

    /// Clicks an element.
    pub async fn click(&self, selector: &str) {
        let element = self
            .page
            .find_element(selector)
            .await
            .unwrap_or_else(|e| panic!("find {selector}: {e}"));
        element.click().await.expect("click");
    }

    /// Clicks a link or submit button and waits until the next page has loaded.
    pub async fn click_and_wait(&self, selector: &str) {
        // A marker on the current document tells the old page from the new one, even when the URL stays the same.
        self.page.evaluate("window.__leaving = true").await.expect("mark page");
        self.click(selector).await;
        self.wait_for("!window.__leaving && document.readyState === 'complete'").await;
    }

    /// Presses a key on whatever has focus, as a keyboard does: `"Tab"`, `"ArrowDown"`, `"Enter"`, `"Escape"`, `"/"`.
    /// Default actions happen as for a real key (Tab moves focus, Enter submits), unlike a synthetic DOM event.
    pub async fn press(&self, key: &str) {
        self.press_with(key, 0).await;
    }

    /// Presses Ctrl + `key` (a letter).
    pub async fn press_ctrl(&self, key: &str) {
        const CTRL: i64 = 2;
        self.press_with(key, CTRL).await;
    }

    async fn press_with(&self, key: &str, modifiers: i64) {
        let definition = chromiumoxide::keys::get_key_definition(key)
            .unwrap_or_else(|| panic!("no key definition for {key:?}"));
        let text = definition.text.or((definition.key.len() == 1).then_some(definition.key));
        let event = |kind: DispatchKeyEventType| {
            let types_text = kind == DispatchKeyEventType::KeyDown && modifiers == 0;
            let mut event = DispatchKeyEventParams::builder()
                .r#type(kind)
                .key(definition.key)
                .code(definition.code)
                .windows_virtual_key_code(definition.key_code)
                .native_virtual_key_code(definition.key_code)
                .modifiers(modifiers);
            // A key with text (and no Ctrl) types it; Ctrl+K must not type a "k".
            if let (Some(text), true) = (text, types_text) {
                event = event.text(text);
            }
            event.build().expect("key event")
        };
        let down = if text.is_some() && modifiers == 0 {
            DispatchKeyEventType::KeyDown
        } else {
            DispatchKeyEventType::RawKeyDown
        };
        self.page.execute(event(down)).await.unwrap_or_else(|e| panic!("press {key}: {e}"));
        self.page
            .execute(event(DispatchKeyEventType::KeyUp))
            .await
            .unwrap_or_else(|e| panic!("release {key}: {e}"));
    }

    /// The text of the first element matching `selector`.
    pub async fn text(&self, selector: &str) -> String {
        self.eval(&format!("document.querySelector({selector:?})?.textContent ?? ''")).await
    }

    /// The current URL.
    pub async fn url(&self) -> String {
        self.page.url().await.ok().flatten().unwrap_or_default()
    }

    /// Console errors, uncaught exceptions and CSP violations seen so far.
    pub async fn problems(&self) -> Vec<String> {
        let mut problems = self.problems.lock().expect("lock").clone();
        let in_page: Vec<String> = self
            .page
            .evaluate("window.__problems || []")
            .await
            .ok()
            .and_then(|v| v.into_value().ok())
            .unwrap_or_default();
        problems.extend(in_page);
        problems
    }

    /// Fails the test if anything went wrong in the page.
    pub async fn assert_clean(&self) {
        let problems = self.problems().await;
        assert!(problems.is_empty(), "problems in {}: {problems:#?}", self.url().await);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_answers_parse_with_plain_and_chunked_bodies() {
        let plain = HttpResponse::from_raw(
            b"HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\nX-A:  b \r\n\r\n{}",
        )
        .unwrap();
        assert_eq!(plain.status, 413);
        assert_eq!(plain.header("content-type"), Some("application/json"));
        assert_eq!(plain.header("X-A"), Some("b"));
        assert_eq!(plain.body, "{}");

        let chunked = HttpResponse::from_raw(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\nA\r\n, world!!!\r\n0\r\n\r\n",
        )
        .unwrap();
        assert_eq!(chunked.body, "hello, world!!!");

        let cut = HttpResponse::from_raw(
            b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n10\r\nabc",
        )
        .unwrap();
        assert_eq!(cut.body, "helloabc", "a body cut short gives what arrived");
    }

    #[test]
    fn only_devtools_variables_are_removed() {
        let mut command = Command::new("devtools");
        let names = ["DEVTOOLS_ADDR", "PATH", "DEVTOOLS_BASE_PATH", "MY_DEVTOOLS_X"];
        remove_devtools_variables(&mut command, names.map(OsString::from));
        let mut envs: Vec<_> = command.get_envs().collect();
        envs.sort();
        assert_eq!(envs, [("DEVTOOLS_ADDR".as_ref(), None), ("DEVTOOLS_BASE_PATH".as_ref(), None)]);
    }

    #[test]
    fn an_incomplete_or_malformed_head_is_none() {
        assert!(HttpResponse::from_raw(b"").is_none());
        assert!(HttpResponse::from_raw(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n").is_none());
        assert!(HttpResponse::from_raw(b"not http at all\r\n\r\n").is_none());
    }
}
