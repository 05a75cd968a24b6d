"""The report's queries, run by DuckDB straight over the statement files.

DuckDB reads JSON and NDJSON itself, in parallel, with a declared schema: only the fields
the report uses are parsed (a million statements carrying full activity definitions are
gigabytes of JSON) and everything after that is columnar SQL. One pass turns the
statements into a flat table `s`, one row per statement of this course, already filtered
(registration, date range, group); every figure is a query over it.

Free text stays unread: the schema declares `result.response`, but the flat table keeps it
only for questions and Likert ratings (`kind`), so no answer to a reflection or a tool's
text field ever leaves the reader.

An enrolment is a registration (a learner's enrolment in the course, shared by its
sessions); statements without one count by learner. Statements name their module in three
ways, all resolved here: the object is a module, step or question of the activities file;
or (cmi5, where the object is the LMS's id for the AU) the module's id is in `grouping`; or
(an xAPI launch with an LMS activity id) the course's id is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from als_package.diagnostics import UsageProblem
from als_package.report.definitions import Catalog

SCHEMA = {
    "timestamp": "VARCHAR",
    "actor": "STRUCT(mbox VARCHAR, mbox_sha1sum VARCHAR, openid VARCHAR, account STRUCT(homePage VARCHAR, name VARCHAR))",
    "verb": "STRUCT(id VARCHAR)",
    "object": "STRUCT(id VARCHAR)",
    "result": "STRUCT(success BOOLEAN, completion BOOLEAN, response VARCHAR, score STRUCT(scaled DOUBLE, raw DOUBLE))",
    "context": "STRUCT(registration VARCHAR, extensions MAP(VARCHAR, JSON), "
    "contextActivities STRUCT(parent STRUCT(id VARCHAR)[], grouping STRUCT(id VARCHAR)[]))",
}
CMI5_SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
STEP_GAP_LIMIT = 3600.0  # seconds: a longer gap after a step is time away, not time on it
READ_KINDS = ("question", "likert")  # the only activities whose response is read


@dataclass(frozen=True)
class Filters:
    registrations: tuple[str, ...] = ()
    since: str | None = None  # ISO 8601 date or time, inclusive
    until: str | None = None  # exclusive
    group: tuple[str, ...] = ()  # learners: mailto:…, mbox_sha1sum, openid or account name


def _format(path: Path) -> str:
    """'array' for a JSON array export, 'newline_delimited' for NDJSON (judged by the first character)."""
    try:
        with path.open("rb") as f:
            head = f.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as error:
        raise UsageProblem(f"{path}: cannot read it ({error.strerror or error})") from None
    if head.startswith(b"["):
        return "array"
    if head.startswith(b"{") or not head:
        return "newline_delimited"
    raise UsageProblem(f"{path}: not a statement export: expected a JSON array of statements or one statement per line (NDJSON)")


def _first_problem(path: Path) -> str | None:
    """`path:line: what is wrong` for the first entry of an export that is not a JSON object
    (only after DuckDB has refused the file: this reads it again, in Python)."""
    import json

    with path.open(encoding="utf-8", errors="replace") as f:
        if _format(path) == "array":
            try:
                entries = json.load(f)
            except json.JSONDecodeError as error:
                return f"{path}:{error.lineno}: not valid JSON ({error.msg})"
            bad = next((n for n, entry in enumerate(entries, start=1) if not isinstance(entry, dict)), None)
            return f"{path}: entry {bad} of the array is not a statement (a JSON object)" if bad else None
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError as error:
                return f"{path}:{number}: not a JSON statement ({error.msg})"
            if not isinstance(entry, dict):
                return f"{path}:{number}: not a statement (a JSON object)"
    return None


class Engine:
    """A DuckDB connection holding this course's statements as the flat table `s`."""

    def __init__(self, catalog: Catalog, files: list[Path], filters: Filters = Filters(), spill: Path | None = None) -> None:
        """`spill`: where DuckDB may write what does not fit in memory (default: its own choice)."""
        import duckdb

        self.catalog = catalog
        # Row order is never relied on (every figure is an aggregate), so DuckDB may stream without buffering it.
        config: dict[str, str | bool | int | float | list[str]] = {"preserve_insertion_order": False}
        if spill:
            config["temp_directory"] = str(spill)
        self.db = duckdb.connect(config=config)
        self.db.execute("SET TimeZone = 'UTC'")  # a date without a zone (--since 2026-09-01) is UTC, as statement timestamps are
        self._activities()
        self._load(files, filters)

    def _activities(self) -> None:
        rows: list[tuple[str, str, str | None, int | None]] = [(self.catalog.course, "course", None, None)]
        for module in self.catalog.modules:
            rows.append((module.id, "module", module.key, None))
            rows += [(step.id, "step", module.key, step.position) for step in module.steps]
            rows += [(q.id, "question", module.key, None) for q in module.questions]
        rows += [(i, "likert", None, None) for i in sorted(self.catalog.likert)]
        rows += [(i, "free-text", None, None) for i in sorted(self.catalog.free_text)]
        columns = {name: [row[i] for row in rows] for i, name in enumerate(("id", "kind", "module", "position"))}
        self.db.execute(
            """CREATE TABLE activities AS
                           SELECT unnest($id) AS id, unnest($kind) AS kind, unnest($module::VARCHAR[]) AS module,
                                  unnest($position::INTEGER[]) AS position""",
            columns,
        )

    def _load(self, files: list[Path], filters: Filters) -> None:
        course = self.catalog.course
        attempt = f"{course}/xapi/extensions/attempt"
        session = f"{course}/xapi/extensions/session"
        where = ["kind IS NOT NULL"]
        params: dict[str, object] = {"session": session, "attempt": attempt, "course": course, "modules": [m.id for m in self.catalog.modules]}
        if filters.registrations:
            where.append("list_contains($registrations, registration)")
            params["registrations"] = list(filters.registrations)
        if filters.since:
            where.append("t >= epoch(CAST($since AS TIMESTAMPTZ))")
            params["since"] = filters.since
        if filters.until:
            where.append("t < epoch(CAST($until AS TIMESTAMPTZ))")
            params["until"] = filters.until
        if filters.group:
            where.append("(list_contains($group, mbox) OR list_contains($group, account_name))")
            params["group"] = list(filters.group)
        by_format: dict[str, list[str]] = {}
        for path in files:
            by_format.setdefault(_format(path), []).append(str(path))
        reads = " UNION ALL ".join(
            f"SELECT * FROM read_json({paths!r}, format='{fmt}', columns={SCHEMA!r}, maximum_object_size=16777216)" for fmt, paths in by_format.items()
        )
        # `raw` parses each statement once; `resolved` finds its activity (object, else a
        # module or the course named in its context); the flat table keeps what figures need.
        sql = f"""
        CREATE TABLE s AS
        WITH raw AS ({reads}),
        resolved AS (
          SELECT
            coalesce(context.registration,
                     coalesce(actor.mbox, actor.mbox_sha1sum, actor.openid, actor.account.homePage || '|' || actor.account.name)) AS enrolment,
            coalesce(actor.mbox, actor.mbox_sha1sum, actor.openid) AS mbox,
            actor.account.name AS account_name,
            context.registration AS registration,
            epoch(TRY_CAST(timestamp AS TIMESTAMPTZ)) AS t,
            regexp_extract(verb.id, '[^/]*$') AS verb,
            object.id AS object_id,
            list_transform(coalesce(context.contextActivities.grouping, []) || coalesce(context.contextActivities.parent, []),
                           lambda x: x.id) AS context_ids,
            result,
            coalesce(context.extensions[$session]::VARCHAR, context.extensions['{CMI5_SESSION}']::VARCHAR) AS session,
            TRY_CAST(context.extensions[$attempt]::VARCHAR AS INTEGER) AS attempt
          FROM raw
        ),
        in_context AS (
          SELECT *, list_filter(context_ids, lambda x: list_contains($modules, x))[1] AS context_module FROM resolved
        ),
        named AS (
          SELECT r.*,
            coalesce(a.kind, CASE WHEN r.context_module IS NOT NULL THEN 'module'
                                  WHEN list_contains(r.context_ids, $course) THEN 'course' END) AS kind,
            coalesce(a.module, r.context_module[length($course) + 2:]) AS module,
            a.position AS position
          FROM in_context r
          LEFT JOIN activities a ON a.id = r.object_id
        )
        SELECT enrolment, t, verb, kind, module, position, object_id, session,
               coalesce(attempt, CASE WHEN kind = 'question' THEN 1 END) AS attempt,
               result.success AS success, result.completion AS completion,
               coalesce(result.score.raw, result.score.scaled * 100) AS score,
               CASE WHEN kind IN {READ_KINDS!r} THEN result.response END AS response
        FROM named
        WHERE {" AND ".join(where)}
        """
        import duckdb

        try:
            self.db.execute(sql, params)
        except duckdb.Error as error:
            found = next((problem for path in files if (problem := _first_problem(path))), None)
            first = str(error).splitlines()[0]
            raise UsageProblem(found or f"cannot read the statements in {', '.join(map(str, files))}: {first}") from None

    def rows(self, sql: str, params: list | dict | None = None) -> list[tuple]:
        return self.db.execute(sql, params or []).fetchall()

    def close(self) -> None:
        self.db.close()
