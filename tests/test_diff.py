"""`als-build diff`: real builds of tests/roots/minimal and edited copies of it, as zips and as
source folders; the saved-attempt verdict checked against the runtime's own codec (Node)."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from als_package.build import build
from als_package.cli import main
from als_package.release.layout import module_layout, unreadable
from als_package.render import player_data
from als_package.source import load_course
from als_package.targets import BuildOptions

from .conftest import ROOTS
from .test_state_codec import Codec

pytestmark = pytest.mark.filterwarnings("ignore")  # authoring advice on the fixture course is not what these tests look at


def run(*args: str):
    return CliRunner().invoke(main, ["diff", *map(str, args)], catch_exceptions=False)


def edited(tmp_path: Path, name: str, *changes: tuple[str, str, str]) -> Path:
    """A copy of the minimal course with each (file, old text, new text) replaced once; an empty old text makes the file."""
    root = tmp_path / name
    shutil.copytree(ROOTS / "minimal", root)
    for file, old, new in changes:
        path = root / file
        text = path.read_text(encoding="utf-8") if old else ""
        assert old in text, (file, old)
        path.write_text(text.replace(old, new, 1) if old else new, encoding="utf-8")
    return root


def built(source: Path, out: Path, target: str = "scorm2004-4th") -> Path:
    build(source, out, (target,), BuildOptions())
    return next(out.glob("*.zip"))


RENAMED_MODULE = ("intro/module.yaml", "id: intro", "id: intro-two")
ANSWER_KEY = ("intro/quiz.yaml", "answer: false", "answer: true")
MASTERY = ("intro/module.yaml", "mastery_score: 75", "mastery_score: 80")
REORDERED_PAGES = ("intro/module.yaml", "  - pages/01-welcome.md\n  - pages/02-more.md", "  - pages/02-more.md\n  - pages/01-welcome.md")
RETITLED = ("intro/pages/02-more.md", "title: More", "title: More about it")
NEW_PAGE = ("second/pages/only-two.md", "", "---\ntitle: Another page\n---\nMore text.\n")


@pytest.fixture(scope="module")
def old_zip(tmp_path_factory) -> Path:
    return built(ROOTS / "minimal", tmp_path_factory.mktemp("old"))


def test_the_same_release_is_safe_to_upload(old_zip, tmp_path):
    again = built(ROOTS / "minimal", tmp_path)
    result = run(old_zip, again)
    assert result.exit_code == 0, result.output
    assert "Safe to upload" in result.output and "Breaks" not in result.output and "Notes" not in result.output
    folders = run(ROOTS / "minimal", edited(tmp_path, "copy"))
    assert folders.exit_code == 0, folders.output


def test_a_renamed_module_id_breaks_records_in_zips_and_in_source_folders(old_zip, tmp_path):
    renamed = edited(tmp_path, "renamed", RENAMED_MODULE)
    result = run(old_zip, built(renamed, tmp_path / "out"))
    assert result.exit_code == 1, result.output
    breaks, notes = result.output.split("Breaks learners' records")[1].split("Notes")
    assert "module intro: removed or renamed (the new release has module intro-two instead: renamed?)" in breaks
    assert "SCO ITEM-intro, resource RES-intro, interaction intro.q1" in breaks
    assert "module intro-two: new" in notes
    folders = json.loads(run(ROOTS / "minimal", renamed, "--json").output)
    assert folders["breaks"] is True
    renames = [f for f in folders["findings"] if f["subject"] == "module intro"]
    assert len(renames) == 1 and renames[0]["packages"] == ["scorm12", "scorm2004-3rd", "scorm2004-4th", "xapi", "cmi5"]
    found = set(renames[0]["identifiers"])
    assert {
        "SCO ITEM-intro",
        "interaction intro.q5",
        "objective intro.objective_2",
        "AU https://example.org/xapi/test-course/intro",
        "activity https://example.org/xapi/test-course/intro/questions/q1",
    } <= found
    menu = next(f for f in folders["findings"] if f["subject"] == "saved attempts in the course menu")
    assert menu["breaks"] and menu["packages"] == ["xapi"]


@pytest.mark.parametrize(
    "change, subject, words",
    [
        (ANSWER_KEY, "answer key of intro.q3", 'changed from "false" to "true"'),
        (MASTERY, "module intro", "mastery score changed from 75 to 80"),
        (REORDERED_PAGES, "saved attempts in module intro", "the steps changed from page:01-welcome, page:02-more,"),
    ],
    ids=["answer-key", "mastery-score", "reordered-steps"],
)
def test_changes_that_judge_or_read_learners_differently_break(old_zip, tmp_path, change, subject, words):
    new = edited(tmp_path, "new", change)
    for old_side, new_side in ((old_zip, built(new, tmp_path / "out")), (ROOTS / "minimal", new)):
        result = run(old_side, new_side, "--json")
        assert result.exit_code == 1, result.output
        summary = json.loads(result.output)
        assert summary["findings"][0]["breaks"] is True
        assert any(f["breaks"] and f["subject"] == subject and words in f["message"] for f in summary["findings"]), summary["findings"]


def foreign(path: Path, name: str, text: str) -> Path:
    """A package another tool made: its control file and nothing of ours."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(name, text)
        archive.writestr("index.html", "<html></html>")
    return path


