"""What an LMS launches from a package, read from its manifest as an LMS reads it: SCOs
(imsmanifest.xml), the TinCan launch activity (tincan.xml) or cmi5 AUs (cmi5.xml)."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree


@dataclass(frozen=True)
class Unit:
    package: str  # the package's key in the preview's URLs (its zip name without .zip)
    id: str  # the module id, or the course id when the unit is the course menu
    title: str
    href: str  # the launch path inside the package, parameters included
    mastery: str = ""  # what an LMS hands the unit: SCORM 1.2 masteryscore, 2004 scaled passing score, cmi5 masteryScore
    publisher_id: str = ""  # the cmi5 AU id or the TinCan launch activity id


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _child(element, name: str):
    return next((c for c in element if _local(c) == name), None)


def _text(element, name: str) -> str:
    found = _child(element, name) if element is not None else None
    return (found.text or "").strip() if found is not None else ""


def _attribute(element, name: str) -> str:
    """An attribute by local name in any namespace (adlcp:scormtype, adlcp:scormType)."""
    return next((v for k, v in element.attrib.items() if etree.QName(k).localname.lower() == name), "")


def _module_of(href: str, course_id: str) -> str:
    return href.split("/", 1)[0] if "/" in href else course_id


def _scos(package: str, root, course_id: str) -> list[Unit]:
    resources = {r.get("identifier"): r for r in root.iter() if _local(r) == "resource"}
    units = []
    for item in root.iter():
        resource = resources.get(item.get("identifierref") or "") if _local(item) == "item" else None
        if resource is None or _attribute(resource, "scormtype") != "sco":
            continue
        href = resource.get("href", "") + (item.get("parameters") or "")
        measure = next((m.text or "" for m in item.iter() if _local(m) == "minNormalizedMeasure"), "")
        units.append(Unit(package, _module_of(href, course_id), _text(item, "title"), href, _text(item, "masteryscore") or measure.strip()))
    return units


def _tincan(package: str, root, course_id: str) -> list[Unit]:
    units = []
    for activity in root.iter():
        launch = _child(activity, "launch") if _local(activity) == "activity" else None
        if launch is not None:
            href = (launch.text or "").strip()
            units.append(Unit(package, _module_of(href, course_id), _text(activity, "name"), href, publisher_id=activity.get("id", "")))
    return units


def _aus(package: str, root, course_id: str) -> list[Unit]:
    units = []
    for au in root.iter():
        if _local(au) == "au":
            href = _text(au, "url")
            title = _text(_child(au, "title"), "langstring")
            units.append(Unit(package, _module_of(href, course_id), title, href, au.get("masteryScore", ""), au.get("id", "")))
    return units


READERS = {"imsmanifest.xml": _scos, "tincan.xml": _tincan, "cmi5.xml": _aus}


def units_of(package: str, files: dict[str, bytes], course_id: str) -> list[Unit]:
    """The package's launchable units in manifest order."""
    for name, read in READERS.items():
        if name in files:
            return read(package, etree.fromstring(files[name]), course_id)
    return []
