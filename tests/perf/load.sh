#!/usr/bin/env bash
# Load test: the release binary under wrk, a mix of pages and API calls on loopback.
# Passes when there are no socket errors, every answer is a 2xx or one of the mix's intended 4xx (in the share the
# mix sends them), and RSS after the run is within 2x of RSS before it.
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
# mix.lua's summary: "mix: N 2xx, M intended 4xx (P%, the mix has Q%), K unexpected, S shed".
MIX=$(echo "$OUT" | grep '^mix: ' || true)
if [ -z "$MIX" ]; then
  echo "FAIL: no summary from mix.lua" >&2; status=1
else
  read -r OK INTENDED SHARE EXPECTED UNEXPECTED SHED < <(echo "$MIX" |
    sed -E 's/^mix: ([0-9]+) 2xx, ([0-9]+) intended 4xx \(([0-9.]+)%, the mix has ([0-9.]+)%\), ([0-9]+) unexpected, ([0-9]+) shed$/\1 \2 \3 \4 \5 \6/')
  if [ "$UNEXPECTED" != 0 ]; then
    echo "FAIL: $UNEXPECTED answers were neither 2xx, an intended 4xx nor a 503 busy with Retry-After" >&2; status=1
  fi
  # Shedding is the intended answer to overload, but only for the part of the mix that overloads (the regex
  # searches, about a tenth of it): more than that means cheap work is being refused too.
  if [ $((SHED * 100)) -gt $(((OK + INTENDED + SHED) * 10)) ]; then
    echo "FAIL: $SHED answers (over 10%) were shed as busy" >&2; status=1
  fi
  # Shed requests are regex searches, a third of them the mix's invalid pattern: allow for that in the share.
  if [ "$OK" = 0 ] || awk -v a="$SHARE" -v b="$EXPECTED" 'BEGIN { d = a - b; exit !(d > 3 || d < -3) }'; then
    echo "FAIL: intended 4xx were $SHARE% of answers, the mix sends $EXPECTED%" >&2; status=1
  fi
fi
if [ "$AFTER" -gt $((BEFORE * 2)) ]; then
  echo "FAIL: RSS grew more than 2x" >&2; status=1
fi
if [ "$status" = 0 ]; then echo "load: 1 passed, 0 failed"; else echo "load: 0 passed, 1 failed"; fi
exit "$status"
