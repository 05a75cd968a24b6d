"""A real LMS side for browser tests: a local web server, scorm-again and headless Chromium.

The pieces, each usable on its own:

- :class:`StaticServer` serves files on 127.0.0.1 (a free port) from one origin, through a
  mount table: the LMS host page and scorm-again under ``/__lms__/``, each unzipped package
  under ``/pkg/<name>/``. The host page and every SCO are therefore same-origin, as in an LMS.
- :class:`Package` is an unzipped package with its ``imsmanifest.xml`` read with lxml
  (launch hrefs, mastery scores).
- :class:`Lms` drives one Playwright page as an LMS player: :meth:`Lms.launch` installs the
  SCORM API (scorm-again, wrapped to record every call), loads optional stored learner data
  and opens the SCO in an iframe; :meth:`Attempt.end` navigates the iframe away so the SCO
  unloads, and returns an :class:`AttemptResult` (the recorded calls and the cmi data as
  Python structures). :meth:`AttemptResult.stored_data` turns a result into the data an
  LMS hands to the next launch.
- :class:`PageProblems` collects console errors, uncaught exceptions, failed requests and
  HTTP error responses so a test can assert there are none.

Nothing here skips: a missing Chromium or node_modules is an error.
"""

from __future__ import annotations

import functools
import http.server
import json
import mimetypes
import os
import posixpath
import re
import threading
import time
import urllib.parse
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

REPO_ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
HOST_DIR = HERE / "lms_host"
FIXTURES_DIR = HERE / "fixtures"
NODE_MODULES = REPO_ROOT / "node_modules"
SCORM_AGAIN_JS = NODE_MODULES / "scorm-again" / "dist" / "scorm-again.js"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"

