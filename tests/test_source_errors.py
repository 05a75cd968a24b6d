"""Every authoring mistake is reported as `path:line: message`, all in one run, exit 2, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
import traceback
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from als_package.cli import main


def als_build(*args: str) -> subprocess.CompletedProcess:
    """The real command in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "als_package", *args], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
    )


def invoke(*args: str) -> Result:
    """The command in this process (fast); an exception other than the exit shows as a test failure."""
    result = CliRunner().invoke(main, list(args))
    assert isinstance(result.exception, (SystemExit, type(None))), "".join(traceback.format_exception(result.exception))
    return result


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def errors_of(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("course_src")]


def assert_fails_with(expected: list[str]) -> None:
    """Both `check` and a build fail with exactly `expected`, exit 2, no traceback, and leave dist/ alone."""
    Path("dist").mkdir(exist_ok=True)
    Path("dist/keep.txt").write_text("earlier output")
    for args in (["check"], []):
        result = invoke(*args)
        assert result.exit_code == 2, result.output
        assert errors_of(result) == expected
        assert "nothing was written" in result.stderr
    assert sorted(p.name for p in Path("dist").iterdir()) == ["keep.txt"]
    assert not list(Path(".").glob(".als-build-*"))


def assert_builds() -> None:
    """`check` and a build succeed."""
    for args in (["check"], ["--quiet"]):
        result = invoke(*args)
        assert result.exit_code == 0, result.output


def test_missing_page_file(course_copy):
    (course_copy / "intro/pages/02-more.md").unlink()
    assert_fails_with(["course_src/intro/module.yaml:12: page file 'pages/02-more.md' does not exist (looked for course_src/intro/pages/02-more.md)"])


def test_symlink_escaping_course_src(course_copy, tmp_path):
    outside = tmp_path / "outside.png"
    outside.write_bytes((course_copy / "intro/images/ladder.png").read_bytes())
    (course_copy / "intro/images/ladder.png").unlink()
    os.symlink(outside, course_copy / "intro/images/ladder.png")
    assert_fails_with(
        ["course_src/intro/pages/01-welcome.md:6: image '../images/ladder.png' is a link that leads outside course_src/intro/: copy the file into the module"]
    )


def test_every_mistake_reported_in_one_run(course_copy):
    replace(course_copy / "course.yaml", "mastery_score: 80", "mastery_score: 180")
    replace(course_copy / "intro/module.yaml", "minutes: 20", "minuts: 20")
    replace(course_copy / "intro/quiz.yaml", "  - id: q2", "  - id: Q 2")
    replace(course_copy / "second/module.yaml", "  - pages/only.md", "  - pages/gone.md")
    assert_fails_with(
        [
            "course_src/course.yaml:7: 'mastery_score' must be at most 100, not 180",
            "course_src/intro/module.yaml:1: 'minutes' is required: add it",
            "course_src/intro/module.yaml:8: unknown key 'minuts': did you mean 'minutes'?",
            "course_src/intro/quiz.yaml:9: 'id' value 'Q 2' is not allowed: start with a lower-case letter, then lower-case letters, digits or '_', e.g. 'q1' or 'listen_first'",
            "course_src/second/module.yaml:8: page file 'pages/gone.md' does not exist (looked for course_src/second/pages/gone.md)",
        ]
    )


def test_page_without_front_matter(course_copy):
    (course_copy / "second/pages/only.md").write_text("Just text.\n")
    assert_fails_with(["course_src/second/pages/only.md:1: a page starts with front matter: a '---' line, 'title: ...', and another '---' line"])


