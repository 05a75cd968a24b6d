"""Fixtures of the Moodle tier: the server, the packages the guide recommends, a learner."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.lms import REPO_ROOT

from .player import MoodleLearner
from .server import Activity, MoodleServer, unavailable_reason

# The settings docs/lms/moodle.md recommends (fields of Moodle's `scorm` table).
# grademethod 0 = learning objects, 1 = highest grade; whatgrade 0 = highest attempt;
# completionstatusrequired 2 | 4 = passed or completed; hidetoc 0 = contents to the side;
# nav 0 = no Moodle navigation buttons (the package has its own).
GUIDE_COURSE = {
    "popup": 0,
    "hidetoc": 0,
    "nav": 0,
    "skipview": 0,
    "displaycoursestructure": 0,
    "grademethod": 0,
    "maxgrade": 12,
    "maxattempt": 0,
    "whatgrade": 0,
    "forcenewattempt": 0,
    "masteryoverride": 1,
    "forcecompleted": 0,
    "auto": 0,
    "completionstatusrequired": 2 | 4,
    "completionstatusallscos": 1,
}
GUIDE_SINGLE_SCO = GUIDE_COURSE | {"hidetoc": 3, "grademethod": 1, "maxgrade": 100, "completionstatusrequired": 2}

# Name -> CLI arguments: the package `--lms moodle` recommends and the other forms the guide covers.
BUILDS = {
    "scorm12-course": ["--lms", "moodle"],
    # A course of one module with three pages and no knowledge check.
    "reading-scorm12-course": ["--lms", "moodle", "--source", "tests/roots/reading"],
    "reading-scorm2004-course": ["--lms", "moodle", "--source", "tests/roots/reading", "--target", "scorm2004-3rd", "--mode", "course"],
    "scorm12-single-sco": ["--lms", "moodle", "--mode", "single-sco"],
    "scorm2004-single-sco": ["--lms", "moodle", "--target", "scorm2004-3rd"],
    "scorm2004-course": ["--lms", "moodle", "--target", "scorm2004-3rd", "--mode", "course"],
}


@pytest.fixture(scope="session")
def moodle():
    reason = unavailable_reason()
    if reason:
        pytest.fail(f"the Moodle tier cannot run here: {reason}", pytrace=False)
    server = MoodleServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def moodle_zips(tmp_path_factory) -> dict[str, Path]:
    """Each build of BUILDS, made by the CLI from course_src/."""
    zips = {}
    for name, args in BUILDS.items():
        out = tmp_path_factory.mktemp(name)
        done = subprocess.run([sys.executable, "-m", "als_package", *args, "--out", str(out), "--quiet"], cwd=REPO_ROOT, capture_output=True, text=True)
        assert done.returncode == 0, f"{name}: the build failed:\n{done.stdout}\n{done.stderr}"
        (zips[name],) = out.glob("*.zip")
    return zips


@pytest.fixture
def import_activity(moodle, moodle_zips):
    """Import a build into a new Moodle course with the guide's settings (plus `changes`)."""

    def make(name: str, **changes) -> Activity:
        settings = (GUIDE_SINGLE_SCO if "single-sco" in name else GUIDE_COURSE) | changes
        return moodle.import_package(moodle_zips[name], settings)

    return make


@pytest.fixture
def learner(chromium):
    """The enrolled learner, logged in, in Moodle's player at 1280×900."""
    opened = []

    def make(width: int = 1280, height: int = 900) -> MoodleLearner:
        person = MoodleLearner(chromium, width, height)
        opened.append(person)
        return person

    yield make
    for person in opened:
        person.close()
