"""Packages broken one way each, made from good ones (ours, or the samples): each gives the one
problem it should, named in words a course author can act on."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from als_package.validate import validate

from .samples import HIDE_SUSPEND_ALL, entries_of, read_entries, scorm2004, write_zip

Entries = dict[str, bytes]
CP_TAGS = re.compile(rb"<(/?)(manifest|metadata|schema|schemaversion|organizations|organization|item|title|resources|resource|file)\b")


def edit(name: str, old: bytes, new: bytes, count: int = 1) -> Callable[[Entries], Entries]:
    def mutate(entries: Entries) -> Entries:
        assert old in entries[name], old
        return {**entries, name: entries[name].replace(old, new, count)}

    return mutate


def manifest(old: bytes, new: bytes, count: int = 1) -> Callable[[Entries], Entries]:
    return edit("imsmanifest.xml", old, new, count)


def prefix_cp(entries: Entries) -> Entries:
    text = entries["imsmanifest.xml"].replace(
        b'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"', b'xmlns:imscp="http://www.imsproject.org/xsd/imscp_rootv1p1p2"'
    )
    return {**entries, "imsmanifest.xml": CP_TAGS.sub(rb"<\1imscp:\2", text)}


def rename_adlcp(entries: Entries) -> Entries:
    text = entries["imsmanifest.xml"].replace(b"xmlns:adlcp=", b"xmlns:adl=").replace(b"adlcp:", b"adl:")
    return {**entries, "imsmanifest.xml": text}


def without(name: str) -> Callable[[Entries], Entries]:
    return lambda entries: {k: v for k, v in entries.items() if k != name}


def plus(name: str, data: bytes) -> Callable[[Entries], Entries]:
    return lambda entries: {**entries, name: data}


def in_folder(folder: str) -> Callable[[Entries], Entries]:
    return lambda entries: {folder + k: v for k, v in entries.items()}


def renamed(old: str, new: str) -> Callable[[Entries], Entries]:
    return lambda entries: {(new if k == old else k): v for k, v in entries.items()}


def utf16(entries: Entries) -> Entries:
    text = entries["imsmanifest.xml"].decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').replace("encoding='UTF-8'", "encoding='UTF-16'")
    return {**entries, "imsmanifest.xml": text.encode("utf-16")}


LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE manifest [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>\n'
)
SECOND_LAUNCH = (
    b'<activity id="https://example.com/activities/two" type="http://adlnet.gov/expapi/activities/module">'
    b"<name>Two</name><launch>index.html</launch></activity></activities>"
)

# (id, the good package, the one edit, what the report must say, exit status)
DAMAGE = [
    ("cp-prefixed", "ours:scorm12", prefix_cp, "IMS CP elements carry the prefix 'imscp' (line 2, ", 1),
    ("adlcp-renamed", "ours:scorm12", rename_adlcp, "'<adl:masteryscore>' should be '<adlcp:masteryscore>' (line ", 1),
    (
        "schemaversion-spaces",
        "ours:scorm12",
        manifest(b"<schemaversion>1.2<", b"<schemaversion> 1.2\n<"),
        "<schemaversion>'s text ' 1.2\n' has spaces or line breaks around it",
        1,
    ),
    (
        "schemaversion-unknown",
        "ours:scorm2004-3rd",
        manifest(b"2004 3rd Edition", b"2004 3rd edition"),
        "<schemaversion> '2004 3rd edition' is none of '1.2', 'CAM 1.3', '2004 3rd Edition', '2004 4th Edition': Moodle reads such a package as SCORM 1.2",
        1,
    ),
    (
        "schemaversion-missing",
        "sample:scorm2004-3rd",
        manifest(b"<schemaversion>2004 3rd Edition</schemaversion>", b""),
        "has no <schemaversion>: Moodle reads such a package as SCORM 1.2",
        1,
    ),
    (
        "schemaversion-vs-namespace",
        "ours:scorm2004-4th",
        manifest(b"2004 4th Edition", b"1.2"),
        "the root element is '{http://www.imsglobal.org/xsd/imscp_v1p1}manifest', but a SCORM 1.2 manifest is",
        1,
    ),
    ("schema-name", "ours:scorm12", manifest(b"<schema>ADL SCORM</schema>", b"<schema>SCORM</schema>"), "<schema> is 'SCORM': write 'ADL SCORM'", 1),
    (
        "numeric-reference",
        "ours:scorm12",
        manifest(b"<title>Everybody Leads</title>", b"<title>Everybody Leads &#169;</title>"),
        "numeric character reference '&#169;' (line ",
        1,
    ),
    ("xml-base", "ours:scorm2004-3rd", manifest(b"<resources>", b'<resources xml:base="./">'), "xml:base outside <resource> (line ", 1),
    (
        "sub-manifest",
        "sample:scorm2004-3rd",
        manifest(b"</resources>", b'</resources><manifest identifier="sub"><organizations/><resources/></manifest>'),
        "the manifest holds a sub-manifest: Moodle does not read sub-manifests",
        1,
    ),
    (
        "file-missing",
        "ours:scorm12",
        without("everybody-leads/index.html"),
        "'everybody-leads/index.html' is named in the manifest but is not in the package",
        1,
    ),
    ("identifierref-dangling", "sample:scorm12", manifest(b'identifierref="res"', b'identifierref="nope"'), "identifierref 'nope' names no resource", 1),
    ("identifier-twice", "sample:scorm12", manifest(b'<item identifier="item"', b'<item identifier="org"'), "identifier 'org' is used twice", 1),
    ("launch-without-href", "sample:scorm12", manifest(b' href="index.html"><file', b"><file"), "item 'item' launches resource 'res', which has no href", 1),
    ("unknown-element", "ours:scorm2004-3rd", manifest(b"</organization>", b"<foo/></organization>"), "Element 'foo': This element is not expected.", 1),
    (
        "4th-in-3rd",
        "sample:scorm2004-4th",
        manifest(b"2004 4th Edition", b"2004 3rd Edition"),
        "Element 'adlcp:completionThreshold', attribute 'completedByMeasure': The attribute 'completedByMeasure' is not allowed.",
        1,
    ),
    (
        "3rd-token-in-2nd",
        "sample:scorm2004-2nd",
        plus("imsmanifest.xml", scorm2004("2nd", HIDE_SUSPEND_ALL).encode()),
        "hideLMSUI 'suspendAll' is SCORM 2004 3rd edition: a 2nd edition (CAM 1.3) manifest may not use it",
        1,
    ),
    ("not-well-formed", "ours:scorm12", manifest(b"</manifest>", b""), "is not well-formed XML: ", 1),
    (
        "entities",
        "sample:scorm12",
        manifest(b'<?xml version="1.0" encoding="UTF-8"?>\n', LAUGHS),
        "declares entities in a DOCTYPE: LMS parsers do not expand them",
        1,
    ),
    ("utf-16", "sample:scorm12", utf16, "is encoded as utf-16: LMSs (Moodle's parser among them) read manifests as UTF-8", 1),
    ("manifest-case", "ours:scorm12", renamed("imsmanifest.xml", "IMSManifest.xml"), "'IMSManifest.xml' must be named 'imsmanifest.xml' exactly", 1),
    (
        "zipped-folder",
        "ours:scorm12",
        in_folder("course/"),
        "the zip holds the folder 'course/' instead of its contents: LMSs look for the manifest at the zip's root: zip what is inside the folder",
        1,
    ),
    ("manifest-deeper", "sample:scorm12", lambda e: {"readme.txt": b"hi", **in_folder("a/b/")(e)}, "'a/b/imsmanifest.xml' is not at the zip's root", 1),
    ("two-launches", "ours:xapi", edit("tincan.xml", b"</activities>", SECOND_LAUNCH), "exactly one activity may have a <launch>, found 2", 1),
    ("launch-missing", "sample:xapi", without("index.html"), "launch 'index.html' names a file that is not in the package", 1),
    (
        "two-tincan",
        "sample:xapi",
        plus("extra/tincan.xml", b"<tincan/>"),
        "the zip holds 2 tincan.xml files (extra/tincan.xml, tincan.xml): Cornerstone takes packages with exactly one",
        1,
    ),
    (
        "au-url-missing",
        "ours:cmi5",
        without("everybody-leads/index.html"),
        "AU 'https://xapi.als-learning.com/courses/everybody-leads/everybody-leads': url 'everybody-leads/index.html' names a file that is not in the package",
        1,
    ),
    (
        "au-url-outside",
        "sample:cmi5",
        edit("cmi5.xml", b"<url>index.html?lang=en</url>", b"<url>../index.html</url>"),
        "AU 'https://example.com/courses/sample/au1': '../index.html' points outside the package",
        1,
    ),
    (
        "au-id-twice",
        "sample:cmi5",
        edit("cmi5.xml", b'id="https://example.com/courses/sample/au1"', b'id="https://example.com/courses/sample"'),
        "id 'https://example.com/courses/sample' is used 2 times: course, block and AU ids must be unique",
        1,
    ),
    ("cmi5-schema", "sample:cmi5", edit("cmi5.xml", b'moveOn="Completed"', b'moveOn="Finished"'), "Element 'au', attribute 'moveOn': [facet 'enumeration']", 1),
    # Not problems: a warning (exit 0), or nothing at all.
    ("no-sco", "sample:scorm12", manifest(b'scormtype="sco"', b'scormtype="asset"'), "warning: no item launches a SCO", 0),
    ("file-unlisted", "ours:scorm12", plus("notes.txt", b"x"), "warning: 1 file(s) in the package are listed by no resource: notes.txt", 0),
    (
        "href-escaped-with-query",
        "sample:scorm12",
        lambda e: {
            **renamed("index.html", "my page.html")(e),
            "imsmanifest.xml": e["imsmanifest.xml"].replace(b'href="index.html"', b'href="my%20page.html?x=1#top"'),
        },
        None,
        0,
    ),
    ("au-url-elsewhere", "sample:cmi5", edit("cmi5.xml", b"<url>index.html?lang=en</url>", b"<url>https://example.com/au.html</url>"), None, 0),
    (
        "xml-base-on-resource",
        "sample:scorm2004-3rd",
        lambda e: {
            "imsmanifest.xml": e["imsmanifest.xml"].replace(
                b'href="index.html"><file href="index.html"/>', b'href="index.html" xml:base="pages/"><file href="index.html"/>'
            ),
            "pages/index.html": e["index.html"],
        },
        None,
        0,
    ),
]


def _good(base: str, our_packages: list[Path]) -> Entries:
    source, name = base.split(":")
    if source == "sample":
        return entries_of(name)
    return read_entries(next(p for p in our_packages if p.name == f"everybody-leads-{name}.zip" and p.parent.name == "course"))


def _lines(report) -> list[str]:
    return [f"{'warning: ' if p.severity == 'warning' else ''}{p.message}" for p in report.problems]


@pytest.mark.parametrize(("base", "mutate", "expected", "status"), [pytest.param(*d[1:], id=d[0]) for d in DAMAGE])
def test_one_damage_one_problem(tmp_path, our_packages, base, mutate, expected, status):
    report = validate(write_zip(tmp_path / "damaged.zip", mutate(_good(base, our_packages))))
    lines = _lines(report)
    assert report.status == status, lines
    if expected is None:
        assert lines == []
    else:
        assert any(line.startswith(expected) for line in lines), lines
