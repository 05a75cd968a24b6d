"""The certificate item of the sequenced SCORM 2004 4th edition package (docs/certificate.md),
played in Chromium against scorm-again.

scorm-again 3.4.3 implements global objective mapping (mapInfo reads and writes, 4th edition
completion included), but only inside one API object that the LMS hands the activity tree it
read from the manifest, carrying the global objectives from one SCO's API to the next. The
harness's LMS (lms_host/host.js) creates a fresh Scorm2004API for each launch and hands it no
activity tree, so nothing is shared between SCOs. These tests therefore stand in for the LMS's
objective mapping: `mapped_objectives` reads the manifest, takes what each module SCO reported
(played here, or given), writes it to the global objective the module's item writes, and seeds
the certificate SCO's cmi.objectives at launch with what the certificate item's objectives read,
through the harness's launch-data mechanism, as an LMS initialises cmi.objectives.
"""

from __future__ import annotations

import pytest
from lxml import etree

from als_package.brand import load_brand
from als_package.build import build
from als_package.targets import BuildOptions

from . import lms as lmsmod
from .certificate_sheet import assert_printed_alone, assert_sheet
from .course import ModuleSource, course_yaml, module_folders
from .scorm2004_support import LEARNER, STANDARD, assert_clean_session, launch_data, start_module
from .test_accessibility import axe_violations, blocking

IMSSS = "http://www.imsglobal.org/xsd/imsss"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
NAME = "Okafor, Amara"
ACME = lmsmod.REPO_ROOT / "brands" / "acme.yaml"
MINIMAL = lmsmod.REPO_ROOT / "tests" / "roots" / "minimal"


@pytest.fixture(scope="module")
def sequenced(open_zip, tmp_path_factory) -> dict[str, lmsmod.Package]:
    out = tmp_path_factory.mktemp("certificate-sequenced")
    options = {
        "real": (lmsmod.REPO_ROOT / "course_src", BuildOptions(sequencing=True, brand=load_brand(ACME))),
        "minimal": (MINIMAL, BuildOptions(sequencing=True)),
    }
    return {name: open_zip(build(source, out / name, ("scorm2004-4th",), opts).written[0].path) for name, (source, opts) in options.items()}


def certificate_sco(package: lmsmod.Package) -> lmsmod.Sco:
    sco = package.manifest.scos[-1]
    assert sco.href == "certificate.html"
    return sco


def mapped_objectives(package: lmsmod.Package, reported: dict[str, dict[str, str]]) -> list[dict]:
    """cmi.objectives as an LMS initialises them for the certificate SCO (SN mapInfo, 4th edition
    adlseq:mapInfo): `reported` is module item identifier → what its SCO committed
    (success_status, completion_status); each module item writes one of them to its global
    objective, each objective of the certificate item reads one from there."""
    manifest = etree.parse(str(package.folder / "imsmanifest.xml"))
    shared: dict[str, dict[str, str]] = {}
    for identifier, statuses in reported.items():
        item = manifest.find(f".//{{*}}item[@identifier='{identifier}']")
        for m in item.iterfind(f"{{{IMSSS}}}sequencing/{{{IMSSS}}}objectives/{{{IMSSS}}}primaryObjective/{{{IMSSS}}}mapInfo[@writeSatisfiedStatus='true']"):
            shared.setdefault(m.get("targetObjectiveID"), {})["success_status"] = statuses["success_status"]
        for m in item.iterfind(f".//{{{ADLSEQ}}}mapInfo[@writeCompletionStatus='true']"):
            shared.setdefault(m.get("targetObjectiveID"), {})["completion_status"] = statuses["completion_status"]
    certificate = manifest.find(f".//{{*}}item[@identifier='{certificate_sco(package).item_identifier}']")
    reads = {}
    for m in certificate.iterfind(f"{{{IMSSS}}}sequencing/{{{IMSSS}}}objectives/{{{IMSSS}}}objective/{{{IMSSS}}}mapInfo[@readSatisfiedStatus='true']"):
        reads[m.getparent().get("objectiveID")] = ("success_status", m.get("targetObjectiveID"))
    for m in certificate.iterfind(f".//{{{ADLSEQ}}}mapInfo[@readCompletionStatus='true']"):
        reads[m.getparent().get("objectiveID")] = ("completion_status", m.get("targetObjectiveID"))
    objectives = []
    for objective in certificate.iterfind(f"{{{IMSSS}}}sequencing/{{{IMSSS}}}objectives/{{{IMSSS}}}objective"):
        local = objective.get("objectiveID")
        element, target = reads[local]
        objectives.append({"id": local, element: shared.get(target, {}).get(element, "unknown")})
    return objectives


