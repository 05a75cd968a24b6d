"""The course as the tests know it: read straight from ``course_src/`` with PyYAML.

Nothing here comes from the compiler: correct answers, expected interaction records and
step lists are derived from the source YAML and docs/runtime.md, so the browser tests
check the package against the source, not against itself.

Also :class:`Learner`, which works a module's page through the DOM contract of
docs/runtime.md (clicks and typing, as a learner would).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .lms import REPO_ROOT, WAIT_MS

COURSE_SRC = REPO_ROOT / "course_src"
LETTERS = "abcdefgh"
CMI_TIME = re.compile(r"^\d{2}:\d{2}:\d{2}$")  # CMITime, HH:MM:SS
TIMESPAN = re.compile(r"^\d{4}:\d{2}:\d{2}\.\d{2}$")  # docs/runtime.md: HHHH:MM:SS.SS


def load_yaml(path: Path) -> Any:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def course_yaml() -> dict:
    return load_yaml(COURSE_SRC / "course.yaml")


def module_folders() -> list[str]:
    """The module folders in course.yaml order (for parametrisation)."""
    return list(course_yaml().get("modules") or [])


# --------------------------------------------------------------------------------------
# Questions and their answers
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """One thing a learner does in the form: tick a radio/checkbox, pick in a select."""

    kind: str  # "radio" | "checkbox" | "select"
    name: str  # the control's name
    value: str  # the value to choose (for checkbox: one of the values to tick)


@dataclass
class Answer:
    actions: list[Action]
    response: str  # the SCORM 1.2 student_response this answer must produce
    correct: bool


@dataclass
class Question:
    module_id: str
    raw: dict

    @property
    def id(self) -> str:
        return self.raw["id"]

    @property
    def type(self) -> str:
        return self.raw["type"]

    @property
    def interaction_id(self) -> str:
        return f"{self.module_id}.{self.id}"

    @property
    def interaction_type(self) -> str:
        return {"single": "choice", "multiple": "choice", "true-false": "true-false", "matching": "matching", "ordering": "sequencing"}[self.type]

    # -- matching: distinct targets numbered by first appearance in the source ---------
    def target_numbers(self) -> dict[str, int]:
        numbers: dict[str, int] = {}
        for pair in self.raw["pairs"]:
            numbers.setdefault(str(pair["target"]), len(numbers) + 1)
        return numbers

    def _choice_ids(self) -> list[str]:
        return [str(c["id"]) for c in self.raw["choices"]]

    def _correct_choices(self) -> list[str]:
        return [str(c["id"]) for c in self.raw["choices"] if c.get("correct") is True]

    def _letters(self, ids: list[str], order: list[str]) -> str:
        return ",".join(LETTERS[order.index(i)] for i in ids)

    def pattern(self) -> str:
        """The correct response in SCORM 1.2 format (correct_responses.0.pattern)."""
        return self.right_answer().response

    def right_answer(self) -> Answer:
        return self._answer(self._right_selection())

    def wrong_answer(self) -> Answer:
        return self._answer(self._wrong_selection())

    def _right_selection(self) -> Any:
        t = self.type
        if t == "single":
            return self._correct_choices()[:1]
        if t == "multiple":
            return self._correct_choices()
        if t == "true-false":
            return bool(self.raw["answer"])
        if t == "matching":
            numbers = self.target_numbers()
            return {str(p["id"]): numbers[str(p["target"])] for p in self.raw["pairs"]}
        if t == "ordering":
            return [str(i["id"]) for i in self.raw["items"]]
        raise AssertionError(f"unknown question type {t!r}")

    def _wrong_selection(self) -> Any:
        t = self.type
        right = self._right_selection()
        if t == "single":
            return [c for c in self._choice_ids() if c not in right][:1]
        if t == "multiple":
            others = [c for c in self._choice_ids() if c not in right]
            return others if others else right[:1]
        if t == "true-false":
            return not right
        if t == "matching":
            count = len(self.target_numbers())
            return {p: (n % count) + 1 for p, n in right.items()}  # every pair on another target
        if t == "ordering":
            return list(reversed(right))
        raise AssertionError(f"unknown question type {t!r}")

    def _answer(self, selection: Any) -> Answer:
        t, qid = self.type, self.id
        right = self._right_selection()
        if t in ("single", "multiple"):
            order = self._choice_ids()
            chosen = [c for c in order if c in selection]  # letters come in position order
            kind = "radio" if t == "single" else "checkbox"
            return Answer([Action(kind, qid, c) for c in chosen], self._letters(chosen, order), sorted(chosen) == sorted(right))
        if t == "true-false":
            value = "true" if selection else "false"
            return Answer([Action("radio", qid, value)], "t" if selection else "f", selection == right)
        if t == "matching":
            pairs = [str(p["id"]) for p in self.raw["pairs"]]
            actions = [Action("select", f"{qid}.{p}", str(selection[p])) for p in pairs]
            response = ",".join(f"{LETTERS[i]}.{selection[p]}" for i, p in enumerate(pairs))
            return Answer(actions, response, selection == right)
        if t == "ordering":
            order = [str(i["id"]) for i in self.raw["items"]]
            actions = [Action("select", f"{qid}.{pos}", item) for pos, item in enumerate(selection, 1)]
            return Answer(actions, self._letters(selection, order), selection == right)
        raise AssertionError(f"unknown question type {t!r}")


# --------------------------------------------------------------------------------------
# Modules
# --------------------------------------------------------------------------------------


@dataclass
class ModuleSource:
    folder: str
    raw: dict
    course: dict
    practice: dict | None = None
    reflection: dict | None = None
    tool: dict | None = None
    quiz: dict | None = None
    pages: list[dict] = field(default_factory=list)

    @classmethod
    def load(cls, folder: str) -> ModuleSource:
        base = COURSE_SRC / folder
        if not (base / "module.yaml").is_file():
            raise AssertionError(f"course.yaml lists {folder!r} but {base}/module.yaml does not exist")
        raw = load_yaml(base / "module.yaml")
        mod = cls(folder, raw, course_yaml())
        for key in ("practice", "reflection", "tool", "quiz"):
            if raw.get(key):
                setattr(mod, key, load_yaml(base / raw[key]))
        for page in raw.get("pages") or []:
            text = (base / page).read_text(encoding="utf-8")
            front = text.split("---", 2)[1] if text.startswith("---") else ""
            mod.pages.append(yaml.safe_load(front) or {})
        return mod

    @property
    def id(self) -> str:
        return self.raw["id"]

    @property
    def mastery_score(self) -> float:
        score = self.raw.get("mastery_score")
        return float(self.course["mastery_score"] if score is None else score)

    @property
    def step_kinds(self) -> list[str]:
        kinds = ["self-assessment"] if "before" in self.checkpoints else []
        kinds += ["practice"] if self.practice else []
        kinds += ["page"] * len(self.pages)
        if self.reflection:
            kinds.append("reflection")
        if self.tool:
            kinds.append("tool")
        if "after" in self.checkpoints:
            kinds.append("self-assessment")
        if self.quiz:
            kinds.append("quiz")
        return kinds

    @property
    def questions(self) -> list[Question]:
        return [Question(self.id, q) for q in (self.quiz or {}).get("questions") or []]

    @property
    def prompts(self) -> list[dict]:
        return _listed(self.reflection, "prompts")

    @property
    def checkpoints(self) -> list[str]:
        """The course self-assessment steps this module holds: "before" opens the first module,
        "after" comes before the last module's knowledge check (docs/authoring.md)."""
        if not self.course.get("self_assessment"):
            return []
        folders = list(self.course["modules"])
        return (["before"] if self.folder == folders[0] else []) + (["after"] if self.folder == folders[-1] else [])

    @property
    def practice_prompts(self) -> list[dict]:
        return _listed(self.practice, "prompts")

    @property
    def tool_fields(self) -> list[dict]:
        return _listed(self.tool, "fields")

    @property
    def tool_items(self) -> list[dict]:
        return _listed(self.tool, "items")

    @property
    def tool_statements(self) -> list[dict]:
        return _listed(self.tool, "statements")

    @property
    def tool_scale(self) -> list[str]:
        return _listed(self.tool, "scale")

    def score_for(self, answers: list[Answer]) -> int:
        right = sum(1 for a in answers if a.correct)
        return round(100 * right / len(answers)) if answers else 0


