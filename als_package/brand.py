"""Branded editions: an organisation's name, logo, colours, font and support line (and, if it
asks, its own subset and order of modules) applied at build time, without editing the course.

A brand file is YAML (brands/*.yaml, docs/brands.md). Every mistake is a `path:line` error;
colours are checked against WCAG 2.1 AA where the player uses them, so no brand can make a
package harder to read. The logo is embedded in the pages as a data: URI, so a branded package
has exactly the files and manifest of the default one.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from als_package.diagnostics import Collector, Location, SourceError, UsageProblem
from als_package.model import SLUG_PATTERN, Course
from als_package.source.files import read_text
from als_package.source.yamlfile import YamlDocument, parse_yaml

KEYS = ("name", "logo", "colours", "font", "support", "modules", "separate_identifiers")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
FONT = re.compile(r"^[\w \-\",']{1,200}$")  # family names, quotes and commas: nothing that could leave the CSS value
LOGO_LIMIT = 200_000
WHITE = "#ffffff"
PANEL = "#f3f6fa"  # style.css --panel: the header and feedback background
# Where each colour is used, against what, and the ratio WCAG 2.1 AA asks there.
CONTRAST = {
    "text": ((WHITE, "the page", 4.5), (PANEL, "the header and feedback panels", 4.5)),
    "primary": ((WHITE, "white button text and the page behind links", 4.5),),
    "accent": ((WHITE, "the page behind the progress bar, the series map and the certificate's frame", 3.0),),
}


@dataclass(frozen=True)
class Brand:
    id: str  # the file's name without .yaml: the output folder of --brand all
    name: str
    logo: str  # a data: URI
    primary: str
    accent: str
    text: str
    font: str
    support: str
    modules: tuple[str, ...]  # empty: every module of the course, in its order
    separate_identifiers: bool  # true: course id and activity IRIs carry the brand id (docs/brands.md)
    file: YamlDocument = field(compare=False, repr=False)  # for the lines of mistakes found once the course is known

    def css(self) -> str:
        """The custom properties style.css reads, for a <style> in each page's head."""
        return f":root{{--accent:{self.primary};--brand-accent:{self.accent};--ink:{self.text};--font:{self.font}}}"

    def apply(self, course: Course) -> Course:
        """The course as this brand's edition: its modules and identifiers. Raises SourceError
        (at the brand file's line) for a module the course does not have, or one listed twice."""
        errors = Collector()
        known = [m.id for m in course.modules]
        for index, module_id in enumerate(self.modules):
            if module_id not in known:
                errors.error(self.file.location(("modules", index)), f"'{module_id}' is not a module of this course (its modules: {', '.join(known)})")
            elif self.modules.index(module_id) != index:
                errors.error(self.file.location(("modules", index)), f"'{module_id}' is listed twice")
        errors.raise_if_any()
        update: dict = {}
        if self.modules:
            by_id = {m.id: m for m in course.modules}
            update["modules"] = tuple(by_id[m] for m in self.modules)
        if self.separate_identifiers:
            update |= {"id": f"{course.id}-{self.id}", "iri_base": f"{course.iri_base}/{self.id}"}
        return course.model_copy(update=update) if update else course


def _luminance(colour: str) -> float:
    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG 2.1 contrast ratio of two #rrggbb colours (1 to 21)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _logo(doc: YamlDocument, errors: Collector) -> str:
    where = doc.location(("logo",))
    reference = doc.data.get("logo")
    if not isinstance(reference, str) or not reference.strip():
        errors.error(where, "logo: name the organisation's logo file (SVG or PNG), relative to this brand file")
        return ""
    path = doc.path.parent / reference
    if not path.is_file():
        errors.error(where, f"logo '{reference}' does not exist next to this brand file")
        return ""
    data = path.read_bytes()
    if len(data) > LOGO_LIMIT:
        errors.error(where, f"logo '{reference}' is {len(data):,} bytes: every page carries it, so keep it under {LOGO_LIMIT:,}")
        return ""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "image/png"
    elif b"<svg" in data[:2000] and b"<script" not in data.lower():
        kind = "image/svg+xml"
    else:
        errors.error(where, f"logo '{reference}' is neither a PNG nor an SVG (without scripts)")
        return ""
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def _colours(doc: YamlDocument, errors: Collector) -> dict[str, str]:
    colours = doc.data.get("colours")
    if not isinstance(colours, dict):
        errors.error(doc.location(("colours",)), "colours: give primary, accent and text as #rrggbb")
        return {}
    found = {}
    for role, checks in CONTRAST.items():
        where = doc.location(("colours", role))
        value = colours.get(role)
        if not isinstance(value, str) or not COLOUR.match(value):
            errors.error(where, f"colours.{role} must be a colour written #rrggbb, such as '#0b5cad'")
            continue
        for background, what, needed in checks:
            ratio = contrast(value, background)
            if ratio < needed:
                errors.error(
                    where,
                    f"colours.{role} {value} has a contrast ratio of {ratio:.2f}:1 against {background} ({what}); "
                    f"WCAG 2.1 AA needs {needed:g}:1: choose a darker colour",
                )
        found[role] = value.lower()
    return found


