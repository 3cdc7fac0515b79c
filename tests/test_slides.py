"""The slide decks, checked as a teacher presenting them would."""

from __future__ import annotations

from conftest import lesson_files
from helpers import bottom_in, notes, runs_of, shapes_of, slide_text, slide_title
from pptx import Presentation
from pptx.util import Emu

from generator.render.colour import contrast


def decks(root):
    return [(path, Presentation(str(path))) for path in lesson_files(root, "slides.pptx")]


def test_every_band_gets_its_sequence_of_decks(built):
    names = {p.parent.parent.name: [] for p in lesson_files(built, "slides.pptx")}
    for path in lesson_files(built, "slides.pptx"):
        names[path.parent.parent.name].append(path.parent.name)
    assert {band: len(lessons) for band, lessons in names.items()} == {"9-11": 2, "11-14": 3, "14-16": 3, "16-18": 3}


def test_decks_are_16_by_9(built):
    for path, prs in decks(built):
        assert (prs.slide_width, prs.slide_height) == (12192000, 6858000), path


def test_every_slide_has_a_unique_title_and_speaker_notes(built):
    for path, prs in decks(built):
        titles = [slide_title(s) for s in prs.slides]
        assert all(titles), path
        assert len(titles) == len(set(titles)), path
        for slide in prs.slides:
            assert len(notes(slide)) > 20, (path, slide_title(slide))


def test_text_is_large_enough(built):
    for path, prs in decks(built):
        for slide in prs.slides:
            for shape, run in runs_of(slide):
                assert run.font.size.pt >= 18, (path, slide_title(slide), run.text)
                if shape == slide.shapes.title or (shape.is_placeholder and shape.placeholder_format.idx == 1):
                    assert run.font.size.pt >= 24, (path, run.text)
                if shape.name.startswith("Message"):          # chat messages, as on a phone
                    assert run.font.size.pt >= 20, (path, run.text)


def test_nothing_runs_off_the_slide(built):
    for path, prs in decks(built):
        for slide in prs.slides:
            for shape in shapes_of(slide):
                assert bottom_in(shape) <= 7.5, (path, slide_title(slide), shape.name)


def test_text_contrasts_with_its_background(built, school_build):
    """Each run against what is behind it: its own shape's fill, else the layout's header (for
    a title) or the layout's page colour."""
    for root in (built, school_build):
        for path, prs in decks(root):
            for slide in prs.slides:
                layout = slide.slide_layout
                header = next((s for s in layout.shapes if s.name == "Header"), None)
                page = layout._element.find(".//{*}bg//{*}srgbClr")
                for shape, run in runs_of(slide):
                    colour = str(run.font.color.rgb)
                    if shape == slide.shapes.title and header is not None:
                        background = str(header.fill.fore_color.rgb)
                    elif not shape.is_placeholder and shape.fill.type == 1:     # a filled shape: a bubble, a card
                        background = str(shape.fill.fore_color.rgb)
                    elif shape.name == "Chat name, phone" or shape.name.startswith("Sender"):
                        background = next(str(s.fill.fore_color.rgb) for s in shapes_of(slide)
                                          if s.name == ("Chat name" if shape.name.startswith("Chat") else "Chat window"))
                    else:
                        background = page.get("val") if page is not None else "FFFFFF"
                    assert contrast(colour, background) >= 4.5, (path, slide_title(slide), run.text)


def test_lesson_opens_with_content_note_and_ground_rules_and_ends_with_help(built):
    for path, prs in decks(built):
        titles = [slide_title(s) for s in prs.slides]
        assert titles[1:3] == ["Before we start", "Our ground rules"], path
        assert titles[-1].startswith("Where to get help"), path
        assert any(t.startswith("Quick quiz") for t in titles) and "Quick quiz: the answers" in titles, path
        assert "What to do if it happens" in titles and "Exit slip" in titles, path


def test_help_slide_names_the_schools_dsl_and_the_emergency_number(school_build):
    for path, prs in decks(school_build):
        text = "\n".join(slide_text(s) for s in prs.slides if slide_title(s).startswith("Where to get help"))
        assert "Ms Okafor, our Designated Safeguarding Lead (Room 12, by the library)" in text
        assert "Call 999" in text and "Childline" in text


def test_scenarios_are_shown_as_chat_bubbles(built):
    path = built / "11-14" / "what-it-is-and-warning-signs" / "slides.pptx"
    prs = Presentation(str(path))
    bubbles = [s for slide in prs.slides for s in shapes_of(slide) if s.name.startswith("Message from")]
    assert len(bubbles) >= 5
    assert {b.name for b in bubbles} >= {"Message from Maya", "Message from leo.13"}


