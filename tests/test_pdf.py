"""PDF export, paper sizes and print variants, checked in the PDFs LibreOffice makes.

These tests need LibreOffice and poppler-utils (.ci/run installs them) and pdfua (the test extra);
they fail, never skip, when any is missing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import TODAY
from docx import Document
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextContainer
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pptx import Presentation

from generator import BuildOptions, build
from generator.write.pdf import stable_pdf

VARIANTS = ["standard", "large-print", "dyslexia"]
PDFUA = Path(sys.executable).parent / "pdfua"      # the PDF/UA-1 checker, from the test extra
XMP = {"dc": "http://purl.org/dc/elements/1.1/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
       "pdfuaid": "http://www.aiim.org/pdfua/ns/id/", "xmp": "http://ns.adobe.com/xap/1.0/"}


@pytest.fixture(scope="module")
def pdf_pack(tmp_path_factory):
    """Return the output of an 11-14 build with PDFs of every artefact, in every handout variant."""
    assert shutil.which("soffice") and shutil.which("pdfinfo"), \
        "needs: apt-get install libreoffice-writer libreoffice-impress poppler-utils"
    out = tmp_path_factory.mktemp("pdf")
    build(BuildOptions(out=out, bands=["11-14"], formats=["pdf"], variants=VARIANTS, today=TODAY))
    return out


def info(pdf) -> dict[str, str]:
    text = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return dict(re.findall(r"^([^:]+):\s+(.*)$", text, re.M))


def text_of(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def catalog(pdf) -> tuple[str, ElementTree.Element, str]:
    """Return *pdf*'s language, XMP metadata and Info creation date (as XMP writes a date)."""
    with open(pdf, "rb") as f:
        document = PDFDocument(PDFParser(f))
        created = dt.datetime.strptime(document.info[0]["CreationDate"].decode()[2:16], "%Y%m%d%H%M%S")
        return (resolve1(document.catalog["Lang"]).decode(),
                ElementTree.fromstring(resolve1(document.catalog["Metadata"]).get_data()),
                created.strftime("%Y-%m-%dT%H:%M:%SZ"))


def core_title(pdf) -> str:
    """Return the title in the core properties of the PPTX or DOCX *pdf* was made from."""
    if pdf.with_suffix(".pptx").exists():
        return Presentation(str(pdf.with_suffix(".pptx"))).core_properties.title
    return Document(str(pdf.with_suffix(".docx"))).core_properties.title


def char_sizes(pdf) -> Counter:
    """Return how many characters are set at each font size (rounded to the point)."""
    sizes = Counter()
    for page in extract_pages(str(pdf)):
        for box in page:
            if isinstance(box, LTTextContainer):
                for line in box:
                    for char in getattr(line, "__iter__", lambda: iter(()))():
                        if isinstance(char, LTChar) and char.get_text().strip():
                            sizes[round(char.size)] += 1
    return sizes


def test_every_office_file_has_a_pdf_in_the_manifest(pdf_pack):
    entries = json.loads((pdf_pack / "manifest.json").read_text())["artefacts"]
    office = {e["path"].rsplit(".", 1)[0] for e in entries if e["format"] in ("pptx", "docx")}
    pdfs = {e["path"].rsplit(".", 1)[0]: e for e in entries if e["format"] == "pdf"}
    assert set(pdfs) == office
    for entry in pdfs.values():
        assert (pdf_pack / entry["path"]).read_bytes().startswith(b"%PDF")
        assert len(entry["sha256"]) == 64


def test_page_counts_and_a4_paper(pdf_pack):
    for pdf in sorted(pdf_pack.rglob("*.pdf")):
        details = info(pdf)
        pages = int(details["Pages"])
        if pdf.name == "slides.pdf":
            assert details["Page size"] == "960.009 x 540 pts", pdf      # 16:9
        else:
            assert details["Page size"].endswith("(A3)" if pdf.name == "poster-large.pdf" else "(A4)"), pdf
        if pdf.name == "handout.pdf":
            assert pages <= 2, pdf          # one sheet, both sides
        if pdf.name == "handout-simple.pdf":
            assert pages <= 3, pdf          # larger text, the same stories
        if pdf.name == "parent-guide.pdf":
            assert pages == 1, pdf
        if pdf.name == "slides.pdf":
            assert pages == len(Presentation(str(pdf.with_suffix(".pptx"))).slides), pdf


