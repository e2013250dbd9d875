# Shared helpers for the load and benchmark scripts. Source it; it defines start_devtools, rss_kb, stop.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="$ROOT/target/release/devtools"

need() {
  for tool in "$@"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "installing $tool" >&2
      if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool" >/dev/null
      else
        echo "$tool is missing: apt-get install $tool" >&2; exit 1
      fi
    fi
  done
}

build_release() { (cd "$ROOT" && cargo build --release -q -p devtools-web); }

# start_devtools PORT: starts the release binary in the background, sets DEVTOOLS_PID, waits for /healthz.
start_devtools() {
  local port="$1"
  RUST_LOG=off "$BIN" serve --addr "127.0.0.1:$port" >/dev/null &
  DEVTOOLS_PID=$!
  for _ in $(seq 1 200); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then return 0; fi
    sleep 0.05
  done
  echo "devtools did not start" >&2; exit 1
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

stop() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
