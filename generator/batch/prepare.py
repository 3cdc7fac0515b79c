"""`lessonpack batch`: one pack per school of a multi-academy trust or district, listed in a CSV.

Each row is a school config flattened into columns, optionally with a YAML config for the rest
(the row's filled-in cells win). The schools build in parallel, one process each, into
OUT/<school-slug>/, and a school whose outputs already match its inputs is skipped. With
`--shard i/n` a run builds only one of n disjoint slices of the rows, so several machines can
share a batch: each school's folder keeps a status record, and every run ends by rebuilding
OUT/batch-summary.csv from the CSV's rows and the records present, so the last shard's summary
is the whole batch's.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import json
import multiprocessing
import os
import re
import sys
import tempfile
import unicodedata
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field, replace
from importlib.metadata import version
from pathlib import Path

import click
import yaml
from tqdm import tqdm

from . import pipeline
from .errors import ContentError, LessonpackError, OutputError, Problem
from .load.config import SchoolConfig
from .load.schema import parse
from .load.yamlsrc import YamlError, line_of, load_yaml
from .paths import shipped
from .write.writer import read_manifest, sha256

COLUMNS = {                       # each column and the config field it sets
    "school": ("school",),
    "region": ("region",),
    "paper": ("paper",),
    "lesson_minutes": ("lesson_minutes",),
    "dsl_name": ("dsl", "name"),
    "dsl_role": ("dsl", "role"),
    "dsl_where": ("dsl", "where"),
    "dsl_contact": ("dsl", "contact"),
    "deputy_name": ("dsl", "deputy", "name"),
    "deputy_role": ("dsl", "deputy", "role"),
    "deputy_where": ("dsl", "deputy", "where"),
    "deputy_contact": ("dsl", "deputy", "contact"),
    "primary": ("branding", "primary"),
    "accent": ("branding", "accent"),
    "logo": ("branding", "logo"),
    "default_bands": ("default_bands",),
    "variants": ("variants",),
}
CONFIG = "config"                 # the column naming a YAML config for everything else
KNOWN = [*COLUMNS, CONFIG]
LISTS = {"default_bands", "variants"}
PATHS = (("branding", "logo"), ("templates", "slides"), ("templates", "documents"), ("templates", "text"))
HINTS = {"lesson_minutes": "; give the lesson length in minutes, from 40 to 75"}   # for schema problems
ROW_CONFIG = "<row config>"       # the file a row's merged config problems name until placed in the CSV or YAML
STATUS = "batch-status.json"
SUMMARY = "batch-summary.csv"
SUMMARY_COLUMNS = ("row", "school", "folder", "status", "files", "warnings", "errors", "problem")


@dataclass(frozen=True)
class Note:
    """One problem with a row: what is wrong, the column it is in ("" for none) and its severity."""

    text: str
    column: str = ""
    severity: str = "error"

    def line(self, shown: str, row: int) -> str:
        """Return the note as the terminal shows it, naming the CSV file and the row."""
        column = f", column {self.column}" if self.column else ""
        return f"{shown}: row {row}{column}: {self.text}"

    def short(self) -> str:
        """Return the note as the summary's problem column shows it, beside its row."""
        return f"column {self.column}: {self.text}" if self.column else self.text


@dataclass(frozen=True)
class Row:
    """One school's row: its number as a spreadsheet shows it (the header is row 1), its filled-in
    cells by column, and the problems with the cells as written."""

    number: int
    cells: dict[str, str]
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Batch:
    """The settings every school of a run shares."""

    csv: Path
    shown: str                    # the CSV's name in messages
    out: Path
    formats: tuple[str, ...]
    force: bool
    inputs: str                   # the hash of everything besides the row that the packs depend on


@dataclass(frozen=True)
class Task:
    """What a worker needs to build one school."""

    folder: Path
    config: str                   # the merged config as YAML, its paths absolute
    fingerprint: str
    formats: tuple[str, ...]
    force: bool


@dataclass(frozen=True)
class Outcome:
    """How one school's build went: built, skipped or failed, with the files and problems."""

    status: str
    files: int = 0
    problems: tuple[Problem, ...] = ()     # the row's own config problems name ROW_CONFIG as their file
    messages: tuple[str, ...] = ()         # errors located nowhere else: writing, PDF, a crash


@dataclass(frozen=True)
class Origins:
    """Where each field of a row's merged config came from: the row's cells or its YAML config."""

    cells: dict
    yaml: object = None           # the YAML config as parsed, with its lines; None without one
    yaml_shown: str = ""

    def note(self, problem: Problem) -> Note:
        """Return *problem* placed where it is fixed: a column of the row, or a line of the YAML."""
        if problem.file != ROW_CONFIG:
            return Note(str(problem), severity=problem.severity)
        loc = _loc(problem.field)
        in_row, in_yaml = _depth(self.cells, loc), _depth(self.yaml, loc)
        if self.yaml is not None and (in_row == 0 or in_row < in_yaml):
            placed = replace(problem, file=self.yaml_shown, line=line_of(self.yaml, loc))
            return Note(str(placed), severity=problem.severity)
        column = _column(loc)
        label = "warning: " if problem.severity == "warning" else ""
        if problem.message == "required":
            return Note(f"{label}is empty, but the row gives other details of this person; fill it in"
                        if column.endswith("_name") else f"{label}required; fill it in", column, problem.severity)
        rule = f"[{problem.rule}] " if problem.rule else ""
        hint = HINTS.get(column, "") if not problem.rule else ""
        return Note(f"{rule}{label}{problem.message}{hint}", column, problem.severity)


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


