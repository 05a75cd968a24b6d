"""Validating a YAML document against a model class, with errors mapped to lines."""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, Field, StrictBool, StrictInt, ValidationError, ValidationInfo, field_validator
from pydantic_core import ErrorDetails, PydanticCustomError

from als_package.diagnostics import Collector
from als_package.model import KEY_PATTERN, NEEDS_PASS, SLUG_PATTERN, Frozen, MoveOn, Percent, SelfAssessment, Slug, Text, Title
from als_package.source.yaml_messages import character_message
from als_package.source.yamlfile import YamlDocument

M = TypeVar("M", bound=BaseModel)

LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
# An http(s) IRI (RFC 3987) that ids can be appended to: a host name (letters of any script, digits,
# hyphens), an optional port, then path segments of IRI characters. No query or fragment (they would
# swallow the appended ids), no empty segment, no trailing slash. A letter of another script (RFC 3987's
# ucschar) may stand wherever an ASCII letter may, so each is read as "z" (not a hex digit: "%" must still be followed by two) before an ASCII pattern
# matches: the same verdict as one pattern holding the ucschar ranges five times, which took a
# fortieth of a second to compile on every build.
_UCSCHAR = re.compile("[^\x00-\x9f\ud800-\uf8ff\ufdd0-\ufdef\ufff0-\uffff\U000efffe-\U0010ffff]")
_LABEL = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
_SEGMENT = "([A-Za-z0-9\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})+"
_ASCII_IRI = re.compile(f"https?://{_LABEL}(\\.{_LABEL})*(:[0-9]{{1,5}})?(/{_SEGMENT})*")


def is_iri(value: str) -> bool:
    return _ASCII_IRI.fullmatch(_UCSCHAR.sub("z", value)) is not None


PATTERN_HINTS = {
    SLUG_PATTERN: "use lower-case letters and digits with single hyphens, e.g. 'what-is-leadership'",
    KEY_PATTERN: "start with a lower-case letter, then lower-case letters, digits or '_', e.g. 'q1' or 'listen_first'",
    LANGUAGE_PATTERN: "write a language tag such as 'en', 'en-GB' or 'fr-CA'",
}


def _iri(value: str) -> str:
    if not is_iri(value):
        raise PydanticCustomError("iri", "not an http(s) IRI", {})
    return value


class CourseFile(Frozen):
    id: Slug
    title: Title
    version: Text = Field(max_length=20)  # SCORM 1.2 manifest version (imscp_rootv1p1p2.xsd)
    language: Text = Field(pattern=LANGUAGE_PATTERN)
    description: Text
    iri_base: Annotated[Text, AfterValidator(_iri)]
    mastery_score: Percent
    modules: tuple[Text, ...] = Field(min_length=1)
    move_on: MoveOn = "CompletedAndPassed"
    free_text_in_statements: StrictBool = False  # docs/authoring.md: learners' own words stay out of xAPI statements
    self_assessment: SelfAssessment | None = None  # docs/authoring.md: answered at the start and at the end of the course


class ModuleFile(Frozen):
    id: Slug
    title: Title
    summary: Text
    objectives: tuple[Text, ...] = Field(min_length=1)
    minutes: StrictInt = Field(ge=1, le=600)
    mastery_score: Percent | None = None
    pages: tuple[Text, ...] = Field(min_length=1)
    practice: Text | None = None
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
        errors.error(document.location(), "this should be a block of 'key: value' lines (see docs/authoring.md for an example)")
        return None
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        for problem in exc.errors():
            loc = _data_path(problem["loc"], document.data)
            errors.error(document.location(loc), _message(problem, model))
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


def _name(loc: tuple) -> str:
    """How a message names the value: its key, or 'an entry of <key>' for a list item."""
    keys = [p for p in loc if isinstance(p, int) or p.isidentifier()]
    if keys and isinstance(keys[-1], int):
        words = [p for p in keys if isinstance(p, str)]
        return f"each entry of '{words[-1]}'" if words else "each entry"
    return f"'{keys[-1]}'" if keys else "this value"


def _shown(value: Any) -> str:
    """A value as the author wrote it in YAML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, (dict, list)):
        return "a block" if isinstance(value, dict) else "a list"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value)


def _message(problem: ErrorDetails, model: type[BaseModel]) -> str:
    name, kind, ctx, given = _name(problem["loc"]), problem["type"], problem.get("ctx", {}), _shown(problem.get("input"))
    if kind == "extra_forbidden":
        return _unknown_key(problem["loc"], model)
    if kind == "value_error":
        return str(ctx["error"])
    simple = {
        "missing": f"{name} is required: add it",
        "string_pattern_mismatch": f"{name} value {given} is not allowed: {PATTERN_HINTS.get(str(ctx.get('pattern')), 'see docs/authoring.md')}",
        "string_type": f"{name} must be text, not {given} (put quotes around it)",
        "int_type": f"{name} must be a whole number, not {given}",
        "float_type": f"{name} must be a number, not {given}",
        "finite_number": f"{name} must be a number, not {given}",
        "bool_type": f"{name} must be true or false, not {given}",
        "tuple_type": f"{name} must be a list, with each entry on its own line starting with '- '",
        "model_type": f"{name} must be a block of 'key: value' lines, not {given}",
        "dict_type": f"{name} must be a block of 'key: value' lines, not {given}",
        "literal_error": f"{name} must be {ctx.get('expected')}, not {given}",
        "too_short": f"{name} needs at least {ctx.get('min_length')} {'entry' if ctx.get('min_length') == 1 else 'entries'}",
        "too_long": f"{name} has {ctx.get('actual_length')} entries: at most {ctx.get('max_length')} are allowed",
        "string_too_short": f"{name} is empty: write something",
        "string_too_long": f"{name} is {len(str(problem.get('input')))} characters long: packages allow at most {ctx.get('max_length')}, so shorten it",
        "greater_than_equal": f"{name} must be at least {_shown(ctx.get('ge'))}, not {given}",
        "less_than_equal": f"{name} must be at most {_shown(ctx.get('le'))}, not {given}",
        "hundredths": f"{name} may have at most two decimals, not {given}",
        "iri": f"{name} value {given} is not an address xAPI ids can start with: write one such as "
        "'https://example.com/courses/my-course' (http or https and a host name; no spaces, none of "
        "< > \" { } | \\ ^ ` ? # [ ], a '%' only before two hex digits, and no '/' at the end)",
    }
    if kind in ("too_short", "too_long") and isinstance(problem.get("input"), str):
        kind = f"string_{kind}"
    if kind == "unprintable":
        return f"{name} {character_message(ctx['character'])}"
    return simple.get(kind, f"{name} is not valid here: see docs/authoring.md")


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
