"""`als-build new course|module`: the skeleton is documented, passes `check` without a warning and
builds with every target a plain build makes; refusals write nothing and exit 2."""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from als_package.build import build
from als_package.cli import main
from als_package.ldpack.source import load_toolkit
from als_package.source import load_course
from als_package.source.quality import AuthoringWarning
from als_package.targets import TARGETS

from .conftest import ROOTS

LMS_TARGETS = tuple(name for name, target in TARGETS.items() if target.in_default_build)
LD_FILES = ["ld/communications.yaml", "ld/evaluation.yaml", "ld/facilitator.yaml", "ld/managers.yaml"]


def run(*args: str):
    return CliRunner().invoke(main, ["new", *map(str, args)])


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def loads_cleanly(folder: Path):
    """The course, loaded as `check` does; any authoring advice against the skeleton fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", AuthoringWarning)
        return load_course(folder)


def test_a_new_course_is_documented_passes_check_and_builds_every_target(tmp_path):
    folder = tmp_path / "my-course"
    result = run("course", folder, "--id", "giving-feedback", "--title", 'Feedback: "done" right')
    assert result.exit_code == 0, result.output
    assert f"Wrote 11 files in {folder}" in result.output and f"als-build check --source {folder}" in result.output
    assert sorted(files_of(folder)) == [
        "course.yaml",
        "getting-started/module.yaml",
        "getting-started/pages/01-welcome.md",
        "getting-started/pages/02-in-practice.md",
        "getting-started/quiz.yaml",
        "getting-started/reflection.yaml",
        "getting-started/tool.yaml",
        *LD_FILES,
    ]
    for name in ("course.yaml", "getting-started/module.yaml", "getting-started/quiz.yaml", "getting-started/tool.yaml", *LD_FILES):
        fields = [line for line in (folder / name).read_text().splitlines() if re.match(r"[a-z_]+:", line)]
        assert fields and all("#" in line for line in fields), f"{name}: every top-level field says what it does"
    course = loads_cleanly(folder)
    assert (course.id, course.title, [m.id for m in course.modules]) == ("giving-feedback", 'Feedback: "done" right', ["getting-started"])
    module = course.modules[0]
    assert module.reflection and module.tool and module.quiz and len(module.quiz.questions) == 5
    checked = CliRunner().invoke(main, ["check", "--source", str(folder)])
    assert checked.exit_code == 0 and "OK: 1 modules, 2 pages, 5 questions" in checked.output
    written = build(folder, tmp_path / "dist", tuple(TARGETS)).written  # the LMS packages and the L&D toolkit
    assert {w.target for w in written} == set(TARGETS)


def test_a_new_module_is_listed_in_course_yaml_with_its_comments_kept(tmp_path):
    folder = tmp_path / "course_src"
    assert run("course", folder).exit_code == 0
    before, managers = (folder / "course.yaml").read_text(), (folder / "ld/managers.yaml").read_text()
    result = run("module", "listening-well", "--source", folder)
    assert result.exit_code == 0, result.output
    assert (
        f"Wrote 6 files in {folder / 'listening-well'} and added it to {folder / 'course.yaml'}, {folder / 'ld/facilitator.yaml'}, "
        f"{folder / 'ld/managers.yaml'}, {folder / 'ld/evaluation.yaml'}."
    ) in result.output
    after = (folder / "course.yaml").read_text()
    assert after == before.replace("  - getting-started\n", "  - getting-started\n  - listening-well\n")
    course = loads_cleanly(folder)
    assert [(m.id, m.title) for m in course.modules] == [("getting-started", "Getting started"), ("listening-well", "Listening well")]
    assert (folder / "ld/managers.yaml").read_text().startswith(managers + "  # The managers' page for module listening-well")
    toolkit = load_toolkit(folder / "ld", course)  # what --target ld-pack reads: an entry for every module
    assert list(toolkit.facilitator.modules) == list(toolkit.managers.modules) == ["getting-started", "listening-well"]
    assert list(toolkit.evaluation.behaviour.modules) == ["getting-started", "listening-well"]
    build(folder, tmp_path / "dist", LMS_TARGETS)


@pytest.mark.parametrize(
    "modules",
    [
        "modules:\n- getting-started\n",
        "modules:   # in order\n\n  - getting-started   # the first\n\n  # more to come\n",
        "modules:\n    - getting-started\n",
    ],
    ids=["not-indented", "comments-and-blank-lines", "indented-four"],
)
def test_module_lists_written_in_other_styles_are_extended(tmp_path, modules):
    folder = tmp_path / "c"
    assert run("course", folder).exit_code == 0
    course_yaml = folder / "course.yaml"
    course_yaml.write_text(re.sub(r"^modules:.*", modules, course_yaml.read_text(), flags=re.S | re.M))
    result = run("module", "extra", "--source", folder)
    assert result.exit_code == 0, result.output
    assert [m.id for m in loads_cleanly(folder).modules] == ["getting-started", "extra"]
    assert all(line in course_yaml.read_text().splitlines() for line in modules.splitlines()), "every line, comments included, is kept"


def test_a_module_joins_an_existing_course(tmp_path):
    folder = tmp_path / "minimal"
    shutil.copytree(ROOTS / "minimal", folder)
    assert run("module", "third", "--source", folder, "--title", "The third one").exit_code == 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the fixture's own quiz has advice for its author; not this test's business
        course = load_course(folder)
    assert [m.id for m in course.modules] == ["intro", "second", "third"] and course.modules[2].title == "The third one"


def test_the_same_command_writes_the_same_bytes(tmp_path):
    assert run("course", tmp_path / "a").exit_code == 0 and run("course", tmp_path / "b").exit_code == 0
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")


@pytest.mark.parametrize(
    "setup, args, words",
    [
        (lambda t: (t / "c").mkdir() or (t / "c" / "x.txt").write_text("x"), ("course", "{t}/c"), "already exists and is not an empty folder"),
        (None, ("course", "{t}/c", "--id", "Bad_Id"), "'Bad_Id' cannot be a course id"),
        ("course", ("module", "runtime", "--source", "{t}/c"), "'runtime' cannot be a module id"),
        ("course", ("module", "getting-started", "--source", "{t}/c"), "already exists: choose another module id"),
        (None, ("module", "extra", "--source", "{t}/nowhere"), "no course.yaml here"),
        (None, ("course", "{t}/c", "--title", "Two\nlines"), "cannot be a title: give one line of text"),
        ("flow", ("module", "extra", "--source", "{t}/c"), "found no list of module folders under 'modules:'"),
        ("ld-flow", ("module", "extra", "--source", "{t}/c"), "ld/evaluation.yaml: could not add an entry for module 'extra' under 'behaviour.modules' safely"),
        ("ld-missing", ("module", "extra", "--source", "{t}/c"), "ld/managers.yaml: not found, and the L&D toolkit needs it"),
        ("course", ("module",), "name the new module's id"),
    ],
    ids=[
        "folder-in-use",
        "bad-course-id",
        "reserved-module-id",
        "module-exists",
        "no-course",
        "two-line-title",
        "flow-style-list",
        "ld-flow-style",
        "ld-file-missing",
        "no-module-id",
    ],
)
def test_refusals_write_nothing_and_exit_2(tmp_path, setup, args, words):
    if setup in ("course", "flow", "ld-flow", "ld-missing"):
        assert run("course", tmp_path / "c").exit_code == 0
    if setup == "ld-flow":
        evaluation = tmp_path / "c" / "ld" / "evaluation.yaml"
        evaluation.write_text(re.sub(r"  modules:.*?\nmanager:", "  modules: {getting-started: [I tried it.]}\nmanager:", evaluation.read_text(), flags=re.S))
    elif setup == "ld-missing":
        (tmp_path / "c" / "ld" / "managers.yaml").unlink()
    elif setup == "flow":
        course_yaml = tmp_path / "c" / "course.yaml"
        course_yaml.write_text(re.sub(r"modules:.*", "modules: [getting-started]", course_yaml.read_text(), flags=re.S))
    elif callable(setup):
        setup(tmp_path)
    before = files_of(tmp_path)
    result = run(*(a.format(t=tmp_path) for a in args))
    assert result.exit_code == 2, result.output
    assert words in result.stderr and "Nothing was written." in result.stderr and "Traceback" not in result.output
    assert files_of(tmp_path) == before
