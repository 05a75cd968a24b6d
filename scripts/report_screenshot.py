"""docs/img/report.png: the top of a report over a synthetic cohort, as Chromium shows it.

Run: python scripts/report_screenshot.py   (needs Debian's /usr/bin/chromium and playwright,
as the browser tests do). 400 synthetic learners (als_package/report/synthetic.py) play a
fresh xapi build of course_src/; the report is written to a temporary folder and the first
screenful of it saved as the PNG docs/report.md shows.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright  # noqa: E402

from als_package.report.run import Request, make  # noqa: E402
from als_package.report.synthetic import cohort_from  # noqa: E402

OUT = REPO / "docs" / "img" / "report.png"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="als-report-shot-") as scratch:
        folder = Path(scratch)
        subprocess.run([sys.executable, "-m", "als_package", "build", "--target", "xapi", "--out", str(folder), "--quiet"], cwd=REPO, check=True)
        definitions = folder / "everybody-leads-xapi-activities.json"
        cohort_from(definitions, seed=4).write(folder / "statements.ndjson", 400)
        make(Request(definitions, folder / "report.html", (folder / "statements.ndjson",)))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1100, "height": 1500}, device_scale_factor=1)
            page.goto((folder / "report.html").as_uri())
            OUT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(OUT))
            browser.close()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
