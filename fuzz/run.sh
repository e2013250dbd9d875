#!/usr/bin/env bash
# Runs every fuzz target. Usage: fuzz/run.sh [RUNS] [SECONDS] [TARGET...]
#   RUNS:    inputs per target (default 1000000); SECONDS: wall-clock cap per target (default 0 = none);
#   TARGET:  only these targets (default: all).
# CI runs `fuzz/run.sh 20000 10`: a few seconds each, so a regression that panics on a seed or an easy input fails.
# Crashes are kept in fuzz/artifacts/<target>/; turn each one into a regression test beside the code it broke.
set -euo pipefail
cd "$(dirname "$0")"
RUNS="${1:-1000000}"
SECONDS_CAP="${2:-0}"
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
TARGETS=(cron color jwt_token jwt_key regex http_status_path)
if [ "$#" -gt 2 ]; then TARGETS=("${@:3}"); fi
cargo +nightly fuzz build -O -s none
status=0
passed=0
for target in "${TARGETS[@]}"; do
  mkdir -p "corpus/$target"
  echo "==> fuzz $target"
  if cargo +nightly fuzz run -O -s none "$target" "corpus/$target" "seeds/$target" -- \
      -runs="$RUNS" -max_total_time="$SECONDS_CAP" -timeout=10 -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 \
      2>&1 | grep -v '^#' | tail -n 40; then
    passed=$((passed + 1))
  else
    status=1
  fi
done
echo "fuzz: $passed passed, $(( ${#TARGETS[@]} - passed )) failed"
exit "$status"
