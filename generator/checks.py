"""Cross-file checks: what no single file's schema can see."""

from __future__ import annotations

import datetime as dt

from .config import School
from .curriculum import Curriculum
from .errors import Problem
from .schema import located

STALE_AFTER = dt.timedelta(days=365)


def check(curriculum: Curriculum, school: School, today: dt.date) -> list[Problem]:
    """Return every problem in *curriculum* as adapted for *school*."""
    problems = []
    for module_id, module in curriculum.modules.items():
        problems += _module(curriculum, module_id, module)
        if today - module.reviewed > STALE_AFTER:
            problems.append(_at(curriculum, ("module", module_id), ("reviewed",),
                                f"last reviewed on {module.reviewed}, over a year ago; review the content "
                                "and update the date", "warning", "freshness"))
    for band_id in rising_targets(curriculum.bands):
        problems.append(_at(curriculum, ("band", band_id), ("reading_grade",),
                            "is below a younger band's target; reading targets must rise with age",
                            rule="readability"))
    for band_id in curriculum.bands:
        problems += _band(curriculum, band_id)
    problems += _school(curriculum, school)
    for region in curriculum.regions.values():
        problems += _region(curriculum, region, today)
    return problems


def rising_targets(bands) -> list[str]:
    """Return the ids of bands whose reading target is below that of a younger band."""
    ordered = sorted(bands.values(), key=lambda b: (b.min_age, b.max_age))
    return [later.id for earlier, later in zip(ordered, ordered[1:]) if later.reading_grade < earlier.reading_grade]


def _at(curriculum: Curriculum, key: tuple, loc: tuple, message: str, severity: str = "error",
        rule: str = "") -> Problem:
    origin = curriculum.origin(*key)
    return located(origin.raw, origin.file, origin.loc + loc, message, severity, rule)


def _module(curriculum: Curriculum, module_id: str, module) -> list[Problem]:
    key = ("module", module_id)
    out = []
    if module.id != module_id:
        out.append(_at(curriculum, key, ("id",), f"must match the file name {module_id!r}"))
    for band_id, band in module.bands.items():
        loc = ("bands", band_id)
        if band_id not in curriculum.bands:
            out.append(_at(curriculum, key, loc, f"unknown band; expected one of {', '.join(curriculum.bands)}"))
        if module.audience == "students":
            if not band.slides:
                out.append(_at(curriculum, key, loc + ("slides",), "required for a pupil module"))
            if band.sections:
                out.append(_at(curriculum, key, loc + ("sections",), "only staff modules have sections"))
            if not 10 <= band.minutes <= 25:
                out.append(_at(curriculum, key, loc + ("timings",),
                               f"add up to {band.minutes} minutes; a segment takes 10-25"))
        else:
            if not band.sections:
                out.append(_at(curriculum, key, loc + ("sections",), "required for a staff module"))
            if band.slides:
                out.append(_at(curriculum, key, loc + ("slides",), "staff modules never go on slides"))
    return out


def _band(curriculum: Curriculum, band_id: str) -> list[Problem]:
    band = curriculum.bands[band_id]
    content = band.content_band
    key = ("band", band_id)
    if content not in curriculum.bands or curriculum.bands[content].content_from:
        return [_at(curriculum, key, ("content_from",), "must name a band that has its own content")]
    out = []
    for part, table in (("frame.yaml", curriculum.frame.bands), ("parents.yaml", curriculum.parents.bands)):
        if content not in table:
            out.append(_at(curriculum, key, ("id",), f"{part} has no content for band {content!r}"))
    staff = [m for m in curriculum.modules.values() if m.audience == "staff" and content in m.bands]
    if not staff:
        out.append(_at(curriculum, key, ("id",), f"no staff module covers band {content!r}"))
    sequence_band = band_id if band_id in curriculum.sequences.bands else content
    if sequence_band not in curriculum.sequences.bands:
        return out + [_at(curriculum, key, ("id",), "has no lesson sequence in sequences.yaml")]
    return out + _sequence(curriculum, sequence_band, content)


def _sequence(curriculum: Curriculum, sequence_band: str, content: str) -> list[Problem]:
    key = ("sequence", sequence_band)
    seq = curriculum.sequences
    out, seen = [], set()
    for i, lesson in enumerate(seq.bands[sequence_band]):
        if lesson.id in seen:
            out.append(_at(curriculum, key, (i, "id"), f"lesson id {lesson.id!r} is used twice"))
        seen.add(lesson.id)
        minutes = seq.intro_minutes + seq.plenary_minutes
        for j, module_id in enumerate(lesson.modules):
            module = curriculum.modules.get(module_id)
            if module is None:
                out.append(_at(curriculum, key, (i, "modules", j), f"no module {module_id!r} in modules/"))
            elif module.audience != "students":
                out.append(_at(curriculum, key, (i, "modules", j), f"{module_id!r} is a staff module"))
            elif content not in module.bands:
                out.append(_at(curriculum, key, (i, "modules", j), f"{module_id!r} has no content for band {content!r}"))
            else:
                minutes += module.bands[content].minutes
        if lesson.handout_activity and lesson.handout_activity not in lesson.modules:
            out.append(_at(curriculum, key, (i, "handout_activity"), "must name one of the lesson's modules"))
        if minutes > seq.lesson_minutes:
            out.append(_at(curriculum, key, (i, "modules"),
                           f"lesson takes {minutes} minutes, more than lesson_minutes {seq.lesson_minutes}"))
    return out


def _school(curriculum: Curriculum, school: School) -> list[Problem]:
    config, origin = school.config, school.origin
    if origin is None:
        return []
    out = []
    if config.region not in curriculum.regions:
        out.append(located(origin.raw, origin.file, ("region",),
                           f"no help services for region {config.region!r}; expected one of {', '.join(sorted(curriculum.regions))}"))
    for i, band_id in enumerate(config.default_bands):
        if band_id not in curriculum.bands:
            out.append(located(origin.raw, origin.file, ("default_bands", i), f"unknown band {band_id!r}"))
    for loc, value in ((("templates", "slides"), config.templates.slides),
                       (("templates", "documents"), config.templates.documents),
                       (("branding", "logo"), config.branding.logo)):
        if value is not None and not school.path(value).is_file():
            out.append(located(origin.raw, origin.file, loc, f"file not found: {school.path(value)}"))
    text = config.templates.text
    if text is not None and not school.path(text).is_dir():
        out.append(located(origin.raw, origin.file, ("templates", "text"), f"folder not found: {school.path(text)}"))
    return out


def _region(curriculum: Curriculum, region, today: dt.date) -> list[Problem]:
    out = []
    if not any(s.emergency for s in region.services):
        first = curriculum.origin("service", region.region, region.services[0].id)
        out.append(located(first.raw, first.file, ("services",), "needs one service with emergency: true"))
    seen = set()
    for service in region.services:
        key = ("service", region.region, service.id)
        if service.id in seen:
            out.append(_at(curriculum, key, ("id",), f"service id {service.id!r} is used twice"))
        seen.add(service.id)
        if today - service.verified > STALE_AFTER:
            out.append(_at(curriculum, key, ("verified",),
                           f"{service.name} was last verified on {service.verified}, over a year ago; "
                           "check its details", "warning", "signposting"))
    return out
