//! End to end: `devtools-dev new-tool` in a copy of this workspace, then everything CI asks of the result.
//!
//! The copy holds the workspace's sources (no `.git`, no `target*` folders, not the separate fuzzing workspace). Its
//! builds go to one shared target folder, `<this test's target dir>/new-tool-e2e` or `$DEVTOOLS_NEW_TOOL_TARGET`, so
//! a second run compiles only the workspace's own crates. By default that is not the main target folder: building
//! the copy there replaces the `devtools` binary the end-to-end tests start with one that has the extra tool.
//! `.ci/run` points it at the main folder anyway, as its last step, to reuse every compiled dependency.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

fn cargo(dir: &Path, args: &[&str]) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", shared_target())
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("run cargo");
    assert!(output.status.success(), "cargo {}: {}", args.join(" "), text(&output));
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
        format!("cargo test -p devtools-{NAME} --features web"),
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
    cargo(root, &["check", "-p", &package, "--no-default-features"]);
    cargo(
        root,
        &["clippy", "-p", &package, "--all-targets", "--all-features", "--", "-D", "warnings"],
    );
    cargo(root, &["doc", "-p", &package, "--no-deps", "--all-features"]);
    cargo(root, &["test", "-p", &package, "--features", "web"]);
    // The host's tests, the conformance test among them, cover the new tool without being edited.
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