CHROMIUM = Path(os.environ.get("ALS_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Generous limits for waiting on the browser; they bound a hang, they assert nothing.
WAIT_MS = 20_000

SCORM12_TIME = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")


class HarnessError(RuntimeError):
    """The test machinery itself cannot run (missing browser, missing node_modules...)."""


def require_file(path: Path, hint: str) -> Path:
    if not path.is_file():
        raise HarnessError(f"{path} is missing: {hint}")
    return path


def require_browser_deps() -> None:
    require_file(CHROMIUM, "install Debian's chromium (scripts/install-test-deps.sh)")
    require_file(SCORM_AGAIN_JS, "run `npm ci` at the repository root (scripts/install-test-deps.sh)")
    require_file(AXE_JS, "run `npm ci` at the repository root (scripts/install-test-deps.sh)")


# --------------------------------------------------------------------------------------
# The web server
# --------------------------------------------------------------------------------------

mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("text/javascript", ".mjs")
mimetypes.add_type("text/css", ".css")
mimetypes.add_type("image/svg+xml", ".svg")
mimetypes.add_type("application/json", ".map")
mimetypes.add_type("font/woff2", ".woff2")
mimetypes.add_type("application/xml", ".xml")


COMMIT_PATH = "/__lms__/commit/"  # where a test LMS in HTTP commit mode posts its commits


class _Handler(http.server.SimpleHTTPRequestHandler):
    server: _Server

    def translate_path(self, path: str) -> str:
        path = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        normalised = posixpath.normpath(path)
        if path.endswith("/") and not normalised.endswith("/"):
            normalised += "/"
        for prefix, target in self.server.mounts_snapshot():
            if normalised == prefix.rstrip("/") or normalised.startswith(prefix):
                rest = normalised[len(prefix) :] if normalised.startswith(prefix) else ""
                if target.is_file():
                    return str(target) if rest in ("", "/") else "/nonexistent"
                candidate = (target / rest).resolve()
                root = target.resolve()
                if candidate != root and root not in candidate.parents:
                    return "/nonexistent"
                return str(candidate) + ("/" if normalised.endswith("/") else "")
        return "/nonexistent"

    def list_directory(self, path):  # no directory listings: an LMS has none
        self.send_error(404, "No directory listing")
        return None

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        if self.path == "/favicon.ico":  # the LMS's own icon, asked for by the browser
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()

    def do_POST(self) -> None:
        """An LMS's commit endpoint (scorm-again's lmsCommitUrl): keeps each body, answers success."""
        if not self.path.startswith(COMMIT_PATH):
            self.send_error(404)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.keep_commit(self.path, body.decode("utf-8"))
        payload = b'{"result": true, "errorCode": 0}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def send_response(self, code: int, message: str | None = None) -> None:
        self.server.record(self.command, self.path, code)
        super().send_response(code, message)

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self._lock = threading.Lock()
        self._mounts: dict[str, Path] = {}
        self.requests: list[tuple[str, str, int]] = []
        self.commits: list[tuple[str, str]] = []

    def mounts_snapshot(self) -> list[tuple[str, Path]]:
        with self._lock:
            return sorted(self._mounts.items(), key=lambda kv: -len(kv[0]))

    def mount(self, prefix: str, target: Path) -> None:
        with self._lock:
            self._mounts[prefix] = target

    def record(self, method: str, path: str, status: int) -> None:
        with self._lock:
            self.requests.append((method, path, status))

    def keep_commit(self, path: str, body: str) -> None:
        with self._lock:
            self.commits.append((path, body))


class StaticServer:
    """Serves files on 127.0.0.1 from one origin, through a mount table."""

    def __init__(self) -> None:
        self._server = _Server()
        self._thread = threading.Thread(target=self._server.serve_forever, name="lms-http", daemon=True)
        self._packages = 0

    def __enter__(self) -> StaticServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    @property
    def origin(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.origin + path

    def mount(self, prefix: str, target: Path) -> str:
        """Serve ``target`` (a folder or one file) under ``prefix``; returns the URL path."""
        if not prefix.startswith("/"):
            raise ValueError("prefix must start with /")
        if target.is_dir() and not prefix.endswith("/"):
            prefix += "/"
        self._server.mount(prefix, Path(target))
        return prefix

    def mount_package(self, folder: Path, name: str | None = None) -> str:
        self._packages += 1
        slug = re.sub(r"[^A-Za-z0-9_.-]", "-", name or folder.name)
        return self.mount(f"/pkg/{self._packages}-{slug}/", folder)

    @property
    def requests(self) -> list[tuple[str, str, int]]:
        return list(self._server.requests)

    def commits(self, path: str) -> list[dict]:
        """The bodies an LMS commit endpoint under ``path`` received, in order, parsed from JSON."""
        return [json.loads(body) for p, body in list(self._server.commits) if p == path]


def start_lms_server() -> StaticServer:
    """A started server with the LMS host page, scorm-again and axe-core mounted."""
    require_browser_deps()
    server = StaticServer()
    server.mount("/__lms__/host.html", HOST_DIR / "host.html")
    server.mount("/__lms__/host.js", HOST_DIR / "host.js")
    server.mount("/__lms__/after.html", HOST_DIR / "after.html")
    server.mount("/__lms__/nest.html", HOST_DIR / "nest.html")
    server.mount("/__lms__/vendor/scorm-again.js", SCORM_AGAIN_JS)
    server.mount("/__lms__/vendor/axe.min.js", AXE_JS)
    server.start()
    return server


# --------------------------------------------------------------------------------------
# Packages and manifests
# --------------------------------------------------------------------------------------


def _local(tag: Any) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _attr(el: etree._Element, local: str) -> str | None:
    """An attribute by local name, in any namespace (adlcp:scormtype, scormType, ...)."""
    for key, value in el.attrib.items():
        if etree.QName(key).localname.lower() == local.lower():
            return value
    return None


@dataclass(frozen=True)
class Sco:
    item_identifier: str
    title: str
    resource_identifier: str
    href: str  # launch href relative to the package root, parameters included
    mastery_score: str | None

    @property
    def folder(self) -> str:
        return self.href.split("/", 1)[0] if "/" in self.href else ""


@dataclass
class Manifest:
    schemaversion: str | None
    scos: list[Sco]

    @classmethod
    def parse(cls, path: Path) -> Manifest:
        tree = etree.parse(str(path))
        root = tree.getroot()
        schemaversion = None
        for el in root.iter():
            if _local(el.tag) == "schemaversion":
                schemaversion = (el.text or "").strip()
                break
        resources: dict[str, etree._Element] = {}
        for el in root.iter():
            if _local(el.tag) == "resource":
                resources[el.get("identifier")] = el
        scos: list[Sco] = []
        organizations = [el for el in root if _local(el.tag) == "organizations"]
        for orgs in organizations:
            default = orgs.get("default")
            orgs_list = [o for o in orgs if _local(o.tag) == "organization"]
            ordered = sorted(orgs_list, key=lambda o: o.get("identifier") != default)
            for org in ordered[:1]:
                for item in org.iter():
                    if _local(item.tag) != "item" or not item.get("identifierref"):
                        continue
                    res = resources.get(item.get("identifierref"))
                    if res is None:
                        continue
                    if (_attr(res, "scormtype") or "").lower() != "sco":
                        continue
                    base = _attr(res, "base") or ""
                    href = base + (res.get("href") or "")
                    params = item.get("parameters") or ""
                    if params:
                        href += params if params.startswith(("?", "#")) else "?" + params
                    title = ""
                    mastery = None
                    for child in item:
                        if _local(child.tag) == "title":
                            title = (child.text or "").strip()
                        elif _local(child.tag) == "masteryscore":
                            mastery = (child.text or "").strip()
                    scos.append(Sco(item.get("identifier"), title, res.get("identifier"), href, mastery))
        return cls(schemaversion, scos)


@dataclass
class Package:
    """An unzipped package, served by the LMS server."""

    folder: Path
    url_path: str  # where the server serves it, e.g. /pkg/1-x/
    manifest: Manifest

    def sco(self, module_id: str) -> Sco:
        """The SCO of a module: its launch href lives in the module's folder."""
        matches = [s for s in self.manifest.scos if s.folder == module_id]
        if len(matches) != 1:
            hrefs = [s.href for s in self.manifest.scos]
            raise AssertionError(f"expected one SCO launched from {module_id}/, manifest has {hrefs}")
        return matches[0]

    def launch_path(self, sco: Sco | str) -> str:
        if isinstance(sco, str):
            sco = self.sco(sco)
        return self.url_path + sco.href


def unzip(zip_path: Path, dest: Path) -> Path:
    """Extract a package zip into ``dest`` (refusing entries that would leave it)."""
    dest.mkdir(parents=True, exist_ok=True)
    root = dest.resolve()
    with zipfile.ZipFile(zip_path) as zf:
        for info in zf.infolist():
            target = (dest / info.filename).resolve()
            if target != root and root not in target.parents:
                raise AssertionError(f"{zip_path.name}: entry {info.filename!r} leaves the package")
        zf.extractall(dest)
    return dest


def zip_folder(folder: Path, zip_path: Path) -> Path:
    """Zip a folder (used to turn hand-written fixture packages into real zips)."""
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(folder).as_posix())
    return zip_path


def open_package(server: StaticServer, zip_path: Path, dest: Path) -> Package:
    folder = unzip(zip_path, dest)
    manifest_path = folder / "imsmanifest.xml"
    if not manifest_path.is_file():
        raise AssertionError(f"{zip_path.name}: no imsmanifest.xml at the zip root")
    url_path = server.mount_package(folder, zip_path.stem)
    return Package(folder, url_path, Manifest.parse(manifest_path))


# --------------------------------------------------------------------------------------
# Problems a page shows: console errors, uncaught exceptions, failed requests
# --------------------------------------------------------------------------------------


@dataclass
class PageProblems:
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_warnings: list[str] = field(default_factory=list)

    def attach(self, context) -> None:
        """Listen to a whole browser context: every page (popups too) and every frame."""
        context.on("console", self._on_console)
        context.on("weberror", self._on_web_error)
        context.on("requestfailed", self._on_request_failed)
        context.on("response", self._on_response)

    def _on_web_error(self, web_error) -> None:
        self.page_errors.append(str(web_error.error))

    def _on_console(self, msg) -> None:
        loc = msg.location or {}
        where = f" ({loc.get('url', '')}:{loc.get('lineNumber', '')})" if loc.get("url") else ""
        if msg.type == "error":
            self.console_errors.append(msg.text + where)
        elif msg.type == "warning":
            self.console_warnings.append(msg.text + where)

    def _on_request_failed(self, request) -> None:
        failure = request.failure or ""
        # A navigation we started ourselves (ending an attempt) may abort the frame's
        # remaining loads; those aborts are reported too: nothing is filtered silently.
        self.failed_requests.append(f"{request.method} {request.url}: {failure}")

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self.failed_requests.append(f"{response.request.method} {response.url}: HTTP {response.status}")

    def all(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"uncaught exception: {m}" for m in self.page_errors]
            + [f"failed request: {m}" for m in self.failed_requests]
        )

    def clear(self) -> None:
        self.console_errors.clear()
        self.page_errors.clear()
        self.failed_requests.clear()
        self.console_warnings.clear()


# Runs in every frame before its own scripts: uncaught errors of any frame (iframes
# included) are reported to the console, where PageProblems sees them.
FRAME_ERROR_REPORTER = """
(() => {
  if (window.__alsErrorReporter) return;
  window.__alsErrorReporter = true;
  window.addEventListener('error', (e) => {
    console.error('[uncaught in ' + location.pathname + '] ' + (e.message || e.type) +
                  (e.filename ? ' at ' + e.filename + ':' + e.lineno : ''));
  });
  window.addEventListener('unhandledrejection', (e) => {
    const r = e.reason;
    console.error('[unhandled rejection in ' + location.pathname + '] ' + (r && r.message ? r.message : String(r)));
  });
})();
"""


def new_page(browser, problems: PageProblems | None = None, **context_options):
    """A fresh context (own storage) and page, with problems collected."""
    context = browser.new_context(**context_options)
    context.add_init_script(FRAME_ERROR_REPORTER)
    context.set_default_timeout(WAIT_MS)
    if problems is not None:
        problems.attach(context)
    page = context.new_page()
    return page


class SharedPage:
    """One page reused by many tests; each test gets its own PageProblems.

    Between tests :meth:`reset` clears the origin's storage and unloads everything, so no
    state or late console message crosses from one test into the next.
    """

    def __init__(self, browser, origin: str) -> None:
        self.origin = origin
        self.problems = PageProblems()
        self.page = new_page(browser)
        for event, handler in (
            ("console", "_on_console"),
            ("weberror", "_on_web_error"),
            ("requestfailed", "_on_request_failed"),
            ("response", "_on_response"),
        ):
            self.page.context.on(event, functools.partial(self._forward, handler))

    def _forward(self, handler: str, payload) -> None:
        getattr(self.problems, handler)(payload)

    def use(self, problems: PageProblems):
        self.problems = problems
        return self.page

    def reset(self) -> None:
        for other in self.page.context.pages:
            if other is not self.page:
                other.close()
        if self.page.url.startswith(self.origin):
            self.page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        self.page.goto("about:blank")
        self.problems = PageProblems()

    def close(self) -> None:
        self.page.context.close()


def launch_chromium(playwright):
    require_browser_deps()
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


# --------------------------------------------------------------------------------------
# Attempts
# --------------------------------------------------------------------------------------


@dataclass
class Call:
    seq: int
    method: str
    args: list[Any]
    result: Any = None
    error: str = "0"
    threw: dict | None = None
    injected: str | None = None

    @classmethod
    def from_js(cls, raw: dict) -> Call:
        return cls(
            seq=raw["seq"],
            method=raw["method"],
            args=raw.get("args") or [],
            result=raw.get("result"),
            error=str(raw.get("error", "0")),
            threw=raw.get("threw"),
            injected=raw.get("injected"),
        )

    def __str__(self) -> str:
        args = ", ".join(json.dumps(a) for a in self.args)
        out = f"#{self.seq} {self.method}({args}) -> {json.dumps(self.result)} [error {self.error}]"
        if self.threw:
            out += f" threw {self.threw.get('message')}"
        return out


GET = {"scorm12": "LMSGetValue", "scorm2004": "GetValue"}
SET = {"scorm12": "LMSSetValue", "scorm2004": "SetValue"}
COMMIT = {"scorm12": "LMSCommit", "scorm2004": "Commit"}
INITIALIZE = {"scorm12": "LMSInitialize", "scorm2004": "Initialize"}
FINISH = {"scorm12": "LMSFinish", "scorm2004": "Terminate"}
ERROR_QUERIES = {"LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic", "GetLastError", "GetErrorString", "GetDiagnostic"}


@dataclass
class AttemptResult:
    standard: str
    calls: list[Call]
    cmi: dict  # the API's cmi data when the attempt ended (scorm-again's JSON rendering)
    committed: dict | None  # the cmi data at the last successful commit / finish
    total_time: str | None  # the learner's accumulated time at the last successful commit
    log: list[dict]
    load_errors: list[dict]

    @classmethod
    def from_js(cls, raw: dict) -> AttemptResult:
        committed = raw.get("committed") or {}
        return cls(
            standard=raw["standard"],
            calls=[Call.from_js(c) for c in raw["calls"]],
            cmi=raw["current"]["cmi"],
            committed=committed.get("cmi"),
            total_time=committed.get("total_time_now"),
            log=raw.get("log") or [],
            load_errors=raw.get("loadErrors") or [],
        )

    # -- the calls ---------------------------------------------------------------------
    def method_calls(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def errors(self) -> list[Call]:
        """Calls whose error code is not 0, or that threw (error queries excluded)."""
        return [c for c in self.calls if c.method not in ERROR_QUERIES and (c.error not in ("0", "") or c.threw)]

    def sets(self) -> list[tuple[str, str]]:
        return [(c.args[0], c.args[1]) for c in self.method_calls(SET[self.standard]) if len(c.args) >= 2]

    def last_set(self, element: str) -> str | None:
        values = [v for k, v in self.sets() if k == element]
        return values[-1] if values else None

    def got(self, element: str) -> list[Any]:
        """What the SCO was given for an element, in order."""
        return [c.result for c in self.method_calls(GET[self.standard]) if c.args and c.args[0] == element]

    def interactions_set(self) -> list[dict[str, Any]]:
        """The interaction records the SCO wrote in this session, in index order."""
        records = self.interactions_by_index()
        return [records[i] for i in sorted(records)]

    def interactions_by_index(self) -> dict[int, dict[str, Any]]:
        """The interaction records the SCO wrote in this session, keyed by their index."""
        records: dict[int, dict[str, Any]] = {}
        pattern = re.compile(r"^cmi\.interactions\.(\d+)\.(.+)$")
        for element, value in self.sets():
            m = pattern.match(element)
            if not m:
                continue
            record = records.setdefault(int(m.group(1)), {})
            record[m.group(2)] = value
        return dict(sorted(records.items()))

    # -- the data ----------------------------------------------------------------------
    def value(self, element: str, data: dict | None = None) -> Any:
        """A cmi element from the data the LMS holds, e.g. ``value("cmi.core.lesson_status")``."""
        node: Any = self.cmi if data is None else data
        parts = element.split(".")
        if parts and parts[0] == "cmi":
            parts = parts[1:]
        for part in parts:
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif part.isdigit() and int(part) < len(_child_array(node)):
                node = _child_array(node)[int(part)]
            else:
                return None
        return node

    def committed_value(self, element: str) -> Any:
        return None if self.committed is None else self.value(element, self.committed)

    def stored_data(self) -> dict:
        """The learner data an LMS hands to the next launch, from what was committed.

        SCORM 1.2 (RTE 3.4): ``cmi.core.entry`` is ``resume`` when the SCO left with
        ``cmi.core.exit = suspend``, else ``""``; ``suspend_data``, ``lesson_location``,
        ``lesson_status`` and ``score`` come back as stored; ``total_time`` accumulates the
        session time; the interactions recorded so far are kept (their count is readable).
        """
        if self.standard != "scorm12":
            raise NotImplementedError("stored data for SCORM 2004 is not written yet")
        data = self.committed or {}
        core = data.get("core", {})
        out_core: dict[str, Any] = {
            "entry": "resume" if core.get("exit") == "suspend" else "",
            "lesson_status": core.get("lesson_status", ""),
            "lesson_location": core.get("lesson_location", ""),
            "total_time": self.total_time or core.get("total_time", "0000:00:00"),
        }
        for key in ("student_id", "student_name", "credit", "lesson_mode"):
            if core.get(key):
                out_core[key] = core[key]
        score = {k: v for k, v in (core.get("score") or {}).items() if v not in ("", None)}
        if score:
            out_core["score"] = score
        stored: dict[str, Any] = {"core": out_core}
        if data.get("suspend_data"):
            stored["suspend_data"] = data["suspend_data"]
        student_data = {k: v for k, v in (data.get("student_data") or {}).items() if v not in ("", None)}
        if student_data:
            stored["student_data"] = student_data
        interactions = _child_array(data.get("interactions"))
        if interactions:
            stored["interactions"] = [_strip_empty(i) for i in interactions]
        return stored


def _child_array(node: Any) -> list:
    """A scorm-again list rendering ({"0": {...}, "1": {...}}, childArray or list) as a list."""
    if isinstance(node, list):
        return node
    if isinstance(node, dict):
        if "childArray" in node:
            return list(node["childArray"] or [])
        if node and all(k.isdigit() for k in node):
            return [node[k] for k in sorted(node, key=int)]
    return []


def _is_list_node(node: Any) -> bool:
    return isinstance(node, list) or (isinstance(node, dict) and bool(node) and (set(node) == {"childArray"} or all(k.isdigit() for k in node)))


def _strip_empty(node: Any) -> Any:
    if _is_list_node(node):
        return [_strip_empty(x) for x in _child_array(node)]
    if isinstance(node, dict):
        stripped = {k: _strip_empty(v) for k, v in node.items()}
        return {k: v for k, v in stripped.items() if v not in ("", None, {}, [])}
    return node


class Attempt:
    """One launch of a SCO in the LMS page."""

    def __init__(self, lms: Lms, launch_url: str, mode: str = "frame", popup=None) -> None:
        self.lms = lms
        self.page = lms.page
        self.launch_url = launch_url
        self.mode = mode
        self.popup = popup  # the SCO's window (a Playwright Page) when mode == "popup"
        self.result: AttemptResult | None = None

    @property
    def frame(self):
        """The SCO's frame (a Playwright Frame): in the LMS page's iframe, nested, or a popup."""
        if self.mode == "popup":
            return self.popup.main_frame
        frame = _child_frame(self.page, "iframe#sco")
        if self.mode == "nested":
            frame = _child_frame(frame, "iframe#sco-inner")
        return frame

    def snapshot(self) -> AttemptResult:
        """The calls and data so far, without ending the attempt."""
        return AttemptResult.from_js(self.page.evaluate("() => window.lmsHost.results()"))

    def snapshot_once_committed(self, element: str, value: str, seconds: float = 5.0) -> AttemptResult:
        """A snapshot once ``element`` is committed as ``value`` (a SCORM 1.2 score follows its
        new status in a later commit, docs/runtime.md), or as things stand after ``seconds``."""
        deadline = time.monotonic() + seconds
        result = self.snapshot()
        while result.committed_value(element) != value and time.monotonic() < deadline:
            self.page.wait_for_timeout(100)
            result = self.snapshot()
        return result

    def end(self, how: str = "navigate") -> AttemptResult:
        """End the attempt as an LMS does: navigate the SCO's frame away (or remove it)."""
        raw = self.page.evaluate("(how) => window.lmsHost.end(how)", how)
        self.result = AttemptResult.from_js(raw)
        return self.result


def _child_frame(parent, selector: str):
    handle = parent.query_selector(selector)
    if handle is None:
        raise AssertionError(f"the SCO frame {selector} is gone")
    frame = handle.content_frame()
    if frame is None:
        raise AssertionError(f"the SCO frame {selector} has no document")
    return frame


class Lms:
    """An LMS player in one Playwright page."""

    def __init__(self, page, server: StaticServer) -> None:
        self.page = page
        self.server = server

    def launch(
        self,
        package: Package,
        module_id: str | None = None,
        *,
        sco: Sco | None = None,
        standard: str = "scorm12",
        stored: dict | None = None,
        stored_format: str = "json",
        student: tuple[str, str] = ("learner-1", "Learner, Test"),
        commit_failure: dict | None = None,
        settings: dict | None = None,
        install_api: bool = True,
        mode: str = "frame",
    ) -> Attempt:
        """Open a SCO as an LMS does and return the running attempt.

        ``stored``: learner data from an earlier attempt (:meth:`AttemptResult.stored_data`),
        in scorm-again's JSON shape (``stored_format="json"``, loaded with ``loadFromJSON``)
        or flattened (``"flattened"``, ``loadFromFlattenedJSON``). Without it, this is a
        first launch: ``cmi.core.entry = ab-initio``.
        ``commit_failure``: ``{"mode": "false"|"throw", "times": N or None (always)}``
        makes the LMS's commit fail on purpose (a mocked failure; the real API never fails).
        ``mode``: ``"frame"`` (an iframe in the LMS page), ``"nested"`` (an iframe inside a
        player frame: the API is two parents up) or ``"popup"`` (a new window: the API is
        found through ``window.opener``).
        """
        if sco is None:
            if module_id is None:
                raise ValueError("give a module_id or a sco")
            sco = package.sco(module_id)
        data = self._initial_data(sco, standard, stored, student)
        config = {
            "standard": standard,
            "launchUrl": package.launch_path(sco),
            "stored": data if stored_format == "json" else flatten({"cmi": data}),
            "storedFormat": stored_format,
            "commitFailure": commit_failure,
            "settings": settings or {},
            "installApi": install_api,
            "mode": mode,
        }
        host = self.server.url("/__lms__/host.html")
        if self.page.url != host:  # the player page stays; each launch gets a new API object
            self.page.goto(host)
            self.page.wait_for_function("() => window.lmsHost && (window.Scorm12API || window.Scorm2004API)")
        popup = None
        if mode == "popup":
            with self.page.context.expect_page() as opened:
                self.page.evaluate("(cfg) => window.lmsHost.launch(cfg)", config)
            popup = opened.value
        else:
            self.page.evaluate("(cfg) => window.lmsHost.launch(cfg)", config)
        attempt = Attempt(self, config["launchUrl"], mode, popup)
        self.last_launch_load_errors = self.page.evaluate("() => window.lmsHost.results().loadErrors")
        if self.last_launch_load_errors:
            raise HarnessError(f"scorm-again refused the stored data: {self.last_launch_load_errors}")
        return attempt

    @staticmethod
    def _initial_data(sco: Sco, standard: str, stored: dict | None, student: tuple[str, str]) -> dict:
        if standard != "scorm12":
            return dict(stored or {})
        data = json.loads(json.dumps(stored or {}))
        core = data.setdefault("core", {})
        core.setdefault("student_id", student[0])
        core.setdefault("student_name", student[1])
        core.setdefault("credit", "credit")
        core.setdefault("lesson_mode", "normal")
        if stored is None:
            core["entry"] = "ab-initio"
        if sco.mastery_score:
            data.setdefault("student_data", {}).setdefault("mastery_score", sco.mastery_score)
        return data


def flatten(node: Any, prefix: str = "") -> dict[str, Any]:
    """Nested CMI data (scorm-again's JSON, a commit body) as dotted element names: `cmi.core.exit`."""
    out: dict[str, Any] = {}
    if isinstance(node, dict):
        for key, value in node.items():
            out.update(flatten(value, f"{prefix}.{key}" if prefix else key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.update(flatten(value, f"{prefix}.{i}"))
    else:
        out[prefix] = node
    return out


def format_calls(calls: Iterable[Call]) -> str:
    return "\n".join(str(c) for c in calls)