# One edit to the minimal course, the one message it must give (file relative to course_src/).
ONE_EDIT = [
    pytest.param(
        "intro/quiz.yaml",
        "    prompt: Which is leadership?",
        "    prompt: [Which is leadership?",
        "course_src/intro/quiz.yaml:4: YAML syntax error: a list opened with '[' is not closed with ']': close it, or put the value in quotes if the '[' is part of the text",
        id="yaml-syntax-error",
    ),
    pytest.param(
        "intro/quiz.yaml",
        "{id: b, text: Persuading a peer, correct: true, feedback: Influence without a title.}",
        "{id: b, text: Persuading a peer, feedback: Influence without a title.}",
        "course_src/intro/quiz.yaml:2: question 'q1' has no correct choice: mark one choice with 'correct: true'",
        id="question-without-correct-answer",
    ),
    pytest.param(
        "intro/pages/01-welcome.md",
        "../images/ladder.png",
        "../../../secret.png",
        "course_src/intro/pages/01-welcome.md:6: image '../../../secret.png' points outside the module folder: keep images inside course_src/intro/ and refer to them relatively",
        id="image-outside-course-src",
    ),
    pytest.param(
        "intro/module.yaml",
        "pages/02-more.md",
        "../../elsewhere.md",
        "course_src/intro/module.yaml:12: page file '../../elsewhere.md' points outside course_src/: keep course files inside it",
        id="page-path-outside-course-src",
    ),
    pytest.param(
        "second/module.yaml",
        "id: second",
        "id: intro",
        "course_src/course.yaml:10: module id 'intro' is already used by the module listed at line 9: module ids must be unique",
        id="duplicate-module-ids",
    ),
    pytest.param(
        "intro/module.yaml",
        "minutes: 20",
        "minutes: 20\nminutes: 25",
        "course_src/intro/module.yaml:9: key 'minutes' appears twice in the same block: keep one",
        id="duplicate-key",
    ),
    pytest.param(
        "intro/pages/01-welcome.md",
        "![A ladder against a wall]",
        "![]",
        "course_src/intro/pages/01-welcome.md:6: image '../images/ladder.png' has no alt text: write ![what the image shows](../images/ladder.png), or ![](../images/ladder.png \"decorative\") if it only decorates",
        id="image-without-alt-text",
    ),
    pytest.param(
        "intro/quiz.yaml",
        "    type: single\n",
        "    type: multiple\n    feedback: {correct: a, incorrect: b}\n",
        "course_src/intro/quiz.yaml:2: choice questions take 'feedback' on each choice, not on the question",
        id="feedback-on-choice-question",
    ),
    pytest.param(
        "intro/quiz.yaml",
        "{id: a, text: Approving leave, feedback: That is management.}",
        "{id: a, text: Approving leave, correct: true, feedback: That is management.}",
        "course_src/intro/quiz.yaml:2: single-choice question 'q1' has 2 correct choices: keep one, or make it 'type: multiple'",
        id="two-correct-single-choices",
    ),
    pytest.param(
        "intro/quiz.yaml", "    answer: false\n", "", "course_src/intro/quiz.yaml:16: a 'true-false' question needs 'answer'", id="true-false-without-answer"
    ),
    pytest.param(
        "intro/quiz.yaml",
        "{id: c, text: Signing a budget, feedback: That is management.}",
        "{id: a, text: Signing a budget, feedback: That is management.}",
        "course_src/intro/quiz.yaml:8: choice id 'a' is already used at line 6: every choice of a question needs its own id",
        id="duplicate-choice-id",
    ),
]


@pytest.mark.parametrize("file, old, new, message", ONE_EDIT)
def test_one_mistake_one_message(course_copy, file, old, new, message):
    replace(course_copy / file, old, new)
    assert_fails_with([message])


def test_missing_source_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = als_build("check")
    assert result.returncode == 2
    assert "course_src: course source folder does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_source_that_is_a_file(course_copy):
    result = invoke("--source", "course_src/course.yaml", "check")
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[0]
        == "course_src/course.yaml: course source folder is a file, not a folder: pass --source with the folder that holds course.yaml"
    )


def test_fifo_listed_as_a_page(course_copy):
    """Reading a pipe would wait for ever: it is refused without opening it."""
    os.mkfifo(course_copy / "second/pages/pipe.md")
    replace(course_copy / "second/module.yaml", "pages/only.md", "pages/pipe.md")
    assert_fails_with(["course_src/second/module.yaml:8: 'course_src/second/pages/pipe.md' is not a regular file (a device or pipe?): use a plain file"])


def test_text_file_larger_than_10_mb(course_copy):
    (course_copy / "second/pages/only.md").write_text("---\ntitle: Big\n---\n" + "word " * 2_200_000)
    assert_fails_with(
        [
            "course_src/second/module.yaml:8: 'course_src/second/pages/only.md' is larger than 10 MB: course text files are far smaller, so check it is the right file"
        ]
    )
