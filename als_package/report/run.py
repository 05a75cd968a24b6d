"""One report run: definitions → statements (export files or an LRS) → engine → figures →
HTML, JSON, CSV. The command (als_package/commands/report.py) only parses options and prints."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from als_package.diagnostics import UsageProblem
from als_package.report import definitions, export, html, sources
from als_package.report.engine import Engine, Filters
from als_package.report.figures import Figures, compute
from als_package.report.summary import summarise


@dataclass(frozen=True)
class Request:
    definitions: Path
    out: Path
    files: tuple[Path, ...] = ()
    lrs: str | None = None
    lrs_activity_filter: bool = False
    filters: Filters = field(default_factory=Filters)
    csv_folder: Path | None = None


@dataclass(frozen=True)
class Outcome:
    figures: Figures
    summary: str
    written: list[Path]
    read: int | None  # statements read from the LRS (before filtering to this course); None for files


def parse_time(value: str, option: str) -> str:
    """An ISO 8601 date or date-time, as given; a plain message when it is not one."""
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise UsageProblem(f"{option} {value!r} is not a date (use YYYY-MM-DD or an ISO 8601 time such as 2026-09-01T08:00:00Z)") from None
    return value


def read_group(path: Path) -> tuple[str, ...]:
    """Learners of a group file, one a line (mailto:…, a bare e-mail address, or an account name); # starts a comment."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise UsageProblem(f"{path}: cannot read the group file ({error})") from None
    found = []
    for line in lines:
        entry = line.split("#", 1)[0].strip()
        if entry:
            found.append(entry if ":" in entry or "@" not in entry else "mailto:" + entry)
    if not found:
        raise UsageProblem(f"{path}: the group file names no learner")
    return tuple(found)


def _describe(request: Request) -> tuple[str, list[str]]:
    source = sources.public(request.lrs) if request.lrs else ", ".join(p.name for p in request.files)
    f = request.filters
    shown = []
    if f.registrations:
        shown.append(f"registration{'s' if len(f.registrations) > 1 else ''} {', '.join(f.registrations)}")
    if f.since or f.until:
        shown.append("statements " + " ".join(([f"from {f.since}"] if f.since else []) + ([f"before {f.until}"] if f.until else [])))
    if f.group:
        shown.append(f"a group of {len(f.group)} learner{'s' if len(f.group) != 1 else ''}")
    return source, shown


def make(request: Request, progress: Callable[[str], None] = lambda message: None) -> Outcome:
    catalog = definitions.load(request.definitions)
    with tempfile.TemporaryDirectory(prefix="als-report-") as scratch:
        if request.lrs:
            lrs = sources.Lrs(request.lrs, sources.authorization())
            registrations = request.filters.registrations
            query = sources.Query(
                activity=catalog.course if request.lrs_activity_filter else None, registration=registrations[0] if len(registrations) == 1 else None
            )
            files = [Path(scratch) / "statements.ndjson"]
            progress(f"reading statements from {sources.public(request.lrs)}")
            read = lrs.download(files[0], query)
            progress(f"{read} statements read")
        else:
            files = sources.export_files(request.files)
            read = None
        progress("computing the figures")
        engine = Engine(catalog, files, request.filters, spill=Path(scratch))
        try:
            figures = compute(engine)
        finally:
            engine.close()
    summary = summarise(figures)
    source, shown = _describe(request)
    written = []
    try:
        request.out.parent.mkdir(parents=True, exist_ok=True)
        request.out.write_text(html.render(figures, summary, source, shown), encoding="utf-8")
        written.append(request.out)
        if request.csv_folder:
            written += export.write_csv(figures, request.csv_folder)
    except OSError as error:
        raise UsageProblem(f"cannot write the report: {error.strerror or error} ({error.filename})") from None
    return Outcome(figures, summary, written, read)
