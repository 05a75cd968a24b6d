"""A learner in Moodle's own SCORM player: log in, Enter, work the SCO in ``#scorm_object``,
move with Moodle's contents list, leave with Exit activity.

Every call the SCO makes on Moodle's API object is recorded by a wrapper that is installed
as the player page defines ``window.API`` / ``window.API_1484_11``, and reported through the
console (which still reaches the test while the page unloads).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from playwright.sync_api import Error as PlaywrightError

from tests.browser.course import Learner
from tests.browser.lms import WAIT_MS

from .server import LEARNER, URL, Activity

# Wraps the API object Moodle assigns, and logs each call with its return and error code.
RECORD_API_CALLS = """
(() => {
  const names = ["API", "API_1484_11"];
  names.forEach((name) => {
    let wrapped;
    Object.defineProperty(window, name, {
      configurable: true,
      get() { return wrapped; },
      set(api) {
        if (!api) { wrapped = api; return; }
        const errorOf = name === "API" ? "LMSGetLastError" : "GetLastError";
        wrapped = {};
        Object.keys(api).forEach((key) => {
          if (typeof api[key] !== "function") { wrapped[key] = api[key]; return; }
          wrapped[key] = function (...args) {
            const result = api[key].apply(api, args);
            if (!/Error|Diagnostic/.test(key)) {
              const error = String(api[errorOf]());
              console.debug("ALS-API " + JSON.stringify({ name: key, args: args.map(String), result: String(result), error }));
            }
            return result;
          };
        });
      }
    });
  });
})();
"""


@dataclass
class ApiCall:
    name: str
    args: list[str]
    result: str
    error: str

    @property
    def failed(self) -> bool:
        """An error code, or "false" from a call that returns success (a value read may be "false")."""
        returns_value = self.name.endswith("GetValue")
        return self.error not in ("0", "") or (not returns_value and self.result == "false")


@dataclass
class MoodleLearner:
    """One browser context logged in as the enrolled learner."""

    browser: object
    width: int = 1280
    height: int = 900
    calls: list[ApiCall] = field(default_factory=list)
    _refreshing: set[object] = field(default_factory=set)  # Moodle's contents-list requests in flight

    def __post_init__(self) -> None:
        self.context = self.browser.new_context(viewport={"width": self.width, "height": self.height})
        self.context.set_default_timeout(WAIT_MS)
        self.context.add_init_script(RECORD_API_CALLS)
        self.page = self.context.new_page()
        self.page.on("console", self._on_console)
        self.page.on("request", lambda r: self._refreshing.add(r) if "/mod/scorm/prereqs.php" in r.url else None)
        self.page.on("requestfinished", lambda r: self._refreshing.discard(r))
        self.page.on("requestfailed", lambda r: self._refreshing.discard(r))
        self.page.goto(f"{URL}/login/index.php")
        self.page.fill("#username", LEARNER[0])
        self.page.fill("#password", LEARNER[1])
        self.page.click("#loginbtn")
        self.page.wait_for_url(lambda url: "/login/" not in url)

    def _on_console(self, message) -> None:
        text = message.text
        if text.startswith("ALS-API "):
            self.calls.append(ApiCall(**json.loads(text[len("ALS-API ") :])))

    def close(self) -> None:
        self.context.close()

    # -- Moodle's pages ------------------------------------------------------------------
    def enter(self, activity: Activity) -> Learner:
        """Open the activity and press Enter, as a learner does; the first SCO starts."""
        self.page.goto(activity.view_url)
        self.page.click("#n")
        return self.module()

    @property
    def frame(self):
        return self.page.wait_for_selector("#scorm_object").content_frame()

    def module(self, module_id: str | None = None) -> Learner:
        """The module page in the SCO frame, once its player has started (and is `module_id`)."""
        for _ in range(5):  # Moodle replaces the frame element when it opens another SCO
            frame = self.frame
            try:
                frame.wait_for_function(
                    "(id) => document.body && document.body.dataset.alsModule !== undefined && (id === null || document.body.dataset.alsModule === id)",
                    arg=module_id,
                )
                return Learner(frame).wait_ready()
            except PlaywrightError as error:
                if "detached" not in str(error):
                    raise
        raise AssertionError(f"module {module_id} never settled in Moodle's frame")

    def enter_course_menu(self, activity: Activity):
        """Enter a single-SCO package: its course menu, in the SCO frame."""
        self.page.goto(activity.view_url)
        self.page.click("#n")
        frame = self.frame
        frame.wait_for_function("() => document.readyState === 'complete' && window.ALS && window.ALS.shell")
        return frame

    def open_module(self, module_id: str) -> Learner:
        """In a single-SCO package: open a module from the course menu."""
        menu = self.frame
        menu.click(f"button[data-open='{module_id}']")
        inner = menu.wait_for_selector("iframe#als-module-frame").content_frame()
        inner.wait_for_function("(id) => document.body && document.body.dataset.alsModule === id", arg=module_id)
        return Learner(inner).wait_ready()

    def back_to_menu(self) -> None:
        self.frame.click("#als-back")
        self.frame.wait_for_selector("#als-menu [data-open]", state="visible")

    def open_from_contents(self, scoid: int) -> None:
        """Click a module in Moodle's own contents list beside the frame."""
        self.page.click(f"#scorm_tree a[data-scoid='{scoid}']")

    def pause_until_contents_settle(self) -> None:
        """Read the result for a moment, as a learner does (the runtime sends the score 1.5 s after
        the status), then let Moodle's contents list finish refreshing. Moodle rebuilds that list
        after every commit from responses that can land out of order, and reselects a module as
        each lands; a click in the middle of that can reopen the module just left (about once in
        fifteen runs of twelve moves with no pause)."""
        self.page.wait_for_timeout(2000)
        for _ in range(100):
            if not self._refreshing:
                return
            self.page.wait_for_timeout(100)
        raise AssertionError(f"Moodle's contents list kept refreshing: {sorted(self._refreshing)}")

    def exit_activity(self) -> None:
        """Leave with Moodle's Exit activity link: the SCO unloads as on a learner's click."""
        self.page.click("text=Exit activity")
        self.page.wait_for_url(lambda url: "/mod/scorm/player.php" not in url)
        self.page.wait_for_load_state("load")

    def completion_badges(self, activity: Activity) -> list[str]:
        """The activity's completion conditions as the learner sees them on its page."""
        self.page.goto(activity.view_url)
        return [b.inner_text().strip() for b in self.page.query_selector_all("[data-region='completionrequirements'] [role=listitem]")]

    # -- what the SCO did ----------------------------------------------------------------
    def failed_calls(self) -> list[ApiCall]:
        return [c for c in self.calls if c.failed]
