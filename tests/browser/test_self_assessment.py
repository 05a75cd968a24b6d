"""The course self-assessment (docs/runtime.md, "The course self-assessment"): the statements of
course.yaml on the common scale, answered at the start of the first module ("before") and
before the last module's knowledge check ("after"), each answer a likert interaction with a
stable id. Where the package can read the "before" answers at the end (one SCO for the whole
course), the learner sees both side by side; where it cannot (a SCO per module), it says so.
Expectations come from course_src/course.yaml."""

from __future__ import annotations

import pytest

from als_package.build import build
from als_package.targets import BuildOptions

from . import lms as lmsmod
from .course import Learner, ModuleSource, course_yaml, module_folders, start
from .scorm2004_support import compact_records, open_in_course, runtime_key, start_course

ASSESSMENT = course_yaml()["self_assessment"]
STATEMENTS = [s["id"] for s in ASSESSMENT["statements"]]
SCALE = ASSESSMENT["scale"]
FIRST, LAST = ModuleSource.load(module_folders()[0]), ModuleSource.load(module_folders()[-1])
BEFORE = {sid: 1 + n % len(SCALE) for n, sid in enumerate(STATEMENTS)}  # every scale position used
AFTER = {sid: min(p + 1, len(SCALE)) for sid, p in BEFORE.items()}


def rate(learner: Learner, phase: str, answers: dict[str, int]) -> None:
    for sid, position in answers.items():
        learner.rate(f"self-assessment.{phase}.{sid}", position)


def open_after_step(learner: Learner) -> None:
    """The "after" step is the last module's step just before its knowledge check."""
    kinds = [k for _, k in learner.steps()]
    assert kinds[-2:] == ["self-assessment", "quiz"]
    learner.goto(learner.steps()[-2][0])


def comparison(learner: Learner) -> dict:
    return learner.frame.evaluate("""() => ({
      tableShown: !document.querySelector('.als-compare').hidden,
      noteShown: !document.querySelector('.als-compare-note').hidden,
      rows: Array.from(document.querySelectorAll('.als-compare tbody tr')).map(
        (tr) => Array.from(tr.children).map((c) => c.textContent.trim())),
    })""")


def test_the_course_opens_and_ends_with_the_self_assessment():
    assert FIRST.step_kinds[0] == "self-assessment" and "self-assessment" not in FIRST.step_kinds[1:]
    assert LAST.step_kinds[-2:] == ["self-assessment", "quiz"]
    assert SCALE == ["Rarely", "Sometimes", "Often", "Almost always"], "the course's common scale"


def test_each_module_scos_reports_before_and_after_and_says_where_before_is(lms, scorm12_package, problems):
    attempt, learner = start(lms, scorm12_package, FIRST)
    assert learner.frame.get_attribute("section.als-step[data-step='0']", "data-phase") == "before"
    rate(learner, "before", BEFORE)
    learner.next()
    result = attempt.end()
    assert result.errors() == []
    before = {r["id"]: r["student_response"] for r in result.interactions_set() if r["type"] == "likert"}
    assert before == {f"{FIRST.id}.self-assessment.before.{sid}": str(p) for sid, p in BEFORE.items()}

    attempt, learner = start(lms, scorm12_package, LAST)
    open_after_step(learner)
    rate(learner, "after", AFTER)
    shown = comparison(learner)
    assert not shown["tableShown"] and shown["noteShown"], "a SCO per module cannot read the first module's answers: it says so"
    learner.goto(learner.step_of_kind("quiz"))
    result = attempt.end()
    assert result.errors() == []
    after = {r["id"]: (r["type"], r["student_response"], r["result"]) for r in result.interactions_set() if "self-assessment" in r["id"]}
    assert after == {f"{LAST.id}.self-assessment.after.{sid}": ("likert", str(p), "neutral") for sid, p in AFTER.items()}
    assert problems.all() == []


@pytest.fixture(scope="module")
def single_sco_2004(open_zip, tmp_path_factory) -> lmsmod.Package:
    out = tmp_path_factory.mktemp("single-2004")
    result = build(lmsmod.REPO_ROOT / "course_src", out, ("scorm2004-4th",), BuildOptions(mode="single-sco"))
    return open_zip(result.written[0].path)


def test_one_sco_for_the_course_shows_before_and_after_side_by_side(lms, single_sco_2004, problems):
    attempt, menu = start_course(lms, single_sco_2004)
    learner = open_in_course(menu, FIRST)
    rate(learner, "before", BEFORE)
    learner.next()
    menu.click("#als-back")
    menu.wait_for_selector("#als-menu", state="visible")
    learner = open_in_course(menu, LAST)
    open_after_step(learner)
    rate(learner, "after", AFTER)
    shown = comparison(learner)
    assert shown["tableShown"] and not shown["noteShown"]
    texts = [s["text"].strip() for s in ASSESSMENT["statements"]]
    assert shown["rows"] == [[text, SCALE[BEFORE[sid] - 1], SCALE[AFTER[sid] - 1]] for text, sid in zip(texts, STATEMENTS, strict=True)]
    learner.goto(learner.step_of_kind("quiz"))
    result = attempt.end()
    assert result.errors() == []
    records = [r for r in result.interactions_set() if "self-assessment" in r["id"]]
    expected = [
        {"id": f"{runtime_key(module.id)}.self-assessment.{phase}.{sid}", "type": "likert", "learner_response": str(answers[sid]), "result": "neutral"}
        for module, phase, answers in ((FIRST, "before", BEFORE), (LAST, "after", AFTER))
        for sid in STATEMENTS
    ]
    assert records == compact_records(expected), "the course SCO keeps a short record of every self-assessment answer"
    assert problems.all() == []
