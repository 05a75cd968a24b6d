"""`als-build report` on the command line: a report from an export, and every user mistake
ending with one plain sentence (file and line where there is one) and status 2, never a
traceback, with nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from als_package.report.synthetic import cohort_from
from tests.browser.lms import REPO_ROOT


def report(*args: str, cwd: Path = REPO_ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "als_package", "report", *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=os.environ | (env or {})
    )


@pytest.fixture(scope="module")
def export(plain_activities, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "statements.ndjson"
    cohort_from(plain_activities, seed=12).write(path, 12)
    return path


def test_a_report_from_an_export_with_the_definitions_found_in_dist(plain_activities, export, tmp_path):
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / plain_activities.name).write_bytes(plain_activities.read_bytes())
    proc = report(str(export), "--out", "out/report.html", "--csv", "out/csv", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"{sum(1 for _ in export.open())} statements about Everybody Leads from 12 enrolments.")
    assert (tmp_path / "out" / "report.html").stat().st_size > 10_000
    assert sorted(p.name for p in (tmp_path / "out" / "csv").iterdir()) == sorted(
        f"{n}.csv" for n in ("funnel", "stops", "step_times", "module_times", "attempts", "items", "options")
    )


def mistake(tmp_path: Path, *args: str) -> str:
    proc = report(*args, "--out", str(tmp_path / "r.html"))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "r.html").exists()
    assert proc.stderr.rstrip().endswith("No report was written.")
    return proc.stderr


def test_usage_mistakes_give_a_plain_message(plain_activities, export, tmp_path):
    defs = ("--definitions", str(plain_activities))
    assert "give statement export files or --lrs URL" in mistake(tmp_path, *defs)
    assert "give statement export files or --lrs URL" in mistake(tmp_path, str(export), "--lrs", "http://127.0.0.1:9/xAPI/", *defs)
    assert f"{tmp_path / 'none.json'}: no such file" in mistake(tmp_path, str(tmp_path / "none.json"), *defs)
    assert "is not a date" in mistake(tmp_path, str(export), "--since", "last week", *defs)
    assert "no such file (build the xapi target" in mistake(tmp_path, str(export), "--definitions", str(tmp_path / "nope.json"))
    assert "cannot read it as JSON" in mistake(tmp_path, str(export), "--definitions", str(export))
    (tmp_path / "empty.txt").write_text("# nobody\n", encoding="utf-8")
    assert "names no learner" in mistake(tmp_path, str(export), "--group", str(tmp_path / "empty.txt"), *defs)


def test_exports_that_are_not_statements_give_the_file_and_line(plain_activities, export, tmp_path):
    defs = ("--definitions", str(plain_activities))
    text = tmp_path / "notes.txt"
    text.write_text("hello\n", encoding="utf-8")
    assert "not a statement export" in mistake(tmp_path, str(text), *defs)
    broken = tmp_path / "broken.ndjson"
    lines = export.read_text(encoding="utf-8").splitlines()
    broken.write_text("\n".join([*lines[:4], '{"id": "x", "verb": }', *lines[4:8]]) + "\n", encoding="utf-8")
    assert f"{broken}:5: not a JSON statement" in mistake(tmp_path, str(broken), *defs)
    array = tmp_path / "array.json"
    array.write_text('[{"id": "a"},\n 7]\n', encoding="utf-8")
    assert f"{array}: entry 2 of the array is not a statement" in mistake(tmp_path, str(array), *defs)


def test_help_lists_the_options(tmp_path):
    proc = report("--help")
    assert proc.returncode == 0
    for option in ("--lrs", "--definitions", "--csv", "--json", "--registration", "--since", "--until", "--group"):
        assert option in proc.stdout


def test_dates_without_a_zone_are_utc_wherever_the_report_runs(plain_activities, export, tmp_path):
    """Statement timestamps are UTC; --since 2026-09-20 means UTC midnight in New York too."""
    args = (str(export), "--definitions", str(plain_activities), "--since", "2026-09-20", "--until", "2026-10-05", "--json", "--out", str(tmp_path / "r.html"))
    counts = {zone: json.loads(report(*args, env={"TZ": zone}).stdout)["statements"] for zone in ("UTC", "America/New_York", "Asia/Tokyo")}
    stamps = [json.loads(line)["timestamp"] for line in export.read_text(encoding="utf-8").splitlines()]
    assert set(counts.values()) == {sum(1 for t in stamps if "2026-09-20" <= t < "2026-10-05")}
