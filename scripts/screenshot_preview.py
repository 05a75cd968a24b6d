"""Takes docs/img/preview.png: `als-build preview` of course_src/ (SCORM 1.2) in headless
Chromium, the first module one step in, with the inspector beside it.

    python scripts/screenshot_preview.py

Needs the test dependencies (scripts/install-test-deps.sh).
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright  # noqa: E402

from als_package.preview.app import Preview  # noqa: E402
from als_package.profiles import PROFILES  # noqa: E402
from tests.browser import lms as harness  # noqa: E402


def main() -> None:
    preview = Preview(REPO / "course_src", "scorm12", PROFILES["generic"].options(), "generic", 0, say=lambda text: None).start()
    try:
        with sync_playwright() as playwright:
            browser = harness.launch_chromium(playwright)
            page = harness.new_page(browser, viewport={"width": 1440, "height": 900})
            page.goto(preview.url)
            page.wait_for_selector("body[data-ready='true'][data-attempt='running']")
            content = page.frame("content")
            content.wait_for_selector("section.als-step:not([hidden])")
            content.click("button#als-next")
            page.wait_for_selector("#dm tr[data-key='location'] td:text-is('1')")
            page.screenshot(path=str(REPO / "docs" / "img" / "preview.png"))
            browser.close()
    finally:
        preview.stop()


if __name__ == "__main__":
    main()
