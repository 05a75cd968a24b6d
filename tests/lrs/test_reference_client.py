"""The launcher is a faithful cmi5 LMS: the third-party @xapi/cmi5 client (npm, 1.4.0) runs a
whole session against it, and its statements pass the same cmi5 rules our AU is held to.
That also shows the rules checker (tests/lrs/cmi5_rules.py) accepts a known-good AU."""

from __future__ import annotations

import uuid
from pathlib import Path

from tests.browser.lms import NODE_MODULES, require_file

from . import validators
from .checks import unexpected
from .cmi5_rules import registration_problems, session_problems
from .learning import Visit, delivered, leave, open_page, verb
from .test_cmi5_lrs import ACTOR

HERE = Path(__file__).resolve().parent
CLIENT = NODE_MODULES / "@xapi" / "cmi5" / "dist" / "Cmi5.umd.js"


def test_the_xapi_cmi5_client_completes_a_session_with_the_launcher(browser, launcher, ralph, content):
    require_file(CLIENT, "run `npm ci` at the repository root")
    content.mount("/reference/index.html", HERE / "fixtures" / "reference-au.html")
    content.mount("/reference/Cmi5.umd.js", CLIENT)
    registration = str(uuid.uuid4())
    au = launcher.cmi5(
        content.url("/reference/index.html"),
        "https://example.org/reference-au",
        ACTOR,
        registration,
        mastery=0.8,
        preferences={"languagePreference": "en-GB", "audioPreference": "on"},
    )

    def session(browser_):
        page, problems = open_page(browser_, au.url)
        page.wait_for_function("() => document.title !== 'running'")
        return leave(page, Visit(notes=[page.title()]), problems)

    visit = browser.run(session)
    assert visit.notes == ["done"]
    assert unexpected(visit.problems) == []
    statements = delivered(launcher, ralph, registration)
    assert [verb(s) for s in statements] == ["launched", "initialized", "passed", "completed", "terminated"]
    assert session_problems(statements, au) == [] and registration_problems(statements) == []
    assert validators.problems(statements) == []
    assert len(launcher.requests("POST", "/fetch/" + au.url.split("fetch=")[1].split("&")[0].rsplit("%2F", 1)[-1])) == 1
