"""Every target, every mode, on the fixture course: the manifests match tests/golden/ (regenerate
with `python3 -m tests.golden`), validate, list every file of their package, and two builds give
the same bytes."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from als_package.package import Package, zip_bytes
from als_package.targets import BuildOptions
from als_package.targets.manifest_checks import manifest_problems
from als_package.targets.tincan_checks import tincan_problems

from . import golden
from .conftest import SCHEMAS, XSD_DRIVERS

VARIANTS = list(golden.variants())
IDS = [f"{target}-{variant}" for target, variant, _ in VARIANTS]
# XSDs for each manifest; tincan.xml has none available here (tincan_checks.py stands in).
SCHEMA_FILES = {
    "scorm12": XSD_DRIVERS / "scorm12-manifest.xsd",
    "scorm2004-3rd": XSD_DRIVERS / "scorm2004-3rd-manifest.xsd",
    "scorm2004-4th": XSD_DRIVERS / "scorm2004-4th-manifest.xsd",
    "cmi5": SCHEMAS / "cmi5" / "CourseStructure.xsd",
}
CMI5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"


@cache
def schema(path: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path)))


def reference_problems(package: Package) -> list[str]:
    """What the manifest names that the package lacks, and (IMS CP) files no resource lists."""
    name = golden.manifest_name(package)
    manifest = etree.fromstring(package.files[name])
    if name == "imsmanifest.xml":
        return manifest_problems(manifest, set(package.files))
    if name == "tincan.xml":
        return tincan_problems(manifest, set(package.files))
    return [f"AU url '{url}' is not in the package" for url in manifest.xpath("//c:au/c:url/text()", namespaces={"c": CMI5}) if url not in package.files]


def validity_problems(target: str, package: Package) -> list[str]:
    """The XSD's errors; for tincan.xml, which has none here, the checks that stand in for it."""
    manifest = etree.fromstring(package.files[golden.manifest_name(package)])
    if target not in SCHEMA_FILES:
        return tincan_problems(manifest, set(package.files))
    validator = schema(SCHEMA_FILES[target])
    return [] if validator.validate(manifest) else [str(e) for e in validator.error_log]


@pytest.fixture(scope="module", params=VARIANTS, ids=IDS)
def variant(request) -> tuple[str, str, BuildOptions, list[Package]]:
    target, name, options = request.param
    return target, name, options, golden.packages(target, options)


def test_manifests_match_the_golden_files(variant):
    target, name, _, built = variant
    expected = golden.stored(target, name)
    actual = golden.manifests(built)
    assert sorted(actual) == sorted(expected), "packages differ: python3 -m tests.golden, then review the diff"
    for path, data in actual.items():
        assert data.decode("utf-8") == expected[path].decode("utf-8"), f"{target}/{name}/{path}: python3 -m tests.golden, then review the diff"


def test_manifests_are_valid(variant):
    target, _, _, built = variant
    for package in built:
        assert validity_problems(target, package) == [], package.filename


def test_manifests_and_packages_agree_file_by_file(variant):
    *_, built = variant
    for package in built:
        assert reference_problems(package) == [], package.filename


def test_two_builds_give_the_same_bytes(variant):
    target, _, options, built = variant
    stamp = (2001, 1, 1, 0, 0, 0)
    assert [zip_bytes(p, stamp) for p in golden.packages(target, options)] == [zip_bytes(p, stamp) for p in built]
