"""The facts of an export the gate checks, and the quiz a deck asks, read the same way."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..inspect import DeckFacts


@dataclass(frozen=True)
class QuizFacts:
    """One question as an export asks it."""

    question: str
    options: tuple[str, ...]
    correct: tuple[int, ...]       # the indexes of the options the file marks right
    explanation: str = ""
    seconds: int | None = None     # the time limit the file sets, if it sets one


@dataclass(frozen=True)
class ExportFacts:
    """What an export holds, as read back from its bytes."""

    format: str
    texts: tuple[tuple[str, str], ...]             # (where, text): everything a reader of the file sees
    quizzes: tuple[tuple[QuizFacts, ...], ...]     # each lesson's quiz, in lesson order
    help: str = ""                                 # the text of its "Where to get help" page, if any
    learner_files: tuple[str, ...] = ()            # files a learner can open (a cartridge's)
    instructor_files: tuple[str, ...] = ()         # files marked for instructors only


QUESTION = re.compile(r"^(\d+)\. (.*)$")
OPTION = re.compile(r"(?:^|\s{2,})([A-Z])\)\s")


def deck_quiz(deck: DeckFacts) -> tuple[QuizFacts, ...]:
    """Return the quiz a deck asks: each question with its options (the lines under it), and the
    option its answers slide gives."""
    questions, answers = [], {}
    for slide in deck.slides:
        role = slide.name.partition(" ")[0]
        for paragraph in slide.paragraphs:
            if role == "quiz" and (m := QUESTION.match(paragraph)):
                questions.append([m.group(2), ()])
            elif role == "quiz" and questions and OPTION.match(paragraph):
                questions[-1][1] = tuple(o.strip() for o in OPTION.split(paragraph)[2::2])
            elif role == "quiz_answers" and (m := QUESTION.match(paragraph)):
                answers[int(m.group(1))] = ord(m.group(2)[0]) - ord("A")
    return tuple(QuizFacts(q, options, (answers[n],) if n in answers else ())
                 for n, (q, options) in enumerate(questions, start=1))

