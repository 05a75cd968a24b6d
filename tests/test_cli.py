"""The als-build command as a user meets it: help, version, summary, JSON, subsets."""

from __future__ import annotations

import json

from click.testing import CliRunner

from als_package import __version__
from als_package.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_version_and_help_with_examples():
    assert run("--version").output.strip() == f"als-build, version {__version__}"
    help_text = run("--help").output
    assert "Examples:" in help_text and "als-build check" in help_text
    for option in ("--source", "--out", "--target", "--module", "--per-module", "--quiet", "--json"):
        assert option in help_text


def test_build_prints_a_summary_of_each_package(course_copy):
    result = run("--target", "scorm12")
    assert result.exit_code == 0, result.output
    assert "Built 1 package(s) from course_src (2 modules)" in result.output
    assert "dist/test-course-scorm12.zip" in result.output and "KiB" in result.output
    assert (course_copy.parent / "dist/test-course-scorm12.zip").is_file()


def test_json_summary_for_scripts(course_copy):
    result = run("--json", "--per-module", "--target", "scorm12")
    summary = json.loads(result.output)
    assert summary["course"] == "test-course" and summary["modules"] == 2
    assert [p["path"] for p in summary["packages"]] == ["dist/test-course-intro-scorm12.zip", "dist/test-course-second-scorm12.zip"]
    assert all(p["bytes"] > 1000 and p["target"] == "scorm12" for p in summary["packages"])


def test_usage_mistakes_come_as_json_with_json(course_copy):
    for args, words in (
        (["--json", "--out", ""], "'--out': it is empty"),
        (["--json", "--target", "bogus"], "'bogus' is not one of"),
        (["check", "--json", "--nonsense"], "--nonsense"),
    ):
        result = run(*args)
        assert result.exit_code == 2, args
        assert [e["file"] for e in json.loads(result.stdout)["errors"]] == [None], args
        assert words in json.loads(result.stdout)["errors"][0]["message"], args


def test_module_subset_and_quiet(course_copy):
    result = run("build", "--module", "second", "--out", "preview", "--quiet")
    assert result.exit_code == 0 and result.output == ""
    import zipfile

    names = zipfile.ZipFile(course_copy.parent / "preview/test-course-scorm12.zip").namelist()
    assert "second/index.html" in names and "intro/index.html" not in names


def test_unknown_module_is_a_usage_error_with_a_suggestion(course_copy):
    result = CliRunner().invoke(main, ["--module", "intor"])
    assert result.exit_code == 2
    assert result.output == (
        "Error: --module 'intor' is not a module of this course: did you mean 'intro'? (its modules: intro, second)\nNothing was written.\n"
    )


def test_check_reports_ok(course_copy):
    result = run("check")
    assert result.exit_code == 0
    assert result.output == "course_src: OK: 2 modules, 3 pages, 5 questions.\n"


def test_options_before_the_command_count(course_copy):
    course_copy.rename(course_copy.parent / "elsewhere")
    assert run("--source", "elsewhere", "check").output.startswith("elsewhere: OK")
    result = run("--source", "elsewhere", "--out", "out2", "build", "--quiet")
    assert result.exit_code == 0 and (course_copy.parent / "out2/test-course-scorm12.zip").is_file()
