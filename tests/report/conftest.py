"""Fixtures for the report tests: the course's activities file, written by a real build of
course_src/ (all modules, xapi target), and cohorts of synthetic learners over it.

The LRS test plays the xAPI package with the fixtures of tests/lrs (ralph, the launcher,
the content server), imported here so both folders share one ralph per test session.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from als_package.report.definitions import SELF_ASSESSMENT
from tests.browser.lms import REPO_ROOT
from tests.lrs.conftest import browser, cmi5_build, cmi5_package, content, launcher, ralph, xapi_build, xapi_package  # noqa: F401  (fixtures)


@pytest.fixture(scope="session")
def activities_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report-dist")
    proc = subprocess.run(
        [sys.executable, "-m", "als_package", "build", "--target", "xapi", "--out", str(out), "--quiet"], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    return out / "everybody-leads-xapi-activities.json"


def _without_self_assessment(document: dict) -> dict:
    return document | {"activities": [a for a in document["activities"] if not SELF_ASSESSMENT.search(a["id"])]}


@pytest.fixture(scope="session")
def plain_activities(activities_file, tmp_path_factory) -> Path:
    """The activities file without any course self-assessment (whether or not the course has one)."""
    document = _without_self_assessment(json.loads(activities_file.read_text(encoding="utf-8")))
    path = tmp_path_factory.mktemp("report-plain") / "everybody-leads-xapi-activities.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def add_self_assessment(activities: Path, out: Path) -> Path:
    """`activities` with a known course-level self-assessment rated before and after (any the
    course has replaced), ids as the course lists its own (`COURSE/self-assessment/before/ID`, `…/after/ID`)."""
    document = _without_self_assessment(json.loads(activities.read_text(encoding="utf-8")))
    course = document["course"]
    scale = [{"id": str(n), "description": {"en-GB": label}} for n, label in enumerate(["Rarely", "Sometimes", "Often", "Always"], start=1)]
    for key, statement in (("listen", "I listen before I answer."), ("ask", "I ask for feedback on my work.")):
        for side in ("before", "after"):
            document["activities"].append(
                {
                    "id": f"{course}/self-assessment/{side}/{key}",
                    "definition": {
                        "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                        "name": {"en-GB": statement},
                        "interactionType": "likert",
                        "scale": scale,
                    },
                }
            )
    out.mkdir(parents=True, exist_ok=True)
    path = out / activities.name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def with_self_assessment(activities_file, tmp_path_factory) -> Path:
    return add_self_assessment(activities_file, tmp_path_factory.mktemp("report-sa"))
