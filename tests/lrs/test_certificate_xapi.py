"""The xAPI course menu's certificate of completion (docs/certificate.md): once the course is
passed, it names the learner as the launch's actor does; the LRS receives nothing for it."""

from __future__ import annotations

import uuid

from .checks import unexpected
from .conftest import XAPI_MODULES
from .learning import Plan, course_session, delivered, module_source, verb

ACTOR = {"objectType": "Agent", "name": "Amara Okafor", "mbox": "mailto:amara@example.org"}


def read_certificate(page) -> str:
    page.click("#als-certificate-open")
    page.wait_for_selector("#als-certificate:not([hidden])")
    return page.inner_text("#als-certificate-name")


def test_the_certificate_names_the_launch_actor(browser, launcher, ralph, xapi_package):
    registration = str(uuid.uuid4())
    url = launcher.tincan(xapi_package.url + "index.html", ACTOR, registration)
    plans = [Plan(module_source(m), quiz="right") for m in XAPI_MODULES]
    visit = browser.run(course_session, url, plans, read_certificate)
    assert unexpected(visit.problems) == []
    assert visit.notes[-1] == "Amara Okafor"
    statements = delivered(launcher, ralph, registration)
    assert [verb(s) for s in statements][-3:] == ["passed", "completed", "terminated"]
