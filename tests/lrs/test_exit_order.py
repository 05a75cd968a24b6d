"""`terminated` is the last statement the LRS stores for a cmi5 session (cmi5 §9.3.8), every
time. Leaving right after submitting the check puts the answers, failed, suspended and
terminated on the wire together: a race, so one green run proves nothing and the test plays
ten sessions in one browser profile, half left by the next launch replacing the page, half by
the Exit button (which must only go to the returnURL once terminated is stored)."""

from __future__ import annotations

import uuid
from collections import Counter

from tests.browser.course import Learner

from .checks import unexpected
from .cmi5_rules import SESSION, session_problems
from .learning import IRI_BASE, Visit, delivered_all, in_stored_order, leave, module_source, open_page, verb
from .test_cmi5_lrs import ACTOR

MODULE = "communicating-with-purpose"  # seven questions: a long burst on leaving
SESSIONS = 10


def play_sessions(browser, launches: list[tuple[object, bool]]) -> Visit:
    """In one page (one browser profile): for each launch, open the check, submit wrong
    answers and leave at once, by the Exit button or by the next launch replacing the page."""
    page, problems = open_page(browser, "about:blank")
    visit = Visit()
    for au, by_exit in launches:
        page.goto(au.url)
        learner = Learner(page.main_frame).wait_ready()
        learner.goto(learner.step_of_kind("quiz"))
        learner.answer([q.wrong_answer() for q in module_source(MODULE).questions])
        learner.submit()
        if by_exit:
            with page.expect_navigation():
                page.click("button#als-exit")
            visit.notes.append(page.url)
    return leave(page, visit, problems)


def test_terminated_is_stored_last_in_every_session(browser, launcher, ralph, cmi5_package):
    launches = [
        (
            launcher.cmi5(
                f"{cmi5_package.url}{MODULE}/index.html", f"{IRI_BASE}/{MODULE}", ACTOR, str(uuid.uuid4()), return_url=f"{launcher.return_url}?run={n}"
            ),
            n % 2 == 1,
        )
        for n in range(SESSIONS)
    ]
    visit = browser.run(play_sessions, launches)
    assert unexpected([p for p in visit.problems if not p.endswith("/favicon.ico:0)")]) == []  # the LMS's page has no icon
    assert visit.notes == [au.launch_data["returnURL"] for au, by_exit in launches if by_exit]
    questions = len(module_source(MODULE).questions)
    everything = delivered_all(launcher, ralph, [au.registration for au, _ in launches])
    for au, by_exit in launches:
        stored = in_stored_order(everything, au.registration)
        verbs = [verb(s) for s in stored]
        assert verbs[-1] == "terminated", (by_exit, verbs)
        assert verbs[-3:] == ["failed", "suspended", "terminated"] and verbs.count("answered") == questions
        assert max(Counter(s["id"] for s in stored).values()) == 1
        assert all(s["context"]["extensions"][SESSION] == au.session_id for s in stored)
        assert session_problems(stored, au) == []
        writes = [r for r in launcher.statement_writes() if any(s["context"].get("registration") == au.registration for s in r.statements())]
        assert [r.status for r in writes if r.status >= 400] == []  # nothing refused, nothing sent after terminated
        if by_exit:
            ended = next(r for r in writes if r.status < 300 and any(verb(s) == "terminated" for s in r.statements()))
            returned = launcher.requests("GET", au.launch_data["returnURL"].removeprefix(launcher.origin))
            assert len(returned) == 1 and returned[0].at > ended.at, "the learner left before terminated was stored"
