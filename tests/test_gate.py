"""Each safeguarding gate rule fires on a bad example and stays quiet on a good one."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from conftest import TODAY

from generator import BuildOptions, validate
from generator.errors import ContentError
from generator.gate import check_artefact, gate_rules, report
from generator.gate.inspect import (
    DeckFacts,
    DocFacts,
    Paragraph,
    Run,
    SlideFacts,
    read_deck,
    read_document,
)
from generator.gate.readability import readability
from generator.gate.rules import (
    accessibility,
    audience,
    key_messages,
    language,
    signposting,
    terms,
)
from generator.load.checks import rising_targets
from generator.load.config import School, SchoolConfig
from generator.load.curriculum import load_curriculum
from generator.model import LanguageRule
from generator.paths import shipped
from generator.plan.packs import band_pack

CURRICULUM = load_curriculum(shipped("lessons"))


@dataclass
class Fake:
    """An artefact as the gate sees it."""

    path: str
    band: str
    audience: str
    kind: str
    facts: object
    lesson: str = "l1"


def doc(*texts, band="11-14", audience="students", kind="handout", size=12.0, colour="1A1A1A", heading=True):
    paragraphs = [Paragraph(1, "heading 1", "Title", [Run("Title", 20, "1F3864", "FFFFFF")])] if heading else []
    paragraphs += [Paragraph(n, "Normal", t, [Run(t, size, colour, "FFFFFF")]) for n, t in enumerate(texts, 2)]
    return Fake(f"{band}/l1/{kind}.docx", band, audience, kind, DocFacts(paragraphs, [], "en-GB", []))


def help_doc(*lines, band="11-14"):
    return doc("Intro.", *[], band=band) if not lines else Fake(
        f"{band}/l1/handout.docx", band, "students", "handout",
        DocFacts([Paragraph(1, "heading 1", "Title", [Run("Title", 20, "1F3864", "FFFFFF")]),
                  Paragraph(2, "heading 2", "Where to get help", [Run("Where to get help", 15, "1F3864", "FFFFFF")])]
                 + [Paragraph(n, "Normal", t, [Run(t, 12, "1A1A1A", "FFFFFF")], True) for n, t in enumerate(lines, 3)],
                 [], "en-GB", []))


def deck(*slides, band="11-14"):
    return Fake(f"{band}/l1/slides.pptx", band, "students", "slides", DeckFacts(list(slides)))


def slide(n, title, *runs, pictures=()):
    return SlideFacts(n, title, [r.text for r in runs], list(runs), "Notes.", list(pictures), {"en-GB"})


def packs(config=SchoolConfig()):
    school = School(config, shipped("lessons"))
    return {b: band_pack(CURRICULUM, school, b) for b in CURRICULUM.bands}


def rules_of(problems):
    return [(p.rule, p.message) for p in problems]


# 1. Language

def test_language_flags_victim_blaming_and_the_stays_online_myth():
    found = language([doc("Sending it was your mistake.", "What goes online stays online.")],
                     CURRICULUM.gate.language)
    assert [p.field for p in found] == ["paragraph 2", "paragraph 3"]
    assert found[0].message.startswith("blame wording 'your mistake' (your-mistake)")
    assert "instead, say it is never their fault" in found[0].message
    assert found[1].message.startswith("myth wording 'What goes online stays online' (stays-online)")


@pytest.mark.parametrize("sentence", [
    "What would you do if a stranger asked you for a photo?",
    "Has this ever happened to you?",
    "Put your hand up if you have been sent a message like this.",
    "She should not have sent the picture.",
    "He shouldn't have trusted someone he met online.",
    "If only she hadn't shared it, none of this would have happened.",
    "They should have been more careful.",
    "That was naive of him.",
    "Why would anyone send a photo like that?",
    "If you never send nudes, this can't happen to you.",
    "Has anyone here ever been sent a message like this?",
    "Think of a time when you felt pressured online.",
    "She should feel ashamed.",
    "Your future will be ruined.",
])
def test_language_catches_questions_about_pupils_own_lives_and_blame_in_other_words(sentence):
    assert language([doc(sentence)], CURRICULUM.gate.language), sentence


@pytest.mark.parametrize("sentence", [
    "What could Maya do next?",
    "Nobody deserves to be threatened, whatever they sent.",
    "It is never your fault, and help is there.",
])
def test_language_lets_questions_about_the_character_through(sentence):
    assert language([doc(sentence)], CURRICULUM.gate.language) == [], sentence


def test_language_allows_a_myth_stated_to_correct_it():
    assert language([doc("Myth: What goes online stays online. Fact: images can be removed.")],
                    CURRICULUM.gate.language) == []


def test_language_rules_can_be_extended_by_a_school():
    rule = LanguageRule(id="no-naughty", kind="shame", pattern=r"\bnaughty\b", why="it shames", instead="say unsafe")
    assert language([doc("That was naughty.")], CURRICULUM.gate.language) == []
    assert len(language([doc("That was naughty.")], list(CURRICULUM.gate.language) + [rule])) == 1


# 2. Terminology

def test_sextortion_is_never_used_with_under_14s_but_staff_notes_may_name_it():
    found = terms([doc("This is sextortion."), doc("It is called sextortion in the news.", audience="staff",
                                                   kind="teacher-notes")], packs())
    assert [(p.rule, p.file, p.severity) for p in found] == [("terms", "11-14/l1/handout.docx", "error")]


def test_preferred_term_must_be_used():
    bands = packs()
    handout = doc("Online sexual coercion and extortion is a crime.", band="14-16")

    def term_warnings(preferred):
        config = SchoolConfig.model_validate({"preferred_term": preferred} if preferred else {})
        rules = gate_rules(CURRICULUM, School(config, shipped("lessons")))
        check = check_artefact(handout, bands["14-16"], rules)
        found = report([check], [bands["14-16"]], rules, {"14-16": [handout.path]}).problems
        return [(p.rule, p.severity, p.message) for p in found if p.rule == "terms"]

    assert term_warnings(None) == []
    assert term_warnings("sexual abuse online") == [("terms", "warning", "no pupil artefact of band 14-16 uses the "
                                                     "preferred term 'sexual abuse online'; name it in the lesson "
                                                     "that explains what it is")]


# 3. Key messages

def test_every_key_message_must_be_carried(built):
    handout = built / "11-14" / "what-it-is-and-warning-signs" / "handout.docx"
    good = Fake("h.docx", "11-14", "students", "handout", read_document(handout.read_bytes()))
    assert key_messages([good], CURRICULUM.gate.key_messages) == []
    found = key_messages([doc("It is not your fault. Tell a trusted adult.")], CURRICULUM.gate.key_messages)
    missing = [p.message.split("'")[1] for p in found]
    assert missing[:2] == ["do not pay and do not send anything more", "save the evidence first"]
    assert "images can be removed" in missing and found[-1].message.startswith("no 'Where to get help' section")


# 4. Signposting

def test_help_must_fit_the_region_and_the_band():
    bands = packs()
    good = help_doc("Emergency services call 999", "Childline call 0800 1111", band="14-16")
    assert signposting([good], bands, CURRICULUM.regions) == []
    bad = help_doc("Revenge Porn Helpline", "Kids Helpline 1800 55 1800", band="14-16")
    messages = sorted(p.message for p in signposting([bad], bands, CURRICULUM.regions))
    assert messages == sorted([
        "lists Revenge Porn Helpline (UK), not for this band's ages or readers; remove it or fix its ages and audiences",
        "lists Kids Helpline (AU), another region's; remove it or fix its ages and audiences",
        "does not show the emergency number 999",
        "shows no service for under-18s; add one to the region's services",
    ])


def test_help_must_name_the_configured_dsl():
    config = SchoolConfig.model_validate({"dsl": {"name": "Ms Okafor"}})
    shown = help_doc("Emergency services call 999", "Childline")
    assert [p.message for p in signposting([shown], packs(config), CURRICULUM.regions)] == [
        "does not name the school's safeguarding lead Ms Okafor"]


# 5. Audience

def test_staff_only_text_never_reaches_pupils_or_parents():
    staff = "Always consider a suicide-prevention plan, however resilient the young person seems."
    assert audience([doc("Tell a trusted adult.")], [staff]) == []
    found = audience([doc("Tell a trusted adult.", staff), doc(staff, audience="staff")], [staff])
    assert [(p.rule, p.file, p.field) for p in found] == [("audience", "11-14/l1/handout.docx", "paragraph 3")]


# 6. Readability

def test_reading_grade_must_meet_the_band_target():
    easy = " ".join(["Tell a grown-up you trust. They will help you."] * 20)
    hard = " ".join(["Organised perpetrators systematically manipulate adolescents' vulnerabilities, "
                     "subsequently escalating extortionate demands through psychologically coercive "
                     "communication."] * 10)
    bands = packs()
    assert readability([doc(easy, band="9-11")], bands)[0] == []
    found, grades = readability([doc(hard, band="9-11")], bands)
    assert [p.rule for p in found] == ["readability"] and grades["9-11"]["9-11/l1/handout.docx"] > 5


def test_reading_targets_must_rise_with_age():
    bands = dict(CURRICULUM.bands)
    assert rising_targets(bands) == []
    bands["14-16"] = bands["14-16"].model_copy(update={"reading_grade": 6})
    assert rising_targets(bands) == ["14-16"]


# 7. Accessibility

def test_slides_need_titles_alt_text_large_text_and_contrast():
    good = deck(slide(1, "Keywords", Run("Grooming: tricks", 24, "1A1A1A", "FFFFFF", "Body")))
    assert accessibility([good]) == []
    bad = deck(
        slide(1, "", Run("Small", 20, "1A1A1A", "FFFFFF", "Body"), pictures=["logo.png"]),
        slide(2, "Quiz", Run("Faint", 24, "FFD700", "FFFFFF", "Body")),
        slide(3, "Quiz", Run("Tiny footer", 14, "4D4D4D", "FFFFFF", "Footer")),
    )
    messages = [(p.field, p.message) for p in accessibility([bad])]
    assert messages == [
        ("slide 1", "has no title; give every slide a title"),
        ("slide 1", "a picture has no alt text ('logo.png'); describe it"),
        ("slide 1", "text 'Small' is 20pt; use 24pt or more"),
        ("slide 2", "text 'Faint' has contrast 1.4:1 on #FFFFFF; use at least 4.5:1"),
        ("slide 3", "text 'Tiny footer' is 14pt; use 18pt or more"),
        ("slides 2, 3", "share the title 'Quiz'; titles must be unique in a deck"),
    ]


def test_documents_need_language_headings_table_headers_and_12pt():
    bad = doc("Small print.", size=10, heading=False)
    bad.facts.language = ""
    bad.facts.tables_without_header.append(1)
    messages = [p.message for p in accessibility([bad])]
    assert messages == ["declares no document language",
                        "does not open with a heading style; use Heading 1 for the title",
                        "has no header row; mark its first row",
                        "text 'Small print.' is 10pt; use 12pt or more"]


def test_built_files_pass_accessibility(built):
    artefacts = []
    for path in sorted(built.glob("11-14/**/*.*")):
        reader = read_deck if path.suffix == ".pptx" else read_document
        audience_ = "staff" if "teacher" in path.name or "dsl" in path.name else "students"
        artefacts.append(Fake(str(path), "11-14", audience_, path.stem, reader(path.read_bytes())))
    assert accessibility(artefacts) == []


# 8. Freshness and 9. completeness (on the curriculum, with file and line)

def test_stale_module_is_a_freshness_warning(curriculum):
    module = curriculum / "modules" / "what-to-do.yaml"
    module.write_text(module.read_text().replace("reviewed: 2026-12-02", "reviewed: 2025-06-01"))
    report = validate(BuildOptions(curriculum=curriculum, bands=["9-11"], today=TODAY))
    assert [(p.rule, p.severity, p.field) for p in report.problems if p.rule != "signposting"] == [
        ("freshness", "warning", "reviewed")]
    with pytest.raises(ContentError):
        validate(BuildOptions(curriculum=curriculum, bands=["9-11"], today=TODAY, strict=True))


def test_module_without_a_quiz_is_incomplete(curriculum):
    module = curriculum / "modules" / "what-to-do.yaml"
    text = module.read_text()
    start = text.index("    quiz:")
    end = re.compile(r"^    \w", re.M).search(text, start + 1).start()
    module.write_text(text[:start] + text[end:])
    with pytest.raises(ContentError) as caught:
        validate(BuildOptions(curriculum=curriculum, today=TODAY))
    [problem] = caught.value.problems
    assert (problem.rule, problem.field, problem.message) == ("completeness", "bands.9-11.quiz", "required")


def test_a_victim_blaming_line_stops_the_build(curriculum, tmp_path):
    module = curriculum / "modules" / "trusted-adults.yaml"
    text = module.read_text()
    first = text.index("    key_messages:\n") + len("    key_messages:\n")
    end = text.index("\n", first)
    module.write_text(text[:first] + "      - It was your own fault for replying." + text[end:])
    from generator import build

    with pytest.raises(ContentError) as caught:
        build(BuildOptions(curriculum=curriculum, bands=["9-11"], out=tmp_path / "out", today=TODAY))
    assert any(p.rule == "language" and "own-fault" in p.message for p in caught.value.problems)
    assert not (tmp_path / "out").exists()


# 7. Accessibility of the print variants, and in greyscale

def variant_doc(variant, *runs, spacing=1.0, page="FFFFFF"):
    artefact = doc(*[r.text for r in runs])
    artefact.facts.paragraphs[1:] = [Paragraph(n, "Normal", r.text, [r]) for n, r in enumerate(runs, 2)]
    artefact.facts.line_spacing, artefact.facts.page_colour = spacing, page
    artefact.variant = variant
    return artefact


def test_large_print_needs_16pt_and_no_italics():
    assert accessibility([variant_doc("large-print", Run("Big text.", 18, "1A1A1A", "FFFFFF"))]) == []
    found = [p.message for p in accessibility([variant_doc(
        "large-print", Run("Small text.", 14, "1A1A1A", "FFFFFF"), Run("Slanted.", 18, "1A1A1A", "FFFFFF", "", True))])]
    assert found == ["text 'Small text.' is 14pt; use 16pt or more",
                     "text 'Slanted.' is in italics or underlined; the large-print variant uses bold for emphasis"]


def test_dyslexia_needs_12_to_14pt_one_and_a_half_spacing_and_cream_paper():
    good = variant_doc("dyslexia", Run("Clear text.", 13, "1A1A1A", "FFF8E7"), spacing=1.5, page="FFF8E7")
    assert accessibility([good]) == []
    bad = variant_doc("dyslexia", Run("Too big.", 16, "1A1A1A", "FFFFFF"))
    assert [p.message for p in accessibility([bad])] == [
        "line spacing is 1; the dyslexia variant needs 1.5",
        "page colour is #FFFFFF; the dyslexia variant prints on #FFF8E7",
        "text 'Too big.' is 16pt; the dyslexia variant uses 12-14pt",
    ]


def test_text_must_stay_readable_printed_in_greyscale():
    red_on_black = deck(slide(1, "Colours", Run("Red on black", 24, "FF0000", "000000", "Body")))
    assert [p.message for p in accessibility([red_on_black])] == [
        "text 'Red on black' has contrast 2.4:1 printed in greyscale on #000000; use at least 4.5:1"]


def test_dyslexia_handouts_avoid_red_green_pairs():
    def handout(*colours):
        runs = [Run(f"Point {n}.", 13, c, "FFF8E7") for n, c in enumerate(colours)]
        return variant_doc("dyslexia", *runs, spacing=1.5, page="FFF8E7")

    assert accessibility([handout("1A1A1A", "B00000")]) == []
    assert [p.message for p in accessibility([handout("B00000", "006400")])] == [
        "uses red and green text together; the dyslexia variant avoids red/green pairs (use dark text and bold)"]
