"""The target interface: what every output standard provides, and the options a build hands it.

A target turns the course, rendered once (`render.RenderedCourse`), into in-memory packages
and says what is wrong with one of them (`check`, run before anything is written); it may
add documents written beside the packages. `build.py` knows targets only through this class.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # at run time the targets module imports neither: naming targets stays cheap
    from als_package.brand import Brand
    from als_package.package import Package
    from als_package.render import RenderedCourse

Mode = Literal["course", "per-module", "single-sco"]
MODES: tuple[Mode, ...] = ("course", "per-module", "single-sco")
FailedWhileRetrying = Literal["failed", "incomplete"]


@dataclass(frozen=True)
class BuildOptions:
    mode: Mode = "course"
    sequencing: bool = False  # SCORM 2004 4th edition course packages only
    # What a module reports after a failed knowledge check while the learner may still retry:
    # "failed" (the SCORM meaning), or "incomplete" for LMSs that treat failed as final.
    failed_while_retrying: FailedWhileRetrying = "failed"
    source: Path = Path("course_src")  # the course source folder: the ld-pack target reads its own files there (course_src/ld/)
    brand: Brand | None = None  # a branded edition (als_package/brand.py), applied when the course is rendered

    def player_policy(self) -> dict:
        """The LMS profile's status semantics, handed to player.js in each page's data."""
        return {"failedWhileRetrying": self.failed_while_retrying}


class Target:
    """One output standard. Subclasses set the class attributes and write `packages`."""

    name: str
    summary: str
    manifest: str | None = None  # the control file at the root of each package, if the standard has one
    adapters: tuple[str, ...] = ()  # runtime/lms scripts its pages load, in order
    schema_set: str | None = None  # the folder of templates/schemas shipped in its packages
    in_default_build = True  # built when no --target is given

    def packages(self, rendered: RenderedCourse, options: BuildOptions) -> list[Package]:
        """Every package this standard makes from the course, in memory."""
        raise NotImplementedError

    def check(self, package: Package) -> list[str]:
        """What is wrong with one of its packages (our bug, never the author's): none by default."""
        return []

    def documents(self, rendered: RenderedCourse, options: BuildOptions) -> dict[str, bytes]:
        """Files written into the output folder beside the packages: none by default."""
        return {}