def launch_certificate(lms, package: lmsmod.Package, reported: dict[str, dict[str, str]], name: str = NAME):
    sco = certificate_sco(package)
    stored = launch_data(package, sco) | {"learner_name": name, "objectives": mapped_objectives(package, reported)}
    attempt = lms.launch(package, sco=sco, standard=STANDARD, stored=stored)
    attempt.frame.wait_for_selector("#als-certificate:not([hidden]), #als-certificate-todo:not([hidden])")
    return attempt


def still_to_do(frame) -> list[str]:
    return frame.evaluate("() => ALS.$all('[data-todo-for]').filter((li) => !li.hidden).map((li) => li.textContent)")


def assert_completed_without_score(result: lmsmod.AttemptResult, problems: lmsmod.PageProblems) -> None:
    assert result.committed_value("cmi.completion_status") == "completed"
    assert result.committed_value("cmi.success_status") == "unknown"
    assert [k for k, _ in result.sets() if k.startswith("cmi.score")] == []
    assert result.last_set("cmi.exit") == "normal"
    assert_clean_session(result, problems)


PASSED = {"completion_status": "completed", "success_status": "passed"}


def test_before_the_course_is_complete_it_lists_the_modules_still_to_do(lms, sequenced, problems):
    package = sequenced["real"]
    first = ModuleSource.load(module_folders()[0])
    attempt, learner = start_module(lms, package, first)
    learner.goto(learner.step_of_kind("quiz"))
    learner.answer([q.right_answer() for q in first.questions])
    assert "100" in learner.submit()
    played = attempt.end()
    reported = {package.sco(first.id).item_identifier: {k: played.committed_value(f"cmi.{k}") for k in PASSED}}
    assert reported[f"ITEM-{first.id}"] == PASSED

    attempt = launch_certificate(lms, package, reported)
    frame = attempt.frame
    titles = [ModuleSource.load(f).raw["title"] for f in module_folders()]
    assert still_to_do(frame) == [f"{title}: pass its knowledge check" for title in titles[1:]]
    assert frame.inner_text("#als-certificate-todo h2") == "Your certificate is not ready yet"
    assert not frame.is_visible("#als-certificate")
    found = blocking(axe_violations(frame), "certificate, not ready")
    assert_completed_without_score(attempt.end(), problems)
    assert found == [], "\n".join(found)


def test_once_every_check_is_passed_it_shows_the_certificate_that_prints_alone(lms, page, sequenced, problems):
    package = sequenced["real"]
    reported = {sco.item_identifier: PASSED for sco in package.manifest.scos[:-1]}
    assert len(reported) == 12
    attempt = launch_certificate(lms, package, reported)
    frame = attempt.frame
    assert frame.is_visible("#als-certificate") and not frame.is_visible("#als-certificate-todo")
    assert_sheet(frame, NAME, course_yaml()["title"])
    assert frame.query_selector("#als-certificate-close") is None, "nothing to close back to"
    found = blocking(axe_violations(frame), "certificate")
    assert_printed_alone(page, frame, (".als-course > .als-header", "#als-certificate-todo"))
    assert_completed_without_score(attempt.end(), problems)
    assert found == [], "\n".join(found)


def test_a_module_without_a_check_counts_once_completed(lms, sequenced, problems):
    """The minimal course's second module has no knowledge check: its completion is what counts."""
    package = sequenced["minimal"]
    incomplete = {"ITEM-intro": PASSED, "ITEM-second": {"completion_status": "incomplete", "success_status": "unknown"}}
    attempt = launch_certificate(lms, package, incomplete)
    assert still_to_do(attempt.frame) == ["Second module: work through every step"]
    assert_completed_without_score(attempt.end(), problems)

    complete = incomplete | {"ITEM-second": {"completion_status": "completed", "success_status": "unknown"}}
    attempt = launch_certificate(lms, package, complete, name=LEARNER["learner_name"])
    assert attempt.frame.inner_text("#als-certificate-name") == LEARNER["learner_name"]
    assert attempt.frame.inner_text(".als-certificate-course") == "Test Course"
    assert attempt.frame.query_selector(".als-logo") is None  # the default edition has no logo
    assert_completed_without_score(attempt.end(), problems)


def test_a_failed_check_is_still_to_do(lms, sequenced, problems):
    package = sequenced["minimal"]
    failed = {
        "ITEM-intro": {"completion_status": "completed", "success_status": "failed"},
        "ITEM-second": {"completion_status": "completed", "success_status": "unknown"},
    }
    attempt = launch_certificate(lms, package, failed)
    assert still_to_do(attempt.frame) == ["Introduction – “Leading” & you: pass its knowledge check"]
    assert_completed_without_score(attempt.end(), problems)
