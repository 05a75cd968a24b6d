"""One package's files → what an LMS or LRS keys learners' records on, in comparable form.

Any SCORM 1.2/2004, xAPI (tincan.xml) or cmi5 package gives its identifiers from its
manifest. Packages this project builds also carry, in every page, the `#als-data` JSON the
runtime reads: from it come the interaction ids, the answer keys, the mastery score each
module passes at, and the layout of a saved attempt (layout.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from lxml import etree

from als_package.release.layout import ModuleLayout, module_layout

PAGE_DATA = re.compile(rb"""<script\b[^>]*\bid=["']als-data["'][^>]*>(.*?)</script>""", re.S)
# runtime/state.js's format: `version: "S2"` in the codec, minified `version:"S2"`; `var VERSION = "S2"` in packages built before the runtime shipped minified.
STATE_VERSION = re.compile(rb"""(?:var VERSION = |\bversion: ?)["']([^"']*)["']""")
XAPI_STANDARDS = ("xAPI", "cmi5")


class ReleaseError(Exception):
    """A release that cannot be read: the command prints the message and exits with status 2."""


@dataclass(frozen=True)
class Record:
    """Something an LMS or LRS files learners' records under."""

    kind: str  # manifest, SCO, resource, objective, AU, block, activity, interaction, module
    id: str
    module: str | None = None  # the module it belongs to, to report a module's records together
    title: str = ""
    mastery: str | None = None  # percent, as written (a Decimal's string, so 75 and 75.0 compare equal)
    type: str | None = None  # an interaction's type
    move_on: str | None = None  # a cmi5 AU's moveOn


@dataclass(frozen=True)
class PackageDescription:
    label: str
    standard: str  # SCORM 1.2, SCORM 2004 3rd Edition, SCORM 2004 4th Edition, xAPI, cmi5
    records: dict[tuple[str, str], Record] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)  # "module.question" → its answer key as JSON
    layouts: dict[str, ModuleLayout] = field(default_factory=dict)  # by module id
    menu: tuple[str, ...] | None = None  # module ids of a course menu's combined saved state
    ours: bool = False  # carries #als-data: interactions, answer keys and layouts were read


def _percent(value: str | float | None, scale: int = 1) -> str | None:
    if value is None or value == "":
        return None
    try:
        return format((Decimal(str(value)) * scale).normalize(), "f")
    except ArithmeticError:
        return str(value)


def _local(element) -> str:
    return etree.QName(element).localname


