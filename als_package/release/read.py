"""A release on disk → its packages' descriptions: a zip as it is, a source folder built in memory.

A zip is read without unpacking it, with limits, so a hostile or broken file ends in a plain
message. A source folder is loaded and validated as `als-build check` does, rendered once
and packaged by every target, exactly as a build would, and nothing is written.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from als_package.release.describe import PackageDescription, ReleaseError, describe

MAX_ENTRIES = 20_000
MAX_BYTES = 512 * 1024 * 1024  # uncompressed, for the whole zip
READ_SUFFIXES = (".xml", ".html", ".htm", ".js")  # all a description reads


def _zip_files(path: Path) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = [i for i in archive.infolist() if not i.is_dir()]
            if len(entries) > MAX_ENTRIES or sum(i.file_size for i in entries) > MAX_BYTES:
                raise ReleaseError(f"{path}: too large to be a course package ({len(entries)} files)")
            return {i.filename: archive.read(i) for i in entries if i.filename.lower().endswith(READ_SUFFIXES)}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as error:
        raise ReleaseError(f"{path}: not a readable zip file ({error})") from None
    except OSError as error:
        raise ReleaseError(f"{path}: cannot be read ({error.strerror or error})") from None


def _built(source: Path, targets: tuple[str, ...]) -> dict[str, PackageDescription]:
    """Every package the targets make from the source folder, in memory, by target (and file when a target makes several).
    Without `targets`, those a plain build makes: the LMS packages, not the L&D toolkit."""
    from als_package.render import render_course
    from als_package.source import load_course
    from als_package.targets import TARGETS, BuildOptions

    packaged = tuple(n for n, t in TARGETS.items() if t.in_default_build)
    unknown = [t for t in targets if t not in packaged]
    if unknown:
        raise ReleaseError(f"unknown target {', '.join(unknown)}: choose from {', '.join(packaged)}")
    rendered = render_course(load_course(source))
    described = {}
    for name in targets or packaged:
        packages = TARGETS[name].packages(rendered, BuildOptions())
        for package in packages:
            key = name if len(packages) == 1 else f"{name}/{package.filename}"
            described[key] = describe(f"{source} ({key})", package.files)
    return described


def read_release(path: Path, targets: tuple[str, ...] = ()) -> dict[str, PackageDescription]:
    """The packages of a release: a package zip (one, keyed "package"), or a source folder (one per target)."""
    if path.is_dir():
        if not (path / "course.yaml").is_file():
            raise ReleaseError(f"{path}: a folder to compare must be a course source folder (holding course.yaml)")
        return _built(path, targets)
    if not path.exists():
        raise ReleaseError(f"{path}: no such file or folder")
    return {"package": describe(str(path), _zip_files(path))}
