"""The lesson as taught: story before answers, myths before facts, honest pacing, a plan that
matches the deck, any lesson length, one order of the steps and every activity on paper."""

from __future__ import annotations

import re

import pytest
from conftest import TODAY, lesson_files
from docx import Document
from helpers import all_doc_text, notes, slide_title
from pptx import Presentation

from generator import BuildOptions, build
from generator.errors import ContentError
from generator.gate.inspect import read_deck, read_document
from generator.gate.readability import grade
from generator.gate.teaching import on_paper, step_order, taught_order
from generator.gate.units import pupil_prose

RANGE = re.compile(r"^slides? (\d+)(?:-(\d+))?$")


def roles(path):
    """Return (role, segment, title) of every slide of a deck, in order."""
    out = []
    for slide in Presentation(str(path)).slides:
        role, _, segment = slide.name.partition(" ")
        out.append((role, segment, slide_title(slide)))
    return out


def plan_rows(path):
    """Return (activity, first slide, last slide, minutes) of each row of a lesson plan, and its total."""
    table = next(t for t in Document(str(path)).tables if t.rows[0].cells[0].text == "Part")
    rows = []
    for row in table.rows[1:-1]:
        first, last = RANGE.match(row.cells[2].text).groups()
        rows.append((row.cells[1].text, int(first), int(last or first), int(row.cells[3].text)))
    return rows, int(table.rows[-1].cells[-1].text)


def test_every_scenario_is_told_before_its_answers(built):
    for path in lesson_files(built, "slides.pptx"):
        seen = []
        for role, segment, title in roles(path):
            if role in ("predict", "advise"):
                assert ("story", segment) in seen, (path, title)
            if role == "reveal":
                assert ("advise", segment) in seen and title.startswith("What "), (path, title)
            if role == "myth_answers":
                assert ("myth", segment) in seen, (path, title)
            if role == "quiz_answers":
                assert ("quiz", "0") in seen, (path, title)
            seen.append((role, segment))
        assert any(role == "reveal" for role, _ in seen), path


def test_no_slide_shows_a_myth_beside_its_fact(built):
    for path in lesson_files(built, "slides.pptx"):
        slides = list(Presentation(str(path)).slides)
        for n, slide in enumerate(slides):
            if not slide.name.startswith("myth "):
                continue
            answers = slides[n + 1]
            assert answers.name == "myth_answers " + slide.name.split()[1], path
            shown = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
            body = answers.placeholders[1]
            facts = [p.text.split(" ", 2)[-1] for p in body.text_frame.paragraphs]
            assert "Fact:" not in shown and not any(f and f in shown for f in facts), (path, slide_title(slide))


def test_quizzes_have_three_to_five_questions(built):
    for path in lesson_files(built, "slides.pptx"):
        deck = read_deck(path.read_bytes())
        asked = [p for s in deck.slides if s.name == "quiz 0" for p in s.paragraphs if re.match(r"\d+\. ", p)]
        answered = [p for s in deck.slides if s.name == "quiz_answers 0" for p in s.paragraphs]
        assert 3 <= len(asked) == len(answered) <= 5, (path, len(asked))


def test_default_decks_take_two_minutes_a_slide_and_the_plan_is_the_deck(built):
    for path in lesson_files(built, "teacher-notes.docx"):
        deck = Presentation(str(path.with_name("slides.pptx")))
        rows, total = plan_rows(path)
        assert total == 60 and sum(r[3] for r in rows) == 60, path
        assert len(deck.slides) <= total // 2, (path, len(deck.slides))
        expected = 1
        for activity, first, last, _ in rows:
            assert first == expected, (path, activity)
            expected = last + 1
        assert expected - 1 == len(deck.slides), path
        quiz = next(r for r in rows if r[0].startswith("Quick quiz"))
        assert all(slide_title(deck.slides[n - 1]).startswith("Quick quiz") for n in range(quiz[1], quiz[2] + 1))


def test_teacher_notes_name_the_decks_own_slides(built):
    for path in lesson_files(built, "teacher-notes.docx"):
        deck = Presentation(str(path.with_name("slides.pptx")))
        headings = [p.text for p in Document(str(path)).paragraphs if p.style.name == "Heading 3"
                    and p.text.startswith("Slide ")]
        assert headings == [f"Slide {n}: {slide_title(s)}" for n, s in enumerate(deck.slides, start=1)], path
        assert "Continued from the slide before" not in " ".join(notes(s) for s in deck.slides), path


