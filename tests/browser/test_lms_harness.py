"""The test LMS itself, proved with a hand-written SCO (fixtures/tiny-sco).

If these fail, the course tests cannot be trusted: they check that calls are recorded with
their results and error codes, that learner data round-trips through a relaunch the way an
LMS stores it, that scorm-again's rejections show up as error codes, and that the problem
collectors (console errors, uncaught exceptions, failed requests) really see problems.
"""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from . import lms as lmsmod

START = "() => document.getElementById('entry').textContent !== ''"


def launch_tiny(lms, package, **kwargs):
    attempt = lms.launch(package, "tiny", **kwargs)
    attempt.frame.wait_for_function(START)
    return attempt


def test_manifest_is_read_with_its_launch_href_and_mastery_score(tiny_package):
    sco = tiny_package.sco("tiny")
    assert tiny_package.manifest.schemaversion == "1.2"
    assert sco.href == "tiny/index.html"
    assert sco.mastery_score == "80"
    assert (tiny_package.folder / "tiny" / "sco.js").is_file()


@pytest.mark.parametrize("stored_format", ["json", "flattened"])
def test_calls_are_recorded_and_data_round_trips_on_relaunch(lms, tiny_package, problems, stored_format):
    first = launch_tiny(lms, tiny_package)
    frame = first.frame
    assert frame.inner_text("#entry") == "ab-initio"
    assert frame.inner_text("#mastery") == "80"  # the LMS loads adlcp:masteryscore
    for element, value in [
        ("cmi.core.lesson_location", "3"),
        ("cmi.suspend_data", "v=1|step=3|a=Hello, world"),
        ("cmi.core.score.raw", "40"),
        ("cmi.core.exit", "suspend"),
        ("cmi.interactions.0.id", "tiny.q1"),
        ("cmi.interactions.0.type", "choice"),
        ("cmi.interactions.0.student_response", "a,c"),
        ("cmi.interactions.0.result", "wrong"),
    ]:
        assert frame.evaluate("([k, v]) => sco.set(k, v)", [element, value]) == "true"

    result = first.end()

    methods = [c.method for c in result.calls]
    assert methods[0] == "LMSInitialize"
    assert methods[-3:] == ["LMSSetValue", "LMSCommit", "LMSFinish"]  # the SCO's pagehide handler
    assert result.calls[0].args == [""] and result.calls[0].result == "true"
    assert result.errors() == [], lmsmod.format_calls(result.errors())
    assert result.got("cmi.core.entry") == ["ab-initio"]
    assert result.last_set("cmi.suspend_data") == "v=1|step=3|a=Hello, world"
    assert result.interactions_set() == [{"id": "tiny.q1", "type": "choice", "student_response": "a,c", "result": "wrong"}]
    # What the LMS persisted (the last successful commit/finish), as Python data.
    assert result.committed_value("cmi.core.lesson_status") == "incomplete"
    assert result.committed_value("cmi.core.exit") == "suspend"
    assert result.committed_value("cmi.core.score.raw") == "40"
    assert result.committed_value("cmi.interactions.0.student_response") == "a,c"
    assert result.total_time == "00:00:05"

    stored = result.stored_data()
    assert stored["core"]["entry"] == "resume"
    assert stored["suspend_data"] == "v=1|step=3|a=Hello, world"

    second = launch_tiny(lms, tiny_package, stored=stored, stored_format=stored_format)
    frame = second.frame
    assert frame.inner_text("#entry") == "resume"
    assert frame.inner_text("#location") == "3"
    assert frame.inner_text("#suspend") == "v=1|step=3|a=Hello, world"
    assert frame.evaluate("sco.get('cmi.core.lesson_status')") == "incomplete"
    assert frame.evaluate("sco.get('cmi.core.score.raw')") == "40"
    assert frame.evaluate("sco.get('cmi.interactions._count')") == "1"  # journal kept
    assert frame.evaluate("sco.get('cmi.core.total_time')") == "00:00:05"
    again = second.end()
    assert again.errors() == []
    assert again.total_time == "00:00:10"  # accumulated over both sessions
    assert problems.all() == []


