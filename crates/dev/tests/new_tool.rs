//! End to end: `devtools-dev new-tool` in a copy of this workspace, then everything CI asks of the result, and
//! the new `devtools NAME` subcommand run against the new API.
//!
//! The copy holds the workspace's sources (no `.git`, no `target*` folders, not the separate fuzzing workspace). Its
//! builds go to one shared target folder, `<this test's target dir>/new-tool-e2e` or `$DEVTOOLS_NEW_TOOL_TARGET`, so
//! a second run compiles only the workspace's own crates. By default that is not the main target folder: building
//! the copy there replaces the `devtools` binary the end-to-end tests start with one that has the extra tool.
//! `.ci/run` points it at the main folder anyway, as its last step, to reuse every compiled dependency.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_devtools-dev");

/// Long enough that rustfmt has to wrap lines naming it.
const NAME: &str = "word-and-line-statistics";

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root exists")
}

fn shared_target() -> PathBuf {
    if let Some(dir) = std::env::var_os("DEVTOOLS_NEW_TOOL_TARGET") {
        return PathBuf::from(dir);
    }
    // <target>/<profile>/deps/new_tool-<hash>
    let exe = std::env::current_exe().expect("the test's own path");
    exe.ancestors().nth(3).expect("the target folder").join("new-tool-e2e")
}

/// Copies the workspace's sources: everything but version control, build output and `fuzz/` (its own workspace,
/// with a corpus that grows to hundreds of megabytes).
fn copy_sources(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create the copy's folder");
    for entry in fs::read_dir(from).expect("read a source folder") {
        let entry = entry.expect("read a folder entry");
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name == ".git" || name == "fuzz" || name.starts_with("target") {
            continue;
        }
        let kind = entry.file_type().expect("a file type");
        if kind.is_dir() {
            copy_sources(&entry.path(), &to.join(&*name));
        } else if kind.is_file() {
            fs::copy(entry.path(), to.join(&*name)).expect("copy a file");
        }
    }
}

struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn text(output: &Output) -> String {
    format!(
        "status {}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Runs cargo in the copy and gives its standard output; a failure fails the test with everything cargo said.
fn cargo(dir: &Path, args: &[&str]) -> String {
    cargo_with(dir, args, &[])
}

/// [`cargo`] with more environment variables.
fn cargo_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", shared_target())
        .env("RUSTDOCFLAGS", "-D warnings")
        .envs(env.iter().copied())
        .output()
        .expect("run cargo");
    assert!(output.status.success(), "cargo {}: {}", args.join(" "), text(&output));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The copy's `devtools` binary, without colour whatever the environment says.
fn devtools(args: &[&str], stdin: Option<Vec<u8>>) -> Output {
    let mut command = Command::new(shared_target().join("debug/devtools"));
    command.args(args).env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().expect("run devtools");
    let mut pipe = child.stdin.take().expect("its stdin");
    // The child may stop reading at its input limit: a broken pipe here is its refusal, checked by the caller.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&stdin.unwrap_or_default());
    });
    let output = child.wait_with_output().expect("devtools ends");
    writer.join().expect("the writer thread");
    output
}

/// The copy's server on a free port, stopped when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(shared_target().join("debug/devtools"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .env("RUST_LOG", "off")
            .stdout(Stdio::piped())
            .spawn()
            .expect("start devtools serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("its stdout"))
            .read_line(&mut line)
            .expect("its first line");
        let address = match line.trim().strip_prefix("devtools listening on http://") {
            Some(address) => address.to_owned(),
            None => {
                let _ = child.kill();
                panic!("devtools serve began with {line:?}");
            }
        };
        Server { child, address }
    }

    /// `POST path` with a JSON body: the status and the body. HTTP/1.0, so the answer is the rest of the
    /// connection, with no chunked encoding to undo.
    fn post_json(&self, path: &str, body: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.address).expect("connect to the server");
        let request = format!(
            "POST {path} HTTP/1.0\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.address,
            body.len()
        );
        stream.write_all(request.as_bytes()).expect("send the request");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("read the answer");
        let (head, body) = response.split_once("\r\n\r\n").expect("a head and a body");
        let status = head.split(' ').nth(1).and_then(|code| code.parse().ok());
        (status.unwrap_or_else(|| panic!("no status in {head:?}")), body.to_owned())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `devtools NAME`: its view, `--json` byte for byte what the running server's API answers, its input from
