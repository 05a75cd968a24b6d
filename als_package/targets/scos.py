"""What a SCORM package holds in each packaging mode, shared by the SCORM 1.2 and 2004 targets.

course      one package, one SCO per module
per-module  one package per module
single-sco  one package whose only SCO is the course menu (index.html) hosting every module
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from als_package.model import Module
from als_package.package import Package
from als_package.render import RenderedCourse
from als_package.targets import BuildOptions
from als_package.targets.content import add_course_shell, add_module, add_runtime, add_schemas


@dataclass(frozen=True)
class Sco:
    """One launchable unit: a module, or the whole course in single-sco mode."""

    id: str
    title: str
    summary: str
    minutes: int
    mastery_score: float | None  # None: the SCO decides its status itself (single-sco, no knowledge check)
    launch: str
    files: tuple[str, ...]
    module: Module | None


@dataclass
class ScormPlan:
    package: Package
    manifest_id: str
    scos: list[Sco]
    runtime: list[str]


def _module_sco(package: Package, rendered: RenderedCourse, module: Module, adapters: tuple[str, ...], extra: dict) -> Sco:
    files = add_module(package, rendered, module, adapters, extra)
    mastery = module.mastery_score if module.quiz else None  # an LMS must not turn "completed" into passed/failed
    return Sco(module.id, module.title, module.summary, module.minutes, mastery, files[0], tuple(files), module)


PageData = Callable[[Module, tuple[Module, ...]], dict]


def plan_packages(rendered: RenderedCourse, options: BuildOptions, adapters: tuple[str, ...], suffix: str, schema_set: str,
                  page_data: PageData = lambda module, modules: {}) -> list[ScormPlan]:
    """Packages with their pages, runtime and `schema_set`'s schemas added; the caller writes each manifest.

    `page_data(module, modules in its package)` adds target-specific data to a module SCO's page.
    """
    course = rendered.course
    extra = {"policy": options.player_policy()}
    groups = [(f"{course.id}-{m.id}", (m,)) for m in course.modules] if options.mode == "per-module" else [(course.id, course.modules)]
    plans = []
    for ident, modules in groups:
        package = Package(f"{ident}-{suffix}{'-single-sco' if options.mode == 'single-sco' else ''}.zip")
        if options.mode == "single-sco":
            files = add_course_shell(package, rendered, adapters, extra)
            minutes = sum(m.minutes for m in course.modules)
            scos = [Sco(course.id, course.title, course.description, minutes, None, files[0], tuple(files), None)]
        else:
            scos = [_module_sco(package, rendered, m, adapters, extra | page_data(m, modules)) for m in modules]
        runtime = add_runtime(package, adapters, shell=options.mode == "single-sco")
        add_schemas(package, schema_set)
        plans.append(ScormPlan(package, f"MANIFEST-{ident}", scos, runtime))
    return plans
