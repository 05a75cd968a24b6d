"""One preview: the first build, the server thread and the watcher, started and stopped together.
The `preview` command runs one until Ctrl-C; the tests and the benchmark run one in-process."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from als_package.diagnostics import UsageProblem
from als_package.preview.server import Hub, PreviewServer
from als_package.preview.site import Builder
from als_package.preview.watch import Watcher
from als_package.targets import BuildOptions


class Preview:
    """Builds `target` from `source` (raising the author's mistakes), then serves and watches it."""

    def __init__(self, source: Path, target: str, options: BuildOptions, profile: str = "generic", port: int = 0, say: Callable[[str], None] = print) -> None:
        hub = Hub(Builder(Path(source), target, options), profile)
        hub.publish(hub.builder.build(), [])
        try:
            self.server = PreviewServer(hub, port)
        except OSError as error:
            raise UsageProblem(f"cannot serve on 127.0.0.1:{port} ({error.strerror}): choose another --port, or 0 for any free one") from None
        self.hub = hub
        self.watcher = Watcher(hub, Path(source), say)
        self._thread = threading.Thread(target=self.server.serve_forever, name="preview-http", daemon=True)

    @property
    def title(self) -> str:
        return self.hub.site.course.title if self.hub.site else ""

    @property
    def url(self) -> str:
        return self.server.origin + "/"

    def start(self) -> Preview:
        self._thread.start()
        self.watcher.start()
        return self

    def stop(self) -> None:
        self.watcher.stop()
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(5)
