"""What is wrong with a statement, in words: the preview marks these in its inspector.

The rules are the ones our packages must keep (../shared/XAPI-NOTES.md): statements valid
under xAPI 1.0.3 and 2.0, and the cmi5 session order. Each check names the property it is
about, so an author or developer sees where to look.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
IRI = re.compile(r"^[a-z][a-z0-9+.-]*:[^\s]+$", re.IGNORECASE)
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
DURATION = re.compile(r"^P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d{1,2})?S)?)?$")
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
INTERACTION_TYPES = {"true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert", "numeric", "other"}
CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
VERBS = "http://adlnet.gov/expapi/verbs/"
CMI5_DEFINED = {VERBS + v for v in ("initialized", "completed", "passed", "failed", "terminated")}
OUTCOMES = {VERBS + v for v in ("completed", "passed", "failed")}


def _empties(node, path: str) -> Iterator[str]:
    if node is None:
        yield f"{path} is null"
    elif isinstance(node, (dict, list)) and not node:
        yield f"{path} is empty"
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _empties(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _empties(value, f"{path}[{i}]")


def _agent(agent, path: str) -> Iterator[str]:
    if not isinstance(agent, dict):
        yield f"{path} is missing"
        return
    found = [k for k in IFIS if k in agent]
    if len(found) != 1:
        yield f"{path} needs exactly one of {', '.join(IFIS)} (has {len(found)})"
    if "mbox" in agent and not str(agent["mbox"]).startswith("mailto:"):
        yield f"{path}.mbox must start with mailto:"


def _definition(definition: dict, path: str) -> Iterator[str]:
    kind = definition.get("interactionType")
    if kind is not None and kind not in INTERACTION_TYPES:
        yield f"{path}.interactionType {kind!r} is not an xAPI interaction type"
    for name in ("choices", "scale", "source", "target", "steps"):
        ids = [c.get("id") for c in definition.get(name, [])]
        if len(ids) != len(set(ids)) or any(not i or re.search(r"\s", i) for i in ids):
            yield f"{path}.{name}: component ids must be distinct and without whitespace"


def _result(result: dict) -> Iterator[str]:
    score = result.get("score", {})
    if "scaled" in score and not -1 <= score["scaled"] <= 1:
        yield "result.score.scaled is outside [-1, 1]"
    if "raw" in score and not score.get("min", score["raw"]) <= score["raw"] <= score.get("max", score["raw"]):
        yield "result.score.raw is outside [min, max]"
    if "duration" in result and not DURATION.match(str(result["duration"])):
        yield f"result.duration {result['duration']!r} is not an ISO 8601 duration with at most 2 decimals"


def problems(statement: dict) -> list[str]:
    """A statement's problems on its own (xAPI 1.0.3 and 2.0 both)."""
    found = list(_empties(statement, "statement"))
    if not UUID.match(str(statement.get("id", ""))):
        found.append("id is not a lower-case UUID set by the content")
    found += _agent(statement.get("actor"), "actor")
    verb = statement.get("verb") or {}
    if not IRI.match(str(verb.get("id", ""))):
        found.append("verb.id is not an IRI")
    if not isinstance(verb.get("display"), dict):
        found.append("verb.display is not a language map")
    target = statement.get("object") or {}
    if target.get("objectType", "Activity") == "Activity":
        if not IRI.match(str(target.get("id", ""))):
            found.append("object.id is not an IRI")
        found += _definition(target.get("definition", {}), "object.definition")
    if not TIMESTAMP.match(str(statement.get("timestamp", ""))):
        found.append("timestamp is not UTC with milliseconds and Z")
    if "version" in statement:
        found.append("version is set (not valid under xAPI 2.0 when sent by content)")
    context = statement.get("context", {})
    for name, value in context.get("contextActivities", {}).items():
        if not isinstance(value, list):
            found.append(f"context.contextActivities.{name} is not an array")
    for name in ("contextAgents", "contextGroups"):
        if name in context:
            found.append(f"context.{name} is not valid under xAPI 1.0.3")
    found += _result(statement.get("result", {}))
    return found


def _categories(statement: dict) -> set[str]:
    return {c.get("id") for c in statement.get("context", {}).get("contextActivities", {}).get("category", [])}


def cmi5_problems(statement: dict, session: list[dict], registration: list[dict], session_id: str) -> list[str]:
    """cmi5's rules for a statement sent in an AU session, after `session` (this session's earlier
    statements) and `registration` (every earlier statement of the registration)."""
    verb = statement.get("verb", {}).get("id", "")
    found = []
    if statement.get("context", {}).get("extensions", {}).get(SESSION) != session_id:
        found.append("context.extensions: the session id is not this session's (contextTemplate)")
    verbs = [s.get("verb", {}).get("id") for s in session]
    if not verbs and verb != VERBS + "initialized":
        found.append("the first statement of a session must be initialized")
    if VERBS + "terminated" in verbs:
        found.append("sent after terminated")
    if verb in CMI5_DEFINED and CMI5 not in _categories(statement):
        found.append("a cmi5-defined statement without the cmi5 category")
    if verb in OUTCOMES and MOVEON not in _categories(statement):
        found.append("a moveon statement without the moveon category")
    if verb in OUTCOMES and verb in [s.get("verb", {}).get("id") for s in registration]:
        found.append(f"{verb.rsplit('/', 1)[-1]} a second time in this registration")
    if verb == VERBS + "failed" and VERBS + "passed" in [s.get("verb", {}).get("id") for s in registration]:
        found.append("failed after passed")
    if verb in OUTCOMES and "duration" not in statement.get("result", {}):
        found.append("result.duration is missing")
    return found
