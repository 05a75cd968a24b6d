"""SCORM 2004 pieces for the browser tests, on top of the shared harness in lms.py.

lms.py plays the LMS for SCORM 1.2 fully; for SCORM 2004 it installs scorm-again's API and
records every call but leaves the learner data to the caller. This module supplies it:

- :func:`launch_data`: what an LMS hands a SCO at launch (RTE data model): a new attempt
  (``cmi.entry = ab-initio``, ``cmi.scaled_passing_score`` from the item's primary objective)
  unless the previous session ended with ``cmi.exit = suspend``, which resumes with everything
  committed (``entry = resume``).
- ``scorm2004_builds``: the real course built by the CLI once per packaging mode, both
  editions at a time; :func:`package_for` opens the package that holds a module.
- The interaction records and identifiers docs/runtime.md promises for SCORM 2004, derived
  from the source YAML (course.py), never from the package.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from . import lms as lmsmod
from .course import Answer, Learner, ModuleSource, Question, course_yaml
from .course import comparable as course_comparable

STANDARD = "scorm2004"
EDITIONS = ("3rd", "4th")
MODES = ("course", "per-module", "single-sco")
IMSSS = "http://www.imsglobal.org/xsd/imsss"
LEARNER = {"learner_id": "learner-1", "learner_name": "Learner, Test", "credit": "credit", "mode": "normal"}

DURATION = re.compile(r"^PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S$")  # ISO 8601, at most 2 decimals (Moodle)
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{2}Z$")
MOODLE_IDENTIFIER = re.compile(r"^[\w.]{1,250}$")  # Moodle's check on choice/matching/sequencing/likert nodes
SUSPEND_DATA_LIMIT = 64000
KEPT_ON_RESUME = ("location", "suspend_data", "completion_status", "success_status", "progress_measure", "score", "interactions", "objectives")


# --------------------------------------------------------------------------------------
# Packages
# --------------------------------------------------------------------------------------


def package_for(open_zip, builds: dict[str, Path], edition: str, mode: str, module_id: str) -> lmsmod.Package:
    """The opened package a module's SCO is in (in single-sco mode: the course package)."""
    course_id = course_yaml()["id"]
    stem = f"{course_id}-{module_id}" if mode == "per-module" else course_id
    suffix = "-single-sco" if mode == "single-sco" else ""
    package = open_zip(builds[mode] / f"{stem}-scorm2004-{edition}{suffix}.zip")
    assert package.manifest.schemaversion == f"2004 {edition} Edition"
    return package


def course_sco(package: lmsmod.Package) -> lmsmod.Sco:
    """The one SCO of a single-sco package: the course menu."""
    assert [s.href for s in package.manifest.scos] == ["index.html"]
    return package.manifest.scos[0]


def passing_score(package: lmsmod.Package, sco: lmsmod.Sco) -> str | None:
    """imsss:minNormalizedMeasure of the item's primary objective when it is satisfied by measure:
    the value an LMS initialises cmi.scaled_passing_score with."""
    manifest = etree.parse(str(package.folder / "imsmanifest.xml"))
    item = manifest.find(f".//{{*}}item[@identifier='{sco.item_identifier}']")
    primary = item.find(f"{{{IMSSS}}}sequencing/{{{IMSSS}}}objectives/{{{IMSSS}}}primaryObjective")
    if primary is None or primary.get("satisfiedByMeasure") != "true":
        return None
    return primary.findtext(f"{{{IMSSS}}}minNormalizedMeasure")


# --------------------------------------------------------------------------------------
# Launches
# --------------------------------------------------------------------------------------


