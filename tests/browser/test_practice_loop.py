"""The practice loop (docs/runtime.md, "The practice loop"): every module from the second on
opens by asking how the previous module's "try this" went. The answer is free text like a
reflection's: kept with the learner's progress, restored on resume, and recorded as a fill-in
interaction when the learner moves on. Expectations come from course_src/."""

from __future__ import annotations

import pytest

from .course import ModuleSource, expected_text_interaction, module_folders, start

FOLDERS = module_folders()


@pytest.mark.parametrize("folder", FOLDERS[1:])
def test_modules_after_the_first_open_with_the_practice_question(folder):
    module = ModuleSource.load(folder)
    previous = ModuleSource.load(FOLDERS[FOLDERS.index(folder) - 1])
    assert module.step_kinds[0] == "practice"
    assert str(previous.raw["title"]) in module.practice["intro"], "the practice question names the previous module"
    assert len(module.practice_prompts) == 1


def test_the_first_module_has_no_practice_question():
    assert ModuleSource.load(FOLDERS[0]).practice is None


def test_the_practice_answer_is_recorded_kept_and_restored(lms, scorm12_package, problems):
    module = ModuleSource.load(FOLDERS[1])
    attempt, learner = start(lms, scorm12_package, module)
    assert learner.kind() == "practice", "the module opens on the practice question"
    assert learner.frame.inner_text("section.als-step[data-kind='practice'] h2").strip() == module.practice["title"]
    prompt = module.practice_prompts[0]["id"]
    answer = "I offered to run the handover check, and Sam took it up the next day."
    learner.write(prompt, answer)
    learner.next()
    result = attempt.end()
    assert result.errors() == []
    records = [r for r in result.interactions_set() if r["id"] == f"{module.id}.{prompt}"]
    assert [{k: r[k] for k in ("id", "type", "student_response", "result")} for r in records] == [expected_text_interaction(module, prompt, answer)]

    attempt, learner = start(lms, scorm12_package, module, stored=result.stored_data())
    learner.goto(learner.step_of_kind("practice"))
    assert learner.text_value(prompt) == answer
    again = attempt.end()
    assert [r for r in again.interactions_set() if r["id"] == f"{module.id}.{prompt}"] == [], "a resume does not record it again"
    assert problems.all() == []