/// standard input, its limit, its usage errors and its help.
fn check_the_subcommand() {
    let input = "Hello, world!\nSecond line.";
    let view = devtools(&[NAME, input], None);
    assert!(view.status.success(), "{}", text(&view));
    assert_eq!(
        String::from_utf8_lossy(&view.stdout),
        "characters 26\nbytes      26\nlines      2\nwords      4\n",
        "{}",
        text(&view)
    );
    assert!(view.stderr.is_empty(), "{}", text(&view));

    let json = devtools(&[NAME, input, "--json"], None);
    assert!(json.status.success(), "{}", text(&json));
    let (status, api) = Server::start()
        .post_json(&format!("/api/{NAME}"), r#"{"text": "Hello, world!\nSecond line."}"#);
    assert_eq!(status, 200, "{api}");
    assert_eq!(api, r#"{"characters":26,"bytes":26,"lines":2,"words":4}"#);
    assert_eq!(String::from_utf8_lossy(&json.stdout), format!("{api}\n"), "{}", text(&json));

    // Standard input is counted exactly, its final line break included.
    for args in [&[NAME, "-"][..], &[NAME]] {
        let piped = devtools(args, Some(b"a b\n".to_vec()));
        assert!(piped.status.success(), "{}", text(&piped));
        assert!(
            String::from_utf8_lossy(&piped.stdout).starts_with("characters 4\n"),
            "{}",
            text(&piped)
        );
    }
    let too_long = devtools(&[NAME, "--json"], Some(vec![b'a'; 1024 * 1024 + 1]));
    assert_eq!(too_long.status.code(), Some(1), "{}", text(&too_long));
    // With --json the refusal is a JSON error body on stdout, as every other error is.
    assert_eq!(
        String::from_utf8_lossy(&too_long.stdout),
        "{\"error\":\"input_too_large\",\"limit_bytes\":1048576,\
         \"message\":\"standard input is larger than the 1 MiB limit for the text\"}\n"
    );

    let usage = devtools(&[NAME, "--no-such-flag"], None);
    assert_eq!(usage.status.code(), Some(2), "{}", text(&usage));
    let help = devtools(&[NAME, "--help"], None);
    assert!(help.status.success(), "{}", text(&help));
    let help = String::from_utf8_lossy(&help.stdout);
    for part in ["Count the characters, bytes, lines and words of a text", "[TEXT]", "--json"] {
        assert!(help.contains(part), "{part:?} in {help}");
    }
    let top = devtools(&["--help"], None);
    assert!(String::from_utf8_lossy(&top.stdout).contains(NAME), "{}", text(&top));
}

#[test]
#[ignore = "slow: compiles a copy of the workspace; .ci/run runs it with --ignored"]
fn a_generated_tool_builds_lints_passes_its_tests_and_conforms() {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let scratch = Scratch(
        std::env::temp_dir().join(format!("devtools-new-tool-{}-{nanos}", std::process::id())),
    );
    let root = &scratch.0;
    copy_sources(&workspace_root(), root);

    let generate = || {
        Command::new(BIN).args(["new-tool", NAME]).current_dir(root.join("web")).output().unwrap()
    };
    let first = generate();
    assert!(first.status.success(), "{}", text(&first));
    let stdout = String::from_utf8_lossy(&first.stdout);
    for line in [
        format!("created crates/{NAME}/src/web.rs"),
        "edited  web/src/tools.rs".to_owned(),
        format!("created crates/{NAME}/src/answer.rs"),
        format!("created crates/{NAME}/src/cli.rs"),
        "edited  Cargo.toml".to_owned(),
        "edited  web/Cargo.toml".to_owned(),
        format!("cargo test -p devtools-{NAME} --all-features"),
    ] {
        assert!(stdout.contains(&line), "{line:?} in {stdout}");
    }

    let tools = fs::read_to_string(root.join("web/src/tools.rs")).unwrap();
    let again = generate();
    assert_eq!(again.status.code(), Some(1), "{}", text(&again));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"), "{}", text(&again));
    assert_eq!(fs::read_to_string(root.join("web/src/tools.rs")).unwrap(), tools);

    let package = format!("devtools-{NAME}");
    cargo(root, &["fmt", "-p", &package, "--check"]);
    cargo(root, &["check", "--workspace"]);
    // The library alone: the answer layer with the kit's light part, no web stack and no terminal code.
    cargo(root, &["check", "-p", &package, "--no-default-features"]);
    let tree = cargo(root, &["tree", "-p", &package, "--no-default-features", "-e", "normal"]);
    for heavy in ["axum", "tokio", "minijinja", "utoipa", "clap"] {
        assert!(!tree.contains(&format!(" {heavy} v")), "the plain library pulls {heavy}:\n{tree}");
    }
    cargo(
        root,
        &["clippy", "-p", &package, "--all-targets", "--all-features", "--", "-D", "warnings"],
    );
    cargo(root, &["doc", "-p", &package, "--no-deps", "--all-features"]);
    cargo(root, &["test", "-p", &package, "--all-features"]);
    // What a user downloads builds on its own, against the kit as packaged too.
    cargo(root, &["package", "-p", "devtools-kit", "-p", &package]);

    cargo(root, &["build", "-p", "devtools-web", "--bin", "devtools"]);
    check_the_subcommand();
    // The host's tests, the conformance test and the host's snapshots among them, cover the new tool without
    // being edited.
    cargo(root, &["test", "-p", "devtools-web"]);
}

#[test]
fn a_bad_name_is_refused_with_exit_code_1_and_nothing_written() {
    let output = Command::new(BIN)
        .args(["new-tool", "Bad_Name"])
        .current_dir(workspace_root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: `Bad_Name` has 'B' at position 0; use lowercase letters, digits and dashes, e.g. `word-count`\n"
    );
    assert!(output.stdout.is_empty());
    assert!(!workspace_root().join("crates/Bad_Name").exists());
}

#[test]
fn a_missing_name_is_a_usage_error() {
    let output = Command::new(BIN).arg("new-tool").output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
}
