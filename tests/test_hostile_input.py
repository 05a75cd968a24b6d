"""Hostile and unusual course sources: each ends in `path:line: message` and exit 2 (or builds
correctly), never a traceback, a hang or a wrong package."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from .test_source_errors import assert_builds, assert_fails_with, replace


def alias_bomb() -> str:
    """The 'billion laughs': 667 bytes that expand to 9^9 strings."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


IRI_ADVICE = (
    "is not an address xAPI ids can start with: write one such as 'https://example.com/courses/my-course' (http or https and "
    "a host name; no spaces, none of < > \" { } | \\ ^ ` ? # [ ], a '%' only before two hex digits, and no '/' at the end)"
)
COURSE_KEYS = "id, title, version, language, description, iri_base, mastery_score, modules, move_on, free_text_in_statements, self_assessment"
CTRL_MESSAGE = "holds the invisible character U+{code} ({name}), which packages cannot carry: delete it (retyping the text removes it)"

# One edit (file relative to course_src/, old text, new text), the one message it must give.
HOSTILE = [
    pytest.param(
        "intro/reflection.yaml",
        "title: Think about it\n",
        alias_bomb(),
        "course_src/intro/reflection.yaml:1: this file expands to more than 100,000 values (aliases such as '*name' repeat whole blocks): write the values out instead",
        id="alias-bomb",
    ),
    pytest.param(
        "intro/module.yaml",
        "title: Introduction",
        "title: !custom Introduction",
        "course_src/intro/module.yaml:2: '!custom' is a YAML tag, and course files take plain values only: remove the tag",
        id="unknown-tag",
    ),
    pytest.param(
        "intro/tool.yaml",
        "id: starter_tool",
        "id: !!python/object/apply:os.system [echo hi]",
        "course_src/intro/tool.yaml:1: '!!python/object/apply:os.system' is a YAML tag, and course files take plain values only: remove the tag",
        id="python-tag",
    ),
    pytest.param(
        "intro/tool.yaml",
        "kind: self-assessment",
        "kind: self-assessment\n<<: 5",
        "course_src/intro/tool.yaml:4: '<<' merges a block of keys: write '<<: *name' where '&name' marks a block",
        id="merge-of-a-value",
    ),
    pytest.param(
        "second/module.yaml",
        "minutes: 5",
        "minutes: 5\n? [a, b]\n: c",
        "course_src/second/module.yaml:7: a key must be a plain word, not a list or a block: write 'key: value'",
        id="complex-key",
    ),
    pytest.param(
        "second/module.yaml",
        "objectives:\n  - Read.",
        "objectives: &o\n  - Read.\n  - *o",
        "course_src/second/module.yaml:4: an alias ('*name') is used inside the block its anchor ('&name') marks, so the block would contain itself: remove the alias",
        id="self-referencing-alias",
    ),
    pytest.param(
        "second/module.yaml",
        "minutes: 5",
        "extra: " + "[" * 900 + "]" * 900 + "\nminutes: 5",
        "course_src/second/module.yaml:6: lists and blocks are nested more than 50 levels deep here: course files need far fewer",
        id="900-deep",
    ),
    pytest.param(
        "second/module.yaml",
        "minutes: 5",
        "extra: " + "[" * 100_000 + "]" * 100_000 + "\nminutes: 5",
        "course_src/second/module.yaml:6: lists and blocks are nested more than 50 levels deep here: course files need far fewer",
        id="100000-deep-flow",
    ),
    pytest.param(
        "second/module.yaml",
        "minutes: 5",
        "extra:\n" + "- " * 100_000 + "x\nminutes: 5",
        "course_src/second/module.yaml:7: lists and blocks are nested more than 50 levels deep here: course files need far fewer",
        id="100000-deep-block",
    ),
    pytest.param(
        "second/module.yaml",
        "title: Second module",
        "title: Second\x0bmodule",
        "course_src/second/module.yaml:2: this line " + CTRL_MESSAGE.format(code="000B", name="a line break pasted from Word"),
        id="word-line-break",
    ),
    pytest.param(
        "course.yaml",
        "title: Test Course",
        "title: Test\x00Course",
        "course_src/course.yaml:2: this line " + CTRL_MESSAGE.format(code="0000", name="a NUL byte"),
        id="nul",
    ),
    pytest.param(
        "second/module.yaml",
        "title: Second module",
        'title: "Second\\x01module"',
        "course_src/second/module.yaml:2: 'title' " + CTRL_MESSAGE.format(code="0001", name="a control character"),
        id="escaped-control-character",
    ),
    pytest.param(
        "second/module.yaml",
        "title: Second module",
        "title: @second",
        "course_src/second/module.yaml:2: YAML syntax error: a value cannot start with '@': put the whole value in quotes",
        id="cannot-start-a-token",
    ),
    pytest.param(
        "second/module.yaml",
        "title: Second module",
        "title: Second: the sequel",
        "course_src/second/module.yaml:2: YAML syntax error: a ': ' inside a value makes YAML read a new key: put the whole value in quotes",
        id="colon-in-value",
    ),
    pytest.param(
        "second/module.yaml",
        "title: Second module",
        "title: 'Second module",
        "course_src/second/module.yaml:2: YAML syntax error: a quoted value is not closed: add the closing quote",
        id="unclosed-quote",
    ),
    pytest.param(
        "second/module.yaml",
        "minutes: 5",
        "minutes: 5\n\tpages: []",
        "course_src/second/module.yaml:7: YAML syntax error: a tab is used for indentation: indent with spaces",
        id="tab-indent",
    ),
    pytest.param(
        "course.yaml",
        "mastery_score: 80",
        "mastery_score: 80\nnull: x",
        "course_src/course.yaml:8: unknown key 'null': known keys: " + COURSE_KEYS,
        id="key-that-is-not-a-word",
    ),
    pytest.param(
        "second/module.yaml",
        "title: Second module",
        'title: "\\uFFFE"',
        "course_src/second/module.yaml:2: 'title' " + CTRL_MESSAGE.format(code="FFFE", name="a code point Unicode reserves"),
        id="noncharacter",
    ),
    pytest.param(
        "course.yaml",
        "  - second",
        "  - course.yaml",
        "course_src/course.yaml:10: module folder 'course.yaml' is a file, not a folder: list the folder that holds module.yaml",
        id="module-folder-a-file",
    ),
    pytest.param(
        "course.yaml",
        "  - second",
        "  - .",
        "course_src/course.yaml:10: module folder '.' is course_src/ itself: give each module a folder of its own",
        id="module-folder-the-source",
    ),
    # pages
    pytest.param(
        "second/pages/only.md",
        "Just text.",
        "Just caf\udce9.",
        "course_src/second/pages/only.md:4: this line is not UTF-8 text (byte 0xe9): save the file with UTF-8 encoding",
        id="page-not-utf8",
    ),
    pytest.param(
        "second/module.yaml",
        "  - pages/only.md",
        "  - pages/only.md\n  - pages",
        "course_src/second/module.yaml:9: 'course_src/second/pages' is a folder, not a file: name the file inside it",
        id="folder-as-page",
    ),
    pytest.param(
        "second/module.yaml",
        "  - pages/only.md",
        f"  - pages/{'a' * 300}.md",
        f"course_src/second/module.yaml:8: page file 'pages/{'a' * 300}.md' does not exist (looked for course_src/second/pages/{'a' * 300}.md)",
        id="name-too-long-for-the-file-system",
    ),
    pytest.param(
        "intro/pages/01-welcome.md",
        "../images/ladder.png",
        f"../images/{'b' * 300}.png",
        f"course_src/intro/pages/01-welcome.md:6: image '../images/{'b' * 300}.png' does not exist (looked for course_src/intro/images/{'b' * 300}.png)",
        id="image-name-too-long-for-the-file-system",
    ),
    pytest.param(
        "second/pages/only.md",
        "Just text.",
        "Just\x0btext.",
        "course_src/second/pages/only.md:4: this line " + CTRL_MESSAGE.format(code="000B", name="a line break pasted from Word"),
        id="page-control-character",
    ),
    pytest.param(
        "second/pages/only.md",
        "title: Only page",
        "- a\n- b",
        "course_src/second/pages/only.md:2: this should be a block of 'key: value' lines (see docs/authoring.md for an example)",
        id="front-matter-a-list",
    ),
    # generated names
    pytest.param(
        "intro/pages/02-more.md",
        "title: More",
        "id: quiz\ntitle: More",
        "course_src/intro/module.yaml:12: page id 'quiz' is reserved for the module's knowledge check step: give the page another 'id' in its front matter",
        id="page-id-quiz",
    ),
    pytest.param(
        "second/pages/only.md",
        "title: Only page",
        "id: reflection\ntitle: Only page",
        "course_src/second/module.yaml:8: page id 'reflection' is reserved for the module's reflection step: give the page another 'id' in its front matter",
        id="page-id-reflection",
    ),
    pytest.param(
        "second/module.yaml",
        "id: second",
        "id: runtime",
        "course_src/course.yaml:10: module id 'runtime' is the name of a folder every package has: choose another id (not runtime, common, extend, unique, vocab)",
        id="module-id-runtime",
    ),
    pytest.param(
        "intro/pages/01-welcome.md",
        "../images/ladder.png",
        "../module.yaml",
        "course_src/intro/pages/01-welcome.md:6: image '../module.yaml' is not an image file: use .png, .jpg, .jpeg, .gif, .svg or .webp",
        id="image-not-an-image",
    ),
    pytest.param(
        "intro/pages/01-welcome.md",
        "../images/ladder.png",
        "../index.html",
        "course_src/intro/pages/01-welcome.md:6: image '../index.html' is not an image file: use .png, .jpg, .jpeg, .gif, .svg or .webp",
        id="image-named-like-generated-page",
    ),
    # images in the Markdown fields of YAML files
    pytest.param(
        "intro/quiz.yaml",
        "prompt: Which is leadership?",
        "prompt: Which is leadership? ![A chart](images/chart.png)",
        "course_src/intro/quiz.yaml:4: image 'images/chart.png' does not exist (looked for course_src/intro/images/chart.png)",
        id="yaml-image-missing",
    ),
    pytest.param(
        "intro/quiz.yaml",
        "prompt: Which is leadership?",
        "prompt: 'Which is leadership? ![x](../../../etc/passwd)'",
        "course_src/intro/quiz.yaml:4: image '../../../etc/passwd' points outside the module folder: keep images inside course_src/intro/ and refer to them relatively",
        id="yaml-image-outside",
    ),
    pytest.param(
        "intro/tool.yaml",
        "scoring: Count the low answers.",
        "scoring: 'Count the low answers. ![](images/ladder.png)'",
        "course_src/intro/tool.yaml:14: image 'images/ladder.png' has no alt text: write ![what the image shows](images/ladder.png), or ![](images/ladder.png \"decorative\") if it only decorates",
        id="yaml-image-without-alt",
    ),
    pytest.param(
        "intro/pages/01-welcome.md",
        "../images/ladder.png",
        "<../images/my ladder.png>",
        "course_src/intro/pages/01-welcome.md:6: image '../images/my ladder.png' has a name some LMSs mangle ('my ladder.png'): rename it with letters, digits, '-', '_' and '.' only",
        id="image-name-with-space",
    ),
    pytest.param(
        "intro/pages/01-welcome.md",
        "../images/ladder.png",
        "../images/échelle.png",
        "course_src/intro/pages/01-welcome.md:6: image '../images/échelle.png' has a name some LMSs mangle ('échelle.png'): rename it with letters, digits, '-', '_' and '.' only",
        id="image-name-with-accent",
    ),
    # limits of the target formats
    pytest.param(
        "course.yaml",
        "version: 2.1.0",
        "version: 2.1.0-release-candidate-17",
        "course_src/course.yaml:3: 'version' is 26 characters long: packages allow at most 20, so shorten it",
        id="version-too-long",
    ),
    pytest.param(
        "second/module.yaml",
        "title: Second module",
        "title: " + "Long " * 45,
        "course_src/second/module.yaml:2: 'title' is 224 characters long: packages allow at most 200, so shorten it",
        id="title-too-long",
    ),
    pytest.param(
        "course.yaml",
        "test-course\nmastery",
        "test course\nmastery",
        "course_src/course.yaml:6: 'iri_base' value 'https://example.org/xapi/test course' " + IRI_ADVICE,
        id="iri-with-space",
    ),
    pytest.param(
        "course.yaml",
        "test-course\nmastery",
        "{course}\nmastery",
        "course_src/course.yaml:6: 'iri_base' value 'https://example.org/xapi/{course}' " + IRI_ADVICE,
        id="iri-with-brace",
    ),
    pytest.param(
        "course.yaml",
        "https://example.org",
        "https://:example.org",
        "course_src/course.yaml:6: 'iri_base' value 'https://:example.org/xapi/test-course' " + IRI_ADVICE,
        id="iri-without-host",
    ),
    pytest.param(
        "course.yaml", "mastery_score: 80", "mastery_score: true", "course_src/course.yaml:7: 'mastery_score' must be a number, not true", id="mastery-true"
    ),
    pytest.param(
        "intro/module.yaml",
        "mastery_score: 75",
        "mastery_score: 33.333",
        "course_src/intro/module.yaml:9: 'mastery_score' may have at most two decimals, not 33.333",
        id="mastery-three-decimals",
    ),
    pytest.param(
        "intro/quiz.yaml",
        "{id: c, source: Approving leave",
        "{id: c, source: Setting a budget",
        "course_src/intro/quiz.yaml:29: matching source 'Setting a budget' is already used at line 27: list each source once (two sources may share a target)",
        id="matching-source-twice",
    ),
    pytest.param(
        "intro/quiz.yaml",
        "{id: c, text: Signing a budget",
        "{id: c, text: Approving leave",
        "course_src/intro/quiz.yaml:8: choice text 'Approving leave' is already used at line 6: learners could not tell the two choices apart",
        id="choice-text-twice",
    ),
    pytest.param(
        "intro/tool.yaml",
        "  - id: action",
        "  - id: moment",
        "course_src/intro/tool.yaml:16: id 'moment' is already used at course_src/intro/reflection.yaml:4: each prompt, item, statement and field of a module needs its own id",
        id="answer-id-in-reflection-and-tool",
    ),
    # plain-language messages for wrong shapes
    pytest.param(
        "second/module.yaml",
        "objectives:\n  - Read.",
        "objectives: Read.",
        "course_src/second/module.yaml:4: 'objectives' must be a list, with each entry on its own line starting with '- '",
        id="text-for-a-list",
    ),
    pytest.param(
        "second/module.yaml",
        "objectives:\n  - Read.",
        "objectives: []",
        "course_src/second/module.yaml:4: 'objectives' needs at least 1 entry",
        id="empty-list",
    ),
    pytest.param(
        "intro/quiz.yaml",
        "type: true-false",
        "type: truefalse",
        "course_src/intro/quiz.yaml:17: 'type' must be 'single', 'multiple', 'true-false', 'matching' or 'ordering', not 'truefalse'",
        id="unknown-choice",
    ),
    pytest.param(
        "second/module.yaml", "minutes: 5", "minutes: 5.5", "course_src/second/module.yaml:6: 'minutes' must be a whole number, not 5.5", id="float-for-int"
    ),
    pytest.param(
        "second/module.yaml", "title: Second module", "title: ' '", "course_src/second/module.yaml:2: 'title' is empty: write something", id="empty-text"
    ),
    pytest.param(
        "second/module.yaml", "minutes: 5", "minutes: 0", "course_src/second/module.yaml:6: 'minutes' must be at least 1, not 0", id="number-too-small"
    ),
    pytest.param(
        "intro/quiz.yaml",
        "    answer: false",
        "    answer: 'false'",
        "course_src/intro/quiz.yaml:19: 'answer' must be true or false, not 'false'",
        id="quoted-boolean",
    ),
    pytest.param(
        "intro/reflection.yaml",
        "  - id: next_week",
        "  - {id: a, text: A}\n  - {id: b, text: B}\n  - {id: c, text: C}\n  - id: next_week",
        "course_src/intro/reflection.yaml:3: 'prompts' has 5 entries: at most 4 are allowed",
        id="list-too-long",
    ),
    pytest.param(
        "second/module.yaml",
        "  - pages/only.md",
        "  - pages\\only.md",
        "course_src/second/module.yaml:8: page file 'pages\\only.md' must be a relative path with '/' separators",
        id="backslash-path",
    ),
    pytest.param(
        "intro/module.yaml",
        "  - pages/02-more.md",
        "  - pages/02-more.md\n  - pages/01-welcome.md",
        "course_src/intro/module.yaml:13: page id '01-welcome' is already used by another page of this module: give the page another 'id' in its front matter",
        id="page-listed-twice",
    ),
    pytest.param("intro/tool.yaml", "id: starter_tool", "id: welcome", None, id="tool-id-unlike-page-id-builds"),
    pytest.param(
        "intro/quiz.yaml",
        "{id: impact, text: Explain impact}",
        "{id: impact, text: Ask}",
        "course_src/intro/quiz.yaml:39: item text 'Ask' is already used at line 37: learners could not tell the two items apart",
        id="ordering-item-text-twice",
    ),
    pytest.param(
        "intro/quiz.yaml",
        "{id: c, source: Approving leave",
        "{id: b, source: Approving leave",
        "course_src/intro/quiz.yaml:29: pair id 'b' is already used at line 28: every pair of a question needs its own id",
        id="pair-id-twice",
    ),
    pytest.param(
        "intro/quiz.yaml",
        "    feedback:\n      correct: Anyone can lead.\n      incorrect: Leading needs no title.",
        "    feedback: Anyone can lead.",
        "course_src/intro/quiz.yaml:20: 'feedback' must be a block of 'key: value' lines, not 'Anyone can lead.'",
        id="text-for-a-block",
    ),
]


