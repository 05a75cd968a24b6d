"""End to end: the real course's SCORM 2004 packages, played in Chromium against scorm-again.

Both editions × the three packaging modes × pass / fail-and-retry / suspend-and-resume. To keep
the run short, each (edition, mode) runs one of two real modules, chosen so that both modules
meet every mode: knowing-yourself (every question type, a Likert self-assessment, reflection)
and influence-without-authority (a conversation planner's text fields). Expectations come from
the source YAML and docs/runtime.md (scorm2004_support), never from the package.
"""

from __future__ import annotations

import pytest

from .course import Learner, ModuleSource, fail_the_check
from .scorm2004_support import (
    assert_answers_restored,
    assert_clean_session,
    compact_records,
    comparable,
    course_score,
    likert_record,
    localized,
    open_in_course,
    package_for,
    quiz_records,
    record_problems,
    runtime_key,
    start_course,
    start_module,
    statuses,
    text_record,
)

KNOWING, INFLUENCE = "03-knowing-yourself", "04-influence-without-authority"
MODULE_SCO_CASES = [  # (edition, mode, module folder)
    ("3rd", "course", KNOWING),
    ("3rd", "per-module", INFLUENCE),
    ("4th", "course", INFLUENCE),
    ("4th", "per-module", KNOWING),
]
COURSE_SCO_CASES = [("3rd", INFLUENCE), ("4th", KNOWING)]  # single-sco


def case_id(case: tuple[str, ...]) -> str:
    """3rd-course-knowing-yourself: the module folder without its number."""
    return "-".join(case[:-1] + (case[-1].split("-", 1)[1],))


@pytest.fixture(params=MODULE_SCO_CASES, ids=[case_id(c) for c in MODULE_SCO_CASES])
def module_case(request, open_zip, scorm2004_builds):
    edition, mode, folder = request.param
    module = ModuleSource.load(folder)
    return package_for(open_zip, scorm2004_builds, edition, mode, module.id), module


@pytest.fixture(params=COURSE_SCO_CASES, ids=[case_id(c) for c in COURSE_SCO_CASES])
def course_case(request, open_zip, scorm2004_builds):
    edition, folder = request.param
    module = ModuleSource.load(folder)
    return package_for(open_zip, scorm2004_builds, edition, "single-sco", module.id), module


def set_values(result, element: str) -> list[str]:
    return [value for key, value in result.sets() if key == element]


def long_text(module: ModuleSource, field_id: str) -> str:
    """Well over 250 characters (a long-fill-in record), with line breaks the record flattens."""
    return f"In {module.id} I noticed that {field_id} matters:\nnaming the situation, the people and what changed. " * 8


# --------------------------------------------------------------------------------------
# One SCO per module (course and per-module packages)
# --------------------------------------------------------------------------------------


def test_right_answers_complete_and_pass_the_module(lms, module_case, problems):
    package, module = module_case
    attempt, learner = start_module(lms, package, module)
    for _ in learner.steps()[1:]:
        learner.next()
    answers = [q.right_answer() for q in module.questions]
    learner.answer(answers)
    learner.submit()
    during = attempt.snapshot()  # committed during the session, not only on unload
    assert statuses(during) == ("completed", "passed")
    result = attempt.end()

    assert_clean_session(result, problems)
    assert [float(v) for v in result.got("cmi.scaled_passing_score")] == [module.mastery_score / 100]
    assert set_values(result, "cmi.completion_status")[0] == "incomplete"
    assert set_values(result, "cmi.success_status")[0] == "unknown"
    assert statuses(result) == ("completed", "passed")
    assert {k: result.committed_value(f"cmi.score.{k}") for k in ("raw", "min", "max", "scaled")} == {"raw": "100", "min": "0", "max": "100", "scaled": "1"}
    assert result.committed_value("cmi.progress_measure") == "1"
    assert result.committed_value("cmi.exit") == "normal"
    records = result.interactions_set()
    assert comparable(records) == quiz_records(module, answers)
    assert record_problems(records) == []
    objectives = [result.committed_value(f"cmi.objectives.{n}") for n in range(len(module.raw["objectives"]))]
    assert [(o["id"], o["description"], o["completion_status"], o["success_status"]) for o in objectives] == [
        (f"{runtime_key(module.id)}.objective_{n}", localized(text), "completed", "passed") for n, text in enumerate(module.raw["objectives"], start=1)
    ]


