"""What the build learns from an image file itself: its size, and whether an SVG is safe to ship.

Pages show SVGs through `<img>`, where a browser runs no script and loads nothing else; SVGs are
still refused when they carry scripts, event handlers, embedded HTML or references to other
files, so that an image opened on its own (or copied elsewhere) cannot run or fetch anything
either, and the package is self-contained. The size (the SVG's viewBox, a PNG's pixels) becomes
the `<img>`'s width and height, which keeps the page from jumping as images load.
"""

from __future__ import annotations

import math
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# In CSS (a style element or attribute, or a presentation attribute such as fill): anything but a
# reference to the file's own elements (url(#id)) reaches outside it.
_CSS_EXTERNAL = re.compile(r"@import|url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
_EMBEDDED_RASTER = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.IGNORECASE)
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_VIEWBOX = re.compile(rf"^\s*({_NUMBER})[\s,]+({_NUMBER})[\s,]+({_NUMBER})[\s,]+({_NUMBER})\s*$")


@dataclass
class ImageFacts:
    size: tuple[int, int] | None = None  # width, height in CSS pixels, when the file says
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line in the file, message)


def inspect_image(path: Path) -> ImageFacts:
    """The size and (for an SVG) the safety problems of the image file at `path`."""
    if path.suffix.lower() == ".svg":
        return _inspect_svg(path.read_bytes())
    if path.suffix.lower() == ".png":
        with path.open("rb") as file:
            head = file.read(24)
        if head[:8] == _PNG_SIGNATURE and head[12:16] == b"IHDR":
            width, height = struct.unpack(">II", head[16:24])
            return ImageFacts(size=(width, height) if width and height else None)
    return ImageFacts()


def _inspect_svg(data: bytes) -> ImageFacts:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return ImageFacts(problems=[(exc.lineno or 1, f"is not well-formed XML ({exc.msg}): save it again as plain SVG")])
    facts = ImageFacts()
    if root.getroottree().docinfo.internalDTD is not None:
        facts.problems.append((1, "declares entities in its DOCTYPE: remove the DOCTYPE line"))
    if root.tag != f"{{{SVG_NS}}}svg":
        facts.problems.append((root.sourceline or 1, f'is not an SVG image (its first element is <{etree.QName(root).localname}>, not <svg xmlns="{SVG_NS}">)'))
        return facts
    facts.size = _viewbox_size(root, facts.problems)
    for element in root.iter(etree.Element):
        facts.problems += [(element.sourceline or 1, message) for message in _element_problems(element)]
    return facts


def _viewbox_size(root: etree._Element, problems: list[tuple[int, str]]) -> tuple[int, int] | None:
    written = root.get("viewBox")
    match = _VIEWBOX.match(written) if written is not None else None
    if match is None or float(match[3]) <= 0 or float(match[4]) <= 0:
        what = "has no viewBox" if written is None else f"has a viewBox ('{written}') that is not four numbers with a positive width and height"
        problems.append((root.sourceline or 1, f'{what}: write viewBox="0 0 WIDTH HEIGHT" on <svg> so the image scales to every screen'))
        return None
    return math.ceil(float(match[3])), math.ceil(float(match[4]))


def _element_problems(element: etree._Element) -> list[str]:
    name = etree.QName(element).localname
    if name == "script":
        return ["has a <script> element: images cannot run code; remove it"]
    if name == "foreignObject":
        return ["has a <foreignObject> element (embedded HTML): draw with SVG shapes and <text> instead"]
    problems = []
    if name == "style" and _CSS_EXTERNAL.search(element.text or ""):
        problems.append("has a <style> that loads another file (@import or url(...)): keep the styles inside the SVG")
    for attribute, value in element.attrib.items():
        local = etree.QName(attribute).localname
        if local.lower().startswith("on"):
            problems.append(f"has an event handler attribute ({local}=...) on <{name}>: images cannot run code; remove it")
        elif local == "href" and not value.strip().startswith("#") and not _EMBEDDED_RASTER.match(value.strip()):
            problems.append(f"refers to '{value}' on <{name}>: an SVG image must be self-contained (only '#id' references to its own elements)")
        elif _CSS_EXTERNAL.search(value):
            problems.append(f'has {local}="{value}" on <{name}>, which loads another file: use url(#id) references only')
    return problems
