"""Package = archive path → bytes. Zips are reproducible: sorted entries, fixed timestamps and permissions."""

from __future__ import annotations

import io
import os
import time
import zipfile
from dataclasses import dataclass, field

from als_package.diagnostics import UsageProblem

DEFAULT_EPOCH = 946684800  # 2000-01-01T00:00:00Z, used when SOURCE_DATE_EPOCH is not set


@dataclass
class Package:
    filename: str
    files: dict[str, bytes] = field(default_factory=dict)

    def add(self, path: str, content: bytes | str) -> None:
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content


ZIP_FIRST = 315532800  # 1980-01-01T00:00:00Z, the earliest date a zip can store (earlier ones are raised to it)
ZIP_LAST = 4354819199  # 2107-12-31T23:59:59Z, the latest


def zip_timestamp() -> tuple[int, int, int, int, int, int]:
    """The date inside every zip: SOURCE_DATE_EPOCH (reproducible-builds.org), else DEFAULT_EPOCH."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None:
        return time.gmtime(DEFAULT_EPOCH)[:6]
    if not (raw.strip().isascii() and raw.strip().isdigit()):
        raise UsageProblem(f"SOURCE_DATE_EPOCH is {raw!r}: set it to a whole number of seconds since 1970-01-01 (such as 1700000000), or unset it")
    if int(raw) > ZIP_LAST:
        raise UsageProblem(f"SOURCE_DATE_EPOCH {raw.strip()} is after 2107-12-31, the last date a zip file can store: use a smaller number")
    return time.gmtime(max(int(raw), ZIP_FIRST))[:6]


def zip_bytes(package: Package, stamp: tuple[int, int, int, int, int, int] | None = None) -> bytes:
    stamp = stamp or zip_timestamp()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(package.files):
            info = zipfile.ZipInfo(path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, package.files[path], compresslevel=6)  # zlib's default: a third faster than 9, 0.4 % larger
    return buffer.getvalue()
