"""The numbers the report shows, computed by the engine's queries and named from the catalog.

Plain dataclasses, so the HTML, the JSON and the CSV files show exactly the same figures.
Definitions (docs/report.md): an enrolment is a registration; it *started* a module with any
statement about the module, *completed* it with `completed` (or `passed`) about it, *passed*
it with `passed`. The course is completed or passed with a statement about the course, or
once every module is. Times come from timestamps: a step lasts from its `experienced` to
the session's next statement (gaps over an hour are time away and are not counted); a
module's time is the sum of its steps' for those who completed it. Item analysis uses each
enrolment's first attempt at the check.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from als_package.report.definitions import Catalog
from als_package.report.engine import STEP_GAP_LIMIT, Engine

MIN_ANSWERS = 5  # fewer first-attempt answers than this: too few to judge a question
TOO_EASY, TOO_HARD = 0.9, 0.3  # share correct


@dataclass
class Funnel:
    scope: str  # "course" or the module key
    title: str
    enrolled: int
    started: int
    completed: int
    passed: int | None  # None: a module without a knowledge check


@dataclass
class StepStop:
    position: int
    title: str
    reached: int  # enrolments that saw this step or a later one (or completed the module)
    stopped: int  # enrolments whose furthest step is this one, module not completed


@dataclass
class Spread:
    count: int
    median: float | None
    q1: float | None
    q3: float | None


@dataclass
class StepTime:
    position: int
    title: str
    seconds: Spread


@dataclass
class Option:
    part: str  # as in responses: an option id, a matching pair `source[.]target`, an order `a[,]b`
    label: str
    correct: bool
    chosen: int  # first-attempt answers that included it
    share: float


@dataclass
class Item:
    question: str  # the question's id
    key: str
    module: str
    prompt: str
    interaction: str
    answers: int
    difficulty: float | None  # share correct at the first attempt
    discrimination: float | None  # point-biserial with the rest of the check's score
    flags: list[str]
    options: list[Option]


@dataclass
class Rating:
    key: str
    text: str
    scale: list[str]
    before_n: int
    before_mean: float | None
    after_n: int
    after_mean: float | None
    paired: int  # enrolments with both
    change: float | None  # mean after − before over those


@dataclass
class ModuleFigures:
    key: str
    title: str
    funnel: Funnel
    stops: list[StepStop]
    step_times: list[StepTime]
    module_time: Spread
    attempts: dict[str, int]  # "1", "2", "3+" → enrolments that passed at that attempt
    items: list[Item]


@dataclass
class Figures:
    course: str
    title: str
    statements: int
    enrolments: int
    first: str | None
    last: str | None
    course_funnel: Funnel
    modules: list[ModuleFigures]
    self_assessment: list[Rating] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def _spread(row: tuple | None) -> Spread:
    if not row or not row[0]:
        return Spread(0, None, None, None)
    count, quartiles = row
    return Spread(int(count), *(round(q, 1) for q in quartiles))


def _funnels(engine: Engine, catalog: Catalog) -> tuple[Funnel, dict[str, Funnel]]:
    enrolled = engine.rows("SELECT count(DISTINCT enrolment) FROM s")[0][0]
    per = {
        row[0]: row[1:]
        for row in engine.rows("""
        SELECT module,
               count(DISTINCT enrolment) FILTER (WHERE verb <> 'launched'),
               count(DISTINCT enrolment) FILTER (WHERE kind = 'module' AND verb IN ('completed', 'passed')),
               count(DISTINCT enrolment) FILTER (WHERE kind = 'module' AND verb = 'passed')
        FROM s WHERE module IS NOT NULL GROUP BY module""")
    }
    modules = {}
    for m in catalog.modules:
        started, completed, passed = per.get(m.key, (0, 0, 0))
        modules[m.key] = Funnel(m.key, m.title, enrolled, started, completed, passed if m.questions else None)
    graded = [m.key for m in catalog.modules if m.questions]
    plain = [m.key for m in catalog.modules if not m.questions]
    started, completed, passed = engine.rows(
        """
        WITH outcome AS (
          SELECT enrolment,
                 bool_or(kind = 'course' AND verb IN ('completed', 'passed')) AS course_completed,
                 bool_or(kind = 'course' AND verb = 'passed') AS course_passed,
                 count(DISTINCT module) FILTER (WHERE kind = 'module' AND verb IN ('completed', 'passed')) AS modules_completed,
                 count(DISTINCT module) FILTER (WHERE kind = 'module' AND (verb = 'passed' OR (verb = 'completed' AND list_contains($plain, module))))
                   AS modules_passed,
                 bool_or(kind IN ('step', 'question') OR (kind = 'module' AND verb <> 'launched')) AS started
          FROM s GROUP BY enrolment)
        SELECT count(*) FILTER (WHERE started),
               count(*) FILTER (WHERE course_completed OR modules_completed = $modules),
               count(*) FILTER (WHERE course_passed OR modules_passed = $modules)
        FROM outcome""",
        {"plain": plain or [""], "modules": len(graded) + len(plain)},
    )[0]
    return Funnel("course", catalog.title, enrolled, started, completed, passed), modules


def _stops(engine: Engine, catalog: Catalog) -> dict[str, list[StepStop]]:
    furthest = engine.rows("""
        SELECT module, enrolment,
               max(position) FILTER (WHERE kind = 'step') AS furthest,
               bool_or(kind = 'module' AND verb IN ('completed', 'passed')) AS done
        FROM s WHERE module IS NOT NULL AND verb <> 'launched' GROUP BY module, enrolment""")
    found: dict[str, list[StepStop]] = {}
    by_module: dict[str, list[tuple[int, bool]]] = {}
    for module, _, far, done in furthest:
        by_module.setdefault(module, []).append((far or 0, bool(done)))
    for m in catalog.modules:
        rows = by_module.get(m.key, [])
        last = len(m.steps)
        found[m.key] = (
            [
                StepStop(
                    step.position,
                    step.title,
                    sum(1 for far, done in rows if done or far >= step.position),
                    sum(1 for far, done in rows if not done and far == step.position),
                )
                for step in m.steps
            ]
            if last
            else []
        )
    return found


def _times(engine: Engine, catalog: Catalog) -> tuple[dict[str, list[StepTime]], dict[str, Spread]]:
    engine.db.execute(f"""
        CREATE OR REPLACE TEMP TABLE step_time AS
        SELECT enrolment, module, position, gap FROM (
          SELECT enrolment, module, position, kind, verb,
                 lead(t) OVER (PARTITION BY enrolment, session ORDER BY t) - t AS gap
          FROM s WHERE session IS NOT NULL)
        WHERE kind = 'step' AND verb IN ('experienced', 'progressed') AND gap IS NOT NULL AND gap <= {STEP_GAP_LIMIT}""")
    steps = {
        (m, p): (n, q)
        for m, p, n, q in engine.rows("""
        SELECT module, position, count(*), quantile_cont(gap, [0.5, 0.25, 0.75]) FROM step_time GROUP BY ALL""")
    }
    modules = {
        m: (n, q)
        for m, n, q in engine.rows("""
        WITH done AS (SELECT DISTINCT enrolment, module FROM s WHERE kind = 'module' AND verb IN ('completed', 'passed')),
             total AS (SELECT enrolment, module, sum(gap) AS seconds FROM step_time JOIN done USING (enrolment, module) GROUP BY ALL)
        SELECT module, count(*), quantile_cont(seconds, [0.5, 0.25, 0.75]) FROM total GROUP BY module""")
    }
    step_times = {m.key: [StepTime(s.position, s.title, _spread(steps.get((m.key, s.position)))) for s in m.steps] for m in catalog.modules}
    return step_times, {m.key: _spread(modules.get(m.key)) for m in catalog.modules}


def _attempts(engine: Engine) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = {}
    for module, tries, count in engine.rows("""
        WITH passed AS (SELECT enrolment, module, min(t) AS at FROM s WHERE kind = 'module' AND verb = 'passed' GROUP BY ALL),
             tries AS (
               SELECT p.module, p.enrolment, coalesce(max(a.attempt), 1) AS tries
               FROM passed p LEFT JOIN s a ON a.enrolment = p.enrolment AND a.module = p.module AND a.kind = 'question' AND a.t <= p.at
               GROUP BY ALL)
        SELECT module, least(tries, 3), count(*) FROM tries GROUP BY ALL"""):
        found.setdefault(module, {"1": 0, "2": 0, "3+": 0})["3+" if tries >= 3 else str(tries)] = count
    return found


def _items(engine: Engine, catalog: Catalog) -> dict[str, list[Item]]:
    engine.db.execute("""
        CREATE OR REPLACE TEMP TABLE first_try AS
        SELECT enrolment, module, object_id AS question, arg_min(success, t)::INTEGER AS ok, arg_min(response, t) AS response
        FROM s WHERE kind = 'question' AND attempt = 1 GROUP BY ALL""")
    stats = {
        q: (n, p, r)
        for q, n, p, r in engine.rows("""
        WITH total AS (SELECT enrolment, module, sum(ok) AS right_answers FROM first_try GROUP BY ALL)
        SELECT question, count(*), avg(ok), corr(ok::DOUBLE, (right_answers - ok)::DOUBLE)
        FROM first_try JOIN total USING (enrolment, module) GROUP BY question""")
    }
    responses: dict[str, list[tuple[str, int]]] = {}
    for q, response, count in engine.rows("SELECT question, response, count(*) FROM first_try WHERE response IS NOT NULL GROUP BY ALL"):
        responses.setdefault(q, []).append((response, count))
    found: dict[str, list[Item]] = {}
    for m in catalog.modules:
        items = found[m.key] = []
        for q in m.questions:
            n, p, r = stats.get(q.id, (0, None, None))
            chosen: dict[str, int] = {}
            for response, count in responses.get(q.id, []):
                for part in q.parts(response):
                    chosen[part] = chosen.get(part, 0) + count
            if q.interaction in ("choice", "true-false"):
                universe = [k for k in q.components] if q.interaction == "choice" else ["true", "false"]
                chosen = {k: chosen.get(k, 0) for k in universe} | chosen
            if q.pattern and q.interaction != "choice":
                for part in q.parts(q.pattern):
                    chosen.setdefault(part, 0)
            options = sorted(
                (Option(k, q.describe(k), q.is_correct_part(k), c, round(c / n, 3) if n else 0.0) for k, c in chosen.items()),
                key=lambda o: (not o.correct, -o.chosen, o.label),
            )
            items.append(Item(q.id, q.key, m.key, q.prompt, q.interaction, int(n), _round(p), _round(r), _flags(n, p, r), options))
    return found


def _round(value: float | None) -> float | None:
    """Three decimals; None for no value, and for NaN (a correlation where everyone answered alike)."""
    return None if value is None or math.isnan(value) else round(float(value), 3)


def _flags(n: int, p: float | None, r: float | None) -> list[str]:
    if n < MIN_ANSWERS or p is None:
        return ["too few answers to judge"] if n else []
    flags = []
    if p >= TOO_EASY:
        flags.append("too easy")
    if p <= TOO_HARD:
        flags.append("too hard")
    if r is not None and r < 0:
        flags.append("strong learners get it wrong")
    return flags


def _ratings(engine: Engine, catalog: Catalog) -> list[Rating]:
    found = []
    for item in catalog.self_assessment:
        row = engine.rows(
            """
            WITH rated AS (
              SELECT enrolment, object_id, arg_max(TRY_CAST(response AS INTEGER), t) AS value
              FROM s WHERE kind = 'likert' AND object_id IN ($before, $after) GROUP BY ALL),
            b AS (SELECT enrolment, value FROM rated WHERE object_id = $before AND value IS NOT NULL),
            a AS (SELECT enrolment, value FROM rated WHERE object_id = $after AND value IS NOT NULL)
            SELECT (SELECT count(*) FROM b), (SELECT avg(value) FROM b), (SELECT count(*) FROM a), (SELECT avg(value) FROM a),
                   (SELECT count(*) FROM a JOIN b USING (enrolment)), (SELECT avg(a.value - b.value) FROM a JOIN b USING (enrolment))""",
            {"before": item.before, "after": item.after},
        )[0]
        bn, bm, an, am, paired, change = row
        found.append(Rating(item.key, item.text, list(item.scale), bn, _round(bm), an, _round(am), paired, _round(change)))
    return found


def compute(engine: Engine) -> Figures:
    catalog = engine.catalog
    statements, enrolments, first, last = engine.rows("""
        SELECT count(*), count(DISTINCT enrolment),
               strftime(to_timestamp(min(t)) AT TIME ZONE 'UTC', '%Y-%m-%d'), strftime(to_timestamp(max(t)) AT TIME ZONE 'UTC', '%Y-%m-%d')
        FROM s""")[0]
    course_funnel, funnels = _funnels(engine, catalog)
    stops = _stops(engine, catalog)
    step_times, module_times = _times(engine, catalog)
    attempts = _attempts(engine)
    items = _items(engine, catalog)
    modules = [
        ModuleFigures(
            m.key,
            m.title,
            funnels[m.key],
            stops[m.key],
            step_times[m.key],
            module_times[m.key],
            attempts.get(m.key, {"1": 0, "2": 0, "3+": 0}) if m.questions else {},
            items[m.key],
        )
        for m in catalog.modules
    ]
    return Figures(catalog.course, catalog.title, statements, enrolments, first, last, course_funnel, modules, _ratings(engine, catalog))