def test_pdfs_carry_the_text(pdf_pack):
    lesson = pdf_pack / "11-14" / "what-it-is-and-warning-signs"
    handout = text_of(lesson / "handout.pdf")
    assert "Where to get help" in handout and "call 999" in handout and "Story: " in handout
    deck = text_of(lesson / "slides.pdf")
    titles = [s.shapes.title.text_frame.text for s in Presentation(str(lesson / "slides.pptx")).slides]
    assert all(title.split(" (")[0][:30] in " ".join(deck.split()) for title in titles)


def test_font_sizes_follow_the_variant(pdf_pack):
    lesson = pdf_pack / "11-14" / "what-it-is-and-warning-signs"
    standard, large, dyslexia = (char_sizes(lesson / f"handout{s}.pdf") for s in ("", "-large-print", "-dyslexia"))
    assert min(standard) >= 12 and standard.most_common(1)[0][0] == 12
    assert min(large) >= 16 and large.most_common(1)[0][0] == 18
    assert min(dyslexia) >= 12 and dyslexia.most_common(1)[0][0] == 13
    pages = [int(info(lesson / f"handout{s}.pdf")["Pages"]) for s in ("", "-large-print")]
    assert pages[1] > pages[0], "large print is set larger, never scaled down to the same pages"


def test_every_pdf_passes_the_pdf_ua_checks(pdf_pack):
    assert PDFUA.is_file(), f"needs pdfua next to {sys.executable}: pip install '.[test]'"
    pdfs = sorted(pdf_pack.rglob("*.pdf"))
    output = subprocess.run([str(PDFUA), "check", "--format", "json", *map(str, pdfs)],
                            capture_output=True, text=True).stdout
    reports = [json.loads(part) for part in re.split(r"(?m)^(?=\{$)", output) if part.strip()]   # one a file
    assert [Path(r["file"]) for r in reports] == pdfs
    errors = [f"{Path(r['file']).relative_to(pdf_pack)} page {f['page']}: {f['rule_id']} {f['message']}"
              for r in reports for f in r["findings"] if f["severity"] == "error"]
    assert not errors, "\n".join(errors)


def test_pdfs_claim_pdf_ua_with_their_title_language_and_build_date(pdf_pack):
    for pdf in sorted(pdf_pack.rglob("*.pdf")):
        language, xmp, created = catalog(pdf)
        assert language == "en-GB", pdf          # a UK pack; LibreOffice alone gives a deck en-US
        assert xmp.findtext(".//pdfuaid:part", namespaces=XMP) == "1", pdf
        title = xmp.findtext(".//dc:title/rdf:Alt/rdf:li", namespaces=XMP)
        assert title == core_title(pdf) == info(pdf)["Title"], pdf
        dates = [e.text for name in ("CreateDate", "ModifyDate", "MetadataDate")
                 for e in xmp.iterfind(f".//xmp:{name}", XMP)]
        assert dates and set(dates) == {created}, pdf


