"""Read a GIFT file back as Moodle's importer reads it: each question's name, text, answers
(= right, ~ wrong) with their feedback, and the general feedback."""

from __future__ import annotations

import re

from .facts import ExportFacts, QuizFacts

QUESTION = re.compile(r"::(?P<name>(?:\\.|[^:\\])*)::(?P<text>(?:\\.|[^{\\])*)\{(?P<body>(?:\\.|[^}\\])*)\}", re.S)
ANSWER = re.compile(r"(?P<mark>[=~])(?P<text>(?:\\.|[^=~#\\])*)(?:#(?P<feedback>(?:\\.|[^=~#\\])*))?")


FORMAT = re.compile(r"^\[(?:html|moodle|plain|markdown)\]")     # a question text's format, as Moodle reads it


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).strip()


def read_gift(data: bytes) -> ExportFacts:
    """Return the quiz and texts of a GIFT file."""
    source = "\n".join(line for line in data.decode("utf-8").splitlines() if not line.lstrip().startswith("//"))
    texts, questions = [], []
    for number, m in enumerate(QUESTION.finditer(source), start=1):
        body, _, general = m.group("body").partition("####")
        answers = [(a.group("mark"), unescape(a.group("text")), unescape(a.group("feedback") or ""))
                   for a in ANSWER.finditer(body)]
        question = QuizFacts(unescape(FORMAT.sub("", m.group("text").lstrip(), count=1)), tuple(a[1] for a in answers),
                             tuple(n for n, a in enumerate(answers) if a[0] == "="), unescape(general))
        questions.append(question)
        where = f"question {number}"
        texts += [(where, question.question)] + [(f"{where} answer {n}", f"{a[1]} {a[2]}")
                                                 for n, a in enumerate(answers, start=1)]
        texts += [(f"{where} feedback", question.explanation)] if question.explanation else []
    return ExportFacts("gift", tuple(texts), (tuple(questions),))
