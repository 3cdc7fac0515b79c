"""Read YAML safely, keeping the line of every key and list item for error messages."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import Problem


class LineDict(dict):
    """A mapping that remembers the line of each key and of itself."""

    line = 0
    lines: dict


class LineList(list):
    """A list that remembers the line of each item and of itself."""

    line = 0
    lines: list


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loader (libyaml's when available) that builds LineDict and LineList nodes."""

    def construct_mapping(self, node, deep=False):
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            mapping.lines[key] = value_node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node, deep=False):
        items = LineList(super().construct_sequence(node, deep=True))
        items.line = node.start_mark.line + 1
        items.lines = [item.start_mark.line + 1 for item in node.value]
        return items


# Dates stay text here so that the schema, not the YAML parser, reports a bad date with its field.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


class YamlError(Exception):
    """Raised when a file cannot be read or is not valid YAML; carries one Problem."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


NOT_TEXT = ("is not a YAML text file ({what}); save the settings as plain text, for example by "
            "editing the file `lessonpack init` writes")


def load_yaml(path: Path, shown: str) -> object:
    """Return the parsed contents of *path*; *shown* is the name used in messages."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise YamlError(Problem(shown, 0, "", f"cannot read file: {e.strerror}")) from e
    if data.startswith(b"PK\x03\x04"):
        raise YamlError(Problem(shown, 0, "", NOT_TEXT.format(what="it is a Word document or another zip file")))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise YamlError(Problem(shown, 0, "", NOT_TEXT.format(what="it is not UTF-8 text"))) from e
    if "\x00" in text:
        raise YamlError(Problem(shown, 0, "", NOT_TEXT.format(what="it holds binary data")))
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 0
        raise YamlError(Problem(shown, line, "", f"invalid YAML: {e.problem}")) from e
    except yaml.YAMLError as e:
        raise YamlError(Problem(shown, 0, "", f"invalid YAML: {e}")) from e


def line_of(data: object, loc: tuple) -> int:
    """Return the line of the deepest node of *data* that *loc* reaches."""
    line = getattr(data, "line", 0)
    node = data
    for key in loc:
        if isinstance(node, LineDict) and key in node:
            line, node = node.lines.get(key, line), node[key]
        elif isinstance(node, LineList) and isinstance(key, int) and 0 <= key < len(node):
            line, node = node.lines[key], node[key]
        else:
            break
    return line


def field_path(loc: tuple) -> str:
    """Return a readable field path such as ``bands.9-11.slides[3].notes``."""
    out = ""
    for key in loc:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out
