"""Read a Moodle XML quiz back as Moodle's importer reads it: each multiple-choice question's text,
answers (fraction 100 is right) with their feedback, and its general feedback, each HTML text
made the plain text a pupil sees."""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

from .facts import ExportFacts, QuizFacts

PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
HTML_FORMATS = ("html", "moodle_auto_format")
BREAKS = ("br", "p", "div", "li", "tr")          # elements a browser shows on a line of their own
COMBINED = ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback")


def plain(field) -> str:
    """Return the text a reader sees of *field* (an element holding <text>), its HTML rendered plain."""
    text = "" if field is None else (field.findtext("text") or "").strip()
    if text and field.get("format", "html") in HTML_FORMATS:
        root = lxml_html.fragment_fromstring(text, create_parent="div")
        for element in root.iter(*BREAKS):
            element.tail = " " + (element.tail or "")
        text = root.text_content()
    return " ".join(text.split())


def _fraction(answer) -> float:
    try:
        return float(answer.get("fraction") or 0)
    except ValueError:
        return 0.0


def read_moodle_xml(data: bytes) -> ExportFacts:
    """Return the quiz and texts of a Moodle XML file."""
    texts, questions = [], []
    for number, q in enumerate(etree.fromstring(data, PARSER).iterfind("question[@type='multichoice']"), start=1):
        answers = q.findall("answer")
        options = tuple(plain(a) for a in answers)
        question = QuizFacts(plain(q.find("questiontext")), options,
                             tuple(n for n, a in enumerate(answers) if _fraction(a) == 100),
                             plain(q.find("generalfeedback")))
        questions.append(question)
        where = f"question {number}"
        texts += [(where, question.question)]
        texts += [(f"{where} answer {n}", f"{option} {plain(a.find('feedback'))}".strip())
                  for n, (option, a) in enumerate(zip(options, answers), start=1)]
        texts += [(f"{where} feedback", question.explanation)] if question.explanation else []
        texts += [(f"{where} {tag}", text) for tag in COMBINED if (text := plain(q.find(tag)))]
    return ExportFacts("moodle-xml", tuple(texts), (tuple(questions),))
