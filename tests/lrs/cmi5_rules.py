"""The cmi5 rules an LMS can check in an LRS's statements (cmi5 §9.3-9.7, §10), as a list of violations.

Written from the specification, and run on our AU's statements and on those of the
third-party @xapi/cmi5 client (tests/lrs/test_reference_client.py), so the checker itself
is shown to accept a known-good AU.
"""

from __future__ import annotations

from .launcher import CMI5, Cmi5Launch
from .learning import verb

SESSION = CMI5 + "context/extensions/sessionid"
MASTERY = CMI5 + "context/extensions/masteryscore"
CATEGORY_CMI5 = CMI5 + "context/categories/cmi5"
CATEGORY_MOVEON = CMI5 + "context/categories/moveon"
DEFINED = {"initialized", "completed", "passed", "failed", "terminated"}
OUTCOMES = {"completed", "passed", "failed"}
NEEDS_DURATION = {"completed", "passed", "failed", "terminated"}


def _ids(context: dict, name: str) -> set[str]:
    return {a["id"] for a in (context.get("contextActivities") or {}).get(name, [])}


def _statement_problems(s: dict, launch: Cmi5Launch) -> list[str]:
    v, context, result = verb(s), s.get("context") or {}, s.get("result") or {}
    where = f"{v} {s.get('id')}"
    problems = []
    if not s.get("timestamp", "").endswith("Z"):
        problems.append(f"{where}: timestamp {s.get('timestamp')} is not UTC")
    if (context.get("extensions") or {}).get(SESSION) != launch.session_id:
        problems.append(f"{where}: session id missing or wrong")
    if launch.publisher_id not in _ids(context, "grouping"):
        problems.append(f"{where}: publisher id missing from grouping")
    categories = _ids(context, "category")
    if v in DEFINED:
        if s["object"]["id"] != launch.activity_id:
            problems.append(f"{where}: object is not the launch activityId")
        if CATEGORY_CMI5 not in categories:
            problems.append(f"{where}: cmi5 category missing")
        if (CATEGORY_MOVEON in categories) != (v in OUTCOMES):
            problems.append(f"{where}: moveon category wrong")
    elif categories & {CATEGORY_CMI5, CATEGORY_MOVEON}:
        problems.append(f"{where}: an allowed statement carries a cmi5 category")
    if v in NEEDS_DURATION and "duration" not in result:
        problems.append(f"{where}: no duration")
    if v in DEFINED:
        problems += _result_problems(where, v, result, context, launch)
    return problems


def _result_problems(where: str, v: str, result: dict, context: dict, launch: Cmi5Launch) -> list[str]:
    problems = []
    expect_success = {"passed": True, "failed": False}.get(v)
    if result.get("success") is not expect_success:
        problems.append(f"{where}: success {result.get('success')!r}, expected {expect_success!r}")
    if result.get("completion") is not (True if v == "completed" else None):
        problems.append(f"{where}: completion {result.get('completion')!r}")
    score = result.get("score")
    if score is not None and v not in ("passed", "failed"):
        problems.append(f"{where}: a score outside passed/failed")
    if score and any(k in score and not isinstance(score[k], int) for k in ("raw", "min", "max")):
        problems.append(f"{where}: raw/min/max must be integers")
    mastery = launch.launch_data.get("masteryScore")
    if mastery is not None and v in ("passed", "failed"):
        if (context.get("extensions") or {}).get(MASTERY) != mastery:
            problems.append(f"{where}: masteryscore extension missing or wrong")
        if score and "scaled" in score and ((score["scaled"] >= mastery) != (v == "passed")):
            problems.append(f"{where}: scaled {score['scaled']} does not agree with masteryScore {mastery}")
    return problems


def session_problems(statements: list[dict], launch: Cmi5Launch) -> list[str]:
    """One AU session's statements (timestamp order, `launched` included)."""
    mine = [s for s in statements if ((s.get("context") or {}).get("extensions") or {}).get(SESSION) == launch.session_id]
    verbs = [verb(s) for s in mine]
    problems = [] if verbs[:1] == ["launched"] else [f"the session does not start with launched: {verbs[:3]}"]
    au = mine[1:]
    au_verbs = verbs[1:]
    if au_verbs[:1] != ["initialized"] or au_verbs[-1:] != ["terminated"]:
        problems.append(f"the AU's statements must run from initialized to terminated: {au_verbs}")
    for v in DEFINED:
        if au_verbs.count(v) > 1:
            problems.append(f"{v} appears {au_verbs.count(v)} times in one session")
    if "passed" in au_verbs and "failed" in au_verbs:
        problems.append("passed and failed in one session")
    if launch.launch_data["launchMode"] != "Normal" and set(au_verbs) & OUTCOMES:
        problems.append(f"{launch.launch_data['launchMode']} mode sent {sorted(set(au_verbs) & OUTCOMES)}")
    for s in au:
        problems += _statement_problems(s, launch)
    return problems


def registration_problems(statements: list[dict]) -> list[str]:
    """Across sessions of one registration and AU: completed and passed once; no failed after passed."""
    verbs = [verb(s) for s in statements]
    problems = [f"{v} appears {verbs.count(v)} times in the registration" for v in ("completed", "passed") if verbs.count(v) > 1]
    if "passed" in verbs and "failed" in verbs[verbs.index("passed") :]:
        problems.append("failed after passed")
    return problems
