#!/usr/bin/env bash
# Installs ralph, the real LRS the xAPI/cmi5 tests (tests/lrs/) send statements to, into a
# virtualenv of its own: ralph pins FastAPI, uvicorn and click, which must not touch the
# project's environment. Idempotent: an existing venv with the pinned version is kept.
#   ALS_LRS_VENV  where the venv lives (default: .lrs-venv/ at the repository root, git-ignored)
set -euo pipefail

cd "$(dirname "$0")/.."
VENV="${ALS_LRS_VENV:-$PWD/.lrs-venv}"
RALPH="ralph-malph[cli,lrs]==5.1.0"

if [ -x "$VENV/bin/ralph" ] && "$VENV/bin/python" -m pip show ralph-malph 2>/dev/null | grep -qx 'Version: 5.1.0'; then
  exit 0
fi
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --disable-pip-version-check --quiet "$RALPH" requests
"$VENV/bin/ralph" --version