def test_teacher_notes_are_short_and_carry_the_safeguarding_essentials(built):
    for path in lesson_files(built, "teacher-notes.docx"):
        text = all_doc_text(path)
        assert len(text.split()) <= 4000, (path, len(text.split()))
        essentials = text[text.index("Safeguarding essentials"):]
        for needed in ("Designated Safeguarding Lead", "999", "If a ", "suicide"):
            assert needed in essentials, (path, needed)
        assert text.index("Lesson plan") < text.index("Slide by slide") < text.index("Safeguarding essentials")


@pytest.mark.parametrize("minutes", [40, 75])
def test_any_lesson_length_builds_every_band_within_its_minutes(tmp_path, minutes):
    config = tmp_path / "school.yaml"
    config.write_text(f"lesson_minutes: {minutes}\n")
    build(BuildOptions(out=tmp_path / "out", config=config, formats=["pptx", "docx"], today=TODAY))
    for path in lesson_files(tmp_path / "out", "teacher-notes.docx"):
        rows, total = plan_rows(path)
        assert total == minutes and sum(r[3] for r in rows) == minutes, path
        deck = Presentation(str(path.with_name("slides.pptx")))
        assert len(deck.slides) <= minutes // 2 + 1, (path, len(deck.slides))
        _quiz_names_only_told_stories(path.with_name("slides.pptx"))
        text = all_doc_text(path)
        if minutes == 40:
            assert "Left out of this 40-minute lesson" in text, path
            assert any(r[0].startswith(("Welcome", "Ground rules")) for r in rows)
        else:
            assert any("(extension)" in r[0] for r in rows), path


def _quiz_names_only_told_stories(deck_path):
    """Assert the deck's quiz names no character whose story the deck leaves out."""
    from generator.load.curriculum import load_curriculum
    from generator.paths import shipped

    band = deck_path.parent.parent.name
    names = {m.bands[band].scenario.protagonist for m in load_curriculum(shipped("lessons")).modules.values()
             if band in m.bands and m.audience == "students"}
    slides = read_deck(deck_path.read_bytes()).slides
    told = {s.title.removeprefix("What ").removesuffix(" can do") for s in slides if s.name.startswith("reveal")}
    quiz = " ".join(p for s in slides if s.name.startswith("quiz") for p in s.paragraphs)
    assert not [n for n in names - told if re.search(rf"\b{n}\b", quiz)], deck_path


def test_a_band_can_have_its_own_lesson_length(tmp_path):
    config = tmp_path / "school.yaml"
    config.write_text('bands:\n  - id: "11-14"\n    lesson_minutes: 40\n')
    build(BuildOptions(out=tmp_path / "out", config=config, bands=["11-14", "14-16"], formats=["docx"],
                       today=TODAY))
    assert {plan_rows(p)[1] for p in lesson_files(tmp_path / "out", "teacher-notes.docx")
            if "/11-14/" in str(p)} == {40}
    assert {plan_rows(p)[1] for p in lesson_files(tmp_path / "out", "teacher-notes.docx")
            if "/14-16/" in str(p)} == {60}


def test_a_lesson_that_cannot_fit_names_the_config_line(tmp_path, curriculum):
    module = curriculum / "modules" / "grooming-patterns.yaml"
    module.write_text(module.read_text().replace("extension: true", "extension: false"))
    config = tmp_path / "school.yaml"
    config.write_text("school: Hillside\nlesson_minutes: 40\n")
    with pytest.raises(ContentError) as caught:
        build(BuildOptions(out=tmp_path / "out", config=config, curriculum=curriculum, bands=["11-14"],
                           today=TODAY))
    problem = next(p for p in caught.value.problems if p.rule == "timing")
    assert (problem.file, problem.line, problem.field) == (str(config), 2, "lesson_minutes")
    assert "cannot be taught in 40 minutes" in problem.message
    assert not (tmp_path / "out").exists()


def test_the_steps_appear_in_one_order_in_every_artefact(built):
    for path in lesson_files(built, "handout.docx"):
        text = all_doc_text(path)
        section = text[text.index("What to do if it happens"):]
        assert section.index("Stop") < section.index("Tell") or "9-11" in str(path)
    bad = _deck_with(["1. Block and report: block the account.", "2. Save the evidence: screenshot it."], "teach 1")
    pack = _Pack()
    [problem] = step_order(bad, pack)
    assert "another order (Block and report, then Save the evidence)" in problem.message
    good = _deck_with(["Save the evidence: screenshot it.", "Block and report: then block it."], "teach 1")
    assert step_order(good, pack) == []


