"""Output targets: one module per standard, listed in TARGETS. Adding a standard = one file + one entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from als_package.package import Package
from als_package.profiles import PROFILES, Mode, Profile
from als_package.render import RenderedCourse


@dataclass(frozen=True)
class BuildOptions:
    mode: Mode = "course"
    sequencing: bool = False  # SCORM 2004 4th edition course packages only
    profile: Profile = PROFILES["generic"]

    def player_policy(self) -> dict:
        """The profile's status semantics, handed to player.js in each page's data."""
        return {"failedWhileRetrying": self.profile.failed_while_retrying}


class Target(Protocol):
    name: str
    summary: str

    def packages(self, rendered: RenderedCourse, options: BuildOptions) -> list[Package]:
        """Every package this standard makes from the course, its modules rendered once per build, in memory."""

    # Optional: `documents(course, options) -> dict[str, bytes]`, files written into the output
    # folder beside the packages (the xapi target's activity definitions and xAPI Profile).


def _targets() -> dict[str, Target]:
    from als_package.targets.cmi5 import Cmi5
    from als_package.targets.scorm12 import Scorm12
    from als_package.targets.scorm2004 import Scorm2004
    from als_package.targets.xapi import Xapi

    return {t.name: t for t in (Scorm12(), Scorm2004("3rd"), Scorm2004("4th"), Xapi(), Cmi5())}


TARGETS: dict[str, Target] = _targets()
