"""Statements are not lost and never stored twice: the LRS goes down mid-module (the real
ralph is stopped, the launcher answers 502 as a gateway does), the page is left while it is
down, and the next launch delivers what was queued; 429 and 408 are retried. Every statement
the content tried to send must be in ralph exactly once."""

from __future__ import annotations

import uuid
from collections import Counter

from tests.browser.course import Learner

from .cmi5_rules import SESSION, session_problems
from .learning import IRI_BASE, Plan, Visit, delivered, leave, module_source, open_page, verb, wait_for, work
from .test_cmi5_lrs import ACTOR

MODULE = "decisions-and-priorities"
QUEUE_EMPTY = """() => Object.keys(localStorage).filter((k) => k.startsWith('als:xapi:queue:') && !k.endsWith(':parked'))
                      .every((k) => localStorage.getItem(k) === '[]')"""


def test_an_lrs_outage_and_a_page_left_meanwhile_lose_nothing_and_duplicate_nothing(browser, launcher, ralph, cmi5_package):
    registration = str(uuid.uuid4())
    module = module_source(MODULE)
    url = f"{cmi5_package.url}{MODULE}/index.html"
    first = launcher.cmi5(url, f"{IRI_BASE}/{MODULE}", ACTOR, registration)
    pages = {}

    def start(browser_):
        pages["page"], pages["problems"] = open_page(browser_, first.url)
        work(Learner(pages["page"].main_frame).wait_ready(), Plan(module, steps=2))

    def more_steps(browser_):
        work(Learner(pages["page"].main_frame), Plan(module, steps=2))
        return leave(pages["page"], Visit(), pages["problems"])

    browser.run(start)
    wait_for(lambda: len(launcher.sent_statements(registration)) >= 4 and launcher.in_flight == 0, "the first statements")
    ralph.stop()
    try:
        browser.run(more_steps)  # two more experienced, then suspended and terminated at page hide: all refused
        wait_for(lambda: any(r.status == 502 for r in launcher.requests("PUT", "/xapi/statements")), "a refused statement")
    finally:
        ralph.start()
    assert not [s for s in ralph.statements() if verb(s) == "terminated" and s["context"].get("registration") == registration]

    # The next launch in the same browser sends what the last one left queued, then its own.
    second = launcher.cmi5(url, f"{IRI_BASE}/{MODULE}", ACTOR, registration)

    def relaunch(browser_):
        pages["page"].goto(second.url)  # same page, same localStorage
        Learner(pages["page"].main_frame).wait_ready()
        return leave(pages["page"], Visit(), pages["problems"])

    browser.run(relaunch)
    statements = delivered(launcher, ralph, registration, count=2)
    stored = Counter(s["id"] for s in statements)
    assert max(stored.values()) == 1
    assert launcher.sent_statements(registration) == set(stored) - {s["id"] for s in statements if verb(s) == "launched"}
    attempts = Counter(r.body["id"] for r in launcher.requests("PUT", "/xapi/statements") if isinstance(r.body, dict))
    assert any(n > 1 for n in attempts.values())  # resends happened, and none was stored twice
    session1 = [verb(s) for s in statements if s["context"]["extensions"].get(SESSION) == first.session_id]
    assert session1 == ["launched", "initialized"] + ["experienced"] * 5 + ["suspended", "terminated"]
    for au in (first, second):
        assert session_problems(statements, au) == []


def test_429_and_408_are_retried_until_stored_once(browser, launcher, ralph, cmi5_package):
    """ralph never answers 429 or 408, so the launcher injects them (the one mocked fault)."""
    registration = str(uuid.uuid4())
    au = launcher.cmi5(f"{cmi5_package.url}{MODULE}/index.html", f"{IRI_BASE}/{MODULE}", ACTOR, registration)
    launcher.refuse_statements(429, 429, 408)

    def session(browser_):
        page, problems = open_page(browser_, au.url)
        learner = Learner(page.main_frame).wait_ready()
        work(learner, Plan(module_source(MODULE), steps=1))
        # Retried in the page, not left to the next launch: the queue empties while it is open.
        wait_for(lambda: not launcher.faults and page.evaluate(QUEUE_EMPTY), "the queue to empty after the refusals")
        return leave(page, Visit(), problems)

    browser.run(session)
    statements = delivered(launcher, ralph, registration)
    statuses = Counter(r.status for r in launcher.requests("PUT", "/xapi/statements") if isinstance(r.body, dict)
                       and r.body.get("context", {}).get("registration") == registration)
    assert statuses[429] == 2 and statuses[408] == 1
    assert [verb(s) for s in statements] == ["launched", "initialized", "experienced", "experienced", "suspended", "terminated"]
    assert session_problems(statements, au) == []
