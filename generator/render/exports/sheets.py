"""A lesson's quiz in the import spreadsheets of three quiz apps, each laid out as the app's own
template so a teacher uploads it unchanged: Kahoot!'s quiz spreadsheet (xlsx), Wayground's
(formerly Quizizz) spreadsheet (xlsx) and Blooket's CSV import template. Text is written whole,
never cut to an app's limits (the gate's quiz_fits reports what is too long), and the same quiz
gives the same bytes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from ...write.stamp import ZIP_TIME, app_properties, zip_entries
from .quiz import LIMITS, LessonQuiz, QuizQuestion, seconds_for

WHEN = dt.datetime(*ZIP_TIME)      # the files' dates, as fixed as their zip timestamps
TITLE, BOLD = Font(bold=True, size=14), Font(bold=True, size=12)
GREY = PatternFill("solid", fgColor="FFF3F3F3")
WRAP = Alignment(wrap_text=True, vertical="top")

# Kahoot!'s "Quiz template" (KahootQuizTemplate.xlsx): a title and notes in B2:B6, the header in
# B8:H8, questions from row 9 with their number in column A, on "Sheet1".
KAHOOT_HEADER = ("Question - max 120 characters", "Answer 1 - max 75 characters", "Answer 2 - max 75 characters",
                 "Answer 3 - max 75 characters", "Answer 4 - max 75 characters",
                 "Time limit (sec) \u2013 5, 10, 20, 30, 60, 90, 120, or 240 secs",
                 "Correct answer(s) - choose at least one")
KAHOOT_HEADER_ROW = 8
KAHOOT_NOTES = ("Questions, answer alternatives, time limits and correct answers, as the lesson's slides ask them.",
                ("Remember: questions have a limit of 120 characters and answers can have 75 characters max. "
                 "If several answers are correct, separate them with a comma."),
                "Upload this file unchanged with Kahoot!'s spreadsheet import.")
KAHOOT_WIDTHS = {"A": 12.5, "B": 49.3, "C": 31.8, "D": 31.8, "E": 31.8, "F": 31.8, "G": 26.3, "H": 33.2}

# Wayground's "Create a Quiz" template: the header in row 1, what each column takes in row 2, and
# questions from row 3; the right answer is the option's number.
WAYGROUND_HEADER = ("Question Text", "Question Type", "Option 1", "Option 2", "Option 3", "Option 4", "Option 5",
                    "Correct Answer", "Time in seconds", "Image Link", "Answer explanation")
WAYGROUND_NOTES = ("Text of the question\n\n(required)\n\n\n", "Question Type\n\n(default is Multiple Choice)\n\n",
                   "Text for option 1\n\n(required in all cases except open-ended & draw questions)",
                   "Text for option 2\n\n(required in all cases except open-ended & draw questions)",
                   "Text for option 3\n\n(optional)\n\n\n", "Text for option 4\n\n(optional)\n\n\n",
                   "Text for option 5\n\n(optional)\n\n\n",
                   ('The correct option choice (between 1-5).\n\nLeave blank for "Open-Ended", "Poll", "Draw" and '
                    '"Fill-in-the-Blank".'),
                   "Time in seconds\n\n(optional, default value is 30 seconds)\n", "Link of the image\n\n(optional)\n\n\n",
                   "Explanation for the answer\n(optional)\n\n\n")
WAYGROUND_TYPE = "Multiple Choice"
WAYGROUND_WIDTHS = dict(zip("ABCDEFGHIJK", (60, 20, 30, 30, 30, 30, 30, 20, 18, 20, 60)))

# Blooket's import template, as CSV: its title row, the header, then a row per question.
BLOOKET_TITLE = "Blooket\nImport Template"
BLOOKET_HEADER = ("Question #", "Question Text", "Answer 1", "Answer 2", "Answer 3\n(Optional)",
                  "Answer 4\n(Optional)", "Time Limit (sec)\n(Max: 300 seconds)",
                  "Correct Answer(s)\n(Only include Answer #)")


def _options(question: QuizQuestion, columns: int) -> list[str | None]:
    """Return *question*'s options padded with empty cells to the template's *columns* answer
    columns (an option never falls into another column)."""
    if len(question.options) > columns:
        raise ValueError(f"question {question.number} has {len(question.options)} options; "
                         f"the template has {columns} answer columns")
    return list(question.options) + [None] * (columns - len(question.options))


def render_kahoot(quiz: LessonQuiz) -> bytes:
    """Return *quiz* as a Kahoot! quiz spreadsheet."""
    book, sheet = _workbook(quiz, "Sheet1")
    limits = LIMITS["kahoot"]
    seconds = seconds_for(limits, quiz.seconds)
    sheet.cell(2, 2, quiz.title).font = TITLE
    for row, note in enumerate(KAHOOT_NOTES, start=3):
        sheet.cell(row, 2, note)
    _header(sheet, KAHOOT_HEADER_ROW, 2, KAHOOT_HEADER)
    for q in quiz.questions:
        row = KAHOOT_HEADER_ROW + q.number
        cells = [q.number, q.question, *_options(q, limits.answers), seconds, q.correct + 1]
        for column, value in enumerate(cells, start=1):
            sheet.cell(row, column, value).alignment = WRAP
    times = DataValidation("list", formula1=f'"{",".join(map(str, limits.seconds))}"', allow_blank=True)
    times.add(f"G{KAHOOT_HEADER_ROW + 1}:G{KAHOOT_HEADER_ROW + len(quiz.questions)}")
    sheet.add_data_validation(times)
    _widths(sheet, KAHOOT_WIDTHS)
    return _xlsx(book)


def render_wayground(quiz: LessonQuiz) -> bytes:
    """Return *quiz* as a Wayground (Quizizz) quiz spreadsheet, each explanation in its column."""
    book, sheet = _workbook(quiz, "Create a Quiz")
    limits = LIMITS["wayground"]
    seconds = seconds_for(limits, quiz.seconds)
    _header(sheet, 1, 1, WAYGROUND_HEADER)
    for column, note in enumerate(WAYGROUND_NOTES, start=1):
        sheet.cell(2, column, note).alignment = WRAP
    for row, q in enumerate(quiz.questions, start=3):
        cells = [q.question, WAYGROUND_TYPE, *_options(q, limits.answers), q.correct + 1, seconds, None,
                 q.explanation or None]
        for column, value in enumerate(cells, start=1):
            sheet.cell(row, column, value).alignment = WRAP
    _widths(sheet, WAYGROUND_WIDTHS)
    return _xlsx(book)


def render_blooket(quiz: LessonQuiz) -> bytes:
    """Return *quiz* as a Blooket import CSV: UTF-8 with a byte-order mark (so Excel shows it
    right; it falls in the title cell Blooket skips), CRLF rows, quoted by the csv module."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([BLOOKET_TITLE] + [""] * (len(BLOOKET_HEADER) - 1))
    writer.writerow(BLOOKET_HEADER)
    limits = LIMITS["blooket"]
    seconds = seconds_for(limits, quiz.seconds)
    for q in quiz.questions:
        writer.writerow([q.number, q.question, *_options(q, limits.answers), seconds, q.correct + 1])
    return out.getvalue().encode("utf-8-sig")


