"""The preview's web server on 127.0.0.1: the LMS frame page and inspector, the packages of the
last good build, the statement store, and a long poll that tells the page about rebuilds.

URLs (all on one origin, as in an LMS):
  /                                 the frame page (templates/preview/index.html)
  /__preview__/<file>               its script, style sheet and scorm-again
  /__preview__/api/site             the build: course, target, units, problems, generation
  /__preview__/api/wait?seen=N      answers once the build state moves past N (or after 20 s)
  /__preview__/api/launch           POST {unit, learner, attempt}: an xAPI or cmi5 launch URL
  /__preview__/api/statements?from=N  stored statements with their problems, and state documents
  /pkg/<package>/<path>             a file of the last good build
  /xapi/<resource>, /fetch/<key>    the statement store and cmi5's fetch URL
"""

from __future__ import annotations

import http.server
import json
import mimetypes
import sys
import threading
import urllib.parse
from dataclasses import asdict, dataclass, field

from als_package.preview.site import SUSPEND_LIMITS, Builder, Site
from als_package.preview.store import Reply, Store
from als_package.resources import templates_dir

WAIT_SECONDS = 20
TYPES = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".xml": "application/xml",
    ".xsd": "application/xml",
}


@dataclass
class Hub:
    """The build state every request thread reads: the last good site, the current problems,
    and a counter that moves on every rebuild, good or bad, waking the long polls."""

    builder: Builder
    profile: str
    site: Site | None = None
    problems: list[str] = field(default_factory=list)
    seen: int = 0
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, site: Site | None, problems: list[str]) -> None:
        with self.changed:
            self.site = site or self.site
            self.problems = problems
            self.seen += 1
            self.changed.notify_all()

    def wait(self, seen: int) -> None:
        with self.changed:
            self.changed.wait_for(lambda: self.seen != seen, timeout=WAIT_SECONDS)

    def summary(self) -> dict:
        with self.changed:
            site, problems, seen = self.site, list(self.problems), self.seen
        builder = self.builder
        info = {
            "seen": seen,
            "problems": problems,
            "target": builder.target,
            "standard": builder.standard,
            "mode": builder.options.mode,
            "lms": self.profile,
            "suspendLimit": SUSPEND_LIMITS.get(builder.standard),
        }
        if site:
            info |= {
                "generation": site.generation,
                "course": {"id": site.course.id, "title": site.course.title},
                "units": [asdict(u) | {"shape": site.shapes.get(u.id, "")} for u in site.units],
                "rendered": list(site.rendered),
                "seconds": round(site.seconds, 3),
            }
        return info


class _Handler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:
        """Quiet: the terminal shows builds and problems, not every request."""

    def _send(self, reply: Reply) -> None:
        body = reply.body
        data = body if isinstance(body, bytes) else b"" if body is None else json.dumps(body).encode()
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        if self.path.startswith("/xapi/"):
            self.send_header("X-Experience-API-Version", "1.0.3")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _file(self, data: bytes | None, name: str) -> Reply:
        if data is None:
            return Reply(404, b"Not found", "text/plain")
        suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
        return Reply(200, data, TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream")

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _route(self) -> Reply:
        url = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(url.path)
        params = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        hub = self.server.hub
        if path.startswith("/xapi/"):
            headers = {k.lower(): v for k, v in self.headers.items()}
            return self.server.store.xapi(self.command, path.removeprefix("/xapi/"), params, self._body(), headers)
        if path.startswith("/fetch/") and self.command == "POST":
            return self.server.store.fetch(path.removeprefix("/fetch/"))
        if path == "/__preview__/api/launch" and self.command == "POST":
            return self._launch(json.loads(self._body() or b"{}"))
        if self.command not in ("GET", "HEAD"):
            return Reply(405, {"message": "not allowed"})
        if path in ("/", "/index.html"):
            return self._file(self.server.asset("index.html"), "index.html")
        if path == "/__preview__/api/site":
            return Reply(200, hub.summary())
        if path == "/__preview__/api/wait":
            hub.wait(int(params.get("seen", "-1")))
            return Reply(200, hub.summary())
        if path == "/__preview__/api/statements":
            registration = params.get("registration", "")
            return Reply(
                200,
                {
                    "records": self.server.store.since(int(params.get("from", "0"))),
                    "state": self.server.store.state_document(registration) if registration else None,
                },
            )
        if path.startswith("/__preview__/"):
            name = path.removeprefix("/__preview__/")
            return self._file(self.server.asset(name), name)
        if path.startswith("/pkg/"):
            package, _, inner = path.removeprefix("/pkg/").partition("/")
            site = hub.site
            files = site.packages.get(package, {}) if site else {}
            return self._file(files.get(inner), inner)
        if path == "/lms/return":
            return Reply(200, b"<!doctype html><title>Returned</title><p>The AU sent you back to the LMS.</p>", TYPES[".html"])
        return Reply(404, b"Not found", "text/plain")

    def _launch(self, request: dict) -> Reply:
        """An xAPI or cmi5 launch of `unit` for `learner`: the same registration to resume, a new one otherwise."""
        site = self.server.hub.site
        unit = next((u for u in site.units if u.id == request.get("unit")), None) if site else None
        if unit is None:
            return Reply(404, {"message": f"no unit {request.get('unit')!r} in this build"})
        store, origin, learner = self.server.store, self.server.origin, str(request.get("learner") or "Learner")
        registration = store.registration(learner, unit.id, request.get("attempt") == "new")
        href = f"/pkg/{unit.package}/{unit.href}"
        if self.server.hub.builder.standard == "cmi5":
            url = store.cmi5(origin, href, unit, learner, registration, str(request.get("launchMode") or "Normal"), origin + "/lms/return")
        else:
            url = store.tincan(origin, href, unit, learner, registration)
        return Reply(200, {"url": url, "registration": registration})

    def _handle(self) -> None:
        try:
            reply = self._route()
        except (ValueError, KeyError) as error:
            reply = Reply(400, {"message": f"bad request: {error}"})
        self._send(reply)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = _handle


class PreviewServer(http.server.ThreadingHTTPServer):
    """Serves one preview on 127.0.0.1; `port` 0 picks a free one."""

    daemon_threads = True
    allow_reuse_address = False

    def __init__(self, hub: Hub, port: int) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.hub = hub
        self.store = Store()
        self._assets = templates_dir() / "preview"

    def handle_error(self, request, client_address) -> None:
        """A page closed while its long poll waited is no error; anything else is reported as usual."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def asset(self, name: str) -> bytes | None:
        """A file of templates/preview/, never one outside it."""
        path = (self._assets / name).resolve()
        if self._assets.resolve() not in path.parents or not path.is_file():
            return None
        return path.read_bytes()
