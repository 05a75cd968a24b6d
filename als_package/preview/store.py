"""The preview's built-in statement store: the xAPI resources a package uses, cmi5's fetch URL,
and the launches an LMS makes (TinCan launch parameters; cmi5 registration, LMS.LaunchData,
the launched statement). In memory, for one preview run.

Every statement is kept as sent, with the problems `statements.py` finds, in arrival order,
for the inspector. Like a strict LRS it refuses unknown credentials (401), a request without
X-Experience-API-Version (400), a statement id reused for another statement (409) and an AU
writing LMS.LaunchData (403).
"""

from __future__ import annotations

import json
import secrets
import threading
import urllib.parse
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from als_package.preview import statements
from als_package.preview.units import Unit

CMI5 = "https://w3id.org/xapi/cmi5/"
JSON_TYPE = "application/json"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def learner_agent(learner: str) -> dict:
    """The agent the preview launches as: the learner's name, and a mailbox at example.org (RFC 2606: reserved, yet valid to validators)."""
    local = "".join(c if c.isalnum() or c in "._-" else "-" for c in learner.lower()) or "learner"
    return {"objectType": "Agent", "name": learner, "mbox": f"mailto:{local}@example.org"}


def agent_key(agent: str) -> str:
    try:
        value = json.loads(agent)
    except ValueError:
        return agent
    return json.dumps({k: value[k] for k in ("mbox", "mbox_sha1sum", "openid", "account") if k in value}, sort_keys=True)


@dataclass
class Session:
    """What one launch's credentials stand for."""

    registration: str
    unit: str
    session_id: str = ""  # cmi5 only
    statements: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Reply:
    status: int
    body: object = None  # dict/list as JSON, bytes as they are, None for no body
    content_type: str = JSON_TYPE


@dataclass
class Record:
    seq: int
    source: str  # "content" or "LMS" (the launched statement a cmi5 LMS writes)
    unit: str
    registration: str
    statement: dict
    problems: list[str]


