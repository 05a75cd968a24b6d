"""How the build grows with the course: the real 12-module course against the same course
repeated twenty times (240 modules), side by side in one run.

    python benchmarks/scale.py [ROUNDS]

Each build runs in a fresh process, as an author runs it, building every default target.
Prints the medians and their ratio (issue 11's goal: 240 modules ≤ 20× the 12-module time,
i.e. no worse than linear).
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COPIES = 20


def repeated_course(target: Path, copies: int) -> Path:
    """course_src with every module folder copied `copies` times under new folder names and ids."""
    source = REPO / "course_src"
    shutil.copytree(source, target)
    course_yaml = (target / "course.yaml").read_text(encoding="utf-8")
    folders = re.findall(r"^  - (\S+)$", course_yaml, flags=re.MULTILINE)
    listed = []
    for copy in range(1, copies):
        for folder in folders:
            name = f"{folder}-copy{copy}"
            shutil.copytree(source / folder, target / name)
            module_yaml = target / name / "module.yaml"
            text = module_yaml.read_text(encoding="utf-8")
            module_yaml.write_text(re.sub(r"^id: (\S+)$", rf"id: \1-copy{copy}", text, count=1, flags=re.MULTILINE), encoding="utf-8")
            listed.append(name)
    last = f"  - {folders[-1]}\n"
    extra = "".join(f"  - {name}\n" for name in listed)
    (target / "course.yaml").write_text(course_yaml.replace(last, last + extra, 1), encoding="utf-8")
    return target


def seconds(source: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "als_package", "--source", str(source), "--out", str(out), "--quiet"], cwd=REPO, check=True, capture_output=True)
    return time.perf_counter() - started


def main(rounds: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="als-scale-"))
    big = repeated_course(work / "course_240", COPIES)
    times: dict[str, list[float]] = {"12 modules": [], f"{12 * COPIES} modules": []}
    for _ in range(rounds):
        times["12 modules"].append(seconds(REPO / "course_src", work / "out12"))
        times[f"{12 * COPIES} modules"].append(seconds(big, work / "out240"))
    medians = [statistics.median(values) for values in times.values()]
    for name, value in zip(times, medians, strict=True):
        print(f"{name:>12}: {value:.2f} s (median of {rounds})")
    print(f"ratio: {medians[1] / medians[0]:.1f}x for {COPIES}x the modules")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
