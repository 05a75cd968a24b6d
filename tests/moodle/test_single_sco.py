"""Single-SCO packages in Moodle 4.3: SCORM 1.2 and the SCORM 2004 package `--lms moodle` builds."""

from __future__ import annotations

import re

import pytest

from .scenarios import modules, retry_check, take_check

COURSE_SCO = "ITEM-everybody-leads"
STATUS = {"scorm12-single-sco": "cmi.core.lesson_status", "scorm2004-single-sco": "cmi.success_status"}


@pytest.mark.parametrize("build", ["scorm12-single-sco", "scorm2004-single-sco"])
def test_passing_every_module_in_the_course_menu_completes_the_activity(build, moodle, import_activity, learner):
    activity = import_activity(build)
    person = learner()
    person.enter_course_menu(activity)
    for module_source in modules():
        module = person.open_module(module_source.id)
        take_check(module, module_source, right=True)
        person.back_to_menu()
    person.exit_activity()

    stored = moodle.tracking(activity)
    assert stored.value(COURSE_SCO, STATUS[build]) == "passed"
    assert stored.complete, "the course was passed, yet Moodle shows the activity as not done"
    assert stored.grade == 100
    assert person.failed_calls() == [], person.failed_calls()


def test_scorm2004_exit_and_time_arrive_after_ten_retries(moodle, import_activity, learner):
    first = modules()[0]
    activity = import_activity("scorm2004-single-sco")
    person = learner()
    person.enter_course_menu(activity)
    module = person.open_module(first.id)
    take_check(module, first, right=False)
    for _ in range(10):
        retry_check(module, first, right=False)
    person.exit_activity()

    stored = moodle.tracking(activity)
    assert stored.value(COURSE_SCO, "cmi.exit") == "suspend"
    assert re.fullmatch(r"PT.*S", stored.value(COURSE_SCO, "cmi.session_time") or "")
    assert stored.value(COURSE_SCO, "cmi.total_time") not in (None, "PT0H0M0S")
    ids = [i["id"] for i in stored.interactions(COURSE_SCO)]
    assert len(ids) == len(set(ids)) == len(first.questions), "retries must update the question's record, not append"
    assert person.failed_calls() == []


@pytest.mark.parametrize("build", ["scorm12-single-sco", "scorm2004-single-sco"])
def test_leaving_half_way_and_resuming_in_the_course_menu(build, moodle, import_activity, learner):
    second = modules()[1]
    prompt = second.prompts[0]["id"]
    exit_element = {"scorm12-single-sco": "cmi.core.exit", "scorm2004-single-sco": "cmi.exit"}[build]
    activity = import_activity(build)
    person = learner()
    person.enter_course_menu(activity)
    module = person.open_module(second.id)
    module.goto(module.step_of_kind("reflection"))
    module.write(prompt, "I can lead without the title.")
    module.goto(module.steps()[2][0])
    person.exit_activity()

    stored = moodle.tracking(activity)
    assert stored.value(COURSE_SCO, exit_element) == "suspend"
    assert stored.value(COURSE_SCO, "cmi.suspend_data")
    menu = person.enter_course_menu(activity)
    assert menu.inner_text(f"[data-status-for='{second.id}']") == "In progress"
    module = person.open_module(second.id)
    assert module.current() == module.steps()[2][0]
    assert module.text_value(prompt) == "I can lead without the title."
    person.exit_activity()
    assert moodle.tracking(activity).attempts == [1]
    assert person.failed_calls() == []
