"""What a learner does in the xAPI and cmi5 packages, and what the LRS must then hold.

Browser functions (given the session's Chromium by the `browser` fixture) work the pages through
the DOM contract of docs/runtime.md with the harness's Learner. Expectations come from the
course source (tests.browser.course reads course_src/ with PyYAML) and XAPI-NOTES, never
from the compiler, so the tests check the packages against the source.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from tests.browser.course import COURSE_SRC, Answer, Learner, ModuleSource, load_yaml, module_folders
from tests.browser.lms import WAIT_MS, PageProblems, new_page

DELIVERY_LIMIT = 30.0  # seconds to wait for statements to arrive; bounds a hang, asserts nothing
IRI_BASE = load_yaml(COURSE_SRC / "course.yaml")["iri_base"]
LANGUAGE = load_yaml(COURSE_SRC / "course.yaml")["language"]


def module_source(module_id: str) -> ModuleSource:
    for folder in module_folders():
        module = ModuleSource.load(folder)
        if module.id == module_id:
            return module
    raise AssertionError(f"no module {module_id} in course_src/")


def page_ids(module: ModuleSource) -> list[str]:
    """Each page's id: front matter `id`, else the file name (docs/authoring.md)."""
    return [front.get("id") or PurePosixPath(path).stem for path, front in zip(module.raw["pages"], module.pages, strict=True)]


def step_ids(module: ModuleSource) -> list[str]:
    opening = [f"self-assessment-{p}" for p in module.checkpoints if p == "before"] + (["practice"] if module.practice else [])
    extras = (["reflection"] if module.reflection else []) + ([module.tool["id"]] if module.tool else [])
    extras += [f"self-assessment-{p}" for p in module.checkpoints if p == "after"] + (["quiz"] if module.quiz else [])
    return opening + page_ids(module) + extras


def step_iri(module: ModuleSource, step: str) -> str:
    """The activity id of a step (docs/xapi.md): pages under pages/, the tool under tools/, the
    practice, reflection, self-assessment and quiz steps by their own ids."""
    generated = ("practice", "reflection", "quiz", "self-assessment-before", "self-assessment-after")
    path = step if step in generated else f"tools/{step}" if module.tool and step == module.tool["id"] else f"pages/{step}"
    return f"{IRI_BASE}/{module.id}/{path}"


def xapi_response(answer: Answer) -> str:
    """A form answer in xAPI's response format (XAPI-NOTES): choices a[,]b in source order,
    matching source[.]target, sequencing in the learner's order, true-false as is."""
    kinds = {a.kind for a in answer.actions}
    values = [a.value for a in answer.actions]
    if kinds == {"select"}:
        if all(a.name.rsplit(".", 1)[1].isdigit() for a in answer.actions):  # ordering: QID.POSITION
            return "[,]".join(values)
        return "[,]".join(f"{a.name.rsplit('.', 1)[1]}[.]{a.value}" for a in answer.actions)
    return "[,]".join(values)


# ---- in the browser thread -----------------------------------------------------------


@dataclass
class Visit:
    """What one browser session saw."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # #als-status texts seen
    url_after: str = ""


@dataclass
class Plan:
    """What to do in one module: how many steps to walk (None: all), then the quiz."""

    module: ModuleSource
    steps: int | None = None
    quiz: str | None = None  # "right" | "wrong" | None
    tries: int = 1  # submissions of those answers (each after "Try again")
    texts: dict[str, str] = field(default_factory=dict)
    ratings: dict[str, int] = field(default_factory=dict)


def answers(plan: Plan) -> list[Answer]:
    return [q.right_answer() if plan.quiz == "right" else q.wrong_answer() for q in plan.module.questions]


def work(learner: Learner, plan: Plan) -> None:
    """Walk the module's steps from the current one, filling answers, then do the quiz."""
    total = len(plan.module.step_kinds)
    walk = total - 1 if plan.steps is None else plan.steps
    for _ in range(walk):
        kind = learner.kind()
        for field_id, text in plan.texts.items():
            if learner.frame.query_selector(f"section.als-step:not([hidden]) textarea[data-field='{field_id}']"):
                learner.write(field_id, text)
        if kind in ("tool", "self-assessment"):
            for statement_id, position in plan.ratings.items():
                if learner.frame.query_selector(f"section.als-step:not([hidden]) input[name='{statement_id}']"):
                    learner.rate(statement_id, position)
        learner.next()
    for attempt in range(plan.tries if plan.quiz else 0):
        if attempt:
            learner.retry()
        learner.answer(answers(plan))
        learner.submit()


