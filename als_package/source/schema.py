"""Validating a YAML document against a model class, with errors mapped to lines."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, Field, StrictInt, ValidationError, ValidationInfo, field_validator

from als_package.diagnostics import Collector
from als_package.model import NEEDS_PASS, Frozen, MoveOn, Percent, Slug, Text
from als_package.source.yamlfile import YamlDocument

M = TypeVar("M", bound=BaseModel)

PATTERN_HINTS = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "use lower-case letters and digits with single hyphens, e.g. 'what-is-leadership'",
    r"^[a-z][a-z0-9_]*$": "start with a lower-case letter, then lower-case letters, digits or '_', e.g. 'q1' or 'listen_first'",
}


class CourseFile(Frozen):
    id: Slug
    title: Text
    version: Text
    language: Text = Field(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
    description: Text
    iri_base: Text = Field(pattern=r"^https?://[^\s/]+(/[^\s]*[^\s/])?$")
    mastery_score: Percent
    modules: tuple[Text, ...] = Field(min_length=1)
    move_on: MoveOn = "CompletedAndPassed"


class ModuleFile(Frozen):
    id: Slug
    title: Text
    summary: Text
    objectives: tuple[Text, ...] = Field(min_length=1)
    minutes: StrictInt = Field(ge=1, le=600)
    mastery_score: Percent | None = None
    pages: tuple[Text, ...] = Field(min_length=1)
    reflection: Text | None = None
    tool: Text | None = None
    quiz: Text | None = None
    move_on: MoveOn | None = None

    @field_validator("move_on")
    @classmethod
    def _passable(cls, value: MoveOn | None, info: ValidationInfo) -> MoveOn | None:
        if value in NEEDS_PASS and info.data.get("quiz") is None:
            raise ValueError(f"move_on '{value}' needs a knowledge check to pass, and this module has no quiz: use 'Completed'")
        return value


def validate(document: YamlDocument, model: type[M], errors: Collector) -> M | None:
    """Return the model, or record every problem at its line and return None."""
    if not isinstance(document.data, dict):
        errors.error(document.location(), f"expected a block of 'key: value' lines for {model.__name__.removesuffix('File').lower()}")
        return None
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        for problem in exc.errors():
            loc = _data_path(problem["loc"], document.data)
            errors.error(document.location(loc), _message(problem, loc, model))
        return None


def _data_path(loc: tuple, data: Any) -> tuple:
    """Drop pydantic's union/model tags so the path matches the YAML keys."""
    path: list = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            path.append(part)
    return tuple(path)


def _message(problem: dict, loc: tuple, model: type[BaseModel]) -> str:
    where = ".".join(str(p) for p in problem["loc"] if not str(p).startswith("function-after"))
    kind = problem["type"]
    if kind == "extra_forbidden":
        return _unknown_key(problem["loc"], model)
    if kind == "missing":
        return f"'{where}' is required: add it"
    if kind == "string_pattern_mismatch":
        hint = PATTERN_HINTS.get(problem["ctx"]["pattern"], f"it must match {problem['ctx']['pattern']}")
        return f"'{where}' value {problem['input']!r} is not allowed: {hint}"
    if kind == "value_error":
        return str(problem["ctx"]["error"])
    if kind in ("string_type", "int_type", "float_type", "bool_type"):
        wanted = {"string_type": "text", "int_type": "a whole number", "float_type": "a number", "bool_type": "true or false"}[kind]
        hint = " (put quotes around it)" if kind == "string_type" else ""
        return f"'{where}' must be {wanted}, not {problem['input']!r}{hint}"
    return f"'{where}': {problem['msg']}"


def _unknown_key(loc: tuple, model: type[BaseModel]) -> str:
    key = loc[-1]
    owner = _model_at(model, loc[:-1])
    known = list(owner.model_fields) if owner else []
    close = difflib.get_close_matches(str(key), known, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
    return f"unknown key '{key}': {hint}"


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


__all__ = ["CourseFile", "ModuleFile", "validate"]
