"""SCORM 2004 3rd and 4th edition: one target class, two instances, one SCO per module.

Manifests are written for Moodle's parser, which matches tag names literally: IMS CP
elements unprefixed in the default namespace, extensions under exactly the prefixes
adlcp, imsss, adlseq and adlnav (LOM metadata under `lom`, where Moodle never looks), UTF-8
characters instead of numeric character references, no xml:base. Identifiers come from the
course and module ids (MANIFEST-, ORG-, ITEM-, RES-), as in SCORM 1.2, so re-uploads keep
learner records.

Both editions get the same manifest but for <schemaversion>: nothing 4th-edition-only
(adlcp:completionThreshold attributes, adlcp:data, adlseq:objectives) is worth having in the
default package. Optional sequencing (4th edition course package only) adds "in order"
preconditions through global objectives, explicit rollup rules, and a last item, the
certificate, which reads every module's outcome from the global objectives the modules write
(docs/certificate.md).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from lxml import etree

from als_package.model import Course, Module
from als_package.namespaces import ADLCP_2004, ADLNAV, ADLSEQ, IMSCP_2004, IMSSS, LOM, XSI
from als_package.package import Package
from als_package.render import RenderedCourse
from als_package.targets.base import BuildOptions, Target
from als_package.targets.content import add_certificate
from als_package.targets.manifest_checks import manifest_problems
from als_package.targets.scos import Dialect, Sco, ScormPlan, manifest_skeleton, plan_packages
from als_package.targets.xmltree import child, xml_bytes

IMSCP, ADLCP = IMSCP_2004, ADLCP_2004
NSMAP = {None: IMSCP, "adlcp": ADLCP, "adlseq": ADLSEQ, "adlnav": ADLNAV, "imsss": IMSSS, "lom": LOM, "xsi": XSI}
SCHEMA_LOCATION = " ".join(
    f"{ns} {xsd}"
    for ns, xsd in (
        (IMSCP, "imscp_v1p1.xsd"),
        (ADLCP, "adlcp_v1p3.xsd"),
        (ADLSEQ, "adlseq_v1p3.xsd"),
        (ADLNAV, "adlnav_v1p3.xsd"),
        (IMSSS, "imsss_v1p0.xsd"),
        (LOM, "lom.xsd"),
    )
)
ADAPTERS = ("scorm-discovery", "iso8601", "scorm2004", "standalone")  # runtime/lms scripts, in load order
Edition = Literal["3rd", "4th"]

# The SN book's default rollup (satisfied / completed once every module is), written out so
# the sequenced package says what it means instead of leaving it to each LMS's defaults.
ROLLUP_RULES = (
    ("objectiveStatusKnown", "notSatisfied"),
    ("satisfied", "satisfied"),
    ("activityProgressKnown", "incomplete"),
    ("completed", "completed"),
)


def _measure(percent: float) -> str:
    """A 0–100 mastery score as a normalised measure, in decimal arithmetic: 80 → "0.8"."""
    return format((Decimal(repr(float(percent))) / 100).normalize(), "f")


def _lom(parent: etree._Element, language: str, title: str, description: str, minutes: int | None = None) -> None:
    """IEEE LOM under the `lom` prefix: Cornerstone shows the description on upload."""
    lom = child(parent, LOM, "lom")
    general = child(lom, LOM, "general")
    child(child(general, LOM, "title"), LOM, "string", title, language=language)
    child(general, LOM, "language", language)
    child(child(general, LOM, "description"), LOM, "string", description, language=language)
    if minutes is not None:
        learning_time = child(child(lom, LOM, "educational"), LOM, "typicalLearningTime")
        child(learning_time, LOM, "duration", f"PT{minutes}M")


def _objective_id(module: Module) -> str:
    """The module's primary objective (local to its activity) in a sequenced package."""
    return f"{module.id}.satisfied"


def _global_id(course: Course, module: Module) -> str:
    return f"{course.id}.{module.id}.satisfied"


def _completion_id(module: Module) -> str:
    """The certificate item's local objective that reads the completion of a module without a check."""
    return f"{module.id}.completed"


def _global_completion_id(course: Course, module: Module) -> str:
    return f"{course.id}.{module.id}.completed"


def _outcome_objective(module: Module) -> str:
    """The certificate item's local objective that tells a module's outcome by the course rule:
    its knowledge check passed (satisfied), or, without one, the module completed."""
    return _objective_id(module) if module.quiz is not None else _completion_id(module)


