"""The SCORM 2004 packages: XSD-valid per edition, written for Moodle's parser, identifiers as
in SCORM 1.2 and stable, mastery by measure, and sequencing only where it was asked for."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from als_package.build import build
from als_package.cli import main
from als_package.diagnostics import UsageProblem
from als_package.profiles import MODES, PROFILES, plan_build
from als_package.targets import TARGETS, BuildOptions
from als_package.targets.manifest_checks import manifest_problems

from .conftest import REPO, XSD_DRIVERS

EDITIONS = ("3rd", "4th")
NS = {
    "cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
    "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
    "lom": "http://ltsc.ieee.org/xsd/LOM",
}
# What the 4th edition added to the bindings (adlcp_v1p3.xsd / adlseq_v1p3.xsd change histories).
FOURTH_ONLY = ("adlcp:completionThreshold", "adlcp:data", "adlcp:map", "adlseq:objectives", "adlseq:objective", "adlseq:mapInfo")


@pytest.fixture(scope="module")
def schemas() -> dict[str, etree.XMLSchema]:
    return {e: etree.XMLSchema(etree.parse(str(XSD_DRIVERS / f"scorm2004-{e}-manifest.xsd"))) for e in EDITIONS}


def built(source: Path, out: Path, targets=("scorm2004-3rd", "scorm2004-4th"), **options) -> dict[str, zipfile.ZipFile]:
    result = build(source, out, targets, BuildOptions(**options))
    return {w.path.name: zipfile.ZipFile(w.path) for w in result.written}


def manifest_of(archive: zipfile.ZipFile) -> etree._Element:
    return etree.fromstring(archive.read("imsmanifest.xml"))


def edition_of(name: str) -> str:
    return "3rd" if "scorm2004-3rd" in name else "4th"


@pytest.fixture(scope="module")
def real_course(tmp_path_factory) -> dict[str, zipfile.ZipFile]:
    """Every SCORM 2004 package of the real course, as "mode/file name": both editions × every
    mode (course and single-sco packages share a file name), and the sequenced one."""
    zips = {}
    for mode in MODES:
        out = tmp_path_factory.mktemp(f"real2004-{mode}")
        zips |= {f"{mode}/{name}": z for name, z in built(REPO / "course_src", out, mode=mode).items()}
    out = tmp_path_factory.mktemp("real2004-sequenced")
    return zips | {f"course/{name}": z for name, z in built(REPO / "course_src", out, ("scorm2004-4th",), sequencing=True).items()}


@pytest.fixture(scope="module")
def minimal(minimal_root, tmp_path_factory) -> dict[str, zipfile.ZipFile]:
    out = tmp_path_factory.mktemp("min2004")
    return {**built(minimal_root, out), **built(minimal_root, out, ("scorm2004-4th",), sequencing=True)}


def test_the_two_editions_are_registered_targets():
    assert {"scorm2004-3rd", "scorm2004-4th"} <= set(TARGETS)
    assert list(TARGETS).index("scorm2004-3rd") < list(TARGETS).index("scorm2004-4th")


def test_every_real_course_manifest_validates_against_its_editions_xsds(real_course, schemas):
    assert len(real_course) == 2 * (1 + 12 + 1) + 1
    for name, archive in real_course.items():
        manifest = manifest_of(archive)
        schema = schemas[edition_of(name)]
        assert schema.validate(manifest), f"{name}: {schema.error_log}"
        assert manifest_problems(manifest, set(archive.namelist())) == [], name


def test_third_edition_packages_hold_no_fourth_edition_construct(real_course, minimal):
    for name, archive in (real_course | minimal).items():
        if edition_of(name) == "3rd":
            manifest = manifest_of(archive)
            for construct in FOURTH_ONLY:
                assert manifest.find(f".//{construct}", NS) is None, f"{name}: {construct}"
            assert not [a for e in manifest.iter() for a in e.attrib if a.endswith("}sharedDataGlobalToSystem")]


def test_the_xsds_tell_the_editions_apart(minimal, schemas):
    # Validation per edition can fail: a 4th-edition completion threshold is valid 4th, invalid 3rd.
    manifest = manifest_of(minimal["test-course-scorm2004-3rd.zip"])
    item = manifest.find(".//cp:item", NS)
    threshold = etree.Element(f"{{{NS['adlcp']}}}completionThreshold", completedByMeasure="true", minProgressMeasure="0.8")
    item.insert(item.index(item.find("cp:metadata", NS)) + 1, threshold)
    assert schemas["4th"].validate(manifest), schemas["4th"].error_log
    assert not schemas["3rd"].validate(manifest)


@pytest.mark.parametrize("edition", EDITIONS)
def test_manifest_is_written_for_moodles_literal_parser(minimal, edition):
    text = minimal[f"test-course-scorm2004-{edition}.zip"].read("imsmanifest.xml").decode("utf-8")
    assert f"<schemaversion>2004 {edition} Edition</schemaversion>" in text
    assert "<schema>ADL SCORM</schema>" in text
    assert "<manifest " in text and "<organizations " in text and "<resources>" in text  # IMS CP unprefixed
    assert text.count('adlcp:scormType="sco"') == 2 and 'adlcp:scormType="asset"' in text
    assert "&#" not in text  # no numeric character references …
    assert "Introduction – “Leading” &amp; you" in text  # … the title's characters are written as UTF-8
    assert "xml:base" not in text
    assert set(re.findall(r"</?([A-Za-z]+):", text)) <= {"adlcp", "imsss", "adlseq", "adlnav", "lom"}
    nsmap = manifest_of(minimal[f"test-course-scorm2004-{edition}.zip"]).nsmap  # the literal prefixes, bound right
    assert nsmap[None] == NS["cp"] and all(nsmap[prefix] == uri for prefix, uri in NS.items() if prefix != "cp")


def test_identifiers_follow_the_scorm12_scheme_in_every_mode(minimal_root, tmp_path):
    def identifiers(archive: zipfile.ZipFile) -> list[str]:
        return [e.get("identifier") for e in manifest_of(archive).iter() if e.get("identifier")]

    for mode in MODES:
        out = tmp_path / mode
        scorm12 = built(minimal_root, out, ("scorm12",), mode=mode)
        scorm2004 = built(minimal_root, out, mode=mode)
        for name, archive in scorm12.items():
            for edition in EDITIONS:
                assert identifiers(scorm2004[name.replace("scorm12", f"scorm2004-{edition}")]) == identifiers(archive)
        if mode == "course":
            assert identifiers(scorm2004["test-course-scorm2004-4th.zip"]) == [
                "MANIFEST-test-course",
                "ORG-test-course",
                "ITEM-intro",
                "ITEM-second",
                "RES-intro",
                "RES-second",
                "RES-runtime",
            ]


def test_builds_are_byte_identical(minimal_root, tmp_path):
    first = built(minimal_root, tmp_path / "a")
    second = built(minimal_root, tmp_path / "b")
    for name in first:
        assert Path(first[name].filename).read_bytes() == Path(second[name].filename).read_bytes(), name


def test_mastery_is_the_primary_objective_satisfied_by_measure(minimal, real_course):
    manifest = manifest_of(minimal["test-course-scorm2004-3rd.zip"])
    intro, second = manifest.findall(".//cp:item", NS)
    primary = intro.find("imsss:sequencing/imsss:objectives/imsss:primaryObjective", NS)
    assert primary.get("satisfiedByMeasure") == "true" and primary.get("objectiveID") is None
    assert primary.findtext("imsss:minNormalizedMeasure", namespaces=NS) == "0.75"  # mastery_score 75
    # A module without a knowledge check has no mastery and stays out of satisfaction rollup.
    assert second.find(".//imsss:objectives", NS) is None
    rollup = second.find("imsss:sequencing/imsss:rollupRules", NS)
    assert (rollup.get("rollupObjectiveSatisfied"), rollup.get("objectiveMeasureWeight")) == ("false", "0")
    real = manifest_of(real_course["course/everybody-leads-scorm2004-4th.zip"])
    assert {m.text for m in real.iterfind(".//imsss:minNormalizedMeasure", NS)} == {"0.8"}
    assert len(real.findall(".//imsss:primaryObjective[@satisfiedByMeasure='true']", NS)) == 12


def test_default_packages_have_no_sequencing_rules(real_course):
    for name, archive in real_course.items():
        if "sequenced" not in name:
            manifest = manifest_of(archive)
            assert manifest.find(".//imsss:sequencingRules", NS) is None, name
            assert manifest.find(".//cp:organization/imsss:sequencing", NS) is None, name
            assert manifest.find(".//imsss:mapInfo", NS) is None, name
    single_sco = manifest_of(real_course["single-sco/everybody-leads-scorm2004-3rd-single-sco.zip"])
    assert single_sco.find(".//imsss:sequencing", NS) is None, "the course SCO decides passed/failed itself"


def test_a_profile_that_keeps_failed_modules_incomplete_gets_no_mastery_by_measure(minimal_root, tmp_path):
    # An LMS derives "failed" from score.scaled below a scaled passing score: not wanted there.
    archive = built(minimal_root, tmp_path, mode="course", failed_while_retrying=PROFILES["cornerstone"].failed_while_retrying)["test-course-scorm2004-3rd.zip"]
    assert manifest_of(archive).find(".//imsss:objectives", NS) is None


def test_sequenced_course_opens_modules_in_order_and_rolls_up(minimal):
    manifest = manifest_of(minimal["test-course-scorm2004-4th-sequenced.zip"])
    organization = manifest.find(".//cp:organization", NS)
    assert organization.get(f"{{{NS['adlseq']}}}objectivesGlobalToSystem") == "false"
    control = organization.find("imsss:sequencing/imsss:controlMode", NS)
    assert (control.get("choice"), control.get("flow")) == ("true", "true")
    rules = {
        (r.find(".//imsss:rollupCondition", NS).get("condition"), r.find("imsss:rollupAction", NS).get("action"), r.get("childActivitySet"))
        for r in organization.iterfind("imsss:sequencing/imsss:rollupRules/imsss:rollupRule", NS)
    }
    assert {("satisfied", "satisfied", "all"), ("completed", "completed", "all")} <= rules

    intro, second, _certificate = manifest.findall(".//cp:item", NS)  # the certificate: test_certificate_sequenced.py
    assert intro.find(".//imsss:sequencingRules", NS) is None, "the first module is always open"
    written = intro.find(".//imsss:primaryObjective/imsss:mapInfo", NS)
    assert (written.get("writeSatisfiedStatus"), written.get("readSatisfiedStatus")) == ("true", "false")
    gate = second.find(".//imsss:objective", NS)
    read = gate.find("imsss:mapInfo", NS)
    assert read.get("targetObjectiveID") == written.get("targetObjectiveID")
    assert read.get("readSatisfiedStatus") == "true"
    rule = second.find("imsss:sequencing/imsss:sequencingRules/imsss:preConditionRule", NS)
    assert rule.find("imsss:ruleAction", NS).get("action") == "disabled"
    assert rule.find("imsss:ruleConditions", NS).get("conditionCombination") == "any"
    assert {(c.get("referencedObjective"), c.get("operator"), c.get("condition")) for c in rule.iterfind(".//imsss:ruleCondition", NS)} == {
        (gate.get("objectiveID"), "not", "satisfied"),
        (gate.get("objectiveID"), "not", "objectiveStatusKnown"),
    }


def test_every_real_module_after_the_first_waits_for_the_one_before(real_course):
    manifest = manifest_of(real_course["course/everybody-leads-scorm2004-4th-sequenced.zip"])
    items = manifest.findall(".//cp:item", NS)[:-1]  # the modules; the certificate comes last (test_certificate_sequenced.py)
    written = [i.find(".//imsss:primaryObjective/imsss:mapInfo", NS).get("targetObjectiveID") for i in items]
    assert len(set(written)) == 12
    for before, item in zip(written, items[1:], strict=False):
        assert item.find(".//imsss:objective/imsss:mapInfo", NS).get("targetObjectiveID") == before
    assert items[0].find(".//imsss:sequencingRules", NS) is None


def test_sequencing_is_refused_outside_the_fourth_edition_course_package():
    with pytest.raises(UsageProblem, match="4th edition course package"):
        plan_build("generic", ("scorm2004-3rd",), None, False, True)
    with pytest.raises(UsageProblem, match="4th edition course package"):
        plan_build("generic", ("scorm2004-4th",), "per-module", False, True)
    assert plan_build("generic", ("scorm2004-4th",), None, False, True).options.sequencing


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("--target", "scorm12"),
        ("--target", "scorm2004-3rd"),
        ("--target", "scorm2004-4th", "--mode", "single-sco"),
        ("--target", "scorm2004-4th", "--target", "scorm12"),
    ],
)
def test_the_cli_refuses_sequencing_it_cannot_build(course_copy, args):
    result = CliRunner().invoke(main, ["--sequencing", *args])
    assert result.exit_code == 2
    assert "--sequencing only applies to the SCORM 2004 4th edition course package" in result.output
    assert not (course_copy.parent / "dist").exists(), "nothing is written"


def test_the_cli_builds_the_sequenced_package(course_copy):
    result = CliRunner().invoke(main, ["--sequencing", "--target", "scorm2004-4th", "--json"])
    assert result.exit_code == 0, result.output
    assert [p["path"] for p in json.loads(result.output)["packages"]] == ["dist/test-course-scorm2004-4th-sequenced.zip"]


def page_data(archive: zipfile.ZipFile, path: str) -> tuple[dict, list[str]]:
    """A page's #als-data JSON and the runtime scripts it loads, in order."""
    html = archive.read(path).decode("utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="als-data">(.*?)</script>', html, re.S).group(1))
    return data, re.findall(r'<script src="[./]*runtime/([^"]+)"', html)


def test_pages_load_the_2004_adapter_first_and_know_their_neighbours(minimal, minimal_root, tmp_path):
    archive = minimal["test-course-scorm2004-4th.zip"]
    assert "runtime/lms/scorm2004.js" in archive.namelist() and "runtime/lms/scorm12.js" not in archive.namelist()
    intro, scripts = page_data(archive, "intro/index.html")
    assert scripts == [
        "als.js",
        "questions.js",
        "state.js",
        "lms/scorm-discovery.js",
        "lms/iso8601.js",
        "lms/scorm2004.js",
        "lms/standalone.js",
        "quiz.js",
        "player.js",
    ]
    assert intro["sco"] == {"objectives": ["Identify one thing.", "Explain another."], "previous": False, "next": True}
    assert page_data(archive, "second/index.html")[0]["sco"] == {"objectives": ["Read."], "previous": True, "next": False}
    alone = built(minimal_root, tmp_path, ("scorm2004-3rd",), mode="per-module")["test-course-second-scorm2004-3rd.zip"]
    assert page_data(alone, "second/index.html")[0]["sco"]["previous"] is False
    shell = built(minimal_root, tmp_path / "s", ("scorm2004-3rd",), mode="single-sco")["test-course-scorm2004-3rd-single-sco.zip"]
    data, scripts = page_data(shell, "index.html")
    assert "sco" not in data and scripts == [
        "als.js",
        "questions.js",
        "state.js",
        "lms/scorm-discovery.js",
        "lms/iso8601.js",
        "lms/scorm2004.js",
        "lms/standalone.js",
        "course.js",
    ]
