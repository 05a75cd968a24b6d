"""`als-build validate` as a user meets it: one line per problem, a verdict per zip, --json, exit status."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from als_package.cli import main

from ..conftest import REPO
from .samples import entries_of, write_zip


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def broken(tmp_path):
    entries = entries_of("scorm12")
    manifest = entries["imsmanifest.xml"].replace(b'identifierref="res"', b'identifierref="nope"').replace(b"1.2</", b" 1.2</")
    return write_zip(tmp_path / "broken.zip", {**entries, "imsmanifest.xml": manifest})


def test_a_valid_package_says_so_and_exits_0(scorm12_zip):
    result = run("validate", str(scorm12_zip))
    assert (result.exit_code, result.output) == (0, f"{scorm12_zip}: SCORM 1.2: valid\n")


def test_one_line_per_problem_then_the_verdict_and_exit_1(tmp_path, scorm12_zip):
    path = broken(tmp_path)
    result = run("validate", str(scorm12_zip), str(path))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{scorm12_zip}: SCORM 1.2: valid",
        f"{path}: imsmanifest.xml: <schemaversion>'s text ' 1.2' has spaces or line breaks around it: Moodle compares it exactly and reads "
        "the package as SCORM 1.2 otherwise: write '1.2'",
        f'{path}: imsmanifest.xml: warning: no item launches a SCO (a resource with adlcp:scormtype="sco"): an LMS will track nothing',
        f"{path}: imsmanifest.xml: identifierref 'nope' names no resource",
        f"{path}: SCORM 1.2: 2 problems, 1 warning",
    ]


def test_unusable_input_is_one_plain_line_and_exit_2(tmp_path, scorm12_zip):
    (tmp_path / "notes.txt").write_text("not a zip")
    result = CliRunner().invoke(main, ["validate", str(scorm12_zip), str(tmp_path / "notes.txt")])
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'notes.txt'}: cannot be validated: is not a zip file\n"
    assert result.stdout == f"{scorm12_zip}: SCORM 1.2: valid\n"


def test_json_for_scripts(tmp_path, scorm12_zip):
    path = broken(tmp_path)
    result = run("validate", "--json", str(scorm12_zip), str(path), str(tmp_path / "missing.zip"))
    assert result.exit_code == 2
    document = json.loads(result.output)
    assert document["ok"] is False
    valid, problems, unusable = document["packages"]
    assert valid == {
        "path": str(scorm12_zip),
        "status": "valid",
        "unusable": None,
        "problems": [],
        "warnings": [],
        "kinds": [{"kind": "scorm12", "edition": None, "manifest": "imsmanifest.xml", "label": "SCORM 1.2"}],
    }
    assert problems["status"] == "problems" and len(problems["problems"]) == 2 and len(problems["warnings"]) == 1
    assert problems["problems"][1] == {
        "severity": "error",
        "check": "references",
        "file": "imsmanifest.xml",
        "line": None,
        "message": "identifierref 'nope' names no resource",
    }
    assert unusable == {"path": str(tmp_path / "missing.zip"), "status": "unusable", "unusable": "no such file", "kinds": [], "problems": [], "warnings": []}


def test_json_before_the_command_counts_too(scorm12_zip):
    result = run("--json", "validate", str(scorm12_zip))
    assert json.loads(result.output)["ok"] is True


def test_usage_mistakes(tmp_path):
    assert run("validate").exit_code == 2
    result = run("--json", "validate")
    assert json.loads(result.output)["ok"] is False


def test_help_lists_it():
    assert "validate" in run("--help").output
    assert "Exit status: 0 every zip is valid" in run("validate", "--help").output


def test_the_installed_command_on_a_hostile_zip_prints_no_traceback(tmp_path):
    path = tmp_path / "hostile.zip"
    path.write_bytes(b"PK\x05\x06" + b"\xff" * 18)
    result = subprocess.run([sys.executable, "-m", "als_package", "validate", str(path)], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}: cannot be validated: ")
