"""Reading the CSV: its columns, its rows' filled-in cells, and notes naming row and column."""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError, Problem

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
