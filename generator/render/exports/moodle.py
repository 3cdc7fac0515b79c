"""A lesson's quiz as Moodle XML: its category, then one single-answer multiple-choice question per
quiz question, the options in the slides' order and lettered A, B, C as the slides letter them,
with per-answer feedback and the explanation as general feedback."""

from __future__ import annotations

import html

from lxml import etree

from .quiz import LessonQuiz, QuizQuestion, feedback

PENALTY = "0.3333333"   # Moodle's default: a third of the mark off for each wrong try (interactive mode)
# Moodle's overall feedback, left empty: each answer's own feedback already says right or not
COMBINED = ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback")


def category_path(levels) -> str:
    """Return the question bank folders *levels* as a Moodle category path under the course's top
    category, each "/" in a name doubled as Moodle's importer splits on single ones."""
    names = []
    for name in (level.replace("/", "//") for level in levels):
        names.append(f" {name} " if name[:1] == "/" or name[-1:] == "/" else name)
    return "/".join(["$course$", "top"] + names)


def _text(parent, tag: str, text: str, **attributes) -> etree._Element:
    """Add <tag> holding <text>: *text* escaped as HTML, in CDATA when escaped, as Moodle exports it."""
    element, value = etree.SubElement(parent, tag, **attributes), html.escape(text, quote=False)
    etree.SubElement(element, "text").text = etree.CDATA(value) if "&" in value else value
    return element


def _value(parent, tag: str, value: str) -> None:
    etree.SubElement(parent, tag).text = value


def _question(root, q: QuizQuestion) -> None:
    """Add *q* as a single-answer multichoice question."""
    question = etree.SubElement(root, "question", type="multichoice")
    etree.SubElement(etree.SubElement(question, "name"), "text").text = q.name
    _text(question, "questiontext", q.question, format="html")
    _text(question, "generalfeedback", q.explanation, format="html")
    for tag, value in (("defaultgrade", "1"), ("penalty", PENALTY), ("hidden", "0"), ("single", "true"),
                       ("shuffleanswers", "false"), ("answernumbering", "ABCD")):
        _value(question, tag, value)
    for tag in COMBINED:
        _text(question, tag, "", format="html")
    for n, option in enumerate(q.options):
        answer = _text(question, "answer", option, fraction="100" if n == q.correct else "0", format="html")
        _text(answer, "feedback", feedback(q, n), format="html")


def render_moodle_xml(quiz: LessonQuiz) -> bytes:
    """Return *quiz* as a UTF-8 Moodle XML file."""
    root = etree.Element("quiz")
    category = etree.SubElement(root, "question", type="category")
    etree.SubElement(etree.SubElement(category, "category"), "text").text = category_path(quiz.category)
    _text(category, "info", quiz.title, format="html")
    for q in quiz.questions:
        _question(root, q)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