@pytest.mark.parametrize("file, old, new, message", HOSTILE)
def test_hostile_edit_gives_one_message_or_builds(course_copy, file, old, new, message):
    if file.endswith(".md") and "\udce9" in new:  # bytes that are not UTF-8
        path = course_copy / file
        path.write_bytes(path.read_bytes().replace(old.encode(), new.encode("utf-8", "surrogateescape")))
    else:
        replace(course_copy / file, old, new)
    if message is None:
        assert_builds()
    else:
        assert_fails_with([message])


def test_every_repeat_is_reported_with_other_mistakes_at_its_own_line(course_copy):
    replace(course_copy / "intro/quiz.yaml", "  - id: q2\n", "  - id: q1\n")
    replace(course_copy / "intro/quiz.yaml", "    answer: false\n", "")
    assert_fails_with(
        [
            "course_src/intro/quiz.yaml:9: question id 'q1' is already used at line 2: every question needs its own id",
            "course_src/intro/quiz.yaml:16: a 'true-false' question needs 'answer'",
        ]
    )


def test_page_file_name_too_long_for_an_id(course_copy):
    name = "a-very-long-but-perfectly-valid-file-name-for-a-page-of-this-module"
    (course_copy / "second/pages/only.md").rename(course_copy / f"second/pages/{name}.md")
    replace(course_copy / "second/module.yaml", "pages/only.md", f"pages/{name}.md")
    assert_fails_with(
        [
            f"course_src/second/pages/{name}.md:2: file name '{name}' cannot be the page id: add 'id: some-page-name' "
            "(lower-case letters, digits, single hyphens, at most 48 characters) to the front matter"
        ]
    )


