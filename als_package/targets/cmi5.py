"""cmi5 package: cmi5.xml (CourseStructure.xsd) with one AU per module, launched at the module page.

Each AU carries `moveOn` (course.yaml / module.yaml `move_on`, see `Course.module_move_on`),
`masteryScore` (the module's mastery score as 0-1; only for modules with a knowledge check,
the only thing that scores) and `launchMethod` AnyWindow: the page runs in a frame or a
window of its own, and with a `returnURL` it offers the way back itself (lms/cmi5.js).

`per-module` makes one package per module; `single-sco` has no cmi5 meaning (cmi5 has no
course shell) and builds the course package.
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from als_package.model import Course, Module
from als_package.namespaces import CMI5
from als_package.package import Package
from als_package.render import RenderedCourse
from als_package.targets import activities as act
from als_package.targets.base import BuildOptions, Target
from als_package.targets.content import add_module, add_runtime, package_groups
from als_package.targets.xapi_profile import profile_version
from als_package.targets.xmltree import xml_bytes

ADAPTERS = ("iso8601", "xapi-queue", "xapi-statements", "cmi5", "standalone")
LAUNCH_METHOD = "AnyWindow"


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{CMI5}}}{tag}", attrs)
    element.text = text
    return element


def _langstrings(parent: etree._Element, tag: str, language: str, text: str) -> None:
    _el(_el(parent, tag), "langstring", " ".join(text.split()), lang=language)


def mastery(module: Module) -> str:
    """0-1 with at most 4 decimals (cmi5 §13.1.4), written without a trailing zero."""
    value = (Decimal(str(module.mastery_score)) / 100).quantize(Decimal("0.0001"))
    return format(value.normalize(), "f")


def cmi5_xml(course: Course, modules: tuple[Module, ...]) -> etree._Element:
    root = etree.Element(f"{{{CMI5}}}courseStructure", nsmap={None: CMI5})
    head = _el(root, "course", id=course.iri_base)
    _langstrings(head, "title", course.language, course.title)
    _langstrings(head, "description", course.language, course.description)
    for module in modules:
        attrs = {"id": course.module_iri(module), "moveOn": course.module_move_on(module), "launchMethod": LAUNCH_METHOD}
        if module.quiz:
            attrs["masteryScore"] = mastery(module)
        au = _el(root, "au", **attrs)
        _langstrings(au, "title", course.language, module.title)
        _langstrings(au, "description", course.language, module.summary)
        _el(au, "url", f"{module.id}/index.html")
    return root


class Cmi5(Target):
    name = "cmi5"
    summary = "cmi5 zip, one AU per module"
    manifest = "cmi5.xml"
    adapters = ADAPTERS

    def packages(self, rendered: RenderedCourse, options: BuildOptions) -> list[Package]:
        course = rendered.course
        return [self._package(rendered, ident, modules, options) for ident, modules in package_groups(course, options.mode == "per-module")]

    def _package(self, rendered: RenderedCourse, ident: str, modules: tuple[Module, ...], options: BuildOptions) -> Package:
        course = rendered.course
        package = Package(f"{ident}-cmi5.zip")
        for module in modules:
            extra = {"policy": options.player_policy()} | act.page_data(course, (module,), profile_version(course))
            add_module(package, rendered, module, ADAPTERS, extra)
        add_runtime(package, ADAPTERS)
        package.add(self.manifest, xml_bytes(cmi5_xml(course, modules)))
        return package
