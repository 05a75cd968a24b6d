"""The preview's build: the chosen target packaged in memory, as `als-build` would zip it, but
with the runtime's readable source instead of its minified copy (als_package/minify.py).

A rebuild loads the whole source again (cheap, and every cross-check still runs) but renders
again only the modules whose content changed: rendered modules are cached by their model,
which is everything their folder holds. A failed rebuild leaves the last good site in place.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from als_package.diagnostics import SourceError, UsageProblem
from als_package.minify import readable
from als_package.model import Course, Module
from als_package.preview.units import Unit, units_of
from als_package.render import ModulePage, RenderedCourse, render_course
from als_package.source import load_course
from als_package.targets import TARGETS, BuildOptions

STANDARDS = {"scorm12": "scorm12", "scorm2004-3rd": "scorm2004", "scorm2004-4th": "scorm2004", "xapi": "xapi", "cmi5": "cmi5"}
# What the LMS keeps of a SCO's suspend_data (docs/runtime.md, LMS-NOTES "General"); xAPI state documents have no limit.
SUSPEND_LIMITS = {"scorm12": 4096, "scorm2004": 64000}


@dataclass(frozen=True)
class Site:
    """One successful build: every package's files by path, and what an LMS would launch."""

    generation: int
    course: Course
    packages: dict[str, dict[str, bytes]]
    units: tuple[Unit, ...]
    shapes: dict[str, str]  # unit id → hash of what its saved state is laid out by
    rendered: tuple[str, ...]  # the modules rendered for this build (the others came from the cache)
    seconds: float


@dataclass
class _Cached:
    module: Module
    course_key: tuple
    page: ModulePage


def _course_key(course: Course) -> tuple:
    """The course fields a module's page shows or reports with."""
    return course.id, course.title, course.iri_base, course.language, course.version


def _shape(data: dict) -> str:
    """Steps, questions and fields by id: an attempt saved under another shape cannot be resumed."""
    keys = ("steps", "questions", "checks", "likert", "texts")
    layout = {
        k: [{n: v for n, v in entry.items() if n != "text" and n != "title"} if isinstance(entry, dict) else entry for entry in data.get(k, [])] for k in keys
    }
    return hashlib.sha256(json.dumps(layout, sort_keys=True).encode()).hexdigest()[:16]


@dataclass
class Builder:
    """Builds `target` from `source` again and again, keeping rendered modules that did not change."""

    source: Path
    target: str
    options: BuildOptions
    _cache: dict[str, _Cached] = field(default_factory=dict)
    _generation: int = 0

    @property
    def standard(self) -> str:
        return STANDARDS[self.target]

    def _render(self, course: Course) -> tuple[RenderedCourse, list[str]]:
        """The course rendered, the modules whose content changed since the last build rendered again."""
        key = _course_key(course)
        stale = [m for m in course.modules if (hit := self._cache.get(m.id)) is None or hit.module != m or hit.course_key != key]
        fresh = render_course(course.model_copy(update={"modules": tuple(stale)}))
        self._cache = {m.id: self._cache[m.id] for m in course.modules if m.id in self._cache}
        self._cache |= {m.id: _Cached(m, key, fresh.pages[m.id]) for m in stale}
        return replace(fresh, course=course, pages={m.id: self._cache[m.id].page for m in course.modules}), [m.id for m in stale]

    def build(self) -> Site:
        """A new site; raises SourceError or UsageProblem with the author's mistakes."""
        started = time.perf_counter()
        course = load_course(self.source)
        rendered, fresh = self._render(course)
        packages = {p.filename.removesuffix(".zip"): readable(p.files) for p in TARGETS[self.target].packages(rendered, self.options)}
        units = tuple(u for name, files in packages.items() for u in units_of(name, files, course.id))
        shapes = {m.id: _shape(page.data) for m, page in ((m, rendered.pages[m.id]) for m in course.modules)}
        shapes[course.id] = hashlib.sha256("".join(shapes.values()).encode()).hexdigest()[:16]
        self._generation += 1
        return Site(self._generation, course, packages, units, shapes, tuple(fresh), time.perf_counter() - started)


def problems_of(error: SourceError | UsageProblem) -> list[str]:
    """An author's mistakes as the lines the terminal and the page show."""
    if isinstance(error, SourceError):
        return [str(d) for d in error.diagnostics]
    return [str(error)]
