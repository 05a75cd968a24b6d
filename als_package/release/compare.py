"""Two releases' descriptions → what a re-upload would do to learners' records.

A finding *breaks* learners' records when an LMS or LRS could no longer match, or would
judge differently, what learners already did: an identifier removed or renamed, a mastery
score or answer key changed, an interaction's type changed, or a saved attempt that would no
longer read correctly. Everything else (new identifiers, new titles, additions a saved
attempt tolerates) is a note.
"""

from __future__ import annotations

from dataclasses import dataclass

from als_package.release.describe import PackageDescription, Record
from als_package.release.layout import menu_problem, unreadable


@dataclass(frozen=True)
class Finding:
    breaks: bool
    subject: str
    message: str
    identifiers: tuple[str, ...] = ()  # the records it concerns, when there are several
    packages: tuple[str, ...] = ()  # which package pairs it was found in (folders: target names)


def _by_kind(records: list[Record], modules: list[str]) -> dict[str, tuple[str, ...]]:
    """The ids of `records` by kind, leaving out the modules in `modules` and what belongs to them (reported per module)."""
    grouped: dict[str, list[str]] = {}
    for record in records:
        if record.kind != "module" and record.module not in modules:
            grouped.setdefault(record.kind, []).append(record.id)
    return {kind: tuple(ids) for kind, ids in grouped.items()}


def _removed(old: PackageDescription, new: PackageDescription) -> list[Finding]:
    """Identifiers gone from the new release; a removed module's are reported together, once."""
    gone = [r for key, r in old.records.items() if key not in new.records]
    modules = [r.id for r in gone if r.kind == "module"]
    added = [key[1] for key in new.records if key[0] == "module" and key not in old.records]
    hint = f" (the new release has module {added[0]} instead: renamed?)" if len(modules) == 1 and len(added) == 1 else ""
    findings = []
    for module in modules:
        own = tuple(f"{r.kind} {r.id}" for r in gone if r.module == module and r.kind != "module")
        findings.append(
            Finding(True, f"module {module}", f"removed or renamed{hint}: learners' records filed under its identifiers can no longer be matched", own)
        )
    findings += [
        Finding(True, f"{kind} identifiers", "removed or renamed: learners' records filed under them can no longer be matched", ids)
        for kind, ids in _by_kind(gone, modules).items()
    ]
    return findings


def _added(old: PackageDescription, new: PackageDescription) -> list[Finding]:
    fresh = [r for key, r in new.records.items() if key not in old.records]
    modules = [r.id for r in fresh if r.kind == "module"]
    findings = [Finding(False, f"module {m}", "new: learners start it afresh") for m in modules]
    findings += [Finding(False, f"new {kind} identifiers", "learners' records start afresh under them", ids) for kind, ids in _by_kind(fresh, modules).items()]
    return findings


def _changed(before: Record, after: Record) -> list[Finding]:
    subject = f"{before.kind} {before.id}"
    findings = []
    if before.mastery != after.mastery:
        findings.append(
            Finding(
                True,
                subject,
                f"mastery score changed from {before.mastery or 'none'} to {after.mastery or 'none'}: "
                "learners who were passed or failed under the old one are judged differently from now on",
            )
        )
    if before.type and after.type and before.type != after.type:
        findings.append(
            Finding(
                True, subject, f"type changed from {before.type} to {after.type}: the responses already recorded under this id are in the old type's format"
            )
        )
    if before.move_on != after.move_on:
        findings.append(Finding(False, subject, f"moveOn changed from {before.move_on} to {after.move_on}: the LMS applies it from now on"))
    if before.title != after.title:
        findings.append(Finding(False, subject, f"title changed from {before.title!r} to {after.title!r}"))
    return findings


def _answers(old: PackageDescription, new: PackageDescription) -> list[Finding]:
    return [
        Finding(
            True,
            f"answer key of {question}",
            f"changed from {old.answers[question]} to {new.answers[question]}: results already recorded were marked against the old key",
        )
        for question in old.answers
        if question in new.answers and old.answers[question] != new.answers[question]
    ]


def _saved_attempts(old: PackageDescription, new: PackageDescription) -> list[Finding]:
    shared = [m for m in old.layouts if m in new.layouts]
    versions = {old.layouts[m].version for m in shared}, {new.layouts[m].version for m in shared}
    if shared and versions[0] != versions[1]:
        return [
            Finding(
                True,
                "saved attempts",
                f"the runtime's saved-state format changed from {'/'.join(sorted(versions[0]))} "
                f"to {'/'.join(sorted(versions[1]))}: every learner's saved progress is discarded",
            )
        ]
    findings = []
    if old.menu is not None and new.menu is not None:
        problem = menu_problem(old.menu, new.menu)
        if problem:
            findings.append(Finding(True, "saved attempts in the course menu", problem))
    for module in shared:
        before, after = old.layouts[module], new.layouts[module]
        if before.fingerprint() == after.fingerprint():
            continue
        problems = unreadable(before, after)
        subject = f"saved attempts in module {module}"
        if problems:
            findings.append(
                Finding(
                    True,
                    subject,
                    "; ".join(problems) + f" (layout {before.fingerprint()} → {after.fingerprint()}): "
                    "a learner who left the module part-way would resume with wrong or lost progress",
                )
            )
        else:
            findings.append(
                Finding(
                    False, subject, f"layout {before.fingerprint()} → {after.fingerprint()} by additions at the end only: saved attempts still read correctly"
                )
            )
    return findings


def compare_packages(old: PackageDescription, new: PackageDescription) -> list[Finding]:
    """Every finding for one package of the old release and its counterpart in the new one."""
    if old.standard != new.standard:
        return [
            Finding(
                True, "standard", f"the old package is {old.standard}, the new one {new.standard}: an LMS keeps them apart, so no learner's record carries over"
            )
        ]
    findings = _removed(old, new) + _answers(old, new) + _saved_attempts(old, new)
    findings += [f for key, before in old.records.items() if key in new.records for f in _changed(before, new.records[key])]
    findings += _added(old, new)
    if not (old.ours and new.ours):
        findings.append(
            Finding(
                False,
                "package",
                "one of the two carries no als-build page data: only the manifests' "
                "identifiers and mastery scores were compared, not interactions, answer keys or saved attempts",
            )
        )
    return findings


def compare(old: dict[str, PackageDescription], new: dict[str, PackageDescription]) -> list[Finding]:
    """Every finding over the two releases, breaking ones first; the same finding in several packages is reported once."""
    pairs = [(key, old[key], new[key]) for key in old if key in new]
    findings = [
        Finding(True, f"{key} package", "missing from the new release: learners of the old one have nothing to move to") for key in old if key not in new
    ]
    findings += [Finding(False, f"{key} package", "new in this release") for key in new if key not in old]
    where: dict[tuple[bool, str, str], tuple[dict[str, None], list[str]]] = {}
    for key, before, after in pairs:
        for finding in compare_packages(before, after):
            identifiers, keys = where.setdefault((finding.breaks, finding.subject, finding.message), ({}, []))
            identifiers.update(dict.fromkeys(finding.identifiers))
            keys.append(key)
    findings += [Finding(b, s, m, tuple(ids), tuple(keys)) for (b, s, m), (ids, keys) in where.items()]
    return sorted(findings, key=lambda f: not f.breaks)
