"""Text changed throughout a record: the walk over every string of a record, and a school's own
name for the crime put in place of the curriculum's."""

from __future__ import annotations

import re

from pydantic import BaseModel


def term_swap(old: str | None, new: str | None):
    """Return a function putting *new* in place of every *old* in a text, keeping a capital letter
    (the text unchanged when there is nothing to swap)."""
    if not old or not new or old.lower() == new.lower():
        return lambda text: text
    pattern = re.compile(re.escape(old), re.I)

    def swap(match: re.Match) -> str:
        return new[0].upper() + new[1:] if match.group(0)[0].isupper() else new

    return lambda text: pattern.sub(swap, text)


NAMES = frozenset({"id", "modules", "match"})   # identifiers and patterns, never rewritten


def map_text(record: BaseModel, change) -> BaseModel:
    """Return *record* with *change* applied to every string in it but its identifiers. The copy
    is not validated again: limits such as a title's length hold for the text as written, before
    a school's names fill its tokens."""

    def walk(value):
        if isinstance(value, str):
            return change(value)
        if isinstance(value, BaseModel):
            return value.model_copy(update={k: v if k in NAMES else walk(v) for k, v in value})
        if isinstance(value, (list, tuple)):
            return type(value)(walk(v) for v in value)
        if isinstance(value, dict):
            return {k: v if k in NAMES else walk(v) for k, v in value.items()}
        return value

    return walk(record)