def test_wrong_answers_fail_and_a_retry_passes_without_a_later_downgrade(lms, module_case, problems):
    package, module = module_case
    attempt, learner = start_module(lms, package, module)
    wrong, score = fail_the_check(learner, module)
    first = attempt.end()

    assert_clean_session(first, problems)
    assert statuses(first) == ("completed", "failed")
    assert first.committed_value("cmi.score.raw") == str(score)
    assert float(first.committed_value("cmi.score.scaled")) == score / 100
    assert first.committed_value("cmi.exit") == "suspend", "a failed module is left to be retried"
    records = first.interactions_set()
    assert comparable(records) == quiz_records(module, wrong)
    assert record_problems(records) == []

    attempt, learner = start_module(lms, package, module, previous=first)
    assert learner.kind() == "quiz"
    right = [q.right_answer() for q in module.questions]
    for answers in (right, wrong):
        learner.retry()
        learner.answer(answers)
        learner.submit()
    second = attempt.end()

    assert_clean_session(second, problems)
    assert second.got("cmi.entry") == ["resume"]
    assert statuses(second) == ("completed", "passed")
    assert second.committed_value("cmi.score.raw") == "100"
    assert second.committed_value("cmi.exit") == "normal"
    successes = set_values(second, "cmi.success_status")
    assert "failed" not in successes[successes.index("passed") :], f"passed was downgraded: {successes}"
    updates = second.interactions_by_index()
    assert sorted(updates) == list(range(len(records))), "a retried question updates its stored record: the data model must not grow with retries"
    latest = [records[i] | updates[i] for i in range(len(records))]
    assert comparable(latest) == quiz_records(module, wrong)


def work_the_activities(learner: Learner, module: ModuleSource) -> tuple[dict, dict, list]:
    """Write the reflection (long answers), rate and fill in the tool: (texts, ratings, records)."""
    texts, rated, expected = {}, {}, []
    learner.goto(learner.step_of_kind("reflection"))
    for prompt in module.prompts:
        limit = int(learner.frame.get_attribute(f"textarea[data-field='{prompt['id']}']", "maxlength"))
        texts[prompt["id"]] = long_text(module, prompt["id"])[:limit].strip()
        assert len(texts[prompt["id"]]) > 250
        learner.write(prompt["id"], texts[prompt["id"]])
        expected.append(text_record(module, prompt["id"], texts[prompt["id"]]))
    learner.goto(learner.step_of_kind("tool"))
    for n, statement in enumerate(module.tool_statements):
        rated[statement["id"]] = 1 + n % len(module.tool_scale)
        learner.rate(statement["id"], rated[statement["id"]])
        expected.append(likert_record(module, statement, rated[statement["id"]]))
    for tool_field in module.tool_fields[:2]:
        texts[tool_field["id"]] = f"Talk to Sam on Tuesday, [,] before {tool_field['id']}."
        learner.write(tool_field["id"], texts[tool_field["id"]])
        expected.append(text_record(module, tool_field["id"], texts[tool_field["id"]].replace("[,]", "[ ,]")))
    return texts, rated, expected


