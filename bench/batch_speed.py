"""Time `lessonpack batch` on a generated trust of 24 schools, one band each (11-14, pptx and docx),
with --jobs 1 and with --jobs 2, each in a fresh process into a fresh folder (the best of
--repeat runs, taken in turn); check every run wrote the same bytes, and print both times and the
speed-up.

    python bench/batch_speed.py [--schools N] [--band ID|all] [--jobs N ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMAND = "from generator.batch import batch; batch()"


def write_trust(path: Path, schools: int, band: str) -> None:
    """Write a CSV of *schools* schools, each with its own lead and colour, building *band* (all: every band)."""
    bands = "" if band == "all" else band
    lines = ["school,dsl_name,dsl_where,primary,default_bands"]
    lines += [f"Bench School {n},Ms Lead {n},Room {n},{(0x1F3864 + n * 0x030201) & 0x7F7F7F:06X},{bands}"
              for n in range(1, schools + 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def time_batch(table: Path, out: Path, jobs: int) -> float:
    """Return the wall time of one `lessonpack batch --jobs JOBS` in a fresh process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", COMMAND, str(table), "--out", str(out), "--jobs", str(jobs)],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=24)
    parser.add_argument("--band", default="11-14", help="the band each school builds, or all")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    times: dict[int, list[float]] = {jobs: [] for jobs in args.jobs}
    trees = []
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "trust.csv"
        write_trust(table, args.schools, args.band)
        for run in range(args.repeat):
            for jobs in args.jobs:
                out = Path(tmp) / f"run-{run}-jobs-{jobs}"
                times[jobs].append(time_batch(table, out, jobs))
                trees.append(tree(out))
    assert all(t == trees[0] for t in trees), "the runs wrote different files"
    files = sum(name.endswith((".pptx", ".docx")) for name in trees[0])
    print(f"{args.schools} schools, band {args.band}: {files} files per run, the same bytes in every run")
    best = {jobs: min(runs) for jobs, runs in times.items()}
    for jobs, seconds in best.items():
        print(f"lessonpack batch --jobs {jobs} (best of {args.repeat}): {seconds:.2f} s "
              f"({seconds / args.schools:.2f} s per school)")
    first = args.jobs[0]
    for jobs in args.jobs[1:]:
        print(f"speed-up, --jobs {jobs} over --jobs {first}: {best[first] / best[jobs]:.2f}x")


if __name__ == "__main__":
    main()
