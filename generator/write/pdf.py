"""Convert built PPTX and DOCX to PDF with LibreOffice: every file of a build in one process.

LibreOffice's start-up is the cost, so one `soffice --convert-to pdf` call takes all the files;
a private user profile per run keeps two builds at once from colliding. The PDFs are tagged and
claim PDF/UA-1, and carry each document's own language, title and author. They are made
byte-identical across builds by fixing their dates and deriving their IDs from their content.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from ..errors import LessonpackError
from ..render.artefacts import Artefact

INSTALL_HINT = "apt-get install libreoffice-impress libreoffice-writer"
TIMEOUT_SECONDS = 600
FILTER = ('pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
          '"PDFUACompliance":{"type":"boolean","value":"true"}}')   # tagged PDF/UA-1, for screen readers
_DATE = re.compile(rb"/(CreationDate|ModDate)\((D:[^)]*)\)")
_IDS = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>\s*\])|(/DocChecksum\s*/)([0-9A-Fa-f]+)")
_XMP = re.compile(rb"<x:xmpmeta\b.*?</x:xmpmeta>\s*(?=<\?xpacket end=)", re.S)   # with its padding
_XMP_DATE = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)")
_LANG = re.compile(rb"(/Type\s*/Catalog\b(?:(?!endobj).)*?/Lang\s*)(\([^)]*\))", re.S)   # the catalog's
_HOLLOW_FIGURE = re.compile(rb"/S\s*/Figure\b(?=(?:(?!/Alt\b|/ActualText\b|endobj).)*endobj)", re.S)
_DC = "{http://purl.org/dc/elements/1.1/}"


class PdfUnavailable(LessonpackError):
    """Raised when LibreOffice is not installed, so no PDF can be made."""


class PdfFailed(LessonpackError):
    """Raised when LibreOffice fails, times out or does not produce a PDF."""


def soffice() -> str:
    """Return the LibreOffice command, or raise PdfUnavailable with how to install it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise PdfUnavailable(f"PDF needs LibreOffice, which is not installed; install it with: {INSTALL_HINT}")
    return found


def to_pdf(artefacts: list[Artefact], when: dt.datetime, timeout: int = TIMEOUT_SECONDS) -> list[Artefact]:
    """Return a PDF artefact for each PPTX or DOCX artefact, converted in one LibreOffice run."""
    sources = [a for a in artefacts if a.format in ("pptx", "docx")]
    if not sources:
        return []
    command = soffice()
    with tempfile.TemporaryDirectory(prefix="lessonpack-pdf-") as tmp:
        folder = Path(tmp)
        names = [f"{n:04d}.{a.format}" for n, a in enumerate(sources)]
        for name, artefact in zip(names, sources):
            (folder / name).write_bytes(artefact.data)
        try:
            subprocess.run([command, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                            "--norestore", "--convert-to", FILTER, "--outdir", str(folder / "pdf"),
                            *[str(folder / name) for name in names]],
                           check=True, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired as e:
            raise PdfFailed(f"LibreOffice took longer than {timeout}s to make the PDFs; nothing was written") from e
        except subprocess.CalledProcessError as e:
            raise PdfFailed(f"LibreOffice failed to make the PDFs ({e.stderr.decode(errors='replace').strip()[:200]})") from e
        out = []
        for name, artefact in zip(names, sources):
            pdf = folder / "pdf" / (Path(name).stem + ".pdf")
            if not pdf.is_file():
                raise PdfFailed(f"LibreOffice made no PDF of {artefact.path}; nothing was written")
            out.append(replace(artefact, path=str(Path(artefact.path).with_suffix(".pdf")), format="pdf",
                               data=stable_pdf(pdf.read_bytes(), when, core_properties(artefact.data)), facts=None))
        return out


def core_properties(data: bytes) -> dict[str, str]:
    """Return the title, creator and language in an office file's docProps/core.xml."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        core = ElementTree.fromstring(package.read("docProps/core.xml"))
    return {name: core.findtext(_DC + name, "") for name in ("title", "creator", "language")}


def stable_pdf(data: bytes, when: dt.datetime, core: dict[str, str]) -> bytes:
    """Return *data* with fixed dates, the language and XMP title and author of *core* (the document's
    core properties), and IDs derived from the content, each field keeping its length."""
    stamp = when.strftime("D:%Y%m%d%H%M%SZ'").encode()
    data = _DATE.sub(lambda m: b"/" + m.group(1) + b"(" + (stamp + b" " * 64)[:len(m.group(2))] + b")", data)
    data = _stable_xmp(data, when, core)
    # LibreOffice gives a deck its own default language (en-US), whatever the language of the deck's text
    data = _LANG.sub(lambda m: m.group(1) + _fit(f"({core['language']})".encode(), m.group(2)), data, count=1)
    # LibreOffice 7.4 ignores the decorative mark: it tags a decorative shape or picture as a Figure
    # with no alt text (Writer's, empty; Impress's, with the drawing). The gate has made sure every
    # other picture has alt text, so each such Figure is decoration: it becomes a Div.
    data = _HOLLOW_FIGURE.sub(lambda m: _fit(b"/S/Div", m.group(0)), data)
    digest = hashlib.md5(_IDS.sub(lambda m: re.sub(rb"[0-9A-Fa-f]", b"0", m.group(0)), data)).hexdigest()
    fill = (digest.upper() * 4).encode()

    def derived(match: re.Match) -> bytes:
        if match.group(1):
            return re.sub(rb"<[0-9A-Fa-f]+>", lambda h: b"<" + fill[:len(h.group(0)) - 2] + b">", match.group(0))
        return match.group(6) + fill[:len(match.group(7))]

    return _IDS.sub(derived, data)


def _stable_xmp(data: bytes, when: dt.datetime, core: dict[str, str]) -> bytes:
    """Return *data* with its XMP packet's dates fixed and its title and author from *core*, escaped
    once (LibreOffice escapes them twice), within the packet's padding."""
    match = _XMP.search(data)
    if not match:
        raise PdfFailed("LibreOffice wrote no uncompressed XMP metadata, so the PDF cannot be made reproducible")
    xmp = _XMP_DATE.sub(when.strftime("%Y-%m-%dT%H:%M:%SZ").encode(), match.group(0).rstrip())
    for name in ("title", "creator"):
        text = escape(core[name]).encode()
        xmp = re.sub(rb"(<dc:%b>\s*<rdf:\w+>\s*<rdf:li[^>]*>)[^<]*" % name.encode(), lambda m: m.group(1) + text, xmp)
    return data[:match.start()] + _fit(xmp + b"\n", match.group(0)) + data[match.end():]


def _fit(new: bytes, old: bytes) -> bytes:
    """Return *new* padded with spaces to the length of *old*, which it replaces in place."""
    if len(new) > len(old):
        raise PdfFailed(f"{new[:40]!r} does not fit in the PDF in place of {old[:40]!r}")
    return new.ljust(len(old))
