"""The LMS side of xAPI and cmi5 launches, for the tests: a small server on 127.0.0.1.

It is the xAPI endpoint the packages are launched with. It plays the parts an LMS plays
and ralph lacks, and hands everything else to ralph:

- ``/xapi/statements``: checks the learner's credentials, then forwards to ralph with the
  LRS's own (the way an LMS fronts its LRS); ralph down → 502, as a gateway answers. A cmi5
  token writes only its own session's statements, and nothing once the session has ended
  (its ``terminated`` stored, or a newer launch of the registration superseding it, §9.3.6):
  those get 403, as a strict LMS answers, unless they are resends the LRS already holds;
- ``/xapi/activities/state`` and ``/xapi/agents/profile``: the State and Agent Profile
  APIs (ralph has neither), in memory; an AU may not write ``LMS.LaunchData`` (403);
- ``/fetch/<key>``: the cmi5 one-time token URL (the second POST gets error-code 1);
- :meth:`Launcher.tincan` builds a TinCan launch URL with fresh credentials;
  :meth:`Launcher.cmi5` does what an LMS does before launching an AU (cmi5 §8-10):
  registration, LMS-generated activityId and session id, ``LMS.LaunchData``, the fetch URL
  and the ``launched`` statement.

Every request is recorded (:attr:`Launcher.log`). The content is served from another
origin, so every call is a real CORS request. :meth:`Launcher.refuse_statements` makes the
next statement requests fail with a given status (and Retry-After): ralph cannot be made to
answer 429 or 408, so that fault is injected here (the 5xx/network case stops the real
ralph instead).
"""

from __future__ import annotations

import base64
import http.server
import json
import secrets
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

from .ralph_lrs import Ralph

CMI5 = "https://w3id.org/xapi/cmi5/"
RETURN_PATH = "/lms/return"  # where the LMS wants learners back (cmi5 returnURL)
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, PUT, POST, DELETE, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match",
    "Access-Control-Expose-Headers": "ETag, X-Experience-API-Version, Retry-After",
    "Access-Control-Max-Age": "600",
}


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def agent_key(agent: dict | str) -> str:
    """An agent's inverse functional identifier, as a comparable string."""
    agent = json.loads(agent) if isinstance(agent, str) else agent
    for ifi in ("mbox", "mbox_sha1sum", "openid"):
        if agent.get(ifi):
            return f"{ifi}:{agent[ifi]}"
    account = agent.get("account") or {}
    return f"account:{account.get('homePage')}|{account.get('name')}"


@dataclass
class Cmi5Launch:
    url: str
    registration: str
    activity_id: str
    publisher_id: str
    session_id: str
    actor: dict
    launch_data: dict


@dataclass
class Request:
    method: str
    path: str
    status: int
    body: dict | list | None = None
    at: float = field(default_factory=time.monotonic)  # when it arrived

    def statements(self) -> list[dict]:
        """The statements a write carried: one (PUT) or a batch (POST)."""
        items = self.body if isinstance(self.body, list) else [self.body]
        return [s for s in items if isinstance(s, dict)]


@dataclass
class Cmi5Session:
    """What an AU's token may write: statements of this session, until it ends."""

    session_id: str
    registration: str
    activity_id: str
    closed: bool = False  # terminated stored, or superseded by a later launch (cmi5 §9.3.6)


@dataclass
class _Store:
    credentials: set[str] = field(default_factory=set)
    fetch: dict[str, dict] = field(default_factory=dict)  # key -> {"token", "used"}
    sessions: dict[str, Cmi5Session] = field(default_factory=dict)  # Authorization -> its cmi5 session
    state: dict[tuple, bytes] = field(default_factory=dict)
    profiles: dict[tuple, bytes] = field(default_factory=dict)


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # quiet
        pass

    def _reply(self, status: int, body: bytes | dict | None = None, headers: dict | None = None) -> None:
        data = json.dumps(body).encode() if isinstance(body, (dict, list)) else (body or b"")
        self.send_response(status)
        for name, value in (CORS | (headers or {})).items():
            self.send_header(name, value)
        self.send_header("X-Experience-API-Version", "1.0.3")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page went away before the answer (a keepalive request at page hide)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_OPTIONS(self):
        self._reply(204)

    def do_GET(self):
        self._route("GET")

    def do_PUT(self):
        self._route("PUT")

    def do_POST(self):
        self._route("POST")

    def do_DELETE(self):
        self._route("DELETE")

    def _route(self, method: str) -> None:
        self.server.launcher.busy(+1)
        try:
            self._answer(method)
        finally:
            self.server.launcher.busy(-1)

    def _answer(self, method: str) -> None:
        url = urllib.parse.urlsplit(self.path)
        params = dict(urllib.parse.parse_qsl(url.query))
        body = self._body()
        launcher = self.server.launcher
        if url.path.startswith("/fetch/") and method == "POST":
            status, reply = launcher.fetch_token(url.path.removeprefix("/fetch/"))
        elif url.path == RETURN_PATH:
            status, reply = 200, {"page": "the LMS's course page (returnURL)"}
        elif not url.path.startswith("/xapi/"):
            status, reply = 404, {"error": "not found"}
        elif self.headers.get("Authorization") not in launcher.store.credentials:
            status, reply = 401, {"error": "unknown credentials"}
        else:
            status, reply = launcher.xapi(method, url.path.removeprefix("/xapi/"), url.query, params, body, self.headers.get("Authorization"))
        launcher.record(Request(method, url.path + ("?" + url.query if url.query else ""), status, _json(body)))
        wait = reply.pop("retry-after", None) if isinstance(reply, dict) else None
        self._reply(status, reply, {"Retry-After": wait} if wait is not None else {})


