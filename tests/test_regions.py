"""One curriculum, right for every region: UK, US and Australian packs read as their schools
expect, name only their own services, and name the school's own safeguarding lead."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import TODAY
from docx import Document
from helpers import all_doc_text, deck_text

from generator import BuildOptions, build
from generator.paths import shipped

EXAMPLES = Path(__file__).parent.parent / "examples"

# Words a reader of another country would stop at: services, bodies, laws, money, school words
# and spelling. Written out here, apart from the gate's own lists, so the test checks the gate.
FOREIGN = {
    "UK": [r"\bCEOP\b", r"Childline", r"Report Remove", r"\bIWF\b", r"Internet Watch", r"\bKCSIE\b",
           r"\bUKCIS\b", r"\bRSHE\b", r"\bRSE\b", r"NSPCC", r"National Crime Agency", r"\b999\b", "£",
           r"[Ff]orm tutor", r"[Ss]ixth.form", r"\bDfE\b", r"\bUK\b", r"England", r"Revenge Porn",
           r"Samaritans", r"Action Fraud"],
    "US": [r"Take It Down", r"NCMEC", r"CyberTipline", r"\b988\b", r"\b911\b", r"\bFBI\b", r"Childhelp",
           r"Crisis Text Line", r"\bGrades? \d", r"\bUS\b", r"United States", r"mandated report"],
    "AU": [r"eSafety", r"ACCCE", r"Kids Helpline", r"Lifeline Australia", r"13 11 14", r"\b000\b", r"Australia"],
}
BRITISH = [r"\borganis", r"\bbehaviour", r"\bcounsell", r"\bcolour", r"\brecognis", r"\brealis", r"\bmum\b",
           r"\bpractis", r"\bcentre\b", r"\bfavourite", r"\bpupils?\b", r"\bmaths\b"]
ADULT_SERVICES = {"UK": ["Revenge Porn Helpline", "StopNCII"], "US": ["CCRI", "StopNCII"], "AU": []}


def texts(out: Path) -> dict[str, list[str]]:
    """Return every built file's text in the parts a reader takes in at once: each slide's body
    and its notes, each document paragraph and table cell."""
    found = {}
    for path in sorted(out.rglob("*.pptx")):
        parts = []
        for slide in deck_text(path).split("=== slide")[1:]:
            body, _, notes = slide.partition("--- notes:")
            parts += [body, notes]
        found[str(path.relative_to(out))] = parts
    for path in sorted(out.rglob("*.docx")):
        doc = Document(str(path))
        cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        found[str(path.relative_to(out))] = [p.text for p in doc.paragraphs] + cells
    return found


@pytest.fixture(scope="module", params=["uk-school", "us-district", "au-school"])
def regional(request, tmp_path_factory):
    """Return (region, output folder) of a build of an example school config."""
    out = tmp_path_factory.mktemp(request.param)
    build(BuildOptions(out=out, config=EXAMPLES / f"{request.param}.yaml", today=TODAY))
    region = {"uk-school": "UK", "us-district": "US", "au-school": "AU"}[request.param]
    return region, out, texts(out)


def test_no_artefact_names_another_regions_service_law_money_or_school_year(regional):
    region, _, built = regional
    assert built
    for other, patterns in FOREIGN.items():
        if other == region:
            continue
        for path, parts in built.items():
            for part in parts:
                for pattern in patterns:
                    assert not re.search(pattern, part), f"{region} {path}: {pattern!r} in {part[:200]!r}"


def test_spelling_words_and_school_years_follow_the_region(regional):
    region, _, built = regional
    whole = "\n".join(p for parts in built.values() for p in parts)
    if region == "US":
        for pattern in BRITISH:
            hits = re.findall(rf"[^\n]{{0,60}}{pattern}[^\n]{{0,40}}", whole, re.I)
            assert not hits, f"{pattern}: {hits[:3]}"
        assert not re.search(r"\bYears? \d", whole) and "Grades 6-8" in whole
        assert "counselor" in whole and "students" in whole and "$" in whole and "Dear parent or guardian," in whole
    else:
        assert not re.search(r"\b(?:organiz|behavior|counselor|color\b|mom\b)", whole)
        assert re.search(r"\bbehaviour|\borganis|\brecognis", whole)
        assert re.search(r"\bYears \d+-\d+", whole) and not re.search(r"\bGrades? \d", whole)


def test_every_adult_service_mention_carries_its_age(regional):
    region, _, built = regional
    for path, parts in built.items():
        for part in parts:
            for name in ADULT_SERVICES[region]:
                if name in part:
                    assert "18" in part, f"{path}: {name} without its age in {part[:200]!r}"


def test_the_school_names_its_lead_everywhere_pupils_and_parents_look(regional):
    region, out, built = regional
    name = {"UK": "Ms Okafor", "US": "Ms. Alvarez", "AU": "Mrs Nguyen"}[region]
    pupil_and_parent = [p for p in built if re.search(r"(slides|handout[-\w]*|parent-letter|parent-guide)\.", p)]
    assert pupil_and_parent
    for path in pupil_and_parent:
        assert any(name in part for part in built[path]), f"{path} does not name {name}"
    generic = {"UK": r"\bDSL\b|[Ss]afeguarding [Ll]ead\b", "US": r"[Ss]chool [Cc]ounselor",
               "AU": r"[Ww]ellbeing [Ll]eader"}[region]
    for path, parts in built.items():
        for part in parts:
            if re.search(generic, part):
                assert name in part, f"{path}: generic wording without {name}: {part[:200]!r}"


def test_help_slides_name_the_lead_and_the_regions_services(regional):
    region, out, built = regional
    services = {"UK": ["999", "Childline", "Report Remove"], "US": ["911", "Take It Down", "988"],
                "AU": ["000", "Kids Helpline", "eSafety"]}[region]
    decks = [p for p in built if p.endswith("slides.pptx")]
    for path in decks:
        help_slide = "\n".join(s for s in built[path] if "Where to get help" in s.split("\n")[0])
        for service in services:
            assert service in help_slide, f"{path}: {service} missing from the help slide"


def test_uk_deck_has_no_us_service_on_a_pupil_slide(built):
    for path in built.rglob("slides.pptx"):
        text = deck_text(path)
        assert "Take It Down" not in text and "NCMEC" not in text, path


def test_16_18_says_which_services_change_at_18(built):
    text = deck_text(built / "16-18" / "the-trap-what-to-do-and-turning-18" / "slides.pptx")
    assert "Report Remove" in text and "when you are 18" in text
    assert re.search(r"under 18[^.]*still|still[^.]*under 18", text), "images taken under 18 can still be removed"


def test_9_11_parent_files_follow_the_bands_rules(built):
    for name in ("parent-letter.docx", "parent-guide.docx"):
        text = all_doc_text(built / "9-11" / name)
        for word in ("suicide", "Suicide", "PAPYRUS", "Samaritans", "Shout", "pay ", "money", "Action Fraud",
                     "Revenge Porn"):
            assert word not in text, f"{name}: {word}"


def test_lesson_dates_and_signature_in_the_letter(tmp_path):
    out = tmp_path / "out"
    build(BuildOptions(out=out, config=EXAMPLES / "uk-school.yaml", bands=["11-14"], today=TODAY))
    letter = all_doc_text(out / "11-14" / "parent-letter.docx")
    assert "Tuesday 12 January 2027" in letter and "Tuesday 26 January 2027" in letter
    assert "safeguarding@hillside.example.org" in letter and "Mr Reid" in letter
    assert "Yours sincerely," in letter and letter.rstrip().endswith("Designated Safeguarding Lead, Hillside Academy")
    assert "before the lessons" in letter
    us = tmp_path / "us"
    build(BuildOptions(out=us, config=EXAMPLES / "us-district.yaml", bands=["grades-6-8"], today=TODAY))
    letter = all_doc_text(us / "grades-6-8" / "parent-letter.docx")
    assert "Dear parent or guardian," in letter and "Sincerely," in letter and "Dr. Chen" in letter


def test_the_ks3_config_builds_only_ks3(tmp_path, cli):
    result = cli("build", "--config", EXAMPLES / "ks3.yaml", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["KS3", "manifest.json"]
    slides = deck_text(next((tmp_path / "out" / "KS3").rglob("slides.pptx")))
    assert "Key Stage 3" in slides and "Ms Okafor" in slides


def test_a_ks3_config_with_short_lessons_builds_40_minute_lessons_of_its_own_band(tmp_path, cli):
    config = tmp_path / "ks3.yaml"
    config.write_text((EXAMPLES / "ks3.yaml").read_text() + "lesson_minutes: 40\n")
    result = cli("build", "--config", config, "--out", tmp_path / "out", "--format", "docx")
    assert result.exit_code == 0, result.output
    for notes in (tmp_path / "out" / "KS3").rglob("teacher-notes.docx"):
        text = all_doc_text(notes)
        assert "| 40 minutes" in text and "Left out of this 40-minute lesson" in text, notes


def test_a_module_naming_another_regions_service_fails_with_its_file_and_line(curriculum, monkeypatch):
    from generator import validate
    from generator.errors import ContentError

    monkeypatch.chdir(curriculum.parent)
    module = curriculum / "modules" / "what-to-do.yaml"
    text = module.read_text()
    old = next(l for l in text.splitlines() if l.strip().startswith("- ") and "{report}" in l)
    module.write_text(text.replace(old, old.replace("{report}", "CEOP"), 1))
    line = module.read_text().splitlines().index(old.replace("{report}", "CEOP")) + 1
    with pytest.raises(ContentError) as caught:
        validate(BuildOptions(curriculum=curriculum, today=TODAY))
    found = [str(p) for p in caught.value.problems if p.severity == "error"]
    assert any(m.startswith(f"lessons/modules/what-to-do.yaml:{line}: ") and "'CEOP' (UK)" in m for m in found), found


def test_a_module_naming_an_adult_service_without_its_age_fails(curriculum, monkeypatch):
    from generator import validate
    from generator.errors import ContentError

    monkeypatch.chdir(curriculum.parent)
    module = curriculum / "modules" / "what-to-do.yaml"
    text = module.read_text()
    old = next(l for l in text.splitlines() if l.strip().startswith("- ") and "{remove}" in l and "18" not in l
               and not re.search(r"\b[A-Z]{2}:", l))      # text every region reads
    new = old.replace("{remove}", "StopNCII.org")
    module.write_text(text.replace(old, new, 1))
    line = module.read_text().splitlines().index(new) + 1
    with pytest.raises(ContentError) as caught:
        validate(BuildOptions(curriculum=curriculum, today=TODAY))
    found = [str(p) for p in caught.value.problems]
    assert any(m.startswith(f"lessons/modules/what-to-do.yaml:{line}: ") and "without its age" in m for m in found)


def test_an_unfilled_or_unknown_token_is_an_error(curriculum, monkeypatch):
    from generator import validate
    from generator.errors import ContentError

    monkeypatch.chdir(curriculum.parent)
    module = curriculum / "modules" / "what-to-do.yaml"
    text = module.read_text()
    old = next(l for l in text.splitlines() if "{report}" in l)
    module.write_text(text.replace(old, old.replace("{report}", "{reporter}"), 1))
    with pytest.raises(ContentError) as caught:
        validate(BuildOptions(curriculum=curriculum, today=TODAY))
    assert any("unknown token {reporter}" in str(p) for p in caught.value.problems)


def test_every_region_fills_every_role():
    from generator.load.curriculum import load_curriculum

    for code in ("UK", "US", "AU"):
        curriculum = load_curriculum(shipped("lessons"), code)
        region = curriculum.regions[code]
        for role in ("emergency", "report", "remove", "helpline", "crisis", "adult_remove"):
            assert region.role(role), f"{code} has no {role}"


def test_a_schools_own_template_naming_another_regions_service_fails_in_the_built_file(tmp_path):
    from generator.errors import ContentError

    folder = tmp_path / "our-templates"
    folder.mkdir()
    shipped_handout = (shipped("templates") / "text" / "handout.md.j2").read_text()
    (folder / "handout.md.j2").write_text(shipped_handout.replace("## Where to get help\n",
                                                                  "## Where to get help\n\nYou can also call Childline.\n"))
    config = tmp_path / "us.yaml"
    config.write_text("region: US\ndsl:\n  name: Ms. Alvarez\ntemplates:\n  text: our-templates\n")
    with pytest.raises(ContentError) as caught:
        build(BuildOptions(out=tmp_path / "out", config=config, bands=["11-14"], formats=["docx"], today=TODAY))
    found = [str(p) for p in caught.value.problems if "names 'Childline', which belongs" in p.message]
    assert found and all(m.startswith("11-14/") and "/handout.docx: paragraph " in m for m in found), found
    assert all("in a US pack" in m for m in found)
    assert not (tmp_path / "out").exists()


def test_an_adult_service_in_a_pack_too_young_for_it_fails(tmp_path):
    from generator.errors import ContentError

    folder = tmp_path / "our-templates"
    folder.mkdir()
    guide = (shipped("templates") / "text" / "parent-guide.md.j2").read_text()
    (folder / "parent-guide.md.j2").write_text(guide + "\nAdults can also use StopNCII.org (for adults, 18 and over).\n")
    config = tmp_path / "uk.yaml"
    config.write_text("dsl:\n  name: Ms Okafor\ntemplates:\n  text: our-templates\n")
    with pytest.raises(ContentError) as caught:
        build(BuildOptions(out=tmp_path / "out", config=config, bands=["11-14"], formats=["docx"], today=TODAY))
    found = [str(p) for p in caught.value.problems if "StopNCII" in p.message]
    assert any(m.startswith("11-14/parent-guide.docx: paragraph ") and m.endswith(
        "[signposting] names StopNCII.org, a service for adults, in a pack for ages 11 to 14; leave it out of "
        "this band's text") for m in found), found
    assert "11-14/parent-guide.docx: Where to get help: [signposting] lists StopNCII.org (UK), not for this band's " \
        "ages or readers; remove it or fix its ages and audiences" in found
