"""The gate's rules on the lesson as taught, read back from the built files: story before answer,
myths before their facts, the quiz's length, the pace, one order of the steps, activities that
exist on paper with their answers, and slide numbers in the teacher notes that are the deck's."""

from __future__ import annotations

import re
from collections import Counter

from ..errors import Problem
from .exports.facts import ExportFacts
from .inspect import DocFacts
from .units import normalise

# Within a segment, each role may only follow the roles it needs: the answer after its question.
NEEDS = {"predict": "story", "advise": "story", "reveal": "advise", "myth_answers": "myth",
         "quiz_answers": "quiz"}
MAX_QUIZ = 5
MAX_CHAT_SLIDES = 2
MAX_NOTES_WORDS = 4000      # what a teacher reads the evening before, for an hour's lesson
NUMBER = re.compile(r"^\s*(?:\d+[.)]|step \d+:)\s*", re.I)
QUIZ_ITEM = re.compile(r"^\d+\.\s")
NOT_STEPS = frozenset({"story", "chat", "baseline", "baseline_revisit", "myth", "myth_answers", "quiz",
                       "quiz_answers", "exit_slip", "help", "ground_rules", "activity", "predict"})
UNLISTED = re.compile(r"^(?:Story|Activity|Handout activity|Quick quiz)\b")   # sections listing out of order on purpose
SHEET = re.compile(r"\b(?:on|from|use) (?:your|the|their) (?:work)?sheets?\b", re.I)
ON_HANDOUT = re.compile(r"\b(stor(?:y|ies)|activity|questions|chat|transcript)\b[^.]{0,40}?\b(?:on|in) "
                        r"(?:your|the|their) handouts?\b", re.I)
NAMED = re.compile(r"\bthe [\"\u201c]?([A-Za-z][\w'\u2019-]*(?:[ -][\w'\u2019-]+){0,4})[\"\u201d]? activity\b")
GENERIC = frozenset({"handout", "pair", "pairs", "next", "same", "first", "last", "this", "that", "baseline",
                     "class", "whole-class", "short", "main", "extension", "paired", "group", "final"})
SLIDE_REF = re.compile(r"\bslides? (\d+)(?:\s*(?:-|to|and)\s*(\d+))?", re.I)
HEADING_REF = re.compile(r"^Slide (\d+): (.*)$")


def _problem(artefact, where: str, message: str, quote: str = "") -> Problem:
    return Problem(artefact.path, 0, where, message, "error", "teaching", quote)


