"""A lesson's quiz as every export writes it: the questions its slides ask, in the same order,
with the options, the right answer and why, and each platform's limits on their length."""

from __future__ import annotations

from dataclasses import dataclass

from ...plan.deck import quiz_questions
from ...plan.packs import BandPack, Lesson
from ...plan.schedule import Schedule


@dataclass(frozen=True)
class Limits:
    """What a quiz platform's import takes: characters per question and per answer, how many
    answers, and the time limits (seconds) it offers."""

    question: int
    answer: int
    answers: int
    seconds: tuple[int, ...]


LIMITS = {   # from each platform's import template and help pages
    # Kahoot!'s KahootQuizTemplate.xlsx: "Question - max 120 characters", "Answer 1..4 - max 75
    # characters", "Time limit (sec) - 5, 10, 20, 30, 60, 90, 120, or 240 secs" (its G9 list too)
    "kahoot": Limits(120, 75, 4, (5, 10, 20, 30, 60, 90, 120, 240)),
    # Wayground's (Quizizz) template: "Option 1".."Option 5", "Time in seconds" (default 30); the
    # character limits and the times offered are not in the template (unconfirmed)
    "wayground": Limits(1000, 500, 5, (5, 10, 20, 30, 45, 60, 120, 180, 300, 600, 900)),
    # Blooket's Spreadsheet Import Template: "Answer 1".."Answer 4", "Time Limit (sec) (Max: 300
    # seconds)"; the character limits are not in the template (unconfirmed)
    "blooket": Limits(300, 300, 4, tuple(range(5, 301))),
}


@dataclass(frozen=True)
class QuizQuestion:
    """One multiple-choice question, as the slides ask it."""

    number: int
    question: str
    options: tuple[str, ...]
    correct: int           # the index of the right option
    explanation: str       # why it is right ("" if the curriculum gives no reason)

    @property
    def answer(self) -> str:
        return self.options[self.correct]

    @property
    def name(self) -> str:
        """Return what a question bank lists it as: "Question 2"."""
        return f"Question {self.number}"


@dataclass(frozen=True)
class LessonQuiz:
    """A lesson's quiz and what an import needs to file it: a title, the category (band and
    lesson), the language, and the seconds a pupil of the band has for each question."""

    title: str
    category: tuple[str, ...]      # the question bank's folders, outermost first: band, then lesson
    language: str
    seconds: int
    questions: tuple[QuizQuestion, ...]


def lesson_quiz(pack: BandPack, lesson: Lesson, plan: Schedule) -> LessonQuiz:
    """Return the quiz *plan*'s slides ask, question for question."""
    questions = tuple(QuizQuestion(n, q.question, tuple(q.options), q.options.index(q.answer), q.explanation or "")
                      for n, q in enumerate(quiz_questions(pack, lesson, plan), start=1))
    return LessonQuiz(f"Quiz: {lesson.title}", (pack.band.label, f"Lesson {lesson.number}: {lesson.title}"),
                      pack.region.language, pack.timing.quiz_seconds, questions)


RIGHT = "Yes, that's right."
WRONG = "Not this one."


def feedback(question: QuizQuestion, option: int) -> str:
    """Return what a pupil who picks *option* is told."""
    return RIGHT if option == question.correct else WRONG


def seconds_for(limits: Limits, wanted: int) -> int:
    """Return the platform's time limit nearest *wanted*, the longer when two are as near."""
    return min(limits.seconds, key=lambda s: (abs(s - wanted), -s))
