"""The real question bank gives no test-taking cues, and its keys and stories agree with the pages.

A learner who has not read the modules should do no better than chance by picking the longest
option, guessing "three" in multiple response or "false" in true/false, spotting absolutes,
or matching the last pair by elimination. Where the pages teach an order or a method, the key
teaches the same one. The story guide is docs/story.md.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from als_package.source import load_course, quality

from .conftest import REPO

with quality.collected() as WARNINGS:
    COURSE = load_course(REPO / "course_src")
QUESTIONS = [(m, q) for m in COURSE.modules for q in m.quiz.questions]
SINGLE = [q for _, q in QUESTIONS if q.type == "single"]
MULTIPLE = [q for _, q in QUESTIONS if q.type == "multiple"]
TRUE_FALSE = [q for _, q in QUESTIONS if q.type == "true-false"]
ABSOLUTES = re.compile(r"\b(always|never|every|everyone|everything|all|none|nobody|only|must)\b", re.I)


def module(module_id: str):
    return next(m for m in COURSE.modules if m.id == module_id)


def question(module_id: str, question_id: str):
    return next(q for q in module(module_id).quiz.questions if q.id == question_id)


def page(module_id: str, page_id: str) -> str:
    return next(p.body for p in module(module_id).pages if p.id == page_id)


def feedback_texts() -> list[str]:
    return [f for _, q in QUESTIONS for f in ([c.feedback for c in q.choices] or [q.feedback.correct, q.feedback.incorrect])]


def test_the_real_course_raises_no_authoring_warning():
    assert [str(w) for w in WARNINGS] == []


@pytest.mark.parametrize("rank", ["longest", "shortest"])
def test_the_length_of_the_right_answer_predicts_no_better_than_chance(rank):
    """Chance is 1/k for a question with k choices; allow a third either side of it."""
    chance = sum(1 / len(q.choices) for q in SINGLE)
    pick = max if rank == "longest" else min
    hits = 0
    for q in SINGLE:
        lengths = sorted(len(c.text) for c in q.choices)
        key = len(next(c.text for c in q.choices if c.correct))
        extreme = pick(lengths)
        hits += key == extreme and lengths.count(extreme) == 1
    assert chance * 2 / 3 <= hits <= chance * 4 / 3, f"right answer is the {rank} choice in {hits} of {len(SINGLE)} (chance {chance:.1f})"


def test_no_right_answer_stands_out_by_length():
    assert [q.id for q in SINGLE if quality.longest_by_margin(q)] == []


def test_multiple_response_has_no_favourite_number_of_right_answers():
    counts = Counter(sum(c.correct for c in q.choices) for q in MULTIPLE)
    assert len(counts) >= 3, counts
    assert max(counts.values()) <= 0.45 * len(MULTIPLE), counts
    assert all(sum(c.correct for c in q.choices) < len(q.choices) for q in MULTIPLE), "a question with every choice right"


def test_the_longest_multiple_response_choice_is_right_about_as_often_as_any_choice():
    base = sum(c.correct for q in MULTIPLE for c in q.choices) / sum(len(q.choices) for q in MULTIPLE)
    longest = sum(max(q.choices, key=lambda c: len(c.text)).correct for q in MULTIPLE) / len(MULTIPLE)
    assert abs(longest - base) <= 0.15, (longest, base)


def test_true_false_keys_are_balanced_and_no_false_statement_leans_on_an_absolute():
    keys = Counter(q.answer for q in TRUE_FALSE)
    assert abs(keys[True] - keys[False]) <= 1, keys
    assert [q.prompt for q in TRUE_FALSE if not q.answer and ABSOLUTES.search(q.prompt)] == []


def test_every_matching_question_has_a_target_shared_by_two_sources():
    """With one target per source, the last pair is free by elimination."""
    assert [f"{m.id}/{q.id}" for m, q in QUESTIONS if q.type == "matching" and len(q.targets) == len(q.pairs)] == []


def test_no_feedback_repeats_the_players_verdict():
    assert [f for f in feedback_texts() if quality.VERDICT.match(f)] == []


def test_no_opening_dominates_the_feedback():
    openings = Counter(" ".join(f.lower().split()[:2]) for f in feedback_texts())
    opening, count = openings.most_common(1)[0]
    assert count <= 0.06 * sum(openings.values()), (opening, count)


def test_receiving_feedback_is_taught_and_keyed_in_one_order():
    """Listen, ask for an example, then thank: the pages of modules 3 and 8 and both ordering keys agree."""
    for module_id, page_id, ask in (
        ("knowing-yourself", "04-blind-spots", "Ask for an example"),
        ("feedback-that-helps", "04-receiving-feedback-well", "**Ask to understand"),
    ):
        body = page(module_id, page_id)
        assert body.index("**Listen") < body.index(ask) < body.index("**Thank"), module_id
    assert [i.id for i in question("knowing-yourself", "q5").items][-2:] == ["listen", "change"]
    assert "ask for an example" in question("knowing-yourself", "q5").items[-2].text.lower()
    order = [i.id for i in question("feedback-that-helps", "q9").items]
    assert order.index("listen_end") < order.index("ask_example") < order.index("thank")


def test_encouraging_ideas_keys_only_questions_not_fixes():
    """Module 9 teaches 'ask rather than fix': every right answer about shaping Kasia's idea is a question."""
    assert "Ask rather than fix" in page("encouraging-ideas", "02-helping-an-idea-grow")
    right = [c.text for c in question("encouraging-ideas", "q8").choices if c.correct]
    assert right and all(text.startswith("Ask") for text in right)


