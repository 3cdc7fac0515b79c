"""Golden text of one lesson's artefacts. Regenerate after an intended change with:

    python tests/golden.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from helpers import deck_text, doc_text  # noqa: E402

from generator import BuildOptions, build  # noqa: E402

FOLDER = Path(__file__).parent / "golden"
LESSON = "11-14/what-it-is-and-warning-signs"
ARTEFACTS = {
    "slides": (f"{LESSON}/slides.pptx", deck_text),
    "handout": (f"{LESSON}/handout.docx", doc_text),
    "teacher-notes": (f"{LESSON}/teacher-notes.docx", doc_text),
    "handout-simple": (f"{LESSON}/handout-simple.docx", doc_text),
    "parent-letter": ("11-14/parent-letter.docx", doc_text),
    "parent-guide": ("11-14/parent-guide.docx", doc_text),
    "dsl-briefing": ("11-14/dsl-briefing.docx", doc_text),
}


def texts(out: Path) -> dict[str, str]:
    """Return the normalised text of each golden artefact in the build at *out*."""
    return {kind: read(out / path) for kind, (path, read) in ARTEFACTS.items()}


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        build(BuildOptions(out=Path(tmp), bands=["11-14"]))
        for kind, text in texts(Path(tmp)).items():
            (FOLDER / f"{kind}.txt").write_text(text)
    print(f"wrote {len(ARTEFACTS)} golden files to {FOLDER}")
