"""Question types on the build's side: one spec per type for what the build must know of it.

The browser side is templates/runtime/questions.js (reading, checking, saving and reporting
answers) and the page block in templates/pages/steps.html.j2. A new type is its name in
`QuestionType`, one entry in QUESTION_TYPES, one in questions.js and its block in the template.
`model.Question` holds the fields every type may use and asks the spec which one it needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from math import ceil
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # model.Question asks these specs, so this module imports nothing of the model at run time
    from als_package.model import Question

QuestionType = Literal["single", "multiple", "true-false", "matching", "ordering"]
Answer = str | list[str] | dict[str, str]
Components = dict[str, list[tuple[str, str]]]


@dataclass(frozen=True)
class QuestionSpec:
    field: Literal["choices", "answer", "pairs", "items"]  # the Question field the type takes its parts from
    correct: Callable[[Question], Answer]  # its right answer in the page's terms (choice ids, 'true'/'false', target numbers, item ids)
    interaction_type: str  # xAPI interactionType (XAPI-NOTES), also the SCORM interaction type questions.js writes
    answer_width: Callable[[Question], int]  # characters its answer takes at most in the saved state (state.js)
    components: Callable[[Question], Components]  # the xAPI definition's component lists: (id, text) pairs
    pattern: Callable[[Question], str]  # its correct response in xAPI's format ("a[,]b", "source[.]target")


def _matching_answer(question: Question) -> dict[str, str]:
    return {p.id: str(question.targets.index(p.target) + 1) for p in question.pairs}


def _single(question: Question) -> str:
    answer = question.correct_answer()
    assert isinstance(answer, str)
    return answer


def _listed(question: Question) -> str:
    answer = question.correct_answer()
    assert isinstance(answer, list)
    return "[,]".join(answer)


def _paired(question: Question) -> str:
    answer = question.correct_answer()
    assert isinstance(answer, dict)
    return "[,]".join(f"{pair}[.]{target}" for pair, target in answer.items())


def _choices(question: Question) -> Components:
    return {"choices": [(c.id, c.text) for c in question.choices]}


def _matching(question: Question) -> Components:
    return {"source": [(p.id, p.source) for p in question.pairs], "target": [(str(n), t) for n, t in enumerate(question.targets, start=1)]}


QUESTION_TYPES: dict[str, QuestionSpec] = {
    "single": QuestionSpec("choices", lambda q: next(c.id for c in q.choices if c.correct), "choice", lambda q: 1, _choices, _single),
    "multiple": QuestionSpec("choices", lambda q: [c.id for c in q.choices if c.correct], "choice", lambda q: ceil(len(q.choices) / 4), _choices, _listed),
    "true-false": QuestionSpec("answer", lambda q: "true" if q.answer else "false", "true-false", lambda q: 1, lambda q: {}, _single),
    "matching": QuestionSpec("pairs", _matching_answer, "matching", lambda q: len(q.pairs), _matching, _paired),
    "ordering": QuestionSpec(
        "items", lambda q: [i.id for i in q.items], "sequencing", lambda q: len(q.items), lambda q: {"choices": [(i.id, i.text) for i in q.items]}, _listed
    ),
}


def spec(question: Question) -> QuestionSpec:
    return QUESTION_TYPES[question.type]
