"""Values that must not repeat, checked on the raw YAML: every repeat is reported at its own
line, together with whatever else is wrong with the file."""

from __future__ import annotations

from als_package.diagnostics import Collector, Location
from als_package.source.yamlfile import KeyPath, YamlDocument, at

# (path to lists, '*' for every index; key in each entry; what it is; why it must not repeat)
QUIZ_RULES = (
    (("questions",), "id", "question id", "every question needs its own id"),
    (("questions", "*", "choices"), "id", "choice id", "every choice of a question needs its own id"),
    (("questions", "*", "choices"), "text", "choice text", "learners could not tell the two choices apart"),
    (("questions", "*", "pairs"), "id", "pair id", "every pair of a question needs its own id"),
    (("questions", "*", "pairs"), "source", "matching source", "list each source once (two sources may share a target)"),
    (("questions", "*", "items"), "id", "item id", "every item of a question needs its own id"),
    (("questions", "*", "items"), "text", "item text", "learners could not tell the two items apart"),
)
# Reflection prompts and tool items, statements and fields share one namespace: the module's answers.
ANSWER_LISTS = {"practice": (("prompts",),), "reflection": (("prompts",),), "tool": (("items",), ("statements",), ("fields",))}


def entries(doc: YamlDocument, pattern: KeyPath, key: str) -> list[tuple[str, Location]]:
    """(text, location) of `key` in every entry of the lists `pattern` reaches."""
    found = []
    for path, value in at(doc.data, pattern):
        for index, item in enumerate(value if isinstance(value, list) else ()):
            if isinstance(item, dict) and isinstance(item.get(key), str):
                found.append((item[key].strip(), doc.location(path + (index, key))))
    return found


def report_repeats(found: list[tuple[str, Location]], what: str, why: str, errors: Collector) -> None:
    first: dict[str, Location] = {}
    for value, where in found:
        if value in first:
            earlier = first[value]
            place = f"line {earlier.line}" if earlier.path == where.path else str(earlier)
            errors.error(where, f"{what} '{value}' is already used at {place}: {why}")
        first.setdefault(value, where)


def check_quiz(doc: YamlDocument, errors: Collector) -> None:
    """Repeats within each list (the choices of one question, not of two) are mistakes."""
    for pattern, key, what, why in QUIZ_RULES:
        for list_path, _ in at(doc.data, pattern):
            report_repeats(entries(doc, list_path, key), what, why, errors)


def check_answers(docs: dict[str, YamlDocument], errors: Collector) -> None:
    """Prompt, item, statement and field ids are unique across the module's reflection and tool."""
    found = [entry for name, doc in docs.items() for pattern in ANSWER_LISTS.get(name, ()) for entry in entries(doc, pattern, "id")]
    report_repeats(found, "id", "each prompt, item, statement and field of a module needs its own id", errors)