def test_symlink_loop_as_a_page(course_copy):
    os.symlink("loop-b.md", course_copy / "second/pages/loop-a.md")
    os.symlink("loop-a.md", course_copy / "second/pages/loop-b.md")
    replace(course_copy / "second/module.yaml", "pages/only.md", "pages/loop-a.md")
    assert_fails_with(["course_src/second/module.yaml:8: page file 'pages/loop-a.md' is a symbolic link that loops or cannot be followed: fix the link"])


def test_unreadable_page(course_copy, monkeypatch):
    """As root every file is readable, so the refusal the OS would give is simulated."""
    original = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "only.md":
            raise PermissionError(13, "Permission denied", str(path))
        return original(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert_fails_with(["course_src/second/module.yaml:8: 'course_src/second/pages/only.md' cannot be read (Permission denied): check the file's permissions"])


def test_plain_yaml_features_build(course_copy):
    """A byte-order mark, merge keys, anchors and dates are ordinary YAML and build."""
    replace(course_copy / "second/pages/only.md", "---", "\ufeff---")
    replace(course_copy / "course.yaml", "id:", "\ufeffid:")
    replace(course_copy / "course.yaml", "version: 2.1.0", "version: 2024-06-01")
    replace(
        course_copy / "intro/quiz.yaml",
        "      correct: Anyone can lead.\n      incorrect: Leading needs no title.",
        "      <<: &fb {correct: Anyone can lead., incorrect: No title needed.}\n      incorrect: Leading needs no title.",
    )
    assert_builds()
    assert 'version="2024-06-01"' in zipfile.ZipFile("dist/test-course-scorm12.zip").read("imsmanifest.xml").decode()


def test_images_in_yaml_markdown_fields_are_packaged(course_copy):
    replace(course_copy / "intro/quiz.yaml", "prompt: Which is leadership?", "prompt: 'Which is leadership? ![A ladder](images/ladder.png)'")
    assert_builds()
    archive = zipfile.ZipFile("dist/test-course-scorm12.zip")
    assert "intro/images/ladder.png" in archive.namelist()
    assert 'src="images/ladder.png"' in archive.read("intro/index.html").decode()


def test_page_id_that_is_the_tool_id(course_copy):
    replace(course_copy / "intro/tool.yaml", "id: starter_tool", "id: planner")
    replace(course_copy / "intro/pages/02-more.md", "title: More", "id: planner\ntitle: More")
    assert_fails_with(
        ["course_src/intro/module.yaml:12: page id 'planner' is already the id of the module's tool: give the page another 'id' in its front matter"]
    )


def test_image_symlink_loop(course_copy):
    os.symlink("loop.png", course_copy / "intro/images/loop.png")
    replace(course_copy / "intro/pages/01-welcome.md", "../images/ladder.png", "../images/loop.png")
    assert_fails_with(["course_src/intro/pages/01-welcome.md:6: image '../images/loop.png' is a symbolic link that loops or cannot be followed: fix the link"])


def test_module_yaml_a_dangling_link(course_copy):
    (course_copy / "second/module.yaml").unlink()
    os.symlink("gone.yaml", course_copy / "second/module.yaml")
    assert_fails_with(["course_src/course.yaml:10: 'course_src/second/module.yaml' is a link that leads nowhere (or in a loop): fix the link"])


def test_quiz_file_that_is_a_folder_is_reported_where_it_is_named(course_copy):
    (course_copy / "intro/quiz.yaml").unlink()
    (course_copy / "intro/quiz.yaml").mkdir()
    assert_fails_with(["course_src/intro/module.yaml:15: 'course_src/intro/quiz.yaml' is a folder, not a file: name the file inside it"])


def test_unreadable_image(course_copy, monkeypatch):
    """As root every file is readable, so the refusal the OS would give is simulated."""
    original = Path.open

    def refuse(path: Path, *args, **kwargs):
        if path.name == "ladder.png":
            raise PermissionError(13, "Permission denied", str(path))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    assert_fails_with(["course_src/intro/pages/01-welcome.md:6: image '../images/ladder.png' cannot be read (Permission denied): check the file's permissions"])
