"""Each lesson's quiz in Kahoot!'s, Wayground's and Blooket's import templates: read back as the
apps read them (the templates' header text, columns and rows written out here, apart from the
writers), every file asks the slides' quiz, fits the app, and is the same for the same inputs."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TODAY
from openpyxl import load_workbook

from generator import BuildOptions, build
from generator.gate.exports import deck_quiz, read_export
from generator.gate.exports.rules import quiz_fits
from generator.gate.inspect import read_deck
from generator.gate.units import normalise
from generator.pipeline import load, plan
from generator.render.artefacts import Artefact
from generator.render.exports.quiz import (
    LIMITS,
    LessonQuiz,
    QuizQuestion,
    lesson_quiz,
    seconds_for,
)
from generator.render.exports.sheets import render_kahoot

EXAMPLES = Path(__file__).parent.parent / "examples"
BAND = "11-14"
FORMATS = ["pptx", "kahoot", "wayground", "blooket"]
FILES = {"kahoot": "quiz-kahoot.xlsx", "wayground": "quiz-wayground.xlsx", "blooket": "quiz-blooket.csv"}

KAHOOT_HEADER = ["Question - max 120 characters", "Answer 1 - max 75 characters", "Answer 2 - max 75 characters",
                 "Answer 3 - max 75 characters", "Answer 4 - max 75 characters",
                 "Time limit (sec) \u2013 5, 10, 20, 30, 60, 90, 120, or 240 secs",
                 "Correct answer(s) - choose at least one"]
KAHOOT_TIMES = {5, 10, 20, 30, 60, 90, 120, 240}
WAYGROUND_HEADER = ["Question Text", "Question Type", "Option 1", "Option 2", "Option 3", "Option 4", "Option 5",
                    "Correct Answer", "Time in seconds", "Image Link", "Answer explanation"]
BLOOKET_TITLE = ["Blooket\nImport Template", "", "", "", "", "", "", ""]
BLOOKET_HEADER = ["Question #", "Question Text", "Answer 1", "Answer 2", "Answer 3\n(Optional)", "Answer 4\n(Optional)",
                  "Time Limit (sec)\n(Max: 300 seconds)", "Correct Answer(s)\n(Only include Answer #)"]
UK_SERVICES = [r"Childline", r"\bCEOP\b", r"NSPCC", r"\bShout\b", r"Report Remove"]


def _options(out: Path) -> BuildOptions:
    return BuildOptions(out=out, bands=[BAND], formats=FORMATS, today=TODAY)


@pytest.fixture(scope="module")
def apps(tmp_path_factory) -> Path:
    """Return the output folder of a build of one band's slides and quiz-app files."""
    out = tmp_path_factory.mktemp("apps")
    build(_options(out))
    return out


@pytest.fixture(scope="module")
def quizzes() -> dict[str, LessonQuiz]:
    """Return each lesson's quiz as planned for the band, by lesson folder name."""
    options = _options(Path("unused"))
    planned = plan(load(options), options)
    return {lesson.id: lesson_quiz(pack, lesson, planned.schedules[pack.band.id, lesson.id])
            for pack in planned.packs for lesson in pack.lessons}


def lessons(out: Path) -> list[Path]:
    found = sorted(p.parent for p in out.glob("*/*/slides.pptx"))
    assert found, f"no lessons built in {out}"
    return found


# Each reader checks the template's layout and returns [(question, options, right option indexes,
# seconds)], Wayground's with each explanation.

def read_kahoot(path: Path) -> list[tuple]:
    book = load_workbook(path)
    assert book.sheetnames == ["Sheet1"]
    sheet = book["Sheet1"]
    assert [sheet.cell(8, c).value for c in range(1, 9)] == [None] + KAHOOT_HEADER
    assert isinstance(sheet["B2"].value, str) and sheet["B2"].value.startswith("Quiz: ")
    out, row = [], 9
    while sheet.cell(row, 2).value:
        assert sheet.cell(row, 1).value == row - 8                     # column A numbers the questions
        options = tuple(v for v in (sheet.cell(row, c).value for c in range(3, 7)) if v)
        right = tuple(int(n) - 1 for n in str(sheet.cell(row, 8).value).split(","))
        out.append((sheet.cell(row, 2).value, options, right, sheet.cell(row, 7).value))
        row += 1
    assert all(sheet.cell(r, c).value is None for r in range(row, row + 3) for c in range(1, 12))
    return out


def read_wayground(path: Path) -> list[tuple]:
    book = load_workbook(path)
    assert len(book.worksheets) == 1
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == WAYGROUND_HEADER
    assert sheet["A2"].value.startswith("Text of the question") and sheet["H2"].value.startswith(
        "The correct option choice (between 1-5).")
    out = []
    for row in sheet.iter_rows(min_row=3, values_only=True):
        assert row[1] == "Multiple Choice" and row[9] is None           # no image
        options = tuple(v for v in row[2:7] if v)
        out.append((row[0], options, (int(row[7]) - 1,), row[8], row[10]))
    return out


def read_blooket(path: Path) -> list[tuple]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark"
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert text.endswith("\r\n") and text.count("\r\n") == len(rows), "every row ends in CRLF"
    assert rows[0] == BLOOKET_TITLE and rows[1] == BLOOKET_HEADER
    out = []
    for number, row in enumerate(rows[2:], start=1):
        assert len(row) == 8 and row[0] == str(number)
        options = tuple(v for v in row[2:6] if v)
        out.append((row[1], options, tuple(int(n) - 1 for n in row[7].split(",")), int(row[6])))
    return out


