"""The L&D toolkit (`--target ld-pack`): every document and tool as HTML and PDF, tools as
fillable PDF forms, text from course_src/ld/ and the modules, same bytes twice, and mistakes
in course_src/ld/ reported as path:line with exit status 2."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from als_package.build import build
from als_package.cli import main
from als_package.source import load_course
from als_package.targets import TARGETS, BuildOptions, default_targets

pypdf = pytest.importorskip("pypdf")

REPO = Path(__file__).parent.parent
COURSE = REPO / "course_src"
GUIDES = ("facilitator-guide", "launch-communications", "evaluation-kit")


def _zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _pdf(data: bytes):
    return pypdf.PdfReader(io.BytesIO(data))


def _plain(text: str) -> str:
    """Words only: punctuation and quotes differ between the source, the HTML and PDF text."""
    return " ".join(re.sub(r"[^\w ]", " ", text).split())


def _pdf_text(data: bytes) -> str:
    return _plain(" ".join(page.extract_text() or "" for page in _pdf(data).pages))


def _starts(text: str, words: int = 6) -> str:
    return " ".join(_plain(text).split()[:words])


@pytest.fixture(scope="module")
def course():
    return load_course(COURSE)


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> dict[str, bytes]:
    """The real course's toolkit, built once for this file's tests."""
    out = tmp_path_factory.mktemp("ld")
    result = build(COURSE, out, ("ld-pack",))
    assert [w.path.name for w in result.written] == ["everybody-leads-ld-pack.zip"]
    return _zip(out / "everybody-leads-ld-pack.zip")


def _source(name: str) -> dict:
    return yaml.safe_load((COURSE / "ld" / f"{name}.yaml").read_text(encoding="utf-8"))


def test_ld_pack_is_registered_but_not_in_a_plain_build():
    assert "ld-pack" in TARGETS
    assert "ld-pack" not in default_targets()


def test_the_targets_registry_does_not_import_weasyprint():
    """als-build --help stays fast: WeasyPrint loads only when the toolkit is built."""
    code = "import sys, als_package.cli, als_package.targets; print('weasyprint' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.strip() == "False"


def test_every_document_and_tool_is_there_as_html_and_pdf(pack, course):
    expected = {*GUIDES, *(f"managers/{m.id}" for m in course.modules), *(f"tools/{m.id}" for m in course.modules if m.tool)}
    assert set(pack) == {"index.html"} | {f"{d}.{ext}" for d in expected for ext in ("html", "pdf")}
    index = pack["index.html"].decode()
    for document in expected:
        assert f'href="{document}.html"' in index and f'href="{document}.pdf"' in index
        page = pack[f"{document}.html"].decode()
        assert page.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in page
        assert "--brand-primary" in page and 'class="brand-logo"' not in page  # unbranded: no logo
        pdf = _pdf(pack[f"{document}.pdf"])
        assert pdf.pages  # parses, has pages
        root = pdf.trailer["/Root"]  # tagged, in the course's language: screen readers can read it
        assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root and root["/Lang"] == "en-GB"


def test_tools_are_fillable_pdf_forms_with_a_field_for_every_answer(pack, course):
    for module in (m for m in course.modules if m.tool):
        tool = module.tool
        reader = _pdf(pack[f"tools/{module.id}.pdf"])
        fields = reader.get_fields()
        answers = [*tool.items, *tool.statements, *tool.fields]
        names = {f"{module.id}-{answer.id}" for answer in answers} | {f"{module.id}-name", f"{module.id}-date"}
        assert names <= set(fields), f"{module.id}: missing {names - set(fields)}"
        for item in tool.items:  # a check box, named for screen readers by its text
            assert (fields[f"{module.id}-{item.id}"]["/FT"], fields[f"{module.id}-{item.id}"]["/TU"]) == ("/Btn", item.text)
        for field in tool.fields:  # a text box
            assert (fields[f"{module.id}-{field.id}"]["/FT"], fields[f"{module.id}-{field.id}"]["/TU"]) == ("/Tx", field.label)
        for statement in tool.statements:  # one radio button per scale label
            group = fields[f"{module.id}-{statement.id}"]
            assert len(group["/Kids"]) == len(tool.scale) and group["/TU"] == statement.text
        text = _pdf_text(pack[f"tools/{module.id}.pdf"])
        assert _starts(tool.title) in text and _plain(module.title) in text
        for answer in answers:
            assert _starts(getattr(answer, "label", None) or answer.text) in text


def test_every_page_passes_axe(pack, chromium, tmp_path):
    """The HTML pages are for people too: axe-core finds nothing (Chromium, file://, no server)."""
    from tests.browser.lms import AXE_JS

    for name, data in pack.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    page = chromium.new_page()
    try:
        for name in sorted(n for n in pack if n.endswith(".html")):
            page.goto((tmp_path / name).as_uri())
            page.add_script_tag(path=str(AXE_JS))
            violations = page.evaluate("async () => (await axe.run()).violations.map(v => `${v.id}: ${v.nodes[0].target}`)")
            assert violations == [], f"{name}: {violations}"
    finally:
        page.close()


def test_guides_are_not_forms(pack):
    for document in (*GUIDES, "managers/everybody-leads"):
        assert not _pdf(pack[f"{document}.pdf"]).get_fields()


def test_a_manager_guide_is_one_page_per_module_with_the_modules_own_words(pack, course):
    managers = _source("managers")["modules"]
    for module in course.modules:
        pdf = pack[f"managers/{module.id}.pdf"]
        assert len(_pdf(pdf).pages) == 1, f"the guide for {module.id} runs over one page"
        text = _pdf_text(pdf)
        assert _plain(module.title) in text and _starts(module.summary, 8) in text
        for question in managers[module.id]["ask"]:
            assert _starts(question) in text
        if module.tool:
            assert module.tool.title in pack[f"managers/{module.id}.html"].decode().replace("&#39;", "'")


def test_the_guides_say_what_course_src_ld_says(pack, course):
    facilitator = _pdf_text(pack["facilitator-guide.pdf"])
    plans = _source("facilitator")["modules"]
    for number, module in enumerate(course.modules, start=1):
        assert _plain(f"Session {number}: {module.title}") in facilitator
        for question in plans[module.id]["questions"]:
            assert _starts(question) in facilitator
        if number > 1:  # each session plan names the module to take next, from the course
            assert _plain(f"Then take Module {number}, {module.title} (about {module.minutes} minutes)") in facilitator
    communications = _pdf_text(pack["launch-communications.pdf"])
    for message in _source("communications")["messages"]:
        assert _plain(message["kind"]) in communications and _starts(message["subject"]) in communications
    evaluation = _pdf_text(pack["evaluation-kit.pdf"])
    kit = _source("evaluation")
    for item in (*kit["reaction"]["items"], *kit["manager"]["items"], *kit["behaviour"]["modules"]["leadership-pipeline"]):
        assert _starts(item) in evaluation
    for module in course.modules:
        assert _plain(module.title) in evaluation  # behaviour statements for every module
    assert course.self_assessment is not None  # the course's own before-and-after statements, with their ids
    for statement in course.self_assessment.statements:
        assert _starts(statement.text) in evaluation and statement.id in evaluation


# ---- a small toolkit for the fixture course: fast builds for bytes and mistakes ----

SMALL = {
    "facilitator.yaml": """\
title: Facilitator guide
intro: Run it in groups.
formats:
  - name: Weekly
    text: One module a week.
preparing: Book a room.
session:
  - minutes: 10
    activity: Opening round
ground_rules:
  - Stay kind.
modules:
  intro:
    focus: starting out
    opener: What brought you here?
    questions: [What is leadership?, Who leads where you work?]
    activity: Talk in pairs.
    between: Try one thing.
  second:
    focus: going further
    opener: What did you try?
    questions: [What worked?, What did not?]
    activity: Plan one act.
    between: Do it.
closing: Celebrate.
""",
    "managers.yaml": """\
title: Manager conversation guides
intro: Talk to your people.
modules:
  intro:
    why: It starts here.
    ask: [What did you learn?, What will you try?]
    listen_for: [Specific moments.]
    support: [Time to practise.]
    avoid: judging.
  second:
    why: It goes on.
    ask: [What worked?, What next?]
    listen_for: [Doubts.]
    support: [Praise.]
    avoid: rushing.
""",
    "communications.yaml": """\
title: Launch communications
intro: Send these.
messages:
  - id: announcement
    kind: Announcement e-mail
    when: A week before
    audience: Everyone
    subject: Starting soon
    body: Hello, $course starts soon, with $modules modules of about $minutes minutes, from $first_module to $last_module. It costs $$0.
""",
    "evaluation.yaml": """\
title: Evaluation kit
intro: Find out what works.
reaction:
  title: Reaction
  when: At the end
  scale: [Low, Middle, High]
  items: [It was useful.]
behaviour:
  title: Behaviour
  when: Later
  scale: [Never, Sometimes, Often]
  modules:
    intro: [I led something.]
    second: [I led again.]
manager:
  title: Managers
  when: Later
  scale: [Low, Middle, High]
  items: [I saw a change.]
data:
  - title: What the data shows
    text: Completions and scores.
""",
}


@pytest.fixture
def small_course(course_copy) -> Path:
    """The fixture course with a small toolkit source in course_src/ld/ (the cwd is beside it)."""
    (course_copy / "ld").mkdir()
    for name, text in SMALL.items():
        (course_copy / "ld" / name).write_text(text, encoding="utf-8")
    return course_copy


def _cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_same_source_same_bytes(small_course, tmp_path):
    first = build(small_course, tmp_path / "one", ("ld-pack",))
    second = build(small_course, tmp_path / "two", ("ld-pack",))
    assert [w.path.read_bytes() for w in first.written] == [w.path.read_bytes() for w in second.written]
    files = _zip(first.written[0].path)
    assert set(files) >= {"index.html", "tools/intro.pdf", "managers/second.pdf", "facilitator-guide.pdf"}
    assert "tools/second.html" not in files  # the second module has no tool
    for name in (n for n in files if n.endswith(".pdf")):
        assert not {"/CreationDate", "/ModDate"} & set(_pdf(files[name]).metadata or {})


def test_the_target_checks_that_every_page_has_its_pdf_and_a_link(small_course):
    from als_package.render import render_course

    target = TARGETS["ld-pack"]
    package = target.packages(render_course(load_course(small_course)), BuildOptions(source=small_course))[0]
    assert target.check(package) == []
    del package.files["managers/intro.pdf"]
    package.files["extra.html"] = b"<!DOCTYPE html>"
    assert target.check(package) == ["extra: no extra.pdf", "extra: not linked from index.html", "managers/intro: no managers/intro.pdf"]


def test_a_brand_restyles_every_page_like_the_packages(small_course):
    result = _cli("--target", "ld-pack", "--brand", str(REPO / "brands" / "acme.yaml"))
    assert result.exit_code == 0, result.output
    files = _zip(small_course.parent / "dist" / "test-course-ld-pack.zip")
    for name in (n for n in files if n.endswith(".html")):
        page = files[name].decode()
        assert "<style>:root{--brand-primary:#8a1c4a;--brand-accent:#d1495b;--brand-text:#222831;" in page, name
        assert '<img class="brand-logo" src="data:image/svg+xml;base64,' in page and 'alt="Acme Logistics"' in page, name
    assert _pdf(files["tools/intro.pdf"]).get_fields()


def test_the_cli_builds_the_toolkit_when_asked(small_course):
    result = _cli("--target", "ld-pack")
    assert result.exit_code == 0, result.output
    files = _zip(small_course.parent / "dist" / "test-course-ld-pack.zip")
    message = "Hello, Test Course starts soon, with two modules of about 20 minutes, from Introduction – “Leading” &amp; you to Second module. It costs $0."
    assert message in files["launch-communications.html"].decode()  # facts of the course, filled in


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        ("managers.yaml", "    ask: [What worked?, What next?]", "    ask: What next?", "ld/managers.yaml:12: 'ask' must be a list"),
        ("managers.yaml", "  second:", "  secnod:", "ld/managers.yaml:10: 'secnod' is not a module of this course: did you mean 'second'?"),
        (
            "facilitator.yaml",
            "  second:\n    focus: going further\n    opener: What did you try?\n    questions: [What worked?, What did not?]\n"
            "    activity: Plan one act.\n    between: Do it.\n",
            "",
            "ld/facilitator.yaml:12: no entry for module 'second': add one for each module of the course",
        ),
        ("evaluation.yaml", "  scale: [Never, Sometimes, Often]", "  scale: [Never]", "ld/evaluation.yaml:11: 'scale' needs at least 3 entries"),
        ("communications.yaml", "    kind: Announcement e-mail\n", "    kind: Announcement e-mail\n    colour: red\n", "ld/communications.yaml:6: "),
        (
            "communications.yaml",
            "    body: Hello, $course",
            "    body: Hello, $title",
            "ld/communications.yaml:9: '$title' is not something the toolkit can fill in: use $course, $modules",
        ),
        (
            "communications.yaml",
            "    body: Hello, $course starts soon",
            "    body: '![logo](logo.png)' # the rest of the line is a comment:",
            "ld/communications.yaml:9: the toolkit's text cannot show images",
        ),
        ("facilitator.yaml", "title: Facilitator guide\n", "title: [Facilitator guide\n", "ld/facilitator.yaml:"),
    ],
)
def test_mistakes_in_course_src_ld_are_path_line_and_exit_2(small_course, file, old, new, expected):
    path = small_course / "ld" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    result = _cli("--target", "ld-pack")
    assert result.exit_code == 2
    assert expected in result.output and "Traceback" not in result.output
    assert re.search(r"error(s)? in the course source: nothing was written", result.output)
    assert not (small_course.parent / "dist").exists()


def test_without_weasyprint_the_toolkit_says_what_to_install(small_course, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if it were not installed
    monkeypatch.delitem(sys.modules, "als_package.ldpack.pdf", raising=False)
    result = _cli("--target", "ld-pack")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "Error: --target ld-pack prints its PDFs with WeasyPrint, which is not installed" in result.output
    assert "pip install weasyprint" in result.output and "Nothing was written." in result.output


def test_a_missing_toolkit_file_is_named(small_course):
    (small_course / "ld" / "evaluation.yaml").unlink()
    result = _cli("--target", "ld-pack")
    assert result.exit_code == 2 and "ld/evaluation.yaml" in result.output and "does not exist" in result.output


def test_the_toolkit_covers_only_the_modules_built(small_course, tmp_path):
    """With --module, entries for the other modules are left out quietly."""
    result = build(small_course, tmp_path, ("ld-pack",), BuildOptions(), ("intro",))
    files = _zip(result.written[0].path)
    assert "managers/intro.pdf" in files and "managers/second.pdf" not in files
