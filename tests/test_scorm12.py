"""The SCORM 1.2 package: XSD-valid, written for Moodle's parser, complete, stable and reproducible."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from als_package.build import build
from als_package.targets import BuildOptions
from als_package.targets.manifest_checks import manifest_problems

from .conftest import REPO, XSD_DRIVERS

XSD = XSD_DRIVERS / "scorm12-manifest.xsd"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def built(source: Path, out: Path, **options) -> dict[str, zipfile.ZipFile]:
    result = build(source, out, ("scorm12",), BuildOptions(**options))
    return {w.path.name: zipfile.ZipFile(w.path) for w in result.written}


@pytest.fixture(scope="module")
def course_zip(minimal_root, tmp_path_factory) -> zipfile.ZipFile:
    return built(minimal_root, tmp_path_factory.mktemp("dist"))["test-course-scorm12.zip"]


@pytest.fixture(scope="module")
def real_course_zips(tmp_path_factory) -> dict[str, zipfile.ZipFile]:
    out = tmp_path_factory.mktemp("real")
    return {**built(REPO / "course_src", out), **built(REPO / "course_src", out, mode="per-module")}


def test_every_real_course_package_validates_against_the_scorm12_xsds(real_course_zips, schema):
    assert len(real_course_zips) == 13  # the course package and one per module
    for name, archive in real_course_zips.items():
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
        assert schema.validate(manifest), f"{name}: {schema.error_log}"
        assert manifest_problems(manifest, set(archive.namelist())) == []


def test_manifest_is_written_for_moodles_literal_parser(course_zip):
    text = course_zip.read("imsmanifest.xml").decode("utf-8")
    assert "<manifest " in text and "<organizations " in text and "<resources>" in text  # IMS CP unprefixed
    assert "<schemaversion>1.2</schemaversion>" in text
    assert "<schema>ADL SCORM</schema>" in text
    assert 'adlcp:scormtype="sco"' in text
    assert "&#" not in text  # no numeric character references …
    assert "Introduction – “Leading” &amp; you" in text  # … the title's characters are written as UTF-8
    assert "xml:base" not in text
    prefixes = set(re.findall(r"</?([A-Za-z]+):", text))
    assert prefixes <= {"adlcp", "imsmd"}


def test_organisation_lists_modules_in_order_with_mastery_scores_for_checked_modules(course_zip):
    manifest = etree.fromstring(course_zip.read("imsmanifest.xml"))
    ns = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
    items = manifest.findall("cp:organizations/cp:organization/cp:item", ns)
    assert [i.get("identifier") for i in items] == ["ITEM-intro", "ITEM-second"]
    # "second" has no knowledge check: no mastery score, so an LMS keeps its "completed"
    assert [i.findtext("adlcp:masteryscore", namespaces=ns) for i in items] == ["75", None]
    assert manifest.get("identifier") == "MANIFEST-test-course"
    launches = [r.get("href") for r in manifest.findall("cp:resources/cp:resource", ns) if r.get("href")]
    assert launches == ["intro/index.html", "second/index.html"]


def test_every_packaged_file_is_listed_and_paths_are_relative(course_zip):
    manifest = etree.fromstring(course_zip.read("imsmanifest.xml"))
    listed = {f.get("href") for f in manifest.iter("{*}file")}
    control = {"imsmanifest.xml", "adlcp_rootv1p2.xsd", "imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"}
    assert listed == set(course_zip.namelist()) - control
    assert "intro/images/ladder.png" in listed
    assert all(not p.startswith(("/", "..")) and "://" not in p for p in listed)


def test_per_module_packages_have_their_own_stable_identifiers(minimal_root, tmp_path):
    zips = built(minimal_root, tmp_path, mode="per-module")
    assert sorted(zips) == ["test-course-intro-scorm12.zip", "test-course-second-scorm12.zip"]
    manifest = etree.fromstring(zips["test-course-second-scorm12.zip"].read("imsmanifest.xml"))
    assert manifest.get("identifier") == "MANIFEST-test-course-second"
    assert [i.get("identifier") for i in manifest.iter("{*}item")] == ["ITEM-second"]
    assert "intro/index.html" not in zips["test-course-second-scorm12.zip"].namelist()


def test_builds_are_byte_identical_and_honour_source_date_epoch(minimal_root, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = (built(minimal_root, tmp_path / "a"), tmp_path / "a/test-course-scorm12.zip")[1].read_bytes()
    second = (built(minimal_root, tmp_path / "b"), tmp_path / "b/test-course-scorm12.zip")[1].read_bytes()
    assert first == second
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    archive = built(minimal_root, tmp_path / "c")["test-course-scorm12.zip"]
    assert {i.date_time for i in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    assert archive.namelist() == sorted(archive.namelist())


def test_reference_checks_catch_what_the_xsd_cannot():
    manifest = etree.fromstring(
        b'<manifest xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" identifier="M">'
        b'<organizations default="ORG-x"><organization identifier="O"><item identifier="I" identifierref="R-missing"/>'
        b'<item identifier="I"/></organization></organizations>'
        b'<resources><resource identifier="R" href="a.html"><file href="a.html"/><file href="gone.js"/></resource></resources>'
        b"</manifest>"
    )
    assert manifest_problems(manifest, {"a.html", "extra.css", "imsmanifest.xml"}) == [
        "identifier 'I' is used twice",
        "default organization 'ORG-x' does not exist",
        "identifierref 'R-missing' names no resource",
        "'gone.js' is named in the manifest but is not in the package",
        "'extra.css' is in the package but no resource lists it",
    ]
