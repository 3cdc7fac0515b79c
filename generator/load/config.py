"""The school config a safeguarding lead writes, and how it adapts the curriculum."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from ..errors import ContentError, Problem
from ..model import (
    AgeBand,
    HelpService,
    Id,
    LanguageRule,
    LessonMinutes,
    LessonSpec,
    Record,
    Text,
)
from .curriculum import Curriculum, Origin
from .schema import located, parse
from .yamlsrc import YamlError, load_yaml

Colour = Annotated[str, StringConstraints(pattern=r"^#?[0-9A-Fa-f]{6}$")]


class Person(Record):
    """Someone pupils and parents should be able to find: name, role, where and how to reach them."""

    name: Text
    role: Text | None = None        # default: the region's name for the role
    where: Text | None = None       # where pupils find them, such as "Room 12, by the library"
    contact: Text | None = None     # how parents reach them: an email address or phone number


class DSL(Person):
    """The school's Designated Safeguarding Lead (school counselor, wellbeing leader), and a deputy."""

    deputy: Person | None = None


class SchoolBand(Record):
    """A band of the school's: a new one (its fields as in bands.yaml), or changes to a default
    band's fields; with content_from, any field left out is the content band's."""

    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")]
    label: Text | None = None
    min_age: int | None = Field(default=None, ge=4, le=25)
    max_age: int | None = Field(default=None, ge=4, le=25)
    school_years: Text | None = None
    reading_grade: float | None = Field(default=None, gt=0, le=16)
    content_from: str | None = None
    preferred_term: Text | None = None
    avoid_terms: list[Text] | None = None
    lesson_minutes: LessonMinutes | None = None


class Branding(Record):
    """Colours and logo; colours are six-digit hex, the logo a PNG or JPEG path."""

    primary: Colour = "1F3864"
    accent: Colour = "2E75B6"
    logo: Text | None = None


class Templates(Record):
    """Replacement base designs (a PPTX for slides, a DOCX for documents) and text templates."""

    slides: Text | None = None
    documents: Text | None = None
    text: Text | None = None


class SchoolConfig(Record):
    """A school's settings; every field is optional."""

    school: Text | None = None
    dsl: DSL | None = None
    region: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] = "UK"
    paper: Literal["a4", "letter"] | None = None
    lesson_minutes: LessonMinutes | None = None
    lesson_dates: dict[str, list[dt.date]] = {}
    letter_from: Person | None = None
    branding: Branding = Branding()
    templates: Templates = Templates()
    bands: list[SchoolBand] = []
    default_bands: list[Text] = []
    sequences: dict[str, list[LessonSpec]] = {}
    extra_services: list[HelpService] = []
    hide_services: list[Id] = []
    preferred_term: Text | None = None
    language_rules: list[LanguageRule] = []
    variants: list[Literal["standard", "large-print", "dyslexia"]] = Field(default=["standard"], min_length=1)

    @field_validator("region", mode="before")
    @classmethod
    def _upper(cls, value):
        return value.strip().upper() if isinstance(value, str) else value


@dataclasses.dataclass(frozen=True)
class School:
    """A loaded school config and the folder its relative paths start from."""

    config: SchoolConfig
    folder: Path
    origin: Origin | None = None

    def path(self, value: str | None) -> Path | None:
        """Return *value* resolved against the config's folder."""
        return None if value is None else (self.folder / value)

    def notices(self) -> list[Problem]:
        """Return the warnings about the config as a whole: none given, empty, or naming no DSL."""
        if self.origin is None:
            return [Problem("no --config given", 0, "", "the packs name no safeguarding lead, only the role; run "
                            "`lessonpack init` to write my-school.yaml, fill it in, then build with --config "
                            "my-school.yaml", "warning", "signposting")]
        if not self.origin.raw:
            return [Problem(self.origin.file, 0, "", "the config is empty, so every default applies and no "
                            "safeguarding lead is named; fill it in (`lessonpack init` writes a starter)",
                            "warning")]
        if self.config.dsl is None:
            return [Problem(self.origin.file, 0, "dsl", "names no safeguarding lead, so the packs name only the "
                            "role; add dsl: name, role and where", "warning", "signposting")]
        return []


def load_school(path: Path | None) -> School:
    """Return the school config at *path* (defaults when None), or raise ContentError."""
    if path is None:
        return School(SchoolConfig(), Path.cwd())
    shown = str(path)
    try:
        raw = load_yaml(path, shown) if path.is_file() else None
    except YamlError as e:
        raise ContentError([e.problem]) from e
    if raw is None and not path.is_file():
        raise ContentError([Problem(shown, 0, "", "config file not found")])
    if raw is not None and not isinstance(raw, dict):
        raise ContentError([Problem(shown, getattr(raw, "line", 1) or 1, "", "is not a lessonpack config: "
                                    "expected fields such as school: and dsl:; `lessonpack init` writes a starter")])
    config, problems = parse(SchoolConfig, raw or {}, shown)
    if problems:
        raise ContentError(problems)
    return School(config, path.parent, Origin(shown, raw or {}))


def school_bands(curriculum: Curriculum, school: School) -> tuple[dict[str, AgeBand], list[Problem]]:
    """Return the curriculum's bands with the school's bands added or changed, and the problems."""
    bands, problems = dict(curriculum.bands), []
    origin = school.origin
    for i, change in enumerate(school.config.bands):
        fields = change.model_dump(exclude_none=True, exclude={"lesson_minutes"})
        base = bands.get(change.id) or bands.get(change.content_from or "")
        merged = (base.model_dump() if base else {}) | fields
        if base is not None and change.id not in bands:
            merged["content_from"] = base.content_band
        band, found = parse(AgeBand, merged, origin.file)
        if found:
            missing = sorted({p.field for p in found})
            problems.append(located(origin.raw, origin.file, ("bands", i),
                                    f"band {change.id!r} needs {', '.join(missing)}; give them, or content_from: "
                                    "a default band to take them from"))
            continue
        bands[band.id] = band
    return bands, problems


def adapt(curriculum: Curriculum, school: School) -> Curriculum:
    """Return *curriculum* with the school's bands, sequences, lesson length and services applied."""
    config = school.config
    if school.origin is None:
        return curriculum
    origins = dict(curriculum.origins)
    bands, problems = school_bands(curriculum, school)
    if problems:
        raise ContentError(problems)
    for i, band in enumerate(config.bands):
        origins[("band", band.id)] = Origin(school.origin.file, school.origin.raw, ("bands", i))
    sequence_bands = dict(curriculum.sequences.bands)
    for band_id, lessons in config.sequences.items():
        sequence_bands[band_id] = lessons
        origins[("sequence", band_id)] = Origin(school.origin.file, school.origin.raw, ("sequences", band_id))
    sequences = curriculum.sequences.model_copy(update={"bands": sequence_bands})
    regions = dict(curriculum.regions)
    if config.region in regions:
        region = regions[config.region]
        kept = [s for s in region.services if s.id not in config.hide_services]
        regions[config.region] = region.model_copy(update={"services": kept + list(config.extra_services)})
        for i, service in enumerate(config.extra_services):
            origins[("service", config.region, service.id)] = Origin(
                school.origin.file, school.origin.raw, ("extra_services", i))
    return dataclasses.replace(curriculum, bands=bands, sequences=sequences, regions=regions, origins=origins)
