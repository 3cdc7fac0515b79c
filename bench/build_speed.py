"""Time `lessonpack build` for every default band against the library floor: a fresh Python
process that writes the same content directly with python-pptx and python-docx.

"The same content" is read back from the built files: per slide, its text shapes with their
paragraphs and runs (the same text), its pictures (the same images) and its speaker notes; per
document, its paragraphs and runs, its tables (the same cells) and its inline pictures. The
floor writes them with the libraries' plain calls on the shipped templates, one after another,
and pays for starting Python and importing the libraries, as the build does. What it leaves out
is what lessonpack adds: composing and fitting the lesson, templating, layout, drawing the
icons, the checks and the safeguarding gate reading every file back.

    python bench/build_speed.py [--repeat N]
"""

from __future__ import annotations

import argparse
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def time_build(out: Path) -> float:
    """Return the wall time of one `lessonpack build` in a fresh process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "build", "--out", str(out), "--force"],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def content_of(out: Path) -> dict:
    """Return what the floor writes: every deck's slides and every document's blocks, as built."""
    from docx import Document
    from docx.oxml.ns import qn
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    def shapes(group):
        for shape in group:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                yield from shapes(shape.shapes)
            else:
                yield shape

    decks = []
    for path in sorted(out.rglob("*.pptx")):
        slides = []
        for slide in Presentation(str(path)).slides:
            texts = [[[r.text for r in p.runs] for p in s.text_frame.paragraphs]
                     for s in shapes(slide.shapes) if s.has_text_frame]
            pictures = [s.image.blob for s in shapes(slide.shapes) if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
            slides.append((texts, pictures, slide.notes_slide.notes_text_frame.text))
        decks.append(slides)
    docs = []
    for path in sorted(out.rglob("*.docx")):
        doc = Document(str(path))
        images = {rel.rId: rel.target_part.blob for rel in doc.part.rels.values() if "image" in rel.reltype}
        blocks = []
        for element in doc.element.body.iterchildren():
            if element.tag == qn("w:p"):
                pictures = [images[b.get(qn("r:embed"))] for b in element.iter("{*}blip")]
                blocks.append(("p", ["".join(t.text or "" for t in r.iter(qn("w:t"))) for r in element.iter(qn("w:r"))],
                               pictures))
            elif element.tag == qn("w:tbl"):
                rows = [[["".join(t.text or "" for t in r.iter(qn("w:t"))) for r in cell.iter(qn("w:r"))]
                         for cell in row.iterchildren(qn("w:tc"))] for row in element.iterchildren(qn("w:tr"))]
                blocks.append(("table", rows, []))
        docs.append(blocks)
    return {"decks": decks, "docs": docs}


def write_floor(content: dict, out: Path) -> None:
    """Write *content* with python-pptx and python-docx directly (the floor's own process)."""
    import io

    from docx import Document
    from docx.shared import Mm
    from pptx import Presentation
    from pptx.util import Inches

    from generator.paths import shipped

    templates = shipped("templates")
    for n, deck in enumerate(content["decks"]):
        prs = Presentation(str(templates / "base-slides.pptx"))
        layout = prs.slide_layouts[1]
        for texts, pictures, notes in deck:
            slide = prs.slides.add_slide(layout)
            for paragraphs in texts:
                frame = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(10), Inches(4)).text_frame
                for i, runs in enumerate(paragraphs):
                    paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
                    for text in runs:
                        paragraph.add_run().text = text
            for blob in pictures:
                slide.shapes.add_picture(io.BytesIO(blob), Inches(9), Inches(2), Inches(3))
            slide.notes_slide.notes_text_frame.text = notes
        prs.save(str(out / f"floor-{n}.pptx"))
    for n, blocks in enumerate(content["docs"]):
        doc = Document(str(templates / "base-document.docx"))
        for kind, body, pictures in blocks:
            if kind == "p":
                paragraph = doc.add_paragraph()
                for text in body:
                    paragraph.add_run(text)
                for blob in pictures:
                    paragraph.add_run().add_picture(io.BytesIO(blob), height=Mm(5))
            else:
                table = doc.add_table(rows=len(body), cols=max(len(row) for row in body))
                for row, cells in zip(table.rows, body):
                    for cell, runs in zip(row.cells, cells):
                        for text in runs:
                            cell.paragraphs[0].add_run(text)
        doc.save(str(out / f"floor-{n}.docx"))


def time_floor(spec: Path, out: Path) -> float:
    """Return the wall time of the floor in a fresh process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--floor", str(spec), str(out)], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--floor", nargs=2, type=Path, help=argparse.SUPPRESS)   # the floor's own process
    args = parser.parse_args()
    if args.floor:
        write_floor(pickle.loads(args.floor[0].read_bytes()), args.floor[1])
        return
    with tempfile.TemporaryDirectory() as tmp:
        out, floor, spec = Path(tmp) / "out", Path(tmp) / "floor", Path(tmp) / "content.pickle"
        floor.mkdir()
        builds = [time_build(out) for _ in range(args.repeat)]
        content = content_of(out)
        spec.write_bytes(pickle.dumps(content))
        floors = [time_floor(spec, floor) for _ in range(args.repeat)]
    build_s, floor_s = min(builds), min(floors)
    slides = sum(map(len, content["decks"]))
    pictures = sum(len(p) for deck in content["decks"] for _, p, _ in deck) + \
        sum(len(p) for doc in content["docs"] for _, _, p in doc)
    print(f"content: {len(content['decks'])} decks, {slides} slides, {len(content['docs'])} documents, "
          f"{pictures} pictures")
    print(f"lessonpack build (all default bands, best of {args.repeat}): {build_s:.2f} s")
    print(f"floor (a fresh process writing the same content with python-pptx/python-docx, best of "
          f"{args.repeat}): {floor_s:.2f} s")
    print(f"ratio: {build_s / floor_s:.2f}x")


if __name__ == "__main__":
    main()
