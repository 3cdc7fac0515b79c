"""Placing a problem with a row's merged config where it is fixed: a column of the row, or a line of its YAML."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..errors import Problem
from ..load.yamlsrc import line_of
from .rows import COLUMNS, Note

ROW_CONFIG = "<row config>"       # the file a row's merged config problems name until placed in the CSV or YAML
HINTS = {"lesson_minutes": "; give the lesson length in minutes, from 40 to 75"}   # for schema problems


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
