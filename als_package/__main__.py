"""`python -m als_package` and the `als-build` script.

Ctrl-C (or SIGTERM) at any moment, even while the command's libraries are still loading,
ends with one line and status 130, never a traceback; `finally` blocks (the staging
folder's clean-up) run first, as for Ctrl-C.
"""

import signal
import sys


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def run() -> None:
    try:
        signal.signal(signal.SIGTERM, _interrupt)
        from als_package.cli import main

        main()
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted: nothing was written.\n")
        sys.exit(130)


if __name__ == "__main__":
    run()
