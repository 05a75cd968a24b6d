"""SCORM 1.2: one SCO per module, manifest written for Moodle's non-namespace-aware parser.

IMS CP elements are unprefixed in the default namespace, extensions use the literal
`adlcp` prefix and metadata the `imsmd` prefix (so Moodle never mistakes a LOM <title>
for an item title); lxml writes UTF-8 characters, never numeric character references.
"""

from __future__ import annotations

from lxml import etree

from als_package import namespaces
from als_package.model import Course
from als_package.namespaces import XSI
from als_package.package import Package
from als_package.render import RenderedCourse
from als_package.targets.base import BuildOptions, Target
from als_package.targets.manifest_checks import manifest_problems
from als_package.targets.scos import Dialect, Sco, ScormPlan, manifest_skeleton, plan_packages
from als_package.targets.xmltree import child, xml_bytes

IMSCP, ADLCP, IMSMD = namespaces.IMSCP_12, namespaces.ADLCP_12, namespaces.IMSMD_12
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{IMSCP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"
ADAPTERS = ("scorm-discovery", "scorm12", "standalone")  # runtime/lms scripts, in load order


def _score(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _lom(parent: etree._Element, language: str, title: str, description: str, minutes: int | None = None) -> None:
    metadata = child(parent, IMSCP, "metadata")
    if parent.tag == f"{{{IMSCP}}}manifest":
        child(metadata, IMSCP, "schema", "ADL SCORM")
        child(metadata, IMSCP, "schemaversion", "1.2")
    lom = child(metadata, IMSMD, "lom")
    general = child(lom, IMSMD, "general")
    child(child(general, IMSMD, "title"), IMSMD, "langstring", title, **{XML_LANG: language})
    child(general, IMSMD, "language", language)
    child(child(general, IMSMD, "description"), IMSMD, "langstring", description, **{XML_LANG: language})
    if minutes is not None:
        learning_time = child(child(lom, IMSMD, "educational"), IMSMD, "typicallearningtime")
        child(learning_time, IMSMD, "datetime", f"PT{minutes}M")


DIALECT = Dialect(IMSCP, ADLCP, {None: IMSCP, "adlcp": ADLCP, "imsmd": IMSMD, "xsi": XSI}, SCHEMA_LOCATION, "scormtype")


def manifest(course: Course, plan: ScormPlan) -> etree._Element:
    """The imsmanifest.xml tree for one planned package."""

    def item_details(item: etree._Element, sco: Sco) -> None:
        _lom(item, course.language, sco.title, sco.summary, sco.minutes)
        if sco.mastery_score is not None:
            child(item, ADLCP, "masteryscore", _score(sco.mastery_score))

    root, _ = manifest_skeleton(course, plan, DIALECT, lambda root: _lom(root, course.language, course.title, course.description), item_details)
    return root


class Scorm12(Target):
    name = "scorm12"
    summary = "SCORM 1.2 zip (Moodle, Cornerstone)"
    manifest = "imsmanifest.xml"
    adapters = ADAPTERS
    schema_set = "scorm12"

    def packages(self, rendered: RenderedCourse, options: BuildOptions) -> list[Package]:
        plans = plan_packages(rendered, options, self.adapters, self.name, schema_set="scorm12")
        for plan in plans:
            plan.package.add("imsmanifest.xml", xml_bytes(manifest(rendered.course, plan)))
        return [plan.package for plan in plans]

    def check(self, package: Package) -> list[str]:
        return manifest_problems(etree.fromstring(package.files["imsmanifest.xml"]), set(package.files))
