"""The xAPI definitions and profile beside the zip are written by orjson; their bytes must stay
those of the standard library's `json.dumps(..., indent=2, ensure_ascii=False)`, which authors'
diffs and the golden files were made with. The documents hold text, booleans, lists and objects,
never a float (orjson writes 1e16 where the standard library writes 1e+16)."""

import json

from hypothesis import given
from hypothesis import strategies as st

from als_package.render import render_course
from als_package.source import load_course
from als_package.targets import TARGETS, BuildOptions
from als_package.targets.xapi import _json
from tests.conftest import REPO

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)


def standard_library(document: object) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


@given(JSON)
def test_any_document_gets_the_standard_librarys_bytes(document):
    assert _json(document) == standard_library(document)


def test_the_courses_definitions_and_profile_get_the_standard_librarys_bytes():
    documents = TARGETS["xapi"].documents(render_course(load_course(REPO / "course_src"), None), BuildOptions())
    assert len(documents) == 2
    for data in documents.values():
        assert data == standard_library(json.loads(data))
