"""The runtime's budget (issue 15): the JS and CSS a package ships stay within 1/50 of Adapt's,
50 KB as stored uncompressed (images excluded), in every target and mode, the sequenced
SCORM 2004 4th package and branded editions, and branded editions add no runtime file.
Packages ship the runtime minified (als_package/minify.py), so each shipped file must still
be JavaScript node accepts, and must still say which format its saved states have."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from als_package.brand import load_brand
from als_package.build import build
from als_package.minify import _minified, minified
from als_package.preview.site import Builder
from als_package.release.describe import describe
from als_package.targets import BuildOptions

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 50 * 1024
EVERY_BUILD = [("course", False), ("per-module", False), ("single-sco", False), ("course", True)]  # (mode, SCORM 2004 4th sequencing)


STYLESHEET = re.compile(rb"<style>(/\* ALS Course Packager runtime, minified; readable source: templates/runtime/style\.css \*/\n.*?)</style>", re.S)


def runtime(zip_path: Path) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(zip_path) as archive:
        return [i for i in archive.infolist() if i.filename.startswith("runtime/") and i.filename.endswith((".js", ".css"))]


def shipped_bytes(zip_path: Path) -> int:
    """The runtime files plus the stylesheet, which every page carries inline (its first paint
    waits for no request): the same sheet in every page, counted once."""
    with zipfile.ZipFile(zip_path) as archive:
        pages = {name: archive.read(name) for name in archive.namelist() if name.endswith(".html")}
    sheets = {name: STYLESHEET.search(page) for name, page in pages.items()}
    assert pages and all(sheets.values()), [name for name, found in sheets.items() if not found]
    (sheet,) = {found.group(1) for found in sheets.values() if found}
    return sum(i.file_size for i in runtime(zip_path)) + len(sheet)


def built(out: Path, mode: str, sequencing: bool, brand: str | None = None) -> list[tuple[str, Path]]:
    """(target, zip) of every package the default build (or the sequenced SCORM 2004 4th one) writes."""
    options = BuildOptions(mode=mode, sequencing=sequencing, brand=load_brand(ROOT / "brands" / f"{brand}.yaml") if brand else None)
    result = build(ROOT / "course_src", out, ["scorm2004-4th"] if sequencing else None, options)
    return sorted((w.target, w.path) for w in result.written if w.path.suffix == ".zip")


def packages(out: Path, mode: str, sequencing: bool, brand: str | None = None) -> list[Path]:
    return [path for _, path in built(out, mode, sequencing, brand)]


@pytest.mark.parametrize(("mode", "sequencing"), EVERY_BUILD)
def test_every_package_ships_at_most_50_kb_of_js_and_css_as_stored(tmp_path, mode, sequencing):
    default = built(tmp_path / "default", mode, sequencing)
    branded = packages(tmp_path / "acme", mode, sequencing, brand="acme")
    targets = {target for target, _ in default}
    assert targets == ({"scorm2004-4th"} if sequencing else {"scorm12", "scorm2004-3rd", "scorm2004-4th", "xapi", "cmi5"}), targets
    default = [path for _, path in default]
    for zip_path in default + branded:
        raw = shipped_bytes(zip_path)
        assert 0 < raw <= BUDGET, (zip_path.name, raw)
    for plain, acme in zip(default, branded, strict=True):
        assert [i.filename for i in runtime(plain)] == [i.filename for i in runtime(acme)]


def test_every_shipped_runtime_file_is_javascript_node_accepts_and_names_its_source(tmp_path):
    seen = {}
    for mode, sequencing in EVERY_BUILD:
        for zip_path in packages(tmp_path / f"{mode}-{sequencing}", mode, sequencing):
            with zipfile.ZipFile(zip_path) as archive:
                seen |= {i.filename: archive.read(i) for i in runtime(zip_path) if i.filename.endswith(".js")}
    assert {"runtime/player.js", "runtime/course.js", "runtime/lms/xapi-queue.js", "runtime/lms/cmi5.js", "runtime/lms/scorm2004.js"} <= set(seen)
    for name, content in sorted(seen.items()):
        source = ROOT / "templates" / name
        assert content.startswith(f"/* ALS Course Packager runtime, minified; readable source: templates/{name} */\n".encode()), name
        assert len(content) < source.stat().st_size, name
        shipped = tmp_path / "shipped" / name
        shipped.parent.mkdir(parents=True, exist_ok=True)
        shipped.write_bytes(content)
        checked = subprocess.run(["node", "--check", str(shipped)], capture_output=True, text=True)
        assert checked.returncode == 0, (name, checked.stderr)


def test_a_minified_package_still_tells_the_format_of_its_saved_states(tmp_path):
    (zip_path,) = [p for p in packages(tmp_path, "course", False) if p.name.endswith("-scorm12.zip")]
    with zipfile.ZipFile(zip_path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    assert b'var VERSION = "S2"' not in files["runtime/state.js"]
    layouts = describe(zip_path.name, files).layouts
    assert layouts and {layout.version for layout in layouts.values()} == {"S2"}


def test_the_preview_serves_the_readable_source_the_packages_minify():
    site = Builder(ROOT / "course_src", "xapi", BuildOptions()).build()
    (files,) = site.packages.values()
    served = {path for path in files if path.startswith("runtime/")}
    assert {"runtime/player.js", "runtime/lms/xapi-queue.js"} <= served
    for path in served:
        assert files[path] == (ROOT / "templates" / path).read_bytes(), path


def test_a_minified_file_is_kept_on_disk_for_later_builds_and_an_unwritable_cache_costs_nothing_else(tmp_path, monkeypatch):
    source = (ROOT / "templates" / "runtime" / "lms" / "iso8601.js").read_bytes()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _minified.cache_clear()  # as in a new process
    shipped = minified("lms/iso8601.js", source)
    (kept,) = (tmp_path / "cache" / "als-package" / "runtime").iterdir()
    assert kept.read_bytes() == shipped
    kept.write_bytes(shipped + b"// read from the cache\n")
    _minified.cache_clear()
    assert minified("lms/iso8601.js", source) == shipped + b"// read from the cache\n"
    assert minified("lms/iso8601.js", source + b"// an edit\n") == shipped  # another text, another entry
    (tmp_path / "not-a-folder").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "not-a-folder"))
    _minified.cache_clear()
    assert minified("lms/iso8601.js", source) == shipped


def test_runtime_javascript_newer_than_es5_fails_the_build_naming_its_file():
    with pytest.raises(RuntimeError, match=r"templates/runtime/lms/new\.js is not ES5 JavaScript, which the minifier needs: Unexpected '\)' at 1:10"):
        minified("lms/new.js", b"var f = () => 1;\n")
