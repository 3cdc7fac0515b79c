"""The quiz files a teacher imports into Moodle (Moodle XML and GIFT): Moodle's importer takes them,
they ask the slides' quiz question for question, special characters survive, the manifest lists
them, and they name only the region's own services (the gate stops any that do not)."""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path

import pytest
from conftest import TODAY
from lxml import etree

from generator import BuildOptions, build
from generator.gate.exports import read_export
from generator.gate.exports.facts import deck_quiz
from generator.gate.exports.gift import read_gift
from generator.gate.exports.moodle import read_moodle_xml
from generator.gate.exports.rules import quiz_matches
from generator.gate.inspect import read_deck
from generator.gate.regional import foreign_marks, other_regions
from generator.gate.units import normalise
from generator.load.curriculum import load_curriculum
from generator.paths import shipped
from generator.render.artefacts import Artefact
from generator.render.exports.gift import render_gift
from generator.render.exports.moodle import render_moodle_xml
from generator.render.exports.quiz import LessonQuiz, QuizQuestion

EXAMPLES = Path(__file__).parent.parent / "examples"
FILES = {"moodle-xml": "quiz-moodle.xml", "gift": "quiz-gift.txt"}
# Written out here, apart from the gate's lists, so the tests check the gate.
UK_SERVICES = r"Childline|\bCEOP\b|\bShout\b|NSPCC|Report Remove|Internet Watch|\bIWF\b|Samaritans"
US_SERVICES = r"Take It Down|NCMEC|CyberTipline|\b988\b|Childhelp|Crisis Text Line"


@pytest.fixture(scope="module")
def uk(tmp_path_factory) -> Path:
    """Return the output folder of a UK school's build of two bands, slides and both quiz files."""
    out = tmp_path_factory.mktemp("uk-quizzes")
    build(BuildOptions(out=out, config=EXAMPLES / "uk-school.yaml", bands=["11-14", "16-18"],
                       formats=["pptx", "moodle-xml", "gift"], today=TODAY))
    return out


@pytest.fixture(scope="module")
def lessons(uk) -> list[Path]:
    found = sorted(p.parent for p in uk.glob("*/*/slides.pptx"))
    assert len(found) == 6
    return found


@pytest.fixture(scope="module")
def us(tmp_path_factory) -> Path:
    """Return the output folder of a US district's build of its bands and 16-18, quiz files only."""
    out = tmp_path_factory.mktemp("us-quizzes")
    build(BuildOptions(out=out, config=EXAMPLES / "us-district.yaml", bands=["grades-6-8", "grades-9-12", "16-18"],
                       formats=["moodle-xml", "gift"], today=TODAY))
    return out


def slides_quiz(lesson: Path):
    return deck_quiz(read_deck((lesson / "slides.pptx").read_bytes()))


def plain(question) -> tuple:
    return normalise(question.question), tuple(map(normalise, question.options)), question.correct


# GIFT as Moodle's qformat_gift reads it: blocks split on blank lines, // comments dropped, and
# escaped characters held as placeholders while the block is split (a "\\" becomes "\").
ESCAPES = ("\\:", "\\#", "\\=", "\\{", "\\}", "\\~")


def _held(text: str) -> str:
    text = text.replace("\\\\", "\0")
    for n, escaped in enumerate(ESCAPES):
        text = text.replace(escaped, chr(0xE000 + n))
    return text.replace("\0", "\\")


def _freed(text: str) -> str:
    for n, escaped in enumerate(ESCAPES):
        text = text.replace(chr(0xE000 + n), escaped[1])
    return text.strip()


def moodle_gift(text: str) -> tuple[str | None, list[dict]]:
    """Return a GIFT file's category and each question as Moodle imports it."""
    category, questions = None, []
    for block in re.split(r"\n\s*\n", text):
        block = _held("\n".join(l for l in block.splitlines() if not l.strip().startswith("//")).strip())
        if block.startswith("$CATEGORY:"):
            category = block[10:].strip()
        elif block:
            name, _, rest = block[2:].partition("::")
            body = rest[rest.index("{") + 1:rest.rindex("}")]
            body, _, general = body.partition("####")
            answers = [a for a in body.replace("=", "~=").split("~") if a.strip()]
            parts = [a.strip().removeprefix("=").partition("#") for a in answers]
            text, plain = re.subn(r"^\[plain\]", "", rest[:rest.index("{")].lstrip())
            questions.append({"name": _freed(name), "text": _freed(text), "plain": bool(plain),
                              "options": tuple(_freed(p[0]) for p in parts),
                              "feedback": tuple(_freed(p[2]) for p in parts), "general": _freed(general),
                              "correct": tuple(n for n, a in enumerate(answers) if a.strip().startswith("="))})
    return category, questions


