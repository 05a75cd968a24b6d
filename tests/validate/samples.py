"""Zips for the validate tests: written from a dict of entries, read back from our own packages,
and small packages of every kind and edition written here (not copied from anywhere), so every
kind is covered without the third-party corpus."""

from __future__ import annotations

import zipfile
from pathlib import Path

PAGE = b"<!doctype html><title>Page</title><p>Hello</p>"

SCORM12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="sample-12" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org"><title>Sample</title>
      <item identifier="item" identifierref="res"><title>Lesson</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res" type="webcontent" adlcp:scormtype="sco" href="index.html"><file href="index.html"/></resource>
  </resources>
</manifest>
"""

SCORM2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="sample-2004" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>{version}</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org"><title>Sample</title>
      <item identifier="item" identifierref="res"><title>Lesson</title>{item_extra}</item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res" type="webcontent" adlcp:scormType="sco" href="index.html"><file href="index.html"/></resource>
  </resources>
</manifest>
"""

TINCAN = """<?xml version="1.0" encoding="utf-8"?>
<tincan xmlns="http://projecttincan.com/tincan.xsd">
  <activities>
    <activity id="https://example.com/activities/sample" type="http://adlnet.gov/expapi/activities/course">
      <name lang="en-US">Sample</name>
      <launch lang="en-US">index.html</launch>
    </activity>
  </activities>
</tincan>
"""

CMI5 = """<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.com/courses/sample">
    <title><langstring lang="en-US">Sample</langstring></title>
    <description><langstring lang="en-US">A sample</langstring></description>
  </course>
  <au id="https://example.com/courses/sample/au1" moveOn="Completed">
    <title><langstring lang="en-US">Lesson</langstring></title>
    <description><langstring lang="en-US">The lesson</langstring></description>
    <url>index.html?lang=en</url>
  </au>
</courseStructure>
"""

HIDE_SUSPEND_ALL = (
    "<adlnav:presentation><adlnav:navigationInterface><adlnav:hideLMSUI>suspendAll</adlnav:hideLMSUI></adlnav:navigationInterface></adlnav:presentation>"
)
FOURTH_ONLY = '<adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.8"/>'


def scorm2004(edition: str, item_extra: str = "") -> str:
    version = {"2nd": "CAM 1.3", "3rd": "2004 3rd Edition", "4th": "2004 4th Edition"}[edition]
    return SCORM2004.format(version=version, item_extra=item_extra)


SAMPLES: dict[str, tuple[str, str, str]] = {  # name: (manifest name, manifest text, verdict label)
    "scorm12": ("imsmanifest.xml", SCORM12, "SCORM 1.2"),
    "scorm2004-2nd": ("imsmanifest.xml", scorm2004("2nd"), "SCORM 2004 2nd Edition"),
    "scorm2004-3rd": ("imsmanifest.xml", scorm2004("3rd"), "SCORM 2004 3rd Edition"),
    "scorm2004-4th": ("imsmanifest.xml", scorm2004("4th", FOURTH_ONLY), "SCORM 2004 4th Edition"),
    "xapi": ("tincan.xml", TINCAN, "xAPI (tincan.xml)"),
    "cmi5": ("cmi5.xml", CMI5, "cmi5"),
}


def entries_of(name: str) -> dict[str, bytes]:
    manifest, text, _ = SAMPLES[name]
    return {manifest: text.encode(), "index.html": PAGE}


def write_zip(path: Path, entries: dict[str, bytes] | list[tuple[str, bytes]], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A zip of `entries` (a list allows duplicate names) in this order."""
    items = entries.items() if isinstance(entries, dict) else entries
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in items:
            archive.writestr(zipfile.ZipInfo(name, (2000, 1, 1, 0, 0, 0)), data, compress_type=compression)
    return path


def read_entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}
