"""ADL API discovery, for both SCORM APIs: up the parents (a player frame between the LMS page
and the SCO), then through the opener (the SCO in a new window). One test, parametrized."""

from __future__ import annotations

import pytest

from .course import first_module, start
from .scorm2004_support import assert_clean_session as clean_2004_session
from .scorm2004_support import package_for, start_module
from .test_scorm12_course import assert_clean_session as clean_12_session

LOCATION = {"scorm12": "cmi.core.lesson_location", "scorm2004": "cmi.location"}
CLEAN_SESSION = {"scorm12": clean_12_session, "scorm2004": clean_2004_session}


@pytest.fixture
def launch(lms, scorm12_package, open_zip, scorm2004_builds):
    """(standard) -> a function that starts the first module of that standard's package in `mode`."""

    def launcher(standard: str, mode: str):
        module = first_module()
        if standard == "scorm12":
            return start(lms, scorm12_package, module, mode=mode)
        return start_module(lms, package_for(open_zip, scorm2004_builds, "3rd", "course", module.id), module, mode=mode)

    return launcher


@pytest.mark.parametrize("mode", ["nested", "popup"])
@pytest.mark.parametrize("standard", ["scorm12", "scorm2004"])
def test_the_api_is_found_from_a_nested_frame_and_from_a_new_window(launch, problems, standard, mode):
    attempt, learner = launch(standard, mode)
    assert learner.status_text() == "", "connected to the LMS: no standalone notice"
    learner.next()
    here = learner.current()
    result = attempt.end()
    CLEAN_SESSION[standard](result, problems)
    assert result.committed_value(LOCATION[standard]) == here
    if standard == "scorm12":
        assert result.committed_value("cmi.core.exit") == "suspend"