# --------------------------------------------------------------------------------------
# Expected interaction records (docs/runtime.md, SCORM 1.2)
# --------------------------------------------------------------------------------------


def _listed(part: dict | None, key: str) -> list:
    """A list from an optional source file, empty when the file or the key is absent."""
    return list((part or {}).get(key) or [])


def expected_quiz_interactions(module: ModuleSource, answers: list[Answer]) -> list[dict]:
    return [
        {
            "id": q.interaction_id,
            "type": q.interaction_type,
            "student_response": a.response,
            "result": "correct" if a.correct else "wrong",
            "correct_responses.0.pattern": q.pattern(),
        }
        for q, a in zip(module.questions, answers, strict=True)
    ]


def expected_text_interaction(module: ModuleSource, field_id: str, text: str) -> dict:
    return {"id": f"{module.id}.{field_id}", "type": "fill-in", "student_response": text[:255], "result": "neutral"}


def expected_likert_interaction(module: ModuleSource, statement_id: str, position: int) -> dict:
    return {"id": f"{module.id}.{statement_id}", "type": "likert", "student_response": str(position), "result": "neutral"}


INTERACTION_KEYS = ("id", "type", "student_response", "result", "correct_responses.0.pattern")


def comparable(records: list[dict], keys: tuple[str, ...] = INTERACTION_KEYS) -> list[dict]:
    """Interaction records reduced to what the docs pin exactly (time/latency checked apart)."""
    return [{k: r[k] for k in keys if k in r} for r in records]


