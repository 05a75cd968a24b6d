"""libyaml's error wording, retold for authors: what is wrong and what to type instead."""

from __future__ import annotations

import unicodedata

import yaml

from als_package.model import UNPRINTABLE

UNKNOWN_ESCAPE = "a backslash in double quotes starts an escape YAML does not know: use single quotes, or write '\\\\' for a backslash"
# libyaml `problem` text → advice. A problem not listed keeps libyaml's own words.
ADVICE = {
    "mapping values are not allowed": "a ': ' inside a value makes YAML read a new key: put the whole value in quotes",
    "could not find expected ':'": "this line is neither 'key: value' nor part of the value above: add the missing ':' or put the value in quotes",
    "did not find expected key": "this line is indented differently from the keys around it: line up keys that belong together",
    "did not find expected '-' indicator": "this line is indented differently from the list around it: line up the '-' of every item",
    "did not find expected ',' or ']'": "a list opened with '[' is not closed with ']': close it, or put the value in quotes if the '[' is part of the text",
    "did not find expected ',' or '}'": "a block opened with '{' is not closed with '}': close it, or put the value in quotes if the '{' is part of the text",
    "found a tab character": "a tab is used for indentation: indent with spaces",
    "found unexpected end of stream": "a quoted value is not closed: add the closing quote",
    "found unknown escape character": UNKNOWN_ESCAPE,
    "found invalid Unicode character escape code": UNKNOWN_ESCAPE,
    "found undefined alias": "an alias ('*name') is used before any anchor ('&name') marks a value with that name",
    "second occurrence": "the same anchor ('&name') marks two values: give each its own name",
    "but found another document": "a line with '---' starts a second document: a course file holds one, so remove the '---'",
}


# Problems that are found far from their cause: an unclosed bracket or quote. They are
# reported where the bracket or quote opens.
UNCLOSED = ("did not find expected ',' or", "found unexpected end of stream")


def syntax_message(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """(1-based line in `text`, message) for a YAML syntax error."""
    problem = exc.problem or "invalid YAML"
    unclosed = exc.context_mark is not None and any(key in problem for key in UNCLOSED)
    mark = exc.context_mark if unclosed else exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    advice = next((a for key, a in ADVICE.items() if key in problem), None)
    if "cannot start any token" in problem and mark is not None:
        advice = _bad_start(text, mark.index)
    return line, f"YAML syntax error: {advice or problem + '; check the indentation and quoting around this line'}"


def _bad_start(text: str, index: int) -> str:
    character = text[index] if index < len(text) else ""
    if character == "\t":
        return "a tab is used for indentation: indent with spaces"
    return f"a value cannot start with '{character}': put the whole value in quotes"


def unprintable(text: str) -> tuple[int, str] | None:
    """(1-based line, message) for the first character of `text` YAML refuses, if any."""
    found = UNPRINTABLE.search(text)
    if found is None:
        return None
    return text.count("\n", 0, found.start()) + 1, f"this line {character_message(found.group())}"


CONTROL_NAMES = {"\x0b": "a line break pasted from Word", "\x0c": "a page break pasted from Word", "\x00": "a NUL byte"}


def character_message(character: str) -> str:
    """Advice for a character no package can carry (control characters such as Word's line break U+000B, NUL)."""
    kind = "a control character" if unicodedata.category(character) == "Cc" else "a code point Unicode reserves"
    name = CONTROL_NAMES.get(character) or unicodedata.name(character, "").lower() or kind
    return f"holds the invisible character U+{ord(character):04X} ({name}), which packages cannot carry: delete it (retyping the text removes it)"
