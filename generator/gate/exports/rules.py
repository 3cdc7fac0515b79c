"""The gate's rules on exports as another system imports them: the quiz is the slides' quiz,
question for question; it fits the platform's limits (never cut short); and a cartridge shows
learners no file written for staff; a lesson's JSON is what its published schema says."""

from __future__ import annotations

from ...errors import Problem
from ...render.exports.quiz import LIMITS
from ..units import normalise
from .facts import ExportFacts, QuizFacts
from .lesson_json import SCHEMA, violations

STAFF_FILES = ("teacher-notes", "dsl-briefing", "slides")    # files with text for staff (slides: their notes)


def _problem(artefact, where: str, message: str, quote: str = "") -> Problem:
    return Problem(artefact.path, 0, where, message, "error", "exports", quote)


def _same(a: QuizFacts, b: QuizFacts) -> bool:
    plain = lambda q: (normalise(q.question), tuple(map(normalise, q.options)), q.correct)  # noqa: E731
    return plain(a) == plain(b)


def quiz_matches(artefact, expected: tuple[tuple[QuizFacts, ...], ...]) -> list[Problem]:
    """Each quiz an export asks is its lesson's deck's quiz: the same questions, options and answer."""
    facts = artefact.facts
    if not isinstance(facts, ExportFacts) or not expected:
        return []
    if len(facts.quizzes) != len(expected):
        return [_problem(artefact, "", f"has {len(facts.quizzes)} quizzes for {len(expected)} lessons; "
                         "every lesson's quiz is exported once")]
    out = []
    for lesson, (asked, shown) in enumerate(zip(facts.quizzes, expected), start=1):
        where = f"lesson {lesson} " if len(expected) > 1 else ""
        if len(asked) != len(shown):
            out.append(_problem(artefact, f"{where}quiz", f"asks {len(asked)} questions where the slides ask "
                                f"{len(shown)}; export the slides' quiz"))
            continue
        for number, (a, s) in enumerate(zip(asked, shown), start=1):
            if not _same(a, s):
                out.append(_problem(artefact, f"{where}question {number}", "differs from the slides' question "
                                    f"{number} (its text, options or right answer); export the slides' quiz",
                                    a.question[:60]))
    return out


def quiz_fits(artefact) -> list[Problem]:
    """Every question and answer fits the platform's import, so nothing is cut short there."""
    facts = artefact.facts
    if not isinstance(facts, ExportFacts) or (limits := LIMITS.get(artefact.format)) is None:
        return []
    out = []
    for quiz in facts.quizzes:
        for number, q in enumerate(quiz, start=1):
            sized = [(q.question, limits.question)] + [(option, limits.answer) for option in q.options]
            out += [_problem(artefact, f"question {number}", f"has {len(text)} characters where "
                             f"{artefact.format.title()} takes {most}; shorten it in the curriculum", text[:60])
                    for text, most in sized if len(text) > most]
            if len(q.options) > limits.answers:
                out.append(_problem(artefact, f"question {number}", f"has {len(q.options)} answers where "
                                    f"{artefact.format.title()} takes {limits.answers}; give fewer options"))
    return out


def staff_hidden(artefact) -> list[Problem]:
    """A cartridge marks every staff-only file for instructors, and shows none to learners."""
    facts = artefact.facts
    if not isinstance(facts, ExportFacts):
        return []
    staff = lambda name: name.rpartition("/")[2].startswith(STAFF_FILES)  # noqa: E731
    out = [_problem(artefact, name, "shows a staff-only file to learners; mark it for instructors only")
           for name in facts.learner_files if staff(name)]
    hidden = set(facts.instructor_files)
    everything = set(facts.learner_files) | hidden
    out += [_problem(artefact, name, "has a staff-only file not marked for instructors; mark it so")
            for name in sorted(everything) if staff(name) and name not in hidden]
    return out


def schema_valid(artefact) -> list[Problem]:
    """Each JSON export matches the lesson schema; each mismatch is one problem, located by its JSON path."""
    if getattr(artefact, "format", None) != "json":
        return []
    return [Problem(artefact.path, 0, where.removeprefix("$.") if where != "$" else "",
                    f"{message}; the file must match schemas/{SCHEMA} (fix the JSON export, or the schema "
                    "and its version)", "error", "exports")
            for where, message in violations(artefact.data)]