def _xml(files: dict[str, bytes], name: str, label: str):
    try:
        return etree.fromstring(files[name], etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        raise ReleaseError(f"{label}: {name} is not well-formed XML ({error})") from None


def _text(element, name: str) -> str:
    found = next((e for e in element if isinstance(e.tag, str) and _local(e) == name), None)
    return "".join(found.itertext()).strip() if found is not None else ""


def _scorm_standard(manifest) -> str:
    version = next((e.text or "" for e in manifest.iter() if isinstance(e.tag, str) and _local(e) == "schemaversion"), "").strip()
    if version == "1.2" or etree.QName(manifest).namespace == "http://www.imsproject.org/xsd/imscp_rootv1p1p2":
        return "SCORM 1.2"
    return f"SCORM {version}" if version.startswith("2004") else "SCORM 2004"


def _module_of_href(href: str, page_modules: dict[str, str]) -> str | None:
    return page_modules.get(href.split("?")[0])


def _scorm_records(manifest, page_modules: dict[str, str], with_mastery: bool) -> list[Record]:
    records = [Record("manifest", manifest.get("identifier", ""))]
    resources = {r.get("identifier"): r for r in manifest.iter() if isinstance(r.tag, str) and _local(r) == "resource"}
    for item in (e for e in manifest.iter() if isinstance(e.tag, str) and _local(e) == "item" and e.get("identifierref")):
        resource = resources.get(item.get("identifierref"))
        module = _module_of_href(resource.get("href", ""), page_modules) if resource is not None else None
        mastery = None
        for element in item.iter():
            if not isinstance(element.tag, str):
                continue
            name = _local(element)
            if name == "masteryscore" and with_mastery:
                mastery = _percent((element.text or "").strip())
            elif name == "minNormalizedMeasure" and with_mastery and _local(element.getparent()) == "primaryObjective":
                mastery = _percent((element.text or "").strip(), 100)
            elif name in ("primaryObjective", "objective") and element.get("objectiveID"):
                records.append(Record("objective", element.get("objectiveID"), module))
            elif name == "mapInfo" and element.get("targetObjectiveID"):
                records.append(Record("objective", element.get("targetObjectiveID"), module))
        records.append(Record("SCO", item.get("identifier", ""), module, _text(item, "title"), mastery))
        if resource is not None:
            records.append(Record("resource", resource.get("identifier", ""), module))
    return records


def _au_records(structure, page_modules: dict[str, str], with_mastery: bool) -> list[Record]:
    records = []
    for element in structure.iter():
        if not isinstance(element.tag, str) or _local(element) not in ("course", "au", "block") or not element.get("id"):
            continue
        kind = {"course": "activity", "au": "AU", "block": "block"}[_local(element)]
        module = _module_of_href(_text(element, "url"), page_modules) if kind == "AU" else None
        mastery = _percent(element.get("masteryScore"), 100) if with_mastery else None
        title = " ".join(_text(element, "title").split())
        records.append(Record(kind, element.get("id"), module, title, mastery, move_on=element.get("moveOn")))
    return records


def _tincan_records(tincan) -> list[Record]:
    return [
        Record("activity", a.get("id"), None, _text(a, "name"), type=a.get("type"))
        for a in tincan.iter()
        if isinstance(a.tag, str) and _local(a) == "activity" and a.get("id")
    ]


def _activity_ids(value) -> list[str]:
    """Every xAPI activity id in a page's data (the `xapi` definitions the adapters send)."""
    if isinstance(value, dict):
        own = [value["id"]] if value.get("objectType") == "Activity" and isinstance(value.get("id"), str) else []
        return own + [i for v in value.values() for i in _activity_ids(v)]
    if isinstance(value, list):
        return [i for v in value for i in _activity_ids(v)]
    return []


def _scorm_key(module_id: str) -> str:
    """How scorm2004.js writes a module id into interaction and objective ids."""
    return module_id.replace("-", "_")


def _pages(files: dict[str, bytes], label: str) -> dict[str, dict]:
    """Every HTML page's #als-data, by path."""
    pages = {}
    for path, content in files.items():
        if not path.endswith((".html", ".htm")):
            continue
        found = PAGE_DATA.search(content)
        if not found:
            continue
        try:
            data = json.loads(found.group(1))
        except (ValueError, UnicodeDecodeError):
            raise ReleaseError(f"{label}: the page data (#als-data) in {path} is not valid JSON") from None
        if isinstance(data, dict):
            pages[path] = data
    return pages


def _page_records(standard: str, data: dict, module: str) -> tuple[list[Record], dict[str, str]]:
    """A module page's module (with the mastery score its knowledge check passes at, if it has one),
    its interactions and objectives, and its answer keys."""
    mastery = _percent(data["module"].get("masteryScore")) if data["questions"] else None
    records = [Record("module", module, module, mastery=mastery)]
    answers = {f"{module}.{q['id']}": json.dumps(q.get("correct"), sort_keys=True) for q in data["questions"]}
    if standard.startswith("SCORM"):
        separator = _scorm_key(module) if standard != "SCORM 1.2" else module
        fields = (
            [(q["id"], q["type"]) for q in data["questions"]]
            + [(s["id"], "likert") for s in data.get("likert", ())]
            + [(t["id"], "fill-in") for t in data.get("texts", ())]
        )
        records += [Record("interaction", f"{separator}.{i}", module, type=t) for i, t in fields]
    if standard.startswith("SCORM 2004") and isinstance(data.get("sco"), dict):
        count = len(data["sco"].get("objectives", ()))
        records += [Record("objective", f"{_scorm_key(module)}.objective_{n}", module) for n in range(1, count + 1)]
    return records, answers


def _control_file(files: dict[str, bytes], label: str, modules: dict[str, str], ours: bool) -> tuple[str, list[Record]]:
    """The standard and the identifiers of the package's manifest (cmi5.xml, tincan.xml); its
    mastery scores only for packages without our page data, whose own are the ones players use."""
    if "imsmanifest.xml" in files:
        manifest = _xml(files, "imsmanifest.xml", label)
        return _scorm_standard(manifest), _scorm_records(manifest, modules, not ours)
    if "cmi5.xml" in files:
        return "cmi5", _au_records(_xml(files, "cmi5.xml", label), modules, not ours)
    if "tincan.xml" in files:
        return "xAPI", _tincan_records(_xml(files, "tincan.xml", label))
    raise ReleaseError(f"{label}: no imsmanifest.xml, cmi5.xml or tincan.xml at the top of the package: it is not a SCORM, xAPI or cmi5 package")


def _merged(records: list[Record], module_iris: dict[str, str]) -> dict[tuple[str, str], Record]:
    """One record per identifier (the first, which has the manifest's title), activities given their module."""
    merged: dict[tuple[str, str], Record] = {}
    for record in records:
        if record.kind == "activity" and record.module is None:
            record = replace(record, module=_module_of_iri(record.id, module_iris))
        merged.setdefault((record.kind, record.id), record)
    return merged


def describe(label: str, files: dict[str, bytes]) -> PackageDescription:
    """What `files` (a package's paths → bytes) files learners' records under."""
    pages = _pages(files, label)
    modules = {
        path: data["module"]["id"]
        for path, data in pages.items()
        if isinstance(data.get("steps"), list) and isinstance(data.get("module"), dict) and "id" in data["module"]
    }
    version = STATE_VERSION.search(files.get("runtime/state.js", b""))
    state_version = version.group(1).decode() if version else ""
    standard, records = _control_file(files, label, modules, bool(modules))
    answers: dict[str, str] = {}
    layouts = {}
    menu = None
    iris: dict[str, str | None] = {}
    for path in sorted(pages):
        data = pages[path]
        if standard in XAPI_STANDARDS:
            iris.update({iri: modules.get(path) for iri in _activity_ids(data)})
        if isinstance(data.get("modules"), list):
            menu = tuple(str(m.get("id")) for m in data["modules"] if isinstance(m, dict))
        if path not in modules:
            continue
        try:
            own, keys = _page_records(standard, data, modules[path])
            layouts[modules[path]] = module_layout(data, state_version)
        except (KeyError, TypeError, ValueError, AttributeError):
            raise ReleaseError(f"{label}: the page data (#als-data) in {path} is not what this version of als-build writes") from None
        records += own
        answers.update(keys)
    records += [Record("activity", iri, module) for iri, module in sorted(iris.items())]
    module_iris = {str(pages[p]["module"].get("iri")): m for p, m in modules.items()}
    return PackageDescription(label, standard, _merged(records, module_iris), answers, layouts, menu, bool(modules))


def _module_of_iri(iri: str, module_iris: dict[str, str]) -> str | None:
    return next((m for base, m in module_iris.items() if iri == base or iri.startswith(base + "/")), None)
