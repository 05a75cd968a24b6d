"""A cohort of made-up learners playing the course, as the xAPI package's runtime reports them.

For the report's tests and benchmarks: statements shaped exactly like those of
templates/runtime/lms/xapi-statements.js (verbs, objects with the definitions from the
activities file, parent and grouping, registration, session and attempt extensions,
results), valid under ralph's model and @learninglocker/xapi-validation.

Behaviour is simple but not uniform, so the report has something to find: each learner has
an ability and a persistence; each module loses some learners at each step and more at a
"hard" step; questions have a difficulty and discrimination (one too easy, one too hard, one
that strong learners get wrong), wrong answers favour one distractor; a failed check is
retried up to twice, each time a little better. Everything follows from `seed`.
"""

from __future__ import annotations

import json
import math
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from als_package.report.definitions import SEPARATOR, Catalog, Module, Question, RatedItem, parse
from als_package.targets.activities import COURSE

VERB = "http://adlnet.gov/expapi/verbs/"
PROFILE_TYPE = "http://adlnet.gov/expapi/activities/profile"
PLATFORM = "ALS Course Packager runtime"
START = datetime(2026, 9, 1, 8, 0, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Behaviour:
    """How the cohort behaves; the defaults give a course with a visible story."""

    mastery: int = 80
    keep_going: float = 0.96  # chance to open the next module after finishing one
    step_loss: float = 0.015  # chance to stop at any step
    hard_step: tuple[int, int] = (7, 3)  # (module index, step) where a third stop
    hard_loss: float = 0.33
    retry: float = 0.75  # chance to try a failed check again (at most three tries)
    free_text: str | None = None  # if set, free-text answers carry this (a course that opts in)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _duration(seconds: float) -> str:
    return f"PT{seconds:.2f}S"


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


class Cohort:
    """Statements of `learners` learners over the course of `catalog` (its raw `definitions`)."""

    def __init__(self, catalog: Catalog, definitions: dict[str, dict], language: str, profile: str, behaviour: Behaviour = Behaviour(), seed: int = 1) -> None:
        self.catalog = catalog
        self.defs = definitions
        self.language = language
        self.behaviour = behaviour
        self.seed = seed
        self.course_ref = {"objectType": "Activity", "id": catalog.course, "definition": {"type": COURSE}}
        self.category = [{"objectType": "Activity", "id": profile, "definition": {"type": PROFILE_TYPE}}]
        self.session_ext = f"{catalog.course}/xapi/extensions/session"
        self.attempt_ext = f"{catalog.course}/xapi/extensions/attempt"
        self.step_answers = {
            step.id: sorted(a for a in catalog.likert | catalog.free_text if a.startswith(step.id + "/")) for m in catalog.modules for step in m.steps
        }
        questions = [q for m in catalog.modules for q in m.questions]
        item_rng = random.Random(seed * 7919)
        # question id → (difficulty, discrimination): most ordinary, three with a story.
        self.items = {q.id: (item_rng.uniform(-3.2, -0.8), item_rng.uniform(0.8, 2.0)) for q in questions}
        if len(questions) >= 3:
            self.items[questions[0].id] = (-4.0, 1.0)  # too easy
            self.items[questions[1].id] = (2.2, 1.2)  # too hard
            self.items[questions[2].id] = (-0.8, -1.2)  # strong learners get it wrong

    def activity(self, activity_id: str) -> dict:
        return {"objectType": "Activity", "id": activity_id, "definition": self.defs[activity_id]}

    def statements(self, learners: int) -> Iterator[dict]:
        for n in range(learners):
            yield from Learner(self, n).play()

    def write(self, path: Path, learners: int) -> int:
        """NDJSON, one statement a line; returns how many were written. Each object is
        encoded once (a million statements name a few hundred activities)."""
        encoded: dict[str, str] = {}
        count = 0
        with path.open("w", encoding="utf-8") as out:
            for statement in self.statements(learners):
                obj = statement["object"]
                if obj["id"] not in encoded:
                    encoded[obj["id"]] = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
                line = json.dumps(statement | {"object": 0}, ensure_ascii=False, separators=(",", ":"))
                out.write(line.replace('"object":0', '"object":' + encoded[obj["id"]], 1) + "\n")
                count += 1
        return count


class Learner:
    """One learner's registration: sessions of modules in course order until they stop."""

    def __init__(self, cohort: Cohort, number: int) -> None:
        self.c = cohort
        self.rng = random.Random(cohort.seed * 1_000_003 + number)
        self.ability = self.rng.gauss(0, 1)
        self.actor = {"objectType": "Agent", "name": f"Learner {number + 1}", "mbox": f"mailto:learner-{number + 1}@example.org"}
        self.registration = _uuid(self.rng)
        self.clock = START + timedelta(days=self.rng.uniform(0, 60), hours=self.rng.uniform(0, 9))
        self.session = ""
        self.statements: list[dict] = []
        self.before: dict[str, int] = {}  # self-assessment ratings before the course

    def tick(self, seconds: float) -> None:
        self.clock += timedelta(seconds=max(seconds, 0.001))

    def send(self, verb: str, obj: dict, result: dict | None = None, parent: dict | None = None, extensions: dict | None = None) -> None:
        self.tick(0.05)
        context: dict = {
            "registration": self.registration,
            "platform": PLATFORM,
            "language": self.c.language,
            "contextActivities": {"category": self.c.category},
            "extensions": {self.c.session_ext: self.session} | (extensions or {}),
        }
        if parent:
            context["contextActivities"] = {"category": self.c.category, "parent": [parent], "grouping": [self.c.course_ref]}
        statement = {
            "id": _uuid(self.rng),
            "timestamp": _iso(self.clock),
            "actor": self.actor,
            "verb": {"id": VERB + verb, "display": {"en-US": verb}},
            "object": obj,
            "context": context,
        }
        if result:
            statement["result"] = result
        self.statements.append(statement)

    def play(self) -> list[dict]:
        course = self.c.activity(self.c.catalog.course)
        outcomes: dict[str, str] = {}
        scores: dict[str, int] = {}
        persistence = self.rng.uniform(0.95, 1.0)
        for index, module in enumerate(self.c.catalog.modules):
            if index and self.rng.random() > self.c.behaviour.keep_going * persistence:
                break
            self.session = _uuid(self.rng)
            started = self.clock
            self.send("initialized", course)
            if index == 0:
                self.rate(self.c.catalog.self_assessment, "before")
            outcome, score = self.module(index, module)
            outcomes[module.key] = outcome
            if score is not None:
                scores[module.key] = score
            finished = len(outcomes) == len(self.c.catalog.modules) and "stopped" not in outcomes.values()
            if finished and index == len(self.c.catalog.modules) - 1:
                self.rate(self.c.catalog.self_assessment, "after")
                self.course_outcome(course, outcomes, scores, started)
            if outcome == "stopped" or not finished:
                self.send("suspended", course)
            self.send("terminated", course, {"duration": _duration((self.clock - started).total_seconds())})
            if outcome == "stopped":
                break
            self.tick(self.rng.uniform(3600, 86400 * 4))
        return self.statements

    def course_outcome(self, course: dict, outcomes: dict[str, str], scores: dict[str, int], started: datetime) -> None:
        low = min(scores.values()) if scores else 100
        elapsed = _duration((self.clock - started).total_seconds())
        verb = "passed" if all(o == "passed" for o in outcomes.values()) else "failed"
        score = {"scaled": low / 100, "raw": low, "min": 0, "max": 100}
        self.send(verb, course, {"score": score, "success": verb == "passed", "duration": elapsed})
        if verb == "passed":
            self.send("completed", course, {"completion": True, "duration": elapsed})

    def module(self, index: int, module: Module) -> tuple[str, int | None]:
        """Walk the module; returns (passed | failed | completed | stopped, best score)."""
        b = self.c.behaviour
        parent = self.c.activity(module.id)
        course = {"objectType": "Activity", "id": self.c.catalog.course, "definition": self.c.defs[self.c.catalog.course]}
        started = self.clock
        for step in module.steps:
            loss = b.hard_loss if (index, step.position) == b.hard_step else b.step_loss
            if step.position > 1 and self.rng.random() < loss:
                return "stopped", None
            self.send("experienced", self.c.activity(step.id), None, parent)
            self.tick(self.rng.lognormvariate(math.log(45), 0.6))
            self.answer_texts(step.id, parent)
        elapsed = _duration((self.clock - started).total_seconds())
        if not module.questions:
            self.send("completed", parent, {"completion": True, "duration": elapsed}, course)
            return "completed", None
        best = 0
        for attempt in range(1, 4):
            if attempt > 1 and self.rng.random() > b.retry:
                break
            score = self.check(module, parent, attempt)
            best = max(best, score)
            if score >= b.mastery:
                break
        elapsed = _duration((self.clock - started).total_seconds())
        self.send("completed", parent, {"completion": True, "duration": elapsed}, course)
        verb = "passed" if best >= b.mastery else "failed"
        result = {"score": {"scaled": best / 100, "raw": best, "min": 0, "max": 100}, "success": verb == "passed", "duration": elapsed}
        self.send(verb, parent, result, course)
        return verb, best

    def answer_texts(self, step_id: str, parent: dict) -> None:
        """Likert ratings and free-text answers of a tool or reflection step, sent as it is left."""
        for activity_id in self.c.step_answers[step_id]:
            result: dict = {"duration": _duration(self.rng.uniform(5, 90))}
            if activity_id in self.c.catalog.likert:
                result = {"response": str(self.rng.randint(1, len(self.c.defs[activity_id].get("scale", [])) or 1))} | result
            elif self.c.behaviour.free_text is not None:
                result = {"response": self.c.behaviour.free_text} | result
            self.send("answered", self.c.activity(activity_id), result, parent)

    def check(self, module: Module, parent: dict, attempt: int) -> int:
        right = 0
        ability = self.ability + 0.6 * (attempt - 1)
        for question in module.questions:
            difficulty, discrimination = self.c.items[question.id]
            correct = self.rng.random() < 1 / (1 + math.exp(-discrimination * (ability - difficulty)))
            right += correct
            result = {"response": self.response(question, correct), "success": correct, "duration": _duration(self.rng.uniform(8, 70))}
            self.tick(0.01)
            self.send("answered", self.c.activity(question.id), result, parent, {self.c.attempt_ext: attempt})
        return round(100 * right / len(module.questions))

    def response(self, question: Question, correct: bool) -> str:
        pattern = question.pattern
        if correct:
            return pattern
        parts = pattern.split(SEPARATOR)
        if question.interaction == "true-false":
            return "false" if pattern == "true" else "true"
        if question.interaction == "choice":
            distractors = sorted(k for k in question.components if k not in parts)
            if not distractors:
                return SEPARATOR.join(parts[:-1]) or pattern
            weights = [3.0] + [1.0] * (len(distractors) - 1)
            chosen = self.rng.choices(distractors, weights)[0]
            kept = parts[:-1] if len(parts) > 1 and self.rng.random() < 0.5 else parts[1:]
            return SEPARATOR.join(sorted(kept + [chosen], key=list(question.components).index))
        if len(parts) > 1:  # matching or sequencing: two parts swapped
            i = self.rng.randrange(len(parts) - 1)
            if question.interaction == "matching":
                (s1, t1), (s2, t2) = parts[i].split("[.]"), parts[i + 1].split("[.]")
                if t1 == t2:
                    t2 = next((p.split("[.]")[1] for p in parts if p.split("[.]")[1] != t1), t2)
                parts[i], parts[i + 1] = f"{s1}[.]{t2}", f"{s2}[.]{t1}"
            else:
                parts[i], parts[i + 1] = parts[i + 1], parts[i]
            return SEPARATOR.join(parts)
        return pattern + "x"

    def rate(self, items: tuple[RatedItem, ...], side: str) -> None:
        """The course self-assessment: ratings rise a little after the course."""
        for item in items:
            top = len(item.scale) or 5
            if side == "before":
                value = self.before[item.key] = self.rng.randint(1, max(1, top - 1))
            else:
                value = min(top, self.before.get(item.key, 1) + (self.rng.random() < 0.6))
            activity_id = item.before if side == "before" else item.after
            result = {"response": str(value), "duration": _duration(self.rng.uniform(3, 20))}
            self.send("answered", self.c.activity(activity_id), result, self.c.activity(self.c.catalog.course))


def cohort_from(path: Path, behaviour: Behaviour = Behaviour(), seed: int = 1) -> Cohort:
    """A cohort for the course whose activities file is `path`."""
    document = json.loads(path.read_text(encoding="utf-8"))
    catalog = parse(document, str(path))
    definitions = {a["id"]: a["definition"] for a in document["activities"]}
    language = next(iter(definitions[catalog.course]["name"]))
    return Cohort(catalog, definitions, language, document["profile"], behaviour, seed)
