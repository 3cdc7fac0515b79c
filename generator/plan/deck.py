"""Compose a lesson as timed parts, each with its slides (paginated so nothing overflows), story
first in every segment, and fit them to the lesson's minutes."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, replace

from ..errors import ContentError, Problem
from . import layout as L
from .packs import BandPack, Lesson
from .schedule import Part, Schedule, schedule
from .textfit import height_in, line_count, paginate

NUMBERED = re.compile(r"^\d+[.)]\s")
NUMBER = re.compile(r"\d+[.)]")
CHAT_CHROME = L.CHAT_HEADER_H + 0.2      # the chat window's bar and inner margins
MAX_KEYWORDS = 4        # on the keywords slide: what two minutes can teach


@dataclass(frozen=True)
class Item:
    """A paragraph on a slide: optional bold label, text, and whether it is a bullet."""

    text: str
    label: str = ""
    bullet: bool = True
    icon: str = ""


@dataclass(frozen=True)
class Bubble:
    """A chat message; *labelled* when its sender's name is shown above it."""

    sender: str
    text: str
    mine: bool
    labelled: bool = True


@dataclass(frozen=True)
class SlideSpec:
    """One slide: its title, speaker notes, body (items, chat bubbles or a subtitle), its teaching
    role ("story", "reveal", "myth", ...) and the segment it belongs to (0: opening or plenary)."""

    title: str
    notes: str
    items: tuple[Item, ...] = ()
    bubbles: tuple[Bubble, ...] = ()
    subtitle: tuple[str, ...] = ()
    role: str = ""
    segment: int = 0

    @property
    def name(self) -> str:
        """Return the slide's name in the deck, which the gate reads back: "reveal 2"."""
        return f"{self.role} {self.segment}"


def item_height(item: Item, size: float = L.BODY_PT, width: float = L.BODY_W) -> float:
    """Return the height in inches *item* takes in a body box *width* wide, set at *size*."""
    width -= (L.BULLET_INDENT if item.bullet or NUMBER.fullmatch(item.label) else 0) + 0.2
    text = f"{labelled(item.label)}{item.text}"
    return height_in(line_count(text, width, size), size) + L.PARA_GAP_PT / 72


def items_height(items, size: float = L.BODY_PT, width: float = L.BODY_W) -> float:
    """Return the height in inches of a text box holding *items*, its inner margins included."""
    return sum(item_height(item, size, width) for item in items) + 2 * L.BOX_MARGIN


def fitted_size(items) -> float:
    """Return the largest body size (up to LARGE_PT) at which *items* fill no more than the body."""
    return L.LARGE_PT if items_height(items, L.LARGE_PT) <= L.BODY_H else L.BODY_PT


def narrow_fits(items, size: float) -> bool:
    """Return whether *items* at *size* fit beside the role picture."""
    return items_height(items, size, L.BODY_W - L.PICTURE_W - 0.4) <= L.BODY_H


def labelled(label: str) -> str:
    """Return *label* as it starts a paragraph: "Keep it private: ", or "2. " for a number."""
    if not label:
        return ""
    return f"{label} " if re.fullmatch(r"\d+[.)]", label) or label.endswith(".") else f"{label}: "


def bubble_lines(bubble: Bubble) -> int:
    return line_count(bubble.text, L.BUBBLE_W - 2 * L.BUBBLE_PAD - 0.2, L.BUBBLE_PT)


def bubble_height(bubble: Bubble) -> float:
    """Return the height in inches of a chat bubble, with its sender label if shown."""
    label = height_in(1, L.LABEL_PT) if bubble.labelled else 0
    return height_in(bubble_lines(bubble), L.BUBBLE_PT) + 2 * L.BUBBLE_PAD + label + L.BUBBLE_GAP