def open_page(browser, url: str) -> tuple[object, PageProblems]:
    problems = PageProblems()
    page = new_page(browser, problems)
    page.goto(url)
    return page, problems


OPEN_CONTEXTS: list = []  # closed after each test: closing earlier would cut off keepalive requests


def leave(page, visit: Visit, problems: PageProblems) -> Visit:
    """End the session as a learner does: the page goes away (pagehide)."""
    page.goto("about:blank")
    visit.problems = problems.all()
    OPEN_CONTEXTS.append(page.context)
    return visit


def close_contexts(browser) -> None:
    while OPEN_CONTEXTS:
        OPEN_CONTEXTS.pop().close()


def module_session(browser, url: str, plan: Plan, before_leaving: Callable | None = None) -> Visit:
    """One cmi5 AU session: launch, work the module, leave."""
    page, problems = open_page(browser, url)
    learner = Learner(page.main_frame).wait_ready()
    work(learner, plan)
    visit = Visit(notes=[learner.status_text()])
    if before_leaving:
        before_leaving(page, learner, visit)
    return leave(page, visit, problems)


def course_session(browser, url: str, plans: list[Plan], read_menu: Callable | None = None) -> Visit:
    """One session in the xAPI course shell: open each planned module from the menu, work it,
    go back; `read_menu(page)`, if given, adds a note read from the menu before leaving."""
    page, problems = open_page(browser, url)
    page.wait_for_selector("#als-menu:not([hidden])", timeout=WAIT_MS)
    for plan in plans:
        page.click(f"button[data-open='{plan.module.id}']")
        frame = page.frame_locator("#als-module-frame")
        frame.locator("body[data-als-module]").wait_for(timeout=WAIT_MS)
        learner = Learner(page.query_selector("#als-module-frame").content_frame()).wait_ready()
        work(learner, plan)
        page.click("#als-back")
        page.wait_for_selector("#als-menu:not([hidden])", timeout=WAIT_MS)
    visit = Visit(notes=[page.inner_text("#als-status")] + ([read_menu(page)] if read_menu else []))
    return leave(page, visit, problems)


# ---- in the test thread --------------------------------------------------------------


def wait_for(condition: Callable[[], object], what: str) -> object:
    """Poll until `condition()` is truthy (the browser sends in the background)."""
    deadline = time.monotonic() + DELIVERY_LIMIT
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)
    return value


def verb(statement: dict) -> str:
    return statement["verb"]["id"].rsplit("/", 1)[-1]


def in_stored_order(statements: list[dict], registration: str) -> list[dict]:
    """The registration's statements in the order the LRS stored them (ralph returns them in
    storage order; their `stored` times agree)."""
    mine = [s for s in statements if (s.get("context") or {}).get("registration") == registration]
    assert [s["stored"] for s in mine] == sorted(s["stored"] for s in mine)
    return mine


def by_registration(statements: list[dict], registration: str) -> list[dict]:
    """The registration's statements in timestamp order (cmi5 §9.3: order is by timestamp)."""
    mine = [s for s in statements if (s.get("context") or {}).get("registration") == registration]
    return sorted(mine, key=lambda s: s["timestamp"])


def delivered(launcher, ralph, registration: str, last_verb: str = "terminated", count: int = 1, lost: set[str] = frozenset()) -> list[dict]:
    """Wait until ralph holds `count` `last_verb` statements of the registration and every
    statement the content sent for it but those known `lost`; return them by timestamp."""
    return by_registration(delivered_all(launcher, ralph, [registration], last_verb, count, lost), registration)


def delivered_all(launcher, ralph, registrations: list[str], last_verb: str = "terminated", count: int = 1, lost: set[str] = frozenset()) -> list[dict]:
    """Wait until, for each registration, ralph holds `count` `last_verb` statements and every
    statement the content sent (but those known `lost`), with no request in flight (twice in
    a row: keepalive requests sent at page hide arrive together); return every statement ralph
    holds, in storage order. One read of ralph per poll, however many registrations."""
    settled = []

    def complete(everything: list[dict], registration: str) -> bool:
        found = by_registration(everything, registration)
        return sum(verb(s) == last_verb for s in found) >= count and launcher.sent_statements(registration) - lost <= {s["id"] for s in found}

    def ready():
        everything = ralph.statements()
        settled.append(launcher.in_flight == 0 and all(complete(everything, r) for r in registrations))
        return everything if settled[-2:] == [True, True] else None

    return wait_for(ready, f"{count} '{last_verb}' statement(s) and all that was sent, for {len(registrations)} registration(s)")
