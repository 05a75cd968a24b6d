"""Markdown pages as the source stage reads them: front matter and image references
(rendering is `als_package/markdown_html.py`, in the render stage)."""

from __future__ import annotations

from dataclasses import dataclass

from als_package.markdown_html import commonmark


@dataclass(frozen=True)
class ImageReference:
    src: str
    alt: str
    line: int  # 1-based, relative to the body
    title: str = ""  # the caption, or "decorative"
    alone: bool = False  # the only content of its paragraph (so it can have a caption)


_MD = commonmark()


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter YAML or None, body, line number of the body's first line)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    return None, text, 1


def image_references(body: str) -> list[ImageReference]:
    if "![" not in body:  # every CommonMark image starts so; most texts have none, and parsing costs
        return []
    found = []
    for block in _MD.parse(body):
        for token in block.children or ():
            if token.type == "image":
                line = block.map[0] + 1 if block.map else 1
                found.append(
                    ImageReference(str(token.attrs.get("src", "")), token.content, line, str(token.attrs.get("title", "")), bool(token.meta.get("alone")))
                )
    return found
