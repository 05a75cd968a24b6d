"""Edit-to-reload latency of `als-build preview`, and what the per-module render cache saves.

    python benchmarks/preview_reload.py [EDITS]

A preview of a copy of the real course (12 modules, SCORM 1.2) runs in-process; headless
Chromium plays the first module in its LMS frame. Each edit rewrites one page of the second
module, and the clock runs from the write until the content frame shows the edited text
(watchfiles notices, rebuild, long poll, the attempt ended and resumed, the page loaded).
Also the rebuild alone: everything rendered (a cold cache) against one module changed.
Needs the test dependencies (scripts/install-test-deps.sh).
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright  # noqa: E402

from als_package.preview.app import Preview  # noqa: E402
from als_package.preview.site import Builder  # noqa: E402
from als_package.profiles import PROFILES  # noqa: E402
from tests.browser import lms as harness  # noqa: E402


def rebuild_times(source: Path, rounds: int = 5) -> tuple[float, float, int]:
    """Best full build (cold cache) and best rebuild after one page changed, and how many modules that rebuild rendered."""
    options = PROFILES["generic"].options()
    cold = min(_timed(Builder(source, "scorm12", options).build) for _ in range(rounds))
    builder = Builder(source, "scorm12", options)
    builder.build()
    page = sorted((source / "02-what-is-leadership" / "pages").glob("*.md"))[0]
    warm, rendered = [], 0
    for i in range(rounds):
        page.write_text(page.read_text() + f"\nEdit {i}.\n")
        started = time.perf_counter()
        site = builder.build()
        warm.append(time.perf_counter() - started)
        rendered = len(site.rendered)
    return cold, min(warm), rendered


def _timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def reload_latencies(source: Path, edits: int) -> list[float]:
    preview = Preview(source, "scorm12", PROFILES["generic"].options(), "generic", 0, say=lambda text: None).start()
    page_file = sorted((source / "01-everybody-leads" / "pages").glob("*.md"))[0]
    original = page_file.read_text()
    latencies = []
    try:
        with sync_playwright() as playwright:
            browser = harness.launch_chromium(playwright)
            page = harness.new_page(browser)
            page.goto(preview.url)
            page.wait_for_selector("body[data-ready='true'][data-attempt='running']")
            for i in range(edits):
                marker = f"Reload marker {i}."
                started = time.perf_counter()
                page_file.write_text(original + f"\n{marker}\n")
                page.wait_for_function(
                    "(marker) => { const f = document.getElementById('content').contentDocument; return f && f.body && f.body.textContent.includes(marker); }",
                    arg=marker,
                    timeout=30_000,
                )
                latencies.append(time.perf_counter() - started)
                time.sleep(0.5)
            browser.close()
    finally:
        preview.stop()
    return latencies


def main() -> None:
    edits = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "course_src"
        shutil.copytree(REPO / "course_src", source)
        cold, warm, rendered = rebuild_times(source)
        latencies = reload_latencies(source, edits)
    print(f"rebuild, every module rendered (cold cache): {cold * 1000:.0f} ms")
    print(f"rebuild after one page changed: {warm * 1000:.0f} ms ({rendered} of 12 modules rendered again)")
    print(f"edit to reloaded page, {edits} edits: median {statistics.median(latencies):.2f} s, max {max(latencies):.2f} s")


if __name__ == "__main__":
    main()
