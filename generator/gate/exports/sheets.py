"""Read quiz apps' import spreadsheets back as the apps import them: find the header row by its
labels, then take each row below with a question: its answers, the answer numbers marked right,
the time limit and (Wayground) the explanation. The texts are what players see."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from .facts import ExportFacts, QuizFacts

# Each app's header: how each column's label starts
KAHOOT = {"question": "Question - max", "answers": tuple(f"Answer {n} - max" for n in range(1, 5)),
          "seconds": "Time limit", "correct": "Correct answer"}
WAYGROUND = {"question": "Question Text", "answers": tuple(f"Option {n}" for n in range(1, 6)),
             "seconds": "Time in seconds", "correct": "Correct Answer", "explanation": "Answer explanation"}
BLOOKET = {"question": "Question Text", "answers": tuple(f"Answer {n}" for n in range(1, 5)),
           "seconds": "Time Limit", "correct": "Correct Answer"}
WAYGROUND_NOTES = "Text of the question"     # the template's row saying what each column takes


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _cell(row: list[str], column: int | None) -> str:
    return row[column] if column is not None and column < len(row) else ""


def _number(text: str) -> int | None:
    """Return the whole number *text* holds ("2", "2.0"), or None."""
    try:
        return int(float(text))
    except ValueError:
        return None


def _find(row: list[str], label: str) -> int | None:
    return next((n for n, cell in enumerate(row) if cell.startswith(label)), None)


def _columns(row: list[str], labels: dict) -> dict | None:
    """Return the column of each of *labels* in *row* (the answers' as a tuple), or None if *row*
    is not the header."""
    at = {key: tuple(_find(row, a) for a in label) if key == "answers" else _find(row, label)
          for key, label in labels.items()}
    return None if None in at["answers"] or None in at.values() else at


def _quiz(rows: list[list[str]], labels: dict, fmt: str, skip: str = "") -> ExportFacts:
    """Return the quiz in *rows*: each row with a question under the header row (the first row
    holding every one of *labels*), leaving out a notes row starting with *skip*; no quiz if no
    row is the header."""
    start, at = next(((n, at) for n, row in enumerate(rows) if (at := _columns(row, labels))), (len(rows), {}))
    questions, texts = [], []
    for row in rows[start + 1:]:
        question = _cell(row, at["question"])
        if not question or (skip and question.startswith(skip)):
            continue
        answers = tuple(a for a in (_cell(row, n) for n in at["answers"]) if a)
        correct = tuple(n - 1 for n in map(_number, _cell(row, at["correct"]).split(",")) if n is not None)
        facts = QuizFacts(question, answers, correct, _cell(row, at.get("explanation")),
                          _number(_cell(row, at["seconds"])))
        questions.append(facts)
        where = f"question {len(questions)}"
        texts += [(where, question)] + [(f"{where} answer {n}", a) for n, a in enumerate(answers, start=1)]
        texts += [(f"{where} explanation", facts.explanation)] if facts.explanation else []
    return ExportFacts(fmt, tuple(texts), (tuple(questions),))


def _sheet_rows(data: bytes) -> list[list[str]]:
    """Return the cells of a workbook's first sheet as text, row by row."""
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return [[_text(cell) for cell in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def read_kahoot(data: bytes) -> ExportFacts:
    """Return the quiz of a Kahoot! quiz spreadsheet."""
    return _quiz(_sheet_rows(data), KAHOOT, "kahoot")


def read_wayground(data: bytes) -> ExportFacts:
    """Return the quiz of a Wayground (Quizizz) quiz spreadsheet, with each explanation."""
    return _quiz(_sheet_rows(data), WAYGROUND, "wayground", skip=WAYGROUND_NOTES)


def read_blooket(data: bytes) -> ExportFacts:
    """Return the quiz of a Blooket import CSV."""
    rows = [[_text(c) for c in row] for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))]
    return _quiz(rows, BLOOKET, "blooket")
