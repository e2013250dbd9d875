# devtools tasks. `just --list` shows them.

# Serve the site on http://127.0.0.1:3000
run:
    cargo run --release

# Write the reference as a static site into DIR (default: target/site)
export-site DIR="target/site":
    cargo run --release -- export {{DIR}}

# The test command CI runs (no browser needed)
test:
    cargo test --workspace

# End-to-end and browser tests against the real binary (needs Debian's chromium)
e2e:
    npm install --silent --no-audit --no-fund --prefix target/axe axe-core@4
    AXE_CORE=target/axe/node_modules/axe-core/axe.min.js cargo test -p devtools-e2e -- --include-ignored --skip screenshots

# The hostile-input browser tests with every payload in every input (CI sends a rotating third; needs chromium)
hostile:
    DEVTOOLS_HOSTILE_ALL=1 cargo test -p devtools-e2e --test hostile_browser -- --ignored

# Screenshots of every tool page on a laptop and a phone, light and dark, into target/screenshots/ (needs chromium)
screenshots:
    cargo test -p devtools-e2e --test screenshots -- --ignored --nocapture

# Clippy with warnings as errors, and the plain (no web) build of every tool crate
lint:
    cargo clippy --workspace --all-targets --all-features -- -D warnings
    for crate in $(.ci/tool-crates); do cargo check -q -p $crate --no-default-features; done

# Format everything
fmt:
    cargo fmt --all

# API docs of every crate, warnings as errors
doc:
    RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps

# Package every library crate and build a scratch project against the .crate files, as a user would get them
package:
    .ci/package

# Create crates/NAME, a working tool to make yours, and register it with the host
new-tool NAME:
    cargo run -q -p devtools-dev -- new-tool {{NAME}}

# Fuzz every parser: a million inputs per target (needs nightly; installs cargo-fuzz)
fuzz RUNS="1000000":
    bash fuzz/run.sh {{RUNS}}

# Load test: the release binary under wrk, 60 s at 128 connections over pages and API calls
load DURATION="60s":
    bash tests/perf/load.sh {{DURATION}} 128

# Attack suite (issue 11): the costliest requests and slow clients against the release binary; `just attack --short` for CI
attack *ARGS:
    bash tests/perf/attack.sh --strict --json target/attack.json {{ARGS}}

# Benchmarks behind BENCHMARKS.md: devtools vs nginx, latency, weight, memory, start-up, criterion, croniter
bench:
    bash tests/perf/bench.sh

# Where a page's server CPU goes: perf with call graphs under wrk (default: the cron page of the bench)
profile PATH="/cron?expr=*%2F15+9-17+*+*+MON-FRI&tz=Europe%2FBerlin":
    bash tests/perf/profile.sh '{{PATH}}'

# Everything CI does
ci:
    bash .ci/run

# Differential tests (issue 14): generated inputs per tool against coloraide, croniter, PyJWT and Python's
# http.HTTPStatus; fails on any difference tests/differential/divergences.toml does not list. `just differential
# --seed 42 --cases 500 --tools color` narrows it down
differential *ARGS:
    bash tests/differential/run.sh {{ARGS}}

# The long differential run: tens of thousands of cases per tool
differential-long *ARGS:
    bash tests/differential/run.sh --long {{ARGS}}

# Colour against Chromium's own CSS parser (CSS.supports, computed colour, canvas pixel), a long run; CI runs 3000
# cases from seed 1 in its browser step. Needs Debian's chromium.
differential-chromium CASES="100000" SEED="42":
    cargo build -p devtools-web
    DEVTOOLS_DIFF_CASES={{CASES}} DEVTOOLS_DIFF_SEED={{SEED}} cargo test -p devtools-e2e --test color_chromium_browser -- --ignored --nocapture
