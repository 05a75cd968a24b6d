"""The certificate item of the sequenced SCORM 2004 4th edition package (docs/certificate.md):
last in the organization, out of the course's rollup, open by choice at any time, and reading
every module's outcome from the global objective the module writes (satisfaction with a
knowledge check, completion without one, through 4th edition adlseq:mapInfo); its page knows
the objectives the LMS will hand it. The manifest validates. (Packages without sequencing keep
their manifests byte for byte: tests/golden.)"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html

from als_package.build import build
from als_package.targets import BuildOptions
from als_package.validate import validate

from .conftest import REPO, XSD_DRIVERS

NS = {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1", "imsss": "http://www.imsglobal.org/xsd/imsss", "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3"}


@pytest.fixture(scope="module")
def packages(minimal_root, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("certificate-sequenced")
    return {
        "minimal": build(minimal_root, out / "minimal", ("scorm2004-4th",), BuildOptions(sequencing=True)).written[0].path,
        "real": build(REPO / "course_src", out / "real", ("scorm2004-4th",), BuildOptions(sequencing=True)).written[0].path,
    }


def manifest_of(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("imsmanifest.xml"))


def module_items(manifest: etree._Element) -> list[etree._Element]:
    return manifest.findall(".//cp:organization/cp:item", NS)[:-1]


def certificate_item(manifest: etree._Element) -> etree._Element:
    item = manifest.findall(".//cp:organization/cp:item", NS)[-1]
    assert item.get("identifier").endswith(".certificate"), "the certificate is the last item"
    return item


def satisfaction_reads(item: etree._Element) -> dict[str, str]:
    """Local objective id → the global objective whose satisfied status it reads."""
    return {
        o.get("objectiveID"): m.get("targetObjectiveID")
        for o in item.iterfind("imsss:sequencing/imsss:objectives/imsss:objective", NS)
        for m in o.iterfind("imsss:mapInfo", NS)
        if m.get("readSatisfiedStatus", "true") == "true"
    }


def completion_maps(item: etree._Element, flag: str) -> dict[str, str]:
    """Local objective id → the global objective whose completion status it reads or writes (`flag`)."""
    defaults = {"readCompletionStatus": "true", "writeCompletionStatus": "false"}
    return {
        o.get("objectiveID"): m.get("targetObjectiveID")
        for o in item.iterfind("imsss:sequencing/adlseq:objectives/adlseq:objective", NS)
        for m in o.iterfind("adlseq:mapInfo", NS)
        if m.get(flag, defaults[flag]) == "true"
    }


def written_by(item: etree._Element) -> tuple[str, str]:
    """What a module item writes for the certificate: ("satisfied" | "completed", global objective)."""
    primary = item.find("imsss:sequencing/imsss:objectives/imsss:primaryObjective", NS)
    satisfied = [m.get("targetObjectiveID") for m in primary.iterfind("imsss:mapInfo", NS) if m.get("writeSatisfiedStatus") == "true"]
    completed = completion_maps(item, "writeCompletionStatus")
    assert len(satisfied) + len(completed) == 1, item.get("identifier")
    if completed:
        assert list(completed) == [primary.get("objectiveID")], "the module's completion is its primary objective's"
        return "completed", next(iter(completed.values()))
    return "satisfied", satisfied[0]


@pytest.mark.parametrize("course", ["minimal", "real"])
def test_the_certificate_reads_what_every_module_writes(packages, course):
    manifest = manifest_of(packages[course])
    modules = module_items(manifest)
    certificate = certificate_item(manifest)
    reads = satisfaction_reads(certificate)
    completion_reads = completion_maps(certificate, "readCompletionStatus")
    expected = [written_by(item) for item in modules]
    assert sorted(reads.values()) == sorted(target for kind, target in expected if kind == "satisfied")
    assert sorted(completion_reads.values()) == sorted(target for kind, target in expected if kind == "completed")
    assert len(reads) + len(completion_reads) == len(modules) == len({t for _, t in expected})
    assert not completion_maps(certificate, "writeCompletionStatus"), "the certificate writes nothing"
    assert all(m.get("writeSatisfiedStatus", "false") == "false" for m in certificate.iterfind(".//imsss:mapInfo", NS))


def test_the_minimal_course_has_one_module_of_each_kind(packages):
    manifest = manifest_of(packages["minimal"])
    assert [written_by(item) for item in module_items(manifest)] == [
        ("satisfied", "test-course.intro.satisfied"),
        ("completed", "test-course.second.completed"),
    ]


def test_every_adlseq_objective_is_an_objective_of_its_activity(packages):
    """CAM 4th edition: an adlseq:objective extends the imsss objective of the same id on its
    activity. (Every module of the real course has a knowledge check: no completion is mapped.)"""
    extended = 0
    for item in manifest_of(packages["minimal"]).iterfind(".//cp:item", NS):
        imsss = {o.get("objectiveID") for o in item.iterfind("imsss:sequencing/imsss:objectives/*", NS)}
        adlseq = {o.get("objectiveID") for o in item.iterfind("imsss:sequencing/adlseq:objectives/adlseq:objective", NS)}
        assert adlseq <= imsss, item.get("identifier")
        extended += len(adlseq)
    assert extended == 2, "the module without a check writes its completion, the certificate reads it"


def test_the_certificate_is_last_out_of_rollup_and_always_open(packages):
    manifest = manifest_of(packages["real"])
    certificate = certificate_item(manifest)
    assert certificate.findtext("cp:title", namespaces=NS) == "Certificate of completion"
    assert len(module_items(manifest)) == 12
    rollup = certificate.find("imsss:sequencing/imsss:rollupRules", NS)
    assert (rollup.get("rollupObjectiveSatisfied"), rollup.get("rollupProgressCompletion"), rollup.get("objectiveMeasureWeight")) == ("false", "false", "0")
    assert certificate.find(".//imsss:sequencingRules", NS) is None, "no precondition: reachable by choice at any time"
    assert certificate.find(".//imsss:primaryObjective", NS).get("satisfiedByMeasure") is None
    resource = manifest.find(f".//cp:resource[@identifier='{certificate.get('identifierref')}']", NS)
    assert resource.get("href") == "certificate.html"
    assert [f.get("href") for f in resource.iterfind("cp:file", NS)] == ["certificate.html", "runtime/certificate.js"]


def test_the_page_looks_for_the_objectives_the_item_declares(packages):
    """The SCO finds each module's outcome in cmi.objectives by the certificate item's objective ids."""
    with zipfile.ZipFile(packages["real"]) as archive:
        page = html.fromstring(archive.read("certificate.html"))
    data = json.loads(page.get_element_by_id("als-data").text)
    certificate = certificate_item(manifest_of(packages["real"]))
    declared = [o.get("objectiveID") for o in certificate.iterfind("imsss:sequencing/imsss:objectives/imsss:objective", NS)]
    assert [m["objective"] for m in data["certificate"]] == declared
    assert [m["id"] for m in data["certificate"]] == [li.get("data-todo-for") for li in page.iterfind(".//li[@data-todo-for]")]
    assert [s.get("src") for s in page.iterfind(".//script[@src]")][-1] == "runtime/certificate.js"


@pytest.mark.parametrize("course", ["minimal", "real"])
def test_the_sequenced_package_validates(packages, course):
    schema = etree.XMLSchema(etree.parse(str(XSD_DRIVERS / "scorm2004-4th-manifest.xsd")))
    assert schema.validate(manifest_of(packages[course])), schema.error_log
    report = validate(packages[course])
    assert (report.status, [p.message for p in report.problems]) == (0, [])
    assert certificate_item(manifest_of(packages[course])) is not None
