"""The pupils' poster, large poster and pocket card of every band: the steps in order with their
icons, that it is never their fault, the school's lead and the region's own services, each
printed on one page (A4, A3, Letter, Tabloid). The PDF test needs LibreOffice and poppler; it
fails, never skips, when either is missing."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import TODAY
from helpers import all_doc_text
from test_regions import EXAMPLES, FOREIGN

from generator import BuildOptions, build
from generator.gate.inspect import read_document
from generator.load.yamlsrc import load_yaml
from generator.paths import shipped

SHEETS = ("poster", "poster-large", "pocket-card")


@pytest.fixture(scope="module")
def us_build(tmp_path_factory) -> Path:
    """Return the documents of a build for the US example school (Letter paper, a school counselor)."""
    out = tmp_path_factory.mktemp("us-sheets")
    build(BuildOptions(out=out, config=EXAMPLES / "us-district.yaml", formats=["docx"], today=TODAY))
    return out


def sheets(out: Path) -> list[Path]:
    return [path for band in sorted(p for p in out.iterdir() if p.is_dir()) for path in
            (band / f"{kind}.docx" for kind in SHEETS)]


def steps_of(band: str) -> list[str]:
    frame = load_yaml(shipped("lessons") / "frame.yaml", "frame.yaml")["bands"]
    return [s["step"] for s in frame[band]["what_to_do"]]


def test_every_band_has_a_poster_a_large_poster_and_a_pocket_card_for_pupils(manifest):
    for band in sorted({e["band"] for e in manifest}):
        entries = {e["kind"]: e for e in manifest if e["band"] == band and e["lesson"] is None}
        for kind in SHEETS:
            assert entries[kind]["path"] == f"{band}/{kind}.docx", (band, kind)
            assert (entries[kind]["audience"], entries[kind]["format"]) == ("students", "docx"), (band, kind)


def test_sheets_carry_the_steps_in_order_with_decorative_icons_and_where_to_get_help(built):
    for path in sheets(built):
        facts = read_document(path.read_bytes())
        lists = {}
        for p in facts.paragraphs:
            if p.list_id:
                lists.setdefault(p.list_id, []).append(p.text.strip())
        assert lists and all(items == steps_of(path.parent.name) for items in lists.values()), path
        assert facts.pictures == [] and facts.tables_without_header == [], path    # icons decorative
        text = " ".join(all_doc_text(path).split())
        assert "never your fault" in text and "Where to get help" in text and "call 999" in text, path
        assert "Childline" in text and "Designated Safeguarding Lead" in text, path
    cards = read_document((built / "11-14" / "pocket-card.docx").read_bytes())
    assert sum(p.text == "What to do if it happens" for p in cards.paragraphs) >= 4     # several to a sheet


def test_posters_are_set_large_and_the_pocket_card_no_smaller_than_7pt(built):
    smallest = {"poster": (28, 16), "poster-large": (39, 22), "pocket-card": (9, 7)}     # heading, any text
    for path in sheets(built):
        runs = [(p.style, r.size) for p in read_document(path.read_bytes()).paragraphs for r in p.runs
                if r.text.strip()]
        heading, text = smallest[path.stem]
        assert min(size for style, size in runs if style.lower().startswith("heading")) >= heading, path
        assert min(size for _, size in runs) >= text, path


def test_sheets_name_the_schools_lead_and_where_to_find_them(school_build):
    for kind in SHEETS:
        text = all_doc_text(school_build / "11-14" / f"{kind}.docx")
        assert "Ms Okafor" in text and "Room 12, by the library" in text, kind


def test_a_us_schools_sheets_name_only_us_services_in_us_words(us_build):
    for path in sheets(us_build):
        text = " ".join(all_doc_text(path).split())
        assert "call 911" in text and "Take It Down" in text and "Ms. Alvarez" in text, path
        assert "the counseling office, Room 114" in text, path         # where to find her, in US spelling
        assert "school counselor" in text or path.stem == "pocket-card", path   # the card names, not roles
        found = [pattern for pattern in FOREIGN["UK"] + FOREIGN["AU"] if re.search(pattern, text)]
        assert not found, (path, found)


def test_each_sheet_prints_on_one_page_of_its_paper(built, us_build, tmp_path):
    assert shutil.which("soffice") and shutil.which("pdfinfo"), \
        "needs: apt-get install libreoffice-writer libreoffice-impress poppler-utils"
    papers = {"poster": "(A4)", "poster-large": "(A3)", "pocket-card": "(A4)"}
    us_papers = {"poster": "(letter)", "poster-large": "792 x 1224 pts", "pocket-card": "(letter)"}
    files = {}
    for region, out, paper in (("uk", built, papers), ("us", us_build, us_papers)):
        for path in sheets(out):
            files[shutil.copy(path, tmp_path / f"{region}-{path.parent.name}-{path.name}")] = paper[path.stem]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path / "pdf"), *map(str, files)], check=True, capture_output=True,
                   timeout=600)
    for docx, paper in files.items():
        info = subprocess.run(["pdfinfo", str(tmp_path / "pdf" / (Path(docx).stem + ".pdf"))], check=True,
                              capture_output=True, text=True).stdout
        assert re.search(r"^Pages:\s+1$", info, re.M), f"{Path(docx).name} runs to more than one page"
        assert paper in re.search(r"^Page size:\s+(.*)$", info, re.M).group(1), (Path(docx).name, info)
