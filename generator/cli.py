"""The `lessonpack` command: parse options, call the library, turn errors into messages and exit codes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import pipeline
from .batch import batch
from .errors import LessonpackError, UsageProblem
from .load.starter import write_starter
from .plan.listing import describe, reading_report
from .render.variants import VARIANTS

EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
EXISTING_DIR = click.Path(exists=True, file_okay=False, path_type=Path)


def _options(**kwargs) -> pipeline.BuildOptions:
    return pipeline.BuildOptions(**{k: v for k, v in kwargs.items() if v is not None and v != []})


def _run(action):
    """Run *action*; print problems one per line and exit 1 (2 for usage problems)."""
    try:
        return action()
    except UsageProblem as e:
        raise click.UsageError(str(e)) from e
    except LessonpackError as e:
        for line in e.lines():
            click.echo(line, err=True)
        sys.exit(1)


def _warn(warnings) -> None:
    for warning in warnings:
        click.echo(str(warning), err=True)


config_option = click.option("--config", type=EXISTING_FILE, help="School config (YAML).")
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors.")
lessons_option = click.option("--lessons", "curriculum", type=EXISTING_DIR,
                              help="Curriculum folder (default: the curriculum shipped with lessonpack).")


@click.group()
@click.version_option(package_name="lessonpack")
def main():
    """Build age-banded lesson packs on online sexual coercion and extortion."""


@main.command()
@click.option("--band", "bands", multiple=True, help="Age band id (repeatable; default: every band).")
@click.option("--lesson", "lessons", multiple=True,
              help="Build only this lesson (repeatable; BAND/LESSON for one band's lesson).")
@click.option("--module", "modules", multiple=True, help="Build one custom lesson of these modules, in order.")
@config_option
@lessons_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Output folder.")
@click.option("--format", "formats", multiple=True, type=click.Choice(pipeline.FORMATS + ("all",)),
              help="pptx, docx, pdf (also writes both), imscc (a Common Cartridge per band), moodle-xml, gift, "
                   "kahoot, wayground, blooket (each lesson's quiz), json (each lesson's data), or all "
                   "(repeatable; default: pptx and docx).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), help="Paper size (default: the config's, else the region's).")
@click.option("--variant", "variants", multiple=True, type=click.Choice(list(VARIANTS)),
              help="Pupil handout variant (repeatable; default: the config's, else standard).")
@click.option("--force", is_flag=True, help="Overwrite files that were changed by hand.")
@strict_option
def build(bands, lessons, modules, config, curriculum, out, formats, paper, variants, force, strict):
    """Build lesson packs into the output folder, if they pass the safeguarding gate."""
    if lessons and modules:
        raise click.UsageError("use --lesson or --module, not both")
    options = _options(bands=list(bands), lessons=list(lessons), modules=list(modules), config=config,
                       curriculum=curriculum, out=out, formats=pipeline.formats_asked(formats or pipeline.DEFAULT_FORMATS), force=force, strict=strict,
                       paper=paper, variants=list(variants))
    artefacts, warnings = _run(lambda: pipeline.build(options))
    _warn(warnings)
    files = f"{len(artefacts)} file" + ("" if len(artefacts) == 1 else "s")
    click.echo(f"Wrote {files} and manifest.json to {out}/")


@main.command()
@config_option
@lessons_option
@strict_option
@click.option("--report", is_flag=True, help="Also print each band's measured reading grades.")
def validate(config, curriculum, strict, report):
    """Check the curriculum, a school config and every pack built from them; report every problem."""
    result = _run(lambda: pipeline.validate(_options(config=config, curriculum=curriculum, strict=strict)))
    _warn(result.problems)
    if report:
        for line in reading_report(result.grades, result.targets):
            click.echo(line)
    click.echo(f"OK: no errors, {len(result.problems)} warning(s)")


@main.command(name="list")
@config_option
@lessons_option
def list_(config, curriculum):
    """List age bands, lessons, modules and regions, one line each."""
    loaded = _run(lambda: pipeline.load(_options(config=config, curriculum=curriculum)))
    for line in describe(loaded.curriculum):
        click.echo(line)


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), default=Path("my-school.yaml"))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(path, force):
    """Write a commented starter school config for a safeguarding lead."""
    _run(lambda: write_starter(path, force))
    click.echo(f"Wrote {path}: fill it in, then run: lessonpack validate --config {path}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 to serve a network, behind your own login).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", type=click.IntRange(1, 64), help="Builds at once (default: one per core); more queue.")
@click.option("--time-limit", default=300, show_default=True, type=click.IntRange(5, 3600),
              help="Seconds a build may take before it is stopped.")
def serve(host, port, workers, time_limit):
    """Run the web page where a safeguarding lead makes the school's pack without a terminal."""
    from .serve.app import serve as run
    click.echo(f"lessonpack is serving on http://{host}:{port}/ (Ctrl+C stops it)")
    run(host, port, workers, time_limit)


main.add_command(batch)
