"""`als-build report`: what learners did, from an LRS or statement exports, as one HTML file.

Options only; the work is in als_package/report (imported when the command runs, so
`als-build --help` stays fast). Mistakes (a missing definitions file, an unreadable export,
an LRS that refuses the credentials) end with a plain message and status 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

EPILOG = """
\b
Examples:
  als-build report statements.ndjson                  a file export (NDJSON or a JSON array)
  ALS_LRS_USER=… ALS_LRS_PASSWORD=… als-build report --lrs https://lrs.example.org/xAPI/
  als-build report export.json --since 2026-09-01 --until 2026-10-01 --csv figures/
  als-build report export.json --group team-a.txt --json > figures.json
"""


def _fail(message: str, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps({"ok": False, "errors": [{"file": None, "line": None, "message": message}]}, indent=2))
    else:
        click.echo(f"Error: {message}", err=True)
        click.echo("No report was written.", err=True)
    sys.exit(2)


@click.command(epilog=EPILOG)
@click.argument("exports", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--lrs",
    metavar="URL",
    help="Read from this LRS's xAPI endpoint; credentials from ALS_LRS_USER and ALS_LRS_PASSWORD (or ALS_LRS_AUTH), never from the command line.",
)
@click.option(
    "--lrs-activity-filter",
    is_flag=True,
    help="Ask the LRS for this course's statements only (activity=COURSE&related_activities=true). Off by default: "
    "some LRSs (ralph's file backend) answer that query with nothing.",
)
@click.option(
    "--definitions",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The *-xapi-activities.json the build wrote. Default: the one in ./dist.",
)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=Path("report.html"), show_default=True, help="The HTML report to write.")
@click.option(
    "--csv",
    "csv_folder",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Also write the figures as CSV files (one per table) into this folder.",
)
@click.option("--registration", "registrations", multiple=True, metavar="UUID", help="Only this registration (repeatable).")
@click.option("--since", metavar="DATE", help="Only statements from this date or time on (ISO 8601, UTC unless it says otherwise).")
@click.option("--until", metavar="DATE", help="Only statements before this date or time.")
@click.option(
    "--group",
    "group_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Only these learners: a file with one mailto:, e-mail address or account name a line.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON on stdout (errors too).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def command(exports, lrs, lrs_activity_filter, definitions, out, csv_folder, registrations, since, until, group_file, as_json, quiet) -> None:
    """What learners did, from an LRS or a statement export, as one HTML report.

    Reads xAPI statements (every page viewed, every answer, outcomes), keeps those about the
    course named in the build's activities file, and writes a self-contained HTML report:
    enrolment to pass, where learners stop, time on modules and steps, attempts, item
    analysis of every question and the course self-assessment. Free-text answers are never read.
    """
    from als_package.diagnostics import UsageProblem
    from als_package.report import definitions as defs
    from als_package.report.engine import Filters
    from als_package.report.export import as_json as figures_json
    from als_package.report.run import Request, make, parse_time, read_group

    say = (lambda m: None) if quiet or as_json else (lambda m: click.echo(f"  … {m}", err=True))
    try:
        if bool(exports) == bool(lrs):
            raise UsageProblem("give statement export files or --lrs URL (one of the two)")
        filters = Filters(
            tuple(registrations), since and parse_time(since, "--since"), until and parse_time(until, "--until"), read_group(group_file) if group_file else ()
        )
        request = Request(definitions or defs.find(Path("dist")), out, tuple(exports), lrs, lrs_activity_filter, filters, csv_folder)
        outcome = make(request, say)
    except UsageProblem as problem:
        _fail(str(problem), as_json)
    except KeyboardInterrupt:
        _fail("interrupted", as_json)
    if as_json:
        click.echo(figures_json(outcome.figures, outcome.summary), nl=False)
        return
    if not quiet:
        read = f" ({outcome.read} read from the LRS)" if outcome.read is not None else ""
        click.echo(f"{outcome.figures.statements} statements about {outcome.figures.title} from {outcome.figures.enrolments} enrolments{read}.")
        click.echo(outcome.summary)
        for path in outcome.written:
            click.echo(f"  wrote {path}")
