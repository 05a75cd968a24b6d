"""SCORM 2004 3rd edition with a SCO per module (`--mode course`) in Moodle 4.3.

Moodle's player keeps one API object per visit that stays terminated after a SCO ends, so
the next SCO cannot start until the learner reopens the activity. The package must say so
rather than let the learner work on unsaved; one SCO per visit works fully.
"""

from __future__ import annotations

from .scenarios import modules, read_to_end, sco_id, take_check

REOPEN = "Leave the activity and open it again to continue this module."


def test_a_module_passes_with_activity_completion(moodle, import_activity, learner):
    first = modules()[0]
    activity = import_activity("scorm2004-course", completionstatusallscos=0, completionstatusrequired=2)
    person = learner()
    module = person.enter(activity)
    read_to_end(module)
    take_check(module, first, right=True)
    person.exit_activity()

    stored = moodle.tracking(activity)
    sco = sco_id(first)
    assert (stored.value(sco, "cmi.completion_status"), stored.value(sco, "cmi.success_status")) == ("completed", "passed")
    assert stored.value(sco, "cmi.score.raw") == "100"
    assert stored.value(sco, "cmi.exit") == "normal"
    assert (stored.value(sco, "cmi.session_time") or "").startswith("PT")
    assert stored.complete
    assert person.failed_calls() == []


def test_moving_on_in_the_same_visit_tells_the_learner_to_reopen(moodle, import_activity, learner):
    first, second = modules()[:2]
    activity = import_activity("scorm2004-course")
    person = learner()
    module = person.enter(activity)
    take_check(module, first, right=True)
    module.goto(module.steps()[-1][0])
    module.click("button#als-next")  # "Next module": adl.nav.request continue, as the package offers

    blocked = person.module(second.id)
    assert REOPEN in blocked.status_text()
    person.open_from_contents(activity.scoid(sco_id(modules()[2])))  # Moodle's contents list: the same
    assert REOPEN in person.module(modules()[2].id).status_text()
    assert [(c.name, c.error) for c in person.failed_calls()] == [("Initialize", "104"), ("Initialize", "104")]
    person.exit_activity()

    stored = moodle.tracking(activity)
    assert stored.value(sco_id(first), "cmi.success_status") == "passed"
    assert stored.value(sco_id(second), "cmi.location") is None, "nothing was stored for the module that could not start"

    person.calls.clear()
    module = person.enter(activity)  # reopened: Moodle starts the first module not yet passed
    assert module.module_id() == second.id
    assert module.status_text() == ""
    take_check(module, second, right=True)
    person.exit_activity()
    assert moodle.tracking(activity).value(sco_id(second), "cmi.success_status") == "passed"
    assert person.failed_calls() == []
