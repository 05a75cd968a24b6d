"""The package in Moodle's player as docs/lms/moodle.md recommends displaying it: the step
navigation on screen without scrolling, the contents list closed in a small frame, one scroll area.
Screenshots are written to $ALS_SCREENSHOTS (default /tmp/als-screenshots) for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path

from tests.browser.course import Learner

from .scenarios import read_to_end

SCREENSHOTS = Path(os.environ.get("ALS_SCREENSHOTS", "/tmp/als-screenshots"))

# The SCO's page inside its frame: its size, where Next is, whether the contents list is open,
# whether the page itself scrolls and which elements scroll.
MEASURE = """() => {
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowY) && el.scrollHeight > el.clientHeight + 1;
  const next = document.querySelector("#als-next").getBoundingClientRect();
  return {
    width: innerWidth, height: innerHeight, nextTop: next.top, nextBottom: next.bottom, nextRight: next.right,
    tocOpen: document.querySelector(".als-toc-wrap").open,
    pageScrolls: document.scrollingElement.scrollHeight > innerHeight + 1,
    scrollAreas: Array.from(document.querySelectorAll("body *")).filter(scrolls).map((el) => el.className || el.id),
  };
}"""


def measure(page, module: Learner, name: str) -> tuple[dict, dict, Path]:
    """Walk the module (long pages, the tool, the check), come back to step 2, and measure it as the
    learner sees it: Moodle's page scrolled to the top."""
    read_to_end(module)
    module.goto(module.steps()[1][0])
    page.evaluate("() => window.scrollTo(0, 0)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(shot))
    return page.query_selector("#scorm_object").bounding_box(), module.frame.evaluate(MEASURE), shot


def assert_fits(seen: dict, shot: Path) -> None:
    assert 0 <= seen["nextTop"] and seen["nextBottom"] <= seen["height"], f"Next is outside the frame: {seen} ({shot})"
    assert seen["nextRight"] <= seen["width"], f"Next is outside the frame: {seen} ({shot})"
    assert not seen["pageScrolls"], f"the module page itself scrolls, taking the navigation away ({shot})"
    assert seen["scrollAreas"] == ["als-layout"], f"only the content may scroll: {seen['scrollAreas']} ({shot})"


def test_in_moodles_frame_at_1280x900(import_activity, learner):
    """Current window: Moodle gives the package about 650×666 beside its contents list."""
    activity = import_activity("scorm12-course")
    person = learner(1280, 900)
    _, seen, shot = measure(person.page, person.enter(activity), "moodle-current-window-1280x900")
    assert seen["width"] < 700 and seen["height"] < 700, f"expected Moodle's small frame, got {seen}"
    assert_fits(seen, shot)
    assert not seen["tocOpen"], "in a small frame the module's contents list starts closed"
    assert person.failed_calls() == []


def test_in_a_new_window_at_1366x768(import_activity, learner):
    """New window (the guide's choice for laptop screens): everything on screen, nothing of Moodle's page scrolls."""
    activity = import_activity("scorm12-course", popup=1, width=100, height=100)
    person = learner(1366, 768)
    person.page.goto(activity.view_url)
    with person.context.expect_page() as opened:
        person.page.click("#n")
    window = opened.value
    module = Learner(window.wait_for_selector("#scorm_object").content_frame()).wait_ready()
    frame, seen, shot = measure(window, module, "moodle-new-window-1366x768")
    assert_fits(seen, shot)
    assert frame["y"] + seen["nextBottom"] <= window.evaluate("innerHeight"), f"Next is below the window's edge ({shot})"
    assert window.evaluate("document.scrollingElement.scrollHeight <= innerHeight + 1"), f"Moodle's player page scrolls ({shot})"
