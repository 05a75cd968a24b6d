"""Walk course_src/, validate every file and cross-check them; collect all mistakes, then build the Course."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import TypeVar

from pydantic import BaseModel

from als_package.diagnostics import Collector, Location
from als_package.model import Asset, Course, Frozen, Module, Page, Quiz, Reflection, SLUG_PATTERN, Slug, Text, Tool, module_relative
from als_package.source.markdown import image_references, split_front_matter
from als_package.source.schema import CourseFile, ModuleFile, validate
from als_package.source.yamlfile import KeyPath, YamlDocument, parse_yaml
from als_package.state_budget import TEXT_FLOOR, text_field_limit

M = TypeVar("M", bound=BaseModel)


class _PageFront(Frozen):
    id: Slug | None = None
    title: Text


def load_course(source: Path, only_modules: tuple[str, ...] = ()) -> Course:
    """The validated course; raises SourceError listing every mistake found."""
    loader = _Loader(Path(source))
    course = loader.course(only_modules)
    loader.errors.raise_if_any()
    assert course is not None
    return course


class _Loader:
    def __init__(self, source: Path):
        self.source = source
        self.root = source.resolve()
        self.errors = Collector()

    def _read_yaml(self, path: Path, location: Location | None = None) -> YamlDocument | None:
        if not path.is_file():
            self.errors.error(location or Location(path), f"file '{path}' does not exist: create it or fix the reference")
            return None
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            self.errors.error(Location(path), f"not UTF-8 text ({exc.reason}): save the file as UTF-8")
            return None
        return parse_yaml(text, path, self.errors)

    def _inside(self, base: Path, reference: str, doc: YamlDocument, key: KeyPath, what: str) -> Path | None:
        """`reference` (written in `doc`) resolved against `base`, if it exists inside course_src/."""
        where = doc.location(key)
        if PurePosixPath(reference).is_absolute() or "\\" in reference:
            self.errors.error(where, f"{what} '{reference}' must be a relative path with '/' separators")
            return None
        candidate = base / reference
        if not candidate.resolve().is_relative_to(self.root):
            self.errors.error(where, f"{what} '{reference}' points outside {self.source}/: keep course files inside it")
            return None
        if not candidate.exists():
            self.errors.error(where, f"{what} '{reference}' does not exist (looked for {candidate})")
            return None
        return candidate

    def course(self, only_modules: tuple[str, ...]) -> Course | None:
        path = self.source / "course.yaml"
        if not self.source.is_dir():
            self.errors.error(Location(self.source), "course source folder does not exist: pass --source with the folder that holds course.yaml")
            return None
        doc = self._read_yaml(path)
        if doc is None:
            return None
        spec = validate(doc, CourseFile, self.errors)
        mastery = spec.mastery_score if spec else 0
        modules = []
        for index, folder in _strings(doc.data, "modules"):
            module_dir = self._inside(self.source, folder, doc, ("modules", index), "module folder")
            if module_dir is None:
                continue
            module = self.module(module_dir, mastery, doc.location(("modules", index)))
            if module is not None:
                modules.append((module, doc.location(("modules", index))))
        self._check_unique_module_ids(modules)
        chosen = self._choose(modules, only_modules, doc)
        if self.errors.diagnostics or spec is None:
            return None
        return Course(**spec.model_dump(exclude={"modules"}), modules=tuple(chosen))

    def _check_unique_module_ids(self, modules: list[tuple[Module, Location]]) -> None:
        seen: dict[str, Location] = {}
        for module, where in modules:
            if module.id in seen:
                self.errors.error(where, f"module id '{module.id}' is already used by the module listed at line {seen[module.id].line}: module ids must be unique")
            seen.setdefault(module.id, where)

    def _choose(self, modules: list[tuple[Module, Location]], only: tuple[str, ...], doc: YamlDocument) -> list[Module]:
        known = [m.id for m, _ in modules]
        for wanted in only:
            if wanted not in known:
                self.errors.error(doc.location(("modules",)), f"--module '{wanted}' is not a module of this course (modules: {', '.join(known)})")
        return [m for m, _ in modules if not only or m.id in only]

    def module(self, module_dir: Path, course_mastery: float, listed_at: Location) -> Module | None:
        """The module, or None after recording its mistakes; files it names are checked even if module.yaml has errors."""
        doc = self._read_yaml(module_dir / "module.yaml", listed_at)
        if doc is None:
            return None
        spec = validate(doc, ModuleFile, self.errors)
        assets: dict[str, str] = {}
        pages = [self.page(module_dir, ref, doc, ("pages", i), assets) for i, ref in _strings(doc.data, "pages")]
        parts = {
            name: self._part(module_dir, ref, doc, name, model)
            for name, model in (("reflection", Reflection), ("tool", Tool), ("quiz", Quiz))
            for ref in [_string(doc.data, name)]
        }
        if spec is None or None in pages or any(getattr(spec, n) and parts[n] is None for n in parts):
            return None
        module = Module(
            **spec.model_dump(exclude={"pages", "reflection", "tool", "quiz", "mastery_score"}),
            mastery_score=course_mastery if spec.mastery_score is None else spec.mastery_score,
            pages=tuple(pages), **parts,
            assets=tuple(Asset(path=p, source=s) for p, s in sorted(assets.items())),
        )
        self._check_answer_ids(module, doc)
        page_ids = [p.id for p in module.pages]
        for index, page_id in enumerate(page_ids):
            if page_id in page_ids[:index]:
                self.errors.error(doc.location(("pages", index)), f"page id '{page_id}' is used twice in this module: give one page another 'id' in its front matter")
        return module

    def _part(self, module_dir: Path, reference: str | None, doc: YamlDocument, key: str, model: type[M]) -> M | None:
        if reference is None:
            return None
        path = self._inside(module_dir, reference, doc, (key,), f"{key} file")
        part_doc = self._read_yaml(path) if path else None
        return validate(part_doc, model, self.errors) if part_doc else None

    def page(self, module_dir: Path, reference: str, doc: YamlDocument, key: KeyPath, assets: dict[str, str]) -> Page | None:
        path = self._inside(module_dir, reference, doc, key, "page file")
        if path is None:
            return None
        text = path.read_text(encoding="utf-8")
        front, body, body_line = split_front_matter(text)
        if front is None:
            self.errors.error(Location(path, 1), "a page starts with front matter: a '---' line, 'title: ...', and another '---' line")
            return None
        front_doc = parse_yaml(front, path, self.errors, first_line=2)
        meta = validate(front_doc, _PageFront, self.errors) if front_doc else None
        folder = str(PurePosixPath(reference).parent).removeprefix(".")
        self._collect_images(path, module_dir, folder, body, body_line, assets)
        if meta is None:
            return None
        page_id = meta.id or path.stem
        if meta.id is None and not re.fullmatch(SLUG_PATTERN, page_id):
            self.errors.error(Location(path, 2), f"file name '{path.stem}' cannot be the page id: add 'id: some-page-name' (lower-case letters, digits, hyphens) to the front matter")
            return None
        return Page(id=page_id, title=meta.title, body=body, folder=folder)

    def _collect_images(self, path: Path, module_dir: Path, folder: str, body: str, body_line: int, assets: dict[str, str]) -> None:
        for image in image_references(body):
            where = Location(path, body_line + image.line - 1)
            inside = module_relative(folder, image.src)
            if inside is None:
                self.errors.error(where, f"image '{image.src}' points outside the module folder: keep images inside {module_dir}/ and refer to them relatively")
                continue
            real = (module_dir / inside).resolve()
            if not real.is_relative_to(module_dir.resolve()):
                self.errors.error(where, f"image '{image.src}' is a link that leads outside {module_dir}/: copy the file into the module")
            elif not real.is_file():
                self.errors.error(where, f"image '{image.src}' does not exist (looked for {module_dir / inside})")
            elif not image.alt.strip():
                self.errors.error(where, f"image '{image.src}' has no alt text: write ![what the image shows]({image.src})")
            else:
                assets[inside] = str(real)

    def _check_answer_ids(self, module: Module, doc: YamlDocument) -> None:
        ids: list[str] = list(module.text_fields)
        if module.tool:
            ids += [i.id for i in module.tool.items] + [s.id for s in module.tool.statements]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            self.errors.error(doc.location(("tool",)), f"ids {', '.join(duplicates)} are used twice across the reflection and tool: each prompt, item, statement and field needs its own id")
        if module.text_fields and text_field_limit(module) < TEXT_FLOOR:
            self.errors.error(doc.location(("tool",)), f"module '{module.id}' has too many answers to keep them in SCORM 1.2's 4,096 characters: use fewer free-text fields or questions")


def _strings(data: object, key: str) -> list[tuple[int, str]]:
    """(index, text) of the strings listed under `key`, whatever else is wrong with the file."""
    values = data.get(key) if isinstance(data, dict) else None
    return [(i, v) for i, v in enumerate(values) if isinstance(v, str)] if isinstance(values, list) else []


def _string(data: object, key: str) -> str | None:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None
