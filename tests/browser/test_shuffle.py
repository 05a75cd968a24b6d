"""Shuffled options (docs/runtime.md, "Shuffled options"): each attempt shows the choices,
matching targets and ordering items of a question in its own order; a resumed attempt shows
the same order; pinned choices keep their place; `shuffle: false` keeps the page's order; and
the LMS only ever sees the author's ids (SCORM 1.2: letters by source position).

The fixture course tests/roots/minimal has q1 (single, three choices), q2 (multiple, choice c
pinned), q4 (matching, two targets) and q5 (ordering, three items, `shuffle: false`).
"""

from __future__ import annotations

import pytest

from als_package.build import build
from als_package.targets import BuildOptions

from ..conftest import ROOTS
from .course import Action, Answer, Learner

ORDER_JS = """
() => ({
  q1: Array.from(document.querySelectorAll("fieldset[data-question='q1'] input")).map((i) => i.value),
  q2: Array.from(document.querySelectorAll("fieldset[data-question='q2'] input")).map((i) => i.value),
  q2feedback: Array.from(document.querySelectorAll("fieldset[data-question='q2'] .als-choice-feedback")).map((p) => p.dataset.feedbackFor),
  q4: Array.from(document.querySelectorAll("fieldset[data-question='q4'] select")).map(
    (s) => Array.from(s.options).map((o) => o.value).join(",")),
  q5: Array.from(document.querySelectorAll("fieldset[data-question='q5'] select")).map(
    (s) => Array.from(s.options).map((o) => o.value).join(",")),
})
"""

# Right answers by the author's ids, and the SCORM 1.2 responses they must produce.
RIGHT = [
    Answer([Action("radio", "q1", "b")], "b", True),
    Answer([Action("checkbox", "q2", "a"), Action("checkbox", "q2", "c")], "a,c", True),
    Answer([Action("radio", "q3", "false")], "f", True),
    Answer([Action("select", "q4.a", "1"), Action("select", "q4.b", "2"), Action("select", "q4.c", "1")], "a.1,b.2,c.1", True),
    Answer([Action("select", "q5.1", "ask"), Action("select", "q5.2", "describe"), Action("select", "q5.3", "impact")], "a,b,c", True),
]


@pytest.fixture(scope="module")
def package(open_zip, tmp_path_factory):
    out = tmp_path_factory.mktemp("shuffle")
    result = build(ROOTS / "minimal", out, ("scorm12",), BuildOptions())
    return open_zip(result.written[0].path)


def open_quiz(lms, package, **kwargs):
    attempt = lms.launch(package, "intro", **kwargs)
    learner = Learner(attempt.frame).wait_ready()
    learner.goto(learner.step_of_kind("quiz"))
    return attempt, learner


def order(learner: Learner) -> dict:
    return learner.frame.evaluate(ORDER_JS)


def test_each_attempt_has_its_own_order_within_the_rules(lms, package, problems):
    seen = []
    fixed_q5 = None
    for _ in range(6):
        attempt, learner = open_quiz(lms, package)
        shown = order(learner)
        attempt.end()
        fixed_q5 = fixed_q5 or shown["q5"]
        assert sorted(shown["q1"]) == ["a", "b", "c"]
        assert shown["q2"][2] == "c", "the pinned choice keeps its source place"
        assert shown["q2feedback"] == shown["q2"], "each choice's feedback moves with it"
        assert shown["q5"] == fixed_q5, "a question with 'shuffle: false' keeps the page's order"
        assert len(set(shown["q4"])) == 1 and len(set(shown["q5"])) == 1, "every select of a question lists the same order"
        assert shown["q4"][0].startswith(",") and sorted(shown["q4"][0].split(",")[1:]) == ["1", "2"], "'Choose…' stays first"
        seen.append(repr(shown))
    # q1, q2 and q4 allow 6 x 2 x 2 orders: six attempts in one order would mean no shuffling.
    assert len(set(seen)) > 1, "every attempt showed the same order"
    assert problems.all() == []


def test_resume_shows_the_same_order_and_reports_the_authors_ids(lms, package, problems):
    attempt, learner = open_quiz(lms, package)
    first = order(learner)
    learner.answer(RIGHT)
    assert "100%" in learner.submit()
    result = attempt.end()
    records = {r["id"]: r["student_response"] for r in result.interactions_set()}
    assert records == {f"intro.q{n}": a.response for n, a in enumerate(RIGHT, 1)}, "responses by source position, never display position"

    attempt, learner = start_resumed(lms, package, result.stored_data())
    assert order(learner) == first
    learner.retry()
    retried = order(learner)
    assert retried["q2"][2] == "c" and retried["q5"] == first["q5"]
    result = attempt.end()

    attempt, learner = start_resumed(lms, package, result.stored_data())
    assert order(learner) == retried, "the order of the new try is kept too"
    attempt.end()
    assert problems.all() == []


def start_resumed(lms, package, stored):
    attempt = lms.launch(package, "intro", stored=stored)
    learner = Learner(attempt.frame).wait_ready()
    assert learner.kind() == "quiz", "the learner returns to the knowledge check"
    return attempt, learner
