#!/usr/bin/env bash
# Validates the deployment recipes without a cluster:
# - the Kubernetes manifests against the Kubernetes API schemas (kubernetes-validate, strict: unknown fields fail);
# - the systemd unit (systemd-analyze verify);
# - the manifests and the Containerfile against checkov's policies: no failed check; a finding that does not apply
#   is skipped in the file itself with its reason (a `checkov.io/skip` annotation).
#
#   deploy/validate.sh
#
# The Python tools go into a virtual environment under target/ (pinned versions; about 1.5 minutes the first time).
set -euo pipefail
cd "$(dirname "$0")/.."

venv=target/deploy-venv
if [[ ! -x $venv/bin/checkov || ! -x $venv/bin/kubernetes-validate ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check kubernetes-validate==1.37.0 checkov==3.3.30
fi

echo "==> kubernetes-validate"
"$venv/bin/kubernetes-validate" --strict deploy/kubernetes/*.yaml

echo "==> systemd-analyze verify"
if ! command -v systemd-analyze >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq systemd >/dev/null
fi
# verify checks that ExecStart's program exists; point it at one that does (the unit's path is an install location).
unit_dir=$(mktemp -d)
trap 'rm -rf "$unit_dir"' EXIT
sed "s#^ExecStart=/usr/local/bin/devtools#ExecStart=$(command -v true)#" deploy/systemd/devtools.service \
  > "$unit_dir/devtools.service"
output=$(systemd-analyze verify "$unit_dir/devtools.service" 2>&1) || { echo "$output"; exit 1; }
# verify exits 0 on some problems it only prints (an unknown option, a bad value): any output is a failure.
if [[ -n $output ]]; then echo "$output"; exit 1; fi
echo "devtools.service: ok"

echo "==> checkov (Kubernetes manifests and the Containerfile)"
# checkov recognises a Dockerfile by its name; the copy keeps line numbers.
mkdir "$unit_dir/image"
cp deploy/Containerfile "$unit_dir/image/Dockerfile"
# --skip-download: no calls to Prisma Cloud's API (CI has no network for it, and nothing is needed from it).
"$venv/bin/checkov" --quiet --compact --skip-download --framework kubernetes dockerfile \
  -d deploy/kubernetes -d "$unit_dir/image"