def test_logo_has_alt_text(school_build):
    path, prs = decks(school_build)[0]
    pictures = [s for s in prs.slides[0].shapes if s.shape_type == 13]
    assert [p._element.nvPicPr.cNvPr.get("descr") for p in pictures] == ["Hillside Academy logo"]


def test_staff_only_guidance_never_reaches_a_slide(built):
    staff = staff_sentences()
    for path, prs in decks(built):
        text = "\n".join(slide_text(s) + notes(s) for s in prs.slides)
        assert not [s for s in staff if s in text], path


def staff_sentences(part: str = "sections") -> list[str]:
    """Return every paragraph and bullet of the shipped staff modules' sections (or essentials)."""
    from generator.load.curriculum import load_curriculum
    from generator.paths import shipped

    modules = load_curriculum(shipped("lessons")).modules.values()
    return [text for m in modules if m.audience == "staff" for band in m.bands.values()
            for section in getattr(band, part) for text in section.paragraphs + section.bullets]


def test_a_schools_own_template_is_used_and_its_missing_layouts_named(tmp_path, cli):
    """A school template with PowerPoint's own layout names: the cover goes on its title layout,
    the rest on its "Title and Content", undressed, and `validate` says which layouts it lacks."""
    from pptx import Presentation as New

    from generator import BuildOptions, build

    New().save(str(tmp_path / "ours.pptx"))
    (tmp_path / "school.yaml").write_text("templates:\n  slides: ours.pptx\n")
    build(BuildOptions(out=tmp_path / "out", config=tmp_path / "school.yaml", bands=["9-11"], formats=["pptx"]))
    deck = Presentation(str(next((tmp_path / "out").glob("9-11/*/slides.pptx"))))
    assert deck.slides[0].slide_layout.name == "Title Slide"
    assert {s.slide_layout.name for s in list(deck.slides)[1:]} == {"Title and Content"}
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)
    assert not [s for s in deck.slide_layouts.get_by_name("Title and Content").shapes if s.name == "Header"]
    result = cli("validate", "--config", str(tmp_path / "school.yaml"))
    assert "school.yaml:2: templates.slides: [design] warning: has no layout named Title, Welcome, Content, Story" in result.output
    assert "those slides use 'Title Slide' and 'Title and Content'" in result.output
    assert "is 4:3; the slides are made 16:9" in result.output


def test_body_text_fits_its_box_measured_with_the_real_font(built):
    """Wrap every text box with Liberation Sans metrics (Arial's twin) and check it fits its height."""
    import subprocess

    from PIL import ImageFont

    files = {bold: subprocess.run(["fc-match", "-f", "%{file}", f"Liberation Sans{':bold' if bold else ''}"],
                                  capture_output=True, text=True).stdout for bold in (False, True)}
    assert all("LiberationSans" in f for f in files.values()), "needs: apt-get install fonts-liberation"
    for path, prs in decks(built):
        for slide in prs.slides:
            for shape in shapes_of(slide):
                if shape.has_text_frame and shape != slide.shapes.title and shape.text_frame.text:
                    need = _text_height_pt(shape, files, ImageFont)
                    room = Emu(shape.height).pt - Emu(shape.text_frame.margin_top + shape.text_frame.margin_bottom).pt
                    assert need <= room + 1, (path, slide_title(slide), shape.text_frame.text[:60])


def _text_height_pt(shape, files, image_font) -> float:
    frame = shape.text_frame
    width = Emu(shape.width - frame.margin_left - frame.margin_right).pt
    total = 0.0
    for paragraph in frame.paragraphs:
        indent = Emu(int(paragraph._p.pPr.get("marL", 0))).pt if paragraph._p.pPr is not None else 0
        words = [(w, run.font.bold, run.font.size.pt) for run in paragraph.runs for w in run.text.split()]
        if not words:       # a field, like the slide number
            continue
        size = max(s for _, _, s in words)
        lines, used = 1, 0.0
        for word, bold, pt in words:
            step = image_font.truetype(files[bool(bold)], round(pt)).getlength(word + " ")
            if used and used + step > width - indent:
                lines, used = lines + 1, 0.0
            used += step
        total += lines * size * 1.2 + (paragraph.space_after.pt if paragraph.space_after else 0)
    return total