def launch_data(package: lmsmod.Package, sco: lmsmod.Sco, previous: lmsmod.AttemptResult | None = None) -> dict:
    """The learner data an LMS loads before this launch (RTE: cmi.entry follows the last cmi.exit)."""
    data = dict(LEARNER, entry="ab-initio")
    passing = passing_score(package, sco)
    if passing is not None:
        data["scaled_passing_score"] = passing
    committed = (previous.committed or {}) if previous else {}
    if committed.get("exit") != "suspend":
        return data  # a new attempt: nothing of the last one is available (RTE, cmi.exit)
    data["entry"] = "resume"
    if previous.total_time:
        data["total_time"] = previous.total_time
    for key in KEPT_ON_RESUME:
        value = lmsmod._strip_empty(committed.get(key))
        if value not in ("", None, {}, []):
            data[key] = value
    return data


def start_module(lms, package: lmsmod.Package, module: ModuleSource, previous=None, **kwargs):
    """Launch a module's SCO with SCORM 2004 data and wait for its player: (attempt, learner)."""
    sco = package.sco(module.id)
    attempt = lms.launch(package, sco=sco, standard=STANDARD, stored=launch_data(package, sco, previous), **kwargs)
    learner = Learner(attempt.frame).wait_ready()
    assert learner.module_id() == module.id
    return attempt, learner


def start_course(lms, package: lmsmod.Package, previous=None, **kwargs):
    """Launch a single-sco package's course menu: the attempt and the menu's frame."""
    sco = course_sco(package)
    attempt = lms.launch(package, sco=sco, standard=STANDARD, stored=launch_data(package, sco, previous), **kwargs)
    attempt.frame.wait_for_selector("#als-menu button[data-open]")
    return attempt, attempt.frame


def open_in_course(menu, module: ModuleSource) -> Learner:
    """Open a module from the single-sco course menu; the learner works it in the menu's frame."""
    menu.click(f"button[data-open='{module.id}']")
    handle = menu.wait_for_selector("#als-module-frame")
    frame = handle.content_frame()
    frame.wait_for_url(f"**/{module.id}/index.html")
    return Learner(frame).wait_ready()


# --------------------------------------------------------------------------------------
# What every session must show
# --------------------------------------------------------------------------------------


def assert_clean_session(result: lmsmod.AttemptResult, problems: lmsmod.PageProblems) -> None:
    """scorm-again accepted every call and logged no error; Initialize first and once, no
    Commit while leaving, one Terminate last; well-formed session time; no page problems."""
    assert result.errors() == [], "API calls failed:\n" + lmsmod.format_calls(result.errors())
    assert [m for m in result.log if m["level"] in (4, "ERROR")] == []
    methods = [c.method for c in result.calls if c.method not in lmsmod.ERROR_QUERIES]
    assert methods[0] == "Initialize" and methods.count("Initialize") == 1, methods[:3]
    assert methods.count("Terminate") == 1 and methods[-1] == "Terminate", methods[-3:]
    exit_set = max(i for i, c in enumerate(result.calls) if c.method == "SetValue" and c.args[0] == "cmi.exit")
    assert "Commit" not in [c.method for c in result.calls[exit_set:]], (
        "no Commit while the page is dismissed (a synchronous commit fails there): Terminate persists"
    )
    assert all(c.args[:1] == [""] for c in result.calls if c.method in ("Initialize", "Terminate", "Commit"))
    session_time = result.last_set("cmi.session_time")
    assert session_time is not None and DURATION.match(session_time), f"session_time {session_time!r}"
    assert len(result.last_set("cmi.suspend_data") or "") <= SUSPEND_DATA_LIMIT
    assert problems.all() == [], "\n".join(problems.all())


def statuses(result: lmsmod.AttemptResult) -> tuple[str, str]:
    return result.committed_value("cmi.completion_status"), result.committed_value("cmi.success_status")


# --------------------------------------------------------------------------------------
# Expected interaction records (docs/runtime.md, SCORM 2004)
# --------------------------------------------------------------------------------------

RECORD_KEYS = ("id", "type", "learner_response", "result", "correct_responses.0.pattern", "description")


def runtime_key(module_id: str) -> str:
    """docs/runtime.md: module ids are written with "_" for "-"."""
    return module_id.replace("-", "_")


def localized(text: str, limit: int = 250) -> str:
    return "{lang=" + course_yaml()["language"] + "}" + " ".join(str(text).split())[:limit]


