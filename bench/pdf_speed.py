"""Time `lessonpack build --format pdf` for every default band against the floor: one bare
`soffice --convert-to pdf` of the same PPTX and DOCX files.

    python bench/pdf_speed.py [--repeat N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def time_build(out: Path) -> float:
    """Return the wall time of one `lessonpack build --format pdf` in a fresh process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "build", "--format", "pdf", "--out", str(out), "--force"],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def time_bare_convert(files: list[Path], work: Path) -> float:
    """Return the wall time of converting *files* to PDF in one bare LibreOffice run."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    copies = []
    for n, path in enumerate(files):
        copies.append(work / f"{n:04d}{path.suffix}")
        shutil.copy(path, copies[-1])
    start = time.perf_counter()
    subprocess.run(["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(work / "pdf"), *map(str, copies)],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        builds = [time_build(out) for _ in range(args.repeat)]
        files = sorted(p for p in out.rglob("*") if p.suffix in (".pptx", ".docx"))
        bare = [time_bare_convert(files, Path(tmp) / "bare") for _ in range(args.repeat)]
    build_s, bare_s = min(builds), min(bare)
    print(f"files: {len(files)} PPTX and DOCX converted to PDF")
    print(f"lessonpack build --format pdf (all default bands, best of {args.repeat}): {build_s:.1f} s")
    print(f"bare soffice --convert-to pdf of the same files (best of {args.repeat}): {bare_s:.1f} s")
    print(f"overhead: {build_s - bare_s:.1f} s ({build_s / bare_s:.2f}x)")


if __name__ == "__main__":
    main()
