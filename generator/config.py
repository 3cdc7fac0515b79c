"""The school config a safeguarding lead writes, and how it adapts the curriculum."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .curriculum import Curriculum, Origin
from .errors import ContentError, Problem
from .model import AgeBand, HelpService, Id, LanguageRule, LessonSpec, Record, Text
from .schema import parse
from .yamlsrc import YamlError, load_yaml

Colour = Annotated[str, StringConstraints(pattern=r"^#?[0-9A-Fa-f]{6}$")]


class DSL(Record):
    """The school's Designated Safeguarding Lead, as pupils should find them."""

    name: Text
    role: Text = "Designated Safeguarding Lead"
    where: Text | None = None


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
    lesson_minutes: int | None = Field(default=None, ge=30, le=120)
    branding: Branding = Branding()
    templates: Templates = Templates()
    bands: list[AgeBand] = []
    default_bands: list[Text] = []
    sequences: dict[str, list[LessonSpec]] = {}
    extra_services: list[HelpService] = []
    hide_services: list[Id] = []
    preferred_term: Text | None = None
    language_rules: list[LanguageRule] = []
    variants: list[Literal["standard", "large-print", "dyslexia"]] = Field(default=["standard"], min_length=1)


@dataclasses.dataclass(frozen=True)
class School:
    """A loaded school config and the folder its relative paths start from."""

    config: SchoolConfig
    folder: Path
    origin: Origin | None = None

    def path(self, value: str | None) -> Path | None:
        """Return *value* resolved against the config's folder."""
        return None if value is None else (self.folder / value)

    @property
    def dsl_name(self) -> str:
        dsl = self.config.dsl
        return dsl.name if dsl else "your Designated Safeguarding Lead"


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
    config, problems = parse(SchoolConfig, raw or {}, shown)
    if problems:
        raise ContentError(problems)
    return School(config, path.parent, Origin(shown, raw))


def adapt(curriculum: Curriculum, school: School) -> Curriculum:
    """Return *curriculum* with the school's bands, sequences, lesson length and services applied."""
    config = school.config
    if school.origin is None:
        return curriculum
    origins = dict(curriculum.origins)
    bands = dict(curriculum.bands)
    for i, band in enumerate(config.bands):
        bands[band.id] = band
        origins[("band", band.id)] = Origin(school.origin.file, school.origin.raw, ("bands", i))
    sequence_bands = dict(curriculum.sequences.bands)
    for band_id, lessons in config.sequences.items():
        sequence_bands[band_id] = lessons
        origins[("sequence", band_id)] = Origin(school.origin.file, school.origin.raw, ("sequences", band_id))
    sequences = curriculum.sequences.model_copy(update={
        "bands": sequence_bands,
        "lesson_minutes": config.lesson_minutes or curriculum.sequences.lesson_minutes,
    })
    regions = dict(curriculum.regions)
    if config.region in regions:
        region = regions[config.region]
        kept = [s for s in region.services if s.id not in config.hide_services]
        regions[config.region] = region.model_copy(update={"services": kept + list(config.extra_services)})
        for i, service in enumerate(config.extra_services):
            origins[("service", config.region, service.id)] = Origin(
                school.origin.file, school.origin.raw, ("extra_services", i))
    return dataclasses.replace(curriculum, bands=bands, sequences=sequences, regions=regions, origins=origins)