def test_leaving_half_way_suspends_and_resume_returns_to_the_same_step(lms, module_case, problems):
    package, module = module_case
    attempt, learner = start_module(lms, package, module)
    texts, rated, expected = work_the_activities(learner, module)
    pages = [s for s, k in learner.steps() if k == "page"]
    middle = pages[len(pages) // 2]
    learner.goto(middle)
    first = attempt.end()

    assert_clean_session(first, problems)
    assert statuses(first) == ("incomplete", "unknown")
    assert first.committed_value("cmi.exit") == "suspend"
    assert first.committed_value("cmi.location") == middle
    assert 0 < float(first.committed_value("cmi.progress_measure")) < 1
    records = first.interactions_set()
    assert comparable(records) == expected, "reflection and tool answers are journaled on leaving their step"
    assert {r["type"] for r in records} >= {"long-fill-in", "fill-in"}
    assert record_problems(records) == []
    assert all("correct_responses.0.pattern" not in r for r in records)

    attempt, learner = start_module(lms, package, module, previous=first)
    assert learner.current() == middle, "resume must return to the saved step"
    assert_answers_restored(learner, texts, rated)
    second = attempt.end()

    assert_clean_session(second, problems)
    assert second.got("cmi.entry") == ["resume"]
    assert second.committed_value("cmi.exit") == "suspend"
    assert second.committed_value("cmi.location") == middle
    assert second.interactions_set() == [], "unchanged answers are not journaled again"


# --------------------------------------------------------------------------------------
# The whole course as one SCO (single-sco packages): the menu reports for the course
# --------------------------------------------------------------------------------------


def back_to_menu(menu) -> None:
    menu.click("#als-back")
    menu.wait_for_selector("#als-menu", state="visible")


def test_course_sco_passes_a_module_and_reports_the_course_in_progress(lms, course_case, problems):
    package, module = course_case
    attempt, menu = start_course(lms, package)
    learner = open_in_course(menu, module)
    learner.goto(learner.step_of_kind("quiz"))
    answers = [q.right_answer() for q in module.questions]
    learner.answer(answers)
    learner.submit()
    back_to_menu(menu)
    assert menu.inner_text(f"[data-status-for='{module.id}']") == "Passed (100%)"
    result = attempt.end()

    assert_clean_session(result, problems)
    assert result.got("cmi.scaled_passing_score") == [], "the course SCO decides passed/failed itself"
    assert statuses(result) == ("incomplete", "unknown"), "one module of twelve does not finish the course"
    assert result.committed_value("cmi.score.raw") == course_score([100])
    assert result.committed_value("cmi.exit") == "suspend"
    assert result.committed_value("cmi.location") == "menu"
    assert result.interactions_set() == compact_records(quiz_records(module, answers)), (
        "the course SCO keeps one short record per question, within what an LMS can send at unload"
    )
    assert result.committed_value("cmi.objectives.0") is None, "the course SCO has no module objectives"


def test_course_sco_keeps_a_failed_module_open_for_a_retry_after_resume(lms, course_case, problems):
    package, module = course_case
    attempt, menu = start_course(lms, package)
    learner = open_in_course(menu, module)
    wrong, score = fail_the_check(learner, module)
    first = attempt.end()  # left with the module open

    assert_clean_session(first, problems)
    assert statuses(first) == ("incomplete", "unknown")
    assert first.committed_value("cmi.score.raw") == course_score([score])
    assert first.committed_value("cmi.exit") == "suspend"
    assert first.committed_value("cmi.location") == module.id
    records = first.interactions_set()
    assert records == compact_records(quiz_records(module, wrong))

    attempt, menu = start_course(lms, package, previous=first)
    assert menu.inner_text(f"[data-status-for='{module.id}']") == f"Not yet passed ({score}%)"
    learner = open_in_course(menu, module)
    assert learner.kind() == "quiz"
    right = [q.right_answer() for q in module.questions]
    learner.retry()
    learner.answer(right)
    learner.submit()
    back_to_menu(menu)
    second = attempt.end()

    assert_clean_session(second, problems)
    assert second.got("cmi.entry") == ["resume"]
    assert second.committed_value("cmi.score.raw") == course_score([100])
    updates = second.interactions_by_index()
    assert sorted(updates) == list(range(len(records))), "a retried question updates its stored record"
    assert [records[i] | updates[i] for i in sorted(updates)] == compact_records(quiz_records(module, right))


def test_course_sco_suspends_and_resume_restores_a_module_half_done(lms, course_case, problems):
    package, module = course_case
    attempt, menu = start_course(lms, package)
    learner = open_in_course(menu, module)
    texts, rated, _ = work_the_activities(learner, module)
    learner.goto(learner.steps()[1][0])
    here = learner.current()
    back_to_menu(menu)
    assert menu.inner_text(f"[data-status-for='{module.id}']") == "In progress"
    first = attempt.end()

    assert_clean_session(first, problems)
    assert statuses(first) == ("incomplete", "unknown")
    assert first.committed_value("cmi.exit") == "suspend"
    assert 0 < float(first.committed_value("cmi.progress_measure")) < 1
    assert first.interactions_set() == [], "the course SCO records no self-assessments or free text"

    attempt, menu = start_course(lms, package, previous=first)
    assert menu.inner_text(f"[data-status-for='{module.id}']") == "In progress"
    learner = open_in_course(menu, module)
    assert learner.current() == here
    assert_answers_restored(learner, texts, rated)
    second = attempt.end()

    assert_clean_session(second, problems)
    assert second.got("cmi.entry") == ["resume"]
    assert second.interactions_set() == []