def read_rows(path: Path, shown: str) -> tuple[list[Note], list[Row]]:
    """Return the problems with the CSV's header row, and its rows (blank rows left out)."""
    records = _records(path, shown)
    if not records:
        raise ContentError([Problem(shown, 0, "", "is empty; its first row names the columns, such as "
                                    "school,dsl_name,primary")])
    names, notes = _header(records[0])
    rows = [_row(number, cells, names) for number, cells in enumerate(records[1:], start=2)
            if any(cell.strip() for cell in cells)]
    return notes, rows


def _records(path: Path, shown: str) -> list[list[str]]:
    """Return the CSV's records, read as UTF-8 with or without a byte-order mark."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as e:
        raise ContentError([Problem(shown, 0, "", f"cannot read file: {e.strerror}")]) from e
    except UnicodeDecodeError as e:
        raise ContentError([Problem(shown, 0, "", "is not UTF-8 text; save it as \"CSV UTF-8\"")]) from e
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return list(reader)
    except csv.Error as e:
        raise ContentError([Problem(shown, reader.line_num, "", f"is not a readable CSV file ({e})")]) from e


def _header(cells: list[str]) -> tuple[list[str], list[Note]]:
    """Return the header's column names, normalised, and a note for each unknown or repeated one."""
    names, notes = [], []
    for cell in cells:
        name = re.sub(r"[\s-]+", "_", cell.strip().lower())
        if name and name not in KNOWN:
            near = difflib.get_close_matches(name, KNOWN, n=1)
            hint = f"did you mean {near[0]}? " if near else ""
            notes.append(Note(f"unknown column; {hint}the columns are {', '.join(KNOWN)}", cell.strip()))
        elif name and name in names:
            notes.append(Note("appears twice; keep one column of each name", cell.strip()))
        names.append(name)
    return names, notes


def _row(number: int, cells: list[str], names: list[str]) -> Row:
    """Return one row's filled-in cells under the known columns, and a note for each cell with no column name."""
    filled, notes = {}, []
    for i, cell in enumerate(cells):
        value = cell.strip()
        name = names[i] if i < len(names) else ""
        if value and not name:
            notes.append(Note(f"{value!r} is in a column with no name in row 1; name the column or clear the "
                              "cell", _letter(i)))
        elif value and name in KNOWN:
            filled[name] = value
    return Row(number, filled, tuple(notes))


