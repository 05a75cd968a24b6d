"""xAPI activities: every activity a course's statements can name, with stable ids and full definitions.

One source for everything that describes them: tincan.xml, activities.json, the xAPI
Profile and the definitions the runtime adapters put into statements (handed to them in
each page's data), so a statement and the published description can never disagree.

Ids are IRIs derived from `course.iri_base` and source ids only (module, page, question,
tool, prompt, statement and field ids), so they are identical from build to build and an
LRS keeps attributing records to the same activities after a re-upload.
"""

from __future__ import annotations

from dataclasses import dataclass

from als_package.model import Checkpoint, Course, Module, Phase, Question
from als_package.questions import spec

# Activity types (full IRIs; tincan.xml and LMS reports key on them).
COURSE = "http://adlnet.gov/expapi/activities/course"
MODULE = "http://adlnet.gov/expapi/activities/module"
PAGE = "http://activitystrea.ms/schema/1.0/page"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
STEP_TYPES = {"page": PAGE, "practice": PAGE, "reflection": PAGE, "tool": PAGE, "self-assessment": PAGE, "quiz": ASSESSMENT}


@dataclass(frozen=True)
class Activity:
    id: str
    definition: dict

    def as_object(self) -> dict:
        """The statement object form."""
        return {"objectType": "Activity", "id": self.id, "definition": self.definition}


def _lang(course: Course, text: str) -> dict:
    return {course.language: " ".join(text.split())}


def _described(course: Course, kind: str, name: str, description: str = "") -> dict:
    definition = {"type": kind, "name": _lang(course, name)}
    if description.strip():
        definition["description"] = _lang(course, description)
    return definition


def course_activity(course: Course) -> Activity:
    return Activity(course.iri_base, _described(course, COURSE, course.title, course.description))


def module_activity(course: Course, module: Module) -> Activity:
    return Activity(course.module_iri(module), _described(course, MODULE, module.title, module.summary))


def step_activities(course: Course, module: Module) -> dict[str, Activity]:
    """The activity of each step the player shows, in its order (Module.step_kinds), keyed by the
    step id `stepShown` reports."""
    base = course.module_iri(module)
    steps = {}

    def checkpoint(phase: Phase) -> None:
        c = module.checkpoint(phase)
        if c:
            steps[c.step_id] = Activity(f"{base}/{c.step_id}", _described(course, PAGE, getattr(c.assessment, c.phase).title))

    checkpoint("before")
    if module.practice:
        steps["practice"] = Activity(f"{base}/practice", _described(course, PAGE, module.practice.title))
    steps |= {p.id: Activity(f"{base}/pages/{p.id}", _described(course, PAGE, p.title)) for p in module.pages}
    if module.reflection:
        steps["reflection"] = Activity(f"{base}/reflection", _described(course, PAGE, module.reflection.title))
    if module.tool:
        steps[module.tool.id] = Activity(f"{base}/tools/{module.tool.id}", _described(course, PAGE, module.tool.title))
    checkpoint("after")
    if module.quiz:
        steps["quiz"] = Activity(f"{base}/quiz", _described(course, ASSESSMENT, f"{module.title}: {module.quiz.title}"))
    return steps


def _components(course: Course, pairs) -> list[dict]:
    return [{"id": ident, "description": _lang(course, text)} for ident, text in pairs]


def question_activity(course: Course, module: Module, question: Question) -> Activity:
    definition = _described(course, INTERACTION, f"{module.title}: question {question.id}", question.prompt)
    question_type = spec(question)
    definition["interactionType"] = question_type.interaction_type
    for name, pairs in question_type.components(question).items():
        definition[name] = _components(course, pairs)
    definition["correctResponsesPattern"] = [question_type.pattern(question)]
    return Activity(f"{course.module_iri(module)}/questions/{question.id}", definition)


def _self_assessment_iri(course: Course, checkpoint: Checkpoint) -> str:
    """Its statements' ids are course-level, so L&D can aggregate before and after across packages."""
    return f"{course.iri_base}/self-assessment/{checkpoint.phase}"


def _likert(course: Course, iri: str, text: str, scale: tuple[str, ...]) -> Activity:
    components = _components(course, ((str(n), label) for n, label in enumerate(scale, start=1)))
    return Activity(iri, _described(course, INTERACTION, text) | {"interactionType": "likert", "scale": components})


def likert_activities(course: Course, module: Module) -> dict[str, Activity]:
    """Self-assessment statements (the course's before/after ones, then the tool's): likert
    interactions, scale positions "1".."n", no correct answer; keyed by the id the player reports."""
    found = {
        c.statement_id(s): _likert(course, f"{_self_assessment_iri(course, c)}/{s.id}", s.text, c.assessment.scale)
        for c in module.checkpoints
        for s in c.assessment.statements
    }
    tool = module.tool
    if tool:
        base = f"{course.module_iri(module)}/tools/{tool.id}/statements"
        found |= {s.id: _likert(course, f"{base}/{s.id}", s.text, tool.scale) for s in tool.statements}
    return found


def text_activities(course: Course, module: Module) -> dict[str, Activity]:
    """Practice and reflection prompts and tool fields: long-fill-in interactions without a correct answer."""
    base = course.module_iri(module)
    texts = {}
    for kind in ("practice", "reflection"):
        part = getattr(module, kind)
        for p in part.prompts if part else ():
            texts[p.id] = Activity(f"{base}/{kind}/prompts/{p.id}", _described(course, INTERACTION, p.text) | {"interactionType": "long-fill-in"})
    if module.tool:
        for f in module.tool.fields:
            definition = _described(course, INTERACTION, f.label, f.hint) | {"interactionType": "long-fill-in"}
            texts[f.id] = Activity(f"{base}/tools/{module.tool.id}/fields/{f.id}", definition)
    return texts


def module_parts(course: Course, module: Module) -> dict[str, dict[str, Activity]]:
    """A module's activities by what reports them: steps (stepShown), questions, likert and texts
    (recordInteraction), each keyed by the id the player reports."""
    questions = module.quiz.questions if module.quiz else ()
    return {
        "steps": step_activities(course, module),
        "questions": {q.id: question_activity(course, module, q) for q in questions},
        "likert": likert_activities(course, module),
        "texts": text_activities(course, module),
    }


def extension_iris(course: Course) -> dict[str, str]:
    """Context extensions of the course's profile: the xAPI package's session id (cmi5 has its
    own) and the attempt number on a knowledge check's answers."""
    return {name: f"{course.iri_base}/xapi/extensions/{name}" for name in ("session", "attempt")}


def page_data(course: Course, modules: tuple[Module, ...], profile_version: str) -> dict:
    """The `xapi` entry of a page's #als-data: the course, the given modules, the profile to
    cite, its extensions and whether free text may go into statements."""
    return {
        "xapi": {
            "course": course_activity(course).as_object(),
            "profile": profile_version,
            "extensions": extension_iris(course),
            "freeText": course.free_text_in_statements,
            "modules": {
                m.id: {"activity": module_activity(course, m).as_object()}
                | {part: {k: a.as_object() for k, a in found.items()} for part, found in module_parts(course, m).items()}
                for m in modules
            },
        }
    }


def all_activities(course: Course) -> list[Activity]:
    """Every activity the course can emit, course first, then each module's in order."""
    found = [course_activity(course)]
    for module in course.modules:
        found.append(module_activity(course, module))
        for part in module_parts(course, module).values():
            found += part.values()
    return found
