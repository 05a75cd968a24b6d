"""Shared fixtures: fixture course roots under tests/roots/, copied so a test may break them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent
# The official schemas the packages ship (their checksums are pinned in tests/schemas/SHA256SUMS) and our
# driver schemas that import them, so lxml validates a manifest offline. Nothing is read from outside the repo.
SCHEMAS = REPO / "templates" / "schemas"
XSD_DRIVERS = Path(__file__).parent / "schemas"


@pytest.fixture
def course_copy(tmp_path, monkeypatch) -> Path:
    """A writable copy of the minimal course at ./course_src, with the cwd set beside it."""
    target = tmp_path / "course_src"
    shutil.copytree(ROOTS / "minimal", target)
    monkeypatch.chdir(tmp_path)
    return target


@pytest.fixture(scope="session")
def minimal_root() -> Path:
    return ROOTS / "minimal"


@pytest.fixture(scope="session")
def playwright_driver():
    """One Playwright driver for the whole run: its sync API allows one per thread."""
    from tests.browser import lms

    lms.require_browser_deps()
    from playwright.sync_api import sync_playwright

    manager = sync_playwright().start()
    yield manager
    manager.stop()


@pytest.fixture(scope="session")
def chromium(playwright_driver):
    """Headless Debian Chromium (never a downloaded browser), shared by the browser and LRS tests."""
    from tests.browser import lms

    browser = lms.launch_chromium(playwright_driver)
    yield browser
    browser.close()


def _moodle_unavailable() -> str | None:
    from tests.moodle.server import unavailable_reason

    return unavailable_reason()


def pytest_sessionstart(session) -> None:
    """One line, also with -q, that says whether the Moodle tier runs."""
    reason = _moodle_unavailable()
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"Moodle tier: NOT RUN: {reason}" if reason else "Moodle tier: runs against a real Moodle (tests/moodle)")


def pytest_ignore_collect(collection_path, config) -> bool | None:
    """Without Moodle's code the Moodle tier is left out (announced in the header), not skipped."""
    if collection_path.name == "moodle" and collection_path.parent == Path(__file__).parent:
        return True if _moodle_unavailable() else None
    return None


_SKIPPED: list[str] = []


def pytest_runtest_logreport(report) -> None:
    if report.skipped:
        _SKIPPED.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus) -> None:
    """A skipped test proves nothing (a browser or LRS test skipped in CI counts as failed): fail the run."""
    if _SKIPPED and exitstatus == 0:
        print(f"\n{len(_SKIPPED)} test(s) skipped; this suite allows none: {', '.join(_SKIPPED)}")
        session.exitstatus = 1
