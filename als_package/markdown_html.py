"""Markdown to HTML for the pages: the course's one Markdown dialect and its renderer.

CommonMark with tables. Raw HTML is disabled in the parser, so anything an author writes as
HTML is shown as text and can never run (markdown-it escapes it); `javascript:`-style links
are refused by markdown-it's link validation. Image paths become module-relative.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from als_package.paths import module_relative

# Inline text with none of these characters is plain text to CommonMark: no emphasis, code,
# link, image, autolink, entity, escape or line break. Most choices and feedback are so.
_INLINE_SYNTAX = re.compile(r"[*_`\[\]!<>&\\\n\r]")


def commonmark() -> MarkdownIt:
    """A parser for the course's Markdown dialect (also used by the source checks)."""
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


def render_markdown(text: str, folder: str = "", inline: bool = False) -> str:
    """HTML for `text`; image paths written in `folder` become module-relative."""
    if inline and not _INLINE_SYNTAX.search(text) and text == text.strip():
        return text.replace('"', "&quot;")  # what markdown-it renders for plain text, at a fraction of the cost
    env = {"folder": folder}
    if inline:
        return _RENDERER.renderInline(text, env)
    return _RENDERER.render(text, env)


def _image_rule(self, tokens, idx, options, env):
    token = tokens[idx]
    resolved = module_relative(env.get("folder", ""), str(token.attrs.get("src", "")))
    if resolved:
        token.attrSet("src", resolved)
    token.attrSet("loading", "lazy")
    return self.image(tokens, idx, options, env)


_RENDERER = commonmark()
_RENDERER.add_render_rule("image", _image_rule)
