#!/usr/bin/env bash
# Builds the image of deploy/Containerfile around a static binary built outside it, and checks the image: its size,
# user, labels, port, health check, and that the binary taken out of it serves the site on its own.
#
#   deploy/check-image.sh [BINARY]     (default: target/x86_64-unknown-linux-gnu/release/devtools)
#
# Build the binary first, as the Containerfile's build stage does:
#   RUSTFLAGS="-C target-feature=+crt-static" cargo build --release --locked -p devtools-web \
#     --target x86_64-unknown-linux-gnu
# or, in seconds once a debug build exists (what CI does: a static release build takes minutes on its 2 cores),
#   cargo rustc -p devtools-web --bin devtools -- -C target-feature=+crt-static && deploy/check-image.sh target/debug/devtools
# The size limit holds for both: the image measures 18 MiB with the release binary, 26 MiB with the debug one.
#
# Why not `podman build -f deploy/Containerfile .`: its build stage pulls the Rust image, and CI machines cannot pull
# base images. So this script takes the Containerfile's final stage (`FROM scratch` to the end: labels, user, port,
# health check, entry point exactly as shipped), swaps its `COPY --from=build` for a copy of BINARY, and builds that,
# which needs no image from anywhere. Running containers is not possible on these machines either (no user
# namespaces or cgroups for podman's runtime), so the binary is taken out of the image (`podman create` +
# `podman export`) and run directly instead.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=${1:-target/x86_64-unknown-linux-gnu/release/devtools}
max_image_bytes=$((40 * 1024 * 1024))
image=localhost/devtools:check
port=3000

fail() { printf 'check-image: FAIL: %s\n' "$*" >&2; exit 1; }
ok() { printf 'check-image: ok: %s\n' "$*"; }

[[ -x $binary ]] || fail "no binary at $binary (build it first; see the top of this script)"
command -v podman >/dev/null || fail "podman is missing (apt-get install podman)"

work=$(mktemp -d)
container=
server=
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null || true
  [[ -n $container ]] && podman rm -f "$container" >/dev/null 2>&1 || true
  podman rmi -f "$image" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# 1. The binary needs no shared library.
linkage=$(ldd "$binary" 2>&1 || true)
case $linkage in
  *"not a dynamic executable"* | *"statically linked"*) ok "static binary ($(echo "$linkage" | head -n 1 | xargs))" ;;
  *) fail "$binary is dynamically linked: $linkage" ;;
esac

# 2. The image: the Containerfile's final stage around this binary.
mkdir -p "$work/context"
cp "$binary" "$work/context/devtools"
strip "$work/context/devtools" 2>/dev/null || true
sed -n '/^FROM scratch/,$p' deploy/Containerfile \
  | sed -E 's#^COPY --from=build (.*) /out/devtools /devtools$#COPY \1 devtools /devtools#' \
  > "$work/context/Containerfile"
grep -q '^COPY .* devtools /devtools$' "$work/context/Containerfile" \
  || fail "deploy/Containerfile's final stage no longer copies /out/devtools to /devtools; update this script"
# `--format docker`: the OCI image format has no HEALTHCHECK; Docker's keeps it (and Docker and podman run both).
podman build -q --format docker --build-arg REVISION="$(git rev-parse HEAD 2>/dev/null || echo unknown)" \
  -t "$image" "$work/context" >/dev/null
ok "built $image from scratch"

inspect() { podman image inspect --format "$1" "$image"; }
size=$(inspect '{{.Size}}')
(( size <= max_image_bytes )) || fail "image is $size bytes, over $max_image_bytes"
ok "size $((size / 1024 / 1024)) MiB (limit $((max_image_bytes / 1024 / 1024)) MiB)"
user=$(inspect '{{.Config.User}}')
[[ $user == 65532:65532 ]] || fail "user is '$user', not 65532:65532"
ok "runs as user $user"
for label in title description version revision created licenses; do
  value=$(inspect "{{index .Config.Labels \"org.opencontainers.image.$label\"}}")
  [[ -n $value && $value != "<no value>" ]] || fail "label org.opencontainers.image.$label is missing"
