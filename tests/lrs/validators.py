"""Both statement validators of XAPI-NOTES, each catching what the other misses:
ralph's pydantic model (BaseXapiStatement, in the ralph virtualenv) and Learning Locker's
@learninglocker/xapi-validation (node). A missing validator is a HarnessError."""

from __future__ import annotations

import json
import subprocess

from tests.browser.lms import NODE_MODULES, REPO_ROOT, HarnessError, require_file

from .ralph_lrs import HERE, PYTHON


def _run(command: list[str], statements: list[dict]) -> list[list[str]]:
    proc = subprocess.run(command, input=json.dumps(statements), capture_output=True, text=True, cwd=REPO_ROOT)
    if proc.returncode != 0:
        raise HarnessError(f"{command[-1]} failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def problems(statements: list[dict]) -> list[str]:
    """Every problem either validator finds, as 'validator: statement id (verb): problem'."""
    require_file(PYTHON, "run scripts/install-lrs.sh")
    require_file(NODE_MODULES / "@learninglocker" / "xapi-validation" / "package.json", "run `npm ci`")
    found = []
    for name, command in (("ralph", [str(PYTHON), str(HERE / "validate_ralph.py")]), ("learninglocker", ["node", str(HERE / "validate_xapi.js")])):
        for statement, issues in zip(statements, _run(command, statements), strict=True):
            verb = statement.get("verb", {}).get("id", "?").rsplit("/", 1)[-1]
            found += [f"{name}: {statement.get('id')} ({verb}): {issue}" for issue in issues]
    return found
