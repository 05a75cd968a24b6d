"""Reference checks the XSDs cannot make, run on every manifest before its package is written."""

from __future__ import annotations

import re

from lxml import etree

# Package control files (IMS CP): the manifest and the schemas it names, at the zip root
# (the SCORM 2004 LOM binding keeps some in common/, extend/, unique/, vocab/). No resource lists them.
CONTROL_FILE = re.compile(r"^(imsmanifest\.xml|[^/]+\.(xsd|dtd)|(common|extend|unique|vocab)/[^/]+\.xsd)$")


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def manifest_problems(manifest: etree._Element, archive_paths: set[str]) -> list[str]:
    """Everything wrong with the references in `manifest`, given the files the package holds."""
    problems: list[str] = []
    identifiers: dict[str, str] = {}
    for element in manifest.iter(etree.Element):
        ident = element.get("identifier")
        if ident is not None:
            if ident in identifiers:
                problems.append(f"identifier '{ident}' is used twice")
            identifiers[ident] = _local(element)
    organizations = [e for e in manifest.iter(etree.Element) if _local(e) == "organizations"]
    for orgs in organizations:
        default = orgs.get("default")
        if default and identifiers.get(default) != "organization":
            problems.append(f"default organization '{default}' does not exist")
    for element in manifest.iter(etree.Element):
        ref = element.get("identifierref")
        if ref is not None and identifiers.get(ref) != "resource":
            problems.append(f"identifierref '{ref}' names no resource")
        if _local(element) in ("resource", "file") and element.get("href") is not None:
            href = element.get("href")
            if href not in archive_paths:
                problems.append(f"'{href}' is named in the manifest but is not in the package")
    listed = {e.get("href") for e in manifest.iter(etree.Element) if _local(e) == "file"}
    for path in sorted(p for p in archive_paths - listed if not CONTROL_FILE.match(p)):
        problems.append(f"'{path}' is in the package but no resource lists it")
    return problems
