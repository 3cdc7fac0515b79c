"""Handouts print on one or two pages: converted with LibreOffice, counted with poppler.

These tests need LibreOffice and poppler-utils (.ci/run installs them); they fail, never skip,
when either is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess

from conftest import lesson_files


def to_pdf(files, folder):
    soffice, pdfinfo = shutil.which("soffice"), shutil.which("pdfinfo")
    assert soffice and pdfinfo, "needs: apt-get install libreoffice-writer libreoffice-impress poppler-utils"
    for n, path in enumerate(files):
        shutil.copy(path, folder / f"{n:02d}-{path.name}")
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), *sorted(map(str, folder.glob("*.docx")))],
                   check=True, capture_output=True, timeout=300)
    return sorted(folder.glob("*.pdf"))


def pages(pdf) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1)), re.search(r"Page size:\s+(.*)", info).group(1)


def test_handouts_print_on_two_a4_pages_and_parent_guides_on_one(built, tmp_path):
    handouts = lesson_files(built, "handout.docx") + lesson_files(built, "handout-simple.docx")
    guides = sorted(built.glob("*/parent-guide.docx"))
    pdfs = to_pdf(handouts + guides, tmp_path)
    assert len(pdfs) == len(handouts) + len(guides)
    for pdf in pdfs:
        count, size = pages(pdf)
        assert count <= (1 if "parent-guide" in pdf.name else 3 if "handout-simple" in pdf.name else 2), pdf.name
        assert size.endswith("(A4)"), (pdf.name, size)
