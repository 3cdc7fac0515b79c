"""Region text in curriculum YAML: keep what belongs to the build's region, drop the rest.

Two forms, both resolved before the schema sees the data:
- a region choice, a mapping whose keys are region codes (and optionally ``other``), stands for
  the value of the build's region (else ``other``); in a list, an item with neither is left out;
- a list item that is a mapping with ``regions: [UK, AU]`` is kept only in those regions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import Problem
from .yamlsrc import LineDict, LineList, field_path, line_of

OTHER = "other"
CODE = re.compile(r"^[A-Z]{2}$")


def is_choice(node) -> bool:
    """Return whether *node* is a region choice: a mapping keyed only by region codes and `other`."""
    return (isinstance(node, LineDict) and bool(node)
            and all(isinstance(k, str) and (CODE.match(k) or k == OTHER) for k in node)
            and any(k != OTHER for k in node))


@dataclass
class Chooser:
    """Resolves one file's region text for *region*, noting unknown codes as problems."""

    region: str
    known: frozenset
    shown: str
    raw: object
    problems: list

    def resolve(self, node, loc: tuple = ()):
        """Return *node* with its region text resolved; `_DROP` when it has none for the region."""
        if is_choice(node):
            self._codes(list(k for k in node if k != OTHER), loc)
            key = self.region if self.region in node else OTHER
            return self.resolve(node[key], loc + (key,)) if key in node else _DROP
        if isinstance(node, LineDict):
            if "regions" in node and isinstance(node["regions"], list):
                self._codes(node["regions"], loc + ("regions",))
                if self.region not in node["regions"]:
                    return _DROP
            out = LineDict()
            out.line, out.lines = node.line, {}
            for key, value in node.items():
                if key == "regions" and isinstance(value, list):
                    continue
                resolved = self.resolve(value, loc + (key,))
                if resolved is _DROP:
                    self.problems.append(Problem(self.shown, line_of(self.raw, loc + (key,)),
                                                 field_path(loc + (key,)),
                                                 f"has no text for region {self.region}; add {self.region} "
                                                 f"or {OTHER} to the region choice"))
                    continue
                out[key], out.lines[key] = resolved, node.lines.get(key, node.line)
            return out
        if isinstance(node, LineList):
            out = LineList()
            out.line, out.lines = node.line, []
            for i, item in enumerate(node):
                resolved = self.resolve(item, loc + (i,))
                if resolved is not _DROP:
                    out.append(resolved)
                    out.lines.append(node.lines[i])
            return out
        return node

    def _codes(self, codes, loc: tuple) -> None:
        for code in codes:
            if code not in self.known:
                self.problems.append(Problem(self.shown, line_of(self.raw, loc), field_path(loc),
                                             f"unknown region {code!r}; expected one of {', '.join(sorted(self.known))}"))


_DROP = object()


def choose_region(raw, region: str, known, shown: str) -> tuple[object, list[Problem]]:
    """Return *raw* (parsed YAML of file *shown*) as read in *region*, and the problems found."""
    chooser = Chooser(region, frozenset(known), shown, raw, [])
    resolved = chooser.resolve(raw)
    return (LineDict() if resolved is _DROP else resolved), chooser.problems
