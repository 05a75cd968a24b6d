"""An illustration of the real course as a learner sees it: in the SCORM 1.2 package, on a
phone-width screen, loaded, with its alt text and caption, scaled to fit, and axe-core clean."""

from __future__ import annotations

import re

from als_package.source.markdown import image_references

from .course import COURSE_SRC, ModuleSource, start
from .test_accessibility import axe_violations, blocking

FOLDER = "01-everybody-leads"
PICTURE = "six-everyday-acts.svg"
PHONE = {"width": 360, "height": 740}

STEP_OF_IMAGE = "(name) => document.querySelector(`img[src$=\"${name}\"]`).closest('section.als-step').dataset.step"
IMAGE_ON_STEP = """
(name) => {
  const img = document.querySelector(`img[src$="${name}"]`);
  const figure = img.closest('figure');
  return {
    alt: img.alt, width: img.getAttribute('width'), height: img.getAttribute('height'),
    loaded: img.complete && img.naturalWidth > 0, visible: img.checkVisibility(),
    shown: img.getBoundingClientRect().width, room: figure.getBoundingClientRect().width,
    caption: figure.querySelector('figcaption').textContent,
    kind: img.closest('section.als-step').dataset.kind,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}
"""


def _source_image():
    """The module and the picture's reference in its page."""
    module = ModuleSource.load(FOLDER)
    for page in sorted((COURSE_SRC / FOLDER / "pages").glob("*.md")):
        for image in image_references(page.read_text()):
            if image.src.endswith(PICTURE):
                return module, image
    raise AssertionError(f"no page of {FOLDER} shows {PICTURE}")


def test_an_illustration_shows_with_its_alt_text_and_caption_on_a_phone(lms, page, scorm12_package, problems):
    module, image = _source_image()
    page.set_viewport_size(PHONE)
    try:
        attempt, learner = start(lms, scorm12_package, module)
        step = attempt.frame.evaluate(STEP_OF_IMAGE, PICTURE)
        while learner.current() != step:  # Next, as a learner on a phone moves on
            learner.next()
        shown = attempt.frame.evaluate(IMAGE_ON_STEP, PICTURE)
        found = blocking(axe_violations(attempt.frame), f"step {step}")
        image_rules = [v["id"] for v in axe_violations(attempt.frame) if re.search("image|alt|figure", v["id"])]
        attempt.end()
    finally:
        page.set_viewport_size({"width": 1280, "height": 720})
    assert shown["kind"] == "page" and shown["visible"] and shown["loaded"]
    assert shown["alt"] == image.alt and len(image.alt.split()) >= 8
    assert shown["caption"] == image.title
    assert (shown["width"], shown["height"]) == ("480", "480")  # the SVG's viewBox
    assert 0 < shown["shown"] <= shown["room"] < 480 and shown["overflow"] <= 0  # scaled down to the phone, no sideways scroll
    assert found == [] and image_rules == [], "\n".join(found + image_rules)
    assert problems.all() == [], "\n".join(problems.all())
