"""The `lessonpack batch` command: read the CSV, build this shard's schools, report, write the summary."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import click

from .. import pipeline
from ..errors import LessonpackError
from .fingerprint import inputs_hash
from .prepare import Batch, prepare_all
from .rows import read_rows
from .summary import SUMMARY, record, summary, summary_line, write_if_changed
from .worker import run


def run_batch(csv_file: Path, out: Path, shard: tuple[int, int] | None = None, jobs: int | None = None,
              formats: tuple[str, ...] = pipeline.DEFAULT_FORMATS, force: bool = False) -> int:
    """Build the schools of *csv_file* (one shard of them) into *out*; print each problem and a
    summary line; return the exit code: 1 if any school failed."""
    shown = str(csv_file)
    header, rows = read_rows(csv_file, shown)
    batch = Batch(csv_file, shown, out, tuple(formats), force, inputs_hash(tuple(formats)))
    entries = prepare_all(rows, batch)
    index, count = shard or (1, 1)
    mine = entries[index - 1::count]
    ready = [e for e in mine if e.task is not None] if not header else []
    outcomes = run([e.task for e in ready], jobs or os.cpu_count() or 1)
    found = {entry.row.number: record(entry, outcome) for entry, outcome in zip(ready, outcomes)}
    write_if_changed(out / SUMMARY, summary(entries, header, out))
    for note in header:
        click.echo(note.line(shown, 1), err=True)
    for entry in mine:
        for note in entry.notes + found.get(entry.row.number, []):
            click.echo(note.line(shown, entry.row.number), err=True)
    skipped = sum(o.status == "skipped" for o in outcomes)
    failed = len(mine) - sum(o.status != "failed" for o in outcomes)
    click.echo(summary_line(len(mine) - failed, len(mine), skipped, failed, shard, out / SUMMARY))
    return 1 if failed else 0


def _shard(ctx, param, value: str | None) -> tuple[int, int] | None:
    """Return --shard I/N as (I, N), or raise a usage error."""
    if value is None:
        return None
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", value)
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise click.BadParameter(f"{value!r}: expected I/N with 1 <= I <= N, such as 2/3")
    return int(match[1]), int(match[2])


@click.command()
@click.argument("csv_file", metavar="CSV", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Output folder: one folder per school in it.")
@click.option("--shard", callback=_shard, metavar="I/N",
              help="Build only the I-th of N slices of the rows (round-robin), such as 2/3.")
@click.option("--jobs", type=click.IntRange(min=1), help="Schools to build at once (default: one per core).")
@click.option("--format", "formats", multiple=True, type=click.Choice(pipeline.FORMATS),
              help="pptx, docx or pdf (repeatable; default: pptx and docx; pdf also writes both).")
@click.option("--force", is_flag=True, help="Rebuild every school, overwriting files changed by hand.")
def batch(csv_file, out, shard, jobs, formats, force):
    """Build one pack per school of a trust or district, listed one per row of a CSV file."""
    try:
        code = run_batch(csv_file, out, shard, jobs, tuple(formats) or pipeline.DEFAULT_FORMATS, force)
    except LessonpackError as e:
        for line in e.lines():
            click.echo(line, err=True)
        sys.exit(1)
    sys.exit(code)
