"""The one place that knows the order: load → per target: render + manifest → check → zip → move into --out."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from als_package.model import Course
from als_package.output import write_all
from als_package.package import Package, zip_bytes, zip_timestamp
from als_package.render import render_course
from als_package.source import load_course
from als_package.targets import TARGETS, BuildOptions
from als_package.targets.manifest_checks import manifest_problems
from als_package.targets.tincan_checks import tincan_problems


@dataclass(frozen=True)
class Written:
    target: str
    path: Path
    size: int


@dataclass(frozen=True)
class BuildResult:
    course: Course
    written: list[Written]
    seconds: float


CHECKS = {"imsmanifest.xml": manifest_problems, "tincan.xml": tincan_problems}


def _check(package: Package) -> None:
    """A broken manifest is our bug, not the author's: fail loudly before anything is written."""
    problems = [problem for name, check in CHECKS.items() if name in package.files
                for problem in check(etree.fromstring(package.files[name]), set(package.files))]
    if problems:
        raise RuntimeError(f"{package.filename}: " + "; ".join(problems))


def build(
    source: Path,
    out: Path,
    targets: tuple[str, ...] = tuple(TARGETS),
    options: BuildOptions = BuildOptions(),
    modules: tuple[str, ...] = (),
    progress: Callable[[str], None] = lambda message: None,
) -> BuildResult:
    started = time.perf_counter()
    stamp = zip_timestamp()
    course = load_course(source, modules)
    rendered = render_course(course)
    archives: list[tuple[str, str, bytes]] = []
    for name in targets:
        progress(f"{name}: rendering {len(course.modules)} module(s)")
        target = TARGETS[name]
        for package in target.packages(rendered, options):
            _check(package)
            archives.append((name, package.filename, zip_bytes(package, stamp)))
        documents = getattr(target, "documents", None)
        archives += [(name, filename, data) for filename, data in (documents(course, options) if documents else {}).items()]
    write_all(out, [(filename, data) for _, filename, data in archives])
    written = [Written(target, out / filename, len(data)) for target, filename, data in archives]
    return BuildResult(course, written, time.perf_counter() - started)