def _label_runs(bubbles: list[Bubble]) -> list[Bubble]:
    """Return *bubbles* labelled as a phone shows a chat: in a chat with one other person, no
    names (the window's bar names them); in a group chat, each run of someone else's messages."""
    group = len({b.sender for b in bubbles if not b.mine}) > 1
    return [replace(b, labelled=group and not b.mine and (i == 0 or bubbles[i - 1].sender != b.sender))
            for i, b in enumerate(bubbles)]


CONTINUED = {
    "chat": "Read the rest of the messages aloud, in the same steady voice, then stop.",
    "quiz": "More questions: the class answers them before you see the answers.",
    "help": "The rest of the services: point out each one, and say this list is on the handout too.",
    "keywords": "The rest of the keywords: read each one, and ask for it in the class's own words.",
}


def _pages(title: str, notes: str, role: str, segment: int = 0, items=(), bubbles=(), groups=None
           ) -> list[SlideSpec]:
    """Return one slide, or numbered continuation slides, each with notes of its own, when the
    body does not fit; *groups* (lists of items) are kept together on a slide."""
    if bubbles:
        bubbles = _label_runs(list(bubbles))
        room = L.BODY_H - CHAT_CHROME
        if sum(map(bubble_height, bubbles)) <= room:
            pages = [bubbles]
        else:       # each page after the first starts with a label too
            pages = [_label_runs(page) for page in paginate(bubbles, bubble_height, room - height_in(1, L.LABEL_PT))]
    else:
        groups = groups or [[item] for item in items]
        items = [item for group in groups for item in group]
        pages = [[i for g in page for i in g] for page in
                 paginate(groups, lambda group: sum(map(item_height, group)), L.BODY_H)]
    if len(pages) == 1:
        return [SlideSpec(title, notes, tuple(items), tuple(bubbles), role=role, segment=segment)]
    key = "bubbles" if bubbles else "items"
    more = CONTINUED.get(role, "Read these points with the class and take any questions before going on.")
    return [SlideSpec(f"{title} ({n} of {len(pages)})", notes if n == 1 else f"{title}, continued. {more}",
                      role=role, segment=segment, **{key: tuple(page)})
            for n, page in enumerate(pages, start=1)]


