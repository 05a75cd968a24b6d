"""Paths inside a package, as authors write them in the source."""

from __future__ import annotations

import re
from pathlib import PurePosixPath


def module_relative(folder: str, reference: str) -> str | None:
    """Resolve `reference` written in `folder` to a module-relative POSIX path, or None if it leaves the module."""
    if reference.startswith("/") or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", reference):
        return None
    parts: list[str] = []
    for part in PurePosixPath(folder, reference).parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts) or None
