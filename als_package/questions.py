"""Question types on the build's side: one spec per type for what the build must know of it.

The browser side is templates/runtime/questions.js (reading, checking, saving and reporting
answers), the page block templates/pages/steps.html.j2, and the fields each type takes and its
correct answer model.Question. A new type is one entry in QUESTION_TYPES, one in questions.js
and its block in the template (plus its name and fields in the model).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from math import ceil

from als_package.model import Question

Components = dict[str, list[tuple[str, str]]]


@dataclass(frozen=True)
class QuestionSpec:
    interaction_type: str  # xAPI interactionType (XAPI-NOTES), also the SCORM interaction type questions.js writes
    answer_width: Callable[[Question], int]  # characters its answer takes at most in the saved state (state.js)
    components: Callable[[Question], Components]  # the xAPI definition's component lists: (id, text) pairs
    pattern: Callable[[Question], str]  # its correct response in xAPI's format ("a[,]b", "source[.]target")


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
    return {"source": [(p.id, p.source) for p in question.pairs],
            "target": [(str(n), t) for n, t in enumerate(question.targets, start=1)]}


QUESTION_TYPES: dict[str, QuestionSpec] = {
    "single": QuestionSpec("choice", lambda q: 1, _choices, _single),
    "multiple": QuestionSpec("choice", lambda q: ceil(len(q.choices) / 4), _choices, _listed),
    "true-false": QuestionSpec("true-false", lambda q: 1, lambda q: {}, _single),
    "matching": QuestionSpec("matching", lambda q: len(q.pairs), _matching, _paired),
    "ordering": QuestionSpec("sequencing", lambda q: len(q.items), lambda q: {"choices": [(i.id, i.text) for i in q.items]}, _listed),
}


def spec(question: Question) -> QuestionSpec:
    return QUESTION_TYPES[question.type]
