"""suspend_data: the runtime's own encoder (run in Node) never passes SCORM 1.2's 4,096 characters,
even for a learner who fills every field to its limit, and decodes to exactly what it encoded."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from als_package.render import player_data
from als_package.source import load_course
from als_package.state_budget import SUSPEND_DATA_LIMIT

from .conftest import REPO, ROOTS

DRIVER = Path(__file__).parent / "js" / "codec_driver.js"
AWKWARD = "~:9é\n“🙂"  # separators, digits, accents, newlines and a character JS counts twice


class Codec:
    def __init__(self) -> None:
        self.process = subprocess.Popen(["node", str(DRIVER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def _ask(self, request: dict) -> dict:
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def round_trip(self, data: dict, state: dict) -> tuple[str, dict]:
        reply = self._ask({"data": data, "state": state})
        return reply["encoded"], reply["decoded"]

    def decode(self, data: dict, saved: str) -> dict:
        return self._ask({"data": data, "saved": saved})["decoded"]


@pytest.fixture(scope="module")
def codec():
    driver = Codec()
    yield driver
    driver.process.stdin.close()
    driver.process.wait(timeout=10)


def all_modules():
    for root in (REPO / "course_src", ROOTS / "minimal"):
        course = load_course(root)
        for module in course.modules:
            yield pytest.param(player_data(course, module), id=f"{course.id}/{module.id}")


def fill(limit: int) -> str:
    """`limit` UTF-16 code units of awkward text, as a textarea with maxlength=limit allows."""
    text = ""
    for char in AWKWARD * (limit + 1):
        if len(text.encode("utf-16-le")) // 2 + len(char.encode("utf-16-le")) // 2 > limit:
            break
        text += char
    return text


def longest_answer(question: dict):
    kind = question["type"]
    if kind == "single":
        return question["choices"][-1]
    if kind == "multiple":
        return list(question["choices"])
    if kind == "true-false":
        return "false"
    if kind == "matching":
        return {p: str(question["targets"]) for p in question["pairs"]}
    return list(reversed(question["items"]))


def worst_case(data: dict) -> dict:
    return {
        "step": len(data["steps"]) - 1,
        "seen": [True] * len(data["steps"]),
        "best": 100,
        "submitted": True,
        "seed": "zzzz",
        "answers": [longest_answer(q) for q in data["questions"]],
        "checks": {c: True for c in data["checks"]},
        "likert": {s["id"]: s["scale"] for s in data["likert"]},
        "texts": {t["id"]: fill(data["textLimit"]) for t in data["texts"]},
    }


@pytest.mark.parametrize("data", all_modules())
def test_worst_case_fits_scorm12_suspend_data(codec, data):
    state = worst_case(data)
    encoded, decoded = codec.round_trip(data, state)
    assert len(encoded) <= SUSPEND_DATA_LIMIT  # JS length = UTF-16 code units, as scorm-again and Moodle count
    assert decoded == state
    if data["texts"]:
        assert data["textLimit"] >= 200


def test_real_course_keeps_generous_free_text():
    limits = [d.values[0]["textLimit"] for d in all_modules() if d.values[0]["texts"]]
    assert min(limits) >= 400


def test_damaged_or_foreign_data_starts_fresh(codec):
    course = load_course(ROOTS / "minimal")
    data = player_data(course, course.modules[0])
    saved, _ = codec.round_trip(data, worst_case(data))
    for damaged in ("", "garbage", "S0" + saved[2:], saved[: saved.rindex(":") - 2], saved.replace("~", "", 1)):
        decoded = codec.decode(data, damaged)
        assert decoded["step"] == 0 and decoded["best"] is None and decoded["texts"] == {}, damaged[:40]


@st.composite
def states(draw, data):
    def answer(q):
        kind = q["type"]
        if kind == "single":
            return draw(st.sampled_from(q["choices"]))
        if kind == "multiple":
            return draw(st.lists(st.sampled_from(q["choices"]), min_size=1, unique=True).map(lambda xs: [c for c in q["choices"] if c in xs]))
        if kind == "true-false":
            return draw(st.sampled_from(["true", "false"]))
        if kind == "matching":
            return draw(st.fixed_dictionaries({p: st.sampled_from([str(n) for n in range(1, q["targets"] + 1)]) for p in q["pairs"]}))
        return draw(st.permutations(q["items"]))

    steps = len(data["steps"])
    return {
        "step": draw(st.integers(0, steps - 1)),
        "seen": draw(st.lists(st.booleans(), min_size=steps, max_size=steps)),
        "best": draw(st.none() | st.integers(0, 100)),
        "submitted": draw(st.booleans()),
        "seed": draw(st.text("0123456789abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=4)),
        "answers": [None if draw(st.booleans()) else answer(q) for q in data["questions"]],
        "checks": {c: True for c in data["checks"] if draw(st.booleans())},
        "likert": {s["id"]: draw(st.integers(1, s["scale"])) for s in data["likert"] if draw(st.booleans())},
        "texts": {t["id"]: draw(st.text(max_size=60)) for t in data["texts"]},
    }


_course = load_course(ROOTS / "minimal")
_DATA = player_data(_course, _course.modules[0])


@settings(max_examples=150, deadline=None)
@given(state=states(_DATA))
def test_any_state_round_trips(codec, state):
    _, decoded = codec.round_trip(_DATA, state)
    assert decoded == state
