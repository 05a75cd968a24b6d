"""Checking an image a Markdown text refers to, and recording it as a module asset.

Pages and the Markdown fields of YAML files go through the same checks, so an image is
packaged, has alt text (or is marked decorative) and stays inside its module wherever it is
written; an SVG's own mistakes are reported at their line in the SVG file.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from als_package.diagnostics import Collector, Location
from als_package.markdown_html import DECORATIVE
from als_package.model import Asset
from als_package.paths import module_relative
from als_package.source.files import kind, real_path
from als_package.source.imagefile import inspect_image
from als_package.source.markdown import ImageReference, image_references
from als_package.source.yamlfile import YamlDocument, at

IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
# Names every LMS, zip tool and web server keeps intact: no spaces, accents or URL syntax.
PORTABLE_NAME = re.compile(r"^[A-Za-z0-9._-]+$")


def check_image(image: ImageReference, where: Location, module_dir: Path, folder: str, errors: Collector, assets: dict[str, Asset]) -> None:
    """Record `image` (written in `folder` of `module_dir`) in `assets`, or its mistakes in `errors`."""
    written = unquote(image.src)  # markdown-it percent-encodes spaces and accents; the file has the plain name
    inside = module_relative(folder, written)
    problem = _problem(written, inside, module_dir) or _text_problem(image)
    if problem:
        errors.error(where, f"image '{written}' {problem}")
    elif inside is not None and inside not in assets:
        facts = inspect_image(module_dir / inside)
        for line, message in facts.problems:
            errors.error(Location(module_dir / inside, line), f"SVG image {message}")
        width, height = facts.size or (None, None)
        assets[inside] = Asset.model_construct(path=inside, source=str(real_path(module_dir / inside)), width=width, height=height)


def _text_problem(image: ImageReference) -> str | None:
    """Alt text, decorative marking and caption (docs/authoring.md, "Images")."""
    decorative = image.title == DECORATIVE
    if decorative and image.alt.strip():
        return f'is marked "{DECORATIVE}" but has alt text: empty the alt text of an image that only decorates, or drop "{DECORATIVE}"'
    if not decorative and not image.alt.strip():
        return f'has no alt text: write ![what the image shows]({image.src}), or ![]({image.src} "{DECORATIVE}") if it only decorates'
    if image.title and not decorative and not image.alone:
        return "has a caption but shares its paragraph with text: put the image on a line of its own, with a blank line before and after"
    return None


def _problem(written: str, inside: str | None, module_dir: Path) -> str | None:
    if inside is None:
        return f"points outside the module folder: keep images inside {module_dir}/ and refer to them relatively"
    bad = [part for part in PurePosixPath(inside).parts if not PORTABLE_NAME.match(part)]
    if bad:
        return f"has a name some LMSs mangle ('{bad[0]}'): rename it with letters, digits, '-', '_' and '.' only"
    if not inside.lower().endswith(IMAGE_TYPES):
        return f"is not an image file: use {', '.join(IMAGE_TYPES[:-1])} or {IMAGE_TYPES[-1]}"
    real, module_real = real_path(module_dir / inside), real_path(module_dir)
    if real is None:
        return "is a symbolic link that loops or cannot be followed: fix the link"
    if module_real is None or not real.is_relative_to(module_real):
        return f"is a link that leads outside {module_dir}/: copy the file into the module"
    if kind(real) != "file":
        return f"does not exist (looked for {module_dir / inside})"
    try:
        real.open("rb").close()  # the build copies it into every package
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc}): check the file's permissions"
    return None


# The Markdown fields of each YAML part (what render.py turns into HTML); their image paths are
# relative to the module folder.
MARKDOWN_FIELDS = {
    "quiz": (
        ("questions", "*", "prompt"),
        ("questions", "*", "choices", "*", "text"),
        ("questions", "*", "choices", "*", "feedback"),
        ("questions", "*", "pairs", "*", "source"),
        ("questions", "*", "feedback", "correct"),
        ("questions", "*", "feedback", "incorrect"),
    ),
    "practice": (("intro",),),
    "reflection": (("intro",),),
    "tool": (("intro",), ("scoring",)),
}


def check_field_images(doc: YamlDocument, part: str, module_dir: Path, errors: Collector, assets: dict[str, Asset]) -> None:
    """Check the images in `part`'s Markdown fields (reported at the field's line) and record them as assets."""
    for pattern in MARKDOWN_FIELDS.get(part, ()):
        for path, text in at(doc.data, pattern):
            for image in image_references(text) if isinstance(text, str) else ():
                check_image(image, doc.location(path), module_dir, "", errors, assets)
