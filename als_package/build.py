"""The one place that knows the order: load → per target: render + manifest → check → zip → move into --out."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from als_package.model import Course
from als_package.output import write_all
from als_package.package import Package, zip_bytes, zip_timestamp
from als_package.render import render_course
from als_package.source import load_course
from als_package.targets import TARGETS, BuildOptions, Target, default_targets


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


def _check(target: Target, package: Package) -> None:
    """A broken package is our bug, not the author's: fail loudly before anything is written."""
    problems = target.check(package)
    if problems:
        raise RuntimeError(f"{package.filename}: " + "; ".join(problems))


def _ready(data: bytes) -> Future[bytes]:
    """A document needs no compressing; it waits in line with the zips to keep the target order."""
    done: Future[bytes] = Future()
    done.set_result(data)
    return done


def build(
    source: Path,
    out: Path,
    targets: tuple[str, ...] | None = None,
    options: BuildOptions = BuildOptions(),
    modules: tuple[str, ...] = (),
    progress: Callable[[str], None] = lambda message: None,
) -> BuildResult:
    started = time.perf_counter()
    stamp = zip_timestamp()
    course = load_course(source, modules)
    rendered = render_course(course, options.brand)
    options = replace(options, source=source)
    archives: list[tuple[str, str, Future[bytes]]] = []
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as compressing:  # zlib lets go of the GIL while the next target renders
        for name in targets or default_targets():
            progress(f"{name}: rendering {len(course.modules)} module(s)")
            target = TARGETS[name]
            for package in target.packages(rendered, options):
                _check(target, package)
                archives.append((name, package.filename, compressing.submit(zip_bytes, package, stamp)))
            archives += [(name, filename, _ready(data)) for filename, data in target.documents(rendered, options).items()]
        files = [(name, filename, data.result()) for name, filename, data in archives]
    write_all(out, [(filename, data) for _, filename, data in files])
    written = [Written(target, out / filename, len(data)) for target, filename, data in files]
    return BuildResult(course, written, time.perf_counter() - started)
