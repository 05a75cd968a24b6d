"""Checks on statements read back from the LRS, shared by the xAPI and cmi5 browser tests."""

from __future__ import annotations

import json
import re

from . import validators
from .learning import IRI_BASE, LANGUAGE, Plan, answers, verb, xapi_response

PROFILE_TYPE = "http://adlnet.gov/expapi/activities/profile"
DURATION = re.compile(r"^PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S$")
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
# Requests a page makes on purpose that a browser reports as failures: the first read of a
# State or Agent Profile document that does not exist yet (404, xAPI §2.3), asking whether
# an outcome an earlier launch queued was stored (404: it was not, so it is sent again), and
# requests cut off by the page going away (keepalive: they still arrive).
EXPECTED = re.compile(
    r"(GET \S+/xapi/(activities/state|agents/profile|statements)\?\S+: HTTP 404"
    r"|(PUT|POST) \S+/xapi/\S+: net::ERR_ABORTED"
    r"|Failed to load resource: the server responded with a status of 404 \(Not Found\) \(\S+/runtime/lms/xapi-queue\.js)"
)


def unexpected(problems: list[str]) -> list[str]:
    return [p for p in problems if not EXPECTED.search(p)]


def common_problems(statements: list[dict], registration: str) -> list[str]:
    """Both validators, plus what every statement of ours must carry (XAPI-NOTES)."""
    problems = validators.problems(statements)
    ids = [s["id"] for s in statements]
    if len(ids) != len(set(ids)):
        problems.append("a statement is stored twice")
    for s in statements:
        where = f"{verb(s)} {s['id']}"
        context = s.get("context") or {}
        if not TIMESTAMP.match(s["timestamp"]):
            problems.append(f"{where}: timestamp {s['timestamp']}")
        if context.get("registration") != registration:
            problems.append(f"{where}: registration missing")
        if verb(s) == "launched":
            continue
        if context.get("language") != LANGUAGE or not context.get("platform"):
            problems.append(f"{where}: language/platform missing")
        categories = (context.get("contextActivities") or {}).get("category", [])
        if not any(c.get("definition", {}).get("type") == PROFILE_TYPE for c in categories):
            problems.append(f"{where}: the profile is not cited")
        if "version" in s and s["version"] not in ("1.0.0", "1.0.3"):
            problems.append(f"{where}: version {s['version']}")
        duration = (s.get("result") or {}).get("duration")
        if duration is not None and not DURATION.match(duration):
            problems.append(f"{where}: duration {duration}")
    return problems


def answered_problems(statements: list[dict], plan: Plan, module_parent: str) -> list[str]:
    """The module's `answered` quiz statements: one per question, response and success from
    the source, the full definition, the module as parent and the course in grouping."""
    base = f"{IRI_BASE}/{plan.module.id}/questions/"
    got = {s["object"]["id"].removeprefix(base): s for s in statements if verb(s) == "answered" and s["object"]["id"].startswith(base)}
    problems = []
    if sorted(got) != sorted(q.id for q in plan.module.questions):
        return [f"answered questions {sorted(got)}, expected {[q.id for q in plan.module.questions]}"]
    for q, answer in zip(plan.module.questions, answers(plan), strict=True):
        s = got[q.id]
        definition, result, ca = s["object"]["definition"], s["result"], s["context"]["contextActivities"]
        if (result.get("response"), result.get("success")) != (xapi_response(answer), answer.correct):
            problems.append(f"{q.id}: result {result}, expected {xapi_response(answer)!r} {answer.correct}")
        if definition.get("interactionType") != q.interaction_type or definition.get("correctResponsesPattern") != [xapi_response(q.right_answer())]:
            problems.append(f"{q.id}: definition {definition}")
        if [a["id"] for a in ca.get("parent", [])] != [module_parent] or IRI_BASE not in [a["id"] for a in ca.get("grouping", [])]:
            problems.append(f"{q.id}: parent/grouping {ca}")
        if not DURATION.match(result.get("duration", "")):
            problems.append(f"{q.id}: duration {result.get('duration')}")
    return problems


def free_text_problems(launcher, statements: list[dict], registration: str, texts: dict[str, str]) -> list[str]:
    """The default privacy promise (docs/xapi.md): each free-text answer is reported as
    answered with no response; no word of it is in any statement the LMS received or the LRS
    stored; it is kept where the reflections say, with the progress in the State document."""
    answered = {
        s["object"]["id"].rsplit("/", 1)[-1]: s for s in statements if verb(s) == "answered" and s["object"]["definition"]["interactionType"] == "long-fill-in"
    }
    problems = [] if sorted(answered) == sorted(texts) else [f"free-text answers reported: {sorted(answered)}"]
    problems += [f"{field}: result {s['result']}" for field, s in answered.items() if set(s["result"]) != {"duration"}]
    sent = json.dumps([r.body for r in launcher.statement_writes()]) + json.dumps(statements)
    problems += [f"{field}: the text left the browser in a statement" for field, text in texts.items() if text in sent]
    kept = b"".join(doc for key, doc in launcher.store.state.items() if key[2] == registration and key[3] == "als.progress")
    problems += [f"{field}: not kept with the progress" for field, text in texts.items() if text.encode() not in kept]
    return problems
