"""ralph's pydantic xAPI model as a filter, run with the ralph virtualenv's Python.

Reads a JSON array of statements on stdin and prints a JSON array with one list of
problems per statement (empty when valid). Used by tests/lrs/validators.py.
"""

import json
import sys

from pydantic import ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement


def problems(statement: dict) -> list[str]:
    try:
        BaseXapiStatement.model_validate(statement)
    except ValidationError as error:
        return [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()]
    return []


json.dump([problems(s) for s in json.load(sys.stdin)], sys.stdout)
