"""The single-SCO SCORM 1.2 package: the course menu is the one SCO, hosting every module.

It reports one status and score for the course, and keeps the whole course's state inside
SCORM 1.2's 4,096 characters by leaving free text out of the LMS copy when it would not
fit (docs/authoring.md): that text comes back from the learner's browser.
"""

from __future__ import annotations

import pytest

from als_package.build import build
from als_package.targets import BuildOptions

from . import lms as lmsmod
from .course import Learner, ModuleSource, module_folders
from .test_scorm12_course import SUSPEND_DATA_LIMIT, assert_clean_session


@pytest.fixture(scope="module")
def single_sco(open_zip, tmp_path_factory) -> lmsmod.Package:
    out = tmp_path_factory.mktemp("single")
    result = build(lmsmod.REPO_ROOT / "course_src", out, ("scorm12",), BuildOptions(mode="single-sco"))
    package = open_zip(result.written[0].path)
    assert [s.href for s in package.manifest.scos] == ["index.html"]
    return package


def open_module(attempt: lmsmod.Attempt, module: ModuleSource) -> Learner:
    shell = attempt.frame
    shell.click(f"button[data-open='{module.id}']")
    frame = shell.wait_for_selector("iframe#als-module-frame").content_frame()
    frame.wait_for_url(f"**/{module.id}/index.html")
    return Learner(frame).wait_ready()


def back_to_menu(attempt: lmsmod.Attempt) -> None:
    attempt.frame.click("#als-back")
    attempt.frame.wait_for_selector("#als-menu", state="visible")


def fill_every_text_field(learner: Learner, module: ModuleSource, mark: str) -> dict[str, str]:
    written = {}
    for kind, fields in (("reflection", module.prompts), ("tool", module.tool_fields)):
        if not fields:
            continue
        learner.goto(learner.step_of_kind(kind))
        for field in fields:
            limit = learner.frame.evaluate(f"() => document.querySelector(\"textarea[data-field='{field['id']}']\").maxLength")
            text = (f"{mark} {field['id']}: " + "a considered answer, " * 100)[:limit]
            learner.write(field["id"], text)
            written[field["id"]] = text
    return written


def test_course_state_stays_within_4096_and_free_text_comes_back_from_the_browser(lms, single_sco, problems):
    modules = [ModuleSource.load(f) for f in module_folders()[:3]]
    attempt = lms.launch(single_sco, sco=single_sco.manifest.scos[0])
    attempt.frame.wait_for_selector("[data-open]")
    written = {}
    for module in modules:
        learner = open_module(attempt, module)
        written[module.id] = fill_every_text_field(learner, module, module.id)
        back_to_menu(attempt)
    assert sum(len(t) for texts in written.values() for t in texts.values()) > SUSPEND_DATA_LIMIT
    first = attempt.end()

    assert_clean_session(first, problems)
    saved = first.committed_value("cmi.suspend_data")
    assert 0 < len(saved) <= SUSPEND_DATA_LIMIT
    assert "a considered answer" not in saved  # the text did not fit, so it stayed in the browser
    assert first.committed_value("cmi.core.lesson_status") == "incomplete"
    assert first.committed_value("cmi.core.exit") == "suspend"

    attempt = lms.launch(single_sco, sco=single_sco.manifest.scos[0], stored=first.stored_data())
    attempt.frame.wait_for_selector("[data-open]")
    for module in modules:
        learner = open_module(attempt, module)
        for field_id, text in written[module.id].items():
            assert learner.text_value(field_id) == text
        back_to_menu(attempt)
    assert_clean_session(attempt.end(), problems)


def test_passing_every_module_passes_the_course(lms, single_sco, problems):
    modules = [ModuleSource.load(f) for f in module_folders()]
    attempt = lms.launch(single_sco, sco=single_sco.manifest.scos[0])
    attempt.frame.wait_for_selector("[data-open]")
    for number, module in enumerate(modules, start=1):
        learner = open_module(attempt, module)
        for _ in learner.steps()[1:]:
            learner.next()
        learner.answer([q.right_answer() for q in module.questions])
        learner.submit()
        back_to_menu(attempt)
        assert attempt.frame.inner_text(f"[data-status-for='{module.id}']") == "Passed (100%)"
        expected = "passed" if number == len(modules) else "incomplete"
        assert attempt.snapshot().committed_value("cmi.core.lesson_status") == expected
    result = attempt.end()
    assert_clean_session(result, problems)
    assert result.committed_value("cmi.core.score.raw") == "100"
    assert result.committed_value("cmi.core.exit") == ""
    ids = {r["id"] for r in result.interactions_set()}
    assert {f"{m.id}.{q.id}" for m in modules for q in m.questions} <= ids
