"""The xAPI (TinCan) package played in Chromium, launched by the test LMS, statements read
back from ralph: leave and resume on another device, pass the course, fail it."""

from __future__ import annotations

import uuid

from .checks import answered_problems, common_problems, unexpected
from .conftest import XAPI_MODULES
from .learning import IRI_BASE, Plan, course_session, delivered, module_source, step_ids, verb

ACTOR = {"objectType": "Agent", "name": "Learner Two", "mbox": "mailto:learner-2@example.org"}


def plan(module_id: str, quiz: str | None, steps: int | None = None) -> Plan:
    module = module_source(module_id)
    return Plan(module, steps=steps, quiz=quiz,
                texts={f["id"]: f"My answer to {f['id']}." for f in module.prompts + module.tool_fields},
                ratings={s["id"]: 2 for s in module.tool_statements})


def test_leave_resume_elsewhere_and_pass_the_course(browser, launcher, ralph, xapi_package):
    registration = str(uuid.uuid4())
    url = launcher.tincan(xapi_package.url + "index.html", ACTOR, registration)
    first = plan(XAPI_MODULES[0], None, steps=2)
    visit = browser.run(course_session, url, [first])
    assert unexpected(visit.problems) == []
    session1 = delivered(launcher, ralph, registration)
    assert [verb(s) for s in session1] == ["initialized"] + ["experienced"] * 3 + ["suspended", "terminated"]
    shown = step_ids(first.module)[:3]
    assert [s["object"]["id"] for s in session1[1:4]] == [f"{IRI_BASE}/{first.module.id}/pages/{p}" for p in shown]

    # A new launch in another browser (a new context: no local copy) resumes from the State API.
    url = launcher.tincan(xapi_package.url + "index.html", ACTOR, registration)
    rest = plan(XAPI_MODULES[0], "right", steps=len(first.module.step_kinds) - 3)
    second = plan(XAPI_MODULES[1], "right")
    visit = browser.run(course_session, url, [rest, second])
    assert unexpected(visit.problems) == []
    statements = delivered(launcher, ralph, registration, count=2)
    session2 = statements[len(session1):]
    verbs = [verb(s) for s in session2]
    assert verbs[:3] == ["initialized", "resumed", "experienced"]
    assert session2[2]["object"]["id"] == f"{IRI_BASE}/{first.module.id}/pages/{shown[2]}"  # the bookmark
    assert verbs[-3:] == ["passed", "completed", "terminated"] and "suspended" not in verbs and "failed" not in verbs
    passed = session2[-3]
    assert passed["object"]["id"] == IRI_BASE
    assert passed["result"]["score"] == {"scaled": 1, "raw": 100, "min": 0, "max": 100} and passed["result"]["success"] is True
    for p in (rest, second):
        assert answered_problems(session2, p, f"{IRI_BASE}/{p.module.id}") == []
    texts = {s["object"]["id"].rsplit("/", 1)[-1]: s["result"]["response"] for s in session2
             if verb(s) == "answered" and s["object"]["definition"]["interactionType"] == "long-fill-in"}
    assert texts == {f["id"]: f"My answer to {f['id']}." for p in (rest, second) for f in p.module.prompts + p.module.tool_fields}
    likert = [s for s in session2 if verb(s) == "answered" and s["object"]["definition"]["interactionType"] == "likert"]
    assert len(likert) == len(first.module.tool_statements) and all(s["result"] == {"response": "2", "duration": s["result"]["duration"]} for s in likert)
    assert common_problems(statements, registration) == []


def test_failing_every_module_fails_the_course_with_the_0_95_actor_and_activity_id(browser, launcher, ralph, xapi_package):
    registration = str(uuid.uuid4())
    old_actor = {"name": ["Learner Three"], "mbox": ["mailto:learner-3@example.org"]}
    launch_id = "https://lms.example.org/activities/everybody-leads-xapi"
    url = launcher.tincan(xapi_package.url + "index.html", old_actor, registration, activity_id=launch_id)
    plans = [plan(m, "wrong") for m in XAPI_MODULES]
    visit = browser.run(course_session, url, plans)
    assert unexpected(visit.problems) == []
    statements = delivered(launcher, ralph, registration)
    verbs = [verb(s) for s in statements]
    assert verbs[0] == "initialized" and verbs[-3:] == ["failed", "suspended", "terminated"]
    assert "passed" not in verbs and "completed" not in verbs
    failed = statements[-3]
    expected = round(sum(p.module.score_for([q.wrong_answer() for q in p.module.questions]) for p in plans) / len(plans))
    assert failed["result"]["score"]["raw"] == expected and failed["result"]["success"] is False
    assert {s["object"]["id"] for s in statements if verb(s) in ("initialized", "failed", "terminated")} == {launch_id}
    assert all(s["actor"] == {"objectType": "Agent", "name": "Learner Three", "mbox": "mailto:learner-3@example.org"} for s in statements)
    for p in plans:
        assert answered_problems(statements, p, f"{IRI_BASE}/{p.module.id}") == []
    assert common_problems(statements, registration) == []