def test_one_self_assessment_scale_for_the_whole_course():
    scales = {m.id: m.tool.scale for m in COURSE.modules if m.tool and m.tool.statements}
    assert len(scales) >= 3 and set(scales.values()) == {("Rarely", "Sometimes", "Often", "Almost always")}, scales


def text_of(m) -> str:
    parts = [p.body for p in m.pages] + [q.prompt for q in m.quiz.questions]
    parts += [c.text for q in m.quiz.questions for c in q.choices] + [p.source for q in m.quiz.questions for p in q.pairs]
    return "\n".join(parts)


def test_the_recurring_stories_agree_with_the_story_guide():
    everything = "\n".join(text_of(m) for m in COURSE.modules)
    warehouse = "\n".join(p for p in everything.split("\n") if "Marcus" in p)
    assert not re.search(r"shift manager|shift lead\b|early shift|morning shift", warehouse, re.I), "Marcus's warehouse has a day and a night shift"
    assert "Bev, the night-shift supervisor" in page("everybody-leads", "03-ordinary-moments"), "Bev is Marcus's line manager"
    assert "fast-moving" in text_of(module("influence-without-authority"))
    assert not re.search(r"fast-(moving|selling)|picking route", text_of(module("encouraging-ideas"))), "the fast-moving stock idea is Marcus's, in module 4"
    assert "month-end checklist" not in text_of(module("what-is-leadership")), "Elena proposes the checklist in module 4; she does not run one in module 2"
    assert "whiteboard" not in page("building-trust", "04-relationships-beyond-your-team"), "Marcus's handover sheet replaced the whiteboard in module 1"
    assert "Jordan joined" in page("encouraging-ideas", "04-welcoming-a-new-colleague"), "Jordan arrived before module 2, so module 9 looks back"
    assert "Supporting a decision you did not make" not in text_of(module("decisions-and-priorities")), "module 7 is where that is taught"


def test_every_module_ends_on_a_page_with_the_same_title():
    assert {m.pages[-1].title for m in COURSE.modules} == {"Summary and next steps"}


def test_a_glossary_in_module_one_and_sources_in_every_later_module():
    glossary = page("everybody-leads", "glossary")
    for term in ("Leadership", "Influence", "Blind spot", "Situation, behaviour, impact", "Urgent and important", "Position and interest", "70-20-10"):
        assert f"| {term} |" in glossary, term
    for m in COURSE.modules[1:]:
        sources = m.pages[-1].body.split("## Where these ideas come from")
        assert len(sources) == 2 and re.search(r"^- [A-Z][^()]+\(\d{4}\) ", sources[1], re.M), m.id