def timing_problems(records: list[dict]) -> list[str]:
    problems = []
    for r in records:
        if not TIMESPAN.match(r.get("latency", "")):
            problems.append(f"{r.get('id')}: latency {r.get('latency')!r} is not HHHH:MM:SS.SS")
        if not CMI_TIME.match(r.get("time", "")):
            problems.append(f"{r.get('id')}: time {r.get('time')!r} is not HH:MM:SS")
    return problems


# --------------------------------------------------------------------------------------
# A learner working a module page through the DOM contract
# --------------------------------------------------------------------------------------

VISIBLE_STEPS_JS = """
() => Array.from(document.querySelectorAll('section.als-step'))
        .filter((s) => s.checkVisibility())
        .map((s) => s.dataset.step)
"""


class Learner:
    def __init__(self, frame) -> None:
        self.frame = frame

    def wait_ready(self) -> Learner:
        """Wait until the player shows exactly one step (the module has started)."""
        self.frame.wait_for_function(
            "() => document.body && document.body.dataset.alsModule !== undefined && "
            "Array.from(document.querySelectorAll('section.als-step')).filter((s) => s.checkVisibility()).length === 1",
            timeout=WAIT_MS,
        )
        return self

    # -- reading the page --------------------------------------------------------------
    def module_id(self) -> str:
        return self.frame.evaluate("() => document.body.dataset.alsModule")

    def steps(self) -> list[tuple[str, str]]:
        return self.frame.evaluate("() => Array.from(document.querySelectorAll('section.als-step')).map((s) => [s.dataset.step, s.dataset.kind])")

    def visible_steps(self) -> list[str]:
        return self.frame.evaluate(VISIBLE_STEPS_JS)

    def current(self) -> str:
        visible = self.visible_steps()
        assert len(visible) == 1, f"expected exactly one visible step, saw {visible}"
        return visible[0]

    def position(self) -> int:
        """1-based position of the current step among all steps."""
        return [s for s, _ in self.steps()].index(self.current()) + 1

    def kind(self) -> str:
        return dict(self.steps())[self.current()]

    def toc_current(self) -> list[str]:
        return self.frame.evaluate("() => Array.from(document.querySelectorAll('nav#als-toc button[aria-current=\"step\"]')).map((b) => b.dataset.goto)")

    def progress_text(self) -> str:
        return self.frame.inner_text("#als-progress-text")

    def status_text(self) -> str:
        return self.frame.inner_text("#als-status").strip()

    def text_value(self, field_id: str) -> str:
        return self.frame.input_value(f"textarea[data-field='{field_id}']")

    # -- doing things ------------------------------------------------------------------
    # Real mouse clicks on elements the learner can see and use. Playwright's full
    # actionability wait (two animation frames of "stable" per click) is replaced by an
    # explicit visible-and-enabled check: it costs a tenth of the time and proves the same.
    def _usable(self, selector: str) -> str:
        assert self.frame.is_visible(selector), f"{selector} is not visible"
        assert self.frame.is_enabled(selector), f"{selector} is disabled"
        return selector

    def click(self, selector: str) -> None:
        self.frame.click(self._usable(selector), force=True)

    def check(self, selector: str) -> None:
        self.frame.check(self._usable(selector), force=True)

    def _wait_current(self, step: str) -> None:
        self.frame.wait_for_function(f"(step) => {{ const v = ({VISIBLE_STEPS_JS})(); return v.length === 1 && v[0] === step; }}", arg=step)

    def next(self) -> str:
        steps = [s for s, _ in self.steps()]
        target = steps[steps.index(self.current()) + 1]
        self.click("button#als-next")
        self._wait_current(target)
        return target

    def goto(self, step: str) -> None:
        """Choose a step in the contents list, opening the list first as a learner would."""
        if not self.frame.evaluate("() => document.querySelector('.als-toc-wrap').open"):
            self.click(".als-toc-wrap > summary")
        self.click(f"nav#als-toc button[data-goto='{step}']")
        self._wait_current(step)

    def step_of_kind(self, kind: str) -> str:
        found = [s for s, k in self.steps() if k == kind]
        assert len(found) == 1, f"expected one {kind} step, found {found}"
        return found[0]

    def write(self, field_id: str, text: str) -> None:
        self.frame.fill(f"textarea[data-field='{field_id}']", text)

    def tick(self, field_id: str) -> None:
        self.check(f"input[type=checkbox][data-field='{field_id}']")

    def rate(self, statement_id: str, position: int) -> None:
        self.check(f"input[type=radio][name='{statement_id}'][value='{position}']")

    def answer(self, answers: list[Answer]) -> None:
        # Clear any earlier ticks first so the form holds exactly this answer.
        for a in answers:
            for action in a.actions:
                if action.kind == "checkbox":
                    for box in self.frame.query_selector_all(f"form#als-quiz input[type=checkbox][name='{action.name}']"):
                        if box.is_checked():
                            box.uncheck(force=True)
        for a in answers:
            for action in a.actions:
                if action.kind == "radio":
                    self.check(f"form#als-quiz input[type=radio][name='{action.name}'][value='{action.value}']")
                elif action.kind == "checkbox":
                    self.check(f"form#als-quiz input[type=checkbox][name='{action.name}'][value='{action.value}']")
                else:
                    self.frame.select_option(f"form#als-quiz select[name='{action.name}']", action.value)

    def submit(self) -> str:
        self.click("button#als-quiz-submit")
        self.frame.wait_for_function("() => document.querySelector('#als-quiz-result').textContent.trim() !== ''")
        return self.frame.inner_text("#als-quiz-result")

    def retry(self) -> None:
        self.click("button#als-quiz-retry")


def fail_the_check(learner: Learner, module: ModuleSource) -> tuple[list[Answer], int]:
    """Open the knowledge check and submit wrong answers; (the answers, the score they earn)."""
    learner.goto(learner.step_of_kind("quiz"))
    wrong = [q.wrong_answer() for q in module.questions]
    score = module.score_for(wrong)
    assert score < module.mastery_score, "the source has no wrong answer below the mastery score"
    learner.answer(wrong)
    learner.submit()
    return wrong, score


def first_module() -> ModuleSource:
    return ModuleSource.load(module_folders()[0])


def start(lms, package, module: ModuleSource, **kwargs):
    """Launch a module's SCO in the test LMS and wait for the player: (attempt, learner)."""
    attempt = lms.launch(package, module.id, **kwargs)
    learner = Learner(attempt.frame).wait_ready()
    assert learner.module_id() == module.id
    return attempt, learner