def _letter(index: int) -> str:
    """Return a spreadsheet's letters for the column at *index* (0: A, 26: AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


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
        entry.task = _task(merged, row, batch, entry.slug)
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


def _task(merged: dict, row: Row, batch: Batch, folder: str) -> Task:
    """Return the build of a checked config: its paths made absolute, and its fingerprint."""
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
    return Task(batch.out / folder, _dump(absolute), _fingerprint(batch, portable, files), batch.formats, batch.force)


def _fingerprint(batch: Batch, portable: dict, files: dict[str, Path]) -> str:
    """Return the hash of a school's inputs: the batch's, its config (its paths as written from the
    CSV's folder, so moving the trust's folder changes nothing) and the files it names."""
    digest = hashlib.sha256(batch.inputs.encode())
    digest.update(_dump(portable).encode())
    for name, path in sorted(files.items()):
        digest.update(f"\0{name}\0{_content_hash(path)}".encode())
    return digest.hexdigest()


def _dump(config: dict) -> str:
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


def inputs_hash(formats: tuple[str, ...]) -> str:
    """Return the hash of what every pack depends on besides its school: the lessonpack version, the
    shipped curriculum and templates, the formats and SOURCE_DATE_EPOCH (the documents' date)."""
    parts = [version("lessonpack"), _content_hash(shipped("lessons")), _content_hash(shipped("templates")),
             ",".join(sorted(formats)), os.environ.get("SOURCE_DATE_EPOCH", "")]
    return sha256("\0".join(parts).encode())


def _loc(field_path: str) -> tuple:
    """Return the field path of a Problem (``dsl.deputy.name``, ``default_bands[1]``) as keys."""
    return tuple(int(key[1:-1]) if key.startswith("[") else key for key in re.findall(r"\[\d+\]|[^.\[]+", field_path))


def _depth(tree: object, loc: tuple) -> int:
    """Return how many of *loc*'s keys lead into *tree*."""
    depth = 0
    for key in loc:
        inside = key in tree if isinstance(tree, dict) else (
            isinstance(tree, list) and isinstance(key, int) and 0 <= key < len(tree))
        if not inside:
            break
        tree, depth = tree[key], depth + 1
    return depth


def _column(loc: tuple) -> str:
    """Return the column that sets the config field at *loc* (for a mapping such as dsl, its first column)."""
    holding = [c for c, path in COLUMNS.items() if loc[:len(path)] == path]
    inside = [c for c, path in COLUMNS.items() if loc and path[:len(loc)] == loc]
    return (holding or inside or [""])[0]


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


def build_school(task: Task) -> Outcome:
    """Build one school's pack in this process, unless its outputs already match its inputs."""
    if not task.force and up_to_date(task.folder, task.fingerprint):
        return Outcome("skipped")
    try:
        with tempfile.TemporaryDirectory(prefix="lessonpack-batch-") as tmp:
            config = Path(tmp) / "school.yaml"
            config.write_text(task.config, "utf-8")
            options = pipeline.BuildOptions(config=config, out=task.folder, force=task.force, workers=1,
                                            formats=list(task.formats))
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


def read_record(folder: Path) -> dict | None:
    """Return the status record of a school's folder, or None when it has none that can be read."""
    try:
        record = json.loads((folder / STATUS).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def run(tasks: list[Task], jobs: int) -> list[Outcome]:
    """Return the outcome of each task, built *jobs* at a time in worker processes, with a progress bar."""
    bar = dict(total=len(tasks), desc="Building", unit="school", file=sys.stderr, disable=not sys.stderr.isatty())
    if jobs < 2 or len(tasks) < 2:
        return [build_school(task) for task in tqdm(tasks, **bar)]
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    outcomes: dict[int, Outcome] = {}
    with ProcessPoolExecutor(min(jobs, len(tasks)), mp_context=context) as pool:
        futures = {pool.submit(build_school, task): i for i, task in enumerate(tasks)}
        with tqdm(**bar) as progress:         # made after the workers start: its thread is not forked
            for future in as_completed(futures):
                try:
                    outcomes[futures[future]] = future.result()
                except BrokenProcessPool:
                    outcomes[futures[future]] = Outcome("failed", messages=(
                        "the build's process stopped (out of memory?); run the batch again with fewer --jobs",))
                progress.update()
    return [outcomes[i] for i in range(len(tasks))]


def record(entry: Entry, outcome: Outcome) -> list[Note]:
    """Write the status record of a school built (or failed) now, keep a skipped school's; return
    the problems found now."""
    if outcome.status == "skipped":
        return []
    notes = [entry.origins.note(p) for p in outcome.problems] + [Note(m) for m in outcome.messages]
    status = "failed" if outcome.status == "failed" else "ok"
    body = {"fingerprint": entry.task.fingerprint, "status": status, "files": outcome.files,
            "problems": [asdict(n) for n in notes]}
    write_if_changed(entry.task.folder / STATUS, (json.dumps(body, indent=2) + "\n").encode())
    return notes


def write_if_changed(path: Path, data: bytes) -> None:
    """Write *data* to *path* atomically (a reader sees the old file or the new), unless it holds it already."""
    try:
        if path.is_file() and path.read_bytes() == data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as temp:
            temp.write(data)
        os.replace(temp.name, path)
    except OSError as e:
        raise OutputError(f"{path}: cannot write it ({e.strerror})") from e


def summary(entries: list[Entry], header: list[Note], out: Path) -> bytes:
    """Return OUT/batch-summary.csv: a line per row, from its problems or its folder's status record."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(SUMMARY_COLUMNS)
    for entry in entries:
        writer.writerow([entry.row.number, entry.school, entry.slug, *_state(entry, header, out)])
    return text.getvalue().encode("utf-8-sig")        # the mark tells Excel it is UTF-8


def _state(entry: Entry, header: list[Note], out: Path) -> list:
    """Return a row's status, files, warnings, errors and first error, as the summary shows them."""
    notes = header + entry.notes
    if notes:
        return ["failed", 0, 0, len(notes), notes[0].short()]
    found = read_record(out / entry.slug)
    if found is None:
        return ["not built", 0, 0, 0, ""]
    if found.get("fingerprint") != entry.task.fingerprint:
        return ["out of date", 0, 0, 0, ""]
    problems = [Note(**p) for p in found.get("problems", [])]
    errors = [p for p in problems if p.severity == "error"]
    return [found.get("status", ""), found.get("files", 0), len(problems) - len(errors), len(errors),
            errors[0].short() if errors else ""]


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


def summary_line(ok: int, total: int, skipped: int, failed: int, shard: tuple[int, int] | None, path: Path) -> str:
    """Return the run's last line: how many schools were built, skipped and failed, and where the summary is."""
    counts = ", ".join(part for part in (f"{skipped} skipped as up to date" if skipped else "",
                                         f"{failed} failed" if failed else "") if part)
    scope = f" in shard {shard[0]}/{shard[1]}" if shard else ""
    return (f"Built {ok} of {total} school{'' if total == 1 else 's'}{scope}{f' ({counts})' if counts else ''}; "
            f"summary in {path}")


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
