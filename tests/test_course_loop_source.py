"""Issue 14 in the source: shuffle settings on questions, the practice opening step and the
course self-assessment, as the build reads them, and their mistakes as `path:line: message`."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from als_package.cli import main
from als_package.render import player_data
from als_package.source import load_course
from als_package.state_budget import SEED_WIDTH, structured_worst_case

from .conftest import REPO, ROOTS


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
    assert questions["q2"]["shuffle"] is True and questions["q2"]["pinned"] == ["c"]
    assert questions["q5"]["shuffle"] is False and questions["q5"]["pinned"] == []


def test_a_pin_in_an_unshuffled_question_is_a_mistake(course_copy):
    replace(
        course_copy / "intro/quiz.yaml",
        "prompt: Which show listening? Choose all that apply.",
        "prompt: Which show listening? Choose all that apply.\n    shuffle: false",
    )
    code, errors = check_errors()
    assert code == 2
    assert errors == ["course_src/intro/quiz.yaml:9: question 'q2' is not shuffled ('shuffle: false'), so 'pin' changes nothing: remove it"]


def test_shuffle_must_be_true_or_false(course_copy):
    replace(course_copy / "intro/quiz.yaml", "shuffle: false", "shuffle: sometimes")
    code, errors = check_errors()
    assert code == 2
    assert errors == ["course_src/intro/quiz.yaml:43: 'shuffle' must be true or false, not 'sometimes'"]


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


SELF_ASSESSMENT = """self_assessment:
  scale: [Rarely, Sometimes, Often, Almost always]
  statements:
    - {id: listen, text: I listen first.}
    - {id: ask, text: I ask for views.}
  before: {title: Where you start}
  after: {title: Where you are now}
"""


def test_the_course_self_assessment_opens_the_first_module_and_closes_the_last(course_copy):
    (course_copy / "course.yaml").write_text((course_copy / "course.yaml").read_text() + SELF_ASSESSMENT)
    course = load_course(course_copy)
    intro, second = course.modules
    assert intro.step_kinds == ("self-assessment", "page", "page", "reflection", "tool", "quiz")
    assert second.step_kinds == ("practice", "page", "self-assessment")
    first = player_data(course, intro)
    assert first["steps"][0] == {"kind": "self-assessment", "id": "self-assessment-before", "title": "Where you start"}
    assert [s["id"] for s in first["likert"]][:2] == ["self-assessment.before.listen", "self-assessment.before.ask"], (
        "the course's statements come first in the saved state, where the last module reads them"
    )
    assert first["compare"] is None
    last = player_data(course, second)
    assert last["likert"] == [
        {"id": f"self-assessment.after.{s}", "text": t, "step": "self-assessment-after", "scale": 4, "course": True}
        for s, t in (("listen", "I listen first."), ("ask", "I ask for views."))
    ]
    assert last["compare"] == {
        "firstModule": "intro",
        "scale": ["Rarely", "Sometimes", "Often", "Almost always"],
        "statements": [{"before": f"self-assessment.before.{s}", "after": f"self-assessment.after.{s}"} for s in ("listen", "ask")],
    }


def test_a_self_assessment_needs_a_scale_of_three_to_seven(course_copy):
    (course_copy / "course.yaml").write_text((course_copy / "course.yaml").read_text() + SELF_ASSESSMENT.replace(", Often, Almost always", ""))
    code, errors = check_errors()
    assert code == 2
    assert errors == ["course_src/course.yaml:11: Likert 'statements' need a 'scale' of 3 to 7 labels, lowest first"]


def test_the_state_budget_counts_the_seed_and_the_course_statements(course_copy):
    plain = load_course(course_copy).modules[0]
    (course_copy / "course.yaml").write_text((course_copy / "course.yaml").read_text() + SELF_ASSESSMENT)
    with_statements = load_course(course_copy).modules[0]
    assert structured_worst_case(with_statements) == structured_worst_case(plain) + 2  # a digit per statement
    assert f"var SEED_WIDTH = {SEED_WIDTH};" in (REPO / "templates/runtime/state.js").read_text(), "kept in step with state.js"
