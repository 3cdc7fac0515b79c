"""Building the schools: one school's pack in a process, and the tasks run several at once."""

from __future__ import annotations

import multiprocessing
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from tqdm import tqdm

from .. import pipeline
from ..errors import ContentError, LessonpackError, Problem
from .fingerprint import up_to_date
from .origins import ROW_CONFIG


@dataclass(frozen=True)
class Task:
    """What a worker needs to build one school."""

    folder: Path
    config: str                   # the merged config as YAML, its paths absolute
    fingerprint: str
    formats: tuple[str, ...]
    force: bool
    bands: int = 0                # how many bands it builds; 0: every band


@dataclass(frozen=True)
class Outcome:
    """How one school's build went: built, skipped or failed, with the files and problems."""

    status: str
    files: int = 0
    problems: tuple[Problem, ...] = ()     # the row's own config problems name ROW_CONFIG as their file
    messages: tuple[str, ...] = ()         # errors located nowhere else: writing, PDF, a crash


def build_school(task: Task) -> Outcome:
    """Build one school's pack in this process, unless its outputs already match its inputs."""
    if not task.force and up_to_date(task.folder, task.fingerprint):
        return Outcome("skipped")
    try:
        with tempfile.TemporaryDirectory(prefix="lessonpack-batch-") as tmp:
            config = Path(tmp) / "school.yaml"
            config.write_text(task.config, "utf-8")
            options = pipeline.BuildOptions(config=config, out=task.folder, force=task.force, workers=1,
                                            formats=list(task.formats), curricula=_CURRICULA)
            try:
                artefacts, warnings = pipeline.build(options)
            except ContentError as e:
                return Outcome("failed", problems=_named(e.problems, config))
        return Outcome("built", len(artefacts), _named(warnings, config))
    except LessonpackError as e:
        return Outcome("failed", messages=tuple(e.lines()))
    except Exception as e:      # a bug: one line for this school, and the other schools still build
        return Outcome("failed", messages=(f"lessonpack failed unexpectedly ({type(e).__name__}: {e}); "
                                           "please report it",))


def _named(problems: list[Problem], config: Path) -> tuple[Problem, ...]:
    """Return *problems*, those in the temporary config renamed ROW_CONFIG."""
    return tuple(replace(p, file=ROW_CONFIG) if p.file == str(config) else p for p in problems)


_CURRICULA: dict = {}     # this process's curricula as read, reused by every school it builds


def run(tasks: list[Task], jobs: int) -> list[Outcome]:
    """Return the outcome of each task, built *jobs* at a time in worker processes, with a progress bar."""
    bar = dict(total=len(tasks), desc="Building", unit="school", file=sys.stderr, disable=not sys.stderr.isatty())
    if jobs < 2 or len(tasks) < 2:
        return [build_school(task) for task in tqdm(tasks, **bar)]
    return _in_parallel(tasks, min(jobs, len(tasks)), bar)


def _in_parallel(tasks: list[Task], jobs: int, bar: dict) -> list[Outcome]:
    """Return the outcome of each task, built in *jobs* forked processes (spawned where there is no
    fork), the schools with the most bands first so the workers finish together."""
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    order = sorted(range(len(tasks)), key=lambda i: _size(tasks[i]), reverse=True)
    outcomes: dict[int, Outcome] = {}
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        futures = {pool.submit(build_school, tasks[i]): i for i in order}
        with tqdm(**bar) as progress:         # made after the workers start: its thread is not forked
            for future in as_completed(futures):
                try:
                    outcomes[futures[future]] = future.result()
                except BrokenProcessPool:
                    outcomes[futures[future]] = Outcome("failed", messages=(
                        "the build's process stopped (out of memory?); run the batch again with fewer --jobs",))
                progress.update()
    return [outcomes[i] for i in range(len(tasks))]


def _size(task: Task) -> tuple[bool, int]:
    """Return how large a school's build is, to sort by: every band (none named) is the largest."""
    return task.bands == 0, task.bands
