"""xAPI (TinCan) package: the course shell as the one launchable activity, described in tincan.xml.

An LMS that plays TinCan packages (Cornerstone, Moodle's "xAPI Launch Link") launches
index.html with the LRS endpoint, credentials and learner in the query string; the course
shell hosts every module and reports through lms/xapi.js. tincan.xml lists the course (with
the launch), then each module and question, for the LMS's reports.

Besides the zip the target writes two documents into the output folder (`documents`):
`<course>-xapi-activities.json`, every activity the course can emit with its full
definition, and `<course>-xapi-profile.jsonld`, the course's xAPI Profile.

The packaging mode does not apply: a TinCan package has one launch, and one launch activity
id per portal (Cornerstone), so there is always exactly one package.
"""

from __future__ import annotations

import orjson
from lxml import etree

from als_package.model import Course
from als_package.namespaces import TINCAN
from als_package.package import Package
from als_package.render import RenderedCourse
from als_package.targets import activities as act
from als_package.targets.base import BuildOptions, Target
from als_package.targets.content import add_course_shell, add_runtime
from als_package.targets.tincan_checks import tincan_problems
from als_package.targets.xapi_profile import profile, profile_version
from als_package.targets.xmltree import xml_bytes

ADAPTERS = ("iso8601", "xapi-queue", "xapi-statements", "xapi", "standalone")


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TINCAN}}}{tag}", attrs)
    element.text = text
    return element


def _activity(parent: etree._Element, activity: act.Activity, launch: str | None = None) -> None:
    definition = activity.definition
    element = _el(parent, "activity", id=activity.id, type=definition["type"])
    for tag in ("name", "description"):
        for lang, text in definition.get(tag, {}).items():
            _el(element, tag, text, lang=lang)
    if launch:
        _el(element, "launch", launch, lang=next(iter(definition["name"])))
    if "interactionType" in definition:
        _el(element, "interactionType", definition["interactionType"])
    if "correctResponsesPattern" in definition:
        patterns = _el(element, "correctResponsePatterns")
        for pattern in definition["correctResponsesPattern"]:
            _el(patterns, "correctResponsePattern", pattern)
    for name in ("choices", "scale", "source", "target"):
        if name in definition:
            components = _el(element, name)
            for component in definition[name]:
                item = _el(components, "component")
                _el(item, "id", component["id"])
                for lang, text in component["description"].items():
                    _el(item, "description", text, lang=lang)


def tincan_xml(course: Course, launch: str) -> etree._Element:
    """The course (launched at `launch`), its modules and every question, in course order."""
    root = etree.Element(f"{{{TINCAN}}}tincan", nsmap={None: TINCAN})
    activities = _el(root, "activities")
    _activity(activities, act.course_activity(course), launch)
    for module in course.modules:
        _activity(activities, act.module_activity(course, module))
        for question in module.quiz.questions if module.quiz else ():
            _activity(activities, act.question_activity(course, module, question))
    return root


def _json(document: object) -> bytes:
    """Indented UTF-8 JSON, the bytes `json.dumps(document, indent=2, ensure_ascii=False)` gives
    (tests/test_xapi_documents.py); the standard library indents in pure Python, a sixtieth of
    a second per build for the 250 KB of definitions."""
    return orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"


class Xapi(Target):
    name = "xapi"
    summary = "xAPI (TinCan) zip with tincan.xml, plus activity definitions and an xAPI Profile"
    manifest = "tincan.xml"
    adapters = ADAPTERS

    def packages(self, rendered: RenderedCourse, options: BuildOptions) -> list[Package]:
        course = rendered.course
        package = Package(f"{course.id}-xapi.zip")
        policy = {"policy": options.player_policy()}
        definitions = act.page_data(course, course.modules, profile_version(course))
        files = add_course_shell(package, rendered, self.adapters, policy, shell_data=definitions)
        add_runtime(package, self.adapters, shell=True)
        package.add("tincan.xml", xml_bytes(tincan_xml(course, files[0])))
        return [package]

    def check(self, package: Package) -> list[str]:
        return tincan_problems(etree.fromstring(package.files["tincan.xml"]), set(package.files))

    def documents(self, rendered: RenderedCourse, options: BuildOptions) -> dict[str, bytes]:
        """Files written beside the zip: activity definitions and the xAPI Profile."""
        course = rendered.course
        listed = [{"id": a.id, "definition": a.definition} for a in act.all_activities(course)]
        return {
            f"{course.id}-xapi-activities.json": _json({"course": course.iri_base, "profile": profile_version(course), "activities": listed}),
            f"{course.id}-xapi-profile.jsonld": _json(profile(course)),
        }
