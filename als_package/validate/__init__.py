"""`als-build validate`: check any SCORM 1.2/2004, xAPI (tincan.xml) or cmi5 zip, ours or anyone's.

One module per job: archive (reading the zip safely, zip-level problems), detect (kind and
edition), schemas (the official XSDs), lms_rules (what Moodle and Cornerstone require),
references (files, launches, ids). `validate` runs them in that order and never raises for
anything a zip holds: what is wrong comes back as Problems, or as `unusable`.
"""

from __future__ import annotations

from pathlib import Path

from als_package.validate.archive import LIMITS, Archive, Limits, open_archive
from als_package.validate.detect import find_manifests, scorm_kind
from als_package.validate.lms_rules import scorm_rules
from als_package.validate.references import cmi5_references, scorm_references, tincan_references
from als_package.validate.report import Kind, Problem, Report, Unusable
from als_package.validate.schemas import schema_problems
from als_package.validate.xmlfile import XmlFile, parse_xml

__all__ = ["LIMITS", "Kind", "Limits", "Problem", "Report", "validate"]


def _check(kind: str, xml: XmlFile, files: set[str]) -> tuple[Kind, list[Problem]]:
    if kind == "scorm":
        found, problems, checkable = scorm_kind(xml)
        if checkable:
            problems += schema_problems(xml, found.kind, found.edition)
        return found, [*problems, *scorm_rules(xml, found), *scorm_references(xml, files)]
    if kind == "cmi5":
        return Kind("cmi5", None, xml.path), [*schema_problems(xml, "cmi5"), *cmi5_references(xml, files)]
    return Kind("xapi", None, xml.path), tincan_references(xml, files)


def _validate_archive(archive: Archive, report: Report) -> None:
    report.problems += archive.problems
    root, manifests, problems = find_manifests(archive)
    report.problems += problems
    files = {name[len(root) :] for name in archive.names if name.startswith(root)}
    for kind, path in manifests:
        xml, problems = parse_xml(archive, path)
        report.problems += problems
        if xml is None:
            report.kinds.append(Kind(kind, None, path))
            continue
        found, problems = _check(kind, xml, files)
        report.kinds.append(found)
        report.problems += problems
    report.problems += archive.verify()
    report.problems = list(dict.fromkeys(report.problems))  # a file named twice is one problem


def validate(path: Path, limits: Limits = LIMITS) -> Report:
    """Everything wrong with the package at `path`; never raises for what the file holds."""
    report = Report(str(path))
    try:
        opened = open_archive(path, limits)
    except Unusable as error:
        report.unusable = str(error)
        return report
    if isinstance(opened, Problem):
        report.problems.append(opened)
        return report
    try:
        _validate_archive(opened, report)
    except Unusable as error:
        report.unusable = str(error)
    finally:
        opened.close()
    return report
