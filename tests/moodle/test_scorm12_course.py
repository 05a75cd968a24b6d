"""The package `als-build --lms moodle` recommends (SCORM 1.2, a SCO per module) in Moodle 4.3."""

from __future__ import annotations

from tests.browser.course import comparable, expected_quiz_interactions

from .scenarios import modules, read_to_end, retry_check, sco_id, take_check


def test_passing_a_module_is_recorded_with_grade_and_activity_completion(moodle, import_activity, learner):
    first = modules()[0]
    activity = import_activity("scorm12-course", completionstatusallscos=0)
    person = learner()
    module = person.enter(activity)
    assert module.module_id() == first.id
    read_to_end(module)
    score = take_check(module, first, right=True)
    person.exit_activity()

    stored = moodle.tracking(activity)
    assert stored.value(sco_id(first), "cmi.core.lesson_status") == "passed"
    assert stored.value(sco_id(first), "cmi.core.score.raw") == str(score)
    assert stored.value(sco_id(first), "cmi.core.exit") in (None, "")  # normal exit: Moodle stores no change
    assert stored.complete, f"Moodle recorded no activity completion: {stored.raw['completion']}"
    assert stored.grade == 1  # learning objects: one module of twelve passed
    right = [q.right_answer() for q in first.questions]
    assert comparable(stored.interactions(sco_id(first))) == expected_quiz_interactions(first, right)
    assert person.failed_calls() == [], person.failed_calls()
    assert "Done:" in " ".join(person.completion_badges(activity))


def test_a_failed_check_then_a_pass_after_several_tries(moodle, import_activity, learner):
    first = modules()[0]
    activity = import_activity("scorm12-course", completionstatusallscos=0)
    person = learner()
    module = person.enter(activity)
    take_check(module, first, right=False)
    for _ in range(3):
        retry_check(module, first, right=False)
    person.exit_activity()
    stored = moodle.tracking(activity)
    assert stored.value(sco_id(first), "cmi.core.lesson_status") == "failed"
    assert stored.value(sco_id(first), "cmi.core.exit") == "suspend"
    assert not stored.complete

    # Moodle's Enter opens the first module not yet passed, failed or completed: the learner
    # goes back to the failed one through Moodle's contents list, where they left it.
    assert person.enter(activity).module_id() == modules()[1].id
    person.open_from_contents(activity.scoid(sco_id(first)))
    module = person.module(first.id)
    assert module.kind() == "quiz"
    score = retry_check(module, first, right=True)
    person.exit_activity()
    stored = moodle.tracking(activity)
    assert stored.value(sco_id(first), "cmi.core.lesson_status") == "passed"
    assert stored.value(sco_id(first), "cmi.core.score.raw") == str(score) == "100"
    assert stored.complete
    assert stored.attempts == [1]
    assert person.failed_calls() == []


def test_leaving_half_way_and_resuming_keeps_place_answers_and_time(moodle, import_activity, learner):
    first = modules()[0]
    prompt = first.prompts[0]["id"]
    activity = import_activity("scorm12-course")
    person = learner()
    module = person.enter(activity)
    module.goto(module.step_of_kind("reflection"))
    module.write(prompt, "Half way: I backed Sam's idea in the stand-up.")
    module.goto(module.step_of_kind("tool"))
    person.exit_activity()

    stored = moodle.tracking(activity)
    sco = sco_id(first)
    assert stored.value(sco, "cmi.core.exit") == "suspend"
    assert stored.value(sco, "cmi.core.lesson_status") == "incomplete"
    assert stored.value(sco, "cmi.suspend_data")
    assert stored.value(sco, "cmi.core.total_time") not in (None, "00:00:00")
    before = stored.interactions(sco)
    assert [(i["id"], i["type"]) for i in before] == [(f"{first.id}.{prompt}", "fill-in")]

    module = person.enter(activity)
    assert module.module_id() == first.id
    assert module.kind() == "tool"
    assert module.text_value(prompt) == "Half way: I backed Sam's idea in the stand-up."
    module.goto(module.step_of_kind("quiz"))
    person.exit_activity()

    stored = moodle.tracking(activity)
    assert stored.attempts == [1]
    assert stored.interactions(sco) == before, "a resume stored unchanged answers again"
    assert person.failed_calls() == []


def test_moving_on_by_moodles_contents_list_and_passing_every_module_completes_the_activity(moodle, import_activity, learner):
    activity = import_activity("scorm12-course")
    person = learner()
    person.enter(activity)
    for index, module_source in enumerate(modules()):
        if index:  # moving on; the last module is left at once by Exit activity (its score must still count)
            person.pause_until_contents_settle()
        person.open_from_contents(activity.scoid(sco_id(module_source)))
        module = person.module(module_source.id)
        take_check(module, module_source, right=True)
    person.exit_activity()

    stored = moodle.tracking(activity)
    statuses = {m.id: stored.value(sco_id(m), "cmi.core.lesson_status") for m in modules()}
    assert set(statuses.values()) == {"passed"}, statuses
    assert stored.complete, "every module passed, yet Moodle shows the activity as not done"
    assert stored.grade == stored.grade_max == 12
    assert person.failed_calls() == []


def test_average_grade_misleads_and_learning_objects_counts_modules(moodle, import_activity, learner):
    """docs/lms/moodle.md: "Average grade" leaves out modules not attempted; "Learning objects"
    counts modules passed out of twelve."""
    first = modules()[0]
    grades = {}
    for method, maximum, name in ((2, 100, "average"), (0, 12, "learning objects")):
        activity = import_activity("scorm12-course", grademethod=method, maxgrade=maximum)
        person = learner()
        take_check(person.enter(activity), first, right=True)
        person.exit_activity()
        stored = moodle.tracking(activity)
        grades[name] = (stored.grade, stored.grade_max)
    assert grades == {"average": (100, 100), "learning objects": (1, 12)}