def _json(body: bytes):
    try:
        return json.loads(body) if body else None
    except ValueError:
        return None


def _terminated(statement: dict) -> bool:
    return statement.get("verb", {}).get("id", "") == "http://adlnet.gov/expapi/verbs/terminated"


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, launcher: Launcher) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.launcher = launcher


class Launcher:
    def __init__(self, ralph: Ralph) -> None:
        self.ralph = ralph
        self.store = _Store()
        self.log: list[Request] = []
        self.faults: list[int] = []
        self.in_flight = 0
        self._lock = threading.Lock()
        self._server = _Server(self)
        self.origin = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.endpoint = self.origin + "/xapi/"
        self.return_url = self.origin + RETURN_PATH
        self._thread = threading.Thread(target=self._server.serve_forever, name="lrs-launcher", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def record(self, request: Request) -> None:
        with self._lock:
            self.log.append(request)

    def busy(self, change: int) -> None:
        with self._lock:
            self.in_flight += change

    def sent_statements(self, registration: str) -> set[str]:
        """Ids of every statement of the registration the content tried to send."""
        return {s["id"] for r in self.statement_writes() for s in r.statements() if (s.get("context") or {}).get("registration") == registration}

    def statement_writes(self) -> list[Request]:
        """Every statement write (PUT one, POST a batch), in order of arrival."""
        return [r for r in self.requests(None, "/xapi/statements") if r.method in ("PUT", "POST")]

    def requests(self, method: str | None = None, path: str = "") -> list[Request]:
        with self._lock:
            return [r for r in self.log if (method is None or r.method == method) and r.path.startswith(path)]

    def refuse_statements(self, *statuses: int, retry_after: str | None = None) -> None:
        """Injected faults: the next statement writes get these statuses, in order, each with
        `Retry-After: retry_after` when given."""
        with self._lock:
            self.faults = [(status, retry_after) for status in statuses]

    def _credentials(self) -> str:
        auth = "Basic " + base64.b64encode(f"{secrets.token_hex(8)}:{secrets.token_hex(16)}".encode()).decode()
        self.store.credentials.add(auth)
        return auth

    # ---- the xAPI resources -----------------------------------------------------------

    def xapi(self, method: str, resource: str, query: str, params: dict, body: bytes, auth: str) -> tuple[int, object]:
        if resource == "statements":
            with self._lock:
                fault = self.faults.pop(0) if self.faults and method != "GET" else None
            if fault:
                return fault[0], {"error": "injected fault"} | ({"retry-after": fault[1]} if fault[1] else {})
            refusal = self._session_refusal(auth, method, _json(body))
            if refusal:
                return 403, {"error": refusal}
            try:
                status, reply = self.ralph.request(method, "statements" + ("?" + query if query else ""), body or None)
            except OSError:
                return 502, {"error": "the LRS is unreachable"}
            if status in (200, 204) and method != "GET":
                self._end_sessions(auth, _json(body))
            return status, reply
        if resource == "activities/state":
            key = (params.get("activityId"), agent_key(params.get("agent", "{}")), params.get("registration"), params.get("stateId"))
            if key[3] == "LMS.LaunchData" and method != "GET":
                return 403, {"error": "the AU must not write LMS.LaunchData"}
            return self._document(self.store.state, key, method, body)
        if resource == "agents/profile":
            key = (agent_key(params.get("agent", "{}")), params.get("profileId"))
            return self._document(self.store.profiles, key, method, body)
        if resource == "about":
            return 200, {"version": ["1.0.3"]}
        return 404, {"error": f"no resource {resource}"}

    def _document(self, documents: dict, key: tuple, method: str, body: bytes) -> tuple[int, object]:
        with self._lock:
            if method == "GET":
                return (200, documents[key]) if key in documents else (404, {"error": "no such document"})
            if method == "DELETE":
                documents.pop(key, None)
            else:
                documents[key] = body
            return 204, None

    # ---- cmi5 sessions (§9.3.6, §9.3.8): a token writes its own session's statements ------

    def _session_refusal(self, auth: str, method: str, body) -> str | None:
        """Why an LMS refuses this write of a cmi5 token, or None: a statement of another
        session, or one sent after its session ended (terminated, or superseded by a newer
        launch), unless it is a resend of a statement the LRS already holds."""
        session = self.store.sessions.get(auth)
        if method == "GET" or session is None:
            return None
        ended = session.closed
        for statement in body if isinstance(body, list) else [body]:
            statement = statement or {}
            extensions = (statement.get("context") or {}).get("extensions") or {}
            if extensions.get(CMI5 + "context/extensions/sessionid") != session.session_id:
                return "the statement belongs to another session than this token's"
            if ended and not self._holds(statement):
                return "the session has ended"
            ended = ended or _terminated(statement)
        return None

    def _holds(self, statement: dict) -> bool:
        status, _ = self.ralph.request("GET", f"statements?statementId={statement.get('id')}")
        return status == 200

    def _end_sessions(self, auth: str, body) -> None:
        session = self.store.sessions.get(auth)
        if session and any(_terminated(s or {}) for s in (body if isinstance(body, list) else [body])):
            session.closed = True

    # ---- launches ---------------------------------------------------------------------

    def tincan(self, launch_url: str, actor: dict, registration: str | None = None, activity_id: str | None = None) -> str:
        """A TinCan launch URL with fresh credentials (Rustici's launch document)."""
        params = {"endpoint": self.endpoint, "auth": self._credentials(), "actor": json.dumps(actor)}
        if registration:
            params["registration"] = registration
        if activity_id:
            params["activity_id"] = activity_id
        return launch_url + "?" + urllib.parse.urlencode(params)

    def fetch_token(self, key: str) -> tuple[int, dict]:
        with self._lock:
            entry = self.store.fetch.get(key)
            if entry is None:
                return 200, {"error-code": "2", "error-text": "unknown fetch URL"}
            if entry["used"]:
                return 200, {"error-code": "1", "error-text": "The authorization token has already been returned."}
            entry["used"] = True
            return 200, {"auth-token": entry["token"]}

    def cmi5(
        self,
        au_url: str,
        publisher_id: str,
        actor: dict,
        registration: str,
        *,
        mode: str = "Normal",
        move_on: str = "CompletedAndPassed",
        mastery: float | None = None,
        return_url: str | None = None,
        preferences: dict | None = None,
    ) -> Cmi5Launch:
        """Prepare and return an AU launch as an LMS does (cmi5 §8.1, §10, §9.3.1)."""
        activity_id = f"{self.origin}/lms/au/{uuid.uuid5(uuid.NAMESPACE_URL, publisher_id)}"
        session_id = str(uuid.uuid4())
        template = {
            "contextActivities": {"grouping": [{"objectType": "Activity", "id": publisher_id}]},
            "extensions": {CMI5 + "context/extensions/sessionid": session_id},
        }
        launch_data = {"contextTemplate": template, "launchMode": mode, "moveOn": move_on}
        if mastery is not None:
            launch_data["masteryScore"] = mastery
        if return_url:
            launch_data["returnURL"] = return_url
        agent = agent_key(actor)
        self.store.state[(activity_id, agent, registration, "LMS.LaunchData")] = json.dumps(launch_data).encode()
        if preferences is not None:
            self.store.profiles[(agent, "cmi5LearnerPreferences")] = json.dumps(preferences).encode()
        key = secrets.token_hex(12)
        token = base64.b64encode(f"{secrets.token_hex(8)}:{secrets.token_hex(16)}".encode()).decode()
        self.store.fetch[key] = {"token": token, "used": False}
        self.store.credentials.add("Basic " + token)
        with self._lock:
            for earlier in self.store.sessions.values():
                if (earlier.registration, earlier.activity_id) == (registration, activity_id):
                    earlier.closed = True
            self.store.sessions["Basic " + token] = Cmi5Session(session_id, registration, activity_id)
        self._launched(actor, activity_id, registration, template, launch_data, au_url)
        params = {
            "endpoint": self.endpoint,
            "fetch": f"{self.origin}/fetch/{key}",
            "actor": json.dumps(actor),
            "registration": registration,
            "activityId": activity_id,
        }
        return Cmi5Launch(au_url + "?" + urllib.parse.urlencode(params), registration, activity_id, publisher_id, session_id, actor, launch_data)

    def _launched(self, actor: dict, activity_id: str, registration: str, template: dict, launch_data: dict, au_url: str) -> None:
        extensions = dict(template["extensions"]) | {
            CMI5 + "context/extensions/launchmode": launch_data["launchMode"],
            CMI5 + "context/extensions/launchurl": au_url,
            CMI5 + "context/extensions/moveon": launch_data["moveOn"],
        }
        if "masteryScore" in launch_data:
            extensions[CMI5 + "context/extensions/masteryscore"] = launch_data["masteryScore"]
        statement = {
            "id": str(uuid.uuid4()),
            "timestamp": now(),
            "actor": actor,
            "verb": {"id": "http://adlnet.gov/expapi/verbs/launched", "display": {"en-US": "launched"}},
            "object": {"objectType": "Activity", "id": activity_id},
            "context": {
                "registration": registration,
                "extensions": extensions,
                "contextActivities": {
                    "grouping": template["contextActivities"]["grouping"],
                    "category": [{"objectType": "Activity", "id": CMI5 + "context/categories/cmi5"}],
                },
            },
        }
        status, reply = self.ralph.request("PUT", f"statements?statementId={statement['id']}", json.dumps(statement).encode())
        if status != 204:
            raise RuntimeError(f"ralph refused the launched statement: {status} {reply[:300]!r}")
