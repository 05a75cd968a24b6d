"""The practice loop and the course self-assessment reach the real LRS (ralph) from the cmi5
package: the self-assessment answers as `answered` likert statements about course-level
activities (`IRI/self-assessment/before/ID`, `…/after/ID`, docs/xapi.md), so L&D can compare
before and after across learners; the practice answer as `answered` with no words in it
(free text stays private unless the course opts in)."""

from __future__ import annotations

import uuid

from tests.browser.course import course_yaml, module_folders

from .checks import common_problems, free_text_problems, unexpected
from .learning import IRI_BASE, Plan, delivered, module_session, module_source, verb
from .test_cmi5_lrs import launch

ASSESSMENT = course_yaml()["self_assessment"]
STATEMENTS = [s["id"] for s in ASSESSMENT["statements"]]
FIRST, SECOND, LAST = (module_source(module_id) for module_id in ("everybody-leads", "what-is-leadership", "leadership-pipeline"))


def ratings(phase: str, shift: int) -> dict[str, int]:
    return {f"self-assessment.{phase}.{sid}": 1 + (n + shift) % len(ASSESSMENT["scale"]) for n, sid in enumerate(STATEMENTS)}


def likert_answers(statements: list[dict]) -> dict[str, str]:
    """Object id -> response of every likert `answered` statement."""
    return {
        s["object"]["id"]: s["result"]["response"] for s in statements if verb(s) == "answered" and s["object"]["definition"]["interactionType"] == "likert"
    }


def test_modules_are_the_ones_the_course_lists():
    assert [FIRST.folder, LAST.folder] == [module_folders()[0], module_folders()[-1]] and SECOND.folder == module_folders()[1]


def test_before_and_after_reach_the_lrs_as_likert_answers(browser, launcher, ralph, cmi5_package):
    registration = str(uuid.uuid4())
    expected = {}
    for module, phase, shift in ((FIRST, "before", 0), (LAST, "after", 1)):
        answers = ratings(phase, shift)
        visit = browser.run(module_session, launch(launcher, cmi5_package, module.id, registration).url, Plan(module, ratings=answers))
        assert unexpected(visit.problems) == []
        expected |= {f"{IRI_BASE}/self-assessment/{phase}/{key.rsplit('.', 1)[1]}": str(v) for key, v in answers.items()}
    statements = delivered(launcher, ralph, registration, count=2)
    assert likert_answers(statements) == expected
    definitions = {s["object"]["id"]: s["object"]["definition"] for s in statements if s["object"]["id"] in expected}
    assert all([c["description"]["en-GB"] for c in d["scale"]] == ASSESSMENT["scale"] for d in definitions.values())
    assert common_problems(statements, registration) == []


def test_the_practice_answer_is_answered_without_its_words(browser, launcher, ralph, cmi5_package):
    registration = str(uuid.uuid4())
    texts = {p["id"]: f"private-practice-{uuid.uuid4().hex[:8]}" for p in SECOND.practice_prompts}
    plan = Plan(SECOND, steps=1, texts=texts)
    visit = browser.run(module_session, launch(launcher, cmi5_package, SECOND.id, registration).url, plan)
    assert unexpected(visit.problems) == []
    statements = delivered(launcher, ralph, registration)
    answered = [s for s in statements if verb(s) == "answered"]
    assert [s["object"]["id"] for s in answered] == [f"{IRI_BASE}/{SECOND.id}/practice/prompts/{p}" for p in texts]
    assert free_text_problems(launcher, statements, registration, texts) == []
    assert common_problems(statements, registration) == []
