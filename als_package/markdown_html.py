"""Markdown to HTML for the pages: the course's one Markdown dialect and its renderer.

CommonMark with tables. Raw HTML is disabled in the parser, so anything an author writes as
HTML is shown as text and can never run (markdown-it escapes it); `javascript:`-style links
are refused by markdown-it's link validation. Image paths become module-relative.

Images (docs/authoring.md, "Images"): an image on a paragraph of its own becomes a `<figure>`,
its Markdown title (`![alt](src "caption")`) the `<figcaption>`; the title `decorative` with
empty alt text marks an image that only decorates, which assistive technology then skips.
Known sizes (`sizes`: module-relative path → width, height) become `width`/`height`
attributes, so the page keeps the image's space before it loads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from als_package.paths import module_relative

# Inline text with none of these characters is plain text to CommonMark: no emphasis, code,
# link, image, autolink, entity, escape or line break. Most choices and feedback are so.
_INLINE_SYNTAX = re.compile(r"[*_`\[\]!<>&\\\n\r]")
DECORATIVE = "decorative"  # the image title that marks an image as decorative


def commonmark() -> MarkdownIt:
    """A parser for the course's Markdown dialect (also used by the source checks)."""
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    md.core.ruler.push("figures", _figures)
    return md


def _lone_image(inline: Token) -> Token | None:
    """The image that is all of this paragraph's content (whitespace aside), if there is one."""
    content = [c for c in inline.children or () if not (c.type in ("text", "softbreak") and not c.content.strip())]
    return content[0] if len(content) == 1 and content[0].type == "image" else None


def _figures(state: StateCore) -> None:
    """Mark each image alone in its paragraph (`alone`: it may have a caption); a non-decorative
    one becomes a figure, which replaces the paragraph."""
    tokens = state.tokens
    for index in range(1, len(tokens) - 1):
        opening, inline, closing = tokens[index - 1], tokens[index], tokens[index + 1]
        image = _lone_image(inline) if opening.type == "paragraph_open" and closing.type == "paragraph_close" else None
        if image is not None:
            image.meta["alone"] = True
            if image.attrs.get("title") != DECORATIVE:
                image.meta["figure"] = True
                opening.hidden = closing.hidden = True


def render_markdown(text: str, folder: str = "", inline: bool = False, sizes: Mapping[str, tuple[int, int]] | None = None) -> str:
    """HTML for `text`; image paths written in `folder` become module-relative; `sizes` as above."""
    if inline and not _INLINE_SYNTAX.search(text) and text == text.strip():
        return text.replace('"', "&quot;")  # what markdown-it renders for plain text, at a fraction of the cost
    env = {"folder": folder, "sizes": sizes or {}}
    if inline:
        return _RENDERER.renderInline(text, env)
    return _RENDERER.render(text, env)


def _image_rule(self, tokens, idx, options, env):
    token = tokens[idx]
    resolved = module_relative(env.get("folder", ""), str(token.attrs.get("src", "")))
    if resolved:
        token.attrSet("src", resolved)
    size = env.get("sizes", {}).get(resolved)
    if size:
        token.attrSet("width", str(size[0]))
        token.attrSet("height", str(size[1]))
    token.attrSet("loading", "lazy")
    title = str(token.attrs.pop("title", ""))
    if title == DECORATIVE and not token.children:
        token.attrSet("role", "presentation")
    elif title and not token.meta.get("figure"):
        token.attrSet("title", title)  # inline, where no caption can go: a tooltip
    html = self.image(tokens, idx, options, env)
    if not token.meta.get("figure"):
        return html
    caption = f"<figcaption>{escapeHtml(title)}</figcaption>" if title else ""
    return f"<figure>{html}{caption}</figure>\n"


_RENDERER = commonmark()
_RENDERER.add_render_rule("image", _image_rule)