def _text(doc: YamlDocument, key: str, errors: Collector, pattern: re.Pattern | None = None, default: str = "") -> str:
    value = doc.data.get(key, default)
    if not isinstance(value, str) or not value.strip() or (pattern and not pattern.match(value)):
        errors.error(
            doc.location((key,)),
            f"{key}: " + ("a list of font families, such as '\"Source Sans 3\", Arial, sans-serif'" if key == "font" else "give it as text"),
        )
        return ""
    return value.strip()


def load_brand(path: Path) -> Brand:
    """The brand in `path`; raises SourceError listing every mistake."""
    errors = Collector()
    text = read_text(path, errors)
    doc = None if text is None else parse_yaml(text, path, errors)
    if doc is not None and not isinstance(doc.data, dict):
        errors.error(Location(path, 1), "a brand file is a mapping: name, logo, colours, font, support")
    if not re.fullmatch(SLUG_PATTERN, path.stem):
        errors.error(
            Location(path),
            f"name brand files with lower-case letters, digits and '-' ('{path.stem}' is not): "
            "the name is the edition's output folder and, with separate_identifiers, part of its course id",
        )
    errors.raise_if_any()
    assert doc is not None
    for key in doc.data:
        if key not in KEYS:
            errors.error(doc.location((key,)), f"'{key}' is not a brand setting (these are: {', '.join(KEYS)})")
    modules = doc.data.get("modules", [])
    if not isinstance(modules, list) or not all(isinstance(m, str) for m in modules):
        errors.error(doc.location(("modules",)), "modules: a list of module ids, in the order this edition shows them")
        modules = []
    separate = doc.data.get("separate_identifiers", False)
    if not isinstance(separate, bool):
        errors.error(doc.location(("separate_identifiers",)), "separate_identifiers: true or false")
    name, logo = _text(doc, "name", errors), _logo(doc, errors)
    font, support, colours = _text(doc, "font", errors, FONT, "system-ui, sans-serif"), _text(doc, "support", errors), _colours(doc, errors)
    errors.raise_if_any()
    return Brand(
        id=path.stem, name=name, logo=logo, font=font, support=support, modules=tuple(modules), separate_identifiers=separate is True, file=doc, **colours
    )


def brands_in(folder: Path) -> list[Path]:
    """Every brand file of a folder (`--brand all`), in name order."""
    return sorted(folder.glob("*.yaml"))


def editions(choice: str | None, out: Path, course: Callable[[], Course]) -> list[tuple[Brand | None, Path]]:
    """What `--brand` asks for: the default edition into `out`; one brand file into `out`; or
    `all` (./brands) or a folder: every brand in it, each into `out/<brand id>`. Every brand
    is checked against the `course` first, so a mistake in one leaves every folder as it was."""
    if choice is None:
        return [(None, out)]
    path = Path("brands") if choice == "all" else Path(choice)
    if path.is_dir():
        files = brands_in(path)
        if not files:
            raise UsageProblem(f"--brand {choice}: {path}/ holds no brand file (*.yaml)")
        errors = Collector()
        brands = []
        for file in files:
            try:
                brands.append(load_brand(file))
            except SourceError as error:
                errors.diagnostics += error.diagnostics
        chosen = [(brand, out / brand.id) for brand in brands]
    elif path.is_file():
        errors, chosen = Collector(), [(load_brand(path), out)]
    else:
        raise UsageProblem(f"--brand {choice}: no such brand file or folder (give brands/NAME.yaml, a folder, or 'all')")
    loaded = course() if not errors.diagnostics else None
    for brand, _ in chosen:
        try:
            brand.apply(loaded) if loaded else None
        except SourceError as error:
            errors.diagnostics += error.diagnostics
    errors.raise_if_any()
    return list(chosen)