def test_stable_pdf_fixes_the_xmp_and_empty_figures_in_place():
    xmp = (b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>'
           b'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Handout: &amp;quot;One more image&amp;quot;</rdf:li>'
           b'</rdf:Alt></dc:title><dc:creator><rdf:Seq><rdf:li>St Mary&amp;apos;s &amp;amp; St John&amp;apos;s'
           b'</rdf:li></rdf:Seq></dc:creator><xmp:CreateDate>2031-05-06T07:08:09+01:00</xmp:CreateDate>'
           b'</rdf:RDF></x:xmpmeta>' + b" " * 100 + b'\n<?xpacket end="w"?>')
    data = (b"1 0 obj\n<</Type/Catalog/Pages 2 0 R\n/Lang(en-US)\n/Metadata 3 0 R>>\nendobj\n3 0 obj\n" + xmp +
            b"\nendobj\n4 0 obj\n<</Title<FEFF>/CreationDate(D:20310506070809+01'00')>>\nendobj\n"
            b"5 0 obj\n<</Type/StructElem\n/S/Figure\n/P 6 0 R\n>>\nendobj\n"          # a decorative picture's
            b"7 0 obj\n<</Type/StructElem\n/S/Figure\n/Alt(A logo)\n/K[0 ]\n>>\nendobj\n"
            b"trailer\n<</ID [ <0123456789ABCDEF0123456789ABCDEF>\n<0123456789ABCDEF0123456789ABCDEF> ]>>")
    core = {"title": 'Handout: "One more image"', "creator": "St Mary's & St John's", "language": "en-GB"}
    stable = stable_pdf(data, dt.datetime(2026, 12, 2), core)
    offsets = [[m.start() for m in re.finditer(rb"\d+ 0 obj", pdf)] for pdf in (data, stable)]
    assert len(stable) == len(data) and offsets[0] == offsets[1]
    assert b"/Lang(en-GB)" in stable and b"/CreationDate(D:20261202000000Z'" in stable
    assert b'"x-default">Handout: "One more image"</rdf:li>' in stable
    assert b"<rdf:li>St Mary's &amp; St John's</rdf:li>" in stable
    assert b"<xmp:CreateDate>2026-12-02T00:00:00Z</xmp:CreateDate>" in stable
    assert b"5 0 obj\n<</Type/StructElem\n/S/Div   \n" in stable and b"/S/Figure\n/Alt(A logo)" in stable
    assert stable_pdf(data.replace(b"07:08:09", b"10:11:12"), dt.datetime(2026, 12, 2), core) == stable


def test_letter_paper_and_byte_identical_pdfs(tmp_path):
    options = dict(bands=["9-11"], lessons=["online-friends-and-tricky-requests"], formats=["pdf"], paper="letter",
                   today=TODAY)
    build(BuildOptions(out=tmp_path / "a", **options))
    build(BuildOptions(out=tmp_path / "b", **options))
    first = sorted((tmp_path / "a").rglob("*.pdf"))
    assert first and all(info(pdf)["Page size"].endswith("(letter)") for pdf in first
                     if pdf.name not in ("slides.pdf", "poster-large.pdf"))
    for pdf in first:
        assert pdf.read_bytes() == (tmp_path / "b" / pdf.relative_to(tmp_path / "a")).read_bytes(), pdf


def test_without_libreoffice_the_office_files_are_still_written(cli, monkeypatch, tmp_path):
    python_only = tmp_path / "bin"
    python_only.mkdir()
    monkeypatch.setenv("PATH", str(python_only))
    result = cli("build", "--band", "9-11", "--format", "pdf")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "PDF needs LibreOffice, which is not installed; install it with: apt-get install libreoffice-impress "
        "libreoffice-writer; the PPTX and DOCX files were written to output"]
    files = {p.suffix for p in (tmp_path / "output").rglob("*.*")}
    assert files == {".pptx", ".docx", ".json"}
    assert cli("build", "--band", "9-11").exit_code == 0


@pytest.mark.parametrize("config", ["uk-school", "us-district", "au-school"])
def test_parent_letters_and_guides_fit_one_page_on_a4_and_letter(tmp_path, config):
    assert shutil.which("soffice") and shutil.which("pdfinfo"), \
        "needs: apt-get install libreoffice-writer libreoffice-impress poppler-utils"
    examples = Path(__file__).parent.parent / "examples"
    letters = []
    for paper in ("a4", "letter"):
        out = tmp_path / paper
        build(BuildOptions(out=out, config=examples / f"{config}.yaml", formats=["docx"], paper=paper, today=TODAY))
        letters += [shutil.copy(p, tmp_path / f"{p.parent.name}-{p.stem}-{paper}.docx")
                    for p in sorted(out.glob("*/parent-*.docx"))]
    assert len(letters) >= 8
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path / "pdf"), *map(str, letters)], check=True, capture_output=True,
                   timeout=600)
    for letter in letters:
        pdf = tmp_path / "pdf" / (Path(letter).stem + ".pdf")
        assert info(pdf)["Pages"] == "1", f"{Path(letter).name} runs to {info(pdf)['Pages']} pages"
