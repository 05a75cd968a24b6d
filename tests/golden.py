"""Golden manifests: what every target writes for the fixture course (tests/roots/minimal), in
every packaging mode, kept under tests/golden/<target>/<variant>/<package>/<manifest>.

A change to a manifest shows up as a diff of these files in review. After an intended change,
regenerate them and read the diff before committing:

    python3 -m tests.golden
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

from als_package.package import Package
from als_package.profiles import MODES
from als_package.render import render_course
from als_package.source import load_course
from als_package.targets import TARGETS, BuildOptions

GOLDEN = Path(__file__).parent / "golden"
FIXTURE = Path(__file__).parent / "roots" / "minimal"


def variants() -> Iterator[tuple[str, str, BuildOptions]]:
    """(target, variant, options): every target that writes a manifest, in every mode, and
    sequencing where it applies."""
    for target in (name for name, t in TARGETS.items() if t.manifest):
        for mode in MODES:
            yield target, mode, BuildOptions(mode=mode)
    yield "scorm2004-4th", "sequenced", BuildOptions(sequencing=True)


def packages(target: str, options: BuildOptions) -> list[Package]:
    return TARGETS[target].packages(render_course(load_course(FIXTURE)), options)


def manifest_name(package: Package) -> str:
    """The one manifest a package has (every target with a manifest writes exactly one)."""
    [name] = {t.manifest for t in TARGETS.values() if t.manifest} & set(package.files)
    return name


def manifests(built: list[Package]) -> dict[str, bytes]:
    """Relative golden path → manifest bytes, for the packages of one target and variant."""
    return {f"{p.filename.removesuffix('.zip')}/{manifest_name(p)}": p.files[manifest_name(p)] for p in built}


def stored(target: str, variant: str) -> dict[str, bytes]:
    folder = GOLDEN / target / variant
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def regenerate() -> None:
    """Rewrite tests/golden/ from the current code."""
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for target, variant, options in variants():
        for relative, data in manifests(packages(target, options)).items():
            path = GOLDEN / target / variant / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


if __name__ == "__main__":
    regenerate()
    print(f"rewrote {GOLDEN}: review the diff before committing")
