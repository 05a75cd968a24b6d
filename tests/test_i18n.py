"""UI string catalogues (templates/locales/*.po): complete, chosen by the course's language,
used by every page; a broken catalogue is a path:line error, not a traceback."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import polib
import pytest
from lxml import etree

from als_package import i18n
from als_package.build import build
from als_package.diagnostics import SourceError
from als_package.targets import BuildOptions

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "roots" / "minimal"
LANGUAGES = ("en-GB", "fr", "de")


def reference() -> dict[str, str]:
    return {e.msgctxt: e.msgid for e in polib.pofile(str(i18n.locales_dir() / "en-GB.po"))}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_shipped_language_is_complete(language):
    catalogue = i18n.load_catalogue(language)
    assert catalogue.language == language
    assert set(catalogue.strings) == set(reference())
    if language != "en-GB":
        same = {k for k, v in catalogue.strings.items() if v == reference()[k]}
        # Only words both languages share may read as in English.
        assert same <= {"page.question_number", "page.position", "menu.heading", "menu.module_frame", "page.checklist", "tool.checklist"}, same


@pytest.mark.parametrize(
    ("tag", "chosen"),
    [("en-GB", "en-GB"), ("en", "en-GB"), ("en-US", "en-GB"), ("fr", "fr"), ("fr-CA", "fr"), ("de-AT", "de"), ("ar", "en-GB"), ("zh-Hans", "en-GB")],
)
def test_the_course_language_chooses_the_catalogue(tag, chosen):
    assert i18n.catalogue_path(tag).stem == chosen


def test_placeholders_are_filled_in():
    assert i18n.load_catalogue("de")("player.progress", step=2, total=5, seen=3) == "Schritt 2 von 5 · 3 gesehen"


@pytest.fixture
def locales(tmp_path, monkeypatch):
    """A copy of the shipped catalogues the test may break."""
    folder = tmp_path / "locales"
    shutil.copytree(i18n.locales_dir(), folder)
    monkeypatch.setattr(i18n, "locales_dir", lambda: folder)
    i18n.load_catalogue.cache_clear()
    i18n._reference.cache_clear()
    yield folder
    i18n.load_catalogue.cache_clear()
    i18n._reference.cache_clear()


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line)


def _entry_start(path: Path, key: str) -> int:
    """The first line of the entry of `key` (its comments and flags come before its msgctxt)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    line = _line_of(path, f'msgctxt "{key}"')
    while line > 1 and lines[line - 2].strip():
        line -= 1
    return line


def test_a_translation_with_other_placeholders_is_reported_at_its_line(locales):
    po = locales / "fr.po"
    po.write_text(po.read_text(encoding="utf-8").replace("Étape {step} sur {total}", "Étape {etape} sur {total}"), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        i18n.load_catalogue("fr")
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.location.path == po
    assert diagnostic.location.line == _entry_start(po, "player.progress")
    assert diagnostic.message == "'player.progress' must use exactly the placeholders of the English text ({seen}, {step}, {total})"


def test_a_missing_or_untranslated_key_is_reported(locales):
    po = polib.pofile(str(locales / "de.po"))
    po.remove(next(e for e in po if e.msgctxt == "player.next"))
    next(e for e in po if e.msgctxt == "quiz.correct").flags.append("fuzzy")
    po.save(str(locales / "de.po"))
    with pytest.raises(SourceError) as caught:
        i18n.load_catalogue("de")
    messages = [str(d) for d in caught.value.diagnostics]
    assert f"{locales / 'de.po'}: 'player.next' is missing: every key of en-GB.po needs a translation" in messages
    assert any(m.endswith("'quiz.correct' has no finished translation: translate it and remove any fuzzy flag") for m in messages)


def test_a_broken_po_file_is_a_path_line_error(locales):
    po = locales / "fr.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgctxt "player.next"', 'msgctx "player.next"'), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        i18n.load_catalogue("fr")
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.location.line == _line_of(po, 'msgctx "player.next"')
    assert diagnostic.message.startswith("this UI string catalogue is not a valid PO file")


def course_in(language: str, tmp_path: Path) -> Path:
    source = tmp_path / f"src-{language}"
    shutil.copytree(MINIMAL, source)
    course = source / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace("language: en-GB", f"language: {language}"), encoding="utf-8")
    return source


def pages_of(zip_path: Path) -> dict[str, str]:
    with zipfile.ZipFile(zip_path) as archive:
        return {n: archive.read(n).decode() for n in archive.namelist() if n.endswith(".html")}


def english_patterns() -> list[tuple[str, re.Pattern]]:
    """Each English UI string that French says differently, as a pattern (placeholders match anything)."""
    french = i18n.load_catalogue("fr").strings
    return [(key, re.compile(">" + re.sub(r"\\\{\w+\\\}", ".+?", re.escape(text)) + "<")) for key, text in reference().items() if french[key] != text]


def test_a_french_course_has_french_pages_and_french_runtime_strings(tmp_path):
    result = build(course_in("fr", tmp_path), tmp_path / "out", ("scorm12",), BuildOptions(mode="single-sco"))
    pages = pages_of(result.written[0].path)
    assert set(pages) == {"index.html", "intro/index.html", "second/index.html"}
    for name, html in pages.items():
        assert '<html lang="fr">' in html
        left = [key for key, pattern in english_patterns() if pattern.search(html)]
        assert left == [], f"{name} still shows English UI strings: {left}"
        data = json.loads(re.search(r'<script type="application/json" id="als-data">(.*?)</script>', html, re.S).group(1))
        assert data["ui"] == i18n.load_catalogue("fr").runtime()
    assert "Vérifier mes réponses" in pages["intro/index.html"]
    assert "Retour à tous les modules" in pages["index.html"]


def identifiers(manifest: bytes) -> list[tuple[str, str]]:
    ids = ("identifier", "identifierref", "href", "objectiveID", "targetObjectiveID")
    return [(k, v) for e in etree.fromstring(manifest).iter() for k, v in sorted(e.attrib.items()) if k in ids]


def test_the_language_changes_no_identifier_in_the_manifest(tmp_path):
    """Tracking identifiers stay the same whatever the UI language (only the metadata's language
    differs, and the certificate item's title and description, which are UI strings)."""
    manifests = {}
    for language in ("en-GB", "de"):
        result = build(course_in(language, tmp_path), tmp_path / language, ("scorm2004-4th",), BuildOptions(sequencing=True))
        with zipfile.ZipFile(result.written[0].path) as archive:
            manifests[language] = archive.read("imsmanifest.xml")
    assert len(identifiers(manifests["en-GB"])) > 10
    assert identifiers(manifests["en-GB"]) == identifiers(manifests["de"])
    expected = re.sub(rb'(language="|<lom:language>)en-GB', rb"\1de", manifests["en-GB"])
    english, german = i18n.load_catalogue("en-GB"), i18n.load_catalogue("de")
    for key in ("certificate.heading", "page.certificate_summary"):
        expected = expected.replace(english(key).encode(), german(key).encode())
    assert expected == manifests["de"]
