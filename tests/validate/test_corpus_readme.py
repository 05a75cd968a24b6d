"""The corpus README lists exactly the packages test_corpus.py pins (this runs with or without the zips)."""

from __future__ import annotations

import re
from pathlib import Path

from .test_corpus import EXPECTED


def test_readme_lists_every_pinned_package():
    readme = (Path(__file__).parent / "corpus" / "README.md").read_text()
    listed = re.findall(r"^\| ([\w.-]+\.zip) \|", readme, re.M)
    assert sorted(listed) == sorted(EXPECTED)
