#!/usr/bin/env bash
# Attack suite of issue 11 ("No request can stall or crash the site"): builds the release binary and runs
# tests/perf/attack.py against it. The script starts the binary itself on a free loopback port and stops it.
# Usage: tests/perf/attack.sh [attack.py options]   e.g. --short --strict --json target/attack.json
#        (--list shows the families and cases; --help every option)
source "$(dirname "$0")/common.sh"
need python3 openssl
build_release
exec python3 "$ROOT/tests/perf/attack.py" "$@"
