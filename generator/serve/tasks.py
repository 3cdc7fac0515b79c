"""What a web worker process does for a request: build a pack into a zip, or preview its first
slides and handout page as pictures. Each runs inside the request's own folder."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import pipeline
from ..write.pdf import PdfUnavailable, soffice, to_pdf
from ..write.stamp import zip_folder

CONFIG = "my-school.yaml"
PREVIEW_SLIDES = 3
PREVIEW_WIDTH = 480           # pixels across a preview picture


@dataclass(frozen=True)
class Task:
    """A request's work: its folder (holding my-school.yaml and any logo) and what to build."""

    kind: str                 # "build" or "preview"
    folder: Path
    bands: list[str] = field(default_factory=list)
    lessons: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=lambda: ["pptx", "docx"])
    variants: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Picture:
    """A preview picture: what it shows (its alt text) and its PNG or JPEG bytes."""

    alt: str
    data: bytes
    kind: str = "png"


def options(task: Task, progress=None) -> pipeline.BuildOptions:
    """Return the build options of *task*: rendered in this one process, the server's pool
    giving each request its own core."""
    return pipeline.BuildOptions(bands=task.bands, lessons=task.lessons, config=task.folder / CONFIG,
                                 out=task.folder / "pack", formats=task.formats, variants=task.variants,
                                 workers=1, progress=progress)


def build(task: Task, progress) -> bytes:
    """Build the pack *task* asks for; return it as a zip, laid out as `lessonpack build` writes it."""
    pipeline.build(options(task, progress))
    return zip_folder(task.folder / "pack")


def preview(task: Task) -> tuple[list[Picture], str]:
    """Return pictures of the first slides and the handout's first page of the first lesson of
    the first band asked for, and a note on how they were made. Only that lesson's files are
    rendered and gated, not its band's letters, briefing and posters."""
    asked = options(task)
    loaded = pipeline.load(asked)
    band = pipeline.bands_asked(loaded.curriculum, loaded.school, asked)[0]
    one = replace(asked, bands=[band], formats=["pptx", "docx"], variants=["standard"], band_files=False)
    planned = pipeline.plan(loaded, one)
    planned = replace(planned, packs=[replace(planned.packs[0], lessons=planned.packs[0].lessons[:1])])
    artefacts, checks = pipeline.render(loaded, planned, one)
    pipeline.gate(loaded, planned, artefacts, checks, one)
    shown = [a for a in artefacts if a.lesson and (a.kind == "slides" or (a.kind == "handout" and a.variant == "standard"))]
    try:
        soffice()
        pdftoppm = shutil.which("pdftoppm") or ""
    except PdfUnavailable:
        pdftoppm = ""
    if not pdftoppm:
        return [Picture(f"The cover of the {a.kind}", _thumbnail(a.data), "jpeg") for a in shown], \
            "LibreOffice is not installed here, so these are the files' own small pictures, not their pages."
    pictures = []
    for pdf in to_pdf(shown, pipeline.build_time_of(loaded)):
        pages = PREVIEW_SLIDES if pdf.kind == "slides" else 1
        for n, data in enumerate(_pages(pdftoppm, pdf.data, pages, task.folder / pdf.kind), start=1):
            what = f"Slide {n} of the first lesson" if pdf.kind == "slides" else "The first page of its handout"
            pictures.append(Picture(what, data))
    return pictures, f"{planned.packs[0].band.label}, lesson 1, as LibreOffice shows it."


def _thumbnail(office_file: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(office_file)) as package:
        return package.read("docProps/thumbnail.jpeg")


def _pages(pdftoppm: str, pdf: bytes, count: int, work: Path) -> list[bytes]:
    """Return the first *count* pages of *pdf* as PNG bytes, drawn by poppler's pdftoppm in *work*."""
    work.mkdir()
    (work / "in.pdf").write_bytes(pdf)
    subprocess.run([pdftoppm, "-png", "-f", "1", "-l", str(count), "-scale-to-x", str(PREVIEW_WIDTH), "-scale-to-y",
                    "-1", str(work / "in.pdf"), str(work / "page")], check=True, capture_output=True, timeout=60)
    return [p.read_bytes() for p in sorted(work.glob("page-*.png"))]
