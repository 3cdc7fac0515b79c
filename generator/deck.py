"""Compose a lesson's slide deck as a list of SlideSpec, paginated so nothing overflows."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import layout as L
from .errors import ContentError, Problem
from .plan import BandPack, Lesson
from .textfit import height_in, line_count, paginate


NUMBERED = re.compile(r"^\d+[.)]\s")


@dataclass(frozen=True)
class Item:
    """A paragraph on a slide: optional bold label, text, and whether it is a bullet."""

    text: str
    label: str = ""
    bullet: bool = True


@dataclass(frozen=True)
class Bubble:
    """A chat message; *labelled* when its sender's name is shown above it."""

    sender: str
    text: str
    mine: bool
    labelled: bool = True


@dataclass(frozen=True)
class SlideSpec:
    """One slide: its title, speaker notes and body (items, chat bubbles or a subtitle)."""

    title: str
    notes: str
    items: tuple[Item, ...] = ()
    bubbles: tuple[Bubble, ...] = ()
    subtitle: tuple[str, ...] = ()


def item_height(item: Item) -> float:
    """Return the height in inches *item* takes in the body box."""
    width = L.BODY_W - (L.BULLET_INDENT if item.bullet else 0) - 0.2
    text = f"{item.label}: {item.text}" if item.label else item.text
    return height_in(line_count(text, width, L.BODY_PT), L.BODY_PT) + L.PARA_GAP_PT / 72


def bubble_lines(bubble: Bubble) -> int:
    return line_count(bubble.text, L.BUBBLE_W - 2 * L.BUBBLE_PAD - 0.2, L.BODY_PT)


def bubble_height(bubble: Bubble) -> float:
    """Return the height in inches of a chat bubble, with its sender label if shown."""
    label = height_in(1, L.LABEL_PT) if bubble.labelled else 0
    return height_in(bubble_lines(bubble), L.BODY_PT) + 2 * L.BUBBLE_PAD + label + L.BUBBLE_GAP


def _label_runs(bubbles: list[Bubble]) -> list[Bubble]:
    """Return *bubbles* with a sender label on the first of each run of messages by one sender."""
    return [replace(b, labelled=(i == 0 or bubbles[i - 1].sender != b.sender)) for i, b in enumerate(bubbles)]


def _pages(title: str, notes: str, items=(), bubbles=()) -> list[SlideSpec]:
    """Return one slide, or numbered continuation slides when the body does not fit."""
    if bubbles:
        budget = L.BODY_H - height_in(1, L.LABEL_PT)   # room for the label each page starts with
        pages = [_label_runs(page) for page in paginate(_label_runs(list(bubbles)), bubble_height, budget)]
        bubbles = pages[0] if len(pages) == 1 else bubbles
    else:
        pages = paginate(list(items), item_height, L.BODY_H)
    if len(pages) == 1:
        return [SlideSpec(title, notes, items=tuple(items), bubbles=tuple(bubbles))]
    out = []
    for n, page in enumerate(pages, start=1):
        page_notes = notes if n == 1 else "Continued from the slide before: give the class time to read, then go on."
        key = "bubbles" if bubbles else "items"
        out.append(SlideSpec(f"{title} ({n} of {len(pages)})", page_notes, **{key: tuple(page)}))
    return out


def compose(pack: BandPack, lesson: Lesson) -> list[SlideSpec]:
    """Return every slide of *lesson*, in teaching order."""
    slides = _opening(pack, lesson)
    for segment in lesson.segments:
        slides += _segment(pack, segment)
    slides += _closing(pack, lesson)
    _check_titles(pack, lesson, slides)
    return slides


def _opening(pack: BandPack, lesson: Lesson) -> list[SlideSpec]:
    frame, notes, band = pack.frame, pack.frame.notes, pack.band
    school = pack.school.config.school
    subtitle = (f"{band.label} ({band.school_years})", f"Lesson {lesson.number} of {lesson.count}")
    slides = [SlideSpec(lesson.title, notes.title, subtitle=subtitle + ((school,) if school else ()))]
    slides += _pages("Before we start", notes.content_note,
                     [Item(frame.content_note, bullet=False), Item(dsl_line(pack), bullet=False)])
    slides += _pages("Our ground rules", notes.ground_rules, [Item(r.detail, r.rule) for r in frame.ground_rules])
    outcomes = [Item(o) for s in lesson.segments for o in s.content.objectives]
    slides += _pages("In this lesson, I can ...", notes.outcomes, outcomes)
    slides += _pages("Where do you stand?", f"{lesson.baseline.notes} {notes.baseline}", _baseline(lesson))
    if lesson.keywords:
        slides += _pages("Keywords", notes.keywords, [Item(k.definition, k.term) for k in lesson.keywords])
    return slides


def _baseline(lesson: Lesson) -> list[Item]:
    return [Item(lesson.baseline.activity, bullet=False)] + [Item(s) for s in lesson.baseline.statements]


