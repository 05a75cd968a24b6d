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

from als_package.questions import QUESTION_TYPES, Answer, QuestionType

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

ToolKind = Literal["checklist", "worksheet", "conversation-planner", "self-assessment"]
# cmi5 moveOn (cmi5 §13.1.4): what an LMS waits for before a module counts as done.
MoveOn = Literal["NotApplicable", "Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed"]
NEEDS_PASS = ("Passed", "CompletedAndPassed")


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Assembled(Frozen):
    """Put together by `source.load` from parts it has already validated, with `model_construct`,
    so its validator is built only when something else validates one (a test, say): building
    validators for the course's largest types cost every build about a tenth of its time."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


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
        needs = QUESTION_TYPES[self.type].field
        for name in ("choices", "answer", "pairs", "items"):
            present = getattr(self, name) not in ((), None)
            if name == needs and not present:
                raise ValueError(f"a '{self.type}' question needs '{name}'")
            if name != needs and present:
                raise ValueError(f"'{name}' does not belong in a '{self.type}' question: remove it")
        if needs == "choices":
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
            raise ValueError(f"single-choice question '{self.id}' has {right} correct choices: keep one, or make it 'type: multiple'")
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

    def correct_answer(self) -> Answer:
        """The right answer in the terms the page uses (choice ids, 'true'/'false', target numbers, item ids)."""
        return QUESTION_TYPES[self.type].correct(self)


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
        needs = {"checklist": "items", "self-assessment": "statements", "worksheet": "fields", "conversation-planner": "fields"}[self.kind]
        if not getattr(self, needs):
            raise ValueError(f"a '{self.kind}' tool needs '{needs}'")
        if self.statements:
            _likert_scale(self.scale)
        if self.scale and not self.statements:
            raise ValueError("'scale' is only used with 'statements': add statements or remove the scale")
        for name in ("items", "statements", "fields"):
            if len(getattr(self, name)) > 20:
                raise ValueError(f"a tool has at most 20 {name}")
        return self


def _likert_scale(scale: tuple[str, ...]) -> None:
    if not 3 <= len(scale) <= 7:
        raise ValueError("Likert 'statements' need a 'scale' of 3 to 7 labels, lowest first")


class SelfAssessmentStep(Frozen):
    title: Text
    intro: Prose = ""


class SelfAssessment(Frozen):
    """The course's self-assessment: the same statements on one scale at the start of the course
    (the first module's first step) and at its end (the last module's step before its check)."""

    scale: tuple[Text, ...]
    statements: tuple[Item, ...] = Field(min_length=1, max_length=20)
    before: SelfAssessmentStep
    after: SelfAssessmentStep

    @model_validator(mode="after")
    def _has_a_scale(self) -> SelfAssessment:
        _likert_scale(self.scale)
        return self


Phase = Literal["before", "after"]


class Checkpoint(Assembled):
    """A module's part of the course self-assessment (set by source.load): its before or after step."""

    phase: Phase
    assessment: SelfAssessment
    first_module: Slug  # the module that holds "before", which "after" compares with

    @property
    def step_id(self) -> str:
        return f"self-assessment-{self.phase}"

    def statement_id(self, statement: Item) -> str:
        """The id reported and saved for a statement: the same in every build, before and after told apart."""
        return f"self-assessment.{self.phase}.{statement.id}"


class Asset(Assembled):
    """A file copied into the package, at `path` relative to the module folder (an image's size, when
    its file says, becomes the page's width and height attributes)."""

    path: str
    source: str
    width: int | None = None
    height: int | None = None


class Page(Assembled):
    id: Slug  # front matter 'id', else the file name without .md; part of xAPI activity ids
    title: Text
    body: str
    folder: str  # folder of the Markdown file, relative to the module folder ("" or "pages")


class Module(Assembled):
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
    checkpoints: tuple[Checkpoint, ...] = ()  # the course self-assessment steps this module holds

    def checkpoint(self, phase: Phase) -> Checkpoint | None:
        return next((c for c in self.checkpoints if c.phase == phase), None)

    @property
    def image_sizes(self) -> dict[str, tuple[int, int]]:
        """Width and height of each image whose file gives them, by path in the module."""
        return {a.path: (a.width, a.height) for a in self.assets if a.width and a.height}

    @property
    def step_kinds(self) -> tuple[str, ...]:
        """What the learner steps through, in order: the course self-assessment "before", the practice
        question, pages, reflection, tool, the course self-assessment "after" and knowledge check."""
        opening = ("self-assessment",) * (self.checkpoint("before") is not None) + ("practice",) * (self.practice is not None)
        closing = tuple(
            kind
            for kind, part in (("reflection", self.reflection), ("tool", self.tool), ("self-assessment", self.checkpoint("after")), ("quiz", self.quiz))
            if part is not None
        )
        return opening + ("page",) * len(self.pages) + closing

    @property
    def likert_ids(self) -> tuple[str, ...]:
        """Ids of every Likert statement, in the order the state stores them: the course
        self-assessment's first, so another module can read them (docs/runtime.md)."""
        course = tuple(c.statement_id(s) for c in self.checkpoints for s in c.assessment.statements)
        return course + (tuple(s.id for s in self.tool.statements) if self.tool else ())

    @property
    def text_fields(self) -> tuple[str, ...]:
        """Ids of every free-text answer, in the order the state encoding stores them."""
        practice = tuple(p.id for p in self.practice.prompts) if self.practice else ()
        prompts = tuple(p.id for p in self.reflection.prompts) if self.reflection else ()
        fields = tuple(f.id for f in self.tool.fields) if self.tool else ()
        return practice + prompts + fields


class Course(Assembled):
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
    self_assessment: SelfAssessment | None = None  # its steps are the modules' checkpoints

    def module_iri(self, module: Module) -> str:
        return f"{self.iri_base}/{module.id}"

    def module_move_on(self, module: Module) -> MoveOn:
        """The module's own move_on, else the course's; a module without a knowledge check can
        never pass, so there the course's value falls back to Completed when it needs a pass."""
        if module.move_on is not None:
            return module.move_on
        return "Completed" if module.quiz is None and self.move_on in NEEDS_PASS else self.move_on
