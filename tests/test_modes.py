"""Packaging modes and LMS profiles as the CLI exposes them (SCORM 1.2 here; 2004 has its own tests)."""

from __future__ import annotations

import json
import zipfile

from click.testing import CliRunner
from lxml import etree

from als_package.cli import main
from als_package.profiles import PROFILES

from .conftest import XSD_DRIVERS


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_single_sco_package_is_the_course_menu_with_every_module(course_copy):
    assert run("--target", "scorm12", "--mode", "single-sco", "-q").exit_code == 0
    archive = zipfile.ZipFile(course_copy.parent / "dist/test-course-scorm12-single-sco.zip")
    manifest = etree.fromstring(archive.read("imsmanifest.xml"))
    schema = etree.XMLSchema(etree.parse(str(XSD_DRIVERS / "scorm12-manifest.xsd")))
    assert schema.validate(manifest), schema.error_log
    scos = [r for r in manifest.iter("{*}resource") if r.get("{http://www.adlnet.org/xsd/adlcp_rootv1p2}scormtype") == "sco"]
    assert [r.get("href") for r in scos] == ["index.html"]
    files = {f.get("href") for f in scos[0].iter("{*}file")}
    assert {"index.html", "intro/index.html", "second/index.html", "intro/images/ladder.png"} <= files
    # the course decides passed/failed from every module's own mastery score, so no single masteryscore
    assert list(manifest.iter("{http://www.adlnet.org/xsd/adlcp_rootv1p2}masteryscore")) == []
    shell = archive.read("index.html").decode()
    assert 'src="runtime/lms/scorm12.js"' in shell and 'src="runtime/course.js"' in shell
    module_page = archive.read("intro/index.html").decode()
    assert 'src="../runtime/lms/shell.js"' in module_page and "lms/scorm12.js" not in module_page


def test_profiles_pick_their_defaults_and_explicit_options_win(course_copy):
    moodle = json.loads(run("--lms", "moodle", "--json").output)
    assert [p["path"] for p in moodle["packages"]] == ["dist/test-course-scorm12.zip"]
    explicit = json.loads(run("--lms", "moodle", "--mode", "per-module", "--json").output)
    assert len(explicit["packages"]) == 2


def test_cornerstone_profile_never_reports_failed_while_retries_remain(course_copy):
    assert PROFILES["cornerstone"].failed_while_retrying == "incomplete"
    run("--lms", "cornerstone", "--target", "scorm12", "-q")
    page = zipfile.ZipFile(course_copy.parent / "dist/test-course-scorm12-single-sco.zip").read("intro/index.html").decode()
    assert '"failedWhileRetrying": "incomplete"' in page


def test_conflicting_mode_options_are_refused(course_copy):
    result = CliRunner().invoke(main, ["--per-module", "--mode", "single-sco"])
    assert result.exit_code == 2
    assert "--per-module and --mode say different things" in result.output