READ = {"kahoot": read_kahoot, "wayground": read_wayground, "blooket": read_blooket}


@pytest.mark.parametrize("fmt", FILES)
def test_every_file_asks_the_slides_quiz_question_for_question(apps, fmt):
    for folder in lessons(apps):
        deck = deck_quiz(read_deck((folder / "slides.pptx").read_bytes()))
        asked = READ[fmt](folder / FILES[fmt])
        assert len(asked) == len(deck) >= 3, folder.name
        for number, (file, slide) in enumerate(zip(asked, deck), start=1):
            where = f"{folder.name} {fmt} question {number}"
            assert normalise(file[0]) == normalise(slide.question), where
            assert tuple(map(normalise, file[1])) == tuple(map(normalise, slide.options)), where
            assert file[2] == slide.correct, where


@pytest.mark.parametrize("fmt", FILES)
def test_every_question_fits_the_app_and_has_an_allowed_time(apps, quizzes, fmt):
    limits = LIMITS[fmt]
    allowed = {"kahoot": KAHOOT_TIMES, "wayground": set(limits.seconds), "blooket": set(range(1, 301))}[fmt]
    for folder in lessons(apps):
        wanted = seconds_for(limits, quizzes[folder.name].seconds)
        for question, options, _, seconds, *_ in READ[fmt](folder / FILES[fmt]):
            assert len(question) <= limits.question and 2 <= len(options) <= limits.answers, question
            assert all(len(o) <= limits.answer for o in options), options
            assert seconds in allowed and seconds == wanted, (folder.name, seconds)


def test_wayground_carries_each_explanation_whole_in_its_column(apps, quizzes):
    for folder in lessons(apps):
        rows = read_wayground(folder / FILES["wayground"])
        expected = [q.explanation or None for q in quizzes[folder.name].questions]
        assert [row[4] for row in rows] == expected
        assert any(expected), "the curriculum gives reasons, and the file carries them"


def test_the_gate_reads_each_file_as_the_app_does(apps):
    for folder in lessons(apps):
        for fmt, name in FILES.items():
            facts = read_export(fmt, (folder / name).read_bytes())
            ours = READ[fmt](folder / name)
            assert [(q.question, q.options, q.correct, q.seconds) for q in facts.quizzes[0]] == \
                [row[:4] for row in ours], f"{folder.name} {name}"


def test_the_same_inputs_give_byte_identical_files(apps, tmp_path):
    """A second build, in another process at another time with another hash seed, writes the same bytes."""
    again = tmp_path / "again"
    formats = [arg for fmt in FORMATS for arg in ("--format", fmt)]
    subprocess.run([sys.executable, "-m", "generator", "build", "--band", BAND, *formats, "--out", str(again)],
                   check=True, capture_output=True, env=os.environ | {"PYTHONHASHSEED": "1"})
    for folder in lessons(apps):
        for name in FILES.values():
            first, second = folder / name, again / folder.relative_to(apps) / name
            assert first.read_bytes() == second.read_bytes(), f"{folder.name}/{name} differs between builds"


def _cells(path: Path) -> list[str]:
    if path.suffix == ".csv":
        return [c for row in csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline="")) for c in row]
    book = load_workbook(path)
    return [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c]


def test_a_us_build_names_no_uk_service_in_any_quiz_file(curriculum, tmp_path):
    """A quiz question naming the region's report service ({report}) names the US one in every app's
    file, and no file names a UK service."""
    module = curriculum / "modules" / "what-to-do.yaml"
    asked = "Someone wants to block an account that is making threats. What should they do first?"
    module.write_text(module.read_text().replace(asked, "Someone will report threats to {report}. What should they do "
                                                        "first?"))
    out = tmp_path / "us"
    build(BuildOptions(out=out, curriculum=curriculum, config=EXAMPLES / "us-district.yaml",
                       formats=list(FILES), today=TODAY))
    files = sorted(out.glob("*/*/quiz-*"))
    assert {p.name for p in files} == set(FILES.values()) and len(files) >= 3 * 4, files
    naming = {p.name for p in files if any("report threats to the CyberTipline" in c for c in _cells(p))}
    assert naming == set(FILES.values()), "the question names the US service in every app's file"
    for path in files:
        for cell in _cells(path):
            for service in UK_SERVICES:
                assert not re.search(service, cell), f"{path.relative_to(out)}: {service!r} in {cell[:120]!r}"


def test_a_question_too_long_for_kahoot_is_written_whole_and_fails_the_gate_in_one_line():
    long = ("When someone you have only met in an online game keeps asking you for pictures and says it is "
            "fine, what should you do next?")
    assert len(long) > 120
    quiz = LessonQuiz("Quiz: A long question", ("Ages 11 to 14", "Lesson 1: A long question"), "en-GB", 30,
                      (QuizQuestion(1, long, ("Tell a trusted adult", "Send one"), 0, ""),
                       QuizQuestion(2, "Is it your fault?", ("No", "Yes"), 0, "")))
    data = render_kahoot(quiz)
    assert load_workbook(io.BytesIO(data))["Sheet1"]["B9"].value == long, "the writer cut the question short"
    artefact = Artefact(f"{BAND}/long/quiz-kahoot.xlsx", BAND, "long", "students", "quiz", "kahoot", (), data,
                        facts=read_export("kahoot", data))
    problems = quiz_fits(artefact)
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert problem.severity == "error" and problem.field == "question 1"
    assert f"{len(long)} characters" in problem.message and "Kahoot takes 120" in problem.message
    assert "\n" not in str(problem)