def test_a_changed_mastery_score_is_read_from_a_foreign_manifest(tmp_path):
    def package(name: str, mastery: str, item: str) -> Path:
        manifest = f"""<?xml version="1.0"?>
<manifest xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" identifier="M1">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="O"><organization identifier="O"><title>T</title>
    <item identifier="{item}" identifierref="R"><title>Lesson</title><adlcp:masteryscore>{mastery}</adlcp:masteryscore></item>
  </organization></organizations>
  <resources><resource identifier="R" type="webcontent" adlcp:scormtype="sco" href="index.html"><file href="index.html"/></resource></resources>
</manifest>"""
        return foreign(tmp_path / name, "imsmanifest.xml", manifest)

    result = run(package("a.zip", "70", "I1"), package("b.zip", "90", "I1"))
    assert result.exit_code == 1
    assert "SCO I1: mastery score changed from 70 to 90" in result.output
    assert "carries no als-build page data" in result.output
    renamed = run(package("a.zip", "70", "I1"), package("c.zip", "70", "I2"))
    assert (
        renamed.exit_code == 1
        and "SCO identifiers: removed or renamed: learners' records filed under them can no longer be matched\n      I1\n" in renamed.output
    )


def test_a_foreign_scorm_2004_manifest_gives_its_mastery_and_objectives(tmp_path):
    def package(name: str, measure: str, objective: str) -> Path:
        return foreign(
            tmp_path / name,
            "imsmanifest.xml",
            f"""<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss" identifier="M">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="O"><organization identifier="O"><title>T</title>
    <item identifier="I1" identifierref="R"><title>Lesson</title>
      <imsss:sequencing><imsss:objectives>
        <imsss:primaryObjective objectiveID="{objective}" satisfiedByMeasure="true"><imsss:minNormalizedMeasure>{measure}</imsss:minNormalizedMeasure></imsss:primaryObjective>
      </imsss:objectives></imsss:sequencing>
    </item>
  </organization></organizations>
  <resources><resource identifier="R" type="webcontent" adlcp:scormType="sco" href="index.html"><file href="index.html"/></resource></resources>
</manifest>""",
        )

    result = run(package("a.zip", "0.8", "lesson.passed"), package("b.zip", "0.9", "lesson.done"))
    assert result.exit_code == 1
    assert "package: SCORM 2004 4th Edition" in result.output and "SCO I1: mastery score changed from 80 to 90" in result.output
    assert "objective identifiers: removed or renamed: learners' records filed under them can no longer be matched\n      lesson.passed" in result.output


