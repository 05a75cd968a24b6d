"""A branded edition in another language, played in Chromium against scorm-again: the brand's
colours, font and logo are applied, no English UI string is left on any step (nor in the
quiz feedback and review, nor in the course menu), axe finds nothing serious or critical in
any brand, and what reaches the LMS is exactly what the default English edition sends.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest

from als_package import i18n
from als_package.brand import brands_in, load_brand
from als_package.build import build
from als_package.targets import BuildOptions

from . import lms as lmsmod
from .course import Learner, ModuleSource, comparable
from .test_accessibility import axe_violations, blocking

MODULES = ("everybody-leads", "what-is-leadership")
PLAYED = ModuleSource.load("02-what-is-leadership")
BRANDS = lmsmod.REPO_ROOT / "brands"

UI_TEXTS = """
() => {
  const out = [];
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const p = walker.currentNode.parentElement;
    if (p && !['SCRIPT', 'STYLE'].includes(p.tagName) && walker.currentNode.textContent.trim()) out.push(walker.currentNode.textContent.trim());
  }
  for (const e of document.querySelectorAll('[aria-label], [title], [alt]')) {
    for (const a of ['aria-label', 'title', 'alt']) { if (e.getAttribute(a)) out.push(e.getAttribute(a).trim()); }
  }
  return out;
}
"""


def _pattern(text: str) -> re.Pattern:
    return re.compile("^" + re.sub(r"\\\{\w+\\\}", ".+", re.escape(text)) + "$")


def english_left(frame, language: str) -> list[str]:
    """UI texts of the page that are an English UI string the catalogue of `language` words
    differently (and not also one of its own: German "Module" is the plural of "Modul")."""
    english = {e.msgctxt: e.msgid for e in polib.pofile(str(i18n.locales_dir() / "en-GB.po"))}
    theirs = i18n.load_catalogue(language).strings
    patterns = {k: _pattern(v) for k, v in english.items() if theirs[k] != v}
    own = [_pattern(v) for v in theirs.values()]
    return sorted(
        {f"{key}: {text!r}" for text in frame.evaluate(UI_TEXTS) if not any(p.match(text) for p in own) for key, p in patterns.items() if p.match(text)}
    )


def edition(tmp: Path, language: str, brand: Path | None, mode: str = "course") -> Path:
    source = tmp / f"src-{language}"
    if not source.exists():
        shutil.copytree(lmsmod.REPO_ROOT / "course_src", source)
        course = source / "course.yaml"
        course.write_text(re.sub(r"(?m)^language: .*$", f"language: {language}", course.read_text(encoding="utf-8")), encoding="utf-8")
    out = tmp / f"{language}-{brand.stem if brand else 'default'}-{mode}"
    result = build(source, out, ("scorm12",), BuildOptions(mode=mode, brand=load_brand(brand) if brand else None), MODULES)
    return result.written[0].path


def brands(tmp: Path) -> list[Path]:
    """The example brands, each with a module list (if it has one) of the modules built here."""
    folder = tmp / "brands"
    shutil.copytree(BRANDS, folder)
    for path in brands_in(folder):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^modules:\n(  - .*\n)+", "modules:\n" + "".join(f"  - {m}\n" for m in reversed(MODULES)), text), encoding="utf-8")
    return brands_in(folder)


@pytest.fixture(scope="module")
def packages(open_zip, tmp_path_factory) -> dict[str, lmsmod.Package]:
    tmp = tmp_path_factory.mktemp("editions")
    examples = {b.stem: b for b in brands(tmp)}
    built = {
        "en-GB": edition(tmp, "en-GB", None),
        "fr-acme": edition(tmp, "fr", examples["acme"]),
        "de-northwind-menu": edition(tmp, "de", examples["northwind"], "single-sco"),
    }
    built |= {f"en-GB-{name}-menu": edition(tmp, "en-GB", b, "single-sco") for name, b in examples.items()}
    return {name: open_zip(path) for name, path in built.items()}


def play(lms, package) -> tuple[lmsmod.AttemptResult, list[str], list[str]]:
    """Every step of the played module, then its knowledge check answered (one wrong): what the
    LMS received, English UI texts left and axe's serious or critical findings on the way."""
    attempt = lms.launch(package, PLAYED.id)
    learner = Learner(attempt.frame).wait_ready()
    language = attempt.frame.evaluate("() => document.documentElement.lang")
    left, found = [], []
    for i, (step, kind) in enumerate(learner.steps()):
        if i:
            learner.next()
        left += english_left(attempt.frame, language)
        found += blocking(axe_violations(attempt.frame), f"step {step} ({kind})")
    answers = [q.right_answer() for q in PLAYED.questions]
    answers[0] = PLAYED.questions[0].wrong_answer()
    learner.answer(answers)
    learner.submit()
    assert attempt.frame.locator("#als-quiz-review li").count() == len(PLAYED.questions)
    assert attempt.frame.locator("#als-quiz-review li.als-wrong").count() == 1
    left += english_left(attempt.frame, language)
    found += blocking(axe_violations(attempt.frame), "quiz review")
    return attempt.end(), left, found


