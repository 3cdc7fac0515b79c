"""The curriculum model: validated, frozen records with no I/O.

Each class's fields are the schema of the YAML that feeds it; README.md documents them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from .render.icons import known as known_icons

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Audience = Literal["students", "staff", "parents"]


Pattern = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _compiles(pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as e:
        raise ValueError(f"not a valid regular expression ({e})") from e


def _icon(name: str) -> str:
    _require(name in known_icons(), f"no icon is called {name!r}: use a name from Font Awesome Free's solid set")
    return name


Icon = Annotated[str, AfterValidator(_icon)]


def _require(ok: object, message: str) -> None:
    """Raise ValueError(*message*) unless *ok*."""
    if not ok:
        raise ValueError(message)




class Record(BaseModel):
    """Base: unknown fields are errors and records never change once made."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Record):
    """Where a module's facts come from."""

    title: Text
    publisher: Text
    url: Text | None = None
    year: int | None = None


class MythOrFact(Record):
    """A statement the class votes on (myth or fact) before the answer is revealed."""

    statement: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    answer: Literal["myth", "fact"]
    explanation: Text
    extension: bool = False


class Slide(Record):
    """A teacher-input slide: a title, at most four short points and the teacher's script."""

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    bullets: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=110)]] = Field(
        min_length=1, max_length=4)
    notes: Text
    extension: bool = False


class ChatMessage(Record):
    model_config = ConfigDict(populate_by_name=True)
    sender: Text = Field(alias="from")
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=110)]


class Question(Record):
    """A question for the class with notes on the answers to expect."""

    question: Text
    expected: Text


class Reveal(Record):
    """What the character can do: shown after the class has advised them."""

    bullets: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=110)]] = Field(
        min_length=1, max_length=5)
    notes: Text


class Scenario(Record):
    """A fictional story the class reads, stops at a decision point, advises, then sees resolved.

    Pupil scenarios need predict and reveal; a staff case study has neither."""

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
    setting: Text
    protagonist: Text | None = None
    chat: list[ChatMessage] = Field(default=[], max_length=8)
    notes: Text | None = None
    predict: Question | None = None
    questions: list[Question] = Field(min_length=1, max_length=3)
    reveal: Reveal | None = None
    extension: bool = False

    @model_validator(mode="after")
    def _protagonist_speaks(self):
        senders = {m.sender for m in self.chat}
        if self.chat and self.protagonist not in senders:
            raise ValueError(f"protagonist must be one of the chat senders: {', '.join(sorted(senders))}")
        return self


class QuizItem(Record):
    question: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    options: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]] = Field(
        min_length=2, max_length=3)
    answer: Text
    explanation: Text | None = None

    @model_validator(mode="after")
    def _answer_is_an_option(self):
        if self.answer not in self.options:
            raise ValueError("answer must be exactly one of the options")
        return self


class Activity(Record):
    """A pupil activity on the handout, with the answer to each item for the teacher notes."""

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
    instructions: Text
    items: list[Text] = Field(min_length=1, max_length=6)
    answers: list[Text] = Field(min_length=1, max_length=6)
    extension: bool = False

    @model_validator(mode="after")
    def _an_answer_each(self):
        _require(len(self.answers) == len(self.items), "answers: give one answer for each item, in the same order")
        return self


class Section(Record):
    """A headed section of staff notes."""

    heading: Text
    paragraphs: list[Text] = []
    bullets: list[Text] = []

    @model_validator(mode="after")
    def _has_content(self):
        if not self.paragraphs and not self.bullets:
            raise ValueError("a section needs paragraphs or bullets")
        return self


class Keyword(Record):
    term: Text
    definition: Text
    simple: Text | None = None     # the easy-read handout's plainer definition


class ModuleBand(Record):
    """What a module teaches to one age band. Pupil modules have teach slides, a scenario with
    predict and reveal, myths, a quiz and easy-read sentences; staff modules have sections, a
    case study and the essentials every lesson's teacher notes carry."""

    title: Text | None = None
    summary: Text
    objectives: list[Text] = Field(min_length=1, max_length=2)
    key_messages: list[Text] = Field(min_length=1, max_length=4)
    keywords: list[Keyword] = []
    teach: list[Slide] = Field(default=[], max_length=4)
    scenario: Scenario
    myths: list[MythOrFact] = Field(default=[], max_length=3)
    discussion: list[Question] = Field(default=[], max_length=2)
    quiz: list[QuizItem] = Field(min_length=1, max_length=3)
    activity: Activity | None = None
    easy_read: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=90)]] = Field(
        default=[], max_length=4)
    sections: list[Section] = []
    essentials: list[Section] = []


class Module(Record):
    """A lesson segment (10-25 minutes) written for one or more age bands."""

    id: Id
    title: Text
    audience: Literal["students", "staff"]
    reviewed: dt.date
    sources: list[Source] = Field(min_length=1)
    bands: dict[str, ModuleBand] = Field(min_length=1)


