"""`als-build report` over about a million statements: wall time, CPU time and peak memory.

Run: python benchmarks/report_scale.py [--learners 7000] [--statements /tmp/als-report-1m.ndjson]
(prints a table; copy it into benchmarks/RESULTS.md). The statements are synthetic learners
(als_package/report/synthetic.py) playing the real course's xAPI build, with full activity
definitions in every statement as the runtime sends them (~1.9 KB a statement, ~2 GB of
NDJSON for a million); they are written to /tmp once and reused, never into the repository.

The report runs as the command a user types, in a child process, so its peak memory
(ru_maxrss of the child) and CPU time are its own. The machine's load average is printed
beside the figures: on a shared machine the wall time stretches, the CPU time does not.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from als_package.report.synthetic import cohort_from  # noqa: E402


def build_definitions(out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "als_package", "build", "--target", "xapi", "--out", str(out), "--quiet"], cwd=REPO, check=True)
    return out / "everybody-leads-xapi-activities.json"


def generate(definitions: Path, path: Path, learners: int) -> None:
    if path.is_file():
        print(f"reusing {path} ({path.stat().st_size / 1e9:.2f} GB)")
        return
    started = time.perf_counter()
    count = cohort_from(definitions).write(path, learners)
    print(f"generated {count} statements from {learners} learners in {time.perf_counter() - started:.0f} s ({path.stat().st_size / 1e9:.2f} GB) into {path}")


def run_report(definitions: Path, statements: Path, out: Path) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    started = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "als_package",
            "report",
            str(statements),
            "--definitions",
            str(definitions),
            "--out",
            str(out / "report.html"),
            "--csv",
            str(out / "csv"),
            "--json",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    figures = json.loads(proc.stdout)
    return {
        "statements": figures["statements"],
        "enrolments": figures["enrolments"],
        "wall": wall,
        "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "rss_mb": after.ru_maxrss / 1024,
        "load": load,
        "html_kb": (out / "report.html").stat().st_size / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=7000, help="synthetic learners (7000 ≈ 1.05 million statements)")
    parser.add_argument("--statements", type=Path, default=Path(tempfile.gettempdir()) / "als-report-1m.ndjson")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="als-report-bench-") as scratch:
        definitions = build_definitions(Path(scratch) / "dist")
        generate(definitions, args.statements, args.learners)
        result = run_report(definitions, args.statements, Path(scratch))
    size = args.statements.stat().st_size / 1e9
    print("\n| statements | enrolments | input | wall | CPU (user+sys) | peak RSS | HTML | load average (1 min) | cores |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {result['statements']:,} | {result['enrolments']:,} | {size:.2f} GB NDJSON | {result['wall']:.1f} s | {result['cpu']:.1f} s "
        f"| {result['rss_mb']:.0f} MB | {result['html_kb']:.0f} KB | {result['load']:.1f} | {os.cpu_count()} |"
    )


if __name__ == "__main__":
    main()
