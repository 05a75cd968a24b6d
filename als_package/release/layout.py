"""The layout of a saved attempt, and whether an attempt saved under one layout still reads under another.

templates/runtime/state.js saves a module's progress (SCORM suspend_data, the xAPI State)
by position, not by name: the current step is an index, the steps seen and the checklist
ticks are bits in step and item order, quiz answers are listed in question order and written
as letters or bits in the order of each question's choices, pairs or items (questions.js),
Likert ratings are digits in statement order, and free texts are a list that must have
exactly as many entries as the module has text fields. The course menu of a single-SCO
package (course.js) keeps every module's state in one list, in module order, that must have
exactly as many entries as the course has modules.

A `ModuleLayout` is everything those positions refer to: the thing (step, question, choice,
…) each position holds, identified by its id. Its `fingerprint` changes whenever any position
holds something else or the number of positions changes. Some of those changes still let an
old attempt read correctly (a step, question or checklist item added at the end: the codec
reads the missing position as empty), so whether an old attempt still reads is decided by
`unreadable`, part by part, with the codec's own rules. "Reads correctly" means: every part
of the old module keeps the value the learner saved, and every new part starts empty.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class QuestionLayout:
    id: str
    type: str
    choices: tuple[str, ...]  # single/multiple: a letter or a bit per choice, in this order
    pairs: tuple[str, ...]  # matching: one target number per pair, in this order
    targets: int  # matching: the target numbers a saved answer may hold
    items: tuple[str, ...]  # ordering: a letter per position, each an index into these


@dataclass(frozen=True)
class ModuleLayout:
    version: str  # state.js VERSION: a saved state of another version is discarded
    steps: tuple[str, ...]  # "kind:id" in the order the learner steps through them
    questions: tuple[QuestionLayout, ...]
    checks: tuple[str, ...]  # checklist items
    likert: tuple[str, ...]  # Likert statements
    scale: int  # the highest rating a statement can hold
    texts: tuple[str, ...]  # free-text fields (reflection prompts, then tool fields)

    def fingerprint(self) -> str:
        """12 hex digits that change whenever a position of the saved attempt holds something else."""
        return hashlib.sha256(json.dumps(asdict(self), sort_keys=True).encode()).hexdigest()[:12]


def module_layout(data: dict, version: str) -> ModuleLayout:
    """The layout of a module page's `#als-data` (render.player_data)."""
    return ModuleLayout(
        version=version,
        steps=tuple(f"{s['kind']}:{s['id']}" for s in data["steps"]),
        questions=tuple(
            QuestionLayout(q["id"], q["type"], tuple(q.get("choices", ())), tuple(q.get("pairs", ())), int(q.get("targets", 0)), tuple(q.get("items", ())))
            for q in data["questions"]
        ),
        checks=tuple(data.get("checks", ())),
        likert=tuple(s["id"] for s in data.get("likert", ())),
        scale=len(data.get("scale", ())),
        texts=tuple(t["id"] for t in data.get("texts", ())),
    )


def _extends(old: tuple, new: tuple) -> bool:
    """Positions read by index survive additions at the end, and nothing else."""
    return new[: len(old)] == old


def _listed(values: tuple) -> str:
    return ", ".join(str(v) for v in values) or "none"


def _question_problem(old: QuestionLayout, new: QuestionLayout) -> str | None:
    if old.type != new.type:
        return f"question {old.id} changed from {old.type} to {new.type}"
    if not _extends(old.choices, new.choices):
        return f"the choices of question {old.id} changed from {_listed(old.choices)} to {_listed(new.choices)}"
    if not _extends(old.pairs, new.pairs):
        return f"the pairs of question {old.id} changed from {_listed(old.pairs)} to {_listed(new.pairs)}"
    if new.targets < old.targets:
        return f"question {old.id} has {new.targets} matching targets instead of {old.targets}"
    if old.items != new.items:  # an empty position reads as the first item (questions.js), so even additions move answers
        return f"the items of question {old.id} changed from {_listed(old.items)} to {_listed(new.items)}"
    return None


def unreadable(old: ModuleLayout, new: ModuleLayout) -> list[str]:
    """Why an attempt saved under `old` would not read correctly under `new`; empty when it would."""
    if old.version != new.version:
        return [f"the saved-state format changed from {old.version or 'unknown'} to {new.version or 'unknown'}: every saved attempt is discarded"]
    problems = []
    if not _extends(old.steps, new.steps):
        problems.append(f"the steps changed from {_listed(old.steps)} to {_listed(new.steps)}")
    old_ids, new_ids = tuple(q.id for q in old.questions), tuple(q.id for q in new.questions)
    if not _extends(old_ids, new_ids):
        problems.append(f"the questions changed from {_listed(old_ids)} to {_listed(new_ids)}")
    for before, after in zip(old.questions, new.questions, strict=False):
        problem = _question_problem(before, after) if before.id == after.id else None
        if problem:
            problems.append(problem)
    if not _extends(old.checks, new.checks):
        problems.append(f"the checklist items changed from {_listed(old.checks)} to {_listed(new.checks)}")
    if not _extends(old.likert, new.likert):
        problems.append(f"the rated statements changed from {_listed(old.likert)} to {_listed(new.likert)}")
    if old.likert and new.scale < old.scale:
        problems.append(f"the rating scale has {new.scale} points instead of {old.scale}")
    if old.texts != new.texts:  # the texts list must have exactly one entry per field, or the whole state is discarded
        problems.append(f"the free-text fields changed from {_listed(old.texts)} to {_listed(new.texts)}")
    return problems


def menu_problem(old: tuple[str, ...], new: tuple[str, ...]) -> str | None:
    """A course menu's saved list needs exactly the same modules in the same order (course.js)."""
    if old == new:
        return None
    return (
        f"the course menu's modules changed from {_listed(old)} to {_listed(new)}: it keeps every module's saved attempt "
        "in one list by position, so every learner's saved progress is discarded or given to the wrong module"
    )