def test_foreign_cmi5_and_xapi_packages_are_compared_by_their_control_files(tmp_path):
    def cmi5(name: str, au: str, mastery: str) -> Path:
        return foreign(
            tmp_path / name,
            "cmi5.xml",
            f"""<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.com/c"><title><langstring lang="en">C</langstring></title></course>
  <au id="{au}" masteryScore="{mastery}" moveOn="Passed"><title><langstring lang="en">Lesson</langstring></title><url>index.html</url></au>
</courseStructure>""",
        )

    def tincan(name: str, activity: str) -> Path:
        return foreign(
            tmp_path / name,
            "tincan.xml",
            f"""<tincan xmlns="http://projecttincan.com/tincan.xsd"><activities>
  <activity id="{activity}" type="http://adlnet.gov/expapi/activities/course"><name>C</name><launch>index.html</launch></activity>
</activities></tincan>""",
        )

    mastery = run(cmi5("a.zip", "https://example.com/c/au1", "0.8"), cmi5("b.zip", "https://example.com/c/au1", "0.85"))
    assert mastery.exit_code == 1 and "AU https://example.com/c/au1: mastery score changed from 80 to 85" in mastery.output
    renamed = run(cmi5("a.zip", "https://example.com/c/au1", "0.8"), cmi5("c.zip", "https://example.com/c/au2", "0.8"))
    assert renamed.exit_code == 1 and "AU identifiers: removed or renamed" in renamed.output
    assert run(tincan("d.zip", "https://example.com/x"), tincan("e.zip", "https://example.com/x")).exit_code == 0
    moved = run(tincan("d.zip", "https://example.com/x"), tincan("f.zip", "https://example.com/y"))
    assert moved.exit_code == 1 and "activity identifiers: removed or renamed" in moved.output


def test_harmless_changes_are_notes_and_exit_zero(tmp_path):
    added_page = ("second/module.yaml", "  - pages/only.md", "  - pages/only.md\n  - pages/only-two.md")
    no_quiz_mastery = ("course.yaml", "mastery_score: 80", "mastery_score: 85")  # only module second uses it, and it has no quiz
    new = edited(tmp_path, "new", RETITLED, ("intro/quiz.yaml", "Which is leadership?", "Which one is leadership?"), added_page, NEW_PAGE, no_quiz_mastery)
    result = run(ROOTS / "minimal", new)
    assert result.exit_code == 0, result.output
    assert "Breaks" not in result.output and "Safe to upload" in result.output
    assert "saved attempts in module second: layout" in result.output and "by additions at the end only" in result.output
    assert (
        "new activity identifiers: learners' records start afresh under them [xapi, cmi5]\n      https://example.org/xapi/test-course/second/pages/only-two"
        in result.output
    )


def test_target_limits_a_folder_comparison_to_its_packages(tmp_path):
    summary = json.loads(run(ROOTS / "minimal", edited(tmp_path, "new", MASTERY), "--target", "cmi5", "--target", "scorm12", "--json").output)
    assert list(summary["packages"]) == ["cmi5", "scorm12"]
    assert summary["packages"]["scorm12"]["layouts"]["intro"]["old"] == summary["packages"]["scorm12"]["layouts"]["intro"]["new"]
    assert [f["packages"] for f in summary["findings"] if f["subject"] == "module intro"] == [["cmi5", "scorm12"]]


def test_output_is_the_same_for_the_same_input(old_zip, tmp_path):
    new = built(edited(tmp_path, "new", RENAMED_MODULE, ANSWER_KEY), tmp_path / "out")
    assert run(old_zip, new).output == run(old_zip, new).output
    assert run(old_zip, new, "--json").output == run(old_zip, new, "--json").output


def test_unusable_inputs_exit_2_with_a_plain_message(old_zip, tmp_path):
    not_a_zip = tmp_path / "notes.zip"
    not_a_zip.write_text("hello")
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("index.html", "<html></html>")
    broken = edited(tmp_path, "broken", ("intro/quiz.yaml", "answer: false", "answer: maybe"))
    bad_xml, bad_data = tmp_path / "bad-xml.zip", tmp_path / "bad-data.zip"
    with zipfile.ZipFile(old_zip) as source, zipfile.ZipFile(bad_xml, "w") as xml, zipfile.ZipFile(bad_data, "w") as data:
        for name in source.namelist():
            content = source.read(name)
            xml.writestr(name, content[:200] if name == "imsmanifest.xml" else content)
            data.writestr(name, content.replace(b'id="als-data">{', b'id="als-data">{{') if name == "intro/index.html" else content)
    cases = [
        ((tmp_path / "missing.zip", old_zip), "missing.zip: no such file or folder"),
        ((not_a_zip, old_zip), "notes.zip: not a readable zip file"),
        ((empty, old_zip), "empty.zip: no imsmanifest.xml, cmi5.xml or tincan.xml at the top of the package"),
        ((old_zip, ROOTS / "minimal"), "compare two package zips, or two course source folders, not one of each"),
        ((tmp_path, tmp_path), "must be a course source folder (holding course.yaml)"),
        ((ROOTS / "minimal", broken), "broken/intro/quiz.yaml:"),
        ((bad_xml, old_zip), "bad-xml.zip: imsmanifest.xml is not well-formed XML"),
        ((old_zip, bad_data), "bad-data.zip: the page data (#als-data) in intro/index.html is not valid JSON"),
        ((ROOTS / "minimal", ROOTS / "minimal", "--target", "scorm13"), "unknown target scorm13"),
    ]
    for args, words in cases:
        result = CliRunner().invoke(main, ["diff", *map(str, args)])
        assert result.exit_code == 2, (args, result.output)
        assert words in result.stderr and "Traceback" not in result.output, (args, result.stderr)
        as_json = CliRunner().invoke(main, ["diff", "--json", *map(str, args)])
        assert as_json.exit_code == 2 and words in json.loads(as_json.stdout)["errors"][0]["message"]


