"""Authoring warnings (als_package/source/quality.py) on small courses: what each one catches,
that the CLI prints it as `path:line: warning: ...`, and that it never fails a check or a build."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from als_package.cli import main
from als_package.source import load_course, quality

QUIZ = "course_src/intro/quiz.yaml"


def line_of(course: Path, text: str) -> int:
    return next(n for n, line in enumerate((course / "intro/quiz.yaml").read_text().splitlines(), 1) if text in line)


def warnings_for(course: Path) -> list[str]:
    with quality.collected() as found:
        load_course(Path("course_src"))
    assert course == Path("course_src").resolve()
    return [str(d) for d in found]


def write_quiz(course: Path, questions: str) -> None:
    (course / "intro/quiz.yaml").write_text("questions:\n" + questions)


def single(qid: str, key: str, other: str) -> str:
    return (
        f"  - id: {qid}\n    type: single\n    prompt: Which one?\n    choices:\n"
        f"      - {{id: a, text: '{key}', correct: true, feedback: In {qid} it changes what people do.}}\n"
        f"      - {{id: b, text: '{other}', feedback: For {qid} it leaves things as they were.}}\n"
    )


def true_false(qid: str, answer: bool) -> str:
    return (
        f"  - id: {qid}\n    type: true-false\n    prompt: A statement.\n    answer: {str(answer).lower()}\n"
        f"    feedback:\n      correct: Because {qid} says so.\n      incorrect: See {qid} again.\n"
    )


def test_the_fixture_course_has_no_warnings(course_copy):
    assert warnings_for(course_copy) == []


@pytest.mark.parametrize("opening", ["Correct.", "Not quite.", "not quite:", "Right.", "Incorrect!", "Wrong,"])
def test_feedback_that_repeats_the_players_verdict_is_reported_at_its_line(course_copy, opening):
    quiz = course_copy / "intro/quiz.yaml"
    quiz.write_text(quiz.read_text().replace("correct: Anyone can lead.", f"correct: '{opening} Anyone can lead.'"))
    found = warnings_for(course_copy)
    assert len(found) == 1 and found[0].startswith(f"{QUIZ}:{line_of(course_copy, opening)}: feedback starts with '{opening}'")


@pytest.mark.parametrize(
    "text",
    ["Rightly, people follow someone they trust.", "Correcting a colleague in public rarely helps.", "No title is needed.", "Yes: it checks understanding."],
)
def test_feedback_that_only_starts_with_a_similar_word_is_fine(course_copy, text):
    quiz = course_copy / "intro/quiz.yaml"
    quiz.write_text(quiz.read_text().replace("correct: Anyone can lead.", f"correct: '{text}'"))
    assert warnings_for(course_copy) == []


def test_the_longest_choice_being_right_in_most_questions_is_reported(course_copy):
    long, short = "Ask what they need, then offer to help with it", "Tell them what to do"
    write_quiz(course_copy, single("q1", long, short) + single("q2", long, short) + single("q3", short, short + " now"))
    found = warnings_for(course_copy)
    assert [w.split(": ")[0] for w in found] == [f"{QUIZ}:2", f"{QUIZ}:8"]
    assert "as in 2 of this check's 3 single-choice questions" in found[0]


def test_the_longest_choice_being_right_once_is_not_a_pattern(course_copy):
    long, short = "Ask what they need, then offer to help with it", "Tell them what to do"
    write_quiz(course_copy, single("q1", long, short) + single("q2", short, long) + single("q3", short, short + " now"))
    assert warnings_for(course_copy) == []


def test_one_to_one_matching_is_reported_and_shared_targets_are_not(course_copy):
    quiz = course_copy / "intro/quiz.yaml"
    quiz.write_text(
        quiz.read_text().replace("{id: c, source: Approving leave, target: Management}", "{id: c, source: Approving leave, target: Administration}")
    )
    found = warnings_for(course_copy)
    assert len(found) == 1 and found[0].startswith(f"{QUIZ}:{line_of(course_copy, 'id: q4')}: matching question 'q4' gives every source its own target")


def test_one_opening_for_most_feedback_is_reported(course_copy):
    write_quiz(
        course_copy,
        "".join(
            f"  - id: q{i}\n    type: true-false\n    prompt: Statement {i}.\n    answer: {'true' if i % 2 else 'false'}\n"
            f"    feedback:\n      correct: This is why {i}.\n      incorrect: This is not {i}.\n"
            for i in range(1, 3)
        ),
    )
    found = warnings_for(course_copy)
    assert found == [
        f"{QUIZ}:1: 4 of this check's 4 feedback texts start with 'this is': vary the openings, so the feedback reads as an explanation, not a formula"
    ]


def test_course_wide_true_false_imbalance_is_reported_at_the_module_list(course_copy):
    write_quiz(course_copy, "".join(true_false(f"q{i}", i == 1) for i in range(1, 8)))
    found = warnings_for(course_copy)
    assert len(found) == 1
    assert found[0].startswith("course_src/course.yaml:") and "6 of the course's 7 true/false questions are keyed 'false'" in found[0]


def test_balanced_true_false_keys_are_fine(course_copy):
    write_quiz(course_copy, "".join(true_false(f"q{i}", i % 2 == 0) for i in range(1, 8)))
    assert warnings_for(course_copy) == []


def test_check_prints_warnings_and_still_succeeds(course_copy):
    quiz = course_copy / "intro/quiz.yaml"
    quiz.write_text(quiz.read_text().replace("correct: Anyone can lead.", "correct: 'Correct. Anyone can lead.'"))
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0
    line = line_of(course_copy, "Correct. Anyone")
    assert result.stderr.startswith(f"{QUIZ}:{line}: warning: feedback starts with 'Correct.'")
    assert result.stdout == "course_src: OK: 2 modules, 3 pages, 5 questions.\n"
    report = json.loads(CliRunner().invoke(main, ["check", "--json"]).stdout)
    assert report["ok"] is True and report["warnings"][0]["line"] == line


def test_a_build_with_warnings_writes_its_packages(course_copy):
    quiz = course_copy / "intro/quiz.yaml"
    quiz.write_text(quiz.read_text().replace("correct: Anyone can lead.", "correct: 'Not quite. Anyone can lead.'"))
    result = CliRunner().invoke(main, ["--target", "scorm12"])
    assert result.exit_code == 0
    assert f"{QUIZ}:{line_of(course_copy, 'Not quite. Anyone')}: warning: feedback starts with 'Not quite.'" in result.stderr
    assert (course_copy.parent / "dist/test-course-scorm12.zip").is_file()
    quiet = CliRunner().invoke(main, ["--target", "scorm12", "--quiet"])
    assert quiet.exit_code == 0 and quiet.output == ""


def test_warnings_from_elsewhere_are_passed_on_not_swallowed():
    with pytest.warns(DeprecationWarning, match="an old call"):
        with quality.collected() as found:
            warnings.warn("an old call", DeprecationWarning, stacklevel=1)
    assert found == []
