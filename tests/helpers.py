"""Read generated files the way a teacher would see them: titles, text, notes, styles."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from pptx import Presentation
from pptx.util import Emu

from generator.errors import ContentError


def slide_title(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def shapes_of(slide):
    """Yield every shape on *slide*, the shapes inside groups (a chat, the steps) included."""
    def walk(shapes):
        for shape in shapes:
            yield shape
            if shape.shape_type == 6:       # a group
                yield from walk(shape.shapes)
    yield from walk(slide.shapes)


def slide_text(slide) -> str:
    """Return all text on *slide* (title, body, bubbles, footer), one shape per line."""
    return "\n".join(s.text_frame.text for s in shapes_of(slide) if s.has_text_frame)


def notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text


def deck_text(path: Path) -> str:
    """Return the text of every slide and its notes, in order, as a golden-file body."""
    prs = Presentation(str(path))
    out = []
    for n, slide in enumerate(prs.slides, start=1):
        out.append(f"=== slide {n}: {slide_title(slide)}")
        out += [s.text_frame.text for s in shapes_of(slide) if s.has_text_frame and s != slide.shapes.title]
        out.append(f"--- notes: {notes(slide)}")
    return "\n".join(out) + "\n"


def doc_text(path: Path) -> str:
    """Return paragraphs (with their style) and table rows of a DOCX, in document order."""
    doc = Document(str(path))
    out = []
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[1]
        if tag == "p":
            paragraph = next(p for p in doc.paragraphs if p._p is child)
            if paragraph.text.strip():
                out.append(f"[{paragraph.style.name}] {paragraph.text}")
        elif tag == "tbl":
            table = next(t for t in doc.tables if t._tbl is child)
            out += ["| " + " | ".join(c.text for c in row.cells) + " |" for row in table.rows]
    return "\n".join(out) + "\n"


def all_doc_text(path: Path) -> str:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def runs_of(slide):
    for shape in shapes_of(slide):
        if shape.has_text_frame:
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    yield shape, run


def bottom_in(shape) -> float:
    return Emu(shape.top + shape.height).inches


def messages(error: ContentError) -> list[str]:
    return [str(p) for p in error.problems]
