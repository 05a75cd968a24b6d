"""The vendored scorm-again is the pinned npm release, unchanged, with its licence."""

from __future__ import annotations

import hashlib
import json
import re

from tests.browser.lms import NODE_MODULES, REPO_ROOT

VENDOR = REPO_ROOT / "templates" / "preview" / "vendor"


def test_vendored_scorm_again_is_the_pinned_release():
    notes = (VENDOR / "README.md").read_text()
    pinned = json.loads((REPO_ROOT / "package-lock.json").read_text())["packages"]["node_modules/scorm-again"]["version"]
    assert f"**{pinned}**" in notes
    data = (VENDOR / "scorm-again.min.js").read_bytes()
    assert re.search(r"`([0-9a-f]{64})`", notes).group(1) == hashlib.sha256(data).hexdigest()
    assert data == (NODE_MODULES / "scorm-again" / "dist" / "scorm-again.min.js").read_bytes()
    assert (VENDOR / "scorm-again.LICENSE").read_text().startswith("MIT License")