def test_every_moodle_xml_file_follows_moodles_import_rules(lessons):
    categories = set()
    for lesson in lessons:
        data = (lesson / "quiz-moodle.xml").read_bytes()
        assert re.match(rb"<\?xml version=['\"]1.0['\"] encoding=['\"]UTF-8['\"]\?>", data), lesson
        root = etree.fromstring(data)
        assert root.tag == "quiz"
        first, *rest = root.findall("question")
        assert first.get("type") == "category", f"{lesson}: the category comes first"
        path = first.findtext("category/text")
        assert path.startswith("$course$/top/Ages ") and "/Lesson " in path and first.find("info") is not None
        categories.add(path)
        assert rest and all(q.get("type") == "multichoice" for q in rest)
        for q in rest:
            fractions = [a.get("fraction") for a in q.findall("answer")]
            assert q.findtext("name/text").strip() and q.findtext("questiontext/text").strip(), lesson
            assert q.find("questiontext").get("format") == "html"
            assert len(fractions) >= 2 and fractions.count("100") == 1, (lesson, fractions)
            assert set(fractions) == {"100", "0"}
            assert all(a.findtext("text").strip() and a.findtext("feedback/text").strip() for a in q.findall("answer"))
            assert (q.findtext("single"), q.findtext("shuffleanswers"), q.findtext("answernumbering")) == \
                ("true", "false", "ABCD")
            assert (q.findtext("defaultgrade"), q.findtext("hidden")) == ("1", "0")
    assert len(categories) == len(lessons), "each lesson's quiz has its own category"


def test_moodle_xml_asks_the_slides_quiz_with_the_explanation_as_general_feedback(lessons):
    for lesson in lessons:
        deck = read_deck((lesson / "slides.pptx").read_bytes())
        answer_notes = normalise(" ".join(s.notes for s in deck.slides if s.name.startswith("quiz_answers")))
        (asked,) = read_moodle_xml((lesson / "quiz-moodle.xml").read_bytes()).quizzes
        assert [plain(q) for q in asked] == [plain(q) for q in deck_quiz(deck)], lesson
        for q in asked:
            assert q.explanation and normalise(q.explanation) in answer_notes, (lesson, q.question)


def test_gift_asks_the_slides_quiz_and_moodle_would_read_it_so(lessons):
    for lesson in lessons:
        text = (lesson / "quiz-gift.txt").read_text(encoding="utf-8")
        category, questions = moodle_gift(text)
        xml = etree.fromstring((lesson / "quiz-moodle.xml").read_bytes())
        assert category == xml.findtext("question/category/text"), "the same category as the Moodle XML"
        shown = slides_quiz(lesson)
        assert [(normalise(q["text"]), tuple(map(normalise, q["options"])), q["correct"]) for q in questions] == \
            [plain(q) for q in shown], lesson
        assert [q["name"] for q in questions] == [f"Question {n}" for n in range(1, len(shown) + 1)]
        assert all(q["general"] and all(q["feedback"]) and q["plain"] for q in questions), "plain text, with feedback"
        gate = read_gift(text.encode("utf-8")).quizzes[0]
        assert [plain(q) for q in gate] == [plain(q) for q in shown], "the gate reads it as Moodle does"


def test_true_or_false_keeps_the_slides_order_unshuffled(uk):
    lesson = uk / "11-14" / "what-it-is-and-warning-signs"
    (asked,) = read_moodle_xml((lesson / "quiz-moodle.xml").read_bytes()).quizzes
    true_false = [q for q in asked if q.question.startswith("True or false")]
    assert true_false and true_false[0].options == ("True", "False")
    _, questions = moodle_gift((lesson / "quiz-gift.txt").read_text(encoding="utf-8"))
    assert ("True", "False") in [q["options"] for q in questions]


TRICKY = QuizQuestion(1, "Is 50% ~ half = {a} #1: yes? C:\\temp & <b>bold</b>",
                      ("=yes~", "no#: {maybe}", "a\\b & <i>"), 1, "Because {x} = #2: ~y \\ z & <3.")
TRICKY_QUIZ = LessonQuiz("Quiz: A/B", ("Ages 11 to 14", "Lesson 1: Either/or"), "en-GB", 20, (TRICKY,))


def test_special_characters_survive_gift_escaped():
    text = render_gift(TRICKY_QUIZ).decode("utf-8")
    assert r"::Question 1::[plain]Is 50% \~ half \= \{a\} \#1\: yes? C\:\\temp & <b>bold</b> {" in text.splitlines()
    assert "\t" + r"=no\#\: \{maybe\}#Yes, that's right." in text.splitlines()
    assert "\t" + r"####Because \{x\} \= \#2\: \~y \\ z & <3." in text.splitlines()
    category, (q,) = moodle_gift(text)
    assert category == "$course$/top/Ages 11 to 14/Lesson 1: Either//or", "a / in a name is doubled, : kept"
    assert (q["text"], q["options"], q["correct"], q["general"]) == \
        (TRICKY.question, TRICKY.options, (1,), TRICKY.explanation)
    assert q["feedback"][0] == "Not this one."
    (read,) = read_gift(text.encode("utf-8")).quizzes[0]
    assert (read.question, read.options, read.correct, read.explanation) == \
        (TRICKY.question, TRICKY.options, (1,), TRICKY.explanation)


