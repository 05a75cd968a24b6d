"""End to end: the real course's SCORM 1.2 package, played in Chromium against scorm-again.

The package is built once per session from ``course_src/`` with the compiler's CLI
(the ``scorm12_package`` fixture in conftest.py). Each
module (parametrised from ``course_src/course.yaml``) is launched in the test LMS the way an
LMS launches it, and worked through its page as a learner would. Expectations come from the
source YAML and docs/runtime.md, never from the package itself.
"""

from __future__ import annotations

import pytest

from als_package.build import build
from als_package.profiles import PROFILES

from . import lms as lmsmod
from .course import (
    TIMESPAN,
    Learner,
    ModuleSource,
    comparable,
    expected_likert_interaction,
    expected_quiz_interactions,
    expected_text_interaction,
    fail_the_check,
    first_module,
    module_folders,
    start,
    timing_problems,
)

MODULES = module_folders()
SUSPEND_DATA_LIMIT = 4096


# --------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------


@pytest.fixture(params=MODULES)
def module(request) -> ModuleSource:
    return ModuleSource.load(request.param)


# --------------------------------------------------------------------------------------
# What every attempt must show
# --------------------------------------------------------------------------------------


def assert_clean_session(result: lmsmod.AttemptResult, problems: lmsmod.PageProblems) -> None:
    """No API errors, one initialise and one finish, no commit while leaving, no page problems."""
    assert result.errors() == [], "API calls failed:\n" + lmsmod.format_calls(result.errors())
    methods = [c.method for c in result.calls if c.method not in lmsmod.ERROR_QUERIES]
    assert methods.count("LMSInitialize") == 1 and methods[0] == "LMSInitialize", methods[:3]
    assert methods.count("LMSFinish") == 1, "LMSFinish must be called once, on unload"
    assert methods[-1] == "LMSFinish", f"calls after LMSFinish: {methods[methods.index('LMSFinish') :]}"
    exit_set = max(i for i, c in enumerate(result.calls) if c.method == "LMSSetValue" and c.args[0] == "cmi.core.exit")
    assert "LMSCommit" not in [c.method for c in result.calls[exit_set:]], (
        "no LMSCommit while the page is dismissed (a synchronous commit fails there): LMSFinish persists"
    )
    assert all(c.args[:1] == [""] for c in result.calls if c.method in ("LMSInitialize", "LMSFinish", "LMSCommit"))
    session_time = result.last_set("cmi.core.session_time")
    assert session_time is not None and TIMESPAN.match(session_time), f"session_time {session_time!r}"
    suspend_data = result.last_set("cmi.suspend_data") or ""
    assert len(suspend_data) <= SUSPEND_DATA_LIMIT
    assert problems.all() == [], "\n".join(problems.all())


def assert_commit_after_each_step_change(result: lmsmod.AttemptResult) -> None:
    """docs/runtime.md: LMSCommit after every step change (a new cmi.core.lesson_location)."""
    location, pending = None, None
    for call in result.calls:
        if call.method == "LMSSetValue" and call.args[:1] == ["cmi.core.lesson_location"]:
            if call.args[1] != location:
                assert pending is None, f"step changed to {pending} and then to {call.args[1]} with no LMSCommit between"
                pending = call.args[1]
            location = call.args[1]
        elif call.method == "LMSCommit":
            pending = None
        elif call.method == "LMSFinish":
            assert pending is None, f"step change to {pending} was never committed before LMSFinish"


def walk_all_steps(learner: Learner, module: ModuleSource) -> None:
    """Read every step with the Next button, checking the DOM contract on each."""
    steps = learner.steps()
    assert [k for _, k in steps] == module.step_kinds, "steps shown do not match the source"
    total = len(steps)
    for i, (step, kind) in enumerate(steps):
        if i:
            learner.next()
        assert learner.current() == step
        assert learner.toc_current() == [step], "aria-current must mark the current step in the TOC"
        assert f"Step {i + 1} of {total}" in learner.progress_text()
        heading = learner.frame.inner_text(f"section.als-step[data-step='{step}'] h2")
        assert heading.strip() == expected_title(module, kind, i)
        assert learner.frame.is_disabled("button#als-prev") == (i == 0)
        assert learner.frame.is_disabled("button#als-next") == (i == total - 1)
    assert learner.frame.evaluate("() => document.querySelector('progress#als-progress').value") == total