class AgeBand(Record):
    """An age band: who a pack is for and how it is written."""

    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")]
    label: Text
    min_age: int = Field(ge=4, le=25)
    max_age: int = Field(ge=4, le=25)
    school_years: Text
    reading_grade: float = Field(gt=0, le=16)
    content_from: str | None = None
    preferred_term: Text | None = None
    avoid_terms: list[Text] = []

    @model_validator(mode="after")
    def _ordered(self):
        _require(self.min_age <= self.max_age, "min_age must not be above max_age")
        return self

    @property
    def content_band(self) -> str:
        """Return the band id whose written content this band uses."""
        return self.content_from or self.id


class Baseline(Record):
    """An agree/disagree activity at the start, revisited at the end."""

    activity: Text
    statements: list[Text] = Field(min_length=1)
    notes: Text


class Link(Record):
    """Where a lesson meets a curriculum framework."""

    framework: Text
    strand: Text
    detail: Text


class LessonSpec(Record):
    """A lesson of a band's sequence: an ordered list of modules."""

    id: Id
    title: Text
    modules: list[Id] = Field(min_length=1)
    baseline: Baseline
    exit_slip: list[Text] = Field(min_length=1, max_length=3)
    links: list[Link] = []


LessonMinutes = Annotated[int, Field(ge=40, le=75)]


class Sequences(Record):
    lesson_minutes: LessonMinutes
    bands: dict[str, list[LessonSpec]]


Minutes = int | tuple[int, int]
PARTS = ("content_note", "content_note_later", "ground_rules", "ground_rules_later", "outcomes", "baseline",
         "keywords", "teach", "story", "predict", "advise", "reveal", "myth", "discussion", "activity", "quiz",
         "steps", "baseline_revisit", "exit_slip", "help")


class BandTiming(Record):
    """How long each part of a lesson takes one band, in minutes: a number is fixed; a
    [shortest, longest] pair is flexible, and is stretched to fill the lesson."""

    minutes: dict[Literal[PARTS], Minutes]
    quiz_questions: tuple[int, int] = (3, 5)
    quiz_seconds: int = Field(default=30, ge=5, le=300)     # a pupil's time on one question in a quiz app
    minutes_per_slide: float = Field(default=2, gt=0)

    @model_validator(mode="after")
    def _complete(self):
        missing = [p for p in PARTS if p not in self.minutes]
        _require(not missing, f"minutes: give every part a time: {', '.join(missing)}")
        for part, value in self.minutes.items():
            low, high = value if isinstance(value, tuple) else (value, value)
            _require(0 <= low <= high <= 30, f"minutes.{part}: give 0-30 minutes, the shortest first")
        return self

    def span(self, part: str) -> tuple[int, int]:
        """Return the shortest and longest time *part* takes."""
        value = self.minutes[part]
        return value if isinstance(value, tuple) else (value, value)


class Timing(Record):
    """lessons/timing.yaml: each band's part times, and where a part left out could be taught."""

    bands: dict[str, BandTiming]
    elsewhere: dict[Literal[PARTS], Text]


class Rule(Record):
    rule: Text
    detail: Text


class Step(Record):
    """One of a band's "what to do" steps; *match* recognises it at the start of a listed item,
    so the gate can see a list that puts the steps in another order."""

    step: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    detail: Text
    match: Pattern
    icon: Icon

    @model_validator(mode="after")
    def _valid(self):
        _compiles(self.match)
        return self


class FrameNotes(Record):
    """The teacher's script for each slide of the lesson frame."""

    title: Text
    content_note: Text
    ground_rules: Text
    outcomes: Text
    baseline: Text
    keywords: Text
    predict: Text
    advise: Text
    myths: Text
    myth_answers: Text
    discussion: Text
    activity: Text
    quiz: Text
    quiz_answers: Text
    what_to_do: Text
    baseline_revisit: Text
    exit_slip: Text
    help: Text


class FrameBand(Record):
    """The fixed parts of every lesson for one band."""

    content_note: Text
    ground_rules: list[Rule] = Field(min_length=1)
    what_to_do: list[Step] = Field(min_length=3, max_length=5)
    never_your_fault: Text
    help_intro: Text
    closing: Text
    notes: FrameNotes


class Frame(Record):
    reviewed: dt.date
    bands: dict[str, FrameBand]


class ParentGuide(Record):
    """A one-page guide for parents and carers."""

    title: Text
    intro: Text
    talking: list[Text] = Field(min_length=1)
    family_rules: list[Text] = Field(min_length=1)
    if_it_happens: list[Text] = Field(min_length=1)


class ParentBand(Record):
    """The parent and carer letter, and the one-page guide, for one band."""

    subject: Text
    opening: list[Text] = Field(min_length=1)
    why: list[Text] = Field(min_length=1)
    talking: list[Text] = Field(min_length=1)
    if_it_happens: list[Text] = Field(min_length=1)
    closing: Text
    guide: ParentGuide


