"""Walk course_src/, validate every file and cross-check them; collect all mistakes, then build the Course."""

from __future__ import annotations

import difflib
import re
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from pydantic import BaseModel

from als_package.diagnostics import Collector, Location, UsageProblem
from als_package.model import SLUG_PATTERN, UNPRINTABLE, Asset, Checkpoint, Course, Frozen, Module, Page, Quiz, Reflection, SelfAssessment, Slug, Text, Tool
from als_package.source import quality, unique
from als_package.source.files import kind, read_text, real_path
from als_package.source.images import check_field_images, check_image
from als_package.source.markdown import image_references, split_front_matter
from als_package.source.schema import CourseFile, ModuleFile, validate
from als_package.source.yaml_messages import unprintable
from als_package.source.yamlfile import KeyPath, YamlDocument, parse_yaml
from als_package.state_budget import TEXT_FLOOR, text_field_limit

M = TypeVar("M", bound=BaseModel)

# Folders every package has at its root (the runtime, SCORM 2004's schema folders): no module may take their names.
RESERVED_MODULE_IDS = ("runtime", "common", "extend", "unique", "vocab")
# Steps every module may have besides its pages (the tool's step id is the tool's own id).
GENERATED_STEP_IDS = ("self-assessment-before", "practice", "reflection", "self-assessment-after", "quiz")


class _PageFront(Frozen):
    id: Slug | None = None
    title: Text


def load_course(source: Path, only_modules: tuple[str, ...] = ()) -> Course:
    """The validated course (only `only_modules`, if given); raises SourceError listing every mistake found,
    or UsageProblem when a module asked for is not in the course."""
    loader = _Loader(Path(source))
    course = loader.course()
    loader.errors.raise_if_any()
    assert course is not None
    return _only(course, only_modules)


