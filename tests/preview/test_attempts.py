"""The inspector's attempt buttons and LMS behaviours: end, resume, new attempt, switch learner;
Cornerstone's status policy and its refusal of commits made while the page unloads."""

from __future__ import annotations


def _to_the_check(preview):
    learner = preview.launch("check")
    learner.next()
    preview.wait_value("location", "1")
    return learner


def test_end_resume_new_attempt_and_switch_learner(start_preview):
    preview = start_preview("scorm12")
    _to_the_check(preview)
    preview.button("end-attempt")
    preview.page.wait_for_selector("body[data-attempt='ended']")
    assert preview.value("entry") == "ab-initio / suspend"
    preview.button("resume-attempt")
    learner = preview.learner()
    assert preview.value("entry").startswith("resume")
    assert learner.position() == 2  # back on the knowledge check
    preview.button("new-attempt")
    preview.page.wait_for_selector("#calls li[data-method='LMSInitialize']")
    learner = preview.learner()
    assert preview.value("entry").startswith("ab-initio")
    assert learner.position() == 1
    preview.page.fill("#learner", "Sam Other")
    preview.button("switch-learner")
    preview.page.wait_for_selector("#attempt-info:has-text('Sam Other')")
    preview.learner()
    assert preview.page.evaluate("() => window.API.LMSGetValue('cmi.core.student_name')") == "Sam Other"
    assert not preview.problems.all()


def test_cornerstone_status_policy_and_unload_commits(start_preview):
    preview = start_preview("scorm12")
    preview.page.select_option("#behaviour", "cornerstone")
    learner = _to_the_check(preview)
    learner.check("input[type=radio][name='q1'][value='false']")
    learner.submit()
    preview.wait_value("status", "failed")
    preview.wait_value("lms-view", "In Progress (blocked: a SCORM 1.2 failed cannot progress)")
    assert 'A SCORM 1.2 "failed" leaves the course In Progress' in preview.page.inner_text("#behaviour-notes")
    preview.button("end-attempt")
    preview.page.wait_for_selector("body[data-attempt='ended']")
    finish = preview.page.inner_text("#calls li[data-method='LMSFinish']")
    assert "while unloading" in finish and "Cornerstone ignores commits made while the page unloads" in finish
