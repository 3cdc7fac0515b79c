"""The pipeline: load, adapt, check, plan, render, write. Usable from Python as well as the CLI."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import ContentError, Problem, UsageProblem
from .gate import (
    ArtefactCheck,
    GateReport,
    GateRules,
    check_artefact,
    gate_rules,
    pupil_paths,
    report,
)
from .gate.exports import deck_quiz, read_export
from .gate.inspect import read_deck, read_document
from .load.checks import check, does_not_fit
from .load.config import School, adapt, load_school
from .load.curriculum import Curriculum, load_curriculum
from .paths import shipped
from .plan.deck import compose
from .plan.packs import BandPack, Lesson, band_pack
from .plan.schedule import DoesNotFit, Schedule
from .render.artefacts import Artefact, PackRenderer
from .render.design import design_for
from .render.templating import compile_all, environment
from .render.variants import VARIANTS
from .write.pdf import PdfUnavailable, to_pdf
from .write.stamp import build_time
from .write.writer import write_pack

OFFICE = ("pptx", "docx")
EXPORTS = ("imscc", "moodle-xml", "gift", "kahoot", "wayground", "blooket", "json")
FORMATS = OFFICE + ("pdf",) + EXPORTS
DEFAULT_FORMATS = OFFICE


@dataclass
class BuildOptions:
    """What to build; every field mirrors a `lessonpack build` option."""

    bands: list[str] = field(default_factory=list)
    lessons: list[str] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)
    config: Path | None = None
    curriculum: Path | None = None
    out: Path = Path("output")
    formats: list[str] = field(default_factory=lambda: list(DEFAULT_FORMATS))
    force: bool = False
    strict: bool = False
    paper: str | None = None
    variants: list[str] = field(default_factory=list)
    today: dt.date = field(default_factory=dt.date.today)
    band_files: bool = True         # the band's letters, briefing and print sheets besides its lessons
    workers: int | None = None      # processes to render with; default one per core (a batch or server: 1)
    progress: Callable[[str, int, int], None] | None = None     # told (stage, done, of) as the build goes
    curricula: dict | None = None   # curricula already read in this process (a batch's), reused by folder and region


@dataclass
class Loaded:
    """A checked curriculum, adapted for a school, and the warnings found on the way."""

    curriculum: Curriculum
    school: School
    warnings: list[Problem]


def load(options: BuildOptions) -> Loaded:
    """Load and check the curriculum and config for the bands to build; raise ContentError if
    anything is an error."""
    school = load_school(options.config)
    curriculum = adapt(_curriculum(options, school.config.region), school)
    built = [b for b in bands_asked(curriculum, school, options) if b in curriculum.bands]
    problems = check(curriculum, school, options.today, built) + school.notices()
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return Loaded(curriculum, school, problems)


def _curriculum(options: BuildOptions, region: str) -> Curriculum:
    """Return the curriculum as read in *region*: from options.curricula when it holds it (a
    build adapts a copy for its school and leaves the curriculum as read unchanged)."""
    folder = options.curriculum or shipped("lessons")
    if options.curricula is None:
        return load_curriculum(folder, region)
    key = (folder.absolute(), region, Path.cwd())     # the working folder: the paths messages show
    if key not in options.curricula:
        options.curricula[key] = load_curriculum(folder, region)
    return options.curricula[key]


def bands_asked(curriculum: Curriculum, school: School, options: BuildOptions) -> list[str]:
    """Return the bands to build: those asked for, else the config's default bands, else all."""
    return options.bands or school.config.default_bands or list(curriculum.bands)


@dataclass
class Planned:
    """The pack of every band asked for, and each lesson fitted to its length (by band and lesson id)."""

    packs: list[BandPack]
    schedules: dict[tuple[str, str], Schedule]


def plan(loaded: Loaded, options: BuildOptions) -> Planned:
    """Return the pack of every band asked for (default: the config's default bands, or all),
    each lesson composed; raise ContentError naming each lesson that cannot fit."""
    known = loaded.curriculum.bands
    bands = bands_asked(loaded.curriculum, loaded.school, options)
    unknown = [b for b in bands if b not in known]
    if unknown:
        raise UsageProblem(f"unknown band {unknown[0]!r}; expected one of {', '.join(known)}")
    packs = [band_pack(loaded.curriculum, loaded.school, b, lessons_for(b, options.lessons), options.modules)
             for b in bands]
    schedules, problems = {}, []
    for pack in packs:
        for lesson in pack.lessons:
            try:
                schedules[pack.band.id, lesson.id] = compose(pack, lesson)
            except DoesNotFit as e:
                problems.append(does_not_fit(loaded.curriculum, loaded.school, pack.band.id, lesson.id,
                                             pack.lesson_minutes, e.message))
    if problems:
        raise ContentError(problems)
    return Planned(packs, schedules)


