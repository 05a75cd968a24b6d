"""Runtime figures: what a package costs the learner's browser and the LMS.

Run: python benchmarks/runtime_figures.py   (needs the test dependencies: scripts/install-test-deps.sh)

For each SCORM target, every module of the real course is launched in headless Chromium
against scorm-again (the test harness in tests/browser) and read from first to last step:
- time from the SCO's navigation start to LMSInitialize (the player's `als:lms-connected`
  mark) and to the first step shown (`als:first-content`), median over modules;
- bytes of JavaScript + CSS the package ships, and of one module page;
- API calls and commits per step viewed.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from als_package.build import build  # noqa: E402
from als_package.targets import TARGETS  # noqa: E402
from tests.browser import lms as harness  # noqa: E402
from tests.browser.course import Learner, ModuleSource, module_folders  # noqa: E402

MARKS_JS = "(name) => performance.getEntriesByName(name)[0].startTime"


def shipped_bytes(zip_path: Path) -> tuple[int, int]:
    with zipfile.ZipFile(zip_path) as archive:
        runtime = sum(i.file_size for i in archive.infolist() if i.filename.startswith("runtime/"))
        pages = [i.file_size for i in archive.infolist() if i.filename.endswith("/index.html")]
    return runtime, int(statistics.median(pages))


def measure(lms: harness.Lms, package: harness.Package, standard: str) -> dict[str, float]:
    connected, first, calls, commits, views = [], [], 0, 0, 0
    for folder in module_folders():
        module = ModuleSource.load(folder)
        attempt = lms.launch(package, module.id, standard=standard)
        learner = Learner(attempt.frame).wait_ready()
        connected.append(attempt.frame.evaluate(MARKS_JS, "als:lms-connected"))
        first.append(attempt.frame.evaluate(MARKS_JS, "als:first-content"))
        steps = learner.steps()
        for _ in steps[1:]:
            learner.next()
        result = attempt.end()
        views += len(steps)
        calls += len([c for c in result.calls if c.method not in harness.ERROR_QUERIES])
        commits += len(result.method_calls(harness.COMMIT[standard]))
    return {
        "to LMSInitialize (ms)": statistics.median(connected),
        "to first content (ms)": statistics.median(first),
        "API calls / step": calls / views,
        "commits / step": commits / views,
    }


def main() -> None:
    from playwright.sync_api import sync_playwright

    server = harness.start_lms_server()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = harness.launch_chromium(playwright)
        lms = harness.Lms(harness.new_page(browser), server)
        print(f"{'target':<15} {'JS+CSS bytes':>12} {'page bytes':>10}  figures")
        for name in [t for t in TARGETS if t.startswith("scorm")]:
            written = build(REPO / "course_src", Path(tmp) / name, (name,)).written[0].path
            package = harness.open_package(server, written, Path(tmp) / f"{name}-open")
            runtime, page = shipped_bytes(written)
            figures = measure(lms, package, "scorm12" if name == "scorm12" else "scorm2004")
            shown = ", ".join(f"{k} {v:.1f}" for k, v in figures.items())
            print(f"{name:<15} {runtime:>12,} {page:>10,}  {shown}")
        browser.close()
    server.stop()


if __name__ == "__main__":
    main()
