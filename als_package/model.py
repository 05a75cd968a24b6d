"""The course model: frozen, validated types built from course_src/.

Quiz, reflection and tool files map one-to-one onto these types, so their YAML is
validated by the same classes that later stages read. Module and Course are assembled by
`source.load` after cross-file checks.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
KEY_PATTERN = r"^[a-z][a-z0-9_]*$"

# Characters no package can carry: outside YAML's printable set, which XML 1.0 also excludes
# (control characters such as Word's line break U+000B, NUL, lone surrogates, U+FFFE/U+FFFF).
UNPRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _printable(text: str) -> str:
    found = UNPRINTABLE.search(text)
    if found:
        raise PydanticCustomError("unprintable", "holds an invisible character", {"character": found.group()})
    return text


def _hundredths(value: float) -> float:
    """Mastery scores reach every standard exactly: cmi5 writes them as 0-1 with four decimals."""
    if round(value, 2) != value:
        raise PydanticCustomError("hundredths", "has more than two decimals", {})
    return value


Slug = Annotated[str, StringConstraints(strict=True, pattern=SLUG_PATTERN, max_length=48)]
Key = Annotated[str, StringConstraints(strict=True, pattern=KEY_PATTERN, max_length=32)]
Prose = Annotated[str, Field(strict=True), AfterValidator(_printable)]
Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1), AfterValidator(_printable)]
Title = Annotated[Text, Field(max_length=200)]  # SCORM 1.2 titleType (imscp_rootv1p1p2.xsd)
Percent = Annotated[float, Field(strict=True, ge=0, le=100, allow_inf_nan=False), AfterValidator(_hundredths)]

QuestionType = Literal["single", "multiple", "true-false", "matching", "ordering"]
ToolKind = Literal["checklist", "worksheet", "conversation-planner", "self-assessment"]
# cmi5 moveOn (cmi5 §13.1.4): what an LMS waits for before a module counts as done.
MoveOn = Literal["NotApplicable", "Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed"]
NEEDS_PASS = ("Passed", "CompletedAndPassed")


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Choice(Frozen):
    id: Key
    text: Text
    correct: StrictBool = False
    feedback: Text
    pin: StrictBool = False  # keeps its place when the runtime shuffles the choices ("None of these")


class Feedback(Frozen):
    correct: Text
    incorrect: Text


class Pair(Frozen):
    id: Key
    source: Text
    target: Text


class Item(Frozen):
    id: Key
    text: Text


class Question(Frozen):
    id: Key
    type: QuestionType
    prompt: Text
    choices: tuple[Choice, ...] = ()
    answer: StrictBool | None = None
    pairs: tuple[Pair, ...] = ()
    items: tuple[Item, ...] = ()
    feedback: Feedback | None = None
    shuffle: StrictBool = True  # the runtime shows choices, matching targets and ordering items in a new order each attempt

    @model_validator(mode="after")
    def _fits_its_type(self) -> Question:
        needs = {
            "single": "choices", "multiple": "choices", "true-false": "answer",
            "matching": "pairs", "ordering": "items",
        }[self.type]
        for name in ("choices", "answer", "pairs", "items"):
            present = getattr(self, name) not in ((), None)
            if name == needs and not present:
                raise ValueError(f"a '{self.type}' question needs '{name}'")
            if name != needs and present:
                raise ValueError(f"'{name}' does not belong in a '{self.type}' question: remove it")
        if self.type in ("single", "multiple"):
            self._check_choices()
        else:
            self._check_parts()
        return self

    def _check_choices(self) -> None:
        if not 2 <= len(self.choices) <= 8:
            raise ValueError(f"question '{self.id}' needs 2 to 8 choices, it has {len(self.choices)}")
        right = sum(c.correct for c in self.choices)
        if right == 0:
            raise ValueError(f"question '{self.id}' has no correct choice: mark one choice with 'correct: true'")
        if self.type == "single" and right > 1:
            raise ValueError(
                f"single-choice question '{self.id}' has {right} correct choices: keep one, or make it 'type: multiple'"
            )
        if self.feedback is not None:
            raise ValueError("choice questions take 'feedback' on each choice, not on the question")
        if not self.shuffle and any(c.pin for c in self.choices):
            raise ValueError(f"question '{self.id}' is not shuffled ('shuffle: false'), so 'pin' changes nothing: remove it")

    def _check_parts(self) -> None:
        parts = self.pairs or self.items
        if parts and not 2 <= len(parts) <= 8:
            raise ValueError(f"question '{self.id}' needs 2 to 8 {'pairs' if self.pairs else 'items'}, it has {len(parts)}")
        if self.feedback is None:
            raise ValueError(f"question '{self.id}' needs 'feedback' with 'correct' and 'incorrect' texts")

    @property
    def targets(self) -> tuple[str, ...]:
        """Distinct matching targets in order of first appearance (numbered 1..k)."""
        return tuple(dict.fromkeys(p.target for p in self.pairs))

    def correct_answer(self) -> str | list[str] | dict[str, str]:
        """The right answer in the terms the page uses (choice ids, 'true'/'false', target numbers, item ids)."""
        if self.type == "single":
            return next(c.id for c in self.choices if c.correct)
        if self.type == "multiple":
            return [c.id for c in self.choices if c.correct]
        if self.type == "true-false":
            return "true" if self.answer else "false"
        if self.type == "matching":
            return {p.id: str(self.targets.index(p.target) + 1) for p in self.pairs}
        return [i.id for i in self.items]


class Quiz(Frozen):
    title: Text = "Knowledge check"
    questions: tuple[Question, ...] = Field(min_length=1)


class Prompt(Frozen):
    id: Key
    text: Text


class Reflection(Frozen):
    title: Text
    intro: Prose = ""
    prompts: tuple[Prompt, ...] = Field(min_length=1, max_length=4)


class TextField(Frozen):
    id: Key
    label: Text
    hint: Prose = ""


class Tool(Frozen):
    id: Key
    title: Text
    kind: ToolKind
    intro: Prose = ""
    items: tuple[Item, ...] = ()
    scale: tuple[Text, ...] = ()
    statements: tuple[Item, ...] = ()
    scoring: Prose = ""
    fields: tuple[TextField, ...] = ()

    @model_validator(mode="after")
    def _has_what_its_kind_needs(self) -> Tool:
        needs = {"checklist": "items", "self-assessment": "statements",
                 "worksheet": "fields", "conversation-planner": "fields"}[self.kind]
        if not getattr(self, needs):
            raise ValueError(f"a '{self.kind}' tool needs '{needs}'")
        if self.statements and not 3 <= len(self.scale) <= 7:
            raise ValueError("Likert 'statements' need a 'scale' of 3 to 7 labels, lowest first")
        if self.scale and not self.statements:
            raise ValueError("'scale' is only used with 'statements': add statements or remove the scale")
        for name in ("items", "statements", "fields"):
            if len(getattr(self, name)) > 20:
                raise ValueError(f"a tool has at most 20 {name}")
        return self


class Asset(Frozen):
    """A file copied into the package, at `path` relative to the module folder."""

    path: str
    source: str


class Page(Frozen):
    id: Slug  # front matter 'id', else the file name without .md; part of xAPI activity ids
    title: Text
    body: str
    folder: str  # folder of the Markdown file, relative to the module folder ("" or "pages")


class Module(Frozen):
    id: Slug
    title: Text
    summary: Text
    objectives: tuple[Text, ...]
    minutes: int
    mastery_score: Percent
    pages: tuple[Page, ...]
    practice: Reflection | None = None  # opens the module: how the previous module's "try this" went
    reflection: Reflection | None = None
    tool: Tool | None = None
    quiz: Quiz | None = None
    assets: tuple[Asset, ...] = ()
    move_on: MoveOn | None = None  # None: the course's

    @property
    def step_kinds(self) -> tuple[str, ...]:
        """What the learner steps through, in order: the practice question, pages, then reflection, tool and knowledge check."""
        extras = tuple(name for name in ("reflection", "tool", "quiz") if getattr(self, name) is not None)
        return ("practice",) * (self.practice is not None) + ("page",) * len(self.pages) + extras

    @property
    def text_fields(self) -> tuple[str, ...]:
        """Ids of every free-text answer, in the order the state encoding stores them."""
        practice = tuple(p.id for p in self.practice.prompts) if self.practice else ()
        prompts = tuple(p.id for p in self.reflection.prompts) if self.reflection else ()
        fields = tuple(f.id for f in self.tool.fields) if self.tool else ()
        return practice + prompts + fields


class Course(Frozen):
    id: Slug
    title: Text
    version: Text
    language: Text
    description: Text
    iri_base: Text
    mastery_score: Percent
    modules: tuple[Module, ...]
    move_on: MoveOn = "CompletedAndPassed"
    free_text_in_statements: bool = False  # send reflection/tool answers word for word in xAPI statements

    def module_iri(self, module: Module) -> str:
        return f"{self.iri_base}/{module.id}"

    def module_move_on(self, module: Module) -> MoveOn:
        """The module's own move_on, else the course's; a module without a knowledge check can
        never pass, so there the course's value falls back to Completed when it needs a pass."""
        if module.move_on is not None:
            return module.move_on
        return "Completed" if module.quiz is None and self.move_on in NEEDS_PASS else self.move_on
