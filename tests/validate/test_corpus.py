"""Real third-party packages of every kind, good and broken: validate gives each its right verdict.

The zips are not in this repository (see corpus/README.md: what each one is, where it comes
from, its licence, and where the tests look for them). Without them this module is left out of
the run (conftest.py); the README's table and EXPECTED are kept the same by a test that always runs.
"""

from __future__ import annotations

import pytest

from als_package.validate import validate

from .corpus_location import corpus_dir

MISSING = "is named in the manifest but is not in the package"
# zip: (kind and edition, exit status, the problems word for word, how many warnings)
EXPECTED: dict[str, tuple[str, int, list[str], int]] = {
    "scorm12-ContentPackagingSingleSCO_SCORM12.zip": ("SCORM 1.2", 0, [], 0),
    "scorm12-RuntimeBasicCalls_SCORM12.zip": ("SCORM 1.2", 0, [], 0),
    # Every resource is an asset: nothing is tracked, which is a warning, not a problem.
    "scorm12-ContentPackagingOneFilePerSCO_SCORM12.zip": ("SCORM 1.2", 0, [], 1),
    "scorm2004-ContentPackagingSingleSCO_SCORM20042ndEdition.zip": ("SCORM 2004 2nd Edition", 0, [], 0),
    "scorm2004-ContentPackagingSingleSCO_SCORM20043rdEdition.zip": ("SCORM 2004 3rd Edition", 0, [], 0),
    "scorm2004-SequencingSimpleRemediation_SCORM20043rdEdition.zip": ("SCORM 2004 3rd Edition", 0, [], 0),
    # Two metadata files no resource lists: a warning.
    "scorm2004-ContentPackagingMetadata_SCORM20043rdEdition.zip": ("SCORM 2004 3rd Edition", 0, [], 1),
    # An XMLSpy project file (adlcp_v1p3.xsx) no resource lists: a warning.
    "scorm2004-SequencingPostTestRollup4thEd_SCORM20044thEdition.zip": ("SCORM 2004 4th Edition", 0, [], 1),
    "tincan-GolfExample_TCAPI.zip": ("xAPI (tincan.xml)", 0, [], 0),
    "tincan-JsTetris_TCAPI.zip": ("xAPI (tincan.xml)", 0, [], 0),
    "cmi5-pre_post_test_framed.zip": ("cmi5", 0, [], 0),
    "cmi5-multi_au_framed.zip": ("cmi5", 0, [], 0),
    # Broken on purpose by their authors (fixtures of a parser's own tests).
    "scorm12-InvalidFileReferences_SCORM12.zip": (
        "SCORM 1.2",
        1,
        [
            f"'content/nonexistent.html' {MISSING}",
            f"'content/nonexistent.js' {MISSING}",
            f"'content/nonexistent.css' {MISSING}",
            f"'content/nonexistent_asset.html' {MISSING}",
        ],
        0,
    ),
    "scorm12-ItemWithNonExistentResourceId_SCORM12.zip": ("SCORM 1.2", 1, ["identifierref 'non_existent_resource' names no resource"], 0),
    "scorm12-MalformedXml_SCORM12.zip": (
        "SCORM",
        1,
        ["is not well-formed XML: Opening and ending tag mismatch: item line 24 and organization, line 27, column 20"],
        0,
    ),
    # SCORM 1.2 spells it adlcp:datafromlms.
    "scorm12-PrerequisitesTest_SCORM12.zip": (
        "SCORM 1.2",
        1,
        ["Element 'adlcp:dataFromLMS': No matching global element declaration available, but demanded by the strict wildcard."],
        0,
    ),
    # 4th edition attributes under a 3rd edition <schemaversion>.
    "scorm2004-AdlAttributes_SCORM20043rdEdition.zip": (
        "SCORM 2004 3rd Edition",
        1,
        [
            "Element 'adlcp:completionThreshold', attribute 'minProgressMeasure': The attribute 'minProgressMeasure' is not allowed.",
            "Element 'adlcp:completionThreshold', attribute 'progressWeight': The attribute 'progressWeight' is not allowed.",
            "Element 'adlcp:completionThreshold', attribute 'completedByMeasure': The attribute 'completedByMeasure' is not allowed.",
            "Element 'adlcp:completionThreshold': '' is not a valid value of the atomic type 'adlcp:completionThresholdType'.",
            f"'index.html' {MISSING}",
        ],
        1,
    ),
    "scorm2004-ContentPackagingNoSchemaVersion_SCORM20042ndEdition.zip": (
        "SCORM 2004 (edition not stated)",
        1,
        ["has no <schemaversion>: Moodle reads such a package as SCORM 1.2", f"'index.html' {MISSING}"],
        1,
    ),
    "scorm2004-InvalidMissingOrgIdentifier_SCORM20043rdEdition.zip": (
        "SCORM 2004 3rd Edition",
        1,
        [
            "Element 'organization': The attribute 'identifier' is required but missing.",
            "default organization 'org1' does not exist",
            f"'index.html' {MISSING}",
        ],
        1,
    ),
    # An AICC package: not a kind validate reads.
    "emp-zip-aicc.zip": ("unknown kind", 2, [], 0),
}


@pytest.mark.parametrize("name", EXPECTED)
def test_verdict_on_a_real_package(name):
    path = corpus_dir() / name
    assert path.is_file(), f"{name} is missing from the corpus at {corpus_dir()}"
    report = validate(path)
    assert (report.label, report.status, [p.message for p in report.errors], len(report.warnings)) == EXPECTED[name]
