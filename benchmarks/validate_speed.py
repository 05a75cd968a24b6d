"""Validate speed: time to validate each of our packages and each third-party corpus package.

Run: python benchmarks/validate_speed.py   (prints tables; copy them into benchmarks/RESULTS.md)
In-process times are the best of 5 after one warm-up (the XSDs are compiled once per process);
the command line figure is one fresh `python -m als_package validate` process, best of 3, with
imports and schema compilation. The corpus is read where tests/validate/corpus/README.md says.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from als_package.build import build  # noqa: E402
from als_package.targets import BuildOptions  # noqa: E402
from als_package.validate import validate  # noqa: E402
from tests.validate.corpus_location import corpus_dir, corpus_present  # noqa: E402

REPEATS = 5
STANDARDS = ("scorm12", "scorm2004-3rd", "scorm2004-4th", "xapi", "cmi5")


def best(path: Path) -> tuple[float, str]:
    validate(path)
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        report = validate(path)
        times.append(time.perf_counter() - started)
    count = len(report.errors)
    verdict = "unusable" if report.unusable else f"{count} problem{'s' if count != 1 else ''}" if count else "valid"
    return min(times), f"{report.label}: {verdict}"


def cold(path: Path) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "als_package", "validate", str(path)], cwd=REPO, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return min(times)


def table(paths: list[Path]) -> None:
    print("| package | bytes | entries | verdict | ms |")
    print("|---|---|---|---|---|")
    for path in paths:
        seconds, verdict = best(path)
        try:
            entries = str(len(zipfile.ZipFile(path).infolist()))
        except zipfile.BadZipFile:
            entries = "-"
        print(f"| {path.name} | {path.stat().st_size:,} | {entries} | {verdict} | {seconds * 1000:.1f} |")


def main() -> None:
    warnings.simplefilter("ignore")  # the course's authoring advice is not what this measures
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        ours = [w.path for w in build(REPO / "course_src", out / "course", STANDARDS, BuildOptions()).written if w.path.suffix == ".zip"]
        per_module = [
            w.path for w in build(REPO / "course_src", out / "per-module", STANDARDS, BuildOptions(mode="per-module")).written if w.path.suffix == ".zip"
        ]
        print("## Our packages (course mode)\n")
        table(sorted(ours))
        started = time.perf_counter()
        for path in per_module:
            validate(path)
        print(f"\nEvery per-module package ({len(per_module)} zips): {time.perf_counter() - started:.2f} s in one process.")
        print(f"One fresh `als-build validate` process on {ours[0].name}: {cold(ours[0]):.2f} s.")
    if corpus_present():
        print(f"\n## Third-party corpus ({corpus_dir()})\n")
        table(sorted(corpus_dir().glob("*.zip")))
    else:
        print("\n(no third-party corpus found: see tests/validate/corpus/README.md)")


if __name__ == "__main__":
    main()
