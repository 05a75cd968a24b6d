"""The report's figures over synthetic cohorts, checked against the same figures worked out
here in plain Python from the statements themselves (not from the engine), and the outputs
(HTML, JSON, CSV) against each other."""

from __future__ import annotations

import csv
import json
import statistics
from collections import defaultdict
from pathlib import Path

import pytest
from markupsafe import escape

from als_package.report import definitions
from als_package.report.engine import Engine, Filters
from als_package.report.figures import compute
from als_package.report.synthetic import Behaviour, cohort_from

LEARNERS = 150


def verb(s: dict) -> str:
    return s["verb"]["id"].rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def cohort(plain_activities):
    return cohort_from(plain_activities, seed=3)


@pytest.fixture(scope="module")
def statements(cohort) -> list[dict]:
    return list(cohort.statements(LEARNERS))


@pytest.fixture(scope="module")
def export(cohort, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "statements.ndjson"
    assert cohort.write(path, LEARNERS) > LEARNERS * 20
    return path


@pytest.fixture(scope="module")
def figures(plain_activities, export):
    engine = Engine(definitions.load(plain_activities), [export])
    yield compute(engine)
    engine.close()


def test_every_statement_counts_and_every_registration_is_an_enrolment(figures, statements):
    assert figures.statements == len(statements)
    assert figures.enrolments == figures.course_funnel.enrolled == len({s["context"]["registration"] for s in statements}) == LEARNERS


def test_funnel_per_module_matches_the_statements(figures, statements, cohort):
    for module, shown in zip(cohort.catalog.modules, figures.modules, strict=True):
        about = [s for s in statements if s["object"]["id"].startswith(module.id + "/") or s["object"]["id"] == module.id]
        started = {s["context"]["registration"] for s in about}
        completed = {s["context"]["registration"] for s in about if s["object"]["id"] == module.id and verb(s) == "completed"}
        passed = {s["context"]["registration"] for s in about if s["object"]["id"] == module.id and verb(s) == "passed"}
        assert (shown.funnel.started, shown.funnel.completed, shown.funnel.passed) == (len(started), len(completed), len(passed)), module.key
    course = figures.course_funnel
    assert course.passed == len({s["context"]["registration"] for s in statements if s["object"]["id"] == cohort.catalog.course and verb(s) == "passed"})
    assert course.enrolled >= course.started >= course.completed >= course.passed > 0


def test_where_learners_stop_is_the_furthest_step_of_those_who_did_not_complete(figures, statements, cohort):
    module = cohort.catalog.modules[7]
    shown = figures.modules[7]
    furthest: dict[str, int] = defaultdict(int)
    done = set()
    positions = {step.id: step.position for step in module.steps}
    for s in statements:
        if s["object"]["id"] in positions:
            furthest[s["context"]["registration"]] = max(furthest[s["context"]["registration"]], positions[s["object"]["id"]])
        if s["object"]["id"] == module.id and verb(s) == "completed":
            done.add(s["context"]["registration"])
    expected = [sum(1 for r, far in furthest.items() if r not in done and far == p) for p in positions.values()]
    assert [stop.stopped for stop in shown.stops] == expected
    # The generator's hard step: learners drop before step 3, so step 2 is the largest stop in the course.
    worst = max(((m.stops[i].stopped / m.funnel.started, n) for n, m in enumerate(figures.modules) for i in range(len(m.stops))), key=lambda x: x[0])
    assert worst[1] == 7 and shown.stops[1].stopped == max(expected)


def test_item_analysis_difficulty_discrimination_and_options(figures, statements, cohort):
    module = cohort.catalog.modules[0]
    attempt = cohort.attempt_ext
    first: dict[tuple[str, str], dict] = {}
    for s in statements:
        if s["object"]["id"].startswith(module.id + "/questions/") and s["context"]["extensions"][attempt] == 1:
            first.setdefault((s["context"]["registration"], s["object"]["id"]), s)
    totals: dict[str, int] = defaultdict(int)
    for (registration, _), s in first.items():
        totals[registration] += s["result"]["success"]
    items = {i.question: i for i in figures.modules[0].items}
    for question in module.questions:
        answered = [(r, s) for (r, q), s in first.items() if q == question.id]
        right = [int(s["result"]["success"]) for _, s in answered]
        rest = [totals[r] - int(s["result"]["success"]) for r, s in answered]
        item = items[question.id]
        assert item.answers == len(answered)
        assert item.difficulty == pytest.approx(sum(right) / len(right), abs=1e-3)
        if len(set(right)) > 1 and len(set(rest)) > 1:
            assert item.discrimination == pytest.approx(statistics.correlation(right, rest), abs=1e-3)
        chosen: dict[str, int] = defaultdict(int)
        for _, s in answered:
            for part in question.parts(s["result"]["response"]):
                chosen[part] += 1
        assert {o.part: o.chosen for o in item.options if o.chosen} == dict(chosen)
        assert all(o.correct == question.is_correct_part(o.part) for o in item.options)
    q1, q2, q3 = (items[q.id] for q in module.questions[:3])  # the generator's too easy, too hard, and misleading items
    assert "too easy" in q1.flags and "too hard" in q2.flags
    assert q3.discrimination < 0 and "strong learners get it wrong" in q3.flags


def test_options_are_named_from_the_definitions(figures, cohort):
    question = cohort.catalog.modules[0].questions[0]
    item = figures.modules[0].items[0]
    assert item.prompt == question.prompt and item.prompt
    right = next(o for o in item.options if o.correct)
    assert right.label == question.components[right.part]


def test_attempts_before_passing(figures, statements, cohort):
    module = cohort.catalog.modules[1]
    attempt = cohort.attempt_ext
    tries: dict[str, int] = {}
    for s in sorted(statements, key=lambda s: s["timestamp"]):
        registration = s["context"]["registration"]
        if s["object"]["id"].startswith(module.id + "/questions/"):
            tries[registration] = s["context"]["extensions"][attempt]
        if s["object"]["id"] == module.id and verb(s) == "passed":
            tries[registration] = -tries[registration]  # frozen at the pass
    passed = [-t for t in tries.values() if t < 0]
    assert figures.modules[1].attempts == {"1": passed.count(1), "2": passed.count(2), "3+": sum(1 for t in passed if t >= 3)}
    assert sum(figures.modules[1].attempts.values()) == figures.modules[1].funnel.passed


def test_step_times_are_the_gaps_to_the_next_statement_of_the_session(figures, statements, cohort):
    module = cohort.catalog.modules[0]
    step = module.steps[0]
    by_session: dict[str, list[dict]] = defaultdict(list)
    for s in statements:
        by_session[s["context"]["extensions"][cohort.session_ext]].append(s)
    gaps = []
    for session in by_session.values():
        session.sort(key=lambda s: s["timestamp"])
        for here, after in zip(session, session[1:], strict=False):
            if here["object"]["id"] == step.id:
                gaps.append(_seconds(after["timestamp"]) - _seconds(here["timestamp"]))
    shown = figures.modules[0].step_times[0].seconds
    assert shown.count == len(gaps)
    assert shown.median == pytest.approx(statistics.median(gaps), abs=0.05)


def _seconds(timestamp: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp()


def test_a_json_array_export_gives_the_same_figures(plain_activities, export, figures, tmp_path):
    array = tmp_path / "export.json"
    array.write_text("[\n" + ",\n".join(export.read_text(encoding="utf-8").splitlines()) + "\n]\n", encoding="utf-8")
    engine = Engine(definitions.load(plain_activities), [array])
    assert compute(engine).as_dict() == figures.as_dict()
    engine.close()


def test_filters_registration_dates_and_group(plain_activities, export, statements):
    catalog = definitions.load(plain_activities)
    registration = statements[0]["context"]["registration"]
    only = compute(Engine(catalog, [export], Filters(registrations=(registration,))))
    assert only.enrolments == 1 and only.statements == sum(1 for s in statements if s["context"]["registration"] == registration)
    since, until = "2026-09-20", "2026-10-05T12:00:00Z"
    window = compute(Engine(catalog, [export], Filters(since=since, until=until)))
    assert window.statements == sum(1 for s in statements if "2026-09-20" <= s["timestamp"] < "2026-10-05T12:00:00")
    group = ("mailto:learner-1@example.org", "mailto:learner-2@example.org")
    team = compute(Engine(catalog, [export], Filters(group=group)))
    assert team.enrolments == 2 and team.statements == sum(1 for s in statements if s["actor"]["mbox"] in group)


def test_statements_of_other_courses_are_left_out(plain_activities, export, tmp_path, figures):
    other = tmp_path / "other.ndjson"
    lines = export.read_text(encoding="utf-8").splitlines()[:500]
    other.write_text("\n".join(line.replace("courses/everybody-leads", "courses/another-course") for line in lines) + "\n", encoding="utf-8")
    mixed = compute(Engine(definitions.load(plain_activities), [export, other]))
    assert mixed.as_dict() == figures.as_dict()


def test_course_self_assessment_before_and_after(with_self_assessment, tmp_path):
    cohort = cohort_from(with_self_assessment, seed=5)
    statements = list(cohort.statements(80))
    path = tmp_path / "sa.ndjson"
    cohort.write(path, 80)
    shown = compute(Engine(definitions.load(with_self_assessment), [path])).self_assessment
    assert [r.key for r in shown] == ["listen", "ask"]
    for rating, item in zip(shown, cohort.catalog.self_assessment, strict=True):
        before = {s["context"]["registration"]: int(s["result"]["response"]) for s in statements if s["object"]["id"] == item.before}
        after = {s["context"]["registration"]: int(s["result"]["response"]) for s in statements if s["object"]["id"] == item.after}
        both = before.keys() & after.keys()
        assert (rating.before_n, rating.after_n, rating.paired) == (len(before), len(after), len(both)) and both
        assert rating.before_mean == pytest.approx(statistics.mean(before.values()), abs=1e-3)
        assert rating.change == pytest.approx(statistics.mean(after[r] - before[r] for r in both), abs=1e-3)
        assert rating.change > 0


def test_no_self_assessment_section_without_one(figures):
    assert figures.self_assessment == []


def test_csv_and_json_carry_the_html_figures(plain_activities, export, tmp_path):
    from als_package.report.run import Request, make

    outcome = make(Request(plain_activities, tmp_path / "report.html", (export,), csv_folder=tmp_path / "csv"))
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    with (tmp_path / "csv" / "funnel.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["scope"] == "course" and int(rows[0]["enrolled"]) == outcome.figures.course_funnel.enrolled == LEARNERS
    for row, module in zip(rows[1:], outcome.figures.modules, strict=True):
        assert int(row["started"]) == module.funnel.started
        assert f"<td>{module.funnel.started}</td><td>{module.funnel.completed}</td>" in html
    with (tmp_path / "csv" / "options.csv").open(encoding="utf-8") as f:
        assert sum(1 for _ in csv.DictReader(f)) == sum(len(i.options) for m in outcome.figures.modules for i in m.items)
    assert str(escape(outcome.summary)) in html
    assert json.loads(json.dumps(outcome.figures.as_dict())) == outcome.figures.as_dict()


def test_free_text_is_never_read_or_shown(activities_file, tmp_path):
    """A course that opts in sends free text in statements; the report still never reads it."""
    marker = "PRIVATE-REFLECTION-7f3a"
    cohort = cohort_from(activities_file, Behaviour(free_text=f"My own words {marker}"), seed=9)
    path = tmp_path / "free.ndjson"
    cohort.write(path, 30)
    assert marker in path.read_text(encoding="utf-8")
    engine = Engine(definitions.load(activities_file), [path])
    assert engine.rows("SELECT count(*) FROM s WHERE kind = 'free-text'")[0][0] > 0
    assert engine.rows("SELECT count(*) FROM s WHERE kind = 'free-text' AND response IS NOT NULL")[0][0] == 0
    assert engine.rows("SELECT count(*) FROM s WHERE contains(response, ?)", [marker])[0][0] == 0
    engine.close()
    from als_package.report.run import Request, make

    outcome = make(Request(activities_file, tmp_path / "r.html", (path,), csv_folder=tmp_path / "csv"))
    assert outcome.figures.statements > 0
    for written in outcome.written:
        assert marker not in written.read_text(encoding="utf-8"), written
    assert marker not in json.dumps(outcome.figures.as_dict())


def test_statements_about_lms_ids_count_for_their_module_or_course(plain_activities, export, figures, tmp_path, cohort):
    """cmi5 statements are about the LMS's id for the AU, with the module's id (the AU's
    publisher id) in grouping; an xAPI launch with an LMS activity_id has the course in grouping.
    Rewritten that way, the same learners give the same figures."""
    modules = {m.id for m in cohort.catalog.modules}
    course_ref = {"objectType": "Activity", "id": cohort.catalog.course}
    rewritten = []
    for line in export.read_text(encoding="utf-8").splitlines():
        s = json.loads(line)
        object_id = s["object"]["id"]
        if object_id in modules:
            s["object"]["id"] = f"https://lms.example.org/au/{object_id.rsplit('/', 1)[-1]}"
            s["context"]["contextActivities"]["grouping"] = [{"objectType": "Activity", "id": object_id}, course_ref]
        elif object_id == cohort.catalog.course:
            s["object"]["id"] = "https://lms.example.org/activities/everybody-leads"
            s["context"]["contextActivities"]["grouping"] = [course_ref]
        rewritten.append(json.dumps(s))
    path = tmp_path / "lms-ids.ndjson"
    path.write_text("\n".join(rewritten) + "\n", encoding="utf-8")
    assert compute(Engine(definitions.load(plain_activities), [path])).as_dict() == figures.as_dict()
