#!/usr/bin/env bash
# Installs what the test suite needs, idempotently:
#   - Debian's chromium (only when /usr/bin/chromium is missing; never a downloaded browser,
#     so no `playwright install`);
#   - the pinned npm devDependencies (scorm-again, axe-core) with `npm ci`;
#   - the Python test dependencies (the package's [test] extra, else the bare packages).
set -euo pipefail

cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends chromium
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "npm is missing: install Debian's nodejs and npm" >&2
  exit 1
fi
# Exactly the versions in package-lock.json (npm ci replaces node_modules each time).
npm ci --no-audit --no-fund

PIP="python3 -m pip"
PIP_FLAGS=(--disable-pip-version-check)
if $PIP install --help 2>/dev/null | grep -q -- '--break-system-packages'; then
  PIP_FLAGS+=(--break-system-packages)
fi
if [ -f pyproject.toml ] && grep -q '^test *= *\[' pyproject.toml; then
  $PIP install "${PIP_FLAGS[@]}" -e '.[test]'
fi
# The browser tests' own needs (already satisfied in most cases, then this is quick).
$PIP install "${PIP_FLAGS[@]}" playwright pytest hypothesis lxml pyyaml
