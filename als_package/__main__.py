"""`python -m als_package` and the `als-build` script.

Ctrl-C (or SIGTERM) at any moment, even while the command's libraries are still loading,
ends with one line and status 130, never a traceback; `finally` blocks (the staging
folder's clean-up) run first, as for Ctrl-C.
"""

import gc
import os
import signal
import sys


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _collect_garbage_less_often() -> None:
    """A command is one short process whose objects mostly live until it ends, so CPython's
    default cycle collection (every 700 allocations) spends a third of a build scanning them;
    collecting every 200,000 allocations keeps memory flat and the build fast (mypy does the same)."""
    gc.set_threshold(200_000, 30, 30)


def _no_validation_plugins() -> None:
    """The course is checked by our pydantic models alone: a pydantic plugin some other package
    installed could change what is accepted, and looking for plugins scans every installed
    distribution (a fiftieth of a second per build)."""
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"


def _skip_the_last_collection() -> None:
    """Everything a command made dies with the process; frozen, it is left out of the
    interpreter's collection at exit, which otherwise walks all of it (a sixth of a build's
    wall time). Objects are still released and finalizers and atexit still run."""
    gc.freeze()


def run() -> None:
    _collect_garbage_less_often()
    _no_validation_plugins()
    try:
        signal.signal(signal.SIGTERM, _interrupt)
        from als_package.cli import main

        main()
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted: nothing was written.\n")
        sys.exit(130)
    finally:
        _skip_the_last_collection()


if __name__ == "__main__":
    run()
