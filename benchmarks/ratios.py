"""Side by side in one run, interleaved: a full `als-build` against the build floor
(../shared/bench/floor_real.py), and `als-build --help` against importing its libraries.

    python benchmarks/ratios.py [ROUNDS]

Prints the median wall time of each and the ratios (issue 11's goals: build ≤ 1.5× the floor,
--help ≤ 1.5× the import floor), and what importing pydantic alone costs, since the floor
validates nothing. Each command runs in a fresh process, as a user runs it.
The compiler's modules are byte-compiled first, as `pip install` leaves them (the libraries the
floor imports are installed so): a checkout run with PYTHONDONTWRITEBYTECODE=1 would otherwise
compile every module of ours in every round.
"""

from __future__ import annotations

import compileall
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FLOOR = REPO.parent / "shared" / "bench" / "floor_real.py"


def seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=REPO, check=True, capture_output=True)
    return time.perf_counter() - started


def main(rounds: int) -> None:
    compileall.compile_dir(REPO / "als_package", quiet=1)
    out = Path(tempfile.mkdtemp(prefix="als-ratios-"))
    commands = {
        "build": [sys.executable, "-m", "als_package", "--out", str(out / "build"), "--quiet"],
        "build floor": [sys.executable, str(FLOOR), str(REPO), str(out / "floor")],
        "--help": [sys.executable, "-m", "als_package", "--help"],
        "import floor": [sys.executable, "-c", "import jinja2, lxml.etree, click, yaml"],
        "+ pydantic": [sys.executable, "-c", "import jinja2, lxml.etree, click, yaml, pydantic.main, pydantic.fields"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            times[name].append(seconds(command))
    median = {name: statistics.median(values) for name, values in times.items()}
    for name, value in median.items():
        print(f"{name:>13}: {value:.3f} s (median of {rounds})")
    print(f"build / floor: {median['build'] / median['build floor']:.2f}x")
    print(f"--help / import floor: {median['--help'] / median['import floor']:.2f}x")
    pydantic = median["+ pydantic"] - median["import floor"]
    print(f"importing pydantic (the floor has no validation layer): {pydantic:.3f} s = {pydantic / median['build floor']:.2f}x the build floor")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
