"""Edit, reload, keep playing: a change in the source reloads the page within seconds, with the
attempt kept when the unit's layout allows; a source error shows as path:line in the page while
the last good build still plays."""

from __future__ import annotations

import re
import time

RELOAD_BOUND = 10  # seconds; generous for a loaded machine (benchmarks/preview_reload.py measures it)


def test_edited_page_reloads_and_keeps_the_attempt(start_preview, source):
    preview = start_preview("scorm12")
    learner = preview.learner()
    learner.next()
    preview.wait_value("location", "1")
    started = time.perf_counter()
    (source / "reading" / "pages" / "two.md").write_text("---\ntitle: Page two\n---\nAn edited second page.\n")
    assert preview.wait_generation(2, started) < RELOAD_BOUND
    learner = preview.learner()
    learner.frame.wait_for_function("() => document.body.innerText.includes('An edited second page.')")
    assert learner.position() == 2  # back where the learner was
    assert preview.value("entry").startswith("resume")
    assert "the attempt goes on" in preview.page.inner_text("#player-note")
    assert "rendered: reading)" in preview.page.inner_text("#build-info")  # the other module came from the cache
    assert not preview.problems.all()


def test_new_step_starts_a_new_attempt(start_preview, source):
    preview = start_preview("scorm12")
    preview.learner().next()
    preview.wait_value("location", "1")
    (source / "reading" / "pages" / "three.md").write_text("---\ntitle: Page three\n---\nA third page.\n")
    module = source / "reading" / "module.yaml"
    module.write_text(module.read_text() + "  - pages/three.md\n")
    preview.page.wait_for_function("() => document.getElementById('player-note').textContent.includes('new attempt')")
    learner = preview.learner()
    assert [kind for _, kind in learner.steps()] == ["page", "page", "page"]
    assert learner.position() == 1
    assert preview.value("entry").startswith("ab-initio")


def test_source_error_shown_while_the_last_build_plays(start_preview, source):
    preview = start_preview("scorm12")
    module = source / "reading" / "module.yaml"
    good = module.read_text()
    module.write_text(good.replace("minutes: 5", "minutes: five"))
    preview.page.wait_for_selector("#build-problems:not([hidden])")
    shown = preview.page.inner_text("#build-problems pre")
    assert re.search(r"reading/module\.yaml:\d+: ", shown), shown
    learner = preview.learner()  # the last good build still plays
    learner.next()
    preview.wait_value("status", "completed")
    module.write_text(good)
    preview.page.wait_for_selector("#build-problems[hidden]", state="attached")
    assert not preview.problems.all()