def taught_order(artefact, pack) -> list[Problem]:
    """A deck shows each answer after its question, no myth beside its fact, at most five quiz
    questions, and no more slides than its minutes allow."""
    if isinstance(artefact.facts, DocFacts) or artefact.kind != "slides":
        return []
    slides, out, seen = artefact.facts.slides, [], set()
    for slide in slides:
        role, _, segment = slide.name.partition(" ")
        need = NEEDS.get(role)
        if need and (need, segment) not in seen:
            out.append(_problem(artefact, f"slide {slide.number}", f"shows the {role.replace('_', ' ')} before "
                                f"its {need}; the answer comes after the question"))
        seen.add((role, segment))
    answers = {(s.name.partition(" ")[2]): {normalise(p) for p in s.paragraphs}
               for s in slides if s.name.startswith("myth_answers ")}
    for slide in slides:
        if slide.name.startswith("myth "):
            shown = {normalise(p) for p in slide.paragraphs}
            facts = {a.split(" ", 2)[-1] for a in answers.get(slide.name.partition(" ")[2], set())}
            if any(f in p for f in facts for p in shown) or any(re.search(r"\bFact:", p) for p in shown):
                out.append(_problem(artefact, f"slide {slide.number}", "shows a myth with its fact; reveal "
                                    "the fact after the class has voted"))
    chats = Counter(s.name for s in slides if s.name.startswith("chat "))
    for name, count in chats.items():
        if count > MAX_CHAT_SLIDES:
            out.append(_problem(artefact, "", f"spreads a chat over {count} slides; shorten its messages so it "
                                f"fits {MAX_CHAT_SLIDES} at most (one is best)"))
    quiz = sum(1 for s in slides if s.name.startswith("quiz ") for p in s.paragraphs if QUIZ_ITEM.match(p))
    if quiz > MAX_QUIZ:
        out.append(_problem(artefact, "", f"has a quiz of {quiz} questions; keep it to {MAX_QUIZ}"))
    most = int(pack.lesson_minutes // pack.timing.minutes_per_slide)
    if len(slides) > most:
        out.append(_problem(artefact, "", f"has {len(slides)} slides for a {pack.lesson_minutes}-minute lesson; "
                            f"at most {most} can be taught in the time"))
    return out


def step_order(artefact, pack) -> list[Problem]:
    """Every list that names two or more of the band's steps names them in the band's order."""
    steps = [re.compile(s.match, re.I) for s in pack.frame.what_to_do]
    names = [s.step for s in pack.frame.what_to_do]
    out = []
    for where, items in _lists(artefact):
        mapped = [(n, item) for n, item in ((_step(item, steps), item) for item in items) if n is not None]
        order = [n for i, (n, _) in enumerate(mapped) if i == 0 or n != mapped[i - 1][0]]
        if order != sorted(order):
            late = next(item for (n, item), (m, _) in zip(mapped[1:], mapped) if n < m)   # the first step too late
            shown = ", then ".join(names[n] for n in order)
            out.append(_problem(artefact, where, f"lists the steps in another order ({shown}); the band's order "
                                f"is {', '.join(names)}", quote=NUMBER.sub("", normalise(late))[:60]))
    return out


def _step(item: str, steps) -> int | None:
    text = NUMBER.sub("", normalise(item))
    return next((n for n, pattern in enumerate(steps) if pattern.match(text)), None)


def _lists(artefact):
    """Yield (where, items) for each list of an artefact: a slide's paragraphs, or a document's
    Word lists (each numbering instance's items, wherever they are laid out, as in cards) and runs
    of bullet or typed-number paragraphs, leaving out sections that list steps out of order on
    purpose; an export's lists are its slides'."""
    if isinstance(artefact.facts, ExportFacts):
        return
    if not isinstance(artefact.facts, DocFacts):
        for slide in artefact.facts.slides:
            if slide.name.partition(" ")[0] not in NOT_STEPS:
                yield f"slide {slide.number}", slide.paragraphs
        return
    run, start, skip, lists = [], 0, False, {}
    for p in artefact.facts.paragraphs:
        if p.style.lower().startswith("heading"):
            skip = bool(UNLISTED.match(p.text))
        if not skip and p.list_id:
            lists.setdefault(p.list_id, (p.number, []))[1].append(p.text)
        elif not skip and not p.in_table and (p.style == "List Bullet" or NUMBER.match(p.text)):
            run, start = run + [p.text], start or p.number
            continue
        if len(run) > 1:
            yield f"paragraph {start}", run
        run, start = [], 0
    if len(run) > 1:
        yield f"paragraph {start}", run
    for first, items in lists.values():
        if len(items) > 1:
            yield f"paragraph {first}", items


def on_paper(artefact, handout) -> list[Problem]:
    """Everything a deck or teacher notes asks pupils to do on paper is on the lesson's handout,
    and the teacher notes give the answers to every handout activity."""
    if handout is None or artefact.kind not in ("slides", "teacher-notes"):
        return []
    headings = [p.text for p in handout.paragraphs if p.style.lower().startswith("heading")]
    activities = {_key(h.split(":", 1)[1]) for h in headings if h.startswith("Activity:")}
    has = {"story": any(h.startswith("Story:") for h in headings), "activity": bool(activities)}
    has.update({"stories": has["story"], "questions": has["story"], "chat": has["story"], "transcript": has["story"]})
    out = []
    for where, text in _texts(artefact):
        if match := SHEET.search(text):
            out.append(_problem(artefact, where, f"asks for {match.group(0)!r}, but the lesson has no worksheet; "
                                "point to the handout", quote=match.group(0)))
        for match in ON_HANDOUT.finditer(text):
            if not has[match.group(1).lower()]:
                out.append(_problem(artefact, where, f"points to {match.group(0)!r}, which the handout does "
                                    "not have", quote=match.group(0)))
        for match in NAMED.finditer(text):
            name = match.group(1)
            if name.lower() not in GENERIC and _key(name) not in activities:
                out.append(_problem(artefact, where, f"names {match.group(0)!r}, which is not on the handout "
                                    f"(its activities: {', '.join(sorted(activities)) or 'none'})", quote=match.group(0)))
    if artefact.kind == "teacher-notes":
        keys = {_key(p.text.split(":", 1)[1]) for p in artefact.facts.paragraphs
                if p.style.lower().startswith("heading") and p.text.startswith("Handout activity:")}
        for missing in sorted(activities - keys):
            out.append(_problem(artefact, "Answer key", f"gives no answers to the handout activity {missing!r}"))
    return out


def _key(title: str) -> str:
    return re.sub(r"[\W_]+", " ", title).strip().lower()


def _texts(artefact):
    if isinstance(artefact.facts, DocFacts):
        for p in artefact.facts.paragraphs:
            yield f"paragraph {p.number}", normalise(p.text)
        return
    for slide in artefact.facts.slides:
        yield f"slide {slide.number}", normalise(" ".join(slide.paragraphs))
        yield f"slide {slide.number} notes", normalise(slide.notes)


def slide_numbers(artefact, deck) -> list[Problem]:
    """Every slide the teacher notes name by number is that slide of the deck: headings carry its
    title, and plan rows and prose point at slides that exist."""
    if deck is None or artefact.kind != "teacher-notes":
        return []
    titles = {s.number: s.title for s in deck.slides}
    out = []
    for p in artefact.facts.paragraphs:
        where = f"paragraph {p.number}"
        heading = HEADING_REF.match(p.text) if p.style.lower().startswith("heading") else None
        if heading:
            number, title = int(heading.group(1)), heading.group(2)
            if titles.get(number) != title:
                out.append(_problem(artefact, where, f"calls slide {number} {title!r}, but the deck's slide "
                                    f"{number} is {titles.get(number, 'missing')!r}"))
            continue
        for match in SLIDE_REF.finditer(p.text):
            for number in filter(None, match.groups()):
                if int(number) not in titles:
                    out.append(_problem(artefact, where, f"points to slide {number}, but the deck has "
                                        f"{len(titles)} slides"))
    return out


def notes_length(artefact, minutes: int) -> list[Problem]:
    """A lesson's teacher notes are short enough to read the evening before: MAX_NOTES_WORDS for
    a lesson of up to an hour, in proportion for a longer one."""
    if artefact.kind != "teacher-notes":
        return []
    words = sum(len(p.text.split()) for p in artefact.facts.paragraphs)
    most = MAX_NOTES_WORDS * max(minutes, 60) // 60
    if words <= most:
        return []
    return [_problem(artefact, "", f"runs to {words} words; keep a {minutes}-minute lesson's teacher notes to {most} "
                     "(shorter slide scripts; the full staff guidance belongs in the safeguarding briefing)")]
