"""Parsing a manifest from an untrusted zip: no network, no entity expansion, no DTD loading."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from als_package.validate.archive import Archive, EntryError
from als_package.validate.report import Problem

ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class XmlFile:
    path: str  # inside the zip
    data: bytes
    root: etree._Element


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, dtd_validation=False)


def _encoding_problem(path: str, data: bytes) -> Problem | None:
    declared = ENCODING.match(data)
    name = declared.group(1).decode().lower() if declared else ("utf-16" if data.startswith(UTF16_BOMS) else "utf-8")
    if name.replace("_", "-") in ("utf-8", "utf8", "us-ascii", "ascii"):
        return None
    return Problem("xml", f"is encoded as {name}: LMSs (Moodle's parser among them) read manifests as UTF-8: save it as UTF-8", path)


def parse_xml(archive: Archive, path: str) -> tuple[XmlFile | None, list[Problem]]:
    """The parsed file, or None with the reason; either way the problems found on the way."""
    try:
        data = archive.read(path)
    except EntryError as error:
        return None, [Problem("xml", str(error), path)]
    problems = []
    encoding = _encoding_problem(path, data)
    if encoding:
        problems.append(encoding)
    if b"<!ENTITY" in data:
        problems.append(Problem("xml", "declares entities in a DOCTYPE: LMS parsers do not expand them: write the text itself", path))
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else None
        return None, [*problems, Problem("xml", f"is not well-formed XML: {error.msg}", path, line)]
    except ValueError as error:  # e.g. an encoding lxml does not know
        return None, [*problems, Problem("xml", f"cannot be parsed: {error}", path)]
    return XmlFile(path, data, root), problems
