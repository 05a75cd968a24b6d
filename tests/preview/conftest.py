"""Fixtures for the preview's tests: a preview of a writable copy of a small course,
served in-process on a free port, and a page of the session's Chromium in a context of its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from als_package.preview.app import Preview
from als_package.profiles import PROFILES
from tests.browser import lms

from .player import PreviewPage

COURSE = Path(__file__).parent / "course"


@pytest.fixture
def source(tmp_path) -> Path:
    """A writable copy of tests/preview/course: two modules, `reading` (two pages) and `check` (a page and a question)."""
    target = tmp_path / "course_src"
    shutil.copytree(COURSE, target)
    return target


@pytest.fixture
def start_preview(source, chromium):
    """start_preview(target, lms="generic", mode=None) → a PreviewPage on a running preview."""
    started: list[tuple[Preview, object]] = []

    def _start(target: str, profile: str = "generic", mode: str | None = None) -> PreviewPage:
        chosen = PROFILES[profile]
        preview = Preview(source, target, chosen.options(mode or chosen.mode_for((target,))), profile, 0, say=lambda text: None).start()
        problems = lms.PageProblems()
        page = lms.new_page(chromium, problems)
        started.append((preview, page))
        return PreviewPage(page, preview, problems).open()

    yield _start
    for preview, page in started:
        page.context.close()
        preview.stop()