def compose(pack: BandPack, lesson: Lesson) -> Schedule:
    """Return *lesson* fitted to the band's lesson length: its timed parts, in teaching order,
    and those left out; raise DoesNotFit when it cannot fit."""
    minutes = pack.lesson_minutes
    plan = schedule(lesson_parts(pack, lesson), minutes, int(minutes // pack.timing.minutes_per_slide))
    _check_titles(pack, lesson, plan.slides)
    return plan


def lesson_parts(pack: BandPack, lesson: Lesson) -> list[Part]:
    """Return every part *lesson* could teach, core and extension, in teaching order."""
    parts = _opening(pack, lesson)
    for n, segment in enumerate(lesson.segments, start=1):
        parts += _segment(pack, segment, n)
    return parts + _plenary(pack, lesson)


def _part(pack: BandPack, kind: str, section: str, label: str, slides, timing: str | None = None,
          count: int = 1, extension: bool = False, segment: int = 0) -> Part:
    """Return a part timed as *count* times the band's *timing* (default: *kind*) for it, its
    section named in the region's words."""
    low, high = pack.timing.span(timing or kind)
    return Part(kind, pack.localiser.respell(section), label, tuple(slides), low * count, high * count, extension, segment,
                pack.elsewhere.get(timing or kind, ""))


def _opening(pack: BandPack, lesson: Lesson) -> list[Part]:
    frame, notes, band = pack.frame, pack.frame.notes, pack.band
    school = pack.school.config.school
    later = "" if lesson.number == 1 else "_later"
    subtitle = (f"{band.label} ({band.school_years})", f"Lesson {lesson.number} of {lesson.count}")
    recap = "" if lesson.number == 1 else (f" This is lesson {lesson.number} of {lesson.count}: start by asking "
                                           "the class for the steps from last time.")
    title = SlideSpec(lesson.title, notes.title + recap, subtitle=subtitle + ((school,) if school else ()),
                      role="title")
    before = _pages("Before we start", notes.content_note, "content_note",
                    items=[Item(frame.content_note, bullet=False), Item(dsl_line(pack), bullet=False)])
    outcomes = [Item(o) for s in lesson.segments for o in s.content.objectives]
    parts = [
        _part(pack, "content_note", "Opening", "Welcome and content note", [title] + before,
              "content_note" + later),
        _part(pack, "ground_rules", "Opening", "Ground rules", _pages(
            "Our ground rules", notes.ground_rules, "ground_rules",
            items=[Item(r.detail, r.rule) for r in frame.ground_rules]), "ground_rules" + later),
        _part(pack, "outcomes", "Opening", '"I can" outcomes', _pages(
            "In this lesson, I can ...", notes.outcomes, "outcomes", items=outcomes)),
        _part(pack, "baseline", "Opening", "Baseline: where do you stand?", _pages(
            "Where do you stand?", f"{lesson.baseline.notes} {notes.baseline}", "baseline", items=_baseline(lesson))),
    ]
    if lesson.keywords:
        shown = [Item(k.definition, k.term) for k in slide_keywords(lesson)]
        parts.append(_part(pack, "keywords", "Opening", "Keywords", _pages("Keywords", notes.keywords, "keywords",
                                                                            items=shown), extension=True))
    return parts


def slide_keywords(lesson: Lesson) -> list:
    """Return the keywords the slide shows: at most MAX_KEYWORDS, taken from the segments in turn
    (the teacher notes and the easy-read handout list them all)."""
    lists = [list(s.content.keywords) for s in lesson.segments]
    terms = {}
    while any(lists) and len(terms) < MAX_KEYWORDS:
        for keywords in lists:
            if keywords and len(terms) < MAX_KEYWORDS:
                keyword = keywords.pop(0)
                terms.setdefault(keyword.term.lower(), keyword)
    return list(terms.values())


def _baseline(lesson: Lesson) -> list[Item]:
    return [Item(lesson.baseline.activity, bullet=False)] + [Item(s) for s in lesson.baseline.statements]


def _segment(pack: BandPack, segment, n: int) -> list[Part]:
    """Return a segment's parts, story first: the scenario (story, chat, predict, advise, then
    what the character can do), teacher input that names what the story showed, myths voted on
    then revealed, discussion and the activity."""
    content, notes, title = segment.content, pack.frame.notes, segment.title
    parts = [_scenario(pack, content.scenario, title, n)]
    for extension in (False, True):
        teach = [s for s in content.teach if s.extension == extension]
        slides = [page for s in teach for page in _pages(
            s.title, s.notes, "teach", n,
            [_bullet(b) for b in s.bullets])]
        if teach:
            label = "Teacher input: " + "; ".join(s.title for s in teach)
            parts.append(_part(pack, "teach", title, label, slides, count=len(teach), extension=extension, segment=n))
    if content.myths:
        parts.append(_myths(pack, content.myths, title, n))
    for k, q in enumerate(content.discussion, start=1):
        heading = f"Let's discuss: {title}" + (f" ({k})" if len(content.discussion) > 1 else "")
        parts.append(_part(pack, "discussion", title, f"Discussion: {q.question}", _pages(
            heading, f"{notes.discussion} Expected answers: {q.expected}",
            "discussion", n, [Item(q.question, bullet=False)]), extension=True, segment=n))
    if content.activity:
        activity = content.activity
        items = [Item(activity.instructions, bullet=False)] + [Item(i) for i in activity.items[:3]]
        if len(activity.items) > 3:
            items.append(Item("... and the rest on your handout.", bullet=False))
        parts.append(_part(pack, "activity", title, f"Handout activity: {activity.title}", _pages(
            f"Activity: {activity.title}", f"{notes.activity} {_answers(activity)}", "activity", n, items),
            extension=activity.extension, segment=n))
    who = content.scenario.protagonist
    mentions = re.compile(rf"\b{re.escape(who)}\b") if who else None
    return [replace(p, needs_story=True) if p.kind != "scenario" and mentions and any(
        mentions.search(" ".join([s.title, s.notes, *(i.text for i in s.items)])) for s in p.slides) else p
        for p in parts]


def _bullet(text: str) -> Item:
    """Return a bullet point, or an item of a numbered list when *text* starts "2. "."""
    number = NUMBERED.match(text)
    return Item(text[number.end():], number.group(0).strip()) if number else Item(text)


def _answers(activity) -> str:
    return "Answers: " + " ".join(f"{n}. {a}" for n, a in enumerate(activity.answers, start=1))


def _scenario(pack: BandPack, scenario, section: str, n: int) -> Part:
    """Return the scenario as one part: the story, its chat, the predict question, the advice
    the pairs give, then what the character can do."""
    notes = pack.frame.notes
    who = scenario.protagonist or "the characters"
    script = scenario.notes or "Read the story aloud, then show the messages."
    setting = Item(scenario.setting, bullet=False)
    bubbles = _label_runs([Bubble(m.sender, m.text, m.sender == scenario.protagonist) for m in scenario.chat])
    if items_height([setting]) + sum(map(bubble_height, bubbles)) + CHAT_CHROME <= L.BODY_H:   # the story and its chat on one slide
        slides = [SlideSpec(scenario.title, script, (setting,), tuple(bubbles), role="story", segment=n)]
    elif bubbles:         # the story's script belongs with the messages it talks about
        slides = _pages(scenario.title, "Read the story aloud. The messages are on the next slide.", "story", n,
                        [setting])
        slides += _pages(f"{scenario.title}: the messages", script, "chat", n, bubbles=bubbles)
    else:
        slides = _pages(scenario.title, script, "story", n, [setting])
    last = [Item(f"\u201c{scenario.chat[-1].text}\u201d", scenario.chat[-1].sender, bullet=False)] if scenario.chat else []
    slides += _pages(f"What happens next for {who}?",
                     f"{notes.predict} {scenario.predict.question} Expected: {scenario.predict.expected}",
                     "predict", n, last + [Item(scenario.predict.question, bullet=False)])
    slides += _pages(f"Advise {who}", f"{notes.advise} {_expected(scenario.questions)}", "advise", n,
                     [Item(q.question) for q in scenario.questions]
                     + [Item("The story and these questions are on your handout.", bullet=False)])
    slides += _pages(f"What {who} can do", scenario.reveal.notes, "reveal", n,
                     [_bullet(b) for b in scenario.reveal.bullets])
    low = [pack.timing.span(k)[0] for k in ("story", "predict", "advise", "reveal")]
    high = [pack.timing.span(k)[1] for k in ("story", "predict", "advise", "reveal")]
    label = f"{scenario.title}: read the story, predict, advise {who} in pairs, then what {who} can do"
    return Part("scenario", section, label, tuple(slides), sum(low), sum(high), scenario.extension, n,
                pack.elsewhere.get("story", ""))


def _myths(pack: BandPack, myths, section: str, n: int) -> Part:
    """Return myth or fact as a part: the statements to vote on, then the answers slide."""
    notes = pack.frame.notes
    vote = _pages(f"Myth or fact? {section}", notes.myths, "myth", n,
                  [Item(m.statement, f"{i}.") for i, m in enumerate(myths, start=1)])
    script = notes.myth_answers + " " + " ".join(_myth_answer(i, m) for i, m in enumerate(myths, start=1))
    answers = _pages(f"Myth or fact: the answers ({section})", script, "myth_answers", n,
                     [Item(("In fact: " if m.answer == "myth" else "") + m.explanation, f"{i}. {m.answer.capitalize()}.")
                      for i, m in enumerate(myths, start=1)])
    return _part(pack, "myths", section, "Myth or fact: vote, then the answers", vote + answers, "myth",
                 count=len(myths), extension=all(m.extension for m in myths), segment=n)


def _myth_answer(n: int, myth) -> str:
    """Return the teacher's answer to statement *n*: "1. Myth: ... Fact: ..." (or "Fact: ...")."""
    if myth.answer == "myth":
        return f"{n}. Myth: {myth.statement} Fact: {myth.explanation}"
    return f"{n}. Fact: {myth.statement} {myth.explanation}"


def _expected(questions) -> str:
    return " ".join(f"{q.question} Expected answers: {q.expected}" for q in questions)


def _quiz_items(lesson: Lesson, kept=None) -> list:
    """Return the lesson's quiz questions, taken from its segments in turn; with the *kept*
    parts of a plan, none that names a character whose story the plan leaves out."""
    told = {p.segment for p in kept if p.kind == "scenario"} if kept is not None else None
    untold = [s.content.scenario.protagonist for n, s in enumerate(lesson.segments, start=1)
              if told is not None and n not in told and s.content.scenario.protagonist]
    names = re.compile(r"\b(?:" + "|".join(map(re.escape, untold)) + r")\b") if untold else None
    lists = [[q for q in s.content.quiz
              if not (names and names.search(" ".join([q.question, q.answer, *q.options])))]
             for s in lesson.segments]
    out = []
    while any(lists):
        out += [q.pop(0) for q in lists if q]
    return [_arranged(q) for q in out]


def _arranged(q):
    """Return quiz item *q* with its right answer moved to a place its text chooses, so the
    answer is not always first (the way it is written) and no quiz app's order gives it away; a
    two-option question (True, False) keeps its order."""
    if len(q.options) < 3:
        return q
    wrong = [o for o in q.options if o != q.answer]
    place = zlib.crc32(q.question.encode()) % len(q.options)
    return q.model_copy(update={"options": wrong[:place] + [q.answer] + wrong[place:]})


def quiz_questions(pack: BandPack, lesson: Lesson, plan: Schedule) -> list:
    """Return the quiz questions *plan* has time for."""
    part = next(p for p in plan.parts if p.kind == "quiz")
    return _quiz_items(lesson, plan.parts)[:_quiz_count(pack, part.minutes)]


def _quiz_count(pack: BandPack, minutes: int) -> int:
    """Return how many quiz questions *minutes* hold."""
    return max(1, minutes // pack.timing.span("quiz")[0])


def taught(lesson: Lesson, plan: Schedule, kind: str) -> list:
    """Return the scenarios (*kind* "scenario") or activities ("activity") *plan* teaches."""
    segments = [p.segment for p in plan.parts if p.kind == kind]
    return [getattr(lesson.segments[n - 1].content, kind) for n in segments]


def _quiz(pack: BandPack, lesson: Lesson, count: int, kept=None) -> list[SlideSpec]:
    """Return *count* quiz questions (only on stories the *kept* parts tell) on as few slides as
    they fit, then the answers slide."""
    notes, questions = pack.frame.notes, _quiz_items(lesson, kept)[:count]
    groups = []
    for n, q in enumerate(questions, start=1):
        options = Item("    ".join(f"{chr(64 + i)})\u00a0{o}" for i, o in enumerate(q.options, start=1)))   # a letter never ends a line
        groups.append([Item(q.question, f"{n}.", bullet=False), options])
    slides = _pages("Quick quiz", notes.quiz, "quiz", groups=groups)
    script = notes.quiz_answers + " " + " ".join(
        f"{n}. {q.answer.rstrip('.')}. {q.explanation or ''}".strip() for n, q in enumerate(questions, start=1))
    answers = [Item(_answer(q), f"{n}.") for n, q in enumerate(questions, start=1)]
    return slides + _pages("Quick quiz: the answers", script, "quiz_answers", items=answers)


def _answer(q) -> str:
    """Return a quiz answer as shown: "B) Keep them and show a grown-up"."""
    return f"{chr(65 + q.options.index(q.answer))}) {q.answer}"


def _plenary(pack: BandPack, lesson: Lesson) -> list[Part]:
    frame, notes, timing = pack.frame, pack.frame.notes, pack.timing
    shortest, longest = timing.quiz_questions
    longest = min(longest, len(_quiz_items(lesson)))
    shortest = min(shortest, longest)
    per = timing.span("quiz")[0]
    quiz = Part("quiz", pack.localiser.respell("Plenary"), "Quick quiz, then the answers", tuple(_quiz(pack, lesson, shortest)),
                shortest * per, longest * per,
                build=lambda minutes, kept: _quiz(pack, lesson, _quiz_count(pack, minutes), kept))
    steps = [Item(s.step, f"{n}.", bullet=False, icon=s.icon) for n, s in enumerate(frame.what_to_do, start=1)]
    steps.append(Item(frame.never_your_fault, bullet=False))
    return [
        quiz,
        _part(pack, "steps", "Plenary", "What to do if it happens: the steps, said together", [SlideSpec(
            "What to do if it happens", notes.what_to_do, tuple(steps), role="steps")]),   # a diagram: one slide
        _part(pack, "baseline_revisit", "Plenary", "Where do you stand now? The baseline again", _pages(
            "Where do you stand now?", notes.baseline_revisit, "baseline_revisit", items=_baseline(lesson))),
        _part(pack, "exit_slip", "Plenary", "Exit slip", _pages(
            "Exit slip", notes.exit_slip, "exit_slip", items=[Item(p) for p in lesson.exit_slip])),
        _part(pack, "help", "Plenary", "Where to get help, and who in school", _pages(
            "Where to get help", notes.help, "help", items=help_items(pack))),
    ]


def dsl_line(pack: BandPack, roles: bool = True) -> str:
    """Return the sentences that tell pupils who their safeguarding lead (and deputy) is and where
    to find them; without *roles*, by name, in short sentences (the easy-read handout's words)."""
    dsl, locale = pack.school.config.dsl, pack.region.locale
    if dsl is None:
        return f"You can talk to {locale.dsl_generic}, or any adult you trust."
    if not roles:
        line = f"You can talk to {dsl.name}, or any adult you trust."
        line += f" Where to find {dsl.name}: {dsl.where}." if dsl.where else ""
        if dsl.deputy:
            line += f" If {dsl.name} is away, talk to {dsl.deputy.name}."
        return line
    line = f"You can talk to {person(dsl, locale.dsl_role, 'our ', False)}, or any adult you trust."
    if dsl.deputy:
        line += f" If {dsl.name} is away, talk to {person(dsl.deputy, 'deputy ' + locale.dsl_role, 'our ', False)}."
    return line


def person(who, default_role: str, our: str = "", contact: bool = True) -> str:
    """Return *who* as "Ms Okafor, our Designated Safeguarding Lead (Room 12; 0123 456789)"."""
    details = "; ".join(x for x in (who.where, contact and who.contact) if x)
    return f"{who.name}, {our}{who.role or default_role}" + (f" ({details})" if details else "")


def help_items(pack: BandPack) -> list[Item]:
    """Return the help slide's items: the intro, the school's DSL and each fitting service with
    how to reach it (what each does is on the handout and in the teacher notes)."""
    items = [Item(f"{pack.frame.help_intro} {dsl_line(pack)}", bullet=False)]
    for s in pack.services("students"):
        note = pack.age_note(s, "students")
        contact = s.contact[0].upper() + s.contact[1:] if s.phone or s.text else s.contact   # never a web address
        items.append(Item(f"{contact}{f' ({note})' if note else ''}.", s.name))
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
