"""Images in the source: alt text, decorative images, captions, sizes, SVG safety, and the course's own illustrations."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from als_package.markdown_html import render_markdown
from als_package.render import render_course
from als_package.source.imagefile import inspect_image
from als_package.source.load import load_course
from als_package.source.markdown import image_references, split_front_matter
from tests.test_source_errors import assert_builds, assert_fails_with, invoke, replace

COURSE_SRC = Path(__file__).parent.parent / "course_src"
WELCOME = "intro/pages/01-welcome.md"
LADDER = "![A ladder against a wall](../images/ladder.png)"
SVG_NS = "http://www.w3.org/2000/svg"


def svg(body: str = '<rect width="10" height="10"/>', attributes: str = 'viewBox="0 0 640 360"') -> str:
    return f'<svg xmlns="{SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" {attributes}>\n{body}\n</svg>\n'


def with_svg(course_copy: Path, text: str, markdown: str = "![Three steps up a ladder](../images/steps.svg)") -> None:
    """The welcome page shows images/steps.svg, whose content is `text`."""
    (course_copy / "intro/images/steps.svg").write_text(text)
    replace(course_copy / WELCOME, LADDER, markdown)


def page_html(source: Path, module_id: str = "intro") -> str:
    return str(render_course(load_course(source)).pages[module_id].body)


# ---- alt text, decorative images and captions ----


def test_a_captioned_image_alone_in_its_paragraph_is_a_figure(course_copy):
    replace(course_copy / WELCOME, LADDER, '![A ladder against a wall](../images/ladder.png "Every rung is a small act")')
    html = page_html(course_copy)
    assert (
        '<figure><img src="images/ladder.png" alt="A ladder against a wall" width="4" height="4" loading="lazy" />'
        "<figcaption>Every rung is a small act</figcaption></figure>"
    ) in html
    assert "<p><figure>" not in html and 'title="' not in html


def test_an_image_alone_without_a_caption_is_a_figure_without_figcaption():
    assert render_markdown("![A ladder](../images/l.png)", "pages") == '<figure><img src="images/l.png" alt="A ladder" loading="lazy" /></figure>\n'


def test_a_caption_is_escaped():
    assert "<figcaption>a &lt;b&gt; &amp; c</figcaption>" in render_markdown('![A ladder](l.png "a <b> & c")')


def test_a_decorative_image_is_hidden_from_assistive_technology(course_copy):
    replace(course_copy / WELCOME, LADDER, '![](../images/ladder.png "decorative")')
    assert_builds()
    html = page_html(course_copy)
    assert '<p><img src="images/ladder.png" alt="" width="4" height="4" loading="lazy" role="presentation" /></p>' in html
    assert "<figure>" not in html and "decorative" not in html


@pytest.mark.parametrize(
    "markdown, message",
    [
        (
            "![](../images/ladder.png)",
            'has no alt text: write ![what the image shows](../images/ladder.png), or ![](../images/ladder.png "decorative") if it only decorates',
        ),
        (
            '![   ](../images/ladder.png "A caption is no alt text")',
            'has no alt text: write ![what the image shows](../images/ladder.png), or ![](../images/ladder.png "decorative") if it only decorates',
        ),
        (
            '![A ladder](../images/ladder.png "decorative")',
            'is marked "decorative" but has alt text: empty the alt text of an image that only decorates, or drop "decorative"',
        ),
        (
            'Look: ![A ladder](../images/ladder.png "Rungs") and read on.',
            "has a caption but shares its paragraph with text: put the image on a line of its own, with a blank line before and after",
        ),
    ],
    ids=["no-alt", "caption-but-no-alt", "decorative-with-alt", "caption-inside-text"],
)
def test_alt_text_and_caption_mistakes(course_copy, markdown, message):
    replace(course_copy / WELCOME, LADDER, markdown)
    assert_fails_with([f"course_src/{WELCOME}:6: image '../images/ladder.png' {message}"])


def test_an_image_inside_text_keeps_its_paragraph_and_a_title_becomes_a_tooltip_only_inline():
    assert render_markdown("Look ![a ladder](l.png) here") == '<p>Look <img src="l.png" alt="a ladder" loading="lazy" /> here</p>\n'
    assert render_markdown('![a ladder](l.png "Rungs")', inline=True) == '<img src="l.png" alt="a ladder" loading="lazy" title="Rungs" />'


def test_image_references_know_captions_and_lone_images():
    found = image_references('Text\n\n![A](a.svg "Cap")\n\nWith ![B](b.svg) text\n')
    assert [(i.alt, i.title, i.alone, i.line) for i in found] == [("A", "Cap", True, 3), ("B", "", False, 5)]


# ---- sizes ----


def test_an_svg_gets_width_and_height_from_its_viewbox(course_copy):
    with_svg(course_copy, svg(attributes='viewBox="0 0 640.5 360" width="100%"'))
    assert_builds()
    html = page_html(course_copy)
    assert '<img src="images/steps.svg" alt="Three steps up a ladder" width="641" height="360" loading="lazy" />' in html


def test_a_png_gets_its_pixel_size(course_copy):
    assert 'width="4" height="4"' in page_html(course_copy)  # the fixture's ladder.png is 4 × 4 pixels


def test_an_image_without_a_known_size_gets_no_size_attributes(course_copy):
    (course_copy / "intro/images/photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a JPEG")
    replace(course_copy / WELCOME, LADDER, "![A team at a whiteboard](../images/photo.jpg)")
    assert '<img src="images/photo.jpg" alt="A team at a whiteboard" loading="lazy" />' in page_html(course_copy)


# ---- SVG safety ----


@pytest.mark.parametrize(
    "text, line, message",
    [
        (svg('<script>alert("hi")</script>'), 2, "has a <script> element: images cannot run code; remove it"),
        (svg('<rect width="5" height="5" onclick="steal()"/>'), 2, "has an event handler attribute (onclick=...) on <rect>: images cannot run code; remove it"),
        (
            svg('<g>\n<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">Hi</p></foreignObject></g>'),
            3,
            "has a <foreignObject> element (embedded HTML): draw with SVG shapes and <text> instead",
        ),
        (
            svg('<image xlink:href="https://example.com/track.png" width="5" height="5"/>'),
            2,
            "refers to 'https://example.com/track.png' on <image>: an SVG image must be self-contained (only '#id' references to its own elements)",
        ),
        (
            svg('<use href="other.svg#shape"/>'),
            2,
            "refers to 'other.svg#shape' on <use>: an SVG image must be self-contained (only '#id' references to its own elements)",
        ),
        (
            svg('<style>@import url("https://example.com/x.css");</style>'),
            2,
            "has a <style> that loads another file (@import or url(...)): keep the styles inside the SVG",
        ),
        (
            svg('<rect style="fill: url(https://example.com/p.svg#p)"/>'),
            2,
            'has style="fill: url(https://example.com/p.svg#p)" on <rect>, which loads another file: use url(#id) references only',
        ),
        (svg(attributes=""), 1, 'has no viewBox: write viewBox="0 0 WIDTH HEIGHT" on <svg> so the image scales to every screen'),
        (
            svg(attributes='viewBox="0 0 0 360"'),
            1,
            "has a viewBox ('0 0 0 360') that is not four numbers with a positive width and height: write viewBox=\"0 0 WIDTH HEIGHT\" on <svg> so the image scales to every screen",
        ),
        ('<!DOCTYPE svg [\n<!ENTITY lol "lol">\n]>\n' + svg("<text>&lol;</text>"), 1, "declares entities in its DOCTYPE: remove the DOCTYPE line"),
        (
            "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1 1'>\n<rect>\n</svg>\n",
            3,
            "is not well-formed XML (Opening and ending tag mismatch: rect line 2 and svg, line 3, column 7): save it again as plain SVG",
        ),
        ('<html xmlns="http://www.w3.org/1999/xhtml"/>', 1, 'is not an SVG image (its first element is <html>, not <svg xmlns="http://www.w3.org/2000/svg">)'),
    ],
    ids=[
        "script",
        "event-handler",
        "foreign-object",
        "external-image",
        "external-use",
        "css-import",
        "css-url",
        "no-viewbox",
        "empty-viewbox",
        "entities",
        "not-xml",
        "not-svg",
    ],
)
def test_unsafe_or_broken_svg_is_reported_at_its_line_in_the_svg(course_copy, text, line, message):
    with_svg(course_copy, text)
    assert_fails_with([f"course_src/intro/images/steps.svg:{line}: SVG image {message}"])


def test_safe_svg_features_are_accepted(course_copy):
    with_svg(
        course_copy,
        svg(
            '<defs><linearGradient id="g"/><path id="p" d="M0 0h5"/></defs>\n'
            '<rect fill="url(#g)" width="5" height="5"/><use href="#p"/><use xlink:href="#p"/>\n'
            '<image href="data:image/png;base64,iVBORw0KGgo=" width="4" height="4"/>\n'
            '<style>.a { fill: #123456 }</style><a href="#p"><text class="a">Hi</text></a>'
        ),
    )
    assert_builds()


def test_an_svg_used_twice_is_checked_and_reported_once(course_copy):
    with_svg(course_copy, svg("<script/>"), "![Steps](../images/steps.svg)\n\n![Steps again](../images/steps.svg)")
    result = invoke("check")
    assert result.exit_code == 2
    assert [line for line in result.stderr.splitlines() if "steps.svg" in line] == [
        "course_src/intro/images/steps.svg:2: SVG image has a <script> element: images cannot run code; remove it"
    ]


def test_svgs_are_packaged_and_builds_stay_byte_identical(course_copy):
    with_svg(course_copy, svg(), '![Three steps up a ladder](../images/steps.svg "Small steps")')
    first = invoke("--target", "scorm12", "--out", "one")
    second = invoke("--target", "scorm12", "--out", "two")
    assert first.exit_code == second.exit_code == 0
    [one], [two] = list(Path("one").glob("*.zip")), list(Path("two").glob("*.zip"))
    assert one.read_bytes() == two.read_bytes()
    with zipfile.ZipFile(one) as archive:
        assert archive.read("intro/images/steps.svg").decode() == svg()
        assert 'width="640" height="360"' in archive.read("intro/index.html").decode()


# ---- the course's own illustrations ----


def _page_images() -> dict[str, list]:
    """Every module folder of the real course → the images its pages show."""
    found: dict[str, list] = {}
    for module_dir in sorted(p for p in COURSE_SRC.iterdir() if (p / "module.yaml").is_file()):
        for page in sorted((module_dir / "pages").glob("*.md")):
            _, body, _ = split_front_matter(page.read_text())
            found.setdefault(module_dir.name, []).extend(image_references(body))
    return found


def test_every_module_of_the_course_has_an_illustration_with_real_alt_text():
    images = _page_images()
    assert len(images) == 12
    for module, references in images.items():
        taught = [i for i in references if i.title != "decorative" and i.src.endswith(".svg")]
        assert taught, f"{module} has no illustration"
        for image in taught:
            assert len(image.alt.split()) >= 8, f"{module}: alt text too thin to carry the picture's point: {image.alt!r}"


@pytest.mark.parametrize("path", sorted(COURSE_SRC.glob("*/images/*.svg")), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_course_svg_is_safe_well_formed_and_readable_on_a_phone(path):
    assert inspect_image(path).problems == []
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    assert root.tag == f"{{{SVG_NS}}}svg"
    width = float(root.get("viewBox", "").split()[2])
    sizes = [float(size) for size in re.findall(r"font-size[:=]\s*\"?([\d.]+)", path.read_text())]
    # On a 360 px phone the page column is 320 px: text of 24 units in a 480-unit-wide picture shows at 16 px.
    assert width <= 480 and sizes and min(sizes) >= 24
    assert not list(root.iter(f"{{{SVG_NS}}}script"))
    assert not [a for e in root.iter(etree.Element) for a in e.attrib if a.lower().startswith("on")]
    assert list(root.iter(f"{{{SVG_NS}}}text")), "an illustration in this course labels what it shows"
    assert root.find(f"{{{SVG_NS}}}title") is not None, "a <title> names the picture when the SVG is opened on its own"


def test_every_course_svg_is_shown_by_some_page():
    shown = {(module, Path(i.src).name) for module, references in _page_images().items() for i in references}
    assert {(p.parent.parent.name, p.name) for p in COURSE_SRC.glob("*/images/*.svg")} <= shown


def test_the_real_course_builds_with_its_illustrations():
    course = load_course(COURSE_SRC)
    for module in course.modules:
        svgs = [a for a in module.assets if a.path.endswith(".svg")]
        assert svgs and all(a.width and a.height for a in svgs), module.id
