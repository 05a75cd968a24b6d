"""What Moodle's manifest parser and Cornerstone require beyond the schemas (../shared/LMS-NOTES.md).

Moodle parses imsmanifest.xml without namespaces, matching tag names literally
(mod/scorm/datamodels/scormlib.php): IMS CP elements must be unprefixed and the extensions
must use the prefixes adlcp, imsss, adlseq and adlnav; and before parsing it rewrites every
'&' not followed by 2-6 word characters and ';' to '&amp;', which breaks numeric character
references. It honours xml:base only on <resource>.
"""

from __future__ import annotations

import re
from collections import defaultdict

from lxml import etree

from als_package.namespaces import ADLCP_12, ADLNAV, ADLSEQ, IMSCP_12, IMSSS, XML
from als_package.namespaces import ADLCP_2004 as ADLCP
from als_package.namespaces import IMSCP_2004 as IMSCP
from als_package.validate.report import WARNING, Kind, Problem
from als_package.validate.xmlfile import XmlFile

CANONICAL = {ADLCP_12: "adlcp", ADLCP: "adlcp", IMSSS: "imsss", ADLSEQ: "adlseq", ADLNAV: "adlnav"}
MOODLE_REWRITES = re.compile(r"&(?!\w{2,6};)")
COMMENT = re.compile(r"<!--.*?-->", re.S)
THIRD_EDITION_HIDE = {"suspendAll", "exitAll", "abandonAll"}


def _elements(xml: XmlFile):
    return xml.root.iter(etree.Element)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _in_all(lines: list[int]) -> str:
    return f"line {lines[0]}" + (f", {len(lines)} in all" if len(lines) > 1 else "")


def _cp_prefixes(xml: XmlFile) -> list[Problem]:
    found: dict[str, list[int]] = defaultdict(list)
    for element in _elements(xml):
        if etree.QName(element).namespace in (IMSCP, IMSCP_12) and element.prefix:
            found[element.prefix].append(element.sourceline or 0)
    return [
        Problem(
            "lms",
            f"IMS CP elements carry the prefix '{prefix}' ({_in_all(lines)}): Moodle matches tag names literally and reads "
            'only unprefixed ones: make the IMS CP namespace the default (xmlns="…") and drop the prefix',
            xml.path,
            lines[0],
        )
        for prefix, lines in found.items()
    ]


def _written(prefix: str | None, local: str) -> str:
    return f"{prefix}:{local}" if prefix else local


def _misprefixed(element: etree._Element):
    """(namespace, name as written, name as Moodle needs it) for the element and each attribute off the canonical prefix."""
    namespace = etree.QName(element).namespace
    if namespace in CANONICAL and element.prefix != CANONICAL[namespace]:
        local = _local(element)
        yield namespace, f"<{_written(element.prefix, local)}>", f"<{CANONICAL[namespace]}:{local}>"
    for name in element.attrib:
        namespace = etree.QName(name).namespace
        if namespace in CANONICAL:
            prefixes = [p for p, uri in element.nsmap.items() if uri == namespace]
            if CANONICAL[namespace] not in prefixes:
                local = etree.QName(name).localname
                yield namespace, _written(prefixes[0] if prefixes else None, local), f"{CANONICAL[namespace]}:{local}"


def _extension_prefixes(xml: XmlFile) -> list[Problem]:
    found: dict[str, list[int]] = defaultdict(list)
    first: dict[str, tuple[str, str]] = {}
    for element in _elements(xml):
        for namespace, written, needed in _misprefixed(element):
            found[namespace].append(element.sourceline or 0)
            first.setdefault(namespace, (written, needed))
    problems = []
    for namespace, lines in found.items():
        written, needed = first[namespace]
        problems.append(
            Problem(
                "lms",
                f"'{written}' should be '{needed}' ({_in_all(lines)} under another prefix): Moodle reads ADL and IMS SS "
                "names literally, only as adlcp:, imsss:, adlseq: and adlnav: (otherwise a SCO becomes an untracked "
                f'asset): declare xmlns:{CANONICAL[namespace]}="{namespace}" and use that prefix',
                xml.path,
                lines[0],
            )
        )
    return problems


def _character_references(xml: XmlFile) -> list[Problem]:
    text = COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), xml.data.decode("utf-8", "replace"))
    numeric: list[tuple[int, str]] = []
    other: list[int] = []
    for match in MOODLE_REWRITES.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        reference = re.match(r"&#x?[0-9A-Fa-f]+;?", text[match.start() : match.start() + 12])
        if reference:
            numeric.append((line, reference.group(0)))
        else:
            other.append(line)
    problems = []
    if numeric:
        first_line, first = numeric[0]
        problems.append(
            Problem(
                "lms",
                f"numeric character reference '{first}' ({_in_all([n for n, _ in numeric])}): Moodle's pre-parse "
                "turns it into literal text: write the character itself (the file is UTF-8)",
                xml.path,
                first_line,
            )
        )
    if other:
        problems.append(
            Problem("lms", f"an '&' that Moodle's pre-parse rewrites to '&amp;' ({_in_all(other)}): keep '&' out of CDATA sections", xml.path, other[0])
        )
    return problems


def _xml_base(xml: XmlFile) -> list[Problem]:
    lines = [e.sourceline or 0 for e in _elements(xml) if e.get(f"{{{XML}}}base") is not None and _local(e) != "resource"]
    if not lines:
        return []
    return [
        Problem(
            "lms",
            f"xml:base outside <resource> ({_in_all(lines)}): Moodle honours it only on <resource>, so launch paths go wrong: write the full path in each href",
            xml.path,
            lines[0],
        )
    ]


def _sub_manifests(xml: XmlFile) -> list[Problem]:
    nested = [e for e in _elements(xml) if _local(e) == "manifest" and e is not xml.root]
    if not nested:
        return []
    return [
        Problem("lms", "the manifest holds a sub-manifest: Moodle does not read sub-manifests: put everything in one manifest", xml.path, nested[0].sourceline)
    ]


def _edition_tokens(xml: XmlFile, kind: Kind) -> list[Problem]:
    if kind.edition != "2nd":
        return []
    return [
        Problem("schema", f"hideLMSUI '{e.text}' is SCORM 2004 3rd edition: a 2nd edition (CAM 1.3) manifest may not use it", xml.path, e.sourceline)
        for e in _elements(xml)
        if _local(e) == "hideLMSUI" and (e.text or "").strip() in THIRD_EDITION_HIDE
    ]


def _scos(xml: XmlFile, kind: Kind) -> list[Problem]:
    attribute = f"{{{ADLCP_12}}}scormtype" if kind.kind == "scorm12" else f"{{{ADLCP}}}scormType"
    scos = {e.get("identifier") for e in _elements(xml) if _local(e) == "resource" and e.get(attribute) == "sco"}
    launched = {e.get("identifierref") for e in _elements(xml) if _local(e) == "item"}
    if scos & launched:
        return []
    name = etree.QName(attribute).localname
    return [Problem("lms", f'no item launches a SCO (a resource with adlcp:{name}="sco"): an LMS will track nothing', xml.path, severity=WARNING)]


def scorm_rules(xml: XmlFile, kind: Kind) -> list[Problem]:
    """Every Moodle and Cornerstone rule a SCORM manifest breaks."""
    return [
        *_cp_prefixes(xml),
        *_extension_prefixes(xml),
        *_character_references(xml),
        *_xml_base(xml),
        *_sub_manifests(xml),
        *_edition_tokens(xml, kind),
        *_scos(xml, kind),
    ]
