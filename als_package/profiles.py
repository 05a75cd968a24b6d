"""LMS profiles: tested defaults for where the packages will be uploaded (see docs/lms/).

A profile picks the standard, packaging mode and status semantics; any option given
explicitly on the command line still wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Mode = Literal["course", "per-module", "single-sco"]
MODES: tuple[Mode, ...] = ("course", "per-module", "single-sco")


@dataclass(frozen=True)
class Profile:
    name: str
    targets: tuple[str, ...]  # empty: every target
    mode: Mode
    # What a module reports after a failed knowledge check while the learner may still retry:
    # "failed" (the SCORM meaning), or "incomplete" for LMSs that treat failed as final.
    failed_while_retrying: Literal["failed", "incomplete"]


PROFILES: dict[str, Profile] = {
    # Every standard, one SCO per module, plain SCORM semantics.
    "generic": Profile("generic", (), "course", "failed"),
    # Moodle plays SCORM 1.2 fully (SCORM 2004 without sequencing); its table of contents
    # tracks and grades each module's SCO.
    "moodle": Profile("moodle", ("scorm12",), "course", "failed"),
    # Cornerstone documents SCORM 2004 3rd edition and reports it best; one SCO is the most
    # portable form, and a SCORM 1.2 "failed" would block the learner, so keep incomplete.
    "cornerstone": Profile("cornerstone", ("scorm2004-3rd",), "single-sco", "incomplete"),
}
