"""YAML loading that remembers the line of every key and list item, for `path:line` errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from als_package.diagnostics import Collector, Location

KeyPath = tuple[Any, ...]
# libyaml's parser is some 30 times faster than the pure-Python one; both keep line marks.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlDocument:
    """Plain Python data plus a map from key path (e.g. ('questions', 2, 'id')) to line."""

    path: Path
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def location(self, key_path: KeyPath = ()) -> Location:
        """The line of the deepest key in `key_path` that the file has."""
        for end in range(len(key_path), -1, -1):
            line = self.lines.get(tuple(key_path[:end]))
            if line:
                return Location(self.path, line)
        return Location(self.path, 1)


class _Builder:
    def __init__(self, display_path: Path, errors: Collector):
        self.display_path = display_path
        self.errors = errors
        self.lines: dict[KeyPath, int] = {}
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, key_path: KeyPath) -> Any:
        self.lines.setdefault(key_path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, key_path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, key_path + (i,)) for i, item in enumerate(node.value)]
        return self.constructor.construct_object(node, deep=True)

    def _mapping(self, node: yaml.MappingNode, key_path: KeyPath) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            key = self.constructor.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if key in result:
                self.errors.error(
                    Location(self.display_path, line),
                    f"key '{key}' appears twice in the same block: keep one",
                )
                continue
            self.lines[key_path + (key,)] = line
            result[key] = self.build(value_node, key_path + (key,))
        return result


def parse_yaml(text: str, display_path: Path, errors: Collector, first_line: int = 1) -> YamlDocument | None:
    """Parse `text`; on a syntax error record it and return None."""
    try:
        node = yaml.compose(text, Loader=FAST_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        problem = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark and exc.context_mark.line + first_line != line:
            problem += f" ({exc.context} that starts at line {exc.context_mark.line + first_line})"
        errors.error(Location(display_path, line), f"YAML syntax error: {problem}; check the indentation and quoting around this line")
        return None
    if node is None:
        return YamlDocument(display_path, None, {(): first_line})
    builder = _Builder(display_path, errors)
    data = builder.build(node, ())
    offset = first_line - 1
    lines = {key: line + offset for key, line in builder.lines.items()}
    return YamlDocument(display_path, data, lines)
