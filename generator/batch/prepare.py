"""A row made ready to build: its cells and YAML config merged and checked, its folder and build task."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from ..load.config import SchoolConfig
from ..load.schema import parse
from ..load.yamlsrc import YamlError, load_yaml
from .fingerprint import dump, fingerprint
from .origins import ROW_CONFIG, Origins
from .rows import COLUMNS, CONFIG, LISTS, Note, Row
from .worker import Task

PATHS = (("branding", "logo"), ("templates", "slides"), ("templates", "documents"), ("templates", "text"))


@dataclass(frozen=True)
class Batch:
    """The settings every school of a run shares."""

    csv: Path
    shown: str                    # the CSV's name in messages
    out: Path
    formats: tuple[str, ...]
    force: bool
    inputs: str                   # the hash of everything besides the row that the packs depend on


@dataclass
class Entry:
    """A row made ready to build: its school, folder and task, or the problems that stop it."""

    row: Row
    origins: Origins
    school: str = ""
    slug: str = ""
    notes: list[Note] = field(default_factory=list)
    task: Task | None = None


def slug(name: str) -> str:
    """Return the folder name for a school: lower case, ASCII letters and digits joined by hyphens
    (apostrophes dropped, so "St Aidan's" is st-aidans)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"['\u2019]", "", ascii_name.lower())).strip("-")


def prepare(row: Row, batch: Batch) -> Entry:
    """Return *row* read into a school config and checked, with its build task when it has no errors."""
    cells = _cells(row.cells)
    entry = Entry(row, Origins(cells), notes=list(row.notes))
    yaml_raw = None
    if CONFIG in row.cells:
        yaml_raw, shown, notes = _yaml_config(row.cells[CONFIG], batch)
        entry.origins, entry.notes = Origins(cells, yaml_raw, shown), entry.notes + notes
        if notes:               # without its YAML the row cannot be checked; only its name may be known
            entry.school = cells.get("school", "")
            entry.slug = slug(entry.school)
            return entry
    logo = row.cells.get("logo")
    if logo and not (batch.csv.parent / logo).is_file():
        entry.notes.append(Note(f"file not found: {Path(batch.shown).parent / logo}; give the path of a PNG or "
                                "JPEG, relative to the CSV file, or clear the cell", "logo"))
    merged = _merge(_plain(yaml_raw) if yaml_raw else {}, cells)
    config, problems = parse(SchoolConfig, merged, ROW_CONFIG)
    entry.notes += [entry.origins.note(p) for p in problems]
    name = config.school if config else merged.get("school")
    entry = _named_entry(entry, name if isinstance(name, str) else "")
    if not entry.notes:
        entry.task = _task(merged, row, batch, entry.slug, len(config.default_bands))
    return entry


def _named_entry(entry: Entry, school: str) -> Entry:
    """Return *entry* with its school's name and folder, or a note that the name gives no folder."""
    entry.school, entry.slug = school, slug(school)
    if not entry.slug:
        text = (f"{school!r} has no letters or digits to name its folder with; spell it out" if school
                else "is empty; give the school's name, which names its folder")
        entry.notes.append(Note(text, "school"))
    return entry


def _cells(cells: dict[str, str]) -> dict:
    """Return a row's filled-in cells as config fields, in the shape of a YAML config."""
    tree: dict = {}
    for column, text in cells.items():
        if column == CONFIG:
            continue
        *parents, leaf = COLUMNS[column]
        node = tree
        for key in parents:
            node = node.setdefault(key, {})
        if column in LISTS:
            node[leaf] = [item for item in re.split(r"[;,\s]+", text) if item]
        else:
            node[leaf] = int(text) if column == "lesson_minutes" and text.isdigit() else text
    return tree


def _yaml_config(value: str, batch: Batch) -> tuple[object, str, list[Note]]:
    """Return a row's YAML config as parsed (None when empty), its name in messages, and its problems."""
    path, shown = batch.csv.parent / value, str(Path(batch.shown).parent / value)
    if not path.is_file():
        return None, shown, [Note(f"file not found: {shown}; give the path of a school config (YAML), relative "
                                  "to the CSV file, or clear the cell", CONFIG)]
    try:
        raw = load_yaml(path, shown)
    except YamlError as e:
        return None, shown, [Note(str(e.problem))]
    if raw is not None and not isinstance(raw, dict):
        problem = Problem(shown, getattr(raw, "line", 1) or 1, "", "is not a lessonpack config: expected fields "
                          "such as school: and dsl:; `lessonpack init` writes a starter")
        return None, shown, [Note(str(problem))]
    return raw, shown, []


def _plain(node: object) -> object:
    """Return parsed YAML as plain dicts and lists."""
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_plain(value) for value in node]
    return node


def _merge(base: dict, over: dict) -> dict:
    """Return *base* with the fields of *over* set in it, mapping by mapping."""
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return out


def _task(merged: dict, row: Row, batch: Batch, folder: str, bands: int) -> Task:
    """Return the build of a checked config of *bands* bands: its paths made absolute, and its fingerprint."""
    portable, absolute, files = dict(merged), dict(merged), {}
    for section, name in PATHS:
        value = merged.get(section, {}).get(name)
        if not isinstance(value, str):
            continue
        in_row = (section, name) == ("branding", "logo") and "logo" in row.cells
        written = Path(value) if in_row else Path(row.cells.get(CONFIG, "")).parent / value   # from the CSV's folder
        path = (batch.csv.parent / written).absolute()
        portable[section] = {**portable[section], name: written.as_posix()}
        absolute[section] = {**absolute[section], name: str(path)}
        files[f"{section}.{name}"] = path
    return Task(batch.out / folder, dump(absolute), fingerprint(batch.inputs, portable, files), batch.formats,
                batch.force, bands)


def prepare_all(rows: list[Row], batch: Batch) -> list[Entry]:
    """Return every row prepared; a row whose folder name an earlier row already has is an error."""
    entries, seen = [prepare(row, batch) for row in rows], {}
    for entry in entries:
        if entry.slug in seen:
            entry.notes.append(Note(f"{entry.school!r} makes the same folder name, {entry.slug}, as row "
                                    f"{seen[entry.slug]}; give each school a different name", "school"))
            entry.task = None
        elif entry.slug:
            seen[entry.slug] = entry.row.number
    return entries