def lessons_for(band: str, asked: list[str]) -> list[str]:
    """Return the lessons asked for in *band*: ids given bare (every band), and "BAND/LESSON" ids
    of this band; none means all its lessons."""
    return [lesson.partition("/")[2] for lesson in asked if lesson.startswith(f"{band}/")] + \
        [lesson for lesson in asked if "/" not in lesson]


@dataclass(frozen=True)
class _Job:
    """One lesson's artefacts to render (or, with no lesson, the band's documents) and check."""

    renderer: PackRenderer
    lesson: Lesson | None
    schedule: Schedule | None
    formats: frozenset
    rules: GateRules
    variants: tuple


_JOBS: list[_Job] = []      # in a worker process: the build's jobs, inherited when it forks


def render(loaded: Loaded, planned: Planned, options: BuildOptions) -> tuple[list[Artefact], list[ArtefactCheck]]:
    """Return every artefact of the planned packs that *options* asks for, rendered in memory, and
    the gate's check of every file rendered (a quiz export's deck too), in parallel on several cores."""
    formats, written = rendered_formats(options.formats), written_formats(options.formats)
    letters = "docx" in written and not options.modules and options.band_files
    rules = gate_rules(loaded.curriculum, loaded.school)
    variants = tuple(options.variants or loaded.school.config.variants)
    renderers = _renderers(loaded, planned, options)
    jobs = [_Job(r, lesson, planned.schedules[r.pack.band.id, lesson.id], formats, rules, variants)
            for r in renderers for lesson in r.pack.lessons]
    jobs += [_Job(r, None, None, formats, rules, variants) for r in renderers] if letters else []
    workers = min(len(jobs), options.workers or os.cpu_count() or 1)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():   # no fork on Windows
        parts = [_told(options, "Making and checking the files", n, len(jobs), _run(job)) for n, job in enumerate(jobs, 1)]
    else:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_inherit, initargs=(jobs,)) as pool:
            parts = [_told(options, "Making and checking the files", n, len(jobs), part)
                     for n, part in enumerate(pool.map(_run_job, range(len(jobs))), 1)]
    artefacts, checks = [a for part, _ in parts for a in part], [c for _, part in parts for c in part]
    if "imscc" in formats:
        for renderer in renderers:
            artefact, check = _cartridge(renderer, artefacts, planned, rules)
            artefacts, checks = artefacts + [artefact], checks + [check]
    return [a for a in artefacts if a.format in written], checks   # every rendered file is checked


def _renderers(loaded: Loaded, planned: Planned, options: BuildOptions) -> list[PackRenderer]:
    """Return a renderer per planned pack, with one template environment per region, each
    template compiled before the workers fork."""
    when = build_time_of(loaded)
    text = loaded.school.path(loaded.school.config.templates.text)
    folders = ([text] if text else []) + [shipped("templates") / "text"]
    envs, out = {}, []
    for pack in planned.packs:
        if pack.region.region not in envs:
            envs[pack.region.region] = environment(folders, pack.localiser.respell)
            compile_all(envs[pack.region.region])
        out.append(PackRenderer(pack, design_for(pack, when, options.paper), envs[pack.region.region]))
    return out


def _cartridge(renderer: PackRenderer, artefacts: list[Artefact], planned: Planned,
               rules: GateRules) -> tuple[Artefact, ArtefactCheck]:
    """Return the band's Common Cartridge of its lessons' built files, and the gate's check of it."""
    pack = renderer.pack
    cartridge = renderer.cartridge([a for a in artefacts if a.band == pack.band.id], planned.schedules)
    decks = {a.lesson: read_deck(a.data) for a in artefacts if a.band == pack.band.id and a.kind == "slides"}
    quizzes = tuple(deck_quiz(decks[lesson.id]) for lesson in pack.lessons)
    cartridge = replace(cartridge, facts=read_export("imscc", cartridge.data))
    return replace(cartridge, facts=None), check_artefact(cartridge, pack, rules, quizzes=quizzes)


def _told(options: BuildOptions, stage: str, done: int, of: int, result=None):
    """Tell options.progress that *done* of *of* steps of *stage* are done; return *result*."""
    if options.progress:
        options.progress(stage, done, of)
    return result


