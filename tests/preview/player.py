"""The preview's page as the tests drive it: its frame page, inspector and content frame."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from tests.browser import lms
from tests.browser.course import Learner


@dataclass
class PreviewPage:
    page: object
    preview: object
    problems: lms.PageProblems

    def open(self) -> PreviewPage:
        self.page.goto(self.preview.url)
        self.page.wait_for_selector("body[data-ready='true'][data-attempt='running']")
        return self

    def unexpected_problems(self) -> list[str]:
        """Console errors and failed requests, less those of a correct xAPI session: the 404 an LRS answers
        when no state document is saved yet (xAPI 1.0.3 §2.3.1; a first launch always asks; Chromium logs it
        from xapi-queue.js), and the writes sent with keepalive as the attempt ends, which Chromium reports
        as aborted for the page that is gone (the tests check the store received the statements)."""
        expected = (
            re.compile(r"^console error: .*status of 404 .*/runtime/lms/xapi-queue\.js:\d+\)$"),
            re.compile(r"^failed request: GET \S+/xapi/activities/state\?\S+: HTTP 404$"),
            re.compile(r"^failed request: (PUT|POST) \S+/xapi/(statements|activities/state)\S*: net::ERR_ABORTED$"),
        )
        return [p for p in self.problems.all() if not any(e.match(p) for e in expected)]

    @property
    def content(self):
        return self.page.frame("content")

    def learner(self) -> Learner:
        """The module page in the content frame, once its player shows a step."""
        self.page.wait_for_function(
            "() => { const f = document.getElementById('content'); return f.contentWindow && f.contentWindow.location.pathname.startsWith('/pkg/'); }"
        )
        return Learner(self.content).wait_ready()

    def value(self, key: str) -> str:
        return self.page.inner_text(f"#dm tr[data-key='{key}'] td").split("\n")[0].strip()

    def wait_value(self, key: str, expected: str) -> None:
        self.page.wait_for_function(
            "([key, expected]) => { const td = document.querySelector(`#dm tr[data-key='${key}'] td`); "
            "return td && td.firstChild && td.firstChild.textContent.trim() === expected; }",
            arg=[key, expected],
        )

    def calls(self) -> list[str]:
        return self.page.eval_on_selector_all("#calls > li", "(items) => items.map((li) => li.textContent).reverse()")

    def statements(self) -> list[dict]:
        return self.page.eval_on_selector_all(
            "#statements > li",
            "(items) => items.map((li) => ({verb: li.dataset.verb, problems: "
            "Array.from(li.querySelectorAll('.problems li')).map((p) => p.textContent)})).reverse()",
        )

    def wait_statement(self, verb: str) -> None:
        self.page.wait_for_selector(f"#statements > li[data-verb='{verb}']", state="attached")

    def launch(self, unit: str) -> Learner:
        self.page.click(f"#units button[data-unit='{unit}']")
        self.page.wait_for_selector(f"#units button[data-unit='{unit}'][aria-current]")
        return self.learner()

    def button(self, name: str) -> None:
        self.page.click(f"#{name}")

    def generation(self) -> int:
        return int(self.page.get_attribute("body", "data-generation"))

    def wait_generation(self, generation: int, started: float) -> float:
        """Seconds from `started` until the page shows build `generation`."""
        self.page.wait_for_selector(f"body[data-generation='{generation}']", state="attached")
        return time.perf_counter() - started
