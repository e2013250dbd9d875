#!/usr/bin/env bash
# Load test: the release binary under wrk, a mix of pages and API calls on loopback.
# Passes when there are no socket errors, no non-2xx answers, and RSS after the run is within 2x of RSS before it.
# Usage: tests/perf/load.sh [DURATION] [CONNECTIONS]   (defaults: 60s, 128)
source "$(dirname "$0")/common.sh"
DURATION="${1:-60s}"
CONNECTIONS="${2:-128}"
need wrk curl
build_release
PORT="$(free_port)"
start_devtools "$PORT"
trap 'stop $DEVTOOLS_PID' EXIT

# Warm up: every cached page rendered once, so "before" is the server's steady state, not an empty cache.
wrk -t2 -c8 -d2s -s "$ROOT/tests/perf/mix.lua" "http://127.0.0.1:$PORT" >/dev/null
BEFORE=$(rss_kb "$DEVTOOLS_PID")

OUT=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/tests/perf/mix.lua" "http://127.0.0.1:$PORT")
echo "$OUT"
AFTER=$(rss_kb "$DEVTOOLS_PID")
echo "RSS before: ${BEFORE} kB, after: ${AFTER} kB"

status=0
if echo "$OUT" | grep -q "Socket errors"; then
  echo "FAIL: socket errors" >&2; status=1
fi
if echo "$OUT" | grep -q "Non-2xx or 3xx responses"; then
  echo "FAIL: non-2xx responses" >&2; status=1
fi
if [ "$AFTER" -gt $((BEFORE * 2)) ]; then
  echo "FAIL: RSS grew more than 2x" >&2; status=1
fi
if [ "$status" = 0 ]; then echo "load: 1 passed, 0 failed"; else echo "load: 0 passed, 1 failed"; fi
exit "$status"
