"""Issue 14 in the source: shuffle settings on questions, the practice opening step and the
course self-assessment, as the build reads them, and their mistakes as `path:line: message`."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from als_package.cli import main
from als_package.render import player_data
from als_package.source import load_course

from .conftest import ROOTS


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def check_errors(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, [line for line in result.stderr.splitlines() if line.startswith("course_src")]


def test_shuffle_settings_reach_the_page_data():
    course = load_course(ROOTS / "minimal")
    questions = {q["id"]: q for q in player_data(course, course.modules[0])["questions"]}
    assert questions["q1"]["shuffle"] is True and questions["q1"]["pinned"] == ["c"]
    assert questions["q2"]["shuffle"] is False and questions["q2"]["pinned"] == []


def test_a_pin_in_an_unshuffled_question_is_a_mistake(course_copy):
    replace(course_copy / "intro/quiz.yaml", "{id: b, text: Interrupting, feedback: No.}", "{id: b, text: Interrupting, feedback: No., pin: true}")
    code, errors = check_errors()
    assert code == 2
    assert errors == ["course_src/intro/quiz.yaml:9: question 'q2' is not shuffled ('shuffle: false'), so 'pin' changes nothing: remove it"]


def test_shuffle_must_be_true_or_false(course_copy):
    replace(course_copy / "intro/quiz.yaml", "shuffle: false", "shuffle: sometimes")
    code, errors = check_errors()
    assert code == 2
    assert errors == ["course_src/intro/quiz.yaml:12: 'shuffle' must be true or false, not 'sometimes'"]


def test_the_practice_step_opens_its_module_and_keeps_its_answer_as_free_text():
    course = load_course(ROOTS / "minimal")
    second = course.modules[1]
    data = player_data(course, second)
    assert second.step_kinds == ("practice", "page")
    assert data["steps"][0] == {"kind": "practice", "id": "practice", "title": "How did it go?"}
    assert data["texts"] == [{"id": "last_week", "step": "practice"}]
    assert data["textLimit"] == 1000


def test_a_practice_prompt_id_is_one_of_the_module_answers(course_copy):
    (course_copy / "intro/practice.yaml").write_text("title: How did it go?\nprompts:\n  - id: moment\n    text: What happened?\n")
    replace(course_copy / "intro/module.yaml", "reflection: reflection.yaml", "practice: practice.yaml\nreflection: reflection.yaml")
    code, errors = check_errors()
    assert code == 2
    assert len(errors) == 1 and errors[0].startswith("course_src/intro/") and "'moment' is already used" in errors[0]
