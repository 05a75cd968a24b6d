"""Reading course files so that every file-system or encoding problem becomes a diagnostic, never a traceback."""

from __future__ import annotations

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
    """Why `path` cannot be read as a course file, or None if it can."""
    try:
        if path.is_dir():
            return "is a folder, not a file: name the file inside it"
        if not path.exists():
            return "is a link that leads nowhere (or in a loop): fix the link" if path.is_symlink() else None
        if not path.is_file():
            return "is not a regular file (a device or pipe?): use a plain file"
        if path.stat().st_size > MAX_BYTES:
            return f"is larger than {MAX_BYTES // 1024 // 1024} MB: course text files are far smaller, so check it is the right file"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    return None


def read_text(path: Path, errors: Collector, missing_at: Location | None = None) -> str | None:
    """The file's text (UTF-8, a leading byte-order mark dropped), or None after recording why it cannot be had."""
    problem = unreadable(path)
    if problem is None and not _exists(path):
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


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False
