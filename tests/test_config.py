"""School configs a safeguarding lead writes: every mistake gets one line naming their file,
the line and the field, and what to do."""

from __future__ import annotations

import zipfile

import pytest
from conftest import TODAY

from generator import BuildOptions, validate
from generator.errors import ContentError
from generator.load.config import load_school


def config_problems(path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        validate(BuildOptions(config=path, bands=["11-14"], today=TODAY))
    return [str(p) for p in caught.value.problems if p.severity == "error"]


def test_a_word_file_given_as_the_config_says_it_is_not_yaml_text(tmp_path):
    path = tmp_path / "my-school.yaml"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    assert config_problems(path) == [
        f"{path}: is not a YAML text file (it is a Word document or another zip file); save the settings as "
        "plain text, for example by editing the file `lessonpack init` writes"]


def test_a_file_that_is_not_utf8_text_says_so(tmp_path):
    path = tmp_path / "my-school.yaml"
    path.write_bytes(b"school: \xff\xfe Hillside\n")
    assert config_problems(path) == [
        f"{path}: is not a YAML text file (it is not UTF-8 text); save the settings as plain text, for "
        "example by editing the file `lessonpack init` writes"]


def test_a_logo_that_is_not_an_image_names_the_config_line_and_field(tmp_path):
    (tmp_path / "logo.png").write_text("not a picture")
    path = tmp_path / "my-school.yaml"
    path.write_text("school: Hillside Academy\nbranding:\n  logo: logo.png\n")
    assert config_problems(path) == [
        f"{path}:3: branding.logo: logo.png is not a PNG or JPEG image; save the logo as PNG or JPEG and give "
        "that file"]


def test_a_region_in_lower_case_is_accepted(tmp_path):
    path = tmp_path / "my-school.yaml"
    path.write_text("region: us\ndsl:\n  name: Ms. Alvarez\n")
    assert load_school(path).config.region == "US"


def test_an_unknown_region_lists_the_codes_that_exist(tmp_path):
    path = tmp_path / "my-school.yaml"
    path.write_text("dsl:\n  name: Ms Okafor\nregion: FR\n")
    assert config_problems(path) == [f"{path}:3: region: no help services for region 'FR'; "
                                     "expected one of AU, UK, US"]


@pytest.mark.parametrize("text, warning", [
    ("# nothing yet\n", "warning: the config is empty, so every default applies and no safeguarding lead is "
                        "named; fill it in (`lessonpack init` writes a starter)"),
    ("school: Hillside Academy\n", "dsl: [signposting] warning: names no safeguarding lead, so the packs name "
                                   "only the role; add dsl: name, role and where"),
])
def test_an_empty_config_or_one_naming_no_lead_is_a_warning(tmp_path, text, warning):
    path = tmp_path / "my-school.yaml"
    path.write_text(text)
    result = validate(BuildOptions(config=path, bands=["9-11"], today=TODAY))
    assert [str(p) for p in result.problems] == [f"{path}: {warning}"]


def test_a_new_band_without_content_from_names_what_it_needs(tmp_path):
    path = tmp_path / "my-school.yaml"
    path.write_text("dsl:\n  name: Ms Okafor\nbands:\n  - id: KS3\n    label: Key Stage 3\n")
    assert config_problems(path) == [
        f"{path}:4: bands[0]: band 'KS3' needs max_age, min_age, reading_grade, school_years; give them, or "
        "content_from: a default band to take them from"]


def test_lesson_dates_for_an_unknown_band(tmp_path):
    path = tmp_path / "my-school.yaml"
    path.write_text("dsl:\n  name: Ms Okafor\nlesson_dates:\n  KS3: [2027-01-12]\n")
    assert config_problems(path) == [
        f"{path}:4: lesson_dates.KS3: unknown band 'KS3'; expected one of 9-11, 11-14, 14-16, 16-18"]
