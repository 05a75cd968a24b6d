"""`als-build validate ZIP...`: check SCORM 1.2/2004, xAPI or cmi5 zips, ours or anyone's.

One line per problem (`zip: file:line: message`), then one verdict line per zip; `--json`
prints one document instead. Exit status: 0 every zip valid, 1 problems, 2 an input that
cannot be validated at all (not a zip, unreadable, no manifest of any kind).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from als_package.validate import Problem, Report, validate


def _line(report: Report, problem: Problem) -> str:
    where = problem.where()
    warning = "warning: " if problem.severity == "warning" else ""
    return f"{report.path}: {where + ': ' if where else ''}{warning}{problem.message}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _verdict(report: Report) -> str:
    if report.unusable:
        return f"{report.path}: cannot be validated: {report.unusable}"
    counts = [_plural(len(report.errors), "problem")] if report.errors else ["valid"]
    if report.warnings:
        counts.append(_plural(len(report.warnings), "warning"))
    return f"{report.path}: {report.label}: {', '.join(counts)}"


def _print(report: Report) -> None:
    for problem in report.problems:
        click.echo(_line(report, problem))
    click.echo(_verdict(report), err=bool(report.unusable))


@click.command("validate")
@click.argument("zips", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=True))
@click.option("--json", "as_json", is_flag=True, help="Print the reports as one JSON document on stdout.")
@click.pass_context
def command(ctx: click.Context, zips: tuple[Path, ...], as_json: bool) -> None:
    """Check SCORM 1.2/2004, xAPI (tincan.xml) or cmi5 zips: schemas, LMS rules, references, zip safety.

    \b
    Exit status: 0 every zip is valid, 1 some have problems, 2 some cannot be validated
    (not a zip, unreadable, or no manifest of any kind).
    """
    as_json = as_json or bool(ctx.find_root().params.get("as_json"))
    reports = []
    for path in zips:
        report = validate(path)
        reports.append(report)
        if not as_json:
            _print(report)
    status = max(r.status for r in reports)
    if as_json:
        click.echo(json.dumps({"ok": status == 0, "packages": [r.as_json() for r in reports]}, indent=2, ensure_ascii=False))
    sys.exit(status)
