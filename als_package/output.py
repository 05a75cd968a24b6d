"""Putting the built files into --out: all of them or none, whatever the file system does.

Files are first written to a hidden staging folder inside --out, so that moving them into
place is a rename on one file system even when --out is a mount point (a tmpfs, a Docker
volume). The files they replace are set aside in the staging folder until every rename has
succeeded, and put back if one fails or the build is interrupted. A staging folder left by
a build that was killed outright is swept by the next build into the same folder.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

from als_package.diagnostics import UsageProblem

STAGING_PREFIX = ".als-build-"
REASONS = {
    errno.ENOTDIR: "part of that path is a file, not a folder",
    errno.EACCES: "permission denied: choose a folder you may write to",
    errno.EPERM: "permission denied: choose a folder you may write to",
    errno.ENOSPC: "the disk is full: free some space and build again",
    errno.EDQUOT: "your disk quota is used up: free some space and build again",
    errno.EROFS: "that file system is read-only",
    errno.ENAMETOOLONG: "the path is too long",
    errno.EEXIST: "a file of that name is in the way",
}


def write_all(out: Path, files: list[tuple[str, bytes]]) -> None:
    """Write `files` (name, bytes) into `out`; on any failure leave `out` as it was and raise UsageProblem."""
    try:
        _make_folder(out)
        _sweep(out)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out))
    except OSError as exc:
        raise UsageProblem(f"cannot write packages into '{out}': {_reason(exc)}") from exc
    try:
        (staging / "new").mkdir()
        (staging / "old").mkdir()
        for name, data in files:
            (staging / "new" / name).write_bytes(data)
        _swap(out, staging, [name for name, _ in files])
    except OSError as exc:
        raise UsageProblem(f"cannot write packages into '{out}': {_reason(exc)}; nothing was changed there") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _make_folder(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise OSError(errno.EEXIST, "exists", str(out))
    out.mkdir(parents=True, exist_ok=True)


def _swap(out: Path, staging: Path, names: list[str]) -> None:
    """Rename each new file into `out`, keeping what it replaces; on any failure restore every replaced file."""
    done: list[str] = []
    try:
        for name in names:
            target = out / name
            done.append(name)
            if target.exists() or target.is_symlink():
                os.replace(target, staging / "old" / name)
            _move(staging / "new" / name, target)
    except BaseException:
        for name in reversed(done):
            if (staging / "old" / name).exists() or (staging / "old" / name).is_symlink():
                os.replace(staging / "old" / name, out / name)
            elif not (staging / "new" / name).exists():
                (out / name).unlink(missing_ok=True)
        raise


def _move(source: Path, target: Path) -> None:
    """A rename; a copy where the file system refuses one (EXDEV, should --out hold a mount point)."""
    try:
        os.replace(source, target)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
    try:
        shutil.copyfile(source, target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    source.unlink()


def _sweep(out: Path) -> None:
    """Remove staging folders whose build process is gone (killed before it could clean up)."""
    for folder in out.glob(f"{STAGING_PREFIX}*"):
        pid = folder.name.removeprefix(STAGING_PREFIX).split("-")[0]
        if folder.is_dir() and not _alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: str) -> bool:
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's running build
    return True


def _reason(exc: OSError) -> str:
    return REASONS.get(exc.errno or 0, exc.strerror or str(exc))