def _segment(pack: BandPack, segment) -> list[SlideSpec]:
    content, notes = segment.content, pack.frame.notes
    slides = []
    for slide in content.slides:
        numbered = all(NUMBERED.match(b) for b in slide.bullets)     # "1. ..." needs no bullet as well
        slides += _pages(slide.title, slide.notes, [Item(b, bullet=not numbered) for b in slide.bullets])
    slides += _scenario(content.scenario)
    if content.misconceptions:
        myths = [Item(m.correction, f"Myth: {m.myth} Fact", bullet=False) for m in content.misconceptions]
        script = notes.misconceptions + " " + " ".join(f"Myth: {m.myth} Fact: {m.correction}"
                                                       for m in content.misconceptions)
        slides += _pages(f"Myth or fact: {segment.title}", script, myths)
    if content.discussion:
        script = notes.discussion + " " + _expected(content.discussion)
        slides += _pages(f"Let's discuss: {segment.title}", script, [Item(q.question) for q in content.discussion])
    return slides


def _scenario(scenario) -> list[SlideSpec]:
    script = scenario.notes or "Read the scenario aloud, then take suggestions."
    slides = _pages(f"Scenario: {scenario.title}", script, [Item(scenario.setting, bullet=False)])
    if scenario.chat:
        bubbles = [Bubble(m.sender, m.text, m.sender == scenario.protagonist) for m in scenario.chat]
        slides += _pages(f"{scenario.title}: the messages", script, bubbles=bubbles)
    who = scenario.protagonist or "the characters"
    slides += _pages(f"{scenario.title}: advise {who}", _expected(scenario.questions),
                     [Item(q.question) for q in scenario.questions])
    return slides


def _expected(questions) -> str:
    return " ".join(f"{q.question} Expected answers: {q.expected}" for q in questions)


def _closing(pack: BandPack, lesson: Lesson) -> list[SlideSpec]:
    frame, notes = pack.frame, pack.frame.notes
    quiz = [(s, q) for s in lesson.segments for q in s.content.quiz]
    slides = []
    for n, (segment, q) in enumerate(quiz, start=1):
        items = [Item(q.question, bullet=False)]
        items += [Item(o, chr(64 + i)) for i, o in enumerate(q.options or [], start=1)]
        script = f"{notes.quiz} Answer: {q.answer.rstrip('.')}. {q.explanation or ''}".strip()
        slides += _pages(f"Quiz: question {n} of {len(quiz)}", script, items)
    slides += _pages("Key messages", notes.key_messages, [Item(m) for m in lesson.key_messages])
    steps = [Item(s.detail, f"{n}. {s.step}", bullet=False) for n, s in enumerate(frame.what_to_do, start=1)]
    slides += _pages("What to do if it happens", notes.what_to_do, steps)
    slides += _pages("Where do you stand now?", notes.baseline_revisit, _baseline(lesson))
    slides += _pages("Exit slip", notes.exit_slip, [Item(p) for p in lesson.exit_slip])
    slides += _pages("Where to get help", notes.help, help_items(pack))
    return slides


def dsl_line(pack: BandPack, roles: bool = True) -> str:
    """Return the sentences that tell pupils who their safeguarding lead (and deputy) is and where
    to find them; without *roles*, by name and place only (the easy-read handout's plainer words)."""
    dsl, locale = pack.school.config.dsl, pack.region.locale
    if dsl is None:
        return f"You can talk to {locale.dsl_generic}, or any adult you trust."

    def who(person_, role: str) -> str:
        if roles:
            return person(person_, role, "our ", False)
        return person_.name + (f" ({person_.where})" if person_.where else "")

    line = f"You can talk to {who(dsl, locale.dsl_role)}, or any adult you trust."
    if dsl.deputy:
        line += f" If {dsl.name} is away, talk to {who(dsl.deputy, 'deputy ' + locale.dsl_role)}."
    return line


def person(who, default_role: str, our: str = "", contact: bool = True) -> str:
    """Return *who* as "Ms Okafor, our Designated Safeguarding Lead (Room 12; 0123 456789)"."""
    details = "; ".join(x for x in (who.where, contact and who.contact) if x)
    return f"{who.name}, {our}{who.role or default_role}" + (f" ({details})" if details else "")


def help_items(pack: BandPack) -> list[Item]:
    """Return the help slide's items: the intro, the school's DSL and each fitting service."""
    items = [Item(pack.frame.help_intro, bullet=False), Item(dsl_line(pack), bullet=False)]
    for s in pack.services("students"):
        note = pack.age_note(s, "students")
        age = f" ({note[0].upper()}{note[1:]}.)" if note else ""
        contact = s.contact[0].upper() + s.contact[1:] if s.phone or s.text else s.contact   # never a web address
        text = f"{s.what}{age} {contact}."
        items.append(Item(text, s.name))
    return items


def _check_titles(pack: BandPack, lesson: Lesson, slides: list[SlideSpec]) -> None:
    seen, problems = set(), []
    for slide in slides:
        if slide.title in seen:
            problems.append(Problem(f"band {pack.band.id}, lesson {lesson.id}", 0, "slides",
                                    f"two slides are titled {slide.title!r}; give one of them another title"))
        seen.add(slide.title)
    if problems:
        raise ContentError(problems)
