"""Statements are not lost, never stored twice and never sent with another session's
credentials: the LRS goes down (the real ralph is stopped, the launcher answers 502 as a
gateway does) while the learner passes or leaves, and the next launch is made in the same
browser profile; 429 and 5xx are retried no sooner than the LRS's Retry-After, however
often the learner clicks. The launcher refuses (403) any statement written with a cmi5 token
of another session or after its session ended, as a strict LMS does."""

from __future__ import annotations

import time
import uuid
from collections import Counter

from tests.browser.course import Learner

from .checks import unexpected
from .cmi5_rules import SESSION, registration_problems, session_problems
from .conftest import XAPI_MODULES
from .learning import IRI_BASE, Plan, Visit, delivered, leave, module_source, open_page, verb, wait_for, work
from .test_cmi5_lrs import ACTOR

MODULE = "decisions-and-priorities"


def refused(launcher, registration: str) -> list[int]:
    """Statuses of the registration's statement writes the LMS refused outright (4xx)."""
    return [
        r.status
        for r in launcher.statement_writes()
        if 400 <= r.status < 500 and any((s.get("context") or {}).get("registration") == registration for s in r.statements())
    ]


def test_an_outcome_lost_in_an_outage_is_derived_again_by_the_next_session_never_replayed(browser, launcher, ralph, cmi5_package):
    """Session 1 passes while the LRS is down and is left; session 2, in the same browser
    profile, must not send session 1's queue with its own token (the LMS would refuse it, or
    take session 1's terminated as its own end): it finds passed and completed were never
    stored and sends them itself."""
    registration = str(uuid.uuid4())
    module = module_source(MODULE)
    url = f"{cmi5_package.url}{MODULE}/index.html"
    first = launcher.cmi5(url, f"{IRI_BASE}/{MODULE}", ACTOR, registration)
    pages = {}

    def start(browser_):
        pages["page"], pages["problems"] = open_page(browser_, first.url)
        work(Learner(pages["page"].main_frame).wait_ready(), Plan(module, steps=2))

    def pass_and_leave(browser_):
        learner = Learner(pages["page"].main_frame)
        learner.goto(learner.step_of_kind("quiz"))
        work(learner, Plan(module, steps=0, quiz="right"))
        return leave(pages["page"], Visit(), pages["problems"])

    browser.run(start)
    wait_for(lambda: len(launcher.sent_statements(registration)) >= 4 and launcher.in_flight == 0, "the first statements")
    ralph.stop()
    try:
        browser.run(pass_and_leave)  # answered, passed, completed, terminated: all refused with 502
        wait_for(
            lambda: any(r.status == 502 and verb(s) == "terminated" for r in launcher.statement_writes() for s in r.statements()), "terminated to be refused"
        )
    finally:
        ralph.start()
    lost = launcher.sent_statements(registration) - {s["id"] for s in ralph.statements()}

    second = launcher.cmi5(url, f"{IRI_BASE}/{MODULE}", ACTOR, registration)

    def relaunch(browser_):
        pages["page"].goto(second.url)  # same page, same localStorage
        Learner(pages["page"].main_frame).wait_ready()
        keys = pages["page"].evaluate("() => Object.keys(localStorage).join(' ')")
        return leave(pages["page"], Visit(notes=[keys]), pages["problems"])

    visit = browser.run(relaunch)
    assert first.session_id not in visit.notes[0]  # session 1's queue is gone from the browser
    statements = delivered(launcher, ralph, registration, lost=lost)
    session1 = [verb(s) for s in statements if s["context"]["extensions"].get(SESSION) == first.session_id]
    session2 = [verb(s) for s in statements if s["context"]["extensions"].get(SESSION) == second.session_id]
    assert session1 == ["launched", "initialized", "experienced", "experienced", "experienced"]
    assert session2 == ["launched", "initialized", "resumed", "experienced", "passed", "completed", "terminated"]
    passed = next(s for s in statements if verb(s) == "passed")
    assert passed["result"]["score"]["raw"] == 100
    assert refused(launcher, registration) == []
    second_token_writes = [
        s
        for r in launcher.statement_writes()
        if r.at > launcher.requests("POST", "/fetch/")[-1].at
        for s in r.statements()
        if s["context"].get("registration") == registration
    ]
    assert {s["context"]["extensions"][SESSION] for s in second_token_writes} == {second.session_id}
    assert verb(second_token_writes[0]) == "initialized"
    assert session_problems(statements, second) == [] and registration_problems(statements) == []
    assert max(Counter(s["id"] for s in statements).values()) == 1
    assert unexpected([p for p in visit.problems if "502" not in p]) == []  # the outage itself


