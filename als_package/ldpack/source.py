"""course_src/ld/ → the toolkit's own text, validated like the course: every mistake as `path:line`.

The toolkit source is four YAML files beside the modules (docs/ld-pack.md). The facilitator and
manager guides have an entry per module, keyed by module id, so they are checked against the
course: an entry for a module the course lacks, or a module without one, is reported at its line.
Everything a module already says (title, summary, objectives, tool) is read from the module,
never repeated here; facts of the course the text needs (how many modules, how long they take)
are written `$modules`, `$minutes`… and filled in from the course as built (`course_values`).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import Field

from als_package.diagnostics import Collector
from als_package.model import Course, Frozen, Prose, Slug, Text
from als_package.source.files import read_text
from als_package.source.markdown import image_references
from als_package.source.schema import validate
from als_package.source.yamlfile import YamlDocument, parse_yaml

M = TypeVar("M", bound=Frozen)
Texts = tuple[Text, ...]


class SessionStep(Frozen):
    minutes: int = Field(strict=True, ge=1, le=240)
    activity: Text
    notes: Prose = ""


class Format(Frozen):
    name: Text
    text: Prose


class FacilitatorModule(Frozen):
    focus: Text
    opener: Text
    questions: Texts = Field(min_length=2, max_length=8)
    activity: Prose
    between: Text


class FacilitatorFile(Frozen):
    title: Text
    intro: Prose
    formats: tuple[Format, ...] = Field(min_length=1)
    preparing: Prose
    session: tuple[SessionStep, ...] = Field(min_length=1)
    ground_rules: Texts = Field(min_length=1)
    modules: dict[str, FacilitatorModule]
    closing: Prose


class ManagerModule(Frozen):
    why: Text
    ask: Texts = Field(min_length=2, max_length=5)
    listen_for: Texts = Field(min_length=1, max_length=4)
    support: Texts = Field(min_length=1, max_length=4)
    avoid: Text


class ManagersFile(Frozen):
    title: Text
    intro: Prose
    modules: dict[str, ManagerModule]


class Message(Frozen):
    id: Slug
    kind: Text
    when: Text
    audience: Text
    subject: Text | None = None
    body: Prose


class Placeholder(Frozen):
    token: Text
    meaning: Text


class CommunicationsFile(Frozen):
    title: Text
    intro: Prose
    placeholders: tuple[Placeholder, ...] = ()
    messages: tuple[Message, ...] = Field(min_length=1)


class Survey(Frozen):
    title: Text
    when: Text
    intro: Prose = ""
    scale: Texts = Field(min_length=3, max_length=7)
    items: Texts = Field(min_length=1)
    open: Texts = ()


class BehaviourSurvey(Survey):
    items: Texts = ()
    modules: dict[str, Annotated[Texts, Field(min_length=1)]]


class DataSection(Frozen):
    title: Text
    text: Prose


class EvaluationFile(Frozen):
    title: Text
    intro: Prose
    reaction: Survey
    behaviour: BehaviourSurvey
    manager: Survey
    data: tuple[DataSection, ...] = Field(min_length=1)


@dataclass(frozen=True)
class Toolkit:
    facilitator: FacilitatorFile
    managers: ManagersFile
    communications: CommunicationsFile
    evaluation: EvaluationFile


# Where a file has an entry per module, keyed by module id.
MODULE_KEYED = (("modules",), ("behaviour", "modules"))


def load_toolkit(folder: Path, course: Course) -> Toolkit:
    """The validated toolkit source; raises SourceError listing every mistake in course_src/ld/."""
    errors = Collector()
    facilitator = _load(folder / "facilitator.yaml", FacilitatorFile, course, errors)
    managers = _load(folder / "managers.yaml", ManagersFile, course, errors)
    communications = _load(folder / "communications.yaml", CommunicationsFile, course, errors)
    evaluation = _load(folder / "evaluation.yaml", EvaluationFile, course, errors)
    errors.raise_if_any()
    assert facilitator and managers and communications and evaluation
    return Toolkit(facilitator, managers, communications, evaluation)


def _load(path: Path, model: type[M], course: Course, errors: Collector) -> M | None:
    text = read_text(path, errors)
    doc = parse_yaml(text, path, errors) if text is not None else None
    if doc is None:
        return None
    _no_images(doc, doc.data, (), errors)
    _check_module_keys(doc, course, errors)
    filled = YamlDocument(doc.path, _filled(doc, doc.data, (), course_values(course), errors), doc.lines)
    return validate(filled, model, errors)


NUMBER_WORDS = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
)
PLACEHOLDER = re.compile(r"\$(\$|[A-Za-z_]+)")


def course_values(course: Course) -> dict[str, str]:
    """What `$name` in the toolkit's text stands for: facts of the course as built, so that a
    branded edition with fewer modules, or a module that grows, never leaves the text behind."""
    count = len(course.modules)
    minutes = sorted(m.minutes for m in course.modules)
    words = NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count)
    return {
        "course": course.title,
        "modules": words,
        "Modules": words[:1].upper() + words[1:],
        "minutes": str(round(minutes[len(minutes) // 2] / 5) * 5) if minutes else "0",
        "first_module": course.modules[0].title if course.modules else "",
        "last_module": course.modules[-1].title if course.modules else "",
    }


def _filled(doc: YamlDocument, data: object, key: tuple, values: dict[str, str], errors: Collector) -> object:
    """`data` with every `$name` in its text replaced (`$$` is a dollar sign); an unknown name is a mistake at its line."""
    if isinstance(data, dict):
        return {name: _filled(doc, value, (*key, name), values, errors) for name, value in data.items()}
    if isinstance(data, list):
        return [_filled(doc, value, (*key, index), values, errors) for index, value in enumerate(data)]
    if not isinstance(data, str):
        return data

    def fill(found: re.Match) -> str:
        name = found.group(1)
        if name == "$":
            return "$"
        if name not in values:
            errors.error(
                doc.location(key),
                f"'${name}' is not something the toolkit can fill in: use {', '.join('$' + v for v in values)}, or write $$ for a dollar sign",
            )
            return found.group(0)
        return values[name]

    return PLACEHOLDER.sub(fill, data)


def _no_images(doc: YamlDocument, data: object, key: tuple, errors: Collector) -> None:
    """The toolkit's pages are single files: Markdown images would point at nothing."""
    if isinstance(data, dict):
        for name, value in data.items():
            _no_images(doc, value, (*key, name), errors)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _no_images(doc, value, (*key, index), errors)
    elif isinstance(data, str) and image_references(data):
        errors.error(doc.location(key), "the toolkit's text cannot show images: remove the '![...](...)' image")


def _check_module_keys(doc: YamlDocument, course: Course, errors: Collector) -> None:
    """Every module of the build has its entry, so the guides follow the course. Entries for other
    modules are left out quietly (a build with --module covers only some), unless one looks like a
    misspelt id of a module that has no entry."""
    known = [m.id for m in course.modules]
    for key in MODULE_KEYED:
        listed = _get(doc.data, key)
        if not isinstance(listed, dict):
            continue
        strangers = [k for k in listed if isinstance(k, str) and k not in known]
        for missing in (m for m in known if m not in listed):
            close = difflib.get_close_matches(missing, strangers, n=1)
            if close:
                errors.error(doc.location((*key, close[0])), f"'{close[0]}' is not a module of this course: did you mean '{missing}'?")
            else:
                errors.error(doc.location(key), f"no entry for module '{missing}': add one for each module of the course")


def _get(data: object, key: tuple[str, ...]) -> object:
    for part in key:
        data = data.get(part) if isinstance(data, dict) else None
    return data
