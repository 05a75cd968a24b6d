"""The course as the report sees it, read from the `*-xapi-activities.json` the build wrote.

That file lists every activity the course can emit, course first, then each module with its
steps (in the order the player shows them), questions, Likert statements and free-text
answers (als_package/targets/activities.py). The report names everything from it and uses
its ids to find this course's statements, so statements and report can never disagree on
what an id means. Free-text activities are only listed, so the engine can leave them out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from als_package.diagnostics import UsageProblem
from als_package.targets.activities import ASSESSMENT, INTERACTION, MODULE, PAGE

STEP_TYPES = (PAGE, ASSESSMENT)
# A course-level self-assessment rated before and after: likert ids `…self-assessment.before.ID` (or with /).
SELF_ASSESSMENT = re.compile(r"self-assessment[./](before|after)[./]([^/.]+)$")
SEPARATOR = "[,]"


def text(langstring: dict | None) -> str:
    """The first language's text of a language map (the course has one language)."""
    return next(iter((langstring or {}).values()), "")


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    position: int  # 1-based, in the order the player shows the module's steps


@dataclass(frozen=True)
class Question:
    """A knowledge check question: its prompt, its components by id and its correct response."""

    id: str
    key: str
    module: str
    prompt: str
    interaction: str
    components: dict[str, str]  # choice, sequencing item, matching source or target id → text
    pattern: str

    def parts(self, response: str) -> list[str]:
        """A response as the parts the report counts: each chosen option or matched pair;
        an ordering or a typed answer as a whole."""
        if self.interaction in ("choice", "matching"):
            return [p for p in response.split(SEPARATOR) if p]
        return [response]

    def is_correct_part(self, part: str) -> bool:
        if self.interaction in ("choice", "matching"):
            return part in self.pattern.split(SEPARATOR)
        return part == self.pattern

    def describe(self, part: str) -> str:
        """A part in the course's words: option text, "source → target", items in order."""
        if self.interaction == "matching" and "[.]" in part:
            source, target = part.split("[.]", 1)
            return f"{self.components.get(source, source)} → {self.components.get('target:' + target, target)}"
        if self.interaction == "sequencing":
            return " → ".join(self.components.get(p, p) for p in part.split(SEPARATOR))
        if self.interaction == "true-false":
            return part.capitalize()
        return self.components.get(part, part)


@dataclass(frozen=True)
class Module:
    id: str
    key: str
    title: str
    steps: tuple[Step, ...] = ()
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True)
class RatedItem:
    """One statement of the course self-assessment, rated before and after the course."""

    key: str
    text: str
    before: str
    after: str
    scale: tuple[str, ...]  # labels, lowest first; responses are positions "1".."n"


@dataclass(frozen=True)
class Catalog:
    course: str
    title: str
    modules: tuple[Module, ...]
    self_assessment: tuple[RatedItem, ...] = ()
    free_text: frozenset[str] = field(default_factory=frozenset)  # never read: listed so it can be left out
    likert: frozenset[str] = field(default_factory=frozenset)


def _components(definition: dict) -> dict[str, str]:
    found = {c["id"]: text(c.get("description")) for name in ("choices", "source") for c in definition.get(name, [])}
    found |= {"target:" + c["id"]: text(c.get("description")) for c in definition.get("target", [])}
    return found


def _module_of(activity_id: str, modules: list[str]) -> str | None:
    return next((m for m in modules if activity_id.startswith(m + "/")), None)


def _rated_items(likert: dict[str, dict]) -> tuple[RatedItem, ...]:
    sides: dict[str, dict[str, tuple[str, dict]]] = {}
    for activity_id, definition in likert.items():
        match = SELF_ASSESSMENT.search(activity_id)
        if match:
            sides.setdefault(match.group(2), {})[match.group(1)] = (activity_id, definition)
    items = []
    for key, pair in sides.items():
        if set(pair) == {"before", "after"}:
            (before, definition), (after, _) = pair["before"], pair["after"]
            scale = tuple(text(c.get("description")) for c in definition.get("scale", []))
            items.append(RatedItem(key, text(definition.get("name")), before, after, scale))
    return tuple(items)


def parse(document: dict, where: str) -> Catalog:
    """The catalog of an activities document; `where` names it in messages."""
    try:
        activities = [(a["id"], a["definition"]) for a in document["activities"]]
        course = document["course"]
    except (KeyError, TypeError) as error:
        raise UsageProblem(f"{where} is not an activities file written by als-build (missing {error})") from None
    titles = {i: text(d.get("name")) for i, d in activities}
    module_ids = [i for i, d in activities if d.get("type") == MODULE]
    steps: dict[str, list[Step]] = {m: [] for m in module_ids}
    questions: dict[str, list[Question]] = {m: [] for m in module_ids}
    likert: dict[str, dict] = {}
    free_text = set()
    for activity_id, definition in activities:
        module = _module_of(activity_id, module_ids)
        kind = definition.get("interactionType")
        if definition.get("type") in STEP_TYPES and module:
            steps[module].append(Step(activity_id, titles[activity_id], 0))
        elif kind == "likert":
            likert[activity_id] = definition
        elif kind in ("long-fill-in", "fill-in") and "correctResponsesPattern" not in definition:
            free_text.add(activity_id)
        elif definition.get("type") == INTERACTION and module:
            questions[module].append(
                Question(
                    activity_id,
                    activity_id.rsplit("/", 1)[-1],
                    module[len(course) + 1 :],
                    text(definition.get("description")),
                    kind or "other",
                    _components(definition),
                    (definition.get("correctResponsesPattern") or [""])[0],
                )
            )
    ordered = {m: tuple(Step(s.id, s.title, n) for n, s in enumerate(found, start=1)) for m, found in steps.items()}
    modules = tuple(Module(m, m[len(course) + 1 :], titles[m], ordered[m], tuple(questions[m])) for m in module_ids)
    if not modules:
        raise UsageProblem(f"{where} lists no modules: is it the xapi-activities.json of a course build?")
    return Catalog(course, titles.get(course, course), modules, _rated_items(likert), frozenset(free_text), frozenset(likert))


def load(path: Path) -> Catalog:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageProblem(f"{path}: no such file (build the xapi target to write it: als-build --target xapi)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UsageProblem(f"{path}: cannot read it as JSON ({error})") from None
    return parse(document, str(path))


def find(folder: Path) -> Path:
    """The one `*-xapi-activities.json` in a build's output folder."""
    found = sorted(folder.glob("*-xapi-activities.json"))
    if len(found) != 1:
        what = "no" if not found else f"{len(found)}"
        raise UsageProblem(f"{folder}: {what} *-xapi-activities.json found; name the file with --definitions")
    return found[0]
