"""Render the README's sample pictures: docs/slides.png (slides of each kind from a 9-11 and a
16-18 deck, side by side) and docs/handout.png (a 9-11 handout's first page), as the UK example
school gets them. Needs LibreOffice and poppler.

    python scripts/make_samples.py
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from PIL import Image
from pptx import Presentation

from generator import BuildOptions, build

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = {     # band -> the slide roles to show, from its first lesson's deck
    "9-11": ["title", "chat", "advise", "steps"],
    "16-18": ["story", "myth", "quiz_answers", "help"],
}


def main() -> None:
    docs = ROOT / "docs"
    docs.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build(BuildOptions(out=out, config=ROOT / "examples" / "uk-school.yaml", bands=list(SAMPLES),
                           formats=["pptx", "docx"], force=True))
        decks = {band: sorted((out / band).glob("*/slides.pptx"))[0] for band in SAMPLES}
        handout = sorted((out / "9-11").glob("*/handout.docx"))[0]
        pdfs = _to_pdf(list(decks.values()) + [handout], Path(tmp))
        pictures = []
        for band, deck in decks.items():
            roles = [slide._element.cSld.get("name", "").split()[0] for slide in Presentation(str(deck)).slides]
            for role in SAMPLES[band]:
                pictures.append(_page_png(pdfs[deck], roles.index(role) + 1, Path(tmp) / f"{band}-{role}.png", 48))
        _sheet(pictures, len(SAMPLES["9-11"])).save(docs / "slides.png", optimize=True)
        Image.open(_page_png(pdfs[handout], 1, Path(tmp) / "handout.png", 50)).save(docs / "handout.png", optimize=True)


def _to_pdf(files: list[Path], tmp: Path) -> dict[Path, Path]:
    names = {f: tmp / f"{n}{f.suffix}" for n, f in enumerate(files)}
    for source, copy in names.items():
        copy.write_bytes(source.read_bytes())
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp), *map(str, names.values())],
                   check=True, capture_output=True, timeout=600)
    return {source: copy.with_suffix(".pdf") for source, copy in names.items()}


def _page_png(pdf: Path, page: int, target: Path, dpi: int) -> Path:
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(target.with_suffix(""))], check=True)
    return target


def _sheet(pictures: list[Path], columns: int, gap: int = 8) -> Image.Image:
    """Return *pictures* (all one size) in a grid, *columns* wide."""
    images = [Image.open(p) for p in pictures]
    width, height = images[0].size
    rows = -(-len(images) // columns)
    sheet = Image.new("RGB", (columns * width + (columns - 1) * gap, rows * height + (rows - 1) * gap), "white")
    for n, image in enumerate(images):
        sheet.paste(image, ((n % columns) * (width + gap), (n // columns) * (height + gap)))
    return sheet


if __name__ == "__main__":
    main()
