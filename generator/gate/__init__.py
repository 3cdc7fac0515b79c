"""The safeguarding gate: rules every built pack must pass, run by `validate` and every `build`."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Problem
from .readability import readability
from .rules import accessibility, audience, key_messages, language, signposting, terms


@dataclass
class GateReport:
    """What the gate found, and the reading grade of each pupil artefact by band."""

    problems: list[Problem] = field(default_factory=list)
    grades: dict[str, dict[str, float]] = field(default_factory=dict)


def run_gate(curriculum, school, packs, artefacts) -> GateReport:
    """Return every finding of the gate on *artefacts*, built from *packs*."""
    by_band = {pack.band.id: pack for pack in packs}
    config = school.config
    problems = language(artefacts, list(curriculum.gate.language) + list(config.language_rules))
    problems += terms(artefacts, by_band, config.preferred_term)
    problems += key_messages(artefacts, curriculum.gate.key_messages)
    problems += signposting(artefacts, by_band, curriculum.regions)
    problems += audience(artefacts, staff_texts(curriculum))
    hard_to_read, grades = readability(artefacts, by_band)
    problems += hard_to_read + accessibility(artefacts)
    return GateReport(problems, grades)


def staff_texts(curriculum) -> list[str]:
    """Return every sentence group written only for staff: the staff modules' text."""
    out = []
    for module in curriculum.modules.values():
        if module.audience != "staff":
            continue
        for band in module.bands.values():
            out += [band.summary, band.scenario.setting] + band.key_messages + band.objectives
            out += [q.question for q in band.quiz]
            out += [t for s in band.sections for t in s.paragraphs + s.bullets]
    return out
