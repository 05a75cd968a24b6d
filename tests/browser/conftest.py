"""Fixtures for the browser tests: one web server and one Chromium per session.

- ``lms_server``: the 127.0.0.1 web server with the LMS host page, scorm-again and axe-core.
- ``chromium`` (tests/conftest.py): headless Debian Chromium driven by Playwright, one per session.
- ``page`` / ``problems``: the session's page, reused by every test (storage cleared and
  everything unloaded in between), with console errors, uncaught exceptions and failed
  requests of this test collected in ``problems``; ``fresh_page`` is a page in a context of
  its own, for tests that install a fake clock.
- ``lms``: an :class:`Lms` player on that page.
- ``open_zip``: unzip a package into a temp dir, serve it, read its manifest.
- ``scorm12_package``: the real course built by the CLI into a temp dir, opened.

Missing Chromium or node_modules fail the tests (HarnessError); nothing is skipped.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from . import lms as lmsmod
from .scorm2004_support import MODES


@pytest.fixture(scope="session")
def lms_server():
    server = lmsmod.start_lms_server()
    yield server
    server.stop()


@pytest.fixture
def problems() -> lmsmod.PageProblems:
    return lmsmod.PageProblems()


@pytest.fixture(scope="session")
def shared_page(chromium, lms_server):
    shared = lmsmod.SharedPage(chromium, lms_server.origin)
    yield shared
    shared.close()


@pytest.fixture
def page(shared_page, problems):
    """The session's page (reused: a context per test costs a quarter of a second)."""
    yield shared_page.use(problems)
    shared_page.reset()


@pytest.fixture
def fresh_page(chromium, problems):
    """A page in a context of its own, for tests that change the context (its clock...)."""
    page = lmsmod.new_page(chromium, problems)
    yield page
    page.context.close()


@pytest.fixture
def lms(page, lms_server) -> lmsmod.Lms:
    return lmsmod.Lms(page, lms_server)


@pytest.fixture(scope="session")
def open_zip(lms_server, tmp_path_factory):
    """Unzip a package (a path to a .zip) into a temp dir and serve it: returns a Package."""
    opened: dict[Path, lmsmod.Package] = {}

    def _open(zip_path: Path) -> lmsmod.Package:
        zip_path = Path(zip_path).resolve()
        if zip_path not in opened:
            dest = tmp_path_factory.mktemp(zip_path.stem[:40])
            opened[zip_path] = lmsmod.open_package(lms_server, zip_path, dest)
        return opened[zip_path]

    return _open


@pytest.fixture(scope="session")
def tiny_package(open_zip, tmp_path_factory) -> lmsmod.Package:
    """The hand-written SCO in fixtures/tiny-sco, zipped and opened like a built package."""
    zip_path = tmp_path_factory.mktemp("tiny") / "tiny-scorm12.zip"
    lmsmod.zip_folder(lmsmod.FIXTURES_DIR / "tiny-sco", zip_path)
    return open_zip(zip_path)


@pytest.fixture(scope="session")
def scorm12_package(open_zip, tmp_path_factory) -> lmsmod.Package:
    """The course's SCORM 1.2 package, built from course_src/ with the CLI into a temp folder."""
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run(
        [sys.executable, "-m", "als_package", "build", "--source", str(lmsmod.REPO_ROOT / "course_src"), "--out", str(out), "--target", "scorm12"],
        cwd=lmsmod.REPO_ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, f"the build failed:\n{proc.stdout}\n{proc.stderr}"
    zips = sorted(out.glob("*scorm12.zip"))
    assert len(zips) == 1, f"expected one *scorm12.zip in the output, found {[z.name for z in out.iterdir()]}"
    package = open_zip(zips[0])
    assert package.manifest.schemaversion == "1.2"
    return package


@pytest.fixture(scope="session")
def scorm2004_builds(tmp_path_factory) -> dict[str, Path]:
    """Packaging mode -> the folder the CLI built both SCORM 2004 editions into."""
    folders = {}
    for mode in MODES:
        out = tmp_path_factory.mktemp(f"scorm2004-{mode}")
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "als_package",
                "build",
                "--source",
                str(lmsmod.REPO_ROOT / "course_src"),
                "--out",
                str(out),
                "--target",
                "scorm2004-3rd",
                "--target",
                "scorm2004-4th",
                "--mode",
                mode,
                "--quiet",
            ],
            cwd=lmsmod.REPO_ROOT,
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 0, f"the {mode} build failed:\n{proc.stdout}\n{proc.stderr}"
        folders[mode] = out
    return folders
