"""Handouts, teacher notes and parent letters, read as their readers would."""

from __future__ import annotations

import re

from conftest import lesson_files
from docx import Document
from docx.oxml.ns import qn
from helpers import all_doc_text

KEY_PHRASES = ["What to do if it happens", "Where to get help"]


def language(doc) -> str:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    return defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val"))


def test_handouts_have_the_sections_a_pupil_needs(built):
    for path in lesson_files(built, "handout.docx"):
        doc = Document(str(path))
        headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
        for phrase in KEY_PHRASES:
            assert phrase in headings, (path, phrase)
        assert any(h.startswith("Story: ") for h in headings), path      # the story pairs work from
        assert doc.paragraphs[0].style.name == "Heading 1"


def test_documents_declare_language_and_paper(built):
    for path in sorted(built.glob("**/*.docx")):
        doc = Document(str(path))
        assert language(doc) == "en-GB", path
        assert doc.core_properties.language == "en-GB"
        section = doc.sections[0]
        paper = (297, 420) if path.name == "poster-large.docx" else (210, 297)      # A3, else A4
        assert (round(section.page_width.mm), round(section.page_height.mm)) == paper, path


def test_handout_text_is_at_least_12pt(built):
    for path in lesson_files(built, "handout.docx"):
        doc = Document(str(path))
        assert doc.styles["Normal"].font.size.pt >= 12
        for paragraph in doc.paragraphs:
            for run in paragraph.runs:
                assert run.font.size is None or run.font.size.pt >= 12, (path, run.text)


def test_tables_have_a_repeating_header_row(built):
    for path in sorted(built.glob("**/*.docx")):
        for table in Document(str(path)).tables:
            assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None, path


def test_help_services_fit_the_band(built):
    for band in ("9-11", "11-14", "14-16"):
        for path in sorted((built / band).glob("*/handout.docx")):
            text = all_doc_text(path)
            assert "Report Remove" in text and "call 999" in text
            assert "Revenge Porn Helpline" not in text and "StopNCII" not in text
    text = all_doc_text(next((built / "16-18").glob("*/handout.docx")))
    assert "Revenge Porn Helpline" in text and "when you are 18" in text
    assert "Samaritans" not in all_doc_text(next((built / "9-11").glob("*/handout.docx")))


def test_the_word_sextortion_never_appears_below_14(built):
    for band in ("9-11", "11-14"):
        for path in sorted((built / band).glob("**/*.docx")):
            if path.name not in ("teacher-notes.docx", "dsl-briefing.docx"):      # staff may name it
                assert "sextortion" not in all_doc_text(path).lower(), path


def test_staff_notes_stay_out_of_pupil_and_parent_documents(built):
    from test_slides import staff_sentences

    staff, essentials = staff_sentences(), staff_sentences("essentials")
    for path in sorted(built.glob("**/*.docx")):
        text = " ".join(all_doc_text(path).split())
        leaked = [s for s in staff + essentials if " ".join(s.split()) in text]
        if path.name == "dsl-briefing.docx":          # the full staff module
            assert [s for s in staff if " ".join(s.split()) in text], path
        elif path.name == "teacher-notes.docx":       # its essentials, on a page of their own
            assert [s for s in essentials if " ".join(s.split()) in text], path
        else:
            assert not leaked, path


def test_teacher_notes_have_a_script_for_every_slide(built):
    from pptx import Presentation

    for path in lesson_files(built, "teacher-notes.docx"):
        doc = Document(str(path))
        scripts = [p.text for p in doc.paragraphs if p.text.startswith("Slide ") and p.style.name == "Heading 3"]
        slides = Presentation(str(path.with_name("slides.pptx"))).slides
        assert len(scripts) == len(slides), path
        text = all_doc_text(path)
        for needed in ("Before the lesson: checklist", "Lesson plan", "Answer key", "Safeguarding essentials",
                       "suicide", "Tell the DSL that you are teaching this lesson, and when"):
            assert needed in text, (path, needed)


def test_lesson_plan_adds_up(built):
    for path in lesson_files(built, "teacher-notes.docx"):
        table = next(t for t in Document(str(path)).tables if t.rows[0].cells[0].text == "Part")
        minutes = [int(r.cells[-1].text) for r in table.rows[1:-1]]
        total = int(table.rows[-1].cells[-1].text)
        assert sum(minutes) == total == 60, path


def test_parent_letter_explains_the_lessons_and_points_to_the_guide_for_help(built):
    for band in ("9-11", "11-14", "14-16", "16-18"):
        letter = all_doc_text(built / band / "parent-letter.docx")
        assert "Dear parent or carer," in letter and "Yours sincerely," in letter
        assert "Lesson 1:" in letter and "How you can help" in letter and "If it happens" in letter
        assert "guide that comes with this letter lists where to get help" in letter
        assert "see the slides and handouts" in letter       # an invitation to see the materials
        guide = all_doc_text(built / band / "parent-guide.docx")
        assert "NSPCC Helpline" in guide and "call 999" in guide


