"""Read a lesson's JSON back as another system would: check it against the published schema
(schemas/lesson.schema.json), then take every text it holds, located, its quiz and its help."""

from __future__ import annotations

import json
from functools import cache

from jsonschema import Draft202012Validator

from ...paths import shipped
from .facts import ExportFacts, QuizFacts

SCHEMA = "lesson.schema.json"


@cache
def validator() -> Draft202012Validator:
    """Return a validator of the published lesson schema, checking formats (dates) too."""
    schema = json.loads((shipped("schemas") / SCHEMA).read_text("utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def violations(data: bytes) -> list[tuple[str, str]]:
    """Return (where, what is wrong) for each way *data* is not a lesson the schema describes."""
    try:
        document = json.loads(data.decode("utf-8"))
    except ValueError as e:     # bad UTF-8 or bad JSON
        return [("", f"is not JSON ({e})")]
    found = {(error.json_path, " ".join(error.message.split())[:160]) for error in validator().iter_errors(document)}
    return sorted(found)


def read_lesson_json(data: bytes) -> ExportFacts:
    """Return the texts, quiz and help of a lesson's JSON; nothing if the schema rejects it (the
    gate's schema rule says why)."""
    if violations(data):
        return ExportFacts("json", (), ())
    document = json.loads(data.decode("utf-8"))
    quiz = tuple(QuizFacts(q["question"], tuple(q["options"]), (q["correct"],), q["explanation"] or "",
                           document["quiz"]["seconds_per_question"]) for q in document["quiz"]["questions"])
    pupils = [s for s in document["services"] if "students" in s["shown_to"]]
    return ExportFacts("json", tuple(_texts(document)), (quiz,), "\n".join(map(_service, pupils)))


def _texts(document: dict) -> list[tuple[str, str]]:
    """Return every text of *document* as (where, text); a statement voted on as myth or fact is
    read with its answer, as the teacher gives it ("Myth: ... Fact: ..."), never alone."""
    out = []
    for slide in document["slides"]:
        where, body = f"slide {slide['number']}", slide["subtitle"] + [_item(i) for i in slide["items"]]
        body = [] if slide["role"] == "myth" else body + [m["text"] for m in slide["messages"]]
        out += [(where, " ".join([slide["title"]] + body)), (f"{where} notes", slide["notes"])]
    out += [(f"outcome {n}", o["text"]) for n, o in enumerate(document["outcomes"], start=1)]
    out += [(f"key message {n}", m) for n, m in enumerate(document["key_messages"], start=1)]
    out += [(f"keyword {k['term']}", f"{k['term']}: {k['definition']}") for k in document["keywords"]]
    out += [(f"misconception {n}", _myth(m)) for n, m in enumerate(document["misconceptions"], start=1)]
    for n, q in enumerate(document["quiz"]["questions"], start=1):
        out += [(f"quiz question {n}", " ".join([q["question"]] + q["options"])),
                (f"quiz question {n} explanation", q["explanation"] or "")]
    out += [(f"service {s['id']}", _service(s)) for s in document["services"]]
    out += [(f"curriculum link {n}", f"{k['framework']}: {k['strand']}. {k['detail']}")
            for n, k in enumerate(document["curriculum_links"], start=1)]
    return [(where, text) for where, text in out if text]


def _item(item: dict) -> str:
    """Return a slide paragraph as the deck shows it: "2. text", "Lead-in: text" or the text alone."""
    label, text = item["label"], item["text"]
    if not label:
        return text
    return f"{label} {text}" if label[:1].isdigit() or label.endswith(".") else f"{label}: {text}"


def _myth(myth: dict) -> str:
    if myth["answer"] == "myth":
        return f"Myth: {myth['statement']} Fact: {myth['explanation']}"
    return f"Fact: {myth['statement']} {myth['explanation']}"


def _service(service: dict) -> str:
    """Return a service as a help list shows it: its name (with its age note), what it does and how to reach it."""
    name = f"{service['name']} ({service['age_note']})" if service["age_note"] else service["name"]
    ways = [service["phone"] and f"call {service['phone']}", service["text"] and f"text {service['text']}",
            service["web"]]
    return f"{name}: {service['what']} {'; '.join(w for w in ways if w)}"
