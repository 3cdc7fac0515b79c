"""A lesson's quiz in Moodle's GIFT text format: a category per lesson, per-answer feedback, and
the explanation as general feedback, in plain text with GIFT's special characters escaped."""

from __future__ import annotations

from .moodle import category_path
from .quiz import LessonQuiz, feedback

SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    """Return *text* with every GIFT control character backslash-escaped."""
    return "".join("\\" + c if c in SPECIAL else c for c in text)


def render_gift(quiz: LessonQuiz) -> bytes:
    """Return *quiz* as a UTF-8 GIFT file."""
    lines = [f"// {quiz.title}", f"$CATEGORY: {category_path(quiz.category)}", ""]
    for q in quiz.questions:
        lines.append(f"::{escape(q.name)}::[plain]{escape(q.question)} {{")   # shown as typed, never as HTML
        for n, option in enumerate(q.options):
            mark = "=" if n == q.correct else "~"
            lines.append(f"\t{mark}{escape(option)}#{escape(feedback(q, n))}")
        if q.explanation:
            lines.append(f"\t####{escape(q.explanation)}")
        lines += ["}", ""]
    return "\n".join(lines).encode("utf-8")
