"""Turn parsed YAML into model records, reporting every schema problem with its line."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from .yamlsrc import field_path, line_of

M = TypeVar("M", bound=BaseModel)

_FORMS = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "(lowercase words joined by hyphens, like grooming-patterns)",
    r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$": "(letters and digits joined by hyphens, like 11-14)",
    r"^[A-Z]{2}$": "(a two-letter region code, like UK)",
    r"^[a-z]{2}-[A-Z]{2}$": "(a language tag, like en-GB)",
    r"^#?[0-9A-Fa-f]{6}$": "(a six-digit hex colour, like 1F3864)",
}

_MESSAGES = {
    "missing": "required",
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "bool_type": "expected true or false",
    "list_type": "expected a list",
    "dict_type": "expected a mapping of names to values",
    "model_type": "expected a mapping of fields",
    "date_type": "expected a date as YYYY-MM-DD",
    "date_from_datetime_parsing": "expected a date as YYYY-MM-DD",
    "date_parsing": "expected a date as YYYY-MM-DD",
}


def parse(model: type[M], raw: object, shown: str, prefix: tuple = ()) -> tuple[M | None, list[Problem]]:
    """Return (*raw* validated as *model*, []) or (None, every problem found in it)."""
    try:
        return model.model_validate(raw), []
    except ValidationError as e:
        return None, [_problem(err, raw, shown, prefix) for err in e.errors()]


def _problem(err: dict, raw: object, shown: str, prefix: tuple) -> Problem:
    """Return the Problem for one pydantic error."""
    loc = tuple(k for k in err["loc"] if not (isinstance(k, str) and "[" in k))
    rule = "completeness" if err["type"] in ("missing", "too_short", "string_too_short") else ""
    return Problem(shown, line_of(raw, loc), field_path(prefix + loc), _message(err), rule=rule)


def _message(err: dict) -> str:
    """Return a short, plain message for one pydantic error."""
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown field (check the spelling against the schema in README.md)"
    if kind == "literal_error":
        return f"expected one of {err['ctx']['expected']}"
    if kind == "value_error":
        return str(err["ctx"]["error"])
    ctx = err.get("ctx", {})
    if kind == "string_pattern_mismatch":
        return f"{err['input']!r} is not in the expected form {_FORMS.get(ctx['pattern'], ctx['pattern'])}"
    if kind == "too_short":
        return f"needs at least {ctx['min_length']} item(s)"
    if kind == "too_long":
        return f"has more than {ctx['max_length']} items; split it up"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is longer than {ctx['max_length']} characters; shorten it"
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    text = err["msg"]
    return text[0].lower() + text[1:]


def located(raw: object, shown: str, loc: tuple, message: str, severity: str = "error", rule: str = "") -> Problem:
    """Return a Problem at the line of *loc* inside *raw*."""
    return Problem(shown, line_of(raw, loc), field_path(loc), message, severity, rule)