def _completion_maps(sequencing: etree._Element, maps: list[tuple[str, str]], write: bool) -> None:
    """4th edition's mapping of completion status, (local objective, global objective) pairs:
    imsss:mapInfo maps only satisfaction and measure, adlseq:mapInfo (after every imsss element)
    the rest. A writer does not read its own completion back."""
    if not maps:
        return
    objectives = child(sequencing, ADLSEQ, "objectives")
    flags = {"readCompletionStatus": str(not write).lower(), "writeCompletionStatus": str(write).lower()}
    for local, target in maps:
        child(child(objectives, ADLSEQ, "objective", objectiveID=local), ADLSEQ, "mapInfo", targetObjectiveID=target, **flags)


def _gates(modules: tuple[Module, ...]) -> dict[str, Module | None]:
    """For each module, the module that must be satisfied before it opens: the nearest earlier
    one with a knowledge check (a module without one reports no success, so it cannot gate)."""
    gate: Module | None = None
    gates: dict[str, Module | None] = {}
    for module in modules:
        gates[module.id] = gate
        if module.quiz is not None:
            gate = module
    return gates


def _gate_rule(sequencing: etree._Element, objective: str) -> None:
    """Disabled until `objective` is satisfied; "not objectiveStatusKnown" covers the untouched
    module, whose "not satisfied" evaluates to unknown and would not fire."""
    rule = child(child(sequencing, IMSSS, "sequencingRules"), IMSSS, "preConditionRule")
    conditions = child(rule, IMSSS, "ruleConditions", conditionCombination="any")
    for condition in ("satisfied", "objectiveStatusKnown"):
        child(conditions, IMSSS, "ruleCondition", referencedObjective=objective, operator="not", condition=condition)
    child(rule, IMSSS, "ruleAction", action="disabled")


def _item_sequencing(course: Course, module: Module, options: BuildOptions, gate: Module | None) -> etree._Element | None:
    """A module item's imsss:sequencing, or None when it needs none.

    Mastery: a module with a knowledge check is satisfied by measure (the LMS then hands the SCO
    cmi.scaled_passing_score), except under a profile that keeps failed modules incomplete: there
    an LMS would derive "failed" from the score. A module without one stays out of the course's
    satisfaction and score rollup.
    """
    sequencing = etree.Element(f"{{{IMSSS}}}sequencing")
    if options.sequencing and gate is not None:
        _gate_rule(sequencing, _objective_id(gate))
    if module.quiz is None:
        child(sequencing, IMSSS, "rollupRules", rollupObjectiveSatisfied="false", objectiveMeasureWeight="0")
    by_measure = module.quiz is not None and options.failed_while_retrying == "failed"
    if by_measure or options.sequencing:
        objectives = child(sequencing, IMSSS, "objectives")
        primary = child(objectives, IMSSS, "primaryObjective")
        if options.sequencing:
            primary.set("objectiveID", _objective_id(module))
        if by_measure:
            primary.set("satisfiedByMeasure", "true")
            child(primary, IMSSS, "minNormalizedMeasure", _measure(module.mastery_score))
        if options.sequencing and module.quiz is not None:
            child(
                primary,
                IMSSS,
                "mapInfo",
                targetObjectiveID=_global_id(course, module),
                readSatisfiedStatus="false",
                readNormalizedMeasure="false",
                writeSatisfiedStatus="true",
            )
        if options.sequencing and gate is not None:
            previous = child(objectives, IMSSS, "objective", objectiveID=_objective_id(gate))
            child(previous, IMSSS, "mapInfo", targetObjectiveID=_global_id(course, gate), readSatisfiedStatus="true", readNormalizedMeasure="false")
    if options.sequencing and module.quiz is None:  # for the certificate
        _completion_maps(sequencing, [(_objective_id(module), _global_completion_id(course, module))], write=True)
    return sequencing if len(sequencing) else None


def _certificate_sequencing(course: Course, modules: tuple[Module, ...]) -> etree._Element:
    """The certificate item: out of the course's rollup (viewing it changes neither whether nor
    how well the course counts as done), no precondition (open by choice at any time: before the
    end it says what is left), and an objective per module reading the module's global objective,
    which the LMS hands the SCO as cmi.objectives.n.success_status or completion_status."""
    sequencing = etree.Element(f"{{{IMSSS}}}sequencing")
    child(sequencing, IMSSS, "rollupRules", rollupObjectiveSatisfied="false", rollupProgressCompletion="false", objectiveMeasureWeight="0")
    objectives = child(sequencing, IMSSS, "objectives")
    child(objectives, IMSSS, "primaryObjective")
    for module in modules:
        objective = child(objectives, IMSSS, "objective", objectiveID=_outcome_objective(module))
        if module.quiz is not None:
            child(objective, IMSSS, "mapInfo", targetObjectiveID=_global_id(course, module), readSatisfiedStatus="true", readNormalizedMeasure="false")
    completions = [(_completion_id(m), _global_completion_id(course, m)) for m in modules if m.quiz is None]
    _completion_maps(sequencing, completions, write=False)
    return sequencing