def test_us_config_gives_letter_paper_and_us_services(tmp_path):
    from generator import BuildOptions, build

    (tmp_path / "us.yaml").write_text("school: Lincoln Middle School\nregion: US\n")
    build(BuildOptions(out=tmp_path / "out", config=tmp_path / "us.yaml", bands=["11-14"]))
    path = next((tmp_path / "out" / "11-14").glob("*/handout.docx"))
    doc = Document(str(path))
    assert (round(doc.sections[0].page_width.mm), round(doc.sections[0].page_height.mm)) == (216, 279)
    assert language(doc) == "en-US"
    text = all_doc_text(path)
    assert "call 911" in text and "Take It Down" in text and "Childline" not in text


def test_9_11_handouts_describe_help_in_childrens_words(built):
    for path in sorted((built / "9-11").glob("*/handout*.docx")):
        text = all_doc_text(path).lower()
        assert not [w for w in ("sexual", "grooming", "exploitation", "intimate") if w in text], path


def word_lists(path) -> dict[str, list[str]]:
    """Return the items of each Word-numbered list of a document, by its numbering instance, in order."""
    lists = {}
    for p in Document(str(path)).element.body.iter(qn("w:p")):
        num_id = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is not None:
            lists.setdefault(num_id.get(qn("w:val")), []).append("".join(t.text for t in p.iter(qn("w:t"))).strip())
    return lists


def numbering_of(path, num_id: str) -> tuple[str, str, str]:
    """Return (start, format, text) of a list: where its numbers start, and how they are written."""
    numbering = Document(str(path)).part.numbering_part.element
    num = numbering.num_having_numId(int(num_id))
    start = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}").get(qn("w:val"))
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.iterfind(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    level = abstract.find(qn("w:lvl"))
    return start, level.find(qn("w:numFmt")).get(qn("w:val")), level.find(qn("w:lvlText")).get(qn("w:val"))


def test_ordered_lists_are_word_numbering_and_each_list_starts_at_its_own_number(tmp_path):
    from generator import BuildOptions, build
    from generator.paths import shipped

    folder = tmp_path / "text"
    folder.mkdir()
    guide = (shipped("templates") / "text" / "parent-guide.md.j2").read_text()
    (folder / "parent-guide.md.j2").write_text(guide + "\n## Before the lessons\n\n3. Read the letter.\n4. Talk at home.\n")
    (tmp_path / "school.yaml").write_text("templates:\n  text: text\n")
    build(BuildOptions(out=tmp_path / "out", config=tmp_path / "school.yaml", bands=["11-14"], formats=["docx"],
                       lessons=["what-it-is-and-warning-signs"]))
    path = tmp_path / "out" / "11-14" / "parent-guide.docx"
    lists = list(word_lists(path).items())
    assert [items for _, items in lists][1:] == [["Read the letter.", "Talk at home."]]
    assert len(lists[0][1]) == 6 and lists[0][1][0].startswith("Stay calm.")      # If it happens
    assert [numbering_of(path, num_id) for num_id, _ in lists] == [("1", "decimal", "%1."), ("3", "decimal", "%1.")]
    assert not [p.text for p in Document(str(path)).paragraphs if p.text[:1].isdigit()]     # no typed numbers
    bullets = next(p for p in Document(str(path)).paragraphs if p.style.name == "List Bullet")
    assert bullets.style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None       # bullets: Word's too


def test_handouts_show_the_steps_as_cards_in_the_bands_order_with_decorative_icons(built):
    from generator.gate.inspect import read_document
    from generator.load.yamlsrc import load_yaml
    from generator.paths import shipped

    frame = load_yaml(shipped("lessons") / "frame.yaml", "frame.yaml")["bands"]
    for path in lesson_files(built, "handout.docx") + lesson_files(built, "handout-simple.docx"):
        steps = [f"{s['step']}." for s in frame[path.parent.parent.name]["what_to_do"]]
        facts = read_document(path.read_bytes())
        cards = [[p.text.strip() for p in facts.paragraphs if p.list_id == num_id] for num_id in word_lists(path)]
        assert cards == [steps], path                          # one Word list, in the band's order
        assert all(p.in_table for p in facts.paragraphs if p.list_id), path
        xml = Document(str(path)).element.xml
        icons = re.findall(r"<wp:docPr [^>]*>.*?</wp:docPr>", xml, re.S)
        assert len(icons) == len(steps) and all('descr=""' in i and 'adec:decorative' in i and 'val="1"' in i
                                                for i in icons), path
        assert facts.pictures == [], path                       # the gate reads decorative icons as such
