"""The output targets, by name. Adding a standard = a `Target` subclass in its own module
here, its runtime adapter in templates/runtime/lms/, and its line in `TARGETS` below."""

from __future__ import annotations

from als_package.targets.base import BuildOptions, Target
from als_package.targets.cmi5 import Cmi5
from als_package.targets.ld_pack import LdPack
from als_package.targets.scorm12 import Scorm12
from als_package.targets.scorm2004 import Scorm2004
from als_package.targets.xapi import Xapi

TARGETS: dict[str, Target] = {
    target.name: target
    for target in (
        Scorm12(),
        Scorm2004("3rd"),
        Scorm2004("4th"),
        Xapi(),
        Cmi5(),
        LdPack(),
    )
}
DEFAULT_TARGETS: tuple[str, ...] = tuple(name for name, target in TARGETS.items() if target.in_default_build)

__all__ = ["DEFAULT_TARGETS", "TARGETS", "BuildOptions", "Target"]
