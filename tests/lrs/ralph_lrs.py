"""ralph, a real LRS, run for the tests on 127.0.0.1 from its own virtualenv.

scripts/install-lrs.sh installs it (into .lrs-venv/, or $ALS_LRS_VENV). :class:`Ralph`
creates a user with ralph's own `auth` command, starts the API with the fs backend
(tests/lrs/ralph_main.py) and can stop and start it again on the same port and data (the
fault tests take the LRS down mid-module). Missing ralph is a HarnessError: the tests fail.

Known limits of ralph 5.1.0 worked around here (XAPI-NOTES): the fs backend needs append
mode (ralph_main.py); `?verb=`/`?activity=` filters return nothing, so reads fetch every
statement and filter in Python; there is no State API (the launcher serves it).
"""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.browser.lms import REPO_ROOT, HarnessError

HERE = Path(__file__).resolve().parent
VENV = Path(os.environ.get("ALS_LRS_VENV", REPO_ROOT / ".lrs-venv"))
PYTHON = VENV / "bin" / "python"
USER, PASSWORD = "als-tests", "ralph-test-password"
STARTUP_LIMIT = 30.0  # seconds; bounds a hang, asserts nothing


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Ralph:
    def __init__(self, workdir: Path) -> None:
        if not (VENV / "bin" / "ralph").is_file():
            raise HarnessError(f"ralph is not installed in {VENV}: run scripts/install-lrs.sh")
        self.workdir = workdir
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.env = os.environ | {
            "RALPH_APP_DIR": str(workdir / "app"),
            "RALPH_AUTH_FILE": str(workdir / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(workdir / "statements"),
        }
        self.auth = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()

    def start(self) -> Ralph:
        if not (self.workdir / "auth.json").is_file():
            subprocess.run(
                [str(VENV / "bin" / "ralph"), "auth", "-u", USER, "-p", PASSWORD, "-s", "all", "-M", "mailto:lrs-tests@example.org", "-w"],
                env=self.env,
                check=True,
                capture_output=True,
            )
        self.process = subprocess.Popen(
            [str(PYTHON), str(HERE / "ralph_main.py"), "127.0.0.1", str(self.port)], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + STARTUP_LIMIT
        while not self._healthy():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise HarnessError("ralph did not start on " + self.origin)
            time.sleep(0.1)
        return self

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.origin + "/__heartbeat__", timeout=2) as reply:
                return reply.status == 200
        except (OSError, urllib.error.URLError):
            return False

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=STARTUP_LIMIT)
            self.process = None

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        """One call to ralph's xAPI (path below /xAPI/), as the LRS's admin user."""
        headers = {"Authorization": self.auth, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"}
        request = urllib.request.Request(f"{self.origin}/xAPI/{path}", data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:
                return reply.status, reply.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def statements(self) -> list[dict]:
        """Every stored statement (ralph's filters do not work with the fs backend)."""
        found: list[dict] = []
        path = "statements?limit=1000"
        while path:
            status, body = self.request("GET", path)
            if status != 200:
                raise HarnessError(f"ralph answered {status} to GET {path}: {body[:300]!r}")
            page = json.loads(body)
            found += page["statements"]
            more = page.get("more") or ""
            path = more.split("/xAPI/", 1)[1] if more else ""
        return found
