"""The preview plays xAPI (TinCan) and cmi5 packages against its built-in statement store, and
its inspector lists every statement with the problems it has. What the store kept is checked
again by both reference validators of XAPI-NOTES (ralph's model, Learning Locker's)."""

from __future__ import annotations

from tests.lrs.validators import problems as reference_problems


def _stored(preview) -> list[dict]:
    return [record.statement for record in preview.preview.server.store.records]


def test_cmi5_au_played_with_statements(start_preview):
    preview = start_preview("cmi5")
    learner = preview.learner()
    assert learner.module_id() == "reading"
    preview.wait_statement("initialized")
    learner.next()
    preview.wait_statement("completed")
    preview.wait_value("status", "completed")
    preview.button("end-attempt")
    preview.wait_statement("terminated")
    verbs = [s["verb"] for s in preview.statements()]
    assert verbs[:2] == ["launched", "initialized"] and verbs[-1] == "terminated", verbs
    assert [s for s in preview.statements() if s["problems"]] == []
    assert reference_problems(_stored(preview)) == []
    assert not preview.unexpected_problems(), "\n".join(preview.unexpected_problems())


def test_xapi_course_played_with_statements(start_preview):
    preview = start_preview("xapi")
    preview.wait_statement("initialized")
    preview.page.wait_for_selector("#dm tr[data-key='registration']")
    preview.button("end-attempt")
    preview.wait_statement("terminated")
    assert [s for s in preview.statements() if s["problems"]] == []
    assert reference_problems(_stored(preview)) == []
    assert not preview.unexpected_problems(), "\n".join(preview.unexpected_problems())


def test_statement_problems_are_marked(start_preview):
    preview = start_preview("cmi5")
    preview.learner()
    preview.wait_statement("initialized")
    registration = preview.page.inner_text("#dm tr[data-key='registration'] td")
    url = preview.content.url
    endpoint = url.split("endpoint=")[1].split("&")[0]
    import urllib.parse

    endpoint = urllib.parse.unquote(endpoint)
    token = preview.content.evaluate(
        "() => Object.keys(sessionStorage).filter((k) => k.startsWith('als:cmi5:token:')).map((k) => sessionStorage.getItem(k))[0]"
    )
    status = preview.content.evaluate(
        """([endpoint, token, registration]) => fetch(endpoint + 'statements', {method: 'POST', headers: {
             'Authorization': 'Basic ' + token, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json'},
             body: JSON.stringify({id: crypto.randomUUID(), actor: {mbox: 'mailto:x@example.org'},
               verb: {id: 'http://adlnet.gov/expapi/verbs/passed', display: {'en-US': 'passed'}},
               object: {id: 'https://example.org/x'}, timestamp: '2026-01-01T00:00:00Z',
               context: {registration: registration}, result: {score: {scaled: 2}}})}).then((r) => r.status)""",
        [endpoint, token, registration],
    )
    assert status == 200
    preview.wait_statement("passed")
    marked = [s for s in preview.statements() if s["verb"] == "passed"][0]["problems"]
    assert "timestamp is not UTC with milliseconds and Z" in marked
    assert "result.score.scaled is outside [-1, 1]" in marked
    assert "a moveon statement without the moveon category" in marked


def test_cmi5_reload_resumes_the_registration(start_preview, source):
    preview = start_preview("cmi5")
    learner = preview.launch("check")
    learner.next()
    preview.wait_value("location", "1")
    registration = preview.value("registration")
    (source / "check" / "pages" / "intro.md").write_text("---\ntitle: Before the check\n---\nEdited wording.\n")
    preview.page.wait_for_selector("body[data-generation='2']", state="attached")
    preview.wait_statement("resumed")
    learner = preview.learner()
    assert learner.position() == 2
    assert preview.value("registration") == registration
    assert [s for s in preview.statements() if s["problems"]] == []
