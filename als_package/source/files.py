"""Reading course files so that every file-system or encoding problem becomes a diagnostic, never a traceback."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from als_package.diagnostics import Collector, Location

MAX_BYTES = 10 * 1024 * 1024  # course text files are a few kilobytes; a bigger one is the wrong file


def real_path(path: Path) -> Path | None:
    """`path` with every symbolic link followed, or None when that is impossible (a loop, a name too long)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):  # RuntimeError: symlink loop before Python 3.13
        return None


def unreadable(path: Path) -> str | None:
    """Why `path` cannot be read as a course file, or None if it can (or does not exist)."""
    found = kind(path)
    if found is None:
        return "is a link that leads nowhere (or in a loop): fix the link" if os.path.islink(path) else None
    if found == "folder":
        return "is a folder, not a file: name the file inside it"
    if found == "other":
        return "is not a regular file (a device or pipe?): use a plain file"
    if path.stat().st_size > MAX_BYTES:
        return f"is larger than {MAX_BYTES // 1024 // 1024} MB: course text files are far smaller, so check it is the right file"
    return None


def read_text(path: Path, errors: Collector, missing_at: Location | None = None) -> str | None:
    """The file's text (UTF-8, a leading byte-order mark dropped), or None after recording why it cannot be had."""
    problem = unreadable(path)
    if problem is None and kind(path) is None:
        errors.error(missing_at or Location(path), f"file '{path}' does not exist: create it or fix the reference")
        return None
    if problem is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            problem = f"cannot be read ({exc.strerror or exc}): check the file's permissions"
    if problem is not None:
        errors.error(missing_at or Location(path), f"'{path}' {problem}")
        return None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        errors.error(Location(path, line), f"this line is not UTF-8 text (byte 0x{data[exc.start]:02x}): save the file with UTF-8 encoding")
        return None


def kind(path: Path) -> str | None:
    """'file', 'folder' or 'other' for what `path` leads to, None if nothing can be reached there
    (missing, a name too long, a link loop): Path.exists() raises for some of those."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None
    return "file" if stat.S_ISREG(mode) else "folder" if stat.S_ISDIR(mode) else "other"
