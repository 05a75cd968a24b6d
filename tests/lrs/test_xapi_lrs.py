"""The xAPI (TinCan) package played in Chromium, launched by the test LMS, statements read
back from ralph: leave and resume on another device, pass the course, fail it. Each module
reports its own outcome; the course follows the result rule shown in the menu."""

from __future__ import annotations

import json
import uuid

from tests.browser.course import COURSE_SRC, load_yaml

from .checks import answered_problems, common_problems, unexpected
from .conftest import XAPI_MODULES
from .learning import IRI_BASE, Plan, course_session, delivered, module_source, step_ids, step_iri, verb

ACTOR = {"objectType": "Agent", "name": "Learner Two", "mbox": "mailto:learner-2@example.org"}
SESSION = f"{IRI_BASE}/xapi/extensions/session"
ATTEMPT = f"{IRI_BASE}/xapi/extensions/attempt"


def plan(module_id: str, quiz: str | None, steps: int | None = None, tries: int = 1) -> Plan:
    module = module_source(module_id)
    return Plan(
        module,
        steps=steps,
        quiz=quiz,
        tries=tries,
        texts={f["id"]: f"My private answer to {f['id']}." for f in module.prompts + module.tool_fields},
        ratings={s["id"]: 2 for s in module.tool_statements},
    )


def about(statements: list[dict], object_id: str) -> list[str]:
    return [verb(s) for s in statements if s["object"]["id"] == object_id]


def test_leave_resume_elsewhere_and_pass_the_course(browser, launcher, ralph, xapi_package):
    registration = str(uuid.uuid4())
    url = launcher.tincan(xapi_package.url + "index.html", ACTOR, registration)
    first = plan(XAPI_MODULES[0], None, steps=2)
    visit = browser.run(course_session, url, [first])
    assert unexpected(visit.problems) == []
    session1 = delivered(launcher, ralph, registration)
    assert [verb(s) for s in session1] == ["initialized"] + ["experienced"] * 3 + ["suspended", "terminated"]
    shown = step_ids(first.module)[:3]
    assert [s["object"]["id"] for s in session1[1:4]] == [step_iri(first.module, p) for p in shown]

    # A new launch in another browser (a new context: no local copy) resumes from the State API.
    url = launcher.tincan(xapi_package.url + "index.html", ACTOR, registration)
    rest = plan(XAPI_MODULES[0], "right", steps=len(first.module.step_kinds) - 3)
    second = plan(XAPI_MODULES[1], "right")
    visit = browser.run(course_session, url, [rest, second])
    assert unexpected(visit.problems) == []
    statements = delivered(launcher, ralph, registration, count=2)
    session2 = statements[len(session1) :]
    verbs = [verb(s) for s in session2]
    assert verbs[:3] == ["initialized", "resumed", "experienced"]
    assert session2[2]["object"]["id"] == step_iri(first.module, shown[2])  # the bookmark
    assert verbs[-3:] == ["passed", "completed", "terminated"] and "suspended" not in verbs and "failed" not in verbs
    passed = session2[-3]
    assert passed["object"]["id"] == IRI_BASE
    assert passed["result"]["score"] == {"scaled": 1, "raw": 100, "min": 0, "max": 100} and passed["result"]["success"] is True
    for p in (rest, second):
        module_iri = f"{IRI_BASE}/{p.module.id}"
        assert about(session2, module_iri) == ["completed", "passed"]  # every step seen, then the check passed
        module_passed = next(s for s in session2 if s["object"]["id"] == module_iri and verb(s) == "passed")
        assert module_passed["result"]["score"]["raw"] == 100
        assert [a["id"] for a in module_passed["context"]["contextActivities"]["parent"]] == [IRI_BASE]
        assert answered_problems(session2, p, module_iri) == []
        quiz = next(s for s in session2 if s["object"]["id"] == f"{module_iri}/quiz")
        assert quiz["object"]["definition"]["name"] == {"en-GB": f"{load_module_title(p.module.id)}: Knowledge check"}
    assert {s["context"]["extensions"][ATTEMPT] for s in session2 if verb(s) == "answered" and "/questions/" in s["object"]["id"]} == {1}
    assert len({s["context"]["extensions"][SESSION] for s in session1}) == 1
    assert len({s["context"]["extensions"][SESSION] for s in session2}) == 1
    assert session1[0]["context"]["extensions"][SESSION] != session2[0]["context"]["extensions"][SESSION]
    texts = [s for s in session2 if verb(s) == "answered" and s["object"]["definition"]["interactionType"] == "long-fill-in"]
    assert sorted(s["object"]["id"].rsplit("/", 1)[-1] for s in texts) == sorted([*rest.texts, *second.texts])
    assert all("response" not in s["result"] for s in texts)  # the course does not opt in: no free text
    assert "My private answer" not in json.dumps(statements)
    likert = [s for s in session2 if verb(s) == "answered" and s["object"]["definition"]["interactionType"] == "likert"]
    assert len(likert) == len(first.module.tool_statements) and all(s["result"] == {"response": "2", "duration": s["result"]["duration"]} for s in likert)
    assert common_problems(statements, registration) == []


