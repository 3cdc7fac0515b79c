"""Read a Common Cartridge back as an LMS imports it: the manifest's resources, and who each is
for (CC 1.1's intendedEndUserRole); the organization's modules in order, with the titles, pages
and quizzes a learner is shown; and the QTI quizzes' questions, answers and feedback."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

from ..units import HELP_HEADING, normalise
from .facts import ExportFacts, QuizFacts

CP = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
LOM_MANIFEST = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"
QTI = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XHTML = "http://www.w3.org/1999/xhtml"
NS = {"cp": CP, "lomm": LOM_MANIFEST, "lom": LOM, "q": QTI, "h": XHTML}
HEADINGS = {f"{{{XHTML}}}h{n}" for n in range(1, 7)}
BLOCKS = HEADINGS | {f"{{{XHTML}}}{tag}" for tag in ("p", "li", "td", "th", "caption", "dt", "dd")}


@dataclass(frozen=True)
class _Resource:
    kind: str
    files: tuple[str, ...]
    instructor: bool


def _resources(manifest) -> dict[str, _Resource]:
    """Return each resource by identifier: its type, files, and whether it is for instructors only."""
    out = {}
    for node in manifest.iterfind("cp:resources/cp:resource", NS):
        roles = {normalise(v.text or "") for v in node.iterfind("cp:metadata//lom:intendedEndUserRole/lom:value", NS)}
        files = tuple(f.get("href") for f in node.iterfind("cp:file", NS))
        out[node.get("identifier")] = _Resource(node.get("type"), files, "Instructor" in roles)
    return out


def _text(node) -> str:
    return normalise("".join(node.itertext()))


def _page(data: bytes, where: str) -> tuple[list[tuple[str, str]], str]:
    """Return an HTML page's texts, each block located, and its "Where to get help" section's text."""
    texts, help_texts, inside = [], [], False
    for number, node in enumerate((n for n in etree.fromstring(data).iter() if n.tag in BLOCKS), start=1):
        text = _text(node)
        if node.tag in HEADINGS:
            inside = text == HELP_HEADING
        elif inside:
            help_texts.append(text)
        texts.append((f"{where} {etree.QName(node).localname} {number}", text))
    return texts, " ".join(help_texts)


def _question(item) -> QuizFacts:
    """Return a QTI item as asked: the options, those the condition setting SCORE to 100 picks,
    and the general feedback (shown whatever the answer)."""
    labels = item.findall("q:presentation//q:response_label", NS)
    idents = [label.get("ident") for label in labels]
    right = {v.text for c in item.iterfind("q:resprocessing/q:respcondition", NS)
             if any(normalise(s.text or "") in ("100", "100.0") for s in c.iterfind("q:setvar[@varname='SCORE']", NS))
             for v in c.iterfind("q:conditionvar/q:varequal", NS)}
    general = [d.get("linkrefid") for c in item.iterfind("q:resprocessing/q:respcondition", NS)
               if c.find("q:conditionvar/q:other", NS) is not None for d in c.iterfind("q:displayfeedback", NS)]
    return QuizFacts(_text(item.find("q:presentation/q:material", NS)),
                     tuple(_text(label) for label in labels),
                     tuple(n for n, ident in enumerate(idents) if ident in right),
                     " ".join(_feedback(item, ident) for ident in general))


def _feedback(item, ident: str) -> str:
    node = item.find(f"q:itemfeedback[@ident='{ident}']", NS)
    return _text(node) if node is not None else ""


def _answer_feedback(item, ident: str) -> str:
    """Return what a learner who picks the option *ident* is shown."""
    shown = [d.get("linkrefid") for c in item.iterfind("q:resprocessing/q:respcondition", NS)
             if any(v.text == ident for v in c.iterfind("q:conditionvar/q:varequal", NS))
             for d in c.iterfind("q:displayfeedback", NS)]
    return " ".join(_feedback(item, i) for i in shown)


def _quiz(data: bytes, where: str) -> tuple[list[tuple[str, str]], list[QuizFacts]]:
    """Return a QTI assessment's texts, located, and its questions."""
    texts, questions = [], []
    for number, item in enumerate(etree.fromstring(data).iterfind("q:assessment/q:section//q:item", NS), start=1):
        question, at = _question(item), f"{where} question {number}"
        questions.append(question)
        texts.append((at, question.question))
        for n, label in enumerate(item.findall("q:presentation//q:response_label", NS), start=1):
            texts.append((f"{at} answer {n}", f"{_text(label)} {_answer_feedback(item, label.get('ident'))}"))
        texts += [(f"{at} feedback", question.explanation)] if question.explanation else []
    return texts, questions


def read_cartridge(data: bytes) -> ExportFacts:
    """Return the facts of a cartridge as a learner meets them, module by module."""
    package = zipfile.ZipFile(io.BytesIO(data))
    manifest = etree.fromstring(package.read("imsmanifest.xml"))
    resources = _resources(manifest)
    texts = [("title", _text(t)) for t in manifest.iterfind("cp:metadata/lomm:lom/lomm:general/lomm:title/lomm:string", NS)]
    quizzes, help_texts = [], []
    for number, module in enumerate(manifest.iterfind("cp:organizations/cp:organization/cp:item/cp:item", NS), 1):
        where, questions = f"module {number}", []
        texts.append((where, _text(module.find("cp:title", NS))))
        for item in module.iterfind(".//cp:item[@identifierref]", NS):
            resource = resources[item.get("identifierref")]
            if resource.instructor:
                continue
            texts.append((f"{where} item", _text(item.find("cp:title", NS))))
            for href in resource.files:
                if resource.kind.endswith("/assessment"):
                    shown, asked = _quiz(package.read(href), f"{where} quiz")
                    texts, questions = texts + shown, questions + asked
                elif href.endswith((".html", ".htm")):
                    shown, help_text = _page(package.read(href), f"{where} page")
                    texts, help_texts = texts + shown, help_texts + [help_text]
        quizzes.append(tuple(questions))
    learner = [f for r in resources.values() if r.kind == "webcontent" and not r.instructor for f in r.files]
    staff = [f for r in resources.values() if r.instructor for f in r.files]
    return ExportFacts("imscc", tuple(texts), tuple(quizzes), " ".join(t for t in help_texts if t),
                       tuple(learner), tuple(staff))
