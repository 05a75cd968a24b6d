"""Where the templates and browser runtime live, in a checkout and in an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


@cache
def templates_dir() -> Path:
    """The top-level templates/ of a checkout, else the copy the wheel ships as als_package/templates."""
    checkout = PACKAGE.parent / "templates"
    return checkout if (checkout / "runtime").is_dir() else PACKAGE / "templates"
