"""Every package we build validates with no problem and no warning, and our small samples of
every kind and edition are read as what they are."""

from __future__ import annotations

import pytest

from als_package.validate import validate

from .samples import SAMPLES, entries_of, write_zip


def test_every_package_we_build_is_valid_without_a_warning(our_packages):
    assert len(our_packages) > 40  # course, per-module and single-sco of every standard
    for path in our_packages:
        report = validate(path)
        assert (report.status, [p.message for p in report.problems]) == (0, []), path.name


def test_our_packages_are_read_as_their_standard(our_packages):
    labels = {p.name: validate(p).label for p in our_packages if p.parent.name == "course"}
    assert labels == {
        "everybody-leads-scorm12.zip": "SCORM 1.2",
        "everybody-leads-scorm2004-3rd.zip": "SCORM 2004 3rd Edition",
        "everybody-leads-scorm2004-4th.zip": "SCORM 2004 4th Edition",
        "everybody-leads-xapi.zip": "xAPI (tincan.xml)",
        "everybody-leads-cmi5.zip": "cmi5",
    }


@pytest.mark.parametrize("name", SAMPLES)
def test_a_small_package_of_each_kind_and_edition(tmp_path, name):
    report = validate(write_zip(tmp_path / f"{name}.zip", entries_of(name)))
    assert (report.label, report.status, report.problems) == (SAMPLES[name][2], 0, [])
