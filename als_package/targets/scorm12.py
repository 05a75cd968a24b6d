"""SCORM 1.2: one SCO per module, manifest written for Moodle's non-namespace-aware parser.

IMS CP elements are unprefixed in the default namespace, extensions use the literal
`adlcp` prefix and metadata the `imsmd` prefix (so Moodle never mistakes a LOM <title>
for an item title); lxml writes UTF-8 characters, never numeric character references.
"""

from __future__ import annotations

from lxml import etree

from als_package.model import Course
from als_package.package import Package
from als_package.render import RenderedCourse
from als_package.targets import BuildOptions
from als_package.targets.scos import ScormPlan, plan_packages
from als_package.targets.xmltree import child

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = (
    f"{IMSCP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"
)
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


def manifest(course: Course, plan: ScormPlan) -> etree._Element:
    """The imsmanifest.xml tree for one planned package."""
    root = etree.Element(f"{{{IMSCP}}}manifest", nsmap={None: IMSCP, "adlcp": ADLCP, "imsmd": IMSMD, "xsi": XSI})
    root.set("identifier", plan.manifest_id)
    root.set("version", course.version)
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    _lom(root, course.language, course.title, course.description)
    organizations = child(root, IMSCP, "organizations", default=f"ORG-{course.id}")
    organization = child(organizations, IMSCP, "organization", identifier=f"ORG-{course.id}")
    child(organization, IMSCP, "title", course.title)
    resources = child(root, IMSCP, "resources")
    for sco in plan.scos:
        item = child(organization, IMSCP, "item", identifier=f"ITEM-{sco.id}", identifierref=f"RES-{sco.id}", isvisible="true")
        child(item, IMSCP, "title", sco.title)
        _lom(item, course.language, sco.title, sco.summary, sco.minutes)
        if sco.mastery_score is not None:
            child(item, ADLCP, "masteryscore", _score(sco.mastery_score))
        resource = child(resources, IMSCP, "resource", identifier=f"RES-{sco.id}", type="webcontent", href=sco.launch)
        resource.set(f"{{{ADLCP}}}scormtype", "sco")
        for path in sco.files:
            child(resource, IMSCP, "file", href=path)
        child(resource, IMSCP, "dependency", identifierref="RES-runtime")
    runtime = child(resources, IMSCP, "resource", identifier="RES-runtime", type="webcontent")
    runtime.set(f"{{{ADLCP}}}scormtype", "asset")
    for path in plan.runtime:
        child(runtime, IMSCP, "file", href=path)
    return root


class Scorm12:
    name = "scorm12"
    summary = "SCORM 1.2 zip (Moodle, Cornerstone)"

    def packages(self, rendered: RenderedCourse, options: BuildOptions) -> list[Package]:
        course = rendered.course
        plans = plan_packages(rendered, options, ADAPTERS, "scorm12", schema_set="scorm12")
        for plan in plans:
            tree = manifest(course, plan)
            plan.package.add("imsmanifest.xml", etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True))
        return [plan.package for plan in plans]