def test_special_characters_survive_moodle_xml_as_html_text():
    data = render_moodle_xml(TRICKY_QUIZ)
    root = etree.fromstring(data)
    assert root.findtext("question/category/text") == "$course$/top/Ages 11 to 14/Lesson 1: Either//or"
    question = root.find("question[@type='multichoice']")
    assert question.findtext("questiontext/text") == html.escape(TRICKY.question, quote=False)
    assert "<b>" not in question.findtext("questiontext/text"), "shown as typed, not as HTML"
    assert [a.findtext("text") for a in question.findall("answer")] == \
        [html.escape(o, quote=False) for o in TRICKY.options]
    (read,) = read_moodle_xml(data).quizzes[0]
    assert (read.question, read.options, read.correct, read.explanation) == \
        (TRICKY.question, TRICKY.options, (1,), TRICKY.explanation)
    assert render_moodle_xml(TRICKY_QUIZ) == data


def test_the_manifest_lists_every_quiz_file_with_its_format_and_sha256(uk, lessons):
    entries = {e["path"]: e for e in json.loads((uk / "manifest.json").read_text())["artefacts"]}
    for lesson in lessons:
        for fmt, name in FILES.items():
            path = lesson / name
            entry = entries[str(path.relative_to(uk))]
            assert (entry["format"], entry["kind"], entry["audience"]) == (fmt, "quiz", "students")
            assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    listed = [p for p, e in entries.items() if e["format"] in FILES]
    assert len(listed) == 2 * len(lessons) and all((uk / p).is_file() for p in listed)


def test_a_us_build_names_no_uk_service_in_any_quiz_file(us):
    files = sorted(us.glob("*/*/quiz-*"))
    assert len(files) == 2 * 9
    texts = {f: f.read_text(encoding="utf-8") for f in files}
    for path, text in texts.items():
        assert not re.search(UK_SERVICES, text), f"{path}: {re.search(UK_SERVICES, text).group(0)}"
    assert any(re.search(US_SERVICES, t) for t in texts.values()), "some quiz names the US services"


def export(path: Path, root: Path, data: bytes | None = None) -> Artefact:
    """Return *path* (or *data* in its place) as the gate sees an export: its facts read back."""
    fmt = next(f for f, name in FILES.items() if name == path.name)
    data = path.read_bytes() if data is None else data
    band, lesson = path.relative_to(root).parts[:2]
    return Artefact(str(path.relative_to(root)), band, lesson, "students", "quiz", fmt, (), data,
                    facts=read_export(fmt, data))


def test_the_gate_fails_a_quiz_file_that_differs_from_the_slides(uk, lessons):
    lesson = lessons[0]
    shown = (slides_quiz(lesson),)
    for name in FILES.values():
        assert quiz_matches(export(lesson / name, uk), shown) == [], name
    root = etree.fromstring((lesson / "quiz-moodle.xml").read_bytes())
    answers = root.find("question[@type='multichoice']").findall("answer")
    right = next(n for n, a in enumerate(answers) if a.get("fraction") == "100")
    answers[right].set("fraction", "0")
    answers[(right + 1) % len(answers)].set("fraction", "100")
    moodle = export(lesson / "quiz-moodle.xml", uk, etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    gift = (lesson / "quiz-gift.txt").read_text(encoding="utf-8")
    option = re.search(r"^\t~([^#]+)#", gift, re.M).group(1)
    gift = export(lesson / "quiz-gift.txt", uk, gift.replace(f"\t~{option}#", "\t~Something else#", 1).encode())
    for tampered in (moodle, gift):
        problems = quiz_matches(tampered, shown)
        assert [(p.field, p.severity) for p in problems] == [("question 1", "error")], tampered.path
        assert "differs from the slides' question 1" in problems[0].message


def test_the_gate_fails_a_quiz_file_naming_another_regions_service(us):
    pattern = foreign_marks(load_curriculum(shipped("lessons"), "US").regions, "US")
    files = sorted(us.glob("*/*/quiz-*"))
    for path in files:
        assert other_regions(export(path, us), pattern, "US") == [], path
    xml = next(p for p in files if p.name == "quiz-moodle.xml")
    root = etree.fromstring(xml.read_bytes())
    text = root.find("question[@type='multichoice']/generalfeedback/text")
    text.text = "You can also call Childline. " + (text.text or "")
    gift = next(p for p in files if p.name == "quiz-gift.txt")
    tampered = [export(xml, us, etree.tostring(root, encoding="UTF-8")),
                export(gift, us, gift.read_bytes().replace(b"::Question 2::", b"::Question 2::Ask CEOP. "))]
    for artefact, where, name in zip(tampered, ("question 1 feedback", "question 2"), ("Childline", "CEOP")):
        problems = other_regions(artefact, pattern, "US")
        assert [p.field for p in problems] == [where], artefact.path
        assert f"names '{name}', which belongs to another region, in a US pack" in problems[0].message
