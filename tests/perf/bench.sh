#!/usr/bin/env bash
# Benchmarks behind BENCHMARKS.md. Prints a Markdown report on stdout.
#  1. GET /http-status/403 from devtools vs the same bytes as a static file from nginx (same wrk settings), with
#     the per-request log off and on.
#  2. Latency p50/p99 at 64 connections for each tool's page and API call.
#  3. First-load weight (HTML + CSS + JS) of each page.
#  4. RSS idle and after 100k requests; start-up time to the first 200 on /healthz.
#  5. Library speed and page rendering in-process with criterion, and cron next-runs against Python's croniter.
# Usage: tests/perf/bench.sh [DURATION] (default 10s per wrk run) — set RUNS=N for the median of N runs (default 3).
source "$(dirname "$0")/common.sh"
DURATION="${1:-10s}"
RUNS="${RUNS:-3}"
need wrk curl nginx
build_release
PORT="$(free_port)"
start_devtools "$PORT"
trap 'stop $DEVTOOLS_PID; [ -n "${LOGGED_PID:-}" ] && stop "$LOGGED_PID"; [ -n "${NGINX_DIR:-}" ] && kill -QUIT "$NGINX_PID" 2>/dev/null || true' EXIT
BASE="http://127.0.0.1:$PORT"

rps() { wrk -t2 -c"$2" -d"$DURATION" "$1" | awk '/Requests\/sec/ {print $2}'; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

echo "# devtools benchmark run"
echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2); $(nginx -v 2>&1); wrk runs of $DURATION, median of $RUNS."
echo

# 1. devtools vs nginx on the same bytes, with the per-request log off and on. nginx runs in the foreground
# (`daemon off`) with two workers, one per core; its access log (the default `combined` format, unbuffered, a write
# per request) and devtools' request log (text lines on stderr) go to files on the same disk. Runs alternate between
# the servers so that a slow spell of the machine falls on both.
NGINX_DIR="$(mktemp -d)"
NGINX_PORT="$(free_port)"
NGINX_LOGGED_PORT="$(free_port)"
mkdir -p "$NGINX_DIR/root/http-status" "$NGINX_DIR/logs"
curl -fsS "$BASE/http-status/403" -o "$NGINX_DIR/root/http-status/403"
cat > "$NGINX_DIR/nginx.conf" <<CONF
worker_processes 2;
daemon off;
error_log $NGINX_DIR/logs/error.log;
pid $NGINX_DIR/nginx.pid;
events { worker_connections 4096; }
http {
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types { }
  default_type text/html;
  client_body_temp_path $NGINX_DIR/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    access_log off;
    root $NGINX_DIR/root;
    etag on;
  }
  server {
    listen 127.0.0.1:$NGINX_LOGGED_PORT;
    access_log $NGINX_DIR/logs/access.log combined;
    root $NGINX_DIR/root;
    etag on;
  }
}
CONF
# nginx's workers run as an unprivileged user: let them read the (mktemp, mode 700) folder and write its logs.
chmod -R a+rwX "$NGINX_DIR"
nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" &
NGINX_PID=$!
sleep 0.3
cmp <(curl -fsS "http://127.0.0.1:$NGINX_PORT/http-status/403") <(curl -fsS "$BASE/http-status/403")
LOGGED_PORT="$(free_port)"
LOG_FILE="$(mktemp)"
"$BIN" serve --addr "127.0.0.1:$LOGGED_PORT" --log-level info 2>"$LOG_FILE" >/dev/null &
LOGGED_PID=$!
for _ in $(seq 1 200); do curl -fsS "http://127.0.0.1:$LOGGED_PORT/healthz" >/dev/null 2>&1 && break; sleep 0.05; done
# The first request of each stores the page (devtools) or warms the file cache (nginx).
for port in "$PORT" "$LOGGED_PORT" "$NGINX_PORT" "$NGINX_LOGGED_PORT"; do
  curl -fsS "http://127.0.0.1:$port/http-status/403" >/dev/null
