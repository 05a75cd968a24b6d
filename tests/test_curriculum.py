"""A content floor for the real course, so the curriculum cannot silently regress."""

from __future__ import annotations

import re

import pytest

from als_package.source import load_course

from .conftest import REPO

COURSE = load_course(REPO / "course_src")
AMERICAN = re.compile(r"\b(organiz\w*|behavior\w*|recogniz\w*|color\w*|favor\w*|realiz\w*|prioritiz\w*|analyz\w*|center|program(?!me))\b", re.I)


IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")


def words(markdown: str) -> int:
    """Words of prose: an illustration's alt text and caption restate the picture, not the page."""
    return len(re.findall(r"[A-Za-zÀ-ÿ0-9’']+", IMAGE.sub("", markdown)))


def test_twelve_modules_with_the_fixed_title_of_module_two():
    assert len(COURSE.modules) == 12
    assert COURSE.modules[1].title == "What Is Leadership?"
    assert COURSE.language == "en-GB"


@pytest.mark.parametrize("module", COURSE.modules, ids=[m.id for m in COURSE.modules])
def test_module_meets_the_content_floor(module):
    assert 3 <= len(module.objectives) <= 5
    assert len(re.findall(r"[.?!](\s|$)", module.summary)) == 2, "summary: two sentences"
    assert 4 <= len(module.pages) <= 6
    assert 1200 <= sum(words(p.body) for p in module.pages) <= 2000
    assert module.reflection and 2 <= len(module.reflection.prompts) <= 4
    assert module.tool and (module.tool.items or module.tool.statements or module.tool.fields)
    questions = module.quiz.questions
    assert len(questions) >= 6
    assert len({q.type for q in questions}) >= 3
    assert {q.type for q in questions} & {"matching", "ordering"}
    for q in questions:
        feedback = [c.feedback for c in q.choices] or [q.feedback.correct, q.feedback.incorrect]
        assert all(words(f) >= 5 for f in feedback), f"{q.id}: feedback must explain why"


def test_likert_self_assessments_in_at_least_three_modules():
    assert sum(bool(m.tool.statements) for m in COURSE.modules) >= 3


def test_one_spelling_convention_and_no_placeholders():
    for module in COURSE.modules:
        texts = [p.body for p in module.pages] + [module.summary, *module.objectives]
        for text in texts:
            assert not AMERICAN.search(text), f"{module.id}: American spelling {AMERICAN.search(text).group()!r}"
            assert not re.search(r"lorem|TODO|TBD|placeholder", text, re.I), module.id
