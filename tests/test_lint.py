"""The habits CI keeps: ruff's lint rules and mypy's checks (pyproject.toml) pass on the package.

Not yet covered: `ruff format` (not applied to the code base yet) and ruff on tests/."""

from __future__ import annotations

import subprocess
import sys

from .conftest import REPO


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True)


def test_ruff_finds_nothing_in_the_package():
    result = run("ruff", "check", "als_package")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing_in_the_package():
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
