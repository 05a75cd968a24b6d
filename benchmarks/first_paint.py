"""First contentful paint of a module inside an LMS frame, side by side with the least a SCO
can be: a static one-page SCO that only calls LMSInitialize.

    python benchmarks/first_paint.py [PAIRS]

Both play in headless Chromium in the scorm-again host of tests/browser (an iframe in the LMS
page, as Moodle and Cornerstone launch a SCO), interleaved pair by pair, each module of the
real course's SCORM 1.2 package in turn. Prints the medians and their ratio (issue 11's goal:
≤ 1.5×). Needs the test dependencies (scripts/install-test-deps.sh).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright  # noqa: E402

from als_package.build import build  # noqa: E402
from tests.browser import lms as harness  # noqa: E402

STATIC_PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Static SCO</title></head>
<body><h1>What is leadership?</h1><p>A static page that only finds the LMS and initialises.</p>
<script>
var w = window; while (w && !w.API && w.parent && w.parent !== w) { w = w.parent; }
if (w && w.API) { w.API.LMSInitialize(""); }
</script></body></html>
"""
STATIC_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="STATIC" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <organizations default="ORG"><organization identifier="ORG"><title>Static</title>
    <item identifier="ITEM-static" identifierref="RES-static"><title>Static</title></item>
  </organization></organizations>
  <resources><resource identifier="RES-static" type="webcontent" adlcp:scormtype="sco" href="static/index.html">
    <file href="static/index.html"/></resource></resources>
</manifest>
"""
FCP = """() => new Promise((resolve) => {
  const find = () => performance.getEntriesByName("first-contentful-paint")[0];
  const poll = () => find() ? resolve(find().startTime) : setTimeout(poll, 10);
  poll();
})"""


def static_package(server: harness.StaticServer, work: Path) -> harness.Package:
    folder = work / "static-src"
    (folder / "static").mkdir(parents=True)
    (folder / "static" / "index.html").write_text(STATIC_PAGE, encoding="utf-8")
    (folder / "imsmanifest.xml").write_text(STATIC_MANIFEST, encoding="utf-8")
    return harness.open_package(server, harness.zip_folder(folder, work / "static.zip"), work / "static")


def first_paint(lms: harness.Lms, package: harness.Package, sco: str) -> float:
    attempt = lms.launch(package, sco)
    attempt.frame.wait_for_load_state("load")
    seconds = attempt.frame.evaluate(FCP)
    attempt.end()
    return seconds


def main(pairs: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="als-first-paint-"))
    [course_zip] = [w.path for w in build(REPO / "course_src", work / "dist", ("scorm12",)).written]
    server = harness.start_lms_server()
    try:
        course = harness.open_package(server, course_zip, work / "course")
        static = static_package(server, work)
        modules = [sco.folder for sco in course.manifest.scos]
        with sync_playwright() as playwright:
            browser = harness.launch_chromium(playwright)
            lms = harness.Lms(harness.new_page(browser), server)
            first_paint(lms, static, "static")  # warm the browser and the server once
            ours, baseline = [], []
            for index in range(pairs):
                baseline.append(first_paint(lms, static, "static"))
                ours.append(first_paint(lms, course, modules[index % len(modules)]))
            browser.close()
    finally:
        server.stop()
    ours_ms, base_ms = statistics.median(ours), statistics.median(baseline)
    print(f"module page in an LMS frame: {ours_ms:.0f} ms first contentful paint (median of {pairs})")
    print(f"static one-page SCO:         {base_ms:.0f} ms")
    print(f"ratio: {ours_ms / base_ms:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 12)