def load_module_title(module_id: str) -> str:
    return module_source(module_id).raw["title"]


def test_failing_every_module_fails_the_course_at_its_weakest_score(browser, launcher, ralph, xapi_package):
    """With the 0.95 actor and an LMS activity id. The course result rule: passed when every
    module is; the course score is the lowest module score, so a failed course never shows a
    score at or above the mastery score. The first module's check is tried twice."""
    registration = str(uuid.uuid4())
    old_actor = {"name": ["Learner Three"], "mbox": ["mailto:learner-3@example.org"]}
    launch_id = "https://lms.example.org/activities/everybody-leads-xapi"
    url = launcher.tincan(xapi_package.url + "index.html", old_actor, registration, activity_id=launch_id)
    plans = [plan(XAPI_MODULES[0], "wrong", tries=2), plan(XAPI_MODULES[1], "wrong")]

    visit = browser.run(course_session, url, plans, lambda page: page.inner_text("#als-course-rule"))
    assert unexpected(visit.problems) == []
    mastery = load_yaml(COURSE_SRC / "course.yaml")["mastery_score"]
    assert f"({mastery}% or more)" in visit.notes[-1] and "lowest knowledge check score" in visit.notes[-1]
    statements = delivered(launcher, ralph, registration)
    verbs = [verb(s) for s in statements]
    assert verbs[0] == "initialized" and verbs[-3:] == ["failed", "suspended", "terminated"]
    assert about(statements, launch_id) == ["initialized", "failed", "suspended", "terminated"]
    scores = {p.module.id: p.module.score_for([q.wrong_answer() for q in p.module.questions]) for p in plans}
    failed = statements[-3]
    assert failed["result"]["score"]["raw"] == min(scores.values()) < mastery and failed["result"]["success"] is False
    for p in plans:
        module_iri = f"{IRI_BASE}/{p.module.id}"
        assert about(statements, module_iri) == ["completed", "failed"]  # every step seen, the check not passed
        module_failed = next(s for s in statements if s["object"]["id"] == module_iri and verb(s) == "failed")
        assert module_failed["result"]["score"]["raw"] == scores[p.module.id]
        assert answered_problems([s for s in statements if s["context"]["extensions"].get(ATTEMPT) != 2], p, module_iri) == []
    tries = [s["context"]["extensions"][ATTEMPT] for s in statements if f"{XAPI_MODULES[0]}/questions/" in s["object"]["id"]]
    assert tries == [1] * len(plans[0].module.questions) + [2] * len(plans[0].module.questions)
    assert all(s["actor"] == {"objectType": "Agent", "name": "Learner Three", "mbox": "mailto:learner-3@example.org"} for s in statements)
    assert common_problems(statements, registration) == []
