"""Every SCORM package carries its edition's official schemas at the zip root, unchanged,
so a tool validating the manifest finds the files its xsi:schemaLocation names. The
official files' checksums are pinned in tests/schemas/SHA256SUMS (taken from the copies
listed in templates/schemas/README.md), so the repository alone proves they are unchanged."""

from __future__ import annotations

import hashlib
import zipfile

import pytest
from lxml import etree

from als_package.build import build
from als_package.profiles import MODES
from als_package.targets import BuildOptions

from .conftest import SCHEMAS, XSD_DRIVERS

XSI_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
PINNED = dict(reversed(line.split("  ", 1)) for line in (XSD_DRIVERS / "SHA256SUMS").read_text().splitlines())


def test_official_schemas_are_unchanged_and_complete():
    present = {p.relative_to(SCHEMAS).as_posix() for p in SCHEMAS.rglob("*") if p.is_file() and p.name != "README.md"}
    assert present == set(PINNED)
    for name, digest in PINNED.items():
        assert hashlib.sha256((SCHEMAS / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("target", ["scorm12", "scorm2004-3rd", "scorm2004-4th"])
def test_package_ships_the_official_schemas_its_manifest_names(minimal_root, tmp_path, target, mode):
    for written in build(minimal_root, tmp_path, (target,), BuildOptions(mode=mode)).written:
        archive = zipfile.ZipFile(written.path)
        official = {p.relative_to(SCHEMAS / target).as_posix(): p for p in (SCHEMAS / target).rglob("*") if p.is_file()}
        for name, path in official.items():
            assert archive.read(name) == path.read_bytes(), f"{written.path.name}: {name} differs from the official copy"
        named = etree.fromstring(archive.read("imsmanifest.xml")).get(XSI_LOCATION).split()[1::2]
        assert named and set(named) <= set(official)
