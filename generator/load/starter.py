"""Write the commented starter school config (`lessonpack init`)."""

from __future__ import annotations

from pathlib import Path

from ..errors import OutputError
from ..paths import shipped


def write_starter(path: Path, force: bool = False) -> None:
    """Copy the starter config to *path*, refusing to replace an existing file unless *force*."""
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; use --force to replace it")
    text = (shipped("templates") / "my-school.yaml").read_text("utf-8")
    try:
        path.write_text(text, "utf-8")
    except OSError as e:
        raise OutputError(f"{path}: cannot write ({e})") from e
