"""Headless Chromium for the LRS tests, driven from a thread of its own.

Playwright's sync API allows one driver per thread, and tests/browser/conftest.py keeps its
own for the whole pytest session; a second one in the same thread fails ("using Playwright
Sync API inside the asyncio loop"). So these tests run their browser work in a dedicated
thread: :meth:`BrowserThread.run` calls a function there with the Browser and returns its
result (or raises its exception) in the test's thread. Chromium is Debian's, launched with
the harness's own settings (tests.browser.lms.launch_chromium): never a downloaded build.
"""

from __future__ import annotations

import queue
import threading
from typing import Any, Callable

from tests.browser.lms import launch_chromium, require_file, CHROMIUM

JOB_LIMIT = 300.0  # seconds for one scenario; bounds a hang, asserts nothing


class BrowserThread:
    def __init__(self) -> None:
        require_file(CHROMIUM, "install Debian's chromium (scripts/install-test-deps.sh)")
        self._jobs: queue.Queue = queue.Queue()
        self._ready: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._serve, name="lrs-browser", daemon=True)
        self._thread.start()
        started = self._ready.get(timeout=JOB_LIMIT)
        if isinstance(started, BaseException):
            raise started

    def _serve(self) -> None:
        from playwright.sync_api import sync_playwright

        try:
            driver = sync_playwright().start()
            browser = launch_chromium(driver)
        except BaseException as error:  # reported to the test thread, which fails
            self._ready.put(error)
            return
        self._ready.put(True)
        while (job := self._jobs.get()) is not None:
            function, args, done = job
            try:
                done.put((True, function(browser, *args)))
            except BaseException as error:
                done.put((False, error))
        browser.close()
        driver.stop()

    def run(self, function: Callable[..., Any], *args: Any) -> Any:
        """`function(browser, *args)` in the browser thread; its result, or its exception."""
        done: queue.Queue = queue.Queue()
        self._jobs.put((function, args, done))
        ok, value = done.get(timeout=JOB_LIMIT)
        if not ok:
            raise value
        return value

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=JOB_LIMIT)
