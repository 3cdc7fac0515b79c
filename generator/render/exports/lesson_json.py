"""A lesson as open JSON (schemas/lesson.schema.json): what it teaches, its timed parts, its slides
as the deck shows them, its quiz as the slides ask it (each question also an Oak National Academy
quiz question), the help services with the dates they were checked, and its sources."""

from __future__ import annotations

import json

from ...plan.packs import BandPack, Lesson
from ...plan.schedule import Schedule
from .quiz import lesson_quiz

GENERATOR = "lessonpack"
SCHEMA_ID = "urn:lessonpack:schema:lesson:1"     # the schema's $id: stable while its major version is 1
SCHEMA_VERSION = "1.0"                           # raised with every change to the schema
AUDIENCES = ("students", "staff")                # whose help lists a lesson's services come from


def render_lesson_json(pack: BandPack, lesson: Lesson, plan: Schedule) -> bytes:
    """Return *lesson*, as composed in *plan*, as UTF-8 JSON."""
    myths = {p.segment for p in plan.parts if p.kind == "myths"}
    document = {
        "generator": {"name": GENERATOR, "schema": SCHEMA_ID, "schema_version": SCHEMA_VERSION},
        "lesson": _lesson(pack, lesson),
        "outcomes": [{"segment": n, "text": o} for n, s in _numbered(lesson) for o in s.content.objectives],
        "key_messages": lesson.key_messages,
        "keywords": [{"term": k.term, "definition": k.definition} for k in lesson.keywords],
        "misconceptions": [{"segment": n, "statement": m.statement, "answer": m.answer,
                            "explanation": m.explanation, "taught": n in myths}
                           for n, s in _numbered(lesson) for m in s.content.myths],
        "baseline": {"activity": lesson.baseline.activity, "statements": list(lesson.baseline.statements)},
        "exit_slip": list(lesson.exit_slip),
        "parts": [_part(p) for p in plan.parts],
        "left_out": [{"kind": p.kind, "segment": p.segment, "label": p.label, "elsewhere": p.elsewhere or None}
                     for p in plan.left_out],
        "slides": [_slide(n, s) for n, s in enumerate(plan.slides, start=1)],
        "quiz": _quiz(pack, lesson, plan),
        "services": _services(pack),
        "modules": [_module(s, n) for n, s in _numbered(lesson)] + [_module(s, None) for s in lesson.staff],
        "curriculum_links": [{"framework": k.framework, "strand": k.strand, "detail": k.detail} for k in lesson.links],
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _numbered(lesson: Lesson):
    return enumerate(lesson.segments, start=1)


def _lesson(pack: BandPack, lesson: Lesson) -> dict:
    band, region = pack.band, pack.region
    return {"id": lesson.id, "title": lesson.title, "number": lesson.number, "count": lesson.count,
            "minutes": pack.lesson_minutes,
            "band": {"id": band.id, "label": band.label, "school_years": band.school_years,
                     "ages": {"min": band.min_age, "max": band.max_age}, "reading_grade": band.reading_grade},
            "region": {"code": region.region, "name": region.name}, "language": region.language,
            "school": pack.school.config.school or None}


def _part(part) -> dict:
    slides = {"first": part.first_slide, "last": part.last_slide} if part.slides else None
    return {"kind": part.kind, "section": part.section, "label": part.label, "segment": part.segment,
            "minutes": part.minutes, "slides": slides}


def _slide(number: int, spec) -> dict:
    return {"number": number, "role": spec.role, "segment": spec.segment, "title": spec.title,
            "subtitle": list(spec.subtitle),
            "items": [{"label": i.label, "text": i.text} for i in spec.items],
            "messages": [{"sender": b.sender, "text": b.text, "mine": b.mine} for b in spec.bubbles],
            "notes": spec.notes}


def _quiz(pack: BandPack, lesson: Lesson, plan: Schedule) -> dict:
    """Return the quiz the slides ask; each question also in Oak's multiple-choice shape."""
    quiz = lesson_quiz(pack, lesson, plan)
    questions = [{"number": q.number, "question": q.question, "options": list(q.options), "correct": q.correct,
                  "explanation": q.explanation or None, "questionType": "multiple-choice", "answers": [q.answer],
                  "distractors": [o for n, o in enumerate(q.options) if n != q.correct], "hint": None}
                 for q in quiz.questions]
    return {"title": quiz.title, "seconds_per_question": quiz.seconds, "questions": questions}


def _services(pack: BandPack) -> list[dict]:
    """Return the services the lesson shows pupils and their teacher, emergency first."""
    shown = {a: {s.id for s in pack.services(a)} for a in AUDIENCES}
    listed = {s.id: s for a in AUDIENCES for s in pack.services(a)}
    note = lambda s: pack.age_note(s, "students" if s.id in shown["students"] else "staff") or None  # noqa: E731
    return [{"id": s.id, "name": s.name, "what": s.what, "who": s.who,
             "ages": {"min": s.ages.min, "max": s.ages.max}, "age_note": note(s),
             "shown_to": [a for a in AUDIENCES if s.id in shown[a]],
             "phone": s.phone, "text": s.text, "web": s.web, "hours": s.hours, "emergency": s.emergency,
             "verified": s.verified.isoformat()}
            for s in sorted(listed.values(), key=lambda s: not s.emergency)]


def _module(segment, number: int | None) -> dict:
    module = segment.module
    sources = sorted(module.sources, key=lambda s: (s.publisher, s.title))
    return {"id": module.id, "title": segment.title, "audience": module.audience, "segment": number,
            "reviewed": module.reviewed.isoformat(),
            "sources": [{"publisher": s.publisher, "title": s.title, "url": s.url, "year": s.year} for s in sources]}