class Parents(Record):
    reviewed: dt.date
    sources: list[Source] = Field(min_length=1)
    bands: dict[str, ParentBand]


class AgeRange(Record):
    min: int = Field(default=0, ge=0)
    max: int = Field(default=120, le=120)


class HelpService(Record):
    """A help service: who it is for, what it does and how to reach it."""

    id: Id
    name: Text
    short: Text | None = None
    what: Text
    what_simple: Text | None = None     # what it does, in words for children under 12
    who: Text
    ages: AgeRange
    audiences: list[Audience] = Field(min_length=1)
    phone: Text | None = None
    text: Text | None = None
    web: Text | None = None
    hours: Text | None = None
    emergency: bool = False
    young_people: bool = False
    list_from_age: int | None = None
    verified: dt.date

    @model_validator(mode="after")
    def _reachable(self):
        _require(self.phone or self.text or self.web, "a service needs a phone, text or web contact")
        return self

    @property
    def ways(self) -> list[str]:
        """Return how to reach the service by phone: "call 0800 1111", "text 85258" (either may be absent)."""
        return [w for w in (self.phone and f"call {self.phone}", self.text and f"text {self.text}") if w]

    @property
    def contact(self) -> str:
        """Return the ways to reach the service, on one line."""
        return "; ".join(self.ways + ([self.web] if self.web else []))

    @property
    def adults_only(self) -> bool:
        """Return whether the service is only for adults (18 and over)."""
        return self.ages.min >= 18

    @property
    def from_18(self) -> bool:
        """Return whether young people may use the service only once they are 18 (so every
        mention of it carries its age)."""
        return self.adults_only and "students" in self.audiences

    @property
    def names(self) -> list[str]:
        """Return the names text may use for the service: its name and its short name."""
        return [n for n in (self.name, self.short) if n]


ROLES = ("emergency", "report", "remove", "helpline", "crisis", "adult_remove")


class Locale(Record):
    """What follows from a region's language variant: spelling, words, money, school words, letters."""

    spelling: Literal["british", "american"] = "british"
    words: dict[str, str] = {}
    currency: Text = "£"
    subject: Text
    tutor: Text
    dsl_role: Text
    dsl_generic: Text
    dsl_short: Text
    dsl_words: list[Pattern] = Field(min_length=1)
    greeting: Text
    sign_off: Text
    date_format: Text = "{weekday} {day} {month} {year}"

    @model_validator(mode="after")
    def _valid(self):
        for pattern in self.dsl_words:
            _compiles(pattern)
        return self


class Region(Record):
    """The help services of one region, which of them fills each role, its locale and its marks."""

    region: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    name: Text
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}-[A-Z]{2}$")]
    paper: Literal["a4", "letter"]
    locale: Locale
    roles: dict[Literal[ROLES], list[Id]]
    marks: list[Text] = []
    services: list[HelpService] = Field(min_length=1)

    @model_validator(mode="after")
    def _roles_filled(self):
        ids = {s.id for s in self.services}
        missing = [role for role in ROLES if not self.roles.get(role)]
        _require(not missing, f"roles: every role needs a service: {', '.join(missing)}")
        unknown = sorted({i for names in self.roles.values() for i in names} - ids)
        _require(not unknown, f"roles name services that are not listed: {', '.join(unknown)}")
        return self

    def role(self, name: str) -> list[HelpService]:
        """Return the services that fill role *name*, in the order the region lists them."""
        by_id = {s.id: s for s in self.services}
        return [by_id[i] for i in self.roles.get(name, []) if i in by_id]

    @property
    def all_marks(self) -> list[str]:
        """Return every word that identifies this region: its marks and its services' names,
        except names every region shares (such as "Emergency services")."""
        return list(dict.fromkeys(self.marks + [n for s in self.services if not s.emergency for n in s.names]))


class LanguageRule(Record):
    """Wording no artefact may use: a pattern, why it harms and what to say instead."""

    id: Id
    kind: Literal["blame", "shame", "scare", "stereotype", "myth", "disclosure"]
    pattern: Pattern
    why: Text
    instead: Text

    @model_validator(mode="after")
    def _valid(self):
        _compiles(self.pattern)
        return self


class KeyMessageRule(Record):
    """A key message every pupil pack must carry, recognised by any of its patterns."""

    id: Id
    name: Text
    patterns: list[Pattern] = Field(min_length=1)
    fix: Text

    @model_validator(mode="after")
    def _valid(self):
        for pattern in self.patterns:
            _compiles(pattern)
        return self


class Gate(Record):
    """The data the safeguarding gate checks against (lessons/gate.yaml)."""

    language: list[LanguageRule] = Field(min_length=1)
    key_messages: list[KeyMessageRule] = Field(min_length=1)
