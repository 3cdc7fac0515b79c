"""Convert built PPTX and DOCX to PDF with LibreOffice: every file of a build in one process.

LibreOffice's start-up is the cost, so one `soffice --convert-to pdf` call takes all the files;
a private user profile per run keeps two builds at once from colliding. PDFs are made
byte-identical across builds by fixing their dates and deriving their IDs from their content.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from .artefacts import Artefact
from .errors import LessonpackError

INSTALL_HINT = "apt-get install libreoffice-impress libreoffice-writer"
TIMEOUT_SECONDS = 600
FILTER = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'   # tagged, for screen readers
_DATE = re.compile(rb"/(CreationDate|ModDate)\((D:[^)]*)\)")
_IDS = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>\s*\])|(/DocChecksum\s*/)([0-9A-Fa-f]+)")


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
                               data=stable_pdf(pdf.read_bytes(), when), facts=None))
        return out


def stable_pdf(data: bytes, when: dt.datetime) -> bytes:
    """Return *data* with fixed dates, and IDs derived from the content, each field keeping its length."""
    stamp = when.strftime("D:%Y%m%d%H%M%SZ'").encode()
    data = _DATE.sub(lambda m: b"/" + m.group(1) + b"(" + (stamp + b" " * 64)[:len(m.group(2))] + b")", data)
    digest = hashlib.md5(_IDS.sub(lambda m: re.sub(rb"[0-9A-Fa-f]", b"0", m.group(0)), data)).hexdigest()
    fill = (digest.upper() * 4).encode()

    def derived(match: re.Match) -> bytes:
        if match.group(1):
            return re.sub(rb"<[0-9A-Fa-f]+>", lambda h: b"<" + fill[:len(h.group(0)) - 2] + b">", match.group(0))
        return match.group(6) + fill[:len(match.group(7))]

    return _IDS.sub(derived, data)
