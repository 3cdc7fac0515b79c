"""Fit a lesson's parts to its minutes: keep the core, add extensions while they fit, then
stretch the flexible parts a minute at a time, in turn, until the plan fills the lesson."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

# Which extensions go in first when there is time: the keywords (pre-taught from the handout
# otherwise), a second story, then myths, the activity, more teacher input, then discussion.
PRIORITY = ("keywords", "scenario", "myths", "activity", "teach", "discussion")


@dataclass(frozen=True)
class Part:
    """A timed piece of a lesson: one row of the plan, its slides and the minutes it may take."""

    kind: str                   # what it is: "scenario", "myths", "quiz", "help", ...
    section: str                # the plan's first column: "Opening", a segment's title, "Plenary"
    label: str                  # what the class does, for the plan
    slides: tuple = ()
    low: int = 0
    high: int = 0
    extension: bool = False
    segment: int = 0            # 0 for the opening and plenary, else the segment's number
    elsewhere: str = ""         # where it could be taught if left out
    needs_story: bool = False   # it talks about its segment's story, so is taught only with it
    minutes: int = 0            # what the plan gives it
    first_slide: int = 0        # its first slide's number in the deck, once placed
    build: object = field(default=None, compare=False)   # (minutes, kept parts) -> slides, for a part whose
                                                         # slides depend on its time and the rest of the plan

    @property
    def last_slide(self) -> int:
        return self.first_slide + len(self.slides) - 1


@dataclass(frozen=True)
class Schedule:
    """The parts a lesson teaches, in order and timed, and those left out for time."""

    parts: tuple[Part, ...]
    left_out: tuple[Part, ...]
    minutes: int

    @property
    def slides(self) -> list:
        return [s for p in self.parts for s in p.slides]


class DoesNotFit(Exception):
    """The lesson's core is too long for its minutes, or all its parts too short."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def schedule(parts: list[Part], minutes: int, max_slides: int) -> Schedule:
    """Return *parts* fitted to *minutes* and at most *max_slides* slides; raise DoesNotFit."""
    core = [p for p in parts if not p.extension]
    used, slides = sum(p.low for p in core), sum(len(p.slides) for p in core)
    if used > minutes or slides > max_slides:
        raise DoesNotFit(f"its core takes {used} minutes and {slides} slides, more than {minutes} minutes "
                         f"and {max_slides} slides allow")
    chosen = set(map(id, core))
    for part in _by_priority([p for p in parts if p.extension]):
        told = any(id(p) in chosen and p.kind == "scenario" and p.segment == part.segment for p in parts)
        if part.needs_story and not told:
            continue
        if used + part.low <= minutes and slides + len(part.slides) <= max_slides:
            chosen.add(id(part))
            used, slides = used + part.low, slides + len(part.slides)
    kept = [p for p in parts if id(p) in chosen]
    times = [p.low for p in kept]
    shown = [tuple(p.build(p.low, kept)) if p.build else p.slides for p in kept]
    slides = sum(map(len, shown))
    while used < minutes:
        grown = False
        for i, part in enumerate(kept):
            if used >= minutes or times[i] >= part.high:
                continue
            more = tuple(part.build(times[i] + 1, kept)) if part.build else shown[i]   # a growing quiz may need a slide
            if slides + len(more) - len(shown[i]) <= max_slides:
                slides += len(more) - len(shown[i])
                times[i], shown[i], used, grown = times[i] + 1, more, used + 1, True
        if not grown:
            raise DoesNotFit(f"all its parts together take at most {used} minutes, less than {minutes}")
    placed, number = [], 1
    for part, time, slides_ in zip(kept, times, shown):
        placed.append(replace(part, minutes=time, slides=slides_, first_slide=number))
        number += len(slides_)
    return Schedule(tuple(placed), tuple(p for p in parts if id(p) not in chosen), minutes)


def _by_priority(extensions: list[Part]) -> list[Part]:
    """Return *extensions* by kind (PRIORITY), each kind taken from the segments in turn."""
    def key(part: Part):
        kind = PRIORITY.index(part.kind) if part.kind in PRIORITY else len(PRIORITY)
        rank = sum(1 for p in extensions[:extensions.index(part)] if p.kind == part.kind and p.segment == part.segment)
        return kind, rank, part.segment
    return sorted(extensions, key=key)