def expected_title(module: ModuleSource, kind: str, index: int) -> str:
    if kind == "practice":
        return str(module.practice["title"]).strip()
    if kind == "self-assessment":
        return str(module.course["self_assessment"]["before" if index == 0 else "after"]["title"]).strip()
    if kind == "page":
        return str(module.pages[index - module.step_kinds.index("page")]["title"]).strip()
    if kind == "reflection":
        return str(module.reflection["title"]).strip()
    if kind == "tool":
        return str(module.tool["title"]).strip()
    return str((module.quiz or {}).get("title") or "Knowledge check").strip()


# --------------------------------------------------------------------------------------
# Completing a module
# --------------------------------------------------------------------------------------


def test_reading_every_step_and_answering_correctly_passes(lms, scorm12_package, module, problems):
    attempt, learner = start(lms, scorm12_package, module)
    walk_all_steps(learner, module)

    if module.quiz:
        answers = [q.right_answer() for q in module.questions]
        assert module.score_for(answers) == 100
        learner.answer(answers)
        learner.submit()
        # Committed during the session, not only on unload (Cornerstone drops unload commits):
        # the new status at once, the score in a later commit (docs/runtime.md).
        assert attempt.snapshot().committed_value("cmi.core.lesson_status") == "passed"
        during = attempt.snapshot_once_committed("cmi.core.score.raw", "100")
        assert during.committed_value("cmi.core.score.raw") == "100"
        status_set = next(c.seq for c in during.calls if c.args == ["cmi.core.lesson_status", "passed"])
        score_set = next(c.seq for c in during.calls if c.args[:1] == ["cmi.core.score.raw"])
        assert any(status_set < c.seq < score_set for c in during.method_calls("LMSCommit")), (
            "the new status is committed before the score is set (Moodle's activity completion)"
        )

    result = attempt.end()

    assert_clean_session(result, problems)
    assert_commit_after_each_step_change(result)
    assert result.got("cmi.core.entry") or result.got("cmi.suspend_data"), "the SCO never looked for saved state"
    assert "incomplete" in [v for k, v in result.sets() if k == "cmi.core.lesson_status"], "lesson_status must be incomplete at the first launch"
    if module.quiz:
        assert result.committed_value("cmi.core.lesson_status") == "passed"
        assert result.committed_value("cmi.core.score.raw") == "100"
        assert result.committed_value("cmi.core.score.min") == "0"
        assert result.committed_value("cmi.core.score.max") == "100"
        records = result.interactions_set()
        assert comparable(records) == expected_quiz_interactions(module, answers)
        assert timing_problems(records) == []
    else:
        assert result.committed_value("cmi.core.lesson_status") == "completed"
        assert result.interactions_set() == []
    assert result.last_set("cmi.core.exit") == "", "exit must be '' once the module is finished"
    assert result.committed_value("cmi.core.exit") == ""


