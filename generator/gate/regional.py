"""The gate's rules on who a built artefact points its reader to: only its own region's services
and bodies, adults' services always with their age, and the school's own safeguarding lead by
name wherever the role is mentioned."""

from __future__ import annotations

import re

from ..errors import Problem
from ..load.textchecks import adult_names, mark_words, unlabelled_adult, word_pattern
from .units import units

NAMED_IN = ("slides", "handout", "handout-simple", "parent-letter", "parent-guide", "poster", "poster-large",
            "pocket-card")


def foreign_marks(regions, code: str) -> re.Pattern | None:
    """Return a pattern finding any other region's marks in *code*'s artefacts."""
    marks = mark_words(regions)
    return word_pattern({w for other, words in marks.items() if other != code for w in words})


def _problem(artefact, where: str, message: str) -> Problem:
    return Problem(artefact.path, 0, where, message, "error", "signposting")


def other_regions(artefact, pattern: re.Pattern | None, region: str) -> list[Problem]:
    """Return a problem for each place *artefact* names another region's service, body or law."""
    out = []
    for unit in units(artefact) if pattern else ():
        if found := pattern.search(unit.text):
            out.append(_problem(artefact, unit.where, f"names {found.group(0)!r}, which belongs to another "
                                f"region, in a {region} pack; use the {region} service's token or region text"))
    return out


def adult_ages(artefact, pack) -> list[Problem]:
    """Return a problem for each mention of a service for adults that does not give its age, or
    that reaches pupils (or their parents) of a band too young ever to use it."""
    names = adult_names(pack.region)
    too_young = artefact.audience != "staff" and pack.band.max_age < 18
    out = []
    for unit in units(artefact):
        mentioned = next((name for name, _ in names if name in unit.text), None)
        if mentioned and too_young:
            out.append(_problem(artefact, unit.where, f"names {mentioned}, a service for adults, in a pack for "
                                f"{pack.band.label.lower()}; leave it out of this band's text"))
        elif unlabelled := unlabelled_adult(unit.text, names):
            name, service = unlabelled
            out.append(_problem(artefact, unit.where, f"names {name} without its age: it is for adults, "
                                f"{service.ages.min} and over; say so beside it"))
    return out


def school_people(artefact, pack) -> list[Problem]:
    """Return problems where the school's named safeguarding lead is missing, or where the role
    is mentioned without their name beside it."""
    dsl = pack.school.config.dsl
    if dsl is None:
        return []
    names = [dsl.name] + ([dsl.deputy.name] if dsl.deputy else [])
    generic = re.compile("|".join(f"(?:{w})" for w in pack.region.locale.dsl_words))
    out = []
    found = False
    for unit in units(artefact):
        named = any(n in unit.text for n in names)
        found = found or named
        if not named and (match := generic.search(unit.text)):
            out.append(_problem(artefact, unit.where, f"says {match.group(0)!r} without naming {dsl.name}; "
                                "write {dsl} or {dsl_short} in the curriculum text"))
    if artefact.kind in NAMED_IN and not found:
        out.append(_problem(artefact, "", f"does not name the school's safeguarding lead {dsl.name}"))
    return out
