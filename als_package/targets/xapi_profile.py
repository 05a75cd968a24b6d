"""The course's xAPI Profile (JSON-LD, xAPI Profiles 1.0): which verbs, activity types and
statement shapes its packages send, so an LRS owner can check and report on them.

Every statement the runtime sends cites the profile version in
`context.contextActivities.category` (the Profiles specification's way of saying "this
statement follows that profile"). The verbs and activity types are ADL's and Activity
Streams' own; the profile lists them and adds statement templates with the rules our
adapters keep (templates/runtime/lms/xapi-statements.js).
"""

from __future__ import annotations

import json
import os
import time
from urllib.parse import urlsplit

from als_package.model import Course
from als_package.package import DEFAULT_EPOCH
from als_package.questions import QUESTION_TYPES
from als_package.targets import activities as act

VERBS = {
    "initialized": "a session of the course or module started",
    "resumed": "the learner came back to a suspended attempt",
    "experienced": "the learner was shown a step of a module",
    "answered": "the learner answered a question, rated a statement or wrote an answer",
    "completed": "the learner finished the module or course (every step seen, or the check passed)",
    "passed": "the learner reached the mastery score in the knowledge check",
    "failed": "the learner's knowledge check score is below the mastery score",
    "suspended": "the learner left before finishing; the attempt can be resumed",
    "terminated": "the session ended; nothing more is sent for it",
}

ACTIVITY_TYPES = {
    act.COURSE: "the whole course (the launch activity of the xAPI package)",
    act.MODULE: "one module (a cmi5 AU)",
    act.PAGE: "a step of a module: a page, the reflection or the tool",
    act.ASSESSMENT: "a module's knowledge check",
    act.INTERACTION: "a question, a self-assessment statement or a free-text answer",
}


def verb_iri(name: str) -> str:
    return f"http://adlnet.gov/expapi/verbs/{name}"


def profile_id(course: Course) -> str:
    return f"{course.iri_base}/xapi/profile"


def profile_version(course: Course) -> str:
    return f"{profile_id(course)}/v{course.version}"


def _generated_at() -> str:
    """SOURCE_DATE_EPOCH (as for the zips), so two builds write the same document."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH))
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def _present(*locations: str) -> list[dict]:
    return [{"location": location, "presence": "included"} for location in locations]


def _template(course: Course, verb: str, object_type: str, rules: list[dict], parent: str | None = None, what: str = "") -> dict:
    name = what or object_type.rsplit("/", 1)[-1]
    template = {
        "id": f"{profile_id(course)}/templates/{verb}-{name}",
        "type": "StatementTemplate",
        "inScheme": profile_version(course),
        "prefLabel": {"en": f"{verb} {name}"},
        "definition": {"en": VERBS[verb]},
        "verb": verb_iri(verb),
        "objectActivityType": object_type,
        "rules": _present("$.id", "$.timestamp") + rules,
    }
    if object_type != act.COURSE:
        template["contextGroupingActivityType"] = [act.COURSE]
    if parent:
        template["contextParentActivityType"] = [parent]
    return template


def _templates(course: Course) -> list[dict]:
    score = _present("$.result.score.scaled", "$.result.score.raw", "$.result.score.min", "$.result.score.max", "$.result.duration")
    outcome = {
        "completed": [{"location": "$.result.completion", "any": [True]}] + _present("$.result.duration"),
        "passed": [{"location": "$.result.success", "any": [True]}] + score,
        "failed": [{"location": "$.result.success", "any": [False]}] + score,
    }
    templates = []
    for unit in (act.COURSE, act.MODULE):
        templates += [_template(course, verb, unit, []) for verb in ("initialized", "resumed", "suspended")]
        templates += [_template(course, verb, unit, rules) for verb, rules in outcome.items()]
        templates.append(_template(course, "terminated", unit, _present("$.result.duration")))
    templates.append(_template(course, "experienced", act.PAGE, [], parent=act.MODULE))
    templates.append(_template(course, "experienced", act.ASSESSMENT, [], parent=act.MODULE))
    templates += _answered_templates(course)
    return templates


def _interaction_types(*types: str) -> dict:
    return {"location": "$.object.definition.interactionType", "any": list(types)}


def _answered_templates(course: Course) -> list[dict]:
    """Quiz answers (with the attempt number), Likert ratings, and free text: by default the
    statement says a text was answered, never what it says (course.yaml free_text_in_statements)."""
    attempt = f"$.context.extensions['{act.extension_iris(course)['attempt']}']"
    quiz_types = sorted({t.interaction_type for t in QUESTION_TYPES.values()})
    free_text = "included" if course.free_text_in_statements else "excluded"
    rules = {
        "question": [_interaction_types(*quiz_types)] + _present("$.result.response", "$.result.success", "$.result.duration", attempt),
        "likert": [_interaction_types("likert")] + _present("$.result.response", "$.result.duration"),
        "free-text": [_interaction_types("long-fill-in"), {"location": "$.result.response", "presence": free_text}] + _present("$.result.duration"),
    }
    return [_template(course, "answered", act.INTERACTION, r, parent=act.MODULE, what=what) for what, r in rules.items()]


EXTENSIONS = {
    "session": ("a session of the xAPI course package (cmi5 statements carry cmi5's session id)", {"type": "string"}),
    "attempt": ("which try at the module's knowledge check an answer belongs to, from 1, per registration", {"type": "integer", "minimum": 1}),
}


def _extension_concepts(course: Course) -> list[dict]:
    iris = act.extension_iris(course)
    return [
        {
            "id": iris[name],
            "type": "ContextExtension",
            "inScheme": profile_version(course),
            "prefLabel": {"en": name},
            "definition": {"en": text},
            "inlineSchema": json.dumps(schema),
        }
        for name, (text, schema) in EXTENSIONS.items()
    ]


def profile(course: Course) -> dict:
    """The xAPI Profile document for `course`."""
    version = profile_version(course)
    concepts = [{"id": verb_iri(v), "type": "Verb", "inScheme": version, "prefLabel": {"en": v}, "definition": {"en": d}} for v, d in VERBS.items()]
    concepts += [
        {"id": t, "type": "ActivityType", "inScheme": version, "prefLabel": {"en": t.rsplit("/", 1)[-1]}, "definition": {"en": d}}
        for t, d in ACTIVITY_TYPES.items()
    ]
    concepts += _extension_concepts(course)
    return {
        "@context": "https://w3id.org/xapi/profiles/context",
        "id": profile_id(course),
        "type": "Profile",
        "conformsTo": "https://w3id.org/xapi/profiles#1.0",
        "prefLabel": {course.language: f"{course.title}: xAPI statements"},
        "definition": {course.language: f"The statements the {course.title} packages (xAPI and cmi5) send."},
        "author": {"type": "Organization", "name": urlsplit(course.iri_base).netloc},
        "versions": [{"id": version, "generatedAtTime": _generated_at()}],
        "concepts": concepts,
        "templates": _templates(course),
    }
