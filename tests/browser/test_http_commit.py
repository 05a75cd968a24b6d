"""scorm-again committing to an LMS server with synchronous requests, as many LMSs do.

Browsers refuse a synchronous request while a page is being dismissed, so a commit made then
fails and the LMS logs an API error on every exit. The SCO must not commit while leaving:
LMSFinish/Terminate persist everything (scorm-again sends its final data by beacon). Here the
SCO unloads as the learner leaves, and the test server's commit endpoint shows what arrived.
"""

from __future__ import annotations

import pytest

from . import lms as lmsmod
from .course import fail_the_check, first_module, start
from .scorm2004_support import open_in_course, package_for, start_course, start_module

FINAL = {
    "scorm12": ("cmi.core.exit", "cmi.core.session_time", "cmi.suspend_data", "cmi.core.score.raw"),
    "scorm2004": ("cmi.exit", "cmi.session_time", "cmi.suspend_data", "cmi.score.raw"),
}


@pytest.mark.parametrize("case", ["scorm12", "scorm2004", "scorm2004-single-sco"])
def test_leaving_a_module_gives_no_api_error_and_loses_nothing(case, lms, lms_server, scorm12_package, open_zip, scorm2004_builds, problems):
    module = first_module()
    endpoint = f"{lmsmod.COMMIT_PATH}{case}"
    settings = {"lmsCommitUrl": lms_server.url(endpoint), "useAsynchronousCommits": False}
    standard = case.removesuffix("-single-sco")
    if case == "scorm12":
        attempt, learner = start(lms, scorm12_package, module, settings=settings)
    elif case == "scorm2004":
        package = package_for(open_zip, scorm2004_builds, "3rd", "course", module.id)
        attempt, learner = start_module(lms, package, module, settings=settings)
    else:  # the course menu is the SCO; the learner leaves with the module open in it
        package = package_for(open_zip, scorm2004_builds, "3rd", "single-sco", module.id)
        attempt, menu = start_course(lms, package, settings=settings)
        learner = open_in_course(menu, module)
    learner.next()
    _, score = fail_the_check(learner, module)
    result = attempt.end()

    assert result.errors() == [], "API calls failed:\n" + lmsmod.format_calls(result.errors())
    assert [m for m in result.log if m["level"] in (4, "ERROR")] == [], "scorm-again logged an error"
    commits = lms_server.commits(endpoint)
    assert len(commits) >= 2, "commits during the session reach the LMS server"
    arrived = lmsmod.flatten(commits[-1])
    exit_element, time_element, suspend_element, score_element = FINAL[standard]
    assert arrived.get(exit_element) == "suspend"
    assert arrived.get(time_element), f"no session time in the final commit: {sorted(arrived)}"
    assert arrived.get(suspend_element) == result.last_set("cmi.suspend_data")
    if case != "scorm2004-single-sco":  # the course score waits for every check (docs/xapi.md)
        assert str(arrived.get(score_element)) == str(score)
