"""The certificate of completion in the single-SCO course menu (SCORM 1.2 and 2004), played in
Chromium against scorm-again: offered only once the course is passed, with the learner's name
as the LMS gives it, the course title, the date and the brand; it prints on its own. And the
print stylesheet's other job: a leadership tool prints as a clean worksheet."""

from __future__ import annotations

import pytest

from als_package.brand import load_brand
from als_package.build import build
from als_package.targets import BuildOptions

from . import lms as lmsmod
from .certificate_sheet import assert_printed_alone, assert_sheet
from .course import Learner, ModuleSource
from .test_accessibility import axe_violations, blocking

MODULES = [ModuleSource.load(f) for f in ("01-everybody-leads", "02-what-is-leadership")]
NAME = "Okafor, Amara"
ACME = lmsmod.REPO_ROOT / "brands" / "acme.yaml"


@pytest.fixture(scope="module")
def menus(open_zip, tmp_path_factory) -> dict[str, lmsmod.Package]:
    out = tmp_path_factory.mktemp("certificate")
    ids = tuple(m.id for m in MODULES)
    scorm12 = build(lmsmod.REPO_ROOT / "course_src", out / "12", ("scorm12",), BuildOptions(mode="single-sco", brand=load_brand(ACME)), ids)
    scorm2004 = build(lmsmod.REPO_ROOT / "course_src", out / "2004", ("scorm2004-4th",), BuildOptions(mode="single-sco"), ids)
    return {"scorm12": open_zip(scorm12.written[0].path), "scorm2004": open_zip(scorm2004.written[0].path)}


def pass_module(shell, module: ModuleSource) -> None:
    shell.click(f"button[data-open='{module.id}']")
    frame = shell.wait_for_selector("iframe#als-module-frame").content_frame()
    frame.wait_for_url(f"**/{module.id}/index.html")
    learner = Learner(frame).wait_ready()
    learner.goto(learner.step_of_kind("quiz"))
    learner.answer([q.right_answer() for q in module.questions])
    assert "100" in learner.submit()
    shell.click("#als-back")
    shell.wait_for_selector("#als-menu", state="visible")


def test_the_certificate_shows_the_lms_name_course_date_and_brand_and_prints_alone(lms, page, menus, problems):
    package = menus["scorm12"]
    attempt = lms.launch(package, sco=package.manifest.scos[0], student=("learner-7", NAME))
    shell = attempt.frame
    shell.wait_for_selector("[data-open]")
    pass_module(shell, MODULES[0])
    assert not shell.is_visible("#als-certificate-offer"), "offered before the course is complete"
    pass_module(shell, MODULES[1])
    assert shell.is_visible("#als-certificate-offer")
    assert [shell.get_attribute(f"[data-card-for='{m.id}']", "data-status") for m in MODULES] == ["passed", "passed"]
    shell.click("#als-certificate-open")
    shell.wait_for_selector("#als-certificate", state="visible")
    assert_sheet(shell, NAME, "Everybody Leads")
    assert not shell.is_visible("#als-menu")
    found = blocking(axe_violations(shell), "certificate")
    assert_printed_alone(page, shell, (".als-course > .als-header", "#als-menu"))
    result = attempt.end()
    assert result.committed_value("cmi.core.lesson_status") == "passed"
    assert found == [], "\n".join(found)
    assert result.errors() == [], lmsmod.format_calls(result.errors())
    assert problems.all() == [], "\n".join(problems.all())


def test_scorm_2004_gives_the_certificate_its_learner_name(lms, menus, problems):
    package = menus["scorm2004"]
    attempt = lms.launch(package, sco=package.manifest.scos[0], standard="scorm2004", stored={"learner_id": "learner-8", "learner_name": NAME})
    shell = attempt.frame
    shell.wait_for_selector("[data-open]")
    for module in MODULES:
        pass_module(shell, module)
    shell.click("#als-certificate-open")
    assert shell.inner_text("#als-certificate-name") == NAME
    assert shell.query_selector(".als-logo") is None  # the default edition has no logo
    attempt.end()
    assert problems.all() == [], "\n".join(problems.all())


def test_a_tool_prints_as_a_clean_worksheet(lms, page, menus, problems):
    package = menus["scorm12"]
    attempt = lms.launch(package, sco=package.manifest.scos[0])
    shell = attempt.frame
    shell.click(f"button[data-open='{MODULES[0].id}']")
    frame = shell.wait_for_selector("iframe#als-module-frame").content_frame()
    learner = Learner(frame).wait_ready()
    learner.goto(learner.step_of_kind("tool"))
    parts = [
        "#als-toc",
        ".als-pager",
        "#als-progress",
        "#als-print",
        "#als-start",
        ".als-step[data-kind=tool] h2",
        ".als-step[data-kind=tool] .als-print-only",
        ".als-step[data-kind=tool] textarea",
    ]
    shown = "(parts) => parts.map((s) => Boolean(document.querySelector(s)) && document.querySelector(s).checkVisibility())"
    assert frame.evaluate(shown, parts)[1:] == [True, True, True, False, True, False, True]
    page.emulate_media(media="print")
    try:
        assert frame.evaluate(shown, parts) == [False, False, False, False, False, True, True, True]
        assert frame.inner_text(".als-step[data-kind=tool] .als-print-only").startswith("Name:")
    finally:
        page.emulate_media(media="screen")
    attempt.end()
    assert problems.all() == [], "\n".join(problems.all())
