//! Sub-path hosting end to end: devtools serves with `--base-path /tools` behind a real nginx that forwards
//! `/tools/` unchanged, and Chromium browses it through nginx. Every link, asset, form action and script call must
//! stay under `/tools/`, every page must load clean (no failed asset, no CSP violation), the live results and the
//! header search must work, and the no-JavaScript form posts must answer. `#[ignore]`d in the plain run: `.ci/run`
//! installs Chromium and nginx (Debian's `nginx`) and runs the browser tests.

use devtools_e2e::{Browser, Server};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BASE: &str = "/tools";

/// Every page a reader can reach from the home page's links, plus the search and API pages.
const PAGES: &[&str] = &[
    "/tools/",
    "/tools/http-status",
    "/tools/http-status/403",
    "/tools/cron?expr=*%2F5+*+*+*+*",
    "/tools/jwt",
    "/tools/regex?pattern=a%2B&text=caaat",
    "/tools/color?value=rebeccapurple",
    "/tools/search?q=teapot",
    "/tools/api",
];

/// nginx in the foreground as a reverse proxy: `location /tools/` forwards to devtools with the path unchanged
/// and the client's `Host`, the set-up the README gives.
struct Nginx {
    child: Child,
    dir: PathBuf,
    port: u16,
}

impl Nginx {
    fn start(upstream: &str) -> Nginx {
        let program =
            std::env::var_os("NGINX").map_or_else(|| PathBuf::from("nginx"), PathBuf::from);
        let dir = std::env::temp_dir().join(format!("devtools-nginx-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("logs")).expect("nginx folder");
        // A free port: bound, read, released; nginx binds it a moment later.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("free port")
            .port();
        let d = dir.display();
        let config = format!(
            "worker_processes 1;\n\
             error_log {d}/logs/error.log;\n\
             pid {d}/nginx.pid;\n\
             events {{ worker_connections 256; }}\n\
             http {{\n\
               access_log off;\n\
               client_body_temp_path {d}/body;\n\
               proxy_temp_path {d}/proxy;\n\
               server {{\n\
                 listen 127.0.0.1:{port};\n\
                 location /tools/ {{\n\
                   proxy_pass http://{upstream};\n\
                   proxy_http_version 1.1;\n\
                   proxy_set_header Host $http_host;\n\
                   proxy_set_header X-Forwarded-Proto $scheme;\n\
                 }}\n\
                 location / {{ return 404; }}\n\
               }}\n\
             }}\n"
        );
        std::fs::write(dir.join("nginx.conf"), config).expect("nginx.conf");
        let child = Command::new(program)
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .args(["-g", "daemon off;"])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start nginx (Debian's nginx package; NGINX names another binary)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "nginx did not start: see {d}/logs/error.log");
            std::thread::sleep(Duration::from_millis(50));
        }
        Nginx { child, dir, port }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGTERM: nginx's master stops its workers, then exits. SIGKILL would leave the workers running, orphaned.
        let stopped = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .is_ok_and(|status| status.success());
        if !stopped {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `url`'s body and status through nginx, with a plain HTTP/1.0 request (no chunked body; no redirects followed).
fn fetch(nginx: &Nginx, method: &str, path: &str, form: Option<&str>) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", nginx.port)).expect("connect");
    let body = form.unwrap_or("");
    let mut request = format!(
        "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n",
        nginx.port
    );
    if form.is_some() {
        request.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, text)
}

/// What a page refers to on its own origin outside the base path, as `attribute=url` lines.
const OUTSIDE_BASE: &str = r#"(() => {
  const out = [];
  for (const element of document.querySelectorAll('[href], [src], [action], [formaction]')) {
    for (const attribute of ['href', 'src', 'action', 'formaction']) {
      const value = element.getAttribute(attribute);
      if (value === null || value.startsWith('#')) continue;
      const url = new URL(value, location.href);
      if (url.origin === location.origin && !(url.pathname === '/tools' || url.pathname.startsWith('/tools/'))) {
        out.push(`${attribute}=${value}`);
      }
    }
  }
  for (const entry of performance.getEntriesByType('resource')) {
    const url = new URL(entry.name);
    if (url.origin === location.origin && !url.pathname.startsWith('/tools/')) out.push(`loaded=${entry.name}`);
    if (entry.responseStatus && entry.responseStatus !== 200) out.push(`status ${entry.responseStatus}=${entry.name}`);
  }
  return out;
})()"#;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs Chromium and nginx; run by .ci/run"]
async fn the_site_works_below_a_base_path_behind_nginx() {
    let server = Server::start_with(&["--base-path", BASE]);
    let nginx = Nginx::start(&server.addr);
    let browser = Browser::launch().await;

    for page in PAGES {
        let tab = browser.open(&nginx.url(page)).await;
        let title: String = tab.eval("document.title").await;
        assert!(!title.starts_with("404"), "{page} is not found through nginx");
        assert!(
            tab.eval::<bool>("document.documentElement.classList.contains('js')").await,
            "{page}: the script loaded"
        );
        let outside: Vec<String> = tab.eval(OUTSIDE_BASE).await;
        assert!(outside.is_empty(), "{page} refers outside {BASE}/: {outside:#?}");
        tab.assert_clean().await;
    }

    // The header search asks the API below the base and links below it.
    let home = browser.open(&nginx.url("/tools/")).await;
    home.type_into("#site-search", "teapot").await;
    home.wait_for("!document.getElementById('site-search-results').hidden").await;
    let first: String =
        home.eval("document.querySelector('#site-search-results a').getAttribute('href')").await;
    assert_eq!(first, "/tools/http-status/418");
    // A card leads to its tool below the base.
    home.click_and_wait("a.card__link[href='/tools/color']").await;
    assert!(home.url().await.ends_with("/tools/color"), "{}", home.url().await);

    // Live results fetch through the form's action, below the base.
    let color = browser.open(&nginx.url("/tools/color")).await;
    color.clear("#color-value").await;
    color.type_into("#color-value", "rgb(1 2 3)").await;
    color.wait_for("document.getElementById('fmt-hex')?.textContent === '#010203'").await;
    color.assert_clean().await;

    // Without JavaScript: the forms post below the base and answer with their result.
    let (status, jwt) = fetch(&nginx, "POST", "/tools/jwt", Some("token=a.b"));
    assert_eq!(status, 400, "{jwt}");
    assert!(jwt.contains("malformed_token") || jwt.contains("not a JWT"), "{jwt}");
    let (status, regex) = fetch(&nginx, "POST", "/tools/regex", Some("pattern=a%2B&text=caaat"));
    assert_eq!(status, 200, "{regex}");
    assert!(regex.contains("aaa"), "the match is shown");

    // The API document names the base as its server; the API page's curl lines go through it.
    let (_, openapi) = fetch(&nginx, "GET", "/tools/api/openapi.json", None);
    assert!(openapi.contains(r#""url":"/tools""#), "{}", &openapi[..400.min(openapi.len())]);
    let (_, api) = fetch(&nginx, "GET", "/tools/api", None);
    assert!(
        api.contains(&format!("http://127.0.0.1:{}/tools/api/", nginx.port)),
        "curl lines keep the base"
    );

    // Outside the base: nothing, a page that says where the site is.
    let (status, direct) = fetch(&nginx, "GET", "/tools-not/cron", None);
    assert_eq!(status, 404, "{direct}");
    let (status, direct) = server_get(&server, "/cron");
    assert_eq!(status, 404);
    assert!(direct.contains("served under /tools/"), "{direct}");
}

fn server_get(server: &Server, path: &str) -> (u16, String) {
    let reply = server.get(path);
    (reply.status, reply.body)
}
