"""The only code that touches the output folder: all files or none, hand edits never lost."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..errors import OutputError
from ..render.artefacts import Artefact

MANIFEST = "manifest.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_manifest(out: Path) -> dict[str, dict]:
    """Return the manifest entries already in *out*, keyed by path."""
    path = out / MANIFEST
    if not path.is_file():
        return {}
    try:
        return {entry["path"]: entry for entry in json.loads(path.read_text("utf-8"))["artefacts"]}
    except (ValueError, KeyError, TypeError) as e:
        raise OutputError(f"{path}: not a lessonpack manifest ({e}); move it away or delete it") from e


def write_pack(out: Path, artefacts: list[Artefact], force: bool = False) -> list[Path]:
    """Write *artefacts* into *out* atomically and update the manifest; return the paths written."""
    old = read_manifest(out)
    if not force:
        _refuse_hand_edits(out, artefacts, old)
    staged = []
    try:
        for artefact in artefacts:
            staged.append(_stage(out / artefact.path, artefact.data))
        entries = {path: entry for path, entry in old.items() if (out / path).is_file()}
        entries.update({a.path: _entry(a) for a in artefacts})
        manifest = {"generator": "lessonpack", "artefacts": [entries[p] for p in sorted(entries)]}
        staged.append(_stage(out / MANIFEST, (json.dumps(manifest, indent=2) + "\n").encode()))
    except OSError as e:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise OutputError(f"{out}: cannot write the pack ({e}); nothing was changed") from e
    for temp, target in staged:
        os.replace(temp, target)
    return [target for _, target in staged]


def _refuse_hand_edits(out: Path, artefacts: list[Artefact], old: dict[str, dict]) -> None:
    """Raise OutputError naming each file that lessonpack did not write as it is now."""
    problems = []
    for artefact in artefacts:
        target = out / artefact.path
        if not target.is_file():
            continue
        current = sha256(target.read_bytes())
        if current == sha256(artefact.data):
            continue
        if artefact.path not in old:
            problems.append(f"{target}: exists but was not written by lessonpack; use --force to overwrite it")
        elif old[artefact.path]["sha256"] != current:
            problems.append(f"{target}: changed by hand since lessonpack wrote it; use --force to overwrite it")
    if problems:
        raise OutputError(*problems, "nothing was written")


def _stage(target: Path, data: bytes) -> tuple[Path, Path]:
    """Write *data* beside *target* under a temporary name; return (temporary, target)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.partial")
    temp.write_bytes(data)
    return temp, target


def _entry(artefact: Artefact) -> dict:
    return {
        "path": artefact.path,
        "band": artefact.band,
        "lesson": artefact.lesson,
        "audience": artefact.audience,
        "kind": artefact.kind,
        "format": artefact.format,
        "variant": artefact.variant,
        "modules": list(artefact.modules),
        "sha256": sha256(artefact.data),
    }
