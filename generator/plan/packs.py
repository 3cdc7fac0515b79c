"""Select what each pack holds: a band's lessons, their modules and the services that fit."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ContentError, Problem
from ..load.config import School
from ..load.curriculum import Curriculum
from ..model import (
    AgeBand,
    BandTiming,
    Baseline,
    FrameBand,
    HelpService,
    LessonSpec,
    Module,
    ModuleBand,
    ParentBand,
    Region,
)
from .localise import Localiser
from .wording import map_text, term_swap


@dataclass(frozen=True)
class Segment:
    """A module as taught to one band."""

    module: Module
    content: ModuleBand

    @property
    def title(self) -> str:
        return self.content.title or self.module.title


@dataclass(frozen=True)
class Lesson:
    """One lesson of a band's pack, with everything its artefacts show."""

    id: str
    title: str
    number: int
    count: int
    segments: tuple[Segment, ...]
    staff: tuple[Segment, ...]
    baseline: Baseline
    exit_slip: tuple[str, ...]
    links: tuple = ()

    @property
    def module_ids(self) -> list[str]:
        return [s.module.id for s in self.segments]

    @property
    def keywords(self) -> list:
        """Return the keywords of every segment, each term once (its first definition)."""
        terms = {}
        for segment in self.segments:
            for keyword in segment.content.keywords:
                terms.setdefault(keyword.term.lower(), keyword)
        return list(terms.values())

    @property
    def key_messages(self) -> list[str]:
        """Return the key messages of every segment, each once, in teaching order."""
        return list(dict.fromkeys(m for s in self.segments for m in s.content.key_messages))


@dataclass(frozen=True)
class BandPack:
    """Everything built for one age band."""

    band: AgeBand
    lessons: tuple[Lesson, ...]
    frame: FrameBand
    parents: ParentBand
    region: Region
    school: School
    lesson_minutes: int
    timing: BandTiming
    elsewhere: dict[str, str]       # where a part left out for time could be taught instead
    localiser: Localiser

    def services(self, audience: str) -> list[HelpService]:
        """Return the region's services that fit this band and *audience*, emergency first."""
        fitting = [s for s in self.region.services if fits(s, self.band, audience)]
        return sorted(fitting, key=lambda s: not s.emergency)

    def age_note(self, service: HelpService, audience: str = "students") -> str:
        """Return a note such as "when you are 18" when a service covers only part of the band
        (or, for parents and staff, is only for adults)."""
        if audience != "students":
            return f"for adults, {service.ages.min} and over" if service.from_18 else ""
        if service.adults_only and service.ages.min <= self.band.min_age:
            return f"for adults, {service.ages.min} and over"
        if service.ages.min > self.band.min_age:
            return f"when you are {service.ages.min}" if service.adults_only else f"from age {service.ages.min}"
        if service.ages.max < self.band.max_age:
            return f"under {service.ages.max + 1}"
        return ""

    def service_title(self, service: HelpService, audience: str = "students") -> str:
        """Return the service's name with its age note: "Kids Helpline", "Lifeline (for adults,
        18 and over)", "ACCCE (Australian Federal Police), under 18"."""
        note = self.age_note(service, audience)
        if not note:
            return service.name
        return f"{service.name}, {note}" if service.name.endswith(")") else f"{service.name} ({note})"


def fits(service: HelpService, band: AgeBand, audience: str) -> bool:
    """Return whether *service* belongs in *band*'s artefacts for *audience*: parents see what
    their child's band may see (so no crisis line for 9-11), and adults' services they would use."""
    if audience not in service.audiences:
        return False
    overlaps = service.ages.min <= band.max_age and service.ages.max >= band.min_age
    old_enough = service.list_from_age is None or band.min_age >= service.list_from_age
    if audience == "students":
        return overlaps and old_enough
    if audience == "parents":
        return old_enough and (overlaps or "students" not in service.audiences)
    return overlaps or "students" not in service.audiences


