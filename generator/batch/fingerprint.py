"""What a school's pack depends on, as a hash, and whether its folder was built from it and is intact."""

from __future__ import annotations

import hashlib
import os
from importlib.metadata import version
from pathlib import Path

import yaml

from ..errors import OutputError
from ..paths import shipped
from ..write.writer import read_manifest, sha256
from .summary import read_record


def inputs_hash(formats: tuple[str, ...]) -> str:
    """Return the hash of what every pack depends on besides its school: the lessonpack version, the
    shipped curriculum and templates, the formats and SOURCE_DATE_EPOCH (the documents' date)."""
    parts = [version("lessonpack"), _content_hash(shipped("lessons")), _content_hash(shipped("templates")),
             ",".join(sorted(formats)), os.environ.get("SOURCE_DATE_EPOCH", "")]
    return sha256("\0".join(parts).encode())


def fingerprint(inputs: str, portable: dict, files: dict[str, Path]) -> str:
    """Return the hash of a school's inputs: the batch's *inputs*, its config (its paths as written
    from the CSV's folder, so moving the trust's folder changes nothing) and the files it names."""
    digest = hashlib.sha256(inputs.encode())
    digest.update(dump(portable).encode())
    for name, path in sorted(files.items()):
        digest.update(f"\0{name}\0{_content_hash(path)}".encode())
    return digest.hexdigest()


def dump(config: dict) -> str:
    """Return *config* as YAML, its keys sorted, so the same config is always the same text."""
    return yaml.safe_dump(config, sort_keys=True, allow_unicode=True, default_flow_style=False)


def _content_hash(path: Path) -> str:
    """Return the hash of a file's bytes, or of every file's relative path and bytes in a folder."""
    if path.is_file():
        return sha256(path.read_bytes())
    if not path.is_dir():
        return "missing"
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(f"{file.relative_to(path).as_posix()}\0{sha256(file.read_bytes())}\n".encode())
    return digest.hexdigest()


def up_to_date(folder: Path, fingerprint: str) -> bool:
    """Return whether *folder* was built from inputs with *fingerprint* and every file its manifest
    lists is there as written."""
    record = read_record(folder)
    if record is None or record.get("fingerprint") != fingerprint or record.get("status") != "ok":
        return False
    try:
        entries = read_manifest(folder)
    except OutputError:
        return False
    return bool(entries) and all((folder / path).is_file() and sha256((folder / path).read_bytes()) == entry["sha256"]
                                 for path, entry in entries.items())