done
RPS_DIR="$(mktemp -d)"
for _ in $(seq "$RUNS"); do
  rps "$BASE/http-status/403" 128 >> "$RPS_DIR/dt-off"
  rps "http://127.0.0.1:$NGINX_PORT/http-status/403" 128 >> "$RPS_DIR/ng-off"
  rps "http://127.0.0.1:$LOGGED_PORT/http-status/403" 128 >> "$RPS_DIR/dt-on"
  rps "http://127.0.0.1:$NGINX_LOGGED_PORT/http-status/403" 128 >> "$RPS_DIR/ng-on"
done
LOG_LINES=$(grep -c 'devtools::request' "$LOG_FILE" || true)
ACCESS_LINES=$(wc -l < "$NGINX_DIR/logs/access.log")
stop "$LOGGED_PID"
kill -QUIT "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true; NGINX_DIR=""
ratio() { python3 -c "print(round($1/$2, 2))"; }
echo "## GET /http-status/403: devtools vs nginx (static file, same bytes), 128 connections"
echo
echo "| per-request log | devtools requests/s | nginx requests/s | ratio devtools / nginx |"
echo "|---|---|---|---|"
for log in off on; do
  DT=$(median < "$RPS_DIR/dt-$log"); NG=$(median < "$RPS_DIR/ng-$log")
  echo "| $log | $DT | $NG | $(ratio "$DT" "$NG") |"
done
echo
echo "Log lines written while logging: devtools $LOG_LINES, nginx $ACCESS_LINES."
echo

