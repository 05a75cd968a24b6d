"""What a SCORM package holds in each packaging mode, shared by the SCORM 1.2 and 2004 targets.

course      one package, one SCO per module
per-module  one package per module
single-sco  one package whose only SCO is the course menu (index.html) hosting every module
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from als_package.model import Course, Module
from als_package.namespaces import XSI
from als_package.package import Package
from als_package.render import RenderedCourse
from als_package.targets.base import BuildOptions
from als_package.targets.content import add_course_shell, add_module, add_runtime, add_schemas, package_groups
from als_package.targets.xmltree import child


@dataclass(frozen=True)
class Sco:
    """One launchable unit: a module, or the whole course in single-sco mode."""

    id: str
    title: str
    summary: str
    minutes: int
    mastery_score: float | None  # None: the SCO decides its status itself (single-sco, no knowledge check)
    launch: str
    files: tuple[str, ...]
    module: Module | None


@dataclass
class ScormPlan:
    package: Package
    manifest_id: str
    scos: list[Sco]
    runtime: list[str]


def _module_sco(package: Package, rendered: RenderedCourse, module: Module, adapters: tuple[str, ...], extra: dict) -> Sco:
    files = add_module(package, rendered, module, adapters, extra)
    mastery = module.mastery_score if module.quiz else None  # an LMS must not turn "completed" into passed/failed
    return Sco(module.id, module.title, module.summary, module.minutes, mastery, files[0], tuple(files), module)


PageData = Callable[[Module, tuple[Module, ...]], dict]


def plan_packages(
    rendered: RenderedCourse, options: BuildOptions, adapters: tuple[str, ...], suffix: str, schema_set: str, page_data: PageData = lambda module, modules: {}
) -> list[ScormPlan]:
    """Packages with their pages, runtime and `schema_set`'s schemas added; the caller writes each manifest.

    `page_data(module, modules in its package)` adds target-specific data to a module SCO's page.
    """
    course = rendered.course
    extra = {"policy": options.player_policy()}
    plans = []
    for ident, modules in package_groups(course, options.mode == "per-module"):
        package = Package(f"{ident}-{suffix}{'-single-sco' if options.mode == 'single-sco' else ''}.zip")
        if options.mode == "single-sco":
            files = add_course_shell(package, rendered, adapters, extra)
            minutes = sum(m.minutes for m in course.modules)
            scos = [Sco(course.id, course.title, course.description, minutes, None, files[0], tuple(files), None)]
        else:
            scos = [_module_sco(package, rendered, m, adapters, extra | page_data(m, modules)) for m in modules]
        runtime = add_runtime(package, adapters, shell=options.mode == "single-sco")
        add_schemas(package, schema_set)
        plans.append(ScormPlan(package, f"MANIFEST-{ident}", scos, runtime))
    return plans


@dataclass(frozen=True)
class Dialect:
    """What the SCORM 1.2 and 2004 manifests spell differently in the skeleton they share."""

    imscp: str
    adlcp: str
    nsmap: dict[str | None, str]
    schema_location: str
    scorm_type: str  # the adlcp attribute naming a resource's kind: scormtype (1.2), scormType (2004)


def manifest_skeleton(
    course: Course, plan: ScormPlan, dialect: Dialect, add_metadata: Callable[[etree._Element], None], add_item_details: Callable[[etree._Element, Sco], None]
) -> tuple[etree._Element, etree._Element]:
    """The manifest both editions share: the course's organization with an item per SCO, a
    resource per SCO listing its files and depending on the runtime, and the runtime resource.
    The callers add the package's metadata, each item's own details (after its title) and, in
    SCORM 2004, the organization's sequencing; returns the manifest and the organization."""
    cp = dialect.imscp
    root = etree.Element(f"{{{cp}}}manifest", nsmap=dialect.nsmap)
    root.set("identifier", plan.manifest_id)
    root.set("version", course.version)
    root.set(f"{{{XSI}}}schemaLocation", dialect.schema_location)
    add_metadata(root)
    organizations = child(root, cp, "organizations", default=f"ORG-{course.id}")
    organization = child(organizations, cp, "organization", identifier=f"ORG-{course.id}")
    child(organization, cp, "title", course.title)
    resources = child(root, cp, "resources")
    for sco in plan.scos:
        item = child(organization, cp, "item", identifier=f"ITEM-{sco.id}", identifierref=f"RES-{sco.id}", isvisible="true")
        child(item, cp, "title", sco.title)
        add_item_details(item, sco)
        resource = child(resources, cp, "resource", identifier=f"RES-{sco.id}", type="webcontent", href=sco.launch)
        resource.set(f"{{{dialect.adlcp}}}{dialect.scorm_type}", "sco")
        for path in sco.files:
            child(resource, cp, "file", href=path)
        child(resource, cp, "dependency", identifierref="RES-runtime")
    runtime = child(resources, cp, "resource", identifier="RES-runtime", type="webcontent")
    runtime.set(f"{{{dialect.adlcp}}}{dialect.scorm_type}", "asset")
    for path in plan.runtime:
        child(runtime, cp, "file", href=path)
    return root, organization
