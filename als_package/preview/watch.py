"""Rebuilds the preview when anything under the course source changes (watchfiles), and says so
in the terminal: the build time and the modules rendered again, or the author's mistakes as
`path:line: message` (the last good build stays served)."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from als_package.diagnostics import SourceError, UsageProblem
from als_package.preview.server import Hub
from als_package.preview.site import problems_of

# watchfiles yields once nothing more changed for STEP_MS (an editor writes a file in several steps).
STEP_MS = 40
DEBOUNCE_MS = 400


def rebuild(hub: Hub, say: Callable[[str], None]) -> None:
    """Build once and publish the result to the page; on an error the last good build stays served."""
    try:
        site = hub.builder.build()
    except (SourceError, UsageProblem) as error:
        problems = problems_of(error)
        hub.publish(None, problems)
        say("\n".join(problems) + f"\n{len(problems)} error{'s' if len(problems) != 1 else ''} in the course source: the page keeps the last good build.")
        return
    except Exception as error:  # noqa: BLE001 - our bug, not the author's: shown, and the preview goes on watching
        say(traceback.format_exc().rstrip())
        hub.publish(None, [f"als-build failed ({type(error).__name__}: {error}): a bug in the packager, not in the course; please report it"])
        return
    hub.publish(site, [])
    again = ", ".join(site.rendered) or "none"
    say(f"Rebuilt in {site.seconds:.2f} s (modules rendered again: {again}).")


class Watcher:
    """A thread that rebuilds on every batch of changes under `source` until stopped."""

    def __init__(self, hub: Hub, source: Path, say: Callable[[str], None]) -> None:
        self._hub, self._source, self._say = hub, source.resolve(), say
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="preview-watch", daemon=True)
        self.ready = threading.Event()

    def start(self) -> None:
        self._thread.start()
        self.ready.wait(10)

    def _run(self) -> None:
        from watchfiles import watch

        # yield_on_timeout: the first (empty) batch says the watch is in place.
        for changes in watch(
            self._source, stop_event=self._stop, step=STEP_MS, debounce=DEBOUNCE_MS, yield_on_timeout=True, rust_timeout=200, raise_interrupt=False
        ):
            self.ready.set()
            if changes:
                rebuild(self._hub, self._say)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