# 2. Latency per tool, 64 connections, and what each request costs the server in CPU.
echo "## Latency at 64 connections (median of $RUNS runs)"
echo
echo "Server CPU is the user and system time of devtools and its worker processes during the run, per request;"
echo "client CPU is wrk's, which shares the two cores."
echo
echo "| request | p50 | p99 | requests/s | server CPU per request | client CPU per request |"
echo "|---|---|---|---|---|---|"
CLK_TCK="$(getconf CLK_TCK)"
# CPU time (user + system, in clock ticks) of devtools and its regex worker processes: a worker's own while it
# lives, then, once retired and reaped, in its parent's count of reaped children.
server_ticks() {
  local total child
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat")
  for child in $(pgrep -P "$1" || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
LUA_DIR="$(mktemp -d)"
# Sets CLIENT_SECONDS to the CPU time (user + system) of this shell's finished children, wrk among them: the
# second line of the `times` builtin, which must run in this shell (in `$(…)` it would count a subshell's).
client_seconds() {
  times > "$LUA_DIR/times"
  CLIENT_SECONDS=$(awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); print u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$LUA_DIR/times")
}
latency() { # name method path [body [lua]] — lua: more of the wrk script, such as a request() of its own
  local name="$1" method="$2" path="$3" body="${4:-}" lua="${5:-}"
  local script="$LUA_DIR/$RANDOM.lua"
  python3 - "$method" "$path" "$body" > "$script" <<'PY'
import json, sys
method, path, body = sys.argv[1:4]
print(f'wrk.method = {json.dumps(method)}')
print(f'wrk.path = {json.dumps(path)}')
if body:
    print(f'wrk.body = {json.dumps(body)}')
    print('wrk.headers["Content-Type"] = "application/json"')
PY
  echo "$lua" >> "$script"
  local out runs="$LUA_DIR/runs.txt"
  : > "$runs"
  local before client_before client
  for _ in $(seq "$RUNS"); do
    before=$(server_ticks "$DEVTOOLS_PID")
    client_seconds
    client_before=$CLIENT_SECONDS
    out=$(wrk -t2 -c64 -d"$DURATION" --latency -s "$script" "$BASE")
    client_seconds
    client=$(awk -v a="$client_before" -v b="$CLIENT_SECONDS" 'BEGIN { print b - a }')
    if echo "$out" | grep -q "Non-2xx"; then
      echo "non-2xx answers for $name:" >&2
      echo "$out" >&2
      curl -sS -o /dev/stderr -w "then: %{http_code}\n" "$BASE$path" >&2 || true
      exit 1
    fi
    # p50 and p99 in ms (wrk prints us, ms or s), requests/s, server CPU per request in µs.
    echo "$out" | awk -v ticks=$(( $(server_ticks "$DEVTOOLS_PID") - before )) -v hz="$CLK_TCK" -v client="$client" '
      function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
      $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } /Requests\/sec/ { r = $2 }
      / requests in / { n = $1 }
      END { print p50, p99, r, ticks * 1e6 / hz / n, client * 1e6 / n }' >> "$runs"
  done
  local p50 p99 r cpu client_cpu
  p50=$(awk '{print $1}' "$runs" | median)
  p99=$(awk '{print $2}' "$runs" | median)
  r=$(awk '{print $3}' "$runs" | median)
  cpu=$(awk '{print $4}' "$runs" | median)
  client_cpu=$(awk '{print $5}' "$runs" | median)
  printf '| %s | %.2f ms | %.2f ms | %.0f | %.0f µs | %.0f µs |\n' "$name" "$p50" "$p99" "$r" "$cpu" "$client_cpu"
}
latency "page /http-status/403" GET /http-status/403
latency "page /cron?expr=…" GET "/cron?expr=*%2F15+9-17+*+*+MON-FRI&tz=Europe%2FBerlin"
latency "api GET /api/cron" GET "/api/cron?expr=*%2F15+9-17+*+*+MON-FRI&tz=Europe%2FBerlin&count=10&from=2026-01-01T00:00:00Z"
latency "page /jwt" GET /jwt
latency "api POST /api/jwt/decode (HS256 verify)" POST /api/jwt/decode '{"token":"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c","key":"your-256-bit-secret"}'
latency "page /regex?pattern=…" GET "/regex?pattern=(%5Cd%2B)-(%5Cd%2B)&text=10-20+and+30-40"
# Each search worker keeps its last compiled patterns, so the row above (one pattern throughout) measures searches
# with the pattern compiled; here every request's pattern is new (a literal alternative numbered per wrk thread and
# request), so each is compiled, as a visitor's first search is.
latency "page /regex?pattern=…, a new pattern each request" GET /regex "" '
threads = 0
function setup(thread) threads = threads + 1; thread:set("id", threads) end
n = 0
function request()
  n = n + 1
  return wrk.format(nil, "/regex?pattern=(%5Cd%2B)-(%5Cd%2B)%7Cx" .. id .. "n" .. n .. "&text=10-20+and+30-40")
end'
latency "api POST /api/regex" POST /api/regex '{"pattern":"(\\d+)-(\\d+)","text":"10-20 and 30-40","flags":"","flavor":"rust"}'
latency "page /color?value=…" GET "/color?value=oklch(70%25+0.15+150)"
# The image the colour page drew each swatch with before it drew them inline (about thirty per first view); it is
# still served, for embedding elsewhere.
latency "image /color/swatch.svg?value=…" GET "/color/swatch.svg?value=%236fc483"
latency "api GET /api/color" GET "/api/color?value=oklch(70%25+0.15+150)"
echo

# 3. First-load weight.
echo "## First-load weight (HTML + CSS + JS, uncompressed / brotli)"
echo
echo "| page | HTML | CSS + JS | total | total, br |"
echo "|---|---|---|---|---|"
for page in / /http-status /http-status/403 /cron "/cron?dialect=quartz" /cron/reference /jwt /regex /color; do
  python3 - "$BASE" "$page" <<'PY'
import re, sys, urllib.request
base, page = sys.argv[1:3]
def fetch(path, br=False):
    req = urllib.request.Request(base + path, headers={"Accept-Encoding": "br"} if br else {})
    with urllib.request.urlopen(req) as r:
        return r.read()
html = fetch(page)
assets = [a.decode() for a in set(re.findall(rb'(?:src|href)="(/static/[^"]+\.(?:css|js))"', html))]
size = sum(len(fetch(a)) for a in assets)
br = len(fetch(page, True)) + sum(len(fetch(a, True)) for a in assets)
kb = lambda n: f"{n/1024:.1f} KiB"
print(f"| {page} | {kb(len(html))} | {kb(size)} | {kb(len(html)+size)} | {kb(br)} |")
PY
done
echo

# 4. Memory and start-up.
IDLE=$(rss_kb "$DEVTOOLS_PID")
wrk -t2 -c64 -d30s -s "$ROOT/tests/perf/mix.lua" "$BASE" > "$LUA_DIR/100k.txt"
REQS=$(awk '/requests in/ {print $1}' "$LUA_DIR/100k.txt")
AFTER=$(rss_kb "$DEVTOOLS_PID")
stop "$DEVTOOLS_PID"
STARTUP=$(python3 - "$BIN" <<'PY'
import socket, statistics, subprocess, sys, time, urllib.request
times = []
for _ in range(9):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
    start = time.perf_counter()
    p = subprocess.Popen([sys.argv[1], "serve", "--addr", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz").status == 200: break
        except OSError:
            time.sleep(0.001)
    times.append((time.perf_counter() - start) * 1000)
    p.terminate(); p.wait()
print(f"{statistics.median(times):.1f} ms")
PY
)
echo "## Memory and start-up"
echo
echo "| measure | value |"
echo "|---|---|"
echo "| RSS idle (after warm-up) | $((IDLE / 1024)) MiB |"
echo "| RSS after $REQS requests of the mix | $((AFTER / 1024)) MiB |"
echo "| start-up to first 200 on /healthz (median of 9) | $STARTUP |"
echo

# 5. Library speed.
echo "## Library speed (criterion, median per iteration)"
echo
# Only the criterion targets: the libraries' own test harness would refuse criterion's options.
for target in devtools-cron:next_runs devtools-color:convert devtools-jwt:verify devtools-regex:api devtools-web:pages; do
  (cd "$ROOT" && cargo bench -q -p "${target%%:*}" --all-features --bench "${target##*:}" -- --noplot >/dev/null)
done
python3 - "$ROOT/target/criterion" <<'PY'
import json, pathlib, sys
root = pathlib.Path(sys.argv[1])
print("| benchmark | median |")
print("|---|---|")
# Folder names are made file-safe ("*/15" becomes "__15"); benchmark.json keeps the real name.
for estimates in sorted(root.glob("**/new/estimates.json")):
    bench = json.loads((estimates.parent / "benchmark.json").read_text())["full_id"]
    ns = json.loads(estimates.read_text())["median"]["point_estimate"]
    value = f"{ns/1e6:.2f} ms" if ns >= 1e6 else f"{ns/1e3:.2f} µs" if ns >= 1e3 else f"{ns:.0f} ns"
    print(f"| {bench} | {value} |")
PY
echo
if python3 -c 'import croniter' 2>/dev/null || pip install -q croniter >/dev/null 2>&1; then
  PY_NS=$(python3 "$ROOT/tests/perf/croniter_bench.py")
  RS_NS=$(python3 - "$ROOT/target/criterion" <<'PY'
import json, pathlib, sys
for bench in pathlib.Path(sys.argv[1]).glob("**/new/benchmark.json"):
    if json.loads(bench.read_text())["full_id"] == "cron next 100 runs/*/15 9-17 * * MON-FRI":
        print(json.loads((bench.parent / "estimates.json").read_text())["median"]["point_estimate"])
PY
)
  echo "## Cron next 100 runs vs croniter (Python)"
  echo
  echo "| implementation | median per 100 runs |"
  echo "|---|---|"
  echo "| devtools-cron (Rust) | $(python3 -c "print(f'{$RS_NS/1e3:.1f} µs')") |"
  echo "| croniter $(python3 -c 'import importlib.metadata as m; print(m.version("croniter"))') (Python $(python3 -c 'import platform; print(platform.python_version())')) | $(python3 -c "print(f'{$PY_NS/1e3:.1f} µs')") |"
  echo "| ratio croniter / devtools | $(python3 -c "print(round($PY_NS/$RS_NS, 1))")× |"
fi