def test_values_scorm_again_rejects_are_reported_with_their_error_code(lms, tiny_package, problems):
    attempt = launch_tiny(lms, tiny_package)
    frame = attempt.frame
    assert frame.evaluate("sco.set('cmi.core.lesson_status', 'finished')") == "false"
    assert frame.evaluate("sco.set('cmi.core.score.raw', '101')") == "false"
    assert frame.evaluate("sco.get('cmi.core.session_time')") == ""
    assert frame.evaluate("sco.set('cmi.core.entry', 'resume')") == "false"
    result = attempt.end()

    errors = [(c.method, c.args[0], c.result, c.error) for c in result.errors()]
    assert errors == [
        ("LMSSetValue", "cmi.core.lesson_status", "false", "405"),  # incorrect data type
        ("LMSSetValue", "cmi.core.score.raw", "false", "405"),  # out of range
        ("LMSGetValue", "cmi.core.session_time", "", "404"),  # element is write only
        ("LMSSetValue", "cmi.core.entry", "false", "403"),  # element is read only
    ]
    assert result.committed_value("cmi.core.lesson_status") == "incomplete"
    assert problems.all() == []


@pytest.mark.parametrize("mode", ["false", "throw"])
def test_a_commit_failure_can_be_injected(lms, tiny_package, mode):
    # Mocked on purpose: the real API never fails, so the LMS page fakes the failure of the
    # first two commits; the third goes through to scorm-again.
    attempt = launch_tiny(lms, tiny_package, commit_failure={"mode": mode, "times": 2})
    frame = attempt.frame
    outcomes = frame.evaluate(
        """() => [1, 2, 3].map(() => {
             try { return sco.commit(); } catch (e) { return 'threw: ' + e.message; }
           })"""
    )
    failed = "false" if mode == "false" else "threw: mock LMS: commit request failed"
    assert outcomes == [failed, failed, "true"]
    result = attempt.end()
    commits = result.method_calls("LMSCommit")
    assert [c.error for c in commits[:3]] == ["101", "101", "0"]
    assert [c.injected for c in commits[:3]] == [mode, mode, None]
    assert [c for c in result.errors() if c.method == "LMSCommit"] == commits[:2]


def test_problem_collectors_see_console_errors_exceptions_and_failed_requests(lms, tiny_package, problems):
    attempt = launch_tiny(lms, tiny_package)
    frame = attempt.frame
    frame.evaluate("console.error('something broke')")
    frame.evaluate("setTimeout(() => { throw new Error('boom in the SCO'); }, 0)")
    frame.evaluate(
        """() => new Promise((resolve) => {
             const img = document.createElement('img');
             img.alt = 'missing';
             img.onerror = resolve;
             img.src = 'no-such-image.png';
             document.body.appendChild(img);
           })"""
    )
    frame.wait_for_function("() => true")  # let the queued exception run
    attempt.end()
    found = "\n".join(problems.all())
    assert "console error: something broke" in found
    assert "boom in the SCO" in found
    assert "no-such-image.png: HTTP 404" in found


def test_server_serves_only_what_is_mounted(lms_server, tiny_package):
    ok = urllib.request.urlopen(lms_server.url(tiny_package.url_path + "imsmanifest.xml"))
    assert ok.status == 200
    assert lms_server.origin.startswith("http://127.0.0.1:")
    for path in [tiny_package.url_path + "../../etc/passwd", tiny_package.url_path + "%2e%2e/%2e%2e/etc/passwd", "/etc/passwd", tiny_package.url_path]:
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(lms_server.url(path))
        assert err.value.code == 404, path


@pytest.mark.parametrize("mode", ["nested", "popup"])
def test_the_sco_can_be_launched_in_a_nested_frame_or_a_new_window(lms, tiny_package, problems, mode):
    attempt = launch_tiny(lms, tiny_package, mode=mode)
    frame = attempt.frame
    depth = frame.evaluate("() => { let d = 0, w = window; while (w.parent !== w) { d++; w = w.parent; } return d; }")
    assert depth == {"nested": 2, "popup": 0}[mode]
    assert frame.evaluate("() => window.opener !== null") == (mode == "popup")
    assert frame.evaluate("sco.set('cmi.core.lesson_location', '2')") == "true"
    result = attempt.end()
    assert [c.method for c in result.calls][-2:] == ["LMSCommit", "LMSFinish"]  # unloaded
    assert result.committed_value("cmi.core.lesson_location") == "2"
    assert problems.all() == []
