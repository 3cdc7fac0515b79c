"""Shared fixtures: one full build of the shipped curriculum, and copies to break on purpose."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import BuildOptions, build
from generator.cli import main
from generator.paths import shipped

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Return the output folder of a build of every default band, with no config."""
    out = tmp_path_factory.mktemp("packs")
    build(BuildOptions(out=out, today=TODAY))
    return out


@pytest.fixture(scope="session")
def manifest(built) -> list[dict]:
    return json.loads((built / "manifest.json").read_text())["artefacts"]


@pytest.fixture(scope="session")
def school_build(tmp_path_factory) -> Path:
    """Return the output folder of a build with a school config naming its DSL, with a logo."""
    folder = tmp_path_factory.mktemp("school")
    from PIL import Image

    Image.new("RGB", (200, 100), "#1F3864").save(folder / "logo.png")
    (folder / "school.yaml").write_text(
        "school: Hillside Academy\n"
        "dsl:\n  name: Ms Okafor\n  where: Room 12, by the library\n"
        "branding:\n  primary: 'FFD700'\n  logo: logo.png\n")
    out = folder / "out"
    build(BuildOptions(out=out, config=folder / "school.yaml", bands=["11-14"], today=TODAY))
    return out


@pytest.fixture
def curriculum(tmp_path) -> Path:
    """Return a writable copy of the shipped curriculum."""
    copy = tmp_path / "lessons"
    shutil.copytree(shipped("lessons"), copy)
    return copy


@pytest.fixture
def cli(monkeypatch, tmp_path):
    """Run `lessonpack ARGS` in a temporary folder; return click's result."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def run(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return run


def lesson_files(root: Path, name: str) -> list[Path]:
    return sorted(root.glob(f"*/*/{name}"))
