"""The preview's page as the tests drive it: its frame page, inspector and content frame."""

from __future__ import annotations

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

    @property
    def content(self):
        return self.page.frame("content")

    def learner(self) -> Learner:
        """The module page in the content frame, once its player shows a step."""
        self.page.wait_for_function("() => { const f = document.getElementById('content'); "
                                    "return f.contentWindow && f.contentWindow.location.pathname.startsWith('/pkg/'); }")
        return Learner(self.content).wait_ready()

    def value(self, key: str) -> str:
        return self.page.inner_text(f"#dm tr[data-key='{key}'] td").split("\n")[0].strip()

    def wait_value(self, key: str, expected: str) -> None:
        self.page.wait_for_function("([key, expected]) => { const td = document.querySelector(`#dm tr[data-key='${key}'] td`); "
                                    "return td && td.firstChild && td.firstChild.textContent.trim() === expected; }", arg=[key, expected])

    def calls(self) -> list[str]:
        return self.page.eval_on_selector_all("#calls > li", "(items) => items.map((li) => li.textContent).reverse()")

    def statements(self) -> list[dict]:
        return self.page.eval_on_selector_all(
            "#statements > li", "(items) => items.map((li) => ({verb: li.dataset.verb, problems: "
            "Array.from(li.querySelectorAll('.problems li')).map((p) => p.textContent)})).reverse()")

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
