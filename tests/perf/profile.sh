#!/usr/bin/env bash
# Where one page's server CPU goes: the release binary under wrk (2 threads, 64 connections), sampled by `perf` with
# DWARF call graphs, and the share of the server's samples under each of the functions BENCHMARKS.md names (the
# template engine, its macro calls, a tool's page and answer, cron's parser), plus the top functions by inclusive
# share. The figures are inclusive (a function and everything it calls), so they overlap.
# Usage: tests/perf/profile.sh [PATH] [SECONDS] — default the cron page of bench.sh, 8 s.
source "$(dirname "$0")/common.sh"
PAGE="${1:-/cron?expr=*%2F15+9-17+*+*+MON-FRI&tz=Europe%2FBerlin}"
SECONDS_SAMPLED="${2:-8}"
need wrk curl
if ! command -v perf >/dev/null 2>&1; then
  # Debian ships perf as linux-perf.
  [ "$(id -u)" = 0 ] || { echo "perf is missing: apt-get install linux-perf" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf >/dev/null
fi
build_release
PORT="$(free_port)"
start_devtools "$PORT"
DATA="$(mktemp)"
trap 'stop $DEVTOOLS_PID; rm -f "$DATA"' EXIT
URL="http://127.0.0.1:$PORT$PAGE"
status=$(curl -s -o /dev/null -w '%{http_code}' "$URL")
[ "$status" = 200 ] || { echo "$PAGE answers $status" >&2; exit 1; }
wrk -t2 -c64 -d3s "$URL" >/dev/null # warm-up: pages cached, workers started
perf record -q -F 499 --call-graph dwarf,16000 -p "$DEVTOOLS_PID" -o "$DATA" -- sleep "$SECONDS_SAMPLED" 2>/dev/null &
PERF_PID=$!
sleep 0.3
wrk -t2 -c64 -d"$((SECONDS_SAMPLED - 1))s" "$URL" | awk '/Requests\/sec/ {print "wrk: " $2 " pages/s while sampled"}'
wait "$PERF_PID" || true
REPORT="$(perf report -i "$DATA" --children --sort symbol -g none 2>/dev/null | grep '%' | grep -v '^#')"
echo "Share of the server's samples under each function (inclusive), $PAGE:"
for symbol in \
  'minijinja::template::Template::_render' \
  '<minijinja::vm::macro_object::Macro as minijinja::value::object::Object>::call' \
  '::web::render_page' \
  'devtools_cron::dialect::Expression::parse' \
  'croner::parser::CronParser::parse' \
  'devtools_cron::answer::answer_parsed' \
  'devtools_cron::web::view::RunView::new' \
  'hyper::proto::h1::dispatch::Dispatcher<D,Bs,I,T>::poll_catch'; do
  echo "$REPORT" | grep -F -- "$symbol" | head -1 | awk -v s="$symbol" '{print "  " $1 "  " s}'
done
echo "Top functions by inclusive share:"
echo "$REPORT" | grep -v '\[k\]' | head -25 | awk '{share=$1; $1=""; $2=""; $3=""; sub(/^ +/, ""); sub(/ +- +- *$/, ""); print "  " share "  " substr($0, 1, 110)}'
