"""The runtime's budget: the JS and CSS a package ships stay within 1/50 of Adapt's, 50 KB,
as stored in the zip and sent compressed to the browser (images excluded), in every target
and mode, and branded editions add no runtime file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from als_package.brand import load_brand
from als_package.build import build
from als_package.targets import BuildOptions

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 50 * 1024


def runtime(zip_path: Path) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(zip_path) as archive:
        return [i for i in archive.infolist() if i.filename.startswith("runtime/") and i.filename.endswith((".js", ".css"))]


@pytest.mark.parametrize("mode", ["course", "single-sco"])
def test_every_package_ships_at_most_50_kb_of_compressed_js_and_css(tmp_path, mode):
    default = build(ROOT / "course_src", tmp_path / "default", None, BuildOptions(mode=mode))
    branded = build(ROOT / "course_src", tmp_path / "acme", None, BuildOptions(mode=mode, brand=load_brand(ROOT / "brands" / "acme.yaml")))
    sizes = {w.path.name: sum(i.compress_size for i in runtime(w.path)) for w in default.written if w.path.suffix == ".zip"}
    assert sizes and max(sizes.values()) <= BUDGET, sizes
    for plain, acme in zip(sorted(w.path for w in default.written), sorted(w.path for w in branded.written), strict=True):
        if plain.suffix == ".zip":
            assert [i.filename for i in runtime(plain)] == [i.filename for i in runtime(acme)]
