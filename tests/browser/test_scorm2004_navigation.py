"""SCORM 2004 beyond one module: moving between a course package's SCOs with adl.nav.request,
finding API_1484_11 from a nested frame or a new window, and running without an LMS.

The test LMS does not sequence: scorm-again turns the request the SCO leaves with into a
navigation event for the LMS (SequenceNext, SequencePrevious), which the test records; the test
then launches the neighbouring SCO itself, as an LMS would.
"""

from __future__ import annotations

import pytest

from .course import Learner, ModuleSource, module_folders
from .scorm2004_support import (
    assert_clean_session,
    package_for,
    start_module,
)

FOLDERS = module_folders()


def listen_for_navigation(lms) -> None:
    """Record the navigation events scorm-again raises for the LMS when the SCO terminates."""
    lms.page.evaluate("""() => {
      window.navigationEvents = [];
      ["SequenceNext", "SequencePrevious", "SequenceExit"].forEach((name) =>
        window.lmsApi.on(name, () => window.navigationEvents.push(name)));
    }""")


def navigation_events(lms) -> list[str]:
    return lms.page.evaluate("() => window.navigationEvents")


def go_to_last_step(learner: Learner) -> None:
    learner.goto(learner.steps()[-1][0])


def button(learner: Learner, which: str) -> tuple[bool, str]:
    """(enabled, label) of #als-prev / #als-next."""
    selector = f"button#als-{which}"
    return not learner.frame.is_disabled(selector), learner.frame.inner_text(selector).strip()


@pytest.mark.parametrize("edition", ["3rd", "4th"])
def test_next_on_the_last_step_continues_and_previous_on_the_first_goes_back(lms, open_zip, scorm2004_builds, problems, edition):
    first, second = ModuleSource.load(FOLDERS[0]), ModuleSource.load(FOLDERS[1])
    package = package_for(open_zip, scorm2004_builds, edition, "course", first.id)

    attempt, learner = start_module(lms, package, first)
    listen_for_navigation(lms)
    assert button(learner, "prev") == (False, "Previous"), "the first module has nothing before it"
    learner.next()
    assert button(learner, "next") == (True, "Next")
    go_to_last_step(learner)
    assert button(learner, "next") == (True, "Next module")
    learner.goto(learner.steps()[-2][0])
    assert button(learner, "next") == (True, "Next"), "one step back, Next is a step again"
    go_to_last_step(learner)
    last = learner.current()
    learner.frame.click("button#als-next")
    learner.frame.wait_for_function("() => /next module/i.test(document.querySelector('#als-status').textContent)")
    assert navigation_events(lms) == ["SequenceNext"]
    result = attempt.end()

    assert_clean_session(result, problems)
    requests = [c for c in result.calls if c.args[:1] == ["adl.nav.request"]]
    assert [c.args[1] for c in requests] == ["continue"]
    methods = [c.method for c in result.calls]
    assert methods.index("Terminate") > requests[0].seq, "the request is set before Terminate"
    assert result.committed_value("cmi.exit") == "suspend", "the first module is not finished"
    assert result.committed_value("cmi.location") == last

    attempt, learner = start_module(lms, package, second)
    listen_for_navigation(lms)
    assert button(learner, "prev") == (True, "Previous module")
    learner.next()
    assert button(learner, "prev") == (True, "Previous")
    learner.goto(learner.steps()[0][0])
    learner.frame.click("button#als-prev")
    learner.frame.wait_for_function("() => /previous module/i.test(document.querySelector('#als-status').textContent)")
    assert navigation_events(lms) == ["SequencePrevious"]
    result = attempt.end()
    assert_clean_session(result, problems)
    assert [c.args[1] for c in result.calls if c.args[:1] == ["adl.nav.request"]] == ["previous"]


@pytest.mark.parametrize("mode, folder", [("course", FOLDERS[-1]), ("per-module", FOLDERS[0])])
def test_no_navigation_request_is_offered_without_a_next_sco(lms, open_zip, scorm2004_builds, problems, mode, folder):
    # The course package's last module, and a per-module package's only SCO.
    module = ModuleSource.load(folder)
    package = package_for(open_zip, scorm2004_builds, "4th", mode, module.id)
    attempt, learner = start_module(lms, package, module)
    listen_for_navigation(lms)
    go_to_last_step(learner)
    assert button(learner, "next") == (False, "Next")
    if mode == "per-module":
        learner.goto(learner.steps()[0][0])
        assert button(learner, "prev") == (False, "Previous")
    result = attempt.end()
    assert_clean_session(result, problems)
    assert [c for c in result.calls if c.args[:1] == ["adl.nav.request"]] == []
    assert navigation_events(lms) == []


def test_without_an_lms_the_page_runs_standalone(page, lms_server, open_zip, scorm2004_builds, problems):
    module = ModuleSource.load(FOLDERS[0])
    package = package_for(open_zip, scorm2004_builds, "4th", "course", module.id)
    page.goto(lms_server.url(package.launch_path(module.id)))
    learner = Learner(page.main_frame).wait_ready()
    assert "browser" in learner.status_text().lower()
    assert page.evaluate("() => window.API_1484_11 === undefined")
    go_to_last_step(learner)
    assert button(learner, "next") == (False, "Next"), "no LMS, no navigation request"
    assert problems.all() == []
