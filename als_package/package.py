"""Package = archive path → bytes. Zips are reproducible: sorted entries, fixed timestamps and permissions."""

from __future__ import annotations

import io
import os
import time
import zipfile
from dataclasses import dataclass, field

DEFAULT_EPOCH = 946684800  # 2000-01-01T00:00:00Z, used when SOURCE_DATE_EPOCH is not set


@dataclass
class Package:
    filename: str
    files: dict[str, bytes] = field(default_factory=dict)

    def add(self, path: str, content: bytes | str) -> None:
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content


def _timestamp() -> tuple[int, int, int, int, int, int]:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_EPOCH))
    stamp = time.gmtime(max(epoch, 315532800))  # zip cannot store dates before 1980
    return stamp[:6]


def zip_bytes(package: Package) -> bytes:
    stamp = _timestamp()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(package.files):
            info = zipfile.ZipInfo(path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, package.files[path], compresslevel=9)
    return buffer.getvalue()