def response(question: Question, answer: Answer) -> str:
    """A learner's answer (the form actions course.py derives from the source) in 2004 format."""
    values = [str(a.value) for a in answer.actions]
    if question.type in ("single", "multiple"):
        order = [str(c["id"]) for c in question.raw["choices"]]
        return "[,]".join(sorted(values, key=order.index))
    if question.type == "matching":
        return "[,]".join(f"{a.name.split('.', 1)[1]}[.]{a.value}" for a in answer.actions)
    return "[,]".join(values)  # true-false: "true"/"false"; ordering: item ids by position


def quiz_records(module: ModuleSource, answers: list[Answer]) -> list[dict]:
    return [
        {
            "id": f"{runtime_key(module.id)}.{q.id}",
            "type": q.interaction_type,
            "learner_response": response(q, a),
            "result": "correct" if a.correct else "incorrect",
            "correct_responses.0.pattern": response(q, q.right_answer()),
            "description": localized(q.raw["prompt"]),
        }
        for q, a in zip(module.questions, answers, strict=True)
    ]


def text_record(module: ModuleSource, field_id: str, text: str) -> dict:
    plain = " ".join(text.split())
    return {
        "id": f"{runtime_key(module.id)}.{field_id}",
        "type": "fill-in" if len(plain) <= 250 else "long-fill-in",
        "learner_response": localized(plain, 4000),
        "result": "neutral",
        "description": localized(field_id),
    }


def likert_record(module: ModuleSource, statement: dict, position: int) -> dict:
    return {
        "id": f"{runtime_key(module.id)}.{statement['id']}",
        "type": "likert",
        "learner_response": str(position),
        "result": "neutral",
        "description": localized(statement["text"]),
    }


def assert_answers_restored(learner: Learner, texts: dict[str, str], rated: dict[str, int]) -> None:
    """After a resume: every free-text answer and Likert rating is back in the page."""
    for field_id, text in texts.items():
        assert learner.text_value(field_id) == text, f"{field_id} was not restored"
    for statement_id, position in rated.items():
        assert learner.frame.is_checked(f"input[type=radio][name='{statement_id}'][value='{position}']")


def comparable(records: list[dict]) -> list[dict]:
    return course_comparable(records, RECORD_KEYS)


COMPACT_KEYS = ("id", "type", "learner_response", "result")


def compact_records(records: list[dict]) -> list[dict]:
    """What the one SCO of a single-SCO package records per question (docs/runtime.md): the
    expected full records cut down to their short form."""
    return [{k: r[k] for k in COMPACT_KEYS if k in r} for r in records]


def record_problems(records: list[dict]) -> list[str]:
    """Timing formats, and identifiers Moodle would refuse."""
    problems = []
    for r in records:
        if not DURATION.match(r.get("latency", "")):
            problems.append(f"{r.get('id')}: latency {r.get('latency')!r} is not an ISO 8601 duration")
        if not TIMESTAMP.match(r.get("timestamp", "")):
            problems.append(f"{r.get('id')}: timestamp {r.get('timestamp')!r}")
        if not MOODLE_IDENTIFIER.match(r["id"]):
            problems.append(f"interaction id {r['id']!r}")
        if r.get("type") in ("choice", "sequencing", "matching", "likert"):
            for value in (r.get("learner_response", ""), r.get("correct_responses.0.pattern", "")):
                nodes = [n for part in value.split("[,]") for n in part.split("[.]")] if value else []
                problems += [f"{r['id']}: response node {n!r}" for n in nodes if not MOODLE_IDENTIFIER.match(n)]
    return problems


def course_score(scores: list[int]) -> str:
    """course.js's course score as committed: the lowest module score once every knowledge
    check has a score (the course result rule, docs/xapi.md), else never set ("")."""
    quizzes = sum(1 for folder in course_yaml()["modules"] if ModuleSource.load(folder).quiz)
    return str(min(scores)) if len(scores) == quizzes else ""
