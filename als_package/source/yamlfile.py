"""YAML loading that remembers the line of every key and list item, for `path:line` errors.

Only plain YAML data is accepted: text, numbers, true/false, lists, blocks of keys (with
anchors, aliases and `<<:` merge keys). Tags, keys that are lists or blocks, aliases that
contain themselves and documents that expand past MAX_VALUES values or nest deeper than
MAX_DEPTH are reported as mistakes, so no file can exhaust memory or the stack.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from als_package.diagnostics import Collector, Location
from als_package.source.yaml_messages import syntax_message, unprintable

KeyPath = tuple[Any, ...]
# libyaml's parser is some 30 times faster than the pure-Python one; both keep line marks.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_VALUES = 100_000  # a real course file has a few thousand at most; an alias bomb has billions
MAX_DEPTH = 50  # course files nest about 6 levels deep
LEADING_MARKERS = re.compile(r"^[ \t?-]*", re.MULTILINE)
NOT_BRACKETS = re.compile(r"[^\[\]{}]+")

_TAG = "tag:yaml.org,2002:"
SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
MERGE_TAG = f"{_TAG}merge"
TEXT_TAGS = (f"{_TAG}str", f"{_TAG}timestamp")


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


def at(data: object, pattern: KeyPath, prefix: KeyPath = ()) -> Iterator[tuple[KeyPath, object]]:
    """(key path, value) of everything `pattern` reaches in `data`; '*' stands for every list index."""
    if not pattern:
        yield prefix, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*" and isinstance(data, list):
        for index, item in enumerate(data):
            yield from at(item, rest, prefix + (index,))
    elif isinstance(data, dict) and head in data:
        yield from at(data[head], rest, prefix + (head,))
    elif isinstance(data, list) and isinstance(head, int) and head < len(data):
        yield from at(data[head], rest, prefix + (head,))


class _Abandon(Exception):
    """A problem that makes the rest of the document meaningless (too big, circular)."""

    def __init__(self, node: yaml.Node, message: str):
        super().__init__(message)
        self.line = node.start_mark.line + 1
        self.message = message


def _expanded_size(node: yaml.Node, sizes: dict[int, int], open_nodes: set[int]) -> int:
    """How many values `node` becomes once every alias is expanded, without expanding any: an
    alias is the same node object again, so each node's size is computed once."""
    if isinstance(node, yaml.ScalarNode):
        return 1
    if id(node) in open_nodes:
        raise _Abandon(node, "an alias ('*name') is used inside the block its anchor ('&name') marks, so the block would contain itself: remove the alias")
    if id(node) not in sizes:
        open_nodes.add(id(node))
        children = [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else node.value
        sizes[id(node)] = 1 + sum(_expanded_size(child, sizes, open_nodes) for child in children)
        open_nodes.discard(id(node))
    return sizes[id(node)]


def _check_size(root: yaml.Node) -> None:
    if _expanded_size(root, {}, set()) > MAX_VALUES:
        raise _Abandon(
            root, f"this file expands to more than {MAX_VALUES:,} values (aliases such as '*name' repeat whole blocks): write the values out instead"
        )


class _Builder:
    """Node graph → plain data. Walks the graph itself (not PyYAML's constructor) to keep lines and refuse tags."""

    def __init__(self) -> None:
        self.lines: dict[KeyPath, int] = {}
        self.problems: list[tuple[int, str]] = []
        self.constructor: yaml.SafeLoader | None = None  # made when a file first holds a number, a boolean or a null

    def build(self, node: yaml.Node, key_path: KeyPath) -> Any:
        self.lines.setdefault(key_path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        self._check_tag(node, f"{_TAG}map" if isinstance(node, yaml.MappingNode) else f"{_TAG}seq")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, key_path)
        return [self.build(item, key_path + (i,)) for i, item in enumerate(node.value)]

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag in TEXT_TAGS:
            return node.value  # text (most values), or a date such as 2024-06-01 kept as the author wrote it
        if not self._check_tag(node, *SCALAR_TAGS):
            return None
        self.constructor = self.constructor or yaml.SafeLoader("")
        return self.constructor.construct_object(node, deep=True)

    def _check_tag(self, node: yaml.Node, *allowed: str) -> bool:
        if node.tag in allowed:
            return True
        tag = node.tag.replace(_TAG, "!!")
        self.problems.append((node.start_mark.line + 1, f"'{tag}' is a YAML tag, and course files take plain values only: remove the tag"))
        return False

    def _mapping(self, node: yaml.MappingNode, key_path: KeyPath) -> dict:
        merged = self._merged(node, key_path)
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                continue
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append((line, "a key must be a plain word, not a list or a block: write 'key: value'"))
                continue
            key = key_node.value  # keys are words: '1', 'true' or 'null' stay as written, for the schema to judge
            if key in result:
                self.problems.append((line, f"key '{key}' appears twice in the same block: keep one"))
                continue
            self.lines[key_path + (key,)] = line
            result[key] = self.build(value_node, key_path + (key,))
        return result | {k: v for k, v in merged.items() if k not in result}

    def _merged(self, node: yaml.MappingNode, key_path: KeyPath) -> dict:
        """The keys that `<<: *name` (or `<<: [*a, *b]`) merge into this block; earlier sources win."""
        merged: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag != MERGE_TAG:
                continue
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:
                if not isinstance(source, yaml.MappingNode):
                    self.problems.append((key_node.start_mark.line + 1, "'<<' merges a block of keys: write '<<: *name' where '&name' marks a block"))
                    continue
                built = self.build(source, key_path)
                merged |= {k: v for k, v in built.items() if k not in merged} if isinstance(built, dict) else {}
        return merged


def _too_deep(text: str) -> int | None:
    """The line where lists and blocks nest deeper than MAX_DEPTH, if any.

    libyaml's composer recurses in C and crashes the process some ten thousand levels down,
    so this runs first. Nesting needs indentation, '-'/'?' markers or brackets, so a bound
    from those lets ordinary files skip the exact check on libyaml's (flat) event stream.
    """
    leading = max(map(len, LEADING_MARKERS.findall(text)), default=0)
    flow = max(itertools.accumulate(1 if c in "[{" else -1 for c in NOT_BRACKETS.sub("", text)), default=0)
    if 2 * leading + flow + 2 <= MAX_DEPTH:
        return None
    depth = 0
    for event in yaml.parse(text, Loader=FAST_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line + 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def parse_yaml(text: str, display_path: Path, errors: Collector, first_line: int = 1) -> YamlDocument | None:
    """Parse `text`; on any mistake record it at its line and return None."""
    try:
        deep = _too_deep(text)
        if deep:
            errors.error(
                Location(display_path, deep + first_line - 1),
                f"lists and blocks are nested more than {MAX_DEPTH} levels deep here: course files need far fewer",
            )
            return None
        node = yaml.compose(text, Loader=FAST_LOADER)
    except yaml.MarkedYAMLError as exc:
        line, message = syntax_message(exc, text)
        errors.error(Location(display_path, line + first_line - 1), message)
        return None
    except yaml.reader.ReaderError:
        line, message = unprintable(text) or (1, "the file holds a character YAML cannot read: save it as plain UTF-8 text")
        errors.error(Location(display_path, line + first_line - 1), message)
        return None
    if node is None:
        return YamlDocument(display_path, None, {(): first_line})
    builder = _Builder()
    try:
        _check_size(node)
        data = builder.build(node, ())
    except _Abandon as stop:
        builder.problems.append((stop.line, stop.message))
    for line, message in builder.problems:
        errors.error(Location(display_path, line + first_line - 1), message)
    if builder.problems:
        return None
    return YamlDocument(display_path, data, {key: line + first_line - 1 for key, line in builder.lines.items()})
