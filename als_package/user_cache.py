"""Where builds keep what a later build can reuse (compiled templates, minified runtime files):
$XDG_CACHE_HOME (else ~/.cache)/als-package/<kind>. Deleting it is always safe: the next build
only takes longer."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache(kind: str) -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "als-package" / kind
