"""The preview plays SCORM 1.2 and 2004 modules with scorm-again as the LMS side, and its
inspector shows the data model and every API call as they change."""

from __future__ import annotations


def test_scorm12_module_played_with_live_values(start_preview):
    preview = start_preview("scorm12")
    learner = preview.learner()  # the first unit opens by itself
    assert learner.module_id() == "reading"
    preview.wait_value("status", "incomplete")
    assert preview.value("location") == "0"
    learner.next()
    preview.wait_value("location", "1")
    preview.wait_value("status", "completed")
    preview.wait_value("score", "100")  # the score follows the status in a later commit (docs/runtime.md)
    assert preview.value("suspend").endswith("/ 4,096 characters")
    calls = preview.calls()
    assert calls[0].startswith('LMSInitialize("") → "true" · error 0'), calls[:3]
    assert any(c.startswith('LMSSetValue("cmi.core.lesson_status", "completed") → "true" · error 0') for c in calls), calls
    preview.button("end-attempt")
    preview.page.wait_for_selector("body[data-attempt='ended']")
    assert preview.calls()[-1].startswith('LMSFinish("") → "true" · error 0')
    assert preview.value("entry") == "ab-initio / —"  # a finished module leaves with exit ""
    assert not preview.problems.all()


def test_scorm2004_module_played_with_live_values(start_preview):
    preview = start_preview("scorm2004-4th")
    learner = preview.learner()
    preview.wait_value("status", "incomplete")
    assert preview.value("success") == "unknown"
    assert preview.value("suspend").endswith("/ 64,000 characters")
    learner.next()
    preview.wait_value("status", "completed")
    preview.wait_value("score", "100 / 1")
    assert preview.calls()[0].startswith('Initialize("") → "true" · error 0')
    preview.button("end-attempt")
    preview.page.wait_for_selector("body[data-attempt='ended']")
    assert preview.calls()[-1].startswith('Terminate("") → "true" · error 0')
    assert not preview.problems.all()


def test_moodle_starts_one_scorm2004_sco_per_visit(start_preview):
    preview = start_preview("scorm2004-3rd", "moodle", "course")
    preview.learner()
    assert preview.page.eval_on_selector("#content", "(f) => [f.offsetWidth, f.offsetHeight]") == [650, 666]
    preview.wait_value("status", "incomplete")
    preview.page.click("#units button[data-unit='check']")  # the next SCO in the same visit, as from Moodle's contents list
    preview.page.wait_for_selector("#calls li:has-text('Moodle: one SCORM 2004 SCO per visit')")
    assert any(c.startswith('Initialize("") → "false" · error 104') for c in preview.calls()), preview.calls()
    preview.button("resume-attempt")  # a new visit
    preview.page.wait_for_function(
        "() => { const first = document.querySelector('#calls li:last-child'); return first && first.textContent.startsWith('Initialize(\"\") → \"true\"'); }"
    )
