"""Output targets: one module per standard, listed in TARGETS. Adding a standard = one file + one entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from als_package.model import Course
from als_package.package import Package


@dataclass(frozen=True)
class BuildOptions:
    per_module: bool = False


class Target(Protocol):
    name: str
    summary: str

    def packages(self, course: Course, options: BuildOptions) -> list[Package]:
        """Every package this standard makes from `course`, in memory."""


def _targets() -> dict[str, Target]:
    from als_package.targets.scorm12 import Scorm12

    return {t.name: t for t in (Scorm12(),)}


TARGETS: dict[str, Target] = _targets()