def _inherit(jobs: list[_Job]) -> None:
    """Keep the build's jobs in a forked worker, which then runs them by number (nothing pickled)."""
    _JOBS[:] = jobs


def _run_job(number: int) -> tuple[list[Artefact], list[ArtefactCheck]]:
    return _run(_JOBS[number])


def build_time_of(loaded: Loaded):
    """Return the timestamp every document of the build carries."""
    curriculum = loaded.curriculum
    return build_time([m.reviewed for m in curriculum.modules.values()] + [curriculum.frame.reviewed])


def formats_asked(formats) -> list[str]:
    """Return *formats* with "all" made every format."""
    return list(FORMATS) if "all" in formats else list(formats)


def rendered_formats(asked) -> frozenset:
    """Return the formats to render: those asked for; both office formats for PDF and for a
    cartridge, which hold them; and the deck for every quiz export, whose quiz the gate compares
    with the deck's."""
    asked = set(asked)
    if asked & {"pdf", "imscc"}:
        asked |= set(OFFICE)
    if asked & set(EXPORTS):
        asked.add("pptx")
    return frozenset(asked)


def written_formats(asked) -> frozenset:
    """Return the formats written to the pack: those asked for, and both office formats for PDF."""
    return frozenset(set(asked) | (set(OFFICE) if "pdf" in asked else set()))


def _run(job: _Job) -> tuple[list[Artefact], list[ArtefactCheck]]:
    """Return one job's artefacts, each with the gate's check of the built file."""
    renderer = job.renderer
    if job.lesson is None:
        artefacts = renderer.band_artefacts()
    else:
        artefacts = renderer.lesson_artefacts(job.lesson, job.schedule, job.formats, job.variants)
    artefacts = [replace(a, facts=_facts(a)) for a in artefacts]
    deck = next((a.facts for a in artefacts if a.kind == "slides"), None)
    handout = next((a.facts for a in artefacts if a.kind == "handout" and a.variant == "standard"), None)
    quizzes = (deck_quiz(deck),) if deck else ()
    checks = [check_artefact(a, renderer.pack, job.rules, deck, handout, quizzes) for a in artefacts]
    return [replace(a, facts=None) for a in artefacts], checks


def _facts(artefact: Artefact):
    """Return what the gate reads back from *artefact*'s bytes."""
    readers = {"pptx": read_deck, "docx": read_document}
    return readers[artefact.format](artefact.data) if artefact.format in readers else \
        read_export(artefact.format, artefact.data)


def gate(loaded: Loaded, planned: Planned, artefacts: list[Artefact], checks: list[ArtefactCheck],
         options: BuildOptions) -> GateReport:
    """Return the safeguarding gate's report; raise ContentError on an error (or, with strict, a warning)."""
    result = report(checks, planned.packs, gate_rules(loaded.curriculum, loaded.school), pupil_paths(artefacts))
    result.problems = loaded.warnings + result.problems
    if any(p.severity == "error" or options.strict for p in result.problems):
        raise ContentError(result.problems)
    return result


def build(options: BuildOptions) -> tuple[list[Artefact], list[Problem]]:
    """Build the packs *options* ask for into options.out; return the artefacts and warnings."""
    _told(options, "Reading the lessons and your settings", 0, 1)
    loaded = load(options)                       # read and check every input first
    planned = plan(loaded, options)              # choose lessons, modules and services per band; fit each lesson
    artefacts, checks = render(loaded, planned, options)   # render and check everything in memory
    result = gate(loaded, planned, artefacts, checks, options)   # stop on any safeguarding error
    if "pdf" in options.formats:
        _told(options, f"Converting {len(artefacts)} files to PDF", 0, 1)
        try:
            artefacts += to_pdf(artefacts, build_time_of(loaded))   # one LibreOffice run for all files
        except PdfUnavailable as e:
            write_pack(options.out, artefacts, options.force)  # the office files are still useful
            raise PdfUnavailable(f"{e}; the PPTX and DOCX files were written to {options.out}") from e
    write_pack(options.out, artefacts, options.force)  # then write all files, or none
    _told(options, "Done", 1, 1)
    return artefacts, result.problems


def validate(options: BuildOptions) -> GateReport:
    """Build every pack in memory, in every print variant and every format but PDF, and run the
    gate; raise ContentError if anything fails."""
    options = replace(options, variants=list(VARIANTS), formats=list(OFFICE + EXPORTS))
    loaded = load(options)
    planned = plan(loaded, options)
    return gate(loaded, planned, *render(loaded, planned, options), options)

