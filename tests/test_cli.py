"""The `lessonpack` command as a teacher and a safeguarding lead use it."""

from __future__ import annotations

import json
from pathlib import Path


def test_build_one_band_with_a_config(cli):
    assert cli("init").exit_code == 0
    result = cli("build", "--band", "11-14", "--config", "my-school.yaml", "--out", "packs")
    assert result.exit_code == 0, result.output
    assert "Wrote 18 files" in result.output     # 3 lessons of 4 files; letter, guide, briefing, 2 posters, card
    assert Path("packs/11-14/parent-letter.docx").is_file()
    assert len(list(Path("packs/11-14").glob("*/slides.pptx"))) == 3


def test_build_named_lessons_and_formats(cli):
    result = cli("build", "--band", "9-11", "--lesson", "online-friends-and-tricky-requests", "--format", "pptx")
    assert result.exit_code == 0, result.output
    files = sorted(str(p) for p in Path("output").rglob("*.*"))
    assert files == ["output/9-11/online-friends-and-tricky-requests/slides.pptx", "output/manifest.json"]


def test_build_a_custom_lesson_from_modules(cli):
    result = cli("build", "--band", "14-16", "--module", "what-to-do", "--module", "supporting-a-friend")
    assert result.exit_code == 0, result.output
    manifest = json.loads(Path("output/manifest.json").read_text())["artefacts"]
    slides = next(e for e in manifest if e["kind"] == "slides")
    assert slides["path"] == "14-16/custom/slides.pptx"
    assert slides["modules"] == ["what-to-do", "supporting-a-friend"]


def test_unknown_lesson_is_a_clear_error(cli):
    result = cli("build", "--band", "9-11", "--lesson", "nope")
    assert result.exit_code == 1
    assert result.output.startswith("--lesson: band 9-11 has no lesson 'nope'; expected one of ")
    assert "Traceback" not in result.output


def test_unknown_band_is_a_usage_error(cli):
    result = cli("build", "--band", "5-7")
    assert result.exit_code == 2
    assert "unknown band '5-7'; expected one of 9-11, 11-14, 14-16, 16-18" in result.output


def test_validate_reports_every_problem_and_exits_1(cli, curriculum):
    (curriculum / "modules" / "what-to-do.yaml").write_text("id: what-to-do\n")
    result = cli("validate", "--lessons", curriculum)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 5
    assert all("[completeness] required" in line and "what-to-do.yaml:1:" in line for line in lines)


NO_CONFIG = ("no --config given: [signposting] warning: the packs name no safeguarding lead, only the role; "
             "run `lessonpack init` to write my-school.yaml, fill it in, then build with --config my-school.yaml")


def test_validate_passes_on_the_shipped_curriculum(cli):
    result = cli("validate")
    assert result.exit_code == 0
    assert result.output.splitlines() == [NO_CONFIG, "OK: no errors, 1 warning(s)"]


def test_a_build_without_a_config_warns_once_that_no_lead_is_named(cli):
    result = cli("build", "--band", "9-11", "--format", "docx")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == NO_CONFIG
    assert result.output.count("no --config given") == 1


def test_list_shows_bands_lessons_modules_and_regions(cli):
    lines = cli("list").output.splitlines()
    kinds = [line.split()[0] for line in lines]
    assert kinds.count("band") == 4 and kinds.count("lesson") == 11
    assert kinds.count("region") == 3 and "module" in kinds


def test_init_refuses_to_overwrite(cli):
    assert cli("init").exit_code == 0
    result = cli("init")
    assert result.exit_code == 1
    assert "my-school.yaml: already exists; use --force to replace it" in result.output
    assert cli("validate", "--config", "my-school.yaml").exit_code == 0


def test_unreadable_template_and_logo_are_one_line_errors(cli):
    Path("broken.pptx").write_text("not a presentation")
    Path("logo.png").write_text("not an image")
    Path("a.yaml").write_text("templates:\n  slides: broken.pptx\n")
    Path("b.yaml").write_text("branding:\n  logo: logo.png\n")
    first = cli("build", "--band", "9-11", "--config", "a.yaml")
    second = cli("build", "--band", "9-11", "--config", "b.yaml")
    assert (first.exit_code, second.exit_code) == (1, 1)
    assert any(line.startswith("a.yaml:2: templates.slides: [design] not a usable PowerPoint file")
               and line.endswith("save it from PowerPoint as .pptx") for line in first.output.splitlines())
    assert "b.yaml:2: branding.logo: logo.png is not a PNG or JPEG image; save the logo as PNG or JPEG and give " \
        "that file" in second.output.splitlines()
    assert not Path("output").exists()


def test_a_schools_preferred_term_replaces_the_curriculums(cli):
    Path("school.yaml").write_text("preferred_term: sexual extortion\n")
    result = cli("build", "--band", "11-14", "--config", "school.yaml", "--format", "pptx")
    assert result.exit_code == 0, result.output
    from pptx import Presentation

    deck = Presentation("output/11-14/what-it-is-and-warning-signs/slides.pptx")
    titles = [s.shapes.title.text_frame.text for s in deck.slides]
    assert titles[0] == "What sexual extortion is"
    text = " ".join(sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame)
    assert "online sexual coercion and extortion" not in text.lower()