def test_a_french_acme_edition_shows_the_brand_and_no_english_and_tracks_as_the_default(lms, packages, problems):
    result, left, found = play(lms, packages["fr-acme"])
    assert left == [], "\n".join(left)
    assert found == [], "\n".join(found)
    default, _, _ = play(lms, packages["en-GB"])
    for element in ("cmi.core.lesson_status", "cmi.core.score.raw", "cmi.core.exit"):
        assert result.committed_value(element) == default.committed_value(element), element
    assert comparable(result.interactions_set()) == comparable(default.interactions_set())
    assert len(result.interactions_set()) >= len(PLAYED.questions)
    assert result.errors() == [] and default.errors() == []
    assert problems.all() == [], "\n".join(problems.all())


def test_the_brand_colours_font_and_logo_are_applied(lms, packages, problems):
    attempt = lms.launch(packages["fr-acme"], PLAYED.id)
    frame = Learner(attempt.frame).wait_ready().frame
    brand = load_brand(BRANDS / "acme.yaml")
    style = frame.evaluate("""() => {
      const css = (s, p) => getComputedStyle(document.querySelector(s))[p];
      const logo = document.querySelector('.als-logo');
      return { button: css('#als-next', 'backgroundColor'), text: css('body', 'color'), font: css('body', 'fontFamily'),
               band: css('.als-header', 'borderTopColor'), logo: logo.naturalWidth, alt: logo.alt, lang: document.documentElement.lang,
               next: document.querySelector('#als-next').textContent };
    }""")
    rgb = lambda c: f"rgb({int(c[1:3], 16)}, {int(c[3:5], 16)}, {int(c[5:7], 16)})"  # noqa: E731
    assert style == {
        "button": rgb(brand.primary),
        "text": rgb(brand.text),
        "font": brand.font,
        "band": rgb(brand.accent),
        "logo": 240,
        "alt": "Acme Logistics",
        "lang": "fr",
        "next": "Suivant",
    }
    attempt.end()
    assert problems.all() == [], "\n".join(problems.all())


@pytest.mark.parametrize("name", ["de-northwind-menu", *[f"en-GB-{b.stem}-menu" for b in brands_in(BRANDS)]])
def test_the_course_menu_of_every_brand_is_axe_clean_and_in_its_language(lms, packages, problems, name):
    package = packages[name]
    attempt = lms.launch(package, sco=package.manifest.scos[0])
    shell = attempt.frame
    shell.wait_for_selector("[data-open]")
    language = shell.evaluate("() => document.documentElement.lang")
    assert english_left(shell, language) == []
    assert shell.evaluate("() => document.querySelector('.als-logo').naturalWidth") > 0
    found = blocking(axe_violations(shell), f"{name}: course menu")
    shell.click(f"button[data-open='{PLAYED.id}']")
    frame = shell.wait_for_selector("iframe#als-module-frame").content_frame()
    Learner(frame).wait_ready()
    assert frame.is_visible("#als-start")
    assert english_left(frame, language) == []
    found += blocking(axe_violations(frame), f"{name}: start screen")
    attempt.end()
    assert found == [], "\n".join(found)
    assert problems.all() == [], "\n".join(problems.all())


def test_the_english_detector_finds_english(lms, packages, problems):
    """The check above can fail: the English edition, read as if it had to be French."""
    attempt = lms.launch(packages["en-GB"], PLAYED.id)
    frame = Learner(attempt.frame).wait_ready().frame
    assert {"player.next: 'Next'", "page.contents: 'Contents'"} <= set(english_left(frame, "fr"))
    attempt.end()
    assert problems.all() == [], "\n".join(problems.all())
