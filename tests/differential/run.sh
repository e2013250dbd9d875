#!/usr/bin/env bash
# Differential tests (issue 14): devtools against independent implementations on generated inputs.
#   bash tests/differential/run.sh                 short run (CI): a few hundred to a few thousand cases per tool
#   bash tests/differential/run.sh --long          long run: tens of thousands per tool (just differential-long)
#   bash tests/differential/run.sh --seed 42 --cases 500 --tools color,cron
# Makes a venv under target/ with the pinned oracles from PyPI, builds the release binary, serves it on a free
# loopback port and runs differential.py against its JSON API. Exits 1 on any difference that
# tests/differential/divergences.toml does not list. Figures and differences go to target/differential.json.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VENV="$ROOT/target/differential-venv"
REQUIREMENTS="$ROOT/tests/differential/requirements.txt"

if ! "$VENV/bin/python" -c 'import sys' 2>/dev/null || ! cmp -s "$REQUIREMENTS" "$VENV/requirements.txt"; then
  echo "differential: making $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQUIREMENTS"
  cp "$REQUIREMENTS" "$VENV/requirements.txt"
fi

if [ "${DIFFERENTIAL_NO_BUILD:-}" != 1 ]; then
  cargo build --release -q -p devtools-web
fi
BIN="$ROOT/target/release/devtools"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
RUST_LOG=off "$BIN" serve --addr "127.0.0.1:$PORT" >/dev/null 2>&1 &
SERVER=$!
trap 'kill -TERM "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do
  if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then break; fi
  sleep 0.05
done

"$VENV/bin/python" "$ROOT/tests/differential/differential.py" --base "http://127.0.0.1:$PORT" \
  --json "$ROOT/target/differential.json" "$@"
