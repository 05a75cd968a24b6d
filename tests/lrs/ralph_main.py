"""Runs ralph's LRS API with the fs backend, run by the ralph virtualenv's Python.

ralph 5.1.0's fs backend writes with a create-only default, so every POST/PUT after the
first fails with 500 (XAPI-NOTES, known limits). Appending is the fs backend's own
APPEND operation; setting it as the default is the one change made here. Configuration
comes from the environment (RALPH_* variables, see tests/lrs/ralph.py).

Usage: python ralph_main.py HOST PORT
"""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

uvicorn.run("ralph.api:app", host=sys.argv[1], port=int(sys.argv[2]), log_level="warning")