def test_an_outage_at_exit_is_resent_by_the_next_xapi_launch(browser, launcher, ralph, xapi_package):
    """TinCan credentials stand for the learner, not a session: the next launch in the same
    browser sends what the last one left queued, before its own statements, each once."""
    registration = str(uuid.uuid4())
    actor = {"objectType": "Agent", "name": "Learner Six", "mbox": "mailto:learner-6@example.org"}
    module = module_source(XAPI_MODULES[0])
    pages = {}

    def fail_check(browser_):
        pages["page"], pages["problems"] = open_page(browser_, launcher.tincan(xapi_package.url + "index.html", actor, registration))
        pages["page"].click(f"button[data-open='{module.id}']")
        learner = Learner(pages["page"].query_selector("#als-module-frame").content_frame()).wait_ready()
        learner.goto(learner.step_of_kind("quiz"))
        work(learner, Plan(module, steps=0, quiz="wrong"))

    def leave_course(browser_):
        pages["page"].click("#als-back")  # the module's failed goes out now: refused
        return leave(pages["page"], Visit(), pages["problems"])

    browser.run(fail_check)
    wait_for(lambda: len(launcher.sent_statements(registration)) >= 3 + len(module.questions) and launcher.in_flight == 0, "the answers to be stored")
    ralph.stop()
    try:
        browser.run(leave_course)
        wait_for(
            lambda: any(
                r.status == 502 and verb(s) == "terminated"
                for r in launcher.statement_writes()
                for s in r.statements()
                if s["context"].get("registration") == registration
            ),
            "terminated to be refused",
        )
    finally:
        ralph.start()
    lost = launcher.sent_statements(registration) - {s["id"] for s in ralph.statements()}

    def relaunch(browser_):
        pages["page"].goto(launcher.tincan(xapi_package.url + "index.html", actor, registration))
        pages["page"].wait_for_selector("#als-menu:not([hidden])")
        return leave(pages["page"], Visit(), pages["problems"])

    browser.run(relaunch)
    statements = delivered(launcher, ralph, registration, count=2)
    assert lost and lost <= {s["id"] for s in statements}
    verbs = [verb(s) for s in statements]
    assert verbs.count("failed") == 1 and verbs.count("initialized") == 2
    first_terminated = verbs.index("terminated")
    assert verbs[first_terminated - 2 : first_terminated + 2] == ["failed", "suspended", "terminated", "initialized"]
    assert max(Counter(s["id"] for s in statements).values()) == 1
    assert refused(launcher, registration) == []


def test_retries_wait_for_retry_after_whatever_the_learner_clicks(browser, launcher, ralph, cmi5_package):
    """ralph never answers 429, nor 503 with Retry-After, so the launcher injects them with
    Retry-After: 2 (the one mocked fault); the learner keeps clicking Next meanwhile. (Not
    408 here: Chromium itself resends a request answered 408 on a reused connection.)"""
    registration = str(uuid.uuid4())
    au = launcher.cmi5(f"{cmi5_package.url}{MODULE}/index.html", f"{IRI_BASE}/{MODULE}", ACTOR, registration)
    launcher.refuse_statements(429, 503, retry_after="2")

    def session(browser_):
        page, problems = open_page(browser_, au.url)
        learner = Learner(page.main_frame).wait_ready()
        work(learner, Plan(module_source(MODULE), steps=3))  # three clicks while the LRS says wait
        wait_for(lambda: not launcher.faults and launcher.in_flight == 0 and len(launcher.sent_statements(registration)) >= 5, "the refusals to be used up")
        return leave(page, Visit(), problems)

    browser.run(session)
    statements = delivered(launcher, ralph, registration)
    writes = [r for r in launcher.statement_writes() if any(s["context"].get("registration") == registration for s in r.statements())]
    assert [r.status for r in writes[:3]] == [429, 503, 204]
    assert writes[0].statements() == writes[1].statements() == writes[2].statements()  # the same statement, tried again
    assert writes[1].at - writes[0].at >= 1.95 and writes[2].at - writes[1].at >= 1.95
    assert [verb(s) for s in statements] == ["launched", "initialized"] + ["experienced"] * 4 + ["suspended", "terminated"]
    assert session_problems(statements, au) == []


def test_exit_waits_for_the_lrs_only_so_long(browser, launcher, ralph, cmi5_package):
    """With the LRS down, Exit still takes the learner back to the LMS after a bounded wait;
    what was not stored stays queued in the browser."""
    registration = str(uuid.uuid4())
    au = launcher.cmi5(f"{cmi5_package.url}{MODULE}/index.html", f"{IRI_BASE}/{MODULE}", ACTOR, registration, return_url=launcher.return_url)

    def exit_while_down(browser_):
        page, problems = open_page(browser_, au.url)
        Learner(page.main_frame).wait_ready()
        wait_for(lambda: launcher.in_flight == 0 and len(launcher.sent_statements(registration)) >= 2, "the first statements")
        ralph.stop()
        try:
            clicked = time.monotonic()
            with page.expect_navigation(timeout=15000):
                page.click("button#als-exit")
            waited = time.monotonic() - clicked
        finally:
            ralph.start()
        url_after = page.url
        page.goto(cmi5_package.url + "runtime/als.js")  # the package's origin, to read what it kept
        queued = page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('als:xapi:queue:')).map((k) => localStorage.getItem(k)).join('')")
        return leave(page, Visit(notes=[queued, waited], url_after=url_after), problems)

    visit = browser.run(exit_while_down)
    assert visit.url_after == launcher.return_url
    assert "/verbs/terminated" in visit.notes[0]  # kept: the LRS never stored it
    assert 4.5 <= visit.notes[1] < 10  # the adapter's bound (5 s), not the LRS, decided
