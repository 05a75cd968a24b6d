"""Raw HTML written by an author is shown as text and never runs (docs/authoring.md: escaped)."""

from __future__ import annotations

import shutil

from als_package.build import build
from als_package.targets import BuildOptions

from ..conftest import ROOTS

ATTACK = '<script>window.__pwned = (window.__pwned || 0) + 1</script><img src=x onerror="window.__pwned=1">'


def test_script_in_page_and_quiz_text_cannot_run(tmp_path, open_zip, page, problems, lms_server):
    source = tmp_path / "src"
    shutil.copytree(ROOTS / "minimal", source)
    page_file = source / "intro/pages/01-welcome.md"
    page_file.write_text(page_file.read_text() + f"\n{ATTACK}\n\nInline {ATTACK} and [a link](javascript:window.__pwned=1).\n")
    quiz = source / "intro/quiz.yaml"
    quiz.write_text(
        quiz.read_text()
        .replace("prompt: Which is leadership?", f"prompt: 'Which is leadership? {ATTACK}'")
        .replace("text: Approving leave,", f"text: '{ATTACK}',", 1)
    )
    result = build(source, tmp_path / "dist", ("scorm12",), BuildOptions())
    package = open_zip(result.written[0].path)

    page.goto(lms_server.url(package.launch_path("intro")))
    page.wait_for_selector("#als-progress-text")
    body = page.inner_text("section[data-step='0']")
    assert "<script>window.__pwned" in body  # shown as literal text
    assert page.locator("section[data-step='0'] a[href^='javascript']").count() == 0
    page.click("button[data-goto='4']")
    assert "Which is leadership? <script>" in page.inner_text("fieldset[data-question='q1'] legend")
    assert "<img src=x" in page.inner_text("fieldset[data-question='q1'] label[for='als-q1-a']")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("main script, main img[src='x']").count() == 0
    assert problems.all() == []