def test_wrong_answers_fail_and_a_later_worse_try_never_downgrades(lms, scorm12_package, module, problems):
    attempt, learner = start(lms, scorm12_package, module)
    if not module.quiz:
        # No knowledge check: not having seen every step is the unfinished outcome.
        result = attempt.end()
        assert_clean_session(result, problems)
        assert result.committed_value("cmi.core.lesson_status") == "incomplete"
        assert result.committed_value("cmi.core.exit") == "suspend"
        return

    wrong, score = fail_the_check(learner, module)
    first = attempt.end()

    assert_clean_session(first, problems)
    assert first.committed_value("cmi.core.lesson_status") == "failed"
    assert first.committed_value("cmi.core.score.raw") == str(score)
    assert first.committed_value("cmi.core.exit") == "suspend", "a failed module is left unfinished"
    records = first.interactions_set()
    assert comparable(records) == expected_quiz_interactions(module, wrong)
    assert timing_problems(records) == []

    # Relaunch: retry correctly -> passed; then a worse try keeps passed and the best score.
    attempt, learner = start(lms, scorm12_package, module, stored=first.stored_data())
    assert learner.kind() == "quiz"
    learner.retry()
    right = [q.right_answer() for q in module.questions]
    learner.answer(right)
    learner.submit()
    learner.retry()
    learner.answer(wrong)
    learner.submit()
    second = attempt.end()

    assert_clean_session(second, problems)
    assert second.committed_value("cmi.core.lesson_status") == "passed"
    assert second.committed_value("cmi.core.score.raw") == "100"
    assert second.committed_value("cmi.core.exit") == ""
    statuses = [v for k, v in second.sets() if k == "cmi.core.lesson_status"]
    assert "passed" in statuses
    assert "failed" not in statuses[statuses.index("passed") :], f"passed was downgraded: {statuses}"
    # Journaled: the new tries are appended after the first attempt's records.
    new_records = second.interactions_by_index()
    assert sorted(new_records) == list(range(len(records), len(records) + 2 * len(module.questions))), (
        "new interaction records must be appended after the stored ones, not overwrite them"
    )
    assert comparable(list(new_records.values())) == (expected_quiz_interactions(module, right) + expected_quiz_interactions(module, wrong))


# --------------------------------------------------------------------------------------
# Leaving half way and coming back
# --------------------------------------------------------------------------------------


def reflection_text(module: ModuleSource, field_id: str) -> str:
    # Long enough to exercise the 255-character interaction cut, within the field's limit.
    base = f"In {module.id} I noticed that {field_id} matters: naming the situation, the people and what changed. "
    return (base * 4).strip()


