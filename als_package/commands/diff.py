"""`als-build diff OLD NEW`: would re-uploading NEW in place of OLD break learners' records?

Exit status 0 when nothing breaks (notes only), 1 when something does (listed first), 2 when
an input cannot be used. The work is in als_package/release; this module only prints.
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import click

SHOWN = 6  # identifiers listed under a finding before "and N more" (--json lists them all)


def _errors(messages: list[str], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps({"ok": False, "errors": [{"file": None, "line": None, "message": m} for m in messages]}, indent=2))
    else:
        for message in messages:
            click.echo(message, err=True)
        click.echo("Nothing was compared.", err=True)
    sys.exit(2)


def _read(old: Path, new: Path, targets: tuple[str, ...]):
    """Both releases' descriptions, or a plain message and status 2."""
    from als_package.diagnostics import SourceError, UsageProblem
    from als_package.release import ReleaseError, read_release

    if old.is_dir() != new.is_dir():
        raise ReleaseError("compare two package zips, or two course source folders, not one of each")
    try:
        with warnings.catch_warnings():  # authoring advice is for `check`; it says nothing about a re-upload
            warnings.simplefilter("ignore")
            return read_release(old, targets), read_release(new, targets)
    except SourceError as error:
        raise ReleaseError("\n".join(str(d) for d in error.diagnostics)) from None
    except UsageProblem as problem:
        raise ReleaseError(str(problem)) from None


def _print(old: Path, new: Path, described: tuple[dict, dict], findings: list) -> None:
    click.echo(f"Comparing {old} (old) with {new} (new):")
    for key, before in described[0].items():
        after = described[1].get(key)
        standard = before.standard if after is None or after.standard == before.standard else f"{before.standard} → {after.standard}"
        click.echo(f"  {key}: {standard}")
    everywhere = {k for k in described[0] if k in described[1]}
    for title, wanted in (("Breaks learners' records", True), ("Notes", False)):
        chosen = [f for f in findings if f.breaks == wanted]
        if chosen:
            click.echo(f"\n{title} ({len(chosen)}):")
        for finding in chosen:
            where = "" if set(finding.packages) >= everywhere else f" [{', '.join(finding.packages)}]"
            click.echo(f"  {finding.subject}: {finding.message}{where}")
            if finding.identifiers:
                more = len(finding.identifiers) - SHOWN
                click.echo(f"      {', '.join(finding.identifiers[:SHOWN])}" + (f" and {more} more" if more > 0 else ""))
    breaking = sum(f.breaks for f in findings)
    click.echo("")
    if breaking:
        click.echo(
            f"{breaking} change(s) would break learners' records: keep the old identifiers, answer keys, mastery scores "
            "and step order, or publish the new release as a new course."
        )
    else:
        click.echo("Safe to upload in place of the old release: learners' records still match.")


def _package_summary(before, after) -> dict:
    """Both standards and every module's saved-attempt layout fingerprint (None: not in that release)."""
    modules = dict.fromkeys([*before.layouts, *(after.layouts if after else ())])
    return {
        "old": before.standard,
        "new": after.standard if after else None,
        "layouts": {
            m: {side: (d.layouts[m].fingerprint() if d and m in d.layouts else None) for side, d in (("old", before), ("new", after))} for m in modules
        },
    }


def _summary(old: Path, new: Path, described: tuple[dict, dict], findings: list) -> dict:
    return {
        "ok": True,
        "old": str(old),
        "new": str(new),
        "breaks": any(f.breaks for f in findings),
        "packages": {key: _package_summary(before, described[1].get(key)) for key, before in described[0].items()},
        "findings": [
            {"breaks": f.breaks, "subject": f.subject, "message": f.message, "identifiers": list(f.identifiers), "packages": list(f.packages)} for f in findings
        ],
    }


@click.command(
    epilog="""
\b
Examples:
  als-build diff old/everybody-leads-scorm12.zip dist/everybody-leads-scorm12.zip
  als-build diff ../release-1.0/course_src course_src      every target, built in memory
  als-build diff --json old.zip new.zip
"""
)
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--target", "targets", multiple=True, metavar="NAME", help="Source folders: compare only this target's package (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON on stdout.")
def command(old: Path, new: Path, targets: tuple[str, ...], as_json: bool) -> None:
    """Compare two releases: what would orphan learners' records on a re-upload.

    OLD and NEW are two package zips (SCORM 1.2/2004, xAPI or cmi5) or two course source
    folders. Exit status 1 when learners' records would break, 0 when not, 2 when an input
    cannot be read.
    """
    from als_package.release import ReleaseError, compare

    try:
        described = _read(old, new, targets)
    except ReleaseError as error:
        _errors(str(error).split("\n"), as_json)
    findings = compare(*described)
    if as_json:
        click.echo(json.dumps(_summary(old, new, described, findings), indent=2, ensure_ascii=False))
    else:
        _print(old, new, described, findings)
    sys.exit(1 if any(f.breaks for f in findings) else 0)
