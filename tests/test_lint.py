"""The habits CI keeps (pyproject.toml): ruff's lint rules and its formatting on every Python
file of the repository (package, tests, benchmarks, scripts), and mypy's checks on the package."""

from __future__ import annotations

import subprocess
import sys

from .conftest import REPO


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True)


def test_ruff_finds_nothing():
    result = run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_would_change_nothing():
    result = run("ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing_in_the_package():
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