def _course_sequencing(organization: etree._Element) -> None:
    """Flow and choice navigation, and the course's rollup over its modules."""
    organization.set(f"{{{ADLSEQ}}}objectivesGlobalToSystem", "false")  # module objectives belong to this course
    sequencing = child(organization, IMSSS, "sequencing")
    child(sequencing, IMSSS, "controlMode", choice="true", flow="true")
    rules = child(sequencing, IMSSS, "rollupRules")
    for condition, action in ROLLUP_RULES:
        rule = child(rules, IMSSS, "rollupRule", childActivitySet="all")
        child(child(rule, IMSSS, "rollupConditions"), IMSSS, "rollupCondition", condition=condition)
        child(rule, IMSSS, "rollupAction", action=action)


DIALECT = Dialect(IMSCP, ADLCP, NSMAP, SCHEMA_LOCATION, "scormType")


def manifest(course: Course, plan: ScormPlan, edition: Edition, options: BuildOptions) -> etree._Element:
    """The imsmanifest.xml tree for one planned package."""
    modules = tuple(sco.module for sco in plan.scos if sco.module is not None)
    gates = _gates(modules)

    def metadata(root: etree._Element) -> None:
        element = child(root, IMSCP, "metadata")
        child(element, IMSCP, "schema", "ADL SCORM")
        child(element, IMSCP, "schemaversion", f"2004 {edition} Edition")
        _lom(element, course.language, course.title, course.description)

    def item_details(item: etree._Element, sco: Sco) -> None:
        _lom(child(item, IMSCP, "metadata"), course.language, sco.title, sco.summary, sco.minutes or None)
        if sco.module:
            sequencing = _item_sequencing(course, sco.module, options, gates[sco.id])
        else:
            sequencing = _certificate_sequencing(course, modules) if options.sequencing else None
        if sequencing is not None:
            item.append(sequencing)

    root, organization = manifest_skeleton(course, plan, DIALECT, metadata, item_details)
    if options.sequencing:
        _course_sequencing(organization)
    return root


def _page_data(module: Module, modules: tuple[Module, ...]) -> dict:
    """What scorm2004.js needs beyond the player's data: the module's learning objectives (for
    cmi.objectives) and whether a previous / next SCO exists (for adl.nav.request)."""
    position = modules.index(module)
    return {"sco": {"objectives": list(module.objectives), "previous": position > 0, "next": position < len(modules) - 1}}


def _certificate_sco(rendered: RenderedCourse, plan: ScormPlan, adapters: tuple[str, ...]) -> Sco:
    """The sequenced package's last item, its SCO added to the package. Its identifier holds a
    "." that no module id can, and it has no learning time."""
    course, t = rendered.course, rendered.t
    outcomes = [{"id": sco.module.id, "objective": _outcome_objective(sco.module), "hasQuiz": sco.module.quiz is not None} for sco in plan.scos if sco.module]
    files = add_certificate(plan.package, rendered, adapters, outcomes)
    return Sco(f"{course.id}.certificate", t("certificate.heading"), t("page.certificate_summary"), 0, None, files[0], tuple(files), None)


class Scorm2004(Target):
    """SCORM 2004; one subclass per edition."""

    edition: Edition
    manifest = "imsmanifest.xml"
    adapters = ADAPTERS

    def packages(self, rendered: RenderedCourse, options: BuildOptions) -> list[Package]:
        suffix = self.name + ("-sequenced" if options.sequencing else "")
        plans = plan_packages(rendered, options, self.adapters, suffix, schema_set=self.name, page_data=_page_data)
        for plan in plans:
            if options.sequencing:
                plan.scos.append(_certificate_sco(rendered, plan, self.adapters))
            plan.package.add("imsmanifest.xml", xml_bytes(manifest(rendered.course, plan, self.edition, options)))
        return [plan.package for plan in plans]

    def check(self, package: Package) -> list[str]:
        return manifest_problems(etree.fromstring(package.files["imsmanifest.xml"]), set(package.files))


class Scorm2004Third(Scorm2004):
    edition = "3rd"
    name = schema_set = "scorm2004-3rd"
    summary = "SCORM 2004 3rd edition zip (Cornerstone)"


class Scorm2004Fourth(Scorm2004):
    edition = "4th"
    name = schema_set = "scorm2004-4th"
    summary = "SCORM 2004 4th edition zip"
