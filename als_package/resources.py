"""Where the templates and browser runtime live, in a checkout and in an installed wheel."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path


@cache
def templates_dir() -> Path:
    """The top-level templates/ of a checkout, else the copy the wheel ships as als_package/templates."""
    checkout = Path(__file__).resolve().parent.parent / "templates"
    if (checkout / "runtime").is_dir():
        return checkout
    return Path(str(resources.files("als_package.templates")))


def runtime_files() -> list[tuple[str, Path]]:
    """(archive path, file) for every runtime file a package ships, sorted."""
    root = templates_dir() / "runtime"
    return sorted(("runtime/" + p.relative_to(root).as_posix(), p) for p in root.rglob("*") if p.is_file())
