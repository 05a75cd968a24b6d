"""The output targets, by name. Adding a standard = a `Target` subclass in its own module
here, its runtime adapter in templates/runtime/lms/, and its line in `REGISTRY` below.

A target's module is imported when the target is first asked for, so naming the targets
(the command line's choices, `als-build --help`) imports none of them.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from functools import cache

from als_package.targets.base import BuildOptions, Target

REGISTRY: dict[str, str] = {
    "scorm12": "als_package.targets.scorm12:Scorm12",
    "scorm2004-3rd": "als_package.targets.scorm2004:Scorm2004Third",
    "scorm2004-4th": "als_package.targets.scorm2004:Scorm2004Fourth",
    "xapi": "als_package.targets.xapi:Xapi",
    "cmi5": "als_package.targets.cmi5:Cmi5",
    "ld-pack": "als_package.targets.ld_pack:LdPack",
}


@cache
def _target(name: str) -> Target:
    module, cls = REGISTRY[name].split(":")
    target: Target = getattr(importlib.import_module(module), cls)()
    return target


class _Targets(Mapping[str, Target]):
    """`REGISTRY` as a mapping of name to target, each imported on first use."""

    def __getitem__(self, name: str) -> Target:
        if name not in REGISTRY:
            raise KeyError(name)
        return _target(name)

    def __iter__(self) -> Iterator[str]:
        return iter(REGISTRY)

    def __len__(self) -> int:
        return len(REGISTRY)


TARGETS: Mapping[str, Target] = _Targets()


def default_targets() -> tuple[str, ...]:
    """What a build without --target makes: every target but those built only on request."""
    return tuple(name for name, target in TARGETS.items() if target.in_default_build)


__all__ = ["REGISTRY", "TARGETS", "BuildOptions", "Target", "default_targets"]