class Store:
    """The LRS and launching LMS of one preview, shared by the server's threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.records: list[Record] = []
        self._by_id: dict[str, dict] = {}
        self._documents: dict[tuple, tuple[bytes, str]] = {}
        self._sessions: dict[str, Session] = {}
        self._fetch: dict[str, str | None] = {}  # fetch key → token, None once used
        self._registrations: dict[tuple[str, str], str] = {}

    # ---- launches -------------------------------------------------------------------------

    def registration(self, learner: str, unit: str, fresh: bool) -> str:
        """The learner's registration for the unit: kept to resume, a new one for a new attempt."""
        with self._lock:
            if fresh or (learner, unit) not in self._registrations:
                self._registrations[(learner, unit)] = str(uuid.uuid4())
            return self._registrations[(learner, unit)]

    def _credentials(self, session: Session) -> str:
        token = "Basic " + secrets.token_urlsafe(18)
        self._sessions[token] = session
        return token

    def tincan(self, origin: str, href: str, unit: Unit, learner: str, registration: str) -> str:
        """A TinCan launch URL (Rustici's launch document) with credentials for this launch."""
        with self._lock:
            auth = self._credentials(Session(registration, unit.id))
        params = {"endpoint": origin + "/xapi/", "auth": auth, "actor": json.dumps(learner_agent(learner)), "registration": registration}
        return href + "?" + urllib.parse.urlencode(params)

    def cmi5(self, origin: str, href: str, unit: Unit, learner: str, registration: str, mode: str, return_url: str) -> str:
        """What a cmi5 LMS does before it opens an AU (§8-10): session, LaunchData, fetch URL, launched."""
        actor = learner_agent(learner)
        activity_id = f"{origin}/lms/au/{uuid.uuid5(uuid.NAMESPACE_URL, unit.publisher_id)}"
        session_id = str(uuid.uuid4())
        template: dict[str, Any] = {
            "contextActivities": {"grouping": [{"objectType": "Activity", "id": unit.publisher_id}]},
            "extensions": {CMI5 + "context/extensions/sessionid": session_id},
        }
        launch_data: dict = {"contextTemplate": template, "launchMode": mode, "moveOn": "CompletedAndPassed", "returnURL": return_url}
        if unit.mastery:
            launch_data["masteryScore"] = float(unit.mastery)
        key = secrets.token_hex(12)
        with self._lock:
            state_key = (activity_id, agent_key(json.dumps(actor)), registration, "LMS.LaunchData")
            self._documents[state_key] = (json.dumps(launch_data).encode(), JSON_TYPE)
            # cmi5 §11: the learner's preferences, as an LMS keeps them for its learners.
            self._documents.setdefault(
                ("profile", agent_key(json.dumps(actor)), "cmi5LearnerPreferences"),
                (json.dumps({"languagePreference": "en-GB", "audioPreference": "on"}).encode(), JSON_TYPE),
            )
            self._fetch[key] = self._credentials(Session(registration, unit.id, session_id)).removeprefix("Basic ")
            launched = {
                "id": str(uuid.uuid4()),
                "actor": actor,
                "timestamp": now(),
                "verb": {"id": "http://adlnet.gov/expapi/verbs/launched", "display": {"en-US": "launched"}},
                "object": {"objectType": "Activity", "id": activity_id},
                "context": template
                | {
                    "registration": registration,
                    "extensions": template["extensions"]
                    | {CMI5 + "context/extensions/launchmode": mode, CMI5 + "context/extensions/moveon": "CompletedAndPassed"},
                },
            }
            self._keep(launched, "LMS", unit.id, registration, [])
        params = {
            "endpoint": origin + "/xapi/",
            "fetch": f"{origin}/fetch/{key}",
            "actor": json.dumps(actor),
            "registration": registration,
            "activityId": activity_id,
        }
        return href + "?" + urllib.parse.urlencode(params)

    def fetch(self, key: str) -> Reply:
        """cmi5 §8.2: the token once; any later POST gets error-code 1."""
        with self._lock:
            token = self._fetch.get(key)
            if key not in self._fetch:
                return Reply(404, {"error-code": "3", "error-text": "unknown fetch URL"})
            self._fetch[key] = None
        if token is None:
            return Reply(200, {"error-code": "1", "error-text": "the fetch URL was already used"})
        return Reply(200, {"auth-token": token})

    # ---- the xAPI resources -----------------------------------------------------------------

    def xapi(self, method: str, resource: str, params: dict[str, str], body: bytes, headers: dict[str, str]) -> Reply:
        if not headers.get("x-experience-api-version", "").startswith(("1.0", "2.0")):
            return Reply(400, {"message": "X-Experience-API-Version header missing"})
        with self._lock:
            session = self._sessions.get(headers.get("authorization", ""))
            if session is None:
                return Reply(401, {"message": "unknown credentials"})
            if resource == "statements":
                return self._statements(method, params, body, session)
            if resource == "activities/state":
                if method != "GET" and params.get("stateId") == "LMS.LaunchData":
                    return Reply(403, {"message": "an AU may not write LMS.LaunchData (cmi5 §10)"})
                key = (params.get("activityId", ""), agent_key(params.get("agent", "")), params.get("registration", ""), params.get("stateId", ""))
                return self._document(method, key, body, headers)
            if resource == "agents/profile":
                return self._document(method, ("profile", agent_key(params.get("agent", "")), params.get("profileId", "")), body, headers)
        return Reply(404, {"message": f"no resource {resource}"})

    def _document(self, method: str, key: tuple, body: bytes, headers: dict[str, str]) -> Reply:
        if method == "GET":
            found = self._documents.get(key)
            return Reply(200, found[0], found[1]) if found else Reply(404, {"message": "no such document"})
        if method == "DELETE":
            self._documents.pop(key, None)
            return Reply(204)
        kind = headers.get("content-type", JSON_TYPE).split(";")[0]
        if method == "POST" and key in self._documents and kind == JSON_TYPE:
            merged = json.loads(self._documents[key][0]) | json.loads(body)
            body = json.dumps(merged).encode()
        self._documents[key] = (body, kind)
        return Reply(204)

    def _statements(self, method: str, params: dict[str, str], body: bytes, session: Session) -> Reply:
        if method == "GET":
            if "statementId" in params:
                found = self._by_id.get(params["statementId"])
                return Reply(200, found) if found else Reply(404, {"message": "no such statement"})
            return Reply(200, {"statements": [r.statement for r in self.records], "more": ""})
        try:
            sent = json.loads(body)
        except ValueError:
            return Reply(400, {"message": "the body is not JSON"})
        batch = sent if isinstance(sent, list) else [sent]
        if method == "PUT":
            if len(batch) != 1 or batch[0].get("id") != params.get("statementId"):
                return Reply(400, {"message": "PUT needs one statement whose id is the statementId parameter"})
        if any(not isinstance(s, dict) for s in batch):
            return Reply(400, {"message": "a statement is not an object"})
        if any(s.get("id") in self._by_id and self._by_id[s["id"]] != s for s in batch):
            return Reply(409, {"message": "a statement with this id and other content is stored"})
        for statement in batch:
            if statement.get("id") not in self._by_id:
                self._keep(statement, "content", session.unit, session.registration, self._problems(statement, session))
        return Reply(204) if method == "PUT" else Reply(200, [s.get("id") for s in batch])

    def _problems(self, statement: dict, session: Session) -> list[str]:
        found = statements.problems(statement)
        if session.session_id:
            earlier = [r.statement for r in self.records if r.registration == session.registration and r.source == "content"]
            found += statements.cmi5_problems(statement, session.statements, earlier, session.session_id)
        session.statements.append(statement)
        return found

    def _keep(self, statement: dict, source: str, unit: str, registration: str, problems: list[str]) -> None:
        statement.setdefault("id", str(uuid.uuid4()))
        self._by_id[statement["id"]] = statement
        self.records.append(Record(len(self.records), source, unit, registration, statement, problems))

    # ---- for the inspector ------------------------------------------------------------------

    def since(self, seq: int) -> list[dict]:
        with self._lock:
            return [vars(r) for r in self.records[seq:]]

    def state_document(self, registration: str) -> dict | None:
        """The content's own state document for a registration (bookmark and saved state), if any."""
        with self._lock:
            for key, (body, _) in self._documents.items():
                if len(key) == 4 and key[2] == registration and key[3] != "LMS.LaunchData":
                    try:
                        return json.loads(body)
                    except ValueError:
                        return None
        return None
