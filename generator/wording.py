"""A school's own name for the crime, put in place of the curriculum's wherever it appears."""

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

    def walk(value):
        if isinstance(value, str):
            return pattern.sub(swap, value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    return type(record).model_validate(walk(record.model_dump(by_alias=True)))