# ---- the saved-attempt verdict against the runtime's codec ----


def module_data(root: Path, module: str = "intro") -> dict:
    course = load_course(root)
    return player_data(course, next(m for m in course.modules if m.id == module))


def learner_state(data: dict) -> dict:
    """A learner who left something in every part, each part different from its neighbours."""
    scale = len(data["scale"])
    answers = []
    for question in data["questions"]:
        answers.append(
            {
                "single": question["choices"][-1] if question["choices"] else None,
                "multiple": question["choices"][:1],
                "true-false": "true",
                "matching": {p: str(question["targets"]) for p in question["pairs"]},
                "ordering": list(reversed(question["items"])),
            }[question["type"]]
        )
    return {
        "step": len(data["steps"]) - 1,
        "seen": [i % 2 == 0 for i in range(len(data["steps"]))],
        "best": 60,
        "submitted": True,
        "answers": answers,
        "checks": {c: i % 2 == 0 for i, c in enumerate(data["checks"])},
        "likert": {s["id"]: scale - i % scale for i, s in enumerate(data["likert"])},
        "texts": {t["id"]: f"text for {t['id']}" for t in data["texts"]},
    }


def by_id(data: dict, state: dict) -> dict:
    """A state in the module's own terms: what each step, question, item and field holds (a fresh state has no seen bits)."""
    steps = [f"{s['kind']}:{s['id']}" for s in data["steps"]]
    return {
        "step": steps[state["step"]],
        "seen": {s for s, seen in zip(steps, state["seen"], strict=False) if seen},
        "answers": {q["id"]: a for q, a in zip(data["questions"], state["answers"], strict=True) if a not in (None, {}, [])},
        "checks": {c for c, ticked in state["checks"].items() if ticked},
        "likert": state["likert"],
        "texts": {t: v for t, v in state["texts"].items() if v},
    }


def reads_correctly(codec: Codec, old: dict, new: dict) -> bool:
    """The runtime's truth: the old attempt, decoded under the new module, says what the learner saved,
    in the new module's terms (no rating beyond its scale, no target it does not have)."""
    saved, _ = codec.round_trip(old, learner_state(old))
    decoded = codec.decode(new, saved)
    targets = {q["id"]: q["targets"] for q in new["questions"]}
    in_range = all(v <= len(new["scale"]) for v in decoded["likert"].values()) and all(
        int(t) <= targets[q["id"]] for q, a in zip(new["questions"], decoded["answers"], strict=True) if q["type"] == "matching" and a for t in a.values()
    )
    return in_range and by_id(old, learner_state(old)) == by_id(new, decoded)