def test_leaving_half_way_suspends_and_resume_returns_to_the_same_step(lms, scorm12_package, module, problems):
    attempt, learner = start(lms, scorm12_package, module)
    steps = [s for s, _ in learner.steps()]
    page_steps = [s for s, k in learner.steps() if k == "page"]
    middle = page_steps[len(page_steps) // 2]
    texts: dict[str, str] = {}
    expected_records: list[dict] = []

    if module.reflection:
        learner.goto(learner.step_of_kind("reflection"))
        for prompt in module.prompts:
            limit = int(learner.frame.get_attribute(f"textarea[data-field='{prompt['id']}']", "maxlength"))
            text = reflection_text(module, prompt["id"])[:limit]
            learner.write(prompt["id"], text)
            texts[prompt["id"]] = text
            expected_records.append(expected_text_interaction(module, prompt["id"], text))
    ticked: list[str] = []
    rated: dict[str, int] = {}
    if module.tool:
        learner.goto(learner.step_of_kind("tool"))
        for item in module.tool_items[:2]:
            learner.tick(item["id"])
            ticked.append(item["id"])
        for n, statement in enumerate(module.tool_statements):
            position = 1 + n % len(module.tool_scale)
            learner.rate(statement["id"], position)
            rated[statement["id"]] = position
            expected_records.append(expected_likert_interaction(module, statement["id"], position))
        for tool_field in module.tool_fields[:1]:
            text = f"My plan for {tool_field['id']}: talk to Sam on Tuesday."
            learner.write(tool_field["id"], text)
            texts[tool_field["id"]] = text
            expected_records.append(expected_text_interaction(module, tool_field["id"], text))
    learner.goto(middle)
    first = attempt.end()

    assert_clean_session(first, problems)
    assert_commit_after_each_step_change(first)
    assert first.committed_value("cmi.core.exit") == "suspend"
    assert first.committed_value("cmi.core.lesson_status") == "incomplete"
    assert first.committed_value("cmi.core.lesson_location") == middle
    assert first.committed_value("cmi.suspend_data"), "no state saved in suspend_data"
    records = first.interactions_set()
    assert comparable(records) == expected_records, "reflection/tool answers must be journaled on leaving their step"
    assert timing_problems(records) == []
    for record in records:
        assert "correct_responses.0.pattern" not in record

    stored = first.stored_data()
    assert stored["core"]["entry"] == "resume"
    attempt, learner = start(lms, scorm12_package, module, stored=stored)
    assert learner.current() == middle, "resume must return to the saved step"
    assert learner.toc_current() == [middle]
    assert f"Step {steps.index(middle) + 1} of {len(steps)}" in learner.progress_text()
    for field_id, text in texts.items():
        assert learner.text_value(field_id) == text, f"answer to {field_id} was not restored"
    for item_id in ticked:
        assert learner.frame.is_checked(f"input[type=checkbox][data-field='{item_id}']")
    for statement_id, position in rated.items():
        assert learner.frame.is_checked(f"input[type=radio][name='{statement_id}'][value='{position}']")
    second = attempt.end()

    assert_clean_session(second, problems)
    assert second.got("cmi.core.entry") == ["resume"]
    assert second.committed_value("cmi.core.exit") == "suspend"
    assert second.committed_value("cmi.core.lesson_location") == middle
    # Unchanged answers are not journaled again.
    assert second.interactions_set() == []


# --------------------------------------------------------------------------------------
# Without an LMS, and with an LMS that cannot save
# --------------------------------------------------------------------------------------


def test_standalone_mode_runs_and_keeps_progress_in_the_browser(page, lms_server, scorm12_package, problems):
    module = first_module()
    page.goto(lms_server.url(scorm12_package.launch_path(module.id)))
    learner = Learner(page.main_frame).wait_ready()
    status = learner.status_text()
    assert "browser" in status.lower(), f"#als-status should say progress stays in this browser: {status!r}"
    assert page.evaluate("() => window.API === undefined && window.API_1484_11 === undefined")

    learner.next()
    learner.goto(learner.step_of_kind("reflection") if module.reflection else learner.steps()[-1][0])
    if module.prompts:
        learner.write(module.prompts[0]["id"], "Kept in this browser.")
    here = learner.current()
    page.reload()
    learner = Learner(page.main_frame).wait_ready()
    assert learner.current() == here
    if module.prompts:
        assert learner.text_value(module.prompts[0]["id"]) == "Kept in this browser."
    if module.quiz:
        learner.goto(learner.step_of_kind("quiz"))
        learner.answer([q.right_answer() for q in module.questions])
        assert "100%" in learner.submit()
    assert problems.all() == [], "\n".join(problems.all())


COMMIT_FAILURES = [
    pytest.param({"mode": "false", "times": None}, id="commit-returns-false"),
    pytest.param({"mode": "throw", "times": None}, id="commit-throws"),
]


@pytest.mark.parametrize("failure", COMMIT_FAILURES)
def test_an_lms_that_cannot_commit_is_retried_and_the_learner_is_told(fresh_page, lms_server, scorm12_package, problems, failure):
    # Mocked on purpose: the LMS page's LMSCommit fails every time (returns "false" with
    # error 101, or throws) while every other call goes to the real scorm-again API.
    module = first_module()
    page = fresh_page
    lms = lmsmod.Lms(page, lms_server)
    page.clock.install()
    attempt, learner = start(lms, scorm12_package, module, commit_failure=failure)
    assert learner.status_text() == ""
    learner.next()
    page.clock.run_for(120_000)  # the retries' back-off, without waiting for it
    status = learner.status_text()
    assert status and "sav" in status.lower(), f"#als-status must say progress is not saved: {status!r}"

    before = attempt.snapshot()
    location_sets = [c.seq for c in before.calls if c.args[:1] == ["cmi.core.lesson_location"]]
    retries = [c for c in before.method_calls("LMSCommit") if c.seq > location_sets[-1]]
    assert len(retries) >= 3, "a failed commit must be retried"
    assert all(c.injected == failure["mode"] for c in retries)

    # The course keeps working.
    learner.next()
    if module.quiz:
        learner.goto(learner.step_of_kind("quiz"))
        learner.answer([q.right_answer() for q in module.questions])
        assert "100%" in learner.submit()
    result = attempt.end()
    assert result.last_set("cmi.core.lesson_status") == ("passed" if module.quiz else "incomplete")
    assert before.committed is None, "the mocked LMS stored nothing during the session"
    assert [c for c in result.errors() if c.method != "LMSCommit"] == []
    assert problems.all() == [], "\n".join(problems.all())


def test_progress_is_saved_once_the_lms_recovers(fresh_page, lms_server, scorm12_package, problems):
    # Mocked on purpose: the first five commits fail, later ones reach scorm-again.
    module = first_module()
    page = fresh_page
    lms = lmsmod.Lms(page, lms_server)
    page.clock.install()
    attempt, learner = start(lms, scorm12_package, module, commit_failure={"mode": "false", "times": 5})
    learner.next()
    here = learner.current()
    page.clock.run_for(120_000)
    result = attempt.snapshot()
    commits = result.method_calls("LMSCommit")
    assert len(commits) > 5 and commits[-1].result == "true"
    assert result.committed_value("cmi.core.lesson_location") == here
    status = learner.status_text()
    assert "could not be saved" not in status.lower() and "not saved" not in status.lower(), status
    final = attempt.end()
    assert final.committed_value("cmi.core.exit") == "suspend"
    assert problems.all() == []


def test_resume_also_works_when_the_lms_sends_an_empty_entry_with_saved_data(lms, scorm12_package, problems):
    # docs/runtime.md: entry "resume", or an empty entry with saved data, returns the learner.
    module = first_module()
    attempt, learner = start(lms, scorm12_package, module)
    learner.next()
    learner.next()
    here = learner.current()
    stored = attempt.end().stored_data()
    stored["core"]["entry"] = ""
    attempt, learner = start(lms, scorm12_package, module, stored=stored)
    assert learner.current() == here
    assert_clean_session(attempt.end(), problems)


# --------------------------------------------------------------------------------------
# The state budget: every answer at its longest still fits and comes back
# --------------------------------------------------------------------------------------

AWKWARD = "Ça va? “Quotes” and 'single', pipes | commas, 100% sure; a\nnew line, & <b>tags</b> = {json} 👍 "


def text_of_length(limit: int, salt: str) -> str:
    """Awkward text exactly ``limit`` UTF-16 code units long (what maxlength counts)."""
    out, units = [], 0
    source = salt + " " + AWKWARD
    i = 0
    while True:
        ch = source[i % len(source)]
        width = 2 if ord(ch) > 0xFFFF else 1
        if units + width > limit:
            break
        out.append(ch)
        units += width
        i += 1
    return "".join(out)


def test_every_answer_at_its_longest_fits_suspend_data_and_is_restored(lms, scorm12_package, module, problems):
    attempt, learner = start(lms, scorm12_package, module)
    texts: dict[str, str] = {}
    steps = {p["id"]: "practice" for p in module.practice_prompts} | {p["id"]: "reflection" for p in module.prompts}
    for field_id in [p["id"] for p in module.practice_prompts + module.prompts] + [f["id"] for f in module.tool_fields]:
        step = steps.get(field_id, "tool")
        learner.goto(learner.step_of_kind(step))
        limit = int(learner.frame.get_attribute(f"textarea[data-field='{field_id}']", "maxlength"))
        assert 0 < limit <= 1000
        texts[field_id] = text_of_length(limit, field_id)
        learner.write(field_id, texts[field_id])
        assert learner.text_value(field_id) == texts[field_id]
    if module.tool:
        learner.goto(learner.step_of_kind("tool"))
        for item in module.tool_items:
            learner.tick(item["id"])
        for statement in module.tool_statements:
            learner.rate(statement["id"], len(module.tool_scale))
    wrong = [q.wrong_answer() for q in module.questions]
    if module.quiz:
        learner.goto(learner.step_of_kind("quiz"))
        learner.answer(wrong)
        learner.submit()
    learner.goto([s for s, _ in learner.steps()][0])
    first = attempt.end()

    assert_clean_session(first, problems)  # includes: scorm-again accepted every value
    suspend_data = first.committed_value("cmi.suspend_data")
    assert suspend_data and len(suspend_data) <= SUSPEND_DATA_LIMIT
    for record in first.interactions_set():
        assert len(record.get("student_response", "")) <= 255

    attempt, learner = start(lms, scorm12_package, module, stored=first.stored_data())
    for field_id, text in texts.items():
        assert learner.text_value(field_id) == text, f"{field_id} was not restored exactly"
    for item in module.tool_items:
        assert learner.frame.is_checked(f"input[type=checkbox][data-field='{item['id']}']")
    for statement in module.tool_statements:
        assert learner.frame.is_checked(f"input[type=radio][name='{statement['id']}'][value='{len(module.tool_scale)}']")
    for answer in wrong:
        for action in answer.actions:
            if action.kind == "select":
                assert learner.frame.input_value(f"form#als-quiz select[name='{action.name}']") == action.value
            else:
                assert learner.frame.is_checked(f"form#als-quiz input[name='{action.name}'][value='{action.value}']"), action
    assert_clean_session(attempt.end(), problems)


def test_hiding_the_page_commits_what_the_learner_typed(lms, scorm12_package, problems):
    """Cornerstone ignores commits made while a page unloads: hiding the page (switching tab,
    locking the phone) must already have saved and committed the learner's typing."""
    module = first_module()
    attempt, learner = start(lms, scorm12_package, module)
    learner.goto(learner.step_of_kind("reflection"))
    prompt = module.prompts[0]["id"]
    learner.write(prompt, "Typed just before the tab was hidden.")
    commits_before = len(attempt.snapshot().method_calls("LMSCommit"))
    # Chromium offers no way to hide a frame's document on demand; the player reads the
    # real document.visibilityState, so make it report "hidden" and fire the real event.
    learner.frame.evaluate("""() => {
        Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
        document.dispatchEvent(new Event("visibilitychange"));
    }""")
    during = attempt.snapshot()
    assert len(during.method_calls("LMSCommit")) == commits_before + 1
    assert "Typed just before the tab was hidden." in during.committed_value("cmi.suspend_data")
    assert during.method_calls("LMSFinish") == []  # hidden is not gone: the session goes on
    attempt.end()
    assert problems.all() == []


def test_cornerstone_profile_keeps_a_failed_module_incomplete_until_it_is_passed(lms, open_zip, tmp_path, problems):
    """LMS-NOTES: a SCORM 1.2 `failed` blocks the learner in Cornerstone, so its profile
    reports `incomplete` (with the score) while retries remain, then `passed`."""
    written = build(lmsmod.REPO_ROOT / "course_src", tmp_path, ("scorm12",), PROFILES["cornerstone"].options(mode="course")).written
    package = open_zip(written[0].path)
    module = first_module()
    attempt, learner = start(lms, package, module)
    wrong, score = fail_the_check(learner, module)
    learner.retry()
    during = attempt.snapshot()
    assert during.committed_value("cmi.core.lesson_status") == "incomplete"
    assert during.committed_value("cmi.core.score.raw") == str(score)
    assert "failed" not in [v for k, v in during.sets() if k == "cmi.core.lesson_status"]
    learner.answer([q.right_answer() for q in module.questions])
    learner.submit()
    result = attempt.end()
    assert_clean_session(result, problems)
    assert result.committed_value("cmi.core.lesson_status") == "passed"
    assert result.committed_value("cmi.core.score.raw") == "100"
