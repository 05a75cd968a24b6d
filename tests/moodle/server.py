"""A real Moodle 4.3 on 127.0.0.1, stood up by ../shared/moodle (see its README).

The tier runs when Moodle's code can be had: a git snapshot in ``MOODLE_GIT_DIR``, or a
tree already unpacked into ``MOODLE_SRC`` (default /opt/moodle-src). Packages are imported
the way a teacher's upload is (``import_scorm.php``), and what Moodle stored is read back
with the README's ``tracking.sql``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.browser.lms import REPO_ROOT

SCRIPTS = REPO_ROOT.parent / "shared" / "moodle"
URL = os.environ.get("MOODLE_URL", f"http://127.0.0.1:{os.environ.get('MOODLE_PORT', '8088')}")
PGDATA = os.environ.get("MOODLE_PGDATA", "/opt/moodle-pgdata")
PG_PORT = os.environ.get("PG_PORT", "55432")
LEARNER = ("learner", "Learner#12345")
INTERACTION = re.compile(r"^cmi\.interactions[._](\d+)\.(.+)$")


def unavailable_reason() -> str | None:
    """Why the Moodle tier cannot run here, or None when it can."""
    if not (SCRIPTS / "setup.sh").is_file():
        return f"no Moodle test scripts at {SCRIPTS}"
    source = Path(os.environ.get("MOODLE_SRC", "/opt/moodle-src"))
    if not os.environ.get("MOODLE_GIT_DIR") and not (source / "version.php").is_file():
        return f"no Moodle source (set MOODLE_GIT_DIR to a Moodle git snapshot, or unpack one into {source})"
    return None


def _serving() -> bool:
    try:
        with urllib.request.urlopen(f"{URL}/login/index.php", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


class MoodleServer:
    """Starts Moodle with setup.sh (idempotent) and stops it afterwards if this run started it."""

    def __init__(self) -> None:
        self.started_here = False

    def start(self) -> None:
        self.started_here = not _serving()
        done = subprocess.run(["bash", str(SCRIPTS / "setup.sh")], capture_output=True, text=True, timeout=1800)
        if done.returncode != 0:
            raise RuntimeError(f"Moodle setup failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")

    def stop(self) -> None:
        if self.started_here:
            subprocess.run(["bash", str(SCRIPTS / "stop.sh")], capture_output=True, timeout=120)

    def import_package(self, zip_path: Path, settings: dict[str, Any]) -> Activity:
        done = subprocess.run(
            ["php", str(SCRIPTS / "import_scorm.php"), f"--zip={zip_path}", f"--settings={json.dumps(settings)}"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        result = json.loads(done.stdout) if done.stdout.strip().startswith("{") else {"error": done.stderr}
        if done.returncode != 0:
            raise AssertionError(f"Moodle rejected {zip_path.name} (exit {done.returncode}): {result}")
        return Activity(result)

    def tracking(self, activity: Activity, settle_seconds: float = 10.0) -> Tracking:
        """What Moodle stored, read once nothing has changed for a second (the unload beacon
        of a leaving SCO reaches Moodle after the page has gone), at most `settle_seconds`."""
        deadline = time.monotonic() + settle_seconds
        stored = self._read_tracking(activity)
        while time.monotonic() < deadline:
            time.sleep(1.0)
            again = self._read_tracking(activity)
            if again == stored:
                break
            stored = again
        return Tracking(stored)

    def _read_tracking(self, activity: Activity) -> dict:
        done = subprocess.run(
            [
                "psql",
                "-h",
                PGDATA,
                "-p",
                PG_PORT,
                "-U",
                "postgres",
                "-d",
                "moodle",
                "-qAt",
                "-v",
                f"scormid={activity.scormid}",
                "-v",
                f"learner={LEARNER[0]}",
                "-f",
                str(SCRIPTS / "tracking.sql"),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return json.loads(done.stdout)


@dataclass
class Activity:
    """A SCORM activity Moodle made from one package (import_scorm.php's answer)."""

    raw: dict

    @property
    def scormid(self) -> int:
        return int(self.raw["scormid"])

    @property
    def view_url(self) -> str:
        return self.raw["view_url"]

    def scoid(self, identifier: str) -> int:
        return int(next(s["id"] for s in self.raw["scoes"] if s["identifier"] == identifier))


@dataclass
class Tracking:
    """What Moodle stored for the learner: tracked elements per attempt, grade, completion."""

    raw: dict

    @property
    def rows(self) -> list[dict]:
        return self.raw["attempts"]

    def value(self, sco: str, element: str, attempt: int = 1) -> str | None:
        found = [r["value"] for r in self.rows if r["sco"] == sco and r["element"] == element and r["attempt"] == attempt]
        return found[0] if found else None

    def elements(self, sco: str, prefix: str = "", attempt: int = 1) -> dict[str, str]:
        return {r["element"]: r["value"] for r in self.rows if r["sco"] == sco and r["attempt"] == attempt and r["element"].startswith(prefix)}

    def interactions(self, sco: str, attempt: int = 1) -> list[dict[str, str]]:
        """cmi.interactions.N.* as one dict per N (keys without the prefix, indexes written with
        dots), in index order. Moodle stores SCORM 1.2 ones as `cmi.interactions_0.id`."""
        found: dict[int, dict[str, str]] = {}
        for element, value in self.elements(sco, "cmi.interactions", attempt).items():
            match = INTERACTION.match(element)
            if match:
                name = re.sub(r"_(\d+)\.", r".\1.", match.group(2))
                found.setdefault(int(match.group(1)), {})[name] = value
        return [found[i] for i in sorted(found)]

    @property
    def attempts(self) -> list[int]:
        return sorted({r["attempt"] for r in self.rows})

    @property
    def grade(self) -> float | None:
        grades = self.raw["gradebook"]
        return None if not grades or grades[0]["rawgrade"] is None else float(grades[0]["rawgrade"])

    @property
    def grade_max(self) -> float:
        return float(self.raw["gradebook"][0]["grademax"])

    @property
    def completion(self) -> int | None:
        """0 incomplete, 1 complete, 2 complete-pass, 3 complete-fail; None: never computed."""
        states = self.raw["completion"]
        return int(states[0]["completionstate"]) if states else None

    @property
    def complete(self) -> bool:
        return self.completion in (1, 2)