def _workbook(quiz: LessonQuiz, sheet_name: str):
    """Return a new workbook titled and dated for *quiz*, and its one sheet."""
    book = Workbook()
    props = book.properties
    props.title, props.subject, props.language = quiz.title, " / ".join(quiz.category), quiz.language
    props.creator = props.lastModifiedBy = "lessonpack"
    props.created = props.modified = WHEN
    sheet = book.active
    sheet.title = sheet_name
    return book, sheet


def _header(sheet, row: int, first: int, labels) -> None:
    """Write a template's header *labels* in *row* from column *first*, bold on grey."""
    for column, label in enumerate(labels, start=first):
        cell = sheet.cell(row, column, label)
        cell.font, cell.fill, cell.alignment = BOLD, GREY, WRAP


def _widths(sheet, widths: dict[str, float]) -> None:
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width


def _xlsx(book: Workbook) -> bytes:
    """Return *book* saved, rezipped with fixed timestamps and lessonpack's app.xml, so the same
    workbook always gives the same bytes."""
    saved = io.BytesIO()
    ExcelWriter(book, zipfile.ZipFile(saved, "w", zipfile.ZIP_DEFLATED)).save()   # book.save() dates it now
    with zipfile.ZipFile(saved) as package:
        parts = [(name, package.read(name)) for name in package.namelist()]
    return zip_entries((name, app_properties() if name == "docProps/app.xml" else body) for name, body in parts)
