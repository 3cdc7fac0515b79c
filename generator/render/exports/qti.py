"""A lesson's quiz as a QTI 1.2 assessment in the Common Cartridge 1.1 profile: one single-answer
multiple-choice item per question, its options in the slides' order, a feedback per answer and the
explanation as general feedback, laid out as Moodle's own cartridge export lays them out."""

from __future__ import annotations

from lxml import etree

from .quiz import LessonQuiz, QuizQuestion, feedback

QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = f"{QTI} http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_qtiasiv1p2p1_v1p0.xsd"
ASSESSMENT = {     # the profile's assessment settings: any number of attempts, feedback shown
    "cc_profile": "cc.exam.v0p1", "qmd_assessmenttype": "Examination", "qmd_scoretype": "Percentage",
    "qmd_feedbackpermitted": "Yes", "qmd_hintspermitted": "No", "qmd_solutionspermitted": "Yes",
    "cc_maxattempts": "unlimited",
}
MULTIPLE_CHOICE = "cc.multiple_choice.v0p1"
GENERAL = "general_fb"


def _el(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    node = etree.SubElement(parent, f"{{{QTI}}}{tag}", {k.rstrip("_"): v for k, v in attrs.items()})
    node.text = text
    return node


def _metadata(parent, fields: dict) -> None:
    meta = _el(parent, "qtimetadata")
    for label, entry in fields.items():
        field = _el(meta, "qtimetadatafield")
        _el(field, "fieldlabel", label)
        _el(field, "fieldentry", entry)


def _material(parent, text: str) -> None:
    _el(_el(parent, "material"), "mattext", text, texttype="text/plain")


def _condition(processing, title: str, respident: str, label: str | None, score: str | None, shown: str,
               go_on: bool = False) -> None:
    """Add a response condition: on *label* (any answer if None) set SCORE to *score* and show *shown*."""
    condition = _el(processing, "respcondition", title=title, continue_="Yes" if go_on else "No")
    test = _el(condition, "conditionvar")
    if label:
        _el(test, "varequal", label, respident=respident, case="Yes")
    else:
        _el(test, "other")
    if score is not None:
        _el(condition, "setvar", score, action="Set", varname="SCORE")
    _el(condition, "displayfeedback", feedbacktype="Response", linkrefid=shown)


def _item(section, q: QuizQuestion, ident: str) -> None:
    """Add question *q* as one item: its text and options, scoring and feedback."""
    item = _el(section, "item", ident=ident, title=q.name)
    _metadata(_el(item, "itemmetadata"), {"cc_profile": MULTIPLE_CHOICE, "cc_weighting": "1"})
    presentation = _el(item, "presentation")
    _material(presentation, q.question)
    respident = f"{ident}_response"
    choice = _el(_el(presentation, "response_lid", ident=respident, rcardinality="Single"), "render_choice",
                 shuffle="No")     # the slides' order: their answers slide names options by letter
    labels = [f"{ident}_{chr(ord('A') + n)}" for n in range(len(q.options))]
    for label, option in zip(labels, q.options):
        _material(_el(choice, "response_label", ident=label), option)
    processing = _el(item, "resprocessing")
    _el(_el(processing, "outcomes"), "decvar", varname="SCORE", vartype="Decimal", minvalue="0", maxvalue="100")
    if q.explanation:
        _condition(processing, "General feedback", respident, None, None, GENERAL, go_on=True)
    _condition(processing, "Correct", respident, labels[q.correct], "100", f"{labels[q.correct]}_fb")
    for n, label in enumerate(labels):
        if n != q.correct:
            _condition(processing, "Incorrect", respident, label, "0", f"{label}_fb")
    shown = ([(GENERAL, q.explanation)] if q.explanation else []) + \
        [(f"{label}_fb", feedback(q, n)) for n, label in enumerate(labels)]
    for fb_ident, text in shown:
        _material(_el(_el(item, "itemfeedback", ident=fb_ident), "flow_mat"), text)


def render_qti(quiz: LessonQuiz, ident: str) -> bytes:
    """Return *quiz* as a CC 1.1 QTI assessment file whose identifiers start with *ident*."""
    root = etree.Element(f"{{{QTI}}}questestinterop", nsmap={None: QTI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA)
    assessment = _el(root, "assessment", ident=ident, title=quiz.title)
    assessment.set("{http://www.w3.org/XML/1998/namespace}lang", quiz.language)
    _metadata(assessment, ASSESSMENT)
    section = _el(assessment, "section", ident=f"{ident}_section")
    for q in quiz.questions:
        _item(section, q, f"{ident}_q{q.number}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
