"""Where the third-party corpus is: $ALS_VALIDATE_CORPUS, else tests/validate/corpus/ when it holds
zips, else ../shared/validate-corpus/ beside the checkout (see corpus/README.md)."""

from __future__ import annotations

import os
from pathlib import Path

HERE = Path(__file__).parent


def corpus_dir() -> Path:
    candidates = [Path(os.environ["ALS_VALIDATE_CORPUS"])] if os.environ.get("ALS_VALIDATE_CORPUS") else []
    candidates += [HERE / "corpus", HERE.parent.parent.parent / "shared" / "validate-corpus"]
    return next((c for c in candidates if any(c.glob("*.zip"))), candidates[0])


def corpus_present() -> bool:
    return any(corpus_dir().glob("*.zip"))
