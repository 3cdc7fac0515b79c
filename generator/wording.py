"""Text changed throughout a record: a school's own name for the crime put in place of the
curriculum's, and the walk over every string of a record that localising shares."""

from __future__ import annotations

import re

from pydantic import BaseModel


def with_term(record: BaseModel, old: str | None, new: str | None) -> BaseModel:
    """Return *record* with every *old* in its text replaced by *new*, keeping a capital letter."""
    if not old or not new or old.lower() == new.lower():
        return record
    pattern = re.compile(re.escape(old), re.I)

    def swap(match: re.Match) -> str:
        return new[0].upper() + new[1:] if match.group(0)[0].isupper() else new

    return map_text(record, lambda text: pattern.sub(swap, text))


NAMES = frozenset({"id", "modules", "handout_activity"})   # identifiers, never rewritten


def map_text(record: BaseModel, change) -> BaseModel:
    """Return *record* with *change* applied to every string in it but its identifiers."""

    def walk(value):
        if isinstance(value, str):
            return change(value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: v if k in NAMES else walk(v) for k, v in value.items()}
        return value

    return type(record).model_validate(walk(record.model_dump(by_alias=True)))
