"""The runtime as packages ship it: minified, under a banner that names the readable source.

templates/runtime stays the commented JavaScript and CSS that authors, reviewers and the
preview use as they are; only the copies in a package are minified, so that every package
ships at most 50 KB of JS + CSS as stored (issue 15). JavaScript goes through calmjs.parse,
an ES5 parser that prints it back without comments or spaces and renames each function's
local names (never a property or a global): stripping spaces alone (rjsmin) left the xAPI
package at 58 KB. CSS goes through rcssmin. Both are pure Python and give the same bytes for
the same source.

Parsing is slow (about a second for the whole runtime), so each result is kept: in memory for
the process (a build of five targets minifies each file once), and on disk under the user's
cache folder, named by a hash of the minifiers' versions, the file's name and its text, so a
later build only pays for the files that changed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from importlib.metadata import version
from pathlib import Path

import rcssmin

from als_package.resources import templates_dir
from als_package.user_cache import user_cache

BANNER = "/* ALS Course Packager runtime, minified; readable source: templates/runtime/{name} */\n"


def minified(name: str, source: bytes) -> bytes:
    """`source`, the runtime file `name` (such as "lms/xapi.js" or "style.css"), as a package ships it."""
    return _minified(name, source.decode("utf-8")).encode("utf-8")


def readable(files: dict[str, bytes]) -> dict[str, bytes]:
    """A package's files with each runtime file as its source: what the preview serves, so that
    an author's inspector shows the commented code (no module folder can be named runtime)."""
    root = templates_dir()
    return {path: (root / path).read_bytes() if path.startswith("runtime/") else content for path, content in files.items()}


@cache
def _minified(name: str, text: str) -> str:
    """Keyed by the text, not only the name, so a long-running process (the preview) never uses an edited file's old form."""
    kept = user_cache("runtime") / _key(name, text)
    try:
        return kept.read_text(encoding="utf-8")
    except OSError:
        pass
    result = BANNER.format(name=name) + (_css(text) if name.endswith(".css") else _javascript(name, text))
    _keep(kept, result)
    return result


def _key(name: str, text: str) -> str:
    """Changes with the minifiers, the banner, the file's name or its text."""
    recipe = "\0".join([_minifiers(), BANNER, name, text])
    return hashlib.sha256(recipe.encode("utf-8")).hexdigest() + Path(name).suffix


@cache
def _minifiers() -> str:
    """The minifiers' versions, looked up once (each lookup scans the installed distributions)."""
    return f"calmjs.parse {version('calmjs.parse')}, rcssmin {version('rcssmin')}"


def _keep(path: Path, text: str) -> None:
    """Write `text` whole or not at all (a build running beside this one reads only finished files);
    an unwritable cache folder only costs the next build the time to minify again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as partial:
            partial.write(text)
        os.replace(partial.name, path)
    except OSError:
        pass


def _javascript(name: str, text: str) -> str:
    """The runtime is written in ES5 syntax, which is what calmjs.parse reads: anything newer is
    our bug, reported with its file and place."""
    # Imported only when a file is not in the cache: most builds never parse JavaScript.
    from calmjs.parse import es5
    from calmjs.parse.unparsers.es5 import minify_print

    try:
        program = es5(text)
    except SyntaxError as error:
        raise RuntimeError(f"templates/runtime/{name} is not ES5 JavaScript, which the minifier needs: {error}") from error
    return minify_print(program, obfuscate=True, obfuscate_globals=False) + "\n"


def _css(text: str) -> str:
    return rcssmin.cssmin(text) + "\n"