done
ok "OCI labels: $(inspect '{{range $k, $v := .Config.Labels}}{{$k}} {{end}}' | tr ' ' '\n' | grep -c opencontainers)"
inspect '{{json .Config.ExposedPorts}}' | grep -q "\"$port/tcp\"" || fail "port $port is not exposed"
ok "exposes $port/tcp"
health=$(inspect '{{json .Config.Healthcheck}}')
[[ $health == *'"/devtools","healthcheck"'* ]] || fail "health check is not the binary's own: $health"
ok "health check: /devtools healthcheck"
[[ $(inspect '{{json .Config.Entrypoint}}') == '["/devtools"]' ]] || fail "entry point is not /devtools"
[[ $(inspect '{{json .Config.Env}}') == *"DEVTOOLS_ADDR=0.0.0.0:$port"* ]] || fail "DEVTOOLS_ADDR is not set"

# 3. The binary taken out of the image: the only file in it, and it serves the site with nothing around it.
container=$(podman create "$image")
mkdir -p "$work/root"
podman export "$container" | tar -x -C "$work/root"
files=$(cd "$work/root" && find . -type f | sort)
[[ $files == "./devtools" ]] || fail "the image holds more than the binary: $files"
ok "the image's one file is /devtools"
extracted="$work/root/devtools"
linkage=$(ldd "$extracted" 2>&1 || true)
[[ $linkage == *"not a dynamic executable"* || $linkage == *"statically linked"* ]] \
  || fail "the extracted binary is dynamically linked: $linkage"
# An empty environment, as in the image (plus the address: a free port on loopback).
env -i DEVTOOLS_ADDR=127.0.0.1:0 DEVTOOLS_LOG_LEVEL=warn "$extracted" > "$work/serve.out" 2> "$work/serve.err" &
server=$!
for _ in $(seq 100); do
  grep -q 'listening on' "$work/serve.out" 2>/dev/null && break
  sleep 0.1
done
url=$(sed -n 's/^devtools listening on //p' "$work/serve.out")
[[ -n $url ]] || fail "the extracted binary did not start: $(cat "$work/serve.err")"
env -i "$extracted" healthcheck --addr "${url#http://}" || fail "devtools healthcheck failed against $url"
ok "devtools healthcheck passes against the extracted binary ($url)"
python3 - "$url" <<'EOF' || fail "the extracted binary does not serve the site"
import sys, urllib.request
base = sys.argv[1]
for path, needle in [("/", "<html"), ("/http-status/418", "teapot"), ("/api/openapi.json", '"openapi"'),
                     ("/cron?expr=*/5+*+*+*+*", "<html"), ("/readyz", '"ready":true')]:
    with urllib.request.urlopen(base + path, timeout=10) as response:
        body = response.read().decode()
        assert response.status == 200 and needle in body, (path, response.status)
# Tool work in a child process (`devtools __work`): the binary runs itself, which needs nothing around it either.
request = urllib.request.Request(base + "/api/regex", method="POST",
    data=b'{"pattern":"(?<=a)b","text":"ab","flavor":"fancy"}', headers={"Content-Type": "application/json"})
with urllib.request.urlopen(request, timeout=10) as response:
    body = response.read().decode()
    assert response.status == 200 and '"matches"' in body, (response.status, body[:300])
EOF
ok "the extracted binary serves the site and its API on its own"
kill -TERM "$server"
wait "$server" || fail "the server did not exit 0 on SIGTERM"
server=
ok "clean exit on SIGTERM"

# (`podman run` here fails with "crun: setrlimit `RLIMIT_NOFILE`: Operation not permitted: OCI permission denied".)
echo "check-image: SKIP: running the container itself (podman run / docker run): these machines cannot run containers"
