"""Fixtures for the xAPI/cmi5 tests with real parts: one ralph, one launcher, one content
server and one Chromium per session; the packages built once by the CLI.

- ``ralph``: the LRS (tests/lrs/ralph_lrs.py), from the virtualenv scripts/install-lrs.sh makes;
- ``launcher``: the LMS side (tests/lrs/launcher.py), the endpoint packages are launched with;
- ``content``: the harness's static server (tests.browser.lms.StaticServer), another origin;
- ``browser``: the session's Chromium (tests/conftest.py), shared with tests/browser;
- ``xapi_package`` / ``cmi5_package``: built from course_src/ with `als-build`, unzipped
  and served: the xAPI package with two modules (the course outcome needs every module),
  the cmi5 package with all twelve.

Anything missing (ralph, Chromium, node_modules) fails the tests; nothing is skipped.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser.lms import REPO_ROOT, StaticServer, unzip

from .launcher import Launcher
from .learning import close_contexts
from .ralph_lrs import Ralph

XAPI_MODULES = ("knowing-yourself", "what-is-leadership")


@dataclass(frozen=True)
class Served:
    folder: Path
    url: str  # the package root's URL, ending in /


@pytest.fixture(scope="session")
def ralph(tmp_path_factory):
    lrs = Ralph(tmp_path_factory.mktemp("ralph")).start()
    yield lrs
    lrs.stop()


@pytest.fixture(scope="session")
def launcher(ralph):
    lms = Launcher(ralph)
    yield lms
    lms.close()


@pytest.fixture(scope="session")
def content():
    server = StaticServer()
    server.start()
    yield server
    server.stop()


class SessionBrowser:
    """The session's Chromium, called as `run(scenario, *args)` → `scenario(browser, *args)`."""

    def __init__(self, chromium) -> None:
        self.chromium = chromium

    def run(self, scenario, *args):
        return scenario(self.chromium, *args)


@pytest.fixture
def browser(chromium):
    """The session's Chromium; the test's browser contexts are closed after it."""
    yield SessionBrowser(chromium)
    close_contexts(chromium)


def build(out: Path, *args: str, source: Path = REPO_ROOT / "course_src") -> Path:
    proc = subprocess.run(
        [sys.executable, "-m", "als_package", "build", "--source", str(source), "--out", str(out), "--quiet", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, f"the build failed:\n{proc.stdout}\n{proc.stderr}"
    return out


def serve(content: StaticServer, zip_path: Path, dest: Path) -> Served:
    folder = unzip(zip_path, dest)
    return Served(folder, content.url(content.mount_package(folder, zip_path.stem)))


@pytest.fixture(scope="session")
def xapi_build(tmp_path_factory) -> Path:
    modules = [arg for m in XAPI_MODULES for arg in ("--module", m)]
    return build(tmp_path_factory.mktemp("xapi-dist"), "--target", "xapi", *modules)


@pytest.fixture(scope="session")
def cmi5_build(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("cmi5-dist"), "--target", "cmi5")


@pytest.fixture(scope="session")
def xapi_package(content, xapi_build, tmp_path_factory) -> Served:
    return serve(content, xapi_build / "everybody-leads-xapi.zip", tmp_path_factory.mktemp("xapi-pkg"))


@pytest.fixture(scope="session")
def cmi5_package(content, cmi5_build, tmp_path_factory) -> Served:
    return serve(content, cmi5_build / "everybody-leads-cmi5.zip", tmp_path_factory.mktemp("cmi5-pkg"))
