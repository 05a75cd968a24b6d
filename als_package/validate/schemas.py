"""Validation against the official XSDs shipped in templates/schemas, offline.

libxml2 ignores xsi:schemaLocation, so each schema set is loaded through a driver schema,
written here in memory, that imports every namespace a manifest of that kind may use (as the
tests' drivers in tests/schemas do). SCORM 1.2's metadata schema breaks the Unique Particle
Attribution rule, which libxml2 refuses; it is loaded with its one `##any` wildcard read as
`##other`, served by a resolver, and the file on disk is left as shipped.

SCORM 2004 2nd edition (CAM 1.3) manifests are checked against `scorm2004-2nd/` when it is
shipped, else against the 3rd edition's schemas, which differ only in accepting three more
hideLMSUI values (lms_rules checks those) and dropping `adlcp:persistState` (not reported).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from lxml import etree

from als_package.namespaces import ADLCP_12, ADLCP_2004, ADLNAV, ADLSEQ, CMI5, IMSCP_12, IMSCP_2004, IMSMD_12, IMSSS, LOM, XML
from als_package.resources import templates_dir
from als_package.validate.report import Problem
from als_package.validate.xmlfile import XmlFile

IMSCP, ADLCP = IMSCP_2004, ADLCP_2004
MEMORY = "als-validate:/"
IMSMD_FILE = "imsmd_rootv1p2p1.xsd"
MAX_ERRORS = 50

# Schema set -> (namespace, file under templates/schemas/) to import, in order: the W3C xml.xsd first,
# so the SCORM 1.2 set skips scorm12/ims_xml.xsd, which libxml2 rejects.
IMPORTS: dict[str, list[tuple[str, str]]] = {
    "scorm12": [
        (XML, "scorm2004-4th/xml.xsd"),
        (IMSCP_12, "scorm12/imscp_rootv1p1p2.xsd"),
        (ADLCP_12, "scorm12/adlcp_rootv1p2.xsd"),
        (IMSMD_12, MEMORY + IMSMD_FILE),
    ],
    **{
        f"scorm2004-{edition}": [
            (XML, f"scorm2004-{edition}/xml.xsd"),
            (IMSCP, f"scorm2004-{edition}/imscp_v1p1.xsd"),
            (ADLCP, f"scorm2004-{edition}/adlcp_v1p3.xsd"),
            (ADLSEQ, f"scorm2004-{edition}/adlseq_v1p3.xsd"),
            (ADLNAV, f"scorm2004-{edition}/adlnav_v1p3.xsd"),
            (IMSSS, f"scorm2004-{edition}/imsss_v1p0.xsd"),
            (LOM, f"scorm2004-{edition}/lom.xsd"),
        ]
        for edition in ("2nd", "3rd", "4th")
    },
    "cmi5": [(CMI5, "cmi5/CourseStructure.xsd")],
}
PREFIXES = {
    IMSCP_12: "",
    IMSCP: "",
    ADLCP_12: "adlcp:",
    ADLCP: "adlcp:",
    IMSMD_12: "imsmd:",
    ADLSEQ: "adlseq:",
    ADLNAV: "adlnav:",
    IMSSS: "imsss:",
    LOM: "lom:",
    CMI5: "",
    XML: "xml:",
}
QUALIFIED = re.compile(r"\{([^}]*)\}")


def _schemas() -> Path:
    return templates_dir() / "schemas"


class _Imsmd(etree.Resolver):
    """Serves SCORM 1.2's metadata schema with its grp.any wildcard as ##other, so libxml2 accepts it."""

    def resolve(self, url, pubid, context):
        if url == MEMORY + IMSMD_FILE:
            official = _schemas() / "scorm12" / IMSMD_FILE
            text = official.read_text(encoding="utf-8").replace('namespace="##any"', 'namespace="##other"', 1)
            return self.resolve_string(text, context, base_url=official.as_uri())
        return None


def schema_set(kind: str, edition: str | None) -> str:
    """The folder of templates/schemas a manifest is checked against."""
    if kind != "scorm2004":
        return kind
    if edition == "2nd" and not (_schemas() / "scorm2004-2nd").is_dir():
        return "scorm2004-3rd"
    return f"scorm2004-{edition or '4th'}"


@cache
def load(name: str) -> etree.XMLSchema:
    imports = "".join(
        f'<xsd:import namespace="{ns}" schemaLocation="{where if where.startswith(MEMORY) else (_schemas() / where).as_uri()}"/>' for ns, where in IMPORTS[name]
    )
    driver = f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Imsmd())
    return etree.XMLSchema(etree.fromstring(driver, parser, base_url=MEMORY + f"{name}-driver.xsd"))


def _readable(message: str) -> str:
    """'{http://www.imsglobal.org/xsd/imscp_v1p1}item' -> 'item', '{…adlcp_v1p3}location' -> 'adlcp:location'."""
    return QUALIFIED.sub(lambda m: PREFIXES.get(m.group(1), m.group(0)), message)


def schema_problems(xml: XmlFile, kind: str, edition: str | None = None) -> list[Problem]:
    """What the official schemas say about the manifest, one problem per schema error (at most MAX_ERRORS)."""
    name = schema_set(kind, edition)
    schema = load(name)
    if schema.validate(xml.root):
        return []
    second_on_third = edition == "2nd" and name == "scorm2004-3rd"
    errors = [e for e in schema.error_log if not (second_on_third and "persistState" in e.message)]
    problems = [Problem("schema", _readable(e.message), xml.path, e.line or None) for e in errors[:MAX_ERRORS]]
    if len(errors) > MAX_ERRORS:
        problems.append(Problem("schema", f"… and {len(errors) - MAX_ERRORS} more schema errors", xml.path))
    return problems
