"""The xAPI and cmi5 packages as files: tincan.xml, cmi5.xml (XSD), activity definitions, the
xAPI Profile, move_on, stable ids and no credentials. No browser, no LRS server (the
definitions go through both statement validators, which run without one)."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from als_package.build import build
from als_package.targets import BuildOptions
from als_package.targets.tincan_checks import TINCAN, tincan_problems
from tests.browser.course import ModuleSource, module_folders
from tests.conftest import REPO, SCHEMAS

from . import validators
from .learning import IRI_BASE, LANGUAGE, step_ids, step_iri, xapi_response

CMI5_XSD = SCHEMAS / "cmi5" / "CourseStructure.xsd"
CMI5_NS = {"c": "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"}
T = {"t": TINCAN}
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("real")
    build(REPO / "course_src", out, ("xapi", "cmi5"))
    return out


@pytest.fixture(scope="module")
def tincan(real) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(real / "everybody-leads-xapi.zip").read("tincan.xml"))


@pytest.fixture(scope="module")
def activities(real) -> dict[str, dict]:
    listed = json.loads((real / "everybody-leads-xapi-activities.json").read_text())["activities"]
    return {a["id"]: a["definition"] for a in listed}


def modules() -> list[ModuleSource]:
    return [ModuleSource.load(folder) for folder in module_folders()]


# ---- tincan.xml ----------------------------------------------------------------------


def test_one_tincan_xml_at_the_root_launching_the_course_shell(real, tincan):
    archive = zipfile.ZipFile(real / "everybody-leads-xapi.zip")
    assert [n for n in archive.namelist() if n.endswith("tincan.xml")] == ["tincan.xml"]
    launchable = tincan.xpath("//t:activity[t:launch]", namespaces=T)
    assert [a.get("id") for a in launchable] == [IRI_BASE]
    assert launchable[0].get("type") == "http://adlnet.gov/expapi/activities/course"
    assert launchable[0].findtext("t:launch", namespaces=T) == "index.html"
    assert "runtime/lms/xapi.js" in archive.read("index.html").decode()
    assert tincan_problems(tincan, set(archive.namelist())) == []


def test_tincan_lists_every_module_and_question_with_its_interaction(tincan):
    ids = [a.get("id") for a in tincan.iterfind("t:activities/t:activity", T)]
    for module in modules():
        assert f"{IRI_BASE}/{module.id}" in ids
        for q in module.questions:
            activity = tincan.find(f"t:activities/t:activity[@id='{IRI_BASE}/{module.id}/questions/{q.id}']", T)
            assert activity.get("type") == INTERACTION
            assert activity.findtext("t:interactionType", namespaces=T) == q.interaction_type
            assert activity.findtext("t:correctResponsePatterns/t:correctResponsePattern", namespaces=T) == xapi_response(q.right_answer())


@pytest.mark.parametrize(
    "damage, problem",
    [
        (lambda root: root[0][1].append(etree.fromstring(f'<launch xmlns="{TINCAN}" lang="en">index.html</launch>')), "exactly one activity"),
        (lambda root: root[0][2].set("id", root[0][1].get("id")), "used twice"),
        (lambda root: root[0][0].find(f"{{{TINCAN}}}launch").__setattr__("text", "missing.html"), "not in the package"),
        (lambda root: root[0][0].find(f"{{{TINCAN}}}launch").__setattr__("text", "../index.html"), "relative path inside"),
        (lambda root: root[0][1].set("type", "module"), "not a full IRI"),
        (lambda root: root[0][1].set("id", "everybody-leads/x"), "not an absolute IRI"),
    ],
)
def test_tincan_checks_catch_what_the_xsd_would(tincan, damage, problem):
    root = etree.fromstring(etree.tostring(tincan))
    damage(root)
    found = tincan_problems(root, {"index.html"})
    assert any(problem in p for p in found), found


def test_a_broken_tincan_xml_stops_the_build_before_anything_is_written(minimal_root, tmp_path, monkeypatch):
    from als_package.targets import xapi

    real_xml = xapi.tincan_xml
    monkeypatch.setattr(xapi, "tincan_xml", lambda course, launch: real_xml(course, "nowhere.html"))
    with pytest.raises(RuntimeError, match="nowhere.html"):
        build(minimal_root, tmp_path / "out", ("scorm12", "xapi"))
    assert not (tmp_path / "out").exists()


# ---- activity definitions, stable ids -------------------------------------------------


def test_activities_json_defines_every_activity_the_course_can_emit(activities):
    assert activities[IRI_BASE]["type"] == "http://adlnet.gov/expapi/activities/course"
    for module in modules():
        base = f"{IRI_BASE}/{module.id}"
        assert activities[base]["name"] == {LANGUAGE: module.raw["title"]}
        for step in step_ids(module):
            assert step_iri(module, step) in activities, (module.id, step)
        for q in module.questions:
            d = activities[f"{base}/questions/{q.id}"]
            assert d["interactionType"] == q.interaction_type
            assert d["correctResponsesPattern"] == [xapi_response(q.right_answer())]
            lists = {"choice": ["choices"], "sequencing": ["choices"], "matching": ["source", "target"], "true-false": []}[q.interaction_type]
            assert [k for k in ("choices", "scale", "source", "target") if k in d] == lists
        for s in module.tool_statements:
            d = activities[f"{base}/tools/{module.tool['id']}/statements/{s['id']}"]
            assert d["interactionType"] == "likert" and "correctResponsesPattern" not in d
            assert [c["description"][LANGUAGE] for c in d["scale"]] == module.tool_scale
        for field_id in [p["id"] for p in module.practice_prompts + module.prompts] + [f["id"] for f in module.tool_fields]:
            assert any(i.endswith(f"/{field_id}") and d.get("interactionType") == "long-fill-in" for i, d in activities.items())


def test_every_definition_passes_both_statement_validators(activities):
    statements = [
        {
            "id": "3f8e2b7a-1c4d-4e5f-8a9b-0c1d2e3f4a5b",
            "timestamp": "2024-01-01T00:00:00.000Z",
            "actor": {"objectType": "Agent", "account": {"homePage": "https://lms.example.org", "name": "l1"}},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced", "display": {"en-US": "experienced"}},
            "object": {"objectType": "Activity", "id": ident, "definition": definition},
        }
        for ident, definition in activities.items()
    ]
    assert validators.problems(statements) == []


def test_component_ids_are_distinct_and_patterns_use_them(activities):
    for ident, d in activities.items():
        for name in ("choices", "scale", "source", "target"):
            ids = [c["id"] for c in d.get(name, [])]
            assert len(ids) == len(set(ids)) and all(re.fullmatch(r"\S+", i) for i in ids), ident
        for pattern in d.get("correctResponsesPattern", []):
            known = {c["id"] for name in ("choices", "source", "target") for c in d.get(name, [])} | {"true", "false"}
            assert set(re.split(r"\[[,.]\]", pattern)) <= known, (ident, pattern)


def test_two_builds_give_the_same_ids_and_bytes(real, tmp_path):
    build(REPO / "course_src", tmp_path, ("xapi", "cmi5"))
    for name in ("everybody-leads-xapi.zip", "everybody-leads-cmi5.zip", "everybody-leads-xapi-activities.json", "everybody-leads-xapi-profile.jsonld"):
        assert (tmp_path / name).read_bytes() == (real / name).read_bytes(), name


# ---- the xAPI Profile -----------------------------------------------------------------


def test_profile_names_verbs_activity_types_and_templates(real, activities):
    profile = json.loads((real / "everybody-leads-xapi-profile.jsonld").read_text())
    assert profile["@context"] == "https://w3id.org/xapi/profiles/context"
    assert profile["type"] == "Profile" and profile["conformsTo"] == "https://w3id.org/xapi/profiles#1.0"
    version = profile["versions"][0]["id"]
    concepts = {c["id"]: c for c in profile["concepts"]}
    assert all(c["inScheme"] == version for c in concepts.values())
    verbs = {i.rsplit("/", 1)[-1] for i, c in concepts.items() if c["type"] == "Verb"}
    assert verbs == {"initialized", "resumed", "experienced", "answered", "completed", "passed", "failed", "suspended", "terminated"}
    types = {i for i, c in concepts.items() if c["type"] == "ActivityType"}
    assert {d["type"] for d in activities.values()} <= types
    ids = [t["id"] for t in profile["templates"]]
    assert len(ids) == len(set(ids))
    for template in profile["templates"]:
        assert template["verb"] in concepts and template["objectActivityType"] in types
        assert {"location": "$.timestamp", "presence": "included"} in template["rules"]


# ---- cmi5.xml -------------------------------------------------------------------------


def test_cmi5_xml_validates_and_has_one_au_per_module(real):
    archive = zipfile.ZipFile(real / "everybody-leads-cmi5.zip")
    tree = etree.fromstring(archive.read("cmi5.xml"))
    schema = etree.XMLSchema(etree.parse(str(CMI5_XSD)))
    assert schema.validate(tree), schema.error_log
    aus = tree.findall("c:au", CMI5_NS)
    sources = modules()
    assert [au.get("id") for au in aus] == [f"{IRI_BASE}/{m.id}" for m in sources]
    for au, module in zip(aus, sources, strict=True):
        assert au.findtext("c:url", namespaces=CMI5_NS) in archive.namelist()
        assert au.get("moveOn") == "CompletedAndPassed" and au.get("launchMethod") == "AnyWindow"
        assert float(au.get("masteryScore")) == module.mastery_score / 100
        page = archive.read(au.findtext("c:url", namespaces=CMI5_NS)).decode()
        assert "runtime/lms/cmi5.js" in page and "runtime/lms/xapi-queue.js" in page


def test_move_on_from_course_and_module_yaml(course_copy, tmp_path):
    (course_copy / "course.yaml").write_text((course_copy / "course.yaml").read_text() + "move_on: Passed\n")
    build(course_copy, tmp_path, ("cmi5",))
    tree = etree.fromstring(zipfile.ZipFile(tmp_path / "test-course-cmi5.zip").read("cmi5.xml"))
    # intro has a quiz and takes the course's value; second has none, so it completes instead.
    assert [(au.get("moveOn"), au.get("masteryScore")) for au in tree.findall("c:au", CMI5_NS)] == [("Passed", "0.75"), ("Completed", None)]
    module = course_copy / "second" / "module.yaml"
    module.write_text(module.read_text() + "move_on: NotApplicable\n")
    build(course_copy, tmp_path, ("cmi5",))
    tree = etree.fromstring(zipfile.ZipFile(tmp_path / "test-course-cmi5.zip").read("cmi5.xml"))
    assert tree.findall("c:au", CMI5_NS)[1].get("moveOn") == "NotApplicable"


@pytest.mark.parametrize(
    "line, message",
    [
        ("move_on: Sometimes", "'move_on'"),
        ("move_on: Passed", "needs a knowledge check to pass"),
    ],
)
def test_move_on_mistakes_are_reported_at_their_line(course_copy, line, message):
    from click.testing import CliRunner

    from als_package.cli import main

    module = course_copy / "second" / "module.yaml"
    text = module.read_text() + line + "\n"
    module.write_text(text)
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 2
    assert f"second/module.yaml:{text.count(chr(10))}: " in result.output and message in result.output, result.output


def test_per_module_mode_makes_one_cmi5_package_per_module(minimal_root, tmp_path):
    result = build(minimal_root, tmp_path, ("cmi5",), BuildOptions(mode="per-module"))
    names = sorted(w.path.name for w in result.written)
    assert names == ["test-course-intro-cmi5.zip", "test-course-second-cmi5.zip"]
    for name in names:
        tree = etree.fromstring(zipfile.ZipFile(tmp_path / name).read("cmi5.xml"))
        assert len(tree.findall("c:au", CMI5_NS)) == 1


# ---- no credentials -------------------------------------------------------------------


def test_no_lrs_credentials_or_endpoints_in_any_package(real):
    for name in ("everybody-leads-xapi.zip", "everybody-leads-cmi5.zip"):
        archive = zipfile.ZipFile(real / name)
        for entry in archive.namelist():
            text = archive.read(entry).decode("utf-8", "replace")
            assert not re.search(r"Basic [A-Za-z0-9+/]{12,}=*", text), (name, entry)
            assert not re.search(r"(endpoint|auth|fetch)=https?%3A|[?&]auth=Basic", text), (name, entry)
            assert "/xAPI/statements" not in text and 'auth-token": "' not in text, (name, entry)


@pytest.mark.parametrize("opt_in, presence", [(False, "excluded"), (True, "included")])
def test_the_profile_says_whether_free_text_is_in_statements(opt_in, presence):
    from als_package.source.load import load_course
    from als_package.targets.xapi_profile import profile

    course = load_course(REPO / "course_src").model_copy(update={"free_text_in_statements": opt_in})
    template = next(t for t in profile(course)["templates"] if t["id"].endswith("/answered-free-text"))
    assert {"location": "$.result.response", "presence": presence} in template["rules"]
