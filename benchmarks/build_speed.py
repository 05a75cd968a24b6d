"""Build speed: a synthetic 12-module and 240-module course, every target and packaging mode,
wall time per module, and every SCORM variant at once.

Run: python benchmarks/build_speed.py   (prints a table; copy it into benchmarks/RESULTS.md)
The synthetic modules are copies of the real course's modules under new ids, so pages,
quizzes and tools are of realistic size.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from als_package.build import build  # noqa: E402
from als_package.profiles import MODES  # noqa: E402
from als_package.targets import TARGETS, BuildOptions  # noqa: E402

REPEATS = 3
SCORM = tuple(name for name in TARGETS if name.startswith("scorm"))


def synthetic_course(root: Path, modules: int) -> Path:
    source = REPO / "course_src"
    course = yaml.safe_load((source / "course.yaml").read_text())
    real = course["modules"]
    folders = []
    for n in range(modules):
        folder = f"m{n:03d}"
        shutil.copytree(source / real[n % len(real)], root / folder)
        spec_path = root / folder / "module.yaml"
        spec = yaml.safe_load(spec_path.read_text())
        spec["id"] = f"module-{n:03d}"
        spec_path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False))
        folders.append(folder)
    course["modules"] = folders
    (root / "course.yaml").write_text(yaml.safe_dump(course, allow_unicode=True, sort_keys=False))
    return root


def best_time(source: Path, out: Path, targets: tuple[str, ...], options: BuildOptions) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        build(source, out, targets, options)
        times.append(time.perf_counter() - started)
    return min(times)


def every_scorm_variant(source: Path, out: Path) -> float:
    """Every SCORM target in every packaging mode: one build per mode, best of each, summed."""
    return sum(best_time(source, out / mode, SCORM, BuildOptions(mode=mode)) for mode in MODES)


def main() -> None:
    print(f"{'course':>12} {'target':<14} {'mode':<11} {'best of 3 (s)':>14} {'ms/module':>10} {'zip bytes':>12}")
    for count in (12, 240):
        with tempfile.TemporaryDirectory() as tmp:
            source = synthetic_course(Path(tmp) / "src", count)
            for target in TARGETS:
                for mode in MODES:
                    out = Path(tmp) / f"out-{target}-{mode}"
                    seconds = best_time(source, out, (target,), BuildOptions(mode=mode))
                    size = sum(p.stat().st_size for p in out.iterdir())
                    print(f"{count:>5} modules {target:<14} {mode:<11} {seconds:>14.3f} {seconds / count * 1000:>10.1f} {size:>12,}")
            seconds = every_scorm_variant(source, Path(tmp) / "out-every-scorm")
            label = f"every SCORM variant ({', '.join(SCORM)} × {len(MODES)} modes)"
            print(f"{count:>5} modules {label}: {seconds:.3f} s, {seconds / count * 1000:.1f} ms/module")
    print(f"(python {sys.version.split()[0]}, best of {REPEATS} runs each)")


if __name__ == "__main__":
    main()
