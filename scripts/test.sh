#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine, then runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
bash scripts/install-lrs.sh
python3 -m pytest "$@"
