"""Structural checks on tincan.xml, standing in for the official tincan.xsd (not available here).

They pin what LMSs enforce on upload (LMS-NOTES, Cornerstone; XAPI-NOTES, TinCan packages):
the TinCan namespace, exactly one launchable activity whose relative launch path is in the
package, unique absolute activity ids, full type IRIs, and interaction definitions an LRS
accepts. Run on every build before anything is written (build.py).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree

from als_package.namespaces import TINCAN

INTERACTION_TYPES = {"true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert", "numeric", "other"}
COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
TYPE_IRI = re.compile(r"^https?://[^\s/]+/[^\s]*$")


def _q(tag: str) -> str:
    return f"{{{TINCAN}}}{tag}"


def _launch_problems(launches: list[etree._Element], archive_paths: set[str]) -> list[str]:
    if len(launches) != 1:
        return [f"exactly one activity may have a <launch>, found {len(launches)}"]
    href = (launches[0].text or "").strip()
    parts = urlsplit(href)
    if not href or parts.scheme or parts.netloc or href.startswith("/") or ".." in parts.path.split("/"):
        return [f"launch '{href}' must be a relative path inside the package"]
    if parts.path not in archive_paths:
        return [f"launch '{href}' names a file that is not in the package"]
    return []


def _interaction_problems(ident: str, activity: etree._Element) -> list[str]:
    kind = activity.findtext(_q("interactionType"))
    if kind is None:
        return []
    problems = [] if kind in INTERACTION_TYPES else [f"activity '{ident}': unknown interactionType '{kind}'"]
    for name in COMPONENT_LISTS:
        ids = [c.findtext(_q("id")) or "" for c in activity.iterfind(f"{_q(name)}/{_q('component')}")]
        if len(set(ids)) != len(ids) or any(not i or re.search(r"\s", i) for i in ids):
            problems.append(f"activity '{ident}': {name} component ids must be distinct and without whitespace")
    return problems


def tincan_problems(tincan: etree._Element, archive_paths: set[str]) -> list[str]:
    """Everything wrong with `tincan` (the parsed tincan.xml), given the files the package holds."""
    if tincan.tag != _q("tincan") or tincan.find(_q("activities")) is None:
        return [f'the root must be <tincan xmlns="{TINCAN}"> holding <activities>']
    activities = tincan.findall(f"{_q('activities')}/{_q('activity')}")
    problems: list[str] = []
    seen: set[str] = set()
    for activity in activities:
        ident = activity.get("id") or ""
        if not ABSOLUTE_IRI.match(ident):
            problems.append(f"activity id '{ident}' is not an absolute IRI")
        if ident in seen:
            problems.append(f"activity id '{ident}' is used twice")
        seen.add(ident)
        if not TYPE_IRI.match(activity.get("type") or ""):
            problems.append(f"activity '{ident}': type '{activity.get('type')}' is not a full IRI")
        if not (activity.findtext(_q("name")) or "").strip():
            problems.append(f"activity '{ident}' has no <name>")
        problems += _interaction_problems(ident, activity)
    launches = [launch for a in activities for launch in a.findall(_q("launch"))]
    return problems + _launch_problems(launches, archive_paths)
