"""Learners' own words: what the course tells them is what the packages do. By default
reflection and tool answers stay out of statements (they say that a text was answered, not
what it says) and are kept with the learner's progress, in the State document, where the
reflections say they are (checked by test_cmi5_lrs.py::test_pass_in_one_session and
test_xapi_lrs.py); a course that sets `free_text_in_statements: true` sends them."""

from __future__ import annotations

import shutil
import uuid

from tests.browser.course import COURSE_SRC, load_yaml

from .checks import common_problems, unexpected
from .conftest import build, serve
from .learning import IRI_BASE, Plan, delivered, module_session, module_source, verb
from .test_cmi5_lrs import ACTOR

MODULE = "decisions-and-priorities"  # a reflection and a worksheet: both kinds of free text
WHERE_KEPT = (
    "Your answers are not marked. They are saved with your course progress in your organisation's learning "
    "system, and a copy may be kept in this web browser, so they are here when you come back. The people who "
    "run that learning system can read them."
)


def secrets_plan() -> Plan:
    module = module_source(MODULE)
    fields = [f["id"] for f in module.prompts + module.tool_fields]
    assert module.prompts and module.tool_fields
    return Plan(module, texts={f: f"secret-{f}-{uuid.uuid4().hex[:8]}" for f in fields})


def texts_answered(statements: list[dict]) -> list[dict]:
    return [s for s in statements if verb(s) == "answered" and s["object"]["definition"]["interactionType"] == "long-fill-in"]


def test_every_reflection_tells_learners_where_their_words_are_kept():
    for path in sorted(COURSE_SRC.glob("*/reflection.yaml")):
        intro = " ".join(load_yaml(path).get("intro", "").split())
        assert intro.endswith(WHERE_KEPT), path
        assert "Nobody else" not in intro, path


def test_a_course_that_opts_in_sends_free_text(browser, launcher, ralph, content, tmp_path):
    source = shutil.copytree(COURSE_SRC, tmp_path / "course_src")
    (source / "course.yaml").write_text((source / "course.yaml").read_text() + "free_text_in_statements: true\n")
    out = build(tmp_path / "dist", "--target", "cmi5", "--module", MODULE, source=source)
    package = serve(content, out / "everybody-leads-cmi5.zip", tmp_path / "pkg")
    registration = str(uuid.uuid4())
    au = launcher.cmi5(f"{package.url}{MODULE}/index.html", f"{IRI_BASE}/{MODULE}", ACTOR, registration)
    p = secrets_plan()
    visit = browser.run(module_session, au.url, p)
    assert unexpected(visit.problems) == []
    statements = delivered(launcher, ralph, registration)
    assert {s["object"]["id"].rsplit("/", 1)[-1]: s["result"]["response"] for s in texts_answered(statements)} == p.texts
    assert common_problems(statements, registration) == []
