"""Cross-file checks: what no single file's schema can see."""

from __future__ import annotations

import datetime as dt
import re

from ..errors import Problem
from ..render.slides import template_problems
from .config import School
from .curriculum import Curriculum
from .schema import located
from .textchecks import check_roles, check_texts

STALE_AFTER = dt.timedelta(days=365)
MAX_OUTCOMES = 4


def check(curriculum: Curriculum, school: School, today: dt.date, built: list[str]) -> list[Problem]:
    """Return every problem in *curriculum* as adapted for *school*, for the bands *built*."""
    problems = check_texts(curriculum.texts, curriculum.regions)
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
    region = curriculum.regions.get(school.config.region)
    for band_id in built:
        problems += _band(curriculum, school, band_id)
        band = curriculum.bands[band_id]
        if region is not None:
            problems += check_roles(curriculum.texts, region, band, band.content_band)
    problems += _school(curriculum, school)
    if region is not None:
        problems += _region(curriculum, region, today)
    return sorted(set(problems))


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
            out += _pupil_band(curriculum, key, loc, band)
        else:
            for name in ("sections", "essentials"):
                if not getattr(band, name):
                    out.append(_at(curriculum, key, loc + (name,), "required for a staff module"))
            for name in ("teach", "myths", "activity", "easy_read"):
                if getattr(band, name):
                    out.append(_at(curriculum, key, loc + (name,), "only pupil modules have this"))
    return out


def _pupil_band(curriculum: Curriculum, key: tuple, loc: tuple, band) -> list[Problem]:
    """Return what a pupil module's band lacks: teacher input, a scenario to predict and reveal,
    easy-read sentences; and sections, which only staff have."""
    out = []
    for name in ("teach", "easy_read"):
        if not getattr(band, name):
            out.append(_at(curriculum, key, loc + (name,), "required for a pupil module"))
    for name in ("predict", "reveal"):
        if getattr(band.scenario, name) is None:
            out.append(_at(curriculum, key, loc + ("scenario", name), "required for a pupil module's scenario"))
    for name in ("sections", "essentials"):
        if getattr(band, name):
            out.append(_at(curriculum, key, loc + (name,), "only staff modules have this"))
    who = band.scenario.protagonist
    for i, slide in enumerate(band.teach):
        if who and band.scenario.extension and not slide.extension and re.search(rf"\b{re.escape(who)}\b",
                                                                                 slide.notes + " ".join(slide.bullets)):
            out.append(_at(curriculum, key, loc + ("teach", i), f"is core but names {who}, whose story is an "
                           "extension and is left out of short lessons; leave the story out of this slide, or mark "
                           "the slide `extension: true`", rule="teaching"))
    return out


def _band(curriculum: Curriculum, school: School, band_id: str) -> list[Problem]:
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
    return out + _sequence(curriculum, school, band_id, sequence_band, content)


def _sequence(curriculum: Curriculum, school: School, band_id: str, sequence_band: str,
              content: str) -> list[Problem]:
    key = ("sequence", sequence_band)
    seq = curriculum.sequences
    out, seen = [], set()
    for i, lesson in enumerate(seq.bands[sequence_band]):
        if lesson.id in seen:
            out.append(_at(curriculum, key, (i, "id"), f"lesson id {lesson.id!r} is used twice"))
        seen.add(lesson.id)
        objectives = []
        for j, module_id in enumerate(lesson.modules):
            module = curriculum.modules.get(module_id)
            if module is None:
                out.append(_at(curriculum, key, (i, "modules", j), f"no module {module_id!r} in modules/"))
            elif module.audience != "students":
                out.append(_at(curriculum, key, (i, "modules", j), f"{module_id!r} is a staff module"))
            elif content not in module.bands:
                out.append(_at(curriculum, key, (i, "modules", j), f"{module_id!r} has no content for band {content!r}"))
            else:
                objectives += module.bands[content].objectives
        if len(objectives) > MAX_OUTCOMES:
            out.append(_at(curriculum, key, (i, "modules"), f"lesson {lesson.id} has {len(objectives)} \"I can\" "
                           f"outcomes; give its modules at most {MAX_OUTCOMES} in all", rule="completeness"))
        for twice in sorted({o for o in objectives if objectives.count(o) > 1}):
            out.append(_at(curriculum, key, (i, "modules"), f"lesson {lesson.id} has the outcome {twice!r} twice; "
                           "make its modules' outcomes distinct", rule="completeness"))
    return out


def does_not_fit(curriculum: Curriculum, school: School, band_id: str, lesson_id: str, minutes: int,
                 why: str) -> Problem:
    """Return the problem of a lesson that cannot be taught in its minutes, where the user can fix
    it: the config's lesson_minutes when the config set it, else the lesson in sequences.yaml."""
    message = (f"band {band_id}, lesson {lesson_id} cannot be taught in {minutes} minutes: {why}; change "
               "lesson_minutes, or mark parts of its modules `extension: true` (or add extensions)")
    config, origin = school.config, school.origin
    if origin is not None:
        for i, band in enumerate(config.bands):
            if band.id == band_id and band.lesson_minutes:
                return located(origin.raw, origin.file, ("bands", i, "lesson_minutes"), message, rule="timing")
        if config.lesson_minutes:
            return located(origin.raw, origin.file, ("lesson_minutes",), message, rule="timing")
    sequence_band = band_id if band_id in curriculum.sequences.bands else curriculum.bands[band_id].content_band
    lessons = curriculum.sequences.bands.get(sequence_band, [])
    index = next((i for i, lesson in enumerate(lessons) if lesson.id == lesson_id), None)
    if index is None:
        return Problem("--module", 0, "", message, "error", "timing")
    return _at(curriculum, ("sequence", sequence_band), (index, "modules"), message, rule="timing")


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
            out.append(located(origin.raw, origin.file, ("default_bands", i), f"unknown band {band_id!r}; "
                               f"expected one of {', '.join(curriculum.bands)}"))
    for band_id, dates in config.lesson_dates.items():
        if band_id not in curriculum.bands:
            out.append(located(origin.raw, origin.file, ("lesson_dates", band_id), f"unknown band {band_id!r}; "
                               f"expected one of {', '.join(curriculum.bands)}"))
    for loc, value in ((("templates", "slides"), config.templates.slides),
                       (("templates", "documents"), config.templates.documents),
                       (("branding", "logo"), config.branding.logo)):
        if value is not None and not school.path(value).is_file():
            out.append(located(origin.raw, origin.file, loc, f"file not found: {school.path(value)}"))
        elif loc == ("templates", "slides") and value is not None:
            out += [located(origin.raw, origin.file, loc, message, severity, "design")
                    for severity, message in template_problems(school.path(value))]
        elif loc == ("branding", "logo") and value is not None and not _is_image(school.path(value)):
            out.append(located(origin.raw, origin.file, loc, f"{value} is not a PNG or JPEG image; save the "
                               "logo as PNG or JPEG and give that file"))
    text = config.templates.text
    if text is not None and not school.path(text).is_dir():
        out.append(located(origin.raw, origin.file, ("templates", "text"), f"folder not found: {school.path(text)}"))
    return out


def _is_image(path) -> bool:
    """Return whether *path* starts like a PNG or JPEG file."""
    with open(path, "rb") as f:
        head = f.read(8)
    return head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff")


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
