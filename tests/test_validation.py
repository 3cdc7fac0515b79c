"""Bad curriculum files and school configs: every problem, one line each, with file, line and field."""

from __future__ import annotations

import re

import pytest
from conftest import TODAY
from helpers import messages

from generator import BuildOptions, validate
from generator.errors import ContentError


def problems(curriculum, config=None) -> list[str]:
    with pytest.raises(ContentError) as caught:
        validate(BuildOptions(curriculum=curriculum, config=config, today=TODAY))
    return [m.replace(str(curriculum.parent) + "/", "") for m in messages(caught.value) if NOTICE not in m]


NOTICE = "no safeguarding lead"     # the warning of a build without one (tests/test_config.py)


def edit(path, old, new):
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def line_of(path, needle) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_shipped_curriculum_is_valid():
    assert [p for p in validate(BuildOptions(today=TODAY)).problems if NOTICE not in p.message] == []


def test_missing_notes_on_a_slide(curriculum, monkeypatch):
    monkeypatch.chdir(curriculum.parent)
    module = curriculum / "modules" / "grooming-patterns.yaml"
    text = module.read_text()
    start = text.index("        notes:", text.index("    teach:"))
    end = re.compile(r"^        \w", re.M).search(text, start + 1).start()
    module.write_text(text[:start] + text[end:])
    line = text[:text.index("      - title:", text.index("    teach:"))].count("\n") + 1
    assert problems(curriculum) == [
        f"lessons/modules/grooming-patterns.yaml:{line}: bands.9-11.teach[0].notes: [completeness] required"]


def test_quiz_answer_must_be_an_option(curriculum, monkeypatch):
    monkeypatch.chdir(curriculum.parent)
    module = curriculum / "modules" / "what-to-do.yaml"
    answer = next(l for l in module.read_text().splitlines()
                  if l.strip().startswith("answer:") and l.split(":", 1)[1].strip() not in ("myth", "fact"))
    edit(module, answer, answer.split("answer:")[0] + "answer: Something else entirely")
    line = line_of(module, "answer: Something else entirely")
    quiz_line = [m for m in problems(curriculum) if "quiz" in m]
    assert len(quiz_line) == 1
    assert quiz_line[0].endswith(": answer must be exactly one of the options")
    assert quiz_line[0].startswith("lessons/modules/what-to-do.yaml:")
    assert int(quiz_line[0].split(":")[1]) < line


def test_unknown_field_and_bad_date_are_both_reported(curriculum, monkeypatch):
    monkeypatch.chdir(curriculum.parent)
    module = curriculum / "modules" / "one-more-image.yaml"
    edit(module, "reviewed: 2026-12-02", "reviewed: 2026-13-40\ncolour: blue")
    line = line_of(module, "reviewed:")
    assert problems(curriculum) == [
        f"lessons/modules/one-more-image.yaml:{line}: reviewed: expected a date as YYYY-MM-DD",
        f"lessons/modules/one-more-image.yaml:{line + 1}: colour: unknown field "
        "(check the spelling against the schema in README.md)",
    ]


def test_invalid_yaml_names_the_line(curriculum, monkeypatch):
    monkeypatch.chdir(curriculum.parent)
    (curriculum / "modules" / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n")
    [found] = problems(curriculum)
    assert found.startswith("lessons/modules/broken.yaml:3: invalid YAML: ")
    assert "expected ',' or ']'" in found


@pytest.mark.parametrize("module, message", [
    ("trusted-adult", "no module 'trusted-adult' in modules/"),
    ("staff-disclosure", "'staff-disclosure' is a staff module"),
    ("what-it-is", "'what-it-is' has no content for band '9-11'"),
])
def test_sequence_must_name_pupil_modules_written_for_the_band(curriculum, monkeypatch, module, message):
    monkeypatch.chdir(curriculum.parent)
    sequences = curriculum / "sequences.yaml"
    edit(sequences, "modules: [grooming-patterns, trusted-adults]", f"modules: [{module}, trusted-adults]")
    line = line_of(sequences, f"[{module},")
    assert problems(curriculum) == [f"lessons/sequences.yaml:{line}: bands.9-11[0].modules[0]: {message}"]


def test_module_id_must_match_its_file(curriculum, monkeypatch):
    monkeypatch.chdir(curriculum.parent)
    (curriculum / "modules" / "what-to-do.yaml").rename(curriculum / "modules" / "steps.yaml")
    found = problems(curriculum)
    assert "lessons/modules/steps.yaml:1: id: must match the file name 'steps'" in found


def test_stale_service_is_a_warning_naming_it(curriculum, monkeypatch):
    monkeypatch.chdir(curriculum.parent)
    services = curriculum / "services" / "uk.yaml"
    edit(services, "verified: 2026-11-24", "verified: 2024-01-02")
    line = line_of(services, "2024-01-02")
    warnings = validate(BuildOptions(curriculum=curriculum, today=TODAY)).problems
    assert [str(w) for w in warnings if NOTICE not in w.message] == [
        f"lessons/services/uk.yaml:{line}: services[0].verified: [signposting] warning: Emergency services was last verified "
        "on 2024-01-02, over a year ago; check its details"]


def test_config_errors(tmp_path, curriculum):
    config = tmp_path / "school.yaml"
    config.write_text("school: Hillside\ndsl:\n  role: Head\nregion: FR\nbranding:\n  primary: navy\n")
    assert problems(curriculum, config) == [
        "school.yaml:3: dsl.name: [completeness] required",
        "school.yaml:6: branding.primary: 'navy' is not in the expected form (a six-digit hex colour, like 1F3864)",
    ]
    config.write_text("region: FR\ntemplates:\n  slides: missing.pptx\n")
    assert problems(curriculum, config) == [
        "school.yaml:1: region: no help services for region 'FR'; expected one of AU, UK, US",
        "school.yaml:3: templates.slides: file not found: missing.pptx",
    ]


def test_a_bracketed_placeholder_or_typed_slide_number_is_an_error(curriculum, monkeypatch):
    monkeypatch.chdir(curriculum.parent)
    module = curriculum / "modules" / "what-to-do.yaml"
    edit(module, "text: (sends a screenshot of your class group chat)", "text: \"[screenshot here]\"")
    text = module.read_text()
    module.write_text(text.replace("notes: >-\n", "notes: >-\n          As slide 12 showed,\n", 1))
    found = problems(curriculum)
    assert any("'[screenshot here]' reads as a placeholder" in m for m in found)
    assert any("types a slide number ('slide 12')" in m and m.startswith("lessons/modules/what-to-do.yaml:")
               for m in found)
