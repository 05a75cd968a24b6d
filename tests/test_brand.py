"""Branded editions (als_package/brand.py, `als-build --brand`): the example brands build,
colours are held to WCAG 2.1 AA, mistakes are path:line errors, identifiers stay the same
unless the brand asks otherwise."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from als_package.brand import contrast, load_brand
from als_package.diagnostics import SourceError

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "roots" / "minimal"
BRANDS = ROOT / "brands"


def als_build(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "als_package", *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_contrast_ratios_follow_wcag():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#0b5cad", "#0b5cad") == 1


@pytest.mark.parametrize("name", ["acme", "northwind"])
def test_the_example_brands_load(name):
    brand = load_brand(BRANDS / f"{name}.yaml")
    assert brand.id == name
    assert brand.logo.startswith("data:image/svg+xml;base64,")
    assert re.fullmatch(r":root\{--accent:#[0-9a-f]{6};--brand-accent:#[0-9a-f]{6};--ink:#[0-9a-f]{6};--font:[^;{}<>]+\}", brand.css())


def brand_file(tmp_path: Path, **changes: str) -> Path:
    """A copy of acme.yaml (with its logo) with some lines replaced: key -> new line."""
    shutil.copy(BRANDS / "acme-logo.svg", tmp_path / "acme-logo.svg")
    lines = (BRANDS / "acme.yaml").read_text(encoding="utf-8").splitlines()
    for key, line in changes.items():
        lines = [line if re.match(rf"\s*{key}:", old) else old for old in lines]
    path = tmp_path / "brand.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line)


def test_a_colour_without_enough_contrast_is_a_path_line_error_naming_the_ratio(tmp_path):
    path = brand_file(tmp_path, primary='  primary: "#f2a900"')
    proc = als_build("--source", str(MINIMAL), "--out", str(tmp_path / "out"), "--brand", str(path))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert (
        f"{path}:{line_of(path, 'primary:')}: colours.primary #f2a900 has a contrast ratio of 2.01:1 against #ffffff "
        "(white button text and the page behind links); WCAG 2.1 AA needs 4.5:1: choose a darker colour"
    ) in proc.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"text": '  text: "#9aa0a6"'}, "colours.text #9aa0a6 has a contrast ratio of 2.64:1 against #ffffff (the page)"),
        ({"accent": '  accent: "#f4c7c3"'}, "colours.accent #f4c7c3 has a contrast ratio of 1.5"),
        ({"accent": "  accent: red"}, "colours.accent must be a colour written #rrggbb"),
        ({"logo": "logo: missing.svg"}, "logo 'missing.svg' does not exist next to this brand file"),
        ({"font": "font: 'Arial; } body { display: none'"}, "font: a list of font families"),
        ({"name": "colour: blue"}, "'colour' is not a brand setting"),
    ],
)
def test_brand_mistakes_are_reported_at_their_line(tmp_path, changes, expected):
    path = brand_file(tmp_path, **changes)
    with pytest.raises(SourceError) as caught:
        load_brand(path)
    found = caught.value.diagnostics
    assert any(expected in d.message for d in found), found
    key = next(iter(changes.values())).split(":")[0].strip()
    assert {d.location.line for d in found} == {line_of(path, f"{key}:")}


def test_a_brand_file_name_that_cannot_be_a_folder_and_an_id_is_refused(tmp_path):
    path = brand_file(tmp_path).rename(tmp_path / "Acme Corp.yaml")
    with pytest.raises(SourceError) as caught:
        load_brand(path)
    assert [str(d) for d in caught.value.diagnostics] == [
        f"{path}: name brand files with lower-case letters, digits and '-' ('Acme Corp' is not): "
        "the name is the edition's output folder and, with separate_identifiers, part of its course id"
    ]


def test_an_svg_logo_with_a_script_is_refused(tmp_path):
    path = brand_file(tmp_path)
    (tmp_path / "acme-logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', encoding="utf-8")
    with pytest.raises(SourceError, match="neither a PNG nor an SVG"):
        load_brand(path)


def test_a_module_the_course_does_not_have_is_reported_in_the_brand_file(tmp_path):
    path = brand_file(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + "modules:\n  - second\n  - nowhere\n", encoding="utf-8")
    proc = als_build("--source", str(MINIMAL), "--out", str(tmp_path / "out"), "--brand", str(path))
    assert proc.returncode == 2
    assert f"{path}:{line_of(path, '- nowhere')}: 'nowhere' is not a module of this course (its modules: intro, second)" in proc.stderr


def manifest(zip_path: Path) -> etree._Element:
    with zipfile.ZipFile(zip_path) as archive:
        return etree.fromstring(archive.read("imsmanifest.xml"))


def ids(root: etree._Element) -> list[str]:
    return [v for e in root.iter() for k, v in sorted(e.attrib.items()) if k in ("identifier", "identifierref", "href")]


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> Path:
    """`--brand all` run from a folder whose brands/ holds the two examples, against the minimal
    course (northwind's module list names the real course's modules, so it gets its own)."""
    work = tmp_path_factory.mktemp("brands")
    shutil.copytree(BRANDS, work / "brands")
    northwind = work / "brands" / "northwind.yaml"
    text = northwind.read_text(encoding="utf-8")
    northwind.write_text(text[: text.index("modules:")] + "modules:\n  - second\n  - intro\nseparate_identifiers: true\n", encoding="utf-8")
    proc = als_build("--source", str(MINIMAL), "--out", str(work / "out"), "--brand", "all", "--target", "scorm2004-4th", "--target", "scorm12", cwd=work)
    assert proc.returncode == 0, proc.stderr
    default = als_build("--source", str(MINIMAL), "--out", str(work / "out" / "default"), "--target", "scorm2004-4th", "--target", "scorm12")
    assert default.returncode == 0, default.stderr
    return work / "out"


def test_brand_all_builds_every_brand_into_its_own_folder(editions):
    assert sorted(p.name for p in (editions / "acme").iterdir()) == ["test-course-scorm12.zip", "test-course-scorm2004-4th.zip"]
    assert sorted(p.name for p in (editions / "northwind").iterdir()) == ["test-course-northwind-scorm12.zip", "test-course-northwind-scorm2004-4th.zip"]


def test_identifiers_stay_those_of_the_default_edition_unless_the_brand_separates_them(editions):
    default = manifest(editions / "default" / "test-course-scorm2004-4th.zip")
    acme = manifest(editions / "acme" / "test-course-scorm2004-4th.zip")
    assert ids(acme) == ids(default)
    northwind = manifest(editions / "northwind" / "test-course-northwind-scorm2004-4th.zip")
    assert northwind.get("identifier") != default.get("identifier")
    items = [i.get("identifierref") for i in northwind.iter("{*}item") if i.get("identifierref")]
    assert [r for r in items if "intro" in r or "second" in r] == [r for r in items], items
    assert items.index(next(r for r in items if "second" in r)) < items.index(next(r for r in items if "intro" in r))


def test_branded_pages_carry_the_brand_and_the_same_files(editions):
    with zipfile.ZipFile(editions / "acme" / "test-course-scorm12.zip") as acme, zipfile.ZipFile(editions / "default" / "test-course-scorm12.zip") as default:
        assert acme.namelist() == default.namelist()
        page = acme.read("intro/index.html").decode()
        plain = default.read("intro/index.html").decode()
    brand = load_brand(BRANDS / "acme.yaml")
    assert f"<style>{brand.css()}</style>" in page
    assert f'<img class="als-logo" src="{brand.logo}" alt="Acme Logistics">' in page
    assert brand.support in page
    assert brand.css() not in plain and 'class="als-logo"' not in plain
