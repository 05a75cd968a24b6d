"""Authoring checks on knowledge checks: cues that let a learner pass without learning.

A source can be valid and still be a poor test: the right answer is the longest option in
most questions, every multiple-response question has three right answers, most true/false
statements are false, the last matching pair is free by elimination, or feedback repeats the
verdict the player already prints ("Correct." / "Not quite."). None of these stops a build,
so each is a warning (`AuthoringWarning`, printed by the CLI as `path:line: warning: ...`
with exit status 0): authors see them in every `als-build check` and build.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from als_package.diagnostics import Diagnostic, Location
from als_package.model import Course, Question, Quiz
from als_package.source.yamlfile import YamlDocument

# What the player prints before the feedback (templates/runtime/quiz.js), and near variants.
VERDICT = re.compile(r"^\s*(correct|incorrect|not quite|not correct|not right|quite right|right|wrong|that's right|that is right)\s*[.!,:;]", re.I)
# A right answer this much longer than every other choice stands out.
WIDE_MARGIN = 1.2
# Course-wide balance: at least this many questions of a kind before a share is judged.
ENOUGH = 6
# One number of right answers (or one true/false key) in more than this share of questions is a pattern.
PATTERN_SHARE = 0.6


class AuthoringWarning(UserWarning):
    """A cue or habit in the source that does not stop a build; `diagnostic` says where."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def warn(location: Location, message: str) -> None:
    warnings.warn(AuthoringWarning(Diagnostic(location, message)), stacklevel=2)


def check_quiz(doc: YamlDocument, quiz: Quiz) -> None:
    """The checks that need one knowledge check: verdicts in feedback, repeated openings,
    length cues and matching questions without a spare target."""
    openings: Counter[str] = Counter()
    for index, question in enumerate(quiz.questions):
        at = ("questions", index)
        for key_path, text in _feedback(question, at):
            verdict = VERDICT.match(text)
            if verdict:
                warn(
                    doc.location(key_path),
                    f"feedback starts with '{verdict.group(0).strip()}', and the player already says "
                    "'Correct.' or 'Not quite.' before it: start with the reason instead",
                )
            openings[_opening(text)] += 1
        if question.type == "matching" and len(question.targets) == len(question.pairs):
            warn(
                doc.location(at),
                f"matching question '{question.id}' gives every source its own target, so the last pair is free by elimination: let two sources share a target",
            )
    _check_lengths(doc, quiz)
    _check_openings(doc, openings, sum(openings.values()))


def _feedback(question: Question, at: tuple) -> list[tuple[tuple, str]]:
    if question.choices:
        return [((*at, "choices", i, "feedback"), c.feedback) for i, c in enumerate(question.choices)]
    assert question.feedback is not None
    return [((*at, "feedback", "correct"), question.feedback.correct), ((*at, "feedback", "incorrect"), question.feedback.incorrect)]


def _opening(text: str) -> str:
    return " ".join(text.lower().split()[:2])


def longest_by_margin(question: Question) -> bool:
    """A single-choice question whose right answer is longer than every other choice by WIDE_MARGIN."""
    if question.type != "single":
        return False
    key = next(c for c in question.choices if c.correct)
    others = max(len(c.text) for c in question.choices if not c.correct)
    return len(key.text) >= WIDE_MARGIN * others


def _check_lengths(doc: YamlDocument, quiz: Quiz) -> None:
    singles = [i for i, q in enumerate(quiz.questions) if q.type == "single"]
    cued = [i for i in singles if longest_by_margin(quiz.questions[i])]
    if len(cued) >= 2 and len(cued) * 2 > len(singles):
        for i in cued:
            warn(
                doc.location(("questions", i)),
                f"the right answer of '{quiz.questions[i].id}' is much the longest choice, as in "
                f"{len(cued)} of this check's {len(singles)} single-choice questions: "
                "learners learn to pick the longest; even out the lengths",
            )


def _check_openings(doc: YamlDocument, openings: Counter[str], total: int) -> None:
    if not openings:
        return
    opening, count = openings.most_common(1)[0]
    if count >= 4 and count * 3 > total:
        warn(
            doc.location(("questions",)),
            f"{count} of this check's {total} feedback texts start with '{opening}': vary the openings, so the feedback reads as an explanation, not a formula",
        )


def check_course(course: Course, where: Location) -> None:
    """Balance across the whole course: the share of true/false keys and of right answers per multiple-response question."""
    questions = [q for m in course.modules if m.quiz for q in m.quiz.questions]
    keys = Counter(q.answer for q in questions if q.type == "true-false")
    right = Counter(sum(c.correct for c in q.choices) for q in questions if q.type == "multiple")
    for counts, what in ((keys, "true/false questions are keyed '{}'"), (right, "multiple-response questions have {} right answers")):
        total = sum(counts.values())
        if total >= ENOUGH:
            value, count = counts.most_common(1)[0]
            if count > PATTERN_SHARE * total:
                shown = str(value).lower() if isinstance(value, bool) else value
                warn(where, f"{count} of the course's {total} {what.format(shown)}: a learner who guesses that wins; vary them")


@contextmanager
def collected() -> Iterator[list[Diagnostic]]:
    """The authoring warnings raised inside the block, in order, for the CLI to print its own way;
    any other warning is passed on to Python's usual handling."""
    found: list[Diagnostic] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", AuthoringWarning)
        try:
            yield found
        finally:
            found.extend(w.message.diagnostic for w in caught if isinstance(w.message, AuthoringWarning))
    for other in caught:
        if not isinstance(other.message, AuthoringWarning):
            warnings.warn_explicit(other.message, other.category, other.filename, other.lineno)