def test_every_activity_is_on_paper_with_its_answers(built):
    for path in lesson_files(built, "handout.docx"):
        handout = read_document(path.read_bytes())
        headings = [p.text for p in handout.paragraphs if p.style.lower().startswith("heading")]
        assert any(h.startswith("Story: ") for h in headings), path
        notes_text = all_doc_text(path.with_name("teacher-notes.docx"))
        for activity in (h.split(": ", 1)[1] for h in headings if h.startswith("Activity: ")):
            assert f"Handout activity: {activity}" in notes_text, (path, activity)
    handout = read_document(next(iter(lesson_files(built, "handout.docx"))).read_bytes())
    asks = _deck_with(["Pairs order the steps on your sheet."], "advise 1")
    assert "no worksheet" in on_paper(asks, handout)[0].message
    names = _deck_with(["Now try the helpful-or-not activity."], "activity 1")
    assert "helpful-or-not activity" in on_paper(names, handout)[0].message


def test_easy_read_handouts_are_two_grades_easier(built):
    targets = {"9-11": 5, "11-14": 7, "14-16": 8, "16-18": 10}
    for path in lesson_files(built, "handout-simple.docx"):
        band = path.parent.parent.name

        class Artefact:
            facts = read_document(path.read_bytes())

        assert grade(pupil_prose(Artefact)) <= targets[band] - 2, path
        standard = all_doc_text(path.with_name("handout.docx"))
        easy = all_doc_text(path)
        for line in ("Childline", "999", "Samaritans", "988", "Lifeline"):
            if line in standard:
                assert line in easy, (path, line)


def test_a_deck_showing_the_answer_first_fails_the_gate():
    deck = _deck_with([], "story 1", "reveal 1", "advise 1", "quiz 0", "quiz_answers 0")
    [problem] = taught_order(deck, _Pack())
    assert problem.message.startswith("shows the reveal before its advise")


def test_a_harmful_sentence_is_traced_to_its_module_line(curriculum, tmp_path):
    module = curriculum / "modules" / "grooming-patterns.yaml"      # its 9-11 story is core: always taught
    text = module.read_text()
    anchor = text.index("setting:", text.index("    scenario:")) + len("setting:")
    module.write_text(text[:anchor] + " >-\n        Sam should not have replied, but help is there." +
                      text[text.index("\n", anchor):])
    with pytest.raises(ContentError) as caught:
        build(BuildOptions(curriculum=curriculum, out=tmp_path / "out", bands=["9-11"], today=TODAY))
    found = [p for p in caught.value.problems if p.rule == "language"]
    line = module.read_text()[:module.read_text().index("Sam should not")].count("\n")     # the setting: line
    assert found and {(p.file, p.line, p.field) for p in found} == {
        (str(module), line, "bands.9-11.scenario.setting")}
    assert any("slides.pptx, slide" in p.message for p in found) and any("handout.docx" in p.message for p in found)


# Small fakes of built files for the rules.

class _Slide:
    def __init__(self, number, name, paragraphs):
        self.number, self.name, self.paragraphs, self.title, self.notes = number, name, paragraphs, name, ""


class _Facts:
    def __init__(self, slides):
        self.slides = slides


class _Artefact:
    path, kind, audience, band = "deck.pptx", "slides", "students", "11-14"

    def __init__(self, facts):
        self.facts = facts


def _deck_with(paragraphs, *names):
    return _Artefact(_Facts([_Slide(n, name, list(paragraphs)) for n, name in enumerate(names, start=1)]))


class _Step:
    def __init__(self, step, match):
        self.step, self.match = step, match


class _Pack:
    lesson_minutes = 60

    class timing:
        minutes_per_slide = 2

    class frame:
        what_to_do = [_Step("Stop", r"stop\b"), _Step("Save the evidence", r"save\b"),
                      _Step("Tell a trusted adult", r"tell\b"), _Step("Block and report", r"block\b")]


def test_decks_read_back_their_roles(built):
    path = next(iter(lesson_files(built, "slides.pptx")))
    assert [s.name.split()[0] for s in read_deck(path.read_bytes()).slides][:2] == ["title", "content_note"]


def test_a_word_list_of_the_steps_is_read_in_order_wherever_it_is_laid_out():
    from generator.gate.inspect import DocFacts, Paragraph

    def handout(*items):
        cards = [Paragraph(n, "Normal", text, [], True, "7") for n, text in enumerate(items, start=2)]
        details = [Paragraph(10 + n, "Normal", "Do it now.", [], True) for n in range(len(items))]
        return _Artefact(DocFacts([Paragraph(1, "Heading 2", "What to do if it happens", [])] + cards + details,
                                  [], "en-GB", []))

    good = handout("Stop: don't reply.", "Save the evidence.", "Tell a trusted adult.", "Block and report.")
    assert step_order(good, _Pack()) == []
    [problem] = step_order(handout("Block and report.", "Save the evidence."), _Pack())
    assert problem.field == "paragraph 2" and "another order (Block and report, then Save the evidence)" in problem.message
