"""The lxml helpers the manifest writers share."""

from __future__ import annotations

from lxml import etree


def child(parent: etree._Element, ns: str, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    """Append `<tag>` in namespace `ns` to `parent`. `attrs` are unqualified attributes; a caller
    sets namespaced ones (adlcp:scormType, xsi:schemaLocation…) on the returned element itself."""
    element = etree.SubElement(parent, f"{{{ns}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def xml_bytes(root: etree._Element) -> bytes:
    """A manifest as every target writes it: UTF-8 with a declaration, indented."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