TOOL = "intro/tool.yaml"
QUIZ = "intro/quiz.yaml"
LAYOUT_EDITS: list[tuple[str, tuple[tuple[str, str, str], ...], bool]] = [
    ("retitled and reworded", (RETITLED, ("intro/quiz.yaml", "Order the steps.", "Put the steps in order."), (TOOL, "I listen.", "I listen well.")), True),
    ("answer key", (ANSWER_KEY,), True),
    ("reordered pages", (REORDERED_PAGES,), False),
    (
        "page added before the activities",
        (
            ("intro/module.yaml", "  - pages/02-more.md", "  - pages/02-more.md\n  - pages/03-new.md"),
            ("intro/pages/03-new.md", "", "---\ntitle: New\n---\nText.\n"),
        ),
        False,
    ),
    ("choice appended", ((QUIZ, "  - id: q2\n", "      - {id: d, text: Hiring, feedback: No.}\n  - id: q2\n"),), True),
    (
        "choices reordered",
        (
            (
                QUIZ,
                "      - {id: a, text: Summarising, correct: true, feedback: Yes.}\n      - {id: b, text: Interrupting, feedback: No.}",
                "      - {id: b, text: Interrupting, feedback: No.}\n      - {id: a, text: Summarising, correct: true, feedback: Yes.}",
            ),
        ),
        False,
    ),
    (
        "ordering item appended",
        ((QUIZ, "      - {id: impact, text: Explain impact}", "      - {id: impact, text: Explain impact}\n      - {id: agree, text: Agree}"),),
        False,
    ),
    (
        "matching pair appended",
        (
            (
                QUIZ,
                "      - {id: c, source: Approving leave, target: Management}",
                "      - {id: c, source: Approving leave, target: Management}\n      - {id: d, source: Coaching, target: Support}",
            ),
        ),
        True,
    ),
    (
        "matching target removed",
        ((QUIZ, "      - {id: b, source: Suggesting a handover, target: Leadership}", "      - {id: b, source: Suggesting a handover, target: Management}"),),
        False,
    ),
    (
        "question appended",
        (
            (
                QUIZ,
                "      correct: Right order.\n      incorrect: Wrong order.",
                "      correct: Right order.\n      incorrect: Wrong order.\n  - id: q6\n    type: true-false\n    prompt: Is it?\n"
                "    answer: true\n    feedback:\n      correct: Yes.\n      incorrect: No.",
            ),
        ),
        True,
    ),
    ("question type changed", ((QUIZ, "    type: single\n", "    type: multiple\n"),), False),
    ("checklist item appended", ((TOOL, "    text: I know my goal.", "    text: I know my goal.\n  - id: plan\n    text: I plan."),), True),
    (
        "statements reordered",
        (
            (
                TOOL,
                "  - id: ask_views\n    text: I ask for views first.\n  - id: listen\n    text: I listen.",
                "  - id: listen\n    text: I listen.\n  - id: ask_views\n    text: I ask for views first.",
            ),
        ),
        False,
    ),
    ("statement appended", ((TOOL, "    text: I listen.", "    text: I listen.\n  - id: summarise\n    text: I summarise."),), True),
    (
        "page renamed",
        (("intro/module.yaml", "  - pages/01-welcome.md", "  - pages/01-hello.md"), ("intro/pages/01-hello.md", "", "---\ntitle: Welcome\n---\nText.\n")),
        False,
    ),
    ("scale grown", ((TOOL, "scale: [Rarely, Sometimes, Often, Always]", "scale: [Never, Rarely, Sometimes, Often, Always]"),), True),
    ("scale shrunk", ((TOOL, "scale: [Rarely, Sometimes, Often, Always]", "scale: [Rarely, Sometimes, Often]"),), False),
    (
        "reflection prompt added",
        (("intro/reflection.yaml", "    text: Where could you do the same?", "    text: Where could you do the same?\n  - id: later\n    text: And later?"),),
        False,
    ),
]


@pytest.fixture(scope="module")
def codec():
    driver = Codec()
    yield driver
    driver.process.stdin.close()
    driver.process.wait(timeout=10)


@pytest.mark.parametrize("name, changes, readable", LAYOUT_EDITS, ids=[e[0] for e in LAYOUT_EDITS])
def test_the_saved_attempt_verdict_is_the_codecs(codec, tmp_path, name, changes, readable):
    old, new = module_data(ROOTS / "minimal"), module_data(edited(tmp_path, "new", *changes))
    assert reads_correctly(codec, old, new) is readable, "the runtime disagrees with what this case expects"
    before, after = module_layout(old, "S"), module_layout(new, "S")
    assert (unreadable(before, after) == []) is readable, unreadable(before, after)
    structural = name not in ("retitled and reworded", "answer key")
    assert (before.fingerprint() != after.fingerprint()) is structural


def test_a_new_saved_state_format_discards_every_attempt():
    data = module_data(ROOTS / "minimal")
    problems = unreadable(module_layout(data, "S1"), module_layout(data, "S2"))
    assert problems == ["the saved-state format changed from S1 to S2: every saved attempt is discarded"]
