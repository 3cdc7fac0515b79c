"""The safeguarding gate: rules every built pack must pass, run by `validate` and every `build`.

Each artefact is checked where it is rendered (in parallel); only the preferred-term rule looks
across a band's artefacts, from what each artefact's check reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Problem
from .exports.rules import quiz_fits, quiz_matches, schema_valid, staff_hidden
from .readability import readability
from .regional import adult_ages, foreign_marks, other_regions, school_people
from .rules import (
    SourceIndex,
    accessibility,
    audience,
    key_messages,
    language,
    preferred_term,
    signposting,
    term_unused,
    terms,
    traced,
    uses_term,
)
from .teaching import notes_length, on_paper, slide_numbers, step_order, taught_order


@dataclass(frozen=True)
class GateRules:
    """What the rules check against, gathered once from the curriculum and the school config."""

    language: tuple
    key_messages: tuple
    regions: dict
    preferred: str | None
    foreign: object          # a pattern of every other region's marks
    sources: SourceIndex     # every curriculum string and where it is, to name a finding's source


@dataclass
class ArtefactCheck:
    """What the gate found in one artefact."""

    path: str
    band: str
    problems: list[Problem]
    grade: float | None
    uses_term: bool


@dataclass
class GateReport:
    """What the gate found, and the reading grade of each pupil artefact by band."""

    problems: list[Problem] = field(default_factory=list)
    grades: dict[str, dict[str, float]] = field(default_factory=dict)
    targets: dict[str, float] = field(default_factory=dict)   # each band's reading-grade target


def gate_rules(curriculum, school) -> GateRules:
    """Return the rules for *curriculum* as adapted for *school*."""
    config = school.config
    return GateRules(tuple(curriculum.gate.language) + tuple(config.language_rules),
                     tuple(curriculum.gate.key_messages), curriculum.regions, config.preferred_term,
                     foreign_marks(curriculum.regions, config.region), SourceIndex(curriculum.texts))


def check_artefact(artefact, pack, rules: GateRules, deck=None, handout=None, quizzes=()) -> ArtefactCheck:
    """Return every finding of the per-artefact rules on *artefact*, each placed where its text was
    written when it can be traced; *deck* and *handout* are the facts of its lesson's deck and
    standard handout, and *quizzes* the quiz of each lesson's deck an export holds, for the rules
    that compare them."""
    one, packs = [artefact], {artefact.band: pack}
    problems = language(one, rules.language) + terms(one, packs) + key_messages(one, rules.key_messages)
    problems += signposting(one, packs, rules.regions) + audience(one, staff_texts(pack))
    problems += other_regions(artefact, rules.foreign, pack.region.region) + adult_ages(artefact, pack)
    problems += school_people(artefact, pack)
    problems += taught_order(artefact, pack) + step_order(artefact, pack) + on_paper(artefact, handout)
    problems += slide_numbers(artefact, deck) + notes_length(artefact, pack.lesson_minutes)
    problems += quiz_matches(artefact, quizzes) + quiz_fits(artefact) + staff_hidden(artefact)
    problems += schema_valid(artefact)
    hard_to_read, grades = readability(one, packs)
    problems += hard_to_read + accessibility(one)
    problems = [traced(p, rules.sources, pack.band.content_band) for p in problems]
    grade = grades.get(artefact.band, {}).get(artefact.path)
    return ArtefactCheck(artefact.path, artefact.band, problems, grade,
                         uses_term(artefact, preferred_term(pack.band, rules.preferred)))


def report(checks: list[ArtefactCheck], packs, rules: GateRules, pupil_paths: dict[str, list[str]]) -> GateReport:
    """Return the gate's report from each artefact's check, adding the band-level term rule."""
    result = GateReport([p for c in checks for p in c.problems],
                        targets={pack.band.id: pack.band.reading_grade for pack in packs})
    for check in checks:
        if check.grade is not None:
            result.grades.setdefault(check.band, {})[check.path] = check.grade
    for pack in packs:
        term = preferred_term(pack.band, rules.preferred)
        paths = pupil_paths.get(pack.band.id, [])
        if term and paths and not any(c.uses_term for c in checks if c.band == pack.band.id):
            result.problems.append(term_unused(pack.band.id, term, paths[0]))
    return result


def pupil_paths(artefacts) -> dict[str, list[str]]:
    """Return the paths of each band's pupil artefacts."""
    out = {}
    for a in artefacts:
        if a.audience == "students":
            out.setdefault(a.band, []).append(a.path)
    return out


def staff_texts(pack) -> list[str]:
    """Return every sentence group written only for staff: the pack's staff modules' text, as built."""
    out = []
    for segment in pack.lessons[0].staff if pack.lessons else ():
        band = segment.content
        out += [band.summary, band.scenario.setting] + band.key_messages + band.objectives
        out += [q.question for q in band.quiz]
        out += [t for s in band.sections for t in s.paragraphs + s.bullets]
    return out
