"""References inside a package: every href and file exists, every launch is reachable, ids are unique.

SCORM manifests go through the build's own checks (targets/manifest_checks.py) on a copy
whose hrefs are resolved the way an LMS resolves them (xml:base applied, query and fragment
dropped, %-escapes decoded, addresses outside the package left out). tincan.xml goes
through targets/tincan_checks.py; cmi5.xml's AU urls and ids are checked here.
"""

from __future__ import annotations

import copy
import posixpath
from collections import Counter
from urllib.parse import unquote, urlsplit

from lxml import etree

from als_package.targets.manifest_checks import manifest_problems
from als_package.targets.tincan_checks import tincan_problems
from als_package.validate.report import WARNING, Problem
from als_package.validate.schemas import CMI5, XML
from als_package.validate.xmlfile import XmlFile

XML_BASE = f"{{{XML}}}base"
UNLISTED = "' is in the package but no resource lists it"
SHOWN = 5


def resolve(bases: list[str], href: str) -> tuple[str | None, str | None]:
    """The path inside the package that `href` (under `bases`, outermost first) names: (path, None);
    (None, None) for an address outside the package; (None, problem) for a path that leaves it."""
    current = ""
    for piece in [*bases, href]:
        parts = urlsplit(piece.strip())
        if parts.scheme or parts.netloc:
            return None, None
        path = unquote(parts.path)
        if path.startswith("/"):
            return None, f"'{href}' is an absolute path: write it relative to the package's root"
        current = current[: current.rfind("/") + 1] + path
    normal = posixpath.normpath(current) if current else ""
    if normal == ".." or normal.startswith("../"):
        return None, f"'{href}' points outside the package"
    return normal, None


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _bases(element: etree._Element) -> list[str]:
    chain = [*reversed(list(element.iterancestors())), element]
    return [e.get(XML_BASE) for e in chain if e.get(XML_BASE) is not None]


def _resolved_copy(xml: XmlFile) -> tuple[etree._Element, list[Problem]]:
    resolved = copy.deepcopy(xml.root)
    problems = []
    for element in resolved.iter(etree.Element):
        href = element.get("href")
        if _local(element) not in ("resource", "file") or href is None:
            continue
        path, problem = resolve(_bases(element), href)
        if problem:
            problems.append(Problem("references", problem, xml.path, element.sourceline))
        if path is None:
            del element.attrib["href"]
        else:
            element.set("href", path)
    return resolved, problems


def _launches_without_href(root: etree._Element, xml: XmlFile) -> list[Problem]:
    resources = {e.get("identifier"): e for e in root.iter(etree.Element) if _local(e) == "resource"}
    return [
        Problem("references", f"item '{item.get('identifier')}' launches resource '{item.get('identifierref')}', which has no href", xml.path, item.sourceline)
        for item in root.iter(etree.Element)
        if _local(item) == "item" and item.get("identifierref") in resources and resources[item.get("identifierref")].get("href") is None
    ]


def _unlisted(paths: list[str], manifest: str) -> list[Problem]:
    if not paths:
        return []
    shown = ", ".join(paths[:SHOWN]) + (f" and {len(paths) - SHOWN} more" if len(paths) > SHOWN else "")
    return [Problem("references", f"{len(paths)} file(s) in the package are listed by no resource: {shown}", manifest, severity=WARNING)]


def scorm_references(xml: XmlFile, files: set[str]) -> list[Problem]:
    resolved, problems = _resolved_copy(xml)
    unlisted = []
    for message in manifest_problems(resolved, files):
        if message.endswith(UNLISTED):
            unlisted.append(message[1 : -len(UNLISTED)])
        else:
            problems.append(Problem("references", message, xml.path))
    return [*problems, *_launches_without_href(xml.root, xml), *_unlisted(unlisted, xml.path)]


def tincan_references(xml: XmlFile, files: set[str]) -> list[Problem]:
    return [Problem("tincan", message, xml.path) for message in tincan_problems(xml.root, files)]


def cmi5_references(xml: XmlFile, files: set[str]) -> list[Problem]:
    problems = []
    ids = Counter(e.get("id") for e in xml.root.iter(f"{{{CMI5}}}course", f"{{{CMI5}}}block", f"{{{CMI5}}}au") if e.get("id"))
    problems += [
        Problem("references", f"id '{ident}' is used {count} times: course, block and AU ids must be unique", xml.path)
        for ident, count in ids.items()
        if count > 1
    ]
    for url in xml.root.iter(f"{{{CMI5}}}url"):
        au = url.getparent().get("id") if url.getparent() is not None else None
        path, problem = resolve([], (url.text or "").strip())
        if problem:
            problems.append(Problem("references", f"AU '{au}': {problem}", xml.path, url.sourceline))
        elif path is not None and path not in files:
            problems.append(
                Problem("references", f"AU '{au}': url '{(url.text or '').strip()}' names a file that is not in the package", xml.path, url.sourceline)
            )
    return problems
