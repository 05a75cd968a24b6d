"""Our own packages, built once for the validate tests: every target, every packaging mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from als_package.build import build
from als_package.targets import BuildOptions

from ..conftest import REPO

STANDARDS = ("scorm12", "scorm2004-3rd", "scorm2004-4th", "xapi", "cmi5")


@pytest.fixture(scope="session")
def our_packages(tmp_path_factory) -> list[Path]:
    """Every zip the real course builds into: each target in each mode, and the sequenced 4th edition package."""
    out = tmp_path_factory.mktemp("ours")
    zips: list[Path] = []
    for mode, targets in (("course", STANDARDS), ("per-module", STANDARDS), ("single-sco", STANDARDS[:3])):
        zips += [w.path for w in build(REPO / "course_src", out / mode, targets, BuildOptions(mode=mode)).written]
    zips += [w.path for w in build(REPO / "course_src", out / "sequenced", ("scorm2004-4th",), BuildOptions(mode="course", sequencing=True)).written]
    return sorted(p for p in zips if p.suffix == ".zip")


@pytest.fixture(scope="session")
def scorm12_zip(our_packages) -> Path:
    return next(p for p in our_packages if p.name == "everybody-leads-scorm12.zip")


def pytest_ignore_collect(collection_path, config) -> bool | None:
    """Without the third-party corpus (corpus/README.md), test_corpus.py is left out rather than skipped:
    this suite counts a skip as a failure."""
    from .corpus_location import corpus_present

    if collection_path.name == "test_corpus.py" and not corpus_present():
        return True
    return None
