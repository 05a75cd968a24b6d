"""Property tests. Generated valid courses: every target builds and every manifest validates
against its official schema. Mutated courses: `check` either passes, and then every target
builds valid packages, or reports `path:line: message` in plain words; never a traceback.

Bounded to a few seconds; in CI (CI=true) the examples are derandomised so a run is repeatable.
To search longer: FUZZ_EXAMPLES=500 python3 -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from als_package.build import build
from als_package.diagnostics import SourceError, UsageProblem
from als_package.profiles import MODES
from als_package.targets import BuildOptions, default_targets

from .conftest import ROOTS, SCHEMAS, XSD_DRIVERS
from .course_strategies import course, write_course

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 12)),
    deadline=None,
    database=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SCHEMA_FILES = {
    "scorm12": XSD_DRIVERS / "scorm12-manifest.xsd",
    "scorm2004-3rd": XSD_DRIVERS / "scorm2004-3rd-manifest.xsd",
    "scorm2004-4th": XSD_DRIVERS / "scorm2004-4th-manifest.xsd",
    "cmi5": SCHEMAS / "cmi5" / "CourseStructure.xsd",
}
MANIFESTS = {"cmi5": "cmi5.xml"}
# Wording only a programmer follows: pydantic's, libyaml's, regexes, Python reprs.
JARGON = ("Input should", "should be a valid", "Tuple should", "^[", "_pagefront", "datetime.", "cannot start any token", "[A-Za-z")


@cache
def schema(target: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILES[target])))


def assert_valid_packages(source: Path, out: Path, options: BuildOptions = BuildOptions(), targets: tuple[str, ...] = default_targets()) -> None:
    """Every target builds, and every manifest an XSD exists for validates against it."""
    for written in build(source, out, targets, options).written:
        if written.target in SCHEMA_FILES and written.path.suffix == ".zip":
            manifest = etree.fromstring(zipfile.ZipFile(written.path).read(MANIFESTS.get(written.target, "imsmanifest.xml")))
            validator = schema(written.target)
            assert validator.validate(manifest), f"{written.path.name}: {validator.error_log}"


@FUZZ
@given(course(), st.sampled_from(MODES))
def test_generated_valid_courses_build_valid_packages(tree, mode):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "course_src"
        write_course(tree, root)
        assert_valid_packages(root, Path(folder) / "dist", BuildOptions(mode=mode))
        assert_valid_packages(root, Path(folder) / "sequenced", BuildOptions(sequencing=True), ("scorm2004-4th",))


# Edits an author (or a damaged file) may make: YAML and Markdown syntax, control characters,
# invalid UTF-8, tags, aliases, deep nesting, odd Unicode.
SNIPPETS = [
    "",
    ":",
    ": ",
    "- ",
    "\n",
    "\n  ",
    "\t",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "<<: ",
    "!x ",
    "!!python/object ",
    "? ",
    "|",
    ">",
    "#",
    "%",
    "@",
    "`",
    "---\n",
    "\x00",
    "\x0b",
    "\ufeff",
    "\u2028",
    "é",
    "😀",
    "\\x01",
    "1e9",
    "true",
    "null",
    "~",
    "2024-06-01",
    "../",
    "/",
    "![]()",
    "![a](../../x.png)",
    "<script>",
    "[" * 60,
    "-5",
    "id: q1\n",
]


@st.composite
def mutation(draw) -> tuple[str, int, int, bytes]:
    """(file, start, end, replacement bytes): replace a slice of one fixture file."""
    files = sorted(p.relative_to(ROOTS / "minimal").as_posix() for p in (ROOTS / "minimal").rglob("*") if p.suffix in (".yaml", ".md"))
    name = draw(st.sampled_from(files))
    size = len((ROOTS / "minimal" / name).read_bytes())
    start = draw(st.integers(0, size))
    end = draw(st.integers(start, min(size, start + 40)))
    snippet = draw(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=6)))
    replacement = snippet.encode("utf-8", "surrogatepass") if draw(st.booleans()) else draw(st.binary(max_size=4))
    return name, start, end, replacement


def replace_file(path: Path, how: str) -> None:
    """What can happen to a file on disk: gone, a folder, a link to nowhere, a link to itself."""
    path.unlink()
    if how == "folder":
        path.mkdir()
    elif how == "dangling link":
        path.symlink_to("nowhere")
    elif how == "link loop":
        path.symlink_to(path.name)


FILE_FATES = ["removed", "folder", "dangling link", "link loop"]


@FUZZ
@given(st.lists(mutation(), min_size=1, max_size=3), st.one_of(st.none(), st.tuples(st.integers(0, 99), st.sampled_from(FILE_FATES))))
def test_mutated_courses_fail_cleanly_or_build_valid_packages(mutations, fate):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "course_src"
        shutil.copytree(ROOTS / "minimal", root)
        for name, start, end, replacement in mutations:
            data = (root / name).read_bytes()
            (root / name).write_bytes(data[:start] + replacement + data[end:])
        if fate:
            files = sorted(p for p in root.rglob("*") if p.is_file())
            replace_file(files[fate[0] % len(files)], fate[1])
        try:
            assert_valid_packages(root, Path(folder) / "dist")
        except SourceError as error:
            for diagnostic in error.diagnostics:
                # A line, except for course.yaml itself missing or unreadable: nothing refers to it.
                where = diagnostic.location
                assert where.path.is_relative_to(root) and (where.line >= 1 or where.path == root / "course.yaml"), str(diagnostic)
                assert not any(word in diagnostic.message for word in JARGON), str(diagnostic)
        except UsageProblem as problem:
            raise AssertionError(f"a source mistake reported as a usage problem: {problem}") from problem