def _only(course: Course, wanted: tuple[str, ...]) -> Course:
    known = [m.id for m in course.modules]
    for module_id in wanted:
        if module_id not in known:
            close = difflib.get_close_matches(module_id, known, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise UsageProblem(f"--module '{module_id}' is not a module of this course: {hint}(its modules: {', '.join(known)})")
    return course.model_copy(update={"modules": tuple(m for m in course.modules if m.id in wanted)}) if wanted else course


class _Loader:
    def __init__(self, source: Path):
        self.source = source
        self.root = real_path(source)
        self.errors = Collector()

    def _read_yaml(self, path: Path, missing_at: Location | None = None) -> YamlDocument | None:
        text = read_text(path, self.errors, missing_at)
        return None if text is None else parse_yaml(text, path, self.errors)

    def _inside(self, base: Path, reference: str, doc: YamlDocument, key: KeyPath, what: str) -> Path | None:
        """`reference` (written in `doc`) resolved against `base`, if it exists inside course_src/."""
        where = doc.location(key)
        if UNPRINTABLE.search(reference):
            return None  # the schema reports the character
        if PurePosixPath(reference).is_absolute() or "\\" in reference:
            self.errors.error(where, f"{what} '{reference}' must be a relative path with '/' separators")
            return None
        candidate = base / reference
        real = real_path(candidate)
        if real is None:
            self.errors.error(where, f"{what} '{reference}' is a symbolic link that loops or cannot be followed: fix the link")
            return None
        if self.root is None or not real.is_relative_to(self.root):
            self.errors.error(where, f"{what} '{reference}' points outside {self.source}/: keep course files inside it")
            return None
        if kind(candidate) is None:
            self.errors.error(where, f"{what} '{reference}' does not exist (looked for {candidate})")
            return None
        return candidate

    def course(self) -> Course | None:
        if self.root is None or kind(self.source) != "folder":
            what = "does not exist" if kind(self.source) is None else "is a file, not a folder"
            self.errors.error(Location(self.source), f"course source folder {what}: pass --source with the folder that holds course.yaml")
            return None
        doc = self._read_yaml(self.source / "course.yaml")
        if doc is None:
            return None
        spec = validate(doc, CourseFile, self.errors)
        mastery = spec.mastery_score if spec else 0
        modules = []
        for index, folder in _strings(doc.data, "modules"):
            module_dir = self._inside(self.source, folder, doc, ("modules", index), "module folder")
            if module_dir is None or not self._is_module_folder(module_dir, folder, doc.location(("modules", index))):
                continue
            module = self.module(module_dir, mastery, doc.location(("modules", index)))
            if module is not None:
                modules.append((module, doc.location(("modules", index))))
        self._check_module_ids(modules)
        if self.errors.diagnostics or spec is None:
            return None
        found = tuple(m for m, _ in modules)
        course = Course.model_construct(**_fields(spec, exclude={"modules"}), modules=_with_checkpoints(found, spec.self_assessment))
        quality.check_course(course, doc.location(("modules",)))
        return course

    def _is_module_folder(self, module_dir: Path, folder: str, where: Location) -> bool:
        if kind(module_dir) != "folder":
            self.errors.error(where, f"module folder '{folder}' is a file, not a folder: list the folder that holds module.yaml")
        elif real_path(module_dir) == self.root:
            self.errors.error(where, f"module folder '{folder}' is {self.source}/ itself: give each module a folder of its own")
        else:
            return True
        return False

    def _check_module_ids(self, modules: list[tuple[Module, Location]]) -> None:
        seen: dict[str, Location] = {}
        for module, where in modules:
            if module.id in seen:
                self.errors.error(
                    where, f"module id '{module.id}' is already used by the module listed at line {seen[module.id].line}: module ids must be unique"
                )
            if module.id in RESERVED_MODULE_IDS:
                self.errors.error(
                    where, f"module id '{module.id}' is the name of a folder every package has: choose another id (not {', '.join(RESERVED_MODULE_IDS)})"
                )
            seen.setdefault(module.id, where)

    def module(self, module_dir: Path, course_mastery: float, listed_at: Location) -> Module | None:
        """The module, or None after recording its mistakes; files it names are checked even if module.yaml has errors."""
        doc = self._read_yaml(module_dir / "module.yaml", listed_at)
        if doc is None:
            return None
        spec = validate(doc, ModuleFile, self.errors)
        assets: dict[str, Asset] = {}
        pages = [self.page(module_dir, ref, doc, ("pages", i), assets) for i, ref in _strings(doc.data, "pages")]
        docs: dict[str, YamlDocument] = {}
        parts: dict[str, Any] = {
            name: self._part(module_dir, ref, doc, name, model, docs, assets)
            for name, model in (("practice", Reflection), ("reflection", Reflection), ("tool", Tool), ("quiz", Quiz))
            for ref in [_string(doc.data, name)]
        }
        unique.check_answers(docs, self.errors)
        if spec is None or None in pages or any(getattr(spec, n) and parts[n] is None for n in parts):
            return None
        module = Module.model_construct(
            **_fields(spec, exclude={"pages", "practice", "reflection", "tool", "quiz", "mastery_score"}),
            mastery_score=course_mastery if spec.mastery_score is None else spec.mastery_score,
            pages=tuple(p for p in pages if p is not None),
            **parts,
            assets=tuple(asset for _, asset in sorted(assets.items())),
        )
        self._check_steps(module, doc)
        return module

    def _part(
        self, module_dir: Path, reference: str | None, doc: YamlDocument, key: str, model: type[M], docs: dict[str, YamlDocument], assets: dict[str, Asset]
    ) -> M | None:
        if reference is None:
            return None
        path = self._inside(module_dir, reference, doc, (key,), f"{key} file")
        part_doc = self._read_yaml(path, doc.location((key,))) if path else None
        if part_doc is None:
            return None
        docs[key] = part_doc
        check_field_images(part_doc, key, module_dir, self.errors, assets)
        if key == "quiz":
            unique.check_quiz(part_doc, self.errors)
        part = validate(part_doc, model, self.errors)
        if isinstance(part, Quiz):
            quality.check_quiz(part_doc, part)
        return part

    def page(self, module_dir: Path, reference: str, doc: YamlDocument, key: KeyPath, assets: dict[str, Asset]) -> Page | None:
        path = self._inside(module_dir, reference, doc, key, "page file")
        text = read_text(path, self.errors, doc.location(key)) if path else None
        if path is None or text is None:
            return None
        front, body, body_line = split_front_matter(text)
        if front is None:
            self.errors.error(Location(path, 1), "a page starts with front matter: a '---' line, 'title: ...', and another '---' line")
            return None
        front_doc = parse_yaml(front, path, self.errors, first_line=2)
        meta = validate(front_doc, _PageFront, self.errors) if front_doc else None
        folder = str(PurePosixPath(reference).parent).removeprefix(".")
        bad_character = unprintable(body)
        if bad_character:
            self.errors.error(Location(path, body_line + bad_character[0] - 1), bad_character[1])
        for image in image_references(body):
            check_image(image, Location(path, body_line + image.line - 1), module_dir, folder, self.errors, assets)
        if meta is None or bad_character:
            return None
        page_id = meta.id or path.stem
        if meta.id is None and not (re.fullmatch(SLUG_PATTERN, page_id) and len(page_id) <= 48):
            self.errors.error(
                Location(path, 2),
                f"file name '{path.stem}' cannot be the page id: add 'id: some-page-name' "
                "(lower-case letters, digits, single hyphens, at most 48 characters) to the front matter",
            )
            return None
        return Page.model_construct(id=page_id, title=meta.title, body=body, folder=folder)

    def _check_steps(self, module: Module, doc: YamlDocument) -> None:
        """Step ids name pages, the reflection, tool and knowledge check in progress data and xAPI ids: all differ."""
        taken = {name: f"reserved for the module's {'knowledge check' if name == 'quiz' else name} step" for name in GENERATED_STEP_IDS}
        if module.tool:
            taken[module.tool.id] = "already the id of the module's tool"
        for index, page in enumerate(module.pages):
            if page.id in taken:
                self.errors.error(doc.location(("pages", index)), f"page id '{page.id}' is {taken[page.id]}: give the page another 'id' in its front matter")
            taken.setdefault(page.id, "already used by another page of this module")
        if module.text_fields and text_field_limit(module) < TEXT_FLOOR:
            self.errors.error(
                doc.location(("tool",)),
                f"module '{module.id}' has too many answers to keep them in SCORM 1.2's 4,096 characters: use fewer free-text fields or questions",
            )


def _with_checkpoints(modules: tuple[Module, ...], assessment: SelfAssessment | None) -> tuple[Module, ...]:
    """The course self-assessment's steps: "before" opens the first module, "after" closes the last one's content."""
    if assessment is None:
        return modules
    first, last = modules[0].id, modules[-1].id
    placed = []
    for module in modules:
        before = (Checkpoint.model_construct(phase="before", assessment=assessment, first_module=first),) if module.id == first else ()
        after = (Checkpoint.model_construct(phase="after", assessment=assessment, first_module=first),) if module.id == last else ()
        checkpoints = before + after
        placed.append(module.model_copy(update={"checkpoints": checkpoints}) if checkpoints else module)
    return tuple(placed)


def _fields(spec: BaseModel, exclude: set[str]) -> dict[str, Any]:
    """A validated file's values as they are (model_dump would turn its nested models into dicts)."""
    return {name: getattr(spec, name) for name in type(spec).model_fields if name not in exclude}


def _strings(data: object, key: str) -> list[tuple[int, str]]:
    """(index, text) of the strings listed under `key`, whatever else is wrong with the file."""
    values = data.get(key) if isinstance(data, dict) else None
    return [(i, v) for i, v in enumerate(values) if isinstance(v, str) and v.strip()] if isinstance(values, list) else []


def _string(data: object, key: str) -> str | None:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None
