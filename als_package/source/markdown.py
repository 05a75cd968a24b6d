"""Markdown pages: front matter, image references and CommonMark rendering.

Raw HTML is disabled in the parser, so anything an author writes as HTML is shown as
text and can never run (markdown-it escapes it); `javascript:`-style links are refused by
markdown-it's link validation.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt

from als_package.model import module_relative


@dataclass(frozen=True)
class ImageReference:
    src: str
    alt: str
    line: int  # 1-based, relative to the body


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


_MD = _parser()


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter YAML or None, body, line number of the body's first line)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1:]), index + 2
    return None, text, 1


def image_references(body: str) -> list[ImageReference]:
    if "![" not in body:  # every CommonMark image starts so; most texts have none, and parsing costs
        return []
    found = []
    for block in _MD.parse(body):
        for token in block.children or ():
            if token.type == "image":
                line = block.map[0] + 1 if block.map else 1
                found.append(ImageReference(str(token.attrs.get("src", "")), token.content, line))
    return found


def render_markdown(text: str, folder: str = "", inline: bool = False) -> str:
    """HTML for `text`; image paths written in `folder` become module-relative."""
    env = {"folder": folder}
    if inline:
        return _WITH_IMAGES.renderInline(text, env)
    return _WITH_IMAGES.render(text, env)


def _image_rule(self, tokens, idx, options, env):
    token = tokens[idx]
    resolved = module_relative(env.get("folder", ""), str(token.attrs.get("src", "")))
    if resolved:
        token.attrSet("src", resolved)
    token.attrSet("loading", "lazy")
    return self.image(tokens, idx, options, env)


_WITH_IMAGES = _parser()
_WITH_IMAGES.add_render_rule("image", _image_rule)
