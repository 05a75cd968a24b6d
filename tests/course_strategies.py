"""Hypothesis strategies for valid course sources, written out as a course_src/ tree.

Texts draw from all of Unicode that a package can carry (XML specials, accents, emoji,
right-to-left script), identifiers from their documented rules, and every optional part is
sometimes there, so a generated course exercises what an author may legally write.
"""

from __future__ import annotations

import string
from pathlib import Path

import yaml
from hypothesis import strategies as st

from als_package.source.load import GENERATED_STEP_IDS, RESERVED_MODULE_IDS

# Everything but control characters, surrogates and unassigned code points (what the model refuses).
TEXT_CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Cn"))
LETTERS = string.ascii_lowercase + string.digits


def text(max_size: int = 40) -> st.SearchStrategy[str]:
    return st.text(TEXT_CHARACTERS, min_size=1, max_size=max_size).filter(str.strip)


def prose(max_size: int = 120) -> st.SearchStrategy[str]:
    """Markdown-ish text over several lines."""
    return st.lists(text(max_size // 3), min_size=1, max_size=3).map("\n".join)


slug = st.lists(st.text(LETTERS, min_size=1, max_size=8), min_size=1, max_size=3).map("-".join)
key = st.builds(lambda head, tail: head + tail, st.sampled_from(string.ascii_lowercase), st.text(LETTERS + "_", max_size=10))
percent = st.one_of(st.integers(0, 100), st.integers(0, 10000).map(lambda n: n / 100))


def distinct(strategy: st.SearchStrategy, min_size: int, max_size: int) -> st.SearchStrategy[list]:
    """Values that differ after the stripping the model does."""
    return st.lists(strategy, min_size=min_size, max_size=max_size, unique_by=str.strip)


@st.composite
def question(draw, ident: str) -> dict:
    kind = draw(st.sampled_from(["single", "multiple", "true-false", "matching", "ordering"]))
    base = {"id": ident, "type": kind, "prompt": draw(prose())}
    feedback = {"correct": draw(text()), "incorrect": draw(text())}
    if kind in ("single", "multiple"):
        texts = draw(distinct(text(), 2, 5))
        right = {0} if kind == "single" else set(draw(st.lists(st.integers(0, len(texts) - 1), min_size=1)))
        return base | {"choices": [{"id": f"c{i}", "text": t, "correct": i in right, "feedback": draw(text())} for i, t in enumerate(texts)]}
    if kind == "true-false":
        return base | {"answer": draw(st.booleans()), "feedback": feedback}
    if kind == "matching":
        sources = draw(distinct(text(), 2, 5))
        targets = draw(st.lists(text(20), min_size=1, max_size=3))
        return base | {"pairs": [{"id": f"p{i}", "source": s, "target": draw(st.sampled_from(targets))} for i, s in enumerate(sources)], "feedback": feedback}
    return base | {"items": [{"id": f"i{i}", "text": t} for i, t in enumerate(draw(distinct(text(), 2, 5)))], "feedback": feedback}


@st.composite
def tool(draw) -> dict:
    kind = draw(st.sampled_from(["checklist", "worksheet", "conversation-planner", "self-assessment"]))
    result = {"id": draw(key), "title": draw(text()), "kind": kind, "intro": draw(prose())}
    if kind == "checklist":
        result["items"] = [{"id": f"item{i}", "text": draw(text())} for i in range(draw(st.integers(1, 4)))]
    elif kind == "self-assessment":
        result["scale"] = draw(st.lists(text(15), min_size=3, max_size=7))
        result["statements"] = [{"id": f"statement{i}", "text": draw(text())} for i in range(draw(st.integers(1, 4)))]
    else:
        result["fields"] = [{"id": f"field{i}", "label": draw(text()), "hint": draw(text())} for i in range(draw(st.integers(1, 3)))]
    return result


@st.composite
def module(draw, ident: str) -> dict:
    """{'module.yaml': data, 'pages': {name: (front matter, body)}, 'reflection.yaml': ..., ...}."""
    pages = {
        f"page-{i}.md": ({"title": draw(text())} | ({"id": f"{ident}-page-{i}"} if draw(st.booleans()) else {}), draw(prose(300)))
        for i in range(draw(st.integers(1, 3)))
    }
    spec = {
        "id": ident,
        "title": draw(text()),
        "summary": draw(text(80)),
        "objectives": draw(st.lists(text(), min_size=1, max_size=3)),
        "minutes": draw(st.integers(1, 600)),
        "pages": [f"pages/{name}" for name in pages],
    }
    if draw(st.booleans()):
        spec["mastery_score"] = draw(percent)
    files: dict = {"module.yaml": spec, "pages": pages}
    if draw(st.booleans()):
        spec["reflection"] = "reflection.yaml"
        files["reflection.yaml"] = {
            "title": draw(text()),
            "intro": draw(prose()),
            "prompts": [{"id": f"prompt{i}", "text": draw(text())} for i in range(draw(st.integers(1, 4)))],
        }
    if draw(st.booleans()):
        spec["tool"] = "tool.yaml"
        files["tool.yaml"] = draw(tool())
    if draw(st.booleans()):
        spec["quiz"] = "quiz.yaml"
        files["quiz.yaml"] = {"questions": [draw(question(f"q{i}")) for i in range(draw(st.integers(1, 4)))]}
    return files


@st.composite
def course(draw) -> dict:
    ids = draw(st.lists(slug.filter(lambda s: s not in RESERVED_MODULE_IDS + GENERATED_STEP_IDS), min_size=1, max_size=3, unique=True))
    spec = {
        "id": draw(slug),
        "title": draw(text()),
        "version": draw(st.text(TEXT_CHARACTERS, min_size=1, max_size=20).filter(str.strip)),
        "language": draw(st.sampled_from(["en", "en-GB", "fr-CA", "de", "ar", "zh-Hans"])),
        "description": draw(prose()),
        "iri_base": "https://" + draw(st.sampled_from(["example.org", "xapi.example.com:8443", "例え.jp"])) + "/" + draw(slug),
        "mastery_score": draw(percent),
        "modules": ids,
        "move_on": draw(st.sampled_from(["NotApplicable", "Completed", "CompletedOrPassed"])),
    }
    return {"course.yaml": spec, "modules": {ident: draw(module(ident)) for ident in ids}}


def write_course(tree: dict, root: Path) -> None:
    """Write the generated `tree` as a course_src/ folder at `root`."""
    root.mkdir(parents=True)
    _dump(root / "course.yaml", tree["course.yaml"])
    for ident, files in tree["modules"].items():
        (root / ident / "pages").mkdir(parents=True)
        for name, data in files.items():
            if name != "pages":
                _dump(root / ident / name, data)
        for name, (front, body) in files["pages"].items():
            (root / ident / "pages" / name).write_text(f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\n{body}\n", encoding="utf-8")


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