def band_pack(curriculum: Curriculum, school: School, band_id: str,
              lesson_ids: list[str] = (), module_ids: list[str] = ()) -> BandPack:
    """Return the pack for *band_id*: its default lessons, the named ones, or one custom lesson."""
    band = curriculum.bands[band_id]
    content = band.content_band
    specs = curriculum.sequences.bands.get(band_id) or curriculum.sequences.bands[content]
    if module_ids:
        specs = [_custom_spec(curriculum, specs[0], module_ids, content)]
    elif lesson_ids:
        unknown = [i for i in lesson_ids if i not in {s.id for s in specs}]
        if unknown:
            raise ContentError([Problem("--lesson", 0, "", f"band {band_id} has no lesson {i!r}; "
                                        f"expected one of {', '.join(s.id for s in specs)}") for i in unknown])
    old, new = band.preferred_term, school.config.preferred_term     # the school's name for the crime
    region = curriculum.regions[school.config.region]
    localiser = Localiser(region, band, school.config.dsl, school.config.school)
    swap = term_swap(old, new)

    def local(record):
        """Return *record* as this school reads it: its region's words, its people, its term."""
        return map_text(record, lambda text: swap(localiser.text(text)))

    modules = {i: local(m.model_copy(update={"bands": {content: m.bands[content]}}))
               for i, m in curriculum.modules.items()
               if m.audience == "staff" and content in m.bands or any(i in s.modules for s in specs)}
    staff = tuple(Segment(m, m.bands[content]) for m in modules.values() if m.audience == "staff")
    lessons = tuple(
        Lesson(spec.id, spec.title, n, len(specs),
               tuple(Segment(modules[m], modules[m].bands[content]) for m in spec.modules),
               staff, spec.baseline, tuple(spec.exit_slip), tuple(spec.links))
        for n, spec in enumerate((local(s) for s in specs), start=1)
        if not lesson_ids or spec.id in lesson_ids or module_ids)
    elsewhere = {part: swap(localiser.text(text)) for part, text in curriculum.timing.elsewhere.items()}
    return BandPack(band if not new or not old else band.model_copy(update={"preferred_term": new}), lessons,
                    local(curriculum.frame.bands[content]), local(curriculum.parents.bands[content]),
                    region, school, lesson_minutes(curriculum, school, band_id), band_timing(curriculum, band_id),
                    elsewhere, localiser)


def lesson_minutes(curriculum: Curriculum, school: School, band_id: str) -> int:
    """Return how long *band_id*'s lessons are: the school's band setting, else its lesson_minutes,
    else the curriculum's."""
    config = school.config
    band = next((b for b in config.bands if b.id == band_id and b.lesson_minutes), None)
    return band.lesson_minutes if band else config.lesson_minutes or curriculum.sequences.lesson_minutes


def band_timing(curriculum: Curriculum, band_id: str) -> BandTiming:
    """Return the part times of *band_id*, or of the band its content comes from."""
    band = curriculum.bands[band_id]
    timing = curriculum.timing.bands
    return timing.get(band_id) or timing[band.content_band]


def _custom_spec(curriculum: Curriculum, first: LessonSpec, module_ids: list[str], content: str) -> LessonSpec:
    """Return a lesson made of *module_ids*, with the baseline and exit slip of the band's first lesson."""
    problems = []
    for module_id in module_ids:
        module = curriculum.modules.get(module_id)
        if module is None or module.audience != "students" or content not in module.bands:
            problems.append(Problem("--module", 0, "", f"{module_id!r} is not a pupil module written for band {content}"))
    if problems:
        raise ContentError(problems)
    title = " and ".join(curriculum.modules[i].bands[content].title or curriculum.modules[i].title
                         for i in module_ids)
    return LessonSpec(id="custom", title=title, modules=module_ids, baseline=first.baseline, exit_slip=first.exit_slip)
