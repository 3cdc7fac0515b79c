"""Time `lessonpack build` for every default band against the floor: the same slides, notes and
paragraphs written directly with python-pptx and python-docx.

    python bench/build_speed.py [--repeat N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docx import Document
from pptx import Presentation
from pptx.util import Inches

from generator.paths import shipped


def time_build(out: Path) -> float:
    """Return the wall time of one `lessonpack build` in a fresh process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "build", "--out", str(out), "--force"],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def shape_of(out: Path) -> tuple[list[list[int]], list[int]]:
    """Return paragraphs per slide for each deck, and paragraphs (with table cells) per document."""
    decks = [[sum(len(s.text_frame.paragraphs) for s in slide.shapes if s.has_text_frame) for slide in
              Presentation(str(p)).slides] for p in sorted(out.rglob("*.pptx"))]
    docs = []
    for path in sorted(out.rglob("*.docx")):
        doc = Document(str(path))
        docs.append(len(doc.paragraphs) + sum(len(r.cells) for t in doc.tables for r in t.rows))
    return decks, docs


def time_floor(decks: list[list[int]], docs: list[int], out: Path) -> float:
    """Return the time to write the same amount of content directly with the libraries."""
    start = time.perf_counter()
    for n, deck in enumerate(decks):
        prs = Presentation(str(shipped("templates") / "base-slides.pptx"))
        layout = prs.slide_layouts[5]
        for paragraphs in deck:
            slide = prs.slides.add_slide(layout)
            slide.shapes.title.text = "Title"
            frame = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(10), Inches(4)).text_frame
            for _ in range(paragraphs):
                frame.add_paragraph().text = "A line of body text of a typical length for a slide."
            slide.notes_slide.notes_text_frame.text = "Speaker notes for this slide."
        prs.save(str(out / f"floor-{n}.pptx"))
    for n, paragraphs in enumerate(docs):
        doc = Document(str(shipped("templates") / "base-document.docx"))
        for _ in range(paragraphs):
            doc.add_paragraph("A paragraph of handout or teacher-notes text of a typical length.")
        doc.save(str(out / f"floor-{n}.docx"))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out, floor = Path(tmp) / "out", Path(tmp) / "floor"
        floor.mkdir()
        builds = [time_build(out) for _ in range(args.repeat)]
        decks, docs = shape_of(out)
        floors = [time_floor(decks, docs, floor) for _ in range(args.repeat)]
    build_s, floor_s = min(builds), min(floors)
    print(f"content: {len(decks)} decks, {sum(map(len, decks))} slides, {len(docs)} documents")
    print(f"lessonpack build (all default bands, best of {args.repeat}): {build_s:.2f} s")
    print(f"floor (python-pptx/python-docx directly, best of {args.repeat}): {floor_s:.2f} s")
    print(f"ratio: {build_s / floor_s:.2f}x")


if __name__ == "__main__":
    main()
