"""The curriculum model: validated, frozen records with no I/O.

Each class's fields are the schema of the YAML that feeds it; README.md documents them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Audience = Literal["students", "staff", "parents"]


class Record(BaseModel):
    """Base: unknown fields are errors and records never change once made."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Record):
    """Where a module's facts come from."""

    title: Text
    publisher: Text
    url: Text | None = None
    year: int | None = None


class Keyword(Record):
    term: Text
    definition: Text


class Misconception(Record):
    myth: Text
    correction: Text


class Timing(Record):
    activity: Text
    minutes: int = Field(ge=1, le=60)


class Slide(Record):
    """A teaching slide: a title, bullet points and the teacher's script."""

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=70)]
    bullets: list[Text] = Field(min_length=1, max_length=8)
    notes: Text


class ChatMessage(Record):
    model_config = ConfigDict(populate_by_name=True)
    sender: Text = Field(alias="from")
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=160)]


class Question(Record):
    """A question for the class with notes on the answers to expect."""

    question: Text
    expected: Text


class Scenario(Record):
    """A fictional situation the class advises a character on."""

    title: Text
    setting: Text
    protagonist: Text | None = None
    chat: list[ChatMessage] = []
    questions: list[Question] = Field(min_length=1)
    notes: Text | None = None

    @model_validator(mode="after")
    def _protagonist_speaks(self):
        senders = {m.sender for m in self.chat}
        if self.chat and self.protagonist not in senders:
            raise ValueError(f"protagonist must be one of the chat senders: {', '.join(sorted(senders))}")
        return self


class QuizItem(Record):
    question: Text
    options: list[Text] | None = Field(default=None, min_length=2)
    answer: Text
    explanation: Text | None = None

    @model_validator(mode="after")
    def _answer_is_an_option(self):
        if self.options and self.answer not in self.options:
            raise ValueError("answer must be exactly one of the options")
        return self


class Activity(Record):
    """A short pupil activity printed on the handout."""

    title: Text
    instructions: Text
    items: list[Text] = Field(min_length=1)


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


class ModuleBand(Record):
    """What a module teaches to one age band."""

    title: Text | None = None
    summary: Text
    objectives: list[Text] = Field(min_length=1)
    key_messages: list[Text] = Field(min_length=1)
    keywords: list[Keyword] = []
    misconceptions: list[Misconception] = []
    timings: list[Timing] = Field(min_length=1)
    slides: list[Slide] = []
    sections: list[Section] = []
    scenario: Scenario
    discussion: list[Question] = []
    quiz: list[QuizItem] = Field(min_length=1)
    activity: Activity | None = None

    @property
    def minutes(self) -> int:
        """Return the segment's length: the sum of its timings."""
        return sum(t.minutes for t in self.timings)


class Module(Record):
    """A lesson segment (10-25 minutes) written for one or more age bands."""

    id: Id
    title: Text
    audience: Literal["students", "staff"]
    reviewed: dt.date
    sources: list[Source] = Field(min_length=1)
    bands: dict[str, ModuleBand] = Field(min_length=1)


def _require(ok: object, message: str) -> None:
    """Raise ValueError(*message*) unless *ok*."""
    if not ok:
        raise ValueError(message)


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
    exit_slip: list[Text] = Field(min_length=1)
    handout_activity: Id | None = None
    links: list[Link] = []


class Sequences(Record):
    lesson_minutes: int = Field(ge=30, le=120)
    intro_minutes: int = Field(ge=0, le=30)
    plenary_minutes: int = Field(ge=0, le=30)
    bands: dict[str, list[LessonSpec]]


class Rule(Record):
    rule: Text
    detail: Text


class Step(Record):
    step: Text
    detail: Text


class FrameNotes(Record):
    """The teacher's script for each slide of the lesson frame."""

    title: Text
    content_note: Text
    ground_rules: Text
    outcomes: Text
    baseline: Text
    keywords: Text
    misconceptions: Text
    discussion: Text
    quiz: Text
    key_messages: Text
    what_to_do: Text
    baseline_revisit: Text
    exit_slip: Text
    help: Text


class FrameBand(Record):
    """The fixed parts of every lesson for one band."""

    content_note: Text
    ground_rules: list[Rule] = Field(min_length=1)
    what_to_do: list[Step] = Field(min_length=1)
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


Pattern = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _compiles(pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as e:
        raise ValueError(f"not a valid regular expression ({e})") from e


class AgeRange(Record):
    min: int = Field(default=0, ge=0)
    max: int = Field(default=120, le=120)


class HelpService(Record):
    """A help service: who it is for, what it does and how to reach it."""

    id: Id
    name: Text
    short: Text | None = None
    what: Text
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
    def contact(self) -> str:
        """Return the ways to reach the service, on one line."""
        parts = [self.phone and f"call {self.phone}", self.text and f"text {self.text}", self.web]
        return "; ".join(p for p in parts if p)

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
    kind: Literal["blame", "shame", "scare", "stereotype", "myth"]
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
