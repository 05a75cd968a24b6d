"""The learner-facing UI strings of the pages and the runtime, one gettext PO catalogue per
language in templates/locales/ (a format translators' tools such as Poedit or Weblate read).

Each entry's `msgctxt` is the key the templates and the runtime use, its `msgid` the English
(en-GB) text and `msgstr` the translation; `{name}` placeholders are filled in at build time
(templates) or in the browser (`ALS.t`). The course's `language` chooses the catalogue: the
exact tag (`fr-CA.po`), else its primary language (`fr.po`), else English (`en-GB.po`): a
course may be written in a language whose UI strings nobody has translated yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polib

from als_package.diagnostics import Diagnostic, Location, SourceError
from als_package.resources import templates_dir

REFERENCE = "en-GB"
# Keys the browser needs (handed over in each page's data as `ui`); the others are only used by the templates.
RUNTIME_NAMESPACES = ("player.", "quiz.", "menu.", "lms.", "certificate.")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def locales_dir() -> Path:
    return templates_dir() / "locales"


def catalogue_path(language: str) -> Path:
    """The catalogue for a BCP 47 language tag: its own, its primary language's, else English."""
    for name in (language, language.split("-")[0]):
        path = locales_dir() / f"{name}.po"
        if path.is_file():
            return path
    return locales_dir() / f"{REFERENCE}.po"


@dataclass(frozen=True)
class Catalogue:
    """One language's UI strings by key; calling it fills in the placeholders."""

    language: str
    strings: dict[str, str]

    def __call__(self, key: str, **values: object) -> str:
        return self.strings[key].format(**values)

    def runtime(self) -> dict[str, str]:
        """The strings player.js, quiz.js, course.js and the adapters show, with placeholders left for `ALS.t`."""
        return {k: v for k, v in sorted(self.strings.items()) if k.startswith(RUNTIME_NAMESPACES)}


def _read(path: Path) -> polib.POFile:
    try:
        return polib.pofile(str(path), encoding="utf-8")
    except (OSError, ValueError, UnicodeDecodeError) as error:
        line = re.search(r"\(line (\d+)\)", str(error))
        raise SourceError(
            [
                Diagnostic(
                    Location(path, int(line.group(1)) if line else 0), "this UI string catalogue is not a valid PO file: " + str(error).split(":")[-1].strip()
                )
            ]
        ) from None


def _problems(path: Path, po: polib.POFile, reference: dict[str, str]) -> list[Diagnostic]:
    """What makes a catalogue unusable: a key missing or unknown, an empty or fuzzy translation, placeholders that differ."""
    problems = []
    keys = set()
    for entry in po:
        where = Location(path, entry.linenum)
        key = entry.msgctxt or ""
        keys.add(key)
        if key not in reference:
            problems.append(Diagnostic(where, f"'{key}' is not a UI string key (see {REFERENCE}.po for the keys)"))
        elif not entry.msgstr.strip() or "fuzzy" in entry.flags:
            problems.append(Diagnostic(where, f"'{key}' has no finished translation: translate it and remove any fuzzy flag"))
        elif set(PLACEHOLDER.findall(entry.msgstr)) != set(PLACEHOLDER.findall(reference[key])):
            wanted = ", ".join(sorted("{" + p + "}" for p in set(PLACEHOLDER.findall(reference[key])))) or "none"
            problems.append(Diagnostic(where, f"'{key}' must use exactly the placeholders of the English text ({wanted})"))
    problems += [Diagnostic(Location(path), f"'{key}' is missing: every key of {REFERENCE}.po needs a translation") for key in sorted(set(reference) - keys)]
    return problems


@cache
def _reference() -> dict[str, str]:
    path = locales_dir() / f"{REFERENCE}.po"
    return {entry.msgctxt or "": entry.msgstr for entry in _read(path)}


@cache
def load_catalogue(language: str) -> Catalogue:
    """The complete catalogue for the course's language; raises SourceError (path:line) when
    the catalogue is broken or incomplete (a translator's mistake, reported like an author's)."""
    path = catalogue_path(language)
    po = _read(path)
    problems = _problems(path, po, _reference())
    if problems:
        raise SourceError(problems)
    return Catalogue(path.stem, {entry.msgctxt or "": entry.msgstr for entry in po})
