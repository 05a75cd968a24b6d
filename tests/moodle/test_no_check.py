"""A module without a knowledge check gets activity completion once every step is seen.

Moodle 4.3 computes completion only when a score arrives, or when a SCO's status is stored for
the first time (docs/lms/moodle.md), so such a module reports a score of 100 when it is
completed. Built from tests/roots/reading: one module of three pages, no check.
"""

from __future__ import annotations

import pytest

from .scenarios import read_to_end

STATUS = {"reading-scorm12-course": ("cmi.core.lesson_status", "cmi.core.score.raw"), "reading-scorm2004-course": ("cmi.completion_status", "cmi.score.raw")}


@pytest.mark.parametrize("build", sorted(STATUS))
def test_reading_every_page_of_a_module_without_a_check_completes_the_activity(build, moodle, import_activity, learner):
    activity = import_activity(build, completionstatusrequired=4, maxgrade=1)
    person = learner()
    read_to_end(person.enter(activity))
    person.exit_activity()

    stored = moodle.tracking(activity)
    status, score = STATUS[build]
    assert stored.value("ITEM-reading", status) == "completed"
    assert stored.value("ITEM-reading", score) == "100"
    assert stored.complete, "the module was completed, yet Moodle shows the activity as not done"
    assert person.failed_calls() == []
